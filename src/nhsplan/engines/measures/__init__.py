"""The guidance's metrics computed from record-level data, on DuckDB or Spark.

One definition of each measure, written with Ibis, runs on both engines:

- ``ae``: A&E attendances -> the 4-hour measure (all types, type 1) and 12 hours from arrival;
- ``rtt``: a waiting-list snapshot -> within 18 weeks, and over 52/65/78/104 weeks;
- ``cancer``: referrals -> the 28-day Faster Diagnosis Standard;
- ``leder``: LeDeR notifications -> reviews within 6 calendar months.

>>> import nhsplan  # doctest: +SKIP
>>> result = nhsplan.measure("ae", "attendances.parquet")  # doctest: +SKIP
>>> result.write_csv("observations.csv")  # doctest: +SKIP

The guide (``docs/guide/measures.md``) has a worked example that runs.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from nhsplan.engines.measures._common import (
    MeasureInputError,
    MeasureIssue,
    MeasureResult,
)
from nhsplan.engines.measures._engine import ENGINES, connect, spark_session

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend
    from pyspark.sql import SparkSession

    from nhsplan.engines.measures._common import Measure

__all__ = [
    "ENGINES",
    "KINDS",
    "MeasureInputError",
    "MeasureIssue",
    "MeasureResult",
    "connect",
    "measure",
    "spark_session",
]

KINDS: Final = ("ae", "rtt", "cancer", "leder")
"""The measures :func:`measure` computes."""


def _measure(kind: str, *, as_of: date | None, treatment_function: str | None) -> Measure:
    from nhsplan.engines.measures import ae, cancer, leder, rtt  # noqa: PLC0415

    if kind not in KINDS:
        raise MeasureInputError(
            f"unknown measure {kind!r}; choose one of {', '.join(KINDS)} (for example 'ae')"
        )
    if kind == "leder":
        if as_of is None:
            raise MeasureInputError(
                "the leder measure needs as_of, the date the records were taken "
                "(for example as_of=date(2022, 3, 31))"
            )
        return leder.measure(as_of=as_of)
    if kind == "rtt":
        return rtt.measure(treatment_function=treatment_function)
    return ae.measure() if kind == "ae" else cancer.measure()


def measure(
    kind: str,
    source: object,
    *,
    engine: str = "duckdb",
    as_of: date | None = None,
    treatment_function: str | None = None,
    session: SparkSession | None = None,
) -> MeasureResult:
    """Compute a measure's observations from records.

    Args:
        kind: ``ae``, ``rtt``, ``cancer`` or ``leder`` (the columns each reads are in its
            module: :mod:`nhsplan.engines.measures.ae` and so on).
        source: a CSV or Parquet file (or a folder of Parquet files), or an Ibis table on
            the engine.
        engine: ``duckdb`` (in this process, the default) or ``spark``.
        as_of: for ``leder``, the date the records were taken (required there).
        treatment_function: for ``rtt``, count only this treatment function's pathways.
        session: for ``spark``, the session to run on (default: the active one, or a new
            local session).

    Returns:
        The observations by organisation, month and metric, and every row left out with why
        (``rows_in == rows_counted + rows_reported``).

    Raises:
        MeasureInputError: an unknown kind or engine, a missing file or column, a column of
            the wrong type.
        ImportError: the engine's extra (``nhsplan[duckdb]``, ``nhsplan[spark]``) is missing.
    """
    from nhsplan.engines.measures._common import run  # noqa: PLC0415
    from nhsplan.engines.measures._engine import proven_in_range, read_records  # noqa: PLC0415

    spec = _measure(kind, as_of=as_of, treatment_function=treatment_function)
    backend = connect(engine, session=session)
    table, name = read_records(backend, source)
    if not _is_csv(source):
        in_range = proven_in_range(backend, table, source)
        return run(spec, table, engine=engine, backend=backend, source=name, in_range=in_range)
    if engine == "spark":
        return _run_spark_csv(spec, table, backend, Path(str(source)), name)
    return _run_csv(spec, table, backend, Path(str(source)), name)


def _run_spark_csv(
    spec: Measure, table: ir.Table, backend: BaseBackend, path: Path, name: str
) -> MeasureResult:
    """Run on a CSV read by Spark; a file Spark refuses gets the reason, not a JVM trace."""
    from py4j.protocol import Py4JJavaError  # noqa: PLC0415 - optional dependency
    from pyspark.errors import PySparkException  # noqa: PLC0415

    from nhsplan.engines.measures._common import run  # noqa: PLC0415
    from nhsplan.engines.measures._engine import unreadable  # noqa: PLC0415

    try:
        return run(spec, table, engine="spark", backend=backend, source=name)
    except (PySparkException, Py4JJavaError) as exc:
        raise unreadable(path, name, exc) from None


def _is_csv(source: object) -> bool:
    return (
        isinstance(source, str | os.PathLike)
        and ".csv" in "".join(Path(source).suffixes[-2:]).lower()
    )


def _run_csv(
    spec: Measure, table: ir.Table, backend: BaseBackend, path: Path, name: str
) -> MeasureResult:
    """Run on a CSV read by DuckDB, and check its rows against the file's own lines.

    Raises:
        MeasureInputError: the file mixes line endings (the first odd row named; DuckDB
            takes every line to end as the first does), DuckDB cannot read the file (the
            likely cause named), or read other than the file's data lines (a line break
            inside a quoted cell, a blank line): rows are never silently lost or added.
    """
    import duckdb  # noqa: PLC0415 - optional dependency

    from nhsplan.engines.columnar.files import line_counts, odd_line_end  # noqa: PLC0415
    from nhsplan.engines.measures._common import run  # noqa: PLC0415
    from nhsplan.engines.measures._engine import unreadable  # noqa: PLC0415

    lines, blank, ends = line_counts(path)  # DuckDB passes over a blank line, numbering without it
    odd = odd_line_end(path) if len(ends) > 1 else None
    if odd is not None:  # DuckDB takes every line end to be row 1's: it cannot read the file
        row, end, first = odd
        raise MeasureInputError(
            f"{name} row {row}: the line ends with {end} where row 1 ends with {first}: the "
            "file mixes line endings (or a quoted cell holds a line break); save it with one "
            "kind of line ending (CSV UTF-8 in Excel), one record per line"
        )
    try:
        result = run(spec, table, engine="duckdb", backend=backend, source=name, numbered=not blank)
    except duckdb.Error as exc:
        raise unreadable(path, name, exc) from None
    lines -= blank
    if result.rows_in != lines:
        raise MeasureInputError(
            f"{name}: {lines} data lines but {result.rows_in} records read: a line break "
            "inside a quoted cell? give one record per line"
        )
    return result
