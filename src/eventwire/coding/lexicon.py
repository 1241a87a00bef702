"""Word lists the coder and its construction rules share (a leaf module: it imports nothing).

Kept apart so `coding.constructions` need not import the coder, which imports it."""

from __future__ import annotations

__all__ = [
    "ATTITUDE_ADJECTIVES", "COPULAS", "CRAFT_MOTION_LEMMAS", "HOPE_WORDS", "INTENT_ADJECTIVES", "INTENT_HEADS", "MEMBER_NOUNS",
    "ORDER_HEADS", "PERSON_ROLES", "REFUSAL_HEADS", "REGION_ACTORS", "SETTLEMENT_NOUNS", "WEAPON_NOUNS",
]

# Heads of a stated intent: "plans to visit", "agreed to step down".
INTENT_HEADS = frozenset(
    {"plan", "intend", "want", "seek", "hope", "aim", "prepare", "vow", "promise", "pledge", "expect", "schedule",
     "decide", "try", "agree", "offer", "commit", "undertake", "swear"}
)
# Verbs whose infinitive complement is refused, not done: "refused to lift the sanctions".
REFUSAL_HEADS = frozenset({"refuse", "decline"})
# Verbs that have a deed done by their own authority: "ordered the judge confined", "had him
# arrested" (the deed is the orderer's; "wanted him arrested" is only a wish and is not here).
ORDER_HEADS = frozenset({"order", "command", "have"})
# Adjectives of a stated intent: "ready to talk", "willing to negotiate".
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "eager", "determined", "committed"})
# Attitudes stated as a predicate ("said it is skeptical of", "remains optimistic about"): CAMEO's
# pessimistic (012) and optimistic (013) comments, as "expressed pessimism/optimism" codes them.
ATTITUDE_ADJECTIVES = {
    **dict.fromkeys(("skeptical", "sceptical", "pessimistic", "doubtful", "wary", "gloomy"), "012"),
    **dict.fromkeys(("optimistic", "confident", "hopeful", "upbeat", "positive"), "013"),
}
# Verbs that link a subject to such a predicate.
COPULAS = frozenset({"be", "remain", "feel", "appear", "seem", "sound", "stay"})
# A hope stated ("said it hoped that ...", "voiced hope that ..."): an optimistic comment (013) whose
# content is wished for, not done.
# (word forms, not lemmas: the lemmatizer reads "hoped" as "hop")
HOPE_WORDS = frozenset({"hope", "hopes", "hoped", "hoping"})
# Offices one person holds, and other nouns for one person: "Iran's foreign minister said he ..."
# ("he" is the minister, as for a named person), "a Japanese expert says he is pessimistic";
# institutions ("the government said it ...") are not among them.
PERSON_ROLES = frozenset(
    {"minister", "president", "premier", "chancellor", "leader", "spokesman", "spokeswoman", "spokesperson",
     "chief", "secretary", "ambassador", "envoy", "general", "commander", "governor", "senator", "king", "queen",
     "prince", "mayor", "prosecutor", "judge", "negotiator", "diplomat", "chairman", "chairwoman", "emir",
     "sultan", "monarch", "dictator", "official",
     "expert", "analyst", "lawyer", "attorney", "activist", "professor", "scientist", "researcher", "journalist",
     "reporter", "economist", "lawmaker", "legislator", "politician", "candidate", "dissident", "representative"}
)

# nouns that count people: "thousands of lawyers" are the lawyers, "hundreds of them" are they
COUNT_NOUNS = frozenset({"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands",
                         "million", "millions", "tens",
                         # collective nouns: "a group of refugees", "a handful of soldiers" are the people
                         "group", "groups", "handful", "band"})
# nouns that pick members out of a group: "members of a clan" act as the clan
MEMBER_NOUNS = frozenset({"member", "members"})
# people a possessive relates to someone: "the minister's son" is not the minister
KIN_NOUNS = frozenset({"son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "child",
                       "children", "family", "relative", "relatives", "nephew", "niece", "cousin", "widow"})
# Participles that say where an aircraft, ship or vehicle came from: "jets flying from France".
CRAFT_MOTION_LEMMAS = frozenset({"fly", "come", "launch", "take", "operate", "fire", "sail", "arrive", "base"})
# Nouns that name a settlement or area: a name in their "of" phrase ("the city of Gao") is a place,
# whatever the tagger calls it.
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "capital", "province", "region", "district", "suburb"})
# Capitalised region names that stand for a group of states ("accused the West of ..."): CAMEO's
# region code (the additions dictionary codes "Western governments" WSTGOV the same way).
REGION_ACTORS = {"West": "WST"}
# Weapons fired or dropped: aimed at their target ("fired missiles at the air defences"), never it.
WEAPON_NOUNS = frozenset({"missile", "rocket", "shell", "bomb", "grenade", "mortar", "projectile", "munition",
                          "bullet", "round"})
