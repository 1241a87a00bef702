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

from eventwire.dedup import DedupConfig, Event, MentionKey, cluster_block, period_start
from eventwire.store.rows import MENTION_ID_SQL, PLACE_COLUMNS, Batch, arrow_table

__all__ = ["EVENT_SCHEMA", "add_mentions", "regroup_all", "removed_blocks"]

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
        "SELECT block, CASE WHEN bool_or(day IS NULL) THEN NULL ELSE min(day) END AS d0, 0 AS new "
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
            "SELECT block, CASE WHEN bool_or(d0 IS NULL) THEN NULL ELSE min(d0) END AS d0, "
            "CAST(sum(new) AS INTEGER) AS new FROM "
            "(SELECT * FROM _batch_blocks UNION ALL BY NAME SELECT * FROM _removed_blocks) GROUP BY block",
        )
    if touched.num_rows == 0:
        return
    con.register("_touched", touched)
    d0 = touched.column("d0")
    undated_blocks = set(touched.filter(pc.is_null(d0)).column("block").to_pylist())
    earliest = pc.min(d0).as_py()
    bound = earliest - dt.timedelta(days=window) if earliest is not None else dt.date.max
    stored = _stored_rows(con, bound, bool(undated_blocks), window)
    full = undated_blocks | {r[_BLOCK] for r in stored if r[_DAY] is None}
    refetch = sorted(full - undated_blocks)
    if refetch:  # a stored undated mention turned up in reach: read its whole block
        again = set(refetch)
        stored = [r for r in stored if r[_BLOCK] not in again]
        stored += _rows(con, f"{_STORED_SELECT} WHERE m.block IN (SELECT block FROM _refetch)", _refetch=refetch)
    # Blocks with stored mentions in reach or an undated mention are re-clustered in Python; so are
    # those whose new mentions SQL cannot show to be one event (`_with_events`).
    resumed = {r[_BLOCK] for r in stored} | full
    _register_blocks(con, "_resumed", sorted(resumed))
    mentions = _with_events(con, batch.mentions, window)
    con.register("_new_mentions", mentions)
    undecided = pc.is_null(mentions.column("event_id"))
    clustered = sorted(resumed.union(pc.unique(mentions.filter(undecided).column("block")).to_pylist()))
    _register_blocks(con, "_full", sorted(full))
    rows = stored + (con.execute(f"{_NEW_SELECT} WHERE m.event_id IS NULL").fetchall() if clustered else [])
    partial = touched.filter(pc.is_in(touched.column("block"), value_set=pa.array(clustered, pa.string())))
    first_days = dict(zip(partial.column("block").to_pylist(), partial.column("d0").to_pylist()))
    events = _cluster(rows, config, first_days, full)

    # the events these blocks' mentions are re-clustered into (the constant bound skips old row groups)
    con.execute(
        "DELETE FROM events USING _touched t WHERE events.day >= ? AND events.block = t.block "
        "AND events.day >= t.d0 - CAST(? AS INTEGER)",
        [bound, window],
    )
    if full:
        con.execute("DELETE FROM events WHERE block IN (SELECT block FROM _full)")
    _insert_events(con, events, rows)
    con.execute(_BLOCK_EVENTS_SQL, {"root": config.root_sentences})
    assigned = {mid: e.event_id for e in events for mid in e.mention_ids}
    event_ids = mentions.column("event_id")
    if assigned:
        slot = pc.index_in(mentions.column("mention_id"), value_set=pa.array(list(assigned), pa.string()))
        event_ids = pc.coalesce(pc.take(pa.array(list(assigned.values()), pa.string()), slot), event_ids)
    final = mentions.drop_columns(["event_id", "is_first", "alone"]).append_column("event_id", event_ids)
    con.register("_final_mentions", final)
    con.execute("INSERT INTO mentions BY NAME SELECT * FROM _final_mentions")
    moved = [(r[0], assigned[r[0]]) for r in stored if assigned.get(r[0], r[_EVENT_ID]) != r[_EVENT_ID]]
    _update_event_ids(con, moved)


# The batch's mentions with their ids, and the event of each one whose block SQL settles: a block
# outside _resumed whose new mentions are all dated, within `window` days of each other, and at one
# known place at most. `dedup.cluster_block` makes such mentions one event (each joins the event of
# the first, the only candidate), whose id hashes the first mention's id in `dedup._sort_key` order.
# Every other mention's event_id is null: Python clusters its block.
_WITH_EVENTS_SQL = f"""
WITH m AS (
    SELECT b.*, {MENTION_ID_SQL} AS mention_id, coalesce(CAST(a.published AS VARCHAR), '~') AS sort_published
    FROM _batch_mentions b JOIN _new_articles a ON a.id = b.doc_id
), settled AS (
    SELECT block, arg_min(mention_id, (date, sort_published, doc_id, sentence_index, mention_id)) AS first_id,
           count(*) AS size
    FROM m WHERE block NOT IN (SELECT block FROM _resumed)
    GROUP BY block
    HAVING count(day) = count(*) AND max(day) - min(day) <= ?
       AND count(DISTINCT struct_pack(name := coalesce(place_canonical, place_name), country := place_country))
           FILTER (WHERE coalesce(place_canonical, place_name) <> '') <= 1
)
SELECT m.mention_id, left(sha1('event' || chr(31) || s.first_id), 16) AS event_id,
       m.mention_id = s.first_id AS is_first, s.size = 1 AS alone
FROM m LEFT JOIN settled s ON s.block = m.block
ORDER BY m._position
"""


def _with_events(con: duckdb.DuckDBPyConnection, mentions: pa.Table, window: int) -> pa.Table:
    """The batch's `mentions` with the columns of `_WITH_EVENTS_SQL` (computed in DuckDB, appended in
    batch order: only these narrow columns make the round trip)."""
    position = pa.array(range(mentions.num_rows), pa.int32())
    con.register("_batch_mentions", mentions.append_column("_position", position))
    computed = arrow_table(con, _WITH_EVENTS_SQL, [window])
    for name in computed.column_names:
        mentions = mentions.append_column(name, computed.column(name))
    return mentions


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
# A place is compared (and an event's place named) by the gazetteer's name when there is one.
_COLUMNS = (
    # the MentionKey fields, in its order (a row's first 12 values are its key)
    "m.mention_id, m.doc_id, m.sentence_index, coalesce(m.source_code, ''), coalesce(m.target_code, ''), "
    "m.code, m.modality, m.date, coalesce(m.place_canonical, m.place_name), m.place_country, a.outlet, "
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
    "FROM _new_mentions m JOIN _new_articles a ON a.id = m.doc_id"
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
) -> list[Event]:
    """The events of the blocks of `rows`: blocks in `full` from all their rows, the others resumed
    from the events open at their d0."""
    window = config.window_days
    by_block: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        by_block[r[_BLOCK]].append(r)
    events: list[Event] = []
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

# The events `_WITH_EVENTS_SQL` settled: what `dedup._event` computes for them. The place (with the
# gazetteer's fields) is that of the first mention with one; '' as its country names none.
_BLOCK_EVENTS_SQL = """
INSERT INTO events BY NAME
WITH s AS (
    SELECT m.event_id, m.is_first, m.alone, m.block, m.mention_id, m.doc_id, m.sentence_index, m.date, m.day,
           coalesce(CAST(a.published AS VARCHAR), '~') AS sort_published,
           m.source_code, m.target_code, m.code, m.quad_class, m.goldstein,
           coalesce(m.place_canonical, m.place_name) AS place_key, m.place_country, m.place_lat, m.place_lon,
           m.place_country_fips, m.place_adm1, m.place_geonames_id, m.place_feature_type,
           a.outlet, a.published, a.ingested_at
    FROM _new_mentions m JOIN _new_articles a ON a.id = m.doc_id
    WHERE m.event_id IS NOT NULL
), counted AS (  -- most events have one mention: counted without aggregating
    SELECT event_id, 1 AS num_mentions, 1 AS num_sources, 1 AS num_articles,
           coalesce(published, day) AS first_seen, coalesce(published, day) AS last_seen,
           ingested_at AS date_added, sentence_index < $root AS is_root_event,
           CASE WHEN place_key <> '' THEN struct_pack(place_key, place_country, place_lat, place_lon,
               place_country_fips, place_adm1, place_geonames_id, place_feature_type) END AS p
    FROM s WHERE alone
    UNION ALL
    SELECT event_id,
           count(*),
           count(DISTINCT coalesce(nullif(outlet, ''), 'doc:' || doc_id)),
           count(DISTINCT doc_id),
           min(coalesce(published, day)),
           max(coalesce(published, day)),
           min(ingested_at),
           bool_or(sentence_index < $root),
           arg_min(struct_pack(place_key, place_country, place_lat, place_lon, place_country_fips, place_adm1,
                               place_geonames_id, place_feature_type),
                   (date, sort_published, doc_id, sentence_index, mention_id))
               FILTER (WHERE place_key <> '')
    FROM s WHERE NOT alone GROUP BY event_id
)
SELECT c.event_id, f.block, f.mention_id AS first_mention_id, f.date, f.day,
       f.source_code, f.target_code, f.code, left(f.code, 2) AS root, f.quad_class, f.goldstein,
       c.p.place_key AS place_name, nullif(c.p.place_country, '') AS place_country,
       CASE WHEN c.p.place_country IS DISTINCT FROM '' THEN c.p.place_lat END AS place_lat,
       CASE WHEN c.p.place_country IS DISTINCT FROM '' THEN c.p.place_lon END AS place_lon,
       CASE WHEN c.p.place_country IS DISTINCT FROM '' THEN c.p.place_country_fips END AS place_country_fips,
       CASE WHEN c.p.place_country IS DISTINCT FROM '' THEN c.p.place_adm1 END AS place_adm1,
       CASE WHEN c.p.place_country IS DISTINCT FROM '' THEN c.p.place_geonames_id END AS place_geonames_id,
       CASE WHEN c.p.place_country IS DISTINCT FROM '' THEN c.p.place_feature_type END AS place_feature_type,
       c.num_mentions, c.num_sources, c.num_articles, c.first_seen, c.last_seen, c.date_added, c.is_root_event
FROM counted c JOIN s f ON f.event_id = c.event_id AND f.is_first
"""


def _update_event_ids(con: duckdb.DuckDBPyConnection, moved: Sequence[tuple[str, str]]) -> None:
    """Point stored mentions at their (new) events."""
    if not moved:
        return
    mention_ids, event_ids = zip(*moved)
    con.register("_moved", pa.table({"mention_id": mention_ids, "event_id": event_ids}, schema=_ASSIGN_SCHEMA))
    con.execute("UPDATE mentions SET event_id = x.event_id FROM _moved x WHERE mentions.mention_id = x.mention_id")


def _insert_events(con: duckdb.DuckDBPyConnection, events: Sequence[Event], rows: Sequence[tuple[Any, ...]]) -> None:
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
