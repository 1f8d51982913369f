"""nhsplan.audit and ``nhsplan audit EDITION``: an edition beside its sources, in one read."""

from __future__ import annotations

import io

import pytest

import nhsplan
from nhsplan.audit import audit, audit_text
from nhsplan.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


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
        assert text.splitlines()[1].startswith("22 targets; ")
        assert "2 rest on a reading the guidance does not state" in text


class TestCommand:
    def test_prints_the_audit(self) -> None:
        code, out = run("audit", "2025-26")
        assert code == 0
        assert out == audit_text("2025/26")
        assert '  quote:    "Systems are expected to continue' in out

    def test_an_unknown_edition_is_one_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run("audit", "1999/00")[0] == 2
        assert capsys.readouterr().err.count("\n") == 1
