"""The domain model: frozen, validated value classes for everything the guidance says.

Every class is an immutable :func:`attrs.frozen` class with keyword-only fields and validators on
every field that can be wrong. Nothing here does I/O, reads the clock or keeps mutable state:
dates are always passed in.

A target knows the value it asks for on any date, amendments included:

>>> from datetime import date
>>> from nhsplan.units import Amount
>>> fds = ThresholdTarget(
...     id="cancer_faster_diagnosis_standard",
...     name="Cancer Faster Diagnosis Standard",
...     metric="cancer_faster_diagnosis",
...     comparison=Comparison.AT_LEAST,
...     value=Amount(75, "percent"),
...     effective_from=date(2021, 10, 1),
...     citation=Citation(source="001_b4880168b3d542f5.txt", section="§C2"),
... )
>>> fds.value_on(date(2021, 5, 1)) is None   # not in force before Q3
True
>>> print(fds.value_on(date(2021, 12, 31)))
75 %
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

import attrs

from nhsplan._enums import (
    Assurance,
    Comparison,
    OrgType,
    Polarity,
    ScoringKind,
    Status,
    VariationIcon,
)
from nhsplan.calendar import (
    DeadlineKind,
    FinancialYear,
    Month,
    Period,
    Window,
    add_months,
    resolve_deadline,
)
from nhsplan.errors import (
    CatalogError,
    InvalidObservationError,
    InvalidValueError,
    QuantityParseError,
    UnknownIdError,
    UnknownMetricError,
    UnknownUnitError,
)
from nhsplan.units import Amount, canonical_unit, same_dimension

if TYPE_CHECKING:
    import pint

__all__ = [
    "Amendment",
    "Assessment",
    "Assurance",
    "Baseline",
    "BaselineScope",
    "BaselineTarget",
    "CaseRecord",
    "Citation",
    "Combine",
    "Comparison",
    "Deadline",
    "Discrepancy",
    "DueItem",
    "EliminationTarget",
    "Framework",
    "FrameworkItem",
    "Frequency",
    "Funding",
    "Guidance",
    "Interpolation",
    "Judgement",
    "Metric",
    "MilestoneTarget",
    "Observation",
    "OrgType",
    "Organisation",
    "Polarity",
    "Priority",
    "Requirement",
    "ScoringKind",
    "SpcSummary",
    "Status",
    "Target",
    "ThresholdTarget",
    "TrajectoryPoint",
    "TrajectoryTarget",
    "VariationIcon",
    "WithinTimeTarget",
]

_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_ORG_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_\-]*$")


# --- field validators -------------------------------------------------------------------------


def _non_empty(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise InvalidValueError("must not be empty", field=attribute.name, example="'C2'")


def _snake_id(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _SNAKE.match(value):
        raise InvalidValueError(
            f"{value!r} is not a snake_case id",
            field=attribute.name,
            example="'cancer_faster_diagnosis_standard'",
        )


def _plain_id(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ID.match(value):
        raise InvalidValueError(
            f"{value!r} is not an id (letters, digits, '_', '.', '-'; no spaces)",
            field=attribute.name,
            example="'c2_cancer_backlog'",
        )


def _org_code(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ORG_CODE.match(value):
        raise InvalidValueError(
            f"{value!r} is not an organisation code (upper-case letters and digits)",
            field=attribute.name,
            example="'RBD' or 'QVV'",
        )


def _optional_org_code(_inst: object, attribute: attrs.Attribute[str], value: str | None) -> None:
    if value is not None:
        _org_code(_inst, attribute, value)


def _org_types(
    _inst: object, attribute: attrs.Attribute[frozenset[OrgType]], value: frozenset[OrgType]
) -> None:
    for item in value:
        if not isinstance(item, OrgType):
            raise InvalidValueError(
                f"{item!r} is not an organisation type; known: "
                + ", ".join(t.value for t in OrgType),
                field=attribute.name,
                example="'acute_trust'",
            )


_ORG_GROUPS: Mapping[str, frozenset[OrgType]] = MappingProxyType(
    {"providers": OrgType.providers(), "commissioners": OrgType.commissioners()}
)
"""Group words the guidance uses, accepted wherever organisation types are given."""


def to_org_types(value: Iterable[OrgType | str]) -> frozenset[OrgType]:
    """Accept enum members, their string values, or a group word ("providers")."""
    out: set[OrgType] = set()
    for item in value:
        if isinstance(item, OrgType):
            out.add(item)
            continue
        if item in _ORG_GROUPS:
            out |= _ORG_GROUPS[item]
            continue
        try:
            out.add(OrgType(item))
        except ValueError:
            raise InvalidValueError(
                f"{item!r} is not an organisation type; known: "
                + ", ".join(t.value for t in OrgType),
                field="organisation type",
                example="'acute_trust' or 'providers'",
            ) from None
    return frozenset(out)


def _finite_non_negative(
    field: str,
) -> Callable[[object, attrs.Attribute[float | None], float | None], None]:
    def check(
        _inst: object, _attribute: attrs.Attribute[float | None], value: float | None
    ) -> None:
        if value is None:
            return
        if not math.isfinite(value):
            raise InvalidObservationError(
                f"{value!r} is not a finite number", field=field, example="120"
            )
        if value < 0:
            raise InvalidObservationError(
                f"a count cannot be negative (got {value!r})", field=field, example="120"
            )

    return check


def unit_name(value: str) -> str:
    """The canonical name of a unit; an unknown one is reported against the field."""
    try:
        return canonical_unit(value)
    except (UnknownUnitError, QuantityParseError) as exc:
        raise InvalidValueError(
            str(exc), field="unit", example="'percent', 'patient', 'FTE', 'GBP' or 'minute'"
        ) from None


def _optional_float(value: float | int | str | None) -> float | None:
    return None if value is None else float(value)


# --- tuple converters (typed, so mypy's attrs plugin knows what each field accepts) ----------


def _tuple_of_amendment(value: Iterable[Amendment]) -> tuple[Amendment, ...]:
    return tuple(value)


def _tuple_of_baseline(value: Iterable[Baseline]) -> tuple[Baseline, ...]:
    return tuple(value)


def _tuple_of_discrepancy(value: Iterable[Discrepancy]) -> tuple[Discrepancy, ...]:
    return tuple(value)


def _tuple_of_financialyear(value: Iterable[FinancialYear]) -> tuple[FinancialYear, ...]:
    return tuple(value)


def _tuple_of_framework(value: Iterable[Framework]) -> tuple[Framework, ...]:
    return tuple(value)


def _tuple_of_frameworkitem(value: Iterable[FrameworkItem]) -> tuple[FrameworkItem, ...]:
    return tuple(value)


def _tuple_of_funding(value: Iterable[Funding]) -> tuple[Funding, ...]:
    return tuple(value)


def _tuple_of_metric(value: Iterable[Metric]) -> tuple[Metric, ...]:
    return tuple(value)


def _tuple_of_priority(value: Iterable[Priority]) -> tuple[Priority, ...]:
    return tuple(value)


def _tuple_of_requirement(value: Iterable[Requirement]) -> tuple[Requirement, ...]:
    return tuple(value)


def _tuple_of_target(value: Iterable[Target]) -> tuple[Target, ...]:
    return tuple(value)


def _tuple_of_trajectorypoint(value: Iterable[TrajectoryPoint]) -> tuple[TrajectoryPoint, ...]:
    return tuple(value)


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


# --- citations, deadlines, amendments ----------------------------------------------------------


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
    value: Amount
    """The amended value."""
    citation: Citation
    """Where the amendment was announced."""
    note: str = ""


# --- metrics -----------------------------------------------------------------------------------


class Frequency(enum.Enum):
    """How often a metric is reported."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    SNAPSHOT = "snapshot"
    """A month-end position (a waiting list), not a flow over the month."""
    EVENT = "event"
    """Reported once, when something happens (a plan submitted)."""


@attrs.frozen(kw_only=True)
class Metric:
    """What is measured: a named quantity with a unit, a polarity and a scoring kind.

    A proportion is defined by its numerator and denominator and its unit is ``percent``:

    >>> m = Metric(
    ...     id="ae_4_hour", name="A&E four-hour performance", unit="percent",
    ...     polarity=Polarity.HIGHER_IS_BETTER, kind=ScoringKind.PROPORTION,
    ...     numerator="attendances within 4 hours", denominator="all attendances",
    ... )
    >>> m.unit
    'percent'
    """

    id: str = attrs.field(validator=_snake_id)
    name: str = attrs.field(validator=_non_empty)
    unit: str = attrs.field(converter=unit_name)
    """The unit figures are reported in (``percent``, ``patient``, ``FTE``, ``GBP``)."""
    polarity: Polarity
    kind: ScoringKind
    numerator: str = ""
    """For a proportion: what is counted on top."""
    denominator: str = ""
    """For a proportion: what it is counted out of."""
    frequency: Frequency = Frequency.MONTHLY
    description: str = ""
    citation: Citation | None = None

    def __attrs_post_init__(self) -> None:
        if self.kind is ScoringKind.PROPORTION:
            if not (self.numerator and self.denominator):
                raise InvalidValueError(
                    f"proportion metric {self.id!r} needs numerator and denominator definitions",
                    field="numerator",
                    example="numerator='seen within 4 hours', denominator='all attendances'",
                )
            if not same_dimension(self.unit, "percent"):
                raise InvalidValueError(
                    f"proportion metric {self.id!r} has unit {self.unit!r}, not a ratio",
                    field="unit",
                    example="'percent'",
                )

    def check(self, observation: Observation) -> None:
        """Raise :class:`~nhsplan.errors.InvalidObservationError` if *observation* cannot be right.

        Checks what depends on the metric: the metric id, a proportion given as a value
        outside 0-100 %, a value whose unit cannot convert to the metric's.
        """
        where = f"{observation.org} {observation.period}"
        if observation.metric != self.id:
            raise InvalidObservationError(
                f"observation of {observation.metric!r} checked against metric {self.id!r}",
                field=f"metric ({where})",
                example=repr(self.id),
            )
        value = observation.value
        if value is None:
            return
        if not same_dimension(value.unit, self.unit):
            raise InvalidObservationError(
                f"unit {value.unit!r} does not convert to {self.id!r}'s unit {self.unit!r}",
                field=f"value ({where})",
                example=f"'{Amount(1, self.unit)}'",
            )
        if self.kind is ScoringKind.PROPORTION:
            pct = value.to("percent").magnitude
            if not 0 <= pct <= 100:
                raise InvalidObservationError(
                    f"a proportion must lie between 0 and 100 % (got {value})",
                    field=f"value ({where})",
                    example="'92.5 %'",
                )
        elif self.kind is ScoringKind.COUNT and value.magnitude < 0:
            raise InvalidObservationError(
                f"{self.kind.value} cannot be negative (got {value})",
                field=f"value ({where})",
                example=f"'{Amount(0, self.unit)}'",
            )


# --- targets -----------------------------------------------------------------------------------


class Judgement(enum.Enum):
    """Which observations judge a target."""

    DEADLINE_MONTH = "deadline_month"
    """The figure for the month the deadline names ("by March 2022": March 2022)."""
    EACH_MONTH = "each_month"
    """Every month from the effective date; the latest month due is reported."""
    LATEST = "latest"
    """The latest figure on or before the date assessed."""
    YEAR_AVERAGE = "year_average"
    """The financial year's figures pooled (proportions by summed numerators and denominators)."""
    PERIOD_TOTAL = "period_total"
    """The sum over the financial year (1.2 million interventions in 2021/22)."""


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
    priority: str | None = None
    """The code of the priority the target belongs to (``C2``)."""
    description: str = ""

    def applies_to_type(self, org_type: OrgType) -> bool:
        """True if the target asks anything of organisations of *org_type*."""
        return not self.applies_to or org_type in self.applies_to

    def __attrs_post_init__(self) -> None:
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
        start = self.effective_from
        if start is None and self.deadline is not None and self.deadline.kind is DeadlineKind.FROM:
            start = self.deadline.start
        if self.effective_until is not None and on > self.effective_until:
            return False
        return start is None or on >= start

    def value_on(self, on: date) -> Amount | None:
        """The value asked for on *on*, amendments applied; None where nothing is asked yet."""
        raise NotImplementedError  # each kind overrides

    def required(self, *, on: date) -> pint.Quantity[float] | None:
        """The required quantity in force on *on*, as a pint Quantity (None if none applies)."""
        value = self.value_on(on)
        return None if value is None else value.to_quantity()


def _amended(published: Amount, amendments: tuple[Amendment, ...], on: date) -> Amount:
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
    inst: _TargetBase, published: Amount, amendments: Iterable[Amendment]
) -> None:
    for amendment in amendments:
        if not same_dimension(amendment.value.unit, published.unit):
            raise InvalidValueError(
                f"amendment from {amendment.effective} has unit {amendment.value.unit!r}, "
                f"which does not convert to the target's {published.unit!r}",
                field=f"{inst.id}.amendments",
                example=f"'{Amount(95, published.unit)}'",
            )


@attrs.frozen(kw_only=True)
class ThresholdTarget(_TargetBase):
    """At least or at most a value (FDS ≥ 75 %; G&A bed occupancy ≤ 92 %)."""

    KIND: ClassVar[str] = "threshold"

    metric: str = attrs.field(validator=_snake_id)
    comparison: Comparison
    value: Amount
    """The published value."""
    amendments: tuple[Amendment, ...] = attrs.field(
        default=(), converter=_tuple_of_amendment, validator=_sorted_amendments
    )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        _amendments_match(self, self.value, self.amendments)

    def value_on(self, on: date) -> Amount | None:
        """The threshold in force on *on* (None before the target applies)."""
        if not self.in_force(on):
            return None
        return _amended(self.value, self.amendments, on)


@attrs.frozen(kw_only=True)
class EliminationTarget(_TargetBase):
    """Zero of something (no 52-week waits)."""

    KIND: ClassVar[str] = "elimination"

    metric: str = attrs.field(validator=_snake_id)
    unit: str = attrs.field(default="count", converter=unit_name)
    """The unit of what must be zero (``pathway``, ``patient``)."""

    @property
    def comparison(self) -> Comparison:
        """Always at most (zero)."""
        return Comparison.AT_MOST

    def value_on(self, on: date) -> Amount | None:
        """Zero, once the target applies."""
        return Amount(0, self.unit) if self.in_force(on) else None


@attrs.frozen(kw_only=True)
class TrajectoryPoint:
    """A required value from a date on (stepwise) or at a date (linear)."""

    on: date
    value: Amount


def _trajectory_points(
    _inst: object,
    attribute: attrs.Attribute[tuple[TrajectoryPoint, ...]],
    value: tuple[TrajectoryPoint, ...],
) -> None:
    example = "[{on = 2021-04-01, value = '70%'}, {on = 2021-05-01, value = '75%'}]"
    if not value:
        raise InvalidValueError(
            "a trajectory needs at least one point", field=attribute.name, example=example
        )
    days = [p.on for p in value]
    if days != sorted(days) or len(set(days)) != len(days):
        raise InvalidValueError(
            "points must be in strictly increasing date order",
            field=attribute.name,
            example=example,
        )
    first = value[0].value.unit
    for point in value[1:]:
        if not same_dimension(point.value.unit, first):
            raise InvalidValueError(
                f"point {point.on} has unit {point.value.unit!r}, unlike {first!r}",
                field=attribute.name,
                example=example,
            )


@attrs.frozen(kw_only=True)
class TrajectoryTarget(_TargetBase):
    """A required value that changes over time, stepwise or linearly.

    The ERF threshold: 70 % in April 2021, rising 5 points a month to 85 % from July.
    Before the first point nothing is asked; after the last, the last value holds.
    """

    KIND: ClassVar[str] = "trajectory"

    metric: str = attrs.field(validator=_snake_id)
    comparison: Comparison
    points: tuple[TrajectoryPoint, ...] = attrs.field(
        converter=_tuple_of_trajectorypoint, validator=_trajectory_points
    )
    interpolation: Interpolation = Interpolation.STEP
    amendments: tuple[Amendment, ...] = attrs.field(
        default=(), converter=_tuple_of_amendment, validator=_sorted_amendments
    )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        _amendments_match(self, self.points[0].value, self.amendments)

    def published_value_on(self, on: date) -> Amount | None:
        """The trajectory's value on *on* as published, ignoring amendments."""
        if not self.in_force(on) or on < self.points[0].on:
            return None
        previous = self.points[0]
        for point in self.points[1:]:
            if on < point.on:
                if self.interpolation is Interpolation.STEP:
                    return previous.value
                span = (point.on - previous.on).days
                done = (on - previous.on).days
                end = point.value.to(previous.value.unit).magnitude
                start = previous.value.magnitude
                return Amount(start + (end - start) * done / span, previous.value.unit)
            previous = point
        return previous.value

    def value_on(self, on: date) -> Amount | None:
        """The value in force on *on*: the latest amendment on or before it, else the trajectory."""
        published = self.published_value_on(on)
        if published is None:
            return None
        applicable = [a for a in self.amendments if a.effective <= on]
        return applicable[-1].value if applicable else published


@attrs.frozen(kw_only=True)
class Baseline:
    """A reference level a target is relative to (the organisation's February 2020 backlog)."""

    label: str = attrs.field(validator=_non_empty)
    period: Period
    scope: BaselineScope = BaselineScope.LOCAL
    value: Amount | None = None
    """The baseline's value where the guidance states it; else supplied at evaluation."""


@attrs.frozen(kw_only=True)
class BaselineTarget(_TargetBase):
    """A ratio or difference against a baseline period, possibly the best of several.

    IAPT access +14 % on 2019/20 (``change=Amount(14, "percent")``, relative); the 62-day
    cancer backlog back to the February 2020 level or the national average where lower
    (``change=Amount(0, "percent")``, two baselines, ``combine=Combine.LOWEST``).
    """

    KIND: ClassVar[str] = "baseline"

    metric: str = attrs.field(validator=_snake_id)
    comparison: Comparison
    baselines: tuple[Baseline, ...] = attrs.field(converter=_tuple_of_baseline)
    change: Amount = attrs.field(factory=lambda: Amount(0, "percent"))
    """Relative change (a percent) or absolute difference (in the metric's unit)."""
    combine: Combine = Combine.LOWEST

    @baselines.validator
    def _check_baselines(
        self, attribute: attrs.Attribute[tuple[Baseline, ...]], value: tuple[Baseline, ...]
    ) -> None:
        if not value:
            raise InvalidValueError(
                "at least one baseline is needed",
                field=attribute.name,
                example="[{label = 'February 2020', period = '2020-02'}]",
            )

    @property
    def relative(self) -> bool:
        """True if the change is a percentage of the baseline, not an absolute difference."""
        return same_dimension(self.change.unit, "percent")

    def required_from(self, baselines: Mapping[str, Amount]) -> Amount:
        """The required level given each baseline's value, keyed by label.

        >>> from nhsplan.calendar import FinancialYear
        >>> t = BaselineTarget(
        ...     id="iapt_access_expansion", name="IAPT access", metric="iapt_access",
        ...     comparison=Comparison.AT_LEAST, change=Amount(14, "percent"),
        ...     baselines=[Baseline(label="2019/20", period=FinancialYear(2019))],
        ...     citation=Citation(source="004_c7376a78e8be434d.txt"),
        ... )
        >>> print(t.required_from({"2019/20": Amount(1000, "referral")}))
        1140 referral
        """
        levels: list[Amount] = []
        for baseline in self.baselines:
            level = baseline.value or baselines.get(baseline.label)
            if level is None:
                raise InvalidValueError(
                    f"no value for baseline {baseline.label!r}",
                    field="baselines",
                    example=f"{{{baseline.label!r}: Amount(1000, 'patient')}}",
                )
            levels.append(level)
        unit = levels[0].unit
        magnitudes = [level.to(unit).magnitude for level in levels]
        base = min(magnitudes) if self.combine is Combine.LOWEST else max(magnitudes)
        if self.relative:
            required = base + base * self.change.to("percent").magnitude / 100
        else:
            required = base + self.change.to(unit).magnitude
        return Amount(required, unit)

    def value_on(self, on: date) -> Amount | None:
        """The required level where every baseline value is stated in the guidance, else None."""
        if not self.in_force(on) or any(b.value is None for b in self.baselines):
            return None
        return self.required_from({})


@attrs.frozen(kw_only=True)
class MilestoneTarget(_TargetBase):
    """A dated deliverable with evidence (an MOU agreed by end of Q1; final plans by 3 June).

    A milestone asks for evidence, not a quantity: :meth:`value_on` is None. Its observations
    are counts of the deliverable done (1 when delivered) in the month it was done.
    """

    KIND: ClassVar[str] = "milestone"

    deliverable: str = attrs.field(validator=_non_empty)
    evidence: str = ""
    """What shows the milestone is met (an MOU signed by the regional team)."""
    metric: str | None = None

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.deadline is None:
            raise InvalidValueError(
                f"milestone {self.id!r} needs a deadline",
                field="deadline",
                example="deadline = 'by end of Q1'",
            )

    def value_on(self, on: date) -> Amount | None:
        """None: a milestone asks for evidence, not a quantity."""
        return None


@attrs.frozen(kw_only=True)
class WithinTimeTarget(_TargetBase):
    """Each case done within an interval of its own start (LeDeR reviews within 6 months).

    The interval is in calendar months, counted with :func:`nhsplan.calendar.add_months`
    (month-end clamped: 31 August + 6 months = 28 February).
    """

    KIND: ClassVar[str] = "within_time"

    metric: str = attrs.field(validator=_snake_id)
    months: int = attrs.field()
    """The interval in calendar months."""
    value: Amount = attrs.field(factory=lambda: Amount(100, "percent"))
    """The proportion of cases that must be done in time."""
    start_event: str = "start"
    end_event: str = "end"
    comparison: Comparison = Comparison.AT_LEAST
    amendments: tuple[Amendment, ...] = attrs.field(
        default=(), converter=_tuple_of_amendment, validator=_sorted_amendments
    )

    @months.validator
    def _check_months(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value <= 0:
            raise InvalidValueError(
                "must be a positive number of months", field=attribute.name, example="6"
            )

    def due(self, start: date) -> date:
        """The last day a case started on *start* may be done."""
        return add_months(start, self.months)

    def value_on(self, on: date) -> Amount | None:
        """The required proportion in force on *on*."""
        if not self.in_force(on):
            return None
        return _amended(self.value, self.amendments, on)


Target: TypeAlias = (
    ThresholdTarget
    | EliminationTarget
    | TrajectoryTarget
    | BaselineTarget
    | MilestoneTarget
    | WithinTimeTarget
)
"""Any kind of target: the union the catalog and the converter work with."""

TARGET_KINDS: tuple[type[Target], ...] = (
    ThresholdTarget,
    EliminationTarget,
    TrajectoryTarget,
    BaselineTarget,
    MilestoneTarget,
    WithinTimeTarget,
)


# --- the structure of a guidance edition --------------------------------------------------------


@attrs.frozen(kw_only=True)
class Requirement:
    """One ask of the guidance (a bullet), with the organisations it is asked of."""

    id: str = attrs.field(validator=_plain_id)
    priority: str = attrs.field(validator=_non_empty)
    """The code of the priority it sits under (``C2``)."""
    text: str = attrs.field(validator=_non_empty)
    owners: frozenset[OrgType] = attrs.field(
        converter=to_org_types, validator=_org_types, factory=frozenset
    )
    citation: Citation
    deadline: Deadline | None = None
    targets: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    """Ids of the targets that measure the ask."""


@attrs.frozen(kw_only=True)
class Priority:
    """A priority of the guidance (A … F) with its sub-priorities (A1 … A4)."""

    code: str = attrs.field(validator=_plain_id)
    title: str = attrs.field(validator=_non_empty)
    citation: Citation
    summary: str = ""
    children: tuple[Priority, ...] = attrs.field(default=(), converter=_tuple_of_priority)

    def walk(self) -> Iterator[Priority]:
        """This priority, then every descendant, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen(kw_only=True)
class Discrepancy:
    """Another source's different figure for the same fact, kept beside the one used."""

    value: str = attrs.field(validator=_non_empty)
    citation: Citation
    note: str = ""


@attrs.frozen(kw_only=True)
class Funding:
    """A funding line: an amount of money for a purpose and period."""

    id: str = attrs.field(validator=_plain_id)
    name: str = attrs.field(validator=_non_empty)
    amount: Amount = attrs.field()
    citation: Citation
    period: Period | None = None
    recipients: frozenset[OrgType] = attrs.field(
        converter=to_org_types, validator=_org_types, factory=frozenset
    )
    priority: str | None = None
    conditions: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    discrepancies: tuple[Discrepancy, ...] = attrs.field(
        default=(), converter=_tuple_of_discrepancy
    )
    description: str = ""

    @amount.validator
    def _check_amount(self, attribute: attrs.Attribute[Amount], value: Amount) -> None:
        if not same_dimension(value.unit, "GBP"):
            raise InvalidValueError(
                f"{value} is not money", field=attribute.name, example="'£120m'"
            )
        if value.magnitude < 0:
            raise InvalidValueError(f"{value} is negative", field=attribute.name, example="'£120m'")


@attrs.frozen(kw_only=True)
class FrameworkItem:
    """One named part of a framework: a theme, segment, domain, rating or support level."""

    name: str = attrs.field(validator=_non_empty)
    number: int | None = None
    """Its number where the framework numbers them (segment 1 = maximum autonomy)."""
    description: str = ""


@attrs.frozen(kw_only=True)
class Framework:
    """An oversight or assessment framework the guidance applies.

    The Single Oversight Framework for providers (themes, segments); the CCG Improvement and
    Assessment Framework (domains, clinical areas, ratings, support levels).
    """

    id: str = attrs.field(validator=_snake_id)
    name: str = attrs.field(validator=_non_empty)
    citation: Citation
    applies_to: frozenset[OrgType] = attrs.field(
        converter=to_org_types, validator=_org_types, factory=frozenset
    )
    description: str = ""
    themes: tuple[FrameworkItem, ...] = attrs.field(default=(), converter=_tuple_of_frameworkitem)
    segments: tuple[FrameworkItem, ...] = attrs.field(default=(), converter=_tuple_of_frameworkitem)
    domains: tuple[FrameworkItem, ...] = attrs.field(default=(), converter=_tuple_of_frameworkitem)
    clinical_areas: tuple[FrameworkItem, ...] = attrs.field(
        default=(), converter=_tuple_of_frameworkitem
    )
    ratings: tuple[FrameworkItem, ...] = attrs.field(default=(), converter=_tuple_of_frameworkitem)
    support_levels: tuple[FrameworkItem, ...] = attrs.field(
        default=(), converter=_tuple_of_frameworkitem
    )


@attrs.frozen(kw_only=True)
class DueItem:
    """Something the guidance asks to be done by, during or from a deadline."""

    id: str
    """The requirement or target id."""
    text: str
    deadline: Deadline
    owners: frozenset[OrgType]
    citation: Citation


@attrs.frozen(kw_only=True)
class Guidance:
    """One edition of the planning guidance (or a system's local priorities), validated.

    Construction checks the whole edition and reports every inconsistency at once in a
    :class:`~nhsplan.errors.CatalogError`: duplicate ids, a target naming an unknown metric,
    a requirement under an unknown priority, a proportion threshold outside 0-100 %.
    """

    id: str = attrs.field(validator=_non_empty)
    title: str = attrs.field(validator=_non_empty)
    year: FinancialYear
    """The (first) financial year the edition covers; deadline words are read in it."""
    citation: Citation
    published: date | None = None
    years: tuple[FinancialYear, ...] = attrs.field(default=(), converter=_tuple_of_financialyear)
    """Every financial year covered, where more than one (2017-19)."""
    priorities: tuple[Priority, ...] = attrs.field(default=(), converter=_tuple_of_priority)
    requirements: tuple[Requirement, ...] = attrs.field(default=(), converter=_tuple_of_requirement)
    metrics: tuple[Metric, ...] = attrs.field(default=(), converter=_tuple_of_metric)
    targets: tuple[Target, ...] = attrs.field(default=(), converter=_tuple_of_target)
    funding: tuple[Funding, ...] = attrs.field(default=(), converter=_tuple_of_funding)
    frameworks: tuple[Framework, ...] = attrs.field(default=(), converter=_tuple_of_framework)
    extends: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    """Editions whose metrics this one may name (local priorities extend a national edition)."""
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)

    _by_code: Mapping[str, Priority] = attrs.field(init=False, eq=False, repr=False)
    _by_target: Mapping[str, Target] = attrs.field(init=False, eq=False, repr=False)
    _by_metric: Mapping[str, Metric] = attrs.field(init=False, eq=False, repr=False)
    _by_requirement: Mapping[str, Requirement] = attrs.field(init=False, eq=False, repr=False)
    _by_framework: Mapping[str, Framework] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        by_code = _index(
            (p.code, f"$.priorities..{p.code}", p) for top in self.priorities for p in top.walk()
        )
        by_target = _index((t.id, f"$.targets[{i}]", t) for i, t in enumerate(self.targets))
        by_metric = _index((m.id, f"$.metrics[{i}]", m) for i, m in enumerate(self.metrics))
        by_req = _index((r.id, f"$.requirements[{i}]", r) for i, r in enumerate(self.requirements))
        by_fund = _index((f.id, f"$.funding[{i}]", f) for i, f in enumerate(self.funding))
        by_framework = _index(
            (f.id, f"$.frameworks[{i}]", f) for i, f in enumerate(self.frameworks)
        )
        for index in (by_code, by_target, by_metric, by_req, by_fund, by_framework):
            problems += index.problems
        object.__setattr__(self, "_by_code", MappingProxyType(by_code.items))
        object.__setattr__(self, "_by_target", MappingProxyType(by_target.items))
        object.__setattr__(self, "_by_metric", MappingProxyType(by_metric.items))
        object.__setattr__(self, "_by_requirement", MappingProxyType(by_req.items))
        object.__setattr__(self, "_by_framework", MappingProxyType(by_framework.items))
        problems += self._reference_problems()
        if problems:
            raise CatalogError(problems, source=f"guidance {self.id!r}")

    def _reference_problems(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        for i, target in enumerate(self.targets):
            path = f"$.targets[{i}]"
            metric_id = target.metric
            if metric_id is not None and metric_id not in self._by_metric:
                known = ", ".join(sorted(self._by_metric)[:5]) or "none defined"
                problems.append(
                    (f"{path}.metric", f"unknown metric {metric_id!r} (known: {known})")
                )
            metric = self._by_metric.get(metric_id) if metric_id else None
            if metric is not None:
                problems += _target_unit_problems(target, metric, path)
            if target.priority is not None and target.priority not in self._by_code:
                problems.append((f"{path}.priority", f"unknown priority {target.priority!r}"))
        for i, req in enumerate(self.requirements):
            path = f"$.requirements[{i}]"
            if req.priority not in self._by_code:
                problems.append((f"{path}.priority", f"unknown priority {req.priority!r}"))
            problems += [
                (f"{path}.targets", f"unknown target {tid!r}")
                for tid in req.targets
                if tid not in self._by_target
            ]
        for i, fund in enumerate(self.funding):
            if fund.priority is not None and fund.priority not in self._by_code:
                problems.append((f"$.funding[{i}].priority", f"unknown priority {fund.priority!r}"))
        return problems

    # -- look-ups ------------------------------------------------------------------------------

    def priority(self, code: str) -> Priority:
        """The priority or sub-priority with *code* (``"C2"``).

        Raises:
            UnknownIdError: no priority has that code; the closest codes are named.
        """
        try:
            return self._by_code[code]
        except KeyError:
            raise _unknown("priority", code, self._by_code) from None

    def target(self, target_id: str) -> Target:
        """The target with *target_id*; :class:`~nhsplan.errors.UnknownIdError` if none."""
        try:
            return self._by_target[target_id]
        except KeyError:
            raise _unknown("target", target_id, self._by_target) from None

    def metric(self, metric_id: str) -> Metric:
        """The metric with *metric_id*; :class:`~nhsplan.errors.UnknownMetricError` if none."""
        try:
            return self._by_metric[metric_id]
        except KeyError:
            raise _unknown("metric", metric_id, self._by_metric) from None

    def requirement(self, requirement_id: str) -> Requirement:
        """The requirement with *requirement_id*; UnknownIdError if none."""
        try:
            return self._by_requirement[requirement_id]
        except KeyError:
            raise _unknown("requirement", requirement_id, self._by_requirement) from None

    def framework(self, framework_id: str) -> Framework:
        """The framework with *framework_id*; :class:`~nhsplan.errors.UnknownIdError` if none."""
        try:
            return self._by_framework[framework_id]
        except KeyError:
            raise _unknown("framework", framework_id, self._by_framework) from None

    def targets_for(self, org_type: OrgType) -> tuple[Target, ...]:
        """The targets that ask something of organisations of *org_type*."""
        return tuple(t for t in self.targets if t.applies_to_type(org_type))

    def targets_for_metric(self, metric_id: str) -> tuple[Target, ...]:
        """The targets measured by *metric_id*."""
        return tuple(t for t in self.targets if t.metric == metric_id)

    def requirements_for(self, org_type: OrgType) -> tuple[Requirement, ...]:
        """The asks made of organisations of *org_type* (or of everyone)."""
        return tuple(r for r in self.requirements if not r.owners or org_type in r.owners)

    @property
    def deadlines(self) -> tuple[DueItem, ...]:
        """Every dated ask (requirements and targets), in date order."""
        items = [
            DueItem(id=r.id, text=r.text, deadline=r.deadline, owners=r.owners, citation=r.citation)
            for r in self.requirements
            if r.deadline is not None
        ]
        items += [
            DueItem(
                id=t.id, text=t.name, deadline=t.deadline, owners=t.applies_to, citation=t.citation
            )
            for t in self.targets
            if t.deadline is not None
        ]
        return tuple(sorted(items, key=lambda item: (item.deadline.resolved, item.id)))


@attrs.define
class _Index:
    items: dict[str, Any]
    problems: list[tuple[str, str]]


def _index(entries: Iterable[tuple[str, str, Any]]) -> _Index:
    index = _Index({}, [])
    for key, path, item in entries:
        if key in index.items:
            index.problems.append((path, f"duplicate id {key!r}"))
        else:
            index.items[key] = item
    return index


def _unknown(what: str, key: str, known: Mapping[str, object]) -> UnknownIdError:
    import difflib  # noqa: PLC0415 - only on the error path

    closest = tuple(difflib.get_close_matches(key, list(known), n=3, cutoff=0.5))
    if what == "metric":
        return UnknownMetricError(key, closest=closest)
    return UnknownIdError(what, key, closest=closest)


def _target_unit_problems(target: Target, metric: Metric, path: str) -> list[tuple[str, str]]:
    values: list[tuple[str, Amount]] = []
    if isinstance(target, ThresholdTarget | WithinTimeTarget):
        values.append(("value", target.value))
        values += [(f"amendments[{i}].value", a.value) for i, a in enumerate(target.amendments)]
    elif isinstance(target, TrajectoryTarget):
        values += [(f"points[{i}].value", p.value) for i, p in enumerate(target.points)]
    if isinstance(target, WithinTimeTarget):
        return [
            (f"{path}.{name}", f"{value} is not a proportion")
            for name, value in values
            if not same_dimension(value.unit, "percent")
        ]
    problems = []
    for name, value in values:
        if not same_dimension(value.unit, metric.unit):
            problems.append(
                (
                    f"{path}.{name}",
                    f"{value} does not convert to metric {metric.id!r}'s unit {metric.unit!r}",
                )
            )
        elif metric.kind is ScoringKind.PROPORTION and not (
            0 <= value.to("percent").magnitude <= 100
        ):
            problems.append((f"{path}.{name}", f"{value} is not a proportion between 0 and 100 %"))
    return problems


# --- organisations, observations, assessments --------------------------------------------------


@attrs.frozen(kw_only=True)
class Organisation:
    """An NHS organisation, by its ODS code, optionally a member of a system (ICS/STP)."""

    code: str = attrs.field(validator=_org_code)
    type: OrgType = attrs.field(validator=attrs.validators.instance_of(OrgType))
    name: str = ""
    system: str | None = attrs.field(default=None, validator=_optional_org_code)
    """The code of the system (ICS or STP) it belongs to."""
    region: str | None = attrs.field(default=None, validator=_optional_org_code)


@attrs.frozen(kw_only=True)
class Observation:
    """One reported figure: an organisation's value of a metric for a period.

    Give either a value, or a numerator and denominator (for a proportion; the percentage
    is derived, never stored alone):

    >>> from nhsplan.calendar import Month
    >>> o = Observation(org="RBD", metric="ae_4_hour", period=Month(2019, 3),
    ...                 numerator=9000, denominator=10000)
    >>> print(o.amount)
    90 %
    """

    org: str = attrs.field(validator=_org_code)
    metric: str = attrs.field(validator=_snake_id)
    period: Period
    value: Amount | None = None
    numerator: float | None = attrs.field(
        default=None, converter=_optional_float, validator=_finite_non_negative("numerator")
    )
    denominator: float | None = attrs.field(
        default=None, converter=_optional_float, validator=_finite_non_negative("denominator")
    )

    def __attrs_post_init__(self) -> None:
        where = f"{self.org} {self.metric} {self.period}"
        has_ratio = self.numerator is not None or self.denominator is not None
        if (self.value is None) == (not has_ratio):
            raise InvalidObservationError(
                "give a value or a numerator and denominator, not "
                f"{'both' if has_ratio else 'neither'} ({where})",
                field="value",
                example="value='87.5 %' or numerator=875, denominator=1000",
            )
        if has_ratio:
            if self.numerator is None or self.denominator is None:
                raise InvalidObservationError(
                    f"numerator and denominator come together ({where})",
                    field="denominator",
                    example="numerator=875, denominator=1000",
                )
            if self.denominator == 0:
                raise InvalidObservationError(
                    f"the denominator is zero ({where})",
                    field="denominator",
                    example="numerator=875, denominator=1000",
                )
            if self.numerator > self.denominator:
                raise InvalidObservationError(
                    f"numerator {self.numerator:g} is above denominator "
                    f"{self.denominator:g} ({where})",
                    field="numerator",
                    example="numerator=875, denominator=1000",
                )

    @property
    def amount(self) -> Amount:
        """The figure: the value, or numerator ÷ denominator as a percentage."""
        if self.value is not None:
            return self.value
        assert self.numerator is not None  # validated: they come together
        assert self.denominator is not None
        return Amount(100 * self.numerator / self.denominator, "percent")


@attrs.frozen(kw_only=True)
class CaseRecord:
    """One case of a within-time-per-record target: when it started and when it was done."""

    org: str = attrs.field(validator=_org_code)
    metric: str = attrs.field(validator=_snake_id)
    start: date
    """When the clock started (a LeDeR notification)."""
    end: date | None = None
    """When it was done (None: not yet)."""
    ref: str = ""

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InvalidObservationError(
                f"case {self.ref or '(no ref)'} ends {self.end} before it starts {self.start}",
                field="end",
                example=f"start={self.start}, end={add_months(self.start, 3)}",
            )


@attrs.frozen(kw_only=True)
class SpcSummary:
    """A Making Data Count reading of the series behind an assessment.

    Built by :func:`nhsplan.spc.summarise` from an XmR chart of the organisation's figures.
    """

    variation: VariationIcon
    """The variation icon, from the latest point."""
    assurance: Assurance | None
    """Whether the process will reliably meet the target (None: no target, or neutral)."""
    points: int
    """How many figures the chart was drawn from."""
    mean: float
    lower_limit: float
    upper_limit: float
    """The latest segment's centre line and process limits, in the metric's unit."""


@attrs.frozen(kw_only=True)
class Assessment:
    """The result of evaluating one target for one organisation on one date.

    A missed target is a result (``Status.NOT_MET``), never an exception.
    """

    target: str
    """The target id."""
    status: Status
    reason: str
    """One sentence a person can read."""
    citation: Citation
    as_of: date
    org: str | None = None
    observed: Amount | None = None
    required: Amount | None = None
    margin: Amount | None = None
    """Observed minus required in the metric's unit, signed so positive is better."""
    period: Period | None = None
    """The period judged."""
    spc: SpcSummary | None = None
    """The XmR reading of the organisation's series, where one was asked for and long enough."""

    @property
    def met(self) -> bool:
        """True if the status is MET."""
        return self.status is Status.MET
