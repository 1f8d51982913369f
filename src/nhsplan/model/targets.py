"""What is asked: the target kinds and the values they ask for on a date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import ClassVar, TypeAlias

import attrs

from nhsplan import units
from nhsplan.calendar import Period, add_months
from nhsplan.errors import InvalidValueError
from nhsplan.model._target_base import (
    BaselineScope,
    Combine,
    Interpolation,
    Judgement,
    _amended,
    _amendments_match,
    _sorted_amendments,
    _TargetBase,
)
from nhsplan.model._validators import (
    _non_empty,
    _snake_id,
    _tuple_of_amendment,
    _tuple_of_baseline,
    _tuple_of_trajectorypoint,
    unit_name,
)
from nhsplan.model.citations import Amendment
from nhsplan.model.enums import Comparison
from nhsplan.units import quantity, same_dimension

__all__ = [
    "TARGET_KINDS",
    "Baseline",
    "BaselineScope",
    "BaselineTarget",
    "Combine",
    "EliminationTarget",
    "Interpolation",
    "Judgement",
    "MilestoneTarget",
    "Target",
    "ThresholdTarget",
    "TrajectoryPoint",
    "TrajectoryTarget",
    "WithinTimeTarget",
]


@attrs.frozen(kw_only=True, repr=False)  # the short repr of _TargetBase
class ThresholdTarget(_TargetBase):
    """At least or at most a value (FDS ≥ 75 %; G&A bed occupancy ≤ 92 %)."""

    KIND: ClassVar[str] = "threshold"

    metric: str = attrs.field(validator=_snake_id)
    comparison: Comparison
    value: units.Quantity
    """The published value."""
    amendments: tuple[Amendment, ...] = attrs.field(
        default=(), converter=_tuple_of_amendment, validator=_sorted_amendments
    )
    reach: bool = False
    """An "up to" ambition the guidance funds or aims for ("pathways available for up to 40%
    of maternal smokers"): reported as progress towards the value, never MET or NOT_MET."""
    per: int | None = attrs.field(default=None)
    """The value is a count per this many people (``100000``: "40-50 virtual beds per
    100,000 population"); figures are counts, divided by the population at evaluation."""

    @per.validator
    def _check_per(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value <= 0
        ):
            raise InvalidValueError(
                f"{value!r} is not a positive whole number of people",
                field=attribute.name,
                example="100000",
            )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        _amendments_match(self, self.value, self.amendments)

    def value_on(self, on: date) -> units.Quantity | None:
        """The threshold in force on *on* (None before the target applies)."""
        if not self.in_force(on):
            return None
        return _amended(self.value, self.amendments, on)


@attrs.frozen(kw_only=True, repr=False)  # the short repr of _TargetBase
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

    def value_on(self, on: date) -> units.Quantity | None:
        """Zero, once the target applies."""
        return quantity(0, self.unit) if self.in_force(on) else None


@attrs.frozen(kw_only=True)
class TrajectoryPoint:
    """A required value from a date on (stepwise) or at a date (linear)."""

    on: date
    value: units.Quantity


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


@attrs.frozen(kw_only=True, repr=False)  # the short repr of _TargetBase
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

    def published_value_on(self, on: date) -> units.Quantity | None:
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
                return quantity(start + (end - start) * done / span, previous.value.unit)
            previous = point
        return previous.value

    def value_on(self, on: date) -> units.Quantity | None:
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
    value: units.Quantity | None = None
    """The baseline's value where the guidance states it; else supplied at evaluation."""


@attrs.frozen(kw_only=True, repr=False)  # the short repr of _TargetBase
class BaselineTarget(_TargetBase):
    """A ratio or difference against a baseline period, possibly the best of several.

    IAPT access +14 % on 2019/20 (``change=quantity(14, "percent")``, relative); the 62-day
    cancer backlog back to the February 2020 level or the national average where lower
    (``change=quantity(0, "percent")``, two baselines, ``combine=Combine.LOWEST``).

    A change in *points* (``points=True``) is added in the metric's unit: "every trust at
    least 5 percentage points better than its November 2024 figure" is ``change=quantity(5,
    "percent"), points=True``. A fixed level the organisation may reach instead
    (``or_level``), and which of the two is asked (``whichever``), give "a 7-point
    improvement or 65 %, whichever is greater" (``or_level=quantity(65, "percent"),
    whichever=Combine.HIGHEST``).
    """

    KIND: ClassVar[str] = "baseline"

    metric: str = attrs.field(validator=_snake_id)
    comparison: Comparison
    baselines: tuple[Baseline, ...] = attrs.field(converter=_tuple_of_baseline)
    change: units.Quantity = attrs.field(factory=lambda: quantity(0, "percent"))
    """Relative change (a percent) or absolute difference (in the metric's unit)."""
    combine: Combine = Combine.LOWEST
    """Which baseline counts where there are several."""
    points: bool = False
    """The change is in points of the metric's own unit (percentage points for a proportion),
    not relative to the baseline."""
    or_level: units.Quantity | None = None
    """A fixed level asked instead where it is the more demanding (see :attr:`whichever`)."""
    whichever: Combine = Combine.HIGHEST
    """With :attr:`or_level`: ask the higher or the lower of the two levels."""

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
        return not self.points and same_dimension(self.change.unit, "percent")

    def required_from(self, baselines: Mapping[str, units.Quantity]) -> units.Quantity:
        """The required level given each baseline's value, keyed by label.

        >>> from nhsplan.calendar import FinancialYear
        >>> from nhsplan.model import Citation
        >>> t = BaselineTarget(
        ...     id="iapt_access_expansion", name="IAPT access", metric="iapt_access",
        ...     comparison=Comparison.AT_LEAST, change=quantity(14, "percent"),
        ...     baselines=[Baseline(label="2019/20", period=FinancialYear(2019))],
        ...     citation=Citation(source="004_c7376a78e8be434d.txt"),
        ... )
        >>> print(t.required_from({"2019/20": quantity(1000, "referral")}))
        1140 referral

        Points, and the greater of an improvement and a floor:

        >>> from nhsplan.calendar import Month
        >>> rtt = BaselineTarget(
        ...     id="rtt_trust_step", name="7 points better, or 65 %", metric="rtt",
        ...     comparison=Comparison.AT_LEAST, change=quantity(7, "percent"), points=True,
        ...     or_level=quantity(65, "percent"), whichever=Combine.HIGHEST,
        ...     baselines=[Baseline(label="March 2026", period=Month(2026, 3))],
        ...     citation=Citation(source="MTPF"),
        ... )
        >>> for v in (50, 60.5):
        ...     print(rtt.required_from({"March 2026": quantity(v, "percent")}))
        65 %
        67.5 %
        """
        levels: list[units.Quantity] = []
        for baseline in self.baselines:
            level = baseline.value if baseline.value is not None else baselines.get(baseline.label)
            if level is None:
                raise InvalidValueError(
                    f"no value for baseline {baseline.label!r}",
                    field="baselines",
                    example=f"{{{baseline.label!r}: quantity(1000, 'patient')}}",
                )
            levels.append(level)
        unit = levels[0].unit
        magnitudes = [level.to(unit).magnitude for level in levels]
        base = min(magnitudes) if self.combine is Combine.LOWEST else max(magnitudes)
        if self.relative:
            required = base + base * self.change.to("percent").magnitude / 100
        elif self.points:
            required = (
                base + self.change.magnitude * quantity(1, self.change.unit).to(unit).magnitude
            )
        else:
            required = base + self.change.to(unit).magnitude
        if self.or_level is not None:
            other = self.or_level.to(unit).magnitude
            pick = max if self.whichever is Combine.HIGHEST else min
            required = pick(required, other)
        return quantity(required, unit)

    def value_on(self, on: date) -> units.Quantity | None:
        """The required level where every baseline value is stated in the guidance, else None."""
        if not self.in_force(on) or any(b.value is None for b in self.baselines):
            return None
        return self.required_from({})


@attrs.frozen(kw_only=True, repr=False)  # the short repr of _TargetBase
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

    def value_on(self, on: date) -> units.Quantity | None:
        """None: a milestone asks for evidence, not a quantity."""
        return None


@attrs.frozen(kw_only=True, repr=False)  # the short repr of _TargetBase
class WithinTimeTarget(_TargetBase):
    """Each case done within an interval of its own start (LeDeR reviews within 6 months).

    The interval is in calendar months, counted with :func:`nhsplan.calendar.add_months`
    (month-end clamped: 31 August + 6 months = 28 February).
    """

    KIND: ClassVar[str] = "within_time"

    metric: str = attrs.field(validator=_snake_id)
    months: int = attrs.field()
    """The interval in calendar months."""
    value: units.Quantity = attrs.field(factory=lambda: quantity(100, "percent"))
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

    def value_on(self, on: date) -> units.Quantity | None:
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
