"""ingest: folders are read recursively in a stable sorted order, each file by its content and name."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.ingest import read_sources, walk_folder
from eventwire.records import Reject, Story

from .conftest import RFERL_HTML, WarcRecord, build_warc, page


def story_text(n: int) -> str:
    return (
        f"Story {n}: Iraqi Prime Minister Nuri al-Maliki met NATO officials in Brussels for talks number {n}."
    )


def make_tree(root: Path) -> None:
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".git").mkdir()
    (root / "z.txt").write_text(story_text(1))
    (root / "a" / "2.txt").write_text(story_text(2))
    (root / "a" / "10.txt").write_text(story_text(3))
    (root / "b" / "deep" / "x.jsonl").write_text(
        f'{{"text": "{story_text(4)}"}}\n{{"text": "{story_text(5)}"}}\n'
    )
    (root / "b" / "c.txt").write_text(story_text(6))
    (root / ".git" / "HEAD.txt").write_text(story_text(7))
    (root / ".hidden.txt").write_text(story_text(8))


def test_folders_are_read_recursively_in_sorted_path_order(tmp_path: Path) -> None:
    """Files come in path order compared folder by folder; hidden files and folders are skipped."""
    make_tree(tmp_path)
    expected = ["a/10.txt", "a/2.txt", "b/c.txt", "b/deep/x.jsonl", "b/deep/x.jsonl", "z.txt"]
    origins = [str(s.origin) for s in read_sources([str(tmp_path)])]
    files = [re.sub(r":\d+$", "", origin) for origin in origins]  # JSON lines: file:line
    assert [os.path.relpath(f, tmp_path) for f in files] == expected
    assert origins[3:5] == [files[3] + ":1", files[3] + ":2"]


def test_folders_order_is_stable_across_runs(tmp_path: Path) -> None:
    """The same tree gives the same file list every time, whatever order the file system lists it in."""
    make_tree(tmp_path)
    first = walk_folder(str(tmp_path))
    (tmp_path / "a" / "2.txt").touch()  # a changed mtime must not matter
    assert walk_folder(str(tmp_path)) == first
    assert [os.path.relpath(p, tmp_path) for p in first] == [
        "a/10.txt",
        "a/2.txt",
        "b/c.txt",
        "b/deep/x.jsonl",
        "z.txt",
    ]


def test_folders_detect_kind_by_content_without_extension(tmp_path: Path) -> None:
    """Files without an extension are read by their first bytes: HTML page, RSS feed, WARC, gzip, JSON lines."""
    html = RFERL_HTML.read_bytes()
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><link>https://w.example/1</link>'
        b"<description>Russia condemned the United States over its missile defense plan in Europe.</description>"
        b"</item></channel></rss>"
    )
    other = page(["Georgia accused Russia on Friday of shooting down a drone over Abkhazia, officials said."])
    (tmp_path / "1-page").write_bytes(html)
    (tmp_path / "2-feed").write_bytes(feed)
    (tmp_path / "3-crawl").write_bytes(
        build_warc([WarcRecord("https://x.example/g", other.encode())], gzip=False)
    )
    (tmp_path / "4-zipped").write_bytes(gzip.compress(b'{"text": "NATO met Iraq in Brussels again."}\n'))
    stories = list(read_sources([str(tmp_path)]))
    assert all(isinstance(s, Story) for s in stories), stories
    assert [s.url for s in stories] == [  # type: ignore[union-attr]
        "https://www.rferl.org/a/1347337.html",
        "https://w.example/1",
        "https://x.example/g",
        None,
    ]


def test_folders_skip_files_of_unknown_kind(tmp_path: Path) -> None:
    """In a folder, .css/.png and binary files without extension are skips (unsupported-file), not errors."""
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "style.css").write_text("body { color: red; }")
    (tmp_path / "page_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "blob").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "page.html").write_bytes(RFERL_HTML.read_bytes())
    items = list(read_sources([str(tmp_path)]))
    reasons = {
        os.path.basename(i.origin or ""): (i.reason if isinstance(i, Reject) else "story") for i in items
    }
    assert reasons == {
        "blob": "unsupported-file: binary",
        "page.html": "story",
        "logo.png": "unsupported-file: .png",
        "style.css": "unsupported-file: .css",
    }


def test_folders_gzip_compressed_files_are_read(tmp_path: Path) -> None:
    """page.html.gz is decompressed and read as the page inside; a gzipped text without extension as text."""
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(RFERL_HTML.read_bytes()))
    (tmp_path / "story").write_bytes(gzip.compress(story_text(9).encode()))
    page_story, text_story = read_sources([str(tmp_path)])
    assert isinstance(page_story, Story) and page_story.text.startswith("BRUSSELS --")
    assert isinstance(text_story, Story) and text_story.text == story_text(9)


def test_folders_cli_accepts_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """`eventwire code FOLDER` codes every story under it and counts the skipped files."""
    make_tree(tmp_path)
    (tmp_path / "a" / "style.css").write_text("p {}")
    assert main(["code", str(tmp_path), "--workers", "1", "--date", "2008-04-17"]) == 0
    err = capsys.readouterr().err
    assert err.rstrip().splitlines()[-1] == (
        "7 stories read, 6 coded, 6 events, 0 rejected, 1 skipped (1 unsupported-file: .css)"
    )
