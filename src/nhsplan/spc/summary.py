"""The reading an assessment carries: :func:`summarise`."""

from __future__ import annotations

from typing import Any

from nhsplan.model import SpcSummary
from nhsplan.spc.result import SpcResult


def summarise(result: SpcResult[Any]) -> SpcSummary | None:
    """The reading an :class:`~nhsplan.model.Assessment` carries, or None for a short series.

    None when the latest segment is too short to trust its limits (the chart's own
    ``short_segment`` warning): a reading from trial limits would mislead a board.

    >>> from nhsplan.spc import xmr
    >>> s = summarise(xmr([90.0, 91.0] * 10, target=95.0))
    >>> s.variation.value, s.assurance.value, s.points
    ('common_cause', 'consistent_fail', 20)
    >>> summarise(xmr([90.0, 91.0, 92.0])) is None
    True
    """
    latest = len(result.segments) - 1
    if any(w.code == "short_segment" and w.segment == latest for w in result.warnings):
        return None
    segment = result.segments[-1]
    return SpcSummary(
        variation=result.variation_icon,
        assurance=result.assurance,
        points=len(result.values),
        mean=segment.mean,
        lower_limit=segment.lpl,
        upper_limit=segment.upl,
    )
