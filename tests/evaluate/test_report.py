"""evaluate_guidance, Report, and aggregation along the organisation hierarchy."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nhsplan
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.errors import InvalidValueError
from nhsplan.evaluate import evaluate
from nhsplan.evaluate.aggregate import aggregate, system_control_total
from nhsplan.model import Observation, Organisation, OrgType, Status
from nhsplan.units import quantity

STANDARDS = nhsplan.load_guidance("standards")
AE = STANDARDS.target("ae_4_hour")
AE_METRIC = STANDARDS.metric("ae_4_hour")
MONTH = nhsplan.Month(2019, 3)
AS_OF = date(2019, 3, 31)


def ae(org: str, numerator: float, denominator: float) -> Observation:
    return Observation(
        org=org, metric="ae_4_hour", period=MONTH, numerator=numerator, denominator=denominator
    )


class TestEvaluateGuidance:
    def test_only_measured_targets_without_orgs(self) -> None:
        report = evaluate_guidance(STANDARDS, [ae("RA1", 96, 100), ae("RA2", 90, 100)], as_of=AS_OF)
        measured = {t.id for t in STANDARDS.targets_for_metric("ae_4_hour")}
        assert {a.target for a in report.assessments} == measured  # the interim ones too
        assert [(a.org, a.status) for a in report.assessments if a.target == "ae_4_hour"] == [
            ("RA1", Status.MET),
            ("RA2", Status.NOT_MET),
        ]
        assert report.summary()[Status.MET] >= 1
        assert (
            report.by_priority()[STANDARDS.target("ae_4_hour").priority or "-"][Status.NOT_MET] == 1
        )

    def test_every_target_for_given_orgs(self) -> None:
        orgs = [
            Organisation(code="RA1", type=OrgType.ACUTE_TRUST),
            Organisation(code="RX9", type=OrgType.AMBULANCE_TRUST),
        ]
        report = evaluate_guidance(STANDARDS, [ae("RA1", 96, 100)], as_of=AS_OF, orgs=orgs)
        assert len(report.assessments) == 2 * len(STANDARDS.targets)
        statuses = {(a.org, a.target): a.status for a in report.assessments}
        assert statuses[("RA1", "ae_4_hour")] is Status.MET
        assert statuses[("RX9", "ambulance_cat1_mean")] is Status.NO_DATA
        assert statuses[("RA1", "ambulance_cat1_mean")] is Status.NOT_APPLICABLE

    def test_impossible_observation_is_reported_not_dropped_silently(self) -> None:
        bad = Observation(
            org="RA1", metric="ae_4_hour", period=MONTH, value=quantity(120, "percent")
        )
        report = evaluate_guidance(STANDARDS, [bad, ae("RA2", 96, 100)], as_of=AS_OF)
        assert {a.org for a in report.assessments} == {"RA2"}
        assert len(report.warnings) == 1
        assert "RA1" in report.warnings[0]
        assert "between 0 and 100" in report.warnings[0]

    def test_renderings(self) -> None:
        report = evaluate_guidance(STANDARDS, [ae("RA1", 96, 100)], as_of=AS_OF)
        (row,) = [r for r in report.to_rows() if r["target"] == "ae_4_hour"]
        assert row["status"] == "met"
        assert row["period"] == "2019-03"
        assert json.loads(report.to_json())["summary"]["met"] == report.summary()[Status.MET]
        text = str(report)
        assert "RA1" in text
        assert f"{len(report.assessments)} assessments:" in text

    def test_to_pandas(self) -> None:
        pytest.importorskip("pandas")
        pytest.importorskip("narwhals")
        report = evaluate_guidance(STANDARDS, [ae("RA1", 96, 100)], as_of=AS_OF)
        frame = report.to_pandas()
        assert list(frame["status"]) == [r["status"] for r in report.to_rows()]


ORGS = [Organisation(code=f"R{i}", type=OrgType.ACUTE_TRUST, system="QXX") for i in range(4)]


class TestAggregate:
    def test_counts_and_money_sum(self) -> None:
        obs = [
            Observation(org=o.code, metric="waits", period=MONTH, value=quantity(i + 1, "pathway"))
            for i, o in enumerate(ORGS)
        ]
        (system,) = aggregate(obs, ORGS).observations
        assert system.value == quantity(10, "pathway")

    def test_durations_are_not_summed(self) -> None:
        obs = [
            Observation(org=o.code, metric="cat2", period=MONTH, value=quantity(20, "minute"))
            for o in ORGS
        ]
        result = aggregate(obs, ORGS)
        assert result.observations == ()
        assert "cannot be summed" in result.warnings[0]

    def test_orgs_outside_a_system_are_ignored(self) -> None:
        loner = Organisation(code="RZZ", type=OrgType.ACUTE_TRUST)
        assert aggregate([ae("RZZ", 1, 2)], [loner]).observations == ()

    def test_system_control_total(self) -> None:
        total = system_control_total({"RA1": quantity(-2e6, "GBP"), "RA2": quantity(5e6, "GBP")})
        assert total == quantity(3e6, "GBP")
        with pytest.raises(InvalidValueError):
            system_control_total({})
        with pytest.raises(InvalidValueError):
            system_control_total({"RA1": quantity(3, "FTE")})

    @settings(max_examples=150, deadline=None)
    @given(
        st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 10_000)), min_size=1, max_size=4)
    )
    def test_aggregate_then_evaluate_equals_evaluating_the_sums(
        self, pairs: list[tuple[int, int]]
    ) -> None:
        pairs = [(min(n, d), d) for n, d in pairs]
        obs = [ae(ORGS[i].code, n, d) for i, (n, d) in enumerate(pairs)]
        (system,) = aggregate(obs, ORGS[: len(pairs)]).observations
        summed = ae("QXX", sum(n for n, _ in pairs), sum(d for _, d in pairs))
        via_aggregate = evaluate(AE, [system], as_of=AS_OF, org="QXX", metric=AE_METRIC)
        direct = evaluate(AE, [summed], as_of=AS_OF, org="QXX", metric=AE_METRIC)
        assert via_aggregate == direct


class TestSpc:
    def test_readings_attached_where_the_series_is_long_enough(self) -> None:
        from nhsplan.io.readers import ENGLAND, read_ae_attendances  # noqa: PLC0415
        from nhsplan.model import Assurance, VariationIcon  # noqa: PLC0415

        observations = read_ae_attendances().observations
        report = evaluate_guidance(STANDARDS, observations, as_of=AS_OF, spc=True)
        england = next(
            a for a in report.assessments if a.org == ENGLAND and a.target == "ae_4_hour"
        )
        assert england.spc is not None
        assert england.spc.points == 36
        assert england.spc.variation is VariationIcon.COMMON_CAUSE
        assert england.spc.assurance is Assurance.CONSISTENTLY_FAIL
        assert england.spc.upper_limit < 95  # the whole process sits below the standard
        row = next(
            r for r in report.to_rows() if r["org"] == ENGLAND and r["target"] == "ae_4_hour"
        )
        assert (row["variation"], row["assurance"]) == ("common_cause", "consistent_fail")

    def test_no_reading_for_a_short_series_or_without_asking(self) -> None:
        short = [
            Observation(
                org="RA1",
                metric="ae_4_hour",
                period=nhsplan.Month(2019, m),
                numerator=90,
                denominator=100,
            )
            for m in (1, 2, 3)
        ]
        with_spc = evaluate_guidance(STANDARDS, short, as_of=AS_OF, spc=True)
        assert all(a.spc is None for a in with_spc.assessments)
        without = evaluate_guidance(STANDARDS, short, as_of=AS_OF)
        assert all(a.spc is None for a in without.assessments)
