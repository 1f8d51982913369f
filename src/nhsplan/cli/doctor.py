"""``nhsplan doctor``: which optional extras are installed, and what each one enables.

nhsplan's core needs only attrs, cattrs, pint and python-dateutil; everything heavier is an
extra, imported when first used. This command says which extras are present (with their
versions), what each enables, roughly what installing it costs, and whether the programs some
features need outside Python (Java for Spark, Chromium for the report's browser tests) are on
the PATH. It only looks: nothing is imported, so it runs in a second.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import platform
import shutil
from typing import Final, TextIO

import attrs

from nhsplan._version import __version__
from nhsplan.cli._common import Subparsers

__all__ = ["EXTRAS", "Extra", "register", "run"]


@attrs.frozen(kw_only=True)
class Extra:
    """An optional extra: the distributions it installs and what it enables."""

    name: str
    packages: tuple[str, ...]
    """Distribution names, each with the module it is imported as."""
    modules: tuple[str, ...]
    enables: str
    size: str
    """Roughly what installing it adds (installed size, with what it pulls in)."""


EXTRAS: Final = (
    Extra(
        name="numpy",
        packages=("numpy",),
        modules=("numpy",),
        enables="the vectorised batch paths (evaluate_batch, xmr_many)",
        size="~45 MB",
    ),
    Extra(
        name="pandas",
        packages=("pandas", "numpy", "narwhals"),
        modules=("pandas", "numpy", "narwhals"),
        enables="Report.to_pandas / to_frame, DataFrames given to evaluate_guidance",
        size="~140 MB",
    ),
    Extra(
        name="polars",
        packages=("polars", "narwhals"),
        modules=("polars", "narwhals"),
        enables="Report.to_polars, polars DataFrames given to evaluate_guidance",
        size="~190 MB",
    ),
    Extra(
        name="plot",
        packages=("matplotlib",),
        modules=("matplotlib",),
        enables="SPC charts (plot_spc) and nhsplan report --html",
        size="~130 MB",
    ),
    Extra(
        name="interactive",
        packages=("plotly",),
        modules=("plotly",),
        enables="interactive SPC charts (plot_spc_interactive)",
        size="~65 MB",
    ),
    Extra(
        name="ics",
        packages=("icalendar",),
        modules=("icalendar",),
        enables="nhsplan deadlines --ics (iCalendar files)",
        size="~6 MB",
    ),
    Extra(
        name="duckdb",
        packages=("duckdb", "narwhals", "ibis-framework", "pyarrow"),
        modules=("duckdb", "narwhals", "ibis", "pyarrow"),
        enables="fast column-wise evaluate, Parquet in and out, nhsplan measure",
        size="~300 MB",
    ),
    Extra(
        name="fhir",
        packages=("fhir.resources",),
        modules=("fhir.resources",),
        enables="nhsplan report --fhir (HL7 FHIR R4 MeasureReports)",
        size="~40 MB",
    ),
    Extra(
        name="spark",
        packages=("pyspark", "ibis-framework"),
        modules=("pyspark", "ibis"),
        enables="nhsplan measure --engine spark (needs Java 17 or later)",
        size="~500 MB, plus a Java runtime",
    ),
)
"""Every extra, in the order ``nhsplan doctor`` lists them (``all`` installs them all)."""

_PROGRAMS: Final = (
    ("java", ("java",), "PySpark (the spark extra, and the Spark tests)"),
    (
        "chromium",
        ("chromium", "chromium-browser", "google-chrome"),
        "the tests that render the HTML report in a browser (skipped without it)",
    ),
)


def register(commands: Subparsers) -> None:
    """Add ``doctor`` to *commands*."""
    parser = commands.add_parser(
        "doctor",
        help="list the optional extras installed and what each enables",
        description=(
            "List nhsplan's optional extras: whether each is installed (with versions), what "
            "it enables and roughly what it costs to install; and whether Java and Chromium "
            "are on the PATH. Nothing is imported."
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Print the extras and programs, present or not, and how to install a missing one."""
    del args  # the command takes no options
    print(f"nhsplan {__version__} on Python {platform.python_version()}", file=out)
    print("", file=out)
    rows = [("extra", "installed", "enables", "size")]
    missing = []
    for extra in EXTRAS:
        absent = [p for p, m in zip(extra.packages, extra.modules, strict=True) if not _has(m)]
        if absent:
            missing.append(extra.name)
            state = "no (" + ", ".join(absent) + " missing)"
        else:
            state = "yes (" + ", ".join(_version(p) for p in extra.packages[:1]) + ")"
        rows.append((extra.name, state, extra.enables, extra.size))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for name, state, enables, size in rows:
        line = f"{name:<{widths[0]}}  {state:<{widths[1]}}  {enables:<{widths[2]}}  {size}"
        print(line.rstrip(), file=out)
    print("", file=out)
    for name, commands, needed in _PROGRAMS:
        found = next((path for c in commands if (path := shutil.which(c))), None)
        print(f"{name:<{widths[0]}}  {'yes' if found else 'no':<9}  {needed}", file=out)
    print("", file=out)
    if missing:
        extras = ",".join(missing)
        print(
            f'install the missing extras with: pip install "nhsplan[{extras}]" '
            f'(from a clone: pip install -e ".[{extras}]")',
            file=out,
        )
    else:
        print("every extra is installed", file=out)


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _version(package: str) -> str:
    try:
        return f"{package} {importlib.metadata.version(package)}"
    except importlib.metadata.PackageNotFoundError:
        return package
