"""Private helpers for :mod:`nhsplan.engines.columnar`: the single pass, wired to its inputs.

A file (CSV or Parquet) or a DataFrame that DuckDB can read in place is judged by one query
(:mod:`._columnar_scan`) and many organisations at once (:mod:`._columnar_judge`); where the
input is not wholly in the plain form these return None and the caller takes the column pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from nhsplan.engines.columnar.column_pass import Settings
from nhsplan.engines.columnar.judge import Judge
from nhsplan.engines.columnar.scan import read_groups, scan_query, summarise
from nhsplan.engines.columnar.verdicts import Unsupported, Verdicts
from nhsplan.io.readers.observations import _header
from nhsplan.model import Observation

if TYPE_CHECKING:
    from nhsplan.engines.columnar import FrameResult

__all__ = ["read_csv", "single_pass_file", "single_pass_frame"]


def read_csv(con: Any, source: str, names: Sequence[str]) -> Any:  # noqa: ANN401 - DuckDB
    """*source* as a relation of text columns named *names*, as Python's csv module reads it."""
    return con.read_csv(
        source,
        header=True,
        all_varchar=True,
        sep=",",
        quotechar='"',
        escapechar='"',
        names=list(names),
        strict_mode=True,
    )


def single_pass_file(
    duckdb: Any,  # noqa: ANN401 - the module
    source: str,
    header: list[str] | None,
    settings: Settings,
) -> FrameResult | None:
    """The file read and judged in one query, or None where it is not wholly plain."""
    con = duckdb.connect()
    try:
        if header is None:
            relation = con.read_parquet(source)
            names = list(relation.columns)
        else:
            names = [f"c{i}" for i in range(len(header))]
            relation = read_csv(con, source, names)
        at = _header(header if header is not None else names, source)
        relation.create_view("nhsplan_input")
        types = dict(zip(relation.columns, relation.types, strict=True))
        return _single_pass(
            con, "nhsplan_input", names=names, types=types, at=at, settings=settings
        )
    except duckdb.Error:
        return None
    finally:
        con.close()


def single_pass_frame(native: object, at: dict[str, int], settings: Settings) -> FrameResult | None:
    """A pandas, polars or pyarrow frame judged in one DuckDB query, or None.

    None where DuckDB cannot read the frame (a DuckDB relation of another connection, a
    frame library DuckDB does not know, pyarrow missing for polars) or where it is not wholly
    in the plain form: the column pass reads it then.
    """
    try:
        import duckdb  # noqa: PLC0415 - optional, imported on use
    except ImportError:
        return None
    if isinstance(native, duckdb.DuckDBPyRelation):
        return None
    con = duckdb.connect()
    try:
        relation = con.from_arrow(native) if _is_arrow(native) else None
        if relation is None:
            con.register("nhsplan_frame", native)
            relation = con.table("nhsplan_frame")
        relation.create_view("nhsplan_input")
        columns = list(relation.columns)
        if len(columns) <= max(at.values()):
            return None
        types = dict(zip(columns, relation.types, strict=True))
        return _single_pass(
            con, "nhsplan_input", names=columns, types=types, at=at, settings=settings
        )
    except (duckdb.Error, TypeError, ValueError, ImportError):
        return None
    finally:
        con.close()


def _is_arrow(native: object) -> bool:
    return type(native).__module__.partition(".")[0] == "pyarrow"


def _single_pass(
    con: Any,  # noqa: ANN401 - a DuckDB connection
    view: str,
    *,
    names: Sequence[str],
    types: dict[str, Any],
    at: dict[str, int],
    settings: Settings,
) -> FrameResult | None:
    """Judge the view *view* in one query; None where it holds anything not plain."""

    def text(name: str) -> str:
        quoted = '"' + name.replace('"', '""') + '"'
        return quoted if str(types[name]) == "VARCHAR" else f"CAST({quoted} AS VARCHAR)"

    judge = Judge(settings.guidance, as_of=settings.as_of, org=settings.org)
    columns = {name: text(names[i]) for name, i in at.items()}
    extras = [text(names[i]) for i in range(len(names)) if i not in set(at.values())]
    rows = con.execute(scan_query(view, columns, extras, judge.spec)).fetchall()
    groups = read_groups(rows, judge.spec)
    try:
        verdicts, used = judge.judge(groups, check_metrics=settings.check_metrics)
    except Unsupported:
        return None
    total = sum(g.rows for g in groups)
    other = sum(g.rows for g in groups if settings.org is not None and g.org != settings.org)
    from nhsplan.engines.columnar import RowAccount  # noqa: PLC0415 - columnar imports this

    account = RowAccount(
        rows=total,
        blank=0,
        reported=0,
        other_org=other,
        left_out=0,
        judged=total - other,
        used=used,
    )
    from nhsplan.engines.columnar import FrameResult  # noqa: PLC0415 - columnar imports this

    return FrameResult(issues=(), account=account, method="single pass", verdicts=verdicts)


def judge_observations(
    observations: Sequence[Observation], settings: Settings
) -> tuple[Verdicts, tuple[str, ...]] | None:
    """The column pass's kept observations judged many organisations at once, or None.

    The observations are checked against their metrics as
    :func:`nhsplan.evaluate_guidance` checks them (one that cannot be right is left
    out, with the same warning, returned beside the verdicts), then summarised per
    organisation and metric as the single pass summarises rows. None where the judge cannot
    vouch for them: the caller evaluates them one by one.
    """
    judge = Judge(settings.guidance, as_of=settings.as_of, org=settings.org)
    groups, left_out = summarise(observations, settings.guidance, judge.spec)
    try:
        verdicts, _used = judge.judge(groups, check_metrics=False)
    except Unsupported:
        return None
    return verdicts, left_out
