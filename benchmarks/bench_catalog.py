"""Loading every shipped edition, cold, against json.loads of the same content in memory.

Run: python benchmarks/bench_catalog.py

"Cold" is a fresh interpreter per repeat that imports nhsplan and loads all editions (TOML
parsing, structuring, validation) — the import itself is timed separately and excluded. The
baseline parses the editions' golden JSON snapshots, already read into memory, with json.loads.
Repeat loads in one process are served from the cache; that time is printed too.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPEATS = 7
ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import time
t0 = time.perf_counter()
import nhsplan
t1 = time.perf_counter()
for edition in nhsplan.editions():
    nhsplan.load_guidance(edition)
t2 = time.perf_counter()
for edition in nhsplan.editions():
    nhsplan.load_guidance(edition)
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def cold_runs() -> list[tuple[float, float, float]]:
    runs = []
    for _ in range(REPEATS):
        out = subprocess.run(
            [sys.executable, "-c", CHILD], capture_output=True, text=True, check=True
        ).stdout.split()
        runs.append((float(out[0]), float(out[1]), float(out[2])))
    return runs


def json_baseline() -> float:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").glob("*.json"))
    ]
    times = []
    for _ in range(REPEATS * 10):
        start = time.perf_counter()
        for text in texts:
            json.loads(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = cold_runs()
    imports = statistics.median(r[0] for r in runs)
    cold = statistics.median(r[1] for r in runs)
    cached = statistics.median(r[2] for r in runs)
    baseline = json_baseline()
    print(f"editions: {', '.join(__import__('nhsplan').editions())}")
    print(f"import nhsplan (excluded)            {imports * 1e3:9.2f} ms")
    print(f"load all editions, cold              {cold * 1e3:9.2f} ms")
    print(f"json.loads of the same content       {baseline * 1e3:9.2f} ms")
    print(f"ratio cold load / json.loads         {cold / baseline:9.1f}x")
    print(f"load all editions again (cache)      {cached * 1e6:9.2f} µs")


if __name__ == "__main__":
    main()
