"""The plan-versus-actual section of the HTML performance report, and a page of its own.

Takes plain figures (:class:`PlanSeries`: one organisation's metric, month by month), so it
needs nothing from the plan layer that computes them (:mod:`nhsplan.plan.report` builds them
from a tracking and draws the charts). Every text is escaped once (:mod:`nhsplan._html`);
numbers are shown with their units, variances of percentages in percentage points.

>>> s = PlanSeries(org="RBD", metric="ae_4_hour", name="A&E within 4 hours", unit="percent",
...                variance_unit="percentage points", on_plan=1, off_plan=1,
...                assurance="inconsistent",
...                months=(("2019-02", 96.6, 91.4, -5.2, False),
...                        ("2019-03", 95.6, 95.7, 0.1, True)))
>>> html = plan_section_html([s])
>>> "<h2>Plans against actuals</h2>" in html, "A&amp;E within 4 hours" in html
(True, True)
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import attrs

from nhsplan._html import Html, element, row, table, text

__all__ = ["PlanSeries", "plan_page_html", "plan_section_html"]

Month = tuple[str, float, float | None, float | None, bool | None]
"""``(month, planned, actual, variance, on plan)``; None where there is no actual yet."""


@attrs.frozen(kw_only=True)
class PlanSeries:
    """One organisation's metric: planned against actual, as the report shows it."""

    org: str
    metric: str
    name: str
    unit: str
    variance_unit: str
    on_plan: int
    off_plan: int
    assurance: str | None
    """The SPC assurance against the plan (``consistent_fail``...), None without a reading."""
    months: tuple[Month, ...]
    projections: tuple[str, ...] = ()
    """One sentence per target projected."""
    chart_png: bytes | None = None
    findings: tuple[str, ...] = ()
    """The plan check's findings for this organisation and metric, as sentences."""


_ASSURANCE = {
    "consistent_pass": "the plan will consistently be met",
    "consistent_fail": "the plan will consistently be missed",
    "inconsistent": "hit and miss against the plan",
}


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}%" if unit == "percent" else f"{value:,.1f} {unit}"


def _variance(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:+.2f} pp" if unit == "percentage points" else f"{value:+,.1f} {unit}"


def _summary(series: Sequence[PlanSeries]) -> Html:
    rows = []
    for s in series:
        latest = next((m for m in reversed(s.months) if m[2] is not None), None)
        rows.append(
            row(
                [
                    s.org,
                    s.name,
                    str(s.on_plan),
                    str(s.off_plan),
                    "-" if latest is None else latest[0],
                    "-" if latest is None else _variance(latest[3], s.variance_unit),
                    _ASSURANCE.get(s.assurance or "", "no reading"),
                ],
                classes=["k", "", "n", "n", "k", "n", ""],
            )
        )
    header = ["org", "metric", "months on plan", "off plan", "latest", "variance", "assurance"]
    return table(header, rows, caption="Plans against actuals: summary")


def _months(s: PlanSeries) -> Html:
    rows = [
        row(
            [
                month,
                _figure(planned, s.unit),
                _figure(actual, s.unit),
                _variance(variance, s.variance_unit),
                "-" if on is None else ("yes" if on else "no"),
            ],
            classes=["k", "n", "n", "n", ""],
        )
        for month, planned, actual, variance, on in s.months
    ]
    return table(["month", "planned", "actual", "variance", "on plan"], rows)


def _series(s: PlanSeries) -> Html:
    parts: list[Html] = [
        element("h3", f"{s.org}: {s.name} ", element("span", s.metric, attrs={"class": "id"})),
        element(
            "p",
            f"{s.on_plan} of {s.on_plan + s.off_plan} months on plan; SPC assurance with the "
            f"plan as the target each month: {_ASSURANCE.get(s.assurance or '', 'no reading')}.",
        ),
    ]
    if s.findings:
        parts.append(
            element("ul", *(element("li", f) for f in s.findings), attrs={"class": "verdicts"})
        )
    if s.chart_png is not None:
        image = base64.b64encode(s.chart_png).decode("ascii")
        alt = f"XmR chart of {s.org}: {s.name}, with the plan as a stepped line"
        parts.append(Html(f'<img alt="{text(alt)}" src="data:image/png;base64,{image}">'))
    parts.append(_months(s))
    if s.projections:
        parts.append(
            element("ul", *(element("li", p) for p in s.projections), attrs={"class": "note"})
        )
    return element("section", *parts)


def plan_section_html(series: Sequence[PlanSeries]) -> str:
    """The section: a summary table, then each series' chart, months and projections."""
    if not series:
        return ""
    return str(
        Html("<h2>Plans against actuals</h2>")
        + _summary(series)
        + Html("".join(_series(s) for s in series))
    )


_CSS = (
    "body{font-family:Arial,sans-serif;max-width:1100px;margin:24px auto;padding:0 12px}"
    "h1,h2{color:#005eb8}table{border-collapse:collapse;margin:0 0 1em 0;font-size:.9em}"
    "th,td{border-bottom:1px solid #d8dde0;padding:4px 8px;text-align:left}"
    "th{background:#f0f4f5}.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".id{color:#768692;font-size:.75em;font-weight:normal}.note{color:#425563}"
    "img{max-width:100%;height:auto;border:1px solid #eeeeee}"
)


def plan_page_html(series: Sequence[PlanSeries], *, title: str) -> str:
    """A page of its own: :func:`plan_section_html` under *title*."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{text(title)}</h1>{plan_section_html(series)}"
        '<p class="note">Made with nhsplan.</p></body></html>\n'
    )
