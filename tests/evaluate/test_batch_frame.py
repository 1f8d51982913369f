"""Tests for nhsplan.evaluate.batch_frame: a DataFrame judged as evaluate_batch judges it."""

from __future__ import annotations

import math
from datetime import date
from types import ModuleType

import numpy as np
import pytest

from nhsplan.catalog import load_guidance
from nhsplan.errors import InvalidObservationError
from nhsplan.evaluate import batch, batch_frame
from nhsplan.evaluate.batch import STATUSES, evaluate_batch
from nhsplan.evaluate.batch_frame import evaluate_frame

FDS = load_guidance("2021/22").target("cancer_faster_diagnosis_standard")  # at least 75 %
WAITS = load_guidance("2020/21").target("rtt_52_week_waits")  # elimination: no 52-week waits
AE_NATIONAL = load_guidance("standards").target("ae_4_hour_interim_2025")  # England's 78 %
NAN = math.nan


def test_importable_where_documented() -> None:
    assert batch.evaluate_frame is batch_frame.evaluate_frame
    assert "evaluate_frame" in batch.__all__


@pytest.fixture
def pd() -> ModuleType:
    module: ModuleType = pytest.importorskip("pandas")
    return module


class TestFrame:
    def test_adds_columns_without_changing_the_frame(self, pd: ModuleType) -> None:
        frame = pd.DataFrame(
            {
                "org": ["RBD", "RXX", "RYY"],
                "numerator": [750, 742, None],
                "denominator": [1000, 1000, None],
            }
        )
        before = frame.copy()
        out = evaluate_frame(FDS, frame, as_of=date(2022, 1, 20))
        pd.testing.assert_frame_equal(frame, before)
        assert out["status"].tolist() == ["met", "not_met", "no_data"]
        # the level stands beside the rows compared with it; a row with no figure has none,
        # as evaluate() gives none
        assert out["required"].tolist()[:2] == [75.0] * 2
        assert math.isnan(out["required"].tolist()[2])
        batch = evaluate_batch(
            FDS,
            as_of=date(2022, 1, 20),
            numerators=[750, 742, NAN],
            denominators=[1000, 1000, NAN],
        )
        np.testing.assert_array_equal(out["observed"].to_numpy(), batch.observed)
        np.testing.assert_array_equal(out["margin"].to_numpy(), batch.margin)
        assert list(out.columns) == [*frame.columns, "status", "observed", "required", "margin"]

    def test_values_and_pandas_missing(self, pd: ModuleType) -> None:
        frame = pd.DataFrame({"org": ["RBD", "RXX"], "value": pd.array([0, pd.NA], dtype="Int64")})
        out = evaluate_frame(WAITS, frame, as_of=date(2021, 1, 20))
        assert out["status"].tolist() == ["met", "no_data"]

    def test_csv_shaped_frame_uses_the_filled_columns(self, pd: ModuleType) -> None:
        frame = pd.DataFrame(
            {"org": ["RBD"], "value": [3.0], "numerator": [None], "denominator": [None]}
        )
        out = evaluate_frame(WAITS, frame, as_of=date(2021, 1, 20))
        assert out["status"].tolist() == ["not_met"]

    def test_nothing_judged_gives_nan_required(self, pd: ModuleType) -> None:
        frame = pd.DataFrame({"numerator": [1], "denominator": [2]})
        out = evaluate_frame(FDS, frame, as_of=date(2021, 5, 1))
        assert out["status"].tolist() == ["not_due"]
        assert math.isnan(out["required"].iloc[0])

    def test_status_is_categorical(self, pd: ModuleType) -> None:
        frame = pd.DataFrame({"numerator": [1, 2], "denominator": [2, 2]})
        status = evaluate_frame(FDS, frame, as_of=date(2022, 1, 20))["status"]
        assert str(status.dtype) == "category"
        assert list(status.cat.categories) == [s.value for s in STATUSES]
        assert (status == "met").tolist() == [False, True]

    def test_englands_row_is_judged_as_englands(self, pd: ModuleType) -> None:
        """A national ambition is judged on England's figure: the row the org column names
        England (``ENGLAND`` or its ONS code) is judged as evaluate() judges England's, not
        as another organisation's (NOT_APPLICABLE), as evaluate_batch judges it given orgs."""
        frame = pd.DataFrame(
            {
                "org": ["RBD", "ENGLAND", "e92000001"],
                "numerator": [80, 80, 70],
                "denominator": [100, 100, 100],
            }
        )
        out = evaluate_frame(AE_NATIONAL, frame, as_of=date(2025, 4, 20))
        assert out["status"].tolist() == ["not_applicable", "met", "not_met"]
        assert out["observed"].tolist()[1:] == [80.0, 70.0]
        assert out["org"].tolist() == frame["org"].tolist()  # the codes as given

    def test_a_bad_row_is_named_by_its_org(self, pd: ModuleType) -> None:
        frame = pd.DataFrame({"org": ["RBD", "RXX"], "numerator": [1, 5], "denominator": [2, 4]})
        with pytest.raises(InvalidObservationError, match=r"row 1, RXX") as caught:
            evaluate_frame(FDS, frame, as_of=date(2022, 1, 20))
        assert caught.value.field == "numerators[1]"

    @pytest.mark.parametrize(
        ("columns", "words"),
        [
            ({"org": ["RBD"]}, "no figure columns"),
            ({"value": [1.0], "numerator": [1.0], "denominator": [2.0]}, "not both"),
            ({"value": [1.0, NAN], "numerator": [NAN, 1.0], "denominator": [NAN, 2.0]}, "together"),
        ],
    )
    def test_bad_frames(self, pd: ModuleType, columns: dict[str, list[object]], words: str) -> None:
        with pytest.raises(InvalidObservationError, match=words):
            evaluate_frame(FDS, pd.DataFrame(columns), as_of=date(2022, 1, 20))
