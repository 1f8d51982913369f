"""What every source adapter returns: observations, and the data-quality issues found on the way.

Real data has oddities (a count above the total it belongs to, a negative count). An adapter
reports each one as a :class:`DataQualityIssue` naming the file, row and column, and says what it
did with the row: kept, or excluded from which figure. It never crashes on them and never drops
a row silently. A file that is not in the format at all (a missing column) raises
:class:`SourceFileError`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import Final, TextIO, TypeAlias

import attrs

from nhsplan._csv import reader as csv_reader
from nhsplan.errors import NhsplanError, _shown
from nhsplan.model import Observation
from nhsplan.model.formats import ORG_CODE

__all__ = ["CsvSource", "DataQualityIssue", "SourceFileError", "SourceResult"]

CsvSource: TypeAlias = str | os.PathLike[str] | TextIO
"""A CSV file: a path, or a text file opened with ``newline=""``."""


def _tuple_of_observation(value: Iterable[Observation]) -> tuple[Observation, ...]:
    return tuple(value)


def _tuple_of_issue(value: Iterable[DataQualityIssue]) -> tuple[DataQualityIssue, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class DataQualityIssue:
    """One oddity found in a source file, where it was, and what was done about it.

    >>> issue = DataQualityIssue(source="ae.csv", row=9, column="admissions", value="92",
    ...                          message="admissions (92) above attendances (74); kept")
    >>> print(issue)
    ae.csv row 9, column 'admissions' ('92'): admissions (92) above attendances (74); kept
    """

    source: str
    """The file (its path as given, or a name for a bundled file or a stream)."""
    row: int
    """The row, counting from 1 for the header (so row 2 is the first data row)."""
    column: str | None
    """The column, as the file names it (None when the issue is about the whole row)."""
    message: str
    """What is wrong, and what was done with the row (kept, or excluded from which figure)."""
    value: str | None = None
    """The raw text of the cell, unchanged."""

    @property
    def where(self) -> str:
        """``"file row 3, column 'period'"``."""
        text = f"{self.source} row {self.row}"
        return f"{text}, column {self.column!r}" if self.column is not None else text

    def __str__(self) -> str:
        raw = f" ({_shown(self.value)})" if self.value is not None else ""  # a long one cut
        return f"{self.where}{raw}: {self.message}"


@attrs.frozen(kw_only=True)
class SourceResult:
    """What an adapter read: the observations, and every data-quality issue found."""

    observations: tuple[Observation, ...] = attrs.field(converter=_tuple_of_observation)
    issues: tuple[DataQualityIssue, ...] = attrs.field(default=(), converter=_tuple_of_issue)

    def select(
        self, *, metric: str | None = None, org: str | None = None
    ) -> tuple[Observation, ...]:
        """The observations of *metric* and/or *org* (either may be omitted), in file order."""
        return tuple(
            o
            for o in self.observations
            if (metric is None or o.metric == metric) and (org is None or o.org == org)
        )


SHOWN_ISSUES: Final = 20
"""The problems a :class:`SourceFileError`'s message shows (a 5,000-column header is 5,000
problems); its ``issues`` hold every one."""


class SourceFileError(NhsplanError, ValueError):
    """A file that cannot be read as the format asked for; lists every problem found.

    Attributes:
        source: the file.
        issues: one :class:`DataQualityIssue` per problem, each with its row and column.
        example: a valid example (a header, or a row) of the format.
    """

    def __init__(
        self, issues: Iterable[DataQualityIssue], *, source: str, example: str, expected: str
    ) -> None:
        self.source = source
        self.issues = tuple(issues)
        self.example = example
        noun = "problem" if len(self.issues) == 1 else "problems"
        lines = [f"{source}: {len(self.issues):,} {noun} reading it as {expected}:"]
        lines += [f"  {_located(issue)}" for issue in self.issues[:SHOWN_ISSUES]]
        if len(self.issues) > SHOWN_ISSUES:
            more = len(self.issues) - SHOWN_ISSUES
            lines.append(f"  ... and {more:,} more (every one is in the error's issues)")
        lines.append(f"for example:\n  {example}")
        super().__init__("\n".join(lines))


class IssueLog:
    """What a reader of one file has found wrong so far: issues with their row and column."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.issues: list[DataQualityIssue] = []

    def issue(self, row: int, column: str | None, value: str | None, message: str) -> None:
        """Record a data-quality issue at *row* (1-based, the header is row 1) and *column*."""
        self.issues.append(
            DataQualityIssue(
                source=self.source, row=row, column=column, value=value, message=message
            )
        )


def full_rows(
    reader: Iterable[list[str]], log: IssueLog, *, width: int, excluded_from: str
) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells)`` for each row with at least *width* cells.

    A shorter row that is not blank is reported on *log* as excluded from *excluded_from*;
    a blank one is passed over. Rows are numbered from 2 (the header is row 1).
    """
    for row, record in enumerate(reader, start=2):
        if len(record) >= width:
            yield row, record
        elif any(cell.strip() for cell in record):
            log.issue(
                row,
                None,
                ",".join(record),
                f"{len(record)} cells where the header has {width}; excluded from {excluded_from}",
            )


def _located(issue: DataQualityIssue) -> str:
    column = f", column {issue.column!r}" if issue.column is not None else ""
    raw = f" ({issue.value!r})" if issue.value is not None else ""
    return f"row {issue.row}{column}{raw}: {issue.message}"


# --- reading CSV -------------------------------------------------------------------------------


def source_name(file: CsvSource) -> str:
    """How issues name *file*: its path as given, or the ``name`` of an open file."""
    if isinstance(file, str | os.PathLike):
        return os.fspath(file)
    name = getattr(file, "name", None)
    return name if isinstance(name, str) else "<stream>"


@contextlib.contextmanager
def open_csv(file: CsvSource) -> Iterator[TextIO]:
    """A text stream for *file*, opened (and closed) here if it is a path."""
    if isinstance(file, str | os.PathLike):
        with open(file, encoding="utf-8-sig", newline="") as stream:
            yield stream
    else:
        yield file


@contextlib.contextmanager
def open_bundled(name: str) -> Iterator[TextIO]:
    """A text stream for a data file shipped in :mod:`nhsplan.data`."""
    data = resources.files("nhsplan.data").joinpath(name).read_bytes()
    with io.StringIO(data.decode("utf-8-sig"), newline="") as stream:
        yield stream


def read_header(
    reader: Iterator[list[str]],
    *,
    source: str,
    required: Iterable[str],
    example: str,
    expected: str,
) -> dict[str, int]:
    """The column positions of the header row; SourceFileError if a required one is missing."""
    header = next(reader, None)
    if header is None:
        raise SourceFileError(
            [DataQualityIssue(source=source, row=1, column=None, message="the file is empty")],
            source=source,
            example=example,
            expected=expected,
        )
    columns = {name.strip(): i for i, name in reversed(list(enumerate(header)))}
    missing = [name for name in required if name not in columns]
    if missing:
        raise SourceFileError(
            [
                DataQualityIssue(
                    source=source,
                    row=1,
                    column=name,
                    message="this column is missing from the header",
                )
                for name in missing
            ],
            source=source,
            example=example,
            expected=expected,
        )
    return columns


def csv_rows(
    stream: TextIO, *, source: str, fail: Callable[[DataQualityIssue], SourceFileError]
) -> Iterator[list[str]]:
    """The records of a CSV stream (row 1 is the header; a blank line is a row of no cells).

    Text the csv module cannot read (a NUL byte, an unterminated quote at the end, bytes that
    are not UTF-8) raises the error *fail* makes of an issue naming the row.
    """
    rows = 0
    try:
        for record in csv_reader(stream):
            rows += 1
            yield record
    except UnicodeDecodeError as exc:
        packed = _packed(exc) if rows == 0 else None
        message = f"not UTF-8 text at or after this row ({exc.reason}); {NOT_UTF8}"
        # the bytes being decoded start on the row after those read (a line the reader had
        # begun is part of them): the bad byte's row is that one plus the line ends before it
        # (more than one row of text only where a quoted cell holds a line break)
        before = bytes(exc.object[: exc.start]).count(b"\n")
        issue = DataQualityIssue(
            source=source,
            row=rows + 1 + before,
            column=None,
            message=message if packed is None else f"not CSV text: {packed}",
        )
        raise fail(issue) from None
    except csv.Error as exc:
        issue = DataQualityIssue(
            source=source,
            row=rows + 1,
            column=None,
            message=f"not readable as CSV text (at or after this row): {exc}",
        )
        raise fail(issue) from None


_PACKED: Final = (
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first (gunzip FILE.csv.gz)"),
    (b"PK\x03\x04", "a zip archive, such as an Excel workbook (.xlsx); save it as CSV"),
    (b"PAR1", "a Parquet file; give it a name that ends .parquet"),
)
"""The first bytes of files often given where a CSV belongs, and what each is."""


def _packed(error: UnicodeDecodeError) -> str | None:
    """What a file is whose first bytes failed to decode, where they say (None otherwise)."""
    start = bytes(error.object[:4])
    return next((what for magic, what in _PACKED if start.startswith(magic)), None)


NOT_UTF8: Final = (
    'save it as "CSV UTF-8 (Comma delimited)" in Excel (File > Save As), or convert it to UTF-8'
)
"""The hint for a file in another encoding (Excel's plain "CSV" is Windows-1252)."""


def is_org_code(text: str) -> bool:
    """True if *text* is an organisation code as :class:`~nhsplan.model.Observation` takes it."""
    return ORG_CODE.matches(text)


_INTEGER = re.compile(r"[+-]?[0-9]+")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


def parse_number(text: str) -> float | None:
    """A finite number from a cell (``"1,234"`` allowed), or None if it holds none.

    ASCII digits only: Python's ``float`` also reads other scripts' digits (an Arabic-Indic
    one reads as 1), which no NHS file writes and no other engine reads.
    """
    text = text.strip()
    if not text.isascii():
        return None
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if "_" in text:  # float() reads "1_000"; a spreadsheet never writes it
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_count(text: str) -> int | None:
    """A whole number from a cell (``"1,234"`` and ``"12.0"`` allowed), or None.

    None too for more than 15 digits: no NHS count is that large, and the float an
    observation holds could not keep it exact.
    """
    text = text.strip()
    if not _INTEGER.fullmatch(text):
        number = parse_number(text)
        if number is None or not number.is_integer():
            return None
        text = f"{number:.0f}"
    sign, digits = ("-" if text.startswith("-") else ""), text.lstrip("+-").lstrip("0")
    if len(digits) > _MAX_DIGITS:
        return None
    return int(sign + (digits or "0"))  # leading zeros dropped: int() refuses 4,300 digits


_MAX_DIGITS: Final = 15
