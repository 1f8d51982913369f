"""Every date comparison in the decision core, pinned on both sides, through the public API.

Each case is a pair: the day on which a rule starts to hold and the day before (or the figure
at a level and just past it), so turning a ``<=`` into a ``<`` (or ``>`` into ``>=``) anywhere
in the core changes one answer here. Written against :func:`nhsplan.evaluate` and
:func:`nhsplan.evaluate_guidance` only, so they hold however the core is arranged inside.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import nhsplan
from nhsplan import Status
from nhsplan.calendar import FinancialYear, Month
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.model import (
    Amendment,
    CaseRecord,
    Comparison,
    Deadline,
    Judgement,
    Observation,
    ThresholdTarget,
)
from nhsplan.units import quantity

STANDARDS = nhsplan.load_guidance("standards")
G2122 = nhsplan.load_guidance("2021/22")
AE = STANDARDS.target("ae_4_hour")  # at least 95 %, each month, from 2010
AE_METRIC = STANDARDS.metric("ae_4_hour")  # a proportion
# by the end of Q1 (30 June 2021); the edition gives it no metric, so one is named here
MOU = attrs.evolve(G2122.target("ics_governance_mou"), metric="ics_mou_agreed")


def ae(period: str, numerator: float | None, denominator: float | None = 1000) -> Observation:
    if numerator is None:
        return Observation(org="RBD", metric="ae_4_hour", period=period, value="95 %")
    return Observation(
        org="RBD", metric="ae_4_hour", period=period, numerator=numerator, denominator=denominator
    )


def judge(target: nhsplan.Target, figures: list[Observation], as_of: date) -> nhsplan.Assessment:
    return nhsplan.evaluate(target, figures, as_of=as_of, org="RBD", metric=AE_METRIC)


class TestAsOfOnAPeriodsEnd:
    @pytest.mark.parametrize(
        ("as_of", "period", "status"),
        [
            (date(2021, 12, 31), "2021-12", Status.MET),  # December has ended: judged
            (date(2021, 12, 30), "2021-11", Status.NO_DATA),  # not yet: November is judged
        ],
    )
    def test_each_month(self, as_of: date, period: str, status: Status) -> None:
        a = judge(AE, [ae("2021-12", 950)], as_of)
        assert (str(a.period), a.status) == (period, status)

    @pytest.mark.parametrize(
        ("as_of", "period"),
        [(date(2021, 12, 31), "2021/22 Q3"), (date(2021, 12, 30), "2021/22 Q2")],
    )
    def test_latest_quarter(self, as_of: date, period: str) -> None:
        latest = attrs.evolve(AE, judged=Judgement.LATEST)
        figures = [ae("2021/22 Q2", 960), ae("2021/22 Q3", 940)]
        assert str(judge(latest, figures, as_of).period) == period

    def test_a_figure_ending_after_as_of_is_not_named(self) -> None:
        a = judge(AE, [ae("2021-10", 950), ae("2021-12", 950)], date(2021, 12, 30))
        assert a.status is Status.NO_DATA
        assert "2021-10" in a.reason or "2021-11" in a.reason


class TestFirstDayInForce:
    @pytest.mark.parametrize(
        ("start", "period"),
        [
            (date(2021, 9, 30), "2021/22 Q2"),  # Q2 ends on the first day: in force
            (date(2021, 10, 1), None),  # Q2 ended the day before: not in force
        ],
    )
    def test_a_period_ending_on_the_first_day_is_in_force(
        self, start: date, period: str | None
    ) -> None:
        latest = attrs.evolve(AE, judged=Judgement.LATEST, effective_from=start)
        a = judge(latest, [ae("2021/22 Q2", 960)], date(2021, 10, 30))
        assert (str(a.period) if a.period else None) == period

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [(date(2021, 12, 31), Status.MET), (date(2021, 12, 30), Status.NOT_DUE)],
    )
    def test_as_of_on_the_first_day_is_judged(self, as_of: date, status: Status) -> None:
        starts = attrs.evolve(AE, effective_from=date(2021, 12, 31))
        assert judge(starts, [ae("2021-12", 950)], as_of).status is status

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [(date(2021, 10, 31), Status.MET), (date(2021, 10, 30), Status.NOT_DUE)],
    )
    def test_from_a_quarter(self, as_of: date, status: Status) -> None:
        fds = G2122.target("cancer_faster_diagnosis_standard")  # from Q3 (1 October 2021)
        figures = [
            Observation(
                org="RBD", metric="cancer_faster_diagnosis", period=p, numerator=80, denominator=100
            )
            for p in ("2021-09", "2021-10")
        ]
        a = nhsplan.evaluate(fds, figures, as_of=as_of, org="RBD")
        assert a.status is status


class TestLastDayInForce:
    @pytest.mark.parametrize(
        ("until", "as_of", "period"),
        [
            (date(2021, 12, 31), date(2022, 1, 31), "2021-12"),  # ended: its last month
            (date(2022, 1, 31), date(2022, 1, 31), "2022-01"),  # its last day: as of then
            (date(2022, 1, 30), date(2022, 1, 31), "2021-12"),  # a day short of January's end
        ],
    )
    def test_an_expired_target_is_judged_on_its_last_period(
        self, until: date, as_of: date, period: str
    ) -> None:
        ended = attrs.evolve(AE, effective_until=until)
        figures = [ae("2021-12", 950), ae("2022-01", 900)]
        assert str(judge(ended, figures, as_of).period) == period

    @pytest.mark.parametrize(
        ("until", "period"),
        [(date(2021, 12, 31), "2021/22 Q3"), (date(2021, 12, 30), "2021/22 Q2")],
    )
    def test_latest_period_in_force(self, until: date, period: str) -> None:
        latest = attrs.evolve(AE, judged=Judgement.LATEST, effective_until=until)
        figures = [ae("2021/22 Q2", 960), ae("2021/22 Q3", 940)]
        assert str(judge(latest, figures, date(2022, 3, 31)).period) == period


class TestFigureOfZero:
    @pytest.mark.parametrize(
        ("waits", "status", "margin"), [(0, Status.MET, 0.0), (1, Status.NOT_MET, -1.0)]
    )
    def test_elimination(self, waits: int, status: Status, margin: float) -> None:
        target = nhsplan.load_guidance("2020/21").target("rtt_52_week_waits")
        period = "2021-03"
        figure = Observation(
            org="RBD", metric=str(target.metric), period=period, value=quantity(waits, "pathway")
        )
        a = nhsplan.evaluate(target, [figure], as_of=date(2021, 3, 31), org="RBD")
        assert a.status is status
        assert a.margin is not None
        assert a.margin.magnitude == margin

    @pytest.mark.parametrize(
        ("value", "as_of", "status"),
        [
            (1, date(2021, 6, 30), Status.MET),  # delivered in June, by the end of Q1
            (0, date(2021, 6, 30), Status.NOT_DUE),  # a zero is not delivery; not yet due
            (0, date(2021, 7, 1), Status.NOT_MET),  # the day after the deadline: missed
        ],
    )
    def test_a_milestone_needs_more_than_zero(
        self, value: int, as_of: date, status: Status
    ) -> None:
        mou = MOU
        figure = Observation(
            org="QWE", metric=str(mou.metric), period="2021-06", value=float(value)
        )
        assert nhsplan.evaluate(mou, [figure], as_of=as_of, org="QWE").status is status

    @pytest.mark.parametrize(
        ("as_of", "status"), [(date(2021, 6, 1), Status.MET), (date(2021, 5, 31), Status.NOT_DUE)]
    )
    def test_a_milestone_figure_counts_from_its_first_day(
        self, as_of: date, status: Status
    ) -> None:
        mou = MOU
        figure = Observation(org="QWE", metric=str(mou.metric), period="2021-06", value=1.0)
        assert nhsplan.evaluate(mou, [figure], as_of=as_of, org="QWE").status is status

    @pytest.mark.parametrize(
        ("period", "status"), [("2021-06", Status.MET), ("2021-07", Status.NOT_MET)]
    )
    def test_a_milestone_delivered_in_its_deadline_month_is_met(
        self, period: str, status: Status
    ) -> None:
        mou = MOU
        figure = Observation(org="QWE", metric=str(mou.metric), period=period, value=1.0)
        a = nhsplan.evaluate(mou, [figure], as_of=date(2021, 8, 31), org="QWE")
        assert a.status is status

    @pytest.mark.parametrize(("numerator", "status"), [(950, Status.MET), (949, Status.NOT_MET)])
    def test_a_level_exactly_met(self, numerator: int, status: Status) -> None:
        a = judge(AE, [ae("2021-12", numerator)], date(2021, 12, 31))
        assert a.status is status


class TestNumeratorAndDenominator:
    YEAR = attrs.evolve(AE, judged=Judgement.YEAR_AVERAGE)

    def test_a_year_pools_numerators_and_denominators(self) -> None:
        # 80 % of 100 and 99 % of 1,000: pooled 97.3 % (met); the mean of the two, 89.5 %, is not
        figures = [ae("2021-04", 80, 100), ae("2021-05", 990, 1000)]
        a = judge(self.YEAR, figures, date(2022, 3, 31))
        assert a.status is Status.MET
        assert a.observed is not None
        assert a.observed.magnitude == pytest.approx(100 * 1070 / 1100)

    def test_one_figure_is_its_own_amount(self) -> None:
        a = judge(self.YEAR, [ae("2021-04", 80, 100)], date(2022, 3, 31))
        assert a.observed is not None
        assert a.observed.magnitude == pytest.approx(80)

    def test_a_missing_numerator_and_denominator_cannot_be_pooled(self) -> None:
        figures = [ae("2021-04", 80, 100), ae("2021-05", None)]
        with pytest.raises(InvalidObservationError, match="numerator"):
            judge(self.YEAR, figures, date(2022, 3, 31))

    def test_percentages_alone_cannot_be_pooled_for_a_proportion(self) -> None:
        figures = [ae("2021-04", None), ae("2021-05", None)]
        with pytest.raises(InvalidObservationError, match="numerator"):
            judge(self.YEAR, figures, date(2022, 3, 31))

    @pytest.mark.parametrize(("as_of", "count"), [(date(2021, 5, 31), 2), (date(2021, 5, 30), 1)])
    def test_a_year_so_far_counts_months_ended_by_as_of(self, as_of: date, count: int) -> None:
        figures = [ae("2021-04", 950), ae("2021-05", 950)]
        a = judge(self.YEAR, figures, as_of)
        assert f"over {count} period" in a.reason

    def test_overlapping_figures_are_refused_and_adjacent_ones_kept(self) -> None:
        with pytest.raises(InvalidObservationError, match="overlap"):
            judge(self.YEAR, [ae("2021/22 Q1", 950), ae("2021-06", 950)], date(2022, 3, 31))
        a = judge(self.YEAR, [ae("2021/22 Q1", 950), ae("2021-07", 950)], date(2022, 3, 31))
        assert "over 2 periods" in a.reason


class TestDeadlines:
    @pytest.mark.parametrize(
        ("as_of", "status"),
        [(date(2022, 3, 31), Status.NOT_MET), (date(2022, 3, 30), Status.NOT_DUE)],
    )
    def test_deadline_month_judged_once_it_has_ended(self, as_of: date, status: Status) -> None:
        pcn = G2122.target("pcn_additional_roles_fte")  # England's, judged on March 2022
        figure = Observation(
            org="ENGLAND", metric=str(pcn.metric), period="2022-03", value=quantity(1, "FTE")
        )
        assert nhsplan.evaluate(pcn, [figure], as_of=as_of, org="ENGLAND").status is status

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [(date(2022, 4, 30), Status.NOT_MET), (date(2022, 4, 29), Status.NOT_DUE)],
    )
    def test_a_level_asked_by_a_date_is_missed_only_on_it(
        self, as_of: date, status: Status
    ) -> None:
        ucr = G2122.target("urgent_community_response_2h")  # by April 2022 (30 April)
        figures = [
            Observation(org="RBD", metric=str(ucr.metric), period=p, numerator=1, denominator=100)
            for p in ("2022-03", "2022-04")
        ]
        assert nhsplan.evaluate(ucr, figures, as_of=as_of, org="RBD").status is status

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [(date(2022, 3, 31), Status.NOT_MET), (date(2022, 3, 30), Status.NOT_DUE)],
    )
    def test_a_years_total_is_partial_until_its_last_day(self, as_of: date, status: Status) -> None:
        total = G2122.target("personalised_care_interventions")  # England's 2021/22 total
        figure = Observation(
            org="ENGLAND",
            metric=str(total.metric),
            period="2021/22 Q1",
            value=quantity(1, "intervention"),
        )
        assert nhsplan.evaluate(total, [figure], as_of=as_of, org="ENGLAND").status is status

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [(date(2021, 4, 1), Status.NO_DATA), (date(2021, 3, 31), Status.NOT_DUE)],
    )
    def test_a_year_not_begun_is_not_due(self, as_of: date, status: Status) -> None:
        total = G2122.target("personalised_care_interventions")
        assert nhsplan.evaluate(total, [], as_of=as_of, org="ENGLAND").status is status


class TestWithinTime:
    LEDER = G2122.target("learning_disability_mortality_reviews")  # 6 months, all in time

    @pytest.mark.parametrize(
        ("done", "status"), [(date(2021, 7, 31), Status.MET), (date(2021, 8, 1), Status.NOT_MET)]
    )
    def test_done_on_the_due_day_is_in_time(self, done: date, status: Status) -> None:
        case = CaseRecord(
            org="RBD", metric="leder_reviews_in_time", start=date(2021, 1, 31), end=done
        )
        a = nhsplan.evaluate(self.LEDER, [case], as_of=date(2021, 9, 30), org="RBD")
        assert a.status is status

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [(date(2021, 7, 31), Status.NOT_MET), (date(2021, 7, 30), Status.NO_DATA)],
    )
    def test_a_case_is_due_on_its_due_day(self, as_of: date, status: Status) -> None:
        case = CaseRecord(org="RBD", metric="leder_reviews_in_time", start=date(2021, 1, 31))
        a = nhsplan.evaluate(self.LEDER, [case], as_of=as_of, org="RBD")
        assert a.status is status

    @pytest.mark.parametrize(
        ("as_of", "status"), [(date(2021, 3, 1), Status.MET), (date(2021, 2, 28), Status.NO_DATA)]
    )
    def test_a_case_done_by_as_of_counts(self, as_of: date, status: Status) -> None:
        case = CaseRecord(
            org="RBD", metric="leder_reviews_in_time", start=date(2021, 1, 31), end=date(2021, 3, 1)
        )
        a = nhsplan.evaluate(self.LEDER, [case], as_of=as_of, org="RBD")
        assert a.status is status


class TestThroughEvaluateGuidance:
    """The same boundary through the guidance loop (objects and a DataFrame)."""

    @pytest.mark.parametrize(
        ("as_of", "period"), [(date(2021, 12, 31), "2021-12"), (date(2021, 12, 30), "2021-11")]
    )
    def test_as_of_on_a_months_end(self, as_of: date, period: str) -> None:
        report = nhsplan.evaluate_guidance(STANDARDS, [ae("2021-12", 950)], as_of=as_of)
        a = next(a for a in report.assessments if a.target == "ae_4_hour" and a.org == "RBD")
        assert str(a.period) == period

    def test_a_month_period_object(self) -> None:
        assert Month(2021, 12).end == date(2021, 12, 31)


class TestWhichPeriodAndWhy:
    """The rest of the core's choices, each pinned where a mutant would change an answer."""

    def test_a_from_deadline_starts_a_target_without_an_effective_date(self) -> None:
        fds = attrs.evolve(G2122.target("cancer_faster_diagnosis_standard"), effective_from=None)
        figure = Observation(
            org="RBD",
            metric="cancer_faster_diagnosis",
            period="2021-09",
            numerator=1,
            denominator=2,
        )  # from Q3 (1 October 2021): September is before it
        a = nhsplan.evaluate(fds, [figure], as_of=date(2021, 9, 30), org="RBD")
        assert a.status is Status.NOT_DUE

    def test_a_from_deadline_starts_the_periods_a_latest_target_reads(self) -> None:
        fds = attrs.evolve(
            G2122.target("cancer_faster_diagnosis_standard"),
            effective_from=None,
            judged=Judgement.LATEST,
        )
        figure = Observation(
            org="RBD",
            metric="cancer_faster_diagnosis",
            period="2021-09",
            numerator=1,
            denominator=2,
        )  # September ended before Q3, when the target starts: no period in force
        a = nhsplan.evaluate(fds, [figure], as_of=date(2021, 10, 30), org="RBD")
        assert a.status is Status.NO_DATA
        assert "for a period in force" in a.reason

    def test_a_within_time_target_given_figures_is_judged_on_the_latest(self) -> None:
        leder = attrs.evolve(
            G2122.target("learning_disability_mortality_reviews"),
            judged=Judgement.DEADLINE_MONTH,
            deadline=None,
        )
        figures = [
            Observation(
                org="RBD", metric="leder_reviews_in_time", period=p, numerator=9, denominator=10
            )
            for p in ("2021-10", "2021-11")
        ]
        a = nhsplan.evaluate(leder, figures, as_of=date(2021, 12, 15), org="RBD")
        assert str(a.period) == "2021-11"

    def test_a_deadline_month_target_needs_a_deadline(self) -> None:
        # refused where the target is built, not when it is first judged: a columnar pass
        # that decides every target before reading a row and the object path given no
        # figures disagreed (one raised, one gave an empty report)
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(AE, judged=Judgement.DEADLINE_MONTH, deadline=None)
        assert str(info.value) == (
            "deadline: target 'ae_4_hour' is judged on its deadline month but has no "
            "deadline; for example deadline = 'by March 2022', or judged = 'latest'"
        )

    def test_a_deadline_on_a_day_is_judged_on_its_month(self) -> None:
        by_day = attrs.evolve(
            AE,
            judged=Judgement.DEADLINE_MONTH,
            deadline=Deadline(words="by 3 June", year=FinancialYear(2021)),
        )
        a = judge(by_day, [ae("2021-06", 950)], date(2021, 7, 31))
        assert (str(a.period), a.status) == ("2021-06", Status.MET)

    @pytest.mark.parametrize(
        ("until", "latest"),
        [(date(2021, 11, 30), "2021-12"), (None, None)],
    )
    def test_no_data_names_the_latest_figure_ended_by_as_of(
        self, until: date | None, latest: str | None
    ) -> None:
        ended = attrs.evolve(AE, effective_until=until)
        figures = [
            ae("2021-12", 950),  # ends on as_of: the latest figure found
            ae("2022-01", 950),  # ends after as_of: never named
            Observation(org="RBD", metric="ae_12_hour", period="2021-12", value="1 %"),
        ]
        a = judge(ended, figures, date(2021, 12, 31))
        if latest is None:
            assert a.status is Status.MET
            return
        assert a.status is Status.NO_DATA
        assert a.reason == (
            "No 2021-11 figure of ae_4_hour for RBD by 2021-12-31 (the target's last day in "
            "force was 2021-11-30): the latest figure found is for 2021-12, and only a figure "
            "for the period judged decides a verdict."
        )

    def test_a_milestone_is_judged_on_its_first_delivery_not_a_zero(self) -> None:
        figures = [
            Observation(org="QWE", metric="ics_mou_agreed", period="2021-06", value=0.0),
            Observation(org="QWE", metric="ics_mou_agreed", period="2021-07", value=1.0),
        ]
        a = nhsplan.evaluate(MOU, figures, as_of=date(2021, 8, 31), org="QWE")
        assert a.status is Status.NOT_MET
        assert "in 2021-07, after its deadline" in a.reason

    def test_a_milestone_delivered_in_a_month_and_its_quarter_is_the_month(self) -> None:
        figures = [
            Observation(org="QWE", metric="ics_mou_agreed", period="2021/22 Q1", value=1.0),
            Observation(org="QWE", metric="ics_mou_agreed", period="2021-05", value=1.0),
        ]
        a = nhsplan.evaluate(MOU, figures, as_of=date(2021, 8, 31), org="QWE")
        assert str(a.period) == "2021-05"

    def test_overlapping_figures_name_the_field_and_an_example(self) -> None:
        year = attrs.evolve(AE, judged=Judgement.YEAR_AVERAGE)
        with pytest.raises(InvalidObservationError) as info:
            judge(year, [ae("2021/22 Q1", 950), ae("2021-06", 950)], date(2022, 3, 31))
        assert (info.value.field, info.value.example) == ("period", "one figure per month")

    def test_a_zero_numerator_pools_as_zero(self) -> None:
        year = attrs.evolve(AE, judged=Judgement.YEAR_AVERAGE)
        a = judge(year, [ae("2021-04", 0, 100), ae("2021-05", 100, 100)], date(2022, 3, 31))
        assert a.observed is not None
        assert a.observed.magnitude == pytest.approx(50)

    def test_a_figure_that_cannot_be_pooled_is_named(self) -> None:
        year = attrs.evolve(AE, judged=Judgement.YEAR_AVERAGE)
        with pytest.raises(InvalidObservationError) as info:
            judge(year, [ae("2021-04", 80, 100), ae("2021-05", None)], date(2022, 3, 31))
        assert str(info.value) == (
            "numerator (RBD 2021-05): RBD's 2021-05 figure of 'ae_4_hour' has no numerator and "
            "denominator, so the year's proportion cannot be pooled; for example numerator=875, "
            "denominator=1000"
        )


class TestReasons:
    """The sentence of each verdict, word for word."""

    @pytest.mark.parametrize(
        ("numerator", "reason"),
        [
            (950, "RBD's 2021-12 figure, 95%, meets the 95% required (at least)."),
            (949, "RBD's 2021-12 figure, 94.9%, is below the 95% required (at least)."),
        ],
    )
    def test_met_and_not_met(self, numerator: int, reason: str) -> None:
        assert judge(AE, [ae("2021-12", numerator)], date(2021, 12, 31)).reason == reason

    @pytest.mark.parametrize(
        ("as_of", "value", "status", "words"),
        [
            (date(2021, 12, 31), 1_300_000, Status.MET, "already meets the"),
            (date(2021, 12, 31), 1_000, Status.NOT_DUE, "; the period ends on 2022-03-31."),
        ],
    )
    def test_a_years_total_so_far(
        self, as_of: date, value: int, status: Status, words: str
    ) -> None:
        total = G2122.target("personalised_care_interventions")  # at least 1.2 million
        figure = Observation(
            org="ENGLAND",
            metric=str(total.metric),
            period="2021/22 Q1",
            value=quantity(value, "intervention"),
        )
        a = nhsplan.evaluate(total, [figure], as_of=as_of, org="ENGLAND")
        assert a.status is status
        assert words in a.reason

    def test_an_at_most_total_already_passed(self) -> None:
        at_least = G2122.target("personalised_care_interventions")
        assert isinstance(at_least, ThresholdTarget)
        total = attrs.evolve(at_least, comparison=Comparison.AT_MOST)
        figure = Observation(
            org="ENGLAND",
            metric=str(total.metric),
            period="2021/22 Q1",
            value=quantity(1_300_000, "intervention"),
        )
        a = nhsplan.evaluate(total, [figure], as_of=date(2021, 12, 31), org="ENGLAND")
        assert a.status is Status.NOT_MET
        assert "is already above the" in a.reason


class TestJudgesWords:
    """What each judge says and returns, where a mutant would change only the words."""

    def test_a_milestone_without_a_metric_says_when_it_is_due(self) -> None:
        mou = G2122.target("ics_governance_mou")
        due = nhsplan.evaluate(mou, [], as_of=date(2021, 6, 30), org="QWE")
        assert (
            due.reason == "The milestone ics_governance_mou is due by the end of Q1 (2021-06-30)."
        )
        late = nhsplan.evaluate(mou, [], as_of=date(2021, 7, 1), org="QWE")
        assert late.reason == (
            "The milestone ics_governance_mou has no metric, so no figure can show it was "
            "delivered by the end of Q1 (2021-06-30)."
        )

    @pytest.mark.parametrize(
        ("period", "status"), [("2021-06", Status.MET), ("2021-07", Status.NOT_MET)]
    )
    def test_a_delivered_milestone_gives_its_period_and_figure(
        self, period: str, status: Status
    ) -> None:
        figures = [
            Observation(org="QWE", metric="ics_mou_agreed", period=period, value=0.0),
            Observation(org="QWE", metric="ics_mou_agreed", period=period, value=2.0),
        ]
        a = nhsplan.evaluate(MOU, figures, as_of=date(2021, 8, 31), org="QWE")
        assert (a.status, str(a.period)) == (status, period)
        assert a.observed is not None
        assert a.observed.magnitude == 2

    def test_a_within_time_target_out_of_force_asks_nothing(self) -> None:
        leder = G2122.target("learning_disability_mortality_reviews")  # in force to 2022-03-31
        case = CaseRecord(org="RBD", metric="leder_reviews_in_time", start=date(2021, 1, 31))
        a = nhsplan.evaluate(leder, [case], as_of=date(2022, 4, 30), org="RBD")
        assert (a.status, a.reason) == (
            Status.NOT_DUE,
            "The target learning_disability_mortality_reviews asks nothing on 2022-04-30.",
        )

    def test_no_case_due_is_no_data_and_says_so(self) -> None:
        leder = G2122.target("learning_disability_mortality_reviews")
        case = CaseRecord(org="RBD", metric="leder_reviews_in_time", start=date(2021, 1, 31))
        a = nhsplan.evaluate(leder, [case], as_of=date(2021, 7, 30), org="RBD")
        assert a.reason == "No leder_reviews_in_time case of RBD was due or done by 2021-07-30."

    def test_no_data_of_a_target_in_force_names_no_last_day(self) -> None:
        a = judge(AE, [ae("2021-10", 950)], date(2021, 12, 31))
        assert a.reason == (
            "No 2021-12 figure of ae_4_hour for RBD by 2021-12-31: the latest figure found is "
            "for 2021-10, and only a figure for the period judged decides a verdict."
        )

    def test_the_level_in_force_on_a_periods_first_day_judges_it(self) -> None:
        assert isinstance(AE, ThresholdTarget)
        amended = attrs.evolve(
            AE,
            amendments=(
                Amendment(
                    effective=date(2021, 12, 15), value=quantity(90, "%"), citation=AE.citation
                ),
            ),
        )  # 95 % on 1 December, 90 % from the 15th: December is judged at 95 %
        a = judge(amended, [ae("2021-12", 920)], date(2021, 12, 31))
        assert a.status is Status.NOT_MET
        assert a.required is not None
        assert a.required.magnitude == 95

    def test_a_target_starting_within_a_period_judges_it_at_its_end(self) -> None:
        late_start = attrs.evolve(AE, effective_from=date(2021, 12, 15))
        a = judge(late_start, [ae("2021-12", 960)], date(2021, 12, 31))
        assert a.status is Status.MET


class TestYearsAndShares:
    """A year's label, pooled or totalled, so far or whole; a national ambition's share."""

    @pytest.mark.parametrize(
        ("as_of", "reason"),
        [
            (
                date(2021, 12, 31),
                (
                    "ENGLAND's 2021/22 total over 1 period so far, 1,300,000 interventions, "
                    "already meets the 1,200,000 interventions required (at least)."
                ),
            ),
            (
                date(2022, 3, 31),
                (
                    "ENGLAND's 2021/22 total over 1 period, 1,300,000 interventions, meets the "
                    "1,200,000 interventions required (at least)."
                ),
            ),
        ],
    )
    def test_a_total(self, as_of: date, reason: str) -> None:
        total = G2122.target("personalised_care_interventions")
        figure = Observation(
            org="ENGLAND",
            metric=str(total.metric),
            period="2021/22 Q1",
            value=quantity(1_300_000, "intervention"),
        )
        assert nhsplan.evaluate(total, [figure], as_of=as_of, org="ENGLAND").reason == reason

    @pytest.mark.parametrize(
        ("months", "as_of", "label"),
        [
            (2, date(2022, 3, 31), "RBD's 2021/22 figure pooled over 2 periods, 95%"),
            (1, date(2021, 12, 31), "RBD's 2021/22 figure pooled over 1 period so far, 95%"),
        ],
    )
    def test_a_pooled_year(self, months: int, as_of: date, label: str) -> None:
        year = attrs.evolve(AE, judged=Judgement.YEAR_AVERAGE)
        figures = [ae("2021-04", 950), ae("2021-05", 950)][:months]
        assert judge(year, figures, as_of).reason.startswith(label + ",")

    @pytest.mark.parametrize(
        ("share", "status"),
        [(quantity(100, "FTE"), Status.NOT_MET), (quantity(80, "FTE"), Status.MET), (None, None)],
    )
    def test_a_national_ambition_judges_an_organisation_on_its_share(
        self, share: nhsplan.units.Quantity | None, status: Status | None
    ) -> None:
        pcn = G2122.target("pcn_additional_roles_fte")  # England's 15,500 FTE by March 2022
        figure = Observation(
            org="QWE", metric=str(pcn.metric), period="2022-03", value=quantity(90, "FTE")
        )
        a = nhsplan.evaluate(pcn, [figure], as_of=date(2022, 3, 31), org="QWE", share=share)
        if share is None:
            assert a.status is Status.NOT_APPLICABLE
            return
        assert a.status is status
        assert a.required == share
        assert a.reason.startswith("QWE's 2022-03 figure, 90 FTE, ")

    def test_a_share_asks_nothing_before_the_deadline_month_ends(self) -> None:
        pcn = G2122.target("pcn_additional_roles_fte")
        figure = Observation(
            org="QWE", metric=str(pcn.metric), period="2022-03", value=quantity(90, "FTE")
        )
        a = nhsplan.evaluate(
            pcn, [figure], as_of=date(2022, 3, 30), org="QWE", share=quantity(100, "FTE")
        )
        assert a.status is Status.NOT_DUE


class TestNotYetAndBaselines:
    """Why a target is not yet judged, and what a missing baseline needs."""

    def test_a_deadline_month_not_yet_complete(self) -> None:
        pcn = G2122.target("pcn_additional_roles_fte")
        figure = Observation(
            org="ENGLAND", metric=str(pcn.metric), period="2022-03", value=quantity(1, "FTE")
        )
        a = nhsplan.evaluate(pcn, [figure], as_of=date(2022, 3, 30), org="ENGLAND")
        assert (a.reason, str(a.period)) == (
            (
                "The target pcn_additional_roles_fte is judged on the 2022-03 figure, complete on "
                "2022-03-31, after the date assessed, 2022-03-30."
            ),
            "2022-03",
        )

    def test_a_year_not_begun(self) -> None:
        total = G2122.target("personalised_care_interventions")
        a = nhsplan.evaluate(total, [], as_of=date(2021, 3, 31), org="ENGLAND")
        assert (a.reason, str(a.period)) == (
            (
                "The target personalised_care_interventions is judged on 2021/22, which begins on "
                "2021-04-01, after the date assessed, 2021-03-31."
            ),
            "2021/22",
        )

    BACKLOG = G2122.target("cancer_62_day_backlog")  # back to February 2020, local or national

    def _backlog(self, *periods: str) -> list[Observation]:
        return [
            Observation(
                org="RBD", metric=str(self.BACKLOG.metric), period=p, value=quantity(100, "pathway")
            )
            for p in periods
        ]

    def test_a_missing_local_baseline_names_the_figure_to_give(self) -> None:
        a = nhsplan.evaluate(
            self.BACKLOG, self._backlog("2022-03"), as_of=date(2022, 3, 31), org="RBD"
        )
        assert (a.status, str(a.period)) == (Status.NO_DATA, "2022-03")
        assert a.reason == (
            "No value for the baseline 'February 2020 (local)' of cancer_62_day_backlog; give "
            "it as RBD's own 2020-02 figure or baselines=."
        )

    def test_a_missing_national_baseline_is_never_read_from_the_figures(self) -> None:
        figures = self._backlog("2022-03", "2020-02")
        a = nhsplan.evaluate(self.BACKLOG, figures, as_of=date(2022, 3, 31), org="RBD")
        assert a.reason == (
            "No value for the baseline 'February 2020 national average' of "
            "cancer_62_day_backlog; give it as baselines= (a national baseline is never read "
            "from the figures)."
        )

    def test_the_lower_baseline_is_required(self) -> None:
        figures = self._backlog("2022-03", "2020-02")
        national = {"February 2020 national average": quantity(90, "pathway")}
        a = nhsplan.evaluate(
            self.BACKLOG, figures, as_of=date(2022, 3, 31), org="RBD", baselines=national
        )
        assert a.status is Status.NOT_MET
        assert a.required == quantity(90, "pathway")
