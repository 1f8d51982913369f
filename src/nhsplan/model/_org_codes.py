"""A column of organisation codes, read as :class:`~nhsplan.model.Observation` reads one (private).

Each code is read by :func:`read_code`: text (:func:`~nhsplan.model._inputs.to_code`: no
whitespace, ASCII letters upper-cased, England's ONS code as ``ENGLAND``) in
:data:`~nhsplan.model.formats.ORG_CODE`. :func:`read_codes` gives a whole column exactly what
:func:`read_code` gives each code, without a Python step per code where it can:

- a numpy string array (dtype ``U`` or ``S``) is checked on its characters as bytes, and kept
  as a read-only ``U`` array (a copy, or a view of a read-only ``U`` array needing no
  change): no str object is made per code;
- a list or tuple (or anything else, through ``tolist()`` or ``list()``) is joined once and
  checked on the joined bytes, and kept as a tuple of its own str objects.

The characters a code may start and go on with are read off :data:`ORG_CODE` itself (each
ASCII character tried against its pattern), so the fast checks hold no second copy of the
rule; a test checks that the pattern is one such class followed by any number of the other.
Wherever a fast check finds a code it would refuse, the column is read code by code, so the
error is :func:`read_code`'s, naming the code and its position.

>>> read_codes(["RBD", "qvv", "E92000001"])
(('RBD', 'QVV', 'ENGLAND'), True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, TypeAlias

from nhsplan.errors import InvalidValueError, _shown
from nhsplan.model._inputs import to_code
from nhsplan.model.formats import ORG_CODE, upper_ascii
from nhsplan.model.organisations import ENGLAND, ENGLAND_ONS

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Codes: TypeAlias = "tuple[str, ...] | NDArray[np.str_]"
"""Organisation codes as kept: a tuple of str, or a read-only numpy ``U`` array."""

__all__ = ["Codes", "read_code", "read_codes", "read_org"]


def _chars(allowed: Iterable[int]) -> bytes:
    return bytes(sorted(allowed))


_ASCII: Final = range(128)
_FIRST: Final = _chars(b for b in _ASCII if ORG_CODE.matches(upper_ascii(chr(b))))
"""The bytes a code may start with, in any case (``upper_ascii`` is applied before the check)."""
_REST: Final = _chars(b for b in _ASCII if ORG_CODE.matches(upper_ascii(chr(_FIRST[0]) + chr(b))))
"""The bytes a code may go on with, in any case."""
_STORED: Final = _chars(b for b in _REST if upper_ascii(chr(b)) == chr(b))
"""The bytes of a code as stored (no lower-case letter), after its first."""
_CHANGED: Final = _chars(b for b in _REST if upper_ascii(chr(b)) != chr(b))
"""The bytes upper-cased when a code is read (ASCII lower-case letters)."""
_SEPARATOR: Final = 0
"""NUL: the byte between codes joined, and after a short code in a numpy string array."""
assert _SEPARATOR not in _REST
assert _SEPARATOR not in _FIRST
_CLEAN: Final = _STORED + bytes([_SEPARATOR])
_NOT_FIRST: Final = tuple(sorted(set(_CLEAN) - set(_FIRST)))
"""Bytes that may follow a code's first byte but not start one (and NUL: an empty code)."""
_ENGLANDS: Final = (ENGLAND.encode("ascii"), ENGLAND_ONS.encode("ascii"))


def read_org(value: object, *, field: str = "org") -> str:
    """One organisation's code, as :class:`~nhsplan.model.Observation` reads its ``org``.

    >>> read_org("rbd"), read_org("E92000001")
    ('RBD', 'ENGLAND')

    Raises:
        InvalidValueError: not text, text with whitespace, or not in :data:`ORG_CODE` once
            read (``"straße"``, ``""``, ``"-X"``); the message names *field*.
    """
    code = to_code(value, field=field, example=ORG_CODE.example)
    if not ORG_CODE.matches(code):
        raise InvalidValueError(
            f"{_shown(value)} is not {ORG_CODE.name}", field=field, example=ORG_CODE.example
        )
    return code


def read_code(value: object, index: int, *, field: str = "orgs") -> str:
    """Code *index* of a column, as :class:`~nhsplan.model.Observation` reads its ``org``.

    Raises:
        InvalidValueError: not text, text with whitespace, or not in :data:`ORG_CODE` once
            read; the message names the code and its position (``orgs[3]``).
    """
    return read_org(value, field=f"{field}[{index}]")


def read_codes(values: object, *, field: str = "orgs") -> tuple[Codes, bool]:
    """A column of codes, each read by :func:`read_code`; and whether England is among them.

    A numpy string array (dtype ``U``, or ``S`` read as ASCII text) gives a read-only ``U``
    array; any other column (list, tuple, object array, pandas Series) gives a tuple (a
    tuple of codes that need no change is kept as it is).

    Raises:
        InvalidValueError: the first code :func:`read_code` refuses.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    if isinstance(values, np.ndarray) and values.dtype.kind in "US" and values.ndim == 1:
        read = _from_array(values)
        if read is not None:
            return read
        texts: Sequence[object] = (
            [item.decode("latin-1") for item in values.tolist()]
            if values.dtype.kind == "S"
            else values.tolist()
        )
        codes = _one_by_one(texts, field)  # raises for the code the array check refused
        array = np.array(codes, dtype=np.str_)
        array.flags.writeable = False
        return array, ENGLAND in codes
    if isinstance(values, list | tuple):
        items: Sequence[object] = values
    else:
        tolist = getattr(values, "tolist", None)
        items = tolist() if callable(tolist) else list(values)  # type: ignore[call-overload]
    joined = _from_sequence(items)
    if joined is not None:
        return joined
    codes = _one_by_one(items, field)
    return codes, ENGLAND in codes


def _one_by_one(values: Iterable[object], field: str) -> tuple[str, ...]:
    return tuple(read_code(value, index, field=field) for index, value in enumerate(values))


def _case(raw: bytes) -> bool | None:
    """None if *raw* has a byte no code may hold (NUL aside), else whether one is upper-cased.

    One ``bytes.translate`` (a C loop with a table of 256 bytes, read off :data:`ORG_CODE`)
    deleting every byte a stored code may hold, and NUL: for a column of valid codes each
    byte is deleted, a loop whose one branch always goes the same way (keeping the NULs
    padding codes of mixed length made it four times slower).
    """
    changed = raw.translate(None, _CLEAN)
    if changed and changed.translate(None, _CHANGED):
        return None
    return bool(changed)


def _joined(values: Sequence[object]) -> bytes | None:
    """The codes joined by NULs, as ASCII bytes; None if one is not text or not ASCII."""
    try:
        joined = chr(_SEPARATOR).join(values)  # type: ignore[arg-type]
    except TypeError:  # a code that is not text
        return None
    return joined.encode("ascii") if joined.isascii() else None


def _separated(raw: bytes, count: int) -> bool:
    """Whether the NUL-joined *raw* is *count* codes, each well started.

    The NULs counted; an empty code is two NULs side by side, found as a zero among *raw*'s
    bytes read in pairs (two reductions, no array made); a byte that may go on a code but
    not start one is looked for after a NUL only where *raw* holds it at all.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    if not raw or raw[0] not in _FIRST or raw[-1] == _SEPARATOR:
        return False  # the first code starts badly, or the last is empty
    if np.count_nonzero(np.frombuffer(raw, dtype=np.uint8) == _SEPARATOR) != count - 1:
        return False  # a NUL inside a code
    if _pair_of_nuls(raw):
        return False  # an empty code
    return not any(
        bytes([byte]) in raw and bytes([_SEPARATOR, byte]) in raw
        for byte in _NOT_FIRST
        if byte != _SEPARATOR
    )


def _pair_of_nuls(raw: bytes) -> bool:
    """Whether two NULs stand side by side in *raw* (a pair of bytes reads as 0 as a uint16)."""
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    data = np.frombuffer(raw, dtype=np.uint8)
    for start in (0, 1):
        pairs = data[start : start + (len(data) - start) // 2 * 2].view(np.uint16)
        if len(pairs) and int(pairs.min()) == 0:
            return True
    return False


def _from_sequence(values: Sequence[object]) -> tuple[tuple[str, ...], bool] | None:
    """The codes of a list or tuple, checked on their joined bytes; None if one is refused."""
    if not values:
        return (), False
    raw = _joined(values)
    changed = None if raw is None else _case(raw)
    if raw is None or changed is None or not _separated(raw, len(values)):
        return None
    if changed:
        raw = raw.upper()  # bytes.upper: ASCII letters only
    england, ons = (
        bytes([code[0]]) in raw and _holds(raw, code)  # a search for the first byte first
        for code in _ENGLANDS
    )
    if not changed and not ons:
        kept = values if isinstance(values, tuple) else tuple(values)
        return kept, england  # type: ignore[return-value]
    codes = raw.decode("ascii").split(chr(_SEPARATOR))
    if ons:
        codes = [ENGLAND if code == ENGLAND_ONS else code for code in codes]
    return tuple(codes), True if ons else england


def _holds(raw: bytes, code: bytes) -> bool:
    """Whether the NUL-joined *raw* holds *code* as one of its codes."""
    separator = bytes([_SEPARATOR])
    if raw == code or raw.endswith(separator + code):
        return True
    ending = code + separator  # found from the code's first byte, rarer than NUL
    at = raw.find(ending)
    while at >= 0:
        if at == 0 or raw[at - 1] == _SEPARATOR:
            return True
        at = raw.find(ending, at + 1)
    return False


def _array_bytes(values: NDArray[np.str_] | NDArray[np.bytes_]) -> NDArray[np.uint8] | None:
    """A string array's characters as bytes, row after row, NUL-padded (None: beyond ASCII).

    An ``S`` array's own bytes where it is contiguous (no copy); a ``U`` array's characters
    narrowed to one byte each once the largest is known to be ASCII (two passes: the largest,
    the narrowing). None also for an array of width 0 (every code empty).
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    if values.dtype.itemsize == 0:
        return None
    if values.dtype.kind == "S":
        data: NDArray[np.uint8] = np.ascontiguousarray(values).view(np.uint8)
        return data
    native = np.ascontiguousarray(values, dtype=values.dtype.newbyteorder("="))
    chars = native.view(np.uint32)
    if int(chars.max()) >= 128:
        return None  # a character beyond ASCII
    return chars.astype(np.uint8)


def _padded(data: NDArray[np.uint8], width: int) -> bool:
    """Whether each row of *width* bytes is a code, then only NUL padding.

    The rows' first bytes were checked by the caller; a NUL followed by anything but NUL in
    the same row is a NUL inside a code.
    """
    if width > 1:
        nul = data == _SEPARATOR
        inside = nul[:-1] & ~nul[1:]  # a NUL followed by anything else ...
        inside[width - 1 :: width] = False  # ... but the next row
        return not inside.any()
    return True


def _from_array(values: NDArray[np.str_] | NDArray[np.bytes_]) -> tuple[Codes, bool] | None:
    """The codes of a 1-D string array, checked on its bytes; None if one is refused.

    The passes over a million codes of 7 characters: for a ``U`` array its largest character
    and its narrowing to bytes (above); one ``bytes.translate`` over the bytes (every byte one
    a code may hold; whether one is lower case); the rows' first bytes, gathered and checked
    with ``bytes.translate`` only where the bytes hold one that no code starts with (and the
    NUL padding checked only where there is a NUL); the result written as a ``U`` array
    (upper-cased first only where a lower-case byte was found). England's codes are looked
    for only in the rows whose first byte is theirs, and only where a bytes search finds
    that byte at all. A read-only
    ``U`` array that needs no change is kept as a read-only view of itself: no copy, and
    nobody may write to it; a writable one is copied, so that the result does not change
    when the caller's array does.
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    count = len(values)
    if not count:
        empty: NDArray[np.str_] = np.zeros(0, dtype=np.str_)
        empty.flags.writeable = False
        return empty, False
    data = _array_bytes(values)
    if data is None:
        return None
    width = len(data) // count
    raw = data.tobytes()
    changed = _case(raw)
    if changed is None:
        return None
    nuls = _SEPARATOR in raw  # padding after a short code, or a NUL inside one
    if changed:
        raw = raw.upper()  # bytes.upper: ASCII letters only
        data = np.frombuffer(raw, dtype=np.uint8)
    # a byte no code starts with (NUL: an empty code) may start one only where raw holds it
    if (nuls or any(bytes([byte]) in raw for byte in _NOT_FIRST if byte != _SEPARATOR)) and (
        data[::width].tobytes().translate(None, _FIRST) or not _padded(data, width)
    ):
        return None  # a code starts badly or is empty, or holds a NUL
    text = np.dtype(f"U{width}")  # native byte order
    england, ons = _englands(data, raw, width)
    if values.dtype.kind == "U" and not changed and not len(ons) and not values.flags.writeable:
        codes: NDArray[np.str_] = np.ascontiguousarray(values, dtype=text).view()
    else:
        codes = data.astype(np.uint32).view(text)
        codes[ons] = ENGLAND
    codes.flags.writeable = False
    return codes, england


def _englands(data: NDArray[np.uint8], raw: bytes, width: int) -> tuple[bool, NDArray[np.intp]]:
    """Whether England is among the rows of *width* bytes, and the rows of its ONS code.

    Only the rows whose first byte is that of one of England's codes are read (none, where a
    bytes search finds no such byte in *raw*, the rows' bytes).
    """
    import numpy as np  # noqa: PLC0415 - numpy is an optional extra

    rows = np.zeros(0, dtype=np.intp)
    for first in sorted({code[0] for code in _ENGLANDS}):
        if bytes([first]) in raw:
            rows = np.union1d(rows, np.flatnonzero(data[::width] == first))
    picked = data.reshape(-1, width)[rows].astype(np.uint32).view(np.dtype((np.str_, width)))
    picked = picked.reshape(-1)
    ons = rows[picked == ENGLAND_ONS]
    return bool(len(ons)) or bool((picked == ENGLAND).any()), ons
