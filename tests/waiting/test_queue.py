"""The queue formulas: worked examples, their relations, and bad input."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nhsplan.errors import InvalidValueError, NhsplanError
from nhsplan.waiting.queue import (
    factor_for_percentile,
    mean_wait_for_percentile,
    percentile_for_factor,
    queue_load,
    relief_capacity,
    share_within,
    target_capacity,
    target_queue_size,
    waiting_list_pressure,
)

shares = st.floats(min_value=0.01, max_value=0.999)
positive = st.floats(min_value=0.01, max_value=1e4)


class TestWorkedExamples:
    """NHSRwaitinglist's help examples, and the RTT standards."""

    def test_relief_capacity(self) -> None:
        # The help text: relief capacity is 30 + (1200 - 390) / 26, 61.15 patients a week.
        assert round(relief_capacity(30, 1200, 390, 26), 2) == 61.15

    def test_target_queue_size(self) -> None:
        # The help text: a target queue size of 30 x 52 / 4, 390 patients.
        assert target_queue_size(30, 52 / 4) == 390

    def test_factor_4_is_98_percent(self) -> None:
        # wl_stats: a mean wait of a quarter of the target gives about 98.2 % within it
        assert round(percentile_for_factor(4.0), 3) == 0.982
        assert mean_wait_for_percentile(52, percentile_for_factor(4.0)) == pytest.approx(13)

    def test_rtt_standard(self) -> None:
        # 92 % within 18 weeks needs a mean wait of 18 / ln(12.5) = 7.127 weeks
        assert mean_wait_for_percentile(18, 0.92) == pytest.approx(7.1267, abs=1e-4)
        # the interim 65 % and 70 % asks
        assert mean_wait_for_percentile(18, 0.65) == pytest.approx(17.146, abs=1e-3)
        assert mean_wait_for_percentile(18, 0.70) == pytest.approx(14.951, abs=1e-3)

    def test_mm1_target_capacity(self) -> None:
        # M/M/1: W = 1 / (mu - lambda) exactly, so mu = lambda + 1 / W
        assert target_capacity(30, 13) == pytest.approx(30 + 1 / 13)

    def test_pressure_at_one_is_86_percent(self) -> None:
        # pressure 1: mean wait half the target; exponential waits: 1 - e^-2 within target
        mean = 9.0
        assert waiting_list_pressure(mean, 18) == 1
        assert share_within(18, mean) == pytest.approx(1 - math.exp(-2))

    def test_queue_load(self) -> None:
        assert queue_load(30, 27) == pytest.approx(30 / 27)


class TestLaws:
    @given(shares, positive)
    def test_percentile_round_trip(self, p: float, t: float) -> None:
        assert share_within(t, mean_wait_for_percentile(t, p)) == pytest.approx(p, rel=1e-9)
        assert percentile_for_factor(factor_for_percentile(p)) == pytest.approx(p, rel=1e-9)

    @given(shares, shares, positive)
    def test_higher_percentile_needs_shorter_mean_wait(self, p: float, q: float, t: float) -> None:
        lo, hi = sorted((p, q))
        assert mean_wait_for_percentile(t, hi) <= mean_wait_for_percentile(t, lo)

    @given(positive, positive, positive, positive)
    def test_relief_reaches_target(self, demand: float, q: float, target: float, t: float) -> None:
        """With relief capacity for time t the queue is at its target: Q + (lambda - mu) t."""
        mu = relief_capacity(demand, q, target, t)
        assert q + (demand - mu) * t == pytest.approx(target, rel=1e-9, abs=1e-6)

    @given(positive, positive)
    def test_capacity_above_demand(self, demand: float, wait: float) -> None:
        assert target_capacity(demand, wait) > demand
        assert queue_load(demand, target_capacity(demand, wait)) < 1

    def test_arrays_broadcast(self) -> None:
        got = mean_wait_for_percentile(np.array([18.0, 52.0]), np.array([0.92, 0.92]))
        np.testing.assert_allclose(got, np.array([18.0, 52.0]) / math.log(12.5))
        assert isinstance(queue_load(30.0, 27.0), float)


Call = Callable[[], Any]
BAD: list[tuple[str, Call, str]] = [
    ("percentile 1", lambda: mean_wait_for_percentile(18, 1.0), "percentile"),
    ("percentile 0", lambda: factor_for_percentile(0.0), "percentile"),
    ("percentile as percent", lambda: factor_for_percentile(92.0), "percentile"),
    ("target wait 0", lambda: mean_wait_for_percentile(0, 0.92), "target_wait"),
    ("negative demand", lambda: target_queue_size(-1, 13), "demand"),
    ("NaN mean wait", lambda: target_capacity(30, math.nan), "mean_wait"),
    ("zero capacity", lambda: queue_load(30, 0), "capacity"),
    ("zero time", lambda: relief_capacity(30, 1200, 390, 0), "time_to_target"),
    ("negative cv", lambda: target_capacity(30, 13, cv_demand=-1), "cv_demand"),
    ("array with a negative", lambda: queue_load(np.array([1.0, -1.0]), np.array(2.0)), "demand"),
    ("text", lambda: queue_load("30", 2.0), "demand"),  # type: ignore[type-var]
    ("infinite factor", lambda: percentile_for_factor(math.inf), "factor"),
]


class TestBadInput:
    @pytest.mark.parametrize(("case", "call", "field"), BAD, ids=[b[0] for b in BAD])
    def test_raises_naming_the_field(self, case: str, call: Call, field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            call()
        assert isinstance(info.value, NhsplanError)
        assert isinstance(info.value, ValueError)
        assert str(info.value).startswith(f"{field}:")
        assert "for example" in str(info.value)
