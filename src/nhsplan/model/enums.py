"""Closed sets used across the model: polarity, scoring kind, status, organisation type.

Kept apart from :mod:`nhsplan.model` so that lower layers (``spc``) can name them without
importing the whole model; :mod:`nhsplan.model` re-exports every one.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "Assurance",
    "Comparison",
    "OrgType",
    "Polarity",
    "Scope",
    "ScoringKind",
    "Status",
    "VariationIcon",
]


class Polarity(enum.Enum):
    """Which direction of a metric is better."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEUTRAL = "neutral"


class ScoringKind(enum.Enum):
    """How a metric's figures are formed and aggregated.

    A *proportion* is kept as numerator and denominator (never only as a percentage) and
    aggregates by summing both; counts and money aggregate by sum.
    """

    PROPORTION = "proportion"
    COUNT = "count"
    RATE = "rate"
    DURATION = "duration"
    MONEY = "money"
    RATIO = "ratio"


class Comparison(enum.Enum):
    """How an observed figure is compared with the required one, in the guidance's own words.

    ``UP_TO`` is a ceiling, not a minimum ("up to 40% of maternal smokers": the roll-out may
    reach at most 40 %); it is judged like ``AT_MOST``. ``AROUND`` ("around £3 per head") is
    met by a figure within :data:`AROUND_TOLERANCE` (5 %) of the value, either side.
    """

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOVE = "above"
    """Strictly more than ("more than 50 %")."""
    BELOW = "below"
    """Strictly less than ("under 1 % of the list")."""
    UP_TO = "up_to"
    """A ceiling ("up to 40 %"): at most the value; nothing below it is asked."""
    AROUND = "around"
    """About the value ("around £3 per head"): within 5 % of it, either side."""

    @property
    def higher_is_better(self) -> bool:
        """True for at least and above: a larger figure is closer to meeting the target."""
        return self is Comparison.AT_LEAST or self is Comparison.ABOVE

    @overload
    def holds(self, observed: float, required: float) -> bool: ...
    @overload
    def holds(self, observed: NDArray[np.float64], required: float) -> NDArray[np.bool_]: ...
    def holds(self, observed: Any, required: float) -> Any:
        """True if *observed* meets *required* under this comparison.

        The one rule for a figure and for a numpy array of figures (the batch and columnar
        paths): *observed* may be either, and the answer has its shape. NaN never holds.

        >>> Comparison.AT_LEAST.holds(75.0, 75.0), Comparison.ABOVE.holds(50.0, 50.0)
        (True, False)
        >>> Comparison.UP_TO.holds(40.0, 40.0), Comparison.AROUND.holds(3.1, 3.0)
        (True, True)
        """
        if self is Comparison.AT_LEAST:
            return observed >= required
        if self is Comparison.AT_MOST or self is Comparison.UP_TO:
            return observed <= required
        if self is Comparison.ABOVE:
            return observed > required
        if self is Comparison.AROUND:
            return abs(observed - required) <= AROUND_TOLERANCE * abs(required)
        return observed < required

    @overload
    def margin(self, observed: float, required: float) -> float: ...
    @overload
    def margin(self, observed: NDArray[np.float64], required: float) -> NDArray[np.float64]: ...
    def margin(self, observed: Any, required: float) -> Any:
        """How far *observed* is on the good side of *required* (negative: the wrong side).

        For a figure or a numpy array of figures, as :meth:`holds`.

        For ``AROUND`` it is the room left inside the 5 % band: positive within it.

        >>> Comparison.AT_MOST.margin(90.0, 92.0), Comparison.AROUND.margin(3.0, 3.0)
        (2.0, 0.15000000000000002)
        """
        if self is Comparison.AROUND:
            return AROUND_TOLERANCE * abs(required) - abs(observed - required)
        if self.higher_is_better:
            return observed - required
        return required - observed


AROUND_TOLERANCE = 0.05
"""How near "around" a value a figure must be: within 5 % of the value, either side."""


class Scope(enum.Enum):
    """Whose figure a target judges.

    A national ambition ("50 million more appointments", "15,500 FTE in PCN roles") is judged
    on England's figure; an organisation is judged against it only where it supplies its own
    share or plan value. A system or organisation target judges that body's own figure.
    """

    NATIONAL = "national"
    """England as a whole: judged on the national figure (organisation ``ENGLAND``)."""
    SYSTEM = "system"
    """Each integrated care system's own figure."""
    ORGANISATION = "organisation"
    """Each organisation's own figure (of the types the target applies to)."""


class Status(enum.Enum):
    """The outcome of evaluating one target for one organisation on one date."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_DUE = "not_due"
    NO_DATA = "no_data"
    NOT_APPLICABLE = "not_applicable"


class OrgType(enum.Enum):
    """The kinds of organisation the guidance addresses.

    Trusts and foundation trusts share a type per sector: the guidance's asks do not
    distinguish the legal forms.
    """

    ACUTE_TRUST = "acute_trust"
    MENTAL_HEALTH_TRUST = "mental_health_trust"
    COMMUNITY_TRUST = "community_trust"
    AMBULANCE_TRUST = "ambulance_trust"
    SYSTEM = "system"
    """An integrated care system (ICS) or its forerunner, the STP."""
    CCG = "ccg"
    PCN = "pcn"
    GP_PRACTICE = "gp_practice"
    CANCER_ALLIANCE = "cancer_alliance"
    LOCAL_MATERNITY_SYSTEM = "local_maternity_system"
    REGION = "region"
    NATIONAL = "national"

    @classmethod
    def providers(cls) -> frozenset[OrgType]:
        """The NHS trust and foundation trust types ("providers" in the guidance)."""
        return frozenset(
            {cls.ACUTE_TRUST, cls.MENTAL_HEALTH_TRUST, cls.COMMUNITY_TRUST, cls.AMBULANCE_TRUST}
        )

    @classmethod
    def commissioners(cls) -> frozenset[OrgType]:
        """The commissioning organisations: CCGs and, from 2022, ICS NHS bodies."""
        return frozenset({cls.CCG, cls.SYSTEM})


class VariationIcon(enum.Enum):
    """The Making Data Count variation icon, from the latest point."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    """Special cause, high side, neutral polarity (MDC's and NHSRplotthedots' name)."""
    NEUTRAL_LOW = "neutral_low"
    NEITHER_HIGH = "neutral_high"  # noqa: PIE796 - an alias, kept for old code
    """Alias of NEUTRAL_HIGH, its earlier name."""
    NEITHER_LOW = "neutral_low"  # noqa: PIE796 - an alias, kept for old code


class Assurance(enum.Enum):
    """The Making Data Count assurance icon: can the process be relied on to meet the target?"""

    CONSISTENTLY_PASS = "consistent_pass"
    """The target lies beyond the worse process limit: every point is expected to pass."""
    CONSISTENTLY_FAIL = "consistent_fail"
    """The target lies beyond the better process limit: every point is expected to fail."""
    HIT_AND_MISS = "inconsistent"
    """The target lies between the limits (or on one): it will be hit and missed at random."""
