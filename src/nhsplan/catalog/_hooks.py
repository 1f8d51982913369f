"""The converter's structure and unstructure hooks, one per type (private).

Each hook is strict where cattrs would be lenient (``5`` is not text, ``"12"`` not a number,
``"hello"`` not a list) and says what it expected with an example, so a mistake in a guidance
file is reported beside the record's other problems. :mod:`nhsplan.catalog.serialise`
registers them on its converter.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, get_args, get_origin

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.dispatch import StructureHook

from nhsplan import units
from nhsplan.calendar import FinancialYear, Half, Month, Period, Quarter, parse_period
from nhsplan.errors import _shown
from nhsplan.model import Citation, Deadline, unit_name
from nhsplan.model.enums import OrgType
from nhsplan.model.formats import read_iso_date
from nhsplan.units import quantity

__all__ = [
    "PERIOD_TYPES",
    "as_list",
    "citation_from_text",
    "deadline_hook",
    "is_enum",
    "is_homogeneous_tuple",
    "is_list",
    "is_org_type_set",
    "is_period_union",
    "period_hook",
    "strict_bool",
    "strict_float",
    "strict_int",
    "strict_sequence",
    "strict_str",
    "structure_amount",
    "structure_any_period",
    "structure_date",
    "structure_enum",
    "unit_hook",
    "unstructure_deadline",
]

PERIOD_TYPES: tuple[type[Any], ...] = (FinancialYear, Half, Quarter, Month)
"""The period types a field may hold, each written as its canonical text."""


def strict_str(value: Any, _cls: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__} {_shown(value)}; quote it")
    return value


def strict_bool(value: Any, _cls: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(
            f"expected true or false, got {type(value).__name__} {_shown(value)}; "
            "for example unconfirmed = true"
        )
    return value


def strict_int(value: Any, _cls: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"expected a whole number, got {type(value).__name__} {_shown(value)}; "
            "for example 3 (not '3' or true)"
        )
    return value


def strict_float(value: Any, _cls: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(
            f"expected a number, got {type(value).__name__} {_shown(value)}; "
            "for example 42.5 (not '42.5' or true)"
        )
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {_shown(value)}; for example 42.5")
    return number


def is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def is_list(tp: Any) -> bool:
    return get_origin(tp) is list


def strict_sequence(conv: cattrs.Converter, kind: type[Any]) -> Callable[[Any], StructureHook]:
    """A hook factory for ``tuple[X, ...]`` or ``list[X]`` that refuses text and tables.

    Without it, ``notes = "hello"`` becomes ``('h', 'e', 'l', 'l', 'o')`` and a table
    becomes the tuple of its keys.
    """
    make = homogenous_tuple_structure_factory if kind is tuple else list_structure_factory

    def factory(tp: Any) -> StructureHook:
        items = make(tp, conv)
        (item,) = get_args(tp)[:1]
        example = f"[{_ITEM_EXAMPLES.get(item, '...')}]"

        def hook(value: Any, cls: Any) -> Any:
            if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(
                value, list | tuple
            ):
                raise TypeError(
                    f"expected a list, got {type(value).__name__} {_shown(value)}; "
                    f"for example {example}"
                )
            return items(value, cls)

        return hook

    return factory


_ITEM_EXAMPLES: dict[Any, str] = {str: '"..."'}


def is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(repr(member.value) for member in cls)
        raise ValueError(f"{_shown(value)} is not one of {choices}") from None


def structure_date(value: Any, _cls: object) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise TypeError(
            f"expected an ISO date string, got {_shown(value)}; for example '2021-06-30'"
        )
    try:
        return read_iso_date(value)
    except ValueError:
        raise ValueError(f"{_shown(value)} is not an ISO date; for example '2021-06-30'") from None


def period_hook(cls: type[Any]) -> Callable[[Any, object], Any]:
    def hook(value: Any, _cls: object) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            raise TypeError(
                f"expected period text, got {_shown(value)}; for example {_EXAMPLES[cls]!r}"
            )
        return cls.parse(value)

    return hook


_EXAMPLES: dict[type[Any], str] = {
    FinancialYear: "2021/22",
    Half: "2021/22 H1",
    Quarter: "2021/22 Q3",
    Month: "2021-11",
}


def is_period_union(tp: Any) -> bool:
    """True for ``Period`` and ``Period | None``."""
    args = set(get_args(tp)) - {type(None)}
    return args == set(PERIOD_TYPES)


def is_org_type_set(tp: Any) -> bool:
    return bool(tp == frozenset[OrgType])


def structure_any_period(value: Any, cls: Any) -> Period | None:
    if value is None and type(None) in get_args(cls):
        return None
    if isinstance(value, PERIOD_TYPES):
        return value  # type: ignore[no-any-return]
    if not isinstance(value, str):
        raise TypeError(f"expected period text, got {_shown(value)}; for example '2021/22 Q3'")
    return parse_period(value)


def structure_amount(value: Any, _cls: object) -> units.Quantity:
    if units.is_quantity(value) or isinstance(value, str):
        return quantity(value)
    if isinstance(value, Mapping) and set(value) == {"magnitude", "unit"}:
        return quantity(value["magnitude"], value["unit"])
    raise TypeError(f"expected a quantity such as '75%' or '£120m', got {_shown(value)}")


def unit_hook(value: Any, _cls: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a unit name such as 'percent', got {_shown(value)}")
    return unit_name(value)


def citation_from_text(text: str) -> Citation:
    """Read the short form ``"001_b4880168b3d542f5.txt §C2"`` (``[unconfirmed]`` may follow)."""
    body = text.strip()
    unconfirmed = body.endswith("[unconfirmed]")
    if unconfirmed:
        body = body.removesuffix("[unconfirmed]").rstrip()
    source, sep, section = body.partition(" §")
    return Citation(source=source, section=f"§{section}" if sep else "", unconfirmed=unconfirmed)


def unstructure_deadline(d: Deadline) -> dict[str, str]:
    out = {"words": d.words, "year": str(d.year)}
    if d.published is not None:
        out["published"] = d.published.isoformat()
    return out


def deadline_hook(
    year: FinancialYear | None, published: date | None = None
) -> Callable[[Any, object], Deadline]:
    def hook(value: Any, _cls: object) -> Deadline:
        if isinstance(value, Deadline):
            return value
        if isinstance(value, str):
            if year is None:
                raise TypeError(
                    f"deadline {_shown(value)} needs a year; for example "
                    "{words = 'by end of Q1', year = '2021/22'}"
                )
            return Deadline(words=value, year=year, published=published)
        if isinstance(value, Mapping):
            extra = set(value) - {"words", "year", "published"}
            if extra or "words" not in value:
                raise ValueError(
                    f"a deadline has keys 'words' and 'year' (got {sorted(value)}); for example "
                    "{words = 'by end of Q1', year = '2021/22'}"
                )
            fy = FinancialYear.parse(value["year"]) if "year" in value else year
            if fy is None:
                raise TypeError(f"deadline {value['words']!r} needs a year, e.g. '2021/22'")
            day = structure_date(value["published"], date) if "published" in value else published
            return Deadline(words=value["words"], year=fy, published=day)
        raise TypeError(f"expected deadline words such as 'by end of Q1', got {_shown(value)}")

    return hook


def as_list(value: Any) -> list[Any]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise TypeError(f"expected a list of organisation types, got {_shown(value)}")
    return list(value)
