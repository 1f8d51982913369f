"""Tests for the SPC charts: MDC icons as shapes, axes, legend, lines, ax=, notebooks, plotly."""

from __future__ import annotations

import math
import sys
from typing import Any

import pytest

from nhsplan.errors import InvalidValueError
from nhsplan.model.enums import Assurance, VariationIcon
from nhsplan.spc import plot_spc, plot_spc_interactive, xmr
from nhsplan.spc._icons import PICTURES, icon_svg

DEVIATIONS: list[float] = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
LABELS = [f"2021-{m:02d}" for m in range(1, 13)] + [f"2022-{m:02d}" for m in range(1, 7)]


@pytest.fixture
def mpl() -> Any:
    return pytest.importorskip("matplotlib")


class TestChart:
    def test_axes_labels_legend_and_lines(self, mpl: Any) -> None:
        r = xmr(DEVIATIONS, labels=LABELS, target=5.0)
        fig = plot_spc(
            r,
            title="Deviations",
            y_label="deviations",
            trajectory=[None] * 12 + [4.0] * 6,
            annotations={"2021-10": "new process"},
        )
        ax = fig.axes[0]
        assert ax.get_ylabel() == "deviations"
        assert ax.get_xlabel() == "period"
        assert ax.get_title(loc="left") == "Deviations"
        (legend,) = fig.legends
        names = {t.get_text() for t in legend.get_texts()}
        assert {"mean", "process limits", "target", "trajectory"} <= names
        assert "special cause improvement" in names
        assert [t.get_text() for t in ax.texts] == ["new process"]

    def test_icons_sit_above_the_plot_area(self, mpl: Any) -> None:
        fig = plot_spc(xmr(DEVIATIONS, target=5.0))
        ax = fig.axes[0]
        fig.canvas.draw()
        top = ax.get_window_extent().y1
        assert len(ax.child_axes) == 2
        for icon in ax.child_axes:
            assert icon.get_window_extent().y0 >= top  # clear of the data

    def test_percent_axis(self, mpl: Any) -> None:
        fig = plot_spc(xmr([90.0, 91.5, 92.0, 89.0] * 4), percent=True)
        ax = fig.axes[0]
        fig.canvas.draw()
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert labels
        assert all(label.endswith("%") for label in labels)

    def test_draws_into_given_axes(self, mpl: Any) -> None:
        from matplotlib.figure import Figure  # noqa: PLC0415

        mine = Figure()
        left, right = mine.subplots(1, 2)
        out = plot_spc(xmr(DEVIATIONS), ax=right)
        assert out is mine
        assert right.collections
        assert not left.collections

    def test_inline_png_in_notebooks(self, mpl: Any) -> None:
        png = plot_spc(xmr(DEVIATIONS))._repr_png_()  # type: ignore[attr-defined]
        assert png.startswith(b"\x89PNG")

    def test_no_limits_and_gaps_draw(self, mpl: Any) -> None:
        fig = plot_spc(xmr([3.0] * 5 + [math.nan] + [3.0] * 5))
        assert fig.axes

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [({"trajectory": [1.0]}, "trajectory"), ({"annotations": {"1999-01": "x"}}, "annotations")],
    )
    def test_bad_arguments(self, mpl: Any, kwargs: dict[str, Any], field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            plot_spc(xmr(DEVIATIONS, labels=LABELS), **kwargs)
        assert info.value.field == field


class TestIcons:
    @pytest.mark.parametrize("icon", list(PICTURES))
    def test_svg(self, icon: VariationIcon | Assurance) -> None:
        svg = icon_svg(icon, size=32, title=icon.value)
        assert svg.startswith("<svg")
        assert svg.endswith("</svg>")
        assert PICTURES[icon].colour in svg

    def test_every_icon_has_a_picture(self) -> None:
        assert set(PICTURES) == set(VariationIcon) | set(Assurance)


class TestInteractive:
    def test_hover_reads_each_point(self) -> None:
        pytest.importorskip("plotly")
        r = xmr(DEVIATIONS, labels=LABELS, target=5.0)
        fig = plot_spc_interactive(r, title="Deviations", percent=True)
        data = fig.data[0]
        assert len(data.hovertext) == 18
        assert "special cause improvement" in data.hovertext[4]
        assert "rule: outside limits" in data.hovertext[4]
        assert "common cause" in data.hovertext[0]
        assert "consistently failing" in fig.layout.title.text

    def test_without_plotly(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "plotly", None)
        monkeypatch.setitem(sys.modules, "plotly.graph_objects", None)
        with pytest.raises(ImportError, match="nhsplan\\[interactive\\]"):
            plot_spc_interactive(xmr(DEVIATIONS))
