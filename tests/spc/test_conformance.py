"""Run the language-neutral SPC conformance vectors (tests/conformance/spc_vectors.json)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from nhsplan.model.enums import Polarity
from nhsplan.spc import SpcOptions, TwoInThree, xmr, xmr_many
from tests import paths

VECTORS = paths.TESTS / "conformance" / "spc_vectors.json"
DOC = json.loads(VECTORS.read_text(encoding="utf-8"))


def _options(raw: dict[str, Any]) -> SpcOptions:
    kwargs = dict(raw)
    if "two_in_three" in kwargs:
        kwargs["two_in_three"] = TwoInThree(kwargs["two_in_three"])
    if "rebase_at" in kwargs:
        kwargs["rebase_at"] = tuple(kwargs["rebase_at"])
    return SpcOptions(**kwargs)


def _close(actual: float, expected: float | None, tol: float) -> bool:
    if expected is None:
        return math.isnan(actual)
    return abs(actual - expected) <= tol


class TestConformance:
    def test_format(self) -> None:
        assert DOC["format"] == "nhsplan-spc-conformance/1"
        assert DOC["constants"]["limit"] == 2.66
        assert len(DOC["cases"]) >= 20

    @pytest.mark.parametrize("case", DOC["cases"], ids=lambda c: c["name"])
    def test_case(self, case: dict[str, Any]) -> None:
        values = [math.nan if v is None else float(v) for v in case["values"]]
        kwargs: dict[str, Any] = {
            "polarity": Polarity(case["polarity"]),
            "target": case["target"],
            "options": _options(case["options"]),
        }
        if "labels" in case:
            kwargs["labels"] = case["labels"]
        r = xmr(values, **kwargs)
        expected = case["expected"]
        tol = case["tolerance"]
        if "segments" in expected:
            assert len(r.segments) == len(expected["segments"])
            for seg, want in zip(r.segments, expected["segments"], strict=True):
                assert (seg.start, seg.stop) == (want["start"], want["stop"])
                for key in ("mean", "lpl", "upl"):
                    assert _close(getattr(seg, key), want[key], tol), (key, seg, want)
        if "point_types" in expected:
            assert [v.value for v in r.variations] == expected["point_types"]
        if "point_types_last_two" in expected:
            assert [v.value for v in r.variations[-2:]] == expected["point_types_last_two"]
        if "special_cause" in expected:
            assert [c.value if c else None for c in r.causes] == expected["special_cause"]
        if "variation_icon" in expected:
            assert r.variation_icon.value == expected["variation_icon"]
        if "assurance" in expected:
            assert (r.assurance.value if r.assurance else None) == expected["assurance"]
        if "warnings" in expected:
            assert sorted({w.code for w in r.warnings}) == expected["warnings"]
        # the batch path gives the same reading
        (batch,) = xmr_many([values], **kwargs)
        assert batch == r
