"""Benchmark: peak memory of ``nhsplan evaluate`` as the observation file grows.

Generates two observation files (``--small`` and ``--large`` MB, default 20 and 200) of
plausible monthly figures for many organisations, runs ``nhsplan evaluate`` on each in a child
process, and prints each run's peak resident set size (from ``getrusage`` of the child) and the
ratio of the two. Flat memory means a ratio near 1 while the file is ten times larger.

Run: ``.venv/bin/python benchmarks/bench_observation_memory.py [--small 20 --large 200]``.
Figures only; nothing is asserted. (Measured in this repository's history with
``/usr/bin/time -v``: 200 MB, 3.9 million rows, 2.30 GB before this benchmark was added.)
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

METRICS = (
    "cancer_faster_diagnosis",
    "outpatient_remote_share",
    "maternity_continuity_of_carer",
    "cancer_62_day_backlog",
)
MONTHS = [f"{y}-{m:02d}" for y in range(2000, 2030) for m in range(1, 13)]


def generate(path: Path, megabytes: float) -> int:
    rows = size = 0
    with path.open("w", encoding="utf-8") as f:
        f.write("org,metric,period,value,unit,numerator,denominator\n")
        while size < megabytes * 1e6:
            org = f"R{rows // (len(MONTHS) * len(METRICS)):05d}"
            rest = rows % (len(MONTHS) * len(METRICS))
            metric, month = METRICS[rest // len(MONTHS)], MONTHS[rest % len(MONTHS)]
            if metric == "outpatient_remote_share":
                line = f"{org},{metric},{month},27.5,%,,\n"
            elif metric == "cancer_62_day_backlog":
                line = f"{org},{metric},{month},{rows % 97},patient,,\n"
            else:
                line = f"{org},{metric},{month},,,{700 + rows % 300},1000\n"
            f.write(line)
            size += len(line)
            rows += 1
    return rows


def peak_rss_mb(path: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, "-m", "nhsplan", "evaluate", str(path), "--edition", "2021/22",
         "--as-of", "2021-12-31", "--format", "csv", "--output", "/dev/null"],
        check=True,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=float, default=20)
    parser.add_argument("--large", type=float, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = []
        for megabytes in (args.small, args.large):
            path = Path(folder) / f"figures-{megabytes:g}.csv"
            rows = generate(path, megabytes)
            rss = peak_rss_mb(path)
            figures.append(rss)
            print(f"{megabytes:>6g} MB, {rows:>9,} rows: peak RSS {rss:,.0f} MB")
            path.unlink()
    print(
        f"large / small: file x{args.large / args.small:g}, memory x{figures[1] / figures[0]:.2f}"
    )


if __name__ == "__main__":
    main()
