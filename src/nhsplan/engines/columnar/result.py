"""What the columnar engine gives: a :class:`FrameResult`, and where every row went.

:func:`~nhsplan.engines.columnar.evaluate_frame` and
:func:`~nhsplan.engines.columnar.evaluate_file` both give a :class:`FrameResult`: the report
(built when first asked for, after a single pass), the rows' data-quality issues, and a
:class:`RowAccount` that adds up to the rows in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

import attrs

if TYPE_CHECKING:
    from nhsplan.engines.columnar.verdicts import Verdicts
    from nhsplan.evaluate.report import Report
    from nhsplan.io.readers._quality import DataQualityIssue

__all__ = ["FrameResult", "RowAccount"]


@attrs.frozen(kw_only=True)
class RowAccount:
    """Where every input row went: ``rows == blank + reported + other_org + left_out + judged``.

    Attributes:
        rows: data rows in (the header not counted).
        blank: rows with every cell blank, passed over as the CSV reader passes them.
        reported: rows with a data-quality issue (each listed in ``FrameResult.issues``).
        other_org: valid rows of organisations other than the one asked for.
        left_out: valid rows that cannot be right for their metric (a proportion above
            100 %), left out with a warning in the report, as ``evaluate_guidance`` does.
        judged: valid rows handed to evaluation (figures of metrics that no target
            measures included; evaluation passes over them).
        used: of the judged rows, those a target could look at on the date assessed, turned
            into observations (the rest cannot change any verdict).
    """

    rows: int
    blank: int
    reported: int
    other_org: int
    left_out: int
    judged: int
    used: int

    @property
    def accounted(self) -> int:
        """The rows accounted for: ``blank + reported + other_org + left_out + judged``."""
        return self.blank + self.reported + self.other_org + self.left_out + self.judged

    @property
    def balanced(self) -> bool:
        """True when every row is accounted for exactly once."""
        return self.rows == self.accounted


@attrs.frozen(kw_only=True)
class FrameResult:
    """What the columnar path gives: the report, the rows' issues, and the row accounting.

    ``method`` says how the input was read: ``"single pass"`` (one query, for input that is
    wholly in the plain form), ``"column pass"`` (column expressions, the few rows not in the
    plain form read one by one) or ``"row by row"`` (input DuckDB would read differently).
    The report of a single pass is built when first asked for; :meth:`write_csv` writes it
    without building it.
    """

    issues: tuple[DataQualityIssue, ...]
    account: RowAccount
    method: str = "column pass"
    _report: Report | None = attrs.field(default=None, alias="report", eq=False, repr=False)
    _verdicts: Verdicts | None = attrs.field(default=None, alias="verdicts", eq=False, repr=False)
    _warnings: tuple[str, ...] = attrs.field(default=(), alias="warnings", eq=False, repr=False)

    @property
    def report(self) -> Report:
        """The Report, as :func:`~nhsplan.engines.guidance.evaluate_guidance` gives it."""
        if self._report is None:
            assert self._verdicts is not None  # one or the other is given
            object.__setattr__(self, "_report", self._verdicts.report(self._warnings))
        assert self._report is not None
        return self._report

    @property
    def warnings(self) -> tuple[str, ...]:
        """The report's warnings (the issues, then figures left out), without building it."""
        if self._report is None and self._verdicts is not None:
            return self._warnings
        return self.report.warnings

    def write_csv(self, file: TextIO) -> None:
        """Write the report as CSV, as :meth:`Report.write_csv` does."""
        if self._report is None and self._verdicts is not None:
            self._verdicts.write_csv(file)
        else:
            self.report.write_csv(file)
