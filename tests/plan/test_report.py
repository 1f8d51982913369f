"""The plan section of the HTML report, from trackings and a plan check."""

from __future__ import annotations

import pytest

from nhsplan.catalog import load_guidance
from nhsplan.plan import check_plans, track
from nhsplan.plan.examples import example_actuals, example_plans
from nhsplan.plan.report import plan_report_html, plan_series


def test_series_carry_months_findings_and_charts() -> None:
    pytest.importorskip("matplotlib")
    guidance = load_guidance("2017-19")
    plans = example_plans(("RW6",))
    check = check_plans(plans, guidance)
    tracking = track(plans[0], example_actuals(("RW6",)), as_of="2019-03-31", guidance=guidance)
    (series,) = plan_series([tracking], guidance, check)
    assert (series.org, series.metric, series.unit) == ("RW6", "ae_4_hour", "percent")
    assert len(series.months) == 12
    assert series.on_plan + series.off_plan == 12
    assert series.findings  # RW6's plan is below 95 % in every month: errors
    assert all("RW6's plan" in f for f in series.findings)
    assert series.chart_png is not None
    assert series.chart_png.startswith(b"\x89PNG")
    page = plan_report_html([tracking], guidance, check, charts=False)
    assert "Plans against actuals: RW6 (2017-19), to 2019-03-31" in page
    assert "data:image/png" not in page
