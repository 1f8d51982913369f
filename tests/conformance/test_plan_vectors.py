"""The plan-check conformance vectors (``plan_vectors.json``): hand-derived findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nhsplan.catalog import load_guidance
from nhsplan.model import Observation, Plan, PlanLine
from nhsplan.plan import Finding, check_plans

FILE = Path(__file__).with_name("plan_vectors.json")
DATA: dict[str, Any] = json.loads(FILE.read_text(encoding="utf-8"))
CASES = {case["id"]: case for case in DATA["cases"]}


def _plan(spec: dict[str, Any], edition: str) -> Plan:
    return Plan(
        org=spec["org"],
        edition=edition,
        org_type=spec["org_type"],
        lines=[PlanLine(**line) for line in spec["lines"]],
    )


def _key(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["severity"], f["check"], f["org"], f["target"], f["period"], f["status"])


def _actual(f: Finding) -> dict[str, Any]:
    row = f.row()
    return {
        "severity": row["severity"],
        "check": row["check"],
        "org": row["org"],
        "target": row["target"],
        "period": row["period"],
        "status": row["status"],
        "planned": row["planned"],
        "required": row["required"],
        "unit": row["planned_unit"] or row["required_unit"],
    }


def test_format() -> None:
    assert DATA["format"] == "nhsplan-plan-vectors/1"
    assert len(CASES) == len(DATA["cases"]) >= 10
    kinds = {c for case in DATA["cases"] for c in case["checks"]}
    assert kinds == {"target", "national", "consistency", "sum"}


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_vector(case_id: str) -> None:
    case = CASES[case_id]
    guidance = load_guidance(case["edition"])
    plans = [_plan(p, case["edition"]) for p in case["plans"]]
    baseline = [Observation(**o) for o in case["baseline"]]
    result = check_plans(plans, guidance, baseline=baseline)
    found = sorted(
        (_actual(f) for f in result.findings if f.check.value in case["checks"]), key=_key
    )
    expected = sorted(case["expected"], key=_key)
    assert [_key(f) for f in found] == [_key(f) for f in expected]
    for got, want in zip(found, expected, strict=True):
        for name in ("planned", "required"):
            if want[name] is None:
                assert got[name] is None, (name, got)
            else:
                assert got[name] == pytest.approx(want[name], abs=1e-6), (name, got)
        if want["planned"] is not None or want["required"] is not None:
            assert got["unit"] == want["unit"]
