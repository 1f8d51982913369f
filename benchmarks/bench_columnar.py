"""The whole ``nhsplan evaluate FILE`` command against DuckDB reading the same file.

Generates an observation CSV of N rows (organisations x months of the standards' A&E metric,
as numerator and denominator), then, in one run, times and measures the peak memory of:

* DuckDB alone reading the file (``SELECT count(*), sum(numerator) FROM read_csv(...)``), in a
  fresh process: the "reading" baseline;
* ``nhsplan evaluate FILE --edition standards --as-of ... --format csv``, in a fresh process;
* DuckDB reading every cell and grouping by organisation and metric (the least any check of
  every row must do), in a fresh process, for context.

Peak memory is each child's maximum resident set size (``getrusage(RUSAGE_CHILDREN)`` read
around a single child). Prints the ratios; targets: time <= 2x, memory <= 2x. Then, for the
largest size, where the command's time goes (one more run, in this process): loading the
edition, the single DuckDB query, judging the organisations and writing the CSV.

    python benchmarks/bench_columnar.py            # 1 million and 10 million rows
    python benchmarks/bench_columnar.py 100000     # the sizes given
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

SIZES = (1_000_000, 10_000_000)
MONTHS = [f"{y}-{m:02d}" for y in range(2011, 2020) for m in range(1, 13)]  # 108 months
AS_OF = "2019-12-31"

_DUCKDB = """
import duckdb, sys
print(duckdb.sql(
    "SELECT count(*), sum(CAST(numerator AS DOUBLE)) "
    "FROM read_csv(?, header=true, all_varchar=true)",
    params=[sys.argv[1]],
).fetchall())
"""

_DUCKDB_EVERY_CELL = """
import duckdb, sys
print(len(duckdb.sql(
    "SELECT org, metric, count(period), count(value), count(unit), count(numerator), "
    "count(denominator) FROM read_csv(?, header=true, all_varchar=true) GROUP BY org, metric",
    params=[sys.argv[1]],
).fetchall()))
"""


def generate(path: Path, rows: int) -> None:
    """Organisations x months of ``ae_4_hour``, figures varying so verdicts differ."""
    orgs = (rows + len(MONTHS) - 1) // len(MONTHS)
    with path.open("w", encoding="utf-8") as out:
        out.write("org,metric,period,value,unit,numerator,denominator\n")
        written = 0
        for o in range(orgs):
            code = f"R{o:06d}"
            lines = []
            for i, month in enumerate(MONTHS):
                if written >= rows:
                    break
                denominator = 5000 + (o * 7 + i * 13) % 3000
                numerator = denominator * (88 + (o + i) % 10) // 100
                lines.append(f"{code},ae_4_hour,{month},,,{numerator},{denominator}\n")
                written += 1
            out.write("".join(lines))


def run_one(command: list[str]) -> tuple[float, float]:
    """Run *command* in a fresh interpreter that reports its own peak memory."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "t = time.perf_counter() - t\n"
        "if r.returncode: sys.exit(r.stderr.decode()[-2000:])\n"
        "print(t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True
    )
    seconds, megabytes = out.stdout.split()
    return float(seconds), float(megabytes)


def main() -> None:
    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    nhsplan = [sys.executable, "-m", "nhsplan"]
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            path = Path(tmp) / f"observations_{rows}.csv"
            generate(path, rows)
            size = path.stat().st_size / 1e6
            base_t, base_m = run_one([sys.executable, "-c", _DUCKDB, str(path)])
            command = [
                *nhsplan,
                "evaluate",
                str(path),
                "--edition",
                "standards",
                "--as-of",
                AS_OF,
                "--format",
                "csv",
            ]
            ours_t, ours_m = run_one(command)
            cells_t, _cells_m = run_one([sys.executable, "-c", _DUCKDB_EVERY_CELL, str(path)])
            print(
                f"{rows:>11,} rows ({size:,.0f} MB): duckdb read {base_t:6.2f} s {base_m:7.0f} MB"
                f" | nhsplan evaluate {ours_t:6.2f} s {ours_m:7.0f} MB"
                f" | time x{ours_t / base_t:.2f} (target <= 2), memory x{ours_m / base_m:.2f}"
                " (target <= 2)",
                flush=True,
            )
            print(
                f"    DuckDB touching every cell and grouping by org and metric: {cells_t:.2f} s"
                f" (x{cells_t / base_t:.2f} the read; nhsplan x{ours_t / cells_t:.2f} of it)",
                flush=True,
            )
            if rows == max(sizes):
                phases(path)
            path.unlink()


def phases(path: Path) -> None:
    """Where the time of the single pass goes, phase by phase, in this process."""
    import duckdb  # noqa: PLC0415 - a benchmark of the duckdb extra

    from nhsplan.catalog import load_guidance  # noqa: PLC0415
    from nhsplan.engines.columnar.judge import Judge  # noqa: PLC0415
    from nhsplan.engines.columnar.scan import read_groups, scan_query  # noqa: PLC0415
    from nhsplan.engines.columnar.single_pass import read_csv  # noqa: PLC0415
    from nhsplan.io.readers.observations import OBSERVATION_COLUMNS  # noqa: PLC0415

    clock = time.perf_counter()
    laps: list[tuple[str, float]] = []

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        laps.append((name, now - clock))
        clock = now

    judge = Judge(load_guidance("standards"), as_of=date.fromisoformat(AS_OF), org=None)
    lap("load the edition")
    con = duckdb.connect()
    names = [f"c{i}" for i in range(len(OBSERVATION_COLUMNS))]
    read_csv(con, str(path), names).create_view("observations")
    columns = dict(zip(OBSERVATION_COLUMNS, names, strict=True))
    rows = con.execute(scan_query("observations", columns, [], judge.spec)).fetchall()
    lap("DuckDB: the single query")
    groups = read_groups(rows, judge.spec)
    verdicts, _used = judge.judge(groups, check_metrics=True)
    lap(f"judge {len(groups):,} groups: {len(verdicts):,} assessments")
    verdicts.write_csv(io.StringIO())
    lap("write the CSV")
    for name, seconds in laps:
        print(f"    {name:<45} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
