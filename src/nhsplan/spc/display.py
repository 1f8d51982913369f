"""How an XmR chart's reading shows itself: a short ``repr`` and HTML.

Public through :mod:`nhsplan.display`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nhsplan import _html
from nhsplan._html import element, row, table
from nhsplan.units.text import counted

if TYPE_CHECKING:
    from nhsplan.spc import SpcResult, SpecialCause

__all__ = ["spc_html", "spc_repr"]


def spc_repr(result: SpcResult[Any]) -> str:
    """One line: points, segments, the icons and the latest segment's limits."""
    last = result.segments[-1]
    assurance = f", {result.assurance.value}" if result.assurance is not None else ""
    return (
        f"<SpcResult {counted(len(result.values), 'point')}, "
        f"{counted(len(result.segments), 'segment')}: "
        f"{result.variation_icon.value}{assurance}; mean {last.mean:.4g}, "
        f"limits {last.lpl:.4g} to {last.upl:.4g}>"
    )


def _cause(cause: SpecialCause | None) -> str:
    return "" if cause is None else _html.words(cause.value)


def spc_html(result: SpcResult[Any]) -> str:
    """An XmR chart's reading: the icons, each segment's limits, special causes and warnings."""
    assurance = _html.words(result.assurance.value) if result.assurance is not None else "none"
    target = f"; target {result.target:.4g}" if result.target is not None else ""
    parts = [
        _html.heading(
            "XmR chart",
            f" of {len(result.values):,} points: "
            f"variation {_html.words(result.variation_icon.value)}, "
            f"assurance {assurance}{target}",
        ),
        table(
            ("segment", "from", "to", "points", "mean", "lower limit", "upper limit"),
            _html.limited(
                result.segments,
                lambda s: row(
                    [
                        s.index,
                        str(result.labels[s.start]),
                        str(result.labels[s.stop - 1]),
                        s.n_points,
                        f"{s.mean:.4g}",
                        f"{s.lpl:.4g}",
                        f"{s.upl:.4g}",
                    ],
                    classes=("n", "k", "k", "n", "n", "n", "n"),
                ),
                7,
                noun="segments",
            ),
        ),
    ]
    special = result.special_causes
    if special:
        parts.append(
            table(
                ("point", "value", "special cause"),
                _html.limited(
                    special,
                    lambda p: row(
                        [str(p.label), f"{p.value:.4g}", _cause(p.special_cause)],
                        classes=("k", "n", "k"),
                    ),
                    3,
                    noun="points",
                ),
                caption="Special-cause points",
            )
        )
    if result.warnings:
        parts.append(element("ul", *(element("li", w.message) for w in result.warnings[:10])))
    return _html.box(*parts)
