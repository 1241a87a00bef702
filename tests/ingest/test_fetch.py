"""ingest.fetch: http(s) sources fetched from a real local server: timeouts, size cap, types, politeness."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.ingest import FetchOptions, read_sources
from eventwire.ingest.fetch import Fetcher
from eventwire.records import Reject, Story

from .conftest import RFERL_HTML, LocalServer, Route, page

FAST = FetchOptions(timeout=1.0, deadline=3.0)
TEXT = (
    "Iraqi Prime Minister Nuri al-Maliki urged NATO to expand its training mission in Iraq, officials said."
)


def test_fetch_page_url_becomes_a_story(server: LocalServer) -> None:
    """A page URL is fetched and read as HTML: origin = the URL asked for, url = the page's canonical URL."""
    url = server.route("/a/1347337.html", Route(RFERL_HTML.read_bytes()))
    (story,) = read_sources([url], fetch_options=FAST)
    assert isinstance(story, Story)
    assert story.origin == url
    assert story.url == "https://www.rferl.org/a/1347337.html"
    assert story.date == "2008-04-17" and story.text.startswith("BRUSSELS --")


def test_fetch_feed_url_is_read_as_a_feed(server: LocalServer) -> None:
    """A URL answering application/rss+xml gives one story per item."""
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><link>https://w.example.org/1</link><description>{TEXT}</description></item>"
        "</channel></rss>"
    ).encode()
    url = server.route("/feed", Route(feed, headers={"Content-Type": "application/rss+xml"}))
    (story,) = read_sources([url], fetch_options=FAST)
    assert isinstance(story, Story)
    assert (story.text, story.url, story.source, story.origin) == (
        TEXT,
        "https://w.example.org/1",
        "Wire",
        f"{url}#1",
    )


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/news.html", "gopher://x/1"])
def test_fetch_only_http_and_https(url: str) -> None:
    """Any other scheme is an unsupported-url Reject that says only http(s) is fetched; nothing is read."""
    (reject,) = read_sources([url])
    assert isinstance(reject, Reject)
    assert reject.reason == "unsupported-url"
    assert "only http:// and https://" in reject.message
    assert "root:" not in reject.message


def test_fetch_cli_refuses_other_schemes_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    """`eventwire code file:///etc/passwd` is a usage error (exit 2, one line), like a missing file."""
    assert main(["code", "file:///etc/passwd"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "error: file:///etc/passwd: uses file://; only http:// and https:// URLs are fetched"
    )
    assert err.count("\n") == 1


def test_fetch_redirect_to_another_scheme_is_refused(server: LocalServer) -> None:
    """A redirect to file:// is not followed."""
    url = server.route("/r", Route(b"", status=302, headers={"Location": "file:///etc/passwd"}))
    (reject,) = read_sources([url], fetch_options=FAST)
    assert isinstance(reject, Reject) and reject.reason == "unsupported-url"


def test_fetch_timeout_is_bounded(server: LocalServer) -> None:
    """A server that does not answer within the timeout gives a fetch Reject, quickly."""
    url = server.route("/slow", Route(page([TEXT]).encode(), delay=3.0))
    started = time.monotonic()
    (reject,) = read_sources([url], fetch_options=FetchOptions(timeout=0.3, deadline=1.0))
    assert time.monotonic() - started < 2.5
    assert isinstance(reject, Reject) and reject.reason == "fetch" and "timed out" in reject.message


def test_fetch_deadline_stops_a_dripping_server(server: LocalServer) -> None:
    """A body that trickles in, each chunk within the read timeout, is cut at the total deadline."""
    chunks = [b"<html><body><p>"] + [b"x" * 10] * 40 + [b"</p></body></html>"]
    url = server.route("/drip", Route(chunks, chunk_pause=0.1))
    started = time.monotonic()
    (reject,) = read_sources([url], fetch_options=FetchOptions(timeout=1.0, deadline=0.5))
    assert time.monotonic() - started < 2.5
    assert isinstance(reject, Reject) and reject.reason == "fetch" and "took more than" in reject.message


def test_fetch_size_cap_by_content_length_and_by_body(server: LocalServer) -> None:
    """A declared Content-Length over --max-bytes is refused; a body that grows past it is cut."""
    big = b"<html><body><p>" + b"word " * 20_000 + b"</p></body></html>"
    declared = server.route("/declared", Route(big))
    undeclared = server.route("/undeclared", Route([big[:50_000], big[50_000:]], send_length=False))
    bomb = server.route(
        "/bomb",
        Route(
            gzip.compress(b" " * 5_000_000), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
        ),
    )
    items = list(read_sources([declared, undeclared, bomb], max_bytes=10_000, fetch_options=FAST))
    assert [(i.reason if isinstance(i, Reject) else "story") for i in items] == ["too-large"] * 3
    messages = [i.message for i in items]  # type: ignore[union-attr]
    assert "is 100,033 bytes, over the --max-bytes cap of 10,000" in messages[0]
    assert "is over 10,000 bytes (decoded)" in messages[1]
    assert "is over 10,000 bytes (decoded)" in messages[2]


def test_fetch_content_type_is_checked(server: LocalServer) -> None:
    """An image URL is refused from its Content-Type, naming the type; an HTTP error names the status."""
    image = server.route("/logo.png", Route(b"\x89PNG" + bytes(100), headers={"Content-Type": "image/png"}))
    missing = server.url("/nothing-here")
    first, second = read_sources([image, missing], fetch_options=FAST)
    assert isinstance(first, Reject) and first.reason == "fetch" and "image/png" in first.message
    assert isinstance(second, Reject) and second.reason == "fetch" and "HTTP 404" in second.message


def test_fetch_cp1252_served_as_utf8(server: LocalServer) -> None:
    """A page whose HTTP header says UTF-8 but whose bytes are Windows-1252 is decoded readably."""
    text = "\u201cWe came here to ask for more training,\u201d al-Maliki told NATO\u2019s ambassadors in Brussels on Thursday."
    url = server.route(
        "/cp", Route(page([text]).encode("cp1252"), headers={"Content-Type": "text/html; charset=utf-8"})
    )
    (story,) = read_sources([url], fetch_options=FAST)
    assert isinstance(story, Story) and text in story.text


def test_fetch_concurrency_is_limited_and_order_kept(server: LocalServer) -> None:
    """At most `concurrency` requests run at once (per_host too), and results come back in input order."""
    urls = [
        server.route(f"/s{i}", Route(page([f"{TEXT} Number {i}."]).encode(), delay=0.5)) for i in range(8)
    ]
    stories = list(read_sources(urls, fetch_options=FetchOptions(timeout=10.0, concurrency=3, per_host=3)))
    assert [s.origin for s in stories] == urls
    assert 1 < server.peak <= 3
    server.peak = 0
    list(
        read_sources(
            urls[:4], fetch_options=FetchOptions(timeout=10.0, concurrency=4, per_host=1), dedupe=False
        )
    )
    assert server.peak == 1


def test_fetch_many_returns_errors_in_place(server: LocalServer) -> None:
    """Fetcher.fetch_many gives (url, Fetched | error) pairs in input order, errors where they happened."""
    ok = server.route("/ok", Route(b"<html><body>ok</body></html>"))
    with Fetcher(max_bytes=1000, options=FAST) as fetcher:
        results = list(fetcher.fetch_many([ok, "ftp://x/y", ok]))
    assert [url for url, _ in results] == [ok, "ftp://x/y", ok]
    assert [type(r).__name__ for _, r in results] == ["Fetched", "UnsupportedURLError", "Fetched"]


def test_fetch_text_url_is_a_text_story(server: LocalServer, tmp_path: Path) -> None:
    """A text/plain URL is one text story whose url is the URL."""
    url = server.route(
        "/story.txt", Route(TEXT.encode(), headers={"Content-Type": "text/plain; charset=utf-8"})
    )
    (story,) = read_sources([url], fetch_options=FAST)
    assert isinstance(story, Story) and (story.text, story.url) == (TEXT, url)
