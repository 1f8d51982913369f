"""A baseline or within-time target judged every month or every year.

Both raised AssertionError in evaluate() (and so on every path): the verdict of several
periods took only thresholds, trajectories and eliminations. Found by the generated-guidance
differential (``tests/engines/columnar/test_generated.py``). A within-time target is judged on
its latest figure whatever ``judged`` says (:func:`~nhsplan.evaluate.verdict.judgement_of`);
a baseline target judged every month holds each month's figure to its baseline's level.
"""

from __future__ import annotations

from datetime import date

import attrs
import numpy as np
import pytest

from nhsplan import evaluate
from nhsplan.calendar import Month
from nhsplan.evaluate.batch import evaluate_batch
from nhsplan.evaluate.kinds import evaluate_only
from nhsplan.model import (
    Baseline,
    BaselineTarget,
    Citation,
    Comparison,
    Judgement,
    Observation,
    Status,
    WithinTimeTarget,
)
from nhsplan.units import quantity

CITATION = Citation(source="test", quote="a test")
REVIEWS = WithinTimeTarget(
    id="reviews_in_six_months",
    name="Reviews done within 6 months",
    metric="reviews",
    months=6,
    value=quantity(90, "percent"),
    citation=CITATION,
)
BETTER = BaselineTarget(
    id="five_points_better_each_month",
    name="5 points better than January 2022, each month from April",
    metric="seen",
    comparison=Comparison.AT_LEAST,
    baselines=[Baseline(label="January 2022", period=Month(2022, 1))],
    change=quantity(5, "percent"),
    points=True,
    judged=Judgement.EVERY_MONTH,
    effective_from=date(2022, 4, 1),
    citation=CITATION,
)


def _seen(org: str, month: Month, numerator: int, metric: str = "seen") -> Observation:
    return Observation(org=org, metric=metric, period=month, numerator=numerator, denominator=100)


class TestWithinTime:
    @pytest.mark.parametrize("judged", [Judgement.EVERY_MONTH, Judgement.EVERY_YEAR])
    def test_judged_on_its_latest_figure_whatever_judged_says(self, judged: Judgement) -> None:
        every = attrs.evolve(REVIEWS, judged=judged)
        for numerator in (85, 95):
            figures = [_seen("RBD", Month(2022, 5), numerator, "reviews")]
            got = evaluate(every, figures, as_of=date(2022, 6, 10), org="RBD")
            assert got == evaluate(REVIEWS, figures, as_of=date(2022, 6, 10), org="RBD")
            assert got.status is (Status.MET if numerator > 90 else Status.NOT_MET)

    def test_the_batch_judges_it_as_evaluate_does(self) -> None:
        every = attrs.evolve(REVIEWS, judged=Judgement.EVERY_MONTH)
        assert not evaluate_only(every)
        result = evaluate_batch(
            every,
            as_of=date(2022, 6, 10),
            numerators=np.array([85.0, 95.0]),
            denominators=np.array([100.0, 100.0]),
        )
        assert result.statuses() == [Status.NOT_MET, Status.MET]


class TestBaselineEveryMonth:
    def test_each_month_against_the_baselines_level(self) -> None:
        figures = [_seen("RBD", Month(2022, 1), 60)]
        figures += [_seen("RBD", Month(2022, m), 66) for m in (4, 5, 6)]
        met = evaluate(BETTER, figures, as_of=date(2022, 7, 3), org="RBD")
        assert met.status is Status.MET, met.reason
        assert str(met.required) == "65 %"
        assert met.period == Month(2022, 6)

    def test_a_month_below_it_fails_and_is_named(self) -> None:
        figures = [_seen("RBD", Month(2022, 1), 60), _seen("RBD", Month(2022, 5), 64)]
        figures += [_seen("RBD", Month(2022, m), 66) for m in (4, 6)]
        missed = evaluate(BETTER, figures, as_of=date(2022, 7, 3), org="RBD")
        assert missed.status is Status.NOT_MET
        assert missed.period == Month(2022, 5)
        assert "2022-05" in missed.reason

    def test_without_the_baselines_figure_no_data(self) -> None:
        figures = [_seen("RBD", Month(2022, m), 66) for m in (4, 5, 6)]
        missing = evaluate(BETTER, figures, as_of=date(2022, 7, 3), org="RBD")
        assert missing.status is Status.NO_DATA
        assert "January 2022" in missing.reason

    def test_a_stated_baseline_every_year(self) -> None:
        stated = attrs.evolve(
            BETTER,
            baselines=[attrs.evolve(BETTER.baselines[0], value=quantity(60, "percent"))],
            judged=Judgement.EVERY_YEAR,
            effective_from=date(2021, 4, 1),
        )
        figures = [_seen("RBD", Month(2021, m), 70) for m in (4, 5)]
        figures += [_seen("RBD", Month(2022, m), 62) for m in (4, 5)]
        got = evaluate(stated, figures, as_of=date(2022, 6, 1), org="RBD")
        assert got.status is Status.MET, got.reason  # 2021/22 alone is whole: 70 % pooled
        got = evaluate(stated, figures, as_of=date(2023, 4, 5), org="RBD")
        assert got.status is Status.NOT_MET
        assert "2022/23" in got.reason
