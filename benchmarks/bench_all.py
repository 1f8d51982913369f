"""Every speed ratio of issue 16, nhsplan against what a user would write instead, in one run.

Each case times nhsplan and its contender on the same generated data in the same run, takes
the best of ``--repeat`` runs, prints the ratio nhsplan / contender next to the issue's target,
and checks that the two gave the same answer (same count of each status per target, same
counts) so that the comparison is of the same rule. Where peak memory is measured, every run
is a fresh interpreter and the figure is that child's maximum resident set size
(``getrusage(RUSAGE_CHILDREN).ru_maxrss``, read by a wrapper around that one child).

The contenders, each the fastest straightforward code with the same rule:

``evaluate_csv`` / ``evaluate_parquet``
    ``nhsplan evaluate FILE --edition standards --as-of 2025-12-31 --format csv --output OUT``
    (the edition holds the targets of several planning rounds, in force together on that
    date: the standards and the 2024, 2025 and 2026 interim targets) on 5 proportion metrics
    x 120 months x N organisations (10 M rows; 1 M with ``--quick``), against a hand-written
    DuckDB query, pandas (pyarrow reader, groupby) and polars (lazy scan, group_by). Each
    contender reads the file, sums numerators and denominators per organisation, metric and
    period, takes the figure of the month judged (the latest whole month by the date assessed,
    2025-12, as nhsplan does: an older figure gives no_data; the deadline month for the
    interim targets), compares 100 x numerator / denominator with the level, gives the fixed
    statuses (not due, not applicable) the catalog gives on that date, and writes one CSV line
    per organisation and target with the status, period, figure, level, margin and a reason
    sentence. The levels, comparisons and fixed statuses are written out by hand in ``RULES``
    (as a user would copy them from the guidance). The contenders write no citation column
    and no SPC columns, and check no row: nhsplan does both.
``guidance``
    ``nhsplan.evaluate_guidance`` (edition ``standards``) on a 1 M-row pandas DataFrame (the
    first 200,000 rows with ``--quick``) against the same pandas groupby-and-compare, in this
    process, no CSV written.
``xmr``
    ``nhsplan.spc.xmr_many`` on 10,000 series x 36 points, given a 2-D ndarray and given a list
    of lists, against a plain vectorised numpy XmR (:func:`numpy_xmr`): the mean, the moving
    ranges, their mean with moving ranges >= 3.267 x that mean screened out, the limits at
    mean +- 2.66 x mean moving range, and nhsplan's four rules with its defaults: outside the
    limits; a run of 7 on one side of the mean (a point on the mean breaks it); a trend of 7
    (6 steps strictly in one direction); two of three points on one side beyond two sigma and
    inside the limits (NHSRplotthedots' reading), flagging the points beyond. Windows are
    counted with cumulative sums. It computes the four flags per point, not nhsplan's
    per-point precedence code. For the list of lists the contender includes ``np.array``.
``batch``
    ``nhsplan.evaluate.batch.evaluate_batch`` of one proportion target with 1 M figures and
    1 M organisation codes (a list, a tuple, a numpy ``U`` array, writable and read-only, an
    ``S`` array, none) against bare numpy: ``100 * num / den``, the comparison with 75 % and
    the margin, NaN rows set apart; and against numpy plus a per-code check done the quick
    Python way (no whitespace in any code, upper case). Wall time is printed as lines, CPU
    time (``time.process_time``, each form again) on one line above them.
``measure_ae``
    ``nhsplan measure ae FILE --output OUT`` against a DuckDB query applying the UK clock rule
    by hand (BST from 01:00 GMT on the last Sunday of March to 01:00 GMT on the last Sunday
    of October, computed in SQL with date arithmetic, not ``timezone()``), counting per
    provider and month of arrival the attendances, those within 4 hours, type 1 and over 12
    hours, written with ``COPY ... TO`` CSV.
``import`` / ``targets``
    ``import nhsplan`` (``python -X importtime``, the cumulative time of the package) and
    ``nhsplan targets --as-of 2026-01-01`` (wall time of a fresh process), against absolute
    targets.

Run by hand, never from the test suite; the figures go to ``docs/benchmarks.md``::

    python benchmarks/bench_all.py --quick             # small sizes, every case
    python benchmarks/bench_all.py                     # the issue's sizes
    python benchmarks/bench_all.py --quick xmr_lists batch   # only these cases
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, TypeVar

T = TypeVar("T")

AS_OF = "2025-12-31"
EDITIONS = ("standards",)
"""One edition: two ``--edition`` flags send a CSV down the row-by-row path and are refused
for Parquet. ``standards`` holds targets of several planning rounds (the 2024, 2025 and 2026
interim A&E and cancer targets) in force together on AS_OF."""
METRICS = (
    "ae_4_hour",
    "cancer_31_day",
    "cancer_62_day",
    "rtt_18_weeks_incomplete",
    "diagnostics_6_weeks",
)
MONTHS = 120  # 2016-01 .. 2025-12
CITED = "judged by hand"

LATEST = "2025-12"
"""The latest whole month that ended by AS_OF: what nhsplan judges a monthly target on. A figure
for an earlier month gives no verdict (no_data), however recent it is."""

# (edition, target, metric, judged on, comparison, level %, fixed status): the month judged is
# LATEST for the standards; a fixed status is what the catalog gives every organisation on
# AS_OF (the interim targets are national ambitions since the catalog of issue 17, not
# applicable to a trust; cancer's March 2026 deadline is not due on 31 December 2025).
Rule = tuple[str, str, str, str | None, str | None, float | None, str | None]
RULES: tuple[Rule, ...] = (
    ("standards", "ae_4_hour", "ae_4_hour", LATEST, ">=", 95.0, None),
    ("standards", "ae_4_hour_interim_2024", "ae_4_hour", None, None, None, "not_applicable"),
    ("standards", "ae_4_hour_interim_2025", "ae_4_hour", None, None, None, "not_applicable"),
    ("standards", "ae_4_hour_interim_2026", "ae_4_hour", None, None, None, "not_applicable"),
    ("standards", "ae_4_hour_interim_2028_29", "ae_4_hour", None, None, None, "not_applicable"),
    ("2025/26", "ae_4_hour_2025_26", "ae_4_hour", None, None, None, "not_applicable"),
    ("standards", "cancer_31_day", "cancer_31_day", LATEST, ">=", 96.0, None),
    ("standards", "cancer_62_day", "cancer_62_day", LATEST, ">=", 85.0, None),
    (
        "standards",
        "cancer_62_day_interim_2025",
        "cancer_62_day",
        None,
        None,
        None,
        "not_applicable",
    ),
    ("standards", "cancer_62_day_interim_2026", "cancer_62_day", "2026-03", None, None, "not_due"),
    ("2025/26", "cancer_62_day_2025_26", "cancer_62_day", None, None, None, "not_applicable"),
    ("standards", "diagnostics_6_weeks", "diagnostics_6_weeks", LATEST, "<=", 1.0, None),
    (
        "standards",
        "diagnostics_6_weeks_interim_2025",
        "diagnostics_6_weeks",
        None,
        None,
        None,
        "not_applicable",
    ),
    ("standards", "rtt_18_weeks_incomplete", "rtt_18_weeks_incomplete", LATEST, ">=", 92.0, None),
    (
        "standards",
        "rtt_18_weeks_interim_2026",
        "rtt_18_weeks_incomplete",
        None,
        None,
        None,
        "not_applicable",
    ),
    (
        "standards",
        "rtt_18_weeks_interim_2027",
        "rtt_18_weeks_incomplete",
        None,
        None,
        None,
        "not_applicable",
    ),
    (
        "2025/26",
        "rtt_18_weeks_2025_26",
        "rtt_18_weeks_incomplete",
        None,
        None,
        None,
        "not_applicable",
    ),
    (
        "2025/26",
        "rtt_18_weeks_trust_improvement_2025_26",
        "rtt_18_weeks_incomplete",
        "2026-03",
        None,
        None,
        "not_due",
    ),
)


# --------------------------------------------------------------------------- results


@dataclass
class Line:
    """One printed comparison."""

    case: str
    ours: str
    theirs: str
    seconds: float
    contender_seconds: float | None
    target: float | None  # the ratio target (<=), or an absolute one in seconds
    memory: tuple[float, float] | None = None  # (ours MB, contender MB)
    memory_target: float | None = None
    absolute: bool = False  # target is in seconds, not a ratio

    def show(self) -> str:
        if self.absolute:
            assert self.target is not None
            met = "met" if self.seconds <= self.target else "NOT MET"
            return (
                f"{self.case:<17} {self.ours:<34} {self.seconds * 1e3:9.1f} ms"
                f"   target <= {self.target * 1e3:.0f} ms: {met}"
            )
        assert self.contender_seconds is not None
        ratio = self.seconds / self.contender_seconds
        text = (
            f"{self.case:<17} {self.ours:<16} {_t(self.seconds):>9} | {self.theirs:<16}"
            f" {_t(self.contender_seconds):>9} | x{ratio:5.2f}"
        )
        if self.target is not None:
            text += f" (target <= {self.target:g}: {'met' if ratio <= self.target else 'NOT MET'})"
        if self.memory is not None:
            mine, other = self.memory
            text += f" | peak {mine:,.0f} MB vs {other:,.0f} MB, x{mine / other:.2f}"
            if self.memory_target is not None:
                verdict = "met" if mine / other <= self.memory_target else "NOT MET"
                text += f" (target <= {self.memory_target:g}: {verdict})"
        return text


def _t(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1e3:.1f} ms"


def best_of(run: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The shortest of *repeat* (at least 1) runs, and the last run's result."""
    times = []
    for _ in range(repeat - 1):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    result = run()
    times.append(time.perf_counter() - started)
    return min(times), result


def best_cpu(run: Callable[[], object], repeat: int) -> float:
    """The least CPU time (``time.process_time``) of *repeat* (at least 1) runs."""
    times = []
    for _ in range(max(repeat, 1)):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "t = time.perf_counter() - t\n"
    "if r.returncode: sys.exit(r.stderr.decode()[-3000:])\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(t, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)\n"
)


def runs_in_child(command: Sequence[str], repeat: int) -> list[tuple[float, float, float]]:
    """Wall time, peak memory (MB) and CPU time (user + system) of each run of *command*."""
    out = []
    for _ in range(repeat):
        run = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, check=False
        )
        if run.returncode:
            sys.exit(f"failed: {' '.join(command)}\n{run.stderr}")
        seconds, megabytes, cpu = run.stdout.split()
        out.append((float(seconds), float(megabytes), float(cpu)))
    return out


def in_child(command: Sequence[str], repeat: int) -> tuple[float, float]:
    """Best time and highest peak memory (MB) of *command*, each run in a fresh process."""
    runs = runs_in_child(command, repeat)
    return min(r[0] for r in runs), max(r[1] for r in runs)


def myself(*args: str) -> list[str]:
    """This script, run as a contender in a child: ``--child NAME ARGS``."""
    return [sys.executable, str(Path(__file__).resolve()), "--child", *args]


def nhsplan(*args: str) -> list[str]:
    return [sys.executable, "-m", "nhsplan", *args]


def agree(case: str, counts: dict[str, Counter[tuple[str, str]]]) -> None:
    """Print whether every run gave the same count of each status per target."""
    first_name, first = next(iter(counts.items()))
    bad = [name for name, c in counts.items() if c != first]
    total = sum(first.values())
    if bad:
        print(f"  {case}: DISAGREE: {', '.join(bad)} differ from {first_name}")
        for name in bad:
            diff = (counts[name] - first) + (first - counts[name])
            print(f"    {name}: {sorted(diff.items())[:6]}")
    else:
        names = ", ".join(counts)
        print(f"  {case}: same status count per target from {names} ({total:,} assessments)")


def csv_counts(path: Path) -> Counter[tuple[str, str]]:
    import duckdb  # noqa: PLC0415 - an optional extra

    rows = (
        duckdb.connect()
        .execute(
            "SELECT target, status, count(*)"
            " FROM read_csv(?, header=true, all_varchar=true) GROUP BY ALL",
            [str(path)],
        )
        .fetchall()
    )
    return Counter({(t, s): n for t, s, n in rows})


# --------------------------------------------------------------------------- data


def generate_observations(directory: Path, orgs: int) -> tuple[Path, Path]:
    """5 proportion metrics x 120 months x *orgs*, as CSV and Parquet (DuckDB writes both)."""
    import duckdb  # noqa: PLC0415

    csv, parquet = directory / f"obs_{orgs}.csv", directory / f"obs_{orgs}.parquet"
    if csv.exists() and parquet.exists():
        return csv, parquet
    metrics = ", ".join(f"({k}, '{m}')" for k, m in enumerate(METRICS))
    query = f"""
        SELECT 'R' || lpad(CAST(o AS VARCHAR), 6, '0') AS org, metric,
               strftime(DATE '2016-01-01' + to_months(CAST(i AS INTEGER)), '%Y-%m') AS period,
               CAST(NULL AS VARCHAR) AS value, CAST(NULL AS VARCHAR) AS unit,
               CAST(CASE WHEN metric = 'diagnostics_6_weeks'
                         THEN d * ((o + i) % 4) // 200
                         ELSE d * (78 + (o * 3 + i + k * 7) % 22) // 100 END AS BIGINT)
                   AS numerator,
               d AS denominator
        FROM range({orgs}) t(o), range({MONTHS}) s(i), (VALUES {metrics}) m(k, metric),
             LATERAL (SELECT CAST(1000 + (o * 7 + i * 13 + k) % 3000 AS BIGINT) AS d)
        ORDER BY org, metric, period
    """
    con = duckdb.connect()
    con.execute(f"COPY ({query}) TO '{csv}' (HEADER, DELIMITER ',')")
    con.execute(
        f"COPY (SELECT * FROM read_csv('{csv}', header=true, types={{'period': 'VARCHAR',"
        f" 'value': 'VARCHAR', 'unit': 'VARCHAR', 'numerator': 'BIGINT',"
        f" 'denominator': 'BIGINT'}})) TO '{parquet}' (FORMAT parquet)"
    )
    return csv, parquet


# --------------------------------------------------------------------------- contenders: evaluate


def _sql_rules() -> str:
    def lit(v: object) -> str:
        if v is None:
            return "NULL"
        if isinstance(v, str):
            return "'" + v.replace("'", "''") + "'"
        return repr(v)

    rows = ", ".join(
        "(" + ", ".join(lit(v) for v in rule[1:]) + ")" for rule in RULES if rule[0] in EDITIONS
    )
    return f"rules(target, metric, judged, op, level, fixed) AS (VALUES {rows})"


def duckdb_query(source: str) -> str:
    """The hand-written query: *source* is ``read_csv(...)`` or ``read_parquet(...)``."""
    return f"""
    WITH {_sql_rules()},
    obs AS (
        SELECT org, metric, period, sum(numerator) AS n, sum(denominator) AS d
        FROM {source} GROUP BY org, metric, period
    ),
    pairs AS (SELECT DISTINCT org, metric FROM obs),
    picked AS (SELECT o.org, r.*, r.judged AS p FROM pairs o JOIN rules r USING (metric)),
    judged AS (
        SELECT p.org, p.target, p.op, p.level, p.fixed, p.p AS period,
               CASE WHEN p.fixed IS NULL THEN 100.0 * o.n / o.d END AS observed
        FROM picked p
        LEFT JOIN obs o ON p.fixed IS NULL AND o.org = p.org AND o.metric = p.metric
            AND o.period = p.p
    )
    SELECT org, target,
        CASE WHEN fixed IS NOT NULL THEN fixed
             WHEN observed IS NULL THEN 'no_data'
             WHEN (op = '>=' AND observed >= level) OR (op = '<=' AND observed <= level)
             THEN 'met' ELSE 'not_met' END AS status,
        period, observed, level AS required,
        CASE op WHEN '>=' THEN observed - level ELSE level - observed END AS margin,
        CASE WHEN fixed IS NOT NULL
             THEN 'The target ' || target || ' is ' || fixed || ' on {AS_OF}.'
             ELSE org || '''s ' || period || ' figure, ' || round(observed, 2) || '%, '
                  || CASE WHEN (op = '>=' AND observed >= level)
                               OR (op = '<=' AND observed <= level) THEN 'meets'
                          WHEN op = '>=' THEN 'is below' ELSE 'is above' END
                  || ' the ' || level || '% required ('
                  || CASE op WHEN '>=' THEN 'at least' ELSE 'at most' END || ').'
        END AS reason
    FROM judged
    ORDER BY org, target
    """


def child_duckdb(path: str, out: str) -> None:
    import duckdb  # noqa: PLC0415

    source = (
        f"read_parquet('{path}')"
        if path.endswith(".parquet")
        else f"read_csv('{path}', header=true, types={{'period': 'VARCHAR'}})"
    )
    duckdb.sql(f"COPY ({duckdb_query(source)}) TO '{out}' (HEADER)")


def rules_frame(edition: str | None = None) -> Any:  # noqa: ANN401 - a pandas DataFrame
    import pandas as pd  # noqa: PLC0415

    columns = ["edition", "target", "metric", "judged", "op", "level", "fixed"]
    rules = pd.DataFrame(list(RULES), columns=columns)
    if edition is not None:
        rules = rules[rules.edition == edition]
    return rules.drop(columns="edition")


def pandas_judge(df: Any, rules: Any) -> Any:  # noqa: ANN401 - pandas DataFrames
    """The pandas contender: groupby, the month judged, compare; a row per org and target."""
    import numpy as np  # noqa: PLC0415

    obs = df.groupby(["org", "metric", "period"], as_index=False, sort=False)[
        ["numerator", "denominator"]
    ].sum()
    pairs = obs[["org", "metric"]].drop_duplicates()
    picked = pairs.merge(rules, on="metric").rename(columns={"judged": "period"})
    out = picked.merge(obs, on=["org", "metric", "period"], how="left")
    fixed = out["fixed"].notna()
    observed = (100.0 * out["numerator"] / out["denominator"]).where(~fixed)
    level = out["level"]
    at_least = out["op"].eq(">=")
    met = np.where(at_least, observed >= level, observed <= level)
    status = np.select(
        [fixed, observed.isna(), met], [out["fixed"], "no_data", "met"], default="not_met"
    )
    margin = np.where(at_least, observed - level, level - observed)
    word = np.select([met, at_least], ["meets", "is below"], default="is above")
    reason = (
        out["org"]
        + "'s "
        + out["period"].fillna("")
        + " figure, "
        + observed.round(2).astype(str)
        + "%, "
        + word
        + " the "
        + level.astype(str)
        + "% required ("
        + np.where(at_least, "at least", "at most")
        + ")."
    ).where(~fixed, "The target " + out["target"] + " is " + out["fixed"] + f" on {AS_OF}.")
    result = out[["org", "target"]].assign(
        status=status,
        period=out["period"],
        observed=observed,
        required=level,
        margin=margin,
        reason=reason,
    )
    return result.sort_values(["org", "target"])


def child_pandas(path: str, out: str) -> None:
    import pandas as pd  # noqa: PLC0415

    columns = ["org", "metric", "period", "numerator", "denominator"]
    if path.endswith(".parquet"):
        df = pd.read_parquet(path, columns=columns)
    else:
        df = pd.read_csv(path, usecols=columns, engine="pyarrow", dtype={"period": str})
    pandas_judge(df, rules_frame("standards")).to_csv(out, index=False)


def child_polars(path: str, out: str) -> None:
    import polars as pl  # noqa: PLC0415

    columns = ["edition", "target", "metric", "judged", "op", "level", "fixed"]
    rules = pl.LazyFrame(
        [list(r) for r in RULES if r[0] in EDITIONS], schema=columns, orient="row"
    ).drop("edition")
    scan = (
        pl.scan_parquet(path)
        if path.endswith(".parquet")
        else pl.scan_csv(path, schema_overrides={"period": pl.String})
    )
    obs = scan.group_by("org", "metric", "period").agg(
        pl.col("numerator").sum(), pl.col("denominator").sum()
    )
    pairs = obs.select("org", "metric").unique()
    picked = pairs.join(rules, on="metric").rename({"judged": "period"})
    joined = picked.join(obs, on=["org", "metric", "period"], how="left")
    fixed = pl.col("fixed").is_not_null()
    at_least = pl.col("op") == ">="
    observed = pl.when(~fixed).then(100.0 * pl.col("numerator") / pl.col("denominator"))
    judged = joined.with_columns(observed=observed).with_columns(
        met=pl.when(at_least)
        .then(pl.col("observed") >= pl.col("level"))
        .otherwise(pl.col("observed") <= pl.col("level"))
    )
    result = judged.select(
        "org",
        "target",
        status=pl.when(fixed)
        .then(pl.col("fixed"))
        .when(pl.col("observed").is_null())
        .then(pl.lit("no_data"))
        .when(pl.col("met"))
        .then(pl.lit("met"))
        .otherwise(pl.lit("not_met")),
        period="period",
        observed="observed",
        required="level",
        margin=pl.when(at_least)
        .then(pl.col("observed") - pl.col("level"))
        .otherwise(pl.col("level") - pl.col("observed")),
        reason=pl.when(fixed)
        .then(pl.format("The target {} is {} on " + AS_OF + ".", "target", "fixed"))
        .otherwise(
            pl.format(
                "{}'s {} figure, {}%, {} the {}% required ({}).",
                "org",
                "period",
                pl.col("observed").round(2),
                pl.when(pl.col("met"))
                .then(pl.lit("meets"))
                .when(at_least)
                .then(pl.lit("is below"))
                .otherwise(pl.lit("is above")),
                "level",
                pl.when(at_least).then(pl.lit("at least")).otherwise(pl.lit("at most")),
            )
        ),
    ).sort("org", "target")
    result.sink_csv(out)


# --------------------------------------------------------------------------- cases


@dataclass
class Setup:
    directory: Path
    quick: bool
    repeat: int
    rows: int | None = None
    observations: tuple[Path, Path] | None = None

    def files(self) -> tuple[Path, Path]:
        if self.observations is None:
            rows = self.rows or (1_000_000 if self.quick else 10_000_000)
            orgs = rows // (len(METRICS) * MONTHS)
            started = time.perf_counter()
            self.observations = generate_observations(self.directory, orgs)
            rows = orgs * len(METRICS) * MONTHS
            print(
                f"observations: {rows:,} rows ({orgs:,} organisations x {len(METRICS)} metrics"
                f" x {MONTHS} months), CSV {self.observations[0].stat().st_size / 1e6:,.0f} MB,"
                f" Parquet {self.observations[1].stat().st_size / 1e6:,.0f} MB,"
                f" ready in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
        return self.observations


def case_evaluate(setup: Setup, kind: str) -> list[Line]:
    csv, parquet = setup.files()
    path = csv if kind == "csv" else parquet
    outputs = {
        name: setup.directory / f"out_{kind}_{name}.csv"
        for name in ("nhsplan", "duckdb", "pandas", "polars")
    }
    editions = [a for e in EDITIONS for a in ("--edition", e)]
    ours = in_child(
        nhsplan(
            "evaluate",
            str(path),
            *editions,
            "--as-of",
            AS_OF,
            "--format",
            "csv",
            "--output",
            str(outputs["nhsplan"]),
        ),
        setup.repeat,
    )
    lines = []
    for name in ("duckdb", "pandas", "polars"):
        theirs = in_child(myself(name, str(path), str(outputs[name])), setup.repeat)
        lines.append(
            Line(
                f"evaluate {kind}",
                "nhsplan evaluate",
                name,
                ours[0],
                theirs[0],
                1.5 if name == "duckdb" else None,
                (ours[1], theirs[1]),
                1.0 if name == "duckdb" else None,
            )
        )
    agree(f"evaluate {kind}", {n: csv_counts(p) for n, p in outputs.items()})
    return lines


def case_guidance(setup: Setup) -> list[Line]:
    import pandas as pd  # noqa: PLC0415

    from nhsplan import evaluate_guidance  # noqa: PLC0415
    from nhsplan.catalog import load_guidance  # noqa: PLC0415

    csv, _ = setup.files()
    rows = 1_000_000 if not setup.quick else 200_000
    df = pd.read_csv(csv, nrows=rows, dtype={"period": str, "value": float, "unit": str})
    guidance = load_guidance("standards")
    rules = rules_frame("standards")
    ours_t, report = best_of(
        # the annotation names no DataFrame, though evaluate_guidance takes one
        lambda: evaluate_guidance(guidance, df, as_of=AS_OF),  # type: ignore[arg-type]
        setup.repeat,
    )
    theirs_t, frame = best_of(lambda: pandas_judge(df, rules), setup.repeat)
    counts: dict[str, Counter[tuple[str, str]]] = {
        "nhsplan": Counter((a.target, a.status.value) for a in report.assessments),
        "pandas": Counter(zip(frame["target"], frame["status"], strict=True)),
    }
    agree(f"evaluate_guidance ({len(df):,} rows)", counts)
    return [Line("evaluate_guidance", "pandas frame", "pandas groupby", ours_t, theirs_t, 1.5)]


def numpy_xmr(y: Any) -> dict[str, Any]:  # noqa: ANN401 - numpy arrays
    """Plain vectorised XmR: limits and nhsplan's four default rules, windows by cumsum."""
    import numpy as np  # noqa: PLC0415

    def windows(a: Any, width: int) -> Any:  # noqa: ANN401 - sum over each window of width
        c = np.zeros((a.shape[0], a.shape[1] + 1), dtype=np.int16)
        np.cumsum(a, axis=1, out=c[:, 1:])
        return c[:, width:] - c[:, :-width]

    def cover(det: Any, width: int) -> Any:  # noqa: ANN401 - points inside a qualifying window
        padded = np.zeros((det.shape[0], det.shape[1] + 2 * (width - 1)), dtype=np.int8)
        padded[:, width - 1 : width - 1 + det.shape[1]] = det
        return windows(padded, width) > 0

    mean = y.mean(axis=1)
    mr = np.abs(np.diff(y, axis=1))
    amr = mr.mean(axis=1)
    kept = mr < 3.267 * amr[:, None]
    amr = (mr * kept).sum(axis=1) / kept.sum(axis=1)
    lpl, upl = mean - 2.66 * amr, mean + 2.66 * amr
    outside = (y > upl[:, None]) | (y < lpl[:, None])
    side = np.sign(y - mean[:, None]).astype(np.int8)
    steps = np.sign(np.diff(y, axis=1)).astype(np.int8)
    run = cover(np.abs(windows(side, 7)) == 7, 7)
    trend = cover(np.abs(windows(steps, 6)) == 6, 7)
    sigma2 = 2 * 2.66 / 3 * amr
    hits = ((y > (mean + sigma2)[:, None]) | (y < (mean - sigma2)[:, None])) & ~outside
    two = cover((np.abs(windows(side, 3)) == 3) & (windows(hits.view(np.int8), 3) >= 2), 3)
    return {
        "lpl": lpl,
        "upl": upl,
        "outside": outside,
        "run": run,
        "trend": trend,
        "two": two & hits,
    }


def case_xmr(setup: Setup) -> list[Line]:
    import numpy as np  # noqa: PLC0415

    from nhsplan.spc import xmr_many  # noqa: PLC0415

    series, points = 10_000, 36
    rng = np.random.default_rng(20210401)
    y = rng.normal(100.0, 5.0, size=(series, points))
    y[: series // 3] += np.linspace(0.0, 15.0, points)  # a drift, so that every rule fires
    lists = y.tolist()
    cols = xmr_many(y).arrays()
    plain = numpy_xmr(y)
    same = all(
        np.array_equal(cols[mine].reshape(series, points), plain[theirs])
        for mine, theirs in (
            ("outside_limits", "outside"),
            ("run", "run"),
            ("trend", "trend"),
            ("two_in_three", "two"),
        )
    ) and np.allclose(cols["lpl"].reshape(series, points)[:, 0], plain["lpl"], atol=1e-9)
    flagged = sum(int(plain[k].sum()) for k in ("outside", "run", "trend", "two"))
    print(
        f"  xmr_many: {'same' if same else 'DIFFERENT'} limits and four rule flags as numpy"
        f" ({flagged:,} flags over {series * points:,} points)"
    )
    repeat = max(setup.repeat, 5)
    ours_a, _ = best_of(lambda: xmr_many(y), repeat)
    ours_l, _ = best_of(lambda: xmr_many(lists), repeat)
    theirs_a, _ = best_of(lambda: numpy_xmr(y), repeat)
    theirs_l, _ = best_of(lambda: numpy_xmr(np.array(lists)), repeat)
    return [
        Line("xmr_many ndarray", "xmr_many", "plain numpy", ours_a, theirs_a, 1.5),
        Line("xmr_many lists", "xmr_many", "np.array+numpy", ours_l, theirs_l, 1.5),
    ]


def case_batch(setup: Setup) -> list[Line]:
    from datetime import date  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415

    from nhsplan.catalog import load_guidance  # noqa: PLC0415
    from nhsplan.evaluate.batch import evaluate_batch  # noqa: PLC0415

    rows = 1_000_000
    target = load_guidance("2021/22").target("cancer_faster_diagnosis_standard")
    as_of = date(2022, 1, 20)
    rng = np.random.default_rng(20220120)
    den = rng.integers(50, 5_000, size=rows).astype(np.float64)
    num = np.floor(den * rng.uniform(0.55, 0.95, size=rows))
    gaps = rng.random(rows) < 0.01
    num[gaps] = np.nan
    den[gaps] = np.nan
    orgs = [f"R{i:06d}" for i in range(rows)]
    whitespace = re.compile(r"\s")

    def bare() -> tuple[Any, Any]:
        percent = 100.0 * num / den
        return np.where(np.isnan(percent), -1, percent >= 75.0), percent - 75.0

    def bare_codes() -> tuple[Any, Any, list[str]]:
        joined = "\x00".join(orgs)  # one pass over every code: no whitespace, upper case
        if whitespace.search(joined):
            raise ValueError("a code with whitespace")
        codes = orgs if joined.isupper() else joined.upper().split("\x00")
        return (*bare(), codes)

    def ours() -> object:
        return evaluate_batch(target, as_of=as_of, numerators=num, denominators=den, orgs=orgs)

    result = ours()
    status, _ = bare()
    counts = {s.value: n for s, n in result.counts().items() if n}  # type: ignore[attr-defined]
    theirs = {
        "met": int((status == 1).sum()),
        "not_met": int((status == 0).sum()),
        "no_data": int((status == -1).sum()),
    }
    same = all(counts.get(k, 0) == v for k, v in theirs.items())
    print(f"  evaluate_batch: {'same' if same else 'DIFFERENT'} counts as numpy: {counts}")
    repeat = max(setup.repeat, 5)
    tuple_orgs = tuple(orgs)
    array_orgs = np.array(orgs)  # dtype <U7: checked on its characters, kept as an array
    bytes_orgs = array_orgs.astype(np.bytes_)  # dtype S7: read as ASCII, kept as a U array
    runs: dict[str, Callable[[], object]] = {
        "bare numpy": bare,
        "numpy+code check": bare_codes,
        "no orgs": lambda: evaluate_batch(target, as_of=as_of, numerators=num, denominators=den),
        "orgs as a list": ours,
    }

    def with_codes(codes: Any) -> Callable[[], object]:  # noqa: ANN401 - any form of codes
        return lambda: evaluate_batch(
            target, as_of=as_of, numerators=num, denominators=den, orgs=codes
        )

    runs["orgs as a tuple"] = with_codes(tuple_orgs)
    runs["orgs as a U array"] = with_codes(array_orgs)
    runs["orgs as an S array"] = with_codes(bytes_orgs)
    read_only_orgs = array_orgs.copy()
    read_only_orgs.flags.writeable = False  # kept as a view, where a writable one is copied
    runs["orgs as a read-only U array"] = with_codes(read_only_orgs)
    for name, run in runs.items():
        if name.startswith("orgs as"):
            agree = np.array_equal(run().status, result.status)  # type: ignore[attr-defined]
            print(f"  {name}: {'same' if agree else 'DIFFERENT'} statuses as the list")
    # the floor of a list (one pass joining the codes to check them, one copying them into the
    # result's tuple), timed but printed only with the CPU times
    runs["floor of a list: bare numpy, join, tuple()"] = lambda: (
        bare(),
        "\x00".join(orgs),
        tuple(orgs),
    )
    wall = {name: best_of(run, repeat)[0] for name, run in runs.items()}
    # CPU time moves less than wall time on a shared machine: each run again, on its own clock
    cpu = {name: best_cpu(run, repeat) for name, run in runs.items()}
    print(
        f"  CPU time, best of {repeat} (ratio to bare numpy): "
        + ", ".join(
            f"{name} {_t(seconds)} (x{seconds / cpu['bare numpy']:.2f})"
            for name, seconds in cpu.items()
        )
    )
    bare_t = wall["bare numpy"]
    return [
        Line("evaluate_batch", "orgs as a list", "bare numpy", wall["orgs as a list"], bare_t, 3.0),
        Line(
            "evaluate_batch", "orgs as a tuple", "bare numpy", wall["orgs as a tuple"], bare_t, None
        ),
        Line(
            "evaluate_batch",
            "orgs as a U array",
            "bare numpy",
            wall["orgs as a U array"],
            bare_t,
            3.0,
        ),
        Line(
            "evaluate_batch",
            "orgs as a read-only U array",
            "bare numpy",
            wall["orgs as a read-only U array"],
            bare_t,
            None,
        ),
        Line(
            "evaluate_batch",
            "orgs as an S array",
            "bare numpy",
            wall["orgs as an S array"],
            bare_t,
            3.0,
        ),
        Line("evaluate_batch", "no orgs", "bare numpy", wall["no orgs"], bare_t, None),
        Line(
            "evaluate_batch",
            "orgs as a list",
            "numpy+code check",
            wall["orgs as a list"],
            wall["numpy+code check"],
            None,
        ),
    ]


UK_RULE_SQL = """
CREATE MACRO last_sunday(t) AS
    make_date(year(t), month(t), 31) - CAST(dayofweek(make_date(year(t), month(t), 31)) AS INT);
CREATE MACRO bst(t) AS CASE
    WHEN month(t) BETWEEN 4 AND 9 THEN 3600
    WHEN month(t) = 3 AND (CAST(t AS DATE) > last_sunday(t)
                           OR (CAST(t AS DATE) = last_sunday(t) AND hour(t) >= 2)) THEN 3600
    WHEN month(t) = 10 AND (CAST(t AS DATE) < last_sunday(t)
                            OR (CAST(t AS DATE) = last_sunday(t) AND hour(t) < 2)) THEN 3600
    ELSE 0 END;
COPY (
    SELECT org, year(arrival) AS year, month(arrival) AS month, count(*) AS attendances,
           count(*) FILTER (WHERE stay <= 14400) AS within_4h,
           count(*) FILTER (WHERE type = 1) AS type_1,
           count(*) FILTER (WHERE type = 1 AND stay <= 14400) AS type_1_within_4h,
           count(*) FILTER (WHERE stay > 43200) AS over_12h
    FROM (
        SELECT org, arrival, type,
               (epoch(departure) - bst(departure)) - (epoch(arrival) - bst(arrival)) AS stay
        FROM read_parquet('{path}')
    )
    WHERE stay >= 0
    GROUP BY ALL ORDER BY ALL
) TO '{out}' (HEADER)
"""


def child_uk_rule(path: str, out: str) -> None:
    import duckdb  # noqa: PLC0415

    duckdb.connect().execute(UK_RULE_SQL.format(path=path, out=out))


def case_measure(setup: Setup) -> list[Line]:
    import duckdb  # noqa: PLC0415

    sys.path.insert(0, str(Path(__file__).parent))
    from gen_records import generate  # noqa: PLC0415

    rows = 1_000_000 if setup.quick else 10_000_000
    path = setup.directory / f"ae_{rows}.parquet"
    if not path.exists():
        generate(str(path), rows)
    ours_out, theirs_out = setup.directory / "ae_nhsplan.csv", setup.directory / "ae_sql.csv"
    ours_runs = runs_in_child(
        nhsplan("measure", "ae", str(path), "--output", str(ours_out)), setup.repeat
    )
    theirs_runs = runs_in_child(myself("uk_rule", str(path), str(theirs_out)), setup.repeat)
    ours = min(r[0] for r in ours_runs), max(r[1] for r in ours_runs)
    theirs = min(r[0] for r in theirs_runs), max(r[1] for r in theirs_runs)
    cpu = min(r[2] for r in ours_runs), min(r[2] for r in theirs_runs)
    print(
        f"  measure ae: CPU (user + system) best {cpu[0]:.2f} s (nhsplan) and {cpu[1]:.2f} s"
        f" (SQL), x {cpu[0] / cpu[1]:.2f}"
    )
    floor(
        "measure ae",
        setup.repeat,
        {
            "import duckdb (the contender's import)": "import duckdb",
            "import ibis, connect its DuckDB backend (the engine nhsplan's measures are "
            "written for)": "import ibis; ibis.duckdb.connect()",
            "import nhsplan's measures and ibis, connect": (
                "import nhsplan.engines.measures as m, ibis; m.connect('duckdb')"
            ),
        },
    )
    con = duckdb.connect()
    mine = con.execute(
        f"SELECT sum(CAST(numerator AS BIGINT)), sum(CAST(denominator AS BIGINT))"
        f" FROM read_csv('{ours_out}', all_varchar=true) WHERE metric = 'ae_4_hour'"
    ).fetchall()[0]
    other = con.execute(
        f"SELECT sum(within_4h), sum(attendances) FROM read_csv('{theirs_out}')"
    ).fetchall()[0]
    assert mine is not None
    assert other is not None
    word = "same" if tuple(mine) == tuple(other) else "DIFFERENT"
    print(
        f"  measure ae ({rows:,} attendances): {word} counts: within 4 h / attendances"
        f" {mine[0]:,}/{mine[1]:,} (nhsplan) and {other[0]:,}/{other[1]:,} (SQL)"
    )
    return [
        Line(
            "measure ae",
            "nhsplan measure",
            "UK-rule SQL",
            ours[0],
            theirs[0],
            1.2,
            (ours[1], theirs[1]),
        )
    ]


def case_import(setup: Setup) -> list[Line]:
    times = []
    for _ in range(max(setup.repeat, 7)):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import nhsplan"],
            capture_output=True,
            text=True,
            check=True,
        )
        cumulative = [
            int(m.group(1))
            for m in re.finditer(r"\|\s*(\d+) \|\s*nhsplan$", out.stderr, re.MULTILINE)
        ]
        times.append(cumulative[-1] / 1e6)
    return [
        Line("import", "import nhsplan (-X importtime)", "", min(times), None, 0.1, absolute=True)
    ]


def case_targets(setup: Setup) -> list[Line]:
    """A fresh ``nhsplan targets`` as a user runs it: nhsplan's bytecode already compiled.

    A pip install writes the bytecode (``.pyc``) of nhsplan and its dependencies; a checkout
    run with ``PYTHONDONTWRITEBYTECODE=1`` would compile every nhsplan module from source on
    every run. One untimed run with bytecode writing allowed comes first, and the case says
    whether the bytecode is there.
    """
    command = nhsplan("targets", "--as-of", "2026-01-01")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    print(f"  targets: {_bytecode_state()}")
    runs = runs_in_child(command, max(setup.repeat, 5))
    cpu = sorted(r[2] for r in runs)
    print(
        f"  targets: CPU (user + system) best {cpu[0] * 1e3:.0f} ms, median"
        f" {cpu[len(cpu) // 2] * 1e3:.0f} ms of {len(cpu)}"
    )
    floor(
        "targets",
        max(setup.repeat, 5),
        {
            "python alone": "pass",
            "import pint (a fixed dependency; it imports numpy where numpy is installed)": (
                "import pint"
            ),
            "import pint, read the catalog's TOML (with tomli, as nhsplan does)": _READ_CATALOG,
        },
    )
    seconds = min(r[0] for r in runs)
    return [
        Line("targets", "nhsplan targets --as-of 2026-01-01", "", seconds, None, 0.3, absolute=True)
    ]


_READ_CATALOG: Final = """
import tomli, pint
from importlib.resources import files
for f in sorted(files("nhsplan.catalog").joinpath("data").iterdir()):
    if f.name.endswith(".toml"):
        tomli.loads(f.read_text(encoding="utf-8"))
"""


def floor(case: str, repeat: int, programs: dict[str, str]) -> None:
    """Print the best wall time of each program, each run in a fresh ``python -c``.

    What a case cannot go below whatever nhsplan does: starting Python, importing a fixed
    dependency. Printed beside the case's own time, in the same run.
    """
    for name, program in programs.items():
        runs = runs_in_child([sys.executable, "-c", program], repeat)
        best = min(r[0] for r in runs)
        print(f"  {case}: floor, {name}: best {best * 1e3:.0f} ms of {repeat}")


def _bytecode_state() -> str:
    """Whether nhsplan's modules have bytecode the timed runs read, and the environment's say."""
    import importlib.util  # noqa: PLC0415

    import nhsplan.catalog.registry  # noqa: PLC0415 - a module every targets run imports

    source = nhsplan.catalog.registry.__file__
    assert source is not None
    cached = Path(importlib.util.cache_from_source(source)).exists()
    setting = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    if cached:
        return (
            f"nhsplan's bytecode written by an untimed first run (PYTHONDONTWRITEBYTECODE {setting}"
            " here; the timed runs read it, as after a pip install)"
        )
    return "nhsplan's bytecode could NOT be written: every run compiles nhsplan from source"


def case_phases(setup: Setup) -> list[Line]:
    """Where ``nhsplan evaluate``'s single pass spends its time on the CSV, in this process."""
    import io  # noqa: PLC0415
    from datetime import date  # noqa: PLC0415

    import duckdb  # noqa: PLC0415

    from nhsplan.catalog import load_guidance  # noqa: PLC0415
    from nhsplan.engines._gc import no_cycle_collection  # noqa: PLC0415
    from nhsplan.engines.columnar.files import csv_relation  # noqa: PLC0415
    from nhsplan.engines.columnar.judge import Judge  # noqa: PLC0415
    from nhsplan.engines.columnar.scan import read_groups, scan_query  # noqa: PLC0415
    from nhsplan.engines.columnar.single_pass import _fetch  # noqa: PLC0415
    from nhsplan.io.readers.observations import OBSERVATION_COLUMNS  # noqa: PLC0415

    csv, _ = setup.files()
    clock = time.perf_counter()
    laps: list[tuple[str, float]] = []

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        laps.append((name, now - clock))
        clock = now

    judge = Judge(load_guidance(EDITIONS[0]), as_of=date.fromisoformat(AS_OF), org=None)
    lap("load the edition")
    con = duckdb.connect()
    names = [f"c{i}" for i in range(len(OBSERVATION_COLUMNS))]
    csv_relation(con, str(csv), names).create_view("observations")
    columns = dict(zip(OBSERVATION_COLUMNS, names, strict=True))
    query = scan_query("observations", columns, [], judge.spec)
    with no_cycle_collection():  # as the single pass runs these steps
        fetched = _fetch(con, query, listed=bool(judge.spec.keys or judge.spec.ranges))
        assert fetched is not None
        rows, figures = fetched
        lap(f"DuckDB: the single query ({len(rows):,} groups fetched)")
        groups = read_groups(rows, judge.spec, columns=figures)
        lap("read the groups into Python")
        verdicts, _used = judge.judge(groups, check_metrics=True)
        lap(f"judge the groups ({len(verdicts):,} assessments)")
    verdicts.write_csv(io.StringIO())
    lap("write the CSV (to memory)")
    print(f"  where the single pass spends its time on {csv.name} (import not counted):")
    for name, seconds in laps:
        print(f"    {name:<50} {seconds:6.2f} s")
    return []


CASES: dict[str, Callable[[Setup], list[Line]]] = {
    "evaluate_csv": lambda s: case_evaluate(s, "csv"),
    "evaluate_parquet": lambda s: case_evaluate(s, "parquet"),
    "guidance": case_guidance,
    "xmr": case_xmr,
    "batch": case_batch,
    "measure_ae": case_measure,
    "import": case_import,
    "targets": case_targets,
}
EXTRA: dict[str, Callable[[Setup], list[Line]]] = {"phases": case_phases}
"""Run only when named."""
CHILDREN: dict[str, Callable[[str, str], None]] = {
    "duckdb": child_duckdb,
    "pandas": child_pandas,
    "polars": child_polars,
    "uk_rule": child_uk_rule,
}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        CHILDREN[sys.argv[2]](*sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "cases", nargs="*", help=f"default: every case ({', '.join(CASES)}); also phases"
    )
    parser.add_argument("--quick", action="store_true", help="1 M rows instead of 10 M")
    parser.add_argument("--repeat", type=int, default=None, help="best of N (3; 1 at 10 M)")
    parser.add_argument("--dir", type=Path, default=None, help="keep generated data here")
    parser.add_argument("--rows", type=int, default=None, help="observation rows (a smoke test)")
    args = parser.parse_args()
    unknown = [c for c in args.cases if c not in CASES and c not in EXTRA]
    if unknown:
        parser.error(f"no case {', '.join(unknown)}; the cases: {', '.join(CASES)}")
    repeat = args.repeat or (3 if args.quick else 1)
    load = os.getloadavg()
    print(
        f"nhsplan benchmarks, {'--quick' if args.quick else 'full sizes'}, best of {repeat};"
        f" {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        flush=True,
    )
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)  # kept: the generated data is reused
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        directory = args.dir or Path(tmp)
        setup = Setup(directory, args.quick, repeat, rows=args.rows)
        lines: list[Line] = []
        for name in args.cases or CASES:
            started = time.perf_counter()
            new = {**CASES, **EXTRA}[name](setup)
            for line in new:
                print(line.show(), flush=True)
            print(f"  ({name}: {time.perf_counter() - started:.0f} s)", flush=True)
            lines += new
    load = os.getloadavg()
    print(f"\nsummary (load average now {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
    for line in lines:
        print(line.show())


if __name__ == "__main__":
    main()
