"""The 62-day cancer backlog: back to the February 2020 level, or the national average if lower.

Systems are asked to "return the number of people waiting for longer than 62 days to the level
we saw in February 2020 (or to the national average in February 2020 where this is lower)"
(seed 001 §C2). The level required is the *lower* of the two; a backlog at or below it meets
the ask. The rule is the shipped 2021/22 target ``cancer_62_day_backlog`` (two baselines,
combined by the lowest, judged on March 2022's figure); these functions use its
``required_from`` rather than restating it.

>>> from nhsplan.units import quantity
>>> print(cancer_backlog_target(quantity(120, "patient"), quantity(95, "patient")))
95 patient
>>> r = cancer_backlog_status(
...     quantity(101, "patient"), quantity(120, "patient"), quantity(95, "patient")
... )
>>> r.met, str(r.margin), r.binding.value
(False, '-6 patient', 'national')

Sources:
    Seed 001 §C2; the shipped 2021/22 target ``cancer_62_day_backlog``.
"""

from __future__ import annotations

from typing import Final

import attrs

from nhsplan import units
from nhsplan.errors import InvalidValueError
from nhsplan.evaluate.rules import _shipped
from nhsplan.evaluate.rules._decimal import difference
from nhsplan.evaluate.rules._inputs import figure
from nhsplan.model import BaselineScope, BaselineTarget, Citation, Deadline
from nhsplan.units import quantity

__all__ = ["BacklogResult", "cancer_backlog_status", "cancer_backlog_target"]

_TARGET_ID: Final = "cancer_62_day_backlog"


def _target() -> BaselineTarget:
    return _shipped.target("2021/22", _TARGET_ID, BaselineTarget)


def _label(target: BaselineTarget, scope: BaselineScope) -> str:
    return next(b.label for b in target.baselines if b.scope is scope)


def _count(value: units.Quantity | str | float, field: str) -> units.Quantity:
    value = figure(value, "patient", field=field, example="'120 patients'")
    if value.magnitude < 0:
        raise InvalidValueError(
            f"a backlog cannot be negative (got {value})",
            field=field,
            example="quantity(120, 'patient')",
        )
    return value


def cancer_backlog_target(
    local_feb_2020: units.Quantity | str | float,
    national_average_feb_2020: units.Quantity | str | float,
) -> units.Quantity:
    """The backlog level required: the lower of the local and the national February 2020 level.

    Computed by the shipped target's :meth:`~nhsplan.model.BaselineTarget.required_from`
    (``combine = lowest``, no change on the baseline).

    Args:
        local_feb_2020: the system's own 62-day backlog in February 2020.
        national_average_feb_2020: the national average backlog in February 2020, on the same
            footing (a count in a compatible unit).

    Returns:
        The lower of the two, in the unit of *local_feb_2020*.

    Raises:
        InvalidValueError: a level is negative or not a quantity.
        UnitMismatchError: the two levels are of different dimensions.

    Sources:
        Seed 001 §C2; shipped target ``cancer_62_day_backlog``.

    >>> print(cancer_backlog_target(quantity(80, "patient"), quantity(95, "patient")))
    80 patient
    """
    target = _target()
    local = _count(local_feb_2020, "local_feb_2020")
    national = _count(national_average_feb_2020, "national_average_feb_2020")
    return target.required_from(
        {
            _label(target, BaselineScope.LOCAL): local,
            _label(target, BaselineScope.NATIONAL): national,
        }
    )


@attrs.frozen(kw_only=True)
class BacklogResult:
    """Whether a 62-day backlog is back to the level required.

    Attributes:
        current: the backlog judged (March 2022's, for the guidance's deadline).
        required: the level required: the lower of the two February 2020 baselines.
        local: the local February 2020 level.
        national: the national average February 2020 level.
        binding: which baseline set the level (local where the two are equal).
        met: the backlog is at or below the level required.
        margin: required minus current, in the backlog's unit; positive is better.
        deadline: the deadline of the shipped target ("by March 2022").
        reason: one sentence a person can read.
        citation: the guidance paragraph setting the ask.
    """

    current: units.Quantity
    required: units.Quantity
    local: units.Quantity
    national: units.Quantity
    binding: BaselineScope
    met: bool
    margin: units.Quantity
    deadline: Deadline | None
    reason: str
    citation: Citation


def cancer_backlog_status(
    current: units.Quantity | str | float,
    local: units.Quantity | str | float,
    national: units.Quantity | str | float,
) -> BacklogResult:
    """Whether the *current* 62-day backlog is back to the February 2020 level required.

    Met when *current* is at most :func:`cancer_backlog_target` of *local* and *national*
    (the shipped target's comparison, at most). Which month's backlog to pass is the caller's:
    the guidance judges March 2022's figure.

    Args:
        current: the backlog now, a count.
        local: the system's own February 2020 backlog.
        national: the national average February 2020 backlog.

    Returns:
        The result, with the margin (positive = below the level required) and the baseline
        that set the level.

    Raises:
        InvalidValueError: a figure is negative or not a quantity.
        UnitMismatchError: the figures are of different dimensions.

    Sources:
        Seed 001 §C2; shipped target ``cancer_62_day_backlog``.

    >>> cancer_backlog_status(quantity(80, "patient"), quantity(80, "patient"),
    ...                       quantity(95, "patient")).met
    True
    """
    target = _target()
    current, local = _count(current, "current"), _count(local, "local")
    national = _count(national, "national")
    required = cancer_backlog_target(local, national)
    now = current.to(required.unit).magnitude
    national_level = national.to(required.unit).magnitude
    local_level = local.to(required.unit).magnitude
    binding = BaselineScope.NATIONAL if national_level < local_level else BaselineScope.LOCAL
    met = target.comparison.holds(now, required.magnitude)
    margin = quantity(difference(required.magnitude, now), required.unit)
    which = "local" if binding is BaselineScope.LOCAL else "national average"
    level = f"the {which} February 2020 level of {required.format()}"
    if met:
        reason = f"The 62-day backlog of {current.format()} is at or below {level}."
    else:
        reason = (
            f"The 62-day backlog of {current.format()} is above {level} "
            f"by {quantity(-margin.magnitude, required.unit).format()}."
        )
    return BacklogResult(
        current=current,
        required=required,
        local=local,
        national=national,
        binding=binding,
        met=met,
        margin=margin,
        deadline=target.deadline,
        reason=reason,
        citation=target.citation,
    )
