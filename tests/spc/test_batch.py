"""Tests for nhsplan.spc.xmr_many's columnar batch: exact per series, lazy, numpy and pandas."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsplan.model.enums import Polarity
from nhsplan.spc import SpcBatch, SpcOptions, TwoInThree, xmr, xmr_many

np = pytest.importorskip("numpy")

# values with gaps: None or NaN is a missing point
with_gaps = st.lists(
    st.one_of(st.integers(0, 6).map(float), st.just(math.nan)), min_size=1, max_size=40
).filter(lambda xs: any(not math.isnan(x) for x in xs))


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[list[float]], SpcOptions, list[Polarity]]:
    n = draw(st.integers(1, 40))
    rows = draw(
        st.lists(
            st.lists(
                st.one_of(
                    st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False),
                    st.integers(0, 4).map(float),
                    st.just(math.nan),
                ),
                min_size=n,
                max_size=n,
            ).filter(lambda xs: any(not math.isnan(x) for x in xs)),
            min_size=1,
            max_size=6,
        )
    )
    starts = draw(st.sets(st.integers(-2, n + 2), max_size=3))
    options = SpcOptions(
        screen_outliers=draw(st.booleans()),
        fix_after_n_points=draw(st.none() | st.integers(12, 20)),
        rebase_at=tuple(sorted(starts)),
        outside_limits=draw(st.booleans()),
        trend_length=draw(st.none() | st.integers(2, 8)),
        two_in_three=draw(st.sampled_from(TwoInThree)),
        run_length=draw(st.none() | st.integers(2, 8)),
    )
    pols = draw(st.lists(st.sampled_from(Polarity), min_size=len(rows), max_size=len(rows)))
    return rows, options, pols


class TestExact:
    @settings(deadline=None, max_examples=80)
    @given(batches(), st.none() | st.floats(-10, 10))
    def test_each_series_equals_xmr(
        self, case: tuple[list[list[float]], SpcOptions, list[Polarity]], target: float | None
    ) -> None:
        rows, options, pols = case
        batch = xmr_many(np.array(rows), polarity=pols, target=target, options=options)
        single = [
            xmr(r, polarity=p, target=target, options=options)
            for r, p in zip(rows, pols, strict=True)
        ]
        assert batch.variation_icons == tuple(s.variation_icon for s in single)
        assert batch.assurances == tuple(s.assurance for s in single)
        assert batch == single
        assert [b.points for b in batch] == [s.points for s in single]

    @settings(deadline=None, max_examples=40)
    @given(st.lists(with_gaps, min_size=1, max_size=5))
    def test_ragged_lists_with_gaps(self, rows: list[list[float]]) -> None:
        assert xmr_many(rows) == tuple(xmr(r) for r in rows)


class TestColumns:
    def test_lazy_and_cached(self) -> None:
        batch = xmr_many(np.random.default_rng(1).normal(size=(100, 24)))
        assert isinstance(batch, SpcBatch)
        assert len(batch) == 100
        assert batch[5] is batch[5]
        assert batch[-1] == batch[99]
        assert batch[1:3] == (batch[1], batch[2])
        with pytest.raises(IndexError):
            batch[100]

    def test_arrays_mirror_points(self) -> None:
        rows: list[list[float]] = [
            [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1],
            [3.0, 4.0, 3.0],
        ]
        batch = xmr_many(rows, options=SpcOptions(rebase_at=(2,)))
        cols = batch.arrays()
        assert cols["series"].tolist() == [0] * 18 + [1] * 3
        points = [p for r in batch for p in r.points]
        assert cols["value"].tolist() == [p.value for p in points]
        assert cols["segment"].tolist() == [p.segment for p in points]
        np.testing.assert_array_equal(cols["lpl"], [p.lpl for p in points])  # NaN == NaN here
        assert cols["outside_limits"].tolist() == [p.outside_limits for p in points]

    def test_to_pandas(self) -> None:
        pytest.importorskip("pandas")
        rows = [[1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]] * 2
        batch = xmr_many(rows, polarity=[Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER])
        frame = batch.to_pandas()
        assert len(frame) == 36
        assert frame.loc[4, "special_cause"] == "outside_limits"
        assert frame.loc[4, "variation"] == "special_cause_improvement"
        assert frame.loc[18 + 4, "variation"] == "special_cause_concern"
        assert frame["special_cause"].isna().sum() == 34
        points = [p for r in batch for p in r.points]
        assert frame["variation"].astype(str).tolist() == [p.variation.value for p in points]

    def test_lists_and_matrix_agree(self) -> None:
        y = np.random.default_rng(3).normal(size=(20, 30))
        assert xmr_many(y.tolist()) == xmr_many(y)


class TestLabels:
    def test_months_sorted_and_gaps_reported_like_xmr(self) -> None:
        from nhsplan import Month  # noqa: PLC0415
        from nhsplan.spc import SpcOptions  # noqa: PLC0415

        months = [Month(2021, m) for m in (6, 4, 5, 9, 10, 11, 12)]
        rows = [[3.0, 1.0, 2.0, 4.0, 5.0, 4.0, 6.0], [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0]]
        options = SpcOptions(rebase_at=(Month(2021, 9),))
        batch = xmr_many(np.array(rows), labels=months, options=options)
        single = [xmr(r, labels=months, options=options) for r in rows]
        assert batch == single
        assert batch[0].labels[0] == Month(2021, 4)
        assert "missing_periods" in {w.code for w in batch[0].warnings}
        assert [s.start for s in batch[1].segments] == [0, 3]


class TestSeriesFrame:
    def test_one_row_per_series_with_icons(self) -> None:
        pytest.importorskip("pandas")
        rows: list[list[float]] = [
            [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1],
            [3.0, 4.0, 3.0, math.nan],
        ]
        batch = xmr_many(rows, target=[5.0, None])
        frame = batch.series_frame()
        assert frame["series"].tolist() == [0, 1]
        assert frame["variation"].tolist() == [r.variation_icon.value for r in batch]
        assert frame["assurance"].tolist() == ["consistent_fail", None]
        assert frame["latest_position"].tolist() == [17, 2]
        assert frame["latest_value"].tolist() == [1.0, 3.0]
        assert frame["upl"].tolist()[0] == batch[0].segments[-1].upl
