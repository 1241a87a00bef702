"""Readers: files and stdin -> `Story` records, or `Reject` records for what cannot be read.

`read_sources` never raises for one bad document: an empty, binary, undecodable
or oversized file, a JSON line that is not JSON or has no text, an unknown
date, each becomes a `Reject(origin, reason, message)` in stream order, whose
message names the file (and line) and says what to do. Only a bad *batch*
argument (an unknown `fmt`, a bad `date`, `max_story_chars` < 1) raises.

Formats: ``.jsonl``/``.ndjson``/``.jsonlines`` are JSON lines, ``.txt``/``.text``
one story per file; any other name (and stdin, ``-``) is sniffed: a first
line that is a JSON object means JSON lines, anything else is one text story.
`fmt="text"` or `fmt="jsonl"` overrides the guess.

Memory stays bounded: a text file larger than `max_story_chars` * 4 bytes is
rejected from its size alone, before it is read; JSON lines are streamed.
See `ingest.text` for the encoding policy and `ingest.dates` for the date forms.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Literal

import orjson

from eventwire.errors import BinaryInputError, ConfigError, EncodingError, InputError
from eventwire.ingest.dates import ACCEPTED_FORMS, normalise_date
from eventwire.ingest.jsonl import iter_jsonl_stories
from eventwire.ingest.text import MAX_BYTES_PER_CHAR, story_from_text_bytes, too_large_file
from eventwire.records import Reject, Story

__all__ = ["ACCEPTED_FORMS", "FORMATS", "STDIN", "STDIN_NAME", "normalise_date", "read_sources"]

Format = Literal["auto", "text", "jsonl"]
FORMATS: tuple[str, ...] = ("auto", "text", "jsonl")
STDIN = "-"
STDIN_NAME = "<stdin>"
DEFAULT_MAX_STORY_CHARS = 1_000_000

_JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson", ".jsonlines"})
_TEXT_EXTENSIONS = frozenset({".txt", ".text"})
_SNIFF_BYTES = 1 << 16
_UTF16_32_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 BOMs start with these too


def read_sources(
    paths: Iterable[str],
    *,
    date: str | None = None,
    max_story_chars: int = DEFAULT_MAX_STORY_CHARS,
    fmt: Format = "auto",
) -> Iterator[Story | Reject]:
    """Stories and Rejects from `paths` in order; ``-`` reads stdin (as bytes).

    `date` (any form `normalise_date` accepts) is the publication date of stories
    that carry none. Raises ConfigError/BadDateError at once for bad batch
    arguments; per-document problems come back as Rejects.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown input format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if max_story_chars < 1:
        raise ConfigError(f"max_story_chars must be at least 1, not {max_story_chars}")
    day = normalise_date(date) if date else None
    return _read_all(list(paths), day, max_story_chars, fmt)


def _read_all(
    paths: list[str], date: str | None, max_story_chars: int, fmt: Format
) -> Iterator[Story | Reject]:
    for path in paths:
        yield from _read_one(path, date, max_story_chars, fmt)


def _read_one(path: str, date: str | None, max_story_chars: int, fmt: Format) -> Iterator[Story | Reject]:
    name = STDIN_NAME if path == STDIN else path
    try:
        with _open(path) as (raw, size):
            head = raw.read(_SNIFF_BYTES)
            if _kind(path, fmt, head) == "text":
                with io.BufferedReader(_Prefixed(head, raw), buffer_size=_SNIFF_BYTES) as stream:
                    yield _read_text(stream, size, name, date, max_story_chars)
                return
            problem = _jsonl_file_problem(head, name)
            if problem is not None:
                yield _reject(problem)
                return
            with io.BufferedReader(_Prefixed(head, raw), buffer_size=_SNIFF_BYTES) as stream:
                yield from iter_jsonl_stories(stream, name, date=date, max_story_chars=max_story_chars)
    except OSError as e:
        yield _reject(
            InputError(f"cannot be read ({e.strerror or e}); check the path and permissions", where=name)
        )


def _read_text(
    stream: IO[bytes], size: int | None, name: str, date: str | None, max_chars: int
) -> Story | Reject:
    limit = max_chars * MAX_BYTES_PER_CHAR
    if size is not None and size > limit:
        return _reject(too_large_file(size, max_chars, name))
    data = stream.read(limit + 1)
    if len(data) > limit:
        return _reject(too_large_file(limit, max_chars, name, at_least=True))
    try:
        return story_from_text_bytes(data, name, date=date, max_story_chars=max_chars)
    except InputError as e:
        return _reject(e)


def _kind(path: str, fmt: Format, head: bytes) -> Literal["text", "jsonl"]:
    if fmt != "auto":
        return fmt
    ext = "" if path == STDIN else os.path.splitext(path)[1].lower()
    if ext in _JSONL_EXTENSIONS:
        return "jsonl"
    if ext in _TEXT_EXTENSIONS:
        return "text"
    return "jsonl" if _looks_like_jsonl(head) else "text"


def _looks_like_jsonl(head: bytes) -> bool:
    """True when the first non-blank line is a JSON object (or starts one past the sniff window)."""
    body = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if not body.startswith(b"{"):
        return False
    line, newline, _ = body.partition(b"\n")
    if not newline and len(head) >= _SNIFF_BYTES:
        return True
    try:
        return isinstance(orjson.loads(line), dict)
    except orjson.JSONDecodeError:
        return False


def _jsonl_file_problem(head: bytes, name: str) -> InputError | None:
    """A whole-file reason not to read JSON lines line by line (so one problem is one Reject)."""
    if head.startswith(_UTF16_32_BOMS):
        return EncodingError(
            "is UTF-16/UTF-32 (byte-order mark); JSON lines must be UTF-8: "
            "convert it (e.g. iconv -f UTF-16 -t UTF-8)",
            where=name,
        )
    if b"\x00" in head:
        return BinaryInputError(
            "contains NUL bytes, so it looks binary, not JSON lines; pass UTF-8 JSON lines", where=name
        )
    return None


@contextlib.contextmanager
def _open(path: str) -> Iterator[tuple[IO[bytes], int | None]]:
    """Yield (binary stream, size in bytes if it is a regular file); stdin is not closed."""
    if path == STDIN:
        stdin = sys.stdin
        if stdin is None:
            raise OSError("stdin is closed")
        buffer = getattr(stdin, "buffer", None)
        yield (buffer if buffer is not None else io.BytesIO(stdin.read().encode("utf-8"))), None
        return
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        yield f, (st.st_size if stat.S_ISREG(st.st_mode) else None)


class _Prefixed(io.RawIOBase):
    """A raw stream that serves `head` (already read for sniffing) and then the rest of `rest`."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:  # the underlying stream belongs to the caller (stdin stays open)
        self._head = memoryview(b"")
        super().close()


def _reject(error: InputError) -> Reject:
    return Reject(origin=error.where or "?", reason=error.reason, message=str(error))
