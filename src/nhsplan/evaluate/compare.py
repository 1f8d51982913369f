"""A figure against the level a decision settled: the status, the margin and the sentence.

The one place a compared figure becomes a verdict, for every path that compares a figure:
:func:`nhsplan.evaluate.single.compare` (one organisation's quantity), the columnar
engine's judge (plain numbers read by DuckDB) and, for a whole column of figures at once,
:func:`nhsplan.evaluate.batch.evaluate_batch` (:func:`column_on`). MET or NOT_MET by
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

from typing import TYPE_CHECKING, NamedTuple

import attrs

from nhsplan.evaluate import reasons
from nhsplan.evaluate.decision import Level
from nhsplan.evaluate.verdict import Figures, status_of
from nhsplan.model.enums import Status
from nhsplan.units.text import human_text

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["Judged", "Prepared", "column_on", "prepare", "verdict_on"]


class Judged(NamedTuple):
    """A compared figure's verdict: its status, its margin in the level's unit, its sentence."""

    status: Status
    margin: float
    reason: str


def verdict_on(level: Level, figures: Figures, *, target: str, org: str | None) -> Judged:
    """The verdict on *figures* (observed and required, as numbers) against *level*."""
    return prepare(level, figures.required, figures.required_unit, target=target).on(
        figures, org=org
    )


@attrs.frozen(kw_only=True)
class Prepared:
    """A level made ready to judge many figures: what does not depend on the figure, once.

    :func:`prepare` makes one; :meth:`on` judges a figure. :func:`verdict_on` is the two in
    one, so that one figure and each of many are judged and worded alike.
    """

    level: Level
    target: str
    required: float
    """The level as a number, in :attr:`required_unit`: every figure judged is against it."""
    required_unit: str
    required_text: str
    """The level in words (``human_text``), as every sentence shows it."""
    outcomes: tuple[tuple[Status, reasons.Wording | None], tuple[Status, reasons.Wording | None]]
    """The status and fixed words of a figure that misses (first) and that meets the level;
    no words where the figure is reported as progress (:func:`nhsplan.evaluate.reasons.progress`).
    """

    def on(self, figures: Figures, *, org: str | None) -> Judged:
        """The verdict on *figures*, whose required amount is :attr:`required`, for *org*."""
        level = self.level
        comparison = level.comparison
        holds = comparison.holds(figures.observed, figures.required)
        status, wording = self.outcomes[1 if holds else 0]
        if wording is None:
            return Judged(
                Status.NOT_APPLICABLE,
                figures.observed - figures.required,
                reasons.progress(self.target, figures, org=org, label=level.label),
            )
        reason = reasons.worded(wording, figures, org=org, required_text=self.required_text)
        return Judged(status, comparison.margin(figures.observed, figures.required), reason)


def prepare(level: Level, required: float, required_unit: str, *, target: str) -> Prepared:
    """*level* made ready to judge figures against *required* (in *required_unit*)."""

    def outcome(holds: bool) -> tuple[Status, reasons.Wording | None]:  # noqa: FBT001
        status = _status(level, holds)
        if status is Status.NOT_APPLICABLE:
            return status, None
        wording = reasons.compared_wording(
            level.comparison,
            status=status,
            holds=holds,
            label=level.label,
            partial=level.partial,
            ends=level.ends,
            due_by=level.due_by,
        )
        return status, wording

    missed, met = (outcome(holds) for holds in (False, True))
    return Prepared(
        level=level,
        target=target,
        required=required,
        required_unit=required_unit,
        required_text=human_text(required, required_unit),
        outcomes=(missed, met),
    )


def _status(level: Level, holds: bool) -> Status:  # noqa: FBT001 - the comparison's result
    """The status of a figure that meets (*holds*) or misses *level*: the rule of both paths."""
    status = status_of(level.comparison, holds, partial=level.partial, due_by=level.due_by)
    return Status.NOT_APPLICABLE if level.reach and status is not Status.NOT_DUE else status


_INDEX = {status: code for code, status in enumerate(Status)}


def column_on(
    level: Level, observed: NDArray[np.float64]
) -> tuple[NDArray[np.int8], NDArray[np.float64]]:
    """The statuses and margins of a column of figures against *level*, as :func:`verdict_on`.

    *observed* is in the level's unit (NaN never meets a level). A status depends on a
    figure only through :meth:`~nhsplan.model.Comparison.holds`, so the rule is asked twice,
    for a figure that misses and one that meets, and its two answers are spread over the
    column: two passes over a column of bytes, not one decision per row. The statuses are
    ``int8`` indexes into the :class:`~nhsplan.model.Status` members in their order.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    required = float(level.required.magnitude)
    comparison = level.comparison
    holds = comparison.holds(observed, required)
    missed, met = (_status(level, answer) for answer in (False, True))
    status: NDArray[np.int8] = holds.view(np.int8) * np.int8(_INDEX[met] - _INDEX[missed])
    status += np.int8(_INDEX[missed])
    margin = comparison.margin(observed, required)
    if Status.NOT_APPLICABLE in (missed, met):  # a reach's progress: the figure less the level
        progress = np.equal(status, _INDEX[Status.NOT_APPLICABLE])
        margin = np.where(progress, observed - required, margin)
    return status, margin
