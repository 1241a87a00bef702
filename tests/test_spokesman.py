"""A spokesman speaks for his organisation, in and out of quotes (issue 12, class 9)."""

from __future__ import annotations

import pytest
from conftest import make_doc, words

from eventwire.coding.actors import ActorIndex, noun_phrase_actors
from eventwire.coding.coder import Coder
from eventwire.dictionaries.model import ActorEntry, AgentEntry, DatedCode, DictionarySet
from eventwire.records import Story


def _ds() -> DictionarySet:
    actors = (ActorEntry(words("ARNOR"), (DatedCode("ARN"),), "t.actors:1"),)
    agents = (
        AgentEntry(words("SPOKESMAN"), "MED", "suffix", "t.agents:1"),
        AgentEntry(words("MINISTRY"), "GOV", "suffix", "t.agents:2"),
    )
    return DictionarySet(name="t", actors=actors, agents=agents, verbs=())


def _np(spec, head: int):
    doc = make_doc(spec)
    hits = ActorIndex(_ds()).scan(list(doc))
    return [a.code for a in noun_phrase_actors(doc[head], hits, None)]


def test_spokesman_of_a_named_organisation_is_the_organisation():
    """"an Arnor spokesman" is Arnor, not Arnorian media."""
    spec = [
        ("an", "an", "DET", "DT", "det", 2),
        ("Arnor", "Arnor", "PROPN", "NNP", "compound", 2),
        ("spokesman", "spokesman", "NOUN", "NN", "ROOT", 2),
    ]
    assert _np(spec, 2) == ["ARN"]


def test_spokesman_for_an_organisation_is_the_organisation():
    spec = [
        ("a", "a", "DET", "DT", "det", 1),
        ("spokesman", "spokesman", "NOUN", "NN", "ROOT", 1),
        ("for", "for", "ADP", "IN", "prep", 1),
        ("Arnor", "Arnor", "PROPN", "NNP", "pobj", 2),
    ]
    assert _np(spec, 1) == ["ARN"]


def test_ministry_spokesman_is_the_ministry_and_a_bare_spokesman_is_no_media():
    spec = [
        ("the", "the", "DET", "DT", "det", 2),
        ("ministry", "ministry", "NOUN", "NN", "compound", 2),
        ("spokesman", "spokesman", "NOUN", "NN", "ROOT", 2),
    ]
    assert _np(spec, 2) == ["---GOV"]
    spec = [
        ("an", "an", "DET", "DT", "det", 2),
        ("opposition", "opposition", "NOUN", "NN", "compound", 2),
        ("spokesman", "spokesman", "NOUN", "NN", "ROOT", 2),
    ]
    assert _np(spec, 2) == []  # whose spokesman the dictionaries cannot tell; never ---MED


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.model
def test_quote_attributed_by_vowed_is_the_spokesman_of_the_organisation(coder):
    text = (
        "A Hezbollah spokesman spoke to reporters in Beirut on Monday.\n\n"
        '"We shall never give up our weapons to anybody," the spokesman vowed.'
    )
    quotes = coder.code_story(Story(id="q", text=text, date="2010-03-01")).quotes
    assert len(quotes) == 1
    q = quotes[0]
    assert q.rule == "quote:say-subject" and q.speaker_text == "spokesman"
    assert q.speaker is not None and q.speaker.code.startswith("LBN")
    assert "context:same-spokesman" in (q.speaker.rule or "")
