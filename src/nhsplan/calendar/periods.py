"""Financial years, halves, quarters and months as values, and reading them from text."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import ClassVar, Self, TypeAlias, TypeVar

import attrs

from nhsplan.calendar._common import (
    _FY_WORDS,
    _MONTH_WORD,
    MAX_YEAR,
    MIN_YEAR,
    _dashes,
    _day,
    _month_index,
    _month_name_number,
    _month_start,
    _not_text,
    _number,
    _pattern,
    _UnreadableError,
    _whole_number,
)
from nhsplan.calendar._excel import _hint
from nhsplan.errors import InvalidValueError, PeriodParseError


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
    def _error(cls, text: object, reason: str | None) -> PeriodParseError:
        return PeriodParseError(
            text, expected=cls._EXPECTED, example=cls._EXAMPLE, reason=reason or _hint(text)
        )

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a period from text (case-insensitive, surrounding whitespace ignored).

        Raises:
            PeriodParseError: the text is not a period of this type, or not text at all (a
                number, bytes, None); the error carries the text and a valid example.
        """
        wrong_type = _not_text(text, call=f"{cls.__name__}.parse(text)", argument="text")
        if wrong_type is not None:
            raise cls._error(text, wrong_type)
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


def financial_year_of(d: date) -> FinancialYear:
    """The financial year containing the date ``d``.

    Examples:
        >>> print(financial_year_of(date(2022, 3, 31)), financial_year_of(date(2022, 4, 1)))
        2021/22 2022/23
    """
    return FinancialYear.containing(d)
