"""The ``nhsplan`` command line.

The exit code says whether the command ran (0) or could not (2 for bad input), never whether
targets were met.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nhsplan._version import __version__
from nhsplan.errors import NhsplanError

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


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
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``nhsplan`` command with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            parser.print_help()
            return EXIT_OK
    except NhsplanError as err:  # pragma: no cover - exercised once subcommands exist
        print(f"nhsplan: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
