"""Reading the figures the rules take: a Quantity, its text, or a bare number (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nhsplan.units import quantity
from nhsplan.units.inputs import in_unit, read_figure

if TYPE_CHECKING:
    from nhsplan import units


def figure(value: object, unit: str, *, field: str, example: str) -> units.Quantity:
    """*value* in *unit*: a Quantity or text such as ``"£120m"``, or a bare number.

    A bare number is read in *unit* where that is unambiguous (money, a count) and refused
    for a percentage, where ``0.96`` and ``96`` could both be meant.

    Raises:
        InvalidValueError: *value* is not a figure, or is a bare number for a percentage;
            the message names *field*.
        UnitMismatchError: *value* does not convert to *unit*.
    """
    read = read_figure(value, field=field, example=example)
    if isinstance(read, float):
        return in_unit(read, unit, field=field, what=field)
    return quantity(read, unit, where=field)
