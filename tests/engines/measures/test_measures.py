"""Record-level measures: the same cases on every engine (DuckDB, and Spark in local mode)."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("ibis", reason="the measures need the duckdb extra (ibis-framework)")
pytest.importorskip("duckdb", reason="the measures need the duckdb extra")

from nhsplan.calendar import add_months, parse_period
from nhsplan.engines.measures import MeasureInputError, MeasureResult, _london, ae, measure, rtt
from nhsplan.engines.measures._cells import parse_timestamp
from nhsplan.engines.measures._common import run as run_measure
from nhsplan.engines.measures._engine import connect, fetch, proven_in_range, read_records
from nhsplan.evaluate.rules.leder import leder_in_time
from nhsplan.model import CaseRecord

LONDON = ZoneInfo("Europe/London")

pytestmark = [
    # PySpark's py4j leaves its sockets to the garbage collector: not nhsplan's to fix.
    pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401, PLC0415
    except ImportError:
        return "pyspark is not installed (pip install 'nhsplan[spark]')"
    if shutil.which("java") is None:
        return "Java is not installed (Spark runs on the JVM; .ci/run installs it)"
    return None


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One local Spark session for the whole run: one core, one shuffle partition, no UI."""
    missing = _spark_missing()
    if missing:
        pytest.skip(missing)
    from pyspark.sql import SparkSession  # noqa: PLC0415

    session = (
        SparkSession.builder.master("local[1]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(params=["duckdb", "spark"])
def engine(request: pytest.FixtureRequest) -> str:
    if request.param == "spark":
        request.getfixturevalue("spark")
    return str(request.param)


def run(
    engine: str, tmp_path: Path, kind: str, text: str, request: pytest.FixtureRequest, **kw: Any
) -> MeasureResult:
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    session = request.getfixturevalue("spark") if engine == "spark" else None
    result = measure(kind, path, engine=engine, session=session, **kw)
    assert result.rows_in == len(text.strip().splitlines()) - 1
    assert result.rows_in == result.rows_counted + result.rows_reported
    return result


def figures(result: MeasureResult) -> dict[tuple[str, str, str], tuple[float, ...]]:
    out: dict[tuple[str, str, str], tuple[float, ...]] = {}
    for o in result.observations:
        if o.value is not None:
            value = o.value if isinstance(o.value, float) else o.value.magnitude
            out[(o.org, o.metric, str(o.period))] = (value,)
        else:
            assert o.numerator is not None
            assert o.denominator is not None
            out[(o.org, o.metric, str(o.period))] = (o.numerator, o.denominator)
    return out


def reasons(result: MeasureResult) -> dict[str, int]:
    return {issue.reason: issue.rows for issue in result.issues}


# --- A&E ---------------------------------------------------------------------------------------

CLOCK_CASES = [
    # org, arrival, departure, within 4 hours, over 12 hours - each its own organisation
    ("SPR1", "2021-03-28 00:30", "2021-03-28 05:00", 1, 0),  # clocks forward: 3 h 30 min
    ("SPR2", "2021-03-28 00:30", "2021-03-28 05:31", 0, 0),  # 4 h 1 min
    ("SPR3", "2021-03-27 23:00", "2021-03-28 12:00", 0, 0),  # 12 h exactly: not over 12
    ("SPR4", "2021-03-27 22:00", "2021-03-28 11:01", 0, 1),  # 12 h 1 min
    ("AUT1", "2021-10-31 00:30", "2021-10-31 04:00", 0, 0),  # clocks back: 4 h 30 min
    ("AUT2", "2021-10-31 00:30", "2021-10-31 03:30", 1, 0),  # 4 h exactly: within
    ("AUT3", "2021-10-30 14:00", "2021-10-31 01:00", 0, 0),  # 01:00 read as BST: 11 h
    ("AUT4", "2021-10-30 14:00", "2021-10-31 02:00", 0, 1),  # 02:00 GMT: 13 h, over 12
    ("PLN1", "2021-06-01 10:00", "2021-06-01 14:00", 1, 0),  # no clock change: 4 h
    ("PLN2", "2021-06-01 10:00", "2021-06-01 14:00:01", 0, 0),  # 4 h and a second
]


class TestAe:
    def test_stays_are_real_elapsed_time_across_clock_changes(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        text = "org,arrival,departure,type\n" + "".join(
            f"{org},{a},{d},1\n" for org, a, d, _w, _o in CLOCK_CASES
        )
        got = figures(run(engine, tmp_path, "ae", text, request))
        for org, arrival, _d, within, over in CLOCK_CASES:
            month = arrival[:7]
            assert got[(org, "ae_4_hour", month)] == (within, 1), org
            assert got[(org, "ae_4_hour_type_1", month)] == (within, 1), org
            assert got[(org, "ae_over_12_hours_from_arrival", month)] == (over, 1), org

    def test_months_by_arrival_and_empty_months_have_no_figure(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        text = (
            "org,arrival,departure,type\n"
            "RBD,2022-01-31 23:00,2022-02-01 01:00,1\n"  # counts in January
            "RBD,2022-01-10 10:00,2022-01-10 16:00,3\n"
            "RBD,2022-03-05 10:00,2022-03-05 11:00,3\n"  # no attendances in February
        )
        got = figures(run(engine, tmp_path, "ae", text, request))
        assert got == {
            ("RBD", "ae_4_hour", "2022-01"): (1, 2),
            ("RBD", "ae_4_hour_type_1", "2022-01"): (1, 1),
            ("RBD", "ae_over_12_hours_from_arrival", "2022-01"): (0, 2),
            ("RBD", "ae_4_hour", "2022-03"): (1, 1),  # no type 1 in March: no type-1 figure
            ("RBD", "ae_over_12_hours_from_arrival", "2022-03"): (0, 1),
        }

    def test_bad_rows_are_reported_not_dropped(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        text = (
            "org,arrival,departure,type\n"
            "RBD,2021-11-01 10:00,2021-11-01 11:00,1\n"
            "RBD,2021-11-01 10:00,2021-11-01 09:59,1\n"
            "RBD,01/11/2021 10:00,2021-11-01 11:00,1\n"
            "RBD,,2021-11-01 11:00,1\n"
            "RBD,2021-11-01 10:00,2021-11-31 11:00,1\n"
            "RBD,2021-11-01 10:00,2021-11-01 11:00,4\n"
            "RBD,2021-11-01 10:00,2021-11-01 11:00,\n"
            "rbd,2021-11-01 10:00,2021-11-01 11:00,1\n"
            ",2021-11-01 10:00,2021-11-01 11:00,1\n"
            "RBD,1995-11-01 10:00,1995-11-01 11:00,1\n"
        )
        result = run(engine, tmp_path, "ae", text, request)
        # "rbd" is RBD, as evaluate reads it (issue 18); only the blank org is reported
        assert figures(result)[("RBD", "ae_4_hour", "2021-11")] == (2, 2)
        assert result.rows_counted == 2
        org = "org is not an organisation code (letters and digits, e.g. RBD)"
        assert reasons(result) == {
            "departure is before arrival": 1,
            "arrival is not a date and time (for example 2021-03-28 00:30)": 1,
            "arrival is missing": 1,
            "departure is not a date and time (for example 2021-03-28 00:30)": 1,
            "type is not 1, 2 or 3": 2,
            org: 1,
            "arrival before 1996, when the UK's present clock-change rule began": 1,
        }
        assert all(issue.invalid for issue in result.issues)
        bad = next(i for i in result.issues if i.reason == "arrival is missing")
        assert bad.examples[0]["departure"] == "2021-11-01 11:00"

    def test_parquet_with_typed_timestamps_gives_the_same_figures(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        import duckdb  # noqa: PLC0415

        text = "org,arrival,departure,type\n" + "".join(
            f"{org},{a},{d},1\n" for org, a, d, _w, _o in CLOCK_CASES
        )
        from_csv = run(engine, tmp_path, "ae", text, request)
        parquet = tmp_path / "ae.parquet"
        relation = duckdb.sql(
            "SELECT org, CAST(arrival AS TIMESTAMP) AS arrival, "
            "CAST(departure AS TIMESTAMP) AS departure, CAST(type AS INTEGER) AS type "
            f"FROM read_csv('{tmp_path / 'ae.csv'}', all_varchar=true)"
        )
        assert relation is not None
        relation.write_parquet(str(parquet))
        session = request.getfixturevalue("spark") if engine == "spark" else None
        from_parquet = measure("ae", parquet, engine=engine, session=session)
        assert figures(from_parquet) == figures(from_csv)

    def test_missing_column_is_an_error_naming_it(self, tmp_path: Path) -> None:
        path = tmp_path / "ae.csv"
        path.write_text("org,arrival,type\nRBD,2021-11-01 10:00,1\n")
        with pytest.raises(MeasureInputError, match=r"(?s)'departure'.*org,arrival,departure,type"):
            measure("ae", path)


class TestLondonTime:
    """The clock-change rule written as expressions agrees with zoneinfo (fold=0)."""

    def test_utc_seconds_match_zoneinfo(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        rng = random.Random(20211031)
        walls = [
            datetime(year, month, day, 0, 0) + timedelta(minutes=step)
            for year, month, day in ((2021, 3, 28), (2021, 10, 31), (2024, 3, 31), (1996, 10, 27))
            for step in range(-90, 240, 10)
        ]
        start = datetime(1996, 1, 1)
        walls += [start + timedelta(seconds=rng.randrange(40 * 365 * 86400)) for _ in range(300)]
        path = tmp_path / "walls.csv"
        path.write_text("wall\n" + "".join(f"{w:%Y-%m-%d %H:%M:%S}\n" for w in walls))
        session = request.getfixturevalue("spark") if engine == "spark" else None
        backend = connect(engine, session=session)
        table, _name = read_records(backend, path)
        expr = table.select(
            "wall", utc=_london.utc_seconds(parse_timestamp(table, "wall")).cast("int64")
        )
        got = {row["wall"]: row["utc"] for row in fetch(backend, expr)}
        for wall in walls:
            expected = int(wall.replace(tzinfo=LONDON).timestamp())
            assert got[f"{wall:%Y-%m-%d %H:%M:%S}"] == expected, wall


# --- RTT ---------------------------------------------------------------------------------------


class TestRtt:
    def test_weeks_are_counted_as_the_published_bands(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        snapshot = date(2021, 11, 30)
        days = [0, 126, 127, 364, 365, 455, 456, 546, 547, 728, 729]
        text = "org,clock_start,snapshot_date\n" + "".join(
            f"RBD,{snapshot - timedelta(days=d)},{snapshot}\n" for d in days
        )
        got = figures(run(engine, tmp_path, "rtt", text, request))
        assert got == {
            ("RBD", "rtt_18_weeks_incomplete", "2021-11"): (2, 11),  # 0 and 126 days
            ("RBD", "rtt_52_week_waiters", "2021-11"): (7,),  # more than 364 days
            ("RBD", "rtt_65_week_waiters", "2021-11"): (5,),
            ("RBD", "rtt_78_week_waiters", "2021-11"): (3,),
            ("RBD", "rtt_104_week_waiters", "2021-11"): (1,),
        }

    def test_bad_rows_and_treatment_function(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        text = (
            "org,clock_start,snapshot_date,treatment_function\n"
            "RBD,2021-10-01,2021-11-30,110\n"
            "RBD,2021-12-01,2021-11-30,110\n"
            "RBD,2021-10-01,2021-11-31,110\n"
            "RBD,2021-10-01,2021-11-30,120\n"
            "RBD,2021-10-01,2021-12-31,110\n"
        )
        result = run(engine, tmp_path, "rtt", text, request, treatment_function="110")
        assert figures(result)[("RBD", "rtt_18_weeks_incomplete", "2021-11")] == (1, 1)
        assert figures(result)[("RBD", "rtt_18_weeks_incomplete", "2021-12")] == (1, 1)
        assert reasons(result) == {
            "clock_start is after snapshot_date": 1,
            "snapshot_date is not a date (for example 2021-11-30)": 1,
            "another treatment function than 110": 1,
        }
        excluded = [i.reason for i in result.issues if not i.invalid]
        assert excluded == ["another treatment function than 110"]


# --- cancer ------------------------------------------------------------------------------------


class TestCancer:
    def test_faster_diagnosis_within_28_days(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        text = (
            "org,referral_date,communicated_date\n"
            "RBD,2021-11-01,2021-11-29\n"  # 28 days: within
            "RBD,2021-11-01,2021-11-30\n"  # 29 days
            "RBD,2021-10-20,2021-11-01\n"  # counts in November, the month told
            "RBD,2021-11-20,\n"  # not yet told: excluded
            "RBD,2021-11-20,2021-11-19\n"  # told before referral: invalid
            "RBD,2021-11-20,2021-13-01\n"  # not a date: invalid
        )
        result = run(engine, tmp_path, "cancer", text, request)
        assert figures(result) == {("RBD", "cancer_faster_diagnosis", "2021-11"): (2, 3)}
        got = {(i.reason, i.invalid): i.rows for i in result.issues}
        assert got == {
            (
                "not yet told a diagnosis (communicated_date empty): in no month's figure yet",
                False,
            ): 1,
            ("communicated_date is before referral_date", True): 1,
            ("communicated_date is not a date (for example 2021-11-30)", True): 1,
        }


# --- LeDeR -------------------------------------------------------------------------------------


def _leder_cases(seed: int, n: int) -> list[tuple[date, date | None]]:
    rng = random.Random(seed)
    month_ends = [date(2021, m, 1) - timedelta(days=1) for m in range(2, 13)]
    cases: list[tuple[date, date | None]] = []
    for i in range(n):
        start = (
            month_ends[i % len(month_ends)]
            if i % 3 == 0
            else date(2021, 1, 1) + timedelta(days=rng.randrange(450))
        )
        due = add_months(start, 6)
        end = (
            None
            if i % 5 == 0
            else rng.choice([due, due + timedelta(days=1), start + timedelta(rng.randrange(400))])
        )
        cases.append((start, end))
    return cases


class TestLeder:
    def test_month_by_month_sums_equal_leder_in_time(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        as_of = date(2022, 3, 31)
        cases = _leder_cases(6, 240)
        text = "org,notified,completed\n" + "".join(
            f"QHL,{start},{end or ''}\n" for start, end in cases
        )
        result = run(engine, tmp_path, "leder", text, request, as_of=as_of)
        got = figures(result)
        records = [
            CaseRecord(org="QHL", metric="leder_reviews_in_time", start=s, end=e) for s, e in cases
        ]
        in_time: float = 0
        due: float = 0
        month = parse_period("2021-01")
        while month.start <= as_of:
            key = ("QHL", "leder_reviews_in_time", str(month))
            top, bottom = got.get(key, (0, 0))
            in_time, due = in_time + top, due + bottom
            expected = leder_in_time(records, as_of=min(as_of, month.end))
            assert (in_time, due) == (expected.in_time, expected.due), month
            month = parse_period(f"{month.end + timedelta(days=1):%Y-%m}")
        expected = leder_in_time(records, as_of=as_of)
        excluded = sum(i.rows for i in result.issues if not i.invalid)
        assert excluded == expected.open_not_yet_due + expected.not_yet_notified

    def test_month_end_clamping(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        text = (
            "org,notified,completed\n"
            "QHL,2021-08-31,2022-02-28\n"  # due 28 February 2022: in time
            "QHL,2021-08-31,2022-03-01\n"  # a day late
            "QHL,2021-08-30,2021-08-29\n"  # completed before notified: invalid
        )
        result = run(engine, tmp_path, "leder", text, request, as_of=date(2022, 3, 31))
        assert figures(result) == {("QHL", "leder_reviews_in_time", "2022-02"): (1, 2)}
        assert reasons(result) == {"completed is before notified": 1}

    def test_needs_as_of(self, tmp_path: Path) -> None:
        path = tmp_path / "leder.csv"
        path.write_text("org,notified,completed\nQHL,2021-08-31,\n")
        with pytest.raises(MeasureInputError, match="as_of"):
            measure("leder", path)


# --- the command -------------------------------------------------------------------------------


class TestCommand:
    def test_measure_writes_a_file_evaluate_reads(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from nhsplan import cli  # noqa: PLC0415
        from nhsplan.catalog import load_guidance  # noqa: PLC0415
        from nhsplan.io.readers import read_observations_csv  # noqa: PLC0415

        records = tmp_path / "ae.csv"
        records.write_text(
            "org,arrival,departure,type\n"
            "RBD,2021-11-01 10:00,2021-11-01 11:00,1\n"
            "RBD,2021-11-01 10:00,2021-11-01 16:00,3\n"
            "RBD,2021-11-01 10:00,bad,3\n"
        )
        out = tmp_path / "obs.csv"
        code = cli.main(
            ["measure", "ae", str(records), "--output", str(out), "--edition", "standards"]
        )
        assert code == 0
        err = capsys.readouterr().err
        assert "3 rows = 2 counted + 1 reported" in err
        assert "ae_4_hour_type_1 is not a metric of standards" in err
        read = read_observations_csv(out, guidance=load_guidance("standards"))
        assert [(o.metric, o.numerator, o.denominator) for o in read.observations] == [
            ("ae_4_hour", 1, 2)
        ]

    def test_the_collector_waits_until_the_command_is_done(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import gc  # noqa: PLC0415

        import nhsplan.engines.measures  # noqa: PLC0415
        from nhsplan import cli  # noqa: PLC0415

        records = tmp_path / "ae.csv"
        records.write_text("org,arrival,departure,type\nRBD,2021-11-01 10:00,2021-11-01 11:00,1\n")
        seen: list[bool] = []

        def counted(*args: Any, **kwargs: Any) -> MeasureResult:
            seen.append(gc.isenabled())
            return measure(*args, **kwargs)

        monkeypatch.setattr(nhsplan.engines.measures, "measure", counted)
        assert gc.isenabled()
        assert cli.main(["measure", "ae", str(records), "--output", str(tmp_path / "o.csv")]) == 0
        assert seen == [False]
        assert gc.isenabled()

    def test_unknown_file_is_bad_input(self, tmp_path: Path) -> None:
        from nhsplan import cli  # noqa: PLC0415

        assert cli.main(["measure", "rtt", str(tmp_path / "none.csv")]) == 2

    def test_lazy_public_name(self) -> None:
        import nhsplan  # noqa: PLC0415

        assert nhsplan.measure is measure


# --- strict cells, literal names, files DuckDB cannot sniff -----------------------------------

_GOOD_VISIT = "2021-11-01 10:00,2021-11-01 11:00"


class TestStrictCells:
    def test_a_type_is_a_whole_number_never_cast(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        lenient = ["2.5", "0.6", "1.4", "1e0", "+1", "0x1", "1.0", "-1"]
        text = "org,arrival,departure,type\n" + "".join(
            f"RBD,{_GOOD_VISIT},{cell}\n" for cell in ["1", " 2 ", "3", *lenient]
        )
        result = run(engine, tmp_path, "ae", text, request)
        assert result.rows_counted == 3
        assert reasons(result) == {"type is not 1, 2 or 3": len(lenient)}
        shown = {e["type"] for i in result.issues for e in i.examples}
        assert shown <= set(lenient)  # the cells as written, not as cast
        if engine == "duckdb":  # each with its row in the file (the header is row 1)
            rows = [e["row"] for i in result.issues for e in i.examples]
            assert rows == ["5", "6", "7"]
            assert "(for example row 5: org='RBD'" in str(result.issues[0])

    def test_times_are_real_and_hours_run_to_23(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        text = (
            "org,arrival,departure,type\n"
            "RBD,2021-11-01 23:00,2021-11-01 23:59,1\n"
            "RBD,2021-11-01 23:00,2021-11-01 24:00,1\n"
            "RBD,0000-01-01 10:00,2021-11-01 11:00,1\n"
            "RBD,2021-02-29 10:00,2021-03-01 11:00,1\n"
            "RBD,1947-12-31 10:00,1947-12-31 11:00,1\n"
            "RBD, 2021-11-01 10:00 ,2021-11-01 11:00,1\n"
        )
        result = run(engine, tmp_path, "ae", text, request)
        assert result.rows_counted == 2
        assert reasons(result) == {
            "departure is not a date and time (for example 2021-03-28 00:30)": 1,
            "arrival is not a date and time (for example 2021-03-28 00:30)": 3,
        }

    def test_parquet_examples_from_the_counting_pass_are_the_csvs(self, tmp_path: Path) -> None:
        # A Parquet file's examples come from the counting pass (file_row_number, arg_min per
        # group), a CSV's from a second pass: the same rows, the first three in the file of
        # each reason, though each reason's bad rows lie in groups of several orgs and months.
        rng = random.Random(16)
        lines = []
        for _ in range(400):
            org, month = rng.choice(["RBD", "RJ1", "RX1"]), rng.choice(["10", "11"])
            cells = [org, f"2021-{month}-01 10:00", f"2021-{month}-01 11:00", "1"]
            bad = rng.random()
            if bad < 0.05:
                cells[3] = rng.choice(["2.5", "7", "x"])
            elif bad < 0.1:
                cells[2] = f"2021-{month}-01 09:00"
            lines.append(",".join(cells) + "\n")
        csv_path, parquet_path = tmp_path / "ae.csv", tmp_path / "ae.parquet"
        csv_path.write_text("org,arrival,departure,type\n" + "".join(lines))
        import duckdb  # noqa: PLC0415

        duckdb.sql(f"COPY (FROM read_csv('{csv_path}', all_varchar = true)) TO '{parquet_path}'")
        from_csv, from_parquet = measure("ae", csv_path), measure("ae", parquet_path)
        assert len(from_csv.issues) == 2
        assert all(len(issue.examples) == 3 for issue in from_csv.issues)
        assert from_parquet.issues == from_csv.issues
        assert from_parquet.observations == from_csv.observations

    def test_no_row_numbers_where_blank_lines_would_shift_them(self, tmp_path: Path) -> None:
        path = tmp_path / "ae.csv"
        path.write_text(f"org,arrival,departure,type\n\nRBD,{_GOOD_VISIT},2.5\n")
        (issue,) = measure("ae", path).issues
        assert "row" not in issue.examples[0]

    def test_dates_from_1948(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        text = (
            "org,clock_start,snapshot_date\n"
            "RBD,2021-06-01,2021-11-30\n"
            "RBD,0000-01-01,2021-11-30\n"
            "RBD,2021-06-31,2021-11-30\n"
            "RBD,20210601,2021-11-30\n"
            "RBD,1948-01-01,2021-11-30\n"
        )
        result = run(engine, tmp_path, "rtt", text, request)
        assert result.rows_counted == 2
        assert reasons(result) == {"clock_start is not a date (for example 2021-11-30)": 3}

    def test_typed_parquet_dates_before_1948_are_reported(self, tmp_path: Path) -> None:
        import duckdb  # noqa: PLC0415

        path = tmp_path / "rtt.parquet"
        relation = duckdb.sql(
            "SELECT 'RBD' AS org, DATE '0001-01-01' AS clock_start, "
            "DATE '2021-11-30' AS snapshot_date"
        )
        assert relation is not None
        relation.write_parquet(str(path))
        result = measure("rtt", path)
        assert reasons(result) == {"clock_start is not a date (for example 2021-11-30)": 1}


def _write_parquet(query: str, path: Path) -> None:
    import duckdb  # noqa: PLC0415

    relation = duckdb.sql(query)
    assert relation is not None
    relation.write_parquet(str(path))


class TestParquetStatistics:
    """A range check the file's own statistics prove is left out; nothing else changes."""

    @pytest.mark.parametrize(
        ("latest", "proven"),
        [
            ("2201-03-31 23:59:59", True),  # the last record date's last second
            ("2201-04-01 00:00:00", False),  # the day after it
            ("1947-12-31 23:59:59", False),  # before 1948 (the earliest, so the minimum)
        ],
    )
    def test_a_column_is_proven_only_within_the_record_dates(
        self, tmp_path: Path, latest: str, proven: bool
    ) -> None:
        path = tmp_path / "ae.parquet"
        _write_parquet(
            "SELECT * FROM (VALUES ('RBD', TIMESTAMP '2021-06-01 10:00', "
            "TIMESTAMP '2021-06-01 11:00', 1), ('RBD', TIMESTAMP '2021-06-01 10:00', "
            f"TIMESTAMP '{latest}', 1)) t(org, arrival, departure, type)",
            path,
        )
        backend = connect()
        table, _ = read_records(backend, path)
        found = proven_in_range(backend, table, path)
        assert found == ({"arrival", "departure"} if proven else {"arrival"})
        result = measure("ae", path)
        assert result.rows_counted == (2 if proven else 1)
        if not proven:
            assert reasons(result) == {
                "departure is not a date and time (for example 2021-03-28 00:30)": 1
            }

    def test_no_proof_for_a_csv_or_an_aware_column(self, tmp_path: Path) -> None:
        path = tmp_path / "ae.parquet"
        _write_parquet(
            "SELECT 'RBD' AS org, TIMESTAMPTZ '2021-06-01 10:00+00' AS arrival, "
            "TIMESTAMP '2021-06-01 11:00' AS departure, 1 AS type",
            path,
        )
        backend = connect()
        table, _ = read_records(backend, path)
        assert proven_in_range(backend, table, path) == {"departure"}
        csv = tmp_path / "ae.csv"
        csv.write_text("org,arrival,departure,type\nRBD,2021-06-01 10:00,2021-06-01 11:00,1\n")
        table, _ = read_records(backend, csv)
        assert proven_in_range(backend, table, csv) == frozenset()

    def test_the_proof_changes_no_count_or_example(self, tmp_path: Path) -> None:
        csv = tmp_path / "ae.csv"
        rows = [(o, a, d, 1) for o, a, d, _w, _o in CLOCK_CASES]
        rows += [("RBD", "2021-06-01 10:00", "2021-06-01 09:00", 1)]  # departure first
        csv.write_text(
            "org,arrival,departure,type\n" + "".join(f"{o},{a},{d},{t}\n" for o, a, d, t in rows)
        )
        path = tmp_path / "ae.parquet"
        _write_parquet(
            f"SELECT org, CAST(arrival AS TIMESTAMP) AS arrival, "
            f"CAST(departure AS TIMESTAMP) AS departure, type FROM read_csv('{csv}')",
            path,
        )
        backend = connect()
        table, name = read_records(backend, path)
        assert proven_in_range(backend, table, path) == {"arrival", "departure"}
        proven = measure("ae", path)
        checked = run_measure(ae.measure(), table, engine="duckdb", backend=backend, source=name)
        assert proven == checked
        assert reasons(proven) == {"departure is before arrival": 1}
        assert proven.issues[0].examples[0]["row"] == str(len(rows) + 1)

    def test_a_proven_date_column_counts_as_a_checked_one(self, tmp_path: Path) -> None:
        path = tmp_path / "rtt.parquet"
        _write_parquet(
            "SELECT * FROM (VALUES ('RBD', DATE '2021-06-01', DATE '2021-11-30'), "
            "('RBD', DATE '2020-01-01', DATE '2021-11-30'), ('RBD', NULL, DATE '2021-11-30'), "
            "('RBD', DATE '2021-12-01', DATE '2021-11-30')) t(org, clock_start, snapshot_date)",
            path,
        )
        backend = connect()
        table, name = read_records(backend, path)
        assert proven_in_range(backend, table, path) == {"clock_start", "snapshot_date"}
        spec = rtt.measure()
        checked = run_measure(spec, table, engine="duckdb", backend=backend, source=name)
        assert measure("rtt", path) == checked
        assert checked.rows_counted == 2


class TestHeader:
    def test_a_header_is_read_as_evaluate_reads_one(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        # names in any case, spaces around them: DuckDB refused 'ORG' (a missing 'org')
        rows = f"RBD,{_GOOD_VISIT},1\n"
        plain = run(engine, tmp_path, "ae", "org,arrival,departure,type\n" + rows, request)
        shouted = run(engine, tmp_path, "ae", "ORG, Arrival ,DEPARTURE,Type\n" + rows, request)
        assert shouted.observations == plain.observations
        assert (shouted.rows_in, shouted.rows_counted) == (1, 1)


class TestNoParquet:
    def test_a_file_named_parquet_that_is_not_is_refused_by_name(
        self, engine: str, tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        # it was DuckDB's or Java's own exception (a traceback, exit 1 from the command)
        path = tmp_path / "attendances.parquet"
        path.write_text("org,arrival,departure,type\n", encoding="utf-8")
        session = request.getfixturevalue("spark") if engine == "spark" else None
        with pytest.raises(
            MeasureInputError, match=r"attendances\.parquet: not a readable Parquet"
        ):
            measure("ae", path, engine=engine, session=session)


class TestRecordFiles:
    def test_a_name_is_taken_literally(self, tmp_path: Path) -> None:
        header = "org,arrival,departure,type\n"
        (tmp_path / "ae[1].csv").write_text(header + f"RBD,{_GOOD_VISIT},1\n")
        (tmp_path / "ae1.csv").write_text(header + f"RXX,{_GOOD_VISIT},1\n")
        (tmp_path / "ae*.csv").write_text(header + f"R1A,{_GOOD_VISIT},1\n")
        for name, org in (("ae[1].csv", "RBD"), ("ae*.csv", "R1A")):
            result = measure("ae", tmp_path / name)
            assert {o.org for o in result.observations} == {org}
            assert result.rows_in == 1

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                f"org,arrival,departure,type\nRBD,{_GOOD_VISIT},1\nRBD,{_GOOD_VISIT},1,x\n",
                r"row 3: 5 cells where the header has 4; a ragged row",
            ),
            (
                f"org,arrival,departure,type\nRBD,{_GOOD_VISIT},1\nRBD,{_GOOD_VISIT}\n",
                r"row 3: 3 cells where the header has 4; a ragged row",
            ),
            (
                "org;arrival;departure;type\nRBD;2021-11-01 10:00;2021-11-01 11:00;1\n",
                r"is one column: the file is not comma-separated",
            ),
            (
                f'org,arrival,departure,type\n"R\nBD",{_GOOD_VISIT},1\n',
                r"2 data lines but 1 records read: a line break inside a quoted cell",
            ),
            ("org,org,departure,type\n", r"the column 'org' repeats"),
            ("", r"the file is empty"),
        ],
    )
    def test_a_file_duckdb_cannot_read_gets_a_clear_error(
        self, text: str, message: str, tmp_path: Path
    ) -> None:
        path = tmp_path / "ae.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(MeasureInputError, match=message):
            measure("ae", path)

    @pytest.mark.parametrize(
        "data",
        [
            b"org,arrival,departure,type\r\nRBD,2021-11-01 10:00,2021-11-01 11:00,1\r\n",
            b"\xef\xbb\xbforg,arrival,departure,type\nRBD,2021-11-01 10:00,2021-11-01 11:00,1\n",
            b"org,arrival,departure,type\nRBD,2021-11-01 10:00,2021-11-01 11:00,1\n\n",
            b'"org","arrival","departure","type"\n"RBD","2021-11-01 10:00","2021-11-01 11:00","1"',
        ],
        ids=["crlf", "bom", "blank trailing line", "quoted, no final newline"],
    )
    def test_every_form_is_read_as_written(self, data: bytes, tmp_path: Path) -> None:
        path = tmp_path / "ae.csv"
        path.write_bytes(data)
        result = measure("ae", path)
        assert result.rows_in == result.rows_counted == 1

    @pytest.mark.parametrize(
        ("ends", "message"),
        [
            (["\r\n", "\n", "\r\n"], r"row 2: the line ends with LF where row 1 ends with CRLF"),
            (["\n", "\n", "\r"], r"row 3: the line ends with CR where row 1 ends with LF"),
            (["\n", "\n", "\r\n"], r"row 3: the line ends with CRLF where row 1 ends with LF"),
        ],
        ids=["crlf then lf", "lf then cr", "lf then crlf"],
    )
    def test_mixed_line_endings_are_refused_naming_the_row(
        self, ends: list[str], message: str, tmp_path: Path
    ) -> None:
        lines = ["org,arrival,departure,type", *[f"RBD,{_GOOD_VISIT},1"] * (len(ends) - 1)]
        path = tmp_path / "ae.csv"
        path.write_bytes("".join(map(str.__add__, lines, ends)).encode())
        with pytest.raises(MeasureInputError, match=message) as raised:
            measure("ae", path)
        assert "save it with one kind of line ending" in str(raised.value)
        assert "state machine" not in str(raised.value)

    @pytest.mark.parametrize("blank", ["", "\r"], ids=["plain", "a blank line"])
    def test_a_file_of_lone_carriage_returns_is_read_line_by_line(
        self, blank: str, tmp_path: Path
    ) -> None:
        # an old Mac file: Python's csv module (nhsplan evaluate) ends a row at each CR
        path = tmp_path / "ae.csv"
        path.write_bytes(
            f"org,arrival,departure,type\rRBD,{_GOOD_VISIT},1\r{blank},{_GOOD_VISIT},1\r".encode()
        )
        result = measure("ae", path)
        assert (result.rows_in, result.rows_counted, result.rows_reported) == (2, 1, 1)

    def test_the_command_reports_a_ragged_file_in_one_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from nhsplan import cli  # noqa: PLC0415

        path = tmp_path / "ae.csv"
        path.write_text(f"org,arrival,departure,type\nRBD,{_GOOD_VISIT},1,x\n")
        assert cli.main(["measure", "ae", str(path)]) == 2
        err = capsys.readouterr().err
        assert "row 2: 5 cells where the header has 4" in err
        assert "Traceback" not in err


class TestRecordFilesOnSpark:
    def test_a_name_is_literal_and_a_ragged_row_is_named(self, spark: Any, tmp_path: Path) -> None:
        header = "org,arrival,departure,type\n"
        (tmp_path / "ae[1].csv").write_text(header + f"RBD,{_GOOD_VISIT},1\n")
        (tmp_path / "ae1.csv").write_text(header + f"RXX,{_GOOD_VISIT},1\n")
        result = measure("ae", tmp_path / "ae[1].csv", engine="spark", session=spark)
        assert {o.org for o in result.observations} == {"RBD"}
        ragged = tmp_path / "ragged.csv"
        ragged.write_text(header + f"RBD,{_GOOD_VISIT},1\nRBD,{_GOOD_VISIT},1,x\n")
        with pytest.raises(MeasureInputError, match="row 3: 5 cells where the header has 4"):
            measure("ae", ragged, engine="spark", session=spark)

    def test_line_endings_are_read_as_on_duckdb(self, spark: Any, tmp_path: Path) -> None:
        path = tmp_path / "ae.csv"
        path.write_bytes(
            f"org,arrival,departure,type\rRBD,{_GOOD_VISIT},1\r,{_GOOD_VISIT},1\r".encode()
        )
        on_spark = measure("ae", path, engine="spark", session=spark)
        assert (on_spark.rows_in, on_spark.rows_counted, on_spark.rows_reported) == (2, 1, 1)
        assert on_spark.observations == measure("ae", path).observations


def test_a_gzipped_csv_is_read_and_counted(tmp_path: Path) -> None:
    import gzip  # noqa: PLC0415

    path = tmp_path / "ae.csv.gz"
    path.write_bytes(gzip.compress(f"org,arrival,departure,type\nRBD,{_GOOD_VISIT},1\n".encode()))
    assert measure("ae", path).rows_counted == 1
