"""Precision rules of issue 12, each on a sentence written for its test (the model parses it, the
shipped dictionaries code it)."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import Coder
from eventwire.coding.trace import CodingTrace
from eventwire.records import Story


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def coded(coder: Coder, text: str) -> list[tuple[str, str | None, str]]:
    events = coder.code_story(Story(id="t", text=text, date="2008-03-07")).events
    return sorted((e.source.code, e.target.code if e.target else None, e.code) for e in events)


@pytest.mark.model
def test_a_pledge_that_his_government_would_act_is_an_intent_and_its_purpose_no_deed(coder: Coder) -> None:
    """"pledged that his government would help Uganda arrest ...": the speaker's own government's
    future is a stated intent (033), and the arrest it would help with has not happened."""
    text = "Kenyan President Mwai Kibaki pledged on Friday that his government would help Uganda arrest the rebel leaders."
    got = coded(coder, text)
    assert ("KENGOV", "UGA", "033") in got
    assert not [c for c in got if c[2].startswith("17")]


@pytest.mark.model
def test_a_summoned_envoy_in_the_passive_is_an_official_complaint(coder: Coder) -> None:
    """The passive subject is the verb's logical object: "the ambassador was summoned" matches the
    summon-an-envoy pattern (114), not the bare verb's meeting code."""
    got = coded(coder, "The Kenyan ambassador was summoned to the Ugandan foreign ministry on Monday.")
    assert got == [("UGAGOV", "KENGOV", "114")]


@pytest.mark.model
def test_an_invitation_to_visit_and_a_meeting_at_a_place(coder: Coder) -> None:
    """"invited X to visit" is an appeal to meet (026), not a meeting; "met X at the border" is a
    meeting held (040), not an intent to meet (CAMEO.2.0's 036)."""
    assert coded(coder, "Kenyan President Mwai Kibaki invited Ugandan President Yoweri Museveni to visit Nairobi.") == [
        ("KENGOV", "UGAGOV", "026")
    ]
    got = coded(coder, "Kenyan President Mwai Kibaki met Ugandan farmers at the border on Monday.")
    assert ("KENGOV", "UGAAGR", "040") in got


@pytest.mark.model
def test_reporters_are_the_audience_of_a_statement_not_its_target(coder: Coder) -> None:
    text = "Kenyan President Mwai Kibaki told reporters on Monday that the talks had gone well."
    trace = CodingTrace()
    events = coder.code_story(Story(id="t", text=text, date="2008-03-07"), trace=trace).events
    assert not [e for e in events if e.target is not None and e.target.code.endswith("MED")]
    assert any(c.detail == "the press is the audience" for s in trace.sentences for c in s.candidates)
