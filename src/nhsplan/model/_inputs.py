"""Converters that read every natural form of a field where it enters the model (private).

Each either returns the field's one type or raises an :class:`~nhsplan.errors.InvalidValueError`
subclass naming the field and showing a valid example, so bad input never travels further.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from nhsplan.calendar import FinancialYear, Half, Month, Period, Quarter, parse_period
from nhsplan.errors import InvalidObservationError, InvalidValueError, PeriodParseError, _shown
from nhsplan.model.formats import ISO_DATE_TIME, read_iso_date, upper_ascii
from nhsplan.model.organisations import ENGLAND, ENGLAND_ONS
from nhsplan.units.inputs import read_figure

if TYPE_CHECKING:
    from nhsplan import units

__all__ = [
    "optional_upper",
    "org_code",
    "to_as_of",
    "to_code",
    "to_denominator",
    "to_figure",
    "to_numerator",
    "to_period",
    "upper",
]

_PERIODS = (FinancialYear, Half, Quarter, Month)


_WHITESPACE = re.compile(r"\s")


def to_period(value: object) -> Period:
    """A period object, or its canonical text (``"2021-11"``, ``"2021/22 Q3"``).

    Raises:
        InvalidObservationError: neither; the message names the field ``period``.
    """
    if isinstance(value, _PERIODS):
        return value
    example = "'2021-11', '2021/22 Q3' or Month(2021, 11)"
    if isinstance(value, str):
        try:
            return parse_period(value)
        except PeriodParseError as exc:
            raise InvalidObservationError(str(exc), field="period", example=example) from None
    raise InvalidObservationError(
        f"{_shown(value)} ({type(value).__name__}) is not a period", field="period", example=example
    )


def to_code(value: object, *, field: str = "org", example: str = "'RBD'") -> str:
    r"""An organisation or priority code: text, any case, stored upper case.

    England's ONS code ``E92000001`` is read as ``ENGLAND``: the same organisation.

    A code with whitespace anywhere in it (``"RBD\\n"``, ``" RBD"``) is refused, not
    stripped: it is a sign of a misread cell, and a silent strip would hide it. Only ASCII
    letters are upper-cased (:func:`~nhsplan.model.formats.upper_ascii`): ``"straße"`` stays
    as it is and the validator refuses it, rather than becoming ``"STRASSE"``.

    Raises:
        InvalidValueError: not text, or text with whitespace; the message names *field*.
    """
    if not isinstance(value, str):
        raise InvalidValueError(
            f"{_shown(value)} ({type(value).__name__}) is not a code", field=field, example=example
        )
    if _WHITESPACE.search(value):
        raise InvalidValueError(
            f"{_shown(value)} is not an organisation code: it has whitespace in it",
            field=field,
            example=example,
        )
    return org_code(value)


def org_code(text: str) -> str:
    """*text* as an organisation code: ASCII letters upper-cased, ``E92000001`` as ``ENGLAND``.

    The one rule the readers, the engines and :func:`to_code` share; nothing is checked.

    >>> org_code("rbd"), org_code("E92000001")
    ('RBD', 'ENGLAND')
    """
    code = upper_ascii(text)
    return ENGLAND if code == ENGLAND_ONS else code


def upper(value: str) -> str:
    """A priority code, stored upper case (``"c2"`` is ``"C2"``); the validator checks the rest."""
    return upper_ascii(value) if isinstance(value, str) else value


def optional_upper(value: str | None) -> str | None:
    """None, or a priority code stored upper case."""
    return upper_ascii(value) if isinstance(value, str) else value


def to_figure(value: object) -> units.Quantity | float | None:
    """An observation's value: None, a Quantity, or a bare number (a ``float``).

    Raises:
        InvalidObservationError: a bool, NaN, infinity, or anything that is not a figure.
    """
    if value is None:
        return None
    return read_figure(
        value,
        field="value",
        example="'87.5 %', '£6.6bn', '12 pathways', or 12 for a count",
        error=InvalidObservationError,
    )


def _count(value: object, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise InvalidObservationError(
            f"{_shown(value)} ({type(value).__name__}) is not a count", field=field, example="875"
        )
    try:
        number = float(value)
    except (ValueError, ArithmeticError):
        raise InvalidObservationError(
            f"{_shown(value)} is not a number", field=field, example="875"
        ) from None
    if not math.isfinite(number):
        raise InvalidObservationError(
            f"{_shown(value)} is not a finite number", field=field, example="875"
        )
    return number


def to_numerator(value: object) -> float | None:
    """A numerator: a finite number (or its text), never a bool (``True`` is not 1)."""
    return _count(value, "numerator")


def to_denominator(value: object) -> float | None:
    """A denominator: a finite number (or its text), never a bool."""
    return _count(value, "denominator")


def to_as_of(value: object) -> date:
    """The date assessed: a ``date``, ISO text, a ``datetime`` or anything with ``.date()``.

    Text is an ISO date (``2021-12-31``) or date and time (``2021-12-31 09:00``), with
    spaces around it allowed, as :mod:`nhsplan.model.formats` defines them (and as the
    command line reads ``--as-of``). A pandas ``Timestamp`` is read through its ``.date()``
    without importing pandas.

    Raises:
        InvalidValueError: anything else; the message names ``as_of``.
    """
    example = "date(2021, 12, 31) or '2021-12-31'"
    if isinstance(value, str):
        if ISO_DATE_TIME.matches(value):
            try:
                return datetime.fromisoformat(value.strip(" ")).date()
            except ValueError:
                pass  # no such day: read_iso_date says so
        return read_iso_date(value, field="as_of", example=example)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if callable(getattr(value, "date", None)) and hasattr(value, "isoformat"):
        # a datetime, or a pandas Timestamp (duck-typed: pandas is not imported); pandas'
        # NaT passes isinstance(datetime) but has no year, so it is refused here
        try:
            return date(value.year, value.month, value.day)  # type: ignore[attr-defined]
        except (AttributeError, TypeError, ValueError):
            pass
    raise InvalidValueError(
        f"{_shown(value)} ({type(value).__name__}) is not a date", field="as_of", example=example
    )
