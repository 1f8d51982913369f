"""``nhsplan waiting forecast``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nhsplan.cli import EXIT_BAD_INPUT, EXIT_OK, main

RBD = str(Path(__file__).parent / "data" / "rtt_nov2024_RBD_totals.csv")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


class TestForecastCommand:
    def test_prints_each_target(self) -> None:
        code, text = run("waiting", "forecast", RBD, "--org", "RBD", "--edition", "2025/26")
        assert code == EXIT_OK
        assert text.startswith(
            "RBD RTT waiting list, 2024-11: 21,702 pathways, 57.8 % within 18 weeks, 647 over 52"
        )
        assert "clock starts 5,003 and clock stops 4,469 a month" in text
        for target in (
            "rtt_18_weeks_2025_26",
            "rtt_18_weeks_trust_improvement_2025_26",
            "rtt_52_week_share_2025_26",
        ):
            assert target in text
        assert ">= 62.8 %" in text  # +5 points on November 2024's 57.8 %
        assert "national: England's figure judges it" in text

    def test_capacity_rule_and_monthly(self) -> None:
        code, text = run(
            "waiting",
            "forecast",
            RBD,
            "--org",
            "rbd",
            "--edition",
            "standards",
            "--capacity",
            "6000",
            "--demand",
            "5,003",
            "--rule",
            "calibrated",
            "--monthly",
            "--as-of",
            "2025-04-01",
        )
        assert code == EXIT_OK
        assert "clock stops 6,000 a month" in text
        assert "as calibrated" in text
        assert "rtt_52_week_waits_2025" not in text  # ended before --as-of
        assert "2027-03" in text.splitlines()[-1]

    def test_chart(self, tmp_path: Path) -> None:
        chart = tmp_path / "forecast.png"
        code, text = run(
            "waiting",
            "forecast",
            RBD,
            "--org",
            "RBD",
            "--edition",
            "2025/26",
            "--chart",
            str(chart),
        )
        assert code == EXIT_OK
        assert chart.read_bytes().startswith(b"\x89PNG")
        assert "Chart written to" in text

    def test_bare_waiting_prints_help(self) -> None:
        code, text = run("waiting")
        assert code == EXIT_OK
        assert "forecast" in text

    def test_unknown_provider(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _ = run("waiting", "forecast", RBD, "--org", "RXX", "--edition", "2025/26")
        assert code == EXIT_BAD_INPUT
        assert "no incomplete pathways for provider 'RXX'; providers in the file: RBD" in (
            capsys.readouterr().err
        )

    @pytest.mark.parametrize("bad", ["-5", "lots", "nan"])
    def test_bad_capacity(self, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            run(
                "waiting",
                "forecast",
                RBD,
                "--org",
                "RBD",
                "--edition",
                "2025/26",
                "--capacity",
                bad,
            )
        assert info.value.code == EXIT_BAD_INPUT
        assert "for example 4469" in capsys.readouterr().err

    def test_missing_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _ = run("waiting", "forecast", "nope.csv", "--org", "RBD", "--edition", "2025/26")
        assert code == EXIT_BAD_INPUT
        assert "nope.csv: no such file" in capsys.readouterr().err


class TestOutputAndEmpty:
    def test_output_file(self, tmp_path: Path) -> None:
        target = tmp_path / "forecast.txt"
        code, text = run(
            "waiting",
            "forecast",
            RBD,
            "--org",
            "RBD",
            "--edition",
            "2025/26",
            "--output",
            str(target),
        )
        assert code == EXIT_OK
        assert text == ""
        assert "shortfall" in target.read_text(encoding="utf-8")

    def test_edition_without_rtt_targets(self) -> None:
        code, text = run("waiting", "forecast", RBD, "--org", "RBD", "--edition", "2024/25")
        assert code == EXIT_OK
        assert "(no RTT target of edition 2024/25 in force on 2024-11-30)" in text
