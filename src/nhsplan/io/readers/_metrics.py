"""Metric ids an observation file names that the guidance does not define.

The error, and the one wording of the hint: a shipped edition that defines the metric, or the
closest known id.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from nhsplan.errors import UnknownMetricError

__all__ = ["MetricNotInGuidanceError", "editions_words", "metric_hint"]


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
