"""The forecast chart (matplotlib)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from nhsplan import load_guidance
from nhsplan.errors import MissingDependencyError
from nhsplan.waiting import forecast, read_rtt_snapshots
from nhsplan.waiting.chart import plot_forecast

RBD = Path(__file__).parent / "data" / "rtt_nov2024_RBD_totals.csv"
(SNAPSHOT,) = read_rtt_snapshots(RBD)


class TestPlotForecast:
    def test_share_and_targets(self) -> None:
        result = forecast(load_guidance("2025/26"), SNAPSHOT)
        fig = plot_forecast(result)
        (ax,) = fig.axes
        projected, *targets = ax.get_lines()
        x, y = np.asarray(projected.get_xdata()), np.asarray(projected.get_ydata())
        assert x.size == 1 + len(result.projection.months)  # with November 2024
        assert y[0] == pytest.approx(100 * 12539 / 21702)
        labels = {line.get_label() for line in targets}
        assert labels == {
            "rtt_18_weeks_2025_26: 65.0 %",
            "rtt_18_weeks_trust_improvement_2025_26: 62.8 %",
        }

    def test_without_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        result = forecast(load_guidance("2025/26"), SNAPSHOT)
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        with pytest.raises(MissingDependencyError, match=r"nhsplan\[plot\]"):
            plot_forecast(result)
