"""The result of an XmR chart: segments with their limits, points, warnings."""

from __future__ import annotations

import functools
import math
from typing import Generic, TypeVar

import attrs

from nhsplan.model.enums import Assurance, Polarity, VariationIcon
from nhsplan.spc import display as _display
from nhsplan.spc.options import SpcOptions, SpecialCause, Variation

LabelT = TypeVar("LabelT")


def _nan_key(x: float | None) -> object:
    """Compare floats with NaN (a missing value, an absent limit) equal to NaN."""
    return None if x is None else ("nan" if math.isnan(x) else x)


def _nan_keys(xs: tuple[float, ...]) -> object:
    return tuple("nan" if math.isnan(x) else x for x in xs)


def _float() -> float:
    return attrs.field(eq=_nan_key)


@attrs.frozen(kw_only=True)
class SpcSegment:
    """One segment of an XmR chart (the whole series unless it was rebased), with its limits.

    Attributes:
        index: the segment's number, from 0.
        start: the position of its first point.
        stop: the position after its last point.
        n_basis: how many of its points the limits were computed from (all of them unless
            ``fix_after_n_points`` was set).
        mean: the centre line.
        mean_moving_range: the mean moving range after any screening; NaN when there is none
            (a one-point segment, or a constant one with screening): then the limits are NaN
            too, as NHSRplotthedots leaves them NA.
        moving_ranges_excluded: how many moving ranges the screening left out.
        lpl: the lower process limit, ``mean - 2.66 * mean_moving_range``.
        upl: the upper process limit, ``mean + 2.66 * mean_moving_range``.
        lower_two_sigma: ``mean - 2 * 2.66 / 3 * mean_moving_range``.
        upper_two_sigma: ``mean + 2 * 2.66 / 3 * mean_moving_range``.
    """

    index: int
    start: int
    stop: int
    n_basis: int
    mean: float = _float()
    mean_moving_range: float = _float()
    moving_ranges_excluded: int
    lpl: float = _float()
    upl: float = _float()
    lower_two_sigma: float = _float()
    upper_two_sigma: float = _float()

    @property
    def n_points(self) -> int:
        """How many points the segment has."""
        return self.stop - self.start


@attrs.frozen(kw_only=True)
class SpcPoint(Generic[LabelT]):
    """One point of an XmR chart.

    The rule flags say which enabled rules the point is part of (every point of a run or
    trend is flagged, not only the last); :attr:`special_cause` names the one that decides, by
    precedence.

    Attributes:
        index: the point's position in the series, from 0.
        label: the caller's label for it (a period, a date), or its position.
        value: the value; NaN for a missing point (no rule flags it).
        segment: the number of the segment it belongs to.
        mean: its segment's centre line.
        lpl: its segment's lower process limit.
        upl: its segment's upper process limit.
        moving_range: ``abs(value - previous value)`` within the segment; None for a segment's
            first point and next to a missing one.
        outside_limits: outside the process limits (and that rule is on).
        trend: part of a trend.
        two_in_three: one of two-in-three points beyond two sigma.
        run: part of a run on one side of the mean.
        special_cause: the rule that makes it special cause, or None for common cause.
        variation: its variation, oriented by polarity.
    """

    index: int
    label: LabelT
    value: float = _float()
    segment: int
    mean: float = _float()
    lpl: float = _float()
    upl: float = _float()
    moving_range: float | None = attrs.field(eq=_nan_key)
    outside_limits: bool
    trend: bool
    two_in_three: bool
    run: bool
    special_cause: SpecialCause | None
    variation: Variation


@attrs.frozen(kw_only=True)
class SpcWarning:
    """Something a reader of the chart should know; returned, never issued with ``warnings``.

    Attributes:
        code: a stable identifier (``"short_segment"``).
        message: a sentence for people.
        segment: the segment concerned, if any.
    """

    code: str
    message: str
    segment: int | None = None

    def __str__(self) -> str:
        return self.message


@attrs.frozen(kw_only=True)
class SpcResult(Generic[LabelT]):
    """An XmR chart: points, segments, the variation and assurance icons, and warnings.

    The per-point facts are kept as columns, one entry per value (handy for a data frame);
    :attr:`points` gives the same facts as one :class:`SpcPoint` per value.

    Attributes:
        values: the values, in order.
        labels: the labels, in order (the positions when none were given).
        segments: one per segment, in order.
        outside_limits: per point, outside the process limits (and that rule is on).
        trend: per point, part of a trend.
        two_in_three: per point, one of two-in-three points beyond two sigma.
        run: per point, part of a run on one side of the mean.
        causes: per point, the deciding rule, or None for common cause.
        variations: per point, the variation oriented by polarity.
        polarity: the metric's polarity, which orients variation and assurance.
        target: the target, if any.
        options: the options used.
        variation_icon: the variation icon, from the latest point.
        assurance: the assurance icon, from the latest segment's limits; None without a target
            or when the polarity is neutral.
        warnings: things the reader should know (segments too short for reliable limits).
    """

    values: tuple[float, ...] = attrs.field(eq=_nan_keys)
    labels: tuple[LabelT, ...]
    segments: tuple[SpcSegment, ...]
    outside_limits: tuple[bool, ...]
    trend: tuple[bool, ...]
    two_in_three: tuple[bool, ...]
    run: tuple[bool, ...]
    causes: tuple[SpecialCause | None, ...]
    variations: tuple[Variation, ...]
    polarity: Polarity
    target: float | None
    options: SpcOptions
    variation_icon: VariationIcon
    assurance: Assurance | None
    warnings: tuple[SpcWarning, ...]

    def __repr__(self) -> str:
        return _display.spc_repr(self)

    def _repr_html_(self) -> str:
        return _display.spc_html(self)

    @functools.cached_property
    def points(self) -> tuple[SpcPoint[LabelT], ...]:
        """One :class:`SpcPoint` per value, in order (built on first use)."""
        ys = self.values
        return tuple(
            SpcPoint(
                index=i,
                label=self.labels[i],
                value=ys[i],
                segment=seg.index,
                mean=seg.mean,
                lpl=seg.lpl,
                upl=seg.upl,
                moving_range=_moving_range(ys, i, seg.start),
                outside_limits=self.outside_limits[i],
                trend=self.trend[i],
                two_in_three=self.two_in_three[i],
                run=self.run[i],
                special_cause=self.causes[i],
                variation=self.variations[i],
            )
            for seg in self.segments
            for i in range(seg.start, seg.stop)
        )

    @property
    def latest(self) -> SpcPoint[LabelT]:
        """The latest point."""
        return self.points[-1]

    @property
    def variation(self) -> Variation:
        """The latest point's variation."""
        return self.variations[-1]

    @property
    def special_causes(self) -> tuple[SpcPoint[LabelT], ...]:
        """The points with special-cause variation."""
        return tuple(p for p in self.points if p.special_cause is not None)


def _moving_range(ys: tuple[float, ...], i: int, start: int) -> float | None:
    if i == start or ys[i] != ys[i] or ys[i - 1] != ys[i - 1]:
        return None
    return abs(ys[i] - ys[i - 1])
