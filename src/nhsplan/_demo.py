"""``nhsplan demo``: the bundled NHS A&E data (April 2016 - March 2019) against the 4-hour standard.

Reads the bundled monthly A&E attendances (every provider, department types summed), evaluates
England's figure for every month and each provider's latest month against the standards
edition's ``ae_4_hour`` target (at least 95 %), and reads England's series as a Making Data
Count XmR chart.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

from nhsplan.calendar import Month
from nhsplan.catalog import load_guidance
from nhsplan.evaluate import evaluate
from nhsplan.model import Assessment, Observation, Polarity, Status
from nhsplan.sources import read_ae_attendances
from nhsplan.spc import xmr

__all__ = ["run"]

ENGLAND = "ENGLAND"
_STATUS = {
    Status.MET: "met",
    Status.NOT_MET: "not met",
    Status.NO_DATA: "no data",
    Status.NOT_DUE: "not due",
    Status.NOT_APPLICABLE: "n/a",
}


def run() -> str:
    """The demo's whole output, as text."""
    standards = load_guidance("standards")
    target = standards.target("ae_4_hour")
    metric = standards.metric("ae_4_hour")
    data = read_ae_attendances()
    by_org: dict[str, list[Observation]] = defaultdict(list)
    for obs in data.observations:
        if obs.metric == metric.id:
            by_org[obs.org].append(obs)
    england = sorted(by_org.pop(ENGLAND), key=_month)
    first, last = _month(england[0]), _month(england[-1])
    asked = f"{target.id}: at least {target.value_on(last.start)}"
    title = (
        f"nhsplan demo: NHS England A&E attendances, {first} to {last}, "
        f"against the 4-hour standard ({asked})"
    )
    lines = [
        title,
        f"source of the standard: {target.citation}",
        "",
        "England, all department types",
        f"{'month':<8} {'within 4h':>10} {'required':>9} {'margin':>8}  status",
    ]
    for obs in england:
        month = _month(obs)
        a = evaluate(target, [obs], as_of=month.end, org=ENGLAND, metric=metric)
        lines.append(
            f"{month!s:<8} {_pct(a.observed)!s:>10} {_pct(a.required)!s:>9} "
            f"{_signed(a.margin)!s:>8}  {_STATUS[a.status]}"
        )

    series = [o.amount.magnitude for o in england]
    required = target.value_on(_month(england[-1]).start)
    chart = xmr(
        series,
        labels=[str(_month(o)) for o in england],
        polarity=Polarity.HIGHER_IS_BETTER,
        target=required.magnitude if required is not None else None,
    )
    segment = chart.segments[-1]
    limits = (
        f"Making Data Count (XmR): mean {segment.mean:.2f} %, process limits "
        f"{segment.lpl:.2f} % to {segment.upl:.2f} %"
    )
    icons = f"  variation: {_words(chart.variation_icon)}; assurance: {_words(chart.assurance)}"
    lines += ["", limits, icons]

    latest = _month(england[-1])
    met: list[tuple[str, Assessment]] = []
    missed: list[tuple[str, Assessment]] = []
    for org, figures in sorted(by_org.items()):
        a = evaluate(target, figures, as_of=latest.end, org=org, metric=metric)
        if a.period != latest:
            continue  # no figure for the latest month: not counted
        (met if a.status is Status.MET else missed).append((org, a))
    lines += ["", f"Providers in {latest}: {len(met)} met the standard, {len(missed)} did not"]
    lines.append(_wrapped("met", [f"{org} {_pct(a.observed)}" for org, a in met]))
    worst = sorted(missed, key=lambda item: item[1].observed.magnitude if item[1].observed else 0.0)
    lines.append(_wrapped("lowest ten", [f"{org} {_pct(a.observed)}" for org, a in worst[:10]]))
    if data.issues:
        lines += ["", f"Data quality: {len(data.issues)} issue(s) in the source data"]
        lines += [f"  - {issue}" for issue in data.issues]
    final = evaluate(target, england, as_of=latest.end, org=ENGLAND, metric=metric)
    summary = (
        f"Summary: in {latest} England's 4-hour performance was {_pct(final.observed)} against "
        f"{_pct(final.required)} required ({_STATUS[final.status]}); {len(met)} of "
        f"{len(met) + len(missed)} providers met the standard."
    )
    lines += ["", summary]
    return "\n".join(lines) + "\n"


def _wrapped(label: str, items: list[str]) -> str:
    # keep "ORG 99.65 %" on one line: wrap between items only
    glued = [item.replace(" ", "\u00a0") for item in items]
    text = textwrap.fill(
        ", ".join(glued) or "none",
        width=100,
        initial_indent=f"  {label}: ",
        subsequent_indent="    ",
        break_long_words=False,
    )
    return text.replace("\u00a0", " ")


def _month(obs: Observation) -> Month:
    period = obs.period
    assert isinstance(period, Month)  # the A&E adapter reports months
    return period


def _pct(amount: object) -> str:
    magnitude = getattr(amount, "magnitude", None)
    return "-" if magnitude is None else f"{magnitude:.2f} %"


def _signed(amount: object) -> str:
    magnitude = getattr(amount, "magnitude", None)
    return "-" if magnitude is None else f"{magnitude:+.2f}"


def _words(value: object) -> str:
    if value is None:
        return "none"
    text = getattr(value, "value", value)
    return str(text).replace("_", " ")
