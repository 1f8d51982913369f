"""A guidance file's bytes read as a document: UTF-8 text, then TOML or JSON (private).

Every failure is a :class:`~nhsplan.errors.CatalogError` naming the line where it can: bytes
that are not UTF-8, invalid TOML or JSON, nesting too deep for Python to read, and integers
longer than the 4,300 digits Python converts.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

import tomli

from nhsplan.errors import CatalogError

__all__ = ["decode", "read_json", "read_toml"]


def decode(raw: bytes, *, source: str) -> str:
    """The file's text: UTF-8, with or without the byte-order mark Windows editors add."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = (
            f"the file is not UTF-8 text (byte {raw[exc.start]:#04x} cannot be read); "
            "save it with the encoding UTF-8 (in most editors: Save with Encoding, UTF-8)"
        )
        raise CatalogError([(f"line {line}", message)], source=source) from None


_TOO_DEEP = "lists or tables are nested too deeply to read (hundreds of levels)"


def read_json(text: str, *, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError(
            [(f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}")],
            source=source,
        ) from None
    except RecursionError:
        raise CatalogError([("$", f"invalid JSON: {_TOO_DEEP}")], source=source) from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise CatalogError([_huge_number(text, "JSON")], source=source) from None


def read_toml(text: str, *, source: str) -> dict[str, Any]:
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise CatalogError([("$", f"invalid TOML: {exc}")], source=source) from None
    except RecursionError:
        raise CatalogError([("$", f"invalid TOML: {_TOO_DEEP}")], source=source) from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise CatalogError([_huge_number(text, "TOML")], source=source) from None


_HUGE: Final = re.compile(r"\d[\d_]{4299,}")


def _huge_number(text: str, form: str) -> tuple[str, str]:
    """Where the first over-long number is, and what is wrong with it."""
    found = _HUGE.search(text)
    where = f"line {text.count(chr(10), 0, found.start()) + 1}" if found else "$"
    digits = f"{sum(c.isdigit() for c in found.group()):,} digits" if found else "too many digits"
    return (
        where,
        (
            f"invalid {form}: a number has {digits}; numbers in a guidance file have at most "
            "4,300 digits (for example value = 95)"
        ),
    )
