"""``nhsplan report`` and ``nhsplan evaluate --spc``: the command line's SPC parts.

Kept apart from the command line's own module so that it only registers them:
:func:`add_report_parser` adds the ``report`` command, :func:`add_spc_flag` the ``--spc``
flag, and :func:`run_report` runs the command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Collection, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

import attrs

from nhsplan.cli._common import check_writable, iso_date, org_code, write_file
from nhsplan.errors import InvalidValueError

if TYPE_CHECKING:
    from nhsplan.evaluate.report import Report
    from nhsplan.model import CaseRecord, Guidance, Observation

__all__ = ["add_report_parser", "add_spc_flag", "run_report"]


def add_spc_flag(parser: argparse.ArgumentParser) -> None:
    """Add ``--spc`` (fill the variation and assurance columns) to ``nhsplan evaluate``."""
    parser.add_argument(
        "--spc",
        action="store_true",
        help="read each organisation's monthly series as a Making Data Count XmR chart and "
        "fill the variation and assurance columns",
    )


def add_report_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``report`` command to the command line's sub-commands."""
    report = commands.add_parser(
        "report",
        help="write an HTML performance report: verdicts and XmR charts on one page",
        description=(
            "Evaluate figures against an edition and write one self-contained HTML page: a "
            "summary table, then for each organisation and target its Making Data Count XmR "
            "chart with the variation and assurance icons, the verdict, the margin and the "
            'citation. Needs matplotlib (pip install "nhsplan[plot]").'
        ),
    )
    report.add_argument("file", type=Path, nargs="?", help="observations CSV (as for evaluate)")
    report.add_argument(
        "--edition",
        action="append",
        metavar="EDITION",
        help="edition id (2021/22) or guidance file; repeat for several (--edition standards)",
    )
    report.add_argument(
        "--as-of", dest="as_of", type=iso_date, metavar="DATE", help="the date to assess on"
    )
    report.add_argument("--html", type=Path, metavar="OUT", help="the HTML file to write")
    report.add_argument(
        "--summary",
        type=Path,
        metavar="FILE",
        help="also (or only) write the SPC summary as data: one row per verdict with its "
        "icons, limits, mean, target, the rule that fired and the citation; CSV, JSON or "
        "Parquet by the file's suffix (.csv, .json, .parquet)",
    )
    report.add_argument(
        "--fhir",
        type=Path,
        metavar="FILE",
        help="also (or only) write each verdict as an HL7 FHIR R4 MeasureReport, in one "
        'JSON Bundle (needs pip install "nhsplan[fhir]")',
    )
    report.add_argument(
        "--demo",
        action="store_true",
        help="use the bundled NHS A&E data (2016-19) against the 4-hour standard",
    )
    report.add_argument("--org", type=org_code, help="only this organisation (ODS code, any case)")
    report.add_argument(
        "--max-charts",
        dest="max_charts",
        type=int,
        default=60,
        metavar="N",
        help="draw at most N charts (the table lists every assessment; default 60)",
    )
    report.add_argument(
        "--skip-invalid",
        action="store_true",
        help="report bad rows and evaluate the rest, instead of stopping",
    )
    report.add_argument(
        "--plan",
        type=Path,
        metavar="PLAN",
        help="a plan file (as for nhsplan plan check): add a plan-versus-actual section, each "
        "plan tracked against the figures to --as-of (first --edition's metrics)",
    )


def _figures(name: str | os.PathLike[str]) -> str | os.PathLike[str] | TextIO:
    """The observation file to read (a Parquet file as the CSV it would be).

    As ``nhsplan evaluate`` reads a Parquet file against several editions.
    """
    if not os.fspath(name).lower().endswith(".parquet"):
        return name
    from nhsplan.engines.columnar.from_file import parquet_as_csv  # noqa: PLC0415

    return parquet_as_csv(name)


def run_report(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run ``nhsplan report``; return the exit code (0: the page was written)."""
    from nhsplan.catalog import load_guidance  # noqa: PLC0415 - keep --help fast
    from nhsplan.io.readers import read_ods_trusts  # noqa: PLC0415
    from nhsplan.io.writers.performance_report import performance_report_html  # noqa: PLC0415
    from nhsplan.model import ENGLAND  # noqa: PLC0415

    stdout = out or sys.stdout
    summary_format = _check_outputs(args)
    editions: list[str] = args.edition or []
    groups: list[tuple[str, Collection[str]]] = [("England", {ENGLAND})]
    ods = read_ods_trusts()
    if args.demo:
        from nhsplan.io.readers import ae_major_departments, read_ae_attendances  # noqa: PLC0415

        guidances = _editions(editions or ["standards"], load_guidance)
        data = read_ae_attendances()
        only: str | None = "ae_4_hour"  # the 4-hour standard; later interim targets not due
        latest = max(o.period.end for o in data.observations)
        as_of = args.as_of or latest
        title = f"NHS A&E attendances within 4 hours, as of {as_of.isoformat()} (demo)"
        majors = set().union(*ae_major_departments().values())
        groups += [
            ("NHS trusts with a type-1 (major) A&E department", {c for c in majors if c in ods}),
            (_OTHER_TRUSTS, {o.code for o in ods}),
        ]
        others = "Other sites (independent-sector, walk-in, minor-injury and GP-led sites)"
    else:
        from nhsplan.io.readers import read_observations_csv  # noqa: PLC0415

        if args.file is None or not editions or args.as_of is None:
            raise InvalidValueError(
                "needs an observations FILE, --edition and --as-of (or --demo)",
                field="report",
                example="nhsplan report figures.csv --edition 2021/22 --as-of 2021-12-31 "
                "--html report.html",
            )
        guidances = _editions(editions, load_guidance)
        data = read_observations_csv(
            _figures(args.file), skip_invalid=args.skip_invalid, guidance=guidances
        )
        as_of = args.as_of
        title = None
        only = None
        groups.append(("NHS trusts", {o.code for o in ods}))
        others = "Other organisations"
    observations = _for_org(args, data.observations)
    report = _evaluated(guidances, observations, as_of=as_of, only=only)
    report = attrs.evolve(
        report, warnings=tuple(str(issue) for issue in data.issues) + report.warnings
    )
    if args.summary is not None and summary_format is not None:
        _write_summary(
            args.summary,
            fmt=summary_format,
            report=report,
            observations=observations,
            guidances=guidances,
            stdout=stdout,
        )
    if args.fhir is not None:
        from nhsplan.io.writers.fhir import measure_report_bundle, measure_reports  # noqa: PLC0415

        resources = measure_reports(report, observations, guidances)
        write_file(args.fhir, (measure_report_bundle(resources) + "\n").encode(), what="FHIR")
        print(f"wrote {args.fhir}: {len(resources)} FHIR MeasureReports", file=stdout)
    if args.html is None:
        return 0
    names = {o.code: o.title for o in ods}
    plans = "" if args.plan is None else _plan_section(args.plan, guidances[0], observations, as_of)
    page = performance_report_html(
        report,
        observations,
        guidances,
        title=title,
        max_charts=args.max_charts,
        names=names,
        groups=groups,
        others=others,
        plans=plans,
    )
    write_file(args.html, page.encode("utf-8"), what="report")
    print(
        f"wrote {args.html}: {len(report.assessments)} assessments, "
        f"{page.count('data:image/png')} charts",
        file=stdout,
    )
    return 0


def _plan_section(
    path: Path, guidance: Guidance, observations: Sequence[Observation | CaseRecord], as_of: date
) -> str:
    """The plan-versus-actual section: each plan in *path* tracked against the figures."""
    from nhsplan.io.readers import read_plan_csv  # noqa: PLC0415 - keep --help fast
    from nhsplan.model import Observation  # noqa: PLC0415
    from nhsplan.plan import track  # noqa: PLC0415
    from nhsplan.plan.report import plan_section  # noqa: PLC0415

    plans = read_plan_csv(path, edition=guidance.id, guidance=guidance).plans
    figures = [o for o in observations if isinstance(o, Observation)]
    trackings = [track(p, figures, as_of=as_of, guidance=guidance) for p in plans]
    return plan_section(trackings, guidance)


def _for_org(
    args: argparse.Namespace, observations: Sequence[Observation | CaseRecord]
) -> list[Observation | CaseRecord]:
    """The figures of ``--org`` (any case, as ``evaluate --org``); all without it.

    Raises:
        CommandError: ``--org`` names an organisation with no figures: no empty report.
    """
    from nhsplan.cli._common import CommandError  # noqa: PLC0415

    if args.org is None:
        return list(observations)
    org: str = args.org
    mine = [o for o in observations if o.org == org]
    if not mine and observations:
        name = "the demo data" if args.demo else str(args.file)
        raise CommandError(f"{name} has no figures for organisation {org}")
    return mine


def _check_outputs(args: argparse.Namespace) -> str | None:
    """The summary's format; refuse now a missing or unwritable output, before any work."""
    if args.html is None and args.summary is None and args.fhir is None:
        raise InvalidValueError(
            "needs --html OUT, --summary FILE or --fhir FILE: where to write the report",
            field="report",
            example="nhsplan report --demo --html report.html --summary spc.csv",
        )
    fmt = _summary_format(args.summary) if args.summary is not None else None
    if args.fhir is not None:
        from nhsplan.evaluate.report import _require  # noqa: PLC0415

        _require("fhir.resources", feature="--fhir", extra="fhir")  # before any work
    for path, what in ((args.html, "report"), (args.summary, "summary"), (args.fhir, "FHIR")):
        if path is not None:
            check_writable(path, what=what)
    return fmt


def _evaluated(
    guidances: Sequence[Guidance],
    observations: Sequence[Observation | CaseRecord],
    *,
    as_of: date,
    only: str | None,
) -> Report:
    """One report of every edition's targets (each judging the metrics it defines)."""
    from nhsplan.engines.guidance import evaluate_guidance  # noqa: PLC0415

    reports = []
    for guidance in guidances:
        known = {m.id for m in guidance.metrics}
        mine = [o for o in observations if o.metric in known]
        reports.append(evaluate_guidance(guidance, mine, as_of=as_of, spc=True))
    kept = [a for r in reports for a in r.assessments if only is None or a.target == only]
    return attrs.evolve(
        reports[0],
        edition=" + ".join(g.id for g in guidances),
        assessments=tuple(kept),
        priorities={k: v for r in reports for k, v in r.priorities.items()},
        warnings=tuple(w for r in reports for w in r.warnings),
    )


_SUMMARY_FORMATS: Final = {".csv": "csv", ".json": "json", ".parquet": "parquet"}


def _summary_format(path: Path) -> str:
    found = _SUMMARY_FORMATS.get(path.suffix.lower())
    if found is None:
        raise InvalidValueError(
            f"{path}: cannot tell the summary's format from its name",
            field="--summary",
            example="--summary spc.csv (or spc.json, spc.parquet)",
        )
    return found


def _write_summary(
    path: Path,
    *,
    fmt: str,
    report: Report,
    observations: Sequence[Observation | CaseRecord],
    guidances: Sequence[Guidance],
    stdout: TextIO,
) -> None:
    """Write the SPC summary to *path* in *fmt* (through the command line's file writer)."""
    import io  # noqa: PLC0415

    from nhsplan.io.writers.spc_summary import (  # noqa: PLC0415
        spc_summary,
        spc_summary_csv,
        spc_summary_json,
        write_spc_summary_parquet,
    )

    rows = spc_summary(report, observations, guidances)
    if fmt == "csv":
        data = spc_summary_csv(rows).encode("utf-8")
    elif fmt == "json":
        data = (spc_summary_json(rows, report=report) + "\n").encode("utf-8")
    else:
        buffer = io.BytesIO()
        write_spc_summary_parquet(rows, buffer)
        data = buffer.getvalue()
    write_file(path, data, what="summary")
    print(f"wrote {path}: {len(rows)} rows of SPC summary", file=stdout)


_OTHER_TRUSTS = (
    "Other NHS trusts (no type-1 department: specialist, community and mental health trusts' "
    "minor-injury units and urgent care centres)"
)


def _editions(names: list[str], load: Callable[[str], Guidance]) -> list[Guidance]:
    """The editions named, each once, in the order given."""
    out: dict[str, Guidance] = {}
    for name in names:
        g = load(name)
        out.setdefault(g.id, g)
    return list(out.values())
