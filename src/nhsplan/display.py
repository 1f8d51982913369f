"""How nhsplan's objects show themselves to people: rounded figures, short reprs, HTML.

Numbers leave the library as data rounded only to 10 decimal places, against float noise (in
report rows, CSV, JSON and DataFrames); this module rounds them for reading. Percentages get
one decimal place, differences of percentages are percentage points (``pp``), counts get
thousands separators and money is in pounds:

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

from nhsplan._figures import PERCENTAGE_POINTS, format_amount, margin_unit
from nhsplan._html import MAX_ROWS
from nhsplan.evaluate.display import STATUS_COLOURS, report_html, report_repr
from nhsplan.model.display import (
    guidance_html,
    guidance_repr,
    priority_html,
    priority_repr,
    target_html,
    target_repr,
)
from nhsplan.spc.display import spc_html, spc_repr

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
