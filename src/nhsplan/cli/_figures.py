"""The figures file given to ``nhsplan evaluate``, recognised by its header.

nhsplan's own observation file is read with :func:`~nhsplan.io.readers.read_observations_csv`;
NHS England's published A&E attendances file and RTT full CSV are recognised by their header
and read with :func:`~nhsplan.io.readers.read_ae_attendances` and
:func:`~nhsplan.io.readers.read_rtt_full_csv`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, TextIO

from nhsplan.cli._common import CommandError

if TYPE_CHECKING:
    from nhsplan.io.readers import SourceResult
    from nhsplan.model import Guidance

__all__ = ["columnar_file", "read_figures"]

_AE = frozenset({"period", "org_code", "type", "attendances", "breaches"})
_RTT = frozenset({"Period", "Provider Org Code", "RTT Part Type", "Treatment Function Code"})
_OBSERVATIONS = frozenset({"org", "metric", "period"})


PART_BYTES: Final = 8_000_000
"""An observation file larger than this is read in parts of about this size, one group of
organisations at a time, so memory stays flat as the file grows."""


def columnar_file(name: str) -> bool:
    """Whether *name* is an observation file to read column-wise (the duckdb extra installed).

    A Parquet file, or a CSV whose header is an observation file's (not a published A&E or
    RTT file, which their own readers read).
    """
    import importlib.util  # noqa: PLC0415 - keep --help fast

    if not all(importlib.util.find_spec(m) for m in ("duckdb", "narwhals")):
        return False
    if name.lower().endswith(".parquet"):
        return True
    try:
        with open(name, encoding="utf-8", newline="") as stream:
            first = stream.readline()
    except (OSError, UnicodeDecodeError):
        return False  # the row reader says what is wrong
    header = {cell.strip() for cell in next(csv.reader([first]), [])}
    if header >= _AE or header >= _RTT:
        return False
    return bool({cell.lower() for cell in header} & _OBSERVATIONS)


def read_figures(
    stream: TextIO, name: str, guidances: Sequence[Guidance], *, skip_invalid: bool
) -> Iterable[SourceResult]:
    """Read *stream* with the reader its header names, in parts if it is a large file.

    Raises:
        CommandError: the header is none of the formats; or a published file's figures are
            measured by none of *guidances* (the error names the edition that measures them).
    """
    from nhsplan.io import readers as sources  # noqa: PLC0415 - keep --help fast
    from nhsplan.io.readers._quality import NOT_UTF8  # noqa: PLC0415

    try:
        if name != "<stdin>" and stream.seekable():
            first = stream.readline()
            stream.seek(0)
        else:  # standard input: held, so the reader sees what the header check read
            stream = _named(io.StringIO(stream.read(), newline=""), name)
            first = stream.readline()
            stream.seek(0)
    except UnicodeDecodeError as exc:
        if stream.seekable():  # the reader names the row, as it does for evaluate_file
            stream.seek(0)
            try:
                return [
                    sources.read_observations_csv(
                        stream, skip_invalid=skip_invalid, guidance=guidances
                    )
                ]
            except sources.SourceFileError as read:
                if len(read.issues) != 1:
                    raise
                raise CommandError(str(read.issues[0])) from None  # one line: where and what
        raise CommandError(f"{name} is not UTF-8 text ({exc.reason}); {NOT_UTF8}") from None
    header = {cell.strip() for cell in next(csv.reader([first]), [])}
    if header >= _AE:
        result = sources.read_ae_attendances(stream)
        return [_published(result, name, "an A&E attendances file", guidances)]
    if header >= _RTT:
        result = sources.read_rtt_full_csv(stream)
        return [_published(result, name, "an RTT full CSV", guidances)]
    if not {cell.lower() for cell in header} & _OBSERVATIONS:
        raise CommandError(
            f"{name} is not a figures file nhsplan reads: give an observations CSV (columns "
            f"{', '.join(sources.OBSERVATION_COLUMNS)}), NHS England's A&E attendances file "
            f"(columns period, org_code, type, attendances, breaches, admissions) or an RTT "
            f"full CSV; its header starts {first[:60].strip()!r}"
        )
    try:  # a file on disk can be read in parts; standard input was held already
        size = os.fstat(stream.fileno()).st_size if stream.seekable() else 0
    except (OSError, io.UnsupportedOperation):
        size = 0
    if size > PART_BYTES:
        return sources.read_observations_by_org(
            name, parts=-(-size // PART_BYTES), skip_invalid=skip_invalid, guidance=guidances
        )
    return [sources.read_observations_csv(stream, skip_invalid=skip_invalid, guidance=guidances)]


def _published(
    result: SourceResult, name: str, kind: str, guidances: Sequence[Guidance]
) -> SourceResult:
    """*result* if the editions measure some of its metrics; else an error naming one that does."""
    from nhsplan.catalog import editions, load_guidance  # noqa: PLC0415

    produced = sorted({o.metric for o in result.observations})
    known = {m.id for g in guidances for m in g.metrics}
    if not produced or known.intersection(produced):
        return result
    homes = [e for e in editions() if {m.id for m in load_guidance(e).metrics} & set(produced)]
    # the standards first (a standing metric lives there), then the newest edition
    homes.sort(key=lambda e: (e != "standards", -editions().index(e)))
    ids = " and ".join(repr(g.id) for g in guidances)
    add = f"; add --edition {homes[0]}" if homes else ""
    raise CommandError(
        f"{name} is {kind}: it gives {', '.join(produced)}, which edition {ids} does not "
        f"measure{add}"
    )


def _named(stream: io.StringIO, name: str) -> io.StringIO:
    stream.name = name  # issues name the file they came from
    return stream
