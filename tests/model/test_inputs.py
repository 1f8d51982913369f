"""Every natural input form is accepted where it enters, or refused there with a clear error.

One test per case seen in issue 8 ("What was seen", the input cases): the value of an
Observation in each form, period text, as_of forms, organisation and priority codes in any
case, booleans refused, a bare number for a proportion refused with both readings, and an
impossible figure refused alike by evaluate and evaluate_guidance.
"""

from __future__ import annotations

import contextlib
import io
import math
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nhsplan
from nhsplan import (
    InvalidObservationError,
    InvalidValueError,
    Month,
    NhsplanError,
    Observation,
    Quarter,
    Status,
    UnknownEditionError,
    evaluate,
    evaluate_guidance,
    load_guidance,
)
from nhsplan.evaluate.rules import cancer_backlog_status, cancer_backlog_target, mhis_target
from nhsplan.io.readers import read_observations_csv
from nhsplan.units import quantity

STANDARDS = load_guidance("standards")
AE = STANDARDS.target("ae_4_hour")
AE_METRIC = STANDARDS.metric("ae_4_hour")
G2122 = load_guidance("2021/22")
FDS = G2122.target("cancer_faster_diagnosis_standard")
FDS_ID = "cancer_faster_diagnosis"
FDS_METRIC = G2122.metric(FDS_ID)
G2021 = load_guidance("2020/21")
WAITS = G2021.target("rtt_52_week_waits")
WAITS_ID = "rtt_52_week_waiters"
WAITS_METRIC = G2021.metric(WAITS_ID)
PCN = G2122.target("pcn_additional_roles_fte")
PCN_ID = "pcn_additional_roles_fte"
PCN_METRIC = G2122.metric(PCN_ID)


def ae(value: object, *, org: str = "RXX", period: object = None) -> Observation:
    return Observation(
        org=org,
        metric="ae_4_hour",
        period=Month(2019, 3) if period is None else period,
        value=value,
    )


class TestValueForms:
    """Observation(value=...) takes text, numbers and quantities; evaluate never crashes."""

    @pytest.mark.parametrize(
        "value",
        [
            "87.5 %",
            "87.5%",
            "87.5 per cent",
            quantity("87.5 %"),
            pint.UnitRegistry().Quantity(87.5, "percent"),
            quantity(0.875, "dimensionless"),  # a pint quantity is taken at pint's word
        ],
    )
    def test_proportion_with_a_unit(self, value: object) -> None:
        obs = ae(value)
        assert obs.value == quantity("87.5 %")
        a = evaluate(AE, [obs], as_of=date(2019, 3, 31), org="RXX", metric=AE_METRIC)
        assert a.status is Status.NOT_MET
        assert a.observed == quantity("87.5 %")

    def test_deprecated_amount(self) -> None:
        with pytest.warns(DeprecationWarning, match="deprecated"):
            value = nhsplan.Amount(87.5, "percent")
        a = evaluate(AE, [ae(value)], as_of=date(2019, 3, 31), org="RXX")
        assert a.status is Status.NOT_MET

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("12 pathways", 12.0), (12, 12.0), (12.0, 12.0), (Decimal(12), 12.0), ("12", 12.0)],
    )
    def test_count_in_any_form(self, value: object, expected: float) -> None:
        obs = Observation(org="RBD", metric=WAITS_ID, period=Month(2021, 3), value=value)
        for metric in (WAITS_METRIC, None):  # without a metric, the target's unit reads it
            a = evaluate(WAITS, [obs], as_of=date(2021, 4, 30), org="RBD", metric=metric)
            assert a.observed == quantity(expected, "pathway")
            assert a.status is Status.NOT_MET

    @pytest.mark.parametrize("value", [15600, "15,600", "15.6k FTE", Decimal("15600")])
    def test_fte_in_any_form(self, value: object) -> None:
        obs = Observation(org="ENGLAND", metric=PCN_ID, period=Month(2022, 3), value=value)
        a = evaluate(PCN, [obs], as_of=date(2022, 4, 30), org="ENGLAND", metric=PCN_METRIC)
        assert a.observed == quantity("15600 FTE")
        assert a.status is Status.MET

    def test_money_text(self) -> None:
        assert ae("£6.6bn").value == quantity(6.6e9, "GBP")

    @pytest.mark.parametrize(
        ("value", "why"),
        [
            (math.nan, "finite"),
            (math.inf, "finite"),
            (-math.inf, "finite"),
            ("nan", "no number"),
            (True, "boolean"),
            (False, "boolean"),
            ([87.5], "not a figure"),
            ("87.5 widgets", "widgets"),
            ("75%%", "follow each other"),
            ("1 2", "not a unit expression"),
        ],
    )
    def test_refused_at_construction(self, value: object, why: str) -> None:
        with pytest.raises(InvalidObservationError, match=why) as info:
            ae(value)
        assert str(info.value).startswith("value:")
        assert "for example '87.5 %'" in str(info.value)
        assert str(info.value).count("for example") == 1  # the reader's own example gives way

    @pytest.mark.parametrize("field", ["numerator", "denominator"])
    @pytest.mark.parametrize("bad", [True, math.nan, "many", [1]])
    def test_numerator_and_denominator(self, field: str, bad: object) -> None:
        counts: dict[str, object] = {"numerator": 875, "denominator": 1000, field: bad}
        with pytest.raises(InvalidObservationError, match=field):
            Observation(org="RXX", metric="ae_4_hour", period=Month(2019, 3), **counts)

    def test_numerator_true_is_not_one(self) -> None:
        with pytest.raises(InvalidObservationError, match="numerator: True"):
            Observation(
                org="RXX", metric="ae_4_hour", period=Month(2019, 3), numerator=True, denominator=1
            )


class TestBareNumbers:
    """A number without a unit is read in the metric's unit, except for a proportion."""

    @pytest.mark.parametrize("bare", [79, "79", 0.79, "0.79", Decimal("79")])
    def test_proportion_refused_with_both_readings(self, bare: object) -> None:
        obs = Observation(org="RBD", metric=FDS_ID, period=Month(2021, 12), value=bare)
        assert obs.bare
        with pytest.raises(InvalidObservationError, match="does not guess") as info:
            evaluate(FDS, [obs], as_of=date(2022, 1, 31), org="RBD", metric=FDS_METRIC)
        message = str(info.value)
        n = float(str(bare))
        assert f"'{n:g} %'" in message  # read as a percentage
        assert f"'{n * 100:g} %'" in message  # read as a fraction
        assert "numerator" in message  # the other way to give it

    def test_proportion_refused_without_a_metric_too(self) -> None:
        obs = Observation(org="RBD", metric=FDS_ID, period=Month(2021, 12), value=0.79)
        with pytest.raises(InvalidObservationError, match="79 %"):
            evaluate(FDS, [obs], as_of=date(2022, 1, 31), org="RBD")

    def test_evaluate_guidance_reports_it(self) -> None:
        obs = Observation(org="RBD", metric=FDS_ID, period=Month(2021, 12), value=79)
        report = evaluate_guidance(G2122, [obs], as_of=date(2022, 1, 31))
        assert report.assessments == ()
        assert len(report.warnings) == 1
        assert "left out" in report.warnings[0]
        assert "'79 %'" in report.warnings[0]
        assert "'7900 %'" in report.warnings[0]

    def test_the_amount_asks_to_be_resolved(self) -> None:
        obs = Observation(org="RBD", metric=FDS_ID, period=Month(2021, 12), value=79)
        with pytest.raises(InvalidObservationError, match="no unit"):
            _ = obs.amount
        waits = Observation(org="RBD", metric=WAITS_ID, period=Month(2021, 3), value=3)
        assert WAITS_METRIC.resolve(waits).amount == quantity("3 pathways")


class TestObservationFile:
    """A figure without a unit in a CSV file is bare: read or refused as evaluate would."""

    def test_unitless_figures_for_a_proportion_are_reported(self) -> None:
        text = (
            "org,metric,period,value,unit,numerator,denominator\n"
            "RBD,cancer_faster_diagnosis,2021-12,0.79,,,\n"
            "RBA,cancer_faster_diagnosis,2021-12,79,,,\n"
            "RBC,cancer_faster_diagnosis,2021-12,79 %,,,\n"
        )
        figures = read_observations_csv(io.StringIO(text)).observations
        assert [o.value for o in figures] == [0.79, 79.0, quantity("79 %")]
        report = evaluate_guidance(G2122, figures, as_of=date(2022, 1, 31))
        assert [a.org for a in report.assessments] == ["RBC"]
        assert len(report.warnings) == 2
        assert "'79 %'" in report.warnings[0]  # 0.79 read as a fraction
        assert "'7900 %'" in report.warnings[1]  # 79 read as a fraction


class TestImpossibleFigures:
    """evaluate and evaluate_guidance agree: 150 % of a proportion is refused by both."""

    def test_evaluate_refuses(self) -> None:
        with pytest.raises(InvalidObservationError, match="between 0 and 100"):
            evaluate(AE, [ae("150 %")], as_of=date(2019, 3, 31), org="RXX", metric=AE_METRIC)

    def test_evaluate_guidance_leaves_it_out_and_says_so(self) -> None:
        report = evaluate_guidance(
            STANDARDS, [ae("150 %"), ae("96 %", org="RA2")], as_of=date(2019, 3, 31)
        )
        assert {a.org for a in report.assessments} == {"RA2"}
        assert any("left out" in w and "150 %" in w for w in report.warnings)


class TestPeriods:
    @pytest.mark.parametrize(
        ("text", "period"),
        [
            ("2019-03", Month(2019, 3)),
            ("2021/22 Q3", Quarter(2021, 3)),
            (Month(2019, 3), Month(2019, 3)),
        ],
    )
    def test_text_or_object(self, text: object, period: object) -> None:
        assert ae("90 %", period=text).period == period

    def test_text_then_evaluate(self) -> None:
        a = evaluate(AE, [ae("90 %", period="2019-03")], as_of=date(2019, 3, 31), org="RXX")
        assert a.period == Month(2019, 3)

    @pytest.mark.parametrize("bad", ["2019-13", "Marchember 2019", "", 201903, date(2019, 3, 1)])
    def test_refused_at_construction(self, bad: object) -> None:
        with pytest.raises(InvalidObservationError, match=r"^period:") as info:
            ae("90 %", period=bad)
        assert "2021/22 Q3" in str(info.value)


class TestAsOf:
    @pytest.mark.parametrize(
        "as_of",
        [
            date(2019, 3, 31),
            "2019-03-31",
            datetime(2019, 3, 31, 17, 5),
            "2019-03-31T17:05:00",
            pd.Timestamp("2019-03-31"),
        ],
    )
    def test_every_form(self, as_of: object) -> None:
        a = evaluate(AE, [ae("90 %")], as_of=as_of, org="RXX")  # type: ignore[arg-type]
        assert a.as_of == date(2019, 3, 31)
        assert a.status is Status.NOT_MET
        report = evaluate_guidance(STANDARDS, [ae("90 %")], as_of=as_of)  # type: ignore[arg-type]
        assert report.as_of == date(2019, 3, 31)

    @pytest.mark.parametrize("bad", ["30/04/2019", "", None, 20190430, pd.NaT])
    def test_refused(self, bad: object) -> None:
        with pytest.raises(InvalidValueError, match=r"^as_of:") as info:
            evaluate(AE, [ae("90 %")], as_of=bad, org="RXX")  # type: ignore[arg-type]
        assert "'2021-12-31'" in str(info.value)
        with pytest.raises(InvalidValueError, match=r"^as_of:"):
            evaluate_guidance(STANDARDS, [], as_of=bad)  # type: ignore[arg-type]


class TestCodes:
    def test_org_any_case_stored_upper(self) -> None:
        obs = ae("90 %", org="rxx")
        assert obs.org == "RXX"
        a = evaluate(AE, [obs], as_of=date(2019, 3, 31), org="rXx")
        assert a.org == "RXX"
        assert a.status is Status.NOT_MET

    @pytest.mark.parametrize("bad", ["RBD\n", " RBD", "RBD ", "R BD", "RBD\t"])
    def test_whitespace_refused(self, bad: str) -> None:
        with pytest.raises(InvalidValueError, match="whitespace") as info:
            ae("90 %", org=bad)
        assert str(info.value).startswith("org:")

    @pytest.mark.parametrize("bad", [None, 123, b"RBD"])
    def test_not_text(self, bad: object) -> None:
        with pytest.raises(InvalidValueError, match=r"^org:"):
            ae("90 %", org=bad)  # type: ignore[arg-type]

    def test_priority_any_case(self) -> None:
        assert G2122.priority("c2") is G2122.priority("C2")
        assert G2122.priority("c2").code == "C2"

    def test_show_takes_a_priority_in_any_case(self) -> None:
        from nhsplan.cli import main  # noqa: PLC0415 - the command line, only here

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["show", "2021/22", "c2"]) == 0
        assert out.getvalue().startswith("C2")

    def test_unknown_priority_is_still_a_lookup_error(self) -> None:
        with pytest.raises(LookupError):
            G2122.priority("zz")
        with pytest.raises(NhsplanError):
            G2122.priority(2)  # type: ignore[arg-type]


class TestLoadGuidance:
    @pytest.mark.parametrize("bad", [2021, 2021.22, None, ["2021/22"]])
    def test_not_text(self, bad: object) -> None:
        with pytest.raises(UnknownEditionError, match="'2021/22'") as info:
            load_guidance(bad)  # type: ignore[arg-type]
        assert type(bad).__name__ in str(info.value)


class TestEvaluateArguments:
    def test_an_item_that_is_not_an_observation(self) -> None:
        with pytest.raises(InvalidObservationError, match="not an Observation"):
            evaluate(AE, [{"org": "RXX", "value": "90 %"}], as_of=date(2019, 3, 31))  # type: ignore[list-item]

    def test_not_a_collection(self) -> None:
        with pytest.raises(InvalidObservationError, match="observations"):
            evaluate(AE, "RXX,ae_4_hour,2019-03,90 %", as_of=date(2019, 3, 31))  # type: ignore[arg-type]

    def test_org_type_as_text(self) -> None:
        a = evaluate(AE, [ae("90 %")], as_of=date(2019, 3, 31), org="RXX", org_type="PCN")
        assert a.status is Status.NOT_APPLICABLE
        with pytest.raises(InvalidValueError, match="org_type"):
            evaluate(AE, [], as_of=date(2019, 3, 31), org_type="hospital")


class TestOneQuantityType:
    def test_required_is_a_pint_quantity(self) -> None:
        required = FDS.required(on=date(2022, 1, 1))
        assert isinstance(required, pint.Quantity)
        assert isinstance(required, nhsplan.Quantity)
        assert required == quantity("75 %")

    def test_model_classes_stay_hashable(self) -> None:
        obs = ae("87.5 %")
        assert hash(obs) == hash(ae(quantity(87.5, "percent")))
        assert len({obs, ae("87.5 per cent")}) == 1
        assert isinstance(hash(FDS), int)
        a = evaluate(AE, [obs], as_of=date(2019, 3, 31), org="RXX")
        assert isinstance(hash(a), int)

    def test_evaluate_guidance_refuses_what_is_not_an_observation(self) -> None:
        with pytest.raises(InvalidObservationError, match="not an Observation"):
            evaluate_guidance(STANDARDS, [("RXX", "ae_4_hour")], as_of=date(2019, 3, 31))  # type: ignore[list-item]


class TestRules:
    """The special rules take text and bare numbers as evaluate does."""

    def test_mhis_from_text(self) -> None:
        from_text = mhis_target("£100m", allocation_growth="5.6 %", uplift="0.7 %")
        from_quantities = mhis_target(
            quantity(100e6, "GBP"),
            allocation_growth=quantity(5.6, "percent"),
            uplift=quantity(0.7, "percent"),
        )
        assert from_text == from_quantities
        assert mhis_target(100e6, allocation_growth="5.6 %", uplift="0.7 %") == from_text

    def test_a_bare_percentage_is_refused(self) -> None:
        with pytest.raises(InvalidValueError, match=r"allocation_growth.*does not guess"):
            mhis_target("£100m", allocation_growth=0.056, uplift="0.7 %")  # type: ignore[arg-type]

    def test_backlog_counts(self) -> None:
        assert cancer_backlog_target(120, "95 patients") == quantity(95, "patient")
        assert cancer_backlog_status(80, 80, 95).met


MIXED = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.text(max_size=12),
    st.sampled_from(["87.5 %", "£6.6bn", "12 pathways", "2019-03", "rbd", "RBD\n", "0.79"]),
    st.lists(st.integers(), max_size=2),
)


@given(org=MIXED, period=MIXED, value=MIXED, numerator=MIXED, as_of=MIXED)
def test_only_documented_errors_escape(
    org: object, period: object, value: object, numerator: object, as_of: object
) -> None:
    """Observation then evaluate with mixed-type arguments raise only NhsplanError."""
    with contextlib.suppress(NhsplanError):
        obs = Observation(
            org=org,
            metric="ae_4_hour",
            period=period,
            value=value,
            numerator=numerator,
            denominator=None if numerator is None else 1000,
        )
        evaluate(AE, [obs], as_of=as_of, metric=AE_METRIC)  # type: ignore[arg-type]
