"""Evaluation: figures judged against the guidance's targets, by one decision core.

- :mod:`~nhsplan.evaluate.single`: :func:`evaluate`, one target for one organisation;
- :mod:`~nhsplan.evaluate.decide`: the decision core: :func:`decide` settles everything that
  does not depend on the organisation's own figure, as a :class:`Decision`;
- :mod:`~nhsplan.evaluate.verdict`: which period judges a target, pooling, and the rule for a
  figure that cannot decide yet (:func:`~nhsplan.evaluate.verdict.pending`);
- :mod:`~nhsplan.evaluate.reasons`: the one place a verdict is put into words;
- :mod:`~nhsplan.evaluate.report`: :class:`Report` and :func:`evaluate_guidance`;
- :mod:`~nhsplan.evaluate.batch`: one target for a column of organisations (numpy);
- :mod:`~nhsplan.evaluate.batch_frame`: the same for a pandas DataFrame's rows;
- :mod:`~nhsplan.evaluate.aggregate`: system figures from their members';
- :mod:`~nhsplan.evaluate.rules`: the guidance's special rules (ERF, MHIS, LeDeR ...).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from nhsplan.evaluate.decide import Decision, Level, decide
from nhsplan.evaluate.reasons import Reason
from nhsplan.evaluate.single import assess, compare, evaluate, judged_period

__all__ = [
    "Decision",
    "Level",
    "Reason",
    "assess",
    "compare",
    "decide",
    "evaluate",
    "judged_period",
]


class _CallablePackage(types.ModuleType):
    """This package, callable as :func:`evaluate` (``nhsplan.evaluate(target, ...)``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - evaluate's own
        return evaluate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
