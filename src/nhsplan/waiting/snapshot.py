"""A provider's waiting list and flows for one month, from NHS England's published RTT full CSV.

:func:`nhsplan.io.readers.read_rtt_full_csv` turns the file into the guidance's figures (the
18-week share, the N-week counts) and reports every data-quality issue; a projection needs
more of the file: the incomplete pathways band by band (``Part_2``), the completed pathways
band by band (``Part_1A`` admitted and ``Part_1B`` non-admitted: the month's clock stops),
and the new RTT periods (``Part_3``: the month's clock starts). :func:`read_rtt_snapshots`
reads those, per provider and month, from the ``C_999`` total rows (a commissioner with no
``C_999`` row for a part has its treatment-function rows summed instead). Check a file's
quality with ``read_rtt_full_csv`` first: this reader skips what it cannot read.

>>> s = Snapshot(org="RBD", month=Month(2024, 11), bands=(900, 100) + (0,) * 103,
...              stopped=(300, 50) + (0,) * 103, clock_starts=400)
>>> print(s.org, s.month, s.waiting, s.clock_stops, s.clock_starts)
RBD 2024-11 1000 350 400
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

import attrs

from nhsplan._csv import reader as csv_reader
from nhsplan.calendar import Month
from nhsplan.errors import InvalidValueError, PeriodParseError
from nhsplan.io.readers import RTT_BANDS, RTT_TOTAL_FUNCTION
from nhsplan.waiting.model import StopRule

if TYPE_CHECKING:
    from nhsplan.waiting.model import FloatArray, Projection

__all__ = ["Snapshot", "project_snapshots", "read_rtt_snapshots"]

_PARTS: Final = ("Part_1A", "Part_1B", "Part_2", "Part_3")
_PART_KEY: Final = re.compile(r"[\s_\-]+")
_PART_OF: Final = {_PART_KEY.sub("", p).upper(): p for p in _PARTS}
_PERIOD_TEXT: Final = re.compile(r"RTT-(?P<month>[A-Za-z]+)-(?P<year>\d{4})")
_COLUMNS: Final = (
    "Period",
    "Provider Org Code",
    "Commissioner Org Code",
    "RTT Part Type",
    "Treatment Function Code",
    *RTT_BANDS,
    "Total All",
)
_EXAMPLE: Final = (
    "Period,Provider Org Code,Commissioner Org Code,RTT Part Type,Treatment Function Code,"
    "Gt 00 To 01 Weeks SUM 1,...,Gt 104 Weeks SUM 1,Total,"
    "Patients with unknown clock start date,Total All"
)


def _counts(field: str, value: tuple[int, ...]) -> None:
    if len(value) != len(RTT_BANDS) or any(v < 0 for v in value):
        raise InvalidValueError(
            f"{len(value)} counts: must be {len(RTT_BANDS)} counts of at least 0",
            field=field,
            example="(1021, 1022, 994, ...) band 0 first",
        )


@attrs.frozen(kw_only=True)
class Snapshot:
    """One provider's RTT waiting list at a month end, with the month's flows.

    Counts are pathways; bands are weekly, band 0 (up to 1 week) first, band 104 over 104
    weeks, as the published file has them. Pathways with an unknown clock start are in no
    band and not counted.
    """

    org: str
    """The provider's ODS code."""
    month: Month
    bands: tuple[int, ...] = attrs.field(validator=lambda _i, _a, v: _counts("bands", v))
    """Incomplete pathways (the waiting list) by weeks waited, at the month end."""
    stopped: tuple[int, ...] = attrs.field(validator=lambda _i, _a, v: _counts("stopped", v))
    """Completed pathways (admitted and non-admitted) in the month, by weeks waited."""
    clock_starts: int = attrs.field(validator=attrs.validators.ge(0))
    """New RTT periods in the month (pathways)."""
    function: str = RTT_TOTAL_FUNCTION
    """The treatment function code (``C_999``: all of them, the provider's whole list)."""

    @classmethod
    def from_waits(
        cls,
        waits: Iterable[int],
        *,
        org: str,
        month: Month,
        stopped: Iterable[int] = (),
        clock_starts: int = 0,
    ) -> Snapshot:
        """A snapshot from a patient-level list: each pathway's days waited at the month end.

        A wait of *d* days is in band ``ceil(d / 7) - 1`` (0 for a wait of 0 days), capped at
        band 104: "more than *i* and up to *i* + 1 weeks", so 126 days (18 weeks) is within
        18 weeks and 127 is not, as ``nhsplan measure rtt`` counts them.

        Args:
            waits: days waited by each incomplete pathway, at least 0.
            org: the provider's ODS code.
            month: the month whose end the waits are counted at.
            stopped: days waited by each pathway completed in the month.
            clock_starts: new RTT periods in the month.

        Raises:
            InvalidValueError: a negative or non-whole number of days.

        >>> s = Snapshot.from_waits([0, 3, 126, 127, 400], org="RXX", month=Month(2024, 11))
        >>> s.waiting, sum(s.bands[:18]), sum(s.bands[52:])
        (5, 3, 1)
        """
        return cls(
            org=org,
            month=month,
            bands=_banded(waits, "waits"),
            stopped=_banded(stopped, "stopped"),
            clock_starts=clock_starts,
        )

    @property
    def waiting(self) -> int:
        """Incomplete pathways in a wait band (pathways)."""
        return sum(self.bands)

    @property
    def clock_stops(self) -> int:
        """Completed pathways in the month (pathways)."""
        return sum(self.stopped)

    def stop_weights(self) -> FloatArray:
        """Weights per band for the proportional stop rule, from the month's completed pathways.

        The weight of band *i* is the share of the pathways in it that the month completed,
        ``stopped_i / (waiting_i + stopped_i)`` (a removal rate by weeks waited, as NHSRtt
        calibrates, here from one month's completed pathways; both are the published
        month-end wait bands). A band with neither gets the weight of the nearest band below
        (above, at the start).
        """
        import numpy as np  # noqa: PLC0415 - numpy is optional

        waiting = np.asarray(self.bands, dtype=np.float64)
        stopped = np.asarray(self.stopped, dtype=np.float64)
        exposed = waiting + stopped
        with np.errstate(invalid="ignore", divide="ignore"):
            rates = np.where(exposed > 0, stopped / exposed, np.nan)
        known = np.flatnonzero(~np.isnan(rates))
        if known.size == 0:
            return np.ones(len(RTT_BANDS))
        fill = np.maximum.accumulate(np.where(~np.isnan(rates), np.arange(rates.size), -1))
        return rates[np.where(fill < 0, known[0], fill)]


def _banded(days: Iterable[int], field: str) -> tuple[int, ...]:
    bands = [0] * len(RTT_BANDS)
    last = len(RTT_BANDS) - 1
    for d in days:
        if isinstance(d, bool) or not isinstance(d, int) or d < 0:
            raise InvalidValueError(
                f"{d!r} is not a whole number of days of at least 0",
                field=field,
                example="[0, 3, 126, 127] (days waited)",
            )
        bands[min(max(-(-d // 7) - 1, 0), last)] += 1
    return tuple(bands)


def _month(text: str) -> Month | None:
    found = _PERIOD_TEXT.fullmatch(text.strip())
    if found is None:
        return None
    try:
        return Month.parse(f"{found['month']} {found['year']}")
    except PeriodParseError:
        return None


def _number(text: str) -> int | None:
    text = text.strip().replace(",", "")
    if not text:
        return 0
    return int(text) if text.isdigit() else None


def read_rtt_snapshots(
    file: str | PathLike[str] | TextIO, *, by_function: bool = False
) -> tuple[Snapshot, ...]:
    """Read each provider's waiting list and flows, per month, from an RTT full CSV.

    Args:
        file: a path or an open text file in NHS England's RTT full CSV format.
        by_function: one snapshot per provider, treatment function and month (summed over
            commissioners from the treatment-function rows; the ``C_999`` totals are not
            read), instead of one per provider and month.

    Returns:
        The snapshots, ordered by month, provider and treatment function. Rows whose
        period, part type or counts cannot be read are skipped (see the module
        documentation).

    Raises:
        InvalidValueError: a column of the format is missing.
    """
    if isinstance(file, str | PathLike):
        with Path(file).open(newline="", encoding="utf-8-sig") as stream:
            return _read(stream, str(file), by_function=by_function)
    return _read(file, getattr(file, "name", "<stream>"), by_function=by_function)


def _read(stream: Iterable[str], source: str, *, by_function: bool) -> tuple[Snapshot, ...]:
    reader = csv_reader(stream)
    header = [h.strip().lstrip("\ufeff") for h in next(reader, [])]
    missing = [c for c in _COLUMNS if c not in header]
    if missing:
        raise InvalidValueError(
            f"no column {missing[0]!r} ({len(missing)} of the format's columns missing)",
            field=source,
            example=_EXAMPLE,
        )
    at = {c: header.index(c) for c in _COLUMNS}
    band_at = [at[c] for c in RTT_BANDS]
    # (month, provider, commissioner, part) -> [C_999 sum, other rows' sum, has C_999]
    groups: dict[tuple[Month, str, str, str], tuple[list[int], list[int], list[bool]]] = {}
    width = max(at.values()) + 1
    for record in reader:
        if len(record) < width:
            continue
        part = _PART_OF.get(_PART_KEY.sub("", record[at["RTT Part Type"]]).upper())
        month = _month(record[at["Period"]])
        if part is None or month is None:
            continue
        cells = [record[i] for i in band_at] + [record[at["Total All"]]]
        numbers = [_number(c) for c in cells]
        if any(n is None for n in numbers):
            continue
        counts = [n or 0 for n in numbers]
        function = record[at["Treatment Function Code"]].strip()
        is_total = function == RTT_TOTAL_FUNCTION
        if by_function and is_total:
            continue
        key = (
            month,
            record[at["Provider Org Code"]].strip(),
            function if by_function else record[at["Commissioner Org Code"]].strip(),
            part,
        )
        total, other, has_total = groups.setdefault(
            key, ([0] * len(counts), [0] * len(counts), [False])
        )
        target = total if is_total else other
        has_total[0] |= is_total
        for i, n in enumerate(counts):
            target[i] += n
    sums: dict[tuple[Month, str, str], dict[str, list[int]]] = {}
    for (month, provider, group, part), (total, other, has_total) in groups.items():
        used = total if has_total[0] else other
        function = group if by_function else RTT_TOTAL_FUNCTION
        parts = sums.setdefault((month, provider, function), {})
        into = parts.setdefault(part, [0] * len(used))
        for i, n in enumerate(used):
            into[i] += n
    zero = [0] * (len(RTT_BANDS) + 1)
    snapshots = []
    for (month, provider, function), parts in sorted(sums.items(), key=lambda kv: kv[0]):
        waiting = parts.get("Part_2", zero)[: len(RTT_BANDS)]
        admitted = parts.get("Part_1A", zero)[: len(RTT_BANDS)]
        non_admitted = parts.get("Part_1B", zero)[: len(RTT_BANDS)]
        snapshots.append(
            Snapshot(
                org=provider,
                month=month,
                bands=tuple(waiting),
                stopped=tuple(a + b for a, b in zip(admitted, non_admitted, strict=True)),
                clock_starts=parts.get("Part_3", zero)[-1],
                function=function,
            )
        )
    return tuple(snapshots)


def project_snapshots(
    snapshots: Sequence[Snapshot],
    *,
    months: int,
    rule: StopRule = StopRule.LONGEST_FIRST,
    stops_scale: float = 1.0,
) -> Projection:
    """Project many lists at once, each on its own month's clock starts and stops.

    A whole country's providers, or one provider's treatment functions
    (``read_rtt_snapshots(file, by_function=True)``), in one vectorised projection: row *i*
    of every array is ``snapshots[i]``.

    Args:
        snapshots: lists of the same month.
        months: how many months to project.
        rule: which pathways a stop takes; :attr:`StopRule.PROPORTIONAL` weighs each list's
            bands by its own month's completed pathways (:meth:`Snapshot.stop_weights`).
        stops_scale: every list's clock stops times this (1.1: 10 % more capacity).

    Returns:
        The projection, one row per snapshot.

    Raises:
        InvalidValueError: no snapshots, snapshots of different months, or a negative scale.
    """
    from nhsplan.waiting.model import project, require_numpy  # noqa: PLC0415 - numpy

    require_numpy("nhsplan.waiting.project_snapshots")
    import numpy as np  # noqa: PLC0415 - numpy is optional

    months_seen = sorted({s.month for s in snapshots})
    if len(months_seen) != 1:
        raise InvalidValueError(
            f"{len(months_seen)} months ({', '.join(map(str, months_seen[:3]))}): the lists "
            "must all be of one month",
            field="snapshots",
            example="read_rtt_snapshots('RTT-November-2024.csv', by_function=True)",
        )
    if not stops_scale >= 0:
        raise InvalidValueError(
            f"{stops_scale!r} is not a factor of at least 0", field="stops_scale", example="1.1"
        )
    bands = np.array([s.bands for s in snapshots], dtype=np.float64)
    starts = np.array([float(s.clock_starts) for s in snapshots])
    stops = stops_scale * np.array([float(s.clock_stops) for s in snapshots])
    weights = (
        np.array([s.stop_weights() for s in snapshots]) if rule is StopRule.PROPORTIONAL else None
    )
    return project(
        bands,
        start=months_seen[0],
        months=months,
        starts=starts[:, np.newaxis],
        stops=stops[:, np.newaxis],
        rule=rule,
        weights=weights,
    )
