"""Plans: an organisation's submitted monthly trajectories, one :class:`PlanLine` per figure.

A plan line is the figure the organisation *plans* to report for a metric and period: a value
(``'61.2 %'``, ``'120 pathway'``, or a bare number read in the metric's unit), or a numerator
and denominator (a proportion), or all three, as planning templates often ask; whether the
three agree is a finding of :func:`nhsplan.plan.check_plan`, not a construction error. A line
is judged exactly as an observation would be (:meth:`PlanLine.observation`).

>>> from nhsplan.calendar import Month
>>> plan = Plan(org="rbd", edition="2025/26", version="v1", lines=[
...     PlanLine(metric="rtt_18_weeks_incomplete", period="2026-03",
...              numerator=6120, denominator=10000)])
>>> plan.org, str(plan.lines[0].observation(plan.org).amount)
('RBD', '61.2 %')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from nhsplan import units
from nhsplan.calendar import Month, Period
from nhsplan.errors import InvalidObservationError, InvalidPlanError
from nhsplan.model._inputs import to_code, to_denominator, to_figure, to_numerator, to_period
from nhsplan.model._validators import (
    _finite_non_negative,
    _org_code,
    _snake_id,
    ratio_problem,
    to_org_type,
)
from nhsplan.model.enums import OrgType
from nhsplan.model.observations import Observation
from nhsplan.units import quantity

__all__ = ["Plan", "PlanLine"]

_LINE_EXAMPLE = (
    "PlanLine(metric='ae_4_hour', period='2019-03', value='91.5 %') or "
    "PlanLine(metric='ae_4_hour', period='2019-03', numerator=9150, denominator=10000)"
)


def _line_figure(value: object) -> units.Quantity | float | None:
    try:
        return to_figure(value)
    except InvalidObservationError as exc:
        raise InvalidPlanError(str(exc), field="value", example=_LINE_EXAMPLE) from None


def _line_period(value: object) -> Period:
    try:
        return to_period(value)
    except InvalidObservationError as exc:
        raise InvalidPlanError(str(exc), field="period", example="'2019-03'") from None


@attrs.frozen(kw_only=True)
class PlanLine:
    """One planned figure: a metric's value for a period, as the organisation plans it."""

    metric: str = attrs.field(validator=_snake_id)
    """nhsplan's metric id (``ae_4_hour``); a file keyed by planning reference is mapped to it
    by the reader."""
    period: Period = attrs.field(converter=_line_period)
    """The period planned: a month (``"2019-03"``) for a monthly trajectory."""
    value: units.Quantity | float | None = attrs.field(default=None, converter=_line_figure)
    """The planned figure, a Quantity or a bare number read in the metric's unit."""
    numerator: float | None = attrs.field(
        default=None, converter=to_numerator, validator=_finite_non_negative("numerator")
    )
    denominator: float | None = attrs.field(
        default=None, converter=to_denominator, validator=_finite_non_negative("denominator")
    )
    ref: str = ""
    """The planning reference the line was keyed by in its file (``E.M.13``), if any."""

    def __attrs_post_init__(self) -> None:
        where = f"{self.metric} {self.period}"
        ratio = (self.numerator, self.denominator)
        if (self.numerator is None) != (self.denominator is None):
            raise InvalidPlanError(
                f"numerator and denominator come together ({where})",
                field="denominator" if self.denominator is None else "numerator",
                example=_LINE_EXAMPLE,
            )
        if self.value is None and ratio == (None, None):
            raise InvalidPlanError(
                f"a plan line needs a value or a numerator and denominator ({where})",
                field="value",
                example=_LINE_EXAMPLE,
            )
        found = (
            None
            if self.numerator is None or self.denominator is None
            else ratio_problem(self.numerator, self.denominator)
        )
        if found is not None:
            field, problem = found
            raise InvalidPlanError(f"{problem} ({where})", field=field, example=_LINE_EXAMPLE)

    @property
    def has_ratio(self) -> bool:
        """The line gives a numerator and denominator."""
        return self.numerator is not None

    @property
    def ratio(self) -> units.Quantity | None:
        """Numerator ÷ denominator as a percentage, or None without them."""
        if self.numerator is None or self.denominator is None:
            return None
        return quantity(100 * self.numerator / self.denominator, "percent")

    def observation(self, org: str) -> Observation:
        """The line as the figure *org* would report: what a target is judged on.

        With a numerator and denominator the figure is their ratio (a stated value beside
        them is checked against it by :func:`nhsplan.plan.check_plan`); else the value.
        """
        if self.numerator is not None:
            return Observation(
                org=org,
                metric=self.metric,
                period=self.period,
                numerator=self.numerator,
                denominator=self.denominator,
            )
        return Observation(org=org, metric=self.metric, period=self.period, value=self.value)


def _lines(value: Iterable[PlanLine]) -> tuple[PlanLine, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidPlanError(
            f"{type(value).__name__} is not a collection of plan lines",
            field="lines",
            example=f"[{_LINE_EXAMPLE.split(' or ', maxsplit=1)[0]}]",
        )
    lines = tuple(value)
    for line in lines:
        if not isinstance(line, PlanLine):
            raise InvalidPlanError(
                f"{line!r} ({type(line).__name__}) is not a PlanLine",
                field="lines",
                example=f"[{_LINE_EXAMPLE.split(' or ', maxsplit=1)[0]}]",
            )
    return lines


def _org_type(value: OrgType | str | None) -> OrgType | None:
    if value is None or isinstance(value, OrgType):
        return value
    return to_org_type(value, error=InvalidPlanError, example="'acute_trust'")


@attrs.frozen(kw_only=True)
class Plan:
    """An organisation's plan for an edition: its lines, one per metric and period.

    Two lines for one metric and period are refused, naming both.
    """

    org: str = attrs.field(converter=to_code, validator=_org_code)
    """The organisation's ODS code, stored upper case."""
    edition: str
    """The guidance edition planned against (``"2025/26"``)."""
    lines: tuple[PlanLine, ...] = attrs.field(converter=_lines)
    version: str = ""
    """The submission's version (``"draft 2"``, ``"final"``)."""
    submitted: date | None = None
    """The date the plan was submitted, if known."""
    org_type: OrgType | None = attrs.field(default=None, converter=_org_type)
    """The organisation's type: targets that ask nothing of it are left out."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.edition, str) or not self.edition.strip():
            raise InvalidPlanError(
                f"{self.edition!r} is not an edition id", field="edition", example="'2025/26'"
            )
        seen: dict[tuple[str, Period], int] = {}
        for i, line in enumerate(self.lines):
            key = (line.metric, line.period)
            if key in seen:
                raise InvalidPlanError(
                    f"{line.metric} {line.period} is planned twice (lines {seen[key] + 1} and "
                    f"{i + 1}) in {self.org}'s plan",
                    field="lines",
                    example="one line per metric and period",
                )
            seen[key] = i

    @property
    def label(self) -> str:
        """How findings name the plan: ``"RBD's plan (2025/26, v1)"``."""
        extra = ", ".join(x for x in (self.edition, self.version) if x)
        return f"{self.org}'s plan ({extra})"

    def metrics(self) -> tuple[str, ...]:
        """The metrics planned, in order of first appearance."""
        return tuple(dict.fromkeys(line.metric for line in self.lines))

    def lines_of(self, metric: str) -> tuple[PlanLine, ...]:
        """The lines of *metric*, in period order."""
        mine = [line for line in self.lines if line.metric == metric]
        return tuple(sorted(mine, key=lambda line: (line.period.start, line.period.end)))

    def months(self) -> tuple[Month, ...]:
        """Every month from the first month planned to the last, whatever the metric."""
        found = [line.period for line in self.lines if isinstance(line.period, Month)]
        if not found:
            return ()
        first, last = min(found), max(found)
        months = [first]
        while months[-1] < last:
            months.append(months[-1].next())
        return tuple(months)

    def observations(self) -> tuple[Observation, ...]:
        """Every line as the figure the organisation would report (:meth:`PlanLine.observation`)."""
        return tuple(line.observation(self.org) for line in self.lines)
