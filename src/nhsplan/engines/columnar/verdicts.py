"""The verdicts of a columnar evaluation, kept as records until a Report is asked for.

:class:`Verdicts` keeps each assessment as a record — an organisation and a fixed
:class:`~nhsplan.evaluate.decide.Decision`, or an organisation, its shared compared case and
its own figure — and writes the CSV a Report writes without building one. Every sentence is
worded for the organisation itself by :mod:`nhsplan.evaluate.reasons`.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import TYPE_CHECKING, Any, Final, TextIO

import attrs

from nhsplan import _csv
from nhsplan._figures import data_figure
from nhsplan.evaluate import reasons
from nhsplan.evaluate.compare import Prepared
from nhsplan.evaluate.decide import Decision
from nhsplan.evaluate.single import assess, compared
from nhsplan.model import Assessment, Guidance
from nhsplan.model.enums import Status
from nhsplan.units import quantities

if TYPE_CHECKING:
    from nhsplan.evaluate.report import Report

__all__ = ["Compared", "Item", "Unsupported", "Verdicts"]


class Unsupported(Exception):  # noqa: N818 - a signal inside the engine, never raised out
    """The single pass cannot judge this input exactly; the thorough path must."""


@attrs.frozen(kw_only=True)
class Compared:
    """The part of a compared verdict shared by every organisation in one case."""

    decision: Decision
    """The decision, with its level (:attr:`Decision.level`)."""
    judging: Prepared
    """The level made ready to judge each organisation's figure."""
    required: float
    observed_unit: str
    required_unit: str
    margin_unit: str
    head: tuple[object, ...]
    """The CSV cells between the status and the observed figure: target, period, dates."""
    tail: tuple[object, ...]
    """The CSV cells after the reason: citation, reading, variation, assurance."""
    ends: date
    """The last day of the period judged."""


Fixed = tuple[str, Decision]
"""(org, a decision with a fixed status)."""
Verdict = tuple[str, Compared, float, Status, str, float]
"""(org, case, observed, status, reason, margin)."""
Item = Fixed | Verdict


class Verdicts:
    """The assessments of a columnar evaluation, kept as records until a Report is asked for.

    Writing them as CSV (what ``nhsplan evaluate --format csv`` prints) builds no object per
    assessment; :meth:`report` builds the :class:`~nhsplan.evaluate.report.Report`.
    """

    def __init__(self, guidance: Guidance, as_of: date, items: list[Item]) -> None:
        self.guidance = guidance
        self.as_of = as_of
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def report(self, warnings: tuple[str, ...] = ()) -> Report:
        """The Report :func:`nhsplan.evaluate_guidance` gives for the same rows."""
        from nhsplan.evaluate.report import Report  # noqa: PLC0415 - report imports the engine

        return Report(
            edition=self.guidance.id,
            as_of=self.as_of,
            assessments=self._assessments(),
            priorities={t.id: t.priority or "-" for t in self.guidance.targets},
            warnings=warnings,
        )

    def _assessments(self) -> tuple[Assessment, ...]:
        """The Assessments, the figures of each unit made Quantities together.

        Each compared item's observed figure, then its margin, is queued under its unit and
        taken back in the same order (the two share a queue where they share a unit).
        """
        figures: dict[str, list[float]] = {}
        for item in self.items:
            if len(item) != 2:
                _org, case, observed, _status, _reason, margin = item
                level = case.decision.level
                assert level is not None  # a compared case
                figures.setdefault(level.unit, []).append(observed)
                figures.setdefault(case.required_unit, []).append(margin)
        made = {unit: iter(quantities(values, unit)) for unit, values in figures.items()}
        found: list[Assessment] = []
        shared: dict[int, dict[str, Any] | None] = {}
        for item in self.items:
            if len(item) == 2:
                org, decision = item
                if id(decision) not in shared:
                    shared[id(decision)] = _shared_fields(decision)
                fields = shared[id(decision)]
                if fields is None or not org:
                    found.append(assess(decision, (), org=org))
                else:
                    reason = fields["reason"].replace(_ORG, org)
                    found.append(Assessment(**{**fields, "org": org, "reason": reason}))
                continue
            org, case, _observed, status, reason, _margin = item
            decision = case.decision
            level = decision.level
            assert level is not None  # a compared case
            figure = next(made[level.unit])
            found.append(
                compared(
                    decision,
                    org=org,
                    status=status,
                    reason=reason,
                    observed=figure,
                    margin=next(made[case.required_unit]),
                )
            )
        return tuple(found)

    def write_csv(self, file: TextIO) -> None:
        """Write what :meth:`Report.write_csv <nhsplan.evaluate.report.Report.write_csv>` writes.

        Each distinct verdict's line is written once by the CSV writer, the organisation's
        code put in; each compared figure's line is put together from its cells, quoted as
        the writer quotes them (``csv.QUOTE_NONNUMERIC``).
        """
        from nhsplan.evaluate.report import COLUMNS  # noqa: PLC0415 - report imports the engine

        writer = csv.writer(file, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow([_csv.neutralise(c) for c in COLUMNS])
        fixed: dict[int, tuple[str, str, str | None, list[str] | None]] = {}
        cases: dict[tuple[int, int], tuple[str, str, str, str]] = {}
        lines: list[str] = []
        items = self.items
        for start in range(0, len(items), _CHUNK):
            for item in items[start : start + _CHUNK]:
                if len(item) == 2:
                    org, decision = item
                    around = fixed.get(id(decision))
                    if around is None:
                        around = fixed[id(decision)] = _fixed_parts(decision)
                    if around[3] is not None and org and _bare(org):
                        # the org's code put in the line, in its quotes and in its sentence
                        lines.append(org.join(around[3]))
                        continue
                    reason = (
                        around[2].replace(_ORG, org)
                        if around[2] is not None and org
                        else reasons.sentence(decision.reason, decision.facts, org=org)
                    )
                    lines.append(f"{_quoted(org)},{around[0]},{_quoted(reason)},{around[1]}\n")
                else:
                    org, case, observed, status, reason, margin = item
                    parts = cases.get((id(case), id(status)))  # a status is one object
                    if parts is None:
                        parts = cases[id(case), id(status)] = _line_parts(case, status)
                    before, between, after, end = parts
                    lines.append(
                        f'"{org}"{before}{data_figure(observed)!r}{between}{data_figure(margin)!r}'
                        f"{after}{_quoted(reason)}{end}"
                    )
            file.write("".join(lines))
            lines.clear()


_CHUNK: Final = 20_000
"""Lines joined before each write."""


def _quoted(cell: object) -> str:
    """A text cell as ``csv.QUOTE_NONNUMERIC`` writes it, neutralised as reports write it."""
    text = str(_csv.neutralise(cell))
    return '"' + text.replace('"', '""') + '"'


def _line_parts(case: Compared, status: Status) -> tuple[str, str, str, str]:
    """The cells of a compared case's line with *status*, around the organisation's own cells.

    A line is the quoted code, then these four in turn with the observed figure, the margin
    and the reason between them: the status, period and dates; the units and the level; the
    margin's unit; the citation onwards, ended.
    """
    for unit in (case.observed_unit, case.required_unit, case.margin_unit):
        if _quoted(unit) != f'"{unit}"':
            raise Unsupported  # a unit the writer would quote otherwise: never in a catalog
    target, *period = (_quoted(c) for c in case.head)
    tail = ",".join('""' if c is None else _quoted(c) for c in case.tail)
    return (
        f',{target},"{status.value}",{",".join(period)},',
        f',"{case.observed_unit}",{data_figure(case.required)!r},"{case.required_unit}",',
        f',"{case.margin_unit}",',
        f",{tail}\n",
    )


_ORG: Final = "\x00"
"""Stands for the organisation in a fixed decision's sentence, worded once per decision."""


def _shared_fields(decision: Decision) -> dict[str, Any] | None:
    """The fields of a fixed *decision*'s Assessment, its organisation :data:`_ORG`.

    ``assess(decision, (), org=org)`` for a named *org* is this Assessment with ``org`` and
    the organisation put in the reason for :data:`_ORG`: a fixed decision's Assessment
    depends on the organisation only through those two (its sentence names the organisation
    only by its code). None where a decision has parts or a fact holds :data:`_ORG`: each
    Assessment is then made in full.
    """
    if decision.parts or any(_ORG in fact for fact in decision.facts.values()):
        return None
    return attrs.asdict(assess(decision, (), org=_ORG), recurse=False)


def _bare(text: str) -> bool:
    """Whether *text* is its own CSV cell inside quotes: no quote, nothing to neutralise."""
    return '"' not in text and not text.startswith(_csv.FORMULA_TRIGGERS)


def _fixed_parts(decision: Decision) -> tuple[str, str, str | None, list[str] | None]:
    """The CSV cells of a fixed decision's line around its reason: before it, after it.

    Third, its sentence for an organisation named :data:`_ORG`, in which a named
    organisation's code is put (the sentence names one only by its code); None where a fact
    holds :data:`_ORG` itself: each sentence is then worded in full. Fourth, the whole line
    with that sentence as its quoted cell, cut where the code goes (first cell and
    sentence), for a code that is :func:`_bare` (putting the code in the cell is then
    putting it in the sentence and quoting that); None where the sentence begins with a
    character :func:`_csv.neutralise` looks at, the code itself among them.
    """
    from nhsplan.evaluate.report import Report  # noqa: PLC0415 - report imports the engine

    one = Report(edition="", as_of=decision.as_of, assessments=(assess(decision, (), org=None),))
    row = one.to_rows()[0]
    cells = [_cell(row[c]) for c in row]
    template = None
    if not any(_ORG in fact for fact in decision.facts.values()):
        template = reasons.sentence(decision.reason, decision.facts, org=_ORG)
    before, after = ",".join(cells[1:12]), ",".join(cells[13:])
    line = None
    if (
        template is not None
        and not template.startswith(_csv.FORMULA_TRIGGERS)
        and _ORG not in before + after
    ):
        cell = '"' + template.replace('"', '""') + '"'
        line = f'"{_ORG}",{before},{cell},{after}\n'.split(_ORG)
    return before, after, template, line


def _cell(value: object) -> str:
    """A cell as ``csv.QUOTE_NONNUMERIC`` writes it (a number bare, text quoted)."""
    if value is None:
        return '""'
    if isinstance(value, float):
        return repr(value)
    return _quoted(value)
