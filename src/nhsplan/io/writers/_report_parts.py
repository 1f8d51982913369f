"""The pieces of markup the performance report is made of (private).

Verdict words, anchors, the Making Data Count icons of a chart (or the caveat where it has no
process limits), figures as HTML with their units, and the page's template and style sheet.
"""

from __future__ import annotations

import html
import re
from typing import Any

from nhsplan._figures import format_amount, margin_unit
from nhsplan.model.enums import Assurance, Status
from nhsplan.spc._icons import icon_svg
from nhsplan.spc.chart import ASSURANCE_WORDS, VARIATION_WORDS
from nhsplan.spc.result import SpcResult

__all__ = ["CSS", "PAGE", "STATUS_WORDS", "amount", "anchor", "icons", "no_limits"]

STATUS_WORDS = {
    Status.MET: "met",
    Status.NOT_MET: "not met",
    Status.NOT_DUE: "not due",
    Status.NO_DATA: "no data",
    Status.NOT_APPLICABLE: "not applicable",
}


def anchor(org: str, metric: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"{org or 'all'}-{metric}".lower()).strip("-")


def no_limits(chart: SpcResult[Any]) -> bool:
    """True if the chart's latest segment has no process limits (every month the same)."""
    latest = len(chart.segments) - 1
    return any(w.code == "no_limits" and w.segment == latest for w in chart.warnings)


def icons(chart: SpcResult[Any] | None, size: int = 26) -> tuple[str, str]:
    if chart is None:
        return "&ndash;", "&ndash;"
    variation = icon_svg(
        chart.variation_icon, size=size, title=VARIATION_WORDS[chart.variation_icon]
    )
    if no_limits(chart):
        return variation, '<span class="caveat" title="no process limits">no limits</span>'
    assurance = (
        icon_svg(chart.assurance, size=size, title=ASSURANCE_WORDS[chart.assurance])
        if isinstance(chart.assurance, Assurance)
        else "&ndash;"
    )
    return variation, assurance


def amount(amount: object, *, margin: bool = False) -> str:
    magnitude = getattr(amount, "magnitude", None)
    if magnitude is None:
        return "&ndash;"
    unit = str(getattr(amount, "unit", ""))
    if margin:
        unit = margin_unit(unit)
    text = format_amount(float(magnitude), unit, signed=margin)
    if unit == "percentage points":
        text = text.removesuffix(" pp")
        return f'{html.escape(text)} <abbr title="percentage points">pp</abbr>'
    return html.escape(text)


CSS = """
body{font-family:Arial,Helvetica,sans-serif;margin:24px auto;max-width:1100px;color:#231f20;
padding:0 12px}h1{color:#005eb8;font-size:1.6em}h2{color:#005eb8;
border-bottom:2px solid #005eb8;padding-bottom:4px;margin-top:2em}h3{margin-bottom:4px}
.id{color:#768692;font-size:.75em;font-weight:normal}.name{color:#425563}
.scroll{overflow-x:auto}table.summary{border-collapse:collapse;width:100%;font-size:.9em}
table.summary th,table.summary td{border-bottom:1px solid #d8dde0;padding:4px 8px;
text-align:left;vertical-align:middle}table.summary th{background:#f0f4f5}
table.summary td.n{white-space:nowrap}table.summary tr.group th{background:#005eb8;
color:#ffffff}
td svg{vertical-align:middle}.verdict{font-weight:bold;padding:1px 6px;border-radius:3px;
white-space:nowrap}.met{background:#d5ecf8;color:#005eb8}
.not_met{background:#fde9c4;color:#7a4a00}
.no_data,.not_due,.not_applicable{background:#eeeeee;color:#425563}
.reading{display:flex;align-items:center;gap:8px;flex-wrap:wrap}.reading svg{flex:none}
.verdicts{padding-left:1.2em}.verdicts li{margin:4px 0}
img{max-width:100%;height:auto;border:1px solid #eeeeee}
.citation,.note{color:#425563;font-size:.85em}.caveat{color:#7a4a00;font-size:.9em}
.capped{background:#fff7e0;border-left:4px solid #fab428;padding:6px 10px}
@media (max-width:600px){body{margin:8px auto}h1{font-size:1.25em}
table.summary{font-size:.8em}table.summary th,table.summary td{padding:3px 4px}}
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{css}</style></head>
<body><h1>{title}</h1>
{note}<p>{counts}. Variation and assurance are read from each series' Making Data Count XmR chart
(NHSRplotthedots' method), as of the period each verdict judges; hover over an icon for its
meaning. Charts are ordered by need: a missed target first, then special-cause concern, then
the rest. Margins of percentages are in percentage points (pp).</p>
{table}{sections}{warnings}
<p class="note">Made with nhsplan.</p></body></html>
"""
