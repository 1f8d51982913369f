"""Plans taken together: national ambitions on the plans summed, an ICB against its providers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

import attrs

from nhsplan.calendar import Month, Period
from nhsplan.evaluate.decide import decide
from nhsplan.evaluate.single import assess, own_baselines
from nhsplan.model import (
    ENGLAND,
    Assessment,
    Guidance,
    Metric,
    Observation,
    OrgType,
    Plan,
    Scope,
    ScoringKind,
    Status,
)
from nhsplan.plan.findings import Check, Finding, Severity, target_finding
from nhsplan.units import quantity

__all__ = ["national", "provider_sums", "summed"]

_TOLERANCE = 0.5
"""Counts that differ by less than half a unit are equal (rounding in a template)."""


def summed(figures: Sequence[Observation], metric: Metric | None) -> Observation | None:
    """One figure for the plans together: numerators and denominators added, or values added.

    One figure is itself. None where they cannot be added: a proportion without its numerator
    and denominator in every plan (two percentages do not add), or a metric of unknown kind.
    """
    first = figures[0]
    if len(figures) == 1:
        return attrs.evolve(first, org=ENGLAND)
    if all(o.numerator is not None and o.denominator is not None for o in figures):
        return Observation(
            org=ENGLAND,
            metric=first.metric,
            period=first.period,
            numerator=sum(o.numerator or 0.0 for o in figures),
            denominator=sum(o.denominator or 0.0 for o in figures),
        )
    if metric is None or metric.kind is ScoringKind.PROPORTION:
        return None
    unit = metric.unit
    total = sum(o.amount.to(unit).magnitude for o in figures)
    return Observation(
        org=ENGLAND, metric=first.metric, period=first.period, value=quantity(total, unit)
    )


def national(
    plans: Sequence[Plan],
    resolved: Mapping[str, list[Observation]],
    guidance: Guidance,
    span: Sequence[Month],
    last: date,
) -> list[Finding]:
    """Each national ambition judged on the plans given, summed, in the periods it judges.

    A miss is a warning (no one plan is asked to meet a national level alone), a level met
    a note. The verdict is the decision core's for England's figure.
    """
    if not span:
        return []
    known = {m.id: m for m in guidance.metrics}
    groups: dict[tuple[str, Period], list[Observation]] = defaultdict(list)
    for plan in plans:
        for obs in resolved.get(plan.org, []):
            groups[obs.metric, obs.period].append(obs)
    label = "+".join(p.org for p in plans)
    words = f"Summed over the plans given ({', '.join(p.org for p in plans)})"
    first, end = span[0].start, min(span[-1].end, last)
    days = [m.end for m in span if m.end <= last]
    findings: list[Finding] = []
    for target in guidance.targets:
        if target.scope is not Scope.NATIONAL or target.metric is None:
            continue
        metric = known.get(target.metric)
        figures = [
            total
            for (m, _p), group in groups.items()
            if m == target.metric and (total := summed(group, metric)) is not None
        ]
        if not figures:
            continue
        judged: dict[Period, Assessment] = {}
        for day in days:
            decision = decide(
                target,
                [o.period for o in figures],
                as_of=day,
                national=True,
                metric=metric,
                baselines=own_baselines(target, figures, {}, day),
            )
            a = assess(decision, figures, org=None)
            if a.period is None or a.period.end < first or a.period.start > end:
                continue
            judged[a.period] = a
        for a in judged.values():
            if a.status not in (Status.MET, Status.NOT_MET):
                continue
            severity = Severity.WARNING if a.status is Status.NOT_MET else Severity.NOTE
            findings.append(
                target_finding(words, label, target, a, check=Check.NATIONAL, severity=severity)
            )
    return findings


def provider_sums(
    plans: Sequence[Plan], resolved: Mapping[str, list[Observation]], guidance: Guidance
) -> list[Finding]:
    """An ICB's plan (type ``system``) against the providers' plans given with it, added up.

    For each metric and period the ICB plans and at least one provider plans: numerators and
    denominators (or, for counts and money, values) must add up to the ICB's, within half a
    unit. A difference is a warning naming both figures.
    """
    icbs = [p for p in plans if p.org_type is OrgType.SYSTEM]
    providers = [p for p in plans if p.org_type is not OrgType.SYSTEM]
    if not icbs or not providers:
        return []
    known = {m.id: m for m in guidance.metrics}
    theirs: dict[tuple[str, Period], list[Observation]] = defaultdict(list)
    for plan in providers:
        for obs in resolved.get(plan.org, []):
            theirs[obs.metric, obs.period].append(obs)
    names = "+".join(p.org for p in providers)
    findings: list[Finding] = []
    for icb in icbs:
        for obs in resolved.get(icb.org, []):
            group = theirs.get((obs.metric, obs.period))
            if not group:
                continue
            metric = known.get(obs.metric)
            total = summed(group, metric)
            if total is None:
                continue
            gaps = _gaps(obs, total)
            if not gaps:
                continue
            findings.append(
                Finding(
                    severity=Severity.WARNING,
                    check=Check.SUM,
                    org=icb.org,
                    metric=obs.metric,
                    period=obs.period,
                    planned=total.amount,
                    required=obs.amount,
                    message=(
                        f"{icb.label}: its {obs.metric} plan for {obs.period} does not equal "
                        f"its providers' ({names}) added up: {'; '.join(gaps)}."
                    ),
                )
            )
    return findings


def _gaps(icb: Observation, total: Observation) -> list[str]:
    pairs: list[tuple[str, float, float]] = []
    if icb.numerator is not None and total.numerator is not None:
        pairs.append(("numerator", icb.numerator, total.numerator))
        pairs.append(("denominator", icb.denominator or 0.0, total.denominator or 0.0))
    elif icb.numerator is None and total.numerator is None:
        unit = str(icb.amount.unit)
        pairs.append(("value", icb.amount.magnitude, total.amount.to(unit).magnitude))
    else:
        return []
    return [
        f"{what} {mine:,.0f} against {theirs:,.0f}"
        for what, mine, theirs in pairs
        if abs(mine - theirs) >= _TOLERANCE
    ]
