"""Tests for nhsplan.io.readers: A&E and RTT adapters, the observation file, data-quality issues."""

from __future__ import annotations

import contextlib
import csv
import io
from collections import defaultdict
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nhsplan.calendar import FinancialYear, Month, Quarter
from nhsplan.catalog import load_guidance
from nhsplan.errors import NhsplanError, UnknownMetricError
from nhsplan.io.readers import (
    ENGLAND,
    OBSERVATION_COLUMNS,
    RTT_18_WEEKS,
    RTT_BANDS,
    RTT_WAITERS,
    DataQualityIssue,
    ObservationFileError,
    SourceFileError,
    SourceResult,
    ae_england_monthly,
    read_ae_attendances,
    read_observations_csv,
    read_rtt_full_csv,
    write_observations_csv,
)
from nhsplan.model import Observation
from nhsplan.units import quantity
from tests import paths
from tests import strategies_model as sm
from tests.profiles import examples

SHARED = paths.SHARED / "data"
SHARED_AE = SHARED / "ae_attendances.csv"
SHARED_RTT = SHARED / "rtt_nov2024_RBD.csv"
needs_shared_ae = pytest.mark.skipif(
    not SHARED_AE.exists(), reason="shared/data is not beside the repository"
)
needs_shared_rtt = pytest.mark.skipif(
    not SHARED_RTT.exists(), reason="shared/data is not beside the repository"
)

AE_HEADER = "period,org_code,type,attendances,breaches,admissions\n"


def bundled_text(name: str) -> str:
    return resources.files("nhsplan.data").joinpath(name).read_text(encoding="utf-8")


def by_key(result: SourceResult) -> dict[tuple[str, str, object], Observation]:
    return {(o.org, o.metric, o.period): o for o in result.observations}


# --- bundled data ------------------------------------------------------------------------------


class TestBundledData:
    def test_readme_ships_provenance_and_licence(self) -> None:
        readme = bundled_text("README.md")
        assert "ae_attendances.csv" in readme
        assert "NHSRdatasets" in readme
        assert "NHS England" in readme
        assert "Open Government Licence v3.0" in readme

    def test_ae_file_has_every_row(self) -> None:
        rows = list(csv.reader(io.StringIO(bundled_text("ae_attendances.csv"))))
        assert rows[0] == ["period", "org_code", "type", "attendances", "breaches", "admissions"]
        assert len(rows) - 1 == 12_765

    @needs_shared_ae
    def test_ae_file_is_the_shared_file_unchanged(self) -> None:
        shipped = resources.files("nhsplan.data").joinpath("ae_attendances.csv").read_bytes()
        assert shipped == SHARED_AE.read_bytes()


# --- A&E ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ae() -> SourceResult:
    return read_ae_attendances()


@pytest.fixture(scope="module")
def ae_sums() -> dict[tuple[str, str], list[int]]:
    """(period, org or ENGLAND) -> [attendances, breaches], summed here with the csv module."""
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in csv.DictReader(io.StringIO(bundled_text("ae_attendances.csv"))):
        for org in (row["org_code"], ENGLAND):
            sums[row["period"][:7], org][0] += int(row["attendances"])
            sums[row["period"][:7], org][1] += int(row["breaches"])
    return dict(sums)


class TestAeAttendances:
    def test_england_every_month_is_one_minus_breaches_over_attendances(
        self, ae: SourceResult, ae_sums: Mapping[tuple[str, str], list[int]]
    ) -> None:
        england = ae.select(org=ENGLAND)
        expected = {period: s for (period, org), s in ae_sums.items() if org == ENGLAND}
        assert [str(o.period) for o in england] == sorted(expected)
        assert len(england) == 36
        for o in england:
            attendances, breaches = expected[str(o.period)]
            assert (o.numerator, o.denominator) == (attendances - breaches, attendances)
            assert o.amount.magnitude == pytest.approx(100 * (1 - breaches / attendances))

    @pytest.mark.parametrize(
        ("month", "percent"), [(Month(2016, 4), "90.04"), (Month(2019, 3), "86.60")]
    )
    def test_published_england_figures(self, ae: SourceResult, month: Month, percent: str) -> None:
        (o,) = [o for o in ae.select(org=ENGLAND) if o.period == month]
        assert f"{o.amount.to('percent').magnitude:.2f}" == percent

    def test_every_provider_month_sums_all_department_types(
        self, ae: SourceResult, ae_sums: Mapping[tuple[str, str], list[int]]
    ) -> None:
        assert len(ae.observations) == len(ae_sums)
        for o in ae.observations:
            attendances, breaches = ae_sums[str(o.period), o.org]
            assert (o.metric, o.numerator, o.denominator) == (
                "ae_4_hour",
                attendances - breaches,
                attendances,
            )

    def test_england_is_the_sum_of_providers(self, ae: SourceResult) -> None:
        totals: dict[object, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for o in ae.observations:
            if o.org != ENGLAND:
                assert o.numerator is not None
                assert o.denominator is not None
                totals[o.period][0] += o.numerator
                totals[o.period][1] += o.denominator
        for o in ae.select(org=ENGLAND):
            assert [o.numerator, o.denominator] == totals[o.period]

    def test_ordered_by_month_then_england_then_provider(self, ae: SourceResult) -> None:
        keys = [(o.period, o.org != ENGLAND, o.org) for o in ae.observations]
        assert keys == sorted(keys)

    def test_admissions_above_attendances_is_reported_and_the_row_kept(
        self, ae: SourceResult, ae_sums: Mapping[tuple[str, str], list[int]]
    ) -> None:
        (issue,) = ae.issues
        assert (issue.source, issue.column, issue.value) == (
            "nhsplan.data/ae_attendances.csv",
            "admissions",
            "92",
        )
        assert "above attendances (74)" in issue.message
        assert "kept" in issue.message
        rows = list(csv.reader(io.StringIO(bundled_text("ae_attendances.csv"))))
        assert rows[issue.row - 1] == ["2018-10-01", "RTX", "2", "74", "0", "92"]
        rtx = by_key(ae)["RTX", "ae_4_hour", Month(2018, 10)]
        assert rtx.denominator == ae_sums["2018-10", "RTX"][0]  # the 74 is counted

    def test_england_monthly_rows(self, ae: SourceResult) -> None:
        rows = ae_england_monthly()
        assert len(rows) == 36
        assert rows[0] == (Month(2016, 4), 1681659, 1867781)
        assert rows[-1] == (Month(2019, 3), 1877191, 2167550)
        assert [m for m, _n, _d in rows] == [o.period for o in ae.select(org=ENGLAND)]

    @needs_shared_ae
    def test_reads_a_path_like_the_bundled_data(self, ae: SourceResult) -> None:
        result = read_ae_attendances(SHARED_AE)
        assert result.observations == ae.observations
        assert [i.source for i in result.issues] == [str(SHARED_AE)]

    def test_reads_an_open_file(self) -> None:
        text = AE_HEADER + "2019-03-01,RBD,1,100,10,20\n2019-03-01,RBD,other,50,0,0\n"
        result = read_ae_attendances(io.StringIO(text))
        rbd = by_key(result)["RBD", "ae_4_hour", Month(2019, 3)]
        assert (rbd.numerator, rbd.denominator) == (140, 150)
        assert result.issues == ()

    # Each oddity: the rows, the column the issue names, words it must contain, and England's
    # (numerator, denominator) afterwards: the reader reports and goes on.
    ODDITIES = (
        ("2019-03-01,RBD,1,-5,0,0", "attendances", "negative", (90, 100)),
        ("2019-03-01,RBD,1,10,12,0", "breaches", "excluded from ae_4_hour for RBD", (90, 100)),
        ("2019-03-01,RBD,1,ten,0,0", "attendances", "not a whole number", (90, 100)),
        ("2019-03-01,RBD,1,,0,0", "attendances", "not a whole number", (90, 100)),
        ("2019-03-15,RBD,1,10,0,0", "period", "excluded from every", (90, 100)),
        ("March,RBD,1,10,0,0", "period", "not a month", (90, 100)),
        ("2019-03-01,rbd,1,10,0,0", "org_code", "ODS", (90, 100)),
        ("2019-03-01,RBD,3,10,0,0", "type", "kept", (100, 110)),
        ("2019-03-01,RBD,1,10,0,-1", "admissions", "kept", (100, 110)),
        ("2019-03-01,RBD,1,10,0,11", "admissions", "kept", (100, 110)),
        ("2019-03-01,RBD,1,10,0,n/a", "admissions", "kept", (100, 110)),
        ("2019-03-01,RAE,2,10,0,0\n2019-03-01,RAE,2,10,0,0", None, "second row", (100, 110)),
        ("2019-03-01,RBD,1,10", None, "cells", (90, 100)),
        ("2019-03-01,ZZZ,1,0,0,0", "attendances", "no attendances for ZZZ", (90, 100)),
    )

    @pytest.mark.parametrize(("rows", "column", "words", "england"), ODDITIES)
    def test_oddities_are_reported_not_raised(
        self, rows: str, column: str | None, words: str, england: tuple[int, int]
    ) -> None:
        text = AE_HEADER + "2019-03-01,RAA,1,100,10,5\n" + rows + "\n"
        result = read_ae_attendances(io.StringIO(text))
        (issue,) = result.issues
        assert issue.column == column
        assert words in issue.message
        assert issue.row == text.count("\n")  # the last row: the header is row 1
        assert issue.source == "<stream>"
        (total,) = result.select(org=ENGLAND)
        assert (total.numerator, total.denominator) == england

    def test_every_oddity_in_one_file_is_reported(self) -> None:
        rows = "\n".join(r for r, *_ in self.ODDITIES if "RAE" not in r and "ZZZ" not in r)
        result = read_ae_attendances(io.StringIO(AE_HEADER + rows + "\n"))
        assert [i.row for i in result.issues] == list(range(2, 2 + rows.count("\n") + 1))

    def test_a_missing_column_is_a_format_error(self) -> None:
        text = "period,org_code,type,attendances,admissions\n2019-03-01,RBD,1,10,0\n"
        with pytest.raises(SourceFileError) as caught:
            read_ae_attendances(io.StringIO(text))
        err = caught.value
        assert isinstance(err, NhsplanError)
        assert isinstance(err, ValueError)
        assert [(i.row, i.column) for i in err.issues] == [(1, "breaches")]
        assert "2019-03-01,RBD,1,4567,789,1234" in str(err)

    @given(st.text(max_size=300))
    @settings(max_examples=200, deadline=None)
    def test_only_documented_errors_escape(self, text: str) -> None:
        try:
            result = read_ae_attendances(io.StringIO(AE_HEADER + text))
        except SourceFileError:
            return
        assert all(isinstance(o, Observation) for o in result.observations)


# --- RTT ---------------------------------------------------------------------------------------

RTT_KEYS = (
    "Period",
    "Provider Org Code",
    "Commissioner Org Code",
    "RTT Part Type",
    "Treatment Function Code",
)
RTT_TOTALS = ("Total", "Patients with unknown clock start date", "Total All")


def rtt_csv(rows: Sequence[tuple[str, str, str, Mapping[int, int], Mapping[str, str]]]) -> str:
    """A small full CSV: (commissioner, function, part, {band index: count}, other cells)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*RTT_KEYS, *RTT_BANDS, *RTT_TOTALS))
    for commissioner, function, part, bands, cells in rows:
        counts = [bands.get(i, 0) for i in range(len(RTT_BANDS))]
        totals = ("", "", str(sum(counts)))
        keys = ("RTT-November-2024", "RBD", commissioner, part, function)
        row = dict(
            zip((*RTT_KEYS, *RTT_BANDS, *RTT_TOTALS), (*keys, *counts, *totals), strict=True)
        )
        row |= cells
        writer.writerow(row.values())
    return out.getvalue()


def rtt_figures(result: SourceResult, org: str = "RBD") -> dict[str, object]:
    out: dict[str, object] = {}
    for o in result.select(org=org):
        out[o.metric] = (o.numerator, o.denominator) if o.value is None else o.amount.magnitude
    return out


class TestRttSynthetic:
    def test_band_edges(self) -> None:
        # band i holds waits over i weeks: band 17 (Gt 17 To 18) is within 18 weeks, band 18
        # is not; band 52 (Gt 52 To 53) is over 52 weeks, band 51 is not; Gt 104 is in every count.
        bands = {17: 1, 18: 2, 51: 4, 52: 8, 65: 16, 78: 32, 103: 64, 104: 128}
        text = rtt_csv([("11J", "C_999", "Part_2", bands, {})])
        result = read_rtt_full_csv(io.StringIO(text))
        assert result.issues == ()
        assert rtt_figures(result) == {
            RTT_18_WEEKS: (1, 255),
            "rtt_52_week_waiters": 248,
            "rtt_65_week_waiters": 240,
            "rtt_78_week_waiters": 224,
            "rtt_104_week_waiters": 128,
        }
        (count,) = result.select(metric="rtt_52_week_waiters")
        assert count.value == quantity(248, "pathway")
        assert count.period == Month(2024, 11)

    def test_commissioners_are_summed_per_provider(self) -> None:
        text = rtt_csv(
            [
                ("11J", "C_999", "Part_2", {0: 10, 60: 1}, {}),
                ("11X", "C_999", "Part_2", {0: 5, 20: 5}, {}),
            ]
        )
        assert rtt_figures(read_rtt_full_csv(io.StringIO(text)))[RTT_18_WEEKS] == (15, 21)

    def test_only_incomplete_pathways_are_read(self) -> None:
        text = rtt_csv(
            [
                ("11J", "C_999", "Part_2", {0: 10}, {}),
                ("11J", "C_999", "Part_2A", {60: 10}, {}),
                ("11J", "C_999", "Part_1A", {60: 10}, {}),
            ]
        )
        assert rtt_figures(read_rtt_full_csv(io.StringIO(text)))["rtt_52_week_waiters"] == 0

    def test_c999_is_used_and_a_difference_reported(self) -> None:
        text = rtt_csv(
            [
                ("11J", "C_110", "Part_2", {0: 4, 60: 1}, {}),
                ("11J", "C_120", "Part_2", {0: 5}, {}),
                ("11J", "C_999", "Part_2", {0: 10, 60: 1}, {}),
            ]
        )
        result = read_rtt_full_csv(io.StringIO(text))
        assert rtt_figures(result)[RTT_18_WEEKS] == (10, 11)
        (issue,) = result.issues
        assert (issue.row, issue.column, issue.value) == (4, RTT_BANDS[0], "10")
        assert "the C_999 row was used" in issue.message
        assert "(9)" in issue.message

    def test_without_c999_the_treatment_functions_are_summed(self) -> None:
        text = rtt_csv(
            [
                ("11J", "C_110", "Part_2", {0: 4, 60: 1}, {}),
                ("11J", "C_120", "Part_2", {0: 5}, {}),
            ]
        )
        result = read_rtt_full_csv(io.StringIO(text))
        assert rtt_figures(result)[RTT_18_WEEKS] == (9, 10)
        (issue,) = result.issues
        assert issue.row == 2
        assert "summed instead" in issue.message

    def test_unknown_clock_starts_are_in_no_figure_and_reported(self) -> None:
        unknown = {"Patients with unknown clock start date": "7", "Total All": "17"}
        text = rtt_csv([("11J", "C_999", "Part_2", {0: 8, 30: 2}, unknown)])
        result = read_rtt_full_csv(io.StringIO(text))
        assert rtt_figures(result)[RTT_18_WEEKS] == (8, 10)
        (issue,) = result.issues
        assert (issue.column, issue.value) == ("Patients with unknown clock start date", "7")
        assert "left out of rtt_18_weeks_incomplete" in issue.message

    @pytest.mark.parametrize(
        ("cells", "column", "words", "figure"),
        [
            ({"Total": "11"}, "Total", "the band sum is used", (10, 10)),
            ({"Total All": "12"}, "Total All", "not used", (10, 10)),
            ({RTT_BANDS[3]: ""}, RTT_BANDS[3], "read as 0", (10, 10)),
            ({RTT_BANDS[3]: "x"}, RTT_BANDS[3], "excluded", None),
            ({RTT_BANDS[3]: "-1"}, RTT_BANDS[3], "negative", None),
            ({"Period": "November 2024"}, "Period", "not an RTT month", None),
            ({"Provider Org Code": "r bd"}, "Provider Org Code", "ODS", None),
        ],
    )
    def test_oddities_are_reported(
        self, cells: dict[str, str], column: str, words: str, figure: tuple[int, int] | None
    ) -> None:
        text = rtt_csv([("11J", "C_999", "Part_2", {0: 10}, cells)])
        result = read_rtt_full_csv(io.StringIO(text))
        assert [(i.row, i.column) for i in result.issues][:1] == [(2, column)]
        assert words in result.issues[0].message
        assert rtt_figures(result).get(RTT_18_WEEKS) == figure

    def test_a_missing_band_is_a_format_error(self) -> None:
        text = rtt_csv([("11J", "C_999", "Part_2", {0: 10}, {})]).replace("Gt 104 Weeks", "Gt 104")
        with pytest.raises(SourceFileError, match="Gt 104 Weeks SUM 1"):
            read_rtt_full_csv(io.StringIO(text))


@pytest.fixture(scope="module")
def rtt_rows() -> list[dict[str, str]]:
    if not SHARED_RTT.exists():
        pytest.skip("shared/data is not beside the repository")
    with SHARED_RTT.open(encoding="utf-8-sig", newline="") as f:
        return [r for r in csv.DictReader(f) if r["RTT Part Type"] == "Part_2"]


def band_sums(rows: Sequence[Mapping[str, str]]) -> list[int]:
    return [sum(int(r[band] or 0) for r in rows) for band in RTT_BANDS]


@needs_shared_rtt
class TestRttPublished:
    def test_c999_rows_equal_the_other_rows(self, rtt_rows: list[dict[str, str]]) -> None:
        totals = [r for r in rtt_rows if r["Treatment Function Code"] == "C_999"]
        others = [r for r in rtt_rows if r["Treatment Function Code"] != "C_999"]
        assert totals
        assert others
        assert band_sums(totals) == band_sums(others)
        for commissioner in {r["Commissioner Org Code"] for r in rtt_rows}:
            mine = [r for r in rtt_rows if r["Commissioner Org Code"] == commissioner]
            assert band_sums([r for r in mine if r["Treatment Function Code"] == "C_999"]) == (
                band_sums([r for r in mine if r["Treatment Function Code"] != "C_999"])
            )

    def test_figures_match_an_independent_count(self, rtt_rows: list[dict[str, str]]) -> None:
        sums = band_sums([r for r in rtt_rows if r["Treatment Function Code"] == "C_999"])
        result = read_rtt_full_csv(SHARED_RTT)
        expected: dict[str, object] = {RTT_18_WEEKS: (sum(sums[:18]), sum(sums))}
        expected |= {metric: sum(sums[weeks:]) for weeks, metric in RTT_WAITERS.items()}
        assert rtt_figures(result) == expected
        assert expected[RTT_18_WEEKS] == (12539, 21702)
        assert [expected[m] for m in RTT_WAITERS.values()] == [647, 45, 1, 0]
        assert {o.period for o in result.observations} == {Month(2024, 11)}

    def test_the_published_file_has_no_issues(self) -> None:
        issues = read_rtt_full_csv(SHARED_RTT).issues
        # only the rows of the parts it does not read, one note per part type
        assert [i.value for i in issues] == ["Part_1A", "Part_1B", "Part_2A", "Part_3"]
        assert all("not read" in i.message for i in issues)

    def test_a_tampered_row_is_reported_and_c999_used(self, tmp_path: Path) -> None:
        lines = SHARED_RTT.read_text(encoding="utf-8").splitlines(keepends=True)
        reader = list(csv.reader(lines))
        header = reader[0]
        at = next(
            i
            for i, r in enumerate(reader)
            if r[header.index("RTT Part Type")] == "Part_2"
            and r[header.index("Treatment Function Code")] == "C_110"
        )
        reader[at][header.index(RTT_BANDS[0])] = str(
            int(reader[at][header.index(RTT_BANDS[0])]) + 5
        )
        path = tmp_path / "tampered.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(reader)
        result = read_rtt_full_csv(path)
        assert rtt_figures(result) == rtt_figures(read_rtt_full_csv(SHARED_RTT))
        total_all, c999 = [
            i for i in result.issues if i.column != "RTT Part Type"
        ]  # the tampered row no longer adds up; nor does C_999
        assert (total_all.row, total_all.column) == (at + 1, "Total All")
        assert c999.source == str(path)
        assert c999.column == RTT_BANDS[0]
        assert "the C_999 row was used" in c999.message

    def test_without_c999_rows_the_figures_are_the_same(self, tmp_path: Path) -> None:
        with SHARED_RTT.open(encoding="utf-8", newline="") as f:
            rows = [r for r in csv.reader(f) if "C_999" not in r]
        path = tmp_path / "no_totals.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        result = read_rtt_full_csv(path)
        assert rtt_figures(result) == rtt_figures(read_rtt_full_csv(SHARED_RTT))
        assert result.issues
        parts = [i for i in result.issues if i.column != "RTT Part Type"]  # parts not read
        assert parts
        assert all("summed instead" in i.message for i in parts)


# --- observation files -------------------------------------------------------------------------

GOOD = "RBD,ae_4_hour,2021-11,,,9000,10000"
HEADER = ",".join(OBSERVATION_COLUMNS)


def observations_file(*rows: str, header: str = HEADER) -> io.StringIO:
    return io.StringIO("\n".join((header, *rows)) + "\n")


class TestObservationsCsv:
    def test_reads_values_and_proportions(self) -> None:
        result = read_observations_csv(
            observations_file(
                GOOD,
                "QVV,rtt_52_week_waiters,2021/22 Q3,12,pathway,,",
                "RBD,cancer_62_day_backlog,2021/22,1200,patients,,",
                "RBD,bed_occupancy,2021-12,92%,,,",
                'RBD,ae_4_hour,2021-12,,%,"9,000","10,000"',
            )
        )
        assert result.issues == ()
        assert [(o.org, o.period, o.amount) for o in result.observations] == [
            ("RBD", Month(2021, 11), quantity(90, "percent")),
            ("QVV", Quarter(2021, 3), quantity(12, "pathway")),
            ("RBD", FinancialYear(2021), quantity(1200, "patient")),
            ("RBD", Month(2021, 12), quantity(92, "percent")),
            ("RBD", Month(2021, 12), quantity(90, "percent")),
        ]

    def test_header_is_forgiving_about_case_space_order_and_a_trailing_comma(self) -> None:
        text = " Metric ,ORG,period,numerator,denominator,\nae_4_hour,RBD,2021-11,1,2,\n"
        (o,) = read_observations_csv(io.StringIO(text)).observations
        assert (o.org, o.numerator, o.denominator) == ("RBD", 1, 2)

    def test_a_byte_order_mark_is_read(self, tmp_path: Path) -> None:
        path = tmp_path / "figures.csv"
        path.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8-sig")
        assert len(read_observations_csv(path).observations) == 1

    BAD_ROWS = (
        ("RBD,ae_4_hour,2021-13,,,9000,10000", "period", "months run from 01 to 12"),
        ("R BD,ae_4_hour,2021-11,,,9000,10000", "org", "organisation code"),
        ("RBD,AE 4 hour,2021-11,,,9000,10000", "metric", "snake_case"),
        ("RBD,ae_4_hour,2021-11,90,percent,9000,10000", "value", "not both"),
        ("RBD,ae_4_hour,2021-11,,,,", "value", "not neither"),
        ("RBD,ae_4_hour,2021-11,,,10001,10000", "numerator", "above denominator"),
        ("RBD,ae_4_hour,2021-11,,,0,0", "denominator", "zero"),
        ("RBD,ae_4_hour,2021-11,,,-1,10", "numerator", "negative"),
        ("RBD,ae_4_hour,2021-11,,,9000,", "denominator", "not a number"),
        ("RBD,ae_4_hour,2021-11,,pathway,9000,10000", "unit", "leave the unit blank"),
        ("RBD,beds,2021-11,many,bed,,", "value", "not a number"),
        ("RBD,beds,2021-11,12,furlongs,,", "unit", "unknown unit 'furlongs'"),
        ("RBD,beds,2021-11,12 furlongs,,,", "value", "furlongs"),
        ("RBD,beds,2021-11,inf,bed,,", "value", "not a number"),
        (f"{GOOD},extra", None, "outside the named columns"),
    )

    @pytest.mark.parametrize(("row", "column", "words"), BAD_ROWS)
    def test_a_bad_row_names_file_row_column_and_an_example(
        self, row: str, column: str | None, words: str, tmp_path: Path
    ) -> None:
        path = tmp_path / "figures.csv"
        path.write_text(f"{HEADER}\n{GOOD}\n{row}\n", encoding="utf-8")
        with pytest.raises(ObservationFileError) as caught:
            read_observations_csv(path)
        err = caught.value
        assert isinstance(err, NhsplanError)
        assert isinstance(err, ValueError)
        (issue,) = err.issues
        assert (issue.source, issue.row, issue.column) == (str(path), 3, column)
        assert words in issue.message
        text = str(err)
        assert str(path) in text
        assert "row 3" in text
        if column is not None:
            assert f"column {column!r}" in text
        assert GOOD in text  # a valid example row

    def test_every_bad_row_is_reported_at_once(self) -> None:
        rows = [row for row, _column, _words in self.BAD_ROWS]
        with pytest.raises(ObservationFileError) as caught:
            read_observations_csv(observations_file(GOOD, *rows, GOOD.replace("-11", "-12")))
        issues = caught.value.issues
        assert sorted({i.row for i in issues}) == list(range(3, 3 + len(rows)))
        assert f"{len(issues)} problems" in str(caught.value)

    def test_a_row_with_several_problems_reports_each(self) -> None:
        with pytest.raises(ObservationFileError) as caught:
            read_observations_csv(observations_file("r bd,ae_4_hour,2021-13,,,x,10"))
        assert [(i.row, i.column) for i in caught.value.issues] == [
            (2, "org"),
            (2, "period"),
            (2, "numerator"),
        ]

    def test_skip_invalid_reads_the_rest(self) -> None:
        rows = [row for row, _column, _words in self.BAD_ROWS]
        later = GOOD.replace("2021-11", "2021-12")
        result = read_observations_csv(observations_file(GOOD, *rows, later), skip_invalid=True)
        assert len(result.observations) == 2
        assert sorted({i.row for i in result.issues}) == list(range(3, 3 + len(rows)))
        assert all(i.message.endswith("row skipped") for i in result.issues)
        assert all(isinstance(i, DataQualityIssue) for i in result.issues)

    @pytest.mark.parametrize(
        ("header", "column", "words"),
        [
            ("org,metric,value,unit", "period", "missing"),
            ("org,metric,period,value,unit,numerater", "numerater", "did you mean 'numerator'"),
            ("org,metric,period", None, "no figure columns"),
            ("org,metric,period,value,value", "value", "a second"),
        ],
    )
    def test_header_problems_always_raise(
        self, header: str, column: str | None, words: str
    ) -> None:
        with pytest.raises(ObservationFileError) as caught:
            read_observations_csv(observations_file(GOOD, header=header), skip_invalid=True)
        assert [(i.row, i.column) for i in caught.value.issues][-1] == (1, column)
        assert words in str(caught.value)

    def test_an_empty_file_raises(self) -> None:
        with pytest.raises(ObservationFileError, match="empty"):
            read_observations_csv(io.StringIO(""))

    def test_unreadable_csv_raises_naming_the_row(self) -> None:
        with pytest.raises(ObservationFileError, match="row 3") as caught:
            read_observations_csv(observations_file(GOOD, "RBD,ae\0,2021-11,,,1,2"))
        assert caught.value.issues[0].row == 3

    def test_unknown_metric_names_the_closest_ids(self) -> None:
        guidance = load_guidance("standards")
        rows = (GOOD, "RBD,ae_4hour,2021-11,,,1,2", "RBD,ae_4hour,2021-12,,,1,2")
        with pytest.raises(UnknownMetricError) as caught:
            read_observations_csv(observations_file(*rows), guidance=guidance)
        err = caught.value
        assert err.metric == "ae_4hour"
        assert err.closest[0] == "ae_4_hour"
        assert "rows 3, 4" in str(err)
        assert isinstance(err, LookupError)

    def test_unknown_metric_with_skip_invalid_is_an_issue(self) -> None:
        guidance = load_guidance("standards")
        result = read_observations_csv(
            observations_file(GOOD, "RBD,rtt_52_week_waits,2021-11,3,pathway,,"),
            guidance=guidance,
            skip_invalid=True,
        )
        assert [o.metric for o in result.observations] == ["ae_4_hour"]
        (issue,) = result.issues
        assert (issue.row, issue.column, issue.value) == (3, "metric", "rtt_52_week_waits")
        assert "'rtt_52_week_waiters'" in issue.message

    def test_known_metrics_pass_the_guidance_check(self) -> None:
        result = read_observations_csv(observations_file(GOOD), guidance=load_guidance("standards"))
        assert len(result.observations) == 1

    @given(st.lists(sm.observations(), max_size=8, unique_by=lambda o: (o.org, o.metric, o.period)))
    @settings(max_examples=examples(50, 150), deadline=None)
    def test_write_then_read_round_trips(self, observations: list[Observation]) -> None:
        out = io.StringIO()
        write_observations_csv(observations, out)
        result = read_observations_csv(io.StringIO(out.getvalue()))
        assert result.observations == tuple(observations)
        assert result.issues == ()

    def test_round_trip_through_a_file(self, tmp_path: Path) -> None:
        observations = read_ae_attendances().observations[:50]
        path = tmp_path / "ae.csv"
        write_observations_csv(observations, path)
        assert read_observations_csv(path).observations == observations
        assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER

    @given(st.text(max_size=200))
    @settings(max_examples=200, deadline=None)
    def test_only_documented_errors_escape(self, text: str) -> None:
        for skip_invalid in (False, True):
            with contextlib.suppress(ObservationFileError):
                read_observations_csv(io.StringIO(f"{HEADER}\n{text}"), skip_invalid=skip_invalid)


# --- results and issues ------------------------------------------------------------------------


class TestResults:
    def test_issue_text_names_where_and_what(self) -> None:
        issue = DataQualityIssue(
            source="f.csv", row=3, column="period", value="2021-13", message="not a month"
        )
        assert str(issue) == "f.csv row 3, column 'period' ('2021-13'): not a month"
        assert issue.where == "f.csv row 3, column 'period'"

    def test_select(self) -> None:
        o = [
            Observation(org=org, metric=m, period=Month(2021, 11), numerator=1, denominator=2)
            for org in ("RBD", "RXX")
            for m in ("ae_4_hour", "other")
        ]
        result = SourceResult(observations=iter(o))
        assert result.observations == tuple(o)
        assert result.select(org="RXX", metric="other") == (o[3],)
        assert result.select() == tuple(o)

    def test_results_are_frozen_values(self) -> None:
        a = SourceResult(observations=[], issues=[])
        assert a == SourceResult(observations=(), issues=())
        with pytest.raises(AttributeError):
            a.issues = ()  # type: ignore[misc]
