"""The result of :func:`~nhsplan.spc.xmr_many`: :class:`SpcBatch`, XmR charts kept as columns.

Every series' limits, rule flags and special-cause codes stay in numpy arrays; a series'
:class:`~nhsplan.spc.SpcResult` is assembled from them only when it is indexed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, overload

from nhsplan.model.enums import Assurance, Polarity, VariationIcon
from nhsplan.spc.icons import _variation_icon
from nhsplan.spc.limits import _Stats
from nhsplan.spc.options import LIMIT, SpcOptions, Variation
from nhsplan.spc.result import SpcResult
from nhsplan.spc.rules import _CAUSE_OF_CODE, _VARIATION_OF_CODE
from nhsplan.spc.series import _assemble, _Columns, _Context

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

__all__ = ["SpcBatch"]

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

    def series_frame(self) -> pd.DataFrame:
        """One row per series: its icons as data columns, the latest value and limits.

        Columns: ``series``, ``latest_position``, ``latest_value``, ``mean``, ``lpl``, ``upl``
        (the latest segment's; NaN where it has none), ``variation`` and ``assurance`` (the
        icons' names; assurance None without a target). Built from the columns, without
        building any result.

        Raises:
            ImportError: pandas is not installed (``pip install "nhsplan[pandas]"``).
        """
        try:
            import pandas as pd  # noqa: PLC0415
        except ImportError as exc:
            msg = (
                'SpcBatch.series_frame needs pandas; install it with: pip install "nhsplan[pandas]"'
            )
            raise ImportError(msg) from exc
        import numpy as np  # noqa: PLC0415

        parts = []
        for g in self._groups:
            present = ~np.isnan(g.values)
            k = g.values.shape[1]
            latest = k - 1 - np.argmax(present[:, ::-1], axis=1)
            mean, amr = g.mean[:, -1], g.amr[:, -1]
            parts.append(
                pd.DataFrame(
                    {
                        "series": g.members,
                        "latest_position": latest,
                        "latest_value": g.values[np.arange(len(latest)), latest],
                        "mean": mean,
                        "lpl": mean - LIMIT * amr,
                        "upl": mean + LIMIT * amr,
                    }
                )
            )
        frame = pd.concat(parts).sort_values("series", kind="stable").reset_index(drop=True)
        frame["variation"] = [icon.value for icon in self.variation_icons]
        frame["assurance"] = pd.Series(
            [a.value if a else None for a in self.assurances], dtype=object
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


def _polarity_index(pols: list[Polarity]) -> NDArray[np.intp]:
    import numpy as np  # noqa: PLC0415

    first = pols[0] if pols else Polarity.HIGHER_IS_BETTER
    if all(p is first for p in pols):
        return np.full(len(pols), _POLARITIES.index(first), dtype=np.intp)
    return np.array([_POLARITIES.index(p) for p in pols], dtype=np.intp)
