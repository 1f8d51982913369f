"""Engines: evaluation paths that work on whole columns (files and DataFrames) at once.

:mod:`nhsplan.engines.columnar` validates and evaluates an observation file or DataFrame
column-wise. The modules here import their heavy dependencies (DuckDB, Narwhals) when
called, never when imported.
"""
