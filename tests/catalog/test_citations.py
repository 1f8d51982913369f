# ruff: noqa: RUF001  (the seeds write years with an en dash; the tests keep their words)
"""Citations a board paper can print, and the seeds' own deadline words resolved (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs
import pytest

import nhsplan
from nhsplan.calendar import DeadlineKind, FinancialYear, resolve_deadline
from nhsplan.catalog import parse_document
from nhsplan.catalog.serialise import from_json, to_json
from nhsplan.errors import CatalogError, DeadlineWordingError
from nhsplan.model import Citation, Guidance

LETTER = "001_b4880168b3d542f5.txt"


def _citations(value: Any) -> Iterator[Citation]:
    if isinstance(value, Citation):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if field.init:
                yield from _citations(getattr(value, field.name))
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from _citations(item)


class TestPrintedCitation:
    def test_a_seed_cited_entry_prints_the_letter(self) -> None:
        c = nhsplan.load_guidance("2021/22").requirement("c2_cancer_backlog").citation
        assert str(c) == (
            "NHS England and NHS Improvement, 2021/22 priorities and operational planning "
            "guidance, 25 March 2021, §C2"
        )
        assert c.provenance.startswith(f"seed {LETTER} §C2 (the letter of 25 March 2021")
        assert "NHS Bury CCG" in c.provenance
        assert (
            c.url
            == "https://www.england.nhs.uk/publication/2021-22-priorities-and-operational-planning-guidance/"
        )
        assert c.printed(address=True).endswith(", §C2, " + c.url)

    def test_a_reference_cited_entry_prints_the_original_publication(self) -> None:
        c = nhsplan.load_guidance("standards").target("ae_4_hour_interim_2024").citation
        assert str(c) == (
            "NHS England, Delivery plan for recovering urgent and emergency care services, "
            "30 January 2023"
        )
        assert c.source == "REFERENCE.md"
        assert c.provenance.startswith("REFERENCE.md §NHS constitutional and operational")
        assert c.published == date(2023, 1, 30)
        assert not c.secondary

    def test_a_secondary_source_says_so(self) -> None:
        c = (
            nhsplan.load_guidance("standards")
            .target("general_acute_bed_occupancy_2023_24")
            .citation
        )
        assert str(c) == (
            "HFMA, Productivity improvements prioritised in 2023/24 planning guidance, "
            "5 January 2023 (secondary source)"
        )
        assert c.secondary

    def test_a_source_without_a_stored_address_is_unconfirmed(self) -> None:
        c = nhsplan.load_guidance("2020/21").requirements[0].citation
        assert c.publisher == "NHS Providers"
        assert c.url == ""
        assert str(c).endswith("(secondary source) [unconfirmed]")

    @pytest.mark.parametrize("edition", nhsplan.editions())
    def test_every_citation_resolves_to_a_source_record(self, edition: str) -> None:
        guidance: Guidance = nhsplan.load_guidance(edition)
        citations = list(_citations(guidance))
        assert len(citations) > 10
        missing = [c for c in citations if c.publication is None]
        assert missing == []
        # A REFERENCE.md fact names its original publication, not REFERENCE.md, wherever
        # REFERENCE.md names one.
        for c in citations:
            if c.source == "REFERENCE.md" and c.ref:
                assert c.publication is not None
                assert c.publication.publisher != "nhsplan"

    def test_an_unknown_ref_is_reported_where_it_is(self) -> None:
        doc = {
            "id": "x",
            "title": "x",
            "year": "2021/22",
            "citation": {"source": "REFERENCE.md", "ref": "nowhere"},
            "sources": {"elsewhere": {"title": "t", "publisher": "p"}},
        }
        with pytest.raises(CatalogError, match=r"\$\.citation\.ref.*no source record 'nowhere'"):
            parse_document(doc)

    def test_a_local_file_without_sources_keeps_the_short_form(self) -> None:
        g = parse_document({"id": "x", "title": "x", "year": "2021/22", "citation": "my paper §2"})
        assert str(g.citation) == "my paper §2"
        assert g.citation.publication is None

    def test_a_short_form_citation_takes_its_record(self) -> None:
        doc = {
            "id": "x",
            "title": "x",
            "year": "2021/22",
            "citation": "example ICS board paper §2.1",
            "sources": {
                "example ICS board paper": {
                    "title": "Local priorities 2021/22",
                    "publisher": "Example ICS board",
                    "published": date(2021, 4, 12),
                }
            },
        }
        cited = parse_document(doc).citation
        assert str(cited) == "Example ICS board, Local priorities 2021/22, 12 April 2021, §2.1"
        assert cited.provenance == "example ICS board paper §2.1"

    def test_a_bad_source_record_is_reported_with_its_key(self) -> None:
        doc = {
            "id": "x",
            "title": "x",
            "year": "2021/22",
            "citation": "p",
            "sources": {"p": {"title": "t", "publisher": "p", "precision": "week"}},
        }
        with pytest.raises(CatalogError, match=r"\$\.sources\.p"):
            parse_document(doc)

    def test_the_record_round_trips_through_json(self) -> None:
        g = nhsplan.load_guidance("2021/22")
        again = from_json(to_json(g), Guidance)
        assert (
            again.requirement("c2_cancer_backlog").citation
            == g.requirement("c2_cancer_backlog").citation
        )


# Every wording issue 9 saw altered (the note's sections A, B, D), in the seed's own words,
# and the window the calendar guide documents for it.
WORDINGS: dict[str, tuple[str, DeadlineKind, date | None, date | None]] = {
    "a_people_plans": (
        "For the first half of 2021/22",
        DeadlineKind.COVERING,
        date(2021, 4, 1),
        date(2021, 9, 30),
    ),
    "a1_wellbeing_conversations": (
        "over the course of first half of the year",
        DeadlineKind.DURING,
        date(2021, 4, 1),
        date(2021, 9, 30),
    ),
    "c1_elective_delivery_plans": (
        "for April 2021 to September 2021",
        DeadlineKind.COVERING,
        date(2021, 4, 1),
        date(2021, 9, 30),
    ),
    "c2_alliance_delivery_plan": (
        "for April 2021 to September 2021",
        DeadlineKind.COVERING,
        date(2021, 4, 1),
        date(2021, 9, 30),
    ),
    "d2_health_inequalities_focus": (
        "in the first half of 2021/22",
        DeadlineKind.DURING,
        date(2021, 4, 1),
        date(2021, 9, 30),
    ),
    "f5_h1_envelopes": (
        "For the six-month period to 30 September 2021",
        DeadlineKind.COVERING,
        date(2021, 4, 1),
        date(2021, 9, 30),
    ),
    "f5_efficiency": (
        "increasing through the second quarter",
        DeadlineKind.DURING,
        date(2021, 7, 1),
        date(2021, 9, 30),
    ),
    "c1_independent_sector_mechanisms": (
        "Over the next 2 months",
        DeadlineKind.DURING,
        date(2021, 3, 25),
        date(2021, 5, 25),
    ),
    "c1_independent_sector": ("end on 31 March", DeadlineKind.FROM, date(2021, 4, 1), None),
    "c1_outpatient_counting_h2": (
        "For the second half of the year",
        DeadlineKind.COVERING,
        date(2021, 10, 1),
        date(2022, 3, 31),
    ),
    "f3_shared_care_record_roadmap": (
        "ready for April 2022",
        DeadlineKind.BY,
        None,
        date(2022, 3, 31),
    ),
    "shared_care_record_roadmap_2021_22": (
        "ready for April 2022",
        DeadlineKind.BY,
        None,
        date(2022, 3, 31),
    ),
    "c2_fds_data": ("from spring 2021", DeadlineKind.FROM, date(2021, 3, 25), None),
    "c2_cancer_backlog": ("by March 2022", DeadlineKind.BY, None, date(2022, 3, 31)),
    "ec_delegated_commissioning": (
        "by the end of 2018–19",
        DeadlineKind.BY,
        None,
        date(2019, 3, 31),
    ),
    "ccg_delegated_primary_care_commissioning": (
        "by the end of 2018–19",
        DeadlineKind.BY,
        None,
        date(2019, 3, 31),
    ),
    "sf_diabetes_prevention": (
        "over 2017–2019",
        DeadlineKind.DURING,
        date(2017, 4, 1),
        date(2019, 3, 31),
    ),
}


def _entry(entry_id: str) -> Any:
    for edition in ("2021/22", "2017-19"):
        g = nhsplan.load_guidance(edition)
        for item in (*g.requirements, *g.targets):
            if item.id == entry_id:
                return item, g
    raise KeyError(entry_id)


class TestSeedWordings:
    @pytest.mark.parametrize("entry_id", sorted(WORDINGS))
    def test_the_seed_words_are_kept_and_resolved(self, entry_id: str) -> None:
        words, kind, start, end = WORDINGS[entry_id]
        item, guidance = _entry(entry_id)
        assert item.deadline.words == words
        assert item.deadline.kind is kind
        assert (item.deadline.start, item.deadline.end) == (start, end)
        # The words are the seed's own: they appear in the quoted passage (the backlog bullet
        # is a recorded reading: "by March 2022" closes the next bullet, see the notes).
        if entry_id != "c2_cancer_backlog":
            quoted = " ".join(item.citation.quote.split()).lower()
            assert " ".join(words.split()).lower() in quoted
        if guidance.published is not None:
            assert item.deadline.resolved >= guidance.published

    @pytest.mark.parametrize(
        "entry_id", ["c1_elective_delivery_plans", "c2_alliance_delivery_plan"]
    )
    def test_a_plan_for_a_period_is_due_when_the_letter_says(self, entry_id: str) -> None:
        item, guidance = _entry(entry_id)
        assert item.due is not None
        assert item.due.end == date(2021, 6, 3)
        assert item.due_by == item.due
        assert item.due_citation.section == "§F5"
        listed = {d.id: d.deadline for d in guidance.deadlines}
        assert listed[entry_id].resolved == date(2021, 6, 3)  # not 30 September

    def test_a_covering_window_without_a_due_date_is_not_a_due_date(self) -> None:
        item, _ = _entry("a_people_plans")
        assert item.due_by is None


FY = FinancialYear(2021)
PUBLISHED = date(2021, 3, 25)


class TestResolverRules:
    def test_relative_words_need_the_publication_date(self) -> None:
        with pytest.raises(DeadlineWordingError, match="publication date"):
            resolve_deadline("over the next 2 months", FY)

    def test_no_start_before_publication(self) -> None:
        assert resolve_deadline("from spring 2021", FY).start == date(2021, 3, 1)
        assert resolve_deadline("from spring 2021", FY, published=PUBLISHED).start == PUBLISHED

    def test_words_ending_before_publication_are_an_error(self) -> None:
        with pytest.raises(DeadlineWordingError, match="before the document was published"):
            resolve_deadline("by 1 March 2021", FY, published=PUBLISHED)

    def test_ready_for_is_the_day_before_the_month(self) -> None:
        window = resolve_deadline("ready for April 2022", FY)
        assert window.end == date(2022, 3, 31)
        assert window.judged_month() == nhsplan.Month(2022, 3)

    @pytest.mark.parametrize(
        ("words", "start", "end"),
        [
            ("for Q1 to Q2", date(2021, 4, 1), date(2021, 9, 30)),
            ("for the three-month period to 30 June 2021", date(2021, 4, 1), date(2021, 6, 30)),
            ("in the second half of 2022/23", date(2022, 10, 1), date(2023, 3, 31)),
        ],
    )
    def test_spans(self, words: str, start: date, end: date) -> None:
        window = resolve_deadline(words, FY)
        assert (window.start, window.end) == (start, end)

    def test_a_range_must_run_forward(self) -> None:
        with pytest.raises(DeadlineWordingError, match="ends before it starts"):
            resolve_deadline("for September 2021 to April 2021", FY)


class TestAsksOnceMissing:
    @pytest.mark.parametrize(
        ("entry_id", "words", "source"),
        [
            ("a_support_rest_recuperation", "support, rest and recuperation", LETTER),
            ("c3_mhip_foundation", "Mental Health Implementation Plan 2019/20–2023/24", LETTER),
            ("d2_inequalities_of_outcome_investment", "inequalities of outcome", LETTER),
            ("f1_place_led_population_health", "building blocks", "002_5254a736013691ab.txt"),
            ("f1_clinical_leadership", "leadership will be enhanced", "002_5254a736013691ab.txt"),
        ],
    )
    def test_the_ask_is_encoded_with_its_words(
        self, entry_id: str, words: str, source: str
    ) -> None:
        item = nhsplan.load_guidance("2021/22").requirement(entry_id)
        assert words in item.citation.quote
        assert item.citation.source == source

    def test_000_reading_of_the_120m_is_a_discrepancy(self) -> None:
        g = nhsplan.load_guidance("2021/22")
        line = next(f for f in g.funding if f.id == "general_practice_capacity")
        (other,) = line.discrepancies
        assert other.citation.source == "000_32c75981ba0a7865.txt"
        assert "15.5k FTE target" in other.citation.quote
        assert str(other.citation).startswith("Good Governance Institute, Planning guidance")
