"""A figure against the level a decision settled: the status, the margin and the sentence.

The one place a compared figure becomes a verdict, for every path that compares a figure:
:func:`nhsplan.evaluate.single.compare` (one organisation's quantity) and the columnar
engine's judge (plain numbers read by DuckDB). MET or NOT_MET by
:meth:`~nhsplan.model.Comparison.holds`, NOT_DUE where the figure cannot decide yet
(:func:`~nhsplan.evaluate.verdict.pending`), and a reach's figure reported as progress
(NOT_APPLICABLE, its margin the figure less the level).

>>> from datetime import date
>>> from nhsplan.evaluate.decision import Level
>>> from nhsplan.model.enums import Comparison
>>> from nhsplan.units import quantity
>>> level = Level(comparison=Comparison.AT_LEAST, required=quantity(95, "percent"),
...               unit="percent", label="2019-03 figure", ends=date(2019, 3, 31))
>>> judged = verdict_on(level, Figures(86.6, "percent", 95.0, "percent", True),
...                     target="ae_4_hour", org="RBD")
>>> judged.status.value, round(judged.margin, 1)
('not_met', -8.4)
>>> judged.reason
"RBD's 2019-03 figure, 86.6%, is below the 95% required (at least)."
"""

from __future__ import annotations

from typing import NamedTuple

from nhsplan.evaluate import reasons
from nhsplan.evaluate.decision import Level
from nhsplan.evaluate.verdict import Figures, status_of
from nhsplan.model.enums import Status

__all__ = ["Judged", "verdict_on"]


class Judged(NamedTuple):
    """A compared figure's verdict: its status, its margin in the level's unit, its sentence."""

    status: Status
    margin: float
    reason: str


def verdict_on(level: Level, figures: Figures, *, target: str, org: str | None) -> Judged:
    """The verdict on *figures* (observed and required, as numbers) against *level*."""
    comparison = level.comparison
    holds = comparison.holds(figures.observed, figures.required)
    status = status_of(comparison, holds, partial=level.partial, due_by=level.due_by)
    if level.reach and status is not Status.NOT_DUE:
        return Judged(
            Status.NOT_APPLICABLE,
            figures.observed - figures.required,
            reasons.progress(target, figures, org=org, label=level.label),
        )
    reason = reasons.compared(
        comparison,
        figures,
        status=status,
        holds=holds,
        org=org,
        label=level.label,
        partial=level.partial,
        ends=level.ends,
        due_by=level.due_by,
    )
    return Judged(status, comparison.margin(figures.observed, figures.required), reason)
