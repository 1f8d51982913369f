"""Units for NHS figures: percentages, counts, FTE, money and time.

nhsplan keeps one small pint registry that knows only the units NHS planning figures use. It is
built the first time a function needs it, so ``import nhsplan`` does not import pint.

>>> q = quantity("£6.6bn")
>>> q.magnitude, f"{q.units}"
(6600000000.0, 'GBP')
>>> print(convert(quantity("90 minutes"), "hour"))
1.5 hour
>>> canonical_unit("%"), canonical_unit("fte"), canonical_unit("£ per head")
('percent', 'FTE', 'GBP / person')

:class:`Amount` holds a magnitude and a canonical unit name without pint, for the model:

>>> a = Amount.parse("15.5k FTE")
>>> a
Amount(magnitude=15500.0, unit='FTE')
>>> str(a), a.format()
('15500 FTE', '15,500 FTE')

Units of different dimensions never mix:

>>> compare(quantity("1 FTE"), quantity("£1"))
Traceback (most recent call last):
...
nhsplan.errors.UnitMismatchError: cannot compare or convert '1 FTE' with '1 GBP': ...
"""

from __future__ import annotations

import functools
import math
import numbers
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, SupportsFloat

import attrs

from nhsplan.errors import (
    InvalidValueError,
    QuantityParseError,
    UnitMismatchError,
    UnknownUnitError,
)

if TYPE_CHECKING:
    import pint

__all__ = [
    "Amount",
    "canonical_unit",
    "compare",
    "convert",
    "parse_unit",
    "quantity",
    "registry",
    "same_dimension",
]

# --- the units ---------------------------------------------------------------------------------

_COUNTS: Final = (
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
)
"""Things NHS figures count. Each is one ``count``: labels for readability, one dimension."""

_IRREGULAR_PLURALS: Final[Mapping[str, str]] = MappingProxyType(
    {"person": "people", "breach": "breaches"}
)
_COUNT_ALIASES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {"person": ("head", "people"), "breach": ("breaches",)}
)

# (name, pint definition, dimension, aliases). The single source of truth: the pint registry
# and the pint-free lookups below (canonical names, dimensions) are both built from it.
_UNITS: Final[tuple[tuple[str, str, str, tuple[str, ...]], ...]] = (
    ("percent", "0.01", "", ("%",)),
    ("count", "[count]", "[count]", ()),
    *((name, "count", "[count]", _COUNT_ALIASES.get(name, ())) for name in _COUNTS),
    ("FTE", "[workforce]", "[workforce]", ("fte", "wte", "WTE")),
    ("GBP", "[money]", "[money]", ()),
    ("second", "[time]", "[time]", ("s", "sec")),
    ("minute", "60 second", "[time]", ("min",)),
    ("hour", "60 minute", "[time]", ("h", "hr")),
    ("day", "24 hour", "[time]", ("d",)),
    ("week", "7 day", "[time]", ("wk",)),
    ("year", "365.25 day", "[time]", ("yr",)),
    ("month", "year / 12", "[time]", ()),
)

_DIMENSIONLESS: Final = "dimensionless"


def _build_aliases() -> Mapping[str, str]:
    aliases: dict[str, str] = {}
    for name, _definition, _dimension, others in _UNITS:
        # pint reads a trailing "s" as a plural; mirror that for names longer than a letter.
        aliases |= {f"{n}s": name for n in (name, *others) if len(n) > 1 and n[-1] != "s"}
    for name, _definition, _dimension, others in _UNITS:
        aliases |= dict.fromkeys((name, *others), name)
    aliases |= {"": _DIMENSIONLESS, _DIMENSIONLESS: _DIMENSIONLESS, "£": "GBP"}
    return MappingProxyType(aliases)


_ALIASES: Final = _build_aliases()
"""Every simple unit spelling nhsplan knows, mapped to its canonical name (no pint needed)."""

_DIMENSIONS: Final[Mapping[str, str]] = MappingProxyType(
    {name: dimension for name, _d, dimension, _a in _UNITS} | {_DIMENSIONLESS: ""}
)
"""The dimension of each canonical simple unit."""

_KNOWN: Final = tuple(sorted(_DIMENSIONS, key=str.lower))


@functools.cache
def registry() -> pint.UnitRegistry[float]:
    """The pint registry of NHS units, built once on first use.

    It starts empty (no pint default definitions) and defines only: ``percent`` (``%``); the
    count units, all in one ``[count]`` dimension so that numerators and denominators divide to
    a proportion; ``FTE`` (``[workforce]``); ``GBP`` (``[money]``); and time from ``second``
    to ``year``. A ``year`` is 365.25 days and a ``month`` is a twelfth of a year: calendar
    month arithmetic lives in :mod:`nhsplan.calendar`.

    Returns:
        The shared registry. Do not define further units on it.

    >>> registry() is registry()
    True
    """
    import pint  # noqa: PLC0415 - pint is imported lazily to keep `import nhsplan` cheap

    reg: pint.UnitRegistry[float] = pint.UnitRegistry(
        None, cache_folder=None, on_redefinition="raise"
    )
    for name, definition, _dimension, aliases in _UNITS:
        reg.define(" = ".join((name, definition, *aliases)))
    return reg


# --- reading unit expressions ------------------------------------------------------------------


class _UnitSyntaxError(Exception):
    """Internal: a unit expression that is not well formed. Never escapes this module."""


_PER_CENT = re.compile(r"\bper\s+cent\b", re.IGNORECASE)
_TOKEN = re.compile(
    r"\s*(?:(?P<name>[A-Za-z_]+)|(?P<symbol>[%£])|(?P<power>\*\*|\^)|(?P<op>[*/])"
    r"|(?P<paren>[()])|(?P<int>[-+]?\d+))",
    re.ASCII,
)
_SYMBOLS: Final[Mapping[str, str]] = MappingProxyType({"%": "percent", "£": "GBP"})


def _lex(text: str) -> Iterator[tuple[str, str]]:
    """Split a unit expression into (kind, token) pairs; ``per`` is read as ``/``."""
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise _UnitSyntaxError(f"unexpected {text[pos:].strip()[:1]!r}")
        pos = match.end()
        kind = match.lastgroup or ""
        token = match.group(kind)
        yield ("op", "/") if kind == "name" and token.lower() == "per" else (kind, token)


@attrs.define
class _UnitReader:
    """Checks the grammar of a unit expression, token by token, and collects pint-ready tokens.

    The grammar: unit names joined by ``*``, ``/`` or ``per``, each optionally raised to an
    integer power (``**`` or ``^``), with parentheses; ``1 / week`` and a leading ``per week``
    are a reciprocal. Two names side by side (``%%``, ``patient day``) are refused.
    """

    out: list[str] = attrs.Factory(list)
    names: list[str] = attrs.Factory(list)
    expect: str = "factor"  # or "exponent", "after" (a factor), "powered" (after an exponent)
    depth: int = 0

    def read(self, kind: str, token: str) -> None:
        if self.expect == "factor":
            self._factor(kind, token)
        elif self.expect == "exponent":
            if kind != "int":
                raise _UnitSyntaxError(f"expected a whole-number power, found {token!r}")
            self.out += ["**", token]
            self.expect = "powered"
        else:
            self._after(kind, token)

    def _factor(self, kind: str, token: str) -> None:
        if kind in ("name", "symbol"):
            name = _SYMBOLS.get(token, token)
            self.out.append(name)
            self.names.append(name)
            self.expect = "after"
        elif kind == "int" and token == "1":
            self.out.append(token)
            self.expect = "after"
        elif kind == "paren" and token == "(":
            self.out.append(token)
            self.depth += 1
        elif kind == "op" and token == "/" and not self.out:
            self.out += ["1", "/"]
        else:
            raise _UnitSyntaxError(f"expected a unit name, found {token!r}")

    def _after(self, kind: str, token: str) -> None:
        if kind == "power" and self.expect == "after":
            self.expect = "exponent"
        elif kind == "op":
            self.out.append(token)
            self.expect = "factor"
        elif kind == "paren" and token == ")" and self.depth:
            self.out.append(token)
            self.depth -= 1
        elif kind in ("name", "symbol"):
            msg = f"{token!r} follows another unit with no '*' or '/' between them"
            raise _UnitSyntaxError(msg)
        else:
            raise _UnitSyntaxError(f"unexpected {token!r}")

    def finish(self) -> tuple[list[str], list[str]]:
        if self.out and (self.expect in ("factor", "exponent") or self.depth):
            raise _UnitSyntaxError("the unit expression is incomplete")
        return self.out, self.names


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """Check a unit expression; return its pint-ready tokens and the unit names in it."""
    reader = _UnitReader()
    for kind, token in _lex(_PER_CENT.sub("percent", text).strip()):
        reader.read(kind, token)
    return reader.finish()


def _parse(text: str, *, where: str | None) -> pint.Unit:
    """Parse a unit expression; raise _UnitSyntaxError or UnknownUnitError."""
    import pint  # noqa: PLC0415 - lazily, see registry()

    tokens, names = _tokens(text)
    reg = registry()
    for name in names:
        if name not in _ALIASES and not reg.parse_unit_name(name):
            raise UnknownUnitError(name, known=_KNOWN, where=where)
    try:
        return reg.parse_units(" ".join(tokens) or _DIMENSIONLESS)
    except pint.errors.PintError:
        raise UnknownUnitError(text, known=_KNOWN, where=where) from None


def _unit_text(unit: object) -> str:
    return f"{unit:D}"


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
    try:
        return _parse(text, where=where)
    except _UnitSyntaxError:
        raise UnknownUnitError(text, known=_KNOWN, where=where) from None


def canonical_unit(text: str) -> str:
    """The canonical name of a unit: the one :class:`Amount` stores and prints.

    Simple names are looked up without pint; expressions go through :func:`parse_unit`.

    Args:
        text: a unit name, alias, symbol or expression.

    Returns:
        The canonical spelling; applying it twice changes nothing.

    Raises:
        UnknownUnitError: as :func:`parse_unit`.

    >>> tuple(canonical_unit(u) for u in ("%", "£", "fte", "hrs", "head", ""))
    ('percent', 'GBP', 'FTE', 'hour', 'person', 'dimensionless')
    """
    simple = _ALIASES.get(text.strip())
    if simple is not None:
        return simple
    quotient = _simple_quotient(text)
    if quotient is not None:
        return f"{quotient[0]} / {quotient[1]}"
    return _unit_text(parse_unit(text))


_QUOTIENT = re.compile(r"\s*(?P<top>.+?)\s*(?:/|\bper\b)\s*(?P<bottom>.+?)\s*")


def _simple_quotient(text: str) -> tuple[str, str] | None:
    """``(top, bottom)`` canonical names for "£ per head"-style units, read without pint.

    Only quotients of two simple units of different, non-empty dimensions, which pint prints
    as ``"top / bottom"`` unchanged (a test checks every such pair against pint); anything
    else (``patient / bed`` would cancel) is left to pint.
    """
    match = _QUOTIENT.fullmatch(text)
    if match is None:
        return None
    top, bottom = _ALIASES.get(match["top"]), _ALIASES.get(match["bottom"])
    if top is None or bottom is None:
        return None
    top_dim, bottom_dim = _DIMENSIONS.get(top), _DIMENSIONS.get(bottom)
    if not top_dim or not bottom_dim or top_dim == bottom_dim:
        return None
    return top, bottom


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
    da, db = _dimension_key(ca), _dimension_key(cb)
    if da is not None and db is not None:
        return da == db
    return bool(parse_unit(ca).dimensionality == parse_unit(cb).dimensionality)


def _dimension_key(canonical: str) -> tuple[str, str] | None:
    """A pint-free dimension for a simple unit or simple quotient; None for anything else."""
    if canonical in _DIMENSIONS:
        return (_DIMENSIONS[canonical], "")
    quotient = _simple_quotient(canonical)
    if quotient is None:
        return None
    return (_DIMENSIONS[quotient[0]], _DIMENSIONS[quotient[1]])


# --- reading quantities ------------------------------------------------------------------------

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
_SCALES: Final[Mapping[str, int]] = MappingProxyType(
    {"k": 3, "thousand": 3, "m": 6, "million": 6, "bn": 9, "billion": 9}
)
_EXAMPLE: Final = "75%"
_MONEY_EXAMPLE: Final = "£6.6bn"


def _parse_error(
    text: str, reason: str, *, where: str | None, example: str = _EXAMPLE
) -> QuantityParseError:
    return QuantityParseError(
        text, expected="a quantity", example=example, where=where, reason=reason
    )


def _split(text: str, *, where: str | None) -> tuple[float, str]:
    """Read quantity text into a finite magnitude and a (not yet canonical) unit expression."""
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
    simple = _ALIASES.get(unit)
    if simple is not None:
        return simple
    quotient = _simple_quotient(unit)
    if quotient is not None:
        return f"{quotient[0]} / {quotient[1]}"
    try:
        return _unit_text(_parse(unit, where=where))
    except _UnitSyntaxError as exc:
        raise _parse_error(text, str(exc), where=where) from None


def quantity(
    value: str | float | int, unit: str | None = None, *, where: str | None = None
) -> pint.Quantity[float]:
    """Read a quantity: ``"75%"``, ``"£6.6bn"``, ``"15,500 FTE"``, ``"62 days"``, ``"0.92"``.

    Text may have a sign, a ``£`` before the number, thousands separators, an exponent, a scale
    (``k``, ``m``, ``bn``, ``thousand``, ``million``, ``billion``) and a unit expression
    (``"£3 per head"``, ``"40 appointments per week"``). A bare number is dimensionless.

    Args:
        value: the text, or a number.
        unit: if given, the unit of a bare number; text that carries its own unit is converted
            to this one.
        where: where the value came from, for error messages.

    Returns:
        A pint quantity in :func:`registry` with a float magnitude.

    Raises:
        QuantityParseError: the text is not a quantity (``"abc"``, ``"£"``, ``"75%%"``).
        UnknownUnitError: a unit name nhsplan does not know.
        UnitMismatchError: *value* has a unit that does not convert to *unit*.

    >>> quantity("50 million appointments")
    <Quantity(50000000.0, 'appointment')>
    >>> quantity(75, "percent")
    <Quantity(75.0, 'percent')>
    """
    if isinstance(value, str):
        magnitude, text_unit = _split(value, where=where)
        canonical = _canonical_in(value, text_unit, where=where)
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        magnitude, text_unit, canonical = float(value), "", _DIMENSIONLESS
        if not math.isfinite(magnitude):
            raise _parse_error(repr(value), "not a finite number", where=where)
    else:
        raise _parse_error(repr(value), "neither a number nor text", where=where)
    reg = registry()
    if unit is not None and not text_unit:
        return reg.Quantity(magnitude, parse_unit(unit, where=where))
    q = reg.Quantity(magnitude, _parse(canonical, where=where))
    return q if unit is None else convert(q, unit, where=where)


def _own(q: pint.Quantity[float]) -> pint.Quantity[float]:
    """*q* as a quantity of nhsplan's registry (re-reading units from another registry)."""
    import pint  # noqa: PLC0415 - lazily, see registry()

    reg = registry()
    if isinstance(q, reg.Quantity):
        return q
    if not isinstance(q, pint.Quantity):
        msg = f"expected a pint Quantity, got {type(q).__name__}"
        raise TypeError(msg)
    return reg.Quantity(q.magnitude, parse_unit(_unit_text(q.units)))


def _describe(q: pint.Quantity[float]) -> str:
    try:
        return _exact_text(float(q.magnitude), _unit_text(q.units))
    except (TypeError, ValueError):
        return str(q)


def convert(
    q: pint.Quantity[float], unit: str, *, where: str | None = None
) -> pint.Quantity[float]:
    """Convert *q* to *unit*.

    Args:
        q: a quantity, usually from :func:`quantity`.
        unit: the unit to convert to.
        where: where the quantity came from, for error messages.

    Returns:
        The same amount expressed in *unit*.

    Raises:
        UnitMismatchError: *unit* is of another dimension (FTE to GBP).
        UnknownUnitError: as :func:`parse_unit`.

    >>> convert(quantity("0.92"), "%")
    <Quantity(92.0, 'percent')>
    """
    import pint  # noqa: PLC0415 - lazily, see registry()

    q = _own(q)
    target = parse_unit(unit, where=where)
    try:
        return q.to(target)
    except pint.errors.DimensionalityError:
        raise UnitMismatchError(_describe(q), _unit_text(target), where=where) from None


def compare(a: pint.Quantity[float], b: pint.Quantity[float], *, where: str | None = None) -> int:
    """Compare two quantities of the same dimension: -1 if *a* < *b*, 0 if equal, else 1.

    Raises:
        UnitMismatchError: *a* and *b* are of different dimensions.

    >>> compare(quantity("90 min"), quantity("1.5 h")), compare(quantity("92%"), quantity("0.9"))
    (0, 1)
    """
    a, b = _own(a), _own(b)
    if a.dimensionality != b.dimensionality:
        raise UnitMismatchError(_describe(a), _describe(b), where=where)
    left = float(a.magnitude)
    right = float(convert(b, _unit_text(a.units), where=where).magnitude)
    return (left > right) - (left < right)


# --- Amount ------------------------------------------------------------------------------------


def _exact_number(x: float) -> str:
    """The shortest text that reads back as exactly *x*."""
    return str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)


def _exact_text(magnitude: float, unit: str) -> str:
    number = _exact_number(magnitude)
    if unit == _DIMENSIONLESS:
        return number
    if unit == "percent":
        return f"{number} %"
    if unit.startswith("1 / "):
        return f"{number} {unit[2:]}"
    return f"{number} {unit}"


def _finite_float(value: SupportsFloat) -> float:
    if isinstance(value, bool) or not isinstance(value, SupportsFloat):
        raise InvalidValueError(
            f"{value!r} is not a number", field="magnitude", example="Amount(75, 'percent')"
        )
    number = float(value)
    if not math.isfinite(number):
        raise InvalidValueError(
            f"{value!r} is not a finite number",
            field="magnitude",
            example="Amount(75, 'percent')",
        )
    return number


def _unit_field(value: str) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(
            f"{value!r} is not a unit name", field="unit", example="Amount(75, 'percent')"
        )
    return canonical_unit(value)


def _plural(name: str, magnitude: float) -> str:
    if magnitude == 1 or _DIMENSIONS.get(name) not in ("[count]", "[time]"):
        return name
    return _IRREGULAR_PLURALS.get(name, f"{name}s")


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
    if unit == _DIMENSIONLESS:
        return _human_number(m)
    return f"{_human_number(m)} {_plural(unit, m)}"


@attrs.frozen(kw_only=False)
class Amount:
    """A magnitude with a unit, stored without pint so the model imports cheaply.

    The unit is kept by its canonical name (``Amount(75, "%") == Amount(75, "percent")``);
    count units keep their label (``patient``, ``referral``) for readability.
    ``str`` gives exact text that :meth:`parse` reads back; :meth:`format` gives text for people.

    >>> Amount(75, "%")
    Amount(magnitude=75.0, unit='percent')
    >>> str(Amount.parse("£6.6bn")), Amount.parse("£6.6bn").format()
    ('6600000000 GBP', '£6.6bn')

    Attributes:
        magnitude: a finite number.
        unit: the canonical unit name (see :func:`canonical_unit`).
    """

    magnitude: float = attrs.field(converter=_finite_float)
    unit: str = attrs.field(converter=_unit_field)

    @classmethod
    def parse(cls, text: str, *, where: str | None = None) -> Amount:
        """Read an amount from text, as :func:`quantity` does (``"75%"``, ``"£120m"``).

        Simple units are read without importing pint.

        Raises:
            QuantityParseError: the text is not a quantity.
            UnknownUnitError: a unit name nhsplan does not know.

        >>> Amount.parse("£3 per head")
        Amount(magnitude=3.0, unit='GBP / person')
        """
        magnitude, unit = _split(text, where=where)
        return cls(magnitude, _canonical_in(text, unit, where=where))

    def __str__(self) -> str:
        return _exact_text(self.magnitude, self.unit)

    def to_quantity(self) -> pint.Quantity[float]:
        """This amount as a pint quantity in :func:`registry`.

        >>> Amount(62, "day").to_quantity()
        <Quantity(62.0, 'day')>
        """
        return registry().Quantity(self.magnitude, parse_unit(self.unit))

    @classmethod
    def from_quantity(cls, q: pint.Quantity[float]) -> Amount:
        """The amount of a scalar pint quantity.

        Raises:
            InvalidValueError: the magnitude is not a finite scalar.
            UnknownUnitError: the unit is not one nhsplan knows.

        >>> Amount.from_quantity(quantity("2 hours"))
        Amount(magnitude=2.0, unit='hour')
        """
        try:
            magnitude = float(q.magnitude)
        except (TypeError, ValueError):
            raise InvalidValueError(
                f"{q!r} is not a single number",
                field="magnitude",
                example="quantity('75%')",
            ) from None
        return cls(magnitude, _unit_text(q.units))

    def to(self, unit: str) -> Amount:
        """This amount converted to *unit*.

        Raises:
            UnitMismatchError: *unit* is of another dimension.
            UnknownUnitError: as :func:`parse_unit`.

        >>> Amount(0.92, "dimensionless").to("%")
        Amount(magnitude=92.0, unit='percent')
        """
        target = canonical_unit(unit)
        if target == self.unit:
            return self
        if _DIMENSIONS.get(target) == _DIMENSIONS.get(self.unit) == "[count]":
            return Amount(self.magnitude, target)  # every count unit is one count
        return Amount(convert(self.to_quantity(), target).magnitude, target)

    def format(self) -> str:
        """Text for people: ``"75%"``, ``"£6.6bn"``, ``"15,500 FTE"``, ``"62 days"``.

        Rounded for reading (two decimal places); use ``str()`` for exact text.

        >>> tuple(Amount.parse(t).format() for t in ("£120m", "1 day", "£3 per head", "0.92"))
        ('£120m', '1 day', '£3 per person', '0.92')
        """
        m, unit = self.magnitude, self.unit
        if unit in _DIMENSIONS:
            return _human_simple(m, unit)
        top, _, bottom = unit.partition(" / ")
        if bottom in _DIMENSIONS and (top == "1" or top in _DIMENSIONS):
            head = _human_number(m) if top == "1" else _human_simple(m, top)
            return f"{head} per {bottom}"
        return f"{_human_number(m)} {unit}"
