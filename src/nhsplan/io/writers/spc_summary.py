"""The SPC summary of a report as data: one row per verdict and its chart, as CSV, JSON, Parquet.

What Making Data Count tools are most asked for (PowerBI-SPC's issues 302, 450 and 539): the
icons and the summary table as data another tool reads, not only as pictures.
:func:`spc_summary` reads each MET or NOT_MET assessment's monthly series as an XmR chart, to
the end of the period it judges (:func:`nhsplan.evaluate.guidance.spc_through`), and gives
one row of :data:`SPC_SUMMARY_COLUMNS`:

the organisation, target and metric; the verdict (``status``) and the ``period`` judged;
``through``, the last month the chart read; ``points``; ``latest_value`` and ``unit``;
``target_value``; the latest segment's ``mean``, ``lower_limit`` and ``upper_limit`` (null
where there are no limits); the ``variation`` and ``assurance`` icons (assurance null without a
target or limits); ``special_cause``, the rule that made the latest point special cause
(``outside_limits``, ``trend``, ``two_in_three``, ``run``; null for common cause); ``caveats``,
the chart's warning codes, ``;``-separated (``no_limits``, ``short_segment``); and the
``citation``. The reports guide (``docs/guide/reports.md``) has each column's type.

Numbers are rounded to 10 decimal places as report rows are (no float noise). The columns and
their order are stable: a new column is added at the end, and none is renamed or removed
without a major version.

>>> from nhsplan import Month, Observation, evaluate_guidance, load_guidance
>>> g = load_guidance("standards")
>>> figures = [Observation(org="RXX", metric="ae_4_hour", period=Month(2018, m),
...                        numerator=900 + m, denominator=1000) for m in range(1, 13)]
>>> report = evaluate_guidance(g, figures, as_of="2018-12-31")
>>> row = spc_summary(report, figures, g)[0]
>>> row["target"], row["through"], row["latest_value"], row["variation"], row["assurance"]
('ae_4_hour', '2018-12', 91.2, 'improvement_high', 'consistent_fail')
>>> row["special_cause"]
'outside_limits'
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO, Final, TextIO

from nhsplan import _csv
from nhsplan._figures import data_figure
from nhsplan.evaluate.report import Report
from nhsplan.model import CaseRecord, Guidance, Observation
from nhsplan.model.enums import Status

__all__ = [
    "SPC_SUMMARY_COLUMNS",
    "Row",
    "spc_summary",
    "spc_summary_csv",
    "spc_summary_json",
    "write_spc_summary_parquet",
]

SPC_SUMMARY_COLUMNS: Final = (
    "org",
    "target",
    "metric",
    "status",
    "period",
    "through",
    "points",
    "latest_value",
    "unit",
    "target_value",
    "mean",
    "lower_limit",
    "upper_limit",
    "variation",
    "assurance",
    "special_cause",
    "caveats",
    "citation",
)
"""The columns of :func:`spc_summary`, in order (a stable schema; see the module's table)."""

_NUMBERS: Final = ("latest_value", "target_value", "mean", "lower_limit", "upper_limit")

Row = dict[str, str | float | int | None]
"""One row of the summary: text, numbers and None (null), keyed by the columns."""


def spc_summary(
    report: Report,
    observations: Iterable[Observation | CaseRecord],
    guidance: Guidance | Sequence[Guidance],
) -> list[Row]:
    """One row per MET or NOT_MET assessment whose series can be charted (2 months or more).

    Args:
        report: from :func:`nhsplan.evaluate_guidance` on *observations*.
        observations: the figures the report was evaluated from.
        guidance: the edition, or editions, the report was evaluated against.

    Returns:
        Rows keyed by :data:`SPC_SUMMARY_COLUMNS`, in the report's order.
    """
    import math  # noqa: PLC0415

    from nhsplan.io.writers.performance_report import series_for  # noqa: PLC0415

    editions = (guidance,) if isinstance(guidance, Guidance) else tuple(guidance)
    metrics = {m.id: m for g in editions for m in g.metrics}
    targets = {t.id: t for g in editions for t in g.targets}
    by_org: dict[str, list[Observation | CaseRecord]] = {}
    for obs in observations:
        by_org.setdefault(obs.org, []).append(obs)
    rows: list[Row] = []
    for a in report.assessments:
        target = targets.get(a.target)
        metric = metrics.get(target.metric) if target is not None and target.metric else None
        if metric is None or a.status not in (Status.MET, Status.NOT_MET):
            continue
        chart = series_for(a, metric, by_org.get(a.org or "", []))
        if chart is None:
            continue
        segment = chart.segments[-1]
        latest = len(chart.segments) - 1
        no_limits = math.isnan(segment.lpl)
        codes = dict.fromkeys(
            w.code for w in chart.warnings if w.segment is None or w.segment == latest
        )
        cause = chart.causes[-1]
        unit = a.required.unit if a.required is not None else metric.unit
        rows.append(
            {
                "org": a.org,
                "target": a.target,
                "metric": metric.id,
                "status": a.status.value,
                "period": None if a.period is None else str(a.period),
                "through": str(chart.labels[-1]),
                "points": sum(not math.isnan(v) for v in chart.values),
                "latest_value": _number(chart.values[-1]),
                "unit": unit,
                "target_value": _number(chart.target),
                "mean": _number(segment.mean),
                "lower_limit": None if no_limits else _number(segment.lpl),
                "upper_limit": None if no_limits else _number(segment.upl),
                "variation": chart.variation_icon.value,
                "assurance": (
                    None if chart.assurance is None or no_limits else chart.assurance.value
                ),
                "special_cause": None if cause is None else cause.value,
                "caveats": ";".join(codes),
                "citation": str(a.citation),
            }
        )
    return rows


def _number(value: float | None) -> float | None:
    import math  # noqa: PLC0415

    if value is None or math.isnan(value):
        return None
    return data_figure(float(value))


def spc_summary_csv(rows: Iterable[Row], file: TextIO | None = None) -> str:
    """The rows as CSV (text cells a spreadsheet would run as formulas neutralised).

    Written to *file* (opened with ``newline=""``) when given; the text is returned too.
    """
    out = io.StringIO()
    _csv.write_rows(out, SPC_SUMMARY_COLUMNS, list(rows))
    text = out.getvalue()
    if file is not None:
        file.write(text)
    return text


def spc_summary_json(rows: Iterable[Row], *, report: Report, indent: int | None = 2) -> str:
    """The rows as JSON: ``{"edition", "as_of", "columns", "rows"}``, figures as numbers."""
    return json.dumps(
        {
            "edition": report.edition,
            "as_of": report.as_of.isoformat(),
            "columns": list(SPC_SUMMARY_COLUMNS),
            "rows": list(rows),
        },
        indent=indent,
        ensure_ascii=False,
        allow_nan=False,
    )


def write_spc_summary_parquet(rows: Iterable[Row], file: str | os.PathLike[str] | BinaryIO) -> None:
    """Write the rows as Parquet: text as strings, ``points`` int64, the figures float64.

    Raises:
        MissingDependencyError: pyarrow is not installed (``pip install 'nhsplan[duckdb]'``).
    """
    from nhsplan.evaluate.report import _require  # noqa: PLC0415

    pa = _require("pyarrow", feature="Parquet output", extra="duckdb")
    parquet = _require("pyarrow.parquet", feature="Parquet output", extra="duckdb")
    listed = list(rows)

    def arrow_type(name: str) -> Any:  # noqa: ANN401 - a pyarrow type
        if name in _NUMBERS:
            return pa.float64()
        if name == "points":
            return pa.int64()
        return pa.string()

    schema = pa.schema([(name, arrow_type(name)) for name in SPC_SUMMARY_COLUMNS])
    table = pa.table(
        {
            name: pa.array([r.get(name) for r in listed], type=arrow_type(name))
            for name in SPC_SUMMARY_COLUMNS
        },
        schema=schema,
    )
    parquet.write_table(table, file)
