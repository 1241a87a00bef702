"""Records <-> Arrow rows: the column layout the store writes and the records it reads back.

Writes go through Arrow: `prepare_rows` turns coded stories into one
`pyarrow.Table` per table (in `eventwire ingest`, in the coder's worker
processes), `batch_tables` adds what depends on the store, and each table is
inserted with one ``INSERT ... BY NAME SELECT`` (no row-by-row inserts).
`mention_from_row` turns a stored row back into an `EventMention` whose
`event_id` equals the stored `mention_id`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from eventwire.dedup import ACTOR_LEVELS, IRREALIS, DedupConfig, outlet_of, period_start
from eventwire.ingest.duplicates import duplicate_keys
from eventwire.records import (
    MENTION_IDENTITY,
    ActorRef,
    CodedStory,
    EventMention,
    Evidence,
    Place,
    Plover,
    Reject,
    Story,
)

__all__ = [
    "ARTICLE_SCHEMA",
    "MENTION_ID_SQL",
    "MENTION_SCHEMA",
    "SENTENCE_SCHEMA",
    "Batch",
    "StoryRows",
    "arrow_table",
    "batch_tables",
    "block_keys",
    "mention_from_row",
    "prepare_rows",
    "rejects_table",
    "story_from_row",
    "text_hash",
]

ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("language", pa.string()),
        ("text_hash", pa.string()),
        ("text", pa.string()),
        ("origin", pa.string()),
        ("ingested_at", pa.timestamp("us")),
        ("coded_at", pa.timestamp("us")),
        ("coder_version", pa.string()),
        ("dictionary_version", pa.string()),
        ("discarded", pa.string()),
        ("num_mentions", pa.int32()),
        # the story's duplicate signature (`ingest.duplicates.duplicate_keys`): a later ingest of
        # the same text (case, punctuation and spacing aside) or canonical URL is skipped
        ("text_key", pa.string()),
        ("url_key", pa.string()),
    ]
)
SENTENCE_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("sentence_index", pa.int32()), ("start", pa.int32()), ("text", pa.string())]
)
# The gazetteer place as mentions and events both store it (mentions add offsets and source).
PLACE_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("place_name", pa.string()),
    ("place_country", pa.string()),
    ("place_lat", pa.float64()),
    ("place_lon", pa.float64()),
    ("place_country_fips", pa.string()),
    ("place_adm1", pa.string()),
    ("place_geonames_id", pa.int64()),
    ("place_feature_type", pa.string()),
)
# A batch's mentions as `batch_tables` builds them: every column of the mentions table but the
# mention id (`MENTION_ID_SQL` adds it) and the event id (the dedup refresh adds it).
MENTION_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("sentence_start", pa.int32()),
        ("source_code", pa.string()),
        ("source_text", pa.string()),
        ("source_start", pa.int32()),
        ("source_end", pa.int32()),
        ("source_rule", pa.string()),
        ("target_code", pa.string()),
        ("target_text", pa.string()),
        ("target_start", pa.int32()),
        ("target_end", pa.int32()),
        ("target_rule", pa.string()),
        ("code", pa.string()),
        ("root", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("plover_event", pa.string()),
        ("plover_mode", pa.string()),
        ("date", pa.string()),
        ("day", pa.date32()),
        ("date_source", pa.string()),
        ("date_precision", pa.string()),
        ("date_end", pa.string()),
        *PLACE_COLUMNS,
        ("place_canonical", pa.string()),
        ("place_start", pa.int32()),
        ("place_end", pa.int32()),
        ("place_source", pa.string()),
        ("modality", pa.string()),
        ("url", pa.string()),
        ("evidence_verb", pa.string()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("evidence_rule", pa.string()),
        ("block", pa.string()),
    ]
)
# `EventMention.event_id` computed by DuckDB over a MENTION_SCHEMA table (vectorised: hashing in
# Python was a tenth of the write time). tests/store checks that the two agree.
MENTION_ID_SQL = (
    "left(sha1(concat_ws(chr(31), "
    + ", ".join(f"coalesce(CAST({column} AS VARCHAR), '')" for column in MENTION_IDENTITY)
    + ")), 16)"
)
QUOTE_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("speaker_code", pa.string()),
        ("speaker_text", pa.string()),
        ("quote", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("date", pa.date32()),
    ]
)
REJECT_SCHEMA = pa.schema(
    [("origin", pa.string()), ("reason", pa.string()), ("message", pa.string()), ("recorded_at", pa.timestamp("us"))]
)


def arrow_table(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None
) -> pa.Table:
    """A query's result as an Arrow table (DuckDB 1.x `.arrow()`, 2.x `.to_arrow_table()`). Also for
    ``INSERT ... RETURNING``: DuckDB runs a statement that is not a SELECT at once, one time."""
    if params and not isinstance(params, Mapping):
        params = list(params)
    relation = con.sql(sql, params=params or None)
    if relation is None:
        return pa.table({})
    to_table = getattr(relation, "to_arrow_table", None)
    return to_table() if to_table is not None else relation.arrow()


def text_hash(text: str) -> str:
    """SHA-1 of the story text (UTF-8), the store's test for 'the same text'."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# What the store adds to a prepared article: its ingest and coding times and versions.
_STORE_ARTICLE_FIELDS = ("ingested_at", "coded_at", "coder_version", "dictionary_version")
_PREPARED_ARTICLE_SCHEMA = pa.schema([f for f in ARTICLE_SCHEMA if f.name not in _STORE_ARTICLE_FIELDS])


@dataclass(frozen=True, slots=True)
class StoryRows:
    """Coded stories as Arrow rows: everything about them that does not depend on the store.

    `prepare_rows` makes them. `eventwire ingest` runs it in the coder's worker processes, next to
    the coding, so that the store's single writer receives columns and does no Python work per
    mention; `Store.write` adds what depends on the store (ingest times, versions, dedup blocks)."""

    articles: pa.Table  # ARTICLE_SCHEMA but the store's fields (_STORE_ARTICLE_FIELDS)
    sentences: pa.Table  # SENTENCE_SCHEMA
    mentions: pa.Table  # MENTION_SCHEMA but the derived columns (_READ_SCHEMA)
    quotes: pa.Table  # QUOTE_SCHEMA

    @property
    def num_stories(self) -> int:
        return self.articles.num_rows

    @staticmethod
    def concat(parts: Sequence[StoryRows]) -> StoryRows:
        """One StoryRows from `parts` (e.g. the chunks the coder's workers sent); a story in several
        parts keeps its rows from the last (as `Store.write` keeps the last of a repeated story)."""
        parts = [p for p in parts if p.num_stories]
        if not parts:
            return prepare_rows(())
        ids = pa.chunked_array([p.articles.column("id") for p in parts])
        if pc.count_distinct(ids).as_py() < len(ids):
            parts = _last_of_each_story(parts)
        # one chunk per column: DuckDB and Arrow compute pay per chunk
        return StoryRows(
            *(pa.concat_tables([getattr(p, name) for p in parts]).combine_chunks() for name in _STORY_TABLES)
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent between processes as Arrow IPC streams: half the time of pickling the tables.
        return _story_rows_from_ipc, tuple(_ipc_bytes(getattr(self, name)) for name in _STORY_TABLES)


_STORY_TABLES = ("articles", "sentences", "mentions", "quotes")
_ID = "mention_id"


def _ipc_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _story_rows_from_ipc(*streams: bytes) -> StoryRows:
    return StoryRows(*(pa.ipc.open_stream(s).read_all() for s in streams))


def _last_of_each_story(parts: Sequence[StoryRows]) -> list[StoryRows]:
    """`parts` with every story's rows dropped from all but the last part that holds it."""
    later: set[str] = set()
    kept = []
    for part in reversed(parts):
        ids = part.articles.column("id").to_pylist()
        gone = pa.array(sorted(later), pa.string())
        kept.append(
            StoryRows(
                *(
                    _without(getattr(part, name), "id" if name == "articles" else "doc_id", gone)
                    for name in _STORY_TABLES
                )
            )
        )
        later.update(ids)
    return kept[::-1]


def _without(table: pa.Table, column: str, ids: pa.Array) -> pa.Table:
    return table.filter(pc.invert(pc.is_in(table.column(column), value_set=ids))) if len(ids) else table


def prepare_rows(
    coded: Iterable[CodedStory], languages: Mapping[str, str | None] | None = None, *, mention_ids: bool = False
) -> StoryRows:
    """The Arrow rows of `coded` (a repeated story id: the last one counts). `languages` maps a story
    id to its language code when known (else the story's own `language`, if it has one).

    `mention_ids`: add each mention's id (`EventMention.event_id`), hashed here. The coder's workers
    do, so the writer need not; without it the writer hashes them in DuckDB, faster than Python.
    Rows made with and without ids do not mix (`StoryRows.concat`)."""
    latest: dict[str, CodedStory] = {}
    for item in coded:
        latest[item.story.id] = item
    articles: list[tuple[Any, ...]] = []
    sentences: list[tuple[Any, ...]] = []
    rows: list[tuple[Any, ...]] = []
    ids: list[str] = []
    q: dict[str, list[Any]] = {name: [] for name in QUOTE_SCHEMA.names}
    languages = languages or {}
    for item in latest.values():
        story = item.story
        mentions = _unique_mentions(item.events)
        articles.append(
            (
                story.id,
                story.url,
                outlet_of(story.source, story.url),
                story.title,
                _day(story.date),
                languages.get(story.id) or getattr(story, "language", None),
                text_hash(story.text),
                story.text,
                story.origin,
                item.discarded,
                len(mentions),
                *duplicate_keys(story.text, story.url),
            )
        )
        if mention_ids:
            ids += [e.event_id for e in mentions]
        sentences_done: set[int] = set()
        for e in mentions:
            if e.sentence_index not in sentences_done:
                sentences_done.add(e.sentence_index)
                sentences.append((e.doc_id, e.sentence_index, e.sentence_start, e.sentence))
            src, tgt, ev, place, plover = e.source, e.target, e.evidence, e.place, e.plover
            rows.append(
                (
                    e.doc_id,
                    e.sentence_index,
                    e.sentence_start,
                    *((src.code, src.text, src.start, src.end, src.rule) if src else _NO_ACTOR),
                    *((tgt.code, tgt.text, tgt.start, tgt.end, tgt.rule) if tgt else _NO_ACTOR),
                    e.code,
                    e.quad_class,
                    e.goldstein,
                    *((plover.event, plover.mode) if plover else _NO_PLOVER),
                    e.date,
                    e.date_source,
                    e.date_precision,
                    e.date_end,
                    *(_place_fields(place) if place else _NO_PLACE),
                    e.modality,
                    e.url,
                    ev.verb,
                    ev.start,
                    ev.end,
                    ev.rule,
                )
            )
        for quote in getattr(item, "quotes", None) or ():
            _add_quote(q, story, quote)
    mention_table = _columns(rows, _READ_SCHEMA)
    if mention_ids:
        mention_table = mention_table.add_column(0, _ID, pa.array(ids, pa.string()))
    return StoryRows(
        articles=_columns(articles, _PREPARED_ARTICLE_SCHEMA),
        sentences=_columns(sentences, SENTENCE_SCHEMA),
        mentions=mention_table,
        quotes=pa.table(q, schema=QUOTE_SCHEMA),
    )


@dataclass(frozen=True, slots=True)
class Batch:
    """The Arrow tables `Store.write` inserts for one batch, and the dedup blocks its mentions fall in."""

    articles: pa.Table
    sentences: pa.Table
    mentions: pa.Table
    quotes: pa.Table
    #: the dedup blocks of the mentions: block, d0 (the earliest day; null when one is undated),
    #: mentions (how many of the batch's fall in it)
    blocks: pa.Table


_day = period_start


def batch_tables(
    rows: StoryRows,
    *,
    now: dt.datetime,
    previous: Mapping[str, tuple[dt.datetime, str | None]],
    coder_version: str | None,
    dictionary_version: str | None,
    config: DedupConfig,
) -> Batch:
    """The tables to insert for `rows` (one story id at most once). `previous` maps the id of a
    story stored before to its first ingest time and language, which a re-coded article keeps
    (its language unless the new rows know one)."""
    mentions = _with_derived_columns(rows.mentions, config)
    return Batch(
        articles=_with_store_fields(rows.articles, now, previous, coder_version, dictionary_version),
        sentences=rows.sentences,
        mentions=mentions,
        quotes=rows.quotes,
        blocks=_blocks(mentions),
    )


def _with_store_fields(
    articles: pa.Table,
    now: dt.datetime,
    previous: Mapping[str, tuple[dt.datetime, str | None]],
    coder_version: str | None,
    dictionary_version: str | None,
) -> pa.Table:
    """`articles` (prepared) in ARTICLE_SCHEMA: with the store's fields, per story, not per mention."""
    n = articles.num_rows
    coded_at = ingested_at = pa.array([now] * n, pa.timestamp("us"))
    language = articles.column("language")
    if previous:
        ids = articles.column("id").to_pylist()
        ingested_at = pa.array([previous[i][0] if i in previous else now for i in ids], pa.timestamp("us"))
        known = pa.array([previous[i][1] if i in previous else None for i in ids], pa.string())
        language = pc.coalesce(language, known)
    added = {
        "language": language,
        "ingested_at": ingested_at,
        "coded_at": coded_at,
        "coder_version": pa.array([coder_version] * n, pa.string()),
        "dictionary_version": pa.array([dictionary_version] * n, pa.string()),
    }
    columns = [added[f.name] if f.name in added else articles.column(f.name) for f in ARTICLE_SCHEMA]
    return pa.Table.from_arrays(columns, schema=ARTICLE_SCHEMA)


def _period_starts(dates: pa.ChunkedArray) -> pa.ChunkedArray:
    """`dedup.period_start` of each date, computed once per distinct date."""
    distinct = pc.unique(dates)
    days = pa.array([period_start(d) for d in distinct.to_pylist()], pa.date32())
    return pc.take(days, pc.index_in(dates, value_set=distinct))


def block_keys(
    source_code: pa.ChunkedArray | pa.Array,
    target_code: pa.ChunkedArray | pa.Array,
    code: pa.ChunkedArray | pa.Array,
    modality: pa.ChunkedArray | pa.Array,
    config: DedupConfig,
) -> pa.ChunkedArray | pa.Array:
    """`dedup.block_key` over Arrow columns (vectorised; tests/store holds the two equal)."""
    keep = ACTOR_LEVELS[config.actor_level]
    source, target = pc.fill_null(source_code, ""), pc.fill_null(target_code, "")
    if keep is not None:
        source, target = pc.utf8_slice_codeunits(source, 0, keep), pc.utf8_slice_codeunits(target, 0, keep)
    root = pc.utf8_slice_codeunits(code, 0, 2)
    swap = pc.and_(pc.is_in(root, value_set=pa.array(config.symmetric_roots, pa.string())), pc.less(target, source))
    first, second = pc.if_else(swap, target, source), pc.if_else(swap, source, target)
    irrealis = pc.is_in(modality, value_set=pa.array(sorted(IRREALIS) if config.separate_irrealis else [], pa.string()))
    realis = pc.if_else(irrealis, "irrealis", "realis")
    return pc.binary_join_element_wise(first, second, root, realis, "|")


def _blocks(mentions: pa.Table) -> pa.Table:
    """Per block of `mentions`: the earliest day (null when one is undated) and how many of the
    mentions fall in it. Grouped in Arrow, not per mention in Python: Python work per mention is what
    limits the write rate."""
    grouped = mentions.group_by("block").aggregate([("day", "min"), ("day", "count"), ("block", "count")])
    all_dated = pc.equal(grouped.column("day_count"), grouped.column("block_count"))
    d0 = pc.if_else(all_dated, grouped.column("day_min"), pa.scalar(None, pa.date32()))
    return pa.table({"block": grouped.column("block"), "d0": d0, "mentions": grouped.column("block_count")})


# What prepare_rows reads off each mention: MENTION_SCHEMA but the columns batch_tables derives from others
_DERIVED = ("root", "day", "block")
_READ_SCHEMA = pa.schema([f for f in MENTION_SCHEMA if f.name not in _DERIVED])


def _with_derived_columns(mentions: pa.Table, config: DedupConfig) -> pa.Table:
    """`mentions` (in _READ_SCHEMA) with root, day and block computed over whole columns."""
    code = mentions.column("code")
    derived = {
        "root": pc.utf8_slice_codeunits(code, 0, 2),
        "day": _period_starts(mentions.column("date")),
        "block": block_keys(
            mentions.column("source_code"), mentions.column("target_code"), code, mentions.column("modality"), config
        ),
    }
    columns = [derived[f.name] if f.name in derived else mentions.column(f.name) for f in MENTION_SCHEMA]
    table = pa.Table.from_arrays(columns, schema=MENTION_SCHEMA)
    if _ID in mentions.column_names:  # hashed by prepare_rows
        table = table.add_column(0, _ID, mentions.column(_ID))
    return table


_NO_ACTOR = (None, None, None, None, None)
_NO_PLOVER = (None, None)
_NO_PLACE = (None,) * 12


def _place_fields(place: Place) -> tuple[Any, ...]:
    return (
        place.name,
        place.country,
        place.lat,
        place.lon,
        place.country_fips,
        place.adm1,
        place.geonames_id,
        place.feature_type,
        place.canonical,
        place.start,
        place.end,
        place.source,
    )


def _columns(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    """An Arrow table from row tuples in `schema`'s column order (converted in one pass, in C++)."""
    if not rows:
        return schema.empty_table()
    structs = pa.array(rows, type=pa.struct(list(schema)))
    return pa.Table.from_batches([pa.RecordBatch.from_struct_array(structs)])


def _unique_mentions(events: Iterable[EventMention]) -> list[EventMention]:
    """The story's mentions, a repeated one (same `identity`, so same `event_id`) kept once (the
    first). Compared without hashing: the store hashes the ids in SQL (`MENTION_ID_SQL`)."""
    out: dict[tuple[Any, ...], EventMention] = {}
    for e in events:
        out.setdefault(e.identity(), e)
    return list(out.values())


def _add_quote(q: dict[str, list[Any]], story: Story, quote: Any) -> None:
    """A quote record from the quotes stage (any object with the documented fields, or its to_json())."""
    data = quote.to_json() if hasattr(quote, "to_json") else dict(quote)
    speaker = data.get("speaker") if isinstance(data.get("speaker"), dict) else {}
    q["doc_id"].append(data.get("doc_id") or story.id)
    q["speaker_code"].append(data.get("speaker_code", speaker.get("code")))
    q["speaker_text"].append(data.get("speaker_text", speaker.get("text")))
    q["quote"].append(data.get("quote") or data.get("text") or "")
    q["start"].append(int(data.get("start", 0)))
    q["end"].append(int(data.get("end", 0)))
    q["date"].append(_day(data.get("date") or story.date))


def rejects_table(rejects: Sequence[Reject], now: dt.datetime) -> pa.Table:
    latest: dict[tuple[str, str], Reject] = {}
    for r in rejects:
        latest[(r.origin, r.reason)] = r
    return pa.table(
        {
            "origin": [k[0] for k in latest],
            "reason": [k[1] for k in latest],
            "message": [r.message for r in latest.values()],
            "recorded_at": [now] * len(latest),
        },
        schema=REJECT_SCHEMA,
    )


def _known(cls: type, values: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments `cls` takes (a record of an older eventwire may lack newer fields)."""
    fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
    return {k: v for k, v in values.items() if k in fields}


def mention_from_row(row: Mapping[str, Any]) -> EventMention:
    """The EventMention of a stored row (the row needs the `sentence` text joined in)."""
    source = (
        ActorRef(
            row["source_code"], row["source_text"] or "", row["source_start"], row["source_end"], row.get("source_rule")
        )
        if row["source_code"] is not None
        else None
    )
    target = (
        ActorRef(
            row["target_code"], row["target_text"] or "", row["target_start"], row["target_end"], row.get("target_rule")
        )
        if row["target_code"] is not None
        else None
    )
    place = None
    if row["place_name"] is not None:
        values = {
            "name": row["place_name"],
            "country": row["place_country"],
            "lat": row["place_lat"],
            "lon": row["place_lon"],
            "country_fips": row.get("place_country_fips"),
            "adm1": row.get("place_adm1"),
            "geonames_id": row.get("place_geonames_id"),
            "feature_type": row.get("place_feature_type"),
            "canonical": row.get("place_canonical"),
            "start": row.get("place_start"),
            "end": row.get("place_end"),
        }
        if row.get("place_source") is not None:
            values["source"] = row["place_source"]
        place = Place(**_known(Place, values))
    plover = Plover(row["plover_event"], row["plover_mode"]) if row["plover_event"] is not None else None
    values = {
        "doc_id": row["doc_id"],
        "sentence_index": row["sentence_index"],
        "sentence": row.get("sentence") or "",
        "sentence_start": row["sentence_start"],
        "source": source,
        "target": target,
        "code": row["code"],
        "evidence": Evidence(
            row["evidence_verb"], row["evidence_start"], row["evidence_end"], row["evidence_rule"]
        ),
        "modality": row["modality"],
        "date": row["date"],
        "date_source": row["date_source"],
        "date_precision": row.get("date_precision"),
        "date_end": row.get("date_end"),
        "place": place,
        "url": row["url"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": plover,
    }
    return EventMention(**_known(EventMention, values))


def story_from_row(row: Mapping[str, Any]) -> Story:
    published = row["published"]
    return Story(
        id=row["id"],
        text=row["text"],
        date=published.isoformat() if published is not None else None,
        url=row["url"],
        title=row["title"],
        source=row["outlet"],
        origin=row["origin"],
    )
