"""Benchmark: XmR with every rule over 10,000 series of 36 points.

Reports the wall time of :func:`nhsplan.spc.xmr_many` (the numpy batch path), of a loop over
:func:`nhsplan.spc.xmr`, and of a plain numpy computation of the limits alone (mean, screened
mean moving range, process limits) over the same 10,000 x 36 array, and their ratios.

Run: ``.venv/bin/python benchmarks/bench_spc.py``. Figures only; nothing is asserted.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from nhsplan.spc import SpcOptions, TwoInThree, xmr, xmr_many

SERIES = 10_000
POINTS = 36
REPEATS = 3


def numpy_limits(y: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The limits only, the obvious numpy way (pairwise sums, no rules, no result objects)."""
    mean = y.mean(axis=1)
    mr = np.abs(np.diff(y, axis=1))
    amr = mr.mean(axis=1)
    kept = mr < 3.267 * amr[:, None]
    amr = np.where(kept, mr, 0.0).sum(axis=1) / kept.sum(axis=1)
    return mean - 2.66 * amr, mean + 2.66 * amr


def best_of(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rng = np.random.default_rng(20210401)
    # a level, noise, and a drift in a third of the series so that every rule fires somewhere
    y = rng.normal(100.0, 5.0, size=(SERIES, POINTS))
    y[: SERIES // 3] += np.linspace(0.0, 15.0, POINTS)
    rows = y.tolist()
    options = SpcOptions(two_in_three=TwoInThree.PLOTTHEDOTS)  # every rule on (the default)

    batch = xmr_many(y, options=options)
    loop = tuple(xmr(r, options=options) for r in rows)
    assert batch == loop  # same answers, or the timings mean nothing

    t_numpy = best_of(lambda: numpy_limits(y))
    t_batch = best_of(lambda: xmr_many(y, options=options))
    t_loop = best_of(lambda: [xmr(r, options=options) for r in rows])
    t_points = best_of(lambda: [r.points for r in xmr_many(y, options=options)], repeats=1)

    special = sum(1 for r in batch for v in r.causes if v is not None)
    print(f"XmR, all rules, {SERIES:,} series x {POINTS} points (best of {REPEATS})")
    print(f"  special-cause points found:     {special:,} of {SERIES * POINTS:,}")
    print(f"  plain numpy, limits only:       {t_numpy * 1e3:8.1f} ms")
    print(
        f"  xmr_many (numpy batch):         {t_batch * 1e3:8.1f} ms"
        f"   {t_batch / t_numpy:6.1f} x numpy"
    )
    print(
        f"  loop over xmr (pure Python):    {t_loop * 1e3:8.1f} ms"
        f"   {t_loop / t_numpy:6.1f} x numpy   {t_loop / t_batch:4.1f} x batch"
    )
    print(f"  xmr_many + every .points:       {t_points * 1e3:8.1f} ms")


if __name__ == "__main__":
    main()
