"""Private helpers for :mod:`nhsplan.evaluate`: which figures judge a target, pooling, wording.

Nothing here reads the clock or keeps state; every date is an argument.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from datetime import date
from statistics import fmean
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from nhsplan import units
from nhsplan.calendar import FinancialYear, Month, Period
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.model import Judgement, MilestoneTarget, Observation, Target, WithinTimeTarget
from nhsplan.model.enums import Comparison, Status
from nhsplan.units import quantity
from nhsplan.units.text import exact_text, human_text

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "YEARLY",
    "Figures",
    "counts_for",
    "deadline_month",
    "describe",
    "figures_in",
    "figures_of",
    "judged_period",
    "judgement_of",
    "last_day_judged",
    "latest_figure",
    "latest_period",
    "pending",
    "period_judged",
    "pool",
    "status_of",
    "target_start",
    "verdict_words",
]

YEARLY = frozenset({Judgement.YEAR_AVERAGE, Judgement.PERIOD_TOTAL})
"""The judgements that pool a financial year's figures."""

_WORDS = {
    Comparison.AT_LEAST: "at least",
    Comparison.AT_MOST: "at most",
    Comparison.ABOVE: "more than",
    Comparison.BELOW: "less than",
    Comparison.UP_TO: "up to, a ceiling",
    Comparison.AROUND: "around, within 5 %",
}
_MISSED = {
    Comparison.AT_LEAST: "is below",
    Comparison.AT_MOST: "is above",
    Comparison.ABOVE: "is not above",
    Comparison.BELOW: "is not below",
    Comparison.UP_TO: "is above",
    Comparison.AROUND: "is not around",
}


def target_start(target: Target) -> date | None:
    """The first day a target applies: its effective date, else a "from" deadline's start.

    The model's :attr:`~nhsplan.model.Target.lifetime` says so; this is its first day.
    """
    return target.lifetime[0]


def judgement_of(target: Target) -> Judgement:
    """How *target* is judged; pre-aggregated within-time figures are judged like LATEST."""
    return Judgement.LATEST if isinstance(target, WithinTimeTarget) else target.judged


def deadline_month(target: Target) -> Month:
    """The month a DEADLINE_MONTH target is judged on.

    Raises:
        InvalidValueError: the target has no deadline to name a month.
    """
    deadline = target.deadline
    if deadline is None:
        raise InvalidValueError(
            f"target {target.id!r} is judged on its deadline month but has no deadline",
            field=f"{target.id}.deadline",
            example="deadline = 'by March 2022'",
        )
    return deadline.judged_month or Month.containing(deadline.resolved)


def last_day_judged(target: Target, as_of: date) -> date:
    """The last day whose figures can judge *target* on *as_of*.

    That is *as_of*, or the target's last day in force if that came first: an expired target
    is judged on its last period in force.
    """
    until = target.effective_until
    return as_of if until is None or as_of <= until else until


def _whole_period_by(kind: type[Period], day: date) -> Period:
    """The latest period of type *kind* that ended on or before *day*."""
    period: Period = kind.containing(day)
    return period if day >= period.end else period.previous()


def latest_figure(
    target: Target, observations: Iterable[Observation], *, as_of: date
) -> Observation | None:
    """The target's latest figure that ended by *as_of* (to name it when it is too old)."""
    mine = [o for o in observations if o.metric == target.metric and o.period.end <= as_of]
    return max(mine, key=lambda o: (o.period.end, o.period.start), default=None)


def _in_force_during(target: Target, period: Period) -> bool:
    start = target_start(target)
    if start is not None and period.end < start:
        return False
    until = target.effective_until
    return until is None or period.start <= until


def judged_period(
    target: Target, observations: Iterable[Observation], *, as_of: date
) -> Period | None:
    """The period whose figures judge *target* on *as_of* (its basis), or None.

    * DEADLINE_MONTH: the deadline's month ("by March 2022": 2022-03), whatever the data;
    * EACH_MONTH: the latest whole month that ended on or before *as_of* (or on or before the
      target's last day in force, if that came first);
    * LATEST: the same, for the kind of period the figures are (a month, a quarter, a year):
      the latest whole period of that kind that ended by then;
    * YEAR_AVERAGE, PERIOD_TOTAL: the financial year of the deadline, else of *as_of*;
    * a milestone: the period of the first figure showing delivery that had begun by *as_of*.

    The period is what *must* be judged: a figure for an earlier period never stands in for
    it (the caller reports NO_DATA, naming the latest figure found). None only where no
    figure says what kind of period a LATEST target's figures are.

    Only observations of the target's metric count; filter them by organisation first.

    Args:
        target: any target.
        observations: figures, usually one organisation's.
        as_of: the date assessed.

    Returns:
        The period judged, or None.

    >>> from nhsplan.catalog import load_guidance
    >>> fds = load_guidance("2021/22").target("cancer_faster_diagnosis_standard")
    >>> figures = [Observation(org="RBD", metric="cancer_faster_diagnosis", period=Month(2021, m),
    ...                        numerator=75, denominator=100) for m in (9, 10, 11)]
    >>> judged_period(fds, figures, as_of=date(2021, 11, 29))
    Month(year=2021, month=10)
    """
    mine = [o for o in observations if o.metric == target.metric]
    if isinstance(target, MilestoneTarget):
        done = [o.period for o in mine if o.amount.magnitude > 0]
        return period_judged(target, done, as_of=as_of)
    return period_judged(target, [o.period for o in mine], as_of=as_of)


def period_judged(target: Target, periods: Iterable[Period], *, as_of: date) -> Period | None:
    """:func:`judged_period` from the periods the figures are for, not the figures.

    For a milestone, *periods* are those whose figure shows delivery (above zero).
    """
    if isinstance(target, MilestoneTarget):
        done = [p for p in periods if p.start <= as_of]
        return min(done, key=lambda p: (p.end, p.start), default=None)
    judged = judgement_of(target)
    if judged is Judgement.DEADLINE_MONTH:
        return deadline_month(target)
    last = last_day_judged(target, as_of)
    if judged in YEARLY:
        day = target.deadline.resolved if target.deadline is not None else last
        return FinancialYear.containing(day)
    if judged is Judgement.EACH_MONTH:
        return _whole_period_by(Month, last)
    latest = max(
        (p for p in periods if p.end <= last and _in_force_during(target, p)),
        key=lambda p: (p.end, p.start),
        default=None,
    )
    return None if latest is None else _whole_period_by(type(latest), last)


def counts_for(period: Period, judged: Judgement, figure: Period, *, as_of: date) -> bool:
    """Whether a figure for the period *figure* judges *period*.

    Its own figure does; for a year pooled (:data:`YEARLY`, or each year of an every-year
    target), so does a figure of any period within the year that ended by *as_of*.
    """
    if judged in YEARLY or judged is Judgement.EVERY_YEAR:
        return period.start <= figure.start and figure.end <= min(period.end, as_of)
    return figure == period


def latest_period(target: Target, periods: Iterable[Period], *, as_of: date) -> Period | None:
    """The latest of *periods* that ended by *as_of* (to name it when it is too old)."""
    return max((p for p in periods if p.end <= as_of), key=lambda p: (p.end, p.start), default=None)


def figures_in(
    period: Period, judged: Judgement, observations: Iterable[Observation], *, as_of: date
) -> list[Observation]:
    """The figures that judge *period*: its own, or for a year those of periods within it.

    Raises:
        InvalidObservationError: two of the figures cover the same days (a duplicate month,
            or a quarter and one of its months), which would count them twice.
    """
    chosen = [o for o in observations if counts_for(period, judged, o.period, as_of=as_of)]
    chosen.sort(key=lambda o: (o.period.start, o.period.end))
    for before, after in itertools.pairwise(chosen):
        if after.period.start <= before.period.end:
            raise InvalidObservationError(
                f"{before.org} has figures of {before.metric!r} for both {before.period} and "
                f"{after.period}, which overlap",
                field="period",
                example="one figure per month",
            )
    return chosen


def pool(
    figures: Sequence[Observation], *, unit: str, total: bool, proportion: bool
) -> units.Quantity:
    """One figure from several, in *unit*.

    A total sums the values, correctly rounded (:func:`math.fsum`: six monthly sixths of a
    level add up to the level, not a hair below it). Otherwise figures with numerators and
    denominators are pooled by summing both (never by averaging percentages); plain values
    are averaged.

    Args:
        figures: at least one observation.
        unit: the unit of the result.
        total: sum the values.
        proportion: the metric is a proportion, so every figure must carry its numerator
            and denominator.

    Raises:
        InvalidObservationError: a proportion's figure given only as a percentage, or a mix
            of the two forms, where the year's figures are pooled.
        UnitMismatchError: a figure's unit does not convert to *unit*.
    """
    if total:
        return quantity(math.fsum(o.amount.to(unit).magnitude for o in figures), unit)
    if len(figures) == 1:
        return figures[0].amount.to(unit)
    ratios = [o for o in figures if o.numerator is not None and o.denominator is not None]
    if ratios and len(ratios) == len(figures):
        numerator = math.fsum(o.numerator or 0.0 for o in ratios)
        denominator = math.fsum(o.denominator or 0.0 for o in ratios)
        return quantity(100 * numerator / denominator, "percent").to(unit)
    if ratios or proportion:
        bare = next(o for o in figures if o.numerator is None)
        raise InvalidObservationError(
            f"{bare.org}'s {bare.period} figure of {bare.metric!r} has no numerator and "
            "denominator, so the year's proportion cannot be pooled",
            field=f"numerator ({bare.org} {bare.period})",
            example="numerator=875, denominator=1000",
        )
    return quantity(fmean(o.amount.to(unit).magnitude for o in figures), unit)


def describe(a: units.Quantity, b: units.Quantity) -> tuple[str, str]:
    """Two amounts as text for people, exact where rounding would make them look equal."""
    return describe_figures(figures_of(a, b))


def figures_of(observed: units.Quantity, required: units.Quantity) -> Figures:
    """Two quantities as plain numbers with their units."""
    return Figures(
        observed=float(observed.magnitude),
        observed_unit=observed.unit,
        required=float(required.magnitude),
        required_unit=required.unit,
        differ=bool(observed != required),
    )


def verdict_words(comparison: Comparison, *, met: bool) -> tuple[str, str]:
    """The verb for a figure against a requirement, and the comparison in words."""
    return ("meets" if met else _MISSED[comparison]), _WORDS[comparison]


class Figures(NamedTuple):
    """An observed and a required amount as plain numbers, each with its unit."""

    observed: float
    observed_unit: str
    required: float
    required_unit: str
    differ: bool
    """Whether the two amounts differ (they may round to the same text)."""


def describe_figures(figures: Figures, *, required_text: str | None = None) -> tuple[str, str]:
    """:func:`describe` for amounts given as numbers and units.

    *required_text*, where given, is ``human_text`` of the required amount, made once by a
    caller that describes many figures against one level.
    """
    left = human_text(figures.observed, figures.observed_unit)
    right = (
        human_text(figures.required, figures.required_unit)
        if required_text is None
        else required_text
    )
    if left == right and figures.differ:
        return (
            exact_text(figures.observed, figures.observed_unit),
            exact_text(figures.required, figures.required_unit),
        )
    return left, right


# *holds* is the comparison's result for the figure, not an option: FBT001 does not apply.
@overload
def pending(
    comparison: Comparison,
    holds: bool,  # noqa: FBT001
    *,
    partial: bool,
    due_by: date | None,
) -> bool: ...
@overload
def pending(
    comparison: Comparison, holds: NDArray[np.bool_], *, partial: bool, due_by: date | None
) -> NDArray[np.bool_]: ...
def pending(comparison: Comparison, holds: Any, *, partial: bool, due_by: date | None) -> Any:
    """Where a compared figure cannot decide yet (NOT_DUE), for one figure or an array of them.

    A *partial* figure (a year's total before the year ends) can only grow: it stands once an
    "at least" level is reached or an "at most" level passed, and is pending otherwise. A
    level asked *by* a date (*due_by*, not yet passed) and not yet reached is pending too:
    "zero 104-week waits by July 2022" is not missed in May 2022. Elsewhere nothing is
    pending. *holds* is :meth:`Comparison.holds` of the figure (a bool, or a numpy array of
    them); the answer has its shape.

    >>> pending(Comparison.AT_LEAST, False, partial=False, due_by=date(2022, 7, 31))
    True
    >>> pending(Comparison.AT_LEAST, True, partial=True, due_by=None)
    False
    """
    if partial:
        return holds ^ comparison.higher_is_better
    if due_by is not None:
        return holds ^ True
    return holds & False


def status_of(
    comparison: Comparison,
    holds: bool,  # noqa: FBT001 - the comparison's result, not an option
    *,
    partial: bool,
    due_by: date | None,
) -> Status:
    """MET, NOT_MET, or NOT_DUE where the figure cannot decide yet (see :func:`pending`)."""
    if pending(comparison, holds, partial=partial, due_by=due_by):
        return Status.NOT_DUE
    return Status.MET if holds else Status.NOT_MET
