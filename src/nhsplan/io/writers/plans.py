"""Plan checks and plan tracking as data: CSV, JSON and Parquet rows, numbers as numbers.

The rows are those of :meth:`nhsplan.plan.PlanCheck.rows` and
:meth:`nhsplan.plan.PlanTracking.rows`: one finding, or one metric and month, a row; every
figure beside its unit. CSV cells a spreadsheet would run as a formula are neutralised
(:mod:`nhsplan._csv`).

>>> import io
>>> out = io.StringIO()
>>> write_rows_csv([{"metric": "ae_4_hour", "planned": 91.5, "unit": "percent"}],
...                ("metric", "planned", "unit"), out)
>>> print(out.getvalue().strip())
"metric","planned","unit"
"ae_4_hour",91.5,"percent"
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO, TextIO

from nhsplan._csv import write_rows
from nhsplan.errors import MissingDependencyError

__all__ = ["rows_json", "write_rows_csv", "write_rows_parquet"]


def write_rows_csv(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], stream: TextIO
) -> None:
    """Write *rows* as CSV with a header of *columns*."""
    write_rows(stream, columns, rows)


def rows_json(rows: Sequence[Mapping[str, Any]], **header: object) -> str:
    """*rows* as a JSON document: the *header* fields (edition, as_of, ...) then ``rows``."""
    return json.dumps({**{k: str(v) for k, v in header.items()}, "rows": list(rows)}, indent=2)


def write_rows_parquet(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], stream: BinaryIO
) -> None:
    """Write *rows* as a Parquet file (needs pyarrow: the duckdb extra).

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional extra, imported on use
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError as exc:
        raise MissingDependencyError("Parquet output", package="pyarrow", extra="duckdb") from exc
    table = pa.table({c: [row.get(c) for row in rows] for c in columns})
    pq.write_table(table, stream)
