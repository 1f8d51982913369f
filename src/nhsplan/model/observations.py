"""Reported figures: observations of a metric and per-case records."""

from __future__ import annotations

from datetime import date

import attrs

from nhsplan import units
from nhsplan.calendar import Period, add_months
from nhsplan.errors import InvalidObservationError
from nhsplan.model._inputs import to_code, to_denominator, to_figure, to_numerator, to_period
from nhsplan.model._validators import _finite_non_negative, _org_code, _snake_id, ratio_problem
from nhsplan.units import quantity


@attrs.frozen(kw_only=True)
class Observation:
    """One reported figure: an organisation's value of a metric for a period.

    Give either a value, or a numerator and denominator (for a proportion; the percentage
    is derived, never stored alone):

    >>> from nhsplan.calendar import Month
    >>> o = Observation(org="RBD", metric="ae_4_hour", period=Month(2019, 3),
    ...                 numerator=9000, denominator=10000)
    >>> print(o.amount)
    90 %
    """

    org: str = attrs.field(converter=to_code, validator=_org_code)
    """The organisation's code, stored upper case (``"rbd"`` reads as ``"RBD"``)."""
    metric: str = attrs.field(validator=_snake_id)
    period: Period = attrs.field(converter=to_period)
    """A period, or its text (``"2021-11"``, ``"2021/22 Q3"``)."""
    value: units.Quantity | float | None = attrs.field(default=None, converter=to_figure)
    """The figure: a Quantity, or a bare number (a ``float``) read in the metric's unit
    when the observation meets its metric (see :meth:`Metric.resolve`)."""
    numerator: float | None = attrs.field(
        default=None, converter=to_numerator, validator=_finite_non_negative("numerator")
    )
    denominator: float | None = attrs.field(
        default=None,
        converter=to_denominator,
        validator=_finite_non_negative("denominator"),
    )

    def __attrs_post_init__(self) -> None:
        where = f"{self.org} {self.metric} {self.period}"
        has_ratio = self.numerator is not None or self.denominator is not None
        if (self.value is None) == (not has_ratio):
            raise InvalidObservationError(
                "give a value or a numerator and denominator, not "
                f"{'both' if has_ratio else 'neither'} ({where})",
                field="value",
                example="value='87.5 %' or numerator=875, denominator=1000",
            )
        if has_ratio:
            if self.numerator is None or self.denominator is None:
                raise InvalidObservationError(
                    f"numerator and denominator come together ({where})",
                    field="denominator",
                    example="numerator=875, denominator=1000",
                )
            found = ratio_problem(self.numerator, self.denominator)
            if found is not None:
                field, problem = found
                raise InvalidObservationError(
                    f"{problem} ({where})", field=field, example="numerator=875, denominator=1000"
                )

    @property
    def bare(self) -> bool:
        """True if the value is a number without a unit, waiting for its metric's unit."""
        return isinstance(self.value, float)

    @property
    def amount(self) -> units.Quantity:
        """The figure: the value, or numerator ÷ denominator as a percentage.

        Raises:
            InvalidObservationError: the value is a bare number; read it in its metric's
                unit first (:meth:`Metric.resolve`; :func:`~nhsplan.evaluate` does).
        """
        if isinstance(self.value, float):
            raise InvalidObservationError(
                f"{self.value:g} for {self.org} {self.metric} {self.period} has no unit; it "
                "is read in its metric's unit by Metric.resolve (evaluate does this)",
                field="value",
                example="'87.5 %' or metric.resolve(observation)",
            )
        if self.value is not None:
            return self.value
        assert self.numerator is not None  # validated: they come together
        assert self.denominator is not None
        return quantity(100 * self.numerator / self.denominator, "percent")


@attrs.frozen(kw_only=True)
class CaseRecord:
    """One case of a within-time-per-record target: when it started and when it was done."""

    org: str = attrs.field(converter=to_code, validator=_org_code)
    metric: str = attrs.field(validator=_snake_id)
    start: date
    """When the clock started (a LeDeR notification)."""
    end: date | None = None
    """When it was done (None: not yet)."""
    ref: str = ""

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InvalidObservationError(
                f"case {self.ref or '(no ref)'} ends {self.end} before it starts {self.start}",
                field="end",
                example=f"start={self.start}, end={add_months(self.start, 3)}",
            )
