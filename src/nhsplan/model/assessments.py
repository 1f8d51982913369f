"""The results of evaluating targets, with their SPC readings."""

from __future__ import annotations

from datetime import date

import attrs

from nhsplan import units
from nhsplan.calendar import Period
from nhsplan.model.citations import Citation
from nhsplan.model.enums import Assurance, Status, VariationIcon


@attrs.frozen(kw_only=True)
class SpcSummary:
    """A Making Data Count reading of the series behind an assessment.

    Built by :func:`nhsplan.spc.summarise` from an XmR chart of the organisation's figures.
    """

    variation: VariationIcon
    """The variation icon, from the latest point."""
    assurance: Assurance | None
    """Whether the process will reliably meet the target (None: no target, or neutral)."""
    points: int
    """How many figures the chart was drawn from."""
    mean: float
    lower_limit: float
    upper_limit: float
    """The latest segment's centre line and process limits, in the metric's unit."""
    through: Period | None = None
    """The last period charted: the reading is as of it. For an assessment, the end of the
    period judged (figures of later months are not read), so a verdict on March 2025 carries
    the reading of the series to March 2025."""


@attrs.frozen(kw_only=True)
class Assessment:
    """The result of evaluating one target for one organisation on one date.

    A missed target is a result (``Status.NOT_MET``), never an exception.
    """

    target: str
    """The target id."""
    status: Status
    reason: str
    """One sentence a person can read."""
    citation: Citation
    as_of: date
    org: str | None = None
    observed: units.Quantity | None = None
    required: units.Quantity | None = None
    margin: units.Quantity | None = None
    """Observed minus required in the metric's unit, signed so positive is better."""
    period: Period | None = None
    """The period judged."""
    spc: SpcSummary | None = None
    """The XmR reading of the organisation's series, where one was asked for and long enough."""
    reading: str | None = None
    """The interpretation the target's level rests on that the guidance does not state (its
    :attr:`~nhsplan.model.Reading.applied`), shown beside the verdict; None where none."""

    @property
    def met(self) -> bool:
        """True if the status is MET."""
        return self.status is Status.MET
