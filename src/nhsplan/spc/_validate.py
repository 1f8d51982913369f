"""Checks on what enters the XmR functions, and where each segment starts and stops."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from itertools import pairwise

from nhsplan._enums import Polarity
from nhsplan.errors import InvalidValueError

_EXAMPLE = "xmr([12.0, 15.0, 11.0, 14.0])"


def _check_values(values: Iterable[object], *, field: str) -> list[float]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError(
            f"must be a sequence of numbers, not {values!r}", field=field, example=_EXAMPLE
        )
    out: list[float] = []
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise InvalidValueError(
                f"value {i} is {v!r}, not a number", field=f"{field}[{i}]", example=_EXAMPLE
            )
        f = float(v)
        if not math.isfinite(f):
            raise InvalidValueError(
                f"value {i} is {f!r}; every value must be a finite number (fill or drop gaps "
                "before charting)",
                field=f"{field}[{i}]",
                example=_EXAMPLE,
            )
        out.append(f)
    if len(out) < 2:
        raise InvalidValueError(
            f"an XmR chart needs at least 2 values, got {len(out)}", field=field, example=_EXAMPLE
        )
    return out


def _check_target(target: object, *, field: str = "target") -> float | None:
    if target is None:
        return None
    if isinstance(target, bool) or not isinstance(target, numbers.Real):
        raise InvalidValueError(
            f"must be a number or None, not {target!r}", field=field, example="target=92.0"
        )
    f = float(target)
    if not math.isfinite(f):
        raise InvalidValueError(
            f"must be a finite number, not {f!r}", field=field, example="target=92.0"
        )
    return f


def _check_polarity(polarity: object, *, field: str = "polarity") -> Polarity:
    if not isinstance(polarity, Polarity):
        raise InvalidValueError(
            f"must be a Polarity member, not {polarity!r}",
            field=field,
            example="polarity=Polarity.LOWER_IS_BETTER",
        )
    return polarity


def _check_labels(labels: Sequence[object], n: int) -> None:
    if isinstance(labels, str | bytes) or not isinstance(labels, Sequence):
        raise InvalidValueError(
            f"must be a sequence with one label per value, not {labels!r}",
            field="labels",
            example="labels=['2021-04', '2021-05', '2021-06']",
        )
    if len(labels) != n:
        raise InvalidValueError(
            f"there are {len(labels)} labels for {n} values; give one label per value",
            field="labels",
            example="xmr([1.0, 2.0, 3.0], labels=['2021-04', '2021-05', '2021-06'])",
        )


def _rebase_position(entry: object, n: int, labels: Sequence[object] | None) -> int:
    if labels is not None:
        found = [i for i, label in enumerate(labels) if label == entry]
        if len(found) != 1:
            why = "is not among the labels" if not found else "appears more than once in labels"
            raise InvalidValueError(
                f"rebase label {entry!r} {why}",
                field="options.rebase_at",
                example="SpcOptions(rebase_at=('2021-10',)) with '2021-10' in labels",
            )
        return found[0]
    if isinstance(entry, bool) or not isinstance(entry, int) or not 0 <= entry < n:
        raise InvalidValueError(
            f"rebase position {entry!r} is not a position in a series of {n} values "
            "(without labels, rebase_at holds positions from 0)",
            field="options.rebase_at",
            example="SpcOptions(rebase_at=(12,))",
        )
    return entry


def _segment_bounds(
    n: int, rebase_at: tuple[object, ...], labels: Sequence[object] | None
) -> list[tuple[int, int]]:
    """Segments as ``(start, stop)`` pairs; a rebase at position 0 changes nothing, as in R."""
    starts = sorted({_rebase_position(entry, n, labels) for entry in rebase_at} - {0})
    edges = [0, *starts, n]
    bounds = list(pairwise(edges))
    for start, stop in bounds:
        if stop - start < 2:
            raise InvalidValueError(
                f"the segment starting at position {start} has {stop - start} point; every "
                "segment needs at least 2 points for a moving range",
                field="options.rebase_at",
                example="SpcOptions(rebase_at=(12,)) for a series of 24 values",
            )
    return bounds
