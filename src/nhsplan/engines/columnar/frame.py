r"""The columnar path: an observation file or DataFrame evaluated column-wise.

:func:`evaluate_frame` takes a pandas or polars DataFrame (or a DuckDB relation) with the
columns of an observation file (``org, metric, period, value, unit, numerator,
denominator``); :func:`evaluate_file` reads a CSV or Parquet file with DuckDB. Both give the
:class:`~nhsplan.evaluate.report.Report` that reading the same rows one by one
(:func:`~nhsplan.io.readers.read_observations_csv`) and
:func:`~nhsplan.engines.guidance.evaluate_guidance` give, with the same data-quality issues,
and say where every input row went (:class:`RowAccount`).

How: the rows in the plain form (a canonical period, plain decimal figures) are validated by
column expressions, written once with Narwhals and run by pandas, polars or DuckDB alike.
Only the rows a target can look at on the date assessed — the period it judges, a baseline's
period, the monthly series when SPC is asked, and one row per organisation and metric — are
turned into :class:`~nhsplan.model.Observation` objects and judged by the ordinary
evaluation. The few rows not in the plain form (bad rows, and good ones spelt loosely) are
read by the observation reader's own row logic, so their issues read exactly as it reports
them. A frame of fewer than :data:`SMALL_FRAME` rows (a thousand) is read row by row by that
reader, as the CSV it would be: below that size either pass's fixed cost is the larger.

Needs the ``duckdb`` extra (``pip install 'nhsplan[duckdb]'``: DuckDB and Narwhals), imported
when these functions are called. pandas or polars themselves are only needed for their
DataFrames.

>>> import pandas as pd
>>> from datetime import date
>>> from nhsplan.catalog import load_guidance
>>> frame = pd.DataFrame({"org": ["RBD", "RBD", "RXX"], "metric": ["ae_4_hour"] * 3,
...                       "period": ["2019-02", "2019-03", "2019-13"],
...                       "numerator": [9000, 9600, 900], "denominator": [10000] * 3})
>>> result = evaluate_frame(load_guidance("standards"), frame, as_of=date(2019, 3, 31),
...                         skip_invalid=True)
>>> a = result.report.assessments[0]
>>> a.org, a.target, a.status.value, str(a.period)
('RBD', 'ae_4_hour', 'met', '2019-03')
>>> print(result.issues[0])
DataFrame row 4, column 'period' ('2019-13'): cannot read '2019-13' as a calendar month
(months run from 01 to 12, not 13); for example '2021-11'; row skipped
>>> result.account
RowAccount(rows=3, blank=0, reported=1, other_org=0, left_out=0, judged=2, used=2)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

import attrs

from nhsplan.engines.columnar.column_pass import ROW, DuplicateRows, Reduced, Settings, reduce_frame
from nhsplan.engines.columnar.fallback import (
    by_rows,
    csv_header,
    frame_by_rows,
    parquet_by_rows,
    unknown_metric_error,
)
from nhsplan.engines.columnar.files import (
    RowsNotAccountedError,
    csv_data_lines,
    csv_relation,
    duckdb_path,
    parquet_rows,
)
from nhsplan.engines.columnar.single_pass import (
    Miscounted,
    judge_observations,
    single_pass_file,
    single_pass_frame,
)
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.io._atomic import scratch
from nhsplan.io.readers._cells import ObservationFileError, _header
from nhsplan.io.readers._quality import DataQualityIssue
from nhsplan.model import Guidance, Observation, Organisation
from nhsplan.model._inputs import to_as_of
from nhsplan.model.guidance import read_guidance
from nhsplan.model.organisations import read_organisations

if TYPE_CHECKING:
    from nhsplan.engines.columnar.verdicts import Verdicts
    from nhsplan.evaluate.report import Report

__all__ = [
    "FrameResult",
    "RowAccount",
    "RowsNotAccountedError",
    "evaluate_file",
    "evaluate_frame",
    "is_frame",
]

_EXTRA: Final = "pip install 'nhsplan[duckdb]'"
_FRAME_MODULES: Final = frozenset(
    {"pandas", "polars", "pyarrow", "duckdb", "narwhals", "modin", "cudf", "dask", "ibis"}
)
_SOURCE: Final = "DataFrame"
_MEMORY_LIMIT: Final = "256MB"
"""DuckDB's memory budget while reading a file (its tables spill to a temporary folder)."""
_PASSES: Final = ("single pass", "column pass", "row by row")
SMALL_FRAME: Final = 1_000
"""A frame of fewer rows is read row by row: either pass costs a fixed 0.1-0.5 s (a DuckDB
database, Narwhals' column expressions), the row reader about 55 microseconds a row, so below
about 1,000 rows reading each row is the faster (``docs/benchmarks.md``)."""
"""The passes, as ``FrameResult.method`` names them; ``_force`` takes one of these."""


class _PassDeclined(Exception):  # noqa: N818 - a signal to the conformance tests, not an error
    """A pass forced with ``_force`` cannot read this input (it would hand it to another)."""


def _check_force(force: str | None) -> None:
    if force is not None and force not in _PASSES:
        raise ValueError(f"_force must be one of {_PASSES}, not {force!r}")


@attrs.frozen(kw_only=True)
class RowAccount:
    """Where every input row went: ``rows == blank + reported + other_org + left_out + judged``.

    Attributes:
        rows: data rows in (the header not counted).
        blank: rows with every cell blank, passed over as the CSV reader passes them.
        reported: rows with a data-quality issue (each listed in ``FrameResult.issues``).
        other_org: valid rows of organisations other than the one asked for.
        left_out: valid rows that cannot be right for their metric (a proportion above
            100 %), left out with a warning in the report, as ``evaluate_guidance`` does.
        judged: valid rows handed to evaluation (figures of metrics that no target
            measures included; evaluation passes over them).
        used: of the judged rows, those a target could look at on the date assessed, turned
            into observations (the rest cannot change any verdict).
    """

    rows: int
    blank: int
    reported: int
    other_org: int
    left_out: int
    judged: int
    used: int

    @property
    def accounted(self) -> int:
        """The rows accounted for: ``blank + reported + other_org + left_out + judged``."""
        return self.blank + self.reported + self.other_org + self.left_out + self.judged

    @property
    def balanced(self) -> bool:
        """True when every row is accounted for exactly once."""
        return self.rows == self.accounted


@attrs.frozen(kw_only=True)
class FrameResult:
    """What the columnar path gives: the report, the rows' issues, and the row accounting.

    ``method`` says how the input was read: ``"single pass"`` (one query, for input that is
    wholly in the plain form), ``"column pass"`` (column expressions, the few rows not in the
    plain form read one by one) or ``"row by row"`` (input DuckDB would read differently).
    The report of a single pass is built when first asked for; :meth:`write_csv` writes it
    without building it.
    """

    issues: tuple[DataQualityIssue, ...]
    account: RowAccount
    method: str = "column pass"
    _report: Report | None = attrs.field(default=None, alias="report", eq=False, repr=False)
    _verdicts: Verdicts | None = attrs.field(default=None, alias="verdicts", eq=False, repr=False)
    _warnings: tuple[str, ...] = attrs.field(default=(), alias="warnings", eq=False, repr=False)

    @property
    def report(self) -> Report:
        """The Report, as :func:`~nhsplan.engines.guidance.evaluate_guidance` gives it."""
        if self._report is None:
            assert self._verdicts is not None  # one or the other is given
            object.__setattr__(self, "_report", self._verdicts.report(self._warnings))
        assert self._report is not None
        return self._report

    @property
    def warnings(self) -> tuple[str, ...]:
        """The report's warnings (the issues, then figures left out), without building it."""
        if self._report is None and self._verdicts is not None:
            return self._warnings
        return self.report.warnings

    def write_csv(self, file: TextIO) -> None:
        """Write the report as CSV, as :meth:`Report.write_csv` does."""
        if self._report is None and self._verdicts is not None:
            self._verdicts.write_csv(file)
        else:
            self.report.write_csv(file)


def is_frame(obj: object) -> bool:
    """True if *obj* is a DataFrame-like object (pandas, polars, DuckDB, ...), not a list.

    Decided without importing any dataframe library: only an object whose type comes from
    one is handed to Narwhals to ask.
    """
    root = type(obj).__module__.partition(".")[0]
    if root not in _FRAME_MODULES:
        return False
    nw = _narwhals()
    return bool(
        isinstance(obj, nw.DataFrame | nw.LazyFrame)
        or nw.dependencies.is_into_dataframe(obj)
        or _is_lazy(obj)
    )


def _is_lazy(obj: object) -> bool:
    try:
        _narwhals().from_native(obj)
    except TypeError:
        return False
    return True


def _narwhals() -> Any:  # noqa: ANN401 - the module, imported on use
    try:
        import narwhals.stable.v2 as nw  # noqa: PLC0415 - optional, imported on use
    except ImportError as exc:
        raise ImportError(
            f"evaluating a DataFrame or file column-wise needs narwhals and duckdb: {_EXTRA}"
        ) from exc
    return nw


def _duckdb() -> Any:  # noqa: ANN401 - the module, imported on use
    try:
        import duckdb  # noqa: PLC0415 - optional, imported on use
    except ImportError as exc:
        raise ImportError(f"reading a file column-wise needs duckdb: {_EXTRA}") from exc
    return duckdb


# --- entry points ------------------------------------------------------------------------------


def evaluate_frame(
    guidance: Guidance,
    frame: object,
    *,
    as_of: date | str,
    orgs: Iterable[Organisation] | None = None,
    org: str | None = None,
    skip_invalid: bool = False,
    check_metrics: bool = False,
    spc: bool = False,
    progress: Callable[[int, int], None] | None = None,
    source: str = _SOURCE,
    _force: str | None = None,
) -> FrameResult:
    """Evaluate *guidance* on a DataFrame of observations, column-wise.

    Args:
        guidance: the edition.
        frame: a pandas, polars or pyarrow table, a polars LazyFrame or a DuckDB relation,
            with the observation-file columns (any case; ``value``/``unit`` and/or
            ``numerator``/``denominator``). Cells may be text or numbers; a missing cell is
            blank. Rows are numbered as in the CSV file the frame would be written as: the
            first row is row 2.
        as_of: the date assessed (a date, or ISO text such as ``"2022-03-31"``).
        orgs: as for :func:`~nhsplan.engines.guidance.evaluate_guidance`.
        org: only this organisation's figures (as ``nhsplan evaluate --org``).
        skip_invalid: report bad rows (``FrameResult.issues``, and the report's warnings)
            and evaluate the rest, instead of raising.
        check_metrics: a metric the guidance does not define is a bad row (as the command
            line treats it), instead of a figure that no target measures.
        spc: as for :func:`~nhsplan.engines.guidance.evaluate_guidance`.
        progress: as for :func:`~nhsplan.engines.guidance.evaluate_guidance`.
        source: how issues name the input.
        _force: private, for the conformance tests (``tests/conformance/``): take this pass
            (``"single pass"``, ``"column pass"`` or ``"row by row"``) and no other, raising
            ``_PassDeclined`` where it cannot read the input instead of handing it on.

    Raises:
        InvalidValueError: *guidance* is not a Guidance, *frame* not a frame Narwhals reads, or
            an item of *orgs* not an Organisation; named, with an example.
        ObservationFileError: the columns are not an observation file's (always), or rows
            are bad (unless *skip_invalid*); every problem is listed.
        UnknownMetricError: with *check_metrics*, a metric the guidance does not define
            (unless *skip_invalid*).
        ImportError: narwhals is not installed (the ``duckdb`` extra).
    """
    guidance, as_of = read_guidance(guidance), to_as_of(as_of)
    orgs = read_organisations(orgs)
    _check_force(_force)
    nw = _narwhals()
    try:
        data = nw.from_native(frame)
    except TypeError:
        raise InvalidValueError(
            f"a {type(frame).__name__} is not a DataFrame Narwhals can read",
            field="frame",
            example="pandas.read_csv('figures.csv')",
        ) from None
    if isinstance(data, nw.LazyFrame) and _backend(data) != "duckdb":
        data = data.collect()
    names = [str(c) for c in data.columns]
    at = _header(names, source)
    settings = _settings(
        guidance,
        as_of=as_of,
        org=org,
        skip_invalid=skip_invalid,
        check_metrics=check_metrics,
        spc=spc,
        source=source,
    )
    rows_in = _frame_rows(nw, data)
    if _force == "single pass" and (spc or orgs is not None or progress is not None):
        raise _PassDeclined("the single pass takes neither spc, orgs nor progress")
    by_rows = _force == "row by row" or (_force is None and rows_in < SMALL_FRAME)
    if (
        not spc
        and orgs is None
        and progress is None
        and _force in (None, "single pass")
        and not by_rows
    ):
        single = single_pass_frame(nw.to_native(data), at, settings, rows_in=rows_in)
        if single is not None:
            return single
        if _force is not None:
            raise _PassDeclined("the single pass cannot read this frame")
    if isinstance(data, nw.DataFrame):
        data = data.with_row_index(ROW).with_columns(nw.col(ROW) + 2)
    else:
        native = nw.to_native(data)
        data = nw.from_native(native.select(f"*, row_number() OVER () + 1 AS {ROW}"))
    if by_rows:
        return frame_by_rows(nw, data, names, settings, skip_invalid=skip_invalid, orgs=orgs)
    try:
        reduced = reduce_frame(nw, data, names, at, settings, persist=lambda frame: frame)
    except DuplicateRows:
        if _force is not None:
            raise _PassDeclined("the column pass hands repeated rows on") from None
        return frame_by_rows(nw, data, names, settings, skip_invalid=skip_invalid, orgs=orgs)
    if reduced.rows != rows_in:
        raise RowsNotAccountedError(
            source, rows_in=rows_in, accounted=reduced.rows, method="column pass"
        )
    return _finish(reduced, settings, skip_invalid=skip_invalid, orgs=orgs, progress=progress)


def _frame_rows(nw: Any, data: Any) -> int:  # noqa: ANN401 - narwhals and a narwhals frame
    """How many rows the frame holds, counted apart from either pass."""
    if isinstance(data, nw.DataFrame):
        return len(data)
    counted = data.select(nw.len().alias("n")).collect()
    return int(counted["n"][0])


def evaluate_file(  # noqa: PLR0911, PLR0912 - one return per pass, tried in order
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

    ``_force`` is private, for the conformance tests, as for :func:`evaluate_frame`.

    Raises:
        ObservationFileError: the header is not an observation file's, or rows are bad
            (unless *skip_invalid*).
        UnknownMetricError: a metric the guidance does not define (unless *skip_invalid*).
        RowsNotAccountedError: the rows still do not add up (a bug; never a quiet report).
        ImportError: a Parquet file without the ``duckdb`` extra.
    """
    as_of = to_as_of(as_of)
    _check_force(_force)
    source = os.fspath(path)
    parquet = Path(path).suffix.lower() == ".parquet"

    def fallback() -> FrameResult:
        if _force not in (None, "row by row"):
            raise _PassDeclined(f"the {_force} hands {source} to the row-by-row reader")
        settings = _settings(
            guidance,
            as_of=as_of,
            org=org,
            skip_invalid=skip_invalid,
            check_metrics=True,
            spc=spc,
            source=source,
        )
        return by_rows(path, settings, skip_invalid=skip_invalid, progress=progress)

    try:
        duckdb = _duckdb()
        nw = _narwhals()
    except ImportError:
        if parquet:
            raise
        return fallback()

    header = None if parquet else csv_header(source)
    if not parquet and header is None:
        return fallback()
    rows_in = _parquet_rows(duckdb, source) if parquet else csv_data_lines(source)
    settings = _settings(
        guidance,
        as_of=as_of,
        org=org,
        skip_invalid=skip_invalid,
        check_metrics=True,
        spc=spc,
        source=source,
    )

    def thorough() -> FrameResult:
        if not parquet:
            return fallback()
        if _force not in (None, "row by row"):
            raise _PassDeclined(f"the {_force} hands {source} to the row-by-row reader")
        return parquet_by_rows(duckdb, nw, source, settings, skip_invalid=skip_invalid)

    if _force == "row by row":
        return thorough()
    if _force == "single pass" and (spc or progress is not None):
        raise _PassDeclined("the single pass takes neither spc nor progress")
    if not spc and progress is None and _force in (None, "single pass"):
        try:
            single = single_pass_file(duckdb, source, header, settings, rows_in=rows_in)
        except Miscounted:
            if _force is not None:
                raise _PassDeclined(f"the single pass miscounts {source}") from None
            return thorough()
        if single is not None:
            return single
        if _force is not None:
            raise _PassDeclined(f"the single pass cannot read {source}")
    # A database file in a temporary folder, with a memory budget: DuckDB keeps the validated
    # table on disk (compressed) beyond the budget, so memory stays flat as the file grows.
    with scratch() as workdir:
        con = duckdb.connect(os.path.join(workdir, "observations.duckdb"))
        try:
            con.execute(f"SET memory_limit = '{_MEMORY_LIMIT}'")
            con.execute("SET temp_directory = ?", [str(workdir)])
            reduced = _reduce_file(nw, con, source, header, settings)
        except (duckdb.Error, DuplicateRows):
            reduced = None
        finally:
            con.close()
    if reduced is None or reduced.rows != rows_in:
        return thorough()
    return _finish(reduced, settings, skip_invalid=skip_invalid, orgs=None, progress=progress)


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


def _settings(
    guidance: Guidance,
    *,
    as_of: date,
    org: str | None,
    skip_invalid: bool,
    check_metrics: bool,
    spc: bool,
    source: str,
) -> Settings:
    return Settings(
        guidance=guidance,
        as_of=as_of,
        org=org,
        check_metrics=check_metrics,
        spc=spc,
        source=source,
        skipped="; row skipped" if skip_invalid else "",
    )


def _finish(
    reduced: Reduced,
    settings: Settings,
    *,
    skip_invalid: bool,
    orgs: Iterable[Organisation] | None,
    progress: Callable[[int, int], None] | None,
) -> FrameResult:
    """Raise on bad rows (as the reader does), or evaluate what is left and account for it."""
    from nhsplan.evaluate.guidance import evaluate_observations  # noqa: PLC0415

    guidance, source = settings.guidance, settings.source
    if reduced.issues and not skip_invalid:
        raise ObservationFileError(reduced.issues, source=source)
    if reduced.unknown and not skip_invalid:
        raise unknown_metric_error(reduced.unknown, guidance, source)
    issues = reduced.issues + [
        DataQualityIssue(source=source, row=row, column="metric", value=o.metric, message=text)
        for row, o, text in reduced.unknown
    ]
    issues.sort(key=lambda issue: issue.row)
    observations = [o for _row, o in reduced.observations]
    shown = tuple(str(issue) for issue in issues) if skip_invalid else ()
    verdicts = None
    if orgs is None and progress is None and not settings.spc:
        judged = judge_observations(observations, settings)
        if judged is not None:
            verdicts, left = judged
            shown += left
    if verdicts is None:
        report = evaluate_observations(
            guidance,
            observations,
            as_of=settings.as_of,
            orgs=orgs,
            progress=progress,
            spc=settings.spc,
        )
        report = attrs.evolve(report, warnings=shown + report.warnings)
    left_out = _left_out(guidance, observations)
    account = RowAccount(
        rows=reduced.rows,
        blank=reduced.blank,
        reported=len({issue.row for issue in issues}),
        other_org=reduced.other_org,
        left_out=left_out,
        judged=len(observations) - left_out + reduced.judged_unseen,
        used=len(observations) - left_out,
    )
    if not account.balanced:
        raise RowsNotAccountedError(
            source, rows_in=account.rows, accounted=account.accounted, method="column pass"
        )
    if verdicts is not None:
        return FrameResult(issues=tuple(issues), account=account, verdicts=verdicts, warnings=shown)
    return FrameResult(report=report, issues=tuple(issues), account=account)


def _left_out(guidance: Guidance, observations: list[Observation]) -> int:
    """How many observations evaluation leaves out as impossible for their metric."""
    known = {m.id: m for m in guidance.metrics}
    count = 0
    for o in observations:
        metric = known.get(o.metric)
        if metric is None:
            continue
        try:
            metric.check(o)
        except InvalidObservationError:
            count += 1
    return count


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


def _backend(data: Any) -> str:  # noqa: ANN401 - a narwhals frame
    return str(data.implementation).rsplit(".", 1)[-1].lower()
