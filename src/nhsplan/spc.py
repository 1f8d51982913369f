"""Making Data Count: XmR statistical process control, variation and assurance.

This module reproduces the NHS-R Community's R package NHSRplotthedots (v0.2.x), the reference
implementation of NHS England's "Making Data Count" method:

* the centre line is the mean of a segment's values, the process limits are the mean
  ± 2.66 times the mean moving range, and "two sigma" is the mean ± 2 times 2.66 / 3 times
  the mean moving range (``R/ptd_spc_standard.R``);
* moving ranges at or above 3.267 times their mean are screened out and the mean moving range is
  recomputed, unless ``screen_outliers`` is off (the MDC Excel tool does not screen);
* a point is special cause when it is outside the limits, part of a run of 7 on one side of the
  mean (a point exactly on the mean breaks a run), part of a trend of 7 each strictly above
  (or below) the one before (a tie breaks a trend), or one of two-in-three points beyond two
  sigma on the same side; the rule that names a point is chosen in that order of precedence:
  limits, trend, two-in-three, run (``R/ptd_calculate_point_type.R``);
* assurance compares the target with the latest segment's limits, strictly
  (``R/ptd_calculate_assurance_type.R``).

Everything is pure: no I/O, no clock, no module-level mutable state. One series is computed in
plain Python; :func:`xmr_many` uses numpy, when installed, for many series at once and returns
exactly what :func:`xmr` returns for each.

>>> result = xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1])
>>> tuple(p.index for p in result.points if p.special_cause)
(4,)
"""

from __future__ import annotations

import enum
import functools
import math
import numbers
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeAlias, TypeVar, overload

import attrs

from nhsplan._enums import Assurance, Polarity, VariationIcon
from nhsplan.errors import InvalidValueError
from nhsplan.model import SpcSummary

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure
    from numpy.typing import NDArray

__all__ = [
    "LIMIT",
    "OUTLIER_SCREEN",
    "TWO_SIGMA",
    "Assurance",
    "Polarity",
    "SpcOptions",
    "SpcPoint",
    "SpcResult",
    "SpcSegment",
    "SpcWarning",
    "SpecialCause",
    "TwoInThree",
    "Variation",
    "VariationIcon",
    "plot_spc",
    "summarise",
    "xmr",
    "xmr_many",
]

LIMIT = 2.66
"""Process limits are the mean ± ``LIMIT`` times the mean moving range (3 sigma)."""
TWO_SIGMA = 2 * (LIMIT / 3)
"""Two sigma is the mean ± ``TWO_SIGMA`` times the mean moving range (R's ``limitclose``)."""
OUTLIER_SCREEN = 3.267
"""Moving ranges at or above ``OUTLIER_SCREEN`` times their mean are screened out."""

LabelT = TypeVar("LabelT")
_Validator: TypeAlias = Callable[[object, "attrs.Attribute[Any]", object], None]
_EXAMPLE = "xmr([12.0, 15.0, 11.0, 14.0])"


class TwoInThree(enum.Enum):
    """Which reading of the "two of three points beyond two sigma" rule to apply."""

    PLOTTHEDOTS = "plotthedots"
    """NHSRplotthedots: only points between two sigma and the process limit count."""
    MDC_2023 = "mdc_2023"
    """Making Data Count, November 2023: every point beyond two sigma counts, limits included."""
    OFF = "off"
    """Do not apply the rule."""


class SpecialCause(enum.Enum):
    """The rule that makes a point special cause, as chosen by precedence."""

    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_IN_THREE = "two_in_three"
    RUN = "run"


class Variation(enum.Enum):
    """A point's variation, oriented by the metric's polarity (R's ``point_type``)."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEITHER_HIGH = "special_cause_neutral_high"
    """Special cause, high side, for a metric with neutral polarity."""
    NEITHER_LOW = "special_cause_neutral_low"
    """Special cause, low side, for a metric with neutral polarity."""


def _positive_int_or_none(minimum: int) -> _Validator:
    def check(_instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise InvalidValueError(
                f"must be a whole number of at least {minimum} or None, not {value!r}",
                field=attribute.name,
                example=f"SpcOptions({attribute.name}={max(minimum, 7)})",
            )

    return check


def _check_bool(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidValueError(
            f"must be True or False, not {value!r}",
            field=attribute.name,
            example=f"SpcOptions({attribute.name}=False)",
        )


def _check_non_negative(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(
            f"must be a whole number of at least 0, not {value!r}",
            field=attribute.name,
            example=f"SpcOptions({attribute.name}=13)",
        )


def _check_two_in_three(
    _instance: object, attribute: attrs.Attribute[TwoInThree], value: object
) -> None:
    if not isinstance(value, TwoInThree):
        raise InvalidValueError(
            f"must be a TwoInThree member, not {value!r}",
            field=attribute.name,
            example="SpcOptions(two_in_three=TwoInThree.MDC_2023)",
        )


def _as_tuple(value: Iterable[object]) -> tuple[object, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"must be a sequence of positions or labels, not {value!r}",
            field="rebase_at",
            example="SpcOptions(rebase_at=(12,))",
        )
    return tuple(value)


@attrs.frozen(kw_only=True)
class SpcOptions:
    """How to compute an XmR chart and which special-cause rules to apply.

    The defaults are NHSRplotthedots'. :meth:`mdc_excel` gives the Making Data Count Excel
    tool's settings (no moving-range screening, the November 2023 two-in-three reading).

    Attributes:
        screen_outliers: leave moving ranges at or above 3.267 times their mean out of the mean
            moving range (NHSRplotthedots' default). The MDC Excel tool does not screen.
        fix_after_n_points: compute each segment's limits from its first *n* points only
            (at least 2; NHSRplotthedots asks for at least 12) and extend them to later points.
        rebase_at: where new segments start, each with its own limits: positions (``int``)
            when :func:`xmr` is called without labels, otherwise labels of the series.
        outside_limits: apply the rule "a point outside the process limits".
        trend_length: points in a trend (each strictly above, or below, the one before);
            at least 2, or None to switch the rule off.
        two_in_three: which reading of "two of three points beyond two sigma, on the same
            side of the mean" to apply, or :attr:`TwoInThree.OFF`.
        run_length: points in a run on one side of the mean; at least 2, or None to switch the
            rule off.
        short_segment_points: warn about segments with fewer points than this. NHSRplotthedots
            0.2.x warns when ``n() < 13`` (``R/ptd_add_short_group_warnings.R``).
    """

    screen_outliers: bool = attrs.field(default=True, validator=_check_bool)
    fix_after_n_points: int | None = attrs.field(default=None, validator=_positive_int_or_none(2))
    rebase_at: tuple[object, ...] = attrs.field(default=(), converter=_as_tuple)
    outside_limits: bool = attrs.field(default=True, validator=_check_bool)
    trend_length: int | None = attrs.field(default=7, validator=_positive_int_or_none(2))
    two_in_three: TwoInThree = attrs.field(
        default=TwoInThree.PLOTTHEDOTS, validator=_check_two_in_three
    )
    run_length: int | None = attrs.field(default=7, validator=_positive_int_or_none(2))
    short_segment_points: int = attrs.field(default=13, validator=_check_non_negative)

    @classmethod
    def mdc_excel(cls, *, rebase_at: Iterable[object] = ()) -> SpcOptions:
        """The Making Data Count Excel tool's settings: no screening, the 2023 two-in-three.

        >>> SpcOptions.mdc_excel().screen_outliers
        False
        """
        return cls(
            screen_outliers=False, two_in_three=TwoInThree.MDC_2023, rebase_at=tuple(rebase_at)
        )


_DEFAULT_OPTIONS = SpcOptions()


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
        mean_moving_range: the mean moving range after any screening.
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
    mean: float
    mean_moving_range: float
    moving_ranges_excluded: int
    lpl: float
    upl: float
    lower_two_sigma: float
    upper_two_sigma: float

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
        value: the value.
        segment: the number of the segment it belongs to.
        mean: its segment's centre line.
        lpl: its segment's lower process limit.
        upl: its segment's upper process limit.
        moving_range: ``abs(value - previous value)`` within the segment; None for a segment's
            first point.
        outside_limits: outside the process limits (and that rule is on).
        trend: part of a trend.
        two_in_three: one of two-in-three points beyond two sigma.
        run: part of a run on one side of the mean.
        special_cause: the rule that makes it special cause, or None for common cause.
        variation: its variation, oriented by polarity.
    """

    index: int
    label: LabelT
    value: float
    segment: int
    mean: float
    lpl: float
    upl: float
    moving_range: float | None
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

    values: tuple[float, ...]
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
                moving_range=abs(ys[i] - ys[i - 1]) if i > seg.start else None,
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


# --- validation -----------------------------------------------------------------------------


def _check_values(values: Iterable[object], *, field: str) -> list[float]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError(
            f"must be a sequence of numbers, not {values!r}", field=field, example=_EXAMPLE
        )
    out: list[float] = []
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise InvalidValueError(
                f"value {i} is {v!r}, not a number", field=f"{field}[{i}]", example=_EXAMPLE
            )
        f = float(v)
        if not math.isfinite(f):
            raise InvalidValueError(
                f"value {i} is {f!r}; every value must be a finite number (fill or drop gaps "
                "before charting)",
                field=f"{field}[{i}]",
                example=_EXAMPLE,
            )
        out.append(f)
    if len(out) < 2:
        raise InvalidValueError(
            f"an XmR chart needs at least 2 values, got {len(out)}", field=field, example=_EXAMPLE
        )
    return out


def _check_target(target: object, *, field: str = "target") -> float | None:
    if target is None:
        return None
    if isinstance(target, bool) or not isinstance(target, numbers.Real):
        raise InvalidValueError(
            f"must be a number or None, not {target!r}", field=field, example="target=92.0"
        )
    f = float(target)
    if not math.isfinite(f):
        raise InvalidValueError(
            f"must be a finite number, not {f!r}", field=field, example="target=92.0"
        )
    return f


def _check_polarity(polarity: object, *, field: str = "polarity") -> Polarity:
    if not isinstance(polarity, Polarity):
        raise InvalidValueError(
            f"must be a Polarity member, not {polarity!r}",
            field=field,
            example="polarity=Polarity.LOWER_IS_BETTER",
        )
    return polarity


def _check_labels(labels: Sequence[object], n: int) -> None:
    if isinstance(labels, str | bytes) or not isinstance(labels, Sequence):
        raise InvalidValueError(
            f"must be a sequence with one label per value, not {labels!r}",
            field="labels",
            example="labels=['2021-04', '2021-05', '2021-06']",
        )
    if len(labels) != n:
        raise InvalidValueError(
            f"there are {len(labels)} labels for {n} values; give one label per value",
            field="labels",
            example="xmr([1.0, 2.0, 3.0], labels=['2021-04', '2021-05', '2021-06'])",
        )


def _rebase_position(entry: object, n: int, labels: Sequence[object] | None) -> int:
    if labels is not None:
        found = [i for i, label in enumerate(labels) if label == entry]
        if len(found) != 1:
            why = "is not among the labels" if not found else "appears more than once in labels"
            raise InvalidValueError(
                f"rebase label {entry!r} {why}",
                field="options.rebase_at",
                example="SpcOptions(rebase_at=('2021-10',)) with '2021-10' in labels",
            )
        return found[0]
    if isinstance(entry, bool) or not isinstance(entry, int) or not 0 <= entry < n:
        raise InvalidValueError(
            f"rebase position {entry!r} is not a position in a series of {n} values "
            "(without labels, rebase_at holds positions from 0)",
            field="options.rebase_at",
            example="SpcOptions(rebase_at=(12,))",
        )
    return entry


def _segment_bounds(
    n: int, rebase_at: tuple[object, ...], labels: Sequence[object] | None
) -> list[tuple[int, int]]:
    """Segments as ``(start, stop)`` pairs; a rebase at position 0 changes nothing, as in R."""
    starts = sorted({_rebase_position(entry, n, labels) for entry in rebase_at} - {0})
    edges = [0, *starts, n]
    bounds = list(pairwise(edges))
    for start, stop in bounds:
        if stop - start < 2:
            raise InvalidValueError(
                f"the segment starting at position {start} has {stop - start} point; every "
                "segment needs at least 2 points for a moving range",
                field="options.rebase_at",
                example="SpcOptions(rebase_at=(12,)) for a series of 24 values",
            )
    return bounds


# --- the pure-Python core -------------------------------------------------------------------


def _mean(xs: Sequence[float]) -> float:
    """R's ``mean()``: a running sum, then one correction pass (R keeps both in long double).

    The correction makes the mean of a constant series exactly that constant.
    """
    n = len(xs)
    total = 0.0
    for x in xs:
        total += x
    m = total / n
    if not math.isfinite(m):
        return m
    resid = 0.0
    for x in xs:
        resid += x - m
    return m + resid / n


class _Stats(NamedTuple):
    mean: float
    amr: float
    excluded: int
    n_basis: int


def _segment_stats(ys: Sequence[float], *, fix: int | None, screen: bool) -> _Stats:
    basis = ys if fix is None else ys[:fix]
    mean = _mean(basis)
    mrs = [abs(b - a) for a, b in pairwise(basis)]
    amr = _mean(mrs)
    excluded = 0
    # R screens with `mr < 3.267 * amr`; when every moving range is 0 that leaves none and R's
    # limits become NaN. Here a constant basis keeps a mean moving range of 0 instead.
    if screen and amr > 0:
        cut = OUTLIER_SCREEN * amr
        kept = [m for m in mrs if m < cut]
        excluded = len(mrs) - len(kept)
        amr = _mean(kept)
    return _Stats(mean, amr, excluded, len(basis))


class _Flags(NamedTuple):
    """Per-point facts for one series: geometry (outside, side of the mean) and rule flags."""

    outside: list[bool]
    side: list[int]
    run: list[bool]
    trend: list[bool]
    two: list[bool]


def _blocks(keys: Sequence[int], min_len: int) -> list[tuple[int, int]]:
    """Maximal ``[start, stop)`` blocks of equal non-zero keys at least ``min_len`` long.

    The union of R's sliding windows (``ptd_seven_point_one_side_mean`` then
    ``ptd_part_of_seven_trend``): every point of a long enough block is flagged, and a zero
    (a point on the mean, a tie between neighbours) ends a block.
    """
    out: list[tuple[int, int]] = []
    start = 0
    n = len(keys)
    for i in range(1, n + 1):
        if i == n or keys[i] != keys[start]:
            if keys[start] != 0 and i - start >= min_len:
                out.append((start, i))
            start = i
    return out


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _segment_rules(
    ys: Sequence[float], stats: _Stats, options: SpcOptions
) -> tuple[list[bool], list[int], list[bool], list[bool], list[bool]]:
    k = len(ys)
    mean, amr = stats.mean, stats.amr
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    nlpl, nupl = mean - TWO_SIGMA * amr, mean + TWO_SIGMA * amr
    outside = [y > upl or y < lpl for y in ys]
    side = [_sign(y - mean) for y in ys]

    run = [False] * k
    if options.run_length is not None:
        for a, b in _blocks(side, options.run_length):
            run[a:b] = [True] * (b - a)

    trend = [False] * k
    if options.trend_length is not None:
        steps = [_sign(b - a) for a, b in pairwise(ys)]
        for a, b in _blocks(steps, options.trend_length - 1):
            trend[a : b + 1] = [True] * (b + 1 - a)

    two = [False] * k
    if options.two_in_three is not TwoInThree.OFF:
        beyond = [y < nlpl or y > nupl for y in ys]
        if options.two_in_three is TwoInThree.PLOTTHEDOTS:
            hits = [b and not o for b, o in zip(beyond, outside, strict=True)]
        else:
            hits = beyond
        for j in range(k - 2):
            s = side[j]
            same_side = s != 0 and side[j + 1] == s and side[j + 2] == s
            if same_side and hits[j] + hits[j + 1] + hits[j + 2] >= 2:
                for m in (j, j + 1, j + 2):
                    two[m] = two[m] or hits[m]
    return outside, side, run, trend, two


def _python_series(
    values: list[float], bounds: list[tuple[int, int]], options: SpcOptions
) -> tuple[list[_Stats], _Flags]:
    all_stats: list[_Stats] = []
    flags = _Flags([], [], [], [], [])
    for start, stop in bounds:
        ys = values[start:stop]
        stats = _segment_stats(ys, fix=options.fix_after_n_points, screen=options.screen_outliers)
        all_stats.append(stats)
        outside, side, run, trend, two = _segment_rules(ys, stats, options)
        flags.outside.extend(outside)
        flags.side.extend(side)
        flags.run.extend(run)
        flags.trend.extend(trend)
        flags.two.extend(two)
    return all_stats, flags


_ICONS = {
    (Variation.IMPROVEMENT, Polarity.HIGHER_IS_BETTER): VariationIcon.IMPROVEMENT_HIGH,
    (Variation.IMPROVEMENT, Polarity.LOWER_IS_BETTER): VariationIcon.IMPROVEMENT_LOW,
    (Variation.CONCERN, Polarity.HIGHER_IS_BETTER): VariationIcon.CONCERN_LOW,
    (Variation.CONCERN, Polarity.LOWER_IS_BETTER): VariationIcon.CONCERN_HIGH,
}
_NEUTRAL_ICONS = {
    Variation.COMMON_CAUSE: VariationIcon.COMMON_CAUSE,
    Variation.NEITHER_HIGH: VariationIcon.NEITHER_HIGH,
    Variation.NEITHER_LOW: VariationIcon.NEITHER_LOW,
}


def _variation_icon(variation: Variation, polarity: Polarity) -> VariationIcon:
    """As ``R/geom_ptd_icon.R``: the latest point's type, made high/low by polarity."""
    return _NEUTRAL_ICONS.get(variation) or _ICONS[variation, polarity]


def _assurance(target: float | None, polarity: Polarity, last: SpcSegment) -> Assurance | None:
    """As ``R/ptd_calculate_assurance_type.R``: strict comparisons, equality is hit and miss."""
    if target is None or polarity is Polarity.NEUTRAL:
        return None
    higher = polarity is Polarity.HIGHER_IS_BETTER
    if target > last.upl:
        return Assurance.CONSISTENTLY_FAIL if higher else Assurance.CONSISTENTLY_PASS
    if target < last.lpl:
        return Assurance.CONSISTENTLY_PASS if higher else Assurance.CONSISTENTLY_FAIL
    return Assurance.HIT_AND_MISS


# A point's class is a small code, ``2 * rule + high``: rule 0 is common cause, then 1 outside
# the limits, 2 trend, 3 two-in-three, 4 run (R's precedence); ``high`` says whether the point
# counts as above the mean / increasing. Both paths compute codes; tables turn them into enums.
_CAUSE_OF_CODE: tuple[SpecialCause | None, ...] = tuple(
    cause
    for cause in (
        None,
        SpecialCause.OUTSIDE_LIMITS,
        SpecialCause.TREND,
        SpecialCause.TWO_IN_THREE,
        SpecialCause.RUN,
    )
    for _high in (False, True)
)


def _variation_of_code(polarity: Polarity) -> tuple[Variation, ...]:
    if polarity is Polarity.NEUTRAL:
        low, high = Variation.NEITHER_LOW, Variation.NEITHER_HIGH
    elif polarity is Polarity.HIGHER_IS_BETTER:
        low, high = Variation.CONCERN, Variation.IMPROVEMENT
    else:
        low, high = Variation.IMPROVEMENT, Variation.CONCERN
    return (Variation.COMMON_CAUSE, Variation.COMMON_CAUSE) + (low, high) * 4


_VARIATION_OF_CODE = {polarity: _variation_of_code(polarity) for polarity in Polarity}


def _codes(
    values: list[float], bounds: list[tuple[int, int]], flags: _Flags, *, outside_rule: bool
) -> list[int]:
    """R's ``ptd_special_cause_type``: the deciding rule and side of every point."""
    codes: list[int] = []
    outside, side, trend, two, run = flags.outside, flags.side, flags.trend, flags.two, flags.run
    for start, stop in bounds:
        for i in range(start, stop):
            if outside_rule and outside[i]:
                codes.append(2 + (side[i] == 1))
            elif trend[i]:
                # R: when the next point is also part of a trend, take the step to it, else
                # the step from the previous point; only a rising step (sign 1) is increasing.
                # So a peak shared by a rising and a falling trend counts as falling, and (an
                # R quirk kept for fidelity) so does the last point of a trend followed by a
                # tie or a dip that starts another trend.
                if i + 1 < stop and trend[i + 1]:
                    step = _sign(values[i + 1] - values[i])
                else:
                    step = _sign(values[i] - values[i - 1]) if i > start else 0
                codes.append(4 + (step == 1))
            elif two[i]:
                codes.append(6 + (side[i] > 0))
            elif run[i]:
                codes.append(8 + (side[i] > 0))
            else:
                codes.append(0)
    return codes


def _make_segment(index: int, bounds: tuple[int, int], stats: _Stats) -> SpcSegment:
    mean, amr = stats.mean, stats.amr
    return SpcSegment(
        index=index,
        start=bounds[0],
        stop=bounds[1],
        n_basis=stats.n_basis,
        mean=mean,
        mean_moving_range=amr,
        moving_ranges_excluded=stats.excluded,
        lpl=mean - LIMIT * amr,
        upl=mean + LIMIT * amr,
        lower_two_sigma=mean - TWO_SIGMA * amr,
        upper_two_sigma=mean + TWO_SIGMA * amr,
    )


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


# --- many series at once --------------------------------------------------------------------


def _broadcast_polarity(polarity: Polarity | Sequence[Polarity], count: int) -> list[Polarity]:
    if isinstance(polarity, Polarity):
        return [polarity] * count
    pols = list(polarity)
    if len(pols) != count:
        raise InvalidValueError(
            f"there are {len(pols)} polarities for {count} series",
            field="polarity",
            example="polarity=Polarity.HIGHER_IS_BETTER, or one Polarity per series",
        )
    return [_check_polarity(p, field=f"polarity[{i}]") for i, p in enumerate(pols)]


def _broadcast_target(
    target: float | Sequence[float | None] | None, count: int
) -> list[float | None]:
    if not isinstance(target, Iterable):
        return [_check_target(target)] * count
    targets = list(target)
    if len(targets) != count:
        raise InvalidValueError(
            f"there are {len(targets)} targets for {count} series",
            field="target",
            example="target=92.0, or one target (or None) per series",
        )
    return [_check_target(t, field=f"target[{i}]") for i, t in enumerate(targets)]


def _np_mean(a: NDArray[np.float64], keep: NDArray[np.bool_] | None = None) -> NDArray[np.float64]:
    """Row means with exactly the operations of :func:`_mean` (column by column, in order).

    Skipped entries add 0.0, which leaves a non-negative running sum, and a correction sum
    that starts at +0.0, unchanged: the results equal :func:`_mean` bit for bit.
    """
    import numpy as np  # noqa: PLC0415

    rows, cols = a.shape
    count = np.full(rows, float(cols)) if keep is None else keep.sum(axis=1).astype(np.float64)
    total = np.zeros(rows)
    for j in range(cols):
        total += a[:, j] if keep is None else np.where(keep[:, j], a[:, j], 0.0)
    m = total / count
    resid = np.zeros(rows)
    for j in range(cols):
        resid += a[:, j] - m if keep is None else np.where(keep[:, j], a[:, j] - m, 0.0)
    with np.errstate(invalid="ignore"):
        corrected = m + resid / count
    out: NDArray[np.float64] = np.where(np.isfinite(m), corrected, m)
    return out


def _np_cover(det: NDArray[np.bool_], width: int) -> NDArray[np.bool_]:
    """Points covered by qualifying windows: ``det[:, j]`` covers points ``j .. j+width-1``."""
    import numpy as np  # noqa: PLC0415
    from numpy.lib.stride_tricks import sliding_window_view  # noqa: PLC0415

    rows, m = det.shape
    padded = np.zeros((rows, m + 2 * (width - 1)), dtype=bool)
    padded[:, width - 1 : width - 1 + m] = det
    out: NDArray[np.bool_] = np.asarray(sliding_window_view(padded, width, axis=1).any(axis=2))
    return out


def _np_same_sign_windows(keys: NDArray[np.int8], width: int) -> NDArray[np.bool_]:
    """``[:, j]``: ``keys[:, j .. j+width-1]`` are equal and non-zero."""
    from numpy.lib.stride_tricks import sliding_window_view  # noqa: PLC0415

    w = sliding_window_view(keys, width, axis=1)
    out: NDArray[np.bool_] = (w == w[:, :, :1]).all(axis=2) & (w[:, :, 0] != 0)
    return out


class _NpSegment(NamedTuple):
    mean: NDArray[np.float64]
    amr: NDArray[np.float64]
    excluded: NDArray[np.int64]
    outside: NDArray[np.bool_]
    side: NDArray[np.int8]
    run: NDArray[np.bool_]
    trend: NDArray[np.bool_]
    two: NDArray[np.bool_]
    code: NDArray[np.int8]


def _np_segment(ys: NDArray[np.float64], options: SpcOptions) -> _NpSegment:
    """:func:`_segment_stats` and :func:`_segment_rules` for every row of a matrix at once."""
    import numpy as np  # noqa: PLC0415
    from numpy.lib.stride_tricks import sliding_window_view  # noqa: PLC0415

    rows, k = ys.shape
    fix = options.fix_after_n_points
    basis = ys if fix is None else ys[:, :fix]
    mean = _np_mean(basis)
    mrs = np.abs(basis[:, 1:] - basis[:, :-1])
    amr = _np_mean(mrs)
    excluded = np.zeros(rows, dtype=np.int64)
    if options.screen_outliers:
        keep = (mrs < (OUTLIER_SCREEN * amr)[:, None]) | ~(amr > 0)[:, None]
        amr = _np_mean(mrs, keep)
        excluded = (~keep).sum(axis=1)
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    outside = (ys > upl[:, None]) | (ys < lpl[:, None])
    side = np.sign(ys - mean[:, None]).astype(np.int8)

    run = np.zeros((rows, k), dtype=bool)
    n = options.run_length
    if n is not None and k >= n:
        run = _np_cover(_np_same_sign_windows(side, n), n)
    trend = np.zeros((rows, k), dtype=bool)
    n = options.trend_length
    if n is not None and k >= n:
        steps = np.sign(ys[:, 1:] - ys[:, :-1]).astype(np.int8)
        trend = _np_cover(_np_same_sign_windows(steps, n - 1), n)
    two = np.zeros((rows, k), dtype=bool)
    if options.two_in_three is not TwoInThree.OFF and k >= 3:
        nlpl, nupl = mean - TWO_SIGMA * amr, mean + TWO_SIGMA * amr
        beyond = (ys < nlpl[:, None]) | (ys > nupl[:, None])
        hits = beyond & ~outside if options.two_in_three is TwoInThree.PLOTTHEDOTS else beyond
        enough = sliding_window_view(hits, 3, axis=1).sum(axis=2) >= 2
        two = _np_cover(_np_same_sign_windows(side, 3) & enough, 3) & hits

    # _codes, column-wise
    steps = np.sign(ys[:, 1:] - ys[:, :-1]).astype(np.int8)
    zeros = np.zeros((rows, 1), dtype=np.int8)
    right, left = np.hstack([steps, zeros]), np.hstack([zeros, steps])
    next_in_trend = np.hstack([trend[:, 1:], zeros.astype(bool)])
    rising = np.where(trend & next_in_trend, right, left) == 1
    above = side > 0
    code = np.select(
        [outside & options.outside_limits, trend, two, run],
        [2 + (side == 1), 4 + rising, 6 + above, 8 + above],
        0,
    ).astype(np.int8)
    return _NpSegment(mean, amr, excluded, outside, side, run, trend, two, code)


_POLARITIES = tuple(Polarity)


def _numpy_group(
    y: NDArray[np.float64],
    bounds: list[tuple[int, int]],
    pols: list[Polarity],
    options: SpcOptions,
) -> list[tuple[list[_Stats], _Columns]]:
    """Per-row stats and columns for a matrix of equal-length series, as plain Python values."""
    import numpy as np  # noqa: PLC0415

    segs = [_np_segment(y[:, start:stop], options) for start, stop in bounds]
    fix = options.fix_after_n_points
    n_basis = [stop - start if fix is None else min(fix, stop - start) for start, stop in bounds]
    means = np.stack([s.mean for s in segs], axis=1).tolist()
    amrs = np.stack([s.amr for s in segs], axis=1).tolist()
    excluded = np.stack([s.excluded for s in segs], axis=1).tolist()
    outside, run, trend, two, code = (
        np.concatenate([getattr(s, name) for s in segs], axis=1)
        for name in ("outside", "run", "trend", "two", "code")
    )
    outside &= options.outside_limits
    cause_table = np.empty(len(_CAUSE_OF_CODE), dtype=object)
    cause_table[:] = _CAUSE_OF_CODE
    variation_table = np.empty((len(_POLARITIES), len(_CAUSE_OF_CODE)), dtype=object)
    variation_table[:] = [_VARIATION_OF_CODE[p] for p in _POLARITIES]
    which = np.array([_POLARITIES.index(p) for p in pols])[:, None]
    columns = zip(
        y.tolist(),
        outside.tolist(),
        trend.tolist(),
        two.tolist(),
        run.tolist(),
        cause_table[code].tolist(),
        variation_table[which, code].tolist(),
        strict=True,
    )
    return [
        (
            [_Stats(*st) for st in zip(means[r], amrs[r], excluded[r], n_basis, strict=True)],
            _Columns(*map(tuple, row)),
        )
        for r, row in enumerate(columns)
    ]


def _has_numpy() -> bool:
    try:
        import numpy  # noqa: F401, PLC0415, ICN001
    except ImportError:
        return False
    return True


def _rows(series: Sequence[Sequence[float]] | NDArray[np.floating]) -> list[list[float]]:
    """Validated rows; a float numpy matrix is checked in one pass rather than value by value."""
    if type(series).__module__ == "numpy" and getattr(series, "ndim", 0) == 2:
        import numpy as np  # noqa: PLC0415

        arr = np.asarray(series)
        if arr.dtype.kind in "fiu" and arr.shape[1] >= 2 and np.isfinite(arr).all():
            out: list[list[float]] = arr.astype(np.float64).tolist()
            return out
    if isinstance(series, str | bytes) or not isinstance(series, Iterable):
        raise InvalidValueError(
            f"must be a sequence of series, not {series!r}",
            field="series",
            example="xmr_many([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])",
        )
    return [_check_values(s, field=f"series[{i}]") for i, s in enumerate(series)]


@overload
def xmr_many(
    series: Sequence[Sequence[float]] | NDArray[np.floating],
    *,
    labels: None = None,
    polarity: Polarity | Sequence[Polarity] = ...,
    target: float | Sequence[float | None] | None = ...,
    options: SpcOptions = ...,
) -> tuple[SpcResult[int], ...]: ...


@overload
def xmr_many(
    series: Sequence[Sequence[float]] | NDArray[np.floating],
    *,
    labels: Sequence[LabelT],
    polarity: Polarity | Sequence[Polarity] = ...,
    target: float | Sequence[float | None] | None = ...,
    options: SpcOptions = ...,
) -> tuple[SpcResult[LabelT], ...]: ...


def xmr_many(
    series: Sequence[Sequence[float]] | NDArray[np.floating],
    *,
    labels: Sequence[LabelT] | None = None,
    polarity: Polarity | Sequence[Polarity] = Polarity.HIGHER_IS_BETTER,
    target: float | Sequence[float | None] | None = None,
    options: SpcOptions = _DEFAULT_OPTIONS,
) -> tuple[SpcResult[LabelT], ...] | tuple[SpcResult[int], ...]:
    """Compute XmR charts for many series at once; each equals :func:`xmr` on that series.

    With numpy installed, series of equal length are computed together as a matrix (the
    limits with the same floating-point operations, in the same order, as :func:`xmr`, so the
    results are identical); without it, this is a loop over :func:`xmr`.

    Args:
        series: the series (a sequence of sequences, or a 2-D numpy array, one row a series);
            they may differ in length unless ``labels`` is given.
        labels: labels shared by every series (each must then have one value per label).
        polarity: one polarity for all, or one per series.
        target: one target (or None) for all, or one per series.
        options: as for :func:`xmr`, applied to every series.

    Returns:
        One :class:`SpcResult` per series, in order.

    Raises:
        InvalidValueError: as :func:`xmr`, naming the series (``series[3][7]``).

    >>> a, b = xmr_many([[1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1], [3, 4, 3]])
    >>> a == xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1])
    True
    >>> print(*b.warnings)
    segment 0 (positions 0 to 2) has 3 points, fewer than 13: its limits are trial limits ...
    """
    rows = _rows(series)
    pols = _broadcast_polarity(polarity, len(rows))
    targets = _broadcast_target(target, len(rows))
    if labels is None:
        return _many(rows, range, pols, targets, options, labelled=False)
    _check_labels(labels, len(labels))
    shared = labels
    for i, row in enumerate(rows):
        if len(row) != len(shared):
            raise InvalidValueError(
                f"series {i} has {len(row)} values for {len(shared)} shared labels",
                field=f"series[{i}]",
                example="xmr_many(rows, labels=periods) with every row as long as periods",
            )
    return _many(rows, lambda _n: shared, pols, targets, options, labelled=True)


def _many(
    rows: list[list[float]],
    labels_for: Callable[[int], Sequence[LabelT]],
    pols: list[Polarity],
    targets: list[float | None],
    options: SpcOptions,
    *,
    labelled: bool,
) -> tuple[SpcResult[LabelT], ...]:
    if not _has_numpy():
        return tuple(
            _one(r, labels_for(len(r)), p, t, options, labelled=labelled)
            for r, p, t in zip(rows, pols, targets, strict=True)
        )
    import numpy as np  # noqa: PLC0415

    by_length: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        by_length.setdefault(len(row), []).append(i)
    results: dict[int, SpcResult[LabelT]] = {}
    for n, members in by_length.items():
        labels = labels_for(n)
        bounds = _segment_bounds(n, options.rebase_at, labels if labelled else None)
        matrix = np.array([rows[i] for i in members], dtype=np.float64)
        shared = tuple(labels)
        computed = _numpy_group(matrix, bounds, [pols[i] for i in members], options)
        for i, (stats, cols) in zip(members, computed, strict=True):
            results[i] = _assemble(
                shared, bounds, stats, cols, polarity=pols[i], target=targets[i], options=options
            )
    return tuple(results[i] for i in range(len(rows)))


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


# --- the chart ------------------------------------------------------------------------------

_COLOURS = {
    Variation.COMMON_CAUSE: "#a6a6a6",
    Variation.IMPROVEMENT: "#289de0",
    Variation.CONCERN: "#fab428",
    Variation.NEITHER_HIGH: "#361475",
    Variation.NEITHER_LOW: "#361475",
}
_ICON_TEXT = {
    VariationIcon.COMMON_CAUSE: ("common cause variation", "#a6a6a6"),
    VariationIcon.IMPROVEMENT_HIGH: ("special cause improvement (high)", "#289de0"),
    VariationIcon.IMPROVEMENT_LOW: ("special cause improvement (low)", "#289de0"),
    VariationIcon.CONCERN_HIGH: ("special cause concern (high)", "#fab428"),
    VariationIcon.CONCERN_LOW: ("special cause concern (low)", "#fab428"),
    VariationIcon.NEITHER_HIGH: ("special cause, neither (high)", "#361475"),
    VariationIcon.NEITHER_LOW: ("special cause, neither (low)", "#361475"),
}
_ASSURANCE_TEXT = {
    Assurance.CONSISTENTLY_PASS: ("consistently passing the target", "#289de0"),
    Assurance.CONSISTENTLY_FAIL: ("consistently failing the target", "#fab428"),
    Assurance.HIT_AND_MISS: ("hit and miss the target", "#a6a6a6"),
}


def summarise(result: SpcResult[Any]) -> SpcSummary | None:
    """The reading an :class:`~nhsplan.model.Assessment` carries, or None for a short series.

    None when the latest segment is too short to trust its limits (the chart's own
    ``short_segment`` warning): a reading from trial limits would mislead a board.

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


def plot_spc(
    result: SpcResult[LabelT], *, title: str | None = None, target: float | None = None
) -> Figure:
    """Draw an XmR chart in the Making Data Count style.

    The data line with its points (special-cause improvement blue, concern orange, neither
    purple, common cause grey), each segment's centre line and dashed process limits, the
    target (this argument, else the result's) and the variation and assurance icons as text
    badges. Uses :class:`matplotlib.figure.Figure` directly: no pyplot, no global state.

    Args:
        result: the chart to draw, from :func:`xmr`.
        title: a title for the chart.
        target: a target line to draw; defaults to ``result.target``.

    Returns:
        A new matplotlib figure.

    Raises:
        ImportError: matplotlib is not installed (``pip install "nhsplan[plot]"``).
    """
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415
    except ImportError as exc:
        msg = 'plot_spc needs matplotlib; install it with: pip install "nhsplan[plot]"'
        raise ImportError(msg) from exc

    fig = Figure(figsize=(10, 5), layout="constrained")
    ax = fig.add_subplot()
    xs = [p.index for p in result.points]
    ys = [p.value for p in result.points]
    ax.plot(xs, ys, color="#7b7d7d", linewidth=1.5, zorder=2)
    colours = [_COLOURS[p.variation] for p in result.points]
    ax.scatter(xs, ys, c=colours, s=30, zorder=3)
    for seg in result.segments:
        x0, x1 = seg.start, seg.stop - 1
        ax.hlines(seg.mean, x0, x1, colors="#231f20", linewidth=1.2, zorder=1)
        ax.hlines([seg.lpl, seg.upl], x0, x1, colors="#7b7d7d", linestyles="dashed", zorder=1)
    line = result.target if target is None else target
    if line is not None:
        ax.axhline(line, color="#de1b1b", linestyle=(0, (6, 3)), linewidth=1.2, zorder=1)

    step = max(1, math.ceil(len(xs) / 12))
    ax.set_xticks(xs[::step], [str(p.label) for p in result.points[::step]], rotation=45)
    ax.spines[["top", "right"]].set_visible(False)
    if title is not None:
        ax.set_title(title)

    badges = [_ICON_TEXT[result.variation_icon]]
    if result.assurance is not None:
        badges.append(_ASSURANCE_TEXT[result.assurance])
    for row, (text, colour) in enumerate(badges):
        ax.text(
            0.99,
            0.98 - 0.09 * row,
            text,
            transform=ax.transAxes,
            ha="right",
            va="top",
            color="white",
            fontsize=9,
            bbox={"boxstyle": "round,pad=0.4", "facecolor": colour, "edgecolor": "none"},
        )
    return fig
