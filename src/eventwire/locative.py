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
# Deeds whose object is the place they happen to ("captured Eastern Slavonia", "shelled Mardes").
SEIZE_LEMMAS = frozenset(
    {"capture", "seize", "target", "shell", "bomb", "attack", "storm", "besiege", "raid", "occupy", "liberate",
     "overrun", "bombard", "strike", "hit", "recapture", "retake", "take"}
)


def _entity(tok: Token, loose: bool = False) -> Span | None:
    """The place entity at `tok`; `loose` also takes an untagged proper noun (the tagger misses
    many small places: "the neighbourhood of Al-Bayaa")."""
    if loose and tok.pos_ == "PROPN" and not tok.ent_type_:
        start = tok.left_edge.i if all(t.pos_ == "PROPN" or t.text == "-" for t in tok.doc[tok.left_edge.i : tok.i]) else tok.i
        return tok.doc[start : tok.i + 1]
    if tok.ent_type_ not in PLACE_ENTS:
        return None
    for ent in tok.sent.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _place_in(pobj: Token) -> list[Span]:
    """Place names carried by a prepositional object."""
    found: list[Span] = []
    ent = _entity(pobj)
    if ent is not None:
        return [ent]
    if pobj.lower_ in PLACE_NOUNS or pobj.lemma_ in PLACE_NOUNS:
        # the most specific name first: "the West Bank city of Nablus" is Nablus
        for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"):
            for g in (g for g in prep.children if g.dep_ == "pobj"):
                found.extend(_place_in(g) or ([e] if (e := _entity(g, loose=True)) is not None else []))
                found.extend(e for c in g.children if c.dep_ == "conj" and (e := _entity(c, loose=True)) is not None)
        for c in pobj.children:
            if c.dep_ == "appos" and (e := _entity(c)) is not None:
                found.append(e)  # "the capital, Kabul"
    for child in pobj.children:
        if child.dep_ in ("compound", "amod", "nmod") and (e := _entity(child)) is not None:
            found.append(e)  # "at their Bucharest summit"
    return found


def _clause_spans(verb: Token, clause: Sequence[Token]) -> list[Span]:
    idxs = {t.i for t in clause}
    spans: list[Span] = []
    for t in clause:
        if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS and t.head.i in idxs:
            spans.extend(_place_in(t))
    if verb.lemma_ in SEIZE_LEMMAS:
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                spans[:0] = _place_in(c)
    if verb.lemma_ in MOVEMENT_LEMMAS:
        for c in verb.children:
            if c.dep_ == "dobj" and (e := _entity(c)) is not None:
                spans.insert(0, e)
            if c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS:
                for g in (g for g in c.children if g.dep_ == "pobj"):
                    spans[:0] = _place_in(g)
    # keep only places whose words lie in the clause, first mention first, no duplicates
    out: list[Span] = []
    for sp in spans:
        if all(i in idxs for i in range(sp.start, sp.end)) and all(sp.start != o.start for o in out):
            out.append(sp)
    return out


def locative_spans(verb: Token, clause_of: Callable[[Token], Sequence[Token]]) -> list[Span]:
    """Candidate place spans for the event of `verb`; `clause_of(v)` gives a verb's own clause tokens."""
    spans = _clause_spans(verb, clause_of(verb))
    tok = verb
    for _ in range(2):  # "hit a trolleybus in Donetsk, killing 8": the governing clause's place
        if spans or tok.dep_ not in ("xcomp", "conj", "advcl") or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            break
        spans = _clause_spans(tok, clause_of(tok))
    return spans
