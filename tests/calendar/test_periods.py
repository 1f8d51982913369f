"""Periods at the edges of their range, and each refusal word for word.

:mod:`tests.calendar.test_calendar` covers reading and arithmetic; these pin the first and
last values every constructor and parser accepts and the exact text of what they refuse, so a
change to a bound, a comparison or a message in :mod:`nhsplan.calendar.periods` or
:mod:`nhsplan.calendar._common` fails here. Written from a mutation run's survivors
(docs/mutation.md).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nhsplan.calendar import FinancialYear, Half, Month, Period, Quarter, parse_period
from nhsplan.errors import InvalidValueError, PeriodParseError

_FORMS = (
    "write a year as '2021/22', a half as '2021/22 H1', a quarter as '2021/22 Q3' or a month "
    "as '2021-11'"
)
_EXCEL = "for example by formatting the column as yyyy-mm before saving the CSV"


class TestRange:
    @pytest.mark.parametrize(
        ("period", "text"),
        [
            (FinancialYear(1900), "1900/01"),
            (FinancialYear(2200), "2200/01"),
            (Month(1900, 4), "1900-04"),
            (Month(2201, 3), "2201-03"),
            (Quarter(2021, 1), "2021/22 Q1"),
            (Quarter(2021, 4), "2021/22 Q4"),
            (Half(2021, 2), "2021/22 H2"),
            (Month(2021, 1), "2021-01"),
            (Month(2021, 12), "2021-12"),
        ],
    )
    def test_first_and_last(self, period: Period, text: str) -> None:
        assert str(period) == text
        assert parse_period(text) == period

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (
                lambda: Month(1900, 3),
                (
                    "Month: months run from 1900-04 (M1 1900/01) to 2201-03 (M12 2200/01), not "
                    "1900-03; for example Month(2021, 11)"
                ),
            ),
            (
                lambda: Month(2201, 4),
                (
                    "Month: months run from 1900-04 (M1 1900/01) to 2201-03 (M12 2200/01), not "
                    "2201-04; for example Month(2021, 11)"
                ),
            ),
            (
                lambda: Quarter(2021, 0),
                (
                    "Quarter.number: must be a whole number from 1 to 4, not 0; for example "
                    "Quarter(2021, 3)"
                ),
            ),
            (
                lambda: Quarter(2021, 5),
                (
                    "Quarter.number: must be a whole number from 1 to 4, not 5; for example "
                    "Quarter(2021, 3)"
                ),
            ),
            (
                lambda: Quarter(2021, True),
                (
                    "Quarter.number: must be a whole number from 1 to 4, not True; for example "
                    "Quarter(2021, 3)"
                ),
            ),
            (
                lambda: Quarter(2021, 1.0),  # type: ignore[arg-type]
                (
                    "Quarter.number: must be a whole number from 1 to 4, not 1.0; for example "
                    "Quarter(2021, 3)"
                ),
            ),
            (
                lambda: FinancialYear(1899),
                (
                    "FinancialYear.year: must be a whole number from 1900 to 2200, not 1899; for "
                    "example FinancialYear(2021)"
                ),
            ),
            (
                lambda: FinancialYear(2201),
                (
                    "FinancialYear.year: must be a whole number from 1900 to 2200, not 2201; for "
                    "example FinancialYear(2021)"
                ),
            ),
        ],
    )
    def test_refused(self, make: object, message: str) -> None:
        assert callable(make)
        with pytest.raises(InvalidValueError) as info:
            make()
        assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "month"), [("2021/22 M1", Month(2021, 4)), ("2021/22 M12", Month(2022, 3))]
)
def test_months_of_the_financial_year(text: str, month: Month) -> None:
    assert parse_period(text) == month


class TestContains:
    @pytest.mark.parametrize(
        ("day", "inside"),
        [
            (date(2021, 12, 1), True),
            (date(2021, 12, 31), True),
            (date(2021, 11, 30), False),
            (date(2022, 1, 1), False),
            (datetime(2021, 12, 1, 0, 30), True),  # a datetime is read as its day
            (datetime(2021, 12, 31, 23, 59), True),
            (datetime(2022, 1, 1, 0, 0), False),
        ],
    )
    def test_first_and_last_day(self, day: date, inside: bool) -> None:
        assert Month(2021, 12).contains(day) is inside


class TestParseRefused:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                "2021/22 H3",
                (
                    "cannot read '2021/22 H3' as a financial half-year (a financial year has H1 to "
                    "H2, not H3); for example '2021/22 H1'"
                ),
            ),
            (
                "2021/22 Q5",
                (
                    "cannot read '2021/22 Q5' as a financial quarter (a financial year has Q1 "
                    "to Q4, not Q5); for example '2021/22 Q3'"
                ),
            ),
            (
                "2021/22 M0",
                (
                    "cannot read '2021/22 M0' as a calendar month (a financial year has months M1 "
                    "to M12, not M0); for example '2021-11'"
                ),
            ),
            (
                "2021/22 M13",
                (
                    "cannot read '2021/22 M13' as a calendar month (a financial year has months M1 "
                    "to M12, not M13); for example '2021-11'"
                ),
            ),
            (
                "2021-00",
                (
                    "cannot read '2021-00' as a calendar month (months run from 01 to 12, not 00); "
                    "for example '2021-11'"
                ),
            ),
            (
                "2021-13",
                (
                    "cannot read '2021-13' as a calendar month (months run from 01 to 12, not 13); "
                    "for example '2021-11'"
                ),
            ),
            (
                "1900-03",
                (
                    "cannot read '1900-03' as a calendar month (months run from 1900-04 (M1 "
                    "1900/01) to 2201-03 (M12 2200/01), not 1900-03); for example '2021-11'"
                ),
            ),
            (
                "1899/00",
                (
                    "cannot read '1899/00' as a financial year (financial years run from 1900/01 "
                    "to 2200/01); for example '2021/22'"
                ),
            ),
            (
                "2021/22 Q123456789012",
                (
                    "cannot read '2021/22 Q123456789012' as a financial quarter (the number "
                    "123456789012 is not from 1 to 4); for example '2021/22 Q3'"
                ),
            ),
            (
                "2021/22 Q1234567890123",
                (
                    "cannot read '2021/22 Q1234567890123' as a financial quarter (the number "
                    "123456789012... (13 digits) is not from 1 to 4); for example '2021/22 Q3'"
                ),
            ),
            (
                "xyz",
                (
                    f"cannot read 'xyz' as a financial year, half, quarter or month ({_FORMS}); "
                    "for example '2021/22 Q3'"
                ),
            ),
            (
                "1/0/2021",
                (
                    "cannot read '1/0/2021' as a financial year, half, quarter or month "
                    f"({_FORMS}); for example '2021/22 Q3'"
                ),
            ),
            (
                "1/13/2021",
                (
                    f"cannot read '1/13/2021' as a financial year, half, quarter or month "
                    f"({_FORMS}); for example '2021/22 Q3'"
                ),
            ),
            (
                "Dec-21",
                (
                    "cannot read 'Dec-21' as a financial year, half, quarter or month (Excel's "
                    f"month format; write the month as '2021-12', {_EXCEL}); for example "
                    "'2021/22 Q3'"
                ),
            ),
            (
                "1/1/2021",
                (
                    "cannot read '1/1/2021' as a financial year, half, quarter or month (Excel's "
                    f"date format; write the month as '2021-01', {_EXCEL}); for example "
                    "'2021/22 Q3'"
                ),
            ),
            (
                "31/12/2021",
                (
                    "cannot read '31/12/2021' as a financial year, half, quarter or month (Excel's "
                    f"date format; write the month as '2021-12', {_EXCEL}); for example "
                    "'2021/22 Q3'"
                ),
            ),
            (
                b"2021-12",
                (
                    "cannot read b'2021-12' as a financial year, half, quarter or month "
                    "(parse_period(text): text must be a str, not bytes; decode it first, for "
                    "example with .decode('utf-8')); for example '2021/22 Q3'"
                ),
            ),
            (
                2021,
                (
                    "cannot read 2021 as a financial year, half, quarter or month "
                    "(parse_period(text): text must be a str, not int); for example '2021/22 Q3'"
                ),
            ),
        ],
    )
    def test_word_for_word(self, text: object, message: str) -> None:
        with pytest.raises(PeriodParseError) as info:
            parse_period(text)  # type: ignore[arg-type]
        assert str(info.value) == message

    def test_the_kinds_own_parser_names_its_kind(self) -> None:
        with pytest.raises(PeriodParseError) as info:
            Half.parse("2021/22 H3")
        assert str(info.value) == (
            "cannot read '2021/22 H3' as a financial half-year (a financial year has H1 to H2, "
            "not H3); for example '2021/22 H1'"
        )


class TestDashes:
    @pytest.mark.parametrize("text", ["2021\u201322", "2021 \u2014 22", "2021\u221222"])
    def test_typeset_dashes_are_hyphens(self, text: str) -> None:
        assert parse_period(text) == FinancialYear(2021)
