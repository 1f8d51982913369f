"""Where a fact comes from and when it is due: citations, deadlines, amendments."""

from __future__ import annotations

import re
from datetime import date

import attrs

from nhsplan import units
from nhsplan.calendar import DeadlineKind, FinancialYear, Month, Window, resolve_deadline
from nhsplan.errors import InvalidValueError
from nhsplan.model._validators import _non_empty

_PRECISIONS = ("day", "month", "year")


def _precision(_instance: object, _attribute: object, value: str) -> None:
    if value not in _PRECISIONS:
        raise InvalidValueError(
            f"precision is one of {', '.join(_PRECISIONS)}, not {value!r}",
            field="Publication.precision",
            example='precision = "month"',
        )


def _format_published(day: date, precision: str) -> str:
    if precision == "year":
        return str(day.year)
    month = f"{day:%B} {day.year}"
    return month if precision == "month" else f"{day.day} {month}"


@attrs.frozen(kw_only=True)
class Publication:
    """A public source as a reference list prints it: publisher, title, date, address.

    A guidance file holds each record once, in its ``[sources]`` table; the loader attaches the
    record to every citation that names it (see :class:`Citation`).

    >>> letter = Publication(
    ...     title="2021/22 priorities and operational planning guidance",
    ...     publisher="NHS England and NHS Improvement",
    ...     published=date(2021, 3, 25),
    ... )
    >>> str(letter).startswith("NHS England and NHS Improvement, 2021/22 priorities")
    True
    >>> str(letter).endswith("guidance, 25 March 2021")
    True
    """

    title: str = attrs.field(validator=_non_empty)
    publisher: str = attrs.field(validator=_non_empty)
    """Who published it (for a feature with no named publisher, its author)."""
    published: date | None = None
    """The publication date, where known (to the precision in :attr:`precision`)."""
    precision: str = attrs.field(default="day", validator=_precision)
    """How much of :attr:`published` the source gives: ``"day"``, ``"month"`` or ``"year"``."""
    url: str = ""
    """The public address, where one is known; empty rather than guessed."""
    secondary: bool = False
    """True for a briefing, commentary or news report rather than the publisher's own page."""
    unconfirmed: bool = False
    """True where the title, date or address could not be checked against a stored copy."""
    note: str = ""
    """How the text reached nhsplan (the letter "as appended to a CCG board paper")."""

    def __str__(self) -> str:
        parts = [self.publisher, self.title]
        if self.published is not None:
            parts.append(_format_published(self.published, self.precision))
        return ", ".join(parts)


@attrs.frozen(kw_only=True)
class Citation:
    """Where a catalog entry comes from: a seed document and section, or a reference source.

    :attr:`source` is the provenance (the seed file, or ``REFERENCE.md``); :attr:`publication`
    is the public source a board paper prints. For a seed the record is the seed's own
    (the file's ``[sources."<seed file>"]``); for a fact that came through REFERENCE.md,
    :attr:`ref` names the original publication (``[sources.uec_recovery_plan_2023]``) and
    :attr:`section` is where REFERENCE.md gives it.

    >>> print(Citation(source="001_b4880168b3d542f5.txt", section="§C2"))
    001_b4880168b3d542f5.txt §C2
    >>> print(Citation(source="vendor summary", unconfirmed=True))
    vendor summary [unconfirmed]
    >>> letter = Publication(
    ...     title="2021/22 priorities and operational planning guidance",
    ...     publisher="NHS England and NHS Improvement",
    ...     published=date(2021, 3, 25),
    ... )
    >>> cited = Citation(source="001_b4880168b3d542f5.txt", section="§C2", publication=letter)
    >>> str(cited) == f"{letter}, §C2"
    True
    >>> cited.provenance
    'seed 001_b4880168b3d542f5.txt §C2'
    """

    source: str = attrs.field(validator=_non_empty)
    """The document: a seed file name, or the source named in REFERENCE.md."""
    section: str = ""
    """The section within it (``§C2``, ``Elective Recovery Fund``)."""
    quote: str = ""
    """The words the entry encodes, verbatim, where short enough to quote."""
    unconfirmed: bool = False
    """True where the fact could not be checked against a primary source."""
    ref: str = ""
    """The key of the source record, where it is not :attr:`source` itself (a REFERENCE.md
    fact names its original publication: ``"uec_recovery_plan_2023"``)."""
    publication: Publication | None = None
    """The public source, attached by the loader from the file's ``[sources]`` table."""

    @property
    def key(self) -> str:
        """The key of the source record this citation names: :attr:`ref`, else :attr:`source`."""
        return self.ref or self.source

    @property
    def title(self) -> str | None:
        """The publication's title (None without a source record)."""
        return None if self.publication is None else self.publication.title

    @property
    def publisher(self) -> str | None:
        """The publication's publisher (None without a source record)."""
        return None if self.publication is None else self.publication.publisher

    @property
    def published(self) -> date | None:
        """The publication's date, where known."""
        return None if self.publication is None else self.publication.published

    @property
    def url(self) -> str:
        """The publication's public address ("" where none is known)."""
        return "" if self.publication is None else self.publication.url

    @property
    def secondary(self) -> bool:
        """True where the publication is a briefing or commentary, not the publisher's own."""
        return self.publication is not None and self.publication.secondary

    @property
    def provenance(self) -> str:
        """Where nhsplan read the fact: ``"seed 001_….txt §C2"`` or ``"REFERENCE.md §…"``."""
        prefix = "seed " if _SEED_FILE.fullmatch(self.source) else ""
        text = f"{prefix}{self.source} {self.section}".strip()
        note = self.publication.note if self.publication is not None else ""
        return f"{text} ({note})" if note else text

    def printed(self, *, address: bool = False) -> str:
        """The reference as a board paper prints it; with *address*, the URL after the date.

        ``str(citation)`` is ``citation.printed()``.
        """
        flag = self.unconfirmed or (self.publication is not None and self.publication.unconfirmed)
        if self.publication is None:
            text = f"{self.source} {self.section}".strip()
        else:
            # A REFERENCE.md section says where REFERENCE.md gives the fact, not where the
            # publication does: it belongs to the provenance, not to the printed reference.
            text = str(self.publication)
            if self.section and not self.ref:
                text = f"{text}, {self.section}"
            if address and self.publication.url:
                text = f"{text}, {self.publication.url}"
            if self.publication.secondary:
                text = f"{text} (secondary source)"
        return f"{text} [unconfirmed]" if flag else text

    def __str__(self) -> str:
        return self.printed()


_SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


@attrs.frozen(kw_only=True)
class Deadline:
    """A deadline as the guidance words it, with the dates those words mean.

    The words are kept; the window (by, during or from) is resolved from them for the
    financial year the guidance covers. A deadline is not a date:

    >>> d = Deadline(words="by end of Q1", year=FinancialYear(2021))
    >>> d.kind.value, d.end
    ('by', datetime.date(2021, 6, 30))
    >>> Deadline(words="from Q3", year=FinancialYear(2021)).start
    datetime.date(2021, 10, 1)
    """

    words: str = attrs.field(validator=_non_empty)
    """The guidance's own words (``"by end of Q1"``)."""
    year: FinancialYear
    """The financial year the words are read in."""
    published: date | None = None
    """The document's publication date: words relative to it ("over the next 2 months") are
    counted from it, and no window starts before it."""
    window: Window = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        window = resolve_deadline(self.words, self.year, published=self.published)
        object.__setattr__(self, "window", window)

    @property
    def kind(self) -> DeadlineKind:
        """By, during, from, or covering (the period a plan covers, not a due date)."""
        return self.window.kind

    @property
    def start(self) -> date | None:
        """The first day of the window (None for a "by" deadline)."""
        return self.window.start

    @property
    def end(self) -> date | None:
        """The last day of the window (None for a "from" deadline)."""
        return self.window.end

    @property
    def resolved(self) -> date:
        """The one date that matters: the end of a by/during window, the start of a from one.

        A covering window ("for April 2021 to September 2021") has no due date: its start,
        when the period it covers begins, is the date that places it.
        """
        starts = self.window.kind in (DeadlineKind.FROM, DeadlineKind.COVERING)
        day = self.window.start if starts else self.window.end
        assert day is not None  # a Window always has the date its kind needs
        return day

    @property
    def judged_month(self) -> Month | None:
        """The month whose figure judges the deadline ("by March 2022": March 2022)."""
        return self.window.judged_month()

    def __str__(self) -> str:
        return f"{self.words} ({self.resolved.isoformat()})"


@attrs.frozen(kw_only=True)
class Amendment:
    """A value changed after publication, in force from a date.

    The published value stays on the target; evaluation uses the value in force on the date
    assessed (the ERF threshold from July 2021 was raised to 95 %).
    """

    effective: date
    """The first day the amended value applies."""
    value: units.Quantity
    """The amended value."""
    citation: Citation
    """Where the amendment was announced."""
    note: str = ""
