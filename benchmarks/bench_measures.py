"""`measure ae` on PySpark in local mode, on synthetic attendances.

Generates (once) a Parquet file of synthetic attendances with ``gen_records.py``, then times
``nhsplan.measure("ae", FILE, engine="spark")`` in local mode (``--rows`` to run it on a smaller
file when the machine is small). ``measure ae`` on DuckDB against a hand-written
DuckDB query applying the UK clock rule is timed by ``benchmarks/bench_all.py measure_ae``, the
one place that prints every ratio against its target.

Run: python benchmarks/bench_measures.py [--rows 25000000] [--repeat N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gen_records import generate

from nhsplan.engines import measures


def best(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), result


def records(directory: Path, rows: int) -> Path:
    path = directory / f"ae_{rows}.parquet"
    if not path.exists():
        started = time.perf_counter()
        generate(str(path), rows)
        print(f"generated {rows:,} attendances in {time.perf_counter() - started:.1f} s: {path}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=25_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/nhsplan-bench"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    spark_figures(args.dir, args.rows, args.repeat)


def spark_figures(directory: Path, spark_rows: int, repeat: int) -> None:
    spark_path = records(directory, spark_rows)
    session = measures.spark_session()
    measures.measure("ae", records(directory, 1000), engine="spark", session=session)  # warm-up
    spark_time, spark = best(
        lambda: measures.measure("ae", spark_path, engine="spark", session=session), repeat
    )
    assert isinstance(spark, measures.MeasureResult)
    cores = session.sparkContext.defaultParallelism
    print(
        f"PySpark local[{cores}], measure ae on {spark_rows:,} rows: {spark_time:7.2f} s"
        f"  (counted {spark.rows_counted:,})"
    )


if __name__ == "__main__":
    main()
