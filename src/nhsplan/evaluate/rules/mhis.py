"""The Mental Health Investment Standard (MHIS): a commissioner's minimum mental-health spend.

"All CCGs must, as a minimum, invest in mental health services to meet the Mental Health
Investment Standard" (seed 001 §C3). A commissioner meets the MHIS when its spend on
mental-health categories in year Y is at least its target (REFERENCE.md §Mental Health
Investment Standard)::

    target(Y) = outturn(Y-1) * (1 + programme allocation growth)
                + the year's additional mental-health uplift (0.7 % in 2019/20)
                + any shortfall carried from Y-1

**Reading of the uplift.** The uplift is a percentage (0.7 %), and a percentage cannot be added
to money: it must be a percentage *of* something. The only base in the formula is the previous
year's outturn, so nhsplan reads the uplift as a further percentage of the outturn, added to
the allocation growth::

    target(Y) = outturn * (1 + growth + uplift) + shortfall

(growth 5.6 % and uplift 0.7 % raise a £100m outturn by 6.3 %, to £106.3m). The alternative
reading, an uplift on the grown figure, ``outturn * (1 + growth) * (1 + uplift)``, differs by
``outturn * growth * uplift`` (£39,200 on £100m here); the source does not say so, and nhsplan
does not use it.

>>> from nhsplan.units import quantity
>>> t = mhis_target(quantity(100e6, "GBP"), allocation_growth=quantity(5.6, "percent"),
...                 uplift=quantity(0.7, "percent"))
>>> t.format()
'£106.3m'
>>> mhis_compliance(quantity(107e6, "GBP"), t).margin.format()
'£700,000'

Sources:
    Seed 001 §C3; REFERENCE.md §Mental Health Investment Standard (NHS England MHIS assurance
    briefing 2019/20 as quoted by Shropshire, Telford and Wrekin CCG; NHS England
    mental-health expenditure categories).
"""

from __future__ import annotations

from typing import Final

import attrs

from nhsplan import units
from nhsplan.errors import InvalidValueError
from nhsplan.evaluate.rules._decimal import dec, difference
from nhsplan.evaluate.rules._inputs import figure
from nhsplan.model import Citation, Comparison
from nhsplan.units import quantity

__all__ = ["EXCLUDED_CATEGORIES", "MHIS_CITATION", "MhisResult", "mhis_compliance", "mhis_target"]

MHIS_CITATION: Final = Citation(
    source="001_b4880168b3d542f5.txt",
    section="§C3",
    quote="All CCGs must, as a minimum, invest in mental health services to meet the Mental "
    "Health Investment Standard.",
)
"""The guidance paragraph that asks for the MHIS."""

EXCLUDED_CATEGORIES: Final[tuple[str, ...]] = (
    "service development funding",
    "COVID-19 costs",
    "learning disability and autism without a co-occurring mental-health need",
    "ADHD",
)
"""Spend that does not count towards the MHIS (REFERENCE.md §Mental Health Investment Standard:
NHS England MHIS assurance briefing 2019/20; NHS England mental-health expenditure categories).
"""

_MONEY_EXAMPLE: Final = "'£100m'"


def _money(value: units.Quantity | str | float, field: str) -> float:
    value = figure(value, "GBP", field=field, example=_MONEY_EXAMPLE)
    pounds = value.to("GBP").magnitude
    if pounds < 0:
        raise InvalidValueError(
            f"cannot be negative (got {value.format()})", field=field, example=_MONEY_EXAMPLE
        )
    return pounds


def _percent(value: units.Quantity | str, field: str) -> float:
    return figure(value, "percent", field=field, example="'5.6 %'").magnitude


def mhis_target(
    previous_outturn: units.Quantity | str | float,
    *,
    allocation_growth: units.Quantity | str,
    uplift: units.Quantity | str,
    shortfall: units.Quantity | str | float | None = None,
) -> units.Quantity:
    """A commissioner's MHIS target for a year.

    ``outturn * (1 + allocation growth + uplift) + shortfall``: the uplift is read as a
    percentage of the previous year's outturn (see the module docstring for why).

    Computed on the decimal spellings of the inputs, so £100m at 5.6 % + 0.7 % is exactly
    £106.3m; the result is not rounded to pence.

    Args:
        previous_outturn: the year before's mental-health spend (outturn), in money.
        allocation_growth: the commissioner's programme allocation growth, in percent (may be
            negative, but not -100 % or less).
        uplift: the year's additional mental-health uplift, in percent of the outturn
            (0.7 % in 2019/20; 0 % where the year sets none).
        shortfall: any shortfall against the previous year's target, carried forward
            (None: none).

    Returns:
        The target, in GBP.

    Raises:
        InvalidValueError: a money figure is negative, or growth is -100 % or less.
        UnitMismatchError: a figure is in the wrong unit (money for growth, percent for money).

    Sources:
        REFERENCE.md §Mental Health Investment Standard; seed 001 §C3.

    >>> mhis_target(quantity(50e6, "GBP"), allocation_growth=quantity(2, "percent"),
    ...             uplift=quantity(0, "percent"), shortfall=quantity(250e3, "GBP")).format()
    '£51.25m'
    """
    outturn = _money(previous_outturn, "previous_outturn")
    carried = 0.0 if shortfall is None else _money(shortfall, "shortfall")
    growth = _percent(allocation_growth, "allocation_growth")
    extra = _percent(uplift, "uplift")
    if growth <= -100:
        raise InvalidValueError(
            f"allocation growth of {allocation_growth} would remove the whole allocation",
            field="allocation_growth",
            example="quantity(5.6, 'percent')",
        )
    rate = 1 + (dec(growth) + dec(extra)) / 100
    return quantity(float(dec(outturn) * rate + dec(carried)), "GBP")


@attrs.frozen(kw_only=True)
class MhisResult:
    """Whether a commissioner's mental-health spend meets its MHIS target.

    Attributes:
        met: spend is at least the target.
        spend: the year's spend on mental-health categories (exclusions already removed).
        target: the MHIS target.
        margin: spend minus target, in GBP; positive is better (above the target).
        reason: one sentence a person can read.
        citation: the guidance paragraph asking for the MHIS.
    """

    met: bool
    spend: units.Quantity
    target: units.Quantity
    margin: units.Quantity
    reason: str
    citation: Citation = MHIS_CITATION


def mhis_compliance(
    spend: units.Quantity | str | float, target: units.Quantity | str | float
) -> MhisResult:
    """Whether *spend* meets the MHIS *target* (at least the target; equal meets it).

    Args:
        spend: the year's spend on mental-health categories, without the
            :data:`EXCLUDED_CATEGORIES` (the caller removes them).
        target: the MHIS target, usually from :func:`mhis_target`.

    Returns:
        Met or not, with the margin in GBP. A shortfall is a result, never an error.

    Raises:
        InvalidValueError: a figure is negative.
        UnitMismatchError: a figure is not money.

    Sources:
        Seed 001 §C3; REFERENCE.md §Mental Health Investment Standard.

    >>> r = mhis_compliance(quantity(99e6, "GBP"), quantity(100e6, "GBP"))
    >>> r.met, r.margin.format()
    (False, '-£1m')
    """
    spent = _money(spend, "spend")
    required = _money(target, "target")
    met = Comparison.AT_LEAST.holds(spent, required)  # "as a minimum": the core's rule
    margin = quantity(difference(spent, required), "GBP")
    spend_text, target_text = quantity(spent, "GBP").format(), quantity(required, "GBP").format()
    if met:
        reason = (
            f"Mental-health spend of {spend_text} meets the MHIS target of {target_text} "
            f"(margin {margin.format()})."
        )
    else:
        reason = (
            f"Mental-health spend of {spend_text} is below the MHIS target of {target_text} "
            f"by {quantity(-margin.magnitude, 'GBP').format()}."
        )
    return MhisResult(
        met=met,
        spend=quantity(spent, "GBP"),
        target=quantity(required, "GBP"),
        margin=margin,
        reason=reason,
    )
