"""track: planned against actual month by month, SPC against the plan, projections."""

from __future__ import annotations

import pytest

from nhsplan.catalog import load_guidance
from nhsplan.errors import InvalidPlanError
from nhsplan.model import Observation, Plan, PlanLine, Status
from nhsplan.plan import TRACK_COLUMNS, track
from nhsplan.plan.examples import example_actuals, example_plans
from nhsplan.plan.projection import trend

WAITS = "rtt_65_week_waiters"
PLAN = Plan(
    org="RXA",
    edition="standards",
    org_type="acute_trust",
    lines=[
        PlanLine(metric=WAITS, period=f"2024-{m:02d}", value=f"{v} pathway")
        for m, v in zip(range(4, 10), (45, 35, 25, 15, 5, 0), strict=True)
    ],
)
ACTUALS = [
    Observation(org="RXA", metric=WAITS, period=f"2024-{m:02d}", value=f"{v} pathway")
    for m, v in zip(range(1, 7), (60, 50, 40, 30, 20, 10), strict=True)
] + [Observation(org="RXB", metric=WAITS, period="2024-04", value="999 pathway")]


def test_variance_on_plan_and_cumulative_for_counts() -> None:
    result = track(PLAN, ACTUALS, as_of="2024-06-30", guidance=load_guidance("standards"))
    (m,) = result.metrics
    # Planned 45, 35, 25 against actual 30, 20, 10: 15 fewer waiters each month (lower is
    # better, so on plan), running -15, -30, -45.
    assert [(str(t.month), t.variance, t.on_plan, t.cumulative) for t in m.months] == [
        ("2024-04", -15.0, True, -15.0),
        ("2024-05", -15.0, True, -30.0),
        ("2024-06", -15.0, True, -45.0),
    ]
    assert [round(t.relative or 0, 2) for t in m.months] == [-33.33, -42.86, -60.0]
    assert (m.on_plan, m.off_plan, m.unit, m.variance_unit) == (3, 0, "pathway", "pathway")
    rows = result.rows()
    assert all(tuple(r) == TRACK_COLUMNS for r in rows)
    assert len(rows) == 3  # months after as_of are not yet tracked


def test_projection_judged_by_the_core_at_the_deadline() -> None:
    result = track(PLAN, ACTUALS, as_of="2024-06-30", guidance=load_guidance("standards"))
    (m,) = result.metrics
    # Trend of 60..10: -10 a month, at 10 in June; September is 3 months on: 10 - 30 < 0, kept
    # at 0, which meets the September 2024 elimination (rtt_65_week_waits_revised). The
    # March 2024 one is past and not projected. Needed: (0 - 10) / 3 a month.
    (p,) = m.projections
    assert (p.target, str(p.month), p.status, p.projected, p.months_left) == (
        "rtt_65_week_waits_revised",
        "2024-09",
        Status.MET,
        0.0,
        3,
    )
    assert p.slope == pytest.approx(-10.0)
    assert p.needed == pytest.approx(-10 / 3)


def test_proportions_vary_in_points_and_spc_reads_against_the_plan() -> None:
    plans = example_plans(("RBD",))
    result = track(plans[0], example_actuals(("RBD",)), as_of="2019-03-31",
                   guidance=load_guidance("2017-19"))  # fmt: skip
    (m,) = result.metrics
    assert m.variance_unit == "percentage points"
    assert len(m.months) == 12
    april = m.months[0]
    # April 2017 was 7,922 of 8,030 (98.66 %, above 95 %: planned unchanged) on 8,191
    # attendances (8,030 x 1.02): 8,081 of 8,191 = 98.657 %. April 2018 was 7,689 of 7,793
    # = 98.665 %: 0.008 points above plan.
    assert april.planned == pytest.approx(100 * 8081 / 8191)
    assert april.actual == pytest.approx(100 * 7689 / 7793)
    assert april.variance == pytest.approx(100 * 7689 / 7793 - 100 * 8081 / 8191)
    assert april.on_plan is True
    assert april.cumulative is None  # a proportion's variance does not add up
    assert m.spc is not None
    assert m.spc.assurance is m.assurance
    assert m.off_plan == 11


def test_the_plans_own_edition_by_default() -> None:
    result = track(PLAN, ACTUALS, as_of="2024-06-30")
    assert result.edition == "standards"
    assert result == track(PLAN, ACTUALS, as_of="2024-06-30", guidance=load_guidance("standards"))


def test_a_metric_the_edition_does_not_define_is_refused() -> None:
    plan = Plan(
        org="RXA", edition="x", lines=[PlanLine(metric="made_up", period="2024-04", value=1.0)]
    )
    with pytest.raises(InvalidPlanError, match="made_up"):
        track(plan, [], as_of="2024-06-30", guidance=load_guidance("standards"))


def test_trend() -> None:
    assert trend([5.0]) == (5.0, 0.0)
    level, slope = trend([1.0, 3.0, 2.0])
    assert level == pytest.approx(2.5)
    assert slope == pytest.approx(0.5)
