"""Drawing an XmR chart with matplotlib, in the Making Data Count style."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, TypeVar

from nhsplan._enums import Assurance, VariationIcon
from nhsplan.spc.options import Variation
from nhsplan.spc.result import SpcResult

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LabelT = TypeVar("LabelT")

_COLOURS = {
    Variation.COMMON_CAUSE: "#a6a6a6",
    Variation.IMPROVEMENT: "#289de0",
    Variation.CONCERN: "#fab428",
    Variation.NEITHER_HIGH: "#361475",
    Variation.NEITHER_LOW: "#361475",
}
_ICON_TEXT = {
    VariationIcon.COMMON_CAUSE: ("common cause variation", "#a6a6a6"),
    VariationIcon.IMPROVEMENT_HIGH: ("special cause improvement (high)", "#289de0"),
    VariationIcon.IMPROVEMENT_LOW: ("special cause improvement (low)", "#289de0"),
    VariationIcon.CONCERN_HIGH: ("special cause concern (high)", "#fab428"),
    VariationIcon.CONCERN_LOW: ("special cause concern (low)", "#fab428"),
    VariationIcon.NEITHER_HIGH: ("special cause, neither (high)", "#361475"),
    VariationIcon.NEITHER_LOW: ("special cause, neither (low)", "#361475"),
}
_ASSURANCE_TEXT = {
    Assurance.CONSISTENTLY_PASS: ("consistently passing the target", "#289de0"),
    Assurance.CONSISTENTLY_FAIL: ("consistently failing the target", "#fab428"),
    Assurance.HIT_AND_MISS: ("hit and miss the target", "#a6a6a6"),
}


def plot_spc(
    result: SpcResult[LabelT], *, title: str | None = None, target: float | None = None
) -> Figure:
    """Draw an XmR chart in the Making Data Count style.

    The data line with its points (special-cause improvement blue, concern orange, neither
    purple, common cause grey), each segment's centre line and dashed process limits, the
    target (this argument, else the result's) and the variation and assurance icons as text
    badges. Uses :class:`matplotlib.figure.Figure` directly: no pyplot, no global state.

    Args:
        result: the chart to draw, from :func:`xmr`.
        title: a title for the chart.
        target: a target line to draw; defaults to ``result.target``.

    Returns:
        A new matplotlib figure.

    Raises:
        ImportError: matplotlib is not installed (``pip install "nhsplan[plot]"``).
    """
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415
    except ImportError as exc:
        msg = 'plot_spc needs matplotlib; install it with: pip install "nhsplan[plot]"'
        raise ImportError(msg) from exc

    fig = Figure(figsize=(10, 5), layout="constrained")
    ax = fig.add_subplot()
    xs = [p.index for p in result.points]
    ys = [p.value for p in result.points]
    ax.plot(xs, ys, color="#7b7d7d", linewidth=1.5, zorder=2)
    colours = [_COLOURS[p.variation] for p in result.points]
    ax.scatter(xs, ys, c=colours, s=30, zorder=3)
    for seg in result.segments:
        x0, x1 = seg.start, seg.stop - 1
        ax.hlines(seg.mean, x0, x1, colors="#231f20", linewidth=1.2, zorder=1)
        ax.hlines([seg.lpl, seg.upl], x0, x1, colors="#7b7d7d", linestyles="dashed", zorder=1)
    line = result.target if target is None else target
    if line is not None:
        ax.axhline(line, color="#de1b1b", linestyle=(0, (6, 3)), linewidth=1.2, zorder=1)

    step = max(1, math.ceil(len(xs) / 12))
    ax.set_xticks(xs[::step], [str(p.label) for p in result.points[::step]], rotation=45)
    ax.spines[["top", "right"]].set_visible(False)
    if title is not None:
        ax.set_title(title)

    badges = [_ICON_TEXT[result.variation_icon]]
    if result.assurance is not None:
        badges.append(_ASSURANCE_TEXT[result.assurance])
    for row, (text, colour) in enumerate(badges):
        ax.text(
            0.99,
            0.98 - 0.09 * row,
            text,
            transform=ax.transAxes,
            ha="right",
            va="top",
            color="white",
            fontsize=9,
            bbox={"boxstyle": "round,pad=0.4", "facecolor": colour, "edgecolor": "none"},
        )
    return fig
