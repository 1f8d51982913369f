"""What every command shares: exit codes, argument types, input and output files, errors.

A user's mistake (a missing file, a directory, a file that is not UTF-8, an unwritable output,
a bad date) ends the command with exit code 2 and one line on stderr starting
``nhsplan: error:``; only a bug in nhsplan shows a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Final, NoReturn, Protocol, TextIO, TypeAlias

from nhsplan.errors import NhsplanError

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "STDIN",
    "Command",
    "CommandError",
    "Parser",
    "Run",
    "Subparsers",
    "add_output",
    "check_writable",
    "error_text",
    "iso_date",
    "open_input",
    "org_code",
    "printable",
    "write_file",
]

EXIT_OK: Final = 0
"""The command ran (whether or not targets were met)."""
EXIT_BAD_INPUT: Final = 2
"""The command could not run on what it was given (argparse uses 2 for usage errors too)."""
STDIN: Final = "-"
"""The file name that means standard input."""

Subparsers: TypeAlias = "argparse._SubParsersAction[Parser]"
Run: TypeAlias = Callable[[argparse.Namespace, TextIO], None]
"""What a command does with its parsed arguments, writing its results to the text stream."""


class Command(Protocol):
    """A command module: ``register`` adds its parser, with ``run`` set as the default."""

    def register(self, commands: Subparsers) -> None:
        """Add this command's parser to *commands* (``parser.set_defaults(run=run)``)."""


class CommandError(NhsplanError):
    """A mistake in what the command was given, found by the command line itself."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line: ``nhsplan: error: ...``."""

    def error(self, message: str) -> NoReturn:
        """Print *message* on one line, with where to find help, and exit with code 2."""
        self.exit(EXIT_BAD_INPUT, f"nhsplan: error: {message} (see '{self.prog} --help')\n")


def iso_date(text: str) -> date:
    """An argparse type: an ISO date (``2021-12-31``), the command line's one date parser.

    Read by :func:`nhsplan.model._inputs.to_as_of`, the Python API's reader of ``as_of``, so
    every command and the API take the same texts: spaces around the date are allowed, and a
    date and time (``2021-12-31 09:00``, ``2021-12-31T09:00``) gives its date; ``20211231``
    and ``2021-02-30`` are not dates.
    """
    from nhsplan.model._inputs import to_as_of  # noqa: PLC0415 - keep --help fast

    try:
        return to_as_of(text)
    except NhsplanError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; for example 2021-12-31"
        ) from None


def org_code(text: str) -> str:
    """An argparse type: an organisation's ODS code, the command line's one org-code reader.

    Read by :func:`nhsplan.model._org_codes.read_org` after trimming spaces around it, so
    ``--org rbd`` is ``RBD`` and ``--org E92000001`` is ``ENGLAND``, as a figure's ``org`` is
    read in a file; ``straße``, ``-X`` or an empty text are refused with the format's example.
    """
    from nhsplan.model._org_codes import read_org  # noqa: PLC0415 - keep --help fast

    try:
        return read_org(text.strip(), field="--org")
    except NhsplanError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an organisation code (ODS); for example RBD"
        ) from None


def add_output(parser: argparse.ArgumentParser) -> None:
    """Add ``--output FILE``: write the results to FILE instead of standard output."""
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="write the results to FILE (replaced if it exists) instead of standard output",
    )


def check_writable(path: Path, *, what: str = "output") -> None:
    """Raise CommandError now if *path* cannot be written, before any work is done."""
    if path.is_dir():
        raise CommandError(f"cannot write the {what} to {path}: it is a directory; give a file")
    parent = path.parent
    if not parent.is_dir():
        raise CommandError(f"cannot write the {what} to {path}: folder {parent} does not exist")
    if (path.exists() and not os.access(path, os.W_OK)) or not os.access(parent, os.W_OK):
        raise CommandError(f"cannot write the {what} to {path}: permission denied")


def write_file(path: Path, data: bytes, *, what: str = "output") -> None:
    """Write *data* to *path* whole or not at all; a CommandError (not a traceback) if that fails.

    The data goes to a new file that replaces *path* only once complete, so a crash, a full
    disk or a file-size limit leaves the previous *path* as it was.
    """
    from nhsplan.io._atomic import atomic_write_bytes  # noqa: PLC0415 - keep --help fast

    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise CommandError(f"cannot write the {what} to {path}: {_reason(exc)}") from None


@contextlib.contextmanager
def open_input(name: str) -> Iterator[TextIO]:
    """The text of the file *name* (``-``: standard input), read as UTF-8 CSV text.

    Raises:
        CommandError: the file is missing, a directory, or cannot be read.
    """
    if name == STDIN:
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # already text (a test's StringIO): read it as it is
            yield sys.stdin
            return
        stream = io.TextIOWrapper(buffer, encoding="utf-8-sig", newline="")  # named <stdin>
        try:
            yield stream
        finally:
            stream.detach()  # leave sys.stdin's buffer open
        return
    path = Path(name)
    if path.is_dir():
        raise CommandError(f"{name} is a directory; give a CSV file (or - for standard input)")
    try:
        stream = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise CommandError(f"{name}: no such file") from None
    except OSError as exc:
        raise CommandError(f"cannot read {name}: {_reason(exc)}") from None
    with stream:
        yield stream


def error_text(err: BaseException) -> str:
    """The message for *err* after ``nhsplan: error:`` (one line where the error allows)."""
    from nhsplan.io.readers import SourceFileError  # noqa: PLC0415 - keep --help fast
    from nhsplan.io.readers._quality import NOT_UTF8  # noqa: PLC0415

    if isinstance(err, SourceFileError) and len(err.issues) == 1 and err.issues[0].row > 1:
        return printable(str(err.issues[0]))  # one bad row: where and what, on one line
    if isinstance(err, UnicodeDecodeError):
        return f"a file is not UTF-8 text ({err.reason}); {NOT_UTF8}"
    if isinstance(err, OSError):
        name = f"{err.filename}: " if err.filename else ""
        return printable(f"{name}{_reason(err)}")
    return printable(str(err))


_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    r"""*text* safe to print on a terminal: control characters and lone surrogates made visible.

    Text from a local guidance file or a CSV could hold an ANSI escape sequence (which would
    recolour or rewrite the terminal) or a lone surrogate (which cannot be encoded, so
    printing would crash). Each is shown as its escape instead; new lines and tabs are kept.

    >>> printable("C2 \x1b[31mred\x1b[0m " + chr(0xD800))
    'C2 \\x1b[31mred\\x1b[0m \\ud800'
    """
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
