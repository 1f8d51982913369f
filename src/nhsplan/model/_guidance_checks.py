"""The checks a Guidance makes of its own parts when it is built (private).

Duplicate ids, an id no entry has (with the closest ids offered), funding lines that are
parts of each other or add up to more than their whole, and a target's level in a unit its
metric cannot take. :class:`~nhsplan.model.Guidance` gathers every problem they find into one
:class:`~nhsplan.errors.CatalogError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from nhsplan import units
from nhsplan.errors import UnknownIdError, UnknownMetricError
from nhsplan.model.enums import ScoringKind
from nhsplan.model.metrics import Metric
from nhsplan.model.targets import (
    Judgement,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.units import same_dimension

if TYPE_CHECKING:
    from nhsplan.model.guidance import Funding

__all__ = ["Index", "indexed", "part_problems", "target_unit_problems", "unknown"]


@attrs.define
class Index:
    items: dict[str, Any]
    problems: list[tuple[str, str]]


def indexed(entries: Iterable[tuple[str, str, Any]]) -> Index:
    index = Index({}, [])
    for key, path, item in entries:
        if key in index.items:
            index.problems.append((path, f"duplicate id {key!r}"))
        else:
            index.items[key] = item
    return index


def unknown(what: str, key: str, known: Mapping[str, object]) -> UnknownIdError:
    """The error for an id *known* lacks, with the closest ids (none for a key not text)."""
    import difflib  # noqa: PLC0415 - only on the error path

    closest = (
        tuple(difflib.get_close_matches(key, list(known), n=3, cutoff=0.5))
        if isinstance(key, str)  # Guidance.metric(None) from untyped code: still UnknownIdError
        else ()
    )
    if what == "metric":
        return UnknownMetricError(key, closest=closest)
    return UnknownIdError(what, key, closest=closest)


def part_problems(
    fund: Funding, by_fund: Mapping[str, Funding], path: str
) -> list[tuple[str, str]]:
    """A part_of naming no line, itself, a cycle, or parts adding up to more than the whole."""
    whole = by_fund.get(fund.part_of or "")
    if whole is None:
        return [(path, f"unknown funding line {fund.part_of!r}")]
    seen = {fund.id}
    line: Funding | None = whole
    while line is not None:
        if line.id in seen:
            return [(path, f"funding lines {sorted(seen)} are parts of each other")]
        seen.add(line.id)
        line = by_fund.get(line.part_of) if line.part_of is not None else None
    parts = [f for f in by_fund.values() if f.part_of == whole.id]
    total = sum(f.amount.to("GBP").magnitude for f in parts)
    if whole.comparison is None and total > whole.amount.to("GBP").magnitude:
        return [(path, f"the parts of {whole.id!r} add up to more than its {whole.words}")]
    return []


_ADDITIVE: Final = frozenset({ScoringKind.COUNT, ScoringKind.MONEY, ScoringKind.DURATION})
"""The kinds of metric whose figures add up over a period (a total of percentages is none)."""


def target_unit_problems(target: Target, metric: Metric, path: str) -> list[tuple[str, str]]:
    values: list[tuple[str, units.Quantity]] = []
    if target.judged is Judgement.PERIOD_TOTAL and metric.kind not in _ADDITIVE:
        return [
            (
                f"{path}.judged",
                (
                    f"a period total of metric {metric.id!r}, a {metric.kind.value}, would add "
                    "its figures up (twelve months at 96 % make 1152 %); judge it on "
                    "'year_average' (pooled) or 'latest'"
                ),
            )
        ]
    if isinstance(target, ThresholdTarget | WithinTimeTarget):
        values.append(("value", target.value))
        values += [(f"amendments[{i}].value", a.value) for i, a in enumerate(target.amendments)]
    elif isinstance(target, TrajectoryTarget):
        values += [(f"points[{i}].value", p.value) for i, p in enumerate(target.points)]
    if isinstance(target, WithinTimeTarget):
        shares = [
            (f"{path}.{name}", f"{value} is not a proportion")
            for name, value in values
            if not same_dimension(value.unit, "percent")
        ]
        if not same_dimension(metric.unit, "percent"):  # the share judged is a percentage
            shares.insert(
                0,
                (
                    f"{path}.metric",
                    (
                        "a within-time target judges the share of cases done in time, a "
                        f"percentage; metric {metric.id!r} is measured in {metric.unit!r}"
                    ),
                ),
            )
        return shares
    problems = []
    for name, value in values:
        if not same_dimension(value.unit, metric.unit):
            problems.append(
                (
                    f"{path}.{name}",
                    f"{value} does not convert to metric {metric.id!r}'s unit {metric.unit!r}",
                )
            )
        elif metric.kind is ScoringKind.PROPORTION and not (
            0 <= value.to("percent").magnitude <= 100
        ):
            problems.append((f"{path}.{name}", f"{value} is not a proportion between 0 and 100 %"))
    return problems
