"""The passes themselves are tested here: frames of any size take them, not the row reader."""

from __future__ import annotations

import importlib

import pytest

frame = importlib.import_module("nhsplan.engines.columnar.frame")


@pytest.fixture(autouse=True)
def _every_frame_takes_a_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small frames go row by row by default (``frame.SMALL_FRAME``); not in these tests,
    whose frames are small so that the passes can be checked against the row reader."""
    monkeypatch.setattr(frame, "SMALL_FRAME", 0)
