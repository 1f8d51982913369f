"""Checks on what enters the XmR functions, and where each segment starts and stops."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise
from typing import TypeVar

from nhsplan.calendar.periods import _PeriodBase
from nhsplan.errors import InvalidValueError
from nhsplan.model.enums import Polarity

LabelT = TypeVar("LabelT")

_EXAMPLE = "xmr([12.0, 15.0, 11.0, 14.0])"


def _check_values(values: Iterable[object], *, field: str) -> list[float]:
    """The values as floats; None and NaN are kept as NaN (a missing point), as R keeps NA."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError(
            f"must be a sequence of numbers, not {values!r}", field=field, example=_EXAMPLE
        )
    out: list[float] = []
    present = 0
    for i, v in enumerate(values):
        if v is None:
            out.append(math.nan)
            continue
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise InvalidValueError(
                f"value {i} is {v!r}, not a number", field=f"{field}[{i}]", example=_EXAMPLE
            )
        f = float(v)
        if math.isinf(f):
            raise InvalidValueError(
                f"value {i} is {f!r}; a value must be a finite number, or NaN or None for a "
                "missing point",
                field=f"{field}[{i}]",
                example=_EXAMPLE,
            )
        present += not math.isnan(f)
        out.append(f)
    if not present:
        raise InvalidValueError(
            f"an XmR chart needs at least 1 value that is not missing, got {len(out)} values "
            "and none present",
            field=field,
            example=_EXAMPLE,
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


def _rebase_position(entry: object, n: int, labels: Sequence[object] | None) -> int | None:
    """The position *entry* names, or None when it names no point of the series (as R)."""
    if labels is not None:
        found = [i for i, label in enumerate(labels) if _matches(label, entry)]
        if len(found) > 1:
            raise InvalidValueError(
                f"rebase label {entry!r} appears more than once in labels",
                field="options.rebase_at",
                example="SpcOptions(rebase_at=('2021-10',)) with '2021-10' once in labels",
            )
        return found[0] if found else None
    if isinstance(entry, bool) or not isinstance(entry, int):
        raise InvalidValueError(
            f"rebase entry {entry!r} is not a position (without labels, rebase_at holds "
            "positions from 0)",
            field="options.rebase_at",
            example="SpcOptions(rebase_at=(12,))",
        )
    return entry if 0 <= entry < n else None


def _matches(label: object, entry: object) -> bool:
    """A label equal to the entry, or a period (a Month) containing the date given."""
    if label == entry:
        return True
    return isinstance(label, _PeriodBase) and isinstance(entry, date) and label.contains(entry)


def _segment_bounds(
    n: int, rebase_at: tuple[object, ...], labels: Sequence[object] | None
) -> tuple[list[tuple[int, int]], tuple[object, ...]]:
    """Segments as ``(start, stop)`` pairs, and the rebase entries that name no point.

    A rebase at position 0 changes nothing, as in R; an entry outside the data is left out
    (R's ``%in%`` matches nothing) and reported, so a rebase date outside the data is not
    silently lost. A segment may have one point: it has no limits.
    """
    positions = {entry: _rebase_position(entry, n, labels) for entry in rebase_at}
    starts = sorted({p for p in positions.values() if p is not None} - {0})
    edges = [0, *starts, n]
    ignored = tuple(entry for entry, p in positions.items() if p is None)
    return list(pairwise(edges)), ignored


def _order(
    values: list[float], labels: Sequence[LabelT]
) -> tuple[list[float], tuple[LabelT, ...], tuple[object, ...]]:
    """Values and labels in time order, with the periods missing between them.

    Dates and periods (``Month`` ...) are sorted, as R sorts by the date field; repeated
    ones are an error (R: "duplicate rows found"). Other labels are opaque and kept in the
    order given. Missing periods are returned so that a gap is reported, never joined silently.
    """
    items = tuple(labels)
    timed = bool(items) and (
        all(isinstance(x, date) for x in items)
        or all(isinstance(x, _PeriodBase) and type(x) is type(items[0]) for x in items)
    )
    if not timed:
        return values, items, ()
    order = sorted(range(len(items)), key=items.__getitem__)  # type: ignore[arg-type]
    ordered = tuple(items[i] for i in order)
    for a, b in pairwise(ordered):
        if a == b:
            raise InvalidValueError(
                f"the label {a!r} appears more than once; each period needs one value",
                field="labels",
                example="labels=[Month(2021, 4), Month(2021, 5), Month(2021, 6)]",
            )
    missing: list[object] = []
    for a, b in pairwise(ordered):
        if isinstance(a, _PeriodBase):
            step = a.next()
            while step != b and len(missing) < 1000:
                missing.append(step)
                step = step.next()
    return [values[i] for i in order], ordered, tuple(missing)
