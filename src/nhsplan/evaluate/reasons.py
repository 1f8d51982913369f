"""The one place a verdict is put into words: a reason code and its facts, for an organisation.

The decision core (:mod:`nhsplan.evaluate.decide`) never writes a sentence and never names an
organisation: it gives a :class:`Reason` and the facts the sentence needs. Every path (one
figure, a column of figures, the columnar engine) words its verdicts here, with the real
organisation's code, so the same case reads the same everywhere.

>>> sentence(Reason.NOT_STARTED, {"target": "fds", "start": "2021-10-01",
...                                "as_of": "2021-09-30"}, org="RBD")
'The target fds applies from 2021-10-01, after the date assessed, 2021-09-30.'
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import Final, NamedTuple

from nhsplan import units
from nhsplan.evaluate.verdict import Figures, describe_figures, verdict_words
from nhsplan.model import BaselineTarget, Target
from nhsplan.model.enums import Comparison, Status
from nhsplan.model.targets import Combine

__all__ = [
    "Reason",
    "Wording",
    "compared",
    "compared_wording",
    "derivation",
    "progress",
    "sentence",
    "worded",
]


class Reason(enum.Enum):
    """Why a verdict is what it is: the code of its sentence."""

    NOT_FOR_TYPE = "not_for_type"
    """The target asks nothing of the organisation's type (NOT_APPLICABLE)."""
    NATIONAL_ONLY = "national_only"
    """A national ambition, judged on England's figure, of another organisation."""
    RETIRED = "retired"
    """Retired (superseded) before its deadline month ended (NOT_APPLICABLE)."""
    NOT_STARTED = "not_started"
    """The target applies from a date after the date assessed (NOT_DUE)."""
    NO_PERIOD = "no_period"
    """No figure says what kind of period a latest-figure target is judged on (NO_DATA)."""
    MONTH_OPEN = "month_open"
    """The deadline month is not complete on the date assessed (NOT_DUE)."""
    YEAR_NOT_BEGUN = "year_not_begun"
    """The year judged begins after the date assessed (NOT_DUE)."""
    NO_FIGURE = "no_figure"
    """No figure for the period judged (NO_DATA)."""
    STALE_FIGURE = "stale_figure"
    """Only a figure for an earlier period (NO_DATA): it never stands in for the period judged."""
    NOTHING_ASKED = "nothing_asked"
    """The target asks nothing for the period judged (NOT_DUE)."""
    NOTHING_ASKED_ON = "nothing_asked_on"
    """The target asks nothing on the date assessed (NOT_DUE)."""
    NO_BASELINE = "no_baseline"
    """A national baseline's value is missing (NO_DATA): it is never read from the figures."""
    NO_LOCAL_BASELINE = "no_local_baseline"
    """A local baseline's value is missing: no figure of the organisation's for its period."""
    NO_CASE_DUE = "no_case_due"
    """No case was due or done by the date assessed (NO_DATA)."""
    MILESTONE_DUE = "milestone_due"
    MILESTONE_NO_METRIC = "milestone_no_metric"
    MILESTONE_DELIVERED = "milestone_delivered"
    MILESTONE_LATE = "milestone_late"
    MILESTONE_MISSED = "milestone_missed"
    MILESTONE_NOT_YET = "milestone_not_yet"
    NO_POPULATION = "no_population"
    """A level per head of population, and no population for the organisation (NO_DATA)."""
    EVERY_NO_START = "every_no_start"
    """Judged on every period in force, and no first day to say which (NO_DATA)."""
    EVERY_NOT_COMPLETE = "every_not_complete"
    """Judged on every period of a window, and none complete by the date assessed (NOT_DUE)."""
    EVERY_MISSED = "every_missed"
    """A period of the window missed the level (NOT_MET); the sentence names it."""
    EVERY_MISSING = "every_missing"
    """No period missed, but some have no figure (NO_DATA); the sentence names them."""
    EVERY_MET = "every_met"
    """Every period of the window judged so far met the level (MET)."""
    REACH_PROGRESS = "reach_progress"
    """A reach not yet reached: progress towards it (NOT_APPLICABLE, never NOT_MET)."""
    REACH_REACHED = "reach_reached"
    """A reach reached (NOT_APPLICABLE, never MET): an ambition, not a requirement."""
    COMPARED = "compared"
    """A figure compared with the level required (MET, NOT_MET, or NOT_DUE while pending)."""


_SENTENCES: Final[Mapping[Reason, str]] = {
    Reason.NOT_FOR_TYPE: (
        "The target {target} asks nothing of {org_type} organisations, only of {asked}."
    ),
    Reason.NATIONAL_ONLY: (
        "The target {target} is a national ambition{level}, judged on England's figure "
        "(organisation ENGLAND, or E92000001); {who} is judged against it only with its own "
        "share or plan value."
    ),
    Reason.RETIRED: (
        "The target {target} was retired on {until}, before its deadline month {month} "
        "ended{successor}."
    ),
    Reason.NOT_STARTED: (
        "The target {target} applies from {start}, after the date assessed, {as_of}."
    ),
    Reason.NO_PERIOD: (
        "No figure of {metric} for {who} for a period in force that ended by {as_of}."
    ),
    Reason.MONTH_OPEN: (
        "The target {target} is judged on the {period} figure, complete on {ends}, after the "
        "date assessed, {as_of}."
    ),
    Reason.YEAR_NOT_BEGUN: (
        "The target {target} is judged on {period}, which begins on {starts}, after the date "
        "assessed, {as_of}."
    ),
    Reason.NO_FIGURE: "No {period} figure of {metric} for {who} by {as_of}{ended}.",
    Reason.STALE_FIGURE: (
        "No {period} figure of {metric} for {who} by {as_of}{ended}: the latest figure found "
        "is for {latest}, and only a figure for the period judged decides a verdict."
    ),
    Reason.NOTHING_ASKED: "The target {target} asks nothing for {period}.",
    Reason.NOTHING_ASKED_ON: "The target {target} asks nothing on {as_of}.",
    Reason.NO_BASELINE: (
        "No value for the baseline {label!r} of {target}; give it as baselines= (a national "
        "baseline is never read from the figures)."
    ),
    Reason.NO_LOCAL_BASELINE: (
        "No value for the baseline {label!r} of {target}; give it as {who}'s own "
        "{baseline_period} figure or baselines=."
    ),
    Reason.NO_CASE_DUE: "No {metric} case of {who} was due or done by {as_of}.",
    Reason.MILESTONE_DUE: "The milestone {target} is due {deadline}.",
    Reason.MILESTONE_NO_METRIC: (
        "The milestone {target} has no metric, so no figure can show it was delivered {deadline}."
    ),
    Reason.MILESTONE_DELIVERED: "{actor} delivered the milestone {target} in {period}, {deadline}.",
    Reason.MILESTONE_LATE: (
        "{actor} delivered the milestone {target} in {period}, after its deadline, {deadline}."
    ),
    Reason.MILESTONE_MISSED: (
        "{actor} had not delivered the milestone {target} by {as_of}; it was due {deadline}."
    ),
    Reason.MILESTONE_NOT_YET: (
        "The milestone {target} is due {deadline}; {who} had not delivered it by {as_of}."
    ),
    Reason.NO_POPULATION: (
        "The target {target} asks a level per {per} population; give {who}'s population "
        "(population=), or judge England's figure (org='ENGLAND'), for which the {estimate} "
        "is bundled."
    ),
    Reason.EVERY_NO_START: (
        "The target {target} is judged on every {each} in force but has no first day "
        "(effective_from); it cannot say which periods to judge."
    ),
    Reason.EVERY_NOT_COMPLETE: (
        "The target {target} is judged on every {each} {window}; the first, {period}, is "
        "complete on {ends}, after the date assessed, {as_of}."
    ),
    Reason.EVERY_MISSED: (
        "{compared}: the target asks it in every {each} {window}, and {period} missed it."
    ),
    Reason.EVERY_MISSING: (
        "No figure of {metric} for {who} for {missing}: the target {target} is judged on "
        "every {each} {window}, and each needs its own figure."
    ),
    Reason.EVERY_MET: (
        "{actor} met the target in {count} judged, {span} (it is asked in every {each} "
        "{window}); the latest, {latest}, was {observed} against {required}."
    ),
    Reason.REACH_PROGRESS: (
        "The target {target} is a reach, not a requirement: the {label}, {observed}, is "
        "{share} % of the way to the {required} it aims for; it is reported as progress, "
        "never met or not met."
    ),
    Reason.REACH_REACHED: (
        "The target {target} is a reach, not a requirement: the {label}, {observed}, has "
        "reached the {required} it aims for; it is reported as progress, never met or not met."
    ),
}


def _names(org: str | None) -> dict[str, str]:
    """How a sentence names the organisation: inside it, to start it, and as an owner."""
    return {
        "who": org or "the organisation",
        "actor": org or "The organisation",
        "subject": _subject(org),
    }


def _subject(org: str | None) -> str:
    """The organisation as the owner that starts a sentence: ``"RBD's"``, or ``"The"``."""
    return f"{org}'s" if org else "The"


def sentence(reason: Reason, facts: Mapping[str, str], *, org: str | None) -> str:
    """The sentence of a fixed verdict (*reason*, not :attr:`Reason.COMPARED`), for *org*.

    Raises:
        KeyError: *reason* is COMPARED (worded by :func:`compared`) or a fact is missing.
    """
    return _SENTENCES[reason].format(**facts, **_names(org))


class Wording(NamedTuple):
    """The words of a compared sentence that depend on neither the figure nor the organisation.

    The sentence reads ``{subject}{head}{observed}{middle}{required}{end}``:
    ``"RBD's 2019-03 figure, 86.6%, is below the 95% required (at least)."``. Made once per
    level and outcome by :func:`compared_wording`; :func:`worded` puts in the figures and the
    organisation, for the one figure of :func:`compared` and for each of many alike.
    """

    head: str
    middle: str
    end: str


def compared_wording(
    comparison: Comparison,
    *,
    status: Status,
    holds: bool,
    label: str,
    partial: bool,
    ends: date,
    due_by: date | None,
) -> Wording:
    """The fixed words of the sentence of a figure that meets (*holds*) or misses its level.

    *status* is the verdict :func:`nhsplan.evaluate.verdict.pending` and the comparison gave;
    a NOT_DUE verdict says why the figure cannot decide yet.
    """
    verb, words = verdict_words(comparison, met=holds)
    ending = ""
    if status is Status.NOT_DUE:
        ending = f"; the period ends on {ends}" if partial else f"; it is due by {due_by}"
    elif partial:
        verb = verb.replace("is ", "is already ") if verb.startswith("is ") else f"already {verb}"
    return Wording(head=f" {label}, ", middle=f", {verb} the ", end=f" required ({words}){ending}.")


def worded(
    wording: Wording, figures: Figures, *, org: str | None, required_text: str | None = None
) -> str:
    """The sentence of *figures* compared with their level, in *wording*, for *org*.

    *required_text* is ``human_text`` of the required figure where the caller made it once
    for many figures (:func:`~nhsplan.evaluate.verdict.describe_figures`).
    """
    observed_text, required_text = describe_figures(figures, required_text=required_text)
    return (
        f"{_subject(org)}{wording.head}{observed_text}{wording.middle}{required_text}{wording.end}"
    )


def compared(
    comparison: Comparison,
    figures: Figures,
    *,
    status: Status,
    holds: bool,
    org: str | None,
    label: str,
    partial: bool,
    ends: date,
    due_by: date | None,
) -> str:
    """The sentence of a figure compared with its level, for *org*.

    :func:`compared_wording` then :func:`worded`: one figure's sentence is worded as each of
    many is.
    """
    wording = compared_wording(
        comparison,
        status=status,
        holds=holds,
        label=label,
        partial=partial,
        ends=ends,
        due_by=due_by,
    )
    return worded(wording, figures, org=org)


def derivation(target: Target, baselines: Mapping[str, units.Quantity]) -> str:
    """How a baseline-relative target's level is worked out, in words; "" for other kinds.

    >>> from nhsplan.catalog import load_guidance
    >>> from nhsplan.units import quantity
    >>> rtt = load_guidance("2025/26").target("rtt_18_weeks_trust_improvement_2025_26")
    >>> derivation(rtt, {"November 2024": quantity(58.4, "percent")})
    "November 2024's 58.4% plus 5 points (floor 60%)"
    """
    if not isinstance(target, BaselineTarget):
        return ""
    parts: list[str] = []
    for baseline in target.baselines:
        value = baseline.value if baseline.value is not None else baselines.get(baseline.label)
        shown = value.format() if value is not None else "(no value)"
        parts.append(f"{baseline.label}'s {shown}")
    which = "the lowest of " if target.combine is Combine.LOWEST else "the highest of "
    base = parts[0] if len(parts) == 1 else which + ", ".join(parts)
    change = target.change
    size = abs(change.magnitude)
    if target.points:
        size_text = f"{size:g} points"
    elif target.relative:
        size_text = f"{size:g} %"
    else:
        size_text = units.quantity(size, change.unit).format()
    text = f"{base} {'plus' if change.magnitude >= 0 else 'minus'} {size_text}"
    if target.or_level is not None:
        bound = "floor" if target.whichever is Combine.HIGHEST else "ceiling"
        text += f" ({bound} {target.or_level.format()})"
    return text


def progress(target: str, figures: Figures, *, org: str | None, label: str) -> str:
    """The sentence of a reach (*target*): the figure's progress towards the level."""
    observed_text, required_text = describe_figures(figures)
    facts = {"target": target, "label": label, "observed": observed_text}
    facts["required"] = required_text
    if figures.observed >= figures.required or figures.required <= 0:
        return sentence(Reason.REACH_REACHED, facts, org=org)
    facts["share"] = f"{100 * figures.observed / figures.required:.0f}"
    return sentence(Reason.REACH_PROGRESS, facts, org=org)
