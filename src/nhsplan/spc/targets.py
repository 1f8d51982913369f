"""A target that changes from point to point (a plan's monthly trajectory) in SPC assurance.

:func:`~nhsplan.spc.xmr` takes one target for the whole chart. A plan asks a different
figure each month; :func:`assurance_by_point` reads each point's target against the process
limits of that point's segment, by the same rule as the chart's own assurance icon (a target
beyond the upper limit is consistently failed where higher is better, and so on), and
:func:`varying_assurance` is the latest point's, the chart's assurance with the plan as target.

>>> from nhsplan.spc import xmr
>>> chart = xmr([90.0, 91.0] * 10)
>>> plan = [None] * 18 + [85.0, 95.0]
>>> [a.value if a else None for a in assurance_by_point(chart, plan)[-3:]]
[None, 'consistent_pass', 'consistent_fail']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from nhsplan.errors import InvalidValueError
from nhsplan.model.enums import Assurance
from nhsplan.spc._validate import _check_target
from nhsplan.spc.icons import _assurance
from nhsplan.spc.result import SpcResult

__all__ = ["assurance_by_point", "varying_assurance"]

LabelT = TypeVar("LabelT")


def assurance_by_point(
    chart: SpcResult[LabelT], targets: Sequence[float | None]
) -> tuple[Assurance | None, ...]:
    """Per point, the assurance of the target in force at it (None: no target there).

    Args:
        chart: an XmR chart.
        targets: one target per point of *chart*, in its order; None where none is in force.

    Raises:
        InvalidValueError: not one target per point, or a target that is not a finite number.
    """
    if len(targets) != len(chart.values):
        raise InvalidValueError(
            f"{len(targets)} targets for {len(chart.values)} points",
            field="targets",
            example="one target (or None) per point, in the chart's order",
        )
    checked = [_check_target(t, field=f"targets[{i}]") for i, t in enumerate(targets)]
    out: list[Assurance | None] = []
    for point in chart.points:
        target = checked[point.index]
        segment = chart.segments[point.segment]
        out.append(None if target is None else _assurance(target, chart.polarity, segment))
    return tuple(out)


def varying_assurance(
    chart: SpcResult[LabelT], targets: Sequence[float | None]
) -> Assurance | None:
    """The chart's assurance with a target per point: the latest point's (None: no target)."""
    return assurance_by_point(chart, targets)[-1]
