"""``nhsplan show EDITION [CODE]``: an edition's outline, or one priority or target in full.

Codes are read case-insensitively (``c2`` is priority ``C2``; ``ERF`` ids are snake_case), and
text from a local guidance file is printed with control characters made visible.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from nhsplan.cli._common import Subparsers, add_output, printable

if TYPE_CHECKING:
    from nhsplan.model import Guidance

__all__ = ["register", "resolve_code", "run"]


def register(commands: Subparsers) -> None:
    """Add ``show`` to *commands*."""
    parser = commands.add_parser(
        "show", help="show an edition, or one priority (or target) with its asks and sources"
    )
    parser.add_argument("edition", help="edition id (2021/22) or a guidance file")
    parser.add_argument("code", nargs="?", help="a priority code (C2) or a target id")
    add_output(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print the edition's outline, or the priority or target *code*."""
    from nhsplan.catalog import load_guidance  # noqa: PLC0415
    from nhsplan.cli import _text  # noqa: PLC0415 - keep --help fast

    guidance = load_guidance(args.edition)
    code = None if args.code is None else resolve_code(guidance, args.code)
    out.write(printable(_text.show(guidance, code)))


def resolve_code(guidance: Guidance, code: str) -> str:
    """*code* as the edition writes it: ``c2`` -> ``C2``, ``ERF_Threshold`` -> the target id.

    A code matching nothing is returned as given, for the lookup to report with the
    closest codes.
    """
    text = code.strip()
    priorities = {p.code.upper(): p.code for top in guidance.priorities for p in top.walk()}
    targets = {t.id.lower(): t.id for t in guidance.targets}
    return priorities.get(text.upper()) or targets.get(text.lower()) or text
