"""CSV that a spreadsheet opens as data, never as formulas.

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
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, TextIO

__all__ = ["FORMULA_TRIGGERS", "neutralise", "write_rows"]

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
