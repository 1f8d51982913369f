"""``nhsplan audit EDITION``: every target of an edition beside the words it encodes.

Per target: its quote and source (marked secondary or unconfirmed where it is), what it asks,
its scope, basis, reading and lifetime, and the same ask in other editions, so a reviewer can
check the edition against its source in one read. The work is
:func:`nhsplan.catalog.audit.audit_text`.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from nhsplan.cli._common import Subparsers, add_output, printable

__all__ = ["register", "run"]


def register(commands: Subparsers) -> None:
    """Add ``audit`` to *commands*."""
    parser = commands.add_parser(
        "audit",
        help="check an edition against its sources: each target's quote, scope, basis, reading",
        description=(
            "Print every target of an edition with its quote and source, what it asks, whose "
            "figure judges it, which figure, the reading of words the guidance leaves open, "
            "the dates it is in force and the same ask in other editions."
        ),
    )
    parser.add_argument("edition", help="edition id (2025/26) or a guidance file")
    add_output(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print the audit of the edition."""
    from nhsplan.catalog.audit import audit_text  # noqa: PLC0415 - keep --help fast

    out.write(printable(audit_text(args.edition)))
