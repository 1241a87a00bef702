"""The country of an agent-only actor, taken from the story (issue 12, error class 3).

"Police fired tear gas..." in a story about Turkey is TURCOP, not ---COP. An
actor whose phrase names only an agent ("police", "the rebels", "the foreign
ministry spokesman") takes its country from:

- an earlier mention of the same agent with a country ("Turkish police" ...
  "police"), when every such mention had the same country;
- the places the sentence itself puts things in ("In Tehran, riot police
  ..."), when they all lie in one country;
- the story's own country: the most mentioned country of its actors and
  places so far (the dateline's country counting once), with at least twice
  the mentions of the next one.

Armed agents (armies, armed groups) cross borders, so for them the earlier
mention comes first; institutions (police, ministries, courts) act at home, so
for them the sentence's places come first. The other kind of evidence decides
when the first has none, or breaks a tie between its rivals; the story's
country decides last, and among rivals only when it is one of them. Two
countries competing with nothing to choose between them leave the actor at
`---`. The actor's rule text records `context:story-country` and the evidence
(`story-country:earlier-mention`, `:sentence-place` or `:story-actors`).

"Colombian troops and warplanes": agent-only conjuncts first take the country
of the phrase's first conjunct (`context:coordinated-modifier`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from eventwire.cameo import country_of, is_country
from eventwire.coding.actors import CodedActor, Hit, is_titled_name
from eventwire.context.locative import PLACE_ENTS, PLACING_PREPS
from eventwire.records import Place

RULE = "context:story-country"
SHARED_RULE = "context:coordinated-modifier"
# Agents that act across borders (armies, armed groups); see StoryCountries.guess.
ARMED_AGENTS = frozenset({"MIL", "UAF", "REB", "INS", "SPY"})
NO_COUNTRY = "---"


def first_agent(code: str) -> str:
    """The first agent of an actor code after its country part ("TURGOVMED" -> "GOV", "---COP" -> "COP")."""
    return code[3:6]


@dataclass(frozen=True, slots=True)
class CountryGuess:
    country: str
    evidence: str  # "earlier-mention", "sentence-place", "story-actors" or "most-mentioned" (titled persons)

    @property
    def origins(self) -> tuple[str, str]:
        return (RULE, f"story-country:{self.evidence}")


@dataclass
class StoryCountries:
    """The countries a story has named so far, in reading order."""

    dateline: str | None = None
    actors: Counter[str] = field(default_factory=Counter)
    by_agent: dict[str, Counter[str]] = field(default_factory=dict)
    places: Counter[str] = field(default_factory=Counter)
    # the countries of the coded events' actors, in order of first mention (they rank ambiguous places)
    in_events: list[str] = field(default_factory=list)
    # known()'s answer and the dateline it was computed with; note()/note_places() clear it
    _known: tuple[str | None, tuple[str, ...]] | None = field(default=None, init=False, repr=False, compare=False)

    def note(self, code: str, origins: Iterable[str] = ()) -> None:
        """Count an actor mentioned in the story. Countries this module inferred do not count
        for the story's country; one the sentence's places gave does name the agent's for later
        mentions ("In Ruritown, riot police ..." then "Police cleared the square")."""
        origins = tuple(origins)
        country = country_of(code)
        if country is None:
            return
        if RULE in origins:
            if "story-country:sentence-place" in origins and first_agent(code):
                self.by_agent.setdefault(first_agent(code), Counter())[country] += 1
            return
        self.actors[country] += 1
        self._known = None
        agent = first_agent(code)
        if agent:
            self.by_agent.setdefault(agent, Counter())[country] += 1

    def note_event_actors(self, codes: Iterable[str]) -> None:
        for code in codes:
            if len(code) >= 3 and code[:3] not in self.in_events:
                self.in_events.append(code[:3])

    def known(self) -> tuple[str, ...]:
        """The story's countries so far, most mentioned first (the dateline's among them).
        Asked for every noun phrase, so kept until `note`/`note_places` or the dateline change it."""
        if self._known is not None and self._known[0] == self.dateline:
            return self._known[1]
        counts = self.actors + self.places
        if self.dateline is not None and is_country(self.dateline):
            counts[self.dateline] += 1
        found = tuple(c for c, _ in counts.most_common())
        self._known = (self.dateline, found)
        return found

    def note_places(self, countries: Iterable[str]) -> None:
        """Count the countries of the places a sentence locates things in."""
        self.places.update(c for c in countries if is_country(c))
        self._known = None

    def guess(self, agent: str, sentence_places: Iterable[str] = (), titled: bool = False) -> CountryGuess | None:
        """The country an agent-only actor belongs to, or None when the story leaves it open.

        Armed agents cross borders ("troops shelled a village in Lebanon"), so for them an earlier
        mention of the same agent outranks the sentence's places; institutions (police, ministries,
        courts) act at home, so for them the places come first. A `titled` person ("interim
        President Dioncounda Traore") is no evidence of an earlier mention's country: an office has
        one holder per country, so another named president is not the French president's colleague."""
        earlier = Counter() if titled else self.by_agent.get(agent, Counter())
        places = Counter(p for p in sentence_places if p and is_country(p))
        steps = [(earlier, "earlier-mention"), (places, "sentence-place")]
        if agent not in ARMED_AGENTS:
            steps.reverse()
        (first, first_evidence), (second, second_evidence) = steps
        if len(first) == 1:
            return CountryGuess(next(iter(first)), first_evidence)
        if len(second) == 1 and (not first or next(iter(second)) in first):
            # the second kind of evidence decides alone, or breaks a tie between rivals of the first
            return CountryGuess(next(iter(second)), second_evidence)
        leader = self._leader()
        rivals = set(first) | set(second)
        if leader is None and titled and not rivals:
            # a titled person no dictionary holds ("Prime Minister Cheick Modibo Diarra") with no other
            # evidence: the country the story mentions most, when strictly ahead of every other
            ranked = self._counts().most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                return CountryGuess(ranked[0][0], "most-mentioned")
        if leader is None and len(rivals) > 1:
            # the evidence names a few rivals; the one the story mentions most, when it is strictly
            # ahead of the others, is the likelier (a Bamako story's "soldiers", between Mali and France)
            counts = self._counts()
            ranked = sorted(((counts[c], c) for c in rivals), reverse=True)
            if ranked[0][0] > ranked[1][0]:
                return CountryGuess(ranked[0][1], "story-actors")
        if leader is None:
            return None
        if rivals and leader not in rivals:
            return None  # rival countries, none of them the story's own: leave it open
        return CountryGuess(leader, "story-actors")

    def _counts(self) -> Counter[str]:
        """Mentions of each country: its actors and places (the dateline counting once)."""
        counts = self.actors + self.places
        if self.dateline is not None and is_country(self.dateline):
            counts[self.dateline] += 1
        return counts

    def story_country(self) -> str | None:
        """The story's own country so far (see `_leader`), None when no country leads."""
        return self._leader()

    def _leader(self) -> str | None:
        """The story's country: its actors' and places' most mentioned country (the dateline
        counting once), with at least twice the mentions of the next one."""
        ranked = self._counts().most_common(2)
        if not ranked:
            return None
        top, n = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        return top if n >= 2 * runner_up and n > runner_up else None

    def with_country(
        self, code: str, sentence_places: Iterable[str] = (), titled: bool = False
    ) -> tuple[str, CountryGuess | None]:
        """`code` with its `---` replaced by the story's country when one is known."""
        if not code.startswith(NO_COUNTRY) or len(code) <= 3:
            return code, None
        found = self.guess(first_agent(code), sentence_places, titled)
        if found is None:
            return code, None
        return found.country + code[3:], found


# Prepositions that put something in a place ("in Tehran"), not send it there ("into Lebanon").
LOCATIVE_PREPS = PLACING_PREPS
# A place name in these roles is an actor ("Beijing said", "accused Washington"), not a place.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "pobj", "conj", "appos"})
# Prepositions that send something to a place: the place is not where the actor belongs.
DIRECTION_PREPS = frozenset({"to", "into", "toward", "towards", "from", "onto"})


def sentence_places(
    ents: Iterable[Span], lookup: Callable[[str], Place | None], actor_tokens: frozenset[int] = frozenset()
) -> list[str]:
    """Countries of the places the sentence locates things in: "In Tehran ...", "police in Kunduz",
    "in the eastern city of Lahore", and any town or region it names ("on Istanbul's Gezi Park")
    except as a destination ("flew to Ankara") or an actor ("Beijing said"). A country name
    counts only after a locative preposition ("clashes in Syria", not "accused Syria").
    `lookup` resolves a place name in the gazetteer (or None)."""
    out = []
    for ent in ents:
        if ent.label_ not in PLACE_ENTS:
            continue
        tok = ent.root
        # "the city of Lahore": climb from the name to the noun it names
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:
            tok = tok.head.head
        if tok.dep_ in ("appos", "poss") and tok.head.i != tok.i:
            tok = tok.head  # "In Hyderabad, in southern Sindh province", "in Istanbul's Taksim Square"
        located = tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS
        destination = tok.dep_ == "pobj" and tok.head.lower_ in DIRECTION_PREPS
        as_actor = ent.root.dep_ in ARGUMENT_DEPS and any(i in actor_tokens for i in range(ent.start, ent.end))
        if destination or (as_actor and not located):
            continue
        place = lookup(ent.text)
        if place is None or not place.country or (place.feature_type == "country" and not located):
            continue
        out.append(place.country)
    return out


def located_country_names(
    hits: Iterable[Hit], doc: Doc, ents: Iterable[Span], lookup: Callable[[str], Place | None]
) -> list[str]:
    """Countries named after a locative preposition ("a state of emergency across Mali") where the
    tagger gave the name no place label (it often calls a country a PERSON): a dictionary actor
    whose words the gazetteer knows as a country. (A city's dictionary entry codes its country
    too, so the gazetteer, not the code, says the name is a country's.)"""
    labelled = {i for e in ents if e.label_ in PLACE_ENTS for i in range(e.start, e.end)}
    out = []
    for h in hits:
        if h.kind != "actor" or h.start in labelled or not _located(doc[h.end - 1]):
            continue
        place = lookup(doc[h.start : h.end].text)
        if place is not None and place.feature_type == "country" and place.country and is_country(place.country):
            out.append(place.country)
    return out


def with_coordinated_modifier(actors: list[CodedActor]) -> list[CodedActor]:
    """"Colombian troops and warplanes", "Russian tanks and troops": agent-only conjuncts of one
    noun phrase take the country that qualifies its first conjunct, when all its qualified
    conjuncts share that one country. A first conjunct that is the country itself ("Russia and
    rebels") qualifies nothing."""
    if len(actors) < 2:
        return actors
    first = min(actors, key=lambda a: a.start)
    country = country_of(first.code)
    qualified = {country_of(a.code) for a in actors if not a.code.startswith(NO_COUNTRY)}
    # a qualifier: the first conjunct's words run on to a common noun ("Russian tanks")
    qualifies = len(first.code) > 3 or (first.end_token - first.start_token > 1 and first.text.split()[-1].islower())
    if country is None or not qualifies or qualified != {country}:
        return actors
    return [
        replace(a, code=country + a.code[3:], origins=(SHARED_RULE,) + a.origins)
        if a.code.startswith(NO_COUNTRY) and len(a.code) > 3 and a.start > first.start
        else a
        for a in actors
    ]


def with_story_country(
    actors: list[CodedActor], countries: StoryCountries, places: Callable[[], Iterable[str]]
) -> list[CodedActor]:
    """Agent-only actors given the story's country (see the module doc); others unchanged.
    `places` is called only when some actor needs it (gazetteer look-ups cost)."""
    if not any(a.code.startswith(NO_COUNTRY) and len(a.code) > 3 for a in actors):
        return actors
    actors = with_coordinated_modifier(actors)
    if not any(a.code.startswith(NO_COUNTRY) and len(a.code) > 3 for a in actors):
        return actors
    found_places = list(places())
    out = []
    for a in actors:
        code, guess = countries.with_country(a.code, found_places, titled=is_titled_name(a))
        if guess is None:
            out.append(a)
        else:
            out.append(replace(a, code=code, origins=guess.origins + a.origins))
    return out


OWNER_RULE = "context:owner-country"
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
# "forces loyal to the president", "militias allied with the government"
ALLEGIANCE_WORDS = frozenset({"loyal", "allied", "faithful"})


def _owner_tokens(head: Token) -> tuple[list[Token], Token | None]:
    """Noun phrases that own an agent-only phrase: "forces loyal to Assad" -> [Assad];
    a possessive pronoun ("his government") is returned as the second value."""
    owners: list[Token] = []
    pronoun = None
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
            pronoun = child
        if child.dep_ in ("amod", "acl") and child.lower_ in ALLEGIANCE_WORDS:
            owners += [g for p in child.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                       for g in p.children if g.dep_ == "pobj"]
    return owners, pronoun


def with_owner_country(
    actors: list[CodedActor],
    head: Token,
    np_actors: Callable[[Token], list[CodedActor]],
    clause_subjects: Callable[[Token], list[CodedActor]],
) -> list[CodedActor]:
    """Agent-only actors whose phrase names their owner take the owner's country:
    "forces loyal to President Assad" (SYRMIL), "his government" in "Badawi pledged that his
    government would help" (the clause's subject or the reporting verb's: MYSGOV).
    `clause_subjects(verb)` gives a verb's subjects, walking up controlled clauses."""
    if not any(a.code.startswith(NO_COUNTRY) and len(a.code) > 3 for a in actors):
        return actors
    owner_toks, pronoun = _owner_tokens(head)
    owners = [a for t in owner_toks for a in np_actors(t)]
    if not owners and pronoun is not None:
        owners = _pronoun_owners(head, clause_subjects)
    found = {country_of(a.code) for a in owners} - {None}
    if len(found) != 1:
        return actors
    country = found.pop()
    assert country is not None
    return [
        replace(a, code=country + a.code[3:], origins=(OWNER_RULE,) + a.origins)
        if a.code.startswith(NO_COUNTRY) and len(a.code) > 3 else a
        for a in actors
    ]


def _pronoun_owners(head: Token, clause_subjects: Callable[[Token], list[CodedActor]]) -> list[CodedActor]:
    """Whom "his"/"its"/"their" stands for in a possessed subject: the clause's or the reporting
    verb's subject ("Badawi pledged that his government would help"). "offered its troops" is the
    subject's own object, never its counterpart, so possessed objects are left alone."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return []
    verb = head.head
    if verb.head.i != verb.i:
        verb = verb.head  # "Badawi pledged that his government would help": the reporting verb
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX"):
            owners = [a for a in clause_subjects(verb) if head.i not in range(a.start_token, a.end_token)]
            if owners:
                return owners
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return []


OWN_COUNTRY_NOUNS = frozenset({"country", "nation"})


def own_country(head: Token, clause_subjects: Callable[[Token], list[CodedActor]]) -> list[CodedActor]:
    """"Putin said his country will not lift the ban": "his country" as a subject is the country of
    the one "his" stands for (`context:owner-country`), when that one has a single country."""
    pronoun = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
    if head.lemma_.lower() not in OWN_COUNTRY_NOUNS or pronoun is None:
        return []
    countries = {country_of(a.code) for a in _pronoun_owners(head, clause_subjects)}
    if len(countries) != 1 or None in countries:
        return []
    code = countries.pop()
    assert code is not None
    start, end = pronoun, head
    return [CodedActor(code, start.i, end.i + 1, start.idx, end.idx + len(end.text), head.doc[start.i : end.i + 1].text,
                       (OWNER_RULE,), False)]


PLACE_RULE = "context:place-in-story-country"


def _located(tok: Token) -> bool:
    """The token names where something is: "in Tripoli", "in the port city of Tripoli"."""
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:
        tok = tok.head.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def with_places_of_the_story(
    actors: list[CodedActor], hits: Sequence[Hit], doc: Doc, lookup: Callable[[str], Place | None], known: Sequence[str]
) -> list[CodedActor]:
    """"gunmen in Tripoli" in a story about Lebanon are Lebanese: an actor whose country comes from
    a town the dictionary ties to one country ("Tripoli": Libya), written as where the actor is,
    takes the country the gazetteer gives that town among the story's countries instead."""
    out = []
    for a in actors:
        country = country_of(a.code)
        place_hit = next(
            (h for h in hits if h.kind == "actor" and a.start_token <= h.start and h.end <= a.end_token
             and any(c.code.startswith(country or "???") for c in h.codes) and _located(doc[h.end - 1])),
            None,
        ) if country is not None else None
        if place_hit is None:
            out.append(a)
            continue
        place = lookup(doc[place_hit.start : place_hit.end].text)
        if (place is None or place.feature_type == "country" or not place.country or place.country == country
                or place.country not in known):
            out.append(a)
            continue
        out.append(replace(a, code=place.country + a.code[3:], origins=(PLACE_RULE,) + a.origins))
    return out


HOME_RULE = "context:source-home"
# Institutions that act at home (see `StoryCountries.guess`) and the force they use at home.
HOME_AGENTS = frozenset({"COP", "JUD", "GOV"})
FORCE_ROOTS = frozenset({"17", "18", "19", "20"})


def with_source_home(targets: list[CodedActor], sources: Sequence[CodedActor], code: str) -> list[CodedActor]:
    """"Police ... detained dozens of people": the people an institution's coercion or force
    falls on are in the institution's country, when the story gave them none (TURCOP -> TURPPL)."""
    countries = {country_of(s.code) for s in sources}
    if code[:2] not in FORCE_ROOTS or len(countries) != 1 or None in countries:
        return targets
    if not all(first_agent(s.code) in HOME_AGENTS for s in sources):
        return targets
    country = countries.pop()
    assert country is not None
    own = {s.code for s in sources}
    return [
        replace(t, code=country + t.code[3:], origins=(HOME_RULE,) + t.origins)
        # never the source itself ("the government fought what the government called terror")
        if t.code.startswith(NO_COUNTRY) and len(t.code) > 3 and country + t.code[3:] not in own else t
        for t in targets
    ]
