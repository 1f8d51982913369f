"""The (path, case) pairs that disagree with the reference today, each with the bug it shows.

The conformance suite marks each pair ``xfail(strict=True)``: when a fix lands the pair
passes, the strict mark fails the run, and its line here is deleted.
"""

from __future__ import annotations

from typing import Final

KNOWN: Final[dict[tuple[str, str], str]] = {}
