"""targets_in_force: every target in force on a date, across editions."""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

import pytest

from nhsplan.catalog import (
    editions,
    in_force,
    load_guidance,
    normalise_edition,
    parse_document,
    registry,
)
from nhsplan.catalog.in_force import targets_in_force
from nhsplan.catalog.registry import targets_end
from nhsplan.model import Guidance, OrgType


def _ids(on: date, org_type: OrgType | None = None) -> set[str]:
    return {r.target.id for r in targets_in_force(on, org_type=org_type)}


class TestTargetsInForce:
    def test_each_row_is_in_force_on_the_date(self) -> None:
        on = date(2024, 1, 15)
        rows = targets_in_force(on)
        assert rows
        assert all(r.target.in_force(on) for r in rows)

    def test_an_annual_edition_ends_with_its_year(self) -> None:
        assert "cancer_faster_diagnosis_standard" in _ids(date(2022, 1, 31))
        assert "cancer_faster_diagnosis_standard" not in _ids(date(2022, 4, 30))

    def test_a_retired_standard_drops_out(self) -> None:
        assert "cancer_2_week_wait" in _ids(date(2023, 9, 30))
        assert "cancer_2_week_wait" not in _ids(date(2023, 10, 1))

    def test_an_interim_target_appears_when_it_was_set(self) -> None:
        assert "ae_4_hour_interim_2024" not in _ids(date(2022, 12, 22))
        assert "ae_4_hour_interim_2024" in _ids(date(2022, 12, 23))

    @pytest.mark.parametrize(
        ("org_type", "present", "absent"),
        [
            (OrgType.AMBULANCE_TRUST, "ambulance_cat1_mean", "ae_4_hour"),
            (OrgType.ACUTE_TRUST, "ae_4_hour", "ambulance_cat1_mean"),
        ],
    )
    def test_by_organisation_type(self, org_type: OrgType, present: str, absent: str) -> None:
        ids = _ids(date(2021, 12, 31), org_type)
        assert present in ids
        assert absent not in ids

    def test_national_ambitions_only_for_the_national_type(self) -> None:
        on = date(2021, 12, 31)
        assert "personalised_care_interventions" not in _ids(on, OrgType.SYSTEM)
        assert "personalised_care_interventions" in _ids(on, OrgType.NATIONAL)

    def test_rows_say_what_is_asked(self) -> None:
        (row,) = [r for r in targets_in_force(date(2019, 3, 31)) if r.target.id == "ae_4_hour"]
        assert (row.edition, row.required) == ("standards", "at least 95%")
        assert str(row) == "standards  ae_4_hour: at least 95%"


_LAST = date(2022, 3, 31)
_ENDED: dict[str, Any] = {"id": "ended", "effective_until": _LAST}


class TestEditionsPassedOver:
    """An edition whose every target ended before the date is not built, with the same rows."""

    @pytest.mark.parametrize("edition", editions())
    def test_the_end_read_from_the_file_is_the_built_targets_end(self, edition: str) -> None:
        ends = [t.effective_until for t in load_guidance(edition).targets]
        built = None if None in ends else max(e for e in ends if e is not None)
        assert targets_end(edition) == built

    @pytest.mark.parametrize(
        "on",
        [
            date(2017, 4, 1),
            date(2019, 3, 31),  # 2017-19's last day
            date(2019, 4, 1),
            date(2021, 4, 30),  # 2020/21's last day
            date(2021, 5, 1),
            date(2024, 12, 31),  # 2021/22's last day
            date(2025, 1, 1),
            date(2025, 3, 31),  # the last day of 2022/23 and 2024/25
            date(2025, 4, 1),
            date(2026, 1, 1),
            date(2026, 3, 31),
            date(2026, 4, 1),
            date(2029, 3, 31),
            date(2029, 4, 1),
        ],
    )
    @pytest.mark.parametrize("org_type", [None, OrgType.ACUTE_TRUST, OrgType.NATIONAL])
    def test_the_same_rows_as_building_every_edition(
        self, on: date, org_type: OrgType | None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        passed_over = targets_in_force(on, org_type=org_type)
        monkeypatch.setattr(in_force, "targets_end", lambda _edition: None)
        assert passed_over == targets_in_force(on, org_type=org_type)

    def test_an_edition_over_by_the_date_is_not_built(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        built: list[str] = []

        def load(edition: str) -> Guidance:
            built.append(edition)
            return load_guidance(edition)

        monkeypatch.setattr(in_force, "load_guidance", load)
        targets_in_force(date(2026, 1, 1))
        assert built == ["2025/26", "2026-29", "standards"]

    @pytest.mark.parametrize("edition", ["2021-22", "2026/27"])
    def test_other_names_of_an_edition(self, edition: str) -> None:
        assert targets_end(edition) == targets_end(normalise_edition(edition))
        assert targets_end(edition) is not None

    def test_no_end_for_what_is_not_a_shipped_edition(self) -> None:
        assert targets_end("my-ics.toml") is None

    @pytest.mark.parametrize(
        ("document", "end"),
        [
            ({"targets": [_ENDED, _ENDED | {"effective_until": date(2022, 1, 31)}]}, _LAST),
            ({"targets": [_ENDED, {"id": "open"}]}, None),
            ({"targets": [_ENDED], "extends": ["2021/22"]}, None),  # its targets too
            ({"targets": [_ENDED | {"effective_until": datetime(2021, 3, 31, 12)}]}, None),
            ({"targets": [_ENDED | {"effective_until": "2021-03-31"}]}, None),
            ({"targets": [_ENDED, "a target"]}, None),
            ({"targets": [_ENDED, 5]}, None),
            ({"targets": {"id": "not a list"}}, None),
            ({}, None),
        ],
    )
    def test_an_end_only_where_every_target_has_a_date(
        self, document: dict[str, Any], end: date | None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(registry, "_shipped_document", lambda _edition: document)
        assert targets_end("2021/22") == end

    def test_building_an_edition_leaves_its_file_as_read(self) -> None:
        document = registry._shipped_document("2021/22")
        before = copy.deepcopy(document)
        parse_document(document, source="2021-22.toml")
        assert document == before
