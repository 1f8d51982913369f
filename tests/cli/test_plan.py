"""``nhsplan plan example | check | track`` on the generated example data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from nhsplan import cli


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("plans")
    plan, actuals = folder / "plan.csv", folder / "actuals.csv"
    code, out = run("plan", "example", str(plan), str(actuals))
    assert code == 0
    assert "60 plan lines for RAL, RBD, RJ1, RTH, RW6" in out
    return plan, actuals


def test_check_table_cites_the_guidance(files: tuple[Path, Path]) -> None:
    code, out = run("plan", "check", str(files[0]), "--edition", "2017-19")
    assert code == 0  # the exit code says the command ran, not whether the plan passed
    assert out.startswith("Plans of RAL, RBD, RJ1, RTH, RW6 checked against 2017-19")
    assert "ERROR target ae_4_hour_2017_19 2018-04" in out
    assert "is below the 95% required (at least)" in out
    assert 'Guidance: "≥ 95 %' in out


def test_check_csv_and_json_hold_the_same_findings(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    target = tmp_path / "findings.csv"
    code, _ = run("plan", "check", str(files[0]), "--edition", "2017-19", "--format", "csv",
                  "--org-type", "acute_trust", "--output", str(target))  # fmt: skip
    assert code == 0
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    code, out = run("plan", "check", str(files[0]), "--edition", "2017-19", "--format", "json",
                    "--org-type", "acute_trust")  # fmt: skip
    data = json.loads(out)
    assert data["edition"] == "2017-19"
    assert len(data["rows"]) == len(rows) > 0
    assert {r["check"] for r in rows} == {"target", "coverage"}


def test_check_parquet_needs_a_file(files: tuple[Path, Path], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "findings.parquet"
    code, _ = run("plan", "check", str(files[0]), "--edition", "2017-19", "--format", "parquet",
                  "--output", str(target))  # fmt: skip
    assert code == 0
    assert "message" in pq.read_table(target).column_names


def test_track_one_trust(files: tuple[Path, Path], tmp_path: Path) -> None:
    chart = tmp_path / "rbd.png"
    pytest.importorskip("matplotlib")
    code, out = run("plan", "track", str(files[0]), str(files[1]), "--edition", "2017-19",
                    "--as-of", "2019-03-31", "--org", "rbd", "--chart", str(chart))  # fmt: skip
    assert code == 0
    assert "RBD's plan (2017-19) against actuals to 2019-03-31" in out
    assert "1 month on plan, 11 off" in out
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_track_needs_one_org(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("plan", "track", str(files[0]), str(files[1]), "--edition", "2017-19",
                  "--as-of", "2019-03-31")  # fmt: skip
    assert code == 2
    assert "give --org" in capsys.readouterr().err


def test_references_map_planning_references(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "org,metric,period,value,unit,numerator,denominator\nRBD,E.M.13,2018-04,,,9400,10000\n",
        encoding="utf-8",
    )
    refs = tmp_path / "refs.csv"
    refs.write_text("reference,metric\nE.M.13,ae_4_hour\n", encoding="utf-8")
    code, out = run("plan", "check", str(plan), "--edition", "2017-19", "--references", str(refs))
    assert code == 0
    assert "RBD's 2018-04 figure, 94%, is below the 95% required" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("reference,metric\nE.M.13,\n", encoding="utf-8")
    code, _ = run("plan", "check", str(plan), "--edition", "2017-19", "--references", str(bad))
    assert code == 2


def test_track_html_and_the_performance_report_section(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    page = tmp_path / "rw6.html"
    code, out = run("plan", "track", str(files[0]), str(files[1]), "--edition", "2017-19",
                    "--as-of", "2019-03-31", "--org", "RW6", "--html", str(page))  # fmt: skip
    assert code == 0
    assert f"HTML page written to {page}" in out
    text = page.read_text(encoding="utf-8")
    assert "<h2>Plans against actuals</h2>" in text
    assert text.count("data:image/png") == 1
    report = tmp_path / "report.html"
    code, out = run("report", str(files[1]), "--edition", "2017-19", "--as-of",
                    "2019-03-31", "--html", str(report), "--plan", str(files[0]),
                    "--max-charts", "1")  # fmt: skip
    assert code == 0
    html = report.read_text(encoding="utf-8")
    assert html.count("<h2>Plans against actuals</h2>") == 1
    assert html.count("data:image/png") == 1 + 5  # one verdict chart, five plan charts
