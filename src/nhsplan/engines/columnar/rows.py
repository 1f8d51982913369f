"""Private helpers for :mod:`nhsplan.engines.columnar`: the few rows read one by one.

The column path vouches only for rows in the plainest form (canonical period, plain decimal
figures, no stray spaces). Every other row — a bad one, or a good one in a looser spelling —
is read here by the observation reader's own row logic, so its issues have the same kinds,
columns and messages as :func:`~nhsplan.io.readers.read_observations_csv` gives them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from nhsplan.io.readers._cells import _observation, _Problem
from nhsplan.io.readers._quality import DataQualityIssue
from nhsplan.model import Observation

__all__ = ["cell_text", "read_row"]


def cell_text(value: object) -> str:
    """A cell as the CSV reader would see it: missing is ``""``, a number its plain text."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(value)
    return str(value)


def read_row(
    cells: Sequence[str],
    names: Mapping[str, int],
    *,
    source: str,
    row: int,
    skipped: str,
) -> tuple[Observation | None, list[DataQualityIssue], bool]:
    """One row read as the observation reader reads it: ``(observation, issues, blank)``.

    *cells* are the row's cells in header order; *names* maps each observation column to
    its position (other positions are unnamed columns, whose cells must be blank).
    """
    if not any(cell.strip() for cell in cells):
        return None, [], True
    columns = set(names.values())
    problems: list[_Problem] = [
        (None, cell, f"a cell outside the named columns (cell {i + 1})")
        for i, cell in enumerate(cells)
        if i not in columns and cell.strip()
    ]
    named = {name: cells[i] for name, i in names.items()}
    observation = _observation(named, problems, {})
    issues = [
        DataQualityIssue(
            source=source, row=row, column=column, value=value, message=message + skipped
        )
        for column, value, message in problems
    ]
    return (observation if not problems else None), issues, False
