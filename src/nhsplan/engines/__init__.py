"""Engines: evaluation at the scale of files, frames and record-level data.

:mod:`nhsplan.engines.columnar` validates and evaluates an observation file or DataFrame
column-wise; :mod:`nhsplan.engines.measures` counts the guidance's metrics from record-level
data on DuckDB or PySpark. The modules here import their heavy dependencies (DuckDB, Narwhals,
Ibis, PySpark) when called, never when imported.
"""
