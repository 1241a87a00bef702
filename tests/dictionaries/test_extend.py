"""--extend-dictionaries: a user entry that re-lists a shipped one takes it over (issue 13).

Before, the coder's indexes kept the first entry for a verb or a phrase, the shipped one, so a
user block re-listing a shipped verb, or a user actor line re-listing a shipped name, was
silently ignored.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import make_doc, words

from eventwire.coding.coder import Coder
from eventwire.dictionaries.loader import merge_dictionaries, read_dictionary_dir
from eventwire.dictionaries.model import (
    ActorEntry,
    DatedCode,
    DictionarySet,
    PatternElement,
    VerbBlock,
    VerbEntry,
    VerbPattern,
)
from eventwire.records import CodingOptions, Story

OF_TORTURE = ((), (PatternElement("prep", "OF", group="pp", group_id=1), PatternElement("word", "TORTURE", group="pp", group_id=1)))
OF_BRIBERY = ((), (PatternElement("prep", "OF", group="pp", group_id=1), PatternElement("word", "BRIBERY", group="pp", group_id=1)))


def _pattern(block: str, code: str, elems: tuple[tuple[PatternElement, ...], tuple[PatternElement, ...]], origin: str) -> VerbPattern:
    return VerbPattern(block, code, elems[0], elems[1], origin)


def _shipped() -> DictionarySet:
    blame = VerbBlock(
        "BLAME",
        "112",
        (
            VerbEntry("BLAME", ("ACCUSE",), (), None, "ship.verbs:2"),
            VerbEntry("BLAME", ("CONDEMN",), (), "111", "ship.verbs:3"),
        ),
        (_pattern("BLAME", "1122", OF_TORTURE, "ship.verbs:4"),),
        "ship.verbs:1",
    )
    actors = (
        ActorEntry(words("ARNOR"), (DatedCode("ARN"),), "ship.actors:1"),
        ActorEntry(words("GONDOR"), (DatedCode("GON"),), "ship.actors:2"),
    )
    return DictionarySet("ship", actors=actors, verbs=(blame,))


def _sentence(verb: str, lemma: str, noun: str) -> object:
    """"Arnor <verb> Gondor of <noun>." parsed by hand."""
    return make_doc(
        [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            (verb, lemma, "VERB", "VBD", "ROOT", 1),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1),
            ("of", "of", "ADP", "IN", "prep", 1),
            (noun, noun, "NOUN", "NN", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )


def _code(ds: DictionarySet, doc: object) -> list[tuple[str, str, str, str]]:
    coder = Coder(ds, nlp=object())
    story = Story(id="t", text=doc.text, date="2008-04-17")  # type: ignore[attr-defined]
    events = coder.code_doc(story, doc, CodingOptions()).events
    return [(e.source.code, e.target.code, e.code, e.evidence.rule) for e in events]


def test_extend_relisted_verb_is_coded_by_the_user_block_first() -> None:
    """A user block with a new name that re-lists ACCUSE (shipped in BLAME): "accused ... of bribery"
    takes the user's pattern with the user's file:line; the shipped patterns still apply to ACCUSE
    after the user's; CONDEMN, BLAME's other verb, never gets the user's pattern."""
    user = DictionarySet(
        "user",
        verbs=(
            VerbBlock(
                "MYACCUSE",
                "112",
                (VerbEntry("MYACCUSE", ("ACCUSE",), (), None, "user.verbs:2"),),
                (_pattern("MYACCUSE", "1121", OF_BRIBERY, "user.verbs:3"),),
                "user.verbs:1",
            ),
        ),
    )
    shipped = _shipped()
    assert _code(shipped, _sentence("accused", "accuse", "bribery"))[0][2] == "112"  # the user's block is needed
    merged = merge_dictionaries(shipped, user)
    assert _code(merged, _sentence("accused", "accuse", "bribery")) == [("ARN", "GON", "1121", "user.verbs:3")]
    assert _code(merged, _sentence("accused", "accuse", "torture")) == [("ARN", "GON", "1122", "ship.verbs:4")]
    assert _code(merged, _sentence("condemned", "condemn", "bribery")) == [("ARN", "GON", "111", "ship.verbs:3")]
    by_name = {b.name: b for b in merged.verbs}
    assert [v.words for v in by_name["BLAME"].verbs] == [("CONDEMN",)]
    assert [v.origin for v in by_name["MYACCUSE+BLAME"].verbs] == ["user.verbs:2"]
    assert [p.origin for p in by_name["MYACCUSE+BLAME"].patterns] == ["user.verbs:3", "ship.verbs:4"]


def test_extend_same_named_block_puts_user_patterns_first() -> None:
    """A user block named like the shipped block adds to it, the user's patterns ahead: a user pattern
    with the same words as a shipped one replaces it, and a new verb joins the block."""
    user = DictionarySet(
        "user",
        verbs=(
            VerbBlock(
                "BLAME",
                "112",
                (VerbEntry("BLAME", ("DENOUNCE",), (), None, "user.verbs:2"),),
                (_pattern("BLAME", "1123", OF_TORTURE, "user.verbs:3"),),
                "user.verbs:1",
            ),
        ),
    )
    merged = merge_dictionaries(_shipped(), user)
    (blame,) = merged.verbs
    assert [p.origin for p in blame.patterns] == ["user.verbs:3"]
    assert [v.words for v in blame.verbs] == [("ACCUSE",), ("CONDEMN",), ("DENOUNCE",)]
    assert _code(merged, _sentence("accused", "accuse", "torture")) == [("ARN", "GON", "1123", "user.verbs:3")]
    assert _code(merged, _sentence("denounced", "denounce", "torture")) == [("ARN", "GON", "1123", "user.verbs:3")]


def test_extend_relisted_actor_replaces_the_shipped_line() -> None:
    """A user actor line with the same words as a shipped one is the one used (its codes, its file:line)."""
    user = DictionarySet("user", actors=(ActorEntry(words("GONDOR"), (DatedCode("GONREB"),), "user.actors:7"),))
    shipped = _shipped()
    merged = merge_dictionaries(shipped, user)
    assert [a.origin for a in merged.actors] == ["ship.actors:1", "user.actors:7"]
    coder = Coder(merged, nlp=object())
    doc = _sentence("accused", "accuse", "torture")
    event = coder.code_doc(Story(id="t", text=doc.text, date="2008-04-17"), doc, CodingOptions()).events[0]
    assert (event.target.code, event.target.rule) == ("GONREB", "user.actors:7")


def test_extend_relisting_from_files_end_to_end(tmp_path: Path) -> None:
    """The same through the reader: a folder's verbs file re-listing the shipped verb, read as
    --extend-dictionaries reads it; the event's rule is the folder's file:line."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.verbs.txt").write_text(
        "--- MYACCUSE   [112]  ---\nACCUSE\n- * (OF BRIBERY)   [1121]  # ACCUSE\n", encoding="utf-8"
    )
    merged = merge_dictionaries(_shipped(), read_dictionary_dir(folder))
    assert _code(merged, _sentence("accused", "accuse", "bribery")) == [("ARN", "GON", "1121", "mine.verbs.txt:3")]


@pytest.mark.parametrize("twice", [False, True])
def test_extend_shipped_block_named_twice_keeps_later_replacements(twice: bool) -> None:
    """The shipped set may name a block twice (CAMEO.2.0 then the additions file, whose same-worded
    pattern corrects the code): a verb taken over keeps the correction, behind the user's patterns."""
    shipped = _shipped()
    if twice:
        fix = VerbBlock("BLAME", "112", (), (_pattern("BLAME", "1124", OF_TORTURE, "additions:9"),), "additions:8")
        shipped = dataclasses.replace(shipped, verbs=shipped.verbs + (fix,))
    user = DictionarySet(
        "user",
        verbs=(
            VerbBlock(
                "MYACCUSE",
                "112",
                (VerbEntry("MYACCUSE", ("ACCUSE",), (), None, "user.verbs:2"),),
                (_pattern("MYACCUSE", "1121", OF_BRIBERY, "user.verbs:3"),),
                "user.verbs:1",
            ),
        ),
    )
    merged = merge_dictionaries(shipped, user)
    expected = ("1124", "additions:9") if twice else ("1122", "ship.verbs:4")
    assert _code(merged, _sentence("accused", "accuse", "torture"))[0][2:] == expected
    assert _code(merged, _sentence("condemned", "condemn", "torture"))[0][2:] == expected
