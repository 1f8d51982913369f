"""Private: the shipped catalog entries the rules take their figures from.

The catalog is imported lazily (it brings in cattrs), and loading is cached by
:func:`nhsplan.catalog.load_guidance`, so each edition file is read at most once.
"""

from __future__ import annotations

from typing import TypeVar

from nhsplan.model import Framework, Target

__all__ = ["framework", "target"]

_T = TypeVar("_T", bound=Target)


def target(edition: str, target_id: str, kind: type[_T]) -> _T:
    """The shipped target *target_id* of *edition*, checked to be of *kind*."""
    from nhsplan.catalog import load_guidance  # noqa: PLC0415 - keeps cattrs out of imports

    found = load_guidance(edition).target(target_id)
    if not isinstance(found, kind):  # pragma: no cover - the catalog tests pin the kinds
        msg = f"shipped target {target_id!r} is a {type(found).__name__}, not a {kind.__name__}"
        raise TypeError(msg)
    return found


def framework(edition: str, framework_id: str) -> Framework:
    """The shipped framework *framework_id* of *edition*."""
    from nhsplan.catalog import load_guidance  # noqa: PLC0415 - keeps cattrs out of imports

    return load_guidance(edition).framework(framework_id)
