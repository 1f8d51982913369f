"""Benchmark: one proportion target judged for 1,000,000 figures.

Reports the wall time of :func:`nhsplan.evaluate.batch.evaluate_batch` against

* the bare numpy arithmetic it has to do anyway (``100 * num / den >= 75`` and the margin), and
* :func:`nhsplan.evaluate.evaluate` called once per figure. That path is timed on a sample of
  20,000 figures (Observations built beforehand, outside the timing) and extrapolated to
  1,000,000: the output says so.

The target is the Cancer Faster Diagnosis Standard (at least 75 %, 2021/22), judged on
December 2021's figures on 20 January 2022; one figure in a hundred is missing (NaN).

Run: ``.venv/bin/python benchmarks/bench_batch.py``. Figures only; nothing is asserted about
time. The batch answers are checked against the one-by-one answers on the sample first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import numpy as np
from numpy.typing import NDArray

from nhsplan.calendar import Month
from nhsplan.catalog import load_guidance
from nhsplan.evaluate import evaluate
from nhsplan.evaluate.batch import evaluate_batch
from nhsplan.model import Observation

ROWS = 1_000_000
SAMPLE = 20_000
REPEATS = 5
AS_OF = date(2022, 1, 20)
PERIOD = Month(2021, 12)


def bare_numpy(
    num: NDArray[np.float64], den: NDArray[np.float64]
) -> tuple[NDArray[np.bool_], NDArray[np.float64]]:
    """The arithmetic alone: no validation, no statuses, no missing rows."""
    percent = 100 * num / den
    return percent >= 75.0, percent - 75.0


def best_of(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    fds = load_guidance("2021/22").target("cancer_faster_diagnosis_standard")
    rng = np.random.default_rng(20220120)
    den = rng.integers(50, 5_000, size=ROWS).astype(np.float64)
    num = np.floor(den * rng.uniform(0.55, 0.95, size=ROWS))
    gaps = rng.random(ROWS) < 0.01
    num[gaps] = np.nan
    den[gaps] = np.nan
    orgs = [f"R{i:06d}" for i in range(ROWS)]

    # the same answers on the sample, or the timings mean nothing
    sample = [
        (
            orgs[i],
            []
            if gaps[i]
            else [
                Observation(
                    org=orgs[i],
                    metric="cancer_faster_diagnosis",
                    period=PERIOD,
                    numerator=float(num[i]),
                    denominator=float(den[i]),
                )
            ],
        )
        for i in range(SAMPLE)
    ]
    batch = evaluate_batch(fds, as_of=AS_OF, numerators=num, denominators=den, orgs=orgs)
    one = [evaluate(fds, figures, as_of=AS_OF, org=org) for org, figures in sample]
    assert batch.statuses()[:SAMPLE] == [a.status for a in one]
    assert all(
        a.margin is None or a.margin.magnitude == m
        for a, m in zip(one, batch.margin[:SAMPLE].tolist(), strict=True)
    )

    t_numpy = best_of(lambda: bare_numpy(num, den))
    t_batch = best_of(lambda: evaluate_batch(fds, as_of=AS_OF, numerators=num, denominators=den))
    t_batch_orgs = best_of(
        lambda: evaluate_batch(fds, as_of=AS_OF, numerators=num, denominators=den, orgs=orgs)
    )
    t_sample = best_of(
        lambda: [evaluate(fds, figures, as_of=AS_OF, org=org) for org, figures in sample],
        repeats=1,
    )
    t_loop = t_sample * ROWS / SAMPLE

    counts = {s.value: n for s, n in batch.counts().items() if n}
    print(f"{fds.id}, {ROWS:,} figures for {PERIOD}, as of {AS_OF} (best of {REPEATS})")
    print(f"  statuses: {counts}")
    print(f"  bare numpy (100*num/den >= 75, margin): {t_numpy * 1e3:9.1f} ms")
    print(
        f"  evaluate_batch:                         {t_batch * 1e3:9.1f} ms"
        f"   {t_batch / t_numpy:5.1f} x bare numpy"
    )
    print(
        f"  evaluate_batch with 1,000,000 org codes: {t_batch_orgs * 1e3:8.1f} ms"
        f"   {t_batch_orgs / t_numpy:5.1f} x bare numpy"
    )
    print(
        f"  evaluate() one by one, {SAMPLE:,} timed, extrapolated to {ROWS:,}:"
        f" {t_loop:6.1f} s   {t_loop / t_batch:6.0f} x evaluate_batch"
    )


if __name__ == "__main__":
    main()
