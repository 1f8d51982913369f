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

import enum
import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import ClassVar, Self, TypeAlias, TypeVar

import attrs
from dateutil.relativedelta import relativedelta

from nhsplan.errors import DeadlineWordingError, InvalidValueError, PeriodParseError

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
    """Text in a recognised form that holds an impossible value; never escapes this module."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _number(value: str | int, low: int, high: int, reason: str) -> int:
    """``value`` as an int in ``low..high``, else :class:`_UnreadableError` with ``reason``.

    ``reason`` may hold ``{}``, which is filled in with the value.
    """
    value = int(value)
    if not low <= value <= high:
        raise _UnreadableError(reason.format(value))
    return value


def _whole_number(
    low: int, high: int, *, field: str, example: str
) -> Callable[[object, attrs.Attribute[int], int], None]:
    """An attrs validator: a whole number from ``low`` to ``high``, else InvalidValueError."""

    def check(_instance: object, _attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidValueError(
                f"must be a whole number from {low} to {high}, not {value!r}",
                field=field,
                example=example,
            )

    return check


class _PeriodBase:
    """What every period type shares; each type supplies its index, span and text forms."""

    __slots__ = ()

    _SPAN: ClassVar[int]
    """Calendar months in one period of this type."""
    _EXPECTED: ClassVar[str]
    """What the text should have been, for error messages."""
    _EXAMPLE: ClassVar[str]
    """A valid example of the canonical text."""
    _FORMS: ClassVar[tuple[re.Pattern[str], ...]]
    """The accepted text forms, the canonical one first."""

    @property
    def _index(self) -> int:
        """Periods of this type since the first one of year 0 (consecutive periods: +1)."""
        raise NotImplementedError

    @classmethod
    def _from_index(cls, index: int) -> Self:
        raise NotImplementedError

    @classmethod
    def _from_match(cls, match: re.Match[str]) -> Self:
        raise NotImplementedError

    @classmethod
    def _read(cls, text: str, forms: tuple[re.Pattern[str], ...]) -> Self | None:
        """The period ``text`` spells in one of ``forms``, or None if it is in none of them.

        Raises:
            _UnreadableError: the text is in a form but holds an impossible value.
        """
        cleaned = _dashes(text.strip())
        for form in forms:
            match = form.fullmatch(cleaned)
            if match is not None:
                return cls._from_match(match)
        return None

    @classmethod
    def _error(cls, text: str, reason: str | None) -> PeriodParseError:
        return PeriodParseError(text, expected=cls._EXPECTED, example=cls._EXAMPLE, reason=reason)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a period from text (case-insensitive, surrounding whitespace ignored).

        Raises:
            PeriodParseError: the text is not a period of this type; the error carries the
                text and a valid example.
        """
        try:
            found = cls._read(text, cls._FORMS)
        except _UnreadableError as err:
            raise cls._error(text, err.reason) from None
        if found is None:
            raise cls._error(text, None)
        return found

    @classmethod
    def containing(cls, d: date) -> Self:
        """The period of this type that contains the date ``d``."""
        return cls._from_index(_month_index(_day(d)) // cls._SPAN)

    @property
    def start(self) -> date:
        """The first day of the period."""
        return _month_start(self._index * self._SPAN)

    @property
    def end(self) -> date:
        """The last day of the period."""
        return _month_start((self._index + 1) * self._SPAN) - timedelta(days=1)

    @property
    def financial_year(self) -> FinancialYear:
        """The financial year the period lies in."""
        return FinancialYear(self._index * self._SPAN // 12)

    def contains(self, d: date) -> bool:
        """Whether the date ``d`` lies in the period (both ends included)."""
        return self.start <= _day(d) <= self.end

    def __contains__(self, item: object) -> bool:
        return isinstance(item, date) and self.contains(item)

    def next(self) -> Self:
        """The period of this type that follows this one."""
        return self._from_index(self._index + 1)

    def previous(self) -> Self:
        """The period of this type that precedes this one."""
        return self._from_index(self._index - 1)

    def _parts(self, kind: type[_P]) -> tuple[_P, ...]:
        """The periods of type ``kind`` that tile this one, in order."""
        first = self._index * self._SPAN
        return tuple(
            kind._from_index(i)
            for i in range(first // kind._SPAN, (first + self._SPAN) // kind._SPAN)
        )


_P = TypeVar("_P", bound=_PeriodBase)


def _financial_year(match: re.Match[str]) -> FinancialYear:
    """The financial year in a match of ``_FY_WORDS``; its two years must be consecutive."""
    first, second = match["fy_start"], match["fy_end"]
    start = _number(first, MIN_YEAR, MAX_YEAR, "financial years run from 1900/01 to 2200/01")
    follows = start + 1 if len(second) == 4 else (start + 1) % 100
    if int(second) != follows:
        raise _UnreadableError(
            f"the years are not consecutive: the financial year starting in {start} "
            f"is {FinancialYear(start)}"
        )
    return FinancialYear(start)


@attrs.frozen(order=True)
class FinancialYear(_PeriodBase):
    """An NHS financial year, 1 April to 31 March, named by the calendar year it starts in.

    Attributes:
        year: the calendar year the financial year starts in (2021 for 2021/22).

    Examples:
        >>> fy = FinancialYear.parse("2021-22")
        >>> fy
        FinancialYear(year=2021)
        >>> str(fy), fy.start, fy.end
        ('2021/22', datetime.date(2021, 4, 1), datetime.date(2022, 3, 31))
        >>> [str(q) for q in fy.quarters()]
        ['2021/22 Q1', '2021/22 Q2', '2021/22 Q3', '2021/22 Q4']
    """

    year: int = attrs.field(
        validator=_whole_number(
            MIN_YEAR, MAX_YEAR, field="FinancialYear.year", example="FinancialYear(2021)"
        )
    )

    _SPAN: ClassVar[int] = 12
    _EXPECTED: ClassVar[str] = "a financial year"
    _EXAMPLE: ClassVar[str] = "2021/22"
    _FORMS: ClassVar[tuple[re.Pattern[str], ...]] = (
        _pattern(r"(?P<fy_start>\d{4})/(?P<fy_end>\d{2})"),
        _pattern(_FY_WORDS),
    )

    def __str__(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def _index(self) -> int:
        return self.year

    @classmethod
    def _from_index(cls, index: int) -> Self:
        return cls(index)

    @classmethod
    def _from_match(cls, match: re.Match[str]) -> Self:
        return cls(_financial_year(match).year)

    @property
    def financial_year(self) -> FinancialYear:
        """The financial year itself."""
        return self

    def halves(self) -> tuple[Half, Half]:
        """H1 (April-September) and H2 (October-March)."""
        return (Half(self.year, 1), Half(self.year, 2))

    def quarters(self) -> tuple[Quarter, ...]:
        """Q1 to Q4, in order."""
        return self._parts(Quarter)

    def months(self) -> tuple[Month, ...]:
        """The twelve months, April to March."""
        return self._parts(Month)


def _half_or_quarter_number(match: re.Match[str], letter: str, count: int) -> int:
    return _number(
        match["n"],
        1,
        count,
        f"a financial year has {letter}1 to {letter}{count}, not {letter}{{}}",
    )


@attrs.frozen(order=True)
class Half(_PeriodBase):
    """A half of a financial year: H1 is April-September, H2 is October-March.

    Attributes:
        year: the calendar year the financial year starts in.
        number: 1 or 2.

    Examples:
        >>> h2 = Half.parse("H2 2021/22")
        >>> str(h2), h2.start, h2.end
        ('2021/22 H2', datetime.date(2021, 10, 1), datetime.date(2022, 3, 31))
        >>> print(h2.next())
        2022/23 H1
    """

    year: int = attrs.field(
        validator=_whole_number(MIN_YEAR, MAX_YEAR, field="Half.year", example="Half(2021, 1)")
    )
    number: int = attrs.field(
        validator=_whole_number(1, 2, field="Half.number", example="Half(2021, 1)")
    )

    _SPAN: ClassVar[int] = 6
    _EXPECTED: ClassVar[str] = "a financial half-year"
    _EXAMPLE: ClassVar[str] = "2021/22 H1"
    _FORMS: ClassVar[tuple[re.Pattern[str], ...]] = (
        _pattern(r"(?P<fy_start>\d{4})/(?P<fy_end>\d{2})\s+h(?P<n>\d+)"),
        _pattern(rf"{_FY_WORDS}\s+h(?P<n>\d+)"),
        _pattern(rf"h(?P<n>\d+)\s+{_FY_WORDS}"),
    )

    def __str__(self) -> str:
        return f"{FinancialYear(self.year)} H{self.number}"

    @property
    def _index(self) -> int:
        return self.year * 2 + self.number - 1

    @classmethod
    def _from_index(cls, index: int) -> Self:
        year, number0 = divmod(index, 2)
        return cls(year, number0 + 1)

    @classmethod
    def _from_match(cls, match: re.Match[str]) -> Self:
        return cls(_financial_year(match).year, _half_or_quarter_number(match, "H", 2))

    def quarters(self) -> tuple[Quarter, Quarter]:
        """The two quarters of the half, in order."""
        first, second = self._parts(Quarter)
        return (first, second)

    def months(self) -> tuple[Month, ...]:
        """The six months of the half, in order."""
        return self._parts(Month)


@attrs.frozen(order=True)
class Quarter(_PeriodBase):
    """A quarter of a financial year: Q1 is April-June ... Q4 is January-March.

    Attributes:
        year: the calendar year the financial year starts in.
        number: 1 to 4.

    Examples:
        >>> q4 = Quarter(2021, 4)
        >>> str(q4), q4.start, q4.end
        ('2021/22 Q4', datetime.date(2022, 1, 1), datetime.date(2022, 3, 31))
        >>> [str(m) for m in q4.months()]
        ['2022-01', '2022-02', '2022-03']
    """

    year: int = attrs.field(
        validator=_whole_number(
            MIN_YEAR, MAX_YEAR, field="Quarter.year", example="Quarter(2021, 3)"
        )
    )
    number: int = attrs.field(
        validator=_whole_number(1, 4, field="Quarter.number", example="Quarter(2021, 3)")
    )

    _SPAN: ClassVar[int] = 3
    _EXPECTED: ClassVar[str] = "a financial quarter"
    _EXAMPLE: ClassVar[str] = "2021/22 Q3"
    _FORMS: ClassVar[tuple[re.Pattern[str], ...]] = (
        _pattern(r"(?P<fy_start>\d{4})/(?P<fy_end>\d{2})\s+q(?P<n>\d+)"),
        _pattern(rf"{_FY_WORDS}\s+q(?P<n>\d+)"),
        _pattern(rf"q(?P<n>\d+)\s+{_FY_WORDS}"),
    )

    def __str__(self) -> str:
        return f"{FinancialYear(self.year)} Q{self.number}"

    @property
    def _index(self) -> int:
        return self.year * 4 + self.number - 1

    @classmethod
    def _from_index(cls, index: int) -> Self:
        year, number0 = divmod(index, 4)
        return cls(year, number0 + 1)

    @classmethod
    def _from_match(cls, match: re.Match[str]) -> Self:
        return cls(_financial_year(match).year, _half_or_quarter_number(match, "Q", 4))

    def months(self) -> tuple[Month, Month, Month]:
        """The three months of the quarter, in order."""
        first, second, third = self._parts(Month)
        return (first, second, third)


def _month_in_range(year: int, month: int) -> bool:
    """Whether the month lies in the financial years MIN_YEAR to MAX_YEAR."""
    return (MIN_YEAR, 4) <= (year, month) <= (MAX_YEAR + 1, 3)


_MONTH_RANGE = "months run from 1900-04 (M1 1900/01) to 2201-03 (M12 2200/01)"


def _check_month_in_range(instance: Month, _attribute: attrs.Attribute[int], month: int) -> None:
    if not _month_in_range(instance.year, month):
        raise InvalidValueError(
            f"{_MONTH_RANGE}, not {instance.year}-{month:02d}",
            field="Month",
            example="Month(2021, 11)",
        )


@attrs.frozen(order=True)
class Month(_PeriodBase):
    """A calendar month, written ``2021-11``; in a financial year it is M1 (April) ... M12 (March).

    Attributes:
        year: the calendar year.
        month: the calendar month, 1 (January) to 12 (December).

    Examples:
        >>> october = Month.parse("M7 2021/22")
        >>> str(october), october.number, october.financial_year
        ('2021-10', 7, FinancialYear(year=2021))
        >>> Month.parse("Nov 2021"), Month.parse("2021-11-01")
        (Month(year=2021, month=11), Month(year=2021, month=11))
    """

    year: int = attrs.field(
        validator=_whole_number(
            MIN_YEAR, MAX_YEAR + 1, field="Month.year", example="Month(2021, 11)"
        )
    )
    month: int = attrs.field(
        validator=[
            _whole_number(1, 12, field="Month.month", example="Month(2021, 11)"),
            _check_month_in_range,
        ]
    )

    _SPAN: ClassVar[int] = 1
    _EXPECTED: ClassVar[str] = "a calendar month"
    _EXAMPLE: ClassVar[str] = "2021-11"
    _FORMS: ClassVar[tuple[re.Pattern[str], ...]] = (
        _pattern(r"(?P<year>\d{4})-(?P<month>\d{2})"),
        _pattern(rf"m(?P<n>\d{{1,2}})\s+{_FY_WORDS}"),
        _pattern(rf"{_FY_WORDS}\s+m(?P<n>\d{{1,2}})"),
        _pattern(rf"{_MONTH_WORD}\s+(?P<year>\d{{4}})"),
        _pattern(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
    )

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def _index(self) -> int:
        return self.year * 12 + self.month - 4

    @classmethod
    def _from_index(cls, index: int) -> Self:
        year, month0 = divmod(index + 3, 12)
        return cls(year, month0 + 1)

    @classmethod
    def _from_match(cls, match: re.Match[str]) -> Self:
        found = match.groupdict()
        if found.get("n") is not None:
            number = _number(match["n"], 1, 12, "a financial year has months M1 to M12, not M{}")
            return cls._from_index(_financial_year(match).year * 12 + number - 1)
        year = int(match["year"])
        if found.get("name") is not None:
            month = _month_name_number(match["name"])
        else:
            month = _number(match["month"], 1, 12, "months run from 01 to 12, not {:02d}")
        if not _month_in_range(year, month):
            raise _UnreadableError(f"{_MONTH_RANGE}, not {year}-{month:02d}")
        if found.get("day") not in {None, "01"}:
            raise _UnreadableError(
                f"give the month, {year}-{month:02d}, or its first day, {year}-{month:02d}-01, "
                f"not day {int(match['day'])}"
            )
        return cls(year, month)

    @property
    def number(self) -> int:
        """The financial month: 1 for April ... 12 for March."""
        return (self.month - 4) % 12 + 1


Period: TypeAlias = FinancialYear | Half | Quarter | Month
"""Any financial calendar period."""

_PERIOD_TYPES: tuple[type[Period], ...] = (FinancialYear, Half, Quarter, Month)


_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})


def _dashes(text: str) -> str:
    """Typeset dashes as hyphens: the guidance writes years with an en dash ("2018\u201319")."""
    return text.translate(_DASHES)


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
        PeriodParseError: the text is no period; the message lists the canonical forms.

    Examples:
        >>> parse_period("2021/22"), parse_period("2021/22 H1")
        (FinancialYear(year=2021), Half(year=2021, number=1))
        >>> parse_period("Q3 2021/22"), parse_period("November 2021")
        (Quarter(year=2021, number=3), Month(year=2021, month=11))
    """
    found = _read_period(text)
    if found is None:
        raise PeriodParseError(
            text,
            expected="a financial year, half, quarter or month",
            example="2021/22 Q3",
            reason="write a year as '2021/22', a half as '2021/22 H1', "
            "a quarter as '2021/22 Q3' or a month as '2021-11'",
        )
    return found


def financial_year_of(d: date) -> FinancialYear:
    """The financial year containing the date ``d``.

    Examples:
        >>> print(financial_year_of(date(2022, 3, 31)), financial_year_of(date(2022, 4, 1)))
        2021/22 2022/23
    """
    return FinancialYear.containing(d)


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


class DeadlineKind(enum.Enum):
    """How a deadline's dates apply."""

    BY = "by"
    """Due on or before the end date."""
    DURING = "during"
    """Applies between the start and end dates, both included."""
    FROM = "from"
    """Applies from the start date onward (before it, a target is not yet due)."""


@attrs.frozen(kw_only=True)
class Window:
    """The dates deadline words resolve to.

    A BY window has only an end, a FROM window only a start, a DURING window both.

    Attributes:
        kind: by, during or from.
        start: the first day the deadline applies (DURING and FROM windows).
        end: the last day by which, or during which, it applies (BY and DURING windows).

    Examples:
        >>> window = resolve_deadline("by March 2022", FinancialYear(2021))
        >>> window.end, window.judged_month()
        (datetime.date(2022, 3, 31), Month(year=2022, month=3))
    """

    kind: DeadlineKind = attrs.field(validator=attrs.validators.instance_of(DeadlineKind))
    start: date | None
    end: date | None

    def __attrs_post_init__(self) -> None:
        needs_start = self.kind is not DeadlineKind.BY
        needs_end = self.kind is not DeadlineKind.FROM
        example = "Window(kind=DeadlineKind.DURING, start=date(2021, 4, 1), end=date(2021, 6, 30))"
        for field, value, needed in (
            ("start", self.start, needs_start),
            ("end", self.end, needs_end),
        ):
            if (value is not None) != needed:
                must = "must be a date" if needed else "must be None"
                raise InvalidValueError(
                    f"{must} in a {self.kind.value!r} window, not {value!r}",
                    field=f"Window.{field}",
                    example=example,
                )
        if self.start is not None and self.end is not None and self.start > self.end:
            raise InvalidValueError(
                f"start {self.start} is after end {self.end}", field="Window", example=example
            )

    def judged_month(self) -> Month | None:
        """The month whose figure judges the window, when the window is about one month.

        That is the month a BY window ends on the last day of ("by March 2022", "by the end of
        Q1" is judged on June), or the single month a DURING window covers ("in September").
        Otherwise (FROM windows, BY a day inside a month, DURING a longer span) None.
        """
        end = self.end
        if end is None or end.day != monthrange(end.year, end.month)[1]:
            return None
        if self.kind is DeadlineKind.DURING and self.start != end.replace(day=1):
            return None
        if not _month_in_range(end.year, end.month):
            return None
        return Month(end.year, end.month)


@attrs.frozen
class _Span:
    """The dates a time expression ("Q1", "March 2022", "autumn") names."""

    start: date
    end: date
    by: date
    """What a bare "by <this>" means: the end of a reporting period, the start of a season."""

    @classmethod
    def of(cls, period: Period) -> _Span:
        # April opens a financial year: "by April 2022" means by 1 April 2022.
        opens_year = isinstance(period, Month) and period.month == 4
        return cls(period.start, period.end, period.start if opens_year else period.end)

    @classmethod
    def on(cls, d: date) -> _Span:
        return cls(d, d, d)


_ORDINALS = ("first", "second", "third", "fourth")
_SEASON_STARTS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_OF_THE_YEAR = r"(?:\s+of\s+the\s+(?:financial\s+)?year)?"


def _year_of(match: re.Match[str]) -> int:
    return _number(match["year"], 1, 9998, "years run from 0001 to 9998, not {}")


def _placed(month: int, year: FinancialYear) -> int:
    """The calendar year in which ``month`` falls inside the financial ``year``."""
    return year.year if month >= 4 else year.year + 1


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _UnreadableError(
            f"there is no day {day} in {_MONTH_NAMES[month - 1]} {year}"
        ) from None


def _nth(match: re.Match[str]) -> int:
    n = match["n"].lower()
    return _ORDINALS.index(n) + 1 if n in _ORDINALS else int(n)


def _the_year(_match: re.Match[str], year: FinancialYear) -> _Span:
    return _Span.of(year)


def _next_year(_match: re.Match[str], year: FinancialYear) -> _Span:
    return _Span.of(year.next())


def _quarter(match: re.Match[str], year: FinancialYear) -> _Span:
    number = _number(_nth(match), 1, 4, "a financial year has Q1 to Q4, not Q{}")
    return _Span.of(Quarter(year.year, number))


def _half(match: re.Match[str], year: FinancialYear) -> _Span:
    number = _number(_nth(match), 1, 2, "a financial year has H1 and H2, not H{}")
    return _Span.of(Half(year.year, number))


def _financial_month(match: re.Match[str], year: FinancialYear) -> _Span:
    number = _number(match["n"], 1, 12, "a financial year has months M1 to M12, not M{}")
    return _Span.of(year.months()[number - 1])


def _month_in_year(match: re.Match[str], year: FinancialYear) -> _Span:
    month = _month_name_number(match["name"])
    return _Span.of(Month(_placed(month, year), month))


def _named_day(match: re.Match[str], year: FinancialYear) -> _Span:
    month = _month_name_number(match["name"])
    in_year = _placed(month, year) if match["year"] is None else _year_of(match)
    return _Span.on(_date(in_year, month, int(match["day"])))


def _iso_day(match: re.Match[str], _year: FinancialYear) -> _Span:
    return _Span.on(_date(_year_of(match), int(match["month"]), int(match["day"])))


def _season(match: re.Match[str], year: FinancialYear) -> _Span:
    first = _SEASON_STARTS[match["season"].lower()]
    in_year = _placed(first, year) if match["year"] is None else _year_of(match)
    start = date(in_year, first, 1)
    return _Span(start, add_months(start, 3) - timedelta(days=1), start)


def _calendar_year(match: re.Match[str], _year: FinancialYear) -> _Span:
    in_year = _year_of(match)
    return _Span(date(in_year, 1, 1), date(in_year, 12, 31), date(in_year, 12, 31))


def _any_period(match: re.Match[str], _year: FinancialYear) -> _Span:
    try:
        period = _read_period(match[0])
    except PeriodParseError as err:
        raise _UnreadableError(err.reason or str(err)) from None
    if period is None:
        raise _UnreadableError(
            f"cannot tell when {match[0]!r} is; name a quarter ('Q1'), a half ('H1'), "
            "a month ('March 2022'), a day ('6 May 2021'), a season ('autumn') "
            "or a year ('2023/24', '2024')"
        )
    return _Span.of(period)


# What a time expression names, tried in order; the first whose pattern matches the whole
# expression resolves it. Words without a year are placed inside the guidance's financial year.
_TIMES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], FinancialYear], _Span]], ...] = (
    (
        _pattern(r"(?:the\s+|this\s+|the\s+current\s+)?(?:financial\s+)?year(?:[\s-]end)?"),
        _the_year,
    ),
    (_pattern(r"(?:the\s+)?next\s+(?:financial\s+)?year"), _next_year),
    (_pattern(r"q(?P<n>\d+)"), _quarter),
    (_pattern(rf"(?:the\s+)?(?P<n>first|second|third|fourth)\s+quarter{_OF_THE_YEAR}"), _quarter),
    (_pattern(r"h(?P<n>\d+)"), _half),
    (_pattern(rf"(?:the\s+)?(?P<n>first|second)\s+half{_OF_THE_YEAR}"), _half),
    (_pattern(r"m(?P<n>\d{1,2})"), _financial_month),
    (
        _pattern(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_WORD},?(?:\s+(?P<year>\d{{4}}))?"),
        _named_day,
    ),
    (_pattern(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"), _iso_day),
    (_pattern(_MONTH_WORD), _month_in_year),
    (_pattern(r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?P<year>\d{4}))?"), _season),
    (_pattern(r"(?P<year>\d{4})"), _calendar_year),
    (_pattern(r".+"), _any_period),
)

# How the leading words turn the time's span into a window, tried in order.
_KINDS: tuple[tuple[re.Pattern[str], Callable[[_Span], Window]], ...] = (
    (
        _pattern(r"by\s+(?:the\s+)?end(?:\s+of)?(?:\s+|$)"),
        lambda span: Window(kind=DeadlineKind.BY, start=None, end=span.end),
    ),
    (
        _pattern(r"by\s+(?:the\s+)?(?:start|beginning)\s+of(?:\s+|$)"),
        lambda span: Window(kind=DeadlineKind.BY, start=None, end=span.start),
    ),
    (
        _pattern(r"by(?:\s+|$)"),
        lambda span: Window(kind=DeadlineKind.BY, start=None, end=span.by),
    ),
    (
        _pattern(
            r"(?:from|starting|beginning|with\s+effect\s+from)"
            r"(?:\s+the\s+(?:start|beginning)\s+of)?(?:\s+|$)"
        ),
        lambda span: Window(kind=DeadlineKind.FROM, start=span.start, end=None),
    ),
    (
        _pattern(r"(?:during|in|throughout)(?:\s+|$)"),
        lambda span: Window(kind=DeadlineKind.DURING, start=span.start, end=span.end),
    ),
)


def _leading_words(text: str) -> tuple[re.Match[str], Callable[[_Span], Window]] | None:
    """The first of ``_KINDS`` whose leading words ``text`` starts with, and its match."""
    for head, build in _KINDS:
        found = head.match(text)
        if found is not None:
            return found, build
    return None


def _wording_error(words: str, reason: str) -> DeadlineWordingError:
    return DeadlineWordingError(
        words, expected="deadline words", example="by the end of Q1", reason=reason
    )


def resolve_deadline(words: str, year: FinancialYear) -> Window:
    """Resolve deadline words from the guidance to a window of dates.

    Args:
        words: the guidance's words, such as ``"by the end of Q1"`` or ``"from autumn"``.
        year: the financial year the guidance covers; quarters, halves, months, days and
            seasons named without a year are placed inside it (January-March in its second
            calendar year).

    Returns:
        A BY window (on or before ``end``), a DURING window (``start`` to ``end``) or a FROM
        window (from ``start`` onward). "By" a quarter, half, year or month means by its last
        day, except "by April 2022", which means by 1 April (the start of a financial year);
        "by" a season means by its first day. Seasons are meteorological: autumn starts on
        1 September. A bare calendar year ("by 2024") means that year's 31 December.

    Raises:
        DeadlineWordingError: the words do not resolve; the error carries them and a valid
            example.

    Examples:
        >>> fy = FinancialYear(2021)
        >>> resolve_deadline("from autumn", fy)
        Window(kind=<DeadlineKind.FROM: 'from'>, start=datetime.date(2021, 9, 1), end=None)
        >>> resolve_deadline("by 3 June", fy).end
        datetime.date(2021, 6, 3)
    """
    text = _dashes(" ".join(words.split()).rstrip("."))
    head = _leading_words(text)
    if head is None:
        raise _wording_error(words, "deadline words start with 'by', 'during', 'in' or 'from'")
    found, build = head
    when = text[found.end() :]
    for pattern, resolve in _TIMES:
        match = pattern.fullmatch(when)
        if match is not None:
            try:
                return build(resolve(match, year))
            except _UnreadableError as err:
                raise _wording_error(words, err.reason) from None
    raise _wording_error(words, f"say when after {text!r}, for example 'Q1' or 'March 2022'")
