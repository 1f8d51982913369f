"""The Elective Recovery Fund (ERF), 2021/22: the monthly threshold and the gateway criteria.

Systems whose elective activity is *above* a threshold, set against the value of all elective
activity delivered in 2019/20, may draw down from the additional £1bn ERF; an acute provider
may do so only if it meets all five "gateway criteria" (seed 001, §C1).

The thresholds are not typed here: they are read from the shipped 2021/22 target
``elective_recovery_fund_threshold``, which keeps the published trajectory (70 % in April 2021,
rising 5 points a month to 85 % from July) and its dated amendments (95 % from 1 July 2021;
89 % for H2 from 1 October 2021).

>>> from nhsplan.calendar import Month
>>> print(erf_threshold(Month(2021, 5)))
75 %
>>> print(erf_threshold(Month(2021, 8)), erf_threshold(Month(2021, 8), as_of_amendments=False))
95 % 85 %

Sources:
    Seed 001 (2021/22 priorities and operational planning guidance) §C1; REFERENCE.md
    §Elective Recovery Fund (2021/22): The Times, 12 July 2021 and NHS Providers, 13 July 2021
    (95 % from July); NHS Confederation H2 briefing (89 % in H2, on RTT clock stops).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from nhsplan import units
from nhsplan.calendar import FinancialYear, Month
from nhsplan.errors import InvalidValueError
from nhsplan.evaluate.rules import _shipped
from nhsplan.evaluate.rules._decimal import difference
from nhsplan.evaluate.rules._inputs import figure
from nhsplan.model import Citation, TrajectoryTarget
from nhsplan.units import quantity

__all__ = [
    "ENHANCED_TARIFF_CITATION",
    "ErfEligibility",
    "GatewayCriteria",
    "GatewayCriterion",
    "erf_eligibility",
    "erf_threshold",
]

ERF_YEAR: Final = FinancialYear(2021)
"""The financial year the 2021/22 ERF rules cover."""

_TARGET_ID: Final = "elective_recovery_fund_threshold"

ENHANCED_TARIFF_CITATION: Final = Citation(
    source="REFERENCE.md",
    section="§Elective Recovery Fund (2021/22): vendor summary",
    quote="Activity above the threshold was paid at tariff on top of core funding; "
    "above 85 % at 120 % of tariff",
    unconfirmed=True,
)
"""Where the "120 % of tariff above 85 %" payment rule comes from: not confirmed by a primary
source, so nhsplan never applies it; :func:`erf_eligibility` only mentions it in a note."""

_ENHANCED_FROM: Final = 85.0
"""Activity (percent of 2019/20) above which the unconfirmed 120 % tariff is said to apply."""


class GatewayCriterion(enum.Enum):
    """One of the five ERF gateway criteria (seed 001 §C1), in the seed's order."""

    HEALTH_INEQUALITIES = "health_inequalities"
    OUTPATIENT_TRANSFORMATION = "outpatient_transformation"
    SYSTEM_LED_ELECTIVE_WORKING = "system_led_elective_working"
    LONGEST_WAITS = "longest_waits"
    SUPPORTING_STAFF = "supporting_staff"

    @property
    def words(self) -> str:
        """The criterion in the seed's words (``"tackling the longest waits"``)."""
        return _WORDS[self]

    @property
    def requirement_id(self) -> str:
        """The id of the shipped 2021/22 requirement that records this criterion."""
        return _REQUIREMENTS[self]


_WORDS: Final[Mapping[GatewayCriterion, str]] = MappingProxyType(
    {
        GatewayCriterion.HEALTH_INEQUALITIES: "addressing health inequalities",
        GatewayCriterion.OUTPATIENT_TRANSFORMATION: "transformation of outpatient services",
        GatewayCriterion.SYSTEM_LED_ELECTIVE_WORKING: "implementing system-led elective working",
        GatewayCriterion.LONGEST_WAITS: "tackling the longest waits",
        GatewayCriterion.SUPPORTING_STAFF: "supporting staff",
    }
)
_REQUIREMENTS: Final[Mapping[GatewayCriterion, str]] = MappingProxyType(
    {
        GatewayCriterion.HEALTH_INEQUALITIES: "c1_erf_gateway_health_inequalities",
        GatewayCriterion.OUTPATIENT_TRANSFORMATION: "c1_erf_gateway_outpatient_transformation",
        GatewayCriterion.SYSTEM_LED_ELECTIVE_WORKING: "c1_erf_gateway_system_led_elective",
        GatewayCriterion.LONGEST_WAITS: "c1_erf_gateway_longest_waits",
        GatewayCriterion.SUPPORTING_STAFF: "c1_erf_gateway_supporting_staff",
    }
)


def _is_bool(_inst: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidValueError(
            f"{value!r} is not True or False", field=attribute.name, example="True"
        )


@attrs.frozen(kw_only=True)
class GatewayCriteria:
    """Whether a provider meets each of the five ERF gateway criteria.

    All five must be given: a criterion is never assumed met.

    >>> g = GatewayCriteria.meeting(c for c in GatewayCriterion
    ...                             if c is not GatewayCriterion.SUPPORTING_STAFF)
    >>> g.all_met, [c.words for c in g.missing]
    (False, ['supporting staff'])

    Source: seed 001 §C1 ("Acute providers' access to the ERF will be subject to meeting
    'gateway criteria' including addressing health inequalities, transformation of outpatient
    services, implementing system-led elective working, tackling the longest waits and
    supporting staff").
    """

    health_inequalities: bool = attrs.field(validator=_is_bool)
    """Addressing health inequalities."""
    outpatient_transformation: bool = attrs.field(validator=_is_bool)
    """Transformation of outpatient services."""
    system_led_elective_working: bool = attrs.field(validator=_is_bool)
    """Implementing system-led elective working."""
    longest_waits: bool = attrs.field(validator=_is_bool)
    """Tackling the longest waits."""
    supporting_staff: bool = attrs.field(validator=_is_bool)
    """Supporting staff."""

    @classmethod
    def meeting(cls, criteria: Iterable[GatewayCriterion]) -> GatewayCriteria:
        """The criteria with exactly those in *criteria* met.

        Raises:
            InvalidValueError: an item of *criteria* is not a :class:`GatewayCriterion`.
        """
        met = set(criteria)
        for item in met:
            if not isinstance(item, GatewayCriterion):
                raise InvalidValueError(
                    f"{item!r} is not an ERF gateway criterion",
                    field="criteria",
                    example="[GatewayCriterion.LONGEST_WAITS]",
                )
        return cls(**{c.value: c in met for c in GatewayCriterion})

    @property
    def missing(self) -> tuple[GatewayCriterion, ...]:
        """The criteria not met, in the seed's order."""
        return tuple(c for c in GatewayCriterion if not getattr(self, c.value))

    @property
    def all_met(self) -> bool:
        """True if all five criteria are met."""
        return not self.missing


@attrs.frozen(kw_only=True)
class ErfEligibility:
    """Whether a provider may draw down the ERF for a month, and why.

    Attributes:
        month: the month judged.
        eligible: all five gateway criteria met and activity above the threshold.
        activity: the month's elective activity, in percent of the 2019/20 baseline value.
        threshold: the threshold in force (amendments applied unless asked otherwise).
        published_threshold: the threshold as the guidance published it.
        margin: activity minus threshold, in percentage points; positive is above.
        above_threshold: activity strictly above the threshold.
        missing: the gateway criteria not met, in the seed's order.
        reason: one sentence a person can read.
        citation: the guidance paragraph setting the threshold.
        threshold_source: where the threshold used comes from (an amendment, or the guidance).
        notes: caveats, each marked ``[unconfirmed]`` where its source is.
    """

    month: Month
    eligible: bool
    activity: units.Quantity
    threshold: units.Quantity
    published_threshold: units.Quantity
    margin: units.Quantity
    above_threshold: bool
    missing: tuple[GatewayCriterion, ...]
    reason: str
    citation: Citation
    threshold_source: Citation
    notes: tuple[str, ...] = ()


def _threshold_target() -> TrajectoryTarget:
    return _shipped.target("2021/22", _TARGET_ID, TrajectoryTarget)


def _check_month(month: Month) -> None:
    if not isinstance(month, Month):
        raise InvalidValueError(
            f"{month!r} is not a calendar month", field="month", example="Month(2021, 7)"
        )
    if month.financial_year != ERF_YEAR:
        raise InvalidValueError(
            f"the 2021/22 ERF threshold is set for April 2021 to March 2022, not {month}",
            field="month",
            example="Month(2021, 7)",
        )


def erf_threshold(month: Month, *, as_of_amendments: bool = True) -> units.Quantity:
    """The ERF threshold for *month*, as a percentage of the 2019/20 baseline value.

    Read from the shipped 2021/22 target ``elective_recovery_fund_threshold``:

    | month | published | with amendments |
    |---|---|---|
    | April 2021 | 70 % | 70 % |
    | May 2021 | 75 % | 75 % |
    | June 2021 | 80 % | 80 % |
    | July-September 2021 | 85 % | 95 % (from 1 July) |
    | October 2021-March 2022 | 85 % | 89 % (H2, from 1 October) |

    The published trajectory's last value (85 %) holds after July. The H2 figure is measured
    on 2019/20 RTT clock-stop activity rather than the value of all elective activity.

    Args:
        month: a month of 2021/22.
        as_of_amendments: apply the dated amendments (the default); False gives the value as
            the guidance published it.

    Returns:
        The threshold, in percent.

    Raises:
        InvalidValueError: *month* is not a :class:`~nhsplan.calendar.Month` of 2021/22.

    Sources:
        Seed 001 §C1 ("For April 2021 it will be set at 70%, rising by 5 percentage points in
        subsequent months to 85% from July"); REFERENCE.md §Elective Recovery Fund (2021/22).

    >>> tuple(erf_threshold(Month(2021, m)).magnitude for m in (4, 6, 9, 10))
    (70.0, 80.0, 95.0, 89.0)
    """
    _check_month(month)
    target = _threshold_target()
    on = month.start
    value = target.value_on(on) if as_of_amendments else target.published_value_on(on)
    assert value is not None  # the target is in force throughout 2021/22
    return value


def _threshold_source(month: Month, *, as_of_amendments: bool) -> Citation:
    target = _threshold_target()
    if as_of_amendments:
        applied = [a for a in target.amendments if a.effective <= month.start]
        if applied:
            return applied[-1].citation
    return target.citation


def _percent(activity: units.Quantity | str) -> float:
    activity = figure(activity, "percent", field="activity", example="'96 %'")
    value = activity.to("percent").magnitude
    if value < 0:
        raise InvalidValueError(
            f"activity cannot be negative (got {activity})",
            field="activity",
            example="quantity(96, 'percent')",
        )
    return value


def erf_eligibility(
    month: Month,
    activity: units.Quantity | str,
    gateway: GatewayCriteria,
    *,
    as_of_amendments: bool = True,
) -> ErfEligibility:
    """Whether a provider may draw down the ERF for *month*.

    Eligible only if all five gateway criteria are met **and** activity is strictly *above*
    the threshold: the seed funds activity "above set thresholds", so at exactly the threshold
    there is nothing to draw down (the target itself counts as met there). A provider without
    all five criteria is not eligible, whatever its activity.

    Activity above 85 % of 2019/20 is said to have been paid at 120 % of tariff; that rule is
    unconfirmed (:data:`ENHANCED_TARIFF_CITATION`), so it is never applied: an eligible result
    above 85 % carries a note saying so.

    Args:
        month: a month of 2021/22.
        activity: the month's elective activity as a percentage of the 2019/20 baseline value
            (``quantity(96, "percent")``; a dimensionless ``0.96`` is read as 96 %).
        gateway: which gateway criteria the provider meets.
        as_of_amendments: judge against the amended threshold (the default) or the published.

    Returns:
        The eligibility, with the threshold used, the margin and any missing criteria.

    Raises:
        InvalidValueError: *month* is outside 2021/22, *activity* is negative or *gateway* is
            not a :class:`GatewayCriteria`.
        UnitMismatchError: *activity* is not a percentage.

    Sources:
        Seed 001 §C1; REFERENCE.md §Elective Recovery Fund (2021/22).

    >>> all_five = GatewayCriteria.meeting(GatewayCriterion)
    >>> r = erf_eligibility(Month(2021, 5), quantity(78.5, "percent"), all_five)
    >>> r.eligible, str(r.margin)
    (True, '3.5 %')
    """
    _check_month(month)
    observed = _percent(activity)
    if not isinstance(gateway, GatewayCriteria):
        raise InvalidValueError(
            f"{gateway!r} is not a GatewayCriteria",
            field="gateway",
            example="GatewayCriteria.meeting(GatewayCriterion)",
        )
    threshold = erf_threshold(month, as_of_amendments=as_of_amendments)
    published = erf_threshold(month, as_of_amendments=False)
    required = threshold.to("percent").magnitude
    above = observed > required
    missing = gateway.missing
    eligible = above and not missing
    margin = quantity(difference(observed, required), "percent")
    notes: tuple[str, ...] = ()
    if eligible and observed > _ENHANCED_FROM:
        notes = (
            (
                "activity above 85 % of 2019/20 is reported to have been paid at 120 % of "
                f"tariff; not applied here ({ENHANCED_TARIFF_CITATION})"
            ),
        )
    return ErfEligibility(
        month=month,
        eligible=eligible,
        activity=quantity(observed, "percent"),
        threshold=threshold,
        published_threshold=published,
        margin=margin,
        above_threshold=above,
        missing=missing,
        reason=_reason(month, observed, threshold, missing, above=above),
        citation=_threshold_target().citation,
        threshold_source=_threshold_source(month, as_of_amendments=as_of_amendments),
        notes=notes,
    )


def _reason(
    month: Month,
    observed: float,
    threshold: units.Quantity,
    missing: tuple[GatewayCriterion, ...],
    *,
    above: bool,
) -> str:
    activity = quantity(observed, "percent").format()
    position = "above" if above else ("at" if observed == threshold.magnitude else "below")
    head = (
        f"In {month}, elective activity of {activity} of 2019/20 is {position} the "
        f"{threshold.format()} threshold"
    )
    if missing:
        words = ", ".join(c.words for c in missing)
        return f"{head}, but gateway criteria are not met ({words}): not eligible for the ERF."
    if above:
        return f"{head} and all five gateway criteria are met: eligible for the ERF."
    return f"{head}: not eligible for the ERF."
