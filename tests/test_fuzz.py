"""Only documented errors escape: every public entry point, fed any Python value.

Each test drives mixed-type arguments (odd unicode, lone surrogates, control characters, bytes,
huge integers, NaN, Decimal, bools, None, dates, nested lists and dicts, and plausible near
misses) into one constructor, function or reader: 200 examples each by default, 10,000 in
the deep profile (CI, ``HYPOTHESIS_PROFILE=deep`` or ``pytest --fuzz-deep``). Whatever happens, the
only exceptions allowed out are :class:`~nhsplan.errors.NhsplanError` subclasses, and, where a
constructor is given a value of the wrong Python type, a ``TypeError`` whose message names the
field. Anything else (``AttributeError``, ``ValueError``, ``UnicodeDecodeError``,
``RecursionError`` ...) is a crash a user would see as a traceback.

It also checks what issue 21's probes found: outputs killed or cut short mid-write keep the
old file whole; record files with cells a lenient cast would misread, and time-zone-aware
times, are counted exactly; files named like glob patterns are read as themselves.

Run just these with ``pytest -m fuzz`` (add ``-n 2`` to spread them over two cores with
pytest-xdist, as ``scripts/test`` does); they run in the full suite too.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import nhsplan
from nhsplan import cli
from nhsplan.calendar import FinancialYear, Half, Month, Quarter, parse_period, resolve_deadline
from nhsplan.catalog import load_file, parse_document
from nhsplan.engines.guidance import evaluate_guidance
from nhsplan.errors import NhsplanError
from nhsplan.evaluate import evaluate
from nhsplan.io.readers import (
    RTT_BANDS,
    read_ae_attendances,
    read_observations_csv,
    read_rtt_full_csv,
)
from nhsplan.model import Observation
from nhsplan.units import quantity
from tests.profiles import deep

pytestmark = pytest.mark.fuzz

# Two profiles: a quick one by default (200 examples per entry point, so the everyday test run
# stays fast) and the deep one (10,000) in CI (CI=true), with HYPOTHESIS_PROFILE=deep, or with
# pytest --fuzz-deep (tests/conftest.py). NHSPLAN_FUZZ_EXAMPLES=N overrides both.
settings.register_profile(
    "fuzz",
    max_examples=200,
    deadline=None,
    # A failure is reported as found, unshrunk, so a failing run stays minutes long;
    # NHSPLAN_FUZZ_SHRINK=1 shrinks it to a minimal input.
    phases=[
        phase
        for phase in Phase
        if phase is not Phase.shrink or os.environ.get("NHSPLAN_FUZZ_SHRINK") == "1"
    ],
    # Generating nested values and whole CSV files is slow by design; what matters is that
    # every example runs, not how many per second.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("fuzz-deep", settings.get_profile("fuzz"), max_examples=10_000)


def fuzz_profile() -> str:
    """``fuzz-deep`` in CI, with HYPOTHESIS_PROFILE=deep or --fuzz-deep; else ``fuzz``."""
    return "fuzz-deep" if deep() else "fuzz"


FUZZ = settings(settings.get_profile(fuzz_profile()))
if os.environ.get("NHSPLAN_FUZZ_EXAMPLES"):
    FUZZ = settings(FUZZ, max_examples=int(os.environ["NHSPLAN_FUZZ_EXAMPLES"]))
# Entry points that start a process or a database per example run a tenth as many.
FUZZ_HEAVY = settings(FUZZ, max_examples=max(10, FUZZ.max_examples // 10))

# --- values of every kind -------------------------------------------------------------------------

# Any code point, lone surrogates and control characters included.
ODD_CHARACTERS = st.characters(exclude_categories=())
ODD_TEXT = st.text(ODD_CHARACTERS, max_size=30)
HUGE_DIGITS = st.integers(4_290, 4_400).map(lambda n: "9" * n)
# Past 4,300 digits, int() of text and repr() of an int raise ValueError.
HUGE_INTEGERS = st.integers(4_299, 4_400).map(lambda n: 10**n) | st.sampled_from([2**64, -(2**63)])


def anything(*, huge_integers: bool = True) -> st.SearchStrategy[Any]:
    """Any value: scalars of every kind, and lists, tuples and dicts of them."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        HUGE_INTEGERS if huge_integers else st.integers(-(2**64), 2**64),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity"), Decimal("1E+999")]),
        ODD_TEXT,
        HUGE_DIGITS,
        st.binary(max_size=20),
        st.dates(),
        st.datetimes(),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.lists(inner, max_size=3).map(tuple),
            st.dictionaries(st.text(max_size=8), inner, max_size=3),
        ),
        max_leaves=3,
    )


ANYTHING = anything()
SERIALISABLE = anything(huge_integers=False)  # json.dumps refuses an int of 4,300+ digits


def near(pieces: list[str]) -> st.SearchStrategy[str]:
    """Text built from plausible pieces, with odd characters between them: near misses."""
    piece = st.sampled_from(pieces) | ODD_TEXT | HUGE_DIGITS | st.integers().map(str)
    return st.lists(piece, min_size=1, max_size=5).map(" ".join) | st.lists(
        piece, min_size=1, max_size=5
    ).map("".join)


PERIOD_TEXT = near(
    [
        *("2021/22", "2021-22", "FY2021/22", "2021-11", "2021-11-01", "Q3", "H1", "M7", "H", "Q"),
        *("Nov", "November", "Dec-21", "2021", "1899/00", "2200/01", "/", "-", "\u2013", "q0"),
    ]
)
DEADLINE_TEXT = near(
    [
        *("by", "the end of", "during", "from", "in", "Q1", "H2", "M12", "autumn", "March 2022"),
        *("31 March", "2022-03-31", "next year", "the year", "29 February", "9998", "first half"),
    ]
)
QUANTITY_TEXT = near(
    [
        *("75", "%", "£", "6.6", "bn", "m", "k", "FTE", "per", "head", "1,000", "1e309", "e"),
        *("nan", "inf", "-", "days", "pathways", "percent", "million", "/", "**", "(", ")", "GBP"),
    ]
)
UNIT_TEXT = near(["percent", "%", "FTE", "GBP", "£", "day", "patient", "per", "/", "week"])
EDITION_TEXT = near(["2021/22", "2021-22", "2017-19", "standards", ".toml", ".json", "/"])

GUIDANCE = nhsplan.load_guidance("2021/22")
STANDARDS = nhsplan.load_guidance("standards")
TARGETS = [*GUIDANCE.targets, *STANDARDS.targets]
METRICS = sorted({m.id for m in [*GUIDANCE.metrics, *STANDARDS.metrics]})


def only_documented(call: Callable[[], object], *, fields: tuple[str, ...] = ()) -> None:
    """Run *call*; let through only NhsplanError, or a TypeError naming one of *fields*."""
    try:
        call()
    except NhsplanError:
        pass
    except TypeError as exc:
        if not fields:
            raise
        if not any(field in str(exc) for field in fields):
            raise AssertionError(f"TypeError names no field: {exc}") from exc


# --- the calendar ---------------------------------------------------------------------------------


PARSERS = (parse_period, FinancialYear.parse, Half.parse, Quarter.parse, Month.parse)


class TestCalendar:
    @FUZZ
    @given(text=PERIOD_TEXT | ANYTHING)
    def test_period_parsers(self, text: Any) -> None:
        # Every parser reads every value: 10,000 examples each, for the cost of one generation.
        for parse in PARSERS:
            only_documented(lambda parse=parse: parse(text))  # type: ignore[misc]

    @FUZZ
    @given(
        words=DEADLINE_TEXT | ANYTHING,
        year=st.integers(1900, 2200).map(FinancialYear) | ANYTHING,
    )
    def test_resolve_deadline(self, words: Any, year: Any) -> None:
        only_documented(lambda: resolve_deadline(words, year))


# --- units ----------------------------------------------------------------------------------------


class TestUnits:
    @FUZZ
    @given(value=QUANTITY_TEXT | ANYTHING, unit=st.none() | UNIT_TEXT | ANYTHING)
    def test_quantity(self, value: Any, unit: Any) -> None:
        only_documented(lambda: quantity(value, unit))


# --- observations and judging ---------------------------------------------------------------------

ORG = st.sampled_from(["RBD", "rbd", "RBD\n", " RBD", "R1H", ""]) | ODD_TEXT | ANYTHING
PERIOD = (
    st.sampled_from([Month(2021, 12), Quarter(2021, 3), FinancialYear(2021), Half(2021, 2)])
    | PERIOD_TEXT
    | ANYTHING
)
VALUE = st.one_of(
    st.builds(
        quantity, st.floats(-1e6, 1e6), st.sampled_from(["percent", "patient", "GBP", "FTE"])
    ),
    QUANTITY_TEXT,
    st.sampled_from(["87.5 %", "£6.6bn", "12 pathways", "79", "0.79", "150 %"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(["75 %", "12 patient"]).map(quantity),
    ANYTHING,
)
COUNT = st.none() | st.integers(-5, 10_000) | st.floats() | st.decimals() | ANYTHING
AS_OF = st.dates() | st.datetimes() | st.sampled_from(["2022-03-31", "2019-03"]) | ANYTHING
OBSERVATION_FIELDS = ("org", "metric", "period", "value", "numerator", "denominator")


@st.composite
def observation_arguments(draw: st.DrawFn, metric: str | None = None) -> dict[str, Any]:
    """Keyword arguments for Observation: mostly plausible, any of them may be anything."""
    arguments = {
        "org": draw(ORG),
        "metric": metric if metric is not None else draw(st.sampled_from(METRICS) | ANYTHING),
        "period": draw(PERIOD),
    }
    for name, strategy in (("value", VALUE), ("numerator", COUNT), ("denominator", COUNT)):
        if draw(st.booleans()):
            arguments[name] = draw(strategy)
    return arguments


def observations(arguments: list[dict[str, Any]]) -> Iterator[Observation]:
    """The Observations that construct; a constructor error must be documented."""
    for kwargs in arguments:
        try:
            yield Observation(**kwargs)
        except NhsplanError:
            continue
        except TypeError as exc:
            if not any(f in str(exc) for f in OBSERVATION_FIELDS):
                raise AssertionError(f"TypeError names no field: {exc}") from exc


class TestObservations:
    @FUZZ
    @given(arguments=observation_arguments())
    def test_observation(self, arguments: dict[str, Any]) -> None:
        only_documented(lambda: Observation(**arguments), fields=OBSERVATION_FIELDS)

    @FUZZ
    @given(data=st.data(), target=st.sampled_from(TARGETS), as_of=AS_OF)
    def test_evaluate(self, data: st.DataObject, target: Any, as_of: Any) -> None:
        arguments = data.draw(st.lists(observation_arguments(target.metric), max_size=3))
        figures = list(observations(arguments))
        org = data.draw(st.none() | ORG)
        only_documented(lambda: evaluate(target, figures, as_of=as_of, org=org))

    @FUZZ
    @given(arguments=st.lists(observation_arguments(), max_size=4), as_of=AS_OF)
    def test_evaluate_guidance(self, arguments: list[dict[str, Any]], as_of: Any) -> None:
        figures = list(observations(arguments))
        only_documented(lambda: evaluate_guidance(GUIDANCE, figures, as_of=as_of))


# --- guidance files -------------------------------------------------------------------------------

DOCUMENT_KEYS = st.sampled_from(
    [
        *("id", "title", "year", "years", "citation", "published", "priorities", "requirements"),
        *("metrics", "targets", "funding", "frameworks", "extends", "notes"),
    ]
)
VALID_TOP = {"id": "fuzz", "title": "Fuzz", "year": "2021/22", "citation": "x"}


def documents(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Guidance documents: valid top keys with any sections, any keys, or not a table at all."""
    return st.one_of(
        st.dictionaries(DOCUMENT_KEYS | st.text(max_size=6), values, max_size=6).map(
            lambda extra: {**VALID_TOP, **extra}
        ),
        st.dictionaries(DOCUMENT_KEYS, values, max_size=6),
        values,
    )


DOCUMENTS = documents(ANYTHING)


def toml_value(value: Any) -> str:
    """A TOML rendering of a JSON-like value (strings through JSON, which TOML mostly reads)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value)):
        return json.dumps(value) if isinstance(value, int) else repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False)


def toml_text(document: dict[str, Any]) -> str:
    return "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in document.items())


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def written(workdir: Path, name: str, content: bytes) -> Path:
    path = workdir / name
    path.write_bytes(content)
    return path


def encoded(text: str) -> bytes:
    """*text* as UTF-8, lone surrogates written as the invalid bytes a broken file holds."""
    return text.encode("utf-8", "surrogatepass")


class TestGuidanceFiles:
    @FUZZ
    @given(edition=EDITION_TEXT | ANYTHING)
    def test_load_guidance_by_id(self, edition: Any) -> None:
        only_documented(lambda: nhsplan.load_guidance(edition))

    @FUZZ
    @given(document=DOCUMENTS)
    def test_parse_document(self, document: Any) -> None:
        only_documented(lambda: parse_document(document, source="fuzz"))

    @FUZZ
    @given(
        content=st.one_of(
            st.binary(max_size=200),
            ODD_TEXT.map(encoded),
            st.dictionaries(DOCUMENT_KEYS, SERIALISABLE, max_size=6).map(
                lambda extra: encoded(toml_text({**VALID_TOP, **extra}))
            ),
            st.integers(1, 600).map(lambda n: b"notes = " + b"[" * n + b"]" * n),
        )
    )
    def test_toml_file(self, workdir: Path, content: bytes) -> None:
        path = written(workdir, "fuzz.toml", content)
        only_documented(lambda: load_file(path))

    @FUZZ
    @given(
        content=st.one_of(
            st.binary(max_size=200),
            ODD_TEXT.map(encoded),
            documents(SERIALISABLE).map(lambda doc: encoded(json.dumps(doc, default=str))),
            st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
        )
    )
    def test_json_file(self, workdir: Path, content: bytes) -> None:
        path = written(workdir, "fuzz.json", content)
        only_documented(lambda: load_file(path))


# --- the file readers -----------------------------------------------------------------------------

CELL = st.one_of(
    ODD_TEXT,
    HUGE_DIGITS,
    HUGE_DIGITS.map(lambda digits: "-" + digits),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "1e309", "NaN", "-1", "1,000", "0x10", "ENGLAND", "Part 2"]),
)


@st.composite
def csv_text(draw: st.DrawFn, header: list[str], row: list[str]) -> str:
    """A CSV file: *header*, then rows like *row* with some cells replaced by anything."""
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        cells = list(row)
        for _ in range(draw(st.integers(0, 3))):
            cells[draw(st.integers(0, len(cells) - 1))] = draw(CELL)
        if draw(st.booleans()):
            cells = cells[: draw(st.integers(0, len(cells)))]  # a short row
        rows.append(cells)
    if draw(st.integers(0, 9)) == 0:  # now and then, a damaged header
        header = list(header)
        header[draw(st.integers(0, len(header) - 1))] = draw(CELL)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


AE_HEADER = ["period", "org_code", "type", "attendances", "breaches", "admissions"]
AE_ROW = ["2019-03-01", "RBD", "1", "4567", "789", "1234"]
RTT_HEADER = [
    "Period",
    "Provider Org Code",
    "Commissioner Org Code",
    "RTT Part Type",
    "Treatment Function Code",
    *RTT_BANDS,
    "Total",
    "Patients with unknown clock start date",
    "Total All",
]
RTT_ROW = ["RTT-November-2024", "RBD", "11J", "Part_2", "C_999", *["10"] * len(RTT_BANDS)]
RTT_ROW += ["", "0", str(10 * len(RTT_BANDS))]
OBSERVATION_HEADER = ["org", "metric", "period", "value", "unit", "numerator", "denominator"]
OBSERVATION_ROW = ["RBD", "ae_4_hour", "2021-11", "", "", "9000", "10000"]


class TestReaders:
    @FUZZ
    @given(text=csv_text(AE_HEADER, AE_ROW))
    def test_ae_attendances(self, text: str) -> None:
        only_documented(lambda: read_ae_attendances(io.StringIO(text, newline="")))

    @FUZZ
    @given(text=csv_text(RTT_HEADER, RTT_ROW))
    def test_rtt_full_csv(self, text: str) -> None:
        only_documented(lambda: read_rtt_full_csv(io.StringIO(text, newline="")))

    @FUZZ
    @given(text=csv_text(OBSERVATION_HEADER, OBSERVATION_ROW), skip_invalid=st.booleans())
    def test_observations_csv(self, text: str, skip_invalid: bool) -> None:
        stream = io.StringIO(text, newline="")
        only_documented(
            lambda: read_observations_csv(stream, skip_invalid=skip_invalid, guidance=STANDARDS)
        )


def test_only_documented_can_fail() -> None:
    """The check itself lets nothing undocumented through."""

    def crash() -> None:
        raise AttributeError("'NoneType' object has no attribute 'strip'")

    def wrong_type() -> None:
        raise TypeError("unsupported operand")

    with pytest.raises(AttributeError):
        only_documented(crash)
    with pytest.raises(AssertionError, match="names no field"):
        only_documented(wrong_type, fields=OBSERVATION_FIELDS)
    assert encoded("\udc80") == b"\xed\xb2\x80"  # a lone surrogate becomes invalid UTF-8
    assert toml_text({"notes": ["a", 1, True]}) == '"notes" = ["a", 1, true]\n'


# --- outputs written whole or not at all (issue 21) -----------------------------------------------


class _DiskFullError(OSError):
    pass


class TestAtomicWrites:
    @FUZZ
    @given(
        old=st.binary(max_size=200),
        chunks=st.lists(st.text(ODD_CHARACTERS, max_size=200), max_size=8),
        fail_at=st.none() | st.integers(0, 8),
    )
    def test_a_write_cut_short_keeps_the_old_file(
        self, workdir: Path, old: bytes, chunks: list[str], fail_at: int | None
    ) -> None:
        from nhsplan.io._atomic import atomic_write  # noqa: PLC0415

        folder = workdir / "atomic"
        folder.mkdir(exist_ok=True)
        target = folder / "out.csv"
        target.write_bytes(old)
        try:
            with atomic_write(target, newline="") as stream:
                for i, chunk in enumerate(chunks):
                    if i == fail_at:
                        raise _DiskFullError(28, "No space left on device")
                    stream.write(chunk)
        except (_DiskFullError, UnicodeEncodeError):  # a lone surrogate cannot be written either
            assert target.read_bytes() == old
        else:
            assert target.read_bytes() == "".join(chunks).encode("utf-8")
        assert [p.name for p in folder.iterdir()] == ["out.csv"]

    @FUZZ_HEAVY
    @given(size=st.integers(1, 200), wait=st.floats(0, 0.2))
    def test_kill_9_keeps_the_old_file_or_the_whole_new_one(
        self, workdir: Path, size: int, wait: float
    ) -> None:
        from nhsplan.io._atomic import atomic_write_bytes  # noqa: PLC0415

        folder = workdir / "killed"
        folder.mkdir(exist_ok=True)
        target = folder / "out.csv"
        target.write_text("old", encoding="utf-8")
        script = (
            "import sys\nfrom nhsplan.io._atomic import atomic_write\n"
            "with atomic_write(sys.argv[1]) as s:\n"
            f"    for _ in range({size}):\n        s.write('x' * 100_000)\n"
        )
        child = subprocess.Popen([sys.executable, "-c", script, str(target)])
        time.sleep(wait)
        child.kill()
        child.wait()
        whole = "x" * 100_000 * size
        assert target.read_text(encoding="utf-8") in {"old", whole}
        # Killed in the instant between linking the nameless file and renaming it: a hidden
        # copy holding the whole new content, never a part; the next write removes it.
        left = [p for p in folder.iterdir() if p.name != "out.csv"]
        for copy in left:
            assert re.fullmatch(r"\.out\.csv\.[0-9a-f]{12}\.tmp", copy.name), copy.name
            assert copy.read_text(encoding="utf-8") == whole
            os.utime(copy, (0, 0))
        if left:
            atomic_write_bytes(target, b"next")
        assert [p.name for p in folder.iterdir()] == ["out.csv"]


# --- record files: cells a lenient cast misreads, time zones, glob names (issue 21) --------------

LENIENT_TYPES = ["2.5", "0.6", "1.4", "1e0", "+1", "0x1"]
"""Cells DuckDB's cast reads as 1, 2 or 3 that are not the whole number 1, 2 or 3."""


def _measure_csv(workdir: Path, name: str, text: str) -> Any:
    pytest.importorskip("ibis")
    from nhsplan.engines.measures import measure  # noqa: PLC0415

    path = workdir / name
    path.write_text(text, encoding="utf-8", newline="")
    return measure("ae", path)


class TestRecordFiles:
    @FUZZ_HEAVY
    @given(
        rows=st.lists(
            st.tuples(
                st.sampled_from(["1", "2", "3", *LENIENT_TYPES]),
                st.sampled_from(["2021-03-28 00:30", "2021-10-31 01:30", "2021-07-01 00:30"]),
            ),
            min_size=1,
            max_size=12,
        )
    )
    def test_every_row_is_accounted_for(self, workdir: Path, rows: list[tuple[str, str]]) -> None:
        text = "org,arrival,departure,type\n" + "".join(
            f"RBD,{arrival},2021-12-31 23:00,{kind}\n" for kind, arrival in rows
        )
        result = _measure_csv(workdir, "lenient.csv", text)
        assert result.rows_in == len(rows) == result.rows_counted + result.rows_reported

    @FUZZ_HEAVY
    @given(kinds=st.lists(st.sampled_from(["1", "2", "3", *LENIENT_TYPES]), min_size=1))
    def test_a_lenient_cell_is_never_counted(self, workdir: Path, kinds: list[str]) -> None:
        text = "org,arrival,departure,type\n" + "".join(
            f"RBD,2021-11-01 10:00,2021-11-01 11:00,{kind}\n" for kind in kinds
        )
        result = _measure_csv(workdir, "strict.csv", text)
        assert result.rows_counted == sum(kind in {"1", "2", "3"} for kind in kinds)

    @FUZZ_HEAVY
    @given(
        stays=st.lists(
            st.tuples(
                st.datetimes(min_value=datetime(1997, 1, 1), max_value=datetime(2037, 12, 31)).map(
                    lambda d: d.replace(microsecond=0, tzinfo=UTC)
                ),
                st.integers(0, 20 * 3600),
            ),
            min_size=1,
            max_size=10,
        ),
        zone=st.sampled_from(["UTC", "Europe/London", "+05:30", "-08:00"]),
    )
    def test_aware_times_are_englands_instants(
        self, workdir: Path, stays: list[tuple[datetime, int]], zone: str
    ) -> None:
        pytest.importorskip("ibis")
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        from nhsplan.engines.measures import measure  # noqa: PLC0415

        kind = pa.timestamp("s", tz=zone)
        path = workdir / "aware.parquet"
        pq.write_table(
            pa.table(
                {
                    "org": [f"R{i}" for i in range(len(stays))],
                    "arrival": pa.array([a for a, _ in stays], kind),
                    "departure": pa.array([a + timedelta(seconds=s) for a, s in stays], kind),
                    "type": pa.array([1] * len(stays), pa.int64()),
                }
            ),
            path,
        )
        got = {
            (o.org, str(o.period)): o.numerator
            for o in measure("ae", path).observations
            if o.metric == "ae_4_hour"
        }
        london = ZoneInfo("Europe/London")
        expected = {
            (f"R{i}", f"{a.astimezone(london):%Y-%m}"): float(s <= 4 * 3600)
            for i, (a, s) in enumerate(stays)
        }
        assert got == expected

    @FUZZ_HEAVY
    @given(
        stays=st.lists(
            st.tuples(
                st.datetimes(min_value=datetime(1940, 1, 1), max_value=datetime(2210, 12, 31)).map(
                    lambda d: d.replace(microsecond=0)
                ),
                st.integers(-3600, 20 * 3600),
                st.sampled_from([1, 2, 3, 4]),
            ),
            min_size=1,
            max_size=10,
        ),
    )
    def test_a_range_the_statistics_prove_changes_nothing(
        self, workdir: Path, stays: list[tuple[datetime, int, int]]
    ) -> None:
        pytest.importorskip("ibis")
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        from nhsplan.engines.measures import ae, measure  # noqa: PLC0415
        from nhsplan.engines.measures._common import run  # noqa: PLC0415
        from nhsplan.engines.measures._engine import connect, read_records  # noqa: PLC0415

        kind = pa.timestamp("us")  # naive: England's wall-clock time
        path = workdir / "naive.parquet"
        pq.write_table(
            pa.table(
                {
                    "org": [f"R{i % 3}" for i in range(len(stays))],
                    "arrival": pa.array([a for a, _, _ in stays], kind),
                    "departure": pa.array([a + timedelta(seconds=s) for a, s, _ in stays], kind),
                    "type": pa.array([t for _, _, t in stays], pa.int64()),
                }
            ),
            path,
        )
        backend = connect()
        table, name = read_records(backend, path)
        checked = run(ae.measure(), table, engine="duckdb", backend=backend, source=name)
        assert measure("ae", path) == checked

    @FUZZ_HEAVY
    @given(
        name=st.text(st.sampled_from("ab1*?[]{},-_ "), min_size=1, max_size=12).filter(
            lambda n: n.strip(" ") == n
        )
    )
    def test_a_file_named_like_a_pattern_is_read_as_itself(self, workdir: Path, name: str) -> None:
        pytest.importorskip("duckdb")
        folder = workdir / "names"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        header = "org,metric,period,value,unit,numerator,denominator\n"
        (folder / f"{name}.csv").write_text(f"{header}RBD,ae_4_hour,2021-12,,,950,1000\n")
        for decoy in ("a.csv", "b.csv", "1.csv", "ab.csv", "a1.csv"):
            if decoy != f"{name}.csv":
                (folder / decoy).write_text(f"{header}XXX,ae_4_hour,2021-12,,,950,1000\n")
        out = io.StringIO()
        argv = ["evaluate", str(folder / f"{name}.csv"), "--edition", "standards"]
        code = cli.main([*argv, "--as-of", "2021-12-31", "--format", "csv"], out=out)
        assert code == 0
        assert '"RBD","ae_4_hour"' in out.getvalue()
        assert "XXX" not in out.getvalue()
