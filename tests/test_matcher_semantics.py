"""Verb-pattern and actor semantics of PETRARCH-1/2 dictionaries on eventwire's parse: each test
states one general rule, on a sentence written for it (hand-built Docs and tiny dictionaries,
except where the tokenizer or parser itself is the point)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import coded, make_doc

from eventwire.coding.coder import Coder
from eventwire.dictionaries.model import DictionarySet, PatternElement, VerbBlock, VerbEntry, VerbPattern
from eventwire.nlp import load_nlp
from eventwire.records import CodingOptions, Story

Spec = list[tuple[str, str, str, str, str, int]]


def _code(ds: DictionarySet, spec: Spec, options: CodingOptions | None = None) -> list[tuple[str, str | None, str]]:
    doc = make_doc(spec)
    coder = Coder(ds, nlp=object())  # a hand-parsed Doc: the model is never called
    story = Story(id="t", text=doc.text, date="2008-04-17")
    events = coder.code_doc(story, doc, options or CodingOptions(intent_codes=False)).events
    return sorted(e.triple() for e in events)


def _block(name: str, code: str, *patterns: tuple[tuple[PatternElement, ...], tuple[PatternElement, ...], str]) -> VerbBlock:
    entry = VerbEntry(name, (name,), (), None, f"tiny.verbs:{name}")
    pats = tuple(VerbPattern(name, c, before, after, f"tiny.verbs:{name}:{k}") for k, (before, after, c) in enumerate(patterns))
    return VerbBlock(name, code, (entry,), pats, f"tiny.verbs:{name}")


def _with(ds: DictionarySet, *blocks: VerbBlock) -> DictionarySet:
    return replace(ds, verbs=ds.verbs + blocks)


def test_tokenizer_splits_a_hanging_hyphen_from_its_prefix() -> None:
    """"an anti- Gondor parade" is tokenized as "anti-Gondor" is ("anti", "-", "Gondor"), so the
    prefix neither ends a sentence nor heads the noun phrase; hyphenated words are unchanged."""
    nlp = load_nlp()
    assert [t.text for t in nlp.make_doc("an anti- Gondor parade")] == ["an", "anti", "-", "Gondor", "parade"]
    assert [t.text for t in nlp.make_doc("pro- and anti-war groups")] == ["pro", "-", "and", "anti", "-", "war", "groups"]
    assert [t.text for t in nlp.make_doc("BRUSSELS -- U.S.-led forces")] == ["BRUSSELS", "--", "U.S.-led", "forces"]
    doc = nlp("Gollum broke into an anti- Gondor parade on Saturday.")
    assert len(list(doc.sents)) == 1


def _receive_spec() -> Spec:
    """"Arnor received assurances from Gondor." """
    return [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("received", "receive", "VERB", "VBD", "ROOT", 1),
        ("assurances", "assurance", "NOUN", "NNS", "dobj", 1),
        ("from", "from", "ADP", "IN", "prep", 1),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 3),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]


def test_reverse_only_code_runs_from_the_target_to_the_subject(tiny_dictionaries: DictionarySet) -> None:
    """A pattern coded `[:030]` ("- * ASSURANCE [:030] # RECEIVE") codes only the reverse act: the
    one the assurances came from gave them to the subject, Gondor -> Arnor 030."""
    receive = _block("RECEIVE", "---", ((), (PatternElement("word", "ASSURANCE"),), ":030"))
    assert _code(_with(tiny_dictionaries, receive), _receive_spec()) == [("GON", "ARN", "030")]


def test_reverse_only_code_without_a_counterpart_codes_nothing(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor received assurances." names no one who gave them: no event, never Arnor -> nobody."""
    receive = _block("RECEIVE", "---", ((), (PatternElement("word", "ASSURANCE"),), ":030"))
    spec = _receive_spec()[:3] + [(".", ".", "PUNCT", ".", "punct", 1)]
    assert _code(_with(tiny_dictionaries, receive), spec) == []


def test_a_code_with_a_letter_suffix_is_a_code(tiny_dictionaries: DictionarySet) -> None:
    """A dictionary's own sub-code ("174K") is coded as written; a test marker ("+++") is not."""
    receive = _block("RECEIVE", "---", ((), (PatternElement("word", "ASSURANCE"),), "031K"),
                     ((), (PatternElement("word", "ASSURANCE"), PatternElement("word", "FROM")), "+++"))
    assert _code(_with(tiny_dictionaries, receive), _receive_spec()) == [("ARN", "GON", "031K")]


def test_a_controlled_verb_sees_its_governor_and_the_words_between(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor is inching nearer to accord with Gondor": the governor and its adverb stand before the
    controlled verb, so "- INCHING NEARER * [083]" fires on "accord" (PETRARCH reads the surface)."""
    accord = _block("ACCORD", "---", ((PatternElement("word", "INCHING"), PatternElement("word", "NEARER")), (), "083"),
                    ((), (PatternElement("word", "WITH"),), "073"))
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 2),
        ("is", "be", "AUX", "VBZ", "aux", 2),
        ("inching", "inch", "VERB", "VBG", "ROOT", 2),
        ("nearer", "near", "ADV", "RBR", "advmod", 2),
        ("to", "to", "PART", "TO", "aux", 5),
        ("accord", "accord", "VERB", "VB", "xcomp", 2),
        ("with", "with", "ADP", "IN", "prep", 5),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 6),
        (".", ".", "PUNCT", ".", "punct", 2),
    ]
    assert _code(_with(tiny_dictionaries, accord), spec) == [("ARN", "GON", "083")]


def test_a_coordinated_verb_sees_the_shared_subject_not_the_first_verb(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor police arrived and dispersed Gondor protesters": the shared subject stands before
    "dispersed" ("- POLICE * [175]" fires); the first verb does not ("- ARRIVED * [999]" does not)."""
    disperse = _block("DISPERSE", "170", ((PatternElement("word", "POLICE"),), (), "175"),
                      ((PatternElement("word", "ARRIVED"),), (), "999"))
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "compound", 1),
        ("police", "police", "NOUN", "NNS", "nsubj", 2),
        ("arrived", "arrive", "VERB", "VBD", "ROOT", 2),
        ("and", "and", "CCONJ", "CC", "cc", 2),
        ("dispersed", "disperse", "VERB", "VBD", "conj", 2),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 2),
    ]
    assert _code(_with(tiny_dictionaries, disperse), spec) == [("ARNCOP", "GON", "175")]


def test_a_target_slot_on_the_complements_subject_makes_the_governors_subject_the_source(
    tiny_dictionaries: DictionarySet,
) -> None:
    """"Arnor noted that Gondor regretted the move" with "- NOTED + * [115]": the pattern names
    Gondor the target, so the act is Arnor's (115), not Gondor's on itself."""
    regret = _block("REGRET", "111", ((PatternElement("word", "NOTED"), PatternElement("target", "+")), (), "115"))
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("noted", "note", "VERB", "VBD", "ROOT", 1),
        ("that", "that", "SCONJ", "IN", "mark", 4),
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 4),
        ("regretted", "regret", "VERB", "VBD", "ccomp", 1),
        ("the", "the", "DET", "DT", "det", 6),
        ("move", "move", "NOUN", "NN", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    assert _code(_with(tiny_dictionaries, regret), spec) == [("ARN", "GON", "115")]


def _allowed_that(adverb: str) -> Spec:
    """"Arnor allowed that Gondor is a <adverb> pleasant place to visit." """
    return [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("allowed", "allow", "VERB", "VBD", "ROOT", 1),
        ("that", "that", "SCONJ", "IN", "mark", 4),
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 4),
        ("is", "be", "AUX", "VBZ", "ccomp", 1),
        ("a", "a", "DET", "DT", "det", 8),
        (adverb, adverb.lower(), "ADV", "RB", "advmod", 7),
        ("pleasant", "pleasant", "ADJ", "JJ", "amod", 8),
        ("place", "place", "NOUN", "NN", "attr", 4),
        ("to", "to", "PART", "TO", "aux", 10),
        ("visit", "visit", "VERB", "VB", "relcl", 8),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]


def test_a_copular_complement_lends_its_words_to_the_governing_verb(tiny_dictionaries: DictionarySet) -> None:
    """A copular "that" clause codes nothing itself, so its words are the governing verb's:
    "- * REALLY_PLEASANT [024]" fires on "allowed"; a clause inside it ("to visit") stays out."""
    allow = _block("ALLOW", "080", ((), (PatternElement("word", "REALLY", joined=True), PatternElement("word", "PLEASANT")), "024"),
                   ((), (PatternElement("word", "VISIT"),), "999"))
    ds = _with(tiny_dictionaries, allow)
    assert ("ARN", "GON", "024") in _code(ds, _allowed_that("really"))
    assert ("ARN", "GON", "080") in _code(ds, _allowed_that("very"))
    # a saying verb's complement is what was said, never the saying's pattern words
    say = _block("SAY", "---", ((), (PatternElement("word", "PLEASANT"),), "051"))
    said = [("said", "say", "VERB", "VBD", "ROOT", 1) if row[0] == "allowed" else row for row in _allowed_that("very")]
    assert _code(_with(tiny_dictionaries, say), said, CodingOptions(require_dyad=False, intent_codes=False)) == []


def _expressed(noun: str) -> Spec:
    """"Arnor expressed <noun> that Gondor could join the talks." """
    return [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("expressed", "express", "VERB", "VBD", "ROOT", 1),
        (noun, noun[:-1] if noun.endswith("s") else noun, "NOUN", "NNS", "dobj", 1),
        ("that", "that", "SCONJ", "IN", "mark", 6),
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 6),
        ("could", "could", "AUX", "MD", "aux", 6),
        ("join", "join", "VERB", "VB", "acl", 2),
        ("the", "the", "DET", "DT", "det", 8),
        ("talks", "talk", "NOUN", "NNS", "dobj", 6),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]


def test_the_content_clause_of_a_pattern_noun_names_the_target(tiny_dictionaries: DictionarySet) -> None:
    """"expressed hopes that Gondor could join" with "- * HOPES [024]": the hopes are about Gondor,
    the target; an object the pattern does not name ("expressed views that ...") gives no target."""
    express = _block("EXPRESS", "020", ((), (PatternElement("word", "HOPES"),), "024"))
    ds = _with(tiny_dictionaries, express)
    assert ("ARN", "GON", "024") in _code(ds, _expressed("hopes"))
    assert not any(e[:2] == ("ARN", "GON") for e in _code(ds, _expressed("views")))


def _lawmakers(attach_to_head: bool) -> Spec:
    """"Police in Gondor and Bree condemned NATO", with "Bree" a conjunct of "police" (as
    the parser often attaches it) or of "Gondor"."""
    return [
        ("Police", "police", "NOUN", "NNS", "nsubj", 5),
        ("in", "in", "ADP", "IN", "prep", 0),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 1),
        ("and", "and", "CCONJ", "CC", "cc", 0 if attach_to_head else 2),
        ("Bree", "Bree", "PROPN", "NNP", "conj", 0 if attach_to_head else 2),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 5),
        ("NATO", "NATO", "PROPN", "NNP", "dobj", 5),
        (".", ".", "PUNCT", ".", "punct", 5),
    ]


def test_an_agents_place_list_gives_each_place_the_agent(tiny_dictionaries: DictionarySet) -> None:
    """"Police in Gondor and Bree": one actor per place, each with the agent (GONCOP, BRECOP),
    whether the parser coordinates "Bree" with "Gondor" or hangs it on "police"."""
    for attach_to_head in (False, True):
        got = _code(tiny_dictionaries, _lawmakers(attach_to_head))
        assert got == [("BRECOP", "IGOWSTNAT", "122"), ("GONCOP", "IGOWSTNAT", "122")], attach_to_head


def test_a_passive_participles_noun_undergoes_the_act(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor condemned the army attacked in Gondor": "attacked" (a participle on "army") has the
    army as its target and no known attacker, so it is no event, never "army attacked Gondor"."""
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
        ("the", "the", "DET", "DT", "det", 3),
        ("army", "army", "NOUN", "NN", "dobj", 1),
        ("attacked", "attack", "VERB", "VBN", "acl", 3),
        ("in", "in", "ADP", "IN", "prep", 4),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 5),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    got = _code(tiny_dictionaries, spec)
    assert not any(code == "190" for _, _, code in got)


def _will_attack(governor: str | None) -> Spec:
    """"Arnor will attack Gondor." or "Arnor tried to attack Gondor." """
    if governor is None:
        return [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 2),
            ("will", "will", "AUX", "MD", "aux", 2),
            ("attack", "attack", "VERB", "VB", "ROOT", 2),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 2),
            (".", ".", "PUNCT", ".", "punct", 2),
        ]
    return [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        (governor, governor[:-3] + "y" if governor.endswith("ied") else governor, "VERB", "VBD", "ROOT", 1),
        ("to", "to", "PART", "TO", "aux", 3),
        ("attack", "attack", "VERB", "VB", "xcomp", 1),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]


def test_a_stated_conflictual_intent_is_a_threat(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor will attack Gondor" states an intent to attack: CAMEO's threat (138), as "will provide
    aid" is 033; "tried to attack" is the attempt itself (190); PETRARCH's convention
    (intent_codes off) keeps the deed's code."""
    assert _code(tiny_dictionaries, _will_attack(None), CodingOptions()) == [("ARN", "GON", "138")]
    assert _code(tiny_dictionaries, _will_attack("tried"), CodingOptions()) == [("ARN", "GON", "190")]
    assert _code(tiny_dictionaries, _will_attack(None), CodingOptions(intent_codes=False)) == [("ARN", "GON", "190")]


# -- on the real model and the shipped dictionaries --------------------------------------------


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.model
def test_agreeing_to_an_act_without_a_code_is_an_intent_to_cooperate(coder: Coder) -> None:
    """eventwire.additions.verbs.txt (AGREE "- * TO" [030]): "agreed to undertake exercises" is
    CAMEO 030 between the two, not AGREE's bare 050; "agreed to lift the sanctions" is still the
    lifting (085, PETRARCH's convention with intent codes off)."""
    assert coded(coder, "Chile and Peru have agreed to undertake joint military exercises this month.") == [
        ("CHL", "PER", "030"), ("PER", "CHL", "030")]
    got = coded(coder, "Obama has agreed to lift the sanctions on Iran.", options=CodingOptions(intent_codes=False))
    assert got == [("USAGOV", "IRN", "085")]


@pytest.mark.model
def test_reverse_only_pattern_on_the_shipped_dictionary(coder: Coder) -> None:
    """CAMEO.2.0 "- * ASSURANCE [:030] # RECEIVE": the giver of the assurances acts."""
    assert coded(coder, "Iran received assurances from Russia on Monday.") == [("RUS", "IRN", "030")]


@pytest.mark.model
def test_a_preposition_group_beats_the_same_word_written_bare(coder: Coder) -> None:
    """HEAD's "- * (TO) [042:043]" and "- * TO [030]": "heads to Beijing" has "to" heading a
    phrase, which the group spells out, so it is a trip (042); a bare pattern whose comment names
    the verb still wins ("ordered troops to the border" is ORDER's "- * TO [100]")."""
    got = coded(coder, "Russian President Vladimir Putin heads to Beijing on Monday.", date="2014-05-01")
    assert ("RUSGOV", "CHN", "042") in got and not [c for _, _, c in got if c == "030"]
    assert coded(coder, "The president ordered troops to the border.") == [("---GOV", "---MIL", "100")]


def test_a_conjunct_verb_without_and_shares_no_subject(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor condemned Gondor for helping militants attack Bree": the parser may hang "attack" on
    "condemned" as a conjunct, but with no "and" or comma it is no coordination, so Arnor did not
    attack Bree; "Arnor condemned Gondor and attacked Bree" is Arnor's attack."""
    def spec(with_and: bool) -> Spec:
        rows = [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1),
        ]
        if with_and:
            rows.append(("and", "and", "CCONJ", "CC", "cc", 1))
        k = len(rows)
        rows += [("attacked", "attack", "VERB", "VBD", "conj", 1), ("Bree", "Bree", "PROPN", "NNP", "dobj", k),
                 (".", ".", "PUNCT", ".", "punct", 1)]
        return rows
    assert ("ARN", "BRE", "190") in _code(tiny_dictionaries, spec(True))
    assert ("ARN", "BRE", "190") not in _code(tiny_dictionaries, spec(False))


def test_a_finite_conjunct_is_not_under_the_first_verbs_negation(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor would not condemn Gondor and attacked Bree": "attacked" has its own tense, so the
    "would not" of "condemn" does not negate it; "would not condemn Gondor or attack Bree" does."""
    def spec(finite: bool) -> Spec:
        return [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 3),
            ("would", "would", "AUX", "MD", "aux", 3),
            ("not", "not", "PART", "RB", "neg", 3),
            ("condemn", "condemn", "VERB", "VB", "ROOT", 3),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
            ("and" if finite else "or", "and" if finite else "or", "CCONJ", "CC", "cc", 3),
            ("attacked" if finite else "attack", "attack", "VERB", "VBD" if finite else "VB", "conj", 3),
            ("Bree", "Bree", "PROPN", "NNP", "dobj", 6),
            (".", ".", "PUNCT", ".", "punct", 3),
        ]
    assert _code(tiny_dictionaries, spec(True)) == [("ARN", "BRE", "190")]
    assert _code(tiny_dictionaries, spec(False)) == []


def test_the_object_of_a_participle_on_the_object_is_a_target(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor condemned the parade supporting Gondor": with no actor in the object itself, the
    participle's object names whom the act concerns (as "the roads leading into Mordor" does)."""
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
        ("the", "the", "DET", "DT", "det", 3),
        ("parade", "parade", "NOUN", "NN", "dobj", 1),
        ("supporting", "support", "VERB", "VBG", "acl", 3),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    assert ("ARN", "GON", "122") in _code(tiny_dictionaries, spec)


def test_a_stative_complement_lends_its_objects_as_targets(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor condemned that it has a pact with Gondor": a "be"/"have" complement codes nothing
    itself, so when its subject names no actor, its objects name what the verb is about."""
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
        ("that", "that", "SCONJ", "IN", "mark", 4),
        ("it", "it", "PRON", "PRP", "nsubj", 4),
        ("has", "have", "VERB", "VBZ", "ccomp", 1),
        ("a", "a", "DET", "DT", "det", 6),
        ("pact", "pact", "NOUN", "NN", "dobj", 4),
        ("with", "with", "ADP", "IN", "prep", 6),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 7),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    assert ("ARN", "GON", "122") in _code(tiny_dictionaries, spec)


def test_an_indirect_questions_stative_objects_are_targets(tiny_dictionaries: DictionarySet) -> None:
    """The shape of PETRARCH's "question whether he has much of a future with the Morgul Orcs"
    (DATE-11), on CONDEMN: a "be"/"have" question clause codes nothing, so
    its objects name what the verb is about; a question's actor subject is still no counterpart."""
    def spec(subject: str) -> Spec:
        return [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
            ("whether", "whether", "SCONJ", "IN", "mark", 4),
            (subject, subject.lower(), "PRON" if subject == "he" else "PROPN", "PRP" if subject == "he" else "NNP", "nsubj", 4),
            ("has", "have", "VERB", "VBZ", "ccomp", 1),
            ("much", "much", "ADJ", "JJ", "dobj", 4),
            ("of", "of", "ADP", "IN", "prep", 5),
            ("a", "a", "DET", "DT", "det", 8),
            ("future", "future", "NOUN", "NN", "pobj", 6),
            ("with", "with", "ADP", "IN", "prep", 8),
            ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 9),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]

    assert _code(tiny_dictionaries, spec("he")) == [("ARN", "GON", "122")]
    assert _code(tiny_dictionaries, spec("Bree")) == []


def _army_and_police(attach_bree_to_head: bool) -> Spec:
    """"Army and police in Gondor and Bree condemned NATO": the parser hangs the place phrase on
    the first noun, "Bree" on "Gondor" or on "Army"."""
    return [
        ("Army", "army", "NOUN", "NN", "nsubj", 7),
        ("and", "and", "CCONJ", "CC", "cc", 0),
        ("police", "police", "NOUN", "NNS", "conj", 0),
        ("in", "in", "ADP", "IN", "prep", 0),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 3),
        ("and", "and", "CCONJ", "CC", "cc", 0 if attach_bree_to_head else 4),
        ("Bree", "Bree", "PROPN", "NNP", "conj", 0 if attach_bree_to_head else 4),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 7),
        ("NATO", "NATO", "PROPN", "NNP", "dobj", 7),
        (".", ".", "PUNCT", ".", "punct", 7),
    ]


def test_listed_agents_share_the_place_phrase_after_them(tiny_dictionaries: DictionarySet) -> None:
    """"Army and police in Gondor and Bree": each listed noun is its own actor in each place
    (GONMIL, GONCOP, BREMIL, BRECOP), never one actor with both agents (GONMILCOP); a noun after
    the place phrase is no agent of the first ("Police in Gondor and the army")."""
    want = [("BRECOP", "IGOWSTNAT", "122"), ("BREMIL", "IGOWSTNAT", "122"),
            ("GONCOP", "IGOWSTNAT", "122"), ("GONMIL", "IGOWSTNAT", "122")]
    for attach in (False, True):
        assert _code(tiny_dictionaries, _army_and_police(attach)) == want, attach
    after = [
        ("Police", "police", "NOUN", "NNS", "nsubj", 6),
        ("in", "in", "ADP", "IN", "prep", 0),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 1),
        ("and", "and", "CCONJ", "CC", "cc", 0),
        ("the", "the", "DET", "DT", "det", 5),
        ("army", "army", "NOUN", "NN", "conj", 0),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 6),
        ("NATO", "NATO", "PROPN", "NNP", "dobj", 6),
        (".", ".", "PUNCT", ".", "punct", 6),
    ]
    got = _code(tiny_dictionaries, after)
    assert ("GONCOP", "IGOWSTNAT", "122") in got and not any("MILCOP" in s or "COPMIL" in s for s, _, _ in got)


def test_names_the_parser_hangs_on_a_later_conjunct_are_list_members(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor and the evil awful Gondor condemned NATO" with "awful" tagged a noun: the parser makes
    "Arnor" a modifier of "Gondor", but "the evil awful" has its own article, so Arnor is a list
    member of its own; coordinated modifiers with no article ("Arnor and Gondor police") stay one phrase."""
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nmod", 5),
        ("and", "and", "CCONJ", "CC", "cc", 0),
        ("the", "the", "DET", "DT", "det", 4),
        ("evil", "evil", "ADJ", "JJ", "amod", 4),
        ("awful", "awful", "NOUN", "NN", "conj", 0),
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 6),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 6),
        ("NATO", "NATO", "PROPN", "NNP", "dobj", 6),
        (".", ".", "PUNCT", ".", "punct", 6),
    ]
    assert _code(tiny_dictionaries, spec) == [("ARN", "IGOWSTNAT", "122"), ("GON", "IGOWSTNAT", "122")]
    # "Arnor and Bree and the evil awful Gondor": both earlier names hang on "Arnor"
    three = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nmod", 7),
        ("and", "and", "CCONJ", "CC", "cc", 0),
        ("Bree", "Bree", "PROPN", "NNP", "conj", 0),
        ("and", "and", "CCONJ", "CC", "cc", 2),
        ("the", "the", "DET", "DT", "det", 6),
        ("evil", "evil", "ADJ", "JJ", "amod", 6),
        ("awful", "awful", "NOUN", "NN", "conj", 0),
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 8),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 8),
        ("NATO", "NATO", "PROPN", "NNP", "dobj", 8),
        (".", ".", "PUNCT", ".", "punct", 8),
    ]
    assert _code(tiny_dictionaries, three) == [
        ("ARN", "IGOWSTNAT", "122"), ("BRE", "IGOWSTNAT", "122"), ("GON", "IGOWSTNAT", "122")]
    modifiers = [
        ("Arnor", "Arnor", "PROPN", "NNP", "compound", 3),
        ("and", "and", "CCONJ", "CC", "cc", 0),
        ("Gondor", "Gondor", "PROPN", "NNP", "conj", 0),
        ("police", "police", "NOUN", "NNS", "nsubj", 4),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 4),
        ("NATO", "NATO", "PROPN", "NNP", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 4),
    ]
    assert _code(tiny_dictionaries, modifiers) == [("ARNCOP", "IGOWSTNAT", "122"), ("GONCOP", "IGOWSTNAT", "122")]


def test_a_participle_on_the_noun_of_the_objects_phrase_names_a_late_target(tiny_dictionaries: DictionarySet) -> None:
    """"Arnor condemned remarks on trade sent from Gondor" (PETRARCH's "welcomed assurances on
    cultural issues sent from Bree"), with "sent" hung on "trade": its "from" phrase is the target,
    after the object's own phrases ("remarks on trade by Bree sent from Gondor" is Bree)."""
    def spec(by_bree: bool) -> Spec:
        rows = [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
            ("remarks", "remark", "NOUN", "NNS", "dobj", 1),
            ("on", "on", "ADP", "IN", "prep", 2),
            ("trade", "trade", "NOUN", "NN", "pobj", 3),
        ]
        if by_bree:
            rows += [("by", "by", "ADP", "IN", "prep", 2), ("Bree", "Bree", "PROPN", "NNP", "pobj", 5)]
        n = len(rows)
        rows += [
            ("sent", "send", "VERB", "VBN", "acl", 4),
            ("from", "from", "ADP", "IN", "prep", n),
            ("Gondor", "Gondor", "PROPN", "NNP", "pobj", n + 1),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
        return rows

    assert _code(tiny_dictionaries, spec(False)) == [("ARN", "GON", "122")]
    assert _code(tiny_dictionaries, spec(True)) == [("ARN", "BRE", "122")]
