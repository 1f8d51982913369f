"""One series: :func:`xmr`, and the assembly of a result both paths share."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple, TypeVar, overload

from nhsplan.model.enums import Polarity
from nhsplan.spc._validate import (
    _check_labels,
    _check_polarity,
    _check_target,
    _check_values,
    _order,
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


def _notes(
    segments: tuple[SpcSegment, ...],
    values: Sequence[float],
    labels: Sequence[object],
    threshold: int,
    context: _Context,
) -> tuple[SpcWarning, ...]:
    """The warnings of a chart: short segments, missing values and periods, lost rebases."""
    out = [_short_segment_warning(seg, threshold) for seg in segments if seg.n_points < threshold]
    out += [
        SpcWarning(
            code="no_limits",
            segment=seg.index,
            message=(
                f"segment {seg.index} (positions {seg.start} to {seg.stop - 1}) has no process "
                "limits: "
                + (
                    "every moving range is 0, and screening leaves none"
                    if math.isnan(seg.mean_moving_range) and seg.n_points > 1
                    else "it has no moving range"
                )
            ),
        )
        for seg in segments
        if math.isnan(seg.lpl) and not math.isnan(seg.mean)
    ]
    gaps = [str(labels[i]) for i, v in enumerate(values) if math.isnan(v)]
    if gaps:
        out.append(
            SpcWarning(
                code="missing_values",
                message=f"{len(gaps)} missing value(s), left out of the limits and rules: "
                + ", ".join(gaps[:12])
                + (" ..." if len(gaps) > 12 else ""),
            )
        )
    if context.missing_periods:
        shown = ", ".join(map(str, context.missing_periods[:12]))
        more = " ..." if len(context.missing_periods) > 12 else ""
        out.append(
            SpcWarning(
                code="missing_periods",
                message=f"{len(context.missing_periods)} period(s) have no value and are not "
                f"on the chart: {shown}{more}",
            )
        )
    if context.ignored_rebases:
        out.append(
            SpcWarning(
                code="rebase_outside_data",
                message="rebase entries that name no point of the series were left out: "
                + ", ".join(map(repr, context.ignored_rebases)),
            )
        )
    return tuple(out)


class _Context(NamedTuple):
    """What the series' checks found beside the values: gaps in time, unused rebases."""

    missing_periods: tuple[object, ...] = ()
    ignored_rebases: tuple[object, ...] = ()


def _latest_present(values: Sequence[float]) -> int:
    for i in range(len(values) - 1, -1, -1):
        if not math.isnan(values[i]):
            return i
    return len(values) - 1


def _assemble(
    labels: tuple[LabelT, ...],
    bounds: list[tuple[int, int]],
    stats: list[_Stats],
    cols: _Columns,
    *,
    polarity: Polarity,
    target: float | None,
    options: SpcOptions,
    context: _Context | None = None,
) -> SpcResult[LabelT]:
    segments = tuple(
        _make_segment(s, b, st) for s, (b, st) in enumerate(zip(bounds, stats, strict=True))
    )
    latest = _latest_present(cols.values)
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
        variation_icon=_variation_icon(cols.variations[latest], polarity),
        assurance=_assurance(target, polarity, segments[-1]),
        warnings=_notes(
            segments, cols.values, labels, options.short_segment_points, context or _Context()
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
        values: the values, in time order (at least one present); None or NaN marks a
            missing point, left out of the limits and rules and reported in the warnings.
        labels: one label per value, carried to the points and used to find
            ``options.rebase_at``. Dates and periods (``Month``) are put in time order, as R
            sorts by date, and periods with no value are reported (``missing_periods``); other
            labels are opaque and kept in the order given. Defaults to the positions 0, 1, 2 …
        polarity: which direction is better; orients variation and assurance.
        target: the target, for the assurance icon.
        options: screening, fixing, rebasing and the special-cause rules.

    Returns:
        The chart: points with their limits, rule flags and variation; segments; the variation
        and assurance icons; warnings (a segment shorter than ``options.short_segment_points``).

    Raises:
        InvalidValueError: a value that is not a number (or is infinite), no value present,
            labels that do not match the values, a date or period given twice, or a rebase
            label that appears more than once. A rebase entry that names no point is left
            out and reported (``rebase_outside_data``), as R ignores a date outside the data.

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
    ys, ordered, missing = _order(ys, labels)
    return _one(ys, ordered, pol, tgt, options, labelled=True, missing=missing)


def _one(
    values: list[float],
    labels: Sequence[LabelT],
    polarity: Polarity,
    target: float | None,
    options: SpcOptions,
    *,
    labelled: bool,
    missing: tuple[object, ...] = (),
) -> SpcResult[LabelT]:
    bounds, ignored = _segment_bounds(len(values), options.rebase_at, labels if labelled else None)
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
        tuple(labels),
        bounds,
        stats,
        cols,
        polarity=polarity,
        target=target,
        options=options,
        context=_Context(missing, ignored),
    )
