"""The units nhsplan knows, as plain data: the single source of truth for the pint registry.

Nothing here imports pint: the model reads canonical names and dimensions from these tables
when it is built, and :mod:`nhsplan.units._pint` defines the registry from the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

COUNTS: Final = (
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

IRREGULAR_PLURALS: Final[Mapping[str, str]] = MappingProxyType(
    {"person": "people", "breach": "breaches"}
)
_COUNT_ALIASES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {"person": ("head", "people"), "breach": ("breaches",)}
)

UNITS: Final[tuple[tuple[str, str, str, tuple[str, ...]], ...]] = (
    ("percent", "0.01", "", ("%",)),
    ("count", "[count]", "[count]", ()),
    *((name, "count", "[count]", _COUNT_ALIASES.get(name, ())) for name in COUNTS),
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
"""(name, pint definition, dimension, aliases) of every unit."""

DIMENSIONLESS: Final = "dimensionless"


def _build_aliases() -> Mapping[str, str]:
    aliases: dict[str, str] = {}
    for name, _definition, _dimension, others in UNITS:
        # pint reads a trailing "s" as a plural; mirror that for names longer than a letter.
        aliases |= {f"{n}s": name for n in (name, *others) if len(n) > 1 and n[-1] != "s"}
    for name, _definition, _dimension, others in UNITS:
        aliases |= dict.fromkeys((name, *others), name)
    aliases |= {"": DIMENSIONLESS, DIMENSIONLESS: DIMENSIONLESS, "£": "GBP"}
    return MappingProxyType(aliases)


ALIASES: Final = _build_aliases()
"""Every simple unit spelling, mapped to its canonical name: a lookup, so no parse is needed."""

DIMENSIONS: Final[Mapping[str, str]] = MappingProxyType(
    {name: dimension for name, _d, dimension, _a in UNITS} | {DIMENSIONLESS: ""}
)
"""The dimension of each canonical simple unit."""

KNOWN: Final = tuple(sorted(DIMENSIONS, key=str.lower))
"""The canonical names, listed in error messages."""
