"""The candidate trace and `eventwire explain`: every candidate event kept or dropped with a reason."""

from __future__ import annotations

import json

import pytest
from conftest import make_doc

from eventwire.app.operations import read_actor_lines
from eventwire.cli import main
from eventwire.coding.coder import Coder
from eventwire.coding.explain import explain_actor, explain_story, format_story
from eventwire.coding.trace import DROP_REASONS, CodingTrace
from eventwire.records import CodingOptions, Story

NEGATED = [
    ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 3),
    ("did", "do", "AUX", "VBD", "aux", 3),
    ("not", "not", "PART", "RB", "neg", 3),
    ("condemn", "condemn", "VERB", "VB", "ROOT", 3),
    ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 3),
    (".", ".", "PUNCT", ".", "punct", 3),
]
CONDEMNED = [
    ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
    ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
    ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1),
    (".", ".", "PUNCT", ".", "punct", 1),
]


def traced(ds, spec, **opts):
    doc = make_doc(spec)
    coder = Coder(ds, nlp=object())
    trace = CodingTrace()
    story = Story(id="t", text=doc.text, date="2008-04-17")
    events = coder.code_doc(story, doc, CodingOptions(**opts), trace=trace).events
    return events, trace


def test_trace_records_a_kept_event_with_its_verb_line_and_actors(tiny_dictionaries):
    events, trace = traced(tiny_dictionaries, CONDEMNED)
    (s,) = trace.sentences
    assert [(v.verb, v.origin) for v in s.verbs] == [("condemned", "tiny.verbs:10")]
    assert {(a.code, a.rule) for a in s.actors} == {("ARN", "tiny.actors:1"), ("GON", "tiny.actors:2")}
    (c,) = s.candidates
    assert c.kept and c.source.code == "ARN" and c.target.code == "GON" and c.code == "122"
    assert len(events) == 1 and trace.counts() == {"kept": 1}


def test_trace_says_a_negated_verb_was_dropped_and_who_would_have_acted(tiny_dictionaries):
    events, trace = traced(tiny_dictionaries, NEGATED)
    assert events == ()
    (c,) = trace.sentences[0].candidates
    assert (c.kept, c.reason, c.code) == (False, "negated", "122")
    assert c.source is not None and c.source.code == "ARN"
    assert c.reason in DROP_REASONS


def test_trace_no_target_when_a_dyad_is_required(tiny_dictionaries):
    spec = [
        ("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1),
        ("condemned", "condemn", "VERB", "VBD", "ROOT", 1),
        ("it", "it", "PRON", "PRP", "dobj", 1),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    _, trace = traced(tiny_dictionaries, spec)
    assert [(c.kept, c.reason) for c in trace.sentences[0].candidates] == [(False, "no-target")]
    events, trace = traced(tiny_dictionaries, spec, require_dyad=False)
    assert len(events) == 1 and trace.counts() == {"kept": 1}


def test_coding_without_a_trace_gives_the_same_events(tiny_dictionaries):
    doc = make_doc(CONDEMNED)
    coder = Coder(tiny_dictionaries, nlp=object())
    story = Story(id="t", text=doc.text, date="2008-04-17")
    plain = coder.code_doc(story, doc).events
    with_trace = coder.code_doc(story, doc, trace=CodingTrace()).events
    assert plain == with_trace


def test_explain_story_renders_parse_verb_and_drop_reason(tiny_dictionaries):
    doc = make_doc(NEGATED)
    coder = Coder(tiny_dictionaries, nlp=lambda text: doc)
    ex = explain_story(coder, Story(id="s1", text=doc.text, date="2008-04-17"))
    text = format_story(ex)
    assert "3:condemn/VB ROOT" in text and "0:Arnor/NNP nsubj>3" in text
    assert "tiny.verbs:10" in text and "DROPPED negated" in text
    record = ex.to_json()
    assert record["counts"] == {"negated": 1} and record["events"] == []
    json.dumps(record)  # the JSON form is plain data


def test_read_actor_lines_takes_an_optional_tab_and_date(tmp_path):
    f = tmp_path / "actors.txt"
    f.write_text("Mexican authorities\t2012-05-01\n\n# a comment\nthe rebels\n", encoding="utf-8")
    assert read_actor_lines(str(f)) == [("Mexican authorities", "2012-05-01", 1), ("the rebels", None, 4)]


# --- with the real model -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def coder():
    return Coder()


def test_explain_actor_gives_the_code_and_the_dictionary_lines(coder):
    ex = explain_actor(coder, "Mexican authorities", "2012-05-01")
    assert ex.code == "MEXGOV"
    kinds = {(h.kind, h.code) for h in ex.hits}
    assert ("actor", "MEX") in kinds and ("agent", "GOV") in kinds
    assert all(":" in h.origin for h in ex.hits)  # file:line


def test_cli_explain_sentence_json_and_actor_list(tmp_path, capsys):
    assert main(["explain", "Ruritania did not attack Freedonia. Iran condemned Iraq.", "--date", "2010-05-03", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["counts"].get("kept", 0) >= 1
    kept = [c for s in record["sentences"] for c in s["candidates"] if c["kept"]]
    assert any(c["source"]["code"].startswith("IRN") and c["target"]["code"].startswith("IRQ") for c in kept)
    f = tmp_path / "actors.txt"
    f.write_text("Mexican authorities\t2012-05-01\nIraqi police\tnot a date\n", encoding="utf-8")
    assert main(["explain", "--actors", str(f)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines[0]["code"] == "MEXGOV" and "error" in lines[1] and lines[1]["line"] == 2


def test_cli_explain_needs_exactly_one_input(capsys):
    assert main(["explain"]) == 2
    assert "error:" in capsys.readouterr().err
    assert main(["explain", "x", "--actor", "y"]) == 2
