"""CSV that a spreadsheet opens as data, never as formulas; and CSV read with cells of any length.

Excel, LibreOffice and Google Sheets run a cell that begins with ``=``, ``+``, ``-`` or ``@``
as a formula (and some versions also one that begins with a tab or a carriage return). An
organisation code, a citation or a reason read from someone else's file could begin so, and
a formula in a CSV file can fetch web pages or start programs on the reader's machine. Text
cells that begin with one of those characters are written with a leading ``'``, which the
spreadsheet reads as "this cell is text" and does not show (OWASP, "CSV Injection"; OWASP ASVS
5.0 requirement 1.2.10, which adds the NUL character). Numbers are written as numbers, so a
negative margin stays a number a spreadsheet can sort and sum.

>>> neutralise("=HYPERLINK(0)"), neutralise(-0.5), neutralise("-0.5"), neutralise("RBD")
("'=HYPERLINK(0)", -0.5, "'-0.5", 'RBD')
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final, TextIO

__all__ = ["CELL_LIMIT", "FORMULA_TRIGGERS", "neutralise", "reader", "write_rows"]

CELL_LIMIT: Final = 2**31 - 1
"""The longest cell :func:`reader` reads: the largest limit Python's csv module takes on every
platform (a C ``long`` of 32 bits on Windows)."""

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
"""First characters that make a spreadsheet read a text cell as a formula."""


def neutralise(cell: object) -> object:
    """*cell*, with a leading ``'`` if it is text a spreadsheet would run as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def write_rows(
    stream: TextIO, columns: Sequence[str], rows: Iterable[Mapping[str, object]]
) -> None:
    """Write a header and one line per row, every text cell neutralised.

    Text is quoted, so a cell holding a line break or a lone carriage return stays one cell;
    numbers are written unquoted as Python writes them (``-0.14048030136555667``), None as an
    empty cell.
    """
    writer = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow([neutralise(row.get(c)) for c in columns])


def reader(stream: Iterable[str]) -> Iterator[list[str]]:
    """Python's csv reader on *stream*, reading a cell of any length.

    The csv module refuses a cell of more than 131,072 characters (``csv.Error: field larger
    than field limit``) where DuckDB reads it and the row is then judged on its cells: a file
    read row by row must give the rows read column-wise, so nhsplan's readers read every cell.
    The limit is the csv module's, one for the whole process: it is raised here to
    :data:`CELL_LIMIT`, never lowered, so another thread's reader is never cut short.
    """
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)
    return csv.reader(stream)
