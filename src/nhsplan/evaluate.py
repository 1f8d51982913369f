"""Judge one target for one organisation on one date: :func:`evaluate` gives an Assessment.

Evaluation is a pure function of its arguments: the date assessed is always passed in, nothing
is read from files or the clock, and a missed target is a result (``Status.NOT_MET``), never
an exception. Bad input (a figure whose unit cannot convert, two figures for one month) raises
an :class:`~nhsplan.errors.NhsplanError` subclass naming what was wrong.

Each kind of target has its own judge; thresholds, trajectories and eliminations share one
(a required level in force on the period judged), baseline-relative targets work out their
level from the baselines, milestones look for a figure showing delivery and within-time
targets count the cases done in time. :func:`judged_period` says which period's figures
judge a target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from types import MappingProxyType

import attrs

from nhsplan import units
from nhsplan._enums import Comparison, Scope, ScoringKind, Status
from nhsplan._judging import (
    YEARLY,
    figures_in,
    figures_of,
    judged_period,
    judgement_of,
    last_day_judged,
    latest_figure,
    pool,
    target_start,
    verdict,
)
from nhsplan.calendar import DeadlineKind, Period
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.model import (
    ENGLAND,
    Assessment,
    BaselineScope,
    BaselineTarget,
    CaseRecord,
    EliminationTarget,
    Judgement,
    Metric,
    MilestoneTarget,
    Observation,
    OrgType,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.model._inputs import to_as_of, to_code
from nhsplan.units import quantity
from nhsplan.units.inputs import in_unit

__all__ = ["LevelPlan", "evaluate", "judged_period", "plan", "screen"]

_NO_BASELINES: Mapping[str, units.Quantity] = MappingProxyType({})


@attrs.frozen(kw_only=True)
class _Missing:
    """A baseline that could not be found: the target cannot be judged (NO_DATA)."""

    reason: str


_Required = Callable[[Period], "units.Quantity | _Missing | None"]
"""The level required for a period: an amount, a missing baseline, or None (nothing asked)."""


@attrs.frozen(kw_only=True)
class _Context:
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
        )


@attrs.frozen(kw_only=True)
class LevelPlan:
    """A level-judged verdict up to the comparison: all but the value of the figures.

    :func:`plan` gives it where a threshold, trajectory, elimination, baseline-relative or
    pre-aggregated within-time target reaches its comparison; :meth:`judge` pools the chosen
    figures and compares them, as :func:`evaluate` does.
    """

    ctx: _Context
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


def evaluate(
    target: Target,
    observations: Iterable[Observation | CaseRecord],
    *,
    as_of: date | str,
    org: str | None = None,
    org_type: OrgType | str | None = None,
    metric: Metric | None = None,
    baselines: Mapping[str, units.Quantity] | None = None,
    share: units.Quantity | None = None,
) -> Assessment:
    """Judge *target* against the figures known on *as_of*.

    Args:
        target: any kind of target, from a guidance edition or built by hand.
        observations: figures (and, for within-time targets, case records). Only those of
            the target's metric, and of *org* when given, are used.
        as_of: the date assessed (a ``date``, ISO text, a ``datetime`` or a pandas
            ``Timestamp``); figures for periods ending after it are not used.
        org: the organisation's code, in any case; without it the figures must all be one
            organisation's.
        org_type: the organisation's type (an ``OrgType`` or its value, ``"acute_trust"``); a
            target that asks nothing of that type is ``NOT_APPLICABLE``.
        metric: the target's metric, whose unit the result is given in and whose scoring
            kind says how a year's figures pool; without it the target's own unit is used.
            Given, each figure is checked against it (:meth:`Metric.resolve`): a proportion
            above 100 % is refused, as :func:`~nhsplan.evaluate_guidance` refuses it.
        baselines: baseline values by label, for baseline-relative targets (national
            baselines must be given here; a local one may be the organisation's own figure).
        share: for a national ambition (``target.scope`` is ``Scope.NATIONAL``), the
            organisation's own share or plan value of it. A national ambition is judged on
            England's figure (organisation ``ENGLAND``, or type ``national``); any other
            organisation gets NOT_APPLICABLE unless it gives its share, which its own figure
            is then judged against.

    Returns:
        The Assessment: status, the observed and required amounts, the margin (positive is
        better than required), the period judged, a one-sentence reason and the citation.

    Raises:
        UnitMismatchError: a figure's unit does not convert to the required one.
        InvalidObservationError: figures that overlap (two for one month), a proportion
            pooled over a year without its numerator and denominator, or case records given
            for a target that is not judged case by case.
        InvalidValueError: figures of several organisations and no *org*, a *metric*
            other than the target's, or an *as_of* that is not a date.
        InvalidObservationError: a figure that cannot be right for *metric*, or a number
            without a unit where the unit is a proportion (``79``: is it 79 % or 0.79?).

    A figure given as a bare number (``value=12``) is read in the metric's unit, or without a
    metric in the target's unit, where that is unambiguous; see :meth:`Metric.resolve`.

    >>> from nhsplan.calendar import Month
    >>> from nhsplan.catalog import load_guidance
    >>> fds = load_guidance("2021/22").target("cancer_faster_diagnosis_standard")
    >>> december = Observation(org="RBD", metric="cancer_faster_diagnosis",
    ...                        period=Month(2021, 12), numerator=742, denominator=1000)
    >>> a = evaluate(fds, [december], as_of=date(2022, 1, 20), org="RBD")
    >>> a.status, str(a.observed), str(a.margin)
    (<Status.NOT_MET: 'not_met'>, '74.2 %', '-0.7999999999999972 %')
    >>> print(a.reason)
    RBD's 2021-12 figure, 74.2%, is below the 75% required (at least).
    >>> evaluate(fds, [december], as_of=date(2021, 9, 30), org="RBD").status
    <Status.NOT_DUE: 'not_due'>
    """
    as_of = to_as_of(as_of)
    if org is not None:
        org = to_code(org)
    if org_type is not None and not isinstance(org_type, OrgType):
        org_type = to_org_type(org_type)
    if metric is not None and not isinstance(metric, Metric):
        raise InvalidValueError(
            f"{metric!r} ({type(metric).__name__}) is not a Metric",
            field="metric",
            example=f"guidance.metric({target.metric!r})",
        )
    if metric is not None and metric.id != target.metric:
        raise InvalidValueError(
            f"metric {metric.id!r} is not target {target.id!r}'s metric {target.metric!r}",
            field="metric",
            example=f"guidance.metric({target.metric!r})",
        )
    figures, cases = _relevant(target, observations, org)
    figures = [_read(target, metric, o) for o in figures]
    if org is None:
        org = next(iter([o.org for o in figures] + [c.org for c in cases]), None)
    ctx = _Context(
        target=target,
        as_of=as_of,
        org=org,
        metric=metric,
        baselines=_NO_BASELINES if baselines is None else baselines,
        share=share,
    )
    outcome = _plan(ctx, target, figures, cases, org_type)
    return outcome if isinstance(outcome, Assessment) else outcome.judge()


def plan(
    target: Target,
    figures: list[Observation],
    *,
    as_of: date,
    org: str,
    metric: Metric | None,
) -> Assessment | LevelPlan:
    """Everything :func:`evaluate` decides before it reads the value of a figure.

    For the columnar engine, which judges many organisations' figures at once: the
    Assessment where the verdict does not depend on any figure's value (NOT_DUE,
    NOT_APPLICABLE, NO_DATA, a milestone), else the :class:`LevelPlan` whose
    :meth:`~LevelPlan.judge` gives what :func:`evaluate` gives. *figures* are checked
    observations of *target*'s metric and of *org* (no org type, share or baselines).
    """
    ctx = _Context(target=target, as_of=as_of, org=org, metric=metric, baselines=_NO_BASELINES)
    return _plan(ctx, target, figures, [], None)


def screen(target: Target, *, as_of: date, org: str, metric: Metric | None) -> Assessment | None:
    """The verdict of :func:`evaluate` where no figure can change it, else None.

    NOT_APPLICABLE for a national ambition judged of another organisation (no share) or a
    target retired before its deadline, NOT_DUE for one not yet started; None for a
    milestone, which its figures decide.
    """
    ctx = _Context(target=target, as_of=as_of, org=org, metric=metric, baselines=_NO_BASELINES)
    screened = _screen(ctx, None)
    if screened is not None or isinstance(target, MilestoneTarget):
        return screened
    return _not_yet(ctx)


def _plan(
    ctx: _Context,
    target: Target,
    figures: list[Observation],
    cases: list[CaseRecord],
    org_type: OrgType | None,
) -> Assessment | LevelPlan:
    """The dispatch of :func:`evaluate`: an Assessment, or the plan of a level to compare."""
    screened = _screen(ctx, org_type)
    if screened is not None:
        return screened
    if isinstance(target, MilestoneTarget):
        return _judge_milestone(ctx, target, figures)
    early = _not_yet(ctx)
    if early is not None:
        return early
    if isinstance(target, WithinTimeTarget):
        return _judge_within_time(ctx, target, figures, cases)
    if cases:
        raise InvalidObservationError(
            f"case records judge only within-time targets, and {target.id!r} is a "
            f"{target.KIND} target",
            field=f"observations ({cases[0].org} {cases[0].ref or cases[0].start})",
            example="Observation(org='RBD', metric=..., period=Month(2021, 12), value=...)",
        )
    if isinstance(target, BaselineTarget):
        return _judge_baseline(ctx, target, figures)
    return _judge_threshold(ctx, target, figures)


def _screen(ctx: _Context, org_type: OrgType | None) -> Assessment | None:
    """NOT_APPLICABLE where the target asks nothing of this organisation, else None."""
    target = ctx.target
    england = target.scope is Scope.NATIONAL and _is_national(ctx.org, org_type)
    if org_type is not None and not england and not target.applies_to_type(org_type):
        asked = ", ".join(sorted(t.value for t in target.applies_to))
        return ctx.result(
            Status.NOT_APPLICABLE,
            f"The target {target.id} asks nothing of {org_type.value} organisations, only of "
            f"{asked}.",
        )
    return _not_national(ctx, target, org_type)


def _not_yet(ctx: _Context) -> Assessment | None:
    """NOT_APPLICABLE for a target retired before its deadline; NOT_DUE before it starts."""
    retired = _retired_before_deadline(ctx)
    if retired is not None:
        return retired
    target, as_of = ctx.target, ctx.as_of
    start = target_start(target)
    if start is not None and as_of < start:
        return ctx.result(
            Status.NOT_DUE,
            f"The target {target.id} applies from {start}, after the date assessed, {as_of}.",
        )
    return None


def _is_national(org: str | None, org_type: OrgType | None) -> bool:
    return org_type is OrgType.NATIONAL or (org is not None and org.upper() == ENGLAND)


def _not_national(ctx: _Context, target: Target, org_type: OrgType | None) -> Assessment | None:
    """NOT_APPLICABLE for a national ambition judged of an organisation that gave no share."""
    if target.scope is not Scope.NATIONAL or _is_national(ctx.org, org_type):
        if ctx.share is not None and target.scope is not Scope.NATIONAL:
            raise InvalidValueError(
                f"a share is given for {target.id!r}, which is not a national ambition",
                field="share",
                example="share=... only for a target whose scope is national",
            )
        return None
    if ctx.share is not None:
        if isinstance(target, MilestoneTarget | WithinTimeTarget):
            raise InvalidValueError(
                f"a share cannot be given for the {target.KIND} target {target.id!r}",
                field="share",
                example="share='900 FTE' for a national threshold or trajectory",
            )
        return None
    on_date = target.value_on(ctx.as_of)
    published = _value_for_any(target) if on_date is None else on_date
    level = f" ({published.format()} across England)" if published is not None else ""
    return ctx.result(
        Status.NOT_APPLICABLE,
        f"The target {target.id} is a national ambition{level}, judged on England's figure; "
        f"{ctx.who} is judged against it only with its own share or plan value (share=).",
    )


def _value_for_any(target: Target) -> units.Quantity | None:
    """The value the target asks on its first day in force, to name a national level."""
    start, end = target.lifetime
    for day in (start, end):
        if day is not None and target.value_on(day) is not None:
            return target.value_on(day)
    return None


def _retired_before_deadline(ctx: _Context) -> Assessment | None:
    """NOT_APPLICABLE for a target retired (superseded) before its deadline month ended."""
    target = ctx.target
    until = target.effective_until
    if until is None or judgement_of(target) is not Judgement.DEADLINE_MONTH:
        return None
    month = judged_period(target, (), as_of=ctx.as_of)
    if month is None or until >= month.end:
        return None
    successor = f"; {target.superseded_by} replaced it" if target.superseded_by else ""
    return ctx.result(
        Status.NOT_APPLICABLE,
        f"The target {target.id} was retired on {until}, before its deadline month {month} "
        f"ended{successor}.",
    )


def _relevant(
    target: Target, observations: Iterable[Observation | CaseRecord], org: str | None
) -> tuple[list[Observation], list[CaseRecord]]:
    """The figures and case records of the target's metric (and of *org*, if given)."""
    figures: list[Observation] = []
    cases: list[CaseRecord] = []
    if isinstance(observations, str | bytes) or not isinstance(observations, Iterable):
        raise InvalidObservationError(
            f"{type(observations).__name__} is not a collection of observations",
            field="observations",
            example="[Observation(org='RBD', metric=..., period='2021-12', value='87.5 %')]",
        )
    for item in observations:
        if not isinstance(item, Observation | CaseRecord):
            raise InvalidObservationError(
                f"{item!r} ({type(item).__name__}) is not an Observation or CaseRecord",
                field="observations",
                example="Observation(org='RBD', metric=..., period='2021-12', value='87.5 %')",
            )
        if item.metric != target.metric or (org is not None and item.org != org):
            continue
        if isinstance(item, CaseRecord):
            cases.append(item)
        else:
            figures.append(item)
    if org is None:
        orgs = sorted({o.org for o in figures} | {c.org for c in cases})
        if len(orgs) > 1:
            raise InvalidValueError(
                f"figures of {target.metric!r} for {len(orgs)} organisations "
                f"({', '.join(orgs[:3])}{', ...' if len(orgs) > 3 else ''}); say whose to judge",
                field="org",
                example=f"evaluate(target, observations, as_of=..., org={orgs[0]!r})",
            )
    return figures, cases


def to_org_type(value: object) -> OrgType:
    """An organisation type from its value (``"acute_trust"``), any case."""
    try:
        return OrgType(value.lower() if isinstance(value, str) else value)
    except ValueError:
        raise InvalidValueError(
            f"{value!r} is not an organisation type; known: " + ", ".join(t.value for t in OrgType),
            field="org_type",
            example="OrgType.ACUTE_TRUST or 'acute_trust'",
        ) from None


def _target_unit(target: Target) -> str | None:
    """The unit of the target's own values; None where only its baselines would say."""
    if isinstance(target, ThresholdTarget | WithinTimeTarget):
        return target.value.unit
    if isinstance(target, EliminationTarget):
        return target.unit
    if isinstance(target, TrajectoryTarget):
        return target.points[0].value.unit
    if isinstance(target, BaselineTarget):
        given = [b.value for b in target.baselines if b.value is not None]
        return given[0].unit if given else None
    return None


def _read(target: Target, metric: Metric | None, observation: Observation) -> Observation:
    """*observation* checked against *metric*, a bare number read in its unit.

    Without a metric a bare number is read in the target's unit; for a milestone it is a
    plain count of deliveries.
    """
    if metric is not None:
        return metric.resolve(observation)
    if not isinstance(observation.value, float):
        return observation
    unit = "count" if isinstance(target, MilestoneTarget) else _target_unit(target)
    what = f"{observation.org} {observation.metric} {observation.period}"
    if unit is None:
        raise InvalidObservationError(
            f"{observation.value:g} for {what} has no unit, and target {target.id!r} has no "
            "unit to read it in",
            field="value",
            example="value='12 pathways', or evaluate(..., metric=guidance.metric(...))",
        )
    value = in_unit(
        observation.value, unit, field="value", what=what, error=InvalidObservationError
    )
    return attrs.evolve(observation, value=value)


def _value_for(target: Target, period: Period) -> units.Quantity | None:
    """The value in force at the period's start, else at its end (a target starting mid-period)."""
    value = target.value_on(period.start)
    return value if value is not None else target.value_on(period.end)


# --- the judges, one per kind ------------------------------------------------------------------


def _judge_threshold(
    ctx: _Context,
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


def _judge_baseline(
    ctx: _Context, target: BaselineTarget, figures: list[Observation]
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


def _judge_milestone(
    ctx: _Context, target: MilestoneTarget, figures: list[Observation]
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


def _judge_within_time(
    ctx: _Context,
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
    ctx: _Context, comparison: Comparison, figures: list[Observation], required_for: _Required
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


def _no_figure(ctx: _Context, period: Period, figures: list[Observation]) -> str:
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


def _before_period(ctx: _Context, judged: Judgement, period: Period) -> Assessment | None:
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
    ctx: _Context,
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
