"""A&E: the 4-hour measure (all types and type 1) and 12 hours from arrival, from attendances.

Records: ``org, arrival, departure, type`` - one row per attendance, times as the clock on the
wall in England showed them (``2021-03-28 00:30``), ``type`` the A&E department type (1, 2 or 3).

For each organisation and calendar month of **arrival**:

- ``ae_4_hour``: attendances that left (admitted, transferred or discharged) within 4 hours of
  arrival - four hours or less, 14,400 seconds - over all attendances, types 1-3;
- ``ae_4_hour_type_1``: the same for type 1 departments only (major emergency departments). No
  edition defines this metric (the standards judge all types together); the id is nhsplan's;
- ``ae_over_12_hours_from_arrival``: attendances of *more* than 12 hours from arrival, over all
  attendances (the 2021/22 guidance's new ECDS measure).

A stay is real elapsed time: the times are read as wall-clock times in England and the clock
changes are applied (:mod:`nhsplan.engines.measures._london`), so an arrival at 00:30 on the night
the clocks go forward, leaving at 05:00, waited 3 hours 30 minutes. Time-zone-aware timestamps
(Parquet) are instants: their month is England's month at that instant, and a stay is the
time between the two instants.

Rows with no organisation, an unreadable time, a type other than 1-3, a departure before the
arrival, or an arrival before 1996 (before the UK's current clock-change rule) are reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from nhsplan.engines.measures import _london
from nhsplan.engines.measures._cells import missing_or_bad, parse_integer, parse_timestamp
from nhsplan.engines.measures._common import (
    Measure,
    Prepared,
    Ratio,
)

if TYPE_CHECKING:
    from collections.abc import Collection

    import ibis.expr.types as ir

__all__ = ["FOUR_HOURS", "TWELVE_HOURS", "measure"]

FOUR_HOURS: Final = 4 * 3600
"""Seconds: a stay of at most this long is within 4 hours."""
TWELVE_HOURS: Final = 12 * 3600
"""Seconds: a stay of more than this is over 12 hours."""
_TIME: Final = "a date and time (for example 2021-03-28 00:30)"


def prepare(records: ir.Table, *, in_range: Collection[str] = ()) -> Prepared:
    """Add ``org, year, month, reason`` and the indicators to attendance *records*."""
    import ibis  # noqa: PLC0415 - optional dependency

    # Each stage names its columns, so the next refers to them rather than repeating them.
    parsed = records.mutate(
        _arrival=parse_timestamp(records, "arrival", in_range=in_range),
        _departure=parse_timestamp(records, "departure", in_range=in_range),
        _type=parse_integer(records, "type"),
    )
    instants = parsed.mutate(
        _stay=_london.seconds(parsed.departure, parsed._departure)
        - _london.seconds(parsed.arrival, parsed._arrival)
    )
    arrival, departure, kind, stay = (
        instants._arrival,
        instants._departure,
        instants._type,
        instants._stay,
    )
    reason = ibis.cases(
        *missing_or_bad(instants.arrival, arrival, "arrival", _TIME),
        *missing_or_bad(instants.departure, departure, "departure", _TIME),
        (kind.isnull() | ~kind.isin([1, 2, 3]), "type is not 1, 2 or 3"),
        (
            arrival.year() < _london.FIRST_YEAR,
            f"arrival before {_london.FIRST_YEAR}, when the UK's present clock-change rule began",
        ),
        (stay < 0, "departure is before arrival"),
        else_=ibis.null("string"),
    )
    within = stay <= FOUR_HOURS
    type_1 = kind == 1
    table = instants.mutate(
        org=instants.org.cast("string"),
        year=arrival.year(),
        month=arrival.month(),
        reason=reason,
        within_4h=within,
        type_1=type_1,
        type_1_within_4h=type_1 & within,
        over_12h=stay > TWELVE_HOURS,
    )
    return Prepared(table=table)


def measure() -> Measure:
    """The A&E measure."""
    return Measure(
        kind="ae",
        required=("org", "arrival", "departure", "type"),
        optional=(),
        example="org,arrival,departure,type\n  RBD,2021-03-28 00:30,2021-03-28 05:00,1",
        prepare=prepare,
        indicators=("within_4h", "type_1", "type_1_within_4h", "over_12h"),
        metrics=(
            Ratio(metric="ae_4_hour", numerator="within_4h"),
            Ratio(metric="ae_4_hour_type_1", numerator="type_1_within_4h", denominator="type_1"),
            Ratio(metric="ae_over_12_hours_from_arrival", numerator="over_12h"),
        ),
    )
