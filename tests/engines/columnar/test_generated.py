"""The columnar passes against the object path on generated guidance, not only the catalog's.

The conformance vectors run every path on the shipped editions' targets. A guidance file of a
user's own can hold shapes no edition has (a reach judged on its deadline month, a level
amended twice, a window of a few months, a national ambition of a count, a baseline target
judged every month): here a target of any kind a figure judges is generated
(:mod:`tests.strategies_guidance`), a guidance built around it, figures drawn for a few
organisations, and each columnar pass, forced in turn, must give the Report that
``evaluate_guidance`` gives on the same figures as objects: on a frame (text or typed, polars
or pandas; the organisations listed with their types or not; SPC readings or not) and on a
CSV file.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nhsplan import NhsplanError
from nhsplan.engines.columnar import evaluate_file, evaluate_frame
from nhsplan.engines.columnar.frame import _PassDeclined
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.io.readers.observations import OBSERVATION_COLUMNS
from nhsplan.model import Guidance, Observation, Organisation
from tests.profiles import examples
from tests.strategies_guidance import (
    LEVELLED,
    ORG_SETS,
    as_of_dates,
    figures,
    guidance_of,
    listed,
    spans,
    targets,
)

pl = pytest.importorskip("polars")
pytest.importorskip("duckdb")
pytest.importorskip("narwhals")

Case = tuple[Guidance, list[list[str]], list[Observation], date, list[Organisation] | None]


@st.composite
def _cases(draw: st.DrawFn, kinds: tuple[str, ...] = LEVELLED) -> Case:
    """A guidance of one generated target, its figures as rows and as objects, a date, and
    the organisations to judge with their types (None: those that reported)."""
    months = draw(spans())
    target, unit = draw(targets(months, kinds))
    guidance = guidance_of(target, unit)
    assume(guidance is not None)
    assert guidance is not None
    orgs = draw(ORG_SETS)
    rows, observations = draw(figures(months, unit, orgs))
    return guidance, rows, observations, draw(as_of_dates(months)), draw(listed(orgs))


def _outcome(run: Any) -> tuple[str, object]:
    try:
        report = run()
    except NhsplanError as exc:
        return ("error", f"{type(exc).__name__}: {exc}")
    return ("report", report.assessments)


_NUMBERS = {"value": float, "numerator": int, "denominator": int}
"""The columns a frame of a user's may hold as numbers (a missing one as null)."""
_FORMS = st.sampled_from(["polars text", "polars typed", "pandas typed"])


def _frame(rows: list[list[str]], form: str) -> object:
    """The figures as a frame: every column text, or the numbers typed (pandas or polars)."""
    columns: dict[str, list[Any]] = {
        name: [r[i] for r in rows] for i, name in enumerate(OBSERVATION_COLUMNS)
    }
    if form == "polars text":
        return pl.DataFrame(columns, schema=dict.fromkeys(OBSERVATION_COLUMNS, pl.String))
    for name, kind in _NUMBERS.items():
        columns[name] = [kind(text) if text else None for text in columns[name]]
    if form == "polars typed":
        types = {"value": pl.Float64, "numerator": pl.Int64, "denominator": pl.Int64}
        return pl.DataFrame(
            columns, schema={name: types.get(name, pl.String) for name in OBSERVATION_COLUMNS}
        )
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(columns)
    return frame.astype({"value": "float64", "numerator": "Int64", "denominator": "Int64"})


def _same_on_a_frame(case: Case, force: str, form: str, spc: bool) -> None:
    """The pass *force*d on the figures as a frame of *form* gives the object path's Report
    (with each assessment's SPC reading, where *spc*)."""
    guidance, rows, observations, as_of, orgs = case
    expected = _outcome(
        lambda: evaluate_guidance(guidance, observations, as_of=as_of, orgs=orgs, spc=spc)
    )
    frame = _frame(rows, form)
    try:
        got = _outcome(
            lambda: (
                evaluate_frame(
                    guidance, frame, as_of=as_of, orgs=orgs, spc=spc, _force=force
                ).report
            )
        )
    except _PassDeclined:
        return  # this pass hands such input to another: the one it hands it to is run too
    assert got == expected, (guidance.targets[0], as_of)


def _same_on_a_file(tmp_path: Path, case: Case, force: str) -> None:
    """The pass *force*d on the figures as a CSV file gives the object path's Report (a
    file's organisations are those that reported: the case's list is not used)."""
    guidance, rows, observations, as_of, _ = case
    expected = _outcome(lambda: evaluate_guidance(guidance, observations, as_of=as_of))
    path = tmp_path / "figures.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(OBSERVATION_COLUMNS)
        writer.writerows(rows)
    try:
        got = _outcome(lambda: evaluate_file(path, guidance, as_of=as_of, _force=force).report)
    except _PassDeclined:
        return  # this pass hands such a file to another
    assert got == expected, (guidance.targets[0], as_of)


_PASSES = st.sampled_from(["single pass", "column pass"])
_SLOW = [HealthCheck.too_slow, HealthCheck.filter_too_much]
_ON_FILES = [*_SLOW, HealthCheck.function_scoped_fixture]  # tmp_path: one file, rewritten


class TestGeneratedGuidance:
    """A threshold, trajectory or elimination target."""

    @settings(max_examples=examples(15, 300), deadline=None, suppress_health_check=_SLOW)
    @given(case=_cases(), force=_PASSES, form=_FORMS, spc=st.booleans())
    def test_each_pass_gives_what_the_object_path_gives(
        self, case: Case, force: str, form: str, spc: bool
    ) -> None:
        _same_on_a_frame(case, force, form, spc)

    @settings(max_examples=examples(10, 200), deadline=None, suppress_health_check=_ON_FILES)
    @given(case=_cases(), force=_PASSES)
    def test_each_pass_on_a_file_gives_what_the_object_path_gives(
        self, tmp_path: Path, case: Case, force: str
    ) -> None:
        _same_on_a_file(tmp_path, case, force)


class TestGeneratedBaselineAndWithinTime:
    """A baseline target (relative, in points or absolute; local or national baselines, stated
    or read from the organisation's own figure; a floor or ceiling) or a within-time target
    judged on pre-aggregated figures: the columnar engine hands these to evaluate() on the
    figures it fetched, and the Report must still be the object path's."""

    @settings(max_examples=examples(10, 300), deadline=None, suppress_health_check=_SLOW)
    @given(case=_cases(("baseline", "within_time")), force=_PASSES, form=_FORMS, spc=st.booleans())
    def test_each_pass_gives_what_the_object_path_gives(
        self, case: Case, force: str, form: str, spc: bool
    ) -> None:
        _same_on_a_frame(case, force, form, spc)

    @settings(max_examples=examples(6, 200), deadline=None, suppress_health_check=_ON_FILES)
    @given(case=_cases(("baseline", "within_time")), force=_PASSES)
    def test_each_pass_on_a_file_gives_what_the_object_path_gives(
        self, tmp_path: Path, case: Case, force: str
    ) -> None:
        _same_on_a_file(tmp_path, case, force)
