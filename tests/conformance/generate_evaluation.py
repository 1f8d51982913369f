"""Write ``evaluation_vectors.json``: language-neutral evaluation cases for every target.

Run from the repository root: ``python -m tests.conformance.generate_evaluation``.

The expected verdicts are worked out here from each target's *definition* (its comparison, the
value it asks for the period, its basis, scope and lifetime), by rules written out below in
plain terms, not by calling :func:`nhsplan.evaluate`. The test
(``tests/test_conformance.py``) then runs the engine on every case, so the file checks the
engine against an independent reading of the catalog, and an R or SQL implementation can
check itself against the same file. Read ``tests/conformance/README.md`` for the format.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import nhsplan
from nhsplan.calendar import FinancialYear, Month, Period
from nhsplan.model import (
    ENGLAND,
    BaselineTarget,
    Comparison,
    EliminationTarget,
    Guidance,
    Judgement,
    Metric,
    MilestoneTarget,
    OrgType,
    Scope,
    ScoringKind,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.units import Quantity, quantity

OUT = Path(__file__).with_name("evaluation_vectors.json")
FORMAT = "nhsplan-evaluation-vectors/1"
ORG = "RXX"
DENOMINATOR = 10_000
"""Proportions are given as numerator / 10,000, so a step of one is 0.01 percentage points."""
_INCLUSIVE = {Comparison.AT_LEAST, Comparison.AT_MOST, Comparison.UP_TO, Comparison.AROUND}
Case = dict[str, Any]


_EVERY = (Judgement.EVERY_MONTH, Judgement.EVERY_YEAR)
"""Maintained through a window / every year: each whole period in force judged on its own."""
PEOPLE_IN_ENGLAND = 57_690_300
"""ONS mid-2023 estimate for England: a per-population target's count over this many people."""


def _every_periods(target: Target) -> list[Period]:
    """The whole periods an every-month or every-year target judges, oldest first."""
    start, end = target.lifetime
    assert start is not None
    assert end is not None
    period: Period = (
        Month.containing(start)
        if target.judged is Judgement.EVERY_MONTH
        else FinancialYear.containing(start)
    )
    periods = []
    while period.end <= end:
        periods.append(period)
        period = period.next()
    return periods


def _whole_month_by(day: date) -> Month:
    month = Month.containing(day)
    return month if day >= month.end else month.previous()


def _judged(target: Target) -> tuple[Period, date]:
    """The period a case judges and the date it is assessed on (the period's last day)."""
    start, end = target.lifetime
    deadline = target.deadline
    if target.judged is Judgement.DEADLINE_MONTH:
        assert deadline is not None
        month = deadline.judged_month or Month.containing(deadline.resolved)
        return month, month.end
    if target.judged in _EVERY:
        assert start is not None, target.id
        assert end is not None, target.id
        last = _every_periods(target)[-1]
        return last, last.end
    if target.judged in (Judgement.YEAR_AVERAGE, Judgement.PERIOD_TOTAL):
        day = deadline.resolved if deadline is not None else (start or date(2021, 4, 1))
        year = FinancialYear.containing(day)
        return year, year.end
    if end is not None:
        month = _whole_month_by(end)
    elif start is not None:
        month = Month.containing(start)
        month = month if start == month.start else month.next()
    else:
        month = Month(2019, 3)
    if deadline is not None and deadline.kind.value == "by" and month.end < deadline.resolved:
        month = Month.containing(deadline.resolved)
    return month, month.end


def _required(target: Target, period: Period, baselines: dict[str, Quantity]) -> Quantity:
    if isinstance(target, BaselineTarget):
        return target.required_from(baselines)
    _, end = target.lifetime
    amended = isinstance(target, ThresholdTarget | TrajectoryTarget) and bool(target.amendments)
    if amended and target.judged in (Judgement.YEAR_AVERAGE, Judgement.PERIOD_TOTAL):
        # a year's figures against the level in force on the year's (or target's) last day
        last = target.value_on(min(period.end, end or period.end))
        assert last is not None, target.id
        return last
    value = target.value_on(period.start)
    value = target.value_on(period.end) if value is None else value
    assert value is not None, target.id
    return value


def _who(target: Target) -> tuple[str, str]:
    """The organisation and its type for a case the target applies to."""
    if target.scope is Scope.NATIONAL:
        return ENGLAND, OrgType.NATIONAL.value
    kinds = sorted(t.value for t in target.applies_to) or [OrgType.ACUTE_TRUST.value]
    return ORG, kinds[0]


def _other_type(target: Target) -> str | None:
    """An organisation type the target asks nothing of, or None if it asks every type."""
    others = sorted(t.value for t in OrgType if t not in target.applies_to)
    others = [t for t in others if t != OrgType.NATIONAL.value]
    return others[0] if target.applies_to and others else None


def _figures(metric: Metric, period: Period, value: float, org: str) -> list[dict[str, Any]]:
    """Observations giving *value* (in the metric's unit) for *period*."""
    monthly = metric.frequency.value == "monthly" or metric.kind is ScoringKind.PROPORTION
    months: list[Period] = [period]
    if isinstance(period, FinancialYear) and monthly:
        months = list(period.months())
    rows = []
    for p in months:
        row: dict[str, Any] = {"org": org, "metric": metric.id, "period": str(p)}
        if metric.kind is ScoringKind.PROPORTION:
            row |= {"numerator": round(value * DENOMINATOR / 100), "denominator": DENOMINATOR}
        else:
            row |= {"value": value, "unit": metric.unit}
        rows.append(row)
    return rows


def _total_figures(metric: Metric, period: Period, value: float, org: str) -> list[dict[str, Any]]:
    """A financial year's total as one figure for the whole year."""
    return [
        {
            "org": org,
            "metric": metric.id,
            "period": str(period),
            "value": value,
            "unit": metric.unit,
        }
    ]


def _margin(comparison: Comparison, observed: float, required: float) -> float:
    if comparison is Comparison.AROUND:
        return 0.05 * abs(required) - abs(observed - required)
    if comparison in (Comparison.AT_LEAST, Comparison.ABOVE):
        return observed - required
    return required - observed


def _holds(comparison: Comparison, observed: float, required: float) -> bool:
    return {
        Comparison.AT_LEAST: observed >= required,
        Comparison.AT_MOST: observed <= required,
        Comparison.UP_TO: observed <= required,
        Comparison.ABOVE: observed > required,
        Comparison.BELOW: observed < required,
        Comparison.AROUND: abs(observed - required) <= 0.05 * abs(required),
    }[comparison]


def _levels(
    comparison: Comparison, required: float, step: float, proportion: bool
) -> Iterator[tuple[str, float]]:
    """(name, observed) at the boundary, just inside and just outside."""
    up = comparison in (Comparison.AT_LEAST, Comparison.ABOVE)
    if comparison is Comparison.AROUND:
        yield "boundary", required
        yield "just_inside", required * 1.04
        yield "just_outside", required * 1.06
        return
    inside = required + step if up else required - step
    outside = required - step if up else required + step
    yield "boundary", required
    for name, value in (("just_inside", inside), ("just_outside", outside)):
        if value < 0 or (proportion and value > 100):
            continue
        yield name, value


def _base(guidance: Guidance, target: Target, case: str, **fields: Any) -> Case:
    return {"id": f"{target.id}/{case}", "edition": guidance.id, "target": target.id, **fields}


def _cases(guidance: Guidance, target: Target) -> Iterator[Case]:
    org, org_type = _who(target)
    other = _other_type(target)
    if other is not None:
        yield _base(
            guidance,
            target,
            "not_applicable",
            org=ORG,
            org_type=other,
            as_of=str(_judged(target)[1])
            if not isinstance(target, MilestoneTarget)
            else str(date(2021, 12, 31)),
            observations=[],
            expected={"status": "not_applicable"},
        )
    if target.scope is Scope.NATIONAL:
        kinds = sorted(t.value for t in target.applies_to if t is not OrgType.NATIONAL)
        kinds = kinds or [OrgType.SYSTEM.value]
        yield _base(
            guidance,
            target,
            "national_without_share",
            org=ORG,
            org_type=kinds[0],
            as_of=str(_judged(target)[1])
            if not isinstance(target, MilestoneTarget)
            else str(date(2021, 12, 31)),
            observations=[],
            expected={"status": "not_applicable"},
        )
    if isinstance(target, MilestoneTarget):
        yield from _milestone_cases(guidance, target, org, org_type)
        return
    for case in _all_level_cases(guidance, target, org, org_type):
        if _retired_unjudged(target):
            # superseded before its deadline month ended: never judged, whatever the figures
            case["expected"] = {"status": "not_applicable"}
        yield case


def _retired_unjudged(target: Target) -> bool:
    _, end = target.lifetime
    if end is None or target.judged is not Judgement.DEADLINE_MONTH:
        return False
    period, _ = _judged(target)
    return end < period.end


def _all_level_cases(guidance: Guidance, target: Target, org: str, org_type: str) -> Iterator[Case]:
    """The level cases; for a target asking the greater (or lesser) of an improvement and a
    fixed level, once with a baseline where the fixed level decides and once where the
    improvement does (the baseline at the fixed level, so the improvement goes past it)."""
    yield from _level_cases(guidance, target, org, org_type)
    if isinstance(target, BaselineTarget) and target.or_level is not None:
        assert target.metric is not None
        unit = guidance.metric(target.metric).unit
        level = target.or_level.to(unit).magnitude
        for case in _level_cases(guidance, target, org, org_type, baseline_level=level):
            if "/" in case["id"]:
                target_id, name = case["id"].split("/", 1)
                case["id"] = f"{target_id}/improvement_decides_{name}"
            yield case


Maker = Callable[[Metric, Period, float, str], list[dict[str, Any]]]


def _maker(target: Target, make: Maker, windows: list[Period]) -> Maker:
    """*make*, adapted to a target judged on every period of a window or per population."""
    every = target.judged in _EVERY
    per = target.per if isinstance(target, ThresholdTarget) else None

    def adapted(metric: Metric, period: Period, value: float, org: str) -> list[dict[str, Any]]:
        # a figure for every period of the window (or, for a stale case, one before it)
        periods = windows if every and period in windows else [period]
        rows = [row for p in periods for row in make(metric, p, value, org)]
        if per is not None:  # counts, which the engine divides by England's population
            for row in rows:
                row["value"] = row["value"] * PEOPLE_IN_ENGLAND / per
        return rows

    return adapted


def _level_cases(
    guidance: Guidance,
    target: Target,
    org: str,
    org_type: str,
    *,
    baseline_level: float | None = None,
) -> Iterator[Case]:
    assert target.metric is not None
    metric = guidance.metric(target.metric)
    period, as_of = _judged(target)
    baselines: dict[str, Quantity] = {}
    if isinstance(target, BaselineTarget):
        level: float = 50 if metric.kind is ScoringKind.PROPORTION else 1000
        if baseline_level is not None:
            level = baseline_level
        baselines = {b.label: quantity(level, metric.unit) for b in target.baselines}
    required = _required(target, period, baselines).to(metric.unit).magnitude
    if isinstance(target, ThresholdTarget | TrajectoryTarget | WithinTimeTarget | BaselineTarget):
        comparison = target.comparison
    else:
        assert isinstance(target, EliminationTarget)
        comparison = Comparison.AT_MOST
    proportion = metric.kind is ScoringKind.PROPORTION
    step = 100 / DENOMINATOR if proportion else max(1.0, abs(required) * 0.01)
    total = target.judged is Judgement.PERIOD_TOTAL
    make: Maker = _total_figures if total else _figures
    every = target.judged in _EVERY
    windows = _every_periods(target) if every else [period]
    make = _maker(target, make, windows)
    reach = isinstance(target, ThresholdTarget) and target.reach
    common = {
        "org": org,
        "org_type": org_type,
        "baselines": {k: {"value": v.magnitude, "unit": v.unit} for k, v in baselines.items()},
    }
    for name, figure in _levels(comparison, required, step, proportion):
        observed = round(figure * DENOMINATOR / 100) * 100 / DENOMINATOR if proportion else figure
        met = _holds(comparison, observed, required)
        status = "met" if met else "not_met"
        margin = _margin(comparison, observed, required)
        judged = period
        if reach:  # progress towards a reach: never met or not met; the margin is the progress
            status, margin = "not_applicable", observed - required
        elif every and not met:  # every period misses: the first one fails the target
            judged = windows[0]
        yield _base(
            guidance,
            target,
            name,
            **common,
            as_of=str(as_of),
            observations=make(metric, period, observed, org),
            expected={
                "status": status,
                "period": str(judged),
                "observed": observed,
                "required": required,
                "margin": margin,
                "unit": metric.unit,
            },
        )
    start, _ = target.lifetime
    if start is not None and start > date(1900, 1, 1):
        yield _base(
            guidance,
            target,
            "not_due_before_start",
            **common,
            as_of=str(start - timedelta(days=1)),
            observations=make(metric, period, required, org),
            expected={"status": "not_due"},
        )
    elif target.judged is Judgement.DEADLINE_MONTH:
        yield _base(
            guidance,
            target,
            "not_due_before_deadline_month_ends",
            **common,
            as_of=str(period.end - timedelta(days=1)),
            observations=make(metric, period, required, org),
            expected={"status": "not_due"},
        )
    # A target judged on the latest period cannot name the period without a figure to say
    # what kind of period (month, quarter, year) its figures are.
    no_figure: dict[str, Any] = {"status": "no_data"}
    missing = windows[0] if every else period
    if target.judged is not Judgement.LATEST:
        no_figure["period"] = str(missing)
    yield _base(
        guidance,
        target,
        "no_data",
        **common,
        as_of=str(as_of),
        observations=[],
        expected=no_figure,
    )
    yield _base(
        guidance,
        target,
        "stale_figure",
        **common,
        as_of=str(as_of),
        observations=make(metric, (windows[0] if every else period).previous(), required, org),
        expected={"status": "no_data", "period": str(missing)},
    )


def _milestone_cases(
    guidance: Guidance, target: MilestoneTarget, org: str, org_type: str
) -> Iterator[Case]:
    deadline = target.deadline
    assert deadline is not None
    end = deadline.end or deadline.resolved
    yield _base(
        guidance,
        target,
        "not_due",
        org=org,
        org_type=org_type,
        as_of=str(end - timedelta(days=1)),
        observations=[],
        expected={"status": "not_due"},
    )
    if target.metric is None:
        yield _base(
            guidance,
            target,
            "no_data_without_a_metric",
            org=org,
            org_type=org_type,
            as_of=str(end + timedelta(days=1)),
            observations=[],
            expected={"status": "no_data"},
        )


def vectors() -> dict[str, Any]:
    """Every case, for every target of every shipped edition."""
    cases: list[Case] = []
    for edition in nhsplan.editions():
        guidance = nhsplan.load_guidance(edition)
        for target in guidance.targets:
            cases.extend(_cases(guidance, target))
    for case in cases:
        expected = case["expected"]
        for key in ("observed", "required", "margin"):
            if key in expected:
                assert math.isfinite(expected[key]), case["id"]
    return {
        "format": FORMAT,
        "description": (
            "Evaluation cases for every target of every nhsplan edition: at the boundary, just "
            "inside, just outside, before it is due, without a figure, of an organisation it "
            "asks nothing of, and with only a figure for an earlier period. Expected values "
            "are in the metric's unit; proportions in percent (margins in percentage points)."
        ),
        "cases": cases,
    }


def main() -> None:
    """Write the file."""
    OUT.write_text(json.dumps(vectors(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
