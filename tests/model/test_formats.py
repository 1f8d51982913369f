"""Every built form of each format against one table of accepted and refused texts.

One table per format; each form (Python, DuckDB SQL, Narwhals on pandas, polars and DuckDB,
Ibis on DuckDB) must accept exactly the texts the table accepts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from nhsplan.calendar import FinancialYear, Half, Month, Quarter, parse_period
from nhsplan.calendar._common import MAX_YEAR, MIN_YEAR
from nhsplan.errors import InvalidValueError, NhsplanError
from nhsplan.model.formats import (
    INTEGER,
    ISO_DATE,
    ISO_DATE_TIME,
    METRIC_ID,
    ORG_CODE,
    PERIOD_KINDS,
    PERIOD_TEXT,
    PLAIN_ID,
    PLAIN_INTEGER_HIGH,
    PLAIN_NUMBER,
    TextFormat,
    month_index,
    period_sql,
    period_table_sql,
    plain_integer_sql,
    plain_number_sql,
    read_iso_date,
    read_iso_date_time,
    sql_text,
    upper_ascii,
)

duckdb = pytest.importorskip("duckdb")

_ALWAYS_REFUSED = ("", " ", "\n", "\t", "x\ny", "\u00a0")

TABLE: dict[str, tuple[TextFormat, tuple[str, ...], tuple[str, ...]]] = {
    "org code": (
        ORG_CODE,
        ("RBD", "QVV", "ENGLAND", "E92000001", "R1H-01", "X_1", "0"),
        (
            "rbd",
            "RBD\n",
            " RBD",
            "RBD ",
            "-RB",
            "_RB",
            "STRAßE",
            "RB\uff24",
            "R B",
            "RB.1",
            "R\u0660",
        ),
    ),
    "metric id": (
        METRIC_ID,
        ("ae_4_hour", "a", "rtt_52_week_waiters", "x1"),
        (
            "ae_4_hour\n",
            "ae_4_hour ",
            "Ae_4_hour",
            "ae__4",
            "ae_",
            "_ae",
            "4_hour",
            "ae-4",
            "aé",
        ),
    ),
    "plain id": (
        PLAIN_ID,
        ("C2", "c2_cancer_backlog", "A.1-b", "9"),
        ("C2\n", ".C2", "C 2", "C2é", "-1"),
    ),
    "period text": (
        PERIOD_TEXT,
        ("2021-11", "2021-01", "2021/22", "2021/22 Q3", "2021/22 H1", "1900/01", "2021/23"),
        (
            "2021-13",
            "2021-00",
            "2021-11\n",
            " 2021-11",
            "2021-1",
            "2021/22 Q5",
            "2021/22 H3",
            "2021/22  Q3",
            "2021/22 q3",
            "Q3 2021/22",
            "2021-22",
            "2021/2022",
            "Nov 2021",
            "2021-11-01",
            "\uff12\uff10\uff12\uff11-11",
        ),
    ),
    "plain number": (
        PLAIN_NUMBER,
        ("0", "875", "87.5", "0.001", "123456789012345", "1.123456789012345"),
        (
            "-1",
            "+1",
            "1e3",
            "1,234",
            "1_000",
            " 1",
            "1 ",
            ".5",
            "5.",
            "inf",
            "nan",
            "1234567890123456",
            "1\n",
            "\u0661",
        ),
    ),
    "integer": (
        INTEGER,
        ("1", "2", "3", "01", " 1 ", "10"),
        ("2.5", "0.6", "1.4", "1e0", "+1", "-1", "0x1", "1.0", "one", "\t1", "1\n", "\u0661"),
    ),
    "iso date": (
        ISO_DATE,
        ("2021-12-31", " 2021-12-31", "2021-12-31 ", "0000-01-01", "2021-02-30"),
        (
            "20211231",
            "2021-W52-5",
            "2021-12-31T00:00",
            "2021-1-31",
            "2021-13-01",
            "2021-12-32",
            "2021-12-00",
            "\t2021-12-31",
            "2021-12-31\n",
            "31/12/2021",
        ),
    ),
    "iso date and time": (
        ISO_DATE_TIME,
        (
            "2021-03-28 00:30",
            "2021-03-28T00:30",
            "2021-03-28 23:59:59",
            "2021-03-28 00:30:00.123456",
            " 2021-03-28 00:30 ",
        ),
        (
            "2021-03-28 24:00",
            "2021-03-28 00:60",
            "2021-03-28 00:30:60",
            "2021-03-28",
            "2021-03-28 0:30",
            "2021-03-28 00:30:00.1234567",
            "2021-03-28 00:30+01:00",
            "2021-03-28 00:30\n",
        ),
    ),
}

CASES = [
    (name, fmt, text, accepted)
    for name, (fmt, good, bad) in TABLE.items()
    for texts, accepted in ((good, True), (bad + _ALWAYS_REFUSED, False))
    for text in texts
]


def _ids(case: tuple[str, TextFormat, str, bool]) -> str:
    name, _fmt, text, accepted = case
    return f"{name}-{text!r}-{'ok' if accepted else 'refused'}"


@pytest.fixture(scope="module")
def con() -> Any:
    connection = duckdb.connect()
    yield connection
    connection.close()


class TestPython:
    @pytest.mark.parametrize(("name", "fmt", "text", "accepted"), CASES, ids=map(_ids, CASES))
    def test_matches(self, name: str, fmt: TextFormat, text: str, accepted: bool) -> None:
        assert fmt.matches(text) is accepted

    def test_only_text_matches(self) -> None:
        assert not ORG_CODE.matches(None)
        assert not INTEGER.matches(1)


class TestSql:
    @pytest.mark.parametrize("name", sorted(TABLE))
    def test_sql(self, name: str, con: Any) -> None:
        fmt, good, bad = TABLE[name]
        texts = [*good, *bad, *_ALWAYS_REFUSED]
        rows = con.execute(
            f"SELECT t, {fmt.sql('t')} FROM unnest(?::VARCHAR[]) AS v(t)", [texts]
        ).fetchall()
        assert {t: bool(ok) for t, ok in rows} == {t: t in good for t in texts}

    def test_null_is_null(self, con: Any) -> None:
        assert con.execute(f"SELECT {ORG_CODE.sql('NULL::VARCHAR')}").fetchone() == (None,)


class TestNarwhals:
    @pytest.mark.parametrize("backend", ["pandas", "polars", "duckdb"])
    @pytest.mark.parametrize("name", sorted(TABLE))
    def test_narwhals(self, name: str, backend: str) -> None:
        nw = pytest.importorskip("narwhals.stable.v2")
        fmt, good, bad = TABLE[name]
        texts = [*good, *bad, *_ALWAYS_REFUSED]
        native: Any
        if backend == "pandas":
            pd = pytest.importorskip("pandas")
            native = pd.DataFrame({"t": texts})
        elif backend == "polars":
            pl = pytest.importorskip("polars")
            native = pl.DataFrame({"t": texts})
        else:
            pa = pytest.importorskip("pyarrow")
            native = duckdb.from_arrow(pa.table({"t": texts}))
        frame = nw.from_native(native)
        result = frame.select(nw.col("t"), ok=fmt.narwhals(nw.col("t")))
        if isinstance(result, nw.LazyFrame):
            result = result.collect()
        found = dict(zip(result["t"].to_list(), result["ok"].to_list(), strict=True))
        assert found == {t: t in good for t in texts}


class TestIbis:
    @pytest.mark.parametrize("name", sorted(TABLE))
    def test_ibis_duckdb(self, name: str) -> None:
        ibis = pytest.importorskip("ibis")
        fmt, good, bad = TABLE[name]
        texts = [*good, *bad, *_ALWAYS_REFUSED]
        pa = pytest.importorskip("pyarrow")
        table = ibis.memtable(pa.table({"t": texts}))
        expr = table.select("t", ok=fmt.ibis(table.t))
        rows = ibis.duckdb.connect().to_pyarrow(expr).to_pylist()
        assert {r["t"]: r["ok"] for r in rows} == {t: t in good for t in texts}


class TestUpperAscii:
    @pytest.mark.parametrize(
        ("text", "upper"),
        [
            ("rbd", "RBD"),
            ("Rbd1-x", "RBD1-X"),
            ("straße", "STRAßE"),
            ("\ufb00", "\ufb00"),
            ("\u0131", "\u0131"),
        ],
    )
    def test_ascii_only(self, text: str, upper: str) -> None:
        assert upper_ascii(text) == upper

    def test_code_stays_refused(self) -> None:
        assert not ORG_CODE.matches(upper_ascii("straße"))
        assert ORG_CODE.matches("STRASSE")


def _periods() -> list[Any]:
    out: list[Any] = []
    for year in (MIN_YEAR, 1999, 2021, MAX_YEAR):
        fy = FinancialYear(year)
        out += [fy, *fy.halves(), *fy.quarters(), *fy.months()]
    return out


_PERIOD_REFUSED = (
    "2021/23",
    "2021/21",
    "1899/00",
    "2201/02",
    "1900-03",
    "2201-04",
    "0000-01",
    "9999-12",
    "2021-13",
    "Q3 2021/22",
    "2021/22 Q0",
    "2021-11\n",
    "",
)


class TestPeriodSql:
    def test_every_period_as_python_reads_it(self, con: Any) -> None:
        periods = _periods()
        texts = [str(p) for p in periods]
        kind, first, last = period_sql("t")
        rows = con.execute(
            f"SELECT t, {kind}, {first}, {last} FROM unnest(?::VARCHAR[]) AS v(t)", [texts]
        ).fetchall()
        found = {t: (k, f, e) for t, k, f, e in rows}
        kinds = {Month: "month", Quarter: "quarter", Half: "half", FinancialYear: "year"}
        for period in periods:
            assert parse_period(str(period)) == period
            expected = (
                PERIOD_KINDS[kinds[type(period)]],
                month_index(period.start.year, period.start.month),
                month_index(period.end.year, period.end.month),
            )
            assert found[str(period)] == expected, period

    def test_the_table_holds_every_period_and_nothing_else(self, con: Any) -> None:
        periods: list[Any] = []
        for year in range(MIN_YEAR, MAX_YEAR + 1):
            fy = FinancialYear(year)
            periods += [fy, *fy.halves(), *fy.quarters(), *fy.months()]
        kind, first, last = period_sql("t")
        texts = [str(p) for p in periods]
        expected = con.execute(
            f"SELECT t, {kind}, {first}, {last} FROM unnest(?::VARCHAR[]) AS v(t)", [texts]
        ).fetchall()
        table = con.execute(period_table_sql()).fetchall()
        assert sorted(table) == sorted(expected)
        assert len(table) == len(periods)

    @pytest.mark.parametrize("text", _PERIOD_REFUSED)
    def test_refused_by_the_table(self, text: str, con: Any) -> None:
        found = con.execute(
            f"SELECT count(*) FROM ({period_table_sql()}) WHERE period_text = ?", [text]
        ).fetchone()
        assert found == (0,)

    @pytest.mark.parametrize("text", _PERIOD_REFUSED)
    def test_refused_by_both(self, text: str, con: Any) -> None:
        kind, first, last = period_sql("t")
        row = con.execute(f"SELECT {kind}, {first}, {last} FROM (SELECT ?::VARCHAR AS t)", [text])
        assert row.fetchone() == (None, None, None)
        try:
            period = parse_period(text)
        except NhsplanError:
            return
        assert str(period) != text  # read, but not the canonical spelling the SQL vouches for


class TestReadIsoDate:
    @pytest.mark.parametrize("text", [" 2021-12-31", "2021-12-31", "2021-12-31  "])
    def test_spaces_around(self, text: str) -> None:
        assert read_iso_date(text) == date(2021, 12, 31)

    @pytest.mark.parametrize(
        "text", ["20211231", "2021-W52-5", "2021-02-30", "0000-01-01", "\t2021-12-31", "x"]
    )
    def test_refused(self, text: str) -> None:
        with pytest.raises(InvalidValueError, match="as_of"):
            read_iso_date(text, field="as_of")

    def test_agrees_with_sql(self, con: Any) -> None:
        texts = ["2021-12-31", " 2021-02-28 ", "2021-02-29", "2020-02-29", "2021-04-31"]
        rows = con.execute(
            f"SELECT t, CASE WHEN {ISO_DATE.sql('t')} THEN TRY_CAST(trim(t) AS DATE) END "
            "FROM unnest(?::VARCHAR[]) AS v(t)",
            [texts],
        ).fetchall()
        for text, found in rows:
            try:
                expected: date | None = read_iso_date(text)
            except InvalidValueError:
                expected = None
            assert found == expected, text

    def test_date_time(self) -> None:
        assert read_iso_date_time(" 2021-03-28T00:30 ").hour == 0
        with pytest.raises(InvalidValueError, match="arrival"):
            read_iso_date_time("2021-03-28 24:00", field="arrival")
        with pytest.raises(InvalidValueError, match="real date"):
            read_iso_date_time("2021-02-30 10:00", field="arrival")


class TestBuiltFromTheFormats:
    """The model's validators and the reader use these formats: ids whole, codes in ASCII."""

    @pytest.mark.parametrize("metric", ["ae_4_hour\n", "ae_4_hour ", "Ae_4_hour"])
    def test_an_observation_metric_is_matched_whole(self, metric: str) -> None:
        from nhsplan.model import Observation  # noqa: PLC0415

        with pytest.raises(InvalidValueError, match="metric"):
            Observation(org="RBD", metric=metric, period="2021-11", value=1.0)

    @pytest.mark.parametrize("org", ["straße", "RBD\n", "\ufb00"])
    def test_a_code_is_upper_cased_in_ascii_only(self, org: str) -> None:
        from nhsplan.model import Observation  # noqa: PLC0415

        with pytest.raises(InvalidValueError, match="org"):
            Observation(org=org, metric="ae_4_hour", period="2021-11", value=1.0)

    def test_a_code_in_any_ascii_case(self) -> None:
        from nhsplan.model import Observation  # noqa: PLC0415

        o = Observation(org="rbd", metric="ae_4_hour", period="2021-11", value=1.0)
        assert o.org == "RBD"

    def test_a_metric_id_is_matched_whole(self) -> None:
        from nhsplan.catalog import load_guidance  # noqa: PLC0415

        metric = load_guidance("standards").metrics[0]
        with pytest.raises(InvalidValueError, match="snake_case"):
            attrs_evolve(metric, id=metric.id + "\n")

    def test_the_reader_refuses_a_unicode_code(self) -> None:
        import io  # noqa: PLC0415

        from nhsplan.io.readers import read_observations_csv  # noqa: PLC0415

        text = "org,metric,period,value,unit\nstraße,ae_4_hour,2021-11,87.5,%\n"
        result = read_observations_csv(io.StringIO(text), skip_invalid=True)
        assert result.observations == ()
        assert result.issues[0].column == "org"

    def test_as_of_text(self) -> None:
        from nhsplan.model._inputs import to_as_of  # noqa: PLC0415

        assert to_as_of(" 2021-12-31 ") == date(2021, 12, 31)
        assert to_as_of("2021-12-31T09:00") == date(2021, 12, 31)
        for text in ("20211231", "2021-W52-5", "2021-02-30"):
            with pytest.raises(InvalidValueError, match="as_of"):
                to_as_of(text)


def attrs_evolve(instance: Any, **changes: Any) -> Any:
    import attrs  # noqa: PLC0415

    return attrs.evolve(instance, **changes)


class TestReaderNumbers:
    @pytest.mark.parametrize("text", ["\u0661", "\u0661\u0662", "\uff11", "1\u00a0000"])
    def test_ascii_digits_only(self, text: str) -> None:
        from nhsplan.io.readers._quality import parse_count, parse_number  # noqa: PLC0415

        assert parse_number(text) is None
        assert parse_count(text) is None

    @pytest.mark.parametrize("text", ["0", "875", "87.5", "123456789012345"])
    def test_a_plain_number_reads_the_same_everywhere(self, text: str) -> None:
        from nhsplan.io.readers._quality import parse_number  # noqa: PLC0415

        assert PLAIN_NUMBER.matches(text)
        found = duckdb.sql(f"SELECT CAST('{text}' AS DOUBLE)").fetchall()[0][0]
        assert parse_number(text) == float(text) == found


class TestPlainInteger:
    _TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "UHUGEINT")
    _VALUES = (
        -(10**20),
        -(10**15),
        -1,
        0,
        1,
        127,
        9_999,
        PLAIN_INTEGER_HIGH - 1,
        PLAIN_INTEGER_HIGH,
        PLAIN_INTEGER_HIGH + 1,
        2**53 + 1,
        10**20,
    )

    @pytest.mark.parametrize("sql_type", _TYPES)
    def test_an_integer_is_plain_exactly_where_its_text_is(self, sql_type: str) -> None:
        """The integer condition and PLAIN_NUMBER on the integer's text agree, NULL included."""
        con = duckdb.connect()
        try:
            con.execute(f"CREATE TABLE t (x {sql_type})")
            for value in self._VALUES:
                con.execute(f"INSERT INTO t SELECT TRY_CAST(? AS {sql_type})", [str(value)])
            con.execute("INSERT INTO t VALUES (NULL)")
            rows = con.execute(
                f"SELECT x, {plain_integer_sql('x')}, "
                f"{PLAIN_NUMBER.sql('CAST(x AS VARCHAR)')} FROM t"
            ).fetchall()
        finally:
            con.close()
        assert any(typed for _x, typed, _text in rows)  # some are plain ...
        assert any(typed is False for _x, typed, _text in rows)  # ... and some are not
        for x, typed, text in rows:
            assert typed == text, x

    def test_the_bound_is_the_plain_numbers_fifteen_digits(self) -> None:
        assert PLAIN_NUMBER.matches(str(PLAIN_INTEGER_HIGH))
        assert not PLAIN_NUMBER.matches(str(PLAIN_INTEGER_HIGH + 1))


class TestPlainNumberSql:
    """The number SQL reads exactly the plain numbers, each as Python reads its text."""

    _TEXTS = (
        *TABLE["plain number"][1],
        *TABLE["plain number"][2],
        *_ALWAYS_REFUSED,
        *("00", "007", "0.0", "5.0", "-0", "100", "999999999999999", "1000000000000000"),
        *("18446744073709551615", "18446744073709551616", "1 000", "0x10", "5.6", "\t5", "5\r"),
    )

    def test_a_number_exactly_where_the_text_is_plain(self, con: Any) -> None:
        rows = con.execute(
            f"SELECT t, {plain_number_sql('t')} FROM unnest(?::VARCHAR[]) AS v(t)",
            [list(self._TEXTS)],
        ).fetchall()
        found = dict(rows)
        assert found == {t: float(t) if PLAIN_NUMBER.matches(t) else None for t in self._TEXTS}
        assert sum(v is None for v in found.values()) > 10  # refused ...
        assert sum(v is not None for v in found.values()) > 10  # ... and read

    def test_null_is_null(self, con: Any) -> None:
        assert con.execute(f"SELECT {plain_number_sql('NULL::VARCHAR')}").fetchone() == (None,)


class TestSqlText:
    @pytest.mark.parametrize(("text", "literal"), [("RBD", "'RBD'"), ("O'Brien", "'O''Brien'")])
    def test_quotes_are_doubled(self, text: str, literal: str) -> None:
        assert sql_text(text) == literal
        assert duckdb.sql(f"select {literal}").fetchall() == [(text,)]


def test_a_format_built_after_import_reads_its_own_pattern() -> None:
    # The shipped formats are built when the module is imported; one built later (as a
    # reader's own column format is) compiles its pattern the same way.
    code = TextFormat("a two-letter code", r"[A-Z]{2}", "'AB'")
    assert code.matches("AB")
    assert not code.matches("ABC")
    assert not code.matches("ab")
    assert code == TextFormat("a two-letter code", r"[A-Z]{2}", "'AB'")
