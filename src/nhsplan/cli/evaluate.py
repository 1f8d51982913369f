"""``nhsplan evaluate FILE``: an observations CSV against an edition's targets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from nhsplan.cli._common import Subparsers, iso_date

__all__ = ["progress_bar", "register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``evaluate`` to *commands*."""
    parser = commands.add_parser(
        "evaluate",
        help="evaluate an observations CSV against an edition",
        description=(
            "Evaluate figures against an edition's targets. FILE is a CSV with columns "
            "org, metric, period, value, unit, numerator, denominator (a value with its unit, "
            "or a numerator and denominator). The exit code says whether the command ran, "
            "not whether targets were met."
        ),
    )
    parser.add_argument("file", type=Path, help="observations CSV")
    parser.add_argument("--edition", required=True, help="edition id (2021/22) or file")
    parser.add_argument(
        "--as-of",
        dest="as_of",
        required=True,
        type=iso_date,
        metavar="DATE",
        help="the date to assess on (2021-12-31)",
    )
    parser.add_argument("--org", help="only this organisation (ODS code)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="report bad rows and evaluate the rest, instead of stopping",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Read the file, evaluate it, and print the report in the format asked for."""
    import csv  # noqa: PLC0415 - keep --help fast

    import attrs  # noqa: PLC0415

    from nhsplan.catalog import load_guidance  # noqa: PLC0415
    from nhsplan.report import COLUMNS as _REPORT_COLUMNS  # noqa: PLC0415
    from nhsplan.report import evaluate_guidance  # noqa: PLC0415
    from nhsplan.sources import read_observations_csv  # noqa: PLC0415

    guidance = load_guidance(args.edition)
    result = read_observations_csv(args.file, skip_invalid=args.skip_invalid, guidance=guidance)
    observations = [o for o in result.observations if args.org is None or o.org == args.org]
    show_progress = len(observations) >= _PROGRESS_ROWS and sys.stderr.isatty()
    progress = progress_bar if show_progress else None
    report = evaluate_guidance(guidance, observations, as_of=args.as_of, progress=progress)
    if show_progress:
        print(file=sys.stderr)
    # The file's data-quality issues belong to the report too (and so to its JSON and rows).
    report = attrs.evolve(
        report, warnings=tuple(str(issue) for issue in result.issues) + report.warnings
    )
    for warning in report.warnings:
        print(f"nhsplan: warning: {warning}", file=sys.stderr)
    if args.format == "json":
        out.write(report.to_json() + "\n")
    elif args.format == "csv":
        rows = report.to_rows()
        writer = csv.DictWriter(out, fieldnames=list(_REPORT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        out.write(str(report) + "\n")


_PROGRESS_ROWS = 10_000
"""Runs with at least this many observations show a progress bar (when stderr is a terminal)."""


def progress_bar(done: int, total: int) -> None:
    """Draw a progress bar on stderr: *done* of *total* organisations."""
    width = 30
    filled = width * done // total if total else width
    bar = "#" * filled + "." * (width - filled)
    sys.stderr.write(f"\r[{bar}] {done}/{total} organisations")
    sys.stderr.flush()
