"""The Medium Term Planning Framework (edition ``2026-29``) checked against its words.

The passages are recorded in ``tests/sources/2026-29.md`` (most are table cells read out of the
interleaved copy); values below are read from them, not from the data file.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import nhsplan
from nhsplan import FinancialYear, Guidance, OrgType
from nhsplan.calendar import Month
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.model import (
    BaselineScope,
    BaselineTarget,
    Combine,
    Comparison,
    Judgement,
    MilestoneTarget,
    Observation,
    Organisation,
    Scope,
    Status,
    ThresholdTarget,
)
from nhsplan.units import Quantity, quantity


@pytest.fixture(scope="module")
def guidance() -> Guidance:
    return nhsplan.load_guidance("2026-29")


def _baseline(guidance: Guidance, target_id: str) -> BaselineTarget:
    target = guidance.target(target_id)
    assert isinstance(target, BaselineTarget)
    return target


@attrs.frozen
class Row:
    """A threshold as its quote states it."""

    target: str
    quote: str
    comparison: Comparison
    value: Quantity
    basis: Judgement
    scope: Scope
    lifetime: tuple[date, date]


Y1 = (date(2026, 4, 1), date(2027, 3, 31))
ALL = (date(2026, 4, 1), date(2029, 3, 31))
Y3 = (date(2028, 4, 1), date(2029, 3, 31))
MONTH, AVERAGE, EACH = Judgement.DEADLINE_MONTH, Judgement.YEAR_AVERAGE, Judgement.EACH_MONTH
NAT, ORG = Scope.NATIONAL, Scope.ORGANISATION


def _pct(value: float) -> Quantity:
    return quantity(value, "percent")


def _min(value: float) -> Quantity:
    return quantity(value, "minute")


THRESHOLDS = [
    Row(
        "rtt_18_weeks_national_2026_27",
        "national performance target of 70%",
        Comparison.AT_LEAST,
        _pct(70),
        MONTH,
        NAT,
        Y1,
    ),
    Row(
        "rtt_18_weeks_2028_29",
        "at least 92% of patients are waiting 18 weeks or less",
        Comparison.AT_LEAST,
        _pct(92),
        MONTH,
        NAT,
        ALL,
    ),
    Row(
        "cancer_faster_diagnosis_2026_29",
        "at the new threshold of 80%",
        Comparison.AT_LEAST,
        _pct(80),
        EACH,
        NAT,
        ALL,
    ),
    Row(
        "cancer_31_day_trust_2026_27",
        "Every trust delivering 94% performance for 31-day",
        Comparison.AT_LEAST,
        _pct(94),
        MONTH,
        ORG,
        Y1,
    ),
    Row(
        "cancer_62_day_trust_2026_27",
        "80% performance for 62-day standards by March 2027",
        Comparison.AT_LEAST,
        _pct(80),
        MONTH,
        ORG,
        Y1,
    ),
    Row(
        "cancer_31_day_2028_29",
        "the 31-day standard at 96%",
        Comparison.AT_LEAST,
        _pct(96),
        EACH,
        NAT,
        Y3,
    ),
    Row(
        "cancer_62_day_2028_29",
        "62-day standard at 85%",
        Comparison.AT_LEAST,
        _pct(85),
        EACH,
        NAT,
        Y3,
    ),
    Row(
        "diagnostics_6_weeks_national_2026_27",
        "no more than 14% of patients waiting over 6 weeks",
        Comparison.AT_MOST,
        _pct(14),
        MONTH,
        NAT,
        Y1,
    ),
    Row(
        "diagnostics_6_weeks_2028_29",
        "no more than 1% of patients are waiting over 6 weeks",
        Comparison.AT_MOST,
        _pct(1),
        MONTH,
        NAT,
        ALL,
    ),
    Row(
        "ae_4_hour_trust_2026_27",
        "Every trust to maintain or improve to 82% by March 2027",
        Comparison.AT_LEAST,
        _pct(82),
        MONTH,
        ORG,
        Y1,
    ),
    Row(
        "ae_4_hour_2028_29",
        "National target of 85% as the average for the year",
        Comparison.AT_LEAST,
        _pct(85),
        AVERAGE,
        NAT,
        Y3,
    ),
    Row(
        "ambulance_cat2_mean_2026_27",
        "an average response time of 25 minutes",
        Comparison.AT_MOST,
        _min(25),
        AVERAGE,
        NAT,
        Y1,
    ),
    Row(
        "ambulance_cat2_mean_2028_29",
        "by the end of 2028/29 the average response time is 18",
        Comparison.AT_MOST,
        _min(18),
        MONTH,
        NAT,
        ALL,
    ),
    Row(
        "ambulance_cat2_p90_2028_29",
        "90% of calls responded to within 40 minutes",
        Comparison.AT_MOST,
        _min(40),
        MONTH,
        NAT,
        ALL,
    ),
    Row(
        "community_health_18_weeks_2026_27",
        "At least 78% of community health service",
        Comparison.AT_LEAST,
        _pct(78),
        AVERAGE,
        ORG,
        Y1,
    ),
    Row(
        "community_health_18_weeks_2028_29",
        "At least 80% of community health service",
        Comparison.AT_LEAST,
        _pct(80),
        AVERAGE,
        ORG,
        Y3,
    ),
    Row(
        "productivity_improvement_2026_29",
        "a sustained 2% year-on-year improvement in productivity over the next 3 years",
        Comparison.AT_LEAST,
        _pct(2),
        Judgement.EVERY_YEAR,  # issue 17: each year judged on its own
        ORG,
        ALL,
    ),
]


class TestEdition:
    def test_identity(self, guidance: Guidance) -> None:
        assert guidance.id == "2026-29"
        assert guidance.year == FinancialYear(2026)
        assert guidance.years == (FinancialYear(2026), FinancialYear(2027), FinancialYear(2028))
        assert guidance.published == date(2025, 10, 24)

    @pytest.mark.parametrize("alias", ["2026/27", "2026-27", "2026/29"])
    def test_aliases(self, guidance: Guidance, alias: str) -> None:
        assert nhsplan.load_guidance(alias) is guidance

    def test_the_reading_of_seven_percent_is_recorded(self, guidance: Guidance) -> None:
        assert any("percentage points" in note for note in guidance.notes)
        target = guidance.target("rtt_18_weeks_trust_2026_27")
        assert "7 percentage points" in target.description
        assert "baseline period is not stated" in target.description


class TestTargets:
    @pytest.mark.parametrize("row", THRESHOLDS, ids=[r.target for r in THRESHOLDS])
    def test_threshold(self, guidance: Guidance, row: Row) -> None:
        target = guidance.target(row.target)
        assert isinstance(target, ThresholdTarget)
        assert row.quote in target.citation.quote
        assert target.comparison is row.comparison
        assert target.value == row.value
        assert target.basis is row.basis
        assert target.scope is row.scope
        assert target.lifetime == row.lifetime

    def test_rtt_by_march_2029(self, guidance: Guidance) -> None:
        target = guidance.target("rtt_18_weeks_2028_29")
        assert target.deadline is not None
        assert target.deadline.judged_month == Month(2029, 3)

    def test_every_trust_seven_points_or_65(self, guidance: Guidance) -> None:
        target = _baseline(guidance, "rtt_18_weeks_trust_2026_27")
        assert "a minimum 7% improvement in 18-week performance or a minimum of 65%" in (
            target.citation.quote
        )
        assert "whichever is greater" in target.citation.quote
        assert target.points
        assert target.change == _pct(7)
        assert target.or_level == _pct(65)
        assert target.whichever is Combine.HIGHEST
        (baseline,) = target.baselines
        assert baseline.scope is BaselineScope.LOCAL
        assert baseline.period == Month(2026, 3)
        assert "assumed" in baseline.label
        levels = [target.required_from({baseline.label: _pct(v)}) for v in (55, 58, 62)]
        assert levels == [_pct(65), _pct(65), _pct(69)]

    def test_every_system_three_points_or_20(self, guidance: Guidance) -> None:
        """Lower is better: 'whichever level of improvement is greater' is the lower level."""
        target = _baseline(guidance, "diagnostics_6_weeks_system_2026_27")
        assert target.scope is Scope.SYSTEM
        assert target.comparison is Comparison.AT_MOST
        assert target.whichever is Combine.LOWEST
        (baseline,) = target.baselines
        levels = [target.required_from({baseline.label: _pct(v)}) for v in (25, 21)]
        assert levels == [_pct(20), _pct(18)]

    def test_agency_30_percent_national(self, guidance: Guidance) -> None:
        target = _baseline(guidance, "agency_spend_reduction_2026_27")
        assert "30% reduction in agency use in 2026/27" in target.citation.quote
        assert target.relative
        assert target.scope is Scope.NATIONAL


class TestFunding:
    def test_revenue_2028_29(self, guidance: Guidance) -> None:
        fund = next(f for f in guidance.funding if f.id == "nhs_revenue_2028_29")
        assert fund.amount == quantity(226e9, "GBP")
        assert fund.period == FinancialYear(2028)


def _obs(org: str, metric: str, month: Month, percent: float) -> Observation:
    return Observation(
        org=org, metric=metric, period=month, numerator=round(percent * 100), denominator=10_000
    )


class TestEvaluates:
    def test_a_trust_in_april_2027(self, guidance: Guidance) -> None:
        trust = Organisation(code="RXX", name="A trust", type=OrgType.ACUTE_TRUST)
        observations = [
            _obs("RXX", "rtt_18_weeks_incomplete", Month(2026, 3), 60),
            _obs("RXX", "rtt_18_weeks_incomplete", Month(2027, 3), 66),
            _obs("RXX", "ae_4_hour", Month(2027, 3), 83),
            _obs("RXX", "cancer_62_day", Month(2027, 3), 78),
        ]
        report = evaluate_guidance(guidance, observations, as_of=date(2027, 4, 30), orgs=[trust])
        status = {a.target: a for a in report.assessments}
        rtt = status["rtt_18_weeks_trust_2026_27"]
        assert rtt.status is Status.NOT_MET  # 60 % + 7 points = 67 % > 65 % floor
        assert rtt.required is not None
        assert rtt.required.magnitude == pytest.approx(67)
        assert status["ae_4_hour_trust_2026_27"].status is Status.MET
        assert status["cancer_62_day_trust_2026_27"].status is Status.NOT_MET
        assert status["cancer_31_day_trust_2026_27"].status is Status.NO_DATA
        assert status["rtt_18_weeks_national_2026_27"].status is Status.NOT_APPLICABLE
        assert status["rtt_18_weeks_2028_29"].status is Status.NOT_APPLICABLE  # national

    def test_england_in_april_2027(self, guidance: Guidance) -> None:
        england = Organisation(code="ENGLAND", name="England", type=OrgType.NATIONAL)
        observations = [_obs("ENGLAND", "rtt_18_weeks_incomplete", Month(2027, 3), 70.5)]
        report = evaluate_guidance(guidance, observations, as_of=date(2027, 4, 30), orgs=[england])
        status = {a.target: a.status for a in report.assessments}
        assert status["rtt_18_weeks_national_2026_27"] is Status.MET
        assert status["rtt_18_weeks_2028_29"] is Status.NOT_DUE  # judged on March 2029
        assert status["rtt_18_weeks_trust_2026_27"] is Status.NOT_APPLICABLE  # asks trusts


# --- issue 17 item 5: the national objectives the framework states that were missing -----------

Y2 = (date(2027, 4, 1), date(2028, 3, 31))
TOTAL = Judgement.PERIOD_TOTAL

OBJECTIVE_THRESHOLDS = [
    Row(
        "ae_4_hour_paediatric_2026_27",
        "paediatric performance, with the expectation of returning to 95%",
        Comparison.AT_LEAST,
        _pct(95),
        MONTH,
        ORG,
        Y1,
    ),
    *(
        Row(
            f"urgent_dental_appointments_{y}",
            "Deliver 700,000 additional urgent dental appointments",
            Comparison.AT_LEAST,
            quantity(700_000, "appointment"),
            TOTAL,
            NAT,
            life,
        )
        for y, life in (("2026_27", Y1), ("2027_28", Y2), ("2028_29", Y3))
    ),
    Row("mhst_coverage_2026_27", "77% coverage", Comparison.AT_LEAST, _pct(77), MONTH, NAT, Y1),
    Row("mhst_coverage_2028_29", "94% coverage", Comparison.AT_LEAST, _pct(94), MONTH, NAT, Y3),
    Row(
        "ips_access_2026_27",
        "63,500 accessing Individual Placement and Support by the end of 2026/27",
        Comparison.AT_LEAST,
        quantity(63_500, "person"),
        MONTH,
        NAT,
        Y1,
    ),
    Row(
        "ips_access_2028_29",
        "73,500 accessing Individual Placement and Support by the end of 2028/29",
        Comparison.AT_LEAST,
        quantity(73_500, "person"),
        MONTH,
        NAT,
        Y3,
    ),
    Row(
        "talking_therapies_courses_2026_27",
        "805,000 courses of NHS Talking Therapies",
        Comparison.AT_LEAST,
        quantity(805_000, "count"),
        TOTAL,
        NAT,
        Y1,
    ),
    Row(
        "talking_therapies_courses_2028_29",
        "915,000 courses of NHS Talking Therapies",
        Comparison.AT_LEAST,
        quantity(915_000, "count"),
        TOTAL,
        NAT,
        Y3,
    ),
    Row(
        "talking_therapies_reliable_recovery_2026_27",
        "with 51% reliable recovery rate",
        Comparison.AT_LEAST,
        _pct(51),
        AVERAGE,
        NAT,
        Y1,
    ),
    Row(
        "talking_therapies_reliable_improvement_2026_27",
        "69% reliable improvement rate",
        Comparison.AT_LEAST,
        _pct(69),
        AVERAGE,
        NAT,
        Y1,
    ),
    Row(
        "talking_therapies_reliable_recovery_2028_29",
        "with 53% reliable recovery rate",
        Comparison.AT_LEAST,
        _pct(53),
        AVERAGE,
        NAT,
        Y3,
    ),
    Row(
        "talking_therapies_reliable_improvement_2028_29",
        "71% reliable improvement rate",
        Comparison.AT_LEAST,
        _pct(71),
        AVERAGE,
        NAT,
        Y3,
    ),
    *(
        Row(
            f"medical_job_plans_{y}",
            "for each year, ensure that 95% of medical job plans are signed-off",
            Comparison.AT_LEAST,
            _pct(95),
            AVERAGE,
            ORG,
            life,
        )
        for y, life in (("2026_27", Y1), ("2027_28", Y2), ("2028_29", Y3))
    ),
]


class TestNationalObjectives:
    @pytest.mark.parametrize(
        "row", OBJECTIVE_THRESHOLDS, ids=[r.target for r in OBJECTIVE_THRESHOLDS]
    )
    def test_threshold(self, guidance: Guidance, row: Row) -> None:
        target = guidance.target(row.target)
        assert isinstance(target, ThresholdTarget)
        assert row.quote in target.citation.quote
        assert target.comparison is row.comparison
        assert target.value == row.value
        assert target.basis is row.basis
        assert target.scope is row.scope
        assert target.lifetime == row.lifetime

    @pytest.mark.parametrize(
        ("target_id", "previous", "lifetime"),
        [
            ("gp_access_experience_2026_27", 2025, Y1),
            ("gp_access_experience_2027_28", 2026, Y2),
            ("gp_access_experience_2028_29", 2027, Y3),
            ("ae_12_hour_2027_28", 2026, Y2),
            ("ae_12_hour_2028_29", 2027, Y3),
        ],
    )
    def test_year_on_year_each_year_on_its_own(
        self, guidance: Guidance, target_id: str, previous: int, lifetime: tuple[date, date]
    ) -> None:
        """'Year-on-year': each year strictly above the year before, judged on its own."""
        target = _baseline(guidance, target_id)
        (baseline,) = target.baselines
        assert baseline.period == FinancialYear(previous)
        assert target.comparison is Comparison.ABOVE
        assert target.change == _pct(0)
        assert target.lifetime == lifetime
        assert "year-on-year" in (target.citation.quote + target.description).lower()

    @pytest.mark.parametrize(
        ("target_id", "march"),
        [
            ("ld_autism_inpatient_reduction_2026_27", 2026),
            ("ld_autism_inpatient_reduction_2027_28", 2027),
            ("ld_autism_inpatient_reduction_2028_29", 2028),
        ],
    )
    def test_ld_ten_percent_every_year(
        self, guidance: Guidance, target_id: str, march: int
    ) -> None:
        target = _baseline(guidance, target_id)
        (baseline,) = target.baselines
        assert baseline.period == Month(march, 3)
        assert target.relative
        assert target.change == _pct(-10)
        assert "a minimum 10% reduction year-on-year" in target.citation.quote
        assert target.deadline is not None
        assert target.deadline.judged_month == Month(march + 1, 3)

    def test_out_of_area_placements_fewer_by_march_2027(self, guidance: Guidance) -> None:
        target = _baseline(guidance, "out_of_area_placements_2026_27")
        assert target.comparison is Comparison.BELOW
        (baseline,) = target.baselines
        assert baseline.period == Month(2026, 3)
        assert "by end of March 2027" in target.citation.quote

    @pytest.mark.parametrize(
        ("target_id", "year_end"),
        [
            ("job_planned_activity_monitoring_2026_27", date(2027, 3, 31)),
            ("job_planned_activity_tracking_2027_28", date(2028, 3, 31)),
            ("multiprofessional_job_planning_2028_29", date(2029, 3, 31)),
        ],
    )
    def test_job_planning_milestones(
        self, guidance: Guidance, target_id: str, year_end: date
    ) -> None:
        target = guidance.target(target_id)
        assert isinstance(target, MilestoneTarget)
        assert target.deadline is not None
        assert target.deadline.end == year_end
        assert target.applies_to == OrgType.providers()

    @pytest.mark.parametrize(
        "requirement",
        [
            "icb_urgent_dental_share_2026_29",
            "same_day_urgent_appointments_2026_29",
            "out_of_area_placements_2028_29",
            "nhs_app_appointments_2026_29",
            "mental_health_eds_plan_2026_27",
            "sickness_absence_2026_29",
        ],
    )
    def test_what_no_figure_judges_says_why(self, guidance: Guidance, requirement: str) -> None:
        assert "not " in guidance.requirement(requirement).text
