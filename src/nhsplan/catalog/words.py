"""Targets in words: what one asks, whose figure judges it, which figure, when in force.

Shared by the command line's renderings and :func:`nhsplan.catalog.audit.audit`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from nhsplan.model import (
    BaselineTarget,
    OrgType,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.units.text import exact_words

if TYPE_CHECKING:
    from nhsplan import units

__all__ = ["basis_words", "lifetime_words", "owners_words", "scope_words", "value_words"]


def owners_words(types: Iterable[OrgType]) -> str:
    """The organisation types in words: ``"acute_trust, system"``, ``"everyone"``."""
    names = sorted(t.value for t in types)
    return ", ".join(names) if names else "everyone"


_BASIS = {
    "deadline_month": "the deadline month",
    "each_month": "each month",
    "latest": "the latest period",
    "year_average": "the year's average",
    "period_total": "the period total",
    "every_month": "every month of its window, each on its own",
    "every_year": "every financial year, each on its own",
}


def basis_words(t: Target) -> str:
    """The target's basis in words: ``"the deadline month"``."""
    return _BASIS[t.judged.value]


def scope_words(t: Target) -> str:
    """Whose figure it judges: ``"England (national)"``, ``"each system"``, ``"each ..."``."""
    if t.scope.value == "national":
        return "England (national)"
    if t.scope.value == "system":
        return "each system"
    return f"each {owners_words(t.applies_to)}" if t.applies_to else "each organisation"


def lifetime_words(t: Target) -> str:
    """The dates it is in force: ``"2022-12-23 to 2024-03-31"``, ``"from 2010-07-01"``."""
    start, end = t.lifetime
    if start is None and end is None:
        return "no end"
    if end is None:
        return f"from {start}"
    if start is None:
        return f"until {end}"
    return f"{start} to {end}"


def _words(amount: units.Quantity) -> str:
    return exact_words(float(amount.magnitude), amount.unit)


def value_words(target: Target) -> str:
    """What the target asks, in words; a trajectory lists its points, a milestone its kind.

    >>> from nhsplan.catalog import load_guidance
    >>> g = load_guidance("2021/22")
    >>> value_words(g.target("cancer_faster_diagnosis_standard"))
    'at least 75 %'
    >>> value_words(g.target("ics_governance_mou"))
    'milestone'
    """
    kind = getattr(target, "comparison", None)
    comparison = kind.value.replace("_", " ") if kind is not None else ""
    if isinstance(target, ThresholdTarget | WithinTimeTarget):
        text = f"{comparison} {_words(target.value)}"
        if isinstance(target, ThresholdTarget) and target.per is not None:
            text += f" per {target.per:,} people"
        if isinstance(target, ThresholdTarget) and target.reach:
            text += " (a reach: progress is reported, never met or not met)"
    elif isinstance(target, TrajectoryTarget):
        text = ", ".join(f"{_words(p.value)} from {p.on}" for p in target.points)
    elif isinstance(target, BaselineTarget):
        base = "the " + " / ".join(b.label for b in target.baselines) + " figure"
        change = target.change.magnitude
        if change == 0:  # "above the 2024/25 figure", not "0 % on 2024/25"
            text = f"{comparison} {base}"
        elif target.points:
            step = "plus" if change > 0 else "minus"
            text = f"{comparison} {base} {step} {abs(change):g} points"
        else:  # a relative change: "at most 70 % of the 2024/25 figure"
            text = f"{comparison} {100 + change:g} % of {base}"
        if target.or_level is not None:
            pick = "higher" if target.whichever.value == "highest" else "lower"
            text += f", or {target.or_level}, whichever is {pick}"
    else:
        text = target.KIND
    return text
