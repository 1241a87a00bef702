"""Agentless passives: who did it when no `by` phrase says so (issue 12, error class 8).

"The ambassador was summoned to the Foreign Ministry": no agent, but the
institution the passive subject was brought to or before is the one that acted;
its country comes from the story (`story_country`). Only institutions count,
never a bare country or place ("was deported to Mexico" names no deporter).
A passive with a `by` agent takes that agent as its source (`Coder.subjects`).

"Three soldiers were killed in a Turkish air strike": the attack the victims died in
names its attacker, by a nationality or owner before the attack noun or a `by` phrase on
it ("in an air strike by government forces"); that attacker is the source
(`attack_noun_source`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Token

from eventwire.cameo import country_of
from eventwire.coding.actors import CodedActor

RULE = "builtin:agentless-passive"
ATTACK_RULE = "builtin:attacker-of-passive"
# "summoned to the ministry", "called in at the ministry", "brought before the court"
INSTITUTION_PREPS = frozenset({"to", "at", "before", "into"})
# Fire that names who fired it ("killed in Turkish mortar fire"), besides the coder's attack nouns
FIRE_NOUNS = frozenset({"fire", "gunfire", "shellfire", "airstrike", "shelling", "bombing", "bombardment"})
# What fires it: "mortar fire", "army shelling", not "factory fire"
WEAPON_WORDS = frozenset({"mortar", "artillery", "tank", "sniper", "gun", "machine", "machinegun", "rocket",
                          "missile", "army", "navy", "naval", "helicopter", "gunship", "police", "troop", "cannon"})


def agentless_passive_source(
    verb: Token, targets: Sequence[CodedActor], np_actors: Callable[[Token], list[CodedActor]]
) -> list[CodedActor]:
    """The institution an agentless passive's subject was brought to, as the event's source;
    [] when the verb has a `by` agent, no passive subject, or no such institution."""
    children = list(verb.children)
    if not any(c.dep_ == "nsubjpass" for c in children) or any(c.dep_ == "agent" for c in children):
        return []
    taken = {t.code for t in targets}
    for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in INSTITUTION_PREPS):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            found = [
                a for a in np_actors(pobj)
                # an institution of a known country: a country code plus an agent, not a bare country
                if len(a.code) > 3 and country_of(a.code) is not None and a.code not in taken and not a.is_person
            ]
            if found:
                return [replace(a, origins=(RULE,) + a.origins) for a in found]
    return []


def attack_noun_source(
    verb: Token, targets: Sequence[CodedActor], np_actors: Callable[[Token], list[CodedActor]],
    attack_nouns: frozenset[str],
) -> list[CodedActor]:
    """The attacker named by the attack an agentless passive's subject suffered ("were killed IN
    AN ISRAELI AIR STRIKE", "wounded in a raid by government forces"); [] when the verb has a
    `by` agent or no such phrase. Only the attack noun's own modifiers before it, or its `by`
    phrase, count: "in an attack on Kabul" or "in a bombing in Kabul" names no attacker."""
    children = list(verb.children)
    if any(c.dep_ == "agent" for c in children):
        return []
    if not any(c.dep_ == "nsubjpass" for c in children) and not (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return []
    taken = {t.code for t in targets}
    nouns = attack_nouns | FIRE_NOUNS
    for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if pobj.lemma_.lower() in nouns:
                noun, found = pobj, [a for a in np_actors(pobj) if pobj.left_edge.i <= a.start_token < pobj.i]
                if pobj.lemma_.lower() in FIRE_NOUNS - attack_nouns and any(
                        c.dep_ == "compound" and c.lemma_.lower() not in WEAPON_WORDS for c in pobj.children):
                    # gunfire is shot ("Israeli fire", "Turkish mortar fire"); a fire in something
                    # burned it ("a Chinese factory fire")
                    continue
            elif (gerund := _split_attack_noun(pobj, nouns)) is not None:
                noun, found = gerund, [a for a in np_actors(pobj) if a.start_token >= pobj.left_edge.i]
            else:
                continue
            for by in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"):
                found += [a for g in by.children if g.dep_ == "pobj" for a in np_actors(g)]
            found = [a for a in found if a.code not in taken]
            if found:
                return [replace(a, origins=(ATTACK_RULE,) + a.origins) for a in found]
    return []


def _split_attack_noun(pobj: Token, nouns: frozenset[str]) -> Token | None:
    """"killed in Israeli tank shelling": the parser ends the phrase at "tank" and hangs "shelling"
    on the verb as a clause; the attack word right after a common noun completes that noun's phrase.
    A name before it is the attack's place, not its attacker ("in Gaza shelling")."""
    if pobj.pos_ != "NOUN" or pobj.i + 1 >= len(pobj.doc):
        return None
    nxt = pobj.doc[pobj.i + 1]
    if nxt.lower_ in nouns and nxt.dep_ in ("advcl", "acl", "xcomp", "dep", "conj") and nxt.head.i in (pobj.i, pobj.head.head.i):
        return nxt
    return None
