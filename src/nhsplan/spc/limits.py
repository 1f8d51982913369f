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

    The correction makes the mean of a constant series exactly that constant. The mean of
    nothing is NaN, as R's ``mean(numeric(0))``.
    """
    n = len(xs)
    if n == 0:
        return math.nan
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
    """As ``R/ptd_spc_standard.R``: the mean and mean moving range of the segment's basis.

    Missing values (NaN) are left out of the mean, and so are the moving ranges next to them
    (R's ``na.rm = TRUE``). Screening keeps moving ranges below 3.267 times their mean; when
    every moving range is 0 none is kept and, as in R, the segment has no limits (NaN). A
    segment of one point has no moving range and no limits either.
    """
    basis = ys if fix is None else ys[:fix]
    mean = _mean([y for y in basis if not math.isnan(y)])
    mrs = [abs(b - a) for a, b in pairwise(basis) if not (math.isnan(a) or math.isnan(b))]
    amr = _mean(mrs)
    excluded = 0
    if screen:
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
