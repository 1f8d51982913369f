"""An edition held to its sources: per target, the words it encodes and every choice made.

A reviewer checking an edition against the published guidance needs, for each target, the
quote and where it is from (marked secondary or unconfirmed where it is), what is asked, whose
figure judges it (scope), which figure (basis), the reading of words the guidance leaves open,
the dates it is in force and the same ask in other editions: :func:`audit` gives them, one
:class:`AuditEntry` per target, and :func:`audit_text` prints them in one read (``nhsplan
audit EDITION``).

>>> entries = audit("2026-29")
>>> rtt = next(e for e in entries if e.target == "rtt_18_weeks_trust_2026_27")
>>> rtt.scope, rtt.basis
('each acute_trust', 'the deadline month')
>>> rtt.reading.startswith("'A minimum 7% improvement' read as 7 percentage points")
True
"""

from __future__ import annotations

import textwrap

import attrs

from nhsplan.catalog.registry import editions, load_guidance
from nhsplan.catalog.words import basis_words, lifetime_words, scope_words, value_words
from nhsplan.model import Guidance

__all__ = ["AuditEntry", "audit", "audit_text"]

_WIDTH = 100


@attrs.frozen(kw_only=True)
class AuditEntry:
    """One target as a reviewer checks it against its source."""

    target: str
    name: str
    kind: str
    asks: str
    """What is asked, in words (``at least 75 %``)."""
    quote: str
    """The words of the source the target encodes."""
    source: str
    """The citation in full: publisher, title, date, section, and whether it is secondary."""
    secondary: bool
    """True where the source is a briefing or report, not the guidance or NHS England."""
    scope: str
    """Whose figure judges it (``England (national)``, ``each system``)."""
    basis: str
    """Which figure judges it (``the deadline month``)."""
    reading: str
    """The reading of words the guidance leaves open, with its alternatives; empty if none."""
    lifetime: str
    """The dates it is in force (``2025-04-01 to 2026-03-31``)."""
    amendments: tuple[str, ...] = ()
    """Values changed after publication, each with its date and source."""
    same_as: tuple[str, ...] = ()
    """The same ask in other editions (``standards cancer_62_day_interim_2026``)."""
    description: str = ""

    def __str__(self) -> str:
        lines = [
            f"{self.target} [{self.kind}]: {self.name}",
            _field("asks", self.asks),
            _field("quote", f'"{self.quote}"'),
            _field("source", self.source),
            _field("scope", self.scope),
            _field("basis", self.basis),
            _field("reading", self.reading or "none: the level is as the words state it"),
            _field("in force", self.lifetime),
        ]
        lines += [_field("amended", a) for a in self.amendments]
        if self.same_as:
            lines.append(_field("same ask", ", ".join(self.same_as)))
        if self.description:
            lines.append(_field("note", self.description))
        return "\n".join(lines)


def _field(label: str, text: str) -> str:
    return textwrap.fill(
        text,
        width=_WIDTH,
        initial_indent=f"  {label + ':':<10}",
        subsequent_indent=" " * 12,
    )


def audit(edition: str | Guidance) -> tuple[AuditEntry, ...]:
    """Every target of *edition* (an id or a loaded Guidance), in the edition's order.

    Raises:
        UnknownEditionError: *edition* names no shipped edition or guidance file.
    """
    guidance = edition if isinstance(edition, Guidance) else load_guidance(edition)
    links = _links(guidance)
    entries = []
    for t in guidance.targets:
        citation = t.citation
        entries.append(
            AuditEntry(
                target=t.id,
                name=t.name,
                kind=t.KIND,
                asks=value_words(t),
                quote=citation.quote,
                source=str(citation),
                secondary=bool(citation.publication and citation.publication.secondary),
                scope=scope_words(t),
                basis=basis_words(t),
                reading="" if t.reading is None else str(t.reading),
                lifetime=lifetime_words(t)
                + (f"; replaced by {t.superseded_by}" if t.superseded_by else ""),
                amendments=tuple(
                    f'from {a.effective}: {a.value} ({a.citation}): "{a.citation.quote}"'
                    for a in getattr(t, "amendments", ())
                ),
                same_as=links.get(t.id, ()),
                description=t.description,
            )
        )
    return tuple(entries)


def _links(guidance: Guidance) -> dict[str, tuple[str, ...]]:
    """For each target of *guidance*, the targets of other editions that are the same ask."""
    roots = {t.id: t.same_as or t.id for t in guidance.targets}
    found: dict[str, list[str]] = {}
    for edition in editions():
        other = load_guidance(edition)
        if other.id == guidance.id:
            continue
        for t in other.targets:
            root = t.same_as or t.id
            for own, own_root in roots.items():
                if root == own_root:
                    found.setdefault(own, []).append(f"{other.id} {t.id}")
    return {k: tuple(v) for k, v in found.items()}


def audit_text(edition: str | Guidance) -> str:
    """:func:`audit` as text to read in one pass: a heading, then one block per target."""
    guidance = edition if isinstance(edition, Guidance) else load_guidance(edition)
    entries = audit(guidance)
    secondary = sum(e.secondary for e in entries)
    read = sum(bool(e.reading) for e in entries)
    counts = (
        f"{len(entries)} targets; {secondary} rest on a secondary source; "
        f"{read} rest on a reading the guidance does not state."
    )
    blocks = [f"Audit of {guidance.id}: {guidance.title}\n{counts}", *map(str, entries)]
    return "\n\n".join(blocks) + "\n"
