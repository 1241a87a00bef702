"""Mentions -> actor codes.

Two steps:
1. `ActorIndex.scan(tokens)` finds dictionary hits (named actors and generic
   agents) over the token sequence of a sentence, longest match first.
2. `noun_phrase_actors(head, hits, day)` turns the noun phrase headed by
   `head` into zero or more `CodedActor`s: conjuncts give one actor each
   ("France and Germany"), a country or organisation combines with generic
   agents ("Iraqi Prime Minister" -> IRQ + GOV), a named person keeps the
   person's own date-valid code (al-Maliki -> IRQGOV on 2008-04-17).

Tokens are spaCy tokens, but only `.text`, `.lemma_`, `.tag_`, `.i`, `.dep_`,
`.head`, `.children`, `.idx` are used, so unit tests can build Docs by hand.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from spacy.tokens import Doc, Token

from eventwire.dictionaries.model import ActorEntry, AgentEntry, DatedCode, DictionarySet, Word

# Left-side dependents that belong to a noun phrase ("Iraqi", "Prime Minister", "Iraq's").
NP_LEFT_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "npadvmod", "case"})
# Prepositions whose object names the actor's country: "soldiers from Gondor", "ambassadors of Arnor".
NP_OF_PREPS = frozenset({"of", "from", "in"})
# Heads whose "of" phrase names whom they stand against, not whose they are: "critics of Iran" are
# not Iran. (Not "victims": "victims of the Sabah earthquake" are Malaysia's.)
RELATION_NOUNS = frozenset({"critic", "opponent", "enemy", "foe", "rival", "adversary", "detractor"})
# Nouns for people as a group that no agent names, so an agent modifying them says who they are
# ("Muslim hackers", "military hardliners"). Not "group", "crowd", "family", "supporters": a
# "militant group" or a "crowd of protesters" is named by its apposition or counted noun, "families
# of soldiers" are no soldiers; not "leaders", whose modifier is often no party ("protest leaders").
GROUP_NOUNS = frozenset({
    "people", "man", "woman", "men", "women", "youth", "hacker", "pilgrim", "worshipper", "worshiper", "believer",
    "elder", "hardliner", "figure", "delegation", "delegate", "faction", "leadership", "volunteer",
})
# ... and nouns whose "of" phrase says whom they lead or belong to: "leaders of the opposition coalition".
OF_GROUP_NOUNS = frozenset({"leader", "member", "delegation", "faction", "leadership"})
# Nouns for people who speak for an organisation: "a Taliban spokesman" is the Taliban, not media.
SPEAKER_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespersons", "spokespeople"}
)
_PREFIX_KEY = 3


@dataclass(frozen=True, slots=True)
class Hit:
    """A dictionary entry matched over tokens [start, end) of the doc."""

    start: int
    end: int
    kind: Literal["actor", "agent"]
    origin: str
    codes: tuple[DatedCode, ...] = ()  # actors
    agent_code: str = ""  # agents
    agent_position: Literal["suffix", "prefix"] = "suffix"


@dataclass(frozen=True, slots=True)
class CodedActor:
    code: str
    start_token: int
    end_token: int  # exclusive
    start: int  # char offsets into the doc text
    end: int
    text: str
    origins: tuple[str, ...]
    is_person: bool = False


def token_keys(tok: Token) -> tuple[str, ...]:
    """Upper-case forms a token may match as: its text, its lemma, and a de-pluralised form."""
    text = tok.text.upper()
    lemma = tok.lemma_.upper() if tok.lemma_ else text
    keys = [text]
    if lemma != text and lemma:
        keys.append(lemma)
    if tok.tag_ in ("NNS", "NNPS") and text.endswith("S") and len(text) > 3:
        keys.append(text[:-1])
    return tuple(keys)


def word_matches(word: Word, keys: Sequence[str]) -> bool:
    if word.stem:
        return any(k.startswith(word.text) for k in keys)
    return word.text in keys


class PhraseIndex:
    """Phrases indexed by their first word: exact first words in a dict, stems by a short prefix."""

    def __init__(self) -> None:
        self.root = _Node()
        # Phrases not in the trie yet, by the root key they start under (a first word, or a stem's
        # prefix): a branch is built the first time a token could start it, so start-up builds none
        # of the 40,000 names a run never meets. A branch holds all its phrases in their order of
        # `add`, so the trie ends up as if built at once.
        self._pending_exact: dict[str, list[tuple[tuple[Word, ...], object]]] = {}
        self._pending_stems: dict[str, list[tuple[tuple[Word, ...], object]]] = {}
        self._lock = threading.Lock()

    def add(self, words: tuple[Word, ...], payload: object) -> None:
        if not words:
            return
        first = words[0]
        if first.stem:
            self._pending_stems.setdefault(first.text[:_PREFIX_KEY], []).append((words, payload))
        else:
            self._pending_exact.setdefault(first.text, []).append((words, payload))

    def _build_branches(self, key: str) -> None:
        """Put the pending phrases that a token with the key `key` could start into the trie. Each
        branch is built apart and then attached in one step, so another thread never walks half of one."""
        prefix = key[:_PREFIX_KEY]
        with self._lock:
            exact = self._pending_exact.get(key)
            stems = self._pending_stems.get(prefix)
            branch = _Node()
            for words, payload in exact or ():
                _insert(branch, words, payload)
            for words, payload in stems or ():
                _insert(branch, words, payload)
            # attached before they leave the pending lists: a reader sees one or the other
            if exact:
                self.root.exact[key] = branch.exact[key]
                del self._pending_exact[key]
            if stems:
                self.root.stems[prefix] = branch.stems[prefix]
                del self._pending_stems[prefix]

    def freeze(self) -> None:
        """Kept for symmetry with the build step; the trie needs no finishing."""

    @property
    def empty(self) -> bool:
        return not (self.root.exact or self.root.stems or self._pending_exact or self._pending_stems)

    def occurs_in(self, keys_seq: Sequence[Sequence[str]]) -> bool:
        """Whether any phrase starts at any position (the first-word test inlined: most tokens start
        none, and this runs over every token of every sentence for the discards)."""
        exact, stems = self.root.exact, self.root.stems
        pending_exact, pending_stems = self._pending_exact, self._pending_stems
        n = len(keys_seq)
        for i, keys in enumerate(keys_seq):
            for k in keys:
                p = k[:_PREFIX_KEY]
                if k in exact or p in stems or k in pending_exact or p in pending_stems:
                    if self.longest_at(keys_seq, i, n) is not None:
                        return True
                    break
        return False

    def longest_at(self, keys_seq: Sequence[Sequence[str]], i: int, limit: int) -> tuple[int, object] | None:
        """Longest phrase starting at position i; returns (length, payload)."""
        # Most tokens start no phrase: answer them without the search below (the root has no ends).
        if i >= limit:
            return None
        exact, stems = self.root.exact, self.root.stems
        pending_exact, pending_stems = self._pending_exact, self._pending_stems
        if pending_exact or pending_stems:  # every key's branch, before the search below walks any
            for k in keys_seq[i]:
                if k in pending_exact or k[:_PREFIX_KEY] in pending_stems:
                    self._build_branches(k)
        for k in keys_seq[i]:
            if k in exact or k[:_PREFIX_KEY] in stems:
                break
        else:
            return None
        best: tuple[tuple[int, int, int], object] | None = None
        stack: list[tuple[_Node, int]] = [(self.root, i)]
        while stack:
            node, j = stack.pop()
            if node.ends and j > i:
                rank, payload = max(node.ends, key=lambda e: e[0])
                full = (j - i, *rank)
                if best is None or full > best[0]:
                    best = (full, payload)
            if j >= limit:
                continue
            keys = keys_seq[j]
            seen: set[int] = set()
            for k in keys:
                nxt = node.exact.get(k)
                if nxt is not None and id(nxt) not in seen:
                    seen.add(id(nxt))
                    stack.append((nxt, j + 1))
                for stem, nxt in node.stems.get(k[:_PREFIX_KEY], ()):
                    if id(nxt) not in seen and k.startswith(stem):
                        seen.add(id(nxt))
                        stack.append((nxt, j + 1))
        return (best[0][0], best[1]) if best is not None else None


def _insert(root: _Node, words: tuple[Word, ...], payload: object) -> None:
    node = root
    for w in words:
        node = node.child(w)
    # more exact words, then longer stems: "KUWAIT" beats the stem "KU" at equal length
    node.ends.append(((sum(not w.stem for w in words), sum(len(w.text) for w in words)), payload))


class _Node:
    """A trie node: exact next words, stems (prefix-matched) indexed by their first letters,
    and the entries that end here with their rank."""

    __slots__ = ("exact", "stems", "ends")

    def __init__(self) -> None:
        self.exact: dict[str, _Node] = {}
        self.stems: dict[str, list[tuple[str, _Node]]] = defaultdict(list)
        self.ends: list[tuple[tuple[int, int], object]] = []

    def child(self, w: Word) -> "_Node":
        if not w.stem:
            return self.exact.setdefault(w.text, _Node())
        bucket = self.stems[w.text[:_PREFIX_KEY]]
        for stem, node in bucket:
            if stem == w.text:
                return node
        node = _Node()
        bucket.append((w.text, node))
        return node


class ActorIndex:
    """Named actors and generic agents of a DictionarySet, ready to scan sentences."""

    def __init__(self, ds: DictionarySet) -> None:
        self.actors = PhraseIndex()
        self.agents = PhraseIndex()
        bracketed = []
        for entry in ds.actors:
            if entry.codes:  # a name with no code codes nothing, and must not hide an entry that codes it
                self.actors.add(entry.words, entry)
                if entry.words[-1].text == ")":
                    bracketed.append(entry)
        # after every written name, so that a name written as such wins over a derived one
        self._acronyms: set[int] = set()  # derived acronym entries: they match a word in capitals only
        for entry in bracketed:
            for words in acronym_forms(entry.words):
                derived = replace(entry, words=words)
                if len(words) == 1:
                    self._acronyms.add(id(derived))
                self.actors.add(words, derived)
        for agent in ds.agents:
            # Agents match whole words (PETRARCH2 generates their plurals; the reader did too):
            # as a prefix, "PRISON" would make every "prisoner" a prison guard.
            self.agents.add(tuple(Word(w.text) for w in agent.words), agent)
        self._no_plural = _no_plural_agents(ds.agents)
        self.actors.freeze()
        self.agents.freeze()
        self._entries = ds.actors

    @cached_property
    def surnames(self) -> dict[str, ActorEntry]:
        """`unique_surnames` of the dictionaries, worked out when a bare name is first looked up (a
        pass over every actor: not a cost of start-up)."""
        return unique_surnames(self._entries)

    def surname(self, word: str) -> ActorEntry | None:
        """The dictionary person whose surname `word` is, when no other entry ends or goes on with it."""
        return self.surnames.get(word.upper())

    def scan(self, tokens: Sequence[Token], keys: Sequence[tuple[str, ...]] | None = None) -> list[Hit]:
        """Non-overlapping hits, left to right, longest first; a named actor beats an agent of equal length.
        `keys`, when given, are the tokens' token_keys (the coder computes them once per Doc)."""
        if keys is None:
            keys = [token_keys(t) for t in tokens]
        hits: list[Hit] = []
        i, n = 0, len(tokens)
        base = tokens[0].i if tokens else 0
        while i < n:
            if tokens[i].is_punct and tokens[i].text != "-" or tokens[i].is_space:
                i += 1
                continue
            actor = self.actors.longest_at(keys, i, n)
            agent = self.agents.longest_at(keys, i, n)
            if agent and id(agent[1]) in self._no_plural and _regular_plural_of(agent[1], tokens[i + agent[0] - 1]):
                agent = None
            if actor and not (_stems_fit(actor[1], tokens, i) and _short_name_fits(actor[0], tokens[i])
                              and (id(actor[1]) not in self._acronyms or tokens[i].text.isupper())):
                actor = None  # "plans" is no "PLA*", "ice" no "ICE": a name does not match a common word
            if actor and (not agent or actor[0] >= agent[0]):
                length, entry = actor
                assert isinstance(entry, ActorEntry)
                hits.append(Hit(base + i, base + i + length, "actor", entry.origin, codes=entry.codes))
                i += length
            elif agent:
                length, a = agent
                assert isinstance(a, AgentEntry)
                hits.append(
                    Hit(base + i, base + i + length, "agent", a.origin, agent_code=a.code, agent_position=a.position)
                )
                i += length
            else:
                i += 1
        return without_partial_names(tokens, without_water_names(tokens, without_stance_prefix(tokens, hits)))


#: CAMEO roles a person holds: a name whose codes name none ("TAL_AFAR" [IRQ <030320] [IRQOCC ...],
#: "BOSNIA_AND_HERZEGOVINA") is a place whose country changed, not a person
PERSON_SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM",
                          "CVL", "LEG", "ELI", "HLT", "REF", "AGR", "ENV", "HRI", "LAB", "REL", "UAF", "INS",
                          "IMG", "SEP", "DEV", "ACT"})


def _has_role(code: str) -> bool:
    return any(code[i:i + 3] in PERSON_SECTORS for i in range(3, len(code) - 2, 3))


def _no_plural_agents(agents: Sequence[AgentEntry]) -> set[int]:
    """ids of the agents written "POLICE {}": in a set read from PETRARCH files, where every line
    without braces has its regular plural beside it (same origin), a line that has a single entry
    asked for no plural, so "polices" (a misspelt "policies") must not match through its singular.
    A set built by hand, with no generated plurals, has no such entries."""
    per_line: dict[str, list[AgentEntry]] = defaultdict(list)
    for a in agents:
        per_line[a.origin].append(a)
    generated = any(len(es) == 2 and es[1].words[:-1] == es[0].words[:-1]
                    and es[1].words[-1].text.startswith(es[0].words[-1].text) for es in per_line.values())
    return {id(es[0]) for es in per_line.values() if len(es) == 1} if generated else set()


def _regular_plural_of(agent: object, tok: Token) -> bool:
    """`tok` is the regular plural ("-S", "-ES") of the agent phrase's last word."""
    assert isinstance(agent, AgentEntry)
    last, text = agent.words[-1].text, tok.text.upper()
    return text in (last + "S", last + "ES")


def acronym_forms(words: tuple[Word, ...]) -> list[tuple[Word, ...]]:
    """The forms news gives a name the dictionary writes with its acronym in brackets:
    "LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_" is also "Liberation Tigers of Tamil Eelam" and
    "LTTE". Only for an acronym made of the name's initials in order, starting with its first:
    "NATIONAL_LIBERATION_ARMY_(BOLIVIA)_" or "KOREA_(SOUTH)_" say which one, and stay as they are.
    The acronym alone matches a word written in capitals only (`ActorIndex.scan`)."""
    if len(words) < 4 or words[-3].text != "(" or words[-1].text != ")":
        return []
    name, acronym = words[:-3], words[-2].text
    if "(" in (w.text for w in name) or not (2 <= len(acronym) <= 6 and acronym.isalpha()):
        return []
    initials = [w.text[0] for w in name if w.text[:1].isalpha()]
    if not initials or acronym[0] != initials[0]:
        return []
    rest = iter(initials[1:])
    if not all(letter in rest for letter in acronym[1:]):  # a subsequence of the initials
        return []
    # "(AN)", "(JI)": too short to tell from a word, so only the name
    return [name, (Word(acronym),)] if len(acronym) >= 3 else [name]


def unique_surnames(entries: Sequence[ActorEntry]) -> dict[str, ActorEntry]:
    """Surnames that name one dictionary person: the last word of a name of two words or more
    whose codes are dated and name a role (offices held: the mark of a person in the Phoenix files;
    the last word may be a stem, "NARENDRA_MODI", matched whole), when every
    entry ending in that word has the same codes, and no entry uses the word elsewhere ("Kim" is
    a first word of many names; "Smith" ends twenty people's). "Kagame" -> PAUL_KAGAME."""
    by_last: dict[str, set[tuple[DatedCode, ...]]] = defaultdict(set)
    entry_of: dict[str, ActorEntry] = {}
    elsewhere: set[str] = set()
    for entry in entries:
        words = entry.words
        elsewhere.update(w.text for w in words[:-1])
        if len(words) == 1:
            elsewhere.add(words[0].text)
            continue
        last = words[-1]
        if len(last.text) < 3 or not last.text.isalpha() or not entry.codes:
            continue
        if not any(c.start or c.end for c in entry.codes) or not any(_has_role(c.code) for c in entry.codes):
            elsewhere.add(last.text)  # an organisation or place ends in it (a place's codes change with borders)
            continue
        by_last[last.text].add(entry.codes)
        entry_of.setdefault(last.text, entry)
    return {w: entry_of[w] for w, codes in by_last.items() if len(codes) == 1 and w not in elsewhere}


# Lower-case name particles that join the parts of a proper name ("Jaish al-Fateh", "Saif ul-Islam").
NAME_PARTICLES = frozenset({"al", "el", "ul", "ad", "ash", "as", "at", "az", "ud", "bin", "ibn", "bint", "abu", "ben"})


def _is_name_word(tok: Token) -> bool:
    return tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper()


# "anti-American protesters", "pro-government militias": the word after the prefix names what
# the group is for or against, not who they are (Phoenix's own ANTI_GOVERNMENT_* agents match
# from "anti" on, so they are not affected)
STANCE_PREFIXES = frozenset({"anti", "pro"})


def _glued_hyphen(tokens: Sequence[Token], j: int) -> bool:
    """tokens[j] is a hyphen with no space on either side ("anti-American", "al-Fateh")."""
    return 0 < j < len(tokens) and tokens[j].text == "-" and tokens[j - 1].whitespace_ == "" and tokens[j].whitespace_ == ""


# Words that make a proper name a body of water: "the Sea of Japan", "the Persian Gulf", "Lake
# Chad", "the Congo River" name no country, however the dictionary reads "Japan" or "Persian".
WATER_WORDS = frozenset({"sea", "gulf", "ocean", "strait", "straits", "bay", "river", "lake", "channel", "canal"})
# ... of which only these come first in a name ("Gulf Arab states" are Arab states)
NAME_FIRST_WATER_WORDS = frozenset({"lake", "river"})


def _water_word(tok: Token) -> bool:
    return tok.lower_ in WATER_WORDS and tok.text[:1].isupper()


def without_water_names(tokens: Sequence[Token], hits: list[Hit]) -> list[Hit]:
    """Drop actor hits inside the proper name of a sea, gulf, lake or river: before a capitalised
    water word ("South China Sea", "Indian Ocean", "Taiwan Strait"), after one ("Lake Chad",
    "River Jordan") or in its "of" phrase ("Gulf of Aden", "Sea of Japan")."""
    if not hits:
        return hits
    doc = tokens[0].doc

    def in_water_name(h: Hit) -> bool:
        if h.kind != "actor":
            return False
        after = doc[h.end] if h.end < len(doc) else None
        before = doc[h.start - 1] if h.start > 0 else None
        of_head = doc[h.start - 2] if h.start > 1 and before is not None and before.lower_ == "of" else None
        return ((after is not None and _water_word(after))
                or (before is not None and _water_word(before) and before.lower_ in NAME_FIRST_WATER_WORDS)
                or (of_head is not None and _water_word(of_head)))

    return [h for h in hits if not in_water_name(h)]


# "Serb-held parts of Bosnia", "Israeli-occupied territory": a name glued to these says who holds a
# place, which is not that actor (unlike "Hamas-run ministries" or "US-led forces")
HOLDING_PARTICIPLES = frozenset({"held", "occupied"})


def without_stance_prefix(tokens: Sequence[Token], hits: list[Hit]) -> list[Hit]:
    """Drop hits that follow a glued "anti-" or "pro-": "Anti-American protesters" are no Americans;
    and those glued to a following "-held" or "-occupied": "Serb-held areas" are no Serbs."""
    base = tokens[0].i if tokens else 0
    n = len(tokens)
    return [h for h in hits
            if not (_glued_hyphen(tokens, h.start - base - 1) and tokens[h.start - base - 2].lower_ in STANCE_PREFIXES)
            and not (h.end - base + 1 < n and _glued_hyphen(tokens, h.end - base)
                     and tokens[h.end - base + 1].lower_ in HOLDING_PARTICIPLES)]


def without_partial_names(tokens: Sequence[Token], hits: list[Hit]) -> list[Hit]:
    """Drop actor hits that are only part of a longer proper name the dictionaries do not know:
    "Fateh" in "Jaish al-Fateh" is not Fatah. The name goes on through a hyphen glued to the hit,
    to a capitalised proper noun no hit covers ("Fateh-Islam"), or through a name particle to one
    ("Jaish al-Fateh"); a person's name goes on after the hit ("Abdullah Ahmad Badawi").
    "Syria's al-Assad" and "Hamas-led" stay actors."""
    if not any(h.kind == "actor" for h in hits):
        return hits
    base = tokens[0].i
    covered = {i for h in hits for i in range(h.start - base, h.end - base)}
    n = len(tokens)

    def uncovered_name(j: int) -> bool:
        return 0 <= j < n and j not in covered and _is_name_word(tokens[j])

    def longer(h: Hit) -> bool:
        s, e = h.start - base, h.end - base
        if _glued_hyphen(tokens, s - 1):
            left = s - 2
            if uncovered_name(left) and left not in covered:
                if tokens[left].lower_ not in NAME_PARTICLES:
                    return True
            if 0 <= left < n and left not in covered and tokens[left].lower_ in NAME_PARTICLES and uncovered_name(left - 1):
                return True
        if _glued_hyphen(tokens, e) and uncovered_name(e + 1):
            return True
        # a person's name going on past the entry: "Abdullah Ahmad Badawi" is not the "Abdullah" of
        # the dictionary (names end in the surname, so a known first part says little)
        # ("Bosnian Serbs", tagged a person, is a nationality and a plural: no name goes on)
        # (an entry of two names or more, "Salva Kiir" in "Salva Kiir Mayardit", is that person)
        return (
            e - s == 1 and uncovered_name(e) and tokens[e].ent_type_ == "PERSON" and tokens[e].ent_iob_ == "I"
            and tokens[e - 1].ent_type_ == "PERSON" and tokens[e - 1].tag_ == "NNP" and tokens[e].tag_ == "NNP"
        )

    return [h for h in hits if h.kind != "actor" or not longer(h)]


def _stems_fit(entry: object, tokens: Sequence[Token], i: int) -> bool:
    """A stem word of a name ("PLA*", "PLO*", "GOA*") matches a longer word only when that word is
    capitalised, as a name or its derivative is ("PLA's", "Goans"): never "plans", "plot", "goal"."""
    if not isinstance(entry, ActorEntry):
        return True
    for j, w in enumerate(entry.words):
        if not w.stem or i + j >= len(tokens):
            continue
        text = tokens[i + j].text
        if text[:1].islower() and len(text) > len(w.text):
            return False
    return True


def _short_name_fits(length: int, tok: Token) -> bool:
    """A name of one short word (four letters or fewer: "ICE", "Fed", "Male", "Pole") matches only a
    word written with a capital: "ice", "fed", "male" and "pole" are common words, never the name."""
    text = tok.text
    return length > 1 or len(text) > 4 or not text.islower()


def resolve_code(codes: Sequence[DatedCode], day: dt.date | None) -> str | None:
    """The code in force on `day`: a dated role that covers the day wins over the undated default.

    None when the entry has roles but none is valid that day (the person held no coded
    office then), or when the entry is marked as a non-actor (`---`).
    """
    dated = [c for c in codes if (c.start or c.end) and c.valid_on(day)]
    if day is not None and dated:
        code = dated[0].code
    else:
        undated = [c for c in codes if not (c.start or c.end)]
        if undated:
            code = undated[0].code
        elif day is None and codes:
            code = codes[-1].code
        else:
            return None
    return None if code.startswith("---") else code


def combine(base: str, agents: Sequence[Hit]) -> str:
    """Country/organisation code plus generic agents: IRQ + ~GOV -> IRQGOV, IRQ + GOV~ -> GOVIRQ.

    An IGO's leaders are the IGO (NATO's secretary-general is IGOWSTNAT, not IGOWSTNATGOV),
    but its troops are not (UN troops: IGOUNOMIL); an agent already at the end is not repeated.
    """
    code = base
    for agent in agents:
        a = agent.agent_code
        if not a or (base.startswith("IGO") and a.startswith("GOV")):
            continue
        if agent.agent_position == "prefix":
            if not code.startswith(a):
                code = a + code
        elif not _has_sector(code, a):
            code = code + a
    return code


def _has_sector(code: str, agent: str) -> bool:
    """The agent's code is among the code's three-letter sectors already: "Federal Reserve officials"
    are USAGOVBUS, not USAGOVBUSGOV."""
    return any(code.startswith(agent, i) for i in range(3, len(code) - len(agent) + 1, 3))


def conjuncts(head: Token) -> list[Token]:
    """The head and every noun coordinated with it ("France and Germany" -> [France, Germany])."""
    out = [head]
    # "The US, Russia, and Switzerland": the parser often makes the list's second item an
    # apposition that carries the rest of the list as conjuncts. A name misparsed into pieces
    # ("Barack" ADP + "Obama" pobj) is one unit: look at the children of the whole entity.
    unit = entity_tokens(head) if head.ent_type_ == "PERSON" else [head]
    stack = [
        c
        for t in unit
        for c in t.children
        if c not in unit and (c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)
                                                  and not (head.ent_type_ == "PERSON" and _is_description(c))))
    ]
    while stack:
        t = stack.pop(0)
        if t.pos_ in ("VERB", "AUX"):
            continue
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return out + [t for t in _misparsed_list(head) if t not in out]


def _misparsed_list(head: Token) -> list[Token]:
    """"Fornost and the evil awful Gondor": with an adjective tagged a noun, the parser makes the
    list's first names modifiers of the last one's head. A conjunct with its own article ("the evil
    awful") cannot stand inside a noun phrase, so the names before it are members of a list."""
    out: list[Token] = []
    for m in (c for c in head.children if c.dep_ in ("nmod", "compound") and c.i < head.i and c.pos_ in ("PROPN", "NOUN")):
        chain, bridged, stack = [m], False, [m]
        while stack:
            for c in (c for c in stack.pop().children if c.dep_ == "conj" and c.i < head.i):
                if c.pos_ != "PROPN" and any(d.dep_ == "det" and d.lower_ in ("the", "a", "an") for d in c.children):
                    bridged = True  # the last member's own words, up to its head
                else:
                    chain.append(c)
                    stack.append(c)
        if bridged and any(c.dep_ == "cc" for t in chain for c in t.children):
            out += chain
    return out


def _is_description(appos: Token) -> bool:
    """"McChrystal, the top U.S. and NATO commander": an apposition with an article whose
    coordination ends in a common noun describes the head; a list of names goes on with names
    ("The US, Russia, and Switzerland"; "Mordor, the Shire, Fornost and Bree")."""
    return any(c.dep_ == "det" and c.i < appos.i and c.lower_ in ("the", "a", "an") for c in appos.children) and all(
        c.pos_ == "NOUN" for c in appos.children if c.dep_ == "conj")


def entity_tokens(tok: Token) -> list[Token]:
    """The named-entity span a token belongs to (just the token when it is in none)."""
    if not tok.ent_type_:
        return [tok]
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def np_tokens(head: Token) -> list[Token]:
    """Tokens of the noun phrase headed by `head`, without coordinated nouns or clauses."""
    keep: list[Token] = entity_tokens(head) if head.ent_type_ == "PERSON" else [head]
    for child in head.children:
        if child.i < head.i and child.dep_ in NP_LEFT_DEPS:
            keep.extend(child.subtree)
        elif child.dep_ == "prep" and child.i > head.i and (
            child.text.lower() in NP_OF_PREPS or (child.lower_ == "for" and head.lower_ in SPEAKER_NOUNS)
        ) and head.lemma_.lower() not in RELATION_NOUNS:  # "a spokesman for the alliance" speaks for the alliance
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    keep.extend(t for t in np_tokens(pobj))
        elif child.i > head.i and child.dep_ in ("compound", "flat", "nmod") and child.pos_ == "PROPN":
            keep.extend(child.subtree)
        elif (child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ == "PROPN"
              and child.left_edge.i == head.i + 1 and not child.left_edge.is_punct):
            # "US President Barack Obama on Sunday held talks": a time phrase after the name makes
            # the parser split the name off the title as an apposition with no comma between (not a
            # bracketed one: "Islamic State (ISIS)"; nor a name after a common noun: "the militant
            # group Hamas" is Hamas, read as below)
            keep.extend(t for t in child.subtree if t.i <= child.i)
    toks = _with_glued(sorted(set(keep), key=lambda t: t.i))
    if any(c.dep_ == "conj" for c in head.children):
        # "Police and soldiers in Kashmir": the place phrase the parser hangs on the first noun
        # spans its conjunct, which is an actor of its own, not one more agent of this one
        other = {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        toks = [t for t in toks if t.i not in other and not (t.is_punct and t.head.i == head.i and t.i > head.i)]
    return toks


def _with_glued(toks: list[Token]) -> list[Token]:
    """Add the tokens glued to the phrase without spaces ("al-Maliki" parsed as al / - / Maliki)."""
    if not toks:
        return toks
    doc = toks[0].doc
    lo, hi = toks[0].i, toks[-1].i
    while lo > 0 and doc[lo - 1].whitespace_ == "" and not doc[lo - 1].is_punct | (doc[lo - 1].text == "-"):
        lo -= 1
    while lo > 0 and doc[lo - 1].text == "-" and doc[lo - 1].whitespace_ == "" and lo > 1 and doc[lo - 2].whitespace_ == "":
        lo -= 2
    while hi + 1 < len(doc) and doc[hi].whitespace_ == "" and (doc[hi + 1].text == "-" or doc[hi].text == "-"):
        hi += 1
    extra = [doc[i] for i in range(lo, hi + 1)]
    return sorted(set(toks) | set(extra), key=lambda t: t.i)


def _in_hyphen_compound(doc: Doc, hit: Hit) -> bool:
    """"military-ruled Myanmar": an agent word inside a hyphenated modifier names no agent."""
    last = doc[hit.end - 1]
    return last.whitespace_ == "" and hit.end < len(doc) and doc[hit.end].text == "-"


def _hits_within(hits: Sequence[Hit], idxs: set[int]) -> list[Hit]:
    return [h for h in hits if idxs.issuperset(range(h.start, h.end))]  # one C call, not a generator per hit


def noun_phrase_actors(
    head: Token, hits: Sequence[Hit], day: dt.date | None, *, person_tokens: frozenset[int] = frozenset()
) -> list[CodedActor]:
    """Actors named by the noun phrase at `head`, one per conjunct."""
    out: list[CodedActor] = []
    shared = _place_list_agents(head, hits)
    trailing = _trailing_place(head)
    for h in conjuncts(head):
        found = _of_list_actors(h, hits, day, person_tokens) or _single_np_actors(h, hits, day, person_tokens)
        if trailing is not None and h.i != head.i and h.i < trailing.i and all(a.code.startswith("---") for a in found):
            found = _with_shared_place(h, trailing, hits, day, person_tokens) or found
        if shared is not None and h.i == shared[0] and found:
            # "Lawmakers in Fornost and Gondor": the parser hangs "Gondor" on "Lawmakers", but it
            # continues the place list, so the lawmakers' agent is Gondor's too (GONLEG)
            # "Lawmakers and officials in Fornost and Gondor": each agent of the list (GONLEG, GONGOV)
            found = [replace(a, code=combine(a.code, group), origins=a.origins + tuple(g.origin for g in group))
                     for a in found for group in shared[1]]
        if not found or all(is_titled_name(a) for a in found):
            # the apposition says more than a bare title: "Gen. Stanley McChrystal, the top U.S. commander"
            found = _apposition_actors(h, hits, day, person_tokens) or found
        for actor in found:
            # "FRO/BIL/SAM": one dictionary entry naming several actors
            for code in actor.code.split("/"):
                if code:
                    out.append(CodedActor(code, actor.start_token, actor.end_token, actor.start, actor.end,
                                          actor.text, actor.origins, actor.is_person))
    return out


def _trailing_place(head: Token) -> Token | None:
    """"Lawmakers and officials in Kenya": the "in"/"from"/"of" phrase the parser hangs on the first
    noun of a list of nouns, after the last one, so that it says where all of them are from."""
    first = min((c.i for c in head.children if c.dep_ == "conj"), default=None)
    if first is None:
        return None
    return next((c for c in head.children if c.dep_ == "prep" and c.lower_ in NP_OF_PREPS and c.i > first), None)


def _with_shared_place(
    member: Token, prep: Token, hits: Sequence[Hit], day: dt.date | None, person_tokens: frozenset[int]
) -> list[CodedActor]:
    """A list member that names no country and has no phrase of its own, with the list's trailing
    place phrase: each place of it (a place list gives one actor per place: FORGOV, GONGOV)."""
    if not any(h.kind == "agent" and h.start <= member.i < h.end for h in hits):
        return []
    if any(c.dep_ == "prep" for c in member.children):
        return []
    own = np_tokens(member)
    out = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        for place in conjuncts(pobj):
            toks = sorted(set(own) | {prep} | set(np_tokens(place)), key=lambda t: t.i)
            actor = _single_np_actor(member, hits, day, person_tokens, toks)
            if actor is not None and not actor.code.startswith("---"):
                out.append(actor)
    return out


def _place_list_agents(head: Token, hits: Sequence[Hit]) -> tuple[int, list[list[Hit]]] | None:
    """(conjunct index, agents of each listed noun) when an agent phrase's place list goes on as a
    conjunct of its head: "Lawmakers in Fornost and Gondor" -> (Gondor, [[LEG]]), "Lawmakers and
    officials in Fornost and Gondor" -> (Gondor, [[LEG], [GOV]]). The conjunct follows the place
    phrase's last word with only "and" or a comma between, names an actor and no agent of its own."""
    doc = head.doc
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "from", "of") and c.i > head.i):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is None or any(g.dep_ == "conj" for g in pobj.children):
            continue
        agents = [h for h in hits if h.kind == "agent" and h.start <= head.i < h.end]
        if not agents or not any(h.kind == "actor" and h.start <= pobj.i < h.end for h in hits):
            continue
        last = max(t.i for t in pobj.subtree)
        for conj in (c for c in head.children if c.dep_ == "conj" and c.i > last):
            between = doc[last + 1 : min(t.i for t in conj.subtree)]
            own = [h for h in hits if conj.left_edge.i <= h.start and h.end <= conj.right_edge.i + 1]
            if (all(t.dep_ in ("cc", "punct") for t in between) and len(between) >= 1
                    and any(h.kind == "actor" for h in own) and not any(h.kind == "agent" for h in own)):
                listed = [[h for h in hits if h.kind == "agent" and h.start <= c.i < h.end]
                          for c in head.children if c.dep_ == "conj" and head.i < c.i < prep.i]
                return conj.i, [agents] + [g for g in listed if g]
    return None


def _apposition_actors(
    head: Token, hits: Sequence[Hit], day: dt.date | None, person_tokens: frozenset[int]
) -> list[CodedActor]:
    """"Zabihullah Mujahid, the Taliban spokesman": a name the dictionaries do not know is
    the actor its apposition names, one per member of a described pair ("the top U.S. and NATO
    commander"). Not a list's next item ("The US, Russia, and Switzerland")."""
    for appos in (c for c in head.children if c.dep_ == "appos" and c.i > head.i):
        if any(g.dep_ == "conj" for g in appos.children) and not _is_description(appos):
            continue  # a list, not a description of the head
        if not _names_by_head(appos, hits):
            continue  # "Samaha, a close ally of Damascus" is not Syria
        found = noun_phrase_actors(appos, hits, day, person_tokens=person_tokens)
        if found:
            return [replace(a, origins=("rule:apposition",) + a.origins) for a in found]
    return []


# Heads of an apposition that make a person part of what their "of" phrase names ("the head of
# the security bureau"), unlike a relation to it ("an ally of Damascus", "a critic of the army").
LEADERSHIP_NOUNS = frozenset({"head", "chief", "leader", "director", "commander", "chairman", "chairwoman",
                              "secretary-general", "boss"})


def _names_by_head(appos: Token, hits: Sequence[Hit]) -> bool:
    """An apposition names an actor through its head ("the Taliban spokesman", "the president of
    the Red Cross") or a modifier of it ("an Afghan defence spokesperson"), not through a relation
    to another actor ("an ally of Damascus", "a critic of the government")."""
    doc = appos.doc
    if appos.lemma_.lower() in LEADERSHIP_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in appos.children):
        return True  # "the head of Syria's national security bureau": one who leads it is of it
    for head in (appos, *(c for c in appos.children if c.dep_ == "conj")):
        for h in hits:
            if h.start <= head.i < h.end:
                return True
            words = doc[h.start : h.end]
            # a modifier hit: left of the head and attached to it, directly or through a compound
            if h.kind == "actor" and h.end <= head.i and any(head.i in (t.head.i, t.head.head.i) for t in words):
                return True
    return False


def _of_list_actors(
    head: Token, hits: Sequence[Hit], day: dt.date | None, person_tokens: frozenset[int]
) -> list[CodedActor]:
    """"The foreign ministers of Turkey and Iran", "officials in Kenya and Uganda": an agent head
    whose `of`/`from`/`in` phrase is a list is one actor per member (TURGOV, IRNGOV), not the
    first member plus an agent. Empty otherwise."""
    # an agent ("ministers") or a plural noun ("the leaders of ..."), not "the border of X and Y"
    if head.tag_ != "NNS" and not any(h.kind == "agent" and h.start <= head.i < h.end for h in hits):
        return []
    if any(h.kind == "actor" and h.start <= head.i < h.end for h in hits):
        return []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from", "in") or prep.i < head.i:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            members = conjuncts(pobj)
            if len(members) < 2:
                continue
            first = {t.i for t in np_tokens(pobj)}
            base = [t for t in np_tokens(head) if t.i not in first]
            out = []
            for m in members:
                toks = sorted(set(base) | set(np_tokens(m)), key=lambda t: t.i)
                actor = _single_np_actor(head, hits, day, person_tokens, toks)
                if actor is not None:
                    out.append(actor)
            if len(out) >= 2:
                return out
    return []


def _single_np_actors(
    head: Token, hits: Sequence[Hit], day: dt.date | None, person_tokens: frozenset[int]
) -> list[CodedActor]:
    """Usually one actor; several when coordinated modifiers share the head ("US and British activists")."""
    toks = np_tokens(head)
    idxs = {t.i for t in toks}
    modifiers = [
        h for h in _hits_within(hits, idxs)
        if h.kind == "actor" and h.end <= head.i and resolve_code(h.codes, day)
    ]
    coordinated = any(t.dep_ == "cc" for t in toks if t.i < head.i)
    if coordinated and len(modifiers) >= 2 and not any(h.start <= head.i < h.end for h in hits if h.kind == "actor"):
        out = []
        for m in modifiers:
            others = [h for h in hits if h.kind != "actor" or h is m]
            actor = _single_np_actor(head, others, day, person_tokens, toks)
            if actor is not None:
                out.append(actor)
        return out
    actor = _single_np_actor(head, hits, day, person_tokens, toks)
    return [actor] if actor is not None else []


def _single_np_actor(
    head: Token, hits: Sequence[Hit], day: dt.date | None, person_tokens: frozenset[int], toks: list[Token]
) -> CodedActor | None:
    idxs = {t.i for t in toks}
    inside = _hits_within(hits, idxs)
    # a name that runs on past the phrase's words still names its head: "the National Union for the
    # Total Independence of Angola", "the Moro Islamic Liberation Front (MILF)"
    inside += [h for h in hits if h.kind == "actor" and h.start <= head.i < h.end and h.start in idxs and h not in inside]
    actors = [(h, resolve_code(h.codes, day)) for h in inside if h.kind == "actor"]
    actors = [(h, c) for h, c in actors if c]
    agents = [h for h in inside if h.kind == "agent"]
    agents, speaks_for = without_speaker_agent(head, agents, bool(actors))
    if speaks_for is None:
        return None  # a spokesman of no named organisation: the story context may know whose
    if not actors:
        # An agent with no country ("Insurgents", "Congress"): PETRARCH's "---" + agent code,
        # but only when the agent is the phrase's head, not a modifier of something else.
        heads = [a for a in agents if a.start <= head.i < a.end] or (agents[-1:] if speaks_for else [])
        if not heads and (head.lemma_.lower() in GROUP_NOUNS or head.lemma_.lower() in OF_GROUP_NOUNS):
            # "Muslim hackers", "leaders of the opposition coalition"
            heads = _group_agent(head, agents)
        title = _title_of_name(head, agents)
        if not heads and title is not None:
            # "President Trump", "Prime Minister Justin Trudeau": a titled person the dictionaries
            # do not know holds the title's office (PETRARCH codes the agent alone, ---GOV)
            # a former office holder is elite, as Phoenix codes FORMER_PRESIDENT [~ELI] (agents.txt:534)
            former = any(t.lower_ in FORMER_WORDS and t.i < title.start for t in toks)
            code = "---ELI" if former else combine("---", [title])
            return _actor_from(head, toks, title, code, [title], (TITLE_RULE,), True)
        if not heads:
            return None
        code = combine("---", agents)
        if heads[0].agent_code in ROOT_AGENTS and any(t.lower_ in INTERNATIONAL_WORDS and t.i < head.i for t in toks):
            # "international aid organisations" belong to no country: CAMEO's NGO, IGO, MNC and IMG
            # are root actors (cameo_actor_types: root_actor), so the type stands as the code
            return _actor_from(head, toks, heads[0], heads[0].agent_code, agents, (INTERNATIONAL_RULE,), False)
        return _actor_from(head, toks, heads[0], code, agents, (), False)
    # The actor covering the head is the phrase's own actor; otherwise the nearest modifier.
    covering = [(h, c) for h, c in actors if h.start <= head.i < h.end]
    if covering:
        primary, code = covering[0]
        named = _of_country(head, actors, primary, code)
        if named is not None:
            primary, code = named
            covering = []
    else:
        before = [(h, c) for h, c in actors if h.end <= head.i + 1]
        primary, code = (before[-1] if before else actors[0])
        # a name and its bracketed acronym are one mention: "the Asia-Pacific Economic Cooperation (APEC) forum"
        primary = next(h for h, c in (before or actors) if c == code)
    is_person = any(i in person_tokens for i in range(primary.start, primary.end))
    if not (covering and len(code) > 3):
        used = [a for a in agents if (a.end <= primary.start or a.start >= primary.end) and not _in_hyphen_compound(head.doc, a)]
        code = combine(code, used)
    return _actor_from(head, toks, primary, code, agents, (primary.origin,), is_person)


def _group_agent(head: Token, agents: Sequence[Hit]) -> list[Hit]:
    """The agent that says who a group of people is, for a head noun of people that is no agent:
    a modifier of a GROUP_NOUNS head ("Muslim hackers", "military hardliners") or the head of the
    "of" phrase of an OF_GROUP_NOUNS head ("leaders of the opposition coalition"). An agent modifying
    another noun names no actor ("military base", "the Muslim world")."""
    if any(c.dep_ == "appos" for c in head.children):
        return []  # "the militant group Hamas": the apposition names it
    mods = [a for a in agents if a.end <= head.i and head.doc[a.end - 1].head.i == head.i]
    if mods and head.lemma_.lower() in GROUP_NOUNS:
        return mods[-1:]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i > head.i:
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return [a for a in agents if a.start <= pobj.i < a.end]
    return []


def _of_country(head: Token, actors: Sequence[tuple[Hit, str]], primary: Hit, code: str) -> tuple[Hit, str] | None:
    """"King Hassan of Morocco": a one-word name the dictionaries give to someone of another country
    (Phoenix's "Hassan" is Jordan's) yields to the country its "of"/"from" phrase names. Only a
    person's name (dated offices: the mark of a person in Phoenix), not a group ("the Taliban of Pakistan")."""
    if primary.end - primary.start != 1 or head.pos_ != "PROPN" or not any(c.start or c.end for c in primary.codes):
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from") or prep.i < head.i:
            continue
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            for h, c in actors:
                if h.start <= pobj.i < h.end and len(c) == 3 and c != code[:3]:
                    return h, c
    return None


TITLE_RULE = "rule:title-of-name"
INTERNATIONAL_RULE = "rule:international-agent"
# Agent codes CAMEO also uses as a root actor, standing alone for an actor of no country.
ROOT_AGENTS = frozenset({"NGO", "IGO", "MNC", "IMG"})
INTERNATIONAL_WORDS = frozenset({"international", "foreign", "global", "transnational", "multinational"})
FORMER_WORDS = frozenset({"former", "ex", "ex-", "erstwhile"})


def is_titled_name(actor: CodedActor) -> bool:
    """An actor known only by the title before a name the dictionaries lack ("President Trump")."""
    return actor.origins[:1] == (TITLE_RULE,)


def _title_of_name(head: Token, agents: Sequence[Hit]) -> Hit | None:
    """The agent that titles a proper name at `head`: the agent ends right before the name's
    words, which run to the head, all proper nouns ("President Donald Trump"). None otherwise."""
    if head.tag_ != "NNP" or head.ent_type_ != "PERSON":
        return None
    doc = head.doc
    for agent in reversed(agents):  # the nearest title first
        if agent.end > head.i:
            continue
        between = doc[agent.end : head.i]
        # "activist pastor Evan Mawarire": more role nouns may stand between the agent and the name,
        # in the same chain of modifiers (the agent names the first role the dictionaries know)
        roles = 0
        while roles < len(between) and between[roles].tag_ == "NN" and between[roles].dep_ == "compound":
            roles += 1
        if all(t.tag_ == "NNP" and t.head.i in range(agent.start, head.i + 1) or t.is_punct and t.text in (".", "-")
               for t in between[roles:]) and doc[agent.end - 1].head.i > agent.end - 1:
            return agent
    return None


def without_speaker_agent(head: Token, agents: list[Hit], has_actor: bool) -> tuple[list[Hit], bool | None]:
    """A spokesman speaks for the organisation his phrase names ("Taliban spokesman", "Foreign
    Ministry spokesman", "spokesman for the alliance"): the speaker noun's own agent (Phoenix codes
    it MED, media) is dropped. Returns (agents, True) then; (agents, False) when the head is no
    speaker noun or a dictionary phrase codes it whole ("military spokesman"); (agents, None) for a
    spokesman of no named organisation."""
    if head.lower_ not in SPEAKER_NOUNS:
        return agents, False
    bare = [a for a in agents if a.start == head.i and a.end == head.i + 1]
    if not bare:
        return agents, False
    others = [a for a in agents if a not in bare]
    if not has_actor and not others:
        return agents, None
    return others, True


def _actor_from(
    head: Token, toks: list[Token], primary: Hit, code: str, agents: Sequence[Hit], origins: tuple[str, ...], is_person: bool
) -> CodedActor:
    doc = head.doc
    start_tok = min(t.i for t in toks)
    end_tok = max(t.i for t in toks) + 1
    # Report the words that carry the code: from the first hit to the head.
    first = min([primary.start] + [a.start for a in agents])
    last = max([primary.end, head.i + 1] + [a.end for a in agents])
    span = doc[max(first, start_tok) : min(last, end_tok)]
    origins = origins + tuple(a.origin for a in agents)
    return CodedActor(
        code=code,
        start_token=span.start,
        end_token=span.end,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        origins=origins,
        is_person=is_person,
    )
