"""Judge one target for each row of a pandas DataFrame: :func:`evaluate_batch` on its columns.

:func:`evaluate_frame` reads a frame's ``numerator`` and ``denominator`` columns, or its
``value`` column, as numpy arrays, judges them with
:func:`~nhsplan.evaluate.batch.evaluate_batch`, and gives the frame back with the status,
observed, required and margin of each row added. It is importable from
:mod:`nhsplan.evaluate.batch` as well, where it is documented.

>>> from datetime import date
>>> import pandas as pd
>>> from nhsplan.catalog import load_guidance
>>> fds = load_guidance("2021/22").target("cancer_faster_diagnosis_standard")
>>> frame = pd.DataFrame({"org": ["RBD", "RXX"], "numerator": [750, 742],
...                       "denominator": [1000, 1000]})
>>> evaluate_frame(fds, frame, as_of=date(2022, 1, 20))["status"].tolist()
['met', 'not_met']

numpy and pandas are imported when :func:`evaluate_frame` is called, never when this module
is imported.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from nhsplan.calendar import Period
from nhsplan.errors import InvalidObservationError
from nhsplan.model import OrgType, Target
from nhsplan.model._inputs import to_as_of

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray


__all__ = ["evaluate_frame"]


def evaluate_frame(
    target: Target,
    frame: pd.DataFrame,
    *,
    as_of: date,
    period: Period | None = None,
    org_type: OrgType | None = None,
) -> pd.DataFrame:
    """Judge *target* for each row of *frame*, as ``evaluate_batch`` does its columns.

    Args:
        target: as for :func:`~nhsplan.evaluate.batch.evaluate_batch`.
        frame: one row per organisation, with columns ``numerator`` and ``denominator``, or
            ``value``; an ``org`` column, if present, is each row's organisation code, read
            as :func:`~nhsplan.evaluate.batch.evaluate_batch` reads ``orgs``: England's row
            (``ENGLAND``, ``E92000001``) is judged as England's, and a bad row is named by
            it. Missing figures (NaN, None, ``pd.NA``) give NO_DATA.
        as_of: the date assessed.
        period: the period the figures are for (default as in
            :func:`~nhsplan.evaluate.batch.evaluate_batch`).
        org_type: the organisations' type.

    Returns:
        A copy of *frame* with four columns added (or replaced): ``status`` (categorical,
        the :class:`~nhsplan.model.Status` values: ``"met"``, ``"not_met"`` ...),
        ``observed``, ``required`` and ``margin`` (floats in the required unit; NaN where
        there is none). *frame* is not changed.

    Raises:
        InvalidObservationError: no figure columns, a row with both a value and a numerator
            or denominator, or any error :func:`~nhsplan.evaluate.batch.evaluate_batch` raises
            (an ``org`` that is not an organisation code among them).
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra
    import pandas as pd  # noqa: PLC0415 - pandas is an optional extra

    # batch imports this module to offer evaluate_frame: imported here, either may come first
    from nhsplan.evaluate.batch import STATUSES, evaluate_batch  # noqa: PLC0415

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

    # each row's organisation: England's row is judged as England's (a national ambition)
    result = evaluate_batch(
        target,
        as_of=as_of,
        numerators=numerators,
        denominators=denominators,
        values=values,
        orgs=frame["org"].tolist() if "org" in frame.columns else None,
        period=period,
        org_type=org_type,
    )
    required = np.nan if result.required is None else result.required.magnitude
    # the level stands beside the rows compared with it, as evaluate() gives it
    levels = np.where(np.isnan(result.observed), np.nan, required)
    return frame.assign(
        status=pd.Categorical.from_codes(
            result.status, dtype=pd.CategoricalDtype([status.value for status in STATUSES])
        ),
        observed=result.observed,
        required=levels,
        margin=result.margin,
    )
