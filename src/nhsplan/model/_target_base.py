"""What every target kind shares: how it is judged, its lifetime, scope and amendments.

The kinds themselves are in :mod:`nhsplan.model.targets`, which re-exports these names.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, ClassVar

import attrs

from nhsplan import units
from nhsplan.calendar import DeadlineKind
from nhsplan.errors import InvalidValueError
from nhsplan.model import display as _display
from nhsplan.model._inputs import optional_upper
from nhsplan.model._validators import (
    _non_empty,
    _org_types,
    _snake_id,
    check_types,
    to_org_types,
)
from nhsplan.model.citations import Amendment, Citation, Deadline
from nhsplan.model.enums import OrgType, Scope
from nhsplan.model.readings import Reading
from nhsplan.units import quantity, same_dimension

if TYPE_CHECKING:
    import pint


class Judgement(enum.Enum):
    """A target's basis: which figure judges it.

    The vocabulary is that of NHS England's oversight metric specifications. Whatever the
    basis, only a figure for the period judged decides a verdict: an older figure gives
    ``NO_DATA`` with a reason naming it and the period that was needed.
    """

    DEADLINE_MONTH = "deadline_month"
    """The figure for the month the deadline names ("by March 2022": March 2022)."""
    EACH_MONTH = "each_month"
    """Every month from the effective date: the latest whole month by the date assessed."""
    LATEST = "latest"
    """The latest period in force: the latest whole period (of the figures' kind: a month, a
    quarter, a year) that ended by the date assessed, or by the target's last day in force."""
    YEAR_AVERAGE = "year_average"
    """The financial year's figures pooled (proportions by summed numerators and denominators)."""
    PERIOD_TOTAL = "period_total"
    """The sum over the financial year (1.2 million interventions in 2021/22)."""
    EVERY_MONTH = "every_month"
    """Maintained through a window: every month from the first day in force to the last
    day judged, each on its own figure; a breach in any month fails the target ("eliminate
    by July 2022 and maintain this position through 2022/23")."""
    EVERY_YEAR = "every_year"
    """A level each financial year of a multi-year framework, each year's figures pooled and
    judged on their own; a year that misses fails the target ("a sustained 2%
    year-on-year improvement ... over the next 3 years")."""


class Interpolation(enum.Enum):
    """How a trajectory's required value moves between its points."""

    STEP = "step"
    """Each point's value holds until the next point's date."""
    LINEAR = "linear"
    """The value moves in a straight line, by date, between consecutive points."""


class Combine(enum.Enum):
    """Which of several baselines a baseline-relative target uses."""

    LOWEST = "lowest"
    HIGHEST = "highest"


class BaselineScope(enum.Enum):
    """Whose figure a baseline is: the organisation's own, or the national one."""

    LOCAL = "local"
    NATIONAL = "national"


@attrs.frozen(kw_only=True)
class _TargetBase:
    """Fields every target kind shares."""

    KIND: ClassVar[str] = ""

    id: str = attrs.field(validator=_snake_id)
    """Stable, snake_case, unique across editions."""
    name: str = attrs.field(validator=_non_empty)
    citation: Citation
    applies_to: frozenset[OrgType] = attrs.field(
        converter=to_org_types, validator=_org_types, factory=frozenset
    )
    """The organisation types asked; empty means every type."""
    effective_from: date | None = None
    """The first day the target applies (None: from the start of the guidance)."""
    effective_until: date | None = None
    """The last day the target applies (None: no end; a retired standard has one)."""
    deadline: Deadline | None = None
    judged: Judgement = Judgement.LATEST
    """The target's basis: which figure judges it."""
    scope: Scope = Scope.ORGANISATION
    """Whose figure it judges: England's, a system's, or each organisation's own."""
    superseded_by: str | None = None
    """The id of the target that replaced this one (with ``effective_until`` its last day)."""
    priority: str | None = attrs.field(default=None, converter=optional_upper)
    """The code of the priority the target belongs to (``C2``; stored upper case)."""
    description: str = ""
    same_as: str | None = attrs.field(default=None)
    """The id of the same ask in an earlier edition: one ask, judged with one scope, listed
    once where several editions hold it in force."""
    reading: Reading | None = None
    """An interpretation the level rests on that the guidance does not state, with the
    alternatives; shown beside every verdict of the target."""

    def __repr__(self) -> str:
        return _display.target_repr(self)

    def _repr_html_(self) -> str:
        return _display.target_html(self)

    @property
    def basis(self) -> Judgement:
        """Which figure judges the target (the same as :attr:`judged`)."""
        return self.judged

    @property
    def lifetime(self) -> tuple[date | None, date | None]:
        """The first and last day the target is in force (None: open at that end)."""
        start = self.effective_from
        if start is None and self.deadline is not None and self.deadline.kind is DeadlineKind.FROM:
            start = self.deadline.start
        return start, self.effective_until

    def applies_to_type(self, org_type: OrgType) -> bool:
        """True if the target asks anything of organisations of *org_type*."""
        return not self.applies_to or org_type in self.applies_to

    def __attrs_post_init__(self) -> None:
        check_types(self)
        # (a within-time target is judged on its latest figure or its cases, whatever judged says)
        if (
            self.judged is Judgement.DEADLINE_MONTH
            and self.deadline is None
            and self.KIND != "within_time"
        ):
            raise InvalidValueError(
                f"target {self.id!r} is judged on its deadline month but has no deadline",
                field="deadline",
                example="deadline = 'by March 2022', or judged = 'latest'",
            )
        if (
            self.effective_from is not None
            and self.effective_until is not None
            and self.effective_until < self.effective_from
        ):
            raise InvalidValueError(
                f"target {self.id!r} ends ({self.effective_until}) before it starts "
                f"({self.effective_from})",
                field="effective_until",
                example=f"effective_from = {self.effective_from}, effective_until = "
                f"{self.effective_from.replace(year=self.effective_from.year + 1)}",
            )

    def in_force(self, on: date) -> bool:
        """True if the target applies on *on*.

        It applies from its effective date (or a "from" deadline) up to and including its end
        date, if it has one.
        """
        start, _ = self.lifetime
        if self.effective_until is not None and on > self.effective_until:
            return False
        return start is None or on >= start

    def value_on(self, on: date) -> units.Quantity | None:
        """The value asked for on *on*, amendments applied; None where nothing is asked yet."""
        raise NotImplementedError  # each kind overrides

    def required(self, *, on: date) -> pint.Quantity[float] | None:
        """The required quantity in force on *on*, as a pint Quantity (None if none applies)."""
        value = self.value_on(on)
        return None if value is None else value


def _amended(
    published: units.Quantity, amendments: tuple[Amendment, ...], on: date
) -> units.Quantity:
    current = published
    for amendment in amendments:  # sorted by effective date (validated)
        if amendment.effective <= on:
            current = amendment.value
    return current


def _sorted_amendments(
    inst: object, attribute: attrs.Attribute[tuple[Amendment, ...]], value: tuple[Amendment, ...]
) -> None:
    days = [a.effective for a in value]
    if days != sorted(days) or len(set(days)) != len(days):
        raise InvalidValueError(
            "amendments must be in date order, one per date",
            field=attribute.name,
            example="effective 2021-07-01, then 2021-10-01",
        )


def _amendments_match(
    inst: _TargetBase, published: units.Quantity, amendments: Iterable[Amendment]
) -> None:
    for amendment in amendments:
        if not same_dimension(amendment.value.unit, published.unit):
            raise InvalidValueError(
                f"amendment from {amendment.effective} has unit {amendment.value.unit!r}, "
                f"which does not convert to the target's {published.unit!r}",
                field=f"{inst.id}.amendments",
                example=f"'{quantity(95, published.unit)}'",
            )
