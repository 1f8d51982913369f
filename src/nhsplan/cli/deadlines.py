"""``nhsplan deadlines EDITION``: an edition's dated asks, optionally as an iCalendar file.

Each ask appears once: where a requirement is measured by a target with the same deadline
(the requirement "submit final plans by 3 June" and the milestone target
``plan_final_submission_2021_22``), only the target is listed, since it is what can be
judged. ``--from``/``--to`` keep every deadline whose days overlap the range: a "during Q1"
window is kept by a range inside the quarter.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from nhsplan.cli._common import (
    Subparsers,
    add_output,
    check_writable,
    iso_date,
    printable,
    write_file,
)

if TYPE_CHECKING:
    from nhsplan.model import DueItem, Guidance

__all__ = ["made_at", "register", "run", "select"]


def register(commands: Subparsers) -> None:
    """Add ``deadlines`` to *commands*."""
    parser = commands.add_parser(
        "deadlines",
        help="list an edition's dated asks",
        description=(
            "List an edition's dated asks in date order, each once. A 'during' window is kept "
            "when it overlaps --from/--to, and is one event spanning it in --ics."
        ),
    )
    parser.add_argument("edition", help="edition id (2021/22) or a guidance file")
    parser.add_argument(
        "--from",
        dest="start",
        type=iso_date,
        metavar="DATE",
        help="only deadlines on or after DATE, or windows still open then (2021-04-01)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=iso_date,
        metavar="DATE",
        help="only deadlines on or before DATE, or windows open by then (2021-09-30)",
    )
    parser.add_argument(
        "--ics",
        type=Path,
        metavar="FILE",
        help='also write the deadlines to FILE as iCalendar (needs pip install "nhsplan[ics]")',
    )
    add_output(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print the deadlines in the range, and write them to ``--ics`` if given."""
    from nhsplan.catalog import load_guidance  # noqa: PLC0415
    from nhsplan.cli import _text  # noqa: PLC0415 - keep --help fast

    ics: Path | None = args.ics
    if ics is not None:
        from nhsplan.io.writers.ics import require_icalendar  # noqa: PLC0415

        require_icalendar()  # a missing extra fails before anything is printed
        check_writable(ics, what="calendar")
    guidance = load_guidance(args.edition)
    items = select(guidance, start=args.start, end=args.end)
    out.write(printable(_text.deadlines(items)))
    if ics is not None:
        from nhsplan.io.writers.ics import deadlines_to_ics  # noqa: PLC0415

        data = deadlines_to_ics(items, edition=guidance.id, stamp=made_at())
        write_file(ics, data, what="calendar")
        print(f"wrote {len(items)} deadlines to {ics}", file=sys.stderr)


def made_at() -> datetime:
    """When the file is made: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else now.

    Read here, at the edge; the writers take it as an argument.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


def select(guidance: Guidance, *, start: date | None, end: date | None) -> list[DueItem]:
    """The edition's deadlines overlapping *start*..*end*, each ask once, in date order."""
    from nhsplan.io.writers.ics import event_days  # noqa: PLC0415 - one definition of an event's days

    items = []
    for item in unique(guidance):
        first, last = event_days(item)
        if (start is None or last >= start) and (end is None or first <= end):
            items.append(item)
    return items


def unique(guidance: Guidance) -> Sequence[DueItem]:
    """``guidance.deadlines`` without a requirement that one of its targets repeats."""
    targets = {t.id: t for t in guidance.targets}
    repeated: set[str] = set()
    for r in guidance.requirements:
        if r.deadline is None:
            continue
        for target_id in r.targets:
            target = targets.get(target_id)
            deadline = target.deadline if target is not None else None
            if deadline is not None and deadline.window == r.deadline.window:
                repeated.add(r.id)
    return [item for item in guidance.deadlines if item.id not in repeated]
