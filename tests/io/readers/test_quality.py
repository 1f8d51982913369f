"""The readers' shared helpers: counts and numbers from cells, names of files, rows too short,
and the text of a file's error, pinned at their edges (docs/mutation.md)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nhsplan.io.readers._quality import (
    DataQualityIssue,
    IssueLog,
    SourceFileError,
    csv_rows,
    full_rows,
    parse_count,
    parse_number,
    read_header,
    source_name,
)


@pytest.mark.parametrize(
    ("text", "count", "number"),
    [
        ("1,234", 1234, 1234.0),
        ("1,234.0", 1234, 1234.0),
        ("12.0", 12, 12.0),
        ("12.5", None, 12.5),
        ("+0012", 12, 12.0),
        ("-7", -7, -7.0),
        ("1e3", 1000, 1000.0),
        ("999999999999999", 999_999_999_999_999, 999_999_999_999_999.0),  # 15 digits
        ("000999999999999999", 999_999_999_999_999, 999_999_999_999_999.0),
        ("1000000000000000", None, 1e15),  # 16
        ("1_000", None, None),
        ("x", None, None),
    ],
)
def test_counts_and_numbers(text: str, count: int | None, number: float | None) -> None:
    assert parse_count(text) == count
    assert parse_number(text) == number


class _Named(io.StringIO):
    def __init__(self, name: object) -> None:
        super().__init__("")
        self.name = name


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("a/b.csv", "a/b.csv"),
        (Path("a/b.csv"), str(Path("a/b.csv"))),
        (_Named("figures.csv"), "figures.csv"),
        (_Named(3), "<stream>"),  # a file opened from a descriptor is named by a number
        (io.StringIO(""), "<stream>"),
    ],
)
def test_source_name(file: object, name: str) -> None:
    assert source_name(file) == name  # type: ignore[arg-type]


def test_full_rows_reports_a_short_row_with_its_cells() -> None:
    log = IssueLog("f.csv")
    rows = list(
        full_rows(
            iter([["a", "b"], ["c"], [""], ["d", "e", "f"]]),
            log,
            width=2,
            excluded_from="the totals",
        )
    )
    assert rows == [(2, ["a", "b"]), (5, ["d", "e", "f"])]
    assert [str(i) for i in log.issues] == [
        "f.csv row 3 ('c'): 1 cells where the header has 2; excluded from the totals"
    ]
    log = IssueLog("f.csv")
    list(full_rows(iter([["x", "y"]]), log, width=3, excluded_from="it"))
    assert log.issues[0].value == "x,y"


def test_an_error_of_one_problem_and_of_two() -> None:
    one = DataQualityIssue(source="f.csv", row=2, column="a", message="bad")
    two = DataQualityIssue(source="f.csv", row=3, column=None, message="worse")
    error = SourceFileError([one], source="f.csv", example="a,b", expected="figures")
    assert (error.source, error.example, error.issues) == ("f.csv", "a,b", (one,))
    assert str(error) == (
        "f.csv: 1 problem reading it as figures:\n  row 2, column 'a': bad\nfor example:\n  a,b"
    )
    error = SourceFileError([one, two], source="f.csv", example="a,b", expected="figures")
    assert str(error) == (
        "f.csv: 2 problems reading it as figures:\n  row 2, column 'a': bad\n  row 3: worse\n"
        "for example:\n  a,b"
    )


def test_read_header() -> None:
    with pytest.raises(SourceFileError) as info:
        read_header(iter([]), source="f.csv", required=("a",), example="a,b", expected="x")
    assert str(info.value) == (
        "f.csv: 1 problem reading it as x:\n  row 1: the file is empty\nfor example:\n  a,b"
    )
    assert (info.value.issues[0].source, info.value.issues[0].row) == ("f.csv", 1)
    with pytest.raises(SourceFileError) as info:
        read_header(iter([["a"]]), source="f.csv", required=("a", "b"), example="a,b", expected="x")
    assert str(info.value) == (
        "f.csv: 1 problem reading it as x:\n  row 1, column 'b': this column is missing from the "
        "header\nfor example:\n  a,b"
    )
    assert info.value.issues[0].source == "f.csv"
    assert read_header(
        iter([[" a ", "b", "a"]]), source="f", required=("a",), example="", expected=""
    ) == {"a": 0, "b": 1}


def _fail(issue: DataQualityIssue) -> SourceFileError:
    return SourceFileError([issue], source=issue.source, example="", expected="x")


def test_csv_rows_names_the_row_it_could_not_read() -> None:
    # a carriage return inside a line the stream did not split at it (opened otherwise than
    # with newline=""): one of the texts the csv module refuses
    stream = io.StringIO("a\nb\nc\nd\re\n", newline="\n")
    with pytest.raises(SourceFileError) as info:
        list(csv_rows(stream, source="f.csv", fail=_fail))
    (issue,) = info.value.issues
    assert (issue.source, issue.row, issue.column) == ("f.csv", 4, None)
    assert issue.message.startswith("not readable as CSV text (at or after this row): ")


def test_csv_rows_reads_a_cell_of_any_length() -> None:
    # Python's csv module stops at 131,072 characters; DuckDB reads such a cell, and the row
    # is judged on it: the row reader must read the same rows
    long = "9" * 300_000
    stream = io.StringIO(f"a,b\n1,{long}\n2,3\n", newline="")
    assert list(csv_rows(stream, source="f.csv", fail=_fail)) == [
        ["a", "b"],
        ["1", long],
        ["2", "3"],
    ]


@pytest.mark.parametrize(
    ("start", "said"),
    [
        (b"\x1f\x8b\x08\x00", "a gzip-compressed file"),
        (b"PK\x03\x04\x14\x00", "a zip archive, such as an Excel workbook (.xlsx)"),
        (b"PAR1\x15\x04", "a Parquet file"),
    ],
)
def test_csv_rows_says_what_a_packed_file_is(tmp_path: Path, start: bytes, said: str) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes(start + bytes(range(128, 256)))
    with path.open(encoding="utf-8", newline="") as stream, pytest.raises(SourceFileError) as info:
        list(csv_rows(stream, source="figures.csv", fail=_fail))
    (issue,) = info.value.issues
    assert issue.row == 1
    assert issue.message.startswith(f"not CSV text: {said}")


def test_csv_rows_calls_other_bytes_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes("org,metric\nR\u00e9D,x\n".encode("latin-1"))
    with path.open(encoding="utf-8", newline="") as stream, pytest.raises(SourceFileError) as info:
        list(csv_rows(stream, source="figures.csv", fail=_fail))
    (issue,) = info.value.issues
    assert issue.message.startswith("not UTF-8 text at or after this row")


def test_a_long_cell_is_shown_cut() -> None:
    issue = DataQualityIssue(source="f.csv", row=4, column="value", message="m", value="9" * 5000)
    assert len(str(issue)) < 200
    assert str(issue).startswith("f.csv row 4, column 'value' ('9999")


def test_an_error_of_many_problems_shows_the_first_twenty() -> None:
    issues = [
        DataQualityIssue(source="f.csv", row=1, column=f"x{i}", message="bad") for i in range(25)
    ]
    error = SourceFileError(issues, source="f.csv", example="a,b", expected="figures")
    lines = str(error).splitlines()
    assert lines[0] == "f.csv: 25 problems reading it as figures:"
    assert lines[1:21] == [f"  row 1, column 'x{i}': bad" for i in range(20)]
    assert lines[21] == "  ... and 5 more (every one is in the error's issues)"
    assert len(error.issues) == 25  # every one kept


@pytest.mark.parametrize("rows", [1, 500, 3_000])
def test_a_bad_byte_is_named_on_its_own_row(tmp_path: Path, rows: int) -> None:
    # the text is decoded in chunks of bytes; the row is counted to the bad byte itself
    path = tmp_path / "figures.csv"
    good = "".join(f"R{i:04d},x,2021-12\n" for i in range(rows)).encode()
    path.write_bytes(b"org,metric,period\n" + good + b"RZZZ,\xe9,2021-12\nRYYY,x,2021-12\n")
    with path.open(encoding="utf-8", newline="") as stream, pytest.raises(SourceFileError) as info:
        list(csv_rows(stream, source="figures.csv", fail=_fail))
    (issue,) = info.value.issues
    assert issue.row == rows + 2  # the header is row 1
