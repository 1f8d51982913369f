"""Every verdict is worded in one place: each reason code has its sentence."""

from __future__ import annotations

import string

import pytest

from nhsplan.evaluate import reasons
from nhsplan.evaluate.reasons import Reason


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
