"""The special rules the planning guidance defines, as pure functions.

One module per rule; each cites its source and returns a frozen result class:

- :mod:`.erf`: the Elective Recovery Fund threshold and gateway (2021/22 §C1);
- :mod:`.mhis`: the Mental Health Investment Standard (2021/22 §C3);
- :mod:`.oversight`: Single Oversight Framework segments and CCG IAF support
  levels (2017-19);
- :mod:`.leder`: LeDeR reviews within six months of notification (2021/22 §C3);
- :mod:`.urgent_community_response`: 8am-8pm, seven-day cover (2021/22 §E1);
- :mod:`.cancer_backlog`: the 62-day backlog back to February 2020 (2021/22 §C2).

>>> from nhsplan.calendar import Month
>>> from nhsplan.evaluate.rules import erf_threshold
>>> print(erf_threshold(Month(2021, 7)), erf_threshold(Month(2021, 7), as_of_amendments=False))
95 % 85 %

Nothing here reads the clock or keeps state: dates are arguments. The shipped guidance is read
(once, cached) where a rule's figures live in the catalog, so they are never typed twice.
"""

from __future__ import annotations

from nhsplan.evaluate.rules.cancer_backlog import (
    BacklogResult,
    cancer_backlog_status,
    cancer_backlog_target,
)
from nhsplan.evaluate.rules.erf import (
    ENHANCED_TARIFF_CITATION,
    ErfEligibility,
    GatewayCriteria,
    GatewayCriterion,
    erf_eligibility,
    erf_threshold,
)
from nhsplan.evaluate.rules.leder import LederResult, leder_in_time
from nhsplan.evaluate.rules.mhis import (
    EXCLUDED_CATEGORIES,
    MHIS_CITATION,
    MhisResult,
    mhis_compliance,
    mhis_target,
)
from nhsplan.evaluate.rules.oversight import (
    IafRating,
    IafSupport,
    LicenceStatus,
    SofTheme,
    iaf_support_level,
    sof_segment,
    sof_segment_item,
)
from nhsplan.evaluate.rules.urgent_community_response import (
    WINDOW_MINUTES,
    Interval,
    UcrCoverage,
    UcrGap,
    Weekday,
    WeeklyHours,
    ucr_coverage,
)

__all__ = [
    "ENHANCED_TARIFF_CITATION",
    "EXCLUDED_CATEGORIES",
    "MHIS_CITATION",
    "WINDOW_MINUTES",
    "BacklogResult",
    "ErfEligibility",
    "GatewayCriteria",
    "GatewayCriterion",
    "IafRating",
    "IafSupport",
    "Interval",
    "LederResult",
    "LicenceStatus",
    "MhisResult",
    "SofTheme",
    "UcrCoverage",
    "UcrGap",
    "Weekday",
    "WeeklyHours",
    "cancer_backlog_status",
    "cancer_backlog_target",
    "erf_eligibility",
    "erf_threshold",
    "iaf_support_level",
    "leder_in_time",
    "mhis_compliance",
    "mhis_target",
    "sof_segment",
    "sof_segment_item",
    "ucr_coverage",
]
