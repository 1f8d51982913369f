"""LeDeR: learning disability mortality reviews completed within six months of notification.

"The national programme requirement is for 100% of reviews to be completed within six months
of notification" (seed 001 §C3). A review notified on day *d* is due by ``add_months(d, 6)``:
calendar months, month-end clamped, so a death notified on 31 August 2021 must be reviewed by
28 February 2022.

>>> from datetime import date
>>> from nhsplan.model import CaseRecord
>>> cases = [
...     CaseRecord(org="QHL", metric="leder_reviews_in_time", start=date(2021, 8, 31),
...                end=date(2022, 2, 28), ref="in time"),
...     CaseRecord(org="QHL", metric="leder_reviews_in_time", start=date(2021, 8, 31),
...                end=date(2022, 3, 1), ref="a day late"),
...     CaseRecord(org="QHL", metric="leder_reviews_in_time", start=date(2022, 1, 10), ref="open"),
... ]
>>> r = leder_in_time(cases, as_of=date(2022, 3, 31))
>>> r.numerator, r.denominator, r.late, r.open_not_yet_due, r.met
(1, 2, 1, 1, False)

Sources:
    Seed 001 §C3; the shipped 2021/22 target ``learning_disability_mortality_reviews``
    (REFERENCE.md: NHS Oversight Framework 2019/20 metric).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

import attrs

from nhsplan import units
from nhsplan.calendar import add_months
from nhsplan.errors import InvalidValueError
from nhsplan.evaluate.decide import decide
from nhsplan.evaluate.rules import _shipped
from nhsplan.evaluate.single import assess
from nhsplan.model import CaseRecord, Citation, Status, WithinTimeTarget
from nhsplan.units import quantity

__all__ = ["LederResult", "leder_in_time"]

_TARGET_ID: Final = "learning_disability_mortality_reviews"


@attrs.frozen(kw_only=True)
class LederResult:
    """How many LeDeR reviews were completed within the interval of their notification.

    The proportion is kept as a numerator (:attr:`in_time`) and a denominator (:attr:`due`);
    :attr:`percent` derives the percentage from them.

    Attributes:
        as_of: the date the figures are taken at (the end of that day).
        months: the interval, in calendar months.
        due: cases whose due date has passed by *as_of*, or that were completed by then.
        in_time: due cases completed on or before their due date.
        late: due cases not in time: completed after the due date, or still open past it.
        overdue_open: the late cases still open on *as_of* (included in :attr:`late`).
        open_not_yet_due: cases still open whose due date is after *as_of*.
        not_yet_notified: records notified after *as_of*, left out of every count.
        required: the proportion required (100 %, from the shipped target).
        status: the verdict of the decision core on these cases (what
            :func:`nhsplan.evaluate` gives for the shipped target): MET, NOT_MET, NO_DATA
            when nothing is due yet, NOT_DUE when the target asks nothing on *as_of* (after
            2021/22, for instance).
        met: True for MET, False for NOT_MET, None otherwise.
        citation: the guidance paragraph setting the requirement.
    """

    as_of: date
    months: int
    due: int
    in_time: int
    late: int
    overdue_open: int
    open_not_yet_due: int
    not_yet_notified: int
    required: units.Quantity
    status: Status
    citation: Citation

    @property
    def met(self) -> bool | None:
        """True for MET, False for NOT_MET, None where the cases decide nothing."""
        if self.status is Status.MET or self.status is Status.NOT_MET:
            return self.status is Status.MET
        return None

    @property
    def numerator(self) -> int:
        """Reviews completed in time."""
        return self.in_time

    @property
    def denominator(self) -> int:
        """Reviews due."""
        return self.due

    @property
    def percent(self) -> units.Quantity | None:
        """``100 * in_time / due`` in percent; None when nothing is due."""
        if not self.due:
            return None
        return quantity(100 * self.in_time / self.due, "percent")

    @property
    def reason(self) -> str:
        """One sentence a person can read."""
        if not self.due:
            return f"No LeDeR review was due by {self.as_of}."
        if self.met is None:
            return (
                f"{self.in_time} of {self.due} LeDeR reviews due by {self.as_of} were completed "
                f"within {self.months} months of notification; the target asks nothing on "
                f"{self.as_of}."
            )
        verdict = "meeting" if self.met else "below"
        return (
            f"{self.in_time} of {self.due} LeDeR reviews due by {self.as_of} were completed "
            f"within {self.months} months of notification, {verdict} the "
            f"{self.required.format()} required."
        )


def leder_in_time(records: Iterable[CaseRecord], *, as_of: date, months: int = 6) -> LederResult:
    """Count LeDeR reviews completed within *months* calendar months of notification.

    Each record's ``start`` is the notification and ``end`` the review's completion (None
    while open). The figures are as at the end of *as_of*; nothing after it is seen:

    - a case's due date is ``add_months(start, months)`` (month-end clamped);
    - it is **due** if its due date is on or before *as_of*, or it was completed by *as_of*;
    - a due case is **in time** if completed on or before its due date, else **late** (an open
      case past its due date is late: it can no longer be in time);
    - an open case whose due date is after *as_of* is **open, not yet due**;
    - a completion after *as_of* has not happened yet (the case counts as open), and a
      notification after *as_of* is left out (:attr:`LederResult.not_yet_notified`).

    Pass one organisation's records: they are counted as given, whatever their ``org``.

    Args:
        records: the cases.
        as_of: the date the figures are taken at.
        months: the interval, in calendar months (6 in the guidance).

    Returns:
        The counts, the proportion as numerator and denominator, and whether the required
        proportion (100 %, read from the shipped target) is met.

    Raises:
        InvalidValueError: *months* is not a positive whole number, *as_of* is not a date, or
            a record is not a :class:`~nhsplan.model.CaseRecord`.

    Sources:
        Seed 001 §C3; shipped target ``learning_disability_mortality_reviews`` (2021/22).

    >>> leder_in_time([], as_of=date(2022, 3, 31)).met is None
    True
    """
    if isinstance(months, bool) or not isinstance(months, int) or months <= 0:
        raise InvalidValueError(
            f"{months!r} is not a positive number of months", field="months", example="6"
        )
    if not isinstance(as_of, date):
        raise InvalidValueError(
            f"{as_of!r} is not a date", field="as_of", example="date(2022, 3, 31)"
        )
    in_time = late = overdue = waiting = unseen = 0
    seen: list[CaseRecord] = []
    for record in records:
        if not isinstance(record, CaseRecord):
            raise InvalidValueError(
                f"{record!r} is not a CaseRecord",
                field="records",
                example="CaseRecord(org='QHL', metric='leder_reviews_in_time', "
                "start=date(2021, 8, 31))",
            )
        if record.start > as_of:
            unseen += 1
            continue
        seen.append(record)
        due_by = add_months(record.start, months)
        done = record.end if record.end is not None and record.end <= as_of else None
        if done is not None:
            if done <= due_by:
                in_time += 1
            else:
                late += 1
        elif due_by <= as_of:
            late += 1
            overdue += 1
        else:
            waiting += 1
    target = _shipped.target("2021/22", _TARGET_ID, WithinTimeTarget)
    if months != target.months:
        target = attrs.evolve(target, months=months)
    on_date = target.value_on(as_of)
    required = target.value if on_date is None else on_date
    due = in_time + late
    decision = decide(target, (), as_of=as_of, national=False, cases=seen)
    status = assess(decision, (), org=None).status if seen else Status.NO_DATA
    return LederResult(
        as_of=as_of,
        months=months,
        due=due,
        in_time=in_time,
        late=late,
        overdue_open=overdue,
        open_not_yet_due=waiting,
        not_yet_notified=unseen,
        required=required,
        status=status,
        citation=target.citation,
    )
