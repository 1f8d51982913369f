"""How nhsplan's objects show themselves to people: rounded figures, short reprs, HTML.

Numbers leave the library unrounded (in report rows, JSON and DataFrames); this module rounds
them only for reading. Percentages get one decimal place, differences of percentages are
percentage points (``pp``), counts get thousands separators and money is in pounds:

>>> format_amount(86.60427671795345, "percent"), format_amount(-8.4, "percentage points")
('86.6%', '-8.4 pp')
>>> format_amount(15500, "FTE"), format_amount(6.6e9, "GBP"), format_amount(1, "patient")
('15,500 FTE', '£6.6bn', '1 patient')

Notebooks (Jupyter, VS Code, marimo) call an object's ``_repr_html_``: a guidance edition shows
a table of its priorities and targets, a report a table of assessments coloured by status, an
XmR chart its limits and icons. Every piece of text is HTML-escaped (:mod:`nhsplan._html`), and
no rendering grows with the size of a report past :data:`MAX_ROWS` rows. ``repr`` stays one
short line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar

from nhsplan._enums import Status
from nhsplan._figures import PERCENTAGE_POINTS, format_amount, margin_unit
from nhsplan._html import Cell, Html, element, row, table

if TYPE_CHECKING:
    from nhsplan.model import Assessment, Guidance, Priority
    from nhsplan.model.targets import _TargetBase as Target  # every kind of target
    from nhsplan.report import Report
    from nhsplan.spc import SpcResult, SpecialCause
    from nhsplan.units import Quantity

T = TypeVar("T")

__all__ = [
    "MAX_ROWS",
    "PERCENTAGE_POINTS",
    "STATUS_COLOURS",
    "format_amount",
    "guidance_html",
    "guidance_repr",
    "margin_unit",
    "priority_html",
    "priority_repr",
    "report_html",
    "report_repr",
    "spc_html",
    "spc_repr",
    "target_html",
    "target_repr",
]

MAX_ROWS: Final = 40
"""The most table rows an HTML rendering shows (the first and last half of them)."""

STATUS_COLOURS: Final = {
    Status.MET: ("#1b5e20", "#e8f5e9"),
    Status.NOT_MET: ("#b71c1c", "#ffebee"),
    Status.NOT_DUE: ("#0d47a1", "#e3f2fd"),
    Status.NO_DATA: ("#4e342e", "#fff8e1"),
    Status.NOT_APPLICABLE: ("#424242", "#f5f5f5"),
}
"""Text and background colour of each status in HTML tables."""

_TITLE_CHARS: Final = 70


def _clip(words: str, limit: int = _TITLE_CHARS) -> str:
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


# --- short reprs -------------------------------------------------------------------------------


def guidance_repr(guidance: Guidance) -> str:
    """One line: the edition, its title and how much it holds."""
    priorities = sum(1 for top in guidance.priorities for _ in top.walk())
    return (
        f"<Guidance {guidance.id!r} {_clip(guidance.title)!r}: {priorities} priorities, "
        f"{len(guidance.targets)} targets, {len(guidance.metrics)} metrics>"
    )


def priority_repr(priority: Priority) -> str:
    """One line: the code, title and number of sub-priorities."""
    children = f", {len(priority.children)} sub-priorities" if priority.children else ""
    return f"<Priority {priority.code} {_clip(priority.title)!r}{children}>"


def target_repr(target: Target) -> str:
    """One line: the kind, id, what is asked and the priority."""
    priority = f" ({target.priority})" if target.priority else ""
    return f"<{type(target).__name__} {target.id}: {_clip(_asks(target), 90)}{priority}>"


def report_repr(report: Report) -> str:
    """One line: the edition, date, counts by status and number of warnings."""
    counts = ", ".join(
        f"{n:,} {s.value.replace('_', ' ')}" for s, n in report.summary().items() if n
    )
    warnings = f", {len(report.warnings):,} warnings" if report.warnings else ""
    return (
        f"<Report {report.edition!r} as of {report.as_of.isoformat()}: "
        f"{len(report.assessments):,} assessments ({counts or 'none'}){warnings}>"
    )


def spc_repr(result: SpcResult[Any]) -> str:
    """One line: points, segments, the icons and the latest segment's limits."""
    last = result.segments[-1]
    assurance = f", {result.assurance.value}" if result.assurance is not None else ""
    return (
        f"<SpcResult {len(result.values)} points, {len(result.segments)} segments: "
        f"{result.variation_icon.value}{assurance}; mean {last.mean:.4g}, "
        f"limits {last.lpl:.4g} to {last.upl:.4g}>"
    )


# --- what a target asks, in words --------------------------------------------------------------


def _asks(target: Target) -> str:
    from nhsplan.model import (  # noqa: PLC0415 - display is imported by the model's hooks
        BaselineTarget,
        MilestoneTarget,
        ThresholdTarget,
        TrajectoryTarget,
        WithinTimeTarget,
    )

    if isinstance(target, ThresholdTarget | WithinTimeTarget):
        value = target.value
        asked = f"{_words(target.comparison.value)} {format_amount(value.magnitude, value.unit)}"
        if isinstance(target, WithinTimeTarget):
            asked += f" within {target.months} months"
    elif isinstance(target, TrajectoryTarget):
        first, last = target.points[0], target.points[-1]
        asked = (
            f"{_words(target.comparison.value)} "
            f"{format_amount(first.value.magnitude, first.value.unit)} from {first.on}"
        )
        if len(target.points) > 1:
            asked += f" to {format_amount(last.value.magnitude, last.value.unit)} from {last.on}"
    elif isinstance(target, BaselineTarget):
        change = format_amount(target.change.magnitude, target.change.unit, signed=True)
        labels = " or ".join(b.label for b in target.baselines)
        asked = f"{_words(target.comparison.value)} {change} on {labels}"
    elif isinstance(target, MilestoneTarget):
        asked = target.deliverable
    else:  # elimination
        asked = "none"
    metric = _metric(target)
    if metric and not isinstance(target, MilestoneTarget):
        asked = f"{metric} {asked}"
    due = f", {target.deadline.words}" if target.deadline is not None else ""
    return f"{asked}{due}"


def _amendments(target: Target) -> str:
    """The values that replaced the published one, with their dates (``95.0% from 2021-07-01``)."""
    changes = getattr(target, "amendments", ())
    return "; ".join(
        f"{format_amount(a.value.magnitude, a.value.unit)} from {a.effective}" for a in changes
    )


def _metric(target: Target) -> str:
    metric = getattr(target, "metric", None)  # every kind has one; a milestone's may be None
    return metric if isinstance(metric, str) else ""


def _cause(cause: SpecialCause | None) -> str:
    return "" if cause is None else _words(cause.value)


def _words(code: str) -> str:
    return code.replace("_", " ")


# --- HTML ----------------------------------------------------------------------------------------

_STYLE: Final = Html(
    "<style>"
    ".nhsplan{font-family:sans-serif;font-size:0.9em}"
    ".nhsplan table{border-collapse:collapse;margin:0 0 0.8em 0}"
    ".nhsplan th,.nhsplan td{text-align:left;vertical-align:top;padding:0.1em 0.5em}"
    ".nhsplan caption{text-align:left;font-weight:bold}"
    ".nhsplan .k{white-space:nowrap}"
    ".nhsplan .n{white-space:nowrap;text-align:right;font-variant-numeric:tabular-nums}"
    "</style>"
)
"""Laid out once per rendering, scoped to the ``nhsplan`` class (plain tables without it)."""


def _box(*parts: Html) -> str:
    return str(element("div", _STYLE, *parts, attrs={"class": "nhsplan"}))


def _heading(*words: str) -> Html:
    return element("p", element("strong", words[0]), *words[1:])


def _limited(
    items: Sequence[T], render: Callable[[T], Html], columns: int, *, noun: str
) -> list[Html]:
    """Table rows for at most :data:`MAX_ROWS` of *items*: the first and last halves.

    A row between says how many were left out; only the rows shown are rendered.
    """
    if len(items) <= MAX_ROWS:
        return [render(item) for item in items]
    half = MAX_ROWS // 2
    gap = element(
        "td",
        f"… {len(items) - MAX_ROWS:,} more {noun} …",
        attrs={"colspan": str(columns), "style": "text-align:center"},
    )
    return [
        *(render(item) for item in items[:half]),
        element("tr", gap),
        *(render(item) for item in items[-half:]),
    ]


def guidance_html(guidance: Guidance) -> str:
    """A summary of an edition: its priorities (with their targets' count) and its targets."""
    counts = Counter(t.priority for t in guidance.targets)
    priorities = [(p, p is top) for top in guidance.priorities for p in top.walk()]
    return _box(
        _heading(
            guidance.title,
            f" — edition {guidance.id} (financial year {guidance.year}); "
            f"{len(guidance.targets)} targets, "
            f"{len(guidance.metrics)} metrics, {len(guidance.funding)} funding lines",
        ),
        table(
            ("code", "priority", "targets"),
            _limited(
                priorities,
                lambda pair: row(
                    [
                        pair[0].code if pair[1] else f"\u2003{pair[0].code}",
                        pair[0].title,
                        counts.get(pair[0].code, 0),
                    ],
                    classes=("k", "", "n"),
                ),
                3,
                noun="priorities",
            ),
            caption="Priorities",
        ),
        table(
            ("target", "name", "kind", "asks", "priority", "source"),
            _limited(
                guidance.targets,
                lambda t: row(
                    [t.id, t.name, t.KIND, _asks(t), t.priority, str(t.citation)],
                    classes=("k", "", "k", "", "k", ""),
                ),
                6,
                noun="targets",
            ),
            caption="Targets",
        ),
    )


def priority_html(priority: Priority) -> str:
    """A priority: its title, summary, source and sub-priorities."""
    parts = [_heading(f"{priority.code} {priority.title}")]
    if priority.summary:
        parts.append(element("p", priority.summary))
    parts.append(element("p", "Source: ", str(priority.citation)))
    if priority.children:
        parts.append(
            table(
                ("code", "sub-priority"),
                _limited(
                    priority.children, lambda c: row([c.code, c.title]), 2, noun="sub-priorities"
                ),
            )
        )
    return _box(*parts)


def target_html(target: Target) -> str:
    """A target as a table of its facts, the guidance's own words among them."""
    facts = (
        ("id", target.id),
        ("kind", target.KIND),
        ("asks", _asks(target)),
        ("metric", _metric(target)),
        ("priority", target.priority or ""),
        ("amended", _amendments(target)),
        ("deadline", str(target.deadline) if target.deadline is not None else ""),
        ("applies to", ", ".join(sorted(t.value for t in target.applies_to)) or "everyone"),
        ("in force from", str(target.effective_from or "")),
        ("in force until", str(target.effective_until or "")),
        ("source", str(target.citation)),
        ("quote", target.citation.quote),
    )
    rows = [element("tr", element("th", k), element("td", v)) for k, v in facts if v]
    return _box(_heading(target.name), element("table", element("tbody", *rows)))


def _status_cell(status: Status) -> Html:
    colour, background = STATUS_COLOURS[status]
    return element(
        "span",
        _words(status.value),
        attrs={
            "style": f"color:{colour};background:{background};padding:0 0.3em;"
            "border-radius:0.2em;font-weight:bold;white-space:nowrap"
        },
    )


_REPORT_HEADER: Final = ("org", "target", "status", "period", "observed", "required", "margin")
_REPORT_CLASSES: Final = ("k", "k", "k", "k", "n", "n", "n", "k", "k", "")


def _assessment_row(a: Assessment, *, spc: bool) -> Html:
    cells: list[Cell] = [
        a.org,
        a.target,
        _status_cell(a.status),
        str(a.period) if a.period is not None else "",
        _amount(a.observed),
        _amount(a.required),
        _amount(a.margin, margin=True),
    ]
    if spc:
        reading = a.spc
        cells.append(_words(reading.variation.value) if reading is not None else "")
        assured = reading.assurance if reading is not None else None
        cells.append(_words(assured.value) if assured is not None else "")
    cells.append(a.reason)
    return row(cells, classes=_REPORT_CLASSES if spc else _REPORT_CLASSES[:7])


def _amount(amount: Quantity | None, *, margin: bool = False) -> str:
    if amount is None:
        return ""
    unit = margin_unit(amount.unit) if margin else amount.unit
    return format_amount(amount.magnitude, unit, signed=margin)


def report_html(report: Report) -> str:
    """A report: counts by status, the assessments (at most :data:`MAX_ROWS`) and warnings."""
    chips = [Html(f"{_status_cell(s)}&nbsp;{n:,} ") for s, n in report.summary().items() if n]
    spc = any(a.spc is not None for a in report.assessments)
    header = (*_REPORT_HEADER, *(("variation", "assurance") if spc else ()), "reason")
    parts = [
        _heading(
            f"nhsplan {report.edition}",
            f" as of {report.as_of.isoformat()}: {len(report.assessments):,} assessments",
        ),
        element("p", *chips),
        table(
            header,
            _limited(
                report.assessments,
                lambda a: _assessment_row(a, spc=spc),
                len(header),
                noun="assessments",
            ),
        ),
    ]
    readings = dict.fromkeys((a.target, a.reading) for a in report.assessments if a.reading)
    if readings:
        items = [element("li", f"{target}: {reading}") for target, reading in readings]
        parts += [element("p", "The verdicts rest on these readings:"), element("ul", *items)]
    if report.warnings:
        shown = report.warnings[:10]
        items = [element("li", w) for w in shown]
        if len(report.warnings) > len(shown):
            more = len(report.warnings) - len(shown)
            items.append(element("li", f"… and {more:,} more (see Report.warnings)"))
        parts += [element("p", f"{len(report.warnings):,} warnings:"), element("ul", *items)]
    return _box(*parts)


def spc_html(result: SpcResult[Any]) -> str:
    """An XmR chart's reading: the icons, each segment's limits, special causes and warnings."""
    assurance = _words(result.assurance.value) if result.assurance is not None else "none"
    target = f"; target {result.target:.4g}" if result.target is not None else ""
    parts = [
        _heading(
            "XmR chart",
            f" of {len(result.values):,} points: variation {_words(result.variation_icon.value)}, "
            f"assurance {assurance}{target}",
        ),
        table(
            ("segment", "from", "to", "points", "mean", "lower limit", "upper limit"),
            _limited(
                result.segments,
                lambda s: row(
                    [
                        s.index,
                        str(result.labels[s.start]),
                        str(result.labels[s.stop - 1]),
                        s.n_points,
                        f"{s.mean:.4g}",
                        f"{s.lpl:.4g}",
                        f"{s.upl:.4g}",
                    ],
                    classes=("n", "k", "k", "n", "n", "n", "n"),
                ),
                7,
                noun="segments",
            ),
        ),
    ]
    special = result.special_causes
    if special:
        parts.append(
            table(
                ("point", "value", "special cause"),
                _limited(
                    special,
                    lambda p: row(
                        [str(p.label), f"{p.value:.4g}", _cause(p.special_cause)],
                        classes=("k", "n", "k"),
                    ),
                    3,
                    noun="points",
                ),
                caption="Special-cause points",
            )
        )
    if result.warnings:
        parts.append(element("ul", *(element("li", w.message) for w in result.warnings[:10])))
    return _box(*parts)
