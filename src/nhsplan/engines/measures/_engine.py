"""Engines and sources: an Ibis connection to DuckDB or Spark, and records read from a file.

Each measure is one set of Ibis expressions; the engine only decides where it runs.

- ``duckdb`` (the default): an in-memory DuckDB database in this process.
- ``spark``: the active Spark session, or a new one (``local[*]``) when there is none. Ibis sets
  the session's time zone to UTC (``spark.sql.session.timeZone``) so that times are read as
  written, as wall-clock times; the measures then apply England's clock changes themselves.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

from nhsplan._csv import reader as csv_reader
from nhsplan.engines.measures._common import FILE_ROW, MeasureInputError
from nhsplan.io.readers._cells import column_name
from nhsplan.model.formats import FIRST_RECORD_DATE, LAST_RECORD_DATE

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend
    from pyspark.sql import SparkSession

__all__ = ["ENGINES", "connect", "fetch", "proven_in_range", "read_records", "spark_session"]

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
    read); Parquet columns keep their types. A file's name is taken literally, never as a
    pattern (``att[1].csv`` is that file). On DuckDB a CSV is read with every setting given
    (its header read here, comma-separated, ``"`` quoting), nothing sniffed: a file DuckDB
    would sniff wrongly is read as written, or refused with the reason
    (:func:`unreadable`).
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
    if path.is_dir() and not any(
        p.suffix.lower() in (".parquet", ".pq") for p in path.rglob("*") if p.is_file()
    ):
        raise MeasureInputError(
            f"{name} is a folder with no Parquet files in it; give a CSV or Parquet file "
            "(for example 'attendances.csv') or a folder of .parquet files"
        )
    literal = literal_path(path, backend.name)
    if path.is_dir() or suffixes.endswith((".parquet", ".pq")):
        if backend.name == "duckdb":
            import duckdb  # noqa: PLC0415 - optional dependency

            try:
                return _duckdb_parquet(backend, literal, numbered=path.is_file()), name
            except duckdb.Error as exc:  # no Parquet file: say so, as nhsplan evaluate does
                raise _not_parquet(name, str(exc)) from None
        from py4j.protocol import Py4JJavaError  # noqa: PLC0415 - with pyspark
        from pyspark.errors import PySparkException  # noqa: PLC0415 - optional dependency

        try:
            table = backend.read_parquet(literal)
        except (Py4JJavaError, PySparkException) as exc:  # Spark reads the footers here
            raise _not_parquet(name, str(exc)) from None
        return _spark_instants(backend, table, literal), name
    if ".csv" in suffixes:
        if backend.name == "duckdb":
            header = csv_header(path, name)
            return backend.read_csv(
                literal,
                columns=dict.fromkeys(header, "VARCHAR"),
                header=True,
                auto_detect=False,
                delim=",",
                quote='"',
                escape='"',
                strict_mode=True,
                null_padding=False,
            ), name
        # FAILFAST: a ragged row stops the run (Spark's default pads or cuts it silently)
        table = backend.read_csv(literal, header=True, inferSchema=False, mode="FAILFAST")
        return table.rename({column_name(c): c for c in table.columns}), name  # as on DuckDB
    raise MeasureInputError(
        f"{name}: cannot tell the format from the name; use a .csv or .parquet file"
    )


def _not_parquet(name: str, reason: str) -> MeasureInputError:
    """The error for a file an engine could not read as Parquet, with the engine's first line."""
    lines = [line.strip() for line in reason.strip().splitlines() if line.strip()]
    causes = [line.split(": ", 2)[-1] for line in lines if line.startswith("Caused by: ")]
    first = causes[-1] if causes else lines[0] if lines else "unreadable"  # Java: the root cause
    return MeasureInputError(
        f"{name}: not a readable Parquet file ({first}); give a Parquet or CSV file (for "
        "example 'attendances.parquet')"
    )


def _duckdb_parquet(backend: BaseBackend, literal: str, *, numbered: bool) -> ir.Table:
    """The Parquet file(s) *literal* as a DuckDB view, and an Ibis table of its columns.

    What Ibis's ``read_parquet`` does, but with the schema read as Python rows rather than
    through Arrow: the measure's results come back as rows too (:func:`fetch`), so Arrow and
    pandas, a third of a second to import, are never loaded. A single file (*numbered*) also
    gives each record's row number, as :data:`~nhsplan.engines.measures._common.FILE_ROW`
    (the file's own ``file_row_number``, the header counted as row 1), so that the examples
    of reported rows come from the counting pass.
    """
    import ibis  # noqa: PLC0415 - optional dependency
    import ibis.util  # noqa: PLC0415

    view = ibis.util.gen_name("read_parquet")
    quoted = literal.replace("'", "''")
    source = f"read_parquet('{quoted}')"
    backend.raw_sql(f'CREATE TEMPORARY VIEW "{view}" AS SELECT * FROM {source}')
    described = backend.raw_sql(f'DESCRIBE "{view}"')
    names = [column[0] for column in described.description]
    mapper = backend.compiler.type_mapper
    schema = {
        row["column_name"]: mapper.from_string(row["column_type"], nullable=row["null"] == "YES")
        for row in (dict(zip(names, found, strict=True)) for found in described.fetchall())
    }
    if numbered and not {"file_row_number", FILE_ROW} & schema.keys():
        backend.raw_sql(
            f'CREATE OR REPLACE TEMPORARY VIEW "{view}" AS SELECT * EXCLUDE (file_row_number), '
            f'file_row_number + 2 AS "{FILE_ROW}" '
            f"FROM read_parquet('{quoted}', file_row_number = true)"
        )
        schema[FILE_ROW] = ibis.dtype("int64")
    return ibis.table(schema, name=view)


def proven_in_range(backend: BaseBackend, table: ir.Table, source: object) -> frozenset[str]:
    """The date and naive timestamp columns of a Parquet file that lie within the record dates.

    Read from the file's own metadata (each row group's minimum and maximum, DuckDB's
    ``parquet_metadata``), never from its rows: a column counts only if every row group
    gives both, exact, from 1948-01-01 00:00 and before the day after
    :data:`~nhsplan.model.formats.LAST_RECORD_DATE` (or holds only nulls). Then checking each
    row again proves nothing, and the check would hide those statistics from DuckDB's
    optimiser (:func:`~nhsplan.engines.measures._cells.parse_timestamp`). Anything else
    (a CSV, a folder, Spark, an aware timestamp, a row group without statistics) proves
    nothing: the rows are checked.
    """
    if backend.name != "duckdb" or not isinstance(source, str | os.PathLike):
        return frozenset()
    path = Path(source)
    if not path.is_file() or path.suffix.lower() not in (".parquet", ".pq"):
        return frozenset()
    schema = table.schema()
    columns = [
        name
        for name, dtype in schema.items()
        if dtype.is_date() or (dtype.is_timestamp() and dtype.timezone is None)
    ]
    if not columns:
        return frozenset()
    quoted = literal_path(path, "duckdb").replace("'", "''")
    first = FIRST_RECORD_DATE.isoformat()
    after = date.fromordinal(LAST_RECORD_DATE.toordinal() + 1).isoformat()
    found = backend.raw_sql(
        "SELECT path_in_schema, bool_and(coalesce(num_values = stats_null_count OR ("
        "type IN ('INT32', 'INT64') AND min_is_exact AND max_is_exact"
        f" AND TRY_CAST(stats_min_value AS TIMESTAMP) >= TIMESTAMP '{first}'"
        f" AND TRY_CAST(stats_max_value AS TIMESTAMP) < TIMESTAMP '{after}'), false))"
        f" FROM parquet_metadata('{quoted}') GROUP BY path_in_schema"
    ).fetchall()
    return frozenset(name for name, proven in found if proven and name in columns)


_DUCKDB_GLOB: Final = re.compile(r"[*?\[]")
_HADOOP_GLOB: Final = re.compile(r"[*?\[\]{}\\]")


def literal_path(path: Path, engine: str) -> str:
    r"""*path*, absolute, as a pattern the engine's file globbing matches to that one file.

    DuckDB reads ``[*]`` as a literal ``*``; Spark (Hadoop) reads ``\*``. So ``obs[1].csv``
    is never read as ``obs1.csv``, nor ``obs*.csv`` as every match.
    """
    absolute = os.path.abspath(path)
    if engine == "duckdb":
        return _DUCKDB_GLOB.sub(lambda found: f"[{found.group()}]", absolute)
    return _HADOOP_GLOB.sub(lambda found: "\\" + found.group(), absolute)


def csv_header(path: Path, name: str) -> list[str]:
    """The column names of a CSV file's first line, read by Python's csv module.

    Raises:
        MeasureInputError: no header, a blank or repeated column name, or one column whose
            name holds ``;`` or a tab (the file uses another delimiter).
    """
    try:
        with _open_text(path) as stream:
            header = next(csv_reader(stream), None)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise MeasureInputError(
            f"{name}: the header is not readable CSV text in UTF-8 ({exc}); save the file as "
            "CSV UTF-8 (comma-delimited)"
        ) from None
    if not header:
        raise MeasureInputError(f"{name}: the file is empty; for example 'attendances.csv'")
    names = [column_name(cell) for cell in header]  # as nhsplan evaluate reads a header
    if len(names) == 1 and any(sep in names[0] for sep in ";\t|"):
        raise MeasureInputError(
            f"{name}: the header {names[0]!r} is one column: the file is not comma-separated "
            "(a wrong delimiter, ';' or a tab?); save it as CSV (comma-delimited)"
        )
    blank = [i + 1 for i, cell in enumerate(names) if not cell]
    repeated = sorted({cell for cell in names if cell and names.count(cell) > 1})
    if blank or repeated:
        problem = (
            f"column {blank[0]} has no name" if blank else f"the column {repeated[0]!r} repeats"
        )
        raise MeasureInputError(
            f"{name}: row 1 (the header): {problem}; name every column once, for example "
            "org,arrival,departure,type"
        )
    return names


def _open_text(path: Path) -> TextIO:
    """*path* as UTF-8 text for Python's csv module (a ``.gz`` file decompressed)."""
    from nhsplan.engines.columnar.files import open_bytes  # noqa: PLC0415 - engines' helper

    return io.TextIOWrapper(open_bytes(path), encoding="utf-8-sig", newline="")


def unreadable(path: Path, name: str, error: Exception) -> MeasureInputError:
    """Why DuckDB could not read the CSV *path*: the first ragged row, or its own words.

    Found by reading the file with Python's csv module (only once DuckDB has failed).
    """
    try:
        with _open_text(path) as stream:
            reader = csv_reader(stream)
            width = len(next(reader, []))
            for row, record in enumerate(reader, start=2):
                if len(record) != width:
                    plain = "" if record else " (a blank line)"
                    return MeasureInputError(
                        f"{name} row {row}: {len(record)} cells where the header has "
                        f"{width}{plain}; a ragged row: quote a cell that holds a comma "
                        '("Smith, J"), and give every row the same number of cells'
                    )
    except (UnicodeDecodeError, csv.Error) as exc:
        return MeasureInputError(
            f"{name}: not readable as CSV text in UTF-8 ({exc}); save the file as CSV UTF-8"
        )
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return MeasureInputError(
        f"{name}: DuckDB could not read it as comma-separated text with a header ({first}); "
        'check the delimiter (a comma), the quoting (") and that every row has the '
        "header's cells"
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

    The compiled SQL runs on the engine and its rows are collected directly: on Spark as a
    DataFrame rather than through pandas as Ibis would, on DuckDB as Python tuples rather than
    through Arrow (whose import, and pandas', would cost more than the result's rows).
    """
    if backend.name == "pyspark":
        return [row.asDict() for row in backend.raw_sql(backend.compile(expr)).collect()]
    if backend.name == "duckdb":
        cursor = backend.raw_sql(backend.compile(expr))
        names = [column[0] for column in cursor.description]
        found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        schema = expr.schema()
        naive = [n for n in names if schema[n].is_timestamp() and schema[n].timezone is None]
        for row in found if naive else ():
            for name in naive:  # DuckDB's own type may be aware (epoch seconds read as UTC)
                if isinstance(row[name], datetime) and row[name].tzinfo is not None:
                    row[name] = row[name].astimezone(UTC).replace(tzinfo=None)
        return found
    rows: list[dict[str, Any]] = backend.to_pyarrow(expr).to_pylist()
    return rows
