"""The guidance editions nhsplan ships, and the loader for local priority files.

Each edition is one TOML file inside the package (``nhsplan/catalog/data/``), listed
once in :data:`EDITIONS`. Shipped editions and a system's own files go through the same loader
and the same converter, so a local file is checked exactly as strictly as the national
guidance.

>>> import nhsplan
>>> "2021/22" in nhsplan.editions()
True

A file names the edition it extends (``extends = ["2021/22"]``) to use that edition's metrics and
targets: the loaded guidance holds the local entries first, then the national ones.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Mapping
from datetime import date, datetime
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any, Final

import attrs

from nhsplan.calendar import FinancialYear
from nhsplan.catalog._priorities import priority_tree
from nhsplan.catalog._text import decode, read_json, read_toml
from nhsplan.catalog.serialise import (
    document_converter,
    reading_document,
    structure,
    unstructure,
)
from nhsplan.errors import (
    CatalogError,
    InvalidValueError,
    PeriodParseError,
    StructureError,
    UnknownEditionError,
    _shown,
)
from nhsplan.model import Alternative, Citation, Guidance, Publication, Reading, Target
from nhsplan.model.formats import read_iso_date

__all__ = [
    "EDITIONS",
    "editions",
    "load_file",
    "load_guidance",
    "parse_document",
    "read_as",
    "targets_end",
]

EDITIONS: Final[Mapping[str, str]] = {
    "2017-19": "2017-19.toml",
    "2020/21": "2020-21.toml",
    "2021/22": "2021-22.toml",
    "2022/23": "2022-23.toml",
    "2023/24": "2023-24.toml",
    "2024/25": "2024-25.toml",
    "2025/26": "2025-26.toml",
    "2026-29": "2026-29.toml",
    "standards": "standards.toml",
}
"""Edition id → data file in ``nhsplan/catalog/data``: the one list of shipped editions."""

_ALIASES: Final[Mapping[str, str]] = {"2026/27": "2026-29"}
"""Other names for an edition: the Medium Term Planning Framework by its first year."""

_TOP_KEYS: Final = frozenset(
    {
        "id",
        "title",
        "year",
        "years",
        "citation",
        "published",
        "priorities",
        "requirements",
        "metrics",
        "targets",
        "funding",
        "frameworks",
        "extends",
        "notes",
        "sources",
    }
)
_MERGED: Final = ("priorities", "requirements", "metrics", "targets", "funding", "frameworks")
_EXAMPLE_FILE: Final = 'id = "my-ics-2021-22"\ntitle = "..."\nyear = "2021/22"\n'


def editions() -> tuple[str, ...]:
    """The ids of the guidance editions nhsplan ships, oldest first, then ``standards``."""
    return tuple(EDITIONS)


def normalise_edition(edition: str) -> str:
    """The canonical id for *edition*: ``"2021-22"`` and ``"2021/2022"`` give ``"2021/22"``.

    >>> normalise_edition("2021-22")
    '2021/22'
    >>> normalise_edition("2017/19")
    '2017-19'
    >>> normalise_edition("2026/27")  # the Medium Term Planning Framework, 2026/27 to 2028/29
    '2026-29'
    """
    text = edition.strip()
    if text in EDITIONS:
        return text
    if text.replace("/", "-") in EDITIONS:
        return text.replace("/", "-")
    try:
        canonical = str(FinancialYear.parse(text))
    except PeriodParseError:
        raise UnknownEditionError(edition, known=editions()) from None
    canonical = _ALIASES.get(canonical, canonical)
    if canonical not in EDITIONS:
        raise UnknownEditionError(edition, known=editions())
    return canonical


def load_guidance(edition: str | FinancialYear | PathLike[str]) -> Guidance:
    """Load a shipped edition by id (cached), or a local priorities file by path.

    Args:
        edition: an edition id (``"2021/22"``, also ``"2021-22"``), its
            :class:`~nhsplan.calendar.FinancialYear`, or the path of a TOML or JSON file in
            the local priorities format.

    Raises:
        UnknownEditionError: *edition* is neither a shipped edition nor an existing file, or
            not text at all (a number such as ``2021`` is refused with the id to write).
        CatalogError: the file's content is invalid; every problem is listed.
    """
    if isinstance(edition, PathLike):
        return load_file(Path(edition))
    if isinstance(edition, FinancialYear):
        edition = str(edition)
    if not isinstance(edition, str):
        raise _not_an_edition(edition)
    try:
        return _load_shipped(normalise_edition(edition))
    except UnknownEditionError:
        path = Path(edition)
        if path.suffix in {".toml", ".json"} and _is_file(path):
            return load_file(path)
        raise


def read_as(target: Target, alternative: str) -> Target:
    """*target* read the other way its :attr:`~nhsplan.model.Target.reading` allows.

    The alternative's overrides replace the target's fields; the result's reading names the
    alternative as applied and the encoded reading as the alternative (``as_encoded``), so
    every verdict on it says which reading it rests on.

    >>> rtt = load_guidance("2026-29").target("rtt_18_weeks_trust_2026_27")
    >>> from nhsplan.units import quantity
    >>> for t in (rtt, read_as(rtt, "relative")):
    ...     print(t.required_from({"March 2026 (assumed)": quantity(62, "percent")}))
    69 %
    66.34 %

    Raises:
        InvalidValueError: the target has no reading, or none called *alternative*.
        StructureError: an override that does not fit the target (a catalog error).
    """
    reading = target.reading
    if reading is None:
        raise InvalidValueError(
            f"target {target.id!r} rests on no reading the guidance leaves open",
            field="reading",
            example="read_as(load_guidance('2026-29').target('rtt_18_weeks_trust_2026_27'), "
            "'relative')",
        )
    chosen = reading.alternative(alternative)
    data = dict(unstructure(target)) | dict(chosen.overrides)
    data["reading"] = unstructure(
        Reading(
            applied=chosen.text,
            alternatives=[
                Alternative(label="as_encoded", text=reading.applied),
                *(a for a in reading.alternatives if a.label != alternative),
            ],
        )
    )
    read: Target = structure(data, Target, source=f"{target.id} read as {alternative!r}")
    return read


def _not_an_edition(edition: object) -> UnknownEditionError:
    """The error for an edition given as something other than text or a path."""
    hint = (
        f"the edition is a {type(edition).__name__}; give an edition id as text, such as "
        "'2021/22', or a file's path"
    )
    if isinstance(edition, int) and not isinstance(edition, bool):
        with contextlib.suppress(InvalidValueError):
            hint = f"the edition is an int; give it as text: {str(FinancialYear(edition))!r}"
    elif isinstance(edition, bytes | bytearray):
        hint = "decode it first, for example with .decode('utf-8')"
    return UnknownEditionError(edition, known=editions(), hint=hint)


def _is_file(path: Path) -> bool:
    """Whether *path* is a file; a name the system cannot even look up is not one."""
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL byte
        return False


def targets_end(edition: str) -> date | None:
    """The last day any target of the shipped *edition* is in force; None if one has no end.

    It is the latest ``effective_until`` of the edition's targets, read from its file without
    building them, so :func:`~nhsplan.catalog.in_force.targets_in_force` can pass over an
    edition whose every target ended before the date asked. None (no end known) for an
    edition with a target that has no ``effective_until``, a file that extends another, a
    value that is not a date, and an id that is not a shipped edition.

    >>> targets_end("2021/22"), targets_end("standards")
    (datetime.date(2024, 12, 31), None)
    """
    try:
        document = _shipped_document(normalise_edition(edition))
    except UnknownEditionError:
        return None
    targets = document.get("targets", [])
    if "extends" in document or not isinstance(targets, list):
        return None
    ends = [t.get("effective_until") if isinstance(t, Mapping) else None for t in targets]
    dates: list[date] = [e for e in ends if isinstance(e, date) and not isinstance(e, datetime)]
    return max(dates) if dates and len(dates) == len(ends) else None


@functools.cache
def _shipped_document(edition: str) -> Mapping[str, Any]:
    """A shipped edition's file as read from TOML (read once; :func:`parse_document` copies)."""
    name = EDITIONS[edition]
    text = resources.files("nhsplan.catalog").joinpath("data", name).read_text(encoding="utf-8")
    return read_toml(text, source=name)


@functools.cache
def _load_shipped(edition: str) -> Guidance:
    document = _shipped_document(edition)
    return parse_document(document, source=f"nhsplan/catalog/data/{EDITIONS[edition]}")


def load_file(path: Path) -> Guidance:
    """Load a guidance file (TOML or JSON) in the local priorities format."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise CatalogError([("$", f"cannot read the file: {reason}")], source=source) from None
    text = decode(raw, source=source)
    if path.suffix == ".json":
        data = read_json(text, source=source)
    else:
        data = read_toml(text, source=source)
    return parse_document(data, source=source)


def parse_document(data: Any, *, source: str = "<data>") -> Guidance:
    """Build a Guidance from a document in the guidance file format (see the docs' how-to).

    The file format is the serialised :class:`~nhsplan.model.Guidance` with two conveniences:
    priorities are a flat list, each naming its ``parent``; and deadlines are written as bare
    words (``"by end of Q1"``), read in the document's ``year``.
    """
    if not isinstance(data, Mapping):
        raise CatalogError([("$", "a guidance document is a table of keys")], source=source)
    problems: list[tuple[str, str]] = [
        ("$", f"unknown key {_shown(key)}; known keys: {', '.join(sorted(_TOP_KEYS))}")
        for key in data
        if key not in _TOP_KEYS
    ]
    problems += [
        ("$", f"required key {_shown(key)} missing; a file starts {_EXAMPLE_FILE!r}")
        for key in ("id", "title", "year", "citation")
        if key not in data
    ]
    if problems:
        raise CatalogError(problems, source=source)

    try:
        year = FinancialYear.parse(data["year"])  # not text: a PeriodParseError too
    except PeriodParseError as exc:
        raise CatalogError([("$.year", str(exc))], source=source) from None

    document = dict(data)
    source_problems = _attach_sources(document)
    if source_problems:
        raise CatalogError(source_problems, source=source)
    tree, tree_problems = priority_tree(document.get("priorities", []))
    document["priorities"] = tree
    bases, base_problems = _extended(document.get("extends", []))
    if base_problems:
        raise CatalogError(base_problems, source=source)
    for name in _MERGED:
        # The extended editions' entries go after the file's own, so a problem's key path
        # still points into the file, and references to national metrics resolve.
        inherited = [unstructure(item) for base in bases for item in getattr(base, name)]
        if inherited:
            own = document.get(name, [])
            document[name] = [*own, *inherited] if isinstance(own, list) else own
    try:
        published = _published(data.get("published"))
    except (TypeError, ValueError) as exc:
        raise CatalogError([("$.published", str(exc))], source=source) from None
    try:
        with reading_document(year, published):
            local: Guidance = structure(
                document, Guidance, converter=document_converter(), source=source
            )
    except StructureError as exc:
        raise CatalogError(tree_problems + exc.problems, source=source) from None
    if tree_problems:
        raise CatalogError(tree_problems, source=source)
    return local


def _published(value: Any) -> date | None:
    """The document's publication date (TOML gives a date, JSON a string)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str):
        return read_iso_date(value, field="published", example="2021-03-25")
    raise TypeError(f"published is a date such as 2021-03-25, not {value!r}")


def _attach_sources(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Replace the file's ``[sources]`` table by a copy of its record in each citation.

    A citation names its record by ``ref``, else by its ``source`` (a seed file's name). A
    ``ref`` that names no record is a problem; a ``source`` without a record is allowed (a
    local file may cite a document it describes no further).
    """
    table = document.pop("sources", {})
    if not isinstance(table, Mapping):
        return [("$.sources", 'a table of source records, e.g. [sources."my-paper.pdf"]')]
    problems: list[tuple[str, str]] = []
    records: dict[str, Publication] = {}
    # Each record is built once and the same object attached to every citation naming it
    # (the converter takes a Publication or a Citation as it is).
    for key, value in table.items():
        try:
            records[key] = structure(value, Publication)
        except StructureError as exc:
            problems += [(f"$.sources.{key}{where[1:]}", what) for where, what in exc.problems]

    def attach(value: Any, path: str) -> Any:
        if isinstance(value, list):
            return [attach(item, f"{path}[{i}]") for i, item in enumerate(value)]
        if not isinstance(value, Mapping):
            return value
        return {
            key: (
                _with_record(item, records, f"{path}.{key}", problems)
                if key == "citation" or key.endswith("_citation")
                else attach(item, f"{path}.{key}")
            )
            for key, item in value.items()
        }

    document.update(attach(document, "$"))
    return problems


def _with_record(
    citation: Any, records: Mapping[str, Publication], path: str, problems: list[tuple[str, str]]
) -> Any:
    """*citation* (its text, table or Citation) with the record it names attached."""
    if isinstance(citation, str):
        try:
            citation = structure(citation, Citation)
        except StructureError:
            return citation  # reported with the record's other problems
    if isinstance(citation, Citation):
        if citation.publication is None and citation.key in records:
            return attrs.evolve(citation, publication=records[citation.key])
        ref = citation.ref if citation.publication is None else ""
    elif isinstance(citation, Mapping) and citation.get("publication") is None:
        ref = citation.get("ref") or ""
        key = ref or citation.get("source")
        if isinstance(key, str) and key in records:
            return {**citation, "publication": records[key]}
    else:
        return citation
    if ref:
        known = ", ".join(sorted(records)) or "none"
        problems.append((f"{path}.ref", f"no source record {ref!r}; records: {known}"))
    return citation


def _extended(extends: Any) -> tuple[list[Guidance], list[tuple[str, str]]]:
    if not isinstance(extends, list):
        # A bare string would silently load without the edition it names.
        shown = repr(extends) if isinstance(extends, str) else type(extends).__name__
        example = json.dumps(extends if isinstance(extends, str) else "2021/22")
        message = (
            f"extends is a list of edition ids, not {shown}; for example extends = [{example}]"
        )
        return [], [("$.extends", message)]
    bases: list[Guidance] = []
    problems: list[tuple[str, str]] = []
    for i, edition in enumerate(extends):
        if not isinstance(edition, str):
            problems.append((f"$.extends[{i}]", f"an edition id is text, not {_shown(edition)}"))
            continue
        try:
            bases.append(_load_shipped(normalise_edition(edition)))
        except UnknownEditionError as exc:
            problems.append((f"$.extends[{i}]", str(exc)))
    return bases, problems
