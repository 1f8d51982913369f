"""The decision rules of the target kinds issue 17 added, part of the decision core.

:func:`~nhsplan.evaluate.decide.decide` sends these targets here; every path that judges
them gets the same :class:`~nhsplan.evaluate.decision.Decision`:

* **maintained through** (``judged = "every_month"``) and **every year** (``"every_year"``):
  every whole month (or financial year, its figures pooled) from the target's first day in
  force to the last day judged is judged on its own figure, against the level in force at
  its start. The decision holds one part per period (:attr:`Decision.parts`): a level to
  compare, or NO_DATA where the period has no figure. :func:`settle` reads the compared
  parts: the first that misses fails the target and the reason names it; else a period with
  no figure gives NO_DATA naming it; else MET. Before the first period is complete: NOT_DUE.
* **per population** (``per = 100000``): the figures are counts, each divided by the
  population (``population=``, else for England the bundled ONS mid-year estimate,
  :data:`ENGLAND_POPULATION`) before it is compared (:attr:`Level.scale`). Without a
  population for another organisation: NO_DATA, saying to give one.
* **a reach** (``reach = true``): an "up to" ambition is never MET or NOT_MET. The figure is
  compared as for a threshold, then reported as NOT_APPLICABLE with the progress towards the
  level (:attr:`Level.reach`, :func:`progress`).

The engines that judge many organisations at once from one figure each do not judge these
(:func:`evaluate_only`): the batch functions refuse them, the columnar engine reads their
metrics row by row and judges them with :func:`nhsplan.evaluate`.

>>> from datetime import date
>>> from nhsplan.calendar import Month
>>> from nhsplan.catalog import load_guidance
>>> from nhsplan.evaluate.decide import decide
>>> waits = load_guidance("2022/23").target("rtt_104_week_waits_2022_23")
>>> d = decide(waits, [Month(2022, 7), Month(2022, 8)], as_of=date(2022, 9, 5), national=False)
>>> [str(part.period) for part in d.parts], [part.status for part in d.parts]
(['2022-07', '2022-08'], [None, None])
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import date
from types import MappingProxyType

import attrs

from nhsplan import units
from nhsplan.calendar import FinancialYear, Month, Period
from nhsplan.errors import InvalidValueError, UnitMismatchError
from nhsplan.evaluate import reasons
from nhsplan.evaluate.decision import Decision, Level, compared, fixed
from nhsplan.evaluate.reasons import Reason
from nhsplan.evaluate.verdict import describe, judgement_of, last_day_judged, target_start
from nhsplan.model import (
    Assessment,
    BaselineTarget,
    EliminationTarget,
    Judgement,
    Metric,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
)
from nhsplan.model.enums import Status

__all__ = [
    "ENGLAND_POPULATION",
    "EVERY",
    "PopulationEstimate",
    "evaluate_only",
    "every",
    "judged_every",
    "people",
    "per_population",
    "settle",
]

EVERY = frozenset({Judgement.EVERY_MONTH, Judgement.EVERY_YEAR})
"""The judgements that judge every whole period of a window on its own."""


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


def judged_every(target: Target) -> bool:
    """True where *target* is judged on every whole period of its window, each on its own.

    A within-time target never is: it is judged on its latest figure (or its cases) whatever
    ``judged`` says (:func:`~nhsplan.evaluate.verdict.judgement_of`).
    """
    return judgement_of(target) in EVERY


def evaluate_only(target: Target) -> bool:
    """True where only :func:`nhsplan.evaluate` judges *target*, organisation by organisation.

    Its verdict reads the figures of several periods, a population, or is a reach: no single
    figure per organisation, compared with one level, decides it.
    """
    return judged_every(target) or (
        isinstance(target, ThresholdTarget) and (target.reach or target.per is not None)
    )


def people(population: units.Quantity | float | None) -> float | None:
    """A population given to :func:`nhsplan.evaluate` as a number of people.

    Raises:
        InvalidValueError: not a positive number (of people).
    """
    if population is None:
        return None
    try:
        number = float(
            population.to("count").magnitude
            if isinstance(population, units.Quantity)
            else population
        )
    except (TypeError, ValueError, UnitMismatchError) as exc:
        raise InvalidValueError(
            f"{population!r} is not a number of people",
            field="population",
            example="population=1_250_000",
        ) from exc
    if not number > 0:
        raise InvalidValueError(
            f"{number:g} is not a positive number of people",
            field="population",
            example="population=1_250_000",
        )
    return number


# --- per population ------------------------------------------------------------------------------


def per_population(decision: Decision, *, national: bool, population: float | None) -> Decision:
    """*decision* with its level (and its parts' levels) scaled to a rate per population.

    A fixed decision is returned as it is. Without a population for an organisation other
    than England: NO_DATA, saying to give one.
    """
    target = decision.target
    assert isinstance(target, ThresholdTarget)
    per = target.per
    assert per is not None
    if decision.status is not None:
        return decision
    if population is not None:
        count, source = population, "population= given"
    elif national:
        count, source = float(ENGLAND_POPULATION.people), ENGLAND_POPULATION.label
    else:
        return fixed(
            target,
            decision.as_of,
            Status.NO_DATA,
            Reason.NO_POPULATION,
            decision.period,
            per=f"{per:,}",
            estimate=ENGLAND_POPULATION.label,
        )
    words = f"per {per:,} population, of {count:,.0f} people ({source})"
    return _levels(
        decision,
        lambda level: attrs.evolve(level, label=f"{level.label} {words}", scale=per / count),
    )


def _levels(decision: Decision, change: Callable[[Level], Level]) -> Decision:
    """*decision* with *change* applied to its level and to its parts' levels."""
    level = None if decision.level is None else change(decision.level)
    parts = tuple(_levels(part, change) for part in decision.parts)
    return attrs.evolve(decision, level=level, parts=parts)


def reach(decision: Decision) -> Decision:
    """*decision* with its level marked a reach: progress is reported, never met or not met."""
    return _levels(decision, lambda level: attrs.evolve(level, reach=True))


# --- maintained through, every year --------------------------------------------------------------


def _periods(target: Target, start: date, last: date) -> Iterator[Period]:
    """The whole periods judged, oldest first: months or financial years from *start*."""
    period: Period = (
        Month.containing(start)
        if target.judged is Judgement.EVERY_MONTH
        else FinancialYear.containing(start)
    )
    while period.end <= last:
        yield period
        period = period.next()


def _window(target: Target, start: date) -> str:
    """The window from *start* in words: ``"from 2022-07 to 2023-03"``, ``"from 2026/27 on"``."""
    _, until = target.lifetime
    kind = Month if target.judged is Judgement.EVERY_MONTH else FinancialYear
    first = kind.containing(start)
    return f"from {first} to {kind.containing(until)}" if until else f"from {first} on"


def _each(target: Target) -> str:
    return "month" if target.judged is Judgement.EVERY_MONTH else "financial year"


def every(
    target: Target,
    periods: Collection[Period],
    as_of: date,
    *,
    metric: Metric | None,
    required: Callable[[Period], units.Quantity | Decision | None],
) -> Decision:
    """Every whole period of the window in force by *as_of*, each a part of the decision.

    *required* gives the level a period is held to (the decision core's rule, share and
    baselines applied): None where nothing is asked of it, or a fixed decision (a baseline
    without its figure) that is the verdict.
    """
    assert isinstance(
        target, ThresholdTarget | TrajectoryTarget | EliminationTarget | BaselineTarget
    )
    each = _each(target)
    start = target_start(target)
    if start is None:
        return fixed(target, as_of, Status.NO_DATA, Reason.EVERY_NO_START, each=each)
    window = _window(target, start)
    judged = list(_periods(target, start, last_day_judged(target, as_of)))
    if not judged:
        first = next(_periods(target, start, date.max))
        return fixed(
            target,
            as_of,
            Status.NOT_DUE,
            Reason.EVERY_NOT_COMPLETE,
            first,
            each=each,
            window=window,
            ends=first.end,
        )
    present = set(periods)
    parts: list[Decision] = []
    for period in judged:
        level = required(period)
        if level is None:
            continue
        if isinstance(level, Decision):
            return level
        if not _has_figure(target, period, present, as_of):
            parts.append(
                fixed(
                    target,
                    as_of,
                    Status.NO_DATA,
                    Reason.NO_FIGURE,
                    period,
                    metric=target.metric,
                    ended="",
                )
            )
            continue
        parts.append(
            compared(
                target,
                as_of,
                level,
                metric,
                label=f"{period} figure",
                ends=period.end,
                period=period,
            )
        )
    if not parts:
        return fixed(target, as_of, Status.NOT_DUE, Reason.NOTHING_ASKED_ON)
    return Decision(
        target=target,
        as_of=as_of,
        status=None,
        reason=Reason.EVERY_MET,
        facts=MappingProxyType(
            {"target": target.id, "as_of": str(as_of), "each": each, "window": window}
        ),
        period=parts[-1].period,
        parts=tuple(parts),
    )


def _has_figure(target: Target, period: Period, present: set[Period], as_of: date) -> bool:
    if target.judged is Judgement.EVERY_MONTH:
        return period in present
    return any(period.start <= p.start and p.end <= min(period.end, as_of) for p in present)


def settle(decision: Decision, parts: Sequence[Assessment], *, org: str | None) -> Assessment:
    """The verdict of an every-period *decision* from its parts' assessments, in order.

    The first part NOT_MET fails the target (its reason names the period); else a part with
    no figure gives NO_DATA naming the periods without one; else, if every part is MET, MET
    with the latest part's figures. A part with any other status (a reach's progress,
    NOT_APPLICABLE) is never counted as met: the latest such part is the verdict.
    """
    facts = dict(decision.facts)
    for part in parts:
        if part.status is Status.NOT_MET:
            facts |= {"compared": part.reason.rstrip("."), "period": str(part.period)}
            return attrs.evolve(part, reason=reasons.sentence(Reason.EVERY_MISSED, facts, org=org))
    missing = [p for p in parts if p.status is Status.NO_DATA]
    if missing:
        shown = ", ".join(str(p.period) for p in missing[:3])
        shown += ", ..." if len(missing) > 3 else ""
        facts |= {"missing": shown, "metric": decision.target.metric or ""}
        return attrs.evolve(
            missing[0], reason=reasons.sentence(Reason.EVERY_MISSING, facts, org=org)
        )
    unsettled = [p for p in parts if p.status is not Status.MET]
    if unsettled:
        return unsettled[-1]
    latest = parts[-1]
    first, last = parts[0].period, latest.period
    assert latest.observed is not None
    assert latest.required is not None
    observed, required = describe(latest.observed, latest.required)
    facts |= {
        "count": f"the one {facts['each']}"
        if len(parts) == 1
        else f"each of the {len(parts)} {facts['each']}s",
        "span": str(first) if len(parts) == 1 else f"{first} to {last}",
        "latest": str(last),
        "observed": observed,
        "required": required,
    }
    return attrs.evolve(
        latest,
        status=Status.MET,
        reason=reasons.sentence(Reason.EVERY_MET, facts, org=org),
    )
