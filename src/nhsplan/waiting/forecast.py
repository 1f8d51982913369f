"""The guidance's RTT targets against a projected waiting list: met or not, and what meets them.

For a provider's snapshot (:class:`~nhsplan.waiting.snapshot.Snapshot`) and a guidance
edition, :func:`forecast` takes every RTT target of the edition still in force on the date
assessed (the 18-week share, the 52/65/78/104-week eliminations, the 52-week share of the
list; a level, a deadline, a baseline rule, as the catalog states them), projects the list
to the targets' deadlines on the given clock starts and stops a month, and answers for each:

- is it met at its deadline (every month, for a target judged each month);
- the least clock stops a month, from now to the deadline, that meet it (starts unchanged);
- the most clock starts a month that still meet it (stops unchanged): the reduction in
  demand that would do instead.

A target on a baseline ("+5 points on November 2024, or 60 %") takes the baseline from the
snapshot when it is the snapshot's month, from the projection when it is later (the
projected March 2026 figure for a 2026/27 target), and cannot be judged when it is earlier.
A national target (scope ``national``: England's figure judges it) is shown against the
organisation's own projection, for reference, and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from nhsplan.calendar import Month
from nhsplan.errors import InvalidValueError
from nhsplan.model import (
    BaselineTarget,
    Comparison,
    EliminationTarget,
    Guidance,
    Judgement,
    OrgType,
    Scope,
    Target,
    ThresholdTarget,
)
from nhsplan.units import quantity
from nhsplan.waiting.model import LONG_WAITS, Projection, StopRule, project, require_numpy
from nhsplan.waiting.snapshot import Snapshot

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from nhsplan.waiting.model import FloatArray

    BoolArray = npt.NDArray[np.bool_]
    IndexArray = npt.NDArray[np.intp]

__all__ = ["RTT_METRICS", "Forecast", "Goal", "Outcome", "forecast", "rtt_goals"]

RTT_METRICS: Final = MappingProxyType(
    {
        "rtt_18_weeks_incomplete": "share of the list within 18 weeks",
        "rtt_52_week_waiters_share": "share of the list over 52 weeks",
        **{f"rtt_{n}_week_waiters": f"pathways over {n} weeks" for n in LONG_WAITS},
    }
)
"""The metrics a projection gives, metric id -> what it is."""
_SHARES: Final = frozenset({"rtt_18_weeks_incomplete", "rtt_52_week_waiters_share"})
_ZERO: Final = 0.5
"""A projected count below half a pathway rounds to none: an elimination is met."""
_GRID: Final = 21
_ROUNDS: Final = 3


@attrs.frozen(kw_only=True)
class Goal:
    """One RTT target as a projection judges it."""

    target: Target
    months: tuple[Month, ...]
    """The months whose figures judge it (the deadline month, or each month in force)."""
    comparison: Comparison
    required: float | None
    """The level in the model's unit (a fraction for a share, pathways for a count); None
    where it comes from a baseline (see ``baseline``)."""
    baseline: Month | None = None
    """The baseline month of a target on a baseline."""
    note: str = ""

    @property
    def metric(self) -> str:
        """The target's metric id."""
        return str(self.target.metric)


@attrs.frozen(kw_only=True)
class Outcome:
    """What a forecast says of one target. Shares are fractions; counts and flows pathways."""

    goal: Goal
    met: bool | None
    """Met at its deadline on the flows given (None: it cannot be judged; see ``note``)."""
    month: Month | None
    """The month that decides it (the worst of the months judged)."""
    projected: float | None
    """The projected figure in that month."""
    required: float | None
    """The level required in that month."""
    stops_needed: float | None
    """The least clock stops a month that meet it, starts unchanged (None: not within
    clearing the whole list every month, or not judged). Pathways a month, from the month
    after the snapshot (after the baseline month, for a target on a later baseline: the
    baseline moves with capacity, so capacity changes only once it is set)."""
    stops_shortfall: float | None
    """``stops_needed`` less the stops assumed (the file's, or a plan's given as ``stops``):
    positive, the extra clock stops a month the target needs; negative, the margin. Pathways
    a month."""
    starts_allowed: float | None
    """The most clock starts a month, up to the starts assumed (met already: no reduction
    needed), that still meet it with the stops unchanged (None: not even with no new
    pathways). Pathways a month, from the same month as ``stops_needed``."""


@attrs.frozen(kw_only=True)
class Forecast:
    """A provider's RTT targets against its projected waiting list."""

    snapshot: Snapshot
    edition: str
    as_of: date
    starts: float
    """Clock starts a month assumed (pathways a month)."""
    stops: float
    """Clock stops a month assumed: the current capacity (pathways a month)."""
    rule: StopRule
    projection: Projection
    """The projection on those flows, to the last month judged (one list)."""
    outcomes: tuple[Outcome, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    """(target id, why) for the RTT targets in force that the projection cannot judge."""


def _months_between(first: Month, last: Month) -> tuple[Month, ...]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = month.next()
    return tuple(months)


def _required(target: Target, on: date, metric: str) -> float | None:
    value = target.required(on=on)
    if value is None:
        return None
    if metric in _SHARES:
        return float(value.to("percent").magnitude) / 100
    return float(value.magnitude)


_NATIONAL_NOTE: Final = (
    "national: England's figure judges it; shown against this organisation's projection, "
    "for reference"
)


def _judged_months(target: Target, start: Month) -> tuple[Month, ...] | None:
    """The months after *start* whose figures judge *target*; None for an undated standard."""
    first_in_force, until = target.lifetime
    if target.judged in (Judgement.EACH_MONTH, Judgement.EVERY_MONTH):  # every month judged
        end = until or (target.deadline.end if target.deadline else None)
        if end is None:
            return None
        first = Month.containing(first_in_force) if first_in_force else start.next()
        return _months_between(max(first, start.next()), Month.containing(end))
    end = target.deadline.end if target.deadline and target.deadline.end else until
    if end is None:
        return None
    month = Month.containing(end)
    return (month,) if month > start else ()


def _baseline_month(target: BaselineTarget, start: Month) -> Month | str:
    """The month a target on a baseline takes its baseline from, or why it cannot."""
    periods = [b.period for b in target.baselines if b.value is None]
    if len(periods) != 1 or not isinstance(periods[0], Month):
        return "its baseline is not one month"
    if periods[0] < start:
        return f"its baseline, {periods[0]}, is before the snapshot ({start})"
    return periods[0]


def rtt_goals(
    guidance: Guidance, *, start: Month, as_of: date, horizon: Month | None = None
) -> tuple[tuple[Goal, ...], tuple[tuple[str, str], ...]]:
    """The edition's RTT targets for a provider, as a projection from *start* judges them.

    Args:
        guidance: the edition.
        start: the snapshot's month (the projection starts after it).
        as_of: the date assessed: targets that ended before it are left out.
        horizon: the month an undated standard (no deadline, no end) is judged in; default
            the latest month judged by another target, or 12 months after *start*.

    Returns:
        The goals, and (target id, why) for each RTT target in force that cannot be judged.
    """
    goals: list[Goal] = []
    skipped: list[tuple[str, str]] = []
    undated: list[ThresholdTarget | EliminationTarget | BaselineTarget] = []
    for target in guidance.targets:
        metric = str(getattr(target, "metric", ""))
        if metric not in RTT_METRICS or not target.applies_to_type(OrgType.ACUTE_TRUST):
            continue
        if target.effective_until is not None and target.effective_until < as_of:
            continue
        if not isinstance(target, ThresholdTarget | EliminationTarget | BaselineTarget):
            skipped.append((target.id, f"a {target.KIND} target: not projected"))
            continue
        months = _judged_months(target, start)
        if months is None:
            undated.append(target)
            continue
        if not months:
            skipped.append((target.id, f"judged by {start} or before: nothing to project"))
            continue
        baseline = _baseline_month(target, start) if isinstance(target, BaselineTarget) else None
        if isinstance(baseline, str):
            skipped.append((target.id, baseline))
            continue
        goals.append(
            Goal(
                target=target,
                months=months,
                comparison=target.comparison,
                required=None if baseline else _required(target, months[-1].end, metric),
                baseline=baseline,
                note=_NATIONAL_NOTE if target.scope is Scope.NATIONAL else "",
            )
        )
    if horizon is None:
        horizon = max((g.months[-1] for g in goals), default=None)
    if horizon is None:
        horizon = start
        for _ in range(12):
            horizon = horizon.next()
    goals.extend(
        Goal(
            target=target,
            months=(horizon,),
            comparison=target.comparison,
            required=_required(target, horizon.end, str(target.metric)),
            note=f"no deadline: judged at the end of the projection ({horizon})",
        )
        for target in undated
    )
    return tuple(goals), tuple(skipped)


def _series(projection: Projection, metric: str) -> FloatArray:
    if metric == "rtt_18_weeks_incomplete":
        return projection.share_18
    if metric == "rtt_52_week_waiters_share":
        return projection.share_52
    return projection.over[int(metric.split("_")[1])]


def _margin(value: FloatArray, required: FloatArray, comparison: Comparison) -> FloatArray:
    """Positive or zero where met (strict comparisons need a positive margin)."""
    if comparison in (Comparison.AT_LEAST, Comparison.ABOVE):
        return value - required
    return required - value


def _judge(
    goal: Goal, projection: Projection, snapshot: Snapshot
) -> tuple[BoolArray, IndexArray, FloatArray, FloatArray] | None:
    """Per list: met, the deciding month's column, its projected value and its required level.

    None where a baseline is needed and not available.
    """
    import numpy as np  # noqa: PLC0415 - numpy is optional

    lists = projection.total.shape[0]
    series = _series(projection, goal.metric)
    columns = [projection.index(m) for m in goal.months if m > projection.start]
    values = series[:, columns]
    if goal.baseline is not None:
        assert isinstance(goal.target, BaselineTarget)
        if goal.baseline == snapshot.month:
            within = sum(snapshot.bands[:18])
            shares = np.full(lists, within / snapshot.waiting if snapshot.waiting else 1.0)
        else:
            shares = _series(projection, goal.metric)[:, projection.index(goal.baseline)]
        label = next(b.label for b in goal.target.baselines if b.value is None)
        required = np.array(
            [
                float(
                    goal.target.required_from({label: quantity(100 * s, "percent")})
                    .to("percent")
                    .magnitude
                )
                / 100
                for s in shares
            ]
        )
    elif goal.required is None:
        return None
    else:
        required = np.full(lists, goal.required)
    if isinstance(goal.target, EliminationTarget):
        margins = _ZERO - values
        met = np.asarray((margins > 0).all(axis=1), dtype=np.bool_)
    else:
        margins = _margin(values, required[:, np.newaxis], goal.comparison)
        strict = goal.comparison in (Comparison.ABOVE, Comparison.BELOW)
        met = np.asarray(
            (margins > 0).all(axis=1) if strict else (margins >= -1e-12).all(axis=1),
            dtype=np.bool_,
        )
    worst = margins.argmin(axis=1)
    rows = np.arange(lists)
    return met, np.asarray(columns, dtype=np.intp)[worst], values[rows, worst], required


def _search(
    met: Callable[[FloatArray], BoolArray], low: float, high: float, *, more_is_better: bool
) -> float | None:
    """The least (or, if more is worse, the most) value in [low, high] that meets a goal.

    *met* takes candidate values and says which meet it; it must be monotone in the value.
    The search tries a grid of candidates at once (one vectorised projection) and narrows
    the bracket, :data:`_ROUNDS` times.
    """
    import numpy as np  # noqa: PLC0415 - numpy is optional

    ok = met(np.array([high if more_is_better else low]))
    if not ok[0]:
        return None
    for _ in range(_ROUNDS):
        grid = np.linspace(low, high, _GRID)
        good = met(grid)
        if more_is_better:
            i = int(np.argmax(good)) if good.any() else _GRID - 1
            low, high = (grid[i - 1], grid[i]) if i > 0 else (grid[0], grid[0])
        else:
            bad = ~good
            i = int(np.argmax(bad)) if bad.any() else _GRID
            low, high = (grid[i - 1], grid[i]) if 0 < i < _GRID else (grid[-1], grid[-1])
        if low == high:
            break
    return float(high if more_is_better else low)


def forecast(
    guidance: Guidance,
    snapshot: Snapshot,
    *,
    as_of: date | None = None,
    stops: float | None = None,
    starts: float | None = None,
    rule: StopRule = StopRule.LONGEST_FIRST,
    weights: Sequence[float] | FloatArray | None = None,
) -> Forecast:
    """Judge the edition's RTT targets on a provider's projected waiting list.

    Args:
        guidance: the edition (``nhsplan.load_guidance("2025/26")``).
        snapshot: the provider's list and flows in its latest month.
        as_of: the date assessed (targets ended before it are left out); default the
            snapshot month's last day.
        stops: clock stops a month, the capacity: a plan's, to see its shortfall against each
            target (default: the snapshot month's completed pathways).
        starts: clock starts a month, the demand (default: the snapshot month's new periods).
        rule: which pathways a stop takes; :attr:`StopRule.PROPORTIONAL` uses *weights*.
        weights: for :attr:`StopRule.PROPORTIONAL`, a weight per band (from
            :func:`~nhsplan.waiting.calibrate_weights` on two consecutive months, say);
            default the snapshot month's completed pathways by weeks waited
            (:meth:`~nhsplan.waiting.Snapshot.stop_weights`).

    Returns:
        The forecast: one outcome per target, and the targets it could not judge.

    Raises:
        InvalidValueError: negative or non-finite flows.
        MissingDependencyError: numpy is not installed (``pip install "nhsplan[numpy]"``).
    """
    require_numpy("nhsplan.waiting.forecast")
    import numpy as np  # noqa: PLC0415 - numpy is optional

    as_of = snapshot.month.end if as_of is None else as_of
    stops = float(snapshot.clock_stops if stops is None else stops)
    starts = float(snapshot.clock_starts if starts is None else starts)
    for name, flow in (("stops", stops), ("starts", starts)):
        if not np.isfinite(flow) or flow < 0:
            raise InvalidValueError(
                f"{flow:g} is not a count of at least 0", field=name, example="4469 (a month)"
            )
    rule = StopRule(rule)
    if rule is StopRule.PROPORTIONAL and weights is None:
        weights = snapshot.stop_weights()
    elif rule is StopRule.LONGEST_FIRST:
        weights = None
    goals, skipped = rtt_goals(guidance, start=snapshot.month, as_of=as_of)
    last = max((g.months[-1] for g in goals), default=snapshot.month.next())
    months = len(_months_between(snapshot.month.next(), last))
    bands = np.asarray(snapshot.bands, dtype=np.float64)

    def run(starts_: FloatArray | float, stops_: FloatArray | float, lists: int) -> Projection:
        return project(
            np.broadcast_to(bands, (lists, bands.size)),
            start=snapshot.month,
            months=months,
            starts=starts_,
            stops=stops_,
            rule=rule,
            weights=weights,
        )

    def flows(current: float, candidates: FloatArray, goal: Goal) -> FloatArray:
        """(lists, months): the candidates from now, or after a later baseline month."""
        changed = np.full((candidates.size, months), current)
        after = 0
        if goal.baseline is not None and goal.baseline > snapshot.month:
            after = len(_months_between(snapshot.month.next(), goal.baseline))
        changed[:, after:] = candidates[:, np.newaxis]
        return changed

    current = run(starts, stops, 1)
    outcomes = []
    for goal in goals:
        judged = _judge(goal, current, snapshot)
        if judged is None:
            outcomes.append(
                Outcome(
                    goal=goal,
                    met=None,
                    month=None,
                    projected=None,
                    required=None,
                    stops_needed=None,
                    stops_shortfall=None,
                    starts_allowed=None,
                )
            )
            continue
        met, column, value, required = judged

        def meets_stops(candidates: FloatArray, goal: Goal = goal) -> BoolArray:
            changed = flows(stops, candidates, goal)
            result = _judge(goal, run(starts, changed, candidates.size), snapshot)
            assert result is not None
            return result[0]

        def meets_starts(candidates: FloatArray, goal: Goal = goal) -> BoolArray:
            changed = flows(starts, candidates, goal)
            result = _judge(goal, run(changed, stops, candidates.size), snapshot)
            assert result is not None
            return result[0]

        # Enough stops to clear the list in a month: the list when the stops change (after a
        # later baseline month, it is the projected list then), plus a month's starts.
        listed = float(snapshot.waiting)
        if goal.baseline is not None and goal.baseline > snapshot.month:
            listed = float(current.total[0, current.index(goal.baseline)])
        needed = _search(meets_stops, 0.0, listed + starts, more_is_better=True)
        outcomes.append(
            Outcome(
                goal=goal,
                met=bool(met[0]),
                month=current.months[int(column[0])],
                projected=float(value[0]),
                required=float(required[0]),
                stops_needed=needed,
                stops_shortfall=None if needed is None else needed - stops,
                starts_allowed=_search(meets_starts, 0.0, starts, more_is_better=False),
            )
        )
    return Forecast(
        snapshot=snapshot,
        edition=guidance.id,
        as_of=as_of,
        starts=starts,
        stops=stops,
        rule=rule,
        projection=current,
        outcomes=tuple(outcomes),
        skipped=skipped,
    )
