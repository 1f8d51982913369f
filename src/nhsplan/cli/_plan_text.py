"""The plan commands' text: findings and tracking, for people."""

from __future__ import annotations

import textwrap

from nhsplan.plan import PlanCheck, PlanTracking, Severity

__all__ = ["check_text", "tracking_text"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def check_text(result: PlanCheck) -> str:
    """The findings, errors first, each with its check, target and period, then its sentence."""
    counts = ", ".join(
        _plural(len(result.of(s)), s.value)
        for s in (Severity.ERROR, Severity.WARNING, Severity.NOTE)
    )
    title = (
        f"Plans of {', '.join(result.orgs)} checked against {result.edition}, "
        f"to {result.as_of}: {counts}"
    )
    lines = [title, ""]
    for f in result.findings:
        head = [f.severity.value.upper(), f.check.value]
        head += [x for x in (f.target, f.metric if not f.target else None) if x]
        if f.period is not None:
            head.append(str(f.period))
        lines.append(" ".join(head))
        lines.extend(
            textwrap.wrap(f.message, width=96, initial_indent="  ", subsequent_indent="  ")
        )
    if not result.findings:
        lines.append("(no findings)")
    return "\n".join(lines) + "\n"


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def tracking_text(result: PlanTracking) -> str:
    """Per metric: months on and off plan, the SPC reading, the months, the projections."""
    lines = [f"{result.org}'s plan ({result.edition}) against actuals to {result.as_of}", ""]
    for m in result.metrics:
        assurance = m.assurance.value if m.assurance is not None else "no reading"
        lines.append(
            f"{m.metric} ({m.unit}; variance in {m.variance_unit}): "
            f"{_plural(m.on_plan, 'month')} on plan, "
            f"{m.off_plan} off; SPC assurance against the plan (latest month): {assurance}"
        )
        lines.append(
            "  month    planned     actual   variance  relative  on plan  cumulative  assurance"
        )
        for t in m.months:
            on = "-" if t.on_plan is None else ("yes" if t.on_plan else "no")
            rel = "-" if t.relative is None else f"{t.relative:+.1f} %"
            var = "-" if t.variance is None else f"{t.variance:+,.2f}"
            lines.append(
                f"  {t.month!s:7}  {_num(t.planned):>9}  {_num(t.actual):>9}  {var:>9}  "
                f"{rel:>8}  {on:>7}  {_num(t.cumulative, 0):>10}  "
                f"{t.assurance.value if t.assurance else '-'}"
            )
        for p in m.projections:
            needed = "" if p.needed is None else f"; {p.needed:+,.2f} a month would reach it"
            required = "" if p.required is None else f" (required {_num(p.required)})"
            lines.append(
                f"  projection {p.target}: at {p.slope:+,.2f} a month, {p.month} reaches "
                f"{_num(p.projected)}{required}: {p.status.value}{needed}"
            )
        lines.append("")
    if not result.metrics:
        lines.append("(nothing planned)")
    return "\n".join(lines)
