"""ingest.html: web pages -> the article text and the page's own metadata, never its furniture."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from eventwire.ingest import read_sources
from eventwire.ingest.html import decode_html
from eventwire.ingest.metadata import find_dateline
from eventwire.records import Reject, Story

from .conftest import RFERL_HTML, RFERL_TXT, page

# Strings that only the page furniture of the fixture contains (navigation, ticker, related, footer).
FURNITURE = (
    "Skip to main navigation",
    "NATO and Europe",
    "Georgia accuses Russia",
    "Iran condemns the United States",
    "Pakistan rejects Afghan charges",
    "Al-Maliki seeks EU trade deal",
    "path to membership",
    "send more troops to Afghanistan",
    "Russia warns Ukraine",
    "Green Zone shelled",
    "undesirable organization",
    "fines or imprisonment",
    "click here",
    "Privacy Policy",
    "All rights reserved",
    "Share",
)


def read_one(path: str | Path, **kw: Any) -> Story | Reject:
    (item,) = list(read_sources([str(path)], **kw))
    return item


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_html_fixture_keeps_the_article_and_drops_the_furniture() -> None:
    """The RFE/RL page gives its article paragraphs, blank-line separated, and none of nav/ticker/related/footer."""
    story = read_one(RFERL_HTML)
    assert isinstance(story, Story)
    assert story.text.startswith("BRUSSELS -- Iraqi Prime Minister Nuri al-Maliki has urged NATO countries")
    assert story.text.rstrip().endswith('"what is feasible within the alliance."')
    assert story.text.count("\n\n") == 13  # 14 paragraphs
    for junk in FURNITURE:
        assert junk not in story.text, junk


def test_html_metadata_comes_from_the_page() -> None:
    """Date from article:published_time, canonical URL, title and site name come from the page's metadata."""
    story = read_one(RFERL_HTML)
    assert isinstance(story, Story)
    assert story.date == "2008-04-17"
    assert story.url == "https://www.rferl.org/a/1347337.html"
    assert story.title == "NATO: Iraq Asks Alliance For Greater Assistance"
    assert story.source == "RFE/RL"
    assert story.id == Story.derive_id(story.text, story.url)
    dateline = find_dateline(story.text)
    assert dateline is not None and dateline.place == "BRUSSELS" and dateline.start == 0


@pytest.mark.model
def test_html_codes_the_same_events_as_the_clean_text(real_coder: Any) -> None:
    """At least 90% of the clean text's (source, target, code) triples are coded from the HTML page too."""
    clean = read_one(RFERL_TXT, date="2008-04-17")
    html = read_one(RFERL_HTML)
    assert isinstance(clean, Story) and isinstance(html, Story)
    assert html.date == "2008-04-17"  # from the page, no --date
    expected = Counter(e.triple() for e in real_coder.code_story(clean).events)
    got = Counter(e.triple() for e in real_coder.code_story(html).events)
    assert sum(expected.values()) >= 5  # the check means something only if the clean text codes events
    same = sum((expected & got).values()) / sum(expected.values())
    assert same >= 0.90, (same, expected - got, got - expected)


@pytest.mark.model
def test_html_furniture_codes_nothing(real_coder: Any) -> None:
    """No event's evidence sentence comes from the page's navigation, ticker, related links or footer."""
    html = read_one(RFERL_HTML)
    assert isinstance(html, Story)
    events = real_coder.code_story(html).events
    assert events
    for event in events:
        for junk in FURNITURE:
            assert junk not in event.sentence, (junk, event.sentence)
        assert event.url == "https://www.rferl.org/a/1347337.html"


def test_html_copyright_year_is_never_a_day(tmp_path: Path) -> None:
    """A page whose only date is a "© 2008" footer gets no date (not 2008-01-01)."""
    text = (
        "Iraqi Prime Minister Nuri al-Maliki urged NATO countries to expand the alliance's training "
        "effort in his country and to donate more equipment to Iraq's army."
    )
    html = page([text, "He spoke after talks with NATO ambassadors in Brussels."]).replace(
        "Contact us.", "Copyright &copy; 2008 RFE/RL, Inc. All rights reserved."
    )
    story = read_one(write(tmp_path / "talks.html", html))
    assert isinstance(story, Story)
    assert story.date is None


def test_html_batch_date_overrides_the_page_date() -> None:
    """--date wins over the page's own publication date."""
    story = read_one(RFERL_HTML, date="2008-04-18")
    assert isinstance(story, Story) and story.date == "2008-04-18"


def test_html_without_a_body_is_rejected(tmp_path: Path) -> None:
    """A page with a head and no body is a Reject with reason empty, naming the file."""
    path = write(tmp_path / "nobody.html", "<html><head><title>Nothing</title></head></html>")
    reject = read_one(path)
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.reason) == (str(path), "empty")
    assert "no article text" in reject.message


def test_html_cp1252_served_as_utf8_stays_readable(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A page declared UTF-8 but written in Windows-1252 keeps its curly quotes and accents, with a warning."""
    paragraph = (
        "\u201cNATO will not replace coalition troops,\u201d said the caf\u00e9 owner in Brussels, where the "
        "alliance\u2019s ministers met on Thursday to discuss Iraq\u2019s request for more training."
    )
    path = write(tmp_path / "cp.html", page([paragraph], charset="utf-8").encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest"):
        story = read_one(path)
    assert isinstance(story, Story)
    assert paragraph in story.text
    assert "\ufffd" not in story.text
    assert any(
        "declared as utf-8 but is not; decoded as Windows-1252" in r.getMessage() for r in caplog.records
    )


def test_html_meta_charset_is_used_when_not_utf8() -> None:
    """Bytes that are not UTF-8 are decoded with the page's <meta charset> (here Windows-1251)."""
    text = "\u041d\u0410\u0422\u041e \u0438 \u0418\u0440\u0430\u043a"  # "НАТО и Ирак"
    data = f'<html><head><meta charset="windows-1251"></head><body><p>{text}</p></body></html>'.encode(
        "cp1251"
    )
    assert text in decode_html(data, "x.html")
    assert text in decode_html(
        data, "x.html", declared="koi8-unknown"
    )  # an unknown declared charset is ignored


def test_html_title_repeated_as_first_block_is_dropped(tmp_path: Path) -> None:
    """An <h1> that repeats the page title is not part of the story text (the title is kept in Story.title)."""
    body = "NATO ministers met in Brussels on Thursday and agreed to expand the training mission in Iraq."
    path = write(
        tmp_path / "t.html", page([body, "The decision was welcomed by Baghdad."], title="NATO Meets")
    )
    story = read_one(path)
    assert isinstance(story, Story)
    assert story.title == "NATO Meets"
    assert story.text.startswith("NATO ministers met")


def test_html_extension_htm_and_sniffed_content_are_both_html(tmp_path: Path) -> None:
    """.htm is HTML by name; a .txt file that starts with <!doctype html> is HTML by content."""
    html = RFERL_HTML.read_bytes()
    by_name = read_one(write(tmp_path / "a.htm", html))
    by_content = read_one(write(tmp_path / "saved-page.txt", html), dedupe=False)
    assert isinstance(by_name, Story) and isinstance(by_content, Story)
    assert by_name.text == by_content.text
    assert by_content.text.startswith("BRUSSELS --")
