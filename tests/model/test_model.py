from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import given

from nhsplan.calendar import DeadlineKind, FinancialYear, Month
from nhsplan.errors import (
    CatalogError,
    DeadlineWordingError,
    InvalidObservationError,
    InvalidValueError,
    NhsplanError,
    UnknownIdError,
    UnknownMetricError,
)
from nhsplan.model import (
    Amendment,
    Baseline,
    BaselineScope,
    BaselineTarget,
    CaseRecord,
    Citation,
    Combine,
    Comparison,
    Deadline,
    EliminationTarget,
    Funding,
    Guidance,
    Interpolation,
    Metric,
    MilestoneTarget,
    Observation,
    Organisation,
    OrgType,
    Polarity,
    Priority,
    Requirement,
    ScoringKind,
    ThresholdTarget,
    TrajectoryPoint,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.model.organisations import read_organisations
from nhsplan.units import Quantity, quantity
from tests import strategies_model as sm

CITE = Citation(source="001_b4880168b3d542f5.txt", section="§C1")
FY21 = FinancialYear(2021)


def erf(**overrides: Any) -> TrajectoryTarget:
    fields: dict[str, Any] = {
        "id": "elective_recovery_fund_threshold",
        "name": "Elective Recovery Fund threshold",
        "metric": "elective_activity_vs_2019_20",
        "comparison": Comparison.AT_LEAST,
        "citation": CITE,
        "points": [
            TrajectoryPoint(on=date(2021, 4, 1), value=quantity(70, "percent")),
            TrajectoryPoint(on=date(2021, 5, 1), value=quantity(75, "percent")),
            TrajectoryPoint(on=date(2021, 6, 1), value=quantity(80, "percent")),
            TrajectoryPoint(on=date(2021, 7, 1), value=quantity(85, "percent")),
        ],
        "amendments": [
            Amendment(
                effective=date(2021, 7, 1),
                value=quantity(95, "percent"),
                citation=Citation(source="The Times, 12 July 2021"),
            )
        ],
    }
    fields.update(overrides)
    return TrajectoryTarget(**fields)


class TestCitation:
    def test_str(self) -> None:
        assert str(CITE) == "001_b4880168b3d542f5.txt §C1"

    def test_empty_source(self) -> None:
        with pytest.raises(InvalidValueError, match="source"):
            Citation(source=" ")


class TestDeadline:
    @pytest.mark.parametrize(
        ("words", "kind", "resolved"),
        [
            ("by end of Q1", DeadlineKind.BY, date(2021, 6, 30)),
            ("during Q1", DeadlineKind.DURING, date(2021, 6, 30)),
            ("from Q3", DeadlineKind.FROM, date(2021, 10, 1)),
            ("by 3 June", DeadlineKind.BY, date(2021, 6, 3)),
            ("by March 2022", DeadlineKind.BY, date(2022, 3, 31)),
        ],
    )
    def test_words_resolve(self, words: str, kind: DeadlineKind, resolved: date) -> None:
        deadline = Deadline(words=words, year=FY21)
        assert deadline.kind is kind
        assert deadline.resolved == resolved
        assert deadline.words == words

    def test_judged_month(self) -> None:
        assert Deadline(words="by March 2022", year=FY21).judged_month == Month(2022, 3)

    def test_unresolvable_words(self) -> None:
        with pytest.raises(DeadlineWordingError):
            Deadline(words="sometime soon", year=FY21)


class TestThresholdTarget:
    def test_value_in_force(self) -> None:
        fds = ThresholdTarget(
            id="cancer_faster_diagnosis_standard",
            name="FDS",
            metric="cancer_fds",
            comparison=Comparison.AT_LEAST,
            value=quantity(75, "percent"),
            citation=CITE,
            effective_from=date(2021, 10, 1),
        )
        assert fds.value_on(date(2021, 9, 30)) is None
        assert fds.value_on(date(2021, 10, 1)) == quantity(75, "percent")
        assert fds.required(on=date(2021, 5, 1)) is None
        required = fds.required(on=date(2022, 1, 1))
        assert required is not None
        assert required.to("percent").magnitude == 75

    def test_from_deadline_sets_effect(self) -> None:
        fds = ThresholdTarget(
            id="fds",
            name="FDS",
            metric="cancer_fds",
            comparison=Comparison.AT_LEAST,
            value=quantity(75, "percent"),
            citation=CITE,
            deadline=Deadline(words="from Q3", year=FY21),
        )
        assert not fds.in_force(date(2021, 9, 30))
        assert fds.in_force(date(2021, 10, 1))

    @pytest.mark.parametrize("bad_id", ["Cancer FDS", "cancer-fds", "1fds", "fds_", ""])
    def test_id_must_be_snake_case(self, bad_id: str) -> None:
        with pytest.raises(InvalidValueError, match="snake_case"):
            ThresholdTarget(
                id=bad_id,
                name="x",
                metric="m",
                comparison=Comparison.AT_LEAST,
                value=quantity(1, "count"),
                citation=CITE,
            )

    def test_unknown_org_type(self) -> None:
        with pytest.raises(InvalidValueError, match="hospital"):
            ThresholdTarget(
                id="x",
                name="x",
                metric="m",
                comparison=Comparison.AT_LEAST,
                value=quantity(1, "count"),
                citation=CITE,
                applies_to=["hospital"],
            )

    def test_amendments_out_of_order(self) -> None:
        later = Amendment(effective=date(2021, 10, 1), value=quantity(1, "count"), citation=CITE)
        earlier = Amendment(effective=date(2021, 7, 1), value=quantity(2, "count"), citation=CITE)
        with pytest.raises(InvalidValueError, match="date order"):
            ThresholdTarget(
                id="x",
                name="x",
                metric="m",
                comparison=Comparison.AT_LEAST,
                value=quantity(1, "count"),
                citation=CITE,
                amendments=[later, earlier],
            )

    def test_amendment_unit_must_convert(self) -> None:
        bad = Amendment(effective=date(2021, 7, 1), value=quantity(2, "GBP"), citation=CITE)
        with pytest.raises(InvalidValueError, match="does not convert"):
            ThresholdTarget(
                id="x",
                name="x",
                metric="m",
                comparison=Comparison.AT_LEAST,
                value=quantity(1, "FTE"),
                citation=CITE,
                amendments=[bad],
            )


class TestTrajectoryTarget:
    @pytest.mark.parametrize(
        ("on", "published", "in_force"),
        [
            (date(2021, 3, 31), None, None),
            (date(2021, 4, 1), 70, 70),
            (date(2021, 4, 30), 70, 70),
            (date(2021, 5, 15), 75, 75),
            (date(2021, 6, 30), 80, 80),
            (date(2021, 7, 1), 85, 95),
            (date(2021, 9, 30), 85, 95),
        ],
    )
    def test_erf_steps_and_amendment(
        self, on: date, published: float | None, in_force: float | None
    ) -> None:
        target = erf()
        pub = target.published_value_on(on)
        now = target.value_on(on)
        assert (pub.magnitude if pub else None) == published
        assert (now.magnitude if now else None) == in_force

    def test_linear(self) -> None:
        pcn = erf(
            id="pcn_additional_roles_fte",
            metric="pcn_roles_fte",
            amendments=[],
            interpolation=Interpolation.LINEAR,
            points=[
                TrajectoryPoint(on=date(2022, 3, 31), value=quantity(15500, "FTE")),
                TrajectoryPoint(on=date(2024, 3, 31), value=quantity(26000, "FTE")),
            ],
        )
        midway = pcn.value_on(date(2023, 3, 31))
        assert midway is not None
        assert midway.unit == "FTE"
        assert midway.magnitude == pytest.approx(15500 + 10500 * 365 / 731)
        last = pcn.value_on(date(2030, 1, 1))
        assert last == quantity(26000, "FTE")

    @pytest.mark.parametrize(
        "points",
        [
            [],
            [
                TrajectoryPoint(on=date(2021, 5, 1), value=quantity(1, "percent")),
                TrajectoryPoint(on=date(2021, 4, 1), value=quantity(2, "percent")),
            ],
            [
                TrajectoryPoint(on=date(2021, 4, 1), value=quantity(1, "percent")),
                TrajectoryPoint(on=date(2021, 5, 1), value=quantity(2, "FTE")),
            ],
        ],
        ids=["empty", "out-of-order", "mixed-units"],
    )
    def test_bad_points(self, points: list[TrajectoryPoint]) -> None:
        with pytest.raises(InvalidValueError, match="points"):
            erf(points=points, amendments=[])


class TestBaselineTarget:
    def backlog(self) -> BaselineTarget:
        return BaselineTarget(
            id="cancer_62_day_backlog",
            name="62-day backlog",
            metric="cancer_62_day_waiters",
            comparison=Comparison.AT_MOST,
            citation=CITE,
            combine=Combine.LOWEST,
            baselines=[
                Baseline(label="local February 2020", period=Month(2020, 2)),
                Baseline(
                    label="national average February 2020",
                    period=Month(2020, 2),
                    scope=BaselineScope.NATIONAL,
                ),
            ],
        )

    def test_lower_of_two(self) -> None:
        required = self.backlog().required_from(
            {
                "local February 2020": quantity(120, "patient"),
                "national average February 2020": quantity(90, "patient"),
            }
        )
        assert required.magnitude == 90

    def test_missing_baseline(self) -> None:
        with pytest.raises(InvalidValueError, match="local February 2020"):
            self.backlog().required_from({"national average February 2020": quantity(1, "count")})

    def test_value_unknown_until_baselines_given(self) -> None:
        assert self.backlog().value_on(date(2022, 3, 31)) is None


class TestOtherKinds:
    def test_elimination_is_zero(self) -> None:
        t = EliminationTarget(
            id="rtt_52_week_waits",
            name="No 52-week waits",
            metric="rtt_52_week_waiters",
            unit="pathway",
            citation=CITE,
        )
        assert t.value_on(date(2020, 6, 1)) == quantity(0, "pathway")
        assert t.comparison is Comparison.AT_MOST

    def test_milestone_needs_deadline(self) -> None:
        with pytest.raises(InvalidValueError, match="deadline"):
            MilestoneTarget(
                id="ics_governance_mou", name="MOU", deliverable="MOU agreed", citation=CITE
            )

    def test_within_time_due_date_is_clamped(self) -> None:
        leder = WithinTimeTarget(
            id="learning_disability_mortality_reviews",
            name="LeDeR",
            metric="leder_reviews",
            months=6,
            citation=CITE,
        )
        assert leder.due(date(2021, 8, 31)) == date(2022, 2, 28)
        assert leder.value_on(date(2021, 1, 1)) == quantity(100, "percent")

    def test_within_time_months_positive(self) -> None:
        with pytest.raises(InvalidValueError, match="months"):
            WithinTimeTarget(id="x", name="x", metric="m", months=0, citation=CITE)


class TestMetric:
    def proportion(self) -> Metric:
        return Metric(
            id="ae_4_hour",
            name="A&E 4-hour",
            unit="percent",
            polarity=Polarity.HIGHER_IS_BETTER,
            kind=ScoringKind.PROPORTION,
            numerator="within 4 hours",
            denominator="all attendances",
        )

    def test_proportion_needs_definitions(self) -> None:
        with pytest.raises(InvalidValueError, match="numerator and denominator"):
            Metric(
                id="x",
                name="x",
                unit="percent",
                polarity=Polarity.NEUTRAL,
                kind=ScoringKind.PROPORTION,
            )

    def test_proportion_needs_ratio_unit(self) -> None:
        with pytest.raises(InvalidValueError, match="unit"):
            Metric(
                id="x",
                name="x",
                unit="FTE",
                polarity=Polarity.NEUTRAL,
                kind=ScoringKind.PROPORTION,
                numerator="a",
                denominator="b",
            )

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (quantity(101, "percent"), "between 0 and 100"),
            (quantity(-1, "percent"), "between 0 and 100"),
            (quantity(3, "FTE"), "does not convert"),
        ],
    )
    def test_check_rejects(self, value: Quantity, message: str) -> None:
        obs = Observation(org="RBD", metric="ae_4_hour", period=Month(2021, 4), value=value)
        with pytest.raises(InvalidObservationError, match=message):
            self.proportion().check(obs)

    def test_check_accepts(self) -> None:
        obs = Observation(
            org="RBD",
            metric="ae_4_hour",
            period=Month(2021, 4),
            value=quantity(0.95, "dimensionless"),
        )
        self.proportion().check(obs)

    def test_negative_count(self) -> None:
        metric = Metric(
            id="waiters",
            name="Waiters",
            unit="pathway",
            polarity=Polarity.LOWER_IS_BETTER,
            kind=ScoringKind.COUNT,
        )
        obs = Observation(
            org="RBD", metric="waiters", period=Month(2021, 4), value=quantity(-3, "pathway")
        )
        with pytest.raises(InvalidObservationError, match="negative"):
            metric.check(obs)


class TestObservation:
    MONTH = Month(2021, 4)

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({}, "neither"),
            ({"value": quantity(1, "count"), "numerator": 1, "denominator": 2}, "both"),
            ({"numerator": 1}, "together"),
            ({"numerator": 1, "denominator": 0}, "zero"),
            ({"numerator": 3, "denominator": 2}, "above"),
            ({"numerator": -1, "denominator": 2}, "negative"),
            ({"numerator": float("nan"), "denominator": 2}, "finite"),
        ],
    )
    def test_bad(self, fields: dict[str, Any], message: str) -> None:
        with pytest.raises(InvalidObservationError, match=message) as info:
            Observation(org="RBD", metric="ae_4_hour", period=self.MONTH, **fields)
        assert "for example" in str(info.value)

    def test_proportion_from_counts(self) -> None:
        obs = Observation(
            org="RBD", metric="ae_4_hour", period=self.MONTH, numerator=95, denominator=100
        )
        assert obs.amount == quantity(95, "percent")

    def test_bad_org_code(self) -> None:
        with pytest.raises(InvalidValueError, match="organisation code"):
            Observation(org="rbd ", metric="x", period=self.MONTH, value=quantity(1, "count"))


class TestCaseRecord:
    def test_dates_out_of_order(self) -> None:
        with pytest.raises(InvalidObservationError, match="before it starts"):
            CaseRecord(org="QVV", metric="leder", start=date(2021, 5, 1), end=date(2021, 4, 1))


class TestOrganisation:
    def test_system_membership(self) -> None:
        org = Organisation(code="RBD", type=OrgType.ACUTE_TRUST, system="QVV")
        assert org.system == "QVV"

    @pytest.mark.parametrize("bad", ["hospital", 3, None])
    def test_unknown_type_names_the_field_and_the_types(self, bad: object) -> None:
        with pytest.raises(InvalidValueError, match=r"^type: .* known: acute_trust, .*for example"):
            Organisation(code="RBD", type=bad)

    @pytest.mark.parametrize("given", [OrgType.ACUTE_TRUST, "acute_trust", "Acute_Trust"])
    def test_type_by_its_value_in_any_case(self, given: object) -> None:
        assert Organisation(code="RBD", type=given).type is OrgType.ACUTE_TRUST

    def test_orgs_read_once_into_a_tuple(self) -> None:
        rbd = Organisation(code="RBD", type="acute_trust")
        assert read_organisations(o for o in [rbd]) == (rbd,)
        assert read_organisations(None) is None

    @pytest.mark.parametrize(
        ("given", "field"),
        [("RBD", "orgs"), (7, "orgs"), (["RBD"], "orgs[0]"), ([None], "orgs[0]")],
    )
    def test_orgs_not_organisations_refused_naming_the_item(self, given: Any, field: str) -> None:
        rbd = Organisation(code="RBD", type="acute_trust")
        if isinstance(given, list):
            given = [rbd, *given]
            field = "orgs[1]"
        with pytest.raises(InvalidValueError, match=rf"^{re.escape(field)}: .*for example \["):
            read_organisations(given)


class TestFunding:
    def test_must_be_money(self) -> None:
        with pytest.raises(InvalidValueError, match="money"):
            Funding(id="x", name="x", amount=quantity(3, "FTE"), citation=CITE)


class TestGuidance:
    def make(self, **overrides: Any) -> Guidance:
        fields: dict[str, Any] = {
            "id": "2021/22",
            "title": "2021/22 priorities and operational planning guidance",
            "year": FY21,
            "citation": CITE,
            "priorities": [
                Priority(
                    code="C",
                    title="Elective",
                    citation=CITE,
                    children=[Priority(code="C1", title="ERF", citation=CITE)],
                )
            ],
            "metrics": [
                Metric(
                    id="elective_activity_vs_2019_20",
                    name="Elective activity",
                    unit="percent",
                    polarity=Polarity.HIGHER_IS_BETTER,
                    kind=ScoringKind.RATIO,
                )
            ],
            "targets": [erf(priority="C1")],
            "requirements": [
                Requirement(
                    id="c1_plans",
                    priority="C1",
                    text="Plan",
                    citation=CITE,
                    owners=[OrgType.SYSTEM],
                    deadline=Deadline(words="by 3 June", year=FY21),
                )
            ],
        }
        fields.update(overrides)
        return Guidance(**fields)

    def test_lookups(self) -> None:
        g = self.make()
        assert g.priority("C1").title == "ERF"
        assert g.target("elective_recovery_fund_threshold").priority == "C1"
        assert g.metric("elective_activity_vs_2019_20").kind is ScoringKind.RATIO
        assert [d.id for d in g.deadlines] == ["c1_plans"]
        assert g.targets_for_metric("elective_activity_vs_2019_20")
        assert g.targets_for(OrgType.PCN)  # no applies_to: asked of everyone

    def test_unknown_lookups(self) -> None:
        g = self.make()
        with pytest.raises(LookupError, match="C1"):
            g.priority("C9")
        with pytest.raises(UnknownMetricError, match="elective_activity_vs_2019_20"):
            g.metric("elective_activity")

    def test_a_within_time_target_needs_a_metric_of_percentages(self) -> None:
        # its share of cases done in time is a percentage: a count metric failed when judged
        reviews = Metric(
            id="leder_reviews",
            name="reviews",
            unit="review",
            polarity=Polarity.HIGHER_IS_BETTER,
            kind=ScoringKind.COUNT,
        )
        leder = WithinTimeTarget(
            id="leder", name="LeDeR", metric="leder_reviews", months=6, citation=CITE
        )
        with pytest.raises(CatalogError, match="share of cases done in time, a percentage"):
            self.make(metrics=[*self.make().metrics, reviews], targets=[erf(priority="C1"), leder])

    def test_a_lookup_of_no_text_is_still_an_unknown_id(self) -> None:
        # untyped code may pass None: an UnknownIdError, not difflib's TypeError
        g = self.make()
        with pytest.raises(UnknownMetricError, match="None"):
            g.metric(None)  # type: ignore[arg-type]
        with pytest.raises(UnknownIdError, match="None"):
            g.target(None)  # type: ignore[arg-type]

    def test_all_problems_reported_at_once(self) -> None:
        with pytest.raises(CatalogError) as info:
            self.make(
                targets=[erf(metric="no_such_metric", priority="Z9"), erf()],
                requirements=[
                    Requirement(id="r", priority="Q", text="t", citation=CITE, targets=["missing"])
                ],
            )
        paths = [path for path, _ in info.value.problems]
        assert paths == [
            "$.targets[1]",
            "$.targets[0].metric",
            "$.targets[0].priority",
            "$.requirements[0].priority",
            "$.requirements[0].targets",
        ]

    def test_proportion_threshold_out_of_range(self) -> None:
        metric = Metric(
            id="fds",
            name="FDS",
            unit="percent",
            polarity=Polarity.HIGHER_IS_BETTER,
            kind=ScoringKind.PROPORTION,
            numerator="told in 28 days",
            denominator="all told",
        )
        target = ThresholdTarget(
            id="fds_t",
            name="FDS",
            metric="fds",
            comparison=Comparison.AT_LEAST,
            value=quantity(175, "percent"),
            citation=CITE,
        )
        with pytest.raises(CatalogError, match="between 0 and 100"):
            self.make(metrics=[metric], targets=[target])


@given(sm.targets)
def test_every_target_kind_answers_value_on(target: Any) -> None:
    for on in (date(2010, 1, 1), date(2021, 7, 1), date(2040, 1, 1)):
        value = target.value_on(on)
        assert value is None or isinstance(value, Quantity)


ERRORS: list[tuple[Callable[[], object], type[NhsplanError]]] = [
    (lambda: Citation(source=""), InvalidValueError),
    (lambda: Deadline(words="whenever", year=FY21), DeadlineWordingError),
]


@pytest.mark.parametrize(("build", "error"), ERRORS)
def test_errors_are_nhsplan_errors(build: Callable[[], object], error: type[NhsplanError]) -> None:
    with pytest.raises(error):
        build()


class TestEffectiveUntil:
    def test_retired_target_is_not_in_force(self) -> None:
        t = ThresholdTarget(
            id="two_week_wait",
            name="2WW",
            metric="cancer_2ww",
            comparison=Comparison.AT_LEAST,
            value=quantity(93, "percent"),
            citation=CITE,
            effective_until=date(2023, 9, 30),
        )
        assert t.value_on(date(2023, 9, 30)) == quantity(93, "percent")
        assert t.value_on(date(2023, 10, 1)) is None

    def test_end_before_start(self) -> None:
        with pytest.raises(InvalidValueError, match="ends"):
            ThresholdTarget(
                id="x",
                name="x",
                metric="m",
                comparison=Comparison.AT_LEAST,
                value=quantity(1, "count"),
                citation=CITE,
                effective_from=date(2022, 1, 1),
                effective_until=date(2021, 1, 1),
            )


class TestComparison:
    @pytest.mark.parametrize(
        ("comparison", "observed", "required", "holds"),
        [
            (Comparison.AT_LEAST, 75.0, 75.0, True),
            (Comparison.AT_LEAST, 74.99, 75.0, False),
            (Comparison.AT_MOST, 92.0, 92.0, True),
            (Comparison.AT_MOST, 92.01, 92.0, False),
            (Comparison.ABOVE, 50.0, 50.0, False),
            (Comparison.ABOVE, 50.01, 50.0, True),
            (Comparison.BELOW, 1.0, 1.0, False),
            (Comparison.BELOW, 0.99, 1.0, True),
        ],
    )
    def test_holds(
        self, comparison: Comparison, observed: float, required: float, holds: bool
    ) -> None:
        assert comparison.holds(observed, required) is holds

    def test_direction(self) -> None:
        assert [c.higher_is_better for c in Comparison] == [True, False, True, False, False, False]
