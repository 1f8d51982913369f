"""The ``nhsplan`` command line: one module per command.

The exit code says whether the command ran (0) or could not (2 for bad input), never whether
targets were met. A user's mistake is one line on stderr, ``nhsplan: error: ...``; a traceback
means a bug in nhsplan. A command module has a ``register(commands)`` function that adds its
parser and sets ``run``; adding a command is one line in :data:`COMMANDS`. A run that names
its command imports that command's module alone.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from typing import TextIO, cast

from nhsplan._version import __version__
from nhsplan.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    Command,
    Parser,
    check_writable,
    error_text,
    write_file,
)
from nhsplan.errors import NhsplanError

__all__ = [
    "COMMANDS",
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "build_parser",
    "command",
    "entry_point",
    "main",
]

COMMANDS: tuple[str, ...] = (
    "editions",
    "show",
    "metrics",
    "targets",
    "audit",
    "compare",
    "deadlines",
    "evaluate",
    "report",
    "measure",
    "waiting",
    "plan",
    "demo",
    "doctor",
)
"""The commands, in the order ``nhsplan --help`` lists them; each is the module of its name."""


def command(name: str) -> Command:
    """The module of the command *name* (``nhsplan.cli.targets`` for ``"targets"``)."""
    return cast("Command", importlib.import_module(f"{__name__}.{name}"))


_EXIT_BROKEN_PIPE = 1
"""The reader of standard output went away (``nhsplan show 2021/22 | head``)."""


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """Build the argument parser for the ``nhsplan`` command.

    Given the arguments of a run whose first names a command, only that command is registered,
    so the run imports no other command's module (``nhsplan targets`` starts about 20 ms
    sooner); otherwise every command is, to list them in ``--help`` and in errors.
    """
    parser = Parser(
        prog="nhsplan",
        description=(
            "NHS England operational planning guidance as typed, cited data: what is asked, "
            "by when, how it is measured, and whether it is met."
        ),
    )
    parser.add_argument("--version", action="version", version=f"nhsplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = (argv[0],) if argv and argv[0] in COMMANDS else COMMANDS
    for name in names:
        command(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the ``nhsplan`` command with *argv* (default: ``sys.argv[1:]``); return the exit code.

    Usage errors (an unknown option, a bad date) exit through argparse with code 2, after one
    line on stderr. ``--output FILE`` is handled here: the results are written to FILE only
    once the command has succeeded.
    """
    stdout = out or sys.stdout
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(stdout)
        return EXIT_OK
    output = getattr(args, "output", None)
    try:
        with _run_folder():
            if output is None:
                args.run(args, stdout)
            else:
                check_writable(output)
                raw = io.BytesIO()  # text, or bytes written to .buffer (Parquet)
                buffer = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                args.run(args, buffer)
                buffer.flush()
                write_file(output, raw.getvalue())
    except (NhsplanError, OSError, UnicodeError, ImportError) as err:
        if isinstance(err, BrokenPipeError):
            return _broken_pipe()
        print(f"nhsplan: error: {error_text(err)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def entry_point(argv: Sequence[str] | None = None) -> int:
    """The ``nhsplan`` program (its console script, ``python -m nhsplan``): :func:`main`.

    The process ends next, so the objects left are frozen first (:func:`gc.freeze`): the
    collections Python runs as it shuts down would otherwise walk every one of them (about
    900,000 once ``nhsplan measure`` has imported Ibis: about 0.1 s of CPU) to free memory
    the process hands back whole as it exits. Reference counting still frees what it can.
    """
    code = main(argv)
    gc.freeze()
    return code


@contextlib.contextmanager
def _run_folder() -> Iterator[None]:
    """One temporary folder for the whole run, removed at its end, on SIGTERM and on SIGINT.

    Every temporary file the run makes (DuckDB's databases, part files) goes in it, including
    those made through :mod:`tempfile` by code that does not know about it.
    """
    from nhsplan.io._atomic import removed_on_signal, scratch  # noqa: PLC0415

    with removed_on_signal(), scratch() as folder:
        previous, tempfile.tempdir = tempfile.tempdir, str(folder)
        try:
            yield
        finally:
            tempfile.tempdir = previous


def _broken_pipe() -> int:
    # Python's advice (the signal module's docs): point stdout at devnull so the interpreter's
    # final flush does not raise again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return _EXIT_BROKEN_PIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(entry_point())
