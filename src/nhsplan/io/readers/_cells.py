"""One observation row's cells read strictly: the header, the period, the figure and its unit.

Every reader of observation rows (the CSV reader, the plan reader, the columnar engine's
fallback) reads a row's cells here, so a cell means the same on every path.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable, Mapping
from typing import Final

from nhsplan import units
from nhsplan.calendar import Period, parse_period
from nhsplan.errors import InvalidValueError, NhsplanError, PeriodParseError, UnknownUnitError
from nhsplan.io.readers._quality import (
    DataQualityIssue,
    SourceFileError,
    is_org_code,
    parse_number,
)
from nhsplan.model import Observation
from nhsplan.model.formats import METRIC_ID, upper_ascii
from nhsplan.units import quantity
from nhsplan.units.inputs import read_figure

OBSERVATION_COLUMNS: Final = (
    "org",
    "metric",
    "period",
    "value",
    "unit",
    "numerator",
    "denominator",
)
"""The columns of an observation file, in the order
:func:`~nhsplan.io.readers.write_observations_csv` writes them."""

_REQUIRED: Final = ("org", "metric", "period")
_PERCENT: Final = frozenset({"%", "percent"})

_EXAMPLE: Final = (
    ",".join(OBSERVATION_COLUMNS)
    + "\n  RBD,ae_4_hour,2021-11,,,9000,10000"
    + "\n  RBD,rtt_52_week_waiters,2021-11,12,pathway,,"
)
_EXPECTED: Final = "observations"


class ObservationFileError(SourceFileError):
    """An observation file with bad rows; every bad row is listed, each with row and column.

    Attributes:
        source: the file.
        issues: one :class:`~nhsplan.io.readers.DataQualityIssue` per problem.
        example: valid rows of the format.
    """

    def __init__(self, issues: Iterable[DataQualityIssue], *, source: str) -> None:
        super().__init__(issues, source=source, example=_EXAMPLE, expected=_EXPECTED)


# Raised from here, shown (tracebacks, docs) by the public module that exports it.
ObservationFileError.__module__ = "nhsplan.io.readers.observations"


_Problem = tuple[str | None, str, str]
"""(column, raw value, message)."""


def column_name(cell: str) -> str:
    """The column a header cell names: spaces around it dropped, in any case (``ORG`` is org).

    One rule for every reader of a file with a header: observations, plans, records.
    """
    return cell.strip().lower()


def _header(header: list[str] | None, source: str) -> dict[str, int]:
    def problem(column: str | None, message: str, value: str | None = None) -> DataQualityIssue:
        return DataQualityIssue(source=source, row=1, column=column, value=value, message=message)

    if header is None:
        raise ObservationFileError([problem(None, "the file is empty")], source=source)
    at: dict[str, int] = {}
    problems: list[DataQualityIssue] = []
    for i, raw in enumerate(header):
        name = column_name(raw)
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


def _observation(
    cells: Mapping[str, str],
    problems: list[_Problem],
    periods: dict[str, Period | PeriodParseError],
) -> Observation | None:
    # interned: one string per distinct code, not one per row
    org = sys.intern(upper_ascii(cells["org"].strip()))
    metric = sys.intern(cells["metric"].strip())
    if not is_org_code(org):
        problems.append(
            (
                "org",
                cells["org"],
                "not an organisation code (upper-case letters and digits, for example 'RBD')",
            )
        )
    if not METRIC_ID.matches(metric):
        problems.append(
            ("metric", cells["metric"], "not a metric id (snake_case, for example 'ae_4_hour')")
        )
    period = _period(cells["period"], problems, periods)
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
        # the problem names the column, so its words need not name it again
        words = f"{exc.problem}; for example {exc.example}" if column == exc.field else str(exc)
        problems.append((column, cells.get(column, ""), words))
        return None


def _period(
    text: str, problems: list[_Problem], periods: dict[str, Period | PeriodParseError]
) -> Period | None:
    found = periods.get(text)
    if found is None:
        try:
            found = parse_period(text.strip())
        except PeriodParseError as exc:
            found = exc
        periods[text] = found
    if isinstance(found, PeriodParseError):
        problems.append(("period", text, str(found)))
        return None
    return found


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
    # Each error comes from one side only: read_figure (no unit cell) turns an unknown unit
    # into an InvalidValueError naming the value; with a unit cell the number is a finite
    # float, and quantity(number, unit) raises nothing but UnknownUnitError for the unit.
    try:
        if not unit.strip():  # "79 %" carries its unit; a bare "79" waits for its metric's
            return read_figure(value.strip())
        number = parse_number(value)
        if number is None:
            problems.append(("value", value, "not a number (the unit goes in the unit column)"))
            return None
        return quantity(number, unit.strip())
    except UnknownUnitError as exc:
        problems.append(("unit", unit, str(exc)))
    except NhsplanError as exc:  # InvalidValueError from read_figure: the text is no amount
        problems.append(("value", value, str(exc)))
    return None
