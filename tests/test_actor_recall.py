"""Actors the dictionaries miss by their form (issue 17, the actor side of recall): a titled
name, a name with an apposition, a bare surname, an international agent, additions entries."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import make_doc, words

from eventwire.coding.actors import ActorIndex, noun_phrase_actors, unique_surnames
from eventwire.coding.coder import Coder
from eventwire.dictionaries.loader import load_dictionaries
from eventwire.dictionaries.model import ActorEntry, AgentEntry, DatedCode, DictionarySet
from eventwire.records import CodingOptions, Story

PERSON_DATES = (dt.date(2001, 1, 1), None)


@pytest.fixture(scope="module")
def ds(tiny_dictionaries: DictionarySet) -> DictionarySet:
    return dataclasses.replace(
        tiny_dictionaries,
        actors=tiny_dictionaries.actors + (
            ActorEntry(words("ELESSAR", "TELCONTAR"), (DatedCode("ARNGOV", *PERSON_DATES),), "t.actors:1"),
        ),
        agents=tiny_dictionaries.agents + (
            AgentEntry(words("SPOKESMAN"), "MED", "suffix", "t.agents:1"),
            AgentEntry(words("COMMANDER"), "MIL", "suffix", "t.agents:2"),
            AgentEntry(words("AID", "AGENCY"), "NGO", "suffix", "t.agents:3"),
            AgentEntry(words("AID", "AGENCIES"), "NGO", "suffix", "t.agents:3"),
        ),
    )


def _codes(ds: DictionarySet, spec, head: int, ents: list[str] | None = None) -> list[str]:
    doc = make_doc(spec, ents)
    hits = ActorIndex(ds).scan(list(doc))
    return [a.code for a in noun_phrase_actors(doc[head], hits, None)]


# --- a name the dictionaries lack, described by an apposition -------------------------------------

NAME_THE_SPOKESMAN = [  # "Halbarad Dunadan, the Arnor spokesman"
    ("Halbarad", "Halbarad", "PROPN", "NNP", "compound", 1),
    ("Dunadan", "Dunadan", "PROPN", "NNP", "ROOT", 1),
    (",", ",", "PUNCT", ",", "punct", 1),
    ("the", "the", "DET", "DT", "det", 5),
    ("Arnor", "Arnor", "PROPN", "NNP", "compound", 5),
    ("spokesman", "spokesman", "NOUN", "NN", "appos", 1),
]


def test_an_unknown_name_is_the_actor_its_apposition_names(ds):
    assert _codes(ds, NAME_THE_SPOKESMAN, 1, ["B-PERSON", "I-PERSON", "O", "O", "O", "O"]) == ["ARN"]


def test_an_apposition_that_relates_the_name_to_an_actor_names_no_actor(ds):
    """"Halbarad Dunadan, a close ally of Gondor" is not Gondor."""
    spec = [
        ("Halbarad", "Halbarad", "PROPN", "NNP", "compound", 1),
        ("Dunadan", "Dunadan", "PROPN", "NNP", "ROOT", 1),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("a", "a", "DET", "DT", "det", 5),
        ("close", "close", "ADJ", "JJ", "amod", 5),
        ("ally", "ally", "NOUN", "NN", "appos", 1),
        ("of", "of", "ADP", "IN", "prep", 5),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 6),
    ]
    assert _codes(ds, spec, 1, ["B-PERSON", "I-PERSON"] + ["O"] * 6) == []


def test_a_described_pair_is_the_heads_apposition_not_a_list(ds):
    """"Gen. Halbarad, the Arnor and Gondor commander": the parser makes "Arnor" an apposition with a
    conjunct; the article says it describes Halbarad (not a list Halbarad, Arnor, commander)."""
    spec = [
        ("Halbarad", "Halbarad", "PROPN", "NNP", "ROOT", 0),
        (",", ",", "PUNCT", ",", "punct", 0),
        ("the", "the", "DET", "DT", "det", 3),
        ("Arnor", "Arnor", "PROPN", "NNP", "appos", 0),
        ("and", "and", "CCONJ", "CC", "cc", 3),
        ("Gondor", "Gondor", "PROPN", "NNP", "compound", 6),
        ("commander", "commander", "NOUN", "NN", "conj", 3),
    ]
    assert _codes(ds, spec, 0, ["B-PERSON"] + ["O"] * 6) == ["ARN", "GONMIL"]


# --- a title before a name the dictionaries lack --------------------------------------------------

def _titled(first: str = "") -> list[tuple[str, str, str, str, str, int]]:
    """"[former] Prime Minister Halbarad Dunadan": the name is the head, the title its compounds."""
    rows = [("Prime", "Prime", "PROPN", "NNP", "compound", 1), ("Minister", "Minister", "PROPN", "NNP", "compound", 3),
            ("Halbarad", "Halbarad", "PROPN", "NNP", "compound", 3), ("Dunadan", "Dunadan", "PROPN", "NNP", "ROOT", 3)]
    if first:
        rows = [(first, first, "ADJ", "JJ", "amod", 2)] + [(t, lm, p, tg, d, h + 1) for t, lm, p, tg, d, h in rows]
    return rows


def test_a_titled_unknown_person_holds_the_titles_office(ds):
    assert _codes(ds, _titled(), 3, ["O", "O", "B-PERSON", "I-PERSON"]) == ["---GOV"]


def test_a_former_office_holder_is_elite(ds):
    assert _codes(ds, _titled("former"), 4, ["O", "O", "O", "B-PERSON", "I-PERSON"]) == ["---ELI"]


def test_a_title_before_a_name_that_is_no_person_gives_nothing(ds):
    """"Army Demarcation Line" is a place, not an army officer."""
    spec = [
        ("Army", "Army", "PROPN", "NNP", "compound", 2),
        ("Demarcation", "Demarcation", "PROPN", "NNP", "compound", 2),
        ("Line", "Line", "PROPN", "NNP", "ROOT", 2),
    ]
    assert _codes(ds, spec, 2, ["B-FAC", "I-FAC", "I-FAC"]) == []


def test_an_apposition_says_more_than_a_title(ds):
    """"Prime Minister Halbarad Dunadan, the Arnor spokesman": the apposition's country wins."""
    rows = _titled() + [
        (",", ",", "PUNCT", ",", "punct", 3),
        ("the", "the", "DET", "DT", "det", 7),
        ("Arnor", "Arnor", "PROPN", "NNP", "compound", 7),
        ("spokesman", "spokesman", "NOUN", "NN", "appos", 3),
    ]
    assert _codes(ds, rows, 3, ["O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"]) == ["ARN"]


# --- international agents -------------------------------------------------------------------------

def test_an_international_aid_agency_has_no_country_but_a_root_code(ds):
    spec = [
        ("international", "international", "ADJ", "JJ", "amod", 2),
        ("aid", "aid", "NOUN", "NN", "compound", 2),
        ("agencies", "agency", "NOUN", "NNS", "ROOT", 2),
    ]
    assert _codes(ds, spec, 2) == ["NGO"]
    local = [("aid", "aid", "NOUN", "NN", "compound", 1), ("agencies", "agency", "NOUN", "NNS", "ROOT", 1)]
    assert _codes(ds, local, 1) == ["---NGO"]


# --- bare surnames --------------------------------------------------------------------------------

def _person(*names: str, code: str = "ARNGOV", origin: str = "t:1") -> ActorEntry:
    return ActorEntry(words(*names), (DatedCode(code, *PERSON_DATES),), origin)


def test_unique_surnames_name_one_person_only():
    entries = [
        _person("ELESSAR", "TELCONTAR"),
        _person("ARAGORN", "TELCONTAR"),  # a synonym: same codes
        _person("KIM", "JONG", "UN", code="PRKGOV"),  # "Un": too short to be told from a word
        _person("BARAHIR", "KIM", code="GONGOV"),  # "Kim" is also a first word
        _person("JOHN", "SMITH", code="BREGOV"),
        _person("ANNA", "SMITH", code="GONGOV"),  # two people called Smith
        ActorEntry(words("MINISTRY", "OF", "DEFENCE"), (DatedCode("GONGOV"),), "t:9"),  # not a person
        ActorEntry(words("JANE", "DEFENCE"), (DatedCode("GONGOV", *PERSON_DATES),), "t:10"),
        ActorEntry(words("ELROND", "PEREDHEL", stem_last=True), (DatedCode("RIVGOV", *PERSON_DATES),), "t:11"),
        # a town whose country changed: dated, but no role, so no person
        ActorEntry(words("MINAS", "ITHIL"), (DatedCode("GON", None, dt.date(2002, 1, 1)),
                                             DatedCode("MOR", dt.date(2002, 1, 1), None)), "t:12"),
    ]
    index = unique_surnames(entries)
    assert set(index) == {"TELCONTAR", "PEREDHEL"}
    assert index["TELCONTAR"].origin == "t:1"


SURNAME_VISITED = [
    ("Telcontar", "Telcontar", "PROPN", "NNP", "nsubj", 1),
    ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
    ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1),
    (".", ".", "PUNCT", ".", "punct", 1),
]


def test_a_bare_unique_surname_is_its_dictionary_person(ds):
    doc = make_doc(SURNAME_VISITED, ["B-PERSON", "O", "O", "O"])
    coder = Coder(ds, nlp=object())
    events = coder.code_doc(Story(id="t", text=doc.text, date="2008-04-17"), doc, CodingOptions()).events
    assert [e.triple() for e in events] == [("ARNGOV", "GON", "122")]
    assert "dictionary:unique-surname" in (events[0].source.rule or "")


def test_a_bare_surname_the_parser_tags_as_no_entity_stays_unknown(ds):
    doc = make_doc(SURNAME_VISITED, ["O", "O", "O", "O"])
    events = Coder(ds, nlp=object()).code_doc(Story(id="t", text=doc.text, date="2008-04-17"), doc,
                                             CodingOptions()).events
    assert not events


def test_a_rare_surname_the_parser_mistags_as_a_place_or_group_is_still_the_person(ds):
    """The small model tags unfamiliar surnames GPE or ORG ("Lavrov met Blinken": GPE); a surname of
    exactly one dictionary person is read as that person whatever the tag."""
    for tag in ("B-GPE", "B-ORG"):
        doc = make_doc(SURNAME_VISITED, [tag, "O", "O", "O"])
        events = Coder(ds, nlp=object()).code_doc(Story(id="t", text=doc.text, date="2008-04-17"), doc,
                                                 CodingOptions()).events
        assert [e.triple() for e in events] == [("ARNGOV", "GON", "122")], tag


def test_a_mistagged_surname_that_is_a_known_place_stays_a_place(ds):
    """Unless the gazetteer knows a place of that name: "Belfast" tagged GPE is the city, even when a
    dictionary person is called Belfast."""
    with_place_name = dataclasses.replace(
        ds, actors=ds.actors + (ActorEntry(words("ELROND", "BELFAST"), (DatedCode("BREGOV", *PERSON_DATES),), "t:2"),))
    spec = [("Belfast", "Belfast", *rest) if w == "Telcontar" else (w, lemma, *rest)
            for w, lemma, *rest in SURNAME_VISITED]
    doc = make_doc(spec, ["B-GPE", "O", "O", "O"])
    events = Coder(with_place_name, nlp=object()).code_doc(Story(id="t", text=doc.text, date="2008-04-17"), doc,
                                                          CodingOptions()).events
    assert all(e.source is None or e.source.code != "BREGOV" for e in events)
    person = make_doc(spec, ["B-PERSON", "O", "O", "O"])  # the parser's own PERSON tag is believed
    events = Coder(with_place_name, nlp=object()).code_doc(Story(id="t", text=person.text, date="2008-04-17"),
                                                          person, CodingOptions()).events
    assert [e.triple() for e in events] == [("BREGOV", "GON", "122")]


# --- dictionary entries ---------------------------------------------------------------------------

def test_a_name_with_no_code_does_not_hide_one_that_codes_it():
    ds = DictionarySet(name="t", actors=(ActorEntry(words("U.N."), (), "a:1"),
                                         ActorEntry(words("U.N."), (DatedCode("IGOUNO"),), "b:1")), agents=(), verbs=())
    doc = make_doc([("U.N.", "U.N.", "PROPN", "NNP", "ROOT", 0)])
    hits = ActorIndex(ds).scan(list(doc))
    assert [(h.origin, h.codes[0].code) for h in hits] == [("b:1", "IGOUNO")]


@pytest.fixture(scope="module")
def shipped_index() -> ActorIndex:
    return ActorIndex(load_dictionaries())


def _scan_phrase(index: ActorIndex, phrase: str):
    n = len(phrase.split())
    spec = [(w, w.rstrip("s") if w.endswith("s") else w, "PROPN" if w[0].isupper() else "NOUN",
             ("NNPS" if w[0].isupper() else "NNS") if w.endswith("s") else "NNP",
             "compound" if i < n - 1 else "ROOT", n - 1) for i, w in enumerate(phrase.split())]
    return index.scan(list(make_doc(spec)))


@pytest.mark.parametrize(("phrase", "code"), [("UK", "GBR"), ("EU", "IGOEUREEC"), ("U.N.", "IGOUNO"),
                                              ("African Union", "IGOAFROAU"), ("ELN", "COLREB"),
                                              ("International Criminal Court", "IGOJUDICC"),
                                              ("Western governments", "WSTGOV")])
def test_the_shipped_additions_code_names_phoenix_lacks(shipped_index: ActorIndex, phrase: str, code: str):
    hits = _scan_phrase(shipped_index, phrase)
    assert [(h.codes[0].code, h.origin.split(":")[0]) for h in hits] == [(code, "eventwire.additions.actors.txt")]


@pytest.mark.parametrize(("phrase", "code"), [("aid agencies", "NGO"), ("officials", "GOV"), ("hostages", "CVL"),
                                              ("Gov.", "GOV"), ("Rep.", "LEG")])
def test_the_shipped_agent_additions(shipped_index: ActorIndex, phrase: str, code: str):
    hits = _scan_phrase(shipped_index, phrase)
    assert [(h.agent_code, h.origin.split(":")[0]) for h in hits] == [(code, "eventwire.additions.agents.txt")]


def test_western_alone_is_no_actor(shipped_index: ActorIndex):
    """"the western city": only "Western" with a noun of states names the West."""
    assert not [h for h in _scan_phrase(shipped_index, "western city") if h.kind == "actor"]
