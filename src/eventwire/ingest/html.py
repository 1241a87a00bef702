"""Web pages -> one Story each: the article text, not the page furniture.

trafilatura finds the main text (navigation, tickers, related links, footers and
comments are dropped) and the page metadata: title, author, site name,
canonical URL (``<link rel="canonical">``, ``og:url``) and publication date.
The date comes from htmldate over the page's structured metadata only (meta
tags, JSON-LD, ``<time>``, ``<abbr>``), its "extensive" free-text search off: that
search turns a footer's "© 2008" into 2008-01-01. A January 1st that a copyright
notice of the same year could explain is dropped too. `metadata.resolve_date`
then applies the batch date / URL date / dateline precedence.

Story text is trafilatura's text with one blank line between blocks (the
coder's paragraph convention); a first block that repeats the title is dropped.

Decoding (`decode_html`), first that works: a byte-order mark; strict UTF-8; the
charset the server declared (HTTP ``Content-Type``); the page's own ``<meta
charset>``; Windows-1252. So a page served as UTF-8 but written in Windows-1252
keeps its curly quotes and accents, with one warning on ``eventwire.ingest``.
"""

from __future__ import annotations

import codecs
import logging
import re
from configparser import ConfigParser
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from eventwire.errors import BinaryInputError, EmptyInputError, StoryTooLargeError
from eventwire.ingest.metadata import outlet_from_url, resolve_date
from eventwire.records import Story

__all__ = [
    "PageMetadata",
    "decode_html",
    "extract_page",
    "html_fragment_to_text",
    "is_html_type",
    "story_from_html",
]

LOGGER = logging.getLogger("eventwire.ingest")

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_COPYRIGHT = r"(?:©|&copy;|&#169;|\(c\)|copyright)\s*(?:\d{{4}}\s*[-–]\s*)?{year}\b"
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "dl",
        "hr",
    }
)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What trafilatura and htmldate found on a page (None when the page does not say)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD, from structured metadata only
    sitename: str | None = None
    url: str | None = None  # canonical URL, absolute


def decode_html(data: bytes, where: str, declared: str | None = None) -> str:
    """Page bytes -> text by the order in the module docstring; NUL bytes without a BOM mean binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:8192]:
        raise BinaryInputError("contains NUL bytes, so it is not a web page", where=where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(data[:4096])
    candidates = [declared, meta[1].decode("ascii", "replace") if meta else None]
    for name in candidates:
        codec = _codec(name)
        if codec is None or codec == "utf-8":
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    said = next((c for c in candidates if c), None)
    LOGGER.warning(
        "%s: %s but is not; decoded as Windows-1252",
        where,
        f"declared as {said}" if said else "no charset given and not UTF-8",
    )
    return data.decode("cp1252", errors="replace")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def extract_page(html: str, url: str | None = None) -> tuple[str | None, PageMetadata]:
    """(main text with blank lines between blocks, or None when the page has none; the page metadata)."""
    from trafilatura import bare_extraction

    tree = _parse(html)
    if tree is None:
        return None, PageMetadata()
    doc = bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        fast=True,  # no fallback extractors (readability, jusText): 2x faster; the test pages code the same events
        date_extraction_params=_DATE_PARAMS,
        config=_config(),
    )
    if doc is None:
        return None, PageMetadata()
    title = _clean(getattr(doc, "title", None))
    date = _clean(getattr(doc, "date", None))
    if date and _copyright_year_only(date, html):
        date = None
    meta = PageMetadata(
        title=title,
        author=_clean(getattr(doc, "author", None)),
        date=date,
        sitename=_clean(getattr(doc, "sitename", None)),
        url=_absolute(_clean(getattr(doc, "url", None)), url),
    )
    raw = getattr(doc, "text", None) or ""
    blocks = [" ".join(line.split()) for line in raw.splitlines()]
    blocks = [b for b in blocks if b]
    if blocks and title and _same_words(blocks[0], title):
        blocks = blocks[1:]
    text = "\n\n".join(blocks)
    return (text or None), meta


_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _parse(html: str) -> Any:
    """The page as an lxml tree without what never holds article text or metadata, or None if unparsable.

    Dropped before trafilatura sees the page: scripts (except JSON-LD metadata),
    styles, ``<noscript>``, ``<template>``, ``<svg>``, ``<iframe>`` and ``<nav>``.
    trafilatura discards them too, but only after running its metadata XPaths over
    the whole tree; pruning first makes extraction about 3x faster on a typical page
    (bench/bench_ingest.py) with the same text.
    """
    import lxml.etree
    import lxml.html

    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str input with an encoding declaration
    html = _NOT_XML_CHARS.sub(" ", html)  # lxml refuses control characters when it edits the tree
    try:
        tree = lxml.html.document_fromstring(html, parser=_html_parser())
    except (lxml.etree.ParserError, ValueError):
        return None
    for element in _prune_xpath(tree):
        element.drop_tree()
    return tree


def _html_parser() -> Any:
    global _PARSER
    if _PARSER is None:
        import lxml.html

        _PARSER = lxml.html.HTMLParser(
            remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False, no_network=True
        )
    return _PARSER


_PARSER = None


def _prune_xpath(tree: Any) -> list[Any]:
    global _PRUNE_XPATH
    if _PRUNE_XPATH is None:
        import lxml.etree

        _PRUNE_XPATH = lxml.etree.XPath(
            "//script[not(contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json'))]"
            "|//style|//noscript|//template|//svg|//iframe|//nav"
        )
    return list(_PRUNE_XPATH(tree))


_PRUNE_XPATH = None


def story_from_html(
    data: bytes,
    where: str,
    *,
    url: str | None = None,
    declared_charset: str | None = None,
    batch_date: str | None = None,
    max_story_chars: int,
    last_resort_date: str | None = None,
    source: str | None = None,
    title: str | None = None,
    own_date: str | None = None,
) -> Story:
    """One page -> one Story (raises an InputError subclass for a page with no text, too long, binary).

    `url` is where the page came from; the page's canonical URL replaces it.
    `source`, `title` and `own_date` (e.g. from a feed entry) win over the page's.
    """
    html = decode_html(data, where, declared_charset)
    if not html.strip():
        raise EmptyInputError("is empty (no HTML to read); remove it or fill it", where=where)
    text, meta = extract_page(html, url)
    if text is None:
        raise EmptyInputError(
            "is a web page with no article text (empty body, or navigation only); nothing to code",
            where=where,
        )
    if len(text) > max_story_chars:
        raise StoryTooLargeError(
            f"article text is {len(text):,} characters, over the limit of {max_story_chars:,}; raise --max-chars",
            where=where,
        )
    page_url = meta.url or url
    date = resolve_date(
        batch=batch_date, own=own_date or meta.date, url=page_url, text=text, last_resort=last_resort_date
    )
    return Story(
        id=Story.derive_id(text, page_url),
        text=text,
        date=date,
        url=page_url,
        title=title or meta.title,
        source=source or meta.sitename or outlet_from_url(page_url),
        origin=where,
    )


def is_html_type(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() in _HTML_TYPES


def html_fragment_to_text(fragment: str) -> str:
    """HTML in a feed entry -> plain text: one blank line between blocks, scripts and styles dropped."""
    import lxml.etree
    import lxml.html

    if "<" not in fragment:
        import html as html_lib

        return _tidy(html_lib.unescape(fragment))
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
            if el.tag.lower() == "br":
                el.tail = "\n" + el.tail[2:]
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _config() -> ConfigParser:
    """trafilatura's settings with its own size cap lifted (ours, --max-bytes, applies first)."""
    global _CONFIG
    if _CONFIG is None:
        from trafilatura.settings import use_config

        config = use_config()
        config.set("DEFAULT", "MAX_FILE_SIZE", str(1 << 40))
        config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
        _CONFIG = config
    return _CONFIG


_CONFIG: ConfigParser | None = None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _absolute(candidate: str | None, base: str | None) -> str | None:
    if not candidate:
        return None
    if base:
        candidate = urljoin(base, candidate)
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    return candidate if parts.scheme in ("http", "https") and parts.netloc else None


def _copyright_year_only(date: str, html: str) -> bool:
    """True for YYYY-01-01 when a copyright notice of year YYYY could be where it came from."""
    if not date.endswith("-01-01"):
        return False
    return re.search(_COPYRIGHT.format(year=date[:4]), html, re.IGNORECASE) is not None


def _same_words(a: str, b: str) -> bool:
    def words(s: str) -> list[str]:
        return re.findall(r"\w+", s.casefold())

    return words(a) == words(b)
