"""Dict and JSON round-trip for every model class, through one configured cattrs converter.

Dates are ISO strings, periods their canonical text (``"2021/22 Q3"``), amounts their text
(``"75 %"``), enums their values, target kinds a tagged union keyed by ``kind``:

>>> from datetime import date
>>> from nhsplan.model import Citation, Comparison, ThresholdTarget
>>> from nhsplan.units import quantity
>>> t = ThresholdTarget(
...     id="general_acute_bed_occupancy", name="G&A bed occupancy",
...     metric="general_acute_bed_occupancy", comparison=Comparison.AT_MOST,
...     value=quantity(92, "percent"), citation=Citation(source="004_c7376a78e8be434d.txt"),
... )
>>> data = unstructure(t)
>>> data["kind"], data["value"], data["comparison"]
('threshold', '92 %', 'at_most')
>>> structure(data, Target) == t
True

Errors in the data are all reported at once, each with its key path:

>>> structure({"kind": "threshold", "id": "Bad Id", "name": "x"}, Target)
Traceback (most recent call last):
  ...
nhsplan.errors.StructureError: 4 problems:
  $.citation: required key missing
  ...
"""

from __future__ import annotations

import contextlib
import enum
import functools
import json
import math
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from datetime import date
from typing import Any, TypeVar, get_args, get_origin, overload

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.dispatch import StructureHook
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from nhsplan import units
from nhsplan.calendar import FinancialYear, Half, Month, Period, Quarter, parse_period
from nhsplan.errors import InvalidValueError, NhsplanError, StructureError, _shown
from nhsplan.model import (
    TARGET_KINDS,
    Alternative,
    Citation,
    Deadline,
    EliminationTarget,
    Metric,
    Target,
    to_org_types,
    unit_name,
)
from nhsplan.model.enums import OrgType
from nhsplan.model.formats import read_iso_date
from nhsplan.units import quantity

__all__ = [
    "document_converter",
    "from_json",
    "make_converter",
    "reading_document",
    "structure",
    "to_json",
    "unstructure",
]

T = TypeVar("T")

_KINDS: tuple[str, ...] = tuple(cls.KIND for cls in TARGET_KINDS)

_PERIOD_TYPES: tuple[type[Any], ...] = (FinancialYear, Half, Quarter, Month)


def make_converter(
    *, year: FinancialYear | None = None, published: date | None = None
) -> cattrs.Converter:
    """A new converter configured for nhsplan's model (never the global cattrs converter).

    Args:
        year: the financial year in which deadline words written as plain strings
            (``deadline = "by end of Q1"``) are read. Without it a deadline must be a table
            with ``words`` and ``year``.
        published: the document's publication date, from which such words are read
            ("over the next 2 months"; no window starts before it).
    """
    return _converter_with(_deadline_hook(year, published))


def _converter_with(deadline: Callable[[Any, object], Deadline]) -> cattrs.Converter:
    """A new converter, reading deadlines with the hook *deadline*."""
    conv = cattrs.Converter(forbid_extra_keys=True)

    # Shapes are strict: cattrs would turn 5 into "5", "12" into 12, True into 1 and "hello"
    # into ('h', 'e', 'l', 'l', 'o'); each of those is a mistake in a file, reported here.
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _strict_sequence(conv, tuple))
    conv.register_structure_hook_factory(_is_list, _strict_sequence(conv, list))

    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _structure_date)

    for cls in _PERIOD_TYPES:
        conv.register_unstructure_hook(cls, str)
        conv.register_structure_hook(cls, _period_hook(cls))
    conv.register_unstructure_hook_func(
        _is_period_union, lambda value: None if value is None else str(value)
    )
    conv.register_structure_hook_func(_is_period_union, _structure_any_period)

    conv.register_structure_hook_func(_is_enum, _structure_enum)

    conv.register_unstructure_hook(units.Quantity, str)
    conv.register_structure_hook(units.Quantity, _structure_amount)

    conv.register_unstructure_hook_func(
        _is_org_type_set, lambda value: sorted(t.value for t in value)
    )
    conv.register_structure_hook_func(
        _is_org_type_set, lambda value, _: to_org_types(_as_list(value))
    )

    conv.register_unstructure_hook(Deadline, _unstructure_deadline)
    conv.register_structure_hook(Deadline, deadline)

    citation_from_dict = make_dict_structure_fn(Citation, conv, _cattrs_forbid_extra_keys=True)
    conv.register_structure_hook(
        Citation,
        lambda value, cls: (
            _citation_from_text(value) if isinstance(value, str) else citation_from_dict(value, cls)
        ),
    )

    # Units are checked while structuring, beside every other field, so an unknown unit is
    # reported together with the record's other problems rather than after them.
    for cls in (Metric, EliminationTarget):
        conv.register_structure_hook(
            cls,
            make_dict_structure_fn(
                cls, conv, _cattrs_forbid_extra_keys=True, unit=override(struct_hook=_unit_hook)
            ),
        )

    conv.register_structure_hook(
        Alternative,
        make_dict_structure_fn(
            Alternative,
            conv,
            _cattrs_forbid_extra_keys=True,
            overrides=override(struct_hook=_structure_overrides),
        ),
    )
    conv.register_unstructure_hook(
        Alternative,
        make_dict_unstructure_fn(
            Alternative, conv, overrides=override(unstruct_hook=dict, omit_if_default=True)
        ),
    )
    # Fields added after the first editions are written only where set, so the files and
    # snapshots of targets that do not use them stay as they were.
    for cls in TARGET_KINDS:
        optional: dict[str, Any] = {
            name: override(omit_if_default=True)
            for name in _OMITTED_IF_DEFAULT
            if name in attrs.fields_dict(cls)
        }
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, conv, **optional))

    configure_tagged_union(Target, conv, tag_generator=_kind_tag, tag_name="kind")
    tagged = conv.get_structure_hook(Target)

    def structure_target(value: Any, cls: Any) -> Any:
        kind = value.get("kind") if isinstance(value, Mapping) else None
        if kind not in _KINDS:
            shown = "no 'kind'" if kind is None else f"unknown kind {_shown(kind)}"
            raise ValueError(f"{shown}; a target's kind is one of {', '.join(_KINDS)}")
        return tagged(value, cls)

    conv.register_structure_hook_func(lambda tp: tp == Target, structure_target)
    return conv


_OMITTED_IF_DEFAULT: tuple[str, ...] = ("same_as", "reading", "reach", "per")
"""Target fields written only where they differ from their default."""


def _structure_overrides(value: Any, _cls: object) -> dict[str, object]:
    """An alternative reading's overrides: a table of plain values, keyed by field name."""
    if not isinstance(value, Mapping):
        raise TypeError(
            f"expected a table, got {type(value).__name__} {_shown(value)}; "
            "for example { points = false }"
        )
    out: dict[str, object] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str | bool | int | float):
            raise TypeError(
                f"override {_shown(key)} must be a field name with a plain value, got "
                f"{_shown(item)}; for example {{ points = false }}"
            )
        out[key] = item
    return out


_DOCUMENT: ContextVar[tuple[FinancialYear | None, date | None]] = ContextVar(
    "nhsplan_document", default=(None, None)
)
"""The year and publication date of the document being read (see :func:`reading_document`)."""


@contextlib.contextmanager
def reading_document(year: FinancialYear | None, published: date | None) -> Iterator[None]:
    """Within the block, :func:`document_converter` reads deadline words in *year*.

    As ``make_converter(year=year, published=published)`` does: words such as "over the
    next 2 months" are read from *published*.
    """
    token = _DOCUMENT.set((year, published))
    try:
        yield
    finally:
        _DOCUMENT.reset(token)


def _document_deadline(value: Any, cls: object) -> Deadline:
    return _deadline_hook(*_DOCUMENT.get())(value, cls)


@functools.cache
def document_converter() -> cattrs.Converter:
    """The one converter for guidance documents of every year, built once.

    Within :func:`reading_document` it reads a document as ``make_converter(year=...,
    published=...)`` does. One converter for every edition: generating cattrs' structuring
    functions costs far more than reading a file (~60 ms a converter), and the editions
    differ only in the year and date deadline words are read in.
    """
    return _converter_with(_document_deadline)


def _default() -> cattrs.Converter:
    """The converter the module-level functions use when none is given (built once).

    Outside :func:`reading_document` the document converter reads as ``make_converter()``.
    """
    return document_converter()


def unstructure(obj: object, *, converter: cattrs.Converter | None = None) -> Any:
    """*obj* as plain dicts, lists, strings and numbers (JSON- and TOML-ready)."""
    conv = converter or _default()
    if isinstance(obj, TARGET_KINDS):
        return conv.unstructure(obj, Target)
    return conv.unstructure(obj)


@overload
def structure(
    data: Any,
    cls: type[T],
    *,
    converter: cattrs.Converter | None = None,
    source: str | None = None,
) -> T: ...


@overload
def structure(
    data: Any,
    cls: Any,
    *,
    converter: cattrs.Converter | None = None,
    source: str | None = None,
) -> Any: ...  # a union such as Target or Period


def structure(
    data: Any,
    cls: Any,
    *,
    converter: cattrs.Converter | None = None,
    source: str | None = None,
) -> Any:
    """Build a *cls* from *data*.

    Raises:
        StructureError: listing every problem with its key path (``$.targets[3].value``).
    """
    conv = converter or _default()
    try:
        result = conv.structure(data, cls)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        raise StructureError(_problems(exc), source=source) from None
    except NhsplanError as exc:  # raised by a validator of the top-level object itself
        if isinstance(exc, StructureError):
            raise
        raise StructureError([("$", str(exc))], source=source) from None
    except (TypeError, ValueError, KeyError) as exc:
        raise StructureError([("$", _describe(exc))], source=source) from None
    except RecursionError:
        raise StructureError([("$", _TOO_DEEP)], source=source) from None
    return result


_TOO_DEEP = "nested too deeply to read (lists or tables inside each other hundreds of times)"


def to_json(obj: object, *, indent: int | None = 2) -> str:
    """*obj* as JSON text."""
    return json.dumps(unstructure(obj), indent=indent, ensure_ascii=False)


@overload
def from_json(text: str, cls: type[T], *, source: str | None = None) -> T: ...


@overload
def from_json(text: str, cls: Any, *, source: str | None = None) -> Any: ...


def from_json(text: str, cls: Any, *, source: str | None = None) -> Any:
    """Build a *cls* from JSON text; invalid JSON is a StructureError too."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise StructureError([(where, f"invalid JSON: {exc.msg}")], source=source) from None
    return structure(data, cls, source=source)


# --- hooks ------------------------------------------------------------------------------------


def _strict_str(value: Any, _cls: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__} {_shown(value)}; quote it")
    return value


def _strict_bool(value: Any, _cls: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(
            f"expected true or false, got {type(value).__name__} {_shown(value)}; "
            "for example unconfirmed = true"
        )
    return value


def _strict_int(value: Any, _cls: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"expected a whole number, got {type(value).__name__} {_shown(value)}; "
            "for example 3 (not '3' or true)"
        )
    return value


def _strict_float(value: Any, _cls: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(
            f"expected a number, got {type(value).__name__} {_shown(value)}; "
            "for example 42.5 (not '42.5' or true)"
        )
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {_shown(value)}; for example 42.5")
    return number


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_list(tp: Any) -> bool:
    return get_origin(tp) is list


def _strict_sequence(conv: cattrs.Converter, kind: type[Any]) -> Callable[[Any], StructureHook]:
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


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(repr(member.value) for member in cls)
        raise ValueError(f"{_shown(value)} is not one of {choices}") from None


def _kind_tag(cls: type[Any]) -> str:
    tag: str = cls.KIND
    return tag


def _structure_date(value: Any, _cls: object) -> date:
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


def _period_hook(cls: type[Any]) -> Callable[[Any, object], Any]:
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


def _is_period_union(tp: Any) -> bool:
    """True for ``Period`` and ``Period | None``."""
    args = set(get_args(tp)) - {type(None)}
    return args == set(_PERIOD_TYPES)


def _is_org_type_set(tp: Any) -> bool:
    return bool(tp == frozenset[OrgType])


def _structure_any_period(value: Any, cls: Any) -> Period | None:
    if value is None and type(None) in get_args(cls):
        return None
    if isinstance(value, _PERIOD_TYPES):
        return value  # type: ignore[no-any-return]
    if not isinstance(value, str):
        raise TypeError(f"expected period text, got {_shown(value)}; for example '2021/22 Q3'")
    return parse_period(value)


def _structure_amount(value: Any, _cls: object) -> units.Quantity:
    if units.is_quantity(value) or isinstance(value, str):
        return quantity(value)
    if isinstance(value, Mapping) and set(value) == {"magnitude", "unit"}:
        return quantity(value["magnitude"], value["unit"])
    raise TypeError(f"expected a quantity such as '75%' or '£120m', got {_shown(value)}")


def _unit_hook(value: Any, _cls: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a unit name such as 'percent', got {_shown(value)}")
    return unit_name(value)


def _citation_from_text(text: str) -> Citation:
    """Read the short form ``"001_b4880168b3d542f5.txt §C2"`` (``[unconfirmed]`` may follow)."""
    body = text.strip()
    unconfirmed = body.endswith("[unconfirmed]")
    if unconfirmed:
        body = body.removesuffix("[unconfirmed]").rstrip()
    source, sep, section = body.partition(" §")
    return Citation(source=source, section=f"§{section}" if sep else "", unconfirmed=unconfirmed)


def _unstructure_deadline(d: Deadline) -> dict[str, str]:
    out = {"words": d.words, "year": str(d.year)}
    if d.published is not None:
        out["published"] = d.published.isoformat()
    return out


def _deadline_hook(
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
            day = _structure_date(value["published"], date) if "published" in value else published
            return Deadline(words=value["words"], year=fy, published=day)
        raise TypeError(f"expected deadline words such as 'by end of Q1', got {_shown(value)}")

    return hook


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise TypeError(f"expected a list of organisation types, got {_shown(value)}")
    return list(value)


# --- error paths ------------------------------------------------------------------------------


def _describe(exc: BaseException) -> str:
    if isinstance(exc, NhsplanError):
        return str(exc)
    if isinstance(exc, KeyError):
        return f"required key missing: {exc.args[0]!r}" if exc.args else "required key missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown keys {sorted(exc.extra_fields)}"
    return str(exc) or type(exc).__name__


def _problems(exc: BaseException, path: str = "$") -> list[tuple[str, str]]:
    """Flatten cattrs' nested exception groups into (key path, message) pairs."""
    if isinstance(exc, ForbiddenExtraKeysError):
        plural = "s" if len(exc.extra_fields) > 1 else ""
        keys = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        return [(path, f"unknown key{plural} {keys}")]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        out: list[tuple[str, str]] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = getattr(note, "name", None)
            index = getattr(note, "index", None)
            if name is not None:
                sub_path = f"{path}.{name}"
            elif index is not None:
                sub_path = f"{path}[{index}]"
            else:
                sub_path = path
            out += _problems(sub, sub_path)
        for sub in without:
            out += _problems(sub, path)
        return out
    return _leaf(exc, path)


def _leaf(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """The (key path, message) pairs of one exception that is not a cattrs group."""
    if isinstance(exc, StructureError):  # a nested object's own whole-object check
        return [(path + sub.removeprefix("$"), message) for sub, message in exc.problems]
    if isinstance(exc, KeyError) and exc.args:
        return [(path, "required key missing")]
    if (
        isinstance(exc, InvalidValueError)
        and exc.field.isidentifier()
        and not path.endswith(f".{exc.field}")
    ):
        return [(f"{path}.{exc.field}", str(exc))]  # a validator names its own field
    if isinstance(exc, ExceptionGroup):
        return [p for sub in exc.exceptions for p in _problems(sub, path)]
    return [(path, _describe(exc))]
