"""ingest: plain-text stories, the encoding policy, and per-file rejects."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pytest

from eventwire.errors import BadDateError, ConfigError
from eventwire.ingest import read_sources
from eventwire.records import Reject, Story

STORY = "Iraqi Prime Minister Nuri al-Maliki asked NATO to help train Iraqi forces.\n"


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def read_one(path: str, **kw: object) -> Story | Reject:
    (item,) = list(read_sources([path], **kw))  # type: ignore[arg-type]
    return item


def test_ingest_text_file_is_one_story(tmp_path: Path) -> None:
    """A .txt file becomes one Story: its text unchanged, a derived id, the batch date, origin = the file."""
    path = write(tmp_path / "rferl.txt", STORY.encode())
    story = read_one(path, date="April 17, 2008")
    assert isinstance(story, Story)
    assert story.text == STORY
    assert story.id == Story.derive_id(STORY)
    assert story.date == "2008-04-17"
    assert story.origin == path
    assert (story.url, story.title, story.source) == (None, None, None)


def test_ingest_text_id_is_stable_across_runs_and_paths(tmp_path: Path) -> None:
    """The same text read twice, from two file names, gets the same id."""
    a = write(tmp_path / "a.txt", STORY.encode())
    b = write(tmp_path / "b.txt", STORY.encode())
    first, second = read_sources([a, b], dedupe=False)
    again = read_one(a)
    assert isinstance(first, Story) and isinstance(second, Story) and isinstance(again, Story)
    assert first.id == second.id == again.id


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf\n"])
def test_ingest_text_empty_file_is_rejected(tmp_path: Path, data: bytes) -> None:
    """A 0-byte or whitespace-only file is a Reject with reason empty naming the file."""
    path = write(tmp_path / "empty.txt", data)
    reject = read_one(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "empty"
    assert reject.origin == path
    assert reject.message.startswith(f"{path}: ") and "empty" in reject.message


def test_ingest_text_binary_file_is_rejected(tmp_path: Path) -> None:
    """A file with NUL bytes (here a PNG header) is a Reject with reason binary, not a garbage story."""
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    reject = read_one(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "binary"
    assert reject.message.startswith(f"{path}: ")


def test_ingest_text_control_bytes_without_nul_are_binary(tmp_path: Path) -> None:
    """Mostly control bytes (no NUL) are rejected as binary rather than decoded."""
    path = write(tmp_path / "blob", bytes([1, 2, 3, 4, 5, 6, 0x81, 0x8D]) * 100)
    reject = read_one(path)
    assert isinstance(reject, Reject) and reject.reason == "binary"


def test_ingest_text_cp1252_is_decoded_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A Windows-1252 file keeps its story (curly quotes, accents) and logs one warning naming the file."""
    text = "NATO\u2019s chief said \u201cno\u201d to the caf\u00e9 owners \u2013 twice.\n"
    path = write(tmp_path / "legacy.txt", text.encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest"):
        story = read_one(path)
    assert isinstance(story, Story)
    assert story.text == text
    (record,) = caplog.records
    assert record.getMessage().startswith(f"{path}: not UTF-8")
    assert "Windows-1252" in record.getMessage()


def test_ingest_text_undecodable_is_rejected_as_encoding(tmp_path: Path) -> None:
    """Bytes that are neither UTF-8 nor Windows-1252 are a Reject with reason encoding and a fix."""
    path = write(tmp_path / "odd.txt", b"Report: \x81\x8d\x8f\x90\x9d in text\n")
    reject = read_one(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "encoding"
    assert reject.message.startswith(f"{path}: ") and "UTF-8" in reject.message


def test_ingest_text_other_code_page_is_rejected_not_mojibake(tmp_path: Path) -> None:
    """Russian in KOI8-R decodes as Windows-1252 but would be mojibake, so it is rejected (encoding)."""
    russian = "Премьер-министр Ирака попросил НАТО помочь.\n"
    path = write(tmp_path / "ru.txt", russian.encode("koi8-r"))
    reject = read_one(path)
    assert isinstance(reject, Reject) and reject.reason == "encoding"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_ingest_text_byte_order_marks_are_honoured(tmp_path: Path, encoding: str) -> None:
    """UTF-8/16/32 files with a byte-order mark decode to the text without the mark."""
    path = write(tmp_path / "bom.txt", STORY.encode(encoding))
    story = read_one(path)
    assert isinstance(story, Story)
    assert story.text == STORY


def test_ingest_text_too_large_is_rejected(tmp_path: Path) -> None:
    """A story over max_story_chars is a Reject with reason too-large that names the limit."""
    path = write(tmp_path / "long.txt", ("word " * 50).encode())
    reject = read_one(path, max_story_chars=100)
    assert isinstance(reject, Reject)
    assert reject.reason == "too-large"
    assert reject.message.startswith(f"{path}: ")
    assert "250 characters" in reject.message and "100" in reject.message


def test_ingest_text_at_the_limit_is_kept(tmp_path: Path) -> None:
    """A story of exactly max_story_chars characters (multi-byte ones too) is kept."""
    path = write(tmp_path / "edge.txt", ("é" * 100).encode())
    story = read_one(path, max_story_chars=100, language_check=False)
    assert isinstance(story, Story) and len(story.text) == 100


def test_ingest_text_huge_file_is_rejected_from_its_size(tmp_path: Path) -> None:
    """A 2 GB file is rejected as too-large from its size, without being read (it is all NUL bytes)."""
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(2 * 1024**3)  # sparse: costs no disk
    reject = read_one(str(path))
    assert isinstance(reject, Reject)
    assert reject.reason == "too-large"  # reading it would have said "binary"
    assert "2.1 GB" in reject.message


def test_ingest_text_missing_file_is_a_reject_not_an_exception(tmp_path: Path) -> None:
    """One unreadable path in a batch is a Reject (bad-input); the next file is still read."""
    good = write(tmp_path / "good.txt", STORY.encode())
    missing = str(tmp_path / "missing.txt")
    reject, story = read_sources([missing, good])
    assert isinstance(reject, Reject) and reject.reason == "bad-input"
    assert reject.message.startswith(f"{missing}: ")
    assert isinstance(story, Story)


def test_ingest_text_batch_keeps_order_around_rejects(tmp_path: Path) -> None:
    """Bad files become Rejects in their place; good files around them are still stories."""
    paths = [
        write(tmp_path / "1.txt", b""),
        write(tmp_path / "2.txt", STORY.encode()),
        write(tmp_path / "3.txt", b"\x00\x01"),
        write(tmp_path / "4.txt", b"Second story.\n"),
    ]
    items = list(read_sources(paths))
    assert [type(i).__name__ for i in items] == ["Reject", "Story", "Reject", "Story"]
    assert [i.origin for i in items] == paths


def test_ingest_text_forced_format_reads_jsonl_name_as_text(tmp_path: Path) -> None:
    """fmt="text" reads even a .jsonl file as one story."""
    data = '{"text": "a"}\n{"text": "b"}\n'
    path = write(tmp_path / "x.jsonl", data.encode())
    story = read_one(path, fmt="text")
    assert isinstance(story, Story) and story.text == data


def test_ingest_text_unknown_extension_sniffed_as_text(tmp_path: Path) -> None:
    """A file with no known extension whose first line is not a JSON object is one text story."""
    path = write(tmp_path / "story", b"{Editor's note} " + STORY.encode())
    story = read_one(path)
    assert isinstance(story, Story) and story.origin == path


def test_ingest_text_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """`-` reads stdin as bytes; the story's origin is <stdin>."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    story = read_one("-", date="2008-04-17")
    assert isinstance(story, Story)
    assert story.text == STORY and story.origin == "<stdin>" and story.date == "2008-04-17"


def test_ingest_text_stdin_too_large_is_rejected_without_reading_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Oversized stdin is rejected after a bounded read (sniff window + 4 bytes per allowed character)."""
    stream = io.BytesIO(b"x" * 5_000_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    reject = read_one("-", max_story_chars=10)
    assert isinstance(reject, Reject) and reject.reason == "too-large"
    assert reject.origin == "<stdin>"
    assert stream.tell() <= 200_000


def test_ingest_bad_batch_arguments_raise_at_once(tmp_path: Path) -> None:
    """A bad batch date, format or limit raises when read_sources is called, before anything is read."""
    with pytest.raises(BadDateError):
        read_sources(["never-read.txt"], date="17/04/2008")
    with pytest.raises(ConfigError):
        read_sources(["never-read.txt"], fmt="xml")  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        read_sources(["never-read.txt"], max_story_chars=0)
