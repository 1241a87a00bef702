"""ingest.feeds: RSS and Atom feeds -> one story per entry, coded by URL; --fetch-links on demand."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from eventwire.ingest import read_sources
from eventwire.records import Reject, Story

from .conftest import RFERL_HTML, LocalServer, Route

ITEMS = (
    (
        "https://news.example.org/2008/04/17/maliki-nato",
        "Thu, 17 Apr 2008 18:42:00 +0200",
        (
            "BAGHDAD (Reuters) - Iraqi Prime Minister Nuri al-Maliki urged NATO on Thursday to expand its "
            "training mission in Iraq and to send more equipment to the Iraqi army."
        ),
        ("IRQGOV", "IGOWSTNAT", "0232"),
    ),
    (
        "https://news.example.org/world/russia-missile-shield",
        "Mon, 14 Apr 2008 09:00:00 GMT",
        (
            "MOSCOW (Reuters) - Russia condemned the United States on Monday over its plan to build a missile "
            "defense shield in Poland and the Czech Republic."
        ),
        ("RUS", "USA", "111"),
    ),
    (
        "https://news.example.org/europe/sarkozy-merkel",
        "Tue, 15 Apr 2008 23:30:00 -0500",
        (
            "PARIS (AP) - French President Nicolas Sarkozy met German Chancellor Angela Merkel in Paris on "
            "Tuesday to discuss the European Union budget."
        ),
        ("FRAGOV", "DEUGOV", "040"),
    ),
)


def rss(items: tuple[tuple[str, str, str, Any], ...] = ITEMS, *, title: str = "Example Wire") -> str:
    entries = "\n".join(
        f"<item><title>Story {i}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description><![CDATA[<p>{text}</p>]]></description></item>"
        for i, (link, date, text, _) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://news.example.org/</link><description>d</description>"
        f"{entries}</channel></rss>"
    )


def write(path: Path, data: str | bytes) -> str:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def test_feeds_rss_entries_become_stories_with_their_metadata(tmp_path: Path) -> None:
    """Each RSS item is a story: text from its description, URL = link, outlet = feed title, date as written."""
    path = write(tmp_path / "wire.rss", rss())
    stories = list(read_sources([path]))
    assert all(isinstance(s, Story) for s in stories)
    assert [s.url for s in stories] == [link for link, *_ in ITEMS]
    assert [s.origin for s in stories] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [s.text for s in stories] == [text for _, _, text, _ in ITEMS]
    assert {s.source for s in stories} == {"Example Wire"}
    assert [s.title for s in stories] == ["Story 0", "Story 1", "Story 2"]
    # RFC 2822 dates keep the outlet's own calendar day (23:30 -05:00 stays the 15th, not UTC's 16th)
    assert [s.date for s in stories] == ["2008-04-17", "2008-04-14", "2008-04-15"]


@pytest.mark.model
def test_feeds_every_item_is_coded_by_url(tmp_path: Path, real_coder: Any) -> None:
    """A 3-item feed gives 3 coded stories; each item's expected event carries that item's URL."""
    path = write(tmp_path / "wire.xml", rss())
    stories = list(read_sources([path]))
    assert len(stories) == 3 and all(isinstance(s, Story) for s in stories)
    coded = list(real_coder.code_stories(stories))
    for (link, _, _, triple), result in zip(ITEMS, coded):
        assert result.story.url == link
        by_triple = {e.triple(): e for e in result.events}
        assert triple in by_triple, (link, list(by_triple))
        assert by_triple[triple].url == link


def test_feeds_atom_prefers_content_over_summary(tmp_path: Path) -> None:
    """An Atom entry's <content> is the story, not its <summary>; the updated date is used when unpublished."""
    body = (
        "Iraqi Prime Minister Nuri al-Maliki urged NATO to expand its training mission in Iraq, "
        "saying the alliance's help had been a major factor in recent operations."
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Wire</title><id>urn:x</id><updated>2008-04-18T00:00:00Z</updated>"
        "<entry><title>Maliki</title><id>urn:1</id><link href='https://atom.example.org/a/1'/>"
        "<updated>2008-04-17T23:30:00-05:00</updated><summary>Short teaser.</summary>"
        f'<content type="html">&lt;p&gt;{body}&lt;/p&gt;</content></entry></feed>'
    )
    (story,) = read_sources([write(tmp_path / "wire.atom", atom)])
    assert isinstance(story, Story)
    assert story.text == body
    assert (story.url, story.date, story.source) == (
        "https://atom.example.org/a/1",
        "2008-04-17",
        "Atom Wire",
    )


def test_feeds_entry_without_text_is_one_reject(tmp_path: Path) -> None:
    """An entry with neither content nor summary is a Reject for that entry only (feed#n)."""
    feed = rss().replace("<description><![CDATA[<p>" + ITEMS[1][2] + "</p>]]></description>", "")
    path = write(tmp_path / "wire.rss", feed)
    items = list(read_sources([path]))
    assert [type(i).__name__ for i in items] == ["Story", "Reject", "Story"]
    reject = items[1]
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.reason) == (f"{path}#2", "empty")
    assert "--fetch-links" in reject.message


def test_feeds_links_are_not_fetched_unless_asked(tmp_path: Path, server: LocalServer) -> None:
    """Without fetch_links, a feed's entry links are never requested."""
    link = server.route("/a/1347337.html", Route(RFERL_HTML.read_bytes()))
    items = ((link, "Thu, 17 Apr 2008 18:42:00 +0200", "Teaser: NATO and Iraq.", None),)
    list(read_sources([write(tmp_path / "f.rss", rss(items))]))
    assert server.hits == []


def test_feeds_fetch_links_reads_the_linked_article(
    tmp_path: Path, server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    """With fetch_links, a reachable entry page replaces the teaser; an unreachable one keeps the teaser, with a warning."""
    good = server.route("/a/1347337.html", Route(RFERL_HTML.read_bytes()))
    missing = server.url("/a/gone.html")
    teaser = "Iraq asks NATO for more help, the prime minister says in Brussels."
    items = (
        (good, "Thu, 17 Apr 2008 18:42:00 +0200", teaser, None),
        (missing, "Thu, 17 Apr 2008 19:00:00 +0200", "Another teaser about talks in Brussels.", None),
    )
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest"):
        first, second = read_sources([write(tmp_path / "f.rss", rss(items))], fetch_links=True)
    assert isinstance(first, Story) and isinstance(second, Story)
    assert first.text.startswith("BRUSSELS -- Iraqi Prime Minister Nuri al-Maliki has urged NATO")
    assert first.url == "https://www.rferl.org/a/1347337.html"  # the page's canonical URL
    assert (first.title, first.source, first.date) == ("Story 0", "Example Wire", "2008-04-17")
    assert second.text == "Another teaser about talks in Brussels."
    assert sorted(server.hits) == ["/a/1347337.html", "/a/gone.html"]
    assert any(
        "the linked page was not used" in r.getMessage() and "404" in r.getMessage() for r in caplog.records
    )
