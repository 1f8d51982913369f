"""The kinds issue 17 added to the decision core (nhsplan.evaluate.kinds): every month, every
year, per population, a reach; and the readings and links the model carries for them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

import nhsplan
from nhsplan import evaluate
from nhsplan.calendar import FinancialYear, Month
from nhsplan.catalog import read_as
from nhsplan.catalog.serialise import structure, unstructure
from nhsplan.errors import InvalidValueError, StructureError
from nhsplan.evaluate.kinds import ENGLAND_POPULATION, evaluate_only, people
from nhsplan.evaluate.report import Report
from nhsplan.model import (
    Alternative,
    BaselineTarget,
    Citation,
    Comparison,
    EliminationTarget,
    Judgement,
    Observation,
    Reading,
    Scope,
    Status,
    Target,
    ThresholdTarget,
)
from nhsplan.units import quantity

CITATION = Citation(source="test", quote="a test")

WAITS = EliminationTarget(
    id="waits_kept_at_zero",
    name="No long waits from July, maintained",
    metric="long_waiters",
    unit="pathway",
    judged=Judgement.EVERY_MONTH,
    effective_from=date(2022, 7, 1),
    effective_until=date(2022, 12, 31),
    citation=CITATION,
)
GROWTH = ThresholdTarget(
    id="growth_every_year",
    name="2 % every year",
    metric="growth",
    comparison=Comparison.AT_LEAST,
    value=quantity(2, "percent"),
    judged=Judgement.EVERY_YEAR,
    effective_from=date(2026, 4, 1),
    effective_until=date(2029, 3, 31),
    citation=CITATION,
)
BEDS = ThresholdTarget(
    id="beds_per_head",
    name="40 beds per 100,000",
    metric="beds",
    comparison=Comparison.AT_LEAST,
    value=quantity(40, "bed"),
    per=100_000,
    judged=Judgement.LATEST,
    citation=CITATION,
)
REACH = ThresholdTarget(
    id="reach_forty",
    name="Up to 40 %",
    metric="offered",
    comparison=Comparison.UP_TO,
    value=quantity(40, "percent"),
    reach=True,
    citation=CITATION,
)


def _waits(values: dict[Month, float]) -> list[Observation]:
    return [
        Observation(org="RBD", metric="long_waiters", period=m, value=quantity(v, "pathway"))
        for m, v in values.items()
    ]


ALL_CLEAR = {Month(2022, m): 0.0 for m in range(7, 13)}


class TestEveryMonth:
    def test_not_due_before_the_first_month_ends(self) -> None:
        a = evaluate(WAITS, _waits(ALL_CLEAR), as_of=date(2022, 7, 30), org="RBD")
        assert a.status is Status.NOT_DUE
        assert a.period == Month(2022, 7)

    def test_met_in_every_month(self) -> None:
        a = evaluate(WAITS, _waits(ALL_CLEAR), as_of=date(2023, 2, 1), org="RBD")
        assert a.status is Status.MET
        assert a.period == Month(2022, 12)
        assert "each of the 6 months" in a.reason

    def test_met_so_far(self) -> None:
        a = evaluate(WAITS, _waits(ALL_CLEAR), as_of=date(2022, 8, 31), org="RBD")
        assert a.status is Status.MET
        assert a.period == Month(2022, 8)

    @pytest.mark.parametrize("breach", [Month(2022, 7), Month(2022, 9), Month(2022, 12)])
    def test_a_breach_in_any_month_fails_and_is_named(self, breach: Month) -> None:
        a = evaluate(WAITS, _waits(ALL_CLEAR | {breach: 1}), as_of=date(2023, 2, 1), org="RBD")
        assert a.status is Status.NOT_MET
        assert a.period == breach
        assert f"{breach} missed it" in a.reason
        assert a.margin == quantity(-1, "pathway")

    def test_a_missing_month_is_no_data(self) -> None:
        figures = {m: v for m, v in ALL_CLEAR.items() if m != Month(2022, 10)}
        a = evaluate(WAITS, _waits(figures), as_of=date(2023, 2, 1), org="RBD")
        assert a.status is Status.NO_DATA
        assert a.period == Month(2022, 10)

    def test_a_breach_decides_even_with_a_month_missing(self) -> None:
        figures = {m: v for m, v in ALL_CLEAR.items() if m != Month(2022, 8)}
        a = evaluate(
            WAITS, _waits(figures | {Month(2022, 11): 2}), as_of=date(2023, 2, 1), org="RBD"
        )
        assert a.status is Status.NOT_MET

    def test_months_after_the_window_are_not_judged(self) -> None:
        later = ALL_CLEAR | {Month(2023, 1): 5}
        a = evaluate(WAITS, _waits(later), as_of=date(2023, 3, 1), org="RBD")
        assert a.status is Status.MET


class TestEveryYear:
    @staticmethod
    def _years(*values: float) -> list[Observation]:
        return [
            Observation(
                org="RBD",
                metric="growth",
                period=FinancialYear(2026 + i),
                value=quantity(v, "percent"),
            )
            for i, v in enumerate(values)
        ]

    def test_each_year_on_its_own(self) -> None:
        a = evaluate(GROWTH, self._years(3, 1.5, 4), as_of=date(2029, 6, 1), org="RBD")
        assert a.status is Status.NOT_MET
        assert a.period == FinancialYear(2027)
        assert "2027/28 missed it" in a.reason

    def test_not_due_in_the_first_year(self) -> None:
        a = evaluate(GROWTH, self._years(), as_of=date(2027, 3, 30), org="RBD")
        assert a.status is Status.NOT_DUE

    def test_monthly_proportions_pool_by_year(self) -> None:
        target = attrs.evolve(GROWTH, value=quantity(50, "percent"))
        months = [Month(2026, m) for m in range(4, 13)] + [Month(2027, m) for m in range(1, 4)]
        figures = [
            Observation(org="RBD", metric="growth", period=m, numerator=n, denominator=d)
            for m, (n, d) in zip(months, [(1, 10)] + [(60, 100)] * 11, strict=True)
        ]
        a = evaluate(target, figures, as_of=date(2027, 4, 30), org="RBD")
        assert a.status is Status.MET  # 661 / 1110, not an average of percentages


class TestPerPopulation:
    @staticmethod
    def _beds(org: str, count: float) -> list[Observation]:
        return [
            Observation(
                org=org, metric="beds", period=Month(2023, 12), value=quantity(count, "bed")
            )
        ]

    def test_england_uses_the_bundled_estimate(self) -> None:
        a = evaluate(
            BEDS, self._beds("ENGLAND", 23_076.12), as_of=date(2023, 12, 31), org="ENGLAND"
        )
        assert a.observed is not None
        assert a.observed.magnitude == pytest.approx(40, abs=1e-6)
        assert a.status is Status.MET
        assert ENGLAND_POPULATION.label in a.reason

    def test_an_organisation_gives_its_population(self) -> None:
        a = evaluate(
            BEDS, self._beds("QWE", 300), as_of=date(2023, 12, 31), org="QWE", population=1_000_000
        )
        assert a.status is Status.NOT_MET  # 30 per 100,000
        assert a.observed is not None
        assert a.observed.magnitude == pytest.approx(30)

    def test_population_as_a_quantity(self) -> None:
        a = evaluate(
            BEDS,
            self._beds("QWE", 500),
            as_of=date(2023, 12, 31),
            org="QWE",
            population=quantity(1_000_000, "person"),
        )
        assert a.status is Status.MET

    def test_without_a_population_no_data(self) -> None:
        a = evaluate(BEDS, self._beds("QWE", 300), as_of=date(2023, 12, 31), org="QWE")
        assert a.status is Status.NO_DATA
        assert "population=" in a.reason
        assert a.as_of == date(2023, 12, 31)

    @pytest.mark.parametrize("population", [0, -5, "many"])
    def test_a_population_must_be_a_positive_number(self, population: object) -> None:
        with pytest.raises(InvalidValueError, match="population"):
            evaluate(
                BEDS,
                self._beds("QWE", 300),
                as_of=date(2023, 12, 31),
                org="QWE",
                population=population,  # type: ignore[arg-type]
            )

    def test_a_population_only_for_a_target_per_head(self) -> None:
        with pytest.raises(InvalidValueError, match="not asked per head"):
            evaluate(REACH, [], as_of=date(2022, 3, 31), org="RBD", population=1_000)

    def test_per_must_be_positive(self) -> None:
        with pytest.raises(InvalidValueError, match="positive"):
            attrs.evolve(BEDS, per=0)


class TestReach:
    @staticmethod
    def _offered(percent: int) -> list[Observation]:
        return [
            Observation(
                org="RBD",
                metric="offered",
                period=Month(2022, 3),
                numerator=percent,
                denominator=100,
            )
        ]

    @pytest.mark.parametrize(("percent", "margin"), [(10, -30), (40, 0), (100, 60)])
    def test_never_met_or_not_met(self, percent: int, margin: float) -> None:
        a = evaluate(REACH, self._offered(percent), as_of=date(2022, 3, 31), org="RBD")
        assert a.status is Status.NOT_APPLICABLE
        assert a.margin is not None
        assert a.margin.magnitude == pytest.approx(margin)
        assert "reach" in a.reason

    def test_progress_in_words(self) -> None:
        a = evaluate(REACH, self._offered(10), as_of=date(2022, 3, 31), org="RBD")
        assert "25 % of the way" in a.reason

    def test_no_figure_is_no_data(self) -> None:
        a = evaluate(REACH, [], as_of=date(2022, 3, 31), org="RBD")
        assert a.status is Status.NO_DATA


class TestDispatch:
    @pytest.mark.parametrize("target", [WAITS, GROWTH, BEDS, REACH], ids=lambda t: t.id)
    def test_engines_send_these_to_evaluate(self, target: Target) -> None:
        assert evaluate_only(target)

    def test_a_plain_threshold_is_judged_by_every_engine(self) -> None:
        plain = attrs.evolve(REACH, reach=False)
        assert not evaluate_only(plain)


class TestSerialisation:
    @pytest.mark.parametrize("target", [WAITS, GROWTH, BEDS, REACH], ids=lambda t: t.id)
    def test_round_trips(self, target: Target) -> None:
        assert structure(unstructure(target), Target) == target

    def test_new_fields_are_written_only_where_set(self) -> None:
        data = unstructure(attrs.evolve(REACH, reach=False))
        assert not {"reach", "per", "reading", "same_as"} & set(data)
        assert unstructure(BEDS)["per"] == 100_000

    def test_a_reading_round_trips(self) -> None:
        reading = Reading(
            applied="points",
            alternatives=[Alternative(label="relative", text="relative", overrides={"x": 1})],
        )
        target = attrs.evolve(BEDS, reading=reading, same_as="other_id")
        assert structure(unstructure(target), Target) == target

    def test_an_override_must_be_a_plain_value(self) -> None:
        data = unstructure(BEDS) | {
            "reading": {
                "applied": "x",
                "alternatives": [{"label": "a", "text": "t", "overrides": {"points": [1]}}],
            }
        }
        with pytest.raises(StructureError, match="plain value"):
            structure(data, Target)

    def test_an_override_may_not_change_the_id(self) -> None:
        with pytest.raises(InvalidValueError, match="never its id"):
            Alternative(label="a", text="t", overrides={"id": "other"})


class TestReadings:
    rtt = nhsplan.load_guidance("2026-29").target("rtt_18_weeks_trust_2026_27")

    def test_the_alternative_can_be_asked_for(self) -> None:
        relative = read_as(self.rtt, "relative")
        assert relative.reading is not None
        assert relative.reading.alternatives[0].label == "as_encoded"
        baseline = {"March 2026 (assumed)": quantity(62, "percent")}
        assert isinstance(relative, BaselineTarget)
        assert str(relative.required_from(baseline)) == "66.34 %"

    def test_an_unknown_alternative_names_the_known_ones(self) -> None:
        with pytest.raises(InvalidValueError, match="'relative'"):
            read_as(self.rtt, "sideways")

    def test_no_reading_no_alternative(self) -> None:
        with pytest.raises(InvalidValueError, match="no reading"):
            read_as(BEDS, "relative")

    def test_every_output_shows_the_reading(self) -> None:
        g = nhsplan.load_guidance("2026-29")
        figures = [
            Observation(
                org="RBD",
                metric="rtt_18_weeks_incomplete",
                period=m,
                numerator=n,
                denominator=100,
            )
            for m, n in ((Month(2026, 3), 62), (Month(2027, 3), 68))
        ]
        report = nhsplan.evaluate_guidance(g, figures, as_of=date(2027, 4, 30))
        assert isinstance(report, Report)
        row = next(r for r in report.to_rows() if r["target"] == "rtt_18_weeks_trust_2026_27")
        assert row["status"] == "not_met"
        assert self.rtt.reading is not None
        assert row["reading"] == self.rtt.reading.applied
        assert "reading" in report.to_csv().splitlines()[0]
        assert self.rtt.reading.applied in report.to_json()
        assert f"reading of rtt_18_weeks_trust_2026_27: {self.rtt.reading.applied}" in str(report)
        assert "The verdicts rest on these readings" in report._repr_html_()

    def test_a_target_without_one_has_none(self) -> None:
        a = evaluate(WAITS, _waits(ALL_CLEAR), as_of=date(2023, 2, 1), org="RBD")
        assert a.reading is None


def test_a_national_kind_still_screens_organisations() -> None:
    national = attrs.evolve(BEDS, scope=Scope.NATIONAL)
    a = evaluate(national, [], as_of=date(2024, 1, 31), org="QWE")
    assert a.status is Status.NOT_APPLICABLE


def test_the_bundled_population_is_quoted_from_its_source() -> None:
    passage = " ".join(
        (Path(__file__).parents[1] / "sources" / "population.md")
        .read_text(encoding="utf-8")
        .split()
    )
    assert " ".join(ENGLAND_POPULATION.quote.split()) in passage
    assert f"{ENGLAND_POPULATION.people:,}" in ENGLAND_POPULATION.quote
    assert "ons.gov.uk" in ENGLAND_POPULATION.url


class TestSentences:
    """Every sentence of these kinds, word for word: the reason is what a user reads."""

    @staticmethod
    def _years(*values: float) -> list[Observation]:
        return TestEveryYear._years(*values)

    def test_every_month_met(self) -> None:
        a = evaluate(WAITS, _waits(ALL_CLEAR), as_of=date(2023, 2, 1), org="RBD")
        assert a.reason == (
            "RBD met the target in each of the 6 months judged, 2022-07 to 2022-12 (it is "
            "asked in every month from 2022-07 to 2022-12); the latest, 2022-12, was 0 "
            "pathways against 0 pathways."
        )
        assert (a.observed, a.required) == (quantity(0, "pathway"), quantity(0, "pathway"))

    def test_every_month_met_in_the_one_month_so_far(self) -> None:
        a = evaluate(WAITS, _waits(ALL_CLEAR), as_of=date(2022, 8, 1), org="RBD")
        assert a.reason == (
            "RBD met the target in the one month judged, 2022-07 (it is asked in every month "
            "from 2022-07 to 2022-12); the latest, 2022-07, was 0 pathways against 0 pathways."
        )

    def test_an_open_window(self) -> None:
        open_ended = attrs.evolve(WAITS, effective_until=None)
        a = evaluate(open_ended, _waits(ALL_CLEAR), as_of=date(2022, 9, 1), org="RBD")
        assert a.reason == (
            "RBD met the target in each of the 2 months judged, 2022-07 to 2022-08 (it is "
            "asked in every month from 2022-07 on); the latest, 2022-08, was 0 pathways "
            "against 0 pathways."
        )

    def test_every_month_not_due(self) -> None:
        a = evaluate(WAITS, _waits(ALL_CLEAR), as_of=date(2022, 7, 30), org="RBD")
        assert a.reason == (
            "The target waits_kept_at_zero is judged on every month from 2022-07 to 2022-12; "
            "the first, 2022-07, is complete on 2022-07-31, after the date assessed, "
            "2022-07-30."
        )

    def test_a_breach(self) -> None:
        breach = ALL_CLEAR | {Month(2022, 9): 1}
        a = evaluate(WAITS, _waits(breach), as_of=date(2023, 2, 1), org="RBD")
        assert a.reason == (
            "RBD's 2022-09 figure, 1 pathway, is above the 0 pathways required (at most): the "
            "target asks it in every month from 2022-07 to 2022-12, and 2022-09 missed it."
        )

    @pytest.mark.parametrize(
        ("gone", "shown"),
        [
            ((8, 9, 10), "2022-08, 2022-09, 2022-10"),
            ((8, 9, 10, 11), "2022-08, 2022-09, 2022-10, ..."),
            ((12,), "2022-12"),
        ],
    )
    def test_months_without_a_figure(self, gone: tuple[int, ...], shown: str) -> None:
        figures = {m: v for m, v in ALL_CLEAR.items() if m.month not in gone}
        a = evaluate(WAITS, _waits(figures), as_of=date(2023, 2, 1), org="RBD")
        assert a.status is Status.NO_DATA
        assert a.period == Month(2022, gone[0])
        assert a.reason == (
            f"No figure of long_waiters for RBD for {shown}: the target waits_kept_at_zero is "
            "judged on every month from 2022-07 to 2022-12, and each needs its own figure."
        )

    def test_no_first_day(self) -> None:
        a = evaluate(
            attrs.evolve(WAITS, effective_from=None),
            _waits(ALL_CLEAR),
            as_of=date(2022, 9, 1),
            org="RBD",
        )
        assert a.status is Status.NO_DATA
        assert a.reason == (
            "The target waits_kept_at_zero is judged on every month in force but has no first "
            "day (effective_from); it cannot say which periods to judge."
        )

    def test_every_year(self) -> None:
        a = evaluate(GROWTH, self._years(3, 2.5, 4), as_of=date(2029, 6, 1), org="RBD")
        assert a.status is Status.MET
        assert a.reason == (
            "RBD met the target in each of the 3 financial years judged, 2026/27 to 2028/29 "
            "(it is asked in every financial year from 2026/27 to 2028/29); the latest, "
            "2028/29, was 4% against 2%."
        )
        a = evaluate(GROWTH, self._years(3, 1.5, 4), as_of=date(2029, 6, 1), org="RBD")
        assert a.reason == (
            "RBD's 2027/28 figure, 1.5%, is below the 2% required (at least): the target asks "
            "it in every financial year from 2026/27 to 2028/29, and 2027/28 missed it."
        )
        a = evaluate(GROWTH, self._years(), as_of=date(2027, 3, 30), org="RBD")
        assert a.reason == (
            "The target growth_every_year is judged on every financial year from 2026/27 to "
            "2028/29; the first, 2026/27, is complete on 2027-03-31, after the date assessed, "
            "2027-03-30."
        )
        a = evaluate(GROWTH, self._years(3), as_of=date(2029, 6, 1), org="RBD")
        assert (a.status, a.period) == (Status.NO_DATA, FinancialYear(2027))
        assert a.reason == (
            "No figure of growth for RBD for 2027/28, 2028/29: the target growth_every_year is "
            "judged on every financial year from 2026/27 to 2028/29, and each needs its own "
            "figure."
        )

    def test_per_population(self) -> None:
        beds = TestPerPopulation._beds
        a = evaluate(BEDS, beds("ENGLAND", 23_076.12), as_of=date(2023, 12, 31), org="ENGLAND")
        assert a.reason == (
            "ENGLAND's 2023-12 figure per 100,000 population, of 57,690,300 people (ONS "
            "mid-2023 estimate for England), 40 beds, meets the 40 beds required (at least)."
        )
        a = evaluate(
            BEDS, beds("QWE", 300), as_of=date(2023, 12, 31), org="QWE", population=1_000_000
        )
        assert a.reason == (
            "QWE's 2023-12 figure per 100,000 population, of 1,000,000 people (population= "
            "given), 30 beds, is below the 40 beds required (at least)."
        )
        a = evaluate(BEDS, beds("QWE", 300), as_of=date(2023, 12, 31), org="QWE")
        assert (a.status, a.period) == (Status.NO_DATA, Month(2023, 12))
        assert a.reason == (
            "The target beds_per_head asks a level per 100,000 population; give QWE's "
            "population (population=), or judge England's figure (org='ENGLAND'), for which "
            "the ONS mid-2023 estimate for England is bundled."
        )

    def test_per_population_every_month(self) -> None:
        # each month's level is scaled, not only the decision's
        monthly = attrs.evolve(
            BEDS,
            judged=Judgement.EVERY_MONTH,
            effective_from=date(2023, 11, 1),
            effective_until=date(2023, 12, 31),
        )
        figures = [*TestPerPopulation._beds("QWE", 500)]
        figures.append(attrs.evolve(figures[0], period=Month(2023, 11), value=quantity(300, "bed")))
        a = evaluate(monthly, figures, as_of=date(2024, 1, 5), org="QWE", population=1_000_000)
        assert (a.status, a.period) == (Status.NOT_MET, Month(2023, 11))
        assert a.observed is not None
        assert a.observed.magnitude == pytest.approx(30)
        assert a.reason == (
            "QWE's 2023-11 figure per 100,000 population, of 1,000,000 people (population= "
            "given), 30 beds, is below the 40 beds required (at least): the target asks it in "
            "every month from 2023-11 to 2023-12, and 2023-11 missed it."
        )

    def test_a_reach(self) -> None:
        a = evaluate(REACH, TestReach._offered(10), as_of=date(2022, 3, 31), org="RBD")
        assert a.reason == (
            "The target reach_forty is a reach, not a requirement: the 2022-03 figure, 10%, is "
            "25 % of the way to the 40% it aims for; it is reported as progress, never met or "
            "not met."
        )
        a = evaluate(REACH, TestReach._offered(100), as_of=date(2022, 3, 31), org="RBD")
        assert a.reason == (
            "The target reach_forty is a reach, not a requirement: the 2022-03 figure, 100%, "
            "has reached the 40% it aims for; it is reported as progress, never met or not met."
        )


class TestPopulationWords:
    @pytest.mark.parametrize(
        ("population", "message"),
        [
            ("many", "'many' is not a number of people"),
            (0, "0 is not a positive number of people"),
            (-5, "-5 is not a positive number of people"),
        ],
    )
    def test_a_bad_population_is_refused_in_words(self, population: object, message: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            people(population)  # type: ignore[arg-type]
        assert str(info.value) == f"population: {message}; for example population=1_250_000"

    def test_any_positive_number_is_a_population(self) -> None:
        assert people(0.5) == 0.5

    def test_a_population_for_a_target_not_per_head_in_words(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            evaluate(WAITS, [], as_of=date(2022, 3, 31), org="RBD", population=1_000)
        assert str(info.value) == (
            "population: a population is given for 'waits_kept_at_zero', which is not asked per "
            "head of population; for example population=... only for a target with 'per' "
            "(virtual_ward_capacity_2022_23)"
        )


def test_a_share_of_a_national_every_month_target_is_each_month_s_level() -> None:
    national = attrs.evolve(WAITS, scope=Scope.NATIONAL)
    threes = _waits(dict.fromkeys(ALL_CLEAR, 3.0))
    a = evaluate(national, threes, as_of=date(2023, 2, 1), org="RBD", share=quantity(5, "pathway"))
    assert a.status is Status.MET
    assert a.reason.endswith("the latest, 2022-12, was 3 pathways against 5 pathways.")
