"""The SPC summary as data (nhsplan.io.writers.spc_summary): rows, CSV, JSON, Parquet."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from nhsplan import cli
from nhsplan.catalog import load_guidance
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.io.readers import read_observations_csv
from nhsplan.io.writers.spc_summary import (
    SPC_SUMMARY_COLUMNS,
    Row,
    spc_summary,
    spc_summary_csv,
    spc_summary_json,
    write_spc_summary_parquet,
)


def step_figures(tmp_path: Path) -> Path:
    """England near 75 % to March 2025, then near 85 %; RBD at 100 % every month.

    England's, since the interim A&E levels are national ambitions (issue 17)."""
    months = [f"{y}-{m:02d}" for y in (2023, 2024, 2025, 2026) for m in range(1, 13)][3:39]
    lines = ["org,metric,period,value,unit,numerator,denominator"]
    for i, month in enumerate(months):
        within = (850 if month > "2025-03" else 750) + (i % 3) * 5
        lines += [
            f"ENGLAND,ae_4_hour,{month},,,{within},1000",
            f"RBD,ae_4_hour,{month},,,1000,1000",
        ]
    path = tmp_path / "step.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def summary(tmp_path: Path) -> list[Row]:
    g = load_guidance("standards")
    observations = read_observations_csv(step_figures(tmp_path), guidance=g).observations
    report = evaluate_guidance(g, observations, as_of=date(2026, 3, 31))
    return spc_summary(report, observations, g)


class TestRows:
    def test_schema_and_readings(self, tmp_path: Path) -> None:
        rows = summary(tmp_path)
        assert all(tuple(r) == SPC_SUMMARY_COLUMNS for r in rows)
        by = {(r["org"], r["target"]): r for r in rows}
        march_2025 = by["ENGLAND", "ae_4_hour_interim_2025"]
        assert march_2025["through"] == "2025-03"  # as of the period judged
        assert march_2025["variation"] == "common_cause"
        assert march_2025["special_cause"] is None
        assert march_2025["target_value"] == 78.0
        assert march_2025["unit"] == "percent"
        assert str(march_2025["citation"]).startswith("NHS England")
        march_2026 = by["ENGLAND", "ae_4_hour"]
        assert march_2026["variation"] == "improvement_high"
        assert march_2026["special_cause"] in {"outside_limits", "run", "trend", "two_in_three"}
        assert isinstance(march_2026["lower_limit"], float)
        flat = by["RBD", "ae_4_hour"]
        assert flat["lower_limit"] is None
        assert flat["upper_limit"] is None
        assert flat["assurance"] is None  # no limits: no assurance to give
        assert "no_limits" in str(flat["caveats"]).split(";")

    def test_no_float_noise(self, tmp_path: Path) -> None:
        for row in summary(tmp_path):
            for column in ("latest_value", "mean", "lower_limit", "upper_limit"):
                value = row[column]
                if isinstance(value, float):
                    assert value == round(value, 10)


class TestFormats:
    def test_csv_json_and_parquet_agree(self, tmp_path: Path) -> None:
        rows = summary(tmp_path)
        from_csv = list(csv.DictReader(io.StringIO(spc_summary_csv(rows))))
        assert tuple(from_csv[0]) == SPC_SUMMARY_COLUMNS
        assert len(from_csv) == len(rows)
        g = load_guidance("standards")
        report = evaluate_guidance(g, [], as_of=date(2026, 3, 31))
        data = json.loads(spc_summary_json(rows, report=report))
        assert data["columns"] == list(SPC_SUMMARY_COLUMNS)
        assert data["rows"] == rows
        pq = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "spc.parquet"
        write_spc_summary_parquet(rows, path)
        table = pq.read_table(path)
        assert tuple(table.column_names) == SPC_SUMMARY_COLUMNS
        assert str(table.schema.field("points").type) == "int64"
        assert str(table.schema.field("mean").type) == "double"
        assert table.to_pylist() == rows

    @pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
    def test_command(self, tmp_path: Path, suffix: str) -> None:
        if suffix == ".parquet":
            pytest.importorskip("pyarrow")
        out = tmp_path / f"spc{suffix}"
        code = cli.main(
            ["report", str(step_figures(tmp_path)), "--edition", "standards",
             "--as-of", "2026-03-31", "--summary", str(out)],
            out=io.StringIO(),
        )  # fmt: skip
        assert code == 0
        assert out.stat().st_size > 0
        if suffix == ".json":
            rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
            assert {r["org"] for r in rows} == {"ENGLAND", "RBD"}
