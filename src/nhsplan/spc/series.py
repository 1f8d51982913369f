"""One series: :func:`xmr`, and the assembly of a result both paths share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, TypeVar, overload

from nhsplan._enums import Polarity
from nhsplan.spc._validate import (
    _check_labels,
    _check_polarity,
    _check_target,
    _check_values,
    _segment_bounds,
)
from nhsplan.spc.icons import _assurance, _variation_icon
from nhsplan.spc.limits import _make_segment, _Stats
from nhsplan.spc.options import _DEFAULT_OPTIONS, SpcOptions, SpecialCause, Variation
from nhsplan.spc.result import SpcResult, SpcSegment, SpcWarning
from nhsplan.spc.rules import _CAUSE_OF_CODE, _VARIATION_OF_CODE, _codes, _python_series

LabelT = TypeVar("LabelT")


def _short_segment_warning(segment: SpcSegment, threshold: int) -> SpcWarning:
    return SpcWarning(
        code="short_segment",
        segment=segment.index,
        message=(
            f"segment {segment.index} (positions {segment.start} to {segment.stop - 1}) has "
            f"{segment.n_points} points, fewer than {threshold}: its limits are trial limits "
            "that will move as points are added"
        ),
    )


class _Columns(NamedTuple):
    """A result's per-point columns, built by either path."""

    values: tuple[float, ...]
    outside: tuple[bool, ...]
    trend: tuple[bool, ...]
    two: tuple[bool, ...]
    run: tuple[bool, ...]
    causes: tuple[SpecialCause | None, ...]
    variations: tuple[Variation, ...]


def _assemble(
    labels: tuple[LabelT, ...],
    bounds: list[tuple[int, int]],
    stats: list[_Stats],
    cols: _Columns,
    *,
    polarity: Polarity,
    target: float | None,
    options: SpcOptions,
) -> SpcResult[LabelT]:
    segments = tuple(
        _make_segment(s, b, st) for s, (b, st) in enumerate(zip(bounds, stats, strict=True))
    )
    threshold = options.short_segment_points
    return SpcResult(
        values=cols.values,
        labels=labels,
        segments=segments,
        outside_limits=cols.outside,
        trend=cols.trend,
        two_in_three=cols.two,
        run=cols.run,
        causes=cols.causes,
        variations=cols.variations,
        polarity=polarity,
        target=target,
        options=options,
        variation_icon=_variation_icon(cols.variations[-1], polarity),
        assurance=_assurance(target, polarity, segments[-1]),
        warnings=tuple(
            _short_segment_warning(seg, threshold) for seg in segments if seg.n_points < threshold
        ),
    )


@overload
def xmr(
    values: Sequence[float],
    *,
    labels: None = None,
    polarity: Polarity = ...,
    target: float | None = ...,
    options: SpcOptions = ...,
) -> SpcResult[int]: ...


@overload
def xmr(
    values: Sequence[float],
    *,
    labels: Sequence[LabelT],
    polarity: Polarity = ...,
    target: float | None = ...,
    options: SpcOptions = ...,
) -> SpcResult[LabelT]: ...


def xmr(
    values: Sequence[float],
    *,
    labels: Sequence[LabelT] | None = None,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
    target: float | None = None,
    options: SpcOptions = _DEFAULT_OPTIONS,
) -> SpcResult[LabelT] | SpcResult[int]:
    """Compute a Making Data Count XmR chart for one ordered series.

    Args:
        values: the values, in time order, with no gaps (at least 2, all finite).
        labels: one opaque label per value (periods, dates); they are carried to the points
            and used to find ``options.rebase_at``. Defaults to the positions 0, 1, 2 …
        polarity: which direction is better; orients variation and assurance.
        target: the target, for the assurance icon.
        options: screening, fixing, rebasing and the special-cause rules.

    Returns:
        The chart: points with their limits, rule flags and variation; segments; the variation
        and assurance icons; warnings (a segment shorter than ``options.short_segment_points``).

    Raises:
        InvalidValueError: a value that is not a finite number, fewer than 2 values, labels
            that do not match the values, a rebase position or label not in the series, or a
            segment of fewer than 2 points.

    Examples:
        >>> r = xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1], target=5)
        >>> seg = r.segments[0]
        >>> round(seg.mean, 2), round(seg.lpl, 2), round(seg.upl, 2)
        (1.94, -0.72, 4.6)
        >>> r.points[4].special_cause, r.points[4].variation
        (<SpecialCause.OUTSIDE_LIMITS: 'outside_limits'>, <Variation.IMPROVEMENT: 'special_cause_improvement'>)
        >>> r.variation_icon, r.assurance
        (<VariationIcon.COMMON_CAUSE: 'common_cause'>, <Assurance.CONSISTENTLY_FAIL: 'consistent_fail'>)

        Without screening, as in the MDC Excel tool, the jump to 10 widens the limits:

        >>> r = xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1],
        ...         options=SpcOptions(screen_outliers=False))
        >>> round(r.segments[0].lpl, 2), round(r.segments[0].upl, 2)
        (-3.06, 6.95)
    """  # noqa: E501
    ys = _check_values(values, field="values")
    pol = _check_polarity(polarity)
    tgt = _check_target(target)
    if labels is None:
        return _one(ys, range(len(ys)), pol, tgt, options, labelled=False)
    _check_labels(labels, len(ys))
    return _one(ys, labels, pol, tgt, options, labelled=True)


def _one(
    values: list[float],
    labels: Sequence[LabelT],
    polarity: Polarity,
    target: float | None,
    options: SpcOptions,
    *,
    labelled: bool,
) -> SpcResult[LabelT]:
    bounds = _segment_bounds(len(values), options.rebase_at, labels if labelled else None)
    stats, flags = _python_series(values, bounds, options)
    codes = _codes(values, bounds, flags, outside_rule=options.outside_limits)
    cols = _Columns(
        values=tuple(values),
        outside=tuple(flags.outside) if options.outside_limits else (False,) * len(values),
        trend=tuple(flags.trend),
        two=tuple(flags.two),
        run=tuple(flags.run),
        causes=tuple(map(_CAUSE_OF_CODE.__getitem__, codes)),
        variations=tuple(map(_VARIATION_OF_CODE[polarity].__getitem__, codes)),
    )
    return _assemble(
        tuple(labels), bounds, stats, cols, polarity=polarity, target=target, options=options
    )
