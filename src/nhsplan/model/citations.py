"""Where a fact comes from and when it is due: citations, deadlines, amendments."""

from __future__ import annotations

from datetime import date

import attrs

from nhsplan import units
from nhsplan.calendar import DeadlineKind, FinancialYear, Month, Window, resolve_deadline
from nhsplan.model._validators import _non_empty


@attrs.frozen(kw_only=True)
class Citation:
    """Where a catalog entry comes from: a seed document and section, or a reference source.

    >>> print(Citation(source="001_b4880168b3d542f5.txt", section="§C2"))
    001_b4880168b3d542f5.txt §C2
    >>> print(Citation(source="vendor summary", unconfirmed=True))
    vendor summary [unconfirmed]
    """

    source: str = attrs.field(validator=_non_empty)
    """The document: a seed file name, or the source named in REFERENCE.md."""
    section: str = ""
    """The section within it (``§C2``, ``Elective Recovery Fund``)."""
    quote: str = ""
    """The words the entry encodes, verbatim, where short enough to quote."""
    unconfirmed: bool = False
    """True where the fact could not be checked against a primary source."""

    def __str__(self) -> str:
        text = f"{self.source} {self.section}".strip()
        return f"{text} [unconfirmed]" if self.unconfirmed else text


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
    window: Window = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "window", resolve_deadline(self.words, self.year))

    @property
    def kind(self) -> DeadlineKind:
        """By, during or from."""
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
        """The one date that matters: the end of a by/during window, the start of a from one."""
        day = self.window.end if self.window.kind is not DeadlineKind.FROM else self.window.start
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
