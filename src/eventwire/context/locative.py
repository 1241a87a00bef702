"""Where an event happened, from its own clause: the words that name the place.

`locative_spans(verb, clause)` returns candidate place spans, best first:
  1. the object of a locative preposition in the event's clause ("met ... in Brussels",
     "shot in Osgiliath"), including a place named by a modifier of that object
     ("at their Bucharest summit") or after "of" ("in the West Bank city of Nablus");
  2. for movement verbs, the destination ("will visit Baghdad", "arrived in Gaza");
  3. the same, one clause up, for a controlled or coordinated verb ("went to Gaza to meet").
Nothing is taken from another sentence: a dateline is the only story-level fallback, and the
coder applies it to the lead sentence alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "on"})
MOVEMENT_LEMMAS = frozenset({"visit", "arrive", "tour", "reach", "travel", "fly", "go", "come", "return", "head", "enter"})
DESTINATION_PREPS = frozenset({"to", "in", "into"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "capital", "province", "region", "district", "area", "state", "county", "camp",
     "port", "neighbourhood", "neighborhood", "suburb", "governorate", "countryside", "locality", "outskirts"}
)
# Named facilities and sites: "the Bardo Museum", "al-Yarmouk Hospital", "T-4 Military Airport".
FACILITY_NOUNS = frozenset(
    {"hospital", "museum", "airport", "airbase", "base", "plant", "station", "square", "street", "bridge",
     "mosque", "church", "temple", "market", "school", "university", "stadium", "hotel", "embassy", "prison",
     "checkpoint", "junction", "farm", "farms", "mountain", "mountains", "hill", "hills", "zone", "compound",
     "headquarters", "palace", "crossing", "refinery", "mall", "park", "valley", "road", "highway"}
)
NOT_PLACE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW"})
# Deeds whose object is the place they happen to ("captured Eastern Slavonia", "shelled Mardes").
SEIZE_LEMMAS = frozenset(
    {"capture", "seize", "target", "shell", "bomb", "attack", "storm", "besiege", "raid", "occupy", "liberate",
     "overrun", "bombard", "strike", "hit", "recapture", "retake", "take"}
)


Known = Callable[[str], bool]


class _Finder:
    """Place spans in a parse; `known(name)` says whether the gazetteer knows a name."""

    def __init__(self, known: Known | None, ents: Sequence[Span]) -> None:
        self.known = known
        self.ents = ents  # the sentence's entities (Token.sent and Span.ents are costly to recompute)

    def entity(self, tok: Token, loose: bool = False) -> Span | None:
        """The place entity at `tok`. `loose` also takes an untagged proper noun (the tagger misses
        many small places: "the neighbourhood of Al-Bayaa"); a proper noun tagged as something else
        (Palmyra as PERSON, Hama as ORG) counts when the gazetteer knows it."""
        ent = next((e for e in self.ents if e.start <= tok.i < e.end), None)
        if ent is not None and ent.label_ in PLACE_ENTS:
            return ent
        if tok.pos_ != "PROPN" or (ent is not None and ent.label_ in NOT_PLACE_ENTS):
            return None  # "In March" is a date, whatever town is called March
        if ent is None:
            run = all(t.pos_ == "PROPN" or t.text == "-" for t in tok.doc[tok.left_edge.i : tok.i])
            ent = tok.doc[tok.left_edge.i if run else tok.i : tok.i + 1]
            if loose:
                return ent
        if self.known is not None and self.known(ent.text):
            return ent
        return None

    def place_in(self, pobj: Token) -> list[Span]:
        """Place names carried by a prepositional object."""
        found: list[Span] = []
        ent = self.entity(pobj)
        if ent is not None:
            return [ent]
        if pobj.lemma_.lower() in FACILITY_NOUNS:
            names = [c for c in pobj.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" and c.i < pobj.i]
            if names:
                found.append(pobj.doc[min(c.left_edge.i for c in names) : pobj.i + 1])  # "the Heart Hospital"
        if pobj.lower_ in PLACE_NOUNS or pobj.lemma_ in PLACE_NOUNS:
            # the most specific name first: "the West Bank city of Nablus" is Nablus
            for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"):
                for g in (g for g in prep.children if g.dep_ == "pobj"):
                    found.extend(self.place_in(g) or ([e] if (e := self.entity(g, loose=True)) is not None else []))
                    found.extend(
                        e for c in g.children if c.dep_ == "conj" and (e := self.entity(c, loose=True)) is not None
                    )
            for c in pobj.children:
                if c.dep_ == "appos" and (e := self.entity(c)) is not None:
                    found.append(e)  # "the capital, Kabul"
        for child in pobj.children:
            if child.dep_ in ("compound", "amod", "nmod") and (e := self.entity(child)) is not None:
                found.append(e)  # "at their Bucharest summit"
        return found

    def clause_spans(self, verb: Token, clause: Sequence[Token]) -> list[Span]:
        idxs = {t.i for t in clause}
        spans: list[Span] = []
        for t in clause:
            if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS and t.head.i in idxs:
                spans.extend(self.place_in(t))
        if verb.lemma_ in SEIZE_LEMMAS:
            for c in verb.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    spans[:0] = self.place_in(c)
        if verb.lemma_ in MOVEMENT_LEMMAS:
            for c in verb.children:
                if c.dep_ == "dobj" and (e := self.entity(c)) is not None:
                    spans.insert(0, e)
                if c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS:
                    for g in (g for g in c.children if g.dep_ == "pobj"):
                        spans[:0] = self.place_in(g)
        # keep only places whose words lie in the clause, first mention first, no duplicates
        out: list[Span] = []
        for sp in spans:
            if all(i in idxs for i in range(sp.start, sp.end)) and all(sp.start != o.start for o in out):
                out.append(sp)
        return out


def locative_spans(
    verb: Token,
    clause_of: Callable[[Token], Sequence[Token]],
    known: Known | None = None,
    ents: Sequence[Span] | None = None,
) -> list[Span]:
    """Candidate place spans for the event of `verb`; `clause_of(v)` gives a verb's own clause tokens,
    `known(name)` says whether the gazetteer knows a name the entity tagger missed or mislabelled.
    (Putting the most specific of several places first was measured and lost precision.)"""
    finder = _Finder(known, ents if ents is not None else list(verb.sent.ents))
    spans = finder.clause_spans(verb, clause_of(verb))
    tok = verb
    for _ in range(2):  # "hit a trolleybus in Donetsk, killing 8": the governing clause's place
        if spans or tok.dep_ not in ("xcomp", "conj", "advcl") or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            break
        spans = finder.clause_spans(tok, clause_of(tok))
    if not spans:
        # "shot ... while conducting operations in Nineveh": a clause that depends on the event's verb
        spans = finder.clause_spans(verb, [t for t in verb.subtree])
    return spans
