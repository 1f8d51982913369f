"""The numpy kernels of :func:`nhsplan.spc.xmr_many`: one segment of many series at once.

Each kernel does, row by row, exactly the floating-point operations of the pure-Python path
(:mod:`nhsplan.spc.limits`, :mod:`nhsplan.spc.rules`), so the results are identical. numpy is
imported by the caller; this module is only imported when it is installed.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from nhsplan.spc.options import LIMIT, OUTLIER_SCREEN, TWO_SIGMA, SpcOptions, TwoInThree

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Codes = NDArray[np.int8]


def _row_sums(a: Floats) -> Floats:
    """Each row's sum, added column by column in order, as ``limits._mean`` adds."""
    total = np.zeros(a.shape[0])
    for j in range(a.shape[1]):
        total += a[:, j]
    return total


def np_mean(a: Floats, keep: Bools | None = None) -> Floats:
    """Row means with exactly the operations of ``limits._mean`` (column by column, in order).

    Skipped entries add 0.0, which leaves a running sum that starts at +0.0 unchanged, so the
    results equal ``_mean`` of the kept entries bit for bit. No entry kept gives NaN.
    """
    rows, cols = a.shape
    count = np.full(rows, float(cols)) if keep is None else keep.sum(axis=1).astype(np.float64)
    total = _row_sums(a if keep is None else np.where(keep, a, 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        m = total / count
        d = a - m[:, None]
        resid = _row_sums(d if keep is None else np.where(keep, d, 0.0))
        corrected = m + resid / count
    out: Floats = np.where(np.isfinite(m), corrected, m)
    return out


def window_sums(a: NDArray[np.integer] | Bools, width: int) -> NDArray[np.int32]:
    """``[:, j]``: the sum of ``a[:, j .. j+width-1]`` (by cumulative sums)."""
    rows, cols = a.shape
    c = np.zeros((rows, cols + 1), dtype=np.int32)
    np.cumsum(a, axis=1, out=c[:, 1:])
    out: NDArray[np.int32] = c[:, width:] - c[:, :-width]
    return out


def cover(det: Bools, width: int) -> Bools:
    """Points covered by qualifying windows: ``det[:, j]`` covers points ``j .. j+width-1``."""
    rows, m = det.shape
    padded = np.zeros((rows, m + 2 * (width - 1)), dtype=np.int8)
    padded[:, width - 1 : width - 1 + m] = det
    out: Bools = window_sums(padded, width) > 0
    return out


def same_sign_windows(keys: Codes, width: int) -> Bools:
    """``[:, j]``: ``keys[:, j .. j+width-1]`` (each -1, 0 or 1) are equal and non-zero."""
    out: Bools = np.abs(window_sums(keys, width)) == width
    return out


def signs(a: Floats) -> Codes:
    """-1, 0 or 1 per entry; NaN gives 0 (a missing point is on neither side)."""
    with np.errstate(invalid="ignore"):
        out: Codes = (a > 0).view(np.int8) - (a < 0).view(np.int8)
    return out


class Segment(NamedTuple):
    """One segment of every row: its limits' inputs and the per-point flags and codes."""

    mean: Floats
    amr: Floats
    excluded: NDArray[np.int64]
    outside: Bools
    run: Bools
    trend: Bools
    two: Bools
    code: Codes


def segment(ys: Floats, options: SpcOptions, *, missing: bool) -> Segment:
    """``_segment_stats``, ``_segment_rules`` and ``_codes`` for every row of a matrix."""
    rows, k = ys.shape
    fix = options.fix_after_n_points
    basis = ys if fix is None or fix >= k else ys[:, :fix]
    mean = np_mean(basis, ~np.isnan(basis) if missing else None)
    mrs = np.abs(basis[:, 1:] - basis[:, :-1])
    mr_present = ~np.isnan(mrs) if missing else None
    amr = np_mean(mrs, mr_present)
    excluded = np.zeros(rows, dtype=np.int64)
    if options.screen_outliers:
        with np.errstate(invalid="ignore"):
            keep = mrs < (OUTLIER_SCREEN * amr)[:, None]  # NaN compares False
        amr = np_mean(mrs, keep)
        n_mrs = mr_present.sum(axis=1) if mr_present is not None else mrs.shape[1]
        excluded = n_mrs - keep.sum(axis=1)
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    with np.errstate(invalid="ignore"):
        outside = (ys > upl[:, None]) | (ys < lpl[:, None])
    side = signs(ys - mean[:, None])
    steps = signs(ys[:, 1:] - ys[:, :-1])

    run = np.zeros((rows, k), dtype=bool)
    n = options.run_length
    if n is not None and k >= n:
        run = cover(same_sign_windows(side, n), n)
    trend = np.zeros((rows, k), dtype=bool)
    n = options.trend_length
    if n is not None and k >= n:
        trend = cover(same_sign_windows(steps, n - 1), n)
    two = np.zeros((rows, k), dtype=bool)
    if options.two_in_three is not TwoInThree.OFF and k >= 3:
        nlpl, nupl = mean - TWO_SIGMA * amr, mean + TWO_SIGMA * amr
        with np.errstate(invalid="ignore"):
            beyond = (ys < nlpl[:, None]) | (ys > nupl[:, None])
        hits = beyond & ~outside if options.two_in_three is TwoInThree.PLOTTHEDOTS else beyond
        enough = window_sums(hits, 3) >= 2
        two = cover(same_sign_windows(side, 3) & enough, 3) & hits
    if not options.outside_limits:
        outside = np.zeros((rows, k), dtype=bool)
    code = codes(steps, side, outside=outside, trend=trend, two=two, run=run)
    return Segment(mean, amr, excluded, outside, run, trend, two, code)


def codes(
    steps: Codes, side: Codes, *, outside: Bools, trend: Bools, two: Bools, run: Bools
) -> Codes:
    """``rules._codes`` column-wise: ``2 * rule + high`` by precedence (see ``rules``)."""
    rows = side.shape[0]
    zeros = np.zeros((rows, 1), dtype=np.int8)
    right, left = np.hstack([steps, zeros]), np.hstack([zeros, steps])
    next_in_trend = np.hstack([trend[:, 1:], zeros.astype(bool)])
    rising = (np.where(trend & next_in_trend, right, left) == 1).view(np.int8)
    above = (side > 0).view(np.int8)
    out = np.zeros(side.shape, dtype=np.int8)
    # lowest precedence first, so that a higher rule overwrites it
    np.copyto(out, 8 + above, where=run)
    np.copyto(out, 6 + above, where=two)
    np.copyto(out, 4 + rising, where=trend)
    np.copyto(out, 2 + (side == 1).view(np.int8), where=outside)
    return out
