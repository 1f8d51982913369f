"""What importing nhsplan costs, and what building its unit registry costs.

Each figure is the median of several runs, each in a fresh interpreter, so nothing is already
imported or cached. Run with ``python benchmarks/bench_import.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

IMPORTS = (
    ("import nhsplan", "", "import nhsplan"),
    ("import attrs", "", "import attrs"),
    ("import cattrs", "", "import cattrs"),
    ("import pint", "", "import pint"),
    ("import dateutil.relativedelta", "", "import dateutil.relativedelta"),
)
"""(label, setup, timed statement); ratios are against the first row."""

REGISTRIES = (
    ("nhsplan.units.registry()", "import pint, nhsplan.units", "nhsplan.units.registry()"),
    ("pint.UnitRegistry() (defaults)", "import pint", "pint.UnitRegistry()"),
    (
        "first quantity('75%') (pint import + build)",
        "import nhsplan.units",
        "nhsplan.units.quantity('75%')",
    ),
)
"""Registry builds once pint is imported; ratios are against the first row."""


def run_once(setup: str, statement: str) -> float:
    """Seconds *statement* takes after *setup*, in a fresh isolated interpreter."""
    code = (
        f"import time\n{setup}\n"
        f"start = time.perf_counter()\n{statement}\n"
        "print(time.perf_counter() - start)"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def median_ms(setup: str, statement: str, repeat: int) -> float:
    """Median milliseconds over *repeat* fresh interpreters."""
    return 1000 * statistics.median(run_once(setup, statement) for _ in range(repeat))


def table(title: str, rows: tuple[tuple[str, str, str], ...], repeat: int) -> list[str]:
    """Measure *rows* and lay them out with a ratio to the first row."""
    figures = [(label, median_ms(setup, stmt, repeat)) for label, setup, stmt in rows]
    base = figures[0][1]
    width = max(len(label) for label, _ in figures)
    lines = [f"{title:<{width}}  {'ms':>8}  {'ratio':>7}"]
    lines += [f"{label:<{width}}  {ms:8.2f}  {ms / base:6.1f}x" for label, ms in figures]
    return lines


def main() -> None:
    """Print the import table and the registry table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="fresh interpreters per figure")
    repeat = parser.parse_args().repeat
    print(f"median of {repeat} fresh interpreters, Python {sys.version.split()[0]}\n")
    print("\n".join(table("import", IMPORTS, repeat)))
    print()
    print("\n".join(table("registry build (pint imported)", REGISTRIES, repeat)))


if __name__ == "__main__":
    main()
