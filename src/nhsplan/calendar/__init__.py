"""The NHS financial calendar: financial years, halves, quarters, months and deadline words.

A financial year runs from 1 April to 31 March and is written ``2021/22``. Its quarters are
Q1 = April-June, Q2 = July-September, Q3 = October-December and Q4 = January-March; its
halves are H1 = April-September and H2 = October-March; its months are M1 = April ... M12 =
March. A :class:`Month` is a calendar month, written ``2021-11``.

Periods are values: they parse from text, print back to canonical text, know their first and
last day, compare within their type and contain dates.

>>> from datetime import date
>>> q3 = Quarter.parse("Q3 2021/22")
>>> print(q3)
2021/22 Q3
>>> q3.start, q3.end
(datetime.date(2021, 10, 1), datetime.date(2021, 12, 31))
>>> date(2021, 11, 5) in q3
True
>>> parse_period("M7 2021/22")
Month(year=2021, month=10)

Deadline words resolve to a window of dates, given the financial year the guidance covers:

>>> resolve_deadline("by the end of Q1", FinancialYear(2021))
Window(kind=<DeadlineKind.BY: 'by'>, start=None, end=datetime.date(2021, 6, 30))
"""

from __future__ import annotations

from nhsplan.calendar._common import MAX_YEAR, MIN_YEAR, add_months, within_months
from nhsplan.calendar.deadlines import DeadlineKind, Window, resolve_deadline
from nhsplan.calendar.parsing import parse_period
from nhsplan.calendar.periods import (
    FinancialYear,
    Half,
    Month,
    Period,
    Quarter,
    financial_year_of,
)

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "DeadlineKind",
    "FinancialYear",
    "Half",
    "Month",
    "Period",
    "Quarter",
    "Window",
    "add_months",
    "financial_year_of",
    "parse_period",
    "resolve_deadline",
    "within_months",
]
