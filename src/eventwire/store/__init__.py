"""The event store: DuckDB tables of articles, mentions and de-duplicated events (docs/store.md).

    from eventwire.store import Store, ingest
    with Store("eventwire.duckdb") as store:
        summary = ingest(store, ["stories.jsonl"])
"""

from __future__ import annotations

from eventwire.store.db import DEFAULT_DB, Store
from eventwire.store.errors import StoreError, StoreFullError, StoreLockedError, StoreSchemaError
from eventwire.store.pipeline import CODER_VERSION, IngestSummary, RecodeSummary, dictionary_version, ingest, recode
from eventwire.store.schema import SCHEMA_VERSION

__all__ = [
    "CODER_VERSION",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "IngestSummary",
    "RecodeSummary",
    "Store",
    "StoreError",
    "StoreFullError",
    "StoreLockedError",
    "StoreSchemaError",
    "dictionary_version",
    "ingest",
    "recode",
]
