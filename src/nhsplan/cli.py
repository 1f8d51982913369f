"""The ``nhsplan`` command line.

The exit code says whether the command ran (0) or could not (2 for bad input), never whether
targets were met.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from nhsplan._version import __version__
from nhsplan.engines.measures import _command as _measure_command
from nhsplan.errors import NhsplanError
from nhsplan.spc._command import add_report_parser, add_spc_flag, run_report

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; for example 2021-12-31"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for the ``nhsplan`` command."""
    parser = argparse.ArgumentParser(
        prog="nhsplan",
        description=(
            "NHS England operational planning guidance as typed, cited data: what is asked, "
            "by when, how it is measured, and whether it is met."
        ),
    )
    parser.add_argument("--version", action="version", version=f"nhsplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("editions", help="list the guidance editions nhsplan ships")

    show = commands.add_parser(
        "show", help="show an edition, or one priority (or target) with its asks and sources"
    )
    show.add_argument("edition", help="edition id (2021/22) or a guidance file")
    show.add_argument("code", nargs="?", help="a priority code (C2) or a target id")

    deadlines = commands.add_parser("deadlines", help="list an edition's dated asks")
    deadlines.add_argument("edition", help="edition id (2021/22) or a guidance file")
    deadlines.add_argument(
        "--from",
        dest="start",
        type=_iso_date,
        metavar="DATE",
        help="only deadlines on or after DATE (2021-04-01)",
    )
    deadlines.add_argument(
        "--to",
        dest="end",
        type=_iso_date,
        metavar="DATE",
        help="only deadlines on or before DATE (2021-09-30)",
    )
    deadlines.add_argument(
        "--ics", type=Path, metavar="FILE", help="also write the deadlines to FILE as iCalendar"
    )

    evaluate = commands.add_parser(
        "evaluate",
        help="evaluate an observations CSV against an edition",
        description=(
            "Evaluate figures against an edition's targets. FILE is a CSV with columns "
            "org, metric, period, value, unit, numerator, denominator (a value with its unit, "
            "or a numerator and denominator). The exit code says whether the command ran, "
            "not whether targets were met."
        ),
    )
    evaluate.add_argument("file", type=Path, help="observations CSV")
    evaluate.add_argument("--edition", required=True, help="edition id (2021/22) or file")
    evaluate.add_argument(
        "--as-of",
        dest="as_of",
        required=True,
        type=_iso_date,
        metavar="DATE",
        help="the date to assess on (2021-12-31)",
    )
    evaluate.add_argument("--org", help="only this organisation (ODS code)")
    evaluate.add_argument("--format", choices=("table", "json", "csv"), default="table")
    evaluate.add_argument(
        "--skip-invalid",
        action="store_true",
        help="report bad rows and evaluate the rest, instead of stopping",
    )

    commands.add_parser(
        "demo", help="the bundled NHS A&E data (2016-19) against the 4-hour standard"
    )
    add_spc_flag(evaluate)
    add_report_parser(commands)
    _measure_command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the ``nhsplan`` command with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    stdout = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            parser.print_help(stdout)
        elif args.command == "editions":
            _editions(stdout)
        elif args.command == "show":
            _show(args.edition, args.code, stdout)
        elif args.command == "deadlines":
            _deadlines(args.edition, args.start, args.end, args.ics, stdout)
        elif args.command == "evaluate":
            _evaluate(args, stdout)
        elif args.command == "measure":
            return _measure_command.run(args, stdout)
        elif args.command == "demo":
            from nhsplan import _demo  # noqa: PLC0415 - keep --help fast

            stdout.write(_demo.run())
        elif args.command == "report":
            return run_report(args, stdout)
    except NhsplanError as err:
        print(f"nhsplan: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ImportError as err:
        print(f"nhsplan: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _editions(out: TextIO) -> None:
    from nhsplan.catalog import editions, load_guidance  # noqa: PLC0415 - keep --help fast

    for edition in editions():
        g = load_guidance(edition)
        print(
            f"{g.id:<10} {g.title}  ({len(g.targets)} targets, {len(g.requirements)} requirements)",
            file=out,
        )


def _show(edition: str, code: str | None, out: TextIO) -> None:
    from nhsplan import _text  # noqa: PLC0415 - keep --help fast
    from nhsplan.catalog import load_guidance  # noqa: PLC0415

    guidance = load_guidance(edition)
    out.write(_text.show(guidance, code))


def _deadlines(
    edition: str, start: date | None, end: date | None, ics: Path | None, out: TextIO
) -> None:
    from nhsplan import _text  # noqa: PLC0415 - keep --help fast
    from nhsplan.catalog import load_guidance  # noqa: PLC0415

    guidance = load_guidance(edition)
    items = [
        item
        for item in guidance.deadlines
        if (start is None or item.deadline.resolved >= start)
        and (end is None or item.deadline.resolved <= end)
    ]
    out.write(_text.deadlines(items))
    if ics is not None:
        from nhsplan.ics import deadlines_to_ics  # noqa: PLC0415

        ics.write_bytes(deadlines_to_ics(items, edition=guidance.id))
        print(f"wrote {len(items)} deadlines to {ics}", file=sys.stderr)


def _evaluate(args: argparse.Namespace, out: TextIO) -> None:
    from nhsplan.catalog import load_guidance  # noqa: PLC0415
    from nhsplan.engines.columnar import evaluate_file  # noqa: PLC0415

    guidance = load_guidance(args.edition)
    # Column-wise with DuckDB (the duckdb extra), else row by row; the file's data-quality
    # issues belong to the report too (and so to its JSON and rows).
    show_progress = sys.stderr.isatty()
    report = evaluate_file(
        args.file,
        guidance,
        as_of=args.as_of,
        org=args.org,
        skip_invalid=args.skip_invalid,
        progress=_progress_bar if show_progress else None,
        spc=args.spc,
    ).report
    if show_progress:
        print(file=sys.stderr)
    for warning in report.warnings:
        print(f"nhsplan: warning: {warning}", file=sys.stderr)
    if args.format == "json":
        out.write(report.to_json() + "\n")
    elif args.format == "csv":
        report.write_csv(out)
    else:
        out.write(str(report) + "\n")


"""Runs with at least this many observations show a progress bar (when stderr is a terminal)."""


def _progress_bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    bar = "#" * filled + "." * (width - filled)
    sys.stderr.write(f"\r[{bar}] {done}/{total} organisations")
    sys.stderr.flush()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
