"""Hypothesis strategies for nhsplan.units: canonical unit names and Amounts."""

from __future__ import annotations

from hypothesis import strategies as st

from nhsplan.units import Quantity, quantity

SIMPLE_UNITS = (
    "dimensionless",
    "percent",
    "count",
    "patient",
    "pathway",
    "appointment",
    "attendance",
    "bed",
    "review",
    "intervention",
    "role",
    "referral",
    "person",
    "practice",
    "test",
    "vaccination",
    "breach",
    "admission",
    "notification",
    "FTE",
    "GBP",
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
)
"""Every simple unit nhsplan defines, by canonical name."""

COMPOUND_UNITS = (
    "GBP / person",
    "appointment / week",
    "1 / week",
    "percent / year",
    "GBP / FTE / year",
    "day * patient",
)
"""Canonical compound units, as pint writes them."""

finite_floats = st.floats(allow_nan=False, allow_infinity=False)
canonical_units = st.sampled_from(SIMPLE_UNITS + COMPOUND_UNITS)


@st.composite
def amounts(draw: st.DrawFn, unit: str | None = None) -> Quantity:
    """Any finite Quantity; in *unit* if given, else in any canonical unit."""
    return quantity(draw(finite_floats), unit if unit is not None else draw(canonical_units))
