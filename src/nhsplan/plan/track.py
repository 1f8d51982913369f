"""Track a plan against actuals: :func:`track`.

Per metric and month planned: the planned and the actual figure, the variance in the metric's
unit (percentage points for a proportion) and relative to the plan, whether the month is on
plan (as good as planned, by the metric's polarity), the running variance for counts; the SPC
reading of the actual series with the plan as a target that changes each month
(:func:`nhsplan.spc.assurance_by_point`); and for each target of the metric still to come, a
projection (:mod:`nhsplan.plan.projection`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from nhsplan import units
from nhsplan.calendar import Month
from nhsplan.errors import InvalidPlanError
from nhsplan.model import Assurance, Guidance, Metric, Observation, Plan, Polarity, ScoringKind
from nhsplan.model._inputs import to_as_of
from nhsplan.model.enums import Comparison
from nhsplan.plan.projection import Projection, project

if TYPE_CHECKING:
    from nhsplan.spc.result import SpcResult

__all__ = ["TRACK_COLUMNS", "MetricTracking", "PlanTracking", "Projection", "TrackedMonth", "track"]

_AS_GOOD = {
    Polarity.HIGHER_IS_BETTER: Comparison.AT_LEAST,
    Polarity.LOWER_IS_BETTER: Comparison.AT_MOST,
    Polarity.NEUTRAL: Comparison.AROUND,
}
"""An actual is on plan when it compares with the planned figure this way."""
_ADDS_UP = frozenset({ScoringKind.COUNT, ScoringKind.MONEY})


@attrs.frozen(kw_only=True)
class TrackedMonth:
    """One month of one metric: planned against actual."""

    month: Month
    planned: float
    actual: float | None
    """None: no actual figure for the month (yet)."""
    variance: float | None
    """actual - planned, in the metric's unit (percentage points for a proportion)."""
    relative: float | None
    """The variance as a percentage of the planned figure (None where that is zero)."""
    on_plan: bool | None
    """As good as planned, by the metric's polarity (within 5 % where it has none)."""
    cumulative: float | None
    """The running total of the variance since the first month planned, for counts and money."""
    assurance: Assurance | None = None
    """The SPC assurance of the month's planned figure against the actual series' limits."""


@attrs.frozen(kw_only=True)
class MetricTracking:
    """One metric of a plan, month by month, with its SPC reading and projections."""

    metric: str
    unit: str
    variance_unit: str
    """``percentage points`` for a proportion, else the metric's unit."""
    months: tuple[TrackedMonth, ...]
    assurance: Assurance | None
    """The latest month's assurance against the plan (None without an SPC reading)."""
    projections: tuple[Projection, ...] = ()
    spc: SpcResult[Month] | None = attrs.field(default=None, eq=False, repr=False)
    """The XmR chart of the actual series (None under two months), for drawing."""

    @property
    def on_plan(self) -> int:
        """Months on plan."""
        return sum(1 for m in self.months if m.on_plan is True)

    @property
    def off_plan(self) -> int:
        """Months off plan."""
        return sum(1 for m in self.months if m.on_plan is False)


TRACK_COLUMNS = (
    "org",
    "metric",
    "month",
    "planned",
    "actual",
    "unit",
    "variance",
    "variance_unit",
    "relative_percent",
    "on_plan",
    "cumulative_variance",
    "assurance",
)
"""The columns of :meth:`PlanTracking.rows`."""


@attrs.frozen(kw_only=True)
class PlanTracking:
    """What :func:`track` gives: one :class:`MetricTracking` per metric planned."""

    org: str
    edition: str
    as_of: date
    metrics: tuple[MetricTracking, ...]

    def rows(self) -> list[dict[str, Any]]:
        """One row per metric and month (:data:`TRACK_COLUMNS`), numbers as numbers."""
        return [
            {
                "org": self.org,
                "metric": m.metric,
                "month": str(t.month),
                "planned": t.planned,
                "actual": t.actual,
                "unit": m.unit,
                "variance": t.variance,
                "variance_unit": m.variance_unit,
                "relative_percent": t.relative,
                "on_plan": t.on_plan,
                "cumulative_variance": t.cumulative,
                "assurance": None if t.assurance is None else t.assurance.value,
            }
            for m in self.metrics
            for t in m.months
        ]


def track(
    plan: Plan,
    actuals: Iterable[Observation],
    *,
    as_of: date | str,
    guidance: Guidance | None = None,
    trend_months: int = 6,
) -> PlanTracking:
    """Track *plan* against *actuals* up to *as_of*.

    Args:
        plan: the plan; its monthly lines are tracked.
        actuals: reported figures (any organisations: the plan's are used; figures for
            months before the plan feed the SPC limits and the trend).
        as_of: the date tracked to: months ending after it are planned but not yet due.
        guidance: the edition, for each metric's unit, polarity and kind, and its targets;
            by default the shipped edition the plan names (``plan.edition``).
        trend_months: how many of the latest actual months the projection's trend reads.

    Raises:
        InvalidPlanError: a plan metric the edition does not define.
        UnknownEditionError: no *guidance*, and the plan's edition is not one nhsplan ships.
    """
    as_of = to_as_of(as_of)
    if guidance is None:
        from nhsplan.catalog import load_guidance  # noqa: PLC0415 - only when not given

        guidance = load_guidance(plan.edition)
    known = {m.id: m for m in guidance.metrics}
    mine: dict[str, dict[Month, units.Quantity]] = {}
    for obs in actuals:
        if obs.org != plan.org or not isinstance(obs.period, Month) or obs.period.end > as_of:
            continue
        metric = known.get(obs.metric)
        if metric is None:
            continue
        mine.setdefault(obs.metric, {})[obs.period] = metric.resolve(obs).amount
    tracked: list[MetricTracking] = []
    for metric_id in plan.metrics():
        metric = known.get(metric_id)
        if metric is None:
            raise InvalidPlanError(
                f"{metric_id!r} is not a metric of edition {guidance.id}",
                field="metric",
                example=", ".join(sorted(known)[:3]),
            )
        history = mine.get(metric_id, {})
        tracked.append(_metric(plan, metric, history, as_of, guidance, trend_months=trend_months))
    return PlanTracking(org=plan.org, edition=guidance.id, as_of=as_of, metrics=tuple(tracked))


def _metric(
    plan: Plan,
    metric: Metric,
    history: dict[Month, units.Quantity],
    as_of: date,
    guidance: Guidance,
    *,
    trend_months: int,
) -> MetricTracking:
    unit = metric.unit
    planned: dict[Month, float] = {}
    for line in plan.lines_of(metric.id):
        if isinstance(line.period, Month):
            planned[line.period] = (
                metric.resolve(line.observation(plan.org)).amount.to(unit).magnitude
            )
    actual = {m: q.to(unit).magnitude for m, q in history.items()}
    comparison = _AS_GOOD[metric.polarity]
    months: list[TrackedMonth] = []
    running = 0.0
    adds_up = metric.kind in _ADDS_UP
    for month in sorted(planned, key=lambda m: m.start):
        if month.end > as_of:
            continue
        plan_value = planned[month]
        value = actual.get(month)
        variance = None if value is None else value - plan_value
        if variance is not None and adds_up:
            running += variance
        months.append(
            TrackedMonth(
                month=month,
                planned=plan_value,
                actual=value,
                variance=variance,
                relative=(
                    None if variance is None or plan_value == 0 else 100 * variance / plan_value
                ),
                on_plan=None if value is None else comparison.holds(value, plan_value),
                cumulative=running if adds_up and variance is not None else None,
            )
        )
    months, latest, chart = _with_spc(months, actual, planned, metric)
    return MetricTracking(
        metric=metric.id,
        unit=unit,
        variance_unit="percentage points" if metric.kind is ScoringKind.PROPORTION else unit,
        months=tuple(months),
        assurance=latest,
        projections=project(plan, metric, history, as_of, guidance, trend_months=trend_months),
        spc=chart,
    )


def _with_spc(
    months: list[TrackedMonth],
    actual: dict[Month, float],
    planned: dict[Month, float],
    metric: Metric,
) -> tuple[list[TrackedMonth], Assurance | None, SpcResult[Month] | None]:
    """The months with each one's assurance against the plan, the latest's, and the chart."""
    series = sorted(actual, key=lambda m: m.start)
    if len(series) < 2:
        return months, None, None
    from nhsplan.spc import assurance_by_point, xmr  # noqa: PLC0415 - the SPC layer on demand

    chart = xmr([actual[m] for m in series], labels=series, polarity=metric.polarity)
    by_point = assurance_by_point(chart, [planned.get(m) for m in chart.labels])
    found = dict(zip(chart.labels, by_point, strict=True))
    months = [attrs.evolve(t, assurance=found.get(t.month)) for t in months]
    last_planned = [a for m, a in zip(chart.labels, by_point, strict=True) if m in planned]
    latest = last_planned[-1] if last_planned else None
    return months, latest, attrs.evolve(chart, assurance=latest)
