"""The judges behind :func:`nhsplan.evaluate.evaluate`: one per kind of target, and the comparison.

Thresholds, trajectories and eliminations share one judge (a required level in force on the
period judged), baseline-relative targets work out their level from the baselines, milestones
look for a figure showing delivery and within-time targets count the cases done in time. A
level-judged target stops at a :class:`LevelPlan` (everything but the value of its figures),
whose :meth:`~LevelPlan.judge` compares them. Pure: every date is an argument.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType

import attrs

from nhsplan import units
from nhsplan._enums import Comparison, ScoringKind, Status
from nhsplan._judging import (
    YEARLY,
    figures_in,
    figures_of,
    judged_period,
    judgement_of,
    last_day_judged,
    latest_figure,
    pool,
    verdict,
)
from nhsplan.calendar import DeadlineKind, Period
from nhsplan.model import (
    Assessment,
    BaselineScope,
    BaselineTarget,
    CaseRecord,
    EliminationTarget,
    Judgement,
    Metric,
    MilestoneTarget,
    Observation,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.units import quantity

__all__ = [
    "NO_BASELINES",
    "Context",
    "LevelPlan",
    "judge_baseline",
    "judge_milestone",
    "judge_threshold",
    "judge_within_time",
]

NO_BASELINES: Mapping[str, units.Quantity] = MappingProxyType({})


@attrs.frozen(kw_only=True)
class _Missing:
    """A baseline that could not be found: the target cannot be judged (NO_DATA)."""

    reason: str


_Required = Callable[[Period], "units.Quantity | _Missing | None"]
"""The level required for a period: an amount, a missing baseline, or None (nothing asked)."""


@attrs.frozen(kw_only=True)
class Context:
    """What every judge needs besides the figures."""

    target: Target
    as_of: date
    org: str | None
    metric: Metric | None
    baselines: Mapping[str, units.Quantity]
    share: units.Quantity | None = None
    """The organisation's own share of a national ambition, judged in its place."""

    @property
    def subject(self) -> str:
        """Whose figure it is, to start a sentence."""
        return f"{self.org}'s" if self.org else "The"

    @property
    def actor(self) -> str:
        """The organisation, to start a sentence."""
        return self.org or "The organisation"

    @property
    def who(self) -> str:
        """The organisation, inside a sentence."""
        return self.org or "the organisation"

    def unit(self, required: units.Quantity) -> str:
        """The unit results are given in: the metric's, else the required value's."""
        return self.metric.unit if self.metric is not None else required.unit

    def result(
        self,
        status: Status,
        reason: str,
        *,
        period: Period | None = None,
        observed: units.Quantity | None = None,
        required: units.Quantity | None = None,
        margin: units.Quantity | None = None,
    ) -> Assessment:
        """The Assessment for this target, organisation and date."""
        return Assessment(
            target=self.target.id,
            status=status,
            reason=reason,
            citation=self.target.citation,
            as_of=self.as_of,
            org=self.org,
            observed=observed,
            required=required,
            margin=margin,
            period=period,
            reading=None if self.target.reading is None else self.target.reading.applied,
        )


@attrs.frozen(kw_only=True)
class LevelPlan:
    """A level-judged verdict up to the comparison: all but the value of the figures.

    :func:`plan` gives it where a threshold, trajectory, elimination, baseline-relative or
    pre-aggregated within-time target reaches its comparison; :meth:`judge` pools the chosen
    figures and compares them, as :func:`evaluate` does.
    """

    ctx: Context
    comparison: Comparison
    period: Period
    """The period judged."""
    label: str
    """How the reason names the figure (``"2019-03 figure"``)."""
    chosen: tuple[Observation, ...]
    """The figures that judge the period."""
    unit: str
    """The unit the figures are pooled in."""
    required: units.Quantity
    """The level required, in *unit*."""
    total: bool
    proportion: bool
    partial: bool
    due_by: date | None

    def judge(self, chosen: tuple[Observation, ...] | None = None) -> Assessment:
        """The Assessment: *chosen* (else the plan's own figures) pooled and compared."""
        observed = pool(
            self.chosen if chosen is None else chosen,
            unit=self.unit,
            total=self.total,
            proportion=self.proportion,
        )
        return _compare(
            self.ctx,
            self.comparison,
            period=self.period,
            label=self.label,
            observed=observed,
            required=self.required,
            partial=self.partial,
            due_by=self.due_by,
        )


def _value_for(target: Target, period: Period) -> units.Quantity | None:
    """The value in force at the period's start, else at its end (a target starting mid-period)."""
    value = target.value_on(period.start)
    return value if value is not None else target.value_on(period.end)


# --- the judges, one per kind ------------------------------------------------------------------


def judge_threshold(
    ctx: Context,
    target: ThresholdTarget | TrajectoryTarget | EliminationTarget,
    figures: list[Observation],
) -> Assessment | LevelPlan:
    """Thresholds, trajectories and eliminations: the level in force on the period judged.

    For a national ambition judged of an organisation, the level is the organisation's own
    share (while the target is in force).
    """
    share = ctx.share
    if share is not None:
        return _judge_level(
            ctx,
            target.comparison,
            figures,
            lambda p: share if _value_for(target, p) is not None else None,
        )
    return _judge_level(ctx, target.comparison, figures, lambda p: _value_for(target, p))


def judge_baseline(
    ctx: Context, target: BaselineTarget, figures: list[Observation]
) -> Assessment | LevelPlan:
    """A level worked out from the baselines (the lowest or highest of them), then judged."""

    def required(period: Period) -> units.Quantity | _Missing | None:
        if not (target.in_force(period.start) or target.in_force(period.end)):
            return None
        levels: dict[str, units.Quantity] = {}
        for baseline in target.baselines:
            level = (
                baseline.value if baseline.value is not None else ctx.baselines.get(baseline.label)
            )
            if level is None and baseline.scope is BaselineScope.LOCAL:
                own = figures_in(baseline.period, Judgement.LATEST, figures, as_of=ctx.as_of)
                level = own[0].amount if own else None
            if level is None:
                where = (
                    f"{ctx.who}'s own {baseline.period} figure or baselines="
                    if baseline.scope is BaselineScope.LOCAL
                    else "baselines= (a national baseline is never read from the figures)"
                )
                return _Missing(
                    reason=f"No value for the baseline {baseline.label!r} of {target.id}; "
                    f"give it as {where}."
                )
            levels[baseline.label] = level
        return target.required_from(levels)

    return _judge_level(ctx, target.comparison, figures, required)


def judge_milestone(
    ctx: Context, target: MilestoneTarget, figures: list[Observation]
) -> Assessment:
    """Delivered (a figure above zero) in a period ending by the deadline."""
    deadline = target.deadline
    assert deadline is not None  # a milestone's deadline is validated
    end = deadline.end
    overdue = end is not None and ctx.as_of > end
    if target.metric is None:
        if not overdue:
            return ctx.result(Status.NOT_DUE, f"The milestone {target.id} is due {deadline}.")
        return ctx.result(
            Status.NO_DATA,
            f"The milestone {target.id} has no metric, so no figure can show it was "
            f"delivered {deadline}.",
        )
    period = judged_period(target, figures, as_of=ctx.as_of)
    first = next((o for o in figures if o.period == period and o.amount.magnitude > 0), None)
    if first is not None and (end is None or first.period.end <= end):
        return ctx.result(
            Status.MET,
            f"{ctx.actor} delivered the milestone {target.id} in {first.period}, {deadline}.",
            period=first.period,
            observed=first.amount,
        )
    if overdue and first is not None:
        return ctx.result(
            Status.NOT_MET,
            f"{ctx.actor} delivered the milestone {target.id} in {first.period}, after its "
            f"deadline, {deadline}.",
            period=first.period,
            observed=first.amount,
        )
    if overdue:
        return ctx.result(
            Status.NOT_MET,
            f"{ctx.actor} had not delivered the milestone {target.id} by {ctx.as_of}; it was "
            f"due {deadline}.",
        )
    return ctx.result(
        Status.NOT_DUE,
        f"The milestone {target.id} is due {deadline}; {ctx.who} had not delivered it by "
        f"{ctx.as_of}.",
    )


def judge_within_time(
    ctx: Context,
    target: WithinTimeTarget,
    figures: list[Observation],
    cases: list[CaseRecord],
) -> Assessment | LevelPlan:
    """The share of due cases done within their interval; pre-aggregated figures like LATEST."""
    if not cases:
        return _judge_level(ctx, target.comparison, figures, lambda p: _value_for(target, p))
    required = target.value_on(ctx.as_of)
    if required is None:
        return ctx.result(Status.NOT_DUE, f"The target {target.id} asks nothing on {ctx.as_of}.")
    as_of = ctx.as_of
    done = {c: c.end for c in cases if c.end is not None and c.end <= as_of}
    due = [c for c in cases if target.due(c.start) <= as_of or c in done]
    if not due:
        return ctx.result(
            Status.NO_DATA,
            f"No {target.metric} case of {ctx.who} was due or done by {as_of}.",
        )
    in_time = [c for c in due if c in done and done[c] <= target.due(c.start)]
    unit = ctx.unit(required)
    observed = quantity(100 * len(in_time) / len(due), "percent").to(unit)
    label = (
        f"share of cases done within {target.months} months ({len(in_time)} of {len(due)} "
        f"due by {as_of})"
    )
    return _compare(
        ctx,
        target.comparison,
        period=None,
        label=label,
        observed=observed,
        required=required.to(unit),
    )


def _judge_level(
    ctx: Context, comparison: Comparison, figures: list[Observation], required_for: _Required
) -> Assessment | LevelPlan:
    """Select the period judged and its figures, and the level required: the plan to compare."""
    target, as_of = ctx.target, ctx.as_of
    judged = judgement_of(target)
    period = judged_period(target, figures, as_of=as_of)
    if period is None:
        return ctx.result(
            Status.NO_DATA,
            f"No figure of {target.metric} for {ctx.who} for a period in force that ended by "
            f"{as_of}.",
        )
    early = _before_period(ctx, judged, period)
    if early is not None:
        return early
    chosen = figures_in(period, judged, figures, as_of=as_of)
    if not chosen:
        return ctx.result(Status.NO_DATA, _no_figure(ctx, period, figures), period=period)
    required = required_for(period)
    if required is None:
        return ctx.result(
            Status.NOT_DUE, f"The target {target.id} asks nothing for {period}.", period=period
        )
    if isinstance(required, _Missing):
        return ctx.result(Status.NO_DATA, required.reason, period=period)
    unit = ctx.unit(required)
    total = judged is Judgement.PERIOD_TOTAL
    proportion = ctx.metric is not None and ctx.metric.kind is ScoringKind.PROPORTION
    label = f"{period} figure"
    if judged in YEARLY:
        kind = "total" if total else "figure pooled"
        plural = "s" if len(chosen) > 1 else ""
        so_far = " so far" if as_of < period.end else ""
        label = f"{period} {kind} over {len(chosen)} period{plural}{so_far}"
    partial = total and as_of < period.end
    deadline = target.deadline
    due_by = (
        deadline.resolved
        if deadline is not None
        and deadline.kind is DeadlineKind.BY
        and judged in (Judgement.LATEST, Judgement.EACH_MONTH)
        and as_of < deadline.resolved
        else None
    )
    return LevelPlan(
        ctx=ctx,
        comparison=comparison,
        period=period,
        label=label,
        chosen=tuple(chosen),
        unit=unit,
        required=required.to(unit),
        total=total,
        proportion=proportion,
        partial=partial,
        due_by=due_by,
    )


def _no_figure(ctx: Context, period: Period, figures: list[Observation]) -> str:
    """Why nothing judges *period*: no figure at all, or only an older (or other) one."""
    target, as_of = ctx.target, ctx.as_of
    ended = ""
    if last_day_judged(target, as_of) < as_of:
        ended = f" (the target's last day in force was {target.effective_until})"
    latest = latest_figure(target, figures, as_of=as_of)
    if latest is None:
        return f"No {period} figure of {target.metric} for {ctx.who} by {as_of}{ended}."
    return (
        f"No {period} figure of {target.metric} for {ctx.who} by {as_of}{ended}: the latest "
        f"figure found is for {latest.period}, and only a figure for the period judged "
        "decides a verdict."
    )


def _before_period(ctx: Context, judged: Judgement, period: Period) -> Assessment | None:
    """NOT_DUE while the deadline month is incomplete or the year judged has not begun."""
    target, as_of = ctx.target, ctx.as_of
    if judged is Judgement.DEADLINE_MONTH and as_of < period.end:
        return ctx.result(
            Status.NOT_DUE,
            f"The target {target.id} is judged on the {period} figure, complete on "
            f"{period.end}, after the date assessed, {as_of}.",
            period=period,
        )
    if judged in YEARLY and as_of < period.start:
        return ctx.result(
            Status.NOT_DUE,
            f"The target {target.id} is judged on {period}, which begins on {period.start}, "
            f"after the date assessed, {as_of}.",
            period=period,
        )
    return None


def _compare(
    ctx: Context,
    comparison: Comparison,
    *,
    period: Period | None,
    label: str,
    observed: units.Quantity,
    required: units.Quantity,
    partial: bool = False,
    due_by: date | None = None,
) -> Assessment:
    """MET or NOT_MET (or NOT_DUE), the margin and the sentence saying so: see :func:`verdict`."""
    status, reason, margin = verdict(
        comparison,
        figures_of(observed, required),
        subject=ctx.subject,
        label=label,
        ends=period.end if period is not None else ctx.as_of,
        partial=partial,
        due_by=due_by,
    )
    return ctx.result(
        status,
        reason,
        period=period,
        observed=observed,
        required=required,
        margin=quantity(margin, required.unit),
    )
