"""Making Data Count: XmR statistical process control, variation and assurance.

This module reproduces the NHS-R Community's R package NHSRplotthedots (v0.2.x), the reference
implementation of NHS England's "Making Data Count" method:

* the centre line is the mean of a segment's values, the process limits are the mean
  ± 2.66 times the mean moving range, and "two sigma" is the mean ± 2 times 2.66 / 3 times
  the mean moving range (``R/ptd_spc_standard.R``);
* moving ranges at or above 3.267 times their mean are screened out and the mean moving range is
  recomputed, unless ``screen_outliers`` is off (the MDC Excel tool does not screen);
* a point is special cause when it is outside the limits, part of a run of 7 on one side of the
  mean (a point exactly on the mean breaks a run), part of a trend of 7 each strictly above
  (or below) the one before (a tie breaks a trend), or one of two-in-three points beyond two
  sigma on the same side; the rule that names a point is chosen in that order of precedence:
  limits, trend, two-in-three, run (``R/ptd_calculate_point_type.R``);
* assurance compares the target with the latest segment's limits, strictly
  (``R/ptd_calculate_assurance_type.R``).

Everything is pure: no I/O, no clock, no module-level mutable state. One series is computed in
plain Python; :func:`xmr_many` uses numpy, when installed, for many series at once and returns
exactly what :func:`xmr` returns for each.

>>> result = xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1])
>>> tuple(p.index for p in result.points if p.special_cause)
(4,)
"""

from __future__ import annotations

from nhsplan.model.enums import Assurance, Polarity, VariationIcon
from nhsplan.spc.batch import SpcBatch, xmr_many
from nhsplan.spc.chart import plot_spc
from nhsplan.spc.interactive import plot_spc_interactive
from nhsplan.spc.options import (
    LIMIT,
    OUTLIER_SCREEN,
    TWO_SIGMA,
    SpcOptions,
    SpecialCause,
    TwoInThree,
    Variation,
)
from nhsplan.spc.result import SpcPoint, SpcResult, SpcSegment, SpcWarning
from nhsplan.spc.series import xmr
from nhsplan.spc.summary import summarise, summary_frame, summary_html, summary_table
from nhsplan.spc.targets import assurance_by_point, varying_assurance

__all__ = [
    "LIMIT",
    "OUTLIER_SCREEN",
    "TWO_SIGMA",
    "Assurance",
    "Polarity",
    "SpcBatch",
    "SpcOptions",
    "SpcPoint",
    "SpcResult",
    "SpcSegment",
    "SpcWarning",
    "SpecialCause",
    "TwoInThree",
    "Variation",
    "VariationIcon",
    "assurance_by_point",
    "plot_spc",
    "plot_spc_interactive",
    "summarise",
    "summary_frame",
    "summary_html",
    "summary_table",
    "varying_assurance",
    "xmr",
    "xmr_many",
]
