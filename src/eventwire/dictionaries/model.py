"""Typed, parsed dictionary entries: what the readers produce and the coder consumes.

Words are stored UPPER-CASE, split the way the spaCy English tokenizer splits
them (so "AL-MALIKI" becomes ("AL", "-", "MALIKI") and "U.S." stays one word).
`stem=True` on a word means the dictionary wrote it without a trailing
underscore, which in the TABARI/PETRARCH convention is a prefix match
("ARGENTIN" matches ARGENTINA and ARGENTINE); `stem=False` means exact.

Every entry carries `origin` = "file:line" so an event can say which entry fired.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "ActorEntry",
    "AgentEntry",
    "DatedCode",
    "DictionarySet",
    "DiscardEntry",
    "PatternElement",
    "PatternKind",
    "VerbBlock",
    "VerbEntry",
    "VerbPattern",
    "Word",
]


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # upper-case
    stem: bool = False  # prefix match allowed


@dataclass(frozen=True, slots=True)
class DatedCode:
    """An actor code valid between two dates (inclusive); None = open-ended."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        if self.start is not None and day < self.start:
            return False
        if self.end is not None and day > self.end:
            return False
        return True


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A named actor (country, person, IGO, group) and its code(s)."""

    words: tuple[Word, ...]
    codes: tuple[DatedCode, ...]
    origin: str


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A generic agent ("PRIME MINISTER" -> GOV). `code` has no tilde.

    `position` is "suffix" for `[~GOV]` (appended to a country code: IRQ + GOV)
    and "prefix" for `[GOV~]`.
    """

    words: tuple[Word, ...]
    code: str
    position: Literal["suffix", "prefix"]
    origin: str


PatternKind = Literal["word", "synset", "source", "target", "skip", "prep"]


@dataclass(frozen=True, slots=True)
class PatternElement:
    """One element of a verb pattern.

    kind:
      word    a literal word (`text`, `stem`)
      synset  `&NAME` — any phrase of that synonym set (`text` = "&NAME")
      source  `$` — the source actor is found here
      target  `+` — the target actor is found here
      skip    `^` — skip one noun phrase
      prep    the preposition that opens a `(PREP ...)` group
    group: "np" inside `{...}`, "pp" inside `(...)`, else None;
    group_id numbers the groups of one pattern (same id = same phrase).
    joined: True when an underscore ties this element to the next (must be adjacent).
    """

    kind: PatternKind
    text: str = ""
    stem: bool = False
    group: Literal["np", "pp"] | None = None
    group_id: int = 0
    joined: bool = False


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """`- BEFORE * AFTER [CODE]` within a verb block. `code` as written: "0232", "---", "050:050"."""

    block: str
    code: str
    before: tuple[PatternElement, ...]
    after: tuple[PatternElement, ...]
    origin: str
    comment: str = ""


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """A verb of a block: its base words (("DRAG", "OUT") for +DRAG_OUT) and explicit forms.

    `code` is the verb's own code when the dictionary gives one (`FAIL [120]`),
    else None and the block's default applies.
    """

    block: str
    words: tuple[str, ...]
    forms: tuple[tuple[str, ...], ...]
    code: str | None
    origin: str


@dataclass(frozen=True, slots=True)
class VerbBlock:
    name: str
    code: str  # the block's default code, "---" for none
    verbs: tuple[VerbEntry, ...]
    patterns: tuple[VerbPattern, ...]
    origin: str


@dataclass(frozen=True, slots=True)
class DiscardEntry:
    """A phrase whose presence discards the sentence (or, `story_level`, the story)."""

    words: tuple[Word, ...]
    story_level: bool
    origin: str


@dataclass(frozen=True, slots=True)
class DictionarySet:
    """Everything the coder needs, parsed. Build indexes from it with `eventwire.coding.actors`/`verbs`."""

    name: str
    actors: tuple[ActorEntry, ...] = ()
    agents: tuple[AgentEntry, ...] = ()
    verbs: tuple[VerbBlock, ...] = ()
    synsets: dict[str, tuple[tuple[Word, ...], ...]] = field(default_factory=dict)
    discards: tuple[DiscardEntry, ...] = ()
    # substitution sets of the agents file, e.g. "!PERSON!" -> ("MAN", "MEN", ...)
    substitutions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()  # file names the set was read from, for credit
