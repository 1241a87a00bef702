"""What a story has said so far: who "he", "the alliance" and a quote's "we" refer to.

One `StoryContext` per story, fed sentence by sentence in reading order. It
never looks ahead, so a mention is only resolved to an actor named before it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from eventwire.coding.actors import SPEAKER_NOUNS, CodedActor
from eventwire.coding.story_country import StoryCountries
from eventwire.records import Place

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Object pronouns of a person: "arrested the minister and forced him to resign".
OBJECT_PRONOUNS = frozenset({"him", "her"})
SPEAKER_PRONOUNS = frozenset({"we", "i", "us", "me"})
# pronouns that may stand for the subject of the verb reporting their clause
CLAUSE_PRONOUNS = frozenset({"it", "they", "he", "she"})
NAMED_ORGANISATION_RULE = "context:named-organisation"
IGO_NOUNS = frozenset({"alliance", "organization", "organisation", "bloc", "body", "summit", "council"})


@dataclass
class StoryContext:
    last_person: CodedActor | None = None
    last_igo: CodedActor | None = None
    surnames: dict[str, CodedActor] = field(default_factory=dict)
    salience: Counter[str] = field(default_factory=Counter)
    first_mention: dict[str, CodedActor] = field(default_factory=dict)
    # mentions that may stand as an inferred target: actors named as participants (subjects,
    # objects), never places, instruments, datelines or headline fragments
    counterparts: Counter[str] = field(default_factory=Counter)
    first_counterpart: dict[str, CodedActor] = field(default_factory=dict)
    countries: StoryCountries = field(default_factory=StoryCountries)
    last_speaker: CodedActor | None = None  # the last spokesman named with his organisation
    # sites the story placed: "park" -> Istanbul for "Istanbul's Gezi Park" (see Coder.place_of)
    sites: dict[str, Place] = field(default_factory=dict)
    # common nouns that headed a phrase naming an actor: "United Nations inspectors" -> "inspector"
    described: dict[str, CodedActor] = field(default_factory=dict)
    # the last word of an organisation's proper name: "International Criminal Court" -> "court"
    name_heads: dict[str, CodedActor] = field(default_factory=dict)
    # people named, in reading order, and whether each was named as a subject
    persons: list[tuple[CodedActor, bool]] = field(default_factory=list)
    # who "she" and "he" have stood for: a person "she" referred to is not "he" later
    genders: dict[tuple[str, str], str] = field(default_factory=dict)

    def person_for(self, pronoun: str, subject: bool = False) -> CodedActor | None:
        """The latest person named that `pronoun` ("he", "she", "him", "her") can stand for: not one
        an earlier pronoun of the other gender stood for ("She threatened ... unless he lifted").
        A subject pronoun prefers the latest person named as a subject ("Bhutto called Musharraf a
        dictator. She threatened ...")."""
        gender = "f" if pronoun.lower() in ("she", "her") else "m"
        recent = self.persons[-12:]
        ordered = [a for a, was_subject in reversed(recent) if was_subject] if subject else []
        for actor in ordered + [a for a, _ in reversed(recent)]:
            if self.genders.get(_person_key(actor), gender) == gender:
                self.genders[_person_key(actor)] = gender
                return actor
        return None

    # where each person last acted, named in the text: person key -> (sentence index, place)
    person_places: dict[tuple[str, str], tuple[int, Place]] = field(default_factory=dict)

    def note_place(self, sentence: int, sources: Sequence[CodedActor], place: Place, holds: bool = False) -> None:
        """`holds`: the sources detained or abducted someone there, and may free them there."""
        for s in sources:
            if s.is_person or holds:
                self.person_places[_place_key(s)] = (sentence, place)

    def continued_place(self, sentence: int, sources: Sequence[CodedActor]) -> Place | None:
        """The place a person acted in, in the sentence before, for a pronoun that goes on about
        that person ("Bhutto, speaking in Karachi, called ... She threatened ..."); else None."""
        for s in sources:
            found = self.person_places.get(_place_key(s))
            if found is not None and found[0] == sentence - 1:
                return replace(found[1], source="story")
        return None

    # (sentence index, source, target, code) of the events coded so far, in reading order
    deeds: list[tuple[int, CodedActor, CodedActor, str]] = field(default_factory=list)

    def note_event(self, sentence: int, source: CodedActor, target: CodedActor | None, code: str) -> None:
        if target is not None:
            self.deeds.append((sentence, source, target, code))

    def captor(self, sentence: int, released: frozenset[str] | set[str] = frozenset()) -> tuple[CodedActor, CodedActor] | None:
        """Who held the people "released" in an agentless passive: the (source, target) of the
        latest detention or abduction (CAMEO 17x, 18x) in this sentence or the one before, or
        release (08x) in the one before ("detained two men ..., but both were released"; "the FARC
        freed four lawmakers. The hostages were released"). With `released` (the passive subject's codes), the earlier
        event must have had a target of one of their countries."""
        for index, source, target, code in reversed(self.deeds):
            if index < sentence - 1:
                break
            # a release in the sentence before may be restated; one in the same sentence is another event
            roots = ("17", "18", "08") if index < sentence else ("17", "18")
            # "freed four Colombian lawmakers ... The hostages were released": the same country's
            # people named again by what they were (COLLEG, then COLCVL)
            if code[:2] in roots and (not released or target.code[:3] in {r[:3] for r in released}):
                return source, target
        return None

    def remember(self, actor: CodedActor, person_words: tuple[str, ...] = (), subject: bool = False) -> None:
        """Record an actor mentioned in the story (in reading order)."""
        key = _level(actor.code)
        self.countries.note(actor.code, actor.origins)
        self.salience[key] += 1
        self.first_mention.setdefault(key, actor)
        if actor.code.startswith("IGO"):
            self.last_igo = actor
        if actor.text.split()[-1:] and actor.text.split()[-1].lower() in SPEAKER_NOUNS:
            self.last_speaker = actor
        if actor.is_person or person_words:
            self.last_person = actor
            self.persons.append((actor, subject))
        # the last word of a name is the surname in most names; an earlier word may be ("Roh
        # Moo-hyun" is "Roh" later): it stands for the person unless another already holds it
        for w in person_words[:-1]:
            self.surnames.setdefault(w.lower(), actor)
        for w in person_words[-1:]:
            self.surnames[w.lower()] = actor

    def note_counterpart(self, actor: CodedActor) -> None:
        """Count a participant mention (country level) as a possible inferred target."""
        key = _level(actor.code)
        if not key.startswith("---"):
            self.counterparts[key] += 1
            self.first_counterpart.setdefault(key, actor)

    def sole_counterpart(self, codes: set[str]) -> CodedActor | None:
        """The story's one unambiguous counterpart of `codes`: the only other country-level actor
        named as a participant at least twice so far, and at least twice as often as any other
        (NATO 8 times against the United States twice is unambiguous; 3 against 2 is not)."""
        taken = {_level(c) for c in codes}
        ranked = sorted(((n, k) for k, n in self.counterparts.items() if k not in taken), reverse=True)
        if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[0][0] < 2 * ranked[1][0]):
            return None
        key = ranked[0][1]
        first = self.first_counterpart[key]
        return CodedActor(key, first.start_token, first.end_token, first.start, first.end, first.text,
                          ("context:salient-target",) + first.origins)

    def salient_pair(self, codes: frozenset[str] | set[str] = frozenset()) -> tuple[CodedActor, CodedActor] | None:
        """The story's two main parties so far, for "the two leaders" / "both sides": the two
        country-level actors named most often as participants, none of `codes`, when both are
        ahead of any third (2, 2 against 1 is a pair; 3, 1, 1 is not)."""
        taken = {_level(c) for c in codes}
        ranked = sorted(((n, k) for k, n in self.counterparts.items() if k not in taken), key=lambda p: -p[0])
        if len(ranked) < 2 or (len(ranked) > 2 and ranked[1][0] <= ranked[2][0]):
            return None
        first, second = (self.first_counterpart[k] for _, k in ranked[:2])
        return first, second

    def salient_other(self, codes: set[str]) -> CodedActor | None:
        """The story's most-mentioned actor (country level, at least twice) that is none of `codes`,
        as first mentioned (so its offsets point at a real mention)."""
        taken = {_level(c) for c in codes}
        for key, count in self.salience.most_common():
            if key not in taken and count >= 2:
                first = self.first_mention[key]
                return CodedActor(key, first.start_token, first.end_token, first.start, first.end, first.text,
                                  ("context:salient-target",) + first.origins)
        return None


def named_organisation(ctx: StoryContext, actor: CodedActor, head_lemma: str) -> CodedActor | None:
    """The organisation a definite agent-only phrase refers back to: "the court" after "the
    International Criminal Court", when the earlier name ends in the phrase's head noun and its
    code holds the phrase's agent (IGOJUDICC holds JUD). The story's country would make "the
    court" a national court of wherever the story is."""
    agent = actor.code[3:6]
    earlier = ctx.name_heads.get(head_lemma)
    if not agent or earlier is None or agent not in earlier.code[3:]:
        return None
    return replace(actor, code=earlier.code, origins=(NAMED_ORGANISATION_RULE,) + earlier.origins + actor.origins)


def _person_key(actor: CodedActor) -> tuple[str, str]:
    """One person however named: the code and the dictionary line behind it."""
    lines = [o for o in actor.origins if not o.startswith("context:")]
    return actor.code, lines[0] if lines else actor.text


def _place_key(actor: CodedActor) -> tuple[str, str]:
    """One person however referred to ("Roh", "he", "the two leaders"): the country part of the
    code and the dictionary line behind it."""
    code, line = _person_key(actor)
    return code[:3], line


def _level(code: str) -> str:
    """Country-level key of a code; IGOs keep their full code (IGOWSTNAT is not IGO)."""
    return code if code.startswith("IGO") else code[:3]
