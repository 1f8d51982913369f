"""Private helpers for :mod:`nhsplan.engines.columnar`: input read row by row after all.

A file that DuckDB would read differently from Python's csv module (blank lines, ragged rows,
a lone carriage return, text that is not UTF-8), a frame or Parquet file with repeated rows,
a file whose rows a fast path miscounted, or any CSV without the ``duckdb`` extra is read by
the observation reader itself, so its row numbers and issues stay the reader's. Its rows
are counted apart from the reader (every record, and the blank ones), and must add up.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from nhsplan._csv import reader as csv_reader
from nhsplan.engines.columnar.column_pass import Settings
from nhsplan.engines.columnar.files import RowsNotAccountedError, duckdb_path
from nhsplan.io.readers._cells import ObservationFileError, _header
from nhsplan.io.readers._quality import CsvSource, csv_rows, open_csv
from nhsplan.model import Organisation

if TYPE_CHECKING:
    from nhsplan.engines.columnar import FrameResult

__all__ = [
    "by_rows",
    "csv_header",
    "frame_by_rows",
    "frame_text",
    "parquet_by_rows",
    "parquet_frame",
    "rows_result",
]


def frame_by_rows(
    nw: Any,  # noqa: ANN401 - the narwhals module
    data: Any,  # noqa: ANN401 - a narwhals frame with the row column
    names: list[str],
    settings: Settings,
    *,
    skip_invalid: bool,
    orgs: Iterable[Organisation] | None,
) -> FrameResult:
    """A frame read by the row-by-row reader as the CSV it would be (repeated rows, or small).

    The reader reports each repeat with both row numbers (rows numbered as in that CSV,
    the first data row being row 2, as the column path numbers them).
    """
    buffer = frame_text(nw, data, names, settings.source)
    rows, blank = _count_rows(io.StringIO(buffer.getvalue(), newline=""))
    return rows_result(buffer, rows, blank, settings, skip_invalid=skip_invalid, orgs=orgs)


def frame_text(
    nw: Any,  # noqa: ANN401 - the narwhals module
    data: Any,  # noqa: ANN401 - a narwhals frame
    names: list[str],
    source: str,
) -> io.StringIO:
    """The CSV a frame would be (its columns *names*), as a text stream named *source*.

    Written by the frame's own CSV writer, as a user saving it would: the row reader then
    reads it as it reads any CSV, rows numbered from 2.
    """
    frame = data.collect() if isinstance(data, nw.LazyFrame) else data
    with tempfile.TemporaryDirectory(prefix="nhsplan-") as folder:
        path = os.path.join(folder, "frame.csv")
        frame.select(*names).write_csv(path)
        with open(path, encoding="utf-8", newline="") as stream:
            text = stream.read()
    buffer = io.StringIO(text, newline="")
    buffer.name = source  # how the reader names the source
    return buffer


def parquet_frame(
    duckdb: Any,  # noqa: ANN401 - the module
    nw: Any,  # noqa: ANN401 - the narwhals module
    source: str,
) -> tuple[Any, list[str]]:
    """A Parquet observation file's rows as a narwhals frame, and its column names.

    Raises:
        ObservationFileError: the columns are not an observation file's.
    """
    con = duckdb.connect()
    try:
        table = con.read_parquet(duckdb_path(source)).to_arrow_table()
    finally:
        con.close()
    data = nw.from_native(table)
    names = [str(c) for c in data.columns]
    _header(names, source)
    return data, names


def parquet_by_rows(
    duckdb: Any,  # noqa: ANN401 - the module
    nw: Any,  # noqa: ANN401 - the narwhals module
    source: str,
    settings: Settings,
    *,
    skip_invalid: bool,
) -> FrameResult:
    """A Parquet file the fast paths cannot take, read by the row-by-row reader.

    Read as the CSV it would be (rows numbered from 2, as the column pass numbers them), so
    a repeated organisation, metric and period is reported with both rows, as the reader
    reports it, and skipped with *skip_invalid*: never read as text it is not.
    """
    data, names = parquet_frame(duckdb, nw, source)
    return frame_by_rows(nw, data, names, settings, skip_invalid=skip_invalid, orgs=None)


def _count_rows(stream: Any) -> tuple[int, int]:  # noqa: ANN401 - an open text file
    """(data rows, blank data rows) of a CSV stream, as Python's csv module reads it."""
    rows = blank = 0
    reader = csv_reader(stream)
    next(reader, None)  # the header
    for record in reader:
        rows += 1
        blank += not any(cell.strip() for cell in record)
    return rows, blank


def csv_header(source: str) -> list[str] | None:
    """The header of a CSV file.

    Whether DuckDB numbers the file's rows as Python's csv module does is
    :class:`~nhsplan.engines.columnar.files.CsvCount`'s to say, beside the query.
    """
    with open_csv(source) as stream:
        reader = csv_rows(
            stream, source=source, fail=lambda issue: ObservationFileError([issue], source=source)
        )
        header = next(reader, None)
    if header is None:
        _header(None, source)
    return header


def by_rows(
    path: str | os.PathLike[str],
    settings: Settings,
    *,
    skip_invalid: bool,
    progress: Callable[[int, int], None] | None,
) -> FrameResult:
    """The row-by-row reader and evaluation, for files DuckDB would read differently.

    The rows are counted after the reader has read the file (so a file it refuses, one not
    in UTF-8 say, is refused with the reader's own message).
    """

    def counted() -> tuple[int, int]:
        with open_csv(path) as stream:
            return _count_rows(stream)

    return rows_result(path, counted, None, settings, skip_invalid=skip_invalid, progress=progress)


def rows_result(
    file: CsvSource,
    rows: int | Callable[[], tuple[int, int]],
    blank: int | None,
    settings: Settings,
    *,
    skip_invalid: bool,
    orgs: Iterable[Organisation] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FrameResult:
    """Read *file* row by row, evaluate it, and account for its *rows* data rows.

    *rows* and *blank* are the file's data rows and blank ones, counted apart from the
    reader (or a function counting them, called once the reader has read the file).

    Raises:
        RowsNotAccountedError: the rows read, reported and passed over do not add up.
    """
    from nhsplan.engines.columnar import FrameResult, RowAccount  # noqa: PLC0415 - a cycle
    from nhsplan.evaluate.guidance import evaluate_observations  # noqa: PLC0415 - a cycle
    from nhsplan.io.readers import read_observations_csv  # noqa: PLC0415

    guidance, org = settings.guidance, settings.org
    result = read_observations_csv(file, skip_invalid=skip_invalid, guidance=guidance)
    observations = [o for o in result.observations if org is None or o.org == org]
    report = evaluate_observations(
        guidance,
        observations,
        as_of=settings.as_of,
        orgs=orgs,
        progress=progress,
        spc=settings.spc,
    )
    report = attrs.evolve(
        report, warnings=tuple(str(issue) for issue in result.issues) + report.warnings
    )
    left_out = sum(1 for w in report.warnings if w.startswith("left out: "))
    reported = len({issue.row for issue in result.issues})
    other = len(result.observations) - len(observations)
    judged = len(observations) - left_out
    if callable(rows):
        rows, blank = rows()
    assert blank is not None  # given with rows, or counted with them
    account = RowAccount(
        rows=rows,
        blank=blank,
        reported=reported,
        other_org=other,
        left_out=left_out,
        judged=judged,
        used=judged,
    )
    if not account.balanced:
        raise RowsNotAccountedError(
            settings.source, rows_in=rows, accounted=account.accounted, method="row reader"
        )
    return FrameResult(report=report, issues=result.issues, account=account, method="row by row")
