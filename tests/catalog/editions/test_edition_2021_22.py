"""The 2021/22 edition checked against the seed documents it was transcribed from.

The guidance letter of 25 March 2021 (001_b4880168b3d542f5.txt) is the authority; the GGI
commentary (000_32c75981ba0a7865.txt) and a trust board's response quoting the implementation
guidance (002_5254a736013691ab.txt) add to it, and their disagreements are recorded. Every
threshold, date and amount below is copied from those texts, not from the data file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

import nhsplan
from nhsplan import FinancialYear, Guidance, OrgType
from nhsplan.calendar import DeadlineKind, Month
from nhsplan.model import (
    BaselineScope,
    BaselineTarget,
    Citation,
    Combine,
    Comparison,
    Interpolation,
    Judgement,
    MilestoneTarget,
    Priority,
    Scope,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.units import Quantity, quantity
from tests import paths

SEEDS = paths.SHARED / "seeds"
REFERENCE = SEEDS.parent / "REFERENCE.md"
LETTER = "001_b4880168b3d542f5.txt"

ACUTE = OrgType.ACUTE_TRUST
SYSTEM = OrgType.SYSTEM
PROVIDERS = OrgType.providers()


@pytest.fixture(scope="module")
def guidance() -> Guidance:
    return nhsplan.load_guidance("2021/22")


def _walk(priority: Priority) -> Iterator[Priority]:
    yield priority
    for child in priority.children:
        yield from _walk(child)


def _pct(value: float) -> Quantity:
    return quantity(value, "percent")


def _threshold(guidance: Guidance, target_id: str) -> ThresholdTarget:
    target = guidance.target(target_id)
    assert isinstance(target, ThresholdTarget)
    return target


def _trajectory(guidance: Guidance, target_id: str) -> TrajectoryTarget:
    target = guidance.target(target_id)
    assert isinstance(target, TrajectoryTarget)
    return target


def _norm(text: str) -> str:
    return " ".join(text.split())


def _all_citations(guidance: Guidance) -> Iterator[tuple[str, Citation | None]]:
    for top in guidance.priorities:
        for priority in _walk(top):
            yield f"priority {priority.code}", priority.citation
    for req in guidance.requirements:
        yield f"requirement {req.id}", req.citation
    for metric in guidance.metrics:
        yield f"metric {metric.id}", metric.citation
    for target in guidance.targets:
        yield f"target {target.id}", target.citation
        if isinstance(target, ThresholdTarget | TrajectoryTarget | WithinTimeTarget):
            for amendment in target.amendments:
                yield f"amendment {target.id} {amendment.effective}", amendment.citation
    for fund in guidance.funding:
        yield f"funding {fund.id}", fund.citation
        for disc in fund.discrepancies:
            yield f"discrepancy {fund.id} {disc.value}", disc.citation
    for framework in guidance.frameworks:
        yield f"framework {framework.id}", framework.citation


# --- the edition ------------------------------------------------------------------------------


class TestEdition:
    def test_identity(self, guidance: Guidance) -> None:
        assert guidance.id == "2021/22"
        assert guidance.title == "2021/22 priorities and operational planning guidance"
        assert guidance.year == FinancialYear(2021)
        assert guidance.published == date(2021, 3, 25)
        assert guidance.citation.source == LETTER

    def test_alias_loads_the_same_edition(self, guidance: Guidance) -> None:
        assert nhsplan.load_guidance("2021-22") == guidance


# --- priorities -------------------------------------------------------------------------------

SUB_PRIORITIES = {
    "A": ["A1", "A2", "A3", "A4"],
    "B": [],
    "C": ["C1", "C2", "C3", "C4"],
    "D": ["D1", "D2"],
    "E": ["E1", "E2"],
    "F": ["F1", "F2", "F3", "F4", "F5"],
}

TITLES = {
    "A": "Supporting the health and wellbeing of staff and taking action on recruitment and "
    "retention",
    "B": "Delivering the NHS COVID vaccination programme and continuing to meet the needs of "
    "patients with COVID-19",
    "C": "Building on what we have learned during the pandemic to transform the delivery of "
    "services, accelerate the restoration of elective and cancer care and manage the increasing "
    "demand on mental health services",
    "D": "Expanding primary care capacity to improve access, local health outcomes and address "
    "health inequalities",
    "E": "Transforming community and urgent and emergency care to prevent inappropriate "
    "attendance at emergency departments, improve timely admission to hospital for ED patients "
    "and reduce length of stay",
    "F": "Working collaboratively across systems to deliver on these priorities",
    "A1": "Looking after our people and helping them to recover",
    "A2": "Belonging in the NHS and addressing inequalities",
    "A3": "Embed new ways of working and delivering care",
    "A4": "Grow for the future",
    "C1": "Maximise elective activity, taking full advantage of the opportunities to transform "
    "the delivery of services",
    "C2": "Restore full operation of all cancer services",
    "C3": "Expand and improve mental health services and services for people with a learning "
    "disability and/or autism",
    "C4": "Deliver improvements in maternity care, including responding to the recommendations "
    "of the Ockenden review",
    "D1": "Restoring and increasing access to primary care services",
    "D2": "Implementing population health management and personalised care approaches to "
    "improve health outcomes and address health inequalities",
    "E1": "Transforming community services and improve discharge",
    "E2": "Ensuring the use of NHS111 as the primary route to access urgent care and the timely "
    "admission of patients to hospital who require it from emergency departments",
    "F1": "Effective collaboration and partnership working across systems",
    "F2": "Develop local priorities that reflect local circumstances and health inequalities",
    "F3": "Develop the underpinning digital and data capability to support population-based "
    "approaches",
    "F4": "Develop ICSs as organisations to meet the expectations set out in Integrating Care",
    "F5": "Implement ICS-level financial arrangements",
}


class TestPriorities:
    def test_six_priorities_a_to_f(self, guidance: Guidance) -> None:
        assert [p.code for p in guidance.priorities] == ["A", "B", "C", "D", "E", "F"]

    def test_seventeen_sub_priorities(self, guidance: Guidance) -> None:
        subs = [c.code for p in guidance.priorities for c in p.children]
        assert len(subs) == 17
        assert {p.code: [c.code for c in p.children] for p in guidance.priorities} == (
            SUB_PRIORITIES
        )

    def test_sub_priorities_have_no_children(self, guidance: Guidance) -> None:
        assert all(not c.children for p in guidance.priorities for c in p.children)

    @pytest.mark.parametrize(("code", "title"), sorted(TITLES.items()))
    def test_title_as_the_letter_words_it(self, guidance: Guidance, code: str, title: str) -> None:
        assert guidance.priority(code).title == title

    @pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
    @pytest.mark.parametrize("title", sorted(TITLES.values()))
    def test_title_is_in_the_letter(self, title: str) -> None:
        assert title in _norm((SEEDS / LETTER).read_text(encoding="utf-8"))

    def test_four_ics_purposes_findable_in_f2(self, guidance: Guidance) -> None:
        purposes = [
            "improving outcomes in population health and healthcare",
            "tackling inequalities in outcomes, experience and access",
            "enhancing productivity and value for money",
            "helping the NHS support broader social and economic development",
        ]
        summary = guidance.priority("F2").summary
        texts = [r.text for r in guidance.requirements if r.priority == "F2"]
        for purpose in purposes:
            assert purpose in summary
            assert any(purpose in text for text in texts)


# --- targets ----------------------------------------------------------------------------------

DESIGN_TARGET_IDS = [
    "elective_recovery_fund_threshold",
    "outpatient_remote_attendances",
    "cancer_62_day_backlog",
    "cancer_faster_diagnosis_standard",
    "learning_disability_mortality_reviews",
    "pcn_additional_roles_fte",
    "personalised_care_interventions",
    "nhs111_booked_ed_slots",
    "urgent_community_response_2h",
    "ics_governance_mou",
]

OTHER_EDITIONS_TARGET_IDS = {
    "ae_4_hour",
    "rtt_18_weeks_incomplete",
    "cancer_62_day",
    "cancer_31_day",
    "cancer_2_week_wait",
    "diagnostics_6_weeks",
    "rtt_104_week_waits",
    "rtt_78_week_waits",
    "rtt_65_week_waits",
    "general_acute_bed_occupancy",
    "rtt_52_week_waits",
    "iapt_access_expansion",
}

KINDS = {
    "elective_recovery_fund_threshold": TrajectoryTarget,
    "outpatient_remote_attendances": ThresholdTarget,
    "cancer_62_day_backlog": BaselineTarget,
    "cancer_faster_diagnosis_standard": ThresholdTarget,
    "cancer_psfu_pathways_2021_22": MilestoneTarget,
    "breast_screening_backlog_recovery_2021_22": MilestoneTarget,
    "learning_disability_mortality_reviews": WithinTimeTarget,
    "mental_health_provider_collaboratives_live_2021_22": MilestoneTarget,
    "maternity_smokefree_pregnancy_pathway_2021_22": ThresholdTarget,
    "maternity_continuity_of_carer_2021_22": ThresholdTarget,
    "pcn_additional_roles_fte": ThresholdTarget,
    "primary_care_additional_gps_2021_22": ThresholdTarget,
    "primary_care_additional_appointments_2021_22": ThresholdTarget,
    "personalised_care_interventions": ThresholdTarget,
    "urgent_community_response_2h": ThresholdTarget,
    "hospital_discharge_funded_care_2021_22": TrajectoryTarget,
    "nhs111_booked_ed_slots": ThresholdTarget,
    "ecds_rollout_2021_22": MilestoneTarget,
    "covid_vaccination_first_dose_adults_2021_22": MilestoneTarget,
    "covid_vaccination_top_nine_cohorts_2021_22": MilestoneTarget,
    "ics_governance_mou": MilestoneTarget,
    "shared_care_record_mvp_2021_22": MilestoneTarget,
    "shared_care_record_roadmap_2021_22": MilestoneTarget,
    "plan_draft_submission_2021_22": MilestoneTarget,
    "plan_final_submission_2021_22": MilestoneTarget,
}

# Threshold targets: id -> (comparison, published value, metric).
THRESHOLDS = {
    "outpatient_remote_attendances": (
        Comparison.AT_LEAST,
        _pct(25),
        "outpatient_remote_share",
    ),
    "cancer_faster_diagnosis_standard": (
        Comparison.AT_LEAST,
        _pct(75),
        "cancer_faster_diagnosis",
    ),
    "maternity_smokefree_pregnancy_pathway_2021_22": (
        Comparison.UP_TO,  # "up to 40% of maternal smokers": a roll-out ceiling
        _pct(40),
        "maternal_smokers_smokefree_pathway",
    ),
    "maternity_continuity_of_carer_2021_22": (
        Comparison.AT_LEAST,
        _pct(35),
        "maternity_continuity_of_carer",
    ),
    "primary_care_additional_gps_2021_22": (
        Comparison.AT_LEAST,
        quantity(6000, "person"),
        "gp_additional_doctors",
    ),
    "primary_care_additional_appointments_2021_22": (
        Comparison.AT_LEAST,
        quantity(50_000_000, "appointment"),
        "gp_additional_appointments",
    ),
    "personalised_care_interventions": (
        Comparison.AT_LEAST,
        quantity(1_200_000, "intervention"),
        "personalised_care_interventions",
    ),
    "urgent_community_response_2h": (
        Comparison.AT_LEAST,
        _pct(100),
        "urgent_community_response_coverage",
    ),
    "nhs111_booked_ed_slots": (Comparison.AT_LEAST, _pct(70), "nhs111_booked_ed_share"),
}

# Target id -> (deadline words, resolved date); None where the target has no deadline.
TARGET_DEADLINES: dict[str, tuple[str, date] | None] = {
    "elective_recovery_fund_threshold": None,
    "outpatient_remote_attendances": None,
    "cancer_62_day_backlog": ("by March 2022", date(2022, 3, 31)),
    "cancer_faster_diagnosis_standard": ("from Q3", date(2021, 10, 1)),
    "cancer_psfu_pathways_2021_22": ("by March 2022", date(2022, 3, 31)),
    "breast_screening_backlog_recovery_2021_22": ("by end March 2022", date(2022, 3, 31)),
    "learning_disability_mortality_reviews": None,
    "mental_health_provider_collaboratives_live_2021_22": ("by 1 July 2021", date(2021, 7, 1)),
    "maternity_smokefree_pregnancy_pathway_2021_22": ("by March 2022", date(2022, 3, 31)),
    "maternity_continuity_of_carer_2021_22": None,
    "pcn_additional_roles_fte": ("by the end of the financial year", date(2022, 3, 31)),
    "primary_care_additional_gps_2021_22": None,
    "primary_care_additional_appointments_2021_22": ("by 2024", date(2024, 12, 31)),
    "personalised_care_interventions": ("in 2021/22", date(2022, 3, 31)),
    "urgent_community_response_2h": ("by April 2022", date(2022, 4, 30)),
    "hospital_discharge_funded_care_2021_22": None,
    "nhs111_booked_ed_slots": None,
    "ecds_rollout_2021_22": ("during Q1", date(2021, 6, 30)),
    "covid_vaccination_first_dose_adults_2021_22": ("by the end of July", date(2021, 7, 31)),
    "covid_vaccination_top_nine_cohorts_2021_22": ("by 15 April", date(2021, 4, 15)),
    "ics_governance_mou": ("by the end of Q1", date(2021, 6, 30)),
    "shared_care_record_mvp_2021_22": ("in September", date(2021, 9, 30)),
    "shared_care_record_roadmap_2021_22": ("ready for April 2022", date(2022, 3, 31)),
    "plan_draft_submission_2021_22": ("by 6 May", date(2021, 5, 6)),
    "plan_final_submission_2021_22": ("by 3 June", date(2021, 6, 3)),
}

EFFECTIVE_FROM: dict[str, date | None] = {
    "elective_recovery_fund_threshold": date(2021, 4, 1),
    "cancer_faster_diagnosis_standard": date(2021, 10, 1),
    "hospital_discharge_funded_care_2021_22": date(2021, 4, 1),
    "outpatient_remote_attendances": None,
    "nhs111_booked_ed_slots": None,
    "urgent_community_response_2h": None,
}

JUDGED = {
    "elective_recovery_fund_threshold": Judgement.EACH_MONTH,
    "cancer_faster_diagnosis_standard": Judgement.EACH_MONTH,
    "cancer_62_day_backlog": Judgement.DEADLINE_MONTH,
    "pcn_additional_roles_fte": Judgement.DEADLINE_MONTH,
    "personalised_care_interventions": Judgement.PERIOD_TOTAL,
    "outpatient_remote_attendances": Judgement.EACH_MONTH,
    "nhs111_booked_ed_slots": Judgement.EACH_MONTH,
}

APPLIES_TO = {
    "elective_recovery_fund_threshold": {ACUTE, SYSTEM},
    "cancer_faster_diagnosis_standard": {SYSTEM, ACUTE},
    "cancer_62_day_backlog": {SYSTEM},
    "learning_disability_mortality_reviews": {OrgType.CCG, SYSTEM},
    "pcn_additional_roles_fte": {SYSTEM, OrgType.PCN},
    "nhs111_booked_ed_slots": {SYSTEM},
    "urgent_community_response_2h": {SYSTEM, OrgType.COMMUNITY_TRUST},
    "ics_governance_mou": {SYSTEM},
    "cancer_psfu_pathways_2021_22": {OrgType.CANCER_ALLIANCE},
    "maternity_smokefree_pregnancy_pathway_2021_22": {ACUTE, OrgType.LOCAL_MATERNITY_SYSTEM},
    "hospital_discharge_funded_care_2021_22": {OrgType.NATIONAL},
}


class TestTargets:
    @pytest.mark.parametrize("target_id", DESIGN_TARGET_IDS)
    def test_design_ids_exist(self, guidance: Guidance, target_id: str) -> None:
        assert guidance.target(target_id).id == target_id

    def test_every_target_is_tabled_here(self, guidance: Guidance) -> None:
        assert {t.id for t in guidance.targets} == set(KINDS)
        assert set(TARGET_DEADLINES) == set(KINDS)

    def test_no_other_editions_ids(self, guidance: Guidance) -> None:
        assert not {t.id for t in guidance.targets} & OTHER_EDITIONS_TARGET_IDS

    @pytest.mark.parametrize(("target_id", "kind"), sorted(KINDS.items()))
    def test_kind(self, guidance: Guidance, target_id: str, kind: type) -> None:
        assert isinstance(guidance.target(target_id), kind)

    @pytest.mark.parametrize(("target_id", "expected"), sorted(THRESHOLDS.items()))
    def test_threshold_value(
        self, guidance: Guidance, target_id: str, expected: tuple[Comparison, Quantity, str]
    ) -> None:
        comparison, value, metric = expected
        target = _threshold(guidance, target_id)
        assert target.comparison is comparison
        assert target.value == value
        assert target.metric == metric
        guidance.metric(metric)  # defined in this edition

    @pytest.mark.parametrize(("target_id", "expected"), sorted(TARGET_DEADLINES.items()))
    def test_deadline(
        self, guidance: Guidance, target_id: str, expected: tuple[str, date] | None
    ) -> None:
        deadline = guidance.target(target_id).deadline
        if expected is None:
            assert deadline is None
        else:
            assert deadline is not None
            assert (deadline.words, deadline.resolved) == expected

    @pytest.mark.parametrize(("target_id", "expected"), sorted(EFFECTIVE_FROM.items()))
    def test_effective_from(self, guidance: Guidance, target_id: str, expected: date) -> None:
        assert guidance.target(target_id).effective_from == expected

    @pytest.mark.parametrize(("target_id", "judged"), sorted(JUDGED.items()))
    def test_judged(self, guidance: Guidance, target_id: str, judged: Judgement) -> None:
        assert guidance.target(target_id).judged is judged

    @pytest.mark.parametrize(("target_id", "orgs"), sorted(APPLIES_TO.items()))
    def test_applies_to(self, guidance: Guidance, target_id: str, orgs: set[OrgType]) -> None:
        assert guidance.target(target_id).applies_to == orgs

    def test_every_milestone_has_a_deliverable(self, guidance: Guidance) -> None:
        milestones = [t for t in guidance.targets if isinstance(t, MilestoneTarget)]
        assert len(milestones) == 11
        assert all(m.deliverable and m.deadline is not None for m in milestones)

    def test_mou_evidence(self, guidance: Guidance) -> None:
        mou = guidance.target("ics_governance_mou")
        assert isinstance(mou, MilestoneTarget)
        assert "regional NHS England and NHS Improvement" in mou.evidence

    def test_every_target_metric_defined(self, guidance: Guidance) -> None:
        for target in guidance.targets:
            if target.metric is not None:
                guidance.metric(target.metric)

    def test_every_target_under_a_priority(self, guidance: Guidance) -> None:
        for target in guidance.targets:
            assert target.priority is not None
            guidance.priority(target.priority)


class TestElectiveRecoveryFund:
    @pytest.mark.parametrize(
        ("on", "published", "in_force"),
        [
            (date(2021, 4, 1), 70, 70),
            (date(2021, 4, 30), 70, 70),
            (date(2021, 5, 1), 75, 75),
            (date(2021, 5, 15), 75, 75),
            (date(2021, 6, 1), 80, 80),
            (date(2021, 6, 30), 80, 80),
            (date(2021, 7, 1), 85, 95),
            (date(2021, 8, 1), 85, 95),
            (date(2021, 9, 30), 85, 95),
            (date(2021, 10, 1), 85, 89),
            (date(2022, 3, 31), 85, 89),
        ],
    )
    def test_value_on(
        self, guidance: Guidance, on: date, published: float, in_force: float
    ) -> None:
        erf = _trajectory(guidance, "elective_recovery_fund_threshold")
        assert erf.published_value_on(on) == _pct(published)
        assert erf.value_on(on) == _pct(in_force)

    def test_required_quantity(self, guidance: Guidance) -> None:
        erf = guidance.target("elective_recovery_fund_threshold")
        required = erf.required(on=date(2021, 5, 15))
        assert required is not None
        assert required.to("percent").magnitude == pytest.approx(75)

    def test_nothing_asked_before_april_2021(self, guidance: Guidance) -> None:
        erf = _trajectory(guidance, "elective_recovery_fund_threshold")
        assert erf.value_on(date(2021, 3, 31)) is None

    def test_published_trajectory(self, guidance: Guidance) -> None:
        erf = _trajectory(guidance, "elective_recovery_fund_threshold")
        assert [(p.on, p.value) for p in erf.points] == [
            (date(2021, 4, 1), _pct(70)),
            (date(2021, 5, 1), _pct(75)),
            (date(2021, 6, 1), _pct(80)),
            (date(2021, 7, 1), _pct(85)),
        ]
        assert erf.interpolation is Interpolation.STEP
        assert erf.comparison is Comparison.AT_LEAST
        assert erf.metric == "elective_activity_vs_2019_20"

    def test_amendments_cite_reference(self, guidance: Guidance) -> None:
        erf = _trajectory(guidance, "elective_recovery_fund_threshold")
        july, october = erf.amendments
        assert (july.effective, july.value) == (date(2021, 7, 1), _pct(95))
        assert july.citation.source == "REFERENCE.md"
        assert july.citation.section == (
            "§Elective Recovery Fund (2021/22): "
            "The Times, 12 July 2021; NHS Providers, 13 July 2021"
        )
        assert (october.effective, october.value) == (date(2021, 10, 1), _pct(89))
        assert october.citation.source == "REFERENCE.md"
        assert "NHS Confederation H2 briefing" in october.citation.section
        assert "RTT clock" in october.note

    def test_five_gateway_criteria(self, guidance: Guidance) -> None:
        gateway = [r for r in guidance.requirements if r.id.startswith("c1_erf_gateway_")]
        names = [
            "addressing health inequalities",
            "transformation of outpatient services",
            "implementing system-led elective working",
            "tackling the longest waits",
            "supporting staff",
        ]
        assert len(gateway) == 5
        for name, req in zip(names, gateway, strict=True):
            assert name in req.text
            assert req.owners == {ACUTE}
            assert req.targets == ("elective_recovery_fund_threshold",)
        summary = guidance.requirement("c1_erf_gateway").text
        assert all(name in summary for name in names)


class TestFasterDiagnosisStandard:
    def test_not_in_force_before_q3(self, guidance: Guidance) -> None:
        fds = guidance.target("cancer_faster_diagnosis_standard")
        assert not fds.in_force(date(2021, 9, 30))
        assert fds.value_on(date(2021, 9, 30)) is None

    def test_75_percent_from_1_october_2021(self, guidance: Guidance) -> None:
        fds = guidance.target("cancer_faster_diagnosis_standard")
        assert fds.in_force(date(2021, 10, 1))
        assert fds.value_on(date(2021, 10, 1)) == _pct(75)
        assert fds.value_on(date(2022, 3, 31)) == _pct(75)

    def test_from_deadline(self, guidance: Guidance) -> None:
        deadline = guidance.target("cancer_faster_diagnosis_standard").deadline
        assert deadline is not None
        assert deadline.kind is DeadlineKind.FROM


class TestCancerBacklog:
    def test_two_february_2020_baselines_lowest(self, guidance: Guidance) -> None:
        target = guidance.target("cancer_62_day_backlog")
        assert isinstance(target, BaselineTarget)
        assert target.comparison is Comparison.AT_MOST
        assert target.combine is Combine.LOWEST
        assert target.change == _pct(0)
        assert [b.scope for b in target.baselines] == [BaselineScope.LOCAL, BaselineScope.NATIONAL]
        assert all(b.period == Month(2020, 2) for b in target.baselines)

    def test_required_is_the_lower_baseline(self, guidance: Guidance) -> None:
        target = guidance.target("cancer_62_day_backlog")
        assert isinstance(target, BaselineTarget)
        local, national = (b.label for b in target.baselines)
        levels = {local: quantity(400, "patient"), national: quantity(300, "patient")}
        assert target.required_from(levels) == quantity(300, "patient")

    def test_judged_on_march_2022(self, guidance: Guidance) -> None:
        deadline = guidance.target("cancer_62_day_backlog").deadline
        assert deadline is not None
        assert deadline.judged_month == Month(2022, 3)


class TestLearningDisabilityMortalityReviews:
    def test_all_within_six_months(self, guidance: Guidance) -> None:
        target = guidance.target("learning_disability_mortality_reviews")
        assert isinstance(target, WithinTimeTarget)
        assert target.months == 6
        assert target.value == _pct(100)
        assert target.start_event == "notification"
        assert target.metric == "leder_reviews_in_time"

    def test_due_date_month_end_clamped(self, guidance: Guidance) -> None:
        target = guidance.target("learning_disability_mortality_reviews")
        assert isinstance(target, WithinTimeTarget)
        assert target.due(date(2021, 8, 31)) == date(2022, 2, 28)


class TestTrajectories:
    def test_pcn_roles_are_a_national_total_not_a_straight_line(self, guidance: Guidance) -> None:
        # Issue 9: 15,500 FTE is England's total by March 2022; the letter's "26,000 by
        # 2023/24" is context, and no path between the two is published.
        pcn = guidance.target("pcn_additional_roles_fte")
        assert isinstance(pcn, ThresholdTarget)
        assert pcn.value == quantity(15_500, "FTE")
        assert pcn.scope is Scope.NATIONAL
        assert pcn.lifetime == (None, date(2022, 3, 31))
        assert pcn.value_on(date(2023, 3, 31)) is None

    def test_discharge_funding_weeks(self, guidance: Guidance) -> None:
        discharge = _trajectory(guidance, "hospital_discharge_funded_care_2021_22")
        assert discharge.value_on(date(2021, 6, 30)) == quantity(6, "week")
        assert discharge.value_on(date(2021, 7, 1)) == quantity(4, "week")
        assert discharge.comparison is Comparison.AT_MOST


# --- funding ----------------------------------------------------------------------------------

FUNDING = {
    "h1_settlement": ("£6.6bn", "2021/22 H1"),
    "h1_covid_costs": ("£1.5bn", "2021/22 H1"),
    "elective_mental_health_workforce": ("£1.5bn", "2021/22"),
    "elective_recovery_fund": ("£1bn", "2021/22"),
    "mental_health_covid": ("£500m", "2021/22"),
    "maternity_safety": ("£80m", "2021/22"),
    "breast_screening": ("£50m", "2021/22"),
    "general_practice_capacity": ("£120m", "2021/22 H1"),
}

# Funding id -> (the other seed's figure, its seed).
DISCREPANCIES = {
    "h1_settlement": ("£6.5bn", "000_32c75981ba0a7865.txt"),
    "elective_mental_health_workforce": ("£1bn", "000_32c75981ba0a7865.txt"),
    "maternity_safety": ("£95m", "000_32c75981ba0a7865.txt"),
    "general_practice_capacity": ("£120m", "000_32c75981ba0a7865.txt"),
}


class TestFunding:
    def test_every_line_tabled(self, guidance: Guidance) -> None:
        assert {f.id for f in guidance.funding} == set(FUNDING)

    @pytest.mark.parametrize(("fund_id", "expected"), sorted(FUNDING.items()))
    def test_amount_and_period(
        self, guidance: Guidance, fund_id: str, expected: tuple[str, str]
    ) -> None:
        amount, period = expected
        fund = next(f for f in guidance.funding if f.id == fund_id)
        assert fund.amount == quantity(amount)
        assert str(fund.period) == period

    @pytest.mark.parametrize(("fund_id", "expected"), sorted(DISCREPANCIES.items()))
    def test_discrepancy_recorded(
        self, guidance: Guidance, fund_id: str, expected: tuple[str, str]
    ) -> None:
        value, source = expected
        fund = next(f for f in guidance.funding if f.id == fund_id)
        assert [(d.value, d.citation.source) for d in fund.discrepancies] == [(value, source)]
        assert fund.citation.source == LETTER

    def test_only_the_tabled_discrepancies(self, guidance: Guidance) -> None:
        assert {f.id for f in guidance.funding if f.discrepancies} == set(DISCREPANCIES)

    def test_erf_conditions_name_the_gateway(self, guidance: Guidance) -> None:
        erf = next(f for f in guidance.funding if f.id == "elective_recovery_fund")
        assert erf.recipients == {SYSTEM, ACUTE}
        assert any("gateway criteria" in c for c in erf.conditions)


# --- requirements -----------------------------------------------------------------------------

OWNERS = {
    "a1_annual_leave_carry_over": PROVIDERS,
    "a2_wres_improvement_plans": {SYSTEM},
    "a3_e_rostering": PROVIDERS,
    "a4_workforce_supply_plan": {SYSTEM},
    "b_first_dose_adults": {SYSTEM},
    "b_pcn_cohorts_10_12": {OrgType.PCN},
    "b_infection_prevention_control": set(),
    "c1_elective_delivery_plans": {SYSTEM},
    "c1_erf_gateway": {ACUTE},
    "c1_remote_outpatients": {SYSTEM, ACUTE},
    "c2_cancer_backlog": {SYSTEM},
    "c2_alliance_delivery_plan": {OrgType.CANCER_ALLIANCE},
    "c2_psfu": {OrgType.CANCER_ALLIANCE},
    "c2_fds": {SYSTEM},
    "c3_mhis": {OrgType.CCG},
    "c3_provider_collaboratives": {SYSTEM, OrgType.MENTAL_HEALTH_TRUST},
    "c3_leder": {SYSTEM, OrgType.CCG},
    "c4_lms_responsibility": {OrgType.LOCAL_MATERNITY_SYSTEM},
    "c4_smokefree_pregnancy": {ACUTE, OrgType.LOCAL_MATERNITY_SYSTEM},
    "d1_pcn_roles": {SYSTEM, OrgType.PCN},
    "d1_face_to_face": {OrgType.GP_PRACTICE},
    "d2_arrs_personalised_care_roles": {OrgType.PCN},
    "e1_urgent_community_response": {SYSTEM},
    "e1_csds_data": {OrgType.COMMUNITY_TRUST},
    "e1_discharge_length_of_stay": PROVIDERS,
    "e1_discharge_funding_q1": {OrgType.NATIONAL},
    "e2_booked_slots": {SYSTEM},
    "f1_mou": {SYSTEM},
    "f1_provider_collaborative_membership": {ACUTE, OrgType.MENTAL_HEALTH_TRUST},
    "f4_statutory_footing": {SYSTEM},
    "f5_final_plan": {SYSTEM},
}

REQUIREMENT_DEADLINES = {
    "a_people_plans": ("For the first half of 2021/22", date(2021, 4, 1)),  # covering
    "b_top_nine_cohorts": ("by 15 April", date(2021, 4, 15)),
    "b_first_dose_adults": ("by the end of July", date(2021, 7, 31)),
    "b_revaccination": ("from autumn", date(2021, 9, 1)),
    "c1_elective_delivery_plans": ("for April 2021 to September 2021", date(2021, 4, 1)),
    "c2_cancer_backlog": ("by March 2022", date(2022, 3, 31)),
    "c2_first_treatments_shortfall": ("by March 2022", date(2022, 3, 31)),
    "c2_breast_screening": ("by end March 2022", date(2022, 3, 31)),
    "c2_bowel_screening": ("from April 2021", date(2021, 4, 1)),
    "c2_psfu": ("by March 2022", date(2022, 3, 31)),
    "c2_fds": ("from Q3", date(2021, 10, 1)),
    "c2_fds_data": ("from spring 2021", date(2021, 3, 25)),  # not before publication
    "c3_provider_collaboratives": ("by 1 July 2021", date(2021, 7, 1)),
    "c3_keyworkers": ("in 2022/23", date(2023, 3, 31)),
    "c4_smokefree_pregnancy": ("by March 2022", date(2022, 3, 31)),
    "c4_coc_default": ("by March 2023", date(2023, 3, 31)),
    "d1_pcn_roles": ("by the end of the financial year", date(2022, 3, 31)),
    "d1_appointments": ("by 2024", date(2024, 12, 31)),
    "d1_ltc_reviews": ("from April", date(2021, 4, 1)),
    "d2_personalised_care": ("in 2021/22", date(2022, 3, 31)),
    "d2_health_inequalities_focus": ("in the first half of 2021/22", date(2021, 9, 30)),
    "e1_urgent_community_response": ("by April 2022", date(2022, 4, 30)),
    "e1_discharge_funding_q1": ("during the first quarter", date(2021, 6, 30)),
    "e1_discharge_funding_july": ("from the beginning of July", date(2021, 7, 1)),
    "e2_ecds_rollout": ("during Q1", date(2021, 6, 30)),
    "f1_mou": ("by the end of Q1", date(2021, 6, 30)),
    "f3_shared_care_record_mvp": ("in September", date(2021, 9, 30)),
    "f3_shared_care_record_roadmap": ("ready for April 2022", date(2022, 3, 31)),
    "f4_statutory_footing": ("from April 2022", date(2022, 4, 1)),
    "f4_statutory_bodies": ("from April 2022", date(2022, 4, 1)),
    "f5_h1_envelopes": ("For the six-month period to 30 September 2021", date(2021, 4, 1)),
    "f5_draft_plan": ("by 6 May", date(2021, 5, 6)),
    "f5_final_plan": ("by 3 June", date(2021, 6, 3)),
}


class TestRequirements:
    @pytest.mark.parametrize(("req_id", "owners"), sorted(OWNERS.items()))
    def test_owners(self, guidance: Guidance, req_id: str, owners: set[OrgType]) -> None:
        assert guidance.requirement(req_id).owners == owners

    @pytest.mark.parametrize(("req_id", "expected"), sorted(REQUIREMENT_DEADLINES.items()))
    def test_deadline(self, guidance: Guidance, req_id: str, expected: tuple[str, date]) -> None:
        deadline = guidance.requirement(req_id).deadline
        assert deadline is not None
        assert (deadline.words, deadline.resolved) == expected

    @pytest.mark.parametrize("code", [c for subs in SUB_PRIORITIES.values() for c in subs])
    def test_every_sub_priority_has_asks(self, guidance: Guidance, code: str) -> None:
        assert any(r.priority == code for r in guidance.requirements)

    def test_b_has_asks(self, guidance: Guidance) -> None:
        assert any(r.priority == "B" for r in guidance.requirements)

    def test_every_design_target_measures_a_requirement(self, guidance: Guidance) -> None:
        measured = {t for r in guidance.requirements for t in r.targets}
        assert set(DESIGN_TARGET_IDS) <= measured

    def test_five_health_inequality_priorities(self, guidance: Guidance) -> None:
        names = [
            "restore NHS services inclusively",
            "mitigate against digital exclusion",
            "ensure datasets are complete and timely",
            "accelerate preventative programmes",
            "strengthen leadership and accountability",
        ]
        for number, name in enumerate(names, start=1):
            req = guidance.requirement(f"d2_hi_priority_{number}")
            assert name in req.text
            assert req.priority == "D2"
            assert req.citation.source == "002_5254a736013691ab.txt"
        focus = guidance.requirement("d2_health_inequalities_focus")
        assert "five priority areas" in focus.text
        assert focus.citation.source == LETTER

    def test_deadlines_listed_in_date_order(self, guidance: Guidance) -> None:
        days = [item.deadline.resolved for item in guidance.deadlines]
        assert days == sorted(days)
        assert days[0] == date(2021, 3, 25)  # FDS data "from spring 2021", not before the letter

    def test_requirements_for_acute_trusts(self, guidance: Guidance) -> None:
        ids = {r.id for r in guidance.requirements_for(ACUTE)}
        assert {"c1_erf_gateway", "c1_remote_outpatients", "b_infection_prevention_control"} <= ids
        assert "f1_mou" not in ids


# --- citations --------------------------------------------------------------------------------


class TestCitations:
    def test_every_entry_cited(self, guidance: Guidance) -> None:
        missing = [name for name, citation in _all_citations(guidance) if citation is None]
        assert missing == []

    def test_every_target_and_funding_line_quotes_its_seed(self, guidance: Guidance) -> None:
        lines = [*guidance.targets, *guidance.funding]
        assert all(line.citation.quote for line in lines)

    def test_sources_are_seeds_or_reference(self, guidance: Guidance) -> None:
        allowed = {
            "000_32c75981ba0a7865.txt",
            LETTER,
            "002_5254a736013691ab.txt",
            "REFERENCE.md",
        }
        for name, citation in _all_citations(guidance):
            assert citation is not None
            assert citation.source in allowed, name
            assert citation.section.startswith("§"), name

    @pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
    def test_quotes_verbatim_in_seed(self, guidance: Guidance) -> None:
        texts: dict[str, str] = {}
        for name, citation in _all_citations(guidance):
            assert citation is not None
            if not citation.quote:
                continue
            path = REFERENCE if citation.source == "REFERENCE.md" else SEEDS / citation.source
            text = texts.setdefault(citation.source, _norm(path.read_text(encoding="utf-8")))
            assert _norm(citation.quote) in text, name

    @pytest.mark.skipif(not REFERENCE.is_file(), reason="REFERENCE.md not available")
    def test_reference_sections_exist(self, guidance: Guidance) -> None:
        reference = REFERENCE.read_text(encoding="utf-8")
        for name, citation in _all_citations(guidance):
            assert citation is not None
            if citation.source == "REFERENCE.md":
                heading = citation.section.removeprefix("§").split(":")[0]
                assert f"## {heading}\n" in reference, name


NATIONAL_AMBITIONS = {
    "pcn_additional_roles_fte",
    "primary_care_additional_gps_2021_22",
    "primary_care_additional_appointments_2021_22",
    "personalised_care_interventions",
    "hospital_discharge_funded_care_2021_22",
}


class TestScopeAndLifetime:
    def test_national_ambitions(self, guidance: Guidance) -> None:
        national = {t.id for t in guidance.targets if t.scope is Scope.NATIONAL}
        assert national == NATIONAL_AMBITIONS

    def test_every_target_ends_with_the_year_unless_the_guidance_says_otherwise(
        self, guidance: Guidance
    ) -> None:
        later = {
            # "by April 2022": the month after the year, judged on April's figure
            "urgent_community_response_2h": date(2022, 4, 30),
            # "50 million more appointments by 2024"
            "primary_care_additional_appointments_2021_22": date(2024, 12, 31),
        }
        for t in guidance.targets:
            assert t.effective_until == later.get(t.id, date(2022, 3, 31)), t.id
