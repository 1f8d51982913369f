"""The command line: editions, show and deadlines (with --ics)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import icalendar
import pytest

import nhsplan
from nhsplan import cli


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


class TestEditions:
    def test_lists_every_edition(self) -> None:
        code, out = run("editions")
        assert code == 0
        for edition in nhsplan.editions():
            assert edition in out


class TestShow:
    def test_outline(self) -> None:
        code, out = run("show", "2021/22")
        assert code == 0
        assert "C2  Restore full operation of all cancer services" in out

    def test_priority_with_asks_targets_and_sources(self) -> None:
        code, out = run("show", "2021-22", "C2")
        assert code == 0
        assert "cancer_faster_diagnosis_standard" in out
        assert "asks:" in out
        assert "001_b4880168b3d542f5.txt §C2" in out

    def test_target(self) -> None:
        code, out = run("show", "2021/22", "elective_recovery_fund_threshold")
        assert code == 0
        assert "amended from 2021-07-01: 95 %" in out

    def test_unknown_code(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _ = run("show", "2021/22", "Z9")
        assert code == 2
        assert "unknown target 'Z9'" in capsys.readouterr().err

    def test_unknown_edition(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _ = run("show", "2019/20")
        assert code == 2
        assert "known editions" in capsys.readouterr().err


class TestDeadlines:
    def test_in_date_order_within_range(self) -> None:
        code, out = run("deadlines", "2021/22", "--from", "2021-05-01", "--to", "2021-06-30")
        assert code == 0
        days = [date.fromisoformat(line[:10]) for line in out.splitlines() if line[:4] == "2021"]
        assert days == sorted(days)
        assert days
        assert all(date(2021, 5, 1) <= d <= date(2021, 6, 30) for d in days)
        assert "2021-06-03" in out  # final plans by 3 June
        assert "2021-05-06" in out  # draft plans by 6 May

    def test_empty_range(self) -> None:
        code, out = run("deadlines", "2021/22", "--from", "2030-01-01")
        assert code == 0
        assert out == "no deadlines in that range\n"

    def test_bad_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            run("deadlines", "2021/22", "--from", "2021-13-01")
        assert info.value.code == 2
        assert "for example 2021-12-31" in capsys.readouterr().err

    def test_ics(self, tmp_path: Path) -> None:
        path = tmp_path / "deadlines.ics"
        code, _ = run("deadlines", "2021/22", "--ics", str(path))
        assert code == 0
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert len(events) == len(nhsplan.load_guidance("2021/22").deadlines)
        starts = {str(e["uid"]): e.decoded("dtstart") for e in events}
        assert starts["ics_governance_mou@2021-22.nhsplan"] == date(2021, 6, 30)
