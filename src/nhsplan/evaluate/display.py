"""How a :class:`~nhsplan.evaluate.report.Report` shows itself: a short ``repr`` and HTML.

A report shows a table of assessments coloured by status (at most :data:`~nhsplan._html.MAX_ROWS`
rows) and its warnings; public through :mod:`nhsplan.display`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from nhsplan import _html
from nhsplan._figures import format_amount, margin_unit
from nhsplan._html import Cell, Html, element, row, table
from nhsplan.model.enums import Status

if TYPE_CHECKING:
    from nhsplan.evaluate.report import Report
    from nhsplan.model import Assessment
    from nhsplan.units import Quantity

__all__ = ["STATUS_COLOURS", "report_html", "report_repr"]

STATUS_COLOURS: Final = {
    Status.MET: ("#1b5e20", "#e8f5e9"),
    Status.NOT_MET: ("#b71c1c", "#ffebee"),
    Status.NOT_DUE: ("#0d47a1", "#e3f2fd"),
    Status.NO_DATA: ("#4e342e", "#fff8e1"),
    Status.NOT_APPLICABLE: ("#424242", "#f5f5f5"),
}
"""Text and background colour of each status in HTML tables."""


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


def _status_cell(status: Status) -> Html:
    colour, background = STATUS_COLOURS[status]
    return element(
        "span",
        _html.words(status.value),
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
        cells.append(_html.words(reading.variation.value) if reading is not None else "")
        assured = reading.assurance if reading is not None else None
        cells.append(_html.words(assured.value) if assured is not None else "")
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
        _html.heading(
            f"nhsplan {report.edition}",
            f" as of {report.as_of.isoformat()}: {len(report.assessments):,} assessments",
        ),
        element("p", *chips),
        table(
            header,
            _html.limited(
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
    return _html.box(*parts)
