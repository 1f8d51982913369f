"""``nhsplan editions``: the guidance editions nhsplan ships."""

from __future__ import annotations

import argparse
from typing import TextIO

from nhsplan.cli._common import Subparsers

__all__ = ["register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``editions`` to *commands*."""
    parser = commands.add_parser("editions", help="list the guidance editions nhsplan ships")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print one line per edition: id, title, and how many targets and requirements."""
    from nhsplan.catalog import editions, load_guidance  # noqa: PLC0415 - keep --help fast
    from nhsplan.units.text import counted  # noqa: PLC0415

    for edition in editions():
        g = load_guidance(edition)
        counts = f"{counted(len(g.targets), 'target')}, " + counted(
            len(g.requirements), "requirement"
        )
        print(f"{g.id:<10} {g.title}  ({counts})", file=out)
