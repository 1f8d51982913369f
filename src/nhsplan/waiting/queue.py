"""Queue maths for waiting lists: the steady-state formulas behind capacity planning.

Each function takes plain numbers or numpy arrays (element by element, broadcast as numpy
does) and returns the same kind. Times are in one unit throughout, the unit of the target
wait (weeks, say), and rates are per that unit (pathways a week): a demand of 30 a week and
a target of 52 weeks give a target queue size of pathways. Shares are fractions, 0 to 1.

The formulas, their derivations and where NHSRwaitinglist (the NHS-R Community R package
that made them popular) says otherwise are in ``docs/guide/waiting.md``.

>>> round(mean_wait_for_percentile(18, 0.92), 2)    # 92 % within 18 weeks: mean wait, weeks
7.13
>>> target_queue_size(30, 52 / 4)                   # Little's law, pathways
390.0
>>> round(relief_capacity(30, 1200, 390, 26), 2)    # pathways a week for 26 weeks
61.15
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final, TypeVar

from nhsplan.errors import InvalidValueError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

__all__ = [
    "factor_for_percentile",
    "mean_wait_for_percentile",
    "percentile_for_factor",
    "queue_load",
    "relief_capacity",
    "share_within",
    "target_capacity",
    "target_queue_size",
    "waiting_list_pressure",
]

Value = TypeVar("Value", float, "FloatArray")
"""A number, or a numpy array of numbers (the result has the type of the arguments)."""

_PRESSURE_FACTOR: Final = 2.0
"""Waiting-list pressure is twice the mean wait of the list over the target (see
:func:`waiting_list_pressure`)."""


def _check(
    name: str,
    value: object,
    *,
    minimum: float = 0.0,
    strict: bool = True,
    maximum: float | None = None,
    example: str,
) -> None:
    """Raise InvalidValueError unless every element of *value* is a finite number in range."""
    if isinstance(value, bool | str | bytes):
        raise InvalidValueError(
            f"{value!r} is not a number or an array of numbers", field=name, example=example
        )
    if not isinstance(value, int | float):
        import numpy as np  # noqa: PLC0415 - numpy is optional: only arrays need it

        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidValueError(
                f"{value!r} is not a number or an array of numbers", field=name, example=example
            ) from None
        values = [float(v) for v in (array.min(), array.max())] if array.size else []
        finite = bool(np.isfinite(array).all())
    else:
        values = [float(value)]
        finite = math.isfinite(values[0])
    if not finite:
        raise InvalidValueError(
            "must be a finite number (not NaN or infinity)", field=name, example=example
        )
    for v in values:
        low = v <= minimum if strict else v < minimum
        if low or (maximum is not None and v >= maximum):
            bound = f"more than {minimum:g}" if strict else f"at least {minimum:g}"
            upper = f" and less than {maximum:g}" if maximum is not None else ""
            raise InvalidValueError(
                f"{v:g} is out of range: must be {bound}{upper}", field=name, example=example
            )


def _log1m(p: Value) -> Value:
    """``ln(1 - p)``, for a number or an array."""
    if isinstance(p, int | float):
        return math.log1p(-p)
    import numpy as np  # noqa: PLC0415 - numpy is optional: only arrays need it

    return np.log1p(-p)


def _exp(x: Value) -> Value:
    if isinstance(x, int | float):
        return math.exp(x)
    import numpy as np  # noqa: PLC0415 - numpy is optional: only arrays need it

    return np.exp(x)


def factor_for_percentile(percentile: Value) -> Value:
    """The factor *F* with target wait = *F* x mean wait, for a share seen within the target.

    Derivation: in a queue in steady state (Poisson arrivals, first come first served, M/M/1)
    the wait is exponential with mean *m*: ``P(W <= t) = 1 - exp(-t / m)``. Asking that a
    share *p* wait at most *t* gives ``t / m = -ln(1 - p)``, so ``F = -ln(1 - p)``.
    NHSRwaitinglist's default factor of 4 is ``p = 1 - exp(-4) = 98.2 %``; its factor 6 is
    99.75 %. (Reference: Kleinrock, *Queueing Systems* vol. 1, 1975, s. 3.2, the M/M/1
    waiting time; NHSRwaitinglist issue 36 asked for the percentile form.)

    Args:
        percentile: the share within the target, a fraction strictly between 0 and 1.

    Returns:
        The factor (dimensionless), target wait / mean wait.

    >>> round(factor_for_percentile(0.92), 4)
    2.5257
    """
    _check("percentile", percentile, maximum=1.0, example="0.92 (92 % within the target)")
    return -_log1m(percentile)


def percentile_for_factor(factor: Value) -> Value:
    """The share seen within the target when target wait = *factor* x mean wait.

    Derivation: the inverse of :func:`factor_for_percentile`, ``p = 1 - exp(-F)``.

    Args:
        factor: target wait / mean wait, more than 0.

    Returns:
        The share within the target, a fraction.

    >>> round(percentile_for_factor(4), 4)
    0.9817
    """
    _check("factor", factor, example="4 (mean wait a quarter of the target)")
    return 1.0 - _exp(-factor)


def mean_wait_for_percentile(target_wait: Value, percentile: Value) -> Value:
    """The mean wait at which a share *percentile* of patients wait at most *target_wait*.

    Derivation: from ``P(W <= t) = 1 - exp(-t / m)`` (exponential waits in steady state, see
    :func:`factor_for_percentile`), ``m = t / -ln(1 - p)``. NHSRwaitinglist's
    ``calc_target_mean_wait(t, factor)`` is ``t / factor`` with ``factor = -ln(1 - p)``. The
    same holds for the *waiting list* (incomplete pathways), not only for completed waits:
    with arrivals at rate ``lambda``, the list holds ``lambda * P(W > a) da`` patients who have
    waited about ``a``, and for exponential *W* that age profile is exponential with the same
    mean, so the RTT measure (share of the list within 18 weeks) obeys the same law.

    Args:
        target_wait: the target wait, more than 0 (weeks, say).
        percentile: the share to be seen within it, a fraction strictly between 0 and 1.

    Returns:
        The mean wait, in the unit of *target_wait*.

    >>> round(mean_wait_for_percentile(52, percentile_for_factor(4)), 6)
    13.0
    """
    _check("target_wait", target_wait, example="18 (weeks)")
    return target_wait / factor_for_percentile(percentile)


def share_within(wait: Value, mean_wait: Value) -> Value:
    """The share of patients waiting at most *wait*, waits exponential with mean *mean_wait*.

    Derivation: the exponential distribution function, ``1 - exp(-t / m)``.

    Args:
        wait: the time, at least 0.
        mean_wait: the mean wait, more than 0, in the unit of *wait*.

    Returns:
        A fraction.

    >>> round(share_within(18, 7.127), 3)
    0.92
    """
    _check("wait", wait, strict=False, example="18 (weeks)")
    _check("mean_wait", mean_wait, example="7.1 (weeks)")
    return 1.0 - _exp(-wait / mean_wait)


def target_queue_size(demand: Value, mean_wait: Value) -> Value:
    """The queue size at which demand and a mean wait balance: Little's law, ``L = lambda W``.

    Derivation: Little's law (Little, *Operations Research* 9(3), 1961) says the mean number
    in a stable system is the arrival rate times the mean time in it, whatever the
    distributions. A list whose patients should wait *mean_wait* on average, at *demand* a
    week, holds ``demand * mean_wait``. NHSRwaitinglist's ``calc_target_queue_size(demand,
    target_wait, factor)`` is this with ``mean_wait = target_wait / factor``.

    Args:
        demand: arrivals (clock starts) per unit of time, at least 0.
        mean_wait: the mean wait, more than 0, in that unit of time.

    Returns:
        The number waiting (pathways).

    >>> target_queue_size(30, 52 / 4)
    390.0
    """
    _check("demand", demand, strict=False, example="30 (pathways a week)")
    _check("mean_wait", mean_wait, example="13 (weeks)")
    return demand * mean_wait


def target_capacity(
    demand: Value, mean_wait: Value, *, cv_demand: float = 1.0, cv_capacity: float = 1.0
) -> Value:
    """The capacity that holds the mean wait at *mean_wait*: Kingman's formula solved for it.

    Derivation: Kingman's heavy-traffic approximation for a single-server queue (Kingman,
    *Proc. Cambridge Phil. Soc.* 57, 1961; Marchal, *Operations Research* 24, 1976, whose
    refinement agrees in heavy traffic) gives the mean wait
    ``W ~ (c_a^2 + c_s^2) / 2 * 1 / (mu - lambda)`` for arrival rate ``lambda``, service rate
    ``mu`` and coefficients of variation ``c_a`` of the times between arrivals and ``c_s`` of
    the service times. Solving for ``mu``: ``mu = lambda + (c_a^2 + c_s^2) / (2 W)``. With
    ``c_a = c_s = 1`` (the M/M/1 queue) this is exactly ``mu = lambda + 1 / W``, the M/M/1
    sojourn time ``W = 1 / (mu - lambda)``, which fixes the ``/ 2``: NHSRwaitinglist's code
    has it, its help text does not (its issues 134 and 135); nhsplan follows the code.

    Args:
        demand: arrivals per unit of time, at least 0.
        mean_wait: the mean wait to hold, more than 0, in that unit of time.
        cv_demand: coefficient of variation of the times between arrivals (1 for Poisson).
        cv_capacity: coefficient of variation of the times between removals (1: random).

    Returns:
        Removals per unit of time (pathways a week, say).

    >>> round(target_capacity(30, 52 / 3, cv_demand=1.1, cv_capacity=1.2), 6)
    30.076442
    """
    _check("demand", demand, strict=False, example="30 (pathways a week)")
    _check("mean_wait", mean_wait, example="13 (weeks)")
    _check("cv_demand", cv_demand, strict=False, example="1 (Poisson arrivals)")
    _check("cv_capacity", cv_capacity, strict=False, example="1")
    return demand + (cv_demand**2 + cv_capacity**2) / (2.0 * mean_wait)


def relief_capacity(
    demand: Value, queue_size: Value, target_queue_size: Value, time_to_target: Value
) -> Value:
    """The capacity that brings the queue to *target_queue_size* in *time_to_target*.

    Derivation: a queue changes by arrivals minus removals,
    ``Q(T) = Q(0) + (lambda - mu) T``; setting ``Q(T)`` to the target and solving,
    ``mu = lambda + (Q(0) - Q*) / T``: keep up with demand and clear the excess evenly. The
    formula is NHSRwaitinglist's ``calc_relief_capacity``; a queue already below its target
    gives less than demand (the queue may grow to its target).

    Args:
        demand: arrivals per unit of time, at least 0.
        queue_size: the number waiting now, at least 0.
        target_queue_size: the number to reach, at least 0.
        time_to_target: the time allowed, more than 0, in the unit of *demand*'s rate.

    Returns:
        Removals per unit of time over that period.

    >>> round(relief_capacity(30, 1200, 390, 26), 6)    # 30 + (1200 - 390) / 26
    61.153846
    """
    _check("demand", demand, strict=False, example="30 (pathways a week)")
    _check("queue_size", queue_size, strict=False, example="1200 (pathways)")
    _check("target_queue_size", target_queue_size, strict=False, example="390 (pathways)")
    _check("time_to_target", time_to_target, example="26 (weeks)")
    return demand + (queue_size - target_queue_size) / time_to_target


def queue_load(demand: Value, capacity: Value) -> Value:
    """The queue load (traffic intensity) ``rho = lambda / mu``: above 1, the queue grows.

    Derivation: arrivals per removal; a queue with ``rho >= 1`` has no steady state (its
    expected length grows without bound; Kleinrock 1975, s. 3.2).

    Args:
        demand: arrivals per unit of time, at least 0.
        capacity: removals per unit of time, more than 0.

    Returns:
        The load, dimensionless.

    >>> round(queue_load(30, 27), 6)
    1.111111
    """
    _check("demand", demand, strict=False, example="30 (pathways a week)")
    _check("capacity", capacity, example="27 (pathways a week)")
    return demand / capacity


def waiting_list_pressure(mean_wait: Value, target_wait: Value) -> Value:
    """Waiting-list pressure ``2 * mean wait of the list / target wait``: above 1, at risk.

    Derivation: in a list served in order of waiting at a steady rate, everyone leaves after
    the same wait *T*, so the times waited so far by those on the list are spread evenly over
    ``0..T`` and their mean is ``T / 2``: twice the mean wait of the list is the wait of those
    being treated now, and pressure above 1 means they waited longer than the target. This
    is NHSRwaitinglist's ``calc_waiting_list_pressure`` (factor 2); its ``wl_stats`` once used
    factor 4, the ratio of the mean wait to a target mean wait of a quarter of the target, a
    different quantity (its issue 80, where the method's author confirmed 2).

    Args:
        mean_wait: the mean time waited so far by those on the list, at least 0.
        target_wait: the target wait, more than 0, in the same unit.

    Returns:
        The pressure, dimensionless.

    >>> round(waiting_list_pressure(63, 52), 6)
    2.423077
    """
    _check("mean_wait", mean_wait, strict=False, example="10 (weeks)")
    _check("target_wait", target_wait, example="18 (weeks)")
    return _PRESSURE_FACTOR * mean_wait / target_wait
