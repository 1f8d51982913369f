"""Readings of charts: :func:`summarise` for an assessment, and a table across many charts.

:func:`summary_table` gives one row per chart (per organisation and metric): the variation and
assurance icons as data columns, the latest value, the target, the latest segment's limits and
a verdict; :func:`summary_frame` gives it as a pandas DataFrame and :func:`summary_html` as an
HTML table with the icons drawn inline.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from nhsplan.model import SpcSummary
from nhsplan.spc.result import SpcResult

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SUMMARY_COLUMNS", "summarise", "summary_frame", "summary_html", "summary_table"]

SUMMARY_COLUMNS = (
    "org",
    "metric",
    "points",
    "latest_period",
    "latest_value",
    "target",
    "mean",
    "lower_limit",
    "upper_limit",
    "variation",
    "assurance",
    "verdict",
)
"""The columns of :func:`summary_table`, in order."""

SummaryRow = dict[str, str | float | int | None]


def summarise(result: SpcResult[Any]) -> SpcSummary | None:
    """The reading an :class:`~nhsplan.model.Assessment` carries, or None for a short series.

    None when the latest segment is too short to trust its limits (the chart's own
    ``short_segment`` warning): a reading from trial limits would mislead a board.

    >>> from nhsplan.spc import xmr
    >>> s = summarise(xmr([90.0, 91.0] * 10, target=95.0))
    >>> s.variation.value, s.assurance.value, s.points
    ('common_cause', 'consistent_fail', 20)
    >>> summarise(xmr([90.0, 91.0, 92.0])) is None
    True
    """
    latest = len(result.segments) - 1
    if any(w.code == "short_segment" and w.segment == latest for w in result.warnings):
        return None
    segment = result.segments[-1]
    return SpcSummary(
        variation=result.variation_icon,
        assurance=result.assurance,
        points=len(result.values),
        mean=segment.mean,
        lower_limit=segment.lpl,
        upper_limit=segment.upl,
    )


def summary_table(
    charts: Mapping[tuple[str, str] | str, SpcResult[Any]],
    *,
    verdicts: Mapping[tuple[str, str] | str, str] | None = None,
) -> list[SummaryRow]:
    """One row per chart: icons as data columns, the latest value, target, limits, verdict.

    Args:
        charts: the charts, keyed by ``(org, metric)`` or by a name (then ``org`` is None).
        verdicts: an optional verdict per key (``"met"``, ``"not met"``) from an assessment.

    Returns:
        Rows with the keys of :data:`SUMMARY_COLUMNS`; ``variation`` and ``assurance`` hold the
        icons' names (``improvement_high``, ``consistent_fail``), ``assurance`` None without a
        target; limits are None when the latest segment has none.

    >>> from nhsplan.spc import xmr
    >>> rows = summary_table({("RXX", "ae_4_hour"): xmr([90.0, 91.0] * 10, target=95.0)},
    ...                      verdicts={("RXX", "ae_4_hour"): "not met"})
    >>> row = rows[0]
    >>> {k: row[k] for k in ("org", "latest_value", "variation", "assurance", "verdict")}
    {'org': 'RXX', 'latest_value': 91.0, 'variation': 'common_cause', 'assurance': 'consistent_fail', 'verdict': 'not met'}
    """  # noqa: E501
    rows: list[SummaryRow] = []
    for key, chart in charts.items():
        org, metric = key if isinstance(key, tuple) else (None, key)
        latest = max((i for i, v in enumerate(chart.values) if not math.isnan(v)), default=0)
        segment = chart.segments[-1]
        rows.append(
            {
                "org": org,
                "metric": metric,
                "points": sum(not math.isnan(v) for v in chart.values),
                "latest_period": str(chart.labels[latest]),
                "latest_value": chart.values[latest],
                "target": chart.target,
                "mean": segment.mean,
                "lower_limit": None if math.isnan(segment.lpl) else segment.lpl,
                "upper_limit": None if math.isnan(segment.upl) else segment.upl,
                "variation": chart.variation_icon.value,
                "assurance": chart.assurance.value if chart.assurance is not None else None,
                "verdict": (verdicts or {}).get(key),
            }
        )
    return rows


def summary_frame(
    charts: Mapping[tuple[str, str] | str, SpcResult[Any]],
    *,
    verdicts: Mapping[tuple[str, str] | str, str] | None = None,
) -> pd.DataFrame:
    """:func:`summary_table` as a pandas DataFrame (the ``pandas`` extra).

    Raises:
        ImportError: pandas is not installed (``pip install "nhsplan[pandas]"``).
    """
    try:
        import pandas as pd  # noqa: PLC0415
    except ImportError as exc:
        msg = 'summary_frame needs pandas; install it with: pip install "nhsplan[pandas]"'
        raise ImportError(msg) from exc
    return pd.DataFrame(summary_table(charts, verdicts=verdicts), columns=list(SUMMARY_COLUMNS))


def summary_html(
    charts: Mapping[tuple[str, str] | str, SpcResult[Any]],
    *,
    verdicts: Mapping[tuple[str, str] | str, str] | None = None,
    links: Mapping[tuple[str, str] | str, str] | None = None,
) -> str:
    """:func:`summary_table` as a self-contained HTML ``<table>``, the icons drawn inline (SVG).

    Args:
        charts: as :func:`summary_table`.
        verdicts: as :func:`summary_table`.
        links: an optional in-page anchor per key (``"#rxx-ae_4_hour"``) for the row's chart.
    """
    from nhsplan.model.enums import Assurance, VariationIcon  # noqa: PLC0415
    from nhsplan.spc._icons import icon_svg  # noqa: PLC0415
    from nhsplan.spc.chart import ASSURANCE_WORDS, VARIATION_WORDS  # noqa: PLC0415

    head = (
        "<tr><th>organisation</th><th>metric</th><th>latest</th><th>value</th><th>target</th>"
        "<th>mean (limits)</th><th>variation</th><th>assurance</th><th>verdict</th></tr>"
    )
    body = []
    for key, row in zip(charts, summary_table(charts, verdicts=verdicts), strict=True):
        variation = VariationIcon(row["variation"])
        words = VARIATION_WORDS[variation]
        v_icon = icon_svg(variation, size=28, title=words)
        if row["assurance"] is None:
            a_icon = "&ndash;"
        else:
            assurance = Assurance(row["assurance"])
            a_icon = icon_svg(assurance, size=28, title=ASSURANCE_WORDS[assurance])
        metric = html.escape(str(row["metric"]))
        if links and key in links:
            metric = f'<a href="{html.escape(links[key])}">{metric}</a>'
        limits = (
            f"{_num(row['mean'])} ({_num(row['lower_limit'])} to {_num(row['upper_limit'])})"
            if row["lower_limit"] is not None
            else f"{_num(row['mean'])} (no limits)"
        )
        verdict = html.escape(str(row["verdict"] or ""))
        css = verdict.replace(" ", "-")
        body.append(
            f"<tr><td>{html.escape(str(row['org'] or ''))}</td><td>{metric}</td>"
            f"<td>{html.escape(str(row['latest_period']))}</td><td>{_num(row['latest_value'])}</td>"
            f"<td>{_num(row['target'])}</td><td>{limits}</td><td>{v_icon}</td><td>{a_icon}</td>"
            f'<td class="verdict {css}">{verdict}</td></tr>'
        )
    return f'<table class="spc-summary">{head}{"".join(body)}</table>'


def _num(value: object) -> str:
    if value is None:
        return "&ndash;"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return html.escape(str(value))
