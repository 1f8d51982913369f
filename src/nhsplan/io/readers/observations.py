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

import contextlib
import csv
import difflib
import os
import re
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Final, TextIO

from nhsplan import units
from nhsplan.calendar import Month, Period, parse_period
from nhsplan.errors import (
    InvalidValueError,
    NhsplanError,
    PeriodParseError,
    UnknownMetricError,
    UnknownUnitError,
)
from nhsplan.io.readers._quality import (
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
from nhsplan.model import Guidance, Observation
from nhsplan.units import quantity
from nhsplan.units.inputs import read_figure

__all__ = [
    "OBSERVATION_COLUMNS",
    "MetricNotInGuidanceError",
    "ObservationFileError",
    "read_observations_by_org",
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
        issues: one :class:`~nhsplan.io.readers.DataQualityIssue` per problem.
        example: valid rows of the format.
    """

    def __init__(self, issues: Iterable[DataQualityIssue], *, source: str) -> None:
        super().__init__(issues, source=source, example=_EXAMPLE, expected=_EXPECTED)


def read_observations_csv(
    file: CsvSource,
    *,
    skip_invalid: bool = False,
    guidance: Guidance | Iterable[Guidance] | None = None,
) -> SourceResult:
    r"""Read an observation file.

    Rows are read one at a time and only the observations are kept, so memory grows with the
    figures, not with the text. Organisation codes are read case-insensitively (``rbd`` is
    ``RBD``).

    Args:
        file: a path or an open text file.
        skip_invalid: report a bad row as a data-quality issue and read the others, instead
            of raising.
        guidance: check every metric id against this guidance's metrics, or against the
            metrics of any of several editions (a loaded local edition includes the metrics
            of the editions it extends). An unknown metric that a shipped edition defines is
            reported with that edition's id.

    Returns:
        The observations in file order; the issues (bad rows, only with ``skip_invalid``).

    Raises:
        ObservationFileError: the header lacks ``org``, ``metric`` or ``period``, or a figure
            column, or names an unknown column (always); or rows are bad (unless
            ``skip_invalid``): a second row for the same organisation, metric and period is
            bad too, and names the first. Every problem in the file is listed.
        UnknownMetricError: a metric the guidance does not define (unless ``skip_invalid``);
            the message names the rows, the closest known ids, and the shipped editions that
            define the metric (``ae_4_hour`` is in ``standards``).

    A bad row, with and without ``skip_invalid``:

    >>> import io
    >>> text = "org,metric,period,value,unit\nRBD,ae_4_hour,2021-13,87.5,%\n"
    >>> read_observations_csv(io.StringIO(text))
    Traceback (most recent call last):
    ...
    nhsplan.io.readers.observations.ObservationFileError: <stream>: 1 problem reading it as
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
    guidances = _guidances(guidance)
    with open_csv(file) as stream:
        read = _Read(source, skip_invalid=skip_invalid, guidances=guidances)
        read.rows(stream)
    if read.issues and not skip_invalid:
        raise ObservationFileError(read.issues, source=source)
    if read.unknown and not skip_invalid:
        raise read.unknown_metric_error()
    issues = read.issues + [
        DataQualityIssue(source=source, row=row, column="metric", value=metric, message=message)
        for row, metric, message in read.unknown
    ]
    issues.sort(key=lambda issue: issue.row)
    return SourceResult(observations=read.observations, issues=issues)


def read_observations_by_org(
    file: str | os.PathLike[str],
    *,
    parts: int,
    skip_invalid: bool = False,
    guidance: Guidance | Iterable[Guidance] | None = None,
) -> Iterator[SourceResult]:
    """Read a large observation file in *parts* groups of organisations, one group at a time.

    The file is first split by organisation into *parts* temporary files (every row of an
    organisation in the same part, in file order), then each part is read as
    :func:`read_observations_csv` reads a file and yielded; so memory holds one part's
    observations at a time, however large the file. Each part's issues name the file's own
    rows. Duplicates are found within an organisation, so within a part.

    Raises:
        ObservationFileError, MetricNotInGuidanceError: as :func:`read_observations_csv`,
            after every part has been read (so every problem is listed); no part is yielded
            after the first bad row unless *skip_invalid*.
    """
    source = os.fspath(file)
    read = _Read(source, skip_invalid=skip_invalid, guidances=_guidances(guidance))
    issues: list[DataQualityIssue] = []
    unknown: list[_Unknown] = []
    with tempfile.TemporaryDirectory(prefix="nhsplan-") as folder:
        with open_csv(file) as stream:
            reader = read.reader(stream)
            at = _header(next(reader, None), source)
            paths = [Path(folder) / f"part-{i}.csv" for i in range(max(1, parts))]
            _split(reader, at["org"], paths)
        for path in paths:
            read.reset()
            with open(path, encoding="utf-8", newline="") as part:
                read.records(((int(r[0]), r[1:]) for r in csv.reader(part)), at)
            path.unlink()
            issues += read.issues
            unknown += read.unknown
            if skip_invalid:
                found = read.issues + [
                    DataQualityIssue(source=source, row=row, column="metric", value=m, message=msg)
                    for row, m, msg in read.unknown
                ]
                found.sort(key=lambda issue: issue.row)
                yield SourceResult(observations=read.observations, issues=found)
            elif not issues and not unknown:
                yield SourceResult(observations=read.observations)
    if issues and not skip_invalid:
        issues.sort(key=lambda issue: issue.row)
        raise ObservationFileError(issues, source=source)
    if unknown and not skip_invalid:
        read.unknown = unknown
        raise read.unknown_metric_error()


def _split(reader: Iterator[list[str]], org: int, paths: list[Path]) -> None:
    """Write each numbered row to the part its organisation hashes to."""
    with contextlib.ExitStack() as stack:
        writers = [
            csv.writer(stack.enter_context(open(p, "w", encoding="utf-8", newline="")))
            for p in paths
        ]
        for row, record in enumerate(reader, start=2):
            code = record[org].strip().upper() if org < len(record) else ""
            part = zlib.crc32(code.encode("utf-8", "surrogatepass")) % len(writers)
            writers[part].writerow([row, *record])


def _guidances(guidance: Guidance | Iterable[Guidance] | None) -> tuple[Guidance, ...] | None:
    if guidance is None:
        return None
    if isinstance(guidance, Guidance):
        return (guidance,)
    return tuple(guidance)


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

_Problem = tuple[str | None, str, str]
"""(column, raw value, message)."""
_Unknown = tuple[int, str, str]
"""(row, metric, message)."""


class _Read:
    """One pass over an observation file: observations kept, rows checked as they stream by."""

    def __init__(
        self, source: str, *, skip_invalid: bool, guidances: tuple[Guidance, ...] | None
    ) -> None:
        self.source = source
        self.skipped = "; row skipped" if skip_invalid else ""
        self.guidances = guidances
        self.known = (
            None if guidances is None else frozenset(m.id for g in guidances for m in g.metrics)
        )
        self.observations: list[Observation] = []
        self.issues: list[DataQualityIssue] = []
        self.unknown: list[_Unknown] = []
        self.first: dict[tuple[str, str, Period], int] = {}
        """(org, metric, period) -> the row that gave it first: a second row is a duplicate."""
        self.periods: dict[str, Period | PeriodParseError] = {}
        """Period text -> the period (one object per distinct text, not one per row)."""
        self.elsewhere: dict[str, str] = {}
        """Metric -> where else it is defined (for the unknown-metric message)."""

    def rows(self, stream: TextIO) -> None:
        reader = self.reader(stream)
        at = _header(next(reader, None), self.source)
        self.records(enumerate(reader, start=2), at)

    def reader(self, stream: TextIO) -> Iterator[list[str]]:
        source = self.source
        return csv_rows(
            stream, source=source, fail=lambda issue: ObservationFileError([issue], source=source)
        )

    def reset(self) -> None:
        """Forget the observations and issues read so far (not the caches)."""
        self.observations, self.issues, self.unknown, self.first = [], [], [], {}

    def records(self, numbered: Iterable[tuple[int, list[str]]], at: dict[str, int]) -> None:
        source = self.source
        columns = set(at.values())
        for row, record in numbered:
            if not any(cell.strip() for cell in record):
                continue
            problems: list[_Problem] = [
                (None, cell, f"a cell outside the named columns (cell {i + 1})")
                for i, cell in enumerate(record)
                if i not in columns and cell.strip()
            ]
            cells = {name: record[i] if i < len(record) else "" for name, i in at.items()}
            observation = _observation(cells, problems, self.periods)
            if observation is not None and not problems:
                self.keep(row, observation, problems)
            self.issues += [
                DataQualityIssue(
                    source=source,
                    row=row,
                    column=column,
                    value=value,
                    message=message + self.skipped,
                )
                for column, value, message in problems
            ]

    def keep(self, row: int, o: Observation, problems: list[_Problem]) -> None:
        if self.known is not None and o.metric not in self.known:
            self.unknown.append((row, o.metric, self.unknown_message(o.metric)))
            return
        key = (o.org, o.metric, o.period)
        first = self.first.setdefault(key, row)
        if first != row:
            message = (
                f"a second figure for {o.org} {o.metric} {o.period} (the first is row {first}); "
                "one figure per organisation, metric and period"
            )
            problems.append((None, f"{o.org},{o.metric},{o.period}", message))
            return
        self.observations.append(o)

    def unknown_message(self, metric: str) -> str:
        ids = " and ".join(repr(g.id) for g in self.guidances or ())
        return f"unknown metric {metric!r} in guidance {ids}{self.hint(metric)}; row skipped"

    def hint(self, metric: str) -> str:
        """Where else *metric* is: a shipped edition, or the closest ids of these editions."""
        if metric not in self.elsewhere:
            homes = _editions_defining(metric)
            if homes:
                self.elsewhere[metric] = f" (it is in edition {' and '.join(map(repr, homes))})"
            else:
                closest = _closest(metric, self.known or ())
                self.elsewhere[metric] = (
                    f" (did you mean {' or '.join(repr(c) for c in closest)}?)" if closest else ""
                )
        return self.elsewhere[metric]

    def unknown_metric_error(self) -> UnknownMetricError:
        _row, metric, _message = self.unknown[0]
        rows = [str(row) for row, m, _ in self.unknown if m == metric]
        others = sorted({m for _row, m, _ in self.unknown} - {metric})
        also = f"; also unknown: {', '.join(repr(m) for m in others)}" if others else ""
        plural = "s" if len(rows) > 1 else ""
        shown = ", ".join(rows[:10]) + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")
        ids = " and ".join(repr(g.id) for g in self.guidances or ())
        where = f"{self.source} row{plural} {shown} (guidance {ids}{also})"
        homes = _editions_defining(metric)
        return MetricNotInGuidanceError(
            metric,
            closest=_closest(metric, self.known or ()),
            where=where,
            editions=homes,
        )


class MetricNotInGuidanceError(UnknownMetricError):
    """A metric an observation file names that the guidance given does not define.

    Attributes:
        editions: the shipped editions that do define it (load one of them too).
    """

    def __init__(
        self,
        metric: str,
        *,
        closest: tuple[str, ...],
        where: str | None = None,
        editions: tuple[str, ...] = (),
    ) -> None:
        self.editions = editions
        super().__init__(metric, closest=() if editions else closest, where=where)
        if editions:
            names = " and ".join(repr(e) for e in editions)
            self.args = (f"{self.args[0]}; {metric} is in edition {names}: load it too",)


def _editions_defining(metric: str) -> tuple[str, ...]:
    from nhsplan.catalog import editions, load_guidance  # noqa: PLC0415 - only on this error

    # The standards first (a standing metric lives there), then the newest edition first.
    found = [e for e in editions() if any(m.id == metric for m in load_guidance(e).metrics)]
    return tuple(sorted(found, key=lambda e: (e != "standards", -editions().index(e))))


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


def _observation(
    cells: Mapping[str, str],
    problems: list[_Problem],
    periods: dict[str, Period | PeriodParseError],
) -> Observation | None:
    # interned: one string per distinct code, not one per row
    org, metric = sys.intern(cells["org"].strip().upper()), sys.intern(cells["metric"].strip())
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
        problems.append((column, cells.get(column, ""), str(exc)))
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
        problems.append(("period", text, str(found) + _excel_hint(text)))
        return None
    return found


_EXCEL_MONTH: Final = re.compile(r"\s*(?P<month>[A-Za-z]{3,9})[-/ ](?P<year>\d{2})\s*")
_EXCEL_DATE: Final = re.compile(r"\s*\d{1,2}/(?P<month>\d{1,2})/(?P<year>\d{4})\s*")


def _excel_hint(text: str) -> str:
    """What to write instead of a month as Excel displays it (``Dec-21``, ``01/12/2021``)."""
    shown = _EXCEL_MONTH.fullmatch(text)
    if shown is not None:
        try:
            month = Month.parse(f"{shown['month']} 20{shown['year']}")
        except PeriodParseError:
            return ""
    else:
        dated = _EXCEL_DATE.fullmatch(text)
        if dated is None or not 1 <= int(dated["month"]) <= 12:
            return ""
        month = Month(int(dated["year"]), int(dated["month"]))
    return (
        f" (this looks like a month as Excel shows it: use {month}; format the column as "
        "text, or as the custom format yyyy-mm, before saving)"
    )


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


def _closest(metric: str, known: Iterable[str]) -> tuple[str, ...]:
    return tuple(difflib.get_close_matches(metric, sorted(known), n=3, cutoff=0.5))
