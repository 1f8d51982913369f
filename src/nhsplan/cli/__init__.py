"""The ``nhsplan`` command line: one module per command.

The exit code says whether the command ran (0) or could not (2 for bad input), never whether
targets were met. A command module has a ``register(commands)`` function that adds its parser
and sets ``run``; adding a command is one line in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from nhsplan._version import __version__
from nhsplan.cli import deadlines, demo, editions, evaluate, show
from nhsplan.cli._common import EXIT_BAD_INPUT, EXIT_OK, Command
from nhsplan.errors import NhsplanError

__all__ = ["COMMANDS", "EXIT_BAD_INPUT", "EXIT_OK", "build_parser", "main"]

COMMANDS: tuple[Command, ...] = (
    editions,
    show,
    deadlines,
    evaluate,
    demo,
)
"""The command modules, in the order ``nhsplan --help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for the ``nhsplan`` command."""
    parser = argparse.ArgumentParser(
        prog="nhsplan",
        description=(
            "NHS England operational planning guidance as typed, cited data: what is asked, "
            "by when, how it is measured, and whether it is met."
        ),
    )
    parser.add_argument("--version", action="version", version=f"nhsplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the ``nhsplan`` command with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    stdout = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(stdout)
        return EXIT_OK
    try:
        args.run(args, stdout)
    except NhsplanError as err:
        print(f"nhsplan: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ImportError as err:
        print(f"nhsplan: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
