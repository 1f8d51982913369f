"""The catalog: the guidance editions nhsplan ships, as cited data, and what is built on them.

- :mod:`~nhsplan.catalog.registry`: the one list of shipped editions (:data:`EDITIONS`),
  :func:`editions`, :func:`load_guidance` and the loader for local files;
- :mod:`~nhsplan.catalog.serialise`: the cattrs converter (dict and JSON round-trip);
- :mod:`~nhsplan.catalog.diff`: what changed between two editions;
- :mod:`~nhsplan.catalog.in_force`: the targets in force on a date, across editions;
- :mod:`~nhsplan.catalog.audit`: an edition held to its sources, target by target;
- :mod:`~nhsplan.catalog.words`: what targets ask, their scope, basis and lifetime in words;
- :mod:`~nhsplan.catalog.references`: NHS England's planning references (``E.M.13``) mapped
  to metric ids, cited;
- ``data/``: one TOML file per edition.

>>> from nhsplan.catalog import load_guidance
>>> load_guidance("2021-22").id
'2021/22'
"""

from __future__ import annotations

from nhsplan.catalog._priorities import MAX_PRIORITY_DEPTH
from nhsplan.catalog.references import PlanningReference, planning_references, reference_map
from nhsplan.catalog.registry import (
    EDITIONS,
    editions,
    load_file,
    load_guidance,
    normalise_edition,
    parse_document,
    read_as,
)

__all__ = [
    "EDITIONS",
    "MAX_PRIORITY_DEPTH",
    "PlanningReference",
    "editions",
    "load_file",
    "load_guidance",
    "normalise_edition",
    "parse_document",
    "planning_references",
    "read_as",
    "reference_map",
]
