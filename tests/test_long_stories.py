"""Long stories are parsed in paragraph groups (issue 13 item 6, issue 15): offsets still point into
the original text, and the events are those of the story parsed whole."""

from __future__ import annotations

from importlib import resources

import pytest

from eventwire.coding import coder as coder_module
from eventwire.nlp import paragraph_groups, parse_in_parts, story_doc
from eventwire.records import Story


def _sample() -> Story:
    from eventwire.ingest.metadata import with_dateline

    text = (resources.files("eventwire") / "examples" / "rferl_nato_iraq_2008.txt").read_text(encoding="utf-8")
    found = with_dateline(Story(id="rferl", text=text, date="2008-04-17"))
    assert isinstance(found, Story)
    return found


def test_paragraph_groups_cover_the_text_in_pieces_no_longer_than_the_limit() -> None:
    text = "One. Two.\n\nThree four five.\nSix seven. Eight nine ten eleven\n\nTwelve."
    groups = paragraph_groups(text, 20)
    assert "".join(text[a:b] for a, b in groups) == text
    assert all(b - a <= 20 for a, b in groups)
    assert [a for a, _ in groups][1:] == [b for _, b in groups][:-1]  # consecutive
    assert text[: groups[0][1]] == "One. Two.\n\n"  # a blank line is the preferred cut


def test_paragraph_groups_cut_a_text_without_breaks_after_a_space_or_at_the_limit() -> None:
    assert paragraph_groups("aaaa bbbb cccc", 6) == [(0, 5), (5, 10), (10, 14)]
    assert paragraph_groups("x" * 10, 4) == [(0, 4), (4, 8), (8, 10)]
    assert paragraph_groups("short", 100) == [(0, 5)]
    assert paragraph_groups("", 100) == [(0, 0)]


def test_parse_in_parts_joins_one_doc_with_the_story_text_and_the_whole_parse(nlp) -> None:
    story = _sample()
    whole = nlp(story_doc(nlp, story))
    seen: list[tuple[int, int]] = []
    parts = parse_in_parts(nlp, story, limit=1500, on_part=lambda done, total: seen.append((done, total)))
    assert parts.text == story.text
    assert [t.idx for t in parts] == [t.idx for t in whole]
    assert [s.text for s in parts.sents] == [s.text for s in whole.sents]  # cuts fall between sentences
    assert len(seen) >= 3 and seen[-1] == (seen[-1][1], seen[-1][1])


def test_a_story_longer_than_the_split_size_is_coded_in_parts_with_the_same_events(nlp, monkeypatch) -> None:
    from eventwire.coding.coder import Coder

    story = _sample()
    coder = Coder()
    whole = list(coder.code_stories([story]))[0]
    shown: list[str] = []
    coder.progress = shown.append
    monkeypatch.setattr(coder_module, "SPLIT_CHARS", 1500)
    (split,) = coder.code_stories([story])
    assert [e.to_json() for e in split.events] == [e.to_json() for e in whole.events]
    assert shown and "part 1 of" in shown[0]
    for event in split.events:  # every offset points into the original text
        assert story.text[event.sentence_start : event.sentence_start + len(event.sentence)] == event.sentence
        assert story.text[event.evidence.start : event.evidence.end] == event.evidence.verb


def test_code_stories_batches_in_memory_zones_and_keeps_results_usable(nlp) -> None:
    from eventwire.coding.coder import Coder

    stories = [
        Story(id=f"s{i}", text=f"Iraq accused Iran of arming militias in Basra on Tuesday, officials said {i}.",
              date="2008-04-17")
        for i in range(5)
    ]
    coded = list(Coder().code_stories(stories, batch_size=2))
    assert [c.story.id for c in coded] == [s.id for s in stories]
    assert all(c.events and c.events[0].sentence.startswith("Iraq accused Iran") for c in coded)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from eventwire.nlp import load_nlp

    return load_nlp()
