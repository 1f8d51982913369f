"""Reading and writing files: what nhsplan reads and puts on disk, and how it keeps it whole.

:mod:`~nhsplan.io.readers` reads published NHS data and nhsplan's own observation files into
observations; :mod:`~nhsplan.io.writers` writes calendars and the HTML performance report;
every file is written whole or not at all (``_atomic``).
"""
