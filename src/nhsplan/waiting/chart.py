"""A chart of a forecast: the projected 18-week share against the targets' levels.

matplotlib is imported only when a chart is drawn (the ``plot`` extra); the figure is a
:class:`matplotlib.figure.Figure` made directly, with no pyplot and no global state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nhsplan.errors import MissingDependencyError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from nhsplan.waiting.forecast import Forecast

__all__ = ["plot_forecast"]


def plot_forecast(result: Forecast) -> Figure:
    """The projected share of the list within 18 weeks, with the 18-week targets' levels.

    The share is drawn month by month from the snapshot; each 18-week target's required
    level is a point at its deadline month.

    Args:
        result: a forecast (:func:`nhsplan.waiting.forecast`).

    Returns:
        A matplotlib figure; ``fig.savefig("forecast.png")`` writes it.

    Raises:
        MissingDependencyError: matplotlib is not installed (``pip install "nhsplan[plot]"``).
    """
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - optional, drawn on demand
    except ImportError:
        raise MissingDependencyError("plot_forecast", package="matplotlib", extra="plot") from None
    snapshot, projection = result.snapshot, result.projection
    months = [snapshot.month, *projection.months]
    first = sum(snapshot.bands[:18]) / snapshot.waiting if snapshot.waiting else 1.0
    shares = [100 * first, *(100 * float(v) for v in projection.share_18[0])]
    fig = Figure(figsize=(9, 4.8), layout="constrained")
    ax = fig.add_subplot()
    x = list(range(len(months)))
    ax.plot(x, shares, color="#005EB8", marker="o", markersize=3, label="projected")
    for outcome in result.outcomes:
        if outcome.goal.metric != "rtt_18_weeks_incomplete" or outcome.required is None:
            continue
        at = months.index(outcome.goal.months[-1])
        ax.plot(
            [at],
            [100 * outcome.required],
            marker="D",
            linestyle="none",
            label=f"{outcome.goal.target.id}: {100 * outcome.required:.1f} %",
        )
    step = max(1, len(months) // 12)
    ax.set_xticks(x[::step], [str(m) for m in months[::step]], rotation=45, ha="right")
    ax.set_ylabel("incomplete pathways within 18 weeks (%)")
    ax.set_ylim(0, 100)
    ax.set_title(
        f"{snapshot.org}: RTT 18-week share, projected from {snapshot.month} "
        f"({result.rule.value.replace('_', ' ')}; {result.starts:,.0f} starts, "
        f"{result.stops:,.0f} stops a month)"
    )
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize="small")
    return fig
