"""``Amount``: kept so that code written for nhsplan 0.x still runs; it makes a Quantity.

nhsplan used to have two quantity types, its own ``Amount`` and pint's ``Quantity``. Now it
has one, :class:`nhsplan.units.Quantity` (a pint Quantity). ``Amount(75, "percent")`` is a
deprecated way of writing ``quantity(75, "percent")``.
"""

from __future__ import annotations

import warnings
from decimal import Decimal
from typing import TYPE_CHECKING

from nhsplan.errors import InvalidValueError, QuantityParseError, _shown
from nhsplan.units.parse import quantity

if TYPE_CHECKING:
    from nhsplan.units._pint import Quantity

__all__ = ["Amount"]


def Amount(magnitude: float | Decimal, unit: str) -> Quantity:  # noqa: N802 - the old class name
    """Deprecated: ``quantity(magnitude, unit)``, a :class:`~nhsplan.units.Quantity`.

    Raises:
        InvalidValueError: *magnitude* is not a finite number, or *unit* is not text.
        UnknownUnitError: *unit* is not a unit nhsplan knows.

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     Amount(75, "%")
    <Quantity(75.0, 'percent')>
    """
    warnings.warn(
        "nhsplan.Amount is deprecated; use nhsplan.units.quantity(75, 'percent'), "
        "which returns the same pint Quantity",
        DeprecationWarning,
        stacklevel=2,
    )
    if not isinstance(unit, str):
        raise InvalidValueError(
            f"{_shown(unit)} is not a unit name", field="unit", example="quantity(75, 'percent')"
        )
    if isinstance(magnitude, str):
        raise InvalidValueError(
            f"{_shown(magnitude)} is not a number",
            field="magnitude",
            example="quantity(75, 'percent')",
        )
    try:
        return quantity(magnitude, unit)
    except QuantityParseError as exc:
        raise InvalidValueError(
            f"{_shown(magnitude)} is not a finite number ({exc.reason})",
            field="magnitude",
            example="quantity(75, 'percent')",
        ) from None
