"""One-sided events (a source, no target: `cameo.is_one_sided`), attitude predicates, and the text of
a pronoun resolved within its sentence. Hand-parsed Docs over the tiny Arnor/Gondor dictionaries."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import code_parsed as code
from conftest import make_doc, triples

from eventwire import cameo
from eventwire.dictionaries.model import DictionarySet, VerbBlock, VerbEntry


def _block(name: str, code: str, line: int, *forms: str) -> VerbBlock:
    entry = VerbEntry(name, (name,), tuple((f,) for f in forms), None, f"tiny.verbs:{line + 1}")
    return VerbBlock(name, code, (entry,), (), f"tiny.verbs:{line}")


@pytest.fixture(scope="module")
def dictionaries(tiny_dictionaries: DictionarySet) -> DictionarySet:
    extra = (
        _block("PROTEST", "141", 300),  # demonstrate
        _block("MOBILIZE", "150", 310),  # raise alert
        _block("APPEAL", "020", 320),  # appeal: done to someone
        _block("ACCUSE", "112", 330),
        _block("DENY", "016", 340),
        _block("PLAN", "---", 350),
        _block("SAY", "010", 360),
        _block("SEND", "070", 370),
        _block("RESIGN", "083", 380),
        _block("AGREE", "---", 390),
        _block("VOICE", "013", 400),
    )
    return replace(tiny_dictionaries, verbs=tiny_dictionaries.verbs + extra)


def _subject_verb(subject: str, verb: str, lemma: str, *rest: tuple[str, str, str, str, str, int]):
    return make_doc([(subject, subject, "PROPN", "NNP", "nsubj", 1), (verb, lemma, "VERB", "VBD", "ROOT", 1), *rest,
                     (".", ".", "PUNCT", ".", "punct", 1)])


def test_cameo_one_sided_classes():
    """Comments about something, threats, protests, shows of force and a side's own yielding stand
    alone; a bare statement, appeals, cooperation given and force used are done to someone."""
    assert all(cameo.is_one_sided(c) for c in ("011", "012", "013", "014", "016", "034", "0351", "0831", "0871", "138", "141", "150"))
    assert not any(cameo.is_one_sided(c) for c in ("010", "020", "036", "0353", "042", "070", "0841", "112", "173", "190"))


def test_one_sided_protest_with_no_counterpart_is_coded(dictionaries):
    """"Arnor protested.": a protest names no counterpart and is still an event (source only)."""
    events = code(dictionaries, _subject_verb("Arnor", "protested", "protest"))
    assert triples(events) == [("ARN", "", "141")]
    assert events[0].target is None
    assert events[0].evidence.rule.endswith("+builtin:one-sided")


def test_one_sided_appeal_without_addressee_is_not_coded(dictionaries):
    """"Arnor appealed.": an appeal is made to someone; with no one named it stays no event."""
    assert code(dictionaries, _subject_verb("Arnor", "appealed", "appeal")) == ()


def test_one_sided_off_with_petrarch_require_dyad(dictionaries):
    """PETRARCH's require_dyad keeps no one-sided event: `one_sided=False` restores it."""
    assert code(dictionaries, _subject_verb("Arnor", "protested", "protest"), one_sided=False) == ()


def test_one_sided_not_beside_an_event_with_a_target(dictionaries):
    """"Arnor protested and accused Gondor.": the sentence's dyad is its event; the protest beside
    it adds no one-sided event."""
    doc = make_doc([
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("protested", "protest", "VERB", "VBD", "ROOT", 1),
        ("and", "and", "CCONJ", "CC", "cc", 1),
        ("accused", "accuse", "VERB", "VBD", "conj", 1),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    assert triples(code(dictionaries, doc)) == [("ARN", "GON", "112")]


def test_one_sided_not_for_an_intention(dictionaries):
    """"Arnor plans to mobilize.": an intended show of force with no counterpart has not happened
    to anyone: no event."""
    doc = make_doc([
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("plans", "plan", "VERB", "VBZ", "ROOT", 1),
        ("to", "to", "PART", "TO", "aux", 3),
        ("mobilize", "mobilize", "VERB", "VB", "xcomp", 1),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    assert code(dictionaries, doc) == ()
    plain = _subject_verb("Arnor", "mobilized", "mobilize")
    assert triples(code(dictionaries, plain)) == [("ARN", "", "150")]


def test_one_sided_not_in_a_background_clause(dictionaries):
    """"Gondor denied it as Arnor protested": a protest in an adverbial clause is background, not
    the sentence's news; the main clause's denial (a comment about something) stands alone."""
    doc = make_doc([
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 1),
        ("denied", "deny", "VERB", "VBD", "ROOT", 1),
        ("it", "it", "PRON", "PRP", "dobj", 1),
        ("as", "as", "SCONJ", "IN", "mark", 5),
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 5),
        ("protested", "protest", "VERB", "VBD", "advcl", 1),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    assert triples(code(dictionaries, doc)) == [("GON", "", "016")]


def test_attitude_predicate_is_a_pessimistic_comment(dictionaries):
    """"Arnor said it is skeptical of the plan": a pessimistic comment (012) by Arnor, coded on the
    copula (builtin:attitude-predicate); the pronoun carries Arnor's words and offsets."""
    doc = make_doc([
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("said", "say", "VERB", "VBD", "ROOT", 1),
        ("it", "it", "PRON", "PRP", "nsubj", 3),
        ("is", "be", "AUX", "VBZ", "ccomp", 1),
        ("skeptical", "skeptical", "ADJ", "JJ", "acomp", 3),
        ("of", "of", "ADP", "IN", "prep", 4),
        ("the", "the", "DET", "DT", "det", 7),
        ("plan", "plan", "NOUN", "NN", "pobj", 5),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    events = code(dictionaries, doc)
    assert triples(events) == [("ARN", "", "012")]
    (event,) = events
    assert event.evidence.rule.startswith("builtin:attitude-predicate")
    assert (event.source.text, event.source.start, event.source.end) == ("Arnor", 0, 5)
    assert "context:reported-subject" in (event.source.rule or "")


def test_attitude_predicate_negated_is_no_comment(dictionaries):
    """"Arnor is not optimistic": the negated attitude is no optimistic comment."""
    doc = make_doc([
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("is", "be", "AUX", "VBZ", "ROOT", 1),
        ("not", "not", "PART", "RB", "neg", 1),
        ("optimistic", "optimistic", "ADJ", "JJ", "acomp", 1),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    assert code(dictionaries, doc) == ()


def test_reported_pronoun_target_event_points_at_its_antecedent(dictionaries):
    """"Arnor said it accused Gondor": the accusation's source is Arnor, and its text and offsets
    are Arnor's words, not the pronoun's."""
    doc = make_doc([
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("said", "say", "VERB", "VBD", "ROOT", 1),
        ("it", "it", "PRON", "PRP", "nsubj", 3),
        ("accused", "accuse", "VERB", "VBD", "ccomp", 1),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    (event,) = code(dictionaries, doc)
    assert event.triple() == ("ARN", "GON", "112")
    assert (event.source.text, event.source.start, event.source.end) == ("Arnor", 0, 5)


def test_a_conjunct_of_the_object_holds_the_target(dictionaries):
    """"Arnor sent food and a team of medics to Gondor": the destination hangs under the second
    conjunct of the object, and is still the target."""
    doc = make_doc([
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("sent", "send", "VERB", "VBD", "ROOT", 1),
        ("food", "food", "NOUN", "NN", "dobj", 1),
        ("and", "and", "CCONJ", "CC", "cc", 2),
        ("a", "a", "DET", "DT", "det", 5),
        ("team", "team", "NOUN", "NN", "conj", 2),
        ("of", "of", "ADP", "IN", "prep", 5),
        ("medics", "medic", "NOUN", "NNS", "pobj", 6),
        ("to", "to", "ADP", "IN", "prep", 7),
        ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 8),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    assert triples(code(dictionaries, doc)) == [("ARN", "GON", "070")]


def test_a_stated_intent_to_yield_stands_one_sided(dictionaries):
    """"Gondor agreed to resign": the stated intent to yield (034) is itself a statement made, and
    complete with its source alone; an intended show of force is not (see above)."""
    doc = make_doc([
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 1),
        ("agreed", "agree", "VERB", "VBD", "ROOT", 1),
        ("to", "to", "PART", "TO", "aux", 3),
        ("resign", "resign", "VERB", "VB", "xcomp", 1),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    (event,) = code(dictionaries, doc)
    assert (event.triple(), event.modality) == (("GON", "", "034"), "intended")


def test_what_is_hoped_for_is_no_event(dictionaries):
    """"Arnor said it hoped Gondor would attack Bree": Arnor's optimistic comment (013, the hope),
    one-sided (what is hoped for names no addressee: hoping Gondor is indicted is no optimism toward
    Gondor); the attack is wished for, not done."""
    doc = make_doc([
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("said", "say", "VERB", "VBD", "ROOT", 1),
        ("it", "it", "PRON", "PRP", "nsubj", 3),
        ("hoped", "hop", "VERB", "VBD", "ccomp", 1),  # the lemmatizer's "hop"
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 6),
        ("would", "would", "AUX", "MD", "aux", 6),
        ("attack", "attack", "VERB", "VB", "ccomp", 3),
        ("Bree", "Bree", "PROPN", "NNP", "dobj", 6),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    events = code(dictionaries, doc)
    assert triples(events) == [("ARN", "", "013")]
    assert events[0].evidence.rule.startswith("builtin:attitude-predicate")


def test_what_a_voiced_hope_hopes_for_is_no_event(dictionaries):
    """"Arnor voiced hope that Gondor will attack Bree": the clause under the noun "hope" is no event."""
    doc = make_doc([
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("voiced", "voice", "VERB", "VBD", "ROOT", 1),
        ("hope", "hope", "NOUN", "NN", "dobj", 1),
        ("that", "that", "SCONJ", "IN", "mark", 6),
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 6),
        ("will", "will", "AUX", "MD", "aux", 6),
        ("attack", "attack", "VERB", "VB", "acl", 2),
        ("Bree", "Bree", "PROPN", "NNP", "dobj", 6),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    assert [t[2] for t in triples(code(dictionaries, doc))] == ["013"]


def test_he_in_a_reported_clause_is_the_office_holder_who_reports(dictionaries):
    """"Arnor's prime minister said he accused Gondor": "he" is the prime minister (one person
    holds the office), as it would be for a named person; "the army said he ..." names no one."""
    def said_he(owner_rows, subject_index):
        return make_doc([
            *owner_rows,
            ("said", "say", "VERB", "VBD", "ROOT", subject_index + 1),
            ("he", "he", "PRON", "PRP", "nsubj", subject_index + 3),
            ("accused", "accuse", "VERB", "VBD", "ccomp", subject_index + 1),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", subject_index + 3),
            (".", ".", "PUNCT", ".", "punct", subject_index + 1),
        ])

    minister = said_he([
        ("Arnor", "Arnor", "PROPN", "NNP", "poss", 3),
        ("'s", "'s", "PART", "POS", "case", 0),
        ("prime", "prime", "ADJ", "JJ", "amod", 3),
        ("minister", "minister", "NOUN", "NN", "nsubj", 4),
    ], 3)
    assert triples(code(dictionaries, minister)) == [("ARNGOV", "GON", "112")]
    army = said_he([
        ("Arnor", "Arnor", "PROPN", "NNP", "poss", 2),
        ("'s", "'s", "PART", "POS", "case", 0),
        ("army", "army", "NOUN", "NN", "nsubj", 3),
    ], 2)
    assert code(dictionaries, army) == ()


def test_a_denial_is_a_comment_and_what_is_denied_is_no_event(dictionaries):
    """"Arnor denied that Gondor attacked Bree": Arnor's denial (016) about Gondor is the event; a
    comment (011-018) is not dropped as a report of its clause, and the denied attack is no event."""
    doc = make_doc([
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("denied", "deny", "VERB", "VBD", "ROOT", 1),
        ("that", "that", "SCONJ", "IN", "mark", 4),
        ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 4),
        ("attacked", "attack", "VERB", "VBD", "ccomp", 1),
        ("Bree", "Bree", "PROPN", "NNP", "dobj", 4),
        (".", ".", "PUNCT", ".", "punct", 1),
    ])
    assert triples(code(dictionaries, doc)) == [("ARN", "GON", "016")]
