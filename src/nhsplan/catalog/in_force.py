"""What the guidance holds an organisation to on a date, across every edition.

An analyst planning for 2026/27 and reporting on 2025/26 needs every target in force today,
whichever edition set it: :func:`targets_in_force` walks the shipped editions and keeps the
targets whose lifetime covers the date (and, given an organisation type, that ask something of
it), each ask once: a target linked to another by ``same_as`` is listed under it. The date is
always an argument.

>>> from datetime import date
>>> from nhsplan import OrgType
>>> rows = targets_in_force(date(2021, 12, 31), org_type=OrgType.ACUTE_TRUST)
>>> ("2021/22", "cancer_faster_diagnosis_standard") in [(r.edition, r.target.id) for r in rows]
True
>>> all(r.target.in_force(date(2021, 12, 31)) for r in rows)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from nhsplan.catalog import editions, load_guidance
from nhsplan.catalog.registry import targets_end
from nhsplan.catalog.words import value_words
from nhsplan.model import OrgType, Scope, Target

__all__ = ["InForce", "targets_in_force"]


@attrs.frozen(kw_only=True)
class InForce:
    """A target in force on a date, and the edition that sets it."""

    edition: str
    target: Target
    required: str
    """The value asked on the date, as text (``"at least 78 %"``), or the target's kind."""
    also: tuple[str, ...] = ()
    """The same ask in other editions (``"standards ae_4_hour_interim_2026"``), listed here
    once: targets linked by ``same_as``."""

    def __str__(self) -> str:
        return f"{self.edition}  {self.target.id}: {self.required}"


def targets_in_force(
    on: date,
    *,
    org_type: OrgType | None = None,
    edition_ids: Iterable[str] | None = None,
) -> tuple[InForce, ...]:
    """Every target in force on *on*, edition by edition (oldest first), by target id.

    Args:
        on: the date.
        org_type: keep only the targets that ask something of this type of organisation
            (a national ambition asks something of no single organisation, so it is kept only
            for ``OrgType.NATIONAL``).
        edition_ids: the editions to look in; by default every shipped edition.
    """
    rows: list[InForce] = []
    for edition in edition_ids if edition_ids is not None else editions():
        end = targets_end(edition)
        if end is not None and end < on:
            continue  # every target ended before the date: the edition is not built at all
        guidance = load_guidance(edition)
        for target in guidance.targets:
            if not target.in_force(on) or (target.value_on(on) is None and _levelled(target)):
                continue
            if org_type is not None and not _asks(target, org_type):
                continue
            rows.append(InForce(edition=guidance.id, target=target, required=_asked(target, on)))
    return tuple(sorted(_once(rows), key=lambda r: (editions().index(r.edition), r.target.id)))


def _once(rows: list[InForce]) -> list[InForce]:
    """Each ask once: a target linked (``same_as``) to one listed is folded into its row."""
    listed = {row.target.id: row for row in rows}
    folded: dict[str, list[str]] = {}
    for row in rows:
        root = row.target.same_as
        if root is not None and root in listed:
            folded.setdefault(root, []).append(f"{row.edition} {row.target.id}")
    return [
        attrs.evolve(row, also=tuple(folded.get(row.target.id, ())))
        for row in rows
        if row.target.same_as is None or row.target.same_as not in listed
    ]


def _levelled(target: Target) -> bool:
    """True for targets that ask a level (so no level on the date means nothing asked)."""
    return target.KIND in ("threshold", "trajectory", "elimination")


def _asks(target: Target, org_type: OrgType) -> bool:
    if target.scope is Scope.NATIONAL:
        return org_type is OrgType.NATIONAL
    return target.applies_to_type(org_type)


def _asked(target: Target, on: date) -> str:
    value = target.value_on(on)
    comparison = getattr(target, "comparison", None)
    if value is None:
        return value_words(target)
    words = comparison.value.replace("_", " ") if comparison is not None else ""
    return f"{words} {value.format()}".strip()
