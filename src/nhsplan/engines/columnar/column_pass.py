"""Private helpers for :mod:`nhsplan.engines.columnar`: the column expressions and the reduction.

One implementation, written with Narwhals, run by whichever engine holds the frame (pandas,
polars, DuckDB). Python sees only distinct values (periods, units, metrics), a few counts,
and the rows that are kept: those a target can look at, and those not in the plain form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

import attrs

from nhsplan.calendar import Period
from nhsplan.engines.columnar.rows import cell_text, read_row
from nhsplan.engines.columnar.rules import (
    Needs,
    period_key,
    period_keys,
    target_needs,
    value_bound,
)
from nhsplan.io.readers._metrics import unknown_metric_words
from nhsplan.io.readers._quality import DataQualityIssue
from nhsplan.model import ENGLAND, ENGLAND_ONS, Guidance, Observation
from nhsplan.model.formats import METRIC_ID, ORG_CODE, PERIOD_TEXT, PLAIN_NUMBER, TextFormat
from nhsplan.units import quantity

__all__ = ["Reduced", "reduce_frame"]

ROW: Final = "__row"
_UNIT: Final = TextFormat(
    "a unit in its plain spelling",
    r"[A-Za-z%£$](?:[A-Za-z0-9%£$/_. ()*^-]*[A-Za-z0-9%£$)])?",
    "'percent'",
)
"""A unit the column pass reads as it is (pint then checks it); others go to the reader."""
_FIGURES: Final = ("value", "unit", "numerator", "denominator")
_TEXT: Final = ("org", "metric", "period", *_FIGURES)


class DuplicateRows(Exception):  # noqa: N818 - a signal inside the engine, never raised out
    """Two valid rows give one organisation's metric for the same period.

    The row-by-row reader reports each repeat with both row numbers (and skips it under
    ``skip_invalid``); the engine hands such input to it rather than report them differently.
    """


@attrs.frozen(kw_only=True)
class Reduced:
    """What the column pass leaves for Python: the observations to judge and the bad rows."""

    observations: list[tuple[int, Observation]]
    """(row, observation) of every row kept, valid and of the organisation asked for."""
    issues: list[DataQualityIssue]
    """Row issues, in row order (not unknown metrics)."""
    unknown: list[tuple[int, Observation, str]]
    """Valid rows of metrics the guidance does not define (only when metrics are checked)."""
    rows: int
    blank: int
    other_org: int
    judged_unseen: int
    """Valid rows of the organisation asked for that the reduction left out."""
    others: list[Observation] = attrs.field(factory=list)
    """Valid rows of other organisations read one by one (checked for repeats, then dropped)."""


@attrs.frozen(kw_only=True)
class Settings:
    """What the reduction needs to know besides the frame."""

    guidance: Guidance
    as_of: date
    org: str | None
    check_metrics: bool
    spc: bool
    source: str
    skipped: str


def reduce_frame(
    nw: Any,  # noqa: ANN401 - the narwhals module
    data: Any,  # noqa: ANN401 - a narwhals DataFrame or LazyFrame with a row column
    names: Sequence[str],
    at: Mapping[str, int],
    settings: Settings,
    *,
    persist: Any,  # noqa: ANN401 - frame -> frame, materialising it once
) -> Reduced:
    """Validate *data* column-wise and keep only the rows Python must see."""
    col = _Columns(nw, names, at, data.collect_schema())
    slim = persist(data.select(*col.select(), nw.col(ROW)).with_columns(*col.flags()))
    known = {m.id: m for m in settings.guidance.metrics}

    distinct = _collect(
        slim.filter(nw.col("_shape")).select("metric", "unit", "period", "_is_value").unique()
    )
    texts = sorted({p for p in distinct["period"] if p is not None})
    keys = period_keys(texts)
    periods: dict[int, Period] = dict(keys.values())
    pairs = sorted(
        {
            (m, u)
            for m, u, v in zip(
                distinct["metric"], distinct["unit"], distinct["_is_value"], strict=True
            )
            if v
        }
    )
    bounds: dict[float, list[tuple[str, str]]] = {}
    for metric, unit in pairs:
        bound = value_bound(known.get(metric), unit)
        if bound is not None:
            bounds.setdefault(bound, []).append((metric, unit))

    key = (
        nw.col("period").replace_strict(
            [t for t in texts if t in keys],
            [keys[t][0] for t in texts if t in keys],
            default=-1,
            return_dtype=nw.Int64,
        )
        if keys
        else nw.lit(-1, dtype=nw.Int64)
    )
    value_ok = nw.lit(value=False)
    for bound, group in bounds.items():
        pair = nw.lit(value=False)
        for metric, unit in group:
            pair = pair | ((nw.col("metric") == metric) & (nw.col("unit") == unit))
        value_ok = value_ok | (pair & (nw.col("_v") <= bound))
    good = nw.col("_shape") & (nw.col("_key") >= 0) & (~nw.col("_is_value") | value_ok)
    if settings.check_metrics:
        good = good & nw.col("metric").is_in(sorted(known))
    mine = nw.lit(value=True) if settings.org is None else nw.col("org") == settings.org
    if settings.org == ENGLAND:  # England's ONS code names the same organisation
        mine = mine | (nw.col("org") == ENGLAND_ONS)

    needs = [
        n
        for n in (
            target_needs(t, periods, as_of=settings.as_of, spc=settings.spc)
            for t in settings.guidance.targets
        )
        if n is not None
    ]
    measured = sorted({n.metric for n in needs})
    # Materialised again: the expressions above are then computed once, not at every use.
    slim = persist(
        slim.with_columns(_key=key).with_columns(
            _good=good, _mine=mine, _relevant=good & mine & nw.col("metric").is_in(measured)
        )
    )
    duplicates = _collect(
        slim.filter(nw.col("_good"))
        .group_by("org", "metric", "_key")
        .agg(nw.len().alias("_n"))
        .filter(nw.col("_n") > 1)
        .select(nw.len().alias("n"))
    )
    if int(duplicates["n"][0]):
        raise DuplicateRows
    counts = _collect(
        slim.select(
            nw.len().alias("rows"),
            nw.col("_blank").cast(nw.Int64).sum().alias("blank"),
            (nw.col("_good") & ~nw.col("_mine")).cast(nw.Int64).sum().alias("other"),
            (nw.col("_good") & nw.col("_mine")).cast(nw.Int64).sum().alias("good"),
        )
    )
    rows, blank, other, good_mine = (
        int(counts[c][0] or 0) for c in ("rows", "blank", "other", "good")
    )

    kept = _collect(_kept(nw, slim, needs))
    reduced = _read_kept(kept, names, at, periods, settings)
    _check_repeats(nw, slim, kept, reduced)
    return attrs.evolve(
        reduced,
        rows=rows,
        blank=blank + reduced.blank,
        other_org=other + reduced.other_org,
        judged_unseen=good_mine - sum(1 for _ in _good_rows(kept)),
    )


def _check_repeats(
    nw: Any,  # noqa: ANN401 - the narwhals module
    slim: Any,  # noqa: ANN401 - the validated frame
    kept: Mapping[str, list[Any]],
    reduced: Reduced,
) -> None:
    """DuplicateRows where a row read in Python repeats another row's figure.

    Rows in the plain form were checked for repeats column-wise; a row written another way
    (`` 95`` with a unit) is read in Python, and may give the same organisation, metric and
    period as another row.
    """
    plain = {int(kept[ROW][i]) for i, good in enumerate(kept["_good"]) if good}
    parsed = [o for row, o in reduced.observations if row not in plain]
    parsed += [o for _row, o, _message in reduced.unknown]
    parsed += reduced.others
    if not parsed:
        return
    keys = [(o.org, o.metric, period_key(o.period)) for o in parsed]
    if len(set(keys)) < len(keys):
        raise DuplicateRows
    orgs, metrics = sorted({k[0] for k in keys}), sorted({k[1] for k in keys})
    found = _collect(
        slim.filter(nw.col("_good") & nw.col("org").is_in(orgs) & nw.col("metric").is_in(metrics))
        .select("org", "metric", "_key")
        .unique()
    )
    plain_keys = set(zip(found["org"], found["metric"], found["_key"], strict=True))
    if plain_keys.intersection(keys):
        raise DuplicateRows


def _good_rows(kept: Mapping[str, list[Any]]) -> list[int]:
    return [i for i, good in enumerate(kept["_good"]) if good and kept["_mine"][i]]


def _collect(frame: Any) -> dict[str, list[Any]]:  # noqa: ANN401 - a narwhals frame
    if hasattr(frame, "collect"):
        frame = frame.collect()
    out: dict[str, list[Any]] = frame.to_dict(as_series=False)
    return out


class _Columns:
    """The text of each observation column, and the plain-form flags computed from it."""

    def __init__(
        self,
        nw: Any,  # noqa: ANN401 - the narwhals module
        names: Sequence[str],
        at: Mapping[str, int],
        schema: Mapping[str, Any],
    ) -> None:
        self.nw = nw
        self.columns = [c for c in schema if c != ROW]
        self.at = at
        self.names = names
        self.schema = schema
        self.unnamed = [i for i in range(len(names)) if i not in set(at.values())]

    def _text(self, i: int) -> Any:  # noqa: ANN401 - a narwhals expression
        nw = self.nw
        column = nw.col(self.columns[i])
        if self.schema[self.columns[i]] == nw.String:
            return column
        return (
            nw.when(column.is_null())
            .then(nw.lit(None, dtype=nw.String))
            .otherwise(column.cast(nw.String))
        )

    def select(self) -> list[Any]:
        """The observation columns by their names, and the unnamed ones, as text."""
        nw = self.nw
        out = [self._text(i).alias(name) for name, i in self.at.items()]
        out += [nw.lit(None, dtype=nw.String).alias(n) for n in _TEXT if n not in self.at]
        out += [self._text(i).alias(f"_x{i}") for i in self.unnamed]
        return out

    def flags(self) -> list[Any]:
        """``_shape`` (the plain form), ``_blank``, ``_is_value`` and the numbers."""
        nw = self.nw

        def text(name: str) -> Any:  # noqa: ANN401
            return nw.col(name).fill_null("")

        def empty(name: str) -> Any:  # noqa: ANN401
            return text(name) == ""

        def plain(name: str, form: TextFormat) -> Any:  # noqa: ANN401
            return form.narwhals(text(name))

        extras = [f"_x{i}" for i in self.unnamed]
        is_value = plain("value", PLAIN_NUMBER) & plain("unit", _UNIT)
        is_value = is_value & empty("numerator") & empty("denominator")
        is_ratio = (
            empty("value") & plain("numerator", PLAIN_NUMBER) & plain("denominator", PLAIN_NUMBER)
        )
        is_ratio = is_ratio & (empty("unit") | text("unit").is_in(["%", "percent"]))
        shape = plain("org", ORG_CODE) & plain("metric", METRIC_ID) & plain("period", PERIOD_TEXT)
        for extra in extras:
            shape = shape & empty(extra)

        def number(name: str, ok: Any) -> Any:  # noqa: ANN401
            return nw.when(ok).then(text(name)).otherwise(nw.lit("0")).cast(nw.Float64)

        blank = nw.lit(value=True)
        for name in (*_TEXT, *extras):
            blank = blank & empty(name)
        n, d = number("numerator", is_ratio), number("denominator", is_ratio)
        return [
            (shape & (is_value | (is_ratio & (n <= d) & (d > 0)))).alias("_shape"),
            blank.alias("_blank"),
            is_value.alias("_is_value"),
            number("value", is_value).alias("_v"),
            n.alias("_n"),
            d.alias("_d"),
        ]


def _kept(nw: Any, slim: Any, needs: list[Needs]) -> Any:  # noqa: ANN401
    """The rows Python must see: those a target can look at, and the rows not plainly good."""
    key, metric = nw.col("_key"), nw.col("metric")
    positive = (nw.col("_is_value") & (nw.col("_v") > 0)) | (
        ~nw.col("_is_value") & (nw.col("_n") > 0)
    )
    columns: list[Any] = []
    aggregates: list[Any] = [nw.col(ROW).min().alias("_first")]
    wanted = nw.lit(value=False)
    everything = sorted({n.metric for n in needs if n.everything})
    if everything:
        wanted = wanted | metric.is_in(everything)
    fixed: dict[str, set[int]] = {}
    seen: dict[tuple[str, str, frozenset[int]], str] = {}
    for need in needs:
        fixed.setdefault(need.metric, set()).update(need.fixed)
        for kind, keys in (
            ("max", need.latest),
            ("max", need.latest_any),
            ("min", need.first_positive),
        ):
            if not keys or (need.metric, kind, keys) in seen:
                continue
            name = f"_t{len(seen)}"
            seen[need.metric, kind, keys] = name
            condition = (metric == need.metric) & key.is_in(sorted(keys))
            if kind == "min":
                condition = condition & positive
            columns.append(nw.when(condition).then(key).alias(name))
            aggregates.append(getattr(nw.col(name), kind)())
            wanted = wanted | (key == nw.col(f"{name}_agg")).fill_null(value=False)
    for name, periods in fixed.items():
        if periods:
            wanted = wanted | ((metric == name) & key.is_in(sorted(periods)))
    relevant = slim.filter(nw.col("_relevant"))
    if columns:
        relevant = relevant.with_columns(*columns)
    renamed = [a.name.suffix("_agg") if i else a for i, a in enumerate(aggregates)]
    groups = relevant.group_by("org", "metric").agg(*renamed)
    joined = slim.join(groups, on=["org", "metric"], how="left")
    wanted = wanted | (nw.col(ROW) == nw.col("_first")).fill_null(value=False)
    keep = (nw.col("_relevant") & wanted) | (~nw.col("_good") & ~nw.col("_blank"))
    return joined.filter(keep)


def _read_kept(
    kept: Mapping[str, list[Any]],
    names: Sequence[str],
    at: Mapping[str, int],
    periods: Mapping[int, Period],
    settings: Settings,
) -> Reduced:
    """Observations from the kept rows; the rows not plainly good read by the reader's logic."""
    known = frozenset(m.id for m in settings.guidance.metrics)
    order = sorted(range(len(kept[ROW])), key=lambda i: kept[ROW][i])
    observations: list[tuple[int, Observation]] = []
    issues: list[DataQualityIssue] = []
    unknown: list[tuple[int, Observation, str]] = []
    blank = other = 0
    others: list[Observation] = []
    for i in order:
        row = int(kept[ROW][i])
        if kept["_good"][i]:
            if kept["_mine"][i]:
                observations.append((row, _plain(kept, i, periods)))
            continue
        cells = [""] * len(names)
        for name, position in at.items():
            cells[position] = cell_text(kept[name][i])
        for position in range(len(names)):
            if position not in at.values():
                cells[position] = cell_text(kept[f"_x{position}"][i])
        observation, found, is_blank = read_row(
            cells, at, source=settings.source, row=row, skipped=settings.skipped
        )
        blank += is_blank
        issues += found
        if observation is None:
            continue
        if settings.check_metrics and observation.metric not in known:
            message = unknown_metric_words(observation.metric, [settings.guidance.id], known)
            unknown.append((row, observation, message))
        elif settings.org is not None and observation.org != settings.org:
            other += 1
            others.append(observation)
        else:
            observations.append((row, observation))
    return Reduced(
        observations=observations,
        issues=issues,
        unknown=unknown,
        rows=0,
        blank=blank,
        other_org=other,
        judged_unseen=0,
        others=others,
    )


def _plain(kept: Mapping[str, list[Any]], i: int, periods: Mapping[int, Period]) -> Observation:
    """The observation of a row the column pass vouched for."""
    period = periods[int(kept["_key"][i])]
    if kept["_is_value"][i]:
        return Observation(
            org=kept["org"][i],
            metric=kept["metric"][i],
            period=period,
            value=quantity(float(kept["_v"][i]), kept["unit"][i]),
        )
    return Observation(
        org=kept["org"][i],
        metric=kept["metric"][i],
        period=period,
        numerator=float(kept["_n"][i]),
        denominator=float(kept["_d"][i]),
    )
