"""An integrated performance report: one self-contained HTML page of verdicts and XmR charts.

:func:`performance_report_html` takes the :class:`~nhsplan.evaluate.report.Report` that
:func:`nhsplan.evaluate_guidance` returns and the observations behind it, and writes one HTML
page: a summary table at the top (every organisation and target: the latest value, the value
required, the margin, the verdict, and the Making Data Count variation and assurance icons),
then for each organisation and target its XmR chart with the icons, the verdict with its
reason, the margin and the citation. Charts are embedded as base64 PNG and icons as inline SVG:
the page needs no other file and no network. Drawing needs matplotlib (the ``plot`` extra).
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from nhsplan.calendar import Month
from nhsplan.evaluate.report import Report
from nhsplan.model import Assessment, CaseRecord, Guidance, Metric, Observation
from nhsplan.model.enums import Assurance, Status
from nhsplan.spc._icons import icon_svg
from nhsplan.spc.chart import ASSURANCE_WORDS, VARIATION_WORDS, plot_spc
from nhsplan.spc.result import SpcResult
from nhsplan.spc.series import xmr

__all__ = ["performance_report_html", "series_for"]

_STATUS_WORDS = {
    Status.MET: "met",
    Status.NOT_MET: "not met",
    Status.NOT_DUE: "not due",
    Status.NO_DATA: "no data",
    Status.NOT_APPLICABLE: "not applicable",
}


def series_for(
    assessment: Assessment, metric: Metric, observations: Sequence[Observation | CaseRecord]
) -> SpcResult[Month] | None:
    """The XmR chart of an assessment's monthly series up to its date, or None (under 2 months).

    The figures of the assessment's organisation and metric for whole months ending on or
    before ``assessment.as_of``, in the unit of the value required, read against it.
    """
    figures = [
        o
        for o in observations
        if isinstance(o, Observation)
        and o.org == assessment.org
        and o.metric == metric.id
        and isinstance(o.period, Month)
        and o.period.end <= assessment.as_of
    ]
    if len(figures) < 2:
        return None
    unit = assessment.required.unit if assessment.required is not None else metric.unit
    months = [o.period for o in figures]
    target = assessment.required.magnitude if assessment.required is not None else None
    return xmr(
        [o.amount.to(unit).magnitude for o in figures],
        labels=months,  # type: ignore[arg-type]
        polarity=metric.polarity,
        target=target,
    )


def performance_report_html(
    report: Report,
    observations: Iterable[Observation | CaseRecord],
    guidance: Guidance,
    *,
    title: str | None = None,
    max_charts: int = 60,
    dpi: int = 90,
) -> str:
    """One self-contained HTML page: a summary table, then each organisation's targets charted.

    Args:
        report: from :func:`nhsplan.evaluate_guidance` on the same observations.
        observations: the figures the report was evaluated from (their monthly series are
            charted).
        guidance: the edition the report was evaluated against (metric names, units,
            polarity, target names).
        title: the page's heading; defaults to the edition and date.
        max_charts: draw at most this many charts (the table still lists every assessment),
            so a national run stays a page a browser opens quickly.
        dpi: the charts' resolution.

    Returns:
        The page, as text (UTF-8 when written).

    Raises:
        ImportError: matplotlib is not installed (``pip install "nhsplan[plot]"``).
    """
    figures = list(observations)
    by_org: dict[str, list[Observation | CaseRecord]] = defaultdict(list)
    for obs in figures:
        by_org[obs.org].append(obs)
    metrics = {m.id: m for m in guidance.metrics}
    targets = {t.id: t for t in guidance.targets}

    charts: dict[int, SpcResult[Month]] = {}
    for n, a in enumerate(report.assessments):
        target = targets.get(a.target)
        metric = metrics.get(target.metric) if target is not None and target.metric else None
        if metric is None or a.status not in {Status.MET, Status.NOT_MET}:
            continue  # nothing to judge the series against yet
        chart = series_for(a, metric, sorted(by_org.get(a.org or "", []), key=_start))
        if chart is not None:
            charts[n] = chart

    heading = title or f"Performance report: {report.edition}, as of {report.as_of.isoformat()}"
    drawn = sorted(charts)[:max_charts]
    sections = _sections(report, charts, drawn, targets=targets, metrics=metrics, dpi=dpi)
    left_out = len(charts) - len(drawn)
    note = (
        f"<p class='note'>Charts are drawn for the first {len(drawn)} of {len(charts)} "
        "series; the table lists every assessment.</p>"
        if left_out
        else ""
    )
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in report.warnings)
    return _PAGE.format(
        title=html.escape(heading),
        counts=html.escape(
            ", ".join(f"{n} {s.value.replace('_', ' ')}" for s, n in report.summary().items() if n)
        ),
        table=_table(report, charts),
        note=note,
        sections="".join(sections),
        warnings=f"<h2>Data-quality warnings</h2><ul>{warnings}</ul>" if warnings else "",
        css=_CSS,
    )


def _start(obs: Observation | CaseRecord) -> date:
    if isinstance(obs, Observation):
        return obs.period.start
    return obs.start


def _anchor(a: Assessment) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"{a.org or 'all'}-{a.target}".lower()).strip("-")


def _icons(chart: SpcResult[Any] | None, size: int = 26) -> tuple[str, str]:
    if chart is None:
        return "&ndash;", "&ndash;"
    variation = icon_svg(
        chart.variation_icon, size=size, title=VARIATION_WORDS[chart.variation_icon]
    )
    assurance = (
        icon_svg(chart.assurance, size=size, title=ASSURANCE_WORDS[chart.assurance])
        if isinstance(chart.assurance, Assurance)
        else "&ndash;"
    )
    return variation, assurance


def _table(report: Report, charts: dict[int, SpcResult[Month]]) -> str:
    rows = []
    for n, a in enumerate(report.assessments):
        variation, assurance = _icons(charts.get(n))
        verdict = _STATUS_WORDS[a.status]
        target = html.escape(a.target)
        if n in charts:
            target = f'<a href="#{_anchor(a)}">{target}</a>'
        rows.append(
            f"<tr><td>{html.escape(a.org or '')}</td><td>{target}</td>"
            f"<td>{html.escape(str(a.period or ''))}</td><td>{_amount(a.observed)}</td>"
            f"<td>{_amount(a.required)}</td><td>{_amount(a.margin, signed=True)}</td>"
            f'<td class="verdict {a.status.value}">{verdict}</td>'
            f"<td>{variation}</td><td>{assurance}</td></tr>"
        )
    head = (
        "<tr><th>organisation</th><th>target</th><th>period</th><th>observed</th>"
        "<th>required</th><th>margin</th><th>verdict</th><th>variation</th><th>assurance</th></tr>"
    )
    return f'<table class="summary"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _sections(
    report: Report,
    charts: dict[int, SpcResult[Month]],
    drawn: list[int],
    *,
    targets: dict[str, Any],
    metrics: dict[str, Metric],
    dpi: int,
) -> list[str]:
    out: list[str] = []
    current_org: str | None = "\0"
    for n in drawn:
        a = report.assessments[n]
        chart = charts[n]
        if a.org != current_org:
            current_org = a.org
            out.append(f"<h2>{html.escape(a.org or 'All organisations')}</h2>")
        target = targets[a.target]
        metric = metrics[target.metric]
        unit = a.required.unit if a.required is not None else metric.unit
        percent = unit == "percent"
        fig = plot_spc(
            chart,
            title=f"{a.org}: {metric.name}",
            y_label=metric.name if percent else f"{metric.name} ({unit})",
            x_label="month",
            percent=percent,
        )
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
        image = base64.b64encode(buffer.getvalue()).decode("ascii")
        variation, assurance = _icons(chart, size=40)
        reading = VARIATION_WORDS[chart.variation_icon]
        if chart.assurance is not None:
            reading += "; " + ASSURANCE_WORDS[chart.assurance]
        out.append(
            f'<section id="{_anchor(a)}"><h3>{html.escape(target.name)} '
            f'<span class="id">{html.escape(a.target)}</span></h3>'
            f'<div class="reading">{variation}{assurance}<span>{html.escape(reading)}</span></div>'
            f'<p><span class="verdict {a.status.value}">{_STATUS_WORDS[a.status]}</span> '
            f"{html.escape(a.reason)}</p>"
            f"<p>Latest: {_amount(a.observed)} against {_amount(a.required)} required; "
            f"margin {_amount(a.margin, signed=True)}.</p>"
            f'<img alt="XmR chart of {html.escape(str(a.org))}: {html.escape(metric.name)}; '
            f'{html.escape(reading)}" src="data:image/png;base64,{image}">'
            f'<p class="citation">Source: {html.escape(str(a.citation))}</p></section>'
        )
    return out


def _amount(amount: object, *, signed: bool = False) -> str:
    magnitude = getattr(amount, "magnitude", None)
    if magnitude is None:
        return "&ndash;"
    unit = getattr(amount, "unit", "")
    suffix = "%" if unit == "percent" else f" {unit}"
    number = f"{magnitude:+.2f}" if signed else f"{magnitude:.2f}"
    return html.escape(number + suffix)


_CSS = """
body{font-family:Arial,Helvetica,sans-serif;margin:24px auto;max-width:1100px;color:#231f20}
h1{color:#005eb8;font-size:1.6em}h2{color:#005eb8;border-bottom:2px solid #005eb8;
padding-bottom:4px;margin-top:2em}h3{margin-bottom:4px}.id{color:#768692;font-size:.7em;
font-weight:normal}table.summary{border-collapse:collapse;width:100%;font-size:.9em}
table.summary th,table.summary td{border-bottom:1px solid #d8dde0;padding:4px 8px;
text-align:left;vertical-align:middle}table.summary th{background:#f0f4f5}
td svg{vertical-align:middle}.verdict{font-weight:bold;padding:1px 6px;border-radius:3px}
.met{background:#d5ecf8;color:#005eb8}.not_met{background:#fde9c4;color:#7a4a00}
.no_data,.not_due,.not_applicable{background:#eeeeee;color:#425563}
.reading{display:flex;align-items:center;gap:8px}.reading svg{flex:none}
img{max-width:100%;border:1px solid #eeeeee}.citation,.note{color:#425563;font-size:.85em}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{css}</style></head>
<body><h1>{title}</h1>
<p>{counts}. Variation and assurance are read from each series' Making Data Count XmR chart
(NHSRplotthedots' method); hover over an icon for its meaning.</p>
{table}{note}{sections}{warnings}
<p class="note">Made with nhsplan.</p></body></html>
"""
