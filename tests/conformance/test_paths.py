"""Every path gives the reference's assessment for every evaluation vector.

The reference is :func:`nhsplan.evaluate`, itself held to the vectors' expected values
(worked out from the target definitions by ``generate_evaluation.py``). A path that cannot
take a case says so, naming the case, and the test is skipped with that reason; a pass
forced on the columnar engine must be the pass that gave the answer.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest

from tests.conformance.known_failures import KNOWN
from tests.conformance.paths import (
    CASES,
    FILE_FORMS,
    PARQUET_FORMS,
    PATHS,
    Outcome,
    VerdictPath,
    bucket_cases,
    bucket_file,
    buckets,
    evaluate_only,
    form_file,
    placed,
    problems,
    read_with_cli,
    reader_error,
    reference_answers,
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


def _check_case(path: VerdictPath, case_id: str) -> None:
    """Raise AssertionError if the path's assessment of the case is not the reference's (for
    the reference, not the expected values); ``pytest.skip`` if the path cannot take it."""
    case = placed()[case_id].case
    if path is PATHS[0]:
        departures = _expected(case)
        assert not departures, "; ".join(departures)
        return
    why = path.applies(case)
    if why is not None:
        pytest.skip(f"{path} does not apply to {case_id}: {why}")
    outcome = path.run()[case_id]
    reference = reference_answers(typed=path.typed)[case_id]
    declined = outcome.error is not None and outcome.error.startswith("declined: ")
    if declined and "refused" in case["expected"]:
        pytest.skip(f"{path} hands {case_id} on (repeated rows): {outcome.error}")
    if declined and evaluate_only(case):
        pytest.skip(f"{path} hands {case_id} on (judged by evaluate()): {outcome.error}")
    if reference.error is not None and path.reads is not None and outcome.error is not None:
        here = placed()[case_id]
        error = reader_error(bucket_file(here.bucket, [here], ".csv"), case["edition"])
        assert error is not None, "the reader reads it"
        assert problems(outcome.error) == problems(error), "not the reader's problems"
    if path.forced is not None and outcome.error is None:
        assert outcome.method == path.forced, f"{path.forced} forced, {outcome.method} taken"
    differences = outcome.differences(reference, fields=path.fields)
    assert not differences, "; ".join(differences)


def test_every_case(path: VerdictPath) -> None:
    """The path's assessment of every case is the reference's (the reference's, the expected).

    One test per path, not one per (path, case): a path computes its answers for every case
    at once, and 18 paths x 1,484 cases as separate tests cost more in pytest's bookkeeping
    than in judging. The message names every case that disagrees. A known disagreement
    (:data:`~tests.conformance.known_failures.KNOWN`) is held to strictly: the test fails if
    it disagrees otherwise than listed, or if a listed case now agrees (delete its line).
    """
    disagree: dict[str, str] = {}
    judged = 0
    for case_id in CASE_IDS:
        try:
            _check_case(path, case_id)
        except pytest.skip.Exception:
            continue
        except AssertionError as exc:
            disagree[case_id] = str(exc).splitlines()[0]
        judged += 1
    known = {case for (where, case) in KNOWN if where == str(path) and case in placed()}
    unexpected = [f"{c}: {why}" for c, why in sorted(disagree.items()) if c not in known]
    agree_now = sorted(known - disagree.keys())
    assert judged, f"{path} took none of the {len(CASE_IDS)} cases"
    assert not unexpected, f"{path} disagrees on {len(unexpected)} cases:\n" + "\n".join(unexpected)
    assert not agree_now, f"{path} now agrees on known failures (delete them): {agree_now}"


FILE_BUCKETS = sorted(name for name in buckets() if bucket_cases(name))
"""The buckets a file can hold (a case a file cannot hold is skipped in test_case)."""
FILE_PATHS = [p for p in PATHS if p.reads is not None]
"""The paths that read files: the file tests run on these only (the ``path`` fixture,
narrowed by parametrising it directly)."""


@pytest.mark.parametrize("path", FILE_PATHS, ids=str)
@pytest.mark.parametrize("bucket", FILE_BUCKETS)
def test_file_csv_bytes(path: VerdictPath, bucket: str) -> None:
    """What a file path writes as CSV is byte for byte what ``nhsplan evaluate FILE --format
    csv`` writes for the bucket's CSV file."""
    assert path.reads is not None
    cases = bucket_cases(bucket)
    edition, as_of = cases[0].case["edition"], date.fromisoformat(cases[0].case["as_of"])
    mine = path.reads(bucket_file(bucket, cases, path.suffix), edition, as_of)
    cli = read_with_cli(bucket_file(bucket, cases, ".csv"), edition, as_of)
    if mine.declined is not None:
        pytest.skip(f"{path} handed {bucket} on: {mine.declined}")
    if mine.error is not None or cli.error is not None:
        # a refused file: test_case compares the messages
        assert mine.error is not None, f"{path} read {bucket}, which the command refuses"
        assert cli.error is not None, f"the command read {bucket}, which {path} refuses"
        return
    assert mine.csv == cli.csv, f"{path} on {bucket}"


FORMS = {form["id"]: form for form in FILE_FORMS}


@pytest.mark.parametrize("path", FILE_PATHS, ids=str)
@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_file_form(path: VerdictPath, form_id: str) -> None:
    """The same figures written as other programs write them give the same assessments (or
    the same refusal) on every path that reads files."""
    form = FORMS[form_id]
    assert path.reads is not None
    if path.suffix == ".parquet" and form_id not in PARQUET_FORMS:
        pytest.skip(f"{path} reads Parquet, which has no {form_id} form ({form['about']})")
    cases = [placed()[case_id] for case_id in form["cases"]]
    edition, as_of = cases[0].case["edition"], date.fromisoformat(cases[0].case["as_of"])
    read = path.reads(form_file(form_id, cases, path.suffix), edition, as_of)
    if read.declined is not None:
        pytest.skip(f"{path} hands the {form_id} form on: {read.declined}")
    expected = form["expected"]
    if "refused" in expected:
        assert read.error is not None, f"{path} read the {form_id} form"
        error = reader_error(form_file(form_id, cases, ".csv"), edition)
        assert error is not None, "the reader reads it"
        assert problems(read.error) == problems(error), "not the reader's problems"
        return
    assert read.error is None, f"{path} on the {form_id} form: {read.error}"
    if "assessments" in expected:
        assert read.count == expected["assessments"]
        return
    found_problems: list[str] = []
    for p in cases:
        outcome = read.outcomes.get((p.code, p.case["target"]))
        if outcome is None:
            found_problems.append(f"{p.case['id']}: no assessment")
            continue
        if path.forced is not None:
            assert outcome.method == path.forced
        found = outcome.differences(reference_answers()[p.case["id"]], fields=path.fields)
        found_problems += [f"{p.case['id']}: {d}" for d in found]
    assert not found_problems, "; ".join(found_problems)
