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
whole column by the decision core (:func:`~nhsplan.evaluate.decide.decide`), and the column is
compared by the core's own rules (:func:`~nhsplan.evaluate.compare.column_on`: the status
:func:`~nhsplan.evaluate.compare.verdict_on` gives a figure that meets and one that misses,
spread over the column by :meth:`~nhsplan.model.Comparison.holds`), so the paths cannot
disagree.

A pandas DataFrame is judged by :func:`evaluate_frame`
(:mod:`nhsplan.evaluate.batch_frame`, importable from here too). numpy is an optional
dependency (the ``numpy`` extra) and pandas another: both are imported when these functions
are called, never when this module is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, TypeAlias, TypeVar

import attrs

from nhsplan import units
from nhsplan.calendar import Month, Period
from nhsplan.errors import InvalidObservationError, InvalidValueError
from nhsplan.evaluate import _batch_inputs
from nhsplan.evaluate.compare import column_on
from nhsplan.evaluate.decide import Decision, decide
from nhsplan.evaluate.kinds import evaluate_only
from nhsplan.evaluate.verdict import last_day_judged, period_judged
from nhsplan.model import (
    BaselineTarget,
    EliminationTarget,
    MilestoneTarget,
    OrgType,
    Target,
    ThresholdTarget,
    TrajectoryTarget,
    WithinTimeTarget,
)
from nhsplan.model._inputs import to_as_of
from nhsplan.model._org_codes import Codes, read_codes
from nhsplan.model.enums import Status
from nhsplan.model.organisations import ENGLAND
from nhsplan.units import quantity

if TYPE_CHECKING:
    import numpy as np
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
_A = TypeVar("_A", bound="NDArray[np.generic]")


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
        orgs: the organisation codes, row by row, if given: a read-only numpy ``U`` array
            where they were given as a numpy string array (a view of the array given, where
            that was a read-only ``U`` array needing no change; else a copy), else a tuple
            of str.
    """

    target: str
    as_of: date
    period: Period | None
    required: units.Quantity | None
    status: NDArray[np.int8]
    observed: NDArray[np.float64]
    margin: NDArray[np.float64]
    orgs: Codes | None = None

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


# --- the column-wide rules, settled by the decision core -----------------------------------------


def _default_period(target: Target, as_of: date) -> Period:
    """The period evaluate() judges: the deadline month or year, else the last full month."""
    period = period_judged(target, (), as_of=as_of)
    if period is not None:
        return period
    last = last_day_judged(target, as_of)
    month = Month.containing(last)
    return month if last >= month.end else month.previous()


@attrs.frozen(kw_only=True)
class _Column:
    """What the decision core settles for every row: with a figure for the period, and without."""

    present: Decision
    """The decision for a row with a figure: compared if it has a level."""
    missing: Decision
    """The decision for a row without a figure (always fixed)."""


def _column(
    target: Target, *, period: Period, as_of: date, org_type: OrgType | None, national: bool
) -> _Column:
    """The decisions for a row of *period* with a figure and without one.

    Whatever the core decides before comparing a figure (not applicable, not due, no figure
    for a period not ended) holds for every row; where it reaches a level, every row with a
    figure is compared with it. No organisation is named: the decision depends only on the
    period present, the organisations' type and whether they are England.
    """
    return _Column(
        present=decide(target, [period], as_of=as_of, org_type=org_type, national=national),
        missing=decide(target, [], as_of=as_of, org_type=org_type, national=national),
    )


# --- the batch ------------------------------------------------------------------------------------


def _check_target(
    target: Target,
) -> ThresholdTarget | TrajectoryTarget | EliminationTarget | WithinTimeTarget:
    if evaluate_only(target):
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


def evaluate_batch(
    target: Target,
    *,
    as_of: date,
    numerators: Figures | None = None,
    denominators: Figures | None = None,
    values: Figures | None = None,
    orgs: Sequence[str] | NDArray[np.str_] | NDArray[np.bytes_] | None = None,
    period: Period | None = None,
    org_type: OrgType | None = None,
) -> BatchResult:
    """Judge *target* for a column of figures of one period, as evaluate() would row by row.

    Row *i* gets exactly what ``evaluate(target, [figure_i], as_of=as_of, org=orgs[i],
    org_type=org_type)`` gives, where ``figure_i`` is an Observation for *period* made of
    row *i*'s numerator and denominator, or value; a row whose figures are NaN (or None)
    gets what evaluate() gives with no figure: NO_DATA where the target asks something on
    *as_of* (a level asked *by* a later date included: only a figure short of it is NOT_DUE),
    the fixed status (NOT_DUE, NOT_APPLICABLE, ...) where it does not.

    Args:
        target: a threshold, trajectory, elimination or (pre-aggregated) within-time target.
        as_of: the date assessed.
        numerators: for a proportion, what is counted on top, row by row.
        denominators: what it is counted out of; with *numerators*, never with *values*.
        values: figures already in the required unit (a count of 52-week waits, a percentage).
        orgs: the organisation codes, row by row, carried into the result and error messages,
            each read as :class:`~nhsplan.model.Observation` reads its ``org`` (any case,
            stored upper case in ASCII only; ``E92000001`` is ``ENGLAND``). A numpy string
            array (dtype ``U``, or ``S`` read as ASCII) is checked without a Python step per
            code and kept as a read-only ``U`` array: the fastest form for a million codes.
            A writable array is copied (the result never changes when it does); a read-only
            ``U`` array of codes as stored is kept as a view of itself, with no copy.
            A list, tuple, object array or pandas Series is checked on its joined text and
            kept as a tuple (a tuple that needs no change as it is; copying a million codes
            into a tuple costs about as much as the evaluation itself).
        period: the period the figures are for. By default the period evaluate() judges on
            *as_of*: the deadline's month, the financial year for targets judged over a year,
            else the last calendar month that ended on or before *as_of* (or on or before the
            target's last day in force, where that came first). For a year judged before it
            ends, give the year-to-date figures (numerators and denominators summed) with the
            last month they cover.
        org_type: the organisations' type; a target that asks nothing of it gives
            NOT_APPLICABLE in every row.

    Returns:
        A :class:`BatchResult`, one row per figure.

    Raises:
        InvalidObservationError: the first row Observation would refuse (a negative count, a
            zero denominator, a numerator above its denominator, an infinite figure, one of a
            numerator and denominator missing), or columns of different lengths.
        InvalidValueError: a baseline or milestone target (use evaluate()); a code that is
            not an organisation code, naming it and its row (``orgs[3]``).
        UnitMismatchError: figures that cannot be converted to the required unit.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    as_of = to_as_of(as_of)
    judged_target = _check_target(target)
    first, second = _batch_inputs.inputs(numerators, denominators, values)
    org_codes, has_england = (None, False) if orgs is None else read_codes(orgs)
    if org_codes is not None and len(org_codes) != len(first):
        raise InvalidObservationError(
            f"{len(org_codes)} organisations for {len(first)} figures",
            field="orgs",
            example="orgs=['RBD', 'RXX'] with two figures",
        )
    if second is not None:
        observed, missing = _batch_inputs.percentages(first, second, org_codes)
    else:
        observed, missing = first.copy(), _batch_inputs.values(first, org_codes)
    if period is None:
        period = _default_period(judged_target, as_of)
    england = (
        _england(org_codes)
        if org_codes is not None and has_england and org_type is not OrgType.NATIONAL
        else None
    )
    # England's rows judged apart: two parts of one array; else the comparison's own arrays
    status = None if england is None else np.empty(len(first), dtype=np.int8)
    margin = None if england is None else np.full(len(first), np.nan)
    required = None
    columns = [
        (
            _column(
                judged_target,
                period=period,
                as_of=as_of,
                org_type=org_type,
                national=org_type is OrgType.NATIONAL,
            ),
            None if england is None else ~england,
        )
    ]
    if england is not None:
        columns.append(
            (
                _column(
                    judged_target, period=period, as_of=as_of, org_type=org_type, national=True
                ),
                england,
            )
        )
    judged_period: Period | None = None
    for column, rows in columns:
        level = column.present.level
        # every row (a slice: no copy of a whole column through a mask), or England's or not
        part: slice | NDArray[np.bool_] = slice(None) if rows is None else rows
        present = not missing.all() if rows is None else bool((rows & ~missing).any())
        if level is None:
            assert column.present.status is not None  # a decision without a level is fixed
            status = _fill(status, part, _CODE[column.present.status], len(first))
            observed[part] = np.nan  # nothing was judged: no observed figure, as evaluate()
        else:
            if second is not None:
                factor = quantity(1.0, "percent").to(level.required.unit).magnitude
                if factor != 1.0:
                    observed[part] *= factor  # what pint's .to() does: one multiplication
            compared_status, compared = column_on(level, observed[part])
            status = _put(status, part, compared_status)
            margin = _put(margin, part, compared)
            if present:
                required = level.required
        assert column.missing.status is not None  # no figure: always a fixed decision
        np.copyto(
            status, _CODE[column.missing.status], where=missing if rows is None else rows & missing
        )
        # the period judged: where a row had a figure, the decision's; else the no-figure one's
        judged = column.present if present else column.missing
        judged_period = judged_period or judged.period
    assert status is not None  # one column at least
    return _result(
        judged_target,
        as_of=as_of,
        period=judged_period,
        required=required,
        status=status,
        observed=observed,
        # nothing compared: no margin, as evaluate() gives
        margin=np.full(len(first), np.nan) if margin is None else margin,
        orgs=org_codes,
    )


def _put(whole: _A | None, part: slice | NDArray[np.bool_], values: _A) -> _A:
    """*values* put in the rows *part* of *whole*; with no *whole*, they are every row."""
    if whole is None:
        return values
    whole[part] = values
    return whole


def _fill(
    whole: NDArray[np.int8] | None, part: slice | NDArray[np.bool_], code: int, count: int
) -> NDArray[np.int8]:
    """*code* put in the rows *part* of *whole*; with no *whole*, in all *count* rows."""
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    if whole is None:
        return np.full(count, code, dtype=np.int8)
    whole[part] = code
    return whole


def _england(codes: Codes) -> NDArray[np.bool_]:
    """True in England's rows."""
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    if isinstance(codes, tuple):
        return np.array([code == ENGLAND for code in codes], dtype=bool)
    rows: NDArray[np.bool_] = codes == ENGLAND
    return rows


def _result(
    target: Target,
    *,
    as_of: date,
    period: Period | None,
    required: units.Quantity | None,
    status: NDArray[np.int8],
    observed: NDArray[np.float64],
    margin: NDArray[np.float64],
    orgs: Codes | None,
) -> BatchResult:
    for array in (status, observed, margin):
        _frozen(array)
    return BatchResult(
        target=target.id,
        as_of=as_of,
        period=period,
        required=required,
        status=status,
        observed=observed,
        margin=margin,
        orgs=orgs,
    )


# evaluate_frame, documented as nhsplan.evaluate.batch.evaluate_frame, lives beside this module;
# imported last, so that it finds evaluate_batch defined here.
from nhsplan.evaluate.batch_frame import evaluate_frame  # noqa: E402
