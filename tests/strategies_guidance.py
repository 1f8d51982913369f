"""Targets as a user's guidance file could hold them, and figures to judge them on.

The model strategies (:mod:`tests.strategies_model`) draw each class's whole range of fields;
these draw one target of a given kind with a window over a run of months (any judgement, a
deadline, a start and an end, any scope), its metric, and each organisation's monthly
figures of that run, as CSV rows and as Observations. The differentials of the columnar
passes (``tests/engines/columnar/test_generated.py``) and of the batch path
(``tests/evaluate/test_batch_generated.py``) judge them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from nhsplan import NhsplanError
from nhsplan.calendar import FinancialYear, Month, Period, Quarter
from nhsplan.model import (
    Amendment,
    Baseline,
    BaselineScope,
    BaselineTarget,
    Citation,
    Combine,
    Comparison,
    EliminationTarget,
    Guidance,
    Interpolation,
    Judgement,
    Metric,
    Observation,
    Organisation,
    OrgType,
    Polarity,
    Priority,
    Scope,
    ScoringKind,
    Target,
    TrajectoryPoint,
)
from nhsplan.model._org_codes import read_org
from nhsplan.units import quantity
from tests.strategies_model import (
    deadlines,
    elimination_targets,
    threshold_targets,
    trajectory_targets,
    within_time_targets,
)

__all__ = [
    "KINDS",
    "LEVELLED",
    "ORG_SETS",
    "as_of_dates",
    "drawn_metric",
    "figures",
    "guidance_of",
    "listed",
    "spans",
    "targets",
]

CITE = Citation(source="test", quote="a test")
LEVELLED = ("threshold", "trajectory", "elimination")
"""The kinds judged on one level a figure is compared with."""
KINDS = (*LEVELLED, "baseline", "within_time")
"""Every kind a figure judges (a milestone asks for evidence)."""
UNITS = ("percent", "pathway")
"""A proportion (numerators and denominators) and a count (values)."""
ORG_SETS = st.sampled_from(
    [("RBD", "RXX", "R1A"), ("RBD", "ENGLAND", "R1A"), ("rbd", "E92000001", "R1a")]
)
"""Three organisations, England among them or not (a national ambition judges England's), as
stored or as a user may write them (any case; England's ONS code)."""


def drawn_metric(unit: str) -> Metric:
    """The metric ``drawn``: a proportion in per cent, else a count of *unit*."""
    if unit == "percent":
        return Metric(
            id="drawn",
            name="drawn",
            unit="percent",
            polarity=Polarity.HIGHER_IS_BETTER,
            kind=ScoringKind.PROPORTION,
            numerator="seen",
            denominator="all",
        )
    return Metric(
        id="drawn",
        name="drawn",
        unit=unit,
        polarity=Polarity.LOWER_IS_BETTER,
        kind=ScoringKind.COUNT,
    )


@st.composite
def spans(draw: st.DrawFn) -> list[Month]:
    """A run of 1 to 15 consecutive months from 2019 to 2024."""
    months = [Month(draw(st.integers(2019, 2023)), draw(st.integers(1, 12)))]
    for _ in range(draw(st.integers(0, 14))):
        months.append(months[-1].next())
    return months


@st.composite
def _window(draw: st.DrawFn, months: list[Month]) -> dict[str, Any]:
    """The fields every kind shares: any judgement, a start and end in the run, a deadline."""
    starts = draw(st.none() | st.sampled_from([m.start for m in months]))
    ends = st.sampled_from([m.end for m in months if starts is None or m.start >= starts])
    deadline = draw(st.none() | deadlines)
    judgements = [j for j in Judgement if deadline is not None or j is not Judgement.DEADLINE_MONTH]
    return {
        "metric": "drawn",
        "judged": draw(st.sampled_from(judgements)),
        "effective_from": starts,
        "effective_until": draw(st.none() | ends),
        "deadline": deadline,
        "superseded_by": None,
        "applies_to": (  # most targets ask every type
            draw(st.frozensets(st.sampled_from(OrgType), max_size=2))
            if draw(st.integers(0, 3)) == 0
            else frozenset()
        ),
        "priority": None,
        "scope": draw(st.sampled_from(Scope)),
    }


def _level(unit: str) -> st.SearchStrategy[Any]:
    top = 100.0 if unit == "percent" else 5_000.0  # a proportion lies within 0-100 %
    return st.floats(0, top).map(lambda v: quantity(v, unit))


@st.composite
def _amendments(draw: st.DrawFn, months: list[Month], unit: str) -> tuple[Amendment, ...]:
    """Up to two levels amended after publication, from a day in the run (its first, or one
    inside a month)."""
    days = {m.start for m in months} | {m.start.replace(day=15) for m in months}
    return tuple(
        Amendment(effective=day, value=draw(_level(unit)), citation=CITE)
        for day in sorted(draw(st.sets(st.sampled_from(sorted(days)), max_size=2)))
    )


@st.composite
def _baseline(draw: st.DrawFn, months: list[Month], unit: str, label: str) -> Baseline:
    """A baseline of a month in the run or before it, or of the run's first year."""
    first = months[0]
    periods: list[Period] = [*months, Month.containing(first.start - timedelta(days=1))]
    period = draw(st.sampled_from([*periods, FinancialYear.containing(first.start)]))
    return Baseline(
        label=label,
        period=period,
        scope=draw(st.sampled_from(BaselineScope)),
        value=draw(st.none() | _level(unit)),
    )


@st.composite
def _baseline_target(draw: st.DrawFn, months: list[Month], unit: str) -> BaselineTarget:
    """Relative (a percent of the baseline), in points, or an absolute difference."""
    labels = draw(
        st.lists(st.sampled_from(["2019/20", "February 2020", "national"]), min_size=1, max_size=3)
    )
    form = draw(st.sampled_from(["relative", "points", "absolute"]))
    size = draw(st.floats(-50, 50))
    change = quantity(size, "percent" if form != "absolute" or unit == "percent" else unit)
    return BaselineTarget(
        id="drawn_baseline",
        name="A drawn baseline target",
        citation=CITE,
        comparison=draw(st.sampled_from(Comparison)),
        baselines=[draw(_baseline(months, unit, label)) for label in dict.fromkeys(labels)],
        change=change,
        points=form == "points" or (form == "absolute" and unit == "percent"),
        combine=draw(st.sampled_from(Combine)),
        or_level=draw(st.none() | _level(unit)),
        whichever=draw(st.sampled_from(Combine)),
        **draw(_window(months)),
    )


@st.composite
def targets(draw: st.DrawFn, months: list[Month], kinds: tuple[str, ...]) -> tuple[Target, str]:
    """A target of one of *kinds* over the run *months*, and its metric's unit (a guidance
    may still refuse the pair: see :func:`guidance_of`)."""
    kind = draw(st.sampled_from(kinds))
    # a within-time target of a count metric is refused when judged (its share is a percent)
    unit = "percent" if kind == "within_time" and draw(st.integers(0, 3)) else None
    unit = unit or draw(st.sampled_from(UNITS))
    window = draw(_window(months))
    level = _level(unit)
    comparison = draw(st.sampled_from(Comparison))
    if kind == "elimination":
        zero: EliminationTarget = attrs.evolve(draw(elimination_targets), **window)
        return zero, zero.unit
    if kind == "threshold":
        return attrs.evolve(
            draw(threshold_targets()),
            comparison=comparison,
            value=draw(level),
            amendments=draw(_amendments(months, unit)),
            reach=draw(st.integers(0, 3)) == 0,  # a reach, or a count per head, now and then
            per=100_000 if draw(st.integers(0, 3)) == 0 else None,
            **window,
        ), unit
    if kind == "trajectory":
        days = sorted(draw(st.sets(st.sampled_from([m.start for m in months]), min_size=1)))
        return attrs.evolve(
            draw(trajectory_targets()),
            comparison=comparison,
            points=tuple(TrajectoryPoint(on=d, value=draw(level)) for d in days),
            interpolation=draw(st.sampled_from(Interpolation)),
            amendments=draw(_amendments(months, unit)),
            **window,
        ), unit
    if kind == "within_time":  # the share done in time: a proportion, whatever the metric
        return attrs.evolve(
            draw(within_time_targets()),
            comparison=comparison,
            value=draw(_level("percent")),
            amendments=draw(_amendments(months, "percent")),
            **window,
        ), unit
    assert kind == "baseline", kind
    return draw(_baseline_target(months, unit)), unit


def guidance_of(target: Target, unit: str) -> Guidance | None:
    """A guidance of *target* alone and its metric; None where the model refuses it."""
    try:
        return Guidance(
            id="drawn",
            title="A drawn edition",
            year=FinancialYear(2021),
            citation=CITE,
            priorities=[Priority(code="X", title="X", citation=CITE)],
            metrics=[drawn_metric(unit)],
            targets=[target],
        )
    except NhsplanError:
        return None  # a target the model refuses (its own tests say why)


@st.composite
def _figure(draw: st.DrawFn, org: str, period: Period, unit: str) -> tuple[list[str], Observation]:
    """One figure as a CSV row and as an object: a proportion counted, or as a percentage
    (which a year's pooling refuses), or a count."""
    if unit == "percent" and draw(st.integers(0, 3)) > 0:
        denominator = draw(st.integers(1, 1_000))
        numerator = draw(st.integers(0, denominator))
        row = [org, "drawn", str(period), "", "", str(numerator), str(denominator)]
        return row, Observation(
            org=org, metric="drawn", period=period, numerator=numerator, denominator=denominator
        )
    value = draw(st.integers(0, 1_000 if unit == "percent" else 2_000))
    text = f"{value / 10:g}" if unit == "percent" else str(value)
    amount = quantity(float(text), unit)
    row = [org, "drawn", str(period), text, "%" if unit == "percent" else unit, "", ""]
    return row, Observation(org=org, metric="drawn", period=period, value=amount)


@st.composite
def figures(
    draw: st.DrawFn, months: list[Month], unit: str, orgs: tuple[str, ...]
) -> tuple[list[list[str]], list[Observation]]:
    """Each organisation's figures of most months of the run, as CSV rows and as objects; now
    and then a quarter's or a year's figure too (which may cover some of those months)."""
    last = months[-1].start
    longer: list[Period] = [Quarter.containing(last), FinancialYear.containing(last)]
    drawn: list[tuple[list[str], Observation]] = []
    for org in orgs:
        periods: list[Period] = [m for m in months if draw(st.integers(0, 5)) > 0]
        if draw(st.integers(0, 5)) == 0:
            periods.append(draw(st.sampled_from(longer)))
        drawn += [draw(_figure(org, period, unit)) for period in periods]
    return [row for row, _ in drawn], [figure for _, figure in drawn]


@st.composite
def listed(draw: st.DrawFn, orgs: tuple[str, ...]) -> list[Organisation] | None:
    """None (each organisation that reported is judged), or the organisations to judge with
    their types: some of those that reported, and one that reported nothing."""
    if draw(st.integers(0, 2)) > 0:
        return None
    codes = draw(st.lists(st.sampled_from([*orgs, "RZZ"]), min_size=1, unique=True))
    types = st.sampled_from(OrgType)  # an Organisation holds its code as stored
    return [Organisation(code=read_org(code), type=draw(types)) for code in codes]


def as_of_dates(months: list[Month]) -> st.SearchStrategy[date]:
    """A month's end in the run, or the first day of its last month."""
    return st.sampled_from([m.end for m in months] + [months[-1].end.replace(day=1)])
