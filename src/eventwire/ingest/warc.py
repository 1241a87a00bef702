"""WARC archives (web crawls) -> one Story per HTML page, with warcio.

A ``response`` record (or a ``resource`` record) whose HTTP status is 2xx and
whose payload is HTML (``text/html``, ``application/xhtml+xml``) becomes a story
through `ingest.html`: its URL is the record's WARC-Target-URI (the page's
canonical URL if it gives one), its date the page's own, else the URL's, else
the dateline's, and only as a last resort the capture date (WARC-Date). Every
other record is skipped and counted, one skip per record, by reason:
``not-response: request`` (also ``warcinfo``, ``metadata``, ``revisit``),
``http-status: 404``, ``not-html: image/png``. `origin` is ``file#n``, the
n-th record of the file, counting from 1.

The stream given here is uncompressed: ``read_sources`` puts a `GzipStream` in
front of a ``.warc.gz``, which is what turns a truncated archive into a
``truncated`` Reject after the complete records, and a compression bomb into a
``too-large`` one. A record that itself ends early (an uncompressed archive cut
short) is reported as ``truncated`` too. A record whose HTML is over `max_bytes`
is a ``too-large`` Reject and the archive goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any

from eventwire.errors import BadArchiveError, InputError, StoryTooLargeError, TruncatedInputError, excerpt
from eventwire.ingest.dates import normalise_date
from eventwire.ingest.html import is_html_type, story_from_html
from eventwire.records import Reject, Story

__all__ = ["SKIP_REASONS", "iter_warc_stories"]

#: the reasons of the per-record skips this reader yields (each followed by ": <detail>")
SKIP_REASONS = ("not-response", "http-status", "not-html")
_STORY_RECORDS = frozenset({"response", "resource"})
_DRAIN = 1 << 16
_SNIFF = 64


def iter_warc_stories(
    stream: IO[bytes],
    where: str,
    *,
    batch_date: str | None,
    max_story_chars: int,
    max_bytes: int,
    check: Callable[[], None] | None = None,
) -> Iterator[Story | Reject]:
    """Stories, per-record skips and Rejects from one uncompressed WARC stream, in record order.

    `check` is called at the end of the stream and raises if it was cut short.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = 0
    head = stream.peek(_SNIFF)[:_SNIFF] if hasattr(stream, "peek") else b""
    if head and not head.lstrip(b"\r\n\t ").startswith(b"WARC/"):
        # Refused from its first bytes: warcio would otherwise scan the whole file (a gigabyte of
        # zeros, or a gzip bomb behind the GzipStream) and quote all of it in its error.
        yield _reject(BadArchiveError(f"is not a WARC archive: it begins {excerpt(head)}", where=where))
        return
    iterator = ArchiveIterator(stream, check_digests=False)
    try:
        for record in iterator:
            records += 1
            origin = f"{where}#{records}"
            item = _record_item(record, origin, batch_date, max_story_chars, max_bytes)
            if item is not None:
                yield item
                if isinstance(item, Reject) and item.reason == TruncatedInputError.reason:
                    return
        if check is not None:
            check()
    except InputError as e:  # from the GzipStream below: truncated, bomb, bad gzip
        yield _reject(e)
        return
    except (ArchiveLoadFailed, Exception) as e:  # noqa: BLE001 - warcio fails in many ways on a damaged archive
        message = excerpt(str(e).strip() or type(e).__name__)
        if not isinstance(e, ArchiveLoadFailed):
            message = f"a record header is cut or damaged: {type(e).__name__}: {message}"
        if records == 0:
            yield _reject(BadArchiveError(f"is not a WARC archive ({message})", where=where))
        else:
            yield _reject(
                BadArchiveError(
                    f"is broken after record {records} ({message}); the records before were read", where=where
                )
            )
        return
    finally:
        iterator.close()
    if records == 0:
        yield _reject(BadArchiveError("holds no WARC records", where=where))


def _record_item(
    record: Any, origin: str, batch_date: str | None, max_story_chars: int, max_bytes: int
) -> Story | Reject | None:
    rec_type = (record.rec_type or "unknown").lower()
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    label = f"{origin} ({uri})" if uri else origin
    if record.rec_headers.get_header("Content-Length") is None:  # required: a header cut short
        return _reject(
            TruncatedInputError(
                "record header is cut short (no Content-Length): the archive ends here; the records before were read",
                where=origin,
            )
        )
    if rec_type not in _STORY_RECORDS and _ended_early(record):
        return _cut_record(origin, uri)
    if rec_type not in _STORY_RECORDS:
        return _skip(
            origin, f"not-response: {rec_type}", f"{label}: skipped: a {rec_type} record, not a page"
        )
    http = record.http_headers
    if rec_type == "response" and http is not None:
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return _skip(
                origin, f"http-status: {status or '?'}", f"{label}: skipped: HTTP status {status or '?'}"
            )
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if not is_html_type(mime):
        return _skip(
            origin,
            f"not-html: {mime or 'unknown'}",
            f"{label}: skipped: {mime or 'no content type'}, not HTML",
        )

    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return _reject(
            StoryTooLargeError(
                f"page{' ' + uri if uri else ''} is over the --max-bytes cap of {max_bytes:,} bytes; "
                "raise --max-bytes if it is genuine",
                where=origin,
            )
        )
    if _ended_early(record):
        return _cut_record(origin, uri)
    charset = _charset(content_type)
    try:
        return story_from_html(
            payload,
            origin,
            url=uri,
            declared_charset=charset,
            batch_date=batch_date,
            max_story_chars=max_story_chars,
            last_resort_date=_warc_date(record),
        )
    except InputError as e:
        if uri and e.where == origin:
            e = type(e)(f"({uri}) {e.message}", where=origin)
        return _reject(e)


def _cut_record(origin: str, uri: str | None) -> Reject:
    return _reject(
        TruncatedInputError(
            f"record{' ' + uri if uri else ''} ends before its declared length: the archive is cut short here; "
            "the records before were read",
            where=origin,
        )
    )


def _ended_early(record: Any) -> bool:
    """Drain what is left of the record body; True when the stream ended before its declared length."""
    raw = record.raw_stream
    while raw.read(_DRAIN):
        pass
    return getattr(raw, "limit", 0) > 0


def _warc_date(record: Any) -> str | None:
    value = record.rec_headers.get_header("WARC-Date")
    if not value:
        return None
    try:
        return normalise_date(value)
    except InputError:
        return None


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _skip(origin: str, reason: str, message: str) -> Reject:
    return Reject(origin=origin, reason=reason, message=message)


def _reject(error: InputError) -> Reject:
    return Reject(origin=error.where or "?", reason=error.reason, message=str(error))
