"""What the decision core decides, and the words of each fixed verdict, whole.

:mod:`tests.evaluate.test_boundaries` pins which way each date comparison falls; these pin
everything else a decision carries: the date it was made on, every fact its sentence names,
the sentence for a named and for an unnamed organisation, :func:`settled` against
:func:`decide`, and the errors a wrong call gets. Written from a mutation run's survivors
(docs/mutation.md): each case here failed under some change to the core that no other test saw.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs
import pytest

import nhsplan
from nhsplan import Status
from nhsplan.calendar import Month, parse_period
from nhsplan.errors import InvalidObservationError, InvalidValueError, UnitMismatchError
from nhsplan.evaluate import reasons
from nhsplan.evaluate.decide import Level, decide, settled
from nhsplan.evaluate.reasons import Reason
from nhsplan.evaluate.verdict import describe, figures_of, judged_period, latest_figure
from nhsplan.model import (
    Amendment,
    Baseline,
    BaselineScope,
    BaselineTarget,
    CaseRecord,
    Comparison,
    Judgement,
    Metric,
    Observation,
    OrgType,
    ThresholdTarget,
)
from nhsplan.model.enums import Polarity, Scope, ScoringKind
from nhsplan.units import quantity

STANDARDS = nhsplan.load_guidance("standards")
G2122 = nhsplan.load_guidance("2021/22")
AE = STANDARDS.target("ae_4_hour")  # at least 95 %, each month, from 1 July 2010
RTT65 = STANDARDS.target("rtt_65_week_waits")  # retired 2024-03-26, judged on March 2024
PCN = G2122.target("pcn_additional_roles_fte")  # England's 15,500 FTE by March 2022
MOU = attrs.evolve(G2122.target("ics_governance_mou"), metric="ics_mou_agreed")  # end of Q1
LEDER = G2122.target("learning_disability_mortality_reviews")  # within 6 months
BACKLOG = G2122.target("cancer_62_day_backlog")  # local and national baselines


def _threshold(target: nhsplan.Target) -> ThresholdTarget:
    assert isinstance(target, ThresholdTarget)
    return target


def _baselined(target: nhsplan.Target) -> BaselineTarget:
    assert isinstance(target, BaselineTarget)
    return target


def _mou(period: str, value: float = 1.0) -> Observation:
    return Observation(
        org="QWE", metric="ics_mou_agreed", period=period, value=quantity(value, "count")
    )


class TestFixedVerdicts:
    """Each fixed verdict through :func:`nhsplan.evaluate`: its date and its sentence, whole."""

    @pytest.mark.parametrize(
        ("target", "as_of", "org", "org_type", "status", "reason"),
        [
            (
                AE,
                date(2021, 4, 30),
                "RBD",
                "ambulance_trust",
                Status.NOT_APPLICABLE,
                (
                    "The target ae_4_hour asks nothing of ambulance_trust organisations, only of "
                    "acute_trust, ccg, system."
                ),
            ),
            (  # England is not every type: a type the target does not ask of is still refused
                AE,
                date(2021, 4, 30),
                "ENGLAND",
                "ambulance_trust",
                Status.NOT_APPLICABLE,
                (
                    "The target ae_4_hour asks nothing of ambulance_trust organisations, only of "
                    "acute_trust, ccg, system."
                ),
            ),
            (
                AE,
                date(2010, 6, 30),
                "RBD",
                None,
                Status.NOT_DUE,
                (
                    "The target ae_4_hour applies from 2010-07-01, after the date assessed, "
                    "2010-06-30."
                ),
            ),
            (
                RTT65,
                date(2024, 4, 30),
                "RBD",
                None,
                Status.NOT_APPLICABLE,
                (
                    "The target rtt_65_week_waits was retired on 2024-03-26, before its deadline "
                    "month 2024-03 ended; rtt_65_week_waits_revised replaced it."
                ),
            ),
            (
                attrs.evolve(RTT65, superseded_by=None),
                date(2024, 4, 30),
                "RBD",
                None,
                Status.NOT_APPLICABLE,
                (
                    "The target rtt_65_week_waits was retired on 2024-03-26, before its deadline "
                    "month 2024-03 ended."
                ),
            ),
            (
                AE,
                date(2021, 12, 31),
                None,
                None,
                Status.NO_DATA,
                "No 2021-12 figure of ae_4_hour for the organisation by 2021-12-31.",
            ),
            (
                attrs.evolve(AE, judged=Judgement.LATEST),
                date(2021, 12, 31),
                "RBD",
                None,
                Status.NO_DATA,
                "No figure of ae_4_hour for RBD for a period in force that ended by 2021-12-31.",
            ),
            (
                MOU,
                date(2021, 6, 30),
                None,
                None,
                Status.NOT_DUE,
                (
                    "The milestone ics_governance_mou is due by the end of Q1 (2021-06-30); the "
                    "organisation had not delivered it by 2021-06-30."
                ),
            ),
            (
                MOU,
                date(2021, 7, 1),
                None,
                None,
                Status.NOT_MET,
                (
                    "The organisation had not delivered the milestone ics_governance_mou by "
                    "2021-07-01; it was due by the end of Q1 (2021-06-30)."
                ),
            ),
            (
                G2122.target("ics_governance_mou"),
                date(2021, 6, 30),
                "QWE",
                None,
                Status.NOT_DUE,
                "The milestone ics_governance_mou is due by the end of Q1 (2021-06-30).",
            ),
            (
                G2122.target("ics_governance_mou"),
                date(2021, 7, 1),
                "QWE",
                None,
                Status.NO_DATA,
                (
                    "The milestone ics_governance_mou has no metric, so no figure can show it was "
                    "delivered by the end of Q1 (2021-06-30)."
                ),
            ),
        ],
    )
    def test_without_figures(
        self,
        *,
        target: nhsplan.Target,
        as_of: date,
        org: str | None,
        org_type: str | None,
        status: Status,
        reason: str,
    ) -> None:
        a = nhsplan.evaluate(target, [], as_of=as_of, org=org, org_type=org_type)
        assert (a.status, a.reason, a.as_of, a.org) == (status, reason, as_of, org)

    @pytest.mark.parametrize(
        ("period", "status", "reason"),
        [
            (
                "2021-06",
                Status.MET,
                (
                    "The organisation delivered the milestone ics_governance_mou in 2021-06, by "
                    "the end of Q1 (2021-06-30)."
                ),
            ),
            (
                "2021-07",
                Status.NOT_MET,
                (
                    "The organisation delivered the milestone ics_governance_mou in 2021-07, after "
                    "its deadline, by the end of Q1 (2021-06-30)."
                ),
            ),
        ],
    )
    def test_a_delivered_milestone(self, period: str, status: Status, reason: str) -> None:
        figure = _mou(period)
        d = decide(
            MOU,
            [figure.period],
            as_of=date(2021, 8, 1),
            national=False,
            delivered={figure.period: figure.amount},
        )
        assert (d.status, d.as_of, d.period, d.observed) == (
            status,
            date(2021, 8, 1),
            figure.period,
            figure.amount,
        )
        assert reasons.sentence(d.reason, d.facts, org=None) == reason
        a = nhsplan.evaluate(MOU, [figure], as_of=date(2021, 8, 1), org="QWE")
        assert (a.status, a.as_of) == (status, date(2021, 8, 1))

    def test_a_milestone_not_delivered_says_when_it_was_due(self) -> None:
        a = nhsplan.evaluate(MOU, [_mou("2021-06", 0.0)], as_of=date(2021, 7, 1), org="QWE")
        assert (a.status, a.as_of) == (Status.NOT_MET, date(2021, 7, 1))
        assert a.reason == (
            "QWE had not delivered the milestone ics_governance_mou by 2021-07-01; it was due "
            "by the end of Q1 (2021-06-30)."
        )

    def test_nothing_asked_for_a_month_before_the_start(self) -> None:
        # from 15 March, judged each month on 20 March: February, the month judged, is not
        late = attrs.evolve(
            BACKLOG, effective_from=date(2022, 3, 15), judged=Judgement.EACH_MONTH, deadline=None
        )
        figure = Observation(
            org="RBD", metric=str(BACKLOG.metric), period="2022-02", value=quantity(1, "pathway")
        )
        a = nhsplan.evaluate(late, [figure], as_of=date(2022, 3, 20), org="RBD")
        assert (a.status, a.as_of, str(a.period), a.reason) == (
            Status.NOT_DUE,
            date(2022, 3, 20),
            "2022-02",
            "The target cancer_62_day_backlog asks nothing for 2022-02.",
        )

    def test_a_missing_baseline_keeps_the_date(self) -> None:
        figure = Observation(
            org="RBD", metric=str(BACKLOG.metric), period="2022-03", value=quantity(1, "pathway")
        )
        a = nhsplan.evaluate(BACKLOG, [figure], as_of=date(2022, 3, 31), org="RBD")
        assert (a.status, a.as_of) == (Status.NO_DATA, date(2022, 3, 31))

    def test_a_compared_within_time_share_keeps_the_date(self) -> None:
        case = CaseRecord(
            org="RBD", metric="leder_reviews_in_time", start=date(2021, 1, 31), end=date(2021, 3, 1)
        )
        a = nhsplan.evaluate(LEDER, [case], as_of=date(2021, 9, 30), org="RBD")
        assert (a.status, a.as_of) == (Status.MET, date(2021, 9, 30))


class TestNationalAmbitions:
    """A national ambition of another organisation, and the level it names."""

    @staticmethod
    def _reason(level: str) -> str:
        return (
            f"The target pcn_additional_roles_fte is a national ambition{level}, judged on "
            "England's figure (organisation ENGLAND, or E92000001); QWE is judged against it "
            "only with its own share or plan value."
        )

    AMENDED = attrs.evolve(
        _threshold(PCN),
        effective_from=date(2021, 4, 1),
        amendments=(
            Amendment(
                effective=date(2022, 1, 1), value=quantity(16_000, "FTE"), citation=PCN.citation
            ),
        ),
    )

    @pytest.mark.parametrize(
        ("target", "as_of", "level"),
        [
            (AMENDED, date(2022, 2, 1), " (16,000 FTE across England)"),  # the level on the day
            (AMENDED, date(2021, 3, 1), " (15,500 FTE across England)"),  # before: its first
            (PCN, date(2022, 5, 1), " (15,500 FTE across England)"),  # after: its last
            (attrs.evolve(MOU, scope=Scope.NATIONAL), date(2021, 6, 1), ""),  # no level
        ],
    )
    def test_names_the_level(self, target: nhsplan.Target, as_of: date, level: str) -> None:
        a = nhsplan.evaluate(target, [], as_of=as_of, org="QWE")
        assert (a.status, a.as_of) == (Status.NOT_APPLICABLE, as_of)
        assert a.reason == self._reason(level).replace("pcn_additional_roles_fte", target.id)

    def test_a_share_of_a_local_target_is_refused(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            nhsplan.evaluate(AE, [], as_of=date(2022, 3, 31), org="RBD", share=quantity(1, "%"))
        assert str(info.value) == (
            "share: a share is given for 'ae_4_hour', which is not a national ambition; for "
            "example share=... only for a target whose scope is national"
        )

    def test_a_share_of_a_national_milestone_is_refused(self) -> None:
        national = attrs.evolve(MOU, scope=Scope.NATIONAL)
        with pytest.raises(InvalidValueError) as info:
            nhsplan.evaluate(national, [], as_of=date(2022, 3, 31), org="QWE", share=quantity(1))
        assert str(info.value) == (
            "share: a share cannot be given for the milestone target 'ics_governance_mou'; for "
            "example share='900 FTE' for a national threshold or trajectory"
        )


class TestCasesForAnotherKind:
    @pytest.mark.parametrize(("ref", "where"), [("", "RBD 2021-01-31"), ("case 7", "RBD case 7")])
    def test_are_refused_naming_the_case(self, ref: str, where: str) -> None:
        case = CaseRecord(org="RBD", metric="ae_4_hour", start=date(2021, 1, 31), ref=ref)
        with pytest.raises(InvalidObservationError) as info:
            nhsplan.evaluate(AE, [case], as_of=date(2021, 9, 30), org="RBD")
        assert str(info.value) == (
            f"observations ({where}): case records judge only within-time targets, and "
            "'ae_4_hour' is a threshold target; for example Observation(org='RBD', "
            "metric=..., period=Month(2021, 12), value=...)"
        )


class TestLevels:
    """The level a figure is compared with, as :func:`decide` gives it."""

    def test_a_within_time_share(self) -> None:
        cases = [
            CaseRecord(org="RBD", metric="leder_reviews_in_time", start=date(2021, 1, 31), end=end)
            for end in (date(2021, 3, 1), date(2021, 9, 1))
        ]
        d = decide(
            LEDER,
            [],
            as_of=date(2021, 9, 30),
            national=False,
            metric=G2122.metric("leder_reviews_in_time"),
            cases=cases,
        )
        assert (d.status, d.reason, d.as_of, d.observed) == (
            None,
            Reason.COMPARED,
            date(2021, 9, 30),
            quantity(50, "percent"),
        )
        assert d.level == Level(
            comparison=Comparison.AT_LEAST,
            required=quantity(100, "percent"),
            unit="percent",
            label="share of cases done within 6 months (1 of 2 due by 2021-09-30)",
            ends=date(2021, 9, 30),
            proportion=True,  # the metric's kind, as in every level (the share is not pooled)
        )

    def test_a_within_time_share_is_in_the_metrics_unit(self) -> None:
        # a share converts only to a percentage: a metric counted in reviews is refused
        reviews = Metric(
            id="leder_reviews_in_time",
            name="reviews",
            unit="review",
            polarity=Polarity.HIGHER_IS_BETTER,
            kind=ScoringKind.COUNT,
        )
        case = CaseRecord(
            org="RBD", metric="leder_reviews_in_time", start=date(2021, 1, 31), end=date(2021, 3, 1)
        )
        with pytest.raises(UnitMismatchError):
            nhsplan.evaluate(LEDER, [case], as_of=date(2021, 9, 30), org="RBD", metric=reviews)

    def test_the_metrics_unit_is_the_levels(self) -> None:
        # a threshold written in hours, for a metric measured in minutes
        assert isinstance(AE, ThresholdTarget)
        stay = attrs.evolve(
            AE,
            metric="ae_mean_stay",
            value=quantity(4, "hour"),
            comparison=Comparison.AT_MOST,
        )
        metric = Metric(
            id="ae_mean_stay",
            name="mean stay",
            unit="minute",
            polarity=Polarity.LOWER_IS_BETTER,
            kind=ScoringKind.DURATION,
        )
        figure = Observation(
            org="RBD", metric="ae_mean_stay", period="2021-12", value=quantity(200, "minute")
        )
        a = nhsplan.evaluate(stay, [figure], as_of=date(2021, 12, 31), org="RBD", metric=metric)
        assert a.status is Status.MET
        assert a.required is not None
        assert a.observed is not None
        # in the metric's unit, not only equal to it (4 hours == 240 minutes)
        assert (a.required.magnitude, a.required.unit) == (240, "minute")
        assert (a.observed.magnitude, a.observed.unit) == (200, "minute")

    def test_a_baseline_stated_in_the_guidance_is_used(self) -> None:
        stated = attrs.evolve(
            _baselined(BACKLOG),
            baselines=(
                Baseline(
                    label="February 2020",
                    period=Month(2020, 2),
                    scope=BaselineScope.NATIONAL,
                    value=quantity(90, "pathway"),
                ),
            ),
        )
        figure = Observation(
            org="RBD", metric=str(BACKLOG.metric), period="2022-03", value=quantity(80, "pathway")
        )
        a = nhsplan.evaluate(stated, [figure], as_of=date(2022, 3, 31), org="RBD")
        assert (a.status, a.required) == (Status.MET, quantity(90, "pathway"))

    def test_a_baseline_target_starting_within_a_month_judges_it(self) -> None:
        late = attrs.evolve(BACKLOG, effective_from=date(2022, 3, 15))
        figure = Observation(
            org="RBD", metric=str(BACKLOG.metric), period="2022-03", value=quantity(80, "pathway")
        )
        given = {
            "February 2020 (local)": quantity(90, "pathway"),
            "February 2020 national average": quantity(95, "pathway"),
        }
        a = nhsplan.evaluate(late, [figure], as_of=date(2022, 3, 31), org="RBD", baselines=given)
        assert (a.status, a.required) == (Status.MET, quantity(90, "pathway"))


class TestSettled:
    """:func:`settled` is :func:`decide` wherever no figure can change the answer."""

    @pytest.mark.parametrize(
        ("target", "as_of", "national", "org_type", "reason"),
        [
            (AE, date(2021, 4, 30), False, OrgType.AMBULANCE_TRUST, Reason.NOT_FOR_TYPE),
            (AE, date(2021, 4, 30), True, OrgType.AMBULANCE_TRUST, Reason.NOT_FOR_TYPE),
            (PCN, date(2022, 3, 31), False, None, Reason.NATIONAL_ONLY),
            (RTT65, date(2024, 4, 30), False, None, Reason.RETIRED),
            (AE, date(2010, 6, 30), False, None, Reason.NOT_STARTED),
            (AE, date(2010, 7, 1), False, None, None),
            (PCN, date(2022, 3, 31), True, None, None),
            (MOU, date(2021, 7, 1), False, None, None),  # a milestone: its figures decide
        ],
    )
    def test_agrees_with_decide(
        self,
        *,
        target: nhsplan.Target,
        as_of: date,
        national: bool,
        org_type: OrgType | None,
        reason: Reason | None,
    ) -> None:
        s = settled(target, as_of=as_of, national=national, org_type=org_type)
        if reason is None:
            assert s is None
            return
        assert s is not None
        assert s.reason is reason
        assert s == decide(target, [], as_of=as_of, national=national, org_type=org_type)
        assert s.as_of == as_of
        assert s.facts["as_of"] == str(as_of)


class TestOrganisationNamed:
    """How a sentence names an organisation, and one with no name."""

    FACTS: ClassVar[dict[str, str]] = {
        "target": "mou",
        "period": "2021-06",
        "deadline": "by June",
        "as_of": "2021-07-01",
        "metric": "m",
    }

    @pytest.mark.parametrize(
        ("reason", "org", "text"),
        [
            (Reason.MILESTONE_DELIVERED, None, "The organisation delivered the milestone mou"),
            (Reason.MILESTONE_DELIVERED, "RBD", "RBD delivered the milestone mou"),
            (Reason.NO_CASE_DUE, None, "No m case of the organisation was due"),
            (Reason.NO_CASE_DUE, "RBD", "No m case of RBD was due"),
        ],
    )
    def test_in_a_fixed_sentence(self, reason: Reason, org: str | None, text: str) -> None:
        assert reasons.sentence(reason, self.FACTS, org=org).startswith(text)

    @pytest.mark.parametrize(
        ("org", "start"), [(None, "The 2021-12 figure"), ("RBD", "RBD's 2021-12 figure")]
    )
    def test_in_a_comparison(self, org: str | None, start: str) -> None:
        text = reasons.compared(
            Comparison.AT_LEAST,
            figures_of(quantity(96, "%"), quantity(95, "%")),
            status=Status.MET,
            holds=True,
            org=org,
            label="2021-12 figure",
            partial=False,
            ends=date(2021, 12, 31),
            due_by=None,
        )
        assert text == f"{start}, 96%, meets the 95% required (at least)."


class TestVerdictHelpers:
    """The public helpers of :mod:`nhsplan.evaluate.verdict` nothing else in nhsplan calls."""

    FIGURES = (
        Observation(org="RBD", metric="ae_4_hour", period="2021/22 Q1", value="90 %"),
        Observation(org="RBD", metric="ae_4_hour", period="2021-05", value="91 %"),
        Observation(org="RBD", metric="ae_4_hour", period="2021-07", value="92 %"),
        Observation(org="RBD", metric="ae_12_hour", period="2021-06", value="1 %"),
    )

    @pytest.mark.parametrize(
        ("as_of", "period"),
        [
            (date(2021, 7, 31), "2021-07"),  # ends on as_of: counts
            (date(2021, 7, 30), "2021/22 Q1"),  # by end, then start: the quarter, not May
            (date(2021, 5, 30), None),
        ],
    )
    def test_latest_figure(self, as_of: date, period: str | None) -> None:
        found = latest_figure(AE, self.FIGURES, as_of=as_of)
        assert (str(found.period) if found else None) == period
        if found is not None:
            assert found.metric == "ae_4_hour"

    def test_latest_figure_of_another_metric_only(self) -> None:
        assert latest_figure(AE, self.FIGURES[3:], as_of=date(2021, 7, 31)) is None

    @pytest.mark.parametrize(
        ("values", "as_of", "period"),
        [
            ((0.0, 1.0), date(2021, 8, 31), "2021-07"),  # a zero is not delivery
            ((2.0, 1.0), date(2021, 8, 31), "2021-06"),  # the first delivery, whatever its size
            ((2.0, 1.0), date(2021, 5, 31), None),  # neither had begun
        ],
    )
    def test_judged_period_of_a_milestone(
        self, values: tuple[float, float], as_of: date, period: str | None
    ) -> None:
        figures = [_mou("2021-06", values[0]), _mou("2021-07", values[1])]
        found = judged_period(MOU, figures, as_of=as_of)
        assert (str(found) if found else None) == period

    def test_the_latest_period_orders_by_end_then_start(self) -> None:
        a = nhsplan.evaluate(
            AE, list(self.FIGURES[:2]), as_of=date(2021, 7, 31), org="RBD"
        )  # July has no figure; of the quarter and May, the quarter ended last
        assert a.status is Status.NO_DATA
        assert "the latest figure found is for 2021/22 Q1," in a.reason

    def test_describe(self) -> None:
        # equal to the eye: written exactly
        assert describe(quantity(95, "%"), quantity(95.0000001, "%")) == ("95 %", "95.0000001 %")
        assert describe(quantity(1, "pathway"), quantity(2, "pathway")) == (
            "1 pathway",
            "2 pathways",
        )
        assert parse_period("2021-05") == Month(2021, 5)


class TestAmendedYear:
    """A year's figures against the level in force on the last day judged (amended mid-year)."""

    TARGET = ThresholdTarget(
        id="activity_2023_24",
        name="activity",
        metric="activity",
        comparison=Comparison.AT_LEAST,
        value=quantity(100, "percent"),
        judged=Judgement.YEAR_AVERAGE,
        effective_from=date(2023, 4, 1),
        effective_until=date(2024, 3, 31),
        amendments=(
            Amendment(
                effective=date(2023, 10, 1), value=quantity(90, "percent"), citation=PCN.citation
            ),
        ),
        citation=PCN.citation,
    )

    @pytest.mark.parametrize(
        ("as_of", "status", "required"),
        [
            (date(2024, 5, 1), Status.MET, 90),  # the year over: the level at its end
            (date(2023, 8, 15), Status.NOT_MET, 100),  # before the amendment: the level then
            (date(2023, 11, 15), Status.MET, 90),  # after it, within the year
        ],
    )
    def test_the_level_on_the_last_day_judged(
        self, as_of: date, status: Status, required: float
    ) -> None:
        months = [Month(2023, m) for m in range(4, 13)] + [Month(2024, m) for m in range(1, 4)]
        figures = [
            Observation(org="RBD", metric="activity", period=m, value=quantity(95, "percent"))
            for m in months
        ]
        a = nhsplan.evaluate(self.TARGET, figures, as_of=as_of, org="RBD")
        assert (a.status, a.required) == (status, quantity(required, "percent"))
