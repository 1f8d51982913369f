"""What every command shares: exit codes, argument types and the shape of a command module."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Final, Protocol, TextIO, TypeAlias

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "Command", "Run", "Subparsers", "iso_date"]

EXIT_OK: Final = 0
"""The command ran (whether or not targets were met)."""
EXIT_BAD_INPUT: Final = 2
"""The command could not run on what it was given (argparse uses 2 for usage errors too)."""

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Run: TypeAlias = Callable[[argparse.Namespace, TextIO], None]
"""What a command does with its parsed arguments, writing its results to the text stream."""


class Command(Protocol):
    """A command module: ``register`` adds its parser, with ``run`` set as the default."""

    def register(self, commands: Subparsers) -> None:
        """Add this command's parser to *commands* (``parser.set_defaults(run=run)``)."""


def iso_date(text: str) -> date:
    """An argparse type: an ISO date (``2021-12-31``)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; for example 2021-12-31"
        ) from None
