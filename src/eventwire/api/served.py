"""`ServedStore`: the store a server holds open, and the cursors its requests read through.

Read-only by default. With `eventwire serve --watch` it is open for writing, and the server is the
store's one writer: the watcher thread ingests through its own cursor while each request reads
through another (DuckDB serves one process's threads from one open database, each connection on
its own thread), so what the watcher commits shows at once.
"""

from __future__ import annotations

import threading
from typing import Any

from eventwire.store.db import Store
from eventwire.store.schema import SCHEMA_VERSION

__all__ = ["ServedStore"]


class ServedStore:
    def __init__(self, db: str, *, writable: bool = False) -> None:
        self.db = db
        self.writable = writable
        self.store = Store(db, read_only=not writable)
        self._lock = threading.Lock()
        self.info: dict[str, Any] = {"version": SCHEMA_VERSION, "coder": None}
        self.refresh()

    def reader(self) -> Store:
        """A new cursor for one request (close it when done)."""
        with self._lock:  # the base connection hands out cursors, one thread at a time
            return self.store.cursor()

    def refresh(self) -> None:
        """Re-read what the envelope says about the store (after the watcher committed)."""
        with self.reader() as store:
            rows = store.execute(
                "SELECT coder_version, dictionary_version FROM articles ORDER BY coded_at DESC LIMIT 1"
            ).fetchall()
        coder, dictionaries = rows[0] if rows else (None, None)
        self.info = {"version": SCHEMA_VERSION, "coder": coder, "dictionaries": dictionaries}

    def close(self) -> None:
        with self._lock:
            self.store.close()
