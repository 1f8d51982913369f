"""``nhsplan measure KIND FILE``: the guidance's metrics from records, as an observation CSV.

Registered by :mod:`nhsplan.cli` with :func:`add_parser`; :func:`run` does the work. Imports
of the engines wait until the command runs, so ``nhsplan --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from nhsplan.cli._common import iso_date

__all__ = ["add_parser", "run"]

_KINDS = ("ae", "rtt", "cancer", "leder")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``measure`` command to the ``nhsplan`` subcommands *commands*."""
    measure = commands.add_parser(
        "measure",
        help="compute the guidance's metrics from records (A&E, RTT, cancer, LeDeR)",
        description=(
            "Compute the guidance's metrics from record-level data and write the observation "
            "CSV that 'nhsplan evaluate' reads. ae: org,arrival,departure,type; rtt: "
            "org,clock_start,snapshot_date[,treatment_function]; cancer: "
            "org,referral_date,communicated_date; leder: org,notified,completed (with "
            "--as-of). Rows that count in no figure are reported on standard error."
        ),
    )
    measure.add_argument("kind", choices=_KINDS, help="the measure")
    measure.add_argument(
        "file", type=Path, help="records: a CSV or Parquet file (- for CSV on standard input)"
    )
    measure.add_argument(
        "--engine", choices=("duckdb", "spark"), default="duckdb", help="where to count"
    )
    measure.add_argument(
        "--output", type=Path, metavar="OUT", help="write the CSV to OUT (default: stdout)"
    )
    measure.add_argument(
        "--as-of",
        dest="as_of",
        type=iso_date,
        metavar="DATE",
        help="leder: the date the records were taken (2022-03-31)",
    )
    measure.add_argument(
        "--treatment-function",
        dest="treatment_function",
        metavar="CODE",
        help="rtt: only this treatment function's pathways (110)",
    )
    measure.add_argument(
        "--edition",
        help="write only the metrics this edition defines (2021/22, standards), so that "
        "'nhsplan evaluate --edition' reads the file without unknown metrics",
    )


def run(args: argparse.Namespace, out: TextIO, *, name: str | None = None) -> int:
    """Run ``nhsplan measure`` with parsed *args*, writing the CSV to *out* or ``--output``.

    *name* is how messages name the records (``<stdin>``); by default, ``args.file``. On
    DuckDB the cyclic garbage collector waits until the command is done: importing Ibis and
    building the measure's expressions make a great many objects that reference counting
    frees, and its collections, which free almost nothing, cost about 90 ms of CPU
    (:func:`~nhsplan.engines._gc.no_cycle_collection`). A Spark run, minutes of Py4J calls
    that this was never measured on, keeps the collector.
    """
    from nhsplan.engines._gc import no_cycle_collection  # noqa: PLC0415 - keep --help fast

    if args.engine != "duckdb":
        return _run(args, out, name=name)
    with no_cycle_collection():
        return _run(args, out, name=name)


def _run(args: argparse.Namespace, out: TextIO, *, name: str | None) -> int:
    from nhsplan.engines.measures import measure  # noqa: PLC0415 - keep --help fast
    from nhsplan.io.readers.observations import write_observations_csv  # noqa: PLC0415

    result = measure(
        args.kind,
        args.file,
        engine=args.engine,
        as_of=args.as_of,
        treatment_function=args.treatment_function,
    )
    observations = result.observations
    if args.edition is not None:
        from nhsplan.catalog import load_guidance  # noqa: PLC0415

        known = {m.id for m in load_guidance(args.edition).metrics}
        dropped = sorted({o.metric for o in observations} - known)
        observations = tuple(o for o in observations if o.metric in known)
        for metric in dropped:
            print(
                f"nhsplan: note: {metric} is not a metric of {args.edition}; not written",
                file=sys.stderr,
            )
    source = name or args.file
    for issue in result.issues:
        print(f"nhsplan: warning: {source}: {issue}", file=sys.stderr)
    print(
        f"nhsplan: {source}: {result.rows_in} rows = {result.rows_counted} counted + "
        f"{result.rows_reported} reported; {len(observations)} observations",
        file=sys.stderr,
    )
    if args.output is not None:
        write_observations_csv(observations, args.output)
    else:
        write_observations_csv(observations, out)
    return 0
