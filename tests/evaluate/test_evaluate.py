"""Tests for nhsplan.evaluate: every target kind, the judged period rules, the laws."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from nhsplan.calendar import FinancialYear, Month, Period, Quarter
from nhsplan.catalog import load_guidance
from nhsplan.errors import InvalidObservationError, InvalidValueError, UnitMismatchError
from nhsplan.evaluate import evaluate, judged_period
from nhsplan.model import (
    Amendment,
    Assessment,
    BaselineTarget,
    CaseRecord,
    Citation,
    Comparison,
    Deadline,
    EliminationTarget,
    Judgement,
    Metric,
    MilestoneTarget,
    Observation,
    OrgType,
    Polarity,
    ScoringKind,
    Status,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.units import Quantity, quantity
from tests import strategies

G21 = load_guidance("2021/22")
G20 = load_guidance("2020/21")
CITE = Citation(source="001_b4880168b3d542f5.txt", section="§C2")


def _target(edition: Any, target_id: str, kind: type[Any]) -> Any:
    target = edition.target(target_id)
    assert isinstance(target, kind)
    return target


FDS: ThresholdTarget = _target(G21, "cancer_faster_diagnosis_standard", ThresholdTarget)
ERF: TrajectoryTarget = _target(G21, "elective_recovery_fund_threshold", TrajectoryTarget)
PCN: ThresholdTarget = _target(G21, "pcn_additional_roles_fte", ThresholdTarget)
BACKLOG: BaselineTarget = _target(G21, "cancer_62_day_backlog", BaselineTarget)
LEDER: WithinTimeTarget = _target(G21, "learning_disability_mortality_reviews", WithinTimeTarget)
MOU: MilestoneTarget = _target(G21, "ics_governance_mou", MilestoneTarget)
PERSONALISED: ThresholdTarget = _target(G21, "personalised_care_interventions", ThresholdTarget)
WAITS_52: EliminationTarget = _target(G20, "rtt_52_week_waits", EliminationTarget)
OCCUPANCY: ThresholdTarget = _target(G20, "general_acute_bed_occupancy", ThresholdTarget)
MOU_WITH_METRIC = attrs.evolve(MOU, metric="ics_mou_agreed")
NATIONAL = "February 2020 national average"
LOCAL = "February 2020 (local)"


def obs(
    metric: str,
    period: Period,
    value: str | Quantity | None = None,
    *,
    num: float | None = None,
    den: float | None = None,
    org: str = "RBD",
) -> Observation:
    amount = quantity(value) if isinstance(value, str) else value
    return Observation(
        org=org, metric=metric, period=period, value=amount, numerator=num, denominator=den
    )


def fds(month: Month, num: float, den: float, org: str = "RBD") -> Observation:
    return obs("cancer_faster_diagnosis", month, num=num, den=den, org=org)


def pct(value: float) -> Quantity:
    return quantity(value, "percent")


def one_sentence(a: Assessment) -> bool:
    return a.reason.endswith(".") and "\n" not in a.reason and a.reason[0].isupper()


class TestThreshold:
    @pytest.mark.parametrize(
        ("num", "den", "status"),
        [
            (75, 100, Status.MET),  # exactly 75.0 % meets "at least 75 %"
            (7500, 10000, Status.MET),
            (3, 4, Status.MET),
            (7499, 10000, Status.NOT_MET),  # 74.99 % does not
            (74, 100, Status.NOT_MET),
            (1000, 1000, Status.MET),
            (0, 1, Status.NOT_MET),
        ],
    )
    def test_fds_boundary(self, num: float, den: float, status: Status) -> None:
        a = evaluate(FDS, [fds(Month(2021, 12), num, den)], as_of=date(2022, 1, 20), org="RBD")
        assert a.status is status
        assert a.observed == pct(100 * num / den)
        assert a.required == pct(75)
        assert a.period == Month(2021, 12)

    @pytest.mark.parametrize(
        ("value", "status"),
        [("75 %", Status.MET), ("74.99 %", Status.NOT_MET), ("0.75 dimensionless", Status.MET)],
    )
    def test_fds_given_as_value(self, value: str, status: Status) -> None:
        figure = obs("cancer_faster_diagnosis", Month(2021, 11), value)
        assert evaluate(FDS, [figure], as_of=date(2021, 12, 1)).status is status

    @pytest.mark.parametrize("as_of", [date(2021, 4, 1), date(2021, 6, 30), date(2021, 9, 30)])
    def test_fds_before_q3_is_not_due(self, as_of: date) -> None:
        figures = [fds(Month(2021, m), 50, 100) for m in (4, 5, 6, 7, 8)]
        a = evaluate(FDS, figures, as_of=as_of, org="RBD")
        assert a.status is Status.NOT_DUE
        assert "2021-10-01" in a.reason

    def test_fds_months_before_q3_are_not_judged(self) -> None:
        a = evaluate(FDS, [fds(Month(2021, 9), 99, 100)], as_of=date(2021, 10, 31))
        assert a.status is Status.NO_DATA

    @pytest.mark.parametrize(
        ("as_of", "period", "status"),
        [
            (date(2021, 11, 29), Month(2021, 10), Status.MET),  # November not complete
            (date(2021, 11, 30), Month(2021, 11), Status.NOT_MET),
            # an each-month target is judged on the latest whole month in force: the 2021/22
            # edition's targets end with its year, so March 2022, for which there is no figure
            (date(2022, 6, 30), Month(2022, 3), Status.NO_DATA),
        ],
    )
    def test_each_month_judges_the_latest_complete_month(
        self, as_of: date, period: Month, status: Status
    ) -> None:
        figures = [fds(Month(2021, 10), 80, 100), fds(Month(2021, 11), 70, 100)]
        a = evaluate(FDS, figures, as_of=as_of)
        assert (a.period, a.status) == (period, status)

    def test_reason_and_fields(self) -> None:
        a = evaluate(FDS, [fds(Month(2021, 12), 742, 1000)], as_of=date(2022, 1, 20), org="RBD")
        assert a.reason == "RBD's 2021-12 figure, 74.2%, is below the 75% required (at least)."
        assert (a.target, a.citation, a.as_of, a.org) == (
            FDS.id,
            FDS.citation,
            date(2022, 1, 20),
            "RBD",
        )
        assert a.margin is not None
        assert a.margin.unit == "percent"
        assert a.margin.magnitude == pytest.approx(-0.8)

    def test_rounded_figures_are_shown_exactly(self) -> None:
        a = evaluate(FDS, [fds(Month(2021, 12), 749999, 1000000)], as_of=date(2022, 1, 20))
        assert "74.9999 %" in a.reason

    @pytest.mark.parametrize(
        ("value", "status", "margin"),
        [("92 %", Status.MET, 0.0), ("91 %", Status.MET, 1.0), ("93 %", Status.NOT_MET, -1.0)],
    )
    def test_at_most_margin_is_positive_when_better(
        self, value: str, status: Status, margin: float
    ) -> None:
        figure = obs("general_acute_bed_occupancy", Month(2020, 12), value)
        a = evaluate(OCCUPANCY, [figure], as_of=date(2020, 12, 31))
        assert a.status is status
        assert a.margin == pct(margin)

    def test_other_organisations_are_ignored(self) -> None:
        figures = [fds(Month(2021, 12), 90, 100), fds(Month(2021, 12), 10, 100, org="RXX")]
        a = evaluate(FDS, figures, as_of=date(2022, 1, 20), org="RBD")
        assert (a.status, a.org) == (Status.MET, "RBD")

    def test_several_organisations_need_an_org(self) -> None:
        figures = [fds(Month(2021, 12), 90, 100), fds(Month(2021, 12), 10, 100, org="RXX")]
        with pytest.raises(InvalidValueError, match="org="):
            evaluate(FDS, figures, as_of=date(2022, 1, 20))

    @pytest.mark.parametrize("org", ["straße", "", "-X", "R B D"])
    def test_an_org_that_is_no_code_is_refused_as_observation_refuses_it(self, org: str) -> None:
        with pytest.raises(InvalidValueError, match=r"org.*for example 'RBD'"):
            evaluate(FDS, [fds(Month(2021, 12), 90, 100)], as_of=date(2022, 1, 20), org=org)

    def test_an_org_is_read_as_observation_reads_it(self) -> None:
        a = evaluate(FDS, [fds(Month(2021, 12), 90, 100)], as_of=date(2022, 1, 20), org="rbd")
        assert (a.status, a.org) == (Status.MET, "RBD")

    def test_the_sole_organisation_is_named(self) -> None:
        a = evaluate(FDS, [fds(Month(2021, 12), 90, 100)], as_of=date(2022, 1, 20))
        assert a.org == "RBD"

    def test_other_metrics_are_ignored(self) -> None:
        figure = obs("ae_4_hour", Month(2021, 12), num=90, den=100)
        assert evaluate(FDS, [figure], as_of=date(2022, 1, 20)).status is Status.NO_DATA

    def test_duplicate_months_are_refused(self) -> None:
        figures = [fds(Month(2021, 12), 90, 100), fds(Month(2021, 12), 80, 100)]
        with pytest.raises(InvalidObservationError, match="overlap"):
            evaluate(FDS, figures, as_of=date(2022, 1, 20))

    @pytest.mark.parametrize(
        ("org_type", "status"),
        [
            (OrgType.MENTAL_HEALTH_TRUST, Status.NOT_APPLICABLE),
            (OrgType.GP_PRACTICE, Status.NOT_APPLICABLE),
            (OrgType.ACUTE_TRUST, Status.MET),
            (OrgType.SYSTEM, Status.MET),
        ],
    )
    def test_org_type_scope(self, org_type: OrgType, status: Status) -> None:
        figures = [fds(Month(2021, 12), 90, 100)]
        a = evaluate(FDS, figures, as_of=date(2022, 1, 20), org_type=org_type)
        assert a.status is status
        assert one_sentence(a)

    def test_no_data(self) -> None:
        a = evaluate(FDS, [], as_of=date(2022, 1, 20), org="RBD")
        assert a.status is Status.NO_DATA
        assert (a.observed, a.required, a.margin) == (None, None, None)
        assert one_sentence(a)

    def test_metric_gives_the_unit(self) -> None:
        metric = G21.metric("cancer_faster_diagnosis")
        a = evaluate(FDS, [fds(Month(2021, 12), 90, 100)], as_of=date(2022, 1, 1), metric=metric)
        assert a.observed == pct(90)

    def test_a_metric_other_than_the_targets_is_refused(self) -> None:
        with pytest.raises(InvalidValueError, match="metric"):
            evaluate(FDS, [], as_of=date(2022, 1, 1), metric=G21.metric("outpatient_remote_share"))

    def test_case_records_are_refused(self) -> None:
        case = CaseRecord(org="RBD", metric="cancer_faster_diagnosis", start=date(2021, 10, 1))
        with pytest.raises(InvalidObservationError, match="within-time"):
            evaluate(FDS, [case], as_of=date(2022, 1, 1))

    def test_amended_threshold_uses_the_value_in_force(self) -> None:
        amended = attrs.evolve(
            FDS,
            amendments=[Amendment(effective=date(2022, 1, 1), value=pct(80), citation=CITE)],
        )
        figures = [fds(Month(2021, 12), 78, 100), fds(Month(2022, 1), 78, 100)]
        december = evaluate(amended, figures, as_of=date(2021, 12, 31))
        january = evaluate(amended, figures, as_of=date(2022, 1, 31))
        assert (december.status, december.required) == (Status.MET, pct(75))
        assert (january.status, january.required) == (Status.NOT_MET, pct(80))


class TestTrajectory:
    @pytest.mark.parametrize(
        ("month", "value", "required", "status"),
        [
            (Month(2021, 4), 70.0, 70, Status.MET),
            (Month(2021, 4), 69.99, 70, Status.NOT_MET),
            (Month(2021, 5), 74.99, 75, Status.NOT_MET),
            (Month(2021, 5), 75.0, 75, Status.MET),
            (Month(2021, 6), 80.0, 80, Status.MET),
            (Month(2021, 6), 79.0, 80, Status.NOT_MET),
            (Month(2021, 7), 85.0, 95, Status.NOT_MET),  # published 85 %, amended to 95 %
            (Month(2021, 7), 95.0, 95, Status.MET),
            (Month(2021, 9), 94.99, 95, Status.NOT_MET),
            (Month(2021, 10), 89.0, 89, Status.MET),  # the H2 amendment
        ],
    )
    def test_erf_month_steps(
        self, month: Month, value: float, required: float, status: Status
    ) -> None:
        figure = obs("elective_activity_vs_2019_20", month, pct(value), org="QE1")
        a = evaluate(ERF, [figure], as_of=month.end, org="QE1")
        assert (a.required, a.status, a.period) == (pct(required), status, month)

    def test_erf_before_april_2021_is_not_due(self) -> None:
        figure = obs("elective_activity_vs_2019_20", Month(2021, 3), pct(50))
        assert evaluate(ERF, [figure], as_of=date(2021, 3, 31)).status is Status.NOT_DUE

    @pytest.mark.parametrize(
        ("as_of", "value", "status"),
        [
            (date(2022, 3, 30), "15500 FTE", Status.NOT_DUE),  # March 2022 not yet complete
            (date(2022, 3, 31), "15500 FTE", Status.MET),
            (date(2022, 3, 31), "15499 FTE", Status.NOT_MET),
            (date(2022, 6, 30), "16000 FTE", Status.MET),  # the deadline month, after its end
        ],
    )
    def test_pcn_deadline_month(self, as_of: date, value: str, status: Status) -> None:
        figure = obs("pcn_additional_roles_fte", Month(2022, 3), value, org="ENGLAND")
        a = evaluate(PCN, [figure], as_of=as_of)
        assert (a.status, a.period) == (status, Month(2022, 3))
        if status is not Status.NOT_DUE:
            assert a.required == quantity(15500, "FTE")

    def test_pcn_judges_only_the_deadline_month(self) -> None:
        figure = obs("pcn_additional_roles_fte", Month(2022, 2), "20000 FTE", org="ENGLAND")
        a = evaluate(PCN, [figure], as_of=date(2022, 4, 30))
        assert (a.status, a.period) == (Status.NO_DATA, Month(2022, 3))

    def test_fte_against_money_is_a_unit_mismatch(self) -> None:
        figure = obs("pcn_additional_roles_fte", Month(2022, 3), "£120m", org="ENGLAND")
        with pytest.raises(UnitMismatchError):
            evaluate(PCN, [figure], as_of=date(2022, 4, 30))


class TestElimination:
    @pytest.mark.parametrize(
        ("count", "status", "margin"),
        [(0, Status.MET, 0.0), (1, Status.NOT_MET, -1.0), (250, Status.NOT_MET, -250.0)],
    )
    def test_zero_is_met_one_is_not(self, count: int, status: Status, margin: float) -> None:
        figure = obs("rtt_52_week_waiters", Month(2021, 1), quantity(count, "pathway"))
        a = evaluate(WAITS_52, [figure], as_of=date(2021, 1, 31))
        assert a.status is status
        assert a.required == quantity(0, "pathway")
        assert a.margin == quantity(margin, "pathway")

    def test_metric_unit_is_used(self) -> None:
        figure = obs("rtt_52_week_waiters", Month(2021, 1), quantity(3, "patient"))
        metric = G20.metric("rtt_52_week_waiters")
        a = evaluate(WAITS_52, [figure], as_of=date(2021, 1, 31), metric=metric)
        assert a.observed == quantity(3, "pathway")


class TestBaseline:
    @pytest.mark.parametrize(
        ("local", "national", "march", "required", "status"),
        [
            (120, 100, 100, 100, Status.MET),  # the national average is lower: it is used
            (120, 100, 101, 100, Status.NOT_MET),
            (80, 100, 80, 80, Status.MET),  # the local level is lower: it is used
            (80, 100, 90, 80, Status.NOT_MET),
            (80, 80, 79, 80, Status.MET),
        ],
    )
    def test_lower_of_local_and_national(
        self, local: int, national: int, march: int, required: int, status: Status
    ) -> None:
        figures = [
            obs("cancer_62_day_backlog", Month(2020, 2), quantity(local, "patient"), org="QE1"),
            obs("cancer_62_day_backlog", Month(2022, 3), quantity(march, "patient"), org="QE1"),
        ]
        a = evaluate(
            BACKLOG,
            figures,
            as_of=date(2022, 4, 30),
            org="QE1",
            baselines={NATIONAL: quantity(national, "patient")},
            metric=G21.metric("cancer_62_day_backlog"),
        )
        assert (a.status, a.required, a.period) == (
            status,
            quantity(required, "patient"),
            Month(2022, 3),
        )
        assert a.margin == quantity(required - march, "patient")

    def test_missing_national_baseline_is_no_data(self) -> None:
        figures = [
            obs("cancer_62_day_backlog", Month(2020, 2), quantity(80, "patient"), org="QE1"),
            obs("cancer_62_day_backlog", Month(2022, 3), quantity(70, "patient"), org="QE1"),
        ]
        a = evaluate(BACKLOG, figures, as_of=date(2022, 4, 30))
        assert a.status is Status.NO_DATA
        assert NATIONAL in a.reason
        assert one_sentence(a)

    def test_missing_local_baseline_is_no_data(self) -> None:
        figure = obs("cancer_62_day_backlog", Month(2022, 3), quantity(70, "patient"), org="QE1")
        national = {NATIONAL: quantity(100, "patient")}
        a = evaluate(BACKLOG, [figure], as_of=date(2022, 4, 30), baselines=national)
        assert a.status is Status.NO_DATA
        assert LOCAL in a.reason

    def test_given_baselines_need_no_figures(self) -> None:
        figure = obs("cancer_62_day_backlog", Month(2022, 3), quantity(70, "patient"), org="QE1")
        given_levels = {NATIONAL: quantity(100, "patient"), LOCAL: quantity(60, "patient")}
        a = evaluate(BACKLOG, [figure], as_of=date(2022, 4, 30), baselines=given_levels)
        assert (a.status, a.required) == (Status.NOT_MET, quantity(60, "patient"))

    def test_before_the_deadline_month_ends_is_not_due(self) -> None:
        a = evaluate(BACKLOG, [], as_of=date(2022, 3, 30), org="QE1")
        assert (a.status, a.period) == (Status.NOT_DUE, Month(2022, 3))

    def test_out_of_scope_org_type(self) -> None:
        a = evaluate(BACKLOG, [], as_of=date(2022, 4, 30), org_type=OrgType.ACUTE_TRUST)
        assert a.status is Status.NOT_APPLICABLE


class TestMilestone:
    def test_ics_governance_mou_has_no_metric(self) -> None:
        assert MOU.metric is None
        assert MOU.deadline is not None
        assert MOU.deadline.end == date(2021, 6, 30)

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [(date(2021, 6, 30), Status.NOT_DUE), (date(2021, 7, 1), Status.NO_DATA)],
    )
    def test_without_a_metric_nothing_shows_delivery(self, as_of: date, status: Status) -> None:
        assert evaluate(MOU, [], as_of=as_of).status is status

    @pytest.mark.parametrize(
        ("delivered", "value", "as_of", "status"),
        [
            (Month(2021, 5), 1, date(2021, 6, 30), Status.MET),
            (Month(2021, 6), 1, date(2021, 6, 30), Status.MET),  # in the deadline month
            (Quarter(2021, 1), 1, date(2021, 7, 31), Status.MET),
            (Month(2021, 5), 1, date(2022, 3, 31), Status.MET),
            (Month(2021, 7), 1, date(2021, 7, 31), Status.NOT_MET),  # late
            (None, 0, date(2021, 7, 1), Status.NOT_MET),  # overdue, not delivered
            (Month(2021, 5), 0, date(2021, 7, 1), Status.NOT_MET),  # a zero is no delivery
            (None, 0, date(2021, 6, 30), Status.NOT_DUE),
            (Month(2021, 6), 1, date(2021, 5, 31), Status.NOT_DUE),  # not delivered yet
            (Month(2021, 7), 1, date(2021, 6, 15), Status.NOT_DUE),
        ],
    )
    def test_delivery_by_the_deadline(
        self, delivered: Period | None, value: int, as_of: date, status: Status
    ) -> None:
        figures = (
            []
            if delivered is None
            else [obs("ics_mou_agreed", delivered, quantity(value, "count"))]
        )
        a = evaluate(MOU_WITH_METRIC, figures, as_of=as_of, org="RBD")
        assert a.status is status
        assert one_sentence(a)
        if status is Status.MET:
            assert a.period == delivered

    def test_the_first_delivery_counts(self) -> None:
        figures = [
            obs("ics_mou_agreed", Month(2021, 8), quantity(1, "count")),
            obs("ics_mou_agreed", Month(2021, 6), quantity(1, "count")),
        ]
        a = evaluate(MOU_WITH_METRIC, figures, as_of=date(2021, 9, 30))
        assert (a.status, a.period) == (Status.MET, Month(2021, 6))

    def test_out_of_scope_org_type(self) -> None:
        a = evaluate(MOU_WITH_METRIC, [], as_of=date(2021, 9, 30), org_type=OrgType.PCN)
        assert a.status is Status.NOT_APPLICABLE


def leder(start: date, end: date | None, ref: str = "") -> CaseRecord:
    return CaseRecord(org="QE1", metric="leder_reviews_in_time", start=start, end=end, ref=ref)


class TestWithinTime:
    @pytest.mark.parametrize(
        ("reviewed", "status"),
        [
            (date(2022, 2, 28), Status.MET),  # 31 August + 6 months, month-end clamped
            (date(2022, 3, 1), Status.NOT_MET),
            (date(2021, 9, 15), Status.MET),
            (None, Status.NOT_MET),  # overdue and not reviewed
        ],
    )
    def test_leder_month_end_clamping(self, reviewed: date | None, status: Status) -> None:
        a = evaluate(LEDER, [leder(date(2021, 8, 31), reviewed)], as_of=date(2022, 3, 31))
        assert a.status is status
        assert a.required == pct(100)
        assert one_sentence(a)

    @pytest.mark.parametrize(
        ("reviewed", "as_of", "status"),
        [
            (None, date(2022, 2, 27), Status.NO_DATA),  # not yet due
            (None, date(2022, 2, 28), Status.NOT_MET),  # due today, not done
            (date(2022, 1, 10), date(2021, 12, 31), Status.NO_DATA),  # done after as_of
            (date(2022, 1, 10), date(2022, 1, 10), Status.MET),  # done early: due
        ],
    )
    def test_a_case_is_due_when_its_time_is_up_or_it_is_done(
        self, reviewed: date | None, as_of: date, status: Status
    ) -> None:
        a = evaluate(LEDER, [leder(date(2021, 8, 31), reviewed)], as_of=as_of)
        assert a.status is status

    def test_share_in_time(self) -> None:
        cases = [
            leder(date(2021, 4, 1), date(2021, 9, 1), "a"),
            leder(date(2021, 4, 1), date(2021, 10, 2), "b"),  # late
            leder(date(2021, 5, 1), date(2021, 6, 1), "c"),
            leder(date(2022, 1, 1), None, "d"),  # not yet due
        ]
        a = evaluate(LEDER, cases, as_of=date(2022, 3, 31), metric=G21.metric(LEDER.metric))
        assert a.status is Status.NOT_MET
        assert a.observed == pct(100 * 2 / 3)
        assert "2 of 3" in a.reason

    @pytest.mark.parametrize(("num", "status"), [(10, Status.MET), (9, Status.NOT_MET)])
    def test_pre_aggregated_figures_are_judged_like_latest(self, num: int, status: Status) -> None:
        figures = [
            obs("leder_reviews_in_time", Quarter(2021, 2), num=0, den=10, org="QE1"),
            obs("leder_reviews_in_time", Quarter(2021, 3), num=num, den=10, org="QE1"),
        ]
        a = evaluate(LEDER, figures, as_of=date(2022, 1, 20))
        assert (a.status, a.period) == (status, Quarter(2021, 3))

    @pytest.mark.parametrize(
        ("org_type", "status"),
        [(OrgType.CCG, Status.MET), (OrgType.ACUTE_TRUST, Status.NOT_APPLICABLE)],
    )
    def test_org_type_scope(self, org_type: OrgType, status: Status) -> None:
        cases = [leder(date(2021, 8, 31), date(2021, 12, 1))]
        assert evaluate(LEDER, cases, as_of=date(2022, 3, 31), org_type=org_type).status is status


def year_target(**overrides: Any) -> ThresholdTarget:
    fields: dict[str, Any] = {
        "id": "remote_share_year",
        "name": "Remote outpatient share over the year",
        "metric": "outpatient_remote_share",
        "comparison": Comparison.AT_LEAST,
        "value": pct(75),
        "judged": Judgement.YEAR_AVERAGE,
        "citation": CITE,
    }
    return ThresholdTarget(**(fields | overrides))


def remote(period: Period, num: float | None = None, den: float | None = None) -> Observation:
    return obs("outpatient_remote_share", period, num=num, den=den)


class TestYearAverage:
    def test_pools_numerators_and_denominators(self) -> None:
        # 100 % of 10 and 60 % of 100: the mean of percentages, 80 %, would meet 75 %;
        # the pooled proportion, 70 of 110 = 63.6 %, does not.
        figures = [remote(Month(2021, 4), 10, 10), remote(Month(2021, 5), 60, 100)]
        a = evaluate(year_target(), figures, as_of=date(2021, 5, 31))
        assert a.status is Status.NOT_MET
        assert a.observed == pct(100 * 70 / 110)
        assert a.period == FinancialYear(2021)

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            (date(2021, 4, 30), 100.0),
            (date(2021, 5, 30), 100.0),  # May not complete
            (date(2021, 6, 30), 100 * 120 / 210),
            (date(2022, 3, 31), 100 * 120 / 210),
        ],
    )
    def test_year_to_date(self, as_of: date, expected: float) -> None:
        figures = [
            remote(Month(2021, 4), 10, 10),
            remote(Month(2021, 5), 60, 100),
            remote(Month(2021, 6), 50, 100),
            remote(Month(2021, 3), 0, 100),  # 2020/21: another year
        ]
        assert evaluate(year_target(), figures, as_of=as_of).observed == pct(expected)

    def test_plain_values_are_averaged(self) -> None:
        target = year_target(
            metric="elective_activity_vs_2019_20", value=pct(90), comparison=Comparison.AT_LEAST
        )
        figures = [
            obs("elective_activity_vs_2019_20", Month(2021, 4), pct(80)),
            obs("elective_activity_vs_2019_20", Month(2021, 5), pct(100)),
        ]
        a = evaluate(target, figures, as_of=date(2021, 5, 31))
        assert (a.status, a.observed) == (Status.MET, pct(90))

    def test_a_proportion_without_its_numerator_is_refused(self) -> None:
        figures = [
            remote(Month(2021, 4), 10, 10),
            obs("outpatient_remote_share", Month(2021, 5), "80%"),
        ]
        with pytest.raises(InvalidObservationError, match="numerator"):
            evaluate(year_target(), figures, as_of=date(2021, 5, 31))

    def test_a_proportion_metric_needs_numerators(self) -> None:
        figures = [obs("outpatient_remote_share", Month(2021, m), "80%") for m in (4, 5)]
        metric = G21.metric("outpatient_remote_share")
        with pytest.raises(InvalidObservationError, match="numerator"):
            evaluate(year_target(), figures, as_of=date(2021, 5, 31), metric=metric)

    def test_overlapping_periods_are_refused(self) -> None:
        figures = [remote(Quarter(2021, 1), 30, 30), remote(Month(2021, 5), 60, 100)]
        with pytest.raises(InvalidObservationError, match="overlap"):
            evaluate(year_target(), figures, as_of=date(2021, 7, 31))

    def test_a_deadline_names_the_year(self) -> None:
        target = year_target(deadline=Deadline(words="in 2021/22", year=FinancialYear(2021)))
        figures = [remote(Month(2022, 3), 80, 100), remote(Month(2022, 4), 10, 100)]
        early = evaluate(target, figures, as_of=date(2021, 3, 31))
        late = evaluate(target, figures, as_of=date(2022, 6, 30))
        assert (early.status, early.period) == (Status.NOT_DUE, FinancialYear(2021))
        assert (late.status, late.observed) == (Status.MET, pct(80))

    def test_no_figures_in_the_year(self) -> None:
        a = evaluate(year_target(), [remote(Month(2021, 3), 9, 10)], as_of=date(2021, 6, 30))
        assert (a.status, a.period) == (Status.NO_DATA, FinancialYear(2021))


def interventions(quarter: int, count: float) -> Observation:
    return obs(
        "personalised_care_interventions",
        Quarter(2021, quarter),
        quantity(count, "intervention"),
        org="ENGLAND",
    )


class TestPeriodTotal:
    @pytest.mark.parametrize(
        ("counts", "as_of", "status"),
        [
            ((300_000, 300_000, 300_000, 300_000), date(2022, 3, 31), Status.MET),  # exactly
            ((300_000, 300_000, 300_000, 299_999), date(2022, 4, 30), Status.NOT_MET),
            ((300_000, 300_000), date(2021, 9, 30), Status.NOT_DUE),  # the year is not over
            ((1_300_000,), date(2021, 6, 30), Status.MET),  # already reached
        ],
    )
    def test_personalised_care_total(
        self, counts: tuple[float, ...], as_of: date, status: Status
    ) -> None:
        figures = [interventions(q, c) for q, c in enumerate(counts, start=1)]
        a = evaluate(PERSONALISED, figures, as_of=as_of)
        assert a.status is status
        assert a.observed == quantity(sum(counts), "intervention")
        assert a.period == FinancialYear(2021)
        assert one_sentence(a)

    @pytest.mark.parametrize(("count", "status"), [(101, Status.NOT_MET), (100, Status.NOT_DUE)])
    def test_an_at_most_total_passed_early_is_not_met(self, count: int, status: Status) -> None:
        target = attrs.evolve(
            PERSONALISED, comparison=Comparison.AT_MOST, value=quantity(100, "intervention")
        )
        a = evaluate(target, [interventions(1, count)], as_of=date(2021, 7, 31))
        assert a.status is status


class TestJudgedPeriod:
    @pytest.mark.parametrize(
        ("target", "as_of", "period"),
        [
            (BACKLOG, date(2021, 5, 1), Month(2022, 3)),
            (PCN, date(2021, 5, 1), Month(2022, 3)),
            (PERSONALISED, date(2023, 5, 1), FinancialYear(2021)),
            (year_target(), date(2023, 5, 1), FinancialYear(2023)),
        ],
    )
    def test_without_figures(self, target: Any, as_of: date, period: Period) -> None:
        assert judged_period(target, [], as_of=as_of) == period

    def test_latest_prefers_the_shorter_of_two_periods_ending_together(self) -> None:
        figures = [
            obs("leder_reviews_in_time", Quarter(2021, 3), num=1, den=1),
            obs("leder_reviews_in_time", Month(2021, 12), num=1, den=1),
        ]
        assert judged_period(LEDER, figures, as_of=date(2022, 1, 1)) == Month(2021, 12)

    def test_a_deadline_month_needs_a_deadline(self) -> None:
        with pytest.raises(InvalidValueError, match="deadline"):
            year_target(judged=Judgement.DEADLINE_MONTH)


# --- laws --------------------------------------------------------------------------------------

_magnitudes = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)


def _level_target(comparison: Comparison, required: float) -> ThresholdTarget:
    return ThresholdTarget(
        id="law",
        name="A level",
        metric="law_metric",
        comparison=comparison,
        value=quantity(required, "patient"),
        judged=Judgement.EACH_MONTH,
        citation=CITE,
    )


def _judge(target: ThresholdTarget, month: Month, value: float) -> Assessment:
    figure = obs("law_metric", month, quantity(value, "patient"))
    return evaluate(target, [figure], as_of=month.end)


class TestLaws:
    @given(
        st.sampled_from(list(Comparison)),
        _magnitudes,
        _magnitudes,
        _magnitudes,
        strategies.months(),
    )
    def test_a_better_figure_never_turns_met_into_not_met(
        self, comparison: Comparison, required: float, value: float, step: float, month: Month
    ) -> None:
        target = _level_target(comparison, required)
        assume(comparison is not Comparison.AROUND)  # "around" has no better direction
        better = value + step if comparison.higher_is_better else max(value - step, 0.0)
        if _judge(target, month, value).status is Status.MET:
            assert _judge(target, month, better).status is Status.MET

    @given(st.integers(1, 10_000), st.data())
    def test_monotone_in_the_numerator(self, den: int, data: st.DataObject) -> None:
        num = data.draw(st.integers(0, den))
        better = data.draw(st.integers(num, den))
        worse_first = [fds(Month(2021, 12), num, den)]
        if evaluate(FDS, worse_first, as_of=date(2022, 1, 1)).status is Status.MET:
            better_first = [fds(Month(2021, 12), better, den)]
            assert evaluate(FDS, better_first, as_of=date(2022, 1, 1)).status is Status.MET

    @given(st.integers(1, 10_000), st.data())
    def test_lower_occupancy_never_turns_met_into_not_met(
        self, den: int, data: st.DataObject
    ) -> None:
        num = data.draw(st.integers(0, den))
        better = data.draw(st.integers(0, num))
        month = Month(2020, 12)

        def status(n: int) -> Status:
            figure = obs("general_acute_bed_occupancy", month, num=n, den=den)
            return evaluate(OCCUPANCY, [figure], as_of=month.end).status

        if status(num) is Status.MET:
            assert status(better) is Status.MET

    @given(st.sampled_from(list(Comparison)), _magnitudes, _magnitudes, strategies.months())
    def test_margin_sign_agrees_with_status(
        self, comparison: Comparison, required: float, value: float, month: Month
    ) -> None:
        a = _judge(_level_target(comparison, required), month, value)
        assert a.margin is not None
        if a.margin.magnitude > 0:
            assert a.status is Status.MET
        elif a.margin.magnitude < 0:
            assert a.status is Status.NOT_MET
        else:
            inclusive = comparison in (
                Comparison.AT_LEAST,
                Comparison.AT_MOST,
                Comparison.UP_TO,
                Comparison.AROUND,
            )
            assert (a.status is Status.MET) is inclusive

    @given(st.lists(st.tuples(st.integers(1, 1000), st.data()), min_size=1, max_size=12))
    def test_year_pools_by_summing(self, parts: list[tuple[int, st.DataObject]]) -> None:
        figures = []
        for i, (den, data) in enumerate(parts):
            num = data.draw(st.integers(0, den))
            figures.append(remote(FinancialYear(2021).months()[i], num, den))
        a = evaluate(year_target(), figures, as_of=date(2022, 3, 31))
        numerator = sum(f.numerator or 0 for f in figures)
        denominator = sum(f.denominator or 0 for f in figures)
        assert a.observed is not None
        assert a.observed.magnitude == pytest.approx(100 * numerator / denominator)


def test_metric_kinds_are_exercised() -> None:
    # The real metrics the tests lean on have the kinds the tests assume.
    kinds = {
        G21.metric("cancer_faster_diagnosis").kind,
        G21.metric("cancer_62_day_backlog").kind,
        G21.metric("elective_activity_vs_2019_20").kind,
    }
    assert kinds == {ScoringKind.PROPORTION, ScoringKind.COUNT, ScoringKind.RATIO}
    assert G21.metric("cancer_62_day_backlog").polarity is Polarity.LOWER_IS_BETTER
    assert isinstance(G21.metric("cancer_62_day_backlog"), Metric)


class TestByDeadline:
    """A level asked *by* a date, judged on the latest month, is not missed before that date.

    (The shipped 104-week elimination is judged on its deadline month; the mechanism is
    tested here on the same target judged on the latest month, with no end.)
    """

    TARGET = attrs.evolve(
        load_guidance("standards").target("rtt_104_week_waits"),
        judged=Judgement.LATEST,
        effective_from=None,
        effective_until=None,
    )

    @pytest.mark.parametrize(
        ("month", "waiters", "as_of", "status"),
        [
            (Month(2022, 5), 5, date(2022, 6, 15), Status.NOT_DUE),
            (Month(2022, 5), 0, date(2022, 6, 15), Status.MET),
            (Month(2022, 8), 5, date(2022, 9, 15), Status.NOT_MET),
            (Month(2022, 8), 0, date(2022, 9, 15), Status.MET),
        ],
    )
    def test_104_week_waits_by_july_2022(
        self, month: Month, waiters: int, as_of: date, status: Status
    ) -> None:
        assert self.TARGET.deadline is not None
        assert self.TARGET.deadline.resolved == date(2022, 7, 31)
        obs = Observation(
            org="RBD",
            metric=self.TARGET.metric or "",
            period=month,
            value=quantity(waiters, "pathway"),
        )
        assessment = evaluate(self.TARGET, [obs], as_of=as_of, org="RBD")
        assert assessment.status is status
        if status is Status.NOT_DUE:
            assert "due by 2022-07-31" in assessment.reason
