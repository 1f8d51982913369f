r"""NHS organisations by code and name: the NHS Digital ODS trust register.

A report that says "104 of 226 providers met the standard" must say which organisations it
counted. A&E and RTT files name organisations by their ODS code only, and mix NHS trusts with
independent-sector, walk-in, minor-injury and GP-led sites. :func:`read_ods_trusts` reads the
Organisation Data Service "etr" file (every NHS trust in England, one row each, no header) into
an :class:`OdsRegister` that names each trust and tells a trust from another kind of site.

nhsplan ships the register as it stood around 2015-16 (the file in :mod:`nhsplan.data`, with
its provenance); pass a newer ``etr.csv`` downloaded from NHS Digital to use that instead.

>>> ods = read_ods_trusts()
>>> ods["RBD"].name
'DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST'
>>> ods.is_trust("rbd"), ods.is_trust("8J094")
(True, False)
>>> ods.display("RBD")
'RBD Dorset County Hospital NHS Foundation Trust'
>>> ods.display("8J094")
'8J094 (not an NHS trust in the ODS register)'

Rows the reader cannot use are reported as data-quality issues, never dropped silently:

>>> import io
>>> text = "RXX,A TRUST,Y54,Q70,,,,,,,20100401,\n" + "not a row"
>>> bad = io.StringIO(text, newline="")
>>> register = read_ods_trusts(bad)
>>> len(register), [str(i) for i in register.issues]
(1, ["<stream> row 2 ('not a row'): 1 cells where the register has at least 12; not used"])
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Final

import attrs

from nhsplan._csv import reader as csv_reader
from nhsplan.errors import NhsplanError
from nhsplan.io.readers._quality import (
    CsvSource,
    DataQualityIssue,
    IssueLog,
    SourceFileError,
    is_org_code,
    open_bundled,
    open_csv,
    source_name,
)
from nhsplan.model.formats import upper_ascii

__all__ = [
    "ODS_FILE",
    "OdsOrganisation",
    "OdsRegister",
    "UnknownOrganisationError",
    "read_ods_trusts",
]

ODS_FILE: Final = "ods_etr_trusts.csv"
"""The register nhsplan ships: NHS Digital ODS ``etr.csv`` as it stood around 2015-16."""

_EXAMPLE: Final = (
    "RBD,DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST,Y57,Q70,...,DT1 2JY,20010401,,..."
)
_WIDTH: Final = 12  # code .. close date: the columns the register reads
_REGIONS: Final[Mapping[str, str]] = MappingProxyType(
    {"Y54": "North", "Y55": "Midlands and East", "Y56": "London", "Y57": "South"}
)
_SMALL_WORDS: Final = frozenset({"and", "of", "the", "for", "on", "upon", "in"})
_UPPER_WORDS: Final = frozenset({"NHS", "UK", "ENT"})


class UnknownOrganisationError(NhsplanError, LookupError):
    """A code that is not in the register."""


@attrs.frozen(kw_only=True)
class OdsOrganisation:
    """One NHS trust as the ODS register records it."""

    code: str
    """The ODS code (``"RBD"``)."""
    name: str
    """The name as registered, in capitals (``"DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST"``)."""
    national_grouping: str
    """The NHS England national grouping code (``Y54`` North ... ``Y57`` South)."""
    health_geography: str
    """The high-level health geography (an area team code, ``Q70``-``Q84``)."""
    postcode: str
    opened: date | None
    closed: date | None

    @property
    def region(self) -> str | None:
        """The national grouping's name (``"South"``), or None for a code the register lacks."""
        return _REGIONS.get(self.national_grouping)

    @property
    def title(self) -> str:
        """The name in title case, as a report prints it (``"Dorset County Hospital NHS ..."``)."""
        words = self.name.split()
        return " ".join(
            word
            if word in _UPPER_WORDS
            else word.lower()
            if word.lower() in _SMALL_WORDS and i > 0
            else word.capitalize()
            for i, word in enumerate(words)
        )

    def open_on(self, on: date) -> bool:
        """True if the trust existed on *on* (opened on or before it, not yet closed)."""
        return (self.opened is None or self.opened <= on) and (
            self.closed is None or on < self.closed
        )


def _organisations(value: Iterable[OdsOrganisation]) -> Mapping[str, OdsOrganisation]:
    return MappingProxyType({o.code: o for o in value})


def _tuple_of_issue(value: Iterable[DataQualityIssue]) -> tuple[DataQualityIssue, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class OdsRegister:
    """The NHS trusts of an ODS register, by code; codes are looked up case-insensitively."""

    source: str
    """Where the register came from (a path, or the bundled file's name)."""
    organisations: Mapping[str, OdsOrganisation] = attrs.field(
        converter=_organisations, eq=False, repr=False
    )
    issues: tuple[DataQualityIssue, ...] = attrs.field(default=(), converter=_tuple_of_issue)
    """Rows of the file the register could not use, each with its row number."""

    def __len__(self) -> int:
        return len(self.organisations)

    def __iter__(self) -> Iterator[OdsOrganisation]:
        return iter(self.organisations.values())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and upper_ascii(code.strip()) in self.organisations

    def __getitem__(self, code: str) -> OdsOrganisation:
        found = self.get(code)
        if found is None:
            raise UnknownOrganisationError(
                f"{code!r} is not an NHS trust in the ODS register {self.source} "
                f"({len(self)} trusts; for example 'RBD')"
            )
        return found

    def get(self, code: str) -> OdsOrganisation | None:
        """The trust with ODS code *code*, or None."""
        return self.organisations.get(upper_ascii(code.strip()))

    def is_trust(self, code: str) -> bool:
        """True if *code* is an NHS trust in the register (not a walk-in, MIU or GP-led site)."""
        return code in self

    def display(self, code: str) -> str:
        """``"RBD Dorset County Hospital NHS Foundation Trust"``, or the code and why not named."""
        found = self.get(code)
        if found is None:
            return f"{code} (not an NHS trust in the ODS register)"
        return f"{found.code} {found.title}"

    def identify(self, codes: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """``(trusts, others)``: the codes of *codes* that are NHS trusts, and the rest, sorted."""
        unique = sorted(set(codes))
        return (
            tuple(c for c in unique if self.is_trust(c)),
            tuple(c for c in unique if not self.is_trust(c)),
        )


def read_ods_trusts(file: CsvSource | None = None) -> OdsRegister:
    """Read an ODS ``etr.csv`` (NHS trusts; no header) into an :class:`OdsRegister`.

    Args:
        file: a path or a text stream opened with ``newline=""``; by default the register
            nhsplan ships (NHS Digital ODS, around 2015-16; see ``nhsplan/data/README.md``).

    Raises:
        SourceFileError: the file is not text in the etr layout at all (not UTF-8, no row with
            a code and a name). Single rows that cannot be used are reported in
            :attr:`OdsRegister.issues` instead.
    """
    source = ODS_FILE if file is None else source_name(file)
    opener = open_bundled(ODS_FILE) if file is None else open_csv(file)
    log = IssueLog(source)
    found: dict[str, OdsOrganisation] = {}
    rows = 0
    with opener as stream:
        try:
            for row, record in enumerate(csv_reader(stream), start=1):
                rows = row
                organisation = _organisation(row, record, log)
                if organisation is None:
                    continue
                if organisation.code in found:
                    log.issue(row, "code", organisation.code, "the code appears twice; not used")
                    continue
                found[organisation.code] = organisation
        except (csv.Error, UnicodeDecodeError) as exc:
            raise SourceFileError(
                [
                    DataQualityIssue(
                        source=source,
                        row=rows + 1,
                        column=None,
                        message=f"not readable as CSV text: {exc}",
                    )
                ],
                source=source,
                example=_EXAMPLE,
                expected="an ODS etr file (UTF-8 CSV, no header)",
            ) from None
    if not found and log.issues:
        raise SourceFileError(
            log.issues,
            source=source,
            example=_EXAMPLE,
            expected="an ODS etr file (UTF-8 CSV, no header)",
        )
    return OdsRegister(source=source, organisations=found.values(), issues=log.issues)


def _organisation(row: int, record: list[str], log: IssueLog) -> OdsOrganisation | None:
    if not any(cell.strip() for cell in record):
        return None
    if len(record) < _WIDTH:
        log.issue(
            row,
            None,
            ",".join(record),
            f"{len(record)} cells where the register has at least {_WIDTH}; not used",
        )
        return None
    code = record[0].strip()
    if not is_org_code(code):
        log.issue(row, "code", record[0], "not an ODS code (for example 'RBD'); not used")
        return None
    name = record[1].strip()
    if not name:
        log.issue(row, "name", record[1], "the name is empty; not used")
        return None
    opened = _date(row, "open date", record[10], log)
    closed = _date(row, "close date", record[11], log)
    return OdsOrganisation(
        code=code,
        name=name,
        national_grouping=record[2].strip(),
        health_geography=record[3].strip(),
        postcode=record[9].strip(),
        opened=opened,
        closed=closed,
    )


def _date(row: int, column: str, text: str, log: IssueLog) -> date | None:
    text = text.strip()
    if not text:
        return None
    if len(text) == 8 and text.isdigit():
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        except ValueError:
            pass
    log.issue(row, column, text, "not a date as YYYYMMDD; left empty, the row is kept")
    return None
