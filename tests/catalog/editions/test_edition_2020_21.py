"""The 2020/21 edition checked against its seed, NHS Providers' commentary (seed 004)."""

from __future__ import annotations

import re
from datetime import date

import pytest

import nhsplan
from nhsplan import (
    BaselineTarget,
    Comparison,
    EliminationTarget,
    FinancialYear,
    Judgement,
    MilestoneTarget,
    OrgType,
    ScoringKind,
    ThresholdTarget,
)
from nhsplan.model import Guidance, Polarity
from nhsplan.units import Quantity, quantity
from tests import paths

SEED = "004_c7376a78e8be434d.txt"
SHARED = paths.SHARED


def _guidance() -> Guidance:
    return nhsplan.load_guidance("2020/21")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class TestEdition:
    def test_identity(self) -> None:
        g = _guidance()
        assert g.id == "2020/21"
        assert g.title == "2020/21 NHS operational planning and contracting guidance"
        assert g.year == FinancialYear(2020)
        assert g.citation.source == SEED
        assert g.published is None  # the seed says only "at the end of January"
        assert any("end of January" in note for note in g.notes)

    def test_also_loads_by_dashed_id(self) -> None:
        assert nhsplan.load_guidance("2020-21") is _guidance()

    def test_counts(self) -> None:
        g = _guidance()
        assert len(g.priorities) == 3
        assert sum(len(p.children) for p in g.priorities) == 0
        assert len(g.requirements) == 18
        assert len(g.metrics) == 6
        assert len(g.targets) == 7
        assert len(g.funding) == 0  # the seed states no funding amounts for 2020/21
        assert len(g.frameworks) == 0


class TestPriorities:
    @pytest.mark.parametrize(
        ("code", "title", "section"),
        [
            ("SYS", "System by default", '§"System by default"'),
            (
                "OPS",
                "Operational performance improvements",
                "§Operational performance improvements",
            ),
            ("FIN", "Finances", "§Finances"),
        ],
    )
    def test_priority_from_heading(self, code: str, title: str, section: str) -> None:
        p = _guidance().priority(code)
        assert p.title == title
        assert p.citation.source == SEED
        assert p.citation.section == section

    def test_order(self) -> None:
        assert [p.code for p in _guidance().priorities] == ["SYS", "OPS", "FIN"]

    def test_headings_exist_in_the_seed(self) -> None:
        seed = SHARED / "seeds" / SEED
        if not seed.is_file():
            pytest.skip("shared/seeds is not beside the repository")
        text = seed.read_text(encoding="utf-8")
        for p in _guidance().priorities:
            assert p.citation.section.removeprefix("§") in text


class TestThresholds:
    @pytest.mark.parametrize(
        ("target_id", "metric", "comparison", "value", "applies_to"),
        [
            (
                "general_acute_bed_occupancy",
                "general_acute_bed_occupancy",
                Comparison.AT_MOST,
                quantity(92, "percent"),
                {OrgType.ACUTE_TRUST},
            ),
            (
                "provider_sector_balance_2020_21",
                "provider_sector_deficit",
                Comparison.AT_MOST,
                quantity(0, "GBP"),
                {OrgType.NATIONAL},
            ),
        ],
    )
    def test_threshold(
        self,
        target_id: str,
        metric: str,
        comparison: Comparison,
        value: Quantity,
        applies_to: set[OrgType],
    ) -> None:
        t = _guidance().target(target_id)
        assert isinstance(t, ThresholdTarget)
        assert t.metric == metric
        assert t.comparison is comparison
        assert t.value == value
        assert t.applies_to == applies_to
        assert t.effective_from == date(2020, 4, 1)

    def test_bed_occupancy_judged_each_month(self) -> None:
        t = _guidance().target("general_acute_bed_occupancy")
        assert t.judged is Judgement.EACH_MONTH
        assert t.value_on(date(2019, 12, 1)) is None
        assert t.value_on(date(2020, 10, 1)) == quantity(92, "percent")

    def test_provider_balance_in_2020_21(self) -> None:
        t = _guidance().target("provider_sector_balance_2020_21")
        assert t.deadline is not None
        assert t.deadline.words == "in 2020/21"
        assert t.deadline.start == date(2020, 4, 1)
        assert t.deadline.end == date(2021, 3, 31)
        assert "£320m" in t.description  # the 2019/20 planned deficit, for comparison


class TestElimination:
    def test_52_week_waits(self) -> None:
        t = _guidance().target("rtt_52_week_waits")
        assert isinstance(t, EliminationTarget)
        assert t.metric == "rtt_52_week_waiters"
        assert t.unit == "pathway"
        assert t.value_on(date(2020, 6, 30)) == quantity(0, "pathway")
        assert t.judged is Judgement.EACH_MONTH


class TestBaselines:
    @pytest.mark.parametrize(
        ("target_id", "metric", "change", "label", "judged"),
        [
            (
                "iapt_access_expansion",
                "iapt_access",
                quantity(14, "percent"),
                "2019/20",
                Judgement.PERIOD_TOTAL,
            ),
            (
                "open_bed_capacity_2019_20_peak",
                "open_bed_capacity",
                quantity(0, "percent"),
                "2019/20 peak",
                Judgement.EACH_MONTH,
            ),
            (
                "mhis_allocation_share_2020_21",
                "mental_health_allocation_share",
                quantity(0, "percent"),
                "2019/20",
                Judgement.PERIOD_TOTAL,
            ),
        ],
    )
    def test_baseline(
        self, target_id: str, metric: str, change: Quantity, label: str, judged: Judgement
    ) -> None:
        t = _guidance().target(target_id)
        assert isinstance(t, BaselineTarget)
        assert t.metric == metric
        assert t.comparison is Comparison.AT_LEAST
        assert t.change == change
        assert t.relative
        assert [b.label for b in t.baselines] == [label]
        assert [b.period for b in t.baselines] == [FinancialYear(2019)]
        assert t.judged is judged

    def test_iapt_required_level(self) -> None:
        t = _guidance().target("iapt_access_expansion")
        assert isinstance(t, BaselineTarget)
        required = t.required_from({"2019/20": quantity(1000, "patient")})
        assert required.unit == "patient"
        assert required.magnitude == pytest.approx(1140)


class TestMilestones:
    def test_ics_by_april_2021(self) -> None:
        t = _guidance().target("ics_coverage_april_2021")
        assert isinstance(t, MilestoneTarget)
        assert t.deadline is not None
        assert t.deadline.words == "by April 2021"
        assert t.deadline.resolved == date(2021, 4, 30)  # "by <month>": its last day
        assert t.applies_to == {OrgType.SYSTEM}


class TestMetrics:
    @pytest.mark.parametrize(
        ("metric_id", "unit", "kind", "polarity"),
        [
            (
                "general_acute_bed_occupancy",
                "percent",
                ScoringKind.PROPORTION,
                Polarity.LOWER_IS_BETTER,
            ),
            ("open_bed_capacity", "bed", ScoringKind.COUNT, Polarity.HIGHER_IS_BETTER),
            ("rtt_52_week_waiters", "pathway", ScoringKind.COUNT, Polarity.LOWER_IS_BETTER),
            ("iapt_access", "patient", ScoringKind.COUNT, Polarity.HIGHER_IS_BETTER),
            (
                "mental_health_allocation_share",
                "percent",
                ScoringKind.PROPORTION,
                Polarity.HIGHER_IS_BETTER,
            ),
            ("provider_sector_deficit", "GBP", ScoringKind.MONEY, Polarity.LOWER_IS_BETTER),
        ],
    )
    def test_metric(self, metric_id: str, unit: str, kind: ScoringKind, polarity: Polarity) -> None:
        m = _guidance().metric(metric_id)
        assert (m.unit, m.kind, m.polarity) == (unit, kind, polarity)


class TestRequirements:
    @pytest.mark.parametrize(
        ("req_id", "priority", "owners"),
        [
            ("sys_ics_by_april_2021", "SYS", {OrgType.SYSTEM}),
            ("sys_ics_roles", "SYS", {OrgType.SYSTEM}),
            ("sys_governance", "SYS", {OrgType.SYSTEM}),
            ("sys_ccg_consolidation", "SYS", {OrgType.CCG, OrgType.SYSTEM}),
            ("sys_specialised_services", "SYS", {OrgType.NATIONAL, OrgType.SYSTEM}),
            ("ops_bed_occupancy", "OPS", {OrgType.ACUTE_TRUST}),
            ("ops_primary_care_investment", "OPS", {OrgType.SYSTEM}),
            ("ops_open_bed_capacity", "OPS", {OrgType.ACUTE_TRUST}),
            ("ops_elective_waiting_list", "OPS", OrgType.providers() | OrgType.commissioners()),
            ("ops_52_week_waits", "OPS", OrgType.providers() | OrgType.commissioners()),
            ("ops_cancer_standards", "OPS", OrgType.providers()),
            ("ops_iapt_expansion", "OPS", {OrgType.CCG, OrgType.MENTAL_HEALTH_TRUST}),
            ("ops_mhis", "OPS", OrgType.commissioners()),
            ("ops_mh_triangulation", "OPS", {OrgType.SYSTEM, OrgType.MENTAL_HEALTH_TRUST}),
            (
                "ops_ambulance_low_acuity",
                "OPS",
                {OrgType.AMBULANCE_TRUST} | OrgType.commissioners(),
            ),
            ("fin_provider_balance", "FIN", OrgType.providers()),
            ("fin_psf_ends", "FIN", {OrgType.NATIONAL} | OrgType.providers()),
            ("fin_financial_recovery_fund", "FIN", OrgType.providers() | {OrgType.SYSTEM}),
        ],
    )
    def test_requirement(self, req_id: str, priority: str, owners: set[OrgType]) -> None:
        r = _guidance().requirement(req_id)
        assert r.priority == priority
        assert r.owners == owners

    def test_every_requirement_is_listed(self) -> None:
        assert len(_guidance().requirements) == 18

    def test_ics_deadline(self) -> None:
        r = _guidance().requirement("sys_ics_by_april_2021")
        assert r.deadline is not None
        assert r.deadline.resolved == date(2021, 4, 30)

    def test_financial_recovery_fund_rules(self) -> None:
        text = _guidance().requirement("fin_financial_recovery_fund").text
        assert "half of all payments" in text
        assert "tapered" in text

    @pytest.mark.parametrize(
        ("req_id", "targets"),
        [
            ("sys_ics_by_april_2021", ("ics_coverage_april_2021",)),
            ("ops_bed_occupancy", ("general_acute_bed_occupancy",)),
            ("ops_open_bed_capacity", ("open_bed_capacity_2019_20_peak",)),
            ("ops_52_week_waits", ("rtt_52_week_waits",)),
            ("ops_iapt_expansion", ("iapt_access_expansion",)),
            ("ops_mhis", ("mhis_allocation_share_2020_21",)),
            ("fin_provider_balance", ("provider_sector_balance_2020_21",)),
        ],
    )
    def test_measured_by(self, req_id: str, targets: tuple[str, ...]) -> None:
        assert _guidance().requirement(req_id).targets == targets

    def test_deadlines_in_order(self) -> None:
        assert [(d.id, d.deadline.resolved) for d in _guidance().deadlines] == [
            ("fin_provider_balance", date(2021, 3, 31)),
            ("provider_sector_balance_2020_21", date(2021, 3, 31)),
            ("ics_coverage_april_2021", date(2021, 4, 30)),
            ("sys_ics_by_april_2021", date(2021, 4, 30)),
        ]


class TestCitations:
    def test_every_entry_is_cited(self) -> None:
        g = _guidance()
        entries = [*g.priorities, *g.requirements, *g.targets]
        assert all(e.citation.source in {SEED, "REFERENCE.md"} for e in entries)
        assert all(e.citation.section.startswith("§") for e in entries)
        assert all(m.citation is not None for m in g.metrics)

    def test_every_target_quotes_its_source(self) -> None:
        assert all(t.citation.quote for t in _guidance().targets)

    def test_quotes_are_verbatim(self) -> None:
        if not (SHARED / "seeds").is_dir():
            pytest.skip("shared/seeds is not beside the repository")
        g = _guidance()
        citations = [e.citation for e in (*g.requirements, *g.targets)]
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
