"""A&E attendances and emergency admissions: the 4-hour standard, per provider and for England.

The file has one row per month, provider and department type (``1`` major A&E, ``2``
single-specialty, ``other`` = type 3, UTCs and minor injury units)::

    period,org_code,type,attendances,breaches,admissions
    2017-03-01,RF4,1,21289,2879,5060

4-hour performance is the share of attendances that were not breaches, summed over department
types *before* dividing (averaging the per-type percentages is wrong). For each provider and
month, and for ``ENGLAND`` (every provider), :func:`read_ae_attendances` gives an
``ae_4_hour`` observation with numerator Σ(attendances - breaches) and denominator Σattendances.

>>> result = read_ae_attendances()   # the bundled data, April 2016 - March 2019
>>> england = result.select(org=ENGLAND)
>>> print(england[0].period, england[0].amount.format())
2016-04 90.04%
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, TextIO

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
    open_bundled,
    open_csv,
    parse_count,
    read_header,
    source_name,
)
from nhsplan.model import Observation

__all__ = [
    "AE_METRIC",
    "ENGLAND",
    "ae_england_monthly",
    "ae_major_departments",
    "read_ae_attendances",
]

AE_METRIC: Final = "ae_4_hour"
"""The metric the adapter produces."""
ENGLAND: Final = "ENGLAND"
"""The org code of the national figure: the sum over every provider in the file, or, for a
month where the file has rows coded ``ENGLAND``, those rows (a difference from the sum over
providers is reported); an ``ENGLAND`` row is never added into the sum as a provider."""

BUNDLED: Final = "ae_attendances.csv"
_BUNDLED_NAME: Final = f"nhsplan.data/{BUNDLED}"
_COLUMNS: Final = ("period", "org_code", "type", "attendances", "breaches", "admissions")
_TYPES: Final = frozenset({"1", "2", "other"})
_EXAMPLE: Final = (
    "period,org_code,type,attendances,breaches,admissions\n  2019-03-01,RBD,1,4567,789,1234"
)
_EXPECTED: Final = "A&E attendances (columns " + ", ".join(_COLUMNS) + ")"


def read_ae_attendances(file: CsvSource | None = None) -> SourceResult:
    """Read monthly A&E attendances into ``ae_4_hour`` observations, per provider and England.

    Args:
        file: a path or an open text file; None reads the data bundled with nhsplan (NHS
            England, April 2016 - March 2019, via NHSRdatasets; Open Government Licence v3.0).

    Returns:
        Observations ordered by month, then ``ENGLAND``, then providers by code; and every
        data-quality issue found. Oddities are reported, not fixed: a row whose breaches or
        attendances cannot be used (unreadable, negative, breaches above attendances, a repeat
        of an earlier row, an unreadable month or org code) is excluded from the figures and
        the issue says which; admissions above attendances and unknown department types are
        reported and the row kept (admissions do not enter the 4-hour figure).

    Raises:
        SourceFileError: the file lacks one of the columns.

    >>> result = read_ae_attendances()
    >>> len(result.select(org=ENGLAND)), len(result.issues)
    (36, 1)
    >>> print(result.issues[0].message)
    admissions (92) above attendances (74) for RTX type 2 in 2018-10;
    kept: admissions do not enter ae_4_hour
    """
    if file is None:
        with open_bundled(BUNDLED) as stream:
            return _read(stream, _BUNDLED_NAME)
    with open_csv(file) as stream:
        return _read(stream, source_name(file))


def ae_england_monthly(file: CsvSource | None = None) -> tuple[tuple[Month, int, int], ...]:
    """England's 4-hour figure per month: ``(month, within 4 hours, attendances)``, in order.

    Args:
        file: as for :func:`read_ae_attendances` (None: the bundled data).

    >>> rows = ae_england_monthly()
    >>> month, within, attendances = rows[-1]
    >>> print(month, within, attendances, f"{100 * within / attendances:.2f} %")
    2019-03 1877191 2167550 86.60 %
    """
    return tuple(
        (o.period, int(o.numerator), int(o.denominator))
        for o in read_ae_attendances(file).select(org=ENGLAND)
        if isinstance(o.period, Month) and o.numerator is not None and o.denominator is not None
    )


def ae_major_departments(file: CsvSource | None = None) -> dict[Month, frozenset[str]]:
    """The providers with a type-1 A&E department, by month: those reporting type-1 attendances.

    Type 1 is a consultant-led, 24-hour major emergency department, as acute trusts run;
    a provider that reports only type 2 or other attendances (a walk-in centre, a minor
    injury unit, a community trust's urgent care) is not among them. England is not a
    provider. Rows the reader leaves out of the figures are left out here too.

    Args:
        file: as for :func:`read_ae_attendances` (None: the bundled data).

    >>> majors = ae_major_departments()
    >>> march_2019 = majors[Month(2019, 3)]
    >>> "RBD" in march_2019, "RYY" in march_2019, len(march_2019)
    (True, False, 134)
    """
    if file is None:
        with open_bundled(BUNDLED) as stream:
            reader = _reader(stream, _BUNDLED_NAME)
    else:
        with open_csv(file) as stream:
            reader = _reader(stream, source_name(file))
    out: dict[Month, set[str]] = {}
    for month, org in reader.major:
        out.setdefault(month, set()).add(org)
    return {month: frozenset(orgs) for month, orgs in sorted(out.items())}


class _Reader(IssueLog):
    """One pass over the file, collecting totals and issues."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.months: dict[str, Month | PeriodParseError] = {}
        self.totals: dict[tuple[Month, str], list[int]] = {}
        """(month, org) -> [attendances, breaches, last row]."""
        self.seen: dict[tuple[Month, str, str], int] = {}
        self.major: set[tuple[Month, str]] = set()
        """(month, org) of the rows of type-1 attendances counted."""
        self.national: dict[tuple[Month, str], list[int]] = {}
        """(month, ENGLAND) -> the file's own England rows, summed over types."""

    def month(self, text: str) -> Month | PeriodParseError:
        found = self.months.get(text)
        if found is None:
            try:
                found = Month.parse(text.strip())
            except PeriodParseError as exc:
                found = exc
            self.months[text] = found
        return found

    def add(self, row: int, record: list[str], at: dict[str, int]) -> None:
        period_text, org_text, kind, att_text, br_text, adm_text = (record[at[c]] for c in _COLUMNS)
        org = org_text.strip()
        month = self.month(period_text)
        if isinstance(month, PeriodParseError):
            self.issue(
                row,
                "period",
                period_text,
                f"not a month ({month.reason or 'write the first day, 2019-03-01'}); "
                "excluded from every ae_4_hour figure",
            )
            return
        if not is_org_code(org):
            self.issue(
                row,
                "org_code",
                org_text,
                "not an ODS organisation code (upper-case letters and digits); "
                f"excluded from every ae_4_hour figure for {month}",
            )
            return
        excluded = f"excluded from ae_4_hour for {org} and {ENGLAND} in {month}"
        attendances, breaches = parse_count(att_text), parse_count(br_text)
        for column, text, number in (
            ("attendances", att_text, attendances),
            ("breaches", br_text, breaches),
        ):
            if number is None:
                self.issue(row, column, text, f"not a whole number; {excluded}")
            elif number < 0:
                self.issue(row, column, text, f"a negative count; {excluded}")
        if attendances is None or breaches is None or attendances < 0 or breaches < 0:
            return
        if breaches > attendances:
            self.issue(
                row,
                "breaches",
                br_text,
                f"breaches ({breaches}) above attendances ({attendances}); {excluded}",
            )
            return
        key = (month, org, kind.strip())
        first = self.seen.setdefault(key, row)
        if first != row:
            self.issue(
                row,
                None,
                None,
                f"a second row for {org} type {kind.strip()} in {month} (the first is row "
                f"{first}); {excluded}",
            )
            return
        self._check_admissions(
            row, org=org, month=month, kind=kind, attendances=attendances, text=adm_text
        )
        # a row coded ENGLAND is the file's own national figure: kept apart, never summed
        # into the national total a second time (see observations())
        table = self.national if org == ENGLAND else self.totals
        if kind.strip() == "1" and attendances > 0 and org != ENGLAND:
            self.major.add((month, org))
        totals = table.setdefault((month, org), [0, 0, row])
        totals[0] += attendances
        totals[1] += breaches
        totals[2] = row

    def _check_admissions(
        self, row: int, *, org: str, month: Month, kind: str, attendances: int, text: str
    ) -> None:
        if kind.strip() not in _TYPES:
            self.issue(
                row,
                "type",
                kind,
                "not a department type (1, 2 or other); kept: counted in the all-types figure",
            )
        admissions = parse_count(text)
        kept = "kept: admissions do not enter ae_4_hour"
        if admissions is None:
            self.issue(row, "admissions", text, f"not a whole number; {kept}")
        elif admissions < 0:
            self.issue(row, "admissions", text, f"a negative count; {kept}")
        elif admissions > attendances:
            self.issue(
                row,
                "admissions",
                text,
                f"admissions ({admissions}) above attendances ({attendances}) for {org} "
                f"type {kind.strip()} in {month}; {kept}",
            )

    def observations(self) -> Iterator[Observation]:
        england: dict[Month, list[int]] = {}
        for (month, _org), (attendances, breaches, row) in self.totals.items():
            total = england.setdefault(month, [0, 0, row])
            total[0] += attendances
            total[1] += breaches
            total[2] = max(total[2], row)
        for (month, _org), given in self.national.items():
            summed = england.get(month)
            if summed is not None and summed[:2] != given[:2]:
                self.issue(
                    given[2],
                    "org_code",
                    ENGLAND,
                    f"the file's {ENGLAND} figure for {month} ({given[0] - given[1]} of "
                    f"{given[0]} within 4 hours) differs from the sum over its providers "
                    f"({summed[0] - summed[1]} of {summed[0]}); the file's figure is used",
                )
            england[month] = given
        groups = [((m, ENGLAND), t) for m, t in england.items()]
        groups += self.totals.items()
        groups.sort(key=lambda item: (item[0][0], item[0][1] != ENGLAND, item[0][1]))
        for (month, org), (attendances, breaches, row) in groups:
            if attendances == 0:
                self.issue(
                    row,
                    "attendances",
                    "0",
                    f"no attendances for {org} in {month}: no ae_4_hour observation",
                )
                continue
            yield Observation(
                org=org,
                metric=AE_METRIC,
                period=month,
                numerator=attendances - breaches,
                denominator=attendances,
            )


def _read(stream: TextIO, source: str) -> SourceResult:
    state = _reader(stream, source)
    observations = tuple(state.observations())
    return SourceResult(observations=observations, issues=state.issues)


def _reader(stream: TextIO, source: str) -> _Reader:
    reader = csv_rows(
        stream,
        source=source,
        fail=lambda issue: SourceFileError(
            [issue], source=source, example=_EXAMPLE, expected=_EXPECTED
        ),
    )
    at = read_header(reader, source=source, required=_COLUMNS, example=_EXAMPLE, expected=_EXPECTED)
    width = max(at[c] for c in _COLUMNS) + 1
    state = _Reader(source)
    for row, record in full_rows(
        reader, state, width=width, excluded_from="every ae_4_hour figure"
    ):
        state.add(row, record, at)
    return state
