"""RSS 2.0 / RSS 1.0 / Atom feeds -> one Story per entry, with feedparser.

Each entry's text is its full content (``<content:encoded>``, Atom ``<content>``)
or else its summary (``<description>``, ``<summary>``), HTML turned into plain
text. Its URL is the entry link, its title the entry title, its outlet the feed
title, its own date the entry's published (else updated) date, read as written.
`origin` is ``feed#n`` (n counts entries from 1). With `fetch_links`, each
entry's page is fetched (concurrently, politely, see `ingest.fetch`) and its
article text replaces the entry's when it is longer; a page that cannot be
fetched or read leaves the entry's own text, with a warning.

XML safety: a feed that declares entities (``<!ENTITY`` in its DOCTYPE) is
refused whole, reason ``unsafe-xml``, before any XML parser sees it: that is how
external-entity (XXE: reading local files or URLs) and entity-expansion
("billion laughs") attacks are written, and real feeds never need it. feedparser
is only ever given bytes (never a string, which it would treat as a URL or a
path), and its SAX parser runs with external entities off, so an external DTD
is not fetched either.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

from eventwire.errors import (
    BadDateError,
    BadFeedError,
    EmptyInputError,
    EncodingError,
    InputError,
    StoryTooLargeError,
    UnsafeXMLError,
    excerpt,
)
from eventwire.ingest.dates import normalise_date
from eventwire.ingest.html import html_fragment_to_text, is_html_type, story_from_html
from eventwire.ingest.metadata import outlet_from_url, resolve_date
from eventwire.records import Reject, Story

__all__ = ["iter_feed_stories", "unsafe_xml_problem"]

LOGGER = logging.getLogger("eventwire.ingest")

_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)

#: (urls) -> ((url, Fetched or InputError), ...) in order; `Fetcher.fetch_many` fits
FetchMany = Callable[[list[str]], Iterator[tuple[str, Any]]]


def unsafe_xml_problem(data: bytes, where: str) -> UnsafeXMLError | None:
    """The error to report when `data` declares XML entities, or None when it does not."""
    if _ENTITY_DECL.search(_ascii_view(data)):
        return UnsafeXMLError(
            "declares XML entities (<!ENTITY ...>), the form of external-entity and entity-expansion "
            "attacks; feeds never need them, so it is refused unread",
            where=where,
        )
    return None


def _ascii_view(data: bytes) -> str:
    """`data` decoded well enough to search for markup, whatever its encoding."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if len(data) >= 2 and b"\x00" in data[:4]:
        encoding = "utf-16-be" if data[0] == 0 else "utf-16-le"
        return data.decode(encoding, errors="replace")
    return data.decode("latin-1")


def iter_feed_stories(
    data: bytes,
    where: str,
    *,
    url: str | None = None,
    declared_charset: str | None = None,
    batch_date: str | None = None,
    max_story_chars: int,
    fetch_many: FetchMany | None = None,
) -> Iterator[Story | Reject]:
    """Stories (and per-entry Rejects) from one feed document; a feed-level problem is one Reject.

    `url` is where the feed came from (relative links resolve against it);
    `fetch_many`, when given, fetches the entries' links (``--fetch-links``).
    """
    problem = unsafe_xml_problem(data, where)
    if problem is not None:
        yield _reject(problem)
        return
    import feedparser

    headers = {}
    if url:
        headers["content-location"] = url
    if declared_charset:
        headers["content-type"] = f"application/xml; charset={declared_charset}"
    try:
        parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    except (UnicodeError, LookupError) as e:  # feedparser decodes by the declared encoding, unchecked
        yield _reject(
            EncodingError(
                f"declares an encoding its bytes cannot be decoded in ({excerpt(str(e))}); "
                "re-save the feed as UTF-8 or fix its XML declaration",
                where=where,
            )
        )
        return
    entries = list(parsed.get("entries") or [])
    if not entries:
        yield _reject(_feed_problem(parsed, where))
        return
    feed_title = _text(parsed.feed.get("title")) or None
    outlet = feed_title or outlet_from_url(_text(parsed.feed.get("link")) or url)
    links = [_text(entry.get("link")) or None for entry in entries]
    # Pages are fetched a few at a time ahead of use (`fetch_many` keeps a bounded window), in entry order.
    fetched = iter(fetch_many([link for link in links if link])) if fetch_many is not None else None
    for i, entry in enumerate(entries):
        origin = f"{where}#{i + 1}"
        page = next(fetched)[1] if fetched is not None and links[i] else None
        try:
            yield _entry_story(entry, origin, links[i], outlet, batch_date, max_story_chars, page)
        except InputError as e:
            yield _reject(e)


def _entry_story(
    entry: Any,
    origin: str,
    link: str | None,
    outlet: str | None,
    batch_date: str | None,
    max_story_chars: int,
    page: Any,
) -> Story:
    title = _text(entry.get("title")) or None
    own_date = _entry_date(entry, origin)
    text = _entry_text(entry)
    if page is not None:
        from_page = _story_from_page(page, origin, link, title, outlet, own_date, batch_date, max_story_chars)
        if from_page is not None and len(from_page.text) > len(text):
            return from_page
    if not text:
        raise EmptyInputError(
            "feed entry has no content or summary to code"
            + ("; try --fetch-links to read the linked page" if link and page is None else ""),
            where=origin,
        )
    if len(text) > max_story_chars:
        raise StoryTooLargeError(
            f"story is {len(text):,} characters, over the limit of {max_story_chars:,}; raise --max-chars",
            where=origin,
        )
    date = resolve_date(batch=batch_date, own=own_date, url=link, text=text)
    return Story(
        id=Story.derive_id(text, link),
        text=text,
        date=date,
        url=link,
        title=title,
        source=outlet,
        origin=origin,
    )


def _story_from_page(
    page: Any,
    origin: str,
    link: str | None,
    title: str | None,
    outlet: str | None,
    own_date: str | None,
    batch_date: str | None,
    max_story_chars: int,
) -> Story | None:
    if isinstance(page, InputError):
        LOGGER.warning("%s: the linked page was not used: %s; coding the feed's own text", origin, page)
        return None
    if not is_html_type(page.content_type) and page.content_type not in ("", "application/octet-stream"):
        LOGGER.warning(
            "%s: the linked page is %s, not HTML; coding the feed's own text", origin, page.content_type
        )
        return None
    try:
        return story_from_html(
            page.body,
            origin,
            url=page.final_url or link,
            declared_charset=page.charset,
            batch_date=batch_date,
            max_story_chars=max_story_chars,
            source=outlet,
            title=title,
            own_date=own_date,
        )
    except InputError as e:
        LOGGER.warning("%s: the linked page was not used: %s; coding the feed's own text", origin, e.message)
        return None


def _entry_text(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or []:
        text = _as_text(content.get("value"), content.get("type"))
        if len(text) > len(best):
            best = text
    if best:
        return best
    detail = entry.get("summary_detail") or {}
    return _as_text(entry.get("summary"), detail.get("type"))


def _as_text(value: Any, content_type: Any) -> str:
    value = _text(value)
    if not value:
        return ""
    if content_type == "text/plain":
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip())
    return html_fragment_to_text(value)


def _entry_date(entry: Any, origin: str) -> str | None:
    """The entry's published (else updated) date as written; feedparser's UTC tuple if the text is odd."""
    for key in ("published", "updated", "created"):
        # dict.get, not entry.get: feedparser maps a missing "updated" to "published" with a DeprecationWarning
        raw = _text(dict.get(entry, key))
        if not raw:
            continue
        try:
            return normalise_date(raw)
        except BadDateError:
            parsed = dict.get(entry, f"{key}_parsed")
            if parsed:
                return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
            LOGGER.debug("%s: unreadable %s date %r", origin, key, raw)
    return None


def _feed_problem(parsed: Any, where: str) -> InputError:
    version = parsed.get("version") or ""
    error = parsed.get("bozo_exception")
    if version:
        return EmptyInputError("is a feed with no entries; nothing to code", where=where)
    detail = f" ({type(error).__name__}: {error})" if error else ""
    return BadFeedError(
        f"is not an RSS or Atom feed{detail}; pass a feed, a web page, or text",
        where=where,
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _reject(error: InputError) -> Reject:
    return Reject(origin=error.where or "?", reason=error.reason, message=str(error))
