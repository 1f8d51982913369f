r"""Plan files: an organisation's planned figures, one per row, as CSV, Parquet or a DataFrame.

The columns are those of an observation file (``org, metric, period, value, unit, numerator,
denominator``), read by the same reader with the same strictness and row accounting: every
row is a plan line or a reported issue, never dropped silently. The ``metric`` column holds
nhsplan's metric ids, or NHS England's planning references (``E.M.13``): the catalog maps
the references it can cite (:func:`nhsplan.catalog.planning_references`), and *references*
adds to that map or overrides it::

    org,metric,period,value,unit,numerator,denominator
    RBD,ae_4_hour,2018-04,,,8900,10000
    RBD,ae_4_hour,2018-05,90.5,%,,

A file may hold several organisations' plans (an ICB's and its providers'): one
:class:`~nhsplan.model.Plan` per organisation, in order of first appearance.

>>> import io
>>> text = "org,metric,period,value,unit,numerator,denominator\n"
>>> text += "RBD,E.M.13,2018-04,,,8900,10000\nRBD,E.M.13,2018-05,90.5,%,,\n"
>>> result = read_plan_csv(io.StringIO(text), edition="2017-19")
>>> plan = result.plans[0]
>>> plan.org, [str(line.observation(plan.org).amount) for line in plan.lines]
('RBD', ['89 %', '90.5 %'])
>>> plan.lines[0].ref, result.rows
('E.M.13', 2)
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Mapping
from os import PathLike
from typing import Any, TypedDict, Unpack

import attrs

from nhsplan.errors import MissingDependencyError
from nhsplan.io.readers._cells import OBSERVATION_COLUMNS, _header
from nhsplan.io.readers._quality import CsvSource, DataQualityIssue, open_csv, source_name
from nhsplan.io.readers.observations import _guidances, _Read
from nhsplan.model import Guidance, Observation, OrgType, Plan, PlanLine
from nhsplan.model.formats import PLANNING_REF

__all__ = [
    "PlanFile",
    "PlanOptions",
    "read_plan_csv",
    "read_plan_frame",
    "read_plan_parquet",
]


class PlanOptions(TypedDict, total=False):
    """The keyword arguments of :func:`read_plan_csv`, for the frame and Parquet readers."""

    edition: str
    version: str
    org_type: OrgType | str | None
    org_types: Mapping[str, OrgType | str] | None
    references: Mapping[str, str] | None
    skip_invalid: bool
    guidance: Guidance | Iterable[Guidance] | None


@attrs.frozen(kw_only=True)
class PlanFile:
    """What a plan reader read: the plans, every issue, and how many rows there were."""

    plans: tuple[Plan, ...]
    issues: tuple[DataQualityIssue, ...] = ()
    rows: int = 0
    """Data rows read (blank rows aside): each is a plan line or a reported issue."""

    def plan(self, org: str) -> Plan:
        """The plan of *org* (any case).

        Raises:
            KeyError: no plan of *org* in the file.
        """
        code = org.strip().upper()
        for p in self.plans:
            if p.org == code:
                return p
        raise KeyError(f"no plan of {code!r}; plans of: {', '.join(p.org for p in self.plans)}")


def read_plan_csv(
    file: CsvSource,
    *,
    edition: str,
    version: str = "",
    org_type: OrgType | str | None = None,
    org_types: Mapping[str, OrgType | str] | None = None,
    references: Mapping[str, str] | None = None,
    skip_invalid: bool = False,
    guidance: Guidance | Iterable[Guidance] | None = None,
) -> PlanFile:
    """Read a plan file (CSV).

    Args:
        file: a path or an open text file.
        edition: the edition the plans answer (``"2025/26"``).
        version: the submission's version, for every plan in the file.
        org_type: every organisation's type (targets that ask nothing of it are left out).
        org_types: types by organisation code, where they differ (an ICB and its providers);
            they win over *org_type*.
        references: planning reference -> metric id (``{"E.M.13": "ae_4_hour"}``), added to
            the catalog's map (:func:`nhsplan.catalog.reference_map`) and winning over it: a
            row keyed by a mapped reference reads as that metric; a row keyed by a reference
            in neither is a bad row.
        skip_invalid: report bad rows as issues and read the others, instead of raising.
        guidance: check every metric against this guidance, as
            :func:`~nhsplan.io.readers.read_observations_csv` does.

    Raises:
        ObservationFileError: a bad header (always), or bad rows (unless ``skip_invalid``):
            every problem is listed with its row and column.
        UnknownMetricError: a metric the guidance does not define (unless ``skip_invalid``).
    """
    from nhsplan.catalog.references import reference_map  # noqa: PLC0415 - only when a plan is read

    source = source_name(file)
    refs = {**reference_map(), **(references or {})}
    read = _Read(source, skip_invalid=skip_invalid, guidances=_guidances(guidance))
    keyed: dict[int, str] = {}
    counted = [0]
    with open_csv(file) as stream:
        reader = read.reader(stream)
        at = _header(next(reader, None), source)
        read.records(
            _mapped(
                reader, column=at["metric"], refs=refs, read=read, keyed=keyed, counted=counted
            ),
            at,
        )
    issues = read.outcome(read.issues, read.unknown, skip_invalid=skip_invalid)
    by_ref = {metric: ref for ref, metric in refs.items()}
    used = set(keyed.values())
    plans = _plans(
        read.observations,
        edition=edition,
        version=version,
        org_type=org_type,
        org_types=org_types or {},
        refs={m: r for m, r in by_ref.items() if r in used},
    )
    return PlanFile(plans=plans, issues=tuple(issues), rows=counted[0])


def _mapped(
    reader: Iterator[list[str]],
    *,
    column: int,
    refs: Mapping[str, str],
    read: _Read,
    keyed: dict[int, str],
    counted: list[int],
) -> Iterator[tuple[int, list[str]]]:
    """The rows, a planning reference in the metric column replaced by its metric id."""
    for row, record in enumerate(reader, start=2):
        if any(cell.strip() for cell in record):
            counted[0] += 1
        cell = record[column].strip() if column < len(record) else ""
        if PLANNING_REF.matches(cell):
            metric = refs.get(cell)
            if metric is None:
                known = ", ".join(sorted(refs)) or "none given"
                read.issues.append(
                    DataQualityIssue(
                        source=read.source,
                        row=row,
                        column="metric",
                        value=cell,
                        message=(
                            f"planning reference {cell!r} is not one nhsplan maps, nor in "
                            f"the references given ({known}); give its metric id, or map it "
                            f"(references={{{cell!r}: 'ae_4_hour'}}){read.skipped}"
                        ),
                    )
                )
                continue
            keyed[row] = cell
            record = [*record[:column], metric, *record[column + 1 :]]  # noqa: PLW2901
        yield row, record


def _plans(
    observations: Iterable[Observation],
    *,
    edition: str,
    version: str,
    org_type: OrgType | str | None,
    org_types: Mapping[str, OrgType | str],
    refs: Mapping[str, str],
) -> tuple[Plan, ...]:
    lines: dict[str, list[PlanLine]] = {}
    for o in observations:
        lines.setdefault(o.org, []).append(
            PlanLine(
                metric=o.metric,
                period=o.period,
                value=o.value,
                numerator=o.numerator,
                denominator=o.denominator,
                ref=refs.get(o.metric, ""),
            )
        )
    types = {k.strip().upper(): v for k, v in org_types.items()}
    return tuple(
        Plan(org=org, edition=edition, version=version, org_type=types.get(org, org_type), lines=ls)
        for org, ls in lines.items()
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    return str(value)


def _rows_text(rows: Iterable[Mapping[str, Any]]) -> io.StringIO:
    """Records as the CSV text of a plan file, to be read by :func:`read_plan_csv`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names: list[str] | None = None
    for record in rows:
        if names is None:
            names = list(record)
            writer.writerow(names)
        writer.writerow([_cell(record.get(n)) for n in names])
    if names is None:
        out.write(",".join(OBSERVATION_COLUMNS) + "\n")
    out.seek(0)
    return out


def read_plan_frame(frame: object, **options: Unpack[PlanOptions]) -> PlanFile:
    """Read a plan from a pandas or polars DataFrame with a plan file's columns.

    The frame's rows are read exactly as a CSV file's (row 2 is the frame's first row);
    *options* are those of :func:`read_plan_csv`.

    Raises:
        TypeError: *frame* is not a pandas or polars DataFrame.
    """
    to_dicts = getattr(frame, "to_dicts", None)
    to_dict = getattr(frame, "to_dict", None)
    if to_dicts is not None:
        records: list[dict[str, Any]] = to_dicts()
    elif to_dict is not None:
        records = to_dict("records")
    else:
        raise TypeError(f"{type(frame).__name__} is not a pandas or polars DataFrame")
    columns = [str(c) for c in getattr(frame, "columns", OBSERVATION_COLUMNS)]
    text = _rows_text(records) if records else io.StringIO(",".join(columns) + "\n")
    return read_plan_csv(text, **options)


def read_plan_parquet(path: str | PathLike[str], **options: Unpack[PlanOptions]) -> PlanFile:
    """Read a plan from a Parquet file with a plan file's columns (needs pyarrow).

    *options* are those of :func:`read_plan_csv`.

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - an optional extra, imported on use
    except ImportError as exc:
        raise MissingDependencyError(
            "read_plan_parquet", package="pyarrow", extra="duckdb"
        ) from exc
    table = pq.read_table(path)
    records = table.to_pylist()
    text = _rows_text(records) if records else io.StringIO(",".join(table.column_names) + "\n")
    return read_plan_csv(text, **options)
