"""What a story has said so far: who "he", "the alliance" and a quote's "we" refer to.

One `StoryContext` per story, fed sentence by sentence in reading order. It
never looks ahead, so a mention is only resolved to an actor named before it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from eventwire.actors import CodedActor

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SPEAKER_PRONOUNS = frozenset({"we", "i", "us", "me"})
IGO_NOUNS = frozenset({"alliance", "organization", "organisation", "bloc", "body"})


@dataclass
class StoryContext:
    last_person: CodedActor | None = None
    last_igo: CodedActor | None = None
    surnames: dict[str, CodedActor] = field(default_factory=dict)
    salience: Counter[str] = field(default_factory=Counter)
    texts: dict[str, str] = field(default_factory=dict)

    def remember(self, actor: CodedActor, person_words: tuple[str, ...] = ()) -> None:
        """Record an actor mentioned in the story (in reading order)."""
        country = actor.code[:3]
        self.salience[country if not actor.code.startswith("IGO") else actor.code] += 1
        self.texts.setdefault(actor.code, actor.text)
        if actor.code.startswith("IGO"):
            self.last_igo = actor
        if actor.is_person or person_words:
            self.last_person = actor
        for w in person_words:
            self.surnames[w.lower()] = actor

    def salient_other(self, codes: set[str]) -> str | None:
        """The story's most-mentioned actor (country level) that is none of `codes`."""
        taken = {c[:3] if not c.startswith("IGO") else c for c in codes}
        for code, count in self.salience.most_common():
            if code not in taken and count >= 2:
                return code
        return None
