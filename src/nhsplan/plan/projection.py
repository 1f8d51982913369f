"""Where the actuals are heading (:func:`project`).

At the trend of the latest months, is a target met by its deadline, and what monthly change
would meet it?

The trend is the least-squares line through the latest actual months; the projected figure
for the target's deadline month is judged by :func:`nhsplan.evaluate`, as a reported figure
would be, so the verdict is the decision core's. A proportion's projection is kept within
0-100 %, a count's at or above zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from nhsplan import units
from nhsplan.calendar import Month
from nhsplan.errors import NhsplanError
from nhsplan.evaluate.single import evaluate
from nhsplan.evaluate.verdict import deadline_month
from nhsplan.model import Guidance, Metric, Observation, Plan, ScoringKind, Status
from nhsplan.units import quantity

__all__ = ["Projection", "project", "trend"]


@attrs.frozen(kw_only=True)
class Projection:
    """One target's deadline, reached (or not) at the trend of the latest months."""

    target: str
    month: Month
    """The deadline month the target judges."""
    projected: float
    """The figure the trend reaches in :attr:`month`, in the metric's unit."""
    status: Status
    """The core's verdict on the projected figure."""
    reason: str
    required: float | None
    """The level the target asks, in the metric's unit (None where the core gave none)."""
    slope: float
    """The trend's change a month, in the metric's unit."""
    needed: float | None
    """The change a month from the latest actual that would just reach :attr:`required`."""
    months_left: int
    """Months from the latest actual month to :attr:`month`."""


def trend(values: Sequence[float]) -> tuple[float, float]:
    """The least-squares line through *values* at 0, 1, 2, ...: (value at the last, slope).

    >>> trend([1.0, 2.0, 3.0])
    (3.0, 1.0)
    """
    n = len(values)
    if n == 1:
        return values[0], 0.0
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    sxx = sum((i - mean_x) ** 2 for i in range(n))
    slope = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(values)) / sxx
    return mean_y + slope * (n - 1 - mean_x), slope


def _months_between(first: Month, last: Month) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def project(
    plan: Plan,
    metric: Metric,
    history: dict[Month, units.Quantity],
    as_of: date,
    guidance: Guidance,
    *,
    trend_months: int = 6,
) -> tuple[Projection, ...]:
    """A projection for each target of *metric* judged on a deadline month after *as_of*.

    Targets the core finds not applicable to the plan's organisation (another type, a
    national ambition) are left out, as are those the projected figure cannot decide (a
    yearly proportion, which needs numerators and denominators).
    """
    series = sorted(history, key=lambda m: m.start)[-trend_months:]
    if not series:
        return ()
    unit = metric.unit
    values = [history[m].to(unit).magnitude for m in series]
    level, slope = trend(values)
    latest = series[-1]
    out: list[Projection] = []
    known = [o for m, q in history.items() for o in [_figure(plan.org, metric, m, q)]]
    for target in guidance.targets:
        if target.metric != metric.id or target.deadline is None:
            continue
        try:
            month = deadline_month(target)
        except NhsplanError:
            continue
        if month.end <= as_of or month in history:
            continue
        ahead = _months_between(latest, month)
        projected = _bounded(level + slope * ahead, metric)
        figure = _figure(plan.org, metric, month, quantity(projected, unit))
        try:
            a = evaluate(
                target,
                [*known, figure],
                as_of=month.end,
                org=plan.org,
                org_type=plan.org_type,
                metric=metric,
            )
        except NhsplanError:
            continue
        if a.status not in (Status.MET, Status.NOT_MET, Status.NOT_DUE):
            continue
        required = None if a.required is None else a.required.to(unit).magnitude
        needed = None if required is None or ahead <= 0 else (required - values[-1]) / ahead
        out.append(
            Projection(
                target=target.id,
                month=month,
                projected=projected,
                status=a.status,
                reason=a.reason,
                required=required,
                slope=slope,
                needed=needed,
                months_left=ahead,
            )
        )
    return tuple(out)


def _bounded(value: float, metric: Metric) -> float:
    if metric.kind is ScoringKind.PROPORTION and metric.unit == "percent":
        return min(max(value, 0.0), 100.0)
    if metric.kind is ScoringKind.COUNT:
        return max(value, 0.0)
    return value


def _figure(org: str, metric: Metric, month: Month, value: units.Quantity) -> Observation:
    return Observation(org=org, metric=metric.id, period=month, value=value)
