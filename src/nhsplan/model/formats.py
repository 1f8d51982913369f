r"""The one definition of each text format nhsplan reads: codes, ids, periods, numbers, dates.

Each format is one regular expression, written in the subset that Python's :mod:`re`, RE2
(DuckDB), Rust's ``regex`` (polars) and Java (Spark) read alike: character classes with ASCII
ranges (``[0-9]``, never ``\d``, which Python reads as any Unicode digit), groups and counted
repeats. Every engine's form is built here from that one text:

- Python: :meth:`TextFormat.matches` (``re.fullmatch``: the whole text, so ``"ae_4_hour\n"``
  is no metric id; ``$`` would let a final newline through);
- DuckDB SQL: :meth:`TextFormat.sql` (``regexp_full_match``);
- Narwhals (pandas, polars, DuckDB): :meth:`TextFormat.narwhals` (anchored, and no newline,
  since pandas reads ``$`` as Python does);
- Ibis (DuckDB, Spark): :meth:`TextFormat.ibis` (anchored with ``\A`` and ``\z``, which RE2
  and Java both read as the very start and end of the text).

The values a pattern cannot check (a financial year's two years must be consecutive, a
date must be a real day) are checked by the readers below, and the columnar engine's SQL
for them is built here too (:func:`period_sql`), so that the test suite checks every form
against one table of accepted and refused texts (``tests/model/test_formats.py``).

>>> METRIC_ID.matches("ae_4_hour"), METRIC_ID.matches("ae_4_hour\n")
(True, False)
>>> upper_ascii("rbd"), upper_ascii("straße"), ORG_CODE.matches(upper_ascii("straße"))
('RBD', 'STRAßE', False)
>>> read_iso_date(" 2021-12-31")
datetime.date(2021, 12, 31)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

import attrs

from nhsplan.calendar._common import MAX_YEAR, MIN_YEAR
from nhsplan.errors import InvalidValueError, _shown

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = [
    "FIRST_RECORD_DATE",
    "INTEGER",
    "ISO_DATE",
    "ISO_DATE_TIME",
    "LAST_RECORD_DATE",
    "METRIC_ID",
    "ORG_CODE",
    "PERIOD_TEXT",
    "PLAIN_ID",
    "PLAIN_INTEGER_HIGH",
    "PLAIN_NUMBER",
    "PLANNING_REF",
    "TextFormat",
    "month_index",
    "period_sql",
    "period_table_sql",
    "plain_integer_sql",
    "plain_number_sql",
    "read_iso_date",
    "read_iso_date_time",
    "sql_text",
    "upper_ascii",
]


@attrs.frozen
class TextFormat:
    """One text format: a regular expression for the whole text, a name and an example.

    Attributes:
        name: what the text is (``"an organisation code"``), for messages.
        pattern: the regular expression, unanchored; it must match the whole text.
        example: a valid text, for messages.
    """

    name: str
    pattern: str
    example: str
    _compiled: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_compiled", re.compile(self.pattern))

    def matches(self, text: object) -> bool:
        """True if *text* is a str wholly in this format (a final newline is not)."""
        return isinstance(text, str) and self._compiled.fullmatch(text) is not None

    @property
    def anchored(self) -> str:
        r"""The pattern anchored for RE2, Rust and Java: ``\A(?:...)\z``."""
        return rf"\A(?:{self.pattern})\z"

    def sql(self, expr: str) -> str:
        """A DuckDB SQL condition: the VARCHAR *expr* is wholly in this format (NULL for NULL)."""
        return f"regexp_full_match({expr}, {sql_text(self.pattern)})"

    def narwhals(self, expr: Any) -> Any:  # noqa: ANN401 - a narwhals string expression
        r"""A Narwhals condition on the string expression *expr* (null cells: fill them first).

        pandas reads ``$`` as Python's :mod:`re` does (before a final newline too), and its
        string methods have no ``\z``: a text with a newline in it is refused separately.
        """
        return expr.str.contains(f"^(?:{self.pattern})$") & ~expr.str.contains("\n", literal=True)

    def ibis(self, value: ir.StringValue) -> ir.BooleanValue:
        """An Ibis condition (DuckDB or Spark): the string *value* is wholly in this format."""
        return value.re_search(self.anchored)


def sql_text(text: str) -> str:
    """*text* as a DuckDB SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def upper_ascii(text: str) -> str:
    """*text* with ASCII letters upper-cased, and nothing else changed.

    ``str.upper`` maps Unicode letters too (``"straße"`` becomes ``"STRASSE"``, a valid code):
    a code is upper-cased in ASCII only, so a non-ASCII letter stays and is refused.
    """
    return text.translate(_UPPER)


_UPPER: Final = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


# --- codes and ids -------------------------------------------------------------------------------

ORG_CODE: Final = TextFormat(
    "an organisation code (upper-case letters and digits)", r"[A-Z0-9][A-Z0-9_-]*", "'RBD'"
)
"""An organisation code as stored: ``RBD``, ``QVV``, ``ENGLAND``, ``E92000001``.

Codes are read in any case and stored upper case (:func:`upper_ascii`)."""

METRIC_ID: Final = TextFormat(
    "a snake_case id", r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", "'cancer_faster_diagnosis_standard'"
)
"""A metric or target id: lower-case snake_case (``ae_4_hour``)."""

PLAIN_ID: Final = TextFormat(
    "an id (letters, digits, '_', '.', '-'; no spaces)",
    r"[A-Za-z0-9][A-Za-z0-9_.-]*",
    "'c2_cancer_backlog'",
)
"""Any other id (a requirement's, a priority's code): letters, digits, ``_``, ``.``, ``-``."""

PLANNING_REF: Final = TextFormat(
    "an NHS England planning reference",
    r"E\.[A-Z](?:\.[A-Z])?\.[0-9]+[a-z]?(?:\.[ivx]+)?",
    "'E.M.13'",
)
"""A planning reference of NHS England's operational planning templates: ``E.M.13``,
``E.B.23c``, ``E.A.S.1``, ``E.T.3c.i``."""


# --- periods and the month index -----------------------------------------------------------------

_MONTH: Final = r"[0-9]{4}-(?:0[1-9]|1[0-2])"
_YEAR: Final = r"[0-9]{4}/[0-9]{2}"
PERIOD_TEXT: Final = TextFormat(
    "a period in its canonical spelling",
    rf"{_MONTH}|{_YEAR}(?: Q[1-4]| H[12])?",
    "'2021-11', '2021/22', '2021/22 Q3' or '2021/22 H1'",
)
"""A period as nhsplan writes it: ``2021-11``, ``2021/22``, ``2021/22 Q3``, ``2021/22 H1``.

The pattern is the spelling only; a financial year's two years must also be consecutive,
and the period within the calendar's years (1900/01 to 2200/01):
:func:`~nhsplan.calendar.parse_period` checks both in Python, :func:`period_sql` in SQL."""


def month_index(year: int, month: int) -> int:
    """The month index: months since January of year 0 (``year * 12 + month - 1``).

    Periods are compared and keyed by the indexes of their first and last months.
    """
    return year * 12 + month - 1


FIRST_MONTH: Final = month_index(MIN_YEAR, 4)
"""The index of the calendar's first month (April 1900, M1 of 1900/01)."""
LAST_MONTH: Final = month_index(MAX_YEAR + 1, 3)
"""The index of the calendar's last month (March 2201, M12 of 2200/01)."""

PERIOD_KINDS: Final = {"month": 0, "quarter": 1, "half": 2, "year": 3}
"""How :func:`period_sql` numbers each kind of period."""
PERIOD_SPANS: Final = {"month": 0, "quarter": 2, "half": 5, "year": 11}
"""Months from a period's first month to its last, by kind."""


def period_sql(expr: str) -> tuple[str, str, str]:
    """SQL for the period the VARCHAR *expr* spells: ``(kind, first month, last month)``.

    Each is NULL unless *expr* is in :data:`PERIOD_TEXT` with consecutive years and within
    the calendar's years; ``kind`` numbers the kinds as :data:`PERIOD_KINDS` does, the
    months are :func:`month_index` values. The test suite checks this against
    :func:`~nhsplan.calendar.parse_period` for every period of every year the calendar
    accepts, and for the table of texts both must refuse.
    """
    year = f"TRY_CAST(substr({expr}, 1, 4) AS INTEGER)"
    two = f"TRY_CAST(substr({expr}, 6, 2) AS INTEGER)"
    digit = f"TRY_CAST(substr({expr}, 10, 1) AS INTEGER)"
    ok = PERIOD_TEXT.sql(expr)
    is_month = f"substr({expr}, 5, 1) = '-'"
    consecutive = f"{two} = ({year} + 1) % 100"
    kind = (
        f"CASE WHEN NOT coalesce({ok}, false) THEN NULL "
        f"WHEN {is_month} THEN {PERIOD_KINDS['month']} "
        f"WHEN NOT ({consecutive}) THEN NULL "
        f"WHEN length({expr}) = 7 THEN {PERIOD_KINDS['year']} "
        f"WHEN substr({expr}, 9, 1) = 'Q' THEN {PERIOD_KINDS['quarter']} "
        f"ELSE {PERIOD_KINDS['half']} END"
    )
    # the first month: the month's own, or April of the financial year plus the part's offset
    fy_start = f"({year} * 12 + 3)"
    first = (
        f"CASE WHEN {is_month} THEN {year} * 12 + {two} - 1 "
        f"WHEN length({expr}) = 7 THEN {fy_start} "
        f"WHEN substr({expr}, 9, 1) = 'Q' THEN {fy_start} + 3 * ({digit} - 1) "
        f"ELSE {fy_start} + 6 * ({digit} - 1) END"
    )
    span = (
        f"CASE WHEN {is_month} THEN {PERIOD_SPANS['month']} "
        f"WHEN length({expr}) = 7 THEN {PERIOD_SPANS['year']} "
        f"WHEN substr({expr}, 9, 1) = 'Q' THEN {PERIOD_SPANS['quarter']} "
        f"ELSE {PERIOD_SPANS['half']} END"
    )
    in_range = f"({first}) >= {FIRST_MONTH} AND ({first}) + ({span}) <= {LAST_MONTH}"
    checked = f"CASE WHEN ({kind}) IS NOT NULL AND {in_range} THEN"
    return (
        f"({checked} {kind} END)",
        f"({checked} {first} END)",
        f"({checked} ({first}) + ({span}) END)",
    )


def period_table_sql() -> str:
    """SQL for a table of every text :func:`period_sql` accepts, with what it gives for it.

    Columns ``period_text``, ``period_kind``, ``period_first`` and ``period_last``: one row
    per period of the calendar's years, in its canonical spelling. The candidates are every
    text of the four spellings for a few more years than the calendar's, and the table keeps
    those :func:`period_sql` accepts, so it holds exactly the texts :func:`period_sql`
    accepts (a text in none of the spellings, or out of the years, it refuses). A query
    joins its rows to this table, once per distinct text, rather than computing
    :func:`period_sql` on each row.
    """
    kind, first, last = period_sql("t")
    years = f"range({MIN_YEAR - 1}, {MAX_YEAR + 2}) AS y(y)"
    parts = ", ".join(f"('{part}')" for part in ("", " Q1", " Q2", " Q3", " Q4", " H1", " H2"))
    texts = (
        f"SELECT printf('%04d-%02d', y, m) AS t FROM {years}, range(1, 13) AS m(m) "
        f"UNION ALL SELECT printf('%04d/%02d', y, (y + 1) % 100) || part AS t "
        f"FROM {years}, (VALUES {parts}) AS s(part)"
    )
    return (
        "SELECT t AS period_text, k AS period_kind, f AS period_first, l AS period_last "
        f"FROM (SELECT t, {kind} AS k, {first} AS f, {last} AS l FROM ({texts})) "
        "WHERE k IS NOT NULL"
    )


# --- numbers -------------------------------------------------------------------------------------

PLAIN_NUMBER: Final = TextFormat(
    "a plain number (digits, with a decimal point if need be)",
    r"[0-9]{1,15}(?:\.[0-9]{1,15})?",
    "'875' or '87.5'",
)
"""A number in its plainest spelling, which every engine reads to the same float.

No sign, exponent, grouping comma, underscore or space: a cell spelt otherwise is read by
the observation reader's own rules (:func:`~nhsplan.io.readers._quality.parse_number`), row
by row, never vouched for by a fast path."""

PLAIN_INTEGER_HIGH: Final = 10**15 - 1
"""The largest integer whose decimal text is a :data:`PLAIN_NUMBER` (fifteen digits)."""


def plain_integer_sql(expr: str) -> str:
    """A DuckDB SQL condition on an integer-typed *expr*: its text is a :data:`PLAIN_NUMBER`.

    The same answer as ``PLAIN_NUMBER.sql(f"CAST({expr} AS VARCHAR)")`` (NULL for NULL),
    without writing the number out: an integer type's text is digits with a minus sign for a
    negative number, so it is plain exactly from 0 to :data:`PLAIN_INTEGER_HIGH`.
    """
    return f"({expr} BETWEEN 0 AND {PLAIN_INTEGER_HIGH})"


def plain_number_sql(expr: str) -> str:
    """A DuckDB SQL DOUBLE: the VARCHAR *expr* read as a number where it is a :data:`PLAIN_NUMBER`.

    NULL where it is not (and for NULL). Most plain numbers in a file are whole numbers
    written without a leading zero, and such a text is exactly the text an unsigned integer
    casts back to: ``CAST(TRY_CAST(x AS UBIGINT) AS VARCHAR) = x``, at most fifteen
    characters long, says so without the regular expression (a third of the cost of a
    10 M-row CSV's single pass went on it); any other text is tested by
    ``PLAIN_NUMBER.sql``. The cast back is what makes the shortcut strict: DuckDB's cast
    alone reads `` 5``, ``+5``, ``5.6`` and ``1_000`` as integers.
    """
    whole = f"length({expr}) <= 15 AND CAST(TRY_CAST({expr} AS UBIGINT) AS VARCHAR) = {expr}"
    return (
        f"CASE WHEN {whole} THEN CAST({expr} AS DOUBLE) "
        f"WHEN {PLAIN_NUMBER.sql(expr)} THEN CAST({expr} AS DOUBLE) END"
    )


INTEGER: Final = TextFormat("a whole number", r" *[0-9]{1,15} *", "'1'")
"""A whole number, digits only (spaces around it allowed): ``2.5``, ``1e0``, ``+1`` and
``0x1`` are not whole numbers, however an engine would cast them."""


# --- dates ---------------------------------------------------------------------------------------

ISO_DATE: Final = TextFormat(
    "an ISO date", r" *[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]) *", "'2021-12-31'"
)
"""An ISO 8601 calendar date, ``2021-12-31`` (spaces around it allowed, nothing else).

The pattern is the spelling; the day must also exist (``2021-02-30`` does not):
:func:`read_iso_date` checks it in Python; SQL casts the text and refuses a NULL."""

_TIME: Final = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
ISO_DATE_TIME: Final = TextFormat(
    "an ISO date and time",
    rf" *[0-9]{{4}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[T ]{_TIME} *",
    "'2021-03-28 00:30'",
)
"""A local date and time, ``2021-03-28 00:30`` (``T`` or a space between; seconds and up to
six decimals optional; hours ``00`` to ``23``, so ``24:00`` is refused)."""

FIRST_RECORD_DATE: Final = date(1948, 1, 1)
"""The first date a record may carry (the NHS began on 5 July 1948): ``0000-01-01`` is a
misread cell, not a date."""
LAST_RECORD_DATE: Final = date(MAX_YEAR + 1, 3, 31)
"""The last date a record may carry: the last day of the calendar's last financial year."""


def read_iso_date(text: str, *, field: str = "date", example: str = ISO_DATE.example) -> date:
    """The date an ISO text gives (``2021-12-31``; spaces around it are allowed).

    Raises:
        InvalidValueError: not in :data:`ISO_DATE`, or no such day; names *field* and shows
            *example*.
    """
    if ISO_DATE.matches(text):
        year, month, day = (int(part) for part in text.strip(" ").split("-"))
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise InvalidValueError(
                f"{_shown(text)} is not a real date ({exc})", field=field, example=example
            ) from None
    raise InvalidValueError(f"{_shown(text)} is not {ISO_DATE.name}", field=field, example=example)


def read_iso_date_time(text: str, *, field: str = "time") -> datetime:
    """The local date and time an ISO text gives (``2021-03-28 00:30``).

    Raises:
        InvalidValueError: not in :data:`ISO_DATE_TIME`, or no such day; names *field*.
    """
    if ISO_DATE_TIME.matches(text):
        try:
            return datetime.fromisoformat(text.strip(" "))
        except ValueError as exc:
            raise InvalidValueError(
                f"{_shown(text)} is not a real date and time ({exc})",
                field=field,
                example=ISO_DATE_TIME.example,
            ) from None
    raise InvalidValueError(
        f"{_shown(text)} is not {ISO_DATE_TIME.name}", field=field, example=ISO_DATE_TIME.example
    )
