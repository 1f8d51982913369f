"""A matplotlib figure that shows itself inline in Jupyter (imported only when drawing)."""

from __future__ import annotations

import io

from matplotlib.figure import Figure


class SpcFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` with a PNG representation for notebooks.

    Jupyter shows any object with ``_repr_png_``, so a chart displays inline without
    ``%matplotlib inline`` or pyplot.
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        return buffer.getvalue()
