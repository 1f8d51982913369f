"""Judge one target for one organisation on one date: :func:`evaluate` gives an Assessment.

Evaluation is a pure function of its arguments: the date assessed is always passed in, nothing
is read from files or the clock, and a missed target is a result (``Status.NOT_MET``), never
an exception. Bad input (a figure whose unit cannot convert, two figures for one month) raises
an :class:`~nhsplan.errors.NhsplanError` subclass naming what was wrong.

Each kind of target has its own judge; thresholds, trajectories and eliminations share one
(a required level in force on the period judged), baseline-relative targets work out their
level from the baselines, milestones look for a figure showing delivery and within-time
targets count the cases done in time (the judges are in :mod:`nhsplan._judges`).
:func:`judged_period` says which period's figures judge a target.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from nhsplan import _judges_kinds as _kinds
from nhsplan import units
from nhsplan._enums import Scope, Status
from nhsplan._judges import (
    NO_BASELINES,
    Context,
    LevelPlan,
    judge_baseline,
    judge_milestone,
    judge_within_time,
)
from nhsplan._judging import (
    judged_period,
    judgement_of,
    target_start,
)
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.model import (
    ENGLAND,
    Assessment,
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
from nhsplan.units.inputs import in_unit

__all__ = ["LevelPlan", "evaluate", "judged_period", "plan", "screen"]


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
    population: units.Quantity | float | None = None,
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
        population: for a target asked per head of population (``target.per``), the
            organisation's population; England's defaults to the bundled ONS estimate.

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
    ctx = Context(
        target=target,
        as_of=as_of,
        org=org,
        metric=metric,
        baselines=NO_BASELINES if baselines is None else baselines,
        share=share,
    )
    outcome = _plan(ctx, target, figures, cases, org_type, population=population)
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
    ctx = Context(target=target, as_of=as_of, org=org, metric=metric, baselines=NO_BASELINES)
    return _plan(ctx, target, figures, [], None)


def screen(target: Target, *, as_of: date, org: str, metric: Metric | None) -> Assessment | None:
    """The verdict of :func:`evaluate` where no figure can change it, else None.

    NOT_APPLICABLE for a national ambition judged of another organisation (no share) or a
    target retired before its deadline, NOT_DUE for one not yet started; None for a
    milestone, which its figures decide.
    """
    ctx = Context(target=target, as_of=as_of, org=org, metric=metric, baselines=NO_BASELINES)
    screened = _screen(ctx, None)
    if screened is not None or isinstance(target, MilestoneTarget):
        return screened
    return _not_yet(ctx)


def _plan(
    ctx: Context,
    target: Target,
    figures: list[Observation],
    cases: list[CaseRecord],
    org_type: OrgType | None,
    *,
    population: units.Quantity | float | None = None,
) -> Assessment | LevelPlan:
    """The dispatch of :func:`evaluate`: an Assessment, or the plan of a level to compare."""
    screened = _screen(ctx, org_type)
    if screened is not None:
        return screened
    if isinstance(target, MilestoneTarget):
        return judge_milestone(ctx, target, figures)
    early = _not_yet(ctx)
    if early is not None:
        return early
    if isinstance(target, WithinTimeTarget):
        return judge_within_time(ctx, target, figures, cases)
    if cases:
        raise InvalidObservationError(
            f"case records judge only within-time targets, and {target.id!r} is a "
            f"{target.KIND} target",
            field=f"observations ({cases[0].org} {cases[0].ref or cases[0].start})",
            example="Observation(org='RBD', metric=..., period=Month(2021, 12), value=...)",
        )
    if isinstance(target, BaselineTarget):
        return judge_baseline(ctx, target, figures)
    # judge_threshold, or one of issue 17's kinds (_judges_kinds.py) where the target has one
    return _kinds.judge_kind(ctx, target, figures, population=population)


def _screen(ctx: Context, org_type: OrgType | None) -> Assessment | None:
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


def _not_yet(ctx: Context) -> Assessment | None:
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


def _not_national(ctx: Context, target: Target, org_type: OrgType | None) -> Assessment | None:
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


def _retired_before_deadline(ctx: Context) -> Assessment | None:
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
