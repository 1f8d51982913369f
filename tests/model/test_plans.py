"""Plan and PlanLine: validated where they are built, each error naming field and example."""

from __future__ import annotations

import pytest

from nhsplan.calendar import Month
from nhsplan.errors import InvalidPlanError, InvalidValueError
from nhsplan.model import OrgType, Plan, PlanLine


def _line(**kw: object) -> PlanLine:
    return PlanLine(**{"metric": "ae_4_hour", "period": "2019-03", **kw})  # type: ignore[arg-type]


class TestPlanLine:
    def test_value_or_ratio(self) -> None:
        assert str(_line(value="91.5 %").observation("RBD").amount) == "91.5 %"
        line = _line(numerator=915, denominator=1000)
        assert line.has_ratio
        assert line.ratio is not None
        assert line.ratio.magnitude == pytest.approx(91.5)
        assert line.observation("RBD").numerator == 915

    def test_all_three_are_kept_and_judged_on_the_ratio(self) -> None:
        line = _line(value="61.2 %", numerator=600, denominator=1000)
        assert line.value is not None
        assert line.observation("RBD").amount.magnitude == pytest.approx(60.0)

    @pytest.mark.parametrize(
        ("kw", "field"),
        [
            ({}, "value"),
            ({"numerator": 5}, "denominator"),
            ({"denominator": 5}, "numerator"),
            ({"numerator": 0, "denominator": 0}, "denominator"),
            ({"numerator": 6, "denominator": 5}, "numerator"),
            ({"value": "abc"}, "value"),
            ({"period": "2019-13", "value": 1}, "period"),
        ],
    )
    def test_bad_lines_name_their_field(self, kw: dict[str, object], field: str) -> None:
        with pytest.raises(InvalidPlanError) as err:
            _line(**kw)
        assert err.value.field == field
        assert "for example" in str(err.value)

    def test_metric_must_be_an_id(self) -> None:
        with pytest.raises(InvalidValueError, match="metric"):
            _line(metric="A&E 4 hours", value=1)


class TestPlan:
    def test_org_upper_case_and_type_from_text(self) -> None:
        plan = Plan(org="rbd", edition="2025/26", org_type="ACUTE_TRUST", lines=[_line(value=1)])
        assert plan.org == "RBD"
        assert plan.org_type is OrgType.ACUTE_TRUST
        assert plan.label == "RBD's plan (2025/26)"

    def test_a_month_planned_twice_is_refused_naming_both_lines(self) -> None:
        with pytest.raises(InvalidPlanError, match="lines 1 and 2"):
            Plan(org="RBD", edition="2025/26", lines=[_line(value=1), _line(value=2)])

    def test_bad_type_edition_and_lines(self) -> None:
        with pytest.raises(InvalidPlanError, match="organisation type"):
            Plan(org="RBD", edition="x", org_type="trust", lines=[])
        with pytest.raises(InvalidPlanError, match="edition"):
            Plan(org="RBD", edition=" ", lines=[])
        with pytest.raises(InvalidPlanError, match="not a PlanLine"):
            Plan(org="RBD", edition="x", lines=["ae_4_hour"])  # type: ignore[list-item]

    def test_months_span_every_metric_and_lines_sort(self) -> None:
        plan = Plan(
            org="RBD",
            edition="x",
            lines=[
                _line(period="2019-03", value=1),
                _line(period="2019-01", value=1),
                _line(metric="ae_12_hour", period="2018-12", value=1),
            ],
        )
        assert plan.months() == (Month(2018, 12), Month(2019, 1), Month(2019, 2), Month(2019, 3))
        assert [str(x.period) for x in plan.lines_of("ae_4_hour")] == ["2019-01", "2019-03"]
        assert plan.metrics() == ("ae_4_hour", "ae_12_hour")
