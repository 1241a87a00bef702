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
    countries.note("TURCOP", (RULE, "story-country:story-actors", "tiny.agents:1"))
    assert countries.with_country("---COP") == ("---COP", None)


def test_story_country_a_sentence_place_names_the_agent_for_later_mentions_only():
    """"In Ruritown, riot police ..." then "Police cleared the square": the same police; but the
    inferred mention does not make the story's country."""
    countries = StoryCountries()
    countries.note("TURCOP", (RULE, "story-country:sentence-place", "tiny.agents:1"))
    assert countries.with_country("---COP")[0] == "TURCOP"
    assert countries.with_country("---JUD") == ("---JUD", None)


def test_story_country_coordinated_modifier_qualifies_every_conjunct():
    """"Ruritanian troops and warplanes": the adjective qualifies both conjuncts."""
    out = with_coordinated_modifier([_actor("TURMIL", 0), _actor("---MIL", 3)])
    assert [a.code for a in out] == ["TURMIL", "TURMIL"]
    # two countries among the conjuncts: nothing to share
    out = with_coordinated_modifier([_actor("TURMIL", 0), _actor("GRCMIL", 2), _actor("---MIL", 4)])
    assert out[2].code == "---MIL"
    # "Ruritanian tanks and troops": the first conjunct's head is no agent, its adjective still qualifies
    tanks = CodedActor("TUR", 0, 2, 0, 17, "Ruritanian tanks", ("tiny.actors:1",))
    assert [a.code for a in with_coordinated_modifier([tanks, _actor("---MIL", 3)])] == ["TUR", "TURMIL"]
    # "Ruritania and rebels": a country named alone qualifies nothing
    country = CodedActor("TUR", 0, 1, 0, 9, "Ruritania", ("tiny.actors:1",))
    assert [a.code for a in with_coordinated_modifier([country, _actor("---REB", 2)])] == ["TUR", "---REB"]


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
    # a dateline that names its country after the city
    text = "MOMBASA, Kenya (AP) - Police detained dozens of students on Friday."
    events = _events(coder, text)
    assert events and events[0].source.code == "KENCOP"


@pytest.mark.model
def test_owner_country_possessive_and_allegiance(coder):
    """"his government" is the government of the reporting subject; "soldiers loyal to" a leader
    are that leader's country's forces."""
    text = "Kenyan President Mwai Kibaki said on Friday that his government would send food aid to Somalia."
    events = _events(coder, text, "2008-03-07")
    sent = [e for e in events if e.target is not None and e.target.code.startswith("SOM")]
    assert sent and sent[0].source.code == "KENGOV"
    assert "context:owner-country" in (sent[0].source.rule or "")
    text = "Soldiers loyal to President Mwai Kibaki attacked Ugandan troops near the border on Friday."
    events = _events(coder, text, "2008-03-07")
    assert events and events[0].source.code == "KENMIL"


def test_sentence_places_locatives_towns_not_destinations_or_actors():
    """"near Ruritown's main square" places the sentence; "flew to Ruritown" and "Ruritown said" do not;
    a country only after a locative preposition."""
    from conftest import make_doc

    from eventwire.coding.story_country import sentence_places
    from eventwire.records import Place

    places = {"Ruritown": Place("Ruritown", country="TUR", feature_type="city"),
              "Graustark": Place("Graustark", country="GRC", feature_type="country")}
    lookup = places.get

    def doc_of(rows, ent_at):
        doc = make_doc(rows)
        doc.ents = [doc.char_span(doc[i].idx, doc[i].idx + len(doc[i].text), label="GPE") for i in ent_at]
        return doc

    near = doc_of([("Police", "police", "NOUN", "NNS", "nsubj", 1), ("fired", "fire", "VERB", "VBD", "ROOT", 1),
                   ("near", "near", "ADP", "IN", "prep", 1), ("Ruritown", "Ruritown", "PROPN", "NNP", "poss", 5),
                   ("'s", "'s", "PART", "POS", "case", 3), ("square", "square", "NOUN", "NN", "pobj", 2)], [3])
    assert sentence_places(near.ents, lookup) == ["TUR"]
    to = doc_of([("Envoys", "envoy", "NOUN", "NNS", "nsubj", 1), ("flew", "fly", "VERB", "VBD", "ROOT", 1),
                 ("to", "to", "ADP", "IN", "prep", 1), ("Ruritown", "Ruritown", "PROPN", "NNP", "pobj", 2)], [3])
    assert sentence_places(to.ents, lookup) == []
    said = doc_of([("Ruritown", "Ruritown", "PROPN", "NNP", "nsubj", 1), ("said", "say", "VERB", "VBD", "ROOT", 1)], [0])
    assert sentence_places(said.ents, lookup, frozenset({0})) == []
    accused = doc_of([("Police", "police", "NOUN", "NNS", "nsubj", 1), ("accused", "accuse", "VERB", "VBD", "ROOT", 1),
                      ("Graustark", "Graustark", "PROPN", "NNP", "dobj", 1)], [2])
    assert sentence_places(accused.ents, lookup) == []
    inside = doc_of([("Police", "police", "NOUN", "NNS", "nsubj", 1), ("fired", "fire", "VERB", "VBD", "ROOT", 1),
                     ("in", "in", "ADP", "IN", "prep", 1), ("Graustark", "Graustark", "PROPN", "NNP", "pobj", 2)], [3])
    assert sentence_places(inside.ents, lookup) == ["GRC"]


@pytest.mark.model
def test_a_town_the_dictionary_ties_to_another_country_follows_the_story(coder):
    """"gunmen in ... Tripoli" in a Beirut story are in Tripoli, Lebanon, not Libya's capital."""
    text = "BEIRUT (Reuters) - Gunmen in the northern city of Tripoli fired on Lebanese soldiers on Friday."
    events = _events(coder, text)
    sources = [e.source for e in events if e.target is not None and e.target.code.startswith("LBN")]
    assert sources and all(s.code.startswith("LBN") for s in sources)
    assert any("context:place-in-story-country" in (s.rule or "") for s in sources)


def test_story_country_a_titled_person_is_no_earlier_mention_of_the_office():
    """"Defence Minister Le Drian" (FRAGOV) earlier does not make a later, unknown "President
    Traore" French: a titled person takes the sentence's place or the story's country instead."""
    countries = StoryCountries()
    countries.note("FRAGOV")
    countries.note("MLI")
    countries.note("MLI")
    assert countries.with_country("---GOV")[0] == "FRAGOV"  # an untitled "the government" still follows it
    assert countries.with_country("---GOV", titled=True)[0] == "MLIGOV"  # the story's country
    assert countries.guess("GOV", titled=True).evidence == "story-actors"
    assert countries.with_country("---GOV", ["GRC"], titled=True)[0] == "GRCGOV"


def test_story_country_a_titled_person_takes_the_most_mentioned_country_without_other_evidence():
    """An unknown "Prime Minister X" in a story about Mali and France (Mali mentioned more, but
    not twice as often) is Malian (`story-country:most-mentioned`); a tie leaves it open."""
    countries = StoryCountries()
    for code in ("MLI", "MLI", "MLI", "FRA", "FRA"):
        countries.note(code)
    assert countries.with_country("---GOV", titled=True)[0] == "MLIGOV"
    assert countries.guess("GOV", titled=True).evidence == "most-mentioned"
    assert countries.guess("GOV") is None  # untitled: the office's earlier holders decide, and there are none
    countries.note("FRA")
    assert countries.guess("GOV", titled=True) is None  # three each: no country


def test_located_country_names_trust_the_gazetteer_over_the_tagger():
    """"across Graustark" places the sentence in Graustark even when the tagger calls the name a
    PERSON; a town's dictionary entry (which codes its country) does not count as the country."""
    from conftest import make_doc

    from eventwire.coding.actors import Hit
    from eventwire.coding.story_country import located_country_names
    from eventwire.dictionaries.model import DatedCode
    from eventwire.records import Place

    places = {"Graustark": Place("Graustark", country="GRC", feature_type="country"),
              "Ruritown": Place("Ruritown", country="TUR", feature_type="city")}
    for name, want in (("Graustark", ["GRC"]), ("Ruritown", [])):
        doc = make_doc([("Troops", "troop", "NOUN", "NNS", "nsubj", 1), ("fanned", "fan", "VERB", "VBD", "ROOT", 1),
                        ("across", "across", "ADP", "IN", "prep", 1), (name, name, "PROPN", "NNP", "pobj", 2)])
        doc.ents = [doc.char_span(doc[3].idx, doc[3].idx + len(name), label="PERSON")]
        hits = [Hit(3, 4, "actor", "t.actors:1", (DatedCode(places[name].country),))]
        assert located_country_names(hits, doc, doc.ents, places.get) == want


def test_story_country_the_more_mentioned_of_two_rivals_breaks_their_tie():
    """Earlier mentions name two countries' police once each; the story mentions Graustark more
    (3 against 2: no clear leader), so a bare "police" is Graustark's. A tie leaves it open."""
    countries = StoryCountries()
    for code in ("TURCOP", "GRCCOP", "GRC", "GRC", "TUR"):
        countries.note(code)
    assert countries.with_country("---COP")[0] == "GRCCOP"
    assert countries.guess("COP").evidence == "story-actors"
    countries.note("TUR")
    assert countries.with_country("---COP") == ("---COP", None)
