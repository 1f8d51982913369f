"""The evaluation vectors file: its format, its coverage, and that it is what the generator writes.

Each case is run through every path (the reference, :func:`nhsplan.evaluate`, held to the
expected values) by ``test_paths.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nhsplan
from nhsplan.calendar import parse_period
from nhsplan.model import Observation
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
        statuses = {c["expected"].get("status") for c in CASES} - {None}
        assert statuses == {s.value for s in nhsplan.Status}

    def test_every_kind_of_scenario_is_covered(self) -> None:
        names = {c["id"].split("/", 1)[1] for c in CASES}
        for kind in (
            "due_by_",
            "expired_",
            "superseded_",
            "amended_",
            "partial_year_",
            "national_",
            "stale_",
            "repeated_row_",
        ):
            assert any(name.startswith(kind) for name in names), kind

    def test_file_forms(self) -> None:
        forms = {f["id"] for f in DATA["file_forms"]}
        assert forms == {
            "crlf",
            "bom",
            "latin1",
            "quoted",
            "blank_trailing_lines",
            "header_only",
            "columns_reordered",
        }
        ids = {c["id"] for c in CASES}
        assert all(set(f["cases"]) <= ids for f in DATA["file_forms"])

    def test_file_is_what_the_generator_writes(self) -> None:
        # The file is generated from the catalog; regenerate it with
        # `python -m tests.conformance.generate_evaluation` when the catalog changes.
        assert vectors() == DATA
