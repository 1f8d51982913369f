"""Field validators and converters the model classes share (private)."""

from __future__ import annotations

import enum
import functools
import math
import types
import typing
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Union

import attrs

from nhsplan.calendar import FinancialYear
from nhsplan.errors import (
    InvalidObservationError,
    InvalidValueError,
    QuantityParseError,
    UnknownUnitError,
    _shown,
)
from nhsplan.model.enums import OrgType
from nhsplan.model.formats import METRIC_ID, ORG_CODE, PLAIN_ID
from nhsplan.units import canonical_unit

if TYPE_CHECKING:
    from nhsplan.model.citations import Amendment
    from nhsplan.model.guidance import (
        Discrepancy,
        Framework,
        FrameworkItem,
        Funding,
        Priority,
        Requirement,
    )
    from nhsplan.model.metrics import Metric
    from nhsplan.model.targets import Baseline, Target, TrajectoryPoint


# --- field validators -------------------------------------------------------------------------


def _non_empty(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(
            f"{type(value).__name__} is not text", field=attribute.name, example="'C2'"
        )
    if not value.strip():
        raise InvalidValueError("must not be empty", field=attribute.name, example="'C2'")


def _snake_id(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(
            f"{type(value).__name__} is not a snake_case id",
            field=attribute.name,
            example="'cancer_faster_diagnosis_standard'",
        )
    if not METRIC_ID.matches(value):
        raise InvalidValueError(
            f"{value!r} is not a snake_case id",
            field=attribute.name,
            example="'cancer_faster_diagnosis_standard'",
        )


def _plain_id(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(
            f"{type(value).__name__} is not an id", field=attribute.name, example="'h1_settlement'"
        )
    if not PLAIN_ID.matches(value):
        raise InvalidValueError(
            f"{value!r} is not an id (letters, digits, '_', '.', '-'; no spaces)",
            field=attribute.name,
            example="'c2_cancer_backlog'",
        )


def _org_code(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not ORG_CODE.matches(value):
        raise InvalidValueError(
            f"{value!r} is not an organisation code (upper-case letters and digits)",
            field=attribute.name,
            example="'RBD' or 'QVV'",
        )


def _optional_org_code(_inst: object, attribute: attrs.Attribute[str], value: str | None) -> None:
    if value is not None:
        _org_code(_inst, attribute, value)


def _org_types(
    _inst: object, attribute: attrs.Attribute[frozenset[OrgType]], value: frozenset[OrgType]
) -> None:
    for item in value:
        if not isinstance(item, OrgType):
            raise InvalidValueError(
                f"{item!r} is not an organisation type; known: "
                + ", ".join(t.value for t in OrgType),
                field=attribute.name,
                example="'acute_trust'",
            )


_ORG_GROUPS: Mapping[str, frozenset[OrgType]] = MappingProxyType(
    {"providers": OrgType.providers(), "commissioners": OrgType.commissioners()}
)
"""Group words the guidance uses, accepted wherever organisation types are given."""


def to_org_type(
    value: object,
    *,
    error: type[InvalidValueError] = InvalidValueError,
    example: str = "OrgType.ACUTE_TRUST or 'acute_trust'",
    field: str = "org_type",
) -> OrgType:
    """An organisation type from its value (``"acute_trust"``), any case.

    Raises:
        InvalidValueError: (or *error*, a subclass) not an organisation type; the message
            lists the types.
    """
    try:
        return OrgType(value.lower() if isinstance(value, str) else value)
    except ValueError:
        raise error(
            f"{value!r} is not an organisation type; known: " + ", ".join(t.value for t in OrgType),
            field=field,
            example=example,
        ) from None


def to_org_types(value: Iterable[OrgType | str]) -> frozenset[OrgType]:
    """Accept enum members, their string values, or a group word ("providers")."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"{_shown(value)} ({type(value).__name__}) is not a list of organisation types",
            field="applies_to",
            example="['acute_trust', 'providers']",
        )
    out: set[OrgType] = set()
    for item in value:
        if isinstance(item, OrgType):
            out.add(item)
            continue
        if item in _ORG_GROUPS:
            out |= _ORG_GROUPS[item]
            continue
        try:
            out.add(OrgType(item))
        except ValueError:
            raise InvalidValueError(
                f"{item!r} is not an organisation type; known: "
                + ", ".join(t.value for t in OrgType),
                field="organisation type",
                example="'acute_trust' or 'providers'",
            ) from None
    return frozenset(out)


def count_problem(value: float) -> str | None:
    """Why *value* cannot be a count (a numerator or a denominator); None if it can.

    >>> count_problem(120.0), count_problem(-1.0)
    (None, 'a count cannot be negative (got -1.0)')
    """
    if not math.isfinite(value):
        return f"{value!r} is not a finite number"
    if value < 0:
        return f"a count cannot be negative (got {value!r})"
    return None


def ratio_problem(numerator: float, denominator: float) -> tuple[str, str] | None:
    """Which of a numerator and denominator makes them no proportion, and why; None if none.

    The one rule for every figure given as a numerator and denominator (an observation, a
    plan line, a row of a batch): each is a count (:func:`count_problem`), the denominator
    is not zero and the numerator is not above it, checked in that order. The answer is the
    field to name (``"numerator"`` or ``"denominator"``) and the reason.

    >>> ratio_problem(875.0, 1000.0) is None
    True
    >>> ratio_problem(11.0, 10.0)
    ('numerator', 'numerator 11 is above denominator 10')
    >>> ratio_problem(0.0, 0.0)
    ('denominator', 'the denominator is zero')
    """
    for field, value in (("numerator", numerator), ("denominator", denominator)):
        problem = count_problem(value)
        if problem is not None:
            return field, problem
    if denominator == 0:
        return "denominator", "the denominator is zero"
    if numerator > denominator:
        return "numerator", f"numerator {numerator:g} is above denominator {denominator:g}"
    return None


def _finite_non_negative(
    field: str,
) -> Callable[[object, attrs.Attribute[float | None], float | None], None]:
    def check(
        _inst: object, _attribute: attrs.Attribute[float | None], value: float | None
    ) -> None:
        problem = None if value is None else count_problem(value)
        if problem is not None:
            raise InvalidObservationError(problem, field=field, example="120")

    return check


def unit_name(value: str) -> str:
    """The canonical name of a unit; an unknown one is reported against the field."""
    try:
        return canonical_unit(value)
    except (UnknownUnitError, QuantityParseError) as exc:
        raise InvalidValueError(
            str(exc), field="unit", example="'percent', 'patient', 'FTE', 'GBP' or 'minute'"
        ) from None


def _optional_float(value: float | int | str | None) -> float | None:
    return None if value is None else float(value)


def _as_tuple(value: Iterable[_T], what: str) -> tuple[_T, ...]:
    """*value* as a tuple; text or a non-iterable is an error, not a crash or a tuple of letters."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"{_shown(value)} ({type(value).__name__}) is not a list of {what}",
            field=what,
            example=f"[{what}(...), ...] or ()",
        )
    return tuple(value)


# --- field types ---------------------------------------------------------------------------


def check_types(inst: object) -> None:
    """Raise InvalidValueError if a field of the attrs instance *inst* holds the wrong type.

    Run first in a class's ``__attrs_post_init__``, so that a constructor given, say, a string
    for a date or ``object()`` for an enum says which field, rather than failing later with a
    bare ``TypeError`` or ``AttributeError``. Only plain classes, ``X | None`` and the element
    type of a tuple or frozenset are checked; a float field takes an int.
    """
    for name, expected, example in _field_types(typing.cast("Hashable", type(inst))):
        value = getattr(inst, name)
        if isinstance(value, tuple | frozenset) and expected[0] in (tuple, frozenset):
            bad = next((v for v in value if not _is(v, expected[1:])), _OK)
            if bad is _OK:
                continue
            shown, wanted = bad, expected[1:]
        elif _is(value, expected):
            continue
        else:
            shown, wanted = value, expected
        names = " or ".join("None" if t is type(None) else t.__name__ for t in wanted)
        raise InvalidValueError(
            f"{_shown(shown)} ({type(shown).__name__}) is not {names}",
            field=f"{type(inst).__name__}.{name}",
            example=example,
        )


_OK = object()
_T = typing.TypeVar("_T")


def _is(value: object, expected: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in expected and int not in expected:
        return False
    if float in expected and isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, expected)


@functools.cache
def _field_types(cls: Hashable) -> tuple[tuple[str, tuple[type, ...], str], ...]:
    """Each checkable field of *cls*: its name, the types it takes, an example of one."""
    if not isinstance(cls, type):
        return ()
    # Resolved through attrs, which marks the class resolved: cattrs resolves the same class's
    # types before generating its structure function, and evaluating them is not cheap.
    attrs.resolve_types(cls)
    out = []
    for field in attrs.fields(cls):
        expected = _classes(field.type)
        if expected:
            out.append((field.name, expected, _example(expected)))
    return tuple(out)


def _classes(hint: object) -> tuple[type, ...]:
    """The classes *hint* names (collections first, then their element type), or ()."""
    origin = typing.get_origin(hint)
    found: tuple[type, ...] = ()
    if origin is Union or origin is types.UnionType:
        parts = [_classes(arg) for arg in typing.get_args(hint)]
        if all(p and p[0] not in (tuple, frozenset) for p in parts):
            found = tuple(t for p in parts for t in p)
    elif origin in (tuple, frozenset):
        args = typing.get_args(hint)
        element = _classes(args[0]) if args else ()
        if element and element[0] not in (tuple, frozenset):
            found = (typing.cast("type", origin), *element)
    elif hint is None or hint is type(None):
        found = (type(None),)
    elif isinstance(hint, type) and origin is None:
        found = (hint,)
    return found


def _example(expected: tuple[type, ...]) -> str:
    first = expected[1] if expected[0] in (tuple, frozenset) else expected[0]
    if issubclass(first, enum.Enum):
        member = next(iter(first))
        return f"{first.__name__}.{member.name} or {member.value!r}"
    if issubclass(first, date):
        return "date(2021, 6, 30)"
    if first is str:
        return "'text'"
    if first in (float, int):
        return "95"
    return f"a {first.__name__}"


# --- tuple converters (typed, so mypy's attrs plugin knows what each field accepts) ----------


def _tuple_of_amendment(value: Iterable[Amendment]) -> tuple[Amendment, ...]:
    return _as_tuple(value, "Amendment")


def _tuple_of_baseline(value: Iterable[Baseline]) -> tuple[Baseline, ...]:
    return _as_tuple(value, "Baseline")


def _tuple_of_discrepancy(value: Iterable[Discrepancy]) -> tuple[Discrepancy, ...]:
    return _as_tuple(value, "Discrepancy")


def _tuple_of_financialyear(value: Iterable[FinancialYear]) -> tuple[FinancialYear, ...]:
    return _as_tuple(value, "FinancialYear")


def _tuple_of_framework(value: Iterable[Framework]) -> tuple[Framework, ...]:
    return _as_tuple(value, "Framework")


def _tuple_of_frameworkitem(value: Iterable[FrameworkItem]) -> tuple[FrameworkItem, ...]:
    return _as_tuple(value, "FrameworkItem")


def _tuple_of_funding(value: Iterable[Funding]) -> tuple[Funding, ...]:
    return _as_tuple(value, "Funding")


def _tuple_of_metric(value: Iterable[Metric]) -> tuple[Metric, ...]:
    return _as_tuple(value, "Metric")


def _tuple_of_priority(value: Iterable[Priority]) -> tuple[Priority, ...]:
    return _as_tuple(value, "Priority")


def _tuple_of_requirement(value: Iterable[Requirement]) -> tuple[Requirement, ...]:
    return _as_tuple(value, "Requirement")


def _tuple_of_target(value: Iterable[Target]) -> tuple[Target, ...]:
    return _as_tuple(value, "Target")


def _tuple_of_trajectorypoint(value: Iterable[TrajectoryPoint]) -> tuple[TrajectoryPoint, ...]:
    return _as_tuple(value, "TrajectoryPoint")


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    return _as_tuple(value, "str")
