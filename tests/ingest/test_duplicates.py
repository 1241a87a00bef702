"""ingest.duplicates: the same story twice in one run (same canonical URL or same text) is coded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.ingest import is_skip, read_sources
from eventwire.records import Reject, Story

from .conftest import RFERL_HTML, WarcRecord, build_warc

TEXT = "Iraqi Prime Minister Nuri al-Maliki urged NATO to expand its training mission in Iraq."


def write(path: Path, data: str | bytes) -> str:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def test_duplicates_same_text_differently_spaced_and_cased(tmp_path: Path) -> None:
    """A second file whose text differs only in case, spacing and punctuation is a `duplicate` skip naming the first."""
    a = write(tmp_path / "a.txt", TEXT)
    b = write(tmp_path / "b.txt", "  " + TEXT.upper().replace(" ", "\n  ").replace(".", " !") + "\n")
    first, second = read_sources([a, b])
    assert isinstance(first, Story)
    assert isinstance(second, Reject) and second.reason == "duplicate" and is_skip(second.reason)
    assert second.origin == b and f"as {a}" in second.message


def test_duplicates_same_canonical_url_different_text(tmp_path: Path) -> None:
    """Two captures of one page (same canonical URL, edited text) are one story: the first is kept."""
    html = RFERL_HTML.read_bytes()
    edited = html.replace(b"fledgling army", b"young army")
    warc = build_warc(
        [
            WarcRecord("https://www.rferl.org/x?utm_source=a", html),
            WarcRecord("https://www.rferl.org/y", edited),
        ]
    )
    first, second = read_sources([write(tmp_path / "twice.warc.gz", warc)])
    assert isinstance(first, Story) and "fledgling" in first.text
    assert isinstance(second, Reject) and second.reason == "duplicate" and "the same URL" in second.message


def test_duplicates_different_stories_are_kept(tmp_path: Path) -> None:
    """Different texts without URLs are never merged; dedupe=False keeps repeats."""
    a = write(tmp_path / "a.txt", TEXT)
    b = write(tmp_path / "b.txt", TEXT.replace("NATO", "the EU"))
    c = write(tmp_path / "c.txt", TEXT)
    assert [type(i).__name__ for i in read_sources([a, b, c])] == ["Story", "Story", "Reject"]
    assert [type(i).__name__ for i in read_sources([a, b, c], dedupe=False)] == ["Story", "Story", "Story"]


def test_duplicates_counted_in_the_cli_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """The CLI codes a repeated story once and counts the repeat as skipped; --strict does not fail on it."""
    a = write(tmp_path / "a.txt", TEXT)
    assert main(["code", a, a, "--workers", "1", "--date", "2008-04-17", "--strict"]) == 0
    assert capsys.readouterr().err.rstrip().splitlines()[-1] == (
        "2 stories read, 1 coded, 1 event, 0 rejected, 1 skipped (1 duplicate)"
    )
