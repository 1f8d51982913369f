"""The batch path against evaluate() on generated targets, not only the catalog's.

``tests/evaluate/test_batch.py`` judges a few catalog targets on many columns of figures. A
guidance file of a user's own can hold shapes no edition has (a trajectory of a count judged
on its deadline month, a window of a few months, a national ambition): here a target is drawn
as ``tests/engines/columnar/test_generated.py`` draws it (any kind, judgement, window,
deadline, scope), figures of one period for a column of organisations (England among them, or
not; some missing), and every row of :func:`evaluate_batch` (status, observed figure, margin,
level, period) must be what :func:`nhsplan.evaluate` gives that organisation's one figure.
A target the batch does not judge (a baseline, one judged over several periods, a reach) must
be refused with an :class:`InvalidValueError`, never given an answer.
"""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from nhsplan.calendar import FinancialYear, Period, Quarter
from nhsplan.errors import InvalidValueError, NhsplanError
from nhsplan.evaluate.batch import evaluate_batch, evaluate_frame
from nhsplan.evaluate.kinds import evaluate_only
from nhsplan.model import Assessment, BaselineTarget, OrgType, Target
from tests.evaluate.test_batch import assert_same, bits, default_period, one_by_one
from tests.profiles import examples
from tests.strategies_guidance import KINDS, as_of_dates, guidance_of, spans, targets

pd = pytest.importorskip("pandas")

NAN = math.nan
_COLUMNS = {"numerators": "numerator", "denominators": "denominator", "values": "value"}
"""evaluate_batch's arguments, and the frame's columns evaluate_frame reads them from."""


def _magnitude(assessment: Assessment, name: str, nothing_judged: bool) -> float:
    """The assessment's observed, margin or required magnitude; NaN where it has none (and
    the level where no figure was judged: the frame shows it only beside a figure)."""
    amount = getattr(assessment, name)
    return NAN if amount is None or nothing_judged else float(amount.magnitude)


Batch = tuple[Target, date, Period | None, list[str], dict[str, list[float]], OrgType | None]
"""A target, the date, the period of the figures (None: the default), organisations, their
figures (``numerators`` and ``denominators``, or ``values``) and their type."""


@st.composite
def _batches(draw: st.DrawFn) -> Batch:
    """A target a guidance could hold, a date, a period, organisations and their figures."""
    months = draw(spans())
    target, unit = draw(targets(months, KINDS))
    assume(guidance_of(target, unit) is not None)  # what a guidance file could hold
    as_of = draw(as_of_dates(months))
    last = months[-1].start
    periods: list[Period] = [*months, Quarter.containing(last), FinancialYear.containing(last)]
    period = draw(st.none() | st.sampled_from(periods))
    count = draw(st.integers(1, 6))
    orgs = [f"R{i:04d}" for i in range(count)]
    if draw(st.booleans()):  # England, by either code, in any case
        england = draw(st.sampled_from(["ENGLAND", "england", "E92000001", "e92000001"]))
        orgs.insert(draw(st.integers(0, count)), england)
    missing = st.integers(0, 4).map(lambda n: n == 0)
    figures: dict[str, list[float]]
    if unit == "percent" and draw(st.booleans()):  # a proportion, as counted
        figures = {"numerators": [], "denominators": []}
        for _ in orgs:
            if draw(missing):
                figures["numerators"].append(NAN)
                figures["denominators"].append(NAN)
                continue
            denominator = draw(st.integers(1, 1_000))
            figures["numerators"].append(float(draw(st.integers(0, denominator))))
            figures["denominators"].append(float(denominator))
    else:  # values in the target's unit: a percentage, or a count
        top = 100.0 if unit == "percent" else 5_000.0
        figures = {"values": [NAN if draw(missing) else draw(st.floats(0, top)) for _ in orgs]}
    org_type = draw(st.none() | st.sampled_from(OrgType))
    return target, as_of, period, orgs, figures, org_type


class TestGeneratedTargets:
    @settings(
        max_examples=examples(60, 2_000),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(batch=_batches())
    def test_each_row_is_what_evaluate_gives(
        self,
        batch: tuple[
            Target, date, Period | None, list[str], dict[str, list[float]], OrgType | None
        ],
    ) -> None:
        target, as_of, period, orgs, figures, org_type = batch
        refused = isinstance(target, BaselineTarget) or evaluate_only(target)
        try:
            result = evaluate_batch(
                target, as_of=as_of, orgs=orgs, period=period, org_type=org_type, **figures
            )
        except InvalidValueError as exc:
            error: InvalidValueError | None = exc
        else:
            error = None
        # refused where it does not judge, never otherwise
        assert (error is not None) == refused, (target, error)
        if error is not None:
            event(f"refused: {target.KIND}, judged {target.judged.value}")
            return
        judged = default_period(target, as_of) if period is None else period
        try:
            expected = one_by_one(
                target, as_of=as_of, period=judged, orgs=orgs, org_type=org_type, **figures
            )
        except NhsplanError as exc:  # pragma: no cover - a disagreement: the batch answered
            raise AssertionError(f"evaluate raised {exc!r}, the batch answered") from exc
        for assessment in expected:
            event(f"a row {assessment.status.value}")
        assert_same(result, expected)
        frame = evaluate_frame(
            target,
            pd.DataFrame({"org": orgs} | {_COLUMNS[name]: rows for name, rows in figures.items()}),
            as_of=as_of,
            period=period,
            org_type=org_type,
        )
        assert frame["status"].tolist() == [a.status.value for a in expected]
        for name, column in (
            ("observed", "observed"),
            ("margin", "margin"),
            ("required", "required"),
        ):
            got = [bits(x) for x in frame[column].tolist()]
            want = [bits(_magnitude(a, name, a.observed is None)) for a in expected]
            assert got == want, name
