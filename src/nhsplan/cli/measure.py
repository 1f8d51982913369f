"""``nhsplan measure KIND FILE``: the guidance's metrics computed from record-level data.

The command itself lives with the engines (:mod:`nhsplan.cli._measure`); this
module registers it with the command line, whose ``--output`` handling writes the CSV.
"""

from __future__ import annotations

import argparse
import copy
from typing import TextIO

from nhsplan.cli._common import CommandError, Subparsers

__all__ = ["register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``measure`` to *commands*."""
    from nhsplan.cli import _measure as _command  # noqa: PLC0415 - keep --help fast

    _command.add_parser(commands)  # type: ignore[arg-type]  # a Parser is an ArgumentParser
    commands.choices["measure"].set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Compute the measures and write the observation CSV to *out*."""
    from nhsplan.cli import _measure as _command  # noqa: PLC0415

    # The command line writes *out* to --output once the command has succeeded.
    direct = copy.copy(args)
    direct.output = None
    if _command.run(direct, out) != 0:
        raise CommandError(f"could not measure {args.file}")
