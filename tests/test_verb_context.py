"""The left context a verb pattern sees (coding/coder.py `clause_tokens`): a complement clause's
governing verb counts, as PETRARCH reads the surface words ("- INDICATED * [123]"); and the
reverse code of an intended event (`events_for`)."""

from __future__ import annotations

from dataclasses import replace

from conftest import make_doc

from eventwire.coding.coder import Coder
from eventwire.dictionaries.model import DictionarySet, PatternElement, VerbBlock, VerbEntry, VerbPattern
from eventwire.records import CodingOptions, Story


def _deplore() -> VerbBlock:
    entry = VerbEntry("DEPLORE", ("DEPLORE",), (), None, "tiny.verbs:401")
    pattern = VerbPattern("DEPLORE", "123", (PatternElement("word", "HINTED"),), (), "tiny.verbs:402")
    return VerbBlock("DEPLORE", "122", (entry,), (pattern,), "tiny.verbs:400")


def _code(ds: DictionarySet, spec: list[tuple[str, str, str, str, str, int]]) -> list[tuple[str, str | None, str]]:
    doc = make_doc(spec)
    coder = Coder(ds, nlp=object())  # a hand-parsed Doc: the model is never called
    events = coder.code_doc(Story(id="t", text=doc.text, date="2008-04-17"), doc, CodingOptions()).events
    return sorted(e.triple() for e in events)


def test_verb_context_a_complement_sees_its_governing_verb(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor hinted it deplored Gondor": "- HINTED * [123]" fires on the complement "deplored"."""
    ds = replace(tiny_dictionaries, verbs=tiny_dictionaries.verbs + (_deplore(),))
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("hinted", "hint", "VERB", "VBD", "ROOT", 1),
        ("it", "it", "PRON", "PRP", "nsubj", 3),
        ("deplored", "deplore", "VERB", "VBD", "ccomp", 1),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    assert _code(ds, spec) == [("ARN", "GON", "123")]


def test_verb_context_a_governing_verb_after_the_complement_is_no_left_context(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor deplored Gondor, it hinted": the pattern's word follows the verb, so the block's code stands."""
    ds = replace(tiny_dictionaries, verbs=tiny_dictionaries.verbs + (_deplore(),))
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("deplored", "deplore", "VERB", "VBD", "ccomp", 5),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1),
        (",", ",", "PUNCT", ",", "punct", 5),
        ("it", "it", "PRON", "PRP", "nsubj", 5),
        ("hinted", "hint", "VERB", "VBD", "ROOT", 5),
        (".", ".", "PUNCT", ".", "punct", 5),
    ]
    assert _code(ds, spec) == [("ARN", "GON", "122")]


def _will(verb: str, lemma: str) -> list[tuple[str, str, str, str, str, int]]:
    return [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 2),
        ("will", "will", "AUX", "MD", "aux", 2),
        (verb, lemma, "VERB", "VB", "ROOT", 2),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 2),
        (".", ".", "PUNCT", ".", "punct", 2),
    ]


def test_verb_context_a_symmetric_code_binds_both_sides_of_an_intended_meeting(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor will meet Gondor" with MEET [036:036]: both sides are to meet; "will visit" [042:043]
    has no host yet, so it stays one-sided."""
    meet = VerbBlock("MEET", "036:036", (VerbEntry("MEET", ("MEET",), (), None, "tiny.verbs:411"),), (), "tiny.verbs:410")
    ds = replace(tiny_dictionaries, verbs=tiny_dictionaries.verbs + (meet,))
    assert _code(ds, _will("meet", "meet")) == [("ARN", "GON", "036"), ("GON", "ARN", "036")]
    assert [t[:2] for t in _code(ds, _will("visit", "visit"))] == [("ARN", "GON")]


def test_verb_context_a_word_tied_to_the_verb_must_touch_it(tiny_dictionaries: DictionarySet) -> None:
    """"- RECENTLY_* [025]" fits "recently allowed", not "recently did allow" (a word between)."""
    tied = PatternElement("word", "RECENTLY", joined=True)
    allow = VerbBlock("ALLOW", "080", (VerbEntry("ALLOW", ("ALLOW",), (), None, "tiny.verbs:421"),),
                      (VerbPattern("ALLOW", "025", (tied,), (), "tiny.verbs:422"),), "tiny.verbs:420")
    ds = replace(tiny_dictionaries, verbs=tiny_dictionaries.verbs + (allow,))
    touching = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 2),
        ("recently", "recently", "ADV", "RB", "advmod", 2),
        ("allowed", "allow", "VERB", "VBD", "ROOT", 2),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 2),
        (".", ".", "PUNCT", ".", "punct", 2),
    ]
    apart = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 3),
        ("recently", "recently", "ADV", "RB", "advmod", 3),
        ("did", "do", "AUX", "VBD", "aux", 3),
        ("allow", "allow", "VERB", "VB", "ROOT", 3),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
        (".", ".", "PUNCT", ".", "punct", 3),
    ]
    assert _code(ds, touching) == [("ARN", "GON", "025")]
    assert _code(ds, apart) == [("ARN", "GON", "080")]
