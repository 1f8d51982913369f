"""Example plans for real trusts, built from the bundled A&E data (2016-19).

The 2017-19 guidance asked every acute trust to plan its A&E 4-hour performance month by
month towards the 95 % standard; the trajectories each trust agreed are not published in a
source nhsplan holds, so these are *illustrative*, made by one documented rule from each
trust's real 2017/18 figures:

* the 2018/19 plan for a month starts from the same month of 2017/18 (seasonality kept);
* attendances (the denominator) grow by *growth* (2 %) on that month;
* performance closes a share of the gap to 95 % that rises evenly through the year, reaching
  *gap_closed* (60 %) in March 2019; a month already at or above 95 % is planned unchanged;
* the numerator is the planned performance times the attendances, rounded to a whole
  attendance.

The actuals to track the plans against are the same trusts' real 2017/18 and 2018/19
figures (:func:`example_actuals`), so a tracking run shows real variance from a plausible plan.

>>> plans = example_plans(("RBD",))
>>> line = plans[0].lines_of("ae_4_hour")[-1]
>>> str(line.period), line.denominator, line.numerator
('2019-03', 8080.0, 7721.0)

(March 2018 was 7,570 of 7,922, 95.56 %, already above 95 %: planned unchanged on
8,080 attendances, 0.95557 x 8,080 = 7,721.)
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike

from nhsplan.calendar import Month
from nhsplan.io.readers import AE_METRIC, read_ae_attendances, write_observations_csv
from nhsplan.model import Observation, OrgType, Plan, PlanLine

__all__ = ["EXAMPLE_TRUSTS", "example_actuals", "example_plans", "write_example"]

EXAMPLE_TRUSTS: tuple[str, ...] = ("RAL", "RBD", "RJ1", "RTH", "RW6")
"""Royal Free London, Dorset County, Guy's and St Thomas', Oxford University Hospitals and
Pennine Acute: acute trusts with a major A&E department in every month of 2016-19."""

_STANDARD = 95.0
_YEAR = 2018
"""The financial year planned: 2018/19."""


def _months(year: int) -> list[Month]:
    return [Month(year, m) for m in range(4, 13)] + [Month(year + 1, m) for m in range(1, 4)]


def example_actuals(orgs: Sequence[str] = EXAMPLE_TRUSTS) -> tuple[Observation, ...]:
    """The trusts' real monthly A&E 4-hour figures (numerator and denominator), 2016-19."""
    wanted = {o.upper() for o in orgs}
    return tuple(
        o for o in read_ae_attendances().observations if o.org in wanted and o.metric == AE_METRIC
    )


def example_plans(
    orgs: Sequence[str] = EXAMPLE_TRUSTS,
    *,
    gap_closed: float = 0.6,
    growth: float = 0.02,
) -> tuple[Plan, ...]:
    """An illustrative 2018/19 A&E 4-hour plan for each trust, by the rule above.

    Raises:
        KeyError: a trust without a 2017/18 figure for a month in the bundled data.
    """
    figures = {(o.org, o.period): o for o in example_actuals(orgs)}
    plans: list[Plan] = []
    for org in (o.upper() for o in orgs):
        lines: list[PlanLine] = []
        for i, month in enumerate(_months(_YEAR), start=1):
            last_year = figures[org, Month(month.year - 1, month.month)]
            assert last_year.numerator is not None  # the A&E reader gives both
            assert last_year.denominator is not None
            base = 100 * last_year.numerator / last_year.denominator
            share = gap_closed * i / 12
            planned = base if base >= _STANDARD else base + (_STANDARD - base) * share
            attendances = float(round(last_year.denominator * (1 + growth)))
            seen = float(round(planned / 100 * attendances))
            lines.append(
                PlanLine(
                    metric=AE_METRIC,
                    period=month,
                    numerator=seen,
                    denominator=attendances,
                    ref="",
                )
            )
        plans.append(
            Plan(
                org=org,
                edition="2017-19",
                version="illustrative",
                org_type=OrgType.ACUTE_TRUST,
                lines=lines,
            )
        )
    return tuple(plans)


def write_example(
    plan_file: str | PathLike[str],
    actuals_file: str | PathLike[str],
    orgs: Sequence[str] = EXAMPLE_TRUSTS,
) -> tuple[Plan, ...]:
    """Write the example plans and the trusts' actuals as CSV files (each written whole)."""
    plans = example_plans(orgs)
    write_observations_csv([o for p in plans for o in p.observations()], plan_file)
    write_observations_csv(example_actuals(orgs), actuals_file)
    return plans
