"""nhsplan.compare: targets added, removed and changed between editions, matched by metric."""

from __future__ import annotations

from datetime import date
from typing import Any

import nhsplan
from nhsplan.calendar import FinancialYear
from nhsplan.model import (
    Citation,
    Comparison,
    Deadline,
    EliminationTarget,
    Guidance,
    Metric,
    OrgType,
    Polarity,
    Priority,
    ScoringKind,
    Target,
    ThresholdTarget,
)
from nhsplan.units import quantity

CITE = Citation(source="test")


def metric(metric_id: str) -> Metric:
    return Metric(
        id=metric_id,
        name=metric_id,
        unit="percent",
        polarity=Polarity.LOWER_IS_BETTER,
        kind=ScoringKind.RATIO,
    )


def edition(edition_id: str, year: int, targets: list[Target]) -> Guidance:
    metric_ids = sorted({t.metric for t in targets if t.metric})
    return Guidance(
        id=edition_id,
        title=edition_id,
        year=FinancialYear(year),
        citation=CITE,
        priorities=[Priority(code="X", title="X", citation=CITE)],
        metrics=[metric(m) for m in metric_ids],
        targets=targets,
    )


def threshold(target_id: str, value: float, **fields: Any) -> ThresholdTarget:
    return ThresholdTarget(
        id=target_id,
        name=target_id,
        metric=fields.pop("metric", "beds"),
        comparison=Comparison.AT_MOST,
        value=quantity(value, "percent"),
        citation=CITE,
        **fields,
    )


class TestCompare:
    def test_changed_threshold_is_matched_by_metric_across_ids(self) -> None:
        before = edition("a", 2020, [threshold("beds_2020", 92)])
        after = edition("b", 2021, [threshold("beds_2021", 95)])
        diff = nhsplan.compare(before, after)
        assert (diff.added, diff.removed, diff.unchanged) == ((), (), ())
        (change,) = diff.changed
        assert change.key == "beds"
        assert change.changes == ("value: at most 92 % → at most 95 %",)
        assert str(change) == "beds_2020 → beds_2021: value: at most 92 % → at most 95 %"

    def test_deadline_and_scope_changes(self) -> None:
        fy = FinancialYear(2021)
        before = edition(
            "a",
            2021,
            [
                threshold(
                    "t",
                    92,
                    applies_to=[OrgType.ACUTE_TRUST],
                    deadline=Deadline(words="by end of Q1", year=fy),
                )
            ],
        )
        after = edition(
            "b",
            2021,
            [
                threshold(
                    "t",
                    92,
                    applies_to=[OrgType.ACUTE_TRUST, OrgType.PCN],
                    deadline=Deadline(words="by end of Q2", year=fy),
                )
            ],
        )
        (change,) = nhsplan.compare(before, after).changed
        assert change.changes == (
            "deadline: by end of Q1 (2021-06-30) → by end of Q2 (2021-09-30)",
            "scope: +pcn",
        )

    def test_added_removed_unchanged(self) -> None:
        keep = threshold("keep", 50, metric="kept")
        gone = EliminationTarget(id="gone", name="gone", metric="waits", citation=CITE)
        new = threshold("new", 10, metric="fresh", effective_from=date(2021, 4, 1))
        diff = nhsplan.compare(edition("a", 2020, [keep, gone]), edition("b", 2021, [keep, new]))
        assert [t.id for t in diff.added] == ["new"]
        assert [t.id for t in diff.removed] == ["gone"]
        assert [t.id for t in diff.unchanged] == ["keep"]
        assert "1 added, 1 removed, 0 changed, 1 unchanged" in str(diff)

    def test_same_edition_has_no_changes(self) -> None:
        g = nhsplan.load_guidance("2021/22")
        diff = nhsplan.compare(g, g)
        assert (diff.added, diff.removed, diff.changed) == ((), (), ())
        assert len(diff.unchanged) == len(g.targets)

    def test_real_editions(self) -> None:
        before = nhsplan.load_guidance("2020/21")
        after = nhsplan.load_guidance("2021/22")
        diff = nhsplan.compare(before, after)
        every = {t.id for t in diff.added} | {t.id for t in diff.unchanged}
        every |= {c.after.id for c in diff.changed}
        assert every == {t.id for t in after.targets}
        assert "general_acute_bed_occupancy" in {t.id for t in diff.removed} | {
            c.before.id for c in diff.changed
        }
