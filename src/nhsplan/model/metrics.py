"""What is measured: metrics and how often they are reported."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from nhsplan import units
from nhsplan.errors import InvalidObservationError, InvalidValueError, NhsplanError
from nhsplan.model._validators import _non_empty, _snake_id, check_types, unit_name
from nhsplan.model.citations import Citation
from nhsplan.model.enums import Polarity, ScoringKind
from nhsplan.units import quantity, same_dimension
from nhsplan.units.inputs import in_unit

if TYPE_CHECKING:
    from nhsplan.model.observations import Observation


class Frequency(enum.Enum):
    """How often a metric is reported."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    SNAPSHOT = "snapshot"
    """A month-end position (a waiting list), not a flow over the month."""
    EVENT = "event"
    """Reported once, when something happens (a plan submitted)."""


@attrs.frozen(kw_only=True)
class Metric:
    """What is measured: a named quantity with a unit, a polarity and a scoring kind.

    A proportion is defined by its numerator and denominator and its unit is ``percent``:

    >>> m = Metric(
    ...     id="ae_4_hour", name="A&E four-hour performance", unit="percent",
    ...     polarity=Polarity.HIGHER_IS_BETTER, kind=ScoringKind.PROPORTION,
    ...     numerator="attendances within 4 hours", denominator="all attendances",
    ... )
    >>> m.unit
    'percent'
    """

    id: str = attrs.field(validator=_snake_id)
    name: str = attrs.field(validator=_non_empty)
    unit: str = attrs.field(converter=unit_name)
    """The unit figures are reported in (``percent``, ``patient``, ``FTE``, ``GBP``)."""
    polarity: Polarity
    kind: ScoringKind
    numerator: str = ""
    """For a proportion: what is counted on top."""
    denominator: str = ""
    """For a proportion: what it is counted out of."""
    frequency: Frequency = Frequency.MONTHLY
    description: str = ""
    citation: Citation | None = None

    def __attrs_post_init__(self) -> None:
        check_types(self)
        if self.kind is ScoringKind.PROPORTION:
            if not (self.numerator and self.denominator):
                raise InvalidValueError(
                    f"proportion metric {self.id!r} needs numerator and denominator definitions",
                    field="numerator",
                    example="numerator='seen within 4 hours', denominator='all attendances'",
                )
            if not same_dimension(self.unit, "percent"):
                raise InvalidValueError(
                    f"proportion metric {self.id!r} has unit {self.unit!r}, not a ratio",
                    field="unit",
                    example="'percent'",
                )

    def resolve(self, observation: Observation) -> Observation:
        """*observation* checked against this metric, a bare number read in its unit.

        A value given without a unit (``12``, ``"12"``) is read in the metric's unit where
        that is unambiguous (a count, FTE, money, minutes); for a proportion it is refused,
        since ``79`` and ``0.79`` could each mean 79 %.

        Raises:
            InvalidObservationError: as :meth:`check`.

        >>> from nhsplan.model.observations import Observation
        >>> waits = Metric(id="rtt_52_week_waits", name="52-week waits", unit="pathway",
        ...                polarity=Polarity.LOWER_IS_BETTER, kind=ScoringKind.COUNT)
        >>> waits.resolve(Observation(org="RBD", metric="rtt_52_week_waits",
        ...                           period="2021-12", value=12)).value
        <Quantity(12.0, 'pathway')>
        """
        self.check(observation)
        if isinstance(observation.value, float):
            return attrs.evolve(observation, value=self._read(observation, observation.value))
        return observation

    def _read(self, observation: Observation, value: units.Quantity | float) -> units.Quantity:
        return in_unit(
            value,
            self.unit,
            field=f"value ({observation.org} {observation.period})",
            what=f"{observation.org} {self.id} {observation.period}",
            error=InvalidObservationError,
        )

    def check(self, observation: Observation) -> None:
        """Raise :class:`~nhsplan.errors.InvalidObservationError` if *observation* cannot be right.

        Checks what depends on the metric: the metric id, a bare number for a proportion
        (which could be read two ways), a proportion outside 0-100 %, a value whose unit
        cannot convert to the metric's, a negative count.
        """
        if observation.metric != self.id:
            where = f"{observation.org} {observation.period}"
            raise InvalidObservationError(
                f"observation of {observation.metric!r} checked against metric {self.id!r}",
                field=f"metric ({where})",
                example=repr(self.id),
            )
        if observation.value is None:
            return
        where = f"{observation.org} {observation.period}"
        what = f"{observation.org} {self.id} {observation.period}"
        self._checked(observation.value, where=where, what=what)

    def accepts(self, value: units.Quantity | float) -> bool:
        """Whether *value* can be a figure of this metric, as :meth:`check` judges a figure.

        For code that asks about a value before any organisation's figure is read (the
        columnar engine, which vouches for the values it reads in bulk).

        >>> share = Metric(id="fds", name="FDS", unit="percent",
        ...                polarity=Polarity.HIGHER_IS_BETTER, kind=ScoringKind.PROPORTION,
        ...                numerator="told within 28 days", denominator="referred")
        >>> share.accepts(quantity(0, "percent")), share.accepts(quantity(101, "percent"))
        (True, False)
        >>> share.accepts(quantity(0, "pathway")), share.accepts(0.5)  # no unit: 0.5 or 50 %?
        (False, False)
        """
        try:
            self._checked(value, where="a figure", what=f"a {self.id} figure")
        except NhsplanError:  # refused, or a unit of another dimension
            return False
        return True

    def _checked(self, value: units.Quantity | float, *, where: str, what: str) -> units.Quantity:
        """*value* in its unit, checked: the one rule of :meth:`check` and :meth:`accepts`.

        *where* and *what* name the figure in the error.
        """
        value = in_unit(
            value, self.unit, field=f"value ({where})", what=what, error=InvalidObservationError
        )
        if self.kind is ScoringKind.PROPORTION:
            pct = value.to("percent").magnitude
            if not 0 <= pct <= 100:
                raise InvalidObservationError(
                    f"a proportion must lie between 0 and 100 % (got {value})",
                    field=f"value ({where})",
                    example="'92.5 %'",
                )
        elif self.kind is ScoringKind.COUNT and value.magnitude < 0:
            raise InvalidObservationError(
                f"{self.kind.value} cannot be negative (got {value})",
                field=f"value ({where})",
                example=f"'{quantity(0, self.unit)}'",
            )
        return value
