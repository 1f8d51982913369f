"""Plain-text and Markdown renderings of guidance, for the command line and the docs."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from nhsplan.catalog.words import (
    basis_words,
    lifetime_words,
    owners_words,
    scope_words,
    value_words,
)
from nhsplan.model import (
    DueItem,
    Funding,
    Guidance,
    Priority,
    Requirement,
    Target,
)
from nhsplan.model.formats import upper_ascii
from nhsplan.units.text import counted

__all__ = ["deadlines", "markdown", "show"]

_WIDTH = 100


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _target_line(t: Target) -> str:
    due = f"; {t.deadline}" if t.deadline else ""
    return f"{t.id} [{t.KIND}] {value_words(t)}{due}"


def show(guidance: Guidance, code: str | None) -> str:
    """The text of ``nhsplan show``: the edition's outline, or one priority or target in full."""
    if code is None:
        return _outline(guidance)
    if any(p.code == upper_ascii(code) for top in guidance.priorities for p in top.walk()):
        return _priority(guidance, guidance.priority(code))
    target = guidance.target(code)  # raises LookupError naming the closest ids
    return _target(target)


def _outline(g: Guidance) -> str:
    lines = [f"{g.id}: {g.title}", f"source: {g.citation}", ""]
    for top in g.priorities:
        for p in top.walk():
            depth = 0 if p is top else 1
            asks = sum(1 for r in g.requirements if r.priority == p.code)
            targets = sum(1 for t in g.targets if t.priority == p.code)
            lines.append(
                _wrap(
                    f"{p.code}  {p.title}  ({counted(asks, 'ask')}, {counted(targets, 'target')})",
                    "  " * depth,
                )
            )
    counts = (
        f"{counted(len(g.targets), 'target')}, {counted(len(g.requirements), 'requirement')}, "
        f"{counted(len(g.funding), 'funding line')}, {counted(len(g.frameworks), 'framework')}"
    )
    lines += ["", counts]
    return "\n".join(lines) + "\n"


def _priority(g: Guidance, p: Priority) -> str:
    lines = [f"{p.code}  {p.title}", f"source: {p.citation}"]
    if p.summary:
        lines += ["", _wrap(p.summary, "")]
    if p.children:
        lines += ["", "sub-priorities:"]
        lines += [f"  {c.code}  {c.title}" for c in p.children]
    asks = [r for r in g.requirements if r.priority == p.code]
    if asks:
        lines += ["", "asks:"]
        for r in asks:
            lines.append(_wrap(f"- {r.text}", "  "))
            due = f"; {r.deadline}" if r.deadline else ""
            lines.append(f"      asked of: {owners_words(r.owners)}{due}; source: {r.citation}")
    targets = [t for t in g.targets if t.priority == p.code]
    if targets:
        lines += ["", "targets:"]
        for t in targets:
            lines.append(_wrap(f"- {_target_line(t)}", "  "))
            lines.append(f"      source: {t.citation}")
    funds = [f for f in g.funding if f.priority == p.code]
    if funds:
        lines += ["", "funding:"]
        lines += [f"  - {_funding_line(f)}" for f in funds]
    return "\n".join(lines) + "\n"


def _funding_line(f: Funding) -> str:
    period = f" ({f.period})" if f.period else ""
    part = f", part of {f.part_of}" if f.part_of else ""
    return f"{f.words}{period}: {f.name}{part}; source: {f.citation}"


def _target(t: Target) -> str:
    lines = [f"{t.id}: {t.name}", f"kind: {t.KIND}", f"asks: {value_words(t)}"]
    if t.metric:
        lines.append(f"metric: {t.metric}")
    lines.append(f"applies to: {owners_words(t.applies_to)}")
    lines.append(f"scope: {scope_words(t)}")
    if t.deadline:
        lines.append(f"deadline: {t.deadline}")
    lines.append(f"in force: {lifetime_words(t)}")
    if t.superseded_by:
        lines.append(f"superseded by: {t.superseded_by}")
    lines.append(f"judged on: {basis_words(t)}")
    if t.reading is not None:
        lines.append(_wrap(f"reading: {t.reading}", ""))
    if t.same_as:
        lines.append(f"the same ask as: {t.same_as}")
    lines += [
        f"amended from {a.effective}: {a.value} (source: {a.citation})"
        for a in getattr(t, "amendments", ())
    ]
    lines.append(f"source: {t.citation}")
    if t.citation.quote:
        lines.append(_wrap(f'"{t.citation.quote}"', "  "))
    if t.description:
        lines.append(_wrap(t.description, ""))
    return "\n".join(lines) + "\n"


def deadlines(items: Sequence[DueItem]) -> str:
    """The text of ``nhsplan deadlines``: one line per dated ask, in date order."""
    if not items:
        return "no deadlines in that range\n"
    lines = []
    for item in items:
        d = item.deadline
        lines.append(f"{d.resolved.isoformat()}  {d.kind.value:<6} {item.id}")
        lines.append(_wrap(f'"{d.words}": {item.text}', "            "))
        lines.append(f"            asked of: {owners_words(item.owners)}; source: {item.citation}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(g: Guidance) -> str:
    """A Markdown page for an edition: every priority, ask, target and funding line, cited."""
    lines = [f"# {g.title}", "", f"Edition id `{g.id}`; source: {_md(str(g.citation))}.", ""]
    for note in g.notes:
        lines += [f"> {_md(note)}", ""]
    for top in g.priorities:
        for p in top.walk():
            lines += _priority_md(g, p, top)
    if g.frameworks:
        lines += ["## Frameworks", ""]
        for fw in g.frameworks:
            lines += [f"### {fw.name}", "", f"Source: {_md(str(fw.citation))}.", ""]
            for part in (
                "themes",
                "segments",
                "domains",
                "clinical_areas",
                "ratings",
                "support_levels",
            ):
                items = getattr(fw, part)
                if items:
                    lines.append(f"**{part.replace('_', ' ').capitalize()}**")
                    lines.append("")
                    for item in items:
                        number = f"{item.number}. " if item.number is not None else "- "
                        desc = f": {_md(item.description)}" if item.description else ""
                        lines.append(f"{number}{_md(item.name)}{desc}")
                    lines.append("")
    unplaced = [f for f in g.funding if f.priority is None]
    if unplaced:
        lines += ["## Funding", "", "| amount | period | line | source |", "|---|---|---|---|"]
        lines += [_funding_row(f) for f in unplaced]
        lines.append("")
    return "\n".join(lines) + "\n"


def _priority_md(g: Guidance, p: Priority, top: Priority) -> list[str]:
    level = "##" if p is top else "###"
    lines = [f"{level} {p.code} {_md(p.title)}", "", f"Source: {_md(str(p.citation))}.", ""]
    if p.summary:
        lines += [_md(p.summary), ""]
    asks = [r for r in g.requirements if r.priority == p.code]
    if asks:
        lines += ["| ask | asked of | deadline | source |", "|---|---|---|---|"]
        lines += [_ask_row(r) for r in asks]
        lines.append("")
    targets = [t for t in g.targets if t.priority == p.code]
    if targets:
        lines += [
            "| target | kind | asks | judges | judged on | in force | deadline | source |",
            "|---|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| `{t.id}` | {t.KIND} | {_md(value_words(t))} | {_md(scope_words(t))} | "
            f"{basis_words(t)} | {lifetime_words(t)} | "
            f"{_md(str(t.deadline)) if t.deadline else ''} | {_md(str(t.citation))} |"
            for t in targets
        ]
        lines.append("")
    funds = [f for f in g.funding if f.priority == p.code]
    if funds:
        lines += ["| amount | period | line | source |", "|---|---|---|---|"]
        lines += [_funding_row(f) for f in funds]
        lines.append("")
    return lines


def _ask_row(r: Requirement) -> str:
    due = _md(str(r.deadline)) if r.deadline else ""
    return f"| {_md(r.text)} | {owners_words(r.owners)} | {due} | {_md(str(r.citation))} |"


def _funding_row(f: Funding) -> str:
    period = str(f.period) if f.period else ""
    notes = "".join(
        f" (also reported: {_md(d.value)}, {_md(str(d.citation))})" for d in f.discrepancies
    )
    part = f" (part of `{f.part_of}`)" if f.part_of else ""
    return f"| {_md(f.words)} | {period} | {_md(f.name)}{part}{notes} | {_md(str(f.citation))} |"
