"""Private helpers for :mod:`nhsplan.engines.columnar`: the single pass, wired to its inputs.

A file (CSV or Parquet) or a DataFrame that DuckDB can read in place is judged by one query
(:mod:`._columnar_scan`) and many organisations at once (:mod:`._columnar_judge`); where the
input is not wholly in the plain form these return None and the caller takes the column pass.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final

from nhsplan.engines._gc import no_cycle_collection
from nhsplan.engines.columnar.column_pass import Settings
from nhsplan.engines.columnar.files import csv_relation, duckdb_path
from nhsplan.engines.columnar.judge import Judge
from nhsplan.engines.columnar.scan import (
    FIGURES,
    Group,
    Listed,
    read_groups,
    scan_query,
    summarise,
)
from nhsplan.engines.columnar.verdicts import Unsupported, Verdicts
from nhsplan.io.readers._cells import _header
from nhsplan.model import Observation
from nhsplan.model._inputs import org_code

if TYPE_CHECKING:
    from nhsplan.engines.columnar import FrameResult

__all__ = ["Miscounted", "single_pass_file", "single_pass_frame"]

_FIGURES: Final = ("value", "numerator", "denominator")
_INTEGER_TYPES: Final = frozenset(
    {
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
        "UHUGEINT",
    }
)
"""DuckDB's integer types: a value's text is digits, with a minus sign if it is negative."""


class Miscounted(Exception):  # noqa: N818 - a signal inside the engine, never raised out
    """A fast path read a different number of rows from the input than it holds.

    The caller reads the input the thorough way instead (row by row), or, where there is no
    such way, raises :class:`~nhsplan.engines.columnar.files.RowsNotAccountedError`.
    """

    def __init__(self, *, rows_in: int | None, read: int) -> None:
        """*rows_in* None: the input's own count cannot vouch for any (see ``single_pass_file``)."""
        super().__init__(f"{read} rows read of {rows_in if rows_in is not None else 'unknown'}")
        self.rows_in = rows_in
        self.read = read


def single_pass_file(
    duckdb: Any,  # noqa: ANN401 - the module
    source: str,
    header: list[str] | None,
    settings: Settings,
    *,
    rows_in: Callable[[], int | None],
) -> FrameResult | None:
    """The file read and judged in one query, or None where it is not wholly plain.

    *rows_in* gives the rows counted from the file itself, asked once the query is done (a
    CSV file's lines are checked and counted beside the query:
    :class:`~nhsplan.engines.columnar.files.CsvCount`); None where DuckDB would number the
    file's rows otherwise than Python's csv module, so no count of the query's is believed.

    Raises:
        Miscounted: the query saw other than *rows_in* rows, or *rows_in* is None.
    """
    con = duckdb.connect()
    try:
        if header is None:
            relation = con.read_parquet(duckdb_path(source))
            names = list(relation.columns)
        else:
            names = [f"c{i}" for i in range(len(header))]
            relation = csv_relation(con, source, names)
        at = _header(header if header is not None else names, source)
        relation.create_view("nhsplan_input")
        types = dict(zip(relation.columns, relation.types, strict=True))
        result = _single_pass(
            con, "nhsplan_input", names=names, types=types, at=at, settings=settings
        )
    except duckdb.Error:
        return None
    finally:
        con.close()
    if result is not None and result.account.rows != (counted := rows_in()):
        raise Miscounted(rows_in=counted, read=result.account.rows)
    return result


def single_pass_frame(
    native: object, at: dict[str, int], settings: Settings, *, rows_in: int
) -> FrameResult | None:
    """A pandas, polars or pyarrow frame judged in one DuckDB query, or None.

    None where DuckDB cannot read the frame (a DuckDB relation of another connection, a
    frame library DuckDB does not know, pyarrow missing for polars), where it is not wholly
    in the plain form, or where the query saw other than the frame's *rows_in* rows: the
    column pass reads it then.
    """
    try:
        import duckdb  # noqa: PLC0415 - optional, imported on use
    except ImportError:
        return None
    if isinstance(native, duckdb.DuckDBPyRelation):
        return None
    # a database of its own, closed before returning: a process that forks afterwards must
    # hold no open DuckDB database (a forked child that drops or uses one crashes)
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
        result = _single_pass(
            con, "nhsplan_input", names=columns, types=types, at=at, settings=settings
        )
    except (duckdb.Error, TypeError, ValueError, ImportError):
        return None
    finally:
        con.close()
    return result if result is None or result.account.rows == rows_in else None


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

    def quoted(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def text(name: str) -> str:
        return quoted(name) if str(types[name]) == "VARCHAR" else f"CAST({quoted(name)} AS VARCHAR)"

    judge = Judge(settings.guidance, as_of=settings.as_of, org=settings.org)
    # figures held as integers are read as their text would be, without writing it out
    integers = {
        name for name in _FIGURES if name in at and str(types[names[at[name]]]) in _INTEGER_TYPES
    }
    columns = {
        name: quoted(names[i]) if name in integers else text(names[i]) for name, i in at.items()
    }
    extras = [text(names[i]) for i in range(len(names)) if i not in set(at.values())]
    with contextlib.suppress(Exception):  # a DuckDB without this optimizer: nothing to stop
        # The query joins every row to the small table of period texts. DuckDB guesses a
        # CSV file's rows far too low (about a thousand) and would build the join's hash
        # table on the file, holding every row in memory: keep the file the probe side.
        con.execute("SET disabled_optimizers = 'build_side_probe_side'")
    query = scan_query(view, columns, extras, judge.spec, integers=integers)
    with no_cycle_collection():
        fetched = _fetch(con, query, listed=bool(judge.spec.keys or judge.spec.ranges))
        if fetched is None:
            return None
        groups = _read_as_codes(read_groups(fetched[0], judge.spec, columns=fetched[1]))
        if groups is None:
            return None
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


def _fetch(
    con: Any,  # noqa: ANN401 - a DuckDB connection
    query: str,
    *,
    listed: bool,
) -> tuple[list[tuple[Any, ...]], Listed | None] | None:
    """The rows of *query* (:func:`scan_query`), and the figures they list, as columns.

    Where the query lists figures (*listed*), DuckDB turns each listed figure into a Python
    list slowly (about 1 s for the 583,310 figures of 10 M rows): the result is kept in a
    table, each row fetched with the count of its figures in place of their list, and the
    figures fetched as columns of numbers (``fetchnumpy``), every row's in turn, in the
    order listed (:func:`read_groups` takes both). None where the counts do not add up to
    the figures (never: each figure is one row's).
    """
    if not listed:
        return list(con.execute(query).fetchall()), None
    con.execute(f"CREATE TEMP TABLE nhsplan_groups AS {query}")
    rows = con.execute(
        f"SELECT * EXCLUDE ({FIGURES}), len({FIGURES}) FROM nhsplan_groups ORDER BY rowid"
    ).fetchall()
    figures = con.execute(
        "SELECT CAST(f[1] AS BIGINT) AS k, f[2] AS v, f[3] AS n, f[4] AS d FROM ("
        f"SELECT rowid AS r, generate_subscripts({FIGURES}, 1) AS i, unnest({FIGURES}) AS f "
        "FROM nhsplan_groups) ORDER BY r, i"
    ).fetchnumpy()
    # a masked array's tolist gives None where the figure is NULL (a key never is)
    keys, values, numerators, denominators = (figures[c].tolist() for c in "kvnd")
    if sum(row[-1] or 0 for row in rows) != len(keys):
        return None
    return rows, (keys, values, numerators, denominators)


def _read_as_codes(groups: list[Group]) -> list[Group] | None:
    """The groups keyed by each code as the readers read it (:func:`org_code`), or None.

    The query groups rows by the code as written; ``rbd`` is ``RBD`` and ``E92000001`` is
    ``ENGLAND`` to the readers. None where two spellings of one code measure the same
    metric: their rows may repeat a period, which the query could not see (the column
    pass reads such a file).
    """
    seen: set[tuple[str | None, str | None]] = set()
    read = []
    codes: dict[str, str] = {}  # each code read once, not once per metric
    for group in groups:
        org = group.org
        if org is not None:
            code = codes.get(org)
            org = codes[org] = org_code(org) if code is None else code
        if (org, group.metric) in seen:
            return None
        seen.add((org, group.metric))
        read.append(group if org == group.org else group._replace(org=org))
    return read


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
