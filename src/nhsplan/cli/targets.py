"""``nhsplan targets --as-of DATE [--org-type TYPE]``: every target in force on a date.

Across every shipped edition (the annual guidance, the Medium Term Planning Framework, the
standards), with the edition that sets each target, what it asks on the date, whose figure it
judges, the date it is judged on and its source.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from nhsplan.cli._common import Subparsers, add_output, iso_date, printable

__all__ = ["register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``targets`` to *commands*."""
    from nhsplan.model.enums import OrgType  # noqa: PLC0415 - a light module

    parser = commands.add_parser(
        "targets",
        help="list every target in force on a date, across editions",
        description=(
            "List every target in force on a date, whichever edition sets it, with what it "
            "asks on that date, whose figure it judges, and its source."
        ),
    )
    parser.add_argument(
        "--as-of", dest="as_of", required=True, type=iso_date, metavar="DATE", help="the date"
    )
    parser.add_argument(
        "--org-type",
        dest="org_type",
        type=OrgType,
        choices=list(OrgType),
        metavar="TYPE",
        help="only the targets asked of this type of organisation "
        f"({', '.join(t.value for t in OrgType)})",
    )
    add_output(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print the targets in force, edition by edition."""
    from nhsplan.catalog.in_force import targets_in_force  # noqa: PLC0415
    from nhsplan.catalog.words import basis_words, scope_words  # noqa: PLC0415 - keep --help fast

    rows = targets_in_force(args.as_of, org_type=args.org_type)
    who = f" of {args.org_type.value} organisations" if args.org_type else ""
    lines = [f"{len(rows)} targets in force on {args.as_of}{who}", ""]
    edition = None
    for row in rows:
        if row.edition != edition:
            edition = row.edition
            lines += ([""] if len(lines) > 2 else []) + [f"{edition}:"]
        t = row.target
        _start, end = t.lifetime
        until = f" until {end}" if end else ""
        lines.append(f"  {t.id}: {row.required}")
        lines.append(f"      {t.name}")
        if row.also:
            lines.append(f"      the same ask as {', '.join(row.also)}")
        if t.reading is not None:
            lines.append(f"      reading: {t.reading.applied}")
        lines.append(
            f"      judges {scope_words(t)}; judged on {basis_words(t)}{until}; "
            f"source: {t.citation}"
        )
    out.write(printable("\n".join(lines) + "\n"))
