"""`ingest` (sources -> coder -> store) and `recode` (stored articles -> coder -> store).

Both stream: stories are read lazily, coded by `engines.local.code_and_finish_in_pool`
(a process pool, or in-process with workers=1), which also turns each chunk of
coded stories into Arrow rows (`rows.prepare_rows`, with each story's language)
where it was coded, so the single writer does no Python work per mention. The
rows are written `commit_size` stories at a time, each batch in one transaction
(`Store.write`). Killing the
process loses at most the batch being written; running the same command again
finishes the job, because:

* `ingest` skips stories already stored: same id and same text (SHA-1) is
  "unchanged"; the same text from the same outlet under another id is a
  "duplicate". A stored id whose text changed is re-coded and replaced ("updated").
* `recode` re-codes the articles coded by another coder or dictionary version
  (all of them with ``everything=True``); a finished article carries the new
  versions, so a rerun picks up where the last one stopped.

Rejected documents (unreadable, or a story the coder failed on) are recorded in
the store's ``rejects`` table and returned in the summary.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from importlib import resources
from itertools import islice
from pathlib import Path

from eventwire import __version__
from eventwire.engines.local import CoderFactory, code_and_finish_in_pool
from eventwire.records import CodedStory, CodingOptions, Reject, Story
from eventwire.store.db import Store
from eventwire.store.rows import StoryRows, prepare_rows, text_hash

__all__ = [
    "CODER_VERSION",
    "IngestSummary",
    "RecodeSummary",
    "dictionary_version",
    "ingest",
    "recode",
]

CODER_VERSION = f"eventwire {__version__}"
DEFAULT_COMMIT_SIZE = 256
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
    duplicates: int = 0  # same text from the same outlet under another id: skipped
    skipped: int = 0  # reader skips (a duplicate within the run, another language...): not errors
    mentions: int = 0  # mentions written
    events: int = 0  # events in the store afterwards
    articles: int = 0  # articles in the store afterwards

    def summary(self) -> str:
        return (
            f"{self.read:,} read: {self.stored:,} stored, {self.updated:,} updated, "
            f"{self.unchanged:,} already in the store, {self.duplicates:,} duplicate texts, "
            f"{self.skipped:,} skipped, {self.rejected:,} rejected; {_n(self.mentions, 'mention')} written; "
            f"the store holds {_n(self.articles, 'article')} and {_n(self.events, 'event')}"
        )


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


def dictionary_version(dictionaries_path: str | None = None, extend: bool = False) -> str:
    """A fingerprint of the dictionaries in use: ``name:sha1-prefix`` (``+`` joins an extension)."""
    shipped = "shipped:" + _digest(_shipped_files())
    if dictionaries_path is None:
        return shipped
    path = Path(dictionaries_path)
    if path.is_dir():
        from eventwire.dictionaries.loader import classify_file

        files = sorted(p for p in path.iterdir() if p.is_file() and classify_file(p.name) is not None)
    elif path.is_file():
        files = [path]
    else:  # a shipped set by name, e.g. "petr_validate"
        return f"{dictionaries_path}:{_digest(_shipped_files())}"
    own = f"{path.name}:{_digest(files)}"
    return f"{shipped}+{own}" if extend else own


def _shipped_files() -> list[Path]:
    root = Path(str(resources.files("eventwire.dictionaries") / "data"))
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix in {".gz", ".txt"})


def _digest(files: Iterable[Path]) -> str:
    h = hashlib.sha1()
    for f in files:
        h.update(f.name.encode("utf-8") + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


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
    """Read `sources`, code the stories not stored yet, and store them batch by batch.

    `reader_options` go to `read_sources` as they are (e.g. ``max_bytes``, ``fetch_links``,
    ``language_check``)."""
    from eventwire.ingest import read_sources

    options = options or CodingOptions(max_story_chars=max_story_chars)
    summary = IngestSummary()
    items = read_sources(
        sources, date=date, max_story_chars=max_story_chars, fmt=fmt, **dict(reader_options or {})  # type: ignore[arg-type]
    )
    fresh = _new_only(items, store, summary)
    results = code_and_finish_in_pool(
        fresh,
        _rows_with_languages,
        workers=workers,
        dictionaries_path=dictionaries_path,
        options=options,
        chunk_size=batch_size,
        task_size=_task_size(batch_size, commit_size, workers),
        extend_dictionaries=extend_dictionaries,
        coder_factory=coder_factory,
    )
    version = dictionary_version(dictionaries_path, extend_dictionaries)

    def skip(reject: Reject) -> bool:
        if _is_skip(reject.reason):
            summary.skipped += 1
            return True
        return False

    def write(rows: StoryRows, rejects: list[Reject]) -> None:
        summary.mentions += store.write(rows, rejects, coder_version=CODER_VERSION, dictionary_version=version)
        store.checkpoint()  # the .duckdb alone then holds every committed batch (docs/store.md, "On disk")

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
    with contextlib.closing(results):
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


def _task_size(batch_size: int, commit_size: int, workers: int) -> int:
    """Stories per worker task: a commit's share of each worker (at least a coder batch, at most a
    commit), so every worker is busy and the writer receives a few large Arrow tables per commit (it
    pays per table, not per row). A commit holds whole tasks: `commit_size` stories, or up to
    `workers` - 1 more."""
    share = -(-commit_size // max(1, workers))
    return max(1, min(commit_size, max(batch_size, share)))


def _rows(coded: list[CodedStory]) -> StoryRows:
    """A task's rows, mention ids hashed: run in the coder's worker process (`recode`)."""
    return prepare_rows(coded, mention_ids=True)


def _rows_with_languages(coded: list[CodedStory]) -> StoryRows:
    """A task's rows, mention ids hashed, with each story's language: run in the coder's worker
    process (`ingest`)."""
    return prepare_rows(coded, {c.story.id: _language(c.story) for c in coded}, mention_ids=True)


def _new_only(items: Iterable[Story | Reject], store: Store, summary: IngestSummary) -> Iterator[Story | Reject]:
    """Rejects, and the stories the store does not hold yet (see the module docstring)."""
    seen_ids: set[str] = set()
    seen_texts: set[tuple[str, str | None]] = set()
    it = iter(items)
    while chunk := list(islice(it, _PROBE)):
        stories = [i for i in chunk if isinstance(i, Story)]
        stored_ids, stored_texts = store.known(stories)
        for item in chunk:
            summary.read += 1
            if isinstance(item, Reject):
                yield item
                continue
            digest = text_hash(item.text)
            outlet = _outlet(item)
            if item.id in seen_ids or stored_ids.get(item.id) == digest:
                summary.unchanged += 1
                continue
            if item.id not in stored_ids and ((digest, outlet) in stored_texts or (digest, outlet) in seen_texts):
                summary.duplicates += 1
                continue
            if item.id in stored_ids:
                summary.updated += 1
            else:
                summary.stored += 1
            seen_ids.add(item.id)
            seen_texts.add((digest, outlet))
            yield item


def _is_skip(reason: str) -> bool:
    """True for reader skips (a duplicate within the run, another language), which are not errors."""
    try:
        from eventwire.ingest import is_skip
    except ImportError:  # a reader without skips
        return False
    return bool(is_skip(reason))


def _language(story: Story) -> str | None:
    """The story's language: its own field if the reader set one, else langid's guess (None if too short)."""
    own = getattr(story, "language", None)
    if own:
        return str(own)
    try:
        from eventwire.ingest.language import identify
    except ImportError:
        return None
    found = identify(story.text)
    return found[0] if found is not None else None


def _outlet(story: Story) -> str | None:
    from eventwire.dedup import outlet_of

    return outlet_of(story.source, story.url)


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
    """Re-code stored articles (after a dictionary or coder update), replacing each one's mentions."""
    options = options or CodingOptions()
    version = dictionary_version(dictionaries_path, extend_dictionaries)
    summary = RecodeSummary()
    before = store.counts()
    summary.mentions_before, summary.events_before = before["mentions"], before["events"]
    ids = store.articles_to_recode(CODER_VERSION, version, everything=everything)
    summary.selected = len(ids)

    def stored_stories() -> Iterator[Story]:
        for start in range(0, len(ids), _PROBE):
            yield from store.stories(ids[start : start + _PROBE])

    results = code_and_finish_in_pool(
        stored_stories(),
        _rows,
        workers=workers,
        dictionaries_path=dictionaries_path,
        options=options,
        chunk_size=batch_size,
        task_size=_task_size(batch_size, commit_size, workers),
        extend_dictionaries=extend_dictionaries,
        coder_factory=coder_factory,
    )

    def write(rows: StoryRows, rejects: list[Reject]) -> None:
        store.write(rows, rejects, coder_version=CODER_VERSION, dictionary_version=version)
        summary.recoded += rows.num_stories
        store.checkpoint()

    _write_in_batches(results, commit_size, summary, write)
    after = store.counts()
    summary.mentions_after, summary.events_after = after["mentions"], after["events"]
    return summary


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")
