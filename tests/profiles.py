"""How hard the property tests search: quick in the README's test command, deep in CI.

The README's command (``bash scripts/test``) must finish in minutes on two cores, so the slowest
property tests (each example reads a file with DuckDB, or loads an edition) run a few dozen
examples there; CI (``CI=true``), ``pytest --fuzz-deep`` and ``HYPOTHESIS_PROFILE=deep`` run the
full count. The fuzz suite (``tests/test_fuzz.py``) uses the same switch.
"""

from __future__ import annotations

import os


def deep() -> bool:
    """Whether this run searches deeply (CI, ``--fuzz-deep`` or ``HYPOTHESIS_PROFILE=deep``)."""
    return (
        os.environ.get("CI", "").lower() == "true"
        or os.environ.get("HYPOTHESIS_PROFILE") == "deep"
        or os.environ.get("NHSPLAN_FUZZ_DEEP") == "1"
    )


def examples(quick: int, deep_count: int) -> int:
    """``max_examples`` for a slow property test: ``quick`` here, ``deep_count`` in CI."""
    return deep_count if deep() else quick
