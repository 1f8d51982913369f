"""The integrated performance report: the HTML page, `nhsplan report`, `evaluate --spc`, and a
real browser rendering it (headless Chromium, skipped where it is absent)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from nhsplan import cli
from nhsplan.catalog import load_guidance
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.io.readers import read_observations_csv
from nhsplan.io.writers.performance_report import performance_report_html

MONTHS = [f"{y}-{m:02d}" for y in (2020, 2021) for m in range(1, 13)]
# two years of a trust's faster diagnosis standard: steady, then a step up in the last 8 months
COUNTS = [700 + (i % 3) * 10 for i in range(16)] + [790 + (i % 2) * 10 for i in range(8)]


def figures(tmp_path: Path) -> Path:
    lines = ["org,metric,period,value,unit,numerator,denominator"]
    for org, less in (("RBD", 0), ("RXX", 30)):
        lines += [
            f"{org},cancer_faster_diagnosis,{m},,,{n - less},1000"
            for m, n in zip(MONTHS, COUNTS, strict=True)
        ]
    path = tmp_path / "figures.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


def self_contained(page: str) -> bool:
    """No stylesheet, script, image or font fetched from anywhere else."""
    external = re.search(r"""(src|href)\s*=\s*["'](?!#|data:)""", page)
    return external is None and "<link" not in page and "@import" not in page


class TestPage:
    def test_table_sections_and_embedded_charts(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        guidance = load_guidance("2021/22")
        observations = read_observations_csv(figures(tmp_path), guidance=guidance).observations
        report = evaluate_guidance(guidance, observations, as_of=date(2021, 12, 31), spc=True)
        page = performance_report_html(report, observations, guidance)
        assert page.startswith("<!DOCTYPE html>")
        assert self_contained(page)
        assert page.count("data:image/png;base64,") == 2  # one chart per organisation
        assert page.index('class="summary"') < page.index("<section")
        assert "special cause improvement (high)" in page  # the step up, read from the chart
        assert "Source: " in page  # the citation
        assert page.count("<svg") >= 4  # icons in the table and beside each chart

    def test_max_charts(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        guidance = load_guidance("2021/22")
        observations = read_observations_csv(figures(tmp_path), guidance=guidance).observations
        report = evaluate_guidance(guidance, observations, as_of=date(2021, 12, 31))
        page = performance_report_html(report, observations, guidance, max_charts=1)
        assert page.count("data:image/png;base64,") == 1
        assert "first 1 of 2" in page


class TestCommand:
    def test_report(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        out = tmp_path / "report.html"
        code, text = run(
            "report", str(figures(tmp_path)), "--edition", "2021/22", "--as-of", "2021-12-31",
            "--html", str(out),
        )  # fmt: skip
        assert code == 0
        assert "2 charts" in text
        assert self_contained(out.read_text(encoding="utf-8"))

    def test_demo(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        out = tmp_path / "demo.html"
        code, _ = run("report", "--demo", "--org", "ENGLAND", "--html", str(out))
        assert code == 0
        page = out.read_text(encoding="utf-8")
        assert "ENGLAND" in page
        assert "consistently failing the target" in page

    def test_report_needs_file_edition_and_date(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _ = run("report", "--html", str(tmp_path / "x.html"))
        assert code == 2
        assert "--edition" in capsys.readouterr().err

    def test_evaluate_spc_fills_variation_and_assurance(self, tmp_path: Path) -> None:
        args = ["evaluate", str(figures(tmp_path)), "--edition", "2021/22",
                "--as-of", "2021-12-31", "--format", "csv"]  # fmt: skip
        code, plain = run(*args)
        assert code == 0
        assert {r["variation"] for r in csv.DictReader(io.StringIO(plain))} == {""}
        code, read = run(*args, "--spc")
        assert code == 0
        rows = [r for r in csv.DictReader(io.StringIO(read)) if r["target"].startswith("cancer")]
        assert rows
        assert {r["variation"] for r in rows} == {"improvement_high"}
        assert all(r["assurance"] for r in rows)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class TestBrowser:
    @pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
    def test_renders_non_blank(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        from matplotlib.image import imread  # noqa: PLC0415

        page = tmp_path / "report.html"
        code, _ = run(
            "report", str(figures(tmp_path)), "--edition", "2021/22", "--as-of", "2021-12-31",
            "--html", str(page),
        )  # fmt: skip
        assert code == 0
        shot = tmp_path / "shot.png"
        assert CHROMIUM is not None
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
             f"--screenshot={shot}", "--window-size=1100,1400", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        pixels = imread(shot)[..., :3]
        assert pixels.shape[:2] == (1400, 1100)
        ink = (pixels.min(axis=2) < 0.9).mean()  # share of pixels that are not near-white
        assert ink > 0.02, f"the page rendered (almost) blank: {ink:.3%} ink"
        blue = ((pixels[..., 2] > 0.6) & (pixels[..., 0] < 0.3)).mean()  # NHS-blue headings
        assert blue > 0.0005
