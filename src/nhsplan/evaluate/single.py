"""Judge one target for one organisation on one date: :func:`evaluate` gives an Assessment.

Evaluation is a pure function of its arguments: the date assessed is always passed in, nothing
is read from files or the clock, and a missed target is a result (``Status.NOT_MET``), never
an exception. Bad input (a figure whose unit cannot convert, two figures for one month) raises
an :class:`~nhsplan.errors.NhsplanError` subclass naming what was wrong.

Each kind of target has its own judge; thresholds, trajectories and eliminations share one
(a required level in force on the period judged), baseline-relative targets work out their
level from the baselines, milestones look for a figure showing delivery and within-time
targets count the cases done in time (the judges are in :mod:`nhsplan.evaluate.decide`).
:func:`judged_period` says which period's figures judge a target.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import attrs

from nhsplan import units
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.evaluate import kinds, reasons
from nhsplan.evaluate.compare import verdict_on
from nhsplan.evaluate.decide import NO_BASELINES, Decision, decide, is_national
from nhsplan.evaluate.verdict import (
    figures_in,
    figures_of,
    judged_period,
    judgement_of,
    pool,
)
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
    OrgType,
    Status,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.model._inputs import to_as_of
from nhsplan.model._org_codes import read_org
from nhsplan.model._validators import to_org_type
from nhsplan.units import quantity
from nhsplan.units.inputs import in_unit

__all__ = [
    "assess",
    "compare",
    "compared",
    "evaluate",
    "judged_period",
    "observed",
    "own_baselines",
    "reading_of",
]


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
        population: for a target asked per head of population (``target.per``, "40-50
            virtual beds per 100,000 population"), the organisation's population in people;
            England's defaults to the bundled ONS mid-year estimate.

    Returns:
        The Assessment: status, the observed and required amounts, the margin (positive is
        better than required), the period judged, a one-sentence reason and the citation.

    Raises:
        UnitMismatchError: a figure's unit does not convert to the required one.
        InvalidObservationError: figures that overlap (two for one month), a proportion
            pooled over a year without its numerator and denominator, or case records given
            for a target that is not judged case by case.
        InvalidValueError: figures of several organisations and no *org*, a *metric*
            other than the target's, an *as_of* that is not a date, or an *org* that is not
            an organisation code (``"straße"``, ``""``), as :class:`Observation` refuses it.
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
        org = read_org(org)
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
    decision = decide(
        target,
        [o.period for o in figures],
        as_of=as_of,
        national=is_national(org, org_type),
        org_type=org_type,
        metric=metric,
        baselines=own_baselines(target, figures, baselines or NO_BASELINES, as_of),
        share=share,
        delivered=(
            {o.period: o.amount for o in figures if o.amount.magnitude > 0}
            if isinstance(target, MilestoneTarget)
            else None
        ),
        cases=cases,
        population=population,
    )
    return assess(decision, figures, org=org)


def assess(decision: Decision, figures: Sequence[Observation], *, org: str | None) -> Assessment:
    """The Assessment of *decision* for *org*, whose figures of the target's metric are *figures*.

    A fixed decision is worded for *org*; otherwise the figures of the period judged are
    pooled (:func:`observed`) and compared (:func:`compare`).

    Raises:
        InvalidObservationError: two figures cover the same days (a duplicate month, or a
            quarter and one of its months), or a proportion pooled over a year without its
            numerator and denominator.
    """
    if decision.parts:
        parts = [assess(part, figures, org=org) for part in decision.parts]
        return kinds.settle(decision, parts, org=org)
    figure = observed(decision, figures)
    if figure is not None:
        return compare(decision, figure, org=org)
    assert decision.status is not None  # a decision has a status, a level or parts
    target = decision.target
    return Assessment(
        target=target.id,
        status=decision.status,
        reason=reasons.sentence(decision.reason, decision.facts, org=org),
        citation=target.citation,
        as_of=decision.as_of,
        org=org,
        observed=decision.observed,
        period=decision.period,
        reading=reading_of(target),
    )


def observed(decision: Decision, figures: Sequence[Observation]) -> units.Quantity | None:
    """The figure *decision* compares: the period's figures pooled in the level's unit.

    None for a fixed decision. The figures of the period judged are checked first: two that
    cover the same days are refused, whatever the decision.

    Raises:
        InvalidObservationError: as for :func:`assess`.
    """
    level = decision.level
    chosen: list[Observation] = []
    if decision.period is not None and decision.reason in _CHECKED:
        judged = judgement_of(decision.target)
        chosen = figures_in(decision.period, judged, figures, as_of=decision.as_of)
    if level is None:
        return None
    if decision.observed is not None:
        return decision.observed
    figure = pool(chosen, unit=level.unit, total=level.total, proportion=level.proportion)
    if level.scale is not None:  # a count per head of population
        figure = quantity(figure.magnitude * level.scale, figure.unit)
    return figure


_CHECKED = frozenset(
    {
        reasons.Reason.COMPARED,
        reasons.Reason.NOTHING_ASKED,
        reasons.Reason.NO_BASELINE,
        reasons.Reason.NO_LOCAL_BASELINE,
    }
)
"""Decisions on the figures of a period: those figures are checked for overlaps."""


def compare(decision: Decision, observed: units.Quantity, *, org: str | None) -> Assessment:
    """The Assessment of a figure, *observed*, against the level *decision* settled.

    MET or NOT_MET by :meth:`~nhsplan.model.Comparison.holds`, or NOT_DUE where the figure
    cannot decide yet (:func:`~nhsplan.evaluate.verdict.pending`); the margin is positive on
    the good side. Every path compares by these same rules. A reach's figure, met or not, is
    reported as progress (NOT_APPLICABLE), its margin the figure less the level.
    """
    level = decision.level
    assert level is not None  # only a decision with a level compares
    figures = figures_of(observed, level.required)
    status, margin, reason = verdict_on(level, figures, target=decision.target.id, org=org)
    return compared(
        decision,
        org=org,
        status=status,
        reason=reason,
        observed=observed,
        margin=quantity(margin, level.required.unit),
    )


def compared(
    decision: Decision,
    *,
    org: str | None,
    status: Status,
    reason: str,
    observed: units.Quantity,
    margin: units.Quantity,
) -> Assessment:
    """The Assessment of a figure compared with *decision*'s level, with the verdict given.

    The target, citation, date, level, period and reading are the ones the decision settled.

    :func:`compare` gives one; an engine that compared a column of figures by the same rule
    (:func:`~nhsplan.evaluate.verdict.verdict_on` on arrays) gives each row's through this, so
    every path fills an Assessment's fields alike.
    """
    level = decision.level
    assert level is not None  # only a decision with a level compares
    return Assessment(
        target=decision.target.id,
        status=status,
        reason=reason,
        citation=decision.target.citation,
        as_of=decision.as_of,
        org=org,
        observed=observed,
        required=level.required,
        margin=margin,
        period=decision.period,
        reading=reading_of(decision.target),
    )


def reading_of(target: Target) -> str | None:
    """The reading a verdict on *target* rests on, as every output shows it; None if none."""
    return None if target.reading is None else target.reading.applied


def own_baselines(
    target: Target,
    figures: Sequence[Observation],
    baselines: Mapping[str, units.Quantity],
    as_of: date,
) -> Mapping[str, units.Quantity]:
    """*baselines*, with a local baseline not given read from the organisation's own figure."""
    if not isinstance(target, BaselineTarget):
        return baselines
    own = dict(baselines)
    for baseline in target.baselines:
        if (
            baseline.value is None
            and baseline.label not in own
            and baseline.scope is BaselineScope.LOCAL
        ):
            found = figures_in(baseline.period, Judgement.LATEST, figures, as_of=as_of)
            if found:
                own[baseline.label] = found[0].amount
    return own


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
