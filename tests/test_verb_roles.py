"""Where a verb's source and target are found (coding/coder.py `subjects`, `objects`) when the
parse puts them a step away: a second subject, a phrase under an adverb, a purpose clause, the
issuer of a document, a dispute one is "in"."""

from __future__ import annotations

from conftest import make_doc

from eventwire.coding.coder import Coder
from eventwire.dictionaries.model import DictionarySet
from eventwire.records import CodingOptions, Story


def _code(ds: DictionarySet, spec: list[tuple[str, str, str, str, str, int]]) -> list[tuple[str, str | None, str]]:
    doc = make_doc(spec)
    coder = Coder(ds, nlp=object())  # a hand-parsed Doc: the model is never called
    events = coder.code_doc(Story(id="t", text=doc.text, date="2008-04-17"), doc, CodingOptions()).events
    return sorted(e.triple() for e in events)


def test_verb_roles_a_second_subject_names_the_source(tiny_dictionaries: DictionarySet) -> None:
    """"Old foes Arnor attacked Gondor", parsed with two subjects: the one that names an actor."""
    spec = [
        ("Old", "old", "ADJ", "JJ", "amod", 1),
        ("foes", "foe", "NOUN", "NNS", "nsubj", 3),
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 3),
        ("attacked", "attack", "VERB", "VBD", "ROOT", 3),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
        (".", ".", "PUNCT", ".", "punct", 3),
    ]
    assert _code(tiny_dictionaries, spec) == [("ARN", "GON", "190")]


def test_verb_roles_a_phrase_under_an_adverb_names_the_target(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor attacked deep into Gondor": the "into" phrase hangs on the adverb."""
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("attacked", "attack", "VERB", "VBD", "ROOT", 1),
        ("deep", "deep", "ADV", "RB", "advmod", 1),
        ("into", "into", "ADP", "IN", "prep", 2),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 3),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    assert _code(tiny_dictionaries, spec) == [("ARN", "GON", "190")]


def _to_help(verb: str, lemma: str, obj: str) -> list[tuple[str, str, str, str, str, int]]:
    """"Arnor <verb> <obj> to help Gondor ." with the purpose clause on the verb."""
    return [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        (verb, lemma, "VERB", "VBD", "ROOT", 1),
        (obj, obj.lower(), "NOUN", "NN", "dobj", 1),
        ("to", "to", "PART", "TO", "aux", 4),
        ("help", "help", "VERB", "VB", "advcl", 1),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]


def test_verb_roles_a_purpose_clause_names_whom_cooperation_is_for(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor extended aid to help Gondor": the aid is for Gondor (072). "Arnor attacked towns to help
    Gondor" names no victim: a conflict act's purpose is its aim, so no target and no event."""
    assert _code(tiny_dictionaries, _to_help("extended", "extend", "aid")) == [("ARN", "GON", "072")]
    assert _code(tiny_dictionaries, _to_help("attacked", "attack", "towns")) == []


def _issued(verb: str, lemma: str, noun: str) -> list[tuple[str, str, str, str, str, int]]:
    """"Arnor <verb> a <noun> condemning Gondor ." with the participle on the noun."""
    return [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        (verb, lemma, "VERB", "VBD", "ROOT", 1),
        ("a", "a", "DET", "DT", "det", 3),
        (noun, noun, "NOUN", "NN", "dobj", 1),
        ("condemning", "condemn", "VERB", "VBG", "acl", 3),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]


def test_verb_roles_a_document_speaks_for_its_issuer(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor issued a statement condemning Gondor": Arnor condemns (122). A convoy is no document:
    "Arnor attacked a convoy condemning Gondor" gives Arnor no condemnation."""
    assert _code(tiny_dictionaries, _issued("issued", "issue", "statement")) == [("ARN", "GON", "122")]
    assert ("ARN", "GON", "122") not in _code(tiny_dictionaries, _issued("attacked", "attack", "convoy"))


def test_verb_roles_in_a_war_with_someone_is_no_place(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor condemned the killings in the war with Gondor": Gondor is the counterpart (122); "the
    killings in Gondor" only names a place, which a statement does not target."""
    war = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
        ("the", "the", "DET", "DT", "det", 3),
        ("killings", "killing", "NOUN", "NNS", "dobj", 1),
        ("in", "in", "ADP", "IN", "prep", 1),
        ("the", "the", "DET", "DT", "det", 6),
        ("war", "war", "NOUN", "NN", "pobj", 4),
        ("with", "with", "ADP", "IN", "prep", 6),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 7),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    place = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
        ("the", "the", "DET", "DT", "det", 3),
        ("killings", "killing", "NOUN", "NNS", "dobj", 1),
        ("in", "in", "ADP", "IN", "prep", 1),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 4),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    assert _code(tiny_dictionaries, war) == [("ARN", "GON", "122")]
    assert _code(tiny_dictionaries, place) == []
