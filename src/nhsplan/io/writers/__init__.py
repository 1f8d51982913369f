"""Writers of files for people and other tools.

iCalendar deadlines (:mod:`~nhsplan.io.writers.ics`) and the HTML performance report
(:mod:`~nhsplan.io.writers.performance_report`).
"""
