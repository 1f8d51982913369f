"""The observation reader's messages whole, and the reader by parts against the reader whole.

:mod:`tests.io.readers.test_sources` checks what is read and where each problem is; these pin
the exact text of each message (the file, the row, the column, the cell) and that
:func:`read_observations_by_org` finds, row for row, what :func:`read_observations_csv` finds.
Written from a mutation run's survivors (docs/mutation.md).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nhsplan.catalog import load_guidance
from nhsplan.errors import InvalidValueError, UnknownMetricError
from nhsplan.io.readers import DataQualityIssue
from nhsplan.io.readers.observations import (
    ObservationFileError,
    read_observations_by_org,
    read_observations_csv,
)
from nhsplan.model.formats import read_iso_date, read_iso_date_time

HEADER = "org,metric,period,value,unit,numerator,denominator"
EXAMPLE = (
    "for example:\n  org,metric,period,value,unit,numerator,denominator\n"
    "  RBD,ae_4_hour,2021-11,,,9000,10000\n  RBD,rtt_52_week_waiters,2021-11,12,pathway,,"
)


def _message(text: str, source: Path | None = None) -> str:
    with pytest.raises(ObservationFileError) as info:
        read_observations_csv(source if source is not None else io.StringIO(text))
    return str(info.value)


class TestMessages:
    def test_an_empty_file(self) -> None:
        assert _message("") == (
            "<stream>: 1 problem reading it as observations:\n  row 1: the file is empty\n"
            + EXAMPLE
        )

    def test_a_header_without_its_columns(self) -> None:
        assert _message("org,metric\n") == (
            "<stream>: 2 problems reading it as observations:\n"
            "  row 1, column 'period': this column is missing from the header\n"
            "  row 1: no figure columns: give 'value' and 'unit', or 'numerator' and "
            "'denominator'\n" + EXAMPLE
        )

    def test_a_bad_cell_names_its_row_column_and_value(self, tmp_path: Path) -> None:
        path = tmp_path / "figures.csv"
        path.write_text(f"{HEADER}\nRBD,ae_4_hour,2021-12,,,9,x\n", encoding="utf-8")
        assert _message("", path) == (
            f"{path}: 1 problem reading it as observations:\n"
            "  row 2, column 'denominator' ('x'): not a number; give both, for example 9000 "
            "and 10000\n" + EXAMPLE
        )

    @pytest.mark.parametrize(
        ("row", "named"),
        [
            (
                "RBD,ae_4_hour,2021-12,,,11,10",
                (
                    "column 'numerator' ('11'): numerator 11 is above denominator 10 (RBD "
                    "ae_4_hour 2021-12); for example numerator=875, denominator=1000"
                ),
            ),
            (
                "RBD,ae_4_hour,2021-12,,,5,0",
                (
                    "column 'denominator' ('0'): the denominator is zero (RBD ae_4_hour 2021-12); "
                    "for example numerator=875, denominator=1000"
                ),
            ),
            (
                "RBD,ae_4_hour,2021-12,,,-1,10",
                "column 'numerator' ('-1'): a count cannot be negative (got -1.0); for example 120",
            ),
        ],
    )
    def test_a_pair_no_proportion_names_the_cell_the_model_names(
        self, row: str, named: str
    ) -> None:
        # the model's own rule refuses the pair; the reader names its column once
        assert _message(f"{HEADER}\n{row}\n") == (
            f"<stream>: 1 problem reading it as observations:\n  row 2, {named}\n" + EXAMPLE
        )

    def test_text_that_is_not_utf8_names_a_row_at_or_before_it(self, tmp_path: Path) -> None:
        # decoded in blocks: the row named is the first of the block the bad byte is in
        path = tmp_path / "figures.csv"
        good = "".join(f"RBD,ae_4_hour,{1900 + n}-12,,,9,10\n" for n in range(2000))
        bad = b"RBD,ae_4_hour,2021-12,\xff,,,\n"
        path.write_bytes(f"{HEADER}\n{good}".encode() + bad)
        with pytest.raises(ObservationFileError) as info:
            read_observations_csv(path)
        (issue,) = info.value.issues
        assert (issue.source, issue.column) == (str(path), None)
        assert 2002 - 400 < issue.row <= 2002
        assert issue.message.startswith("not UTF-8 text at or after this row (")

    def test_an_issue_without_a_value(self) -> None:
        issue = DataQualityIssue(source="f.csv", row=3, column="org", message="bad")
        assert str(issue) == "f.csv row 3, column 'org': bad"
        issue = DataQualityIssue(source="f.csv", row=3, column="org", value="x", message="bad")
        assert str(issue) == "f.csv row 3, column 'org' ('x'): bad"


class TestDates:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                "2021-02-30",
                (
                    "date: '2021-02-30' is not a real date (day is out of range for month); for "
                    "example '2021-12-31'"
                ),
            ),
            ("x", "date: 'x' is not an ISO date; for example '2021-12-31'"),
        ],
    )
    def test_refused(self, text: str, message: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            read_iso_date(text)
        assert str(info.value) == message

    def test_spaces_around_are_read(self) -> None:
        assert str(read_iso_date(" 2021-02-01 ")) == "2021-02-01"
        assert str(read_iso_date_time(" 2021-02-01T10:00 ")) == "2021-02-01 10:00:00"

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                "2021-02-30T00:00",
                (
                    "time: '2021-02-30T00:00' is not a real date and time (day is out of range for "
                    "month); for example '2021-03-28 00:30'"
                ),
            ),
            ("x", "time: 'x' is not an ISO date and time; for example '2021-03-28 00:30'"),
        ],
    )
    def test_times_refused(self, text: str, message: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            read_iso_date_time(text)
        assert str(info.value) == message


ROWS = (
    "RBD,ae_4_hour,2021-11,,,900,1000",
    "QVV,ae_4_hour,2021-11,,,800,1000",
    "rbd,ae_4_hour,2021-12,,,950,1000",  # RBD still: its part is by the code upper-cased
    "RXX,beds,2021-11,12,bed,,",
    "QVV,ae_4_hour,2021-12,,,850,1000",
    ",ae_4_hour,2021-12,,,850,1000",  # no code: a problem, in some part
)


def _file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


class TestByParts:
    @pytest.mark.parametrize("parts", [0, 1, 2, 3, 7])
    def test_finds_what_the_whole_reader_finds(self, tmp_path: Path, parts: int) -> None:
        path = _file(tmp_path, *ROWS)
        whole = read_observations_csv(path, skip_invalid=True)
        results = list(read_observations_by_org(path, parts=parts, skip_invalid=True))
        assert len(results) == max(1, parts)
        found = [o for r in results for o in r.observations]
        assert sorted(found, key=repr) == sorted(whole.observations, key=repr)
        issues = [i for r in results for i in r.issues]
        assert issues == list(whole.issues)
        assert [(i.row, i.source) for i in issues] == [(7, str(path))]
        for result in results:  # each organisation whole in one part, in file order
            orgs = [o.org for o in result.observations]
            for org in set(orgs):
                assert [str(o.period) for o in result.observations if o.org == org] == sorted(
                    str(o.period) for o in whole.observations if o.org == org
                )
            assert all(i.message.endswith("; row skipped") for i in result.issues)

    def test_refuses_after_reading_every_part(self, tmp_path: Path) -> None:
        path = _file(tmp_path, "Q!Q,ae_4_hour,2021-11,,,9,10", *ROWS)
        with pytest.raises(ObservationFileError) as info:
            list(read_observations_by_org(path, parts=3))
        assert [i.row for i in info.value.issues] == [2, 8]
        assert info.value.source == str(path)
        with pytest.raises(ObservationFileError) as whole:
            read_observations_csv(path)
        assert str(info.value) == str(whole.value)

    def test_a_good_file_yields_every_part(self, tmp_path: Path) -> None:
        path = _file(tmp_path, *ROWS[:5])
        results = list(read_observations_by_org(path, parts=2))
        assert sum(len(r.observations) for r in results) == 5
        assert all(r.issues == () for r in results)

    def test_a_metric_not_in_the_guidance(self, tmp_path: Path) -> None:
        path = _file(tmp_path, *ROWS[:5])
        guidance = load_guidance("standards")
        with pytest.raises(UnknownMetricError) as info:
            list(read_observations_by_org(path, parts=2, guidance=guidance))
        with pytest.raises(UnknownMetricError) as whole:
            read_observations_csv(path, guidance=guidance)
        assert str(info.value) == str(whole.value)
        assert f"{path} row 5 (guidance 'standards')" in str(info.value)
        skipped = list(
            read_observations_by_org(path, parts=2, skip_invalid=True, guidance=guidance)
        )
        issues = [i for r in skipped for i in r.issues]
        assert [(i.row, i.column, i.value) for i in issues] == [(5, "metric", "beds")]
        assert issues[0].source == str(path)


def _read(text: str, **options: object) -> str:
    with pytest.raises((ObservationFileError, UnknownMetricError)) as info:
        read_observations_csv(io.StringIO(f"{HEADER}\n{text}"), **options)  # type: ignore[arg-type]
    return str(info.value)


STANDARDS = load_guidance("standards")
G2122 = load_guidance("2021/22")
G2223 = load_guidance("2022/23")


class TestUnknownMetrics:
    def test_many_rows_and_other_metrics(self) -> None:
        rows = "".join(f"RBD,beds,2021-{m:02d},1,bed,,\n" for m in range(1, 13))
        text = rows + "RBD,xyz_q,2021-01,1,bed,,\nRBD,ae_4_hr,2021-01,1,bed,,\n"
        assert _read(text, guidance=STANDARDS) == (
            "unknown metric 'beds' at <stream> rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more "
            "(guidance 'standards'; also unknown: 'ae_4_hr', 'xyz_q')"
        )

    @pytest.mark.parametrize(
        ("months", "rows"),
        [(1, "row 2"), (2, "rows 2, 3"), (10, "rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11")],
    )
    def test_rows_named(self, months: int, rows: str) -> None:
        text = "".join(f"RBD,beds,2021-{m:02d},1,bed,,\n" for m in range(1, months + 1))
        assert _read(text, guidance=STANDARDS) == (
            f"unknown metric 'beds' at <stream> {rows} (guidance 'standards')"
        )

    def test_the_closest_ids(self) -> None:
        assert _read("RBD,rtt_52_week_waits,2021-01,1,pathway,,\n", guidance=STANDARDS) == (
            "unknown metric 'rtt_52_week_waits' at <stream> row 2 (guidance 'standards'); did "
            "you mean 'rtt_52_week_waiters' or 'rtt_65_week_waiters' or "
            "'rtt_78_week_waiters'?"
        )

    def test_an_id_half_alike_is_still_offered(self) -> None:
        # 'ae4' shares half its letters with 'ae_4_hour' (ratio 0.5): at difflib's default
        # cutoff of 0.6 nothing would be offered.
        assert _read("RBD,ae4,2021-01,1,bed,,\n", guidance=STANDARDS) == (
            "unknown metric 'ae4' at <stream> row 2 (guidance 'standards'); did you mean "
            "'ae_4_hour'?"
        )

    def test_the_editions_that_define_it_standards_first_then_newest(self) -> None:
        error = _read("RBD,ae_4_hour,2021-01,,,1,2\n", guidance=G2122)
        assert error == (
            "unknown metric 'ae_4_hour' at <stream> row 2 (guidance '2021/22'); ae_4_hour is in "
            "editions 'standards', '2026-29', '2025/26', '2024/25', '2023/24' and '2017-19': "
            "load it too"
        )

    def test_an_edition_that_defines_it_replaces_the_closest_ids(self) -> None:
        # 2022/23 has ids close to 'rtt_65_week_waiters' (its 52- and 78-week ones); the
        # editions that define it are the hint, alone.
        error = _read("RBD,rtt_65_week_waiters,2023-01,1,pathway,,\n", guidance=G2223)
        assert error == (
            "unknown metric 'rtt_65_week_waiters' at <stream> row 2 (guidance '2022/23'); "
            "rtt_65_week_waiters is in editions 'standards', '2024/25' and '2023/24': load it "
            "too"
        )

    def test_skipped_rows_say_why(self) -> None:
        both = [STANDARDS, G2122]
        text = (
            "RBD,urgent_community_response_coverage,2021-01,,,1,2\n"
            "RBD,ae_4_hr,2021-01,1,bed,,\nRBD,beds,2021-01,1,bed,,\n"
        )
        result = read_observations_csv(
            io.StringIO(f"{HEADER}\n{text}"), guidance=STANDARDS, skip_invalid=True
        )
        assert [i.message for i in result.issues] == [
            (
                "unknown metric 'urgent_community_response_coverage' in guidance 'standards' (it "
                "is in edition '2021/22'); row skipped"
            ),
            (
                "unknown metric 'ae_4_hr' in guidance 'standards' (did you mean 'ae_4_hour'?); row "
                "skipped"
            ),
            "unknown metric 'beds' in guidance 'standards'; row skipped",
        ]
        result = read_observations_csv(
            io.StringIO(f"{HEADER}\n{text}"), guidance=both, skip_invalid=True
        )
        assert result.issues[1].message == (
            "unknown metric 'beds' in guidance 'standards' and '2021/22'; row skipped"
        )
        assert [(i.source, i.row, i.column, i.value) for i in result.issues][1] == (
            "<stream>",
            4,
            "metric",
            "beds",
        )

    def test_an_error_carries_the_editions(self) -> None:
        with pytest.raises(UnknownMetricError) as info:
            read_observations_csv(
                io.StringIO(f"{HEADER}\nRBD,urgent_community_response_coverage,2021-01,,,1,2\n"),
                guidance=STANDARDS,
            )
        assert str(info.value) == (
            "unknown metric 'urgent_community_response_coverage' at <stream> row 2 (guidance "
            "'standards'); urgent_community_response_coverage is in edition '2021/22': load "
            "it too"
        )
        assert info.value.editions == ("2021/22",)  # type: ignore[attr-defined]


class TestHeaderAndRows:
    def test_an_unknown_column_and_a_trailing_comma(self) -> None:
        text = "org,metrc,period,value,unit,numerator,denominator,\n"
        assert _message(text) == (
            "<stream>: 2 problems reading it as observations:\n"
            "  row 1, column 'metrc' ('metrc'): not a column of an observation file (did you "
            "mean 'metric'? columns: org, metric, period, value, unit, numerator, denominator)\n"
            "  row 1, column 'metric': this column is missing from the header\n" + EXAMPLE
        )

    def test_a_second_column_of_a_name(self) -> None:
        assert _message("org,metric,period,,value,unit,org\n") == (
            "<stream>: 1 problem reading it as observations:\n"
            "  row 1, column 'org' ('org'): a second 'org' column\n" + EXAMPLE
        )

    def test_only_a_numerator_is_no_figure(self) -> None:
        assert _message("org,metric,period,numerator\n") == (
            "<stream>: 1 problem reading it as observations:\n"
            "  row 1: no figure columns: give 'value' and 'unit', or 'numerator' and "
            "'denominator'\n" + EXAMPLE
        )

    def test_rows_after_blank_ones_are_read_and_each_problem_named(self) -> None:
        text = (
            "org,metric,period,value,unit\nRBD,beds,2021-01,1,bed\n\n,,,,\n"
            "RBD,beds,2021-01,1,bed\nRBD,beds,2021-02,1,bed,x,,y\nrbd,AE,2021-01,2,bed\n"
            "RBD,beds,2021-03,,bed\nRBD,beds,2021-04,3\n"
        )
        assert _message(text) == (
            "<stream>: 5 problems reading it as observations:\n"
            "  row 5 ('RBD,beds,2021-01'): a second figure for RBD beds 2021-01 (the first is "
            "row 2); one figure per organisation, metric and period\n"
            "  row 6 ('x'): a cell outside the named columns (cell 6)\n"
            "  row 6 ('y'): a cell outside the named columns (cell 8)\n"
            "  row 7, column 'metric' ('AE'): not a metric id (snake_case, for example "
            "'ae_4_hour')\n"
            "  row 8, column 'value' (''): give a value and unit, or a numerator and "
            "denominator, not neither\n" + EXAMPLE
        )

    def test_skipped_rows_say_so(self) -> None:
        result = read_observations_csv(
            io.StringIO(f"{HEADER}\nR B,beds,2021-01,1,bed,,\nRBD,beds,2021-01,1,bed,,\n"),
            skip_invalid=True,
        )
        assert len(result.observations) == 1
        assert [str(i) for i in result.issues] == [
            (
                "<stream> row 2, column 'org' ('R B'): not an organisation code (upper-case "
                "letters and digits, for example 'RBD'); row skipped"
            )
        ]


class TestWritten:
    def test_the_text_of_each_kind_of_figure(self, tmp_path: Path) -> None:
        from nhsplan.io.readers.observations import write_observations_csv  # noqa: PLC0415
        from nhsplan.model import Observation  # noqa: PLC0415
        from nhsplan.units import quantity  # noqa: PLC0415

        figures = [
            Observation(org="RBD", metric="beds", period="2021-01", value=quantity(2.5, "bed")),
            Observation(
                org="RBD", metric="ae_4_hour", period="2021-01", numerator=9, denominator=10
            ),
            Observation(org="RBD", metric="x", period="2021-01", value=1e15),
            Observation(org="RBD", metric="x", period="2021-02", value=12.0),
            Observation(org="RBD", metric="x", period="2021-03", value=-999999999999999.0),
        ]
        expected = (
            f"{HEADER}\nRBD,beds,2021-01,2.5,bed,,\nRBD,ae_4_hour,2021-01,,,9,10\n"
            "RBD,x,2021-01,1000000000000000.0,,,\nRBD,x,2021-02,12,,,\n"
            "RBD,x,2021-03,-999999999999999,,,\n"
        )
        out = io.StringIO()
        write_observations_csv(figures, out)
        assert out.getvalue() == expected
        path = tmp_path / "out.csv"
        write_observations_csv(figures, path)
        assert path.read_bytes() == expected.encode()


class TestCellMessages:
    @pytest.mark.parametrize(
        ("row", "where", "message"),
        [
            (
                "RBD,beds,2021-11,many,bed,,",
                "column 'value' ('many')",
                "not a number (the unit goes in the unit column); row skipped",
            ),
            ("RBD,beds,2021-11,12,furlongs,,", "column 'unit' ('furlongs')", "unknown unit"),
            ("RBD,beds,2021-11,5,1 2,,", "column 'unit' ('1 2')", "unknown unit '1 2'"),
            (
                "RBD,beds,2021-11,12 furlongs,,,",
                "column 'value' ('12 furlongs')",
                "value: unknown unit 'furlongs'",
            ),
            (
                "RBD,ae_4_hour,2021-11,,pathway,9000,10000",
                "column 'unit' ('pathway')",
                "a numerator and denominator make a percentage: leave the unit blank; row skipped",
            ),
            (
                "RBD,ae_4_hour,2021-11,,,9000,x",
                "column 'denominator' ('x')",
                "not a number; give both, for example 9000 and 10000; row skipped",
            ),
            (
                "RBD,ae 4 hour,2021-11,,,9,10",
                "column 'metric' ('ae 4 hour')",
                "not a metric id (snake_case, for example 'ae_4_hour'); row skipped",
            ),
        ],
    )
    def test_each_names_its_cell(self, row: str, where: str, message: str) -> None:
        result = read_observations_csv(io.StringIO(f"{HEADER}\n{row}\n"), skip_invalid=True)
        (issue,) = result.issues
        assert str(issue).startswith(f"<stream> row 2, {where}: {message}")
        assert result.observations == ()

    def test_a_percent_unit_with_a_numerator_is_allowed(self) -> None:
        text = f"{HEADER}\nRBD,ae_4_hour,2021-11,,%,9,10\n"
        (o,) = read_observations_csv(io.StringIO(text)).observations
        assert (o.numerator, o.denominator) == (9, 10)


class TestByPartsEdges:
    def test_an_empty_file_and_a_bad_header_name_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "figures.csv"
        path.write_text("", encoding="utf-8")
        with pytest.raises(ObservationFileError) as info:
            list(read_observations_by_org(path, parts=2))
        assert str(info.value).startswith(f"{path}: 1 problem reading it as observations:\n")
        path.write_text("org,metric\n", encoding="utf-8")
        with pytest.raises(ObservationFileError) as info:
            list(read_observations_by_org(path, parts=2))
        assert str(info.value).startswith(f"{path}: 2 problems")

    def test_nothing_is_yielded_after_a_bad_row(self, tmp_path: Path) -> None:
        path = _file(tmp_path, "R B,ae_4_hour,2021-11,,,9,10", *ROWS[:5])
        parts = read_observations_by_org(path, parts=1)
        with pytest.raises(ObservationFileError):
            next(parts)

    def test_a_cell_keeps_its_carriage_return(self, tmp_path: Path) -> None:
        path = _file(tmp_path, '"R\rB",ae_4_hour,2021-11,,,9,10', *ROWS[:5])
        (result,) = read_observations_by_org(path, parts=1, skip_invalid=True)
        assert [i.value for i in result.issues] == ["R\rB"]
        assert result.issues == read_observations_csv(path, skip_invalid=True).issues

    def test_rows_are_spread_over_the_parts(self, tmp_path: Path) -> None:
        orgs = [f"R{n:02d}" for n in range(40)]
        path = _file(tmp_path, *(f"{org},beds,2021-11,1,bed,," for org in orgs))
        sizes = [len(r.observations) for r in read_observations_by_org(path, parts=4)]
        assert sum(sizes) == 40
        assert all(0 < size < 40 for size in sizes)

    def test_a_row_shorter_than_the_org_column(self, tmp_path: Path) -> None:
        path = tmp_path / "figures.csv"
        path.write_text(
            "metric,period,value,unit,org\nbeds,2021-11,1,bed,RBD\nbeds,2021-12\n"
            "beds,2022-01,1,bed\n",
            encoding="utf-8",
        )
        results = list(read_observations_by_org(path, parts=2, skip_invalid=True))
        assert sum(len(r.observations) for r in results) == 1
        assert {i.row for r in results for i in r.issues} == {3, 4}

    def test_issues_of_a_part_in_row_order(self, tmp_path: Path) -> None:
        path = _file(tmp_path, "RBD,beds,2021-11,1,bed,,", "RBD,ae_4_hour,2021-11,,,x,10")
        (result,) = read_observations_by_org(
            path, parts=1, skip_invalid=True, guidance=load_guidance("standards")
        )
        assert [(i.row, i.column) for i in result.issues] == [(2, "metric"), (3, "numerator")]
        assert result.issues[0].message == (
            "unknown metric 'beds' in guidance 'standards'; row skipped"
        )

    def test_eleven_rows_name_ten_and_one_more(self) -> None:
        rows = "".join(f"RBD,beds,2021-{m:02d},1,bed,,\n" for m in range(1, 12))
        assert _read(rows, guidance=[STANDARDS, G2122]) == (
            "unknown metric 'beds' at <stream> rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 1 more "
            "(guidance 'standards' and '2021/22')"
        )


class TestMoreWords:
    def test_a_metric_in_several_editions_and_several_close_ids(self) -> None:
        text = f"{HEADER}\nRBD,ae_4_hour,2021-01,,,1,2\nRBD,rtt_52_week_waits,2021-01,1,pathway,,\n"
        result = read_observations_csv(io.StringIO(text), guidance=G2122, skip_invalid=True)
        assert [i.message for i in result.issues] == [
            (
                "unknown metric 'ae_4_hour' in guidance '2021/22' (it is in editions 'standards', "
                "'2026-29', '2025/26', '2024/25', '2023/24' and '2017-19'); row skipped"
            ),
            "unknown metric 'rtt_52_week_waits' in guidance '2021/22'; row skipped",
        ]
        result = read_observations_csv(io.StringIO(text), guidance=STANDARDS, skip_invalid=True)
        assert [i.message for i in result.issues] == [
            (
                "unknown metric 'rtt_52_week_waits' in guidance 'standards' (did you mean "
                "'rtt_52_week_waiters' or 'rtt_65_week_waiters' or 'rtt_78_week_waiters'?); "
                "row skipped"
            )
        ]

    def test_a_column_like_none(self) -> None:
        with pytest.raises(ObservationFileError) as info:
            read_observations_csv(io.StringIO("org,metric,period,value,unit,zzz\n"))
        assert str(info.value).startswith(
            "<stream>: 1 problem reading it as observations:\n  row 1, column 'zzz' ('zzz'): "
            "not a column of an observation file (columns: org, metric, period, value, unit, "
            "numerator, denominator)\n"
        )
        assert info.value.issues[0].source == "<stream>"

    def test_only_a_numerator_and_denominator(self) -> None:
        with pytest.raises(ObservationFileError) as info:
            read_observations_csv(io.StringIO("numerator,denominator\n"))
        assert [i.column for i in info.value.issues] == ["org", "metric", "period"]

    def test_an_unreadable_file_is_named(self, tmp_path: Path) -> None:
        path = tmp_path / "figures.csv"
        path.write_bytes(f"{HEADER}\n".encode() + b"RBD,\xff\n")
        with pytest.raises(ObservationFileError) as info:
            read_observations_csv(path)
        assert info.value.source == str(path)
        assert str(info.value).startswith(f"{path}: 1 problem")
