"""``nhsplan demo``: the bundled NHS A&E data (April 2016 - March 2019) against the 4-hour standard.

Reads the bundled monthly A&E attendances (every provider, department types summed), evaluates
England's figure for every month and each provider's latest month against the standards
edition's ``ae_4_hour`` target (at least 95 %), and reads England's series as a Making Data
Count XmR chart. Providers are named from the bundled ODS register of NHS trusts; NHS trusts
with a type-1 (major) A&E department are counted apart from other NHS trusts (community and
mental health trusts' minor-injury units) and from the walk-in, minor-injury and GP-led sites
the file also holds.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

from nhsplan.calendar import Month
from nhsplan.catalog import load_guidance
from nhsplan.evaluate import evaluate
from nhsplan.io.readers import (
    OdsRegister,
    ae_major_departments,
    read_ae_attendances,
    read_ods_trusts,
)
from nhsplan.model import Assessment, Observation, Polarity, Status
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
    ods = read_ods_trusts()
    results = {
        org: evaluate(target, figures, as_of=latest.end, org=org, metric=metric)
        for org, figures in sorted(by_org.items())
    }
    trusts, others = ods.identify(results)
    majors = ae_major_departments().get(latest, frozenset())
    acute = tuple(c for c in trusts if c in majors)
    other_trusts = tuple(c for c in trusts if c not in majors)
    lines += ["", *_providers(latest, results, (acute, other_trusts, others), ods)]
    if data.issues:
        lines += ["", f"Data quality: {len(data.issues)} issue(s) in the source data"]
        lines += [f"  - {issue}" for issue in data.issues]
    final = evaluate(target, england, as_of=latest.end, org=ENGLAND, metric=metric)
    judged = [results[c] for c in acute if results[c].status is not Status.NO_DATA]
    met = sum(a.status is Status.MET for a in judged)
    summary = (
        f"Summary: in {latest} England's 4-hour performance was {_pct(final.observed)} against "
        f"{_pct(final.required)} required ({_STATUS[final.status]}); {met} of {len(judged)} "
        f"NHS trusts with a type-1 (major) A&E department met the standard in {latest}; other "
        "NHS trusts and other sites are counted apart above."
    )
    lines += ["", textwrap.fill(summary, width=100)]
    return "\n".join(lines) + "\n"


def _providers(
    latest: Month,
    results: dict[str, Assessment],
    kinds: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    ods: OdsRegister,
) -> list[str]:
    """Providers in the latest month: type-1 acute trusts, other NHS trusts, other sites."""
    trusts, other_trusts, others = kinds

    def tally(codes: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
        met = [c for c in codes if results[c].status is Status.MET]
        missed = [c for c in codes if results[c].status is Status.NOT_MET]
        absent = [c for c in codes if results[c].status is Status.NO_DATA]
        return met, missed, absent

    t_met, t_missed, t_absent = tally(trusts)
    n_met, n_missed, n_absent = tally(other_trusts)
    o_met, o_missed, o_absent = tally(others)

    def named(codes: list[str]) -> list[str]:
        return [f"{ods.display(c)} {_pct(results[c].observed)}" for c in codes]

    lowest = sorted(t_missed, key=lambda c: _magnitude(results[c].observed))[:10]
    heading = textwrap.fill(
        f"NHS trusts with a type-1 (major) A&E department in {latest} (ODS register, "
        f"{ods.source}; type 1 from the attendances file): {len(t_met)} met the standard, "
        f"{len(t_missed)} did not, {len(t_absent)} had no {latest} figure",
        width=100,
    )
    return [
        heading,
        _wrapped("met", named(t_met)),
        _wrapped("lowest ten", named(lowest)),
        "",
        textwrap.fill(
            f"Other NHS trusts in {latest} (no type-1 department: specialist trusts' "
            "single-specialty departments, and community and mental health trusts' "
            f"minor-injury units and urgent care centres): {len(n_met)} met the "
            f"standard, {len(n_missed)} did not, {len(n_absent)} had no {latest} figure",
            width=100,
        ),
        _wrapped("did not meet it", named(n_missed)),
        "",
        textwrap.fill(
            f"Other sites in {latest} (independent-sector, walk-in, minor-injury and GP-led "
            f"sites, and trusts formed after the register's snapshot; {len(others)} codes not "
            f"in the ODS trust register): {len(o_met)} met the standard, {len(o_missed)} did "
            f"not, {len(o_absent)} had no {latest} figure",
            width=100,
        ),
        _wrapped("codes not identified", list(others)),
    ]


def _magnitude(amount: object) -> float:
    magnitude = getattr(amount, "magnitude", None)
    return float(magnitude) if isinstance(magnitude, int | float) else 0.0


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
