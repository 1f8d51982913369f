"""Reports as HL7 FHIR R4 MeasureReports (nhsplan.io.writers.fhir), validated by fhir.resources."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from nhsplan import Month, Observation, cli, evaluate_guidance, load_guidance

pytest.importorskip("fhir.resources")

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.measurereport import MeasureReport

from nhsplan.io.writers.fhir import (
    CITATION_EXTENSION,
    READING_EXTENSION,
    measure_report_bundle,
    measure_reports,
)


def figures() -> list[Observation]:
    return [
        Observation(org="RBD", metric="ae_4_hour", period=Month(2019, 3),
                    numerator=8660, denominator=10000),
        Observation(org="E92000001", metric="ae_4_hour", period=Month(2019, 3), value="86.6 %"),
        Observation(org="RXX", metric="ae_4_hour", period=Month(2019, 2),
                    numerator=9600, denominator=10000),
    ]  # fmt: skip


class TestMeasureReports:
    def test_one_per_organisation_and_target_judged(self) -> None:
        g = load_guidance("standards")
        report = evaluate_guidance(g, figures(), as_of="2019-03-31")
        resources = measure_reports(report, figures(), g)
        judged = [a for a in report.assessments if a.status.value in ("met", "not_met")]
        assert len(resources) == len(judged)
        for resource in resources:
            checked = MeasureReport.model_validate(resource)  # FHIR's own validation
            assert checked.status == "complete"
            assert checked.type == "summary"
        by_org = {r["subject"].get("identifier", {}).get("value", "ENGLAND"): r for r in resources}
        rbd = by_org["RBD"]
        assert rbd["period"] == {"start": "2019-03-01", "end": "2019-03-31"}
        assert rbd["measure"].endswith("ae_4_hour")
        assert rbd["date"] == "2019-03-31"
        group = rbd["group"][0]
        assert group["measureScore"] == {
            "value": 86.6, "unit": "%", "system": "http://unitsofmeasure.org", "code": "%",
        }  # fmt: skip
        codes = [p["code"]["coding"][0]["code"] for p in group["population"]]
        assert codes == ["numerator", "denominator"]
        assert [p["count"] for p in group["population"]] == [8660, 10000]
        (citation,) = rbd["extension"]
        assert citation["url"] == CITATION_EXTENSION
        assert citation["valueString"] == str(report.assessments[0].citation)
        assert rbd["improvementNotation"]["coding"][0]["code"] == "increase"
        assert by_org["ENGLAND"]["subject"] == {"display": "England"}
        assert "population" not in by_org["ENGLAND"]["group"][0]  # a value, not a ratio

    def test_a_verdict_resting_on_a_reading_carries_it(self) -> None:
        # The 2025/26 trust RTT improvement reads two minimums as "whichever is greater": the
        # guidance does not say so, and the MeasureReport says what the verdict rests on.
        g = load_guidance("2025/26")
        obs = [
            Observation(org="RBD", metric="rtt_18_weeks_incomplete", period=Month(2024, 11),
                        value="58.4 %"),
            Observation(org="RBD", metric="rtt_18_weeks_incomplete", period=Month(2026, 3),
                        value="61.2 %"),
        ]  # fmt: skip
        report = evaluate_guidance(g, obs, as_of="2026-03-31")
        (resource,) = [
            r for r in measure_reports(report, obs, g)
            if "rtt_18_weeks_trust_improvement_2025_26" in r["measure"]
        ]  # fmt: skip
        MeasureReport.model_validate(resource)
        readings = [
            e["valueString"] for e in resource["extension"] if e["url"] == READING_EXTENSION
        ]
        (judged,) = [
            a for a in report.assessments if a.target == "rtt_18_weeks_trust_improvement_2025_26"
        ]
        assert readings == [judged.reading]
        assert readings[0].startswith("Both minimums hold")

    def test_no_reading_no_extension(self) -> None:
        g = load_guidance("standards")
        report = evaluate_guidance(g, figures(), as_of="2019-03-31")
        for resource in measure_reports(report, figures(), g):
            assert [e["url"] for e in resource["extension"]] == [CITATION_EXTENSION]

    def test_bundle(self) -> None:
        g = load_guidance("standards")
        report = evaluate_guidance(g, figures(), as_of="2019-03-31")
        text = measure_report_bundle(measure_reports(report, figures(), g))
        bundle = Bundle.model_validate(json.loads(text))
        assert bundle.type == "collection"
        assert bundle.entry
        kinds = {e.resource.get_resource_type() for e in bundle.entry if e.resource is not None}
        assert kinds == {"MeasureReport"}


class TestCommand:
    def test_report_fhir(self, tmp_path: Path) -> None:
        path = tmp_path / "figures.csv"
        path.write_text(
            "org,metric,period,value,unit,numerator,denominator\n"
            "RBD,ae_4_hour,2019-03,,,8660,10000\nENGLAND,ae_4_hour,2019-03,86.6,%,,\n",
            encoding="utf-8",
        )
        out = tmp_path / "measures.json"
        code = cli.main(
            ["report", str(path), "--edition", "standards", "--as-of", "2019-03-31",
             "--fhir", str(out)],
            out=io.StringIO(),
        )  # fmt: skip
        assert code == 0
        bundle = Bundle.model_validate(json.loads(out.read_text(encoding="utf-8")))
        assert bundle.entry is not None
        assert len(bundle.entry) == 2
