"""A report as HL7 FHIR R4 ``MeasureReport`` resources: the way health systems exchange measures.

:func:`measure_reports` gives one ``MeasureReport`` (a summary, status ``complete``) per
organisation and target judged (MET or NOT_MET): the period judged, the measure score (the
figure observed, with its UCUM unit), the numerator and denominator populations where the
figure was reported as a proportion, the date assessed, and the organisation as the subject
(its ODS code). The measure is named by the target: the address of the publication that sets
it, with the target id as the fragment (``urn:nhsplan:target:ID`` where no address is known),
and the citation in words rides in an extension, as does the reading the verdict rests on where
the guidance's words leave one open (:attr:`~nhsplan.model.Assessment.reading`).
:func:`measure_report_bundle` wraps them in a
``collection`` Bundle, as JSON. Each resource is built and validated with `fhir.resources
<https://pypi.org/project/fhir.resources/>`_ (FHIR R4B, the R4 line), the ``fhir`` extra.

>>> from nhsplan import Month, Observation, evaluate_guidance, load_guidance
>>> g = load_guidance("standards")
>>> march = Observation(org="RBD", metric="ae_4_hour", period=Month(2019, 3),
...                     numerator=8660, denominator=10000)
>>> report = evaluate_guidance(g, [march], as_of="2019-03-31")
>>> (resource,) = measure_reports(report, [march], g)
>>> resource["subject"]["identifier"]["value"], resource["period"]
('RBD', {'start': '2019-03-01', 'end': '2019-03-31'})
>>> resource["group"][0]["measureScore"]["value"]
86.6
>>> [p["count"] for p in resource["group"][0]["population"]]
[8660, 10000]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final

from nhsplan._figures import data_figure
from nhsplan.evaluate.report import Report, _require
from nhsplan.model import ENGLAND, Assessment, CaseRecord, Guidance, Observation
from nhsplan.model.enums import Polarity, Status

__all__ = ["CITATION_EXTENSION", "READING_EXTENSION", "measure_report_bundle", "measure_reports"]

CITATION_EXTENSION: Final = "urn:nhsplan:fhir:extension:citation"
"""The extension that carries the target's citation in words."""
READING_EXTENSION: Final = "urn:nhsplan:fhir:extension:reading"
"""The extension that carries the reading a verdict rests on, where the guidance leaves one."""
_ODS: Final = "https://fhir.nhs.uk/Id/ods-organization-code"
_POPULATION: Final = "http://terminology.hl7.org/CodeSystem/measure-population"
_IMPROVEMENT: Final = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation"
_UCUM: Final = "http://unitsofmeasure.org"
_UCUM_CODES: Final = {"percent": "%", "minute": "min", "day": "d", "week": "wk", "hour": "h"}
_ID: Final = re.compile(r"[^A-Za-z0-9.-]+")


def measure_reports(
    report: Report,
    observations: Iterable[Observation | CaseRecord],
    guidance: Guidance | Sequence[Guidance],
) -> list[dict[str, Any]]:
    """One FHIR R4 ``MeasureReport`` per MET or NOT_MET assessment, as validated JSON dicts.

    Args:
        report: from :func:`nhsplan.evaluate_guidance` on *observations*.
        observations: the figures the report was evaluated from (for the numerator and
            denominator of the period judged).
        guidance: the edition, or editions, the report was evaluated against.

    Raises:
        MissingDependencyError: fhir.resources is not installed (``pip install
            'nhsplan[fhir]'``).
        pydantic.ValidationError: a resource FHIR refuses (a bug in nhsplan).
    """
    model = _require("fhir.resources.R4B.measurereport", feature="FHIR output", extra="fhir")
    editions = (guidance,) if isinstance(guidance, Guidance) else tuple(guidance)
    targets = {t.id: t for g in editions for t in g.targets}
    metrics = {m.id: m for g in editions for m in g.metrics}
    figures = {(o.org, o.metric, o.period): o for o in observations if isinstance(o, Observation)}
    out = []
    for a in report.assessments:
        target = targets.get(a.target)
        if target is None or a.status not in (Status.MET, Status.NOT_MET) or a.period is None:
            continue
        metric = metrics.get(target.metric or "")
        found = figures.get((a.org or "", target.metric or "", a.period))
        resource = _resource(a, found, metric.polarity if metric else None)
        out.append(model.MeasureReport.model_validate(resource).model_dump(mode="json"))
    return out


def measure_report_bundle(resources: Iterable[dict[str, Any]], *, indent: int | None = 2) -> str:
    """The resources as one FHIR ``Bundle`` of type ``collection``, as JSON text.

    Raises:
        MissingDependencyError: fhir.resources is not installed.
    """
    model = _require("fhir.resources.R4B.bundle", feature="FHIR output", extra="fhir")
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in resources],
    }
    checked = model.Bundle.model_validate(bundle).model_dump(mode="json")
    return json.dumps(checked, indent=indent, ensure_ascii=False)


def _resource(
    a: Assessment, found: Observation | None, polarity: Polarity | None
) -> dict[str, Any]:
    assert a.period is not None  # only assessments with a period judged
    citation = a.citation
    url = citation.url
    measure = f"{url}#{a.target}" if url else f"urn:nhsplan:target:{a.target}"
    group: dict[str, Any] = {}
    if a.observed is not None:
        unit = a.observed.unit
        score: dict[str, Any] = {"value": data_figure(float(a.observed.magnitude))}
        code = _UCUM_CODES.get(unit)
        score |= (
            {"unit": "%" if unit == "percent" else unit, "system": _UCUM, "code": code}
            if code
            else {"unit": unit}
        )
        group["measureScore"] = score
    if found is not None and found.numerator is not None and found.denominator is not None:
        group["population"] = [
            _population("numerator", found.numerator),
            _population("denominator", found.denominator),
        ]
    resource: dict[str, Any] = {
        "resourceType": "MeasureReport",
        "id": _ID.sub("-", f"{a.org}-{a.target}-{a.period}")[:64].strip("-"),
        "extension": [{"url": CITATION_EXTENSION, "valueString": str(citation)}]
        + ([{"url": READING_EXTENSION, "valueString": a.reading}] if a.reading else []),
        "status": "complete",
        "type": "summary",
        "measure": measure,
        "subject": _subject(a.org or ENGLAND),
        "date": a.as_of.isoformat(),
        "period": {"start": a.period.start.isoformat(), "end": a.period.end.isoformat()},
        "group": [group],
    }
    if polarity in (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER):
        notation = "increase" if polarity is Polarity.HIGHER_IS_BETTER else "decrease"
        resource["improvementNotation"] = {"coding": [{"system": _IMPROVEMENT, "code": notation}]}
    return resource


def _population(code: str, count: float) -> dict[str, Any]:
    return {"code": {"coding": [{"system": _POPULATION, "code": code}]}, "count": int(count)}


def _subject(org: str) -> dict[str, Any]:
    if org == ENGLAND:
        return {"display": "England"}
    return {"identifier": {"system": _ODS, "value": org}, "display": org}
