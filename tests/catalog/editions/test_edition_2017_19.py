"""The 2017-19 edition checked against its seed, a feature on the two-year guidance (seed 003)."""

from __future__ import annotations

import re
from datetime import date

import pytest

import nhsplan
from nhsplan import (
    Comparison,
    FinancialYear,
    MilestoneTarget,
    OrgType,
    ScoringKind,
    ThresholdTarget,
)
from nhsplan.model import Framework, Guidance, Polarity
from nhsplan.units import Quantity, quantity
from tests import paths

SEED = "003_0a0a5c14aefc3ec4.txt"
SHARED = paths.SHARED
DASH = "\N{EN DASH}"  # the seed writes year ranges with an en dash

MUST_DOS = [
    ("MD1", "Continued development and achievement of milestones of local STPs"),
    ("MD2", "Achieve financial controls and put in place more efficient processes"),
    ("MD3", "Implement the General Practice Forward View"),
    ("MD4", "Deliver urgent care and seven-day working"),
    ("MD5", "Deliver referral to treatment standards"),
    ("MD6", "Deliver cancer referral to treatment standards"),
    ("MD7", "Implement the Mental Health Forward View"),
    ("MD8", "Enhance care for people with learning disabilities"),
    ("MD9", "Improve quality of care in organisations that are in special measures"),
]


def _guidance() -> Guidance:
    return nhsplan.load_guidance("2017-19")


def _framework(framework_id: str) -> Framework:
    return _guidance().framework(framework_id)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class TestEdition:
    def test_identity(self) -> None:
        g = _guidance()
        assert g.id == "2017-19"
        assert g.title == f"NHS Operational Planning and Contracting Guidance 2017{DASH}2019"
        assert g.year == FinancialYear(2017)
        assert g.years == (FinancialYear(2017), FinancialYear(2018))
        assert g.citation.source == SEED
        assert g.published is None  # the seed says only "In September" (2016)
        assert any("September 2016" in note for note in g.notes)

    def test_also_loads_as_2017_19_with_slash(self) -> None:
        assert nhsplan.load_guidance("2017/19") is _guidance()

    def test_counts(self) -> None:
        g = _guidance()
        assert len(g.priorities) == 5
        assert sum(len(p.children) for p in g.priorities) == 9
        assert len(g.requirements) == 34
        assert len(g.metrics) == 12  # 3, and 9 for the standards behind must dos 4-7 (issue 17)
        assert len(g.targets) == 15  # 5, and 10 for the standards behind must dos 4-7 (issue 17)
        assert len(g.funding) == 10
        assert len(g.frameworks) == 2


class TestPriorities:
    def test_top_level(self) -> None:
        assert [p.code for p in _guidance().priorities] == ["MD", "EC", "SF", "SCT", "PERF"]

    def test_nine_must_dos_in_order(self) -> None:
        must_dos = _guidance().priority("MD")
        assert must_dos.title == "Nine must dos"
        assert [(p.code, p.title) for p in must_dos.children] == MUST_DOS

    @pytest.mark.parametrize(("code", "title"), MUST_DOS)
    def test_must_do_has_a_requirement(self, code: str, title: str) -> None:
        g = _guidance()
        assert g.priority(code).citation.section == "§What are the priorities?"
        assert [r.text for r in g.requirements if r.priority == code]

    @pytest.mark.parametrize(
        ("code", "section"),
        [
            ("EC", "§Evolution of commissioning"),
            ("SF", "§STP funding"),
            ("SCT", "§System control totals"),
            ("PERF", "§Managing the performance of the health system"),
        ],
    )
    def test_heading_priorities(self, code: str, section: str) -> None:
        p = _guidance().priority(code)
        assert p.citation.source == SEED
        assert p.citation.section == section
        assert p.title == section.removeprefix("§")


class TestMilestones:
    @pytest.mark.parametrize(
        ("target_id", "words", "resolved", "applies_to"),
        [
            ("gpfv_plan_submitted", "by 23 December 2016", date(2016, 12, 23), {OrgType.CCG}),
            (
                "contracts_2017_19_signed",
                "by 23 December 2016",
                date(2016, 12, 23),
                {OrgType.CCG} | OrgType.providers(),
            ),
            (
                "ccg_delegated_primary_care_commissioning",
                "by the end of 2018\u201319",  # the seed's en dash
                date(2019, 3, 31),
                {OrgType.CCG},
            ),
        ],
    )
    def test_milestone(
        self, target_id: str, words: str, resolved: date, applies_to: set[OrgType]
    ) -> None:
        t = _guidance().target(target_id)
        assert isinstance(t, MilestoneTarget)
        assert t.deadline is not None
        assert t.deadline.words == words
        assert t.deadline.resolved == resolved
        assert t.applies_to == applies_to


class TestThresholds:
    def test_three_pounds_per_head(self) -> None:
        t = _guidance().target("gpfv_transformation_spend_per_head")
        assert isinstance(t, ThresholdTarget)
        assert t.comparison is Comparison.AROUND  # "around £3 per head", not at least £3
        assert t.value == quantity(3, "GBP / person")
        assert t.value == quantity("£3 per head")
        assert t.applies_to == {OrgType.CCG}
        assert t.effective_from == date(2017, 4, 1)
        assert "around" in t.description
        assert _guidance().metric(t.metric).unit == "GBP / person"

    def test_mental_health_therapists(self) -> None:
        t = _guidance().target("gpfv_mental_health_therapists")
        assert isinstance(t, ThresholdTarget)
        assert t.comparison is Comparison.AT_LEAST
        assert t.value == quantity(3000, "person")
        assert t.applies_to == {OrgType.NATIONAL}

    def test_find_by_unit(self) -> None:
        per_head = [
            t.id
            for t in _guidance().targets
            if isinstance(t, ThresholdTarget) and t.value.unit == "GBP / person"
        ]
        assert per_head == ["gpfv_transformation_spend_per_head"]


class TestFunding:
    @pytest.mark.parametrize(
        ("funding_id", "amount", "year"),
        [
            ("gpfv_online_consultation_2017_18", quantity(15_000_000, "GBP"), 2017),
            ("gpfv_online_consultation_2018_19", quantity(20_000_000, "GBP"), 2018),
            ("gpfv_care_navigators_2016_17", quantity(5_000_000, "GBP"), 2016),
            ("gpfv_care_navigators_2017_18", quantity(10_000_000, "GBP"), 2017),
            ("gpfv_care_navigators_2018_19", quantity(10_000_000, "GBP"), 2018),
            ("gpfv_resilience_2016_17", quantity(16_000_000, "GBP"), 2016),
            ("gpfv_resilience_2017_18", quantity(8_000_000, "GBP"), 2017),
            ("gpfv_resilience_2018_19", quantity(8_000_000, "GBP"), 2018),
            ("primary_care_2017_18", quantity(8_000_000_000, "GBP"), 2017),
            ("primary_care_2018_19", quantity(8_300_000_000, "GBP"), 2018),
        ],
    )
    def test_amount_per_year(self, funding_id: str, amount: Quantity, year: int) -> None:
        f = next(f for f in _guidance().funding if f.id == funding_id)
        assert f.amount == amount
        assert f.period == FinancialYear(year)
        assert f.citation.quote

    def test_primary_care_is_approximate(self) -> None:
        f = next(f for f in _guidance().funding if f.id == "primary_care_2017_18")
        assert "around" in f.description
        assert "around" in f.citation.quote

    def test_gpfv_totals(self) -> None:
        funding = {f.id: f.amount.magnitude for f in _guidance().funding}
        gpfv = [v for k, v in funding.items() if k.startswith("gpfv_")]
        assert sum(gpfv) == 92_000_000  # 15 + 20 + 5 + 10 + 10 + 16 + 8 + 8 (£m)


class TestRequirements:
    @pytest.mark.parametrize(
        ("req_id", "priority", "owners", "deadline"),
        [
            ("gpfv_plan", "MD3", {OrgType.CCG}, date(2016, 12, 23)),
            (
                "ec_two_year_contracts",
                "EC",
                {OrgType.CCG} | OrgType.providers(),
                date(2016, 12, 23),
            ),
            ("ec_delegated_commissioning", "EC", {OrgType.CCG}, date(2019, 3, 31)),
            (
                "sf_diabetes_prevention",
                "SF",
                {OrgType.NATIONAL, OrgType.GP_PRACTICE},
                date(2019, 3, 31),
            ),
            ("perf_single_oversight_framework", "PERF", OrgType.providers(), date(2016, 10, 1)),
        ],
    )
    def test_dated(self, req_id: str, priority: str, owners: set[OrgType], deadline: date) -> None:
        r = _guidance().requirement(req_id)
        assert r.priority == priority
        assert r.owners == owners
        assert r.deadline is not None
        assert r.deadline.resolved == deadline

    @pytest.mark.parametrize(
        ("req_id", "priority", "owners"),
        [
            ("gpfv_improving_access", "MD3", {OrgType.CCG}),
            ("gpfv_estates_technology", "MD3", {OrgType.CCG, OrgType.GP_PRACTICE}),
            ("gpfv_national_gp_trainees", "MD3", {OrgType.NATIONAL}),
            ("gpfv_national_it", "MD3", {OrgType.NATIONAL}),
            ("gpfv_national_screening_immunisation", "MD3", {OrgType.NATIONAL}),
            ("gpfv_national_mh_therapists", "MD3", {OrgType.NATIONAL}),
            ("gpfv_transformation_spend", "MD3", {OrgType.CCG}),
            ("ec_bcf_joint_plan", "EC", {OrgType.CCG}),
            ("sf_stp_funding_conditions", "SF", OrgType.providers()),
            ("sf_nhs_health_check", "SF", {OrgType.GP_PRACTICE}),
            ("sct_system_control_total", "SCT", {OrgType.SYSTEM}),
            ("sct_organisation_control_totals", "SCT", {OrgType.CCG} | OrgType.providers()),
            ("perf_ccg_iaf", "PERF", {OrgType.CCG}),
        ],
    )
    def test_owners(self, req_id: str, priority: str, owners: set[OrgType]) -> None:
        r = _guidance().requirement(req_id)
        assert r.priority == priority
        assert r.owners == owners

    def test_original_deadline_words_kept_in_text(self) -> None:
        g = _guidance()
        assert f"by the end of 2018{DASH}19" in g.requirement("ec_delegated_commissioning").text
        assert f"over 2017{DASH}2019" in g.requirement("sf_diabetes_prevention").text

    def test_bcf_plan_covers_two_years(self) -> None:
        text = _guidance().requirement("ec_bcf_joint_plan").text
        assert "next two years" in text
        assert "Health and Wellbeing Boards" in text

    def test_health_check_ages(self) -> None:
        assert f"40{DASH}74" in _guidance().requirement("sf_nhs_health_check").text

    def test_stp_funding_conditional_on_control_totals(self) -> None:
        assert "control totals" in _guidance().requirement("sf_stp_funding_conditions").text

    def test_system_control_total_is_the_sum(self) -> None:
        g = _guidance()
        assert "sum of the control totals" in g.requirement("sct_system_control_total").text
        m = g.metric("system_control_total")
        assert (m.unit, m.kind, m.polarity) == ("GBP", ScoringKind.MONEY, Polarity.NEUTRAL)

    def test_sof_start_cites_reference(self) -> None:
        c = _guidance().requirement("perf_single_oversight_framework").citation
        assert c.source == "REFERENCE.md"
        assert c.section == "§Oversight and assessment: NHS Improvement guidance"
        assert not c.unconfirmed


class TestCcgImprovementAndAssessmentFramework:
    def test_identity(self) -> None:
        f = _framework("ccg_improvement_assessment_framework")
        assert f.applies_to == {OrgType.CCG}
        assert f.citation.section == "§The CCG improvement and assessment framework"

    def test_four_domains(self) -> None:
        domains = _framework("ccg_improvement_assessment_framework").domains
        assert [(d.number, d.name) for d in domains] == [
            (1, "Better health"),
            (2, "Better care"),
            (3, "Sustainability"),
            (4, "Leadership"),
        ]
        assert all(d.description for d in domains)

    def test_six_clinical_areas(self) -> None:
        areas = _framework("ccg_improvement_assessment_framework").clinical_areas
        assert [a.name for a in areas] == [
            "Maternity",
            "Mental health",
            "Learning disabilities",
            "Dementia",
            "Diabetes",
            "Cancer care",
        ]

    def test_four_ratings(self) -> None:
        ratings = _framework("ccg_improvement_assessment_framework").ratings
        assert [r.name for r in ratings] == [
            "Outstanding",
            "Good",
            "Requires improvement",
            "Inadequate",
        ]

    def test_three_support_levels(self) -> None:
        levels = _framework("ccg_improvement_assessment_framework").support_levels
        assert [s.name for s in levels] == ["Forward-looking", "Facilitative", "Bespoke"]
        assert all(s.description for s in levels)
        assert "most challenged CCGs" in levels[2].description


class TestSingleOversightFramework:
    def test_identity(self) -> None:
        f = _framework("single_oversight_framework")
        assert f.applies_to == OrgType.providers()
        assert f.citation.section == "§Single Oversight Framework for NHS providers"
        assert "1 October 2016" in f.description

    def test_five_themes(self) -> None:
        themes = _framework("single_oversight_framework").themes
        assert [(t.number, t.name) for t in themes] == [
            (1, "Quality of care"),
            (2, "Use of resources and finance"),
            (3, "Operational performance"),
            (4, "Managing strategic change"),
            (5, "Leadership"),
        ]
        assert all(t.description for t in themes)

    def test_four_segments(self) -> None:
        segments = _framework("single_oversight_framework").segments
        assert [(s.number, s.name) for s in segments] == [
            (1, "Maximum autonomy"),
            (2, "Targeted support"),
            (3, "Mandated support for significant concerns"),
            (4, "Special measures"),
        ]
        assert "licence is not breached" in segments[1].description
        assert "serious or complex issues" in segments[3].description


class TestCitations:
    def test_every_entry_is_cited(self) -> None:
        g = _guidance()
        entries = [
            *(p for top in g.priorities for p in top.walk()),
            *g.requirements,
            *g.targets,
            *g.funding,
            *g.frameworks,
        ]
        assert all(e.citation.source in {SEED, "REFERENCE.md"} for e in entries)
        assert all(e.citation.section.startswith("§") for e in entries)
        assert all(m.citation is not None for m in g.metrics)

    def test_every_target_and_funding_line_quotes_its_source(self) -> None:
        g = _guidance()
        assert all(e.citation.quote for e in (*g.targets, *g.funding))

    def test_quotes_are_verbatim(self) -> None:
        if not (SHARED / "seeds").is_dir():
            pytest.skip("shared/seeds is not beside the repository")
        g = _guidance()
        citations = [e.citation for e in (*g.requirements, *g.targets, *g.funding, *g.frameworks)]
        for citation in citations:
            if not citation.quote:
                continue
            path = (
                SHARED / "REFERENCE.md"
                if citation.source == "REFERENCE.md"
                else SHARED / "seeds" / citation.source
            )
            text = _squash(path.read_text(encoding="utf-8"))
            assert _squash(citation.quote) in text, citation.quote


# --- issue 17 item 5: the A&E, RTT, cancer and mental health asks of must dos 4-7 --------------

STANDARDS = [
    ("ae_4_hour_2017_19", "MD4", Comparison.AT_LEAST, 95, "≥ 95 %"),
    ("rtt_18_weeks_2017_19", "MD5", Comparison.AT_LEAST, 92, "≥ 92 %"),
    ("cancer_62_day_2017_19", "MD6", Comparison.AT_LEAST, 85, "≥ 85 %"),
    ("cancer_31_day_2017_19", "MD6", Comparison.AT_LEAST, 96, "≥ 96 %"),
    ("cancer_2_week_wait_2017_19", "MD6", Comparison.AT_LEAST, 93, "≥ 93 %"),
    ("iapt_6_weeks_2017_19", "MD7", Comparison.AT_LEAST, 75, "≥ 75 %"),
    ("iapt_18_weeks_2017_19", "MD7", Comparison.AT_LEAST, 95, "≥ 95 %"),
    ("eip_2_weeks_2017_18", "MD7", Comparison.ABOVE, 50, "> 50 %"),
    ("eip_2_weeks_2018_19", "MD7", Comparison.AT_LEAST, 53, "53 % 2018/19"),
    ("dementia_diagnosis_rate_2017_19", "MD7", Comparison.AT_LEAST, 66.7, "≥ 66.7 %"),
]


class TestMustDoStandards:
    """The seed names must dos 4-7 without their levels; each level is the standard in force in
    2017-19, quoted from REFERENCE.md's row (which names its original publication)."""

    @pytest.mark.parametrize(("target_id", "priority", "comparison", "value", "quote"), STANDARDS)
    def test_standard(
        self, target_id: str, priority: str, comparison: Comparison, value: float, quote: str
    ) -> None:
        t = _guidance().target(target_id)
        assert isinstance(t, ThresholdTarget)
        assert t.priority == priority
        assert t.comparison is comparison
        assert t.value == quantity(value, "percent")
        assert quote in t.citation.quote
        assert t.citation.source == "REFERENCE.md"
        assert t.citation.publication is not None
        assert t.citation.publication.publisher != "nhsplan"
        start, end = t.lifetime
        assert start is not None
        assert start >= date(2017, 4, 1)
        assert end is not None
        assert end <= date(2019, 3, 31)

    def test_the_four_hour_standard_is_cited_to_nhs_digital(self) -> None:
        c = _guidance().target("ae_4_hour_2017_19").citation
        assert str(c).startswith("NHS Digital, Hospital Accident & Emergency Activity 2020-21")
        assert "[unconfirmed]" not in str(c)

    def test_no_ambulance_trust_is_asked_for_cancer_or_rtt(self) -> None:
        for target_id in ("rtt_18_weeks_2017_19", "cancer_62_day_2017_19", "cancer_31_day_2017_19"):
            assert OrgType.AMBULANCE_TRUST not in _guidance().target(target_id).applies_to
