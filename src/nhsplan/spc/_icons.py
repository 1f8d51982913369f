"""The Making Data Count icons as shapes: drawn with matplotlib, or written as inline SVG.

Each icon is a circle ringed in its colour holding a small picture: for variation, a run of
dots (grey for common cause; the last three coloured and shifted up or down, with an H or an
L, for special cause); for assurance, a P (passing), an F (failing), or a line crossing a
dashed target (hit and miss). Shapes, not images: no files to ship, crisp at any size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from nhsplan.model.enums import Assurance, VariationIcon

if TYPE_CHECKING:
    from matplotlib.axes import Axes

GREY, BLUE, ORANGE, PURPLE = "#a6a6a6", "#289de0", "#fab428", "#361475"
_DOT_X = (-0.6, -0.4, -0.2, 0.0, 0.2, 0.4, 0.6)
_WAVE = (0.0, 0.12, -0.08, 0.1, -0.1, 0.08, -0.02)


class _Picture(NamedTuple):
    """An icon in unit coordinates (the circle has radius 1, y upwards)."""

    colour: str
    dots: tuple[tuple[float, float, str], ...] = ()
    letter: str = ""
    letter_y: float = 0.0
    letter_size: float = 0.5
    wave: bool = False


def _variation(colour: str, letter: str, *, up: bool) -> _Picture:
    shift = 0.3 if up else -0.3
    dots = tuple(
        (x, y - shift / 3 + (shift if i >= 4 else 0.0), colour if i >= 4 else GREY)
        for i, (x, y) in enumerate(zip(_DOT_X, _WAVE, strict=True))
    )
    return _Picture(colour, dots, letter, -0.55 if up else 0.5, 0.42)


PICTURES: dict[VariationIcon | Assurance, _Picture] = {
    VariationIcon.COMMON_CAUSE: _Picture(
        GREY, tuple((x, y, GREY) for x, y in zip(_DOT_X, _WAVE, strict=True))
    ),
    VariationIcon.IMPROVEMENT_HIGH: _variation(BLUE, "H", up=True),
    VariationIcon.IMPROVEMENT_LOW: _variation(BLUE, "L", up=False),
    VariationIcon.CONCERN_HIGH: _variation(ORANGE, "H", up=True),
    VariationIcon.CONCERN_LOW: _variation(ORANGE, "L", up=False),
    VariationIcon.NEUTRAL_HIGH: _variation(PURPLE, "H", up=True),
    VariationIcon.NEUTRAL_LOW: _variation(PURPLE, "L", up=False),
    Assurance.CONSISTENTLY_PASS: _Picture(BLUE, letter="P", letter_size=1.0),
    Assurance.CONSISTENTLY_FAIL: _Picture(ORANGE, letter="F", letter_size=1.0),
    Assurance.HIT_AND_MISS: _Picture(GREY, wave=True),
}


def draw_icons(ax: Axes, variation: VariationIcon, assurance: Assurance | None) -> None:
    """Draw the icons just above the top-right corner of *ax*, outside the data area."""
    from matplotlib.patches import Circle  # noqa: PLC0415

    icons: list[VariationIcon | Assurance] = [variation]
    if assurance is not None:
        icons.append(assurance)
    size = 0.15  # of the axes' height; the inset keeps its box square and pinned right
    for slot, icon in enumerate(reversed(icons)):
        box = ax.inset_axes((0.0, 1.03, 1.0 - slot * 0.075, size))
        box.set_xlim(-1.05, 1.05)
        box.set_ylim(-1.05, 1.05)
        box.set_aspect("equal", adjustable="box", anchor="E")
        box.axis("off")
        picture = PICTURES[icon]
        box.add_patch(Circle((0, 0), 0.92, facecolor="white", edgecolor=picture.colour, lw=2.5))
        for x, y, colour in picture.dots:
            box.add_patch(Circle((x, y), 0.1, facecolor=colour, edgecolor="none"))
        if picture.dots:
            box.plot([d[0] for d in picture.dots], [d[1] for d in picture.dots],
                     color=GREY, lw=0.8, zorder=0)  # fmt: skip
        if picture.wave:
            box.plot((-0.7, 0.7), (0.0, 0.0), color=ORANGE, lw=1.2, linestyle=(0, (3, 2)))
            box.plot(_DOT_X, (-0.35, 0.3, -0.25, 0.35, -0.3, 0.25, -0.1), color=GREY, lw=1.8)
        if picture.letter:
            box.text(0, picture.letter_y, picture.letter, ha="center", va="center",
                     fontsize=6 + 12 * picture.letter_size, fontweight="bold",
                     color=picture.colour)  # fmt: skip


def icon_svg(icon: VariationIcon | Assurance, *, size: int = 40, title: str = "") -> str:
    """The icon as a self-contained inline ``<svg>`` element, *size* pixels square."""
    picture = PICTURES[icon]
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
            f'viewBox="-1.05 -1.05 2.1 2.1" role="img" aria-label="{title}">'
        ),
        f"<title>{title}</title>" if title else "",
        f'<circle r="0.92" fill="white" stroke="{picture.colour}" stroke-width="0.13"/>',
    ]
    if picture.dots:
        path = " ".join(f"{x:.2f},{-y:.2f}" for x, y, _ in picture.dots)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{GREY}" stroke-width="0.04"/>')
        parts += [
            f'<circle cx="{x:.2f}" cy="{-y:.2f}" r="0.1" fill="{c}"/>' for x, y, c in picture.dots
        ]
    if picture.wave:
        parts.append(
            f'<line x1="-0.7" y1="0" x2="0.7" y2="0" stroke="{ORANGE}" stroke-width="0.06" '
            'stroke-dasharray="0.15 0.1"/>'
        )
        wave = " ".join(
            f"{x:.2f},{-y:.2f}"
            for x, y in zip(_DOT_X, (-0.35, 0.3, -0.25, 0.35, -0.3, 0.25, -0.1), strict=True)
        )
        parts.append(f'<polyline points="{wave}" fill="none" stroke="{GREY}" stroke-width="0.09"/>')
    if picture.letter:
        font = 0.45 + 0.6 * picture.letter_size
        parts.append(
            f'<text x="0" y="{-picture.letter_y:.2f}" font-size="{font:.2f}" font-weight="bold" '
            f'font-family="Arial, Helvetica, sans-serif" fill="{picture.colour}" '
            f'text-anchor="middle" dominant-baseline="central">{picture.letter}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
