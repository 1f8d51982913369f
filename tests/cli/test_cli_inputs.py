"""The command line on a user's mistakes and on real files: one line and exit code 2, never a
traceback; stdin, --output, several editions, published NHS files, deadlines windows."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

import nhsplan
from nhsplan import cli
from nhsplan.cli._common import iso_date, printable
from nhsplan.cli.deadlines import select, unique
from nhsplan.io.readers import read_ae_attendances, read_observations_csv, read_rtt_full_csv
from nhsplan.io.readers._quality import parse_count
from nhsplan.io.writers.ics import deadlines_to_ics
from nhsplan.model._inputs import to_as_of
from tests import paths

HEADER = "org,metric,period,value,unit,numerator,denominator\n"
FDS = "RBD,cancer_faster_diagnosis,2021-11,,,780,1000\n"
DATA = paths.ROOT / "src" / "nhsplan" / "data"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


def evaluate(path: str, *extra: str) -> tuple[int, str]:
    return run("evaluate", path, "--edition", "2021/22", "--as-of", "2021-12-31", *extra)


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("nhsplan: error: ")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


class TestMistakes:
    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _ = evaluate(str(tmp_path / "nope.csv"))
        assert code == 2
        assert "nope.csv: no such file" in one_error_line(capsys)

    def test_directory(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _ = evaluate(str(tmp_path))
        assert code == 2
        assert "is a directory" in one_error_line(capsys)

    @pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
    def test_another_encoding_gets_the_csv_utf8_hint(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
    ) -> None:
        path = tmp_path / "excel.csv"
        path.write_text(HEADER + "RBD,mental_health_investment,2021/22,£6.6bn,,,\n", encoding)
        code, _ = evaluate(str(path))
        assert code == 2
        assert 'save it as "CSV UTF-8' in one_error_line(capsys)

    def test_unwritable_output(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "figures.csv"
        path.write_text(HEADER + FDS, encoding="utf-8")
        code, _ = evaluate(str(path), "--output", str(tmp_path / "missing" / "out.txt"))
        assert code == 2
        assert "does not exist" in one_error_line(capsys)

    @pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
    def test_unwritable_ics(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        code, _ = run("deadlines", "2021/22", "--ics", str(folder / "x.ics"))
        assert code == 2
        assert "permission denied" in one_error_line(capsys)

    def test_ics_to_a_directory(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _ = run("deadlines", "2021/22", "--ics", str(tmp_path))
        assert code == 2
        assert "it is a directory" in one_error_line(capsys)

    def test_unknown_option_is_one_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            run("evaluate", "f.csv", "--as-of", "2021-12-31")
        assert info.value.code == 2
        assert "--edition" in one_error_line(capsys)


class TestStdinAndOutput:
    def test_dash_reads_standard_input(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = (HEADER + FDS).encode("utf-8")
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        code, out = evaluate("-", "--format", "json")
        assert code == 0
        (row,) = json.loads(out)["assessments"]
        assert row["target"] == "cancer_faster_diagnosis_standard"

    def test_stdin_rows_are_named_stdin(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = (HEADER + FDS + FDS).encode("utf-8")
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        code, _ = evaluate("-", "--skip-invalid")
        assert code == 0
        assert "<stdin> row 3" in capsys.readouterr().err

    def test_output_file(self, tmp_path: Path) -> None:
        path = tmp_path / "figures.csv"
        path.write_text(HEADER + FDS, encoding="utf-8")
        target = tmp_path / "report.csv"
        code, out = evaluate(str(path), "--format", "csv", "--output", str(target))
        assert code == 0
        assert out == ""
        assert target.read_text(encoding="utf-8").startswith('"org","target","status"')

    @pytest.mark.parametrize(
        "argv", [("show", "2021/22"), ("metrics", "standards"), ("deadlines", "2021/22")]
    )
    def test_every_printing_command_takes_output(self, tmp_path: Path, argv: tuple[str]) -> None:
        target = tmp_path / "out.txt"
        code, out = run(*argv, "--output", str(target))
        assert code == 0
        assert out == ""
        assert target.read_text(encoding="utf-8")


class TestDates:
    """One ISO-date parser for every command: the same texts taken and refused everywhere."""

    def _argv(self, command: str, tmp_path: Path, as_of: str) -> list[str]:
        figures = tmp_path / "f.csv"
        figures.write_text(HEADER + FDS, encoding="utf-8")
        records = tmp_path / "leder.csv"
        records.write_text("org,notified,completed\nQHL,2021-08-31,2022-02-28\n")
        return {
            "evaluate": ["evaluate", str(figures), "--edition", "2021/22", "--as-of", as_of],
            "report": [
                "report",
                str(figures),
                "--edition",
                "2021/22",
                "--as-of",
                as_of,
                "--html",
                str(tmp_path / "r.html"),
            ],
            "measure": ["measure", "leder", str(records), "--as-of", as_of],
            "targets": ["targets", "--as-of", as_of],
            "deadlines": ["deadlines", "2021/22", "--from", as_of],
        }[command]

    @pytest.mark.parametrize("command", ["evaluate", "report", "measure", "targets", "deadlines"])
    @pytest.mark.parametrize(
        "as_of",
        [" 2021-12-31", "2021-12-31 ", "2021-12-31", "2021-12-31 09:00", "2021-12-31T00:00:00"],
    )
    def test_spaces_around_a_date_everywhere(
        self, command: str, as_of: str, tmp_path: Path
    ) -> None:
        if command in {"report", "measure"}:
            pytest.importorskip("duckdb")
        if command == "report":
            pytest.importorskip("matplotlib")
        code, _ = run(*self._argv(command, tmp_path, as_of))
        assert code == 0

    @pytest.mark.parametrize("as_of", ["2021-12-31 09:00", "2021-12-31T00:00:00", " 2021-12-31"])
    def test_the_command_line_reads_as_of_as_the_api_does(self, as_of: str) -> None:
        # one reader of a date for both (the command line refused a date and time the API took)
        assert iso_date(as_of) == to_as_of(as_of) == date(2021, 12, 31)

    @pytest.mark.parametrize("command", ["evaluate", "report", "measure", "targets", "deadlines"])
    @pytest.mark.parametrize("as_of", ["20211231", "2021-02-30", "2021-W52-5", "31/12/2021"])
    def test_the_same_texts_refused_everywhere(
        self, command: str, as_of: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        with pytest.raises(SystemExit) as exit_:
            run(*self._argv(command, tmp_path, as_of))
        assert exit_.value.code == 2
        assert f"{as_of!r} is not a date; for example 2021-12-31" in capsys.readouterr().err


class TestEditionsAndCodes:
    def test_skip_invalid_keeps_the_edition_hint(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The column pass words an unknown metric as the reader does, hint included."""
        path = tmp_path / "f.csv"
        path.write_text(HEADER + FDS + "RBD,ae_4_hour,2021-12,,,9000,10000\n", encoding="utf-8")
        code, _ = evaluate(str(path), "--skip-invalid")
        assert code == 0
        assert "(it is in editions 'standards', " in capsys.readouterr().err

    def test_metric_in_another_edition_is_named(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "f.csv"
        path.write_text(HEADER + "RBD,ae_4_hour,2021-12,,,9000,10000\n", encoding="utf-8")
        code, _ = evaluate(str(path))
        assert code == 2
        err = one_error_line(capsys)
        assert "ae_4_hour is in edition 'standards'; add --edition standards" in err

    def test_several_editions_in_one_run(self, tmp_path: Path) -> None:
        path = tmp_path / "f.csv"
        path.write_text(HEADER + FDS + "RBD,ae_4_hour,2021-12,,,9000,10000\n", encoding="utf-8")
        code, out = evaluate(str(path), "--edition", "standards", "--format", "json")
        assert code == 0
        targets = {r["target"] for r in json.loads(out)["assessments"]}
        assert {"cancer_faster_diagnosis_standard", "ae_4_hour"} <= targets

    def test_org_is_case_insensitive(self, tmp_path: Path) -> None:
        path = tmp_path / "f.csv"
        path.write_text(HEADER + FDS.replace("RBD", "rbd"), encoding="utf-8")
        code, out = evaluate(str(path), "--org", "rbd", "--format", "json")
        assert code == 0
        assert [r["org"] for r in json.loads(out)["assessments"]] == ["RBD"]

    @pytest.mark.parametrize(
        "command",
        [
            ("evaluate", "f.csv", "--edition", "2021/22", "--as-of", "2021-12-31"),
            ("report", "f.csv", "--edition", "2021/22", "--as-of", "2021-12-31", "--html", "o"),
            ("plan", "track", "f.csv", "f.csv", "--edition", "2021/22", "--as-of", "2021-12-31"),
            ("waiting", "forecast", "f.csv", "--edition", "2021/22"),
        ],
        ids=lambda c: " ".join(c[:2]),
    )
    @pytest.mark.parametrize("org", ["straße", "-X", "", "R BD", "RBD*"])
    def test_a_bad_org_is_refused_by_every_command(
        self,
        command: tuple[str, ...],
        org: str,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Every ``--org`` reads the code as a figure's ``org`` is read: one format, one message."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "f.csv").write_text(HEADER + FDS, encoding="utf-8")
        with pytest.raises(SystemExit) as exc:
            run(*command, f"--org={org}")
        assert exc.value.code == 2
        line = one_error_line(capsys)
        assert f"argument --org: {org!r} is not an organisation code (ODS)" in line
        assert "for example RBD" in line
        assert not (tmp_path / "o").exists()

    @pytest.mark.parametrize("org", ["rbd", " RBD ", "E92000001"])
    def test_org_is_read_as_a_figures_org(self, org: str) -> None:
        from nhsplan.cli._common import org_code  # noqa: PLC0415

        assert org_code(org) == ("ENGLAND" if org == "E92000001" else "RBD")

    def test_show_code_is_case_insensitive(self) -> None:
        assert run("show", "2021/22", "c2") == run("show", "2021/22", "C2")
        code, out = run("show", "2021/22", "ELECTIVE_RECOVERY_FUND_THRESHOLD")
        assert code == 0
        assert "amended from 2021-07-01" in out

    def test_guidance_priority_is_case_insensitive(self) -> None:
        assert nhsplan.load_guidance("2021/22").priority(" c2").code == "C2"

    def test_metrics_lists_ids_names_and_units(self) -> None:
        code, out = run("metrics", "standards")
        assert code == 0
        line = next(x for x in out.splitlines() if x.startswith("ae_4_hour "))
        assert "percent" in line
        assert "A&E four-hour performance" in line
        assert "rtt_52_week_waiters" in out

    def test_each_warning_once(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "f.csv"
        path.write_text(HEADER + FDS + "RBD,cancer_faster_diagnosis,2021-13,,,1,2\n", "utf-8")
        code, out = evaluate(str(path), "--skip-invalid")
        err = capsys.readouterr().err
        assert code == 0
        assert (out + err).count("row 3") == 1


class TestPublishedFiles:
    def test_ae_file_is_read_with_its_reader(self) -> None:
        ae = str(DATA / "ae_attendances.csv")
        code, out = run(
            "evaluate", ae, "--edition", "standards", "--as-of", "2019-03-31", "--format", "json"
        )
        assert code == 0
        rows = json.loads(out)["assessments"]
        england = next(r for r in rows if r["org"] == "ENGLAND" and r["target"] == "ae_4_hour")
        assert england["period"] == "2019-03"

    def test_ae_file_with_the_wrong_edition_names_the_right_one(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _ = evaluate(str(DATA / "ae_attendances.csv"))
        assert code == 2
        assert "add --edition standards" in one_error_line(capsys)

    def test_rtt_file_is_read_with_its_reader(self, tmp_path: Path) -> None:
        path = tmp_path / "rtt.csv"
        path.write_text(rtt_file(["Part_2"]), encoding="utf-8")
        code, out = run(
            "evaluate", str(path), "--edition", "standards", "--as-of", "2024-11-30", "--format",
            "json",
        )  # fmt: skip
        assert code == 0
        targets = {r["target"] for r in json.loads(out)["assessments"]}
        assert "rtt_18_weeks_incomplete" in targets

    def test_excel_month_gets_a_hint(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "f.csv"
        path.write_text(HEADER + FDS.replace("2021-11", "Dec-21"), encoding="utf-8")
        code, _ = evaluate(str(path))
        assert code == 2
        line = one_error_line(capsys)
        assert "write the month as '2021-12'" in line
        assert line.count("Excel") == 1  # worded once, not by the calendar and the reader both

    @pytest.mark.parametrize("cell", ["Dec-21", "01/12/2021"])
    def test_excel_hint_once_with_skip_invalid(
        self, cell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "f.csv"
        path.write_text(HEADER + FDS + FDS.replace("2021-11", cell), encoding="utf-8")
        code, _ = evaluate(str(path), "--skip-invalid")
        assert code == 0
        err = capsys.readouterr().err
        assert err.count("Excel") == 1
        assert "write the month as '2021-12'" in err

    def test_unknown_format_names_the_formats(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "f.csv"
        path.write_text("a,b\n1,2\n", encoding="utf-8")
        code, _ = evaluate(str(path))
        assert code == 2
        assert "RTT full CSV" in one_error_line(capsys)


class TestDeadlines:
    def test_during_window_is_one_event_spanning_it(self, tmp_path: Path) -> None:
        path = tmp_path / "d.ics"
        code, _ = run("deadlines", "2021/22", "--ics", str(path))
        assert code == 0
        events = {
            str(e["uid"]): e for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        }
        ecds = events["ecds_rollout_2021_22@2021-22.nhsplan"]  # during Q1
        assert ecds.decoded("dtstart") == date(2021, 4, 1)
        assert ecds.decoded("dtend") == date(2021, 7, 1)  # the day after the last (RFC 5545)
        mou = events["ics_governance_mou@2021-22.nhsplan"]  # by the end of Q1
        assert mou.decoded("dtend") - mou.decoded("dtstart") == timedelta(days=1)

    def test_each_ask_once(self) -> None:
        g = nhsplan.load_guidance("2021/22")
        items = unique(g)
        ids = [i.id for i in items]
        assert len(ids) == len(set(ids))
        h1 = [i for i in g.deadlines if i.deadline.resolved <= date(2021, 9, 30)]
        dropped = {i.id for i in h1} - set(ids)
        assert {"f5_final_plan", "f5_draft_plan", "f1_mou", "e2_ecds_rollout"} <= dropped
        assert "plan_final_submission_2021_22" in ids  # the target is kept

    @pytest.mark.parametrize(
        ("start", "end", "kept"),
        [
            (date(2021, 5, 1), date(2021, 5, 31), True),  # inside Q1
            (date(2021, 6, 30), None, True),  # its last day
            (None, date(2021, 4, 1), True),  # its first day
            (date(2021, 7, 1), None, False),  # after it
        ],
    )
    def test_range_keeps_overlapping_windows(
        self, start: date | None, end: date | None, kept: bool
    ) -> None:
        ids = {i.id for i in select(nhsplan.load_guidance("2021/22"), start=start, end=end)}
        assert ("ecds_rollout_2021_22" in ids) is kept

    def test_a_local_edition_id_cannot_inject_an_event(self) -> None:
        item = unique(nhsplan.load_guidance("2021/22"))[0]
        evil = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:pwned\r\nEND:VEVENT\r\nX:"
        data = deadlines_to_ics([item], edition=evil, stamp=datetime(2021, 4, 1, tzinfo=UTC))
        calendar = icalendar.Calendar.from_ical(data)
        assert len(list(calendar.walk("VEVENT"))) == 1
        assert b"\r\nUID:evil" not in data  # never at the start of a line
        assert str(calendar["x-wr-calname"]).startswith("NHS planning guidance x")


class TestShowSanitises:
    def test_control_characters_and_surrogates(self) -> None:
        assert printable("a\x1b[31mb\x07\n\tc" + chr(0xD800)) == "a\\x1b[31mb\\x07\n\tc\\ud800"

    def test_show_prints_a_local_file_safely(self, tmp_path: Path) -> None:
        text = (paths.ROOT / "docs" / "examples" / "local-priorities.toml").read_text(
            encoding="utf-8"
        )
        path = tmp_path / "local.toml"
        path.write_text(text.replace('title = "', 'title = "\\u001b[31m', 1), encoding="utf-8")
        code, out = run("show", str(path))
        assert code == 0
        assert "\x1b" not in out
        assert "\\x1b[31m" in out


def rtt_file(parts: list[str]) -> str:
    """One Part_2 C_999 row of the published RTT full CSV (RBD, November 2024; Open Government
    Licence v3.0, from shared/data), its part type replaced by *parts[0]*."""
    src = (paths.TESTS / "fixtures" / "rtt_header.csv").read_text(encoding="utf-8")
    return src.replace("PART", parts[0])


class TestReaders:
    @pytest.mark.parametrize("part", ["part_2", "Part 2", "PART-2"])
    def test_rtt_part_type_spellings_are_read_and_reported(self, part: str) -> None:
        result = read_rtt_full_csv(io.StringIO(rtt_file([part])))
        assert result.observations
        (issue,) = [i for i in result.issues if i.column == "RTT Part Type"]
        assert "read as Part_2" in issue.message

    def test_rtt_unknown_part_type_is_reported_not_dropped(self) -> None:
        result = read_rtt_full_csv(io.StringIO(rtt_file(["Part_9"])))
        assert result.observations == ()
        (issue,) = [i for i in result.issues if i.column == "RTT Part Type"]
        assert "not an RTT part type" in issue.message
        assert issue.row == 2

    def test_ae_england_row_is_not_added_as_a_provider(self) -> None:
        text = (
            "period,org_code,type,attendances,breaches,admissions\n"
            "2019-03-01,RBD,1,1000,100,10\n"
            "2019-03-01,RXX,1,1000,300,10\n"
            "2019-03-01,ENGLAND,1,2000,400,20\n"
        )
        result = read_ae_attendances(io.StringIO(text))
        (england,) = result.select(org="ENGLAND")
        assert (england.numerator, england.denominator) == (1600, 2000)  # not 3200 of 4000
        assert result.issues == ()

    def test_ae_england_row_that_disagrees_is_reported(self) -> None:
        text = (
            "period,org_code,type,attendances,breaches,admissions\n"
            "2019-03-01,RBD,1,1000,100,10\n"
            "2019-03-01,ENGLAND,1,5000,400,20\n"
        )
        result = read_ae_attendances(io.StringIO(text))
        (england,) = result.select(org="ENGLAND")
        assert england.denominator == 5000
        (issue,) = result.issues
        assert "the file's figure is used" in issue.message

    def test_duplicate_observation_names_both_rows(self) -> None:
        text = HEADER + FDS + FDS
        with pytest.raises(nhsplan.NhsplanError) as caught:
            read_observations_csv(io.StringIO(text))
        assert "row 3" in str(caught.value)
        assert "the first is row 2" in str(caught.value)
        result = read_observations_csv(io.StringIO(text), skip_invalid=True)
        assert len(result.observations) == 1
        assert result.issues[0].row == 3

    @pytest.mark.parametrize("text", ["0" * 4300 + "1", "1" * 4300, "True", "false", "1_000"])
    def test_counts_that_are_not_counts(self, text: str) -> None:
        assert parse_count(text) is None or parse_count(text) == 1

    @pytest.mark.parametrize("cell", ["1" * 4300, "True", "TRUE"])
    def test_ae_count_cells_are_reported(self, cell: str) -> None:
        text = "period,org_code,type,attendances,breaches,admissions\n"
        text += f"2019-03-01,RBD,1,{cell},100,10\n"
        result = read_ae_attendances(io.StringIO(text))
        assert result.observations == ()
        assert result.issues[0].column == "attendances"

    @pytest.mark.parametrize("cell", ["True", "1" * 4300])
    def test_observation_numerator_must_be_a_number(self, cell: str) -> None:
        text = HEADER + f"RBD,cancer_faster_diagnosis,2021-11,,,{cell},1000\n"
        result = read_observations_csv(io.StringIO(text), skip_invalid=True)
        assert result.observations == ()
        assert result.issues


class TestLargeFilesInParts:
    ROWS = "".join(
        f"R{org:03d},cancer_faster_diagnosis,2021-{month:02d},,,{700 + org},1000\n"
        for org in range(40)
        for month in (10, 11, 12)
    )

    def test_parts_give_the_same_report(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "big.csv"
        path.write_text(HEADER + self.ROWS, encoding="utf-8")
        whole = evaluate(str(path), "--format", "json")
        monkeypatch.setattr("nhsplan.cli._figures.PART_BYTES", 500)
        parts = evaluate(str(path), "--format", "json")
        assert parts == whole
        assert len(json.loads(parts[1])["assessments"]) == 40

    def test_parts_report_duplicates_and_bad_rows_with_file_rows(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        path = tmp_path / "big.csv"
        bad = "R001,cancer_faster_diagnosis,Dec-21,,,1,2\n"
        path.write_text(HEADER + self.ROWS + bad + self.ROWS.splitlines()[0] + "\n", "utf-8")
        monkeypatch.setattr("nhsplan.cli._figures.PART_BYTES", 500)
        code, _ = evaluate(str(path))
        err = capsys.readouterr().err
        assert code == 2
        assert "row 122, column 'period'" in err
        assert "row 123" in err
        assert "the first is row 2" in err
        code, out = evaluate(str(path), "--skip-invalid")
        assert code == 0
        assert "40 assessments" in out

    def test_reader_in_parts_holds_one_part_at_a_time(self, tmp_path: Path) -> None:
        from nhsplan.io.readers import read_observations_by_org  # noqa: PLC0415

        path = tmp_path / "big.csv"
        path.write_text(HEADER + self.ROWS, encoding="utf-8")
        parts = list(read_observations_by_org(path, parts=4))
        assert len(parts) == 4
        assert sum(len(p.observations) for p in parts) == 120
        orgs = [{o.org for o in p.observations} for p in parts]
        assert sum(len(o) for o in orgs) == 40  # each organisation in one part only


class TestClosedPipe:
    def test_output_cut_short_is_no_traceback(self) -> None:
        import subprocess  # noqa: PLC0415

        with subprocess.Popen(
            [sys.executable, "-m", "nhsplan", "show", "2021/22"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            assert process.stdout is not None
            assert process.stderr is not None
            process.stdout.read(10)
            process.stdout.close()  # the reader goes away, as `| head -1` does
            err = process.stderr.read().decode()
        assert "Traceback" not in err
