"""Merge a user's dictionary folder onto the shipped set (`--extend-dictionaries`).

A user entry that re-lists something the shipped set already has must not be silently
shadowed by it: the coder's indexes keep the first entry for a phrase or a verb, which
would be the shipped one. The rules, each keeping the user's file:line on what they add:

* An actor or agent line with the same words as a shipped one replaces it: the user's
  codes (and dated roles) are the ones used for that phrase.
* A verb block named like a shipped block adds to it: the user's patterns come first (they
  win ties), a shipped pattern with the same words as a user pattern is dropped, and the
  user's new verbs join the block.
* A verb block with a new name that re-lists a shipped verb takes that verb over: the
  verb moves out of its shipped block into a block of its own, ``USER+SHIPPED`` (one per
  shipped block it came from), coded by the user's block (its patterns first, its default
  code, the user's verb line) and then by the shipped block's patterns. The shipped block's
  other verbs are untouched, and the user's patterns never reach them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from eventwire.dictionaries.model import (
    ActorEntry,
    AgentEntry,
    DictionarySet,
    PatternElement,
    VerbBlock,
    VerbEntry,
    VerbPattern,
    Word,
)

__all__ = ["extend_dictionaries", "replace_same_words"]

_PatternWords = tuple[tuple[PatternElement, ...], tuple[PatternElement, ...]]
_Entry = TypeVar("_Entry", ActorEntry, AgentEntry)


def extend_dictionaries(base: DictionarySet, extra: DictionarySet) -> DictionarySet:
    """`base` with `extra` merged onto it by the rules of the module docstring."""
    return DictionarySet(
        name=f"{base.name}+{extra.name}",
        actors=replace_same_words(base.actors, extra.actors),
        agents=replace_same_words(base.agents, extra.agents),
        verbs=_merge_verbs(base.verbs, extra.verbs),
        synsets={**base.synsets, **extra.synsets},
        discards=base.discards + extra.discards,
        substitutions={**base.substitutions, **extra.substitutions},
        sources=base.sources + extra.sources,
    )


def replace_same_words(base: Sequence[_Entry], extra: Sequence[_Entry]) -> tuple[_Entry, ...]:
    """`base` without the entries whose words `extra` lists again, then `extra`."""
    mine: set[tuple[Word, ...]] = {entry.words for entry in extra}
    return tuple(entry for entry in base if entry.words not in mine) + tuple(extra)


def _merge_verbs(base: Sequence[VerbBlock], extra: Sequence[VerbBlock]) -> tuple[VerbBlock, ...]:
    blocks = list(base)
    added: list[VerbBlock] = []
    for user in extra:
        names = {b.name for b in blocks}
        home = _verb_homes(blocks)
        same_name = user.name in names
        groups: dict[str, list[VerbEntry]] = {}  # shipped block name -> the user's verbs taken from it
        own: list[VerbEntry] = []  # verbs new to the set, or already in the same-named block
        for verb in user.verbs:
            where = home.get(verb.words)
            if where is None or where == user.name:
                own.append(verb)
            else:
                groups.setdefault(where, []).append(verb)
        user_words = {(p.before, p.after) for p in user.patterns}
        if same_name:
            blocks = _prepend_to_block(blocks, user, own, user_words)
        elif own:
            added.append(VerbBlock(user.name, user.code, tuple(own), user.patterns, user.origin))
        for shipped_name, verbs in groups.items():
            taken = {v.words for v in verbs}
            shipped = [b for b in blocks if b.name == shipped_name]
            blocks = [_without_verbs(b, taken) if b.name == shipped_name else b for b in blocks]
            added.extend(_taken_over(user, shipped, verbs, user_words))
    return tuple(blocks) + tuple(added)


def _verb_homes(blocks: Sequence[VerbBlock]) -> dict[tuple[str, ...], str]:
    """Each verb's block, the first that lists it (the one the coder's index would use)."""
    home: dict[tuple[str, ...], str] = {}
    for block in blocks:
        for verb in block.verbs:
            home.setdefault(verb.words, block.name)
    return home


def _prepend_to_block(
    blocks: list[VerbBlock], user: VerbBlock, new_verbs: list[VerbEntry], user_words: set[_PatternWords]
) -> list[VerbBlock]:
    """The user's patterns ahead of the same-named shipped block's; the user's verb lines replace
    the shipped lines of the same verbs (their own code, if given, is the user's)."""
    out: list[VerbBlock] = []
    first = True
    listed = {v.words for v in new_verbs}
    shipped_forms = {v.words: v.forms for b in blocks if b.name == user.name for v in b.verbs}
    for b in blocks:
        if b.name != user.name:
            out.append(b)
            continue
        kept = tuple(p for p in b.patterns if (p.before, p.after) not in user_words)
        verbs = tuple(v for v in b.verbs if v.words not in listed)
        if first:
            mine = tuple(_with_forms(v, b.name, shipped_forms) for v in new_verbs)
            out.append(VerbBlock(b.name, b.code, verbs + mine, _copies(user.patterns) + kept, b.origin))
            first = False
        else:
            out.append(replace(b, verbs=verbs, patterns=kept))
    return out


def _with_forms(verb: VerbEntry, block: str, shipped_forms: dict[tuple[str, ...], tuple[tuple[str, ...], ...]]) -> VerbEntry:
    """The user's verb line in `block`, keeping the irregular forms the shipped line knew."""
    extra = tuple(f for f in shipped_forms.get(verb.words, ()) if f not in verb.forms)
    return replace(verb, block=block, forms=verb.forms + extra)


def _copies(patterns: Sequence[VerbPattern]) -> tuple[VerbPattern, ...]:
    # new objects for each block a pattern is put in: the coder keys patterns by identity
    return tuple(replace(p) for p in patterns)


def _without_verbs(block: VerbBlock, taken: set[tuple[str, ...]]) -> VerbBlock:
    return replace(block, verbs=tuple(v for v in block.verbs if v.words not in taken))


def _taken_over(
    user: VerbBlock, shipped: list[VerbBlock], verbs: list[VerbEntry], user_words: set[_PatternWords]
) -> list[VerbBlock]:
    """The block(s) a re-listed shipped verb moves to. One block per shipped block of that name
    (the shipped set may name a block twice, as the additions file does): the coder merges
    same-named blocks in order, so a later shipped pattern still replaces an earlier one."""
    name = f"{user.name}+{shipped[0].name}"
    forms = {v.words: v.forms for b in shipped for v in b.verbs}
    entries = tuple(_with_forms(v, name, forms) for v in verbs)
    out = []
    for n, b in enumerate(shipped):
        copies = _copies([p for p in b.patterns if (p.before, p.after) not in user_words])
        patterns = _copies(user.patterns) + copies if n == 0 else copies
        out.append(VerbBlock(name, user.code, entries if n == 0 else (), patterns, user.origin))
    return out
