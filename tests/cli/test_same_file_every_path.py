"""The same figures file gets the same outcome whichever way nhsplan reads it.

Found by an adversarial audit of issue 16 (one verdict): a cell longer than Python's csv
limit was reported by the column pass and refused by the row reader; ``nhsplan report`` read
a Parquet file as CSV text; ``nhsplan evaluate`` refused a Parquet file against two editions
that it evaluates as CSV; ``nhsplan measure`` on a file named ``.parquet`` that is no Parquet
escaped as a DuckDB traceback. Each test failed before its fix.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from nhsplan import cli

HEADER = "org,metric,period,value,unit,numerator,denominator\n"
UCR = "urgent_community_response_coverage"
ROWS = f"RBD,{UCR},2021-12,,,10,100\nRXX,{UCR},2021-12,,,100,100\n"
LONG = f"RZZ,{UCR},2021-12,{'9' * 131_073},,,\n"  # one cell past csv.field_size_limit()


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


def evaluate(path: Path, *extra: str) -> tuple[int, str]:
    return run("evaluate", str(path), "--as-of", "2022-01-20", "--format", "csv", *extra)


@pytest.mark.parametrize(
    ("suffix", "extra"),
    [
        ("\n", ("--edition", "2021/22", "--edition", "standards")),  # the row path
        ("\n\n", ("--edition", "2021/22")),  # a blank line: the row reader
    ],
    ids=["two-editions", "trailing-blank-line"],
)
def test_a_long_cell_gives_the_same_outcome_on_every_path(
    tmp_path: Path, suffix: str, extra: tuple[str, ...]
) -> None:
    """The column pass reports the long cell's row; the row reader reads it too (it refused it)."""
    pytest.importorskip("duckdb")
    plain = tmp_path / "plain.csv"
    plain.write_text(HEADER + ROWS + LONG, encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text(HEADER + ROWS + LONG.rstrip("\n") + suffix, encoding="utf-8")
    code, out = evaluate(plain, "--edition", "2021/22", "--skip-invalid")
    assert code == 0  # the column pass: RZZ's row reported, RBD and RXX judged
    assert '"RBD","urgent_community_response_2h","not_due"' in out
    code_other, out_other = evaluate(other, *extra, "--skip-invalid")
    assert code_other == code  # was 2: "field larger than field limit"
    assert '"RBD","urgent_community_response_2h","not_due"' in out_other


def test_report_reads_a_long_cell_as_evaluate_does(tmp_path: Path) -> None:
    """``report --skip-invalid`` reports the long cell's row as ``evaluate`` does."""
    pytest.importorskip("duckdb")
    pytest.importorskip("matplotlib")
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + ROWS + LONG, encoding="utf-8")
    argv = ("--edition", "2021/22", "--as-of", "2022-01-20", "--skip-invalid")
    assert evaluate(path, *argv[:2], *argv[4:])[0] == 0
    html = tmp_path / "report.html"
    assert run("report", str(path), *argv, "--html", str(html))[0] == 0


def _parquet(tmp_path: Path) -> Path:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    path = tmp_path / "figures.parquet"
    pd.DataFrame(
        {
            "org": ["RBD", "RXX"],
            "metric": [UCR, UCR],
            "period": ["2021-12", "2021-12"],
            "numerator": [10, 100],
            "denominator": [100, 100],
        }
    ).to_parquet(path, index=False)
    return path


def test_report_reads_parquet_as_evaluate_does(tmp_path: Path) -> None:
    """``report`` reads a Parquet file (it read it as CSV text: "not UTF-8 text")."""
    pytest.importorskip("matplotlib")
    path = _parquet(tmp_path)
    assert evaluate(path, "--edition", "2021/22")[0] == 0
    html = tmp_path / "report.html"
    argv = ("--edition", "2021/22", "--as-of", "2022-01-20", "--html", str(html))
    assert run("report", str(path), *argv)[0] == 0


def test_parquet_takes_several_editions_as_csv_does(tmp_path: Path) -> None:
    """Two ``--edition``s on a Parquet file, as on the same figures in CSV (it was refused)."""
    path = _parquet(tmp_path)
    csv_path = tmp_path / "figures.csv"
    csv_path.write_text(HEADER + ROWS, encoding="utf-8")
    editions = ("--edition", "2021/22", "--edition", "standards")
    code_csv, out_csv = evaluate(csv_path, *editions)
    assert code_csv == 0
    code_parquet, out_parquet = evaluate(path, *editions)
    assert (code_parquet, out_parquet) == (code_csv, out_csv)


def test_measure_refuses_a_file_that_is_no_parquet_with_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``measure ae x.parquet`` that is no Parquet: a one-line error, exit 2 (not a traceback)."""
    pytest.importorskip("ibis")
    path = tmp_path / "attendances.parquet"
    path.write_text("org,arrival,departure,type\n", encoding="utf-8")
    code, _ = run("measure", "ae", str(path))
    assert code == 2
    assert capsys.readouterr().err.startswith("nhsplan: error: ")


def test_the_long_cell_is_shown_cut_in_the_warning(tmp_path: Path) -> None:
    """A 131,073-character cell is named in the warning by its first characters only."""
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + ROWS + LONG + "\n", encoding="utf-8")  # a blank line: the rows
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code, _ = evaluate(path, "--edition", "2021/22", "--skip-invalid")
    assert code == 0
    warning = err.getvalue()
    assert "row 4, column 'value'" in warning
    assert len(warning) < 2_000, len(warning)


@pytest.mark.parametrize("suffix", ["", "\n"], ids=["column-pass", "row-reader"])
def test_every_problem_of_a_file_is_listed_at_once(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad row and rows of unknown metrics are one list, the same on every path.

    The unknown metrics were left out while another row was bad, and shown once that row
    was fixed; a refused file's rows are not skipped, so no issue says so.
    """
    path = tmp_path / "figures.csv"
    rows = (
        f"RBD,{UCR},2021-13,,,10,100\n"  # no such month
        "RBD,ae_4_hour,2021-12,,,10,100\n"  # in other editions
        f"RXX,no_such_metric,2021-12,,,1,2\n{suffix}"
    )
    path.write_text(HEADER + rows, encoding="utf-8")
    code, _ = evaluate(path, "--edition", "2021/22")
    err = capsys.readouterr().err
    assert code == 2
    assert "3 problems" in err
    assert "row 2, column 'period' ('2021-13')" in err
    assert "row 3, column 'metric' ('ae_4_hour'): unknown metric 'ae_4_hour'" in err
    assert "(it is in editions 'standards', " in err
    assert "row 4, column 'metric' ('no_such_metric')" in err
    assert "skipped" not in err
