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
import functools
import json
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from datetime import date
from typing import Any, TypeVar, overload

import attrs
import cattrs
from cattrs.dispatch import StructureHook
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from nhsplan import units
from nhsplan.calendar import FinancialYear
from nhsplan.catalog._hooks import (
    PERIOD_TYPES,
    as_list,
    citation_from_text,
    deadline_hook,
    is_enum,
    is_homogeneous_tuple,
    is_list,
    is_org_type_set,
    is_period_union,
    period_hook,
    strict_bool,
    strict_float,
    strict_int,
    strict_sequence,
    strict_str,
    structure_amount,
    structure_any_period,
    structure_date,
    structure_enum,
    unit_hook,
    unstructure_deadline,
)
from nhsplan.catalog._problems import describe, problems
from nhsplan.errors import NhsplanError, StructureError, _shown
from nhsplan.model import (
    TARGET_KINDS,
    Alternative,
    Citation,
    Deadline,
    EliminationTarget,
    Metric,
    Publication,
    Target,
    to_org_types,
)

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
H = TypeVar("H")

_KINDS: tuple[str, ...] = tuple(cls.KIND for cls in TARGET_KINDS)


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
    return _converter_with(deadline_hook(year, published))


def _converter_with(deadline: Callable[[Any, object], Deadline]) -> cattrs.Converter:
    """A new converter, reading deadlines with the hook *deadline*."""
    conv = cattrs.Converter(forbid_extra_keys=True)

    # Shapes are strict: cattrs would turn 5 into "5", "12" into 12, True into 1 and "hello"
    # into ('h', 'e', 'l', 'l', 'o'); each of those is a mistake in a file, reported here.
    conv.register_structure_hook(str, strict_str)
    conv.register_structure_hook(bool, strict_bool)
    conv.register_structure_hook(int, strict_int)
    conv.register_structure_hook(float, strict_float)
    conv.register_structure_hook_factory(is_homogeneous_tuple, strict_sequence(conv, tuple))
    conv.register_structure_hook_factory(is_list, strict_sequence(conv, list))

    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, structure_date)

    for cls in PERIOD_TYPES:
        conv.register_unstructure_hook(cls, str)
        conv.register_structure_hook(cls, period_hook(cls))
    conv.register_unstructure_hook_func(
        is_period_union, lambda value: None if value is None else str(value)
    )
    conv.register_structure_hook_func(is_period_union, structure_any_period)

    conv.register_structure_hook_func(is_enum, structure_enum)

    conv.register_unstructure_hook(units.Quantity, str)
    conv.register_structure_hook(units.Quantity, structure_amount)

    conv.register_unstructure_hook_func(
        is_org_type_set, lambda value: sorted(t.value for t in value)
    )
    conv.register_structure_hook_func(
        is_org_type_set, lambda value, _: to_org_types(as_list(value))
    )

    conv.register_unstructure_hook(Deadline, unstructure_deadline)
    conv.register_structure_hook(Deadline, deadline)

    # The generated (un)structure functions below are made on first use, once per class (hook
    # factories, see _once): a run that only reads targets never pays for the unstructure
    # functions of every target kind.
    def structure_citation(_tp: Any) -> StructureHook:
        from_dict = make_dict_structure_fn(Citation, conv, _cattrs_forbid_extra_keys=True)

        def hook(value: Any, cls: Any) -> Citation:
            if isinstance(value, Citation):
                return value  # attached by the loader
            return citation_from_text(value) if isinstance(value, str) else from_dict(value, cls)

        return hook

    conv.register_structure_hook_factory(lambda tp: tp is Citation, _once(structure_citation))

    def structure_publication(_tp: Any) -> StructureHook:
        from_dict = make_dict_structure_fn(Publication, conv, _cattrs_forbid_extra_keys=True)
        return lambda value, cls: value if isinstance(value, Publication) else from_dict(value, cls)

    conv.register_structure_hook_factory(lambda tp: tp is Publication, _once(structure_publication))

    # Units are checked while structuring, beside every other field, so an unknown unit is
    # reported together with the record's other problems rather than after them.
    conv.register_structure_hook_factory(
        lambda tp: tp in (Metric, EliminationTarget),
        _once(
            lambda cls: make_dict_structure_fn(
                cls, conv, _cattrs_forbid_extra_keys=True, unit=override(struct_hook=unit_hook)
            )
        ),
    )

    conv.register_structure_hook_factory(
        lambda tp: tp is Alternative,
        _once(
            lambda _: make_dict_structure_fn(
                Alternative,
                conv,
                _cattrs_forbid_extra_keys=True,
                overrides=override(struct_hook=_structure_overrides),
            )
        ),
    )
    conv.register_unstructure_hook_factory(
        lambda tp: tp is Alternative,
        _once(
            lambda _: make_dict_unstructure_fn(
                Alternative, conv, overrides=override(unstruct_hook=dict, omit_if_default=True)
            )
        ),
    )

    # Fields added after the first editions are written only where set, so the files and
    # snapshots of targets that do not use them stay as they were.
    def unstructure_kind(cls: Any) -> Callable[[Any], dict[str, Any]]:
        optional: dict[str, Any] = {
            name: override(omit_if_default=True)
            for name in _OMITTED_IF_DEFAULT
            if name in attrs.fields_dict(cls)
        }
        return make_dict_unstructure_fn(cls, conv, **optional)

    conv.register_unstructure_hook_factory(lambda tp: tp in TARGET_KINDS, _once(unstructure_kind))
    _configure_targets(conv)
    return conv


def _once(factory: Callable[[Any], H]) -> Callable[[Any], H]:
    """*factory*, made to call itself once per type and give the same function after.

    cattrs remembers a factory's function for a type it is asked to structure, but while
    generating a class's function it asks afresh (uncached) for each field's: without this,
    Citation's function was generated again for each of the thirteen classes that cite.
    The functions live as long as the converter that registers the factory.
    """
    made: dict[Any, H] = {}

    def get(tp: Any) -> H:
        if tp not in made:
            made[tp] = factory(tp)
        return made[tp]

    return get


def _configure_targets(conv: cattrs.Converter) -> None:
    """Targets as a union tagged by ``kind``, each kind's functions made on first use.

    As cattrs' ``configure_tagged_union`` does, but that strategy makes the structure and
    unstructure functions of every kind when the converter is built.
    """
    kinds = {cls.KIND: cls for cls in TARGET_KINDS}

    def structure_target(value: Any, _cls: Any) -> Any:
        kind = value.get("kind") if isinstance(value, Mapping) else None
        if kind not in kinds:
            shown = "no 'kind'" if kind is None else f"unknown kind {_shown(kind)}"
            raise ValueError(f"{shown}; a target's kind is one of {', '.join(_KINDS)}")
        fields = {key: item for key, item in value.items() if key != "kind"}
        return conv.get_structure_hook(kinds[kind])(fields, kinds[kind])

    def unstructure_target(value: Any) -> dict[str, Any]:
        data: dict[str, Any] = conv.get_unstructure_hook(type(value))(value)
        data["kind"] = value.KIND
        return data

    conv.register_structure_hook_func(lambda tp: tp == Target, structure_target)
    conv.register_unstructure_hook_func(lambda tp: tp == Target, unstructure_target)


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
    return deadline_hook(*_DOCUMENT.get())(value, cls)


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
        raise StructureError(problems(exc), source=source) from None
    except NhsplanError as exc:  # raised by a validator of the top-level object itself
        if isinstance(exc, StructureError):
            raise
        raise StructureError([("$", str(exc))], source=source) from None
    except (TypeError, ValueError, KeyError) as exc:
        raise StructureError([("$", describe(exc))], source=source) from None
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
