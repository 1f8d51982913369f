"""Every path that gives a verdict, behind one interface, for the conformance suite.

As cattrs runs its whole suite on both of its converters through one parametrised fixture,
``tests/conformance/`` runs every evaluation vector through every path listed in
:data:`PATHS`: the reference (:func:`nhsplan.evaluate`, one case at a time), and each other
way a user can ask for the same verdict. Each path answers a case with an :class:`Outcome`
(the assessment's status, period, observed, required, margin and reason, or the error it
raised); the tests compare it with the reference's.

Paths that read files or frames judge many cases at once: the cases are put in *buckets*
(one per edition and date assessed), each case under an organisation code of its own, and
each bucket is written once per path (one CSV, one Parquet file, one frame), so the suite
stays fast. England (``ENGLAND``) is one organisation, so its cases share a bucket only
when they measure different metrics.

Every import of the engines under test is in this module (``_engines``), so that moving a
module changes one place.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import math
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Final

import attrs

from nhsplan.model._inputs import org_code

Case = dict[str, Any]

HERE: Final = Path(__file__).parent
VECTORS: Final = HERE / "evaluation_vectors.json"
COLUMNS: Final = ("org", "metric", "period", "value", "unit", "numerator", "denominator")
SINGLE, COLUMN, ROWS = "single pass", "column pass", "row by row"
ENGLAND: Final = ("ENGLAND", "E92000001")
"""England's codes (its own and its ONS code): one organisation, kept as they are."""
FIELDS: Final = ("status", "period", "observed", "required", "margin", "reason")
"""The fields of an assessment every path must agree on."""


def load() -> dict[str, Any]:
    """The vectors file."""
    data: dict[str, Any] = json.loads(VECTORS.read_text(encoding="utf-8"))
    return data


DATA: Final = load()
CASES: Final[list[Case]] = DATA["cases"]
FILE_FORMS: Final[list[Case]] = DATA.get("file_forms", [])


# --- the engines under test: today's names, in one place -------------------------------------


class _Engines:
    """The modules and functions under test, imported when first used."""

    @property
    def nhsplan(self) -> Any:
        import nhsplan  # noqa: PLC0415

        return nhsplan

    def evaluate(self, *args: Any, **kwargs: Any) -> Any:
        from nhsplan import evaluate  # noqa: PLC0415

        return evaluate(*args, **kwargs)

    def evaluate_guidance(self, *args: Any, **kwargs: Any) -> Any:
        from nhsplan import evaluate_guidance  # noqa: PLC0415

        return evaluate_guidance(*args, **kwargs)

    def evaluate_batch(self, *args: Any, **kwargs: Any) -> Any:
        from nhsplan.evaluate.batch import evaluate_batch  # noqa: PLC0415

        return evaluate_batch(*args, **kwargs)

    def batch_frame(self, *args: Any, **kwargs: Any) -> Any:
        from nhsplan.evaluate.batch import evaluate_frame  # noqa: PLC0415

        return evaluate_frame(*args, **kwargs)

    def columnar_frame(self, *args: Any, **kwargs: Any) -> Any:
        from nhsplan.engines.columnar import evaluate_frame  # noqa: PLC0415

        return evaluate_frame(*args, **kwargs)

    def columnar_file(self, *args: Any, **kwargs: Any) -> Any:
        from nhsplan.engines.columnar import evaluate_file  # noqa: PLC0415

        return evaluate_file(*args, **kwargs)

    @property
    def declined(self) -> type[Exception]:
        """What a forced columnar pass raises where it cannot read the input."""
        from nhsplan.engines.columnar.frame import _PassDeclined  # noqa: PLC0415

        return _PassDeclined

    def read_observations(self, file: str, edition: str) -> None:
        """The observation reader itself, on a CSV file (raises what it raises)."""
        from nhsplan.io.readers import read_observations_csv  # noqa: PLC0415

        read_observations_csv(file, guidance=self.nhsplan.load_guidance(edition))

    def cli(self, argv: Sequence[str], out: io.StringIO) -> int:
        from nhsplan.cli import main  # noqa: PLC0415

        return main(list(argv), out=out)

    @property
    def error(self) -> type[Exception]:
        from nhsplan.errors import NhsplanError  # noqa: PLC0415

        return NhsplanError

    def observation(self, row: Mapping[str, Any]) -> Any:
        from nhsplan.calendar import parse_period  # noqa: PLC0415
        from nhsplan.model import Observation  # noqa: PLC0415
        from nhsplan.units import quantity  # noqa: PLC0415

        period = parse_period(row["period"])
        if "numerator" in row:
            return Observation(
                org=row["org"],
                metric=row["metric"],
                period=period,
                numerator=row["numerator"],
                denominator=row["denominator"],
            )
        return Observation(
            org=row["org"],
            metric=row["metric"],
            period=period,
            value=quantity(row["value"], row["unit"]),
        )

    def organisation(self, code: str, org_type: str) -> Any:
        from nhsplan.model import Organisation, OrgType  # noqa: PLC0415

        return Organisation(code=code, type=OrgType(org_type))

    def org_type(self, value: str) -> Any:
        from nhsplan.model import OrgType  # noqa: PLC0415

        return OrgType(value)

    def quantity(self, value: float, unit: str) -> Any:
        from nhsplan.units import quantity  # noqa: PLC0415

        return quantity(value, unit)

    def period(self, text: str) -> Any:
        from nhsplan.calendar import parse_period  # noqa: PLC0415

        return parse_period(text)


ENGINES: Final = _Engines()


# --- what a path answers ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Amount:
    """A number and its unit, as an assessment gives it."""

    magnitude: float
    unit: str | None

    def matches(self, other: Amount | None) -> bool:
        return (
            other is not None
            and math.isclose(self.magnitude, other.magnitude, rel_tol=1e-12, abs_tol=1e-9)
            and (self.unit is None or other.unit is None or self.unit == other.unit)
        )


@attrs.frozen(kw_only=True)
class Outcome:
    """A path's answer to one case: an assessment's fields, or the error it raised."""

    status: str | None = None
    period: str | None = None
    observed: Amount | None = None
    required: Amount | None = None
    margin: Amount | None = None
    reason: str | None = None
    error: str | None = None
    """``ErrorClass: message`` where the path refused the input."""
    method: str | None = None
    """The columnar pass that gave it (``FrameResult.method``), where a pass was forced."""

    def differences(self, reference: Outcome, *, fields: Sequence[str] = ()) -> list[str]:
        """What differs from *reference* (empty if the same assessment)."""
        if reference.error is not None or self.error is not None:
            if (reference.error is None) != (self.error is None):
                return [f"error: {self.error!r} where the reference gave {reference.error!r}"]
            return []
        fields = fields or FIELDS
        out = []
        for name in [f for f in ("status", "period") if f in fields]:
            mine, theirs = getattr(self, name), getattr(reference, name)
            if mine != theirs:
                out.append(f"{name}: {mine!r} != reference {theirs!r}")
        for name in [f for f in ("observed", "required", "margin") if f in fields]:
            mine, theirs = getattr(self, name), getattr(reference, name)
            if theirs is None:
                if mine is not None:
                    out.append(f"{name}: {mine} where the reference has none")
            elif not theirs.matches(mine):
                out.append(f"{name}: {mine} != reference {theirs}")
        if "reason" in fields and self.reason != reference.reason:
            out.append(f"reason: {self.reason!r} != reference {reference.reason!r}")
        return out


def _amount(quantity: Any) -> Amount | None:
    if quantity is None:
        return None
    return Amount(magnitude=float(quantity.magnitude), unit=str(quantity.unit))


def from_assessment(assessment: Any, method: str | None = None) -> Outcome:
    """The outcome of an Assessment."""
    return Outcome(
        status=assessment.status.value,
        period=None if assessment.period is None else str(assessment.period),
        observed=_amount(assessment.observed),
        required=_amount(assessment.required),
        margin=_amount(assessment.margin),
        reason=assessment.reason,
        method=method,
    )


def from_error(exc: BaseException) -> Outcome:
    return Outcome(error=f"{type(exc).__name__}: {exc}")


# --- the cases, each under its own organisation code, in buckets -----------------------------


@attrs.frozen(kw_only=True)
class Placed:
    """A case as the batched paths see it: its organisation's code, and its bucket.

    Paths that name organisation types (``typed``) judge every case under a code of its own
    (England's as an organisation of type ``national``), so one bucket holds every case of an
    edition and date. A file names no types: England keeps its code, and its cases share a
    bucket only where they measure different metrics.
    """

    case: Case
    code: str
    bucket: str
    typed_code: str
    typed_bucket: str

    def named(self, *, typed: bool) -> tuple[str, str]:
        """(code, bucket) for a path that names organisation types or does not."""
        return (self.typed_code, self.typed_bucket) if typed else (self.code, self.bucket)


def _target_metric(case: Case) -> str:
    guidance = ENGINES.nhsplan.load_guidance(case["edition"])
    metric: str | None = guidance.target(case["target"]).metric
    return metric or ""


def _alone(case: Case) -> bool:
    """Cases that must be judged in a file of their own (their file is refused, or the
    single pass hands it on: see :func:`handed_on`)."""
    return "refused" in case["expected"] or evaluate_only(case)


def evaluate_only(case: Case) -> bool:
    """A target judged over several periods, per head of population or as a reach (issue
    17): the single pass hands its file to the row reader, which judges it with evaluate()."""
    target = _target(case)
    every = target.judged.value in ("every_month", "every_year")
    return every or getattr(target, "reach", False) or getattr(target, "per", None) is not None


@cache
def placed() -> dict[str, Placed]:
    """Every case with its organisation code and bucket, by case id."""
    out: dict[str, Placed] = {}
    slots: Counter[tuple[str, str, str]] = Counter()
    for index, case in enumerate(CASES):
        own = f"C{index:04d}"
        code = case["org"] if case["org"] in ENGLAND else own
        slot = 0
        if code in ENGLAND:
            key = (case["edition"], case["as_of"], _target_metric(case))
            slot = slots[key]
            slots[key] += 1
        day = f"{case['edition']}@{case['as_of']}"
        alone = f"{day}!{case['id']}" if _alone(case) else None
        out[case["id"]] = Placed(
            case=case,
            code=code,
            bucket=alone or f"{day}#{slot}",
            typed_code=own,
            typed_bucket=alone or day,
        )
    return out


@cache
def buckets(*, typed: bool = False) -> dict[str, list[Placed]]:
    """The cases of each bucket, in file order."""
    out: dict[str, list[Placed]] = defaultdict(list)
    for p in placed().values():
        out[p.named(typed=typed)[1]].append(p)
    return dict(out)


def rows_of(p: Placed, *, typed: bool = False) -> list[dict[str, Any]]:
    """The case's observations under its code."""
    code = p.named(typed=typed)[0]
    return [dict(row, org=code) for row in p.case["observations"]]


def _number(value: float | int) -> str:
    """A number as plain decimal text (never ``1e-05``)."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = repr(float(value))
    if "e" in text:
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text


def _cell(row: Mapping[str, Any], column: str) -> str:
    cell = row.get(column)
    if isinstance(cell, int | float):
        return _number(cell)
    return str(cell or "")


def csv_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """An observation file's text (LF line endings)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row, c) for c in COLUMNS])
    return out.getvalue()


def frame_columns(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """The rows as typed columns: text for codes, periods and units, floats for figures."""
    columns: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for row in rows:
        for c in COLUMNS:
            cell = row.get(c)
            if c in ("value", "numerator", "denominator"):
                columns[c].append(None if cell is None else float(cell))
            else:
                columns[c].append(cell)
    return columns


def polars_frame(rows: Sequence[Mapping[str, Any]]) -> Any:
    import polars as pl  # noqa: PLC0415

    return pl.DataFrame(
        frame_columns(rows),
        schema={
            c: pl.Float64 if c in ("value", "numerator", "denominator") else pl.String
            for c in COLUMNS
        },
    )


# --- paths -----------------------------------------------------------------------------------


Answers = dict[str, Outcome]
"""A path's outcomes by case id."""


@attrs.frozen(kw_only=True)
class VerdictPath:
    """One way of asking for a verdict.

    Attributes:
        id: the name the tests show.
        run: computes the path's outcomes for every case it applies to.
        applies: None if the path can take the case, else why not (the skip reason).
        reasons: whether the path words a reason (the batch functions give none).
        forced: the columnar pass forced, if any; every outcome must show it was taken.
        fields: the fields of an assessment the path gives (the rest are not compared).
    """

    id: str
    run: Callable[[], Answers]
    applies: Callable[[Case], str | None]
    forced: str | None = None
    typed: bool = False
    """Whether the path names organisation types (then cases keep no real code)."""
    fields: tuple[str, ...] = FIELDS
    reads: Callable[[str, str, date], Read] | None = None
    """For a path that reads files: what it gives for a file, an edition and a date."""
    suffix: str = ""
    """For a path that reads files: the kind it reads (``.csv`` or ``.parquet``)."""

    def writes(self, bucket: str) -> str:
        """The CSV the path writes for a bucket's file (or why it wrote none)."""
        assert self.reads is not None
        return _bucket_csv(bucket, reads=self.reads, suffix=self.suffix)

    def __str__(self) -> str:
        return self.id


def _guidance(case: Case) -> Any:
    return ENGINES.nhsplan.load_guidance(case["edition"])


def _target(case: Case) -> Any:
    return _guidance(case).target(case["target"])


def _baselines(case: Case) -> dict[str, Any]:
    return {
        label: ENGINES.quantity(b["value"], b["unit"])
        for label, b in case.get("baselines", {}).items()
    }


def reference(p: Placed, *, typed: bool = False) -> Outcome:
    """What :func:`nhsplan.evaluate` gives: the reference every path is held to."""
    case = p.case
    code = p.named(typed=typed)[0]
    target = _target(case)
    metric = _guidance(case).metric(target.metric) if target.metric else None
    try:
        assessment = ENGINES.evaluate(
            target,
            [ENGINES.observation(row) for row in rows_of(p, typed=typed)],
            as_of=date.fromisoformat(case["as_of"]),
            org=code,
            org_type=ENGINES.org_type(case["org_type"]),
            metric=metric,
            baselines=_baselines(case) or None,
        )
    except Exception as exc:
        return from_error(exc)
    return from_assessment(assessment)


@cache
def reference_answers(*, typed: bool = False) -> Answers:
    """The reference's outcome of every case, under the codes a path (typed or not) uses."""
    return {case_id: reference(p, typed=typed) for case_id, p in placed().items()}


def _always(case: Case) -> str | None:
    return None


def _no_baselines(case: Case) -> str | None:
    if case.get("baselines"):
        return "its baselines are given by label, which only evaluate() takes"
    return None


def typeless(case: Case) -> str | None:
    """Why a file (which names no organisation types) cannot hold the case, or None."""
    why = _no_baselines(case)
    if why is not None:
        return why
    if not case["observations"]:
        return "it has no figures, and a file path judges only organisations with figures"
    target = _target(case)
    kind = ENGINES.org_type(case["org_type"])
    if target.applies_to and kind not in target.applies_to:
        return f"it turns on the organisation type ({case['org_type']}), which a file cannot give"
    if target.scope.value == "national" and case["org"] not in ENGLAND:
        return f"it turns on the organisation type ({case['org_type']}), which a file cannot give"
    return None


def _assessments_by_case(
    report: Any,
    cases: Sequence[Placed],
    method: str | None = None,
    *,
    typed: bool = False,
) -> Answers:
    found = {(a.org, a.target): a for a in report.assessments}
    out: Answers = {}
    for p in cases:
        code = p.named(typed=typed)[0]
        a = found.get((org_code(code), p.case["target"]))  # E92000001 is read as ENGLAND
        if a is None:
            out[p.case["id"]] = Outcome(error=f"no assessment of {code} on {p.case['target']}")
        else:
            out[p.case["id"]] = from_assessment(a, method)
    return out


def _each_bucket(
    applies: Callable[[Case], str | None],
    judge: Callable[[str, list[Placed]], Answers],
    *,
    typed: bool = False,
) -> Answers:
    """Run *judge* on each bucket's cases that the path can take."""
    out: Answers = {}
    for name, cases in buckets(typed=typed).items():
        mine = [p for p in cases if applies(p.case) is None]
        if mine:
            out |= judge(name, mine)
    return out


def _refused(cases: Sequence[Placed], exc: BaseException) -> Answers:
    return {p.case["id"]: from_error(exc) for p in cases}


def _declined(cases: Sequence[Placed], exc: BaseException) -> Answers:
    return {p.case["id"]: Outcome(error=f"declined: {exc}") for p in cases}


def _as_of(cases: Sequence[Placed]) -> date:
    return date.fromisoformat(cases[0].case["as_of"])


# guidance: evaluate_guidance on objects, pandas and polars


def _guidance_run(kind: str) -> Callable[[], Answers]:
    def judge(name: str, cases: list[Placed]) -> Answers:
        rows = [row for p in cases for row in rows_of(p, typed=True)]
        data: Any
        if kind == "objects":
            data = [ENGINES.observation(row) for row in rows]
        elif kind == "pandas":
            import pandas as pd  # noqa: PLC0415

            data = pd.DataFrame(frame_columns(rows)).astype(
                dict.fromkeys(("org", "metric", "period", "unit"), "object")
            )
        else:
            data = polars_frame(rows)
        orgs = [ENGINES.organisation(p.typed_code, p.case["org_type"]) for p in cases]
        try:
            report = ENGINES.evaluate_guidance(
                _guidance(cases[0].case), data, as_of=_as_of(cases), orgs=orgs
            )
        except Exception as exc:
            return _refused(cases, exc)
        return _assessments_by_case(report, cases, typed=True)

    return cache(lambda: _each_bucket(_no_baselines, judge, typed=True))


# batch: one target, one period, one figure per organisation


def _batch_applies(case: Case) -> str | None:
    why = _no_baselines(case)
    if why is not None:
        return why
    target = _target(case)
    kind = type(target).__name__
    if kind in ("BaselineTarget", "MilestoneTarget"):
        return f"a {kind} is refused by the batch functions (use evaluate())"
    if evaluate_only(case):
        return "judged over several periods, per head or as a reach: refused (use evaluate())"
    if len(case["observations"]) > 1:
        return "it has figures for several periods; the batch functions take one per row"
    if "refused" in case["expected"]:
        return "its figures are refused, and the batch functions take one figure per row"
    return None


def _batch_inputs(p: Placed) -> tuple[dict[str, Any], Any]:
    """evaluate_batch's figure keywords for the case, and the period (None: its default)."""
    rows = p.case["observations"]
    if not rows:
        return {"values": [float("nan")]}, None
    row = rows[0]
    period = ENGINES.period(row["period"])
    if "numerator" in row:
        return {"numerators": [row["numerator"]], "denominators": [row["denominator"]]}, period
    target = _target(p.case)
    guidance = _guidance(p.case)
    unit = guidance.metric(target.metric).unit
    value = ENGINES.quantity(row["value"], row["unit"]).to(unit).magnitude
    return {"values": [value]}, period


def _from_batch(result: Any) -> Outcome:
    unit = result.unit

    def amount(x: float) -> Amount | None:
        return None if math.isnan(x) else Amount(magnitude=float(x), unit=unit)

    observed, margin = float(result.observed[0]), float(result.margin[0])
    status = result.statuses()[0].value
    return Outcome(
        status=status,
        period=None if result.period is None else str(result.period),
        observed=amount(observed),
        # BatchResult.required is the column's level: a row without a figure was compared
        # with nothing, as evaluate() says of it
        required=None if math.isnan(observed) else _amount(result.required),
        margin=amount(margin),
    )


@cache
def _batch_run() -> Answers:
    out: Answers = {}
    for case_id, p in placed().items():
        if _batch_applies(p.case) is not None:
            continue
        figures, period = _batch_inputs(p)
        try:
            result = ENGINES.evaluate_batch(
                _target(p.case),
                as_of=date.fromisoformat(p.case["as_of"]),
                orgs=[p.code],
                period=period,
                org_type=ENGINES.org_type(p.case["org_type"]),
                **figures,
            )
        except Exception as exc:
            out[case_id] = from_error(exc)
            continue
        out[case_id] = _from_batch(result)
    return out


@cache
def _batch_frame_run() -> Answers:
    import pandas as pd  # noqa: PLC0415

    out: Answers = {}
    for case_id, p in placed().items():
        if _batch_applies(p.case) is not None:
            continue
        figures, period = _batch_inputs(p)
        names = {"numerators": "numerator", "denominators": "denominator", "values": "value"}
        frame = pd.DataFrame({"org": [p.code], **{names[k]: v for k, v in figures.items()}})
        try:
            result = ENGINES.batch_frame(
                _target(p.case),
                frame,
                as_of=date.fromisoformat(p.case["as_of"]),
                period=period,
                org_type=ENGINES.org_type(p.case["org_type"]),
            )
        except Exception as exc:
            out[case_id] = from_error(exc)
            continue
        row = result.iloc[0]

        def amount(x: float) -> Amount | None:
            return None if math.isnan(x) else Amount(magnitude=float(x), unit=None)

        out[case_id] = Outcome(
            status=str(row["status"]),
            period=None,  # the frame gives no period (its VerdictPath does not compare one)
            observed=amount(row["observed"]),
            required=amount(row["required"]),
            margin=amount(row["margin"]),
        )
    return out


# the columnar engine: frames and files, each pass forced


def _frame_run(force: str) -> Callable[[], Answers]:
    def judge(name: str, cases: list[Placed]) -> Answers:
        rows = [row for p in cases for row in rows_of(p)]
        frame = polars_frame(rows)
        try:
            result = ENGINES.columnar_frame(
                _guidance(cases[0].case), frame, as_of=_as_of(cases), _force=force
            )
        except ENGINES.declined as exc:
            return _declined(cases, exc)
        except Exception as exc:
            return _refused(cases, exc)
        return _assessments_by_case(result.report, cases, result.method)

    return cache(lambda: _each_bucket(typeless, judge))


@cache
def _folder() -> str:
    return tempfile.mkdtemp(prefix="nhsplan-conformance-")


def bucket_file(name: str, cases: Sequence[Placed], suffix: str) -> str:
    """The bucket's observation file (written once), CSV or Parquet."""
    stem = "".join(ch if ch.isalnum() else "_" for ch in name)
    path = os.path.join(_folder(), f"{stem}_{len(cases)}{suffix}")
    if os.path.exists(path):
        return path
    rows = [row for p in cases for row in rows_of(p)]
    if suffix == ".csv":
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(csv_text(rows))
    else:
        _write_parquet(path, rows, COLUMNS)
    return path


def _write_parquet(path: str, rows: Sequence[Mapping[str, Any]], order: Sequence[str]) -> None:
    """Figures as float columns, the rest as text, in the column order given."""
    polars_frame(rows).select(list(order)).write_parquet(path)


@attrs.frozen(kw_only=True)
class Read:
    """What a file path gives for one file: outcomes by (org, target), or its error."""

    outcomes: dict[tuple[str, str], Outcome] = attrs.field(factory=dict)
    count: int = 0
    error: str | None = None
    """The error's message (without its class or the command's prefix), where refused."""
    declined: str | None = None
    """Why a forced pass handed the file on, where it did."""
    csv: str | None = None
    """The CSV the path writes for the file (``FrameResult.write_csv``, or the command's)."""


def _message(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


@cache
def read_with_file(file: str, edition: str, as_of: date, force: str) -> Read:
    """``evaluate_file`` with one pass forced, on *file*."""
    guidance = ENGINES.nhsplan.load_guidance(edition)
    try:
        result = ENGINES.columnar_file(file, guidance, as_of=as_of, _force=force)
        out = io.StringIO()
        result.write_csv(out)
    except ENGINES.declined as exc:
        return Read(declined=str(exc))
    except Exception as exc:
        return Read(error=_message(exc))
    outcomes = {
        (a.org, a.target): from_assessment(a, result.method) for a in result.report.assessments
    }
    return Read(outcomes=outcomes, count=len(outcomes), csv=out.getvalue())


@cache
def read_with_cli(file: str, edition: str, as_of: date) -> Read:
    """``nhsplan evaluate FILE --edition E --as-of D --format csv``, in this process."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["evaluate", file, "--edition", edition, "--as-of", str(as_of), "--format", "csv"]
    with contextlib.redirect_stderr(err):
        code = ENGINES.cli(argv, out)
    if code != 0:
        return Read(error=f"exit {code}: {err.getvalue().strip()}")
    text = out.getvalue()
    outcomes: dict[tuple[str, str], Outcome] = {}
    for row in csv.DictReader(io.StringIO(text)):

        def amount(name: str, row: dict[str, str] = row) -> Amount | None:
            text, unit = row[name], row[f"{name}_unit"] or None
            if unit == "percentage points":  # how the report words a margin in percent
                unit = "percent"
            return None if text == "" else Amount(magnitude=float(text), unit=unit)

        outcomes[row["org"], row["target"]] = Outcome(
            status=row["status"],
            period=row["period"] or None,
            observed=amount("observed"),
            required=amount("required"),
            margin=amount("margin"),
            reason=row["reason"],
        )
    return Read(outcomes=outcomes, count=len(outcomes), csv=text)


def bucket_cases(name: str) -> list[Placed]:
    """The cases of a (file) bucket that a file can hold."""
    return [p for p in buckets()[name] if typeless(p.case) is None]


def _answers(read: Read, cases: Sequence[Placed]) -> Answers:
    if read.declined is not None:
        return {p.case["id"]: Outcome(error=f"declined: {read.declined}") for p in cases}
    if read.error is not None:
        return {p.case["id"]: Outcome(error=read.error) for p in cases}
    out: Answers = {}
    for p in cases:
        found = read.outcomes.get((org_code(p.code), p.case["target"]))
        out[p.case["id"]] = found or Outcome(error=f"no assessment of {p.code}")
    return out


def _file_run(reads: Callable[[str, str, date], Read], suffix: str) -> Callable[[], Answers]:
    def judge(name: str, cases: list[Placed]) -> Answers:
        file = bucket_file(name, cases, suffix)
        return _answers(reads(file, cases[0].case["edition"], _as_of(cases)), cases)

    return cache(lambda: _each_bucket(typeless, judge))


def _bucket_csv(name: str, *, reads: Callable[[str, str, date], Read], suffix: str) -> str:
    cases = bucket_cases(name)
    read = reads(bucket_file(name, cases, suffix), cases[0].case["edition"], _as_of(cases))
    return read.csv if read.csv is not None else f"refused: {read.error or read.declined}"


PARQUET_FORMS: Final = frozenset({"columns_reordered", "header_only"})
"""The file forms a Parquet file can take (it has no line endings, encoding or quoting)."""


def form_file(form: str, cases: Sequence[Placed], suffix: str) -> str:
    """The cases' figures written in a file form (see ``FILE_FORMS`` in the generator)."""
    path = os.path.join(_folder(), f"form_{form}{suffix}")
    if os.path.exists(path):
        return path
    rows = [row for p in cases for row in rows_of(p)]
    columns = list(COLUMNS)
    if form == "columns_reordered":
        columns.reverse()
    if form == "header_only":
        rows = []
    if suffix == ".parquet":
        _write_parquet(path, rows, columns)
        return path
    if form == "latin1":
        rows = [dict(row, unit="\u00a3") if row.get("unit") == "GBP" else row for row in rows]
    out = io.StringIO()
    writer = csv.writer(
        out,
        lineterminator="\r\n" if form == "crlf" else "\n",
        quoting=csv.QUOTE_ALL if form == "quoted" else csv.QUOTE_MINIMAL,
    )
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row, c) for c in columns])
    text = out.getvalue()
    if form == "bom":
        text = "\ufeff" + text
    if form == "blank_trailing_lines":
        text += "\n\n\n"
    with open(path, "wb") as file:
        file.write(text.encode("latin-1" if form == "latin1" else "utf-8"))
    return path


@cache
def reader_error(file: str, edition: str) -> str | None:
    """The observation reader's error for a CSV file, or None if it reads it."""
    try:
        ENGINES.read_observations(file, edition)
    except Exception as exc:
        return _message(exc)
    return None


def problems(error: str) -> list[str]:
    """The problems an error names, row by row, however the path words the rest.

    The reader lists them under a heading (``row 3 (...): a second figure ...``); the
    command puts one after the file's name on one line; both are reduced to ``row ...``.
    """
    found = []
    for line in error.splitlines():
        at = line.find("row ")
        if at >= 0 and ":" in line[at:]:
            found.append(line[at:].strip())
    return found or [error]


def _reference_run() -> Answers:
    return reference_answers()


def _all_paths() -> Iterator[VerdictPath]:
    yield VerdictPath(id="evaluate", run=_reference_run, applies=_always)
    for kind in ("objects", "pandas", "polars"):
        yield VerdictPath(
            id=f"evaluate_guidance-{kind}",
            run=_guidance_run(kind),
            applies=_no_baselines,
            typed=True,
        )
    numbers = ("status", "observed", "required", "margin")
    yield VerdictPath(
        id="batch.evaluate_batch",
        run=_batch_run,
        applies=_batch_applies,
        fields=("period", *numbers),
    )
    yield VerdictPath(
        id="batch.evaluate_frame", run=_batch_frame_run, applies=_batch_applies, fields=numbers
    )
    for force, short in ((SINGLE, "single"), (COLUMN, "column"), (ROWS, "rows")):
        yield VerdictPath(
            id=f"columnar.evaluate_frame-polars-{short}",
            run=_frame_run(force),
            applies=typeless,
            forced=force,
        )
    for suffix in (".csv", ".parquet"):
        for force, short in ((SINGLE, "single"), (COLUMN, "column"), (ROWS, "rows")):
            reads = functools.partial(_with_force, force=force)
            yield VerdictPath(
                id=f"columnar.evaluate_file-{suffix[1:]}-{short}",
                run=_file_run(reads, suffix),
                applies=typeless,
                forced=force,
                reads=reads,
                suffix=suffix,
            )
    for suffix in (".csv", ".parquet"):
        yield VerdictPath(
            id=f"cli-{suffix[1:]}",
            run=_file_run(read_with_cli, suffix),
            applies=typeless,
            reads=read_with_cli,
            suffix=suffix,
        )


def _with_force(file: str, edition: str, as_of: date, *, force: str) -> Read:
    return read_with_file(file, edition, as_of, force)


PATHS: Final[tuple[VerdictPath, ...]] = tuple(_all_paths())
PATH_IDS: Final = tuple(p.id for p in PATHS)
