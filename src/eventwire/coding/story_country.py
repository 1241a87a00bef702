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

import csv
import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib import resources

from spacy.tokens import Span

from eventwire.coding.actors import CodedActor

RULE = "context:story-country"
SHARED_RULE = "context:coordinated-modifier"
# Agents that act across borders (armies, armed groups); see StoryCountries.guess.
ARMED_AGENTS = frozenset({"MIL", "UAF", "REB", "INS", "SPY"})
NO_COUNTRY = "---"


@functools.cache
def _country_codes() -> frozenset[str]:
    text = (resources.files("eventwire") / "data" / "cameo_country_codes.tsv").read_text(encoding="utf-8")
    return frozenset(r["code"] for r in csv.DictReader(text.splitlines(), delimiter="\t") if r["kind"] == "country")


def is_country(code: str) -> bool:
    """True for a CAMEO country code ("TUR"), false for regions ("MEA"), IGOs and `---`."""
    return code in _country_codes()


def country_of(code: str) -> str | None:
    """The country an actor code belongs to ("TURCOP" -> "TUR"), None for IGOs, regions, `---`."""
    head = code[:3]
    return head if len(code) >= 3 and is_country(head) else None


def first_agent(code: str) -> str:
    """The first agent of an actor code after its country part ("TURGOVMED" -> "GOV", "---COP" -> "COP")."""
    return code[3:6]


@dataclass(frozen=True, slots=True)
class CountryGuess:
    country: str
    evidence: str  # "earlier-mention", "sentence-place" or "story-actors"

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

    def note(self, code: str, origins: Iterable[str] = ()) -> None:
        """Count an actor mentioned in the story; countries this module itself inferred are not evidence."""
        if RULE in origins:
            return
        country = country_of(code)
        if country is None:
            return
        self.actors[country] += 1
        agent = first_agent(code)
        if agent:
            self.by_agent.setdefault(agent, Counter())[country] += 1

    def known(self) -> tuple[str, ...]:
        """The story's countries so far, most mentioned first (the dateline's among them)."""
        counts = self.actors + self.places
        if self.dateline is not None and is_country(self.dateline):
            counts[self.dateline] += 1
        return tuple(c for c, _ in counts.most_common())

    def note_places(self, countries: Iterable[str]) -> None:
        """Count the countries of the places a sentence locates things in."""
        self.places.update(c for c in countries if is_country(c))

    def guess(self, agent: str, sentence_places: Iterable[str] = ()) -> CountryGuess | None:
        """The country an agent-only actor belongs to, or None when the story leaves it open.

        Armed agents cross borders ("troops shelled a village in Lebanon"), so for them an earlier
        mention of the same agent outranks the sentence's places; institutions (police, ministries,
        courts) act at home, so for them the places come first."""
        earlier = self.by_agent.get(agent, Counter())
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
        if leader is None:
            return None
        rivals = set(first) | set(second)
        if rivals and leader not in rivals:
            return None  # rival countries, none of them the story's own: leave it open
        return CountryGuess(leader, "story-actors")

    def _leader(self) -> str | None:
        """The story's country: its actors' and places' most mentioned country (the dateline
        counting once), with at least twice the mentions of the next one."""
        counts = self.actors + self.places
        if self.dateline is not None and is_country(self.dateline):
            counts[self.dateline] += 1
        ranked = counts.most_common(2)
        if not ranked:
            return None
        top, n = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        return top if n >= 2 * runner_up and n > runner_up else None

    def with_country(self, code: str, sentence_places: Iterable[str] = ()) -> tuple[str, CountryGuess | None]:
        """`code` with its `---` replaced by the story's country when one is known."""
        if not code.startswith(NO_COUNTRY) or len(code) <= 3:
            return code, None
        found = self.guess(first_agent(code), sentence_places)
        if found is None:
            return code, None
        return found.country + code[3:], found


# Prepositions that put something in a place ("in Tehran"), not send it there ("into Lebanon").
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def sentence_places(ents: Iterable[Span], lookup: Callable[[str], str | None]) -> list[str]:
    """Countries of the places the sentence locates things in: "In Tehran ...", "police in Kunduz",
    "in the eastern city of Lahore". `lookup` gives a place name's country (or None)."""
    out = []
    for ent in ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        tok = ent.root
        # "the city of Lahore": climb from the name to the noun it names
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:
            tok = tok.head.head
        if tok.dep_ == "appos" and tok.head.i != tok.i:
            tok = tok.head  # "In Hyderabad, in southern Sindh province"
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
            country = lookup(ent.text)
            if country:
                out.append(country)
    return out


def with_coordinated_modifier(actors: list[CodedActor]) -> list[CodedActor]:
    """"Colombian troops and warplanes": agent-only conjuncts of one noun phrase take the country
    that qualifies its first conjunct, when all its qualified conjuncts share that one country."""
    if len(actors) < 2:
        return actors
    first = min(actors, key=lambda a: a.start)
    country = country_of(first.code)
    qualified = {country_of(a.code) for a in actors if not a.code.startswith(NO_COUNTRY)}
    if country is None or len(first.code) <= 3 or qualified != {country}:
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
        code, guess = countries.with_country(a.code, found_places)
        if guess is None:
            out.append(a)
        else:
            out.append(replace(a, code=code, origins=guess.origins + a.origins))
    return out
