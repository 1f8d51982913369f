"""targets_in_force: every target in force on a date, across editions."""

from __future__ import annotations

from datetime import date

import pytest

from nhsplan.catalog.in_force import targets_in_force
from nhsplan.model import OrgType


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
