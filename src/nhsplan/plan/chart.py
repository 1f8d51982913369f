"""A plan drawn on the SPC chart of the actuals: the plan as a stepped line (needs matplotlib).

The chart is :func:`nhsplan.spc.plot_spc`'s, with the planned figures as its trajectory
(labelled "plan") and the assurance icon read against the plan month by month
(:func:`nhsplan.spc.assurance_by_point`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from nhsplan.errors import InvalidPlanError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from nhsplan.plan.track import MetricTracking, PlanTracking

__all__ = ["plan_chart", "save_plan_charts"]


def plan_chart(tracked: MetricTracking, *, title: str | None = None) -> Figure:
    """The SPC chart of one tracked metric with its plan as a stepped line.

    Raises:
        InvalidPlanError: fewer than two actual months, so no chart.
        ImportError: matplotlib is not installed.
    """
    from nhsplan.spc import plot_spc  # noqa: PLC0415 - matplotlib on demand

    chart = tracked.spc
    if chart is None:
        raise InvalidPlanError(
            f"no SPC chart of {tracked.metric}: fewer than two actual months",
            field="actuals",
            example="two or more monthly figures of the metric",
        )
    planned = {t.month: t.planned for t in tracked.months}
    return plot_spc(
        chart,
        title=title or tracked.metric,
        trajectory=[planned.get(m) for m in chart.labels],
        trajectory_label="plan",
        percent=tracked.unit == "percent",
        y_label=tracked.unit,
        x_label="month",
    )


def save_plan_charts(result: PlanTracking, path: str | Path) -> list[Path]:
    """Draw every tracked metric that has a chart to PNG; return the files written.

    One chart goes to *path*; several go to ``<stem>-<metric>.png`` beside it.
    """
    from nhsplan.io._atomic import atomic_write_bytes  # noqa: PLC0415

    target = Path(path)
    drawable = [m for m in result.metrics if m.spc is not None]
    written: list[Path] = []
    for tracked in drawable:
        out = (
            target
            if len(drawable) == 1
            else target.with_name(f"{target.stem}-{tracked.metric}{target.suffix or '.png'}")
        )
        figure = plan_chart(tracked, title=f"{result.org} {tracked.metric}: actual against plan")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=110)
        atomic_write_bytes(out, buffer.getvalue())
        written.append(out)
    return written
