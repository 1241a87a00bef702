"""ingest: JSON lines, one story per line; every bad line is a Reject naming file and line."""

from __future__ import annotations

import io
import json
import logging
import sys
from pathlib import Path

import pytest

from eventwire.ingest import read_sources
from eventwire.records import Reject, Story


def write_lines(path: Path, *lines: str | dict[str, object], newline: str = "\n") -> str:
    text = newline.join(line if isinstance(line, str) else json.dumps(line) for line in lines) + newline
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def test_ingest_jsonl_fields_become_story_fields(tmp_path: Path) -> None:
    """id, text, date, url, title and source (the outlet) map onto the Story; origin is file:line."""
    record = {
        "id": "rferl-1",
        "text": "NATO agreed.",
        "date": "17 April 2008",
        "url": "https://example.org/a",
        "title": "NATO",
        "source": "RFE/RL",
        "extra": "ignored",
    }
    path = write_lines(tmp_path / "news.jsonl", record)
    (story,) = read_sources([path])
    assert story == Story(
        id="rferl-1",
        text="NATO agreed.",
        date="2008-04-17",
        url="https://example.org/a",
        title="NATO",
        source="RFE/RL",
        origin=f"{path}:1",
    )


def test_ingest_jsonl_derived_ids_are_stable(tmp_path: Path) -> None:
    """Without an id, each story gets Story.derive_id(text, url), equal across runs and files."""
    lines = ({"text": "A said B."}, {"text": "A said B.", "url": "https://x.org/1"}, {"id": 7, "text": "C."})
    first = list(read_sources([write_lines(tmp_path / "one.jsonl", *lines)], dedupe=False))
    second = list(read_sources([write_lines(tmp_path / "two.jsonl", *lines)], dedupe=False))
    ids = [s.id for s in first]
    assert ids == [s.id for s in second]
    assert ids == [Story.derive_id("A said B."), Story.derive_id("A said B.", "https://x.org/1"), "7"]
    assert ids[0] != ids[1]  # the url is part of the derived id


def test_ingest_jsonl_not_json_line_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    """A line that is not JSON is a bad-record Reject naming file:line; later lines are still read."""
    path = write_lines(tmp_path / "mixed.jsonl", {"text": "one"}, "not json", {"text": "three"})
    first, reject, third = read_sources([path])
    assert isinstance(reject, Reject)
    assert reject.reason == "bad-record"
    assert reject.origin == f"{path}:2"
    assert reject.message.startswith(f"{path}:2: is not valid JSON")
    assert '"text"' in reject.message  # says what a line must look like
    assert isinstance(first, Story) and isinstance(third, Story) and third.origin == f"{path}:3"


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ({"title": "no text"}, 'has no "text" field'),
        ({"text": 42}, '"text" is a JSON number'),
        ({"text": "   "}, '"text" is empty'),
        ('["text", "in an array"]', "is a JSON array, not an object"),
        ({"text": "ok", "id": [1]}, '"id" is a JSON array'),
        ({"text": "ok", "url": 5}, '"url" is a JSON number'),
    ],
)
def test_ingest_jsonl_bad_record_shapes(tmp_path: Path, line: str | dict[str, object], fragment: str) -> None:
    """A JSON line without a non-empty string text (or with mistyped fields) is a bad-record Reject."""
    path = write_lines(tmp_path / "bad.jsonl", line)
    (reject,) = read_sources([path])
    assert isinstance(reject, Reject)
    assert reject.reason == "bad-record"
    assert reject.message.startswith(f"{path}:1: ")
    assert fragment in reject.message


def test_ingest_jsonl_unreadable_date_codes_the_story_undated(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A "date" that cannot be read no longer costs the story (issue 13): it is read without a date,
    and one warning names file:line, the field and the value; further ones are counted once."""
    path = write_lines(
        tmp_path / "dates.jsonl",
        {"text": "a", "date": "04/17/2008"},
        {"text": "b", "date": "121108"},
        {"text": "c", "date": "next tuesday"},
        {"text": "d", "date": "sometime"},
    )
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest"):
        items = list(read_sources([path], dedupe=False, language_check=False))
    assert all(isinstance(s, Story) for s in items)
    assert [s.date for s in items] == [None, "2012-11-08", None, None]
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 2
    assert warnings[0].startswith(f'{path}:1: "date": ') and "'04/17/2008'" in warnings[0]
    assert "YYYY-MM-DD" in warnings[0] and "coded without its date" in warnings[0]
    assert warnings[1] == f'{path}: 2 more lines had a "date" that could not be read; those stories were coded without it'


def test_ingest_jsonl_unreadable_date_falls_back_to_the_url_and_batch_date(tmp_path: Path) -> None:
    """An unreadable own date is as no own date: the URL's date still dates the story, --date still wins."""
    path = write_lines(
        tmp_path / "d.jsonl", {"text": "a", "date": "04/17/2008", "url": "https://x.org/2008/04/17/a.html"}
    )
    assert [s.date for s in read_sources([path])] == ["2008-04-17"]
    assert [s.date for s in read_sources([path], date="2010-01-02")] == ["2010-01-02"]


def test_ingest_jsonl_batch_date_overrides_record_date(tmp_path: Path) -> None:
    """--date overrides every record's date; without it a record's own date is kept."""
    path = write_lines(
        tmp_path / "d.jsonl", {"text": "a", "date": "20030320"}, {"text": "b"}, {"text": "c", "date": None}
    )
    assert [s.date for s in read_sources([path], date="2008-04-17")] == ["2008-04-17"] * 3
    assert [s.date for s in read_sources([path])] == ["2003-03-20", None, None]


def test_ingest_jsonl_blank_lines_skipped_but_counted(tmp_path: Path) -> None:
    """Blank lines are skipped; origins keep the physical line numbers, with CRLF endings too."""
    path = write_lines(tmp_path / "gaps.jsonl", "", {"text": "a"}, "   ", {"text": "b"}, newline="\r\n")
    origins = [s.origin for s in read_sources([path])]
    assert origins == [f"{path}:2", f"{path}:4"]


def test_ingest_jsonl_too_large_story_is_rejected(tmp_path: Path) -> None:
    """A text over max_story_chars is a too-large Reject for that line only."""
    path = write_lines(tmp_path / "big.jsonl", {"text": "x" * 50}, {"text": "small"})
    reject, story = read_sources([path], max_story_chars=20)
    assert isinstance(reject, Reject) and reject.reason == "too-large"
    assert reject.message.startswith(f"{path}:1: ") and "50 characters" in reject.message
    assert isinstance(story, Story) and story.text == "small"


def test_ingest_jsonl_overlong_line_is_skipped_without_losing_the_next(tmp_path: Path) -> None:
    """A line longer than any allowed story could be is skipped unparsed; the next line keeps its number."""
    path = write_lines(tmp_path / "huge.jsonl", {"text": "y" * 2_000_000}, {"text": "after"})
    reject, story = read_sources([path], max_story_chars=10)
    assert isinstance(reject, Reject) and reject.reason == "too-large"
    assert reject.origin == f"{path}:1"
    assert isinstance(story, Story) and story.text == "after" and story.origin == f"{path}:2"


def test_ingest_jsonl_empty_file_is_one_reject(tmp_path: Path) -> None:
    """A .jsonl file with no non-blank line is one empty Reject for the file."""
    path = write_lines(tmp_path / "empty.jsonl", "", "  ")
    (reject,) = read_sources([path])
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.reason) == (path, "empty")


def test_ingest_jsonl_binary_file_is_one_reject(tmp_path: Path) -> None:
    """A binary file named .jsonl is one binary Reject, not one Reject per 'line'."""
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00\n" * 50)
    (reject,) = read_sources([str(path)])
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.reason) == (str(path), "binary")


def test_ingest_jsonl_cp1252_line_is_decoded_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A Windows-1252 line is decoded (story kept) and a warning names file:line."""
    path = tmp_path / "legacy.jsonl"
    path.write_bytes('{"text": "caf\u00e9 \u201cquote\u201d"}\n'.encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest"):
        (story,) = read_sources([str(path)])
    assert isinstance(story, Story) and story.text == "caf\u00e9 \u201cquote\u201d"
    assert caplog.records[0].getMessage().startswith(f"{path}:1: not UTF-8")


def test_ingest_jsonl_sniffed_without_extension(tmp_path: Path) -> None:
    """A file without a known extension whose first line is a JSON object is read as JSON lines."""
    path = write_lines(tmp_path / "export", {"text": "a"}, {"text": "b"})
    stories = list(read_sources([path]))
    assert [s.text for s in stories] == ["a", "b"]


def test_ingest_jsonl_forced_format(tmp_path: Path) -> None:
    """fmt="jsonl" reads a .txt file as JSON lines."""
    path = write_lines(tmp_path / "lines.txt", {"text": "a"}, {"text": "b"})
    assert [s.text for s in read_sources([path], fmt="jsonl")] == ["a", "b"]


def test_ingest_jsonl_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """`-` with JSON lines on stdin is sniffed as JSON lines; origins are <stdin>:N."""
    data = b'{"text": "a"}\nnot json\n{"text": "c"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read_sources(["-"]))
    assert [i.origin for i in items] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert [type(i).__name__ for i in items] == ["Story", "Reject", "Story"]


@pytest.mark.model
def test_ingest_jsonl_unreadable_date_leaves_relative_event_dates_unknown(tmp_path: Path, real_coder) -> None:
    """Coded undated, an event dated "on Tuesday" has no date (never today's); a year written out keeps it."""
    path = write_lines(
        tmp_path / "d.jsonl",
        {"text": "Iraq accused Iran on Tuesday of arming militias. Iraq condemned Iran in 2003.", "date": "Tues"},
    )
    (story,) = read_sources([path], language_check=False)
    assert isinstance(story, Story) and story.date is None
    events = real_coder.code_story(story).events
    dates = {e.evidence.verb: (e.date, e.date_source) for e in events}
    assert dates["accused"] == (None, None)
    assert dates["condemned"] == ("2003", "text")
