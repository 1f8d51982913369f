"""Private helpers for :mod:`nhsplan.engines.columnar`: files handed to DuckDB, and their rows.

Two things a fast path must never take on trust from DuckDB:

- **the file's name.** DuckDB expands ``*``, ``?`` and ``[...]`` in a path, so ``obs[1].csv``
  would read ``obs1.csv`` and ``obs*.csv`` every match. :func:`duckdb_path` gives DuckDB a
  pattern that matches the one file named, character for character.
- **how many rows the file has.** DuckDB's CSV sniffer can take the last line for the header
  (and read nothing) or a CRLF file for one of no rows. The file is read with every setting
  given (no sniffing), and :func:`csv_data_lines` counts its data rows from the bytes
  themselves, as Python's csv module would see them; :func:`parquet_rows` reads the count a
  Parquet file's footer records. A fast path whose rows do not add up to that count is not
  used: the row reader reads the file instead.
"""

from __future__ import annotations

import gzip
import mmap
import os
import re
import threading
from collections.abc import Sequence
from typing import Any, BinaryIO, Final, NamedTuple, cast

from nhsplan.errors import NhsplanError
from nhsplan.model.formats import sql_text

__all__ = [
    "RowsNotAccountedError",
    "csv_data_lines",
    "csv_relation",
    "duckdb_path",
    "line_counts",
    "odd_line_end",
    "open_bytes",
    "parquet_rows",
]

_GLOB: Final = re.compile(r"[*?\[]")
_BLANK: Final = re.compile(rb"\n(?=\r?\n)")
_BLANK_CR: Final = re.compile(rb"\r(?=\r)")
"""A blank line in a file whose lines end with a carriage return alone."""
_CHUNK: Final = 1 << 24


class RowsNotAccountedError(NhsplanError, RuntimeError):
    """The rows a path judged and reported do not add up to the rows the input holds.

    Raised rather than return a report that silently leaves rows out (an empty report with
    exit 0 is worse than no report); it names the input and both counts.
    """

    def __init__(self, source: str, *, rows_in: int, accounted: int, method: str) -> None:
        self.source = source
        self.rows_in = rows_in
        self.accounted = accounted
        super().__init__(
            f"{source}: {rows_in} data rows in the input, but the {method} accounted for "
            f"{accounted}; no report was made. Please report this as a bug in nhsplan, with "
            "the file; meanwhile read it with nhsplan.io.readers.read_observations_csv and "
            "nhsplan.evaluate_guidance"
        )


def duckdb_path(path: str | os.PathLike[str]) -> str:
    """The absolute *path* as a DuckDB file pattern that matches that one file, literally.

    Each glob character is put in a class of its own (``[`` as ``[[]``, ``*`` as ``[*]``),
    which DuckDB's glob reads as the character itself; a ``~`` is not expanded, since the
    path is absolute.
    """
    absolute = os.path.abspath(os.fspath(path))
    return _GLOB.sub(lambda found: f"[{found.group()}]", absolute)


def csv_relation(con: Any, path: str, names: Sequence[str]) -> Any:  # noqa: ANN401 - DuckDB
    """*path* as a relation of text columns named *names*, every setting given, none sniffed.

    As Python's csv module reads it: comma-separated, ``"`` quoting (``""`` inside a quoted
    cell), the first line a header, LF or CRLF line ends; a row with more or fewer cells
    than *names* is an error (the caller then reads the file row by row).
    """
    columns = "{" + ", ".join(f"{sql_text(name)}: 'VARCHAR'" for name in names) + "}"
    return con.sql(
        f"SELECT * FROM read_csv({sql_text(duckdb_path(path))}, columns = {columns}, "
        "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
        "strict_mode = true, null_padding = false, ignore_errors = false)"
    )


def csv_data_lines(path: str | os.PathLike[str]) -> int:
    """The data rows of a CSV file as counted from its bytes: its lines after the first.

    A line ends with LF (CRLF too); a last line without one still counts. This equals the
    records Python's csv module reads when no quoted cell holds a line break and no line
    is blank; where one does, the count differs from DuckDB's, and the file is read row
    by row (the counts never agree by accident in the other direction: DuckDB cannot read
    more records than there are lines).
    """
    return _lines(path, blank=False)[0]


_LONE_CR: Final = re.compile(rb"\r(?!\n)")
"""A carriage return that ends no CRLF: Python's csv module ends a row there, DuckDB may not."""


def irregular(raw: BinaryIO, size: int) -> bool:
    r"""Whether DuckDB would number the rows of a CSV file otherwise than Python's csv module.

    A blank line (``\n\n``, ``\n\r\n``, ``\r\r``, or the first line after the header),
    a NUL byte, or a carriage return that ends no CRLF. The three patterns with a carriage
    return are looked for only where the file holds one (a single-byte search; each pattern is
    a scan of its own, about a second of a 439 MB file together).
    """
    with mmap.mmap(raw.fileno(), size, access=mmap.ACCESS_READ) as view:
        body = view.find(b"\n") + 1
        if body <= 0:
            return False
        returns = view.find(b"\r") >= 0
        patterns = (b"\n\n", b"\x00", *((b"\n\r\n", b"\r\r") if returns else ()))
        return (
            any(view.find(pattern, body) >= 0 for pattern in patterns)
            or view[body : body + 1] == b"\n"
            or (returns and _LONE_CR.search(view) is not None)
        )


def csv_checked_lines(path: str | os.PathLike[str]) -> int | None:
    """:func:`csv_data_lines`, or None where DuckDB would number the rows otherwise.

    None where the file is :func:`irregular`: a fast path cannot then vouch for its count.
    """
    with open(path, "rb") as raw:
        size = os.fstat(raw.fileno()).st_size
        if size and irregular(raw, size):
            return None
    return csv_data_lines(path)


class CsvCount:
    """:func:`csv_checked_lines` of a file, worked out in a thread of its own from when it is made.

    Checking and counting a large CSV file's lines (scanning every byte) takes a core for
    about a second per 500 MB; DuckDB's query over the same file releases Python's lock while
    it works, so the count is made beside the query rather than before it, and asked for once
    the query is done. Calling the instance waits for it (and raises what it raised);
    :meth:`close` waits for the thread, so none outlives the call that made it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._count: int | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(path,), name="nhsplan-line-count", daemon=True
        )
        self._thread.start()

    def _run(self, path: str | os.PathLike[str]) -> None:
        try:
            self._count = csv_checked_lines(path)
        except BaseException as exc:  # raised again in the caller's thread
            self._error = exc

    def __call__(self) -> int | None:
        """The count, None for an irregular file; waits for it."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._count

    def close(self) -> None:
        """Wait for the thread."""
        self._thread.join()


def open_bytes(path: str | os.PathLike[str]) -> BinaryIO:
    """*path* opened for reading bytes, decompressed if its name ends in ``.gz``."""
    if os.fspath(path).lower().endswith(".gz"):
        return cast("BinaryIO", gzip.open(path, "rb"))
    return open(path, "rb")


class LineCount(NamedTuple):
    """:func:`line_counts` of a file: its data lines, its blank lines, and its line ends."""

    lines: int
    """Its lines after the first."""
    blank: int
    """Of all its lines, those that are empty (a line end right after a line end)."""
    ends: frozenset[str]
    """The kinds of line end it holds: ``"LF"``, ``"CRLF"``, ``"CR"`` (none, one, or mixed)."""


def line_counts(path: str | os.PathLike[str]) -> LineCount:
    """The data lines, blank lines and kinds of line end of a text file, from its bytes.

    Lines end as the file's own line ends do: LF (CRLF too), or a carriage return alone in a
    file whose every line ends so (an old Mac file, which DuckDB reads line by line as Python's
    csv module does). Read in chunks, a ``.gz`` file decompressed on the way; a file whose
    lines all end with a carriage return alone is read a second time, to count them.
    """
    lines, blank, (feeds, crs, crlfs) = _lines(path, blank=True)
    ends = {"LF": feeds > crlfs, "CRLF": crlfs > 0, "CR": crs > crlfs}
    found = frozenset(kind for kind, present in ends.items() if present)
    if found == {"CR"}:
        lines, blank, _ = _lines(path, blank=True, end=b"\r")
    return LineCount(lines=lines, blank=blank, ends=found)


_ENDS: Final = re.compile(rb"\r\n|\r|\n")
_END_NAMES: Final = {b"\r\n": "CRLF", b"\r": "CR", b"\n": "LF"}


def odd_line_end(path: str | os.PathLike[str]) -> tuple[int, str, str] | None:
    """``(row, its line end, row 1's)`` for the first line that ends otherwise than row 1.

    None where every line ends alike. Rows count lines from 1 (a line break inside a quoted
    cell counts as a line end too). Read in chunks, line end by line end: for a file
    :func:`line_counts` found to mix them, to name the row.
    """
    first: bytes | None = None
    row = 0
    carry = b""
    with open_bytes(path) as raw:
        while chunk := raw.read(_CHUNK):
            window = carry + chunk
            carry = b"\r" if window.endswith(b"\r") else b""  # perhaps half a CRLF
            for found in _ENDS.finditer(window, 0, len(window) - len(carry)):
                row += 1
                first = first or found.group()
                if found.group() != first:
                    return row, _END_NAMES[found.group()], _END_NAMES[first]
    if carry and first not in {None, carry}:
        return row + 1, _END_NAMES[carry], _END_NAMES[first or carry]
    return None


def _lines(
    path: str | os.PathLike[str], *, blank: bool, end: bytes = b"\n"
) -> tuple[int, int, tuple[int, int, int]]:
    """Data lines, blank lines and ``(ends, CRs, CRLFs)`` of a file whose lines end with *end*.

    With *blank* False, blank lines and carriage returns are not looked for (counted as 0):
    looking for blank lines costs a regular expression over every byte (and a copy of each
    chunk), about as long as reading the file; :func:`csv_data_lines` needs only the line ends.
    """
    ends = blanks = crs = crlfs = 0
    last = tail = b""
    pattern = _BLANK if end == b"\n" else _BLANK_CR
    with open_bytes(path) as raw:
        while chunk := raw.read(_CHUNK):
            ends += chunk.count(end)
            if blank and last == b"\r" and chunk[:1] == b"\n":  # a CRLF across two chunks
                crlfs += 1
            last = chunk[-1:]
            if not blank:
                continue
            if returns := chunk.count(b"\r"):
                crs += returns
                crlfs += chunk.count(b"\r\n")
            # a match is decided once the two bytes after its line end are read
            window = tail + chunk
            cut = len(window) - 2
            blanks += sum(1 for found in pattern.finditer(window) if found.start() < cut)
            tail = window[max(cut, 0) :] if cut > 0 else window
    blanks += sum(1 for found in pattern.finditer(tail) if found.start() >= max(len(tail) - 2, 0))
    lines = ends + (last not in {b"", end})
    return max(lines - 1, 0), blanks, (ends, crs, crlfs)


def parquet_rows(con: Any, path: str) -> int:  # noqa: ANN401 - a DuckDB connection
    """The rows a Parquet file's footer says it holds (read without reading the rows)."""
    found = con.execute(
        f"SELECT sum(num_rows) FROM parquet_file_metadata({sql_text(duckdb_path(path))})"
    ).fetchone()
    return int(found[0] or 0) if found is not None else 0
