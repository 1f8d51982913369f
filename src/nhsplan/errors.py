"""The exception hierarchy.

Every error nhsplan raises on bad input derives from :class:`NhsplanError`, and each leaf
also derives from the built-in exception a Python user would expect, so both
``except nhsplan.NhsplanError`` and ``except ValueError`` catch a malformed period.

A message says what was wrong, where it was (a file, a key path, a row) and shows a valid
example:

>>> from nhsplan.errors import PeriodParseError
>>> err = PeriodParseError("2021/23", expected="a financial year", example="2021/22")
>>> print(err)
cannot read '2021/23' as a financial year; for example '2021/22'
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

__all__ = [
    "CatalogError",
    "DeadlineWordingError",
    "InvalidObservationError",
    "InvalidPlanError",
    "InvalidValueError",
    "MissingDependencyError",
    "NhsplanError",
    "PeriodParseError",
    "QuantityParseError",
    "StructureError",
    "UnitMismatchError",
    "UnknownEditionError",
    "UnknownIdError",
    "UnknownMetricError",
    "UnknownUnitError",
]


class NhsplanError(Exception):
    """The root of every error nhsplan raises on purpose."""


def _where(where: str | None) -> str:
    return f" at {where}" if where else ""


_SHOWN = 120
"""The longest repr a message quotes whole; longer values are cut (the error keeps them)."""


def _shown(value: object) -> str:
    """``repr(value)``, cut to its first characters when it is long (a 1 MB cell, say)."""
    try:
        text = repr(value)
    except ValueError:  # an int of more than 4,300 digits has no repr
        return f"<{type(value).__name__} too long to show>"
    if len(text) <= _SHOWN:
        return text
    return f"{text[: _SHOWN - 20]}... ({len(text)} characters)"


class _ParseError(NhsplanError, ValueError):
    """Text that could not be read as the thing asked for.

    Attributes:
        text: the offending text, unchanged (or the value given where text belongs).
        expected: what the text should have been (``"a financial quarter"``).
        example: a valid example of such text.
        where: where the text came from (file, key path, row), if known.
    """

    def __init__(
        self,
        text: object,
        *,
        expected: str,
        example: str,
        where: str | None = None,
        reason: str | None = None,
    ) -> None:
        self.text = text
        self.expected = expected
        self.example = example
        self.where = where
        self.reason = reason
        why = f" ({reason})" if reason else ""
        super().__init__(
            f"cannot read {_shown(text)} as {expected}{_where(where)}{why}; for example {example!r}"
        )


class PeriodParseError(_ParseError):
    """Text that is not a financial year, half, quarter or month."""


class DeadlineWordingError(_ParseError):
    """Deadline words (``"by end of Q1"``) that cannot be resolved to a date."""


class QuantityParseError(_ParseError):
    """Text that is not a quantity with a known unit (``"75%"``, ``"£6.6bn"``)."""


class UnknownUnitError(NhsplanError, LookupError):
    """A unit name that nhsplan's registry does not define."""

    def __init__(self, unit: str, *, known: tuple[str, ...] = (), where: str | None = None) -> None:
        self.unit = unit
        self.known = known
        self.where = where
        hint = f"; known units include {', '.join(known)}" if known else ""
        super().__init__(f"unknown unit {unit!r}{_where(where)}{hint}")


class UnitMismatchError(NhsplanError, ValueError):
    """Two quantities whose units cannot be converted into each other (FTE and GBP)."""

    def __init__(self, left: str, right: str, *, where: str | None = None) -> None:
        self.left = left
        self.right = right
        self.where = where
        super().__init__(
            f"cannot compare or convert {left!r} with {right!r}{_where(where)}: "
            "their dimensions differ; for example '15,500 FTE' compares with '26000 FTE', "
            "not with '£120m'"
        )


class InvalidValueError(NhsplanError, ValueError):
    """A model field given a value it cannot hold (a negative count, dates out of order).

    Attributes:
        field: the field (or argument) given the value.
        problem: what is wrong with it, without the field's name.
        example: a value it could hold.
    """

    def __init__(self, message: str, *, field: str, example: str) -> None:
        self.field = field
        self.problem = message
        self.example = example
        super().__init__(f"{field}: {message}; for example {example}")


class InvalidObservationError(InvalidValueError):
    """An observation that cannot be right (a numerator above its denominator)."""


class InvalidPlanError(InvalidValueError):
    """A plan or plan line that cannot be right (a month planned twice, no figure)."""


class UnknownEditionError(NhsplanError, LookupError):
    """A guidance edition that nhsplan does not ship."""

    def __init__(self, edition: object, *, known: tuple[str, ...], hint: str | None = None) -> None:
        self.edition = edition
        self.known = known
        how = f"; {hint}" if hint else ""
        super().__init__(
            f"unknown guidance edition {_shown(edition)}{how}; known editions: {', '.join(known)}"
        )


class UnknownIdError(NhsplanError, LookupError):
    """An id (target, priority, requirement, framework) not in the guidance at hand.

    Attributes:
        what: the kind of entry looked for (``"target"``).
        key: the id asked for.
        closest: the closest known ids, best first.
    """

    def __init__(
        self, what: str, key: str, *, closest: tuple[str, ...], where: str | None = None
    ) -> None:
        self.what = what
        self.key = key
        self.closest = closest
        self.where = where
        hint = f"; did you mean {' or '.join(repr(c) for c in closest)}?" if closest else ""
        super().__init__(f"unknown {what} {key!r}{_where(where)}{hint}")


class UnknownMetricError(UnknownIdError):
    """A metric id not defined in the guidance at hand; lists the closest known ids."""

    def __init__(self, metric: str, *, closest: tuple[str, ...], where: str | None = None) -> None:
        self.metric = metric
        super().__init__("metric", metric, closest=closest, where=where)


class StructureError(NhsplanError, ValueError):
    """Data (a dict, JSON, TOML) that does not describe a valid nhsplan object.

    Every problem found is listed, each with its key path (``$.targets[3].threshold``).

    Attributes:
        problems: one ``(path, message)`` pair per problem.
        source: the file or description of the data, if known.
    """

    def __init__(self, problems: list[tuple[str, str]], *, source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        head = f"{source}: " if source else ""
        noun = "problem" if len(problems) == 1 else "problems"
        lines = [f"{head}{len(problems)} {noun}:"]
        lines += [f"  {path}: {message}" for path, message in problems]
        super().__init__("\n".join(lines))


class CatalogError(StructureError):
    """A guidance edition (shipped or local) whose content is inconsistent."""


class MissingDependencyError(NhsplanError, ImportError):
    """An optional package that a feature needs is not installed; names the extra to install.

    >>> print(MissingDependencyError("Report.to_polars", package="polars", extra="polars"))
    Report.to_polars needs polars, which is not installed; install it with:
    pip install 'nhsplan[polars]'

    Attributes:
        feature: what was asked for (``"Report.to_pandas"``).
        package: the missing package (``"pandas"``).
        extra: the nhsplan extra that installs it (``"pandas"``).
    """

    def __init__(self, feature: str, *, package: str, extra: str) -> None:
        self.feature = feature
        self.package = package
        self.extra = extra
        super().__init__(
            f"{feature} needs {package}, which is not installed; "
            f"install it with: pip install 'nhsplan[{extra}]'",
            name=package,
        )
