"""Tests for nhsplan.calendar: periods, parsing, month arithmetic and deadline wording."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from nhsplan.calendar import (
    MAX_YEAR,
    MIN_YEAR,
    DeadlineKind,
    FinancialYear,
    Half,
    Month,
    Period,
    Quarter,
    Window,
    add_months,
    financial_year_of,
    parse_period,
    resolve_deadline,
    within_months,
)
from nhsplan.errors import DeadlineWordingError, InvalidValueError, PeriodParseError
from tests.strategies import financial_years, halves, months, periods, quarters

FY = FinancialYear(2021)
PERIOD_STRATEGIES = [financial_years(), halves(), quarters(), months()]
calendar_dates = st.dates(date(MIN_YEAR, 4, 1), date(MAX_YEAR + 1, 3, 31))


class TestFinancialYear:
    @pytest.mark.parametrize(
        "text",
        ["2021/22", "2021-22", "2021/2022", "2021-2022", "FY2021/22", "fy 2021/22", " 2021/22 "],
    )
    def test_parse_spellings(self, text: str) -> None:
        assert FinancialYear.parse(text) == FinancialYear(2021)

    @pytest.mark.parametrize(
        ("year", "text"), [(2021, "2021/22"), (1999, "1999/00"), (2009, "2009/10")]
    )
    def test_str(self, year: int, text: str) -> None:
        assert str(FinancialYear(year)) == text

    def test_start_and_end(self) -> None:
        assert (FY.start, FY.end) == (date(2021, 4, 1), date(2022, 3, 31))

    @pytest.mark.parametrize(
        ("day", "year"),
        [
            (date(2022, 3, 31), 2021),
            (date(2022, 4, 1), 2022),
            (date(2021, 4, 1), 2021),
            (date(2021, 12, 31), 2021),
            (datetime(2022, 3, 31, 23, 59), 2021),
        ],
    )
    def test_financial_year_of(self, day: date, year: int) -> None:
        assert financial_year_of(day) == FinancialYear(year)
        assert FinancialYear.containing(day) == FinancialYear(year)

    def test_parts(self) -> None:
        assert FY.halves() == (Half(2021, 1), Half(2021, 2))
        assert FY.quarters() == tuple(Quarter(2021, n) for n in range(1, 5))
        assert FY.months()[0] == Month(2021, 4)
        assert FY.months()[-1] == Month(2022, 3)
        assert len(FY.months()) == 12

    def test_financial_year_is_itself(self) -> None:
        assert FY.financial_year is FY

    def test_next_and_previous(self) -> None:
        assert FY.next() == FinancialYear(2022)
        assert FY.previous() == FinancialYear(2020)


class TestHalf:
    @pytest.mark.parametrize(
        ("text", "number"),
        [("2021/22 H1", 1), ("H1 2021/22", 1), ("2021-22 H2", 2), ("h2 fy2021/22", 2)],
    )
    def test_parse_spellings(self, text: str, number: int) -> None:
        assert Half.parse(text) == Half(2021, number)

    @pytest.mark.parametrize(
        ("half", "start", "end"),
        [
            (Half(2021, 1), date(2021, 4, 1), date(2021, 9, 30)),
            (Half(2021, 2), date(2021, 10, 1), date(2022, 3, 31)),
        ],
    )
    def test_start_and_end(self, half: Half, start: date, end: date) -> None:
        assert (half.start, half.end) == (start, end)

    def test_str(self) -> None:
        assert str(Half(2021, 1)) == "2021/22 H1"

    def test_parts(self) -> None:
        assert Half(2021, 2).quarters() == (Quarter(2021, 3), Quarter(2021, 4))
        assert Half(2021, 2).months()[0] == Month(2021, 10)

    def test_next_crosses_the_year(self) -> None:
        assert Half(2021, 2).next() == Half(2022, 1)
        assert Half(2022, 1).previous() == Half(2021, 2)


class TestQuarter:
    @pytest.mark.parametrize("text", ["2021/22 Q3", "Q3 2021/22", "2021-22 Q3", "q3 2021/2022"])
    def test_parse_spellings(self, text: str) -> None:
        assert Quarter.parse(text) == Quarter(2021, 3)

    @pytest.mark.parametrize(
        ("number", "start", "end"),
        [
            (1, date(2021, 4, 1), date(2021, 6, 30)),
            (2, date(2021, 7, 1), date(2021, 9, 30)),
            (3, date(2021, 10, 1), date(2021, 12, 31)),
            (4, date(2022, 1, 1), date(2022, 3, 31)),
        ],
    )
    def test_start_and_end(self, number: int, start: date, end: date) -> None:
        quarter = Quarter(2021, number)
        assert (quarter.start, quarter.end) == (start, end)

    def test_end_of_q1(self) -> None:
        assert Quarter.parse("2021/22 Q1").end == date(2021, 6, 30)

    def test_str(self) -> None:
        assert str(Quarter(2021, 3)) == "2021/22 Q3"

    def test_months(self) -> None:
        assert Quarter(2021, 4).months() == (Month(2022, 1), Month(2022, 2), Month(2022, 3))

    def test_containing(self) -> None:
        assert Quarter.containing(date(2022, 2, 14)) == Quarter(2021, 4)

    def test_financial_year(self) -> None:
        assert Quarter(2021, 4).financial_year == FY


class TestMonth:
    @pytest.mark.parametrize(
        "text",
        [
            "2021-11",
            "M8 2021/22",
            "2021/22 M8",
            "November 2021",
            "Nov 2021",
            "nov. 2021",
            "NOVEMBER 2021",
            "2021-11-01",
            " 2021-11 ",
        ],
    )
    def test_parse_spellings(self, text: str) -> None:
        assert Month.parse(text) == Month(2021, 11)

    def test_m7_is_october(self) -> None:
        assert Month.parse("M7 2021/22") == Month(2021, 10)

    @pytest.mark.parametrize(("month", "number"), [(4, 1), (10, 7), (12, 9), (1, 10), (3, 12)])
    def test_financial_month_number(self, month: int, number: int) -> None:
        assert Month(2021, month).number == number

    @pytest.mark.parametrize(("month", "year"), [(Month(2022, 3), 2021), (Month(2022, 4), 2022)])
    def test_financial_year(self, month: Month, year: int) -> None:
        assert month.financial_year == FinancialYear(year)

    def test_str(self) -> None:
        assert str(Month(2021, 11)) == "2021-11"

    def test_start_and_end(self) -> None:
        assert (Month(2024, 2).start, Month(2024, 2).end) == (date(2024, 2, 1), date(2024, 2, 29))

    def test_next_crosses_the_calendar_year(self) -> None:
        assert Month(2021, 12).next() == Month(2022, 1)
        assert Month(2022, 1).previous() == Month(2021, 12)

    def test_contains(self) -> None:
        assert date(2021, 11, 30) in Month(2021, 11)
        assert date(2021, 12, 1) not in Month(2021, 11)
        assert "2021-11-05" not in Month(2021, 11)


class TestParsePeriod:
    @pytest.mark.parametrize(
        ("text", "period"),
        [
            ("2021/22", FinancialYear(2021)),
            ("2021-22", FinancialYear(2021)),
            ("2021/22 H1", Half(2021, 1)),
            ("2021/22 Q3", Quarter(2021, 3)),
            ("2021-11", Month(2021, 11)),
            ("M7 2021/22", Month(2021, 10)),
            # Canonical forms win: "2011-12" is December 2011, not the financial year 2011/12.
            ("2011-12", Month(2011, 12)),
        ],
    )
    def test_reads_each_type(self, text: str, period: Period) -> None:
        assert parse_period(text) == period

    def test_a_type_asked_for_reads_its_own_spelling(self) -> None:
        assert FinancialYear.parse("2011-12") == FinancialYear(2011)


def _parse_period(text: str) -> object:
    return parse_period(text)


class TestBadPeriodText:
    @pytest.mark.parametrize(
        ("parse", "text", "example"),
        [
            (FinancialYear.parse, "2021/23", "2021/22"),
            (FinancialYear.parse, "2021-2023", "2021/22"),
            (FinancialYear.parse, "2021", "2021/22"),
            (FinancialYear.parse, "", "2021/22"),
            (FinancialYear.parse, "1899/00", "2021/22"),
            (FinancialYear.parse, "21/22", "2021/22"),
            (FinancialYear.parse, "2021/22 Q1", "2021/22"),
            (Half.parse, "2021/22 H3", "2021/22 H1"),
            (Half.parse, "H0 2021/22", "2021/22 H1"),
            (Half.parse, "2021/22", "2021/22 H1"),
            (Half.parse, "2021/23 H1", "2021/22 H1"),
            (Quarter.parse, "2021/22 Q5", "2021/22 Q3"),
            (Quarter.parse, "Q0 2021/22", "2021/22 Q3"),
            (Quarter.parse, "Q3", "2021/22 Q3"),
            (Quarter.parse, "2021/22 Q", "2021/22 Q3"),
            (Month.parse, "2021-13", "2021-11"),
            (Month.parse, "2021-00", "2021-11"),
            (Month.parse, "M13 2021/22", "2021-11"),
            (Month.parse, "M0 2021/22", "2021-11"),
            (Month.parse, "2021-11-15", "2021-11"),
            (Month.parse, "2021-02-30", "2021-11"),
            (Month.parse, "Smarch 2021", "2021-11"),
            (Month.parse, "November", "2021-11"),
            (Month.parse, "1900-03", "2021-11"),
            (_parse_period, "garbage", "2021/22 Q3"),
            (_parse_period, "", "2021/22 Q3"),
        ],
    )
    def test_rejected(self, parse: Callable[[str], object], text: str, example: str) -> None:
        with pytest.raises(PeriodParseError) as info:
            parse(text)
        assert info.value.text == text
        assert repr(example) in str(info.value)

    def test_inconsecutive_years_are_named(self) -> None:
        with pytest.raises(PeriodParseError, match="not consecutive"):
            FinancialYear.parse("2021/23")

    def test_a_day_asks_for_the_month(self) -> None:
        with pytest.raises(PeriodParseError, match="give the month, 2021-11"):
            Month.parse("2021-11-15")

    def test_parse_period_lists_every_form(self) -> None:
        with pytest.raises(PeriodParseError) as info:
            parse_period("garbage")
        for example in ("2021/22", "2021/22 H1", "2021/22 Q3", "2021-11"):
            assert repr(example) in str(info.value)

    def test_parse_period_reports_a_near_miss(self) -> None:
        with pytest.raises(PeriodParseError, match="not Q5"):
            parse_period("2021/22 Q5")


class TestNotText:
    """A parser given something other than text says so, naming the call and its argument."""

    PARSERS: ClassVar[list[tuple[str, Callable[[Any], object]]]] = [
        ("parse_period(text)", parse_period),
        ("FinancialYear.parse(text)", FinancialYear.parse),
        ("Half.parse(text)", Half.parse),
        ("Quarter.parse(text)", Quarter.parse),
        ("Month.parse(text)", Month.parse),
    ]

    @pytest.mark.parametrize(("call", "parse"), PARSERS)
    @pytest.mark.parametrize(
        ("value", "kind"),
        [(None, "NoneType"), (5, "int"), (3.5, "float"), (["2021/22"], "list"), (b"x", "bytes")],
    )
    def test_refused(
        self, call: str, parse: Callable[[Any], object], value: object, kind: str
    ) -> None:
        with pytest.raises(PeriodParseError) as info:
            parse(value)
        assert info.value.text is value
        assert f"{call}: text must be a str, not {kind}" in str(info.value)

    def test_bytes_are_told_to_decode(self) -> None:
        with pytest.raises(PeriodParseError, match=r"decode it first"):
            parse_period(b"2021/22")  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [None, 5, b"by Q1", ["by Q1"]])
    def test_deadline_words_refused(self, value: Any) -> None:
        with pytest.raises(DeadlineWordingError, match=r"resolve_deadline\(words, year\): words"):
            resolve_deadline(value, FinancialYear(2021))

    @pytest.mark.parametrize("year", [2021, "2021/22", None])
    def test_deadline_year_refused(self, year: Any) -> None:
        with pytest.raises(InvalidValueError, match="must be a FinancialYear"):
            resolve_deadline("by the end of Q1", year)


class TestNearMisses:
    @pytest.mark.parametrize(
        ("text", "month"),
        [
            ("Dec-21", "2021-12"),
            ("dec 21", "2021-12"),
            ("April-19", "2019-04"),
            ("Sep/22", "2022-09"),
        ],
    )
    def test_excel_months_suggest_the_month(self, text: str, month: str) -> None:
        for parse in (parse_period, Month.parse):
            with pytest.raises(PeriodParseError, match=f"write the month as '{month}'"):
                parse(text)

    @pytest.mark.parametrize(
        "text",
        ["Q" + "9" * 5000 + " 2021/22", "2021/22 H" + "1" * 4400, "FY2021/22 Q" + "3" * 4500],
    )
    def test_thousands_of_digits(self, text: str) -> None:
        with pytest.raises(PeriodParseError, match="digits"):
            parse_period(text)

    def test_thousands_of_digits_in_deadline_words(self) -> None:
        with pytest.raises(DeadlineWordingError, match="digits"):
            resolve_deadline("by Q" + "4" * 5000, FinancialYear(2021))

    def test_a_long_text_is_cut_in_the_message(self) -> None:
        with pytest.raises(PeriodParseError) as info:
            parse_period("x" * 100_000)
        assert len(str(info.value)) < 600
        assert info.value.text == "x" * 100_000


class TestInvalidValues:
    @pytest.mark.parametrize(
        "make",
        [
            lambda: FinancialYear(MIN_YEAR - 1),
            lambda: FinancialYear(MAX_YEAR + 1),
            lambda: FinancialYear("2021"),  # type: ignore[arg-type]
            lambda: FinancialYear(True),
            lambda: Half(2021, 0),
            lambda: Half(2021, 3),
            lambda: Quarter(2021, 5),
            lambda: Month(2021, 13),
            lambda: Month(2021, 0),
            lambda: Month(MIN_YEAR, 3),
            lambda: Month(MAX_YEAR + 1, 4),
        ],
    )
    def test_rejected(self, make: Callable[[], object]) -> None:
        with pytest.raises(InvalidValueError, match="for example"):
            make()

    def test_positional_construction(self) -> None:
        assert FinancialYear(2021).year == 2021
        assert Month(2021, 11).month == 11


class TestOrdering:
    def test_within_a_type(self) -> None:
        assert Quarter(2021, 4) < Quarter(2022, 1)
        assert sorted([Month(2022, 1), Month(2021, 12)]) == [Month(2021, 12), Month(2022, 1)]

    def test_across_types_raises(self) -> None:
        with pytest.raises(TypeError):
            _ = FinancialYear(2021) < Quarter(2021, 1)  # type: ignore[operator]

    def test_different_types_are_unequal(self) -> None:
        year: object = FinancialYear(2021)
        assert year != Half(2021, 1)


class TestMonthArithmetic:
    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            (date(2021, 8, 31), 6, date(2022, 2, 28)),
            (date(2020, 2, 29), 12, date(2021, 2, 28)),
            (date(2021, 1, 31), 1, date(2021, 2, 28)),
            (date(2021, 5, 15), -3, date(2021, 2, 15)),
            (date(2021, 5, 15), 0, date(2021, 5, 15)),
        ],
    )
    def test_add_months(self, start: date, months: int, expected: date) -> None:
        assert add_months(start, months) == expected

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            (date(2021, 8, 31), date(2022, 2, 28), True),
            (date(2021, 8, 31), date(2022, 3, 1), False),
            (date(2021, 5, 1), date(2021, 11, 1), True),
            (date(2021, 5, 1), date(2021, 11, 2), False),
            (date(2021, 5, 1), date(2021, 4, 1), True),
        ],
    )
    def test_within_months(self, start: date, end: date, expected: bool) -> None:
        assert within_months(start, end, 6) is expected


BY, DURING, FROM = DeadlineKind.BY, DeadlineKind.DURING, DeadlineKind.FROM


class TestResolveDeadline:
    @pytest.mark.parametrize(
        ("words", "kind", "start", "end"),
        [
            ("by end of Q1", BY, None, date(2021, 6, 30)),
            ("by the end of Q1", BY, None, date(2021, 6, 30)),
            ("during Q1", DURING, date(2021, 4, 1), date(2021, 6, 30)),
            ("from Q3", FROM, date(2021, 10, 1), None),
            ("by March 2022", BY, None, date(2022, 3, 31)),
            ("by end March 2022", BY, None, date(2022, 3, 31)),
            ("by the end of March 2022", BY, None, date(2022, 3, 31)),
            ("by April 2022", BY, None, date(2022, 4, 30)),  # every month alike (issue 9)
            ("from April 2022", FROM, date(2022, 4, 1), None),
            ("in September", DURING, date(2021, 9, 1), date(2021, 9, 30)),
            ("by the end of the financial year", BY, None, date(2022, 3, 31)),
            ("by 6 May", BY, None, date(2021, 5, 6)),
            ("by 3 June", BY, None, date(2021, 6, 3)),
            ("by 14 February", BY, None, date(2022, 2, 14)),
            ("from autumn", FROM, date(2021, 9, 1), None),
            ("by 1 July 2021", BY, None, date(2021, 7, 1)),
            ("by 23 December 2016", BY, None, date(2016, 12, 23)),
            ("from July", FROM, date(2021, 7, 1), None),
            ("by the end of July", BY, None, date(2021, 7, 31)),
            ("during the first half of the year", DURING, date(2021, 4, 1), date(2021, 9, 30)),
            ("in H1", DURING, date(2021, 4, 1), date(2021, 9, 30)),
            ("during H1", DURING, date(2021, 4, 1), date(2021, 9, 30)),
            ("by 2023/24", BY, None, date(2024, 3, 31)),
            ("by 2024", BY, None, date(2024, 12, 31)),
            ("from spring 2021", FROM, date(2021, 3, 1), None),
            ("in Q2", DURING, date(2021, 7, 1), date(2021, 9, 30)),
            ("By The End Of Q1.", BY, None, date(2021, 6, 30)),
            ("by  the  end  of  Q4", BY, None, date(2022, 3, 31)),
            ("from the start of Q3", FROM, date(2021, 10, 1), None),
            ("in winter", DURING, date(2021, 12, 1), date(2022, 2, 28)),
            ("by 2022-01-17", BY, None, date(2022, 1, 17)),
            ("during 2021/22 Q4", DURING, date(2022, 1, 1), date(2022, 3, 31)),
        ],
    )
    def test_words(
        self, words: str, kind: DeadlineKind, start: date | None, end: date | None
    ) -> None:
        assert resolve_deadline(words, FY) == Window(kind=kind, start=start, end=end)

    @pytest.mark.parametrize(
        ("words", "month"),
        [
            ("by March 2022", Month(2022, 3)),
            ("by end March 2022", Month(2022, 3)),
            ("by the end of Q1", Month(2021, 6)),
            ("in September", Month(2021, 9)),
            ("by the end of the financial year", Month(2022, 3)),
            ("by April 2022", Month(2022, 4)),
            ("by 6 May", None),
            ("during Q1", None),
            ("from Q3", None),
        ],
    )
    def test_judged_month(self, words: str, month: Month | None) -> None:
        assert resolve_deadline(words, FY).judged_month() == month

    def test_the_year_places_words_without_one(self) -> None:
        window = resolve_deadline("by 3 June", FinancialYear(2022))
        assert window.end == date(2022, 6, 3)

    @pytest.mark.parametrize(
        "words",
        [
            "",
            "soon",
            "before Q1",
            "by",
            "by next week",
            "by 31 June",
            "by Q5",
            "in H3",
            "by M13",
            "by 2021/23",
            "during 30 February 2022",
            "from 0000",
        ],
    )
    def test_rejected(self, words: str) -> None:
        with pytest.raises(DeadlineWordingError) as info:
            resolve_deadline(words, FY)
        assert info.value.text == words
        assert "'by the end of Q1'" in str(info.value)


class TestWindow:
    @pytest.mark.parametrize(
        ("kind", "start", "end"),
        [
            (BY, date(2021, 4, 1), date(2021, 6, 30)),
            (BY, None, None),
            (FROM, None, None),
            (FROM, date(2021, 4, 1), date(2021, 6, 30)),
            (DURING, date(2021, 4, 1), None),
            (DURING, date(2021, 6, 30), date(2021, 4, 1)),
        ],
    )
    def test_rejected(self, kind: DeadlineKind, start: date | None, end: date | None) -> None:
        with pytest.raises(InvalidValueError, match="for example"):
            Window(kind=kind, start=start, end=end)


class TestLaws:
    @given(periods())
    def test_parse_round_trip(self, period: Period) -> None:
        assert type(period).parse(str(period)) == period
        assert parse_period(str(period)) == period

    @given(periods(), calendar_dates)
    def test_contains_agrees_with_start_and_end(self, period: Period, day: date) -> None:
        assert period.contains(day) == (period.start <= day <= period.end)
        assert (day in period) == period.contains(day)

    @pytest.mark.parametrize("strategy", PERIOD_STRATEGIES)
    @given(data=st.data())
    def test_ordering_agrees_with_start_dates(
        self, strategy: st.SearchStrategy[Period], data: st.DataObject
    ) -> None:
        a, b = data.draw(strategy), data.draw(strategy)
        assert (a < b) == (a.start < b.start)  # type: ignore[operator]
        assert (a <= b) == (a.start <= b.start)  # type: ignore[operator]
        assert (a == b) == (a.start == b.start)

    @given(periods())
    def test_next_starts_the_day_after_the_end(self, period: Period) -> None:
        assume(period.financial_year.year < MAX_YEAR)
        assert period.next().start == period.end + timedelta(days=1)
        assert period.next().previous() == period

    @given(periods())
    def test_previous_ends_the_day_before_the_start(self, period: Period) -> None:
        assume(period.financial_year.year > MIN_YEAR)
        assert period.previous().end == period.start - timedelta(days=1)

    @pytest.mark.parametrize("kind", [FinancialYear, Half, Quarter, Month])
    @given(day=calendar_dates)
    def test_containing_contains(self, kind: type[Period], day: date) -> None:
        assert kind.containing(day).contains(day)
        assert kind.containing(day).financial_year == financial_year_of(day)

    @given(financial_years())
    def test_parts_tile_the_year(self, year: FinancialYear) -> None:
        for parts in (year.halves(), year.quarters(), year.months()):
            assert parts[0].start == year.start
            assert parts[-1].end == year.end
            for before, after in itertools.pairwise(parts):
                assert after.start == before.end + timedelta(days=1)
        assert year.quarters() == tuple(q for h in year.halves() for q in h.quarters())
        assert year.months() == tuple(m for q in year.quarters() for m in q.months())

    @given(periods())
    def test_financial_year_contains_the_period(self, period: Period) -> None:
        year = period.financial_year
        assert year.start <= period.start
        assert period.end <= year.end
