"""Test-run options: ``--fuzz-deep`` runs the fuzz tests with 10,000 examples per entry point."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-deep",
        action="store_true",
        help="run the fuzz tests (-m fuzz) in the deep profile: 10,000 examples per entry point",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--fuzz-deep"):
        os.environ["NHSPLAN_FUZZ_DEEP"] = "1"  # read by tests/test_fuzz.py as it is imported
