"""Plan files: read by the observation reader, keyed by metric id or planning reference."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from nhsplan.catalog import load_guidance
from nhsplan.errors import UnknownMetricError
from nhsplan.io.readers import (
    ObservationFileError,
    read_plan_csv,
    read_plan_frame,
    read_plan_parquet,
)
from nhsplan.model import OrgType

HEADER = "org,metric,period,value,unit,numerator,denominator\n"
TEXT = (
    HEADER
    + "QXX,rtt_65_week_waiters,2024-09,10,pathway,,\n"
    + "rxa,E.B.20,2024-09,4,pathway,,\n"
    + "RXA,ae_4_hour,2025-03,,,7000,10000\n"
)
REFS = {"E.B.20": "rtt_65_week_waiters"}


def test_one_plan_per_organisation_with_references_and_types() -> None:
    result = read_plan_csv(
        io.StringIO(TEXT),
        edition="2024/25",
        version="v2",
        org_type="acute_trust",
        org_types={"qxx": "system"},
        references=REFS,
    )
    assert [p.org for p in result.plans] == ["QXX", "RXA"]
    icb, trust = result.plans
    assert icb.org_type is OrgType.SYSTEM
    assert trust.org_type is OrgType.ACUTE_TRUST
    assert trust.version == "v2"
    assert [(line.metric, line.ref) for line in trust.lines] == [
        ("rtt_65_week_waiters", "E.B.20"),
        ("ae_4_hour", ""),
    ]
    assert result.rows == 3
    assert result.plan("rxa") is trust
    with pytest.raises(KeyError, match="QXX, RXA"):
        result.plan("RZZ")


def test_the_catalogs_references_read_without_a_map() -> None:
    assert read_plan_csv(io.StringIO(TEXT), edition="2024/25") == read_plan_csv(
        io.StringIO(TEXT), edition="2024/25", references=REFS
    )


def test_a_map_given_wins_over_the_catalogs() -> None:
    result = read_plan_csv(
        io.StringIO(TEXT), edition="2024/25", references={"E.B.20": "rtt_52_week_waiters"}
    )
    assert result.plan("RXA").lines[0].metric == "rtt_52_week_waiters"


# E.B.3a (the RTT waiting list) is a reference the catalog leaves unmapped: nhsplan has no metric
UNMAPPED = TEXT.replace("E.B.20", "E.B.3a")


def test_an_unmapped_reference_is_a_bad_row_named_with_its_row() -> None:
    with pytest.raises(ObservationFileError, match=r"row 3, column 'metric'.*E\.B\.3a"):
        read_plan_csv(io.StringIO(UNMAPPED), edition="2024/25")


def test_skip_invalid_accounts_for_every_row() -> None:
    text = UNMAPPED + "RXA,ae_4_hour,2025-13,,,1,2\n"
    result = read_plan_csv(io.StringIO(text), edition="2024/25", skip_invalid=True)
    lines = sum(len(p.lines) for p in result.plans)
    assert (lines, len(result.issues), result.rows) == (2, 2, 4)
    assert lines + len(result.issues) == result.rows


def test_a_duplicate_month_is_refused_by_the_reader() -> None:
    text = TEXT + "RXA,ae_4_hour,2025-03,,,7100,10000\n"
    with pytest.raises(ObservationFileError, match="second figure"):
        read_plan_csv(io.StringIO(text), edition="2024/25", references=REFS)


def test_guidance_checks_metrics() -> None:
    text = HEADER + "RXA,ae_4hour,2025-03,,,7000,10000\n"
    with pytest.raises(UnknownMetricError, match="ae_4_hour"):
        read_plan_csv(io.StringIO(text), edition="2024/25", guidance=load_guidance("2024/25"))


def test_frames_and_parquet_read_as_the_csv_does(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    frame = pd.read_csv(io.StringIO(TEXT), dtype=str, keep_default_na=False)
    want = read_plan_csv(io.StringIO(TEXT), edition="2024/25", references=REFS)
    assert read_plan_frame(frame, edition="2024/25", references=REFS) == want
    numeric = pd.read_csv(io.StringIO(TEXT))  # numbers as floats, blanks as NaN
    assert read_plan_frame(numeric, edition="2024/25", references=REFS).plans == want.plans
    assert read_plan_frame(pl.from_pandas(frame), edition="2024/25", references=REFS) == want
    path = tmp_path / "plan.parquet"
    numeric.to_parquet(path)
    assert read_plan_parquet(path, edition="2024/25", references=REFS).plans == want.plans
    with pytest.raises(TypeError):
        read_plan_frame([1, 2], edition="2024/25")


def test_importing_the_readers_does_not_load_the_catalog() -> None:
    # The catalog (and cattrs) load when a plan is read: writing observations
    # (nhsplan measure) never needs them.
    code = "import sys, nhsplan.io.readers; print('nhsplan.catalog' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
