"""A dictionary name does not match inside a longer unknown proper name (issue 12, class 3)."""

from __future__ import annotations

import spacy
from conftest import words
from spacy.tokens import Doc

from eventwire.coding.actors import ActorIndex
from eventwire.dictionaries.model import ActorEntry, DatedCode, DictionarySet


def _index() -> ActorIndex:
    actors = (
        ActorEntry(words("FATAH"), (DatedCode("PSEFTH"),), "t.actors:1"),
        ActorEntry(words("GONDOR"), (DatedCode("GON"),), "t.actors:2"),
    )
    return ActorIndex(DictionarySet(name="t", actors=actors, agents=(), verbs=()))


def _doc(tokens: list[tuple[str, str]]) -> Doc:
    """tokens: (text, tag); a "-" is glued to both neighbours, other tokens are spaced."""
    n = len(tokens)
    spaces = [i < n - 1 and tokens[i][0] != "-" and tokens[i + 1][0] != "-" for i in range(n)]
    return Doc(
        spacy.blank("en").vocab,
        words=[t for t, _ in tokens],
        spaces=spaces,
        tags=[g for _, g in tokens],
        pos=["PUNCT" if t == "-" else "PROPN" for t, _ in tokens],
        deps=["ROOT"] + ["dep"] * (n - 1),
        heads=[0] * n,
    )


def _actor_texts(doc) -> list[str]:
    return [doc[h.start : h.end].text for h in _index().scan(list(doc)) if h.kind == "actor"]


def test_name_inside_a_longer_name_after_a_particle_is_no_actor():
    """"Jaish al-Fatah": an unknown name ending in a known one."""
    doc = _doc([("Jaish", "NNP"), ("al", "NNP"), ("-", "HYPH"), ("Fatah", "NNP"), ("fighters", "NNS")])
    assert _actor_texts(doc) == []


def test_name_glued_to_an_unknown_capitalised_name_is_no_actor():
    doc = _doc([("Fatah", "NNP"), ("-", "HYPH"), ("Islam", "NNP"), ("fighters", "NNS")])
    assert _actor_texts(doc) == []


def test_name_after_a_particle_alone_or_before_a_lowercase_word_stays_an_actor():
    """"the al-Fatah movement" and "Fatah-led": the name itself, not part of a longer one."""
    doc = _doc([("the", "DT"), ("al", "NNP"), ("-", "HYPH"), ("Fatah", "NNP"), ("movement", "NN")])
    assert _actor_texts(doc) == ["Fatah"]
    doc = _doc([("Fatah", "NNP"), ("-", "HYPH"), ("led", "VBN"), ("forces", "NNS")])
    assert _actor_texts(doc) == ["Fatah"]


def test_two_known_names_glued_stay_actors():
    doc = _doc([("Fatah", "NNP"), ("-", "HYPH"), ("Gondor", "NNP"), ("talks", "NNS")])
    assert _actor_texts(doc) == ["Fatah", "Gondor"]


def test_person_name_going_on_past_the_entry_is_another_person():
    """"Fatah Amin Haddad": a first name in the dictionary says nothing of a longer person's name."""
    tokens = [("Fatah", "NNP"), ("Amin", "NNP"), ("Haddad", "NNP"), ("spoke", "VBD")]
    doc = _doc(tokens)
    doc.ents = [doc.char_span(0, len("Fatah Amin Haddad"), label="PERSON")]
    assert _actor_texts(doc) == []
    doc = _doc(tokens)  # outside a person's name the entry still matches
    assert _actor_texts(doc) == ["Fatah"]


def test_a_stem_of_a_name_does_not_match_inside_a_common_word():
    """"RURA*" names Ruritania's army: "RURA" and "Ruras" are it, "rural" is not."""
    actors = (ActorEntry(words("RURA", stem_last=True), (DatedCode("RURMIL"),), "t.actors:9"),)
    index = ActorIndex(DictionarySet(name="t", actors=actors, agents=(), verbs=()))
    for text, tag, expected in (("rural", "JJ", []), ("RURA", "NNP", ["RURA"]), ("Ruras", "NNPS", ["Ruras"])):
        doc = _doc([(text, tag), ("areas", "NNS")])
        assert [doc[h.start : h.end].text for h in index.scan(list(doc))] == expected


def test_a_two_word_person_entry_is_not_cut_short_by_a_longer_name():
    """"Fatah Gondor Haddad": an entry of two names followed by a third is still that person."""
    actors = (ActorEntry(words("FATAH", "GONDOR"), (DatedCode("PSEGOV"),), "t.actors:7"),)
    index = ActorIndex(DictionarySet(name="t", actors=actors, agents=(), verbs=()))
    doc = _doc([("Fatah", "NNP"), ("Gondor", "NNP"), ("Haddad", "NNP"), ("spoke", "VBD")])
    doc.ents = [doc.char_span(0, len("Fatah Gondor Haddad"), label="PERSON")]
    assert [doc[h.start : h.end].text for h in index.scan(list(doc))] == ["Fatah Gondor"]


def test_name_after_anti_or_pro_names_a_stance_not_the_group():
    """"anti-Gondor protesters" are against Gondor, not Gondor's; "Gondor-led" and "the Gondor protesters" are Gondor."""
    for prefix in ("anti", "Anti", "pro"):
        doc = _doc([(prefix, "JJ"), ("-", "HYPH"), ("Gondor", "NNP"), ("protesters", "NNS")])
        assert _actor_texts(doc) == [], prefix
    doc = _doc([("the", "DT"), ("Gondor", "NNP"), ("protesters", "NNS")])
    assert _actor_texts(doc) == ["Gondor"]
    # a spaced "pro" is no prefix of the name after it
    doc = _doc([("pro", "JJ"), ("Gondor", "NNP"), ("protesters", "NNS")])
    assert _actor_texts(doc) == ["Gondor"]
