"""The planning-reference map: every entry quotes its source, and names a metric nhsplan defines."""

from __future__ import annotations

import csv
import io
import re

import pytest

from nhsplan import editions, load_guidance
from nhsplan.catalog import planning_references, reference_map
from nhsplan.catalog.references import _entries
from nhsplan.errors import CatalogError
from nhsplan.model.formats import PLANNING_REF
from tests.paths import TESTS

SOURCE = TESTS / "sources" / "planning_references.md"


def _rows() -> dict[str, list[dict[str, str]]]:
    """The stored source rows, by planning reference."""
    text = SOURCE.read_text(encoding="utf-8")
    block = re.search(r"```csv\n(.*?)```", text, re.S)
    assert block is not None
    out: dict[str, list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(block.group(1))):
        out.setdefault(row["planning_ref"], []).append(row)
    return out


@pytest.mark.parametrize("ref", sorted(planning_references()))
def test_every_quote_is_the_sources_name_for_its_reference(ref: str) -> None:
    entry = planning_references()[ref]
    names = {
        row[column] for row in _rows().get(ref, []) for column in ("component_name", "measure_name")
    }
    assert entry.quote in names, f"{ref}: {entry.quote!r} is not the source's name for it"


def test_every_metric_is_one_nhsplan_defines() -> None:
    metrics = {m.id for e in editions() for m in load_guidance(e).metrics}
    assert set(reference_map().values()) <= metrics


def test_the_asks_the_issue_names_are_mapped() -> None:
    refs = reference_map()
    assert refs["E.M.13"] == "ae_4_hour"
    assert refs["E.B.18"] == "rtt_52_week_waiters"
    assert refs["E.B.27"] == "cancer_faster_diagnosis"
    assert refs["E.B.35"] == "cancer_62_day"
    assert refs["E.B.23c"] == "ambulance_cat2_mean"


def test_every_entry_cites_nhs_england() -> None:
    for entry in planning_references().values():
        assert entry.citation.publication is not None
        assert entry.citation.publication.publisher == "NHS England"
        assert entry.citation.publication.url.startswith("https://github.com/nhsengland/")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("E.M.13", True),
        ("E.B.23c", True),
        ("E.A.S.1", True),
        ("E.T.3c.i", True),
        ("E.M.13\n", False),
        ("e.m.13", False),
        ("E.13", False),
        ("EM13", False),
    ],
)
def test_the_reference_format(text: str, ok: bool) -> None:
    assert PLANNING_REF.matches(text) is ok


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ({"ref": "EM13", "metric": "ae_4_hour", "quote": "q"}, "$.reference[0].ref"),
        ({"ref": "E.M.13", "metric": "AE", "quote": "q"}, "$.reference[0].metric"),
        ({"ref": "E.M.13", "metric": "ae_4_hour", "quote": " "}, "$.reference[0].quote"),
    ],
)
def test_a_malformed_entry_is_refused_naming_its_field(entry: dict[str, str], field: str) -> None:
    document = {"source": {"title": "t", "publisher": "p"}, "reference": [entry]}
    with pytest.raises(CatalogError, match=re.escape(field)):
        _entries(document)


def test_a_reference_mapped_twice_is_refused() -> None:
    entry = {"ref": "E.M.13", "metric": "ae_4_hour", "quote": "q"}
    document = {"source": {"title": "t", "publisher": "p"}, "reference": [entry, entry]}
    with pytest.raises(CatalogError, match="mapped twice"):
        _entries(document)
