"""``nhsplan report`` and ``nhsplan evaluate --spc``: the command line's SPC parts.

Kept apart from the command line's own module so that it only registers them:
:func:`add_report_parser` adds the ``report`` command, :func:`add_spc_flag` the ``--spc``
flag, and :func:`run_report` runs the command.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

import attrs

from nhsplan.errors import InvalidValueError

__all__ = ["add_report_parser", "add_spc_flag", "run_report"]


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; for example 2021-12-31"
        ) from None


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
    report.add_argument("--edition", help="edition id (2021/22) or file")
    report.add_argument(
        "--as-of", dest="as_of", type=_iso_date, metavar="DATE", help="the date to assess on"
    )
    report.add_argument(
        "--html", required=True, type=Path, metavar="OUT", help="the HTML file to write"
    )
    report.add_argument(
        "--demo",
        action="store_true",
        help="use the bundled NHS A&E data (2016-19) against the 4-hour standard",
    )
    report.add_argument("--org", help="only this organisation (ODS code)")
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


def run_report(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run ``nhsplan report``; return the exit code (0: the page was written)."""
    from nhsplan.catalog import load_guidance  # noqa: PLC0415 - keep --help fast
    from nhsplan.report import evaluate_guidance  # noqa: PLC0415
    from nhsplan.spc.report import performance_report_html  # noqa: PLC0415

    stdout = out or sys.stdout
    if args.demo:
        from nhsplan.sources import ENGLAND, read_ae_attendances  # noqa: PLC0415

        guidance = load_guidance(args.edition or "standards")
        data = read_ae_attendances()
        only = "ae_4_hour"  # the 4-hour standard; the later interim targets are not yet due
        latest = max(o.period.end for o in data.observations)
        as_of = args.as_of or latest
        title = f"NHS A&E attendances within 4 hours, as of {as_of.isoformat()} (demo)"
        first = ENGLAND
    else:
        from nhsplan.sources import read_observations_csv  # noqa: PLC0415

        if args.file is None or args.edition is None or args.as_of is None:
            raise InvalidValueError(
                "needs an observations FILE, --edition and --as-of (or --demo)",
                field="report",
                example="nhsplan report figures.csv --edition 2021/22 --as-of 2021-12-31 "
                "--html report.html",
            )
        guidance = load_guidance(args.edition)
        data = read_observations_csv(args.file, skip_invalid=args.skip_invalid, guidance=guidance)
        as_of = args.as_of
        title = None
        only = None
        first = ""  # no national row to put first
    from nhsplan.model._inputs import to_code  # noqa: PLC0415

    org = to_code(args.org.strip(), field="--org", example="RBD") if args.org else None
    observations = [o for o in data.observations if org is None or o.org == org]
    report = evaluate_guidance(guidance, observations, as_of=as_of, spc=True)
    kept = [a for a in report.assessments if only is None or a.target == only]
    report = attrs.evolve(
        report,
        assessments=tuple(sorted(kept, key=lambda a: a.org != first)),
        warnings=tuple(str(issue) for issue in data.issues) + report.warnings,
    )
    page = performance_report_html(
        report, observations, guidance, title=title, max_charts=args.max_charts
    )
    args.html.write_text(page, encoding="utf-8")
    print(
        f"wrote {args.html}: {len(report.assessments)} assessments, "
        f"{page.count('data:image/png')} charts",
        file=stdout,
    )
    return 0
