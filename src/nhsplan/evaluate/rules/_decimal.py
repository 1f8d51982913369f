"""Private: arithmetic on figures as people write them, without binary float noise.

``96.3 - 95`` is ``1.2999999999999972`` in floats; a margin or a money target should read
``1.3``. Each float is taken at its shortest decimal spelling (``repr``), the arithmetic is
done in :class:`decimal.Decimal`, and the result is converted back to the nearest float.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["dec", "difference"]


def dec(x: float) -> Decimal:
    """*x* as the decimal it was written as (``0.1`` → ``Decimal('0.1')``)."""
    return Decimal(repr(float(x)))


def difference(a: float, b: float) -> float:
    """``a - b`` computed on the decimal spellings of *a* and *b*.

    >>> difference(96.3, 95), 96.3 - 95
    (1.3, 1.2999999999999972)
    """
    return float(dec(a) - dec(b))
