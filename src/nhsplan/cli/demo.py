"""``nhsplan demo``: the bundled NHS A&E data (2016-19) against the 4-hour standard."""

from __future__ import annotations

import argparse
from typing import TextIO

from nhsplan.cli._common import Subparsers

__all__ = ["register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``demo`` to *commands*."""
    parser = commands.add_parser(
        "demo", help="the bundled NHS A&E data (2016-19) against the 4-hour standard"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print the demo (see :mod:`nhsplan.cli._demo`)."""
    from nhsplan.cli import _demo  # noqa: PLC0415 - keep --help fast

    out.write(_demo.run())
