"""Evaluating a whole guidance edition: every applicable target for every organisation.

:func:`evaluate_guidance` returns a :class:`Report`: the assessments, a summary by status and
by priority, and the data-quality warnings met on the way (an observation that cannot be right
is reported and left out, never silently dropped). A report renders as a table (``str``), rows,
JSON, or a pandas DataFrame (the ``pandas`` package, imported on use).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

import attrs

from nhsplan.calendar import Month
from nhsplan.errors import InvalidObservationError
from nhsplan.evaluate import evaluate
from nhsplan.model import (
    Assessment,
    CaseRecord,
    Guidance,
    Metric,
    Observation,
    Organisation,
    Status,
)
from nhsplan.model._inputs import to_as_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "Report", "evaluate_guidance"]

Row = dict[str, str | float | None]

COLUMNS: tuple[str, ...] = (
    "org",
    "target",
    "status",
    "period",
    "observed",
    "required",
    "margin",
    "reason",
    "citation",
    "variation",
    "assurance",
)


@attrs.frozen(kw_only=True)
class Report:
    """The assessments of one guidance edition on one date, with a summary and warnings."""

    edition: str
    as_of: date
    assessments: tuple[Assessment, ...]
    priorities: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    """Target id → the code of its priority, for :meth:`by_priority`."""
    warnings: tuple[str, ...] = ()
    """Data-quality problems met while evaluating; each says what was left out."""

    def summary(self) -> dict[Status, int]:
        """How many assessments have each status (every status listed, zeros included)."""
        counts = Counter(a.status for a in self.assessments)
        return {status: counts.get(status, 0) for status in Status}

    def by_priority(self) -> dict[str, dict[Status, int]]:
        """Counts by status for each priority code (targets without one under ``"-"``)."""
        table: dict[str, Counter[Status]] = defaultdict(Counter)
        for a in self.assessments:
            table[self.priorities.get(a.target, "-")][a.status] += 1
        return {
            code: {s: counts.get(s, 0) for s in Status} for code, counts in sorted(table.items())
        }

    def to_rows(self) -> list[Row]:
        """One flat dict per assessment: strings and numbers only (CSV- and JSON-ready)."""
        return [_row(a) for a in self.assessments]

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON: edition, date, summary, warnings and rows."""
        return json.dumps(
            {
                "edition": self.edition,
                "as_of": self.as_of.isoformat(),
                "summary": {s.value: n for s, n in self.summary().items()},
                "warnings": list(self.warnings),
                "assessments": self.to_rows(),
            },
            indent=indent,
            ensure_ascii=False,
        )

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (needs pandas: ``pip install pandas``)."""
        try:
            import pandas as pd  # noqa: PLC0415 - optional, imported on use
        except ImportError as exc:  # pragma: no cover - exercised only without pandas
            raise ImportError("Report.to_pandas needs pandas: pip install pandas") from exc
        return pd.DataFrame(self.to_rows(), columns=list(COLUMNS))

    def __str__(self) -> str:
        header = ("org", "target", "status", "period", "observed", "required", "margin")
        rows = [tuple(str(_row(a)[c] or "") for c in header) for a in self.assessments]
        widths = [
            max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
            for i, h in enumerate(header)
        ]
        line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
        lines = [
            f"nhsplan {self.edition} as of {self.as_of.isoformat()}",
            line,
            "  ".join("-" * w for w in widths),
        ]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
        counts = ", ".join(
            f"{n} {s.value.replace('_', ' ')}" for s, n in self.summary().items() if n
        )
        lines.append(f"{len(self.assessments)} assessments: {counts or 'none'}")
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _row(a: Assessment) -> Row:
    return {
        "org": a.org,
        "target": a.target,
        "status": a.status.value,
        "period": str(a.period) if a.period is not None else None,
        "observed": _num(a.observed),
        "required": _num(a.required),
        "margin": _num(a.margin),
        "reason": a.reason,
        "citation": str(a.citation),
        "variation": a.spc.variation.value if a.spc is not None else None,
        "assurance": (
            a.spc.assurance.value if a.spc is not None and a.spc.assurance is not None else None
        ),
    }


def _num(amount: object) -> str | None:
    return None if amount is None else str(amount)


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
        observations: figures for any organisations and metrics; those of metrics the edition
            does not measure are ignored.
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
    """
    as_of = to_as_of(as_of)
    known = frozenset(m.id for m in guidance.metrics)
    by_org: dict[str, list[Observation | CaseRecord]] = defaultdict(list)
    warnings: list[str] = []
    for obs in observations:
        if not isinstance(obs, Observation | CaseRecord):
            raise InvalidObservationError(
                f"{obs!r} ({type(obs).__name__}) is not an Observation or CaseRecord",
                field="observations",
                example="Observation(org='RBD', metric=..., period='2021-12', value='87.5 %')",
            )
        if isinstance(obs, Observation) and obs.metric in known:
            try:  # checked, and a bare number read in the metric's unit (or refused)
                obs = guidance.metric(obs.metric).resolve(obs)  # noqa: PLW2901
            except InvalidObservationError as exc:
                warnings.append(f"left out: {exc}")
                continue
        by_org[obs.org].append(obs)

    org_list: list[tuple[str, Organisation | None]]
    if orgs is None:
        org_list = [(code, None) for code in sorted(by_org)]
    else:
        org_list = [(o.code, o) for o in orgs]

    assessments: list[Assessment] = []
    for done, (code, org) in enumerate(org_list, start=1):
        figures = by_org.get(code, [])
        measured = {o.metric for o in figures}
        for target in guidance.targets:
            if org is None and target.metric not in measured:
                continue
            metric = guidance.metric(target.metric) if target.metric in known else None
            assessment = evaluate(
                target,
                figures,
                as_of=as_of,
                org=code,
                org_type=org.type if org is not None else None,
                metric=metric,
            )
            if spc and metric is not None:
                assessment = _with_spc(assessment, metric, figures, as_of)
            assessments.append(assessment)
        if progress is not None:
            progress(done, len(org_list))
    return Report(
        edition=guidance.id,
        as_of=as_of,
        assessments=tuple(assessments),
        priorities={t.id: t.priority or "-" for t in guidance.targets},
        warnings=tuple(warnings),
    )


def _with_spc(
    assessment: Assessment, metric: Metric, figures: list[Observation | CaseRecord], as_of: date
) -> Assessment:
    """The assessment with the XmR reading of the organisation's monthly series attached."""
    from nhsplan.spc import summarise, xmr  # noqa: PLC0415 - only when asked for

    series = sorted(
        (
            o
            for o in figures
            if isinstance(o, Observation)
            and o.metric == metric.id
            and isinstance(o.period, Month)
            and o.period.end <= as_of
        ),
        key=lambda o: o.period.start,
    )
    if len(series) < 2:
        return assessment
    unit = assessment.required.unit if assessment.required is not None else metric.unit
    values = [o.amount.to(unit).magnitude for o in series]
    target = assessment.required.magnitude if assessment.required is not None else None
    chart = xmr(values, polarity=metric.polarity, target=target)
    summary = summarise(chart)
    return assessment if summary is None else attrs.evolve(assessment, spc=summary)
