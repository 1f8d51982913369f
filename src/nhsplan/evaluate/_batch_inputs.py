"""The checks of a batch's columns of figures, before any is judged (private).

:func:`~nhsplan.evaluate.batch.evaluate_batch` refuses what :class:`~nhsplan.model.Observation`
would refuse, row by row, naming the first bad row (and its organisation, where given).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, TypeAlias

from nhsplan.errors import InvalidObservationError
from nhsplan.model._validators import count_problem, ratio_problem

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

    from nhsplan.model._org_codes import Codes

    Figures: TypeAlias = ArrayLike | Sequence[float | None]
    """A column of figures: a numpy array, a pandas Series, a list (None or NaN: missing)."""

__all__ = ["column_array", "inputs", "percentages", "values"]

_RATIO_EXAMPLE: Final = "numerators=[875, 742], denominators=[1000, 1000]"


def column_array(data: Figures, name: str) -> NDArray[np.float64]:
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


def _where(index: int, orgs: Codes | None) -> str:
    return f"row {index}, {orgs[index]}" if orgs is not None else f"row {index}"


def _ratio_error(
    index: int, numerator: float, denominator: float, orgs: Codes | None
) -> InvalidObservationError:
    """The error :class:`~nhsplan.model.Observation` raises for this row, checked in its order.

    The rule and its words are the model's (:func:`~nhsplan.model._validators.ratio_problem`);
    NaN here is a missing figure, which a row must give for both or neither.
    """
    where = _where(index, orgs)
    for field, value in (("numerators", numerator), ("denominators", denominator)):
        problem = None if math.isnan(value) else count_problem(value)
        if problem is not None:
            return InvalidObservationError(
                f"{problem} ({where})", field=f"{field}[{index}]", example="120"
            )
    if math.isnan(numerator) or math.isnan(denominator):
        return InvalidObservationError(
            f"numerator and denominator come together ({where}); a missing figure has both NaN",
            field=f"{'numerators' if math.isnan(numerator) else 'denominators'}[{index}]",
            example="numerator=875, denominator=1000",
        )
    found = ratio_problem(numerator, denominator)
    assert found is not None, (numerator, denominator)  # the column check refused this row
    field, problem = found
    return InvalidObservationError(
        f"{problem} ({where})",
        field=f"{field}s[{index}]",
        example="numerator=875, denominator=1000",
    )


def percentages(
    numerators: NDArray[np.float64], denominators: NDArray[np.float64], orgs: Codes | None
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """``100 * numerator / denominator`` row by row, and where both are missing (NaN).

    A row is judged where ``0 <= numerator <= denominator`` and ``0 < denominator < inf``;
    every other row must have both figures NaN. One comparison runs over every row (NaN fails
    it); the bounds are checked row by row only where the column's least or greatest figure
    (NaN aside, a reduction with no array made) says a row may break them; and the rows left
    out, few as a rule, are checked for NaN on their own.

    Raises:
        InvalidObservationError: for the first row Observation would refuse.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    ok = numerators <= denominators  # False wherever either is NaN
    if len(ok):
        if not np.fmin.reduce(numerators) >= 0:
            ok &= numerators >= 0
        if not (np.fmin.reduce(denominators) > 0 and np.fmax.reduce(denominators) < np.inf):
            ok &= denominators > 0
            ok &= denominators < np.inf
    missing = ~ok
    rows = np.flatnonzero(missing)
    if len(rows):
        both = np.isnan(numerators[rows])
        both &= np.isnan(denominators[rows])
        if not both.all():
            index = int(rows[np.argmin(both)])
            raise _ratio_error(index, float(numerators[index]), float(denominators[index]), orgs)
    percent = 100 * numerators
    percent /= denominators  # the same two roundings as Observation.amount
    return percent, missing


def values(values: NDArray[np.float64], orgs: Codes | None) -> NDArray[np.bool_]:
    """Where the values are missing (NaN).

    Raises:
        InvalidObservationError: for the first infinite value.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    bounded = len(values) == 0 or (
        np.fmin.reduce(values) > -np.inf and np.fmax.reduce(values) < np.inf
    )  # NaN aside: a reduction, no array made
    infinite = None if bounded else np.isinf(values)
    if infinite is not None and infinite.any():
        index = int(np.argmax(infinite))
        raise InvalidObservationError(
            f"{float(values[index])!r} is not a finite number ({_where(index, orgs)})",
            field=f"values[{index}]",
            example="values=[0, 3, float('nan')]",
        )
    missing: NDArray[np.bool_] = np.isnan(values)
    return missing


def inputs(
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
        return column_array(values, "values"), None
    assert numerators is not None
    assert denominators is not None
    top = column_array(numerators, "numerators")
    bottom = column_array(denominators, "denominators")
    if len(top) != len(bottom):
        raise InvalidObservationError(
            f"{len(top)} numerators but {len(bottom)} denominators",
            field="denominators",
            example=_RATIO_EXAMPLE,
        )
    return top, bottom
