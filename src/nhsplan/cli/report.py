"""``nhsplan report``: one self-contained HTML page of verdicts and Making Data Count charts.

The command itself lives with the chart code (:mod:`nhsplan.cli._spc`); this module
registers it with the command line.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from nhsplan.cli._common import CommandError, Subparsers

__all__ = ["register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``report`` to *commands*."""
    from nhsplan.cli._spc import add_report_parser  # noqa: PLC0415 - keep --help fast

    add_report_parser(commands)
    commands.choices["report"].set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Write the page; a failure the command reports itself is a CommandError."""
    from nhsplan.cli._spc import run_report  # noqa: PLC0415

    if run_report(args, out) != 0:
        raise CommandError("the report was not written")
