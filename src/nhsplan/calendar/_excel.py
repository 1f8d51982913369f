"""What to write instead of a period in a spreadsheet's format (Excel's ``Dec-21``)."""

from __future__ import annotations

from nhsplan.calendar._common import _MONTH_WORD, _dashes, _month_name_number, _pattern

# Excel shows a month as "Dec-21" (its "mmm-yy" format) or a day as "01/12/2021" (its UK
# date format); a CSV saved from it keeps that text.
_EXCEL_MONTH = _pattern(rf"{_MONTH_WORD}\s*[-/ ]\s*(?P<yy>[0-9]{{2}})")
_EXCEL_DATE = _pattern(r"[0-9]{1,2}/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})")


def _hint(text: object) -> str | None:
    """What to write instead of a near miss such as Excel's ``Dec-21``, if ``text`` is one.

    The one place that words this hint: every reader of periods shows it through
    :class:`~nhsplan.errors.PeriodParseError`, so it appears once in a message.
    """
    if not isinstance(text, str):
        return None
    cleaned = _dashes(text.strip())
    match = _EXCEL_MONTH.fullmatch(cleaned)
    if match is not None:
        month = f"{2000 + int(match['yy'])}-{_month_name_number(match['name']):02d}"
        kind = "month"
    else:
        dated = _EXCEL_DATE.fullmatch(cleaned)
        if dated is None or not 1 <= int(dated["month"]) <= 12:
            return None
        month = f"{dated['year']}-{int(dated['month']):02d}"
        kind = "date"
    return (
        f"Excel's {kind} format; write the month as {month!r}, "
        "for example by formatting the column as yyyy-mm before saving the CSV"
    )
