"""Constructions that place an event's target where the plain object search does not.

`_SentenceCoder` (coding/coder.py) finds a target in the verb's objects, prepositional
phrases and complements. Some plain news constructions put it elsewhere, or name an
instrument where the object search expects the counterpart:

* A conditional threat: "Arnor threatened to close the pass if Gondor moved troops" is
  Arnor -> Gondor 13x. With no counterpart in the object, the subject of the threat's
  if/unless clause is the target (`condition_targets`), and the condition itself is no
  event (`in_threat_condition`): Gondor has not moved troops. A refusal's condition names its
  counterpart the same way: "Arnor will not lift the embargo until Gondor frees the prisoners"
  is Arnor -> Gondor 1244, and Gondor has freed no one (`builtin:refusal-condition`).
* Self-directed yielding: "Gondor's prime minister agreed to step down" is the government
  yielding to its own country, GONGOV -> GON (`self_directed_targets`), and so is a curfew or
  state of emergency it imposes (172x). Only when the clause names no other actor, and never
  with the same code on both sides; the target's words are the home place the clause names.
* An instrument in the object: "France is ready to send troops to Lebanon" has a
  country-less agent as direct object (---MIL) and the counterpart in a to/against/into/from
  phrase; the named actor of that phrase is the target (`destination_over_bare_agent`); a
  weapon is aimed "at" or "on" its target ("fired cruise missiles at Libyan air defences").
  For a deed that sends or withdraws people, the source's own personnel count as such an
  instrument even with a country ("sending troops to the UN force in South Sudan"), a
  deployment also goes "in" and a withdrawal "from" a place, and a known town is its country.
* A compound actor slot (PETRARCH-1's `%`, "- % * [030:030]"): the members of the list
  before the verb act on each other (`compound_members`).
* A reported "would" of the speaker: "Israel announced it would free the prisoners" is Israel's
  stated intent (the future of the past), not a conditional (`speaker_would`).
* A stated refusal: "Lebanon says it will not accept more refugees" is no negated event but
  a refusal made now, CAMEO 12x of the refused cooperation (`refusal`); so is the complement of
  a refusing verb: "Gondor refused to lift the sanctions" is 1244, never the lifting (085), and
  "refused to attack" is no attack (`refused_complement`).
* An attitude stated as a predicate: "The agency said it is skeptical of the plan" is the
  agency's pessimistic comment (012), "remains optimistic" an optimistic one (013), as
  "expressed pessimism" codes them (`attitude_predicate`, rule `builtin:attitude-predicate`).
* A hope: "Gondor said it hoped Arnor would lift the siege" is Gondor's optimistic comment (013,
  the verb "hope" when the dictionary codes it nothing), and what is hoped for, in the clause
  under the verb or under a "hope" noun ("voiced hope that ..."), is no event
  (`hoped_content`).
* A deed ordered done: "Gondor's king ordered the envoy detained" is the king's detention of the
  envoy (GONGOV 173 envoy); the ordered verb's subject is its patient, the order's subject its
  doer, and the order itself is no demand beside it (`ordered_deed`, rule `builtin:ordered-deed`).
* A course of action considered: "Gondor is considering sending aid to Arnor" is Gondor's policy
  option (014), as "considering the possibility of" is, not CONSIDER's bare 040 (discussing with
  someone); the sending has not happened (`considered_option`, rule `builtin:considered-option`).
* A deontic statement about another actor: "Sweden said Russia must release the journalists"
  is a demand, SWE -> RUS 1053, and the release has not happened (`deontic_demand`).
* An allegation backed by evidence: "Colombia's police chief said files found at the camp showed
  the Venezuelan government had paid the rebels" is the chief's accusation of Venezuela (112), and
  the alleged payment is no event (`evidence_accusation`, rule `builtin:evidence-accusation`).
* A meeting written as a noun: "Sarkozy won Medvedev's backing at talks in the Kremlin" says
  Sarkozy held talks with the Kremlin: a clause's subject meets the party of the talks' "with"
  phrase, or the government whose seat the talks were held in (`nominal_meetings`, rule
  `builtin:nominal-meeting`).
* Yielding under force: "soldiers arrested the prime minister and forced him to resign" is the
  prime minister's resignation to the soldiers (0831, yielding to those who forced it), beside the
  soldiers' coercion (`forced_yield`, rule `builtin:forced-yield`).
* Talks ruled out: "the opposition said there could be no dialogue with Saleh" is the speaker's
  refusal to negotiate with Saleh (125, `no_talks`, rule `builtin:no-talks`).
* A place attacked: "Arnor's aircraft bombed the centre of Bree" names no party, but a town the
  gazetteer places in another country than the attacker's is that country's
  (`attacked_place_targets`, rule `builtin:attacked-place`). A truce, show of force or
  restriction done in a town falls on its country, at home too (rule `builtin:placed-deed`).
* The victims of an attack: "Three bombers blew themselves up at two cafes, killing 20 people"
  hit the people killed, when the attack names no other party (`victims_of_attack`, rule
  `builtin:victims`).
* Cargo carried to a place: "A Gondor plane carrying blankets landed in Bree" delivers to Bree: the
  aid of a participle on the subject of an arrival goes where the arrival does
  (`carried_to_targets`, rule `builtin:carried-to`).

Each rule returns the rule name that goes into `evidence.rule`, so every event still says
why its target is what it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from eventwire import cameo
from eventwire.coding.actors import CodedActor, np_tokens, resolve_code
from eventwire.coding.lexicon import (
    ATTITUDE_ADJECTIVES, CONDITIONAL_AUX, COOPERATIVE_ROOTS, COPULAS, COUNT_NOUNS, CULPABLE_ADJECTIVES, FEELING_PARTICIPLES, HOPE_WORDS, INTENT_ADJECTIVES,
    INTENT_HEADS, ORDER_HEADS, REFUSAL_HEADS, SETTLEMENT_NOUNS, STANCE_ADJECTIVES, STANCE_PARTICIPLES, WEAPON_NOUNS,
)
from eventwire.coding.verbs import VerbMatch
from eventwire.context.locative import PLACE_ENTS
from eventwire.context.quotes import SAY_LEMMAS
from eventwire.records import Modality

if TYPE_CHECKING:
    from eventwire.coding.coder import _SentenceCoder

CONDITION_MARKS = frozenset({"if", "unless"})
# A refusal waits for what its counterpart must do first: "will not lift the ban until X pays".
REFUSAL_MARKS = CONDITION_MARKS | {"until", "till"}
THREAT_ROOT = "13"
REFUSAL_ROOT = "12"
GENERIC_THREAT = "130"
# Yielding a government does to its own country: ease restrictions (081x), ease repression
# (082), political reform or a change of leader (083x), and plain yielding (080, "backed
# down"). Releases (084), easing sanctions (085), admitting others (086) and de-escalation
# (087) are done to someone else, so they are left out.
SELF_YIELD_CODES = ("080", "081", "082", "083")
# The mirror of easing restrictions: a curfew, a state of emergency or martial law a government
# imposes on its own country (172x; "the Yemeni government declared a curfew").
SELF_RESTRICT_CODES = ("172",)
# Prepositions naming where an instrument is sent or turned: "sent troops to Lebanon".
DESTINATION_PREPS = frozenset({"to", "against", "into", "toward", "towards"})
BARE_AGENT = "---"
# Where a weapon is aimed: "fired missiles at the air defences", "dropped bombs on the town".
AIMED_PREPS = frozenset({"at", "on"})
# Verbs that make a conflictual complement a threat ("vowed to crush", "warned it would strike").
# ("pledged to expel" is a commitment given to someone, not a threat: pledge and promise are not here.)
THREAT_GOVERNORS = frozenset({"threaten", "vow", "warn", "swear"})
# The 13x threat of a conflictual code, most specific prefix first: protest 133, reduce
# relations 131 (with CAMEO's own subdivisions: aid 1311, sanctions 1312, relations 1313, talks
# 134, mediation 135, international presence 136), administrative sanctions 132, repression 137,
# other coercion 130, force (assault, fight, mass violence) 138; a show of force (15) is a plain threat.
THREAT_BY_PREFIX = (
    ("14", "133"), ("15", "130"), ("161", "1313"), ("162", "1311"), ("163", "1312"), ("164", "134"),
    ("165", "135"), ("166", "136"), ("16", "131"), ("172", "132"), ("175", "137"), ("17", "130"),
    ("18", "138"), ("19", "138"), ("20", "138"),
)


def refine_targets(
    sc: _SentenceCoder,
    verb: Token,
    match: VerbMatch,
    sources: Sequence[CodedActor],
    targets: list[CodedActor],
    passive: bool,
) -> tuple[list[CodedActor], str]:
    """The targets to code, and the rule to add to the evidence ("" when unchanged)."""
    if passive or not sources:
        return targets, ""
    if targets:
        better = destination_over_bare_agent(sc, verb, sources, targets, match.code)
        return (better, " +builtin:destination-over-bare-agent") if better else (targets, "")
    if match.code.startswith(THREAT_ROOT):
        found = threatened_deed_targets(sc, verb, sources)
        if found:
            return found, " +builtin:threat-deed-target"
        found = condition_targets(sc, verb, sources)
        if found:
            return found, " +builtin:threat-condition"
    if match.code.startswith(REFUSAL_ROOT):
        found = condition_targets(sc, verb, sources, REFUSAL_MARKS)
        if found:
            return found, " +builtin:refusal-condition"
    if match.code[:2] in PERPETRATOR_ROOTS:
        found = perpetrator_targets(sc, verb, sources)
        if found:
            return found, " +builtin:perpetrator"
    found = self_directed_targets(sc, verb, match.code, sources)
    if found:
        return found, " +builtin:self-directed"
    found = attacked_place_targets(sc, verb, match.code, sources)
    if found:
        return found, " +" + found[0].origins[0]
    found = victims_of_attack(sc, verb, match.code, sources)
    if found:
        return found, " +" + VICTIMS_RULE
    found = carried_to_targets(sc, verb, match.code, sources)
    if found:
        return found, " +" + CARRIED_TO_RULE
    return targets, ""


# -- the perpetrator of a deed spoken of -----------------------------------------------

# Investigations (09) and accusations or condemnations (11) are aimed at whoever did the deed
# they are about: "launched an investigation into crimes committed by Croat forces".
PERPETRATOR_ROOTS = frozenset({"09", "11"})


def perpetrator_targets(sc: _SentenceCoder, verb: Token, sources: Sequence[CodedActor]) -> list[CodedActor]:
    """The by-agent of a participle on the verb's object, or on that object's into/of/over phrase
    ("an investigation into crimes committed by X", "condemned the killings carried out by X")."""
    src = {s.code for s in sources}
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [g for n in list(nouns) for p in n.children if p.dep_ == "prep" and p.lower_ in ("into", "of", "over")
              for g in p.children if g.dep_ == "pobj"]
    for noun in nouns:
        for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            for agent in (c for c in acl.children if c.dep_ == "agent"):
                for by in (g for g in agent.children if g.dep_ == "pobj"):
                    found = [a for a in sc.np_actors(by) if a.code not in src]
                    if found:
                        return found
    return []


# -- conditional threats -------------------------------------------------------


def _condition_clause(tok: Token, marks: frozenset[str] = CONDITION_MARKS) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children)


def condition_targets(
    sc: _SentenceCoder, verb: Token, sources: Sequence[CodedActor], marks: frozenset[str] = CONDITION_MARKS
) -> list[CodedActor]:
    """The actors of the if/unless clause's subject (or by-agent) under the threat or its complement."""
    src = {s.code for s in sources}
    heads = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for head in heads:
        for clause in (c for c in head.children if _condition_clause(c, marks)):
            for role in clause.children:
                nouns = [role] if role.dep_ == "nsubj" else []
                if role.dep_ == "agent":
                    nouns = [g for g in role.children if g.dep_ == "pobj"]
                for noun in nouns:
                    found = [a for a in sc.np_actors(noun) if a.code not in src]
                    if found:
                        return found
    return []


def threatened_deed_targets(sc: _SentenceCoder, verb: Token, sources: Sequence[CodedActor]) -> list[CodedActor]:
    """"Arnor warned that it would attack Bree": the target of the deed the threatener says it
    will do. Only when the complement's subject is the threatener itself; "warned that Gondor
    would attack Bree" is a prediction about Gondor, not a threat to Bree."""
    src = {s.code for s in sources}
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")):
        subj = next((g for g in clause.children if g.dep_ == "nsubj"), None)
        if subj is None or not {a.code for a in sc.np_actors(subj)} & src:
            continue
        found = sc.objects(clause, sources, with_clause=False)
        if found:
            return found
    return []


def in_threat_condition(sc: _SentenceCoder, verb: Token) -> bool:
    """The verb states the condition of a threat ("... if Gondor moved troops") or what is
    threatened ("threatened to close the pass"): no event of its own, whether or not the
    threat itself found a target."""
    clause = verb
    for _ in range(4):  # "if Gondor massed troops and crossed the river": the second verb too
        if clause.dep_ != "conj" or clause.head.i == clause.i:
            break
        clause = clause.head
    if _condition_clause(clause, REFUSAL_MARKS) and not _condition_clause(clause):
        # "will not lift the ban until X pays": what the refusal waits for has not happened
        governor = clause.head
        found = sc.match(governor) if governor.pos_ in ("VERB", "AUX") else None
        return found is not None and (
            found.code.startswith(REFUSAL_ROOT)
            or (sc.negated(governor) and refusal(sc, governor, found) is not None)
            or refused_complement(sc, governor, found) is not None
        )
    if _condition_clause(clause):
        governor = clause.head
    elif clause.dep_ in ("xcomp", "ccomp") and clause.head.i != clause.i:
        governor = clause.head
    else:
        return False
    for _ in range(3):
        found = sc.match(governor) if governor.pos_ in ("VERB", "AUX") else None
        if found is not None and found.code.startswith(THREAT_ROOT):
            return True
        if governor.dep_ not in ("xcomp", "ccomp") or governor.head.i == governor.i:
            break
        governor = governor.head
    return False


def threat_code(sc: _SentenceCoder, verb: Token, code: str, modality: str) -> tuple[str, str]:
    """A conflictual deed that is vowed, warned of or made conditional is a threat, not the deed:
    "vowed to wage war on Gondor if it did not withdraw" is 138, never 19x (the war has not begun)."""
    if code == GENERIC_THREAT:
        # "threatened to attack": the threatened deed makes the threat specific (138)
        for deed in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"):
            found = sc.match(deed)
            specific = _threat_for(found.code) if found is not None and found.code else None
            if specific is not None and specific != GENERIC_THREAT:
                return specific, " +builtin:threat-deed-code"
        return code, ""
    threat = _threat_for(code)
    if threat is None or modality not in ("intended", "conditional"):
        return code, ""
    tok = verb
    for _ in range(4):
        if any(_condition_clause(c) for c in tok.children):
            return threat, " +builtin:conditional-threat"
        if tok.dep_ not in ("xcomp", "ccomp", "conj") or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.lemma_ in THREAT_GOVERNORS:
            return threat, " +builtin:conditional-threat"
    return code, ""


def stated_threat(code: str) -> str | None:
    """The 13x threat for a conflictual deed its actor states it will do ("will boycott" 131, "plans
    to impose restrictions" 132); a show of force (15: "will deploy troops") is a posture, no threat."""
    return None if code.startswith("15") else _threat_for(code)


def _threat_for(code: str) -> str | None:
    return next((t for prefix, t in THREAT_BY_PREFIX if code.startswith(prefix)), None)


# -- self-directed yielding -------------------------------------------------------


def self_directed_targets(
    sc: _SentenceCoder, verb: Token, code: str, sources: Sequence[CodedActor]
) -> list[CodedActor]:
    """A government's or agent's yielding with no other actor in its clause: its own country."""
    if not code.startswith(SELF_YIELD_CODES + SELF_RESTRICT_CODES) or len({s.code for s in sources}) != 1:
        return []
    source = sources[0]
    country = source.code[:3]
    if len(source.code) <= 3 or country == BARE_AGENT or country in cameo.actor_type_codes():
        return []  # a bare country has no other side to yield to; an IGO or --- has no country
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return []  # "have been freed": the subject is the one released, not the one yielding
    if any(_names_someone(c, sc) for c in verb.children if c.dep_ in ("dobj", "dative")):
        return []  # "freed the blogger", "pardoned him": done to the people named
    clause = _asserted_clause(sc, verb)
    if clause is None:
        return []
    words = {t.i for t in clause}
    home: Span | None = None
    for hit in (h for h in sc.hits if h.kind == "actor" and any(i in words for i in range(h.start, h.end))):
        named = resolve_code(hit.codes, sc.day)
        if named and named[:3] != country:
            return []  # "lifted restrictions on travel to Cuba": yielding to someone named
        if named and home is None and not source.start_token <= hit.start < source.end_token and _in_verb_object(
                sc.doc[hit.end - 1], verb):
            home = sc.doc[hit.start : hit.end]
    if home is None:
        # (a place the gazetteer does not know, "in Maungtaw district", is still where the deed is done)
        home = next((e for e in _place_names(sc) if e.root.i in words and _in_verb_object(e.root, verb)
                     and getattr(sc._lookup_in_story(e.text, [country]), "country", country) == country), None)
    if home is not None:
        # "surrendered in Afghanistan's Faryab province", "a curfew in the city of Lahore": the country
        # is named where the deed is done
        return [CodedActor(country, home.start, home.end, home.start_char, home.end_char, home.text,
                           ("builtin:self-directed",) + source.origins, False)]
    return [
        CodedActor(country, source.start_token, source.end_token, source.start, source.end, source.text,
                   ("builtin:self-directed",) + source.origins, False)
    ]


# -- instruments in the object ------------------------------------------------------


def destination_over_bare_agent(
    sc: _SentenceCoder, verb: Token, sources: Sequence[CodedActor], targets: Sequence[CodedActor], code: str = ""
) -> list[CodedActor]:
    """Named actors of a to/against/into phrase when every target found is a country-less agent,
    or, for a deed that sends or moves people, the source's own personnel ("sent its troops to
    Lebanon", "sending troops to the UN force in South Sudan": troops the story's place gave a
    country are still the sender's). A deployment or a withdrawal also goes "in" or "from" a
    place, and a town the dictionaries lack is its country's ("deployed troops in Gao")."""
    movement = code.startswith(SENDING_PREFIXES)
    if not all(t.code.startswith(BARE_AGENT) or (movement and _own_personnel(t, sources)) for t in targets):
        return []
    src = {s.code for s in sources}
    # "fired cruise missiles at Libyan air defences": a weapon is aimed at, not sent to
    weapons = all(sc.doc[t.end_token - 1].lemma_.lower() in WEAPON_NOUNS for t in targets)
    # "accepted refugees from Afghanistan": people come from where they belong (the parser hangs
    # the phrase on the verb); a weapon fired from a place is where the attacker stood, and a march
    # "on parliament from the hotel" starts somewhere
    people = all(t.code.endswith(PEOPLE_SECTORS) for t in targets)
    preps = DESTINATION_PREPS | AIMED_PREPS if weapons else DESTINATION_PREPS | ({"from"} if people else set())
    if code.startswith(PLACED_DEED_PREFIXES):
        preps = preps | STATIONED_PREPS
    # (the parser's dative "to" too: "offered to the US an armored regiment")
    for prep in (c for c in verb.children if (c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP"))
                 and c.lower_ in preps):
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            found = [a for a in sc.np_actors(noun) if not a.code.startswith(BARE_AGENT) and a.code not in src
                     and not (movement and _own_personnel(a, sources))]
            if found:
                return found
            if movement:
                found = _named_place(sc, noun, sources)
                if found:
                    return found
    if movement and not code.startswith(("15", "087")):
        # "offered to send troops to help the Philippines army": personnel sent to help someone (not
        # "to crush the rebels": a conflict act's purpose is its aim)
        for clause in (c for c in verb.children if c.dep_ == "advcl" and not any(g.dep_.startswith("nsubj") for g in c.children)
                       and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)):
            aim = sc.match(clause)
            if aim is None or aim.code[:2] not in COOPERATIVE_ROOTS:
                continue
            for obj in (g for g in clause.children if g.dep_ == "dobj"):
                found = [a for a in sc.np_actors(obj) if not a.code.startswith(BARE_AGENT) and a.code not in src
                         and not _own_personnel(a, sources)]
                if found:
                    return found
    return []


# Deeds that send, station or withdraw the source's own people: intents to help (03), visits and
# envoys (04), cooperation and aid (05-07), plain yielding ("contribute troops", 080), deployments
# and shows of force (15), withdrawals (087). Not a release (084): the people freed are its target.
SENDING_PREFIXES = ("03", "04", "05", "06", "07", "080", "087", "15")
# Where a deployment stands or a withdrawal leaves from: "deployed troops in Gao", "withdrew from".
STATIONED_PREPS = frozenset({"in", "at", "from", "inside"})
# People who come from a country: refugees, civilians, migrants ("accepted refugees from Afghanistan").
PEOPLE_SECTORS = ("REF", "CVL", "PPL")
# The sender's own personnel: agents a country sends (soldiers, police, agents, officials).
PERSONNEL_SECTORS = ("MIL", "COP", "SPY", "GOV")


def _own_personnel(actor: CodedActor, sources: Sequence[CodedActor]) -> bool:
    """Soldiers, police, agents or officials whose country is only the story's guess, or the
    source's own country: what the source sends, not whom it sends them to."""
    if not actor.code.endswith(PERSONNEL_SECTORS) or len(actor.code) <= 3:
        return False
    if actor.code.startswith(BARE_AGENT) or "context:story-country" in actor.origins:
        return True
    return any(actor.code[:3] == s.code[:3] and actor.code != s.code for s in sources) and cameo.is_country(actor.code[:3])


def _plausible_country(sc: _SentenceCoder, country: str, sources: Sequence[CodedActor]) -> bool:
    """A town's country the story supports: the source's own, one the story has named, or one an
    actor of the sentence names. A town the gazetteer finds abroad with nothing else pointing there
    is more likely a namesake ("the abandoned position of Beaufort Castle" in Lebanon is no
    Beaufort, Malaysia)."""
    if any(s.code[:3] == country for s in sources) or country in sc.ctx.countries.known():
        return True
    return any((resolve_code(h.codes, sc.day) or "")[:3] == country for h in sc.hits if h.kind == "actor")


def _named_place(sc: _SentenceCoder, noun: Token, sources: Sequence[CodedActor]) -> list[CodedActor]:
    """The country of a town the gazetteer knows, named in the phrase of `noun` ("the town of Gao"),
    when it is not a bare source's own country."""
    own = {s.code for s in sources}
    for ent in (e for e in _place_names(sc) if noun.left_edge.i <= e.root.i <= noun.right_edge.i):
        place = sc._lookup_in_story(ent.text, [s.code[:3] for s in sources])
        if place is not None and place.country and place.country not in own and _plausible_country(sc, place.country, sources):
            return [CodedActor(place.country, ent.start, ent.end, ent.start_char, ent.end_char, ent.text,
                               (PLACED_DEED_RULE, "gazetteer"), False)]
    return []


# -- places attacked, cargo delivered ------------------------------------------------

ATTACKED_PLACE_RULE = "builtin:attacked-place"
CARRIED_TO_RULE = "builtin:carried-to"
# Assaults, fighting and mass violence are done to where they land; a statement or a
# coercive act (arrests) is not aimed at a town.
ATTACK_ROOTS = ("18", "19", "20")
PLACED_DEED_RULE = "builtin:placed-deed"
# Deeds done where they happen, to the people of that place, at home as abroad: de-escalation
# (087x: a ceasefire, a retreat), shows of force and deployments (15x), curfews, states of
# emergency and martial law (172x). Not meetings or statements: a meeting place is no party.
PLACED_DEED_PREFIXES = ("087", "15", "172")
# Dependencies from the verb down to the place named in its object or locative phrase: no
# clause of its own on the way ("the city where X was born").
_PLACE_PATH_DEPS = frozenset({"dobj", "prep", "pobj", "conj", "compound", "appos", "poss", "nmod"})
# Prepositions that do not put the deed at the place: "fired from Gaza" is where the attacker was.
_NOT_AT_PREPS = frozenset({"from", "after", "before", "since", "during", "until", "by", "with", "like"})
# The aid a carrier brings ("carrying medical supplies") and the arrival that brings it.
CARGO_ROOTS = ("06", "07")
ARRIVAL_LEMMAS = frozenset({"land", "arrive", "reach", "dock", "enter", "touch"})


def _in_verb_object(tok: Token, verb: Token) -> bool:
    """`tok` lies in the verb's direct object or in a prepositional phrase of the verb (or of its
    object) that places the deed, with no clause in between."""
    for _ in range(12):
        head = tok.head
        if tok.dep_ not in _PLACE_PATH_DEPS or head.i == tok.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ in _NOT_AT_PREPS:
            return False
        if head.i == verb.i:
            return tok.dep_ in ("dobj", "prep")
        if head.pos_ in ("VERB", "AUX"):
            return False
        tok = head
    return False


def _place_names(sc: _SentenceCoder) -> list[Span]:
    """The sentence's place entities, and names a settlement noun introduces ("the northern city of
    Gao"), which are places whatever their label."""
    named = [t.doc[t.i : t.i + 1] for t in sc.tokens if t.pos_ == "PROPN" and t.dep_ == "pobj" and t.head.lower_ == "of"
             and t.head.head.lemma_.lower() in SETTLEMENT_NOUNS and t.ent_type_ not in PLACE_ENTS]
    return [e for e in sc.ents if e.label_ in PLACE_ENTS] + named


def attacked_place_targets(sc: _SentenceCoder, verb: Token, code: str, sources: Sequence[CodedActor]) -> list[CodedActor]:
    """"Russian aircraft bombed the centre of Gori": an attack whose object and locatives name no
    party hits the country of the town it names, when that is not the attacker's own country
    (an army shelling its own towns names no side, and is left alone). "Declared a ceasefire in
    Hodeidah", "troops remained on alert in Manila", "imposed a curfew in Pando": a truce, a show
    of force or a restriction on a place's people falls on that place's country, at home too
    (`builtin:placed-deed`); only a bare country is never its own counterpart."""
    placed = code.startswith(PLACED_DEED_PREFIXES)
    if not code.startswith(ATTACK_ROOTS) and not placed:
        return []
    own = {s.code for s in sources} if placed else {s.code[:3] for s in sources}
    for ent in _place_names(sc):
        if not _in_verb_object(ent.root, verb):
            continue
        # a curfew or a truce is most often at home: the source's country ranks first ("in Pando")
        place = sc._lookup_in_story(ent.text, [s.code[:3] for s in sources] if placed else ())
        if place is None or not place.country or place.country in own:
            continue
        if placed and not _plausible_country(sc, place.country, sources):
            continue
        return [CodedActor(place.country, ent.start, ent.end, ent.start_char, ent.end_char, ent.text,
                           (PLACED_DEED_RULE if placed else ATTACKED_PLACE_RULE, "gazetteer"), False)]
    return []


VICTIMS_RULE = "builtin:victims"
# Participles that name who an attack hit: "blew themselves up at a cafe, killing 20 people".
HARM_LEMMAS = frozenset({"kill", "wound", "injure"})


def victims_of_attack(sc: _SentenceCoder, verb: Token, code: str, sources: Sequence[CodedActor]) -> list[CodedActor]:
    """"Three bombers blew themselves up at two cafes, killing 20 people": an attack whose object
    and places name no party hit the people its killing participle names."""
    if not code.startswith(ATTACK_ROOTS):
        return []
    own = {s.code for s in sources}
    for harm in (c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in HARM_LEMMAS):
        if any(g.dep_ in ("nsubj", "mark") for g in harm.children):
            continue  # a clause of its own, not the attack's outcome
        for obj in (g for g in harm.children if g.dep_ == "dobj"):
            found = [a for a in sc.np_actors(obj) if a.code not in own and not a.code.startswith(BARE_AGENT)]
            if found:
                return [replace(a, origins=(VICTIMS_RULE,) + a.origins) for a in found]
    return []


def carried_to_targets(sc: _SentenceCoder, verb: Token, code: str, sources: Sequence[CodedActor]) -> list[CodedActor]:
    """"A U.S. plane carrying medical supplies landed in Tbilisi": the participle's aid goes to
    the party of the place the carrier arrived at (its in/at/to phrase or its object)."""
    if not code.startswith(CARGO_ROOTS) or verb.dep_ != "acl" or verb.tag_ != "VBG":
        return []
    carrier = verb.head
    arrival = carrier.head
    if carrier.dep_ != "nsubj" or arrival.lemma_.lower() not in ARRIVAL_LEMMAS:
        return []
    own = {s.code for s in sources}
    places = [c for c in arrival.children if c.dep_ == "dobj"]
    places += [g for p in arrival.children if p.dep_ == "prep" and p.lower_ in ("in", "at", "to", "into", "on")
               for g in p.children if g.dep_ == "pobj"]
    for noun in places:
        found = [a for a in sc.np_actors(noun) if a.code not in own and not a.code.startswith(BARE_AGENT)]
        if found:
            return [replace(a, origins=(CARRIED_TO_RULE,) + a.origins) for a in found]
    return []


def _asserted_clause(sc: _SentenceCoder, verb: Token) -> list[Token] | None:
    """The tokens of the verb's clause and of the intent verbs that govern it ("agreed to step
    down"); None when the verb is not the sentence's own assertion or stated intent: the
    content of a demand ("demands that the government grant..."), a refusal ("refuses to
    lift"), or a noun's complement ("an offer to extend")."""
    clause = list(sc.event_tokens(verb))
    tok = verb
    for _ in range(4):
        if tok.dep_ == "ROOT":
            return clause
        head = tok.head
        if tok.dep_ == "conj":
            tok = head
        elif tok.dep_ == "xcomp" and (head.lemma_ in INTENT_HEADS or head.lemma_ in INTENT_ADJECTIVES):
            clause += sc.event_tokens(head)
            tok = head
        elif tok.dep_ == "acomp" and head.lemma_ == "be":  # "is ready to": the adjective's copula
            tok = head
        elif tok.dep_ == "ccomp" and head.lemma_ in SAY_LEMMAS:
            return clause  # reported: "says the prime minister has agreed to resign"
        else:
            return None
    return None


def _names_someone(noun: Token, sc: _SentenceCoder) -> bool:
    """A person, group or actor as the object: a pronoun, a named entity, a dictionary hit."""
    if noun.pos_ == "PRON" or noun.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"):
        return True
    span = {t.i for t in np_tokens(noun)}
    # an agent names someone only as the head ("freed the prisoners", not "its military operations")
    return any(h.start in span if h.kind == "actor" else h.start <= noun.i < h.end for h in sc.hits)


# -- refusals -------------------------------------------------------------------------

# Auxiliaries that make a negated verb a refusal of the future: "will not", "won't", "cannot";
# "would not" only in reported speech ("said they would not release"), where it is the future
# of the past; elsewhere it is conditional ("would not accept a deal that ...").
REFUSAL_AUX = frozenset({"will", "wo", "'ll", "shall", "can", "ca"})
REPORTED_FUTURE_AUX = frozenset({"would"})


def refusal(sc: _SentenceCoder, verb: Token, match: VerbMatch) -> tuple[VerbMatch, Modality] | None:
    """A negated cooperative verb with a future or "cannot" auxiliary of its own is a refusal made
    now ("will not lift the ban" 1244), not an event that did not happen: the match recoded as
    CAMEO 12x and the refusal's modality. None for anything else (past negation "did not
    attack", a negated governor "did not agree to lift", conflict codes "will not attack")."""
    if match.negation_in_pattern:
        return None
    children = list(verb.children)
    neg = [c for c in children if c.dep_ == "neg"]
    if not neg or any(g.lower_ == "only" for n in neg for g in n.children) or _next_word(neg[-1]) == "only":
        return None  # "will not only release ... but" is no refusal
    auxes = {c.lower_ for c in children if c.dep_ == "aux"}
    reported = _reported(sc, verb)
    if not (auxes & REFUSAL_AUX or (reported and auxes & REPORTED_FUTURE_AUX)):
        return None
    code = cameo.refusal_code(match.code)
    if code is None:
        return None
    return replace(match, code=code, reverse_code=None), "reported" if reported else "asserted"


def refused_complement(sc: _SentenceCoder, verb: Token, match: VerbMatch) -> tuple[VerbMatch | None, Modality] | None:
    """The infinitive complement of a refusing verb ("refused to lift the sanctions", "declined to
    release them") was refused, not done: the match recoded as the 12x refusal of that cooperation,
    or None for a refused deed that is no cooperation ("refused to attack": no event at all). None
    (not applicable) when the verb is no such complement or the refusal is negated."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i or head.lemma_.lower() not in REFUSAL_HEADS or match.negation_in_pattern:
        return None
    if any(c.dep_ == "neg" for c in head.children):
        return None  # "did not refuse to meet": no refusal; the complement is left as it was
    code = cameo.refusal_code(match.code)
    modality: Modality = "reported" if _reported(sc, head) else "asserted"
    return (replace(match, code=code, reverse_code=None) if code is not None else None), modality


CONSIDERED_OPTION = "014"


def considered_option(
    verb: Token, match: VerbMatch, match_of: Callable[[Token], VerbMatch | None] | None = None
) -> VerbMatch | None:
    """"is considering sending troops": CONSIDER's bare code (040) with a gerund complement is the
    policy option considered (014); a pattern ("considering imposing sanctions" 131) still decides,
    unless it threatens (13x) while the gerund is cooperation: "considering sending aid" matched
    WEIGH's "- * AID [1311]" (a threat to cut aid), but the option weighed is to give it."""
    if verb.lemma_.lower() != "consider":
        return None
    gerund = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"), None)
    if gerund is None:
        return None
    if match.pattern is not None:
        inner = match_of(gerund) if match_of is not None and match.code.startswith("13") else None
        if inner is None or not inner.code or inner.code[:2] not in COOPERATIVE_ROOTS:
            return None
    return replace(match, code=CONSIDERED_OPTION, reverse_code=None, origin=match.origin + " +builtin:considered-option")


DEMAND_RULE = " +builtin:demand-sense"
# Verbs that demand: CAMEO.2.0 files URGE's appeal patterns (02x) in the DEMAND block, so "demanded
# support" matched "- * SUPPORT [022] # URGE"; a demand is CAMEO's 10x of the same subdivision.
DEMAND_LEMMAS = frozenset({"demand", "insist"})
# Verbs of pressure: IMPEL's coercion (170) unless someone is pressed to do something, a demand.
PRESSURE_LEMMAS = frozenset({"pressure", "pressurize", "pressurise"})


def demand_sense(verb: Token, match: VerbMatch) -> VerbMatch | None:
    """"demanded support from X" is a demand (102), not the appeal (022) the pattern gives;
    "pressured the workers to cancel the strike" is a demand (100, then what is asked for), not
    coercion: only an object with an infinitive of its own asks something of someone."""
    lemma = verb.lemma_.lower()
    if lemma in DEMAND_LEMMAS and match.code.startswith("02"):
        code = cameo.demand_code(match.code)
        return replace(match, code=code, reverse_code=None, origin=match.origin + DEMAND_RULE) if code else None
    if lemma not in PRESSURE_LEMMAS or match.pattern is not None or not match.code.startswith("17"):
        return None
    if not any(c.dep_ == "dobj" for c in verb.children):
        return None  # "pressure mounted", "pressured by the crisis"
    if not any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in verb.children):
        return None  # "the army pressured the villagers": coercion
    return replace(match, code="100", reverse_code=None, origin=match.origin + DEMAND_RULE)


STREET_PROTEST_RULE = " +builtin:street-protest"
STREET_PROTEST_CODE = "141"
# People who protest in the street, not by statement: "students protested the arrest".
CROWD_NOUNS = frozenset(
    {"protester", "protestor", "demonstrator", "crowd", "student", "worker", "people", "resident", "villager",
     "farmer", "youth", "marcher", "supporter", "teacher", "miner", "trader", "employee", "mob"}
)
# Gatherings a protest is the purpose of: "converged for a rally to protest", "marched to protest".
GATHERING_WORDS = frozenset(
    {"rally", "march", "gather", "converge", "assemble", "demonstrate", "demonstration", "throng", "parade",
     "picket", "sit-in", "vigil", "protest", "strike"}
)


def street_protest(verb: Token, match: VerbMatch) -> VerbMatch | None:
    """"Thousands of students protested the arrest", "gathered for a rally to protest the
    violations": a protest by a crowd, or the purpose of a gathering, is a demonstration (141),
    not the verbal objection (11x) or support (053: "- * ARREST") the pattern gives; "France
    protested the arrest" stays verbal."""
    if verb.lemma_.lower() != "protest" or not match.code.startswith(("11", "05")):
        return None
    head = verb.head
    if verb.dep_ in ("advcl", "xcomp", "relcl", "acl") and head.i != verb.i and (
        head.lemma_.lower() in GATHERING_WORDS
        or any(c.dep_ == "dobj" and c.lemma_.lower() in GATHERING_WORDS for c in head.children)
    ):
        return replace(match, code=STREET_PROTEST_CODE, reverse_code=None, origin=match.origin + STREET_PROTEST_RULE)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("xcomp", "advcl", "conj") and head.i != verb.i:
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ in COUNT_NOUNS:  # "thousands of Nigerians", "a group of students"
        subject = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), subject)
        if subject.lower_ in COUNT_NOUNS or subject.tag_ == "NNPS" or subject.lemma_.lower() in CROWD_NOUNS:
            return replace(match, code=STREET_PROTEST_CODE, reverse_code=None, origin=match.origin + STREET_PROTEST_RULE)
    if subject.lemma_.lower() in CROWD_NOUNS and subject.tag_ in ("NNS", "NN"):
        return replace(match, code=STREET_PROTEST_CODE, reverse_code=None, origin=match.origin + STREET_PROTEST_RULE)
    return None


VERBAL_PROTEST_RULE = " +builtin:verbal-protest"
VERBAL_PROTEST_CODE = "110"
# Sectors whose protest is made in words (a diplomatic or official protest), not in the street.
OFFICIAL_SECTORS = ("GOV", "ELI", "LEG", "JUD")


def verbal_protest(sc: _SentenceCoder, verb: Token, match: VerbMatch) -> VerbMatch | None:
    """"Croatia protested that Serbia is violating the ceasefire", "Pakistan protested the shooting":
    PROTEST's bare code (140, a demonstration) does not fit a protest made in words, one with a
    clause of what was said or made by a state or its officials: disapproval (110, PLOVER ACCUSE).
    Students protesting keep the demonstration."""
    if verb.lemma_.lower() != "protest" or match.pattern is not None or not match.code.startswith("14"):
        return None
    said = any(c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX") for c in verb.children)
    if not said:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.lower_ in COUNT_NOUNS or subject.tag_ == "NNPS"
                                    or subject.lemma_.lower() in CROWD_NOUNS):
            return None  # "thousands of Pakistanis", "Pakistanis": people, not the state
        actors = sc.np_actors(subject) if subject is not None else []
        said = bool(actors) and all(
            cameo.is_country(a.code) and (len(a.code) == 3 or a.code[3:6] in OFFICIAL_SECTORS) for a in actors)
    if not said:
        return None
    return replace(match, code=VERBAL_PROTEST_CODE, reverse_code=None, origin=match.origin + VERBAL_PROTEST_RULE)


def _next_word(tok: Token) -> str:
    return tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""


def _reported(sc: _SentenceCoder, verb: Token) -> bool:
    """The verb is the content of a saying verb, or of a quote."""
    if sc.in_quote:
        return True
    tok = verb
    for _ in range(4):
        if tok.dep_ not in ("ccomp", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_ in SAY_LEMMAS:
            return True
    return False


# -- refusals and yielding under force ----------------------------------------------------

FORCED_YIELD_RULE = " +builtin:forced-yield"
# Verbs of making someone do something against their will.
# not "pressure": "pressured him to resign" is a demand (`demand_sense`); he has not resigned
FORCE_LEMMAS = frozenset({"force", "compel", "oblige", "coerce"})
YIELD_ROOT = "08"
# Leaving office under pressure is acceding to demands for a change in leadership (0831).
LEAVE_OFFICE_CODE, ACCEDE_CODE = "083", "0831"


def forced_yield(sc: _SentenceCoder, verb: Token) -> tuple[Token, VerbMatch] | None:
    """"forced him to resign", "compelled the government to release the prisoners": the object
    yields (08x; leaving office is 0831) to the verb's subject. Returns the yielding complement and
    its match, its target slot on the forcer (the complement's subject is the object already)."""
    if verb.lemma_.lower() not in FORCE_LEMMAS or sc.negated(verb):
        return None
    clause = verb.head if verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children) else verb
    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)  # "arrested X and forced him"
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subj is None or obj is None or not sc.np_actors(subj) or not sc.np_actors(obj):
        return None
    for deed in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
        inner = sc.match(deed)
        if inner is None or inner.code[:2] != YIELD_ROOT:
            continue
        code = ACCEDE_CODE if inner.code.startswith(LEAVE_OFFICE_CODE) else inner.code
        # "forced the government to release the prisoners": the released are the target; with no
        # object of its own ("to resign"), the yielding is to those who forced it
        own_object = any(c.dep_ in ("dobj", "prep") for c in deed.children)
        return deed, replace(inner, code=code, reverse_code=None, reverse_only=False,
                             target_at=None if own_object else subj.i)
    return None


# -- talks ruled out ----------------------------------------------------------------------

NO_TALKS_RULE = "builtin:no-talks"
REFUSE_TALKS_CODE = "125"
# Nouns of negotiating: "there will be no talks with X".
TALKS_NOUNS = frozenset({"talks", "dialogue", "negotiations", "negotiation", "deal", "compromise"})


def no_talks(sc: _SentenceCoder) -> list[tuple[Token, VerbMatch]]:
    """"Hamas said there would be no talks with Israel": an existential "no talks/dialogue with X"
    in a saying verb's content is the speaker's refusal to negotiate with X (125). The match's
    slots name the speaker and X; its verb is the "be"."""
    out = []
    for be in sc.tokens:
        if be.lemma_ != "be" or not any(c.dep_ == "expl" for c in be.children) or be.dep_ != "ccomp":
            continue
        if be.head.lemma_ not in SAY_LEMMAS:
            continue
        speaker = next((c for c in be.head.children if c.dep_ == "nsubj"), None)
        for noun in (c for c in be.children if c.dep_ == "attr" and c.lower_ in TALKS_NOUNS):
            if not any(d.dep_ == "det" and d.lower_ == "no" for d in noun.children):
                continue
            other = next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "with"
                          for g in p.children if g.dep_ == "pobj"), None)
            if speaker is None or other is None or not sc.np_actors(other):
                continue
            out.append((be, VerbMatch(block="NO_TALKS", code=REFUSE_TALKS_CODE, reverse_code=None, origin=NO_TALKS_RULE,
                                      pattern=None, particle=None, source_at=speaker.i, target_at=other.i,
                                      negation_in_pattern=False)))
    return out


# -- meetings written as nouns ---------------------------------------------------------

NOMINAL_MEETING_RULE = "builtin:nominal-meeting"
# Nouns of a meeting held, with their CAMEO code: negotiation (046), a meeting (040).
MEETING_NOUNS = {"talks": "046", "negotiations": "046", "meeting": "040", "summit": "040", "visit": "042",
                 "trip": "042"}
# The host of a visit: CAMEO 043 (host a visit) is the visit seen from the other side.
VISIT_CODE, HOST_CODE = "042", "043"
# Prepositions that put the clause's deed inside the meeting: it took place ("at talks in the
# Kremlin", "on a visit to Ankara"); "before talks" may not have, and "for talks" is a purpose.
MEETING_PREPS = frozenset({"at", "during", "after", "following", "in", "on"})


def nominal_meetings(sc: _SentenceCoder) -> list[tuple[Token, Token, str, list[CodedActor], bool]]:
    """(meeting noun, the clause verb it is a circumstance of, code, the other side, whether the
    other side is the seat the meeting was held in) for each
    meeting a clause says its subject was at: "at talks with Medvedev", "during a meeting with
    the prime minister", "at talks in the Kremlin" (a seat of government: an actor with a sector,
    not a city, which names no one met)."""
    out = []
    for noun in sc.tokens:
        code = MEETING_NOUNS.get(noun.lower_)
        if code is None or noun.dep_ != "pobj" or noun.head.lower_ not in MEETING_PREPS:
            continue
        host = noun.head.head
        for _ in range(6):  # "won backing for a plan at talks": climb the object's phrases to the verb
            if host.pos_ in ("VERB", "AUX") or host.dep_ not in ("pobj", "dobj", "prep") or host.head.i == host.i:
                break
            host = host.head
        if host.pos_ != "VERB" or (noun.head.lower_ == "on" and code != VISIT_CODE):
            continue  # "on talks" is a topic; "on a visit" is where one was
        if host.lemma_.lower() in STANCE_PARTICIPLES | FEELING_PARTICIPLES:
            continue  # "opposed to mediation in negotiations with Syria": the talks are what is opposed
        if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children):
            continue  # "during Xi's visit to Washington": someone else's meeting
        others: list[CodedActor] = []
        seat = False
        wanted = ("to",) if code == VISIT_CODE else ("with", "in")
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in wanted):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                found = [a for a in sc.np_actors(pobj) if not a.code.startswith(BARE_AGENT)]
                if prep.lower_ == "in":
                    found = [a for a in found if len(a.code) > 3 and cameo.country_of(a.code) is not None]
                if found and not others:
                    others, seat = found, prep.lower_ == "in"
        if others:
            out.append((noun, host, code, others, seat))
    return out


# -- events written as nouns that the clause says took place -----------------------------

NOMINAL_EVENT_RULE = "builtin:nominal-event"
# Nouns of an event between two parties, with their CAMEO code and the prepositions that name
# the party acted on ("Putin's visit to Pyongyang", "the arrest of X by police").
EVENT_NOUNS: dict[str, tuple[str, tuple[str, ...]]] = {
    # meetings, as `nominal_meetings` reads them: a visit "to" its host, talks "with" the other side
    **{noun: (code, ("to",) if code == VISIT_CODE else ("with",)) for noun, code in MEETING_NOUNS.items()},
    "arrest": ("173", ("of",)), "detention": ("173", ("of",)), "abduction": ("181", ("of",)),
    "kidnapping": ("181", ("of",)), "assassination": ("186", ("of",)), "expulsion": ("174", ("of",)),
    "deportation": ("174", ("of",)), "invasion": ("192", ("of",)), "occupation": ("192", ("of",)),
    "blockade": ("191", ("of", "on")), "offensive": ("190", ("against", "on")),
    "attack": ("190", ("on", "against")), "attacks": ("190", ("on", "against")),
    "airstrike": ("195", ("on", "against")), "airstrikes": ("195", ("on", "against")),
}
# A meeting is between its parties: "talks between Armenia and Azerbaijan" go both ways.
MUTUAL_CODES = frozenset({"040", "046"})
# Verbs by which a clause says its subject event took place then: it began, went on, ended, was
# held ("talks between A and B resumed on Monday", "the meeting lasted four hours"); not what it
# caused ("the invasion drew condemnation" speaks of an earlier event) nor what is planned.
OCCURRENCE_LEMMAS = frozenset({"begin", "start", "resume", "continue", "end", "conclude", "open", "last", "close",
                               "collapse", "stall", "hold", "take", "go", "get", "proceed", "restart", "wrap"})
# Modifiers that make the event not (yet) one: "a possible visit", "the planned talks".
UNREAL_MODIFIERS = frozenset({"possible", "planned", "proposed", "upcoming", "future", "potential", "expected",
                              "next", "scheduled", "mooted", "rumoured", "rumored", "alleged", "no"})


def occurring_events(sc: _SentenceCoder) -> list[tuple[Token, Token, str, list[CodedActor], list[CodedActor]]]:
    """(event noun, the clause verb saying it took place, code, doers, those acted on) for each event
    noun that is the subject of an occurrence verb: "Talks between Armenia and Azerbaijan resumed",
    "Putin's visit to North Korea began", "the arrest of the opposition leader by police was carried
    out" is not (a clause about the noun's own verb codes that). The doer is the noun's possessive, its
    "by" phrase or a nationality adjective on it ("the Russian invasion of Ukraine"); the other side
    its own preposition's object; "between A and B" names both sides of a meeting."""
    out = []
    for noun in sc.tokens:
        spec = EVENT_NOUNS.get(noun.lower_)
        if spec is None or noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.lemma_ not in OCCURRENCE_LEMMAS:
            continue
        if any(c.lower_ in UNREAL_MODIFIERS for c in noun.children):
            continue
        code, target_preps = spec
        doers: list[CodedActor] = []
        acted_on: list[CodedActor] = []
        for c in noun.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                doers = doers or sc.np_actors(c)
            elif c.dep_ == "amod" and c.ent_type_ == "NORP":
                doers = doers or sc.np_actors(c)
            elif c.dep_ in ("prep", "agent") and c.lower_ == "by":
                doers = doers or [a for g in c.children if g.dep_ == "pobj" for a in sc.np_actors(g)]
            elif c.dep_ == "prep" and c.lower_ in target_preps:
                acted_on = acted_on or [a for g in _pobjs(c) for a in sc.np_actors(g)]
            elif c.dep_ == "prep" and c.lower_ == "between" and code in MUTUAL_CODES:
                both = [a for g in _pobjs(c) for a in sc.np_actors(g)]
                if len({cameo.country_of(a.code) or a.code for a in both}) >= 2:
                    doers, acted_on = both[:1], both[1:]
        doers = [a for a in doers if not a.code.startswith(BARE_AGENT)]
        acted_on = [a for a in acted_on if {a.code} != {d.code for d in doers}]
        if doers and acted_on:
            out.append((noun, noun.head, code, doers, acted_on))
    return out


def _pobjs(prep: Token) -> list[Token]:
    """A preposition's objects with their conjuncts ("between Armenia and Azerbaijan")."""
    return [t for g in prep.children if g.dep_ == "pobj" for t in (g, *g.conjuncts)]


# -- allegations backed by evidence ----------------------------------------------------

EVIDENCE_RULE = "builtin:evidence-accusation"
ACCUSE_CODE = "112"
# Verbs by which a thing found bears out a claim: "files showed that ...", "tests proved ...".
EVIDENCE_LEMMAS = frozenset({"show", "prove", "reveal", "indicate", "suggest", "demonstrate", "confirm"})
# What an alleged deed is, for the accusation: conflict (10-20), or help given to armed men
# outside the state ("offered the rebels money"), which is the accused's wrong, not aid.
_ALLEGED_ROOTS = tuple(f"{r:02d}" for r in range(10, 21))
_ARMED_GROUPS = ("REB", "INS", "UAF", "IMG")


def evidence_accusation(sc: _SentenceCoder, verb: Token) -> tuple[VerbMatch, Token] | None:
    """"X said files found at the camp showed (that) Y had paid the rebels": a speaker who says a
    thing found shows another actor did wrong accuses that actor (112 from the speaker to the
    deed's subject); the deed is alleged, not established, and is not coded. Returns the match
    for the evidence verb (its slots name the speaker and the accused) and the alleged clause."""
    if verb.lemma_.lower() not in EVIDENCE_LEMMAS or verb.dep_ != "ccomp" or verb.head.lemma_ not in SAY_LEMMAS:
        return None
    thing = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if thing is None or speaker is None or thing.pos_ != "NOUN" or sc.np_actors(thing):
        return None  # "Iran showed that ...": an actor's own deed, not evidence
    speakers = {a.code for a in sc.np_actors(speaker)}
    for deed in (c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")):
        accused = next((g for g in deed.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        found = sc.np_actors(accused) if accused is not None else []
        inner = sc.match(deed)
        if not found or not speakers or {a.code for a in found} & speakers or inner is None or not inner.code:
            continue
        objects = sc.objects(deed, found, with_clause=False, locatives=False)
        wrong = inner.code.startswith(_ALLEGED_ROOTS) or any(o.code[3:6] in _ARMED_GROUPS for o in objects)
        if not wrong:
            continue
        match = VerbMatch(block="EVIDENCE", code=ACCUSE_CODE, reverse_code=None, origin=EVIDENCE_RULE, pattern=None,
                          particle=None, source_at=speaker.i, target_at=accused.i, negation_in_pattern=False)
        return match, deed
    return None


# -- deontic statements: demands ----------------------------------------------------------

# Modal auxiliaries of obligation: "must release", "should withdraw".
DEONTIC_AUX = frozenset({"must", "should"})
DEMAND_ROOT = "10"
GENERIC_DEMAND = "100"


def deontic_demand(sc: _SentenceCoder, verb: Token, match: VerbMatch) -> tuple[VerbMatch, Token] | None:
    """"Russia said on Tuesday that Sudan must return the helicopter": a saying verb whose content
    clause puts another actor under an obligation (must/should) is a demand from the speaker to
    that actor, coded with what is demanded (cameo.request_code: return 084 -> 1053; 100 when
    the content has no cooperative code). The match recoded as the demand, with the content
    subject as its target slot, and the content clause (to be consumed: it has not happened).
    None when the verb is no saying verb, the content has no such modal, or its subject names
    no actor other than the speaker ("Russia said it must respond" is no demand)."""
    if not (match.code.startswith("01") or verb.lemma_ in SAY_LEMMAS):
        return None
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")):
        if not any(g.dep_ == "aux" and g.lower_ in DEONTIC_AUX for g in clause.children):
            continue
        subj = next((g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON":
            continue  # "said it must": most often the speaker itself
        speakers = {a.code for a in sc.subjects(verb)[0]}
        if not speakers or not [a for a in sc.np_actors(subj) if a.code not in speakers]:
            continue
        inner = sc.match(clause)
        asked = cameo.request_code(inner.code, DEMAND_ROOT) if inner is not None and inner.code else None
        if any(g.dep_ == "neg" for g in clause.children):
            asked = None  # "must not": what is demanded is an abstention, no coded deed
        return replace(match, code=asked or GENERIC_DEMAND, reverse_code=None, target_at=subj.i), clause
    return None


# -- compound actor slots ---------------------------------------------------------------


def compound_members(sc: _SentenceCoder, token_index: int | None) -> list[CodedActor]:
    """The actors of the whole list a `%` slot found ("The Philippines and France": the slot lands
    on the member nearest the verb, so climb to the first conjunct); [] unless the list names at
    least two different actors."""
    if token_index is None:
        return []
    tok = sc.doc[token_index]
    while tok.dep_ in ("compound", "amod", "poss", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    found = sc.np_actors(tok)
    return found if len({a.code for a in found}) >= 2 else []


# -- the speaker's reported "would" -------------------------------------------------------


def speaker_would(verb: Token) -> bool:
    """"Israel announced it would free the prisoners": "would" on the content of a saying or
    promising verb, with the speaker's own subject (a pronoun, as the reported-subject rule resolves
    it, or a phrase the speaker owns: "pledged that his government would help"), no "if" and no
    "have" ("would have freed" is counterfactual) is the future of the past: a stated intent."""
    children = list(verb.children)
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if "would" not in auxes or "have" in auxes or any(c.dep_ == "mark" and c.lower_ == "if" for c in children):
        return False
    subj = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    owned = subj is not None and any(c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS for c in subj.children)
    if subj is None or not (subj.pos_ == "PRON" or owned):
        return False
    return verb.dep_ == "ccomp" and verb.head.i != verb.i and verb.head.lemma_ in SAY_LEMMAS | INTENT_HEADS


# Possessive pronouns that tie a reported clause's subject to its speaker ("his government").
OWNER_PRONOUNS = frozenset({"his", "her", "its", "their"})


ATTITUDE_RULE = "builtin:attitude-predicate"


def attitude_predicate(verb: Token) -> VerbMatch | None:
    """"said it is skeptical of the plan", "remained optimistic": a copula whose predicate adjective
    states a pessimistic or optimistic attitude is that comment (012/013), the copula its verb; so is
    a stance toward someone ("is critical of Y" 111, `STANCE_ADJECTIVES`).
    None for any other verb, and for an attitude that governs an infinitive ("confident to win")."""
    if verb.pos_ == "VERB" and verb.lower_ in HOPE_WORDS and any(c.dep_ == "ccomp" for c in verb.children):
        # "said it hoped that X would ...": the hope is the comment ("hoped to resume" is an intent)
        return VerbMatch(block="ATTITUDE", code="013", reverse_code=None, origin=ATTITUDE_RULE, pattern=None,
                         particle=None, source_at=None, target_at=None, negation_in_pattern=False)
    if verb.lemma_.lower() not in COPULAS:
        return None
    for adj in (c for c in verb.children if c.dep_ == "acomp"):
        code = ATTITUDE_ADJECTIVES.get(adj.lower_) or _stance_code(adj)
        if code is not None and not any(g.dep_ == "xcomp" for g in adj.children):
            return VerbMatch(block="ATTITUDE", code=code, reverse_code=None, origin=ATTITUDE_RULE, pattern=None,
                             particle=None, source_at=None, target_at=None, negation_in_pattern=False)
    return None


# auxiliaries that make a predicate a possibility, not a finding ("would be responsible for")
_MODAL_AUX = CONDITIONAL_AUX | DEONTIC_AUX


def stative_participle(verb: Token, agent: Token | None) -> bool:
    """"Israel is opposed to French mediation", "Japan was concerned by the launch": a participle
    "passive" that states the subject's stance or feeling; the subject holds it, the phrase after
    it names what it is about. A stance with a "by" agent is a real passive ("was opposed by Russia")."""
    if verb.tag_ != "VBN":
        return False
    lemma = verb.lemma_.lower()
    if lemma in FEELING_PARTICIPLES:
        return True
    return lemma in STANCE_PARTICIPLES and agent is None


def culpable_predicate(deed: Token) -> Token | None:
    """The copula whose subject did `deed`, a gerund that a culpability adjective pins on it: "the
    rebels are guilty of violating the ceasefire", "was responsible for killing the envoy". None for
    any other gerund, and for a denied or hypothetical finding ("is not guilty of", "would be
    responsible for"), whose deed has no doer here."""
    prep = deed.head
    if deed.tag_ != "VBG" or prep.dep_ != "prep":
        return None
    adj = prep.head
    if prep.lower_ not in CULPABLE_ADJECTIVES.get(adj.lower_, ()) or adj.dep_ != "acomp":
        return None
    copula = adj.head
    if copula.lemma_.lower() not in COPULAS:
        return None  # "was found guilty of killing": a verdict, coded as such (FOUND * GUILTY)
    if any(c.dep_ == "neg" for c in (*copula.children, *adj.children)):
        return None
    if any(c.dep_ == "aux" and c.lower_ in _MODAL_AUX for c in copula.children):
        return None
    return copula


def _stance_code(adj: Token) -> str | None:
    """"critical of Y", "supportive of Y": the code of a stance adjective (`STANCE_ADJECTIVES`) when
    it has the preposition the stance needs."""
    entry = STANCE_ADJECTIVES.get(adj.lower_)
    if entry is None:
        return None
    preps, code = entry
    if preps is not None and not any(c.dep_ == "prep" and c.lower_ in preps for c in adj.children):
        return None
    return code


def hoped_content(verb: Token) -> list[Token]:
    """The clauses a hope governs, which are wished for and not done: the finite clause under the
    verb "hope" ("hoped that Arnor would lift the siege"), or under a "hope" noun the verb takes as
    its object ("voiced hope that the new government will help"). [] for anything else."""
    if verb.pos_ == "VERB" and verb.lower_ in HOPE_WORDS:
        return [c for c in verb.children if c.dep_ == "ccomp"]
    clauses = []
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in HOPE_WORDS):
        clauses += [c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX")]
        # the parser may hang the "that" clause on the verb itself, after the noun
        clauses += [c for c in verb.children if c.dep_ == "ccomp" and c.i > obj.i]
    return clauses


ORDERED_DEED_RULE = " +builtin:ordered-deed"


def ordered_deed(verb: Token) -> tuple[Token, Token] | None:
    """(order verb, patient) when `verb` is a bare past participle ordered done: "ordered the judge
    confined", "had the envoy arrested". The parser reads the patient as the participle's subject;
    a complement with its own auxiliary, marker or object ("ordered that troops withdrew") is none."""
    if verb.tag_ not in ("VBN", "VBD") or verb.head.i == verb.i:
        return None
    if any(c.dep_ in ("aux", "auxpass", "mark", "dobj", "nsubjpass", "agent") for c in verb.children):
        return None
    if verb.dep_ == "acl" and verb.head.dep_ == "dobj" and verb.head.i < verb.i:
        # "ordered the envoy detained" may hang the participle on the patient
        order, patient = verb.head.head, verb.head
    elif verb.dep_ in ("ccomp", "xcomp", "oprd"):
        order = verb.head
        patient = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if patient is None:
            # "ordered him confined" may hang the patient on the order verb as its object
            patient = next((c for c in order.children if c.dep_ == "dobj" and c.i < verb.i), None)
    else:
        return None
    if order.lemma_.lower() not in ORDER_HEADS or order.pos_ not in ("VERB", "AUX") or patient is None:
        return None
    return order, patient


def ordered_deeds(verb: Token) -> list[Token]:
    """The deeds an order verb has done (`ordered_deed`): when one is coded, the order is no demand."""
    near = [g for c in verb.children for g in [c, *(g for g in c.children if c.dep_ == "dobj")]]
    return [c for c in near if (found := ordered_deed(c)) is not None and found[0].i == verb.i]
