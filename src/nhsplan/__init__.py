"""nhsplan: NHS England operational planning guidance as typed, cited data and pure functions.

>>> import nhsplan
>>> nhsplan.__version__
'0.1.0'
>>> print(nhsplan.FinancialYear.parse("2021-22"))
2021/22

Importing nhsplan is cheap: pint is imported when a quantity is first needed, and numpy,
pandas and matplotlib only by the features that use them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nhsplan._version import __version__
from nhsplan.calendar import (
    DeadlineKind,
    FinancialYear,
    Half,
    Month,
    Period,
    Quarter,
    Window,
    parse_period,
    resolve_deadline,
)
from nhsplan.errors import (
    InvalidObservationError,
    InvalidValueError,
    NhsplanError,
    PeriodParseError,
    StructureError,
    UnitMismatchError,
    UnknownEditionError,
    UnknownMetricError,
)

# ``nhsplan.evaluate`` is both the function DESIGN.md promises and the package of that name:
# the package is callable (it calls :func:`nhsplan.evaluate.single.evaluate`), so
# ``nhsplan.evaluate(target, ...)`` and ``nhsplan.evaluate.batch`` both work. Type checkers
# see the function.
if TYPE_CHECKING:
    from nhsplan.evaluate.single import evaluate
else:
    from nhsplan import evaluate
from nhsplan.model import (
    Amendment,
    Assessment,
    Baseline,
    BaselineTarget,
    CaseRecord,
    Citation,
    Comparison,
    Deadline,
    EliminationTarget,
    Funding,
    Guidance,
    Judgement,
    Metric,
    MilestoneTarget,
    Observation,
    Organisation,
    OrgType,
    Polarity,
    Priority,
    Publication,
    Requirement,
    Scope,
    ScoringKind,
    Status,
    Target,
    ThresholdTarget,
    TrajectoryPoint,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.units import Amount, quantity

if TYPE_CHECKING:
    from nhsplan.catalog import editions, load_guidance
    from nhsplan.catalog.audit import audit
    from nhsplan.catalog.diff import compare
    from nhsplan.engines.guidance import evaluate_guidance
    from nhsplan.engines.measures import measure
    from nhsplan.evaluate.report import Report
    from nhsplan.units import Quantity

_LAZY = {
    # name -> module: imported on first use, so ``import nhsplan`` stays free of cattrs
    "editions": "nhsplan.catalog",
    "load_guidance": "nhsplan.catalog",
    "audit": "nhsplan.catalog.audit",
    "compare": "nhsplan.catalog.diff",
    "evaluate_guidance": "nhsplan.engines.guidance",
    "Report": "nhsplan.evaluate.report",
    "measure": "nhsplan.engines.measures",
    "Quantity": "nhsplan.units",  # the pint class: imports pint
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nhsplan' has no attribute {name!r}")
    import importlib  # noqa: PLC0415 - lazy by design

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Amendment",
    "Amount",
    "Assessment",
    "Baseline",
    "BaselineTarget",
    "CaseRecord",
    "Citation",
    "Comparison",
    "Deadline",
    "DeadlineKind",
    "EliminationTarget",
    "FinancialYear",
    "Funding",
    "Guidance",
    "Half",
    "InvalidObservationError",
    "InvalidValueError",
    "Judgement",
    "Metric",
    "MilestoneTarget",
    "Month",
    "NhsplanError",
    "Observation",
    "OrgType",
    "Organisation",
    "Period",
    "PeriodParseError",
    "Polarity",
    "Priority",
    "Publication",
    "Quantity",
    "Quarter",
    "Report",
    "Requirement",
    "Scope",
    "ScoringKind",
    "Status",
    "StructureError",
    "Target",
    "ThresholdTarget",
    "TrajectoryPoint",
    "TrajectoryTarget",
    "UnitMismatchError",
    "UnknownEditionError",
    "UnknownMetricError",
    "Window",
    "WithinTimeTarget",
    "__version__",
    "audit",
    "compare",
    "editions",
    "evaluate",
    "evaluate_guidance",
    "load_guidance",
    "measure",
    "parse_period",
    "quantity",
    "resolve_deadline",
]
