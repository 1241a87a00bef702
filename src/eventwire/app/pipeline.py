"""`ingest` (sources -> coder -> store) and `recode` (stored articles -> coder -> store).

Both stream: stories are read lazily, coded by an engine (`eventwire.engines`; by default
`engines.local.LocalEngine`, a process pool, or in-process with workers=1), which also turns each chunk of
coded stories into Arrow rows (`rows.prepare_rows`, with each story's language)
where it was coded, so the single writer does no Python work per mention. The
rows are written `commit_size` stories at a time, each batch in one transaction
(`Store.write`). Killing the
process loses at most the batch being written; running the same command again
finishes the job, because:

* `ingest` skips stories already stored: same id and same text (SHA-1) is
  "unchanged"; under another id, the same text (case, punctuation and spacing
  aside) or the same canonical URL as a stored article is a "duplicate", as it
  is within one run (`ingest.duplicates`), so N runs store what one run would.
  A stored id whose text changed is re-coded and replaced ("updated").
* `recode` re-codes the articles coded by another coder or dictionary version
  (all of them with ``everything=True``); a finished article carries the new
  versions, so a rerun picks up where the last one stopped.

Rejected documents (unreadable, or a story the coder failed on) are recorded in
the store's ``rejects`` table and returned in the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from eventwire.app.options import DEFAULT_COMMIT_SIZE, CoderSpec, dictionary_version
from eventwire.engines import Engine
from eventwire.engines.local import CoderFactory, LocalEngine
from eventwire.ingest import is_skip, read_sources
from eventwire.ingest.duplicates import duplicate_keys
from eventwire.records import CodedStory, CodingOptions, Reject, Story
from eventwire.store.db import Store
from eventwire.store.rows import StoryRows, prepare_rows, text_hash

__all__ = [
    "DEFAULT_COMMIT_SIZE",
    "IngestSummary",
    "RecodeSummary",
    "dictionary_version",
    "fresh_in_chunk",
    "ingest",
    "ingest_items",
    "recode",
    "recode_with",
]

MAX_LISTED_REJECTS = 100
_PROBE = 256  # stories checked against the store per query


@dataclass
class _RejectTally:
    """Counts every reject and keeps the first MAX_LISTED_REJECTS for the closing list."""

    rejected: int = 0
    rejects: list[Reject] = field(default_factory=list)

    def add_reject(self, reject: Reject) -> None:
        self.rejected += 1
        if len(self.rejects) < MAX_LISTED_REJECTS:
            self.rejects.append(reject)


@dataclass
class IngestSummary(_RejectTally):
    """What an ingest did. `read` counts every document (stories and rejects)."""

    read: int = 0
    stored: int = 0  # new articles
    updated: int = 0  # stored id, changed text: re-coded and replaced
    unchanged: int = 0  # stored id, same text: skipped
    duplicates: int = 0  # a stored article's text or URL under another id: skipped
    skipped: int = 0  # reader skips (a duplicate within the run, another language...): not errors
    mentions: int = 0  # mentions written
    events: int = 0  # events in the store afterwards
    articles: int = 0  # articles in the store afterwards
    # a cluster run (`app.cluster`): shards in the input, coded now, found done before; failed ones by name
    shards: int = 0
    shards_coded: int = 0
    shards_done_before: int = 0
    failed_shards: list[tuple[str, str]] = field(default_factory=list)  # (shard name, error)

    def progress(self) -> str:
        """The running counts, for a progress line."""
        return f"{self.read:,} read, {self.stored:,} stored, {_n(self.mentions, 'mention')} written, {self.rejected:,} rejected"

    def summary(self) -> str:
        return (
            f"{self.read:,} read: {self.stored:,} stored, {self.updated:,} updated, "
            f"{self.unchanged:,} already in the store, {self.duplicates:,} duplicate texts, "
            f"{self.skipped:,} skipped, {self.rejected:,} rejected; {_n(self.mentions, 'mention')} written; "
            f"the store holds {_n(self.articles, 'article')} and {_n(self.events, 'event')}"
        ) + self.shard_summary()

    def shard_summary(self) -> str:
        """The cluster's part of the summary ('' for a local run)."""
        if not self.shards:
            return ""
        line = (
            f"; {_n(self.shards, 'shard')}: {self.shards_coded:,} coded, "
            f"{self.shards_done_before:,} done before, {len(self.failed_shards):,} failed"
        )
        return line + "".join(f"\n  shard failed: {name}: {error}" for name, error in self.failed_shards)


@dataclass
class RecodeSummary(_RejectTally):
    """What a recode did."""

    selected: int = 0  # articles that needed re-coding
    recoded: int = 0
    mentions_before: int = 0
    mentions_after: int = 0
    events_before: int = 0
    events_after: int = 0

    def summary(self) -> str:
        return (
            f"{self.recoded:,} of {self.selected:,} articles re-coded, {self.rejected:,} rejected; "
            f"mentions {self.mentions_before:,} -> {self.mentions_after:,}, "
            f"events {self.events_before:,} -> {self.events_after:,}"
        )


def ingest(
    store: Store,
    sources: Sequence[str],
    *,
    date: str | None = None,
    fmt: str = "auto",
    max_story_chars: int = 1_000_000,
    workers: int = 1,
    dictionaries_path: str | None = None,
    extend_dictionaries: bool = False,
    options: CodingOptions | None = None,
    batch_size: int = 32,
    commit_size: int = DEFAULT_COMMIT_SIZE,
    coder_factory: CoderFactory | None = None,
    reader_options: Mapping[str, Any] | None = None,
) -> IngestSummary:
    """Read `sources`, code the stories not stored yet, and store them batch by batch (keyword form
    of `ingest_items`, for scripts and tests; `eventwire.app.ingest` takes option objects).

    `reader_options` go to `read_sources` as they are (e.g. ``max_bytes``, ``fetch_links``,
    ``language_check``)."""
    items = read_sources(
        sources, date=date, max_story_chars=max_story_chars, fmt=fmt, **dict(reader_options or {})
    )
    spec = CoderSpec(dictionaries_path, extend_dictionaries, options or CodingOptions())
    engine = LocalEngine(workers, batch_size, coder_factory)
    return ingest_items(store, items, spec, engine, commit_size)


def ingest_items(
    store: Store,
    items: Iterable[Story | Reject],
    spec: CoderSpec,
    engine: Engine,
    commit_size: int,
    progress: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Code the stories of `items` that the store does not hold yet, and store them `commit_size` at a time.
    `progress`, when given, sees the running summary after every committed batch."""
    summary = IngestSummary()
    fresh = _new_only(items, store, summary)
    results = engine.map(fresh, spec, _rows_with_languages, group_size=commit_size)
    coder_version, dict_version = spec.version, spec.dictionary_version

    def skip(reject: Reject) -> bool:
        if is_skip(reject.reason):
            summary.skipped += 1
            return True
        return False

    def write(rows: StoryRows, rejects: list[Reject]) -> None:
        summary.mentions += store.write(rows, rejects, coder_version=coder_version, dictionary_version=dict_version)
        store.checkpoint()  # the .duckdb alone then holds every committed batch (docs/store.md, "On disk")
        if progress is not None:
            progress(summary)

    _write_in_batches(results, commit_size, summary, write, skip=skip)
    counts = store.counts()
    summary.articles, summary.events = counts["articles"], counts["events"]
    return summary


def _write_in_batches(
    results: Iterator[StoryRows | Reject],
    commit_size: int,
    summary: _RejectTally,
    write: Callable[[StoryRows, list[Reject]], None],
    *,
    skip: Callable[[Reject], bool] | None = None,
) -> None:
    """Hand the coder's results to `write` once they hold `commit_size` stories and rejects (whole
    worker tasks, so a few more at times), the rest at the end. Rejects are tallied in `summary`, except those
    `skip` takes (and counts)."""
    parts: list[StoryRows] = []
    rejects: list[Reject] = []
    held = 0
    try:
        for item in results:
            if isinstance(item, Reject):
                if skip is not None and skip(item):
                    continue
                summary.add_reject(item)
                rejects.append(item)
                held += 1
            else:
                parts.append(item)
                held += item.num_stories
            if held >= commit_size:
                write(StoryRows.concat(parts), rejects)
                parts, rejects, held = [], [], 0
        write(StoryRows.concat(parts), rejects)
    finally:  # stops the engine early on an error (its worker processes too)
        close = getattr(results, "close", None)
        if close is not None:
            close()


def _rows(coded: list[CodedStory]) -> StoryRows:
    """A task's rows, mention ids hashed: run in the coder's worker process (`recode`)."""
    return prepare_rows(coded, mention_ids=True)


def _rows_with_languages(coded: list[CodedStory]) -> StoryRows:
    """A task's rows, mention ids hashed, with each story's language: run in the coder's worker
    process (`ingest`)."""
    return prepare_rows(coded, {c.story.id: _language(c.story) for c in coded}, mention_ids=True)


def _new_only(items: Iterable[Story | Reject], store: Store, summary: IngestSummary) -> Iterator[Story | Reject]:
    """Rejects, and the stories the store does not hold yet (see the module docstring)."""
    seen = _Seen()
    it = iter(items)
    while chunk := list(islice(it, _PROBE)):
        yield from fresh_in_chunk(chunk, store, summary, seen)


@dataclass
class _Seen:
    """The story ids and duplicate keys (`ingest.duplicates.duplicate_keys`) an ingest run has let
    through so far."""

    ids: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)


def fresh_in_chunk(
    chunk: list[Story | Reject], store: Store, summary: IngestSummary, seen: _Seen
) -> Iterator[Story | Reject]:
    """`chunk`'s rejects and the stories of it that the store (and the run, `seen`) does not hold yet;
    counts each item in `summary`. One store query per chunk."""
    stories = [i for i in chunk if isinstance(i, Story)]
    stored_ids, stored_keys = store.known(stories)
    for item in chunk:
        summary.read += 1
        if isinstance(item, Reject):
            yield item
            continue
        if item.id in seen.ids or stored_ids.get(item.id) == text_hash(item.text):
            summary.unchanged += 1
            continue
        keys = [k for k in duplicate_keys(item.text, item.url) if k is not None]
        if item.id not in stored_ids and any(k in stored_keys or k in seen.keys for k in keys):
            summary.duplicates += 1
            continue
        if item.id in stored_ids:
            summary.updated += 1
        else:
            summary.stored += 1
        seen.ids.add(item.id)
        seen.keys.update(keys)
        yield item


def _language(story: Story) -> str | None:
    """The story's language: its own field if the reader set one, else langid's guess (None if too short)."""
    if story.language:
        return story.language
    from eventwire.ingest.language import identify

    found = identify(story.text)
    return found[0] if found is not None else None


def recode(
    store: Store,
    *,
    dictionaries_path: str | None = None,
    extend_dictionaries: bool = False,
    workers: int = 1,
    options: CodingOptions | None = None,
    batch_size: int = 32,
    commit_size: int = DEFAULT_COMMIT_SIZE,
    everything: bool = False,
    coder_factory: CoderFactory | None = None,
) -> RecodeSummary:
    """Keyword form of `recode_with`."""
    spec = CoderSpec(dictionaries_path, extend_dictionaries, options or CodingOptions())
    return recode_with(store, spec, LocalEngine(workers, batch_size, coder_factory), commit_size, everything)


def recode_with(
    store: Store, spec: CoderSpec, engine: Engine, commit_size: int, everything: bool = False
) -> RecodeSummary:
    """Re-code the stored articles coded under another `spec.version` (all with `everything`),
    replacing each one's mentions."""
    coder_version, dict_version = spec.version, spec.dictionary_version
    summary = RecodeSummary()
    before = store.counts()
    summary.mentions_before, summary.events_before = before["mentions"], before["events"]
    ids = store.articles_to_recode(coder_version, dict_version, everything=everything)
    summary.selected = len(ids)

    def stored_stories() -> Iterator[Story]:
        from eventwire.ingest.metadata import with_dateline

        for start in range(0, len(ids), _PROBE):
            for story in store.stories(ids[start : start + _PROBE]):
                yield with_dateline(story)

    results = engine.map(stored_stories(), spec, _rows, group_size=commit_size)

    def write(rows: StoryRows, rejects: list[Reject]) -> None:
        store.write(rows, rejects, coder_version=coder_version, dictionary_version=dict_version)
        summary.recoded += rows.num_stories
        store.checkpoint()

    _write_in_batches(results, commit_size, summary, write)
    after = store.counts()
    summary.mentions_after, summary.events_after = after["mentions"], after["events"]
    return summary


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")
