"""How the model's objects show themselves in notebooks: a short ``repr`` and HTML tables.

A guidance edition shows a table of its priorities and targets, a priority its sub-priorities,
a target its facts with the guidance's own words. Every piece of text is HTML-escaped
(:mod:`nhsplan._html`); public through :mod:`nhsplan.display`.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from nhsplan import _html
from nhsplan._figures import format_amount
from nhsplan._html import element, row, table

if TYPE_CHECKING:
    from nhsplan.model._target_base import _TargetBase as Target  # every kind of target
    from nhsplan.model.guidance import Guidance, Priority

__all__ = [
    "guidance_html",
    "guidance_repr",
    "priority_html",
    "priority_repr",
    "target_html",
    "target_repr",
]


def guidance_repr(guidance: Guidance) -> str:
    """One line: the edition, its title and how much it holds."""
    priorities = sum(1 for top in guidance.priorities for _ in top.walk())
    return (
        f"<Guidance {guidance.id!r} {_html.clip(guidance.title)!r}: {priorities} priorities, "
        f"{len(guidance.targets)} targets, {len(guidance.metrics)} metrics>"
    )


def priority_repr(priority: Priority) -> str:
    """One line: the code, title and number of sub-priorities."""
    children = f", {len(priority.children)} sub-priorities" if priority.children else ""
    return f"<Priority {priority.code} {_html.clip(priority.title)!r}{children}>"


def target_repr(target: Target) -> str:
    """One line: the kind, id, what is asked and the priority."""
    priority = f" ({target.priority})" if target.priority else ""
    return f"<{type(target).__name__} {target.id}: {_html.clip(_asks(target), 90)}{priority}>"


# --- what a target asks, in words --------------------------------------------------------------


def _asks(target: Target) -> str:
    from nhsplan.model.targets import (  # noqa: PLC0415 - the targets module imports this one
        BaselineTarget,
        MilestoneTarget,
        ThresholdTarget,
        TrajectoryTarget,
        WithinTimeTarget,
    )

    if isinstance(target, ThresholdTarget | WithinTimeTarget):
        value = target.value
        asked = (
            f"{_html.words(target.comparison.value)} {format_amount(value.magnitude, value.unit)}"
        )
        if isinstance(target, WithinTimeTarget):
            asked += f" within {target.months} months"
    elif isinstance(target, TrajectoryTarget):
        first, last = target.points[0], target.points[-1]
        asked = (
            f"{_html.words(target.comparison.value)} "
            f"{format_amount(first.value.magnitude, first.value.unit)} from {first.on}"
        )
        if len(target.points) > 1:
            asked += f" to {format_amount(last.value.magnitude, last.value.unit)} from {last.on}"
    elif isinstance(target, BaselineTarget):
        change = format_amount(target.change.magnitude, target.change.unit, signed=True)
        labels = " or ".join(b.label for b in target.baselines)
        asked = f"{_html.words(target.comparison.value)} {change} on {labels}"
    elif isinstance(target, MilestoneTarget):
        asked = target.deliverable
    else:  # elimination
        asked = "none"
    metric = _metric(target)
    if metric and not isinstance(target, MilestoneTarget):
        asked = f"{metric} {asked}"
    due = f", {target.deadline.words}" if target.deadline is not None else ""
    return f"{asked}{due}"


def _amendments(target: Target) -> str:
    """The values that replaced the published one, with their dates (``95.0% from 2021-07-01``)."""
    changes = getattr(target, "amendments", ())
    return "; ".join(
        f"{format_amount(a.value.magnitude, a.value.unit)} from {a.effective}" for a in changes
    )


def _metric(target: Target) -> str:
    metric = getattr(target, "metric", None)  # every kind has one; a milestone's may be None
    return metric if isinstance(metric, str) else ""


def guidance_html(guidance: Guidance) -> str:
    """A summary of an edition: its priorities (with their targets' count) and its targets."""
    counts = Counter(t.priority for t in guidance.targets)
    priorities = [(p, p is top) for top in guidance.priorities for p in top.walk()]
    return _html.box(
        _html.heading(
            guidance.title,
            f" — edition {guidance.id} (financial year {guidance.year}); "
            f"{len(guidance.targets)} targets, "
            f"{len(guidance.metrics)} metrics, {len(guidance.funding)} funding lines",
        ),
        table(
            ("code", "priority", "targets"),
            _html.limited(
                priorities,
                lambda pair: row(
                    [
                        pair[0].code if pair[1] else f"\u2003{pair[0].code}",
                        pair[0].title,
                        counts.get(pair[0].code, 0),
                    ],
                    classes=("k", "", "n"),
                ),
                3,
                noun="priorities",
            ),
            caption="Priorities",
        ),
        table(
            ("target", "name", "kind", "asks", "priority", "source"),
            _html.limited(
                guidance.targets,
                lambda t: row(
                    [t.id, t.name, t.KIND, _asks(t), t.priority, str(t.citation)],
                    classes=("k", "", "k", "", "k", ""),
                ),
                6,
                noun="targets",
            ),
            caption="Targets",
        ),
    )


def priority_html(priority: Priority) -> str:
    """A priority: its title, summary, source and sub-priorities."""
    parts = [_html.heading(f"{priority.code} {priority.title}")]
    if priority.summary:
        parts.append(element("p", priority.summary))
    parts.append(element("p", "Source: ", str(priority.citation)))
    if priority.children:
        parts.append(
            table(
                ("code", "sub-priority"),
                _html.limited(
                    priority.children, lambda c: row([c.code, c.title]), 2, noun="sub-priorities"
                ),
            )
        )
    return _html.box(*parts)


def target_html(target: Target) -> str:
    """A target as a table of its facts, the guidance's own words among them."""
    facts = (
        ("id", target.id),
        ("kind", target.KIND),
        ("asks", _asks(target)),
        ("metric", _metric(target)),
        ("priority", target.priority or ""),
        ("amended", _amendments(target)),
        ("deadline", str(target.deadline) if target.deadline is not None else ""),
        ("applies to", ", ".join(sorted(t.value for t in target.applies_to)) or "everyone"),
        ("in force from", str(target.effective_from or "")),
        ("in force until", str(target.effective_until or "")),
        ("source", str(target.citation)),
        ("quote", target.citation.quote),
    )
    rows = [element("tr", element("th", k), element("td", v)) for k, v in facts if v]
    return _html.box(_html.heading(target.name), element("table", element("tbody", *rows)))
