"""cattrs' nested exception groups flattened into (key path, message) pairs (private).

Every problem in a document is reported at once, each at its key path (``$.targets[3].value``)
with a sentence a reader can act on.
"""

from __future__ import annotations

from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from nhsplan.errors import InvalidValueError, NhsplanError, StructureError

__all__ = ["describe", "problems"]


def describe(exc: BaseException) -> str:
    if isinstance(exc, NhsplanError):
        return str(exc)
    if isinstance(exc, KeyError):
        return f"required key missing: {exc.args[0]!r}" if exc.args else "required key missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown keys {sorted(exc.extra_fields)}"
    return str(exc) or type(exc).__name__


def problems(exc: BaseException, path: str = "$") -> list[tuple[str, str]]:
    """Flatten cattrs' nested exception groups into (key path, message) pairs."""
    if isinstance(exc, ForbiddenExtraKeysError):
        plural = "s" if len(exc.extra_fields) > 1 else ""
        keys = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        return [(path, f"unknown key{plural} {keys}")]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        out: list[tuple[str, str]] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = getattr(note, "name", None)
            index = getattr(note, "index", None)
            if name is not None:
                sub_path = f"{path}.{name}"
            elif index is not None:
                sub_path = f"{path}[{index}]"
            else:
                sub_path = path
            out += problems(sub, sub_path)
        for sub in without:
            out += problems(sub, path)
        return out
    return leaf(exc, path)


def leaf(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """The (key path, message) pairs of one exception that is not a cattrs group."""
    if isinstance(exc, StructureError):  # a nested object's own whole-object check
        return [(path + sub.removeprefix("$"), message) for sub, message in exc.problems]
    if isinstance(exc, KeyError) and exc.args:
        return [(path, "required key missing")]
    if (
        isinstance(exc, InvalidValueError)
        and exc.field.isidentifier()
        and not path.endswith(f".{exc.field}")
    ):
        return [(f"{path}.{exc.field}", str(exc))]  # a validator names its own field
    if isinstance(exc, ExceptionGroup):
        return [p for sub in exc.exceptions for p in problems(sub, path)]
    return [(path, describe(exc))]
