"""The Report of a guidance edition evaluated: every applicable target, every organisation.

:func:`nhsplan.evaluate_guidance` returns a :class:`Report`: the assessments, a summary by
status and by priority, and the data-quality warnings met on the way (an observation that
cannot be right is reported and left out, never silently dropped).

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
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, BinaryIO, Final, Literal, TextIO, overload

import attrs

from nhsplan import _csv, _figures
from nhsplan.calendar import Period
from nhsplan.errors import InvalidValueError, MissingDependencyError
from nhsplan.evaluate import display
from nhsplan.model import (
    Assessment,
    Citation,
)
from nhsplan.model.enums import Assurance, Status, VariationIcon

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from nhsplan.units import Quantity

__all__ = ["COLUMNS", "NUMBER_COLUMNS", "Report"]

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

        Figures are floats rounded to 10 decimal places (``nhsplan._figures.DATA_DECIMALS``:
        no float noise, ``-0.8`` not ``-0.7999999999999972``) with their units in the
        ``_unit`` columns; dates are ISO text. Ready for ``json.dumps`` and ``csv.DictWriter``.
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

    @overload
    def to_frame(self, backend: Literal["pandas"] = "pandas") -> pd.DataFrame: ...

    @overload
    def to_frame(self, backend: Literal["polars"]) -> pl.DataFrame: ...

    @overload
    def to_frame(self, backend: Literal["pyarrow"]) -> pa.Table: ...

    def to_frame(
        self, backend: Literal["pandas", "polars", "pyarrow"] = "pandas"
    ) -> pd.DataFrame | pl.DataFrame | pa.Table:
        """The rows as a table of *backend* (``pandas``, ``polars`` or ``pyarrow``).

        One row per assessment, the columns of :data:`COLUMNS` in order, typed: the figures
        ``float64`` (null where absent), ``period_start`` and ``period_end`` datetimes,
        ``status``, ``variation`` and ``assurance`` categorical (pandas ordered categoricals
        and polars Enums of every possible value; pyarrow dictionary-encoded strings), the
        rest strings. Figures are rounded as :meth:`to_rows` rounds them. This is the schema
        :meth:`write_parquet` writes.

        Raises:
            MissingDependencyError: the backend (or narwhals, for pandas and polars) is not
                installed.
            InvalidValueError: a backend other than these three.
        """
        if backend == "pyarrow":
            return self._arrow()
        if backend not in ("pandas", "polars"):
            raise InvalidValueError(
                f"{backend!r} is not a table backend nhsplan writes",
                field="backend",
                example="report.to_frame('polars')",
            )
        return self._frame(backend, feature=f"Report.to_frame({backend!r})")

    def write_parquet(self, file: str | os.PathLike[str] | BinaryIO) -> None:
        """Write the rows as a Parquet file (:meth:`to_frame` ``("pyarrow")``'s schema).

        Args:
            file: a path, or a binary file open for writing.

        Raises:
            MissingDependencyError: pyarrow is not installed (``pip install
                'nhsplan[duckdb]'``, which brings it).
        """
        parquet = _require("pyarrow.parquet", feature="Parquet output", extra="duckdb")
        parquet.write_table(self._arrow(), file)

    def _arrow(self) -> pa.Table:
        pa = _require("pyarrow", feature="Report.to_frame('pyarrow')", extra="duckdb")
        columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        record = _Records(iso_dates=False)
        for a in self.assessments:
            for name, value in record(a).items():
                columns[name].append(value)
        categorical = pa.dictionary(pa.int8(), pa.string())

        def arrow_type(name: str) -> Any:  # noqa: ANN401 - a pyarrow type
            if name in NUMBER_COLUMNS:
                return pa.float64()
            if name in _DATE_COLUMNS:
                return pa.timestamp("us")
            if name in ("status", "variation", "assurance"):
                return categorical
            return pa.string()

        schema = pa.schema([(name, arrow_type(name)) for name in COLUMNS])
        return pa.table(
            {name: pa.array(columns[name], type=arrow_type(name)) for name in COLUMNS},
            schema=schema,
        )

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
        return self.to_table()

    def to_table(self, *, spc: bool | None = None) -> str:
        """The report as a text table, figures rounded for reading (what ``str`` gives).

        Args:
            spc: add the ``variation`` and ``assurance`` columns (the Making Data Count
                reading, as of each period judged); by default, when an assessment has one.
        """
        if spc is None:
            spc = any(a.spc is not None for a in self.assessments)
        columns = (*_TABLE, "variation", "assurance") if spc else _TABLE
        record = _Records(iso_dates=True)
        records = (record(a) for a in self.assessments)
        rows = [tuple(_table_cell(r, c) for c in columns) for r in records]
        widths = [
            max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
            for i, h in enumerate(columns)
        ]
        numeric = {i for i, c in enumerate(columns) if c in NUMBER_COLUMNS}

        def line(cells: Iterable[str]) -> str:
            return "  ".join(
                v.rjust(w) if i in numeric else v.ljust(w)
                for i, (v, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()

        lines = [
            f"nhsplan {self.edition} as of {self.as_of.isoformat()}",
            line(columns),
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
            "margin_unit": _figures.margin_unit(margin_unit) if margin_unit is not None else None,
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
    return _figures.data_figure(float(amount.magnitude)), amount.unit


def _table_cell(record: Mapping[str, Any], column: str) -> str:
    if column in NUMBER_COLUMNS:
        return _figures.format_amount(
            record[column], record[f"{column}_unit"], signed=column == "margin"
        )
    value = record[column]
    return "" if value is None else str(value)
