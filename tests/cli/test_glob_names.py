"""A file whose name is a glob pattern is read as itself, not as the files the pattern matches."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nhsplan import cli

HEADER = "org,metric,period,value,unit,numerator,denominator\n"


def figures(org: str) -> str:
    return f"{HEADER}{org},ae_4_hour,2021-12,,,950,1000\n"


@pytest.mark.parametrize("name", ["a[1].csv", "a*.csv", "a?.csv", "a{1,2}.csv"])
def test_evaluate_reads_the_file_named(tmp_path: Path, name: str) -> None:
    pytest.importorskip("duckdb")
    (tmp_path / name).write_text(figures("RBD"), encoding="utf-8")
    (tmp_path / "a1.csv").write_text(figures("XXX"), encoding="utf-8")  # what a glob would read
    out = io.StringIO()
    argv = ["evaluate", str(tmp_path / name), "--edition", "standards", "--as-of", "2021-12-31"]
    assert cli.main([*argv, "--format", "csv"], out=out) == 0
    assert '"RBD","ae_4_hour"' in out.getvalue()
    assert "XXX" not in out.getvalue()


@pytest.mark.parametrize("name", ["ae[1].csv", "ae*.csv"])
def test_measure_reads_the_file_named(tmp_path: Path, name: str) -> None:
    pytest.importorskip("ibis")
    from nhsplan.engines.measures import measure  # noqa: PLC0415

    row = ",2021-03-28 00:30,2021-03-28 05:00,1\n"
    (tmp_path / name).write_text(f"org,arrival,departure,type\nRBD{row}", encoding="utf-8")
    (tmp_path / "ae1.csv").write_text(f"org,arrival,departure,type\nXXX{row}", encoding="utf-8")
    result = measure("ae", tmp_path / name)
    assert {o.org for o in result.observations} == {"RBD"}
