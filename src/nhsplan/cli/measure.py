"""``nhsplan measure KIND FILE``: the guidance's metrics computed from record-level data.

The command itself lives with the engines (:mod:`nhsplan.cli._measure`); this
module registers it with the command line, whose ``--output`` handling writes the CSV.
"""

from __future__ import annotations

import argparse
import copy
import tempfile
from pathlib import Path
from typing import TextIO

from nhsplan.cli._common import STDIN, CommandError, Subparsers, open_input

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
    if str(args.file) != STDIN:
        if _command.run(direct, out) != 0:
            raise CommandError(f"could not measure {args.file}")
        return
    # Standard input: the engines read files, so the CSV is held in a temporary one.
    with tempfile.TemporaryDirectory(prefix="nhsplan-measure-") as folder:
        held = Path(folder) / "stdin.csv"
        with open_input(STDIN) as stream:
            held.write_text(stream.read(), encoding="utf-8")
        direct.file = held
        if _command.run(direct, out, name="<stdin>") != 0:
            raise CommandError("could not measure the records on standard input")
