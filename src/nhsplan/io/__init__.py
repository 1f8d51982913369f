"""Interfaces to files: readers of NHS data into observations, writers of files for people.

:mod:`~nhsplan.io.readers` reads published NHS data and nhsplan's own observation files into
observations; :mod:`~nhsplan.io.writers` writes calendars and the HTML performance report.
"""
