"""Readings: an interpretation a target's level rests on that the guidance does not state.

A target whose level rests on words the guidance leaves open (the 2026/27 "7% improvement":
percentage points, or relative?) carries the reading its fields encode as data, with the other
readings the words allow (:class:`Alternative`); :func:`nhsplan.catalog.read_as` gives the
target read another way, and every verdict on it shows the reading it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from nhsplan.errors import InvalidValueError
from nhsplan.model._validators import _non_empty

__all__ = ["Alternative", "Reading"]


def _overrides(
    _inst: object, attribute: attrs.Attribute[Mapping[str, object]], value: Mapping[str, object]
) -> None:
    for key, item in value.items():
        if not isinstance(item, str | bool | int | float) or key in _FIXED_FIELDS:
            raise InvalidValueError(
                f"override {key!r} = {item!r}: an alternative changes a field of the target "
                "to a plain value (text, number or true/false), never its id, kind or reading",
                field=attribute.name,
                example="overrides = { points = false }",
            )


_FIXED_FIELDS = frozenset({"id", "kind", "reading", "same_as"})


@attrs.frozen(kw_only=True)
class Alternative:
    """Another reading of words the guidance leaves open, and how the target would change.

    ``overrides`` are field values as written in an edition file (``{ points = false }``):
    :func:`nhsplan.catalog.read_as` gives the target read that way.
    """

    label: str = attrs.field(validator=_non_empty)
    """A short name to ask for it by (``relative``)."""
    text: str = attrs.field(validator=_non_empty)
    """The reading in words (a trust at 62 % needs 66.3 %)."""
    overrides: Mapping[str, object] = attrs.field(factory=dict, validator=_overrides)


def _tuple_of_alternative(value: Iterable[Alternative]) -> tuple[Alternative, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Reading:
    """An interpretation a target's level rests on that the guidance's words do not state.

    The 2026/27 "7% improvement" in 18-week performance is read as 7 percentage points from
    the trust's March 2026 figure; read relative to it, a trust at 62 % needs 66.3 %, not 69 %.
    """

    applied: str = attrs.field(validator=_non_empty)
    """The reading the target's fields encode, in words."""
    alternatives: tuple[Alternative, ...] = attrs.field(default=(), converter=_tuple_of_alternative)
    """The other readings the words allow."""

    def alternative(self, label: str) -> Alternative:
        """The alternative called *label*.

        Raises:
            InvalidValueError: no alternative has that label.
        """
        for alternative in self.alternatives:
            if alternative.label == label:
                return alternative
        known = ", ".join(repr(a.label) for a in self.alternatives) or "none"
        raise InvalidValueError(
            f"no alternative reading {label!r} (known: {known})",
            field="reading",
            example=repr(self.alternatives[0].label) if self.alternatives else "'relative'",
        )

    def __str__(self) -> str:
        others = "; ".join(f"{a.label}: {a.text}" for a in self.alternatives)
        return f"{self.applied}" + (f" (alternatives - {others})" if others else "")
