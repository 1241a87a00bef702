"""Word lists the coder and its construction rules share (a leaf module: it imports nothing).

Kept apart so `coding.constructions` need not import the coder, which imports it."""

from __future__ import annotations

__all__ = [
    "ATTITUDE_ADJECTIVES", "CONDITIONAL_AUX", "COOPERATIVE_ROOTS", "COPULAS", "CRAFT_MOTION_LEMMAS", "CULPABLE_ADJECTIVES", "FEELING_PARTICIPLES", "HOPE_WORDS",
    "INTENT_ADJECTIVES", "INTENT_HEADS", "MEMBER_NOUNS", "STANCE_ADJECTIVES", "STANCE_PARTICIPLES",
    "ORDER_HEADS", "PERSON_ROLES", "REFUSAL_HEADS", "REGION_ACTORS", "SETTLEMENT_NOUNS", "WEAPON_NOUNS",
]

# Auxiliaries of a possible, not an actual, event: "could attack", "would be responsible for".
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "should", "can"})
# CAMEO roots of cooperation offered or done: intents, consultation, diplomatic and material
# cooperation, aid, yielding (03-08).
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
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
# Participles whose "passive" states the subject's own stance, not a deed done to it: "Israel is
# opposed to French mediation" is Israel's objection (OPPOSE), never someone opposing Israel. A "by"
# phrase makes a real passive of these ("the plan was opposed by Russia").
STANCE_PARTICIPLES = frozenset({"oppose"})
# Participles of feeling: the subject feels it, a "by" phrase names its cause, not its doer ("Japan is
# concerned about / was dismayed by the launch" is Japan's comment on the launch).
FEELING_PARTICIPLES = frozenset({"concern", "worry", "dismay", "disappoint", "frustrate"})
# Predicates that pin a deed on their subject, with the preposition that introduces the deed: "the
# rebels are guilty of violating the ceasefire", "was responsible for killing the envoy".
CULPABLE_ADJECTIVES = {"guilty": frozenset({"of"}), "culpable": frozenset({"of", "for"}),
                       "responsible": frozenset({"for"})}
# Stances toward someone stated as a predicate, with the prepositions that name whom they concern
# (None: any, or none), coded as CAMEO.2.0 codes the matching verb: "is critical of Y" as CRITICIZE
# (111), "is supportive of Y" as SUPPORT's praise or endorsement (051), "is grateful to Y" as THANK
# (051), "is concerned/worried about Y" as CONCERN and WORRY (012), "is opposed to Y" (tagged as an
# adjective) as OPPOSE (110). "Critical" alone is "crucial", so it needs its "of".
STANCE_ADJECTIVES = {
    "critical": (frozenset({"of"}), "111"),
    "supportive": (frozenset({"of"}), "051"),
    "grateful": (frozenset({"to", "for"}), "051"),
    "thankful": (frozenset({"to", "for"}), "051"),
    "opposed": (frozenset({"to"}), "110"),
    "concerned": (None, "012"),
    "worried": (None, "012"),
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
