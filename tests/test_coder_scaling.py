"""The coder's time is linear in the story's length (issue 13, item 6), on hand-built parses."""

from __future__ import annotations

import functools
import time

import spacy
from spacy.tokens import Doc

from eventwire.coding.coder import Coder, _ents_by_sentence
from eventwire.records import CodingOptions, Story

SENTENCE = [  # "Arnor condemned Gondor in Bree ."  (text, lemma, pos, tag, dep, head offset)
    ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
    ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
    ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1),
    ("in", "in", "ADP", "IN", "prep", 1),
    ("Bree", "Bree", "PROPN", "NNP", "pobj", 3),
    (".", ".", "PUNCT", ".", "punct", 1),
]
ENTS = ["B-GPE", "O", "B-GPE", "O", "B-GPE", "O"]


@functools.cache
def _vocab():  # type: ignore[no-untyped-def]
    return spacy.blank("en").vocab


def story_doc(sentences: int) -> Doc:
    """`sentences` copies of the sentence, each its own sentence, with its entities."""
    rows = SENTENCE * sentences
    n = len(SENTENCE)
    return Doc(
        _vocab(),
        words=[r[0] for r in rows],
        spaces=[r[0] not in (".",) and rows[i + 1][0] != "." if i + 1 < len(rows) else False for i, r in enumerate(rows)],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[(i // n) * n + r[5] for i, r in enumerate(rows)],
        sent_starts=[i % n == 0 for i in range(len(rows))],
        ents=ENTS * sentences,
    )


def coding_seconds(coder: Coder, sentences: int) -> float:
    doc = story_doc(sentences)
    story = Story(id="long", text=doc.text, date="2008-04-17")
    started = time.process_time()
    coded = coder.code_doc(story, doc, CodingOptions())
    elapsed = time.process_time() - started
    assert len(coded.events) >= 1
    return elapsed


def test_coder_ents_by_sentence_equals_each_sentences_ents() -> None:
    doc = story_doc(7)
    sents = list(doc.sents)
    assert _ents_by_sentence(doc, sents) == [list(s.ents) for s in sents]


def test_coder_time_per_sentence_does_not_grow_with_the_story(tiny_dictionaries) -> None:  # type: ignore[no-untyped-def]
    """A 15 times longer story costs at most 1.5 times more per sentence (it was quadratic: every
    sentence rebuilt the whole story's entity list)."""
    coder = Coder(tiny_dictionaries, nlp=object())
    coding_seconds(coder, 20)  # warm up
    short = min(coding_seconds(coder, 40) for _ in range(3)) / 40
    long = min(coding_seconds(coder, 600) for _ in range(2)) / 600
    assert long <= 1.5 * short, f"{long * 1e3:.2f} ms per sentence at 600 sentences, {short * 1e3:.2f} at 40"
