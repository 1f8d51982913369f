"""``nhsplan metrics EDITION``: the metrics an edition measures, with their units.

An observation file names a metric by its id and gives its figure in the metric's unit (a
proportion as a numerator and denominator, or a percentage); this lists what to write.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from nhsplan.cli._common import Subparsers, add_output, printable

if TYPE_CHECKING:
    from nhsplan.model import Guidance

__all__ = ["register", "run", "table"]


def register(commands: Subparsers) -> None:
    """Add ``metrics`` to *commands*."""
    parser = commands.add_parser(
        "metrics", help="list an edition's metric ids, names and units (what a figures file names)"
    )
    parser.add_argument("edition", help="edition id (2021/22) or a guidance file")
    add_output(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print one line per metric: id, unit, kind, polarity and name."""
    from nhsplan.catalog import load_guidance  # noqa: PLC0415 - keep --help fast

    out.write(printable(table(load_guidance(args.edition))))


def table(guidance: Guidance) -> str:
    """The metrics of *guidance* as a text table, with the targets that use each.

    >>> from nhsplan import load_guidance
    >>> print(table(load_guidance("standards")).splitlines()[2].split())  # doctest: +ELLIPSIS
    ['ae_4_hour', 'percent', 'proportion', 'higher', 'is', 'better', 'A&E', ...]
    """
    header = ("metric", "unit", "kind", "better", "name", "targets")
    rows = [
        (
            m.id,
            m.unit,
            m.kind.value,
            m.polarity.value.replace("_", " "),
            m.name,
            ", ".join(t.id for t in guidance.targets_for_metric(m.id)) or "-",
        )
        for m in guidance.metrics
    ]
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    lines = [f"{guidance.id}: {len(rows)} metrics (give figures in these units)"]
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"
