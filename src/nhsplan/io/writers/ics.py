r"""Export guidance deadlines as an iCalendar file that calendar apps import.

Each dated ask becomes one all-day event, titled with the ask and carrying the guidance's own
words, the owners and the citation: a "by" or "from" deadline on its date, a "during" window
(``during Q1``) as one event spanning it, from its first day to its last (RFC 5545: ``DTEND``
is the day after the last day). The file is written with the `icalendar
<https://icalendar.readthedocs.io>`_ package (the ``ics`` extra), and every text field goes
through its escaping and line folding as a ``TEXT`` value, so text from a local guidance file
(its edition id, an ask) cannot start a line of its own, let alone an event. Control characters,
which RFC 5545 does not allow in text, are written as visible escapes (``\x1b``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from types import ModuleType

from nhsplan.calendar import DeadlineKind
from nhsplan.model import DueItem

__all__ = ["deadlines_to_ics", "event_days", "require_icalendar"]

_PRODID = "-//nhsplan//NHS planning guidance deadlines//EN"
_UNSAFE_IN_UID = re.compile(r"[^A-Za-z0-9._-]+")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""What RFC 5545 forbids in TEXT (control characters but tab and new line, which it escapes),
and lone surrogates, which cannot be written as UTF-8."""


def _visible(text: str) -> str:
    r"""*text* with each forbidden character shown as its escape (``\x1b``), not written raw.

    >>> _visible("C2 \x1b[31mred\x07")
    'C2 \\x1b[31mred\\x07'
    """
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def event_days(item: DueItem) -> tuple[date, date]:
    """The first and last day of *item*'s event: a during window's span, else its one date.

    >>> from nhsplan import load_guidance
    >>> ecds = next(i for i in load_guidance("2021/22").deadlines if i.id == "ecds_rollout_2021_22")
    >>> ecds.deadline.words, event_days(ecds)
    ('during Q1', (datetime.date(2021, 4, 1), datetime.date(2021, 6, 30)))
    """
    deadline = item.deadline
    if deadline.kind in (DeadlineKind.DURING, DeadlineKind.COVERING) and deadline.start is not None:
        return deadline.start, deadline.end or deadline.resolved
    return deadline.resolved, deadline.resolved


def require_icalendar() -> ModuleType:
    """The ``icalendar`` module, or an ImportError saying which extra installs it.

    The command line calls it before printing anything, so a missing extra fails first.

    Raises:
        ImportError: the ``icalendar`` package is not installed (``pip install "nhsplan[ics]"``).
    """
    try:
        import icalendar  # noqa: PLC0415 - an optional extra, imported on use
    except ImportError as exc:
        raise ImportError(
            'writing iCalendar files needs the ics extra: pip install "nhsplan[ics]"'
        ) from exc
    return icalendar


def deadlines_to_ics(items: Iterable[DueItem], *, edition: str, stamp: datetime) -> bytes:
    """The deadlines *items* as the bytes of an iCalendar (``.ics``) file.

    Args:
        items: the dated asks (``Guidance.deadlines``, possibly filtered).
        edition: the edition id, used in event ids and the calendar name.
        stamp: the DTSTAMP written on every event: when the file is made (RFC 5545). It is
            an argument, never read from the clock here, so the same inputs give the same
            bytes; ``nhsplan deadlines --ics`` passes the time it runs (or
            ``SOURCE_DATE_EPOCH`` when set). A naive datetime is taken as UTC.

    Raises:
        ImportError: the ``icalendar`` package is not installed (``pip install "nhsplan[ics]"``).
    """
    icalendar = require_icalendar()

    def text(value: str) -> object:
        return icalendar.vText(_visible(value))

    when = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    # an X- property has no known type: say it is TEXT, or it is written unescaped
    calendar.add("x-wr-calname", text(f"NHS planning guidance {edition}: deadlines"))
    slug = _UNSAFE_IN_UID.sub("-", edition).strip("-") or "edition"
    for item in items:
        first, last = event_days(item)
        words = item.deadline.words
        event = icalendar.Event()
        event.add("uid", text(f"{_UNSAFE_IN_UID.sub('-', item.id)}@{slug}.nhsplan"))
        event.add("dtstamp", when)
        event.add("dtstart", first)
        event.add("dtend", last + timedelta(days=1))  # exclusive: the day after the last
        event.add("summary", text(f"{item.deadline.kind.value.capitalize()}: {item.text}"))
        owners = ", ".join(sorted(t.value for t in item.owners)) or "everyone"
        span = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
        event.add(
            "description",
            text(
                f'"{words}" ({item.deadline.kind.value} {span}).\n'
                f"Asked of: {owners}.\nSource: {item.citation}."
            ),
        )
        event.add("categories", [text(edition)])
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
