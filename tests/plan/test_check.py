"""check_plan: targets judged on the planned figures by the core, and the plan's own checks."""

from __future__ import annotations

from datetime import date

import pytest

from nhsplan.calendar import Month
from nhsplan.catalog import load_guidance
from nhsplan.errors import InvalidPlanError
from nhsplan.model import Observation, Plan, PlanLine, Status
from nhsplan.plan import FINDING_COLUMNS, Check, Severity, check_plan, check_plans


def _months(first: Month, n: int) -> list[Month]:
    out = [first]
    while len(out) < n:
        out.append(out[-1].next())
    return out


def _plan(
    org: str, metric: str, values: dict[str, str], org_type: str | None = "acute_trust"
) -> Plan:
    lines = [PlanLine(metric=metric, period=p, value=v) for p, v in values.items()]
    return Plan(org=org, edition="x", org_type=org_type, lines=lines)


RTT = "rtt_18_weeks_incomplete"
NOV = Observation(org="RBD", metric=RTT, period="2024-11", value="58.4 %")


class TestTargets:
    def test_the_issue_example_reads_as_one_sentence_citing_the_guidance(self) -> None:
        plan = _plan("RBD", RTT, {"2026-03": "61.2 %"})
        result = check_plan(plan, load_guidance("2025/26"), baseline=[NOV])
        (finding,) = [f for f in result.of(Severity.ERROR) if f.check is Check.TARGET]
        assert finding.message.startswith(
            "RBD's plan (x): RBD's 2026-03 figure, 61.2%, is below the 63.4% required "
            "(at least): November 2024's 58.4% plus 5 points (floor 60%). Guidance: "
            '"Against the November 2024 baseline'
        )
        assert "2025/26 priorities and operational planning guidance" in finding.citation
        assert finding.quote in finding.message
        assert not result.passed

    def test_a_planned_baseline_month_is_used_and_a_given_one_for_the_same_month_ignored(
        self,
    ) -> None:
        plan = _plan("RBD", RTT, {"2024-11": "50 %", "2026-03": "61.2 %"})
        other = Observation(org="RBD", metric=RTT, period="2024-11", value="58.4 %")
        result = check_plan(plan, load_guidance("2025/26"), baseline=[other])
        (finding,) = [
            f for f in result.findings if f.target == "rtt_18_weeks_trust_improvement_2025_26"
        ]
        assert finding.status is Status.MET  # 50 + 5 = 55, floor 60: 61.2 meets it
        assert finding.required is not None
        assert finding.required.magnitude == pytest.approx(60.0)

    def test_a_yearly_level_is_judged_on_the_year_pooled_by_the_core(self) -> None:
        minutes = {
            str(m): f"{v} minute"
            for m, v in zip(_months(Month(2025, 4), 12), [28, 32] * 6, strict=True)
        }
        plan = _plan("RYA", "ambulance_cat2_mean", minutes, org_type="ambulance_trust")
        result = check_plan(plan, load_guidance("standards"))
        yearly = [f for f in result.findings if f.target == "ambulance_cat2_mean_interim_2025_26"]
        assert [(str(f.period), f.status) for f in yearly] == [("2025/26", Status.MET)]
        assert yearly[0].planned is not None
        assert yearly[0].planned.magnitude == pytest.approx(30.0)  # the mean of 28 and 32

    def test_each_month_level_gives_a_finding_a_month(self) -> None:
        plan = _plan("RBD", "ae_4_hour", {"2018-04": "96 %", "2018-05": "94 %"})
        result = check_plan(plan, load_guidance("2017-19"))
        got = [(str(f.period), f.severity) for f in result.findings if f.check is Check.TARGET]
        assert got == [("2018-05", Severity.ERROR), ("2018-04", Severity.NOTE)]

    def test_as_of_stops_judging_later_months(self) -> None:
        plan = _plan("RBD", "ae_4_hour", {"2018-04": "96 %", "2018-05": "94 %"})
        result = check_plan(plan, load_guidance("2017-19"), as_of=date(2018, 4, 30))
        assert result.as_of == date(2018, 4, 30)
        targets = [f for f in result.findings if f.check is Check.TARGET]
        assert [(str(f.period), f.status) for f in targets] == [("2018-04", Status.MET)]

    def test_a_target_not_for_the_type_is_not_judged(self) -> None:
        plan = _plan("RBD", "ae_4_hour", {"2018-04": "90 %"}, org_type="mental_health_trust")
        result = check_plan(plan, load_guidance("2017-19"))
        assert [f for f in result.findings if f.check is Check.TARGET] == []


class TestPlanItself:
    def test_coverage_names_missing_months_and_unplanned_metrics(self) -> None:
        plan = _plan("RBD", "ae_4_hour", {"2018-04": "96 %", "2018-06": "96 %", "2018-07": "96 %"})
        result = check_plan(plan, load_guidance("2017-19"), as_of=date(2018, 9, 30))
        coverage = {f.metric: f for f in result.findings if f.check is Check.COVERAGE}
        assert coverage["ae_4_hour"].severity is Severity.WARNING
        assert "3 months (2018-05, 2018-08 to 2018-09)" in coverage["ae_4_hour"].message
        assert coverage["rtt_18_weeks_incomplete"].severity is Severity.ERROR
        assert "cancer_62_day" in coverage  # asked of acute trusts in 2017-19

    def test_without_a_type_only_planned_metrics_are_covered(self) -> None:
        plan = _plan("RBD", "ae_4_hour", {"2018-04": "96 %"}, org_type=None)
        result = check_plan(plan, load_guidance("2017-19"), as_of=date(2018, 4, 30))
        coverage = [f for f in result.findings if f.check is Check.COVERAGE]
        assert [f.severity for f in coverage] == [Severity.NOTE]

    def test_a_line_its_metric_cannot_hold_is_an_error_and_not_judged(self) -> None:
        plan = Plan(
            org="RBD",
            edition="2017-19",
            lines=[
                PlanLine(metric="ae_4_hour", period="2018-04", value="104 %"),
                PlanLine(metric="ae_4_hour", period="2018-05", value=91.0),
                PlanLine(metric="made_up_metric", period="2018-05", value=1.0),
            ],
        )
        result = check_plan(plan, load_guidance("2017-19"))
        consistency = [f for f in result.findings if f.check is Check.CONSISTENCY]
        assert [(f.severity, f.metric, str(f.period)) for f in consistency] == [
            (Severity.ERROR, "ae_4_hour", "2018-04"),
            (Severity.ERROR, "ae_4_hour", "2018-05"),
            (Severity.NOTE, "made_up_metric", "None"),
        ]
        assert [f for f in result.findings if f.check is Check.TARGET] == []

    def test_icb_sums_of_proportions_use_numerators_and_denominators(self) -> None:
        def plan(org: str, kind: str, num: int, den: int) -> Plan:
            line = PlanLine(metric="ae_4_hour", period="2025-03", numerator=num, denominator=den)
            return Plan(org=org, edition="x", org_type=kind, lines=[line])

        plans = [
            plan("QXX", "system", 15700, 20000),
            plan("RXA", "acute_trust", 7000, 10000),
            plan("RXB", "acute_trust", 8700, 10001),
        ]
        result = check_plans(plans, load_guidance("2024/25"))
        (sums,) = [f for f in result.findings if f.check is Check.SUM]
        assert "denominator 20,000 against 20,001" in sums.message
        assert "numerator" not in sums.message

    def test_a_plan_for_another_edition_is_noted(self) -> None:
        plan = _plan("RBD", "ae_4_hour", {"2018-04": "96 %"})
        result = check_plan(plan, load_guidance("2017-19"))
        notes = [f.message for f in result.findings if f.check is Check.CONSISTENCY]
        assert notes == ["RBD's plan (x): planned against edition x, checked against 2017-19."]

    def test_two_plans_of_one_org_and_no_plans_are_refused(self) -> None:
        plan = _plan("RBD", "ae_4_hour", {"2018-04": "96 %"})
        with pytest.raises(InvalidPlanError, match="two plans for RBD"):
            check_plans([plan, plan], load_guidance("2017-19"))
        with pytest.raises(InvalidPlanError, match="no plan"):
            check_plans([], load_guidance("2017-19"))

    def test_rows_are_plain_values_in_the_documented_columns(self) -> None:
        plan = _plan("RBD", RTT, {"2026-03": "61.2 %"})
        rows = check_plan(plan, load_guidance("2025/26"), baseline=[NOV]).rows()
        assert all(tuple(row) == FINDING_COLUMNS for row in rows)
        (row,) = [r for r in rows if r["target"] == "rtt_18_weeks_trust_improvement_2025_26"]
        assert (row["planned"], row["planned_unit"], row["required_unit"]) == (
            pytest.approx(61.2),
            "percent",
            "percent",
        )
        assert row["required"] == pytest.approx(63.4)
