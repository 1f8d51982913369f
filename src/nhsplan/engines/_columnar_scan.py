"""Private helpers for :mod:`nhsplan.engines.columnar`: the single pass over a clean input.

One DuckDB query reads the input once and gives one row per organisation and metric: how
many rows it has, whether every one is in the plain form, whether two could give the same
period, and the few figures its targets can look at on the date assessed (the latest period
of each kind in force, the figures of the periods that can be judged, a year's figures for a
year's target). No Python object is built per input row.

The period of each row is read by SQL arithmetic on its canonical spelling (``2019-03``,
``2019/20``, ``2019/20 Q1``, ``2019/20 H2``): :func:`period_sql` gives the expressions, and
the test suite checks them against :func:`~nhsplan.calendar.parse_period` for every period
of every year the calendar accepts. Anything else about the input that the pass cannot vouch
for (a row not in the plain form, a possible repeat, mixed units) makes :func:`scan` say so,
and the caller reads the input the thorough way instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs

from nhsplan.calendar import FinancialYear
from nhsplan.calendar._common import MAX_YEAR, MIN_YEAR
from nhsplan.engines._columnar_run import _METRIC, _NUMBER, _ORG, _UNIT

__all__ = ["Group", "ScanSpec", "period_sql", "read_groups", "scan_query"]

_FULL: Final = re.compile(r"^\^|\$$")
_WORDS: Final = 127
"""Bits used in each of the two HUGEINT words of a group's period bitmap (never the sign)."""
FIRST_MONTH: Final = FinancialYear(MIN_YEAR).start.year * 12 + 3
"""The month index of the calendar's first month (April of its first financial year)."""
LAST_MONTH: Final = FinancialYear(MAX_YEAR).end.year * 12 + 2
"""The month index of the calendar's last month (March ending its last financial year)."""
_KIND: Final = {"month": 0, "quarter": 1, "half": 2, "year": 3}
"""How the SQL numbers each kind of period; a repeat check keeps kinds apart."""


def _re(pattern: str) -> str:
    """A Python ``^...$`` pattern as a full-match pattern for DuckDB's RE2, quoted."""
    body = _FULL.sub("", pattern)
    return "'" + body.replace("'", "''") + "'"


def period_sql(text: str) -> dict[str, str]:
    """SQL expressions for the period spelt by the VARCHAR expression *text*.

    ``kind`` (NULL unless *text* is a canonical spelling of a period), and the year, the two
    digits after it and the quarter's or half's digit, from which :func:`scan_query` works
    out the month indexes (``year * 12 + month - 1``) of its first and last months; a period
    outside :data:`FIRST_MONTH` .. :data:`LAST_MONTH` is one the calendar refuses.
    """
    y = f"TRY_CAST(substr({text}, 1, 4) AS INTEGER)"
    two = f"TRY_CAST(substr({text}, 6, 2) AS INTEGER)"
    digit = f"TRY_CAST(substr({text}, 10, 1) AS INTEGER)"
    letter = f"substr({text}, 9, 1)"
    shape = (
        f"regexp_full_match(coalesce({text}, ''), "
        "'[0-9]{4}(?:-(?:0[1-9]|1[0-2])|/[0-9]{2}(?: Q[1-4]| H[12])?)')"
    )
    fy = f"({two} = ({y} + 1) % 100)"
    kind = (
        f"(CASE WHEN NOT {shape} THEN NULL "
        f"WHEN length({text}) = 7 AND substr({text}, 5, 1) = '-' THEN {_KIND['month']} "
        f"WHEN NOT {fy} THEN NULL "
        f"WHEN length({text}) = 7 THEN {_KIND['year']} "
        f"WHEN {letter} = 'Q' THEN {_KIND['quarter']} "
        f"ELSE {_KIND['half']} END)"
    )
    return {
        "kind": kind,
        "y": y,
        "two": two,
        "digit": digit,
    }


def _starts_ends(kind: str, y: str, two: str, digit: str) -> tuple[str, str]:
    start = (
        f"(CASE {kind} WHEN {_KIND['month']} THEN {y} * 12 + {two} - 1 "
        f"WHEN {_KIND['year']} THEN {y} * 12 + 3 "
        f"WHEN {_KIND['quarter']} THEN {y} * 12 + 3 + 3 * ({digit} - 1) "
        f"WHEN {_KIND['half']} THEN {y} * 12 + 3 + 6 * ({digit} - 1) END)"
    )
    span = (
        f"(CASE {kind} WHEN {_KIND['month']} THEN 0 WHEN {_KIND['year']} THEN 11 "
        f"WHEN {_KIND['quarter']} THEN 2 WHEN {_KIND['half']} THEN 5 END)"
    )
    return start, span


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
    """

    latest: tuple[tuple[int, int | None, int | None], ...]
    keys: tuple[int, ...]
    ranges: tuple[tuple[int, int], ...]


@attrs.frozen(kw_only=True)
class Group:
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
    figures: dict[int, tuple[str | None, str | None, str | None]]
    """Key → (value, numerator, denominator) text, for the keys fetched that are present."""
    ranges: tuple[tuple[tuple[int, str | None, str | None, str | None], ...], ...]
    """Per :attr:`ScanSpec.ranges`: (key, value, numerator, denominator) of each figure."""


def scan_query(
    source: str,
    columns: Mapping[str, str | None],
    extras: Sequence[str],
    spec: ScanSpec,
) -> str:
    """The single query over *source* (a FROM clause).

    *columns* maps each observation column to a VARCHAR SQL expression (None where the input
    has no such column); *extras* are the expressions of unnamed columns, which must be blank.
    """

    def col(name: str) -> str:
        expr = columns.get(name)
        return "NULL::VARCHAR" if expr is None else expr

    def blank(expr: str) -> str:
        return f"(coalesce({expr}, '') = '')"

    def plain(expr: str, pattern: str) -> str:
        return f"regexp_full_match(coalesce({expr}, ''), {_re(pattern)})"

    parsed = period_sql("p")
    start, span = _starts_ends("kind", "y", "two", "digit")
    is_value = f"({plain('v', _NUMBER)} AND {plain('u', _UNIT)} AND {blank('n')} AND {blank('d')})"
    ratio_form = (
        f"({blank('v')} AND {plain('n', _NUMBER)} AND {plain('d', _NUMBER)} "
        f"AND ({blank('u')} OR u IN ('%', 'percent')))"
    )
    is_ratio = (
        f"(CASE WHEN {ratio_form} THEN TRY_CAST(n AS DOUBLE) <= TRY_CAST(d AS DOUBLE) "
        "AND TRY_CAST(d AS DOUBLE) > 0 ELSE false END)"
    )
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
    keyed = (
        f"SELECT o, m, v, u, n, d, kind, s, s + {span} AS e, "
        f"(s + {span}) * 16 + 15 - {span} AS key, "
        f"kind IS NOT NULL AND s >= {FIRST_MONTH} AND s + {span} <= {LAST_MONTH} "
        f"AND m IS NOT NULL AND o IS NOT NULL AND ({is_value} OR {is_ratio}) "
        f"AND {extra_blank} AS ok, {is_value} AS is_value "
        f"FROM (SELECT *, {start} AS s FROM (SELECT *, {parsed['kind']} AS kind, "
        f"{parsed['y']} AS y, {parsed['two']} AS two, {parsed['digit']} AS digit FROM "
        f"(SELECT {raw} FROM {source})))"
    )
    bit = f"((kind * 4096 + e) % {2 * _WORDS})"
    aggregates = [
        "count(*)",
        "count_if(NOT ok)",
        f"bit_count(bit_or(CASE WHEN ok AND {bit} < {_WORDS} "
        f"THEN 1::HUGEINT << ({bit})::HUGEINT ELSE 0::HUGEINT END))"
        f" + bit_count(bit_or(CASE WHEN ok AND {bit} >= {_WORDS} "
        f"THEN 1::HUGEINT << ({bit} - {_WORDS})::HUGEINT ELSE 0::HUGEINT END))",
        "min(u) FILTER (WHERE ok AND is_value)",
        "max(u) FILTER (WHERE ok AND is_value)",
        "max(TRY_CAST(v AS DOUBLE)) FILTER (WHERE ok AND is_value)",
    ]
    for last, first, until in spec.latest:
        bounds = [f"e <= {last}"]
        if first is not None:
            bounds.append(f"e >= {first}")
        if until is not None:
            bounds.append(f"s <= {until}")
        aggregates.append(f"max(key) FILTER (WHERE ok AND {' AND '.join(bounds)})")
    for key in spec.keys:
        for name in ("v", "n", "d"):
            aggregates.append(f"any_value({name}) FILTER (WHERE ok AND key = {key})")
    for first, last in spec.ranges:
        aggregates.append(
            f"list([key::VARCHAR, v, n, d]) FILTER (WHERE ok AND s >= {first} AND e <= {last})"
        )
    return f"SELECT o, m, {', '.join(aggregates)} FROM ({keyed}) GROUP BY o, m"


def read_groups(rows: Sequence[tuple[Any, ...]], spec: ScanSpec) -> list[Group]:
    """The query's result rows as groups."""
    groups = []
    n_latest, n_keys = len(spec.latest), len(spec.keys)
    for row in rows:
        at = 8
        latest = tuple(row[at : at + n_latest])
        at += n_latest
        figures: dict[int, tuple[str | None, str | None, str | None]] = {}
        for i, key in enumerate(spec.keys):
            v, n, d = row[at + 3 * i : at + 3 * i + 3]
            if v is not None or n is not None or d is not None:
                figures[key] = (v, n, d)
        at += 3 * n_keys
        ranges = tuple(
            tuple((int(k), v, n, d) for k, v, n, d in (found or ()))
            for found in row[at : at + len(spec.ranges)]
        )
        groups.append(
            Group(
                org=row[0],
                metric=row[1],
                rows=int(row[2]),
                bad=int(row[3]),
                periods=int(row[4] or 0),
                unit_low=row[5],
                unit_high=row[6],
                value_high=row[7],
                latest=latest,
                figures=figures,
                ranges=ranges,
            )
        )
    return groups


def plain_code(text: str | None) -> bool:
    """True for an organisation code in the plain form the pass vouches for."""
    return text is not None and _ORG_RE.fullmatch(text) is not None


def plain_metric(text: str | None) -> bool:
    """True for a metric id in the plain form the pass vouches for."""
    return text is not None and _METRIC_RE.fullmatch(text) is not None


_ORG_RE: Final = re.compile(_FULL.sub("", _ORG))
_METRIC_RE: Final = re.compile(_FULL.sub("", _METRIC))
