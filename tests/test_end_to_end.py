"""End to end on the real English model, the shipped dictionaries and the bundled sample article."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest
from conftest import SHARED, needs_shared

from eventwire.coding.coder import Coder
from eventwire.evaluate.stories import read_story_gold, score_story
from eventwire.records import Story

pytestmark = pytest.mark.model

SAMPLE = resources.files("eventwire").joinpath("examples/rferl_nato_iraq_2008.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.fixture(scope="module")
def sample_events(coder: Coder):
    return coder.code_story(Story(id="rferl", text=SAMPLE, date="2008-04-17")).events


def _find(events, contains: str, root: str | None = None):
    return [e for e in events if contains in e.sentence and (root is None or e.root == root)]


@needs_shared
def test_sample_article_meets_the_hand_coded_gold(sample_events):
    """All must_find events, at least 6 of 9 should_find, and no must_not of seed/gold.json."""
    (gold,) = read_story_gold(SHARED / "seed" / "gold.json")
    report = score_story(gold, sample_events)
    assert report.count("must_find", True) == report.count("must_find") == 6
    assert report.count("should_find", True) >= 6
    assert report.violated == ()


def test_sample_article_opposition_is_dated_2003_and_historical(sample_events):
    """France's and Germany's opposition to the invasion is coded for each, dated 2003, not 2008."""
    opposed = _find(sample_events, "France and Germany, among others, opposed", root="11")
    assert {e.source.code for e in opposed} == {"FRA", "DEU"}
    assert {(e.target.code, e.date, e.date_source, e.modality) for e in opposed} == {
        ("USA", "2003", "text", "historical")
    }


def test_sample_article_meeting_in_brussels_on_april_17(sample_events):
    """The meeting with NATO ambassadors is placed in Brussels and dated 2008-04-17 from the text."""
    (meeting, *_) = _find(sample_events, "emerged from a meeting with NATO ambassadors", root="04")
    assert meeting.place is not None and meeting.place.name == "Brussels"
    assert (meeting.date, meeting.date_source) == ("2008-04-17", "text")
    assert {meeting.source.code[:3], meeting.target.code[:3]} == {"IRQ", "IGO"}


def test_sample_article_delegation_visit_is_an_intent_to_baghdad(sample_events):
    """"will soon visit Baghdad" is a stated intent (CAMEO 036) by NATO towards Iraq, placed in Baghdad."""
    (visit,) = [e for e in _find(sample_events, "a NATO delegation will soon visit Baghdad") if e.evidence.verb == "visit"]
    assert (visit.source.code, visit.target.code, visit.code, visit.modality) == ("IGOWSTNAT", "IRQ", "036", "intended")
    assert visit.place is not None and visit.place.name == "Baghdad"


def test_sample_article_negated_request_and_furniture_give_no_event(sample_events):
    """No event from "We did not come here to request", nor from the page furniture lines."""
    assert _find(sample_events, "We did not come here to request") == []
    for furniture in ("Accessibility links", "Breaking News", "undesirable organization", "click here"):
        assert _find(sample_events, furniture) == []


def test_sample_article_quote_speaker_is_al_maliki(sample_events):
    """"We came here to ask..." is al-Maliki (named in the sentence before) asking NATO."""
    (ask,) = _find(sample_events, "We came here to ask for more training", root="02")
    assert (ask.source.code, ask.target.code, ask.modality) == ("IRQGOV", "IGOWSTNAT", "reported")
    assert "context:salient-target" in ask.evidence.rule


def test_sample_article_offsets_point_into_the_text(sample_events):
    """Every offset indexes the document as given: actor texts, verb and evidence sentence."""
    assert sample_events
    for e in sample_events:
        assert SAMPLE[e.source.start : e.source.end] == e.source.text
        assert SAMPLE[e.target.start : e.target.end] == e.target.text
        assert SAMPLE[e.evidence.start : e.evidence.end] == e.evidence.verb
        assert SAMPLE[e.sentence_start : e.sentence_start + len(e.sentence)] == e.sentence
        assert e.evidence.rule  # always names the entry or rule that fired


@pytest.mark.slow
def test_cli_code_prints_jsonl_events_for_the_sample(tmp_path):
    """`eventwire code FILE --format jsonl` with the real coder prints one parseable event per line."""
    path = tmp_path / "article.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "eventwire", "code", str(path), "--date", "2008-04-17", "--format", "jsonl", "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert any(r["code"] == "0232" and r["source"]["code"] == "IRQGOV" for r in records)
    assert "Traceback" not in out.stderr
    assert "1 story read" in out.stderr


def test_cli_reports_stories_dropped_by_a_story_level_discard(tmp_path, capsys):
    """A sports story (Phoenix story discard "+Manchester United") codes nothing and the summary says why."""
    from eventwire.cli import main

    path = tmp_path / "football.txt"
    path.write_text("Manchester United beat Arsenal as France condemned Germany on Sunday.\n", encoding="utf-8")
    assert main(["code", str(path), "--date", "2010-01-01", "--format", "jsonl", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "1 coded story discarded whole" in captured.err


@needs_shared
def test_cli_evaluate_seed_gold_json(capsys):
    """`eventwire evaluate seed/gold.json --json` codes the bundled story with its date and scores it."""
    from eventwire.cli import main

    assert main(["evaluate", str(SHARED / "seed" / "gold.json"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["must_find"] == {"found": 6, "of": 6, "missed": []}
    assert report["must_not"]["violated"] == 0
