"""Waiting lists: queue maths, a projection by weeks waited, and the RTT targets it meets.

- :mod:`nhsplan.waiting.queue`: steady-state formulas (mean wait for a percentile, target
  queue size by Little's law, target and relief capacity, queue load, waiting-list pressure),
  on numbers or numpy arrays;
- :mod:`nhsplan.waiting.model`: the list by weekly wait band projected month by month from a
  snapshot, clock starts and clock stops (:func:`project`), many lists at once;
- :mod:`nhsplan.waiting.snapshot`: a provider's list and flows from the published RTT file
  (:func:`read_rtt_snapshots`, per provider or per treatment function), projected all at
  once on their own flows (:func:`project_snapshots`);
- :mod:`nhsplan.waiting.forecast`: an edition's RTT targets against the projection: met at
  the deadline or not, and the clock stops (or starts) a month that meet each
  (:func:`forecast`); ``nhsplan waiting forecast`` prints it.

numpy (the ``numpy`` extra) is imported when a projection runs, not by ``import nhsplan``.
The maths and its references: ``docs/guide/waiting.md``.
"""

from nhsplan.waiting.forecast import Forecast, Goal, Outcome, forecast, rtt_goals
from nhsplan.waiting.model import Projection, StopRule, calibrate_weights, project
from nhsplan.waiting.queue import (
    factor_for_percentile,
    mean_wait_for_percentile,
    percentile_for_factor,
    queue_load,
    relief_capacity,
    share_within,
    target_capacity,
    target_queue_size,
    waiting_list_pressure,
)
from nhsplan.waiting.snapshot import Snapshot, project_snapshots, read_rtt_snapshots

__all__ = [
    "Forecast",
    "Goal",
    "Outcome",
    "Projection",
    "Snapshot",
    "StopRule",
    "calibrate_weights",
    "factor_for_percentile",
    "forecast",
    "mean_wait_for_percentile",
    "percentile_for_factor",
    "project",
    "project_snapshots",
    "queue_load",
    "read_rtt_snapshots",
    "relief_capacity",
    "rtt_goals",
    "share_within",
    "target_capacity",
    "target_queue_size",
    "waiting_list_pressure",
]
