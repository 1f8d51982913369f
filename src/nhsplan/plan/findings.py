"""What a plan check finds: typed :class:`Finding` records, held by a :class:`PlanCheck`."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from nhsplan import units
from nhsplan.calendar import Period
from nhsplan.evaluate import reasons
from nhsplan.model import Assessment, Status, Target

__all__ = ["FINDING_COLUMNS", "Check", "Finding", "PlanCheck", "Severity", "target_finding"]


class Severity(enum.Enum):
    """How much a finding matters: an error must be fixed before submission."""

    ERROR = "error"
    """The plan breaks a rule: a target missed where it is judged, figures that disagree."""
    WARNING = "warning"
    """Something to look at: a month not planned, a national ambition short, sums that differ."""
    NOTE = "note"
    """For the record: a target met, a target not yet due."""


class Check(enum.Enum):
    """Which check made a finding."""

    TARGET = "target"
    """A target in force for the organisation, judged on the planned figure."""
    NATIONAL = "national"
    """A national ambition, judged on the plans given summed."""
    COVERAGE = "coverage"
    """A metric the guidance asks for, planned for every month."""
    CONSISTENCY = "consistency"
    """A line's numerator, denominator and value agree; the figure is readable."""
    SUM = "sum"
    """An ICB's plan equals its providers' plans added up."""


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a plan check found, with the figures and the guidance it rests on."""

    severity: Severity
    check: Check
    org: str
    """The organisation whose plan it is about (``"+"``-joined codes for plans summed)."""
    message: str
    """The finding as a sentence, citing the guidance where a target is involved."""
    metric: str | None = None
    period: Period | None = None
    """The period the finding is about: the plan line's, or the period a target judges."""
    target: str | None = None
    status: Status | None = None
    """The verdict on the planned figure, for a target or national finding."""
    planned: units.Quantity | None = None
    required: units.Quantity | None = None
    citation: str = ""
    """The target's citation (document, section) where one applies."""
    quote: str = ""
    """The guidance's own words for the target."""

    def row(self) -> dict[str, Any]:
        """The finding as one row of plain values (numbers as numbers, units beside them)."""
        return {
            "severity": self.severity.value,
            "check": self.check.value,
            "org": self.org,
            "metric": self.metric,
            "period": None if self.period is None else str(self.period),
            "target": self.target,
            "status": None if self.status is None else self.status.value,
            "planned": None if self.planned is None else float(self.planned.magnitude),
            "planned_unit": None if self.planned is None else str(self.planned.unit),
            "required": None if self.required is None else float(self.required.magnitude),
            "required_unit": None if self.required is None else str(self.required.unit),
            "message": self.message,
            "citation": self.citation,
        }


FINDING_COLUMNS = tuple(
    Finding(severity=Severity.NOTE, check=Check.TARGET, org="X", message="").row()
)
"""The columns of :meth:`PlanCheck.rows`, in order."""

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def _sorted(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(
        sorted(
            findings,
            key=lambda f: (
                _ORDER[f.severity],
                f.org,
                f.metric or "",
                f.period.start if f.period is not None else date.min,
                f.target or "",
            ),
        )
    )


@attrs.frozen(kw_only=True)
class PlanCheck:
    """The findings of :func:`~nhsplan.plan.check_plans`, errors first."""

    edition: str
    orgs: tuple[str, ...]
    as_of: date
    """The last day judged: plan months ending after it are not judged."""
    findings: tuple[Finding, ...] = attrs.field(converter=_sorted)

    def of(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of *severity*."""
        return tuple(f for f in self.findings if f.severity is severity)

    @property
    def passed(self) -> bool:
        """No finding is an error."""
        return not self.of(Severity.ERROR)

    def rows(self) -> list[dict[str, Any]]:
        """One row per finding (:data:`FINDING_COLUMNS`), for CSV, Parquet and JSON."""
        return [f.row() for f in self.findings]


_SEVERITY = {
    Status.NOT_MET: Severity.ERROR,
    Status.NO_DATA: Severity.WARNING,
    Status.MET: Severity.NOTE,
    Status.NOT_DUE: Severity.NOTE,
}


def target_finding(
    label: str,
    org: str,
    target: Target,
    assessment: Assessment,
    baselines: Mapping[str, units.Quantity] | None = None,
    *,
    check: Check = Check.TARGET,
    severity: Severity | None = None,
) -> Finding:
    """A finding from the verdict on a planned figure.

    The core's own sentence, then how the level was worked out
    (:func:`~nhsplan.evaluate.reasons.derivation`) and the guidance's words.
    """
    sentence = assessment.reason.rstrip(".")
    how = reasons.derivation(target, baselines or {})
    if how and assessment.required is not None:
        sentence += f": {how}"
    citation = str(target.citation)
    quote = target.citation.quote.strip()
    cited = f' Guidance: "{quote}" ({citation}).' if quote else f" Guidance: {citation}."
    return Finding(
        severity=severity or _SEVERITY.get(assessment.status, Severity.NOTE),
        check=check,
        org=org,
        metric=target.metric,
        period=assessment.period,
        target=target.id,
        status=assessment.status,
        planned=assessment.observed,
        required=assessment.required,
        citation=citation,
        quote=quote,
        message=f"{label}: {sentence}.{cited}",
    )
