"""``nhsplan evaluate FILE``: figures against one or more editions' targets.

FILE (``-`` for standard input) is an observations CSV, or a published NHS England file
recognised by its header (A&E attendances, the RTT full CSV). ``--edition`` may be given more
than once: each edition judges the figures of the metrics it defines, and a metric defined
only in an edition not given is named in the error (``ae_4_hour is in edition 'standards'``).
Each data-quality warning is printed once, on stderr.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from nhsplan.cli._common import (
    CommandError,
    Subparsers,
    add_output,
    iso_date,
    org_code,
    printable,
)

if TYPE_CHECKING:
    from nhsplan.engines.columnar import FrameResult
    from nhsplan.evaluate.report import Report
    from nhsplan.model import Guidance, Observation

__all__ = ["progress_bar", "register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``evaluate`` to *commands*."""
    parser = commands.add_parser(
        "evaluate",
        help="evaluate a figures CSV against one or more editions",
        description=(
            "Evaluate figures against editions' targets. FILE (- for standard input) is a CSV "
            "with columns org, metric, period, value, unit, numerator, denominator (a value "
            "with its unit, or a numerator and denominator), or NHS England's published A&E "
            "attendances file or RTT full CSV. The exit code says whether the command ran, "
            "not whether targets were met."
        ),
    )
    parser.add_argument("file", help="figures CSV, or - for standard input")
    parser.add_argument(
        "--edition",
        action="append",
        required=True,
        metavar="EDITION",
        help="edition id (2021/22) or guidance file; repeat for several (--edition standards)",
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        required=True,
        type=iso_date,
        metavar="DATE",
        help="the date to assess on (2021-12-31)",
    )
    parser.add_argument("--org", type=org_code, help="only this organisation (ODS code, any case)")
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv", "parquet"),
        default="table",
        help="table (for people), json, csv, or parquet (with --output FILE; the duckdb extra)",
    )
    parser.add_argument(
        "--spc", action="store_true", help="add a Making Data Count reading to each assessment"
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="report bad rows and evaluate the rest, instead of stopping",
    )
    add_output(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Read the file, evaluate it, and print the report in the format asked for."""
    from nhsplan.catalog import load_guidance  # noqa: PLC0415 - keep --help fast
    from nhsplan.io.readers import MetricNotInGuidanceError  # noqa: PLC0415

    guidances: dict[str, Guidance] = {}
    for edition in args.edition:
        g = load_guidance(edition)
        guidances.setdefault(g.id, g)
    name = "<stdin>" if args.file == "-" else args.file
    try:
        result, issues = _read_and_evaluate(list(guidances.values()), name, args)
    except MetricNotInGuidanceError as exc:
        if not exc.editions:
            raise
        where = f" ({exc.where})" if exc.where else ""
        raise CommandError(
            f"{exc.metric} is in edition {exc.editions[0]!r}; add --edition {exc.editions[0]}"
            f"{where}"
        ) from None
    warnings = issues + result.warnings
    for warning in warnings:
        print(f"nhsplan: warning: {printable(warning)}", file=sys.stderr)
    _write(result, warnings, args.format, out, spc=args.spc)


def _read_and_evaluate(
    guidances: list[Guidance], name: str, args: argparse.Namespace
) -> tuple[Report | FrameResult, tuple[str, ...]]:
    """The report on the file's figures, and the file's issues; a large file part by part."""
    from nhsplan.cli._common import open_input  # noqa: PLC0415 - keep --help fast
    from nhsplan.cli._figures import columnar_file, read_figures  # noqa: PLC0415
    from nhsplan.engines.columnar.from_file import parquet_as_csv  # noqa: PLC0415

    org: str | None = args.org
    parquet = name != "<stdin>" and name.lower().endswith(".parquet")
    if name != "<stdin>" and len(guidances) == 1 and columnar_file(name):
        return _columnar(guidances[0], name, org, args)
    reports: list[list[Report]] = [[] for _ in guidances]
    issues: list[str] = []
    figures = kept = 0
    # several editions: the row reader reads a Parquet file as the CSV it would be, as
    # evaluate_file does where its fast paths cannot take one
    with parquet_as_csv(name) if parquet else open_input(args.file) as stream:
        for part in read_figures(stream, name, guidances, skip_invalid=args.skip_invalid):
            issues += [str(issue) for issue in part.issues]
            observations = [o for o in part.observations if org is None or o.org == org]
            figures += len(part.observations)
            kept += len(observations)
            for i, report in enumerate(_evaluate(guidances, observations, args)):
                reports[i].append(report)
    if org is not None and not kept and figures:
        raise CommandError(f"{name} has no figures for organisation {org}")
    return _joined([_parts_joined(r) for r in reports]), tuple(issues)


def _columnar(
    guidance: Guidance, name: str, org: str | None, args: argparse.Namespace
) -> tuple[FrameResult, tuple[str, ...]]:
    """An observation file (CSV or Parquet) read and evaluated column-wise (the duckdb extra)."""
    from nhsplan.engines.columnar import evaluate_file  # noqa: PLC0415 - keep --help fast

    result = evaluate_file(
        name,
        guidance,
        as_of=args.as_of,
        org=org,
        skip_invalid=args.skip_invalid,
        spc=args.spc,
    )
    account = result.account
    if org is not None and not account.judged + account.left_out and account.other_org:
        raise CommandError(f"{name} has no figures for organisation {org}")
    return result, ()  # the file's issues lead the result's warnings already


def _evaluate(
    guidances: list[Guidance], observations: list[Observation], args: argparse.Namespace
) -> list[Report]:
    from nhsplan.engines.guidance import evaluate_guidance  # noqa: PLC0415 - keep --help fast

    show_progress = len(observations) >= _PROGRESS_ROWS and sys.stderr.isatty()
    reports = []
    for g in guidances:
        known = {m.id for m in g.metrics}
        mine = [o for o in observations if o.metric in known]
        reports.append(
            evaluate_guidance(
                g,
                mine,
                as_of=args.as_of,
                progress=progress_bar if show_progress else None,
                spc=args.spc,
            )
        )
        if show_progress:
            print(file=sys.stderr)
    return reports


def _parts_joined(reports: list[Report]) -> Report:
    """One edition's reports on parts of the organisations, as one report ordered by org."""
    import attrs  # noqa: PLC0415 - keep --help fast

    if len(reports) == 1:
        return reports[0]
    assessments = sorted((a for r in reports for a in r.assessments), key=lambda a: a.org or "")
    warnings = tuple(w for r in reports for w in r.warnings)
    return attrs.evolve(reports[0], assessments=tuple(assessments), warnings=warnings)


def _joined(reports: list[Report]) -> Report:
    """The reports of several editions as one (each edition's assessments in turn)."""
    import attrs  # noqa: PLC0415 - keep --help fast

    if len(reports) == 1:
        return reports[0]
    return attrs.evolve(
        reports[0],
        edition=" + ".join(r.edition for r in reports),
        assessments=tuple(a for r in reports for a in r.assessments),
        priorities={k: v for r in reports for k, v in r.priorities.items()},
        warnings=tuple(w for r in reports for w in r.warnings),
    )


def _write(
    result: Report | FrameResult,
    warnings: tuple[str, ...],
    fmt: str,
    out: TextIO,
    *,
    spc: bool = False,
) -> None:
    import attrs  # noqa: PLC0415 - keep --help fast

    from nhsplan.evaluate.report import Report  # noqa: PLC0415 - keep --help fast

    if fmt == "csv":  # cells a spreadsheet would run as a formula are neutralised
        result.write_csv(out)
        return
    report = result if isinstance(result, Report) else result.report
    if fmt == "parquet":  # bytes: to the --output file, or to a pipe
        binary = getattr(out, "buffer", None)
        if binary is None or out.isatty():
            raise CommandError(
                "--format parquet writes a binary file: give --output FILE.parquet "
                "(or pipe standard output to a file)"
            )
        out.flush()
        report.write_parquet(binary)
        return
    if fmt == "json":  # the file's issues belong to the report's data too
        out.write(attrs.evolve(report, warnings=warnings).to_json() + "\n")
    else:  # the warnings went to stderr once; the table does not repeat them
        table = attrs.evolve(report, warnings=()).to_table(spc=spc)
        out.write(printable(table) + "\n")


_PROGRESS_ROWS = 10_000
"""Runs with at least this many observations show a progress bar (when stderr is a terminal)."""


def progress_bar(done: int, total: int) -> None:
    """Draw a progress bar on stderr: *done* of *total* organisations."""
    width = 30
    filled = width * done // total if total else width
    bar = "#" * filled + "." * (width - filled)
    sys.stderr.write(f"\r[{bar}] {done}/{total} organisations")
    sys.stderr.flush()
