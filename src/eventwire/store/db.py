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
import os
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.dedup import DedupConfig, Event, MentionKey, block_key, cluster_block, period_start
from eventwire.records import CodedStory, EventMention, Reject, Story
from eventwire.store.errors import StoreError, StoreSchemaError, store_error
from eventwire.store.rows import (
    PLACE_COLUMNS,
    batch_tables,
    mention_from_row,
    rejects_table,
    story_from_row,
    text_hash,
)
from eventwire.store.schema import TABLES, ensure_schema

__all__ = ["DEFAULT_DB", "Store", "arrow_table", "utcnow"]

DEFAULT_DB = "eventwire.duckdb"
CHECKPOINT_THRESHOLD = "1GB"

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("block", pa.string()),
        ("first_mention_id", pa.string()),
        ("date", pa.string()),
        ("day", pa.date32()),
        ("source_code", pa.string()),
        ("target_code", pa.string()),
        ("code", pa.string()),
        ("root", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        *PLACE_COLUMNS,
        ("num_mentions", pa.int32()),
        ("num_sources", pa.int32()),
        ("num_articles", pa.int32()),
        ("first_seen", pa.date32()),
        ("last_seen", pa.date32()),
        ("date_added", pa.timestamp("us")),
        ("is_root_event", pa.bool_()),
    ]
)

#: mention joined with its sentence text: what `mention_from_row` needs
MENTION_SELECT = (
    "SELECT m.*, s.text AS sentence FROM mentions m "
    "LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index"
)


def arrow_table(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
    """A query's result as an Arrow table (DuckDB 1.x `.arrow()`, 2.x `.to_arrow_table()`)."""
    relation = con.sql(sql, params=list(params) if params else None)
    if relation is None:
        return pa.table({})
    to_table = getattr(relation, "to_arrow_table", None)
    return to_table() if to_table is not None else relation.arrow()


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
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as e:
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
            raise store_error(e, self.path) from None

    # --- lifecycle --------------------------------------------------------------------------------

    def close(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self.con.close()

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
        coded: Sequence[CodedStory],
        rejects: Sequence[Reject] = (),
        *,
        coder_version: str | None = None,
        dictionary_version: str | None = None,
        languages: Mapping[str, str | None] | None = None,
    ) -> None:
        """Store a batch in one transaction; a story already stored (same id) is replaced, mentions and all.

        `languages` maps a story id to its language code (ISO 639-1), when known."""
        latest: dict[str, CodedStory] = {}
        for item in coded:
            latest[item.story.id] = item
        coded = list(latest.values())
        now = utcnow()
        with self.transaction() as con:
            changes: dict[str, dt.date | None] = {}
            if coded:
                self._register("_batch_ids", pa.table({"id": [c.story.id for c in coded]}))
                previous = con.execute(
                    "SELECT id, ingested_at, language FROM articles WHERE id IN (SELECT id FROM _batch_ids)"
                ).fetchall()
                ingested = {r[0]: r[1] for r in previous}
                # a re-coded article keeps its first ingest time and its language unless told otherwise
                langs = {r[0]: r[2] for r in previous}
                langs.update({k: v for k, v in (languages or {}).items() if v})
                if ingested:
                    removed = con.execute(
                        "SELECT block, min(day), bool_or(day IS NULL) FROM mentions "
                        "WHERE doc_id IN (SELECT id FROM _batch_ids) GROUP BY block"
                    ).fetchall()
                    for block, first_day, undated in removed:
                        _merge_change(changes, block, None if undated else first_day)
                    for table, column in (
                        ("mentions", "doc_id"),
                        ("sentences", "doc_id"),
                        ("quotes", "doc_id"),
                        ("articles", "id"),
                    ):
                        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM _batch_ids)")
                batch = batch_tables(
                    coded,
                    now=now,
                    ingested_at=ingested,
                    coder_version=coder_version,
                    dictionary_version=dictionary_version,
                    config=self.dedup_config,
                    languages=langs,
                )
                self._insert("articles", batch.articles)
                self._insert("sentences", batch.sentences)
                self._insert("mentions", batch.mentions)
                self._insert("quotes", batch.quotes)
                for block, first_day in batch.changes.items():
                    _merge_change(changes, block, first_day)
                self._refresh_events(changes)
            if rejects:
                self._register("_batch_rejects", rejects_table(rejects, now))
                con.execute("INSERT OR REPLACE INTO rejects BY NAME SELECT * FROM _batch_rejects")

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
            rows = con.execute(
                "SELECT mention_id, source_code, target_code, code, modality FROM mentions"
            ).fetchall()
            table = pa.table(
                {
                    "mention_id": [r[0] for r in rows],
                    "block": [block_key(r[1] or "", r[2] or "", r[3], r[4], config) for r in rows],
                }
            )
            self._register("_new_blocks", table)
            con.execute(
                "UPDATE mentions SET block = n.block FROM _new_blocks n WHERE mentions.mention_id = n.mention_id"
            )
            self.dedup_config = config
            self._set_meta("dedup", config.to_json())
            self._refresh_events(None)

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

    def _refresh_events(self, changes: Mapping[str, dt.date | None] | None) -> None:
        """Bring the events of the changed blocks up to date; inside the caller's transaction.

        `changes` maps a block to the earliest date among its added or removed mentions (None: an
        undated one, so the whole block is re-clustered); `changes=None` re-clusters every block.
        A block's events whose window closed before that date cannot change (dedup clusters in date
        order), so only the rest is rebuilt: events still open then are resumed from their earlier
        members (`dedup.cluster_block` seeds), later ones are re-clustered. The result equals
        clustering all the block's mentions from scratch."""
        window = self.dedup_config.window_days
        if changes is None:
            rows = self.con.execute(f"{_KEY_SELECT}").fetchall()
            by_block: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
            for r in rows:
                by_block[r[_BLOCK]].append(r)
            full, partial = set(by_block), {}
            self.con.execute("DELETE FROM events")
        else:
            if not changes:
                return
            self._register(
                "_touched",
                pa.table(
                    {"block": list(changes), "d0": list(changes.values())},
                    schema=pa.schema([("block", pa.string()), ("d0", pa.date32())]),
                ),
            )
            singles = self._single_mention_blocks(changes, window)
            if singles:
                # A block whose only mention in reach is one new, dated mention: that mention is an event
                # of its own. The common case by far; done in SQL (the same fields `dedup._event` gives).
                self._register("_single", pa.table({"block": singles}))
                self.con.execute(_SINGLE_EVENTS_SQL, [self.dedup_config.root_sentences])
                self.con.execute(
                    "UPDATE mentions SET event_id = left(sha1('event' || chr(31) || mention_id), 16) "
                    "WHERE block IN (SELECT block FROM _single) AND event_id IS NULL"
                )
                changes = dict(changes)
                single_set = set(singles)
                rest = {b: d0 for b, d0 in changes.items() if b not in single_set}
                self._register(
                    "_touched",
                    pa.table(
                        {"block": list(rest), "d0": list(rest.values())},
                        schema=pa.schema([("block", pa.string()), ("d0", pa.date32())]),
                    ),
                )
            else:
                single_set = set()
            rows = self.con.execute(
                f"{_KEY_SELECT} JOIN _touched t ON t.block = m.block "
                "WHERE t.d0 IS NULL OR m.day IS NULL OR m.day >= t.d0 - CAST(? AS INTEGER)",
                [window],
            ).fetchall()
            by_block = defaultdict(list)
            full = {b for b, d0 in changes.items() if d0 is None}
            for r in rows:
                by_block[r[_BLOCK]].append(r)
                if r[_DAY] is None:
                    full.add(r[_BLOCK])
            refetch = sorted(b for b in full if changes[b] is not None)
            if refetch:  # undated mentions join any event of their story: re-cluster the whole block
                self._register("_whole", pa.table({"block": refetch}))
                for b in refetch:
                    by_block[b] = []
                for r in self.con.execute(f"{_KEY_SELECT} WHERE m.block IN (SELECT block FROM _whole)").fetchall():
                    by_block[r[_BLOCK]].append(r)
            partial = {b: d0 for b, d0 in changes.items() if b not in full and b not in single_set}
            if full:
                self._register("_full", pa.table({"block": sorted(full)}))
                self.con.execute("DELETE FROM events WHERE block IN (SELECT block FROM _full)")
            if partial:
                self._register(
                    "_partial",
                    pa.table(
                        {"block": list(partial), "d0": list(partial.values())},
                        schema=pa.schema([("block", pa.string()), ("d0", pa.date32())]),
                    ),
                )
                self.con.execute(
                    "DELETE FROM events USING _partial p WHERE events.block = p.block "
                    "AND events.day >= p.d0 - CAST(? AS INTEGER)",
                    [window],
                )
        events: list[Event] = []
        info: dict[str, tuple[Any, ...]] = {}
        for block, block_rows in by_block.items():
            for r in block_rows:
                info[r[0]] = r
            if block in full:
                events.extend(cluster_block(block, [_key(r) for r in block_rows], self.dedup_config))
                continue
            d0 = partial[block].toordinal()  # type: ignore[union-attr]
            fresh: list[MentionKey] = []
            seeds: dict[str, list[MentionKey]] = defaultdict(list)
            for r in block_rows:
                if r[_DAY].toordinal() >= d0 or r[_EVENT_ID] is None:
                    fresh.append(_key(r))
                elif r[_EVENT_DAY] is not None and r[_EVENT_DAY].toordinal() >= d0 - window:
                    seeds[r[_EVENT_ID]].append(_key(r))
                # else: a member of an event closed before d0, which stays as it is
            events.extend(cluster_block(block, fresh, self.dedup_config, seeds.values()))
        self._insert("events", _event_table(events, info))
        self._register(
            "_assign",
            pa.table(
                {
                    "mention_id": [mid for e in events for mid in e.mention_ids],
                    "event_id": [e.event_id for e in events for _ in e.mention_ids],
                }
            ),
        )
        self.con.execute(
            "UPDATE mentions SET event_id = x.event_id FROM _assign x WHERE mentions.mention_id = x.mention_id"
        )

    def _single_mention_blocks(self, changes: Mapping[str, dt.date | None], window: int) -> list[str]:
        """Touched blocks whose only mention within reach (dated from d0 - window on, or undated) is one
        new dated mention; their old events in reach are deleted here."""
        rows = self.con.execute(
            "SELECT t.block FROM _touched t JOIN mentions m ON m.block = t.block "
            "AND (m.day IS NULL OR m.day >= t.d0 - CAST(? AS INTEGER)) "
            "WHERE t.d0 IS NOT NULL GROUP BY t.block "
            "HAVING count(*) = 1 AND count(*) FILTER (WHERE m.event_id IS NULL AND m.day IS NOT NULL) = 1",
            [window],
        ).fetchall()
        singles = sorted(r[0] for r in rows)
        if singles:
            self._register("_single_d0", pa.table({"block": singles}))
            self.con.execute(
                "DELETE FROM events USING _touched t WHERE events.block = t.block "
                "AND t.block IN (SELECT block FROM _single_d0) AND events.day >= t.d0 - CAST(? AS INTEGER)",
                [window],
            )
        return singles

    # --- reading ------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._guard():
            return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in TABLES if t != "meta"}

    def known(self, stories: Sequence[Story]) -> tuple[dict[str, str], set[tuple[str, str | None]]]:
        """For idempotent ingest: {id: text_hash} of these ids already stored, and stored (text_hash, outlet) pairs
        among these texts."""
        if not stories:
            return {}, set()
        with self._guard():
            self._register("_probe", pa.table({"id": [s.id for s in stories], "h": [text_hash(s.text) for s in stories]}))
            ids = dict(self.con.execute("SELECT id, text_hash FROM articles WHERE id IN (SELECT id FROM _probe)").fetchall())
            texts = {
                (r[0], r[1])
                for r in self.con.execute(
                    "SELECT text_hash, outlet FROM articles WHERE text_hash IN (SELECT h FROM _probe)"
                ).fetchall()
            }
        return ids, texts

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


# The event of a block's single new mention: what `dedup._event` computes for a one-mention cluster.
_SINGLE_EVENTS_SQL = """
INSERT INTO events BY NAME
SELECT left(sha1('event' || chr(31) || m.mention_id), 16) AS event_id,
       m.block, m.mention_id AS first_mention_id, m.date, m.day,
       m.source_code, m.target_code, m.code, left(m.code, 2) AS root, m.quad_class, m.goldstein,
       CASE WHEN m.place_name <> '' THEN coalesce(m.place_canonical, m.place_name) END AS place_name,
       CASE WHEN m.place_name <> '' THEN m.place_country END AS place_country,
       CASE WHEN m.place_name <> '' THEN m.place_lat END AS place_lat,
       CASE WHEN m.place_name <> '' THEN m.place_lon END AS place_lon,
       CASE WHEN m.place_name <> '' THEN m.place_country_fips END AS place_country_fips,
       CASE WHEN m.place_name <> '' THEN m.place_adm1 END AS place_adm1,
       CASE WHEN m.place_name <> '' THEN m.place_geonames_id END AS place_geonames_id,
       CASE WHEN m.place_name <> '' THEN m.place_feature_type END AS place_feature_type,
       1 AS num_mentions, 1 AS num_sources, 1 AS num_articles,
       coalesce(a.published, m.day) AS first_seen, coalesce(a.published, m.day) AS last_seen,
       a.ingested_at AS date_added, m.sentence_index < ? AS is_root_event
FROM mentions m JOIN articles a ON a.id = m.doc_id
WHERE m.block IN (SELECT block FROM _single) AND m.event_id IS NULL
"""

# What the refresh reads of a mention: the MentionKey fields, the event fields taken from the first
# mention, and the mention's block, day and current event (with that event's first day).
# A place is compared (and an event's place named) by the gazetteer's name when there is one.
_KEY_SELECT = (
    "SELECT m.mention_id, m.doc_id, m.sentence_index, m.source_code, m.target_code, m.code, "
    "m.modality, m.date, coalesce(m.place_canonical, m.place_name), m.place_country, m.place_lat, "
    "m.place_lon, m.quad_class, m.goldstein, a.outlet, CAST(a.published AS VARCHAR), a.ingested_at, "
    "m.block, m.day, m.event_id, e.day, m.place_country_fips, m.place_adm1, m.place_geonames_id, "
    "m.place_feature_type "
    "FROM mentions m JOIN articles a ON a.id = m.doc_id LEFT JOIN events e ON e.event_id = m.event_id"
)
_BLOCK, _DAY, _EVENT_ID, _EVENT_DAY = 17, 18, 19, 20


def _key(r: tuple[Any, ...]) -> MentionKey:
    return MentionKey(
        mention_id=r[0],
        doc_id=r[1],
        sentence_index=r[2],
        source_code=r[3] or "",
        target_code=r[4] or "",
        code=r[5],
        modality=r[6],
        date=r[7],
        place_name=r[8],
        place_country=r[9],
        outlet=r[14],
        published=r[15],
    )


_MISSING = object()


def _merge_change(changes: dict[str, dt.date | None], block: str, first_day: dt.date | None) -> None:
    """Keep the earliest changed day of a block; None (an undated mention) wins: re-cluster it whole."""
    current = changes.get(block, _MISSING)
    if current is _MISSING:
        changes[block] = first_day
    elif current is None or first_day is None:
        changes[block] = None
    else:
        changes[block] = min(current, first_day)  # type: ignore[type-var]


def _event_table(events: Sequence[Event], info: Mapping[str, tuple[Any, ...]]) -> pa.Table:
    rows: list[tuple[Any, ...]] = []
    for e in events:
        first = info[e.first_mention_id]
        where: tuple[Any, ...] = (None,) * 6
        if e.place_name is not None:
            for mid in e.mention_ids:
                r = info[mid]
                if r[8] == e.place_name and r[9] == e.place_country:
                    where = (r[10], r[11], r[21], r[22], r[23], r[24])
                    break
        rows.append(
            (
                e.event_id,
                e.block,
                e.first_mention_id,
                e.date,
                period_start(e.date),
                first[3],
                first[4],
                first[5],
                first[5][:2],
                first[12],
                first[13],
                e.place_name,
                e.place_country,
                *where,
                e.num_mentions,
                e.num_sources,
                e.num_articles,
                period_start(e.first_seen),
                period_start(e.last_seen),
                min(info[mid][16] for mid in e.mention_ids),
                e.is_root_event,
            )
        )
    if not rows:
        return EVENT_SCHEMA.empty_table()
    columns = list(zip(*rows))
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, EVENT_SCHEMA)], schema=EVENT_SCHEMA)
