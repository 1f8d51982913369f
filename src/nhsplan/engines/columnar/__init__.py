"""The columnar engine: an observation file or DataFrame evaluated column-wise.

The public entry points are :mod:`~nhsplan.engines.columnar.frame` (a DataFrame) and
:mod:`~nhsplan.engines.columnar.from_file` (a file), giving a
:mod:`~nhsplan.engines.columnar.result`; the passes are its modules: ``single_pass`` (one
DuckDB query over a clean input; ``scan`` builds it), the ``column_pass`` (Narwhals
expressions over any frame; ``rows`` reads the few rows not in the plain form), the
``fallback`` to the row reader, ``judge`` (many organisations judged at once by the decision
core) and ``verdicts`` (assessments kept as records until a report is asked for).
"""

from __future__ import annotations

from nhsplan.engines.columnar.frame import (
    FrameResult,
    RowAccount,
    RowsNotAccountedError,
    evaluate_frame,
    is_frame,
)
from nhsplan.engines.columnar.from_file import evaluate_file

__all__ = [
    "FrameResult",
    "RowAccount",
    "RowsNotAccountedError",
    "evaluate_file",
    "evaluate_frame",
    "is_frame",
]
