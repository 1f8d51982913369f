"""The XmR constants, the options of a chart, and the names of its readings."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any, TypeAlias

import attrs

from nhsplan.errors import InvalidValueError

LIMIT = 2.66
"""Process limits are the mean ± ``LIMIT`` times the mean moving range (3 sigma)."""
TWO_SIGMA = 2 * (LIMIT / 3)
"""Two sigma is the mean ± ``TWO_SIGMA`` times the mean moving range (R's ``limitclose``)."""
OUTLIER_SCREEN = 3.267
"""Moving ranges at or above ``OUTLIER_SCREEN`` times their mean are screened out."""

_Validator: TypeAlias = Callable[[object, "attrs.Attribute[Any]", object], None]


class TwoInThree(enum.Enum):
    """Which reading of the "two of three points beyond two sigma" rule to apply."""

    PLOTTHEDOTS = "plotthedots"
    """NHSRplotthedots: only points between two sigma and the process limit count."""
    MDC_2023 = "mdc_2023"
    """Making Data Count, November 2023: every point beyond two sigma counts, limits included."""
    OFF = "off"
    """Do not apply the rule."""


class SpecialCause(enum.Enum):
    """The rule that makes a point special cause, as chosen by precedence."""

    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_IN_THREE = "two_in_three"
    RUN = "run"


class Variation(enum.Enum):
    """A point's variation, oriented by the metric's polarity (R's ``point_type``)."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEITHER_HIGH = "special_cause_neutral_high"
    """Special cause, high side, for a metric with neutral polarity."""
    NEITHER_LOW = "special_cause_neutral_low"
    """Special cause, low side, for a metric with neutral polarity."""


def _positive_int_or_none(minimum: int) -> _Validator:
    def check(_instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise InvalidValueError(
                f"must be a whole number of at least {minimum} or None, not {value!r}",
                field=attribute.name,
                example=f"SpcOptions({attribute.name}={max(minimum, 7)})",
            )

    return check


def _check_bool(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidValueError(
            f"must be True or False, not {value!r}",
            field=attribute.name,
            example=f"SpcOptions({attribute.name}=False)",
        )


def _check_non_negative(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(
            f"must be a whole number of at least 0, not {value!r}",
            field=attribute.name,
            example=f"SpcOptions({attribute.name}=13)",
        )


def _check_two_in_three(
    _instance: object, attribute: attrs.Attribute[TwoInThree], value: object
) -> None:
    if not isinstance(value, TwoInThree):
        raise InvalidValueError(
            f"must be a TwoInThree member, not {value!r}",
            field=attribute.name,
            example="SpcOptions(two_in_three=TwoInThree.MDC_2023)",
        )


def _as_tuple(value: Iterable[object]) -> tuple[object, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"must be a sequence of positions or labels, not {value!r}",
            field="rebase_at",
            example="SpcOptions(rebase_at=(12,))",
        )
    return tuple(value)


@attrs.frozen(kw_only=True)
class SpcOptions:
    """How to compute an XmR chart and which special-cause rules to apply.

    The defaults are NHSRplotthedots'. :meth:`mdc_excel` gives the Making Data Count Excel
    tool's settings (no moving-range screening, the November 2023 two-in-three reading).

    Attributes:
        screen_outliers: leave moving ranges at or above 3.267 times their mean out of the mean
            moving range (NHSRplotthedots' default). The MDC Excel tool does not screen.
        fix_after_n_points: compute each segment's limits from its first *n* points only
            (at least 12, as NHSRplotthedots and the MDC tool require: Making Data Count's
            baseline period is the first 12 to 20 points) and extend them to later points.
        rebase_at: where new segments start, each with its own limits: positions (``int``)
            when :func:`xmr` is called without labels, otherwise labels of the series.
        outside_limits: apply the rule "a point outside the process limits".
        trend_length: points in a trend (each strictly above, or below, the one before);
            at least 2, or None to switch the rule off.
        two_in_three: which reading of "two of three points beyond two sigma, on the same
            side of the mean" to apply, or :attr:`TwoInThree.OFF`.
        run_length: points in a run on one side of the mean; at least 2, or None to switch the
            rule off.
        short_segment_points: warn about segments with fewer points than this. NHSRplotthedots
            0.2.x warns when ``n() < 13`` (``R/ptd_add_short_group_warnings.R``).
    """

    screen_outliers: bool = attrs.field(default=True, validator=_check_bool)
    fix_after_n_points: int | None = attrs.field(default=None, validator=_positive_int_or_none(12))
    rebase_at: tuple[object, ...] = attrs.field(default=(), converter=_as_tuple)
    outside_limits: bool = attrs.field(default=True, validator=_check_bool)
    trend_length: int | None = attrs.field(default=7, validator=_positive_int_or_none(2))
    two_in_three: TwoInThree = attrs.field(
        default=TwoInThree.PLOTTHEDOTS, validator=_check_two_in_three
    )
    run_length: int | None = attrs.field(default=7, validator=_positive_int_or_none(2))
    short_segment_points: int = attrs.field(default=13, validator=_check_non_negative)

    @classmethod
    def mdc_excel(cls, *, rebase_at: Iterable[object] = ()) -> SpcOptions:
        """The Making Data Count Excel tool's settings: no screening, the 2023 two-in-three.

        >>> SpcOptions.mdc_excel().screen_outliers
        False
        """
        return cls(
            screen_outliers=False, two_in_three=TwoInThree.MDC_2023, rebase_at=tuple(rebase_at)
        )


_DEFAULT_OPTIONS = SpcOptions()
