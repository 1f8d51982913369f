"""The summary table across many charts: rows, DataFrame and HTML, with the icons as data."""

from __future__ import annotations

import math

import pytest

from nhsplan.model.enums import Polarity
from nhsplan.spc import SpcResult, summary_frame, summary_html, summary_table, xmr

STEADY = [90.0, 91.0] * 10
STEP_UP = [90.0, 91.0] * 8 + [96.0, 97.0, 96.5, 97.5]


class TestSummaryTable:
    def test_rows(self) -> None:
        charts: dict[tuple[str, str] | str, SpcResult[int]] = {
            ("RAA", "ae_4_hour"): xmr(STEADY, target=95.0),
            ("RBB", "ae_4_hour"): xmr(STEP_UP, target=95.0),
            "england": xmr([3.0] * 15, target=5.0),
        }
        rows = summary_table(charts, verdicts={("RAA", "ae_4_hour"): "not met"})
        assert [r["org"] for r in rows] == ["RAA", "RBB", None]
        assert rows[0]["variation"] == "common_cause"
        assert rows[0]["assurance"] == "consistent_fail"
        assert rows[0]["verdict"] == "not met"
        assert rows[1]["variation"] == "improvement_high"
        assert rows[1]["latest_value"] == 97.5
        assert rows[2]["metric"] == "england"
        assert rows[2]["lower_limit"] is None  # a screened constant series has no limits
        assert rows[2]["assurance"] == "inconsistent"

    def test_latest_skips_a_missing_value(self) -> None:
        (row,) = summary_table({"x": xmr([*STEADY, math.nan], labels=list(range(21)))})
        assert row["latest_period"] == "19"
        assert row["points"] == 20

    def test_neutral_has_no_assurance(self) -> None:
        (row,) = summary_table({"x": xmr(STEADY, target=1.0, polarity=Polarity.NEUTRAL)})
        assert row["assurance"] is None

    def test_frame(self) -> None:
        pytest.importorskip("pandas")
        frame = summary_frame({("RAA", "m"): xmr(STEADY, target=95.0)})
        assert list(frame.columns)[:2] == ["org", "metric"]
        assert frame.loc[0, "variation"] == "common_cause"

    def test_html(self) -> None:
        page = summary_html(
            {("RAA", "m<1>"): xmr(STEP_UP, target=95.0)},
            verdicts={("RAA", "m<1>"): "met"},
            links={("RAA", "m<1>"): "#raa-m1"},
        )
        assert page.startswith('<table class="spc-summary">')
        assert "m&lt;1&gt;" in page  # escaped
        assert '<a href="#raa-m1">' in page
        assert page.count("<svg") == 2
        assert "special cause improvement (high)" in page
