"""What changed between two guidance editions: targets added, removed or changed.

Targets are matched by the metric that measures them (a milestone without a metric, by its
id), so a threshold that moved between editions shows as a change even when its id did not
survive. A change names what moved: the required value, the deadline, or the scope (the
organisation types asked).

>>> import nhsplan
>>> diff = nhsplan.compare(nhsplan.load_guidance("2020/21"), nhsplan.load_guidance("2021/22"))
>>> diff.before, diff.after
('2020/21', '2021/22')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from nhsplan.catalog.words import value_words
from nhsplan.model import Guidance, Target

__all__ = ["EditionDiff", "TargetChange", "compare"]


@attrs.frozen(kw_only=True)
class TargetChange:
    """One target as it stood in each edition, and what changed between them."""

    key: str
    """The metric id the targets were matched by (or the target id, for a milestone)."""
    before: Target
    after: Target
    changes: tuple[str, ...]
    """One readable line per change (``"value: 92 % → 95 %"``)."""

    def __str__(self) -> str:
        ids = (
            self.before.id
            if self.before.id == self.after.id
            else (f"{self.before.id} → {self.after.id}")
        )
        return f"{ids}: " + "; ".join(self.changes)


@attrs.frozen(kw_only=True)
class EditionDiff:
    """Targets added, removed and changed from edition ``before`` to edition ``after``."""

    before: str
    after: str
    added: tuple[Target, ...]
    removed: tuple[Target, ...]
    changed: tuple[TargetChange, ...]
    unchanged: tuple[Target, ...]
    """Targets (as in ``after``) whose value, deadline and scope did not change."""

    def __str__(self) -> str:
        head = (
            f"{self.before} → {self.after}: {len(self.added)} added, "
            f"{len(self.removed)} removed, {len(self.changed)} changed, "
            f"{len(self.unchanged)} unchanged"
        )
        lines = [head]
        lines += [f"  + {t.id} ({value_words(t)})" for t in self.added]
        lines += [f"  - {t.id} ({value_words(t)})" for t in self.removed]
        lines += [f"  ~ {change}" for change in self.changed]
        return "\n".join(lines)


def compare(before: Guidance, after: Guidance) -> EditionDiff:
    """Compare the targets of two editions, matched by metric.

    Args:
        before: the earlier edition (``load_guidance("2020/21")``).
        after: the later edition (``load_guidance("2021/22")``).
    """
    old = _by_key(before.targets)
    new = _by_key(after.targets)
    added: list[Target] = []
    removed: list[Target] = []
    changed: list[TargetChange] = []
    unchanged: list[Target] = []
    for key in sorted(set(old) | set(new)):
        pairs, gone, fresh = _pair(old.get(key, []), new.get(key, []))
        removed += gone
        added += fresh
        for a, b in pairs:
            lines = _changes(a, b)
            if lines:
                changed.append(TargetChange(key=key, before=a, after=b, changes=tuple(lines)))
            else:
                unchanged.append(b)
    return EditionDiff(
        before=before.id,
        after=after.id,
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        unchanged=tuple(unchanged),
    )


def _by_key(targets: Iterable[Target]) -> dict[str, list[Target]]:
    groups: dict[str, list[Target]] = defaultdict(list)
    for target in targets:
        groups[target.metric or f"id:{target.id}"].append(target)
    return groups


def _pair(
    old: Sequence[Target], new: Sequence[Target]
) -> tuple[list[tuple[Target, Target]], list[Target], list[Target]]:
    """Pair targets of one metric: same id first, then same kind, then in order."""
    pairs: list[tuple[Target, Target]] = []
    left, right = list(old), list(new)
    for match in (
        lambda a, b: a.id == b.id,
        lambda a, b: a.KIND == b.KIND,
        lambda a, b: True,
    ):
        for a in list(left):
            b = next((b for b in right if match(a, b)), None)
            if b is not None:
                pairs.append((a, b))
                left.remove(a)
                right.remove(b)
    return pairs, left, right


def _changes(a: Target, b: Target) -> list[str]:
    lines: list[str] = []
    if a.KIND != b.KIND:
        lines.append(f"kind: {a.KIND} → {b.KIND}")
    if value_words(a) != value_words(b):
        lines.append(f"value: {value_words(a)} → {value_words(b)}")
    amend_a = [(x.effective, x.value) for x in getattr(a, "amendments", ())]
    amend_b = [(x.effective, x.value) for x in getattr(b, "amendments", ())]
    if amend_a != amend_b:
        lines.append(f"amendments: {len(amend_a)} → {len(amend_b)}")
    deadline_a = str(a.deadline) if a.deadline else "none"
    deadline_b = str(b.deadline) if b.deadline else "none"
    if deadline_a != deadline_b:
        lines.append(f"deadline: {deadline_a} → {deadline_b}")
    if a.effective_from != b.effective_from:
        lines.append(f"in force from: {a.effective_from} → {b.effective_from}")
    if a.effective_until != b.effective_until:
        lines.append(f"in force until: {a.effective_until} → {b.effective_until}")
    if a.applies_to != b.applies_to:
        gained = sorted(t.value for t in b.applies_to - a.applies_to)
        lost = sorted(t.value for t in a.applies_to - b.applies_to)
        parts = [f"+{name}" for name in gained] + [f"-{name}" for name in lost]
        lines.append("scope: " + (", ".join(parts) or "everyone"))
    return lines
