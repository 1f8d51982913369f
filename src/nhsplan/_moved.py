"""Old module paths kept for one release: each now names its new home, with a warning.

The modules moved into the layered layout of 0.2 (``nhsplan.batch`` is now
``nhsplan.evaluate.batch``, ``nhsplan.sources`` is ``nhsplan.io.readers`` ...). Importing an
old path still works for one release: it warns (``DeprecationWarning``) and gives the new
module itself, its submodules included, so objects keep their identity.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import warnings
from typing import Final

__all__ = ["MOVED", "alias"]

MOVED: Final = {
    "nhsplan.aggregate": "nhsplan.evaluate.aggregate",
    "nhsplan.batch": "nhsplan.evaluate.batch",
    "nhsplan.diff": "nhsplan.catalog.diff",
    "nhsplan.ics": "nhsplan.io.writers.ics",
    "nhsplan.in_force": "nhsplan.catalog.in_force",
    "nhsplan.report": "nhsplan.evaluate.report",
    "nhsplan.rules": "nhsplan.evaluate.rules",
    "nhsplan.serialise": "nhsplan.catalog.serialise",
    "nhsplan.sources": "nhsplan.io.readers",
}
"""Old module path -> new module path."""


def alias(old: str) -> None:
    """Make the module *old* (being imported) the module it moved to, and warn."""
    new = MOVED[old]
    warnings.warn(
        f"{old} has moved to {new}; the old path goes in the next release",
        DeprecationWarning,
        stacklevel=3,
    )
    module = importlib.import_module(new)
    sys.modules[old] = module
    for info in pkgutil.iter_modules(getattr(module, "__path__", ())):
        sys.modules[f"{old}.{info.name}"] = importlib.import_module(f"{new}.{info.name}")
