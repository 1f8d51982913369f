"""Many organisations judged at once, by the decision core.

The single pass (:mod:`.scan`) leaves, per organisation and metric, the latest period of the
figures in force and the figures of the periods a target can judge. What the decision core
(:func:`~nhsplan.evaluate.decide.decide`) settles before it reads a figure's value depends
only on which periods an organisation has, so it is asked once per distinct case (the periods
present, and whether the organisation is England) and the :class:`Decision` reused; where it
reaches a comparison, each organisation's figure is compared by the core's own rules
(:meth:`~nhsplan.model.Comparison.holds`, :func:`~nhsplan.evaluate.verdict.status_of`) and
worded for that organisation by :mod:`nhsplan.evaluate.reasons`. Targets pooled over a year,
and baselines read from an organisation's own figure, are decided on the figures the pass
fetched and assessed by :func:`~nhsplan.evaluate.single.assess`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

import attrs

from nhsplan import _figures
from nhsplan.calendar import FinancialYear, Half, Month, Quarter
from nhsplan.engines.columnar.rules import (
    last_month,
    month_index,
    period_key,
    period_of_key,
    value_bound,
)
from nhsplan.engines.columnar.scan import Group, ScanSpec, plain_code, plain_metric
from nhsplan.engines.columnar.verdicts import (
    Compared,
    Item,
    Unsupported,
    Verdict,
    Verdicts,
)
from nhsplan.errors import NhsplanError
from nhsplan.evaluate.compare import prepare
from nhsplan.evaluate.decide import NO_BASELINES, Decision, decide, settled
from nhsplan.evaluate.kinds import evaluate_only
from nhsplan.evaluate.single import observed, own_baselines, reading_of
from nhsplan.evaluate.verdict import (
    YEARLY,
    Figures,
    _whole_period_by,
    judgement_of,
    last_day_judged,
    period_judged,
    target_start,
)
from nhsplan.model import (
    ENGLAND,
    ENGLAND_ONS,
    BaselineScope,
    BaselineTarget,
    Guidance,
    Judgement,
    Metric,
    MilestoneTarget,
    Observation,
    Target,
)
from nhsplan.units import quantity

__all__ = ["Judge"]

_KINDS: Final = (Month, Quarter, Half, FinancialYear)


class _Unsupported(Exception):  # noqa: N818 - a target the pass cannot judge
    """A live target the pass cannot judge (its metric's groups go the thorough way)."""


@attrs.frozen(kw_only=True)
class _Live:
    """What one target needs of the pass, and how it is judged."""

    target: Target
    metric: Metric
    latest: int
    """Index of its in-force bound in :attr:`ScanSpec.latest`."""
    by_evaluate: bool
    """Judged by evaluate() on the fetched figures (a year pooled, an own baseline)."""
    candidates: tuple[int, ...]
    """Keys of the periods it can judge (and of its own baselines' periods)."""
    range_index: int | None
    """Index of its year's figures in :attr:`ScanSpec.ranges`, if it pools a year."""
    by_latest: bool
    """Judged on the latest period (its kind decides the period judged)."""


class Judge:
    """The targets of one edition, judged on the single pass's groups on one date."""

    def __init__(self, guidance: Guidance, *, as_of: date, org: str | None) -> None:
        self.guidance = guidance
        self.as_of = as_of
        self.org = org
        self.metrics = {m.id: m for m in guidance.metrics}
        self.unsupported: set[str] = set()
        """Metrics whose live targets the pass cannot judge (a milestone, say)."""
        self.fixed: dict[tuple[str, bool], Decision] = {}
        """(target id, England?) → the verdict no figure changes."""
        self.live: dict[str, _Live] = {}
        bounds: dict[tuple[int, int | None, int | None], int] = {}
        keys: set[int] = set()
        ranges: dict[tuple[int, int], int] = {}
        pooled: dict[int, set[str]] = {}
        self.ended = self._bound(bounds, (last_month(as_of), None, None))
        for target in guidance.targets:
            if target.metric is None:
                continue
            metric = self.metrics.get(target.metric)
            if metric is None:
                self.unsupported.add(target.metric)
                continue
            screened = {
                england: settled(target, as_of=as_of, national=england) for england in (False, True)
            }
            for england, found in screened.items():
                if found is not None:
                    self.fixed[target.id, england] = found
            if all(found is not None for found in screened.values()):
                continue
            try:
                live = self._live(target, metric, bounds, keys, ranges)
            except (NhsplanError, _Unsupported):
                self.unsupported.add(metric.id)
                continue
            self.live[target.id] = live
            if live.range_index is not None:
                pooled.setdefault(live.range_index, set()).add(metric.id)
        self.spec = ScanSpec(
            latest=tuple(bounds),
            keys=tuple(sorted(keys)),
            ranges=tuple(ranges),
            pooled=tuple(frozenset(pooled.get(index, ())) for index in range(len(ranges))),
        )
        self._periods: dict[tuple[str, int | None], int | None] = {}
        self._cases: dict[tuple[str, bool, int | None, int | None, bool], object] = {}
        self._compared: dict[int, Compared] = {}
        self._units: dict[tuple[str, str], bool] = {}
        self._plain: dict[tuple[str, str | None], bool] = {}
        """("org" or "metric", text) → whether it is in the plain form (each group asks)."""

    @staticmethod
    def _bound(
        bounds: dict[tuple[int, int | None, int | None], int],
        bound: tuple[int, int | None, int | None],
    ) -> int:
        return bounds.setdefault(bound, len(bounds))

    def _live(
        self,
        target: Target,
        metric: Metric,
        bounds: dict[tuple[int, int | None, int | None], int],
        keys: set[int],
        ranges: dict[tuple[int, int], int],
    ) -> _Live:
        if isinstance(target, MilestoneTarget) or evaluate_only(target):
            raise _Unsupported  # judged row by row, by evaluate()
        as_of = self.as_of
        judged = judgement_of(target)
        last = last_day_judged(target, as_of)
        start, until = target_start(target), target.effective_until
        latest = self._bound(
            bounds,
            (
                last_month(last),
                None if start is None else month_index(start),
                None if until is None else month_index(until),
            ),
        )
        candidates: set[int] = set()
        range_index = None
        own = [
            b.period
            for b in (target.baselines if isinstance(target, BaselineTarget) else ())
            if b.value is None and b.scope is BaselineScope.LOCAL
        ]
        candidates |= {period_key(p) for p in own}
        if judged is Judgement.LATEST:
            candidates |= {period_key(_whole_period_by(kind, last)) for kind in _KINDS}
        elif judged in YEARLY:
            year = period_judged(target, (), as_of=as_of)
            assert year is not None  # a year is judged whatever the figures
            span = (month_index(year.start), last_month(min(year.end, as_of)))
            range_index = ranges.setdefault(span, len(ranges))
        else:
            period = period_judged(target, (), as_of=as_of)
            assert period is not None  # a deadline month or the month just ended
            candidates.add(period_key(period))
        keys |= candidates
        return _Live(
            target=target,
            metric=metric,
            latest=latest,
            by_evaluate=bool(own) or judged in YEARLY,
            candidates=tuple(sorted(candidates)),
            range_index=range_index,
            by_latest=judged is Judgement.LATEST,
        )

    # --- judging ---------------------------------------------------------------------------

    def judge(self, groups: Sequence[Group], *, check_metrics: bool) -> tuple[Verdicts, int]:
        """The verdicts on *groups*, and how many fetched figures they read.

        Raises:
            Unsupported: the groups hold something the pass cannot vouch for (a row not in
                the plain form, a possible repeat, mixed units, an unknown metric, a target
                it cannot judge); the caller reads the input the thorough way.
        """
        by_org: dict[str, dict[str, Group]] = {}
        for group in groups:
            org, metric = self._check(group, check_metrics=check_metrics)
            if self.org is not None and org != self.org:
                continue
            by_org.setdefault(org, {})[metric] = group
        items: list[Item] = []
        used = 0
        targets: dict[tuple[object, bool], list[tuple[Target, Decision | None]]] = {}
        for org in sorted(by_org):
            measured = by_org[org]
            england = org == ENGLAND
            mine_key = (frozenset(measured) if len(measured) > 1 else next(iter(measured)), england)
            mine_targets = targets.get(mine_key)
            if mine_targets is None:
                mine_targets = targets[mine_key] = [
                    (t, self.fixed.get((t.id, england)))
                    for t in self.guidance.targets
                    if t.metric is not None and t.metric in measured
                ]
            for target, fixed in mine_targets:
                assert target.metric is not None  # only targets of a metric measured
                mine = measured[target.metric]
                if fixed is not None:
                    items.append((org, fixed))
                    continue
                live = self.live.get(target.id)
                if live is None:
                    raise Unsupported
                items.append(self._verdict(live, org, mine, england=england))
        for group in groups:
            if self.org is None or group.org == self.org:
                used += len(group.figures)
                for found in group.ranges:
                    used += len(found)
        return Verdicts(self.guidance, self.as_of, items), used

    def _check(self, group: Group, *, check_metrics: bool) -> tuple[str, str]:
        org, metric = group.org, group.metric
        plain = self._plain
        code_ok = plain.get(("org", org))
        if code_ok is None:
            code_ok = plain["org", org] = plain_code(org)
        metric_ok = plain.get(("metric", metric))
        if metric_ok is None:
            metric_ok = plain["metric", metric] = plain_metric(metric)
        if (
            not code_ok
            or org == ENGLAND_ONS  # read as ENGLAND: the row path names it so
            or not metric_ok
            or group.bad
            or group.periods != group.rows
            or metric in self.unsupported
        ):
            raise Unsupported
        assert org is not None  # plain
        assert metric is not None  # plain
        known = self.metrics.get(metric)
        if known is None and check_metrics:
            raise Unsupported
        if group.unit_low is not None:
            if (
                group.unit_low != group.unit_high
                or group.unit_low != group.unit_low.strip()
                or group.value_high is None
            ):
                raise Unsupported
            bound = value_bound(known, group.unit_low)
            if bound is None or group.value_high > bound:
                raise Unsupported
            if known is not None and not self._same_unit(group.unit_low, known.unit):
                raise Unsupported
        if known is not None and not self._same_unit("percent", known.unit):
            ratios = any(n is not None for _v, n, _d in group.figures.values()) or any(
                n is not None for found in group.ranges for _k, _v, n, _d in found
            )
            if ratios:
                raise Unsupported  # a ratio gives a percentage, which the metric's unit is not
        return org, metric

    def _same_unit(self, unit: str, target: str) -> bool:
        """Whether a figure in *unit* reads as the same number in *target*."""
        found = self._units.get((unit, target))
        if found is None:
            try:
                one = quantity(1.0, unit).to(target)
                found = one.magnitude == 1.0 and one.unit == quantity(1.0, target).unit
            except NhsplanError:
                found = False
            except Exception:
                found = False
            self._units[unit, target] = found
        return found

    def _judged(self, live: _Live, latest: int | None) -> int | None:
        """The key of the period *live* judges where the latest figure in force is *latest*.

        Only a LATEST target's period depends on the figures (on the kind of the latest).
        """
        target = live.target
        memo = (target.id, latest if live.by_latest else None)
        found = self._periods.get(memo, -1)
        if found == -1:
            periods = [] if memo[1] is None else [period_of_key(memo[1])]
            period = period_judged(target, periods, as_of=self.as_of)
            found = self._periods[memo] = None if period is None else period_key(period)
        return found

    def _verdict(self, live: _Live, org: str, group: Group, *, england: bool) -> Item:
        target, metric = live.target, live.metric
        ended = group.latest[self.ended]
        latest = group.latest[live.latest]
        if live.by_evaluate:
            return self._evaluated(live, org, group, latest, ended)
        key = self._judged(live, latest)
        figure = None if key is None else group.figures.get(key)
        case = (target.id, england, latest, ended, figure is not None)
        outcome = self._cases.get(case)
        if outcome is None:
            keys = {k for k in (latest, ended) if k is not None}
            if figure is not None and key is not None:
                keys.add(key)
            periods = [period_of_key(k) for k in sorted(keys)]
            outcome = decide(target, periods, as_of=self.as_of, national=england, metric=metric)
            self._cases[case] = outcome
        assert isinstance(outcome, Decision)
        if outcome.level is None:
            return (org, outcome)
        assert figure is not None
        return self._compare(outcome, org, figure)

    def _compare(
        self,
        decision: Decision,
        org: str,
        figure: tuple[float | None, float | None, float | None],
    ) -> Verdict:
        case = self._compared.get(id(decision))
        if case is None:
            case = self._compared[id(decision)] = _case(decision)
        value, numerator, denominator = figure
        if value is not None:
            observed = value
        else:
            assert numerator is not None  # a plain ratio row
            assert denominator is not None
            observed = 100 * numerator / denominator
        required = case.required
        figures = Figures(
            observed, case.observed_unit, required, case.required_unit, observed != required
        )
        status, margin, reason = case.judging.on(figures, org=org)
        return (org, case, observed, status, reason, margin)

    def _evaluated(
        self, live: _Live, org: str, group: Group, latest: int | None, ended: int | None
    ) -> Item:
        """Decided on the figures the pass fetched, the latest periods present beside them."""
        metric = live.metric
        unit = group.unit_low
        real: dict[int, Observation] = {}
        rows: list[tuple[int, float | None, float | None, float | None]] = [
            (k, *group.figures[k]) for k in live.candidates if k in group.figures
        ]
        if live.range_index is not None:
            rows += group.ranges[live.range_index]
        for key, value, numerator, denominator in rows:
            period = period_of_key(key)
            if value is not None:
                assert unit is not None  # a value row has a unit
                real[key] = Observation(
                    org=org,
                    metric=metric.id,
                    period=period,
                    value=quantity(value, unit),
                )
            else:
                assert numerator is not None
                assert denominator is not None
                real[key] = Observation(
                    org=org,
                    metric=metric.id,
                    period=period,
                    numerator=numerator,
                    denominator=denominator,
                )
        periods = {period_of_key(k) for k in real}
        periods |= {period_of_key(k) for k in (latest, ended) if k is not None}
        figures = list(real.values())
        decision = decide(
            live.target,
            periods,
            as_of=self.as_of,
            national=org == ENGLAND,
            metric=metric,
            baselines=own_baselines(live.target, figures, NO_BASELINES, self.as_of),
        )
        figure = observed(decision, figures)
        if figure is None:
            return (org, decision)
        return self._compare(decision, org, (float(figure.magnitude), None, None))


def _case(decision: Decision) -> Compared:
    """What every organisation judged under *decision* shares."""
    level = decision.level
    period = decision.period
    assert level is not None  # a decision to compare
    assert period is not None  # the pass compares figures of a period
    required = level.required
    observed_unit = quantity(1.0, level.unit).unit
    if observed_unit != required.unit:
        raise Unsupported
    magnitude = float(required.magnitude)
    return Compared(
        decision=decision,
        judging=prepare(level, magnitude, required.unit, target=decision.target.id),
        required=magnitude,
        observed_unit=observed_unit,
        required_unit=required.unit,
        margin_unit=_figures.margin_unit(required.unit),
        head=(
            decision.target.id,
            str(period),
            period.start.isoformat(),
            period.end.isoformat(),
        ),
        tail=(str(decision.target.citation), reading_of(decision.target), None, None),
        ends=period.end,
    )
