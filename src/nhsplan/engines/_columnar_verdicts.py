"""Private helpers for :mod:`nhsplan.engines.columnar`: the verdicts of a columnar evaluation.

:class:`Verdicts` keeps each assessment as a record (an organisation and a shared verdict, or
an organisation, its shared case and its own figure) until a Report is asked for, and writes
the CSV a Report writes without building one.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import TYPE_CHECKING, Final, TextIO

import attrs

from nhsplan import _csv
from nhsplan._enums import Status
from nhsplan._judges import LevelPlan
from nhsplan.model import Assessment, Guidance
from nhsplan.units import quantity

if TYPE_CHECKING:
    from nhsplan.report import Report

__all__ = ["STAND_IN", "Compared", "Item", "Unsupported", "Verdicts"]

STAND_IN: Final = "ZZ0NHSPLAN0STAND0IN"
"""The organisation code a case is judged under, replaced by each organisation's own."""


class Unsupported(Exception):  # noqa: N818 - a signal inside the engine, never raised out
    """The single pass cannot judge this input exactly; the thorough path must."""


@attrs.frozen(kw_only=True)
class Compared:
    """The part of a compared verdict shared by every organisation in one case."""

    plan: LevelPlan
    required: float
    observed_unit: str
    required_unit: str
    margin_unit: str
    head: tuple[object, ...]
    """The CSV cells between the status and the observed figure: target, period, dates."""
    tail: tuple[object, ...]
    """The CSV cells after the reason: citation, variation, assurance."""
    ends: date
    """The last day of the period judged."""


Template = tuple[str, Assessment]
"""(org, the assessment judged under the stand-in code)."""
Verdict = tuple[str, Compared, float, Status, str, float]
"""(org, case, observed, status, reason, margin)."""
Item = Template | Verdict


class Verdicts:
    """The assessments of a columnar evaluation, kept as records until a Report is asked for.

    Writing them as CSV (what ``nhsplan evaluate --format csv`` prints) builds no object per
    assessment; :meth:`report` builds the :class:`~nhsplan.report.Report`.
    """

    def __init__(self, guidance: Guidance, as_of: date, items: list[Item]) -> None:
        self.guidance = guidance
        self.as_of = as_of
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def report(self, warnings: tuple[str, ...] = ()) -> Report:
        """The Report that :func:`~nhsplan.report.evaluate_guidance` gives for the same rows."""
        from nhsplan.report import Report  # noqa: PLC0415 - report imports the engine

        return Report(
            edition=self.guidance.id,
            as_of=self.as_of,
            assessments=tuple(_assessment(item) for item in self.items),
            priorities={t.id: t.priority or "-" for t in self.guidance.targets},
            warnings=warnings,
        )

    def write_csv(self, file: TextIO) -> None:
        """Write what :meth:`Report.write_csv <nhsplan.report.Report.write_csv>` writes.

        Each distinct verdict's line is written once by the CSV writer, the organisation's
        code put in; each compared figure's line is put together from its cells, quoted as
        the writer quotes them (``csv.QUOTE_NONNUMERIC``).
        """
        from nhsplan.report import COLUMNS, Report  # noqa: PLC0415 - report imports the engine

        writer = csv.writer(file, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow([_csv.neutralise(c) for c in COLUMNS])
        templates: dict[int, str] = {}
        cases: dict[int, tuple[str, str, str]] = {}
        lines: list[str] = []
        for item in self.items:
            if len(item) == 2:
                org, template = item
                line = templates.get(id(template))
                if line is None:
                    one = Report(edition="", as_of=self.as_of, assessments=(template,))
                    line = templates[id(template)] = one.to_csv().split("\n", 1)[1]
                lines.append(line.replace(STAND_IN, org))
            else:
                org, case, observed, status, reason, margin = item
                parts = cases.get(id(case))
                if parts is None:
                    parts = cases[id(case)] = _line_parts(case)
                head, middle, tail = parts
                lines.append(
                    f'"{org}",{head},"{status.value}",{middle},{observed!r},'
                    f'"{case.observed_unit}",{case.required!r},"{case.required_unit}",'
                    f'{margin!r},"{case.margin_unit}",{_quoted(reason)},{tail}\n'
                )
            if len(lines) >= _CHUNK:
                file.write("".join(lines))
                lines.clear()
        file.write("".join(lines))


_CHUNK: Final = 20_000
"""Lines joined before each write."""


def _quoted(cell: object) -> str:
    """A text cell as ``csv.QUOTE_NONNUMERIC`` writes it, neutralised as reports write it."""
    text = str(_csv.neutralise(cell))
    return '"' + text.replace('"', '""') + '"'


def _line_parts(case: Compared) -> tuple[str, str, str]:
    """The quoted cells of a compared case: target; period and dates; citation onwards."""
    for unit in (case.observed_unit, case.required_unit, case.margin_unit):
        if _quoted(unit) != f'"{unit}"':
            raise Unsupported  # a unit the writer would quote otherwise: never in a catalog
    head, *middle = (_quoted(c) for c in case.head)
    tail = ",".join('""' if c is None else _quoted(c) for c in case.tail)
    return head, ",".join(middle), tail


def _assessment(item: Item) -> Assessment:
    if len(item) == 2:
        org, template = item
        if STAND_IN not in template.reason and template.org == org:
            return template
        return attrs.evolve(template, org=org, reason=template.reason.replace(STAND_IN, org))
    org, case, observed, status, reason, margin = item
    plan = case.plan
    return Assessment(
        target=plan.ctx.target.id,
        status=status,
        reason=reason,
        citation=plan.ctx.target.citation,
        as_of=plan.ctx.as_of,
        org=org,
        observed=quantity(observed, plan.unit),
        required=plan.required,
        margin=quantity(margin, plan.required.unit),
        period=plan.period,
        reading=None if plan.ctx.target.reading is None else plan.ctx.target.reading.applied,
    )
