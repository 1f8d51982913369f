"""RTT: incomplete pathways within 18 weeks, and over 52, 65, 78 and 104 weeks, from a waiting list.

Records: ``org, clock_start, snapshot_date`` and optionally ``treatment_function`` - one row per
incomplete pathway on the waiting list at the snapshot (a month end), dates as ``2021-11-30``.

Weeks are counted as NHS England's published RTT files band them: a wait of *d* days
(snapshot date minus clock start) falls in the band ``Gt w To w+1 Weeks`` when
``7w < d <= 7(w+1)`` (a wait of 0 days is in the first band). So:

- ``rtt_18_weeks_incomplete`` (numerator / denominator): pathways waiting 18 weeks or less -
  126 days or less, the bands ``Gt 00 To 01`` ... ``Gt 17 To 18`` - over all pathways;
- ``rtt_52_week_waiters``, ``rtt_65_week_waiters``, ``rtt_78_week_waiters``,
  ``rtt_104_week_waiters`` (counts, unit ``pathway``): pathways waiting *more* than N weeks,
  more than 7N days (the bands ``Gt N To N+1`` upward).

The period is the snapshot's calendar month. Rows with no organisation, an unreadable date, or a
clock start after the snapshot are reported; with ``treatment_function`` given, pathways of
other treatment functions are reported as excluded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from nhsplan.engines.measures._cells import missing_or_bad, parse_date
from nhsplan.engines.measures._common import (
    Count,
    Measure,
    MeasureInputError,
    Prepared,
    Ratio,
)

if TYPE_CHECKING:
    from collections.abc import Collection

    import ibis.expr.types as ir

__all__ = ["LONG_WAITS", "WITHIN_DAYS", "measure"]

WITHIN_DAYS: Final = 18 * 7
"""A wait of at most this many days is within 18 weeks."""
LONG_WAITS: Final = (52, 65, 78, 104)
"""The long waits counted: pathways waiting more than each many weeks."""
_DATE: Final = "a date (for example 2021-11-30)"


def measure(*, treatment_function: str | None = None) -> Measure:
    """The RTT measure; with *treatment_function* (``"110"``), only that function's pathways."""

    def prepare(records: ir.Table, *, in_range: Collection[str] = ()) -> Prepared:
        import ibis  # noqa: PLC0415 - optional dependency

        parsed = records.mutate(
            _start=parse_date(records, "clock_start", in_range=in_range),
            _snapshot=parse_date(records, "snapshot_date", in_range=in_range),
        )
        staged = parsed.mutate(_days=parsed._snapshot.delta(parsed._start, unit="day"))
        start, snapshot, days = staged._start, staged._snapshot, staged._days
        records = staged
        cases = [
            *missing_or_bad(records.clock_start, start, "clock_start", _DATE),
            *missing_or_bad(records.snapshot_date, snapshot, "snapshot_date", _DATE),
            (days < 0, "clock_start is after snapshot_date"),
        ]
        excluded: frozenset[str] = frozenset()
        if treatment_function is not None:
            if "treatment_function" not in records.columns:
                raise MeasureInputError(
                    "a treatment function was asked for but the records have no "
                    "'treatment_function' column; for example:\n  "
                    "org,clock_start,snapshot_date,treatment_function\n  "
                    "RBD,2021-06-01,2021-11-30,110"
                )
            other = f"another treatment function than {treatment_function}"
            function = records.treatment_function.cast("string").strip()
            cases.insert(0, (function.isnull() | (function != treatment_function), other))
            excluded = frozenset({other})
        reason = ibis.cases(*cases, else_=ibis.null("string"))
        weeks = {f"over_{n}": days > 7 * n for n in LONG_WAITS}
        table = records.mutate(
            org=records.org.cast("string"),
            year=snapshot.year(),
            month=snapshot.month(),
            reason=reason,
            within_18=days <= WITHIN_DAYS,
            **weeks,
        )
        return Prepared(table=table, excluded=excluded)

    return Measure(
        kind="rtt",
        required=("org", "clock_start", "snapshot_date"),
        optional=("treatment_function",),
        example="org,clock_start,snapshot_date\n  RBD,2021-06-01,2021-11-30",
        prepare=prepare,
        indicators=("within_18", *(f"over_{n}" for n in LONG_WAITS)),
        metrics=(
            Ratio(metric="rtt_18_weeks_incomplete", numerator="within_18"),
            *(
                Count(metric=f"rtt_{n}_week_waiters", column=f"over_{n}", unit="pathway")
                for n in LONG_WAITS
            ),
        ),
    )
