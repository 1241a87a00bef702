"""The memoised attribute rules and lemmatizer (eventwire.nlp_memo) give spaCy's own annotations,
token for token, and the coder tokenises outside spaCy's memory zones only while the process is young."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from eventwire import nlp as nlp_module
from eventwire.nlp import MODEL_NAME
from eventwire.nlp_memo import MemoAttributeRuler, MemoLemmatizer, memo_attribute_ruler, swap_in

# Written to reach the model's rarer attribute rules: two-token patterns ("gonna", "ain't", "y'all",
# "let's"), pronoun case by dependency, "There is", "but" as an adverb, auxiliaries, whitespace tokens.
SENTENCES = [
    "I'm gonna tell you that it ain't over, y'all, and let's go.",
    "They gave it to me, but I said there is no deal; you know it.",
    "Iraq accused Iran of arming militias on Tuesday.\n\nThe talks had been   cancelled.",
    "She's been doing what she has done since 2003, said the spokesman of the U.N. mission.",
    "c'mon, we gotta do better than 45.5% -- the Ministers' forces were shelling 3 villages.",
    "Whether or not NATO agrees, Washington will send troops; it is what it is.",
]


def _annotations(doc):  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, t.dep_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def pipelines():  # type: ignore[no-untyped-def]
    plain = spacy.load(MODEL_NAME)
    memo = spacy.load(MODEL_NAME)
    assert swap_in(memo) == ["attribute_ruler", "lemmatizer"]
    return plain, memo


def test_the_memoised_pipeline_annotates_every_token_as_spacy_does(pipelines) -> None:  # type: ignore[no-untyped-def]
    plain, memo = pipelines
    assert memo.pipe_names == plain.pipe_names  # same names, same places
    assert isinstance(memo.get_pipe("attribute_ruler"), MemoAttributeRuler)
    assert isinstance(memo.get_pipe("lemmatizer"), MemoLemmatizer)
    for _ in range(2):  # the second time from the caches
        for expected, got in zip(plain.pipe(SENTENCES), memo.pipe(SENTENCES), strict=True):
            assert _annotations(got) == _annotations(expected)


def test_two_token_rules_set_the_token_they_name(pipelines) -> None:  # type: ignore[no-untyped-def]
    _, memo = pipelines
    lemmas = {t.text: t.lemma_ for t in memo("I'm gonna go, y'all.")}
    assert (lemmas["gon"], lemmas["na"]) == ("go", "to")  # the rules of "gon" + "na", index 0 and 1


def test_a_cache_over_its_limit_starts_again_with_the_same_answers(pipelines) -> None:  # type: ignore[no-untyped-def]
    plain, memo = pipelines
    ruler = MemoAttributeRuler(plain.get_pipe("attribute_ruler"), limit=5)
    lemmatizer = MemoLemmatizer(plain.get_pipe("lemmatizer"), limit=5)
    swapped = {"attribute_ruler": ruler, "lemmatizer": lemmatizer}
    for text in SENTENCES:
        doc = plain.make_doc(text)
        for name, component in plain.pipeline:
            doc = swapped.get(name, component)(doc)
        assert _annotations(doc) == _annotations(plain(text))
        assert len(ruler._cache) <= 5 and len(lemmatizer._cache) <= 5


def test_a_pattern_it_cannot_evaluate_keeps_spacys_component() -> None:
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add([[{"LOWER": "the", "OP": "+"}]], {"POS": "DET"})
    assert memo_attribute_ruler(ruler) is None
    simple = AttributeRuler(vocab)
    simple.add([[{"TAG": {"IN": ["NN", "NNS"]}, "LOWER": {"REGEX": "^a"}}]], {"POS": "NOUN"})
    assert isinstance(memo_attribute_ruler(simple), MemoAttributeRuler)


def test_the_coder_tokenises_outside_the_zone_until_the_process_kept_enough_new_words(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    monkeypatch.setattr(nlp_module, "KEEP_WORDS", 3)
    assert nlp_module.tokenize_outside_zone(nlp)  # the first call notes the vocabulary's size
    nlp("zorblax")
    assert nlp_module.tokenize_outside_zone(nlp)
    nlp("quuxify flibber wumpus")
    assert not nlp_module.tokenize_outside_zone(nlp)
    with nlp.memory_zone():
        nlp("grimple")  # words new inside a zone are freed after it: the vocabulary stops growing
    assert not nlp_module.tokenize_outside_zone(nlp)


def test_coding_gives_the_same_events_with_the_tokenizer_inside_or_outside_the_zone(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from eventwire.coding import coder as coder_module
    from eventwire.engines.local import build_coder
    from eventwire.records import CodingOptions, Story

    coder = build_coder(None, False, CodingOptions())
    stories = [Story(id=f"s{i}", text=t, date="2008-04-17") for i, t in enumerate(SENTENCES * 2)]
    outside = list(coder.code_stories(stories, batch_size=4))
    monkeypatch.setattr(coder_module, "tokenize_outside_zone", lambda nlp: False)
    inside = list(coder.code_stories(stories, batch_size=4))
    assert [c.events for c in inside] == [c.events for c in outside]
    assert sum(len(c.events) for c in outside) > 0
