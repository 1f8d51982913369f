"""What every measure shares: its description, its result, and the one counting pass.

A measure is written once as Ibis expressions over a table of records. :func:`run` adds a
``reason`` to every row (None for a row that counts; the words of the problem otherwise), groups
the rows by organisation, month and reason in **one** pass, and turns the small result into
:class:`~nhsplan.model.Observation` values in Python. Every input row lands in exactly one group,
so rows in = rows counted + rows reported, by construction and checked.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Final, Protocol

import attrs

from nhsplan.calendar import parse_period
from nhsplan.errors import NhsplanError
from nhsplan.model import Observation
from nhsplan.model._inputs import org_code
from nhsplan.model.formats import (
    ORG_CODE,
)
from nhsplan.units import quantity

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

    from nhsplan.calendar import Period
    from nhsplan.io.readers._quality import CsvSource

__all__ = [
    "Count",
    "Measure",
    "MeasureInputError",
    "MeasureIssue",
    "MeasureResult",
    "Prepare",
    "Prepared",
    "Ratio",
    "run",
]

_EXAMPLES: Final = 3
"""How many rows each reported problem shows."""


class MeasureInputError(NhsplanError, ValueError):
    """Records that cannot be measured at all: a missing file, column, or column type.

    A bad *row* is not an error: it is counted in :attr:`MeasureResult.issues`.
    """


@attrs.frozen(kw_only=True)
class Ratio:
    """A proportion metric: its id and the indicators counted as numerator and denominator.

    A denominator of None means every counted row.
    """

    metric: str
    numerator: str
    denominator: str | None = None


@attrs.frozen(kw_only=True)
class Count:
    """A count metric: its id, the indicator column counted, and the unit of the count."""

    metric: str
    column: str
    unit: str


@attrs.frozen(kw_only=True)
class Prepared:
    """A measure's records, made ready for the counting pass.

    Attributes:
        table: the records with columns ``org``, ``year``, ``month`` (the period the row counts
            in), ``reason`` (None for a row that counts) and one boolean column per indicator.
        excluded: the reasons that are not bad input but put a row outside every figure (a
            pathway still open), so they are reported as excluded rather than invalid.
    """

    table: ir.Table
    excluded: frozenset[str] = frozenset()


class Prepare(Protocol):
    """How a measure prepares its records (``ae.prepare`` and the like).

    *in_range* names the date and time columns whose every value the file's own statistics
    show to lie within the record dates
    (:func:`~nhsplan.engines.measures._cells.parse_timestamp`); None of their values is
    then checked again, row by row.
    """

    def __call__(self, records: ir.Table, /, *, in_range: Collection[str] = ...) -> Prepared:
        """*records* with ``org, year, month, reason`` and the indicators added."""
        ...


@attrs.frozen(kw_only=True)
class Measure:
    """One measure: the columns it reads, how it prepares records, what it counts."""

    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    example: str
    prepare: Prepare
    indicators: tuple[str, ...]
    metrics: tuple[Ratio | Count, ...]


@attrs.frozen(kw_only=True)
class MeasureIssue:
    """Rows left out of every figure, grouped by why.

    Attributes:
        reason: what is wrong with the rows (or why they count in no figure).
        rows: how many rows.
        invalid: True for bad input; False for rows outside the measure by its definition
            (a pathway not yet ended, a review not yet due).
        examples: up to three of the rows, as column -> text; on DuckDB a record file's
            examples also give ``row``, the row's number in the file (the header is row 1).
    """

    reason: str
    rows: int
    invalid: bool
    examples: tuple[Mapping[str, str | None], ...] = ()

    def __str__(self) -> str:
        noun = "row" if self.rows == 1 else "rows"
        kind = "invalid" if self.invalid else "excluded"
        shown = "; ".join(_example_text(example) for example in self.examples)
        return f"{self.rows} {noun} {kind}: {self.reason}" + (
            f" (for example {shown})" if shown else ""
        )


def _example_text(example: Mapping[str, str | None]) -> str:
    cells = ", ".join(f"{k}={v!r}" for k, v in example.items() if k != ROW)
    return f"row {example[ROW]}: {cells}" if example.get(ROW) is not None else cells


ROW: Final = "row"
"""The key of an example's row number (the header is row 1)."""
FILE_ROW: Final = "__nhsplan_row__"
"""A column of each record's row number (the header being row 1), where the reader gives it."""
_FIRST: Final = "__nhsplan_examples__"


@attrs.frozen(kw_only=True)
class MeasureResult:
    """A measure computed from records: the observations and every row left out, with why.

    Attributes:
        kind: the measure (``ae``, ``rtt``, ``cancer``, ``leder``).
        engine: the engine that counted (``duckdb``, ``spark``).
        observations: one observation per organisation, month and metric, ready for
            :func:`nhsplan.evaluate_guidance` or :meth:`write_csv`.
        issues: the rows that count in no figure, grouped by reason.
        rows_in: every input row.
        rows_counted: rows that count in the figures.
    """

    kind: str
    engine: str
    observations: tuple[Observation, ...]
    issues: tuple[MeasureIssue, ...]
    rows_in: int
    rows_counted: int

    @property
    def rows_reported(self) -> int:
        """Rows in :attr:`issues` (``rows_in == rows_counted + rows_reported``)."""
        return sum(issue.rows for issue in self.issues)

    def write_csv(self, file: CsvSource) -> None:
        """Write the observations as the CSV ``nhsplan evaluate`` reads."""
        from nhsplan.io.readers.observations import write_observations_csv  # noqa: PLC0415

        write_observations_csv(self.observations, file)


# --- the counting pass -------------------------------------------------------------------------


def check_columns(measure: Measure, table: ir.Table, source: str) -> None:
    """Raise :class:`MeasureInputError` unless *table* has every column *measure* reads."""
    present = [c for c in table.columns if c != FILE_ROW]
    missing = [name for name in measure.required if name not in present]
    if missing:
        raise MeasureInputError(
            f"{source}: {measure.kind} records need the column"
            f"{'s' if len(missing) > 1 else ''} {', '.join(repr(m) for m in missing)} "
            f"(the file has {', '.join(repr(c) for c in present) or 'none'}); "
            f"for example:\n  {measure.example}"
        )


def _code(org: object) -> str | None:
    """An organisation cell as the code ``evaluate`` reads: any case, ``E92000001`` as England."""
    return org_code(org) if isinstance(org, str) else None


def run(
    measure: Measure,
    table: ir.Table,
    *,
    engine: str,
    backend: BaseBackend,
    source: str,
    numbered: bool = True,
    in_range: Collection[str] = (),
) -> MeasureResult:
    """Count *measure* over *table* on *backend*; see the module docstring.

    With *numbered* (and on DuckDB), the examples of reported rows give their row numbers;
    the caller turns it off where DuckDB's order is not the file's rows (blank lines).
    *in_range* names the columns whose dates the file's statistics prove
    (:func:`~nhsplan.engines.measures._engine.proven_in_range`).
    """
    from nhsplan.engines.measures._engine import fetch  # noqa: PLC0415 - import cycle

    check_columns(measure, table, source)
    prepared = measure.prepare(table, in_range=in_range)
    t = prepared.table
    counts = {name: t.count(where=t[name]) for name in measure.indicators}
    inline = numbered and backend.name == "duckdb" and FILE_ROW in table.columns
    if inline:  # the examples too, in the same pass (see _first_rows)
        counts[_FIRST] = _first_rows(measure, t)
    grouped = t.group_by(["org", "year", "month", "reason"]).aggregate(rows=t.count(), **counts)
    groups = fetch(backend, grouped)
    found: dict[str, list[dict[str, str | None]]] = {}

    figures: dict[tuple[str, int, int], dict[str, int]] = {}
    reported: dict[str, int] = {}
    bad_orgs: dict[str, list[str | None]] = {}
    rows_in = 0
    for group in groups:
        rows_in += group["rows"]
        reason, org = group["reason"], _code(group["org"])
        if reason is None and (org is None or not ORG_CODE.matches(org)):
            reason = "org is not an organisation code (letters and digits, e.g. RBD)"
            bad_orgs.setdefault(reason, []).append(org)
        if reason is not None:
            reported[reason] = reported.get(reason, 0) + group["rows"]
            found.setdefault(reason, []).extend(group.get(_FIRST) or ())
            continue
        assert org is not None  # a code, or the row was reported above
        key = (org, int(group["year"]), int(group["month"]))
        cell = figures.setdefault(key, dict.fromkeys(("rows", *measure.indicators), 0))
        for name in ("rows", *measure.indicators):
            cell[name] += int(group[name])

    periods = {(y, m): parse_period(f"{y:04d}-{m:02d}") for _org, y, m in figures}  # each once
    observations = [
        o
        for (org, year, month), cell in sorted(figures.items())
        for o in _observations(measure, org, periods[year, month], cell)
    ]
    if inline:
        examples = {
            reason: sorted(rows, key=lambda row: int(str(row[ROW])))[:_EXAMPLES]
            for reason, rows in found.items()
        }
    else:
        examples = _examples(measure, table, backend, numbered=numbered) if reported else {}
    for reason, orgs in bad_orgs.items():
        examples[reason] = [{"org": org} for org in orgs[:_EXAMPLES]]
    issues = tuple(
        MeasureIssue(
            reason=reason,
            rows=rows,
            invalid=reason not in prepared.excluded,
            examples=tuple(examples.get(reason, ())),
        )
        for reason, rows in sorted(reported.items())
    )
    counted = sum(cell["rows"] for cell in figures.values())
    result = MeasureResult(
        kind=measure.kind,
        engine=engine,
        observations=tuple(observations),
        issues=issues,
        rows_in=rows_in,
        rows_counted=counted,
    )
    if result.rows_counted + result.rows_reported != result.rows_in:  # pragma: no cover
        msg = f"{source}: rows lost while measuring {measure.kind}"
        raise AssertionError(msg)
    return result


def _observations(
    measure: Measure, org: str, period: Period, cell: Mapping[str, int]
) -> list[Observation]:
    out: list[Observation] = []
    for metric in measure.metrics:
        if isinstance(metric, Count):
            amount = quantity(cell[metric.column], metric.unit)
            out.append(Observation(org=org, metric=metric.metric, period=period, value=amount))
            continue
        denominator = cell[metric.denominator or "rows"]
        if denominator:  # no rows in scope: no figure (a proportion of nothing is undefined)
            out.append(
                Observation(
                    org=org,
                    metric=metric.metric,
                    period=period,
                    numerator=cell[metric.numerator],
                    denominator=denominator,
                )
            )
    return out


def _first_rows(measure: Measure, table: ir.Table) -> ir.Value:
    """An aggregate: a group's first three reported rows in the file, for its examples.

    On DuckDB, when the records carry their row numbers (:data:`FILE_ROW`, a Parquet file's
    own, read for nothing), the examples come from the counting pass itself rather than
    from a second pass over the file: ``arg_min(row, number, 3)`` keeps, per group, the
    three lowest-numbered rows with a reason (None for a group without one), and
    :func:`run` keeps the first three of each reason's groups - the rows :func:`_examples`
    would choose.
    """
    import ibis  # noqa: PLC0415 - optional dependency
    import ibis.expr.datatypes as dt  # noqa: PLC0415

    columns = _example_columns(measure, table)
    cells = {ROW: table[FILE_ROW].cast("string"), **{c: table[c].cast("string") for c in columns}}
    kind = dt.Struct(dict.fromkeys(cells, dt.string))
    bad = table.reason.notnull()

    def arg_min(arg: object, val: object, n: object) -> object:  # pragma: no cover - a name
        """DuckDB's ``arg_min(arg, val, n)``."""

    first = ibis.udf.agg.builtin(
        name="arg_min", signature=((kind, dt.int64, dt.int64), dt.Array(kind))
    )(arg_min)
    # The struct only for a reported row (CASE evaluates it only there); FILTER skips the rest.
    row = ibis.cases((bad, ibis.struct(cells)), else_=ibis.null(kind))
    value: ir.Value = first(row, table[FILE_ROW].cast("int64"), _EXAMPLES, where=bad)
    return value


def _example_columns(measure: Measure, raw: ir.Table) -> list[str]:
    return [c for c in (*measure.required, *measure.optional) if c in raw.columns]


def _examples(
    measure: Measure, raw: ir.Table, backend: BaseBackend, *, numbered: bool
) -> dict[str, list[dict[str, str | None]]]:
    """Up to three rows for each reason, in one query (run only when a row is reported).

    On DuckDB each example also has its row number: rows are numbered as read, before the
    measure's columns are derived (DuckDB keeps a file's order), the header being row 1. On
    Spark, which keeps no order, examples have no row number.
    """
    import ibis  # noqa: PLC0415 - optional dependency

    from nhsplan.engines.measures._engine import fetch  # noqa: PLC0415 - import cycle

    columns = _example_columns(measure, raw)
    numbered = numbered and backend.name == "duckdb" and ROW not in raw.columns
    if numbered:
        raw = raw.mutate(**{ROW: ibis.row_number() + 2})
    prepared = measure.prepare(raw).table
    bad = prepared.filter(prepared.reason.notnull())
    ranked = bad.select(
        "reason",
        *([bad[ROW].cast("string").name(ROW)] if numbered else []),
        *[bad[c].cast("string").name(c) for c in columns],
        _n=ibis.row_number().over(group_by=bad.reason, order_by=bad[ROW] if numbered else None),
    )
    rows = ranked.filter(ranked._n < _EXAMPLES).drop("_n")
    found: dict[str, list[dict[str, str | None]]] = {}
    for row in fetch(backend, rows):
        reason = row.pop("reason")
        found.setdefault(reason, []).append(row)
    return found
