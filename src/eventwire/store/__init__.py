"""The event store: DuckDB tables of articles, mentions and de-duplicated events (docs/store.md).

    from eventwire.store import Store
    with Store("eventwire.duckdb") as store:
        store.write(rows, rejects, coder_version=..., dictionary_version=...)

Reading and coding into the store is the application layer's (`eventwire.app.ingest`,
`eventwire.app.pipeline`): the store knows rows, not readers or engines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.store.errors import StoreError, StoreFullError, StoreLockedError, StoreSchemaError

if TYPE_CHECKING:
    from eventwire.store.db import Store
    from eventwire.store.schema import SCHEMA_VERSION

#: the store's file when no --db is given (here, not in db.py: naming it must not import DuckDB)
DEFAULT_DB = "eventwire.duckdb"

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "StoreFullError",
    "StoreLockedError",
    "StoreSchemaError",
]


def __getattr__(name: str) -> Any:
    """`Store` and `SCHEMA_VERSION` on first use: DuckDB and pyarrow take a second to import, and
    `eventwire code` never opens a store."""
    if name == "Store":
        from eventwire.store.db import Store

        return Store
    if name == "SCHEMA_VERSION":
        from eventwire.store.schema import SCHEMA_VERSION

        return SCHEMA_VERSION
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
