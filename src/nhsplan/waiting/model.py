"""The waiting list by weeks waited, projected month by month (a stock-and-flow model).

The list is 105 weekly bands, as NHS England publishes it: band *i* (0-103) holds pathways
that have waited more than *i* and up to *i* + 1 weeks, band 104 those waiting more than
104 weeks. Each week every band ages by one (band 103 joins band 104), the week's clock
starts join band 0, and the week's clock stops leave by a rule:

- :attr:`StopRule.LONGEST_FIRST` (the default): in order of waiting, the longest waits
  first, as the RTT rules ask ("treat in turn");
- :attr:`StopRule.PROPORTIONAL`: from every band in proportion to its size times a weight
  per band, the "capacity utilisation profile" NHSRtt calibrates from published months;
  :func:`calibrate_weights` estimates the weights from two consecutive snapshots.

A month's clock starts and stops are spread evenly over its weeks; the weeks of a month are
counted from the snapshot's month end (a month ends on the week boundary nearest its last
day). Many lists project at once: every array has the lists on its first axis, and the
weekly step is a handful of numpy operations over all of them (numpy is imported when a
projection runs; ``import nhsplan`` does not import it).

A list of 2,000 with 100 in each of its first 20 weeks, 430 clock starts and 430 stops in
December 2024 (4 weeks): the stops take weeks 20-23 and 30 of week 19, the starts fill
weeks 0-3, and 1,830 of the 2,000 are within 18 weeks.

>>> from nhsplan.calendar import Month
>>> p = project([100.0] * 20 + [0.0] * 85, start=Month(2024, 11), months=1, starts=430,
...             stops=430)
>>> print(p.months[0], round(float(p.total[0, 0])), round(float(p.share_18[0, 0]), 3))
2024-12 2000 0.915
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from nhsplan.calendar import Month
from nhsplan.errors import InvalidValueError, MissingDependencyError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

__all__ = [
    "BANDS",
    "LONG_WAITS",
    "Projection",
    "StopRule",
    "age",
    "calibrate_weights",
    "month_weeks",
    "project",
    "require_numpy",
]

BANDS: Final = 105
"""Weekly wait bands: 0-103 (over *i* up to *i* + 1 weeks) and 104 (over 104 weeks)."""
LONG_WAITS: Final = (52, 65, 78, 104)
"""The waits (weeks) whose counts the guidance asks about: pathways waiting *more* than these."""
WITHIN: Final = 18
"""Bands 0-17 are waits of 18 weeks or less."""
_MAX_MONTHS: Final = 240

_SNAPSHOT_EXAMPLE: Final = "[1021, 1022, 994, ...] (105 counts, band 0 first)"


class StopRule(enum.Enum):
    """Which waiting pathways a clock stop takes."""

    LONGEST_FIRST = "longest_first"
    """In order of waiting: the longest waits first."""
    PROPORTIONAL = "proportional"
    """From every band in proportion to its size times a weight per band (calibrated)."""


def _read_only(counts: Mapping[int, FloatArray]) -> Mapping[int, FloatArray]:
    return MappingProxyType(dict(counts))


@attrs.frozen(kw_only=True, eq=False)
class Projection:
    """A waiting list (or many) projected month by month.

    Arrays have one row per list and one column per projected month; counts are pathways
    (fractional: a projection is an expectation), shares are fractions.
    """

    start: Month
    """The month of the snapshot the projection starts from."""
    months: tuple[Month, ...]
    """The projected months, the month after ``start`` first."""
    total: FloatArray
    """Pathways waiting at each month end."""
    within_18: FloatArray
    """Pathways waiting 18 weeks or less."""
    over: Mapping[int, FloatArray] = attrs.field(converter=_read_only)
    """Weeks N (52, 65, 78, 104) -> pathways waiting more than N weeks."""
    final: FloatArray
    """The bands at the last month end, one row per list (105 columns)."""

    @property
    def share_18(self) -> FloatArray:
        """The share of the list waiting 18 weeks or less (1 where the list is empty)."""
        import numpy as np  # noqa: PLC0415 - numpy is optional

        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.total > 0, self.within_18 / self.total, 1.0)

    @property
    def share_52(self) -> FloatArray:
        """The share of the list waiting more than 52 weeks (0 where the list is empty)."""
        import numpy as np  # noqa: PLC0415 - numpy is optional

        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.total > 0, self.over[52] / self.total, 0.0)

    def index(self, month: Month) -> int:
        """The column of *month*.

        Raises:
            InvalidValueError: *month* is not projected.
        """
        try:
            return self.months.index(month)
        except ValueError:
            raise InvalidValueError(
                f"{month} is not projected (the projection covers {self.months[0]} to "
                f"{self.months[-1]})",
                field="month",
                example=str(self.months[0]),
            ) from None


def require_numpy(feature: str) -> None:
    """Raise MissingDependencyError naming *feature* unless numpy is installed."""
    try:
        import numpy as np  # noqa: F401, PLC0415 - the check that it is installed
    except ImportError:
        raise MissingDependencyError(feature, package="numpy", extra="numpy") from None


def month_weeks(start: Month, months: int) -> tuple[int, ...]:
    """The weeks in each of the *months* after *start*, counted from *start*'s month end.

    Month *k* ends on the week boundary nearest its last day: ``round(days / 7)`` weeks after
    the snapshot. Each month has 4 or 5 weeks and the counts add up to the whole span.

    >>> month_weeks(Month(2024, 11), 4)
    (4, 5, 4, 4)
    """
    ends, month = [], start
    for _ in range(months):
        month = month.next()
        ends.append(round((month.end - start.end).days / 7))
    return tuple(b - a for a, b in zip([0, *ends], ends, strict=False))


def _as_bands(snapshot: object) -> FloatArray:
    import numpy as np  # noqa: PLC0415 - numpy is optional

    try:
        bands = np.array(snapshot, dtype=np.float64, ndmin=1)
    except (TypeError, ValueError):
        raise InvalidValueError(
            f"{type(snapshot).__name__} is not an array of counts",
            field="snapshot",
            example=_SNAPSHOT_EXAMPLE,
        ) from None
    if bands.ndim == 1:
        bands = bands[np.newaxis, :]
    if bands.ndim != 2 or bands.shape[1] != BANDS:
        raise InvalidValueError(
            f"shape {bands.shape} is not {BANDS} weekly bands (or lists x {BANDS})",
            field="snapshot",
            example=_SNAPSHOT_EXAMPLE,
        )
    _non_negative("snapshot", bands, _SNAPSHOT_EXAMPLE)
    return bands


def _non_negative(name: str, values: FloatArray, example: str) -> None:
    import numpy as np  # noqa: PLC0415 - numpy is optional

    if not np.isfinite(values).all() or (values < 0).any():
        raise InvalidValueError(
            "must be finite counts of at least 0 (no NaN, no negative numbers)",
            field=name,
            example=example,
        )


def _flows(name: str, value: object, lists: int, months: int) -> FloatArray:
    """Monthly flows broadcast to (lists, months): a number, per month, per list, or both."""
    import numpy as np  # noqa: PLC0415 - numpy is optional

    example = "4469 (a month), or one number per month, per list, or a (lists, months) array"
    try:
        flows = np.asarray(value, dtype=np.float64)
        if flows.ndim == 1 and flows.shape[0] == lists and lists != months:
            flows = flows[:, np.newaxis]
        flows = np.broadcast_to(flows, (lists, months))
    except (TypeError, ValueError):
        raise InvalidValueError(
            f"cannot be read as monthly counts for {lists} list(s) and {months} month(s)",
            field=name,
            example=example,
        ) from None
    _non_negative(name, flows, example)
    return flows


def _weights(weights: object, lists: int) -> FloatArray:
    import numpy as np  # noqa: PLC0415 - numpy is optional

    example = "an array of 105 weights, one per band (calibrate_weights gives one)"
    try:
        w = np.broadcast_to(np.asarray(weights, dtype=np.float64), (lists, BANDS))
    except (TypeError, ValueError):
        raise InvalidValueError(
            f"cannot be read as {BANDS} weights per list", field="weights", example=example
        ) from None
    _non_negative("weights", w, example)
    return w


def _longest_first(x: FloatArray, stops: FloatArray) -> FloatArray:
    """Remove *stops* (one per list) from the longest waits down; *x* is (bands, lists).

    A band keeps ``min(x_i, max(0, A_i - stops))``, where ``A_i`` counts the pathways waiting
    at least as long as band *i*'s (a reverse cumulative sum): the stops use up the longer
    bands first. Band-major arrays keep every step a sweep over contiguous rows.
    """
    import numpy as np  # noqa: PLC0415 - numpy is optional

    at_least = np.cumsum(x[::-1], axis=0)[::-1]
    np.subtract(at_least, stops, out=at_least)
    np.maximum(at_least, 0.0, out=at_least)
    return np.minimum(x, at_least, out=at_least)


def _proportional(
    x: FloatArray, stops: FloatArray, weights: FloatArray, order: npt.NDArray[np.intp]
) -> FloatArray:
    """Remove *stops* from each band in proportion to its size times its weight.

    Band *i* gives ``x_i * min(1, k w_i)``, with *k* chosen so that the stops add up: a band
    cannot give more than it holds, and what it cannot give the others give ("water
    filling"). With the bands sorted by weight, largest first, and the first *j* emptied,
    ``k_j = (stops - emptied_j) / sum_{i >= j} x_i w_i``; the answer is the first *j* at
    which band *j* is not emptied, ``k_j w_j <= 1``: three cumulative sums. Arrays are
    (bands, lists); *order* sorts each column of *weights* largest first (the weights do not
    change, so it is sorted once).
    """
    import numpy as np  # noqa: PLC0415 - numpy is optional

    b = np.take_along_axis(x, order, axis=0)
    w = np.take_along_axis(weights, order, axis=0)
    available = np.where(w > 0, b, 0.0).sum(axis=0)
    emptied = np.cumsum(b, axis=0) - b
    rest = np.cumsum((b * w)[::-1], axis=0)[::-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        k = (stops - emptied) / rest
        fits = (rest > 0) & (k * w <= 1.0)
    first = np.argmax(fits, axis=0)
    k_list = np.take_along_axis(k, first[np.newaxis, :], axis=0)
    with np.errstate(invalid="ignore"):  # a list with nothing to give: replaced below
        taken = np.minimum(1.0, k_list * weights)
    everything = (stops >= available) | ~fits.any(axis=0)
    taken[:, everything] = (weights[:, everything] > 0).astype(np.float64)
    return x * (1.0 - taken)


def _age(x: FloatArray, starts: FloatArray) -> None:
    """Age (bands, lists) *x* a week in place: band 103 joins band 104, *starts* fill band 0."""
    x[-1] += x[-2]
    x[1:-1] = x[:-2]  # numpy copies overlapping slices safely
    x[0] = starts


def age(bands: FloatArray, starts: FloatArray) -> FloatArray:
    """The bands one week later with no stops: every band ages a week, *starts* join band 0.

    Args:
        bands: (lists, 105) counts.
        starts: clock starts in the week, one per list.

    Returns:
        A new (lists, 105) array.
    """
    import numpy as np  # noqa: PLC0415 - numpy is optional

    x = np.array(bands, dtype=np.float64).T.copy()
    _age(x, starts)
    return x.T.copy()


def project(
    snapshot: Sequence[float] | FloatArray,
    *,
    start: Month,
    months: int,
    starts: float | Sequence[float] | FloatArray,
    stops: float | Sequence[float] | FloatArray,
    rule: StopRule = StopRule.LONGEST_FIRST,
    weights: Sequence[float] | FloatArray | None = None,
) -> Projection:
    """Project waiting lists month by month from a snapshot by weeks waited.

    Args:
        snapshot: the pathways waiting at *start*'s month end by weekly band, 105 counts (band
            0 first), or one row of 105 per list.
        start: the snapshot's month.
        months: how many months to project, 1 to 240.
        starts: clock starts (new RTT periods) a month: one number, one per month, one per
            list, or a (lists, months) array.
        stops: clock stops (completed pathways and other removals) a month, shaped as
            *starts*.
        rule: which pathways a stop takes.
        weights: for :attr:`StopRule.PROPORTIONAL`, a weight per band (or per list and band);
            default 1 for every band (stops in proportion to band sizes).

    Returns:
        The projection: per list and month, the pathways waiting, within 18 weeks and over
        52/65/78/104 weeks.

    Raises:
        InvalidValueError: a snapshot that is not 105 counts, a negative or non-finite count,
            flows that do not fit the lists and months, or *months* out of range.
        MissingDependencyError: numpy is not installed (``pip install "nhsplan[numpy]"``).
    """
    require_numpy("nhsplan.waiting.project")
    import numpy as np  # noqa: PLC0415 - numpy is optional

    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= _MAX_MONTHS:
        raise InvalidValueError(
            f"{months!r} is not a whole number of months from 1 to {_MAX_MONTHS}",
            field="months",
            example="16 (November 2024 to March 2026)",
        )
    bands = _as_bands(snapshot)
    lists = bands.shape[0]
    monthly_starts = _flows("starts", starts, lists, months)
    monthly_stops = _flows("stops", stops, lists, months)
    rule = StopRule(rule)
    w = _weights(1.0 if weights is None else weights, lists).T.copy()
    order = np.argsort(-w, axis=0, kind="stable")
    weeks = month_weeks(start, months)
    total = np.empty((lists, months))
    within = np.empty((lists, months))
    over: dict[int, FloatArray] = {n: np.empty((lists, months)) for n in LONG_WAITS}
    x = bands.T.copy()  # (bands, lists): each weekly step sweeps contiguous rows
    for m, n_weeks in enumerate(weeks):
        week_starts = monthly_starts[:, m] / n_weeks
        week_stops = monthly_stops[:, m] / n_weeks
        for _ in range(n_weeks):
            _age(x, week_starts)
            if rule is StopRule.LONGEST_FIRST:
                x = _longest_first(x, week_stops)
            else:
                x = _proportional(x, week_stops, w, order)
        total[:, m] = x.sum(axis=0)
        within[:, m] = x[:WITHIN].sum(axis=0)
        for n, counts in over.items():
            counts[:, m] = x[n:].sum(axis=0)
    bands = x.T.copy()
    projected, month = [], start
    for _ in range(months):
        month = month.next()
        projected.append(month)
    return Projection(
        start=start,
        months=tuple(projected),
        total=total,
        within_18=within,
        over=over,
        final=bands,
    )


def calibrate_weights(
    earlier: Sequence[float] | FloatArray,
    later: Sequence[float] | FloatArray,
    *,
    weeks: int,
    starts: float,
) -> FloatArray:
    """Weights per band for :attr:`StopRule.PROPORTIONAL`, from two snapshots *weeks* apart.

    The earlier bands are aged *weeks* weeks with the clock starts spread evenly and no stops;
    what the later snapshot lacks in each band was removed, and the weight of a band is the
    share of its aged pathways removed (NHSRtt's calibration of removal rates by weeks
    waited, from consecutive published months, with one removal rate where NHSRtt keeps
    treatment and "reneging" apart). A band with nothing to remove from gets the weight of the
    nearest band below that has one. Weights are relative: only their ratios matter.

    Args:
        earlier: the 105 bands of the earlier snapshot.
        later: the 105 bands of the later snapshot.
        weeks: the weeks between them (4 or 5 for consecutive months, see :func:`month_weeks`).
        starts: the clock starts between them (in all, not a week).

    Returns:
        105 weights, at least 0.

    Raises:
        InvalidValueError: snapshots that are not 105 counts, or *weeks* less than 1.
        MissingDependencyError: numpy is not installed (``pip install "nhsplan[numpy]"``).
    """
    require_numpy("nhsplan.waiting.calibrate_weights")
    import numpy as np  # noqa: PLC0415 - numpy is optional

    if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1:
        raise InvalidValueError(
            f"{weeks!r} is not a whole number of weeks of at least 1",
            field="weeks",
            example="4 (consecutive months)",
        )
    a, b = _as_bands(earlier), _as_bands(later)
    if a.shape[0] != 1 or b.shape[0] != 1:
        raise InvalidValueError(
            "calibrates one list at a time", field="earlier", example=_SNAPSHOT_EXAMPLE
        )
    aged = a
    for _ in range(weeks):
        aged = age(aged, np.array([starts / weeks]))
    expected, observed = aged[0], b[0]
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = np.where(expected > 0, np.clip(expected - observed, 0.0, None) / expected, np.nan)
    known = np.flatnonzero(~np.isnan(rates))
    if known.size == 0:
        return np.ones(BANDS)
    # Fill a band with no pathways from the nearest known band below (or above, at the start).
    fill = np.maximum.accumulate(np.where(~np.isnan(rates), np.arange(BANDS), -1))
    fill = np.where(fill < 0, known[0], fill)
    return rates[fill]
