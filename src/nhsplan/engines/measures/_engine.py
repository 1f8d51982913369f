"""Engines and sources: an Ibis connection to DuckDB or Spark, and records read from a file.

Each measure is one set of Ibis expressions; the engine only decides where it runs.

- ``duckdb`` (the default): an in-memory DuckDB database in this process.
- ``spark``: the active Spark session, or a new one (``local[*]``) when there is none. Ibis sets
  the session's time zone to UTC (``spark.sql.session.timeZone``) so that times are read as
  written, as wall-clock times; the measures then apply England's clock changes themselves.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from nhsplan.engines.measures._common import MeasureInputError

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend
    from pyspark.sql import SparkSession

__all__ = ["ENGINES", "connect", "fetch", "read_records", "spark_session"]

ENGINES: Final = ("duckdb", "spark")
"""The engines :func:`nhsplan.measure` runs on."""

_EXTRA: Final = {"duckdb": "duckdb", "spark": "spark"}


def _require(engine: str) -> None:
    try:
        import ibis  # noqa: F401, PLC0415 - optional dependency

        if engine == "duckdb":
            import duckdb  # noqa: F401, PLC0415
        else:
            import pyspark  # noqa: F401, PLC0415
    except ImportError as exc:
        raise ImportError(
            f"the {engine} engine needs {exc.name}: pip install 'nhsplan[{_EXTRA[engine]}]'"
        ) from exc


def spark_session(*, master: str = "local[*]", **conf: str) -> SparkSession:
    """The active Spark session, or a new local one with Spark's web UI off.

    Args:
        master: where a new session runs (``local[*]``: every core of this machine).
        conf: more Spark settings for a new session (``spark.sql.shuffle.partitions="4"``).
    """
    _require("spark")
    from pyspark.sql import SparkSession  # noqa: PLC0415 - optional dependency

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = (
        SparkSession.builder.master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    for key, value in conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def connect(engine: str = "duckdb", *, session: SparkSession | None = None) -> BaseBackend:
    """An Ibis backend for *engine*: a new in-memory DuckDB, or Spark on *session*.

    Raises:
        MeasureInputError: an engine that is not ``duckdb`` or ``spark``.
        ImportError: the engine's extra is not installed (the message names it).
    """
    if engine not in ENGINES:
        raise MeasureInputError(
            f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)} (for example 'duckdb')"
        )
    _require(engine)
    import ibis  # noqa: PLC0415 - optional dependency

    if engine == "duckdb":
        # DuckDB spills to ".tmp" in the working folder by default; use the temporary
        # directory instead (the run's own folder under the command line, removed at its end).
        return ibis.duckdb.connect(temp_directory=tempfile.gettempdir())
    return ibis.pyspark.connect(session or spark_session())


def read_records(backend: BaseBackend, source: object) -> tuple[ir.Table, str]:
    """The records in *source* as an Ibis table on *backend*, and a name for messages.

    CSV cells are read as text (the measures parse them, and report the cells they cannot
    read); Parquet columns keep their types.
    """
    import ibis.expr.types as ir  # noqa: PLC0415 - optional dependency

    if isinstance(source, ir.Table):
        return source, "<table>"
    if not isinstance(source, str | os.PathLike):
        raise MeasureInputError(
            f"cannot read records from {type(source).__name__}; give a CSV or Parquet file "
            "path (for example 'attendances.parquet') or an Ibis table"
        )
    path = Path(source)
    name = str(source)
    if not path.exists():
        raise MeasureInputError(f"{name}: no such file; for example 'attendances.csv'")
    suffixes = "".join(path.suffixes[-2:]).lower()
    if path.is_dir() or suffixes.endswith((".parquet", ".pq")):
        table = backend.read_parquet(str(path))
        if backend.name == "pyspark":
            table = _spark_instants(backend, table, str(path))
        return table, name
    if ".csv" in suffixes:
        if backend.name == "duckdb":
            return backend.read_csv(str(path), all_varchar=True, header=True), name
        return backend.read_csv(str(path), header=True, inferSchema=False), name
    raise MeasureInputError(
        f"{name}: cannot tell the format from the name; use a .csv or .parquet file"
    )


def _spark_instants(backend: BaseBackend, table: ir.Table, path: str) -> ir.Table:
    """*table* with Spark's instant timestamps marked as time-zone-aware, as DuckDB marks them.

    Spark reads a Parquet timestamp adjusted to UTC as ``TimestampType`` (an instant) and a
    naive one as ``TimestampNTZType``; Ibis calls both naive, so the measures would read
    instants as England's wall-clock time. The file's own schema says which is which.
    """
    import ibis.expr.datatypes as dt  # noqa: PLC0415 - optional dependency
    from pyspark.sql.types import TimestampType  # noqa: PLC0415

    schema = backend._session.read.parquet(path).schema  # Ibis keeps the session there
    instants = [f.name for f in schema.fields if type(f.dataType) is TimestampType]
    if not instants:
        return table
    return table.mutate(**{n: table[n].cast(dt.Timestamp(timezone="UTC")) for n in instants})


def fetch(backend: BaseBackend, expr: ir.Table) -> list[dict[str, Any]]:
    """The rows of *expr* (a small result) as dicts.

    On Spark the compiled SQL runs as a DataFrame whose rows are collected directly, rather
    than through pandas as Ibis would.
    """
    if backend.name == "pyspark":
        return [row.asDict() for row in backend.raw_sql(backend.compile(expr)).collect()]
    rows: list[dict[str, Any]] = backend.to_pyarrow(expr).to_pylist()
    return rows
