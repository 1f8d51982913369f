"""An interactive XmR chart with plotly (the ``interactive`` extra), imported only when drawn.

Hovering over a point shows its special-cause reading: the value, its variation, the rule that
decides it and every rule it is part of, and its segment's mean and process limits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from nhsplan.spc.chart import ASSURANCE_WORDS, COLOURS, GREY, PURPLE, RED, VARIATION_WORDS
from nhsplan.spc.result import SpcResult

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["plot_spc_interactive"]

LabelT = TypeVar("LabelT")


def plot_spc_interactive(
    result: SpcResult[LabelT],
    *,
    title: str | None = None,
    target: float | None = None,
    trajectory: Sequence[float | None] | None = None,
    y_label: str | None = None,
    percent: bool = False,
) -> go.Figure:
    """Draw an XmR chart as an interactive plotly figure, each point's reading on hover.

    The same lines and colours as :func:`~nhsplan.spc.plot_spc`; the variation and
    assurance readings go in the title. ``fig.show()`` in a notebook, or
    ``fig.write_html(path)`` for a page.

    Raises:
        ImportError: plotly is not installed (``pip install "nhsplan[interactive]"``).
    """
    try:
        import plotly.graph_objects as go  # noqa: PLC0415
    except ImportError as exc:
        msg = (
            'plot_spc_interactive needs plotly; install it with: pip install "nhsplan[interactive]"'
        )
        raise ImportError(msg) from exc

    xs = [str(label) for label in result.labels]
    unit = "%" if percent else ""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=[None if math.isnan(v) else v for v in result.values],
            mode="lines+markers",
            name="value",
            line={"color": GREY, "width": 1.5},
            marker={"color": [COLOURS[v] for v in result.variations], "size": 8},
            hovertext=[_hover(result, i, unit) for i in range(len(xs))],
            hoverinfo="text",
        )
    )
    for n, seg in enumerate(result.segments):
        span = xs[seg.start : seg.stop]
        lines: list[tuple[str, float, dict[str, Any]]] = [
            ("mean", seg.mean, {"color": "#231f20", "width": 1.2})
        ]
        if not math.isnan(seg.lpl):
            dash = {"color": GREY, "width": 1, "dash": "dash"}
            lines += [
                ("lower process limit", seg.lpl, dash),
                ("upper process limit", seg.upl, dash),
            ]
        for name, level, style in lines:
            fig.add_trace(
                go.Scatter(
                    x=span,
                    y=[level] * len(span),
                    mode="lines",
                    name="process limits" if "limit" in name else name,
                    line=style,
                    showlegend=n == 0 and name != "upper process limit",
                    legendgroup="process limits" if "limit" in name else name,
                    hovertemplate=f"{name}: {level:.4g}{unit}<extra></extra>",
                )
            )
    line = result.target if target is None else target
    if line is not None:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[line] * len(xs),
                mode="lines",
                name="target",
                line={"color": RED, "dash": "dash"},
                hovertemplate=f"target: {line:g}{unit}<extra></extra>",
            )
        )
    if trajectory is not None:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=list(trajectory),
                mode="lines",
                name="trajectory",
                line={"color": PURPLE, "dash": "dot", "shape": "hvh"},
            )
        )
    reading = VARIATION_WORDS[result.variation_icon]
    if result.assurance is not None:
        reading += "; " + ASSURANCE_WORDS[result.assurance]
    heading = f"{title}<br><sup>{reading}</sup>" if title else reading
    fig.update_layout(
        title=heading,
        template="simple_white",
        yaxis={"title": y_label or "value", "ticksuffix": unit},
        xaxis={"title": "period"},
        hovermode="closest",
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def _hover(result: SpcResult[Any], i: int, unit: str) -> str:
    value = result.values[i]
    if math.isnan(value):
        return f"{result.labels[i]}: missing"
    seg = next(s for s in result.segments if s.start <= i < s.stop)
    cause = result.causes[i]
    rules = [
        name
        for name, flags in (
            ("outside the limits", result.outside_limits),
            ("trend", result.trend),
            ("two in three", result.two_in_three),
            ("run", result.run),
        )
        if flags[i]
    ]
    lines = [
        f"<b>{result.labels[i]}</b>: {value:.4g}{unit}",
        result.variations[i].value.replace("_", " "),
        f"rule: {cause.value.replace('_', ' ')}" if cause else "no rule: common cause",
    ]
    if len(rules) > 1:
        lines.append("part of: " + ", ".join(rules))
    if math.isnan(seg.lpl):
        lines.append(f"mean {seg.mean:.4g}{unit}; no process limits")
    else:
        lines.append(f"mean {seg.mean:.4g}{unit}; limits {seg.lpl:.4g} to {seg.upl:.4g}{unit}")
    return "<br>".join(lines)
