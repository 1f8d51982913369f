"""The loop over organisations: every applicable target of an edition judged for each.

:func:`evaluate_observations` takes Observation objects (and case records) and gives a
:class:`~nhsplan.evaluate.report.Report`; every path ends in it or in the columnar engine,
which gives the same Report. :func:`nhsplan.evaluate_guidance` takes DataFrames as well and
chooses between the two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

import attrs

from nhsplan.calendar import Month
from nhsplan.errors import InvalidObservationError, UnknownMetricError
from nhsplan.evaluate.report import Report
from nhsplan.evaluate.single import evaluate
from nhsplan.model import (
    Assessment,
    CaseRecord,
    Guidance,
    Metric,
    Observation,
    Organisation,
)
from nhsplan.model._inputs import to_as_of
from nhsplan.model.guidance import read_guidance
from nhsplan.model.organisations import read_organisations

if TYPE_CHECKING:
    from nhsplan.spc.result import SpcResult

__all__ = ["evaluate_observations", "refuse_unknown_metrics", "series_for", "spc_through"]


def evaluate_observations(
    guidance: Guidance,
    observations: Iterable[Observation | CaseRecord],
    *,
    as_of: date | str,
    orgs: Iterable[Organisation] | None = None,
    progress: Callable[[int, int], None] | None = None,
    spc: bool = False,
) -> Report:
    """:func:`nhsplan.evaluate_guidance` for Observation objects (and case records).

    The loop every path ends in: each organisation's figures, every target of its metrics (or
    every target, for the *orgs* given, with their types). The arguments are those of
    :func:`nhsplan.evaluate_guidance`, which also takes DataFrames.

    Raises:
        UnknownMetricError: a metric that no edition defines (``ae_4hour``), with the closest
            ids of *guidance* (``did you mean 'ae_4_hour'?``), as the command line says.
    """
    guidance, as_of = read_guidance(guidance), to_as_of(as_of)
    orgs = read_organisations(orgs)
    known = frozenset(m.id for m in guidance.metrics)
    by_org: dict[str, list[Observation | CaseRecord]] = defaultdict(list)
    warnings: list[str] = []
    for obs in observations:
        if not isinstance(obs, Observation | CaseRecord):
            raise InvalidObservationError(
                f"{obs!r} ({type(obs).__name__}) is not an Observation or CaseRecord",
                field="observations",
                example="Observation(org='RBD', metric=..., period='2021-12', value='87.5 %')",
            )
        if isinstance(obs, Observation) and obs.metric in known:
            try:  # checked, and a bare number read in the metric's unit (or refused)
                obs = guidance.metric(obs.metric).resolve(obs)  # noqa: PLW2901
            except InvalidObservationError as exc:
                warnings.append(f"left out: {exc}")
                continue
        by_org[obs.org].append(obs)

    refuse_unknown_metrics(guidance, {o.metric for group in by_org.values() for o in group})
    org_list: list[tuple[str, Organisation | None]]
    if orgs is None:
        org_list = [(code, None) for code in sorted(by_org)]
    else:
        org_list = [(o.code, o) for o in orgs]

    assessments: list[Assessment] = []
    for done, (code, org) in enumerate(org_list, start=1):
        figures = by_org.get(code, [])
        measured = {o.metric for o in figures}
        for target in guidance.targets:
            if org is None and target.metric not in measured:
                continue
            metric = guidance.metric(target.metric) if target.metric in known else None
            assessment = evaluate(
                target,
                figures,
                as_of=as_of,
                org=code,
                org_type=org.type if org is not None else None,
                metric=metric,
            )
            if spc and metric is not None:
                assessment = _with_spc(assessment, metric, figures)
            assessments.append(assessment)
        if progress is not None:
            progress(done, len(org_list))
    return Report(
        edition=guidance.id,
        as_of=as_of,
        assessments=tuple(assessments),
        priorities={t.id: t.priority or "-" for t in guidance.targets},
        warnings=tuple(warnings),
    )


def refuse_unknown_metrics(guidance: Guidance, metrics: Iterable[str]) -> None:
    """Raise for a metric that neither *guidance* nor any shipped edition defines (a typo).

    A metric another shipped edition defines is a figure this edition does not judge, and
    is passed over, as documented; one that no edition defines cannot be judged anywhere.
    """
    known = {m.id for m in guidance.metrics}
    strays = sorted(set(metrics) - known)
    if not strays:
        return
    from nhsplan.catalog import editions, load_guidance  # noqa: PLC0415 - only on this path

    shipped = {m.id for e in editions() for m in load_guidance(e).metrics}
    typos = [m for m in strays if m not in shipped]
    if not typos:
        return
    import difflib  # noqa: PLC0415

    first = typos[0]
    also = f"; also unknown: {', '.join(map(repr, typos[1:]))}" if len(typos) > 1 else ""
    raise UnknownMetricError(
        first,
        closest=tuple(difflib.get_close_matches(first, sorted(known), n=3, cutoff=0.5)),
        where=f"observations evaluated against guidance {guidance.id!r}{also}",
    )


def spc_through(assessment: Assessment) -> date:
    """The last day an assessment's SPC reading may read: the end of the period judged.

    Figures of later months are not read, so a verdict on March 2025 carries the reading of
    the series to March 2025, not to the latest month of the file. Without a period judged
    (a target not yet due), the date assessed.
    """
    if assessment.period is not None:
        return min(assessment.period.end, assessment.as_of)
    return assessment.as_of


def series_for(
    assessment: Assessment, metric: Metric, observations: Sequence[Observation | CaseRecord]
) -> SpcResult[Month] | None:
    """The XmR chart of an assessment's monthly series to its period judged, or None.

    The figures of the assessment's organisation and metric for whole months ending on or
    before the end of the period judged (:func:`spc_through`: later months are not read), in
    the unit of the value required, read against it. None under 2 months. The one rule for
    the reading an assessment carries and the chart the performance report draws.
    """
    from nhsplan.spc.series import xmr  # noqa: PLC0415 - only when asked for

    last = spc_through(assessment)
    figures = sorted(
        (
            o
            for o in observations
            if isinstance(o, Observation)
            and o.org == assessment.org
            and o.metric == metric.id
            and isinstance(o.period, Month)
            and o.period.end <= last
        ),
        key=lambda o: o.period.start,
    )
    if len(figures) < 2:
        return None
    unit = assessment.required.unit if assessment.required is not None else metric.unit
    months = [o.period for o in figures]
    target = assessment.required.magnitude if assessment.required is not None else None
    return xmr(
        [o.amount.to(unit).magnitude for o in figures],
        labels=months,  # type: ignore[arg-type]
        polarity=metric.polarity,
        target=target,
    )


def _with_spc(
    assessment: Assessment, metric: Metric, figures: list[Observation | CaseRecord]
) -> Assessment:
    """The assessment with the XmR reading of the organisation's monthly series attached.

    The series runs to the end of the period judged (:func:`series_for`).
    """
    from nhsplan.spc import summarise  # noqa: PLC0415 - only when asked for

    chart = series_for(assessment, metric, figures)
    summary = None if chart is None else summarise(chart)
    if chart is None or summary is None:
        return assessment
    return attrs.evolve(assessment, spc=attrs.evolve(summary, through=chart.labels[-1]))
