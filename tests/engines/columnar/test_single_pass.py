"""The single pass gives what reading row by row gives, and reads periods and numbers as it does."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nhsplan import NhsplanError
from nhsplan.calendar import parse_period
from nhsplan.calendar._common import MAX_YEAR, MIN_YEAR
from nhsplan.catalog import load_guidance
from nhsplan.engines.columnar.rules import period_key, period_of_key
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.evaluate.report import Report
from nhsplan.io.readers import read_observations_csv
from nhsplan.io.readers._quality import parse_number
from nhsplan.io.readers.observations import OBSERVATION_COLUMNS
from nhsplan.model import Guidance, ScoringKind
from tests.engines.columnar.test_columnar import _write

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("narwhals")

from nhsplan.engines.columnar import (  # noqa: E402
    FrameResult,
    evaluate_file,
    evaluate_frame,
)
from nhsplan.engines.columnar.scan import (  # noqa: E402 - after the extra is known present
    LAST_MONTH,
    ScanSpec,
    read_groups,
    scan_query,
)
from tests.profiles import examples  # noqa: E402

EDITIONS = {e: load_guidance(e) for e in ("standards", "2021/22", "2023/24", "2025/26")}


def _period_texts() -> list[str]:
    texts = []
    for year in range(MIN_YEAR - 1, MAX_YEAR + 2):
        texts += [f"{year:04d}-{month:02d}" for month in range(14)]
        for two in ((year + 1) % 100, year % 100):
            fy = f"{year:04d}/{two:02d}"
            texts += [fy, *(f"{fy} Q{q}" for q in range(6)), *(f"{fy} H{h}" for h in range(4))]
    return [*texts, "2019-3", " 2019-03", "2019-03 ", "2019/20 q1", "2019/2020", "Q1 2019/20"]


def _scan(cells: list[tuple[str, str, str, str, str, str, str]], spec: ScanSpec) -> list:  # type: ignore[type-arg]
    con = duckdb.connect()
    try:
        con.execute(
            "CREATE TABLE t (o VARCHAR, m VARCHAR, p VARCHAR, v VARCHAR, u VARCHAR, "
            "n VARCHAR, d VARCHAR)"
        )
        con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", cells)
        columns = dict(zip(OBSERVATION_COLUMNS, ("o", "m", "p", "v", "u", "n", "d"), strict=True))
        return read_groups(con.execute(scan_query("t", columns, [], spec)).fetchall(), spec)
    finally:
        con.close()


class TestPeriodArithmetic:
    def test_every_canonical_period_and_no_other_text(self) -> None:
        """The SQL reads a text as the period parse_period reads it back to, or not at all."""
        texts = _period_texts()
        spec = ScanSpec(latest=((LAST_MONTH, None, None),), keys=(), ranges=())
        rows = [(f"R{i}", "m", text, "", "", "1", "2") for i, text in enumerate(texts)]
        groups = {int(g.org[1:]): g for g in _scan(rows, spec)}
        checked = 0
        for i, text in enumerate(texts):
            try:
                period = parse_period(text)
                expected = period_key(period) if str(period) == text else None
            except NhsplanError:
                expected = None
            group = groups[i]
            got = group.latest[0] if not group.bad else None
            assert got == expected, text
            checked += expected is not None
        assert checked > 5_000  # every month, quarter, half and year of the calendar

    def test_the_period_count_reads_every_bit_of_the_bitmap(self) -> None:
        """Periods on each word's first and last bits are all counted, a repeat once."""
        base = 254 * 95  # a month index whose bit is 0 (2010-11)
        bits = (0, 1, 62, 63, 64, 127, 128, 190, 191, 192, 252, 253)
        texts = [f"{(base + b) // 12:04d}-{(base + b) % 12 + 1:02d}" for b in bits]
        spec = ScanSpec(latest=(), keys=(), ranges=())
        rows = [("R1", "m", text, "", "", "1", "2") for text in texts]
        (group,) = _scan(rows, spec)
        assert (group.rows, group.bad, group.periods) == (len(bits), 0, len(bits))
        (repeated,) = _scan([*rows, rows[3]], spec)
        assert (repeated.rows, repeated.periods) == (len(bits) + 1, len(bits))

    def test_keys_name_their_periods(self) -> None:
        for text in ("2019-03", "2019/20", "2019/20 Q4", "2019/20 H1", "1900-04", "2201-03"):
            assert period_of_key(period_key(parse_period(text))) == parse_period(text)


_NUMBER_TEXT = st.text(alphabet="0123456789.eE+-_ ,infatyINFATY\t", max_size=10)


class TestNumbers:
    @settings(max_examples=examples(50, 200), deadline=None)
    @given(texts=st.lists(_NUMBER_TEXT, min_size=1, max_size=40))
    def test_a_number_the_pass_reads_is_the_readers_number(self, texts: list[str]) -> None:
        """Where the pass reads a numerator, the row reader reads the same number."""
        spec = ScanSpec(latest=(), keys=(period_key(parse_period("2019-03")),), ranges=())
        rows = [(f"R{i}", "m", "2019-03", "", "", text, text) for i, text in enumerate(texts)]
        for group in _scan(rows, spec):
            text = texts[int(group.org[1:])]
            figure = next(iter(group.figures.values()), (None, None, None))
            if group.bad == 0:
                assert parse_number(text) == figure[1], text

    @pytest.mark.parametrize(
        "text", ["1_000", "inf", "nan", "Infinity", "1e400", "-5", "1,234", " ", "0x10"]
    )
    def test_what_the_reader_refuses_or_reads_otherwise_is_not_vouched_for(self, text: str) -> None:
        spec = ScanSpec(latest=(), keys=(), ranges=())
        (group,) = _scan([("R1", "m", "2019-03", "", "", text, "10")], spec)
        assert group.bad == 1


# --- differential: clean files judged by the single pass, against the row reader ---------------


def _metrics(guidance: Guidance) -> list[str]:
    return sorted({t.metric for t in guidance.targets if t.metric is not None})


_PERIODS = [
    *(f"{y}-{m:02d}" for y in (2018, 2019, 2021, 2022, 2024, 2025) for m in (1, 3, 4, 6, 12)),
    "2019/20",
    "2021/22",
    "2024/25",
    "2019/20 Q3",
    "2021/22 Q4",
    "2024/25 H1",
]
_AS_OF = [date(2019, 3, 31), date(2020, 1, 15), date(2022, 3, 31), date(2025, 6, 30)]


@st.composite
def _clean_file(draw: st.DrawFn) -> tuple[str, date, list[list[str]]]:
    edition = draw(st.sampled_from(sorted(EDITIONS)))
    guidance = EDITIONS[edition]
    metrics = draw(st.lists(st.sampled_from(_metrics(guidance)), min_size=1, max_size=3))
    rows: dict[tuple[str, str, str], list[str]] = {}
    for _ in range(draw(st.integers(1, 30))):
        org = draw(st.sampled_from(["RBD", "RXX", "ENGLAND", "R1A"]))
        metric = draw(st.sampled_from(metrics))
        period = draw(st.sampled_from(_PERIODS))
        unit = guidance.metric(metric).unit
        if guidance.metric(metric).kind is ScoringKind.PROPORTION:
            denominator = draw(st.integers(1, 5000))
            numerator = draw(st.integers(0, denominator))
            if draw(st.booleans()):
                figure = ["", "", str(numerator), str(denominator)]
            else:
                figure = [f"{100 * numerator / denominator:.1f}", "%", "", ""]
        else:
            figure = [str(draw(st.integers(0, 10_000))), unit, "", ""]
        rows[org, metric, period] = [org, metric, period, *figure]
    return edition, draw(st.sampled_from(_AS_OF)), list(rows.values())


def _frames(rows: list[list[str]]) -> list[object]:
    """The rows as pandas and polars frames of text, and with the counts as numbers."""
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    columns = {name: [r[i] for r in rows] for i, name in enumerate(OBSERVATION_COLUMNS)}
    counted: dict[str, list[str] | list[int | None]] = dict(columns)
    for name in ("numerator", "denominator"):
        counted[name] = [int(c) if c else None for c in columns[name]]
    return [
        pd.DataFrame(columns, dtype="string"),
        pl.DataFrame(columns, schema=dict.fromkeys(OBSERVATION_COLUMNS, pl.String)),
        pd.DataFrame(counted),
    ]


def _attempt(run: Callable[[], FrameResult]) -> FrameResult | str:
    """The result, or the error as text (to compare with the row reader's)."""
    try:
        return run()
    except NhsplanError as exc:
        return f"{type(exc).__name__}: {exc}"


def _by_rows(path: Path, guidance: Guidance, as_of: date) -> Report | str:
    try:
        result = read_observations_csv(path, guidance=guidance)
        return evaluate_guidance(guidance, result.observations, as_of=as_of)
    except NhsplanError as exc:
        return f"{type(exc).__name__}: {exc}"


class TestDifferential:
    @settings(
        max_examples=examples(25, 150),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(case=_clean_file())
    def test_single_pass_matches_the_row_reader(
        self, tmp_path: Path, case: tuple[str, date, list[list[str]]]
    ) -> None:
        edition, as_of, rows = case
        guidance = EDITIONS[edition]
        path = _write(rows, tmp_path / "clean.csv")
        expected = _by_rows(path, guidance, as_of)
        result = _attempt(lambda: evaluate_file(path, guidance, as_of=as_of))
        if isinstance(result, str) or isinstance(expected, str):
            assert result == expected
            return
        event(result.method)
        written = io.StringIO()
        result.write_csv(written)
        assert written.getvalue() == expected.to_csv()
        assert result.report == expected
        assert result.account.balanced
        for frame in _frames(rows):
            got = evaluate_frame(guidance, frame, as_of=as_of, check_metrics=True)
            assert got.report == expected, type(frame)

    def test_clean_files_take_the_single_pass(self, tmp_path: Path) -> None:
        rows = [
            ["RBD", "ae_4_hour", f"2019-{m:02d}", "", "", str(9000 + m), "10000"]
            for m in range(1, 13)
        ] + [["ENGLAND", "ae_4_hour", "2019-11", "91.5", "%", "", ""]]
        path = _write(rows, tmp_path / "clean.csv")
        result = evaluate_file(path, EDITIONS["standards"], as_of=date(2019, 12, 31))
        assert result.method == "single pass"
        expected = _by_rows(path, EDITIONS["standards"], date(2019, 12, 31))
        assert result.report == expected

    @pytest.mark.parametrize(
        "extra",
        [
            ["RBD", "ae_4_hour", "2019-03", "", "", "1", "2"],  # a repeat of a row
            ["RBD", "ae_4_hour", "2019-13", "", "", "1", "2"],  # a bad period
            ["RBD", "ae_4_hour", " 2019-05", "", "", "1", "2"],  # a loose spelling
            ["rbd", "ae_4_hour", "2019-05", "", "", "1", "2"],  # a lower-case code
            ["RBD", "ae_4_hour", "2019-05", "", "", "3", "2"],  # more than the whole
        ],
    )
    def test_anything_not_plain_takes_the_thorough_path(
        self, tmp_path: Path, extra: list[str]
    ) -> None:
        rows = [["RBD", "ae_4_hour", "2019-03", "", "", "9000", "10000"], extra]
        path = _write(rows, tmp_path / "f.csv")
        guidance = EDITIONS["standards"]
        as_of = date(2019, 12, 31)
        result = _attempt(lambda: evaluate_file(path, guidance, as_of=as_of, skip_invalid=True))
        if isinstance(result, str):
            assert result == _by_rows(path, guidance, as_of)
            return
        assert result.method != "single pass"
        assert result.account.balanced


class TestIntegerColumns:
    """Figures held as integers are read as their text is: the same report, the same pass."""

    _ROWS: tuple[tuple[str, str, str | None, str | None, int | None, int | None], ...] = (
        ("RBD", "2019-02", None, None, 9_000, 10_000),
        ("RBD", "2019-03", None, None, 9_600, 10_000),
        ("RXX", "2019-03", None, None, 0, 1),
        ("RYY", "2019-03", "91.5", "%", None, None),
    )
    _BIG = (
        ("RZZ", "2019-03", None, None, 10**15 - 2, 10**15 - 1),  # fifteen digits: plain
        ("RZY", "2019-03", None, None, 10**15 - 1, 10**15),  # sixteen: not plain
    )

    @staticmethod
    def _frames(
        rows: tuple[tuple[str, str, str | None, str | None, int | None, int | None], ...],
        dtype: str,
    ) -> tuple[object, object]:
        pd = pytest.importorskip("pandas")
        cells = {
            "org": [r[0] for r in rows],
            "metric": ["ae_4_hour"] * len(rows),
            "period": [r[1] for r in rows],
            "value": [r[2] for r in rows],
            "unit": [r[3] for r in rows],
        }
        numbers = {"numerator": [r[4] for r in rows], "denominator": [r[5] for r in rows]}
        typed = pd.DataFrame({**cells, **{k: pd.array(v, dtype=dtype) for k, v in numbers.items()}})
        text = pd.DataFrame(
            {
                **cells,
                **{k: [None if x is None else str(x) for x in v] for k, v in numbers.items()},
            },
            dtype="string",
        )
        return typed, text

    @pytest.mark.parametrize("dtype", ["Int64", "Int16", "UInt32", "Int8"])
    @pytest.mark.parametrize("big", [False, True])
    def test_integers_read_as_their_text(self, dtype: str, big: bool) -> None:
        rows = self._ROWS
        if dtype == "Int8":
            rows = (("RXX", "2019-03", None, None, 0, 1), ("RBD", "2019-03", None, None, 90, 100))
        if big:
            if dtype != "Int64":
                pytest.skip("the dtype holds no fifteen-digit number")
            # without a missing figure: the column pass cannot read a nullable integer
            # column holding NA (a TypeError in pandas), whatever the single pass does
            rows = (*rows[:3], *self._BIG)
        typed, text = self._frames(rows, dtype)
        guidance, as_of = EDITIONS["standards"], date(2019, 3, 31)
        got = _attempt(lambda: evaluate_frame(guidance, typed, as_of=as_of, skip_invalid=True))
        expected = _attempt(lambda: evaluate_frame(guidance, text, as_of=as_of, skip_invalid=True))
        if isinstance(got, str) or isinstance(expected, str):
            assert got == expected
            return
        assert got.report == expected.report
        assert got.method == expected.method
        assert got.method == ("column pass" if big else "single pass")

    def test_a_negative_integer_is_not_vouched_for(self) -> None:
        rows = (("RBD", "2019-03", None, None, -1, 10),)
        typed, _text = self._frames(rows, "Int64")
        result = _attempt(
            lambda: evaluate_frame(
                EDITIONS["standards"], typed, as_of=date(2019, 3, 31), skip_invalid=True
            )
        )
        assert isinstance(result, FrameResult)
        assert result.method != "single pass"
        assert result.issues


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_evaluates_a_frame_too() -> None:
    """The single pass leaves no DuckDB database open: a child forked after it works.

    (A database kept open for the next call, as a speed-up, crashed the child: DuckDB's
    threads are not forked, and dropping or using the parent's database segfaults.)
    """
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "org": ["RBD", "RBD"],
            "metric": ["ae_4_hour", "ae_4_hour"],
            "period": ["2019-02", "2019-03"],
            "numerator": [9000, 9600],
            "denominator": [10000, 10000],
        }
    )
    guidance, as_of = EDITIONS["standards"], date(2019, 3, 31)
    expected = evaluate_frame(guidance, frame, as_of=as_of)
    assert expected.method == "single pass"
    pid = os.fork()
    if pid == 0:  # the child: its exit status says whether it got the same report
        code = 1
        try:
            got = evaluate_frame(guidance, frame, as_of=as_of)
            code = 0 if got.report == expected.report else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status), f"the child was killed by signal {os.WTERMSIG(status)}"
    assert os.WEXITSTATUS(status) == 0
