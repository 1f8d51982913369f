"""``nhsplan compare BEFORE AFTER``: what changed between two editions.

Targets added, retired and changed (values moved, deadlines, scope), matched by the metric
they measure (see :func:`nhsplan.compare`).
"""

from __future__ import annotations

import argparse
from typing import TextIO

from nhsplan.cli._common import Subparsers, add_output, printable

__all__ = ["register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``compare`` to *commands*."""
    parser = commands.add_parser(
        "compare",
        help="what changed between two editions: targets added, retired, values moved",
    )
    parser.add_argument("before", help="the earlier edition (2024/25)")
    parser.add_argument("after", help="the later edition (2025/26)")
    add_output(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print the differences."""
    from nhsplan.catalog import load_guidance  # noqa: PLC0415 - keep --help fast
    from nhsplan.catalog.diff import compare  # noqa: PLC0415

    diff = compare(load_guidance(args.before), load_guidance(args.after))
    out.write(printable(str(diff).rstrip("\n") + "\n"))
