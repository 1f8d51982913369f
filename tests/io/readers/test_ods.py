"""The ODS trust register: naming organisations and telling NHS trusts from other sites."""

from __future__ import annotations

import io
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from nhsplan.errors import NhsplanError
from nhsplan.io.readers import (
    OdsRegister,
    SourceFileError,
    UnknownOrganisationError,
    read_ae_attendances,
    read_ods_trusts,
)
from tests import paths

SHARED = paths.SHARED / "data" / "ods_etr_trusts.csv"


def _stream(text: str) -> io.StringIO:
    return io.StringIO(text, newline="")


ROW = "RXX,A TEST NHS TRUST,Y56,Q71,ADDRESS,,,TOWN,,AB1 2CD,20100401,{close},,,,,,,,,,0,,H\n"


class TestBundledRegister:
    def test_every_row_is_read(self) -> None:
        register = read_ods_trusts()
        assert len(register) == 241
        assert register.issues == ()

    @pytest.mark.skipif(not SHARED.is_file(), reason="shared data is not beside the repo")
    def test_bundled_copy_is_the_published_file_unchanged(self) -> None:
        bundled = resources.files("nhsplan.data").joinpath("ods_etr_trusts.csv").read_bytes()
        assert bundled == SHARED.read_bytes()

    def test_names_a_trust(self) -> None:
        register = read_ods_trusts()
        rbd = register["RBD"]
        assert rbd.name == "DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST"
        assert rbd.region == "South"
        assert rbd.opened == date(1991, 4, 1)
        assert register.display("rbd") == "RBD Dorset County Hospital NHS Foundation Trust"

    @pytest.mark.parametrize("code", ["8J094", "C82009", "Y02147", "ENGLAND"])
    def test_walk_in_and_gp_led_sites_are_not_trusts(self, code: str) -> None:
        register = read_ods_trusts()
        assert not register.is_trust(code)
        assert register.get(code) is None
        assert "not an NHS trust" in register.display(code)

    def test_unknown_code_is_a_lookup_error_with_an_example(self) -> None:
        with pytest.raises(UnknownOrganisationError, match="for example 'RBD'") as info:
            read_ods_trusts()["ZZZ"]
        assert isinstance(info.value, NhsplanError)
        assert isinstance(info.value, LookupError)

    def test_ae_providers_split_into_trusts_and_others(self) -> None:
        # data/README: 170 of the 274 organisations in the A&E file are in the register.
        codes = {o.org for o in read_ae_attendances().observations} - {"ENGLAND"}
        trusts, others = read_ods_trusts().identify(codes)
        assert (len(trusts), len(others)) == (170, 104)
        assert "8J094" in others
        assert "RBD" in trusts


class TestUserFile:
    def test_a_newer_file_is_read_the_same_way(self, tmp_path: Path) -> None:
        path = tmp_path / "etr.csv"
        path.write_text(ROW.format(close=""), encoding="utf-8")
        register = read_ods_trusts(path)
        assert isinstance(register, OdsRegister)
        assert register.source == str(path)
        assert [o.code for o in register] == ["RXX"]
        assert register["RXX"].title == "A Test NHS Trust"

    def test_closed_trust_knows_when_it_was_open(self) -> None:
        register = read_ods_trusts(_stream(ROW.format(close="20160331")))
        trust = register["RXX"]
        assert trust.closed == date(2016, 3, 31)
        assert trust.open_on(date(2015, 1, 1))
        assert not trust.open_on(date(2016, 3, 31))
        assert not trust.open_on(date(2009, 1, 1))

    @pytest.mark.parametrize(
        ("bad_row", "column", "message"),
        [
            ("short,row\n", None, "2 cells where the register has at least 12"),
            (ROW.replace("RXX", "R X"), "code", "not an ODS code"),
            (ROW.replace("A TEST NHS TRUST", " "), "name", "the name is empty"),
            (ROW.format(close=""), "code", "appears twice"),
        ],
    )
    def test_rows_it_cannot_use_are_reported_not_dropped(
        self, bad_row: str, column: str | None, message: str
    ) -> None:
        register = read_ods_trusts(_stream(ROW.format(close="") + bad_row.format(close="")))
        assert len(register) == 1
        (issue,) = register.issues
        assert issue.row == 2
        assert issue.column == column
        assert message in issue.message

    def test_a_bad_date_is_reported_and_the_row_kept(self) -> None:
        register = read_ods_trusts(_stream(ROW.format(close="2016-03-31")))
        assert register["RXX"].closed is None
        (issue,) = register.issues
        assert issue.column == "close date"
        assert "YYYYMMDD" in issue.message

    def test_a_file_with_no_usable_row_is_an_error(self) -> None:
        with pytest.raises(SourceFileError, match="ODS etr file"):
            read_ods_trusts(_stream("org_code,name\n"))

    def test_bytes_that_are_not_utf8_are_an_error(self, tmp_path: Path) -> None:
        path = tmp_path / "etr.csv"
        path.write_bytes(ROW.format(close="").encode() + b"R1Z,CAF\xe9,Y56\n")
        with pytest.raises(SourceFileError, match="not readable"):
            read_ods_trusts(path)
