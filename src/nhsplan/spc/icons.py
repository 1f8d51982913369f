"""The variation and assurance icons of a chart."""

from __future__ import annotations

from nhsplan.model.enums import Assurance, Polarity, VariationIcon
from nhsplan.spc.options import Variation
from nhsplan.spc.result import SpcSegment

_ICONS = {
    (Variation.IMPROVEMENT, Polarity.HIGHER_IS_BETTER): VariationIcon.IMPROVEMENT_HIGH,
    (Variation.IMPROVEMENT, Polarity.LOWER_IS_BETTER): VariationIcon.IMPROVEMENT_LOW,
    (Variation.CONCERN, Polarity.HIGHER_IS_BETTER): VariationIcon.CONCERN_LOW,
    (Variation.CONCERN, Polarity.LOWER_IS_BETTER): VariationIcon.CONCERN_HIGH,
}
_NEUTRAL_ICONS = {
    Variation.COMMON_CAUSE: VariationIcon.COMMON_CAUSE,
    Variation.NEITHER_HIGH: VariationIcon.NEITHER_HIGH,
    Variation.NEITHER_LOW: VariationIcon.NEITHER_LOW,
}


def _variation_icon(variation: Variation, polarity: Polarity) -> VariationIcon:
    """As ``R/geom_ptd_icon.R``: the latest point's type, made high/low by polarity."""
    return _NEUTRAL_ICONS.get(variation) or _ICONS[variation, polarity]


def _assurance(target: float | None, polarity: Polarity, last: SpcSegment) -> Assurance | None:
    """As ``R/ptd_calculate_assurance_type.R``: strict comparisons, equality is hit and miss."""
    if target is None or polarity is Polarity.NEUTRAL:
        return None
    higher = polarity is Polarity.HIGHER_IS_BETTER
    if target > last.upl:
        return Assurance.CONSISTENTLY_FAIL if higher else Assurance.CONSISTENTLY_PASS
    if target < last.lpl:
        return Assurance.CONSISTENTLY_PASS if higher else Assurance.CONSISTENTLY_FAIL
    return Assurance.HIT_AND_MISS
