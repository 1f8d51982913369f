"""The pint side of :mod:`nhsplan.units`: the registry class and its Quantity (imports pint).

Only imported when the first quantity is needed, so ``import nhsplan`` stays free of pint.
"""

from __future__ import annotations

import functools
import re

import pint

from nhsplan.errors import UnitMismatchError
from nhsplan.units._table import DIMENSIONLESS, UNITS
from nhsplan.units.text import exact_text, human_text

__all__ = ["NhsRegistry", "Quantity", "build_registry", "unit_text"]


def unit_text(unit: object) -> str:
    """The canonical name of a pint unit (``"GBP / person"``; ``"dimensionless"`` for none)."""
    container, reg = getattr(unit, "_units", None), getattr(unit, "_REGISTRY", None)
    if container is None or reg is None:
        return f"{unit:D}" or DIMENSIONLESS
    return _text(reg, container)


@functools.lru_cache(maxsize=1024)
def _text(reg: pint.UnitRegistry[float], container: object) -> str:
    """:func:`unit_text`, remembered by registry and unit: formatting a unit is slow.

    Keyed by the registry too, as units of two registries never compare.
    """
    return f"{reg.Unit(container):D}" or DIMENSIONLESS  # type: ignore[arg-type]


class Quantity(pint.UnitRegistry.Quantity[float]):
    """A pint Quantity of nhsplan's registry: the one quantity type nhsplan's API uses.

    It is a :class:`pint.Quantity` in every respect (``.magnitude``, ``.units``, ``.to()``,
    arithmetic, hashing); it adds the canonical unit name as :attr:`unit`, ``str()`` as exact
    text that :func:`nhsplan.units.quantity` reads back (``"74.2 %"``), and :meth:`format`
    for people (``"74.2%"``, ``"£6.6bn"``).
    """

    @property
    def unit(self) -> str:
        """The canonical unit name (``"percent"``, ``"FTE"``, ``"GBP / person"``)."""
        return unit_text(self.units)

    def to(self, other: object = None, *contexts: object, **ctx_kwargs: object) -> Quantity:
        """This quantity in unit *other*.

        Raises:
            UnitMismatchError: *other* is of another dimension (a ``ValueError``, where pint
                itself raises its ``DimensionalityError``).
        """
        if isinstance(other, str):
            from nhsplan.units.parse import parse_unit  # noqa: PLC0415 - parse imports us

            other = parse_unit(other)  # nhsplan's spellings, and remembered
        try:
            return super().to(other, *contexts, **ctx_kwargs)  # type: ignore[arg-type]
        except pint.errors.DimensionalityError as exc:
            raise UnitMismatchError(str(self), unit_text(exc.units2), where=None) from None

    def format(self) -> str:
        """Rounded text for people: ``"75%"``, ``"£6.6bn"``, ``"15,500 FTE"``, ``"62 days"``."""
        try:
            return human_text(float(self.magnitude), self.unit)
        except (TypeError, ValueError):  # an array magnitude
            return super().__str__()

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else super().__format__(spec)

    def __str__(self) -> str:
        try:
            return exact_text(float(self.magnitude), self.unit)
        except (TypeError, ValueError):  # an array magnitude
            return super().__str__()


class NhsRegistry(pint.UnitRegistry[float]):
    """A pint registry whose quantities are :class:`Quantity`."""

    Quantity = Quantity  # type: ignore[assignment]


_PER_CENT = re.compile(r"\bper\s*cent\b", re.IGNORECASE)
_LEADING_PER = re.compile(r"^\s*(?:per\s+|/)", re.IGNORECASE)
_PER = re.compile(r"\s+per\s+", re.IGNORECASE)


def _preprocess(text: str) -> str:
    """Spellings pint does not read by itself.

    ``£``, ``per cent``, and a leading ``per week`` or ``/ week`` (a reciprocal, as in
    ``"40 / week"``).
    """
    text = _PER_CENT.sub(" percent ", text)
    text = _LEADING_PER.sub("1 / ", text)
    text = _PER.sub(" / ", text)
    return text.replace("£", " GBP ")


def build_registry() -> NhsRegistry:
    """A registry holding only nhsplan's units (no pint defaults), defined from the table."""
    reg = NhsRegistry(None, cache_folder=None, on_redefinition="raise", preprocessors=[_preprocess])
    for name, definition, _dimension, aliases in UNITS:
        reg.define(" = ".join((name, definition, *aliases)))
    return reg
