"""The ``standards`` edition against REFERENCE.md's standards table (and the seeds it cites)."""

from __future__ import annotations

import re
from datetime import date

import pytest

import nhsplan
from nhsplan import (
    Comparison,
    DeadlineKind,
    EliminationTarget,
    FinancialYear,
    Guidance,
    Judgement,
    Month,
    OrgType,
    Polarity,
    ScoringKind,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
)
from nhsplan.cli._demo import run as run_demo
from nhsplan.model import Frequency, Interpolation
from nhsplan.units import Quantity, quantity
from tests import paths

SHARED = paths.SHARED
REFERENCE = SHARED / "REFERENCE.md"
SEEDS = SHARED / "seeds"
HEADING = "§NHS constitutional and operational standards (edition id standards)"

ACUTE = OrgType.ACUTE_TRUST
AMBULANCE = OrgType.AMBULANCE_TRUST
MENTAL_HEALTH = OrgType.MENTAL_HEALTH_TRUST
PRACTICE = OrgType.GP_PRACTICE
SYSTEM = OrgType.SYSTEM
PROVIDERS = OrgType.providers()
TREATING = PROVIDERS - {OrgType.AMBULANCE_TRUST}
"""Providers that report cancer, RTT and diagnostic waits: never an ambulance trust (issue 17)."""
COMMISSIONERS = OrgType.commissioners()

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER
AT_LEAST = Comparison.AT_LEAST
AT_MOST = Comparison.AT_MOST
EACH_MONTH = Judgement.EACH_MONTH
LATEST = Judgement.LATEST
DEADLINE_MONTH = Judgement.DEADLINE_MONTH
YEAR_AVERAGE = Judgement.YEAR_AVERAGE


@pytest.fixture(scope="module")
def g() -> Guidance:
    return nhsplan.load_guidance("standards")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- the edition ---------------------------------------------------------------------------------


class TestEdition:
    def test_header(self, g: Guidance) -> None:
        assert g.id == "standards"
        assert g.title == "NHS constitutional and operational standards"
        assert g.year == FinancialYear(2021)
        assert g.citation.source == "REFERENCE.md"
        assert g.citation.section == HEADING
        assert g.funding == ()
        assert g.frameworks == ()

    def test_counts(self, g: Guidance) -> None:
        assert len(g.priorities) == 7
        assert len(g.requirements) == 21
        assert len(g.metrics) == 26
        assert len(g.targets) == 42

    def test_one_priority_per_area(self, g: Guidance) -> None:
        codes = [p.code for p in g.priorities]
        assert codes == ["UEC", "RTT", "CANCER", "DIAG", "MH", "LD", "BEDS"]
        assert all(p.children == () for p in g.priorities)

    @pytest.mark.parametrize(
        "target_id",
        [
            "ae_4_hour",
            "rtt_18_weeks_incomplete",
            "cancer_62_day",
            "cancer_31_day",
            "cancer_2_week_wait",
            "diagnostics_6_weeks",
        ],
    )
    def test_design_ids_exist(self, g: Guidance, target_id: str) -> None:
        assert g.target(target_id).id == target_id

    @pytest.mark.parametrize(
        "seed_edition_id",
        [
            "cancer_faster_diagnosis_standard",
            "learning_disability_mortality_reviews",
            "general_acute_bed_occupancy",
            "rtt_52_week_waits",
        ],
    )
    def test_seed_edition_target_ids_not_reused(self, g: Guidance, seed_edition_id: str) -> None:
        assert seed_edition_id not in {t.id for t in g.targets}

    def test_every_requirement_target_belongs_to_its_priority(self, g: Guidance) -> None:
        for req in g.requirements:
            for tid in req.targets:
                assert g.target(tid).priority == req.priority, tid

    def test_every_target_is_asked_by_a_requirement(self, g: Guidance) -> None:
        asked = {tid for req in g.requirements for tid in req.targets}
        assert asked == {t.id for t in g.targets}


# --- metrics -------------------------------------------------------------------------------------

PCT = "percent"
PROPORTION = ScoringKind.PROPORTION
MONTHLY = Frequency.MONTHLY
SNAPSHOT = Frequency.SNAPSHOT

METRICS: list[tuple[str, ScoringKind, str, Polarity, Frequency]] = [
    ("ae_4_hour", PROPORTION, PCT, HIGHER, MONTHLY),
    ("ambulance_cat1_mean", ScoringKind.DURATION, "minute", LOWER, MONTHLY),
    ("ambulance_cat1_p90", ScoringKind.DURATION, "minute", LOWER, MONTHLY),
    ("ambulance_cat2_mean", ScoringKind.DURATION, "minute", LOWER, MONTHLY),
    ("ambulance_cat2_p90", ScoringKind.DURATION, "minute", LOWER, MONTHLY),
    ("ambulance_cat3_p90", ScoringKind.DURATION, "minute", LOWER, MONTHLY),
    ("ambulance_cat4_p90", ScoringKind.DURATION, "minute", LOWER, MONTHLY),
    ("rtt_18_weeks_incomplete", PROPORTION, PCT, HIGHER, SNAPSHOT),
    ("rtt_104_week_waiters", ScoringKind.COUNT, "pathway", LOWER, SNAPSHOT),
    ("rtt_78_week_waiters", ScoringKind.COUNT, "pathway", LOWER, SNAPSHOT),
    ("rtt_65_week_waiters", ScoringKind.COUNT, "pathway", LOWER, SNAPSHOT),
    ("rtt_52_week_waiters", ScoringKind.COUNT, "pathway", LOWER, SNAPSHOT),
    ("rtt_52_week_waiters_share", PROPORTION, PCT, LOWER, SNAPSHOT),
    ("diagnostics_6_weeks", PROPORTION, PCT, LOWER, SNAPSHOT),
    ("cancer_2_week_wait", PROPORTION, PCT, HIGHER, MONTHLY),
    ("cancer_2_week_wait_breast", PROPORTION, PCT, HIGHER, MONTHLY),
    ("cancer_faster_diagnosis", PROPORTION, PCT, HIGHER, MONTHLY),
    ("cancer_31_day", PROPORTION, PCT, HIGHER, MONTHLY),
    ("cancer_62_day", PROPORTION, PCT, HIGHER, MONTHLY),
    ("iapt_6_weeks", PROPORTION, PCT, HIGHER, MONTHLY),
    ("iapt_18_weeks", PROPORTION, PCT, HIGHER, MONTHLY),
    ("iapt_recovery", PROPORTION, PCT, HIGHER, MONTHLY),
    ("eip_2_weeks", PROPORTION, PCT, HIGHER, MONTHLY),
    ("dementia_diagnosis_rate", PROPORTION, PCT, HIGHER, MONTHLY),
    ("leder_reviews_in_time", PROPORTION, PCT, HIGHER, Frequency.QUARTERLY),
    ("general_acute_bed_occupancy", PROPORTION, PCT, LOWER, MONTHLY),
]


class TestMetrics:
    def test_table_is_complete(self, g: Guidance) -> None:
        assert [m.id for m in g.metrics] == [row[0] for row in METRICS]

    @pytest.mark.parametrize("row", METRICS, ids=lambda row: row[0])
    def test_metric(
        self, g: Guidance, row: tuple[str, ScoringKind, str, Polarity, Frequency]
    ) -> None:
        metric_id, kind, unit, polarity, frequency = row
        m = g.metric(metric_id)
        assert (m.kind, m.unit, m.polarity, m.frequency) == (kind, unit, polarity, frequency)
        if kind is PROPORTION:
            assert m.numerator
            assert m.denominator

    @pytest.mark.parametrize(
        ("metric_id", "numerator_words", "denominator_words"),
        [
            ("ae_4_hour", "within 4 hours of arrival (types 1-3 summed)", "all A&E attendances"),
            ("rtt_18_weeks_incomplete", "18 weeks or less at month end", "all incomplete"),
            ("diagnostics_6_weeks", "6 weeks or more for one of 15 key", "all patients waiting"),
            ("cancer_faster_diagnosis", "within 28 days", "all patients told"),
            ("cancer_31_day", "within 31 days of the decision to treat", "all patients treated"),
            ("cancer_62_day", "within 62 days of urgent referral", "first definitive"),
            ("eip_2_weeks", "within 2 weeks", "(ages 14-65)"),
            ("dementia_diagnosis_rate", "aged 65 and over", "estimated prevalence"),
            ("leder_reviews_in_time", "within 6 months of notification", "notifications"),
            ("general_acute_bed_occupancy", "occupied", "available"),
        ],
    )
    def test_definitions(
        self, g: Guidance, metric_id: str, numerator_words: str, denominator_words: str
    ) -> None:
        m = g.metric(metric_id)
        assert numerator_words in m.numerator
        assert denominator_words in m.denominator


# --- targets: every row's threshold ----------------------------------------------------------

# id, kind, metric, comparison, (first) value, judged, applies_to, priority
TargetRow = tuple[str, type[Target], str, Comparison, Quantity, Judgement, frozenset[OrgType], str]
TARGETS: list[TargetRow] = [
    # A&E and ambulance
    ("ae_4_hour", ThresholdTarget, "ae_4_hour", AT_LEAST, quantity(95, PCT), EACH_MONTH,
     frozenset({ACUTE}) | COMMISSIONERS, "UEC"),
    ("ae_4_hour_interim_2024", ThresholdTarget, "ae_4_hour", AT_LEAST, quantity(76, PCT),
     DEADLINE_MONTH, frozenset({ACUTE}) | COMMISSIONERS, "UEC"),
    ("ae_4_hour_interim_2025", ThresholdTarget, "ae_4_hour", AT_LEAST, quantity(78, PCT),
     DEADLINE_MONTH, frozenset({ACUTE}) | COMMISSIONERS, "UEC"),
    ("ae_4_hour_interim_2026", ThresholdTarget, "ae_4_hour", AT_LEAST, quantity(78, PCT),
     DEADLINE_MONTH, frozenset({ACUTE}) | COMMISSIONERS, "UEC"),
    ("ae_4_hour_interim_2028_29", ThresholdTarget, "ae_4_hour", AT_LEAST, quantity(85, PCT),
     YEAR_AVERAGE, frozenset({ACUTE}) | COMMISSIONERS, "UEC"),
    ("ambulance_cat1_mean", ThresholdTarget, "ambulance_cat1_mean", AT_MOST,
     quantity(7, "minute"), EACH_MONTH, frozenset({AMBULANCE}), "UEC"),
    ("ambulance_cat1_p90", ThresholdTarget, "ambulance_cat1_p90", AT_MOST,
     quantity(15, "minute"), EACH_MONTH, frozenset({AMBULANCE}), "UEC"),
    ("ambulance_cat2_mean", ThresholdTarget, "ambulance_cat2_mean", AT_MOST,
     quantity(18, "minute"), EACH_MONTH, frozenset({AMBULANCE}), "UEC"),
    ("ambulance_cat2_mean_interim_2023_24", ThresholdTarget, "ambulance_cat2_mean", AT_MOST,
     quantity(30, "minute"), YEAR_AVERAGE, frozenset({AMBULANCE}), "UEC"),
    ("ambulance_cat2_mean_interim_2024_25", ThresholdTarget, "ambulance_cat2_mean", AT_MOST,
     quantity(30, "minute"), YEAR_AVERAGE, frozenset({AMBULANCE}), "UEC"),
    ("ambulance_cat2_mean_interim_2025_26", ThresholdTarget, "ambulance_cat2_mean", AT_MOST,
     quantity(30, "minute"), YEAR_AVERAGE, frozenset({AMBULANCE}), "UEC"),
    ("ambulance_cat2_mean_interim_2026_27", ThresholdTarget, "ambulance_cat2_mean", AT_MOST,
     quantity(25, "minute"), YEAR_AVERAGE, frozenset({AMBULANCE}), "UEC"),
    ("ambulance_cat2_p90", ThresholdTarget, "ambulance_cat2_p90", AT_MOST,
     quantity(40, "minute"), EACH_MONTH, frozenset({AMBULANCE}), "UEC"),
    ("ambulance_cat3_p90", ThresholdTarget, "ambulance_cat3_p90", AT_MOST,
     quantity(120, "minute"), EACH_MONTH, frozenset({AMBULANCE}), "UEC"),
    ("ambulance_cat4_p90", ThresholdTarget, "ambulance_cat4_p90", AT_MOST,
     quantity(180, "minute"), EACH_MONTH, frozenset({AMBULANCE}), "UEC"),
    # referral to treatment
    ("rtt_18_weeks_incomplete", ThresholdTarget, "rtt_18_weeks_incomplete", AT_LEAST,
     quantity(92, PCT), LATEST, TREATING | COMMISSIONERS, "RTT"),
    ("rtt_18_weeks_interim_2026", ThresholdTarget, "rtt_18_weeks_incomplete", AT_LEAST,
     quantity(65, PCT), DEADLINE_MONTH, TREATING | COMMISSIONERS, "RTT"),
    ("rtt_18_weeks_interim_2027", ThresholdTarget, "rtt_18_weeks_incomplete", AT_LEAST,
     quantity(70, PCT), DEADLINE_MONTH, TREATING | COMMISSIONERS, "RTT"),
    ("rtt_104_week_waits", EliminationTarget, "rtt_104_week_waiters", AT_MOST,
     quantity(0, "pathway"), DEADLINE_MONTH, TREATING | {SYSTEM}, "RTT"),
    ("rtt_78_week_waits", EliminationTarget, "rtt_78_week_waiters", AT_MOST,
     quantity(0, "pathway"), DEADLINE_MONTH, TREATING | {SYSTEM}, "RTT"),
    ("rtt_65_week_waits", EliminationTarget, "rtt_65_week_waiters", AT_MOST,
     quantity(0, "pathway"), DEADLINE_MONTH, TREATING | {SYSTEM}, "RTT"),
    ("rtt_65_week_waits_revised", EliminationTarget, "rtt_65_week_waiters", AT_MOST,
     quantity(0, "pathway"), DEADLINE_MONTH, TREATING | {SYSTEM}, "RTT"),
    ("rtt_52_week_waits_2025", EliminationTarget, "rtt_52_week_waiters", AT_MOST,
     quantity(0, "pathway"), DEADLINE_MONTH, TREATING | {SYSTEM}, "RTT"),
    ("rtt_52_week_share_2026", ThresholdTarget, "rtt_52_week_waiters_share", Comparison.BELOW,
     quantity(1, PCT), DEADLINE_MONTH, TREATING | {SYSTEM}, "RTT"),
    # diagnostics
    ("diagnostics_6_weeks", ThresholdTarget, "diagnostics_6_weeks", AT_MOST, quantity(1, PCT),
     LATEST, TREATING | COMMISSIONERS, "DIAG"),
    ("diagnostics_6_weeks_interim_2025", ThresholdTarget, "diagnostics_6_weeks", AT_MOST,
     quantity(5, PCT), DEADLINE_MONTH, TREATING | COMMISSIONERS, "DIAG"),
    # cancer
    ("cancer_2_week_wait", ThresholdTarget, "cancer_2_week_wait", AT_LEAST, quantity(93, PCT),
     EACH_MONTH, TREATING, "CANCER"),
    ("cancer_2_week_wait_breast", ThresholdTarget, "cancer_2_week_wait_breast", AT_LEAST,
     quantity(93, PCT), EACH_MONTH, TREATING, "CANCER"),
    ("cancer_faster_diagnosis_interim_2025", ThresholdTarget, "cancer_faster_diagnosis",
     AT_LEAST, quantity(77, PCT), DEADLINE_MONTH, TREATING, "CANCER"),
    ("cancer_faster_diagnosis_interim_2026", ThresholdTarget, "cancer_faster_diagnosis",
     AT_LEAST, quantity(80, PCT), DEADLINE_MONTH, frozenset({SYSTEM}), "CANCER"),
    ("cancer_faster_diagnosis_standard_2023", ThresholdTarget, "cancer_faster_diagnosis",
     AT_LEAST, quantity(75, PCT), EACH_MONTH, TREATING, "CANCER"),
    ("cancer_faster_diagnosis_standard_2026", ThresholdTarget, "cancer_faster_diagnosis",
     AT_LEAST, quantity(80, PCT), EACH_MONTH, TREATING, "CANCER"),
    ("cancer_31_day", ThresholdTarget, "cancer_31_day", AT_LEAST, quantity(96, PCT),
     EACH_MONTH, TREATING, "CANCER"),
    ("cancer_62_day", ThresholdTarget, "cancer_62_day", AT_LEAST, quantity(85, PCT),
     EACH_MONTH, TREATING, "CANCER"),
    ("cancer_62_day_interim_2025", ThresholdTarget, "cancer_62_day", AT_LEAST,
     quantity(70, PCT), DEADLINE_MONTH, TREATING, "CANCER"),
    ("cancer_62_day_interim_2026", ThresholdTarget, "cancer_62_day", AT_LEAST,
     quantity(75, PCT), DEADLINE_MONTH, frozenset({SYSTEM}), "CANCER"),
    # mental health
    ("iapt_6_weeks", ThresholdTarget, "iapt_6_weeks", AT_LEAST, quantity(75, PCT), EACH_MONTH,
     frozenset({MENTAL_HEALTH}) | COMMISSIONERS, "MH"),
    ("iapt_18_weeks", ThresholdTarget, "iapt_18_weeks", AT_LEAST, quantity(95, PCT),
     EACH_MONTH, frozenset({MENTAL_HEALTH}) | COMMISSIONERS, "MH"),
    ("iapt_recovery", ThresholdTarget, "iapt_recovery", AT_LEAST, quantity(50, PCT),
     EACH_MONTH, frozenset({MENTAL_HEALTH}) | COMMISSIONERS, "MH"),
    ("eip_2_weeks", TrajectoryTarget, "eip_2_weeks", AT_LEAST, quantity(50, PCT), EACH_MONTH,
     frozenset({MENTAL_HEALTH}) | COMMISSIONERS, "MH"),
    ("dementia_diagnosis_rate", ThresholdTarget, "dementia_diagnosis_rate", AT_LEAST,
     quantity(66.7, PCT), EACH_MONTH, COMMISSIONERS | {PRACTICE}, "MH"),
    # bed occupancy
    ("general_acute_bed_occupancy_2023_24", ThresholdTarget, "general_acute_bed_occupancy",
     AT_MOST, quantity(92, PCT), EACH_MONTH, frozenset({ACUTE}), "BEDS"),
]  # fmt: skip


def _first_value(target: Target) -> Quantity | None:
    if isinstance(target, ThresholdTarget):
        return target.value
    if isinstance(target, TrajectoryTarget):
        return target.points[0].value
    if isinstance(target, EliminationTarget):
        return quantity(0, target.unit)
    return None


class TestTargets:
    def test_table_is_complete(self, g: Guidance) -> None:
        assert sorted(t.id for t in g.targets) == sorted(row[0] for row in TARGETS)

    @pytest.mark.parametrize("row", TARGETS, ids=lambda row: row[0])
    def test_target(self, g: Guidance, row: TargetRow) -> None:
        target_id, kind, metric, comparison, value, judged, applies_to, code = row
        t = g.target(target_id)
        assert isinstance(t, kind)
        assert isinstance(t, ThresholdTarget | EliminationTarget | TrajectoryTarget)
        assert t.metric == metric
        assert t.comparison is comparison
        assert _first_value(t) == value
        assert t.judged is judged
        assert t.applies_to == applies_to
        assert t.priority == code

    @pytest.mark.parametrize(("target_id", "kind", "metric"), [row[:3] for row in TARGETS])
    def test_polarity_matches_comparison(
        self, g: Guidance, target_id: str, kind: type[Target], metric: str
    ) -> None:
        t = g.target(target_id)
        assert isinstance(t, kind)
        assert isinstance(t, ThresholdTarget | EliminationTarget | TrajectoryTarget)
        assert t.comparison.higher_is_better is (g.metric(metric).polarity is HIGHER)

    @pytest.mark.parametrize(
        ("target_id", "on", "expected"),
        [
            ("ae_4_hour", date(2010, 6, 30), None),
            ("ae_4_hour", date(2010, 7, 1), quantity(95, PCT)),
            ("ae_4_hour", date(2021, 12, 31), quantity(95, PCT)),
            ("rtt_18_weeks_incomplete", date(2021, 12, 31), quantity(92, PCT)),
            ("cancer_62_day", date(2021, 12, 31), quantity(85, PCT)),
            ("cancer_31_day", date(2024, 1, 31), quantity(96, PCT)),
            ("cancer_2_week_wait", date(2021, 12, 31), quantity(93, PCT)),
            ("diagnostics_6_weeks", date(2021, 12, 31), quantity(1, PCT)),
            ("ambulance_cat2_mean_interim_2023_24", date(2023, 3, 31), None),
            ("ambulance_cat2_mean_interim_2023_24", date(2023, 4, 1), quantity(30, "minute")),
            ("ambulance_cat2_mean_interim_2025_26", date(2025, 4, 1), quantity(30, "minute")),
            ("general_acute_bed_occupancy_2023_24", date(2023, 3, 31), None),
            ("general_acute_bed_occupancy_2023_24", date(2023, 4, 1), quantity(92, PCT)),
        ],
    )
    def test_value_on(
        self, g: Guidance, target_id: str, on: date, expected: Quantity | None
    ) -> None:
        assert g.target(target_id).value_on(on) == expected

    def test_a_and_e_98_percent_before_july_2010_is_described(self, g: Guidance) -> None:
        t = g.target("ae_4_hour")
        assert t.effective_from == date(2010, 7, 1)
        assert "98 %" in t.description

    @pytest.mark.parametrize("target_id", ["cancer_2_week_wait", "cancer_2_week_wait_breast"])
    def test_two_week_waits_retired(self, g: Guidance, target_id: str) -> None:
        t = g.target(target_id)
        assert "Retired on 1 October 2023" in t.description
        assert t.effective_until == date(2023, 9, 30)
        assert t.value_on(date(2023, 9, 30)) == quantity(93, PCT)
        assert t.value_on(date(2023, 10, 1)) is None

    def test_31_day_combined_from_october_2023(self, g: Guidance) -> None:
        assert "first and subsequent" in g.target("cancer_31_day").description
        assert "October 2023" in g.target("cancer_31_day").description

    def test_strict_asks_noted(self, g: Guidance) -> None:
        assert "'> 50 %'" in g.target("eip_2_weeks").description
        assert "'under 1 %'" in g.target("rtt_52_week_share_2026").description

    def test_every_trust_plus_5_points_noted(self, g: Guidance) -> None:
        assert "5 percentage points" in g.target("rtt_18_weeks_interim_2026").description


# --- deadlines and effective dates ----------------------------------------------------------

DEADLINES: list[tuple[str, str, DeadlineKind, date, Month | None]] = [
    ("ae_4_hour_interim_2024", "by March 2024", DeadlineKind.BY, date(2024, 3, 31),
     Month(2024, 3)),
    ("ae_4_hour_interim_2025", "by March 2025", DeadlineKind.BY, date(2025, 3, 31),
     Month(2025, 3)),
    ("ae_4_hour_interim_2026", "in March 2026", DeadlineKind.DURING, date(2026, 3, 31),
     Month(2026, 3)),
    ("rtt_18_weeks_interim_2026", "by March 2026", DeadlineKind.BY, date(2026, 3, 31),
     Month(2026, 3)),
    ("rtt_104_week_waits", "by July 2022", DeadlineKind.BY, date(2022, 7, 31), Month(2022, 7)),
    ("rtt_78_week_waits", "by April 2023", DeadlineKind.BY, date(2023, 4, 30), Month(2023, 4)),
    ("rtt_65_week_waits", "by March 2024", DeadlineKind.BY, date(2024, 3, 31), Month(2024, 3)),
    ("rtt_65_week_waits_revised", "by September 2024", DeadlineKind.BY, date(2024, 9, 30),
     Month(2024, 9)),
    ("rtt_52_week_waits_2025", "by March 2025", DeadlineKind.BY, date(2025, 3, 31),
     Month(2025, 3)),
    ("rtt_52_week_share_2026", "by March 2026", DeadlineKind.BY, date(2026, 3, 31),
     Month(2026, 3)),
    ("diagnostics_6_weeks_interim_2025", "by March 2025", DeadlineKind.BY, date(2025, 3, 31),
     Month(2025, 3)),
    ("cancer_faster_diagnosis_interim_2025", "by March 2025", DeadlineKind.BY,
     date(2025, 3, 31), Month(2025, 3)),
    ("cancer_faster_diagnosis_interim_2026", "by March 2026", DeadlineKind.BY,
     date(2026, 3, 31), Month(2026, 3)),
    ("cancer_62_day_interim_2025", "by March 2025", DeadlineKind.BY, date(2025, 3, 31),
     Month(2025, 3)),
    ("cancer_62_day_interim_2026", "by March 2026", DeadlineKind.BY, date(2026, 3, 31),
     Month(2026, 3)),
    ("ambulance_cat2_mean_interim_2023_24", "in 2023/24", DeadlineKind.DURING,
     date(2024, 3, 31), None),
    ("ambulance_cat2_mean_interim_2024_25", "in 2024/25", DeadlineKind.DURING,
     date(2025, 3, 31), None),
    ("ambulance_cat2_mean_interim_2025_26", "in 2025/26", DeadlineKind.DURING,
     date(2026, 3, 31), None),
    ("general_acute_bed_occupancy_2023_24", "in 2023/24", DeadlineKind.DURING,
     date(2024, 3, 31), None),
    ("rtt_18_weeks_interim_2027", "by March 2027", DeadlineKind.BY, date(2027, 3, 31),
     Month(2027, 3)),
    ("ae_4_hour_interim_2028_29", "in 2028/29", DeadlineKind.DURING, date(2029, 3, 31), None),
    ("ambulance_cat2_mean_interim_2026_27", "in 2026/27", DeadlineKind.DURING,
     date(2027, 3, 31), None),
]  # fmt: skip

# Interim targets start when they were set (issue 9): the publication of the document that
# set them (2022/23 guidance 24 Dec 2021; elective recovery delivery plan 8 Feb 2022; 2023/24
# guidance 23 Dec 2022; 2024/25 guidance 27 Mar 2024; 2025/26 guidance 30 Jan 2025).
EFFECTIVE: list[tuple[str, date | None]] = [
    ("ae_4_hour", date(2010, 7, 1)),
    ("ae_4_hour_interim_2024", date(2022, 12, 23)),
    ("ae_4_hour_interim_2025", date(2024, 3, 27)),
    ("ae_4_hour_interim_2026", date(2025, 1, 30)),
    ("ambulance_cat2_mean_interim_2023_24", date(2023, 4, 1)),
    ("ambulance_cat2_mean_interim_2024_25", date(2024, 4, 1)),
    ("ambulance_cat2_mean_interim_2025_26", date(2025, 4, 1)),
    ("rtt_18_weeks_interim_2026", date(2025, 1, 30)),
    ("rtt_104_week_waits", date(2021, 12, 24)),
    ("rtt_78_week_waits", date(2021, 12, 24)),
    ("rtt_65_week_waits", date(2022, 12, 23)),
    ("rtt_65_week_waits_revised", date(2024, 3, 27)),
    ("rtt_52_week_waits_2025", date(2022, 2, 8)),
    ("rtt_52_week_share_2026", date(2025, 1, 30)),
    ("diagnostics_6_weeks_interim_2025", date(2022, 2, 8)),
    ("cancer_faster_diagnosis_interim_2025", date(2024, 3, 27)),
    ("cancer_faster_diagnosis_interim_2026", date(2025, 1, 30)),
    ("cancer_62_day_interim_2025", date(2024, 3, 27)),
    ("cancer_62_day_interim_2026", date(2025, 1, 30)),
    ("general_acute_bed_occupancy_2023_24", date(2023, 4, 1)),
    # issue 11: the dated changes of the 2023/24 to 2026-29 editions
    ("cancer_faster_diagnosis_standard_2023", date(2023, 10, 1)),
    ("cancer_faster_diagnosis_standard_2026", date(2026, 4, 1)),
    ("rtt_18_weeks_interim_2027", date(2026, 4, 1)),
    ("ae_4_hour_interim_2028_29", date(2028, 4, 1)),
    ("ambulance_cat2_mean_interim_2026_27", date(2026, 4, 1)),
]


class TestDeadlines:
    @pytest.mark.parametrize("row", DEADLINES, ids=lambda row: row[0])
    def test_deadline(
        self, g: Guidance, row: tuple[str, str, DeadlineKind, date, Month | None]
    ) -> None:
        target_id, words, kind, resolved, month = row
        deadline = g.target(target_id).deadline
        assert deadline is not None
        assert deadline.words == words
        assert deadline.kind is kind
        assert deadline.resolved == resolved
        assert deadline.judged_month == month

    def test_every_deadline_is_tabled(self, g: Guidance) -> None:
        dated = {t.id for t in g.targets if t.deadline is not None}
        assert dated == {row[0] for row in DEADLINES}

    def test_deadline_month_targets_have_a_judged_month(self, g: Guidance) -> None:
        for t in g.targets:
            if t.judged is DEADLINE_MONTH:
                assert t.deadline is not None
                assert t.deadline.judged_month is not None, t.id

    @pytest.mark.parametrize(("target_id", "effective"), EFFECTIVE)
    def test_effective_from(self, g: Guidance, target_id: str, effective: date | None) -> None:
        assert g.target(target_id).effective_from == effective

    def test_only_tabled_targets_have_an_effective_date(self, g: Guidance) -> None:
        dated = {t.id for t in g.targets if t.effective_from is not None}
        assert dated == {row[0] for row in EFFECTIVE}

    def test_65_week_deadline_moved(self, g: Guidance) -> None:
        published = g.target("rtt_65_week_waits")
        revised = g.target("rtt_65_week_waits_revised")
        assert "September 2024" in published.description
        assert "rtt_65_week_waits_revised" in published.description
        assert "HSJ on 2024/25" in revised.citation.section
        req = g.requirement("rtt_long_waits")
        assert {"rtt_65_week_waits", "rtt_65_week_waits_revised"} <= set(req.targets)

    @pytest.mark.parametrize(
        ("requirement_id", "words", "resolved"),
        [
            ("cancer_fds_seed", "from Q3", date(2021, 10, 1)),
            ("beds_ga_2020_21", "in 2020/21", date(2021, 3, 31)),
            ("beds_ga_2023_24", "in 2023/24", date(2024, 3, 31)),
        ],
    )
    def test_requirement_deadlines(
        self, g: Guidance, requirement_id: str, words: str, resolved: date
    ) -> None:
        deadline = g.requirement(requirement_id).deadline
        assert deadline is not None
        assert (deadline.words, deadline.resolved) == (words, resolved)


class TestEipTrajectory:
    def test_points(self, g: Guidance) -> None:
        t = g.target("eip_2_weeks")
        assert isinstance(t, TrajectoryTarget)
        assert t.interpolation is Interpolation.STEP
        assert [(p.on, p.value) for p in t.points] == [
            (date(2016, 4, 1), quantity(50, PCT)),
            (date(2018, 4, 1), quantity(53, PCT)),
            (date(2019, 4, 1), quantity(56, PCT)),
            (date(2020, 4, 1), quantity(60, PCT)),
        ]

    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            (date(2016, 3, 31), None),
            (date(2016, 4, 1), quantity(50, PCT)),
            (date(2018, 3, 31), quantity(50, PCT)),
            (date(2018, 4, 1), quantity(53, PCT)),
            (date(2019, 12, 31), quantity(56, PCT)),
            (date(2020, 4, 1), quantity(60, PCT)),
            (date(2021, 12, 31), quantity(60, PCT)),
        ],
    )
    def test_value_on(self, g: Guidance, on: date, expected: Quantity | None) -> None:
        assert g.target("eip_2_weeks").value_on(on) == expected


# --- requirements ----------------------------------------------------------------------------

REQUIREMENTS: list[tuple[str, str, frozenset[OrgType]]] = [
    ("uec_ae_4_hour", "UEC", frozenset({ACUTE}) | COMMISSIONERS),
    ("uec_ambulance_cat1", "UEC", frozenset({AMBULANCE})),
    ("uec_ambulance_cat2", "UEC", frozenset({AMBULANCE})),
    ("uec_ambulance_cat3_cat4", "UEC", frozenset({AMBULANCE})),
    ("rtt_18_weeks", "RTT", PROVIDERS | COMMISSIONERS),
    ("rtt_long_waits", "RTT", PROVIDERS | {SYSTEM}),
    ("diag_6_weeks", "DIAG", PROVIDERS | COMMISSIONERS),
    ("cancer_2_week_wait", "CANCER", PROVIDERS),
    ("cancer_fds_seed", "CANCER", frozenset({SYSTEM})),
    ("cancer_fds", "CANCER", PROVIDERS),
    ("cancer_31_day", "CANCER", PROVIDERS),
    ("cancer_62_day", "CANCER", PROVIDERS),
    ("mh_iapt", "MH", frozenset({MENTAL_HEALTH}) | COMMISSIONERS),
    ("mh_eip", "MH", frozenset({MENTAL_HEALTH}) | COMMISSIONERS),
    ("mh_dementia", "MH", COMMISSIONERS | {PRACTICE}),
    ("ld_leder", "LD", COMMISSIONERS),
    ("beds_ga_2020_21", "BEDS", frozenset({ACUTE})),
    ("beds_ga_2023_24", "BEDS", frozenset({ACUTE})),
    ("cancer_standards_consolidated_2023", "CANCER", PROVIDERS),
    ("cancer_two_week_wait_removed_2023", "CANCER", PROVIDERS),
    ("rtt_constitutional_standard_by_march_2029", "RTT", PROVIDERS | COMMISSIONERS),
]

# Entries added for issue 11 cite the public page itself (the key of its source record), not
# REFERENCE.md; their passages are recorded in tests/sources/standards.md.
WEB_CITED = {
    "cancer_faster_diagnosis_standard_2023": "cancer_standards_review",
    "cancer_faster_diagnosis_standard_2026": "mtpf_2025",
    "rtt_18_weeks_interim_2027": "mtpf_2025",
    "ae_4_hour_interim_2028_29": "mtpf_2025",
    "ambulance_cat2_mean_interim_2026_27": "mtpf_2025",
    "cancer_standards_consolidated_2023": "cancer_standards_review",
    "cancer_two_week_wait_removed_2023": "lsc_icb_cancer_standards_2023",
    "rtt_constitutional_standard_by_march_2029": "elective_reform_letter_2025",
    "ae_4_hour": "hes_ae_2020_21",  # issue 17: the 4-hour standard cited to NHS Digital itself
}
RECORDED = paths.TESTS / "sources" / "standards.md"

# Requirements recording a value a seed edition holds as its own target: no target here.
SEED_REQUIREMENTS = {
    "cancer_fds_seed": ("001_b4880168b3d542f5.txt", "§C2", "cancer_faster_diagnosis_standard"),
    "ld_leder": ("001_b4880168b3d542f5.txt", "§C3", "learning_disability_mortality_reviews"),
    "beds_ga_2020_21": (
        "004_c7376a78e8be434d.txt",
        "§Operational performance improvements",
        "general_acute_bed_occupancy",
    ),
}


class TestRequirements:
    def test_table_is_complete(self, g: Guidance) -> None:
        assert [r.id for r in g.requirements] == [row[0] for row in REQUIREMENTS]

    @pytest.mark.parametrize(("requirement_id", "code", "owners"), REQUIREMENTS)
    def test_requirement(
        self, g: Guidance, requirement_id: str, code: str, owners: frozenset[OrgType]
    ) -> None:
        req = g.requirement(requirement_id)
        assert req.priority == code
        assert req.owners == owners

    @pytest.mark.parametrize("requirement_id", sorted(SEED_REQUIREMENTS))
    def test_seed_values_point_to_the_seed_edition(self, g: Guidance, requirement_id: str) -> None:
        source, section, seed_target = SEED_REQUIREMENTS[requirement_id]
        req = g.requirement(requirement_id)
        assert req.targets == ()
        assert (req.citation.source, req.citation.section) == (source, section)
        assert req.citation.quote
        assert seed_target in req.text

    def test_leder_metric_defined_without_a_target(self, g: Guidance) -> None:
        assert g.targets_for_metric("leder_reviews_in_time") == ()
        description = g.metric("leder_reviews_in_time").description
        assert "learning_disability_mortality_reviews" in description


# --- citations ---------------------------------------------------------------------------------


class TestCitations:
    def test_targets_metrics_and_priorities_cite_reference(self, g: Guidance) -> None:
        citations = [
            *(p.citation for p in g.priorities),
            *(t.citation for t in g.targets if t.id not in WEB_CITED),
            *(m.citation for m in g.metrics),
        ]
        for citation in citations:
            assert citation is not None
            assert citation.source == "REFERENCE.md"
            assert citation.section.startswith(HEADING + ": ")
            assert not citation.unconfirmed  # no row of the standards table is [unconfirmed]

    def test_requirements_cite_reference_or_the_seed_the_row_names(self, g: Guidance) -> None:
        for req in g.requirements:
            if req.id in WEB_CITED:
                continue
            if req.id in SEED_REQUIREMENTS:
                assert req.citation.source == SEED_REQUIREMENTS[req.id][0]
            else:
                assert req.citation.source == "REFERENCE.md"
                assert req.citation.section.startswith(HEADING + ": ")

    def test_every_target_has_a_quote(self, g: Guidance) -> None:
        assert [t.id for t in g.targets if not t.citation.quote] == []

    def test_quotes_are_verbatim(self, g: Guidance) -> None:
        if not REFERENCE.is_file() or not SEEDS.is_dir():
            pytest.skip("shared/REFERENCE.md and shared/seeds are not beside the repository")
        citations = [*(t.citation for t in g.targets), *(r.citation for r in g.requirements)]
        missing = []
        for citation in citations:
            if not citation.quote or citation.source in WEB_CITED.values():
                continue
            path = REFERENCE if citation.source == "REFERENCE.md" else SEEDS / citation.source
            if _squash(citation.quote) not in _squash(path.read_text(encoding="utf-8")):
                missing.append(f"{citation.source}: {citation.quote!r}")
        assert missing == []

    @pytest.mark.parametrize(
        ("target_id", "named_source"),
        [
            ("ae_4_hour", "Percentage of Patient Attendances Spending 4 Hours or Less in A&E"),
            ("ae_4_hour_interim_2024", "UEC recovery plan (Jan 2023)"),
            ("rtt_104_week_waits", "Elective recovery delivery plan (Feb 2022)"),
            ("rtt_52_week_share_2026", "2025/26 guidance"),
            ("ambulance_cat2_mean_interim_2023_24", "UEC recovery plan"),
            ("cancer_faster_diagnosis_interim_2025", "cancer waiting times dataset guidance v12.1"),
            ("eip_2_weeks", "RCPsych Mental Health Watch"),
            ("dementia_diagnosis_rate", "NHS Digital national indicator library"),
            ("general_acute_bed_occupancy_2023_24", "HFMA 2023"),
        ],
    )
    def test_section_names_the_rows_source(
        self, g: Guidance, target_id: str, named_source: str
    ) -> None:
        assert named_source in g.target(target_id).citation.section


class TestIssue11Changes:
    """The dated changes the 2023/24 to 2026-29 editions make to the standards."""

    @pytest.mark.parametrize(("entry_id", "source"), sorted(WEB_CITED.items()))
    def test_cites_the_public_page(self, g: Guidance, entry_id: str, source: str) -> None:
        ids = {t.id for t in g.targets}
        entry = g.target(entry_id) if entry_id in ids else g.requirement(entry_id)
        assert entry.citation.source == source
        assert entry.citation.publication is not None
        recorded = _squash(RECORDED.read_text(encoding="utf-8"))
        assert _squash(entry.citation.quote) in recorded

    def test_fds_75_from_october_2023_then_80(self, g: Guidance) -> None:
        first = g.target("cancer_faster_diagnosis_standard_2023")
        second = g.target("cancer_faster_diagnosis_standard_2026")
        assert "(set at 75%)" in first.citation.quote
        assert first.lifetime == (date(2023, 10, 1), date(2026, 3, 31))
        assert first.superseded_by == second.id
        assert "new threshold of 80%" in second.citation.quote
        assert second.lifetime == (date(2026, 4, 1), None)

    def test_cancer_standards_three_from_october_2023(self, g: Guidance) -> None:
        req = g.requirement("cancer_standards_consolidated_2023")
        assert "from 10 standards to three from 1st October 2023" in req.citation.quote
        assert req.deadline is not None
        assert req.deadline.start == date(2023, 10, 1)
        retired = g.requirement("cancer_two_week_wait_removed_2023")
        assert "cancer_2_week_wait" in retired.targets
        assert g.target("cancer_2_week_wait").lifetime[1] == date(2023, 9, 30)

    def test_rtt_path_to_92(self, g: Guidance) -> None:
        assert g.target("rtt_18_weeks_interim_2026").value_on(date(2026, 3, 31)) == quantity(
            65, PCT
        )
        assert g.target("rtt_18_weeks_interim_2027").value_on(date(2027, 3, 31)) == quantity(
            70, PCT
        )
        assert g.target("rtt_18_weeks_incomplete").value_on(date(2029, 3, 31)) == quantity(92, PCT)
        req = g.requirement("rtt_constitutional_standard_by_march_2029")
        assert "by March 2029" in req.citation.quote
        assert "rtt_18_weeks_incomplete" in req.targets


class TestLifetime:
    def test_an_interim_target_asks_nothing_before_it_was_set(self, g: Guidance) -> None:
        # issue 9: required(on=2021-05-01) was 76 % for a level set in December 2022
        assert g.target("ae_4_hour_interim_2024").required(on=date(2021, 5, 1)) is None

    def test_dated_targets_end_after_their_deadline(self, g: Guidance) -> None:
        for t in g.targets:
            if t.deadline is not None and t.judged is DEADLINE_MONTH:
                assert t.effective_until is not None, t.id
                assert t.effective_until <= t.deadline.resolved, t.id

    def test_the_original_65_week_deadline_is_retired_for_its_revision(self, g: Guidance) -> None:
        original = g.target("rtt_65_week_waits")
        revised = g.target("rtt_65_week_waits_revised")
        assert original.superseded_by == revised.id
        assert original.effective_until == date(2024, 3, 26)
        assert revised.effective_from == date(2024, 3, 27)


class TestFourHourStandardSource:
    """Issue 17 item 5: the bundled A&E 4-hour standard is cited to a primary source."""

    def test_cited_to_nhs_digital_not_unconfirmed(self, g: Guidance) -> None:
        citation = g.target("ae_4_hour").citation
        assert citation.source == "hes_ae_2020_21"
        assert citation.publisher == "NHS Digital"
        assert not citation.secondary
        assert citation.url.startswith("https://digital.nhs.uk/")
        assert "[unconfirmed]" not in str(citation)
        assert "from quarter 2 (July) 2010 this was reduced to 95%" in citation.quote

    def test_demo_names_a_confirmed_source(self) -> None:
        second = run_demo().splitlines()[1]
        assert second.startswith("source of the standard: NHS Digital")
        assert "[unconfirmed]" not in second
