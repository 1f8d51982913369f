"""What a new analyst meets in the first hour (issue 18): the README, the words, the errors."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from nhsplan import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


class TestWords:
    @pytest.mark.parametrize(
        ("argv", "wrong", "right"),
        [
            (("show", "2017-19"), "(1 asks,", "(1 ask,"),
            (("editions",), " 1 requirements)", " 1 requirement)"),
            (("show", "2025/26", "UEC"), "at most 30 minute;", "at most 30 minutes;"),
            (("targets", "--as-of", "2025-06-01"), "0 % on 2024/25", "above the 2024/25 figure"),
            (("targets", "--as-of", "2025-06-01"), "-30 % on 2024/25", "at most 70 % of the"),
        ],
    )
    def test_reads_as_english(self, argv: tuple[str, ...], wrong: str, right: str) -> None:
        code, out = run(*argv)
        assert code == 0
        assert wrong not in out
        assert right in out


class TestReadme:
    def test_no_doubled_words(self) -> None:
        text = (ROOT / "README.md").read_text(encoding="utf-8")
        assert not re.search(r"\b(\w+) \1\b", text), "a doubled word in the README"


def national_figures(tmp_path: Path, code: str) -> Path:
    path = tmp_path / f"{code}.csv"
    path.write_text(
        "org,metric,period,value,unit,numerator,denominator\n"
        f"{code},pcn_additional_roles_fte,2022-03,16503,FTE,,\n",
        encoding="utf-8",
    )
    return path


class TestEngland:
    """England's figures: ``ENGLAND`` and its ONS code ``E92000001`` are one organisation."""

    @pytest.mark.parametrize("code", ["ENGLAND", "E92000001", "e92000001", "england"])
    def test_python_api(self, code: str) -> None:
        import nhsplan  # noqa: PLC0415

        g = nhsplan.load_guidance("2021/22")
        obs = nhsplan.Observation(
            org=code, metric="pcn_additional_roles_fte", period="2022-03", value="16503 FTE"
        )
        report = nhsplan.evaluate_guidance(g, [obs], as_of="2022-03-31")
        (a,) = report.assessments
        assert (a.org, a.status) == ("ENGLAND", nhsplan.Status.MET)
        target = g.target("pcn_additional_roles_fte")
        single = nhsplan.evaluate(target, [obs], as_of="2022-03-31", org="E92000001")
        assert single.status is nhsplan.Status.MET

    @pytest.mark.parametrize("code", ["ENGLAND", "E92000001"])
    @pytest.mark.parametrize("org", [None, "E92000001", "england"])
    def test_command_line(self, tmp_path: Path, code: str, org: str | None) -> None:
        argv = ["evaluate", str(national_figures(tmp_path, code)), "--edition", "2021/22",
                "--as-of", "2022-03-31", "--format", "csv"]  # fmt: skip
        code_, out = run(*argv, *(["--org", org] if org else []))
        assert code_ == 0
        assert '"ENGLAND","pcn_additional_roles_fte","met",' in out

    def test_eng_is_not_england_and_the_reason_names_no_python_argument(
        self, tmp_path: Path
    ) -> None:
        argv = ["evaluate", str(national_figures(tmp_path, "ENG")), "--edition", "2021/22",
                "--as-of", "2022-03-31", "--format", "json"]  # fmt: skip
        code, out = run(*argv)
        assert code == 0
        assert "not_applicable" in out
        assert "share=" not in out
        assert "ENGLAND" in out  # it says which code England's figure is judged under


class TestSampleFile:
    def test_readme_shows_the_sample_file_and_it_runs(self) -> None:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        sample = (ROOT / "examples" / "figures.csv").read_text(encoding="utf-8")
        assert "examples/figures.csv" in readme
        assert sample.splitlines()[0] in readme  # the header, shown
        assert "ENGLAND," in sample
        code, out = run(
            "evaluate", str(ROOT / "examples" / "figures.csv"), "--edition", "2021/22",
            "--edition", "standards", "--as-of", "2021-12-31",
        )  # fmt: skip
        assert code == 0
        assert "ENGLAND  cancer_faster_diagnosis_standard" in out


class TestMisspeltMetric:
    """A misspelt metric is refused with "did you mean", not judged as no data."""

    def observations(self) -> list[object]:
        import nhsplan  # noqa: PLC0415

        return [
            nhsplan.Observation(org="RBD", metric=metric, period="2019-03", value="90 %")
            for metric in ("ae_4_hour", "ae_4hour")
        ]

    def test_list(self) -> None:
        import nhsplan  # noqa: PLC0415

        g = nhsplan.load_guidance("standards")
        with pytest.raises(nhsplan.errors.UnknownMetricError, match="did you mean 'ae_4_hour'"):
            nhsplan.evaluate_guidance(g, self.observations(), as_of="2019-03-31")  # type: ignore[arg-type]

    @pytest.mark.parametrize("library", ["pandas", "polars"])
    def test_data_frame(self, library: str) -> None:
        import nhsplan  # noqa: PLC0415

        lib = pytest.importorskip(library)
        pytest.importorskip("narwhals")
        frame = lib.DataFrame(
            {
                "org": ["RBD", "RBD"],
                "metric": ["ae_4_hour", "ae_4hour"],
                "period": ["2019-03", "2019-03"],
                "value": ["90", "90"],
                "unit": ["%", "%"],
            }
        )
        g = nhsplan.load_guidance("standards")
        with pytest.raises(nhsplan.errors.UnknownMetricError, match="did you mean 'ae_4_hour'"):
            nhsplan.evaluate_guidance(g, frame, as_of="2019-03-31")

    def test_a_metric_of_another_edition_is_passed_over(self) -> None:
        import nhsplan  # noqa: PLC0415

        fds = nhsplan.Observation(
            org="RBD", metric="cancer_faster_diagnosis", period="2019-03", value="80 %"
        )
        ae = nhsplan.Observation(org="RBD", metric="ae_4_hour", period="2019-03", value="90 %")
        g = nhsplan.load_guidance("2017-19")
        report = nhsplan.evaluate_guidance(g, [fds, ae], as_of="2019-03-31")
        assert isinstance(report, nhsplan.Report)


RECORDS = (
    "org,arrival,departure,type\n"
    "rbd,2021-04-01 10:00,2021-04-01 12:00,1\n"
    "RBD,2021-04-02 10:00,2021-04-02 16:00,1\n"
)


class TestMeasure:
    def test_a_folder_without_parquet_is_one_clear_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        pytest.importorskip("ibis")
        code, _ = run("measure", "ae", str(tmp_path))
        assert code == 2
        err = capsys.readouterr().err
        assert err.startswith("nhsplan: error: ")
        assert "no Parquet files" in err
        assert "Traceback" not in err

    def test_lower_case_codes_read_as_evaluate_reads_them(self, tmp_path: Path) -> None:
        pytest.importorskip("ibis")
        path = tmp_path / "records.csv"
        path.write_text(RECORDS, encoding="utf-8")
        code, out = run("measure", "ae", str(path))
        assert code == 0
        assert "RBD,ae_4_hour,2021-04,,,1,2" in out

    def test_standard_input(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        pytest.importorskip("ibis")
        monkeypatch.setattr("sys.stdin", io.StringIO(RECORDS))
        code, out = run("measure", "ae", "-")
        assert code == 0
        assert "RBD,ae_4_hour,2021-04,,,1,2" in out
        assert "<stdin>" in capsys.readouterr().err


class TestDeadlinesIcs:
    def test_without_the_extra_fails_before_printing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import sys  # noqa: PLC0415

        monkeypatch.setitem(sys.modules, "icalendar", None)  # import fails
        code, out = run("deadlines", "2021/22", "--ics", str(tmp_path / "d.ics"))
        assert code == 2
        assert out == ""

    def test_dtstamp_is_when_the_file_was_made(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        pytest.importorskip("icalendar")
        path = tmp_path / "d.ics"
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764979200")  # 2025-12-06
        assert run("deadlines", "2021/22", "--ics", str(path))[0] == 0
        text = path.read_text(encoding="utf-8")
        assert "DTSTAMP:19700101" not in text
        assert "DTSTAMP:20251206T000000Z" in text
        monkeypatch.delenv("SOURCE_DATE_EPOCH")
        assert run("deadlines", "2021/22", "--ics", str(path))[0] == 0
        assert "DTSTAMP:1970" not in path.read_text(encoding="utf-8")


class TestNumbersWithoutFloatNoise:
    """Figures leave as numbers rounded at the source: -3.4, not -3.3999999999999986."""

    TEXT = (
        "org,metric,period,value,unit,numerator,denominator\n"
        "RXX,ae_4_hour,2019-03,91.6,%,,\n"
        "RBD,ae_4_hour,2019-03,,,742,1000\n"
    )

    def path(self, tmp_path: Path) -> Path:
        path = tmp_path / "figures.csv"
        path.write_text(self.TEXT, encoding="utf-8")
        return path

    @pytest.mark.parametrize("stdin", [False, True])
    def test_csv(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stdin: bool) -> None:
        name = str(self.path(tmp_path))
        if stdin:  # the row-by-row reader; a file is read column-wise
            monkeypatch.setattr("sys.stdin", io.StringIO(self.TEXT))
            name = "-"
        code, out = run(
            "evaluate", name, "--edition", "standards", "--as-of", "2019-03-31",
            "--format", "csv",
        )  # fmt: skip
        assert code == 0
        assert "-3.4," in out
        assert "-20.8," in out
        assert "99999" not in out
        assert "00000000" not in out

    def test_json_and_python(self, tmp_path: Path) -> None:
        import json  # noqa: PLC0415

        code, out = run(
            "evaluate", str(self.path(tmp_path)), "--edition", "standards", "--as-of",
            "2019-03-31", "--format", "json",
        )  # fmt: skip
        assert code == 0
        rows = json.loads(out)["assessments"]
        margins = {r["org"]: r["margin"] for r in rows if r["target"] == "ae_4_hour"}
        assert margins == {"RXX": -3.4, "RBD": -20.8}


def step_series(tmp_path: Path) -> Path:
    """England's 4-hour figure: steady near 75 % to March 2025, then near 85 % for a year.

    England's, since the interim A&E levels are national ambitions (issue 17)."""
    months = [f"{y}-{m:02d}" for y in (2023, 2024, 2025, 2026) for m in range(1, 13)]
    months = months[3 : 3 + 36]  # 2023-04 .. 2026-03
    lines = ["org,metric,period,value,unit,numerator,denominator"]
    for i, month in enumerate(months):
        within = (850 if month > "2025-03" else 750) + (i % 3) * 5
        lines.append(f"ENGLAND,ae_4_hour,{month},,,{within},1000")
    path = tmp_path / "step.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class TestSpcAsOfThePeriodJudged:
    def test_assessment_reads_the_series_to_its_period(self, tmp_path: Path) -> None:
        import nhsplan  # noqa: PLC0415
        from nhsplan.io.readers import read_observations_csv  # noqa: PLC0415

        g = nhsplan.load_guidance("standards")
        obs = read_observations_csv(step_series(tmp_path), guidance=g).observations
        report = nhsplan.evaluate_guidance(g, obs, as_of="2026-03-31", spc=True)
        by_target = {a.target: a for a in report.assessments}
        march_2025 = by_target["ae_4_hour_interim_2025"]
        assert str(march_2025.period) == "2025-03"
        assert march_2025.spc is not None
        assert march_2025.spc.variation.value == "common_cause"
        assert str(march_2025.spc.through) == "2025-03"
        assert march_2025.spc.points == 24
        march_2026 = by_target["ae_4_hour_interim_2026"]
        assert march_2026.spc is not None
        assert march_2026.spc.variation.value == "improvement_high"
        assert str(march_2026.spc.through) == "2026-03"

    def test_table_csv_and_json(self, tmp_path: Path) -> None:
        import csv  # noqa: PLC0415
        import json  # noqa: PLC0415

        argv = ["evaluate", str(step_series(tmp_path)), "--edition", "standards",
                "--as-of", "2026-03-31", "--spc"]  # fmt: skip
        code, table = run(*argv)
        assert code == 0
        head = table.splitlines()[1].split()
        assert head[-2:] == ["variation", "assurance"]
        line = next(x for x in table.splitlines() if "ae_4_hour_interim_2025 " in x)
        assert "common_cause" in line
        code, text = run(*argv, "--format", "csv")
        rows = {r["target"]: r for r in csv.DictReader(io.StringIO(text))}
        assert rows["ae_4_hour_interim_2025"]["variation"] == "common_cause"
        assert rows["ae_4_hour_interim_2026"]["variation"] == "improvement_high"
        code, text = run(*argv, "--format", "json")
        found = {r["target"]: r for r in json.loads(text)["assessments"]}
        assert found["ae_4_hour_interim_2025"]["variation"] == "common_cause"
        # without --spc the table keeps its columns
        code, plain = run(*argv[:-1])
        assert "variation" not in plain.splitlines()[1]


class TestDoctor:
    def test_lists_every_extra_and_what_it_enables(self) -> None:
        from nhsplan.cli.doctor import EXTRAS  # noqa: PLC0415

        code, out = run("doctor")
        assert code == 0
        for extra in EXTRAS:
            assert re.search(rf"^{extra.name}\s+(yes|no)", out, flags=re.M), extra.name
        assert "nhsplan measure --engine spark" in out
        assert re.search(r"^java\s+(yes|no)", out, flags=re.M)
        assert re.search(r"^chromium\s+(yes|no)", out, flags=re.M)

    def test_extras_match_pyproject(self) -> None:
        import tomllib  # noqa: PLC0415

        from nhsplan.cli.doctor import EXTRAS  # noqa: PLC0415

        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        declared = project["project"]["optional-dependencies"]
        runtime = set(declared) - {"all", "test", "docs"}
        assert {e.name for e in EXTRAS} == runtime

    def test_a_missing_extra_says_how_to_install_it(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import importlib.util  # noqa: PLC0415

        real = importlib.util.find_spec

        def find_spec(name: str, package: str | None = None) -> object:
            return None if name == "icalendar" else real(name, package)

        monkeypatch.setattr(importlib.util, "find_spec", find_spec)
        code, out = run("doctor")
        assert code == 0
        assert re.search(r"^ics\s+no \(icalendar missing\)", out, flags=re.M)
        assert 'pip install "nhsplan[ics]"' in out


class TestReadmeSetUp:
    def test_two_set_up_commands_and_what_the_tests_need(self) -> None:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        setup = readme.split("## Set up")[1].split("\n## ")[0]
        blocks = re.findall(r"```sh\n(.*?)```", setup, flags=re.S)
        assert len(blocks) == 2  # one installs and runs the demo, one the tests
        assert "nhsplan demo" in blocks[0]
        assert "scripts/test" in blocks[1]
        for needed in ("Java", "Chromium", "nhsplan doctor", "minutes", "MB"):
            assert needed in setup, needed


class TestReadmeCommands:
    """Every ``nhsplan ... examples/figures.csv`` line in the README runs as written."""

    def test_they_run(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import shlex  # noqa: PLC0415

        pytest.importorskip("matplotlib")
        pytest.importorskip("pyarrow")
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        lines = [
            line.split("#")[0].strip()
            for line in readme.splitlines()
            if line.startswith("nhsplan ") and "examples/figures.csv" in line
        ]
        assert len(lines) >= 3
        monkeypatch.chdir(tmp_path)
        (tmp_path / "examples").mkdir()
        (tmp_path / "examples" / "figures.csv").write_bytes(
            (ROOT / "examples" / "figures.csv").read_bytes()
        )
        for line in lines:
            code, _ = run(*shlex.split(line)[1:])
            assert code == 0, line
