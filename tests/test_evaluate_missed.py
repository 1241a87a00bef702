"""Tests for `evaluate --missed`: the first coding stage that lost a gold sentence's event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.coding.trace import Candidate, CodingTrace, TracedActor, TracedVerb
from eventwire.evaluate.missed import miss_reason
from eventwire.evaluate.sentences import evaluate, read_gold
from eventwire.records import ActorRef, CodedStory, CodingOptions, EventMention, Evidence, Story

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ARNOR = TracedActor("ARN", "Arnor", 0, 5, "t:1")
GONDOR = TracedActor("GON", "Gondor", 20, 26, "t:2")


def trace_with(*candidates: Candidate, verbs: bool = True, status: str = "coded") -> CodingTrace:
    trace = CodingTrace()
    s = trace.begin(0, 0, 40, "Arnor sharply criticised Gondor today.", status=status)
    if verbs:
        s.verbs.append(TracedVerb("criticised", 14, "CRITICIZE", "111", None, "t:9", True))
    s.candidates.extend(candidates)
    return trace


def dropped(reason: str, source: TracedActor | None = ARNOR, target: TracedActor | None = None) -> Candidate:
    return Candidate("criticised", 14, "111", source, target, "t:9", False, reason)


def test_no_verb_and_furniture() -> None:
    assert miss_reason([], trace_with(verbs=False), False) == "no-verb"
    assert miss_reason([], trace_with(verbs=False, status="furniture"), False) == "furniture"
    discarded = CodingTrace(story_discarded="discard: story-level phrase")
    assert miss_reason([], discarded, False) == "discard"


def test_the_candidate_that_got_furthest_names_the_stage() -> None:
    assert miss_reason([], trace_with(dropped("no-source", source=None)), False) == "no-source"
    assert miss_reason([], trace_with(dropped("no-source", None), dropped("no-target")), False) == "no-target"
    both = trace_with(dropped("no-target"), dropped("negated", target=GONDOR))
    assert miss_reason([], both, False) == "filter:negated"
    assert miss_reason([], trace_with(dropped("no-code", None, None)), False) == "verb:no-code"
    # a verb handing over to its complement ranks below a complement that found its source
    assert miss_reason([], trace_with(dropped("deferred", None, None), dropped("no-target")), False) == "no-target"
    # so does a saying verb handing over to its content: the content's own loss is the reason
    said = trace_with(dropped("reported", target=None), dropped("no-code", None, None), dropped("no-target"))
    assert miss_reason([], said, False) == "no-target"
    assert miss_reason([], trace_with(dropped("reported", target=None)), False) == "verb:reported"


def test_events_between_other_actors() -> None:
    event = EventMention("s", 0, "x", 0, ActorRef("ARN", "Arnor", 0, 5), None, "111", Evidence("v", 6, 9, "t"))
    assert miss_reason([event], trace_with(), False) == "other-actors"


class TracingFake:
    """Codes 'Arnor ... Gondor' sentences as ARN->GON 111, the rest as nothing; fills the trace."""

    def code_story(self, story: Story, options: CodingOptions | None = None, trace: CodingTrace | None = None) -> CodedStory:
        sentence = trace.begin(0, 0, len(story.text), story.text) if trace is not None else None
        if "Gondor" in story.text:
            src, tgt = ActorRef("ARN", "Arnor", 0, 5), ActorRef("GON", "Gondor", 20, 26)
            return CodedStory(story, (EventMention(story.id, 0, story.text, 0, src, tgt, "111", Evidence("v", 6, 9, "t")),))
        if sentence is not None and "Arnor" in story.text:
            sentence.verbs.append(TracedVerb("criticised", 14, "CRITICIZE", "111", None, "t:9", True))
            sentence.candidates.append(dropped("no-target"))
        return CodedStory(story)


def test_evaluate_missed_counts_petrarch_records(tmp_path: Path) -> None:
    lines = [
        {"id": "hit", "text": "Arnor sharply criticised Gondor.", "expected": [{"source": "ARN", "target": "GON", "code": "111"}]},
        {"id": "other", "text": "Arnor sharply criticised Gondor.", "expected": [{"source": "ROH", "target": "GON", "code": "111"}]},
        {"id": "notarget", "text": "Arnor sharply criticised everyone.", "expected": [{"source": "ARN", "target": "ROH", "code": "111"}]},
        {"id": "noverb", "text": "Nothing here.", "expected": [{"source": "ARN", "target": "ROH", "code": "111"}]},
        {"id": "none", "text": "Nothing here.", "expected": [], "expect_no_events": True},
    ]  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    report = evaluate(read_gold(path), TracingFake(), missed=True)
    assert report.missed is not None and report.missed.sentences == 4
    assert {m.id: m.reason for m in report.missed.misses} == {
        "other": "other-actors",
        "notarget": "no-target",
        "noverb": "no-verb",
    }
    assert report.to_json()["missed"]["by_reason"] == {"other-actors": 1, "no-target": 1, "no-verb": 1}
    assert "no-target" in report.missed.text(errors=True) and "notarget" in report.missed.text(errors=True)
    assert evaluate(read_gold(path), TracingFake()).missed is None


@pytest.mark.model
@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared not available")
def test_cli_missed_on_real_sentences(capsys: pytest.CaptureFixture[str]) -> None:
    from eventwire.cli import main

    gold = str(SHARED / "gold" / "conflibert_cameo_train.jsonl")
    assert main(["evaluate", gold, "--missed", "--limit", "40", "--json"]) == 0
    missed = json.loads(capsys.readouterr().out)["missed"]
    assert missed["missed"] == sum(missed["by_reason"].values()) == len(missed["misses"])
    assert missed["sentences"] <= 40
