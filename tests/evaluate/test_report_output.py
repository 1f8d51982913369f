"""A report's figures leave it as numbers: rows, JSON, CSV, DataFrames and the text table."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nhsplan
from nhsplan import _csv, cli
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.errors import MissingDependencyError, NhsplanError
from nhsplan.evaluate.report import COLUMNS, NUMBER_COLUMNS, Report
from nhsplan.model import Assessment, Citation, Observation, Status
from nhsplan.units import quantity

STANDARDS = nhsplan.load_guidance("standards")
MONTH = nhsplan.Month(2019, 3)
AS_OF = date(2019, 3, 31)


def ae(org: str, numerator: float, denominator: float) -> Observation:
    return Observation(
        org=org, metric="ae_4_hour", period=MONTH, numerator=numerator, denominator=denominator
    )


def four_hour(report: Report) -> list[dict[str, Any]]:
    return [r for r in report.to_rows() if r["target"] == "ae_4_hour"]


# Margins of -30.78 and -0.14 percentage points: as text, "-0.14…" sorts before "-30.78".
WORSE, NEAR = ae("RA1", 6422, 10_000), ae("RA2", 9486, 10_000)
REPORT = evaluate_guidance(STANDARDS, [NEAR, WORSE, ae("RA3", 97, 100)], as_of=AS_OF)


class TestRows:
    def test_figures_are_floats_with_units_beside_them(self) -> None:
        row = next(r for r in four_hour(REPORT) if r["org"] == "RA1")
        assert row["observed"] == pytest.approx(64.22)
        assert row["required"] == 95.0
        assert row["margin"] == pytest.approx(-30.78)
        assert all(isinstance(row[c], float) for c in NUMBER_COLUMNS)
        assert (row["observed_unit"], row["required_unit"]) == ("percent", "percent")
        assert row["period_start"] == "2019-03-01"
        assert row["period_end"] == "2019-03-31"
        assert list(row) == list(COLUMNS)

    def test_the_margin_of_a_percentage_is_in_percentage_points(self) -> None:
        for row in four_hour(REPORT):
            assert row["margin_unit"] == "percentage points"
            assert "%" not in json.dumps(row["margin"])

    def test_the_margin_of_a_count_is_in_the_count(self) -> None:
        waits = Observation(
            org="RA1", metric="ambulance_cat1_mean", period=MONTH, value=quantity(9.5, "minute")
        )
        report = evaluate_guidance(STANDARDS, [waits], as_of=AS_OF)
        (row,) = [r for r in report.to_rows() if r["target"] == "ambulance_cat1_mean"]
        assert (row["status"], row["margin"], row["margin_unit"]) == ("not_met", -2.5, "minute")

    def test_absent_figures_are_none(self) -> None:
        # a national ambition judged of a trust (issue 17 made the interim A&E levels national)
        row = next(r for r in REPORT.to_rows() if r["status"] == "not_applicable")
        assert [row[c] for c in ("observed", "margin", "margin_unit")] == [None, None, None]

    def test_the_assessment_keeps_its_amounts(self) -> None:
        a = next(a for a in REPORT.assessments if a.org == "RA1" and a.target == "ae_4_hour")
        assert a.margin is not None
        assert a.margin.magnitude == pytest.approx(-30.78)  # a pint Quantity


class TestJson:
    def test_figures_are_json_numbers(self) -> None:
        data = json.loads(REPORT.to_json())
        rows = [r for r in data["assessments"] if r["target"] == "ae_4_hour"]
        assert sorted(r["margin"] for r in rows) == sorted(r["margin"] for r in four_hour(REPORT))
        assert all(isinstance(r["observed"], float) for r in rows)
        assert data["summary"]["not_met"] == 2

    def test_the_command_line_writes_numbers(
        self, tmp_path: Any, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from nhsplan import cli  # noqa: PLC0415
        from nhsplan.io.readers import write_observations_csv  # noqa: PLC0415

        figures = tmp_path / "figures.csv"
        write_observations_csv([NEAR, WORSE], figures)
        args = [str(figures), "--edition", "standards", "--as-of", "2019-03-31"]
        assert cli.main(["evaluate", *args, "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)["assessments"]
        (worse,) = [r for r in rows if r["org"] == "RA1" and r["target"] == "ae_4_hour"]
        assert worse["margin"] == pytest.approx(-30.78)
        assert worse["margin_unit"] == "percentage points"


class TestTextTable:
    def test_rounded_for_reading(self) -> None:
        text = str(REPORT)
        assert "64.2%" in text
        assert "-30.8 pp" in text
        assert "95.0%" in text
        assert not re.search(r"\\d\\.\\d{3,}", text), "no unrounded floats"
        assert " % " not in text

    def test_money_and_counts(self) -> None:
        a = Assessment(
            target="t",
            status=Status.NOT_MET,
            reason="r",
            citation=Citation(source="s"),
            as_of=AS_OF,
            org="QE1",
            observed=quantity(6_600_000_000, "GBP"),
            required=quantity(12_500.4, "pathway"),
            margin=quantity(-0.5, "GBP"),
        )
        text = str(Report(edition="x", as_of=AS_OF, assessments=(a,)))
        assert "£6.6bn" in text
        assert "12,500 pathways" in text
        assert "-£0.50" in text


class TestDataFrames:
    @pytest.fixture(params=["pandas", "polars"])
    def backend(self, request: pytest.FixtureRequest) -> str:
        name: str = request.param
        pytest.importorskip(name)
        pytest.importorskip("narwhals")
        return name

    def test_sorting_by_margin_puts_the_worst_first(self, backend: str) -> None:
        if backend == "pandas":
            frame = REPORT.to_pandas().dropna(subset=["margin"]).sort_values("margin")
            margins = frame["margin"].tolist()
            orgs = frame["org"].tolist()
        else:
            pframe = REPORT.to_polars().drop_nulls("margin").sort("margin")
            margins, orgs = pframe["margin"].to_list(), pframe["org"].to_list()
        assert orgs[:2] == ["RA1", "RA2"]
        assert margins[0] == pytest.approx(-30.78)
        assert margins[1] == pytest.approx(-0.14)
        assert margins == sorted(margins)

    def test_pandas_column_types(self) -> None:
        pd = pytest.importorskip("pandas")
        pytest.importorskip("narwhals")
        frame = REPORT.to_pandas()
        assert list(frame.columns) == list(COLUMNS)
        for column in NUMBER_COLUMNS:
            assert frame[column].dtype == "float64"
        assert isinstance(frame["status"].dtype, pd.CategoricalDtype)
        assert list(frame["status"].cat.categories) == [s.value for s in Status]
        assert pd.api.types.is_datetime64_any_dtype(frame["period_start"])
        for column in ("org", "target", "period", "margin_unit", "reason", "citation", "reading"):
            assert pd.api.types.is_string_dtype(frame[column]), column
        assert math.isnan(frame.loc[frame["status"] == "not_applicable", "margin"].iloc[0])
        assert frame["period_start"].iloc[0] == pd.Timestamp(2019, 3, 1)

    def test_polars_column_types(self) -> None:
        pl = pytest.importorskip("polars")
        pytest.importorskip("narwhals")
        frame = REPORT.to_polars()
        assert frame.columns == list(COLUMNS)
        assert frame.schema["margin"] == pl.Float64
        assert frame.schema["status"] == pl.Enum([s.value for s in Status])
        assert frame.schema["period_end"] == pl.Datetime("us")
        assert frame.schema["org"] == pl.String
        assert frame.height == len(REPORT.assessments)

    def test_an_empty_report_keeps_its_columns(self, backend: str) -> None:
        empty = evaluate_guidance(STANDARDS, [], as_of=AS_OF)
        frame = empty.to_pandas() if backend == "pandas" else empty.to_polars()
        assert list(frame.columns) == list(COLUMNS)
        assert len(frame) == 0

    @pytest.mark.parametrize(
        ("method", "missing", "extra"),
        [
            ("to_pandas", "pandas", "pandas"),
            ("to_polars", "polars", "polars"),
            ("to_pandas", "narwhals", "pandas"),
            ("to_polars", "narwhals", "polars"),
        ],
    )
    def test_a_missing_library_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch, method: str, missing: str, extra: str
    ) -> None:
        monkeypatch.setitem(sys.modules, missing, None)  # import raises ImportError
        with pytest.raises(MissingDependencyError) as info:
            getattr(REPORT, method)()
        assert isinstance(info.value, ImportError)
        assert isinstance(info.value, NhsplanError)
        assert f"pip install 'nhsplan[{extra}]'" in str(info.value)
        assert info.value.name == missing

    def test_importing_the_report_module_stays_light(self) -> None:
        code = (
            "import sys, nhsplan.evaluate.report, nhsplan.display; "
            "print(','.join(m for m in ('narwhals', 'pandas', 'polars', 'numpy') "
            "if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == ""


def _hostile_report() -> Report:
    """A report whose text fields begin with what a spreadsheet would run."""
    target = attrs.evolve(
        STANDARDS.target("ae_4_hour"),
        citation=Citation(source='=HYPERLINK("http://example.invalid","x")', section="@SUM(1)"),
    )
    guidance = attrs.evolve(
        STANDARDS, targets=[target if t.id == target.id else t for t in STANDARDS.targets]
    )
    report = evaluate_guidance(guidance, [NEAR], as_of=AS_OF)
    injected = attrs.evolve(report.assessments[0], org="=1+2", reason="-2+3", target="+cmd")
    return attrs.evolve(report, assessments=(injected, *report.assessments))


class TestCsv:
    def test_formula_cells_are_neutralised(self) -> None:
        rows = list(csv.DictReader(io.StringIO(_hostile_report().to_csv())))
        first, second = rows[0], rows[1]
        assert first["org"] == "'=1+2"
        assert first["reason"] == "'-2+3"
        assert first["target"] == "'+cmd"
        assert second["citation"].startswith("'=HYPERLINK(")
        for row in rows:
            for column, cell in row.items():
                if column not in NUMBER_COLUMNS:
                    assert not cell.startswith(_csv.FORMULA_TRIGGERS), (column, cell)

    def test_negative_numbers_stay_numbers(self) -> None:
        rows = list(csv.DictReader(io.StringIO(REPORT.to_csv())))
        ra1 = next(r for r in rows if r["org"] == "RA1" and r["target"] == "ae_4_hour")
        assert float(ra1["margin"]) == pytest.approx(-30.78)
        assert ra1["margin_unit"] == "percentage points"

    def test_the_command_line_writes_the_same(
        self, tmp_path: Any, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from nhsplan import cli  # noqa: PLC0415
        from nhsplan.io.readers import write_observations_csv  # noqa: PLC0415

        figures = tmp_path / "figures.csv"
        write_observations_csv([NEAR, WORSE], figures)
        args = [str(figures), "--edition", "standards", "--as-of", "2019-03-31"]
        assert cli.main(["evaluate", *args, "--format", "csv"]) == 0
        text = capsys.readouterr().out
        rows = list(csv.DictReader(io.StringIO(text)))
        assert list(rows[0]) == list(COLUMNS)
        margins = sorted(float(r["margin"]) for r in rows if r["margin"])
        assert margins[0] == pytest.approx(-30.78)

    @given(st.text())
    def test_no_text_cell_reads_as_a_formula(self, text: str) -> None:
        out = io.StringIO()
        _csv.write_rows(out, ("a", "b"), [{"a": text, "b": -1.5}])
        (row,) = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
        assert not row["a"].startswith(_csv.FORMULA_TRIGGERS)
        assert row["a"] in (text, "'" + text)
        assert row["b"] == "-1.5"


class TestResultsAsData:
    """Issue 18: Report.to_frame() and Parquet, with the typed schema of the DataFrames."""

    @staticmethod
    def report() -> Report:
        from nhsplan import Month, Observation, evaluate_guidance, load_guidance  # noqa: PLC0415

        obs = [
            Observation(org="RA1", metric="ae_4_hour", period=Month(2019, 3), value="91.6 %"),
            Observation(org="RA2", metric="ae_4_hour", period=Month(2019, 3), value="96 %"),
        ]
        return evaluate_guidance(load_guidance("standards"), obs, as_of="2019-03-31")

    @pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
    def test_to_frame(self, backend: str) -> None:
        pytest.importorskip(backend)
        pytest.importorskip("narwhals")
        frame = self.report().to_frame(backend)  # type: ignore[call-overload]
        assert list(frame.columns if backend != "pyarrow" else frame.column_names) == list(COLUMNS)
        rows = frame.to_pylist() if backend == "pyarrow" else None
        if rows is not None:
            ae = next(r for r in rows if r["org"] == "RA1" and r["target"] == "ae_4_hour")
            assert ae["margin"] == -3.4
            assert ae["status"] == "not_met"

    def test_to_frame_refuses_an_unknown_backend(self) -> None:
        from nhsplan.errors import InvalidValueError  # noqa: PLC0415

        with pytest.raises(InvalidValueError, match="to_frame"):
            self.report().to_frame("excel")  # type: ignore[call-overload]

    def test_parquet_file_and_command(self, tmp_path: Path) -> None:
        pq = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "report.parquet"
        self.report().write_parquet(path)
        table = pq.read_table(path)
        assert table.column_names == list(COLUMNS)
        assert str(table.schema.field("margin").type) == "double"
        assert str(table.schema.field("period_start").type) == "timestamp[us]"
        figures = tmp_path / "figures.csv"
        figures.write_text(
            "org,metric,period,value,unit,numerator,denominator\nRA1,ae_4_hour,2019-03,91.6,%,,\n",
            encoding="utf-8",
        )
        out = tmp_path / "out.parquet"
        code = cli.main(
            ["evaluate", str(figures), "--edition", "standards", "--as-of", "2019-03-31",
             "--format", "parquet", "--output", str(out)],
            out=io.StringIO(),
        )  # fmt: skip
        assert code == 0
        rows = pq.read_table(out).to_pylist()
        assert next(r for r in rows if r["target"] == "ae_4_hour")["margin"] == -3.4

    def test_parquet_needs_a_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        pytest.importorskip("pyarrow")
        figures = tmp_path / "figures.csv"
        figures.write_text(
            "org,metric,period,value,unit,numerator,denominator\nRA1,ae_4_hour,2019-03,91.6,%,,\n",
            encoding="utf-8",
        )
        code = cli.main(
            ["evaluate", str(figures), "--edition", "standards", "--as-of", "2019-03-31",
             "--format", "parquet"],
            out=io.StringIO(),
        )  # fmt: skip
        assert code == 2
        assert "--output FILE.parquet" in capsys.readouterr().err
