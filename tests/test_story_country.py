"""Agent-only actors take their country from the story (issue 12, error class 3)."""

from __future__ import annotations

import pytest

from eventwire.coding.actors import CodedActor
from eventwire.coding.coder import Coder
from eventwire.coding.story_country import RULE, StoryCountries, country_of, with_coordinated_modifier
from eventwire.ingest.metadata import with_dateline
from eventwire.records import Story


def _actor(code: str, start: int = 0) -> CodedActor:
    return CodedActor(code, start, start + 1, start * 10, start * 10 + 5, "x", ("tiny.agents:1",))


def test_story_country_code_parts():
    assert country_of("TURCOP") == "TUR"
    assert country_of("IGOUNO") is None and country_of("---COP") is None and country_of("MEAREB") is None


def test_story_country_earlier_mention_of_the_same_agent():
    countries = StoryCountries()
    countries.note("TURCOP")
    countries.note("GRC")
    countries.note("GRC")
    assert countries.with_country("---COP")[0] == "TURCOP"
    assert countries.guess("COP").evidence == "earlier-mention"


def test_story_country_two_countries_compete_leaves_no_country():
    countries = StoryCountries()
    countries.note("TURCOP")
    countries.note("GRCCOP")
    assert countries.with_country("---COP") == ("---COP", None)
    # a place of the sentence breaks the tie when it is one of the rivals ...
    assert countries.with_country("---COP", ["GRC"])[0] == "GRCCOP"
    # ... but not when it names a third country
    assert countries.with_country("---COP", ["BGR", "ROU"]) == ("---COP", None)


def test_story_country_institutions_follow_the_sentence_place_armed_agents_the_earlier_mention():
    countries = StoryCountries()
    countries.note("ISRMIL")
    countries.note("GBRGOV")
    assert countries.with_country("---MIL", ["LBN"])[0] == "ISRMIL"
    assert countries.with_country("---GOV", ["IRN"])[0] == "IRNGOV"


def test_story_country_dominant_country_and_dateline():
    countries = StoryCountries(dateline="PAK")
    assert countries.with_country("---JUD")[0] == "PAKJUD"  # the dateline alone
    countries.note("NLD")
    assert countries.with_country("---JUD") == ("---JUD", None)  # one against one: no lead
    countries.note("PAKGOV")
    countries.note("PAK")
    countries.note("PAK")
    guessed = countries.guess("JUD")
    assert guessed is not None and guessed.country == "PAK" and guessed.evidence == "story-actors"


def test_story_country_inferred_countries_are_not_evidence():
    countries = StoryCountries()
    countries.note("TURCOP", (RULE, "tiny.agents:1"))
    assert countries.with_country("---COP") == ("---COP", None)


def test_story_country_coordinated_modifier_qualifies_every_conjunct():
    """"Ruritanian troops and warplanes": the adjective qualifies both conjuncts."""
    out = with_coordinated_modifier([_actor("TURMIL", 0), _actor("---MIL", 3)])
    assert [a.code for a in out] == ["TURMIL", "TURMIL"]
    # two countries among the conjuncts: nothing to share
    out = with_coordinated_modifier([_actor("TURMIL", 0), _actor("GRCMIL", 2), _actor("---MIL", 4)])
    assert out[2].code == "---MIL"


# -- on the real model -----------------------------------------------------------------


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _events(coder: Coder, text: str, date: str = "2011-06-10"):
    # as a reader hands a story over: its dateline found once (ingest.metadata.with_dateline)
    return coder.code_story(with_dateline(Story(id="t", text=text, date=date))).events


@pytest.mark.model
def test_story_country_police_take_the_country_of_an_earlier_mention(coder):
    text = (
        "Turkish police detained a journalist in the capital on Monday.\n\n"
        "On Tuesday police arrested four students after the rally."
    )
    events = [e for e in _events(coder, text) if "arrested" in e.sentence]
    assert events and all(e.source.code == "TURCOP" for e in events)
    assert RULE in (events[0].source.rule or "")


@pytest.mark.model
def test_story_country_from_the_place_of_the_sentence(coder):
    text = "In Karachi, riot police arrested dozens of shopkeepers on Friday."
    events = _events(coder, text)
    assert events and events[0].source.code == "PAKCOP"


@pytest.mark.model
def test_story_country_from_the_dateline(coder):
    text = "ANKARA (Reuters) - Police detained dozens of students on Friday."
    events = _events(coder, text)
    assert events and events[0].source.code == "TURCOP"
