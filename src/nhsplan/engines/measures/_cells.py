"""A record file's cells as Ibis expressions: dates, wall-clock times and integers, strictly.

Each parser gives a column that is null where the cell is not what it should be (text not
wholly in the format, a date before 1948, an hour past 23); :func:`missing_or_bad` turns
those nulls into the reasons :func:`~nhsplan.engines.measures._common.run` counts and reports.
The formats are :mod:`nhsplan.model.formats`' own; the UK clock rule is :mod:`._london`'s.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from nhsplan.engines.measures import _london
from nhsplan.engines.measures._common import MeasureInputError
from nhsplan.model.formats import (
    FIRST_RECORD_DATE,
    INTEGER,
    ISO_DATE,
    ISO_DATE_TIME,
    LAST_RECORD_DATE,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["missing_or_bad", "parse_date", "parse_integer", "parse_timestamp"]


def _kind(column: ir.Column) -> str:
    dtype = column.type()
    if dtype.is_string():
        return "string"
    if dtype.is_timestamp():
        return "timestamp"
    if dtype.is_date():
        return "date"
    if dtype.is_integer():
        return "integer"
    return str(dtype)


def _wrong_type(name: str, column: ir.Column, wanted: str, example: str) -> MeasureInputError:
    return MeasureInputError(
        f"column {name!r} holds {column.type()}, not {wanted}; for example {example!r}"
    )


def _in_range(day: ir.DateValue) -> ir.BooleanValue:
    """A record's date lies from :data:`~nhsplan.model.formats.FIRST_RECORD_DATE` on."""
    import ibis  # noqa: PLC0415 - optional dependency

    return day.between(ibis.literal(FIRST_RECORD_DATE), ibis.literal(LAST_RECORD_DATE))


def parse_timestamp(
    table: ir.Table, name: str, *, in_range: Collection[str] = ()
) -> ir.TimestampValue:
    """Column *name* as a wall-clock timestamp; null where the cell is no such time.

    Text must be wholly in :data:`~nhsplan.model.formats.ISO_DATE_TIME` (``2021-03-28
    00:30``, seconds optional, hours 00-23: ``24:00`` is refused, not read as the next
    midnight) and a real day from 1948 on; a timestamp column is taken as is, within the
    same dates. Nothing is cast leniently: a cell the format refuses is null, and reported.
    Text without a zone, like a timestamp column without one, is read as England's wall-clock
    time; a time-zone-aware column is converted to it
    (:func:`~nhsplan.engines.measures._london.wall_clock`).

    A naive timestamp column named in *in_range* is taken as it is: the file's own
    statistics show every value within the dates (:func:`proven_in_range`), and the engine,
    seeing no check, keeps what those statistics tell it about the column.
    """
    import ibis  # noqa: PLC0415 - optional dependency

    column = table[name]
    kind = _kind(column)
    if kind == "timestamp":
        parsed = _london.wall_clock(column)
        if name in in_range and not _london.aware(column):
            return parsed
        return ibis.cases((_in_range(parsed.date()), parsed), else_=ibis.null("timestamp"))
    if kind != "string":
        raise _wrong_type(name, column, "a local date and time", "2021-03-28 00:30")
    parsed = column.strip().try_cast("timestamp")
    ok = ISO_DATE_TIME.ibis(column) & _in_range(parsed.date())
    return ibis.cases((ok, parsed), else_=ibis.null("timestamp"))


def parse_date(table: ir.Table, name: str, *, in_range: Collection[str] = ()) -> ir.DateValue:
    """Column *name* as a date; null where the cell is no date.

    Text must be wholly in :data:`~nhsplan.model.formats.ISO_DATE` (``2021-11-30``) and a
    real day from 1948 on (``0000-01-01`` is a misread cell); a date or timestamp column is
    taken as is, within the same dates (with no check where *in_range* names a date column:
    see :func:`parse_timestamp`).
    """
    import ibis  # noqa: PLC0415 - optional dependency

    column = table[name]
    kind = _kind(column)
    if kind == "date" and name in in_range:
        return column
    if kind == "date":
        parsed = column
    elif kind == "timestamp":
        parsed = _london.wall_clock(column).date()  # the date in England at that instant
    elif kind == "string":
        parsed = column.strip().try_cast("date")
        parsed = ibis.cases((ISO_DATE.ibis(column), parsed), else_=ibis.null("date"))
    else:
        raise _wrong_type(name, column, "a date", "2021-11-30")
    return ibis.cases((_in_range(parsed), parsed), else_=ibis.null("date"))


def parse_integer(table: ir.Table, name: str) -> ir.IntegerValue:
    """Column *name* as a whole number; null where the cell is none.

    Text must be wholly in :data:`~nhsplan.model.formats.INTEGER` (digits only): ``2.5``,
    ``0.6``, ``1e0``, ``+1`` and ``0x1`` are not whole numbers and are reported, never
    cast or rounded to one. An integer column is taken as is.
    """
    import ibis  # noqa: PLC0415 - optional dependency

    column = table[name]
    kind = _kind(column)
    if kind == "integer":
        return column.cast("int64")
    if kind != "string":
        raise _wrong_type(name, column, "a whole number", "1")
    parsed = column.strip().try_cast("int64")
    return ibis.cases((INTEGER.ibis(column), parsed), else_=ibis.null("int64"))


def missing_or_bad(
    raw: ir.Column, parsed: ir.Value, name: str, example: str
) -> tuple[tuple[ir.BooleanValue, str], tuple[ir.BooleanValue, str]]:
    """The two problems a parsed column can have, as (condition, reason) pairs."""
    missing = raw.isnull()
    if raw.type().is_string():
        missing = missing | (raw.strip() == "")
    return (
        (missing, f"{name} is missing"),
        (parsed.isnull(), f"{name} is not {example}"),
    )
