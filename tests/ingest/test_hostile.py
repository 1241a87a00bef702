"""ingest: hostile and broken input is a Reject with a reason, never a traceback, a hang or a leak."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.ingest import read_sources
from eventwire.records import Reject, Story

from .conftest import RFERL_HTML, LocalServer, Route, WarcRecord, build_warc

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><link>https://x.example/1</link><description>&lol9;</description></item>
</channel></rss>
"""

SECRET = "TOP-SECRET-7f3a9c-do-not-leak"


def write(path: Path, data: str | bytes) -> str:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def everything_said(items: list[Story | Reject]) -> str:
    return "\n".join(repr(i) for i in items)


def test_hostile_billion_laughs_feed_is_refused_fast(tmp_path: Path) -> None:
    """A feed declaring nested entities is one unsafe-xml Reject, in well under a second, with no story."""
    started = time.monotonic()
    items = list(read_sources([write(tmp_path / "laughs.rss", BILLION_LAUGHS)]))
    assert time.monotonic() - started < 1.0
    assert len(items) == 1 and isinstance(items[0], Reject)
    assert items[0].reason == "unsafe-xml" and "<!ENTITY" in items[0].message
    assert "lollollol" not in everything_said(items)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_hostile_xxe_feed_does_not_read_local_files(tmp_path: Path, encoding: str) -> None:
    """A feed whose entity points at a local file is refused; the file's content appears nowhere."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    feed = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>XXE</title>'
        "<item><link>https://x.example/1</link><title>&xxe;</title><description>Leak: &xxe; in a story "
        "about NATO and Iraq that is long enough to be judged by the language check.</description></item>"
        "</channel></rss>"
    )
    items = list(read_sources([write(tmp_path / "xxe.rss", feed.encode(encoding))]))
    assert [i.reason for i in items if isinstance(i, Reject)] == ["unsafe-xml"]
    assert SECRET not in everything_said(items)


def test_hostile_external_dtd_is_not_fetched(tmp_path: Path, server: LocalServer) -> None:
    """A feed naming an external DTD is read, and the DTD URL is never requested."""
    dtd = server.route("/rss.dtd", Route(b"<!ENTITY x 'y'>", headers={"Content-Type": "application/xml-dtd"}))
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd}"><rss version="2.0"><channel><title>T</title>'
        "<item><link>https://x.example/1</link><description>NATO met Iraq in Brussels.</description></item>"
        "</channel></rss>"
    )
    (story,) = read_sources([write(tmp_path / "dtd.rss", feed)])
    assert isinstance(story, Story) and story.text == "NATO met Iraq in Brussels."
    assert server.hits == []


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.html", b"", "empty"),
        ("empty.rss", b"", "empty"),
        ("empty.warc", b"", "empty"),
        ("empty.warc.gz", gzip.compress(b"", mtime=0), "empty"),
        ("empty.txt", b"", "empty"),
        ("empty.jsonl", b"", "empty"),
        ("nobody.html", b"<html><head><title>t</title></head></html>", "empty"),
        ("notxml.rss", b"this is not XML { ] <", "bad-feed"),
        ("html-as-feed.xml", b"<div><p>just a fragment</p></div>", "bad-feed"),
        (
            "nofeed.xml",
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            "empty",
        ),
        ("garbage.warc", b"hello\nworld\n", "bad-archive"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100), "binary"),
        ("broken.html.gz", b"\x1f\x8b\x08\x00garbage-not-deflate", "binary"),
    ],
)
def test_hostile_bad_files_are_one_reject_each(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    """Empty, bodiless, non-XML, non-WARC, binary and corrupt files give exactly one Reject with its reason."""
    path = write(tmp_path / name, data)
    items = list(read_sources([path]))
    assert len(items) == 1 and isinstance(items[0], Reject), items
    assert (items[0].origin, items[0].reason) == (path, reason)


def test_hostile_100_mb_page_is_refused_from_its_size(tmp_path: Path) -> None:
    """A 100 MB page is a too-large Reject at once (from its size, unread); the cap is the max_bytes option."""
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.write(b"<html><body><p>")
        f.truncate(100_000_000)  # sparse: no 100 MB written to disk
    started = time.monotonic()
    (reject,) = read_sources([str(path)])
    assert time.monotonic() - started < 1.0
    assert isinstance(reject, Reject) and reject.reason == "too-large"
    assert "100,000,000 bytes, over the --max-bytes cap of 10,000,000" in reject.message
    (story,) = read_sources([str(RFERL_HTML)], max_bytes=RFERL_HTML.stat().st_size)
    assert isinstance(story, Story)
    (reject,) = read_sources([str(RFERL_HTML)], max_bytes=RFERL_HTML.stat().st_size - 1)
    assert isinstance(reject, Reject) and reject.reason == "too-large"


def test_hostile_gzip_bomb_page_is_cut(tmp_path: Path) -> None:
    """A .html.gz that inflates far past max_bytes is a too-large Reject, quickly and in bounded memory."""
    bomb = gzip.compress(b"<html><body><p>" + b"A" * 50_000_000, compresslevel=9)
    path = write(tmp_path / "bomb.html.gz", bomb)
    started = time.monotonic()
    (reject,) = read_sources([path], max_bytes=1_000_000)
    assert time.monotonic() - started < 2.0
    assert isinstance(reject, Reject) and reject.reason == "too-large"


def test_hostile_warc_bomb_is_cut_at_the_cap(tmp_path: Path) -> None:
    """A WARC.gz whose record inflates ~1000:1 stops with a too-large Reject; the page before it is kept."""
    good = build_warc([WarcRecord("https://www.rferl.org/x", RFERL_HTML.read_bytes())])
    header = (
        b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 900000000\r\n\r\n"
    )
    member = gzip.compress(header + b"\x00" * 30_000_000, compresslevel=9)
    path = write(tmp_path / "bomb.warc.gz", good + member)
    started = time.monotonic()
    items = list(read_sources([path], max_bytes=1_000_000))
    assert time.monotonic() - started < 5.0
    assert isinstance(items[0], Story)
    assert isinstance(items[-1], Reject) and items[-1].reason == "too-large"
    assert "compression bomb" in items[-1].message


def test_hostile_truncated_gzip_page_is_rejected_before_parsing(tmp_path: Path) -> None:
    """A cut page.html.gz is a truncated Reject, not a story made of half a page."""
    path = write(tmp_path / "page.html.gz", gzip.compress(RFERL_HTML.read_bytes())[:-50])
    (reject,) = read_sources([path])
    assert isinstance(reject, Reject) and reject.reason == "truncated"


def test_hostile_deeply_nested_html_does_not_crash(tmp_path: Path) -> None:
    """100,000 nested <div>s give a Reject or a story, never a RecursionError."""
    html = (
        "<html><body>" + "<div>" * 100_000 + "<p>NATO met Iraq.</p>" + "</div>" * 100_000 + "</body></html>"
    )
    (item,) = read_sources([write(tmp_path / "deep.html", html)])
    assert isinstance(item, (Story, Reject))


def test_hostile_cli_batch_never_shows_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """A folder of broken inputs: exit 0, every file listed as rejected, no traceback on stderr."""
    write(tmp_path / "laughs.rss", BILLION_LAUGHS)
    write(tmp_path / "empty.html", b"")
    write(tmp_path / "garbage.warc", b"hello\n")
    write(
        tmp_path / "cut.warc.gz",
        build_warc([WarcRecord("https://x.example/1", RFERL_HTML.read_bytes())])[:-30],
    )
    write(tmp_path / "good.html", RFERL_HTML.read_bytes())
    assert main(["code", str(tmp_path), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for line in (
        "laughs.rss: unsafe-xml:",
        "empty.html: empty:",
        "garbage.warc: bad-archive:",
        "cut.warc.gz: truncated:",
    ):
        assert line in err
    assert err.rstrip().splitlines()[-1] == "5 stories read, 1 coded, 1 event, 4 rejected"


@pytest.mark.parametrize(
    "date",
    ["x" * 1_000_000, ["2008-04-17"], {"y": 2008}, 17.5, -20080417, 10**30, True, "9999-99-99", "\x00\x01", "0000-00-00"],
)
def test_hostile_json_date_costs_neither_the_story_nor_a_huge_warning(
    tmp_path: Path, date: object, caplog: pytest.LogCaptureFixture
) -> None:
    """Whatever a JSON record's "date" holds (a megabyte, a list, an object, a float, a huge or negative
    number, control characters), the story is read undated, and the warning quotes at most 200
    characters of it (issue 13)."""
    import json
    import logging

    path = write(tmp_path / "d.jsonl", json.dumps({"text": "Iraq accused Iran of arming militias.", "date": date}) + "\n")
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest"):
        (story,) = read_sources([path], language_check=False)
    assert isinstance(story, Story) and story.date is None
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning.startswith(f'{path}:1: "date": unknown date ') and len(warning) < 800
