"""ingest: the faults of issue 13 (items 3, 4, 5, 8): each a Reject with its reason, never a traceback or a hang."""

from __future__ import annotations

import gzip
import os
import threading
import time
from pathlib import Path

import pytest

from eventwire.ingest import read_sources
from eventwire.records import Reject, Story

from .conftest import RFERL_HTML, WarcRecord, build_warc

FEED = (
    '<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>Wire</title>'
    "<item><title>Talks</title><link>https://x.example/1</link>"
    "<description>NATO ministers met Iraqi officials in Baghdad on Monday.</description></item>"
    "</channel></rss>"
)


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def kinds(items: list[Story | Reject]) -> list[str]:
    return [i.reason if isinstance(i, Reject) else "story" for i in items]


def two_page_warc() -> tuple[bytes, int]:
    pages = [WarcRecord(f"https://x.example/{n}", RFERL_HTML.read_bytes()) for n in (1, 2)]
    data = build_warc(pages, gzip=False)
    return data, data.index(b"WARC/1.0", 10)  # where the second record begins


@pytest.mark.parametrize("into_header", [5, 30, 60, 100, 140])
def test_warc_cut_inside_a_record_header_keeps_the_records_before_and_the_next_source(
    tmp_path: Path, into_header: int
) -> None:
    """A WARC cut inside its second record's header: the first page is kept, the rest of that file is
    rejected with its reason, and the next source is read."""
    data, second = two_page_warc()
    cut = write(tmp_path / "cut.warc", data[: second + into_header])
    other = write(tmp_path / "other.txt", b"NATO ministers met Iraqi officials in Baghdad on Monday to discuss security.")
    items = list(read_sources([cut, other]))
    assert isinstance(items[0], Story) and items[0].origin.endswith("cut.warc#1")
    assert isinstance(items[-1], Story) and items[-1].origin.endswith("other.txt")
    rejects = [i for i in items if isinstance(i, Reject) and not i.reason.startswith("not-response")]
    assert len(rejects) == 1 and rejects[0].reason in ("bad-archive", "truncated")
    assert "the records before were read" in rejects[0].message


@pytest.mark.parametrize("tail", [b"", b"\xff\xfe\x80"])
@pytest.mark.parametrize("encoding", ["punycode", "utf-7", "idna", "rot13", "no-such-codec", "utf-16"])
def test_feed_declaring_an_undecodable_encoding_is_one_reject(tmp_path: Path, encoding: str, tail: bytes) -> None:
    """A feed whose XML declaration names an encoding its bytes are not in: one Reject (or the story
    when the parser recovers), and the next source is read."""
    feed = write(tmp_path / "wire.rss", FEED.format(encoding=encoding).encode("ascii") + tail)
    other = write(tmp_path / "other.txt", b"NATO ministers met Iraqi officials in Baghdad on Monday to discuss security.")
    items = list(read_sources([feed, other]))
    assert isinstance(items[-1], Story) and items[-1].origin.endswith("other.txt")
    for item in items[:-1]:
        assert isinstance(item, Story) or item.reason in ("encoding", "bad-feed")


def test_not_a_warc_named_warc_is_rejected_fast_with_a_short_message(tmp_path: Path) -> None:
    """8 MB of zeros named .warc: one bad-archive Reject whose message quotes at most ~200 characters."""
    path = write(tmp_path / "zeros.warc", b"\x00" * 8_000_000)
    started = time.monotonic()
    (reject,) = read_sources([path])
    assert time.monotonic() - started < 2.0
    assert isinstance(reject, Reject) and reject.reason == "bad-archive"
    assert "not a WARC archive" in reject.message and len(reject.message) < 400


def test_not_a_warc_named_warc_gz_gets_the_gzip_guard(tmp_path: Path) -> None:
    """200 MB of zeros gzipped and named .warc.gz is refused as fast as the same bytes named .gz."""
    zeros = gzip.compress(b"\x00" * 200_000_000, compresslevel=1)
    timings = {}
    for name in ("zeros.warc.gz", "zeros.gz"):
        path = write(tmp_path / name, zeros)
        started = time.monotonic()
        (reject,) = read_sources([path])
        timings[name] = time.monotonic() - started
        assert isinstance(reject, Reject) and len(reject.message) < 400
    assert timings["zeros.warc.gz"] < 1.0, timings


def test_text_named_warc_is_not_a_warc(tmp_path: Path) -> None:
    """Plain text named .warc is 'not a WARC archive', quoting its first characters, not a skip."""
    (reject,) = read_sources([write(tmp_path / "notes.warc", b"hello world " * 100_000)])
    assert isinstance(reject, Reject) and reject.reason == "bad-archive"
    assert "hello world" in reject.message and len(reject.message) < 400


def test_fifo_in_a_source_folder_is_skipped_with_a_reason(tmp_path: Path) -> None:
    """A FIFO (nobody writing to it) in a folder is skipped with its reason; the other files are read."""
    folder = tmp_path / "news"
    folder.mkdir()
    os.mkfifo(folder / "a_pipe.txt")
    (folder / "b_story.txt").write_bytes(b"NATO ministers met Iraqi officials in Baghdad on Monday to discuss security.")
    items: list[Story | Reject] = []
    reader = threading.Thread(target=lambda: items.extend(read_sources([str(folder)])), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():
        with open(folder / "a_pipe.txt", "wb"):  # unblock the reader so the test process can end
            pass
        reader.join(5)
        pytest.fail("reading a folder with a FIFO in it hung")
    assert kinds(items)[1] == "story"
    assert isinstance(items[0], Reject) and items[0].reason == "not-a-file: fifo" and "a_pipe.txt" in items[0].origin


def test_html_with_control_characters_is_read(tmp_path: Path) -> None:
    """Control characters (backspace, ESC...) in a page, which lxml refuses when it prunes the tree, are
    blanked: the page is a story, not a ValueError (found by the fuzz test)."""
    html = (b"<html><body><nav>Home</nav>\x08\x1b<article><p>NATO ministers met Iraqi officials in Baghdad "
            b"on Monday to discuss training.</p></article><script>x</script>\x01tail</body></html>")  # fmt: skip
    (item,) = read_sources([write(tmp_path / "ctl.html", html)])
    assert isinstance(item, Story) and "Baghdad" in item.text
