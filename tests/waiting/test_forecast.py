"""The guidance's RTT targets on a projected list (RBD, November 2024)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import numpy as np
import pytest

from nhsplan import load_guidance
from nhsplan.calendar import Month
from nhsplan.errors import InvalidValueError
from nhsplan.waiting import StopRule, forecast, project, read_rtt_snapshots, rtt_goals
from nhsplan.waiting.forecast import Forecast

RBD = Path(__file__).parent / "data" / "rtt_nov2024_RBD_totals.csv"
(SNAPSHOT,) = read_rtt_snapshots(RBD)
SHARE_NOV_2024 = sum(SNAPSHOT.bands[:18]) / SNAPSHOT.waiting  # 57.78 %


@pytest.fixture(scope="module")
def plan_2025_26() -> Forecast:
    return forecast(load_guidance("2025/26"), SNAPSHOT)


class TestGoals:
    def test_2025_26(self) -> None:
        goals, skipped = rtt_goals(
            load_guidance("2025/26"), start=Month(2024, 11), as_of=date(2024, 11, 30)
        )
        ids = {g.target.id: g for g in goals}
        assert set(ids) == {
            "rtt_18_weeks_2025_26",
            "rtt_18_weeks_trust_improvement_2025_26",
            "rtt_52_week_share_2025_26",
        }
        assert skipped == ()
        assert ids["rtt_18_weeks_2025_26"].required == pytest.approx(0.65)
        assert ids["rtt_18_weeks_2025_26"].months == (Month(2026, 3),)
        assert "national" in ids["rtt_18_weeks_2025_26"].note
        assert ids["rtt_18_weeks_trust_improvement_2025_26"].baseline == Month(2024, 11)
        assert ids["rtt_52_week_share_2025_26"].required == pytest.approx(0.01)

    def test_ended_targets_left_out(self) -> None:
        goals, _ = rtt_goals(
            load_guidance("standards"), start=Month(2024, 11), as_of=date(2025, 4, 1)
        )
        assert "rtt_52_week_waits_2025" not in {g.target.id for g in goals}

    def test_each_month_target(self) -> None:
        goals, _ = rtt_goals(
            load_guidance("2022/23"), start=Month(2022, 10), as_of=date(2022, 10, 31)
        )
        (goal,) = [g for g in goals if g.target.id == "rtt_104_week_waits_2022_23"]
        assert goal.months[0] == Month(2022, 11)
        assert goal.months[-1] == Month(2023, 3)

    def test_undated_standard_at_the_horizon(self) -> None:
        goals, _ = rtt_goals(
            load_guidance("standards"), start=Month(2024, 11), as_of=date(2024, 11, 30)
        )
        (goal,) = [g for g in goals if g.target.id == "rtt_18_weeks_incomplete"]
        assert goal.months == (Month(2027, 3),)  # the latest dated deadline
        assert goal.required == pytest.approx(0.92)
        assert "no deadline" in goal.note

    def test_baseline_before_the_snapshot_cannot_be_judged(self) -> None:
        later = attrs.evolve(SNAPSHOT, month=Month(2024, 12))
        _, skipped = rtt_goals(load_guidance("2025/26"), start=later.month, as_of=later.month.end)
        assert dict(skipped)["rtt_18_weeks_trust_improvement_2025_26"].startswith("its baseline")


class TestForecast:
    def test_baseline_from_the_snapshot(self, plan_2025_26: Forecast) -> None:
        trust = next(
            o
            for o in plan_2025_26.outcomes
            if o.goal.target.id == "rtt_18_weeks_trust_improvement_2025_26"
        )
        # +5 points on November 2024, or 60 %, whichever is higher
        assert trust.required == pytest.approx(SHARE_NOV_2024 + 0.05)
        assert trust.month == Month(2026, 3)

    def test_flows_default_to_the_file(self, plan_2025_26: Forecast) -> None:
        assert (plan_2025_26.starts, plan_2025_26.stops) == (5003, 4469)
        assert plan_2025_26.as_of == date(2024, 11, 30)
        assert plan_2025_26.projection.months[-1] == Month(2026, 3)

    def test_projected_figure_is_the_projection(self, plan_2025_26: Forecast) -> None:
        p = project(SNAPSHOT.bands, start=SNAPSHOT.month, months=16, starts=5003, stops=4469)
        for o in plan_2025_26.outcomes:
            if o.goal.metric == "rtt_18_weeks_incomplete":
                assert o.projected == pytest.approx(float(p.share_18[0, -1]))
                assert o.required is not None
                assert o.met is (float(p.share_18[0, -1]) >= o.required)

    @pytest.mark.parametrize("rule", list(StopRule))
    def test_stops_needed_is_the_least_that_meets(self, rule: StopRule) -> None:
        guidance = load_guidance("2025/26")
        result = forecast(guidance, SNAPSHOT, rule=rule)
        for o in result.outcomes:
            assert o.stops_needed is not None
            meets = forecast(guidance, SNAPSHOT, rule=rule, stops=o.stops_needed)
            short = forecast(guidance, SNAPSHOT, rule=rule, stops=o.stops_needed - 15)
            same = {x.goal.target.id: x for x in meets.outcomes}[o.goal.target.id]
            less = {x.goal.target.id: x for x in short.outcomes}[o.goal.target.id]
            assert same.met is True
            assert less.met is False

    def test_starts_allowed_meets(self) -> None:
        guidance = load_guidance("standards")
        result = forecast(guidance, SNAPSHOT, rule=StopRule.PROPORTIONAL)
        for o in result.outcomes:
            if o.starts_allowed is None or o.met:
                continue
            assert o.starts_allowed < result.starts
            again = forecast(
                guidance, SNAPSHOT, rule=StopRule.PROPORTIONAL, starts=o.starts_allowed
            )
            assert {x.goal.target.id: x.met for x in again.outcomes}[o.goal.target.id]

    def test_later_baseline_moves_with_the_projection(self) -> None:
        result = forecast(load_guidance("2026-29"), SNAPSHOT)
        trust = next(o for o in result.outcomes if o.goal.target.id == "rtt_18_weeks_trust_2026_27")
        march_2026 = float(result.projection.share_18[0, result.projection.index(Month(2026, 3))])
        assert trust.required == pytest.approx(max(march_2026 + 0.07, 0.65))

    def test_more_capacity_meets_more(self) -> None:
        guidance = load_guidance("standards")
        counts = [
            sum(bool(o.met) for o in forecast(guidance, SNAPSHOT, stops=s).outcomes)
            for s in np.linspace(3000, 9000, 5)
        ]
        assert counts == sorted(counts)

    def test_bad_flows(self) -> None:
        guidance = load_guidance("2025/26")
        with pytest.raises(InvalidValueError, match=r"^stops:"):
            forecast(guidance, SNAPSHOT, stops=-1.0)
        with pytest.raises(InvalidValueError, match=r"^starts:"):
            forecast(guidance, SNAPSHOT, starts=float("nan"))


class TestMoreForecasts:
    def test_shortfall_against_a_plan(self) -> None:
        result = forecast(load_guidance("2025/26"), SNAPSHOT, stops=4000.0)
        for o in result.outcomes:
            assert o.stops_needed is not None
            assert o.stops_shortfall == pytest.approx(o.stops_needed - 4000.0)

    def test_each_month_target(self) -> None:
        """The 104-week elimination of 2022/23 is judged on every month to March 2023."""
        october_2022 = attrs.evolve(SNAPSHOT, month=Month(2022, 10))
        result = forecast(load_guidance("2022/23"), october_2022)
        outcome = next(
            o for o in result.outcomes if o.goal.target.id == "rtt_104_week_waits_2022_23"
        )
        assert outcome.goal.months == tuple(
            Month(y, m) for y, m in ((2022, 11), (2022, 12), (2023, 1), (2023, 2), (2023, 3))
        )
        assert outcome.met is True  # nobody waits over 104 weeks at RBD, nor will
        assert outcome.projected == pytest.approx(0.0)

    def test_no_rtt_target_in_force(self) -> None:
        result = forecast(load_guidance("2024/25"), SNAPSHOT)
        assert result.outcomes == ()
        assert result.projection.months == (Month(2024, 12),)

    def test_weights_override_the_calibration(self) -> None:
        guidance = load_guidance("2025/26")
        uniform = forecast(guidance, SNAPSHOT, rule=StopRule.PROPORTIONAL, weights=[1.0] * 105)
        longest = np.zeros(105)
        longest[40:] = 1.0  # stops only for waits over 40 weeks
        steered = forecast(guidance, SNAPSHOT, rule=StopRule.PROPORTIONAL, weights=longest)
        share = "rtt_52_week_share_2025_26"
        before = {o.goal.target.id: o.projected for o in uniform.outcomes}[share]
        after = {o.goal.target.id: o.projected for o in steered.outcomes}[share]
        assert before is not None
        assert after is not None
        assert after < before

    def test_later_baseline_capacity_changes_after_it(self) -> None:
        """2026/27: March 2026 + 7 points by March 2027; the stops change from April 2026."""
        result = forecast(load_guidance("2026-29"), SNAPSHOT)
        trust = next(o for o in result.outcomes if o.goal.target.id == "rtt_18_weeks_trust_2026_27")
        assert trust.stops_needed is not None
        months = len(result.projection.months)
        march_2026 = result.projection.index(Month(2026, 3))
        march_2027 = result.projection.index(Month(2027, 3))

        def share_gain(extra: float) -> tuple[float, float]:
            stops = np.full(months, result.stops)
            stops[march_2026 + 1 :] = extra
            p = project(
                SNAPSHOT.bands,
                start=SNAPSHOT.month,
                months=months,
                starts=result.starts,
                stops=stops,
            )
            base = float(p.share_18[0, march_2026])
            return float(p.share_18[0, march_2027]), max(base + 0.07, 0.65)

        got, required = share_gain(trust.stops_needed)
        assert got >= required
        got, required = share_gain(trust.stops_needed - 15)
        assert got < required
