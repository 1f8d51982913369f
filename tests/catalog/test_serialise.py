from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsplan.calendar import FinancialYear, Month, Period, Quarter
from nhsplan.catalog.serialise import from_json, make_converter, structure, to_json, unstructure
from nhsplan.errors import StructureError
from nhsplan.model import (
    Assessment,
    CaseRecord,
    Citation,
    Comparison,
    Deadline,
    Funding,
    Guidance,
    Metric,
    Observation,
    Organisation,
    Polarity,
    Priority,
    Requirement,
    ScoringKind,
    Target,
    ThresholdTarget,
    TrajectoryPoint,
    TrajectoryTarget,
)
from nhsplan.units import Quantity, quantity
from tests import strategies_model as sm

CITE = Citation(source="001_b4880168b3d542f5.txt", section="§C1")


class TestRoundTrip:
    """structure(unstructure(x)) == x for every model class, through dicts and JSON."""

    @pytest.mark.parametrize(
        ("strategy", "cls"),
        [
            (sm.citations, Citation),
            (sm.deadlines, Deadline),
            (sm.targets, Target),
            (sm.metrics, Metric),
            (sm.requirements, Requirement),
            (sm.priorities, Priority),
            (sm.fundings, Funding),
            (sm.organisations, Organisation),
            (sm.observations(), Observation),
            (sm.case_records(), CaseRecord),
            (sm.assessments, Assessment),
        ],
        ids=lambda v: getattr(v, "__name__", "strategy"),
    )
    @settings(max_examples=60, deadline=None)
    @given(data=st.data())
    def test_dict_and_json(
        self, strategy: st.SearchStrategy[Any], cls: Any, data: st.DataObject
    ) -> None:
        obj = data.draw(strategy)
        as_dict = unstructure(obj)
        assert structure(as_dict, cls) == obj
        assert from_json(to_json(obj), cls) == obj
        json.dumps(as_dict)  # JSON-ready: no dates, enums or quantities left

    def test_period_union_keeps_its_type(self) -> None:
        for period in (FinancialYear(2021), Quarter(2021, 3), Month(2021, 11)):
            assert structure(unstructure(period), Period) == period

    def test_guidance(self) -> None:
        guidance = Guidance(
            id="test",
            title="A test edition",
            year=FinancialYear(2021),
            citation=CITE,
            priorities=[
                Priority(
                    code="C",
                    title="Elective",
                    citation=CITE,
                    children=[Priority(code="C1", title="Activity", citation=CITE)],
                )
            ],
            metrics=[
                Metric(
                    id="erf_activity",
                    name="Elective activity against 2019/20",
                    unit="percent",
                    polarity=Polarity.HIGHER_IS_BETTER,
                    kind=ScoringKind.RATIO,
                ),
            ],
            targets=[
                TrajectoryTarget(
                    id="elective_recovery_fund_threshold",
                    name="ERF threshold",
                    metric="erf_activity",
                    comparison=Comparison.AT_LEAST,
                    citation=CITE,
                    priority="C1",
                    points=[
                        TrajectoryPoint(on=date(2021, 4, 1), value=quantity(70, "percent")),
                        TrajectoryPoint(on=date(2021, 7, 1), value=quantity(85, "percent")),
                    ],
                ),
            ],
            requirements=[
                Requirement(
                    id="c1_plan",
                    priority="C1",
                    text="Draw up plans",
                    citation=CITE,
                    owners=["system"],
                    deadline=Deadline(words="by 3 June", year=FinancialYear(2021)),
                    targets=["elective_recovery_fund_threshold"],
                ),
            ],
        )
        assert from_json(to_json(guidance), Guidance) == guidance


class TestHooks:
    def test_amount_accepts_text_and_table(self) -> None:
        assert structure("75%", Quantity) == quantity(75, "percent")
        assert structure({"magnitude": 75, "unit": "percent"}, Quantity) == quantity(75, "percent")

    def test_deadline_words_need_a_year_unless_the_converter_has_one(self) -> None:
        with pytest.raises(StructureError, match="needs a year"):
            structure("by end of Q1", Deadline)
        conv = make_converter(year=FinancialYear(2021))
        deadline: Deadline = structure("by end of Q1", Deadline, converter=conv)
        assert deadline.end == date(2021, 6, 30)

    def test_target_dict_has_its_kind(self) -> None:
        target = ThresholdTarget(
            id="x",
            name="X",
            metric="m",
            comparison=Comparison.AT_LEAST,
            value=quantity(1, "count"),
            citation=CITE,
        )
        data = unstructure(target)
        assert data["kind"] == "threshold"
        assert data["applies_to"] == []


class TestErrors:
    """Every problem is reported at once, each with its key path."""

    def _problems(self, data: Any, cls: Any) -> list[tuple[str, str]]:
        with pytest.raises(StructureError) as info:
            structure(data, cls, source="test.json")
        assert str(info.value).startswith("test.json: ")
        return info.value.problems

    def test_unknown_key(self) -> None:
        problems = self._problems({"source": "x", "sectoin": "§C2"}, Citation)
        assert problems == [("$", "unknown key 'sectoin'")]

    def test_several_problems_with_paths(self) -> None:
        data = {
            "kind": "threshold",
            "id": "ok_id",
            "name": "OK",
            "metric": "ok_metric",
            "comparison": "at_least",
            "value": "75 parsecs",
            "citation": {"source": "x"},
            "effective_from": "2021-13-01",
        }
        problems = dict(self._problems(data, Target))
        assert set(problems) == {"$.value", "$.effective_from"}
        assert "parsecs" in problems["$.value"]
        assert "2021-06-30" in problems["$.effective_from"]  # a valid example is shown

    def test_nested_list_paths(self) -> None:
        data = {
            "code": "C",
            "title": "T",
            "citation": {"source": "x"},
            "children": [
                {"code": "C1", "title": "ok", "citation": {"source": "x"}},
                {"code": "C2", "title": "", "citation": {"source": "x"}},
            ],
        }
        problems = self._problems(data, Priority)
        assert [path for path, _ in problems] == ["$.children[1].title"]

    def test_unknown_target_kind(self) -> None:
        problems = self._problems({"kind": "wish", "id": "x"}, Target)
        assert problems[0][0] == "$"
        assert "wish" in problems[0][1]

    def test_bad_json(self) -> None:
        with pytest.raises(StructureError, match="invalid JSON"):
            from_json("{", Citation)

    def test_bad_org_type(self) -> None:
        data = {"code": "RBD", "type": "hospital"}
        problems = self._problems(data, Organisation)
        assert problems[0][0] == "$.type"
