"""Reading a period whose kind the text decides: :func:`parse_period`."""

from __future__ import annotations

from nhsplan.calendar._common import _not_text, _UnreadableError
from nhsplan.calendar._excel import _hint
from nhsplan.calendar.periods import FinancialYear, Half, Month, Period, Quarter
from nhsplan.errors import PeriodParseError

__all__ = ["parse_period"]

_PERIOD_TYPES: tuple[type[Period], ...] = (FinancialYear, Half, Quarter, Month)


def _read_period(text: str) -> Period | None:
    """The period ``text`` spells, or None if it is in no period form.

    Canonical forms win over the other spellings: ``2011-12`` is December 2011 (a month),
    though ``FinancialYear.parse("2011-12")`` reads it as the financial year 2011/12.

    Raises:
        PeriodParseError: the text is in a period form but holds an impossible value.
    """
    problem: PeriodParseError | None = None
    for canonical in (True, False):
        for kind in _PERIOD_TYPES:
            forms = kind._FORMS[:1] if canonical else kind._FORMS[1:]
            try:
                found = kind._read(text, forms)
            except _UnreadableError as err:
                problem = problem or kind._error(text, err.reason)
                continue
            if found is not None:
                return found
    if problem is not None:
        raise problem
    return None


def parse_period(text: str) -> Period:
    """Read a financial year, half, quarter or month, whichever the text spells.

    Canonical spellings win: ``"2011-12"`` is December 2011, not the financial year 2011/12
    (write ``"2011/12"`` for that).

    Raises:
        PeriodParseError: the text is no period, or not text at all; the message lists the
            canonical forms (and, for Excel's ``Dec-21``, the month to write instead).

    Examples:
        >>> parse_period("2021/22"), parse_period("2021/22 H1")
        (FinancialYear(year=2021), Half(year=2021, number=1))
        >>> parse_period("Q3 2021/22"), parse_period("November 2021")
        (Quarter(year=2021, number=3), Month(year=2021, month=11))
    """
    wrong_type = _not_text(text, call="parse_period(text)", argument="text")
    found = None if wrong_type is not None else _read_period(text)
    if found is None:
        raise PeriodParseError(
            text,
            expected="a financial year, half, quarter or month",
            example="2021/22 Q3",
            reason=wrong_type
            or _hint(text)
            or "write a year as '2021/22', a half as '2021/22 H1', "
            "a quarter as '2021/22 Q3' or a month as '2021-11'",
        )
    return found
