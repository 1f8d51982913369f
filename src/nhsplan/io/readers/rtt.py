"""Referral to treatment (RTT): NHS England's published "full CSV", incomplete pathways.

The full CSV has one row per provider, commissioner, treatment function and RTT part, with the
number of pathways in each weekly wait band (``Gt 00 To 01 Weeks SUM 1`` ... ``Gt 103 To 104
Weeks SUM 1``, ``Gt 104 Weeks SUM 1``) and three totals. :func:`read_rtt_full_csv` reads the
incomplete pathways (``Part_2``; the other parts are completed pathways, new periods and the
``Part_2A`` subset with a decision to admit, and are not read: one issue per part type says
how many rows were passed over) and gives, per provider and month:

- ``rtt_18_weeks_incomplete``: numerator = pathways waiting 18 weeks or less (bands ``Gt 00 To
  01`` ... ``Gt 17 To 18``), denominator = every pathway in a wait band;
- ``rtt_52_week_waiters``, ``rtt_65_week_waiters``, ``rtt_78_week_waiters``,
  ``rtt_104_week_waiters``: pathways waiting *more* than N weeks (bands ``Gt N To N+1`` upward,
  ``Gt 104 Weeks`` included), in unit ``pathway``.

Decisions, each reported where the data makes it matter:

- **Part type spelling.** ``part_2``, ``Part 2`` and ``PART-2`` are read as ``Part_2`` (case,
  spaces, hyphens and underscores do not matter), and the spelling is reported; a part type
  that is none of ``Part_1A``, ``Part_1B``, ``Part_2``, ``Part_2A``, ``Part_3`` is reported
  with its rows and excluded.

- **Unknown clock start.** A pathway in ``Patients with unknown clock start date`` has no wait,
  so it is in no band: it is left out of the 18-week numerator *and* denominator and out of the
  N-week counts, as the published percentages (computed on known clock starts) do. ``Total All``
  (bands + unknown) is checked, not used. Each used row with such pathways is an issue.
- **``Total``** (known clock starts) is blank on incomplete-pathway rows in the published file;
  where given it is checked against the band sum, and the band sum is used.
- **``C_999`` totals.** Treatment function ``C_999`` rows are each commissioner's total over the
  other rows: the ``C_999`` row is used and the other rows only checked against it (a difference
  is an issue naming the columns; the ``C_999`` figure is kept). Where a commissioner has no
  usable ``C_999`` row, its treatment-function rows are summed instead, and that is an issue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Final, TextIO

import attrs

from nhsplan.calendar import Month
from nhsplan.errors import PeriodParseError
from nhsplan.io.readers._quality import (
    CsvSource,
    IssueLog,
    SourceFileError,
    SourceResult,
    csv_rows,
    full_rows,
    is_org_code,
    open_csv,
    parse_count,
    read_header,
    source_name,
)
from nhsplan.model import Observation
from nhsplan.units import quantity

__all__ = [
    "RTT_18_WEEKS",
    "RTT_BANDS",
    "RTT_TOTAL_FUNCTION",
    "RTT_WAITERS",
    "read_rtt_full_csv",
]

RTT_18_WEEKS: Final = "rtt_18_weeks_incomplete"
"""The proportion metric: incomplete pathways waiting 18 weeks or less."""
RTT_WAITERS: Final[Mapping[int, str]] = MappingProxyType(
    {
        52: "rtt_52_week_waiters",
        65: "rtt_65_week_waiters",
        78: "rtt_78_week_waiters",
        104: "rtt_104_week_waiters",
    }
)
"""Weeks N -> the count metric of incomplete pathways waiting more than N weeks."""
RTT_BANDS: Final = (
    *(f"Gt {week:02d} To {week + 1:02d} Weeks SUM 1" for week in range(104)),
    "Gt 104 Weeks SUM 1",
)
"""The weekly wait-band columns, shortest first: band *i* holds waits over *i* weeks."""
RTT_TOTAL_FUNCTION: Final = "C_999"
"""The treatment function code of the total rows."""

_INCOMPLETE: Final = "Part_2"
_PART_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "Part_1A": "completed admitted pathways",
        "Part_1B": "completed non-admitted pathways",
        "Part_2": "incomplete pathways",
        "Part_2A": "incomplete pathways with a decision to admit",
        "Part_3": "new RTT periods",
    }
)
_PART_KEY: Final = re.compile(r"[\s_\-]+")
_PART_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {_PART_KEY.sub("", part).upper(): part for part in _PART_NAMES}
)
"""``PART2`` -> ``Part_2``: a part type is read whatever its case and separators."""
_PERIOD, _PROVIDER, _COMMISSIONER, _PART, _FUNCTION = (
    "Period",
    "Provider Org Code",
    "Commissioner Org Code",
    "RTT Part Type",
    "Treatment Function Code",
)
_TOTAL, _UNKNOWN, _TOTAL_ALL = "Total", "Patients with unknown clock start date", "Total All"
_COUNTED: Final = (*RTT_BANDS, _UNKNOWN)
"""The columns summed over rows: the bands, then the unknown clock starts."""
_REQUIRED: Final = (
    _PERIOD,
    _PROVIDER,
    _COMMISSIONER,
    _PART,
    _FUNCTION,
    *RTT_BANDS,
    _TOTAL,
    _UNKNOWN,
    _TOTAL_ALL,
)
_EXAMPLE: Final = (
    "Period,Provider Org Code,Commissioner Org Code,RTT Part Type,Treatment Function Code,"
    "Gt 00 To 01 Weeks SUM 1,...,Gt 104 Weeks SUM 1,Total,"
    "Patients with unknown clock start date,Total All\n"
    "  RTT-November-2024,RBD,11J,Part_2,C_999,1200,...,0,,,21702"
)
_EXPECTED: Final = "an RTT full CSV (NHS England's published format)"
_PERIOD_TEXT: Final = re.compile(r"RTT-(?P<month>[A-Za-z]+)-(?P<year>\d{4})")
_WITHIN_18: Final = 18
"""Bands 0-17 (``Gt 00 To 01`` ... ``Gt 17 To 18``) are waits of 18 weeks or less."""


def read_rtt_full_csv(file: CsvSource) -> SourceResult:
    """Read incomplete RTT pathways from a published full CSV, per provider and month.

    Args:
        file: a path or an open text file, in NHS England's RTT full CSV format.

    Returns:
        For each provider and month, one ``rtt_18_weeks_incomplete`` observation (numerator
        and denominator) and the four N-week waiter counts, ordered by month and provider; and
        every data-quality issue (see the module documentation for what each means).

    Raises:
        SourceFileError: a column of the format is missing.
    """
    with open_csv(file) as stream:
        return _read(stream, source_name(file))


@attrs.frozen
class _Row:
    row: int
    function: str
    counts: tuple[int, ...]
    """One count per column of ``_COUNTED``."""


@attrs.define
class _Group:
    """One provider and commissioner in one month: its C_999 rows and its other rows."""

    totals: list[_Row] = attrs.Factory(list)
    parts: list[_Row] = attrs.Factory(list)


class _Reader(IssueLog):
    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.months: dict[str, Month | None] = {}
        self.groups: dict[tuple[Month, str, str], _Group] = {}
        self.parts: dict[tuple[str, str | None], list[int]] = {}
        """(part type as written, the part it is) -> rows, for each not written Part_2."""

    def month(self, text: str) -> Month | None:
        if text not in self.months:
            found = _PERIOD_TEXT.fullmatch(text.strip())
            try:
                month = Month.parse(f"{found['month']} {found['year']}") if found else None
            except PeriodParseError:
                month = None
            self.months[text] = month
        return self.months[text]

    def add(self, row: int, record: list[str], at: dict[str, int]) -> None:
        text = record[at[_PART]]
        part = _PART_TYPES.get(_PART_KEY.sub("", text).upper())
        if part != _INCOMPLETE or text.strip() != _INCOMPLETE:
            self.parts.setdefault((text, part), []).append(row)
        if part != _INCOMPLETE:
            return
        period_text, provider = record[at[_PERIOD]], record[at[_PROVIDER]].strip()
        month = self.month(period_text)
        if month is None:
            self.issue(
                row,
                _PERIOD,
                period_text,
                "not an RTT month (for example 'RTT-November-2024'); excluded from every figure",
            )
            return
        if not is_org_code(provider):
            self.issue(
                row,
                _PROVIDER,
                record[at[_PROVIDER]],
                f"not an ODS organisation code; excluded from every figure for {month}",
            )
            return
        commissioner = record[at[_COMMISSIONER]].strip()
        function = record[at[_FUNCTION]].strip()
        counts = self._counts(row, record, at, f"{provider} {month}")
        if counts is None:
            return
        group = self.groups.setdefault((month, provider, commissioner), _Group())
        (group.totals if function == RTT_TOTAL_FUNCTION else group.parts).append(
            _Row(row, function, counts)
        )

    def _counts(
        self, row: int, record: list[str], at: dict[str, int], what: str
    ) -> tuple[int, ...] | None:
        counts: list[int] = []
        blank: list[str] = []
        usable = True
        for column in _COUNTED:
            text = record[at[column]]
            if not text.strip():
                counts.append(0)
                if column != _UNKNOWN:  # blank on incomplete-pathway rows in the published file
                    blank.append(column)
                continue
            number = parse_count(text)
            if number is None or number < 0:
                problem = "not a whole number" if number is None else "a negative count"
                self.issue(row, column, text, f"{problem}; row excluded from every figure")
                usable = False
                continue
            counts.append(number)
        if not usable:
            return None
        if blank:
            self.issue(
                row,
                blank[0],
                "",
                f"{len(blank)} wait-band cell(s) blank, from {blank[0]!r}; read as 0, row kept",
            )
        band_sum = sum(counts[: len(RTT_BANDS)])
        total = parse_count(record[at[_TOTAL]])
        if record[at[_TOTAL]].strip() and total != band_sum:
            self.issue(
                row,
                _TOTAL,
                record[at[_TOTAL]],
                f"differs from the sum of the wait bands ({band_sum}); the band sum is used "
                f"for {what}",
            )
        total_all = parse_count(record[at[_TOTAL_ALL]])
        if record[at[_TOTAL_ALL]].strip() and total_all != band_sum + counts[-1]:
            self.issue(
                row,
                _TOTAL_ALL,
                record[at[_TOTAL_ALL]],
                f"differs from the wait bands plus unknown clock starts ({band_sum + counts[-1]});"
                f" not used, row kept for {what}",
            )
        return tuple(counts)

    def used(self, key: tuple[Month, str, str], group: _Group) -> list[_Row]:
        """The rows whose counts make up the group's totals, reporting what was chosen."""
        month, provider, commissioner = key
        who = f"provider {provider}, commissioner {commissioner or '(blank)'}, {month}"
        if not group.totals:
            first = group.parts[0]
            self.issue(
                first.row,
                _FUNCTION,
                first.function,
                f"no usable {RTT_TOTAL_FUNCTION} total row for {who}; its "
                f"{len(group.parts)} treatment-function rows were summed instead",
            )
            return group.parts
        chosen, *repeats = group.totals
        for repeat in repeats:
            self.issue(
                repeat.row,
                _FUNCTION,
                repeat.function,
                f"a second {RTT_TOTAL_FUNCTION} row for {who} (the first is row {chosen.row}); "
                "excluded from every figure",
            )
        if group.parts:
            self._compare(chosen, group.parts, who)
        return [chosen]

    def _compare(self, total: _Row, parts: Sequence[_Row], who: str) -> None:
        summed = _sum(parts)
        differ = [i for i, (a, b) in enumerate(zip(total.counts, summed, strict=True)) if a != b]
        if differ:
            i = differ[0]
            self.issue(
                total.row,
                _COUNTED[i],
                str(total.counts[i]),
                f"the {RTT_TOTAL_FUNCTION} total for {who} differs from the sum of its "
                f"{len(parts)} treatment-function rows ({summed[i]}) in {len(differ)} column(s); "
                f"the {RTT_TOTAL_FUNCTION} row was used",
            )

    def report_parts(self) -> None:
        """One issue per part type not read, or read from another spelling of Part_2."""
        for (text, part), rows in self.parts.items():
            shown = ", ".join(map(str, rows[:5])) + (
                f" and {len(rows) - 5} more" if len(rows) > 5 else ""
            )
            where = f"{len(rows)} row(s) ({shown})"
            if part == _INCOMPLETE:
                message = f"{where} write the part type {text!r}: read as {_INCOMPLETE}"
            elif part is not None:
                message = (
                    f"{where} of part type {part} ({_PART_NAMES[part]}): not read; this reader "
                    f"reads incomplete pathways ({_INCOMPLETE})"
                )
            else:
                message = (
                    f"{where} of part type {text!r}, which is not an RTT part type "
                    f"({', '.join(_PART_NAMES)}); excluded from every figure"
                )
            self.issue(rows[0], _PART, text, message)

    def observations(self) -> Iterator[Observation]:
        self.report_parts()
        providers: dict[tuple[Month, str], list[_Row]] = {}
        for key, group in self.groups.items():
            used = self.used(key, group)
            providers.setdefault(key[:2], []).extend(used)
            for r in used:
                if r.counts[-1]:
                    self.issue(
                        r.row,
                        _UNKNOWN,
                        str(r.counts[-1]),
                        f"{r.counts[-1]} pathway(s) with an unknown clock start: in no wait band, "
                        f"so left out of {RTT_18_WEEKS} (numerator and denominator) and of the "
                        "N-week counts; kept in no figure",
                    )
        for (month, provider), rows in sorted(providers.items()):
            bands = _sum(rows)[: len(RTT_BANDS)]
            pathways = sum(bands)
            if pathways:
                yield Observation(
                    org=provider,
                    metric=RTT_18_WEEKS,
                    period=month,
                    numerator=sum(bands[:_WITHIN_18]),
                    denominator=pathways,
                )
            else:
                self.issue(
                    rows[-1].row,
                    None,
                    None,
                    f"no incomplete pathways in any wait band for {provider} in {month}: "
                    f"no {RTT_18_WEEKS} observation",
                )
            for weeks, metric in RTT_WAITERS.items():
                yield Observation(
                    org=provider,
                    metric=metric,
                    period=month,
                    value=quantity(sum(bands[weeks:]), "pathway"),
                )


def _sum(rows: Sequence[_Row]) -> list[int]:
    return [sum(column) for column in zip(*(r.counts for r in rows), strict=True)] or [0] * len(
        _COUNTED
    )


def _read(stream: TextIO, source: str) -> SourceResult:
    reader = csv_rows(
        stream,
        source=source,
        fail=lambda issue: SourceFileError(
            [issue], source=source, example=_EXAMPLE, expected=_EXPECTED
        ),
    )
    at = read_header(
        reader, source=source, required=_REQUIRED, example=_EXAMPLE, expected=_EXPECTED
    )
    width = max(at[c] for c in _REQUIRED) + 1
    state = _Reader(source)
    for row, record in full_rows(reader, state, width=width, excluded_from="every figure"):
        state.add(row, record, at)
    observations = tuple(state.observations())
    return SourceResult(observations=observations, issues=state.issues)
