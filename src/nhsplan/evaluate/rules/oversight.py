"""Oversight and assessment (2017-19): provider segments and CCG support levels.

The **Single Oversight Framework** (NHS Improvement, from 1 October 2016) places each provider
in one of four segments by the support it needs: 1 maximum autonomy, 2 targeted support, 3
mandated support, 4 special measures, judged on five themes and the provider's licence.

The **CCG Improvement and Assessment Framework** rates each CCG outstanding, good, requires
improvement or inadequate, and offers it one of three levels of support by its rating.

The names and descriptions are read from the shipped 2017-19 edition's frameworks
(``single_oversight_framework``, ``ccg_improvement_assessment_framework``), never re-typed:

>>> sof_segment([SofTheme.FINANCE_AND_USE_OF_RESOURCES], LicenceStatus.NONE)
2
>>> sof_segment_item(2).name
'Targeted support'
>>> iaf_support_level(IafRating.REQUIRES_IMPROVEMENT).item.name
'Facilitative'

Sources:
    Seed 003 (NHS Operational Planning and Contracting Guidance 2017-2019, feature by Thoreya
    Swage) §Single Oversight Framework for NHS providers and §The CCG improvement and assessment
    framework; REFERENCE.md §Oversight and assessment (NHS Improvement guidance).
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import Final

from nhsplan.errors import InvalidValueError
from nhsplan.evaluate.rules import _shipped
from nhsplan.model import FrameworkItem

__all__ = [
    "IafRating",
    "IafSupport",
    "LicenceStatus",
    "SofTheme",
    "iaf_support_level",
    "sof_segment",
    "sof_segment_item",
]

_EDITION: Final = "2017-19"
_SOF: Final = "single_oversight_framework"
_IAF: Final = "ccg_improvement_assessment_framework"


class SofTheme(enum.Enum):
    """The five themes of the Single Oversight Framework, numbered as the seed lists them.

    >>> [t.item.name for t in SofTheme]  # the shipped 2017-19 names (seed 003)
    ['Quality of care', 'Use of resources and finance', 'Operational performance',
     'Managing strategic change', 'Leadership']
    """

    QUALITY_OF_CARE = 1
    FINANCE_AND_USE_OF_RESOURCES = 2
    OPERATIONAL_PERFORMANCE = 3
    STRATEGIC_CHANGE = 4
    LEADERSHIP_AND_IMPROVEMENT_CAPABILITY = 5

    @property
    def item(self) -> FrameworkItem:
        """The theme as the shipped 2017-19 framework names and describes it."""
        themes = _shipped.framework(_EDITION, _SOF).themes
        return next(t for t in themes if t.number == self.value)


class LicenceStatus(enum.Enum):
    """A provider's position against its licence (or the NHS trust equivalent)."""

    NONE = "none"
    """No breach, actual or suspected."""
    SUSPECTED_OR_ACTUAL_BREACH = "suspected_or_actual_breach"
    """A suspected or actual breach of licence."""
    BREACH_SERIOUS_OR_COMPLEX = "breach_serious_or_complex"
    """A suspected or actual breach with very serious or complex issues."""


def _check_licence(licence: LicenceStatus) -> None:
    if not isinstance(licence, LicenceStatus):
        raise InvalidValueError(
            f"{licence!r} is not a licence status; known: "
            + ", ".join(s.name for s in LicenceStatus),
            field="licence",
            example="LicenceStatus.NONE",
        )


def sof_segment(concerns: Collection[SofTheme], licence: LicenceStatus) -> int:
    """The Single Oversight Framework segment (1-4) for a provider.

    | segment | when |
    |---|---|
    | 1 maximum autonomy | no concerns in any theme, no breach |
    | 2 targeted support | concerns in one or more themes, no licence breach |
    | 3 mandated support | an actual or suspected licence breach |
    | 4 special measures | a breach with very serious or complex issues |

    The licence decides first: a breach places the provider in segment 3 or 4 whatever the
    themes; without one, any concern gives segment 2.

    Args:
        concerns: the themes in which there are concerns (support needed); empty for none.
        licence: the provider's licence position.

    Returns:
        The segment number, 1 to 4; :func:`sof_segment_item` gives its name.

    Raises:
        InvalidValueError: a concern is not a :class:`SofTheme`, or *licence* is not a
            :class:`LicenceStatus`.

    Sources:
        Seed 003 §Single Oversight Framework for NHS providers ("The support provided is
        segmented into four different levels"); REFERENCE.md §Oversight and assessment.

    >>> sof_segment([], LicenceStatus.NONE)
    1
    >>> sof_segment([], LicenceStatus.BREACH_SERIOUS_OR_COMPLEX)
    4
    """
    for theme in concerns:
        if not isinstance(theme, SofTheme):
            raise InvalidValueError(
                f"{theme!r} is not a Single Oversight Framework theme; known: "
                + ", ".join(t.name for t in SofTheme),
                field="concerns",
                example="[SofTheme.FINANCE_AND_USE_OF_RESOURCES]",
            )
    _check_licence(licence)
    if licence is LicenceStatus.BREACH_SERIOUS_OR_COMPLEX:
        return 4
    if licence is LicenceStatus.SUSPECTED_OR_ACTUAL_BREACH:
        return 3
    return 2 if concerns else 1


def sof_segment_item(segment: int) -> FrameworkItem:
    """The shipped 2017-19 framework's name and description of *segment* (1-4).

    Raises:
        InvalidValueError: *segment* is not 1, 2, 3 or 4.

    >>> sof_segment_item(4).name
    'Special measures'
    """
    segments = _shipped.framework(_EDITION, _SOF).segments
    for item in segments:
        if item.number == segment and not isinstance(segment, bool):
            return item
    raise InvalidValueError(
        f"{segment!r} is not a Single Oversight Framework segment (1 to 4)",
        field="segment",
        example="2",
    )


class IafRating(enum.Enum):
    """The four CCG IAF ratings (seed 003)."""

    OUTSTANDING = "Outstanding"
    GOOD = "Good"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    INADEQUATE = "Inadequate"

    @property
    def item(self) -> FrameworkItem:
        """The rating as the shipped 2017-19 framework names it."""
        ratings = _shipped.framework(_EDITION, _IAF).ratings
        return next(r for r in ratings if r.name == self.value)


class IafSupport(enum.Enum):
    """The three levels of support the CCG IAF offers (seed 003)."""

    FORWARD_LOOKING = "Forward-looking"
    """What "good" and "excellent" look like, plus practical support to achieve them."""
    FACILITATIVE = "Facilitative"
    """Issues around delivery; guides the CCG back to the appropriate performance level."""
    BESPOKE = "Bespoke"
    """Targeted support in areas of chronic or persistent poor performance."""

    @property
    def item(self) -> FrameworkItem:
        """The support level as the shipped 2017-19 framework names and describes it."""
        levels = _shipped.framework(_EDITION, _IAF).support_levels
        return next(s for s in levels if s.name == self.value)


_IAF_SUPPORT: Final[Mapping[IafRating, IafSupport]] = MappingProxyType(
    {
        IafRating.OUTSTANDING: IafSupport.FORWARD_LOOKING,
        IafRating.GOOD: IafSupport.FORWARD_LOOKING,
        IafRating.REQUIRES_IMPROVEMENT: IafSupport.FACILITATIVE,
        IafRating.INADEQUATE: IafSupport.BESPOKE,
    }
)


def iaf_support_level(rating: IafRating) -> IafSupport:
    """The level of support a CCG is offered for its IAF *rating*, as the seed implies.

    **The seed gives no one-to-one table.** It says only that "depending on their assessment
    rating, CCG will be offered different levels of support" and describes three levels for
    four ratings. nhsplan reads the descriptions as follows:

    | rating | support | the seed's words that imply it |
    |---|---|---|
    | outstanding | forward-looking | "what 'good' and 'excellent' look like" |
    | good | forward-looking | (as above: already at the appropriate level) |
    | requires improvement | facilitative | "back to the appropriate performance level" |
    | inadequate | bespoke | "designed for the most challenged CCGs" |

    Args:
        rating: the CCG's annual IAF rating.

    Returns:
        The support level; ``.item`` gives the shipped name and description.

    Raises:
        InvalidValueError: *rating* is not an :class:`IafRating`.

    Sources:
        Seed 003 §The CCG improvement and assessment framework; REFERENCE.md §Oversight and
        assessment ("three levels of support").

    >>> iaf_support_level(IafRating.INADEQUATE)
    <IafSupport.BESPOKE: 'Bespoke'>
    """
    if not isinstance(rating, IafRating):
        raise InvalidValueError(
            f"{rating!r} is not a CCG IAF rating; known: " + ", ".join(r.name for r in IafRating),
            field="rating",
            example="IafRating.GOOD",
        )
    return _IAF_SUPPORT[rating]
