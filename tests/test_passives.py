"""Passives: an agentless passive's institution, a by-agent (issue 12 class 8, issue 17 item 6)."""

from __future__ import annotations

import pytest
from conftest import make_doc, words
from spacy.tokens import Doc

from eventwire.coding.coder import Coder
from eventwire.coding.passives import RULE
from eventwire.dictionaries.model import (
    ActorEntry,
    AgentEntry,
    DatedCode,
    DictionarySet,
    VerbBlock,
    VerbEntry,
)
from eventwire.records import CodingOptions, Story


@pytest.fixture(scope="module")
def ds() -> DictionarySet:
    actors = (
        ActorEntry(words("TURKISH"), (DatedCode("TUR"),), "t.actors:1"),
        ActorEntry(words("GREEK"), (DatedCode("GRC"),), "t.actors:2"),
        ActorEntry(words("GREECE"), (DatedCode("GRC"),), "t.actors:3"),
    )
    agents = (
        AgentEntry(words("MINISTRY"), "GOV", "suffix", "t.agents:1"),
        AgentEntry(words("ENVOY"), "GOV", "suffix", "t.agents:2"),
    )
    summon = VerbBlock("SUMMON", "114", (VerbEntry("SUMMON", ("SUMMON",), (), None, "t.verbs:1"),), (), "t.verbs:0")
    deport = VerbBlock("DEPORT", "174", (VerbEntry("DEPORT", ("DEPORT",), (), None, "t.verbs:3"),), (), "t.verbs:2")
    return DictionarySet(name="t", actors=actors, agents=agents, verbs=(summon, deport))


def _code(ds, doc):
    coder = Coder(ds, nlp=object())
    return coder.code_doc(Story(id="t", text=doc.text, date="2012-05-01"), doc, CodingOptions()).events


def _summoned_to(place: list[tuple[str, str, str, str, str, int]]):
    """"The Greek envoy was summoned to <place> ." with the place's tokens from index 7."""
    return make_doc(
        [
            ("The", "the", "DET", "DT", "det", 2),
            ("Greek", "Greek", "ADJ", "JJ", "amod", 2),
            ("envoy", "envoy", "NOUN", "NN", "nsubjpass", 4),
            ("was", "be", "AUX", "VBD", "auxpass", 4),
            ("summoned", "summon", "VERB", "VBN", "ROOT", 4),
            ("to", "to", "ADP", "IN", "prep", 4),
            ("the", "the", "DET", "DT", "det", 8),
        ]
        + place
        + [(".", ".", "PUNCT", ".", "punct", 4)]
    )


def test_agentless_passive_source_is_the_institution_the_subject_was_brought_to(ds):
    """"The Greek envoy was summoned to the Turkish ministry": the ministry's government summoned him."""
    doc = _summoned_to([("Turkish", "Turkish", "ADJ", "JJ", "amod", 8), ("ministry", "ministry", "NOUN", "NN", "pobj", 5)])
    events = _code(ds, doc)
    assert [e.triple() for e in events] == [("TURGOV", "GRCGOV", "114")]
    assert RULE in (events[0].source.rule or "")


def _two_sentences(a: Doc, b: Doc) -> Doc:
    toks = list(a) + list(b)
    n = len(a)
    return Doc(
        a.vocab,
        words=[t.text for t in toks],
        spaces=[True] * (len(toks) - 1) + [False],
        lemmas=[t.lemma_ for t in toks],
        pos=[t.pos_ for t in toks],
        tags=[t.tag_ for t in toks],
        deps=[t.dep_ for t in toks],
        heads=[t.head.i for t in a] + [t.head.i + n for t in b],
        sent_starts=[i in (0, n) for i in range(len(toks))],
    )


def test_agentless_passive_institution_takes_the_story_country(ds):
    """The ministry names no country: an earlier Turkish ministry in the story gives it."""
    coder = Coder(ds, nlp=object())
    first = make_doc(
        [
            ("The", "the", "DET", "DT", "det", 2),
            ("Turkish", "Turkish", "ADJ", "JJ", "amod", 2),
            ("ministry", "ministry", "NOUN", "NN", "nsubj", 3),
            ("spoke", "speak", "VERB", "VBD", "ROOT", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ]
    )
    second = _summoned_to([("foreign", "foreign", "ADJ", "JJ", "amod", 8), ("ministry", "ministry", "NOUN", "NN", "pobj", 5)])
    doc = _two_sentences(first, second)
    events = coder.code_doc(Story(id="t", text=doc.text, date="2012-05-01"), doc, CodingOptions()).events
    assert [e.triple() for e in events] == [("TURGOV", "GRCGOV", "114")]
    assert "context:story-country" in (events[0].source.rule or "")


def test_agentless_passive_to_a_country_has_no_source(ds):
    """"was deported to Greece" names where, not who: no event."""
    doc = make_doc(
        [
            ("The", "the", "DET", "DT", "det", 2),
            ("Turkish", "Turkish", "ADJ", "JJ", "amod", 2),
            ("envoy", "envoy", "NOUN", "NN", "nsubjpass", 4),
            ("was", "be", "AUX", "VBD", "auxpass", 4),
            ("deported", "deport", "VERB", "VBN", "ROOT", 4),
            ("to", "to", "ADP", "IN", "prep", 4),
            ("Greece", "Greece", "PROPN", "NNP", "pobj", 5),
            (".", ".", "PUNCT", ".", "punct", 4),
        ]
    )
    assert not _code(ds, doc)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.model
def test_passive_with_a_by_agent_takes_the_agent_as_source(coder):
    """"were freed by the rebels": the rebels free them (issue 17 item 6), in the story's country."""
    text = (
        "BOGOTA (Reuters) - Colombian rebels kidnapped three engineers last month.\n\n"
        "Three Colombian soldiers were freed by the rebels on Tuesday."
    )
    events = coder.code_story(Story(id="p", text=text, date="2009-02-03")).events
    freed = [e for e in events if "freed" in e.sentence]
    assert freed and freed[0].source.code == "COLREB" and freed[0].target.code.startswith("COL")
    assert freed[0].root == "08"


@pytest.mark.model
def test_the_attack_a_passive_subject_suffered_names_its_attacker() -> None:
    """"were killed in a Turkish air strike": the attack's nationality is the source
    (builtin:attacker-of-passive); a place after the attack noun names no attacker."""
    from eventwire.coding.passives import ATTACK_RULE

    coder = Coder()

    def coded(text: str):
        return coder.code_story(Story(id="t", text=text, date="2012-05-01")).events

    events = coded("Three Kurdish fighters were killed in a Turkish air strike on Monday.")
    assert [(e.source.code, e.code) for e in events] == [("TUR", "190")]
    assert ATTACK_RULE in events[0].source.rule
    assert coded("Three Kurdish fighters were killed in an air strike in Turkey on Monday.") == ()


@pytest.mark.model
def test_a_by_agent_is_the_subject_a_left_side_pattern_reads() -> None:
    """PETRARCH reads a passive as its active clause: "- PROTESTOR * [145]" (DEMOLISH) fits
    "was demolished by protestors"; the agent's own prepositional phrase is not the subject
    ("by the Commission for Refugees" is no "- &REFUGEE * [0233]")."""
    coder = Coder()

    def coded(text: str) -> list[tuple[str, str | None, str]]:
        events = coder.code_story(Story(id="t", text=text, date="2012-05-01")).events
        return [(e.source.code, e.target.code if e.target else None, e.code) for e in events]

    assert [c for _, _, c in coded("A Serbian police station was demolished by Albanian protestors.")] == ["145"]
    assert [c for _, _, c in coded("A Serbian police station was demolished by Albanian soldiers.")] == ["1712"]
    assert coded("Twenty aid workers were employed by the UN High Commission for Refugees.") == []


@pytest.mark.model
def test_an_attack_word_the_parser_split_off_still_names_the_attacker(coder) -> None:
    """"killed in Israeli tank shelling": the parser ends the "in" phrase at "tank" and hangs
    "shelling" on the verb; the nationality before it is still the attacker, and fire counts as an
    attack ("killed in Turkish mortar fire", not "in a Chinese factory fire"). A name before the
    attack word is its place."""
    from eventwire.coding.passives import ATTACK_RULE

    def coded(text: str):
        return coder.code_story(Story(id="t", text=text, date="2012-05-01")).events

    events = coded("Five people were wounded in Syrian army shelling near Homs.")
    assert [(e.source.code, e.code) for e in events] == [("SYRMIL", "180")]
    assert ATTACK_RULE in events[0].source.rule
    assert [(e.source.code, e.code) for e in coded("Two soldiers were killed in Turkish mortar fire.")] == [("TUR", "190")]
    assert coded("Two soldiers were killed in Gaza shelling.") == ()
    assert coded("Two people were killed in a house fire in Ankara.") == ()
    assert coded("Ten workers were killed in a Chinese factory fire.") == ()
