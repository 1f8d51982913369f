"""Benchmark: a whole country's waiting lists projected at once, against a plain numpy loop.

England publishes RTT waiting lists for about 130 acute trusts x 23 treatment functions, some
3,000 lists. Each list here is RBD's November 2024 list (the bundled test data) scaled by a
random factor, with clock starts and stops a month scaled alike and jittered; every list is
projected 40 months (to March 2028) by :func:`nhsplan.waiting.project`, all lists at once.

The baseline is the loop a user would write with numpy and no nhsplan: one list at a time, a
105-band numpy vector stepped week by week (age, add the starts, take the stops from the
longest waits with a reverse cumulative sum). Both are timed in this run, on the same lists,
and their answers are checked equal first. The calibrated (proportional) rule is timed too,
against ``project`` called once per list. The loops run on a sample of at most 300 lists and
are scaled to the whole count (their time is linear in the lists, one after another); the
output says so.

Run: ``.venv/bin/python benchmarks/bench_waiting.py [LISTS]``. Figures only; nothing is
asserted about time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nhsplan.calendar import Month
from nhsplan.waiting import StopRule, project, read_rtt_snapshots
from nhsplan.waiting.model import BANDS, month_weeks

LISTS = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000
MONTHS = 40
REPEATS = 3
SAMPLE = min(LISTS, 300)
DATA = Path(__file__).parents[1] / "tests" / "waiting" / "data" / "rtt_nov2024_RBD_totals.csv"

Array = NDArray[np.float64]


def lists() -> tuple[Month, Array, Array, Array, Array]:
    (rbd,) = read_rtt_snapshots(DATA)
    rng = np.random.default_rng(2024)
    scale = rng.uniform(0.02, 0.5, LISTS)
    bands = np.outer(scale, np.asarray(rbd.bands, dtype=np.float64))
    starts = (scale * rbd.clock_starts)[:, None] * rng.uniform(0.9, 1.1, (LISTS, MONTHS))
    stops = (scale * rbd.clock_stops)[:, None] * rng.uniform(0.9, 1.2, (LISTS, MONTHS))
    return rbd.month, bands, starts, stops, rbd.stop_weights()


def plain_loop(start: Month, bands: Array, starts: Array, stops: Array) -> Array:
    """Longest waits first, one list at a time: the 18-week share per list and month."""
    weeks = month_weeks(start, MONTHS)
    shares = np.empty((bands.shape[0], MONTHS))
    for i in range(bands.shape[0]):
        x = bands[i].copy()
        for m, n in enumerate(weeks):
            s_in, s_out = starts[i, m] / n, stops[i, m] / n
            for _ in range(n):
                x[-1] += x[-2]
                x[1:-1] = x[:-2].copy()
                x[0] = s_in
                at_least = np.cumsum(x[::-1])[::-1]
                x = np.minimum(x, np.maximum(at_least - s_out, 0.0))
            total = x.sum()
            shares[i, m] = x[:18].sum() / total if total > 0 else 1.0
    return shares


def best(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    start, bands, starts, stops, weights = lists()
    print(f"{LISTS:,} lists x {MONTHS} months ({sum(month_weeks(start, MONTHS))} weekly steps)")

    vectorised = project(bands, start=start, months=MONTHS, starts=starts, stops=stops)
    baseline = plain_loop(start, bands[:SAMPLE], starts, stops)
    np.testing.assert_allclose(vectorised.share_18[:SAMPLE], baseline, rtol=1e-9, atol=1e-12)
    assert vectorised.final.shape == (LISTS, BANDS)

    scale = LISTS / SAMPLE
    shown = "" if SAMPLE == LISTS else f" (timed on {SAMPLE} lists, x {scale:.0f})"
    t_vec = best(lambda: project(bands, start=start, months=MONTHS, starts=starts, stops=stops))
    t_loop = scale * best(lambda: plain_loop(start, bands[:SAMPLE], starts, stops))
    print(
        f"longest first: nhsplan.waiting.project {t_vec:.3f} s, plain numpy loop "
        f"{t_loop:.3f} s{shown}: {t_loop / t_vec:.1f}x faster"
    )

    def calibrated_all() -> object:
        return project(
            bands,
            start=start,
            months=MONTHS,
            starts=starts,
            stops=stops,
            rule=StopRule.PROPORTIONAL,
            weights=weights,
        )

    def calibrated_each() -> object:
        return [
            project(
                bands[i],
                start=start,
                months=MONTHS,
                starts=starts[i],
                stops=stops[i],
                rule=StopRule.PROPORTIONAL,
                weights=weights,
            )
            for i in range(SAMPLE)
        ]

    t_all = best(calibrated_all)
    t_each = scale * best(calibrated_each)
    print(
        f"calibrated: all lists at once {t_all:.3f} s, one project() per list {t_each:.3f} s"
        f"{shown}: {t_each / t_all:.1f}x faster"
    )


if __name__ == "__main__":
    main()
