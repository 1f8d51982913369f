"""The judges of the target kinds issue 17 added, kept apart to move into the decision core.

Four decision rules, each a pure function of the target, the figures and the date assessed:

* **maintained through** (``judged = "every_month"``): every whole month from the target's
  first day in force to the last day judged is judged on its own figure; the first month that
  misses fails the target and the reason names it. A missing month with no breach is NO_DATA
  naming the month; before the first month is complete, NOT_DUE.
* **every year** (``judged = "every_year"``): the same over financial years, each year's
  figures pooled (a proportion by summed numerators and denominators), each year against the
  level in force at its start.
* **per population** (``per = 100000``): the figures are counts; each is divided by the
  population (the ``population`` argument, else for England the bundled ONS mid-year
  estimate, :data:`ENGLAND_POPULATION`) before it is compared with the rate asked. Without a
  population for another organisation: NO_DATA, saying to give one.
* **a reach** (``reach = true``): an "up to" ambition is never MET or NOT_MET. The figure is
  compared as for a threshold, then reported as NOT_APPLICABLE with the observed and required
  amounts, the margin, and a reason giving the progress towards the level.

And one change of basis: a year-pooled target with amendments (the 2023/24 value-weighted
activity, 107 % cut to 105 % and then 103 %) is judged against the level in force on the last
day judged, not the one at the start of the year.

Engines that judge many organisations at once send these targets to :func:`evaluate` one
organisation at a time (:func:`judged_by_evaluate`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from nhsplan import units
from nhsplan._enums import ScoringKind, Status
from nhsplan._judges import Context, LevelPlan, _judge_level, judge_threshold
from nhsplan._judging import (
    YEARLY,
    describe,
    figures_in,
    figures_of,
    judgement_of,
    last_day_judged,
    pool,
    target_start,
    verdict,
)
from nhsplan.calendar import FinancialYear, Month, Period
from nhsplan.model import (
    ENGLAND,
    Assessment,
    EliminationTarget,
    Judgement,
    Observation,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
)
from nhsplan.units import quantity

__all__ = [
    "ENGLAND_POPULATION",
    "PopulationEstimate",
    "judge_kind",
    "judged_by_evaluate",
    "special",
]

_EVERY = frozenset({Judgement.EVERY_MONTH, Judgement.EVERY_YEAR})


@attrs.frozen(kw_only=True)
class PopulationEstimate:
    """A population figure with its source, to turn a count into a rate."""

    people: int
    label: str
    """How a reason names it (``"ONS mid-2023 estimate for England"``)."""
    source: str
    url: str
    quote: str
    """The words of the source that give the figure."""


ENGLAND_POPULATION = PopulationEstimate(
    people=57_690_300,
    label="ONS mid-2023 estimate for England",
    source="Office for National Statistics, Population estimates (time series, released "
    "8 October 2024)",
    url="https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/"
    "populationestimates",
    quote="57,690,300 2023 - Release date: - 8 October 2024",
)
"""England's population at mid-2023, the estimate used for England's per-population figures."""


def special(target: Target) -> bool:
    """True if one of this module's judges decides *target*."""
    return (
        judgement_of(target) in _EVERY
        or (isinstance(target, ThresholdTarget) and (target.reach or target.per is not None))
        or _amended_year(target)
    )


def judged_by_evaluate(target: Target) -> bool:
    """True if an engine must judge *target* with evaluate(), organisation by organisation.

    Its verdict reads figures of several periods, a population, or is a reach: no single
    figure per organisation, compared with one level, decides it.
    """
    return special(target)


def judge_kind(
    ctx: Context,
    target: Target,
    figures: list[Observation],
    *,
    population: units.Quantity | float | None = None,
) -> Assessment | LevelPlan:
    """The verdict of a threshold, trajectory or elimination target.

    :func:`~nhsplan._judges.judge_threshold` decides it unless :func:`special` says this
    module does.
    """
    if isinstance(target, ThresholdTarget) and target.per is not None:
        scaled = _per_population(ctx, target, figures, population)
        if isinstance(scaled, Assessment):
            return scaled
        figures, label = scaled
        outcome = _judge(ctx, target, figures)
        if isinstance(outcome, LevelPlan):
            outcome = attrs.evolve(outcome, label=f"{outcome.label} {label}")
        return _reach(outcome) if target.reach else outcome
    outcome = _judge(ctx, target, figures)
    if isinstance(target, ThresholdTarget) and target.reach:
        return _reach(outcome)
    return outcome


def _judge(ctx: Context, target: Target, figures: list[Observation]) -> Assessment | LevelPlan:
    assert isinstance(target, ThresholdTarget | TrajectoryTarget | EliminationTarget)
    judged = judgement_of(target)
    if judged in _EVERY:
        return _judge_every(ctx, target, figures, judged)
    if _amended_year(target):
        last = last_day_judged(target, ctx.as_of)
        return _judge_level(
            ctx,
            target.comparison,
            figures,
            lambda p: target.value_on(min(last, p.end)),
        )
    return judge_threshold(ctx, target, figures)


def _amended_year(target: Target) -> bool:
    return judgement_of(target) in YEARLY and bool(getattr(target, "amendments", ()))


# --- maintained through, every year --------------------------------------------------------------


def _periods(target: Target, judged: Judgement, last: date) -> Iterator[Period]:
    """The whole periods judged, oldest first: months or financial years from the start."""
    start = target_start(target)
    assert start is not None  # checked by the caller
    period: Period = (
        Month.containing(start)
        if judged is Judgement.EVERY_MONTH
        else FinancialYear.containing(start)
    )
    while period.end <= last:
        yield period
        period = period.next()


def _judge_every(
    ctx: Context,
    target: ThresholdTarget | TrajectoryTarget | EliminationTarget,
    figures: list[Observation],
    judged: Judgement,
) -> Assessment:
    """Every whole period in force judged on its own: the first miss fails the target."""
    start = target_start(target)
    each = "month" if judged is Judgement.EVERY_MONTH else "financial year"
    if start is None:
        return ctx.result(
            Status.NO_DATA,
            f"The target {target.id} is judged on every {each} in force but has no first day "
            "(effective_from); it cannot say which periods to judge.",
        )
    last = last_day_judged(target, ctx.as_of)
    periods = list(_periods(target, judged, last))
    window = _window(target, judged)
    if not periods:
        first = next(_periods(target, judged, date.max))
        return ctx.result(
            Status.NOT_DUE,
            f"The target {target.id} is judged on every {each} {window}; the first, {first}, "
            f"is complete on {first.end}, after the date assessed, {ctx.as_of}.",
            period=first,
        )
    pooled = Judgement.YEAR_AVERAGE if judged is Judgement.EVERY_YEAR else Judgement.EACH_MONTH
    proportion = ctx.metric is not None and ctx.metric.kind is ScoringKind.PROPORTION
    missing: list[Period] = []
    latest: Assessment | None = None
    for period in periods:
        required = target.value_on(period.start) or target.value_on(period.end)
        if required is None:
            continue
        chosen = figures_in(period, pooled, figures, as_of=ctx.as_of)
        if not chosen:
            missing.append(period)
            continue
        unit = ctx.unit(required)
        observed = pool(chosen, unit=unit, total=False, proportion=proportion)
        status, reason, margin = verdict(
            target.comparison,
            figures_of(observed, required.to(unit)),
            subject=ctx.subject,
            label=f"{period} figure",
            ends=period.end,
        )
        result = ctx.result(
            status,
            reason,
            period=period,
            observed=observed,
            required=required.to(unit),
            margin=quantity(margin, unit),
        )
        if status is Status.NOT_MET:
            return attrs.evolve(
                result,
                reason=f"{reason[:-1]}: the target asks it in every {each} {window}, and "
                f"{period} missed it.",
            )
        latest = result
    if missing:
        shown = ", ".join(str(p) for p in missing[:3]) + (", ..." if len(missing) > 3 else "")
        return ctx.result(
            Status.NO_DATA,
            f"No figure of {target.metric} for {ctx.who} for {shown}: the target {target.id} "
            f"is judged on every {each} {window}, and each needs its own figure.",
            period=missing[0],
        )
    if latest is None:
        return ctx.result(Status.NOT_DUE, f"The target {target.id} asks nothing by {ctx.as_of}.")
    judged_span = str(periods[0]) if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
    assert latest.observed is not None
    assert latest.required is not None
    observed_text, required_text = describe(latest.observed, latest.required)
    return attrs.evolve(
        latest,
        status=Status.MET,
        reason=f"{ctx.actor} met the target in {_count(len(periods), each)} judged, "
        f"{judged_span} (it is asked in every {each} {window}); the latest, {periods[-1]}, "
        f"was {observed_text} against {required_text}.",
    )


def _count(n: int, each: str) -> str:
    return f"the one {each}" if n == 1 else f"each of the {n} {each}s"


def _window(target: Target, judged: Judgement) -> str:
    start, until = target.lifetime
    first = Month.containing(start) if judged is Judgement.EVERY_MONTH and start else None
    if judged is Judgement.EVERY_YEAR and start:
        first_text = str(FinancialYear.containing(start))
        last_text = str(FinancialYear.containing(until)) if until else "on"
    else:
        first_text = str(first)
        last_text = str(Month.containing(until)) if until else "on"
    return f"from {first_text} to {last_text}" if until else f"from {first_text} on"


# --- a reach -------------------------------------------------------------------------------------


def _reach(outcome: Assessment | LevelPlan) -> Assessment:
    """A compared level reported as progress towards a reach: never MET or NOT_MET."""
    if isinstance(outcome, Assessment):
        if outcome.status not in (Status.MET, Status.NOT_MET):
            return outcome
        judged = outcome
    else:
        judged = outcome.judge()
    target = judged.target
    observed, required = judged.observed, judged.required
    assert observed is not None
    assert required is not None
    observed_text, required_text = describe(observed, required)
    reached = observed.to(required.unit).magnitude
    if reached >= required.magnitude:
        progress = f"has reached the {required_text} it aims for"
    else:
        share = 100 * reached / required.magnitude
        progress = f"is {share:.0f} % of the way to the {required_text} it aims for"
    return attrs.evolve(
        judged,
        status=Status.NOT_APPLICABLE,
        margin=quantity(reached - required.magnitude, required.unit),
        reason=f"The target {target} is a reach, not a requirement: "
        f"the {judged.period} figure, {observed_text}, {progress}; it is reported as "
        "progress, never met or not met.",
    )


# --- per population ------------------------------------------------------------------------------


def _per_population(
    ctx: Context,
    target: ThresholdTarget,
    figures: list[Observation],
    population: units.Quantity | float | None,
) -> tuple[list[Observation], str] | Assessment:
    """The figures as rates per ``target.per`` people, and how the reason names the rate."""
    per = target.per
    assert per is not None
    if population is not None:
        people = float(
            population.to("count").magnitude
            if isinstance(population, units.Quantity)
            else population
        )
        label = f"of {people:,.0f} people (population= given)"
    elif (ctx.org or "").upper() == ENGLAND:
        people = float(ENGLAND_POPULATION.people)
        label = f"of {ENGLAND_POPULATION.people:,} people ({ENGLAND_POPULATION.label})"
    else:
        return ctx.result(
            Status.NO_DATA,
            f"The target {target.id} asks a level per {per:,} population; give {ctx.who}'s "
            "population (population=), or judge England's figure (org='ENGLAND'), for which "
            f"the {ENGLAND_POPULATION.label} is bundled.",
        )
    if not people > 0:
        return ctx.result(
            Status.NO_DATA,
            f"The population given for {ctx.who}, {people:g}, is not a positive number.",
        )
    scale = per / people
    rates = [
        attrs.evolve(o, value=o.amount * scale, numerator=None, denominator=None) for o in figures
    ]
    return rates, f"per {per:,} population, {label}"
