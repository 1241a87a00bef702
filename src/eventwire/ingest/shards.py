"""Cut the input into shards, units of work a cluster worker reads by itself from a path.

A shard is one WARC (or other multi-story) file, a run of small one-story files of a folder,
or a byte range of a JSON lines file holding about `stories_per_shard` lines. A worker is
given the shard (paths and offsets), never the stories: `read_shard` reads it there, as
`read_sources` would have read those bytes (same origins, ids, dates, rejects and skips),
except that a repeat of a story in *another* shard is found by the driver
(`ingest.duplicates.duplicate_of` with the run's `seen`).

A shard's `id` is a hash of its absolute paths, byte range and file sizes: the same input
gives the same ids on a re-run, which is what lets a cluster run skip finished shards.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from eventwire.errors import InputError
from eventwire.ingest import (
    _SNIFF_BYTES,
    STDIN,
    _jsonl_file_problem,
    _kind,
    _read_jsonl,
    _read_one,
    _Run,
    _with_datelines,
    walk_folder,
)
from eventwire.ingest.compressed import GZIP_MAGIC
from eventwire.ingest.dates import normalise_date
from eventwire.ingest.duplicates import skip_duplicates
from eventwire.ingest.fetch import is_url
from eventwire.ingest.language import check_language
from eventwire.records import Reject, Story

__all__ = ["DEFAULT_STORIES_PER_SHARD", "Shard", "plan_shards", "read_shard"]

DEFAULT_STORIES_PER_SHARD = 10_000
_ONE_STORY_KINDS = frozenset({"text", "html"})
_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class ShardFile:
    """One file of a shard: `name` as the user gave it (origins use it), `path` absolute (workers open it)."""

    name: str
    path: str
    size: int
    in_folder: bool


@dataclass(frozen=True, slots=True)
class Shard:
    """Files read whole, or (`end` set) the bytes [start, end) of one JSON lines file, whose first
    line is line `first_line` of the file."""

    files: tuple[ShardFile, ...]
    start: int = 0
    end: int | None = None
    first_line: int = 1
    lines: int | None = None  # lines in a byte range (for sizing and progress)

    @property
    def id(self) -> str:
        parts = [f"{f.path}\x1f{f.size}" for f in self.files] + [str(self.start), str(self.end)]
        return hashlib.sha1("\x1e".join(parts).encode("utf-8")).hexdigest()[:16]

    @property
    def name(self) -> str:
        """How errors and progress name the shard: its file, line range or first and last files."""
        first = self.files[0].name
        if self.end is not None:
            last = self.first_line + (self.lines or 1) - 1
            return f"{first}:{self.first_line}-{last}"
        if len(self.files) > 1:
            return f"{first} .. {self.files[-1].name} ({len(self.files)} files)"
        return first


def plan_shards(
    sources: Iterable[str],
    *,
    fmt: str = "auto",
    stories_per_shard: int = DEFAULT_STORIES_PER_SHARD,
    min_shards: int = 1,
) -> list[Shard]:
    """The shards of `sources` (files and folders; not stdin or URLs, which a worker cannot open),
    in input order. A JSON lines file is cut at line ends every `stories_per_shard` lines; runs of
    one-story files (text, HTML) of a folder are grouped `stories_per_shard` at a time; any other
    file (WARC, feed, gzip) is a shard of its own.

    `min_shards`: an input that gives fewer shards than this is cut finer, into about `min_shards`
    shards of equal size (never more than `stories_per_shard`), so that every worker of a cluster
    has work: input smaller than a shard would otherwise keep one worker busy and the others idle.
    The cut depends only on the input and these two numbers, so a re-run with the same ones finds
    the same shards (and skips those it finished)."""
    shards, stories = _plan(sources, fmt, stories_per_shard)
    if len(shards) < min_shards and stories > len(shards):
        finer = -(-stories // min_shards)
        if finer < stories_per_shard:
            shards, _ = _plan(sources, fmt, finer)
    return shards


def _plan(sources: Iterable[str], fmt: str, stories_per_shard: int) -> tuple[list[Shard], int]:
    """The shards, and the stories in the parts that can be cut (JSON lines, one-story files)."""
    shards: list[Shard] = []
    group: list[ShardFile] = []
    stories = 0

    def flush() -> None:
        if group:
            shards.append(Shard(tuple(group)))
            group.clear()

    for source in sources:
        if source == STDIN or is_url(source):
            raise InputError(
                "a cluster reads files and folders that its workers can open, not stdin or URLs; "
                "save them to a shared folder first, or use --engine local",
                where=source,
            )
        in_folder = os.path.isdir(source)
        for name in walk_folder(source) if in_folder else [source]:
            file = ShardFile(name, os.path.abspath(name), _size(name), in_folder)
            kind, head = _kind_of(file, fmt)
            if kind in _ONE_STORY_KINDS:
                group.append(file)
                stories += 1
                if len(group) >= stories_per_shard:
                    flush()
                continue
            flush()
            if kind == "jsonl" and _jsonl_file_problem(head, name) is None:
                ranges, lines = _line_ranges(file, stories_per_shard)
                shards += ranges
                stories += lines
            else:
                shards.append(Shard((file,)))
    flush()
    return shards, stories


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return -1  # the worker's read reports it, as the local reader would


def _kind_of(file: ShardFile, fmt: str) -> tuple[str | None, bytes]:
    """The reader kind of an uncompressed regular file (None for gzip, other files and unreadable ones)."""
    try:
        with open(file.path, "rb") as f:
            head = f.read(_SNIFF_BYTES)
    except OSError:
        return None, b""
    if head.startswith(GZIP_MAGIC) or not os.path.isfile(file.path):
        return None, head
    return _kind(file.path, fmt, head, file.in_folder), head  # type: ignore[arg-type]


def _line_ranges(file: ShardFile, per_shard: int) -> tuple[list[Shard], int]:
    """`file` cut after every `per_shard`-th line (one shard when it holds no more), and its lines."""
    cuts: list[tuple[int, int, int]] = []  # (start byte, first line, lines)
    start, first, lines, pos = 0, 1, 0, 0
    ends_with_newline = True
    with open(file.path, "rb") as f:
        while block := f.read(_BLOCK):
            ends_with_newline = block.endswith(b"\n")
            at = 0
            while (nl := block.find(b"\n", at)) != -1:
                lines += 1
                at = nl + 1
                if lines == per_shard:
                    cuts.append((start, first, lines))
                    start, first, lines = pos + at, first + lines, 0
            pos += len(block)
    if pos > start:
        cuts.append((start, first, lines + (not ends_with_newline)))
    elif not cuts:
        return [Shard((file,))], 0  # empty: read whole, so it is reported as the local reader reports it
    total = sum(c[2] for c in cuts)
    if len(cuts) == 1:
        return [Shard((file,))], total
    ends = [c[0] for c in cuts[1:]] + [pos]
    return [Shard((file,), s, e, first_line, n) for (s, first_line, n), e in zip(cuts, ends, strict=True)], total


def read_shard(
    shard: Shard,
    *,
    date: str | None = None,
    max_story_chars: int,
    fmt: str = "auto",
    max_bytes: int,
    fetch_links: bool = False,
    language_check: bool = True,
) -> Iterator[Story | Reject]:
    """The stories and rejects of `shard`, as `read_sources` gives them for the same bytes."""
    run = _Run(
        date=normalise_date(date) if date else None,
        max_story_chars=max_story_chars,
        fmt=fmt,  # type: ignore[arg-type]
        max_bytes=max_bytes,
        fetch_links=fetch_links,
        fetch_options=None,
    )
    items: Iterator[Story | Reject] = _with_datelines(_read_files(shard, run))
    items = skip_duplicates(items)
    if language_check:
        items = check_language(items)
    return items


def _read_files(shard: Shard, run: _Run) -> Iterator[Story | Reject]:
    try:
        if shard.end is None:
            for file in shard.files:
                yield from _read_one(file.path, run, in_folder=file.in_folder, name=file.name)
            return
        (file,) = shard.files
        with open(file.path, "rb") as f:
            f.seek(shard.start)
            # Blank lines in front, so that the JSON lines reader counts lines as in the whole file.
            stream = io.BufferedReader(_Range(b"\n" * (shard.first_line - 1), f, shard.end - shard.start))
            yield from _read_jsonl(stream, b"", file.name, run)
    finally:
        if run.fetcher is not None:
            run.fetcher.close()


class _Range(io.RawIOBase):
    """`prefix`, then the next `length` bytes of `stream`."""

    def __init__(self, prefix: bytes, stream: IO[bytes], length: int) -> None:
        self._prefix = memoryview(prefix)
        self._stream = stream
        self._left = length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        if self._left <= 0:
            return 0
        data = self._stream.read(min(len(buffer), self._left))
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)
