"""Tests for nhsplan.evaluate.compare: each figure of a column gets what one figure gets."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np
import pytest

from nhsplan.evaluate import reasons
from nhsplan.evaluate.compare import column_on, prepare, verdict_on
from nhsplan.evaluate.decision import Level
from nhsplan.evaluate.verdict import Figures
from nhsplan.model.enums import Comparison, Status
from nhsplan.units import quantity

FIGURES = (0.0, 60.0, 71.25, 74.99, 75.0, 75.01, 78.75, 100.0)
"""Below, at and above 75 (and inside and outside AROUND's 5 % band about it)."""


def level(comparison: Comparison, **options: Any) -> Level:
    return Level(
        comparison=comparison,
        required=quantity(75.0, "percent"),
        unit="percent",
        label="2021-12 figure",
        ends=date(2021, 12, 31),
        **options,
    )


LEVELS = [
    pytest.param(level(comparison, **options), id=f"{comparison.name}-{name}")
    for comparison in Comparison
    for name, options in dict[str, dict[str, Any]](
        {
            "plain": {},
            "partial": {"partial": True, "total": True},
            "due by": {"due_by": date(2022, 3, 31)},
            "reach": {"reach": True},
            # a reach asked by a date not yet passed: a figure short of it is NOT_DUE, with
            # the comparison's margin, and one that reaches it is progress
            "reach due by": {"reach": True, "due_by": date(2022, 3, 31)},
        }
    ).items()
]


class TestColumnOn:
    @pytest.mark.parametrize("judged", LEVELS)
    def test_each_row_as_verdict_on(self, judged: Level) -> None:
        status, margin = column_on(judged, np.array(FIGURES))
        for row, figure in enumerate(FIGURES):
            one = verdict_on(
                judged,
                Figures(figure, "percent", 75.0, "percent", figure != 75.0),
                target="t",
                org=None,
            )
            assert list(Status)[status[row]] is one.status, figure
            assert margin[row] == one.margin, figure  # to the last bit

    @pytest.mark.parametrize("judged", LEVELS)
    def test_nan_never_meets(self, judged: Level) -> None:
        status, margin = column_on(judged, np.array([math.nan]))
        missed, _ = column_on(
            judged, np.array([-math.inf if judged.comparison.higher_is_better else math.inf])
        )
        assert status.tolist() == missed.tolist()
        assert math.isnan(margin[0])

    def test_statuses_are_int8_codes(self) -> None:
        status, margin = column_on(level(Comparison.AT_LEAST), np.array(FIGURES))
        assert status.dtype == np.int8
        assert margin.dtype == np.float64
        assert [list(Status)[code] for code in status.tolist()] == [
            Status.NOT_MET,
            Status.NOT_MET,
            Status.NOT_MET,
            Status.NOT_MET,
            Status.MET,
            Status.MET,
            Status.MET,
            Status.MET,
        ]


class TestPrepare:
    @pytest.mark.parametrize("judged", LEVELS)
    def test_one_prepared_level_judges_each_figure_as_verdict_on(self, judged: Level) -> None:
        ready = prepare(judged, 75.0, "percent", target="t")
        for figure in (*FIGURES, *reversed(FIGURES)):  # met and missed in turn, both orders
            figures = Figures(figure, "percent", 75.0, "percent", figure != 75.0)
            for org in ("RBD", None):
                assert ready.on(figures, org=org) == verdict_on(
                    judged, figures, target="t", org=org
                )

    @pytest.mark.parametrize(
        ("figure", "options", "sentence"),
        [
            (74.5, {}, "RBD's 2021-12 figure, 74.5%, is below the 75% required (at least)."),
            (80.0, {}, "RBD's 2021-12 figure, 80%, meets the 75% required (at least)."),
            # rounds to the level's text: both are shown exactly
            (74.999, {}, "RBD's 2021-12 figure, 74.999 %, is below the 75 % required (at least)."),
            (
                74.5,
                {"due_by": date(2022, 3, 31)},
                (
                    "RBD's 2021-12 figure, 74.5%, is below the 75% required (at least); it is due "
                    "by 2022-03-31."
                ),
            ),
            (
                74.5,
                {"partial": True, "total": True},
                (
                    "RBD's 2021-12 figure, 74.5%, is below the 75% required (at least); the period "
                    "ends on 2021-12-31."
                ),
            ),
            (
                80.0,
                {"partial": True, "total": True},
                "RBD's 2021-12 figure, 80%, already meets the 75% required (at least).",
            ),
        ],
    )
    def test_sentence(self, figure: float, options: dict[str, Any], sentence: str) -> None:
        judged = level(Comparison.AT_LEAST, **options)
        ready = prepare(judged, 75.0, "percent", target="t")
        figures = Figures(figure, "percent", 75.0, "percent", figure != 75.0)
        assert ready.on(figures, org="RBD").reason == sentence
        one = verdict_on(judged, figures, target="t", org="RBD")
        assert one.reason == sentence
        assert sentence == reasons.compared(
            judged.comparison,
            figures,
            status=one.status,
            holds=figure >= 75.0,
            org="RBD",
            label=judged.label,
            partial=judged.partial,
            ends=judged.ends,
            due_by=judged.due_by,
        )
