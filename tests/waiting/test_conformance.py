"""Run the waiting-list formula vectors (tests/conformance/waiting_vectors.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from nhsplan.waiting import queue

VECTORS = Path(__file__).parents[1] / "conformance" / "waiting_vectors.json"
DOC = json.loads(VECTORS.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = DOC["cases"]


class TestConformance:
    def test_format(self) -> None:
        assert DOC["format"] == "nhsplan-waiting-conformance/1"
        assert {c["function"] for c in CASES} <= set(queue.__all__)
        assert {c["function"] for c in CASES} == set(queue.__all__)  # every formula has cases

    @pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
    def test_number(self, case: dict[str, Any]) -> None:
        function = getattr(queue, case["function"])
        assert function(**case["args"]) == pytest.approx(case["expected"], abs=case["tolerance"])

    @pytest.mark.parametrize("function", sorted({c["function"] for c in CASES}))
    def test_arrays(self, function: str) -> None:
        """A function's cases at once, as numpy arrays, give the same numbers (options, the
        coefficients of variation, are numbers: the cases are grouped by them)."""
        cases = [c for c in CASES if c["function"] == function]
        groups: dict[tuple[tuple[str, float], ...], list[dict[str, Any]]] = {}
        for case in cases:
            options = tuple((k, v) for k, v in case["args"].items() if k.startswith("cv_"))
            groups.setdefault(options, []).append(case)
        for options, group in groups.items():
            names = [k for k in group[0]["args"] if not k.startswith("cv_")]
            arrays = {n: np.array([float(c["args"][n]) for c in group]) for n in names}
            got = getattr(queue, function)(**arrays, **dict(options))
            expected = np.array([c["expected"] for c in group])
            tolerance = max(c["tolerance"] for c in group)
            np.testing.assert_allclose(got, expected, atol=tolerance, rtol=0)
