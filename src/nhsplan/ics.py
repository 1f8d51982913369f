"""Export guidance deadlines as an iCalendar file that calendar apps import.

Each dated ask becomes an all-day event on its resolved date, titled with the ask and carrying
the guidance's own words, the owners and the citation. The file is written with the
`icalendar <https://icalendar.readthedocs.io>`_ package (the ``ics`` extra), which handles
RFC 5545's escaping and line folding.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from nhsplan.model import DueItem

__all__ = ["deadlines_to_ics"]

_PRODID = "-//nhsplan//NHS planning guidance deadlines//EN"


def deadlines_to_ics(
    items: Iterable[DueItem], *, edition: str, stamp: datetime | None = None
) -> bytes:
    """The deadlines *items* as the bytes of an iCalendar (``.ics``) file.

    Args:
        items: the dated asks (``Guidance.deadlines``, possibly filtered).
        edition: the edition id, used in event ids and the calendar name.
        stamp: the DTSTAMP written on every event; defaults to the Unix epoch so the output
            depends on its inputs only (pass the time of export if your calendar wants it).

    Raises:
        ImportError: the ``icalendar`` package is not installed (``pip install "nhsplan[ics]"``).
    """
    try:
        import icalendar  # noqa: PLC0415 - an optional extra, imported on use
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            'writing iCalendar files needs the ics extra: pip install "nhsplan[ics]"'
        ) from exc

    when = stamp or datetime(1970, 1, 1, tzinfo=UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"NHS planning guidance {edition}: deadlines")
    slug = edition.replace("/", "-")
    for item in items:
        day: date = item.deadline.resolved
        event = icalendar.Event()
        event.add("uid", f"{item.id}@{slug}.nhsplan")
        event.add("dtstamp", when)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{item.deadline.kind.value.capitalize()}: {item.text}")
        owners = ", ".join(sorted(t.value for t in item.owners)) or "everyone"
        event.add(
            "description",
            f'"{item.deadline.words}" ({item.deadline.kind.value} {day.isoformat()}).\n'
            f"Asked of: {owners}.\nSource: {item.citation}.",
        )
        event.add("categories", [edition])
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
