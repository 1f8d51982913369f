"""Evaluating a whole edition from any input: objects, or a DataFrame read column-wise.

:func:`evaluate_guidance` is the public entry point (``nhsplan.evaluate_guidance``): a pandas,
polars or pyarrow DataFrame (or DuckDB relation) goes to the columnar engine
(:func:`~nhsplan.engines.columnar.evaluate_frame`), anything else to
:func:`~nhsplan.evaluate.guidance.evaluate_observations`; both give the same Report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from nhsplan.evaluate.guidance import evaluate_observations, refuse_unknown_metrics
from nhsplan.model._inputs import to_as_of
from nhsplan.model.guidance import read_guidance
from nhsplan.model.organisations import read_organisations

if TYPE_CHECKING:
    from nhsplan.evaluate.report import Report
    from nhsplan.model import CaseRecord, Guidance, Observation, Organisation

__all__ = ["evaluate_guidance"]


def evaluate_guidance(
    guidance: Guidance,
    observations: Iterable[Observation | CaseRecord],
    *,
    as_of: date | str,
    orgs: Iterable[Organisation] | None = None,
    progress: Callable[[int, int], None] | None = None,
    spc: bool = False,
) -> Report:
    """Evaluate every applicable target of *guidance* for every organisation.

    Args:
        guidance: the edition (``load_guidance("2021/22")``) or a local file extending one.
        observations: figures for any organisations and metrics; those of metrics that
            another shipped edition defines, but this one does not, are passed over.
        as_of: the date to assess on.
        orgs: the organisations to assess, with their types. Given, every target is assessed
            for every organisation (NOT_APPLICABLE where it does not apply to its type,
            NO_DATA where nothing was reported). Not given, each organisation that reported a
            figure is assessed on the targets its figures measure.
        progress: called as ``progress(done, total)`` after each organisation (the command
            line draws a progress bar with it); it must not change anything.
        spc: attach a Making Data Count reading (:class:`~nhsplan.model.SpcSummary`) to each
            assessment whose organisation has a monthly series of the metric long enough to
            chart (see :func:`nhsplan.spc.summarise`), read against the value required.

    Observations that cannot be right for their metric (a proportion above 100 %, a negative
    count) are left out and listed in :attr:`Report.warnings`.

    Raises:
        InvalidValueError: *guidance* is not a :class:`~nhsplan.model.Guidance`, or an item of
            *orgs* is not an :class:`~nhsplan.model.Organisation` (``orgs[0]``).
        UnknownMetricError: a metric that no edition defines (``ae_4hour``), with the closest
            ids of *guidance* (``did you mean 'ae_4_hour'?``), as the command line says.
    """
    guidance, as_of = read_guidance(guidance), to_as_of(as_of)
    orgs = read_organisations(orgs)
    from nhsplan.engines.columnar import evaluate_frame, is_frame  # noqa: PLC0415 - lazily

    if is_frame(observations):  # a DataFrame: validated and evaluated column-wise
        refuse_unknown_metrics(guidance, _frame_metrics(observations))
        return evaluate_frame(
            guidance, observations, as_of=as_of, orgs=orgs, progress=progress, spc=spc
        ).report
    return evaluate_observations(
        guidance, observations, as_of=as_of, orgs=orgs, progress=progress, spc=spc
    )


def _frame_metrics(frame: object) -> set[str]:
    """The distinct metric ids of a DataFrame of observations (its ``metric`` column, any case)."""
    from nhsplan.engines.columnar.frame import _narwhals  # noqa: PLC0415

    nw = _narwhals()
    data = nw.from_native(frame)
    name = next((str(c) for c in data.columns if str(c).strip().lower() == "metric"), None)
    if name is None:
        return set()  # the frame's own validation names the missing column
    if isinstance(data, nw.DataFrame):  # the column's own distinct values: no frame copied
        values = data.get_column(name).cast(nw.String).unique().to_list()
    else:
        values = data.select(nw.col(name).cast(nw.String)).unique().collect()[name].to_list()
    return {v.strip() for v in values if isinstance(v, str) and v.strip()}
