"""CAMEO verb patterns compiled onto the dependency parse.

`VerbIndex(ds)` indexes every verb of every block by its base word (and by
its explicit irregular forms). `VerbIndex.match(verb, left, right)` finds the
verb's block and the most specific pattern whose words appear, in order,
among the tokens before (`- WORDS * ...`) and after (`- * WORDS`) the verb.
Gaps between pattern words are allowed (as in TABARI) up to `MAX_GAP` tokens,
except where an underscore joins two words.

The result says which dictionary line fired (`origin`), the CAMEO code(s),
and where a `$`/`+` slot placed the source or target.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.coding.actors import token_keys, word_matches
from eventwire.dictionaries.model import DictionarySet, PatternElement, VerbBlock, VerbEntry, VerbPattern, Word

# a matched pattern's (source, target, negated, compound) slots, and (score, pattern, slots)
_Found = tuple[int | None, int | None, bool, int | None]
_Best = tuple[tuple[int, int, int], VerbPattern, _Found]

MAX_GAP = 6
NEGATIONS = frozenset({"NOT", "N'T", "NEVER", "NO"})
# CAMEO appeals (02x) and demands (10x): codes for asking someone else to act
REQUEST_ROOTS = frozenset({"02", "10"})


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """Which entry fired for a verb token, and the code(s) it gives."""

    block: str
    code: str  # primary CAMEO code, source -> target
    reverse_code: str | None  # `[a:b]`: b is coded target -> source
    origin: str  # file:line of the pattern, or of the verb line when no pattern matched
    pattern: VerbPattern | None
    particle: int | None  # token index of a multi-word verb's second word
    source_at: int | None  # token index where a `$` slot found an actor
    target_at: int | None
    negation_in_pattern: bool
    # set (with code "") when the block's bare code was the only match and the verb's own
    # arguments contradict it: "fallback-contradicted: ..." (the event is dropped, visibly)
    dropped: str | None = None
    # token index where a `%` slot before the verb found a compound actor ("- % * [030:030]"):
    # PETRARCH-1 codes its members as acting on each other ("Gondor and Osgiliath agree that ...")
    compound_at: int | None = None
    # `[:b]`: the pattern codes only the target's act on the source ("received an invitation from
    # X" is X's 026 to the subject, "appeared before the court" the court's 173): `code` is b, and
    # the event runs from the target found to the subject
    reverse_only: bool = False


def split_code(raw: str) -> tuple[str | None, str | None]:
    """`"050"` -> ("050", None); `"042:043"` -> ("042", "043"); `":173"` -> (None, "173");
    `"---"` -> (None, None)."""
    if ":" in raw:
        a, b = raw.split(":", 1)
        return (None if not a or a.startswith("---") else a, None if not b or b.startswith("---") else b)
    return (None if raw.startswith("---") else raw, None)


class VerbIndex:
    def __init__(self, ds: DictionarySet) -> None:
        self.by_word: dict[str, list[tuple[VerbEntry, VerbBlock]]] = defaultdict(list)
        self.synsets = ds.synsets
        # Synonym-set phrases by first word, so a position is only tried against phrases that can start there.
        self._synset_first: dict[str, dict[str, list[tuple[Word, ...]]]] = {}
        self._synset_stems: dict[str, list[tuple[Word, ...]]] = {}
        for name, phrases in ds.synsets.items():
            by_first: dict[str, list[tuple[Word, ...]]] = defaultdict(list)
            for phrase in phrases:
                if phrase and phrase[0].stem:
                    self._synset_stems.setdefault(name, []).append(phrase)
                elif phrase:
                    by_first[phrase[0].text].append(phrase)
            self._synset_first[name] = dict(by_first)
        # Per pattern: the word sets one of which must occur in the clause for it to match at all;
        # checking them first skips almost every pattern in a few set look-ups.
        self._needs: dict[int, tuple[frozenset[str], ...]] = {}
        self._firsts: dict[str, frozenset[str] | None] = {}  # per synonym set (`_synset_firsts`)
        self._order: dict[int, int] = {}  # a pattern's place in its block: file order breaks ties
        # Per block: anchor word -> patterns needing it (each pattern filed under its first
        # requirement), plus the patterns that need no particular word.
        self._anchored: dict[str, dict[str, list[VerbPattern]]] = {}
        self._unanchored: dict[str, list[VerbPattern]] = {}
        for block in _merge_same_name(ds.verbs):
            anchored: dict[str, list[VerbPattern]] = defaultdict(list)
            unanchored: list[VerbPattern] = []
            for n, pattern in enumerate(block.patterns):
                self._order[id(pattern)] = n
                if not _is_code(pattern.code):
                    continue  # test markers such as [+++] or [###] are not CAMEO codes
                needs = self._needs[id(pattern)] = self._requirements(pattern)
                if needs:
                    for word in needs[0]:
                        anchored[word].append(pattern)
                else:
                    unanchored.append(pattern)
            self._anchored[block.name] = dict(anchored)
            self._unanchored[block.name] = unanchored
            for verb in block.verbs:
                keys = {verb.words[0]} | {form[0] for form in verb.forms if form}
                for key in keys:
                    self.by_word[key].append((verb, block))
        for key in self.by_word:
            # Multi-word verbs ("ASK FOR") first: they are more specific.
            self.by_word[key].sort(key=lambda vb: -len(vb[0].words))

    def _requirements(self, pattern: VerbPattern) -> tuple[frozenset[str], ...]:
        needs: list[frozenset[str]] = []
        for e in pattern.before + pattern.after:
            if e.kind in ("word", "prep") and not e.stem:
                needs.append(frozenset({e.text}))
            elif e.kind == "synset":
                firsts = self._synset_firsts(e.text)
                if firsts is not None:
                    needs.append(firsts)
        return tuple(needs)

    def _synset_firsts(self, name: str) -> frozenset[str] | None:
        """The first words of a synonym set's phrases (None: some phrase starts with a stem, or none
        is given), once per set: thousands of patterns name the same few sets."""
        if name not in self._firsts:
            firsts = [ph[0] for ph in self.synsets.get(name, ()) if ph]
            self._firsts[name] = frozenset(w.text for w in firsts) if firsts and not any(w.stem for w in firsts) else None
        return self._firsts[name]

    def lookup(
        self, verb: Token, doc_keys: Sequence[tuple[str, ...]] | None = None
    ) -> list[tuple[VerbEntry, VerbBlock, int | None]]:
        """Entries for this verb token; a multi-word verb needs its particle/preposition as a child.
        `doc_keys`, when given, are the token_keys of every token of the verb's Doc."""
        out: list[tuple[VerbEntry, VerbBlock, int | None]] = []
        seen: set[int] = set()
        keys = doc_keys[verb.i] if doc_keys is not None else token_keys(verb)
        # The lemmatizer errs on some verbs ("staged" -> "stag"): also try regular English bases.
        keys = keys + tuple(b for b in verb_bases(keys[0]) if b not in keys and b in self.by_word)
        for key in keys:
            for entry, block in self.by_word.get(key, ()):
                if id(entry) in seen:
                    continue
                seen.add(id(entry))
                if len(entry.words) == 1:
                    out.append((entry, block, None))
                    continue
                particle = _find_particle(verb, entry.words[1:])
                if particle is not None:
                    out.append((entry, block, particle))
        out.sort(key=lambda e: -len(e[0].words))
        return out

    def match(
        self,
        verb: Token,
        left: Sequence[Token],
        right: Sequence[Token],
        actor_starts: dict[int, int],
        doc_keys: Sequence[tuple[str, ...]] | None = None,
    ) -> VerbMatch | None:
        """Best pattern for `verb` given the tokens left and right of it in its clause.

        `actor_starts` maps the token index where an actor hit starts to where it ends,
        so `$`/`+` slots can find actors. `doc_keys`, when given, are the token_keys of every token
        of the verb's Doc (the coder computes them once per Doc).
        """
        entries = self.lookup(verb, doc_keys)
        if not entries:
            return None
        entry, block, particle = entries[0]
        best: _Best | None = None
        grouped: list[tuple[VerbPattern, _Found]] = []
        predicate = naming_predicate(verb)
        if predicate is not None:
            # "called the move unacceptable": the predicate, not the object, decides the sense
            right = [t for t in predicate.subtree if t.i > verb.i and not t.is_space]
        surface = {t.text.upper() for t in left} | {t.text.upper() for t in right}
        keys = {t.i: _keys_with_hyphen(t, doc_keys) for t in left}
        keys.update((t.i, _keys_with_hyphen(t, doc_keys)) for t in right)
        present = {k for ks in keys.values() for k in ks}
        anchored = self._anchored.get(block.name, {})
        candidates = {id(p): p for w in present for p in anchored.get(w, ())}
        candidates.update((id(p), p) for p in self._unanchored.get(block.name, ()))
        own = _own_infinitive(verb)
        right_requested = [t for t in right if t.i != own.i] if own is not None else right
        for pattern in sorted(candidates.values(), key=lambda p: self._order[id(p)]):
            if not all(need & present for need in self._needs.get(id(pattern), ())):
                continue
            # a request pattern's word names what is asked of someone else ("wants HELP", "urged
            # them to INVESTIGATE"), never the subject's own infinitive ("wants to help Israel")
            after = right_requested if pattern.code[:2] in REQUEST_ROOTS else right
            found = self._match_pattern(pattern, left, after, actor_starts, verb, keys)
            if found is None:
                continue
            elems = pattern.before + pattern.after
            # more pattern words first; then words matching the text as written ("SANCTIONS" over "SANCTION")
            score = (
                sum(1 for e in elems if e.kind in ("word", "synset", "prep")),
                sum(1 for e in elems if e.kind == "word" and e.text in surface),
                # identical patterns in one block: the one whose comment names this verb
                # ("- * &TREATY [057] # RATIFY" for "ratified", not APPROVE's [031:031])
                int(_comment_verb(pattern.comment) == "_".join(entry.words)),
            )
            if any(e.kind == "prep" for e in elems):
                grouped.append((pattern, found))
            # the same words twice in a block and no comment naming this verb: the later line wins,
            # as in PETRARCH2 (it files a block's patterns by their words, so a repeated pattern
            # overwrites the earlier); a comment naming the verb keeps deciding when there is one
            if best is None or score > best[0] or (score == best[0] and not score[2] and _same_words(pattern, best[1])):
                best = (score, pattern, found)
        if best is not None and grouped:
            best = _as_preposition_group(best, grouped, right, "_".join(entry.words))
        if best is not None:
            _, pattern, (src, tgt, neg, compound) = best
            code, rev = split_code(pattern.code)
            reverse_only = code is None and rev is not None
            if reverse_only:
                code, rev = rev, None
            dropped = self._object_contradiction(verb, pattern, code or "")
            if dropped is not None:
                return VerbMatch(block.name, "", None, pattern.origin, pattern, particle, None, None, False, dropped)
            return VerbMatch(block.name, code or "", rev, pattern.origin, pattern, particle, src, tgt, neg,
                             compound_at=compound, reverse_only=reverse_only)
        raw = entry.code or block.code
        code, rev = split_code(raw)
        dropped = fallback_contradiction(verb, code or "", predicate) if code else None
        if dropped is not None:
            return VerbMatch(block.name, "", None, entry.origin, None, particle, None, None, False, dropped)
        return VerbMatch(block.name, code or "", rev, entry.origin, None, particle, None, None, False)

    def _object_contradiction(self, verb: Token, pattern: VerbPattern, code: str) -> str | None:
        """A deed pattern whose word sits deeper in an information object ("released photographs
        of the PRISONERS") does not fit: the object noun itself decides."""
        if code[:2] not in PHYSICAL_ROOTS:
            return None
        dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if dobj is None or dobj.lemma_.lower() not in INFORMATION_NOUNS:
            return None
        keys = set(token_keys(dobj))
        for e in pattern.before + pattern.after:
            if e.kind in ("word", "prep") and e.text in keys:
                return None
            if e.kind == "synset" and any(w.text in keys for ph in self.synsets.get(e.text, ()) for w in ph):
                return None
        return "fallback-contradicted: information object"

    # -- pattern matching -------------------------------------------------

    def _match_pattern(
        self,
        pattern: VerbPattern,
        left: Sequence[Token],
        right: Sequence[Token],
        actor_starts: dict[int, int],
        verb: Token | None = None,
        keys: dict[int, tuple[str, ...]] | None = None,
    ) -> tuple[int | None, int | None, bool, int | None] | None:
        """(source slot, target slot, negation in the pattern, compound slot) or None."""
        slots: dict[str, int] = {}
        negation = False
        if pattern.after:
            r = self._match_sequence(pattern.after, right, actor_starts, slots, verb=verb, keys=keys)
            if r is None:
                return None
        if pattern.before:
            # Match the left side backwards from the verb: reverse both sequences.
            rev_elems = tuple(reversed(pattern.before))
            rev_elems = tuple(
                PatternElement(e.kind, e.text, e.stem, e.group, e.group_id, rev_elems[k + 1].joined if k + 1 < len(rev_elems) else False)
                for k, e in enumerate(rev_elems)
            )
            # "RECENTLY_*": a word tied to the verb must stand right before it
            r = self._match_sequence(rev_elems, list(reversed(left)), actor_starts, slots, backwards=True, keys=keys,
                                     next_to=verb.i if verb is not None and pattern.before[-1].joined else None)
            if r is None:
                return None
            negation = any(
                (e.kind == "word" and e.text in NEGATIONS) or (e.kind == "synset" and "NEG" in e.text)
                for e in pattern.before
            )
        return slots.get("source"), slots.get("target"), negation, slots.get("compound")

    def _match_sequence(
        self,
        elems: Sequence[PatternElement],
        toks: Sequence[Token],
        actor_starts: dict[int, int],
        slots: dict[str, int],
        backwards: bool = False,
        verb: Token | None = None,
        keys: dict[int, tuple[str, ...]] | None = None,
        next_to: int | None = None,
    ) -> int | None:
        """Where the sequence ends in `toks`, or None. `next_to`: the token index the first element
        must touch (a left-side word tied to the verb by "_")."""
        matched: set[int] = set()  # tokens matched so far, so a pattern's own preposition opens its phrase
        pos = 0
        must_be_adjacent = False
        first = True
        pp_scope: tuple[int, set[int]] | None = None  # (group id, token indices under the matched preposition)
        for e in elems:
            if e.kind in ("source", "target"):
                j = self._next_actor(toks, pos, actor_starts, backwards)
                if j is None:
                    return None
                # `%` (a compound actor): before the verb its members act on each other; after
                # it, it is the target ("- * WITH % [031]": agrees with X and Y)
                slot = ("compound" if backwards else "target") if e.text == "%" else e.kind
                slots[slot] = toks[j].i
                pos = j + 1
                must_be_adjacent = False
                continue
            if e.kind == "skip":
                # Skip one noun phrase: advance past the next noun.
                j = next((k for k in range(pos, len(toks)) if toks[k].pos_ in ("NOUN", "PROPN", "PRON")), None)
                if j is None:
                    return None
                pos = j + 1
                continue
            limit = min(len(toks), pos + 1 if must_be_adjacent else pos + MAX_GAP + 1 + (4 if first else 0))
            found = None
            for k in range(pos, limit):
                if first and next_to is not None and abs(toks[k].i - next_to) != 1:
                    continue
                if toks[k].dep_ == "quantmod" or _up_to_number(toks[k]):
                    continue  # "contribute up to 4,000 troops" is no GIVE UP: "up to" counts the troops
                if e.kind == "prep" and toks[k].pos_ not in ("ADP", "SCONJ"):
                    continue  # "(TO SANCTIONS)" needs the preposition "to", not the infinitive marker
                if e.kind == "prep" and _dates_only(toks[k]):
                    continue  # "telephoned Yudhoyono on Sunday" is not CALL (ON) "call on"
                if e.group == "pp" and e.kind != "prep" and pp_scope and pp_scope[0] == e.group_id:
                    if toks[k].i not in pp_scope[1]:
                        continue  # a (PREP ...) group's words stand under that preposition
                if verb is not None and e.group is None and not _direct(toks[k], verb, matched):
                    continue  # "made remarks ... at the start of a trip" is not "MAKE * TRIP"
                n = self._element_at(e, toks, k, backwards, keys)
                if n:
                    found = (k, n)
                    break
            if found is None:
                return None
            matched.update(t.i for t in toks[found[0] : found[0] + found[1]])
            if e.kind == "prep":
                pp_scope = (e.group_id, {t.i for t in toks[found[0]].subtree})
            pos = found[0] + found[1]
            must_be_adjacent = e.joined
            first = False
        return pos

    def _element_at(
        self,
        e: PatternElement,
        toks: Sequence[Token],
        k: int,
        backwards: bool = False,
        cache: dict[int, tuple[str, ...]] | None = None,
    ) -> int:
        """Number of tokens the element matches at position k (0 = no match)."""

        def keys_of(tok: Token) -> tuple[str, ...]:
            found = cache.get(tok.i) if cache is not None else None
            return found if found is not None else token_keys(tok)

        keys = keys_of(toks[k])
        if e.kind in ("word", "prep"):
            return 1 if (e.text in keys if not e.stem else word_matches(Word(e.text, True), keys)) else 0
        if e.kind == "synset":
            if backwards:  # the left context is scanned right to left: match phrases reversed
                for phrase in self.synsets.get(e.text, ()):
                    phrase = tuple(reversed(phrase))
                    n = len(phrase)
                    if k + n <= len(toks) and all(word_matches(phrase[j], keys_of(toks[k + j])) for j in range(n)):
                        return n
                return 0
            first = self._synset_first.get(e.text, {})
            candidates = [ph for key in keys for ph in first.get(key, ())] + self._synset_stems.get(e.text, [])
            for phrase in candidates:
                n = len(phrase)
                if k + n <= len(toks) and all(word_matches(phrase[j], keys_of(toks[k + j])) for j in range(n)):
                    return n
            return 0
        return 0

    @staticmethod
    def _next_actor(toks: Sequence[Token], pos: int, actor_starts: dict[int, int], backwards: bool) -> int | None:
        for k in range(pos, min(len(toks), pos + MAX_GAP + 1)):
            if toks[k].i in actor_starts:
                return k
            if backwards and any(start <= toks[k].i < end for start, end in actor_starts.items()):
                return k
        return None


# Objects that are things said or shown, not people or places: a verb whose only match is its
# block's bare code for a deed ("released photographs", "fired off a letter") has another sense.
INFORMATION_NOUNS = frozenset(
    {"photograph", "photo", "picture", "image", "video", "footage", "recording", "tape", "figure", "detail",
     "datum", "data", "result", "finding", "name", "list", "statistic", "document", "report", "statement",
     "letter", "book", "album", "film", "song", "map", "transcript", "text", "note", "version", "memo",
     "communique", "comment", "remark", "message", "poll", "survey", "forecast", "estimate", "budget",
     "reminder", "speech", "interview", "briefing", "lecture", "testimony"}
)
# Roots whose bare code is a deed done to someone (meet, cooperate, aid, yield, investigate, protest,
# posture, coerce, assault, fight): a naming predicate contradicts them ("called X a liar" is no call).
DEED_ROOTS = frozenset({"04", "05", "06", "07", "08", "09", "14", "15", "16", "17", "18", "19", "20"})
# Deeds done to people or places, which a thing said or shown cannot undergo ("released photographs",
# "fired off a letter"); praising, discussing or investigating a report are real events.
PHYSICAL_ROOTS = frozenset({"08", "15", "17", "18", "19", "20"})
# Giving (material cooperation and aid): a bare GIVE/ISSUE/GRANT code does not fit a thing said
# ("issued a stern reminder to Iraq", "gave a speech to the assembly" is no aid); patterns still decide.
GIVING_ROOTS = frozenset({"06", "07"})
# Verbs that name or judge their object with a predicate ("called the move illegal"); in other
# verbs a predicate is a result ("shot him dead", "set them free") and changes nothing.
NAMING_VERBS = frozenset({"call", "brand", "label", "term", "dub", "name", "declare", "deem", "consider", "pronounce"})


def naming_predicate(verb: Token) -> Token | None:
    """The predicate of a naming or judging small clause: "called the move UNACCEPTABLE",
    "called him A LIAR" (an `oprd`, or a noun/adjective complement beside a direct object)."""
    if verb.lemma_.lower() not in NAMING_VERBS:
        return None
    children = list(verb.children)
    oprd = next((c for c in children if c.dep_ == "oprd"), None)
    if oprd is not None:
        return oprd
    dobj = next((c for c in children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    for c in dobj.children:
        # the parser often hangs the predicate on the object: "the move [amod] unacceptable",
        # "X['s shooting] [conj] a grave breach" (a conjunct with no "and" is no list)
        if c.i > dobj.i and c.dep_ == "amod" and c.pos_ == "ADJ" and not any(g.i > c.i for g in c.children if g.dep_ != "advmod"):
            return c
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and not any(g.dep_ == "cc" for g in dobj.children):
            return c
    for c in children:
        if c.dep_ in ("xcomp", "ccomp", "acomp") and c.pos_ in ("ADJ", "NOUN", "PROPN"):
            if not any(g.dep_ in ("aux", "mark", "nsubj") for g in c.children):
                return c
    return None


def fallback_contradiction(verb: Token, code: str, predicate: Token | None) -> str | None:
    """Why a block's bare code (no pattern matched) does not fit the verb's own arguments."""
    if code[:2] not in DEED_ROOTS:
        return None
    if predicate is not None:
        return "fallback-contradicted: naming predicate"
    if code[:2] not in PHYSICAL_ROOTS and code[:2] not in GIVING_ROOTS:
        return None
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if dobj is not None and dobj.lemma_.lower() in INFORMATION_NOUNS:
        return "fallback-contradicted: information object"
    return None


def _dates_only(prep: Token) -> bool:
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def _keys_with_hyphen(tok: Token, doc_keys: Sequence[tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """A token's keys, plus the hyphenated word it starts ("cease - fire" -> CEASE-FIRE) so
    dictionary words written with a hyphen match the tokenizer's three tokens."""
    keys = doc_keys[tok.i] if doc_keys is not None else token_keys(tok)
    doc = tok.doc
    if tok.i + 2 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].text == "-" and not doc[tok.i + 1].whitespace_:
        return keys + (f"{tok.text}-{doc[tok.i + 2].text}".upper(),)
    return keys


def verb_bases(form: str) -> tuple[str, ...]:
    """Candidate base forms of an upper-case inflected verb: STAGED -> STAG, STAGE; STOPPED -> STOP;
    CARRIED -> CARRY; MEETS -> MEET. Only candidates found in the dictionary are used."""
    out: list[str] = []
    for suffix in ("ED", "ING"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            out += [stem, stem + "E"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
            if suffix == "ED" and stem.endswith("I"):
                out.append(stem[:-1] + "Y")
    if form.endswith("IES"):
        out.append(form[:-3] + "Y")
    elif form.endswith("ES"):
        out += [form[:-2], form[:-1]]
    elif form.endswith("S") and not form.endswith("SS"):
        out.append(form[:-1])
    return tuple(out)


def _merge_same_name(blocks: Sequence[VerbBlock]) -> list[VerbBlock]:
    """A later block with an existing block's name adds its verbs and patterns to it
    (how the additions file extends CAMEO.2.0.txt); the first block's default code stands.
    A later pattern with the same words and the same commented verb as an earlier one
    replaces it: that is how the additions file corrects a CAMEO.2.0 code; so does a later
    verb line with the same words for the verb's own code ("RESIGN [0831]")."""
    merged: dict[str, VerbBlock] = {}
    for b in blocks:
        if b.name in merged:
            first = merged[b.name]
            replaced = {_pattern_key(p) for p in b.patterns}
            kept = tuple(p for p in first.patterns if _pattern_key(p) not in replaced)
            recoded = {v.words for v in b.verbs if v.code is not None}
            verbs = tuple(v for v in first.verbs if v.words not in recoded) + b.verbs
            merged[b.name] = VerbBlock(first.name, first.code, verbs, kept + b.patterns, first.origin)
        else:
            merged[b.name] = b
    return list(merged.values())


def _own_infinitive(verb: Token) -> Token | None:
    """The verb's subject-controlled to-infinitive ("wants TO HELP Israel"): the subject's own
    act, with no object, dative or passive subject that could be asked to do it instead."""
    if any(c.dep_ in ("dobj", "dative", "nsubjpass", "ccomp") for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ == "VERB" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            # "called on the UN to investigate": an addressee in a phrase before the infinitive
            if any(p.dep_ == "prep" and p.i < c.i for p in verb.children):
                return None
            return c
    return None


def _as_preposition_group(
    best: _Best, grouped: Sequence[tuple[VerbPattern, _Found]], right: Sequence[Token], verb_name: str
) -> _Best:
    """"heads to Beijing": HEAD's "- * TO [030]" and "- * (TO) [042:043]" both match, but "to"
    heads a phrase there, which only the group says (in PETRARCH2 a bare word matches the head of
    a noun phrase, never a preposition), so the pattern with the group is the one that fits; unless
    only the bare pattern's comment names the verb (ORDER's "- * TO [100]" in HEAD's block)."""
    score, pattern, _ = best
    heads = {t.text.upper() for t in right if t.dep_ == "prep" and any(c.dep_ == "pobj" for c in t.children)}
    if not any(e.kind == "word" and e.text in heads for e in pattern.after):
        return best
    texts = [e.text for e in pattern.before + pattern.after]
    for other, found in grouped:
        if score[2] and _comment_verb(other.comment) != verb_name:
            continue
        elems = other.before + other.after
        if [e.text for e in elems] == texts and all(
                e.kind == "prep" for e, mine in zip(elems, pattern.before + pattern.after, strict=True)
                if mine.kind == "word" and mine.text in heads):
            return (score, other, found)
    return best


def _same_words(a: VerbPattern, b: VerbPattern) -> bool:
    return a.before == b.before and a.after == b.after


def _pattern_key(p: VerbPattern) -> tuple[object, ...]:
    return (p.before, p.after, _comment_verb(p.comment))


def _up_to_number(tok: Token) -> bool:
    """"up" of "up to 2,000", which the parser may hang on the verb as its particle."""
    if tok.lower_ != "up" or tok.i + 2 >= len(tok.doc):
        return False
    after = tok.doc[tok.i + 1]
    return after.lower_ == "to" and (after.dep_ == "quantmod" or tok.doc[tok.i + 2].like_num)


def _direct(tok: Token, verb: Token, matched: set[int]) -> bool:
    """A pattern word outside any (...) group must be reachable from the verb without crossing a
    preposition, except "of" inside a noun phrase or a preposition the pattern itself matched."""
    node = tok.head  # the word itself may be the preposition ("- * OVER EFFORTS")
    for _ in range(12):
        if node.i == verb.i or node.head.i == node.i:
            return True
        if node.dep_ in ("prep", "agent") and node.lower_ != "of" and node.i not in matched:
            return False
        node = node.head
    return True


def _comment_verb(comment: str) -> str:
    words = comment.strip().split()
    return words[0].upper() if words else ""


_CODE = re.compile(r"\d{2,4}[A-Za-z]?|---.*")


def _is_code(raw: str) -> bool:
    """A CAMEO code, `a:b` pair or `:b` reverse-only code; a user's sub-code may end in one letter
    ("174K"); test markers such as `+++`, `###` or `abc` are no codes."""
    a, _, b = raw.partition(":")
    if not a:
        return bool(b) and _CODE.fullmatch(b) is not None and not b.startswith("---")
    return _CODE.fullmatch(a) is not None and (not b or _CODE.fullmatch(b) is not None)


def _find_particle(verb: Token, rest: Sequence[str]) -> int | None:
    """The token completing a multi-word verb ("ask FOR", "wind DOWN") among the verb's children.
    Words after the second ("set in MOTION") must follow it, in its phrase or the verb's: "set off
    a bomb ... in Kandahar" is not SET IN MOTION."""
    first = _first_particle(verb, rest[0])
    if first is None:
        return None
    near = {t.i: t for t in list(verb.children) + list(verb.doc[first].subtree)}
    pos = first
    for word in rest[1:]:
        pos = next((i for i in sorted(near) if i > pos and near[i].text.upper() == word), -1)
        if pos < 0:
            return None
    return first


def _first_particle(verb: Token, want: str) -> int | None:
    for child in verb.children:
        if child.dep_ in ("prt", "prep", "advmod", "dobj", "compound:prt") and child.text.upper() == want:
            return child.i
        # "let go", "let free": the parser makes the second word a bare complement
        if (child.dep_ in ("xcomp", "ccomp") and child.text.upper() == want
                and not any(g.dep_ in ("aux", "nsubj") for g in child.children)):
            return child.i
        if child.dep_ == "xcomp" and child.lemma_.upper() == want and not any(g.dep_ == "aux" for g in child.children):
            return child.i
    # "let free activists": or the modifier of the object, right after the verb
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if (after is not None and after.dep_ == "amod" and after.text.upper() == want and after.head.dep_ == "dobj"
            and after.head.head.i == verb.i):
        return after.i
    return None
