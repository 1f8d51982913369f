"""The cyclic garbage collector's pause (:mod:`nhsplan.engines._gc`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from nhsplan.engines._gc import no_cycle_collection


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector as each test found it, restored after."""
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:  # pragma: no cover - pytest runs with the collector on
        gc.disable()


class TestNoCycleCollection:
    @pytest.mark.usefixtures("collector")
    @pytest.mark.parametrize("enabled", [True, False])
    def test_off_inside_and_as_it_was_after(self, enabled: bool) -> None:
        (gc.enable if enabled else gc.disable)()
        with no_cycle_collection():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled

    @pytest.mark.usefixtures("collector")
    def test_back_on_after_an_error(self) -> None:
        gc.enable()
        with pytest.raises(ValueError, match="bad row"), no_cycle_collection():
            raise ValueError("bad row")
        assert gc.isenabled()
