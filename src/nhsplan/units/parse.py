"""Reading units and quantities with pint, and converting and comparing them.

pint parses every unit expression (``"£ per head"``, ``"appointments per week"``,
``"week^-1"``); nhsplan adds only what pint does not read by itself: ``£`` and ``per cent``
(registry preprocessors), and, for quantity text, a number with thousands separators and a
``k``/``m``/``bn`` scale. Two unit names side by side (``"%%"``, ``"patient day"``) are refused
rather than multiplied, as pint would.
"""

from __future__ import annotations

import functools
import math
import numbers
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from nhsplan.errors import QuantityParseError, UnitMismatchError, UnknownUnitError, _shown
from nhsplan.units._table import ALIASES, DIMENSIONLESS, DIMENSIONS, KNOWN
from nhsplan.units.text import exact_text

if TYPE_CHECKING:
    import pint

    from nhsplan.units._pint import NhsRegistry, Quantity

__all__ = [
    "canonical_unit",
    "compare",
    "convert",
    "is_quantity",
    "parse_unit",
    "quantities",
    "quantity",
    "registry",
    "same_dimension",
]


@functools.cache
def registry() -> NhsRegistry:
    """The pint registry of NHS units, built once on first use.

    It starts empty (no pint default definitions) and defines only: ``percent`` (``%``); the
    count units, all in one ``[count]`` dimension so that numerators and denominators divide to
    a proportion; ``FTE`` (``[workforce]``); ``GBP`` (``[money]``); and time from ``second``
    to ``year``. A ``year`` is 365.25 days and a ``month`` is a twelfth of a year: calendar
    month arithmetic lives in :mod:`nhsplan.calendar`. Its quantities are
    :class:`nhsplan.units.Quantity`, a :class:`pint.Quantity`.

    Returns:
        The shared registry. Do not define further units on it.

    >>> registry() is registry()
    True
    """
    from nhsplan.units._pint import build_registry  # noqa: PLC0415 - imports pint: lazily

    return build_registry()


def _unit_text(unit: object) -> str:
    from nhsplan.units._pint import unit_text  # noqa: PLC0415 - imports pint: lazily

    return unit_text(unit)


# --- units -------------------------------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z_]+")
_SIDE_BY_SIDE = re.compile(r"[A-Za-z_)]\s+[A-Za-z_(]")
_SYMBOLS = re.compile(r"%|£")
# pint's text preprocessor backtracks over a run of digits in time quadratic in its length
# (0.4 s for the 4,300 digits of a pasted number); no unit expression holds so long a number.
_LONG_NUMBER = re.compile(r"\d{50}")


def _parse(text: str, *, where: str | None) -> pint.Unit:
    """Parse a unit expression with pint; raise UnknownUnitError for anything it is not."""
    try:
        return _parse_cached(text)
    except UnknownUnitError as exc:
        raise UnknownUnitError(exc.unit, known=KNOWN, where=where) from None


@functools.lru_cache(maxsize=1024)
def _parse_cached(text: str) -> pint.Unit:
    """:func:`_parse`, remembered.

    Units are immutable, and the same few are read again and again (every figure of a file,
    every conversion).
    """
    where = None
    reg = registry()
    spelled = _SYMBOLS.sub(lambda m: " percent " if m[0] == "%" else " GBP ", text)
    for preprocess in reg.preprocessors:
        spelled = preprocess(spelled)
    if _SIDE_BY_SIDE.search(spelled.strip()) or _LONG_NUMBER.search(spelled):
        raise UnknownUnitError(text, known=KNOWN, where=where)
    for name in _NAME.findall(spelled):
        if name not in ALIASES and not reg.parse_unit_name(name):
            raise UnknownUnitError(name, known=KNOWN, where=where)
    try:
        return reg.parse_units(spelled.strip() or DIMENSIONLESS)
    except Exception:
        raise UnknownUnitError(text, known=KNOWN, where=where) from None


def parse_unit(text: str, *, where: str | None = None) -> pint.Unit:
    """Read a unit expression such as ``"percent"``, ``"%"``, ``"£ per head"``, ``"hours"``.

    Args:
        text: a unit name, alias or plural, or an expression of them joined by ``*``, ``/``,
            ``per`` and ``**``.
        where: where the text came from, for error messages.

    Returns:
        The pint unit, in :func:`registry`.

    Raises:
        UnknownUnitError: *text* names a unit nhsplan does not know, or is not a unit
            expression (``"%%"``).

    >>> parse_unit("appointments per week")
    <Unit('appointment / week')>
    """
    if not isinstance(text, str):
        raise UnknownUnitError(_shown(text), known=KNOWN, where=where)
    return _parse(text, where=where)


def canonical_unit(text: str) -> str:
    """The canonical name of a unit: the one :attr:`Quantity.unit` gives.

    Simple names are looked up in a table; expressions are parsed by pint.

    Raises:
        UnknownUnitError: as :func:`parse_unit`.

    >>> tuple(canonical_unit(u) for u in ("%", "£", "fte", "hrs", "head", ""))
    ('percent', 'GBP', 'FTE', 'hour', 'person', 'dimensionless')
    """
    if isinstance(text, str):
        simple = ALIASES.get(text.strip())
        if simple is not None:
            return simple
    return _unit_text(parse_unit(text))


def same_dimension(a: str, b: str) -> bool:
    """Whether units *a* and *b* convert into each other.

    Raises:
        UnknownUnitError: as :func:`parse_unit`.

    >>> same_dimension("patient", "referral"), same_dimension("FTE", "GBP")
    (True, False)
    >>> same_dimension("%", "dimensionless"), same_dimension("day", "month")
    (True, True)
    """
    ca, cb = canonical_unit(a), canonical_unit(b)
    if ca in DIMENSIONS and cb in DIMENSIONS:
        return DIMENSIONS[ca] == DIMENSIONS[cb]
    return bool(parse_unit(ca).dimensionality == parse_unit(cb).dimensionality)


# --- quantities --------------------------------------------------------------------------------

_QUANTITY = re.compile(
    r"""
    \s*(?P<sign>[-+])?
    \s*(?P<currency>£)?
    \s*(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)
    (?P<exponent>[eE][-+]?\d+)?
    \s*(?:(?P<scale>(?i:k|m|bn|thousand|million|billion))(?![A-Za-z]))?
    (?P<unit>.*)
    """,
    re.ASCII | re.VERBOSE | re.DOTALL,
)
_SCALES: Final = {"k": 3, "thousand": 3, "m": 6, "million": 6, "bn": 9, "billion": 9}
_EXAMPLE: Final = "75%"
_MONEY_EXAMPLE: Final = "£6.6bn"


def _parse_error(
    text: str, reason: str, *, where: str | None, example: str = _EXAMPLE
) -> QuantityParseError:
    return QuantityParseError(
        text, expected="a quantity", example=example, where=where, reason=reason
    )


def split_quantity(text: str, *, where: str | None = None) -> tuple[float, str]:
    """Read quantity text into a finite magnitude and its unit text (``""`` for none).

    Raises:
        QuantityParseError: no number, a number too large, or a bad unit after ``£``.

    >>> split_quantity("£6.6bn"), split_quantity("15.5k FTE"), split_quantity("79")
    ((6600000000.0, 'GBP'), (15500.0, 'FTE'), (79.0, ''))
    """
    match = _QUANTITY.fullmatch(text)
    if match is None:
        example = _MONEY_EXAMPLE if "£" in text else _EXAMPLE
        raise _parse_error(text, "no number found", where=where, example=example)
    try:
        number = Decimal(match["number"].replace(",", "") + (match["exponent"] or ""))
        if match["scale"]:
            number = number.scaleb(_SCALES[match["scale"].lower()])
        magnitude = -float(number) if match["sign"] == "-" else float(number)
    except ArithmeticError:  # decimal's Overflow and InvalidOperation for absurd exponents
        magnitude = math.inf
    if not math.isfinite(magnitude):
        raise _parse_error(text, "the number is too large", where=where)
    unit = match["unit"].strip()
    if match["currency"]:
        if unit and not (unit.startswith("/") or unit.lower().startswith("per ")):
            raise _parse_error(
                text,
                "after an amount in pounds only 'per ...' may follow",
                where=where,
                example="£3 per head",
            )
        unit = f"GBP {unit}".strip()
    return magnitude, unit


def _canonical_in(text: str, unit: str, *, where: str | None) -> str:
    """Canonical name of the unit part *unit* of quantity text *text*."""
    simple = ALIASES.get(unit)
    if simple is not None:
        return simple
    try:
        return _unit_text(_parse(unit, where=where))
    except UnknownUnitError as exc:
        if exc.unit != unit or _NAME.fullmatch(unit.strip()):
            raise  # an unknown name: reported as such
        side_by_side = _SIDE_BY_SIDE.search(_SYMBOLS.sub(" x ", unit).strip())
        reason = (
            "two units follow each other with no '*' or '/' between them"
            if side_by_side
            else "not a unit expression"
        )
        raise _parse_error(text, reason, where=where) from None


def is_quantity(value: object) -> bool:
    """Whether *value* is a pint Quantity (of any registry), without importing pint."""
    return hasattr(value, "magnitude") and hasattr(value, "units") and hasattr(value, "to")


def _number(value: object, *, where: str | None) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise _parse_error(_shown(value), "neither a number nor text", where=where)
    try:
        magnitude = float(value)
    except (ArithmeticError, ValueError):
        magnitude = math.nan
    if not math.isfinite(magnitude):
        raise _parse_error(_shown(value), "not a finite number", where=where)
    return magnitude


def quantity(
    value: str | float | Decimal | pint.Quantity[float],
    unit: str | None = None,
    *,
    where: str | None = None,
) -> Quantity:
    """Read a quantity: ``"75%"``, ``"£6.6bn"``, ``"15,500 FTE"``, ``"62 days"``, ``"0.92"``.

    Text may have a sign, a ``£`` before the number, thousands separators, an exponent, a scale
    (``k``, ``m``, ``bn``, ``thousand``, ``million``, ``billion``) and a unit expression
    (``"£3 per head"``, ``"40 appointments per week"``). A bare number is dimensionless
    unless *unit* is given. A pint Quantity (of any registry) is re-read in nhsplan's.

    Args:
        value: text, a number (``int``, ``float``, ``Decimal``) or a pint Quantity.
        unit: if given, the unit of a bare number; a value that carries its own unit is
            converted to this one.
        where: where the value came from, for error messages.

    Returns:
        A :class:`~nhsplan.units.Quantity` (a pint Quantity) with a float magnitude.

    Raises:
        QuantityParseError: the value is not a quantity (``"abc"``, ``"£"``, ``"75%%"``,
            ``nan``, ``True``).
        UnknownUnitError: a unit name nhsplan does not know.
        UnitMismatchError: *value* has a unit that does not convert to *unit*.

    >>> quantity("50 million appointments")
    <Quantity(50000000.0, 'appointment')>
    >>> quantity(75, "percent")
    <Quantity(75.0, 'percent')>
    """
    reg = registry()
    if unit is not None and type(value) in (int, float):  # the common case, made quick
        return reg.Quantity(_number(value, where=where), parse_unit(unit, where=where))
    if isinstance(value, str):
        magnitude, text_unit = split_quantity(value, where=where)
        q = reg.Quantity(
            magnitude, _parse(_canonical_in(value, text_unit, where=where), where=where)
        )
        own_unit = bool(text_unit)
    elif is_quantity(value):
        q = _own(value, where=where)  # type: ignore[arg-type]
        own_unit = True
    else:
        q = reg.Quantity(_number(value, where=where), DIMENSIONLESS)
        own_unit = False
    if unit is None:
        return q
    if not own_unit:
        return reg.Quantity(q.magnitude, parse_unit(unit, where=where))
    return convert(q, unit, where=where)


_LAYOUT: Final = frozenset({"_magnitude", "_units"})
"""The attributes a pint Quantity of a plain number keeps (pint's own layout)."""


def quantities(magnitudes: Iterable[float], unit: str) -> list[Quantity]:
    """``[quantity(m, unit) for m in magnitudes]``, with *unit* read once: for many figures.

    Each is the Quantity :func:`quantity` gives: the same type, magnitude and unit. A finite
    float is given *unit* directly (pint's constructor checks the unit again for each one,
    which a column of a million figures pays for); anything else is read by :func:`quantity`.

    Raises:
        UnknownUnitError: as :func:`quantity`; and its errors for a magnitude it refuses.

    >>> quantities([86.6, 95.0], "percent")
    [<Quantity(86.6, 'percent')>, <Quantity(95.0, 'percent')>]
    """
    one = quantity(1.0, unit)
    if getattr(one, "__dict__", {}).keys() != _LAYOUT:  # another pint: build each its way
        return [quantity(m, unit) for m in magnitudes]
    made, units = type(one), one._units
    new = object.__new__
    out: list[Quantity] = []
    for m in magnitudes:
        if type(m) is float and math.isfinite(m):
            q = new(made)
            q._magnitude = m
            q._units = units
            out.append(q)
        else:
            out.append(quantity(m, unit))
    return out


def _own(q: pint.Quantity[float], *, where: str | None = None) -> Quantity:
    """*q* as a scalar float quantity of nhsplan's registry."""
    reg = registry()
    magnitude = q.magnitude
    if isinstance(q, reg.Quantity) and type(magnitude) is float and math.isfinite(magnitude):
        return q
    try:
        number = _number(magnitude, where=where)
    except QuantityParseError:
        raise _parse_error(
            _shown(q), "the magnitude is not a single finite number", where=where
        ) from None
    return reg.Quantity(number, parse_unit(_unit_text(q.units), where=where))


def _describe(q: pint.Quantity[float]) -> str:
    try:
        return exact_text(float(q.magnitude), _unit_text(q.units))
    except (TypeError, ValueError):
        return str(q)


def convert(q: pint.Quantity[float], unit: str, *, where: str | None = None) -> Quantity:
    """Convert *q* to *unit*.

    Raises:
        UnitMismatchError: *unit* is of another dimension (FTE to GBP).
        UnknownUnitError: as :func:`parse_unit`.
        TypeError: *q* is not a quantity.

    >>> convert(quantity("0.92"), "%")
    <Quantity(92.0, 'percent')>
    """
    if not is_quantity(q):
        msg = f"expected a pint Quantity, got {type(q).__name__}"
        raise TypeError(msg)
    own = _own(q, where=where)
    target = parse_unit(unit, where=where)
    if own.units == target:
        return own
    if own.dimensionality != target.dimensionality:
        raise UnitMismatchError(_describe(own), _unit_text(target), where=where)
    return own.to(target)


def compare(a: pint.Quantity[float], b: pint.Quantity[float], *, where: str | None = None) -> int:
    """Compare two quantities of the same dimension: -1 if *a* < *b*, 0 if equal, else 1.

    Raises:
        UnitMismatchError: *a* and *b* are of different dimensions.

    >>> compare(quantity("90 min"), quantity("1.5 h")), compare(quantity("92%"), quantity("0.9"))
    (0, 1)
    """
    a, b = _own(a, where=where), _own(b, where=where)
    if a.dimensionality != b.dimensionality:
        raise UnitMismatchError(_describe(a), _describe(b), where=where)
    left = float(a.magnitude)
    right = float(convert(b, a.unit, where=where).magnitude)
    return (left > right) - (left < right)
