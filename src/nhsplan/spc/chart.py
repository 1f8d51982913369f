"""Drawing an XmR chart with matplotlib, as Making Data Count draws it.

The data line with its points coloured by variation, each segment's mean and process limits,
the target and a trajectory, annotations of interventions, axis labels, a legend, and the
circular MDC variation and assurance icons drawn as shapes above the top-right corner of the
plot, clear of the data. matplotlib is imported only when a chart is drawn (the ``plot`` extra).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from nhsplan.model.enums import Assurance, VariationIcon
from nhsplan.spc.options import Variation
from nhsplan.spc.result import SpcResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["ASSURANCE_WORDS", "COLOURS", "VARIATION_WORDS", "plot_spc"]

LabelT = TypeVar("LabelT")

GREY, BLUE, ORANGE, PURPLE, RED = "#7b7d7d", "#289de0", "#fab428", "#361475", "#de1b1b"
COLOURS = {
    Variation.COMMON_CAUSE: "#a6a6a6",
    Variation.IMPROVEMENT: BLUE,
    Variation.CONCERN: ORANGE,
    Variation.NEITHER_HIGH: PURPLE,
    Variation.NEITHER_LOW: PURPLE,
}
"""The MDC colour of each variation (NHSRplotthedots' ``ptd_spc_colours``)."""
VARIATION_WORDS = {
    VariationIcon.COMMON_CAUSE: "common cause variation",
    VariationIcon.IMPROVEMENT_HIGH: "special cause improvement (high)",
    VariationIcon.IMPROVEMENT_LOW: "special cause improvement (low)",
    VariationIcon.CONCERN_HIGH: "special cause concern (high)",
    VariationIcon.CONCERN_LOW: "special cause concern (low)",
    VariationIcon.NEUTRAL_HIGH: "special cause, neither improvement nor concern (high)",
    VariationIcon.NEUTRAL_LOW: "special cause, neither improvement nor concern (low)",
}
"""Each variation icon in words (the icon's tooltip and alt text)."""
ASSURANCE_WORDS = {
    Assurance.CONSISTENTLY_PASS: "consistently passing the target",
    Assurance.CONSISTENTLY_FAIL: "consistently failing the target",
    Assurance.HIT_AND_MISS: "hit and miss: will sometimes pass, sometimes fail the target",
}
"""Each assurance icon in words."""


def plot_spc(
    result: SpcResult[LabelT],
    *,
    title: str | None = None,
    target: float | None = None,
    trajectory: Sequence[float | None] | None = None,
    trajectory_label: str = "trajectory",
    annotations: Mapping[Any, str] | None = None,
    y_label: str | None = None,
    x_label: str | None = None,
    percent: bool = False,
    legend: bool = True,
    icons: bool = True,
    ax: Axes | None = None,
) -> Figure:
    """Draw an XmR chart as Making Data Count draws it.

    The data line with its points (special-cause improvement blue, concern orange, neither
    purple, common cause grey), each segment's mean (solid) and process limits (dashed), the
    target (red, dashed) and trajectory (purple, dotted), vertical marks for interventions,
    axis labels, a legend below the plot, and the circular variation and assurance icons above
    its top-right corner. Uses :class:`matplotlib.figure.Figure` directly: no pyplot, no global
    state; the figure shows inline in Jupyter without ``%matplotlib inline``.

    Args:
        result: the chart to draw, from :func:`~nhsplan.spc.xmr`.
        title: a title, drawn at the left so it never meets the icons.
        target: a target line; defaults to ``result.target``.
        trajectory: one planned value per point (None where there is none), drawn as a
            stepped line: the months' trajectory towards the target.
        trajectory_label: the trajectory's name in the legend (``"plan"`` for a plan).
        annotations: interventions to mark, ``{label or position: text}`` (a label of the
            result, or a position from 0), each a vertical line with its text.
        y_label: the value axis' label (``"% within 4 hours"``); defaults to ``"value"``.
        x_label: the time axis' label; defaults to ``"period"``.
        percent: values are percentages (0-100): the value axis reads ``95 %``.
        legend: draw a legend below the plot.
        icons: draw the variation and assurance icons.
        ax: matplotlib axes to draw into (your own figure and layout); by default a new
            figure is made.

    Returns:
        The figure drawn on (``ax.figure`` when ``ax`` was given).

    Raises:
        ImportError: matplotlib is not installed (``pip install "nhsplan[plot]"``).
        InvalidValueError: a trajectory whose length is not the number of points, or an
            annotation naming no point.
    """
    try:
        import matplotlib.figure  # noqa: F401, PLC0415 - the check that it is installed
        from matplotlib.ticker import FuncFormatter  # noqa: PLC0415
    except ImportError as exc:
        msg = 'plot_spc needs matplotlib; install it with: pip install "nhsplan[plot]"'
        raise ImportError(msg) from exc
    from nhsplan.spc import _icons  # noqa: PLC0415
    from nhsplan.spc._figure import SpcFigure  # noqa: PLC0415

    marks = _annotation_positions(result, annotations or {})
    steps = _trajectory(result, trajectory)
    own = ax is None
    if ax is None:
        fig: Figure = SpcFigure(figsize=(10, 5.4), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.get_figure()  # type: ignore[assignment]
    _draw_data(ax, result)
    line = result.target if target is None else target
    if line is not None:
        ax.axhline(line, color=RED, linestyle=(0, (6, 3)), linewidth=1.3, zorder=1,
                   label="target")  # fmt: skip
    xs = list(range(len(result.values)))
    if steps is not None:
        ax.step(xs, steps, where="mid", color=PURPLE, linestyle=":", linewidth=1.6, zorder=1,
                label=trajectory_label)  # fmt: skip
    for position, text in marks:
        ax.axvline(position, color="#425563", linewidth=1.0, linestyle="-.", zorder=0)
        ax.annotate(text, (position, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(3, -3), textcoords="offset points", va="top", ha="left",
                    fontsize=8, color="#425563", rotation=90)  # fmt: skip
    step = max(1, math.ceil(len(xs) / 12))
    ax.set_xticks(xs[::step], [str(label) for label in result.labels[::step]], rotation=45,
                  ha="right")  # fmt: skip
    ax.set_xlim(-0.6, len(xs) - 0.4)
    ax.set_xlabel(x_label or "period")
    ax.set_ylabel(y_label or "value")
    if percent:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}%"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.8, zorder=0)
    if title is not None:
        ax.set_title(title, loc="left", fontsize=11)
    if legend and own:
        fig.legend(loc="outside lower center", ncol=5, frameon=False, fontsize=8)
    elif legend:
        ax.legend(fontsize=7, frameon=False)
    if icons:
        _icons.draw_icons(ax, result.variation_icon, result.assurance)
    return fig


def _draw_data(ax: Axes, result: SpcResult[Any]) -> None:
    """The data line, its points coloured by variation, and each segment's lines."""
    xs = list(range(len(result.values)))
    ys = list(result.values)
    ax.plot(xs, ys, color=GREY, linewidth=1.5, zorder=2, label="_data")
    for variation in Variation:
        idx = [i for i in xs if result.variations[i] is variation and not math.isnan(ys[i])]
        if idx:
            ax.scatter(idx, [ys[i] for i in idx], color=COLOURS[variation], s=32, zorder=3,
                       label=_POINT_WORDS[variation])  # fmt: skip
    for n, seg in enumerate(result.segments):
        x0, x1 = (seg.start - 0.4 if n else seg.start), seg.stop - 1
        ax.hlines(seg.mean, x0, x1, colors="#231f20", linewidth=1.2, zorder=1,
                  label="_nolegend_" if n else "mean")  # fmt: skip
        if not math.isnan(seg.lpl):
            ax.hlines([seg.lpl, seg.upl], x0, x1, colors=GREY, linestyles="dashed", zorder=1,
                      linewidth=1.1, label="_nolegend_" if n else "process limits")  # fmt: skip
        if n:
            ax.axvline(seg.start - 0.5, color="#c8c8c8", linewidth=0.8, zorder=0)


_POINT_WORDS = {
    Variation.COMMON_CAUSE: "common cause",
    Variation.IMPROVEMENT: "special cause improvement",
    Variation.CONCERN: "special cause concern",
    Variation.NEITHER_HIGH: "special cause neither (high)",
    Variation.NEITHER_LOW: "special cause neither (low)",
}


def _annotation_positions(
    result: SpcResult[Any], annotations: Mapping[Any, str]
) -> list[tuple[float, str]]:
    from nhsplan.errors import InvalidValueError  # noqa: PLC0415

    out = []
    for key, text in annotations.items():
        if key in result.labels:
            out.append((float(result.labels.index(key)), text))
        elif isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(result.values):
            out.append((float(key), text))
        else:
            raise InvalidValueError(
                f"annotation {key!r} names no point of the chart",
                field="annotations",
                example="annotations={'2021-10': 'new triage model'}",
            )
    return out


def _trajectory(
    result: SpcResult[Any], trajectory: Sequence[float | None] | None
) -> list[float] | None:
    from nhsplan.errors import InvalidValueError  # noqa: PLC0415

    if trajectory is None:
        return None
    if len(trajectory) != len(result.values):
        raise InvalidValueError(
            f"there are {len(trajectory)} trajectory values for {len(result.values)} points",
            field="trajectory",
            example="trajectory=[92.0, 92.5, 93.0, ...] with one value (or None) per point",
        )
    return [math.nan if v is None else float(v) for v in trajectory]
