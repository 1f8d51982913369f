"""Time zones in record-level measures: aware instants are converted, naive times are England's.

Both clock changes (the last Sundays of March and October), from both kinds of timestamp:
time-zone-aware ones (a Parquet ``TIMESTAMP`` adjusted to UTC, or tagged Europe/London) and
naive ones (England's wall-clock time, as CSV text is).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("ibis", reason="the measures need the duckdb extra (ibis-framework)")
pytest.importorskip("duckdb", reason="the measures need the duckdb extra")
pytest.importorskip("pyarrow", reason="Parquet files are written with pyarrow")

import pyarrow as pa
import pyarrow.parquet as pq

from nhsplan.engines.measures import _london, measure
from nhsplan.engines.measures._cells import parse_date, parse_timestamp
from nhsplan.engines.measures._engine import connect, fetch, read_records
from nhsplan.model import Observation

LONDON = ZoneInfo("Europe/London")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# org, arrival, departure (UTC instants), within 4 hours, month of arrival in England
AWARE = [
    # October: 01:20 BST (first 01:20) to 04:00 GMT is 3 h 40 min; read as wall-clock times
    # the stay would be 4 h 40 min, a breach.
    ("OCT1", utc("2021-10-31 00:20"), utc("2021-10-31 04:00"), 1, "2021-10"),
    # October: 01:30 GMT (the second 01:30) to 05:31 GMT is 4 h 1 min.
    ("OCT2", utc("2021-10-31 01:30"), utc("2021-10-31 05:31"), 0, "2021-10"),
    # March: 23:00 GMT to 04:10 BST is 4 h 10 min; as wall-clock times, 3 h 10 min.
    ("MAR1", utc("2021-03-27 23:00"), utc("2021-03-28 03:10"), 0, "2021-03"),
    # March: 00:30 GMT to 05:30 BST is exactly 4 h: within.
    ("MAR2", utc("2021-03-28 00:30"), utc("2021-03-28 04:30"), 1, "2021-03"),
    # 23:30 UTC on 30 June is 00:30 BST on 1 July: a July arrival.
    ("JUL1", utc("2021-06-30 23:30"), utc("2021-07-01 01:00"), 1, "2021-07"),
    # 00:30 UTC on 1 November is 00:30 GMT: November.
    ("NOV1", utc("2021-11-01 00:30"), utc("2021-11-01 01:00"), 1, "2021-11"),
]

# org, arrival, departure (England's wall clock), within 4 hours - naive times
NAIVE = [
    ("OCT1", "2021-10-31 00:30", "2021-10-31 04:00", 0),  # clocks back: 4 h 30 min
    ("OCT2", "2021-10-31 00:30", "2021-10-31 03:30", 1),  # 4 h exactly
    ("MAR1", "2021-03-28 00:30", "2021-03-28 05:00", 1),  # clocks forward: 3 h 30 min
    ("MAR2", "2021-03-28 00:30", "2021-03-28 05:31", 0),  # 4 h 1 min
]


def _write_aware(path: Path, zone: str) -> None:
    kind = pa.timestamp("us", tz=zone)
    pq.write_table(
        pa.table(
            {
                "org": [c[0] for c in AWARE],
                "arrival": pa.array([c[1] for c in AWARE], kind),
                "departure": pa.array([c[2] for c in AWARE], kind),
                "type": pa.array([1] * len(AWARE), pa.int64()),
            }
        ),
        path,
    )


def _ae(observations: Iterable[Observation]) -> dict[tuple[str, str], tuple[float, float]]:
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for o in observations:
        if o.metric == "ae_4_hour":
            assert o.numerator is not None
            assert o.denominator is not None
            out[(o.org, str(o.period))] = (o.numerator, o.denominator)
    return out


class TestAware:
    @pytest.mark.parametrize("zone", ["UTC", "Europe/London", "+05:00"])
    def test_stays_and_months_of_instants(self, tmp_path: Path, zone: str) -> None:
        path = tmp_path / "ae.parquet"
        _write_aware(path, zone)
        result = measure("ae", path)
        assert result.rows_counted == len(AWARE)
        got = _ae(result.observations)
        assert got == {(org, month): (within, 1) for org, _a, _d, within, month in AWARE}

    def test_wall_clock_matches_zoneinfo(self, tmp_path: Path) -> None:
        rng = random.Random(2021)
        instants = [
            utc(day) + timedelta(minutes=step)
            for day in ("2021-03-27 22:00", "2021-10-30 22:00", "1996-10-26 22:00")
            for step in range(0, 300, 5)
        ]
        start = utc("1996-01-01 00:00")
        instants += [start + timedelta(seconds=rng.randrange(40 * 365 * 86400)) for _ in range(300)]
        path = tmp_path / "instants.parquet"
        pq.write_table(pa.table({"at": pa.array(instants, pa.timestamp("s", tz="UTC"))}), path)
        backend = connect("duckdb")
        table, _ = read_records(backend, path)
        wall = parse_timestamp(table, "at")
        expr = table.select(
            "at",
            wall=wall,
            day=parse_date(table, "at"),
            seconds=_london.seconds(table.at, wall),
        )
        for row in fetch(backend, expr):
            at = row["at"].astimezone(UTC)
            local = at.astimezone(LONDON).replace(tzinfo=None)
            assert row["wall"] == local, at
            assert row["day"] == local.date(), at
            assert row["seconds"] == int(at.timestamp()), at


class TestNaive:
    def _check(self, path: Path) -> None:
        got = _ae(measure("ae", path).observations)
        assert got == {(org, a[:7]): (within, 1) for org, a, _d, within in NAIVE}

    def test_csv_text_is_englands_wall_clock(self, tmp_path: Path) -> None:
        path = tmp_path / "ae.csv"
        path.write_text(
            "org,arrival,departure,type\n" + "".join(f"{o},{a},{d},1\n" for o, a, d, _w in NAIVE),
            encoding="utf-8",
        )
        self._check(path)

    def test_naive_parquet_is_englands_wall_clock(self, tmp_path: Path) -> None:
        path = tmp_path / "ae.parquet"
        kind = pa.timestamp("us")
        pq.write_table(
            pa.table(
                {
                    "org": [c[0] for c in NAIVE],
                    "arrival": pa.array([datetime.fromisoformat(c[1]) for c in NAIVE], kind),
                    "departure": pa.array([datetime.fromisoformat(c[2]) for c in NAIVE], kind),
                    "type": pa.array([1] * len(NAIVE), pa.int64()),
                }
            ),
            path,
        )
        self._check(path)
