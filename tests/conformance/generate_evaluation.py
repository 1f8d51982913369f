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
ENGLAND_ONS = "E92000001"
"""England's ONS code: it names the same organisation as ``ENGLAND``."""
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


# --- scenarios: the rules the per-target cases do not reach -----------------------------------


def _level_target(target: Target) -> bool:
    return isinstance(target, ThresholdTarget | TrajectoryTarget | EliminationTarget)


def _comparison(target: Target) -> Comparison:
    if isinstance(target, EliminationTarget):
        return Comparison.AT_MOST
    assert isinstance(target, ThresholdTarget | TrajectoryTarget)
    return target.comparison


def _step(metric: Metric, required: float) -> float:
    return 100 / DENOMINATOR if metric.kind is ScoringKind.PROPORTION else max(1.0, required * 0.01)


def _outside(comparison: Comparison, required: float, step: float) -> float:
    up = comparison in (Comparison.AT_LEAST, Comparison.ABOVE)
    if comparison is Comparison.AROUND:
        return required * 1.06
    return required - step if up else required + step


def _observed(metric: Metric, figure: float) -> float:
    if metric.kind is ScoringKind.PROPORTION:
        return round(figure * DENOMINATOR / 100) * 100 / DENOMINATOR
    return figure


def _judged_level(
    guidance: Guidance, target: Target, period: Period, figure: float, status: str | None = None
) -> dict[str, Any]:
    """The expected assessment of *figure* for *period* against the level then in force."""
    assert target.metric is not None
    metric = guidance.metric(target.metric)
    required = _required(target, period, {}).to(metric.unit).magnitude
    comparison = _comparison(target)
    observed = _observed(metric, figure)
    met = _holds(comparison, observed, required)
    return {
        "status": status or ("met" if met else "not_met"),
        "period": str(period),
        "observed": observed,
        "required": required,
        "margin": _margin(comparison, observed, required),
        "unit": metric.unit,
    }


def _due_by_cases(guidance: Guidance, target: Target) -> Iterator[Case]:
    """Before a *by* deadline a figure that misses is NOT_DUE (there is time left); one that
    meets the level is MET already. Judged on a month four months before the deadline's."""
    deadline = target.deadline
    if deadline is None or deadline.kind.value != "by" or target.judged is not Judgement.LATEST:
        return
    if not _level_target(target) or target.scope is Scope.NATIONAL or target.metric is None:
        return
    metric = guidance.metric(target.metric)
    if metric.frequency.value != "monthly" and metric.kind is not ScoringKind.PROPORTION:
        return
    month = Month.containing(deadline.resolved)
    for _ in range(4):
        month = month.previous()
    start, _end = target.lifetime
    if start is not None and month.start < start:
        return
    as_of = month.next().start + timedelta(days=19)
    org, org_type = _who(target)
    required = _required(target, month, {}).to(metric.unit).magnitude
    comparison = _comparison(target)
    for name, figure in (
        ("due_by_met_before_deadline", required),
        ("due_by_missed_before_deadline", _outside(comparison, required, _step(metric, required))),
    ):
        if figure < 0 or (metric.kind is ScoringKind.PROPORTION and figure > 100):
            continue
        expected = _judged_level(guidance, target, month, figure)
        if expected["status"] == "not_met":
            expected["status"] = "not_due"
        yield _base(
            guidance,
            target,
            name,
            org=org,
            org_type=org_type,
            baselines={},
            as_of=str(as_of),
            observations=_figures(metric, month, _observed(metric, figure), org),
            expected=expected,
        )


def _issue_16_case(guidance: Guidance) -> Iterator[Case]:
    """Issue 16: RBD, 10 of 100 for 2021-12, as of 2022-01-20, due by April 2022."""
    if guidance.id != "2021/22":
        return
    target = guidance.target("urgent_community_response_2h")
    assert target.metric is not None
    metric = guidance.metric(target.metric)
    month = Month(2021, 12)
    expected = _judged_level(guidance, target, month, 10.0, status="not_due")
    _org, org_type = _who(target)
    yield _base(
        guidance,
        target,
        "due_by_issue_16",
        org="RBD",
        org_type=org_type,
        baselines={},
        as_of="2022-01-20",
        observations=[
            {
                "org": "RBD",
                "metric": metric.id,
                "period": "2021-12",
                "numerator": 10,
                "denominator": 100,
            }
        ],
        expected=expected,
    )


def _expired_cases(guidance: Guidance, target: Target) -> Iterator[Case]:
    """An expired (or superseded) target is judged on its last period in force: a figure for
    that month decides, one for a month after it ended does not."""
    _start, end = target.lifetime
    if end is None or not _level_target(target) or target.metric is None:
        return
    if target.judged not in (Judgement.EACH_MONTH, Judgement.LATEST) or _retired_unjudged(target):
        return
    metric = guidance.metric(target.metric)
    period, _ = _judged(target)
    later = period.next()
    as_of = later.end + timedelta(days=31)
    org, org_type = _who(target)
    required = _required(target, period, {}).to(metric.unit).magnitude
    outside = _outside(_comparison(target), required, _step(metric, required))
    if outside < 0 or (metric.kind is ScoringKind.PROPORTION and outside > 100):
        return
    kind = "superseded" if target.superseded_by else "expired"
    yield _base(
        guidance,
        target,
        f"{kind}_judged_on_last_month_in_force",
        org=org,
        org_type=org_type,
        baselines={},
        as_of=str(as_of),
        observations=_figures(metric, period, _observed(metric, required), org)
        + _figures(metric, later, _observed(metric, outside), org),
        expected=_judged_level(guidance, target, period, required),
    )


def _amended_cases(guidance: Guidance, target: Target) -> Iterator[Case]:
    """A value amended after publication: the amended value judges the months from its date;
    the published value still judges the month before (the amendment is no second target)."""
    amendments = getattr(target, "amendments", None) or ()
    if not amendments or not _level_target(target) or target.metric is None:
        return
    if target.judged is not Judgement.EACH_MONTH:
        return
    metric = guidance.metric(target.metric)
    org, org_type = _who(target)
    for amendment in amendments:
        month = Month.containing(amendment.effective)
        before = month.previous()
        old = _required(target, before, {}).to(metric.unit).magnitude
        new = _required(target, month, {}).to(metric.unit).magnitude
        for name, period, figure in (
            (f"amended_{month}_at_amended_value", month, new),
            (f"amended_{month}_at_published_value", month, old),
            (f"amended_{month}_month_before_at_published_value", before, old),
        ):
            yield _base(
                guidance,
                target,
                name,
                org=org,
                org_type=org_type,
                baselines={},
                as_of=str(period.end),
                observations=_figures(metric, period, _observed(metric, figure), org),
                expected=_judged_level(guidance, target, period, figure),
            )


def _partial_year_cases(guidance: Guidance, target: Target) -> Iterator[Case]:
    """A year's total judged before the year ends, on the months so far: only a total that
    already meets (or, for an upper limit, already breaks) the level stands; otherwise the
    target is NOT_DUE. Assessed at the end of September, on six monthly figures."""
    if target.judged is not Judgement.PERIOD_TOTAL or not _level_target(target):
        return
    assert target.metric is not None
    metric = guidance.metric(target.metric)
    if metric.kind not in (ScoringKind.COUNT, ScoringKind.MONEY):
        return
    year, _ = _judged(target)
    assert isinstance(year, FinancialYear)
    start, _end = target.lifetime
    if start is not None and start > year.start:
        return
    comparison = _comparison(target)
    if comparison not in (Comparison.AT_LEAST, Comparison.AT_MOST):
        return
    months = list(year.months())[:6]
    as_of = months[-1].end
    org, org_type = _who(target)
    required = _required(target, year, {}).to(metric.unit).magnitude
    for name, each in (
        ("partial_year_total_already_reached", required / 6),
        ("partial_year_total_not_yet_reached", required / 12),
    ):
        total = each * 6
        reached = total >= required
        if comparison is Comparison.AT_LEAST:
            status = "met" if reached else "not_due"
        else:
            status = "not_met" if total > required else "not_due"
        yield _base(
            guidance,
            target,
            name,
            org=org,
            org_type=org_type,
            baselines={},
            as_of=str(as_of),
            observations=[
                {
                    "org": org,
                    "metric": metric.id,
                    "period": str(m),
                    "value": each,
                    "unit": metric.unit,
                }
                for m in months
            ],
            expected={
                "status": status,
                "period": str(year),
                "observed": total,
                "required": required,
                "margin": _margin(comparison, total, required),
                "unit": metric.unit,
            },
        )


def _national_cases(guidance: Guidance, target: Target) -> Iterator[Case]:
    """A national ambition: a system's own figure is not judged against the national level
    (NOT_APPLICABLE without its share), and England's ONS code names England."""
    if target.scope is not Scope.NATIONAL or not _level_target(target) or target.metric is None:
        return
    if _retired_unjudged(target):
        return
    metric = guidance.metric(target.metric)
    period, as_of = _judged(target)
    if target.judged in (Judgement.YEAR_AVERAGE, Judgement.PERIOD_TOTAL):
        return
    required = _required(target, period, {}).to(metric.unit).magnitude
    kinds = sorted(t.value for t in target.applies_to if t is not OrgType.NATIONAL)
    yield _base(
        guidance,
        target,
        "national_figure_of_a_system",
        org=ORG,
        org_type=(kinds or [OrgType.SYSTEM.value])[0],
        baselines={},
        as_of=str(as_of),
        observations=_figures(metric, period, _observed(metric, required), ORG),
        expected={"status": "not_applicable"},
    )
    yield _base(
        guidance,
        target,
        "national_by_ons_code",
        org=ENGLAND_ONS,
        org_type=OrgType.NATIONAL.value,
        baselines={},
        as_of=str(as_of),
        observations=_figures(metric, period, _observed(metric, required), ENGLAND_ONS),
        expected=_judged_level(guidance, target, period, required),
    )


def _stale_and_future_case(guidance: Guidance, target: Target) -> Iterator[Case]:
    """Figures for the period before the one judged and for the one after (not yet ended on
    the date assessed): neither decides, so NO_DATA for the period judged."""
    if not _level_target(target) or target.metric is None or _retired_unjudged(target):
        return
    if target.judged not in (Judgement.EACH_MONTH, Judgement.DEADLINE_MONTH):
        return
    metric = guidance.metric(target.metric)
    period, as_of = _judged(target)
    org, org_type = _who(target)
    required = _required(target, period, {}).to(metric.unit).magnitude
    figure = _observed(metric, required)
    yield _base(
        guidance,
        target,
        "stale_and_future_figures",
        org=org,
        org_type=org_type,
        baselines={},
        as_of=str(as_of),
        observations=_figures(metric, period.previous(), figure, org)
        + _figures(metric, period.next(), figure, org),
        expected={"status": "no_data", "period": str(period)},
    )


def _repeated_row_cases(guidance: Guidance, target: Target) -> Iterator[Case]:
    """One organisation's figure for one metric and period given twice: refused, whether the
    rows are the same or not (no path may pick one)."""
    if not _level_target(target) or target.metric is None or target.scope is Scope.NATIONAL:
        return
    if target.judged is not Judgement.EACH_MONTH:
        return
    metric = guidance.metric(target.metric)
    period, as_of = _judged(target)
    org, org_type = _who(target)
    required = _required(target, period, {}).to(metric.unit).magnitude
    outside = _outside(_comparison(target), required, _step(metric, required))
    if outside < 0 or (metric.kind is ScoringKind.PROPORTION and outside > 100):
        return
    rows = _figures(metric, period, _observed(metric, required), org)
    other = _figures(metric, period, _observed(metric, outside), org)
    for name, observations in (
        ("repeated_row_same_figure", rows + rows),
        ("repeated_row_other_figure", rows + other),
    ):
        yield _base(
            guidance,
            target,
            name,
            org=org,
            org_type=org_type,
            baselines={},
            as_of=str(as_of),
            observations=observations,
            expected={"refused": "two figures for one organisation, metric and period"},
        )


EVERY_TARGET = (_due_by_cases, _expired_cases, _amended_cases, _partial_year_cases)
"""Scenarios written for every target they fit."""
ONE_TARGET = (_national_cases, _stale_and_future_case, _repeated_row_cases)
"""Scenarios written for the first target of each edition they fit: the rule is the same for
every target, and the per-target cases already judge each target's level (this keeps the
suite, which runs every case on every path, fast)."""


def _issue_17_kind(target: Target) -> bool:
    """Judged on every period of a window, per head of population, or a reach: the
    per-target cases judge these; the scenarios are written for the plain kinds."""
    plain = not (isinstance(target, ThresholdTarget) and (target.reach or target.per))
    return target.judged in _EVERY or not plain


def _scenarios(guidance: Guidance) -> Iterator[Case]:
    yield from _issue_16_case(guidance)
    plain = [t for t in guidance.targets if not _issue_17_kind(t)]
    for scenario in EVERY_TARGET:
        for target in plain:
            yield from scenario(guidance, target)
    for scenario in ONE_TARGET:
        for target in plain:
            cases = list(scenario(guidance, target))
            if cases:
                yield from cases
                break


# --- file forms: the same figures written as other programs write files ----------------------

FILE_FORMS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("crlf", "CRLF line endings (what Excel writes on Windows)", {"same": True}),
    ("bom", "a UTF-8 byte-order mark before the header", {"same": True}),
    ("quoted", "every field in double quotes", {"same": True}),
    ("blank_trailing_lines", "three empty lines after the last row", {"same": True}),
    ("columns_reordered", "the columns in another order (the header says which)", {"same": True}),
    ("header_only", "the header and no rows", {"assessments": 0}),
    (
        "latin1",
        "Latin-1 text: a unit written '£', byte 0xA3",
        {"refused": "an observation file is UTF-8 text"},
    ),
)
"""(form, what it is, expected): ``same`` — the assessments of the base cases; ``assessments``
— that many; ``refused`` — every file path refuses the file, with the same message."""


def _file_forms(cases: list[Case]) -> list[Case]:
    """Each form, on the cases of one edition and date assessed (the A&E 4-hour standard's)."""
    base = next(c for c in cases if c["id"] == "ae_4_hour/boundary")
    same = [
        c["id"]
        for c in cases
        if (c["edition"], c["as_of"]) == (base["edition"], base["as_of"])
        and c["observations"]
        and c["org"] not in (ENGLAND, ENGLAND_ONS)
        and not c.get("baselines")
        and c["expected"].get("status") not in (None, "not_applicable")
    ]
    money = next(
        c
        for c in cases
        if any(o.get("unit") == "GBP" for o in c["observations"])
        and c["id"].endswith("/boundary")
        and c["org"] not in (ENGLAND, ENGLAND_ONS)
    )
    out = []
    for form, about, expected in FILE_FORMS:
        chosen = [money["id"]] if form == "latin1" else same
        out.append({"id": form, "about": about, "cases": chosen, "expected": expected})
    return out


def vectors() -> dict[str, Any]:
    """Every case, for every target of every shipped edition."""
    cases: list[Case] = []
    for edition in nhsplan.editions():
        guidance = nhsplan.load_guidance(edition)
        for target in guidance.targets:
            cases.extend(_cases(guidance, target))
    for edition in nhsplan.editions():
        cases.extend(_scenarios(nhsplan.load_guidance(edition)))
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
        "file_forms": _file_forms(cases),
    }


def main() -> None:
    """Write the file."""
    OUT.write_text(json.dumps(vectors(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
