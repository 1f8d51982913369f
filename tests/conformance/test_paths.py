"""Every path gives the reference's assessment for every evaluation vector.

The reference is :func:`nhsplan.evaluate`, itself held to the vectors' expected values
(worked out from the target definitions by ``generate_evaluation.py``). A path that cannot
take a case says so, naming the case, and the test is skipped with that reason; a pass
forced on the columnar engine must be the pass that gave the answer.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from tests.conformance.paths import (
    CASES,
    PATHS,
    Outcome,
    Path_,
    buckets,
    cli_output,
    placed,
    reference_answers,
    typeless,
)

CASE_IDS = [c["id"] for c in CASES]


def _expected(case: dict[str, Any]) -> list[str]:
    """How the reference departs from the case's expected values (empty if it does not)."""
    expected = case["expected"]
    outcome: Outcome = reference_answers()[case["id"]]
    if "refused" in expected:
        return [] if outcome.error else [f"not refused: {outcome}"]
    if outcome.error is not None:
        return [f"refused: {outcome.error}"]
    out = []
    if outcome.status != expected["status"]:
        out.append(f"status {outcome.status!r} != expected {expected['status']!r}")
    if "period" in expected and outcome.period != expected["period"]:
        out.append(f"period {outcome.period!r} != expected {expected['period']!r}")
    for key in ("observed", "required", "margin"):
        if key in expected:
            amount = getattr(outcome, key)
            if amount is None or not math.isclose(
                amount.magnitude, expected[key], rel_tol=0, abs_tol=1e-9
            ):
                out.append(f"{key} {amount} != expected {expected[key]}")
    return out


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case(path: Path_, case_id: str) -> None:
    """The path's assessment of the case is the reference's (the reference's, the expected)."""
    case = placed()[case_id].case
    if path is PATHS[0]:
        problems = _expected(case)
        assert not problems, f"{case_id}: {'; '.join(problems)}"
        return
    why = path.applies(case)
    if why is not None:
        pytest.skip(f"{path} does not apply to {case_id}: {why}")
    outcome = path.run()[case_id]
    reference = reference_answers(typed=path.typed)[case_id]
    if path.forced is not None and outcome.error is None:
        assert outcome.method == path.forced, f"{path.forced} forced, {outcome.method} taken"
    problems = outcome.differences(reference, fields=path.fields)
    assert not problems, f"{path} on {case_id}: {'; '.join(problems)}"


BUCKETS = sorted(buckets())


@pytest.mark.parametrize("bucket", BUCKETS)
def test_file_csv_bytes(path: Path_, bucket: str) -> None:
    """What a file path writes as CSV is byte for byte what ``nhsplan evaluate FILE --format
    csv`` writes for the bucket's CSV file."""
    if path.writes is None:
        pytest.skip(f"{path} reads no file")
    if not any(typeless(p.case) is None for p in buckets()[bucket]):
        pytest.skip(f"no case of {bucket} can be written to a file")
    code, text, err = cli_output(bucket, ".csv")
    assert code == 0, err
    written = path.writes(bucket)
    assert written == text, f"{path} on {bucket}"
