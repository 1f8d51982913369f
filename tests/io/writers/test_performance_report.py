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

import attrs
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
        assert "Source of cancer_faster_diagnosis_standard: " in page  # the citation
        assert page.count("<svg") >= 4  # icons in the table and beside each chart

    def test_a_verdict_shows_the_reading_it_rests_on(self, tmp_path: Path) -> None:
        """Issue 17: every output that shows a verdict shows the reading its level rests on."""
        pytest.importorskip("matplotlib")
        guidance = load_guidance("2021/22")
        observations = read_observations_csv(figures(tmp_path), guidance=guidance).observations
        report = evaluate_guidance(guidance, observations, as_of=date(2021, 12, 31))
        read = attrs.evolve(
            report,
            assessments=tuple(
                attrs.evolve(a, reading="'75%' read as a share of <all> referrals")
                for a in report.assessments
            ),
        )
        page = performance_report_html(read, observations, guidance)
        assert "Reading: &#x27;75%&#x27; read as a share of &lt;all&gt; referrals" in page
        assert "Reading:" not in performance_report_html(report, observations, guidance)

    def test_max_charts(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        guidance = load_guidance("2021/22")
        observations = read_observations_csv(figures(tmp_path), guidance=guidance).observations
        report = evaluate_guidance(guidance, observations, as_of=date(2021, 12, 31))
        page = performance_report_html(report, observations, guidance, max_charts=1)
        assert page.count("data:image/png;base64,") == 1
        assert "Charts are drawn for 1 of 2 series, most in need first" in page


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


MONTHS_2017_19 = [f"{y}-{m:02d}" for y in (2017, 2018, 2019) for m in range(1, 13)][3:27]
"""2017-04 .. 2019-03: 24 months."""


def board_figures(tmp_path: Path) -> Path:
    """Four trusts' 4-hour figures to March 2019: one far short, one just short, one met but
    with a special-cause drop, one met and steady."""
    series = {
        "RWD": [700 + (i % 3) * 10 for i in range(24)],  # about 71 %: far short
        "RX1": [930 + (i % 3) * 5 for i in range(24)],  # about 93.5 %: just short
        "RBD": [990 + (i % 3) * 2 for i in range(23)] + [960],  # met, then a drop: concern
        "RA1": [975 + (i % 3) * 5 for i in range(24)],  # met and steady
    }
    lines = ["org,metric,period,value,unit,numerator,denominator"]
    for org, within in series.items():
        lines += [
            f"{org},ae_4_hour,{m},,,{w},1000" for m, w in zip(MONTHS_2017_19, within, strict=True)
        ]
    path = tmp_path / "board.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def step_figures(tmp_path: Path, *, flat: bool = False) -> Path:
    """England: near 75 % to March 2025, then near 85 %; with *flat*, RBD at 100 % every month.

    England's, since the interim A&E levels are national ambitions (issue 17): a trust's figure
    is not judged against them.
    """
    months = [f"{y}-{m:02d}" for y in (2023, 2024, 2025, 2026) for m in range(1, 13)][3:39]
    lines = ["org,metric,period,value,unit,numerator,denominator"]
    for i, month in enumerate(months):
        lines.append(
            f"ENGLAND,ae_4_hour,{month},,,{(850 if month > '2025-03' else 750) + (i % 3) * 5},1000"
        )
        if flat:
            lines.append(f"RBD,ae_4_hour,{month},,,1000,1000")
    path = tmp_path / "step.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def board_page(path: Path, edition: str, as_of: date, **options: object) -> str:
    guidance = load_guidance(edition)
    observations = read_observations_csv(path, guidance=guidance).observations
    report = evaluate_guidance(guidance, observations, as_of=as_of, spc=True)
    return performance_report_html(report, observations, guidance, **options)  # type: ignore[arg-type]


def table_rows(page: str) -> list[str]:
    return page.split("<tbody>")[1].split("</tbody>", maxsplit=1)[0].split("<tr")


def section_order(page: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)"', page)


class TestBoard:
    """Issue 18: a report worth sending to a board."""

    def test_charts_ordered_by_need(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        page = board_page(board_figures(tmp_path), "standards", date(2019, 3, 31))
        # not met (furthest short first), then special-cause concern, then the rest
        assert section_order(page) == [
            "rwd-ae-4-hour", "rx1-ae-4-hour", "rbd-ae-4-hour", "ra1-ae-4-hour",
        ]  # fmt: skip
        table = page.split("<tbody>")[1].split("</tbody>")[0]
        assert table.index("RWD") < table.index("RX1") < table.index("RBD") < table.index("RA1")

    def test_names_groups_and_a_note_where_charts_were_capped(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        page = board_page(
            board_figures(tmp_path), "standards", date(2019, 3, 31), max_charts=2,
            names={"RWD": "United Lincolnshire Hospitals NHS Trust"},
            groups=[("Acute trusts", {"RWD", "RX1", "RBD"})],
        )  # fmt: skip
        assert "United Lincolnshire Hospitals NHS Trust" in page
        assert page.index("<h2>Acute trusts</h2>") < page.index('id="rwd-ae-4-hour"')
        assert "Other organisations" in page  # RA1, in no group
        assert section_order(page) == ["rwd-ae-4-hour", "rx1-ae-4-hour"]
        note = page.split("class='note capped'>")[1].split("</p>")[0]
        assert "Charts are drawn for 2 of 4 series" in note
        assert "1 series that show special-cause concern" in note
        assert "RBD" in note
        assert "RA1" in note
        assert page.index("capped") < page.index('class="summary"')  # before the long table

    def test_one_chart_per_series_with_every_target_line(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        page = board_page(step_figures(tmp_path), "standards", date(2026, 3, 31))
        assert page.count("data:image/png;base64,") == 1  # was one per target
        (section,) = re.findall(r"<section.*?</section>", page, flags=re.S)
        for target in ("ae_4_hour", "ae_4_hour_interim_2024", "ae_4_hour_interim_2025",
                       "ae_4_hour_interim_2026"):  # fmt: skip
            assert f'<span class="id">{target}</span>' in section

    def test_spc_read_as_of_the_period_judged(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        page = board_page(step_figures(tmp_path), "standards", date(2026, 3, 31))
        row = next(r for r in table_rows(page) if ">ae_4_hour_interim_2025<" in r)
        assert "<title>common cause variation</title>" in row
        assert "improvement" not in row  # the year after March 2025 is not read
        assert "Read to 2025-03: common cause variation" in page

    def test_no_limits_caveat_and_margins_in_points(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        page = board_page(step_figures(tmp_path, flat=True), "standards", date(2026, 3, 31))
        assert "No process limits: every month has the same figure (100.0%)" in page
        rbd = [r for r in table_rows(page) if ">RBD<" in r and "ae_4_hour<" in r]
        assert rbd
        assert all("hit and miss" not in r for r in rbd)
        assert all("no limits" in r for r in rbd)
        assert '+5.0 <abbr title="percentage points">pp</abbr>' in page
        assert not re.search(r"[+-]\d+\.\d+%", page)  # no margin in per cent


class TestBoardCommand:
    def test_two_editions_are_both_used(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        out = tmp_path / "report.html"
        code, _ = run(
            "report", str(step_figures(tmp_path)), "--edition", "standards", "--edition",
            "2025/26", "--as-of", "2026-03-31", "--html", str(out),
        )  # fmt: skip
        assert code == 0
        page = out.read_text(encoding="utf-8")
        assert "ae_4_hour_interim_2025" in page  # standards
        assert "ae_4_hour_2025_26" in page  # 2025/26
        assert "standards + 2025/26" in page

    def test_demo_charts_the_worst_acute_trusts_with_names(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        out = tmp_path / "demo.html"
        code, _ = run("report", "--demo", "--max-charts", "4", "--html", str(out))
        assert code == 0
        page = out.read_text(encoding="utf-8")
        assert section_order(page) == [
            "england-ae-4-hour", "rx1-ae-4-hour", "rm1-ae-4-hour", "rhu-ae-4-hour",
        ]  # fmt: skip
        assert "Nottingham University Hospitals NHS Trust" in page
        assert "<h2>NHS trusts with a type-1 (major) A&amp;E department</h2>" in page
        assert "Charts are drawn for 4 of" in page
        headings = re.findall(r'<tr class="group"><th colspan="9">([^<]+)<', page)
        assert headings[:2] == ["England", "NHS trusts with a type-1 (major) A&amp;E department"]
        assert headings[-1].startswith("Other sites")


def chromium(*argv: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", *argv],
        check=True, capture_output=True, text=True, timeout=180,
    )  # fmt: skip


class TestBoardInABrowser:
    """The board report as a browser shows it, on a desktop and on a phone.

    Headless Chromium will not make a window narrower than 500 px, so the page is shown in
    an iframe of the width asked for, in a window wide enough to hold it.
    """

    @pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
    @pytest.mark.parametrize(("width", "height"), [(1280, 1000), (390, 844)])
    def test_fits_and_shows_the_worst_first(self, tmp_path: Path, width: int, height: int) -> None:
        pytest.importorskip("matplotlib")
        from matplotlib.image import imread  # noqa: PLC0415

        page = board_page(
            board_figures(tmp_path), "standards", date(2019, 3, 31), max_charts=3,
            names={"RWD": "United Lincolnshire Hospitals NHS Trust"},
        )  # fmt: skip
        (tmp_path / "report.html").write_text(page, encoding="utf-8")
        # The page has no script; a frame around it measures it: how wide the document
        # gets, and how far right the widest chart reaches, against the frame's width.
        frame = tmp_path / "frame.html"
        frame.write_text(
            "<!DOCTYPE html><html><body style='margin:0'>"
            f"<iframe id='f' src='report.html' style='border:0;width:{width}px;"
            f"height:{height}px'></iframe><script>"
            "document.getElementById('f').onload = () => {"
            "const d = document.getElementById('f').contentDocument;"
            "const w = Math.max(0, ...[...d.images].map(i => i.getBoundingClientRect().right));"
            "document.title = 'W' + d.documentElement.scrollWidth + 'V' +"
            " d.documentElement.clientWidth + 'I' + Math.ceil(w) + 'T' +"
            " (d.body.innerText.indexOf('United Lincolnshire') < d.body.innerText.indexOf('RX1'));"
            "};</script></body></html>",
            encoding="utf-8",
        )
        window = f"--window-size={max(width, 600)},{height}"
        dom = chromium(window, "--allow-file-access-from-files", "--virtual-time-budget=5000",
                       "--dump-dom", frame.as_uri(), tmp_path=tmp_path).stdout  # fmt: skip
        found = re.search(r"<title>W(\d+)V(\d+)I(\d+)T(\w+)</title>", dom)
        assert found, "the frame did not measure the page"
        scroll, view, image, worst_first = found.groups()
        assert int(view) <= width
        assert int(scroll) <= width, f"the page scrolls sideways at {width} px: {scroll} px"
        assert int(image) <= width, f"a chart is wider than {width} px"
        assert worst_first == "true"  # the trust furthest short leads, named

        shot = tmp_path / "shot.png"
        chromium(window, "--allow-file-access-from-files", f"--screenshot={shot}",
                 frame.as_uri(), tmp_path=tmp_path)  # fmt: skip
        pixels = imread(shot)[:height, :width, :3]  # the frame
        ink = (pixels.min(axis=2) < 0.9).mean()
        assert ink > 0.02, f"the page rendered (almost) blank at {width} px: {ink:.3%} ink"
        blue = ((pixels[..., 2] > 0.6) & (pixels[..., 0] < 0.3)).mean()  # NHS-blue headings
        assert blue > 0.0005
