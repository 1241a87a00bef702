"""The same story twice in one run is coded once.

Two stories are the same when they have the same canonical URL
(`metadata.canonical_url`: case, default port, fragment, tracking parameters
and a trailing slash do not count) or the same normalised text (case,
punctuation and spacing do not count). The second and later copies become
Rejects with reason ``duplicate`` naming the first copy; they are skips, not
errors. Memory: one 16-byte digest per story and URL seen.

The same two digests (`duplicate_keys`, as hex) are what the event store keeps per article
(`articles.text_key`, `articles.url_key`, indexed), so that `eventwire ingest` skips a story
whose copy an earlier run stored: N runs store what one run over the same stories would.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from eventwire.ingest.metadata import canonical_url
from eventwire.records import Reject, Story

__all__ = ["DUPLICATE", "duplicate_keys", "duplicate_of", "skip_duplicates", "text_fingerprint", "url_fingerprint"]

DUPLICATE = "duplicate"
_NON_WORD = re.compile(r"[\W_]+")


def text_fingerprint(text: str) -> bytes:
    """A digest of `text` that ignores case, punctuation and spacing."""
    normal = _NON_WORD.sub(" ", text.casefold()).strip()
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=16).digest()


def url_fingerprint(url: str) -> bytes:
    """A digest of the canonical form of `url` (`metadata.canonical_url`)."""
    return hashlib.blake2b(canonical_url(url).encode("utf-8"), digest_size=16).digest()


def duplicate_keys(text: str, url: str | None) -> tuple[str, str | None]:
    """The story's text and URL digests as hex: equal keys mean the same story (what the store keeps)."""
    return text_fingerprint(text).hex(), url_fingerprint(url).hex() if url else None


def skip_duplicates(
    items: Iterable[Story | Reject], seen: dict[bytes, str] | None = None
) -> Iterator[Story | Reject]:
    """`items` with every repeat of an earlier Story (same URL or same text) replaced by a skip.
    `seen` (filled as stories pass) carries what was seen across calls: a cluster run checks each
    shard's stories against the shards before it."""
    seen = {} if seen is None else seen
    for item in items:
        if not isinstance(item, Story):
            yield item
            continue
        duplicate = duplicate_of(item, seen)
        yield duplicate if duplicate is not None else item


def duplicate_of(story: Story, seen: dict[bytes, str]) -> Reject | None:
    """The ``duplicate`` skip of `story` if it repeats a story in `seen`; else None, and `story` is added."""
    keys = [(b"t", text_fingerprint(story.text), "the same text")]
    if story.url:
        keys.insert(0, (b"u", url_fingerprint(story.url), "the same URL"))
    where = story.origin or story.id
    first = next(((seen[kind + key], why) for kind, key, why in keys if kind + key in seen), None)
    if first is not None:
        return Reject(
            origin=where,
            reason=DUPLICATE,
            message=f"{where}: skipped: {first[1]} as {first[0]}, which is coded once",
        )
    for kind, key, _ in keys:
        seen[kind + key] = where
    return None
