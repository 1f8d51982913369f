"""The columnar path gives what reading row by row gives: same Report, same issues, every row."""

from __future__ import annotations

import csv
import importlib
import sys
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nhsplan import NhsplanError
from nhsplan.catalog import load_guidance
from nhsplan.engines.columnar import FrameResult, evaluate_file, evaluate_frame, is_frame
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.evaluate.report import Report
from nhsplan.io.readers import read_observations_csv
from nhsplan.io.readers._cells import _observation
from nhsplan.io.readers.observations import OBSERVATION_COLUMNS, ObservationFileError
from tests.profiles import examples

pd = pytest.importorskip("pandas")
frame_module = importlib.import_module("nhsplan.engines.columnar.frame")
pl = pytest.importorskip("polars")
pytest.importorskip("duckdb")
pytest.importorskip("narwhals")

GUIDANCE = load_guidance("standards")
METRICS = sorted({t.metric for t in GUIDANCE.targets if t.metric is not None})
AS_OF = date(2019, 4, 30)

_orgs = st.sampled_from(["RBD", "RXX", "R1A", " RBD", "rbd", "", "RBD\t"])
_metrics = st.sampled_from([*METRICS[:4], "not_a_metric", "AE", ""])
_periods = st.sampled_from(
    [
        "2019-01",
        "2019-02",
        "2019-03",
        "2019-04",
        "2019-05",
        "2018/19 Q4",
        "2018/19 H2",
        "2018/19",
        "2019/20 Q1",
        "2019-13",
        "Q4 2018/19",
        " 2019-03",
        "March 2019",
        "",
    ]
)
_figures = st.sampled_from(
    [
        ("", "", "9000", "10000"),
        ("", "", "9600", "10000"),
        ("", "%", "7", "8"),
        ("", "", "12", "10"),
        ("", "", "1", "0"),
        ("", "", "abc", "10"),
        ("", "", "1,234", "2,000"),
        ("", "", "5", ""),
        ("87.5", "%", "", ""),
        ("150", "%", "", ""),
        ("87.5 %", "", "", ""),
        ("12", "pathway", "", ""),
        ("12", "furlong", "", ""),
        ("12", "pathway", "3", "4"),
        ("", "", "", ""),
        (" 95", "percent", "", ""),
    ]
)


@st.composite
def _rows(draw: st.DrawFn) -> list[list[str]]:
    rows = []
    for _ in range(draw(st.integers(0, 25))):
        if draw(st.integers(0, 15)) == 0:
            rows.append([""] * 7)
            continue
        value, unit, numerator, denominator = draw(_figures)
        rows.append(
            [draw(_orgs), draw(_metrics), draw(_periods), value, unit, numerator, denominator]
        )
    return rows


def _write(rows: list[list[str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(OBSERVATION_COLUMNS)
        writer.writerows(rows)
    return path


Outcome = tuple[str, object, object]


def _by_rows(path: Path, *, org: str | None, spc: bool) -> Outcome:
    """The object path, as ``nhsplan evaluate --skip-invalid`` ran it before this engine."""
    try:
        result = read_observations_csv(path, skip_invalid=True, guidance=GUIDANCE)
        observations = [o for o in result.observations if org is None or o.org == org]
        report = evaluate_guidance(GUIDANCE, observations, as_of=AS_OF, spc=spc)
    except NhsplanError as exc:
        return ("error", type(exc), str(exc))
    warnings = tuple(str(issue) for issue in result.issues) + report.warnings
    return ("report", attrs.evolve(report, warnings=warnings), result.issues)


def _columnar(run: object) -> Outcome:
    try:
        result = run() if callable(run) else run
    except NhsplanError as exc:
        return ("error", type(exc), str(exc))
    assert isinstance(result, FrameResult)
    assert result.account.balanced, result.account
    return ("report", result.report, result.issues)


def _frame(rows: list[list[str]], kind: str) -> object:
    columns = {name: [r[i] for r in rows] for i, name in enumerate(OBSERVATION_COLUMNS)}
    if kind == "pandas":
        return pd.DataFrame(columns, dtype="string")
    return pl.DataFrame(columns, schema=dict.fromkeys(OBSERVATION_COLUMNS, pl.String))


class TestDifferential:
    @settings(
        max_examples=examples(8, 20),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(rows=_rows(), org=st.sampled_from([None, "RBD"]), spc=st.booleans())
    def test_file_and_frames_match_the_row_reader(
        self, tmp_path: Path, rows: list[list[str]], org: str | None, spc: bool
    ) -> None:
        path = _write(rows, tmp_path / "obs.csv")
        expected = _by_rows(path, org=org, spc=spc)
        got = _columnar(
            lambda: evaluate_file(path, GUIDANCE, as_of=AS_OF, org=org, skip_invalid=True, spc=spc)
        )
        assert got == expected
        for kind in ("pandas", "polars"):
            frame = _frame(rows, kind)
            got = _columnar(
                lambda frame=frame: evaluate_frame(
                    GUIDANCE,
                    frame,
                    as_of=AS_OF,
                    org=org,
                    skip_invalid=True,
                    check_metrics=True,
                    spc=spc,
                    source=str(path),
                )
            )
            assert got == expected, kind


class TestRepeats:
    def test_a_repeat_of_another_organisation_read_one_by_one_is_reported(
        self, tmp_path: Path
    ) -> None:
        """Two loosely spelt rows of an organisation not asked for still repeat each other."""
        rows = [
            ["RBD", "ae_4_hour", "2019-03", "", "", "9000", "10000"],
            ["R1A", "ambulance_cat1_p90", "March 2019", "", "", "1,234", "2,000"],
            ["R1A", "ambulance_cat1_p90", " 2019-03", "87.5 %", "", "", ""],
        ]
        path = _write(rows, tmp_path / "obs.csv")
        expected = _by_rows(path, org="RBD", spc=False)
        got = _columnar(
            lambda: evaluate_file(path, GUIDANCE, as_of=AS_OF, org="RBD", skip_invalid=True)
        )
        assert got == expected
        assert any("a second figure" in str(issue) for issue in cast("Any", got[2]))


class TestAccounting:
    def test_every_row_is_counted_once(self, tmp_path: Path) -> None:
        rows = [
            ["RBD", "ae_4_hour", "2019-03", "", "", "9000", "10000"],
            ["RBD", "ae_4_hour", "2019-02", "", "", "9000", "10000"],
            ["RXX", "ae_4_hour", "2019-03", "", "", "9000", "10000"],
            ["RBD", "ae_4_hour", "2019-13", "", "", "9000", "10000"],
            ["RBD", "ae_4_hour", "2019-01", "150", "%", "", ""],
            ["", "", "", "", "", "", ""],
            ["RBD", "nope", "2019-03", "1", "pathway", "", ""],
        ]
        result = evaluate_file(
            _write(rows, tmp_path / "obs.csv"),
            GUIDANCE,
            as_of=AS_OF,
            org="RBD",
            skip_invalid=True,
        )
        account = result.account
        assert (account.rows, account.blank, account.reported) == (7, 1, 2)
        assert (account.other_org, account.left_out, account.judged) == (1, 1, 2)
        assert account.balanced
        assert account.used <= account.judged


class TestFrames:
    @pytest.mark.parametrize("kind", ["pandas", "polars"])
    def test_evaluate_guidance_takes_a_frame(self, kind: str) -> None:
        rows = [
            ["RBD", "ae_4_hour", "2019-03", "", "", "9000", "10000"],
            ["RXX", "ae_4_hour", "2019-03", "", "", "9600", "10000"],
        ]
        objects = [
            _observation(dict(zip(OBSERVATION_COLUMNS, r, strict=True)), [], {}) for r in rows
        ]
        expected = evaluate_guidance(GUIDANCE, [o for o in objects if o], as_of=AS_OF)
        got = evaluate_guidance(GUIDANCE, cast("Any", _frame(rows, kind)), as_of=AS_OF)
        assert isinstance(got, Report)
        assert got == expected

    def test_numeric_columns_are_read_as_numbers(self) -> None:
        frame = pd.DataFrame(
            {
                "org": ["RBD", "RBD"],
                "metric": ["ae_4_hour", "ae_4_hour"],
                "period": ["2019-03", "2019-02"],
                "numerator": [9000, float("nan")],
                "denominator": [10000, 10000],
            }
        )
        with pytest.raises(ObservationFileError, match=r"row 3, column 'numerator'"):
            evaluate_guidance(GUIDANCE, cast("Any", frame), as_of=AS_OF)
        result = evaluate_frame(GUIDANCE, frame, as_of=date(2019, 3, 31), skip_invalid=True)
        assert str(result.report.assessments[0].observed) == "90 %"

    def test_a_frame_without_the_columns_is_refused(self) -> None:
        frame = pd.DataFrame({"org": ["RBD"], "metrc": ["ae_4_hour"]})
        with pytest.raises(ObservationFileError, match="did you mean 'metric'"):
            evaluate_guidance(GUIDANCE, cast("Any", frame), as_of=AS_OF)

    @pytest.mark.parametrize("obj", [[], (), iter([]), "text", {"org": []}])
    def test_lists_are_not_frames(self, obj: object) -> None:
        assert not is_frame(obj)

    def test_missing_extra_is_named(self, monkeypatch: pytest.MonkeyPatch) -> None:
        frame = pd.DataFrame({"org": ["RBD"]})
        monkeypatch.setitem(sys.modules, "narwhals", None)
        monkeypatch.setitem(sys.modules, "narwhals.stable.v2", None)
        with pytest.raises(ImportError, match=r"nhsplan\[duckdb\]"):
            evaluate_guidance(GUIDANCE, cast("Any", frame), as_of=AS_OF)


class TestFiles:
    def test_parquet_matches_csv(self, tmp_path: Path) -> None:
        rows = [
            ["RBD", "ae_4_hour", "2019-03", "", "", "9000", "10000"],
            ["RBD", "ae_4_hour", "2019-13", "", "", "9000", "10000"],
        ]
        csv_path = _write(rows, tmp_path / "obs.csv")
        parquet = tmp_path / "obs.parquet"
        _frame(rows, "polars").write_parquet(parquet)  # type: ignore[attr-defined]
        a = evaluate_file(csv_path, GUIDANCE, as_of=AS_OF, skip_invalid=True)
        b = evaluate_file(parquet, GUIDANCE, as_of=AS_OF, skip_invalid=True)
        assert a.report.assessments == b.report.assessments
        assert [(i.row, i.column, i.message) for i in a.issues] == [
            (i.row, i.column, i.message) for i in b.issues
        ]

    def test_blank_lines_keep_the_readers_row_numbers(self, tmp_path: Path) -> None:
        path = tmp_path / "obs.csv"
        path.write_text(
            ",".join(OBSERVATION_COLUMNS) + "\n\nRBD,ae_4_hour,2019-13,,,1,2\n", encoding="utf-8"
        )
        with pytest.raises(ObservationFileError, match="row 3, column 'period'"):
            evaluate_file(path, GUIDANCE, as_of=AS_OF)

    def test_without_the_extra_the_file_is_read_row_by_row(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        rows = [
            ["RBD", "ae_4_hour", "2019-03", "", "", "9000", "10000"],
            ["RBD", "ae_4_hour", "2019-13", "", "", "9000", "10000"],
        ]
        path = _write(rows, tmp_path / "obs.csv")
        columnar = evaluate_file(path, GUIDANCE, as_of=AS_OF, skip_invalid=True)
        monkeypatch.setitem(sys.modules, "duckdb", None)
        by_rows = evaluate_file(path, GUIDANCE, as_of=AS_OF, skip_invalid=True)
        assert by_rows.report == columnar.report
        assert by_rows.issues == columnar.issues
        assert by_rows.account == columnar.account


class TestAsOfText:
    """``as_of`` as ISO text, as evaluate() and evaluate_guidance() take it."""

    def test_text_gives_the_dates_report(self, tmp_path: Path) -> None:
        rows = [["RBD", "ae_4_hour", "2019-03", "", "", "9000", "10000"]]
        frame = _frame(rows, "polars")
        by_text = evaluate_frame(GUIDANCE, frame, as_of=AS_OF.isoformat())
        assert by_text.report == evaluate_frame(GUIDANCE, frame, as_of=AS_OF).report
        path = _write(rows, tmp_path / "obs.csv")
        assert (
            evaluate_file(path, GUIDANCE, as_of=AS_OF.isoformat()).report
            == evaluate_file(path, GUIDANCE, as_of=AS_OF).report
        )

    def test_bad_text_is_refused_where_it_enters(self) -> None:
        frame = _frame([["RBD", "ae_4_hour", "2019-03", "", "", "9000", "10000"]], "pandas")
        with pytest.raises(NhsplanError, match="as_of"):
            evaluate_frame(GUIDANCE, frame, as_of="31/03/2019")


class TestSmallFrames:
    """A frame under ``SMALL_FRAME`` rows is read row by row (cheaper than a pass's fixed
    cost), with the report, issues and row account a pass gives."""

    @pytest.mark.parametrize("kind", ["pandas", "polars"])
    def test_a_small_frame_is_read_row_by_row_with_the_same_answer(
        self, kind: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(frame_module, "SMALL_FRAME", 1_000)  # undo the conftest's 0
        rows = [
            ["RBD", "ae_4_hour", "2019-02", "", "", "9000", "10000"],
            ["RBD", "ae_4_hour", "2019-03", "", "", "9600", "10000"],
            ["RXX", "ae_4_hour", "2019-13", "", "", "900", "1000"],
        ]
        frame = _frame(rows, kind)
        small = evaluate_frame(GUIDANCE, frame, as_of=AS_OF, skip_invalid=True)
        passed = evaluate_frame(
            GUIDANCE, frame, as_of=AS_OF, skip_invalid=True, _force="column pass"
        )
        assert small.method == "row by row"
        assert small.report == passed.report
        assert small.issues == passed.issues
        assert small.account == passed.account

    def test_a_frame_of_small_frame_rows_takes_a_pass(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(frame_module, "SMALL_FRAME", 3)
        rows = [["RBD", "ae_4_hour", f"2019-0{m}", "", "", "9000", "10000"] for m in (1, 2, 3)]
        result = evaluate_frame(GUIDANCE, _frame(rows, "pandas"), as_of=AS_OF)
        assert result.method != "row by row"
        fewer = evaluate_frame(GUIDANCE, _frame(rows[:2], "pandas"), as_of=AS_OF)
        assert fewer.method == "row by row"


class TestArguments:
    """``guidance``, ``frame`` and ``orgs=`` are read where they enter, the same on every path."""

    FRAME: ClassVar[dict[str, list[object]]] = {
        "org": ["RBD", "RXX"],
        "metric": ["cancer_faster_diagnosis", "cancer_faster_diagnosis"],
        "period": ["2021-11", "2021-11"],
        "numerator": [780, 700],
        "denominator": [1000, 1000],
    }

    @pytest.mark.parametrize("path", ["evaluate_guidance objects", "evaluate_guidance", "frame"])
    def test_bare_codes_refused_naming_the_item(self, path: str) -> None:
        guidance = load_guidance("2021/22")
        frame = pd.DataFrame(self.FRAME)
        data: Any = read_observations_csv(_csv(frame)) if path.endswith("objects") else frame
        bare: Any = ["RBD"]
        if path == "frame":
            with pytest.raises(NhsplanError, match=r"^orgs\[0\]: 'RBD' \(str\) is not an Organ"):
                evaluate_frame(guidance, data, as_of="2021-12-31", orgs=bare)
        else:
            with pytest.raises(NhsplanError, match=r"^orgs\[0\]: 'RBD' \(str\) is not an Organ"):
                evaluate_guidance(guidance, data, as_of="2021-12-31", orgs=bare)

    @pytest.mark.parametrize("force", ["column pass", "row by row"])
    def test_a_generator_of_orgs_is_read_once(self, force: str) -> None:
        from nhsplan.model import Organisation  # noqa: PLC0415

        guidance = load_guidance("2021/22")
        orgs = [Organisation(code=c, type="acute_trust") for c in ("RBD", "RXX")]
        frame = pd.DataFrame(self.FRAME)
        listed = evaluate_frame(guidance, frame, as_of="2021-12-31", orgs=orgs, _force=force)
        generated = evaluate_frame(
            guidance, frame, as_of="2021-12-31", orgs=(o for o in orgs), _force=force
        )
        assert generated.report.assessments == listed.report.assessments
        assert {a.org for a in listed.report.assessments} == {"RBD", "RXX"}


def test_arguments_in_the_wrong_order_are_named() -> None:
    guidance, frame = load_guidance("2021/22"), pd.DataFrame(TestArguments.FRAME)
    swapped: Any = (frame, guidance)
    with pytest.raises(NhsplanError, match=r"^guidance: a DataFrame is not a Guidance; for exam"):
        evaluate_frame(*swapped, as_of="2021-12-31")
    with pytest.raises(NhsplanError, match=r"^guidance: a str is not a Guidance \(an edition"):
        evaluate_guidance(cast("Any", "2021/22"), frame, as_of="2021-12-31")
    with pytest.raises(NhsplanError, match=r"^frame: a list is not a DataFrame"):
        evaluate_frame(guidance, [1, 2], as_of="2021-12-31")


def _csv(frame: Any) -> Any:
    import io  # noqa: PLC0415

    return io.StringIO(frame.to_csv(index=False))
