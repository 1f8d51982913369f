"""Ibis's DuckDB compiler imported alone (:mod:`nhsplan.engines.measures._compilers`).

Each test runs in a fresh interpreter: what it checks is which modules a process imports.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("ibis")
pytest.importorskip("duckdb")

_OTHERS = ("athena", "bigquery", "postgres", "trino", "pyspark")


def _python(code: str, *args: str) -> list[str]:
    """The lines *code* prints, run by a fresh interpreter with *args*."""
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.splitlines()


class TestDuckdbCompilerAlone:
    def test_the_command_imports_no_other_engines_compiler(self, tmp_path: Path) -> None:
        records = tmp_path / "ae.csv"
        records.write_text("org,arrival,departure,type\nRBD,2021-11-01 10:00,2021-11-01 11:00,1\n")
        out = tmp_path / "obs.csv"
        lines = _python(
            """
            import sys
            from nhsplan import cli
            assert cli.main(["measure", "ae", sys.argv[1], "--output", sys.argv[2]]) == 0
            names = ("athena", "bigquery", "postgres", "trino", "pyspark", "duckdb")
            print(*(f"ibis.backends.sql.compilers.{n}" in sys.modules for n in names))
            """,
            str(records),
            str(out),
        )
        assert lines == ["False False False False False True"]
        assert "ae_4_hour" in out.read_text()

    def test_another_engines_compiler_is_there_when_asked_for(self) -> None:
        lines = _python(
            """
            import sys
            from nhsplan.engines.measures._compilers import duckdb_compiler_alone
            duckdb_compiler_alone()
            import ibis
            import ibis.backends.sql.compilers as sc
            t = ibis.table({"a": "int64"}, name="t")
            print(ibis.to_sql(t.a.sum(), dialect="postgres").split()[0])
            from ibis.backends.sql.compilers import DuckDBCompiler, TrinoCompiler
            print(sc.DuckDBCompiler is DuckDBCompiler, sc.duckdb.compiler is not None)
            print(sorted(sc.__all__) == sorted(n for n in sc.__all__ if hasattr(sc, n)))
            try:
                sc.no_such_compiler
            except AttributeError:
                print("AttributeError")
            """
        )
        assert lines == ["SELECT", "True True", "True", "AttributeError"]

    def test_a_package_already_imported_is_left_as_it_is(self) -> None:
        lines = _python(
            """
            import ibis.backends.sql.compilers as before
            from nhsplan.engines.measures._compilers import duckdb_compiler_alone
            duckdb_compiler_alone()
            import ibis.backends.sql.compilers as after
            print(before is after, "__getattr__" in vars(after))
            """
        )
        assert lines == ["True False"]

    def test_no_ibis_does_nothing(self) -> None:
        lines = _python(
            """
            import sys
            sys.modules["ibis"] = None  # import ibis fails, as without the extra
            from nhsplan.engines.measures._compilers import PACKAGE, duckdb_compiler_alone
            duckdb_compiler_alone()
            print(PACKAGE in sys.modules)
            """
        )
        assert lines == ["False"]

    @pytest.mark.parametrize("other", _OTHERS)
    def test_a_backends_compiler_loads_through_the_package(self, other: str) -> None:
        lines = _python(
            f"""
            from nhsplan.engines.measures._compilers import duckdb_compiler_alone
            duckdb_compiler_alone()
            import ibis.backends.sql.compilers as sc
            print(type(sc.{other}.compiler).__name__.endswith("Compiler"))
            """
        )
        assert lines == ["True"]
