"""Evaluating a whole guidance edition: every applicable target for every organisation.

:func:`evaluate_guidance` returns a :class:`Report`: the assessments, a summary by status and
by priority, and the data-quality warnings met on the way (an observation that cannot be right
is reported and left out, never silently dropped).

A report's figures leave it as numbers with their units beside them: ``observed``,
``required`` and ``margin`` are floats (None where absent) and ``observed_unit``,
``required_unit`` and ``margin_unit`` name their units; the margin of a percentage is in
percentage points. A report renders as rows (:meth:`Report.to_rows`), JSON, CSV (text cells
that a spreadsheet would run as formulas neutralised), a pandas or polars DataFrame with typed
columns (built through Narwhals; each an optional extra), a rounded text table (``str``) and,
in a notebook, an HTML table coloured by status. The Assessments themselves keep each figure
as a :class:`~nhsplan.units.Quantity` (a pint quantity).
"""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final, TextIO

import attrs

from nhsplan import _csv, display
from nhsplan._enums import Assurance, Status, VariationIcon
from nhsplan.calendar import Month, Period
from nhsplan.errors import InvalidObservationError, MissingDependencyError
from nhsplan.evaluate import evaluate
from nhsplan.model import (
    Assessment,
    CaseRecord,
    Citation,
    Guidance,
    Metric,
    Observation,
    Organisation,
)
from nhsplan.model._inputs import to_as_of

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

    from nhsplan.units import Quantity

__all__ = ["COLUMNS", "NUMBER_COLUMNS", "Report", "evaluate_guidance"]

Row = dict[str, str | float | None]

COLUMNS: tuple[str, ...] = (
    "org",
    "target",
    "status",
    "period",
    "period_start",
    "period_end",
    "observed",
    "observed_unit",
    "required",
    "required_unit",
    "margin",
    "margin_unit",
    "reason",
    "citation",
    "reading",
    "variation",
    "assurance",
)
"""The columns of :meth:`Report.to_rows`, CSV output and the DataFrames, in order."""

NUMBER_COLUMNS: tuple[str, ...] = ("observed", "required", "margin")
"""The columns that hold numbers (floats, None where absent); each has a ``_unit`` column."""

_DATE_COLUMNS: Final = ("period_start", "period_end")
_TABLE: Final = ("org", "target", "status", "period", "observed", "required", "margin")


@attrs.frozen(kw_only=True)
class Report:
    """The assessments of one guidance edition on one date, with a summary and warnings."""

    edition: str
    as_of: date
    assessments: tuple[Assessment, ...]
    priorities: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    """Target id → the code of its priority, for :meth:`by_priority`."""
    warnings: tuple[str, ...] = ()
    """Data-quality problems met while evaluating; each says what was left out."""

    def summary(self) -> dict[Status, int]:
        """How many assessments have each status (every status listed, zeros included)."""
        counts = Counter(a.status for a in self.assessments)
        return {status: counts.get(status, 0) for status in Status}

    def by_priority(self) -> dict[str, dict[Status, int]]:
        """Counts by status for each priority code (targets without one under ``"-"``)."""
        table: dict[str, Counter[Status]] = defaultdict(Counter)
        for a in self.assessments:
            table[self.priorities.get(a.target, "-")][a.status] += 1
        return {
            code: {s: counts.get(s, 0) for s in Status} for code, counts in sorted(table.items())
        }

    def to_rows(self) -> list[Row]:
        """One flat dict per assessment, keyed by :data:`COLUMNS`: text, floats and None.

        Figures are unrounded floats with their units in the ``_unit`` columns; dates are ISO
        text. Ready for ``json.dumps`` and ``csv.DictWriter``.
        """
        record = _Records(iso_dates=True)
        return [record(a) for a in self.assessments]

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON: edition, date, summary, warnings and rows (figures as numbers)."""
        return json.dumps(
            {
                "edition": self.edition,
                "as_of": self.as_of.isoformat(),
                "summary": {s.value: n for s, n in self.summary().items()},
                "warnings": list(self.warnings),
                "assessments": self.to_rows(),
            },
            indent=indent,
            ensure_ascii=False,
            allow_nan=False,
        )

    def write_csv(self, file: TextIO) -> None:
        """Write the rows as CSV to an open text file (opened with ``newline=""``).

        Numbers are written as numbers; a text cell that begins with ``=``, ``+``, ``-``,
        ``@``, a tab, a carriage return, a line feed or NUL is written with a leading ``'``
        so that a spreadsheet shows it as text instead of running it as a formula.
        """
        _csv.write_rows(file, COLUMNS, self.to_rows())

    def to_csv(self) -> str:
        """The rows as CSV text (see :meth:`write_csv`)."""
        out = io.StringIO()
        self.write_csv(out)
        return out.getvalue()

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame with typed columns.

        ``observed``, ``required`` and ``margin`` are ``float64`` (NaN where absent);
        ``status``, ``variation`` and ``assurance`` are ordered categoricals of every possible
        value; ``period_start`` and ``period_end`` are datetimes; the rest are strings.

        Raises:
            MissingDependencyError: pandas or narwhals is not installed
                (``pip install 'nhsplan[pandas]'``).
        """
        frame: pd.DataFrame = self._frame("pandas", feature="Report.to_pandas")
        return frame

    def to_polars(self) -> pl.DataFrame:
        """The rows as a polars DataFrame, typed as :meth:`to_pandas` (categoricals as Enum).

        Raises:
            MissingDependencyError: polars or narwhals is not installed
                (``pip install 'nhsplan[polars]'``).
        """
        frame: pl.DataFrame = self._frame("polars", feature="Report.to_polars")
        return frame

    def _frame(self, backend: str, *, feature: str) -> Any:  # noqa: ANN401 - the native frame
        _require(backend, feature=feature, extra=backend)
        nw = _require("narwhals", feature=feature, extra=backend)
        columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        record = _Records(iso_dates=False)
        for a in self.assessments:
            for name, value in record(a).items():
                columns[name].append(value)
        schema = {name: _dtype(nw, name) for name in COLUMNS}
        return nw.from_dict(columns, schema=schema, backend=backend).to_native()

    def __str__(self) -> str:
        record = _Records(iso_dates=True)
        records = (record(a) for a in self.assessments)
        rows = [tuple(_table_cell(r, c) for c in _TABLE) for r in records]
        widths = [
            max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
            for i, h in enumerate(_TABLE)
        ]
        numeric = {i for i, c in enumerate(_TABLE) if c in NUMBER_COLUMNS}

        def line(cells: Iterable[str]) -> str:
            return "  ".join(
                v.rjust(w) if i in numeric else v.ljust(w)
                for i, (v, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()

        lines = [
            f"nhsplan {self.edition} as of {self.as_of.isoformat()}",
            line(_TABLE),
            "  ".join("-" * w for w in widths),
        ]
        lines += [line(r) for r in rows]
        counts = ", ".join(
            f"{n} {s.value.replace('_', ' ')}" for s, n in self.summary().items() if n
        )
        lines.append(f"{len(self.assessments)} assessments: {counts or 'none'}")
        readings = dict.fromkeys((a.target, a.reading) for a in self.assessments if a.reading)
        lines += [f"reading of {target}: {reading}" for target, reading in readings]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return display.report_repr(self)

    def _repr_html_(self) -> str:
        return display.report_html(self)


def _require(module: str, *, feature: str, extra: str) -> Any:  # noqa: ANN401 - a module
    """Import an optional *module*, or say which extra installs it."""
    import importlib  # noqa: PLC0415 - only on this rare path

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(feature, package=module, extra=extra) from None


def _dtype(nw: Any, column: str) -> Any:  # noqa: ANN401 - narwhals dtypes
    if column in NUMBER_COLUMNS:
        return nw.Float64()
    if column in _DATE_COLUMNS:
        return nw.Datetime("us")
    enums: dict[str, list[str]] = {
        "status": [s.value for s in Status],
        "variation": [v.value for v in VariationIcon],
        "assurance": [v.value for v in Assurance],
    }
    if column in enums:
        return nw.Enum(enums[column])
    return nw.String()


class _Records:
    """Assessments as records of Python values: text, floats, dates and None.

    A report repeats the same few periods and citations on every row, so each is converted
    once. Dates are ISO text (for rows, JSON and CSV) or datetimes (for DataFrames).
    """

    def __init__(self, *, iso_dates: bool) -> None:
        self._iso = iso_dates
        self._periods: dict[Period, tuple[str, object, object]] = {}
        self._citations: dict[Citation, str] = {}

    def _period(self, period: Period) -> tuple[str, object, object]:
        found = self._periods.get(period)
        if found is None:
            if self._iso:
                found = (str(period), period.start.isoformat(), period.end.isoformat())
            else:
                midnight = datetime.min.time()
                found = (
                    str(period),
                    datetime.combine(period.start, midnight),
                    datetime.combine(period.end, midnight),
                )
            self._periods[period] = found
        return found

    def __call__(self, a: Assessment) -> dict[str, Any]:
        period_text, start, end = (None, None, None) if a.period is None else self._period(a.period)
        citation = self._citations.get(a.citation)
        if citation is None:
            citation = self._citations[a.citation] = str(a.citation)
        observed, observed_unit = _number(a.observed)
        required, required_unit = _number(a.required)
        margin, margin_unit = _number(a.margin)
        spc = a.spc
        return {
            "org": a.org,
            "target": a.target,
            "status": a.status.value,
            "period": period_text,
            "period_start": start,
            "period_end": end,
            "observed": observed,
            "observed_unit": observed_unit,
            "required": required,
            "required_unit": required_unit,
            "margin": margin,
            "margin_unit": display.margin_unit(margin_unit) if margin_unit is not None else None,
            "reason": a.reason,
            "citation": citation,
            "reading": a.reading,
            "variation": spc.variation.value if spc is not None else None,
            "assurance": (
                spc.assurance.value if spc is not None and spc.assurance is not None else None
            ),
        }


def _number(amount: Quantity | None) -> tuple[float | None, str | None]:
    if amount is None:
        return None, None
    return float(amount.magnitude), amount.unit


def _table_cell(record: Mapping[str, Any], column: str) -> str:
    if column in NUMBER_COLUMNS:
        return display.format_amount(
            record[column], record[f"{column}_unit"], signed=column == "margin"
        )
    value = record[column]
    return "" if value is None else str(value)


def evaluate_guidance(
    guidance: Guidance,
    observations: Iterable[Observation | CaseRecord],
    *,
    as_of: date | str,
    orgs: Iterable[Organisation] | None = None,
    progress: Callable[[int, int], None] | None = None,
    spc: bool = False,
) -> Report:
    """Evaluate every applicable target of *guidance* for every organisation.

    Args:
        guidance: the edition (``load_guidance("2021/22")``) or a local file extending one.
        observations: figures for any organisations and metrics; those of metrics the edition
            does not measure are ignored.
        as_of: the date to assess on.
        orgs: the organisations to assess, with their types. Given, every target is assessed
            for every organisation (NOT_APPLICABLE where it does not apply to its type,
            NO_DATA where nothing was reported). Not given, each organisation that reported a
            figure is assessed on the targets its figures measure.
        progress: called as ``progress(done, total)`` after each organisation (the command
            line draws a progress bar with it); it must not change anything.
        spc: attach a Making Data Count reading (:class:`~nhsplan.model.SpcSummary`) to each
            assessment whose organisation has a monthly series of the metric long enough to
            chart (see :func:`nhsplan.spc.summarise`), read against the value required.

    Observations that cannot be right for their metric (a proportion above 100 %, a negative
    count) are left out and listed in :attr:`Report.warnings`.
    """
    as_of = to_as_of(as_of)
    from nhsplan.engines.columnar import evaluate_frame, is_frame  # noqa: PLC0415

    if is_frame(observations):  # a DataFrame: validated and evaluated column-wise
        return evaluate_frame(
            guidance, observations, as_of=as_of, orgs=orgs, progress=progress, spc=spc
        ).report
    known = frozenset(m.id for m in guidance.metrics)
    by_org: dict[str, list[Observation | CaseRecord]] = defaultdict(list)
    warnings: list[str] = []
    for obs in observations:
        if not isinstance(obs, Observation | CaseRecord):
            raise InvalidObservationError(
                f"{obs!r} ({type(obs).__name__}) is not an Observation or CaseRecord",
                field="observations",
                example="Observation(org='RBD', metric=..., period='2021-12', value='87.5 %')",
            )
        if isinstance(obs, Observation) and obs.metric in known:
            try:  # checked, and a bare number read in the metric's unit (or refused)
                obs = guidance.metric(obs.metric).resolve(obs)  # noqa: PLW2901
            except InvalidObservationError as exc:
                warnings.append(f"left out: {exc}")
                continue
        by_org[obs.org].append(obs)

    org_list: list[tuple[str, Organisation | None]]
    if orgs is None:
        org_list = [(code, None) for code in sorted(by_org)]
    else:
        org_list = [(o.code, o) for o in orgs]

    assessments: list[Assessment] = []
    for done, (code, org) in enumerate(org_list, start=1):
        figures = by_org.get(code, [])
        measured = {o.metric for o in figures}
        for target in guidance.targets:
            if org is None and target.metric not in measured:
                continue
            metric = guidance.metric(target.metric) if target.metric in known else None
            assessment = evaluate(
                target,
                figures,
                as_of=as_of,
                org=code,
                org_type=org.type if org is not None else None,
                metric=metric,
            )
            if spc and metric is not None:
                assessment = _with_spc(assessment, metric, figures, as_of)
            assessments.append(assessment)
        if progress is not None:
            progress(done, len(org_list))
    return Report(
        edition=guidance.id,
        as_of=as_of,
        assessments=tuple(assessments),
        priorities={t.id: t.priority or "-" for t in guidance.targets},
        warnings=tuple(warnings),
    )


def _with_spc(
    assessment: Assessment, metric: Metric, figures: list[Observation | CaseRecord], as_of: date
) -> Assessment:
    """The assessment with the XmR reading of the organisation's monthly series attached."""
    from nhsplan.spc import summarise, xmr  # noqa: PLC0415 - only when asked for

    series = sorted(
        (
            o
            for o in figures
            if isinstance(o, Observation)
            and o.metric == metric.id
            and isinstance(o.period, Month)
            and o.period.end <= as_of
        ),
        key=lambda o: o.period.start,
    )
    if len(series) < 2:
        return assessment
    unit = assessment.required.unit if assessment.required is not None else metric.unit
    values = [o.amount.to(unit).magnitude for o in series]
    target = assessment.required.magnitude if assessment.required is not None else None
    chart = xmr(values, polarity=metric.polarity, target=target)
    summary = summarise(chart)
    return assessment if summary is None else attrs.evolve(assessment, spc=summary)
