"""Where the tests find the repository's files and the shared data beside it."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
"""The tests folder."""
ROOT = TESTS.parent
"""The repository."""
SHARED = ROOT.parent / "shared"
"""The shared folder beside the repository (seeds, REFERENCE.md, real NHS data); may be absent."""
