"""Ibis's DuckDB SQL compiler imported without the compilers of the other SQL engines.

``ibis.backends.duckdb`` imports the package ``ibis.backends.sql.compilers``, whose
``__init__`` imports a compiler for every SQL engine Ibis knows (Athena, BigQuery, ...,
Trino), each with its sqlglot dialect: about 120 ms of CPU, of which DuckDB's own compiler
is 35 ms. :func:`duckdb_compiler_alone` puts that package in place without running its
``__init__`` and imports the DuckDB compiler into it. Its submodules import as before; the
first name asked of it that is not there yet runs the real ``__init__`` (every compiler, as
Ibis would have imported them), so a later caller that wants another engine's compiler
(``ibis.to_sql(expr, dialect="postgres")``, the Spark engine) finds it as before.

Only the command line calls it (``nhsplan measure --engine duckdb``, a process that runs
that one command): a program that imports one compiler module of Ibis's directly, before
anything else asks the package for a name, could meet a circular import there
(``compilers.risingwave`` imports ``PostgresCompiler`` from the package, whose ``__init__``
imports ``compilers.risingwave``), so :func:`nhsplan.measure` itself leaves Ibis's imports
alone.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from typing import Final

__all__ = ["PACKAGE", "duckdb_compiler_alone"]

PACKAGE: Final = "ibis.backends.sql.compilers"


def duckdb_compiler_alone() -> None:
    """Import Ibis's DuckDB compiler alone, unless its package is already imported.

    Does nothing where Ibis is missing, or its layout is not the one this expects (no such
    package): Ibis then imports its compilers itself, as it always did.
    """
    if PACKAGE in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except ImportError:  # no Ibis: the measure says which extra to install
        return
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader
    lock = threading.RLock()
    state = {"loading": False, "loaded": False}

    def everything(name: str) -> object:
        """The package's ``__getattr__``: a name not yet there loads every compiler once."""
        with lock:
            if not state["loading"] and not state["loaded"]:
                state["loading"] = True
                try:
                    loader.exec_module(package)  # the real __init__, into this module
                    state["loaded"] = True
                finally:
                    state["loading"] = False
                return getattr(package, name)
        raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")

    vars(package)["__getattr__"] = everything
    sys.modules[PACKAGE] = package
    try:
        importlib.import_module(f"{PACKAGE}.duckdb")
    except BaseException:
        del sys.modules[PACKAGE]
        raise
    parent, _, child = PACKAGE.rpartition(".")
    setattr(sys.modules[parent], child, package)  # as the import system sets it
