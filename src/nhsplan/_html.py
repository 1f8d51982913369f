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
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["Cell", "Html", "element", "row", "table", "text"]


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
