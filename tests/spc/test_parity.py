"""NHSRplotthedots 0.2.2 parity on its edge cases, and the documented choices where MDC differs.

See docs/guide/spc.md ("Edge cases: R, MDC and nhsplan") for each choice.
"""

from __future__ import annotations

import math
from datetime import date

import pytest

from nhsplan import Month
from nhsplan.errors import InvalidValueError
from nhsplan.model.enums import Assurance, VariationIcon
from nhsplan.spc import SpcOptions, Variation, xmr

BASE = [5.0, 6.0] * 8


def _codes(warnings: tuple[object, ...]) -> list[str]:
    return [getattr(w, "code", "") for w in warnings]


class TestConstantSegment:
    def test_screened_has_no_limits_and_inconsistent_assurance(self) -> None:
        r = xmr([3.0] * 20, target=5.0)
        assert math.isnan(r.segments[0].upl)
        assert r.assurance is Assurance.HIT_AND_MISS
        assert r.variation_icon is VariationIcon.COMMON_CAUSE

    def test_screening_off_keeps_zero_width_limits(self) -> None:
        r = xmr([3.0] * 20, target=5.0, options=SpcOptions(screen_outliers=False))
        assert r.segments[0].upl == 3.0
        assert r.assurance is Assurance.CONSISTENTLY_FAIL


class TestMissingValues:
    def test_nan_and_none_are_gaps(self) -> None:
        values = [*BASE[:5], math.nan, *BASE[5:]]
        r = xmr([*BASE[:5], None, *BASE[5:]])  # type: ignore[list-item]
        seg = r.segments[0]
        whole = xmr(BASE).segments[0]
        assert seg.mean == whole.mean  # the gap leaves the mean alone
        assert seg.moving_ranges_excluded == 0
        assert math.isnan(r.values[5])
        assert r.points[5].special_cause is None
        assert r.points[5].moving_range is None
        assert r.points[6].moving_range is None
        assert "missing_values" in _codes(r.warnings)
        assert xmr(values) == r

    def test_a_gap_breaks_a_run(self) -> None:
        prefix = [3.0, 0.0] * 5
        run = [*prefix, 3.0, 2.5, 3.0, 2.5, 3.0, 2.5, 3.0]
        assert any(xmr(run).run)
        gapped = [*prefix, 3.0, 2.5, 3.0, math.nan, 3.0, 2.5, 3.0]
        assert not any(xmr(gapped).run)

    def test_latest_gap_reads_the_latest_value(self) -> None:
        values = [1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 20.0, math.nan]
        assert xmr(values).variation_icon is VariationIcon.IMPROVEMENT_HIGH

    def test_all_missing_is_an_error(self) -> None:
        with pytest.raises(InvalidValueError, match="none present"):
            xmr([math.nan, math.nan])


class TestOnePointSegments:
    def test_rebase_at_the_last_point(self) -> None:
        r = xmr(BASE, options=SpcOptions(rebase_at=(len(BASE) - 1,)))
        last = r.segments[-1]
        assert last.n_points == 1
        assert math.isnan(last.lpl)
        assert "no_limits" in _codes(r.warnings)
        assert r.points[-1].variation is Variation.COMMON_CAUSE

    def test_a_single_value(self) -> None:
        r = xmr([4.0], target=5.0)
        assert r.segments[0].mean == 4.0
        assert r.assurance is Assurance.HIT_AND_MISS


class TestRebase:
    @pytest.mark.parametrize("entry", [99, -1])
    def test_position_outside_the_data_is_reported(self, entry: int) -> None:
        r = xmr(BASE, options=SpcOptions(rebase_at=(entry,)))
        assert len(r.segments) == 1
        assert "rebase_outside_data" in _codes(r.warnings)

    def test_date_outside_the_data_is_reported(self) -> None:
        months = [Month(2021, 4)]
        while len(months) < len(BASE):
            months.append(months[-1].next())
        r = xmr(BASE, labels=months, options=SpcOptions(rebase_at=(date(2030, 1, 1),)))
        assert len(r.segments) == 1
        assert "rebase_outside_data" in _codes(r.warnings)

    def test_a_date_inside_a_month_rebases_there(self) -> None:
        months = [Month(2021, 4)]
        while len(months) < len(BASE):
            months.append(months[-1].next())
        r = xmr(BASE, labels=months, options=SpcOptions(rebase_at=(date(2021, 10, 15),)))
        assert r.segments[1].start == 6


class TestFixAfter:
    @pytest.mark.parametrize("n", [2, 11])
    def test_fewer_than_12_is_refused(self, n: int) -> None:
        with pytest.raises(InvalidValueError, match="at least 12"):
            SpcOptions(fix_after_n_points=n)


class TestTimeOrder:
    def test_months_are_sorted(self) -> None:
        months = [Month(2021, m) for m in (6, 4, 5)]
        r = xmr([3.0, 1.0, 2.0], labels=months)
        assert r.labels == (Month(2021, 4), Month(2021, 5), Month(2021, 6))
        assert r.values == (1.0, 2.0, 3.0)

    def test_dates_are_sorted(self) -> None:
        r = xmr([3.0, 1.0], labels=[date(2021, 2, 1), date(2021, 1, 1)])
        assert r.values == (1.0, 3.0)

    def test_opaque_labels_keep_their_order(self) -> None:
        r = xmr([3.0, 1.0], labels=["b", "a"])
        assert r.labels == ("b", "a")

    def test_repeated_month_is_an_error(self) -> None:
        with pytest.raises(InvalidValueError, match="more than once"):
            xmr([1.0, 2.0], labels=[Month(2021, 4), Month(2021, 4)])

    def test_missing_months_are_reported(self) -> None:
        months = [Month(2021, 4), Month(2021, 5), Month(2021, 8)]
        r = xmr([1.0, 2.0, 3.0], labels=months)
        (gap,) = [w for w in r.warnings if w.code == "missing_periods"]
        assert "2 period(s)" in gap.message
        assert str(Month(2021, 6)) in gap.message


class TestIconNames:
    def test_neutral_icons_use_mdc_and_r_names(self) -> None:
        assert VariationIcon.NEITHER_HIGH.value == "neutral_high"
        assert VariationIcon.NEITHER_LOW.value == "neutral_low"
        assert VariationIcon("neutral_high") is VariationIcon.NEUTRAL_HIGH
