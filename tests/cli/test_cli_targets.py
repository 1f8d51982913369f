"""nhsplan targets and nhsplan compare: what is in force on a date, what changed."""

from __future__ import annotations

import io

import pytest

from nhsplan.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


class TestTargets:
    def test_what_a_trust_is_held_to_today(self) -> None:
        code, out = run("targets", "--as-of", "2026-11-27", "--org-type", "acute_trust")
        assert code == 0
        assert "of acute_trust organisations" in out.splitlines()[0]
        assert "2026-29:" in out
        assert "ae_4_hour_trust_2026_27: at least 82%" in out
        asked = "at least the March 2026 (assumed) figure plus 7 points"
        assert f"rtt_18_weeks_trust_2026_27: {asked}" in out
        assert "standards:" in out
        # a 2021/22 target ended with its year, and a national ambition asks no trust
        assert "cancer_faster_diagnosis_standard:" not in out
        assert "rtt_18_weeks_2026_27" not in out

    def test_each_target_names_its_source(self) -> None:
        _code, out = run("targets", "--as-of", "2021-12-31")
        assert "source: NHS England and NHS Improvement, 2021/22 priorities" in out

    def test_a_bad_type_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            run("targets", "--as-of", "2026-11-27", "--org-type", "hospital")
        assert info.value.code == 2
        assert "nhsplan: error:" in capsys.readouterr().err


class TestCompare:
    def test_targets_added_removed_and_moved(self) -> None:
        code, out = run("compare", "2024/25", "2025/26")
        assert code == 0
        assert out.startswith("2024/25 → 2025/26:")
        assert "+ rtt_18_weeks_trust_improvement_2025_26" in out
        assert "- rtt_65_week_waits_2024_25" in out
        assert "value: at least 70 % → at least 75 %" in out

    def test_an_unknown_edition_is_one_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _out = run("compare", "2024/25", "1999/00")
        assert code == 2
        assert capsys.readouterr().err.startswith("nhsplan: error:")
