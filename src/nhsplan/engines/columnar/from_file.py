"""An observation file (CSV, or Parquet by its suffix) evaluated column-wise by DuckDB.

:func:`evaluate_file` is what ``nhsplan evaluate FILE`` runs: the single pass where the file
is wholly in the plain form, else the column pass over a DuckDB table kept on disk, else the
row reader; the file's own rows (its lines, a Parquet footer's count) must be accounted for.
The choice of pass and the settings are shared with :mod:`~nhsplan.engines.columnar.frame`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nhsplan.engines.columnar.column_pass import ROW, DuplicateRows, Reduced, Settings, reduce_frame
from nhsplan.engines.columnar.fallback import (
    by_rows,
    csv_header,
    frame_text,
    parquet_by_rows,
    parquet_frame,
)
from nhsplan.engines.columnar.files import CsvCount, csv_relation, duckdb_path, parquet_rows
from nhsplan.engines.columnar.frame import (
    _MEMORY_LIMIT,
    _check_force,
    _duckdb,
    _finish,
    _narwhals,
    _PassDeclined,
    _settings,
)
from nhsplan.engines.columnar.result import FrameResult
from nhsplan.engines.columnar.single_pass import Miscounted, single_pass_file
from nhsplan.io._atomic import scratch
from nhsplan.io.readers._cells import ObservationFileError, _header
from nhsplan.io.readers._quality import DataQualityIssue
from nhsplan.model._inputs import to_as_of
from nhsplan.model.guidance import read_guidance

if TYPE_CHECKING:
    from nhsplan.model import Guidance

__all__ = ["evaluate_file", "parquet_as_csv"]


def evaluate_file(  # noqa: PLR0911, PLR0912, PLR0915 - one return per pass, tried in order
    path: str | os.PathLike[str],
    guidance: Guidance,
    *,
    as_of: date | str,
    org: str | None = None,
    skip_invalid: bool = False,
    spc: bool = False,
    progress: Callable[[int, int], None] | None = None,
    _force: str | None = None,
) -> FrameResult:
    """Evaluate an observation file (CSV, or Parquet by its suffix) read by DuckDB.

    What ``nhsplan evaluate FILE`` does: metrics the guidance does not define are bad rows,
    and with *skip_invalid* the file's issues lead the report's warnings. A CSV that DuckDB
    would read differently from Python's csv module (blank lines, which DuckDB passes over
    without counting, ragged rows, a line break inside a quoted cell, text that is not
    UTF-8) is read by the row-by-row reader instead, so the row numbers and issues stay
    those of the reader; so is any CSV when the ``duckdb`` extra is not installed. A
    Parquet file that the fast paths cannot take (a repeated organisation, metric and
    period) is read row by row as the CSV it would be.

    The file's name is taken literally (``obs[1].csv`` is that file, never a pattern), and
    the rows judged and reported must add up to the rows the file holds, counted from the
    file itself (its lines; a Parquet file's footer): where a fast path's count differs, the
    file is read row by row instead.

    ``_force`` is private, for the conformance tests, as for
    :func:`~nhsplan.engines.columnar.frame.evaluate_frame`.

    Raises:
        ObservationFileError: the header is not an observation file's, or rows are bad
            (unless *skip_invalid*).
        UnknownMetricError: a metric the guidance does not define (unless *skip_invalid*).
        RowsNotAccountedError: the rows still do not add up (a bug; never a quiet report).
        ImportError: a Parquet file without the ``duckdb`` extra.
    """
    guidance, as_of = read_guidance(guidance), to_as_of(as_of)
    _check_force(_force)
    source = os.fspath(path)
    parquet = Path(path).suffix.lower() == ".parquet"
    settings = _settings(
        guidance,
        as_of=as_of,
        org=org,
        skip_invalid=skip_invalid,
        check_metrics=True,
        spc=spc,
        source=source,
    )

    def fallback() -> FrameResult:
        if _force not in (None, "row by row"):
            raise _PassDeclined(f"the {_force} hands {source} to the row-by-row reader")
        return by_rows(path, settings, skip_invalid=skip_invalid, progress=progress)

    try:
        duckdb = _duckdb()  # narwhals is imported where a pass uses it: the single pass does not
    except ImportError:
        if parquet:
            raise
        return fallback()

    header = None if parquet else csv_header(source)
    if not parquet and header is None:
        return fallback()

    def thorough() -> FrameResult:
        if not parquet:
            return fallback()
        if _force not in (None, "row by row"):
            raise _PassDeclined(f"the {_force} hands {source} to the row-by-row reader")
        return parquet_by_rows(duckdb, _narwhals(), source, settings, skip_invalid=skip_invalid)

    if parquet:
        footer = _parquet_rows(duckdb, source)
        counting: Callable[[], int | None] = lambda: footer  # noqa: E731 - the footer's count
    else:
        counting = line_count = CsvCount(source)  # made beside the query (see CsvCount)
    try:
        if _force == "row by row":
            return thorough()
        if _force == "single pass" and (spc or progress is not None):
            raise _PassDeclined("the single pass takes neither spc nor progress")
        if not spc and progress is None and _force in (None, "single pass"):
            try:
                single = single_pass_file(duckdb, source, header, settings, rows_in=counting)
            except Miscounted:
                if _force is not None:
                    raise _PassDeclined(f"the single pass miscounts {source}") from None
                return thorough()
            if single is not None:
                return single
            if _force is not None:
                raise _PassDeclined(f"the single pass cannot read {source}")
        rows_in = counting()
        if rows_in is None:  # DuckDB would number the CSV's rows otherwise
            return fallback()
        try:
            nw = _narwhals()
        except ImportError:
            if parquet:
                raise
            return fallback()
        reduced = _column_pass(duckdb, nw, source, header, settings)
        if reduced is None or reduced.rows != rows_in:
            return thorough()
        return _finish(reduced, settings, skip_invalid=skip_invalid, orgs=None, progress=progress)
    finally:
        if not parquet:
            line_count.close()


def parquet_as_csv(path: str | os.PathLike[str]) -> io.StringIO:
    """A Parquet observation file as the CSV it would be, for the row-by-row reader.

    What :func:`evaluate_file` reads a Parquet file as when its fast paths cannot take it
    (rows numbered from 2), for the readers that read text: ``nhsplan evaluate`` against
    several editions, ``nhsplan report``. The stream is named by the file.

    Raises:
        ObservationFileError: *path* is no readable Parquet file, or its columns are not an
            observation file's.
        ImportError: the ``duckdb`` extra is not installed (the message names it).
    """
    duckdb, source = _duckdb(), os.fspath(path)
    _parquet_rows(duckdb, source)  # a file that is no Parquet is refused, naming it
    nw = _narwhals()
    data, names = parquet_frame(duckdb, nw, source)
    return frame_text(nw, data, names, source)


def _parquet_rows(duckdb: Any, source: str) -> int:  # noqa: ANN401 - the module
    """The rows a Parquet file's footer records; ObservationFileError if it is no Parquet file."""
    con = duckdb.connect()
    try:
        return parquet_rows(con, source)
    except duckdb.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        issue = DataQualityIssue(
            source=source, row=1, column=None, message=f"not a readable Parquet file ({reason})"
        )
        raise ObservationFileError([issue], source=source) from None
    finally:
        con.close()


def _column_pass(
    duckdb: Any,  # noqa: ANN401 - the module
    nw: Any,  # noqa: ANN401 - the narwhals module
    source: str,
    header: list[str] | None,
    settings: Settings,
) -> Reduced | None:
    """The column pass over a file; None where DuckDB cannot read it so (the row reader will).

    A database file in a temporary folder, with a memory budget: DuckDB keeps the validated
    table on disk (compressed) beyond the budget, so memory stays flat as the file grows.
    """
    with scratch() as workdir:
        con = duckdb.connect(os.path.join(workdir, "observations.duckdb"))
        try:
            con.execute(f"SET memory_limit = '{_MEMORY_LIMIT}'")
            con.execute("SET temp_directory = ?", [str(workdir)])
            return _reduce_file(nw, con, source, header, settings)
        except (duckdb.Error, DuplicateRows):
            return None
        finally:
            con.close()


def _reduce_file(
    nw: Any,  # noqa: ANN401 - the narwhals module
    con: Any,  # noqa: ANN401 - a DuckDB connection
    source: str,
    header: list[str] | None,
    settings: Settings,
) -> Reduced:
    """The column pass over a file: DuckDB reads it; the table is kept in *con*'s database."""
    if header is None:
        relation = con.read_parquet(duckdb_path(source), file_row_number=True)
        native = relation.select(f"* EXCLUDE (file_row_number), file_row_number + 2 AS {ROW}")
        names = [c for c in relation.columns if c != "file_row_number"]
    else:
        relation = csv_relation(con, source, [f"c{i}" for i in range(len(header))])
        native = relation.select(f"*, row_number() OVER () + 1 AS {ROW}")
        names = header
    at = _header(names, source)
    data = nw.from_native(native)
    data = data.rename(dict(zip(data.columns[: len(names)], names, strict=True)))
    tables: list[str] = []

    def persist(frame: Any) -> Any:  # noqa: ANN401 - a narwhals LazyFrame on DuckDB
        """Materialise *frame* as a table, so later passes read it, not the CSV or the steps."""
        name = f"observations_{len(tables)}"
        nw.to_native(frame).to_table(name)
        for old in tables:
            con.execute(f"DROP TABLE {old}")
        tables[:] = [name]
        return nw.from_native(con.table(name))

    return reduce_frame(nw, data, names, at, settings, persist=persist)
