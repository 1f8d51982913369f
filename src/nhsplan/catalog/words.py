"""Targets in words: whose figure judges one, which figure, the dates it is in force.

Shared by the command line's renderings and :func:`nhsplan.catalog.audit.audit`.
"""

from __future__ import annotations

from collections.abc import Iterable

from nhsplan.model import OrgType, Target

__all__ = ["basis_words", "lifetime_words", "owners_words", "scope_words"]


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
