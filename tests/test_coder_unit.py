"""The coder's rules on hand-built parses and a tiny dictionary (no model loaded)."""

from __future__ import annotations

from conftest import code_parsed as code
from conftest import make_doc, triples


def test_coder_active_clause_subject_is_source_object_is_target(tiny_dictionaries):
    """"Arnor condemned Gondor": the subject is the source and the object the target."""
    doc = make_doc(
        [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    events = code(tiny_dictionaries, doc)
    assert triples(events) == [("ARN", "GON", "122")]
    e = events[0]
    assert e.evidence.verb == "condemned" and e.evidence.rule == "tiny.verbs:10"
    assert (e.source.text, e.target.text) == ("Arnor", "Gondor")
    assert doc.text[e.source.start : e.source.end] == "Arnor"
    assert e.quad_class == 3 and e.root == "12"


def test_coder_passive_agent_is_source(tiny_dictionaries):
    """"Gondor was condemned by Arnor": the by-agent is the source, the passive subject the target."""
    doc = make_doc(
        [
            ("Gondor", "Gondor", "PROPN", "NNP", "nsubjpass", 2),
            ("was", "be", "AUX", "VBD", "auxpass", 2),
            ("condemned", "condemn", "VERB", "VBN", "ROOT", 2),
            ("by", "by", "ADP", "IN", "agent", 2),
            ("Arnor", "Arnor", "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 2),
        ]
    )
    assert triples(code(tiny_dictionaries, doc)) == [("ARN", "GON", "122")]


def test_coder_negated_verb_gives_no_event(tiny_dictionaries):
    """"Arnor did not condemn Gondor" is not a condemnation."""
    doc = make_doc(
        [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 3),
            ("did", "do", "AUX", "VBD", "aux", 3),
            ("not", "not", "PART", "RB", "neg", 3),
            ("condemn", "condemn", "VERB", "VB", "ROOT", 3),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ]
    )
    assert code(tiny_dictionaries, doc) == ()


def test_coder_compound_subject_gives_one_event_per_actor(tiny_dictionaries):
    """"Arnor and Bree condemned Gondor" codes two events."""
    doc = make_doc(
        [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 3),
            ("and", "and", "CCONJ", "CC", "cc", 0),
            ("Bree", "Bree", "PROPN", "NNP", "conj", 0),
            ("condemned", "condemn", "VERB", "VBD", "ROOT", 3),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
            (".", ".", "PUNCT", ".", "punct", 3),
        ]
    )
    assert triples(code(tiny_dictionaries, doc)) == [("ARN", "GON", "122"), ("BRE", "GON", "122")]


def test_coder_country_modifier_combines_with_agent(tiny_dictionaries):
    """"Arnorian army attacked Gondor police": ARN + ~MIL -> ARNMIL, GON + ~COP -> GONCOP."""
    doc = make_doc(
        [
            ("Arnorian", "arnorian", "ADJ", "JJ", "amod", 1),
            ("army", "army", "NOUN", "NN", "nsubj", 2),
            ("attacked", "attack", "VERB", "VBD", "ROOT", 2),
            ("Gondor", "Gondor", "PROPN", "NNP", "compound", 4),
            ("police", "police", "NOUN", "NN", "dobj", 2),
            (".", ".", "PUNCT", ".", "punct", 2),
        ]
    )
    events = code(tiny_dictionaries, doc)
    assert triples(events) == [("ARNMIL", "GONCOP", "190")]
    assert events[0].source.text == "Arnorian army"


def test_coder_pattern_picks_specific_code_and_names_its_line(tiny_dictionaries):
    """EXTEND has no default code; the pattern `- * AID [072]` fires and is cited as the rule."""
    doc = make_doc(
        [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            ("extended", "extend", "VERB", "VBD", "ROOT", 1),
            ("aid", "aid", "NOUN", "NN", "dobj", 1),
            ("to", "to", "ADP", "IN", "prep", 1),
            ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    events = code(tiny_dictionaries, doc)
    assert triples(events) == [("ARN", "GON", "072")]
    assert events[0].evidence.rule == "tiny.verbs:31"


def test_coder_verb_without_pattern_or_default_code_gives_nothing(tiny_dictionaries):
    """"Arnor extended the deadline to Gondor": EXTEND's default is [---], so no event."""
    doc = make_doc(
        [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            ("extended", "extend", "VERB", "VBD", "ROOT", 1),
            ("deadline", "deadline", "NOUN", "NN", "dobj", 1),
            ("to", "to", "ADP", "IN", "prep", 1),
            ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 3),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    assert code(tiny_dictionaries, doc) == ()


def _aragorn_doc():
    return make_doc(
        [
            ("Aragorn", "Aragorn", "PROPN", "NNP", "nsubj", 1),
            ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )


def test_coder_person_role_follows_story_date(tiny_dictionaries):
    """A person's dated role applies only within its dates: ARNGOV in 2008, nothing in 2016."""
    assert triples(code(tiny_dictionaries, _aragorn_doc(), date="2008-04-17")) == [("ARNGOV", "GON", "122")]
    assert code(tiny_dictionaries, _aragorn_doc(), date="2016-01-01") == ()


def test_coder_reported_speech_codes_the_reported_event(tiny_dictionaries):
    """"Arnor said Gondor attacked Bree" codes Gondor's attack, marked as reported."""
    doc = make_doc(
        [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            ("said", "say", "VERB", "VBD", "ROOT", 1),
            ("Gondor", "Gondor", "PROPN", "NNP", "nsubj", 3),
            ("attacked", "attack", "VERB", "VBD", "ccomp", 1),
            ("Bree", "Bree", "PROPN", "NNP", "dobj", 3),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    events = code(tiny_dictionaries, doc)
    assert triples(events) == [("GON", "BRE", "190")]
    assert events[0].modality == "reported"


def _visit_doc(future: bool):
    rows = [("NATO", "NATO", "PROPN", "NNP", "nsubj", 2 if future else 1)]
    if future:
        rows.append(("will", "will", "AUX", "MD", "aux", 2))
    v = len(rows)
    rows += [
        ("visit" if future else "visited", "visit", "VERB", "VB" if future else "VBD", "ROOT", v),
        ("Gondor", "Gondor", "PROPN", "NNP", "dobj", v),
        (".", ".", "PUNCT", ".", "punct", v),
    ]
    return make_doc(rows)


def test_coder_double_code_gives_reverse_event(tiny_dictionaries):
    """"NATO visited Gondor": VISIT [042:043] gives NATO->GON 042 and GON->NATO 043 (host)."""
    events = code(tiny_dictionaries, _visit_doc(future=False))
    assert triples(events) == [("GON", "IGOWSTNAT", "043"), ("IGOWSTNAT", "GON", "042")]
    assert {e.modality for e in events} == {"asserted"}


def test_coder_stated_intent_is_cameo_03x(tiny_dictionaries):
    """"NATO will visit Gondor" is an intent to meet (036), not a visit made, and has no host yet."""
    events = code(tiny_dictionaries, _visit_doc(future=True))
    assert triples(events) == [("IGOWSTNAT", "GON", "036")]
    assert events[0].modality == "intended"
    assert events[0].evidence.rule == "tiny.verbs:50 +builtin:intent"


def test_coder_intent_codes_off_keeps_the_action_code(tiny_dictionaries):
    """With intent_codes off (PETRARCH's convention) the future visit keeps 042, marked intended."""
    events = code(tiny_dictionaries, _visit_doc(future=True), intent_codes=False)
    assert triples(events) == [("IGOWSTNAT", "GON", "042")]
    assert events[0].modality == "intended"


def test_coder_one_sided_event_only_without_require_dyad(tiny_dictionaries):
    """"Arnor condemned the decision": no target, so no event unless require_dyad is off."""
    doc = make_doc(
        [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
            ("the", "the", "DET", "DT", "det", 3),
            ("decision", "decision", "NOUN", "NN", "dobj", 1),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    assert code(tiny_dictionaries, doc) == ()
    events = code(tiny_dictionaries, doc, require_dyad=False)
    assert [(e.source.code, e.target, e.code) for e in events] == [("ARN", None, "122")]


def test_coder_complement_of_an_intent_verb_is_its_03x_form_in_both_conventions(tiny_dictionaries):
    """"Arnor seeks to extend aid to Gondor": SEEK is 030, so the aid (072) is coded 0332, even with intent_codes off."""
    doc = make_doc(
        [
            ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
            ("seeks", "seek", "VERB", "VBZ", "ROOT", 1),
            ("to", "to", "PART", "TO", "aux", 3),
            ("extend", "extend", "VERB", "VB", "xcomp", 1),
            ("aid", "aid", "NOUN", "NN", "dobj", 3),
            ("to", "to", "ADP", "IN", "prep", 3),
            ("Gondor", "Gondor", "PROPN", "NNP", "pobj", 5),
            (".", ".", "PUNCT", ".", "punct", 1),
        ]
    )
    for intent_codes in (True, False):
        events = code(tiny_dictionaries, doc, intent_codes=intent_codes)
        assert triples(events) == [("ARN", "GON", "0332")]
        assert events[0].evidence.verb == "extend" and events[0].modality == "intended"
