"""The centre line and process limits of a segment, computed as NHSRplotthedots does."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from nhsplan.spc.options import LIMIT, OUTLIER_SCREEN, TWO_SIGMA
from nhsplan.spc.result import SpcSegment


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
