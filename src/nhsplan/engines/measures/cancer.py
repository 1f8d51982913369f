"""Cancer: the 28-day Faster Diagnosis Standard, from referral and diagnosis dates.

Records: ``org, referral_date, communicated_date`` - one row per urgent suspected-cancer,
screening or breast-symptom referral; ``communicated_date`` is the day the patient was told
they have cancer or that it is ruled out (empty while they have not been told), dates as
``2021-11-30``.

``cancer_faster_diagnosis`` (the metric of the 2021/22 target
``cancer_faster_diagnosis_standard``): for each organisation and calendar month in which people
were told, those told within 28 days of referral - ``communicated_date - referral_date <= 28``,
the referral day being day 0 - over all told that month. A referral not yet told is in no
month's figure: it is reported as excluded, not lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from nhsplan.engines.measures._cells import missing_or_bad, parse_date
from nhsplan.engines.measures._common import (
    Measure,
    Prepared,
    Ratio,
)

if TYPE_CHECKING:
    from collections.abc import Collection

    import ibis.expr.types as ir

__all__ = ["FDS_DAYS", "measure"]

FDS_DAYS: Final = 28
"""Told within this many days of referral meets the Faster Diagnosis Standard."""
_DATE: Final = "a date (for example 2021-11-30)"
_OPEN: Final = "not yet told a diagnosis (communicated_date empty): in no month's figure yet"


def prepare(records: ir.Table, *, in_range: Collection[str] = ()) -> Prepared:
    """Add ``org, year, month, reason`` and ``within_28`` to referral *records*."""
    import ibis  # noqa: PLC0415 - optional dependency

    parsed = records.mutate(
        _referral=parse_date(records, "referral_date", in_range=in_range),
        _told=parse_date(records, "communicated_date", in_range=in_range),
    )
    records = parsed.mutate(_days=parsed._told.delta(parsed._referral, unit="day"))
    referral, told, days = records._referral, records._told, records._days
    raw = records.communicated_date
    is_open = raw.isnull()
    if raw.type().is_string():
        is_open = is_open | (raw.strip() == "")
    reason = ibis.cases(
        *missing_or_bad(records.referral_date, referral, "referral_date", _DATE),
        (is_open, _OPEN),
        (told.isnull(), f"communicated_date is not {_DATE}"),
        (days < 0, "communicated_date is before referral_date"),
        else_=ibis.null("string"),
    )
    table = records.mutate(
        org=records.org.cast("string"),
        year=told.year(),
        month=told.month(),
        reason=reason,
        within_28=days <= FDS_DAYS,
    )
    return Prepared(table=table, excluded=frozenset({_OPEN}))


def measure() -> Measure:
    """The Faster Diagnosis Standard measure."""
    return Measure(
        kind="cancer",
        required=("org", "referral_date", "communicated_date"),
        optional=(),
        example="org,referral_date,communicated_date\n  RBD,2021-11-01,2021-11-26",
        prepare=prepare,
        indicators=("within_28",),
        metrics=(Ratio(metric="cancer_faster_diagnosis", numerator="within_28"),),
    )
