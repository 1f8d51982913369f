"""Units for NHS figures: percentages, counts, FTE, money and time.

One quantity type is public: :class:`Quantity`, a :class:`pint.Quantity` of nhsplan's small
registry, which knows only the units NHS planning figures use. The registry is built the first
time a quantity is needed, so ``import nhsplan`` does not import pint.

>>> q = quantity("£6.6bn")
>>> q.magnitude, q.unit
(6600000000.0, 'GBP')
>>> str(q), q.format()
('6600000000 GBP', '£6.6bn')
>>> print(convert(quantity("90 minutes"), "hour"))
1.5 hour
>>> canonical_unit("%"), canonical_unit("fte"), canonical_unit("£ per head")
('percent', 'FTE', 'GBP / person')

Units of different dimensions never mix:

>>> compare(quantity("1 FTE"), quantity("£1"))
Traceback (most recent call last):
...
nhsplan.errors.UnitMismatchError: cannot compare or convert '1 FTE' with '1 GBP': ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nhsplan.units.amount import Amount
from nhsplan.units.parse import (
    canonical_unit,
    compare,
    convert,
    is_quantity,
    parse_unit,
    quantities,
    quantity,
    registry,
    same_dimension,
    split_quantity,
)
from nhsplan.units.text import exact_text, human_text

if TYPE_CHECKING:
    from nhsplan.units._pint import Quantity

__all__ = [
    "Amount",
    "Quantity",
    "canonical_unit",
    "compare",
    "convert",
    "exact_text",
    "human_text",
    "is_quantity",
    "parse_unit",
    "quantities",
    "quantity",
    "registry",
    "same_dimension",
    "split_quantity",
]


def __getattr__(name: str) -> type:
    """``Quantity`` is the pint class: importing it imports pint, so it is looked up on use."""
    if name == "Quantity":
        from nhsplan.units._pint import Quantity  # noqa: PLC0415 - imports pint: lazily

        return Quantity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
