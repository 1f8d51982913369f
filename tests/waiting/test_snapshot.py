"""Reading a provider's waiting list and flows from the published RTT full CSV."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from nhsplan.calendar import Month
from nhsplan.errors import InvalidValueError
from nhsplan.sources import RTT_18_WEEKS, RTT_BANDS, RTT_WAITERS, read_rtt_full_csv
from nhsplan.waiting.snapshot import Snapshot, read_rtt_snapshots

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
        """The bands give the figures nhsplan.sources reads from the same file."""
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
