"""`code` and `ingest` on a Dask cluster, shard by shard (docs/scale.md).

The driver (this process) plans the shards (`ingest.shards`), and each worker reads its shard
from the path, codes it and hands the results to a `finish` of this module, run there:

* `code` to stdout: the coded stories come back (`engines.dask_worker.shard_results`) and are
  printed in input order, as the local engine prints them;
* `code --output DIR` and `ingest`: the worker writes the shard's rows as Parquet
  (`_ParquetShard`, `store.shards`) and returns a small manifest line. The driver appends it
  to ``DIR/manifest.jsonl``; a re-run under the same coder version skips the shards listed there.

`ingest` then loads the finished shards into the store in input order, a batch of whole shards
per transaction, each shard recorded as loaded in the same transaction (`Store.write(...,
shards=...)`), so a crash neither loses nor doubles one. Only the driver opens the store.
A repeat of a story from an earlier shard is skipped here, as the local reader skips it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from eventwire.app.options import STDIN, CoderSpec, ReadOptions
from eventwire.app.pipeline import IngestSummary, _rows_with_languages, _Seen, fresh_in_chunk
from eventwire.engines.dask import DaskEngine, ShardOutcome
from eventwire.engines.dask_worker import shard_results
from eventwire.ingest import is_skip
from eventwire.ingest.duplicates import duplicate_of
from eventwire.ingest.fetch import is_url
from eventwire.ingest.shards import Shard, plan_shards
from eventwire.records import CodedStory, Reject, Story
from eventwire.store.db import Store
from eventwire.store.rows import StoryRows, story_from_row
from eventwire.store.shards import (
    ShardFiles,
    finished_shards,
    read_shard_rows,
    record_finished,
    write_shard_rows,
)

__all__ = [
    "ClusterCodeSummary",
    "code_on_cluster",
    "code_to_parquet",
    "default_shards_dir",
    "ingest_on_cluster",
    "shardable",
]

SHARD_FAILED = "shard-failed"


def shardable(read: ReadOptions) -> bool:
    """True when every source is a file or folder, which cluster workers can read by path."""
    return not any(s == STDIN or is_url(s) for s in read.sources)


def default_shards_dir(db: str) -> str:
    """Where `ingest --engine dask` keeps its shards' Parquet by default: beside the store."""
    return os.path.splitext(db)[0] + ".shards"


def _read_settings(read: ReadOptions) -> dict[str, Any]:
    return {
        "date": read.date,
        "max_story_chars": read.max_story_chars,
        "fmt": read.input_format,
        "max_bytes": read.max_bytes,
        "fetch_links": read.fetch_links,
        "language_check": read.language_check,
    }


#: a local cluster's input is cut into at least this many shards per worker (`plan_shards`'s
#: min_shards): input smaller than a shard would keep one worker busy and the others idle, and two
#: shards each let a worker that finishes early take over the other's last one
SHARDS_PER_WORKER = 2


def _plan(read: ReadOptions, engine: DaskEngine) -> list[Shard]:
    # A running cluster's size is not known here: its shards are --shard-size stories.
    min_shards = SHARDS_PER_WORKER * engine.workers if engine.scheduler is None else 1
    return plan_shards(
        read.sources, fmt=read.input_format, stories_per_shard=engine.shard_size, min_shards=min_shards
    )


def _in_order(
    shards: list[Shard], outcomes: Iterator[ShardOutcome], ready: frozenset[str] = frozenset()
) -> Iterator[Shard | ShardOutcome]:
    """`outcomes` (any order) in `shards`' order; a shard in `ready` (done before) comes as itself."""
    waiting: dict[str, ShardOutcome] = {}
    at = 0

    def due() -> Iterator[Shard | ShardOutcome]:
        nonlocal at
        while at < len(shards) and (shards[at].id in ready or shards[at].id in waiting):
            shard = shards[at]
            yield waiting.pop(shard.id) if shard.id in waiting else shard
            at += 1

    yield from due()
    for outcome in outcomes:
        waiting[outcome.shard.id] = outcome
        yield from due()
    yield from due()


def _failed(shard: Shard, error: str) -> Reject:
    return Reject(origin=shard.name, reason=SHARD_FAILED, message=f"{shard.name}: the shard failed after its retries: {error}")


# --- code to stdout -----------------------------------------------------------------------------------


def code_on_cluster(read: ReadOptions, spec: CoderSpec, engine: DaskEngine) -> Iterator[CodedStory | Reject]:
    """What `app.code` yields, coded shard by shard on the cluster: in input order; a shard that
    fails after its retries is one Reject (reason ``shard-failed``) naming it."""
    shards = _plan(read, engine)
    outcomes = engine.run_shards(shards, spec, _read_settings(read), shard_results)
    seen: dict[bytes, str] = {}
    try:
        for outcome in _in_order(shards, outcomes):
            assert isinstance(outcome, ShardOutcome)
            if outcome.error is not None:
                yield _failed(outcome.shard, outcome.error)
                continue
            for item in outcome.value:
                if isinstance(item, CodedStory):
                    duplicate = duplicate_of(item.story, seen)  # a repeat of a story of an earlier shard
                    yield duplicate if duplicate is not None else item
                else:
                    yield item
    finally:
        outcomes.close()


# --- code to Parquet ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ParquetShard:
    """The worker's `finish` for `code --output` and `ingest`: the shard's rows written under `out`;
    returns its manifest line (with the counts the driver's summary needs)."""

    out: str
    coder: str

    def __call__(self, shard: Shard, results: list[CodedStory | Reject]) -> dict[str, Any]:
        coded = [r for r in results if isinstance(r, CodedStory)]
        rejects = [r for r in results if isinstance(r, Reject)]
        rows = _rows_with_languages(coded)
        mentions = write_shard_rows(ShardFiles(self.out, self.coder, shard.id), rows, rejects)
        skipped: dict[str, int] = {}
        for r in rejects:
            if is_skip(r.reason):
                skipped[r.reason] = skipped.get(r.reason, 0) + 1
        return {
            "shard": shard.id,
            "name": shard.name,
            "coder": self.coder,
            "stories": len(coded),
            "mentions": mentions,
            "events": sum(len(c.events) for c in coded),
            "rejected": len(rejects) - sum(skipped.values()),
            "skipped": skipped,
            "discarded": sum(c.discarded is not None for c in coded),
            "undated": sum(c.story.date is None for c in coded),
        }


@dataclass
class ClusterCodeSummary:
    """What `code --output DIR` on a cluster did; counts cover the shards coded in this run."""

    out: str
    shards: int = 0
    shards_coded: int = 0
    shards_done_before: int = 0
    coded: int = 0
    events: int = 0
    mentions: int = 0
    rejected: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failed_shards: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        skipped = sum(self.skipped.values())
        line = (
            f"{self.shards:,} shards: {self.shards_coded:,} coded, {self.shards_done_before:,} done before, "
            f"{len(self.failed_shards):,} failed; {self.coded:,} stories coded, {self.mentions:,} mentions, "
            f"{self.rejected:,} rejected, {skipped:,} skipped; Parquet in {self.out}"
        )
        return line + "".join(f"\n  shard failed: {name}: {error}" for name, error in self.failed_shards)


def code_to_parquet(
    read: ReadOptions,
    spec: CoderSpec,
    engine: DaskEngine,
    out: str,
    progress: Callable[[ClusterCodeSummary], None] | None = None,
) -> ClusterCodeSummary:
    """Code `read`'s shards on the cluster into ``out/<table>/coder=<version>/shard=<id>.parquet``;
    shards already finished under this coder version (``out/manifest.jsonl``) are skipped."""
    coder = spec.version
    shards = _plan(read, engine)
    done = finished_shards(out, coder)
    summary = ClusterCodeSummary(out, shards=len(shards))
    todo = [s for s in shards if s.id not in done]
    summary.shards_done_before = len(shards) - len(todo)
    for outcome in engine.run_shards(todo, spec, _read_settings(read), _ParquetShard(out, coder)):
        if outcome.error is not None:
            summary.failed_shards.append((outcome.shard.name, outcome.error))
            continue
        entry = outcome.value
        record_finished(out, [entry])
        summary.shards_coded += 1
        summary.coded += entry["stories"]
        summary.events += entry["events"]
        summary.mentions += entry["mentions"]
        summary.rejected += entry["rejected"]
        for reason, n in entry["skipped"].items():
            summary.skipped[reason] = summary.skipped.get(reason, 0) + n
        if progress is not None:
            progress(summary)
    return summary


# --- ingest -------------------------------------------------------------------------------------------


def ingest_on_cluster(
    store: Store,
    read: ReadOptions,
    spec: CoderSpec,
    engine: DaskEngine,
    commit_size: int,
    out: str,
    progress: Callable[[IngestSummary], None] | None = None,
    *,
    on_client: Callable[[Any], None] | None = None,
) -> IngestSummary:
    """Code `read`'s shards on the cluster into Parquet under `out` and load them into `store` in
    input order, `commit_size` stories (whole shards) per transaction (see the module docstring).
    Shards loaded before under this coder version are skipped; shards coded before but not loaded
    are loaded from their Parquet without coding them again."""
    coder, dictionaries = spec.version, spec.dictionary_version
    shards = _plan(read, engine)
    summary = IngestSummary(shards=len(shards))
    loaded = store.loaded_shards(coder)
    coded_before = finished_shards(out, coder)
    todo = [s for s in shards if s.id not in loaded and s.id not in coded_before]
    summary.shards_done_before = len(shards) - len(todo)
    seen_dups: dict[bytes, str] = {}
    seen = _Seen()
    batch = _Batch()

    def write() -> None:
        if not batch.ids:
            return
        summary.mentions += store.write(
            StoryRows.concat(batch.parts), batch.rejects, coder_version=coder, dictionary_version=dictionaries,
            shards=batch.ids,
        )
        store.checkpoint()
        batch.clear()
        if progress is not None:
            progress(summary)

    def load(shard: Shard) -> None:
        rows, rejects = read_shard_rows(ShardFiles(out, coder, shard.id))
        rows, rejects = _fresh_rows(rows, rejects, store, summary, seen_dups, seen)
        batch.add(shard.id, rows, rejects)
        if batch.held >= commit_size:
            write()

    outcomes = engine.run_shards(todo, spec, _read_settings(read), _ParquetShard(out, coder), on_client=on_client)
    try:
        for item in _in_order(shards, outcomes, ready=frozenset(loaded) | frozenset(coded_before)):
            if isinstance(item, Shard):  # done in an earlier run: loaded then, or to load now
                if item.id not in loaded:
                    load(item)
                continue
            if item.error is not None:
                summary.failed_shards.append((item.shard.name, item.error))
                continue
            record_finished(out, [item.value])
            summary.shards_coded += 1
            load(item.shard)
        write()
    finally:
        outcomes.close()
    counts = store.counts()
    summary.articles, summary.events = counts["articles"], counts["events"]
    return summary


@dataclass
class _Batch:
    """Whole shards waiting for their transaction."""

    ids: list[str] = field(default_factory=list)
    parts: list[StoryRows] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    held: int = 0

    def add(self, shard_id: str, rows: StoryRows, rejects: list[Reject]) -> None:
        self.ids.append(shard_id)
        self.parts.append(rows)
        self.rejects += rejects
        self.held += rows.num_stories + len(rejects)

    def clear(self) -> None:
        self.ids, self.parts, self.rejects, self.held = [], [], [], 0


_STORY_COLUMNS = ["id", "url", "outlet", "title", "published", "text", "origin"]


def _fresh_rows(
    rows: StoryRows,
    rejects: list[Reject],
    store: Store,
    summary: IngestSummary,
    seen_dups: dict[bytes, str],
    seen: _Seen,
) -> tuple[StoryRows, list[Reject]]:
    """A shard's rows without the stories a local ingest would not have stored (a repeat of an earlier
    shard's story, a story the store holds), and its rejects but the skips; counted in `summary`."""
    stories = [story_from_row(r) for r in rows.articles.select(_STORY_COLUMNS).to_pylist()]
    items: list[Story | Reject] = [duplicate_of(s, seen_dups) or s for s in stories]
    kept_ids: list[str] = []
    kept_rejects: list[Reject] = []
    for item in fresh_in_chunk([*items, *rejects], store, summary, seen):
        if isinstance(item, Story):
            kept_ids.append(item.id)
        elif is_skip(item.reason):
            summary.skipped += 1
        else:
            summary.add_reject(item)
            kept_rejects.append(item)
    if len(kept_ids) < rows.num_stories:
        rows = _only(rows, kept_ids)
    return rows, kept_rejects


def _only(rows: StoryRows, ids: list[str]) -> StoryRows:
    keep = pa.array(ids, pa.string())

    def filtered(table: pa.Table, column: str) -> pa.Table:
        return table.filter(pc.is_in(table.column(column), value_set=keep))

    return StoryRows(
        articles=filtered(rows.articles, "id"),
        sentences=filtered(rows.sentences, "doc_id"),
        mentions=filtered(rows.mentions, "doc_id"),
        quotes=filtered(rows.quotes, "doc_id"),
    )

