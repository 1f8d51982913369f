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

if TYPE_CHECKING:
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
    from nhsplan.catalog import editions, load_guidance
    from nhsplan.catalog.audit import audit
    from nhsplan.catalog.diff import compare
    from nhsplan.engines.guidance import evaluate_guidance
    from nhsplan.engines.measures import measure
    from nhsplan.evaluate.report import Report

    # ``nhsplan.evaluate`` is both the function DESIGN.md promises and the package of that
    # name: the package is callable (it calls :func:`nhsplan.evaluate.single.evaluate`), so
    # ``nhsplan.evaluate(target, ...)`` and ``nhsplan.evaluate.batch`` both work. Type
    # checkers see the function.
    from nhsplan.evaluate.single import evaluate
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
    from nhsplan.units import Amount, Quantity, quantity

# Every name but the errors is imported on first use (PEP 562), so that ``import nhsplan``
# costs a few milliseconds: the calendar, the model and the decision core build hundreds of
# attrs classes, and the catalog needs cattrs and pint.
_LAZY = {
    # name -> module
    "DeadlineKind": "nhsplan.calendar",
    "FinancialYear": "nhsplan.calendar",
    "Half": "nhsplan.calendar",
    "Month": "nhsplan.calendar",
    "Period": "nhsplan.calendar",
    "Quarter": "nhsplan.calendar",
    "Window": "nhsplan.calendar",
    "parse_period": "nhsplan.calendar",
    "resolve_deadline": "nhsplan.calendar",
    "Amendment": "nhsplan.model",
    "Assessment": "nhsplan.model",
    "Baseline": "nhsplan.model",
    "BaselineTarget": "nhsplan.model",
    "CaseRecord": "nhsplan.model",
    "Citation": "nhsplan.model",
    "Comparison": "nhsplan.model",
    "Deadline": "nhsplan.model",
    "EliminationTarget": "nhsplan.model",
    "Funding": "nhsplan.model",
    "Guidance": "nhsplan.model",
    "Judgement": "nhsplan.model",
    "Metric": "nhsplan.model",
    "MilestoneTarget": "nhsplan.model",
    "Observation": "nhsplan.model",
    "Organisation": "nhsplan.model",
    "OrgType": "nhsplan.model",
    "Polarity": "nhsplan.model",
    "Priority": "nhsplan.model",
    "Publication": "nhsplan.model",
    "Requirement": "nhsplan.model",
    "Scope": "nhsplan.model",
    "ScoringKind": "nhsplan.model",
    "Status": "nhsplan.model",
    "Target": "nhsplan.model",
    "ThresholdTarget": "nhsplan.model",
    "TrajectoryPoint": "nhsplan.model",
    "TrajectoryTarget": "nhsplan.model",
    "WithinTimeTarget": "nhsplan.model",
    "editions": "nhsplan.catalog",
    "load_guidance": "nhsplan.catalog",
    "audit": "nhsplan.catalog.audit",
    "compare": "nhsplan.catalog.diff",
    "evaluate_guidance": "nhsplan.engines.guidance",
    "Report": "nhsplan.evaluate.report",
    "evaluate": "nhsplan.evaluate",
    "measure": "nhsplan.engines.measures",
    "Amount": "nhsplan.units",
    "quantity": "nhsplan.units",
    "Quantity": "nhsplan.units",  # the pint class: imports pint
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nhsplan' has no attribute {name!r}")
    import importlib  # noqa: PLC0415 - lazy by design

    imported = importlib.import_module(module)
    # the callable package nhsplan.evaluate is the value of its own name
    value = imported if module == f"nhsplan.{name}" else getattr(imported, name)
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
