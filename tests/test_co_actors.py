"""Co-actors are never each other's counterparts; inferred targets only from one clear counterpart.

Sentences are written for these tests and parsed by hand over Arnor/Gondor dictionaries.
"""

from __future__ import annotations

import dataclasses

import pytest
import spacy
from conftest import words
from spacy.tokens import Doc

from eventwire.coding.actors import CodedActor, noun_phrase_actors
from eventwire.coding.coder import Coder
from eventwire.coding.trace import CodingTrace
from eventwire.dictionaries.model import ActorEntry, AgentEntry, DatedCode, VerbBlock, VerbEntry
from eventwire.records import CodingOptions, Story


@pytest.fixture(scope="module")
def ds(tiny_dictionaries):
    meet = VerbBlock("MEET", "040", (VerbEntry("MEET", ("MEET",), (), None, "co.verbs:1"),), (), "co.verbs:0")
    hold = VerbBlock("HOLD", "046", (VerbEntry("HOLD", ("HOLD",), (), None, "co.verbs:3"),), (), "co.verbs:2")
    fail = VerbBlock("FAIL", "120", (VerbEntry("FAIL", ("FAIL",), (), None, "co.verbs:5"),), (), "co.verbs:4")
    return dataclasses.replace(
        tiny_dictionaries,
        actors=tiny_dictionaries.actors + (ActorEntry(words("ANNUMINAS"), (DatedCode("ARN"),), "co.actors:1"),),
        agents=tiny_dictionaries.agents + (AgentEntry(words("MINISTER"), "GOV", "suffix", "co.agents:1"),),
        verbs=tiny_dictionaries.verbs + (meet, hold, fail),
    )


def parse(sentences):
    """Hand-parsed sentences -> one Doc; each row (text, lemma, pos, tag, dep, head within its sentence)."""
    rows, starts, offset = [], [], 0
    for spec in sentences:
        for k, (t, lemma, pos, tag, dep, head) in enumerate(spec):
            rows.append((t, lemma, pos, tag, dep, head + offset))
            starts.append(k == 0)
        offset += len(spec)
    n = len(rows)
    return Doc(
        spacy.blank("en").vocab, words=[r[0] for r in rows], spaces=[i < n - 1 and rows[i + 1][0] != "." for i in range(n)],
        lemmas=[r[1] for r in rows], pos=[r[2] for r in rows], tags=[r[3] for r in rows],
        deps=[r[4] for r in rows], heads=[r[5] for r in rows], sent_starts=starts,
    )


def code(ds, doc, **opts):
    trace = CodingTrace()
    coder = Coder(ds, nlp=object())
    events = coder.code_doc(Story(id="t", text=doc.text, date="2008-04-17"), doc, CodingOptions(**opts), trace=trace).events
    return sorted(e.triple() for e in events), trace


def dropped(trace, reason):
    return [c for s in trace.sentences for c in s.candidates if not c.kept and c.reason == reason]


# "Arnor and Bree condemned the plan."
LIST_CONDEMNS = [
    ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 3),
    ("and", "and", "CCONJ", "CC", "cc", 0),
    ("Bree", "Bree", "PROPN", "NNP", "conj", 0),
    ("condemned", "condemn", "VERB", "VBD", "ROOT", 3),
    ("the", "the", "DET", "DT", "det", 5),
    ("plan", "plan", "NOUN", "NN", "dobj", 3),
    (".", ".", "PUNCT", ".", "punct", 3),
]


def test_members_of_a_list_do_not_condemn_each_other(ds):
    triples, trace = code(ds, parse([LIST_CONDEMNS]))
    assert triples == []
    drops = dropped(trace, "co-actor")
    assert {(d.source.code, d.target.code) for d in drops} == {("ARN", "BRE"), ("BRE", "ARN")}
    assert all("list members" in d.detail for d in drops)


def test_members_of_a_list_meet_each_other_in_both_directions(ds):
    """"Arnor and Bree met.": a reciprocal verb with no other counterpart."""
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 3),
        ("and", "and", "CCONJ", "CC", "cc", 0),
        ("Bree", "Bree", "PROPN", "NNP", "conj", 0),
        ("met", "meet", "VERB", "VBD", "ROOT", 3),
        (".", ".", "PUNCT", ".", "punct", 3),
    ]
    triples, _ = code(ds, parse([spec]))
    assert triples == [("ARN", "BRE", "040"), ("BRE", "ARN", "040")]


def test_a_joint_act_object_makes_the_members_counterparts_but_talking_about_one_does_not(ds):
    """"Arnor and Bree held talks." is a meeting of the two; "... condemned the talks." is not."""
    held = LIST_CONDEMNS[:3] + [
        ("held", "hold", "VERB", "VBD", "ROOT", 3),
        ("talks", "talk", "NOUN", "NNS", "dobj", 3),
        (".", ".", "PUNCT", ".", "punct", 3),
    ]
    triples, _ = code(ds, parse([held]))
    assert triples == [("ARN", "BRE", "046"), ("BRE", "ARN", "046")]
    condemned = LIST_CONDEMNS[:4] + [
        ("the", "the", "DET", "DT", "det", 5),
        ("talks", "talk", "NOUN", "NNS", "dobj", 3),
        (".", ".", "PUNCT", ".", "punct", 3),
    ]
    assert code(ds, parse([condemned]))[0] == []


def test_a_governing_verb_is_reciprocal_through_its_complement(ds):
    """"Arnor and Bree failed to hold talks.": the failure is between the two."""
    spec = LIST_CONDEMNS[:3] + [
        ("failed", "fail", "VERB", "VBD", "ROOT", 3),
        ("to", "to", "PART", "TO", "aux", 5),
        ("hold", "hold", "VERB", "VB", "xcomp", 3),
        ("talks", "talk", "NOUN", "NNS", "dobj", 5),
        (".", ".", "PUNCT", ".", "punct", 3),
    ]
    triples, _ = code(ds, parse([spec]))
    assert ("ARN", "BRE", "120") in triples and ("BRE", "ARN", "120") in triples


def test_each_other_makes_any_verb_reciprocal(ds):
    """"Arnor and Bree condemned each other."""
    spec = LIST_CONDEMNS[:4] + [
        ("each", "each", "DET", "DT", "det", 5),
        ("other", "other", "ADJ", "JJ", "dobj", 3),
        (".", ".", "PUNCT", ".", "punct", 3),
    ]
    triples, _ = code(ds, parse([spec]))
    assert triples == [("ARN", "BRE", "122"), ("BRE", "ARN", "122")]


MINISTERS_MET = [  # "The ministers of Arnor and Bree met in Annuminas."
    ("The", "the", "DET", "DT", "det", 1),
    ("ministers", "minister", "NOUN", "NNS", "nsubj", 6),
    ("of", "of", "ADP", "IN", "prep", 1),
    ("Arnor", "Arnor", "PROPN", "NNP", "pobj", 2),
    ("and", "and", "CCONJ", "CC", "cc", 3),
    ("Bree", "Bree", "PROPN", "NNP", "conj", 3),
    ("met", "meet", "VERB", "VBD", "ROOT", 6),
    ("in", "in", "ADP", "IN", "prep", 6),
    ("Annuminas", "Annuminas", "PROPN", "NNP", "pobj", 7),
    (".", ".", "PUNCT", ".", "punct", 6),
]


def test_the_ministers_of_two_countries_are_two_actors(ds):
    doc = parse([MINISTERS_MET])
    coder = Coder(ds, nlp=object())
    hits = coder.actor_index.scan(list(doc))
    assert [a.code for a in noun_phrase_actors(doc[1], hits, None)] == ["ARNGOV", "BREGOV"]


def test_a_place_in_a_members_own_country_is_not_their_counterpart(ds):
    """They met each other in Annuminas (Arnor's city): not ARNGOV -> ARN."""
    triples, trace = code(ds, parse([MINISTERS_MET]))
    assert triples == [("ARNGOV", "BREGOV", "040"), ("BREGOV", "ARNGOV", "040")]


def test_a_place_in_the_sources_own_country_is_not_its_counterpart(ds):
    """"Arnor ministers met in Annuminas" (Arnor's city): where they acted, not whom they met. With
    PETRARCH's venue targets a place elsewhere is the target ("met in Bree": Bree); by default no
    meeting place is (tests/test_venues.py)."""
    def met_in(place):
        return [
            ("Arnor", "Arnor", "PROPN", "NNP", "compound", 1),
            ("ministers", "minister", "NOUN", "NNS", "nsubj", 2),
            ("met", "meet", "VERB", "VBD", "ROOT", 2),
            ("in", "in", "ADP", "IN", "prep", 2),
            (place, place, "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 2),
        ]
    triples, trace = code(ds, parse([met_in("Annuminas")]), venue_targets=True)
    assert triples == []
    assert any(c.detail == "source's own country" for c in dropped(trace, "co-actor"))
    triples, _ = code(ds, parse([met_in("Bree")]), venue_targets=True)
    assert triples == [("ARNGOV", "BRE", "040")]
    assert code(ds, parse([met_in("Bree")]))[0] == []


def test_a_target_inside_the_sources_own_words_is_dropped(ds):
    """One person is never split into source and target."""
    doc = parse([LIST_CONDEMNS])
    coder = Coder(ds, nlp=object())
    from eventwire.coding.coder import _SentenceCoder
    from eventwire.coding.references import StoryContext

    sc = _SentenceCoder(coder, Story(id="t", text=doc.text), doc, doc[:], 0, None, CodingOptions(), StoryContext(), None)
    source = CodedActor("ARNGOV", 0, 3, 0, 14, "Arnor and Bree", ("x",))
    inner = CodedActor("BRE", 2, 3, 10, 14, "Bree", ("x",))
    other = CodedActor("GON", 5, 6, 30, 34, "plan", ("x",))
    match = coder.verb_index.match(doc[3], [], [], {})
    assert sc.without_co_members(doc[3], match, [source], [inner, other]) == [other]


# --- inferred targets ----------------------------------------------------------------------------

ARNOR_CONDEMNED_GONDOR = [
    ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
    ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
    ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1),
    (".", ".", "PUNCT", ".", "punct", 1),
]
ARNOR_MET = [  # "Arnor met again." : no target of its own
    ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
    ("met", "meet", "VERB", "VBD", "ROOT", 1),
    ("again", "again", "ADV", "RB", "advmod", 1),
    (".", ".", "PUNCT", ".", "punct", 1),
]


def with_object(name):
    return [ARNOR_CONDEMNED_GONDOR[0], ARNOR_CONDEMNED_GONDOR[1], (name, name, "PROPN", "NNP", "dobj", 1), ARNOR_CONDEMNED_GONDOR[3]]


def test_a_missing_target_comes_from_the_one_clear_counterpart(ds):
    triples, _ = code(ds, parse([with_object("Gondor"), with_object("Gondor"), ARNOR_MET]))
    assert ("ARN", "GON", "040") in triples


def test_no_target_is_inferred_when_two_counterparts_compete(ds):
    doc = parse([with_object("Gondor"), with_object("Gondor"), with_object("Bree"), with_object("Bree"), ARNOR_MET])
    triples, trace = code(ds, doc)
    assert not [t for t in triples if t[2] == "040"]
    assert dropped(trace, "context-target")


def test_no_counterpart_is_inferred_for_a_verb_whose_object_names_no_party(ds):
    """"Arnor met the press.": the object slot is taken by a non-actor, so the story's counterpart
    (Gondor, named twice) is not inferred; "Arnor met again." still takes it."""
    met_press = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("met", "meet", "VERB", "VBD", "ROOT", 1),
        ("the", "the", "DET", "DT", "det", 3),
        ("press", "press", "NOUN", "NN", "dobj", 1),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    triples, trace = code(ds, parse([with_object("Gondor"), with_object("Gondor"), met_press]))
    assert not [t for t in triples if t[2] == "040"]
    assert any(c.detail == "the verb's object or clause names no party to infer" for c in dropped(trace, "context-target"))


def test_no_counterpart_is_inferred_in_a_subordinate_clause(ds):
    """"Gondor condemned Bree after Arnor met.": a background clause takes no story counterpart."""
    after_met = [
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 1),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
        ("Bree", "Bree", "PROPN", "NNP", "dobj", 1),
        ("after", "after", "SCONJ", "IN", "mark", 5),
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 5),
        ("met", "meet", "VERB", "VBD", "advcl", 1),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    triples, _ = code(ds, parse([with_object("Gondor"), with_object("Gondor"), after_met]))
    assert not [t for t in triples if t[2] == "040"]


def test_a_place_is_never_an_inferred_counterpart(ds):
    """"Arnor fought in Gondor." twice: Gondor is where, not whom; nothing to infer."""
    fought_in = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("fought", "fight", "VERB", "VBD", "ROOT", 1),
        ("in", "in", "ADP", "IN", "prep", 1),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 2),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    triples, _ = code(ds, parse([fought_in, fought_in, ARNOR_MET]))
    assert not [t for t in triples if t[2] == "040"]
