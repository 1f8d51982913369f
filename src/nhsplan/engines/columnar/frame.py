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

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Final

import attrs

from nhsplan.engines.columnar.column_pass import ROW, DuplicateRows, Reduced, Settings, reduce_frame
from nhsplan.engines.columnar.fallback import (
    frame_by_rows,
)
from nhsplan.engines.columnar.files import (
    RowsNotAccountedError,
)
from nhsplan.engines.columnar.result import FrameResult, RowAccount
from nhsplan.engines.columnar.single_pass import (
    judge_observations,
    single_pass_frame,
)
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.io.readers._cells import _header
from nhsplan.io.readers._metrics import read_outcome
from nhsplan.model import Guidance, Observation, Organisation
from nhsplan.model._inputs import to_as_of
from nhsplan.model.guidance import read_guidance
from nhsplan.model.organisations import read_organisations

__all__ = ["FrameResult", "RowAccount", "RowsNotAccountedError", "evaluate_frame", "is_frame"]

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
    issues = read_outcome(  # the reader's rule: every problem, or the unknown metric's error
        reduced.issues,
        [(row, o.metric, words) for row, o, words in reduced.unknown],
        source=source,
        skip_invalid=skip_invalid,
        guidance_ids=[guidance.id],
        known=[m.id for m in guidance.metrics],
    )
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


def _backend(data: Any) -> str:  # noqa: ANN401 - a narwhals frame
    return str(data.implementation).rsplit(".", 1)[-1].lower()
