"""Reading a provider's waiting list and flows from the published RTT full CSV."""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import numpy as np
import pytest

from nhsplan.calendar import Month
from nhsplan.errors import InvalidValueError
from nhsplan.io.readers import RTT_18_WEEKS, RTT_BANDS, RTT_WAITERS, read_rtt_full_csv
from nhsplan.waiting.model import StopRule, project
from nhsplan.waiting.snapshot import Snapshot, project_snapshots, read_rtt_snapshots

DATA = Path(__file__).parent / "data"
RBD = DATA / "rtt_nov2024_RBD_totals.csv"
SHARED_RTT = Path(__file__).parents[3] / "shared" / "data" / "rtt_nov2024_RBD.csv"


class TestRbd:
    def test_totals(self) -> None:
        (snapshot,) = read_rtt_snapshots(RBD)
        assert (snapshot.org, snapshot.month) == ("RBD", Month(2024, 11))
        assert snapshot.waiting == 21702  # Part_2 "Total All", no unknown clock starts
        assert snapshot.clock_stops == 1544 + 2925  # Part_1A + Part_1B
        assert snapshot.clock_starts == 5003  # Part_3
        assert sum(snapshot.bands[52:]) == 647

    def test_agrees_with_the_source_reader(self) -> None:
        """The bands give the figures nhsplan.io.readers reads from the same file."""
        (snapshot,) = read_rtt_snapshots(RBD)
        figures = {o.metric: o for o in read_rtt_full_csv(RBD).observations}
        share = figures[RTT_18_WEEKS]
        assert (share.numerator, share.denominator) == (sum(snapshot.bands[:18]), 21702)
        for weeks, metric in RTT_WAITERS.items():
            assert getattr(figures[metric].value, "magnitude", None) == sum(snapshot.bands[weeks:])

    @pytest.mark.skipif(not SHARED_RTT.exists(), reason="shared/data is not beside the repo")
    def test_whole_file_same_as_totals(self) -> None:
        """The full file (with treatment-function rows) reads as its C_999 rows do."""
        assert read_rtt_snapshots(SHARED_RTT) == read_rtt_snapshots(RBD)

    def test_open_stream(self) -> None:
        with RBD.open(encoding="utf-8", newline="") as stream:
            assert read_rtt_snapshots(stream) == read_rtt_snapshots(RBD)

    def test_stop_weights(self) -> None:
        (snapshot,) = read_rtt_snapshots(RBD)
        weights = snapshot.stop_weights()
        assert weights.shape == (len(RTT_BANDS),)
        assert ((weights >= 0) & (weights <= 1)).all()
        b0, s0 = snapshot.bands[0], snapshot.stopped[0]
        assert weights[0] == pytest.approx(s0 / (b0 + s0))


def _file(rows: list[list[str]], header: list[str] | None = None) -> io.StringIO:
    head = header or [
        "Period",
        "Provider Org Code",
        "Commissioner Org Code",
        "RTT Part Type",
        "Treatment Function Code",
        *RTT_BANDS,
        "Total",
        "Patients with unknown clock start date",
        "Total All",
    ]
    lines = [",".join(head)] + [",".join(r) for r in rows]
    return io.StringIO("\n".join(lines) + "\n")


def _row(part: str, function: str, first: int, commissioner: str = "11J") -> list[str]:
    bands = [str(first)] + ["0"] * (len(RTT_BANDS) - 1)
    return ["RTT-November-2024", "RXX", commissioner, part, function, *bands, "", "", str(first)]


class TestRows:
    def test_commissioner_without_total_rows_is_summed(self) -> None:
        rows = [
            _row("Part_2", "C_999", 10),
            _row("Part_2", "C_100", 10),  # checked by C_999, not added
            _row("Part_2", "C_100", 3, commissioner="99X"),  # no C_999 for 99X: summed
            _row("Part_2", "C_101", 4, commissioner="99X"),
            _row("part 3", "C_999", 6),  # spelling of the part type does not matter
        ]
        (snapshot,) = read_rtt_snapshots(_file(rows))
        assert snapshot.waiting == 17
        assert snapshot.clock_starts == 6
        assert snapshot.clock_stops == 0

    def test_unreadable_rows_are_skipped(self) -> None:
        bad_period = _row("Part_2", "C_999", 5)
        bad_period[0] = "November"
        bad_count = _row("Part_2", "C_999", 5, commissioner="22X")
        bad_count[5] = "many"
        (snapshot,) = read_rtt_snapshots(_file([_row("Part_2", "C_999", 7), bad_period, bad_count]))
        assert snapshot.waiting == 7

    def test_missing_column(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"no column 'Commissioner Org Code'.*for example"
        ):
            read_rtt_snapshots(_file([], header=["Period", "Provider Org Code"]))


class TestSnapshotValues:
    def test_bands_must_be_105(self) -> None:
        with pytest.raises(InvalidValueError, match=r"^bands:"):
            Snapshot(
                org="RXX", month=Month(2024, 11), bands=(1, 2), stopped=(0,) * 105, clock_starts=0
            )

    def test_stop_weights_without_data(self) -> None:
        empty = Snapshot(
            org="RXX", month=Month(2024, 11), bands=(0,) * 105, stopped=(0,) * 105, clock_starts=0
        )
        np.testing.assert_array_equal(empty.stop_weights(), np.ones(105))


class TestByFunction:
    def test_one_list_per_treatment_function(self) -> None:
        rows = [
            _row("Part_2", "C_999", 100),  # totals: not read by function
            _row("Part_2", "C_100", 10),
            _row("Part_2", "C_100", 5, commissioner="99X"),
            _row("Part_2", "C_101", 7),
            _row("Part_3", "C_101", 4),
            _row("Part_1B", "C_101", 2),
        ]
        snapshots = read_rtt_snapshots(_file(rows), by_function=True)
        got = {s.function: (s.waiting, s.clock_starts, s.clock_stops) for s in snapshots}
        assert got == {"C_100": (15, 0, 0), "C_101": (7, 4, 2)}

    @pytest.mark.skipif(not SHARED_RTT.exists(), reason="shared/data is not beside the repo")
    def test_functions_add_up_to_the_provider(self) -> None:
        (whole,) = read_rtt_snapshots(SHARED_RTT)
        parts = read_rtt_snapshots(SHARED_RTT, by_function=True)
        assert sum(s.waiting for s in parts) == whole.waiting
        assert sum(s.clock_stops for s in parts) == whole.clock_stops


class TestProjectSnapshots:
    def test_each_list_on_its_own_flows(self) -> None:
        a = Snapshot(
            org="RXX",
            month=Month(2024, 11),
            bands=(50,) * 30 + (0,) * 75,
            stopped=(10,) * 30 + (0,) * 75,
            clock_starts=200,
            function="C_100",
        )
        b = attrs.evolve(a, clock_starts=500, function="C_101")
        together = project_snapshots([a, b], months=6, rule=StopRule.PROPORTIONAL, stops_scale=1.1)
        for row, s in enumerate((a, b)):
            alone = project(
                s.bands,
                start=s.month,
                months=6,
                starts=s.clock_starts,
                stops=1.1 * s.clock_stops,
                rule=StopRule.PROPORTIONAL,
                weights=s.stop_weights(),
            )
            np.testing.assert_allclose(together.total[row], alone.total[0])
            np.testing.assert_allclose(together.share_18[row], alone.share_18[0])

    def test_one_month_only(self) -> None:
        (rbd,) = read_rtt_snapshots(RBD)
        later = attrs.evolve(rbd, month=Month(2024, 12))
        with pytest.raises(InvalidValueError, match=r"^snapshots: 2 months"):
            project_snapshots([rbd, later], months=3)


class TestFromWaits:
    @pytest.mark.parametrize(
        ("days", "band"),
        [
            (0, 0),
            (1, 0),
            (7, 0),
            (8, 1),
            (126, 17),
            (127, 18),
            (364, 51),
            (365, 52),
            (728, 103),
            (729, 104),
            (735, 104),
            (10_000, 104),
        ],
    )
    def test_bands(self, days: int, band: int) -> None:
        s = Snapshot.from_waits([days], org="RXX", month=Month(2024, 11))
        assert s.bands[band] == 1

    def test_counts_as_the_published_measures(self) -> None:
        """Over N weeks is more than 7N days; within 18 weeks is at most 126 days."""
        waits = list(range(0, 800, 3))
        s = Snapshot.from_waits(
            waits, org="RXX", month=Month(2024, 11), stopped=[5, 9], clock_starts=4
        )
        assert sum(s.bands[:18]) == sum(d <= 126 for d in waits)
        for n in (52, 65, 78, 104):
            assert sum(s.bands[n:]) == sum(d > 7 * n for d in waits)
        assert (s.clock_stops, s.clock_starts) == (2, 4)

    @pytest.mark.parametrize("bad", [-1, 2.5, True])
    def test_bad_days(self, bad: object) -> None:
        with pytest.raises(InvalidValueError, match=r"^waits:.*for example"):
            Snapshot.from_waits([bad], org="RXX", month=Month(2024, 11))  # type: ignore[list-item]
