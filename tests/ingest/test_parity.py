"""Parity of `code` and `ingest`: every source kind and every dictionaries value one accepts, the other
accepts too, because both build the same option objects (eventwire.app). Issue 11's three commands
(`ingest` of a folder, of a URL or feed, with `--dictionaries petr_validate`) are cases here.

The coder is OneEventCoder (one event per story): these tests check the wiring, not the coding.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.store import Store

from .conftest import LocalServer, Route, WarcRecord, build_warc, page

TEXT = "Iraqi Prime Minister Nuri al-Maliki urged NATO to expand its training mission in Iraq, officials said."
OTHER = "Iran accused Iraq of arming militias near the border on Tuesday, the ministry said in a statement."


def _feed(links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{link}</link><description>{text}</description></item>"
        for i, (link, text) in enumerate(zip(links, (TEXT, OTHER)))
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


def _folder(tmp: Path, server: LocalServer) -> tuple[list[str], bytes | None]:
    folder = tmp / "saved_pages"
    (folder / "april").mkdir(parents=True)
    (folder / "one.txt").write_text(TEXT, encoding="utf-8")
    (folder / "april" / "two.html").write_text(page([OTHER]), encoding="utf-8")
    return [str(folder)], None


def _page_url(tmp: Path, server: LocalServer) -> tuple[list[str], bytes | None]:
    return [server.route("/2008/04/17/story.html", Route(page([TEXT]).encode()))], None


def _feed_url(tmp: Path, server: LocalServer) -> tuple[list[str], bytes | None]:
    links = ["https://w.example.org/1", "https://w.example.org/2"]
    return [server.route("/rss", Route(_feed(links), headers={"Content-Type": "application/rss+xml"}))], None


def _feed_file(tmp: Path, server: LocalServer) -> tuple[list[str], bytes | None]:
    path = tmp / "wire.xml"
    path.write_bytes(_feed(["https://w.example.org/1", "https://w.example.org/2"]))
    return [str(path)], None


def _warc(tmp: Path, server: LocalServer) -> tuple[list[str], bytes | None]:
    path = tmp / "crawl.warc.gz"
    path.write_bytes(
        build_warc([WarcRecord("https://w.example.org/a", page([TEXT]).encode()),
                    WarcRecord("https://w.example.org/b", page([OTHER]).encode())])
    )  # fmt: skip
    return [str(path)], None


def _stdin(tmp: Path, server: LocalServer) -> tuple[list[str], bytes | None]:
    return ["-"], TEXT.encode()


SOURCES: dict[str, tuple[Callable[[Path, LocalServer], tuple[list[str], bytes | None]], int]] = {
    "folder": (_folder, 2),
    "page-url": (_page_url, 1),
    "feed-url": (_feed_url, 2),
    "feed-file": (_feed_file, 2),
    "warc": (_warc, 2),
    "stdin": (_stdin, 1),
}


def _run(argv: list[str], stdin: bytes | None, monkeypatch: pytest.MonkeyPatch) -> int:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    return main(argv)


@pytest.mark.parametrize("kind", list(SOURCES))
def test_code_and_ingest_accept_the_same_sources(
    kind: str,
    tmp_path: Path,
    server: LocalServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fake_coder: None,
) -> None:
    """Each source kind codes the same stories under `code` and stores them under `ingest`."""
    make, stories = SOURCES[kind]
    sources, stdin = make(tmp_path, server)
    common = ["--workers", "1", "--date", "2008-04-17"]
    assert _run(["code", *sources, *common, "--format", "jsonl"], stdin, monkeypatch) == 0
    out, err = capsys.readouterr()
    assert f"{stories} coded, {stories} " in err.splitlines()[-1], err
    db = str(tmp_path / "events.duckdb")
    assert _run(["ingest", *sources, "--db", db, *common], stdin, monkeypatch) == 0, capsys.readouterr().err
    err = capsys.readouterr().err
    assert re.search(rf"\b{stories} stored\b", err), err
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == stories


def _dictionary_values(tmp: Path) -> dict[str, str]:
    folder = tmp / "my_dicts"
    folder.mkdir()
    compiled = resources.files("eventwire.dictionaries").joinpath("data", "phoenix.json.gz")
    return {"phoenix": "phoenix", "petr_validate": "petr_validate", "compiled": str(compiled), "folder": str(folder)}


@pytest.mark.parametrize("value", ["phoenix", "petr_validate", "compiled", "folder"])
def test_code_ingest_and_recode_accept_the_same_dictionaries(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """A shipped set's name, a compiled .json.gz and a folder are accepted by code, ingest and recode alike."""
    dictionaries = _dictionary_values(tmp_path)[value]
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "e.duckdb")
    common = ["--workers", "1", "--date", "2008-04-17", "--dictionaries", dictionaries]
    assert main(["code", str(story), *common, "--format", "jsonl"]) == 0
    assert main(["ingest", str(story), "--db", db, *common]) == 0
    assert main(["recode", "--db", db, "--workers", "1", "--dictionaries", dictionaries]) == 0
    err = capsys.readouterr().err
    assert "error:" not in err and "1 stored" in err


@pytest.mark.parametrize("command", ["code", "ingest"])
def test_missing_dictionaries_and_sources_are_refused_alike(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """The same checks, the same messages, under both commands (exit 2, one line)."""
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    db = ["--db", str(tmp_path / "e.duckdb")] if command == "ingest" else []
    cases = [
        ([str(tmp_path / "nope.txt")], f"error: {tmp_path / 'nope.txt'}: no such file; check the path"),
        ([str(story), "--dictionaries", str(tmp_path / "none")], f"error: {tmp_path / 'none'}: no such folder"),
        ([str(story), "--dictionaries", str(tmp_path / "x.json.gz")], f"error: {tmp_path / 'x.json.gz'}: no such file"),
        ([str(story), "--extend-dictionaries"], "error: --extend-dictionaries needs --dictionaries DIR"),
        ([str(story), "--date", "someday"], "error: --date: unknown date 'someday'"),
        ([str(story), "--workers", "0"], "error: --workers must be at least 1, not 0"),
        ([str(story), "--max-chars", "0"], "error: --max-chars must be at least 1, not 0"),
        (["-", "-"], "error: stdin (-) can be read only once"),
        (["ftp://example.org/x"], "error: ftp://example.org/x: uses ftp://"),
    ]
    for args, message in cases:
        assert main([command, *args, *db]) == 2, args
        err = capsys.readouterr().err
        assert err.startswith(message) and err.count("\n") == 1, (args, err)


def test_docs_ingest_lists_the_registered_readers() -> None:
    """docs/ingest.md's reader table is the registry's own (`markdown_table`)."""
    from eventwire.ingest.readers import input_formats, markdown_table

    doc = (Path(__file__).resolve().parents[2] / "docs" / "ingest.md").read_text(encoding="utf-8")
    between = doc.split("<!-- readers:begin -->\n", 1)[1].split("<!-- readers:end -->", 1)[0]
    assert between == markdown_table()
    assert input_formats() == ("auto", "text", "jsonl", "html", "feed", "warc")
