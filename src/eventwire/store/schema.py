"""The store's DuckDB schema, its version, and the migrations between versions.

Tables (docs/store.md has the column list):

    meta       key/value: schema_version, created_by, dedup settings, the Dask shards loaded
    articles   one row per story (id = Story.id), with its text for `recode`
    sentences  the evidence sentences of the mentions
    mentions   one row per EventMention (one per evidence sentence), linked to its event
    events     de-duplicated happenings: clusters of mentions (eventwire.dedup)
    quotes     {doc_id, speaker_code, speaker_text, quote, start, end, date}; filled by the quotes stage
    rejects    stories that could not be read or coded, and why

`ensure_schema(con, path)` creates a new store, accepts one of this version,
migrates an older one through `MIGRATIONS` (each step in one transaction), and
refuses a newer one or one it cannot migrate with a StoreSchemaError that says
what to do. A read-only open (query, export, stats) accepts an older store as it is
when the steps it lacks only add what writers use (`READ_COMPATIBLE`).
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow as pa

from eventwire import __version__
from eventwire.ingest.duplicates import duplicate_keys
from eventwire.store.errors import StoreSchemaError

__all__ = [
    "ARTICLES_DDL",
    "DDL",
    "MENTIONS_DDL",
    "MIGRATIONS",
    "READ_COMPATIBLE",
    "SCHEMA_VERSION",
    "TABLES",
    "ensure_schema",
    "schema_version",
]

SCHEMA_VERSION = 3

# No PRIMARY KEY on mention_id: an ART index over every mention made each batch's INSERT and COMMIT
# about 2.5x slower as the store grew (bench/bench_store.py). Mention ids are unique by construction:
# the id hashes the story id, one story's repeats are dropped before writing (rows.prepare_rows) and
# a story's old mentions are deleted in the transaction that writes its new ones.
MENTIONS_DDL = """
CREATE TABLE mentions (
    mention_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    source_code VARCHAR,
    source_text VARCHAR,
    source_start INTEGER,
    source_end INTEGER,
    source_rule VARCHAR,
    target_code VARCHAR,
    target_text VARCHAR,
    target_start INTEGER,
    target_end INTEGER,
    target_rule VARCHAR,
    code VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    quad_class TINYINT,
    goldstein DOUBLE,
    plover_event VARCHAR,
    plover_mode VARCHAR,
    date VARCHAR,
    day DATE,
    date_source VARCHAR,
    date_precision VARCHAR,
    date_end VARCHAR,
    place_name VARCHAR,
    place_country VARCHAR,
    place_lat DOUBLE,
    place_lon DOUBLE,
    place_country_fips VARCHAR,
    place_adm1 VARCHAR,
    place_geonames_id BIGINT,
    place_feature_type VARCHAR,
    place_canonical VARCHAR,
    place_start INTEGER,
    place_end INTEGER,
    place_source VARCHAR,
    modality VARCHAR NOT NULL,
    url VARCHAR,
    evidence_verb VARCHAR NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_rule VARCHAR NOT NULL,
    block VARCHAR NOT NULL,
    event_id VARCHAR
);
"""

# text_key/url_key: the story's duplicate signature (`ingest.duplicates.duplicate_keys`), indexed
# so that an ingest looks up the stories it reads among millions of stored ones without a scan.
ARTICLES_DDL = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    published DATE,
    language VARCHAR,
    text_hash VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    origin VARCHAR,
    ingested_at TIMESTAMP NOT NULL,
    coded_at TIMESTAMP NOT NULL,
    coder_version VARCHAR,
    dictionary_version VARCHAR,
    discarded VARCHAR,
    num_mentions INTEGER NOT NULL,
    text_key VARCHAR,
    url_key VARCHAR
);
"""
ARTICLE_INDEXES = """
CREATE INDEX articles_text_key ON articles (text_key);
CREATE INDEX articles_url_key ON articles (url_key);
"""

DDL = """
CREATE TABLE meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);
CREATE TABLE sentences (
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start INTEGER NOT NULL,
    text VARCHAR NOT NULL
);
CREATE TABLE events (
    event_id VARCHAR NOT NULL,
    block VARCHAR NOT NULL,
    first_mention_id VARCHAR NOT NULL,
    date VARCHAR,
    day DATE,
    source_code VARCHAR,
    target_code VARCHAR,
    code VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    quad_class TINYINT,
    goldstein DOUBLE,
    place_name VARCHAR,
    place_country VARCHAR,
    place_lat DOUBLE,
    place_lon DOUBLE,
    place_country_fips VARCHAR,
    place_adm1 VARCHAR,
    place_geonames_id BIGINT,
    place_feature_type VARCHAR,
    num_mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    first_seen DATE,
    last_seen DATE,
    date_added TIMESTAMP,
    is_root_event BOOLEAN NOT NULL
);
CREATE TABLE quotes (
    doc_id VARCHAR NOT NULL,
    speaker_code VARCHAR,
    speaker_text VARCHAR,
    quote VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    date DATE
);
CREATE TABLE rejects (
    origin VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (origin, reason)
);
""" + ARTICLES_DDL + ARTICLE_INDEXES + MENTIONS_DDL

TABLES = ("meta", "articles", "sentences", "mentions", "events", "quotes", "rejects")

#: from_version -> a function that moves a store from that version to the next one.
#: Each runs inside its own transaction and must leave `meta.schema_version` alone
#: (`ensure_schema` sets it). A store older than the oldest key cannot be migrated.
def _mentions_without_primary_key(con: duckdb.DuckDBPyConnection) -> None:
    """1 -> 2: the mentions table, rows and all, without its PRIMARY KEY (see MENTIONS_DDL)."""
    con.execute("ALTER TABLE mentions RENAME TO mentions_v1")
    con.execute(MENTIONS_DDL)
    con.execute("INSERT INTO mentions BY NAME SELECT * FROM mentions_v1")
    con.execute("DROP TABLE mentions_v1")


_KEY_CHUNK = 10_000  # articles read per step while their duplicate keys are computed


def _articles_with_duplicate_keys(con: duckdb.DuckDBPyConnection) -> None:
    """2 -> 3: articles gain text_key and url_key (computed from each stored text and URL), indexed.
    The table is rebuilt: DuckDB cannot index a column updated in the same transaction."""
    ids: list[str] = []
    text_keys: list[str] = []
    url_keys: list[str | None] = []
    reader = con.sql("SELECT id, text, url FROM articles").to_arrow_reader(_KEY_CHUNK)
    for batch in reader:
        for story_id, text, url in zip(*(batch.column(i).to_pylist() for i in range(3)), strict=True):
            text_key, url_key = duplicate_keys(text, url)
            ids.append(story_id)
            text_keys.append(text_key)
            url_keys.append(url_key)
    con.register("_article_keys", pa.table({"id": ids, "text_key": text_keys, "url_key": url_keys}))
    try:
        con.execute("ALTER TABLE articles RENAME TO articles_v2")
        con.execute(ARTICLES_DDL)
        con.execute(
            "INSERT INTO articles BY NAME SELECT a.*, k.text_key, k.url_key "
            "FROM articles_v2 a JOIN _article_keys k USING (id)"
        )
        con.execute("DROP TABLE articles_v2")
        con.execute(ARTICLE_INDEXES)
    finally:
        con.unregister("_article_keys")


MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {
    1: _mentions_without_primary_key,
    2: _articles_with_duplicate_keys,
}
#: steps that only add what writers use: a read-only open accepts a store that lacks them
READ_COMPATIBLE = frozenset({2})


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The store's schema version; None for an empty database (no tables yet)."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if not tables:
        return None
    if "meta" not in tables:
        raise StoreSchemaError(
            "is a DuckDB database but not an eventwire store (it has no meta table); pass another --db path"
        )
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    row = rows[0] if rows else None
    if row is None or not str(row[0]).isdigit():
        raise StoreSchemaError("has no valid schema version in its meta table; it is not an eventwire store")
    return int(row[0])


def ensure_schema(con: duckdb.DuckDBPyConnection, *, read_only: bool = False) -> int:
    """Create, accept, migrate or refuse; returns the version the store is at afterwards."""
    version = schema_version(con)
    if version is None:
        if read_only:
            raise StoreSchemaError("is empty (no eventwire store yet); run `eventwire ingest` first")
        con.begin()
        con.execute(DDL)
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [["schema_version", str(SCHEMA_VERSION)], ["created_by", f"eventwire {__version__}"]],
        )
        con.commit()
        return SCHEMA_VERSION
    if version == SCHEMA_VERSION:
        return version
    if version > SCHEMA_VERSION:
        raise StoreSchemaError(
            f"was written by a newer eventwire (store schema {version}; this eventwire {__version__} "
            f"reads schema {SCHEMA_VERSION}); upgrade eventwire to use it"
        )
    if read_only and all(step in READ_COMPATIBLE for step in range(version, SCHEMA_VERSION)):
        return version
    if read_only:
        raise StoreSchemaError(
            f"has the older schema {version} (this eventwire uses {SCHEMA_VERSION}); open it once for "
            "writing (e.g. `eventwire ingest` or `eventwire recode`) to migrate it"
        )
    if any(step not in MIGRATIONS for step in range(version, SCHEMA_VERSION)):
        raise StoreSchemaError(
            f"has schema {version}, which this eventwire ({__version__}, schema {SCHEMA_VERSION}) cannot "
            "migrate; re-ingest the stories into a new store"
        )
    for step in range(version, SCHEMA_VERSION):
        con.begin()
        try:
            MIGRATIONS[step](con)
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(step + 1)])
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return SCHEMA_VERSION
