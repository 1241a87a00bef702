"""`Store`: the DuckDB event store, the only writer of state.

    with Store("eventwire.duckdb") as store:
        store.write(coded_stories, rejects)       # one transaction: articles, mentions, events
        store.counts()

Every write is one transaction: the batch's articles, sentences, mentions and
rejects, and the events of every dedup block the batch touches, re-clustered
from all the block's mentions (eventwire.dedup). A crash, a full disk or any
error rolls the batch back, so the store always holds whole batches and its
events always match its mentions. Errors come out as `StoreError`s.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.dedup import DedupConfig
from eventwire.ingest.duplicates import duplicate_keys
from eventwire.records import CodedStory, EventMention, Reject, Story
from eventwire.store.errors import StoreError, StoreSchemaError, store_error
from eventwire.store.refresh import add_mentions, regroup_all, removed_blocks
from eventwire.store.rows import (
    StoryRows,
    arrow_table,
    batch_tables,
    block_keys,
    mention_from_row,
    prepare_rows,
    rejects_table,
    story_from_row,
)
from eventwire.store.schema import TABLES, ensure_schema

__all__ = ["DEFAULT_DB", "Store", "arrow_table", "utcnow"]

DEFAULT_DB = "eventwire.duckdb"
CHECKPOINT_THRESHOLD = "1GB"

#: mention joined with its sentence text: what `mention_from_row` needs
MENTION_SELECT = (
    "SELECT m.*, s.text AS sentence FROM mentions m "
    "LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index"
)


def _empty_file(path: str) -> bool:
    try:
        return os.path.isfile(path) and os.path.getsize(path) == 0 and not os.path.exists(path + ".wal")
    except OSError:
        return False


def _remove_new_store(path: str) -> None:
    """Remove the files of a store this process was creating when it failed."""
    for name in (path, path + ".wal"):
        with contextlib.suppress(OSError):
            os.remove(name)


def utcnow() -> dt.datetime:
    """Now, in UTC, without tzinfo (how the store's TIMESTAMP columns hold time)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store:
    """An open event store. `read_only=True` for queries and exports (the file must exist)."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = os.fspath(path)
        self.read_only = read_only
        if os.path.isdir(self.path):
            raise StoreError("is a folder; pass the store's file path (e.g. events.duckdb)", where=self.path)
        if read_only and not os.path.exists(self.path):
            raise StoreError(
                "no such store; create it with `eventwire ingest SOURCES --db PATH` first", where=self.path
            )
        if _empty_file(self.path):
            # What a failed creation (a full disk) leaves: nothing was ever committed to it.
            if read_only:
                raise StoreError(
                    "is empty (0 bytes): no store yet; create it with `eventwire ingest SOURCES --db PATH`",
                    where=self.path,
                )
            os.remove(self.path)
        creating = not read_only and not os.path.exists(self.path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as e:
            if creating:
                _remove_new_store(self.path)
            raise store_error(e, self.path) from None
        try:
            if not read_only:
                # DuckDB folds its write-ahead log into the file at a checkpoint; the default (every 16 MB
                # of log) checkpoints after nearly every batch and made ingest 2-3x slower. Every commit is
                # durable in the log either way; the file is checkpointed when the store is closed.
                self.con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
            ensure_schema(self.con, read_only=read_only)
            self.dedup_config = self._load_dedup_config()
        except StoreSchemaError as e:
            self.con.close()
            raise StoreSchemaError(e.message, where=self.path) from None
        except duckdb.Error as e:
            self.con.close()
            if creating:  # leave nothing behind, so that rerunning the same command starts afresh
                _remove_new_store(self.path)
            raise store_error(e, self.path) from None

    # --- lifecycle --------------------------------------------------------------------------------

    def close(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self.con.close()

    def cursor(self) -> Store:
        """This store over a new DuckDB cursor (its own connection to the same open database): for
        another thread, since a connection serves one thread at a time. Closing it closes the cursor
        only. A server's request threads read through cursors while its one writer ingests."""
        view = Store.__new__(Store)
        view.path, view.read_only, view.dedup_config = self.path, self.read_only, self.dedup_config
        with self._guard():
            view.con = self.con.cursor()
        return view

    def checkpoint(self) -> None:
        """Fold the write-ahead log (PATH.wal) into the store file, so the .duckdb alone holds every
        committed batch (a copy of it is a whole store). `ingest` and `recode` call it after each commit."""
        with self._guard():
            self.con.execute("CHECKPOINT")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """BEGIN ... COMMIT; any error rolls back and comes out as a StoreError (others re-raised)."""
        try:
            self.con.begin()
        except duckdb.Error as e:
            raise store_error(e, self.path) from None
        try:
            yield self.con
            self.con.commit()
        except BaseException as e:
            with contextlib.suppress(duckdb.Error):
                self.con.rollback()
            if isinstance(e, duckdb.Error):
                raise store_error(e, self.path) from None
            raise

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as e:
            raise store_error(e, self.path) from None

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyConnection:
        """Run one SQL statement (errors as StoreError); for the query, stats and export modules."""
        with self._guard():
            return self.con.execute(sql, params or [])

    def arrow(self, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
        """The result of a query as an Arrow table."""
        with self._guard():
            return arrow_table(self.con, sql, params)

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """The rows of a query as dicts (through Arrow)."""
        return self.arrow(sql, params).to_pylist()

    # --- meta ---------------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        rows = self.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
        return str(rows[0][0]) if rows else None

    def _set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def _load_dedup_config(self) -> DedupConfig:
        stored = self.meta("dedup")
        if stored is not None:
            return DedupConfig.from_json(stored)
        config = DedupConfig()
        if not self.read_only:
            with self.transaction():
                self._set_meta("dedup", config.to_json())
        return config

    # --- writing ------------------------------------------------------------------------------------

    def write(
        self,
        coded: Sequence[CodedStory] | StoryRows,
        rejects: Sequence[Reject] = (),
        *,
        coder_version: str | None = None,
        dictionary_version: str | None = None,
        languages: Mapping[str, str | None] | None = None,
        shards: Sequence[str] = (),
    ) -> int:
        """Store a batch in one transaction; a story already stored (same id) is replaced, mentions and all.
        Returns how many mentions were written (a story's repeated mention counts once).

        `coded`: coded stories, or their rows already prepared (`rows.prepare_rows`, which `ingest`
        runs in the coder's worker processes). `languages` maps a story id to its language code
        (ISO 639-1), when known; prepared rows carry their own. `shards`: the cluster shards these rows
        come from, recorded as loaded under `coder_version` in the same transaction (`loaded_shards`),
        so that a crash neither loses nor doubles one."""
        if isinstance(coded, StoryRows):
            if languages:
                raise TypeError("prepared StoryRows carry their languages: pass them to prepare_rows")
            rows = coded
        else:
            rows = prepare_rows(coded, languages)
        now = utcnow()
        written = 0
        with _gc_paused(), self.transaction() as con:
            if rows.num_stories:
                self._register("_batch_ids", rows.articles.select(["id"]))
                previous = {
                    r[0]: (r[1], r[2])
                    for r in con.execute(
                        "SELECT id, ingested_at, language FROM articles WHERE id IN (SELECT id FROM _batch_ids)"
                    ).fetchall()
                }
                removed = None
                if previous:
                    removed = removed_blocks(con, "_batch_ids")
                    for table, column in (
                        ("mentions", "doc_id"),
                        ("sentences", "doc_id"),
                        ("quotes", "doc_id"),
                        ("articles", "id"),
                    ):
                        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM _batch_ids)")
                batch = batch_tables(
                    rows,
                    now=now,
                    previous=previous,
                    coder_version=coder_version,
                    dictionary_version=dictionary_version,
                    config=self.dedup_config,
                )
                self._insert("articles", batch.articles)
                self._insert("sentences", batch.sentences)
                self._insert("quotes", batch.quotes)
                add_mentions(con, self.dedup_config, batch, removed)
                written = batch.mentions.num_rows
            if rejects:
                self._register("_batch_rejects", rejects_table(rejects, now))
                con.execute("INSERT OR REPLACE INTO rejects BY NAME SELECT * FROM _batch_rejects")
            for shard in shards:
                self._set_meta(_shard_key(coder_version, shard), now.isoformat())
        return written

    def loaded_shards(self, coder_version: str | None) -> set[str]:
        """The ids of the cluster shards loaded under `coder_version` (`write(..., shards=...)`)."""
        prefix = _shard_key(coder_version, "")
        rows = self.execute("SELECT key FROM meta WHERE starts_with(key, ?)", [prefix]).fetchall()
        return {str(r[0])[len(prefix) :] for r in rows}

    def set_dedup_config(self, config: DedupConfig) -> None:
        """Re-cluster every mention under `config` (one transaction) and keep it for later batches."""
        previous = self.dedup_config
        try:
            self._regroup(config)
        except BaseException:
            self.dedup_config = previous  # the transaction rolled back: the store keeps the old settings
            raise

    def _regroup(self, config: DedupConfig) -> None:
        with self.transaction() as con:
            stored = arrow_table(con, "SELECT mention_id, source_code, target_code, code, modality FROM mentions")
            blocks = block_keys(*(stored.column(c) for c in stored.column_names[1:]), config)
            table = pa.table({"mention_id": stored.column("mention_id"), "block": blocks})
            self._register("_new_blocks", table)
            con.execute(
                "UPDATE mentions SET block = n.block FROM _new_blocks n WHERE mentions.mention_id = n.mention_id"
            )
            self.dedup_config = config
            self._set_meta("dedup", config.to_json())
            regroup_all(con, config)

    def _register(self, name: str, table: pa.Table) -> None:
        self.con.register(name, table)

    def _insert(self, table: str, rows: pa.Table) -> None:
        if rows.num_rows == 0:
            return
        name = f"_new_{table}"
        self.con.register(name, rows)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
        finally:
            self.con.unregister(name)

    # --- reading ------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._guard():
            return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in TABLES if t != "meta"}

    def known(self, stories: Sequence[Story]) -> tuple[dict[str, str], set[str]]:
        """For idempotent ingest: {id: text_hash} of these ids already stored, and the duplicate keys
        (`ingest.duplicates.duplicate_keys`: text and URL digests) of these stories that stored
        articles have. Both are index look-ups, not scans of the stored texts."""
        if not stories:
            return {}, set()
        keys = [duplicate_keys(s.text, s.url) for s in stories]
        text_keys = [k[0] for k in keys]
        url_keys = [k[1] for k in keys if k[1] is not None]
        with self._guard():
            ids = dict(self.con.execute("SELECT id, text_hash FROM articles WHERE id IN ?", [[s.id for s in stories]]).fetchall())
            found = {r[0] for r in self.con.execute("SELECT text_key FROM articles WHERE text_key IN ?", [text_keys]).fetchall()}
            if url_keys:
                found.update(
                    r[0] for r in self.con.execute("SELECT url_key FROM articles WHERE url_key IN ?", [url_keys]).fetchall()
                )
        return ids, found

    def articles_to_recode(
        self, coder_version: str | None, dictionary_version: str | None, *, everything: bool = False
    ) -> list[str]:
        """Ids of articles coded by another coder or dictionary version (all with `everything`), in id order."""
        if everything:
            rows = self.execute("SELECT id FROM articles ORDER BY id").fetchall()
        else:
            rows = self.execute(
                "SELECT id FROM articles WHERE coder_version IS DISTINCT FROM ? "
                "OR dictionary_version IS DISTINCT FROM ? ORDER BY id",
                [coder_version, dictionary_version],
            ).fetchall()
        return [r[0] for r in rows]

    def stories(self, ids: Sequence[str]) -> list[Story]:
        """The stored stories with these ids, in the order given."""
        if not ids:
            return []
        with self._guard():
            self._register("_want", pa.table({"id": list(ids)}))
            rows = arrow_table(
                self.con,
                "SELECT id, text, published, url, title, outlet, origin FROM articles WHERE id IN (SELECT id FROM _want)",
            ).to_pylist()
        by_id = {r["id"]: story_from_row(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def mentions(self, where: str = "", params: Sequence[Any] | None = None) -> list[EventMention]:
        """Stored mentions as EventMentions, e.g. ``store.mentions("WHERE m.doc_id = ?", [doc_id])``."""
        rows = self.rows(f"{MENTION_SELECT} {where} ORDER BY m.doc_id, m.sentence_index, m.mention_id", params)
        return [mention_from_row(r) for r in rows]

    def events(self, where: str = "", params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Event rows (dicts), e.g. ``store.events("WHERE e.root = ?", ["04"])``, by day then id."""
        return self.rows(f"SELECT e.* FROM events e {where} ORDER BY e.day, e.event_id", params)


def _shard_key(coder_version: str | None, shard: str) -> str:
    return f"shard\x1f{coder_version or ''}\x1f{shard}"


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector for one batch write. A batch builds hundreds of thousands of
    short-lived, acyclic row tuples; each collection they trigger walks the whole heap for nothing
    (measured: about a fifth of `Store.write` in bench/bench_store.py). Reference counting still frees
    them; the collector resumes, as it was, when the batch is written."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

