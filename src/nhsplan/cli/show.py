"""``nhsplan show EDITION [CODE]``: an edition's outline, or one priority or target in full."""

from __future__ import annotations

import argparse
from typing import TextIO

from nhsplan.cli._common import Subparsers

__all__ = ["register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``show`` to *commands*."""
    parser = commands.add_parser(
        "show", help="show an edition, or one priority (or target) with its asks and sources"
    )
    parser.add_argument("edition", help="edition id (2021/22) or a guidance file")
    parser.add_argument("code", nargs="?", help="a priority code (C2) or a target id")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print the edition's outline, or the priority or target *code*."""
    from nhsplan import _text  # noqa: PLC0415 - keep --help fast
    from nhsplan.catalog import load_guidance  # noqa: PLC0415

    guidance = load_guidance(args.edition)
    out.write(_text.show(guidance, args.code))
