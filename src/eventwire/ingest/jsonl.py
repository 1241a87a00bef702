"""JSON lines: one story per line, streamed; a bad line is a Reject, never the end of the file.

Each line is one JSON object::

    {"text": "...", "id": "a1", "date": "2008-04-17", "url": "https://…", "title": "…", "source": "AP"}

Only `text` (a non-empty string) is required. Without `id` the story gets
`Story.derive_id(text, url)`, so the same story always gets the same id. The
`date` given here fills records without one; `read_sources` passes none and
applies `ingest.metadata`'s precedence instead (``--date`` overrides a record's date).
`source` is the outlet. Other keys are ignored. Blank lines are skipped but
still counted, so `origin` ("file:line") is the line number an editor shows.

A `date` that cannot be read does not cost the story: it is coded as if the record had
no date (the URL or a dateline may still date it, as `ingest.metadata` says), and a
warning names the field and the line (the first one of a file; then one count at its end).
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Iterator
from typing import IO, Any

import orjson

from eventwire.errors import BadDateError, BadRecordError, EmptyInputError, InputError, StoryTooLargeError
from eventwire.ingest.dates import normalise_date
from eventwire.ingest.text import decode_with_note
from eventwire.records import Reject, Story

__all__ = ["iter_jsonl_stories", "line_byte_limit", "story_from_record"]

LOGGER = logging.getLogger("eventwire.ingest")

# One Python character can take 12 bytes in JSON ("\ud83d\ude00"), plus room for the other fields.
_JSON_BYTES_PER_CHAR = 12
_OTHER_FIELDS_BYTES = 1 << 20
_SKIP_CHUNK = 1 << 20
_SHAPE_HINT = 'each line must be one JSON object with a non-empty "text" string'


def line_byte_limit(max_story_chars: int) -> int:
    """Longest line read into memory; a longer one cannot hold a story within the limit."""
    return max_story_chars * _JSON_BYTES_PER_CHAR + _OTHER_FIELDS_BYTES


def iter_jsonl_stories(
    stream: IO[bytes], name: str, *, date: str | None, max_story_chars: int
) -> Iterator[Story | Reject]:
    """Stories from a binary stream of JSON lines; `name` is the file name used in origins.

    `date` must already be normalised (YYYY-MM-DD) or None. Yields a Reject with
    reason ``empty`` for the file when it holds no non-blank line.
    """
    limit = line_byte_limit(max_story_chars)
    lineno = 0
    records = 0
    fallbacks: list[str] = []
    bad_dates: list[str] = []
    while raw := stream.readline(limit):
        lineno += 1
        where = f"{name}:{lineno}"
        if len(raw) >= limit and not raw.endswith(b"\n"):
            skipped = len(raw) + _skip_rest_of_line(stream)
            records += 1
            yield _reject(
                StoryTooLargeError(
                    f"line is {skipped:,} bytes, more than a story of at most {max_story_chars:,} "
                    "characters can take; split the story or raise --max-chars",
                    where=where,
                )
            )
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue
        records += 1
        try:
            text, note = decode_with_note(raw, where)
            if note:
                fallbacks.append(note)
                if len(fallbacks) == 1:
                    LOGGER.warning("%s", note)
            yield story_from_record(
                _parse_line(text, where), where, date=date, max_story_chars=max_story_chars,
                bad_dates=bad_dates,
            )
            if len(bad_dates) == 1 and bad_dates[0].startswith(where + ":"):
                LOGGER.warning("%s", bad_dates[0])
        except InputError as e:
            yield _reject(e)
    if len(fallbacks) > 1:
        LOGGER.warning(
            "%s: %d more lines were not UTF-8 and were decoded as Windows-1252", name, len(fallbacks) - 1
        )
    if len(bad_dates) > 1:
        LOGGER.warning(
            '%s: %d more lines had a "date" that could not be read; those stories were coded without it',
            name,
            len(bad_dates) - 1,
        )
    if records == 0:
        yield _reject(EmptyInputError("is empty (no JSON lines to code); remove it or fill it", where=name))


def story_from_record(
    record: Any, where: str, *, date: str | None, max_story_chars: int, bad_dates: list[str] | None = None
) -> Story:
    """One parsed JSON value -> Story, or an InputError subclass naming `where`.

    A `date` that cannot be read raises BadDateError, unless `bad_dates` is given: then the
    story keeps `date` (the fallback, usually None) and the warning is appended there."""
    if not isinstance(record, dict):
        raise BadRecordError(f"is a JSON {_json_type(record)}, not an object; {_SHAPE_HINT}", where=where)
    text = record.get("text")
    if text is None:
        raise BadRecordError(f'has no "text" field; {_SHAPE_HINT}', where=where)
    if not isinstance(text, str):
        raise BadRecordError(f'"text" is a JSON {_json_type(text)}, not a string; {_SHAPE_HINT}', where=where)
    if not text.strip():
        raise BadRecordError(f'"text" is empty; {_SHAPE_HINT}', where=where)
    if len(text) > max_story_chars:
        raise StoryTooLargeError(
            f"story is {len(text):,} characters, over the limit of {max_story_chars:,}; "
            "split it into smaller stories or raise --max-chars",
            where=where,
        )
    url = _optional_str(record, "url", where)
    story_id = record.get("id")
    if story_id is None or story_id == "":
        story_id = Story.derive_id(text, url)
    elif isinstance(story_id, int) and not isinstance(story_id, bool):
        story_id = str(story_id)
    elif not isinstance(story_id, str):
        raise BadRecordError(
            f'"id" is a JSON {_json_type(story_id)}; give a string or an integer', where=where
        )

    raw_date = record.get("date")
    if raw_date is not None and raw_date != "":
        try:
            date = normalise_date(raw_date)
        except BadDateError as e:
            if bad_dates is None:
                raise BadDateError(f'"date": {e.message}', where=where) from None
            bad_dates.append(f'{where}: "date": {e.message}; the story is coded without its date')

    return Story(
        id=story_id,
        text=text,
        date=date,
        url=url,
        title=_optional_str(record, "title", where),
        source=_optional_str(record, "source", where),
        origin=where,
    )


def _parse_line(text: str, where: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as e:
        raise BadRecordError(
            f"is not valid JSON ({e.msg} at column {e.colno}); {_SHAPE_HINT}", where=where
        ) from None


def _optional_str(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadRecordError(
            f'"{key}" is a JSON {_json_type(value)}; give a string or leave it out', where=where
        )
    return value


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    """Read past the end of the current line in bounded chunks; return the bytes skipped."""
    skipped = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _reject(error: InputError) -> Reject:
    return Reject(origin=error.where or "?", reason=error.reason, message=str(error))
