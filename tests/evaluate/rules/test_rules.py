"""Tests for nhsplan.evaluate.rules: ERF, MHIS, oversight, LeDeR, urgent community response."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nhsplan
from nhsplan.calendar import Month
from nhsplan.errors import InvalidValueError, NhsplanError, UnitMismatchError
from nhsplan.evaluate import rules
from nhsplan.evaluate.rules import (
    ENHANCED_TARIFF_CITATION,
    EXCLUDED_CATEGORIES,
    WINDOW_MINUTES,
    GatewayCriteria,
    GatewayCriterion,
    IafRating,
    IafSupport,
    Interval,
    LicenceStatus,
    SofTheme,
    UcrGap,
    Weekday,
    cancer_backlog_status,
    cancer_backlog_target,
    erf_eligibility,
    erf_threshold,
    iaf_support_level,
    leder_in_time,
    mhis_compliance,
    mhis_target,
    sof_segment,
    sof_segment_item,
    ucr_coverage,
)
from nhsplan.model import (
    BaselineScope,
    BaselineTarget,
    CaseRecord,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.units import Quantity, quantity

G2122 = nhsplan.load_guidance("2021/22")
G1719 = nhsplan.load_guidance("2017-19")
ALL_FIVE = GatewayCriteria.meeting(GatewayCriterion)


def pct(x: float) -> Quantity:
    return quantity(x, "percent")


def gbp(x: float) -> Quantity:
    return quantity(x, "GBP")


def patients(x: float) -> Quantity:
    return quantity(x, "patient")


# --- ERF ------------------------------------------------------------------------------------


class TestErfThreshold:
    @pytest.mark.parametrize(
        ("month", "published", "amended"),
        [
            (Month(2021, 4), 70, 70),
            (Month(2021, 5), 75, 75),
            (Month(2021, 6), 80, 80),
            (Month(2021, 7), 85, 95),
            (Month(2021, 8), 85, 95),
            (Month(2021, 9), 85, 95),
            (Month(2021, 10), 85, 89),
            (Month(2022, 3), 85, 89),
        ],
    )
    def test_published_and_amended(self, month: Month, published: float, amended: float) -> None:
        assert erf_threshold(month, as_of_amendments=False) == pct(published)
        assert erf_threshold(month) == pct(amended)

    def test_read_from_the_shipped_target(self) -> None:
        target = G2122.target("elective_recovery_fund_threshold")
        assert isinstance(target, TrajectoryTarget)
        for month in Month(2021, 4).financial_year.months():
            assert erf_threshold(month) == target.value_on(month.start)
            published = target.published_value_on(month.start)
            assert erf_threshold(month, as_of_amendments=False) == published

    @pytest.mark.parametrize("month", [Month(2021, 3), Month(2022, 4), Month(2019, 7)])
    def test_outside_2021_22(self, month: Month) -> None:
        with pytest.raises(InvalidValueError, match="2021/22"):
            erf_threshold(month)

    def test_not_a_month(self) -> None:
        with pytest.raises(InvalidValueError, match="calendar month"):
            erf_threshold(date(2021, 7, 1))  # type: ignore[arg-type]


class TestGatewayCriteria:
    def test_seed_order_and_words(self) -> None:
        assert [c.words for c in GatewayCriterion] == [
            "addressing health inequalities",
            "transformation of outpatient services",
            "implementing system-led elective working",
            "tackling the longest waits",
            "supporting staff",
        ]

    @pytest.mark.parametrize("criterion", list(GatewayCriterion))
    def test_requirement_is_shipped(self, criterion: GatewayCriterion) -> None:
        requirement = G2122.requirement(criterion.requirement_id)
        assert requirement.priority == "C1"
        assert criterion.words in requirement.text

    def test_all_met(self) -> None:
        assert ALL_FIVE.all_met
        assert ALL_FIVE.missing == ()

    def test_none_met(self) -> None:
        none = GatewayCriteria.meeting([])
        assert none.missing == tuple(GatewayCriterion)
        assert not none.all_met

    def test_fields_match_criteria(self) -> None:
        g = GatewayCriteria(
            health_inequalities=True,
            outpatient_transformation=True,
            system_led_elective_working=False,
            longest_waits=True,
            supporting_staff=True,
        )
        assert g.missing == (GatewayCriterion.SYSTEM_LED_ELECTIVE_WORKING,)

    def test_not_a_bool(self) -> None:
        with pytest.raises(InvalidValueError, match="health_inequalities"):
            GatewayCriteria(
                health_inequalities=1,  # type: ignore[arg-type]
                outpatient_transformation=True,
                system_led_elective_working=True,
                longest_waits=True,
                supporting_staff=True,
            )

    def test_meeting_rejects_other_items(self) -> None:
        with pytest.raises(InvalidValueError, match="gateway criterion"):
            GatewayCriteria.meeting(["longest_waits"])  # type: ignore[list-item]


class TestErfEligibility:
    @pytest.mark.parametrize(
        ("month", "activity", "eligible", "margin"),
        [
            (Month(2021, 4), 70.1, True, 0.1),
            (Month(2021, 4), 70, False, 0),  # at the threshold: nothing above it to fund
            (Month(2021, 5), 74.9, False, -0.1),
            (Month(2021, 7), 96.3, True, 1.3),
            (Month(2021, 7), 95, False, 0),
            (Month(2021, 7), 90, False, -5),  # above the published 85 %, below the amended 95 %
            (Month(2021, 11), 90, True, 1),
        ],
    )
    def test_activity_against_threshold(
        self, month: Month, activity: float, eligible: bool, margin: float
    ) -> None:
        result = erf_eligibility(month, pct(activity), ALL_FIVE)
        assert result.eligible is eligible
        assert result.above_threshold is eligible
        assert result.margin == pct(margin)
        assert result.month == month

    def test_published_threshold_when_asked(self) -> None:
        result = erf_eligibility(Month(2021, 7), pct(90), ALL_FIVE, as_of_amendments=False)
        assert result.eligible
        assert (result.threshold, result.published_threshold) == (pct(85), pct(85))
        assert result.threshold_source == G2122.target("elective_recovery_fund_threshold").citation

    def test_amended_threshold_cites_the_amendment(self) -> None:
        result = erf_eligibility(Month(2021, 7), pct(90), ALL_FIVE)
        assert (result.threshold, result.published_threshold) == (pct(95), pct(85))
        assert "The Times" in result.threshold_source.section
        assert result.citation.section == "§C1"

    @pytest.mark.parametrize("missing", list(GatewayCriterion))
    def test_missing_one_criterion(self, missing: GatewayCriterion) -> None:
        gateway = GatewayCriteria.meeting(c for c in GatewayCriterion if c is not missing)
        result = erf_eligibility(Month(2021, 8), pct(120), gateway)
        assert not result.eligible
        assert result.above_threshold
        assert result.missing == (missing,)
        assert missing.words in result.reason
        assert result.notes == ()

    def test_reason_names_month_activity_and_threshold(self) -> None:
        result = erf_eligibility(Month(2021, 5), pct(78.5), ALL_FIVE)
        assert result.reason == (
            "In 2021-05, elective activity of 78.5% of 2019/20 is above the 75% threshold "
            "and all five gateway criteria are met: eligible for the ERF."
        )

    def test_unconfirmed_tariff_is_only_a_note(self) -> None:
        result = erf_eligibility(Month(2021, 8), pct(96), ALL_FIVE)
        assert len(result.notes) == 1
        assert "120 % of tariff" in result.notes[0]
        assert "[unconfirmed]" in result.notes[0]
        assert ENHANCED_TARIFF_CITATION.unconfirmed

    def test_no_note_at_or_below_85(self) -> None:
        assert erf_eligibility(Month(2021, 5), pct(85), ALL_FIVE).notes == ()

    def test_dimensionless_activity_is_a_fraction(self) -> None:
        result = erf_eligibility(Month(2021, 5), quantity(0.8, "dimensionless"), ALL_FIVE)
        assert result.activity == pct(80)

    def test_activity_in_money(self) -> None:
        with pytest.raises(UnitMismatchError):
            erf_eligibility(Month(2021, 5), gbp(80), ALL_FIVE)

    def test_negative_activity(self) -> None:
        with pytest.raises(InvalidValueError, match="negative"):
            erf_eligibility(Month(2021, 5), pct(-1), ALL_FIVE)

    def test_gateway_of_wrong_type(self) -> None:
        with pytest.raises(InvalidValueError, match="GatewayCriteria"):
            erf_eligibility(Month(2021, 5), pct(80), True)  # type: ignore[arg-type]

    @given(st.floats(0, 200), st.floats(0, 200), st.sampled_from(range(4, 13)))
    def test_more_activity_never_loses_eligibility(self, a: float, b: float, m: int) -> None:
        low, high = sorted((a, b))
        month = Month(2021, m)
        if erf_eligibility(month, pct(low), ALL_FIVE).eligible:
            assert erf_eligibility(month, pct(high), ALL_FIVE).eligible


# --- MHIS ------------------------------------------------------------------------------------


class TestMhisTarget:
    @pytest.mark.parametrize(
        ("outturn", "growth", "uplift", "shortfall", "expected"),
        [
            (100e6, 5.6, 0.7, 0, 106.3e6),
            (50e6, 2, 0, 250e3, 51.25e6),
            (80e6, -1, 0, 0, 79.2e6),
            (0, 5, 0.7, 1e6, 1e6),
            (123_456_789, 4.2, 0.7, 0, 129_506_171.661),
        ],
    )
    def test_table(
        self, outturn: float, growth: float, uplift: float, shortfall: float, expected: float
    ) -> None:
        target = mhis_target(
            gbp(outturn),
            allocation_growth=pct(growth),
            uplift=pct(uplift),
            shortfall=gbp(shortfall),
        )
        assert target == gbp(expected)

    def test_uplift_is_a_percentage_of_outturn(self) -> None:
        # The documented reading: outturn * (1 + growth) + outturn * uplift.
        with_uplift = mhis_target(gbp(200e6), allocation_growth=pct(3), uplift=pct(0.7))
        without = mhis_target(gbp(200e6), allocation_growth=pct(3), uplift=pct(0))
        assert with_uplift.magnitude - without.magnitude == pytest.approx(200e6 * 0.007)

    def test_growth_as_a_fraction(self) -> None:
        as_fraction = mhis_target(
            gbp(100e6), allocation_growth=quantity(0.056, "dimensionless"), uplift=pct(0.7)
        )
        assert as_fraction == gbp(106.3e6)

    def test_shortfall_defaults_to_nothing(self) -> None:
        assert mhis_target(gbp(1e6), allocation_growth=pct(0), uplift=pct(0)) == gbp(1e6)

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"previous_outturn": gbp(-1)}, InvalidValueError),
            ({"shortfall": gbp(-1)}, InvalidValueError),
            ({"allocation_growth": pct(-100)}, InvalidValueError),
            ({"allocation_growth": gbp(5)}, UnitMismatchError),
            ({"uplift": gbp(5)}, UnitMismatchError),
            ({"previous_outturn": pct(5)}, UnitMismatchError),
            ({"shortfall": pct(5)}, UnitMismatchError),
        ],
    )
    def test_bad_input(self, kwargs: dict[str, Quantity], error: type[NhsplanError]) -> None:
        args = {
            "previous_outturn": gbp(100e6),
            "allocation_growth": pct(5),
            "uplift": pct(0.7),
            "shortfall": gbp(0),
        } | kwargs
        with pytest.raises(error):
            mhis_target(
                args["previous_outturn"],
                allocation_growth=args["allocation_growth"],
                uplift=args["uplift"],
                shortfall=args["shortfall"],
            )

    @given(
        st.floats(0, 1e10),
        st.floats(0, 1e10),
        st.floats(-50, 50),
        st.floats(0, 5),
    )
    def test_monotone_in_outturn(self, a: float, b: float, growth: float, uplift: float) -> None:
        low, high = sorted((a, b))
        kwargs = {"allocation_growth": pct(growth), "uplift": pct(uplift)}
        assert (
            mhis_target(gbp(low), **kwargs).magnitude <= mhis_target(gbp(high), **kwargs).magnitude
        )


class TestMhisCompliance:
    @pytest.mark.parametrize(
        ("spend", "target", "met", "margin"),
        [
            (106.3e6, 106.3e6, True, 0),
            (107e6, 106.3e6, True, 0.7e6),
            (106.2e6, 106.3e6, False, -0.1e6),
            (0, 0, True, 0),
        ],
    )
    def test_table(self, spend: float, target: float, met: bool, margin: float) -> None:
        result = mhis_compliance(gbp(spend), gbp(target))
        assert result.met is met
        assert result.margin == gbp(margin)
        assert (result.spend, result.target) == (gbp(spend), gbp(target))
        assert result.citation.section == "§C3"

    def test_reason(self) -> None:
        result = mhis_compliance(gbp(99e6), gbp(100e6))
        assert result.reason == (
            "Mental-health spend of £99m is below the MHIS target of £100m by £1m."
        )

    def test_spend_not_money(self) -> None:
        with pytest.raises(UnitMismatchError):
            mhis_compliance(pct(99), gbp(100))

    def test_excluded_categories(self) -> None:
        assert EXCLUDED_CATEGORIES == (
            "service development funding",
            "COVID-19 costs",
            "learning disability and autism without a co-occurring mental-health need",
            "ADHD",
        )

    @given(st.floats(0, 1e10), st.floats(0, 1e10))
    def test_met_iff_margin_not_negative(self, spend: float, target: float) -> None:
        result = mhis_compliance(gbp(spend), gbp(target))
        assert result.met is (spend >= target)
        assert (result.margin.magnitude >= 0) is result.met


# --- oversight -------------------------------------------------------------------------------


class TestSofSegment:
    @pytest.mark.parametrize(
        ("concerns", "licence", "segment", "name"),
        [
            ([], LicenceStatus.NONE, 1, "Maximum autonomy"),
            ([SofTheme.QUALITY_OF_CARE], LicenceStatus.NONE, 2, "Targeted support"),
            (list(SofTheme), LicenceStatus.NONE, 2, "Targeted support"),
            (
                [SofTheme.FINANCE_AND_USE_OF_RESOURCES],
                LicenceStatus.SUSPECTED_OR_ACTUAL_BREACH,
                3,
                "Mandated support for significant concerns",
            ),
            (
                [],
                LicenceStatus.SUSPECTED_OR_ACTUAL_BREACH,
                3,
                "Mandated support for significant concerns",
            ),
            (
                [SofTheme.LEADERSHIP_AND_IMPROVEMENT_CAPABILITY, SofTheme.QUALITY_OF_CARE],
                LicenceStatus.BREACH_SERIOUS_OR_COMPLEX,
                4,
                "Special measures",
            ),
            ([], LicenceStatus.BREACH_SERIOUS_OR_COMPLEX, 4, "Special measures"),
        ],
    )
    def test_each_segment(
        self, concerns: list[SofTheme], licence: LicenceStatus, segment: int, name: str
    ) -> None:
        assert sof_segment(concerns, licence) == segment
        assert sof_segment_item(segment).name == name

    def test_accepts_any_collection(self) -> None:
        assert sof_segment(frozenset({SofTheme.OPERATIONAL_PERFORMANCE}), LicenceStatus.NONE) == 2
        assert sof_segment((), LicenceStatus.NONE) == 1

    def test_theme_names_are_shipped(self) -> None:
        framework = G1719.framework("single_oversight_framework")
        assert [t.item for t in SofTheme] == list(framework.themes)
        assert [t.item.name for t in SofTheme] == [
            "Quality of care",
            "Use of resources and finance",
            "Operational performance",
            "Managing strategic change",
            "Leadership",
        ]

    def test_segment_items_are_shipped(self) -> None:
        framework = G1719.framework("single_oversight_framework")
        assert [sof_segment_item(n) for n in (1, 2, 3, 4)] == list(framework.segments)

    @pytest.mark.parametrize("segment", [0, 5, -1, True])
    def test_unknown_segment(self, segment: int) -> None:
        with pytest.raises(InvalidValueError, match="segment"):
            sof_segment_item(segment)

    def test_bad_theme(self) -> None:
        with pytest.raises(InvalidValueError, match="theme"):
            sof_segment(["finance"], LicenceStatus.NONE)  # type: ignore[list-item]

    def test_bad_licence(self) -> None:
        with pytest.raises(InvalidValueError, match="licence"):
            sof_segment([], "none")  # type: ignore[arg-type]

    @given(
        st.sets(st.sampled_from(SofTheme)),
        st.sets(st.sampled_from(SofTheme)),
        st.sampled_from(LicenceStatus),
    )
    def test_more_concerns_never_lower_the_segment(
        self, some: set[SofTheme], more: set[SofTheme], licence: LicenceStatus
    ) -> None:
        assert sof_segment(some, licence) <= sof_segment(some | more, licence)
        assert 1 <= sof_segment(some, licence) <= 4


class TestIafSupport:
    @pytest.mark.parametrize(
        ("rating", "support"),
        [
            (IafRating.OUTSTANDING, IafSupport.FORWARD_LOOKING),
            (IafRating.GOOD, IafSupport.FORWARD_LOOKING),
            (IafRating.REQUIRES_IMPROVEMENT, IafSupport.FACILITATIVE),
            (IafRating.INADEQUATE, IafSupport.BESPOKE),
        ],
    )
    def test_mapping(self, rating: IafRating, support: IafSupport) -> None:
        assert iaf_support_level(rating) is support

    def test_every_support_level_is_offered(self) -> None:
        assert {iaf_support_level(r) for r in IafRating} == set(IafSupport)

    def test_names_are_shipped(self) -> None:
        framework = G1719.framework("ccg_improvement_assessment_framework")
        assert [r.item for r in IafRating] == list(framework.ratings)
        assert [s.item for s in IafSupport] == list(framework.support_levels)

    def test_docstring_flags_no_table_in_seed(self) -> None:
        assert "no one-to-one table" in (iaf_support_level.__doc__ or "")

    def test_bad_rating(self) -> None:
        with pytest.raises(InvalidValueError, match="rating"):
            iaf_support_level("Good")  # type: ignore[arg-type]


# --- LeDeR ------------------------------------------------------------------------------------


def case(start: date, end: date | None = None, ref: str = "") -> CaseRecord:
    return CaseRecord(org="QHL", metric="leder_reviews_in_time", start=start, end=end, ref=ref)


NOTIFIED = date(2021, 8, 31)  # + 6 months = 2022-02-28 (month-end clamped)


class TestLederInTime:
    @pytest.mark.parametrize(
        ("end", "in_time", "late"),
        [
            (date(2022, 2, 28), 1, 0),
            (date(2022, 3, 1), 0, 1),
            (date(2021, 9, 1), 1, 0),
            (NOTIFIED, 1, 0),
        ],
    )
    def test_six_months_month_end_clamped(self, end: date, in_time: int, late: int) -> None:
        result = leder_in_time([case(NOTIFIED, end)], as_of=date(2022, 6, 30))
        assert (result.in_time, result.late, result.due) == (in_time, late, 1)

    @pytest.mark.parametrize(
        ("as_of", "due", "late", "overdue", "waiting"),
        [
            (date(2022, 2, 27), 0, 0, 0, 1),
            (date(2022, 2, 28), 1, 1, 1, 0),  # figures are as at the end of the due day
            (date(2022, 3, 1), 1, 1, 1, 0),
        ],
    )
    def test_open_case_around_its_due_date(
        self, as_of: date, due: int, late: int, overdue: int, waiting: int
    ) -> None:
        result = leder_in_time([case(NOTIFIED)], as_of=as_of)
        assert (result.due, result.late, result.overdue_open, result.open_not_yet_due) == (
            due,
            late,
            overdue,
            waiting,
        )

    def test_completion_after_as_of_is_not_seen(self) -> None:
        result = leder_in_time([case(NOTIFIED, date(2022, 1, 10))], as_of=date(2021, 12, 31))
        assert (result.in_time, result.open_not_yet_due) == (0, 1)

    def test_notification_after_as_of_is_left_out(self) -> None:
        result = leder_in_time([case(date(2022, 1, 5))], as_of=date(2021, 12, 31))
        assert result.not_yet_notified == 1
        assert result.due == result.open_not_yet_due == 0

    def test_counts_and_proportion(self) -> None:
        records = [
            case(date(2021, 4, 1), date(2021, 9, 30)),  # in time
            case(date(2021, 4, 1), date(2021, 10, 2)),  # late (due 2021-10-01)
            case(date(2021, 5, 15)),  # overdue, open
            case(date(2021, 12, 1), date(2022, 1, 20)),  # done early: due
            case(date(2021, 12, 1)),  # open, not yet due
        ]
        result = leder_in_time(records, as_of=date(2022, 2, 1))
        assert (result.numerator, result.denominator) == (2, 4)
        assert (result.in_time, result.late, result.overdue_open) == (2, 2, 1)
        assert result.open_not_yet_due == 1
        assert result.percent == pct(50)
        assert result.met is False
        assert result.reason == (
            "2 of 4 LeDeR reviews due by 2022-02-01 were completed within 6 months of "
            "notification, below the 100% required."
        )

    def test_all_in_time_is_met(self) -> None:
        result = leder_in_time([case(NOTIFIED, date(2022, 2, 28))], as_of=date(2022, 3, 31))
        assert result.met is True
        assert result.percent == pct(100)

    def test_nothing_due(self) -> None:
        result = leder_in_time([], as_of=date(2022, 3, 31))
        assert (result.met, result.percent, result.due) == (None, None, 0)
        assert "No LeDeR review was due" in result.reason

    def test_consistent_with_shipped_target(self) -> None:
        target = G2122.target("learning_disability_mortality_reviews")
        assert isinstance(target, WithinTimeTarget)
        result = leder_in_time([], as_of=date(2022, 3, 31))
        assert result.required == target.value
        assert result.months == target.months
        assert result.citation == target.citation
        assert target.due(NOTIFIED) == date(2022, 2, 28)

    def test_other_interval(self) -> None:
        result = leder_in_time(
            [case(date(2021, 11, 30), date(2022, 2, 28))], as_of=date(2022, 6, 1), months=3
        )
        assert result.in_time == 1

    @pytest.mark.parametrize("months", [0, -6, True, 6.0])
    def test_bad_months(self, months: int) -> None:
        with pytest.raises(InvalidValueError, match="months"):
            leder_in_time([], as_of=date(2022, 3, 31), months=months)

    def test_bad_record(self) -> None:
        with pytest.raises(InvalidValueError, match="CaseRecord"):
            leder_in_time([(NOTIFIED, None)], as_of=date(2022, 3, 31))  # type: ignore[list-item]

    @given(
        st.lists(
            st.tuples(
                st.dates(date(2020, 1, 1), date(2023, 12, 31)),
                st.none() | st.integers(0, 400),
            ),
            max_size=30,
        ),
        st.dates(date(2020, 1, 1), date(2023, 12, 31)),
    )
    def test_every_record_counted_once(
        self, cases: list[tuple[date, int | None]], as_of: date
    ) -> None:

        records = [
            case(start, None if days is None else start + timedelta(days=days))
            for start, days in cases
        ]
        result = leder_in_time(records, as_of=as_of)
        total = result.in_time + result.late + result.open_not_yet_due + result.not_yet_notified
        assert total == len(records)
        assert result.due == result.in_time + result.late
        assert 0 <= result.overdue_open <= result.late


# --- urgent community response ----------------------------------------------------------------


def every_day(*intervals: Interval) -> dict[Weekday, list[Interval]]:
    return {day: list(intervals) for day in Weekday}


class TestUcrCoverage:
    def test_exactly_eight_to_eight_every_day(self) -> None:
        result = ucr_coverage(every_day((time(8), time(20))))
        assert (result.numerator, result.denominator) == (5040, 5040)
        assert result.percent == pct(100)
        assert result.met
        assert result.gaps == ()
        assert result.reason == "The service covers all 84 hours of the 8am-8pm, seven-day window."

    def test_one_minute_short_every_day(self) -> None:
        result = ucr_coverage(every_day((time(8), time(19, 59))))
        assert result.numerator == 5040 - 7
        assert not result.met
        assert result.gaps[0] == UcrGap(day=Weekday.MONDAY, start=time(19, 59), end=time(20))
        assert len(result.gaps) == 7
        assert "Monday 19:59-20:00" in result.reason

    @pytest.mark.parametrize(
        ("intervals", "minutes"),
        [
            ([(time(8), time(14)), (time(12), time(20))], 720),  # overlap merged
            ([(time(8), time(12)), (time(12), time(20))], 720),  # touching
            ([(time(9), time(10)), (time(9, 30), time(10, 30))], 90),
            ([(time(9), time(10)), (time(9), time(10))], 60),  # duplicate counted once
            ([(time(10), time(11)), (time(8), time(9))], 120),  # any order
            ([(time(6), time(22))], 720),  # outside 8-20 ignored
            ([(time(0), time(8))], 0),
            ([(time(20), time.max)], 0),
            ([(time(7), time(8, 30))], 30),
            ([(time(12), time(12))], 0),  # empty interval
            ([], 0),
        ],
    )
    def test_one_day(self, intervals: list[Interval], minutes: float) -> None:
        result = ucr_coverage({Weekday.WEDNESDAY: intervals})
        assert result.numerator == minutes
        assert not result.met

    def test_missing_days_have_no_cover(self) -> None:
        hours = every_day((time(8), time(20)))
        del hours[Weekday.SUNDAY]
        result = ucr_coverage(hours)
        assert result.numerator == 6 * 720
        assert result.gaps == (UcrGap(day=Weekday.SUNDAY, start=time(8), end=time(20)),)

    def test_day_spellings(self) -> None:
        by_name = ucr_coverage({"Mon": [(time(8), time(20))], "tuesday": [(time(8), time(9))]})
        by_number = ucr_coverage({0: [(time(8), time(20))], 1: [(time(8), time(9))]})
        assert by_name == by_number
        assert by_name.numerator == 780

    def test_same_day_named_twice_pools(self) -> None:
        result = ucr_coverage(
            {"mon": [(time(8), time(14))], "MONDAY": [(time(14), time(20))]},
        )
        assert result.numerator == 720

    def test_seconds_count(self) -> None:
        result = ucr_coverage({"mon": [(time(8), time(8, 0, 30))]})
        assert result.numerator == 0.5

    def test_consistent_with_shipped_target(self) -> None:
        target = G2122.target("urgent_community_response_2h")
        assert isinstance(target, ThresholdTarget)
        result = ucr_coverage({})
        assert result.required == target.value == pct(100)
        assert result.citation == target.citation
        assert WINDOW_MINUTES == 84 * 60

    @pytest.mark.parametrize(
        ("hours", "match"),
        [
            ({"mon": [(time(20), time(8))]}, "ends"),
            ({"funday": [(time(8), time(20))]}, "day of the week"),
            ({7: [(time(8), time(20))]}, "day of the week"),
            ({True: [(time(8), time(20))]}, "day of the week"),
            ({"mon": (time(8), time(20))}, "pair of times"),
            ({"mon": [(time(8),)]}, "pair of times"),
            ({"mon": [("08:00", "20:00")]}, "pair of times"),
            ({"mon": "08:00-20:00"}, "list of"),
        ],
    )
    def test_bad_input(self, hours: object, match: str) -> None:
        with pytest.raises(InvalidValueError, match=match):
            ucr_coverage(hours)  # type: ignore[arg-type]

    def test_not_a_mapping(self) -> None:
        with pytest.raises(InvalidValueError, match="mapping"):
            ucr_coverage([(time(8), time(20))])  # type: ignore[arg-type]


_minutes = st.integers(0, 24 * 60 - 1)


def _interval(pair: tuple[int, int]) -> Interval:
    a, b = sorted(pair)
    return (time(a // 60, a % 60), time(b // 60, b % 60))


_intervals = st.lists(st.tuples(_minutes, _minutes).map(_interval), max_size=6)
_weeks = st.dictionaries(st.sampled_from(Weekday), _intervals)


class TestUcrCoverageLaws:
    @given(_weeks, st.sampled_from(Weekday), _intervals)
    def test_monotone_in_hours_added(
        self, week: dict[Weekday, list[Interval]], day: Weekday, extra: list[Interval]
    ) -> None:
        more = dict(week)
        more[day] = [*week.get(day, []), *extra]
        before, after = ucr_coverage(week), ucr_coverage(more)
        assert before.numerator <= after.numerator
        assert not before.met or after.met

    @given(_weeks)
    def test_bounded_and_gaps_complement(self, week: dict[Weekday, list[Interval]]) -> None:
        result = ucr_coverage(week)
        assert 0 <= result.numerator <= WINDOW_MINUTES
        gap_minutes = sum(
            (g.end.hour * 60 + g.end.minute) - (g.start.hour * 60 + g.start.minute)
            for g in result.gaps
        )
        assert result.numerator + gap_minutes == WINDOW_MINUTES
        assert result.met is (result.gaps == ())

    @given(_weeks)
    def test_order_and_duplicates_do_not_matter(self, week: dict[Weekday, list[Interval]]) -> None:
        shuffled: dict[Weekday, Sequence[Interval]] = {
            day: list(reversed(hours)) * 2 for day, hours in week.items()
        }
        assert ucr_coverage(shuffled) == ucr_coverage(week)


# --- cancer backlog ---------------------------------------------------------------------------


class TestCancerBacklog:
    @pytest.mark.parametrize(
        ("local", "national", "required", "binding"),
        [
            (120, 95, 95, BaselineScope.NATIONAL),
            (80, 95, 80, BaselineScope.LOCAL),
            (95, 95, 95, BaselineScope.LOCAL),
            (0, 50, 0, BaselineScope.LOCAL),
        ],
    )
    def test_lower_of_the_two(
        self, local: float, national: float, required: float, binding: BaselineScope
    ) -> None:
        assert cancer_backlog_target(patients(local), patients(national)) == patients(required)
        result = cancer_backlog_status(patients(required), patients(local), patients(national))
        assert result.binding is binding
        assert result.met

    @pytest.mark.parametrize(
        ("current", "met", "margin"),
        [(94, True, 1), (95, True, 0), (96, False, -1), (0, True, 95)],
    )
    def test_status(self, current: float, met: bool, margin: float) -> None:
        result = cancer_backlog_status(patients(current), patients(120), patients(95))
        assert result.met is met
        assert result.margin == patients(margin)
        assert result.required == patients(95)

    def test_reason(self) -> None:
        result = cancer_backlog_status(patients(101), patients(120), patients(95))
        assert result.reason == (
            "The 62-day backlog of 101 patients is above the national average February 2020 "
            "level of 95 patients by 6 patients."
        )

    def test_consistent_with_shipped_target(self) -> None:
        target = G2122.target("cancer_62_day_backlog")
        assert isinstance(target, BaselineTarget)
        by_label = {
            b.label: patients(300 if b.scope is BaselineScope.LOCAL else 250)
            for b in target.baselines
        }
        assert cancer_backlog_target(patients(300), patients(250)) == target.required_from(by_label)
        result = cancer_backlog_status(patients(1), patients(300), patients(250))
        assert result.deadline == target.deadline
        assert result.citation == target.citation

    def test_count_units_mix(self) -> None:
        assert cancer_backlog_target(patients(120), quantity(95, "pathway")) == patients(95)

    def test_unit_mismatch(self) -> None:
        with pytest.raises(UnitMismatchError):
            cancer_backlog_target(patients(120), gbp(95))

    def test_negative(self) -> None:
        with pytest.raises(InvalidValueError, match="negative"):
            cancer_backlog_status(patients(-1), patients(120), patients(95))

    @given(st.floats(0, 1e6), st.floats(0, 1e6))
    def test_min_rule(self, local: float, national: float) -> None:
        required = cancer_backlog_target(patients(local), patients(national))
        assert required.magnitude == min(local, national)


# --- the package ------------------------------------------------------------------------------


class TestPackage:
    def test_all_names_exported(self) -> None:
        for name in rules.__all__:
            assert hasattr(rules, name), name

    def test_results_are_frozen(self) -> None:
        import attrs  # noqa: PLC0415

        result = mhis_compliance(gbp(1), gbp(1))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            result.met = False  # type: ignore[misc]

    def test_import_is_cheap(self) -> None:
        code = (
            "import sys, nhsplan.evaluate.rules; "
            "print(sorted(m for m in ('pint', 'cattrs', 'numpy', 'pandas') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "[]"
