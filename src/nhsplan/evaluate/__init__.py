"""Evaluation: figures judged against the guidance's targets, by one decision core.

- :mod:`~nhsplan.evaluate.single`: :func:`evaluate`, one target for one organisation;
- :mod:`~nhsplan.evaluate.decide`: the judges, one per kind of target, deciding everything
  that does not depend on the organisation's own figure;
- :mod:`~nhsplan.evaluate.verdict`: which period judges a target, pooling, and the comparison
  of a figure with its level, with the sentence that says so;
- :mod:`~nhsplan.evaluate.report`: :class:`Report` and :func:`evaluate_guidance`;
- :mod:`~nhsplan.evaluate.batch`: one target for a column of organisations (numpy);
- :mod:`~nhsplan.evaluate.aggregate`: system figures from their members';
- :mod:`~nhsplan.evaluate.rules`: the guidance's special rules (ERF, MHIS, LeDeR ...).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from nhsplan.evaluate.single import LevelPlan, evaluate, judged_period, plan, screen

__all__ = ["LevelPlan", "evaluate", "judged_period", "plan", "screen"]


class _CallablePackage(types.ModuleType):
    """This package, callable as :func:`evaluate` (``nhsplan.evaluate(target, ...)``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - evaluate's own
        return evaluate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
