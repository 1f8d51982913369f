"""Quantities as text: exact text that reads back, and rounded text for people.

Both work from a magnitude and a canonical unit name, so they need no pint.
"""

from __future__ import annotations

from nhsplan.units._table import DIMENSIONLESS, DIMENSIONS, IRREGULAR_PLURALS

__all__ = ["counted", "exact_text", "exact_words", "human_text"]


def _exact_number(x: float) -> str:
    """The shortest text that reads back as exactly *x*."""
    return str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)


def exact_text(magnitude: float, unit: str) -> str:
    """Text that :func:`nhsplan.units.quantity` reads back as exactly this amount.

    >>> exact_text(75.0, "percent"), exact_text(6.6e9, "GBP"), exact_text(40.0, "1 / week")
    ('75 %', '6600000000 GBP', '40 / week')
    """
    number = _exact_number(magnitude)
    if unit == DIMENSIONLESS:
        return number
    if unit == "percent":
        return f"{number} %"
    if unit.startswith("1 / "):
        return f"{number} {unit[2:]}"
    return f"{number} {unit}"


def exact_words(magnitude: float, unit: str) -> str:
    """:func:`exact_text` with a count or time unit made plural to read: ``"30 minutes"``.

    The number is exact (two amounts that differ read differently); pint reads it back too.

    >>> exact_words(30.0, "minute"), exact_words(1.0, "day"), exact_words(92.5, "percent")
    ('30 minutes', '1 day', '92.5 %')
    """
    if unit in DIMENSIONS and unit not in ("percent", DIMENSIONLESS):
        return f"{_exact_number(magnitude)} {_plural(unit, magnitude)}"
    return exact_text(magnitude, unit)


def _plural(name: str, magnitude: float) -> str:
    if magnitude == 1 or DIMENSIONS.get(name) not in ("[count]", "[time]"):
        return name
    return IRREGULAR_PLURALS.get(name, f"{name}s")


def _human_number(x: float) -> str:
    if x.is_integer():
        return f"{int(x):,}"
    if abs(x) >= 1:
        return f"{x:,.2f}".rstrip("0").rstrip(".")
    return f"{x:.3g}"


def _money(x: float) -> str:
    sign, x = ("-" if x < 0 else ""), abs(x)
    for power, suffix in ((9, "bn"), (6, "m")):
        scaled = round(x / 10**power, 2)
        if scaled >= 1:
            return f"{sign}£{_human_number(scaled)}{suffix}"
    return f"{sign}£{int(x):,}" if x.is_integer() else f"{sign}£{x:,.2f}"


def _human_simple(m: float, unit: str) -> str:
    if unit == "percent":
        return f"{_human_number(m)}%"
    if unit == "GBP":
        return _money(m)
    if unit == DIMENSIONLESS:
        return _human_number(m)
    return f"{_human_number(m)} {_plural(unit, m)}"


def human_text(magnitude: float, unit: str) -> str:
    """Text for people: ``"75%"``, ``"£6.6bn"``, ``"15,500 FTE"``, ``"62 days"``.

    Rounded for reading (two decimal places); use :func:`exact_text` for exact text.

    >>> human_text(1.2e8, "GBP"), human_text(3.0, "GBP / person"), human_text(2.0, "person")
    ('£120m', '£3 per person', '2 people')
    """
    if unit in DIMENSIONS:
        return _human_simple(magnitude, unit)
    top, _, bottom = unit.partition(" / ")
    if bottom in DIMENSIONS and (top == "1" or top in DIMENSIONS):
        head = _human_number(magnitude) if top == "1" else _human_simple(magnitude, top)
        return f"{head} per {bottom}"
    return f"{_human_number(magnitude)} {unit}"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """*n* and *noun*, the noun plural unless *n* is one: ``"1 ask"``, ``"3 asks"``.

    >>> counted(1, "ask"), counted(0, "target"), counted(2, "priority", "priorities")
    ('1 ask', '0 targets', '2 priorities')
    """
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
