"""``nhsplan plan check PLAN --edition E`` and ``nhsplan plan track PLAN ACTUALS --as-of D``.

A plan file is an observation file of planned figures (``org, metric, period, value, unit,
numerator, denominator``), keyed by metric id or, with ``--references``, by planning
reference. ``check`` judges every target in force on the planned figures and checks the plan
itself; ``track`` sets the plan against reported figures month by month.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from nhsplan.cli._common import (
    CommandError,
    Parser,
    Subparsers,
    add_output,
    check_writable,
    iso_date,
    open_input,
    org_code,
    printable,
    write_file,
)

if TYPE_CHECKING:
    from nhsplan.io.readers import PlanFile
    from nhsplan.model import Guidance, Observation

__all__ = ["register", "run_check", "run_track"]

_FORMATS = ("table", "csv", "json", "parquet")


def register(commands: Subparsers) -> None:
    """Add ``plan`` (with ``check`` and ``track``) to *commands*."""
    parser = commands.add_parser(
        "plan",
        help="plans: check a draft plan against the guidance, track a plan against actuals",
        description="Plans: organisations' monthly trajectories against the guidance.",
    )
    parser.set_defaults(run=lambda _args, out: parser.print_help(out))
    sub = parser.add_subparsers(dest="plan_command", metavar="SUBCOMMAND", parser_class=Parser)
    check = sub.add_parser(
        "check",
        help="check a draft plan: targets met where judged, every month planned, sums",
        description=(
            "Judge every target in force for each organisation in PLAN on its planned "
            "figures, check every metric asked is planned every month, that numerators, "
            "denominators and values agree, national ambitions on the plans summed, and an "
            "ICB's plan (--org-type CODE=system) against its providers'. The exit code says "
            "whether the command ran, not whether the plan passed."
        ),
    )
    check.add_argument("plan", metavar="PLAN", help="plan CSV, or - for standard input")
    _common(check)
    check.add_argument(
        "--baseline",
        metavar="FIGURES",
        help="reported figures a baseline-relative target needs (an observation CSV)",
    )
    check.add_argument(
        "--as-of", type=iso_date, metavar="DATE", help="the last day judged (default: plan end)"
    )
    add_output(check)
    check.set_defaults(run=run_check)
    track = sub.add_parser(
        "track",
        help="track a plan against actuals: variance, SPC against the plan, projections",
        description=(
            "Set each planned month against the actual figure in ACTUALS (an observation "
            "CSV): variance in the metric's unit and relative, months on and off plan, the "
            "SPC assurance with the plan as a month-by-month target, and a projection of "
            "each target still to come."
        ),
    )
    track.add_argument("plan", metavar="PLAN", help="plan CSV")
    track.add_argument("actuals", metavar="ACTUALS", help="reported figures (observation CSV)")
    _common(track)
    track.add_argument(
        "--as-of", type=iso_date, metavar="DATE", required=True, help="track to this date"
    )
    track.add_argument(
        "--org", type=org_code, help="the organisation to track, where PLAN holds several"
    )
    track.add_argument("--chart", metavar="PNG", help="draw each metric's SPC chart with the plan")
    track.add_argument(
        "--html",
        type=Path,
        metavar="OUT",
        help="also write an HTML page: summary table, charts with the plan, months, projections",
    )
    add_output(track)
    track.set_defaults(run=run_track)
    example = sub.add_parser(
        "example",
        help="write example plans for five real trusts, and their actual A&E figures",
        description=(
            "Write illustrative 2018/19 A&E 4-hour plans for five real trusts, made from their "
            "2017/18 figures in the bundled A&E data (see docs/guide/plans.md for the rule), "
            "to PLAN_CSV, and the trusts' real 2016-19 figures to ACTUALS_CSV."
        ),
    )
    example.add_argument("plan_file", metavar="PLAN_CSV", type=Path)
    example.add_argument("actuals_file", metavar="ACTUALS_CSV", type=Path)
    example.set_defaults(run=run_example)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--edition", required=True, help="edition id (2025/26) or a guidance file")
    parser.add_argument(
        "--org-type",
        action="append",
        default=[],
        metavar="TYPE",
        help="organisation type (acute_trust), or CODE=TYPE for one organisation; repeatable",
    )
    parser.add_argument(
        "--references",
        metavar="CSV",
        help="planning reference to metric id map (columns reference, metric)",
    )
    parser.add_argument("--version", dest="plan_version", default="", help="the plan's version")
    parser.add_argument("--format", choices=_FORMATS, default="table", help="output format")


def _references(name: str | None) -> dict[str, str]:
    if name is None:
        return {}
    with open_input(name) as stream:
        rows = list(csv.DictReader(stream))
    refs: dict[str, str] = {}
    for i, row in enumerate(rows, start=2):
        ref, metric = (row.get("reference") or "").strip(), (row.get("metric") or "").strip()
        if not ref or not metric:
            raise CommandError(
                f"{name} row {i}: a reference and a metric are needed; for example "
                "reference,metric / E.M.13,ae_4_hour"
            )
        refs[ref] = metric
    return refs


def _read_plans(args: argparse.Namespace, guidance: Guidance) -> PlanFile:
    from nhsplan.io.readers import read_plan_csv  # noqa: PLC0415 - keep --help fast

    default: str | None = None
    types: dict[str, str] = {}
    for item in args.org_type:
        code, sep, kind = item.partition("=")
        if sep:
            types[code] = kind
        else:
            default = item
    with open_input(args.plan) as stream:
        return read_plan_csv(
            stream,
            edition=guidance.id,
            version=args.plan_version,
            org_type=default,
            org_types=types,
            references=_references(args.references),
            guidance=guidance,
        )


def _write(
    rows: list[dict[str, Any]],
    columns: tuple[str, ...],
    text: str,
    args: argparse.Namespace,
    out: TextIO,
    **header: object,
) -> None:
    from nhsplan.io.writers.plans import (  # noqa: PLC0415 - keep --help fast
        rows_json,
        write_rows_csv,
        write_rows_parquet,
    )

    if args.format == "csv":
        write_rows_csv(rows, columns, out)
    elif args.format == "json":
        out.write(rows_json(rows, **header) + "\n")
    elif args.format == "parquet":
        binary = getattr(out, "buffer", None)
        if binary is None or out.isatty():
            raise CommandError("--format parquet writes a binary file: give --output FILE.parquet")
        out.flush()
        write_rows_parquet(rows, columns, binary)
    else:
        out.write(text)


def run_example(args: argparse.Namespace, out: TextIO) -> None:
    """Write the example plan and actuals files."""
    from nhsplan.plan.examples import write_example  # noqa: PLC0415 - keep --help fast

    for path in (args.plan_file, args.actuals_file):
        check_writable(path)
    plans = write_example(args.plan_file, args.actuals_file)
    out.write(
        f"Wrote {sum(len(p.lines) for p in plans)} plan lines for "
        f"{', '.join(p.org for p in plans)} to {printable(str(args.plan_file))}, and their "
        f"actual figures to {printable(str(args.actuals_file))}.\n"
    )


def run_check(args: argparse.Namespace, out: TextIO) -> None:
    """Read the plan (and baseline figures), check it, write the findings."""
    from nhsplan import load_guidance  # noqa: PLC0415 - keep --help fast
    from nhsplan.cli._plan_text import check_text  # noqa: PLC0415
    from nhsplan.io.readers import read_observations_csv  # noqa: PLC0415
    from nhsplan.plan import FINDING_COLUMNS, check_plans  # noqa: PLC0415

    guidance = load_guidance(args.edition)
    plans = _read_plans(args, guidance)
    baseline: tuple[Observation, ...] = ()
    if args.baseline is not None:
        with open_input(args.baseline) as stream:
            baseline = read_observations_csv(stream).observations
    result = check_plans(plans.plans, guidance, baseline=baseline, as_of=args.as_of)
    _write(
        result.rows(),
        FINDING_COLUMNS,
        check_text(result),
        args,
        out,
        edition=result.edition,
        as_of=result.as_of,
    )


def run_track(args: argparse.Namespace, out: TextIO) -> None:
    """Read the plan and the actuals, track, write the months (and draw the charts)."""
    from nhsplan import load_guidance  # noqa: PLC0415 - keep --help fast
    from nhsplan.cli._plan_text import tracking_text  # noqa: PLC0415
    from nhsplan.io.readers import read_observations_csv  # noqa: PLC0415
    from nhsplan.plan import TRACK_COLUMNS, track  # noqa: PLC0415

    guidance = load_guidance(args.edition)
    plans = _read_plans(args, guidance).plans
    if args.org is not None:
        plans = tuple(p for p in plans if p.org == args.org)
    if len(plans) != 1:
        found = ", ".join(p.org for p in plans) or "none"
        raise CommandError(
            f"{args.plan}: track one organisation's plan; give --org (plans found: {found})"
        )
    with open_input(args.actuals) as stream:
        actuals = read_observations_csv(stream).observations
    if args.html is not None:
        check_writable(args.html, what="HTML page")
    result = track(plans[0], actuals, as_of=args.as_of, guidance=guidance)
    text = tracking_text(result)
    if args.html is not None:
        from nhsplan.plan.report import plan_report_html  # noqa: PLC0415 - matplotlib on demand

        page = plan_report_html([result], guidance)
        write_file(args.html, page.encode("utf-8"), what="HTML page")
        text += f"HTML page written to {printable(str(args.html))}\n"
    if args.chart is not None:
        from nhsplan.plan.chart import save_plan_charts  # noqa: PLC0415 - matplotlib on demand

        written = save_plan_charts(result, args.chart)
        text += "".join(f"Chart written to {p}\n" for p in written)
    _write(
        result.rows(),
        TRACK_COLUMNS,
        text,
        args,
        out,
        org=result.org,
        edition=result.edition,
        as_of=result.as_of,
    )
