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

LATIN1_CLI: Final = (
    "the command words a non-UTF-8 file as a file-level error without the row the "
    'reader names ("row 1: not UTF-8 text at or after this row")'
)

ONS_SINGLE: Final = (
    "the single pass declines a file that names England by its ONS code (E92000001) and "
    "hands it to the column pass, which judges it as the reference does: correct, slower"
)

KNOWN: Final[dict[tuple[str, str], str]] = {
    **{
        (f"{path}-single", f"{target}/national_by_ons_code"): ONS_SINGLE
        for path in (
            "columnar.evaluate_frame-polars",
            "columnar.evaluate_file-csv",
            "columnar.evaluate_file-parquet",
        )
        for target in ("gpfv_mental_health_therapists", "provider_sector_balance_2020_21")
    },
    ("cli-csv", "latin1"): LATIN1_CLI,
}
