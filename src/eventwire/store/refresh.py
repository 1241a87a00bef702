"""The events table kept in step with the mentions: the dedup blocks a batch touches, re-clustered.

`Store.write` calls `add_mentions` inside its transaction, after deleting the rows of the stories the
batch replaces; `Store.set_dedup_config` calls `regroup_all`. Both leave the store as if every
stored mention had been clustered from scratch with `eventwire.dedup` (tests/store checks this batch
by batch), but `add_mentions` reads and rewrites only what the batch can change:

* A block (same actors, root and realis; see `dedup.block_key`) is touched by the batch when a new
  mention falls in it or a replaced story's mention is removed from it; d0 is the earliest day among
  those mentions. Events of the block whose window closed before d0 cannot change, because dedup
  clusters in date order, so only stored mentions dated from ``d0 - window_days`` on are read ("in
  reach").
* **settled in SQL**: no stored mention in reach, and the new mentions all dated, within the window
  of each other and at one known place at most. `dedup.cluster_block` makes them one event (each
  joins the first one's, the only candidate), so SQL writes it straight from the batch's Arrow
  tables without clustering. News brings mostly these: a block with one new mention is one.
* **full**: an undated mention (new, removed or stored) may join any event of its story, so its
  block is re-clustered whole.
* **partial**: the rest. Events still open at d0 are resumed from their earlier members (the seeds
  of `dedup.cluster_block`); later mentions are re-clustered.

New mentions are inserted with their event ids; a stored mention is updated only when its event
changed. Nothing here commits: the caller's transaction makes the batch all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from eventwire.dedup import DedupConfig, EventGroup, MentionKey, cluster_block, period_start
from eventwire.store.rows import MENTION_ID_SQL, PLACE_COLUMNS, Batch, arrow_table

__all__ = ["EVENT_SCHEMA", "add_mentions", "regroup_all", "removed_blocks"]

# The name a mention's place is compared (and an event's place named) by: the gazetteer's when it
# has one, as `dedup.MentionKey.of` takes it. {m}: the mentions table's alias.
_PLACE_KEY = "coalesce(nullif({m}.place_canonical, ''), {m}.place_name)"

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

def removed_blocks(con: duckdb.DuckDBPyConnection, doc_ids: str) -> pa.Table:
    """The blocks the stored mentions of the stories in table `doc_ids` (column ``id``) fall in, in
    the shape of `rows.Batch.blocks`: read them before those stories' rows are deleted."""
    return arrow_table(
        con,
        "SELECT block, CASE WHEN bool_or(day IS NULL) THEN NULL ELSE min(day) END AS d0 "
        f"FROM mentions WHERE doc_id IN (SELECT id FROM {doc_ids}) GROUP BY block",
    )


def add_mentions(
    con: duckdb.DuckDBPyConnection, config: DedupConfig, batch: Batch, removed: pa.Table | None = None
) -> None:
    """Insert the `batch`'s mentions (not yet stored) with their events, and bring up to date every
    block they fall in or `removed` (`removed_blocks`) mentions left. The new mentions' outlets,
    publication and ingest times come from the batch's articles.

    The touched blocks stay in Arrow and SQL; only the few that need re-clustering come to Python."""
    window = config.window_days
    con.register("_new_articles", batch.articles)
    touched = batch.blocks
    if removed is not None and removed.num_rows:
        con.register("_batch_blocks", batch.blocks)
        con.register("_removed_blocks", removed)
        touched = arrow_table(
            con,
            "SELECT block, CASE WHEN bool_or(d0 IS NULL) THEN NULL ELSE min(d0) END AS d0 FROM "
            "(SELECT * FROM _batch_blocks UNION ALL BY NAME SELECT * FROM _removed_blocks) GROUP BY block",
        )
    if touched.num_rows == 0:
        return
    con.register("_touched", touched)
    mentions = _with_mention_ids(con, batch.mentions)
    d0 = touched.column("d0")
    undated_blocks = set(touched.filter(pc.is_null(d0)).column("block").to_pylist())
    earliest = pc.min(d0).as_py()
    if earliest is None:
        bound = dt.date.max
    else:  # an event dated in the first days of year 1 (--date 0001-01-01) has nothing before it
        bound = earliest - dt.timedelta(days=window) if earliest - dt.date.min > dt.timedelta(days=window) else dt.date.min
    stored = _stored_rows(con, bound, bool(undated_blocks), window)
    full = undated_blocks | {r[_BLOCK] for r in stored if r[_DAY] is None}
    refetch = sorted(full - undated_blocks)
    if refetch:  # a stored undated mention turned up in reach: read its whole block
        again = set(refetch)
        stored = [r for r in stored if r[_BLOCK] not in again]
        stored += _rows(con, f"{_STORED_SELECT} WHERE m.block IN (SELECT block FROM _refetch)", _refetch=refetch)
    # Blocks with stored mentions in reach or an undated mention are re-clustered in Python; so are
    # those whose new mentions SQL cannot show to be one event (`_SETTLE_SQL`).
    in_python = {r[_BLOCK] for r in stored} | full
    _delete_events_in_reach(con, bound, window, full)
    event_ids = _insert_settled_events(con, mentions, batch.blocks, config, in_python)
    con.register("_new_mentions", mentions.append_column("event_id", event_ids))
    undecided = pc.unique(pc.filter(mentions.column("block"), pc.is_null(event_ids)))
    clustered = sorted(in_python.union(undecided.to_pylist()))
    rows = stored + (con.execute(_NEW_SELECT).fetchall() if clustered else [])
    partial = touched.filter(pc.is_in(touched.column("block"), value_set=pa.array(clustered, pa.string())))
    first_days = dict(zip(partial.column("block").to_pylist(), partial.column("d0").to_pylist()))
    events = _cluster(rows, config, first_days, full)
    _insert_events(con, events, rows)
    assigned = {mid: e.event_id for e in events for mid in e.mention_ids}
    if assigned:  # the new mentions Python clustered take their events from `assigned`
        keys, values = pa.array(list(assigned), pa.string()), pa.array(list(assigned.values()), pa.string())
        event_ids = pc.coalesce(event_ids, pc.take(values, pc.index_in(mentions.column("mention_id"), keys)))
    con.register("_new_mentions", mentions.append_column("event_id", event_ids))
    con.execute("INSERT INTO mentions BY NAME SELECT * FROM _new_mentions")
    moved = [(r[0], assigned[r[0]]) for r in stored if assigned.get(r[0], r[_EVENT_ID]) != r[_EVENT_ID]]
    _update_event_ids(con, moved)


def _with_mention_ids(con: duckdb.DuckDBPyConnection, mentions: pa.Table) -> pa.Table:
    """`mentions` with their ids (`EventMention.event_id`): as `rows.prepare_rows` hashed them in the
    coder's workers, else hashed here once, in DuckDB, for every statement after (hashing in Python
    took a tenth of a write that builds its own rows)."""
    if "mention_id" in mentions.column_names:
        return mentions
    con.register("_unnamed_mentions", mentions)
    hashed = arrow_table(con, f"SELECT {MENTION_ID_SQL} AS mention_id, doc_id FROM _unnamed_mentions")
    # DuckDB keeps a scan's order (preserve_insertion_order); check it, cheaply, before relying on it
    if not hashed.column("doc_id").equals(mentions.column("doc_id")):
        raise AssertionError("mention ids do not line up with the batch's mentions")
    return mentions.add_column(0, "mention_id", hashed.column("mention_id"))


def _delete_events_in_reach(
    con: duckdb.DuckDBPyConnection, bound: dt.date, window: int, full: set[str]
) -> None:
    """Delete the events the touched blocks' mentions in reach are re-clustered into: those from each
    block's d0 - window on, every one of a block in `full` (the constant `bound` skips old row groups)."""
    con.execute(
        "DELETE FROM events USING _touched t WHERE events.day >= ? AND events.block = t.block "
        "AND events.day >= t.d0 - CAST(? AS INTEGER)",
        [bound, window],
    )
    if full:
        _register_blocks(con, "_full", sorted(full))
        con.execute("DELETE FROM events WHERE block IN (SELECT block FROM _full)")


def _insert_settled_events(
    con: duckdb.DuckDBPyConnection,
    mentions: pa.Table,
    blocks: pa.Table,
    config: DedupConfig,
    in_python: set[str],
) -> pa.ChunkedArray:
    """Insert the events of the blocks `_SETTLE_SQL` settles (none of `in_python`); return the event
    id of each of the batch's `mentions` in such a block, null for the others (Python clusters those).
    `blocks`: the batch's (`Batch.blocks`), with how many of its mentions each holds."""
    _register_blocks(con, "_in_python", sorted(in_python))
    in_block = pc.index_in(mentions.column("block"), value_set=blocks.column("block"))
    alone = pc.equal(pc.take(blocks.column("mentions"), in_block), 1)  # the only new mention of its block
    con.register("_batch_mentions", mentions.append_column("alone", alone))
    # the (block, event_id) pairs come back as Arrow: as Python tuples they cost a fifth of the statement
    settled = arrow_table(con, _SETTLE_SQL, {"window": config.window_days, "root": config.root_sentences})
    in_settled = pc.index_in(mentions.column("block"), value_set=settled.column("block"))
    return pc.take(settled.column("event_id"), in_settled)


# The batch's mentions that SQL may settle, with what their events take from their articles. Written
# out twice in _SETTLE_SQL, not as one CTE: DuckDB would copy the CTE's rows once more.
_SETTLE_MENTIONS = f"""
    SELECT b.block, b.alone, b.mention_id, b.doc_id, b.sentence_index, b.date, b.day, b.source_code,
           b.target_code, b.code, b.quad_class, b.goldstein, {_PLACE_KEY.format(m='b')} AS place_key,
           b.place_country, b.place_lat, b.place_lon, b.place_country_fips, b.place_adm1, b.place_geonames_id,
           b.place_feature_type, a.outlet, a.published, a.ingested_at,
           (b.date, coalesce(CAST(a.published AS VARCHAR), '~'), b.doc_id, b.sentence_index, mention_id) AS sort_key
    FROM _batch_mentions b JOIN _new_articles a ON a.id = b.doc_id
    WHERE b.block NOT IN (SELECT block FROM _in_python)
"""

# The events of the blocks SQL settles, inserted; returns (block, event_id) of each. A block outside
# _in_python whose new mentions are all dated, within the window of each other and at one known place
# at most: `dedup.cluster_block` makes them one event (each joins the first one's, the only
# candidate), and this is what `dedup._event` computes for it. The first mention is the earliest in
# `dedup._sort_key` order; the place (with the gazetteer's fields) is that of the first mention with
# one, and '' as its country names none. Most blocks hold one new mention (`alone`): its event is
# that mention, with no grouping.
_SETTLE_SQL = f"""
INSERT INTO events BY NAME
WITH settled AS (
    SELECT block,
           struct_pack(mention_id, date, day, source_code, target_code, code, quad_class, goldstein) AS f,
           CASE WHEN place_key <> '' THEN
               struct_pack(place_key, place_country, place_lat, place_lon, place_country_fips, place_adm1,
                           place_geonames_id, place_feature_type) END AS p,
           1 AS num_mentions, 1 AS num_sources, 1 AS num_articles,
           coalesce(published, day) AS first_seen, coalesce(published, day) AS last_seen,
           ingested_at AS date_added, sentence_index < $root AS is_root_event
    FROM ({_SETTLE_MENTIONS}) m
    WHERE alone AND day IS NOT NULL  -- (an undated block is in _in_python already: belt and braces)
    UNION ALL
    SELECT block, f, p, num_mentions, num_sources, num_articles, first_seen, last_seen, date_added, is_root_event
    FROM (
        SELECT block,
               arg_min(struct_pack(mention_id, date, day, source_code, target_code, code, quad_class, goldstein),
                       sort_key) AS f,
               arg_min(struct_pack(place_key, place_country, place_lat, place_lon, place_country_fips, place_adm1,
                                   place_geonames_id, place_feature_type), sort_key)
                   FILTER (WHERE place_key <> '') AS p,
               count(*) AS num_mentions,
               min(coalesce(published, day)) AS first_seen,
               max(coalesce(published, day)) AS last_seen,
               min(ingested_at) AS date_added,
               bool_or(sentence_index < $root) AS is_root_event
        FROM ({_SETTLE_MENTIONS}) m
        WHERE NOT alone
        GROUP BY block
        HAVING count(day) = count(*) AND max(day) - min(day) <= $window
    ) JOIN (
        -- the distinct counts apart, over a few narrow columns (DuckDB copies their input once more)
        SELECT b.block,
               count(DISTINCT coalesce(nullif(a.outlet, ''), 'doc:' || b.doc_id)) AS num_sources,
               count(DISTINCT b.doc_id) AS num_articles
        FROM _batch_mentions b JOIN _new_articles a ON a.id = b.doc_id
        WHERE NOT b.alone
        GROUP BY b.block
        HAVING count(DISTINCT struct_pack(k := {_PLACE_KEY.format(m='b')}, c := b.place_country))
                   FILTER (WHERE {_PLACE_KEY.format(m='b')} <> '') <= 1
    ) USING (block)
)
SELECT left(sha1('event' || chr(31) || f.mention_id), 16) AS event_id, block, f.mention_id AS first_mention_id,
       f.date, f.day, f.source_code, f.target_code, f.code, left(f.code, 2) AS root, f.quad_class, f.goldstein,
       p.place_key AS place_name, nullif(p.place_country, '') AS place_country,
       CASE WHEN p.place_country IS DISTINCT FROM '' THEN p.place_lat END AS place_lat,
       CASE WHEN p.place_country IS DISTINCT FROM '' THEN p.place_lon END AS place_lon,
       CASE WHEN p.place_country IS DISTINCT FROM '' THEN p.place_country_fips END AS place_country_fips,
       CASE WHEN p.place_country IS DISTINCT FROM '' THEN p.place_adm1 END AS place_adm1,
       CASE WHEN p.place_country IS DISTINCT FROM '' THEN p.place_geonames_id END AS place_geonames_id,
       CASE WHEN p.place_country IS DISTINCT FROM '' THEN p.place_feature_type END AS place_feature_type,
       num_mentions, num_sources, num_articles, first_seen, last_seen, date_added, is_root_event
FROM settled
RETURNING block, event_id
"""


def regroup_all(con: duckdb.DuckDBPyConnection, config: DedupConfig) -> None:
    """Re-cluster every stored mention into events (after the dedup settings changed)."""
    rows = con.execute(_STORED_SELECT).fetchall()
    events = _cluster(rows, config, {}, {r[_BLOCK] for r in rows})
    con.execute("DELETE FROM events")
    _insert_events(con, events, rows)
    _update_event_ids(con, [(mid, e.event_id) for e in events for mid in e.mention_ids])


# --- reading ------------------------------------------------------------------------------------

# What the refresh reads of a mention: the MentionKey fields, the event fields taken from the first
# mention, and the mention's block, day and current event (with that event's first day).
_COLUMNS = (
    # the MentionKey fields, in its order (a row's first 12 values are its key)
    "m.mention_id, m.doc_id, m.sentence_index, coalesce(m.source_code, ''), coalesce(m.target_code, ''), "
    f"m.code, m.modality, m.date, {_PLACE_KEY.format(m='m')}, m.place_country, a.outlet, "
    "CAST(a.published AS VARCHAR), "
    # what an event takes from its first mention, and where the mention stands
    "m.source_code, m.target_code, m.quad_class, m.goldstein, a.ingested_at, m.block, m.day, {event}, "
    "m.place_lat, m.place_lon, m.place_country_fips, m.place_adm1, m.place_geonames_id, m.place_feature_type"
)
_STORED_SELECT = (
    f"SELECT {_COLUMNS.format(event='m.event_id, e.day')} FROM mentions m JOIN articles a ON a.id = m.doc_id "
    "LEFT JOIN events e ON e.event_id = m.event_id"
)
_NEW_SELECT = (
    f"SELECT {_COLUMNS.format(event='CAST(NULL AS VARCHAR), CAST(NULL AS DATE)')} "
    "FROM (SELECT * FROM _new_mentions WHERE event_id IS NULL) m "
    "JOIN _new_articles a ON a.id = m.doc_id"
)
_BLOCK, _DAY, _EVENT_ID, _EVENT_DAY = 17, 18, 19, 20


def _stored_rows(
    con: duckdb.DuckDBPyConnection, bound: dt.date, whole_blocks: bool, window: int
) -> list[tuple[Any, ...]]:
    """Stored mentions of the touched blocks in reach: dated from d0 - window on, undated, or any in a
    block whose d0 is None (`whole_blocks`: there are such blocks). `bound` (the earliest d0 - window)
    is a constant lower bound on the day that lets DuckDB skip the row groups of older mentions and
    events (a feed writes in date order) instead of scanning the whole store."""
    return con.execute(
        "WITH reach AS ("
        "SELECT m.* FROM mentions m JOIN _touched t ON t.block = m.block "
        "WHERE m.day >= ? AND m.day >= t.d0 - CAST(? AS INTEGER) "
        "UNION ALL SELECT m.* FROM mentions m JOIN _touched t ON t.block = m.block WHERE m.day IS NULL"
        + (
            " UNION ALL SELECT m.* FROM mentions m JOIN _touched t ON t.block = m.block "
            "WHERE t.d0 IS NULL AND m.day IS NOT NULL"
            if whole_blocks
            else ""
        )
        + f") SELECT {_COLUMNS.format(event='m.event_id, e.day')} FROM reach m JOIN articles a ON a.id = m.doc_id "
        # an event that began before the bound is closed for every touched block: its day is not needed
        "LEFT JOIN events e ON e.event_id = m.event_id AND e.day >= ?",
        [bound, window, bound],
    ).fetchall()


def _rows(con: duckdb.DuckDBPyConnection, sql: str, **blocks: Sequence[str]) -> list[tuple[Any, ...]]:
    for name, values in blocks.items():
        _register_blocks(con, name, values)
    return con.execute(sql).fetchall()


def _register_blocks(con: duckdb.DuckDBPyConnection, name: str, blocks: Sequence[str]) -> None:
    con.register(name, pa.table({"block": pa.array(blocks, pa.string())}))


# --- clustering ---------------------------------------------------------------------------------


def _key(r: tuple[Any, ...]) -> MentionKey:
    return MentionKey._make(r[:12])


def _cluster(
    rows: Sequence[tuple[Any, ...]], config: DedupConfig, changes: Mapping[str, dt.date | None], full: set[str]
) -> list[EventGroup]:
    """The events of the blocks of `rows`: blocks in `full` from all their rows, the others resumed
    from the events open at their d0."""
    window = config.window_days
    by_block: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        by_block[r[_BLOCK]].append(r)
    events: list[EventGroup] = []
    for block, block_rows in by_block.items():
        if block in full:
            events.extend(cluster_block(block, [_key(r) for r in block_rows], config))
            continue
        d0 = changes[block].toordinal()  # type: ignore[union-attr]
        fresh: list[MentionKey] = []
        seeds: dict[str, list[MentionKey]] = defaultdict(list)
        for r in block_rows:
            if r[_EVENT_ID] is None or r[_DAY].toordinal() >= d0:
                fresh.append(_key(r))
            elif r[_EVENT_DAY] is not None and r[_EVENT_DAY].toordinal() >= d0 - window:
                seeds[r[_EVENT_ID]].append(_key(r))
            # else: a member of an event closed before d0, which stays as it is
        events.extend(cluster_block(block, fresh, config, seeds.values()))
    return events


# --- writing ------------------------------------------------------------------------------------

_ASSIGN_SCHEMA = pa.schema([("mention_id", pa.string()), ("event_id", pa.string())])


def _update_event_ids(con: duckdb.DuckDBPyConnection, moved: Sequence[tuple[str, str]]) -> None:
    """Point stored mentions at their (new) events."""
    if not moved:
        return
    mention_ids, event_ids = zip(*moved)
    con.register("_moved", pa.table({"mention_id": mention_ids, "event_id": event_ids}, schema=_ASSIGN_SCHEMA))
    con.execute("UPDATE mentions SET event_id = x.event_id FROM _moved x WHERE mentions.mention_id = x.mention_id")


def _insert_events(con: duckdb.DuckDBPyConnection, events: Sequence[EventGroup], rows: Sequence[tuple[Any, ...]]) -> None:
    if not events:
        return
    info = {r[0]: r for r in rows}
    table: list[tuple[Any, ...]] = []
    for e in events:
        first = info[e.first_mention_id]
        where: tuple[Any, ...] = (None,) * 6
        if e.place_name is not None:
            for mid in e.mention_ids:
                r = info[mid]
                if r[8] == e.place_name and r[9] == e.place_country:
                    where = r[21:27]
                    break
        table.append(
            (
                e.event_id,
                e.block,
                e.first_mention_id,
                e.date,
                period_start(e.date),
                first[12],
                first[13],
                first[5],
                first[5][:2],
                first[14],
                first[15],
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
    structs = pa.array(table, type=pa.struct(list(EVENT_SCHEMA)))
    con.register("_new_events", pa.Table.from_batches([pa.RecordBatch.from_struct_array(structs)]))
    con.execute("INSERT INTO events BY NAME SELECT * FROM _new_events")
