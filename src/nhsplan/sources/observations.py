r"""nhsplan's own observation file: one figure per row, as CSV.

Columns ``org, metric, period, value, unit, numerator, denominator``. A row gives either a value
and its unit, or (for a proportion) a numerator and denominator; the period is any financial
calendar period in its canonical text (``2021-11``, ``2021/22 Q3``, ``2021/22``)::

    org,metric,period,value,unit,numerator,denominator
    RBD,ae_4_hour,2021-11,,,9000,10000
    RBD,rtt_52_week_waiters,2021-11,12,pathway,,

>>> import io
>>> text = "org,metric,period,value,unit,numerator,denominator\n"
>>> text += "RBD,ae_4_hour,2021-11,,,9000,10000\nRBD,rtt_52_week_waiters,2021-11,12,pathway,,\n"
>>> result = read_observations_csv(io.StringIO(text))
>>> [str(o.amount) for o in result.observations]
['90 %', '12 pathway']
>>> out = io.StringIO()
>>> write_observations_csv(result.observations, out)
>>> read_observations_csv(io.StringIO(out.getvalue())).observations == result.observations
True
"""

from __future__ import annotations

import csv
import difflib
import os
import re
from collections.abc import Iterable, Mapping
from typing import Final, TextIO

from nhsplan import units
from nhsplan.calendar import Period, parse_period
from nhsplan.errors import (
    InvalidValueError,
    NhsplanError,
    PeriodParseError,
    UnknownMetricError,
    UnknownUnitError,
)
from nhsplan.model import Guidance, Observation
from nhsplan.sources._quality import (
    CsvSource,
    DataQualityIssue,
    SourceFileError,
    SourceResult,
    csv_rows,
    is_org_code,
    open_csv,
    parse_number,
    source_name,
)
from nhsplan.units import quantity
from nhsplan.units.inputs import read_figure

__all__ = [
    "OBSERVATION_COLUMNS",
    "ObservationFileError",
    "read_observations_csv",
    "write_observations_csv",
]

OBSERVATION_COLUMNS: Final = (
    "org",
    "metric",
    "period",
    "value",
    "unit",
    "numerator",
    "denominator",
)
"""The columns of an observation file, in the order :func:`write_observations_csv` writes them."""

_REQUIRED: Final = ("org", "metric", "period")
_EXAMPLE: Final = (
    ",".join(OBSERVATION_COLUMNS)
    + "\n  RBD,ae_4_hour,2021-11,,,9000,10000"
    + "\n  RBD,rtt_52_week_waiters,2021-11,12,pathway,,"
)
_EXPECTED: Final = "observations"
_SNAKE: Final = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_PERCENT: Final = frozenset({"%", "percent"})


class ObservationFileError(SourceFileError):
    """An observation file with bad rows; every bad row is listed, each with row and column.

    Attributes:
        source: the file.
        issues: one :class:`~nhsplan.sources.DataQualityIssue` per problem.
        example: valid rows of the format.
    """

    def __init__(self, issues: Iterable[DataQualityIssue], *, source: str) -> None:
        super().__init__(issues, source=source, example=_EXAMPLE, expected=_EXPECTED)


def read_observations_csv(
    file: CsvSource, *, skip_invalid: bool = False, guidance: Guidance | None = None
) -> SourceResult:
    r"""Read an observation file.

    Args:
        file: a path or an open text file.
        skip_invalid: report a bad row as a data-quality issue and read the others, instead
            of raising.
        guidance: check every metric id against this guidance's metrics (a loaded local
            edition includes the metrics of the editions it extends).

    Returns:
        The observations in file order; the issues (bad rows, only with ``skip_invalid``).

    Raises:
        ObservationFileError: the header lacks ``org``, ``metric`` or ``period``, or a figure
            column, or names an unknown column (always); or rows are bad (unless
            ``skip_invalid``). Every problem in the file is listed.
        UnknownMetricError: a metric the guidance does not define (unless ``skip_invalid``);
            the message names the rows and the closest known ids.

    A bad row, with and without ``skip_invalid``:

    >>> import io
    >>> text = "org,metric,period,value,unit\nRBD,ae_4_hour,2021-13,87.5,%\n"
    >>> read_observations_csv(io.StringIO(text))
    Traceback (most recent call last):
    ...
    nhsplan.sources.observations.ObservationFileError: <stream>: 1 problem reading it as
    observations:
      row 2, column 'period' ('2021-13'): cannot read '2021-13' as a calendar month
      (months run from 01 to 12, not 13); for example '2021-11'
    for example:
      org,metric,period,value,unit,numerator,denominator
      RBD,ae_4_hour,2021-11,,,9000,10000
      RBD,rtt_52_week_waiters,2021-11,12,pathway,,
    >>> result = read_observations_csv(io.StringIO(text), skip_invalid=True)
    >>> result.observations, len(result.issues)
    ((), 1)
    """
    source = source_name(file)
    with open_csv(file) as stream:
        observations, issues = _read(stream, source, skip_invalid=skip_invalid)
    if issues and not skip_invalid:
        raise ObservationFileError(issues, source=source)
    if guidance is not None:
        observations, unknown = _check_metrics(observations, guidance)
        if not skip_invalid and unknown:
            raise _unknown_metric_error(unknown, guidance, source)
        issues += [
            DataQualityIssue(
                source=source, row=row, column="metric", value=o.metric, message=message
            )
            for row, o, message in unknown
        ]
    issues.sort(key=lambda issue: issue.row)
    return SourceResult(observations=(o for _row, o in observations), issues=issues)


def write_observations_csv(observations: Iterable[Observation], file: CsvSource) -> None:
    """Write observations in the format :func:`read_observations_csv` reads back unchanged.

    Args:
        observations: the observations, written in order.
        file: a path (overwritten) or an open text file (opened with ``newline=""``).
    """
    if isinstance(file, str | os.PathLike):
        with open(file, "w", encoding="utf-8", newline="") as stream:
            _write(observations, stream)
    else:
        _write(observations, file)


def _write(observations: Iterable[Observation], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(OBSERVATION_COLUMNS)
    for o in observations:
        value = unit = numerator = denominator = ""
        if isinstance(o.value, float):  # a bare number: no unit column
            value = _number_text(o.value)
        elif o.value is not None:
            value, unit = _number_text(o.value.magnitude), o.value.unit
        if o.numerator is not None and o.denominator is not None:
            numerator, denominator = _number_text(o.numerator), _number_text(o.denominator)
        writer.writerow([o.org, o.metric, str(o.period), value, unit, numerator, denominator])


def _number_text(x: float) -> str:
    """Exact text for a float: ``875`` for whole numbers, else the shortest round-trip form."""
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


# --- reading -----------------------------------------------------------------------------------

_Located = tuple[int, Observation]
_Problem = tuple[str | None, str, str]
"""(column, raw value, message)."""


def _read(
    stream: TextIO, source: str, *, skip_invalid: bool
) -> tuple[list[_Located], list[DataQualityIssue]]:
    reader = csv_rows(
        stream, source=source, fail=lambda issue: ObservationFileError([issue], source=source)
    )
    at = _header(next(reader, None), source)
    columns = set(at.values())
    observations: list[_Located] = []
    issues: list[DataQualityIssue] = []
    skipped = "; row skipped" if skip_invalid else ""
    for row, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        problems: list[_Problem] = [
            (None, cell, f"a cell outside the named columns (cell {i + 1})")
            for i, cell in enumerate(record)
            if i not in columns and cell.strip()
        ]
        cells = {name: record[i] if i < len(record) else "" for name, i in at.items()}
        observation = _observation(cells, problems)
        issues += [
            DataQualityIssue(
                source=source, row=row, column=column, value=value, message=message + skipped
            )
            for column, value, message in problems
        ]
        if observation is not None and not problems:
            observations.append((row, observation))
    return observations, issues


def _header(header: list[str] | None, source: str) -> dict[str, int]:
    def problem(column: str | None, message: str, value: str | None = None) -> DataQualityIssue:
        return DataQualityIssue(source=source, row=1, column=column, value=value, message=message)

    if header is None:
        raise ObservationFileError([problem(None, "the file is empty")], source=source)
    at: dict[str, int] = {}
    problems: list[DataQualityIssue] = []
    for i, raw in enumerate(header):
        name = raw.strip().lower()
        if not name:
            continue  # an unnamed column (a spreadsheet's trailing comma): its cells must be blank
        if name not in OBSERVATION_COLUMNS:
            close = difflib.get_close_matches(name, OBSERVATION_COLUMNS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                problem(
                    raw,
                    f"not a column of an observation file ({hint}columns: "
                    f"{', '.join(OBSERVATION_COLUMNS)})",
                    raw,
                )
            )
        elif name in at:
            problems.append(problem(raw, f"a second {name!r} column", raw))
        else:
            at[name] = i
    problems += [
        problem(name, "this column is missing from the header")
        for name in _REQUIRED
        if name not in at
    ]
    if "value" not in at and not {"numerator", "denominator"} <= at.keys():
        problems.append(
            problem(
                None, "no figure columns: give 'value' and 'unit', or 'numerator' and 'denominator'"
            )
        )
    if problems:
        raise ObservationFileError(problems, source=source)
    return at


def _observation(cells: Mapping[str, str], problems: list[_Problem]) -> Observation | None:
    org, metric = cells["org"].strip(), cells["metric"].strip()
    if not is_org_code(org):
        problems.append(
            (
                "org",
                cells["org"],
                "not an organisation code (upper-case letters and digits, for example 'RBD')",
            )
        )
    if not _SNAKE.fullmatch(metric):
        problems.append(
            ("metric", cells["metric"], "not a metric id (snake_case, for example 'ae_4_hour')")
        )
    period = _period(cells["period"], problems)
    figure = _figure(cells, problems)
    if problems or period is None or figure is None:
        return None
    value, numerator, denominator = figure
    try:
        return Observation(
            org=org,
            metric=metric,
            period=period,
            value=value,
            numerator=numerator,
            denominator=denominator,
        )
    except InvalidValueError as exc:
        column = exc.field if exc.field in cells else "value"
        problems.append((column, cells.get(column, ""), str(exc)))
        return None


def _period(text: str, problems: list[_Problem]) -> Period | None:
    try:
        return parse_period(text.strip())
    except PeriodParseError as exc:
        problems.append(("period", text, str(exc)))
        return None


def _figure(
    cells: Mapping[str, str], problems: list[_Problem]
) -> tuple[units.Quantity | float | None, float | None, float | None] | None:
    value, unit = cells.get("value", ""), cells.get("unit", "")
    numerator, denominator = cells.get("numerator", ""), cells.get("denominator", "")
    has_value, has_ratio = bool(value.strip()), bool(numerator.strip() or denominator.strip())
    if has_value == has_ratio:
        which = "both" if has_value else "neither"
        problems.append(
            ("value", value, f"give a value and unit, or a numerator and denominator, not {which}")
        )
        return None
    if has_value:
        amount = _amount(value, unit, problems)
        return None if amount is None else (amount, None, None)
    if unit.strip() and unit.strip() not in _PERCENT:
        problems.append(
            ("unit", unit, "a numerator and denominator make a percentage: leave the unit blank")
        )
    counts = []
    for column, text in (("numerator", numerator), ("denominator", denominator)):
        number = parse_number(text)
        if number is None:
            problems.append((column, text, "not a number; give both, for example 9000 and 10000"))
        counts.append(number)
    top, bottom = counts
    return None if top is None or bottom is None else (None, top, bottom)


def _amount(value: str, unit: str, problems: list[_Problem]) -> units.Quantity | float | None:
    try:
        if not unit.strip():  # "79 %" carries its unit; a bare "79" waits for its metric's
            return read_figure(value.strip())
        number = parse_number(value)
        if number is None:
            problems.append(("value", value, "not a number (the unit goes in the unit column)"))
            return None
        return quantity(number, unit.strip())
    except UnknownUnitError as exc:
        problems.append(("unit", unit, str(exc)) if unit.strip() else ("value", value, str(exc)))
    except NhsplanError as exc:  # QuantityParseError, InvalidValueError: the text is no amount
        column = "unit" if unit.strip() else "value"
        problems.append((column, unit if unit.strip() else value, str(exc)))
    return None


# --- metric ids --------------------------------------------------------------------------------

_Unknown = tuple[int, Observation, str]


def _check_metrics(
    observations: list[_Located], guidance: Guidance
) -> tuple[list[_Located], list[_Unknown]]:
    known = {m.id for m in guidance.metrics}
    kept: list[_Located] = []
    unknown: list[_Unknown] = []
    for row, o in observations:
        if o.metric in known:
            kept.append((row, o))
            continue
        closest = _closest(o.metric, known)
        hint = f" (did you mean {' or '.join(repr(c) for c in closest)}?)" if closest else ""
        unknown.append(
            (row, o, f"unknown metric {o.metric!r} in guidance {guidance.id!r}{hint}; row skipped")
        )
    return kept, unknown


def _closest(metric: str, known: Iterable[str]) -> tuple[str, ...]:
    return tuple(difflib.get_close_matches(metric, sorted(known), n=3, cutoff=0.5))


def _unknown_metric_error(
    unknown: list[_Unknown], guidance: Guidance, source: str
) -> UnknownMetricError:
    metric = unknown[0][1].metric
    rows = [str(row) for row, o, _message in unknown if o.metric == metric]
    others = sorted({o.metric for _row, o, _message in unknown} - {metric})
    also = f"; also unknown: {', '.join(repr(m) for m in others)}" if others else ""
    plural = "s" if len(rows) > 1 else ""
    where = f"{source} row{plural} {', '.join(rows)} (guidance {guidance.id!r}{also})"
    return UnknownMetricError(
        metric, closest=_closest(metric, {m.id for m in guidance.metrics}), where=where
    )
