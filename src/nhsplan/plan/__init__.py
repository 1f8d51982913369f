"""Plans: check a draft plan against the guidance, and track a plan against actuals.

- :func:`check_plan` / :func:`check_plans`: every target in force judged on the planned
  figures by the decision core, every metric asked planned every month, lines that agree with
  themselves, national ambitions on the plans summed, an ICB against its providers;
- :func:`track`: planned against actual month by month, variance, SPC against the plan as a
  target that changes each month, and a projection to each target's deadline.
"""

from nhsplan.plan.check import check_plan, check_plans
from nhsplan.plan.findings import FINDING_COLUMNS, Check, Finding, PlanCheck, Severity
from nhsplan.plan.track import (
    TRACK_COLUMNS,
    MetricTracking,
    PlanTracking,
    Projection,
    TrackedMonth,
    track,
)

__all__ = [
    "FINDING_COLUMNS",
    "TRACK_COLUMNS",
    "Check",
    "Finding",
    "MetricTracking",
    "PlanCheck",
    "PlanTracking",
    "Projection",
    "Severity",
    "TrackedMonth",
    "check_plan",
    "check_plans",
    "track",
]
