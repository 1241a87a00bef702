"""Verb-pattern and actor semantics of PETRARCH-1/2 dictionaries on eventwire's parse: each test
states one general rule, on a sentence written for it (hand-built Docs and tiny dictionaries,
except where the tokenizer or parser itself is the point)."""

from __future__ import annotations

from dataclasses import replace

from conftest import make_doc

from eventwire.coding.coder import Coder
from eventwire.dictionaries.model import DictionarySet, PatternElement, VerbBlock, VerbEntry, VerbPattern
from eventwire.nlp import load_nlp
from eventwire.records import CodingOptions, Story

Spec = list[tuple[str, str, str, str, str, int]]


def _code(ds: DictionarySet, spec: Spec, options: CodingOptions | None = None) -> list[tuple[str, str | None, str]]:
    doc = make_doc(spec)
    coder = Coder(ds, nlp=object())  # a hand-parsed Doc: the model is never called
    story = Story(id="t", text=doc.text, date="2008-04-17")
    events = coder.code_doc(story, doc, options or CodingOptions(intent_codes=False)).events
    return sorted(e.triple() for e in events)


def _block(name: str, code: str, *patterns: tuple[tuple[PatternElement, ...], tuple[PatternElement, ...], str]) -> VerbBlock:
    entry = VerbEntry(name, (name,), (), None, f"tiny.verbs:{name}")
    pats = tuple(VerbPattern(name, c, before, after, f"tiny.verbs:{name}:{k}") for k, (before, after, c) in enumerate(patterns))
    return VerbBlock(name, code, (entry,), pats, f"tiny.verbs:{name}")


def _with(ds: DictionarySet, *blocks: VerbBlock) -> DictionarySet:
    return replace(ds, verbs=ds.verbs + blocks)


def test_tokenizer_splits_a_hanging_hyphen_from_its_prefix() -> None:
    """"an anti- Gondor parade" is tokenized as "anti-Gondor" is ("anti", "-", "Gondor"), so the
    prefix neither ends a sentence nor heads the noun phrase; hyphenated words are unchanged."""
    nlp = load_nlp()
    assert [t.text for t in nlp.make_doc("an anti- Gondor parade")] == ["an", "anti", "-", "Gondor", "parade"]
    assert [t.text for t in nlp.make_doc("pro- and anti-war groups")] == ["pro", "-", "and", "anti", "-", "war", "groups"]
    assert [t.text for t in nlp.make_doc("BRUSSELS -- U.S.-led forces")] == ["BRUSSELS", "--", "U.S.-led", "forces"]
    doc = nlp("Gollum broke into an anti- Gondor parade on Saturday.")
    assert len(list(doc.sents)) == 1
