"""Deadline words ("by the end of Q1", "from autumn") resolved to windows of dates."""

from __future__ import annotations

import enum
import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, datetime, timedelta

import attrs

from nhsplan.calendar._common import (
    _MONTH_NAMES,
    _MONTH_WORD,
    _dashes,
    _month_name_number,
    _not_text,
    _number,
    _pattern,
    _UnreadableError,
    add_months,
)
from nhsplan.calendar.parsing import _read_period
from nhsplan.calendar.periods import (
    FinancialYear,
    Half,
    Month,
    Period,
    Quarter,
    _month_in_range,
)
from nhsplan.errors import DeadlineWordingError, InvalidValueError, PeriodParseError, _shown


class DeadlineKind(enum.Enum):
    """How a deadline's dates apply."""

    BY = "by"
    """Due on or before the end date."""
    DURING = "during"
    """Applies between the start and end dates, both included."""
    FROM = "from"
    """Applies from the start date onward (before it, a target is not yet due)."""
    COVERING = "covering"
    """The period a plan, allocation or focus covers ("for April 2021 to September 2021"):
    start to end, both included. Not a due date: when such a plan is due, the guidance says
    elsewhere (a requirement's ``due``)."""


@attrs.frozen(kw_only=True)
class Window:
    """The dates deadline words resolve to.

    A BY window has only an end, a FROM window only a start, a DURING or COVERING window both.

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
                    f"{must} in a {self.kind.value!r} window, not {_shown(value)}",
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
        # One rule for every month: "by July 2022" and "by April 2023" both mean by the
        # month's last day, the figure for that month judging it.
        return cls(period.start, period.end, period.end)

    @classmethod
    def on(cls, d: date) -> _Span:
        return cls(d, d, d)


_ORDINALS = ("first", "second", "third", "fourth")
_SEASON_STARTS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_OF_THE_YEAR = r"(?:\s+of\s+(?:the\s+(?:financial\s+)?year|(?P<fy>\d{4}[/-]\d{2}(?:\d{2})?)))?"


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


def _nth(match: re.Match[str]) -> str:
    n = match["n"].lower()
    return str(_ORDINALS.index(n) + 1) if n in _ORDINALS else n


def _the_year(_match: re.Match[str], year: FinancialYear) -> _Span:
    return _Span.of(year)


def _next_year(_match: re.Match[str], year: FinancialYear) -> _Span:
    return _Span.of(year.next())


def _named_year(match: re.Match[str], year: FinancialYear) -> FinancialYear:
    """The financial year the words name ("the first half of 2021/22"), else ``year``."""
    named = match.groupdict().get("fy")
    if named is None:
        return year
    try:
        return FinancialYear.parse(named)
    except PeriodParseError as err:
        raise _UnreadableError(err.reason or str(err)) from None


def _quarter(match: re.Match[str], year: FinancialYear) -> _Span:
    year = _named_year(match, year)
    number = _number(_nth(match), 1, 4, "a financial year has Q1 to Q4, not Q{}")
    return _Span.of(Quarter(year.year, number))


def _half(match: re.Match[str], year: FinancialYear) -> _Span:
    year = _named_year(match, year)
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


def _year_range(match: re.Match[str], _year: FinancialYear) -> _Span:
    """Years named as a range ("2017-2019"): April of the first to March of the last."""
    first, last = _year_of(match), _number(match["last"], 1, 9999, "years run to 9999, not {}")
    if last <= first:
        raise _UnreadableError(f"{first}-{last} does not run forward; write e.g. 2017-2019")
    return _Span(date(first, 4, 1), date(last, 3, 31), date(last, 3, 31))


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
    (_pattern(r"(?P<year>\d{4})-(?P<last>\d{4})"), _year_range),
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
        # "ready for April 2022": in place when the period starts, so by the day before.
        _pattern(r"ready\s+for(?:\s+|$)"),
        lambda span: Window(kind=DeadlineKind.BY, start=None, end=span.start - timedelta(days=1)),
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
        _pattern(
            r"(?:during|in|throughout|over(?:\s+the\s+course\s+of)?|increasing\s+through)"
            r"(?:\s+|$)"
        ),
        lambda span: Window(kind=DeadlineKind.DURING, start=span.start, end=span.end),
    ),
    (
        _pattern(r"for(?:\s+|$)"),
        lambda span: Window(kind=DeadlineKind.COVERING, start=span.start, end=span.end),
    ),
)


def _leading_words(text: str) -> tuple[re.Match[str], Callable[[_Span], Window]] | None:
    """The first of ``_KINDS`` whose leading words ``text`` starts with, and its match."""
    for head, build in _KINDS:
        found = head.match(text)
        if found is not None:
            return found, build
    return None


_NEXT_MONTHS = _pattern(r"the\s+next\s+(?P<n>\d{1,2}|one|two|three|six)\s+months?")
_PERIOD_TO = _pattern(
    r"the\s+(?P<n>\d{1,2}|one|two|three|six)[\s-]+month\s+period\s+to\s+(?P<to>.+)"
)
_RANGE = _pattern(r"(?P<first>.+?)\s+to\s+(?P<upto>.+)")
_ENDS_ON = _pattern(rf"end(?:s)?\s+on\s+(?P<day>\d{{1,2}})\s+{_MONTH_WORD}")
_COUNTS = {"one": 1, "two": 2, "three": 3, "six": 6}


def _count(text: str) -> int:
    return _COUNTS[text.lower()] if text.lower() in _COUNTS else int(text)


def _span_of(when: str, year: FinancialYear, published: date | None) -> _Span:
    """The span a time expression names, including the spans relative to other words.

    "the next 2 months" runs from the publication date; "the six-month period to
    30 September 2021" ends on that day; "April 2021 to September 2021" runs from the start of
    the first to the end of the second.
    """
    relative = _NEXT_MONTHS.fullmatch(when)
    if relative is not None:
        if published is None:
            raise _UnreadableError(
                f"{when!r} counts from the document's publication date; give it "
                "(Guidance.published)"
            )
        end = add_months(published, _count(relative["n"]))
        return _Span(published, end, end)
    period = _PERIOD_TO.fullmatch(when)
    if period is not None:
        last = _span_of(period["to"], year, published).end
        start = add_months(last + timedelta(days=1), -_count(period["n"]))
        return _Span(start, last, last)
    ranged = _RANGE.fullmatch(when)
    if ranged is not None:
        first = _span_of(ranged["first"], year, published)
        upto = _span_of(ranged["upto"], year, published)
        if upto.end < first.start:
            raise _UnreadableError(f"{when!r} ends before it starts")
        return _Span(first.start, upto.end, upto.end)
    for pattern, resolve in _TIMES:
        match = pattern.fullmatch(when)
        if match is not None:
            return resolve(match, year)
    raise _UnreadableError("say when after the leading words, for example 'Q1' or 'March 2022'")


def _after_end(match: re.Match[str], year: FinancialYear, published: date | None) -> Window:
    """Contracts that "end on 31 March": what follows them applies from the next day.

    The day is the first such day on or after publication (a letter of 25 March 2021 means
    31 March 2021), or inside the financial year when there is no publication date.
    """
    month = _month_name_number(match["name"])
    day = int(match["day"])
    if published is None:
        ended = _date(_placed(month, year), month, day)
    else:
        ended = _date(published.year, month, day)
        if ended < published:
            ended = _date(published.year + 1, month, day)
    return Window(kind=DeadlineKind.FROM, start=ended + timedelta(days=1), end=None)


def _not_before_publication(window: Window, published: date | None, words: str) -> Window:
    """The rule that no resolved date precedes the document: starts move up to publication."""
    if published is None:
        return window
    if window.end is not None and window.end < published:
        raise _wording_error(
            words,
            f"resolves to {window.end.isoformat()}, before the document was published on "
            f"{published.isoformat()}",
        )
    if window.start is not None and window.start < published:
        return attrs.evolve(window, start=published)
    return window


def _wording_error(words: object, reason: str) -> DeadlineWordingError:
    return DeadlineWordingError(
        words, expected="deadline words", example="by the end of Q1", reason=reason
    )


def resolve_deadline(words: str, year: FinancialYear, *, published: date | None = None) -> Window:
    """Resolve deadline words from the guidance to a window of dates.

    Args:
        words: the guidance's words, such as ``"by the end of Q1"`` or ``"from autumn"``.
        year: the financial year the guidance covers; quarters, halves, months, days and
            seasons named without a year are placed inside it (January-March in its second
            calendar year).
        published: the date the document was published. Words relative to it ("over the
            next 2 months") need it, and no window starts before it: a start that would fall
            earlier ("from spring 2021" in a letter of 25 March 2021) is moved to it, and words
            that end before it are an error. The full table of wordings is in the calendar
            guide.

    Returns:
        A BY window (on or before ``end``), a DURING window (``start`` to ``end``), a FROM
        window (from ``start`` onward) or a COVERING window ("for April 2021 to September
        2021": the period a plan covers, ``start`` to ``end``, not a due date).
        "By" a quarter, half, year or month means by its last
        day (every month alike: "by April 2023" is by 30 April 2023, as "by July 2022" is by
        31 July 2022);
        "by" a season means by its first day. Seasons are meteorological: autumn starts on
        1 September. A bare calendar year ("by 2024") means that year's 31 December.

    Raises:
        DeadlineWordingError: the words do not resolve, or are not text; the error carries
            them and a valid example.
        InvalidValueError: *year* is not a :class:`FinancialYear`, or *published* is not a
            date (nor None).

    Examples:
        >>> fy = FinancialYear(2021)
        >>> resolve_deadline("from autumn", fy)
        Window(kind=<DeadlineKind.FROM: 'from'>, start=datetime.date(2021, 9, 1), end=None)
        >>> resolve_deadline("by 3 June", fy).end
        datetime.date(2021, 6, 3)
        >>> resolve_deadline("from spring 2021", fy, published=date(2021, 3, 25)).start
        datetime.date(2021, 3, 25)
    """
    wrong_type = _not_text(words, call="resolve_deadline(words, year)", argument="words")
    if wrong_type is not None:
        raise _wording_error(words, wrong_type)
    if not isinstance(year, FinancialYear):
        raise InvalidValueError(
            f"must be a FinancialYear, not {type(year).__name__}",
            field="resolve_deadline(words, year): year",
            example="resolve_deadline('by the end of Q1', FinancialYear(2021))",
        )
    if published is not None and (
        not isinstance(published, date) or isinstance(published, datetime)
    ):
        raise InvalidValueError(
            f"must be a date or None, not {type(published).__name__}",
            field="resolve_deadline(words, year, published=...): published",
            example="published=date(2021, 3, 25)",
        )
    text = _dashes(" ".join(words.split()).rstrip("."))
    ended = _ENDS_ON.fullmatch(text)
    head = None if ended is not None else _leading_words(text)
    try:  # "end on 30 February" is refused as "by 30 February" is
        if ended is not None:
            window = _after_end(ended, year, published)
        elif head is not None:
            found, build = head
            window = build(_span_of(text[found.end() :], year, published))
        else:
            raise _wording_error(words, "deadline words start with 'by', 'during', 'in' or 'from'")
    except _UnreadableError as err:
        raise _wording_error(words, err.reason) from None
    return _not_before_publication(window, published, words)
