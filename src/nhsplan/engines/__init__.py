"""Engines: nhsplan's figures computed where the data lives (DuckDB, PySpark).

:mod:`nhsplan.engines.measures` counts the guidance's metrics from record-level data.
"""
