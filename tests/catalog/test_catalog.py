"""The shipped editions as a whole: registry, loading, invalid files, snapshots, citations."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nhsplan
from nhsplan.catalog import EDITIONS, MAX_PRIORITY_DEPTH, normalise_edition, parse_document
from nhsplan.catalog.serialise import unstructure
from nhsplan.errors import CatalogError, NhsplanError, UnknownEditionError
from nhsplan.model import Citation, Guidance
from tests import paths
from tests.profiles import examples

ROOT = paths.ROOT
FIXTURES = ROOT / "tests" / "fixtures" / "invalid"
GOLDEN = ROOT / "tests" / "golden"
UPDATE_GOLDEN = os.environ.get("NHSPLAN_UPDATE_GOLDEN") == "1"

DESIGN_IDS = {
    "2021/22": [
        "elective_recovery_fund_threshold",
        "outpatient_remote_attendances",
        "cancer_62_day_backlog",
        "cancer_faster_diagnosis_standard",
        "learning_disability_mortality_reviews",
        "pcn_additional_roles_fte",
        "personalised_care_interventions",
        "nhs111_booked_ed_slots",
        "urgent_community_response_2h",
        "ics_governance_mou",
    ],
    "2020/21": ["general_acute_bed_occupancy", "rtt_52_week_waits", "iapt_access_expansion"],
    "standards": [
        "ae_4_hour",
        "rtt_18_weeks_incomplete",
        "cancer_62_day",
        "cancer_31_day",
        "cancer_2_week_wait",
        "diagnostics_6_weeks",
    ],
}


def _slug(edition: str) -> str:
    return edition.replace("/", "-")


class TestRegistry:
    def test_every_file_is_registered_and_every_entry_has_a_file(self) -> None:
        shipped = {
            entry.name
            for entry in resources.files("nhsplan.catalog").joinpath("data").iterdir()
            if entry.name.endswith(".toml")
        }
        assert shipped == set(EDITIONS.values())

    def test_editions(self) -> None:
        assert nhsplan.editions() == (
            "2017-19",
            "2020/21",
            "2021/22",
            "2022/23",
            "2023/24",
            "2024/25",
            "2025/26",
            "2026-29",
            "standards",
        )

    @pytest.mark.parametrize(
        ("given_id", "canonical"),
        [
            ("2021/22", "2021/22"),
            ("2021-22", "2021/22"),
            ("2021/2022", "2021/22"),
            (" 2020-21 ", "2020/21"),
            ("2017-19", "2017-19"),
            ("2017/19", "2017-19"),
            ("standards", "standards"),
            ("2022-23", "2022/23"),
            ("2025/2026", "2025/26"),
            ("2026/27", "2026-29"),
            ("2026-27", "2026-29"),
            ("2026/29", "2026-29"),
        ],
    )
    def test_normalise(self, given_id: str, canonical: str) -> None:
        assert normalise_edition(given_id) == canonical

    @pytest.mark.parametrize("bad", ["2019/20", "2021/23", "latest", ""])
    def test_unknown_edition(self, bad: str) -> None:
        with pytest.raises(UnknownEditionError) as info:
            nhsplan.load_guidance(bad)
        assert "2021/22" in str(info.value)  # lists the known editions
        assert isinstance(info.value, LookupError)

    def test_loading_an_edition_imports_pint_only_then(self) -> None:
        code = (
            "import sys, nhsplan; [nhsplan.load_guidance(e) for e in nhsplan.editions()]; "
            "print('pint' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        # Loading an edition builds its quantities, which needs pint (DESIGN.md: "pint may
        # load when the first quantity is needed"); importing nhsplan alone does not.
        assert out.stdout.strip() == "True"

    def test_loads_are_cached(self) -> None:
        assert nhsplan.load_guidance("2021/22") is nhsplan.load_guidance("2021-22")


@pytest.mark.parametrize("edition", list(EDITIONS))
class TestEveryEdition:
    def test_loads(self, edition: str) -> None:
        g = nhsplan.load_guidance(edition)
        assert isinstance(g, Guidance)
        assert g.id == edition
        assert g.priorities
        assert g.targets

    def test_every_entry_is_cited(self, edition: str) -> None:
        g = nhsplan.load_guidance(edition)
        entries = [
            *(p for top in g.priorities for p in top.walk()),
            *g.requirements,
            *g.targets,
            *g.funding,
            *g.frameworks,
        ]
        uncited = [
            getattr(e, "id", getattr(e, "code", "?"))
            for e in entries
            if not e.citation.source.strip()
        ]
        assert uncited == []
        for target in g.targets:
            for amendment in getattr(target, "amendments", ()):
                assert amendment.citation.source

    def test_golden_snapshot(self, edition: str) -> None:
        """The edition's content changes only on purpose: regenerate with
        NHSPLAN_UPDATE_GOLDEN=1 and review the diff."""
        data = unstructure(nhsplan.load_guidance(edition))
        path = GOLDEN / f"{_slug(edition)}.json"
        text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        if UPDATE_GOLDEN:
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no snapshot {path.name}: run with NHSPLAN_UPDATE_GOLDEN=1"
        assert text == path.read_text(encoding="utf-8")

    def test_round_trips(self, edition: str) -> None:
        g = nhsplan.load_guidance(edition)
        again = nhsplan.catalog.serialise.from_json(nhsplan.catalog.serialise.to_json(g), Guidance)
        assert again == g

    def test_every_entry_carries_a_quote(self, edition: str) -> None:
        """Issue 9: a board paper can print the words every entry encodes."""
        unquoted = [
            name for name, citation in _every_citation(edition) if not citation.quote.strip()
        ]
        assert unquoted == []

    def test_quotes_are_verbatim_in_their_source(self, edition: str) -> None:
        """Each quote is in its seed, in REFERENCE.md, or in the passages recorded for its web
        source in ``tests/sources/<edition>.md``, after collapsing whitespace only."""
        recorded = _recorded_passages(edition)
        texts: dict[str, str] = {}
        missing = []
        for name, citation in _every_citation(edition):
            if citation.source in recorded:
                text = recorded[citation.source]
            elif SHARED is None:
                pytest.skip("shared/ (seeds and REFERENCE.md) is not beside the repository")
            else:
                path = SHARED / (
                    "REFERENCE.md"
                    if citation.source == "REFERENCE.md"
                    else f"seeds/{citation.source}"
                )
                if not path.is_file():
                    missing.append(f"{name}: no source {citation.source!r}")
                    continue
                text = texts.setdefault(citation.source, _squash(path.read_text(encoding="utf-8")))
            if not citation.quote.strip() or _squash(citation.quote) not in text:
                missing.append(f"{name}: {citation.source}: {citation.quote[:60]!r}")
        assert missing == []

    def test_every_recorded_source_is_cited(self, edition: str) -> None:
        """No passages are recorded for a source the edition does not cite."""
        cited = {citation.source for _, citation in _every_citation(edition)}
        assert set(_recorded_passages(edition)) - cited == set()


SOURCES = ROOT / "tests" / "sources"


def _recorded_passages(edition: str) -> dict[str, str]:
    """The passages recorded for each web source of *edition*, by source key, squashed.

    ``tests/sources/<edition>.md`` has one ``## <key>`` section per source record.
    """
    path = SOURCES / f"{_slug(edition)}.md"
    if not path.is_file():
        return {}
    sections = re.split(r"^## (\S+)[ \t]*$", path.read_text(encoding="utf-8"), flags=re.M)
    return {key: _squash(body) for key, body in zip(sections[1::2], sections[2::2], strict=True)}


def _every_citation(edition: str) -> list[tuple[str, Citation]]:
    """Every citation an edition carries, named for the entry that carries it."""
    g = nhsplan.load_guidance(edition)
    found: list[tuple[str, Citation | None]] = [("edition", g.citation)]
    found += [(f"priority {p.code}", p.citation) for top in g.priorities for p in top.walk()]
    found += [(f"requirement {r.id}", r.citation) for r in g.requirements]
    found += [(f"metric {m.id}", m.citation) for m in g.metrics]
    for t in g.targets:
        found.append((f"target {t.id}", t.citation))
        found += [
            (f"amendment {t.id} {a.effective}", a.citation) for a in getattr(t, "amendments", ())
        ]
    for f in g.funding:
        found.append((f"funding {f.id}", f.citation))
        found += [(f"discrepancy {f.id} {d.value}", d.citation) for d in f.discrepancies]
    found += [(f"framework {fw.id}", fw.citation) for fw in g.frameworks]
    return [(name, c) for name, c in found if c is not None]


def _shared() -> Path | None:
    """The shared/ folder (seeds, REFERENCE.md): beside the repository or beside its work tree."""
    for parent in ROOT.parents[:2]:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared"
    return None


SHARED = _shared()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_target_ids_unique_across_editions() -> None:
    counts = Counter(t.id for e in EDITIONS for t in nhsplan.load_guidance(e).targets)
    assert [i for i, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(
    ("edition", "target_id"), [(e, t) for e, ids in DESIGN_IDS.items() for t in ids]
)
def test_design_target_ids_exist(edition: str, target_id: str) -> None:
    assert nhsplan.load_guidance(edition).target(target_id).id == target_id


INVALID = [
    ("unknown_key.toml", "$.targets[0]", "unknown key 'threshhold'"),
    ("bad_date.toml", "$.targets[0].effective_from", "for example '2021-06-30'"),
    ("bad_unit.toml", "$.targets[0].value", "unknown unit 'quits'"),
    ("bad_deadline.toml", "$.targets[0].deadline", "for example 'by the end of Q1'"),
    ("duplicate_id.toml", "$.targets[1]", "duplicate id 'quit_rate'"),
    ("dangling_metric.toml", "$.targets[0].metric", "unknown metric 'smoking_quit_rates'"),
    ("priority_cycle.toml", "$.priorities[1].parent", "its own ancestor"),
    ("unknown_kind.toml", "$.targets[0]", "unknown kind 'wish'"),
    ("bad_toml.toml", "$", "invalid TOML"),
    ("proportion_out_of_range.toml", "$.targets[0].value", "between 0 and 100 %"),
    ("unknown_org_type.toml", "$.requirements[0].owners", "'hospital' is not an organisation"),
    ("bad_year.toml", "$.year", "for example '2021/22'"),
    ("unknown_extends.toml", "$.extends[0]", "unknown guidance edition '2019/20'"),
    ("extends_not_a_list.toml", "$.extends", 'for example extends = ["2021/22"]'),
    ("notes_not_a_list.toml", "$.notes", "expected a list, got str 'hello'"),
    ("not_utf8.toml", "line 2", "not UTF-8 text (byte 0xe9"),
    ("lone_surrogate.toml", "line 2", "save it with the encoding UTF-8"),
    ("nested_too_deep.toml", "$", "nested too deeply"),
    ("priority_code_not_text.toml", "$.priorities[0].code", "a code is text"),
    ("bool_number.toml", "$.frameworks[0].segments[0].number", "expected a whole number"),
    ("total_of_a_proportion.toml", "$.targets[0].judged", "make 1152 %"),
]


class TestInvalidFiles:
    @pytest.mark.parametrize(("name", "path", "message"), INVALID)
    def test_reports(self, name: str, path: str, message: str) -> None:
        file = FIXTURES / name
        with pytest.raises(CatalogError) as info:
            nhsplan.load_guidance(file)
        assert str(info.value).startswith(str(file))
        assert any(p == path and message in m for p, m in info.value.problems), info.value.problems

    def test_every_fixture_is_tested(self) -> None:
        assert {p.name for p in FIXTURES.glob("*.toml")} == {name for name, _, _ in INVALID}

    def test_all_form_problems_at_once(self) -> None:
        doc = {
            "id": "x",
            "title": "x",
            "year": "2021/22",
            "citation": "x",
            "metrics": [
                {"id": "m", "name": "m", "unit": "parsecs", "polarity": "up", "kind": "count"}
            ],
        }
        with pytest.raises(CatalogError) as info:
            parse_document(doc, source="memory")
        paths = sorted(p for p, _ in info.value.problems)
        assert paths == ["$.metrics[0].polarity", "$.metrics[0].unit"]

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(UnknownEditionError):
            nhsplan.load_guidance(str(tmp_path / "nope.toml"))
        with pytest.raises(CatalogError, match="cannot read"):
            nhsplan.load_guidance(tmp_path / "nope.toml")

    def test_json_file(self, tmp_path: Path) -> None:
        bad = tmp_path / "local.json"
        bad.write_text("{", encoding="utf-8")
        with pytest.raises(CatalogError, match="invalid JSON"):
            nhsplan.load_guidance(bad)
        good = tmp_path / "good.json"
        good.write_text(
            json.dumps({"id": "j", "title": "J", "year": "2021-22", "citation": "x"}),
            encoding="utf-8",
        )
        assert nhsplan.load_guidance(good).id == "j"


class TestStrictShapes:
    """A value of the wrong shape is a problem with its key path, never a silent change."""

    BASE: ClassVar[dict[str, object]] = {
        "id": "x",
        "title": "x",
        "year": "2021/22",
        "citation": "x",
    }

    @pytest.mark.parametrize(
        ("key", "value", "path", "message"),
        [
            ("notes", "hello", "$.notes", "expected a list"),
            ("notes", {"a": "b"}, "$.notes", "expected a list"),
            ("notes", [1], "$.notes[0]", "expected text, got int 1"),
            ("extends", "2021/22", "$.extends", "not '2021/22'"),
            ("extends", [2021], "$.extends[0]", "an edition id is text"),
            ("extends", {"x": 1}, "$.extends", "not dict"),
            ("title", 5, "$.title", "expected text, got int 5"),
            pytest.param(
                "year", 10**5000, "$.year", "text must be a str, not int", id="year-huge-int"
            ),
            ("years", "2021/22", "$.years", "expected a list"),
            (
                "priorities",
                [{"code": {"a": 1}, "title": "t", "citation": "x"}],
                "$.priorities[0].code",
                "a code is text",
            ),
            (
                "priorities",
                [{"code": "a", "parent": ["b"], "title": "t", "citation": "x"}],
                "$.priorities[0].parent",
                "a parent is a priority's code",
            ),
        ],
    )
    def test_refused(self, key: str, value: object, path: str, message: str) -> None:
        with pytest.raises(CatalogError) as info:
            parse_document({**self.BASE, key: value}, source="memory")
        assert any(p == path and message in m for p, m in info.value.problems), info.value.problems

    def test_a_deep_priority_chain_is_refused(self) -> None:
        chain = [
            {
                "code": f"p{i}",
                "title": "t",
                "citation": "x",
                **({"parent": f"p{i - 1}"} if i else {}),
            }
            for i in range(MAX_PRIORITY_DEPTH + 2)
        ]
        with pytest.raises(CatalogError, match="nest at most 20 levels") as info:
            parse_document({**self.BASE, "priorities": chain}, source="memory")
        assert [p for p, _ in info.value.problems] == [
            f"$.priorities[{MAX_PRIORITY_DEPTH + 1}].parent"
        ]
        assert parse_document({**self.BASE, "priorities": chain[:-1]}).priorities

    def test_a_byte_order_mark_is_read(self, tmp_path: Path) -> None:
        file = tmp_path / "bom.toml"
        file.write_bytes(b'\xef\xbb\xbfid = "bom"\ntitle = "x"\nyear = "2021/22"\ncitation = "x"\n')
        assert nhsplan.load_guidance(file).id == "bom"

    def test_toml_1_1_is_read(self, tmp_path: Path) -> None:
        # An inline table over several lines, with a trailing comma: TOML 1.1, as tomli >= 2.4
        # and Python 3.15's tomllib read it.
        file = tmp_path / "toml11.toml"
        file.write_text(
            'id = "toml11"\ntitle = "x"\nyear = "2021/22"\n'
            'citation = {\n  source = "x.pdf",\n  section = "p.3",\n}\n',
            encoding="utf-8",
        )
        assert nhsplan.load_guidance(file).citation.section == "p.3"

    def test_surrogates_and_control_characters_load(self, tmp_path: Path) -> None:
        file = tmp_path / "odd.json"
        title = "odd \udc80 \x1b[31mred\x1b[0m \x00"
        file.write_text(json.dumps({**self.BASE, "title": title}), encoding="utf-8")
        assert nhsplan.load_guidance(file).title == title

    @pytest.mark.parametrize(
        ("edition", "message"),
        [
            (2021, "give it as text: '2021/22'"),
            (None, "give an edition id as text"),
            (b"2021/22", "decode it first"),
            ("x" * 5000 + ".toml", "unknown guidance edition"),
        ],
    )
    def test_editions_not_text(self, edition: Any, message: str) -> None:
        with pytest.raises(UnknownEditionError, match=message):
            nhsplan.load_guidance(edition)

    def test_an_edition_by_its_financial_year(self) -> None:
        assert nhsplan.load_guidance(nhsplan.FinancialYear(2021)).id == "2021/22"


class TestLocalPriorities:
    def test_example_extends_the_national_edition(self) -> None:
        local = nhsplan.load_guidance(ROOT / "docs" / "examples" / "local-priorities.toml")
        national = nhsplan.load_guidance("2021/22")
        assert local.extends == ("2021/22",)
        assert local.target("example_ics_remote_outpatients").metric == "outpatient_remote_share"
        assert local.target("cancer_faster_diagnosis_standard") == national.target(
            "cancer_faster_diagnosis_standard"
        )
        assert len(local.targets) == len(national.targets) + 2
        assert local.targets[0].id == "example_ics_smoking_quit_rate"  # local entries first


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.floats(allow_nan=False),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


class TestFuzz:
    """Only documented exceptions escape the loader, whatever the document holds."""

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        key=st.sampled_from(
            [
                "priorities",
                "requirements",
                "metrics",
                "targets",
                "funding",
                "frameworks",
                "extends",
                "notes",
                "year",
                "citation",
                "years",
            ]
        ),
        value=JSONISH,
    )
    def test_random_sections(self, key: str, value: object) -> None:
        doc: dict[str, object] = {"id": "x", "title": "x", "year": "2021/22", "citation": "x"}
        doc[key] = value
        with contextlib.suppress(NhsplanError):
            parse_document(doc, source="fuzz")

    @settings(max_examples=examples(50, 200), deadline=None)
    @given(st.data())
    def test_mutated_real_edition(self, data: st.DataObject) -> None:
        doc = json.loads((GOLDEN / "2021-22.json").read_text(encoding="utf-8"))
        section = data.draw(st.sampled_from(["targets", "requirements", "metrics", "funding"]))
        items = doc[section]
        index = data.draw(st.integers(0, len(items) - 1))
        field = data.draw(st.sampled_from(sorted(items[index])))
        items[index][field] = data.draw(JSONISH)
        doc["priorities"] = _flatten(doc["priorities"])
        with contextlib.suppress(NhsplanError):
            parse_document(doc, source="fuzz")


def _flatten(tree: list[dict[str, object]], parent: str | None = None) -> list[dict[str, object]]:
    flat: list[dict[str, object]] = []
    for node in tree:
        children = node.pop("children", [])
        if parent is not None:
            node["parent"] = parent
        flat.append(node)
        flat += _flatten(children, str(node["code"]))  # type: ignore[arg-type]
    return flat
