"""Many series at once: :func:`xmr_many`, columnar, vectorised with numpy when installed.

The result, :class:`SpcBatch`, keeps every series' limits, rule flags and special-cause codes
as numpy arrays. A series' :class:`~nhsplan.spc.SpcResult` (and its points) is built only
when it is asked for, so charting 10,000 series costs about what the numpy maths costs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from nhsplan.errors import InvalidValueError
from nhsplan.model.enums import Polarity
from nhsplan.spc._validate import (
    _check_labels,
    _check_polarity,
    _check_target,
    _check_values,
    _order,
    _segment_bounds,
)
from nhsplan.spc.columns import (
    _POLARITIES,
    SpcBatch,
    _Group,
    _polarity_index,
)
from nhsplan.spc.options import _DEFAULT_OPTIONS, LIMIT, SpcOptions
from nhsplan.spc.rules import _CAUSE_OF_CODE
from nhsplan.spc.series import _Context, _one

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from nhsplan.spc import _kernels

__all__ = ["SpcBatch", "xmr_many"]

LabelT = TypeVar("LabelT")


def _broadcast_polarity(polarity: Polarity | Sequence[Polarity], count: int) -> list[Polarity]:
    if isinstance(polarity, Polarity):
        return [polarity] * count
    pols = list(polarity)
    if len(pols) != count:
        raise InvalidValueError(
            f"there are {len(pols)} polarities for {count} series",
            field="polarity",
            example="polarity=Polarity.HIGHER_IS_BETTER, or one Polarity per series",
        )
    return [_check_polarity(p, field=f"polarity[{i}]") for i, p in enumerate(pols)]


def _broadcast_target(
    target: float | Sequence[float | None] | None, count: int
) -> list[float | None]:
    if not isinstance(target, Iterable):
        return [_check_target(target)] * count
    targets = list(target)
    if len(targets) != count:
        raise InvalidValueError(
            f"there are {len(targets)} targets for {count} series",
            field="target",
            example="target=92.0, or one target (or None) per series",
        )
    return [_check_target(t, field=f"target[{i}]") for i, t in enumerate(targets)]


def _has_numpy() -> bool:
    try:
        import numpy  # noqa: F401, PLC0415, ICN001
    except ImportError:
        return False
    return True


def _rows(series: object) -> tuple[list[list[float]] | None, NDArray[np.float64] | None]:
    """Validated rows, or a validated float matrix (checked in one pass, never as lists)."""
    if type(series).__module__ == "numpy" and getattr(series, "ndim", 0) == 2:
        import numpy as np  # noqa: PLC0415

        arr = np.asarray(series)
        if arr.dtype.kind in "fiu":
            matrix = arr.astype(np.float64, copy=False)
            bad = np.isinf(matrix)
            if bad.any():
                i = int(np.argwhere(bad)[0][0])
                _check_values(matrix[i].tolist(), field=f"series[{i}]")
            empty = np.isnan(matrix).all(axis=1) if matrix.shape[1] else np.ones(len(matrix), bool)
            if empty.any():
                i = int(np.argmax(empty))
                _check_values(matrix[i].tolist(), field=f"series[{i}]")
            return None, matrix
    if isinstance(series, list | tuple) and _has_numpy() and _plain_numbers(series):
        import numpy as np  # noqa: PLC0415

        try:
            fast = np.array(series, dtype=np.float64)
        except ValueError:  # rows of different lengths: checked one by one below
            fast = np.zeros((0, 0))
        usable = fast.ndim == 2 and fast.shape[1] and not np.isinf(fast).any()
        if usable and not np.isnan(fast).all(axis=1).any():
            return None, fast
    if isinstance(series, str | bytes) or not isinstance(series, Iterable):
        raise InvalidValueError(
            f"must be a sequence of series, not {series!r}",
            field="series",
            example="xmr_many([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])",
        )
    return [_check_values(s, field=f"series[{i}]") for i, s in enumerate(series)], None


def _plain_numbers(series: list[Any] | tuple[Any, ...]) -> bool:
    """Every row a list or tuple of floats and ints (no bools, strings or None).

    Such rows can go to numpy in one call, which checks the rest (equal lengths, infinities).
    """
    kinds: set[type] = set()
    for row in series:
        if not isinstance(row, list | tuple):
            return False
        kinds.update(map(type, row))
    return kinds <= {float, int}


@overload
def xmr_many(
    series: Sequence[Sequence[float]] | NDArray[np.floating],
    *,
    labels: None = None,
    polarity: Polarity | Sequence[Polarity] = ...,
    target: float | Sequence[float | None] | None = ...,
    options: SpcOptions = ...,
) -> SpcBatch[int]: ...


@overload
def xmr_many(
    series: Sequence[Sequence[float]] | NDArray[np.floating],
    *,
    labels: Sequence[LabelT],
    polarity: Polarity | Sequence[Polarity] = ...,
    target: float | Sequence[float | None] | None = ...,
    options: SpcOptions = ...,
) -> SpcBatch[LabelT]: ...


def xmr_many(
    series: Sequence[Sequence[float]] | NDArray[np.floating],
    *,
    labels: Sequence[LabelT] | None = None,
    polarity: Polarity | Sequence[Polarity] = Polarity.HIGHER_IS_BETTER,
    target: float | Sequence[float | None] | None = None,
    options: SpcOptions = _DEFAULT_OPTIONS,
) -> SpcBatch[LabelT] | SpcBatch[int]:
    """Compute XmR charts for many series at once; each equals :func:`xmr` on that series.

    With numpy installed, series of equal length are computed together as a matrix (the
    limits with the same floating-point operations, in the same order, as :func:`xmr`, so the
    results are identical) and kept as columns; a series' result is built when asked for.
    Without numpy, this is a loop over :func:`xmr`.

    Args:
        series: the series (a sequence of sequences, or a 2-D numpy array, one row a series);
            they may differ in length unless ``labels`` is given. NaN or None is a missing
            point, as in :func:`xmr`.
        labels: labels shared by every series (each must then have one value per label).
        polarity: one polarity for all, or one per series.
        target: one target (or None) for all, or one per series.
        options: as for :func:`xmr`, applied to every series.

    Returns:
        An :class:`SpcBatch`: a sequence of one :class:`SpcResult` per series, in order, with
        the columns behind them.

    Raises:
        InvalidValueError: as :func:`xmr`, naming the series (``series[3][7]``).

    >>> from nhsplan.spc import xmr
    >>> a, b = xmr_many([[1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1], [3, 4, 3]])
    >>> a == xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1])
    True
    >>> print(*b.warnings)
    segment 0 (positions 0 to 2) has 3 points, fewer than 13: its limits are trial limits ...
    """
    rows, matrix = _rows(series)
    count = len(rows) if rows is not None else len(matrix)  # type: ignore[arg-type]
    pols = _broadcast_polarity(polarity, count)
    targets = _broadcast_target(target, count)
    order: tuple[Any, ...] | None = None
    missing: tuple[object, ...] = ()
    if labels is not None:
        _check_labels(labels, len(labels))
        lengths = [len(r) for r in rows] if rows is not None else [matrix.shape[1]] * count  # type: ignore[union-attr]
        for i, n in enumerate(lengths):
            if n != len(labels):
                raise InvalidValueError(
                    f"series {i} has {n} values for {len(labels)} shared labels",
                    field=f"series[{i}]",
                    example="xmr_many(rows, labels=periods) with every row as long as periods",
                )
        positions, order, missing = _order([float(j) for j in range(len(labels))], labels)
        perm = [int(p) for p in positions]
        if perm != list(range(len(perm))):
            if rows is not None:
                rows = [[r[j] for j in perm] for r in rows]
            else:
                matrix = matrix[:, perm]  # type: ignore[index]
    if not _has_numpy():
        assert rows is not None  # a numpy matrix needs numpy
        shared = order
        built = {
            i: _one(
                r,
                shared if shared is not None else range(len(r)),
                p,
                t,
                options,
                labelled=shared is not None,
                missing=missing,
            )
            for i, (r, p, t) in enumerate(zip(rows, pols, targets, strict=True))
        }
        return SpcBatch(
            count=count, groups=(), pols=pols, targets=targets, options=options, built=built
        )
    return SpcBatch(
        count=count,
        groups=_numpy_groups(
            rows, matrix, labels=order, missing=missing, pols=pols, targets=targets, options=options
        ),
        pols=pols,
        targets=targets,
        options=options,
    )


def _numpy_groups(
    rows: list[list[float]] | None,
    matrix: NDArray[np.float64] | None,
    *,
    labels: tuple[Any, ...] | None,
    missing: tuple[object, ...],
    pols: list[Polarity],
    targets: list[float | None],
    options: SpcOptions,
) -> list[_Group]:
    import numpy as np  # noqa: PLC0415

    from nhsplan.spc import _kernels  # noqa: PLC0415

    if matrix is not None:
        blocks = [(np.arange(len(matrix), dtype=np.intp), matrix)]
    else:
        assert rows is not None
        by_length: dict[int, list[int]] = {}
        for i, row in enumerate(rows):
            by_length.setdefault(len(row), []).append(i)
        blocks = [
            (np.array(members, dtype=np.intp), np.array([rows[i] for i in members], dtype=float))
            for members in by_length.values()
        ]
    pol_index = _polarity_index(pols)
    target_col = np.array([math.nan if t is None else t for t in targets], dtype=np.float64)
    out = []
    for members, ys in blocks:
        n = ys.shape[1]
        shared = labels if labels is not None else tuple(range(n))
        bounds, ignored = _segment_bounds(n, options.rebase_at, labels)
        has_missing = bool(np.isnan(ys).any())
        segs = [_kernels.segment(ys[:, a:b], options, missing=has_missing) for a, b in bounds]
        mean = np.stack([s.mean for s in segs], axis=1)
        amr = np.stack([s.amr for s in segs], axis=1)
        excluded = np.stack([s.excluded for s in segs], axis=1)
        code = _joined(segs, "code")
        if has_missing:
            present = ~np.isnan(ys)
            latest = n - 1 - np.argmax(present[:, ::-1], axis=1)
            last_code = code[np.arange(len(ys)), latest]
        else:
            last_code = code[:, -1]
        pol = pol_index[members]
        icon = pol * len(_CAUSE_OF_CODE) + last_code
        assurance = _assurance_codes(target_col[members], pol, segs[-1].mean, segs[-1].amr)
        out.append(
            _Group(
                members=members,
                labels=shared,
                bounds=bounds,
                context=_Context(missing, ignored),
                values=ys,
                mean=mean,
                amr=amr,
                excluded=excluded,
                outside=_joined(segs, "outside"),
                trend=_joined(segs, "trend"),
                two=_joined(segs, "two"),
                run=_joined(segs, "run"),
                code=code,
                icon=icon,
                assurance=assurance,
            )
        )
    return out


def _joined(segs: list[_kernels.Segment], name: str) -> NDArray[Any]:
    import numpy as np  # noqa: PLC0415

    if len(segs) == 1:
        out: NDArray[Any] = getattr(segs[0], name)
        return out
    return np.concatenate([getattr(s, name) for s in segs], axis=1)


def _assurance_codes(
    target: NDArray[np.float64],
    pol: NDArray[np.intp],
    mean: NDArray[np.float64],
    amr: NDArray[np.float64],
) -> NDArray[np.int8]:
    """``icons._assurance`` column-wise: 0 none, 1 pass, 2 fail, 3 hit and miss."""
    import numpy as np  # noqa: PLC0415

    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    higher = pol == _POLARITIES.index(Polarity.HIGHER_IS_BETTER)
    with np.errstate(invalid="ignore"):
        above, below = target > upl, target < lpl
    code = np.full(len(target), 3, dtype=np.int8)
    code[above] = np.where(higher[above], 2, 1)
    code[below] = np.where(higher[below], 1, 2)
    code[np.isnan(target) | (pol == _POLARITIES.index(Polarity.NEUTRAL))] = 0
    return code
