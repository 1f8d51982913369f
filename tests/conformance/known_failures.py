"""The (path, case) pairs that disagree with the reference today, each with the bug it shows.

The conformance suite holds each pair to its listed failure strictly: ``test_every_case``
fails if a path disagrees on a case not listed, or agrees on one listed; the file tests mark
their pairs ``xfail(strict=True)``. When a fix lands, delete its line. A case is a vector id
(``test_every_case``), a file-bucket id (``test_file_csv_bytes``: edition@date#slot) or a
file-form id (``test_file_form``). Found by running every path on every vector; 580 pairs were
listed at 64885dd, before the decision core and the file readers were rewritten (issue 16).
"""

from __future__ import annotations

from typing import Final

KNOWN: Final[dict[tuple[str, str], str]] = {}
"""Empty: every path agrees with the reference on every case."""
