"""Every verdict is worded in one place: each reason code has its sentence."""

from __future__ import annotations

import string

import attrs
import pytest

from nhsplan.catalog import load_guidance
from nhsplan.evaluate import reasons
from nhsplan.evaluate.reasons import Reason
from nhsplan.evaluate.verdict import Figures
from nhsplan.model import BaselineTarget, Combine
from nhsplan.units import quantity


@pytest.mark.parametrize("reason", [r for r in Reason if r is not Reason.COMPARED])
def test_every_fixed_reason_has_a_sentence(reason: Reason) -> None:
    template = reasons._SENTENCES[reason]
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    facts = {name: f"<{name}>" for name in fields - {"who", "actor", "subject"}}
    worded = reasons.sentence(reason, facts, org="RBD")
    assert worded.endswith(".")
    assert "{" not in worded


def test_an_organisation_is_named_in_its_own_words() -> None:
    facts = {"metric": "ae_4_hour", "as_of": "2022-01-20"}
    assert reasons.sentence(Reason.NO_CASE_DUE, facts, org="RBD") == (
        "No ae_4_hour case of RBD was due or done by 2022-01-20."
    )
    assert "the organisation" in reasons.sentence(Reason.NO_CASE_DUE, facts, org=None)


def _baseline(edition: str, target: str) -> BaselineTarget:
    found = load_guidance(edition).target(target)
    assert isinstance(found, BaselineTarget)
    return found


class TestDerivation:
    """How a baseline-relative level is worked out, in the words a report shows."""

    RTT = _baseline("2025/26", "rtt_18_weeks_trust_improvement_2025_26")
    BACKLOG = _baseline("2021/22", "cancer_62_day_backlog")

    @pytest.mark.parametrize(
        ("edition", "target", "words"),
        [
            ("2025/26", "agency_spend_reduction_2025_26", "2024/25's (no value) minus 30 %"),
            ("2020/21", "iapt_access_expansion", "2019/20's (no value) plus 14 %"),
            (
                "2026-29",
                "diagnostics_6_weeks_system_2026_27",
                "March 2026 (assumed)'s (no value) minus 3 points (ceiling 20%)",
            ),
            ("2025/26", "ae_4_hour_2025_26", ""),
        ],
    )
    def test_shipped_targets(self, edition: str, target: str, words: str) -> None:
        assert reasons.derivation(load_guidance(edition).target(target), {}) == words

    def test_a_supplied_baseline_value_and_a_floor(self) -> None:
        assert reasons.derivation(self.RTT, {"November 2024": quantity(58.4, "percent")}) == (
            "November 2024's 58.4% plus 5 points (floor 60%)"
        )
        # a baseline of another label is not this one's
        assert reasons.derivation(self.RTT, {"2024/25": quantity(58.4, "percent")}) == (
            "November 2024's (no value) plus 5 points (floor 60%)"
        )

    def test_a_baseline_the_guidance_states(self) -> None:
        stated = attrs.evolve(self.RTT.baselines[0], value=quantity(41.5, "percent"))
        rtt = attrs.evolve(self.RTT, baselines=(stated,))
        assert reasons.derivation(rtt, {"November 2024": quantity(58.4, "percent")}) == (
            "November 2024's 41.5% plus 5 points (floor 60%)"
        )

    def test_the_lowest_or_highest_of_several(self) -> None:
        values = {"February 2020 (local)": quantity(120, "pathway")}
        assert reasons.derivation(self.BACKLOG, values) == (
            "the lowest of February 2020 (local)'s 120 pathways, February 2020 national "
            "average's (no value) plus 0 %"
        )
        highest = attrs.evolve(self.BACKLOG, combine=Combine.HIGHEST)
        assert reasons.derivation(highest, values).startswith(
            "the highest of February 2020 (local)'s 120 pathways, February"
        )

    def test_an_absolute_difference(self) -> None:
        # the sign is said once, in words ("minus -25 pathways" before this was tested)
        fewer = attrs.evolve(self.BACKLOG, change=quantity(-25, "pathway"))
        assert reasons.derivation(fewer, {}).endswith("'s (no value) minus 25 pathways")
        more = attrs.evolve(self.BACKLOG, change=quantity(25, "pathway"))
        assert reasons.derivation(more, {}).endswith("'s (no value) plus 25 pathways")

    @pytest.mark.parametrize(
        ("change", "words"),
        [(0.5, "plus 0.5 points"), (0, "plus 0 points"), (-0.5, "minus 0.5 points")],
    )
    def test_a_change_in_points_below_one_or_none(self, change: float, words: str) -> None:
        # the sign is that of the change itself: half a point up is "plus", no change "plus 0"
        rtt = attrs.evolve(self.RTT, change=quantity(change, "percent"))
        assert reasons.derivation(rtt, {}) == f"November 2024's (no value) {words} (floor 60%)"

    @pytest.mark.parametrize(
        ("change", "words"), [(0.5, "plus 0.5 pathways"), (0, "plus 0 pathways")]
    )
    def test_an_absolute_change_below_one_or_none(self, change: float, words: str) -> None:
        backlog = attrs.evolve(self.BACKLOG, change=quantity(change, "pathway"))
        assert reasons.derivation(backlog, {}).endswith(f"'s (no value) {words}")


class TestProgress:
    """A reach's progress: reached at or above the level, else the share of the way."""

    @staticmethod
    def _progress(observed: float, required: float) -> str:
        figures = Figures(
            float(observed), "percent", float(required), "percent", observed != required
        )
        return reasons.progress("reach_forty", figures, org="RBD", label="2022-03 figure")

    def test_the_share_of_the_way(self) -> None:
        assert self._progress(30, 40) == (
            "The target reach_forty is a reach, not a requirement: the 2022-03 figure, 30%, is "
            "75 % of the way to the 40% it aims for; it is reported as progress, never met or "
            "not met."
        )

    @pytest.mark.parametrize(("observed", "required"), [(40, 40), (41, 40), (-1, 0), (0.2, 0)])
    def test_reached_at_the_level_or_with_nothing_to_reach(
        self, observed: float, required: float
    ) -> None:
        assert "has reached the" in self._progress(observed, required)

    def test_a_level_below_one_is_still_a_level(self) -> None:
        assert "50 % of the way to the 0.6% it aims for" in self._progress(0.3, 0.6)
