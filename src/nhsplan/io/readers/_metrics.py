"""Metric ids an observation file names that the guidance does not define.

The error, and the one wording of the hint: a shipped edition that defines the metric, or the
closest known id.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from nhsplan.errors import UnknownMetricError
from nhsplan.io.readers._cells import ObservationFileError
from nhsplan.io.readers._quality import DataQualityIssue

__all__ = [
    "MetricNotInGuidanceError",
    "Unknown",
    "editions_words",
    "metric_hint",
    "read_outcome",
    "unknown_metric_error",
    "unknown_metric_words",
]

Unknown = tuple[int, str, str]
"""A row whose metric no guidance given defines: its row, the metric, and the issue's words
(:func:`unknown_metric_words`)."""


class MetricNotInGuidanceError(UnknownMetricError):
    """A metric an observation file names that the guidance given does not define.

    Attributes:
        editions: the shipped editions that do define it (load one of them too).
    """

    def __init__(
        self,
        metric: str,
        *,
        closest: tuple[str, ...],
        where: str | None = None,
        editions: tuple[str, ...] = (),
    ) -> None:
        self.editions = editions
        super().__init__(metric, closest=() if editions else closest, where=where)
        if editions:
            self.args = (f"{self.args[0]}; {metric} is in {editions_words(editions)}: load it too",)


# Raised from here, shown (tracebacks, docs) by the public module that exports it.
MetricNotInGuidanceError.__module__ = "nhsplan.io.readers.observations"


def metric_hint(metric: str, known: Iterable[str]) -> str:
    """Where else an unknown *metric* is: a shipped edition, or the closest of the *known* ids.

    The one wording of the hint, for every reader of observations (row by row or
    column-wise): ``" (it is in edition 'standards')"``, ``" (did you mean 'ae_4_hour'?)"``
    or ``""``.
    """
    homes = _editions_defining(metric)
    if homes:
        return f" (it is in {editions_words(homes)})"
    closest = _closest(metric, known)
    return f" (did you mean {' or '.join(repr(c) for c in closest)}?)" if closest else ""


def editions_words(editions: Sequence[str]) -> str:
    """``"edition 'standards'"``, or ``"editions 'standards', '2026-29' and '2025/26'"``."""
    names = [repr(e) for e in editions]
    if len(names) == 1:
        return f"edition {names[0]}"
    return f"editions {', '.join(names[:-1])} and {names[-1]}"


def _editions_defining(metric: str) -> tuple[str, ...]:
    from nhsplan.catalog import editions, load_guidance  # noqa: PLC0415 - only on this error

    # The standards first (a standing metric lives there), then the newest edition first.
    found = [e for e in editions() if any(m.id == metric for m in load_guidance(e).metrics)]
    return tuple(sorted(found, key=lambda e: (e != "standards", -editions().index(e))))


def _closest(metric: str, known: Iterable[str]) -> tuple[str, ...]:
    return tuple(difflib.get_close_matches(metric, sorted(known), n=3, cutoff=0.5))


def unknown_metric_words(metric: str, guidance_ids: Sequence[str], known: Iterable[str]) -> str:
    """The words of the issue of a row whose metric no guidance given defines (every reader).

    ``"unknown metric 'ae_4_hour' in guidance '2021/22' (it is in edition 'standards')"``.
    """
    ids = " and ".join(repr(g) for g in guidance_ids)
    return f"unknown metric {metric!r} in guidance {ids}{metric_hint(metric, known)}"


def unknown_metric_error(
    unknown: Sequence[Unknown], *, source: str, guidance_ids: Sequence[str], known: Iterable[str]
) -> MetricNotInGuidanceError:
    """The error for rows whose metric the guidance does not define, for every reader.

    Names the first such metric, its rows (ten, then how many more), the other unknown
    metrics, the guidance, and the shipped editions that define it (else the closest ids).
    """
    _row, metric, _words = unknown[0]
    rows = [str(row) for row, m, _ in unknown if m == metric]
    others = sorted({m for _row, m, _ in unknown} - {metric})
    also = f"; also unknown: {', '.join(repr(m) for m in others)}" if others else ""
    plural = "s" if len(rows) > 1 else ""
    shown = ", ".join(rows[:10]) + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")
    ids = " and ".join(repr(g) for g in guidance_ids)
    return MetricNotInGuidanceError(
        metric,
        closest=_closest(metric, known),
        where=f"{source} row{plural} {shown} (guidance {ids}{also})",
        editions=_editions_defining(metric),
    )


def read_outcome(
    issues: Sequence[DataQualityIssue],
    unknown: Sequence[Unknown],
    *,
    source: str,
    skip_invalid: bool,
    guidance_ids: Sequence[str],
    known: Iterable[str],
) -> list[DataQualityIssue]:
    """What a read of observations ends in, for every reader (row by row or column-wise).

    With *skip_invalid*: every issue, an unknown metric's row among them, in row order.
    Without: the error. Rows with other problems and rows of unknown metrics are listed
    together (``ObservationFileError``), so a file is fixed in one go; rows of unknown metrics
    alone raise :class:`MetricNotInGuidanceError`, which names the edition to add.
    """
    skipped = "; row skipped" if skip_invalid else ""
    every = [*issues] + [
        DataQualityIssue(
            source=source, row=row, column="metric", value=metric, message=words + skipped
        )
        for row, metric, words in unknown
    ]
    every.sort(key=lambda issue: issue.row)
    if not skip_invalid:
        if issues:
            raise ObservationFileError(every, source=source)
        if unknown:
            raise unknown_metric_error(
                unknown, source=source, guidance_ids=guidance_ids, known=known
            )
    return every
