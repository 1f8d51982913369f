"""The (path, case) pairs that disagree with the reference today, each with the bug it shows.

The conformance suite marks each pair ``xfail(strict=True)``: when a fix lands the pair
passes, the strict mark fails the run, and its line here is deleted. A case is a vector id
(``test_case``), a file-bucket id (``test_file_csv_bytes``: edition@date#slot) or a file-form
id (``test_file_form``). Found by running every path on every vector on main at 64885dd.
"""

from __future__ import annotations

from typing import Final

PARQUET_ROWS: Final = (
    "the row-by-row fallback reads a Parquet file as CSV text: UnicodeDecodeError, no"
    ' assessments (issue 16: Parquet "refused as not UTF-8 text")'
)
PARQUET_REPEAT: Final = (
    'a Parquet file with a repeated row falls back to the CSV reader: "a file is not '
    "UTF-8 text\" instead of the reader's repeated-row problem (issue 16)"
)
BATCH_DUE_BY: Final = (
    'batch says NOT_MET before a "by" deadline where evaluate says NOT_DUE: its '
    "comparison lacks the not-due-before-a-by-date rule (issue 16, batch.py ~485-510)"
)
BATCH_FRAME_REQUIRED: Final = (
    "batch.evaluate_frame writes the level required on a row with no figure "
    "(NO_DATA); evaluate gives no required level"
)
BATCH_PERIOD: Final = (
    "BatchResult.period names a month for a target judged on its latest period when "
    "no figure says which kind of period; evaluate gives no period"
)
ONS_CODE: Final = (
    "England's ONS code E92000001 without an organisation type (a file or untyped "
    "frame names none) gives NOT_APPLICABLE; evaluate judges England's figure "
    "(DESIGN: E92000001 names the same organisation as ENGLAND)"
)
CRLF: Final = (
    "a CSV with CRLF line endings (Excel on Windows) gives no assessments at all "
    '(issue 16: "0 assessments: none")'
)
LATIN1_ROWS: Final = (
    "the row-by-row path lets UnicodeDecodeError escape on Latin-1 text instead of "
    'the reader\'s "row 1: not UTF-8 text" ObservationFileError'
)
LATIN1_CLI: Final = (
    "the command words a non-UTF-8 file as a file-level error without the row the "
    'reader names ("row 1: not UTF-8 text at or after this row")'
)

KNOWN: Final[dict[tuple[str, str], str]] = {
    ("columnar.evaluate_file-parquet-rows", "2017-19@2017-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2017-19@2019-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2017-19@2019-03-31#1"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2017-19@2019-03-31#2"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2017-19@2019-03-31#4"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2017-19@2019-03-31#5"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2017-19@2019-05-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2020/21@2020-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2020/21@2021-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2020/21@2021-03-31#1"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2020/21@2021-03-31#3"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2020/21@2021-03-31#4"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2020/21@2021-05-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2021-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2021-06-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2021-07-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2021-09-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2021-10-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2022-01-20#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2022-03-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2022-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2022-03-31#1"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2022-03-31#2"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2022-03-31#4"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2022-04-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2022-05-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2021/22@2022-07-01#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2022/23@2022-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2022/23@2022-06-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2022/23@2022-12-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2022/23@2023-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2022/23@2023-04-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2022/23@2023-05-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2023/24@2023-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2023/24@2024-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2023/24@2024-05-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2024/25@2024-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2024/25@2024-09-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2025/26@2025-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2025/26@2026-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2025/26@2026-05-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2026-29@2026-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2026-29@2027-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2026-29@2028-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "2026-29@2029-03-31#0"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "adult_ga_bed_occupancy_2023_24/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "adult_ga_bed_occupancy_2023_24/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "adult_ga_bed_occupancy_2023_24/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "adult_ga_bed_occupancy_2023_24/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "adult_ga_bed_occupancy_2023_24/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "adult_ga_bed_occupancy_2023_24/repeated_row_other_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "adult_ga_bed_occupancy_2023_24/repeated_row_same_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "adult_ga_bed_occupancy_2023_24/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour/not_due_before_start"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour/repeated_row_other_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour/repeated_row_same_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour/stale_and_future_figures"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2024/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2024/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2024/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ae_4_hour_interim_2024/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2024/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2025/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2025/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2025/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ae_4_hour_interim_2025/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2025/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2026/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2026/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2026/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ae_4_hour_interim_2026/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_interim_2026/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_trust_2026_27/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_trust_2026_27/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_trust_2026_27/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ae_4_hour_trust_2026_27/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ae_4_hour_trust_2026_27/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat1_mean/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat1_mean/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat1_mean/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat1_mean/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat1_p90/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat1_p90/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat1_p90/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat1_p90/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat2_mean/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat2_mean/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat2_mean/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat2_mean/stale_figure"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2023_24/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2023_24/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2023_24/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2023_24/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2023_24/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2024_25/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2024_25/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2024_25/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2024_25/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2024_25/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2025_26/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2025_26/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2025_26/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2025_26/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_cat2_mean_interim_2025_26/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat2_p90/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat2_p90/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat2_p90/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat2_p90/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat3_p90/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat3_p90/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat3_p90/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat3_p90/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat4_p90/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat4_p90/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat4_p90/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "ambulance_cat4_p90/stale_figure"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_handovers_45_minutes_2025_26/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_handovers_45_minutes_2025_26/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_handovers_45_minutes_2025_26/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_handovers_45_minutes_2025_26/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_handovers_45_minutes_2025_26/repeated_row_other_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_handovers_45_minutes_2025_26/repeated_row_same_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "ambulance_handovers_45_minutes_2025_26/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_2_week_wait/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_2_week_wait/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_2_week_wait/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_2_week_wait/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_2_week_wait/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_2_week_wait_breast/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_2_week_wait_breast/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_2_week_wait_breast/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_2_week_wait_breast/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_2_week_wait_breast/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_31_day/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_31_day/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_31_day/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_31_day/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_31_day_trust_2026_27/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_31_day_trust_2026_27/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_31_day_trust_2026_27/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_31_day_trust_2026_27/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_31_day_trust_2026_27/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_62_day/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_62_day/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_62_day/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_62_day/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_62_day_interim_2025/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_62_day_interim_2025/just_inside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_interim_2025/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_interim_2025/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_interim_2025/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_62_day_interim_2026/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_62_day_interim_2026/just_inside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_interim_2026/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_interim_2026/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_interim_2026/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "cancer_62_day_trust_2026_27/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_trust_2026_27/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_trust_2026_27/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_trust_2026_27/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_62_day_trust_2026_27/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_2023_24/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_2023_24/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_2023_24/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_2023_24/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_2023_24/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2025/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2025/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2025/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2025/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2025/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2026/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2026/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2026/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2026/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_interim_2026/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2023/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2023/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2023/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2023/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2023/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2023/superseded_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2026/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2026/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2026/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2026/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "cancer_faster_diagnosis_standard_2026/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "columns_reordered"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2026_27/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2026_27/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2026_27/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2026_27/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2026_27/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2028_29/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2028_29/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2028_29/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2028_29/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "community_health_18_weeks_2028_29/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "dementia_diagnosis_rate/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "dementia_diagnosis_rate/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "dementia_diagnosis_rate/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "dementia_diagnosis_rate/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "diagnostics_6_weeks/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "diagnostics_6_weeks/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "diagnostics_6_weeks/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "diagnostics_6_weeks/stale_figure"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "diagnostics_6_weeks_interim_2025/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "diagnostics_6_weeks_interim_2025/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "diagnostics_6_weeks_interim_2025/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "diagnostics_6_weeks_interim_2025/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "diagnostics_6_weeks_interim_2025/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "eip_2_weeks/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "eip_2_weeks/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "eip_2_weeks/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "eip_2_weeks/stale_figure"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/amended_2021-07_at_amended_value",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/amended_2021-07_at_published_value",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/amended_2021-07_month_before_at_published_value",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/amended_2021-10_at_amended_value",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/amended_2021-10_at_published_value",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/amended_2021-10_month_before_at_published_value",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/repeated_row_other_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/repeated_row_same_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/stale_and_future_figures",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "elective_recovery_fund_threshold/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "general_acute_bed_occupancy/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy/repeated_row_other_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy/repeated_row_same_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy/stale_and_future_figures",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy_2023_24/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy_2023_24/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy_2023_24/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy_2023_24/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy_2023_24/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "general_acute_bed_occupancy_2023_24/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "gpfv_mental_health_therapists/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_mental_health_therapists/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_mental_health_therapists/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_mental_health_therapists/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_mental_health_therapists/national_by_ons_code",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_mental_health_therapists/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_transformation_spend_per_head/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_transformation_spend_per_head/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_transformation_spend_per_head/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_transformation_spend_per_head/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_transformation_spend_per_head/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "gpfv_transformation_spend_per_head/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "header_only"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "hospital_discharge_funded_care_2021_22/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "hospital_discharge_funded_care_2021_22/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "hospital_discharge_funded_care_2021_22/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "hospital_discharge_funded_care_2021_22/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "hospital_discharge_funded_care_2021_22/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "hospital_discharge_funded_care_2021_22/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_18_weeks/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_18_weeks/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_18_weeks/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_18_weeks/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_6_weeks/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_6_weeks/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_6_weeks/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_6_weeks/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_recovery/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_recovery/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_recovery/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "iapt_recovery/stale_figure"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "learning_disability_mortality_reviews/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "learning_disability_mortality_reviews/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "learning_disability_mortality_reviews/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_continuity_of_carer_2021_22/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_continuity_of_carer_2021_22/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_continuity_of_carer_2021_22/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_continuity_of_carer_2021_22/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_continuity_of_carer_2021_22/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_smokefree_pregnancy_pathway_2021_22/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_smokefree_pregnancy_pathway_2021_22/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_smokefree_pregnancy_pathway_2021_22/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_smokefree_pregnancy_pathway_2021_22/not_due_before_deadline_month_ends",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "maternity_smokefree_pregnancy_pathway_2021_22/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "nhs111_booked_ed_slots/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "nhs111_booked_ed_slots/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "nhs111_booked_ed_slots/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "nhs111_booked_ed_slots/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "nhs111_booked_ed_slots/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "outpatient_remote_attendances/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "outpatient_remote_attendances/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "outpatient_remote_attendances/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "outpatient_remote_attendances/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "outpatient_remote_attendances/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2025_26/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2025_26/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2025_26/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2025_26/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2025_26/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2026_29/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2026_29/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2026_29/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2026_29/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "productivity_improvement_2026_29/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "provider_sector_balance_2020_21/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "provider_sector_balance_2020_21/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "provider_sector_balance_2020_21/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "provider_sector_balance_2020_21/national_by_ons_code",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "provider_sector_balance_2020_21/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "provider_sector_balance_2020_21/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_104_week_waits/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_104_week_waits/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_104_week_waits/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_104_week_waits/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_104_week_waits_2022_23/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_104_week_waits_2022_23/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_104_week_waits_2022_23/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_104_week_waits_2022_23/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_104_week_waits_2022_23/repeated_row_other_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_104_week_waits_2022_23/repeated_row_same_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_104_week_waits_2022_23/stale_and_future_figures",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_104_week_waits_2022_23/stale_figure",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_18_weeks_incomplete/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_18_weeks_incomplete/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_18_weeks_incomplete/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_18_weeks_incomplete/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_share_2026/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_share_2026/just_inside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_share_2026/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_52_week_share_2026/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_share_2026/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_waits/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_52_week_waits/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_waits/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_waits/not_due_before_start"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_waits/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_waits_2025/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_waits_2025/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_52_week_waits_2025/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_52_week_waits_2025/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits/not_due_before_start"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits_2023_24/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits_2023_24/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_65_week_waits_2023_24/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits_2023_24/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits_2024_25/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits_2024_25/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_65_week_waits_2024_25/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits_2024_25/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits_revised/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits_revised/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_65_week_waits_revised/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_65_week_waits_revised/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_78_week_waits/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_78_week_waits/just_outside"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_78_week_waits/not_due_before_start"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_78_week_waits/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_78_week_waits_2022_23/boundary"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_78_week_waits_2022_23/just_outside"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "rtt_78_week_waits_2022_23/not_due_before_start",
    ): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "rtt_78_week_waits_2022_23/stale_figure"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2010-06-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2010-07-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2019-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2021-12-23#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2022-02-07#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2022-07-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2022-12-22#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2023-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2023-04-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2023-09-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2023-12-01#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2024-03-26#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2024-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2024-05-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2024-09-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2025-01-29#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2025-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2026-03-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2026-04-30#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "standards@2026-05-31#0"): PARQUET_ROWS,
    ("columnar.evaluate_file-parquet-rows", "urgent_community_response_2h/boundary"): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h/due_by_issue_16",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h/due_by_met_before_deadline",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h/due_by_missed_before_deadline",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2022_23/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2022_23/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2022_23/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2022_23/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2022_23/stale_figure",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2023_24/boundary",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2023_24/expired_judged_on_last_month_in_force",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2023_24/just_inside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2023_24/just_outside",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2023_24/not_due_before_start",
    ): PARQUET_ROWS,
    (
        "columnar.evaluate_file-parquet-rows",
        "urgent_community_response_2h_2023_24/stale_figure",
    ): PARQUET_ROWS,
    ("cli-parquet", "adult_ga_bed_occupancy_2023_24/repeated_row_other_figure"): PARQUET_REPEAT,
    ("cli-parquet", "adult_ga_bed_occupancy_2023_24/repeated_row_same_figure"): PARQUET_REPEAT,
    ("cli-parquet", "ae_4_hour/repeated_row_other_figure"): PARQUET_REPEAT,
    ("cli-parquet", "ae_4_hour/repeated_row_same_figure"): PARQUET_REPEAT,
    (
        "cli-parquet",
        "ambulance_handovers_45_minutes_2025_26/repeated_row_other_figure",
    ): PARQUET_REPEAT,
    (
        "cli-parquet",
        "ambulance_handovers_45_minutes_2025_26/repeated_row_same_figure",
    ): PARQUET_REPEAT,
    ("cli-parquet", "elective_recovery_fund_threshold/repeated_row_other_figure"): PARQUET_REPEAT,
    ("cli-parquet", "elective_recovery_fund_threshold/repeated_row_same_figure"): PARQUET_REPEAT,
    ("cli-parquet", "general_acute_bed_occupancy/repeated_row_other_figure"): PARQUET_REPEAT,
    ("cli-parquet", "general_acute_bed_occupancy/repeated_row_same_figure"): PARQUET_REPEAT,
    ("cli-parquet", "rtt_104_week_waits_2022_23/repeated_row_other_figure"): PARQUET_REPEAT,
    ("cli-parquet", "rtt_104_week_waits_2022_23/repeated_row_same_figure"): PARQUET_REPEAT,
    ("batch.evaluate_batch", "urgent_community_response_2h/due_by_issue_16"): BATCH_DUE_BY,
    (
        "batch.evaluate_batch",
        "urgent_community_response_2h/due_by_missed_before_deadline",
    ): BATCH_DUE_BY,
    ("batch.evaluate_frame", "urgent_community_response_2h/due_by_issue_16"): BATCH_DUE_BY,
    (
        "batch.evaluate_frame",
        "urgent_community_response_2h/due_by_missed_before_deadline",
    ): BATCH_DUE_BY,
    ("batch.evaluate_frame", "adult_ga_bed_occupancy_2023_24/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour_2023_24/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour_2024_25/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour_2025_26/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour_2028_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour_interim_2024/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour_interim_2025/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour_interim_2026/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour_interim_2028_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ae_4_hour_trust_2026_27/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "agency_spend_share_2023_24/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat1_mean/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat1_p90/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean_2023_24/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean_2024_25/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean_2025_26/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean_2026_27/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean_2028_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean_interim_2023_24/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean_interim_2024_25/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean_interim_2025_26/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_mean_interim_2026_27/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_p90/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat2_p90_2028_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat3_p90/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "ambulance_cat4_p90/no_data"): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "ambulance_handovers_45_minutes_2025_26/no_data",
    ): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_2_week_wait/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_2_week_wait_breast/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_31_day/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_31_day_2028_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_31_day_trust_2026_27/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_62_day/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_62_day_2024_25/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_62_day_2025_26/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_62_day_2028_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_62_day_interim_2025/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_62_day_interim_2026/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_62_day_trust_2026_27/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_2022_23/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_2023_24/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_2024_25/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_2025_26/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_2026_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_interim_2025/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_interim_2026/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_standard/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_standard_2023/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "cancer_faster_diagnosis_standard_2026/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "community_health_18_weeks_2026_27/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "community_health_18_weeks_2028_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "dementia_diagnosis_rate/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "diagnostics_6_weeks/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "diagnostics_6_weeks_2022_23/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "diagnostics_6_weeks_2024_25/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "diagnostics_6_weeks_2028_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "diagnostics_6_weeks_interim_2025/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "diagnostics_6_weeks_national_2026_27/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "eip_2_weeks/no_data"): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "elective_activity_completed_pathways_2022_23/no_data",
    ): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "elective_recovery_fund_threshold/no_data"): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "elective_value_weighted_activity_2022_23/no_data",
    ): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "elective_value_weighted_activity_2023_24/no_data",
    ): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "elective_value_weighted_activity_2025_26/no_data",
    ): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "general_acute_bed_occupancy/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "general_acute_bed_occupancy_2023_24/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "gpfv_mental_health_therapists/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "gpfv_transformation_spend_per_head/no_data"): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "hospital_discharge_funded_care_2021_22/no_data",
    ): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "iapt_18_weeks/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "iapt_6_weeks/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "iapt_recovery/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "learning_disability_mortality_reviews/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "maternity_continuity_of_carer_2021_22/no_data"): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "maternity_smokefree_pregnancy_pathway_2021_22/no_data",
    ): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "nhs111_booked_ed_slots/no_data"): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "outpatient_first_or_procedure_share_2024_25/no_data",
    ): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "outpatient_remote_attendances/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "pcn_additional_roles_fte/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "personalised_care_interventions/no_data"): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "primary_care_additional_appointments_2021_22/no_data",
    ): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "primary_care_additional_gps_2021_22/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "productivity_improvement_2025_26/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "productivity_improvement_2026_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "provider_sector_balance_2020_21/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_104_week_waits/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_104_week_waits_2022_23/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_18_weeks_2025_26/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_18_weeks_2028_29/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_18_weeks_incomplete/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_18_weeks_interim_2026/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_18_weeks_interim_2027/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_18_weeks_national_2026_27/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_52_week_share_2025_26/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_52_week_share_2026/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_52_week_waits/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_52_week_waits_2022_23/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_52_week_waits_2025/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_65_week_waits_2023_24/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_65_week_waits_2024_25/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_65_week_waits_revised/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_78_week_waits/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "rtt_78_week_waits_2022_23/no_data"): BATCH_FRAME_REQUIRED,
    (
        "batch.evaluate_frame",
        "rtt_first_appointment_18_weeks_2025_26/no_data",
    ): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "urgent_community_response_2h/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "urgent_community_response_2h_2022_23/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "urgent_community_response_2h_2023_24/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "urgent_dental_appointments_2025_26/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_frame", "virtual_ward_capacity_2022_23/no_data"): BATCH_FRAME_REQUIRED,
    ("batch.evaluate_batch", "diagnostics_6_weeks/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "gpfv_mental_health_therapists/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "gpfv_transformation_spend_per_head/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "hospital_discharge_funded_care_2021_22/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "learning_disability_mortality_reviews/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "maternity_continuity_of_carer_2021_22/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "primary_care_additional_appointments_2021_22/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "primary_care_additional_gps_2021_22/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "provider_sector_balance_2020_21/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "rtt_18_weeks_incomplete/no_data"): BATCH_PERIOD,
    ("batch.evaluate_batch", "urgent_community_response_2h/no_data"): BATCH_PERIOD,
    ("cli-csv", "gpfv_mental_health_therapists/national_by_ons_code"): ONS_CODE,
    ("cli-csv", "provider_sector_balance_2020_21/national_by_ons_code"): ONS_CODE,
    ("cli-parquet", "gpfv_mental_health_therapists/national_by_ons_code"): ONS_CODE,
    ("cli-parquet", "provider_sector_balance_2020_21/national_by_ons_code"): ONS_CODE,
    (
        "columnar.evaluate_file-csv-column",
        "gpfv_mental_health_therapists/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_file-csv-column",
        "provider_sector_balance_2020_21/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_file-csv-rows",
        "gpfv_mental_health_therapists/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_file-csv-rows",
        "provider_sector_balance_2020_21/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_file-csv-single",
        "gpfv_mental_health_therapists/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_file-csv-single",
        "provider_sector_balance_2020_21/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_file-parquet-column",
        "gpfv_mental_health_therapists/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_file-parquet-column",
        "provider_sector_balance_2020_21/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_file-parquet-single",
        "gpfv_mental_health_therapists/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_file-parquet-single",
        "provider_sector_balance_2020_21/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_frame-polars-column",
        "gpfv_mental_health_therapists/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_frame-polars-column",
        "provider_sector_balance_2020_21/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_frame-polars-rows",
        "gpfv_mental_health_therapists/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_frame-polars-rows",
        "provider_sector_balance_2020_21/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_frame-polars-single",
        "gpfv_mental_health_therapists/national_by_ons_code",
    ): ONS_CODE,
    (
        "columnar.evaluate_frame-polars-single",
        "provider_sector_balance_2020_21/national_by_ons_code",
    ): ONS_CODE,
    ("cli-csv", "crlf"): CRLF,
    ("columnar.evaluate_file-csv-column", "crlf"): CRLF,
    ("columnar.evaluate_file-csv-single", "crlf"): CRLF,
    ("columnar.evaluate_file-csv-rows", "latin1"): LATIN1_ROWS,
    ("cli-csv", "latin1"): LATIN1_CLI,
}
