"""Private helpers for :mod:`nhsplan.engines.columnar`: what the column path asks of Python.

Everything here works on the few *distinct* values of a column (period texts, units, metric
ids), never on rows, and decides with the library's own functions: a period text is valid if
:func:`~nhsplan.calendar.parse_period` reads it back to itself, a period is needed by a target
if :func:`~nhsplan.evaluate.verdict.judged_period` or
:func:`~nhsplan.evaluate.verdict.figures_in` would pick a figure for it. The row-by-row path
and the column path therefore cannot disagree on a rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import attrs

from nhsplan.calendar import FinancialYear, Half, Month, Period, Quarter, parse_period
from nhsplan.errors import NhsplanError
from nhsplan.evaluate.kinds import judged_every
from nhsplan.evaluate.verdict import (
    _in_force_during,
    counts_for,
    judgement_of,
    last_day_judged,
    period_judged,
)
from nhsplan.model import (
    BaselineScope,
    BaselineTarget,
    Guidance,
    Judgement,
    Metric,
    MilestoneTarget,
    Target,
    formats,
)
from nhsplan.model.enums import ScoringKind
from nhsplan.units import quantity

__all__ = [
    "Needs",
    "last_month",
    "month_index",
    "period_key",
    "period_keys",
    "period_of_key",
    "target_needs",
    "value_bound",
]


def period_key(period: Period) -> int:
    """An integer that orders periods as :func:`judged_period` does: by end, then start.

    Months are counted from year 0; a later end wins, and of two ending together the later
    start (the shorter period) wins.
    """
    start = month_index(period.start)
    end = month_index(period.end)
    return end * 16 + 15 - (end - start)


def period_of_key(key: int) -> Period:
    """The period whose :func:`period_key` is *key*.

    Raises:
        ValueError: *key* is no period's key.
    """
    end = key // 16
    span = 15 - key % 16
    kind = _SPANS.get(span)
    if kind is None:
        raise ValueError(f"{key} is not a period key")
    period = kind.containing(_month_start(end - span))
    if period_key(period) != key:
        raise ValueError(f"{key} is not a period key")
    return period


_SPANS: dict[int, type[Period]] = {0: Month, 2: Quarter, 5: Half, 11: FinancialYear}


def month_index(day: date) -> int:
    """The month of *day* counted from year 0, as :func:`nhsplan.model.formats.month_index`."""
    return formats.month_index(day.year, day.month)


def last_month(day: date) -> int:
    """The index of the last month that ended on or before *day*."""
    following = day + timedelta(days=1)
    return month_index(day) if following.month != day.month else month_index(day) - 1


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def period_keys(texts: Iterable[str]) -> dict[str, tuple[int, Period]]:
    """The key and period of each text that is a period's canonical spelling.

    A text that :func:`parse_period` refuses, or reads but spells differently (``Q3 2021/22``),
    is left out: its rows go to the row-by-row reader, which reports or reads them.
    """
    keys: dict[str, tuple[int, Period]] = {}
    for text in texts:
        try:
            period = parse_period(text)
        except NhsplanError:
            continue
        if str(period) == text:
            keys[text] = (period_key(period), period)
    return keys


def value_bound(metric: Metric | None, unit: str) -> float | None:
    """The largest value in *unit* that :meth:`Metric.check` surely accepts, or None for none.

    The column path only vouches for non-negative values; a row above the bound (or a pair
    whose bound is None) goes to the row-by-row path, where the check itself decides.
    """
    try:
        amount = quantity(0.0, unit)
    except NhsplanError:
        return None
    if metric is None:
        return float("inf")
    if not metric.accepts(amount):
        return None
    if metric.kind is ScoringKind.PROPORTION:
        return 100.0 if amount.unit == "percent" else None
    return float("inf")


@attrs.frozen(kw_only=True)
class Needs:
    """Which figures of one target's metric its evaluation can look at, per organisation.

    Attributes:
        metric: the metric id.
        fixed: keys of periods needed whatever the figures (a deadline month, a year's
            months, a local baseline's period, the SPC series).
        latest: keys among which the organisation's latest figure in force is found (it
            says which kind of period is judged).
        first_positive: keys among which a milestone's first delivery (a figure above zero)
            is looked for (empty: none).
        everything: the needs could not be worked out; keep every figure of the metric.
    """

    metric: str
    fixed: frozenset[int] = frozenset()
    latest: frozenset[int] = frozenset()
    first_positive: frozenset[int] = frozenset()
    latest_any: frozenset[int] = frozenset()
    """Keys among which the organisation's latest figure of any kind is named (empty: none)."""
    everything: bool = False


def target_needs(
    target: Target,
    periods: Mapping[int, Period],
    *,
    as_of: date,
    spc: bool,
) -> Needs | None:
    """The figures *target* needs on *as_of*, among the distinct *periods* (key → period).

    None for a target without a metric (a milestone judged on its date alone).
    """
    metric = target.metric
    if metric is None:
        return None
    try:
        return _needs(target, metric, periods, as_of=as_of, spc=spc)
    except NhsplanError:
        # evaluate() raises on this target too; let it, on every figure it would see.
        return Needs(metric=metric, everything=True)


def _picked(target: Target, period: Period, as_of: date) -> bool:
    """Whether a milestone's first delivery would be a figure above zero for *period*."""
    return period_judged(target, [period], as_of=as_of) == period


def _needs(
    target: Target, metric: str, periods: Mapping[int, Period], *, as_of: date, spc: bool
) -> Needs:
    fixed: set[int] = set()
    if spc:
        fixed |= {k for k, p in periods.items() if isinstance(p, Month) and p.end <= as_of}
    if judged_every(target):  # every period of a window: evaluate() reads them all
        return Needs(metric=metric, everything=True)
    if isinstance(target, MilestoneTarget):
        first = {k for k, p in periods.items() if _picked(target, p, as_of)}
        return Needs(metric=metric, fixed=frozenset(fixed), first_positive=frozenset(first))
    judged = judgement_of(target)
    if isinstance(target, BaselineTarget):
        for baseline in target.baselines:
            if baseline.value is None and baseline.scope is BaselineScope.LOCAL:
                fixed |= _chosen(baseline.period, Judgement.LATEST, periods, as_of)
    # The period judged: fixed for a deadline month or a year; for the latest figure, the
    # whole period of its kind that ended by the last day judged. Each is asked of
    # judged_period itself, for a figure of every period in the data.
    candidates = {period_judged(target, [p], as_of=as_of) for p in periods.values()}
    candidates.add(period_judged(target, (), as_of=as_of))
    for period in candidates - {None}:
        assert period is not None
        fixed |= _chosen(period, judged, periods, as_of)
    # The latest figure, in force or not, ended by the date assessed or the last day judged:
    # it picks the kind of period judged, and the reason names it when it is too old.
    last = last_day_judged(target, as_of)
    latest = frozenset(
        k
        for k, p in periods.items()
        if p.end <= as_of and (p.end <= last and _in_force_during(target, p))
    )
    ended = frozenset(k for k, p in periods.items() if p.end <= as_of)
    return Needs(metric=metric, fixed=frozenset(fixed), latest=latest, latest_any=ended)


def _chosen(
    period: Period, judged: Judgement, periods: Mapping[int, Period], as_of: date
) -> set[int]:
    """The keys of the periods whose figures judge *period* (its own; a year's months)."""
    return {k for k, p in periods.items() if counts_for(period, judged, p, as_of=as_of)}


def known_metrics(guidance: Guidance) -> dict[str, Metric]:
    """The guidance's metrics by id."""
    return {m.id: m for m in guidance.metrics}
