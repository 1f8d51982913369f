"""The 2022/23 edition checked against the quotes it was transcribed from.

Every value, date and scope below is read from the passages recorded in
``tests/sources/2022-23.md`` (the guidance's own target text was not retrievable), not from the
data file.
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
    Comparison,
    EliminationTarget,
    Judgement,
    Observation,
    Organisation,
    Scope,
    Status,
    ThresholdTarget,
)
from nhsplan.units import quantity


@pytest.fixture(scope="module")
def guidance() -> Guidance:
    return nhsplan.load_guidance("2022/23")


def _threshold(guidance: Guidance, target_id: str) -> ThresholdTarget:
    target = guidance.target(target_id)
    assert isinstance(target, ThresholdTarget)
    return target


class TestEdition:
    def test_identity(self, guidance: Guidance) -> None:
        assert guidance.id == "2022/23"
        assert guidance.year == FinancialYear(2022)
        assert guidance.published == date(2021, 12, 24)

    @pytest.mark.parametrize("alias", ["2022-23", "2022/2023"])
    def test_aliases(self, guidance: Guidance, alias: str) -> None:
        assert nhsplan.load_guidance(alias) is guidance


@attrs.frozen
class Row:
    """A threshold as its quote states it."""

    target: str
    quote: str
    comparison: Comparison
    value: float
    month: Month | None
    basis: Judgement
    scope: Scope


THRESHOLDS = [
    Row(
        "elective_activity_completed_pathways_2022_23",
        "at least 110% of baseline on a completed pathway basis over the course of 2022/23",
        Comparison.AT_LEAST,
        110,
        None,
        Judgement.YEAR_AVERAGE,
        Scope.NATIONAL,
    ),
    Row(
        "elective_value_weighted_activity_2022_23",
        "more than 104% of pre-pandemic value weighted elective activity levels nationally",
        Comparison.ABOVE,
        104,
        None,
        Judgement.YEAR_AVERAGE,
        Scope.NATIONAL,
    ),
    Row(
        "diagnostics_6_weeks_2022_23",
        "least 95% of patients receiving tests within 6 weeks by March 2025",
        Comparison.AT_MOST,
        5,
        Month(2025, 3),
        Judgement.DEADLINE_MONTH,
        Scope.NATIONAL,
    ),
    Row(
        "cancer_faster_diagnosis_2022_23",
        "By March 2024, have at least 75% of urgent cancer referrals receiving a diagnosis",
        Comparison.AT_LEAST,
        75,
        Month(2024, 3),
        Judgement.DEADLINE_MONTH,
        Scope.ORGANISATION,  # issue 17: one scope with 2023/24
    ),
    Row(
        "urgent_community_response_2h_2022_23",
        "reach at least 70% of patients referred to them within two hours by December 2022",
        Comparison.AT_LEAST,
        70,
        Month(2022, 12),
        Judgement.DEADLINE_MONTH,
        Scope.ORGANISATION,
    ),
]


class TestTargets:
    @pytest.mark.parametrize("row", THRESHOLDS, ids=[r.target for r in THRESHOLDS])
    def test_threshold(self, guidance: Guidance, row: Row) -> None:
        target = _threshold(guidance, row.target)
        assert row.quote in target.citation.quote
        assert target.comparison is row.comparison
        assert target.value == quantity(row.value, "percent")
        assert target.basis is row.basis
        assert target.scope is row.scope
        if row.month is not None:
            assert target.deadline is not None
            assert target.deadline.judged_month == row.month

    @pytest.mark.parametrize(
        ("target_id", "start", "until", "month"),
        [
            # "eliminate waits of over 104 weeks ... by July 2022 and maintain this position
            # through 2022/23"
            ("rtt_104_week_waits_2022_23", date(2022, 7, 1), date(2023, 3, 31), None),
            # "by April 2023 no one waits longer than 18 months"
            ("rtt_78_week_waits_2022_23", date(2022, 4, 1), date(2023, 4, 30), Month(2023, 4)),
            # "by March 2025, elective care waits of more than one year should be eliminated"
            ("rtt_52_week_waits_2022_23", date(2022, 4, 1), date(2025, 3, 31), Month(2025, 3)),
        ],
    )
    def test_long_waits(
        self, guidance: Guidance, target_id: str, start: date, until: date, month: Month | None
    ) -> None:
        target = guidance.target(target_id)
        assert isinstance(target, EliminationTarget)
        assert target.lifetime == (start, until)
        if month is None:  # issue 17: maintained through the window, every month judged
            assert target.basis is Judgement.EVERY_MONTH
        else:
            assert target.deadline is not None
            assert target.deadline.judged_month == month

    def test_104_weeks_is_judged_every_month_from_july(self, guidance: Guidance) -> None:
        target = guidance.target("rtt_104_week_waits_2022_23")
        assert not target.in_force(date(2022, 6, 30))
        assert target.in_force(date(2022, 7, 1))
        assert target.in_force(date(2023, 3, 31))

    def test_cancer_backlog_back_to_pre_pandemic(self, guidance: Guidance) -> None:
        target = guidance.target("cancer_62_day_backlog_2022_23")
        assert isinstance(target, BaselineTarget)
        (baseline,) = target.baselines
        assert baseline.period == Month(2020, 2)
        assert baseline.scope is BaselineScope.NATIONAL
        assert target.required_from({baseline.label: quantity(20_000, "patient")}) == quantity(
            20_000, "patient"
        )
        assert target.deadline is not None
        assert target.deadline.judged_month == Month(2023, 3)

    def test_virtual_wards_lower_end_of_the_range(self, guidance: Guidance) -> None:
        target = _threshold(guidance, "virtual_ward_capacity_2022_23")
        assert target.value == quantity(40, "bed")
        assert "40-50" in target.citation.quote

    def test_web_sources_are_cited(self, guidance: Guidance) -> None:
        assert guidance.target("rtt_104_week_waits_2022_23").citation.source == (
            "nhsconfed_104_weeks_2022_05"
        )


class TestFunding:
    def test_elective_recovery(self, guidance: Guidance) -> None:
        fund = next(f for f in guidance.funding if f.id == "elective_recovery_2022_23")
        assert fund.amount == quantity(2.3e9, "GBP")
        assert fund.period == FinancialYear(2022)

    def test_total_for_the_year(self, guidance: Guidance) -> None:
        # £2.3bn elective recovery + £200m virtual wards; the £250m is 2023/24's
        assert guidance.funding_total(period=FinancialYear(2022)) == quantity(2.5e9, "GBP")


class TestEvaluates:
    def test_a_trust_in_2023(self, guidance: Guidance) -> None:
        trust = Organisation(code="RXX", name="A trust", type=OrgType.ACUTE_TRUST)
        observations = [
            Observation(
                org="RXX",
                metric="rtt_78_week_waiters",
                period=Month(2023, 4),
                value=quantity(3, "pathway"),
            ),
            *(
                Observation(
                    org="RXX",
                    metric="rtt_104_week_waiters",
                    period=month,
                    value=quantity(0, "pathway"),
                )
                for month in FinancialYear(2022).months()
            ),
        ]
        report = evaluate_guidance(guidance, observations, as_of=date(2023, 5, 31), orgs=[trust])
        status = {a.target: a.status for a in report.assessments}
        assert status["rtt_78_week_waits_2022_23"] is Status.NOT_MET
        assert status["rtt_104_week_waits_2022_23"] is Status.MET
        # national ambitions are judged on England's figure, not the trust's
        assert status["elective_activity_completed_pathways_2022_23"] is Status.NOT_APPLICABLE
        # a target for community trusts and systems asks nothing of an acute trust
        assert status["urgent_community_response_2h_2022_23"] is Status.NOT_APPLICABLE


class TestNationalObjectives:
    """Issue 17 item 5: objectives the guidance states that the edition lacked."""

    def test_nhs111_clinical_input_over_half(self, guidance: Guidance) -> None:
        target = _threshold(guidance, "nhs111_clinical_input_2022_23")
        assert ">50% of calls received having clinical input" in target.citation.quote
        assert target.citation.source == "nhse_guidance_2022_23"
        assert not target.citation.secondary
        assert target.comparison is Comparison.ABOVE  # '>50%': strictly above
        assert target.value == quantity(50, "percent")
        assert target.scope is Scope.NATIONAL
        assert target.basis is Judgement.YEAR_AVERAGE
        assert target.lifetime == (date(2022, 4, 1), date(2023, 3, 31))
