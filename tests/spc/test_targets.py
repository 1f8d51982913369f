"""A target per point: each point's target read against its own segment's limits."""

from __future__ import annotations

import pytest

from nhsplan.errors import InvalidValueError
from nhsplan.model.enums import Assurance, Polarity
from nhsplan.spc import SpcOptions, assurance_by_point, varying_assurance, xmr


def test_each_point_against_its_segment() -> None:
    # Segment 1: mean 90.5, mean moving range 1, limits 90.5 +/- 2.66 = 87.84 .. 93.16;
    # segment 2 (from point 10): values 80/81, limits 77.84 .. 83.16.
    values = [90.0, 91.0] * 5 + [80.0, 81.0] * 5
    chart = xmr(values, options=SpcOptions(rebase_at=(10,)))
    targets: list[float | None] = [None] * 20
    targets[0], targets[1], targets[2] = 87.0, 94.0, 91.0
    targets[19] = 87.0  # within segment 1's limits, above segment 2's
    got = assurance_by_point(chart, targets)
    assert got[:4] == (
        Assurance.CONSISTENTLY_PASS,
        Assurance.CONSISTENTLY_FAIL,
        Assurance.HIT_AND_MISS,
        None,
    )
    assert got[19] is Assurance.CONSISTENTLY_FAIL
    assert varying_assurance(chart, targets) is Assurance.CONSISTENTLY_FAIL


def test_lower_is_better_and_neutral() -> None:
    chart = xmr([10.0, 11.0] * 5, polarity=Polarity.LOWER_IS_BETTER)
    assert assurance_by_point(chart, [20.0] * 10)[0] is Assurance.CONSISTENTLY_PASS
    neutral = xmr([10.0, 11.0] * 5, polarity=Polarity.NEUTRAL)
    assert set(assurance_by_point(neutral, [20.0] * 10)) == {None}


def test_one_target_per_point_and_numbers_only() -> None:
    chart = xmr([1.0, 2.0, 3.0])
    with pytest.raises(InvalidValueError, match="2 targets for 3 points"):
        assurance_by_point(chart, [1.0, 2.0])
    with pytest.raises(InvalidValueError, match=r"targets\[1\]"):
        assurance_by_point(chart, [1.0, float("nan"), None])
