"""Synthetic A&E attendance records, written to Parquet by DuckDB.

A year of England's A&E is about 25 million attendances. The records are shaped like the real
thing, not copies of it: 180 organisations, arrivals spread over a financial year (1 April 2021
to 31 March 2022, both clock changes inside it), types 1-3 at 70/10/20 %, stays of about
2.5 hours on average with a long tail past 12 hours. A fixed seed makes the file reproducible.

Run: python benchmarks/gen_records.py OUT.parquet [--rows 25000000]
"""

from __future__ import annotations

import argparse
import time

import duckdb

SQL = """
COPY (
    SELECT
        'R' || lpad(CAST(1 + (i * 7919) % 180 AS VARCHAR), 3, '0') AS org,
        arrival,
        arrival + to_seconds(CAST(floor(-ln(1 - r2) * 9000) AS BIGINT)) AS departure,
        CASE WHEN r3 < 0.7 THEN 1 WHEN r3 < 0.8 THEN 2 ELSE 3 END AS type
    FROM (
        SELECT
            i,
            TIMESTAMP '2021-04-01 00:00:00'
                + to_seconds(CAST(floor(r1 * 365 * 86400) AS BIGINT)) AS arrival,
            r2,
            r3
        FROM (
            SELECT i, random() AS r1, random() AS r2, random() AS r3 FROM range({rows}) t(i)
        )
    )
) TO '{out}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)
"""


def generate(out: str, rows: int, *, seed: float = 0.42) -> None:
    con = duckdb.connect()
    con.execute(f"SELECT setseed({seed})")
    con.execute(SQL.format(rows=int(rows), out=out.replace("'", "''")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the Parquet file to write")
    parser.add_argument("--rows", type=int, default=25_000_000)
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.out, args.rows)
    print(f"wrote {args.rows:,} attendances to {args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
