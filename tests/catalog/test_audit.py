"""nhsplan.audit: an edition beside its sources, in one read (issue 17 item 6)."""

from __future__ import annotations

import pytest

import nhsplan
from nhsplan import audit
from nhsplan.catalog.audit import AuditEntry, audit_text


class TestAudit:
    @pytest.mark.parametrize("edition", nhsplan.editions())
    def test_every_target_with_its_quote_and_choices(self, edition: str) -> None:
        entries = audit(edition)
        assert [e.target for e in entries] == [t.id for t in nhsplan.load_guidance(edition).targets]
        for e in entries:
            assert e.quote
            assert e.source
            assert e.scope
            assert e.basis
            assert e.lifetime

    def test_a_loaded_guidance_is_audited_as_its_id(self) -> None:
        guidance = nhsplan.load_guidance("2022/23")
        assert audit(guidance) == audit("2022/23")
        assert all(isinstance(e, AuditEntry) for e in audit(guidance))

    def test_a_reading_and_its_alternatives(self) -> None:
        entry = next(
            e for e in audit("2026-29") if e.target == "diagnostics_6_weeks_system_2026_27"
        )
        assert "3 percentage points" in entry.reading
        assert "relative:" in entry.reading

    def test_the_same_ask_elsewhere(self) -> None:
        entry = next(e for e in audit("2025/26") if e.target == "cancer_62_day_2025_26")
        assert entry.same_as == ("standards cancer_62_day_interim_2026",)
        root = next(e for e in audit("standards") if e.target == "cancer_62_day_interim_2026")
        assert root.same_as == ("2025/26 cancer_62_day_2025_26",)

    def test_amendments_and_retirement(self) -> None:
        entries = {e.target: e for e in audit("2023/24")}
        assert len(entries["elective_value_weighted_activity_2023_24"].amendments) == 2
        assert (
            "replaced by rtt_65_week_waits_2024_25" in entries["rtt_65_week_waits_2023_24"].lifetime
        )

    def test_secondary_sources_are_marked(self) -> None:
        entries = audit("2023/24")
        assert any(e.secondary for e in entries)
        assert all("(secondary source)" in e.source for e in entries if e.secondary)

    def test_text_counts_what_a_reviewer_checks(self) -> None:
        text = audit_text("2026-29")
        count = len(nhsplan.load_guidance("2026-29").targets)
        assert text.splitlines()[1].startswith(f"{count} targets; ")
        assert "2 rest on a reading the guidance does not state" in text
