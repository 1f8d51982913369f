"""The guidance editions nhsplan ships, and the loader for local priority files.

Each edition is one TOML file inside the package (``nhsplan/guidance/``), listed once in
:data:`EDITIONS`. Shipped editions and a system's own files go through the same loader and the
same converter, so a local file is checked exactly as strictly as the national guidance.

>>> import nhsplan
>>> "2021/22" in nhsplan.editions()
True

A file names the edition it extends (``extends = ["2021/22"]``) to use that edition's metrics and
targets: the loaded guidance holds the local entries first, then the national ones.
"""

from __future__ import annotations

import functools
import json
import tomllib
from collections.abc import Mapping
from datetime import date, datetime
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any, Final

from nhsplan.calendar import FinancialYear
from nhsplan.errors import CatalogError, PeriodParseError, StructureError, UnknownEditionError
from nhsplan.model import Citation, Guidance, Publication
from nhsplan.serialise import make_converter, structure, unstructure

__all__ = ["EDITIONS", "editions", "load_file", "load_guidance", "parse_document"]

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
"""Edition id → data file in ``nhsplan/guidance``: the one list of shipped editions."""

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


def load_guidance(edition: str | PathLike[str]) -> Guidance:
    """Load a shipped edition by id (cached), or a local priorities file by path.

    Args:
        edition: an edition id (``"2021/22"``, also ``"2021-22"``), or the path of a TOML or
            JSON file in the local priorities format.

    Raises:
        UnknownEditionError: *edition* is neither a shipped edition nor an existing file.
        CatalogError: the file's content is invalid; every problem is listed.
    """
    if isinstance(edition, PathLike):
        return load_file(Path(edition))
    if not isinstance(edition, str):
        shown = f"{edition!r} ({type(edition).__name__}; give the edition as text, as '2021/22')"
        raise UnknownEditionError(shown, known=editions())
    try:
        return _load_shipped(normalise_edition(edition))
    except UnknownEditionError:
        path = Path(edition)
        if path.suffix in {".toml", ".json"} and path.is_file():
            return load_file(path)
        raise


@functools.cache
def _load_shipped(edition: str) -> Guidance:
    name = EDITIONS[edition]
    text = resources.files("nhsplan.guidance").joinpath(name).read_text(encoding="utf-8")
    return parse_document(_read_toml(text, source=name), source=f"nhsplan/guidance/{name}")


def load_file(path: Path) -> Guidance:
    """Load a guidance file (TOML or JSON) in the local priorities format."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(
            [("$", f"cannot read the file: {exc.strerror}")], source=source
        ) from None
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CatalogError(
                [(f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}")],
                source=source,
            ) from None
    else:
        data = _read_toml(text, source=source)
    return parse_document(data, source=source)


def _read_toml(text: str, *, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError([("$", f"invalid TOML: {exc}")], source=source) from None


def parse_document(data: Any, *, source: str = "<data>") -> Guidance:
    """Build a Guidance from a document in the guidance file format (see the docs' how-to).

    The file format is the serialised :class:`~nhsplan.model.Guidance` with two conveniences:
    priorities are a flat list, each naming its ``parent``; and deadlines are written as bare
    words (``"by end of Q1"``), read in the document's ``year``.
    """
    if not isinstance(data, Mapping):
        raise CatalogError([("$", "a guidance document is a table of keys")], source=source)
    problems: list[tuple[str, str]] = [
        ("$", f"unknown key {key!r}; known keys: {', '.join(sorted(_TOP_KEYS))}")
        for key in data
        if key not in _TOP_KEYS
    ]
    problems += [
        ("$", f"required key {key!r} missing; a file starts {_EXAMPLE_FILE!r}")
        for key in ("id", "title", "year", "citation")
        if key not in data
    ]
    if problems:
        raise CatalogError(problems, source=source)

    try:
        year = FinancialYear.parse(str(data["year"]))
    except PeriodParseError as exc:
        raise CatalogError([("$.year", str(exc))], source=source) from None

    document = dict(data)
    source_problems = _attach_sources(document)
    if source_problems:
        raise CatalogError(source_problems, source=source)
    tree, tree_problems = _priority_tree(document.get("priorities", []))
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
    converter = make_converter(year=year, published=published)
    try:
        local: Guidance = structure(document, Guidance, converter=converter, source=source)
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
        return date.fromisoformat(value)
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
    records: dict[str, Any] = {}
    converter = make_converter()
    for key, value in table.items():
        try:
            records[key] = unstructure(structure(value, Publication, converter=converter))
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
    citation: Any, records: Mapping[str, Any], path: str, problems: list[tuple[str, str]]
) -> Any:
    if isinstance(citation, str):
        try:
            citation = unstructure(structure(citation, Citation, converter=make_converter()))
        except StructureError:
            return citation  # reported with the record's other problems
    if not isinstance(citation, Mapping) or citation.get("publication") is not None:
        return citation
    ref = citation.get("ref") or ""
    key = ref or citation.get("source")
    if isinstance(key, str) and key in records:
        return {**citation, "publication": records[key]}
    if ref:
        known = ", ".join(sorted(records)) or "none"
        problems.append((f"{path}.ref", f"no source record {ref!r}; records: {known}"))
    return citation


def _priority_tree(flat: Any) -> tuple[list[Any], list[tuple[str, str]]]:
    """Turn the file's flat priority list (each with an optional ``parent``) into a tree."""
    if not isinstance(flat, list):
        return flat, []  # let the converter report the wrong type
    problems: list[tuple[str, str]] = []
    nodes: dict[str, dict[str, Any]] = {}
    parents: dict[str, str | None] = {}
    order: list[str] = []
    for i, item in enumerate(flat):
        if not isinstance(item, Mapping) or "code" not in item:
            problems.append((f"$.priorities[{i}]", "a priority needs a 'code'"))
            continue
        node = {k: v for k, v in item.items() if k != "parent"}
        node.setdefault("children", [])
        code = str(item["code"])
        if code in nodes:
            problems.append((f"$.priorities[{i}].code", f"duplicate priority code {code!r}"))
            continue
        nodes[code] = node
        parents[code] = item.get("parent")
        order.append(code)
    roots: list[Any] = []
    for i, code in enumerate(order):
        parent = parents[code]
        if parent is None:
            roots.append(nodes[code])
        elif parent not in nodes:
            problems.append(
                (f"$.priorities[{i}].parent", f"unknown parent {parent!r} for priority {code!r}")
            )
        elif _cycle(code, parents):
            problems.append(
                (
                    f"$.priorities[{i}].parent",
                    f"priority {code!r} is its own ancestor (a cycle through {parent!r})",
                )
            )
        else:
            nodes[parent]["children"].append(nodes[code])
    return roots, problems


def _cycle(code: str, parents: Mapping[str, str | None]) -> bool:
    seen = {code}
    current = parents.get(code)
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _extended(extends: Any) -> tuple[list[Guidance], list[tuple[str, str]]]:
    if not isinstance(extends, list):
        return [], []  # the converter reports the wrong type
    bases: list[Guidance] = []
    problems: list[tuple[str, str]] = []
    for i, edition in enumerate(extends):
        try:
            bases.append(_load_shipped(normalise_edition(str(edition))))
        except UnknownEditionError as exc:
            problems.append((f"$.extends[{i}]", str(exc)))
    return bases, problems
