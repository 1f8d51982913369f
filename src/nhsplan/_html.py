"""A few HTML builders in which every piece of text is escaped exactly once.

Text becomes HTML only through :func:`text` (``html.escape``, quotes included, so it is safe
inside an attribute too); :class:`Html` marks markup these builders made, which is never
escaped again. The standard library is enough for tables this small: a template engine would
add a dependency and a second escaping convention to keep straight.

>>> str(row(["<b>", Html("<i>x</i>")]))
'<tr><td>&lt;b&gt;</td><td><i>x</i></td></tr>'
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, TypeVar

T = TypeVar("T")

__all__ = [
    "MAX_ROWS",
    "Cell",
    "Html",
    "box",
    "clip",
    "element",
    "heading",
    "limited",
    "row",
    "table",
    "text",
    "words",
]


class Html(str):
    """Markup made by this module: safe to insert as it is."""

    __slots__ = ()


Cell = Html | str | float | int | None
"""A table cell: markup, or a value shown as escaped text (None as an empty cell)."""


def text(value: Cell) -> Html:
    """*value* as HTML: markup unchanged, anything else escaped (None is empty)."""
    if isinstance(value, Html):
        return value
    return Html("" if value is None else html.escape(str(value), quote=True))


def element(name: str, *children: Cell, attrs: Mapping[str, str] | None = None) -> Html:
    """``<name attr="value">children</name>``, attribute values escaped."""
    spec = "".join(f' {key}="{text(value)}"' for key, value in (attrs or {}).items())
    return Html(f"<{name}{spec}>{''.join(text(c) for c in children)}</{name}>")


def row(
    cells: Iterable[Cell], *, header: bool = False, classes: Sequence[str] | None = None
) -> Html:
    """One table row; ``classes[i]`` (if given and not empty) is the class of cell *i*."""
    tag = "th" if header else "td"
    kinds = list(classes or ())
    parts = []
    for i, cell in enumerate(cells):
        kind = kinds[i] if i < len(kinds) else ""
        parts.append(element(tag, cell, attrs={"class": kind} if kind else None))
    return Html(f"<tr>{''.join(parts)}</tr>")


def table(header: Iterable[str], rows: Iterable[Html], *, caption: str | None = None) -> Html:
    """A table with a header row and rows made by :func:`row`."""
    head = element("thead", row(header, header=True))
    body = element("tbody", Html("".join(rows)))
    title = element("caption", caption) if caption else Html("")
    return element("table", title, head, body)


# --- the pieces every rendering shares ------------------------------------------------------------

MAX_ROWS: Final = 40
"""The most table rows an HTML rendering shows (the first and last half of them)."""


TITLE_CHARS: Final = 70


def clip(words: str, limit: int = TITLE_CHARS) -> str:
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def words(code: str) -> str:
    return code.replace("_", " ")


STYLE: Final = Html(
    "<style>"
    ".nhsplan{font-family:sans-serif;font-size:0.9em}"
    ".nhsplan table{border-collapse:collapse;margin:0 0 0.8em 0}"
    ".nhsplan th,.nhsplan td{text-align:left;vertical-align:top;padding:0.1em 0.5em}"
    ".nhsplan caption{text-align:left;font-weight:bold}"
    ".nhsplan .k{white-space:nowrap}"
    ".nhsplan .n{white-space:nowrap;text-align:right;font-variant-numeric:tabular-nums}"
    "</style>"
)
"""Laid out once per rendering, scoped to the ``nhsplan`` class (plain tables without it)."""


def box(*parts: Html) -> str:
    return str(element("div", STYLE, *parts, attrs={"class": "nhsplan"}))


def heading(*words: str) -> Html:
    return element("p", element("strong", words[0]), *words[1:])


def limited(
    items: Sequence[T], render: Callable[[T], Html], columns: int, *, noun: str
) -> list[Html]:
    """Table rows for at most :data:`MAX_ROWS` of *items*: the first and last halves.

    A row between says how many were left out; only the rows shown are rendered.
    """
    if len(items) <= MAX_ROWS:
        return [render(item) for item in items]
    half = MAX_ROWS // 2
    gap = element(
        "td",
        f"… {len(items) - MAX_ROWS:,} more {noun} …",
        attrs={"colspan": str(columns), "style": "text-align:center"},
    )
    return [
        *(render(item) for item in items[:half]),
        element("tr", gap),
        *(render(item) for item in items[-half:]),
    ]
