"""Private helpers for :mod:`nhsplan.engines.columnar`: many organisations judged at once.

The single pass (:mod:`._columnar_scan`) leaves, per organisation and metric, the latest
period of the figures in force and the figures of the periods a target can judge. Judging
them needs no object per organisation: what :func:`~nhsplan.evaluate.evaluate` decides
before it reads a figure's value depends only on which periods an organisation has, so it is
asked once per distinct case (:func:`~nhsplan.evaluate.plan`, with stand-in figures and a
stand-in organisation code) and the answer reused, the code put back in; where it reaches a
comparison, each organisation's figure is compared by :func:`~nhsplan._judging.verdict`, the
function :func:`~nhsplan.evaluate.evaluate` itself uses. Targets pooled over a year, and
baselines read from an organisation's own figure, are judged by
:func:`~nhsplan.evaluate.evaluate` itself, on the figures the pass fetched.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Final, TextIO

import attrs

from nhsplan import _csv, display
from nhsplan._enums import Status
from nhsplan._judging import (
    YEARLY,
    Figures,
    _whole_period_by,
    judged_period,
    judgement_of,
    last_day_judged,
    target_start,
    verdict,
)
from nhsplan.calendar import FinancialYear, Half, Month, Quarter
from nhsplan.engines._columnar_rules import (
    last_month,
    month_index,
    period_key,
    period_of_key,
    value_bound,
)
from nhsplan.engines._columnar_scan import Group, ScanSpec, plain_code, plain_metric
from nhsplan.errors import InvalidObservationError, NhsplanError
from nhsplan.evaluate import LevelPlan, evaluate, plan, screen
from nhsplan.model import (
    ENGLAND,
    Assessment,
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

if TYPE_CHECKING:
    from nhsplan.report import Report

__all__ = ["Judge", "Verdicts", "summarise"]

STAND_IN: Final = "ZZ0NHSPLAN0STAND0IN"
"""The organisation code a case is judged under, replaced by each organisation's own."""
_KINDS: Final = (Month, Quarter, Half, FinancialYear)


class Unsupported(Exception):  # noqa: N818 - a signal inside the engine, never raised out
    """The single pass cannot judge this input exactly; the thorough path must."""


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


@attrs.frozen(kw_only=True)
class _Compared:
    """The part of a compared verdict shared by every organisation in one case."""

    plan: LevelPlan
    required: float
    observed_unit: str
    required_unit: str
    margin_unit: str
    head: tuple[object, ...]
    """The CSV cells between the status and the observed figure: target, period, dates."""
    tail: tuple[object, ...]
    """The CSV cells after the reason: citation, variation, assurance."""
    ends: date
    """The last day of the period judged."""


_Template = tuple[str, Assessment]
"""(org, the assessment judged under the stand-in code)."""
_Verdict = tuple[str, _Compared, float, Status, str, float]
"""(org, case, observed, status, reason, margin)."""
_Item = _Template | _Verdict


class Verdicts:
    """The assessments of a columnar evaluation, kept as records until a Report is asked for.

    Writing them as CSV (what ``nhsplan evaluate --format csv`` prints) builds no object per
    assessment; :meth:`report` builds the :class:`~nhsplan.report.Report`.
    """

    def __init__(self, guidance: Guidance, as_of: date, items: list[_Item]) -> None:
        self.guidance = guidance
        self.as_of = as_of
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def report(self, warnings: tuple[str, ...] = ()) -> Report:
        """The Report that :func:`~nhsplan.report.evaluate_guidance` gives for the same rows."""
        from nhsplan.report import Report  # noqa: PLC0415 - report imports the engine

        return Report(
            edition=self.guidance.id,
            as_of=self.as_of,
            assessments=tuple(_assessment(item) for item in self.items),
            priorities={t.id: t.priority or "-" for t in self.guidance.targets},
            warnings=warnings,
        )

    def write_csv(self, file: TextIO) -> None:
        """Write what :meth:`Report.write_csv <nhsplan.report.Report.write_csv>` writes.

        Each distinct verdict's line is written once by the CSV writer, the organisation's
        code put in; each compared figure's line is put together from its cells, quoted as
        the writer quotes them (``csv.QUOTE_NONNUMERIC``).
        """
        from nhsplan.report import COLUMNS, Report  # noqa: PLC0415 - report imports the engine

        writer = csv.writer(file, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow([_csv.neutralise(c) for c in COLUMNS])
        templates: dict[int, str] = {}
        cases: dict[int, tuple[str, str, str]] = {}
        lines: list[str] = []
        for item in self.items:
            if len(item) == 2:
                org, template = item
                line = templates.get(id(template))
                if line is None:
                    one = Report(edition="", as_of=self.as_of, assessments=(template,))
                    line = templates[id(template)] = one.to_csv().split("\n", 1)[1]
                lines.append(line.replace(STAND_IN, org))
            else:
                org, case, observed, status, reason, margin = item
                parts = cases.get(id(case))
                if parts is None:
                    parts = cases[id(case)] = _line_parts(case)
                head, middle, tail = parts
                lines.append(
                    f'"{org}",{head},"{status.value}",{middle},{observed!r},'
                    f'"{case.observed_unit}",{case.required!r},"{case.required_unit}",'
                    f'{margin!r},"{case.margin_unit}",{_quoted(reason)},{tail}\n'
                )
            if len(lines) >= _CHUNK:
                file.write("".join(lines))
                lines.clear()
        file.write("".join(lines))


_CHUNK: Final = 20_000
"""Lines joined before each write."""


def _quoted(cell: object) -> str:
    """A text cell as ``csv.QUOTE_NONNUMERIC`` writes it, neutralised as reports write it."""
    text = str(_csv.neutralise(cell))
    return '"' + text.replace('"', '""') + '"'


def _line_parts(case: _Compared) -> tuple[str, str, str]:
    """The quoted cells of a compared case: target; period and dates; citation onwards."""
    for unit in (case.observed_unit, case.required_unit, case.margin_unit):
        if _quoted(unit) != f'"{unit}"':
            raise Unsupported  # a unit the writer would quote otherwise: never in a catalog
    head, *middle = (_quoted(c) for c in case.head)
    tail = ",".join('""' if c is None else _quoted(c) for c in case.tail)
    return head, ",".join(middle), tail


def _assessment(item: _Item) -> Assessment:
    if len(item) == 2:
        org, template = item
        if STAND_IN not in template.reason and template.org == org:
            return template
        return attrs.evolve(template, org=org, reason=template.reason.replace(STAND_IN, org))
    org, case, observed, status, reason, margin = item
    plan = case.plan
    return Assessment(
        target=plan.ctx.target.id,
        status=status,
        reason=reason,
        citation=plan.ctx.target.citation,
        as_of=plan.ctx.as_of,
        org=org,
        observed=quantity(observed, plan.unit),
        required=plan.required,
        margin=quantity(margin, plan.required.unit),
        period=plan.period,
    )


def _stand_in(metric: Metric, key: int, org: str = STAND_IN) -> Observation:
    """A figure of the period with *key*, whose value no judge reads."""
    return Observation(
        org=org, metric=metric.id, period=period_of_key(key), value=quantity(0.0, metric.unit)
    )


class Judge:
    """The targets of one edition, judged on the single pass's groups on one date."""

    def __init__(self, guidance: Guidance, *, as_of: date, org: str | None) -> None:
        self.guidance = guidance
        self.as_of = as_of
        self.org = org
        self.metrics = {m.id: m for m in guidance.metrics}
        self.unsupported: set[str] = set()
        """Metrics whose live targets the pass cannot judge (a milestone, say)."""
        self.fixed: dict[tuple[str, bool], Assessment] = {}
        """(target id, England?) → the verdict no figure changes."""
        self.live: dict[str, _Live] = {}
        bounds: dict[tuple[int, int | None, int | None], int] = {}
        keys: set[int] = set()
        ranges: dict[tuple[int, int], int] = {}
        self.ended = self._bound(bounds, (last_month(as_of), None, None))
        for target in guidance.targets:
            if target.metric is None:
                continue
            metric = self.metrics.get(target.metric)
            if metric is None:
                self.unsupported.add(target.metric)
                continue
            screened = {
                england: screen(
                    target, as_of=as_of, org=ENGLAND if england else STAND_IN, metric=metric
                )
                for england in (False, True)
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
        self.spec = ScanSpec(latest=tuple(bounds), keys=tuple(sorted(keys)), ranges=tuple(ranges))
        self._periods: dict[tuple[str, int | None], int | None] = {}
        self._cases: dict[tuple[str, bool, int | None, int | None, bool], object] = {}
        self._compared: dict[int, _Compared] = {}
        self._units: dict[tuple[str, str], bool] = {}

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
        if isinstance(target, MilestoneTarget):
            raise _Unsupported
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
            year = judged_period(target, (), as_of=as_of)
            assert year is not None  # a year is judged whatever the figures
            span = (month_index(year.start), last_month(min(year.end, as_of)))
            range_index = ranges.setdefault(span, len(ranges))
        else:
            period = judged_period(target, (), as_of=as_of)
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
        items: list[_Item] = []
        used = 0
        targets: dict[tuple[object, bool], list[tuple[Target, Assessment | None]]] = {}
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
        if (
            not plain_code(org)
            or not plain_metric(metric)
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
            figures = [] if memo[1] is None else [_stand_in(live.metric, memo[1])]
            period = judged_period(target, figures, as_of=self.as_of)
            found = self._periods[memo] = None if period is None else period_key(period)
        return found

    def _verdict(self, live: _Live, org: str, group: Group, *, england: bool) -> _Item:
        target, metric = live.target, live.metric
        ended = group.latest[self.ended]
        latest = group.latest[live.latest]
        if live.by_evaluate:
            return (org, self._evaluated(live, org, group, latest, ended))
        key = self._judged(live, latest)
        figure = None if key is None else group.figures.get(key)
        case = (target.id, england, latest, ended, figure is not None)
        outcome = self._cases.get(case)
        if outcome is None:
            keys = {k for k in (latest, ended) if k is not None}
            if figure is not None and key is not None:
                keys.add(key)
            code = ENGLAND if england else STAND_IN
            figures = [_stand_in(metric, k, code) for k in sorted(keys)]
            outcome = plan(target, figures, as_of=self.as_of, org=code, metric=metric)
            self._cases[case] = outcome
        if isinstance(outcome, Assessment):
            return (org, outcome)
        assert isinstance(outcome, LevelPlan)
        assert figure is not None
        return self._compare(outcome, org, figure)

    def _compare(
        self, level: LevelPlan, org: str, figure: tuple[float | None, float | None, float | None]
    ) -> _Verdict:
        case = self._compared.get(id(level))
        if case is None:
            case = self._compared[id(level)] = _case(level)
        value, numerator, denominator = figure
        if value is not None:
            observed = value
        else:
            assert numerator is not None  # a plain ratio row
            assert denominator is not None
            observed = 100 * numerator / denominator
        required = case.required
        status, reason, margin = verdict(
            level.comparison,
            Figures(
                observed, case.observed_unit, required, case.required_unit, observed != required
            ),
            subject=f"{org}'s",
            label=level.label,
            ends=case.ends,
            partial=level.partial,
            due_by=level.due_by,
        )
        return (org, case, observed, status, reason, margin)

    def _evaluated(
        self, live: _Live, org: str, group: Group, latest: int | None, ended: int | None
    ) -> Assessment:
        """evaluate() itself, on the figures the pass fetched and stand-ins for the rest."""
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
        for marker in (latest, ended):
            if marker is not None and marker not in real:
                real[marker] = _stand_in(metric, marker, org)
        return evaluate(live.target, list(real.values()), as_of=self.as_of, org=org, metric=metric)


def _case(level: LevelPlan) -> _Compared:
    """What every organisation judged under *level* shares."""
    required = level.required
    observed_unit = quantity(1.0, level.unit).unit
    if observed_unit != required.unit:
        raise Unsupported
    period = level.period
    return _Compared(
        plan=level,
        required=float(required.magnitude),
        observed_unit=observed_unit,
        required_unit=required.unit,
        margin_unit=display.margin_unit(required.unit),
        head=(
            level.ctx.target.id,
            str(period),
            period.start.isoformat(),
            period.end.isoformat(),
        ),
        tail=(str(level.ctx.target.citation), None, None),
        ends=period.end,
    )


def summarise(
    observations: Sequence[Observation], guidance: Guidance, spec: ScanSpec
) -> tuple[list[Group], tuple[str, ...]]:
    """Observations summarised per organisation and metric as the single pass's query does.

    Each is first checked against its metric as :func:`~nhsplan.report.evaluate_guidance`
    checks it; one that cannot be right is left out, and its warning returned.
    """
    known = {m.id: m for m in guidance.metrics}
    left_out: list[str] = []
    figures: dict[
        tuple[str, str],
        list[tuple[int, int, int, float | None, float | None, float | None, str | None]],
    ] = {}
    for observation in observations:
        metric = known.get(observation.metric)
        if metric is None:
            continue  # no target measures it
        try:
            resolved = metric.resolve(observation)
        except InvalidObservationError as exc:
            left_out.append(f"left out: {exc}")
            continue
        period = resolved.period
        value = resolved.value
        if isinstance(value, float):
            continue  # resolve reads a bare number in the metric's unit: never left bare
        figures.setdefault((resolved.org, resolved.metric), []).append(
            (
                period_key(period),
                month_index(period.start),
                month_index(period.end),
                None if value is None else float(value.magnitude),
                resolved.numerator if value is None else None,
                resolved.denominator if value is None else None,
                None if value is None else value.unit,
            )
        )
    groups = []
    for (org, metric_id), rows in figures.items():
        values = [(v, u) for _k, _s, _e, v, _n, _d, u in rows if v is not None]
        units = sorted({u for _v, u in values if u is not None})
        latest = tuple(
            max(
                (
                    k
                    for k, s, e, *_ in rows
                    if e <= last and (first is None or e >= first) and (until is None or s <= until)
                ),
                default=None,
            )
            for last, first, until in spec.latest
        )
        by_key = {k: (v, n, d) for k, _s, _e, v, n, d, _u in rows}
        groups.append(
            Group(
                org=org,
                metric=metric_id,
                rows=len(rows),
                bad=0,
                periods=len(by_key),
                unit_low=units[0] if units else None,
                unit_high=units[-1] if units else None,
                value_high=max((v for v, _u in values if v is not None), default=None),
                latest=latest,
                figures={k: by_key[k] for k in spec.keys if k in by_key},
                ranges=tuple(
                    tuple((k, v, n, d) for k, s, e, v, n, d, _u in rows if s >= lo and e <= hi)
                    for lo, hi in spec.ranges
                ),
            )
        )
    return groups, tuple(left_out)
