from __future__ import annotations

import contextlib
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nhsplan
from nhsplan import units
from nhsplan.errors import (
    InvalidValueError,
    QuantityParseError,
    UnitMismatchError,
    UnknownUnitError,
)
from nhsplan.units import (
    canonical_unit,
    compare,
    convert,
    parse_unit,
    quantity,
    registry,
    same_dimension,
)
from tests import strategies_units as su

PARSE_CASES = [
    # text, magnitude, canonical unit
    ("75%", 75.0, "percent"),
    ("75 %", 75.0, "percent"),
    ("75 per cent", 75.0, "percent"),
    ("£6.6bn", 6.6e9, "GBP"),
    ("£6.6 billion", 6.6e9, "GBP"),
    ("£120m", 1.2e8, "GBP"),
    ("£3", 3.0, "GBP"),
    ("-£3", -3.0, "GBP"),
    ("£1,250", 1250.0, "GBP"),
    ("6600000000 GBP", 6.6e9, "GBP"),
    ("15,500 FTE", 15500.0, "FTE"),
    ("15.5k FTE", 15500.0, "FTE"),
    ("26000 fte", 26000.0, "FTE"),
    ("3.5 WTE", 3.5, "FTE"),
    ("62 days", 62.0, "day"),
    ("2 hours", 2.0, "hour"),
    ("12 h", 12.0, "hour"),
    ("90 min", 90.0, "minute"),
    ("6 months", 6.0, "month"),
    ("52 weeks", 52.0, "week"),
    ("1 year", 1.0, "year"),
    ("0.92", 0.92, "dimensionless"),
    ("-0.5", -0.5, "dimensionless"),
    ("1e-3", 0.001, "dimensionless"),
    ("50 million appointments", 5e7, "appointment"),
    ("1,000 patients", 1000.0, "patient"),
    ("3 breaches", 3.0, "breach"),
    ("2 people", 2.0, "person"),
    ("4 heads", 4.0, "person"),
    ("£3 per head", 3.0, "GBP / person"),
    ("£3/head", 3.0, "GBP / person"),
    ("40 appointments per week", 40.0, "appointment / week"),
    ("40 per week", 40.0, "1 / week"),
    ("  7 beds  ", 7.0, "bed"),
]

BAD_TEXT = [
    # text, why
    ("75%%", "follow each other"),
    ("£", "no number"),
    ("abc", "no number"),
    ("", "no number"),
    ("75 patient day", "follow each other"),
    ("£3 beds", "per"),
    ("3 day**", "not a unit expression"),
    ("3 (day", "not a unit expression"),
    ("3 day / ", "not a unit expression"),
    ("1,50 FTE", "not a unit expression"),
    ("1e999 GBP", "too large"),
    ("1e999999k", "too large"),
    ("1e9999999999999999999bn", "too large"),
    ("nan", "no number"),
]


class TestQuantity:
    @pytest.mark.parametrize(("text", "magnitude", "unit"), PARSE_CASES)
    def test_parses(self, text: str, magnitude: float, unit: str) -> None:
        q = quantity(text)
        assert q.magnitude == magnitude
        assert isinstance(q.magnitude, float)
        assert f"{q.units:D}" == unit

    @pytest.mark.parametrize(
        ("value", "unit", "magnitude", "expected_unit"),
        [
            (75, "percent", 75.0, "percent"),
            (75, "%", 75.0, "percent"),
            (0.92, None, 0.92, "dimensionless"),
            ("0.92", "percent", 0.92, "percent"),  # a bare number is in the unit given
            ("75%", "percent", 75.0, "percent"),
            ("75%", "dimensionless", 0.75, "dimensionless"),
            ("2 hours", "minute", 120.0, "minute"),
            (3, "GBP per head", 3.0, "GBP / person"),
        ],
    )
    def test_explicit_unit(
        self, value: str | float, unit: str | None, magnitude: float, expected_unit: str
    ) -> None:
        q = quantity(value, unit)
        assert q.magnitude == pytest.approx(magnitude)
        assert f"{q.units:D}" == expected_unit

    @pytest.mark.parametrize(("text", "why"), BAD_TEXT)
    def test_bad_text(self, text: str, why: str) -> None:
        with pytest.raises(QuantityParseError, match=why) as info:
            quantity(text)
        assert info.value.text == text
        assert repr(text) in str(info.value)
        assert quantity(info.value.example).magnitude > 0  # the example given is valid

    def test_double_percent(self) -> None:
        with pytest.raises(QuantityParseError) as info:
            quantity("75%%")
        assert info.value.text == "75%%"
        assert "for example '75%'" in str(info.value)

    def test_pound_sign_alone(self) -> None:
        with pytest.raises(QuantityParseError) as info:
            quantity("£")
        assert info.value.text == "£"
        assert "for example '£6.6bn'" in str(info.value)

    def test_no_number(self) -> None:
        with pytest.raises(QuantityParseError) as info:
            quantity("abc")
        assert info.value.text == "abc"
        assert "for example '75%'" in str(info.value)

    def test_unknown_unit(self) -> None:
        with pytest.raises(UnknownUnitError) as info:
            quantity("75 widgets")
        assert info.value.unit == "widgets"
        assert "'widgets'" in str(info.value)
        assert "percent" in info.value.known
        assert all(parse_unit(known) for known in info.value.known)  # every hint is valid

    @pytest.mark.parametrize("text", ["3 nan", "3 inf", "3 e", "3 in", "3 pi", "3 metre"])
    def test_names_pint_might_read_otherwise(self, text: str) -> None:
        with pytest.raises(UnknownUnitError):
            quantity(text)

    def test_unit_that_does_not_convert(self) -> None:
        with pytest.raises(UnitMismatchError) as info:
            quantity("15,500 FTE", "GBP")
        assert (info.value.left, info.value.right) == ("15500 FTE", "GBP")
        assert "'15,500 FTE'" in str(info.value)

    @pytest.mark.parametrize("value", [True, None, [75], float("nan"), float("inf")])
    def test_not_a_number(self, value: object) -> None:
        with pytest.raises(QuantityParseError):
            quantity(value)  # type: ignore[arg-type]

    def test_where_is_in_the_message(self) -> None:
        with pytest.raises(QuantityParseError, match=r"at targets\.csv row 3"):
            quantity("abc", where="targets.csv row 3")
        with pytest.raises(UnknownUnitError, match=r"at \$\.value"):
            quantity("3 widgets", where="$.value")

    @given(st.text())
    def test_only_documented_errors_escape(self, text: str) -> None:
        with contextlib.suppress(QuantityParseError, UnknownUnitError):
            quantity(text)

    @given(
        st.from_regex(
            r"[-+]?£?[0-9.,]{1,8}(e-?[0-9])? ?(k|m|bn)? ?[a-z%£/* ()^0-9]{0,12}", fullmatch=True
        )
    )
    def test_only_documented_errors_escape_near_misses(self, text: str) -> None:
        with contextlib.suppress(QuantityParseError, UnknownUnitError):
            quantity(text)


class TestQuantities:
    @pytest.mark.parametrize("unit", ["percent", "%", "minute", "GBP / person", "dimensionless"])
    def test_each_is_the_quantity_quantity_gives(self, unit: str) -> None:
        values: list[float] = [86.6, 0.0, -8.4, 1e300, 95.0]
        made = units.quantities(values, unit)
        one_by_one = [quantity(v, unit) for v in values]
        assert made == one_by_one
        for got, expected in zip(made, one_by_one, strict=True):
            assert type(got) is type(expected)
            assert type(got.magnitude) is float
            assert got.unit == expected.unit
            assert str(got) == str(expected)
            assert got.format() == expected.format()
            assert hash(got) == hash(expected)

    def test_anything_else_is_read_by_quantity(self) -> None:
        made = units.quantities([3, "4"], "percent")  # type: ignore[list-item]
        assert made == [quantity(3.0, "percent"), quantity("4", "percent")]
        with pytest.raises(QuantityParseError):
            units.quantities([float("nan")], "percent")
        with pytest.raises(QuantityParseError):
            units.quantities([1.0, float("inf")], "percent")
        with pytest.raises(UnknownUnitError):
            units.quantities([1.0], "furlongs")


class TestParseUnit:
    @pytest.mark.parametrize(
        ("text", "canonical"),
        [
            ("percent", "percent"),
            ("%", "percent"),
            ("£", "GBP"),
            ("GBP", "GBP"),
            ("fte", "FTE"),
            ("wte", "FTE"),
            ("FTEs", "FTE"),
            ("h", "hour"),
            ("hr", "hour"),
            ("hrs", "hour"),
            ("min", "minute"),
            ("days", "day"),
            ("head", "person"),
            ("people", "person"),
            ("", "dimensionless"),
            ("dimensionless", "dimensionless"),
            ("£ per head", "GBP / person"),
            ("appointments per week", "appointment / week"),
            ("appointment/week", "appointment / week"),
            ("GBP / (person * year)", "GBP / person / year"),
            ("week^-1", "1 / week"),
            ("per week", "1 / week"),
            ("1 / week", "1 / week"),
            ("patient * day", "day * patient"),
            ("day ** 2", "day ** 2"),
        ],
    )
    def test_canonical(self, text: str, canonical: str) -> None:
        assert f"{parse_unit(text):D}" == canonical
        assert canonical_unit(text) == canonical
        assert canonical_unit(canonical) == canonical

    @pytest.mark.parametrize(
        "text",
        [
            *("widgets", "%%", "patient day", "day **", "(day", "m", "bn"),
            # pint reads a run of digits in time quadratic in its length; no unit holds one.
            pytest.param("day ** " + "1" * 50, id="a 50-digit exponent"),
            pytest.param("9" * 4_300, id="a pasted 4,300-digit number"),
        ],
    )
    def test_unknown(self, text: str) -> None:
        with pytest.raises(UnknownUnitError) as info:
            parse_unit(text, where="$.unit")
        assert "at $.unit" in str(info.value)
        assert "percent" in info.value.known

    def test_pint_free_lookup_agrees_with_pint(self) -> None:
        for text, canonical in units._table.ALIASES.items():
            assert f"{parse_unit(text):D}" == canonical, text

    def test_every_canonical_unit_is_listed(self) -> None:
        assert set(units._table.KNOWN) == set(su.SIMPLE_UNITS)


class TestSameDimension:
    @pytest.mark.parametrize(
        ("a", "b", "same"),
        [
            ("patient", "referral", True),
            ("patient", "count", True),
            ("percent", "dimensionless", True),
            ("%", "", True),
            ("day", "month", True),
            ("fte", "FTE", True),
            ("£", "GBP", True),
            ("FTE", "GBP", False),
            ("patient", "percent", False),
            ("day", "patient", False),
            ("GBP / person", "GBP per head", True),
            ("patient / appointment", "percent", True),
            ("GBP / person", "GBP", False),
        ],
    )
    def test_table(self, a: str, b: str, same: bool) -> None:
        assert same_dimension(a, b) is same
        assert same_dimension(b, a) is same

    def test_pint_free_dimensions_agree_with_pint(self) -> None:
        for a in su.SIMPLE_UNITS:
            for b in su.SIMPLE_UNITS:
                with_pint = parse_unit(a).dimensionality == parse_unit(b).dimensionality
                assert same_dimension(a, b) is with_pint, (a, b)

    def test_unknown_unit(self) -> None:
        with pytest.raises(UnknownUnitError):
            same_dimension("widgets", "patient")


class TestConvert:
    @pytest.mark.parametrize(
        ("text", "unit", "magnitude"),
        [
            ("90 min", "hour", 1.5),
            ("0.92", "%", 92.0),
            ("92%", "dimensionless", 0.92),
            ("2 weeks", "days", 14.0),
            ("1 year", "month", 12.0),
            ("6 months", "year", 0.5),
            ("1 year", "day", 365.25),
            ("1 day", "second", 86400.0),
            ("15 patients", "count", 15.0),
            ("£3 per head", "GBP / person", 3.0),
        ],
    )
    def test_table(self, text: str, unit: str, magnitude: float) -> None:
        assert convert(quantity(text), unit).magnitude == pytest.approx(magnitude)

    def test_counts_divide_to_a_proportion(self) -> None:
        ratio = quantity("46 patients") / quantity("50 appointments")
        assert convert(ratio, "percent").magnitude == pytest.approx(92.0)

    def test_mismatch(self) -> None:
        with pytest.raises(UnitMismatchError) as info:
            convert(quantity("1 FTE"), "GBP", where="row 2")
        assert (info.value.left, info.value.right) == ("1 FTE", "GBP")
        assert "at row 2" in str(info.value)

    def test_unknown_target(self) -> None:
        with pytest.raises(UnknownUnitError):
            convert(quantity("1 FTE"), "widgets")

    def test_not_a_quantity(self) -> None:
        with pytest.raises(TypeError):
            convert(75, "percent")  # type: ignore[arg-type]


class TestCompare:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            ("1 FTE", "2 FTE", -1),
            ("90 min", "1.5 h", 0),
            ("92%", "0.9", 1),
            ("£120m", "£0.12bn", 0),
            ("7 days", "1 week", 0),
            ("3 patients", "2 referrals", 1),
        ],
    )
    def test_table(self, a: str, b: str, expected: int) -> None:
        assert compare(quantity(a), quantity(b)) == expected
        assert compare(quantity(b), quantity(a)) == -expected

    def test_fte_with_money(self) -> None:
        with pytest.raises(UnitMismatchError) as info:
            compare(quantity("1 FTE"), quantity("£1"))
        assert (info.value.left, info.value.right) == ("1 FTE", "1 GBP")
        assert "for example '15,500 FTE'" in str(info.value)
        assert quantity("15,500 FTE") < quantity("26000 FTE")  # the example is valid

    def test_pint_itself_raises_its_own_error(self) -> None:
        # Why compare exists: pint's comparison operators raise pint's error, not ours.
        with pytest.raises(pint.errors.DimensionalityError):
            _ = quantity("1 FTE") < quantity("£1")


class TestRegistry:
    def test_built_once(self) -> None:
        assert registry() is registry()

    def test_only_nhs_units(self) -> None:
        reg = registry()
        assert "meter" not in reg
        assert "GBP" in reg

    @pytest.mark.parametrize("unit", su.SIMPLE_UNITS)
    def test_counts_share_one_dimension(self, unit: str) -> None:
        if unit in units._table.COUNTS:
            assert str(parse_unit(unit).dimensionality) == "[count]"

    def test_month_is_a_twelfth_of_a_year(self) -> None:
        assert convert(quantity("1 month"), "day").magnitude == pytest.approx(365.25 / 12)


class TestQuantityType:
    """The one public quantity type: a pint Quantity with a canonical unit name and text."""

    @pytest.mark.parametrize(("text", "magnitude", "unit"), PARSE_CASES)
    def test_parse(self, text: str, magnitude: float, unit: str) -> None:
        q = quantity(text)
        assert q == quantity(magnitude, unit)
        assert q.unit == unit

    def test_is_a_pint_quantity(self) -> None:
        q = quantity("75%")
        assert isinstance(q, pint.Quantity)
        assert isinstance(q, units.Quantity)

    def test_positional_and_canonical(self) -> None:
        assert quantity(75, "%") == quantity(75, "percent")
        assert quantity(3, "fte").unit == "FTE"
        assert quantity(3, "£").unit == "GBP"
        assert quantity("£6.6bn") == quantity(6.6e9, "GBP")

    def test_hashable_and_equal_across_spellings(self) -> None:
        assert hash(quantity(75, "%")) == hash(quantity("75 per cent"))
        assert len({quantity(1, "patient"), quantity("1 patient")}) == 1

    @pytest.mark.parametrize("magnitude", [float("nan"), float("inf"), -float("inf"), True])
    def test_rejects_bad_magnitude(self, magnitude: object) -> None:
        with pytest.raises(QuantityParseError):
            quantity(magnitude, "percent")  # type: ignore[arg-type]

    def test_rejects_unknown_unit(self) -> None:
        with pytest.raises(UnknownUnitError):
            quantity(1, "widgets")
        with pytest.raises(UnknownUnitError):
            quantity(1, 3)  # type: ignore[arg-type]

    def test_other_registries_and_numbers(self) -> None:
        other: pint.UnitRegistry[float] = pint.UnitRegistry()
        assert quantity(other.Quantity(87.5, "percent")) == quantity("87.5 %")
        assert quantity(Decimal("87.5"), "percent") == quantity("87.5 %")
        assert quantity(quantity("2 hours"), "minute").magnitude == 120

    def test_a_quantity_of_many_values_is_refused(self) -> None:
        q: pint.Quantity[Any] = registry().Quantity([1.0, 2.0], "FTE")
        with pytest.raises(QuantityParseError, match="single finite number"):
            quantity(q)

    @pytest.mark.parametrize(
        ("q", "text"),
        [
            (quantity(75, "percent"), "75 %"),
            (quantity(15500, "FTE"), "15500 FTE"),
            (quantity(6.6e9, "GBP"), "6600000000 GBP"),
            (quantity(62, "day"), "62 day"),
            (quantity(0.92, "dimensionless"), "0.92"),
            (quantity(92.5, "percent"), "92.5 %"),
            (quantity(1 / 3, "percent"), "0.3333333333333333 %"),
            (quantity(1e20, "GBP"), "1e+20 GBP"),
            (quantity(-3, "GBP"), "-3 GBP"),
            (quantity(3, "GBP / head"), "3 GBP / person"),
            (quantity(40, "1 / week"), "40 / week"),
        ],
    )
    def test_str(self, q: units.Quantity, text: str) -> None:
        assert str(q) == text
        assert quantity(text) == q

    @given(su.amounts())
    def test_str_round_trips(self, q: units.Quantity) -> None:
        back = quantity(str(q))
        assert back == q
        assert back.unit == q.unit

    @pytest.mark.parametrize("unit", su.SIMPLE_UNITS + su.COMPOUND_UNITS)
    @given(magnitude=su.finite_floats)
    def test_str_round_trips_in_every_unit(self, unit: str, magnitude: float) -> None:
        q = quantity(magnitude, unit)
        assert quantity(str(q)).magnitude == q.magnitude
        assert quantity(str(q)).unit == q.unit

    @pytest.mark.parametrize(
        ("q", "text"),
        [
            (quantity(75, "percent"), "75%"),
            (quantity(92.5, "percent"), "92.5%"),
            (quantity(6.6e9, "GBP"), "£6.6bn"),
            (quantity(1.2e8, "GBP"), "£120m"),
            (quantity(999_999_999, "GBP"), "£1bn"),
            (quantity(3, "GBP"), "£3"),
            (quantity(3.5, "GBP"), "£3.50"),
            (quantity(25_000, "GBP"), "£25,000"),
            (quantity(-1.2e8, "GBP"), "-£120m"),
            (quantity(15500, "FTE"), "15,500 FTE"),
            (quantity(62, "day"), "62 days"),
            (quantity(1, "day"), "1 day"),
            (quantity(2, "person"), "2 people"),
            (quantity(3, "breach"), "3 breaches"),
            (quantity(0.92, "dimensionless"), "0.92"),
            (quantity(3, "GBP / person"), "£3 per person"),
            (quantity(40, "appointment / week"), "40 appointments per week"),
            (quantity(40, "1 / week"), "40 per week"),
            (quantity(2, "day * patient"), "2 day * patient"),
        ],
    )
    def test_format(self, q: units.Quantity, text: str) -> None:
        assert q.format() == text

    @given(su.amounts())
    def test_format_never_fails(self, q: units.Quantity) -> None:
        assert q.format()

    @pytest.mark.parametrize(
        ("q", "unit", "expected"),
        [
            (quantity(0.92, "dimensionless"), "%", quantity(92, "percent")),
            (quantity(75, "percent"), "percent", quantity(75, "percent")),
            (quantity(2, "hour"), "min", quantity(120, "minute")),
            (quantity(1000, "referral"), "count", quantity(1000, "count")),
            (quantity(1000, "referral"), "patient", quantity(1000, "patient")),
            (quantity(6, "month"), "year", quantity(0.5, "year")),
        ],
    )
    def test_to(self, q: units.Quantity, unit: str, expected: units.Quantity) -> None:
        result = q.to(unit)
        assert result.unit == expected.unit
        assert result.magnitude == pytest.approx(expected.magnitude)

    def test_to_mismatch(self) -> None:
        with pytest.raises(UnitMismatchError):
            convert(quantity(1, "FTE"), "GBP")


class TestAmount:
    """``Amount`` stays importable as a deprecated converter to the one quantity type."""

    def test_warns_and_gives_a_quantity(self) -> None:
        with pytest.warns(DeprecationWarning, match="quantity"):
            q = nhsplan.Amount(75, "%")
        assert q == quantity("75%")
        assert isinstance(q, pint.Quantity)

    @pytest.mark.parametrize(
        ("magnitude", "unit"), [(float("nan"), "percent"), (True, "percent"), ("75", "percent")]
    )
    def test_rejects(self, magnitude: object, unit: object) -> None:
        with pytest.warns(DeprecationWarning, match="deprecated"), pytest.raises(InvalidValueError):
            nhsplan.Amount(magnitude, unit)  # type: ignore[arg-type]


def _modules_after(code: str) -> list[str]:
    check = (
        f"{code}\nimport sys\n"
        "print(','.join(m for m in ('pint', 'numpy', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


class TestImportCost:
    def test_import_leaves_pint_out(self) -> None:
        assert _modules_after("import nhsplan; import nhsplan.units") == []

    def test_unit_names_need_no_pint(self) -> None:
        code = (
            "from nhsplan.units import canonical_unit, same_dimension\n"
            "assert same_dimension('patient', 'referral') and canonical_unit('£') == 'GBP'"
        )
        assert _modules_after(code) == []

    def test_pint_comes_when_needed(self) -> None:
        assert "pint" in _modules_after("from nhsplan.units import quantity; quantity('75%')")
