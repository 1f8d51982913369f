"""NHS England's planning references, mapped to nhsplan's metric ids, as cited data.

A plan is submitted on NHS England's templates, whose lines are keyed by a *planning reference*
(``E.M.13`` for A&E within four hours, ``E.B.27`` for the Faster Diagnosis Standard). The map
lives in ``planning_references.toml``, beside this module (``data/`` holds the editions), each
entry quoting the name its source gives the reference, so a plan file keyed by reference reads
as one keyed by metric id (:func:`~nhsplan.io.readers.read_plan_csv`).

>>> refs = planning_references()
>>> refs["E.B.27"].metric
'cancer_faster_diagnosis'
>>> refs["E.B.27"].quote
'Cancer 28 day waits (faster diagnosis standard)'
>>> reference_map()["E.M.13"]
'ae_4_hour'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs
import tomli

from nhsplan.errors import CatalogError
from nhsplan.model import Citation, Publication
from nhsplan.model.formats import METRIC_ID, PLANNING_REF

__all__ = ["PlanningReference", "planning_references", "reference_map"]

_FILE = "planning_references.toml"


@attrs.frozen(kw_only=True)
class PlanningReference:
    """One planning reference and the nhsplan metric it reports.

    Attributes:
        ref: the reference, as the templates write it (``"E.M.13"``).
        metric: nhsplan's metric id (``"ae_4_hour"``).
        quote: the source's own name for the reference, verbatim.
        citation: where the map comes from, with the quote.
    """

    ref: str
    metric: str
    quote: str
    citation: Citation


@functools.cache
def planning_references() -> Mapping[str, PlanningReference]:
    """Every planning reference nhsplan maps, by reference (read once, then shared).

    Raises:
        CatalogError: the shipped file is malformed (a bug in nhsplan, never the user's input).
    """
    text = resources.files("nhsplan.catalog").joinpath(_FILE).read_text(encoding="utf-8")
    document = tomli.loads(text)
    return MappingProxyType(_entries(document))


def reference_map() -> dict[str, str]:
    """Planning reference -> metric id, for the plan readers' ``references``."""
    return {ref: entry.metric for ref, entry in planning_references().items()}


def _entries(document: Mapping[str, Any]) -> dict[str, PlanningReference]:
    source = document.get("source", {})
    publication = Publication(
        title=source["title"], publisher=source["publisher"], url=source.get("url", "")
    )
    out: dict[str, PlanningReference] = {}
    problems: list[tuple[str, str]] = []
    for index, raw in enumerate(document.get("reference", [])):
        where = f"$.reference[{index}]"
        ref, metric, quote = raw.get("ref"), raw.get("metric"), raw.get("quote")
        if not PLANNING_REF.matches(ref):
            problems.append((f"{where}.ref", f"{ref!r} is not {PLANNING_REF.name}, e.g. 'E.M.13'"))
        elif not METRIC_ID.matches(metric):
            problems.append((f"{where}.metric", f"{metric!r} is not {METRIC_ID.name}"))
        elif not isinstance(quote, str) or not quote.strip():
            problems.append((f"{where}.quote", "every reference quotes its source"))
        elif ref in out:
            problems.append((f"{where}.ref", f"{ref!r} is mapped twice"))
        else:
            citation = Citation(source=publication.title, quote=quote, publication=publication)
            out[ref] = PlanningReference(ref=ref, metric=metric, quote=quote, citation=citation)
    if problems:
        raise CatalogError(problems, source=_FILE)
    return out
