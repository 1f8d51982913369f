"""Figures rounded for people (percentages, percentage points, counts, money), and for data.

Renderings round for reading (the text table, notebook HTML). Data (rows, CSV, JSON,
DataFrames, Parquet) leaves nhsplan rounded only to :data:`DATA_DECIMALS` decimal places
(:func:`data_figure`), far finer than any published figure, so that the noise of binary
floating point (``74.2 - 75 == -0.7999999999999972``) does not leave with it. Public through
:mod:`nhsplan.display`.
"""

from __future__ import annotations

import math
from typing import Final

__all__ = ["DATA_DECIMALS", "PERCENTAGE_POINTS", "data_figure", "format_amount", "margin_unit"]

DATA_DECIMALS: Final = 10
"""The decimal places a figure keeps when it leaves as data (rows, CSV, JSON, frames)."""


def data_figure(value: float) -> float:
    """*value* rounded to :data:`DATA_DECIMALS` places, without a negative zero.

    >>> data_figure(74.2 - 75), data_figure(91.6 - 95), data_figure(-1e-14)
    (-0.8, -3.4, 0.0)
    """
    return round(value, DATA_DECIMALS) + 0.0


PERCENTAGE_POINTS: Final = "percentage points"
"""The unit of a difference between two percentages (95 % - 86.6 % is 8.4 percentage points)."""

_IRREGULAR_PLURALS: Final = {"person": "people", "breach": "breaches"}
_BARE: Final = frozenset({"", "count", "dimensionless"})


def margin_unit(unit: str) -> str:
    """The unit of a difference of two figures in *unit*: percentage points for percentages.

    >>> margin_unit("percent"), margin_unit("patient")
    ('percentage points', 'patient')
    """
    return PERCENTAGE_POINTS if unit == "percent" else unit


def format_amount(value: float | None, unit: str | None, *, signed: bool = False) -> str:
    """*value* in *unit*, rounded for reading; ``signed`` puts ``+`` before a positive value.

    Empty for None. Money is in pounds (``£120m``, ``£6.6bn``, ``£3.50 per person``).

    >>> format_amount(0.04, "percentage points", signed=True), format_amount(-0.04, "percent")
    ('0.0 pp', '0.0%')
    >>> format_amount(2, "GBP / person"), format_amount(18.25, "minute", signed=True)
    ('£2 per person', '+18.2 minutes')
    """
    if value is None:
        return ""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    unit = unit or ""
    if unit == "percent":
        body = f"{_rounded(value, 1):,.1f}%"
    elif unit == PERCENTAGE_POINTS:
        body = f"{_rounded(value, 1):,.1f} pp"
    elif unit == "GBP" or unit.startswith("GBP / "):
        body = _money(value) + (f" per {unit[6:]}" if unit != "GBP" else "")
    elif unit in _BARE:
        body = _number(value)
    else:
        body = f"{_number(value)} {_plural(unit, value)}"
    if body.startswith("-") and not any(c in "123456789" for c in body):
        body = body[1:]  # -0.0 reads as 0.0
    if signed and not body.startswith("-") and any(c in "123456789" for c in body):
        body = "+" + body
    return body


def _rounded(x: float, places: int) -> float:
    return round(x, places) + 0.0  # + 0.0 turns -0.0 into 0.0


def _number(x: float) -> str:
    if x.is_integer() or abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 1:
        return f"{x:,.1f}"
    return f"{x:.3g}"


def _money(x: float) -> str:
    sign, x = ("-" if x < 0 else ""), abs(x)
    for power, suffix in ((9, "bn"), (6, "m")):
        if x >= 10**power:
            scaled = f"{x / 10**power:,.1f}".removesuffix(".0")
            return f"{sign}£{scaled}{suffix}"
    if x.is_integer() or x >= 1000:
        return f"{sign}£{x:,.0f}"
    return f"{sign}£{x:,.2f}"


def _plural(unit: str, value: float) -> str:
    if value == 1 or not unit.isalpha() or not unit.islower():
        return unit  # FTE, compound units
    return _IRREGULAR_PLURALS.get(unit, unit + "s")
