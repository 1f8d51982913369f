"""The records the decision core gives: a :class:`Decision` and the :class:`Level` it compares.

Kept apart from :mod:`nhsplan.evaluate.decide` (the rules) so the modules that hold rules for
some kinds of target (:mod:`nhsplan.evaluate.kinds`) build the same records.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Final

import attrs

from nhsplan import units
from nhsplan.calendar import Period
from nhsplan.evaluate.reasons import Reason
from nhsplan.model import (
    BaselineTarget,
    EliminationTarget,
    Metric,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.model.enums import Comparison, ScoringKind, Status

__all__ = ["NO_BASELINES", "Decision", "Level", "Levelled", "compared", "fixed"]

NO_BASELINES: Final[Mapping[str, units.Quantity]] = MappingProxyType({})
_NO_FACTS: Final[Mapping[str, str]] = MappingProxyType({})


@attrs.frozen(kw_only=True)
class Level:
    """The level a figure is compared with, and how the comparison reads."""

    comparison: Comparison
    required: units.Quantity
    """The level required, in :attr:`unit`."""
    unit: str
    """The unit figures are pooled and compared in."""
    label: str
    """How the reason names the figure (``"2021-12 figure"``)."""
    ends: date
    """The last day of the period judged (the date assessed where no period is judged)."""
    total: bool = False
    """The period's figures are summed (a year's total)."""
    proportion: bool = False
    """The metric is a proportion: a year pools numerators and denominators."""
    partial: bool = False
    """A total of a period not yet over: it can only grow (see ``pending``)."""
    due_by: date | None = None
    """A level asked *by* this date, not yet passed: a figure short of it is NOT_DUE."""
    scale: float | None = None
    """A count judged per head of population: the figure is multiplied by this (people
    per rate over the population) before it is compared (:mod:`nhsplan.evaluate.kinds`)."""
    reach: bool = False
    """A reach: a figure met or not met is reported as progress, NOT_APPLICABLE."""


@attrs.frozen(kw_only=True)
class Decision:
    """What is decided about a target on a date before an organisation's figure is read.

    Either :attr:`status` is set (a fixed verdict, whatever the figure) or :attr:`level` is
    (compare the figure for :attr:`period` with it), or, for a target judged on every period
    of a window, :attr:`parts` are. Names no organisation: the reason is a
    code and its facts, worded for an organisation by :mod:`nhsplan.evaluate.reasons`.
    """

    target: Target
    as_of: date
    status: Status | None
    """The fixed status; None where the figure is to be compared with :attr:`level`."""
    reason: Reason
    facts: Mapping[str, str] = _NO_FACTS
    """The words the reason's sentence needs (dates, ids, levels), as text."""
    period: Period | None = None
    """The period judged, where one is."""
    level: Level | None = None
    observed: units.Quantity | None = None
    """A figure the decision itself read: a milestone's delivery, a within-time share."""
    parts: tuple[Decision, ...] = ()
    """For a target judged on every period of a window, one decision per period, oldest
    first (:func:`nhsplan.evaluate.kinds.settle` reads them); neither :attr:`status` nor
    :attr:`level` is then set."""


def fixed(
    target: Target,
    as_of: date,
    status: Status,
    reason: Reason,
    period: Period | None = None,
    **facts: object,
) -> Decision:
    """A decision with a fixed *status*, its reason and the facts its sentence needs, as text."""
    words = {"target": target.id, "as_of": str(as_of), **{k: str(v) for k, v in facts.items()}}
    if period is not None:
        words["period"] = str(period)
    return Decision(
        target=target,
        as_of=as_of,
        status=status,
        reason=reason,
        facts=MappingProxyType(words),
        period=period,
    )


Levelled = (
    ThresholdTarget | TrajectoryTarget | EliminationTarget | BaselineTarget | WithinTimeTarget
)
"""The kinds of target that ask a level a figure is compared with."""


def compared(
    target: Levelled,
    as_of: date,
    required: units.Quantity,
    metric: Metric | None,
    *,
    label: str,
    ends: date,
    period: Period | None = None,
    observed: units.Quantity | None = None,
    total: bool = False,
    partial: bool = False,
    due_by: date | None = None,
) -> Decision:
    """A decision that leaves the verdict to a figure: compare it with *required*.

    The level is in the metric's unit (the amount's own where the guidance defines no such
    metric), and a proportion's figures are pooled from their numerators and denominators:
    said here once for every kind of target.
    """
    unit = metric.unit if metric is not None else required.unit
    return Decision(
        target=target,
        as_of=as_of,
        status=None,
        reason=Reason.COMPARED,
        period=period,
        level=Level(
            comparison=target.comparison,
            required=required.to(unit),
            unit=unit,
            label=label,
            ends=ends,
            total=total,
            proportion=metric is not None and metric.kind is ScoringKind.PROPORTION,
            partial=partial,
            due_by=due_by,
        ),
        observed=None if observed is None else observed.to(unit),
    )
