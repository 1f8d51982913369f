"""Many series at once: :func:`xmr_many`, columnar, vectorised with numpy when installed.

The result, :class:`SpcBatch`, keeps every series' limits, rule flags and special-cause codes
as numpy arrays. A series' :class:`~nhsplan.spc.SpcResult` (and its points) is built only
when it is asked for, so charting 10,000 series costs about what the numpy maths costs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, overload

from nhsplan._enums import Assurance, Polarity, VariationIcon
from nhsplan.errors import InvalidValueError
from nhsplan.spc._validate import (
    _check_labels,
    _check_polarity,
    _check_target,
    _check_values,
    _order,
    _segment_bounds,
)
from nhsplan.spc.icons import _variation_icon
from nhsplan.spc.limits import _Stats
from nhsplan.spc.options import _DEFAULT_OPTIONS, LIMIT, SpcOptions, Variation
from nhsplan.spc.result import SpcResult
from nhsplan.spc.rules import _CAUSE_OF_CODE, _VARIATION_OF_CODE
from nhsplan.spc.series import _assemble, _Columns, _Context, _one

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from nhsplan.spc import _kernels

__all__ = ["SpcBatch", "xmr_many"]

LabelT = TypeVar("LabelT")

_POLARITIES = tuple(Polarity)
_ASSURANCE_OF_CODE: tuple[Assurance | None, ...] = (
    None,
    Assurance.CONSISTENTLY_PASS,
    Assurance.CONSISTENTLY_FAIL,
    Assurance.HIT_AND_MISS,
)
_ICON_OF_CODE: tuple[VariationIcon, ...] = tuple(
    _variation_icon(_VARIATION_OF_CODE[pol][code], pol)
    for pol in _POLARITIES
    for code in range(len(_CAUSE_OF_CODE))
)
"""The variation icon of ``len(_CAUSE_OF_CODE) * polarity index + point code``."""


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


class _Group(NamedTuple):
    """Series of one length, computed together: one row per series."""

    members: NDArray[np.intp]
    labels: tuple[Any, ...]
    bounds: list[tuple[int, int]]
    context: _Context
    values: NDArray[np.float64]
    mean: NDArray[np.float64]
    amr: NDArray[np.float64]
    excluded: NDArray[np.int64]
    outside: NDArray[np.bool_]
    trend: NDArray[np.bool_]
    two: NDArray[np.bool_]
    run: NDArray[np.bool_]
    code: NDArray[np.int8]
    icon: NDArray[np.intp]
    assurance: NDArray[np.int8]


class SpcBatch(Sequence[SpcResult[LabelT]], Generic[LabelT]):
    """XmR charts of many series, kept as columns; a sequence of :class:`SpcResult`.

    ``batch[i]`` is exactly ``xmr(series[i], ...)``, built on first use and then kept. The
    columns are there without building any: :attr:`variation_icons`, :attr:`assurances`,
    :meth:`arrays` (numpy, one entry per point) and :meth:`to_pandas` (a DataFrame of points).

    A batch equals any sequence of the same results (``batch == tuple(xmr(r) for r in rows)``).
    """

    __slots__ = ("_built", "_count", "_groups", "_options", "_pols", "_targets", "_where")

    def __init__(
        self,
        *,
        count: int,
        groups: Sequence[_Group],
        pols: list[Polarity],
        targets: list[float | None],
        options: SpcOptions,
        built: dict[int, SpcResult[LabelT]] | None = None,
    ) -> None:
        self._count = count
        self._groups = tuple(groups)
        self._pols = pols
        self._targets = targets
        self._options = options
        self._built: dict[int, SpcResult[LabelT]] = dict(built or {})
        self._where: dict[int, tuple[int, int]] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> SpcResult[LabelT]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[SpcResult[LabelT], ...]: ...

    def __getitem__(self, index: int | slice) -> SpcResult[LabelT] | tuple[SpcResult[LabelT], ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._count)))
        if not -self._count <= index < self._count:
            msg = f"series {index} is not in a batch of {self._count}"
            raise IndexError(msg)
        i = index % self._count
        found = self._built.get(i)
        if found is None:
            found = self._build(i)
            self._built[i] = found
        return found

    def __iter__(self) -> Iterator[SpcResult[LabelT]]:
        return (self[i] for i in range(self._count))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(other) == self._count and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<SpcBatch of {self._count} XmR charts>"

    @property
    def options(self) -> SpcOptions:
        """The options every chart was computed with."""
        return self._options

    @property
    def variation_icons(self) -> tuple[VariationIcon, ...]:
        """Each series' variation icon, without building the results."""
        if not self._groups:
            return tuple(r.variation_icon for r in self)
        return tuple(self._by_series(_ICON_OF_CODE, "icon"))

    @property
    def assurances(self) -> tuple[Assurance | None, ...]:
        """Each series' assurance icon (None without a target), without building the results."""
        if not self._groups:
            return tuple(r.assurance for r in self)
        return tuple(self._by_series(_ASSURANCE_OF_CODE, "assurance"))

    def _by_series(self, table: tuple[Any, ...], name: str) -> list[Any]:
        import numpy as np  # noqa: PLC0415

        lookup = np.empty(len(table), dtype=object)
        lookup[:] = table
        if len(self._groups) == 1:
            out: list[Any] = lookup[getattr(self._groups[0], name)].tolist()
            return out
        merged = np.empty(self._count, dtype=object)
        for g in self._groups:
            merged[g.members] = lookup[getattr(g, name)]
        listed: list[Any] = merged.tolist()
        return listed

    def arrays(self) -> dict[str, NDArray[Any]]:
        """Every point of every series as numpy columns (series by series, in order).

        Columns: ``series``, ``position``, ``value``, ``segment``, ``mean``, ``lpl``, ``upl``,
        the rule flags ``outside_limits``, ``trend``, ``two_in_three``, ``run``, and
        ``code`` (``2 * rule + high``: 0-1 common cause, 2-3 outside the limits, 4-5 trend,
        6-7 two-in-three, 8-9 run; odd codes are high or rising).

        Raises:
            ImportError: numpy is not installed.
        """
        import numpy as np  # noqa: PLC0415

        parts: dict[str, list[NDArray[Any]]] = {name: [] for name in _ARRAY_COLUMNS}
        for g in self._groups:
            rows, k = g.values.shape
            seg_of = np.concatenate(
                [np.full(b - a, s, dtype=np.intp) for s, (a, b) in enumerate(g.bounds)]
            )
            mean = g.mean[:, seg_of]
            half = LIMIT * g.amr[:, seg_of]
            columns = {
                "series": np.repeat(g.members, k),
                "position": np.tile(np.arange(k), rows),
                "value": g.values.ravel(),
                "segment": np.tile(seg_of, rows),
                "mean": mean.ravel(),
                "lpl": (mean - half).ravel(),
                "upl": (mean + half).ravel(),
                "outside_limits": g.outside.ravel(),
                "trend": g.trend.ravel(),
                "two_in_three": g.two.ravel(),
                "run": g.run.ravel(),
                "code": g.code.ravel(),
            }
            for name, column in columns.items():
                parts[name].append(column)
        out = {name: np.concatenate(cols) for name, cols in parts.items()}
        order = np.argsort(out["series"], kind="stable")
        return {name: column[order] for name, column in out.items()}

    def to_pandas(self) -> pd.DataFrame:
        """One row per point of every series, with its special cause and variation named.

        The columns of :meth:`arrays`, with ``code`` read as ``special_cause`` (the deciding
        rule, or None) and ``variation`` (oriented by each series' polarity), both categorical.

        Raises:
            ImportError: pandas is not installed (``pip install "nhsplan[pandas]"``).
        """
        try:
            import pandas as pd  # noqa: PLC0415
        except ImportError as exc:
            msg = 'SpcBatch.to_pandas needs pandas; install it with: pip install "nhsplan[pandas]"'
            raise ImportError(msg) from exc
        import numpy as np  # noqa: PLC0415

        cols = self.arrays()
        code = cols.pop("code").astype(np.intp)
        pol_index = _polarity_index(self._pols)[cols["series"]]
        frame = pd.DataFrame(cols)
        causes = [c.value for c in _CAUSE_OF_CODE[::2] if c is not None]
        cause_code = np.where(code < 2, -1, code // 2 - 1)
        frame["special_cause"] = pd.Categorical.from_codes(cause_code, categories=pd.Index(causes))
        kinds = [v.value for v in Variation]
        kind_index = {v: i for i, v in enumerate(Variation)}
        table = np.array([[kind_index[v] for v in _VARIATION_OF_CODE[pol]] for pol in _POLARITIES])
        frame["variation"] = pd.Categorical.from_codes(
            table[pol_index, code], categories=pd.Index(kinds)
        )
        return frame

    def _build(self, i: int) -> SpcResult[LabelT]:
        if self._where is None:
            self._where = {
                m: (g, r)
                for g, grp in enumerate(self._groups)
                for r, m in enumerate(grp.members.tolist())
            }
        g, r = self._where[i]
        grp = self._groups[g]
        pol = self._pols[i]
        values = tuple(grp.values[r].tolist())
        codes = grp.code[r].tolist()
        stats = [
            _Stats(m, a, e, n)
            for m, a, e, n in zip(
                grp.mean[r].tolist(),
                grp.amr[r].tolist(),
                grp.excluded[r].tolist(),
                [_n_basis(b, self._options) for b in grp.bounds],
                strict=True,
            )
        ]
        cols = _Columns(
            values=values,
            outside=tuple(grp.outside[r].tolist()),
            trend=tuple(grp.trend[r].tolist()),
            two=tuple(grp.two[r].tolist()),
            run=tuple(grp.run[r].tolist()),
            causes=tuple(map(_CAUSE_OF_CODE.__getitem__, codes)),
            variations=tuple(map(_VARIATION_OF_CODE[pol].__getitem__, codes)),
        )
        return _assemble(
            grp.labels,
            grp.bounds,
            stats,
            cols,
            polarity=pol,
            target=self._targets[i],
            options=self._options,
            context=grp.context,
        )


_ARRAY_COLUMNS = (
    "series",
    "position",
    "value",
    "segment",
    "mean",
    "lpl",
    "upl",
    "outside_limits",
    "trend",
    "two_in_three",
    "run",
    "code",
)


def _n_basis(bounds: tuple[int, int], options: SpcOptions) -> int:
    n = bounds[1] - bounds[0]
    fix = options.fix_after_n_points
    return n if fix is None else min(fix, n)


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


def _polarity_index(pols: list[Polarity]) -> NDArray[np.intp]:
    import numpy as np  # noqa: PLC0415

    first = pols[0] if pols else Polarity.HIGHER_IS_BETTER
    if all(p is first for p in pols):
        return np.full(len(pols), _POLARITIES.index(first), dtype=np.intp)
    return np.array([_POLARITIES.index(p) for p in pols], dtype=np.intp)


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
