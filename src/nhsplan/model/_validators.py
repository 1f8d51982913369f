"""Field validators and converters the model classes share (private)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from nhsplan.calendar import FinancialYear
from nhsplan.errors import (
    InvalidObservationError,
    InvalidValueError,
    QuantityParseError,
    UnknownUnitError,
)
from nhsplan.model.enums import OrgType
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


_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_ORG_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_\-]*$")


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
    if not _SNAKE.match(value):
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
    if not _ID.match(value):
        raise InvalidValueError(
            f"{value!r} is not an id (letters, digits, '_', '.', '-'; no spaces)",
            field=attribute.name,
            example="'c2_cancer_backlog'",
        )


def _org_code(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ORG_CODE.match(value):
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


def to_org_types(value: Iterable[OrgType | str]) -> frozenset[OrgType]:
    """Accept enum members, their string values, or a group word ("providers")."""
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


def _finite_non_negative(
    field: str,
) -> Callable[[object, attrs.Attribute[float | None], float | None], None]:
    def check(
        _inst: object, _attribute: attrs.Attribute[float | None], value: float | None
    ) -> None:
        if value is None:
            return
        if not math.isfinite(value):
            raise InvalidObservationError(
                f"{value!r} is not a finite number", field=field, example="120"
            )
        if value < 0:
            raise InvalidObservationError(
                f"a count cannot be negative (got {value!r})", field=field, example="120"
            )

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


# --- tuple converters (typed, so mypy's attrs plugin knows what each field accepts) ----------


def _tuple_of_amendment(value: Iterable[Amendment]) -> tuple[Amendment, ...]:
    return tuple(value)


def _tuple_of_baseline(value: Iterable[Baseline]) -> tuple[Baseline, ...]:
    return tuple(value)


def _tuple_of_discrepancy(value: Iterable[Discrepancy]) -> tuple[Discrepancy, ...]:
    return tuple(value)


def _tuple_of_financialyear(value: Iterable[FinancialYear]) -> tuple[FinancialYear, ...]:
    return tuple(value)


def _tuple_of_framework(value: Iterable[Framework]) -> tuple[Framework, ...]:
    return tuple(value)


def _tuple_of_frameworkitem(value: Iterable[FrameworkItem]) -> tuple[FrameworkItem, ...]:
    return tuple(value)


def _tuple_of_funding(value: Iterable[Funding]) -> tuple[Funding, ...]:
    return tuple(value)


def _tuple_of_metric(value: Iterable[Metric]) -> tuple[Metric, ...]:
    return tuple(value)


def _tuple_of_priority(value: Iterable[Priority]) -> tuple[Priority, ...]:
    return tuple(value)


def _tuple_of_requirement(value: Iterable[Requirement]) -> tuple[Requirement, ...]:
    return tuple(value)


def _tuple_of_target(value: Iterable[Target]) -> tuple[Target, ...]:
    return tuple(value)


def _tuple_of_trajectorypoint(value: Iterable[TrajectoryPoint]) -> tuple[TrajectoryPoint, ...]:
    return tuple(value)


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)
