"""The ``path`` fixture: the conformance suite runs once on every path that gives a verdict.

As cattrs' ``converter`` fixture runs its whole suite on both of its converters, every test
under ``tests/conformance/`` that takes ``path`` runs on each path of
:data:`tests.conformance.paths.PATHS`. A (path, case) pair that disagrees with the reference
today is listed in :data:`tests.conformance.known_failures.KNOWN`: ``test_every_case`` holds
a path to its listed cases itself, and the file tests' pairs are marked
``xfail(strict=True)`` here. Remove an entry when its fix lands (either way the run fails
once the pair agrees).
"""

from __future__ import annotations

import pytest

from tests.conformance.known_failures import KNOWN
from tests.conformance.paths import PATH_IDS, PATHS, VerdictPath


@pytest.fixture(scope="session", params=PATHS, ids=PATH_IDS)
def path(request: pytest.FixtureRequest) -> VerdictPath:
    """One path that gives a verdict (each test taking it runs on every path)."""
    chosen: VerdictPath = request.param
    return chosen


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the known disagreements ``xfail(strict=True)``, each with the bug it shows."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or "path" not in callspec.params:
            continue
        chosen = callspec.params["path"]
        if not isinstance(chosen, VerdictPath):
            continue
        case = next(
            (callspec.params[k] for k in ("case_id", "bucket", "form_id") if k in callspec.params),
            None,
        )
        reason = KNOWN.get((str(chosen), str(case)))
        if reason is not None:
            item.add_marker(pytest.mark.xfail(strict=True, reason=reason))
