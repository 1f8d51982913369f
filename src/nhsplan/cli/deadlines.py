"""``nhsplan deadlines EDITION``: an edition's dated asks, optionally as an iCalendar file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from nhsplan.cli._common import Subparsers, iso_date

__all__ = ["register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``deadlines`` to *commands*."""
    parser = commands.add_parser("deadlines", help="list an edition's dated asks")
    parser.add_argument("edition", help="edition id (2021/22) or a guidance file")
    parser.add_argument(
        "--from",
        dest="start",
        type=iso_date,
        metavar="DATE",
        help="only deadlines on or after DATE (2021-04-01)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=iso_date,
        metavar="DATE",
        help="only deadlines on or before DATE (2021-09-30)",
    )
    parser.add_argument(
        "--ics", type=Path, metavar="FILE", help="also write the deadlines to FILE as iCalendar"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print the deadlines in the range, and write them to ``--ics`` if given."""
    from nhsplan import _text  # noqa: PLC0415 - keep --help fast
    from nhsplan.catalog import load_guidance  # noqa: PLC0415

    start, end, ics = args.start, args.end, args.ics
    guidance = load_guidance(args.edition)
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
