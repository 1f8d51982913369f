"""Judge one target for many organisations at once: whole columns of figures, with numpy.

:func:`evaluate_batch` takes the figures of one period as arrays — numerators and
denominators for a proportion, or values already in the required unit — and gives every row
the status, observed figure and margin that :func:`nhsplan.evaluate.evaluate` would give it
one by one, to the last bit. It is meant for a national data set (every trust's month of
figures) in a notebook or a scheduled job.

>>> from datetime import date
>>> from nhsplan.catalog import load_guidance
>>> fds = load_guidance("2021/22").target("cancer_faster_diagnosis_standard")
>>> result = evaluate_batch(fds, as_of=date(2022, 1, 20), orgs=["RBD", "RXX", "RYY"],
...                         numerators=[750, 742, float("nan")],
...                         denominators=[1000, 1000, float("nan")])
>>> str(result.period), str(result.required)
('2021-12', '75 %')
>>> tuple(s.value for s in result.statuses())
('met', 'not_met', 'no_data')
>>> result.observed.tolist()[:2], result.margin.tolist()[:2]
([75.0, 74.2], [0.0, -0.7999999999999972])

The rules that do not depend on the figure itself — the period judged, whether the target is
in force or due, whether it applies to the organisations' type — are settled once for the
whole column by :func:`~nhsplan.evaluate.evaluate` itself, so the two paths cannot disagree;
only the arithmetic and the comparison are vectorised.

numpy is an optional dependency (the ``numpy`` extra) and pandas, for
:func:`evaluate_frame`, another: both are imported when these functions are called, never
when this module is imported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs

from nhsplan import units
from nhsplan._enums import AROUND_TOLERANCE, Comparison, Status
from nhsplan._judges_kinds import judged_by_evaluate
from nhsplan._judging import judged_period, judgement_of, last_day_judged
from nhsplan.calendar import Month, Period
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.evaluate import evaluate
from nhsplan.model import (
    Assessment,
    BaselineTarget,
    EliminationTarget,
    Judgement,
    MilestoneTarget,
    Observation,
    OrgType,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.model._inputs import to_as_of, to_code
from nhsplan.units import quantity

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import ArrayLike, NDArray

    Figures: TypeAlias = ArrayLike | Sequence[float | None]
    """A column of figures: a numpy array, a pandas Series, a list (None or NaN: missing)."""

__all__ = ["STATUSES", "BatchResult", "evaluate_batch", "evaluate_frame"]

STATUSES: Final[tuple[Status, ...]] = tuple(Status)
"""The statuses in code order: ``BatchResult.status`` holds indexes into this tuple.

>>> STATUSES[0], STATUSES[1]
(<Status.MET: 'met'>, <Status.NOT_MET: 'not_met'>)
"""

_CODE: Final[Mapping[Status, int]] = MappingProxyType(
    {status: code for code, status in enumerate(STATUSES)}
)
_MET: Final = _CODE[Status.MET]
_NOT_MET: Final = _CODE[Status.NOT_MET]
assert (_MET, _NOT_MET) == (0, 1)  # a boolean "missed" array is then the status codes

_STAND_IN: Final = "BATCH"
"""The organisation code of the stand-in figure used to settle the column-wide rules."""

_RATIO_EXAMPLE: Final = "numerators=[875, 742], denominators=[1000, 1000]"


def _frozen(array: NDArray[np.generic]) -> None:
    array.flags.writeable = False


@attrs.frozen(kw_only=True, eq=False)
class BatchResult:
    """The assessments of one target for many organisations, as arrays (one row each).

    Row *i* holds what :func:`~nhsplan.evaluate.evaluate` gives for the figure in row *i* of
    the input. The arrays are read-only. Results compare by identity (arrays have no single
    truth value); compare their arrays with numpy.

    Attributes:
        target: the target id.
        as_of: the date assessed.
        period: the period judged, where the figures reached it (None if, for instance, the
            target was not yet in force).
        required: the level required, in the unit of ``observed`` and ``margin`` (None where
            nothing is asked, or no figure reached the comparison).
        status: ``int8`` codes, indexes into :data:`STATUSES`; see :meth:`statuses`.
        observed: the figure judged, in ``required``'s unit (``100 * numerator /
            denominator`` per cent for a proportion); NaN where no figure was judged.
        margin: observed minus required, signed so that positive is better; NaN where no
            figure was judged.
        orgs: the organisation codes, row by row, if given.
    """

    target: str
    as_of: date
    period: Period | None
    required: units.Quantity | None
    status: NDArray[np.int8]
    observed: NDArray[np.float64]
    margin: NDArray[np.float64]
    orgs: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self.status)

    @property
    def unit(self) -> str | None:
        """The unit of ``observed``, ``margin`` and ``required``."""
        return None if self.required is None else self.required.unit

    @property
    def met(self) -> NDArray[np.bool_]:
        """True in the rows whose status is MET."""
        out: NDArray[np.bool_] = self.status == _MET
        return out

    def statuses(self) -> list[Status]:
        """The status of each row, as :class:`~nhsplan.model.Status` members."""
        return [STATUSES[code] for code in self.status.tolist()]

    def counts(self) -> dict[Status, int]:
        """How many rows have each status (every status is a key, zero included)."""
        import numpy as np  # noqa: PLC0415 - numpy is an optional extra

        tally = np.bincount(self.status, minlength=len(STATUSES)).tolist()
        return {status: int(tally[code]) for code, status in enumerate(STATUSES)}


# --- the column-wide rules, settled by evaluate() itself ------------------------------------------


def _default_period(target: Target, as_of: date) -> Period:
    """The period evaluate() judges: the deadline month or year, else the last full month."""
    period = judged_period(target, (), as_of=as_of)
    if period is not None:
        return period
    last = last_day_judged(target, as_of)
    month = Month.containing(last)
    return month if last >= month.end else month.previous()


def _own_unit(
    target: ThresholdTarget | TrajectoryTarget | EliminationTarget | WithinTimeTarget,
) -> str:
    if isinstance(target, EliminationTarget):
        return target.unit
    if isinstance(target, TrajectoryTarget):
        return target.points[0].value.unit
    return target.value.unit


@attrs.frozen(kw_only=True)
class _Column:
    """What evaluate() says of any figure for the period, and of a missing one."""

    present: Assessment
    """The assessment of a stand-in figure: it reached the comparison if ``observed`` is set."""
    missing: Status
    """The status of a row without a figure."""

    @property
    def live(self) -> bool:
        """True if figures for the period are compared with the required level."""
        return self.present.observed is not None


def _column(
    target: ThresholdTarget | TrajectoryTarget | EliminationTarget | WithinTimeTarget,
    *,
    period: Period,
    as_of: date,
    org_type: OrgType | None,
    ratio: bool,
) -> _Column:
    """Ask evaluate() about a stand-in figure for *period* (1 of 1, or 0) and about none.

    Whatever it decides before comparing a figure (not applicable, not due, no figure for a
    period not ended) holds for every row; if it compared the stand-in, every row is compared.
    """
    assert target.metric is not None  # every kind judged here names its metric
    if ratio:
        stand_in = Observation(
            org=_STAND_IN, metric=target.metric, period=period, numerator=1, denominator=1
        )
    else:
        stand_in = Observation(
            org=_STAND_IN, metric=target.metric, period=period, value=quantity(0, _own_unit(target))
        )
    present = evaluate(target, [stand_in], as_of=as_of, org=_STAND_IN, org_type=org_type)
    missing = evaluate(target, [], as_of=as_of, org=_STAND_IN, org_type=org_type)
    return _Column(present=present, missing=missing.status)


# --- validation -----------------------------------------------------------------------------------


def _column_array(data: Figures, name: str) -> NDArray[np.float64]:
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    try:
        array = np.asarray(data, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidObservationError(
            f"cannot read the {name} as numbers (missing figures are NaN or None)",
            field=name,
            example=_RATIO_EXAMPLE if name != "values" else "values=[0, 3, float('nan')]",
        ) from None
    if array.ndim != 1:
        raise InvalidObservationError(
            f"the {name} must be one column (got an array of shape {array.shape})",
            field=name,
            example=_RATIO_EXAMPLE if name != "values" else "values=[0, 3, float('nan')]",
        )
    return array


def _where(index: int, orgs: tuple[str, ...] | None) -> str:
    return f"row {index}, {orgs[index]}" if orgs is not None else f"row {index}"


def _ratio_error(
    index: int, numerator: float, denominator: float, orgs: tuple[str, ...] | None
) -> InvalidObservationError:
    """The error :class:`~nhsplan.model.Observation` raises for this row, checked in its order."""
    where = _where(index, orgs)
    example = "numerator=875, denominator=1000"
    for field, value in (("numerators", numerator), ("denominators", denominator)):
        if math.isinf(value):
            return InvalidObservationError(
                f"{value!r} is not a finite number ({where})",
                field=f"{field}[{index}]",
                example="120",
            )
        if value < 0:
            return InvalidObservationError(
                f"a count cannot be negative (got {value!r}) ({where})",
                field=f"{field}[{index}]",
                example="120",
            )
    if math.isnan(numerator) or math.isnan(denominator):
        return InvalidObservationError(
            f"numerator and denominator come together ({where}); a missing figure has both NaN",
            field=f"{'numerators' if math.isnan(numerator) else 'denominators'}[{index}]",
            example=example,
        )
    if denominator == 0:
        return InvalidObservationError(
            f"the denominator is zero ({where})", field=f"denominators[{index}]", example=example
        )
    return InvalidObservationError(
        f"numerator {numerator:g} is above denominator {denominator:g} ({where})",
        field=f"numerators[{index}]",
        example=example,
    )


def _percentages(
    numerators: NDArray[np.float64], denominators: NDArray[np.float64], orgs: tuple[str, ...] | None
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """``100 * numerator / denominator`` row by row, and where both are missing (NaN).

    Raises:
        InvalidObservationError: for the first row Observation would refuse.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    missing = np.isnan(numerators)
    missing &= np.isnan(denominators)
    # NaN fails every comparison, so `ok` is False for missing rows as well as for bad ones.
    ok = numerators >= 0
    ok &= numerators <= denominators
    ok &= denominators > 0
    ok &= denominators < np.inf
    ok |= missing
    if not ok.all():
        index = int(np.argmin(ok))
        raise _ratio_error(index, float(numerators[index]), float(denominators[index]), orgs)
    percent = 100 * numerators
    percent /= denominators  # the same two roundings as Observation.amount
    return percent, missing


def _values(values: NDArray[np.float64], orgs: tuple[str, ...] | None) -> NDArray[np.bool_]:
    """Where the values are missing (NaN).

    Raises:
        InvalidObservationError: for the first infinite value.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    infinite = np.isinf(values)
    if infinite.any():
        index = int(np.argmax(infinite))
        raise InvalidObservationError(
            f"{float(values[index])!r} is not a finite number ({_where(index, orgs)})",
            field=f"values[{index}]",
            example="values=[0, 3, float('nan')]",
        )
    missing: NDArray[np.bool_] = np.isnan(values)
    return missing


# --- the batch ------------------------------------------------------------------------------------


def _check_target(
    target: Target,
) -> ThresholdTarget | TrajectoryTarget | EliminationTarget | WithinTimeTarget:
    if judged_by_evaluate(target):
        raise InvalidValueError(
            f"{target.id!r} is judged over several periods, per head of population or as a "
            "reach, which evaluate_batch does not judge from one figure per organisation; use "
            "evaluate()",
            field="target",
            example="a threshold, trajectory, elimination or within-time target",
        )
    if isinstance(target, BaselineTarget | MilestoneTarget):
        raise InvalidValueError(
            f"{target.id!r} is a {target.KIND} target, which evaluate_batch does not judge "
            "(its level depends on each organisation's own figures or evidence); use evaluate()",
            field="target",
            example="a threshold, trajectory, elimination or within-time target",
        )
    return target


def _inputs(
    numerators: Figures | None, denominators: Figures | None, values: Figures | None
) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
    ratio = numerators is not None or denominators is not None
    if ratio == (values is not None) or (ratio and (numerators is None or denominators is None)):
        given = [
            name
            for name, data in (
                ("numerators", numerators),
                ("denominators", denominators),
                ("values", values),
            )
            if data is not None
        ]
        raise InvalidObservationError(
            "give numerators and denominators, or values "
            f"(got {', '.join(given) if given else 'none of them'})",
            field="numerators" if ratio else "values",
            example=f"{_RATIO_EXAMPLE}, or values=[0, 3]",
        )
    if values is not None:
        return _column_array(values, "values"), None
    assert numerators is not None
    assert denominators is not None
    top = _column_array(numerators, "numerators")
    bottom = _column_array(denominators, "denominators")
    if len(top) != len(bottom):
        raise InvalidObservationError(
            f"{len(top)} numerators but {len(bottom)} denominators",
            field="denominators",
            example=_RATIO_EXAMPLE,
        )
    return top, bottom


def evaluate_batch(
    target: Target,
    *,
    as_of: date,
    numerators: Figures | None = None,
    denominators: Figures | None = None,
    values: Figures | None = None,
    orgs: Sequence[str] | None = None,
    period: Period | None = None,
    org_type: OrgType | None = None,
) -> BatchResult:
    """Judge *target* for a column of figures of one period, as evaluate() would row by row.

    Row *i* gets exactly what ``evaluate(target, [figure_i], as_of=as_of, org=orgs[i],
    org_type=org_type)`` gives, where ``figure_i`` is an Observation for *period* made of
    row *i*'s numerator and denominator, or value; a row whose figures are NaN (or None)
    gets what evaluate() gives with no figure (NO_DATA, once the target is due).

    Args:
        target: a threshold, trajectory, elimination or (pre-aggregated) within-time target.
        as_of: the date assessed.
        numerators: for a proportion, what is counted on top, row by row.
        denominators: what it is counted out of; with *numerators*, never with *values*.
        values: figures already in the required unit (a count of 52-week waits, a percentage).
        orgs: the organisation codes, row by row, carried into the result and error messages.
            A tuple is kept as it is; any other sequence is copied into one (for a million
            codes that copy costs more than the evaluation itself).
        period: the period the figures are for. By default the period evaluate() judges on
            *as_of*: the deadline's month, the financial year for targets judged over a year,
            else the last calendar month that ended on or before *as_of*. For a year judged
            before it ends, give the year-to-date figures (numerators and denominators summed)
            with the last month they cover.
        org_type: the organisations' type; a target that asks nothing of it gives
            NOT_APPLICABLE in every row.

    Returns:
        A :class:`BatchResult`, one row per figure.

    Raises:
        InvalidObservationError: the first row Observation would refuse (a negative count, a
            zero denominator, a numerator above its denominator, an infinite figure, one of a
            numerator and denominator missing), or columns of different lengths.
        InvalidValueError: a baseline or milestone target (use evaluate()).
        UnitMismatchError: figures that cannot be converted to the required unit.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    as_of = to_as_of(as_of)
    judged_target = _check_target(target)
    first, second = _inputs(numerators, denominators, values)
    org_codes = None if orgs is None else tuple(to_code(o) for o in orgs)
    if org_codes is not None and len(org_codes) != len(first):
        raise InvalidObservationError(
            f"{len(org_codes)} organisations for {len(first)} figures",
            field="orgs",
            example="orgs=['RBD', 'RXX'] with two figures",
        )
    if second is not None:
        observed, missing = _percentages(first, second, org_codes)
    else:
        observed, missing = first.copy(), _values(first, org_codes)
    column = _column(
        judged_target,
        period=_default_period(judged_target, as_of) if period is None else period,
        as_of=as_of,
        org_type=org_type,
        ratio=second is not None,
    )
    if not column.live:
        status = np.full(len(first), _CODE[column.present.status], dtype=np.int8)
        status[missing] = _CODE[column.missing]
        blank = np.full(len(first), np.nan)
        return _result(
            judged_target,
            as_of=as_of,
            present=column.present,
            status=status,
            observed=blank,
            margin=blank.copy(),
            orgs=org_codes,
        )
    required = column.present.required
    assert required is not None  # set whenever a figure was compared
    if second is not None:
        factor = quantity(1.0, "percent").to(required.unit).magnitude
        if factor != 1.0:
            observed *= factor  # what pint's .to() does: one multiplication by the factor
    status, margin = _compare(judged_target.comparison, observed, required.magnitude)
    if _partial(judged_target, column.present, as_of):
        # a year's total before the year ends: only "already met" or "already missed" stand
        stands = status == (_MET if judged_target.comparison.higher_is_better else _NOT_MET)
        status[~stands] = _CODE[Status.NOT_DUE]
    status[missing] = _CODE[column.missing]
    return _result(
        judged_target,
        as_of=as_of,
        present=column.present,
        status=status,
        observed=observed,
        margin=margin,
        orgs=org_codes,
    )


def _compare(
    comparison: Comparison, observed: NDArray[np.float64], required: float
) -> tuple[NDArray[np.int8], NDArray[np.float64]]:
    """Status codes (MET or NOT_MET) and margins, as evaluate's _compare does them."""
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    if comparison is Comparison.AT_LEAST:
        missed = observed < required
    elif comparison in (Comparison.AT_MOST, Comparison.UP_TO):
        missed = observed > required
    elif comparison is Comparison.ABOVE:
        missed = observed <= required
    elif comparison is Comparison.AROUND:
        missed = ~(np.abs(observed - required) <= AROUND_TOLERANCE * abs(required))
    else:
        missed = observed >= required
    # NaN (a missing row) compares False either way; its status is overwritten by the caller.
    margin: NDArray[np.float64]
    if comparison is Comparison.AROUND:
        margin = AROUND_TOLERANCE * abs(required) - np.abs(observed - required)
    elif comparison.higher_is_better:
        margin = observed - required
    else:
        margin = required - observed
    status: NDArray[np.int8] = missed.view(np.int8)  # False -> MET (0), True -> NOT_MET (1)
    return status, margin


def _partial(target: Target, present: Assessment, as_of: date) -> bool:
    period = present.period
    return (
        judgement_of(target) is Judgement.PERIOD_TOTAL and period is not None and as_of < period.end
    )


def _result(
    target: Target,
    *,
    as_of: date,
    present: Assessment,
    status: NDArray[np.int8],
    observed: NDArray[np.float64],
    margin: NDArray[np.float64],
    orgs: tuple[str, ...] | None,
) -> BatchResult:
    for array in (status, observed, margin):
        _frozen(array)
    return BatchResult(
        target=target.id,
        as_of=as_of,
        period=present.period,
        required=present.required,
        status=status,
        observed=observed,
        margin=margin,
        orgs=orgs,
    )


# --- pandas ---------------------------------------------------------------------------------------


def evaluate_frame(
    target: Target,
    frame: pd.DataFrame,
    *,
    as_of: date,
    period: Period | None = None,
    org_type: OrgType | None = None,
) -> pd.DataFrame:
    """Judge *target* for each row of *frame*, as :func:`evaluate_batch` does.

    Args:
        target: as for :func:`evaluate_batch`.
        frame: one row per organisation, with columns ``numerator`` and ``denominator``, or
            ``value``; an ``org`` column, if present, names a bad row in the error.
            Missing figures (NaN, None, ``pd.NA``) give NO_DATA.
        as_of: the date assessed.
        period: the period the figures are for (default as in :func:`evaluate_batch`).
        org_type: the organisations' type.

    Returns:
        A copy of *frame* with four columns added (or replaced): ``status`` (categorical,
        the :class:`~nhsplan.model.Status` values: ``"met"``, ``"not_met"`` ...),
        ``observed``, ``required`` and ``margin`` (floats in the required unit; NaN where
        there is none). *frame* is not changed.

    Raises:
        InvalidObservationError: no figure columns, a row with both a value and a numerator
            or denominator, or any error :func:`evaluate_batch` raises.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra
    import pandas as pd  # noqa: PLC0415 - pandas is an optional extra

    as_of = to_as_of(as_of)

    def column(name: str) -> NDArray[np.float64]:
        out: NDArray[np.float64] = frame[name].to_numpy(dtype=np.float64, na_value=np.nan)
        return out

    has_ratio = "numerator" in frame.columns or "denominator" in frame.columns
    has_value = "value" in frame.columns
    numerators = column("numerator") if "numerator" in frame.columns else None
    denominators = column("denominator") if "denominator" in frame.columns else None
    values = column("value") if has_value else None
    if has_ratio and values is not None:
        ratio_rows = np.zeros(len(frame), dtype=bool)
        for part in (numerators, denominators):
            if part is not None:
                ratio_rows |= ~np.isnan(part)
        both = ratio_rows & ~np.isnan(values)
        if both.any():
            index = int(np.argmax(both))
            raise InvalidObservationError(
                f"give a value or a numerator and denominator, not both (row {index})",
                field="value",
                example="value='87.5 %' or numerator=875, denominator=1000",
            )
        if ratio_rows.any():
            if not np.isnan(values).all():
                index = int(np.argmax(~np.isnan(values)))
                raise InvalidObservationError(
                    f"rows with values and rows with numerators and denominators cannot be "
                    f"judged together (row {index} has a value)",
                    field="value",
                    example="one form for every row of the frame",
                )
            values = None
        else:
            numerators = denominators = None
    if numerators is None and denominators is None and values is None:
        raise InvalidObservationError(
            f"the frame has no figure columns (columns: {', '.join(map(str, frame.columns))})",
            field="frame",
            example="columns org, numerator, denominator; or org, value",
        )

    def judge(orgs: Sequence[str] | None) -> BatchResult:
        return evaluate_batch(
            target,
            as_of=as_of,
            numerators=numerators,
            denominators=denominators,
            values=values,
            orgs=orgs,
            period=period,
            org_type=org_type,
        )

    try:
        result = judge(None)
    except InvalidObservationError:
        if "org" not in frame.columns:
            raise
        # the org codes only name the bad row: read them on this path alone
        judge([str(code) for code in frame["org"]])
        raise
    required = np.nan if result.required is None else result.required.magnitude
    return frame.assign(
        status=pd.Categorical.from_codes(
            result.status, dtype=pd.CategoricalDtype([status.value for status in STATUSES])
        ),
        observed=result.observed,
        required=np.full(len(result), required),
        margin=result.margin,
    )
