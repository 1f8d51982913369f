"""Many series at once: :func:`xmr_many`, vectorised with numpy when it is installed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar, overload

from nhsplan._enums import Polarity
from nhsplan.errors import InvalidValueError
from nhsplan.spc._validate import (
    _check_labels,
    _check_polarity,
    _check_target,
    _check_values,
    _segment_bounds,
)
from nhsplan.spc.limits import _Stats
from nhsplan.spc.options import (
    _DEFAULT_OPTIONS,
    LIMIT,
    OUTLIER_SCREEN,
    TWO_SIGMA,
    SpcOptions,
    TwoInThree,
)
from nhsplan.spc.result import SpcResult
from nhsplan.spc.rules import _CAUSE_OF_CODE, _VARIATION_OF_CODE
from nhsplan.spc.series import _assemble, _Columns, _one

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

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


def _np_mean(a: NDArray[np.float64], keep: NDArray[np.bool_] | None = None) -> NDArray[np.float64]:
    """Row means with exactly the operations of :func:`_mean` (column by column, in order).

    Skipped entries add 0.0, which leaves a non-negative running sum, and a correction sum
    that starts at +0.0, unchanged: the results equal :func:`_mean` bit for bit.
    """
    import numpy as np  # noqa: PLC0415

    rows, cols = a.shape
    count = np.full(rows, float(cols)) if keep is None else keep.sum(axis=1).astype(np.float64)
    total = np.zeros(rows)
    for j in range(cols):
        total += a[:, j] if keep is None else np.where(keep[:, j], a[:, j], 0.0)
    m = total / count
    resid = np.zeros(rows)
    for j in range(cols):
        resid += a[:, j] - m if keep is None else np.where(keep[:, j], a[:, j] - m, 0.0)
    with np.errstate(invalid="ignore"):
        corrected = m + resid / count
    out: NDArray[np.float64] = np.where(np.isfinite(m), corrected, m)
    return out


def _np_cover(det: NDArray[np.bool_], width: int) -> NDArray[np.bool_]:
    """Points covered by qualifying windows: ``det[:, j]`` covers points ``j .. j+width-1``."""
    import numpy as np  # noqa: PLC0415
    from numpy.lib.stride_tricks import sliding_window_view  # noqa: PLC0415

    rows, m = det.shape
    padded = np.zeros((rows, m + 2 * (width - 1)), dtype=bool)
    padded[:, width - 1 : width - 1 + m] = det
    out: NDArray[np.bool_] = np.asarray(sliding_window_view(padded, width, axis=1).any(axis=2))
    return out


def _np_same_sign_windows(keys: NDArray[np.int8], width: int) -> NDArray[np.bool_]:
    """``[:, j]``: ``keys[:, j .. j+width-1]`` are equal and non-zero."""
    from numpy.lib.stride_tricks import sliding_window_view  # noqa: PLC0415

    w = sliding_window_view(keys, width, axis=1)
    out: NDArray[np.bool_] = (w == w[:, :, :1]).all(axis=2) & (w[:, :, 0] != 0)
    return out


class _NpSegment(NamedTuple):
    mean: NDArray[np.float64]
    amr: NDArray[np.float64]
    excluded: NDArray[np.int64]
    outside: NDArray[np.bool_]
    side: NDArray[np.int8]
    run: NDArray[np.bool_]
    trend: NDArray[np.bool_]
    two: NDArray[np.bool_]
    code: NDArray[np.int8]


def _np_segment(ys: NDArray[np.float64], options: SpcOptions) -> _NpSegment:
    """:func:`_segment_stats` and :func:`_segment_rules` for every row of a matrix at once."""
    import numpy as np  # noqa: PLC0415
    from numpy.lib.stride_tricks import sliding_window_view  # noqa: PLC0415

    rows, k = ys.shape
    fix = options.fix_after_n_points
    basis = ys if fix is None else ys[:, :fix]
    mean = _np_mean(basis)
    mrs = np.abs(basis[:, 1:] - basis[:, :-1])
    amr = _np_mean(mrs)
    excluded = np.zeros(rows, dtype=np.int64)
    if options.screen_outliers:
        keep = (mrs < (OUTLIER_SCREEN * amr)[:, None]) | ~(amr > 0)[:, None]
        amr = _np_mean(mrs, keep)
        excluded = (~keep).sum(axis=1)
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    outside = (ys > upl[:, None]) | (ys < lpl[:, None])
    side = np.sign(ys - mean[:, None]).astype(np.int8)

    run = np.zeros((rows, k), dtype=bool)
    n = options.run_length
    if n is not None and k >= n:
        run = _np_cover(_np_same_sign_windows(side, n), n)
    trend = np.zeros((rows, k), dtype=bool)
    n = options.trend_length
    if n is not None and k >= n:
        steps = np.sign(ys[:, 1:] - ys[:, :-1]).astype(np.int8)
        trend = _np_cover(_np_same_sign_windows(steps, n - 1), n)
    two = np.zeros((rows, k), dtype=bool)
    if options.two_in_three is not TwoInThree.OFF and k >= 3:
        nlpl, nupl = mean - TWO_SIGMA * amr, mean + TWO_SIGMA * amr
        beyond = (ys < nlpl[:, None]) | (ys > nupl[:, None])
        hits = beyond & ~outside if options.two_in_three is TwoInThree.PLOTTHEDOTS else beyond
        enough = sliding_window_view(hits, 3, axis=1).sum(axis=2) >= 2
        two = _np_cover(_np_same_sign_windows(side, 3) & enough, 3) & hits

    # _codes, column-wise
    steps = np.sign(ys[:, 1:] - ys[:, :-1]).astype(np.int8)
    zeros = np.zeros((rows, 1), dtype=np.int8)
    right, left = np.hstack([steps, zeros]), np.hstack([zeros, steps])
    next_in_trend = np.hstack([trend[:, 1:], zeros.astype(bool)])
    rising = np.where(trend & next_in_trend, right, left) == 1
    above = side > 0
    code = np.select(
        [outside & options.outside_limits, trend, two, run],
        [2 + (side == 1), 4 + rising, 6 + above, 8 + above],
        0,
    ).astype(np.int8)
    return _NpSegment(mean, amr, excluded, outside, side, run, trend, two, code)


_POLARITIES = tuple(Polarity)


def _numpy_group(
    y: NDArray[np.float64],
    bounds: list[tuple[int, int]],
    pols: list[Polarity],
    options: SpcOptions,
) -> list[tuple[list[_Stats], _Columns]]:
    """Per-row stats and columns for a matrix of equal-length series, as plain Python values."""
    import numpy as np  # noqa: PLC0415

    segs = [_np_segment(y[:, start:stop], options) for start, stop in bounds]
    fix = options.fix_after_n_points
    n_basis = [stop - start if fix is None else min(fix, stop - start) for start, stop in bounds]
    means = np.stack([s.mean for s in segs], axis=1).tolist()
    amrs = np.stack([s.amr for s in segs], axis=1).tolist()
    excluded = np.stack([s.excluded for s in segs], axis=1).tolist()
    outside, run, trend, two, code = (
        np.concatenate([getattr(s, name) for s in segs], axis=1)
        for name in ("outside", "run", "trend", "two", "code")
    )
    outside &= options.outside_limits
    cause_table = np.empty(len(_CAUSE_OF_CODE), dtype=object)
    cause_table[:] = _CAUSE_OF_CODE
    variation_table = np.empty((len(_POLARITIES), len(_CAUSE_OF_CODE)), dtype=object)
    variation_table[:] = [_VARIATION_OF_CODE[p] for p in _POLARITIES]
    which = np.array([_POLARITIES.index(p) for p in pols])[:, None]
    columns = zip(
        y.tolist(),
        outside.tolist(),
        trend.tolist(),
        two.tolist(),
        run.tolist(),
        cause_table[code].tolist(),
        variation_table[which, code].tolist(),
        strict=True,
    )
    return [
        (
            [_Stats(*st) for st in zip(means[r], amrs[r], excluded[r], n_basis, strict=True)],
            _Columns(*map(tuple, row)),
        )
        for r, row in enumerate(columns)
    ]


def _has_numpy() -> bool:
    try:
        import numpy  # noqa: F401, PLC0415, ICN001
    except ImportError:
        return False
    return True


def _rows(series: Sequence[Sequence[float]] | NDArray[np.floating]) -> list[list[float]]:
    """Validated rows; a float numpy matrix is checked in one pass rather than value by value."""
    if type(series).__module__ == "numpy" and getattr(series, "ndim", 0) == 2:
        import numpy as np  # noqa: PLC0415

        arr = np.asarray(series)
        if arr.dtype.kind in "fiu" and arr.shape[1] >= 2 and np.isfinite(arr).all():
            out: list[list[float]] = arr.astype(np.float64).tolist()
            return out
    if isinstance(series, str | bytes) or not isinstance(series, Iterable):
        raise InvalidValueError(
            f"must be a sequence of series, not {series!r}",
            field="series",
            example="xmr_many([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])",
        )
    return [_check_values(s, field=f"series[{i}]") for i, s in enumerate(series)]


@overload
def xmr_many(
    series: Sequence[Sequence[float]] | NDArray[np.floating],
    *,
    labels: None = None,
    polarity: Polarity | Sequence[Polarity] = ...,
    target: float | Sequence[float | None] | None = ...,
    options: SpcOptions = ...,
) -> tuple[SpcResult[int], ...]: ...


@overload
def xmr_many(
    series: Sequence[Sequence[float]] | NDArray[np.floating],
    *,
    labels: Sequence[LabelT],
    polarity: Polarity | Sequence[Polarity] = ...,
    target: float | Sequence[float | None] | None = ...,
    options: SpcOptions = ...,
) -> tuple[SpcResult[LabelT], ...]: ...


def xmr_many(
    series: Sequence[Sequence[float]] | NDArray[np.floating],
    *,
    labels: Sequence[LabelT] | None = None,
    polarity: Polarity | Sequence[Polarity] = Polarity.HIGHER_IS_BETTER,
    target: float | Sequence[float | None] | None = None,
    options: SpcOptions = _DEFAULT_OPTIONS,
) -> tuple[SpcResult[LabelT], ...] | tuple[SpcResult[int], ...]:
    """Compute XmR charts for many series at once; each equals :func:`xmr` on that series.

    With numpy installed, series of equal length are computed together as a matrix (the
    limits with the same floating-point operations, in the same order, as :func:`xmr`, so the
    results are identical); without it, this is a loop over :func:`xmr`.

    Args:
        series: the series (a sequence of sequences, or a 2-D numpy array, one row a series);
            they may differ in length unless ``labels`` is given.
        labels: labels shared by every series (each must then have one value per label).
        polarity: one polarity for all, or one per series.
        target: one target (or None) for all, or one per series.
        options: as for :func:`xmr`, applied to every series.

    Returns:
        One :class:`SpcResult` per series, in order.

    Raises:
        InvalidValueError: as :func:`xmr`, naming the series (``series[3][7]``).

    >>> from nhsplan.spc import xmr
    >>> a, b = xmr_many([[1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1], [3, 4, 3]])
    >>> a == xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1])
    True
    >>> print(*b.warnings)
    segment 0 (positions 0 to 2) has 3 points, fewer than 13: its limits are trial limits ...
    """
    rows = _rows(series)
    pols = _broadcast_polarity(polarity, len(rows))
    targets = _broadcast_target(target, len(rows))
    if labels is None:
        return _many(rows, range, pols, targets, options, labelled=False)
    _check_labels(labels, len(labels))
    shared = labels
    for i, row in enumerate(rows):
        if len(row) != len(shared):
            raise InvalidValueError(
                f"series {i} has {len(row)} values for {len(shared)} shared labels",
                field=f"series[{i}]",
                example="xmr_many(rows, labels=periods) with every row as long as periods",
            )
    return _many(rows, lambda _n: shared, pols, targets, options, labelled=True)


def _many(
    rows: list[list[float]],
    labels_for: Callable[[int], Sequence[LabelT]],
    pols: list[Polarity],
    targets: list[float | None],
    options: SpcOptions,
    *,
    labelled: bool,
) -> tuple[SpcResult[LabelT], ...]:
    if not _has_numpy():
        return tuple(
            _one(r, labels_for(len(r)), p, t, options, labelled=labelled)
            for r, p, t in zip(rows, pols, targets, strict=True)
        )
    import numpy as np  # noqa: PLC0415

    by_length: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        by_length.setdefault(len(row), []).append(i)
    results: dict[int, SpcResult[LabelT]] = {}
    for n, members in by_length.items():
        labels = labels_for(n)
        bounds = _segment_bounds(n, options.rebase_at, labels if labelled else None)
        matrix = np.array([rows[i] for i in members], dtype=np.float64)
        shared = tuple(labels)
        computed = _numpy_group(matrix, bounds, [pols[i] for i in members], options)
        for i, (stats, cols) in zip(members, computed, strict=True):
            results[i] = _assemble(
                shared, bounds, stats, cols, polarity=pols[i], target=targets[i], options=options
            )
    return tuple(results[i] for i in range(len(rows)))
