"""LeDeR: reviews completed within 6 calendar months of notification, from case records.

Records: ``org, notified, completed`` - one row per LeDeR notification, ``completed`` the date
the review was completed (empty while it is open), dates as ``2021-08-31``.

The definition is :func:`nhsplan.evaluate.rules.leder.leder_in_time`'s, exactly: a case is due by
``add_months(notified, 6)`` (calendar months, month-end clamped: notified 31 August 2021, due by
28 February 2022); seen at the end of *as_of*, a completion after *as_of* has not happened yet,
and a case is **decided** in time when completed on or before its due date, late when its due
date passes first. Each decided case counts in the calendar month it was decided - the month
of its completion if in time, of its due date if late - so that for every month *M* the sum of
the figures up to *M* equals ``leder_in_time(records, as_of=min(as_of, end of M))``.

``leder_reviews_in_time`` (the metric of the 2021/22 target
``learning_disability_mortality_reviews``): reviews decided in time over reviews decided, by
organisation and month. Cases notified after *as_of*, and open cases not yet due at *as_of*, are
reported as excluded.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Final

from nhsplan.engines.measures._cells import missing_or_bad, parse_date
from nhsplan.engines.measures._common import (
    Measure,
    MeasureInputError,
    Prepared,
    Ratio,
)

if TYPE_CHECKING:
    from collections.abc import Collection

    import ibis.expr.types as ir

__all__ = ["MONTHS", "add_months", "measure"]

MONTHS: Final = 6
"""The interval, in calendar months."""
_DATE: Final = "a date (for example 2021-08-31)"


def _days_in_month(year: ir.IntegerValue, month: ir.IntegerValue) -> ir.IntegerValue:
    import ibis  # noqa: PLC0415 - optional dependency

    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    return ibis.cases(
        (month == 2, leap.ifelse(29, 28)),
        (month.isin([4, 6, 9, 11]), 30),
        else_=31,
    )


def add_months(day: ir.DateValue, months: int) -> ir.DateValue:
    """:func:`nhsplan.calendar.add_months` as an expression: *months* later, month-end clamped."""
    import ibis  # noqa: PLC0415 - optional dependency

    total = day.month() - 1 + months
    year = day.year() + total // 12
    month = total % 12 + 1
    return ibis.date(year, month, ibis.least(day.day(), _days_in_month(year, month)))


def measure(*, as_of: date) -> Measure:
    """The LeDeR measure, as at the end of *as_of*.

    Raises:
        MeasureInputError: *as_of* is not a date.
    """
    if not isinstance(as_of, date):
        raise MeasureInputError(f"as_of {as_of!r} is not a date; for example 2022-03-31")
    not_yet = f"notified after {as_of}: not yet seen"
    waiting = f"open and not yet due on {as_of}: in no month's figure yet"

    def prepare(records: ir.Table, *, in_range: Collection[str] = ()) -> Prepared:
        import ibis  # noqa: PLC0415 - optional dependency

        cutoff = ibis.literal(as_of)
        parsed = records.mutate(
            _notified=parse_date(records, "notified", in_range=in_range),
            _completed=parse_date(records, "completed", in_range=in_range),
        )
        dated = parsed.mutate(_due=add_months(parsed._notified, MONTHS))
        done = ibis.cases((dated._completed <= cutoff, dated._completed), else_=ibis.null("date"))
        timed = dated.mutate(_done=done, _in_time=done.notnull() & (done <= dated._due))
        decided = timed.mutate(_decided=ibis.cases((timed._in_time, timed._done), else_=timed._due))
        records = decided
        notified, completed, in_time = records._notified, records._completed, records._in_time
        raw = records.completed
        is_open = raw.isnull()
        if raw.type().is_string():
            is_open = is_open | (raw.strip() == "")
        decided = records._decided
        reason = ibis.cases(
            *missing_or_bad(records.notified, notified, "notified", _DATE),
            (~is_open & completed.isnull(), f"completed is not {_DATE} (nor empty)"),
            (completed < notified, "completed is before notified"),
            (notified > cutoff, not_yet),
            (decided > cutoff, waiting),
            else_=ibis.null("string"),
        )
        table = records.mutate(
            org=records.org.cast("string"),
            year=decided.year(),
            month=decided.month(),
            reason=reason,
            in_time=in_time,
        )
        return Prepared(table=table, excluded=frozenset({not_yet, waiting}))

    return Measure(
        kind="leder",
        required=("org", "notified", "completed"),
        optional=(),
        example="org,notified,completed\n  QHL,2021-08-31,2022-02-28",
        prepare=prepare,
        indicators=("in_time",),
        metrics=(Ratio(metric="leder_reviews_in_time", numerator="in_time"),),
    )
