"""``evaluate_guidance`` on a pandas frame against bench_all's pandas contender: wall and CPU.

The ``guidance`` case of ``bench_all.py`` (the same generated observations, the same
``pandas_judge`` with the same rule, the answers checked to agree), with the process's CPU
time (user + system, every thread: ``time.process_time``) beside the wall-clock time of each.
On a shared machine the wall clock moves with the other jobs' load; CPU time much less. DuckDB
runs its query on every core, so nhsplan's CPU time can exceed its wall-clock time; pandas
runs on one.

    python benchmarks/bench_guidance.py --dir /tmp/gd --rows 1000000 --repeat 5

To time an older checkout with the same script: ``git archive COMMIT src | tar -x -C
/tmp/old`` and run it with ``PYTHONPATH=/tmp/old/src``; it prints which nhsplan it imported.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_all


def best(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """The shortest wall-clock and CPU times of *repeat* runs, and the last run's result."""
    wall = cpu = float("inf")
    result = None
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        result = run()
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - used)
    return wall, cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, required=True, help="where the data is generated")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import pandas as pd  # noqa: PLC0415

    import nhsplan  # noqa: PLC0415
    from nhsplan.catalog import load_guidance  # noqa: PLC0415

    args.dir.mkdir(parents=True, exist_ok=True)
    orgs = args.rows // (len(bench_all.METRICS) * bench_all.MONTHS)
    csv, _ = bench_all.generate_observations(args.dir, orgs)
    df = pd.read_csv(csv, dtype={"period": str, "value": float, "unit": str})
    guidance = load_guidance("standards")
    rules = bench_all.rules_frame("standards")
    print(f"nhsplan from {os.path.dirname(nhsplan.__file__)}; {len(df):,} rows")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    nhsplan.evaluate_guidance(guidance, df.head(1000), as_of=bench_all.AS_OF)  # imports

    def ours() -> Any:  # noqa: ANN401 - a Report
        return nhsplan.evaluate_guidance(guidance, df, as_of=bench_all.AS_OF)  # type: ignore[arg-type]

    ours_wall, ours_cpu, report = best(ours, args.repeat)
    theirs_wall, theirs_cpu, frame = best(lambda: bench_all.pandas_judge(df, rules), args.repeat)
    bench_all.agree(
        f"evaluate_guidance ({len(df):,} rows)",
        {
            "nhsplan": Counter((a.target, a.status.value) for a in report.assessments),
            "pandas": Counter(zip(frame["target"], frame["status"], strict=True)),
        },
    )
    print(
        f"evaluate_guidance  wall {ours_wall:.3f} s  cpu {ours_cpu:.3f} s | pandas groupby"
        f"  wall {theirs_wall:.3f} s  cpu {theirs_cpu:.3f} s | ratio wall"
        f" {ours_wall / theirs_wall:.2f}x  cpu {ours_cpu / theirs_cpu:.2f}x"
    )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
