"""What periods and deadline words share: year bounds, month names and arithmetic, number checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

import attrs
from dateutil.relativedelta import relativedelta

from nhsplan.errors import InvalidValueError, _shown

MIN_YEAR = 1900
"""The first financial year nhsplan represents (1900/01)."""
MAX_YEAR = 2200
"""The last financial year nhsplan represents (2200/01)."""

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# A month's name, in full or shortened to three letters ("Sept" too), with an optional dot.
_MONTH_WORD = (
    r"(?P<name>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A financial year in any accepted spelling: 2021/22, 2021-22, 2021/2022, FY2021/22.
_FY_WORDS = r"(?:fy\s*)?(?P<fy_start>\d{4})\s*[/-]\s*(?P<fy_end>\d{4}|\d{2})"


def _pattern(regex: str) -> re.Pattern[str]:
    return re.compile(regex, re.IGNORECASE)


def _day(d: date) -> date:
    """The calendar day of a date or datetime (a pandas Timestamp is a datetime)."""
    return d.date() if isinstance(d, datetime) else d


def _month_index(d: date) -> int:
    """Months from April of year 0 to the month of ``d`` (April 2021 is 2021 * 12)."""
    return d.year * 12 + d.month - 4


def _month_start(index: int) -> date:
    """The first day of the month with the given :func:`_month_index`."""
    year, month0 = divmod(index + 3, 12)
    return date(year, month0 + 1, 1)


def _month_name_number(name: str) -> int:
    return [m[:3].lower() for m in _MONTH_NAMES].index(name[:3].lower()) + 1


class _UnreadableError(Exception):
    """Text in a recognised form that holds an impossible value; never escapes this package."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _number(value: str | int, low: int, high: int, reason: str) -> int:
    """``value`` as an int in ``low..high``, else :class:`_UnreadableError` with ``reason``.

    ``reason`` may hold ``{}``, which is filled in with the value. More digits than ``high``
    has (thousands of them, which ``int`` refuses to read) are out of range, said plainly.
    """
    if isinstance(value, str) and len(value.lstrip("0")) > len(str(high)):
        raise _UnreadableError(f"the number {_shortened(value)} is not from {low} to {high}")
    value = int(value)
    if not low <= value <= high:
        raise _UnreadableError(reason.format(value))
    return value


def _shortened(digits: str) -> str:
    """A long run of digits cut to its first few, for a message."""
    return digits if len(digits) <= 12 else f"{digits[:12]}... ({len(digits)} digits)"


def _not_text(value: object, *, call: str, argument: str) -> str | None:
    """Why ``value`` cannot be read as text, naming ``call``'s ``argument``; None for a str."""
    if isinstance(value, str):
        return None
    kind = type(value).__name__
    hint = (
        "; decode it first, for example with .decode('utf-8')"
        if isinstance(value, bytes | bytearray)
        else ""
    )
    return f"{call}: {argument} must be a str, not {kind}{hint}"


def _whole_number(
    low: int, high: int, *, field: str, example: str
) -> Callable[[object, attrs.Attribute[int], int], None]:
    """An attrs validator: a whole number from ``low`` to ``high``, else InvalidValueError."""

    def check(_instance: object, _attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidValueError(
                f"must be a whole number from {low} to {high}, not {_shown(value)}",
                field=field,
                example=example,
            )

    return check


_DASHES = ("\u2013", "\u2014", "\u2212")


def _dashes(text: str) -> str:
    """Typeset dashes as hyphens: the guidance writes years with an en dash ("2018\u201319")."""
    # str.replace, not str.translate: translate with a dict costs a look-up per character,
    # which a long cell (thousands of characters) pays on every form tried.
    for dash in _DASHES:
        text = text.replace(dash, "-")
    return text


def add_months(d: date, months: int) -> date:
    """The date ``months`` calendar months after ``d``, clamped to the end of a shorter month.

    Examples:
        >>> add_months(date(2021, 8, 31), 6), add_months(date(2020, 2, 29), 12)
        (datetime.date(2022, 2, 28), datetime.date(2021, 2, 28))
    """
    return d + relativedelta(months=months)


def within_months(start: date, end: date, months: int) -> bool:
    """Whether ``end`` is on or before the date ``months`` calendar months after ``start``.

    This is the "within 6 months of notification" test (month-end clamped).

    Examples:
        >>> within_months(date(2021, 8, 31), date(2022, 2, 28), 6)
        True
        >>> within_months(date(2021, 8, 31), date(2022, 3, 1), 6)
        False
    """
    return end <= add_months(start, months)
