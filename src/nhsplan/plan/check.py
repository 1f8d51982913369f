"""Check a draft plan against the guidance before it is submitted: :func:`check_plan`.

Every target is judged on the planned figures by the decision core, exactly as it would be
judged on reported figures: a plan line is the figure the target would be judged on
(:meth:`~nhsplan.model.PlanLine.observation`), and :func:`nhsplan.evaluate` is asked for its
verdict on the last day of each month of the plan's financial years. Whatever kind of target
an edition holds (levels, points on a baseline, floors, eliminations by their month, yearly
levels) is judged the way :mod:`nhsplan.evaluate.decide` judges it; nothing here compares a
figure with a level. The other checks are about the plan itself: every metric asked planned
every month (:mod:`nhsplan.plan.coverage`), lines that agree with themselves, national
ambitions on the plans summed and an ICB's plan against its providers'
(:mod:`nhsplan.plan.sums`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from nhsplan import units
from nhsplan.calendar import FinancialYear, Month, Period
from nhsplan.errors import InvalidObservationError, InvalidPlanError
from nhsplan.evaluate.single import evaluate, own_baselines
from nhsplan.model import Assessment, Guidance, Observation, Plan, Scope, Status
from nhsplan.model._inputs import to_as_of
from nhsplan.plan.coverage import coverage
from nhsplan.plan.findings import Check, Finding, PlanCheck, Severity, target_finding
from nhsplan.plan.sums import national, provider_sums
from nhsplan.units import quantity

__all__ = ["check_plan", "check_plans", "plan_span", "readable"]

_AGREE = 0.05
"""How far (in percentage points) a stated value may be from numerator ÷ denominator: the
rounding of a figure given to one decimal place."""


def check_plan(
    plan: Plan,
    guidance: Guidance,
    *,
    baseline: Iterable[Observation] | None = None,
    as_of: date | str | None = None,
) -> PlanCheck:
    """Check *plan* against *guidance*: :func:`check_plans` for one plan.

    >>> from nhsplan.catalog import load_guidance
    >>> from nhsplan.model import PlanLine, Observation
    >>> g = load_guidance("2025/26")
    >>> plan = Plan(org="RBD", edition="2025/26", org_type="acute_trust", lines=[
    ...     PlanLine(metric="rtt_18_weeks_incomplete", period="2026-03", value="61.2 %")])
    >>> nov = Observation(org="RBD", metric="rtt_18_weeks_incomplete", period="2024-11",
    ...                   value="58.4 %")
    >>> result = check_plan(plan, g, baseline=[nov])
    >>> print(*(f.target for f in result.findings if f.severity.value == "error" and f.target))
    rtt_18_weeks_trust_improvement_2025_26
    """
    return check_plans([plan], guidance, baseline=baseline, as_of=as_of)


def check_plans(
    plans: Iterable[Plan],
    guidance: Guidance,
    *,
    baseline: Iterable[Observation] | None = None,
    as_of: date | str | None = None,
) -> PlanCheck:
    """Check each plan against *guidance*, and the plans together.

    Args:
        plans: one or more plans (an ICB's and its providers', or several trusts').
        guidance: the edition the plans answer.
        baseline: reported figures a baseline-relative target needs (a trust's November 2024
            18-week figure); a figure for a month a plan also plans is left out.
        as_of: the last day judged (default: the end of the latest month planned); plan
            months ending after it are not judged.

    Returns:
        The findings, errors first: each target in force for an organisation judged on its
        planned figure in every period the target judges within the plan's financial years
        (error: missed; warning: no figure planned; note: met or not yet due); each metric
        the guidance asks of the organisation's type planned for every month (coverage); lines
        whose value disagrees with their numerator and denominator, or that the metric
        cannot hold (consistency); national ambitions judged on the plans summed; an ICB's
        (type ``system``) plan against the sum of the providers' plans given with it.

    Raises:
        InvalidPlanError: no plans, or two plans of one organisation.
    """
    chosen = tuple(plans)
    if not chosen:
        raise InvalidPlanError("no plan to check", field="plans", example="[plan]")
    orgs = [p.org for p in chosen]
    if len(set(orgs)) < len(orgs):
        twice = sorted({o for o in orgs if orgs.count(o) > 1})
        raise InvalidPlanError(
            f"two plans for {', '.join(twice)}", field="plans", example="one plan per organisation"
        )
    last = _last_day(chosen, as_of)
    figures = tuple(baseline or ())
    findings: list[Finding] = []
    resolved: dict[str, list[Observation]] = {}
    for plan in chosen:
        if plan.edition != guidance.id:
            findings.append(
                Finding(
                    severity=Severity.NOTE,
                    check=Check.CONSISTENCY,
                    org=plan.org,
                    message=(
                        f"{plan.label}: planned against edition {plan.edition}, checked "
                        f"against {guidance.id}."
                    ),
                )
            )
        good, bad = readable(plan, guidance)
        resolved[plan.org] = good
        findings += bad
        findings += _targets(plan, good, guidance, figures, last)
        findings += coverage(plan, guidance, plan_span(plan), last)
    findings += national(chosen, resolved, guidance, _span_of(chosen), last)
    findings += provider_sums(chosen, resolved, guidance)
    return PlanCheck(edition=guidance.id, orgs=tuple(orgs), as_of=last, findings=findings)


def _last_day(plans: Sequence[Plan], as_of: date | str | None) -> date:
    if as_of is not None:
        return to_as_of(as_of)
    ends = [line.period.end for p in plans for line in p.lines]
    if not ends:
        raise InvalidPlanError("the plans have no lines", field="lines", example="[PlanLine(...)]")
    return max(ends)


def plan_span(plan: Plan) -> tuple[Month, ...]:
    """Every month of the financial years the plan's lines fall in, in order."""
    if not plan.lines:
        return ()
    first = min(line.period.start for line in plan.lines)
    last = max(line.period.end for line in plan.lines)
    month = Month.containing(FinancialYear.containing(first).start)
    end = FinancialYear.containing(last).end
    months = [month]
    while months[-1].end < end:
        months.append(months[-1].next())
    return tuple(months)


def _span_of(plans: Sequence[Plan]) -> tuple[Month, ...]:
    months = {m for p in plans for m in plan_span(p)}
    return tuple(sorted(months, key=lambda m: m.start))


def readable(plan: Plan, guidance: Guidance) -> tuple[list[Observation], list[Finding]]:
    """The plan's lines as figures its metrics can hold, and a finding for each that is not.

    A line whose value disagrees with its numerator and denominator (by more than 0.05
    points) is an error, judged on the ratio; a line the metric cannot hold (a proportion
    above 100 %, a unit that does not convert, a bare number for a proportion) is an error
    and is left out; a metric the edition does not define is a note and is not judged.
    """
    known = {m.id: m for m in guidance.metrics}
    good: list[Observation] = []
    bad: list[Finding] = []
    unknown: set[str] = set()
    for line in plan.lines:
        obs = line.observation(plan.org)
        metric = known.get(line.metric)
        if metric is None:
            if line.metric not in unknown:
                unknown.add(line.metric)
                bad.append(
                    Finding(
                        severity=Severity.NOTE,
                        check=Check.CONSISTENCY,
                        org=plan.org,
                        metric=line.metric,
                        message=(
                            f"{plan.label}: {line.metric} is not a metric of edition "
                            f"{guidance.id}; its lines are not judged."
                        ),
                    )
                )
            good.append(obs)
            continue
        try:
            obs = metric.resolve(obs)
            stated = None
            if line.has_ratio and line.value is not None:
                value_only = Observation(
                    org=plan.org, metric=line.metric, period=line.period, value=line.value
                )
                stated = metric.resolve(value_only).amount
        except InvalidObservationError as exc:
            bad.append(_line_error(plan, line.metric, line.period, f"cannot be read: {exc}"))
            continue
        good.append(obs)
        ratio = line.ratio
        if stated is not None and ratio is not None:
            gap = abs(stated.to("percent").magnitude - ratio.magnitude)
            if gap > _AGREE:
                bad.append(
                    _line_error(
                        plan,
                        line.metric,
                        line.period,
                        f"states {stated.format()} but its numerator and denominator, "
                        f"{line.numerator:,.0f} of {line.denominator:,.0f}, make "
                        f"{ratio.magnitude:.2f}% (judged on the ratio)",
                        planned=quantity(stated.to("percent").magnitude, "percent"),
                        required=ratio,
                    )
                )
    return good, bad


def _line_error(
    plan: Plan,
    metric: str,
    period: Period,
    what: str,
    *,
    planned: units.Quantity | None = None,
    required: units.Quantity | None = None,
) -> Finding:
    return Finding(
        severity=Severity.ERROR,
        check=Check.CONSISTENCY,
        org=plan.org,
        metric=metric,
        period=period,
        planned=planned,
        required=required,
        message=f"{plan.label}: the {metric} line for {period} {what}.",
    )


def _targets(
    plan: Plan,
    figures: list[Observation],
    guidance: Guidance,
    baseline: Sequence[Observation],
    last: date,
) -> list[Finding]:
    """Each target in force for the plan's organisation, judged on the planned figures."""
    span = plan_span(plan)
    if not span:
        return []
    first, end = span[0].start, min(span[-1].end, last)
    days = [m.end for m in span if m.end <= last]
    planned = {(o.metric, o.period) for o in figures}
    everything = figures + [
        o for o in baseline if o.org == plan.org and (o.metric, o.period) not in planned
    ]
    known = {m.id: m for m in guidance.metrics}
    metrics = {o.metric for o in figures}
    findings: list[Finding] = []
    for target in guidance.targets:
        if target.metric is None or target.scope is Scope.NATIONAL:
            continue
        if target.metric not in metrics:
            continue  # not planned at all: the coverage check says so once
        judged: dict[Period, Assessment] = {}
        for day in days:
            assessment = evaluate(
                target,
                everything,
                as_of=day,
                org=plan.org,
                org_type=plan.org_type,
                metric=known.get(target.metric),
            )
            period = assessment.period
            if assessment.status is Status.NOT_APPLICABLE or period is None:
                continue
            if period.end < first or period.start > end:
                continue
            judged[period] = assessment
        for assessment in judged.values():
            base = own_baselines(target, everything, {}, assessment.as_of)
            findings.append(target_finding(plan.label, plan.org, target, assessment, base))
    return findings
