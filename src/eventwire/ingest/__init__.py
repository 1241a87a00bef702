"""Readers: files, folders, URLs and stdin -> `Story` records, or `Reject` records for what cannot be read.

`read_sources` is the one entry point. It never raises for one bad document:
an empty, binary, undecodable, oversized or truncated file, a JSON line that is
not JSON, a feed that is not XML, a page with no article text, a URL that does
not answer, each becomes a `Reject(origin, reason, message)` in stream order,
whose message names the file (and line, entry or record) and says what to do.
Only a bad *batch* argument (an unknown `fmt`, a bad `date`, a limit < 1) raises.

Sources, each SOURCE being one of:

* a file: plain text (one story), JSON lines, an HTML page (`ingest.html`), an
  RSS/Atom feed (`ingest.feeds`), a WARC archive (`ingest.warc`), or any of
  these gzip-compressed;
* a folder: every file under it, recursively, in sorted path order (hidden
  files and folders skipped); a file whose kind is unknown (``.css``, ``.png``,
  ``.pdf``…) is skipped with reason ``unsupported-file: .css``;
* an ``http://`` or ``https://`` URL: fetched (`ingest.fetch`), then read as a
  page, a feed or text by its content type; other schemes are refused;
* ``-``: stdin.

The kind of a file: a clear signature in its first bytes wins (gzip magic;
``WARC/1.``; ``<!doctype html``, ``<html``; ``<rss``, ``<feed``, ``<rdf:RDF``);
then its extension (``.txt``/``.text`` text; ``.jsonl``/``.ndjson``/``.jsonlines``
JSON lines; ``.html``/``.htm``/``.xhtml``/``.shtml`` HTML; ``.rss``/``.atom``/``.xml``
feed; ``.warc`` WARC; ``.gz`` decompressed then judged again); then a first
line that is a JSON object means JSON lines; anything else is one text story.
`fmt` other than "auto" forces the kind (after gzip decompression).

Then, for every story: metadata (`ingest.metadata`: the date precedence
``date`` > the story's own > URL > dateline; the outlet; the dateline itself, kept in
`Story.dateline` for the parser and the coder), duplicates within the
run (`ingest.duplicates`, reason ``duplicate``) and the language check
(`ingest.language`, reason ``language: xx``). Those two, and the per-record
skips of folders and WARC files, are *skips* (`is_skip`): counted, not errors.

Memory stays bounded: a text file larger than `max_story_chars` * 4 bytes, or a
page, feed or fetched body over `max_bytes`, is rejected (from its size alone
when it is known); JSON lines and WARC records are streamed; gzip output is
capped (`ingest.compressed`). See `ingest.text` for the encoding policy and
`ingest.dates` for the date forms.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import IO

import orjson

from eventwire.errors import (
    BinaryInputError,
    ConfigError,
    EmptyInputError,
    EncodingError,
    InputError,
    StoryTooLargeError,
)
from eventwire.ingest.compressed import GZIP_MAGIC, GzipStream
from eventwire.ingest.dates import ACCEPTED_FORMS, normalise_date
from eventwire.ingest.duplicates import DUPLICATE, skip_duplicates
from eventwire.ingest.fetch import Fetched, Fetcher, FetchOptions, is_url
from eventwire.ingest.jsonl import iter_jsonl_stories
from eventwire.ingest.language import check_language, preload_language_model
from eventwire.ingest.metadata import complete_story, with_dateline
from eventwire.ingest.readers import Document, Reader, by_extension, input_formats, reader, register
from eventwire.ingest.text import MAX_BYTES_PER_CHAR, story_from_text_bytes, too_large_file
from eventwire.records import Reject, Story

__all__ = [
    "ACCEPTED_FORMS",
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "input_formats",
    "SKIP_REASONS",
    "STDIN",
    "STDIN_NAME",
    "FetchOptions",
    "is_skip",
    "is_url",
    "normalise_date",
    "read_sources",
    "sniff",
    "walk_folder",
]

Format = str  # "auto" or a registered reader's kind (`ingest.readers`)
Kind = str
STDIN = "-"
STDIN_NAME = "<stdin>"
DEFAULT_MAX_STORY_CHARS = 1_000_000
#: the longest text the pipeline parses (spaCy's Language.max_length; `eventwire.nlp`): --max-chars
#: may not exceed it. Here, not in `eventwire.nlp`, so that checking options does not import spaCy.
MAX_PARSE_CHARS = 1_000_000
#: default cap on one page, feed, fetched body or WARC record payload (decompressed), in bytes
DEFAULT_MAX_BYTES = 10_000_000

#: reasons (or reason prefixes, before ": ") of Rejects that are skips, not errors
SKIP_REASONS = frozenset(
    {DUPLICATE, "language", "not-response", "http-status", "not-html", "unsupported-file", "not-a-file"}
)

_SNIFF_BYTES = 1 << 16
_UTF16_32_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 BOMs start with these too
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def is_skip(reason: str) -> bool:
    """True for the reasons of Rejects that are skips (duplicate, language, non-page records), not errors."""
    return reason.split(":", 1)[0].strip() in SKIP_REASONS


def read_sources(
    paths: Iterable[str],
    *,
    date: str | None = None,
    max_story_chars: int = DEFAULT_MAX_STORY_CHARS,
    fmt: Format = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_links: bool = False,
    language_check: bool = True,
    dedupe: bool = True,
    fetch_options: FetchOptions | None = None,
) -> Iterator[Story | Reject]:
    """Stories and Rejects from `paths` (files, folders, http(s) URLs, ``-`` for stdin) in order.

    `date` (any form `normalise_date` accepts) is the publication date of every
    story: it overrides the stories' own. `max_bytes` caps one page, feed,
    fetched body or WARC record. `fetch_links` fetches each feed entry's page.
    `language_check` and `dedupe` turn the non-English and duplicate skips on.
    Raises ConfigError/BadDateError at once for bad batch arguments;
    per-document problems come back as Rejects.
    """
    if fmt not in input_formats():
        raise ConfigError(f"unknown input format {fmt!r}; use one of: {', '.join(input_formats())}")
    if max_story_chars < 1:
        raise ConfigError(f"max_story_chars must be at least 1, not {max_story_chars}")
    if max_bytes < 1:
        raise ConfigError(f"max_bytes must be at least 1, not {max_bytes}")
    run = _Run(
        date=normalise_date(date) if date else None,
        max_story_chars=max_story_chars,
        fmt=fmt,
        max_bytes=max_bytes,
        fetch_links=fetch_links,
        fetch_options=fetch_options,
    )
    sources = list(paths)
    items: Iterator[Story | Reject] = _with_datelines(_read_all(sources, run))
    if dedupe:
        items = skip_duplicates(items)
    if language_check:
        if any(p != STDIN and is_url(p) for p in sources):
            # fetching is slow: the model loads in the background meanwhile. From files the first story
            # comes at once, so the model loads when a story long enough to judge first needs it (a
            # headline or a sentence never loads it: 0.1 s of a one-sentence start-up)
            preload_language_model()
        items = check_language(items)
    return items


def _with_datelines(items: Iterator[Story | Reject]) -> Iterator[Story | Reject]:
    """Every story with its dateline found, once, whichever reader made it."""
    for item in items:
        yield with_dateline(item) if isinstance(item, Story) else item


@dataclass
class _Run:
    """The batch settings, and the one Fetcher of the run (made on the first URL)."""

    date: str | None
    max_story_chars: int
    fmt: Format
    max_bytes: int
    fetch_links: bool
    fetch_options: FetchOptions | None
    fetcher: Fetcher | None = None

    def get_fetcher(self) -> Fetcher:
        if self.fetcher is None:
            self.fetcher = Fetcher(self.max_bytes, self.fetch_options)
        return self.fetcher

    def fetch_many(self, urls: list[str]) -> Iterator[tuple[str, Fetched | InputError]]:
        return self.get_fetcher().fetch_many(urls)


def _read_all(paths: list[str], run: _Run) -> Iterator[Story | Reject]:
    try:
        i = 0
        while i < len(paths):
            path = paths[i]
            if path != STDIN and is_url(path):
                j = i
                while j < len(paths) and paths[j] != STDIN and is_url(paths[j]):
                    j += 1
                for url, result in run.get_fetcher().fetch_many(paths[i:j]):
                    yield from _read_fetched(url, result, run)
                i = j
                continue
            if path != STDIN and os.path.isdir(path):
                for file in walk_folder(path):
                    yield from _read_one(file, run, in_folder=True)
            else:
                yield from _read_one(path, run, in_folder=False)
            i += 1
    finally:
        if run.fetcher is not None:
            run.fetcher.close()


def walk_folder(root: str) -> list[str]:
    """Every file under `root`, recursively, sorted by path (component by component); hidden names skipped.

    Symbolic links to folders are not followed (no loops); links to files are read.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = os.path.relpath(folder, root)
        parts = () if rel == os.curdir else tuple(rel.split(os.sep))
        for name in filenames:
            if not name.startswith("."):
                found.append(((*parts, name), os.path.join(folder, name)))
    found.sort()
    return [path for _, path in found]


def _read_one(path: str, run: _Run, *, in_folder: bool, name: str | None = None) -> Iterator[Story | Reject]:
    """One file (or stdin); `name` (default: `path`) is how origins name it (`ingest.shards` opens an
    absolute path on a cluster worker but names the file as the user gave it)."""
    name = name if name is not None else STDIN_NAME if path == STDIN else path
    if in_folder:
        # A FIFO would block the open forever (and a device read without end): a folder's files
        # must be regular files. A pipe named on the command line (`<(zcat x)`) is still read.
        kind = _special_kind(path)
        if kind is not None:
            yield Reject(
                origin=name,
                reason=f"not-a-file: {kind}",
                message=f"{name}: skipped: a {kind}, not a regular file; name it on its own to read it",
            )
            return
    try:
        with _open(path) as (raw, size):
            head = raw.read(_SNIFF_BYTES)
            with io.BufferedReader(_Prefixed(head, raw), buffer_size=_SNIFF_BYTES) as stream:
                yield from _read_stream(stream, head, size, name, path, run, in_folder=in_folder)
    except OSError as e:
        yield _reject(
            InputError(f"cannot be read ({e.strerror or e}); check the path and permissions", where=name)
        )


def _special_kind(path: str) -> str | None:
    """'fifo', 'socket', 'device'... for a path that is not a regular file (links followed), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # the open below reports it
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _read_stream(
    stream: IO[bytes],
    head: bytes,
    size: int | None,
    name: str,
    path: str,
    run: _Run,
    *,
    in_folder: bool,
    check: Callable[[], None] | None = None,
) -> Iterator[Story | Reject]:
    """Dispatch one open input by kind; `head` is its first bytes (already in `stream`).

    `check`, called once a whole document has been read, raises if the stream
    turned out to be cut short (see `_read_gzip`).
    """
    try:
        if head.startswith(GZIP_MAGIC):
            yield from _read_gzip(stream, name, path, run, in_folder=in_folder)
            return
        kind = _kind(path, run.fmt, head, in_folder)
        if kind is None:
            yield _unsupported(path, name, head)
        else:
            yield from reader(kind).read(Document(stream, head, size, name, path, check), run)
    except InputError as e:
        yield _reject(e)


def _read_gzip(
    stream: IO[bytes], name: str, path: str, run: _Run, *, in_folder: bool
) -> Iterator[Story | Reject]:
    """A gzip file: decompress (capped) and read what is inside by the usual rules, without the ``.gz``.

    A cut gzip stream: a whole-document kind (text, page, feed) is rejected before
    it is parsed; a streamed kind (JSON lines, WARC) keeps what came before the cut
    and ends with one ``truncated`` Reject.
    """
    inner_path = path[:-3] if path.lower().endswith(".gz") else os.path.splitext(path)[0]
    gz = GzipStream(stream, name, budget=run.max_bytes)
    with io.BufferedReader(gz, buffer_size=_SNIFF_BYTES) as inner:
        head = inner.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
        if head.startswith(GZIP_MAGIC):
            yield _reject(BinaryInputError("is gzip inside gzip; decompress it once first", where=name))
            return
        last: Story | Reject | None = None
        for last in _read_stream(
            inner, head, None, name, inner_path, run, in_folder=in_folder, check=gz.check
        ):
            yield last
        if gz.error is not None and not (isinstance(last, Reject) and last.reason == gz.error.reason):
            yield _reject(gz.error)


def _read_markup(
    kind: Kind, data: bytes, name: str, run: _Run, *, url: str | None = None, charset: str | None = None
) -> Iterator[Story | Reject]:
    if kind == "html":
        from eventwire.ingest.html import story_from_html

        yield story_from_html(
            data,
            name,
            url=url,
            declared_charset=charset,
            batch_date=run.date,
            max_story_chars=run.max_story_chars,
        )
    else:
        from eventwire.ingest.feeds import iter_feed_stories

        yield from iter_feed_stories(
            data,
            name,
            url=url,
            declared_charset=charset,
            batch_date=run.date,
            max_story_chars=run.max_story_chars,
            fetch_many=run.fetch_many if run.fetch_links else None,
        )


def _read_fetched(url: str, result: Fetched | InputError, run: _Run) -> Iterator[Story | Reject]:
    """One fetched URL -> its stories: read as a page, a feed or text by content type (sniffed if vague)."""
    if isinstance(result, InputError):
        yield _reject(result)
        return
    body = result.body
    try:
        if not body.strip():
            raise EmptyInputError("answered with an empty body; nothing to code", where=url)
        sniffed = sniff(body[:_SNIFF_BYTES])
        kind: Kind
        if run.fmt != "auto":
            kind = run.fmt
        elif sniffed in ("html", "feed"):
            kind = sniffed
        elif result.content_type in _HTML_TYPES:
            kind = "html"
        elif result.content_type in _FEED_TYPES:
            kind = "feed"
        elif result.content_type == "text/plain" or (result.content_type == "" and sniffed is None):
            kind = "text"
        else:
            raise BinaryInputError(
                f"answered {result.content_type or 'an unknown type'} that is neither a web page nor a feed",
                where=url,
            )
        if kind in ("html", "feed"):
            yield from _read_markup(kind, body, url, run, url=result.final_url, charset=result.charset)
        elif kind == "text":
            story = story_from_text_bytes(body, url, date=None, max_story_chars=run.max_story_chars)
            yield complete_story(
                replace(story, url=result.final_url, id=Story.derive_id(story.text, result.final_url)),
                run.date,
            )
        else:
            raise BinaryInputError(f"cannot be read as {kind} from a URL; download it first", where=url)
    except InputError as e:
        yield _reject(e)


def _read_text(
    stream: IO[bytes], size: int | None, name: str, run: _Run, check: Callable[[], None] | None
) -> Story | Reject:
    limit = run.max_story_chars * MAX_BYTES_PER_CHAR
    if size is not None and size > limit:
        return _reject(too_large_file(size, run.max_story_chars, name))
    data = stream.read(limit + 1)
    if len(data) > limit:
        return _reject(too_large_file(limit, run.max_story_chars, name, at_least=True))
    try:
        if check is not None:
            check()
        story = story_from_text_bytes(data, name, date=None, max_story_chars=run.max_story_chars)
    except InputError as e:
        return _reject(e)
    return complete_story(story, run.date)


def _read_jsonl(stream: IO[bytes], head: bytes, name: str, run: _Run) -> Iterator[Story | Reject]:
    problem = _jsonl_file_problem(head, name)
    if problem is not None:
        yield _reject(problem)
        return
    for item in iter_jsonl_stories(stream, name, date=None, max_story_chars=run.max_story_chars):
        yield complete_story(item, run.date) if isinstance(item, Story) else item


# --- the readers, one per kind (`ingest.readers`: the registry) ----------------------------------------


def read_text_doc(doc: Document, run: _Run) -> Iterator[Story | Reject]:
    yield _read_text(doc.stream, doc.size, doc.name, run, doc.check)


def read_jsonl_doc(doc: Document, run: _Run) -> Iterator[Story | Reject]:
    yield from _read_jsonl(doc.stream, doc.head, doc.name, run)


def read_html_doc(doc: Document, run: _Run) -> Iterator[Story | Reject]:
    yield from _read_markup("html", _read_whole(doc, run), doc.name, run)


def read_feed_doc(doc: Document, run: _Run) -> Iterator[Story | Reject]:
    yield from _read_markup("feed", _read_whole(doc, run), doc.name, run)


def read_warc_doc(doc: Document, run: _Run) -> Iterator[Story | Reject]:
    from eventwire.ingest.warc import iter_warc_stories

    if not doc.head.strip():
        raise EmptyInputError("is empty (no WARC records); remove it or fill it", where=doc.name)
    yield from iter_warc_stories(
        doc.stream,
        doc.name,
        batch_date=run.date,
        max_story_chars=run.max_story_chars,
        max_bytes=run.max_bytes,
        check=doc.check,
    )


def _read_whole(doc: Document, run: _Run) -> bytes:
    data = _read_capped(doc.stream, doc.size, doc.name, run.max_bytes)
    if doc.check is not None:
        doc.check()
    return data


def _read_capped(stream: IO[bytes], size: int | None, name: str, max_bytes: int) -> bytes:
    if size is not None and size > max_bytes:
        raise StoryTooLargeError(
            f"is {size:,} bytes, over the --max-bytes cap of {max_bytes:,}; raise --max-bytes if it is genuine",
            where=name,
        )
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise StoryTooLargeError(
            f"is over the --max-bytes cap of {max_bytes:,} bytes; raise --max-bytes if it is genuine",
            where=name,
        )
    if not data.strip():
        raise EmptyInputError("is empty (nothing to read); remove it or fill it", where=name)
    return data


def sniff(head: bytes) -> str | None:
    """The kind the first bytes of an input clearly announce ("gzip", or a registered reader's kind), or None."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    return _sniffed(head, strong_only=False)


def _sniffed(head: bytes, *, strong_only: bool) -> str | None:
    """The first registered reader whose sniff accepts `head` (with `strong_only`, only readers
    whose sniff beats the extension)."""
    low = _sniff_text(head).lower()
    pos = _after_prolog(low)
    if pos is None:
        return None
    for r in _readers_in_order():
        if r.sniff is not None and (r.sniff_wins or not strong_only) and r.sniff(low, pos, head):
            return r.kind
    return None


def _readers_in_order() -> tuple[Reader, ...]:
    from eventwire.ingest.readers import readers

    return readers()


def _after_prolog(low: str) -> int | None:
    """Where the document proper starts after an XML prolog (declaration, comments, processing
    instructions, a non-HTML doctype); None for a prolog cut off in the first bytes."""
    pos = 0
    for _ in range(50):
        if low.startswith("<?", pos):
            end, close = low.find("?>", pos), "?>"
        elif low.startswith("<!--", pos):
            end, close = low.find("-->", pos), "-->"
        elif low.startswith("<!doctype", pos):
            if low.startswith("<!doctype html", pos):
                return pos
            bracket, gt = low.find("[", pos), low.find(">", pos)
            end, close = (low.find("]>", pos), "]>") if 0 <= bracket < gt else (gt, ">")
        else:
            break
        if end < 0:
            return None
        pos = end + len(close)
        while pos < len(low) and low[pos].isspace():
            pos += 1
    return pos


def _sniff_warc(low: str, pos: int, head: bytes) -> bool:
    return low.startswith(("warc/1.", "warc/0."))


def _sniff_html(low: str, pos: int, head: bytes) -> bool:
    return low.startswith(("<!doctype html", "<html", "<head", "<body"), pos)


def _sniff_feed(low: str, pos: int, head: bytes) -> bool:
    return low.startswith(("<rss", "<feed", "<rdf:rdf"), pos)


def _sniff_jsonl(low: str, pos: int, head: bytes) -> bool:
    return pos == 0 and _looks_like_jsonl(head)


def _sniff_text(head: bytes) -> str:
    sample = head[:4096]
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if sample.startswith(bom):
            return sample[len(bom) :].decode(encoding, errors="replace").lstrip()
    return sample.decode("latin-1").lstrip()


def _kind(path: str, fmt: Format, head: bytes, in_folder: bool) -> Kind | None:
    """The reader for an input (None: a folder file of unknown kind); see the module docstring."""
    if fmt != "auto":
        return fmt
    strong = _sniffed(head, strong_only=True)
    if strong is not None:
        return strong
    ext = "" if path == STDIN else os.path.splitext(path)[1].lower()
    claimed = by_extension(ext)
    if claimed is not None:
        return claimed
    weak = _sniffed(head, strong_only=False)
    if weak is not None:
        return weak
    if in_folder and (ext or b"\x00" in head[:8192]):
        return None
    return "text"


def _unsupported(path: str, name: str, head: bytes) -> Reject:
    ext = os.path.splitext(path)[1].lower()
    what = ext if ext else "binary"
    return Reject(
        origin=name,
        reason=f"unsupported-file: {what}",
        message=f"{name}: skipped: not a story file ({what}); eventwire reads text, JSON lines, HTML, "
        "RSS/Atom and WARC",
    )


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


# Registration order is sniffing order. A new kind: its module, and one `register` line here.
register(Reader("text", (".txt", ".text"), read_text_doc, "one story, the whole file (any encoding, see ingest.text)"))
register(
    Reader(
        "jsonl",
        (".jsonl", ".ndjson", ".jsonlines"),
        read_jsonl_doc,
        "one story per line: `text`, optional `id`, `date`, `url`, `title`, `source`",
        sniff=_sniff_jsonl,
        sniff_wins=False,
    )
)
register(
    Reader(
        "html",
        (".html", ".htm", ".xhtml", ".shtml"),
        read_html_doc,
        "a web page: main text, title, date, canonical URL (ingest.html)",
        sniff=_sniff_html,
    )
)
register(
    Reader(
        "feed",
        (".rss", ".atom", ".xml"),
        read_feed_doc,
        "an RSS 2.0, RSS 1.0 or Atom feed: one story per entry (ingest.feeds)",
        sniff=_sniff_feed,
    )
)
register(
    Reader(
        "warc",
        (".warc",),
        read_warc_doc,
        "a WARC archive: every HTML response record (ingest.warc)",
        sniff=_sniff_warc,
    )
)
FORMATS: tuple[str, ...] = input_formats()
