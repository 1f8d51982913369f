"""Private helpers for :mod:`nhsplan.engines.columnar`: the single pass over a clean input.

One DuckDB query reads the input once and gives one row per organisation and metric: how
many rows it has, whether every one is in the plain form, whether two could give the same
period, and the few figures its targets can look at on the date assessed (the latest period
of each kind in force, the figures of the periods that can be judged, a year's figures for a
year's target). No Python object is built per input row.

The period of each row is read by SQL arithmetic on its canonical spelling (``2019-03``,
``2019/20``, ``2019/20 Q1``, ``2019/20 H2``), and each figure is vouched for only in its
plainest spelling: both as :mod:`nhsplan.model.formats` defines them, whose tests check
the SQL against :func:`~nhsplan.calendar.parse_period` for every period of every year the
calendar accepts.
Anything about the input that the pass cannot vouch for (a row not in the plain form, a
possible repeat, mixed units) shows in the groups, and the caller reads the input the
thorough way instead.
"""

from __future__ import annotations

import operator
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Final, NamedTuple

import attrs

from nhsplan.engines.columnar.rules import month_index, period_key
from nhsplan.errors import InvalidObservationError
from nhsplan.model import Guidance, Observation
from nhsplan.model.formats import (
    FIRST_MONTH,
    LAST_MONTH,
    METRIC_ID,
    ORG_CODE,
    period_table_sql,
    plain_integer_sql,
    plain_number_sql,
    sql_text,
)

__all__ = [
    "FIGURES",
    "FIRST_MONTH",
    "LAST_MONTH",
    "Group",
    "Listed",
    "ScanSpec",
    "read_groups",
    "scan_query",
    "summarise",
]

_BITS: Final = 254
"""Bits of a group's period bitmap (a period's bit is ``(kind * 4096 + e) % 254``)."""

FIGURES: Final = "nhsplan_figures"
"""The name of the query's last column, the list of figures fetched (where it fetches any)."""

_FIGURES: Final = {"value": "v", "numerator": "n", "denominator": "d"}
"""The figure columns, and their names in the query."""


@attrs.frozen(kw_only=True)
class ScanSpec:
    """What the pass fetches for each organisation and metric, besides its counts.

    Attributes:
        latest: ``(last, first, until)`` month-index bounds; for each, the key of the
            latest period whose last month is at most *last*, at least *first* (None: no
            bound) and whose first month is at most *until* (None: no bound).
        keys: period keys whose figure is fetched (the periods a target may judge).
        ranges: ``(first, last)`` month-index bounds; for each, every figure of a period
            lying within them (a year's figures, pooled by a year's target).
        pooled: per range, the metrics whose figures it fetches (those a target pooling
            that year measures); None: every metric's.
    """

    latest: tuple[tuple[int, int | None, int | None], ...]
    keys: tuple[int, ...]
    ranges: tuple[tuple[int, int], ...]
    pooled: tuple[frozenset[str], ...] | None = None

    def pools(self, index: int, metric: str | None) -> bool:
        """Whether range *index* fetches the figures of *metric*."""
        return self.pooled is None or metric in self.pooled[index]


class Group(NamedTuple):
    """One organisation's figures of one metric, as the pass summarised them."""

    org: str | None
    metric: str | None
    rows: int
    bad: int
    """Rows not in the plain form (or of a period the pass cannot read)."""
    periods: int
    """How many distinct periods the rows cover, as far as the bitmap tells (at most rows)."""
    unit_low: str | None
    unit_high: str | None
    value_high: float | None
    """The lowest and highest unit, and the largest value, of the rows given as a value."""
    latest: tuple[int | None, ...]
    """One key per :attr:`ScanSpec.latest` bound (None: no such period)."""
    figures: dict[int, tuple[float | None, float | None, float | None]]
    """Key → (value, numerator, denominator), for the keys fetched that are present."""
    ranges: tuple[tuple[tuple[int, float | None, float | None, float | None], ...], ...]
    """Per :attr:`ScanSpec.ranges`: (key, value, numerator, denominator) of each figure (none
    where the range does not fetch this metric's figures, :meth:`ScanSpec.pools`)."""


def scan_query(
    source: str,
    columns: Mapping[str, str | None],
    extras: Sequence[str],
    spec: ScanSpec,
    *,
    integers: Collection[str] = (),
) -> str:
    """The single query over *source* (a table or view name).

    *columns* maps each observation column to a VARCHAR SQL expression (None where the input
    has no such column); *extras* are the expressions of unnamed columns, which must be blank.
    The figure columns named in *integers* (``value``, ``numerator``, ``denominator``) are
    given as integer-typed expressions instead: read as their text would be read
    (:func:`~nhsplan.model.formats.plain_integer_sql`), without writing each number out.

    Each row costs a test of each figure's text (a cast and a cast back for a whole number,
    a regular expression for any other: :func:`~nhsplan.model.formats.plain_number_sql`), a
    hash join of its period text to the table of periods, and one aggregate step per
    column: whatever depends on the period alone (its key, its bit, which bounds it lies
    within) is a column of that small table. The period and the plain number are
    :mod:`nhsplan.model.formats`' own SQL, as the column pass's expressions are its Narwhals
    forms, so the two passes vouch for the same rows.
    """

    def col(name: str) -> str:
        expr = columns.get(name)
        return "NULL::VARCHAR" if expr is None else expr

    def blank(expr: str) -> str:
        return f"(coalesce({expr}, '') = '')"

    extra_blank = " AND ".join(blank(f"x{i}") for i in range(len(extras))) or "true"
    raw = ", ".join(
        [
            f"{col('org')} AS o",
            f"{col('metric')} AS m",
            f"{col('period')} AS p",
            f"{col('value')} AS v",
            f"{col('unit')} AS u",
            f"{col('numerator')} AS n",
            f"{col('denominator')} AS d",
            *(f"{expr} AS x{i}" for i, expr in enumerate(extras)),
        ]
    )

    typed = {alias for name, alias in _FIGURES.items() if name in integers}

    def number(name: str) -> str:
        # vouched for only in the plain spelling; any other is NULL, and its row not ok
        if name in typed:
            return f"CASE WHEN {plain_integer_sql(name)} THEN CAST({name} AS DOUBLE) END"
        return plain_number_sql(name)

    def empty(name: str) -> str:
        # an integer's text is never empty: blank only where missing
        return f"({name} IS NULL)" if name in typed else blank(name)

    figures_ok = (
        "CASE WHEN is_value "
        f"THEN vv >= 0 AND no_ratio AND NOT {blank('u')} "
        "ELSE percent AND nn >= 0 AND dd > 0 AND nn <= dd END"
    )
    # A row is ok when it is named, its figures are plain and its period is in the table of
    # every period text (built from period_sql): its period text is the join key only where
    # the first two hold, so a row that is not ok finds no period, and every aggregate below
    # but the count of rows not ok passes over it without a test of its own. What the
    # aggregates read of a period (its key, its bit, whether it lies within each bound) is
    # worked out once per period text, in that small table, not once per row.
    read = (
        f"SELECT o, m, u, {number('v')} AS vv, {number('n')} AS nn, {number('d')} AS dd, "
        f"NOT {empty('v')} AS is_value, {empty('n')} AND {empty('d')} AS no_ratio, "
        f"{blank('u')} OR u IN ('%', 'percent') AS percent, p, "
        f"o IS NOT NULL AND m IS NOT NULL AND {extra_blank} AS named "
        f"FROM (SELECT {raw} FROM {source})"
    )
    keyed = (
        f"SELECT o, m, u, vv, nn, dd, is_value, period.* FROM ({read}) "
        f"LEFT JOIN ({_periods(spec)}) AS period "
        f"ON (CASE WHEN named AND coalesce({figures_ok}, false) THEN p END) = period_text"
    )
    # The periods present, as a bitmap of (kind * 4096 + e) % 254 in four 64-bit words
    # (cheaper than two 127-bit HUGEINT words): the count of its bits is the count of
    # distinct periods, or fewer where two periods share a bit (the judge then declines).
    words = " + ".join(
        f"coalesce(bit_count(bit_or(w{word})::HUGEINT), 0)" for word in range(_WORDS)
    )
    ok = "period_kind IS NOT NULL"
    aggregates = [
        "count(*)",
        f"count_if(NOT ({ok}))",
        words,
        f"min(u) FILTER (WHERE {ok} AND is_value)",
        f"max(u) FILTER (WHERE {ok} AND is_value)",
        f"max(vv) FILTER (WHERE {ok} AND is_value)",
        *(f"max(l{index})" for index in range(len(spec.latest))),
    ]
    # The figures fetched, for the keys and the ranges alike, in one list of
    # [key, value, numerator, denominator] (the key as a DOUBLE, exact below 2^53), in no
    # particular order: read_groups sorts them by key (the keys of a group the judge takes
    # are distinct: a repeated period shows in the bitmap's count). One filter per row, not
    # three aggregates per key and one per range; a range fetches only the figures of the
    # metrics that pool it (ScanSpec.pooled), not every metric's year of months.
    wanted = ["wanted"] if spec.keys else []
    for index in range(len(spec.ranges)):
        span = f"r{index}"
        if spec.pooled is not None:
            metrics = ", ".join(sql_text(m) for m in sorted(spec.pooled[index])) or "NULL"
            span += f" AND m IN ({metrics})"
        wanted.append(f"({span})")
    if wanted:
        fetched = f"FILTER (WHERE {' OR '.join(wanted)})"
        aggregates.append(f"list([key::DOUBLE, vv, nn, dd]) {fetched} AS {FIGURES}")
    return f"SELECT o, m, {', '.join(aggregates)} FROM ({keyed}) GROUP BY o, m"


_WORDS: Final = -(-_BITS // 64)
"""64-bit words of a group's period bitmap."""


def _periods(spec: ScanSpec) -> str:
    """The table of every period text, with what the aggregates of *spec* read of each.

    Beside ``period_text`` and ``period_kind``: its ``key``; its bit, as one mask in the word
    ``w0`` .. ``w3`` that holds it (NULL in the others); per :attr:`ScanSpec.latest` bound,
    ``l0``, ``l1`` .. its key where the period lies within the bound (NULL where not); whether
    its figure is fetched for its key (``wanted``); per :attr:`ScanSpec.ranges`, whether it
    lies within the range (``r0``, ``r1`` ..).
    """
    s, e = "period_first", "period_last"
    columns = ["period_text", "period_kind", "key"]
    bit = f"(period_kind * 4096 + {e}) % {_BITS}"
    columns += [
        f"CASE WHEN {bit} // 64 = {word} THEN 1::UBIGINT << ({bit} % 64)::UBIGINT END AS w{word}"
        for word in range(_WORDS)
    ]
    for index, (last, first, until) in enumerate(spec.latest):
        bounds = [f"{e} <= {last}"]
        if first is not None:
            bounds.append(f"{e} >= {first}")
        if until is not None:
            bounds.append(f"{s} <= {until}")
        columns.append(f"CASE WHEN {' AND '.join(bounds)} THEN key END AS l{index}")
    if spec.keys:
        columns.append(f"key IN ({', '.join(str(key) for key in spec.keys)}) AS wanted")
    # the period starts in the range and ends in it
    columns += [
        f"{s} >= {first} AND {e} <= {last} AS r{index}"
        for index, (first, last) in enumerate(spec.ranges)
    ]
    return (
        f"SELECT {', '.join(columns)} "
        f"FROM (SELECT *, {e} * 16 + 15 - ({e} - {s}) AS key FROM ({period_table_sql()}))"
    )


Listed = tuple[
    Sequence[int], Sequence[float | None], Sequence[float | None], Sequence[float | None]
]
"""The figures of every group in turn, as four columns: key, value, numerator, denominator."""


def read_groups(
    rows: Sequence[tuple[Any, ...]], spec: ScanSpec, *, columns: Listed | None = None
) -> list[Group]:
    """The query's result rows as groups.

    Each row lists its figures in its last cell, as ``fetchall`` gives them; or, with
    *columns*, that cell says how many figures are the row's, taken in turn from *columns*
    (which hold exactly the figures of every row: the caller checks the count).
    """
    groups = []
    n_latest = len(spec.latest)
    keys = frozenset(spec.keys)
    fetched = bool(spec.keys or spec.ranges)
    at = 8 + n_latest
    no_ranges: tuple[tuple[tuple[int, float | None, float | None, float | None], ...], ...]
    no_ranges = tuple(() for _ in spec.ranges)
    pooled = None if spec.pooled is None else frozenset().union(*spec.pooled)
    if columns is not None:
        column_keys, values, numerators, denominators = columns
        # each figure's (value, numerator, denominator), made in C: 583,310 at 10 M rows
        triples = list(zip(values, numerators, denominators, strict=True))
    start = 0
    for row in rows:
        latest = tuple(row[8:at])
        metric = row[1]
        ranges = no_ranges
        fast = not spec.ranges or (pooled is not None and metric not in pooled)
        if columns is not None:
            end = start + (row[at] or 0)
            if fast:
                figures = dict(zip(column_keys[start:end], triples[start:end], strict=True))
            else:
                listed: Any = list(
                    zip(
                        column_keys[start:end],
                        values[start:end],
                        numerators[start:end],
                        denominators[start:end],
                        strict=True,
                    )
                )
            start = end
        else:
            listed = (row[at] or ()) if fetched else ()
            if fast:
                # no range fetches this metric's figures: each one listed is a key's
                # mapped in C, not a comprehension: about a million figures on 10 M rows
                figures = dict(
                    zip(map(int, map(_KEY, listed)), map(_FIGURES_OF, listed), strict=True)
                )
        if not fast:
            # by key alone: a repeated period (declined by the judge) must not compare figures
            found = sorted(((int(k), v, n, d) for k, v, n, d in listed), key=_first)
            figures = {k: (v, n, d) for k, v, n, d in found if k in keys}
            ranges = tuple(
                tuple(
                    (k, v, n, d)
                    for k, v, n, d in found
                    # the period starts in the range and ends in it
                    if k // 16 - (15 - k % 16) >= first and k // 16 <= last
                )
                if spec.pools(index, metric)
                else ()
                for index, (first, last) in enumerate(spec.ranges)
            )
        groups.append(
            Group(
                row[0],
                metric,
                int(row[2]),
                int(row[3]),
                int(row[4]),
                row[5],
                row[6],
                row[7],
                latest,
                figures,
                ranges,
            )
        )
    return groups


_KEY: Final = operator.itemgetter(0)
_FIGURES_OF: Final = operator.itemgetter(1, 2, 3)
"""A listed figure's key, and its (value, numerator, denominator)."""


def _first(figure: tuple[int, float | None, float | None, float | None]) -> int:
    return figure[0]


def plain_code(text: str | None) -> bool:
    """True for an organisation code in the plain form the pass vouches for."""
    return ORG_CODE.matches(text)


def plain_metric(text: str | None) -> bool:
    """True for a metric id in the plain form the pass vouches for."""
    return METRIC_ID.matches(text)


def summarise(
    observations: Sequence[Observation], guidance: Guidance, spec: ScanSpec
) -> tuple[list[Group], tuple[str, ...]]:
    """Observations summarised per organisation and metric as the single pass's query does.

    Each is first checked against its metric as :func:`~nhsplan.engines.guidance.evaluate_guidance`
    checks it; one that cannot be right is left out, and its warning returned.
    """
    known = {m.id: m for m in guidance.metrics}
    left_out: list[str] = []
    figures: dict[
        tuple[str, str],
        list[tuple[int, int, int, float | None, float | None, float | None, str | None]],
    ] = {}
    for observation in observations:
        metric = known.get(observation.metric)
        if metric is None:
            continue  # no target measures it
        try:
            resolved = metric.resolve(observation)
        except InvalidObservationError as exc:
            left_out.append(f"left out: {exc}")
            continue
        period = resolved.period
        value = resolved.value
        if isinstance(value, float):
            continue  # resolve reads a bare number in the metric's unit: never left bare
        figures.setdefault((resolved.org, resolved.metric), []).append(
            (
                period_key(period),
                month_index(period.start),
                month_index(period.end),
                None if value is None else float(value.magnitude),
                resolved.numerator if value is None else None,
                resolved.denominator if value is None else None,
                None if value is None else value.unit,
            )
        )
    groups = []
    for (org, metric_id), rows in figures.items():
        values = [(v, u) for _k, _s, _e, v, _n, _d, u in rows if v is not None]
        units = sorted({u for _v, u in values if u is not None})
        latest = tuple(
            max(
                (
                    k
                    for k, s, e, *_ in rows
                    if e <= last and (first is None or e >= first) and (until is None or s <= until)
                ),
                default=None,
            )
            for last, first, until in spec.latest
        )
        by_key = {k: (v, n, d) for k, _s, _e, v, n, d, _u in rows}
        groups.append(
            Group(
                org=org,
                metric=metric_id,
                rows=len(rows),
                bad=0,
                periods=len(by_key),
                unit_low=units[0] if units else None,
                unit_high=units[-1] if units else None,
                value_high=max((v for v, _u in values if v is not None), default=None),
                latest=latest,
                figures={k: by_key[k] for k in spec.keys if k in by_key},
                ranges=tuple(
                    tuple((k, v, n, d) for k, s, e, v, n, d, _u in rows if s >= lo and e <= hi)
                    if spec.pools(index, metric_id)
                    else ()
                    for index, (lo, hi) in enumerate(spec.ranges)
                ),
            )
        )
    return groups, tuple(left_out)
