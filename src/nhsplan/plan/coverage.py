"""Is every metric the guidance asks for planned for every month? (:func:`coverage`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from nhsplan.calendar import Month
from nhsplan.evaluate.verdict import target_start
from nhsplan.model import Guidance, Plan, Target
from nhsplan.plan.findings import Check, Finding, Severity

__all__ = ["asked_metrics", "coverage"]


def _in_span(target: Target, first: date, last: date) -> bool:
    """The target is in force at some time from *first* to *last*, and not due before it."""
    start = target_start(target)
    if start is not None and start > last:
        return False
    until = target.effective_until
    if until is not None and until < first:
        return False
    deadline = target.deadline
    return deadline is None or deadline.resolved >= first


def asked_metrics(plan: Plan, guidance: Guidance, span: Sequence[Month]) -> dict[str, list[str]]:
    """The metrics the guidance asks of the plan's organisation type in *span*.

    Each with the ids of the targets that ask for it. Without a type, only the metrics planned.
    """
    asked: dict[str, list[str]] = {}
    if not span:
        return asked
    planned = set(plan.metrics())
    for target in guidance.targets:
        if target.metric is None or not _in_span(target, span[0].start, span[-1].end):
            continue
        if plan.org_type is None:
            if target.metric not in planned:
                continue
        elif not target.applies_to_type(plan.org_type):
            continue
        asked.setdefault(target.metric, []).append(target.id)
    return asked


def _ranges(months: Sequence[Month]) -> str:
    """``2025-04 to 2025-06, 2025-09``: runs of consecutive months."""
    runs: list[list[Month]] = []
    for m in months:
        if runs and runs[-1][-1].next() == m:
            runs[-1].append(m)
        else:
            runs.append([m])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs)


def coverage(plan: Plan, guidance: Guidance, span: Sequence[Month], last: date) -> list[Finding]:
    """A finding for each metric asked that is not planned every month of *span* to *last*.

    A metric asked and not planned at all is an error; one with months missing is a
    warning naming them. Without the plan's organisation type, what is asked of it is not
    known: a note says so and only the metrics planned are checked.
    """
    months = [m for m in span if m.end <= last]
    findings: list[Finding] = []
    if plan.org_type is None:
        findings.append(
            Finding(
                severity=Severity.NOTE,
                check=Check.COVERAGE,
                org=plan.org,
                message=(
                    f"{plan.label}: no organisation type, so only the metrics planned are "
                    "checked for gaps; give the type (acute_trust, system, ...) to check "
                    "every metric the guidance asks of it."
                ),
            )
        )
    for metric, targets in sorted(asked_metrics(plan, guidance, span).items()):
        have = {line.period for line in plan.lines_of(metric)}
        missing = [m for m in months if m not in have]
        asks = ", ".join(targets)
        if not have:
            findings.append(
                Finding(
                    severity=Severity.ERROR,
                    check=Check.COVERAGE,
                    org=plan.org,
                    metric=metric,
                    message=(
                        f"{plan.label}: {metric} is not planned, and the guidance asks for "
                        f"it ({asks})."
                    ),
                )
            )
        elif missing:
            findings.append(
                Finding(
                    severity=Severity.WARNING,
                    check=Check.COVERAGE,
                    org=plan.org,
                    metric=metric,
                    period=missing[0],
                    message=(
                        f"{plan.label}: {metric} is not planned for {len(missing)} "
                        f"month{'s' if len(missing) > 1 else ''} ({_ranges(missing)}); the "
                        f"guidance asks for it ({asks})."
                    ),
                )
            )
    return findings
