"""An integrated performance report: one self-contained HTML page of verdicts and XmR charts.

:func:`performance_report_html` takes the :class:`~nhsplan.evaluate.report.Report` that
:func:`nhsplan.evaluate_guidance` returns and the observations behind it, and writes one HTML
page for a board: a summary table at the top (every organisation and target: the latest value,
the value required, the margin, the verdict, and the Making Data Count variation and assurance
icons), then one XmR chart per series (an organisation's metric), with a line for every target
the series is judged against, each target's verdict and reason, and the citations.

Charts are ordered by need: series that miss a target first (the furthest short first), then
those whose latest point is a special cause of concern, then the rest; organisations are shown
in the groups given (England, acute trusts, other sites), each named beside its code. Where
more series could be charted than ``max_charts``, the page says which were left out. Each
reading is as of the period its verdict judges
(:func:`nhsplan.evaluate.guidance.spc_through`), and a series with no process limits (every
month the same) says so instead of showing an assurance icon it cannot support. Margins of
percentages are in percentage points.

Charts are embedded as base64 PNG and icons as inline SVG: the page needs no other file and no
network. Drawing needs matplotlib (the ``plot`` extra).
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from nhsplan._figures import format_amount
from nhsplan.calendar import Month
from nhsplan.evaluate.guidance import series_for, spc_through
from nhsplan.evaluate.report import Report
from nhsplan.io.writers._report_parts import (
    CSS,
    PAGE,
    STATUS_WORDS,
    amount,
    anchor,
    icons,
    no_limits,
)
from nhsplan.model import Assessment, CaseRecord, Guidance, Metric, Observation, Target
from nhsplan.model.enums import Status, VariationIcon
from nhsplan.spc.chart import ASSURANCE_WORDS, VARIATION_WORDS, plot_spc
from nhsplan.spc.result import SpcResult
from nhsplan.units.text import counted

__all__ = ["performance_report_html", "series_for"]  # series_for: nhsplan.evaluate.guidance

_CONCERN = frozenset({VariationIcon.CONCERN_HIGH, VariationIcon.CONCERN_LOW})
_GroupOf = Callable[[str], tuple[int, str]]
"""An organisation code -> (the place of its group, the group's heading)."""


@attrs.frozen(kw_only=True)
class _Series:
    """One organisation's metric: the assessments judged on it, and its chart."""

    org: str
    metric: Metric
    members: tuple[int, ...]
    """Indexes of its MET and NOT_MET assessments in the report, latest period judged first."""
    chart: SpcResult[Month]
    """The reading of the first member (the latest period judged)."""
    need: int
    """0: misses a target; 1: special-cause concern; 2: the rest."""
    shortfall: float
    """The worst margin of its members (negative: short), for ordering within a need."""


def performance_report_html(
    report: Report,
    observations: Iterable[Observation | CaseRecord],
    guidance: Guidance | Sequence[Guidance],
    *,
    title: str | None = None,
    max_charts: int = 60,
    dpi: int = 90,
    names: Mapping[str, str] | None = None,
    groups: Sequence[tuple[str, Collection[str]]] = (),
    others: str = "Other organisations",
    plans: str = "",
) -> str:
    """One self-contained HTML page: a summary table, then a chart per series, by need.

    Args:
        report: from :func:`nhsplan.evaluate_guidance` on the same observations.
        observations: the figures the report was evaluated from (their monthly series are
            charted).
        guidance: the edition, or editions, the report was evaluated against (metric names,
            units, polarity, target names).
        title: the page's heading; defaults to the edition and date.
        max_charts: draw at most this many charts, those most in need first (the table still
            lists every assessment, and the page says which series were left out).
        dpi: the charts' resolution.
        names: organisation names by code (``{"RBD": "Dorset County Hospital NHS Foundation
            Trust"}``, from :func:`nhsplan.io.readers.read_ods_trusts`), shown beside the codes.
        groups: ``(heading, codes)`` in the order to show them (``("NHS trusts with a type-1
            A&E department", {...})``); organisations in no group come last, under
            *others*. Without groups, one list.
        others: the heading of the organisations in no group.
        plans: a plan-versus-actual section (HTML, from :func:`nhsplan.plan.report.plan_section`),
            shown after the charts.

    Returns:
        The page, as text (UTF-8 when written).

    Raises:
        ImportError: matplotlib is not installed (``pip install "nhsplan[plot]"``).
    """
    editions = (guidance,) if isinstance(guidance, Guidance) else tuple(guidance)
    metrics = {m.id: m for g in editions for m in g.metrics}
    targets = {t.id: t for g in editions for t in g.targets}
    by_org: dict[str, list[Observation | CaseRecord]] = defaultdict(list)
    for obs in observations:
        by_org[obs.org].append(obs)
    for figures in by_org.values():
        figures.sort(key=_start)

    readings: dict[int, SpcResult[Month]] = {}
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, a in enumerate(report.assessments):
        target = targets.get(a.target)
        metric = metrics.get(target.metric) if target is not None and target.metric else None
        if metric is None or a.status not in {Status.MET, Status.NOT_MET}:
            continue  # nothing to judge the series against yet
        chart = series_for(a, metric, by_org.get(a.org or "", []))
        if chart is not None:
            readings[n] = chart
            members[a.org or "", metric.id].append(n)

    group_of = _grouping(groups, others)
    series = sorted(
        (_series(report, org, metrics[m], found, readings) for (org, m), found in members.items()),
        key=lambda s: (group_of(s.org)[0], s.need, s.shortfall, s.org, s.metric.id),
    )
    drawn = series[: max(max_charts, 0)]
    who = _Namer(names or {})
    heading = title or f"Performance report: {report.edition}, as of {report.as_of.isoformat()}"
    sections = _sections(
        report, drawn, readings, targets=targets, group_of=group_of, who=who, dpi=dpi
    )
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in report.warnings)
    return PAGE.format(
        title=html.escape(heading),
        counts=html.escape(
            ", ".join(f"{n} {s.value.replace('_', ' ')}" for s, n in report.summary().items() if n)
        ),
        table=_table(report, readings, series, group_of=group_of, who=who),
        note=_capped(series, drawn, who=who),
        sections="".join(sections) + plans,
        warnings=f"<h2>Data-quality warnings</h2><ul>{warnings}</ul>" if warnings else "",
        css=CSS,
    )


def _start(obs: Observation | CaseRecord) -> date:
    if isinstance(obs, Observation):
        return obs.period.start
    return obs.start


def _series(
    report: Report,
    org: str,
    metric: Metric,
    found: list[int],
    readings: Mapping[int, SpcResult[Month]],
) -> _Series:
    """A series from its assessments: the latest period judged leads, not met before met."""

    def latest(n: int) -> tuple[date, bool]:
        a = report.assessments[n]
        return (spc_through(a), a.status is Status.NOT_MET)

    ordered = tuple(sorted(found, key=latest, reverse=True))
    chart = readings[ordered[0]]
    statuses = {report.assessments[n].status for n in ordered}
    concern = any(readings[n].variation_icon in _CONCERN for n in ordered)
    need = 0 if Status.NOT_MET in statuses else 1 if concern else 2
    margins = [
        float(m.magnitude) for n in ordered if (m := report.assessments[n].margin) is not None
    ]
    return _Series(
        org=org,
        metric=metric,
        members=ordered,
        chart=chart,
        need=need,
        shortfall=min(margins, default=math.inf),
    )


def _grouping(groups: Sequence[tuple[str, Collection[str]]], others: str) -> _GroupOf:
    """``group_of(code) -> (index, heading)``: the first group holding the code, else the last."""
    index: dict[str, int] = {}
    for i, (_heading, codes) in enumerate(groups):
        for code in codes:
            index.setdefault(code, i)
    headings = [heading for heading, _codes in groups]

    def group_of(code: str) -> tuple[int, str]:
        i = index.get(code)
        if i is None:
            return (len(headings), others if headings else "")
        return (i, headings[i])

    return group_of


class _Namer:
    """Organisation codes with their names: ``RBD Dorset County Hospital NHS Foundation Trust``."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names

    def html(self, code: str | None) -> str:
        if not code:
            return "All organisations"
        name = self.names.get(code)
        tail = f' <span class="name">{html.escape(name)}</span>' if name else ""
        return f'<span class="code">{html.escape(code)}</span>{tail}'

    def text(self, code: str | None) -> str:
        name = self.names.get(code or "")
        return f"{code} {name}" if name else str(code or "all organisations")


def _table(
    report: Report,
    readings: Mapping[int, SpcResult[Month]],
    series: Sequence[_Series],
    *,
    group_of: _GroupOf,
    who: _Namer,
) -> str:
    """Every assessment: England and the groups in order; within each, the series by need."""
    place: dict[int, tuple[int, int]] = {}
    for rank, s in enumerate(series):
        for n in s.members:
            place[n] = (rank, 0)
    status_rank = {Status.NOT_MET: 0, Status.MET: 1, Status.NO_DATA: 2, Status.NOT_DUE: 3}

    def key(n: int) -> tuple[object, ...]:
        a = report.assessments[n]
        return (group_of(a.org or "")[0], place.get(n, (len(series), 0)),
                status_rank.get(a.status, 4), a.org or "", n)  # fmt: skip

    anchors = {n: anchor(s.org, s.metric.id) for s in series for n in s.members}
    rows = []
    current: str | None = None
    for n in sorted(range(len(report.assessments)), key=key):
        a = report.assessments[n]
        heading = group_of(a.org or "")[1]
        if heading and heading != current:
            current = heading
            rows.append(f'<tr class="group"><th colspan="9">{html.escape(heading)}</th></tr>')
        variation, assurance = icons(readings.get(n))
        target = html.escape(a.target)
        if n in anchors:
            target = f'<a href="#{anchors[n]}">{target}</a>'
        rows.append(
            f"<tr><td>{who.html(a.org)}</td><td>{target}</td>"
            f'<td class="n">{html.escape(str(a.period or ""))}</td>'
            f'<td class="n">{amount(a.observed)}</td><td class="n">{amount(a.required)}</td>'
            f'<td class="n">{amount(a.margin, margin=True)}</td>'
            f'<td><span class="verdict {a.status.value}">{STATUS_WORDS[a.status]}</span></td>'
            f"<td>{variation}</td><td>{assurance}</td></tr>"
        )
    head = (
        "<tr><th>organisation</th><th>target</th><th>period</th><th>observed</th>"
        "<th>required</th><th>margin</th><th>verdict</th><th>variation</th><th>assurance</th></tr>"
    )
    return (
        '<div class="scroll"><table class="summary">'
        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _capped(series: Sequence[_Series], drawn: Sequence[_Series], *, who: _Namer) -> str:
    """The note that says which series were not charted, or nothing when all were."""
    left = series[len(drawn) :]
    if not left:
        return ""
    by_need = ", ".join(
        f"{counted(sum(s.need == i for s in left), 'series', 'series')} that "
        f"{'miss a target' if i == 0 else 'show special-cause concern' if i == 1 else 'meet'}"
        for i in range(3)
        if any(s.need == i for s in left)
    )
    first = ", ".join(html.escape(who.text(s.org)) for s in left[:5])
    more = f" and {len(left) - 5} more" if len(left) > 5 else ""
    return (
        f"<p class='note capped'>Charts are drawn for {len(drawn)} of {len(series)} series, "
        "most in need first (a missed target, then special-cause concern, then the rest); "
        f"not charted: {by_need} ({first}{more}). The table lists every assessment; "
        "raise --max-charts to chart more.</p>"
    )


def _sections(
    report: Report,
    drawn: Sequence[_Series],
    readings: Mapping[int, SpcResult[Month]],
    *,
    targets: Mapping[str, Target],
    group_of: _GroupOf,
    who: _Namer,
    dpi: int,
) -> list[str]:
    out: list[str] = []
    current: str | None = None
    for s in drawn:
        heading = group_of(s.org)[1]
        if heading and heading != current:
            current = heading
            out.append(f"<h2>{html.escape(heading)}</h2>")
        out.append(_section(report, s, readings, targets=targets, who=who, dpi=dpi))
    return out


def _section(
    report: Report,
    s: _Series,
    readings: Mapping[int, SpcResult[Month]],
    *,
    targets: Mapping[str, Target],
    who: _Namer,
    dpi: int,
) -> str:
    lead = report.assessments[s.members[0]]
    metric, chart = s.metric, s.chart
    unit = lead.required.unit if lead.required is not None else metric.unit
    percent = unit == "percent"
    fig = plot_spc(
        chart,
        title=f"{who.text(s.org)}: {metric.name}",
        y_label=metric.name if percent else f"{metric.name} ({unit})",
        x_label="month",
        percent=percent,
        icons=not no_limits(chart),  # no assurance the chart cannot support
    )
    _target_lines(fig, report, s)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    image = base64.b64encode(buffer.getvalue()).decode("ascii")
    variation, assurance = icons(chart, size=40)
    through = chart.labels[-1]
    reading = VARIATION_WORDS[chart.variation_icon]
    if chart.assurance is not None and not no_limits(chart):
        reading += "; " + ASSURANCE_WORDS[chart.assurance]
    caveat = ""
    if no_limits(chart):
        caveat = (
            '<p class="caveat">No process limits: every month has the same figure '
            f"({html.escape(format_amount(chart.values[-1], unit))}), so the chart cannot say "
            "whether the process will reliably meet a target; no assurance icon is shown.</p>"
        )
    verdicts = "".join(
        _verdict(report.assessments[n], targets, readings.get(n), through) for n in s.members
    )
    sources = "".join(
        f"<li>Source of {html.escape(report.assessments[n].target)}: "
        f"{html.escape(str(report.assessments[n].citation))}</li>"
        for n in s.members
    )
    return (
        f'<section id="{anchor(s.org, metric.id)}"><h3>{who.html(s.org)}: '
        f'{html.escape(metric.name)} <span class="id">{html.escape(metric.id)}</span></h3>'
        f'<div class="reading">{variation}{assurance}<span>{html.escape(reading)} '
        f"(read to {html.escape(str(through))})</span></div>{caveat}"
        f'<ul class="verdicts">{verdicts}</ul>'
        f'<img alt="XmR chart of {html.escape(who.text(s.org))}: {html.escape(metric.name)}; '
        f'{html.escape(reading)}" src="data:image/png;base64,{image}">'
        f'<ul class="citation">{sources}</ul></section>'
    )


def _verdict(
    a: Assessment,
    targets: Mapping[str, Target],
    reading: SpcResult[Month] | None,
    through: object,
) -> str:
    """One target's verdict; its own reading where it reads the series to an earlier month."""
    target = targets.get(a.target)
    name = target.name if target is not None else a.target
    own = ""
    if reading is not None and reading.labels[-1] != through:
        words = VARIATION_WORDS[reading.variation_icon]
        if reading.assurance is not None and not no_limits(reading):
            words += "; " + ASSURANCE_WORDS[reading.assurance]
        own = f" Read to {html.escape(str(reading.labels[-1]))}: {html.escape(words)}."
    if a.reading:  # the interpretation the level rests on (issue 17)
        own += f' <span class="note">Reading: {html.escape(a.reading)}</span>'
    return (
        f'<li><span class="verdict {a.status.value}">{STATUS_WORDS[a.status]}</span> '
        f'<b>{html.escape(name)}</b> <span class="id">{html.escape(a.target)}</span>: '
        f"{amount(a.observed)} in {html.escape(str(a.period or ''))} against "
        f"{amount(a.required)} required; margin {amount(a.margin, margin=True)}. "
        f"{html.escape(a.reason)}{own}</li>"
    )


def _target_lines(fig: Any, report: Report, s: _Series) -> None:  # noqa: ANN401 - a Figure
    """A labelled line for each target the series is judged against (the chart draws one)."""
    ax = fig.axes[0]
    lines: dict[float, list[str]] = {}
    units: dict[float, str] = {}
    for n in s.members:
        a = report.assessments[n]
        if a.required is not None:
            value = float(a.required.magnitude)
            lines.setdefault(value, []).append(a.target)
            units[value] = a.required.unit
    lead = report.assessments[s.members[0]].required
    for value, ids in lines.items():
        if lead is None or value != float(lead.magnitude):  # the chart drew the lead's line
            ax.axhline(value, color="#de1b1b", linestyle=(0, (1, 2)), linewidth=1.2, zorder=1)
        label = f"{', '.join(ids)}: {format_amount(value, units[value])}"
        ax.annotate(label, (1.0, value), xycoords=("axes fraction", "data"),
                    xytext=(-2, 2), textcoords="offset points", ha="right", va="bottom",
                    fontsize=7, color="#de1b1b")  # fmt: skip
