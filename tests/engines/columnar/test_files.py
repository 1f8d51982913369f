"""Files in every form a user saves give, column-wise, what the row reader gives; no row is lost.

Differential: each file is evaluated by :func:`~nhsplan.engines.columnar.evaluate_file` on
each of its paths (the single pass, the column pass) and by the row reader
(:func:`~nhsplan.io.readers.read_observations_csv` and :func:`~nhsplan.evaluate_guidance`);
the assessments, the issues and the error, if any, must be the same, and every row
accounted for against the file itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsplan import NhsplanError
from nhsplan.catalog import load_guidance
from nhsplan.engines.columnar import FrameResult, evaluate_file
from nhsplan.engines.columnar.files import csv_data_lines, duckdb_path
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.io.readers import read_observations_csv
from nhsplan.io.readers.observations import OBSERVATION_COLUMNS
from tests.profiles import examples

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("narwhals")
pl = pytest.importorskip("polars")

GUIDANCE = load_guidance("standards")
AS_OF = date(2019, 3, 31)
HEADER = ",".join(OBSERVATION_COLUMNS)
ROWS = [
    "RBD,ae_4_hour,2019-03,,,9600,10000",
    "RXX,ae_4_hour,2019-03,,,9000,10000",
    "R1A,ae_4_hour,2019-02,,,50,100",
]

Outcome = tuple[str, object, object]


def _row_reader(path: Path, *, skip_invalid: bool) -> Outcome:
    """What reading row by row gives (``nhsplan evaluate`` with two editions)."""
    try:
        result = read_observations_csv(path, skip_invalid=skip_invalid, guidance=GUIDANCE)
        report = evaluate_guidance(GUIDANCE, list(result.observations), as_of=AS_OF)
    except NhsplanError as exc:
        return ("error", type(exc).__name__, str(exc))
    issues = [(i.row, i.column, i.message) for i in result.issues]
    return ("report", report.assessments, issues)


def _columnar(path: Path, *, skip_invalid: bool, forced: str) -> Outcome:
    progress: Callable[[int, int], None] | None = None
    if forced == "column pass":
        progress = lambda _done, _total: None  # noqa: E731 - a progress callback skips the single pass
    try:
        result = evaluate_file(
            path, GUIDANCE, as_of=AS_OF, skip_invalid=skip_invalid, progress=progress
        )
    except NhsplanError as exc:
        return ("error", type(exc).__name__, str(exc))
    assert isinstance(result, FrameResult)
    assert result.account.balanced, result.account
    issues = [(i.row, i.column, i.message) for i in result.issues]
    return ("report", result.report.assessments, issues)


def _same(path: Path) -> None:
    for skip_invalid in (False, True):
        expected = _row_reader(path, skip_invalid=skip_invalid)
        for forced in ("any", "column pass"):
            assert _columnar(path, skip_invalid=skip_invalid, forced=forced) == expected, (
                forced,
                skip_invalid,
            )


def _file(tmp_path: Path, data: bytes, name: str = "obs.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _text(lines: list[str], end: str = "\n") -> bytes:
    return (end.join(lines) + end).encode("utf-8")


FORMS: dict[str, bytes] = {
    "plain": _text([HEADER, *ROWS]),
    "crlf (Excel on Windows)": _text([HEADER, *ROWS], end="\r\n"),
    "a byte-order mark": b"\xef\xbb\xbf" + _text([HEADER, *ROWS], end="\r\n"),
    "latin-1": _text([HEADER, *ROWS, "RÉX,ae_4_hour,2019-03,,,1,2"]).decode().encode("latin-1"),
    "quoted fields": _text([HEADER, *(",".join(f'"{c}"' for c in r.split(",")) for r in ROWS)]),
    "a quoted line break": _text([HEADER, *ROWS, '"R\nB",ae_4_hour,2019-03,,,1,2']),
    "blank trailing lines": _text([HEADER, *ROWS]) + b"\n\n",
    "a header only": _text([HEADER]),
    "a header only, no newline": HEADER.encode(),
    "no final newline": _text([HEADER, *ROWS])[:-1],
    "columns in another order": _text(
        [
            "denominator,numerator,unit,value,period,metric,org",
            *(",".join(reversed(r.split(","))) for r in ROWS),
        ]
    ),
    "last line one cell too many": _text([HEADER, *ROWS, "RYY,ae_4_hour,2019-03,,,1,2,x"]),
    "last line one cell too many, crlf": _text(
        [HEADER, *ROWS, "RYY,ae_4_hour,2019-03,,,1,2,x"], end="\r\n"
    ),
    "a short row": _text([HEADER, *ROWS, "RYY,ae_4_hour,2019-03,,,1"]),
    "a trailing empty cell": _text([HEADER, *(r + "," for r in ROWS)]),
    "old Mac line ends": _text([HEADER, *ROWS], end="\r"),
    "a lone carriage return in a cell": _text([HEADER, *ROWS, "RYY,ae_4_hour\r,2019-03,,,1,2"]),
    "a repeated row": _text([HEADER, *ROWS, ROWS[0]]),
}


class TestForms:
    @pytest.mark.parametrize("form", sorted(FORMS))
    def test_same_as_the_row_reader(self, form: str, tmp_path: Path) -> None:
        _same(_file(tmp_path, FORMS[form]))

    def test_crlf_is_judged_in_one_pass(self, tmp_path: Path) -> None:
        path = _file(tmp_path, FORMS["crlf (Excel on Windows)"])
        result = evaluate_file(path, GUIDANCE, as_of=AS_OF)
        assert result.method == "single pass"
        assert result.account.rows == 3
        assert {a.org for a in result.report.assessments} == {"RBD", "RXX", "R1A"}


class TestNamesAreLiteral:
    @pytest.mark.parametrize("name", ["obs[1].csv", "obs*.csv", "obs?.csv", "o[b]s.csv", "~x.csv"])
    def test_a_glob_character_is_the_character(self, name: str, tmp_path: Path) -> None:
        named = _file(tmp_path, _text([HEADER, ROWS[0]]), name)
        # files the name would match as a pattern, each with another organisation
        for decoy, org in (("obs1.csv", "RD1"), ("obsx.csv", "RD2"), ("obs.csv", "RD3")):
            _file(tmp_path, _text([HEADER, ROWS[0].replace("RBD", org)]), decoy)
        for progress in (None, lambda _done, _total: None):
            result = evaluate_file(named, GUIDANCE, as_of=AS_OF, progress=progress)
            assert {a.org for a in result.report.assessments} == {"RBD"}
            assert result.account.rows == 1

    def test_parquet_name_is_literal(self, tmp_path: Path) -> None:
        frame = pl.DataFrame(
            {"org": ["RBD"], "metric": ["ae_4_hour"], "period": ["2019-03"]}
            | {"numerator": ["9600"], "denominator": ["10000"]}
        )
        frame.write_parquet(tmp_path / "obs[1].parquet")
        frame.with_columns(org=pl.lit("RD1")).write_parquet(tmp_path / "obs1.parquet")
        result = evaluate_file(tmp_path / "obs[1].parquet", GUIDANCE, as_of=AS_OF)
        assert {a.org for a in result.report.assessments} == {"RBD"}

    def test_duckdb_path_reads_one_file(self, tmp_path: Path) -> None:
        named = _file(tmp_path, b"a\n1\n", "x[1]*?.csv")
        _file(tmp_path, b"a\n2\n", "x1.csv")
        found = duckdb.sql(f"SELECT a FROM read_csv('{duckdb_path(named)}')").fetchall()
        assert found == [(1,)]


class TestParquet:
    def _repeated(self, tmp_path: Path) -> Path:
        rows = [r.split(",") for r in [*ROWS, ROWS[0]]]
        frame = pl.DataFrame(
            {name: [r[i] for r in rows] for i, name in enumerate(OBSERVATION_COLUMNS)}
        )
        path = tmp_path / "obs.parquet"
        frame.write_parquet(path)
        frame.write_csv(tmp_path / "obs.csv")
        return path

    def test_a_repeated_row_is_reported_as_in_csv(self, tmp_path: Path) -> None:
        path = self._repeated(tmp_path)
        for skip_invalid in (False, True):
            expected = _row_reader(tmp_path / "obs.csv", skip_invalid=skip_invalid)
            found = _columnar(path, skip_invalid=skip_invalid, forced="any")
            if expected[0] == "error":
                assert found[0] == "error"
                assert str(found[2]).replace("obs.parquet", "obs.csv") == expected[2]
            else:
                assert found == expected
        result = evaluate_file(path, GUIDANCE, as_of=AS_OF, skip_invalid=True)
        assert "not UTF-8" not in " ".join(result.report.warnings)
        assert [i.row for i in result.issues] == [5]

    def test_parquet_needs_the_extra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        path = self._repeated(tmp_path)
        monkeypatch.setitem(__import__("sys").modules, "duckdb", None)
        with pytest.raises(ImportError, match="duckdb"):
            evaluate_file(path, GUIDANCE, as_of=AS_OF)


class TestCounting:
    @pytest.mark.parametrize(
        ("data", "rows"),
        [
            (b"", 0),
            (b"h", 0),
            (b"h\n", 0),
            (b"h\r\n1\r\n2", 2),
            (b"h\n1\n2\n", 2),
            (b"h\n1\n\n", 2),
        ],
    )
    def test_data_lines(self, data: bytes, rows: int, tmp_path: Path) -> None:
        assert csv_data_lines(_file(tmp_path, data)) == rows

    def test_a_miscount_falls_back_to_the_reader(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A fast path whose rows do not add up to the file's is not believed."""
        from nhsplan.engines.columnar import files as columnar  # noqa: PLC0415

        path = _file(tmp_path, FORMS["plain"])
        monkeypatch.setattr(columnar, "csv_data_lines", lambda _path: 4)
        result = evaluate_file(path, GUIDANCE, as_of=AS_OF)
        assert result.method == "row by row"
        assert result.account.rows == 3  # the reader's own count

    def test_a_row_path_that_loses_rows_stops(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from nhsplan.engines.columnar import (  # noqa: PLC0415
            RowsNotAccountedError,
            fallback,
        )

        path = _file(tmp_path, FORMS["blank trailing lines"])
        monkeypatch.setattr(fallback, "_count_rows", lambda _stream: (9, 0))
        with pytest.raises(RowsNotAccountedError, match="9 data rows"):
            evaluate_file(path, GUIDANCE, as_of=AS_OF)


def test_a_file_that_is_not_parquet_is_named(tmp_path: Path) -> None:
    from nhsplan.io.readers.observations import ObservationFileError  # noqa: PLC0415

    path = _file(tmp_path, b"org,metric\n", "obs.parquet")
    with pytest.raises(ObservationFileError, match="not a readable Parquet file"):
        evaluate_file(path, GUIDANCE, as_of=AS_OF)


class TestWithoutNarwhals:
    """The single pass needs DuckDB alone; narwhals is imported only by a pass that uses it."""

    def test_a_plain_csv_takes_the_single_pass(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import sys  # noqa: PLC0415

        monkeypatch.setitem(sys.modules, "narwhals", None)
        monkeypatch.setitem(sys.modules, "narwhals.stable.v2", None)
        plain = evaluate_file(_file(tmp_path, FORMS["plain"]), GUIDANCE, as_of=AS_OF)
        assert plain.method == "single pass"
        path = _file(tmp_path, FORMS["a repeated row"], "repeated.csv")
        repeated = evaluate_file(path, GUIDANCE, as_of=AS_OF, skip_invalid=True)
        assert repeated.method == "row by row"  # the column pass needs narwhals
        assert repeated.report.assessments == plain.report.assessments

    def test_a_parquet_file_the_single_pass_declines_names_the_extra(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import sys  # noqa: PLC0415

        pl = pytest.importorskip("polars")
        path = tmp_path / "obs.parquet"
        frame = pl.DataFrame(
            {c: ["RBD" if c == "org" else "x"] * 2 for c in OBSERVATION_COLUMNS}
        )  # a repeated row and bad figures: not the single pass's
        frame.write_parquet(path)
        monkeypatch.setitem(sys.modules, "narwhals", None)
        monkeypatch.setitem(sys.modules, "narwhals.stable.v2", None)
        with pytest.raises(ImportError, match=r"nhsplan\[duckdb\]"):
            evaluate_file(path, GUIDANCE, as_of=AS_OF, skip_invalid=True)


class TestCsvCountThread:
    def test_an_error_in_counting_is_raised_in_the_caller(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from nhsplan.engines.columnar import files  # noqa: PLC0415

        def fail(_path: object) -> int:
            raise OSError("disk gone")

        monkeypatch.setattr(files, "csv_data_lines", fail)
        with pytest.raises(OSError, match="disk gone"):
            evaluate_file(_file(tmp_path, FORMS["plain"]), GUIDANCE, as_of=AS_OF)

    def test_no_counting_thread_outlives_the_call(self, tmp_path: Path) -> None:
        import threading  # noqa: PLC0415

        evaluate_file(_file(tmp_path, FORMS["plain"]), GUIDANCE, as_of=AS_OF)
        with pytest.raises(NhsplanError):
            evaluate_file(_file(tmp_path, b"org,metric\nRBD,x\n", "bad.csv"), GUIDANCE, as_of=AS_OF)
        assert not [t for t in threading.enumerate() if t.name == "nhsplan-line-count"]


class TestIrregular:
    """``irregular`` looks for the carriage-return patterns only in a file that has one."""

    @staticmethod
    def every_pattern(data: bytes) -> bool:
        """The check as it was, each pattern searched for in every file: the oracle."""
        import re  # noqa: PLC0415

        body = data.find(b"\n") + 1
        if body <= 0:
            return False
        return (
            any(data.find(p, body) >= 0 for p in (b"\n\n", b"\n\r\n", b"\r\r", b"\x00"))
            or data[body : body + 1] == b"\n"
            or re.search(rb"\r(?!\n)", data) is not None
        )

    @settings(max_examples=examples(300, 2000), deadline=None)
    @given(
        st.lists(st.sampled_from([b"a", b"\r", b"\x00"]), max_size=3),
        st.lists(st.sampled_from([b"a", b",", b"\n", b"\r", b"\r\n", b"\x00"]), max_size=12),
    )
    def test_same_answer_as_every_pattern(self, head: list[bytes], parts: list[bytes]) -> None:
        import tempfile  # noqa: PLC0415

        from nhsplan.engines.columnar.files import irregular  # noqa: PLC0415

        data = b"org" + b"".join(head) + b",metric\n" + b"".join(parts)
        with tempfile.TemporaryFile() as raw:
            raw.write(data)
            raw.flush()
            assert irregular(raw, len(data)) == self.every_pattern(data), data


class TestLineCounts:
    @pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 24])
    def test_chunk_boundaries_do_not_change_the_counts(
        self, chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import random  # noqa: PLC0415
        import re  # noqa: PLC0415

        from nhsplan.engines.columnar import files  # noqa: PLC0415

        monkeypatch.setattr(files, "_CHUNK", chunk)
        names = {b"\r\n": "CRLF", b"\r": "CR", b"\n": "LF"}
        rng = random.Random(chunk)
        for i in range(300):
            data = bytes(rng.choice(b"ab\n\r") for _ in range(rng.randint(0, 30)))
            path = _file(tmp_path, data, f"{i}.csv")
            ends = re.findall(rb"\r\n|\r|\n", data)
            kinds = frozenset(names[end] for end in ends)
            end, blank = (b"\r", rb"\r(?=\r)") if kinds == {"CR"} else (b"\n", rb"\n(?=\r?\n)")
            lines = data.count(end) + (1 if data and not data.endswith(end) else 0)
            counted = (max(lines - 1, 0), len(re.findall(blank, data)), kinds)
            assert files.line_counts(path) == counted, data
            lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
            assert files.csv_data_lines(path) == max(lines - 1, 0)
            odd = next((row for row, e in enumerate(ends, start=1) if e != ends[0]), None)
            expected = None if odd is None else (odd, names[ends[odd - 1]], names[ends[0]])
            assert files.odd_line_end(path) == expected, data

    def test_gzip(self, tmp_path: Path) -> None:
        import gzip  # noqa: PLC0415

        from nhsplan.engines.columnar.files import line_counts  # noqa: PLC0415

        path = tmp_path / "a.csv.gz"
        path.write_bytes(gzip.compress(b"h\n1\n\n2\n"))
        assert line_counts(path) == (3, 1, frozenset({"LF"}))
