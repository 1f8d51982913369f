"""Urgent community response: 2-hour crisis response cover, 8am-8pm, seven days a week.

Every system is asked to roll out the 2-hour crisis community health response at home "to
provide consistent national cover (8am-8pm, seven days a week) by April 2022" (seed 001 §E1).
:func:`ucr_coverage` measures a service's weekly opening hours against that window: 12 hours a
day, 84 hours (5,040 minutes) a week. Only complete cover meets it (the shipped target
``urgent_community_response_2h`` asks for 100 %).

>>> from datetime import time
>>> weekdays = {day: [(time(8), time(20))] for day in ("mon", "tue", "wed", "thu", "fri")}
>>> c = ucr_coverage(weekdays)
>>> c.numerator, c.denominator, c.met
(3600.0, 5040, False)
>>> print(c.percent.format())
71.43%

Sources:
    Seed 001 §E1; the shipped 2021/22 target ``urgent_community_response_2h``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from datetime import time
from typing import Final, TypeAlias

import attrs

from nhsplan import units
from nhsplan.errors import InvalidValueError
from nhsplan.evaluate.rules import _shipped
from nhsplan.model import Citation, ThresholdTarget
from nhsplan.units import quantity

__all__ = [
    "WINDOW_MINUTES",
    "Interval",
    "UcrCoverage",
    "UcrGap",
    "Weekday",
    "WeeklyHours",
    "ucr_coverage",
]

_TARGET_ID: Final = "urgent_community_response_2h"
_US_PER_MINUTE: Final = 60_000_000
_OPEN: Final = 8 * 60 * _US_PER_MINUTE
"""8am, in microseconds after midnight."""
_CLOSE: Final = 20 * 60 * _US_PER_MINUTE
"""8pm, in microseconds after midnight."""
WINDOW_MINUTES: Final = 7 * 12 * 60
"""The weekly window: 12 hours a day, seven days a week, 5,040 minutes (84 hours)."""


class Weekday(enum.Enum):
    """A day of the week, numbered as :meth:`datetime.date.weekday` numbers it (Monday = 0)."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6

    @classmethod
    def of(cls, day: Weekday | str | int) -> Weekday:
        """Read a day: a member, its number (0-6, Monday = 0), or its name (``"Mon"``).

        Raises:
            InvalidValueError: not a day of the week.

        >>> Weekday.of("sat"), Weekday.of("Sunday"), Weekday.of(0)
        (<Weekday.SATURDAY: 5>, <Weekday.SUNDAY: 6>, <Weekday.MONDAY: 0>)
        """
        if isinstance(day, Weekday):
            return day
        if isinstance(day, int) and not isinstance(day, bool) and 0 <= day <= 6:
            return cls(day)
        if isinstance(day, str):
            word = day.strip().upper()
            for member in cls:
                if word in (member.name, member.name[:3]):
                    return member
        raise InvalidValueError(
            f"{day!r} is not a day of the week",
            field="weekly_hours",
            example="'monday', 'mon', 0 (Monday) or Weekday.MONDAY",
        )


Interval: TypeAlias = tuple[time, time]
"""Opening hours on one day: from a time to a later time (split a service open overnight)."""

WeeklyHours: TypeAlias = (
    Mapping[Weekday, Sequence[Interval]]
    | Mapping[str, Sequence[Interval]]
    | Mapping[int, Sequence[Interval]]
)
"""A service's weekly opening hours: each day (see :meth:`Weekday.of`) to its intervals."""


@attrs.frozen(kw_only=True)
class UcrGap:
    """A stretch of the 8am-8pm window on one day with no cover.

    Attributes:
        day: the day.
        start: the first moment uncovered.
        end: the moment cover resumes (or 8pm).
    """

    day: Weekday
    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.day.name.title()} {self.start:%H:%M}-{self.end:%H:%M}"


@attrs.frozen(kw_only=True)
class UcrCoverage:
    """How much of the 8am-8pm, seven-day window a service covers.

    Kept as a numerator (:attr:`covered_minutes`) over a denominator (5,040 minutes).

    Attributes:
        covered_minutes: minutes of the window covered in the week.
        window_minutes: the window, 5,040 minutes.
        gaps: the uncovered stretches of the window, by day then time.
        required: the proportion required (100 %, from the shipped target).
        met: the whole window is covered (exactly; never rounded).
        citation: the guidance paragraph setting the requirement.
    """

    covered_minutes: float
    window_minutes: int = WINDOW_MINUTES
    gaps: tuple[UcrGap, ...]
    required: units.Quantity
    met: bool
    citation: Citation

    @property
    def numerator(self) -> float:
        """Minutes of the window covered."""
        return self.covered_minutes

    @property
    def denominator(self) -> int:
        """Minutes in the window (5,040)."""
        return self.window_minutes

    @property
    def percent(self) -> units.Quantity:
        """``100 * covered / window``, in percent."""
        return quantity(100 * self.covered_minutes / self.window_minutes, "percent")

    @property
    def reason(self) -> str:
        """One sentence a person can read."""
        hours = quantity(self.covered_minutes / 60, "hour").format()
        if self.met:
            return "The service covers all 84 hours of the 8am-8pm, seven-day window."
        first = ", ".join(str(g) for g in self.gaps[:3])
        more = f" and {len(self.gaps) - 3} more" if len(self.gaps) > 3 else ""
        return (
            f"The service covers {hours} of the 84-hour 8am-8pm, seven-day window "
            f"({self.percent.format()}); gaps: {first}{more}."
        )


def _microseconds(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def _time(us: int) -> time:
    seconds, micro = divmod(us, 1_000_000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return time(hour, minute, second, micro)


def _intervals(day: Weekday, given: object) -> Iterator[tuple[int, int]]:
    """Each interval of *given* as microseconds after midnight, checked."""
    example = "{'monday': [(time(8), time(20))]}"
    if isinstance(given, str | bytes) or not isinstance(given, Sequence):
        raise InvalidValueError(
            f"{day.name.title()}: {given!r} is not a list of (start, end) times",
            field="weekly_hours",
            example=example,
        )
    for interval in given:
        if (
            not isinstance(interval, Sequence)
            or isinstance(interval, str | bytes)
            or len(interval) != 2
            or not all(isinstance(t, time) for t in interval)
        ):
            raise InvalidValueError(
                f"{day.name.title()}: {interval!r} is not a (start, end) pair of times",
                field="weekly_hours",
                example=example,
            )
        start, end = (_microseconds(t) for t in interval)
        if end < start:
            raise InvalidValueError(
                f"{day.name.title()}: the interval ends ({interval[1]:%H:%M}) before it "
                f"starts ({interval[0]:%H:%M}); split hours that run past midnight at midnight",
                field="weekly_hours",
                example=example,
            )
        yield start, end


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans clipped to 8am-8pm, overlaps and touching spans merged, in order."""
    clipped = sorted((max(start, _OPEN), min(end, _CLOSE)) for start, end in spans if end > _OPEN)
    out: list[tuple[int, int]] = []
    for start, end in clipped:
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _gaps(day: Weekday, merged: list[tuple[int, int]]) -> Iterator[UcrGap]:
    cursor = _OPEN
    for start, end in merged:
        if start > cursor:
            yield UcrGap(day=day, start=_time(cursor), end=_time(start))
        cursor = end
    if cursor < _CLOSE:
        yield UcrGap(day=day, start=_time(cursor), end=_time(_CLOSE))


def ucr_coverage(weekly_hours: WeeklyHours) -> UcrCoverage:
    """The share of the 8am-8pm, seven-days-a-week window a service's opening hours cover.

    Each day's intervals are clipped to 8am-8pm (hours outside it are ignored), overlapping
    or touching intervals are merged, and the covered minutes are summed over the week. A day
    missing from *weekly_hours* has no cover. The proportion is covered minutes / 5,040, and
    the requirement is met only when the whole window is covered: 8:00-19:59 every day is not.

    An interval is a half-open ``(start, end)`` pair of :class:`datetime.time`: 8:00-20:00
    covers the whole day's window. ``end`` must not be before ``start``; a service open
    overnight gives two intervals (``time.max`` stands for midnight at the end of a day).
    The same day named twice (``"mon"`` and ``Weekday.MONDAY``) pools its intervals.

    Args:
        weekly_hours: each day (a :class:`Weekday`, its number with Monday = 0, or its name)
            to that day's opening intervals.

    Returns:
        The coverage, as numerator and denominator in minutes, with the gaps.

    Raises:
        InvalidValueError: an unknown day, an interval that is not a pair of times, or one
            that ends before it starts.

    Sources:
        Seed 001 §E1 ("consistent national cover (8am-8pm, seven days a week) by April
        2022"); shipped target ``urgent_community_response_2h`` (2021/22).

    >>> every_day = {day: [(time(8), time(14)), (time(12), time(20))] for day in Weekday}
    >>> ucr_coverage(every_day).met
    True
    """
    if not isinstance(weekly_hours, Mapping):
        raise InvalidValueError(
            f"{weekly_hours!r} is not a mapping of days to opening hours",
            field="weekly_hours",
            example="{'monday': [(time(8), time(20))]}",
        )
    by_day: dict[Weekday, list[tuple[int, int]]] = {day: [] for day in Weekday}
    for key, given in weekly_hours.items():
        day = Weekday.of(key)
        by_day[day] += _intervals(day, given)
    covered = 0
    gaps: list[UcrGap] = []
    for day in Weekday:
        merged = _merged(by_day[day])
        covered += sum(end - start for start, end in merged)
        gaps += _gaps(day, merged)
    target = _shipped.target("2021/22", _TARGET_ID, ThresholdTarget)
    return UcrCoverage(
        covered_minutes=covered / _US_PER_MINUTE,
        gaps=tuple(gaps),
        required=target.value,
        met=target.comparison.holds(
            100 * covered / (WINDOW_MINUTES * _US_PER_MINUTE), target.value.to("percent").magnitude
        ),
        citation=target.citation,
    )
