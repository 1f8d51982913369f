"""`measure ae` on DuckDB against the same count written by hand in DuckDB SQL, and on PySpark.

Generates (once) a Parquet file of synthetic attendances with ``gen_records.py``, then times:

- ``nhsplan.measure("ae", FILE)`` on DuckDB: the portable Ibis definition, with every row's
  problems checked and reported;
- the same counts written by hand in DuckDB SQL (DuckDB's own time-zone support, no checks);
- ``nhsplan.measure("ae", FILE, engine="spark")`` in local mode (``--spark-rows`` to run Spark
  on a smaller file when the machine is small).

Each timing is the best of ``--repeat`` runs; the ratio is the figure to read.

Run: python benchmarks/bench_measures.py [--rows 25000000] [--spark-rows N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from gen_records import generate

from nhsplan.engines import measures

HAND_SQL = """
SELECT org, year(arrival) AS y, month(arrival) AS m, count(*) AS attendances,
       count(*) FILTER (WHERE stay <= 14400) AS within_4h,
       count(*) FILTER (WHERE type = 1) AS type_1,
       count(*) FILTER (WHERE type = 1 AND stay <= 14400) AS type_1_within_4h,
       count(*) FILTER (WHERE stay > 43200) AS over_12h
FROM (
    SELECT org, arrival, type,
           epoch(timezone('Europe/London', departure))
             - epoch(timezone('Europe/London', arrival)) AS stay
    FROM read_parquet('{path}')
)
WHERE stay >= 0
GROUP BY ALL
"""


NAIVE_SQL = """
SELECT org, year(arrival) AS y, month(arrival) AS m, count(*) AS attendances,
       count(*) FILTER (WHERE stay <= 14400) AS within_4h,
       count(*) FILTER (WHERE type = 1) AS type_1,
       count(*) FILTER (WHERE type = 1 AND stay <= 14400) AS type_1_within_4h,
       count(*) FILTER (WHERE stay > 43200) AS over_12h
FROM (
    SELECT org, arrival, type, epoch(departure) - epoch(arrival) AS stay
    FROM read_parquet('{path}')
)
WHERE stay >= 0
GROUP BY ALL
"""
"""The floor: the same counts with the clock changes ignored (wrong twice a year)."""


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
    parser.add_argument("--spark-rows", type=int, default=None, help="default: --rows")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/nhsplan-bench"))
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--no-duckdb", action="store_true")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = records(args.dir, args.rows)

    if not args.no_duckdb:
        duckdb_figures(path, args.rows, args.repeat)
    if not args.no_spark:
        spark_figures(args.dir, args.spark_rows or args.rows)


def duckdb_figures(path: Path, rows: int, repeat: int) -> None:
    con = duckdb.connect()
    naive_time, _ = best(lambda: con.sql(NAIVE_SQL.format(path=path)).fetchall(), repeat)
    hand_time, hand = best(lambda: con.sql(HAND_SQL.format(path=path)).fetchall(), repeat)
    ours_time, ours = best(lambda: measures.measure("ae", path), repeat)
    assert isinstance(ours, measures.MeasureResult)
    assert isinstance(hand, list)
    hand_total = sum(row[3] for row in hand)
    ours_within = sum(o.numerator or 0 for o in ours.observations if o.metric == "ae_4_hour")
    print(f"rows: {rows:,}; counted: {ours.rows_counted:,} (hand-written SQL: {hand_total:,})")
    print(f"within 4 hours: {ours_within:,.0f} (hand-written SQL: {sum(r[4] for r in hand):,})")
    print(f"DuckDB, hand-written SQL:     {hand_time:7.2f} s")
    print(f"DuckDB, nhsplan measure ae:   {ours_time:7.2f} s  ({ours_time / hand_time:.2f}x)")
    print(
        f"DuckDB, clock changes ignored: {naive_time:6.2f} s  "
        f"(measure ae is {ours_time / naive_time:.2f}x this floor)"
    )


def spark_figures(directory: Path, spark_rows: int) -> None:
    spark_path = records(directory, spark_rows)
    session = measures.spark_session()
    measures.measure("ae", records(directory, 1000), engine="spark", session=session)  # warm-up
    spark_time, spark = best(
        lambda: measures.measure("ae", spark_path, engine="spark", session=session), 1
    )
    assert isinstance(spark, measures.MeasureResult)
    cores = session.sparkContext.defaultParallelism
    print(
        f"PySpark local[{cores}], measure ae on {spark_rows:,} rows: {spark_time:7.2f} s"
        f"  (counted {spark.rows_counted:,})"
    )


if __name__ == "__main__":
    main()
