"""Aggregation along the organisation hierarchy: members' figures summed into their system.

Proportions aggregate by summing numerators and denominators — never by averaging
percentages, which weights a small trust as heavily as a large one. Counts and money sum.
Durations and rates cannot be summed without weights; they are reported, not aggregated.

>>> from nhsplan import Month, Observation, Organisation, OrgType
>>> orgs = [Organisation(code="RA1", type=OrgType.ACUTE_TRUST, system="QXX"),
...         Organisation(code="RA2", type=OrgType.ACUTE_TRUST, system="QXX")]
>>> obs = [Observation(org="RA1", metric="ae_4_hour", period=Month(2021, 4),
...                    numerator=90, denominator=100),
...        Observation(org="RA2", metric="ae_4_hour", period=Month(2021, 4),
...                    numerator=500, denominator=1000)]
>>> (system,) = aggregate(obs, orgs).observations
>>> system.org, system.numerator, system.denominator
('QXX', 590.0, 1100.0)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import attrs

from nhsplan import units
from nhsplan.errors import InvalidValueError
from nhsplan.model import Observation, Organisation
from nhsplan.units import quantity, same_dimension

__all__ = ["AggregationResult", "aggregate", "system_control_total"]

_SUMMABLE = ("count", "GBP", "FTE")


@attrs.frozen(kw_only=True)
class AggregationResult:
    """System-level observations, and what could not be aggregated and why."""

    observations: tuple[Observation, ...]
    warnings: tuple[str, ...] = ()


def aggregate(
    observations: Iterable[Observation], organisations: Iterable[Organisation]
) -> AggregationResult:
    """Sum each system's members' observations into one observation per metric and period.

    Args:
        observations: member organisations' figures (others are ignored).
        organisations: the organisations, each naming its ``system``.

    Returns:
        One observation per (system, metric, period): numerators and denominators summed for
        proportions, values summed for counts, money and FTE. Figures that cannot be summed
        (durations, rates), or that mix a value with a numerator/denominator, are listed in
        ``warnings`` and left out of the system's figure.
    """
    system_of = {org.code: org.system for org in organisations if org.system is not None}
    groups: dict[tuple[str, str, object], list[Observation]] = defaultdict(list)
    for obs in observations:
        system = system_of.get(obs.org)
        if system is not None:
            groups[(system, obs.metric, obs.period)].append(obs)
    out: list[Observation] = []
    warnings: list[str] = []
    for (system, metric, _period), members in groups.items():
        first = members[0]
        where = f"{system} {metric} {first.period}"
        if all(m.numerator is not None for m in members):
            out.append(
                Observation(
                    org=system,
                    metric=metric,
                    period=first.period,
                    numerator=sum(m.numerator or 0.0 for m in members),
                    denominator=sum(m.denominator or 0.0 for m in members),
                )
            )
        elif all(isinstance(m.value, float) for m in members):
            bare = sum(m.value for m in members if isinstance(m.value, float))
            out.append(Observation(org=system, metric=metric, period=first.period, value=bare))
        elif any(isinstance(m.value, float) for m in members):
            warnings.append(f"{where}: members mix figures with and without units; not aggregated")
        elif all(m.value is not None for m in members):
            total = _sum_values([m.amount for m in members])
            if total is None:
                warnings.append(
                    f"{where}: {first.amount.unit} figures cannot be "
                    "summed (a duration or rate needs weights); not aggregated"
                )
            else:
                out.append(Observation(org=system, metric=metric, period=first.period, value=total))
        else:
            warnings.append(
                f"{where}: members mix values with numerators and denominators; not aggregated"
            )
    return AggregationResult(observations=tuple(out), warnings=tuple(warnings))


def _sum_values(values: list[units.Quantity]) -> units.Quantity | None:
    unit = values[0].unit
    if not any(same_dimension(unit, kind) for kind in _SUMMABLE):
        return None
    return quantity(sum(v.to(unit).magnitude for v in values), unit)


def system_control_total(members: Mapping[str, units.Quantity]) -> units.Quantity:
    """A system's control total: the sum of its member organisations' control totals.

    The 2017-19 guidance asks each STP to agree a system-wide control total that is the sum
    of its members' (003_0a0a5c14aefc3ec4.txt §System control totals).

    >>> print(system_control_total({"RA1": quantity(-2e6, "GBP"), "RA2": quantity(5e6, "GBP")}))
    3000000 GBP

    Raises:
        InvalidValueError: no members, or a member's total is not money.
    """
    if not members:
        raise InvalidValueError(
            "a system needs at least one member",
            field="members",
            example="{'RA1': quantity(-2e6, 'GBP')}",
        )
    for code, total in members.items():
        if not same_dimension(total.unit, "GBP"):
            raise InvalidValueError(
                f"{code}'s control total {total} is not money",
                field="members",
                example="quantity(-2e6, 'GBP')",
            )
    return quantity(sum(t.to("GBP").magnitude for t in members.values()), "GBP")
