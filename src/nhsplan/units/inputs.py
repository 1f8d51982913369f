"""Every natural form of a figure, read into a Quantity or kept as a bare number.

A figure may come as text (``"87.5 %"``, ``"£6.6bn"``, ``"12 pathways"``), an ``int``, a
``float``, a ``Decimal`` or a pint Quantity. :func:`read_figure` reads it where it enters (an
attrs converter): text with a unit, or any pint Quantity, becomes a
:class:`~nhsplan.units.Quantity`; a number without a unit (``12``, ``"0.79"``) stays a *bare*
``float``, because only the metric it measures says what unit it is in. A pint Quantity is
taken at its word: a dimensionless ``0.79`` is pint's fraction, 79 %.

:func:`in_unit` resolves a bare number the moment the metric's unit is known, and refuses it
where that unit is a proportion: ``0.79`` and ``79`` could each mean 79 %, and nhsplan does
not guess.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

from nhsplan.errors import (
    InvalidValueError,
    QuantityParseError,
    UnitMismatchError,
    UnknownUnitError,
    _shown,
)
from nhsplan.units._table import DIMENSIONLESS
from nhsplan.units.parse import (
    canonical_unit,
    is_quantity,
    quantity,
    same_dimension,
    split_quantity,
)

if TYPE_CHECKING:
    from nhsplan.units._pint import Quantity

__all__ = ["ambiguous_unit", "in_unit", "read_figure"]


def read_figure(
    value: object,
    *,
    field: str = "value",
    example: str = "'87.5 %'",
    error: type[InvalidValueError] = InvalidValueError,
) -> Quantity | float:
    """Read *value* into a Quantity, or a bare ``float`` when it carries no unit.

    Args:
        value: text, ``int``, ``float``, ``Decimal`` or a pint Quantity.
        field: the field being read, for error messages.
        example: a valid value, for error messages.
        error: the error class to raise (a subclass of InvalidValueError).

    Raises:
        InvalidValueError (or *error*): a bool, NaN, infinity, text that is not a figure,
            a unit nhsplan does not know, or any other type; the message names *field*.

    >>> read_figure("87.5 %"), read_figure(12), read_figure("0.79")
    (<Quantity(87.5, 'percent')>, 12.0, 0.79)
    """
    if isinstance(value, bool):
        raise error(f"{_shown(value)} is a boolean, not a figure", field=field, example=example)
    if isinstance(value, str | int | float | Decimal) or is_quantity(value):
        try:
            q = quantity(value)  # type: ignore[arg-type]
        except QuantityParseError as exc:  # its own example gives way to the field's
            why = f" ({exc.reason})" if exc.reason else ""
            message = f"cannot read {_shown(exc.text)} as {exc.expected}{why}"
            raise error(message, field=field, example=example) from None
        except UnknownUnitError as exc:
            raise error(str(exc), field=field, example=example) from None
        if q.unit == DIMENSIONLESS and not is_quantity(value) and not _names_unit(value):
            return float(q.magnitude)  # no unit given: bare
        return q
    raise error(
        f"{_shown(value)} ({type(value).__name__}) is not a figure; give text, a number or a "
        "pint Quantity",
        field=field,
        example=example,
    )


def _names_unit(value: object) -> bool:
    """Whether text names its unit (``"0.92 dimensionless"``), as a bare number does not."""
    return isinstance(value, str) and any(c.isalpha() for c in split_quantity(value)[1])


def ambiguous_unit(unit: str) -> bool:
    """Whether a bare number in *unit* could be read two ways (a proportion: 0.79 or 79 %)."""
    return same_dimension(unit, DIMENSIONLESS)


def in_unit(
    value: Quantity | float,
    unit: str,
    *,
    field: str,
    what: str,
    error: type[InvalidValueError] = InvalidValueError,
) -> Quantity:
    """*value* in *unit*: a bare number read in *unit*, a Quantity converted to it.

    Args:
        value: a Quantity or a bare number, as :func:`read_figure` gives.
        unit: the unit wanted (a metric's unit).
        field: the field it came from, for error messages.
        what: what it is a figure of (``"RBD cancer_faster_diagnosis 2021-12"``).
        error: the error class to raise.

    Raises:
        InvalidValueError (or *error*): a bare number where *unit* is a proportion (the
            message shows both readings), or a Quantity whose unit does not convert.

    >>> in_unit(12.0, "pathway", field="value", what="RBD rtt_52_week_waits 2021-12")
    <Quantity(12.0, 'pathway')>
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            raise error(f"{_shown(value)} is not a finite number", field=field, example="'87.5 %'")
        if ambiguous_unit(unit):
            shown = f"{value:g}"
            raise error(
                f"{shown} for {what} has no unit, and it measures a proportion: read as a "
                f"percentage it is '{shown} %', read as a fraction it is '{value * 100:g} %'; "
                "nhsplan does not guess which",
                field=field,
                example=f"value='{shown} %' or numerator=..., denominator=...",
            )
        return quantity(value, canonical_unit(unit))
    try:
        return quantity(value, unit)
    except UnitMismatchError as exc:
        raise error(
            f"{value} for {what} does not convert to its unit {_shown(unit)} ({exc})",
            field=field,
            example=f"'{quantity(1, unit)}'",
        ) from None
