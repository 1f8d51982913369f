"""Plans in the HTML report: the plan-versus-actual section, with charts (needs matplotlib).

:func:`plan_series` turns trackings (and a plan check's findings) into the rows the writer
shows (:class:`~nhsplan.io.writers.plan_report.PlanSeries`), each with its SPC chart and the
plan drawn as a stepped line (:func:`~nhsplan.plan.chart.plan_chart`);
:func:`plan_section` is the section :func:`~nhsplan.io.writers.performance_report_html` takes
as ``plans=``, and :func:`plan_report_html` a page of its own.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from nhsplan.io.writers.plan_report import PlanSeries, plan_page_html, plan_section_html
from nhsplan.model import Guidance
from nhsplan.plan.findings import PlanCheck
from nhsplan.plan.track import MetricTracking, PlanTracking

__all__ = ["plan_report_html", "plan_section", "plan_series"]


def _png(tracked: MetricTracking, org: str, name: str, dpi: int) -> bytes | None:
    if tracked.spc is None:
        return None
    from nhsplan.plan.chart import plan_chart  # noqa: PLC0415 - matplotlib on demand

    figure = plan_chart(tracked, title=f"{org}: {name} against plan")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def plan_series(
    trackings: Sequence[PlanTracking],
    guidance: Guidance,
    check: PlanCheck | None = None,
    *,
    charts: bool = True,
    dpi: int = 90,
) -> list[PlanSeries]:
    """One :class:`PlanSeries` per organisation and metric tracked, in order.

    Args:
        trackings: from :func:`~nhsplan.plan.track`.
        guidance: for the metrics' names.
        check: a plan check whose errors and warnings for each organisation and metric are
            listed with its series.
        charts: draw each series' SPC chart with the plan (needs matplotlib).
        dpi: the charts' resolution.
    """
    names = {m.id: m.name for m in guidance.metrics}
    out: list[PlanSeries] = []
    for tracking in trackings:
        for m in tracking.metrics:
            name = names.get(m.metric, m.metric)
            findings: tuple[str, ...] = ()
            if check is not None:
                findings = tuple(
                    f.message
                    for f in check.findings
                    if f.org == tracking.org and f.metric == m.metric and f.severity.value != "note"
                )
            out.append(
                PlanSeries(
                    org=tracking.org,
                    metric=m.metric,
                    name=name,
                    unit=m.unit,
                    variance_unit=m.variance_unit,
                    on_plan=m.on_plan,
                    off_plan=m.off_plan,
                    assurance=None if m.assurance is None else m.assurance.value,
                    months=tuple(
                        (str(t.month), t.planned, t.actual, t.variance, t.on_plan) for t in m.months
                    ),
                    projections=tuple(
                        f"{p.target}: at {p.slope:+,.2f} {m.unit} a month the trend reaches "
                        f"{p.projected:,.1f} in {p.month}: {p.reason}"
                        for p in m.projections
                    ),
                    chart_png=_png(m, tracking.org, name, dpi) if charts else None,
                    findings=findings,
                )
            )
    return out


def plan_section(
    trackings: Sequence[PlanTracking],
    guidance: Guidance,
    check: PlanCheck | None = None,
    *,
    charts: bool = True,
    dpi: int = 90,
) -> str:
    """The plan-versus-actual section of the performance report (HTML)."""
    return plan_section_html(plan_series(trackings, guidance, check, charts=charts, dpi=dpi))


def plan_report_html(
    trackings: Sequence[PlanTracking],
    guidance: Guidance,
    check: PlanCheck | None = None,
    *,
    title: str | None = None,
    charts: bool = True,
) -> str:
    """A self-contained page: the plan-versus-actual section under a title."""
    orgs = ", ".join(t.org for t in trackings)
    as_of = max((t.as_of for t in trackings), default=None)
    heading = title or f"Plans against actuals: {orgs} ({guidance.id}), to {as_of}"
    return plan_page_html(plan_series(trackings, guidance, check, charts=charts), title=heading)
