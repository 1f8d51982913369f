"""The engine against the language-neutral evaluation vectors in ``tests/conformance/``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import nhsplan
from nhsplan.calendar import parse_period
from nhsplan.evaluate import evaluate
from nhsplan.model import Observation, OrgType
from nhsplan.units import quantity
from tests.conformance.generate_evaluation import FORMAT, vectors

FILE = Path(__file__).parent / "evaluation_vectors.json"
DATA: dict[str, Any] = json.loads(FILE.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = DATA["cases"]


def _observation(row: dict[str, Any]) -> Observation:
    period = parse_period(row["period"])
    if "numerator" in row:
        return Observation(
            org=row["org"],
            metric=row["metric"],
            period=period,
            numerator=row["numerator"],
            denominator=row["denominator"],
        )
    return Observation(
        org=row["org"],
        metric=row["metric"],
        period=period,
        value=quantity(row["value"], row["unit"]),
    )


def _magnitude(quantity: object) -> float:
    magnitude = getattr(quantity, "magnitude", None)
    assert isinstance(magnitude, int | float), quantity
    return float(magnitude)


class TestFile:
    def test_format_and_size(self) -> None:
        assert DATA["format"] == FORMAT
        assert len(CASES) >= 200
        assert len({c["id"] for c in CASES}) == len(CASES)

    def test_every_target_of_every_edition_has_cases(self) -> None:
        covered = {(c["edition"], c["target"]) for c in CASES}
        every = {
            (edition, t.id)
            for edition in nhsplan.editions()
            for t in nhsplan.load_guidance(edition).targets
        }
        assert covered == every

    def test_every_status_is_covered(self) -> None:
        assert {c["expected"]["status"] for c in CASES} == {s.value for s in nhsplan.Status}

    def test_file_is_what_the_generator_writes(self) -> None:
        # The file is generated from the catalog; regenerate it with
        # `python -m tests.conformance.generate_evaluation` when the catalog changes.
        assert vectors() == DATA


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    guidance = nhsplan.load_guidance(case["edition"])
    target = guidance.target(case["target"])
    metric = guidance.metric(target.metric) if target.metric else None
    baselines = {
        label: quantity(b["value"], b["unit"]) for label, b in case.get("baselines", {}).items()
    }
    assessment = evaluate(
        target,
        [_observation(row) for row in case["observations"]],
        as_of=date.fromisoformat(case["as_of"]),
        org=case["org"],
        org_type=OrgType(case["org_type"]),
        metric=metric,
        baselines=baselines or None,
    )
    expected = case["expected"]
    assert assessment.status.value == expected["status"], assessment.reason
    if "period" in expected:
        assert str(assessment.period) == expected["period"]
    for key in ("observed", "required", "margin"):
        if key in expected:
            value = getattr(assessment, key)
            assert _magnitude(value) == pytest.approx(expected[key], abs=1e-9), key
