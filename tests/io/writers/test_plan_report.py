"""The plan-versus-actual HTML section and the plan data writers."""

from __future__ import annotations

import io
import json

import pytest

from nhsplan.io.writers.plan_report import PlanSeries, plan_page_html, plan_section_html
from nhsplan.io.writers.plans import rows_json, write_rows_csv, write_rows_parquet

SERIES = PlanSeries(
    org="RBD",
    metric="ae_4_hour",
    name="A&E <4h>",
    unit="percent",
    variance_unit="percentage points",
    on_plan=1,
    off_plan=1,
    assurance="consistent_fail",
    months=(("2019-02", 96.6, 91.4, -5.2, False), ("2019-03", 95.6, None, None, None)),
    projections=("target x: not met",),
    chart_png=b"\x89PNG",
    findings=("RBD's plan: <below>",),
)


def test_section_escapes_text_and_shows_units() -> None:
    html = plan_section_html([SERIES])
    assert "A&amp;E &lt;4h&gt;" in html
    assert "&lt;below&gt;" in html
    assert "-5.20 pp" in html  # a variance of percentages in points
    assert "91.4%" in html
    assert "the plan will consistently be missed" in html
    assert "data:image/png;base64,iVBORw==" in html
    assert "2019-02" in html  # the latest month with an actual, in the summary
    assert plan_section_html([]) == ""


def test_page_wraps_the_section() -> None:
    page = plan_page_html([SERIES], title="Plans & <actuals>")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Plans &amp; &lt;actuals&gt;</title>" in page


ROWS = [{"org": "RBD", "planned": 95.5, "unit": "percent", "on_plan": None}]
COLUMNS = ("org", "planned", "unit", "on_plan")


def test_csv_json_parquet_keep_numbers_as_numbers() -> None:
    out = io.StringIO()
    write_rows_csv([{**ROWS[0], "org": "=cmd"}], COLUMNS, out)
    assert out.getvalue().splitlines() == [
        '"org","planned","unit","on_plan"',
        '"\'=cmd",95.5,"percent",""',  # None is an empty (quoted) cell
    ]
    data = json.loads(rows_json(ROWS, edition="2017-19"))
    assert data == {"edition": "2017-19", "rows": ROWS}
    pq = pytest.importorskip("pyarrow.parquet")
    buffer = io.BytesIO()
    write_rows_parquet(ROWS, COLUMNS, buffer)
    buffer.seek(0)
    assert pq.read_table(buffer).to_pylist() == ROWS
