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

from eventwire.context.quotes import SAY_LEMMAS

# Prepositions that put something in a place ("in Tehran"); the one list for the coder's places and
# the story's countries (`coding.story_country`).
PLACING_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around"})
# ... and "on", which places an event ("on the border", "on Ecuadoran soil") but not an actor
LOCATIVE_PREPS = PLACING_PREPS | {"on"}
MOVEMENT_LEMMAS = frozenset(
    {"visit", "arrive", "tour", "reach", "travel", "fly", "go", "come", "return", "head", "enter", "move", "advance",
     "march", "roll", "push", "deploy", "land", "sail", "drive"}
)
DESTINATION_PREPS = frozenset({"to", "in", "into"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "capital", "province", "region", "district", "area", "state", "county", "camp",
     "port", "neighbourhood", "neighborhood", "suburb", "governorate", "countryside", "locality", "outskirts",
     "centre", "center", "heart", "edge", "part", "parts", "jungle", "jungles", "forest", "forests", "desert"}
)
# Named facilities and sites: "the Bardo Museum", "al-Yarmouk Hospital", "T-4 Military Airport".
FACILITY_NOUNS = frozenset(
    {"hospital", "museum", "airport", "airbase", "base", "plant", "station", "square", "street", "bridge",
     "mosque", "church", "temple", "market", "school", "university", "stadium", "hotel", "embassy", "prison",
     "checkpoint", "junction", "farm", "farms", "mountain", "mountains", "hill", "hills", "zone", "compound",
     "headquarters", "palace", "crossing", "refinery", "mall", "park", "valley", "road", "highway"}
)
# "southern Israel", "northern Mali": a region of a place, kept in the name as written
COMPASS_WORDS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
     "southwestern", "north-eastern", "north-western", "south-eastern", "south-western"}
)
NOT_PLACE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW"})
# Deeds whose object is the place they happen to ("captured Eastern Slavonia", "shelled Mardes").
SEIZE_LEMMAS = frozenset(
    {"capture", "seize", "target", "shell", "bomb", "attack", "storm", "besiege", "raid", "occupy", "liberate",
     "overrun", "bombard", "strike", "hit", "recapture", "retake", "take"}
)


# Nouns that name a happening: a place in their phrase is the place of the statement made there
# ("said in a sermon at Tehran University", "told a news conference in Tbilisi").
OCCASION_NOUNS = frozenset(
    {"talks", "talk", "meeting", "summit", "conference", "sermon", "speech", "rally", "visit", "interview",
     "ceremony", "session", "address", "briefing", "gathering", "forum", "event", "trip", "tour", "stop"}
)
OCCASION_PREPS = frozenset({"in", "at", "during"})

# Shooting verbs: where the shots land is where the attack happens.
FIRE_LEMMAS = frozenset({"fire", "launch", "lob", "drop", "shoot"})

Known = Callable[[str], bool]
IsCountry = Callable[[str], bool]


class _Finder:
    """Place spans in a parse; `known(name)` says whether the gazetteer knows a name."""

    def __init__(self, known: Known | None, ents: Sequence[Span], is_country: IsCountry | None = None) -> None:
        self.known = known
        self.ents = ents  # the sentence's entities (Token.sent and Span.ents are costly to recompute)
        self.is_country = is_country

    def locative(self, pobj: Token) -> bool:
        """A locative object: "on" takes places ("on the border", "on Ecuadoran soil"), never a country
        itself ("called on Russia", "sanctions on Iran" name a counterpart)."""
        if pobj.head.lower_ not in LOCATIVE_PREPS:
            return False
        if pobj.head.lower_ == "on" and self.is_country is not None and self.is_country(pobj.text):
            return False
        return True

    def verbal_clause_spans(self, verb: Token, clause: Sequence[Token]) -> list[Span]:
        """Places of a statement: a locative of the verb itself, of a participle adjunct ("Speaking in
        Cairo, X urged", "X, speaking in Cairo, urged"), or of an occasion in its clause ("in a
        sermon at Tehran University"). A place inside what is said or in a passing phrase ("aid for
        Darfur", "talks in Geneva" proposed) is not where it was said."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        heads = [verb] + [
            c for h in [verb] + subjects for c in h.children
            if c.dep_ in ("advcl", "acl") and c.tag_ in ("VBG", "VBN") and not any(g.dep_ in ("nsubj", "mark") for g in c.children)
        ]
        spans: list[Span] = []
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for g in (g for g in prep.children if g.dep_ == "pobj"):
                if self.locative(g):
                    spans.extend(self.place_in(g))
        for h in heads[1:]:  # the participle sets the scene: any place of its phrase, not of what it says
            said = {t.i for c in h.children if c.dep_ in ("ccomp", "parataxis") for t in c.subtree}
            spans.extend(self.clause_spans(h, [t for t in h.subtree if t.i not in said]))
        for t in clause:  # "in a sermon at ...", "at a news conference in ..."
            occasion = (t.dep_ == "pobj" and t.head.lower_ in OCCASION_PREPS) or (t.dep_ == "dobj" and t.head.i == verb.i)
            if occasion and t.lemma_.lower() in OCCASION_NOUNS:  # "told a news conference in Tbilisi"
                for p2 in (c for c in t.children if c.dep_ == "prep"):
                    spans.extend(x for g2 in p2.children if g2.dep_ == "pobj" and self.locative(g2)
                                 for x in self.place_in(g2))
        return spans

    def destination(self, verb: Token) -> list[Span]:
        """Where a movement verb ends: "flew to Tbilisi", "will visit Baghdad"."""
        if verb.lemma_ not in MOVEMENT_LEMMAS:
            return []
        out = [e for c in verb.children if c.dep_ == "dobj" and (e := self.entity(c)) is not None]
        return out + [e for c in verb.children if c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS
                      for g in c.children if g.dep_ == "pobj" for e in self.place_in(g)]

    def counterpart_place(self, verb: Token, counterparts: Sequence[int]) -> list[Span]:
        """Where the event's counterpart is: a locative on the noun phrase that holds a target actor
        ("Iran's ambassadors in Paris"). A target that is itself inside a locative ("attacks in
        Pakistan") is a passing mention and places nothing."""
        doc = verb.doc
        spans: list[Span] = []
        for i in counterparts:
            tok = doc[i]
            while tok.dep_ in ("compound", "poss", "amod", "nmod", "flat", "case") and tok.head.i != tok.i:
                tok = tok.head
            if tok.dep_ not in ("dobj", "pobj", "dative", "nsubjpass") or (tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS):
                continue
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
                for g in (g for g in prep.children if g.dep_ == "pobj"):
                    spans.extend(self.place_in(g))
                    spans.extend(sp for c in g.children if c.dep_ == "conj" for sp in self.place_in(c))
        return spans

    def where_clause(self, verb: Token) -> list[Span]:
        """"the village of Barash, where authorities were giving them food": the place it hangs on."""
        if verb.dep_ != "relcl" or not any(c.lower_ == "where" and c.dep_ == "advmod" for c in verb.children):
            return []
        head = verb.head
        return self.place_in(head) or ([e] if (e := self.entity(head)) is not None else [])

    def fronted(self, verb: Token) -> list[Span]:
        """"In Washington, X said ... and called ...": a locative that opens the sentence, before the
        main verb's subject, places every event of the sentence that names no place of its own."""
        root = verb.sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        limit = subj.left_edge.i if subj is not None else root.i
        spans: list[Span] = []
        for prep in (c for c in root.children if c.dep_ == "prep" and c.i < limit):
            for g in (g for g in prep.children if g.dep_ == "pobj"):
                if self.locative(g):
                    spans.extend(self.place_in(g))
        return spans

    def entity(self, tok: Token, loose: bool = False) -> Span | None:
        """`_entity`, with a lower-case compass adjective before it ("southern Israel")."""
        ent = self._entity(tok, loose)
        if ent is not None and ent.start > ent.sent.start:
            before = ent.doc[ent.start - 1]
            if before.lower_ in COMPASS_WORDS and before.text.islower() and before.head.i in range(ent.start, ent.end):
                return ent.doc[ent.start - 1 : ent.end]
        return ent

    def _entity(self, tok: Token, loose: bool = False) -> Span | None:
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
            # "Istanbul's Gezi Park": a site the gazetteer does not know is placed by the place that owns it
            owners = [e for c in pobj.children if c.dep_ == "poss" and (e := self.entity(c)) is not None]
            if (owners and pobj.lemma_.lower() in FACILITY_NOUNS and self.known is not None and not self.known(ent.text)
                    and not (self.is_country is not None and self.is_country(owners[0].text))):
                return owners + [ent]
            return [ent]
        if pobj.lemma_.lower() in FACILITY_NOUNS:
            # "Mogadishu's international airport", "Istanbul's Gezi Park": the city that owns it
            for c in pobj.children:
                if c.dep_ == "poss" and (e := self.entity(c)) is not None:
                    found.append(e)
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
        # "arrested him on suspicion of plotting bombings in X": the place of an act a charge or
        # motive names ("of" + gerund) is that act's, not the event's
        charged = {x.i for t in clause if t.dep_ == "pcomp" and t.tag_ == "VBG" and t.head.lower_ == "of"
                   for x in t.subtree}
        idxs = {t.i for t in clause} - charged
        spans: list[Span] = []
        for t in clause:
            if t.dep_ == "pobj" and self.locative(t) and t.head.i in idxs:
                spans.extend(self.place_in(t))
                # "in Paris and Berlin": the other places come after the first (the coder may pair them
                # with the actors they belong to)
                spans.extend(sp for c in t.children if c.dep_ == "conj" for sp in self.place_in(c))
        if verb.lemma_ in SEIZE_LEMMAS or verb.lemma_ in FIRE_LEMMAS:
            for c in verb.children:
                if c.dep_ in ("dobj", "nsubjpass") and verb.lemma_ in SEIZE_LEMMAS:
                    spans[:0] = self.place_in(c)
                if c.dep_ == "prep" and c.lower_ == "into":  # "fired rockets into southern Israel"
                    for g in (g for g in c.children if g.dep_ == "pobj"):
                        spans[:0] = self.place_in(g)
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


def _names_new_actor(tok: Token) -> bool:
    """A subject that names someone ("tanks rolled"), not a pronoun that continues the clause
    before it ("detained two men, but both were released")."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ != "PRON" and tok.lower_ not in ("both", "all", "each")


def locative_spans(
    verb: Token,
    clause_of: Callable[[Token], Sequence[Token]],
    known: Known | None = None,
    ents: Sequence[Span] | None = None,
    *,
    verbal: bool = False,
    is_country: IsCountry | None = None,
    counterparts: Sequence[int] = (),
) -> list[Span]:
    """Candidate place spans for the event of `verb`; `clause_of(v)` gives a verb's own clause tokens,
    `known(name)` says whether the gazetteer knows a name the entity tagger missed or mislabelled,
    `is_country(name)` whether a name is a country. A `verbal` event (a statement, appeal, threat)
    is placed only by `verbal_clause_spans`, else where its counterpart is (`counterparts`: token
    indices of the target actors; "summoned the ambassadors in Paris", "lodged a protest with the
    embassy in Beirut"). A clause "where ..." on a place is at that place. (Putting the most specific
    of several places first was measured and lost precision.)"""
    finder = _Finder(known, ents if ents is not None else list(verb.sent.ents), is_country)
    if verbal:
        idxs = {t.i for t in verb.sent}
        tok, found = verb, finder.verbal_clause_spans(verb, clause_of(verb)) or finder.destination(verb)
        for _ in range(2):  # "said ... and called on X": the coordinated or governing statement's place
            # "said in Beijing that China welcomed ...": a statement reported by its speaker was made where he spoke
            reported = tok.dep_ == "ccomp" and tok.head.lemma_ in SAY_LEMMAS
            if found or (tok.dep_ not in ("conj", "xcomp") and not reported) or tok.head.i == tok.i \
                    or tok.head.pos_ not in ("VERB", "AUX"):
                break
            tok = tok.head
            # "flew to Tbilisi and addressed a rally": where the trip ended
            found = finder.verbal_clause_spans(tok, clause_of(tok)) or finder.destination(tok)
        found = found or finder.counterpart_place(verb, counterparts) or finder.where_clause(verb)
        out: list[Span] = []
        for sp in found or finder.fronted(verb):
            if all(i in idxs for i in range(sp.start, sp.end)) and all(sp.start != o.start for o in out):
                out.append(sp)
        return out
    spans = finder.clause_spans(verb, clause_of(verb))
    tok = verb
    for _ in range(2):  # "hit a trolleybus in Donetsk, killing 8": the governing clause's place
        if spans or tok.head.i == tok.i:
            break
        if tok.dep_ == "acl" and tok.head.dep_ in ("nsubj", "nsubjpass") and tok.head.head.i != tok.head.i:
            tok = tok.head  # "a plane carrying aid landed in Tbilisi": the clause of the noun it modifies
        elif tok.dep_ not in ("xcomp", "conj", "advcl"):
            break
        elif tok.dep_ == "conj" and any(_names_new_actor(c) for c in tok.children):
            break  # "jets struck X in Mogadishu, and tanks rolled on": a coordinated clause with its own actors
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            break
        spans = finder.clause_spans(tok, clause_of(tok))
    if not spans:
        # "shot ... while conducting operations in Nineveh": a clause that depends on the event's verb
        spans = finder.clause_spans(verb, [t for t in verb.subtree])
    if not spans:
        spans = finder.where_clause(verb)
    if not spans and is_country is not None:
        spans = finder.fronted(verb)  # "In Kunduz, police detained ...", only with the coder's full lookups
    return spans
