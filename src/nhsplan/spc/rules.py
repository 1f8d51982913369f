"""The special-cause rules (outside the limits, trend, two-in-three, run) and their precedence."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from nhsplan.model.enums import Polarity
from nhsplan.spc.limits import _segment_stats, _Stats
from nhsplan.spc.options import LIMIT, TWO_SIGMA, SpcOptions, SpecialCause, TwoInThree, Variation


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
