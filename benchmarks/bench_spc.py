"""Benchmark: XmR with every rule over 10,000 series of 36 points, against plain numpy.

The baseline is ``bench_all.numpy_xmr``, the plain vectorised numpy XmR that
``benchmarks/bench_all.py`` (the one place that prints every ratio against its target) times
``xmr_many`` against: the same limits and four rules, windows counted with cumulative sums.
This script adds, for scale, what the extras cost on top of it: the icons, ``to_pandas()``,
building every ``SpcResult``, and a loop over :func:`nhsplan.spc.xmr`.
The baseline's flags are checked against ``xmr_many``'s before anything is timed, and
``xmr_many``'s results against :func:`nhsplan.spc.xmr` one series at a time.

Run: ``.venv/bin/python benchmarks/bench_spc.py``. Figures only; nothing is asserted on time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).parent))
from bench_all import numpy_xmr

from nhsplan.spc import SpcOptions, TwoInThree, xmr, xmr_many

SERIES = 10_000
POINTS = 36
REPEATS = 5
Floats = NDArray[np.float64]


def numpy_limits(y: Floats) -> tuple[Floats, Floats]:
    """The limits only (no rules), for scale."""
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

    # same answers, or the timings mean nothing
    batch = xmr_many(y, options=options)
    cols = batch.arrays()
    plain = numpy_xmr(y)
    for mine, theirs in (("outside_limits", "outside"), ("run", "run"), ("trend", "trend"),
                         ("two_in_three", "two")):  # fmt: skip
        assert np.array_equal(cols[mine].reshape(SERIES, POINTS), plain[theirs]), mine
    assert np.allclose(cols["lpl"].reshape(SERIES, POINTS)[:, 0], plain["lpl"], atol=1e-9)
    sample = range(0, SERIES, 97)
    assert all(batch[i] == xmr(rows[i], options=options) for i in sample)

    t_limits = best_of(lambda: numpy_limits(y))
    t_numpy = best_of(lambda: numpy_xmr(y))
    t_batch = best_of(lambda: xmr_many(y, options=options))
    t_lists = best_of(lambda: xmr_many(rows, options=options), repeats=2)
    t_icons = best_of(lambda: xmr_many(y, options=options).variation_icons)
    t_frame = best_of(lambda: xmr_many(y, options=options).to_pandas(), repeats=2)
    t_all = best_of(lambda: list(xmr_many(y, options=options)), repeats=1)
    t_loop = best_of(lambda: [xmr(r, options=options) for r in rows], repeats=1)

    special = int((plain["outside"] | plain["run"] | plain["trend"] | plain["two"]).sum())
    print(f"XmR, all rules, {SERIES:,} series x {POINTS} points (best of {REPEATS})")
    print(f"  special-cause points found:        {special:,} of {SERIES * POINTS:,}")
    print(f"  plain numpy, limits only:          {t_limits * 1e3:8.1f} ms")
    print(f"  plain numpy, limits + four rules:  {t_numpy * 1e3:8.1f} ms   (baseline)")
    print(f"  xmr_many (columnar):               {t_batch * 1e3:8.1f} ms"
          f"   {t_batch / t_numpy:5.2f} x baseline")  # fmt: skip
    print(f"  xmr_many + variation icons:        {t_icons * 1e3:8.1f} ms"
          f"   {t_icons / t_numpy:5.2f} x baseline")  # fmt: skip
    print(f"  xmr_many from lists of floats:     {t_lists * 1e3:8.1f} ms"
          f"   {t_lists / t_numpy:5.2f} x baseline")  # fmt: skip
    print(f"  xmr_many + to_pandas() of points:  {t_frame * 1e3:8.1f} ms"
          f"   {t_frame / t_numpy:5.2f} x baseline")  # fmt: skip
    print(f"  xmr_many + every SpcResult built:  {t_all * 1e3:8.1f} ms"
          f"   {t_all / t_numpy:5.2f} x baseline")  # fmt: skip
    print(f"  loop over xmr (pure Python):       {t_loop * 1e3:8.1f} ms"
          f"   {t_loop / t_numpy:5.1f} x baseline")  # fmt: skip


if __name__ == "__main__":
    main()
