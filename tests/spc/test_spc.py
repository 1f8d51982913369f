"""Tests for nhsplan.spc: XmR limits, special-cause rules, variation, assurance, batch, plot."""

from __future__ import annotations

import itertools
import json
import math
import re
import subprocess
import sys
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsplan.errors import InvalidValueError
from nhsplan.model.enums import Polarity
from nhsplan.spc import (
    Assurance,
    SpcOptions,
    SpcResult,
    SpecialCause,
    TwoInThree,
    Variation,
    VariationIcon,
    plot_spc,
    xmr,
    xmr_many,
)
from tests import paths

REFERENCE = paths.SHARED / "data" / "spc_reference.json"

# --- reference values from NHSRplotthedots 0.2.2 (copied from shared/data/spc_reference.json) --

RNORM20_SEED123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
    -1.26506123, -0.68685285, -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272,
    -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.7013559, -0.47279141,
]  # fmt: skip
DEVIATIONS: list[float] = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
OPPOSITE_SIDES: list[float] = [1, -1] * 7 + [5.5, -5.5]

REFERENCE_CASES: list[dict[str, Any]] = [
    {
        "name": "r1 default (tests/testthat/_snaps/ptd_spc_standard.md)",
        "y": RNORM20_SEED123,
        "screen_outliers": True,
        "mean": 0.1416238,
        "lpl": -3.01138,
        "upl": 3.294627,
        "all_common_cause": True,
    },
    {
        "name": "vignettes/deviations.Rmd screened",
        "y": DEVIATIONS,
        "screen_outliers": True,
        "mean": 1.94,
        "lpl": -0.72,
        "upl": 4.6,
        "point_types": "index4 special_cause_improvement, rest common_cause",
    },
    {
        "name": "vignettes/deviations.Rmd unscreened (= MDC Excel)",
        "y": DEVIATIONS,
        "screen_outliers": False,
        "mean": 1.94,
        "lpl": -3.06,
        "upl": 6.95,
    },
    {
        "name": "2-in-3 opposite sides (test-ptd_spc_standard.R)",
        "y": OPPOSITE_SIDES,
        "expected_last_two_point_type": ["common_cause", "common_cause"],
    },
]


def _half_unit(expected: float) -> float:
    """Half a unit in the last decimal place the reference gives (0.72 -> 0.005)."""
    exponent = Decimal(repr(expected)).as_tuple().exponent
    assert isinstance(exponent, int)
    return 0.5 * 10.0**exponent + 1e-12


def _check_reference_case(case: dict[str, Any], series: dict[str, list[float]]) -> None:
    y = case["y"] if isinstance(case["y"], list) else series[case["y"]]
    result = xmr(y, options=SpcOptions(screen_outliers=case.get("screen_outliers", True)))
    segment = result.segments[0]
    for key, actual in (("mean", segment.mean), ("lpl", segment.lpl), ("upl", segment.upl)):
        if key in case:
            assert abs(actual - case[key]) <= _half_unit(case[key]), (key, actual, case[key])
    types = [v.value for v in result.variations]
    if case.get("all_common_cause"):
        assert set(types) == {"common_cause"}
    if "point_types" in case:
        rest = re.search(r"rest (\w+)", case["point_types"])
        assert rest is not None
        expected = [rest.group(1)] * len(y)
        for index, kind in re.findall(r"index(\d+) (\w+)", case["point_types"]):
            expected[int(index)] = kind
        assert types == expected
    if "expected_last_two_point_type" in case:
        assert types[-2:] == case["expected_last_two_point_type"]


class TestReference:
    @pytest.mark.parametrize("case", REFERENCE_CASES, ids=lambda c: c["name"])
    def test_copied_case(self, case: dict[str, Any]) -> None:
        _check_reference_case(case, {})

    def test_shared_reference_file(self) -> None:
        if not REFERENCE.exists():
            pytest.skip(f"{REFERENCE} is not available")
        data = json.loads(REFERENCE.read_text(encoding="utf-8"))
        constants = data["constants"]
        assert constants["limit"] == 2.66
        assert constants["limit_close"] == 2 * (2.66 / 3)
        assert constants["outlier_screen"] == 3.267
        assert SpcOptions().run_length == constants["run_points"]
        assert SpcOptions().trend_length == constants["trend_points"]
        assert SpcOptions().short_segment_points == constants["short_group_warning_n_lt"]
        assert data["cases"], "no cases in the reference file"
        for case in data["cases"]:
            _check_reference_case(case, data["series"])

    def test_r1_full_precision(self) -> None:
        r = xmr(RNORM20_SEED123)
        assert r.segments[0].mean == pytest.approx(0.1416238, abs=5e-8)
        assert r.segments[0].moving_ranges_excluded == 0


# --- limits ---------------------------------------------------------------------------------


class TestLimits:
    def test_screening_drops_large_moving_ranges(self) -> None:
        screened = xmr(DEVIATIONS).segments[0]
        assert screened.moving_ranges_excluded == 2  # |10 - 2| and |1 - 10|
        assert screened.mean_moving_range == 1.0
        unscreened = xmr(DEVIATIONS, options=SpcOptions(screen_outliers=False)).segments[0]
        assert unscreened.moving_ranges_excluded == 0
        assert unscreened.mean_moving_range == pytest.approx(32 / 17)

    def test_screening_threshold_is_inclusive(self) -> None:
        # moving ranges 0, 0, 0, 3: mean 0.75; 3 < 3.267 * 0.75 = 2.45 is false -> screened
        r = xmr([1, 1, 1, 1, 4])
        assert r.segments[0].moving_ranges_excluded == 1
        assert r.segments[0].mean_moving_range == 0.0

    def test_constant_series_has_no_limits_when_screened(self) -> None:
        # As R: every moving range fails `mr < 3.267 * 0`, none is left, the limits are NA.
        r = xmr([0.1] * 15, target=0.5)
        seg = r.segments[0]
        assert seg.mean == 0.1
        assert math.isnan(seg.lpl)
        assert math.isnan(seg.upl)
        assert seg.moving_ranges_excluded == 14
        assert r.special_causes == ()
        assert r.assurance is Assurance.HIT_AND_MISS  # R: "inconsistent"
        assert [w.code for w in r.warnings] == ["no_limits"]

    def test_constant_series_has_zero_width_limits_unscreened(self) -> None:
        r = xmr([0.1] * 15, target=0.5, options=SpcOptions.mdc_excel())
        seg = r.segments[0]
        assert seg.mean == seg.lpl == seg.upl == 0.1
        assert r.special_causes == ()
        assert r.assurance is Assurance.CONSISTENTLY_FAIL

    def test_two_sigma_lines(self) -> None:
        seg = xmr(DEVIATIONS).segments[0]
        assert seg.upper_two_sigma == seg.mean + 2 * (2.66 / 3) * seg.mean_moving_range
        assert seg.lower_two_sigma == seg.mean - 2 * (2.66 / 3) * seg.mean_moving_range

    def test_fix_after_n_points(self) -> None:
        values = [5.0, 6.0] * 8 + [9.0, 10.0, 9.5, 10.5, 9.0, 10.0]
        fixed = xmr(values, options=SpcOptions(fix_after_n_points=12))
        basis = xmr(values[:12])
        seg = fixed.segments[0]
        assert seg.n_basis == 12
        assert seg.n_points == len(values)
        assert (seg.mean, seg.lpl, seg.upl) == (
            basis.segments[0].mean,
            basis.segments[0].lpl,
            basis.segments[0].upl,
        )
        # the later points are judged against the fixed limits: a run and points outside
        assert all(p.special_cause is not None for p in fixed.points[16:])
        assert fixed.points[16].special_cause is SpecialCause.OUTSIDE_LIMITS

    def test_fix_after_more_points_than_the_segment_has(self) -> None:
        values = [5.0, 6.0, 5.5, 6.5, 5.0]
        assert xmr(values, options=SpcOptions(fix_after_n_points=12)).segments == (
            xmr(values).segments
        )

    def test_rebase_by_position(self) -> None:
        values = [5.0, 6.0] * 7 + [9.0, 10.0] * 7
        r = xmr(values, options=SpcOptions(rebase_at=(14,)))
        assert [(s.start, s.stop) for s in r.segments] == [(0, 14), (14, 28)]
        for seg in r.segments:
            alone = xmr(values[seg.start : seg.stop]).segments[0]
            assert (seg.mean, seg.mean_moving_range, seg.lpl, seg.upl) == (
                alone.mean,
                alone.mean_moving_range,
                alone.lpl,
                alone.upl,
            )
        assert [p.segment for p in r.points] == [0] * 14 + [1] * 14
        assert r.points[14].moving_range is None  # no moving range across a rebase
        assert r.special_causes == ()
        assert r.warnings == ()

    def test_rebase_by_label(self) -> None:
        labels = [f"2021-{m:02d}" for m in range(1, 13)] + [f"2022-{m:02d}" for m in range(1, 13)]
        values = [5.0, 6.0] * 6 + [9.0, 10.0] * 6
        by_label = xmr(values, labels=labels, options=SpcOptions(rebase_at=("2022-01",)))
        by_index = xmr(values, options=SpcOptions(rebase_at=(12,)))
        assert by_label.segments == by_index.segments
        assert by_label.labels == tuple(labels)
        assert by_label.points[12].label == "2022-01"

    def test_rebase_at_zero_changes_nothing(self) -> None:
        assert xmr(DEVIATIONS, options=SpcOptions(rebase_at=(0,))).segments == (
            xmr(DEVIATIONS).segments
        )

    def test_runs_do_not_cross_a_rebase(self) -> None:
        values = [1.0, 3.0] * 6 + [2.5, 3.5, 2.6, 3.4] + [2.7, 3.2, 2.8] + [1.0, 3.0] * 6
        whole = xmr(values)
        assert any(p.run for p in whole.points)
        split = xmr(values, options=SpcOptions(rebase_at=(14,)))
        assert not any(p.run for p in split.points)


class TestWarnings:
    @pytest.mark.parametrize(("n", "warned"), [(2, True), (12, True), (13, False), (30, False)])
    def test_short_segment(self, n: int, warned: bool) -> None:
        values = [5.0, 6.0] * 15
        r = xmr(values[:n])
        assert (len(r.warnings) == 1) is warned
        if warned:
            assert r.warnings[0].code == "short_segment"
            assert r.warnings[0].segment == 0
            assert f"has {n} points, fewer than 13" in str(r.warnings[0])

    def test_short_segment_after_rebase(self) -> None:
        r = xmr([5.0, 6.0] * 12, options=SpcOptions(rebase_at=(19,)))
        assert [w.segment for w in r.warnings] == [1]

    def test_threshold_is_an_option(self) -> None:
        r = xmr([5.0, 6.0] * 6, options=SpcOptions(short_segment_points=12))
        assert r.warnings == ()


# --- special-cause rules ---------------------------------------------------------------------

# ten points alternating about 2 ending below it, then a 7-point stretch above 2; mean exactly 2
PREFIX = [3.0, 0.0] * 5
RUN_ON_MEAN = [*PREFIX, 3.0, 2.5, 3.0, 2.0, 3.0, 2.5, 3.0]
RUN_OF_7 = [*PREFIX, 3.0, 2.5, 3.0, 2.5, 3.0, 2.5, 3.0]
RUN_OF_6 = [*PREFIX, 3.0, 2.5, 3.0, 2.5, 3.0, 2.5, 0.0]
TREND_OF_7 = [4.0, 3.0, 5.0, 3.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 3.0, 5.0, 3.0, 4.0]
TREND_OF_6 = [4.0, 3.0, 5.0, 3.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 5.5, 3.0, 5.0, 3.0, 4.0]
TREND_WITH_TIE = [4.0, 3.0, 5.0, 3.0, 1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0, 3.0, 5.0, 3.0, 4.0]
BASE = [5.0, 6.0] * 8


def _flagged(result: SpcResult[int]) -> dict[int, SpecialCause]:
    return {p.index: p.special_cause for p in result.points if p.special_cause is not None}


class TestRun:
    def test_exactly_seven_points_flag_all_seven(self) -> None:
        r = xmr(RUN_OF_7)
        assert _flagged(r) == dict.fromkeys(range(10, 17), SpecialCause.RUN)
        assert {r.points[i].variation for i in range(10, 17)} == {Variation.IMPROVEMENT}

    def test_six_points_are_not_a_run(self) -> None:
        assert _flagged(xmr(RUN_OF_6)) == {}

    def test_a_point_exactly_on_the_mean_breaks_a_run(self) -> None:
        r = xmr(RUN_ON_MEAN)
        assert r.segments[0].mean == 2.0
        assert r.points[13].value == r.segments[0].mean
        assert _flagged(r) == {}

    def test_run_length_option(self) -> None:
        r = xmr(RUN_OF_6, options=SpcOptions(run_length=6))
        assert _flagged(r) == dict.fromkeys(range(10, 16), SpecialCause.RUN)
        assert _flagged(xmr(RUN_OF_7, options=SpcOptions(run_length=None))) == {}

    def test_run_below_the_mean_lower_is_better(self) -> None:
        values = [-v for v in RUN_OF_7]
        r = xmr(values, polarity=Polarity.LOWER_IS_BETTER)
        assert {r.points[i].variation for i in range(10, 17)} == {Variation.IMPROVEMENT}
        r = xmr(values, polarity=Polarity.NEUTRAL)
        assert {r.points[i].variation for i in range(10, 17)} == {Variation.NEITHER_LOW}


class TestTrend:
    def test_exactly_seven_rising_points(self) -> None:
        r = xmr(TREND_OF_7)
        assert _flagged(r) == dict.fromkeys(range(4, 11), SpecialCause.TREND)
        assert {r.points[i].variation for i in range(4, 11)} == {Variation.IMPROVEMENT}
        # the first point of the rising trend is below the mean: the trend decides its colour
        assert r.points[4].value < r.segments[0].mean

    def test_falling_trend_is_concern_when_higher_is_better(self) -> None:
        values = [*TREND_OF_7[:4], *reversed(TREND_OF_7[4:11]), *TREND_OF_7[11:]]
        r = xmr(values)
        assert _flagged(r) == dict.fromkeys(range(4, 11), SpecialCause.TREND)
        assert {r.points[i].variation for i in range(4, 11)} == {Variation.CONCERN}

    def test_six_rising_points_are_not_a_trend(self) -> None:
        assert _flagged(xmr(TREND_OF_6)) == {}

    def test_a_tie_breaks_a_trend(self) -> None:
        assert _flagged(xmr(TREND_WITH_TIE)) == {}
        assert _flagged(xmr(TREND_WITH_TIE, options=SpcOptions(trend_length=5))) == dict.fromkeys(
            range(7, 12), SpecialCause.TREND
        )

    def test_peak_shared_by_two_trends_takes_the_later_direction(self) -> None:
        # R's ptd_special_cause_type: a point in two trends takes the step to the next point
        up_down = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0]
        only_trends = SpcOptions(run_length=None, outside_limits=False, two_in_three=TwoInThree.OFF)
        r = xmr(up_down, options=only_trends)
        assert all(p.special_cause is SpecialCause.TREND for p in r.points)
        assert [p.variation for p in r.points] == [Variation.IMPROVEMENT] * 6 + [
            Variation.CONCERN
        ] * 7

    def test_tie_between_two_trends_matches_r(self) -> None:
        # R quirk, kept: the last point of a rising trend, followed by a tie that starts a new
        # rising trend, takes the (zero) step to the next point and is coloured "decreasing".
        values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0]
        only_trends = SpcOptions(run_length=None, outside_limits=False, two_in_three=TwoInThree.OFF)
        r = xmr(values, options=only_trends)
        assert all(p.special_cause is SpecialCause.TREND for p in r.points)
        assert [i for i, v in enumerate(r.variations) if v is Variation.CONCERN] == [6]

    def test_trend_takes_precedence_over_run(self) -> None:
        values = [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 5.0, 5.1, 5.2, 5.3, 5.4, 5.5, 5.6, 1.0]
        r = xmr(values, options=SpcOptions(outside_limits=False))
        assert all(r.points[i].run and r.points[i].trend for i in range(7, 14))
        assert {r.points[i].special_cause for i in range(7, 14)} == {SpecialCause.TREND}


class TestTwoInThree:
    def test_two_close_points_same_side(self) -> None:
        for reading in (TwoInThree.PLOTTHEDOTS, TwoInThree.MDC_2023):
            r = xmr([*BASE, 6.0, 7.6, 7.7, 6.0], options=SpcOptions(two_in_three=reading))
            assert _flagged(r) == dict.fromkeys((17, 18), SpecialCause.TWO_IN_THREE)

    def test_point_beyond_the_limit_counts_only_in_the_2023_reading(self) -> None:
        values = [*BASE, 6.0, 8.2, 9.5, 6.0]
        ptd = xmr(values)
        assert _flagged(ptd) == {18: SpecialCause.OUTSIDE_LIMITS}
        assert not ptd.points[17].two_in_three
        mdc = xmr(values, options=SpcOptions(two_in_three=TwoInThree.MDC_2023))
        assert _flagged(mdc) == {
            17: SpecialCause.TWO_IN_THREE,
            18: SpecialCause.OUTSIDE_LIMITS,  # precedence: limits before two-in-three
        }
        assert mdc.points[18].two_in_three
        off = xmr(
            values, options=SpcOptions(two_in_three=TwoInThree.MDC_2023, outside_limits=False)
        )
        assert _flagged(off) == dict.fromkeys((17, 18), SpecialCause.TWO_IN_THREE)

    def test_the_third_point_must_be_on_the_same_side(self) -> None:
        assert _flagged(xmr([*BASE, 6.0, 8.1, 5.2, 8.1, 5.0])) == {}
        flagged = xmr([*BASE, 6.0, 8.1, 6.0, 8.1, 5.0])
        # only the two points beyond two sigma are flagged, not the third
        assert _flagged(flagged) == dict.fromkeys((17, 19), SpecialCause.TWO_IN_THREE)

    def test_opposite_sides_are_common_cause(self) -> None:
        r = xmr(OPPOSITE_SIDES)
        assert [p.variation for p in r.points[-2:]] == [Variation.COMMON_CAUSE] * 2

    def test_off(self) -> None:
        r = xmr([*BASE, 6.0, 7.6, 7.7, 6.0], options=SpcOptions(two_in_three=TwoInThree.OFF))
        assert _flagged(r) == {}


class TestOutsideLimits:
    def test_point_above_and_below(self) -> None:
        r = xmr([*BASE, 12.0, 5.0, -1.0, 6.0])
        assert _flagged(r) == dict.fromkeys((16, 18), SpecialCause.OUTSIDE_LIMITS)
        assert r.points[16].variation is Variation.IMPROVEMENT
        assert r.points[18].variation is Variation.CONCERN

    def test_switched_off(self) -> None:
        r = xmr(DEVIATIONS, options=SpcOptions(outside_limits=False))
        assert _flagged(r) == {}
        assert not r.points[4].outside_limits


# --- variation and assurance ----------------------------------------------------------------


class TestVariationIcon:
    @pytest.mark.parametrize(
        ("values", "polarity", "icon"),
        [
            (DEVIATIONS, Polarity.HIGHER_IS_BETTER, VariationIcon.COMMON_CAUSE),
            (RUN_OF_7, Polarity.HIGHER_IS_BETTER, VariationIcon.IMPROVEMENT_HIGH),
            (RUN_OF_7, Polarity.LOWER_IS_BETTER, VariationIcon.CONCERN_HIGH),
            (RUN_OF_7, Polarity.NEUTRAL, VariationIcon.NEITHER_HIGH),
            ([-v for v in RUN_OF_7], Polarity.HIGHER_IS_BETTER, VariationIcon.CONCERN_LOW),
            ([-v for v in RUN_OF_7], Polarity.LOWER_IS_BETTER, VariationIcon.IMPROVEMENT_LOW),
            ([-v for v in RUN_OF_7], Polarity.NEUTRAL, VariationIcon.NEITHER_LOW),
        ],
    )
    def test_from_latest_point(
        self, values: list[float], polarity: Polarity, icon: VariationIcon
    ) -> None:
        r = xmr(values, polarity=polarity)
        assert r.variation_icon is icon
        assert r.variation is r.latest.variation


class TestAssurance:
    # DEVIATIONS screened: lpl = -0.7156, upl = 4.6044
    @pytest.mark.parametrize(
        ("target", "polarity", "expected"),
        [
            (5.0, Polarity.HIGHER_IS_BETTER, Assurance.CONSISTENTLY_FAIL),
            (-1.0, Polarity.HIGHER_IS_BETTER, Assurance.CONSISTENTLY_PASS),
            (2.0, Polarity.HIGHER_IS_BETTER, Assurance.HIT_AND_MISS),
            (5.0, Polarity.LOWER_IS_BETTER, Assurance.CONSISTENTLY_PASS),
            (-1.0, Polarity.LOWER_IS_BETTER, Assurance.CONSISTENTLY_FAIL),
            (2.0, Polarity.LOWER_IS_BETTER, Assurance.HIT_AND_MISS),
            (5.0, Polarity.NEUTRAL, None),
            (None, Polarity.HIGHER_IS_BETTER, None),
        ],
    )
    def test_table(
        self, target: float | None, polarity: Polarity, expected: Assurance | None
    ) -> None:
        assert xmr(DEVIATIONS, polarity=polarity, target=target).assurance is expected

    def test_target_on_a_limit_is_hit_and_miss(self) -> None:
        seg = xmr(DEVIATIONS).segments[0]
        for target in (seg.lpl, seg.upl):
            for polarity in (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER):
                r = xmr(DEVIATIONS, target=target, polarity=polarity)
                assert r.assurance is Assurance.HIT_AND_MISS

    def test_uses_the_latest_segment(self) -> None:
        values = [5.0, 6.0] * 7 + [9.0, 10.0] * 7
        assert xmr(values, target=6.0).assurance is Assurance.HIT_AND_MISS
        rebased = xmr(values, target=6.0, options=SpcOptions(rebase_at=(14,)))
        assert rebased.segments[-1].lpl > 6.0
        assert rebased.assurance is Assurance.CONSISTENTLY_PASS


class TestLabelsAndPoints:
    def test_default_labels_are_positions(self) -> None:
        r = xmr(DEVIATIONS)
        assert r.labels == tuple(range(len(DEVIATIONS)))
        assert [p.label for p in r.points] == list(range(len(DEVIATIONS)))

    def test_points_mirror_columns(self) -> None:
        r = xmr(DEVIATIONS)
        assert len(r.points) == len(r.values) == len(r.variations)
        p = r.points[4]
        assert (p.value, p.moving_range, p.outside_limits) == (10.0, 8.0, True)
        assert r.points[0].moving_range is None
        assert r.special_causes == (p,)
        assert r.points is r.points  # built once

    def test_mdc_excel_options(self) -> None:
        options = SpcOptions.mdc_excel(rebase_at=(5,))
        assert options == SpcOptions(
            screen_outliers=False, two_in_three=TwoInThree.MDC_2023, rebase_at=(5,)
        )


class TestBadInput:
    @pytest.mark.parametrize(
        ("values", "field"),
        [
            ([1.0, math.inf], "values[1]"),
            ([], "values"),
            ([math.nan, None], "values"),
            (["1", "2"], "values[0]"),
            ([True, 2.0], "values[0]"),
            ("12", "values"),
        ],
    )
    def test_values(self, values: Any, field: str) -> None:
        with pytest.raises(InvalidValueError, match="for example") as info:
            xmr(values)
        assert info.value.field == field

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"run_length": 1},
            {"run_length": True},
            {"trend_length": 0},
            {"fix_after_n_points": 1},
            {"fix_after_n_points": 11},
            {"two_in_three": "mdc"},
            {"screen_outliers": "yes"},
            {"rebase_at": "12"},
            {"short_segment_points": -1},
        ],
    )
    def test_options(self, kwargs: dict[str, Any]) -> None:
        with pytest.raises(InvalidValueError, match="for example"):
            SpcOptions(**kwargs)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"options": SpcOptions(rebase_at=("2021-05",))}, "not a position"),
            ({"labels": ["a", "b"]}, "2 labels for 18 values"),
            ({"labels": list("abcdefghijklmnopqa"), "options": SpcOptions(rebase_at=("a",))},
             "more than once"),
            ({"target": math.nan}, "finite"),
            ({"polarity": "higher_is_better"}, "Polarity"),
        ],
    )  # fmt: skip
    def test_call(self, kwargs: dict[str, Any], message: str) -> None:
        with pytest.raises(InvalidValueError, match=message) as info:
            xmr(DEVIATIONS, **kwargs)
        assert "for example" in str(info.value)

    def test_batch_names_the_series(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            xmr_many([[1.0, 2.0, 3.0], [1.0, math.inf]])
        assert info.value.field == "series[1][1]"
        with pytest.raises(InvalidValueError, match="3 targets for 2 series"):
            xmr_many([[1.0, 2.0], [3.0, 4.0]], target=[1.0, 2.0, 3.0])


# --- laws -------------------------------------------------------------------------------------

small_ints = st.lists(st.integers(0, 5).map(float), min_size=2, max_size=40)
any_floats = st.lists(
    st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False), min_size=2, max_size=40
)
dyadic = st.lists(st.integers(-(10**6), 10**6).map(lambda i: i / 64), min_size=2, max_size=40)
series_values = st.one_of(small_ints, any_floats, dyadic)


@st.composite
def series_and_options(draw: st.DrawFn) -> tuple[list[float], SpcOptions]:
    values = draw(series_values)
    n = len(values)
    starts = draw(st.sets(st.integers(2, n - 2), max_size=3)) if n >= 4 else set()
    bounds = sorted({0, *starts, n})
    fits = all(b - a >= 2 for a, b in itertools.pairwise(bounds))
    options = SpcOptions(
        screen_outliers=draw(st.booleans()),
        fix_after_n_points=draw(st.none() | st.integers(12, 20)),
        rebase_at=tuple(sorted(starts)) if fits else (),
        outside_limits=draw(st.booleans()),
        trend_length=draw(st.none() | st.integers(2, 8)),
        two_in_three=draw(st.sampled_from(TwoInThree)),
        run_length=draw(st.none() | st.integers(2, 8)),
    )
    return values, options


class TestLaws:
    @given(series_and_options())
    def test_limits_are_symmetric_about_the_mean(
        self, case: tuple[list[float], SpcOptions]
    ) -> None:
        values, options = case
        for seg in xmr(values, options=options).segments:
            if math.isnan(seg.lpl):
                continue  # no limits: a one-point or screened constant segment
            scale = 1.0 + abs(seg.mean) + abs(seg.lpl) + abs(seg.upl)
            assert math.isclose(seg.upl - seg.mean, seg.mean - seg.lpl, abs_tol=1e-12 * scale)
            assert seg.lpl <= seg.mean <= seg.upl

    @given(st.floats(-1e9, 1e9, allow_nan=False), st.integers(2, 40), series_and_options())
    def test_a_constant_series_has_no_special_causes(
        self, value: float, n: int, case: tuple[list[float], SpcOptions]
    ) -> None:
        options = _without_rebase(case[1])
        r = xmr([value] * n, options=options)
        assert r.special_causes == ()
        assert all(seg.mean == value for seg in r.segments)
        if options.screen_outliers:
            assert all(math.isnan(seg.lpl) and math.isnan(seg.upl) for seg in r.segments)
        else:
            assert all(seg.lpl == seg.upl == value for seg in r.segments)

    @given(series_and_options(), st.integers(-6, 6))
    def test_scaling_by_a_power_of_two_scales_everything_exactly(
        self, case: tuple[list[float], SpcOptions], k: int
    ) -> None:
        values, options = case
        c = 2.0**k
        base = xmr(values, options=options)
        scaled = xmr([c * v for v in values], options=options)
        assert _nan_free([(s.mean, s.lpl, s.upl) for s in scaled.segments]) == _nan_free(
            [(c * s.mean, c * s.lpl, c * s.upl) for s in base.segments]
        )
        assert scaled.causes == base.causes
        assert scaled.variations == base.variations

    @given(series_values, st.floats(1e-3, 1e3))
    def test_scaling_by_c_scales_the_limits(self, values: list[float], c: float) -> None:
        options = SpcOptions(screen_outliers=False)
        base = xmr(values, options=options).segments[0]
        scaled = xmr([c * v for v in values], options=options).segments[0]
        tol = 1e-9 * c * (1.0 + max(abs(v) for v in values))
        assert math.isclose(scaled.lpl, c * base.lpl, abs_tol=tol)
        assert math.isclose(scaled.upl, c * base.upl, abs_tol=tol)

    @given(series_and_options())
    def test_reversing_polarity_swaps_improvement_and_concern(
        self, case: tuple[list[float], SpcOptions]
    ) -> None:
        values, options = case
        higher = xmr(values, options=options, polarity=Polarity.HIGHER_IS_BETTER, target=1.0)
        lower = xmr(values, options=options, polarity=Polarity.LOWER_IS_BETTER, target=1.0)
        swap = {
            Variation.IMPROVEMENT: Variation.CONCERN,
            Variation.CONCERN: Variation.IMPROVEMENT,
            Variation.COMMON_CAUSE: Variation.COMMON_CAUSE,
        }
        assert lower.variations == tuple(swap[v] for v in higher.variations)
        assert lower.causes == higher.causes
        flip = {
            Assurance.CONSISTENTLY_PASS: Assurance.CONSISTENTLY_FAIL,
            Assurance.CONSISTENTLY_FAIL: Assurance.CONSISTENTLY_PASS,
            Assurance.HIT_AND_MISS: Assurance.HIT_AND_MISS,
        }
        assert higher.assurance is not None
        assert lower.assurance is flip[higher.assurance]


def _nan_free(rows: list[tuple[float, ...]]) -> list[tuple[object, ...]]:
    return [tuple("nan" if math.isnan(x) else x for x in row) for row in rows]


def _without_rebase(options: SpcOptions) -> SpcOptions:
    return attrs.evolve(options, rebase_at=())


# --- batch ------------------------------------------------------------------------------------


class TestBatch:
    @settings(deadline=None, max_examples=60)
    @given(
        st.lists(series_values, min_size=1, max_size=8),
        series_and_options(),
        st.sampled_from(Polarity),
        st.none() | st.floats(-10, 10),
    )
    def test_equals_one_by_one(
        self,
        rows: list[list[float]],
        case: tuple[list[float], SpcOptions],
        polarity: Polarity,
        target: float | None,
    ) -> None:
        shortest = min(len(r) for r in rows)
        options = case[1] if shortest >= len(case[0]) else _without_rebase(case[1])
        batch = xmr_many(rows, polarity=polarity, target=target, options=options)
        single = tuple(xmr(r, polarity=polarity, target=target, options=options) for r in rows)
        assert batch == single
        assert [b.points for b in batch] == [s.points for s in single]

    def test_numpy_matrix_and_labels(self) -> None:
        np = pytest.importorskip("numpy")
        matrix = np.random.default_rng(7).normal(size=(50, 24))
        labels = [f"m{i}" for i in range(24)]
        options = SpcOptions(rebase_at=("m12",))
        batch = xmr_many(matrix, labels=labels, options=options)
        assert batch == tuple(xmr(row, labels=labels, options=options) for row in matrix.tolist())

    def test_per_series_polarity_and_target(self) -> None:
        rows = [RUN_OF_7, RUN_OF_7]
        a, b = xmr_many(
            rows, polarity=[Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER], target=[1.0, None]
        )
        assert a == xmr(RUN_OF_7, target=1.0)
        assert b == xmr(RUN_OF_7, polarity=Polarity.LOWER_IS_BETTER)

    def test_without_numpy(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "numpy", None)
        rows = [DEVIATIONS, RUN_OF_7, TREND_OF_7]
        assert xmr_many(rows) == tuple(xmr(r) for r in rows)

    def test_importing_spc_does_not_import_numpy(self) -> None:
        code = "import sys, nhsplan.spc; print('numpy' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "False"


# --- chart ------------------------------------------------------------------------------------


class TestPlot:
    def test_figure(self) -> None:
        pytest.importorskip("matplotlib")
        from matplotlib.figure import Figure  # noqa: PLC0415

        labels = [f"2021-{m:02d}" for m in range(1, 13)] + [f"2022-{m:02d}" for m in range(1, 7)]
        r = xmr(DEVIATIONS, labels=labels, target=5.0)
        fig = plot_spc(r, title="Deviations")
        assert isinstance(fig, Figure)
        (ax,) = fig.axes
        assert ax.get_title(loc="left") == "Deviations"
        assert len(ax.child_axes) == 2  # the variation and assurance icons
        import numpy as np  # noqa: PLC0415
        from matplotlib.colors import to_rgb  # noqa: PLC0415

        common, improvement = ax.collections[:2]  # one scatter per variation, in Variation order
        common_x = np.asarray(common.get_offsets())[:, 0].tolist()
        assert common_x == [i for i in range(18) if i != 4]
        assert np.asarray(improvement.get_offsets())[:, 0].tolist() == [4]  # the special cause
        blue, grey = np.array(to_rgb("#289de0")), np.array(to_rgb("#a6a6a6"))
        assert np.allclose(np.asarray(improvement.get_facecolor())[0, :3], blue)
        assert np.allclose(np.asarray(common.get_facecolor())[0, :3], grey)

    def test_without_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(ImportError, match=re.escape('pip install "nhsplan[plot]"')):
            plot_spc(xmr(DEVIATIONS))
