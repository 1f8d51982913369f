"""Hypothesis strategies for the model classes (periods come from tests.strategies)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from hypothesis import strategies as st

from nhsplan.calendar import FinancialYear, Month
from nhsplan.model import (
    Amendment,
    Assessment,
    Baseline,
    BaselineScope,
    BaselineTarget,
    CaseRecord,
    Citation,
    Combine,
    Comparison,
    Deadline,
    Discrepancy,
    EliminationTarget,
    Frequency,
    Funding,
    Interpolation,
    Judgement,
    Metric,
    MilestoneTarget,
    Observation,
    Organisation,
    OrgType,
    Polarity,
    Priority,
    Requirement,
    Scope,
    ScoringKind,
    SpcSummary,
    Status,
    Target,
    ThresholdTarget,
    TrajectoryPoint,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.model.enums import Assurance, VariationIcon
from nhsplan.units import Quantity, quantity
from tests.strategies import periods

DEADLINE_WORDS = (
    "by end of Q1",
    "during Q1",
    "from Q3",
    "by March 2022",
    "from April 2022",
    "in September",
    "by the end of the financial year",
    "by 6 May",
    "from autumn",
)

snake_ids = st.from_regex(r"\A[a-z][a-z0-9]{0,8}(_[a-z0-9]{1,6}){0,3}\Z")
org_codes = st.from_regex(r"\A[A-Z0-9]{3,5}\Z")
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1
).filter(lambda s: s.strip() != "")
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
years = st.integers(min_value=2015, max_value=2030).map(FinancialYear)
org_type_sets = st.frozensets(st.sampled_from(OrgType))
magnitudes = st.floats(
    min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False, allow_subnormal=False
)


@st.composite
def amounts(draw: st.DrawFn, unit: str | None = None) -> Quantity:
    chosen = unit or draw(st.sampled_from(("percent", "count", "FTE", "GBP", "day", "patient")))
    return quantity(draw(magnitudes), chosen)


percents = st.floats(min_value=0, max_value=100, allow_nan=False).map(
    lambda m: quantity(m, "percent")
)

citations = st.builds(
    Citation, source=texts, section=st.text(), quote=st.text(), unconfirmed=st.booleans()
)
deadlines = st.builds(Deadline, words=st.sampled_from(DEADLINE_WORDS), year=years)


@st.composite
def amendment_tuples(draw: st.DrawFn, unit: str) -> tuple[Amendment, ...]:
    dates = sorted(draw(st.sets(days, max_size=3)))
    return tuple(
        Amendment(effective=d, value=draw(amounts(unit)), citation=draw(citations), note="")
        for d in dates
    )


T = TypeVar("T", bound=Target)


def _consistent(kind: type[T]) -> Callable[..., T]:
    """*kind*'s constructor, with a deadline-month judgement drawn without a deadline made
    ``latest`` (the model refuses a target judged on a deadline month it does not have)."""

    def build(**fields: Any) -> T:
        if fields.get("judged") is Judgement.DEADLINE_MONTH and fields.get("deadline") is None:
            fields["judged"] = Judgement.LATEST
        return kind(**fields)

    return build


def _common() -> dict[str, st.SearchStrategy[object]]:
    return {
        "id": snake_ids,
        "name": texts,
        "citation": citations,
        "applies_to": org_type_sets,
        "effective_from": st.none() | days,
        "deadline": st.none() | deadlines,
        "judged": st.sampled_from(Judgement),
        "scope": st.sampled_from(Scope),
        "superseded_by": st.none() | snake_ids,
        "priority": st.none() | st.sampled_from(("A", "C2")),
    }


@st.composite
def threshold_targets(draw: st.DrawFn) -> ThresholdTarget:
    unit = draw(st.sampled_from(("percent", "count", "FTE")))
    return draw(
        st.builds(
            _consistent(ThresholdTarget),
            metric=snake_ids,
            comparison=st.sampled_from(Comparison),
            value=amounts(unit),
            amendments=amendment_tuples(unit),
            **_common(),
        )
    )


@st.composite
def trajectory_targets(draw: st.DrawFn) -> TrajectoryTarget:
    unit = draw(st.sampled_from(("percent", "FTE")))
    dates = sorted(draw(st.sets(days, min_size=1, max_size=5)))
    points = [TrajectoryPoint(on=d, value=draw(amounts(unit))) for d in dates]
    return draw(
        st.builds(
            _consistent(TrajectoryTarget),
            metric=snake_ids,
            comparison=st.sampled_from(Comparison),
            points=st.just(points),
            interpolation=st.sampled_from(Interpolation),
            amendments=amendment_tuples(unit),
            **_common(),
        )
    )


baselines = st.builds(
    Baseline,
    label=texts,
    period=periods(),
    scope=st.sampled_from(BaselineScope),
    value=st.none() | amounts("count"),
)

baseline_targets = st.builds(
    _consistent(BaselineTarget),
    metric=snake_ids,
    comparison=st.sampled_from(Comparison),
    baselines=st.lists(baselines, min_size=1, max_size=3),
    change=percents,
    combine=st.sampled_from(Combine),
    **_common(),
)

elimination_targets = st.builds(
    _consistent(EliminationTarget),
    metric=snake_ids,
    unit=st.sampled_from(("count", "pathway")),
    **_common(),
)


def _milestone_common() -> dict[str, st.SearchStrategy[object]]:
    common = _common()
    common["deadline"] = deadlines
    return common


milestone_targets = st.builds(
    MilestoneTarget,
    deliverable=texts,
    evidence=st.text(),
    metric=st.none() | snake_ids,
    **_milestone_common(),
)


@st.composite
def within_time_targets(draw: st.DrawFn) -> WithinTimeTarget:
    return draw(
        st.builds(
            _consistent(WithinTimeTarget),
            metric=snake_ids,
            months=st.integers(min_value=1, max_value=24),
            value=percents,
            amendments=amendment_tuples("percent"),
            **_common(),
        )
    )


targets: st.SearchStrategy[Target] = st.one_of(
    threshold_targets(),
    elimination_targets,
    trajectory_targets(),
    baseline_targets,
    milestone_targets,
    within_time_targets(),
)

metrics = st.one_of(
    st.builds(
        Metric,
        id=snake_ids,
        name=texts,
        unit=st.just("percent"),
        polarity=st.sampled_from(Polarity),
        kind=st.just(ScoringKind.PROPORTION),
        numerator=texts,
        denominator=texts,
        frequency=st.sampled_from(Frequency),
        citation=st.none() | citations,
    ),
    st.builds(
        Metric,
        id=snake_ids,
        name=texts,
        unit=st.sampled_from(("count", "FTE", "GBP")),
        polarity=st.sampled_from(Polarity),
        kind=st.sampled_from((ScoringKind.COUNT, ScoringKind.MONEY, ScoringKind.RATE)),
        frequency=st.sampled_from(Frequency),
        description=st.text(),
    ),
)

requirements = st.builds(
    Requirement,
    id=snake_ids,
    priority=st.sampled_from(("A1", "C2")),
    text=texts,
    owners=org_type_sets,
    citation=citations,
    deadline=st.none() | deadlines,
    targets=st.lists(snake_ids, max_size=3).map(tuple),
)

priorities = st.recursive(
    st.builds(Priority, code=snake_ids, title=texts, citation=citations, summary=st.text()),
    lambda children: st.builds(
        Priority,
        code=snake_ids,
        title=texts,
        citation=citations,
        children=st.lists(children, min_size=1, max_size=3).map(tuple),
    ),
    max_leaves=6,
)

fundings = st.builds(
    Funding,
    id=snake_ids,
    name=texts,
    amount=amounts("GBP"),
    citation=citations,
    period=st.none() | periods(),
    recipients=org_type_sets,
    conditions=st.lists(texts, max_size=2).map(tuple),
    discrepancies=st.lists(
        st.builds(Discrepancy, value=texts, citation=citations, note=st.text()), max_size=2
    ).map(tuple),
)

organisations = st.builds(
    Organisation,
    code=org_codes,
    type=st.sampled_from(OrgType),
    name=st.text(),
    system=st.none() | org_codes,
    region=st.none() | org_codes,
)


@st.composite
def observations(draw: st.DrawFn) -> Observation:
    org, metric, period = draw(org_codes), draw(snake_ids), draw(periods())
    if draw(st.booleans()):
        return Observation(org=org, metric=metric, period=period, value=draw(amounts()))
    denominator = draw(st.integers(min_value=1, max_value=10**7))
    numerator = draw(st.integers(min_value=0, max_value=denominator))
    return Observation(
        org=org, metric=metric, period=period, numerator=numerator, denominator=denominator
    )


@st.composite
def case_records(draw: st.DrawFn) -> CaseRecord:
    start = draw(days)
    end = draw(st.none() | st.dates(min_value=start, max_value=date(2031, 12, 31)))
    return CaseRecord(
        org=draw(org_codes), metric=draw(snake_ids), start=start, end=end, ref=draw(st.text())
    )


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
spc_summaries = st.builds(
    SpcSummary,
    variation=st.sampled_from(VariationIcon),
    assurance=st.none() | st.sampled_from(Assurance),
    points=st.integers(2, 500),
    mean=finite,
    lower_limit=finite,
    upper_limit=finite,
)

assessments = st.builds(
    Assessment,
    target=snake_ids,
    status=st.sampled_from(Status),
    reason=texts,
    citation=citations,
    as_of=days,
    org=st.none() | org_codes,
    observed=st.none() | amounts("percent"),
    required=st.none() | amounts("percent"),
    margin=st.none() | amounts("percent"),
    period=st.none() | periods(),
    spc=st.none() | spc_summaries,
)

months = st.builds(Month, st.integers(2015, 2030), st.integers(1, 12))
