"""The command line: editions, show and deadlines (with --ics)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest

import nhsplan
from nhsplan import cli
from nhsplan.cli import evaluate as evaluate_command
from nhsplan.cli.deadlines import unique


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


class TestCommands:
    def test_each_name_is_the_module_that_registers_it(self) -> None:
        parser = cli.build_parser()
        (commands,) = [a for a in parser._actions if a.dest == "command"]
        assert tuple(commands.choices or ()) == cli.COMMANDS

    @pytest.mark.parametrize("argv", [["editions"], ["targets", "--help"], ["plan", "--help"]])
    def test_a_run_imports_only_its_own_command(self, argv: list[str]) -> None:
        code = (
            "import contextlib, io, sys\n"
            "from nhsplan.cli import COMMANDS, main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            f"    main({argv!r}, out=io.StringIO())\n"
            "print(' '.join(c for c in COMMANDS if 'nhsplan.cli.' + c in sys.modules))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.split() == argv[:1], out.stderr

    def test_the_program_freezes_what_is_left_before_it_exits(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        import gc  # noqa: PLC0415

        calls: list[str] = []
        monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
        assert cli.entry_point(["editions"]) == 0
        assert calls == ["freeze"]
        assert "2021/22" in capsys.readouterr().out

    def test_python_m_nhsplan_runs_the_program(self) -> None:
        command = [sys.executable, "-m", "nhsplan", "editions"]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        assert "2021/22" in out.stdout


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
        assert "25 March 2021, §C2" in out  # the letter, printed as a reference

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
        # a deadline in the range, or a window (during H1, ending 30 September) overlapping it
        assert all(date(2021, 5, 1) <= d <= date(2021, 6, 30) or "during" in out for d in days)
        assert "a_people_plans" in out  # during H1: open in May
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
        err = capsys.readouterr().err
        assert err.startswith("nhsplan: error: argument --from: '2021-13-01' is not a date")
        assert "for example 2021-12-31" in err
        assert err.count("\n") == 1  # one line, no usage block

    def test_ics(self, tmp_path: Path) -> None:
        path = tmp_path / "deadlines.ics"
        code, _ = run("deadlines", "2021/22", "--ics", str(path))
        assert code == 0
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert len(events) == len(unique(nhsplan.load_guidance("2021/22")))
        starts = {str(e["uid"]): e.decoded("dtstart") for e in events}
        assert starts["ics_governance_mou@2021-22.nhsplan"] == date(2021, 6, 30)


GOOD = """org,metric,period,value,unit,numerator,denominator
RBD,cancer_faster_diagnosis,2021-11,,,780,1000
RBD,cancer_faster_diagnosis,2021-12,,,740,1000
RBD,outpatient_remote_share,2021-12,27.5,%,,
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    return path


class TestEvaluate:
    def test_table(self, tmp_path: Path) -> None:
        code, out = run(
            "evaluate", str(write(tmp_path, GOOD)), "--edition", "2021/22", "--as-of", "2021-12-31"
        )
        assert code == 0
        line = next(x for x in out.splitlines() if "cancer_faster_diagnosis_standard" in x)
        assert "not_met" in line  # December's 74 % is below 75 %
        assert "2021-12" in line

    def test_json_and_csv(self, tmp_path: Path) -> None:
        path = str(write(tmp_path, GOOD))
        code, out = run(
            "evaluate", path, "--edition", "2021-22", "--as-of", "2021-12-31", "--format", "json"
        )
        assert code == 0
        data = json.loads(out)
        statuses = {r["target"]: r["status"] for r in data["assessments"]}
        assert statuses["outpatient_remote_attendances"] == "met"
        code, out = run(
            "evaluate",
            path,
            "--edition",
            "2021/22",
            "--as-of",
            "2021-12-31",
            "--format",
            "csv",
            "--org",
            "RBD",
        )
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["org"] for r in rows} == {"RBD"}
        assert rows[0].keys() >= {"target", "status", "margin", "citation"}

    def test_bad_row_names_file_row_column_and_example(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = write(tmp_path, GOOD + "RBD,cancer_faster_diagnosis,2021-13,,,1,2\n")
        code, _ = run("evaluate", str(path), "--edition", "2021/22", "--as-of", "2021-12-31")
        err = capsys.readouterr().err
        assert code == 2
        assert str(path) in err
        assert "row 5, column 'period'" in err
        assert "for example" in err

    def test_skip_invalid_reports_the_row_and_evaluates_the_rest(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = write(tmp_path, GOOD + "RBD,cancer_faster_diagnosis,2021-13,,,1,2\n")
        code, out = run(
            "evaluate", str(path), "--edition", "2021/22", "--as-of", "2021-12-31", "--skip-invalid"
        )
        assert code == 0
        assert "cancer_faster_diagnosis_standard" in out
        err = capsys.readouterr().err
        assert "row 5" in err
        assert (out + err).count("row 5") == 1  # each warning once

    def test_unknown_metric_lists_closest(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = write(
            tmp_path, "org,metric,period,value,unit\nRBD,cancer_faster_diagnosys,2021-11,75,%\n"
        )
        code, _ = run("evaluate", str(path), "--edition", "2021/22", "--as-of", "2021-12-31")
        assert code == 2
        assert "cancer_faster_diagnosis" in capsys.readouterr().err


class TestDemo:
    def test_demo(self) -> None:
        code, out = run("demo")
        assert code == 0
        assert "2016-04     90.04 %" in out
        assert "2019-03     86.60 %" in out
        assert "Summary: in 2019-03 England's 4-hour performance was 86.60 %" in out
        assert "variation:" in out
        assert "assurance:" in out
        assert "admissions (92) above attendances (74)" in out  # reported, not dropped

    def test_demo_counts_nhs_trusts_apart_and_names_them(self) -> None:
        # Issue 9: "104 of 226 providers met the standard" counted walk-in centres and GP-led
        # sites beside trusts and named no organisation.
        _code, out = run("demo")
        # Issue 18: the 158 trusts were ambulance, community and mental health trusts' minor
        # injury units beside acute trusts: the headline counts type-1 departments only.
        flat = " ".join(out.split())
        assert "15 of 134 NHS trusts with a type-1 (major) A&E department met the standard" in flat
        acute = flat.split("NHS trusts with a type-1 (major) A&E department in 2019-03")[1]
        acute = acute.split("Other NHS trusts in 2019-03")[0]
        assert "RYY Kent Community Health" not in acute  # a community trust's MIU
        assert "Other NHS trusts in 2019-03" in flat
        assert "RX1 Nottingham University Hospitals NHS Trust 64.22 %" in out
        assert "104 codes not in the ODS trust register" in out
        assert "8J094" in out.split("codes not identified:")[1]
        assert "8J094 100.00 %" not in out  # a walk-in site is not listed as a trust that met


class TestWarningsAndProgress:
    def test_skipped_rows_are_in_the_json_report(self, tmp_path: Path) -> None:
        path = write(tmp_path, GOOD + "RBD,cancer_faster_diagnosis,2021-13,,,1,2\n")
        code, out = run(
            "evaluate",
            str(path),
            "--edition",
            "2021/22",
            "--as-of",
            "2021-12-31",
            "--skip-invalid",
            "--format",
            "json",
        )
        assert code == 0
        (warning,) = json.loads(out)["warnings"]
        assert "row 5" in warning

    def test_progress_bar(self, capsys: pytest.CaptureFixture[str]) -> None:
        evaluate_command.progress_bar(15, 60)
        assert capsys.readouterr().err == "\r[#######.......................] 15/60 organisations"
