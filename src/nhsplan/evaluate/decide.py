"""The decision core: everything about a verdict that does not depend on the figure's value.

For a target, a date and the periods an organisation has figures for, :func:`decide` settles
which period judges the target, whether a figure for it is present, which level and
comparison apply — or a fixed status (NOT_DUE, NOT_APPLICABLE, NO_DATA, a milestone's verdict)
with its :class:`~nhsplan.evaluate.reasons.Reason`. It returns a :class:`Decision`, a small
typed record that names no organisation. Every path uses it: :func:`nhsplan.evaluate` for one
figure, :func:`~nhsplan.evaluate.batch.evaluate_batch` for a column of them, the columnar
engine for a whole file; each then compares its figures with :attr:`Decision.level` by the one
comparison (:meth:`Comparison.holds`, :func:`~nhsplan.evaluate.verdict.pending`) and words
the verdict in one place (:mod:`nhsplan.evaluate.reasons`). The kinds that judge every period
of a window, a rate per head of population or a reach are decided in
:mod:`nhsplan.evaluate.kinds`, called from here; the records are in
:mod:`nhsplan.evaluate.decision`.

Pure: every date is an argument.

>>> from datetime import date
>>> from nhsplan.calendar import Month
>>> from nhsplan.catalog import load_guidance
>>> ucr = load_guidance("2021/22").target("urgent_community_response_2h")
>>> d = decide(ucr, [Month(2021, 12)], as_of=date(2022, 1, 20), national=False)
>>> d.status is None, str(d.period), d.level.due_by
(True, '2021-12', datetime.date(2022, 4, 30))
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date

import attrs

from nhsplan import units
from nhsplan.calendar import DeadlineKind, Period
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.evaluate import kinds
from nhsplan.evaluate.decision import NO_BASELINES, Decision, Level, compared, fixed
from nhsplan.evaluate.reasons import Reason
from nhsplan.evaluate.verdict import (
    YEARLY,
    counts_for,
    judgement_of,
    last_day_judged,
    latest_period,
    period_judged,
    target_start,
)
from nhsplan.model import (
    ENGLAND,
    BaselineScope,
    BaselineTarget,
    CaseRecord,
    EliminationTarget,
    Judgement,
    Metric,
    MilestoneTarget,
    OrgType,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.model.enums import Scope, Status
from nhsplan.model.formats import upper_ascii
from nhsplan.units import quantity

__all__ = ["NO_BASELINES", "Decision", "Level", "decide", "is_national", "settled"]


def is_national(org: str | None, org_type: OrgType | None) -> bool:
    """Whether the organisation is England (code ``ENGLAND``, or type ``national``)."""
    return org_type is OrgType.NATIONAL or (org is not None and upper_ascii(org) == ENGLAND)


def decide(
    target: Target,
    periods: Collection[Period],
    *,
    as_of: date,
    national: bool,
    org_type: OrgType | None = None,
    metric: Metric | None = None,
    baselines: Mapping[str, units.Quantity] = NO_BASELINES,
    share: units.Quantity | None = None,
    delivered: Mapping[Period, units.Quantity] | None = None,
    cases: Collection[CaseRecord] = (),
    population: units.Quantity | float | None = None,
) -> Decision:
    """Decide *target* on *as_of* for an organisation with figures for *periods*.

    Args:
        target: any kind of target.
        periods: the periods the organisation has figures of the target's metric for.
        as_of: the date assessed.
        national: the organisation is England (see :func:`is_national`): a national ambition
            is judged on its figure.
        org_type: the organisation's type; a target that asks nothing of it is NOT_APPLICABLE.
        metric: the target's metric: its unit, and whether it is a proportion.
        baselines: baseline values by label (a local baseline from the organisation's own
            figure is given here by the caller).
        share: the organisation's own share of a national ambition, judged in its place.
        delivered: for a milestone, the figures showing delivery (above zero), by period.
        cases: for a within-time target judged case by case, the case records.
        population: for a target asked per head of population (``target.per``), the
            organisation's population; England's defaults to the bundled ONS estimate
            (:data:`~nhsplan.evaluate.kinds.ENGLAND_POPULATION`).

    Raises:
        InvalidValueError: a *share* for a target that is not a national threshold or
            trajectory; a *population* that is not a positive number, or given for a target
            not asked per head of population.
        InvalidObservationError: case records for a target not judged case by case.
    """
    people = kinds.people(population)
    per = target.per if isinstance(target, ThresholdTarget) else None
    if people is not None and per is None:
        raise InvalidValueError(
            f"a population is given for {target.id!r}, which is not asked per head of population",
            field="population",
            example="population=... only for a target with 'per' (virtual_ward_capacity_2022_23)",
        )
    decision = _screen(target, as_of, national=national, org_type=org_type, share=share)
    if decision is not None:
        return decision
    if isinstance(target, MilestoneTarget):
        return _milestone(target, as_of, delivered or {})
    decision = _not_yet(target, as_of)
    if decision is not None:
        return decision
    if isinstance(target, WithinTimeTarget) and cases:
        return _within_time(target, as_of, cases, metric)
    if cases:
        case = next(iter(cases))
        raise InvalidObservationError(
            f"case records judge only within-time targets, and {target.id!r} is a "
            f"{target.KIND} target",
            field=f"observations ({case.org} {case.ref or case.start})",
            example="Observation(org='RBD', metric=..., period=Month(2021, 12), value=...)",
        )
    if kinds.judged_every(target):
        decision = kinds.every(
            target,
            periods,
            as_of,
            metric=metric,
            required=lambda period: _required(target, period, as_of, baselines, share),
        )
    else:
        decision = _level(target, periods, as_of, metric=metric, baselines=baselines, share=share)
    if per is not None:
        decision = kinds.per_population(decision, national=national, population=people)
    if isinstance(target, ThresholdTarget) and target.reach:
        decision = kinds.reach(decision)
    return decision


def settled(
    target: Target, *, as_of: date, national: bool, org_type: OrgType | None = None
) -> Decision | None:
    """The decision where no figure can change it, else None.

    NOT_APPLICABLE for a target that asks nothing of the organisation's type, a national
    ambition of another organisation (no share) or a target retired before its deadline;
    NOT_DUE before the target starts. None for a milestone, which its figures decide. What
    :func:`decide` gives for any periods, wherever this gives a decision.
    """
    decision = _screen(target, as_of, national=national, org_type=org_type, share=None)
    if decision is not None or isinstance(target, MilestoneTarget):
        return decision
    return _not_yet(target, as_of)


# --- fixed verdicts before any figure ----------------------------------------------------------


def _screen(
    target: Target,
    as_of: date,
    *,
    national: bool,
    org_type: OrgType | None,
    share: units.Quantity | None,
) -> Decision | None:
    """NOT_APPLICABLE where the target asks nothing of this organisation, else None."""
    england = target.scope is Scope.NATIONAL and national
    if org_type is not None and not england and not target.applies_to_type(org_type):
        asked = ", ".join(sorted(t.value for t in target.applies_to))
        return fixed(
            target,
            as_of,
            Status.NOT_APPLICABLE,
            Reason.NOT_FOR_TYPE,
            org_type=org_type.value,
            asked=asked,
        )
    if target.scope is not Scope.NATIONAL or national:
        if share is not None and target.scope is not Scope.NATIONAL:
            raise InvalidValueError(
                f"a share is given for {target.id!r}, which is not a national ambition",
                field="share",
                example="share=... only for a target whose scope is national",
            )
        return None
    if share is not None:
        if isinstance(target, MilestoneTarget | WithinTimeTarget):
            raise InvalidValueError(
                f"a share cannot be given for the {target.KIND} target {target.id!r}",
                field="share",
                example="share='900 FTE' for a national threshold or trajectory",
            )
        return None
    on_date = target.value_on(as_of)
    published = _value_for_any(target) if on_date is None else on_date
    level = f" ({published.format()} across England)" if published is not None else ""
    return fixed(target, as_of, Status.NOT_APPLICABLE, Reason.NATIONAL_ONLY, level=level)


def _value_for_any(target: Target) -> units.Quantity | None:
    """The value the target asks on its first day in force, to name a national level."""
    start, end = target.lifetime
    for day in (start, end):
        if day is not None and target.value_on(day) is not None:
            return target.value_on(day)
    return None


def _not_yet(target: Target, as_of: date) -> Decision | None:
    """NOT_APPLICABLE for a target retired before its deadline; NOT_DUE before it starts."""
    until = target.effective_until
    if until is not None and judgement_of(target) is Judgement.DEADLINE_MONTH:
        month = period_judged(target, (), as_of=as_of)
        if month is not None and until < month.end:
            successor = f"; {target.superseded_by} replaced it" if target.superseded_by else ""
            return fixed(
                target,
                as_of,
                Status.NOT_APPLICABLE,
                Reason.RETIRED,
                until=until,
                month=month,
                successor=successor,
            )
    start = target_start(target)
    if start is not None and as_of < start:
        return fixed(target, as_of, Status.NOT_DUE, Reason.NOT_STARTED, start=start)
    return None


# --- the kinds judged on a figure's own value ----------------------------------------------------


def _milestone(
    target: MilestoneTarget, as_of: date, delivered: Mapping[Period, units.Quantity]
) -> Decision:
    """Delivered (a figure above zero) in a period ending by the deadline."""
    deadline = target.deadline
    assert deadline is not None  # a milestone's deadline is validated
    end = deadline.end
    overdue = end is not None and as_of > end
    if target.metric is None:
        if not overdue:
            return fixed(target, as_of, Status.NOT_DUE, Reason.MILESTONE_DUE, deadline=deadline)
        return fixed(target, as_of, Status.NO_DATA, Reason.MILESTONE_NO_METRIC, deadline=deadline)
    period = period_judged(target, delivered, as_of=as_of)
    if period is not None and (end is None or period.end <= end):
        return attrs.evolve(
            fixed(
                target,
                as_of,
                Status.MET,
                Reason.MILESTONE_DELIVERED,
                period,
                deadline=deadline,
            ),
            observed=delivered[period],
        )
    if overdue and period is not None:
        return attrs.evolve(
            fixed(
                target,
                as_of,
                Status.NOT_MET,
                Reason.MILESTONE_LATE,
                period,
                deadline=deadline,
            ),
            observed=delivered[period],
        )
    if overdue:
        return fixed(target, as_of, Status.NOT_MET, Reason.MILESTONE_MISSED, deadline=deadline)
    return fixed(target, as_of, Status.NOT_DUE, Reason.MILESTONE_NOT_YET, deadline=deadline)


def _within_time(
    target: WithinTimeTarget, as_of: date, cases: Collection[CaseRecord], metric: Metric | None
) -> Decision:
    """The share of due cases done within their interval, as a level to compare."""
    required = target.value_on(as_of)
    if required is None:
        return fixed(target, as_of, Status.NOT_DUE, Reason.NOTHING_ASKED_ON)
    done = {c: c.end for c in cases if c.end is not None and c.end <= as_of}
    due = [c for c in cases if target.due(c.start) <= as_of or c in done]
    if not due:
        return fixed(target, as_of, Status.NO_DATA, Reason.NO_CASE_DUE, metric=target.metric)
    in_time = [c for c in due if c in done and done[c] <= target.due(c.start)]
    label = (
        f"share of cases done within {target.months} months ({len(in_time)} of {len(due)} "
        f"due by {as_of})"
    )
    share = quantity(100 * len(in_time) / len(due), "percent")
    return compared(target, as_of, required, metric, label=label, ends=as_of, observed=share)


def _required(
    target: Target,
    period: Period,
    as_of: date,
    baselines: Mapping[str, units.Quantity],
    share: units.Quantity | None,
) -> units.Quantity | Decision | None:
    """The level required for *period*: an amount, a NO_DATA decision, or None (nothing)."""
    if isinstance(target, BaselineTarget):
        if not (target.in_force(period.start) or target.in_force(period.end)):
            return None
        levels: dict[str, units.Quantity] = {}
        for baseline in target.baselines:
            level = baseline.value if baseline.value is not None else baselines.get(baseline.label)
            if level is None:
                local = baseline.scope is BaselineScope.LOCAL
                return fixed(
                    target,
                    as_of,
                    Status.NO_DATA,
                    Reason.NO_LOCAL_BASELINE if local else Reason.NO_BASELINE,
                    period,
                    label=baseline.label,
                    baseline_period=baseline.period,
                )
            levels[baseline.label] = level
        return target.required_from(levels)
    amended = isinstance(target, ThresholdTarget | TrajectoryTarget) and bool(target.amendments)
    if amended and judgement_of(target) in YEARLY:
        # a year's figures against the level in force on the last day judged: the amendments
        # of 2023/24's value-weighted activity cut the level for the whole year
        value = target.value_on(min(last_day_judged(target, as_of), period.end))
    else:
        value = target.value_on(period.start)
        value = value if value is not None else target.value_on(period.end)
    if value is not None and share is not None:
        return share
    return value


def _level(  # noqa: PLR0911 - one return per fixed verdict, in the order they are checked
    target: Target,
    periods: Collection[Period],
    as_of: date,
    *,
    metric: Metric | None,
    baselines: Mapping[str, units.Quantity],
    share: units.Quantity | None,
) -> Decision:
    """Thresholds, trajectories, eliminations, baselines, pre-aggregated within-time figures."""
    assert isinstance(
        target,
        ThresholdTarget | TrajectoryTarget | EliminationTarget | BaselineTarget | WithinTimeTarget,
    )
    judged = judgement_of(target)
    period = period_judged(target, periods, as_of=as_of)
    if period is None:
        return fixed(target, as_of, Status.NO_DATA, Reason.NO_PERIOD, metric=target.metric)
    if judged is Judgement.DEADLINE_MONTH and as_of < period.end:
        return fixed(target, as_of, Status.NOT_DUE, Reason.MONTH_OPEN, period, ends=period.end)
    if judged in YEARLY and as_of < period.start:
        return fixed(
            target,
            as_of,
            Status.NOT_DUE,
            Reason.YEAR_NOT_BEGUN,
            period,
            starts=period.start,
        )
    present = sum(1 for p in periods if counts_for(period, judged, p, as_of=as_of))
    if not present:
        return _missing(target, period, periods, as_of)
    required = _required(target, period, as_of, baselines, share)
    if required is None:
        return fixed(target, as_of, Status.NOT_DUE, Reason.NOTHING_ASKED, period)
    if isinstance(required, Decision):
        return required
    total = judged is Judgement.PERIOD_TOTAL
    label = f"{period} figure"
    if judged in YEARLY:
        kind = "total" if total else "figure pooled"
        plural = "s" if present > 1 else ""
        so_far = " so far" if as_of < period.end else ""
        label = f"{period} {kind} over {present} period{plural}{so_far}"
    deadline = target.deadline
    due_by = (
        deadline.resolved
        if deadline is not None
        and deadline.kind is DeadlineKind.BY
        and judged in (Judgement.LATEST, Judgement.EACH_MONTH)
        and as_of < deadline.resolved
        else None
    )
    return compared(
        target,
        as_of,
        required,
        metric,
        label=label,
        ends=period.end,
        period=period,
        total=total,
        partial=total and as_of < period.end,
        due_by=due_by,
    )


def _missing(target: Target, period: Period, periods: Collection[Period], as_of: date) -> Decision:
    """NO_DATA: no figure for the period judged, naming the latest one found if any."""
    ended = ""
    if last_day_judged(target, as_of) < as_of:
        ended = f" (the target's last day in force was {target.effective_until})"
    latest = latest_period(target, periods, as_of=as_of)
    if latest is None:
        return fixed(
            target,
            as_of,
            Status.NO_DATA,
            Reason.NO_FIGURE,
            period,
            metric=target.metric,
            ended=ended,
        )
    return fixed(
        target,
        as_of,
        Status.NO_DATA,
        Reason.STALE_FIGURE,
        period,
        metric=target.metric,
        ended=ended,
        latest=latest,
    )
