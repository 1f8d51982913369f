"""The domain model: frozen, validated value classes for everything the guidance says.

Every class is an immutable :func:`attrs.frozen` class with keyword-only fields and validators on
every field that can be wrong. Nothing here does I/O, reads the clock or keeps mutable state:
dates are always passed in.

A target knows the value it asks for on any date, amendments included:

>>> from datetime import date
>>> from nhsplan.units import quantity
>>> fds = ThresholdTarget(
...     id="cancer_faster_diagnosis_standard",
...     name="Cancer Faster Diagnosis Standard",
...     metric="cancer_faster_diagnosis",
...     comparison=Comparison.AT_LEAST,
...     value=quantity(75, "percent"),
...     effective_from=date(2021, 10, 1),
...     citation=Citation(source="001_b4880168b3d542f5.txt", section="§C2"),
... )
>>> fds.value_on(date(2021, 5, 1)) is None   # not in force before Q3
True
>>> print(fds.value_on(date(2021, 12, 31)))
75 %
"""

from __future__ import annotations

from nhsplan.model._validators import to_org_types as to_org_types
from nhsplan.model._validators import unit_name as unit_name
from nhsplan.model.assessments import Assessment, SpcSummary
from nhsplan.model.citations import Amendment, Citation, Deadline, Publication
from nhsplan.model.enums import (
    Assurance,
    Comparison,
    OrgType,
    Polarity,
    Scope,
    ScoringKind,
    Status,
    VariationIcon,
)
from nhsplan.model.guidance import (
    Discrepancy,
    DueItem,
    Framework,
    FrameworkItem,
    Funding,
    Guidance,
    Priority,
    Requirement,
)
from nhsplan.model.metrics import Frequency, Metric
from nhsplan.model.observations import CaseRecord, Observation
from nhsplan.model.organisations import ENGLAND, ENGLAND_ONS, Organisation
from nhsplan.model.plans import Plan, PlanLine
from nhsplan.model.readings import Alternative, Reading
from nhsplan.model.targets import TARGET_KINDS as TARGET_KINDS
from nhsplan.model.targets import (
    Baseline,
    BaselineScope,
    BaselineTarget,
    Combine,
    EliminationTarget,
    Interpolation,
    Judgement,
    MilestoneTarget,
    Target,
    ThresholdTarget,
    TrajectoryPoint,
    TrajectoryTarget,
    WithinTimeTarget,
)

__all__ = [
    "ENGLAND",
    "ENGLAND_ONS",
    "Alternative",
    "Amendment",
    "Assessment",
    "Assurance",
    "Baseline",
    "BaselineScope",
    "BaselineTarget",
    "CaseRecord",
    "Citation",
    "Combine",
    "Comparison",
    "Deadline",
    "Discrepancy",
    "DueItem",
    "EliminationTarget",
    "Framework",
    "FrameworkItem",
    "Frequency",
    "Funding",
    "Guidance",
    "Interpolation",
    "Judgement",
    "Metric",
    "MilestoneTarget",
    "Observation",
    "OrgType",
    "Organisation",
    "Plan",
    "PlanLine",
    "Polarity",
    "Priority",
    "Publication",
    "Reading",
    "Requirement",
    "Scope",
    "ScoringKind",
    "SpcSummary",
    "Status",
    "Target",
    "ThresholdTarget",
    "TrajectoryPoint",
    "TrajectoryTarget",
    "VariationIcon",
    "WithinTimeTarget",
]
