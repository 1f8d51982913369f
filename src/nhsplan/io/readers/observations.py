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
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from nhsplan._csv import reader as csv_reader
from nhsplan.calendar import Period
from nhsplan.errors import (
    PeriodParseError,
)
from nhsplan.io._atomic import atomic_write, scratch
from nhsplan.io.readers._cells import (
    OBSERVATION_COLUMNS,
    ObservationFileError,
    _header,
    _observation,
    _Problem,
)
from nhsplan.io.readers._metrics import (
    MetricNotInGuidanceError,
    Unknown,
    read_outcome,
    unknown_metric_words,
)
from nhsplan.io.readers._quality import (
    CsvSource,
    DataQualityIssue,
    SourceResult,
    csv_rows,
    open_csv,
    source_name,
)
from nhsplan.model import Guidance, Observation
from nhsplan.model.formats import upper_ascii

__all__ = [
    "OBSERVATION_COLUMNS",
    "MetricNotInGuidanceError",
    "ObservationFileError",
    "read_observations_by_org",
    "read_observations_csv",
    "write_observations_csv",
]


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
    issues = read.outcome(read.issues, read.unknown, skip_invalid=skip_invalid)
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
    with scratch() as folder:
        with open_csv(file) as stream:
            reader = read.reader(stream)
            at = _header(next(reader, None), source)
            paths = [Path(folder) / f"part-{i}.csv" for i in range(max(1, parts))]
            _split(reader, at["org"], paths)
        for path in paths:
            read.reset()
            with open(path, encoding="utf-8", newline="") as part:
                read.records(((int(r[0]), r[1:]) for r in csv_reader(part)), at)
            path.unlink()
            issues += read.issues
            unknown += read.unknown
            if skip_invalid:
                found = read.outcome(read.issues, read.unknown, skip_invalid=True)
                yield SourceResult(observations=read.observations, issues=found)
            elif not issues and not unknown:
                yield SourceResult(observations=read.observations)
    read.outcome(issues, unknown, skip_invalid=skip_invalid)  # raises: every part was read


def _split(reader: Iterator[list[str]], org: int, paths: list[Path]) -> None:
    """Write each numbered row to the part its organisation hashes to."""
    with contextlib.ExitStack() as stack:
        writers = [
            csv.writer(stack.enter_context(open(p, "w", encoding="utf-8", newline="")))
            for p in paths
        ]
        for row, record in enumerate(reader, start=2):
            code = upper_ascii(record[org].strip()) if org < len(record) else ""
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
        file: a path (replaced only once the whole file is written, so an error leaves the
            previous file as it was) or an open text file (opened with ``newline=""``).
    """
    if isinstance(file, str | os.PathLike):
        with atomic_write(file, newline="") as stream:
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

_Unknown = Unknown


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
        """Metric -> the words of its rows' issue, where no guidance given defines it."""

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
        """The words of a row of an unknown *metric* (made once per metric)."""
        if metric not in self.elsewhere:
            ids = [g.id for g in self.guidances or ()]
            self.elsewhere[metric] = unknown_metric_words(metric, ids, self.known or ())
        return self.elsewhere[metric]

    def outcome(
        self, issues: list[DataQualityIssue], unknown: list[_Unknown], *, skip_invalid: bool
    ) -> list[DataQualityIssue]:
        """The issues found, or the error (:func:`~nhsplan.io.readers._metrics.read_outcome`)."""
        return read_outcome(
            issues,
            unknown,
            source=self.source,
            skip_invalid=skip_invalid,
            guidance_ids=[g.id for g in self.guidances or ()],
            known=self.known or (),
        )
