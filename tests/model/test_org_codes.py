"""Tests for nhsplan.model._org_codes: a column of codes in every form reads as each code does."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from numpy.typing import NDArray

from nhsplan.errors import InvalidValueError
from nhsplan.model import Observation, Organisation
from nhsplan.model._org_codes import _FIRST, _REST, read_code, read_codes
from nhsplan.model.formats import ORG_CODE, upper_ascii

Answer = tuple[list[str], bool] | str
"""What reading a column gives: its codes and whether England is among them, or the error."""


def answer(read: Callable[[], tuple[Sequence[str] | NDArray[np.str_], bool]]) -> Answer:
    try:
        codes, england = read()
    except InvalidValueError as exc:
        return str(exc)  # the same refusal, word for word
    return (codes.tolist() if isinstance(codes, np.ndarray) else list(codes)), england


def reference(column: list[object]) -> Answer:
    """Each code read on its own, as Observation reads its org."""

    def read() -> tuple[list[str], bool]:
        codes = [read_code(value, index) for index, value in enumerate(column)]
        return codes, "ENGLAND" in codes

    return answer(read)


def forms(column: list[object]) -> dict[str, object]:
    """Every form of the column that holds the same codes (numpy strips trailing NULs)."""
    out: dict[str, object] = {
        "list": column,
        "tuple": tuple(column),
        "object array": np.array(column, dtype=object),
        "series": pd.Series(column, dtype=object),
    }
    texts = [value for value in column if isinstance(value, str)]
    if len(texts) == len(column) and not any(text.endswith("\x00") for text in texts):
        out["U array"] = np.array(texts, dtype=np.str_)
        if all(text.isascii() for text in texts):
            out["S array"] = np.array([text.encode("ascii") for text in texts], dtype=np.bytes_)
    return out


CODES = st.one_of(
    st.sampled_from(
        ["RBD", "rbd", "E92000001", "e92000001", "ENGLAND", "england", "R-1", "R_1", "-X", "_X"]
    ),
    st.sampled_from(["straße", "ǆ", "", " X", "X\n", "R\x00B", "\x00", "X\x00", "é", "RBDé"]),
    st.text(st.characters(codec="ascii"), max_size=4),
    st.text(st.characters(codec="utf-8"), max_size=3),
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,8}", fullmatch=True),
    st.integers(),
    st.none(),
)


class TestEveryForm:
    @given(st.lists(CODES, max_size=8))
    @example(["RBD", "qvv", "E92000001"])
    @example(["ENGLAND", "-"])
    @example(["R1", "R\x00B"])
    @example(["", "RBD"])
    @example(["RBD", ""])
    @example(["RBD", "", "X"])  # joined, the two NULs side by side at an odd offset ...
    @example(["RB", "", "X"])  # ... and at an even one
    @example(["RB", "X", "", "", "Y"])
    @example(["RBD", "-", "X"])
    @example(["A", "_"])
    @example(["e92000001"])
    @example(["RBD", "e92000001", "england"])
    @example(["XENGLAND", "ENGLANDX", "E9200000"])
    def test_a_column_reads_as_each_code(self, column: list[object]) -> None:
        expected = reference(column)
        for name, form in forms(column).items():
            assert answer(lambda form=form: read_codes(form)) == expected, name  # type: ignore[misc]

    @pytest.mark.parametrize(
        ("bad", "words"),
        [
            ("straße", "not an organisation code"),
            ("", "not an organisation code"),
            ("-X", "not an organisation code"),
            ("R\x00B", "not an organisation code"),
            ("RB D", "whitespace"),
        ],
    )
    def test_a_bad_code_is_named_with_its_row(self, bad: str, words: str) -> None:
        column: list[object] = ["RBD", "qvv", bad, "RXX", "-"]  # the first bad code is named
        for name, form in forms(column).items():
            with pytest.raises(InvalidValueError, match=words) as caught:
                read_codes(form)
            assert caught.value.field == "orgs[2]", name
            assert repr(bad) in str(caught.value), name
            assert "for example 'RBD'" in str(caught.value), name

    @pytest.mark.parametrize("bad", [3, None, b"RBD"])
    def test_not_text(self, bad: object) -> None:
        for form in (["RBD", bad], ("RBD", bad), np.array(["RBD", bad], dtype=object)):
            with pytest.raises(InvalidValueError, match="is not a code") as caught:
                read_codes(form)
            assert caught.value.field == "orgs[1]"

    def test_upper_case_in_ascii_only(self) -> None:
        for form in forms(["rbd", "q-v_v", "e92000001"]).values():
            codes, england = read_codes(form)
            assert list(codes) == ["RBD", "Q-V_V", "ENGLAND"]
            assert england
        for form in forms(["rbd", "ǆ"]).values():  # str.upper would make it "Ǆ", still refused
            with pytest.raises(InvalidValueError, match="'ǆ'"):
                read_codes(form)

    def test_observation_reads_each_code_alike(self) -> None:
        for code in ["rbd", "R-1", "E92000001", "straße", "", "-X"]:
            try:
                expected = Observation(org=code, metric="x", period="2021-11", value=1).org
            except InvalidValueError:
                with pytest.raises(InvalidValueError):
                    read_code(code, 0)
            else:
                assert read_code(code, 0) == expected


class TestKept:
    def test_a_tuple_that_needs_no_change_is_kept(self) -> None:
        column = ("RBD", "QVV")
        assert read_codes(column)[0] is column
        assert read_codes(["RBD", "QVV"]) == (("RBD", "QVV"), False)

    @pytest.mark.parametrize("dtype", [np.str_, np.bytes_])
    def test_a_string_array_stays_an_array(self, dtype: type) -> None:
        given_codes: NDArray[np.generic] = np.array(["RBD", "qvv", "E92000001"], dtype=dtype)
        codes, england = read_codes(given_codes)
        assert isinstance(codes, np.ndarray)
        assert codes.dtype.kind == "U"
        assert not codes.flags.writeable
        assert codes.tolist() == ["RBD", "QVV", "ENGLAND"]
        assert england
        given_codes[0] = "RXX"  # the caller's array is the caller's
        assert codes[0] == "RBD"

    def test_a_read_only_array_is_kept_a_writable_one_copied(self) -> None:
        writable = np.array(["RBD", "QVV", "ENGLAND"])
        codes, england = read_codes(writable)
        assert england
        assert not np.shares_memory(codes, writable)  # the caller may write to theirs
        writable[0] = "RXX"
        assert codes[0] == "RBD"
        read_only = np.array(["RBD", "QVV", "ENGLAND"])
        read_only.flags.writeable = False
        kept, england = read_codes(read_only)
        assert england
        assert isinstance(kept, np.ndarray)
        assert np.shares_memory(kept, read_only)  # nobody may write to it: no copy
        assert not kept.flags.writeable
        for changed in (["rbd"], ["E92000001"]):  # a change is made on a copy
            column = np.array(changed)
            column.flags.writeable = False
            assert not np.shares_memory(read_codes(column)[0], column)

    def test_unusual_arrays(self) -> None:
        big_endian = np.array(["RBD", "qvv"], dtype=">U3")
        assert read_codes(big_endian)[0].tolist() == ["RBD", "QVV"]  # type: ignore[union-attr]
        strided = np.array(["RBD", "bad code", "QVV", "-"])[::2]
        assert read_codes(strided)[0].tolist() == ["RBD", "QVV"]  # type: ignore[union-attr]
        empty = np.array([], dtype=np.str_)
        assert read_codes(empty)[0].tolist() == []  # type: ignore[union-attr]
        with pytest.raises(InvalidValueError, match=r"orgs\[0\]"):
            read_codes(np.array([["RBD"], ["QVV"]]))  # one column, not a table

    def test_an_array_beyond_ascii(self) -> None:
        with pytest.raises(InvalidValueError, match=r"orgs\[1\]: 'Ł' is not"):
            read_codes(np.array(["RBD", "Ł"]))  # U+0141: its low byte is "A"
        with pytest.raises(InvalidValueError, match=r"orgs\[1\]"):
            read_codes(np.array([b"RBD", b"R\xc1"]))


class TestTheFormat:
    """The fast checks read ORG_CODE as a first character then any number of others."""

    @given(st.text(st.characters(codec="ascii"), max_size=6))
    @example("")
    @example("A-")
    @example("-A")
    def test_org_code_is_a_first_class_then_a_rest_class(self, text: str) -> None:
        shaped = bool(text) and ord(text[0]) in _FIRST and all(ord(c) in _REST for c in text[1:])
        assert ORG_CODE.matches(upper_ascii(text)) == shaped

    @given(st.text(min_size=1, max_size=3).filter(lambda text: not text.isascii()))
    def test_beyond_ascii_is_never_a_code(self, text: str) -> None:
        assert not ORG_CODE.matches(upper_ascii(text))


class TestAnOrganisationsCodeIsReadAsAnObservationsOrg:
    """One reading of a code: ``Organisation`` refused ``"rbd"``, which ``Observation`` reads."""

    @pytest.mark.parametrize(("given", "read"), [("rbd", "RBD"), ("E92000001", "ENGLAND")])
    def test_the_same_code(self, given: str, read: str) -> None:
        org = Organisation(code=given, type="acute_trust", system=given.lower(), region=given)
        observation = Observation(org=given, metric="x", period="2021-12", value=1.0)
        assert org.code == org.system == org.region == observation.org == read

    @pytest.mark.parametrize("given", [" RBD", "R B", "straße", ""])
    def test_the_same_refusals(self, given: str) -> None:
        with pytest.raises(InvalidValueError):
            Observation(org=given, metric="x", period="2021-12", value=1.0)
        with pytest.raises(InvalidValueError, match="code"):
            Organisation(code=given, type="acute_trust")
