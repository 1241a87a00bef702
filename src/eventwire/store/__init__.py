"""The event store: DuckDB tables of articles, mentions and de-duplicated events (docs/store.md).

    from eventwire.store import Store
    with Store("eventwire.duckdb") as store:
        store.write(rows, rejects, coder_version=..., dictionary_version=...)

Reading and coding into the store is the application layer's (`eventwire.app.ingest`,
`eventwire.app.pipeline`): the store knows rows, not readers or engines.
"""

from __future__ import annotations

from eventwire.store.db import DEFAULT_DB, Store
from eventwire.store.errors import StoreError, StoreFullError, StoreLockedError, StoreSchemaError
from eventwire.store.schema import SCHEMA_VERSION

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "StoreFullError",
    "StoreLockedError",
    "StoreSchemaError",
]
