"""Deadline words resolved whole: every form, every boundary date, every error's exact words.

:mod:`tests.calendar.test_calendar` covers the common wordings; these pin the rest of
:func:`resolve_deadline` (spans relative to the publication date, ranges, contracts that end on
a day, the rule that nothing resolves before publication) and the text of each refusal, so a
change to any comparison, constant or message in :mod:`nhsplan.calendar.deadlines` fails here.
Written from a mutation run's survivors (docs/mutation.md).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nhsplan.calendar import DeadlineKind, FinancialYear, Month, Window, resolve_deadline
from nhsplan.errors import DeadlineWordingError, InvalidValueError

FY = FinancialYear(2021)
PUBLISHED = date(2021, 3, 25)
BY, DURING, FROM, COVERING = (
    DeadlineKind.BY,
    DeadlineKind.DURING,
    DeadlineKind.FROM,
    DeadlineKind.COVERING,
)


def _window(kind: DeadlineKind, start: date | None, end: date | None) -> Window:
    return Window(kind=kind, start=start, end=end)


class TestWords:
    @pytest.mark.parametrize(
        ("words", "published", "window"),
        [
            # relative to publication, in figures and in words
            ("over the next 2 months", PUBLISHED, _window(DURING, PUBLISHED, date(2021, 5, 25))),
            ("over the next Six months", PUBLISHED, _window(DURING, PUBLISHED, date(2021, 9, 25))),
            # a span of months up to a day or a period
            (
                "for the six-month period to 30 September 2021",
                None,
                _window(COVERING, date(2021, 4, 1), date(2021, 9, 30)),
            ),
            (
                "for the 3 month period to Q2",
                None,
                _window(COVERING, date(2021, 7, 1), date(2021, 9, 30)),
            ),
            (
                "for April 2021 to September 2021",
                None,
                _window(COVERING, date(2021, 4, 1), date(2021, 9, 30)),
            ),
            ("for Q2 to Q2", None, _window(COVERING, date(2021, 7, 1), date(2021, 9, 30))),
            ("for 6 May to 6 May", None, _window(COVERING, date(2021, 5, 6), date(2021, 5, 6))),
            # "by" a relative span, a span to a day, a range: by its last day
            ("by the next 2 months", PUBLISHED, _window(BY, None, date(2021, 5, 25))),
            ("by the 3 month period to Q2", None, _window(BY, None, date(2021, 9, 30))),
            ("by April 2021 to September 2021", None, _window(BY, None, date(2021, 9, 30))),
            # spans inside spans read the publication date too
            (
                "for Q1 to the next 2 months",
                PUBLISHED,
                _window(COVERING, date(2021, 4, 1), date(2021, 5, 25)),
            ),
            (
                "over the next 2 months to Q3",
                PUBLISHED,
                _window(DURING, PUBLISHED, date(2021, 12, 31)),
            ),
            (
                "for the 2 month period to the next 2 months",
                PUBLISHED,
                _window(COVERING, date(2021, 3, 26), date(2021, 5, 25)),
            ),
            # years named as a range: April of the first to March of the last
            ("for 2017-2019", None, _window(COVERING, date(2017, 4, 1), date(2019, 3, 31))),
            ("by 2017-2019", None, _window(BY, None, date(2019, 3, 31))),
            ("for 2017-2018", None, _window(COVERING, date(2017, 4, 1), date(2018, 3, 31))),
            # a calendar year
            ("during 2024", None, _window(DURING, date(2024, 1, 1), date(2024, 12, 31))),
            ("by 2024", None, _window(BY, None, date(2024, 12, 31))),
            # months of the financial year, M1 to M12
            ("in M1", None, _window(DURING, date(2021, 4, 1), date(2021, 4, 30))),
            ("in M12", None, _window(DURING, date(2022, 3, 1), date(2022, 3, 31))),
            # April is the first month of the year's first calendar year, March of its second
            ("in April", None, _window(DURING, date(2021, 4, 1), date(2021, 4, 30))),
            ("in March", None, _window(DURING, date(2022, 3, 1), date(2022, 3, 31))),
            ("in May", None, _window(DURING, date(2021, 5, 1), date(2021, 5, 31))),
            # halves and quarters of a named year
            (
                "in the first half of 2022/23",
                None,
                _window(DURING, date(2022, 4, 1), date(2022, 9, 30)),
            ),
            (
                "in the second quarter of 2022/23",
                None,
                _window(DURING, date(2022, 7, 1), date(2022, 9, 30)),
            ),
            (
                "in the fourth quarter of the year",
                None,
                _window(DURING, date(2022, 1, 1), date(2022, 3, 31)),
            ),
            # the next financial year
            ("by next year", None, _window(BY, None, date(2023, 3, 31))),
            (
                "during the next financial year",
                None,
                _window(DURING, date(2022, 4, 1), date(2023, 3, 31)),
            ),
            # a season: by its first day, during its three months
            ("by spring", None, _window(BY, None, date(2022, 3, 1))),
            ("during winter 2022", None, _window(DURING, date(2022, 12, 1), date(2023, 2, 28))),
            # a day, a day ready for, the start of a period
            ("in 6 May", None, _window(DURING, date(2021, 5, 6), date(2021, 5, 6))),
            ("by 2022-01-17", None, _window(BY, None, date(2022, 1, 17))),
            ("by 0001-01-01", None, _window(BY, None, date(1, 1, 1))),  # the first year read
            ("by the start of Q2", None, _window(BY, None, date(2021, 7, 1))),
            ("ready for Q2", None, _window(BY, None, date(2021, 6, 30))),
            # trailing dots and spaces
            ("by 1 March...", None, _window(BY, None, date(2022, 3, 1))),
            ("by  Q1.", None, _window(BY, None, date(2021, 6, 30))),
            # contracts that end on a day: what follows applies from the next day
            ("ends on 31 March", None, _window(FROM, date(2022, 4, 1), None)),
            ("ends on 31 March", PUBLISHED, _window(FROM, date(2021, 4, 1), None)),
            ("end on 30 June", None, _window(FROM, date(2021, 7, 1), None)),
            ("end on 25 March", PUBLISHED, _window(FROM, date(2021, 3, 26), None)),  # that day
            ("end on 24 March", PUBLISHED, _window(FROM, date(2022, 3, 25), None)),  # passed
            # no window starts before publication; one ending on publication day stands
            ("by 25 March 2021", PUBLISHED, _window(BY, None, PUBLISHED)),
            ("from 24 March 2021", PUBLISHED, _window(FROM, PUBLISHED, None)),
            ("from 25 March 2021", PUBLISHED, _window(FROM, PUBLISHED, None)),
            ("from 26 March 2021", PUBLISHED, _window(FROM, date(2021, 3, 26), None)),
            ("during March 2021", PUBLISHED, _window(DURING, PUBLISHED, date(2021, 3, 31))),
            ("from 24 March 2021", None, _window(FROM, date(2021, 3, 24), None)),
            ("by Q1", PUBLISHED, _window(BY, None, date(2021, 6, 30))),
        ],
    )
    def test_resolve(self, words: str, published: date | None, window: Window) -> None:
        assert resolve_deadline(words, FY, published=published) == window


class TestRefused:
    """Each refusal, word for word."""

    @pytest.mark.parametrize(
        ("words", "published", "reason"),
        [
            (
                "over the next 2 months",
                None,
                (
                    "'the next 2 months' counts from the document's publication date; give it "
                    "(Guidance.published)"
                ),
            ),
            ("for 2019-2017", None, "2019-2017 does not run forward; write e.g. 2017-2019"),
            ("for 2019-2019", None, "2019-2019 does not run forward; write e.g. 2017-2019"),
            ("for 0000-2019", None, "years run from 0001 to 9998, not 0"),
            ("for 2017-0000", None, "years run to 9999, not 0"),
            ("for 0001-0001", None, "1-1 does not run forward; write e.g. 2017-2019"),
            ("for Q3 to Q2", None, "'Q3 to Q2' ends before it starts"),
            ("in M13", None, "a financial year has months M1 to M12, not M13"),
            ("by M0", None, "a financial year has months M1 to M12, not M0"),
            ("in Q5", None, "a financial year has Q1 to Q4, not Q5"),
            ("in H3", None, "a financial year has H1 and H2, not H3"),
            (
                "in the first half of 2022/2024",
                None,
                "the years are not consecutive: the financial year starting in 2022 is 2022/23",
            ),
            ("by 30 February", None, "there is no day 30 in February 2022"),
            ("by 32 January", None, "there is no day 32 in January 2022"),
            ("during 31 April 2022", None, "there is no day 31 in April 2022"),
            ("by 2021-02-30", None, "there is no day 30 in February 2021"),
            ("by 0000-01-01", None, "years run from 0001 to 9998, not 0"),
            ("by 9999-01-01", None, "years run from 0001 to 9998, not 9999"),
            ("during 2021/22 Q5", None, "a financial year has Q1 to Q4, not Q5"),
            (
                "during xyz",
                None,
                (
                    "cannot tell when 'xyz' is; name a quarter ('Q1'), a half ('H1'), a month "
                    "('March 2022'), a day ('6 May 2021'), a season ('autumn') or a year "
                    "('2023/24', '2024')"
                ),
            ),
            ("by Q1X", None, "cannot tell when 'Q1X' is"),
            ("soon", None, "deadline words start with 'by', 'during', 'in' or 'from'"),
            ("by", None, "say when after the leading words, for example 'Q1' or 'March 2022'"),
            (
                "by 24 March 2021",
                PUBLISHED,
                "resolves to 2021-03-24, before the document was published on 2021-03-25",
            ),
            ("end on 30 February", None, "there is no day 30 in February 2022"),
        ],
    )
    def test_words(self, words: str, published: date | None, reason: str) -> None:
        with pytest.raises(DeadlineWordingError) as info:
            resolve_deadline(words, FY, published=published)
        assert str(info.value).startswith(f"cannot read {words!r} as deadline words ({reason}"), (
            str(info.value)
        )
        assert str(info.value).endswith("; for example 'by the end of Q1'")
        assert info.value.text == words

    def test_words_that_are_not_text(self) -> None:
        with pytest.raises(DeadlineWordingError) as info:
            resolve_deadline(b"by Q1", FY)  # type: ignore[arg-type]
        assert str(info.value) == (
            "cannot read b'by Q1' as deadline words (resolve_deadline(words, year): words must "
            "be a str, not bytes; decode it first, for example with .decode('utf-8')); for "
            "example 'by the end of Q1'"
        )
        assert info.value.text == b"by Q1"
        with pytest.raises(DeadlineWordingError) as info:
            resolve_deadline(7, FY)  # type: ignore[arg-type]
        assert "words must be a str, not int)" in str(info.value)

    def test_a_year_that_is_not_a_financial_year(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            resolve_deadline("by Q1", 2021)  # type: ignore[arg-type]
        assert str(info.value) == (
            "resolve_deadline(words, year): year: must be a FinancialYear, not int; for "
            "example resolve_deadline('by the end of Q1', FinancialYear(2021))"
        )

    @pytest.mark.parametrize(
        ("published", "kind"), [("2021-03-25", "str"), (datetime(2021, 3, 25), "datetime")]
    )
    def test_a_publication_date_that_is_not_a_date(self, published: object, kind: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            resolve_deadline("by Q1", FY, published=published)  # type: ignore[arg-type]
        assert str(info.value) == (
            "resolve_deadline(words, year, published=...): published: must be a date or None, "
            f"not {kind}; for example published=date(2021, 3, 25)"
        )


class TestWindow:
    EXAMPLE = (
        "; for example Window(kind=DeadlineKind.DURING, start=date(2021, 4, 1), "
        "end=date(2021, 6, 30))"
    )

    @pytest.mark.parametrize(
        ("kind", "start", "end", "message"),
        [
            (
                BY,
                date(2021, 4, 1),
                date(2021, 6, 30),
                ("Window.start: must be None in a 'by' window, not datetime.date(2021, 4, 1)"),
            ),
            (BY, None, None, "Window.end: must be a date in a 'by' window, not None"),
            (FROM, None, None, "Window.start: must be a date in a 'from' window, not None"),
            (
                FROM,
                date(2021, 4, 1),
                date(2021, 6, 30),
                ("Window.end: must be None in a 'from' window, not datetime.date(2021, 6, 30)"),
            ),
            (
                DURING,
                date(2021, 6, 30),
                date(2021, 4, 1),
                ("Window: start 2021-06-30 is after end 2021-04-01"),
            ),
        ],
    )
    def test_refused(
        self, kind: DeadlineKind, start: date | None, end: date | None, message: str
    ) -> None:
        with pytest.raises(InvalidValueError) as info:
            Window(kind=kind, start=start, end=end)
        assert str(info.value) == message + self.EXAMPLE

    def test_a_one_day_window(self) -> None:
        window = Window(kind=DURING, start=date(2021, 6, 30), end=date(2021, 6, 30))
        assert (window.start, window.end) == (date(2021, 6, 30), date(2021, 6, 30))

    @pytest.mark.parametrize(
        ("window", "month"),
        [
            (_window(BY, None, date(2201, 3, 31)), Month(2201, 3)),  # the last month there is
            (_window(BY, None, date(2201, 4, 30)), None),  # past it
            (_window(DURING, date(2021, 6, 1), date(2021, 6, 30)), Month(2021, 6)),
            (_window(DURING, date(2021, 6, 2), date(2021, 6, 30)), None),
        ],
    )
    def test_judged_month(self, window: Window, month: Month | None) -> None:
        assert window.judged_month() == month
