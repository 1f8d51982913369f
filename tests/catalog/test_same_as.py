"""Issue 17: the same ask in two editions is linked (``same_as``), judged one way, listed once."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

import nhsplan
from nhsplan.catalog.in_force import targets_in_force
from nhsplan.model import Target

EDITIONS = nhsplan.editions()
BY_ID: dict[str, tuple[str, Target]] = {
    t.id: (edition, t) for edition in EDITIONS for t in nhsplan.load_guidance(edition).targets
}
LINKED = [(edition, t) for edition, t in BY_ID.values() if t.same_as is not None]

DISTINCT: dict[frozenset[str], str] = {
    frozenset({"cancer_faster_diagnosis_2026_29", "cancer_faster_diagnosis_standard_2026"}): (
        "the standard itself, with no end, judged on each provider, beside the framework's "
        "national ambition to hold it for its three years"
    ),
}
"""Pairs that look alike (same metric, level and deadline) but are different asks, and why."""


def _ask(t: Target) -> tuple[object, ...]:
    """What makes two entries the same ask: the metric, kind, level, comparison and deadline."""
    start, end = t.lifetime
    day = end or start
    level = t.value_on(day) if day is not None else None
    return (
        t.metric,
        t.KIND,
        None if level is None else str(level),
        getattr(t, "comparison", None),
        None if t.deadline is None else t.deadline.resolved,
    )


def _overlap(a: Target, b: Target) -> bool:
    (a0, a1), (b0, b1) = a.lifetime, b.lifetime
    return (a0 is None or b1 is None or a0 <= b1) and (b0 is None or a1 is None or b0 <= a1)


@pytest.mark.parametrize(("left", "right"), list(itertools.combinations(EDITIONS, 2)))
def test_every_pair_of_editions_links_its_shared_asks(left: str, right: str) -> None:
    unlinked = []
    for a in nhsplan.load_guidance(left).targets:
        for b in nhsplan.load_guidance(right).targets:
            if _ask(a)[2] is None or _ask(a) != _ask(b) or not _overlap(a, b):
                continue
            if frozenset({a.id, b.id}) in DISTINCT:
                continue
            root_a, root_b = a.same_as or a.id, b.same_as or b.id
            if root_a != root_b:
                unlinked.append(f"{left} {a.id} ~ {right} {b.id}")
    assert unlinked == []


@pytest.mark.parametrize(("edition", "target"), LINKED, ids=[t.id for _, t in LINKED])
class TestLinks:
    def test_names_a_target_of_another_edition(self, edition: str, target: Target) -> None:
        assert target.same_as in BY_ID
        root_edition, root = BY_ID[target.same_as]
        assert root_edition != edition
        assert root.same_as is None  # every link names the root, never another link

    def test_judged_the_same_way(self, edition: str, target: Target) -> None:
        assert target.same_as is not None
        _, root = BY_ID[target.same_as]
        assert _ask(target) == _ask(root)
        assert target.scope is root.scope
        assert target.judged is root.judged


def test_targets_lists_each_ask_once() -> None:
    rows = targets_in_force(date(2026, 3, 31))
    ids = {r.target.id for r in rows}
    assert "cancer_62_day_2025_26" in ids
    assert "cancer_62_day_interim_2026" not in ids
    row = next(r for r in rows if r.target.id == "cancer_62_day_2025_26")
    assert row.also == ("standards cancer_62_day_interim_2026",)
    roots = [r.target.same_as or r.target.id for r in rows]
    assert len(roots) == len(set(roots))


def test_a_linked_target_alone_in_force_is_listed() -> None:
    """Where only the link is in force (the root's edition not asked), it stands alone."""
    rows = targets_in_force(date(2026, 3, 31), edition_ids=["standards"])
    assert "cancer_62_day_interim_2026" in {r.target.id for r in rows}
