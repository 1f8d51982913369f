"""Wall-clock times in England, as instants: the UK's clock changes written as expressions.

A record's times are written as the clock on the wall showed them (naive local times). An A&E
stay is real elapsed time, so a time is turned into seconds since the epoch *as if* it were UTC
and then an hour is taken off while British Summer Time is in force. Since 1996 the UK's rule
(the Summer Time Order 2002, which keeps the EU rule) is: BST starts at 01:00 GMT on the last
Sunday of March (the clocks go from 01:00 to 02:00) and ends at 01:00 GMT on the last Sunday of
October (from 02:00 back to 01:00).

Two kinds of wall time are not one instant; they are read as Python's :mod:`zoneinfo` reads
them with ``fold=0`` (PEP 495):

- a time in the spring gap (01:00-01:59 on the last Sunday of March, which no clock shows) is
  read with the offset before the change (GMT): 01:30 is 01:30 GMT;
- a time in the autumn overlap (01:00-01:59 on the last Sunday of October, shown twice) is read
  as its first occurrence, in BST.

A time-zone-aware timestamp (a Parquet ``TIMESTAMP`` adjusted to UTC, or one with any zone) is an
instant, not a wall-clock time: :func:`wall_clock` turns it into the time England's clocks
showed at that instant before any measure reads it, and :func:`seconds` keeps its own instant
for elapsed times (so a stay that spans the autumn change is measured exactly, the ambiguous
hour included).

The rule is written with portable date arithmetic (no time-zone database), so it compiles to the
same answer on every engine Ibis drives; a test checks it against :mod:`zoneinfo`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["FIRST_YEAR", "aware", "bst", "seconds", "utc_seconds", "wall_clock"]

FIRST_YEAR: Final = 1996
"""The first year the current rule (last Sunday of March to last Sunday of October) held."""


_DAY: Final = 86400
_MARCH_1_1970: Final = 719468
"""Days from 0000-03-01 (proleptic Gregorian) to 1970-01-01."""


def _changes(year: ir.IntegerValue, seconds: ir.NumericValue, hour: int) -> ir.BooleanValue:
    """True where *seconds* lie from *hour* on the last Sunday of March to *hour* on October's.

    *seconds* count from 1970-01-01 00:00 on the clock the *hour* is read on (the wall clock,
    or UTC), and *year* is their year. The last Sundays are day numbers worked out with
    integer arithmetic (the days to 1 March of *year* from 0000-03-01, Hinnant's
    ``days_from_civil``; 0000-03-01 was a Wednesday, so ``(days + 3) % 7`` is 0 on a Sunday),
    not a date built and its weekday taken for every row: the same days, cheaper to compute.
    """
    march_1 = year * 365 + year // 4 - year // 100 + year // 400  # from 0000-03-01
    march_31, october_31 = march_1 + 30, march_1 + 244
    spring = march_31 - (march_31 + 3) % 7 - _MARCH_1_1970
    autumn = october_31 - (october_31 + 3) % 7 - _MARCH_1_1970
    return (seconds >= spring * _DAY + hour * 3600) & (seconds < autumn * _DAY + hour * 3600)


def bst(wall: ir.TimestampValue) -> ir.BooleanValue:
    """True where the wall-clock time *wall* in England is British Summer Time.

    From 02:00 on the clock on the last Sunday of March (a time in the gap before it, GMT)
    to before 02:00 on the last Sunday of October (a time in the repeated hour, BST).
    """
    return _changes(wall.year(), wall.epoch_seconds(), 2)


def utc_seconds(wall: ir.TimestampValue) -> ir.IntegerValue:
    """Seconds since 1970-01-01 00:00 UTC of the wall-clock time *wall* in England."""
    return wall.epoch_seconds() - bst(wall).ifelse(3600, 0)


def aware(column: ir.Value) -> bool:
    """True if *column* holds time-zone-aware timestamps (instants), not wall-clock times."""
    dtype = column.type()
    return bool(dtype.is_timestamp() and dtype.timezone is not None)


def _bst_at(utc: ir.TimestampValue) -> ir.BooleanValue:
    """True where the UTC time *utc* falls in British Summer Time (01:00 GMT to 01:00 GMT)."""
    return _changes(utc.year(), utc.epoch_seconds(), 1)


def wall_clock(column: ir.TimestampValue) -> ir.TimestampValue:
    """*column* as England's wall-clock time: aware instants converted, naive times as they are.

    A naive timestamp is taken to be England's wall-clock time already. An aware one is put in
    UTC (through its seconds since the epoch, so the engine's session time zone plays no
    part) and an hour is added while British Summer Time is in force.
    """
    import ibis  # noqa: PLC0415 - optional dependency

    if not aware(column):
        return column.cast("timestamp")
    utc = column.epoch_seconds().as_timestamp("s")
    return _bst_at(utc).ifelse(utc + ibis.interval(hours=1), utc)


def seconds(column: ir.TimestampValue, wall: ir.TimestampValue) -> ir.IntegerValue:
    """Seconds since the epoch of a time: its own instant if *column* is aware, else *wall*'s.

    *wall* is *column* read as England's wall-clock time (:func:`wall_clock`, or the parsed
    text of a string column).
    """
    if aware(column):
        return column.epoch_seconds()
    return utc_seconds(wall)
