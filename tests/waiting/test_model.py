"""The waiting list by weeks waited: worked cases, laws (Hypothesis) and bad input."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nhsplan.calendar import Month
from nhsplan.errors import InvalidValueError, MissingDependencyError
from nhsplan.waiting.model import (
    BANDS,
    StopRule,
    age,
    calibrate_weights,
    month_weeks,
    project,
)

NOV_2024 = Month(2024, 11)
counts = arrays(
    np.float64,
    BANDS,
    # pathways: none, or at least a thousandth of one (not 1e-308, whose ratios overflow)
    elements=st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=500)),
)
flows = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=5000))
rules = st.sampled_from(StopRule)


def uniform(weeks: int, per_week: float) -> np.ndarray[Any, np.dtype[np.float64]]:
    bands = np.zeros(BANDS)
    bands[:weeks] = per_week
    return bands


class TestMonthWeeks:
    def test_weeks_add_up(self) -> None:
        weeks = month_weeks(NOV_2024, 12)
        assert set(weeks) <= {4, 5}
        assert sum(weeks) == round((Month(2025, 11).end - NOV_2024.end).days / 7)

    def test_first_months(self) -> None:
        assert month_weeks(NOV_2024, 4) == (4, 5, 4, 4)  # Dec, Jan, Feb, Mar


class TestStep:
    def test_age_moves_every_band_a_week(self) -> None:
        bands = np.arange(BANDS, dtype=np.float64)[np.newaxis, :]
        aged = age(bands, np.array([7.0]))
        assert aged[0, 0] == 7
        assert aged[0, 1] == 0
        assert aged[0, 50] == 49
        assert aged[0, BANDS - 1] == 103 + 104  # band 103 joins "over 104 weeks"

    def test_longest_first_takes_the_longest(self) -> None:
        snapshot = uniform(60, 10.0)  # 10 in each of weeks 0-59: 80 over 52 weeks
        p = project(snapshot, start=NOV_2024, months=1, starts=0, stops=120)
        # December: 4 weeks of ageing (10 a week now over 52: weeks 52-63 = 120 pathways),
        # and 120 stops take exactly those
        assert p.over[52][0, 0] == pytest.approx(0)
        assert p.total[0, 0] == pytest.approx(600 - 120)

    def test_proportional_takes_evenly(self) -> None:
        snapshot = uniform(60, 10.0)
        p = project(
            snapshot, start=NOV_2024, months=1, starts=0, stops=120, rule=StopRule.PROPORTIONAL
        )
        assert p.total[0, 0] == pytest.approx(480)
        assert p.final[0, 63] == pytest.approx(p.final[0, 40])  # same share taken from each
        assert p.over[52][0, 0] > 0

    def test_stops_beyond_the_list_empty_it(self) -> None:
        for rule in StopRule:
            p = project(uniform(10, 5.0), start=NOV_2024, months=2, starts=10, stops=1e6, rule=rule)
            np.testing.assert_allclose(p.total, 0, atol=1e-9)
            np.testing.assert_allclose(p.share_18, 1.0)

    def test_weights_steer_proportional_stops(self) -> None:
        weights = np.zeros(BANDS)
        weights[30:] = 1.0  # only waits over 30 weeks are treated
        p = project(
            uniform(40, 10.0),
            start=NOV_2024,
            months=1,
            starts=0,
            stops=50,
            rule=StopRule.PROPORTIONAL,
            weights=weights,
        )
        assert p.final[0, :30].sum() == pytest.approx(260)  # weeks 4-29, untouched
        assert p.final[0].sum() == pytest.approx(350)

    def test_lists_project_independently(self) -> None:
        """A stack of lists projects as each list alone (the vectorised path is the loop)."""
        rng = np.random.default_rng(20)
        snapshots = rng.integers(0, 200, (6, BANDS)).astype(np.float64)
        starts = rng.uniform(100, 900, (6, 5))
        stops = rng.uniform(100, 900, (6, 5))
        weights = rng.uniform(0, 2, BANDS)
        for rule in StopRule:
            stacked = project(
                snapshots,
                start=NOV_2024,
                months=5,
                starts=starts,
                stops=stops,
                rule=rule,
                weights=weights,
            )
            for i in range(6):
                alone = project(
                    snapshots[i],
                    start=NOV_2024,
                    months=5,
                    starts=starts[i],
                    stops=stops[i],
                    rule=rule,
                    weights=weights,
                )
                np.testing.assert_allclose(stacked.total[i], alone.total[0])
                np.testing.assert_allclose(stacked.over[52][i], alone.over[52][0])
                np.testing.assert_allclose(stacked.final[i], alone.final[0], atol=1e-9)

    def test_months_and_index(self) -> None:
        p = project(uniform(5, 1.0), start=NOV_2024, months=4, starts=1, stops=1)
        assert p.months == (Month(2024, 12), Month(2025, 1), Month(2025, 2), Month(2025, 3))
        assert p.index(Month(2025, 3)) == 3
        with pytest.raises(InvalidValueError, match="not projected"):
            p.index(Month(2026, 3))


class TestLaws:
    @settings(max_examples=60, deadline=None)
    @given(counts, flows, flows, flows, rules)
    def test_more_capacity_never_lengthens_waits(
        self, snapshot: Any, starts: float, low: float, extra: float, rule: StopRule
    ) -> None:
        p = project(
            np.stack([snapshot, snapshot]),
            start=NOV_2024,
            months=6,
            starts=starts,
            stops=np.array([low, low + extra]),
            rule=rule,
        )
        tol = 1e-6 * (1 + snapshot.sum() + 6 * starts)
        assert (p.total[1] <= p.total[0] + tol).all()
        for weeks in (52, 65, 78, 104):
            assert (p.over[weeks][1] <= p.over[weeks][0] + tol).all()
        assert (p.final[1] <= p.final[0] + tol).all()  # every band, not only the totals
        if rule is StopRule.LONGEST_FIRST:
            assert (p.share_18[1] >= p.share_18[0] - 1e-9).all()

    @settings(max_examples=60, deadline=None)
    @given(
        st.integers(min_value=1, max_value=100),
        st.floats(min_value=1, max_value=500),
        st.integers(min_value=1, max_value=36),
    )
    def test_littles_law_in_steady_state(self, weeks: int, per_week: float, months: int) -> None:
        """A list served in order of waiting at its arrival rate stays put: every pathway
        waits *weeks* weeks, and L = lambda W (list = weekly starts x wait)."""
        monthly = per_week * np.array(month_weeks(NOV_2024, months), dtype=np.float64)
        p = project(
            uniform(weeks, per_week), start=NOV_2024, months=months, starts=monthly, stops=monthly
        )
        np.testing.assert_allclose(p.total[0], per_week * weeks, rtol=1e-9)
        np.testing.assert_allclose(p.final[0], uniform(weeks, per_week), atol=1e-6 * per_week)
        # the mean time waited by those on the list is half the wait (waiting-list pressure)
        mean_age = (p.final[0] * (np.arange(BANDS) + 0.5)).sum() / p.total[0, -1]
        assert mean_age == pytest.approx(weeks / 2, rel=1e-9)

    @settings(max_examples=60, deadline=None)
    @given(counts, flows, st.floats(min_value=1, max_value=1000), rules)
    def test_capacity_below_demand_grows(
        self, snapshot: Any, stops: float, excess: float, rule: StopRule
    ) -> None:
        """Starts above stops: the list grows by the difference every month."""
        p = project(
            snapshot, start=NOV_2024, months=6, starts=stops + excess, stops=stops, rule=rule
        )
        growth = np.diff(np.concatenate([[snapshot.sum()], p.total[0]]))
        assert (growth > 0).all()
        np.testing.assert_allclose(growth, excess, rtol=1e-6, atol=1e-6)

    @settings(max_examples=40, deadline=None)
    @given(counts, flows, flows, rules)
    def test_pathways_are_conserved(
        self, snapshot: Any, starts: float, stops: float, rule: StopRule
    ) -> None:
        """Every stop is taken while the list holds enough (exactly, starts >= stops), and
        never more than the list holds."""
        p = project(snapshot, start=NOV_2024, months=3, starts=starts, stops=stops, rule=rule)
        total = snapshot.sum() + 3 * starts - 3 * stops
        tol = 1e-6 * (1 + snapshot.sum() + 3 * starts)
        assert p.total[0, -1] >= max(total, 0) - tol
        if starts >= stops:
            assert p.total[0, -1] == pytest.approx(total, abs=tol)
        assert (p.final >= -1e-9).all()


class TestCalibration:
    def test_recovers_a_known_profile(self) -> None:
        """A later month made with known removal rates by band gives those rates back."""
        rng = np.random.default_rng(7)
        earlier = rng.uniform(50, 150, BANDS)
        rates = np.linspace(0.05, 0.6, BANDS)
        aged = earlier[np.newaxis, :]
        for _ in range(4):
            aged = age(aged, np.array([100.0]))
        later = aged[0] * (1 - rates)
        np.testing.assert_allclose(
            calibrate_weights(earlier, later, weeks=4, starts=400.0), rates, rtol=1e-9
        )

    def test_empty_bands_take_the_nearest_rate(self) -> None:
        earlier = uniform(10, 20.0)
        later = age(earlier[np.newaxis, :], np.array([0.0]))[0] * 0.5
        weights = calibrate_weights(earlier, later, weeks=1, starts=0.0)
        assert weights[5] == pytest.approx(0.5)
        assert weights[80] == pytest.approx(0.5)  # nothing waits that long: filled from below


BAD: list[tuple[str, dict[str, Any], str]] = [
    ("short snapshot", {"snapshot": [1.0] * 104}, "snapshot"),
    ("negative count", {"snapshot": [-1.0] + [0.0] * 104}, "snapshot"),
    ("NaN count", {"snapshot": [float("nan")] + [0.0] * 104}, "snapshot"),
    ("text snapshot", {"snapshot": "lots"}, "snapshot"),
    ("zero months", {"months": 0}, "months"),
    ("too many months", {"months": 241}, "months"),
    ("negative starts", {"starts": -5}, "starts"),
    ("stops per wrong months", {"stops": [1.0, 2.0, 3.0]}, "stops"),
    ("negative weight", {"rule": StopRule.PROPORTIONAL, "weights": [-1.0] * BANDS}, "weights"),
]


class TestBadInput:
    @pytest.mark.parametrize(("case", "change", "field"), BAD, ids=[b[0] for b in BAD])
    def test_raises(self, case: str, change: dict[str, Any], field: str) -> None:
        arguments: dict[str, Any] = {
            "snapshot": uniform(10, 1.0),
            "start": NOV_2024,
            "months": 2,
            "starts": 1,
            "stops": 1,
        }
        arguments.update(change)
        with pytest.raises(InvalidValueError, match=rf"^{field}:.*for example"):
            project(**arguments)

    def test_calibration_weeks(self) -> None:
        with pytest.raises(InvalidValueError, match=r"^weeks:"):
            calibrate_weights(uniform(3, 1.0), uniform(3, 1.0), weeks=0, starts=0.0)


class TestWithoutNumpy:
    def test_missing_numpy_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy now raises ImportError
        with pytest.raises(MissingDependencyError, match=r"nhsplan\[numpy\]"):
            project([0.0] * BANDS, start=NOV_2024, months=1, starts=0, stops=0)
