"""Every month, every year: the edges the mutation run of nhsplan.evaluate.kinds found untested.

Which level judges a period whose level changes inside it, a period with no level, a window
with nothing asked yet, the date on every fixed verdict, and a reach judged every month (which
was MET: a reach is never met or not met).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsplan import evaluate
from nhsplan.calendar import FinancialYear, Month
from nhsplan.errors import InvalidObservationError, NhsplanError
from nhsplan.evaluate.decide import decide
from nhsplan.evaluate.reasons import Reason
from nhsplan.model import (
    Amendment,
    Citation,
    Comparison,
    EliminationTarget,
    Judgement,
    Metric,
    Observation,
    Polarity,
    ScoringKind,
    Status,
    ThresholdTarget,
    TrajectoryPoint,
    TrajectoryTarget,
)
from nhsplan.units import quantity
from tests.profiles import examples
from tests.strategies_model import elimination_targets, threshold_targets, trajectory_targets

CITATION = Citation(source="test", quote="a test")

GROWTH = ThresholdTarget(
    id="growth_every_year",
    name="2 % every year, 5 % from October 2027",
    metric="growth",
    comparison=Comparison.AT_LEAST,
    value=quantity(2, "percent"),
    amendments=(
        Amendment(effective=date(2027, 10, 1), value=quantity(5, "percent"), citation=CITATION),
    ),
    judged=Judgement.EVERY_YEAR,
    effective_from=date(2026, 4, 1),
    effective_until=date(2029, 3, 31),
    citation=CITATION,
)
WAITS = EliminationTarget(
    id="waits_kept_at_zero",
    name="No long waits from the middle of July, maintained",
    metric="long_waiters",
    unit="pathway",
    judged=Judgement.EVERY_MONTH,
    effective_from=date(2022, 7, 15),
    effective_until=date(2022, 12, 31),
    citation=CITATION,
)
RAMP = TrajectoryTarget(
    id="cases_from_july",
    name="At most 10 cases a month, asked from July",
    metric="cases",
    comparison=Comparison.AT_MOST,
    points=(TrajectoryPoint(on=date(2022, 7, 1), value=quantity(10, "referral")),),
    judged=Judgement.EVERY_MONTH,
    effective_from=date(2022, 4, 1),
    effective_until=date(2023, 3, 31),
    citation=CITATION,
)
REACH_EVERY_MONTH = ThresholdTarget(
    id="reach_forty_every_month",
    name="Up to 40 %, every month",
    metric="offered",
    comparison=Comparison.UP_TO,
    value=quantity(40, "percent"),
    reach=True,
    judged=Judgement.EVERY_MONTH,
    effective_from=date(2021, 4, 1),
    effective_until=date(2022, 3, 31),
    citation=CITATION,
)


def _growth(*values: float) -> list[Observation]:
    return [
        Observation(
            org="RBD",
            metric="growth",
            period=FinancialYear(2026 + i),
            value=quantity(v, "percent"),
        )
        for i, v in enumerate(values)
    ]


def _counts(metric: str, unit: str, months: dict[Month, float]) -> list[Observation]:
    return [
        Observation(org="RBD", metric=metric, period=m, value=quantity(v, unit))
        for m, v in months.items()
    ]


class TestTheLevelOfAPeriod:
    def test_a_level_amended_inside_a_period_is_the_one_in_force_on_its_first_day(self) -> None:
        # 2027/28 starts under 2 % and ends under 5 %: 3 % meets the 2 % of its first day
        a = evaluate(GROWTH, _growth(2.5, 3.0), as_of=date(2028, 4, 30), org="RBD")
        assert a.status is Status.MET
        assert a.period == FinancialYear(2027)
        assert a.required == quantity(2, "percent")

    def test_the_year_after_the_amendment_is_held_to_the_new_level(self) -> None:
        a = evaluate(GROWTH, _growth(2.5, 3.0, 4.0), as_of=date(2029, 4, 30), org="RBD")
        assert a.status is Status.NOT_MET
        assert a.period == FinancialYear(2028)
        assert a.required == quantity(5, "percent")

    def test_a_month_the_target_starts_inside_is_judged_on_its_last_days_level(self) -> None:
        # in force from 15 July: July has no level on its first day, one on its last
        months = {Month(2022, m): 0.0 for m in range(7, 13)}
        a = evaluate(
            WAITS, _counts("long_waiters", "pathway", months), as_of=date(2023, 1, 31), org="RBD"
        )
        assert a.status is Status.MET
        assert "each of the 6 months judged, 2022-07 to 2022-12" in a.reason

    def test_a_breach_in_that_first_month_fails(self) -> None:
        months = {Month(2022, m): 0.0 for m in range(7, 13)} | {Month(2022, 7): 3.0}
        a = evaluate(
            WAITS, _counts("long_waiters", "pathway", months), as_of=date(2023, 1, 31), org="RBD"
        )
        assert a.status is Status.NOT_MET
        assert a.period == Month(2022, 7)


CASES = {Month(2022, m): 4.0 for m in range(4, 13)}


class TestMonthsWithNothingAsked:
    def test_months_before_the_first_level_are_passed_over(self) -> None:
        # April to June ask nothing; July and August are judged, and a later month with a
        # level still counts after the months without one
        a = evaluate(RAMP, _counts("cases", "referral", CASES), as_of=date(2022, 8, 31), org="RBD")
        assert a.status is Status.MET
        assert a.period == Month(2022, 8)
        assert "each of the 2 months judged, 2022-07 to 2022-08" in a.reason

    def test_a_breach_before_the_first_level_is_not_a_breach(self) -> None:
        cases = CASES | {Month(2022, 5): 50.0}
        a = evaluate(RAMP, _counts("cases", "referral", cases), as_of=date(2022, 8, 31), org="RBD")
        assert a.status is Status.MET

    def test_nothing_asked_in_any_month_judged_yet_is_not_due(self) -> None:
        a = evaluate(RAMP, _counts("cases", "referral", CASES), as_of=date(2022, 6, 30), org="RBD")
        assert a.status is Status.NOT_DUE
        assert a.target == RAMP.id
        assert a.as_of == date(2022, 6, 30)
        assert a.reason.startswith(f"The target {RAMP.id} asks nothing on 2022-06-30")


class TestTheDateOnEveryVerdict:
    """Each fixed verdict of an every-period target carries the date it was asked on."""

    def test_no_first_day(self) -> None:
        open_ended = attrs.evolve(GROWTH, effective_from=None, amendments=())
        a = evaluate(open_ended, _growth(3.0), as_of=date(2027, 5, 1), org="RBD")
        assert (a.status, a.as_of) == (Status.NO_DATA, date(2027, 5, 1))

    def test_a_month_without_a_figure(self) -> None:
        months = {Month(2022, m): 0.0 for m in (7, 8, 10, 11, 12)}
        a = evaluate(
            WAITS, _counts("long_waiters", "pathway", months), as_of=date(2023, 1, 31), org="RBD"
        )
        assert (a.status, a.as_of, a.period) == (Status.NO_DATA, date(2023, 1, 31), Month(2022, 9))

    @pytest.mark.parametrize("as_of", [date(2022, 8, 31), date(2023, 1, 31)])
    def test_met_and_not_met(self, as_of: date) -> None:
        months = {Month(2022, m): 0.0 for m in range(7, 13)}
        for figures in (months, months | {Month(2022, 8): 1.0}):
            a = evaluate(WAITS, _counts("long_waiters", "pathway", figures), as_of=as_of, org="RBD")
            assert a.as_of == as_of


class TestAReachJudgedEveryMonth:
    """A reach is reported as progress, never met or not met, however often it is judged."""

    @staticmethod
    def _offered(percent: float) -> list[Observation]:
        months = [Month(2021, m) for m in range(4, 13)] + [Month(2022, m) for m in range(1, 4)]
        return [
            Observation(org="RBD", metric="offered", period=m, numerator=percent, denominator=100)
            for m in months
        ]

    @pytest.mark.parametrize("percent", [10.0, 40.0, 90.0])
    def test_never_met(self, percent: float) -> None:
        a = evaluate(REACH_EVERY_MONTH, self._offered(percent), as_of=date(2022, 6, 30), org="RBD")
        assert a.status is Status.NOT_APPLICABLE
        assert a.period == Month(2022, 3)
        assert "reach, not a requirement" in a.reason

    def test_progress_of_the_latest_month(self) -> None:
        a = evaluate(REACH_EVERY_MONTH, self._offered(10.0), as_of=date(2022, 6, 30), org="RBD")
        assert "the 2022-03 figure, 10%, is 25 % of the way to the 40%" in a.reason


class TestTheDecisionItself:
    """``decide`` for an every-period target: its own date, reason, period and facts."""

    def test_the_decision_of_several_months(self) -> None:
        d = decide(
            WAITS, [Month(2022, m) for m in range(7, 13)], as_of=date(2023, 1, 31), national=False
        )
        assert d.as_of == date(2023, 1, 31)
        assert d.status is None
        assert d.reason is Reason.EVERY_MET
        assert d.period == Month(2022, 12)
        assert [p.period for p in d.parts] == [Month(2022, m) for m in range(7, 13)]
        assert d.facts["as_of"] == "2023-01-31"
        assert d.facts["window"] == "from 2022-07 to 2022-12"


RATE = Metric(
    id="seen_in_time",
    name="Seen in time",
    unit="percent",
    polarity=Polarity.HIGHER_IS_BETTER,
    kind=ScoringKind.PROPORTION,
    numerator="seen in time",
    denominator="seen",
)
SEEN = ThresholdTarget(
    id="seen_in_time_every_year",
    name="At least 90 % seen in time, every year",
    metric="seen_in_time",
    comparison=Comparison.AT_LEAST,
    value=quantity(90, "percent"),
    judged=Judgement.EVERY_YEAR,
    effective_from=date(2026, 4, 1),
    effective_until=date(2027, 3, 31),
    citation=CITATION,
)
WAIT = Metric(
    id="longest_wait",
    name="Longest wait",
    unit="hour",
    polarity=Polarity.LOWER_IS_BETTER,
    kind=ScoringKind.DURATION,
)
LONGEST = ThresholdTarget(
    id="longest_wait_every_month",
    name="No wait over 90 minutes, every month",
    metric="longest_wait",
    comparison=Comparison.AT_MOST,
    value=quantity(90, "minute"),
    judged=Judgement.EVERY_MONTH,
    effective_from=date(2026, 4, 1),
    effective_until=date(2026, 6, 30),
    citation=CITATION,
)


class TestWithTheMetric:
    """The metric, where given, sets the unit of each part's level and how a year pools."""

    @staticmethod
    def _months(**figure: Any) -> list[Observation]:
        return [
            Observation(org="RBD", metric="seen_in_time", period=Month(y, m), **figure)
            for y, m in [(2026, m) for m in range(4, 13)] + [(2027, m) for m in range(1, 4)]
        ]

    def test_a_year_of_a_proportion_pools_numerators_and_denominators(self) -> None:
        figures = self._months(numerator=91.0, denominator=100.0)
        a = evaluate(SEEN, figures, as_of=date(2027, 4, 30), org="RBD", metric=RATE)
        assert a.status is Status.MET
        assert a.observed == quantity(91, "percent")

    def test_a_year_of_a_proportion_given_as_percentages_is_refused(self) -> None:
        # an average of monthly percentages is not the year's proportion
        figures = self._months(value=quantity(91, "percent"))
        with pytest.raises(InvalidObservationError, match="cannot be pooled"):
            evaluate(SEEN, figures, as_of=date(2027, 4, 30), org="RBD", metric=RATE)

    def test_each_month_is_judged_in_the_metrics_unit(self) -> None:
        figures = [
            Observation(
                org="RBD",
                metric="longest_wait",
                period=Month(2026, m),
                value=quantity(1.25, "hour"),
            )
            for m in (4, 5, 6)
        ]
        a = evaluate(LONGEST, figures, as_of=date(2026, 7, 31), org="RBD", metric=WAIT)
        assert a.status is Status.MET
        assert a.required is not None
        assert a.required.unit == "hour"
        assert a.required.magnitude == pytest.approx(1.5)


Levelled = ThresholdTarget | TrajectoryTarget | EliminationTarget


def _unit(target: Levelled) -> str:
    if isinstance(target, EliminationTarget):
        return target.unit
    if isinstance(target, TrajectoryTarget):
        return target.points[0].value.unit
    return target.value.unit


def _drawn(target: Levelled, data: st.DataObject) -> tuple[Levelled, list[Observation], date]:
    """*target* given a drawn judgement, window and deadline; monthly figures; a date assessed.

    The window and the date are drawn from the months of the figures, so that the periods
    judged have figures more often than not.
    """
    first = Month(data.draw(st.integers(2016, 2028)), data.draw(st.integers(1, 12)))
    values = data.draw(st.lists(st.floats(0, 1_000), min_size=1, max_size=24))
    months = [first]
    for _ in values[1:]:
        months.append(months[-1].next())
    starts = data.draw(st.none() | st.sampled_from([m.start for m in months]))
    lasts = st.sampled_from([m.end for m in months if starts is None or m.start >= starts])
    deadline = target.deadline if data.draw(st.booleans()) else None
    judged = data.draw(st.sampled_from(Judgement))
    drawn = attrs.evolve(
        target,
        judged=Judgement.LATEST if judged is Judgement.DEADLINE_MONTH and not deadline else judged,
        effective_from=starts,
        effective_until=data.draw(st.none() | lasts),
        deadline=deadline,
    )
    unit = _unit(target)
    figures = [
        Observation(org="RBD", metric=target.metric, period=m, value=quantity(v, unit))
        for m, v in zip(months, values, strict=True)
    ]
    as_of = data.draw(st.sampled_from([m.end for m in months] + [date(2031, 3, 31)]))
    return drawn, figures, as_of


class TestLaws:
    """Laws over generated targets, windows, judgements and figures."""

    @settings(max_examples=examples(200, 2_000), deadline=None)
    @given(threshold_targets(), st.data())
    def test_a_reach_is_never_met_or_not_met(
        self, target: ThresholdTarget, data: st.DataObject
    ) -> None:
        reach = attrs.evolve(target, comparison=Comparison.UP_TO, reach=True, amendments=())
        drawn, figures, as_of = _drawn(reach, data)
        try:
            a = evaluate(drawn, figures, as_of=as_of, org="RBD")
        except NhsplanError:
            return  # refused figures say why; a refusal is not a verdict
        assert a.status not in (Status.MET, Status.NOT_MET), (drawn, a.reason)

    @settings(max_examples=examples(100, 2_000), deadline=None)
    @given(st.one_of(threshold_targets(), trajectory_targets(), elimination_targets), st.data())
    def test_met_only_where_the_figure_shown_meets_the_level_shown(
        self, target: Levelled, data: st.DataObject
    ) -> None:
        drawn, figures, as_of = _drawn(target, data)
        try:
            a = evaluate(drawn, figures, as_of=as_of, org="RBD")
        except NhsplanError:
            return
        if a.status is not Status.MET:
            return
        assert a.observed is not None
        assert a.required is not None
        observed = a.observed.to(a.required.units).magnitude
        assert drawn.comparison.holds(observed, a.required.magnitude), (drawn, a.reason)
