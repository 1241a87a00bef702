"""Store errors: one `StoreError` whose message says what happened and what to do.

    EventwireError (eventwire.errors)
    └── StoreError                 the event store cannot be opened, read or written
        ├── StoreLockedError       another process holds the store
        ├── StoreSchemaError       not an eventwire store, or one of another schema version
        └── StoreFullError         the disk (or the file-size limit) is full

`store_error(exc, path)` turns a DuckDB or OS error into one of these. Every
write happens in a transaction, so when one of these is raised mid-batch, the
batch is rolled back and everything committed before stays in the store.
"""

from __future__ import annotations

import errno
import re

from eventwire.errors import EventwireError

__all__ = ["StoreError", "StoreFullError", "StoreLockedError", "StoreSchemaError", "store_error"]


class StoreError(EventwireError):
    reason = "store"


class StoreLockedError(StoreError):
    reason = "store-locked"


class StoreSchemaError(StoreError):
    reason = "store-schema"


class StoreFullError(StoreError):
    reason = "store-full"


_LOCK_PID = re.compile(r"Conflicting lock is held in .*?\(PID (\d+)\)")
_FULL = ("no space left on device", "file too large", "disk quota exceeded", "not enough space")
_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_DENIED = ("permission denied", "read-only file system", "operation not permitted")


def _is_server(pid: str) -> bool:
    """Whether process `pid` is an `eventwire serve` (read from /proc where there is one)."""
    try:
        with open(f"/proc/{int(pid)}/cmdline", "rb") as f:
            args = f.read().split(b"\0")
    except (OSError, ValueError):
        return False
    return b"serve" in args and any(b"eventwire" in a for a in args)


def store_error(exc: BaseException, path: str) -> StoreError:
    """The StoreError for a DuckDB/OS error met while opening or writing the store at `path`."""
    if isinstance(exc, StoreError):
        return exc
    text = str(exc)
    low = text.lower()
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS or any(s in low for s in _FULL):
        return StoreFullError(
            "the disk is full (or a file-size limit was hit) while writing; the batch being written "
            "was rolled back and everything committed before is kept: free space, then rerun the "
            "same command to finish",
            where=path,
        )
    if "conflicting lock" in low or "could not set lock" in low:
        match = _LOCK_PID.search(text)
        holder = f" (PID {match.group(1)})" if match else ""
        if match and _is_server(match.group(1)):
            return StoreLockedError(
                f"is held by `eventwire serve`{holder}, and DuckDB allows one writing process: stop the "
                "server to ingest, or let the server ingest: restart it with `eventwire serve --db PATH "
                "--watch SOURCE... --every 15m`",
                where=path,
            )
        return StoreLockedError(
            f"is in use by another process{holder}; wait for it to finish (an ingest or recode holds "
            "the store until it ends), or use another --db",
            where=path,
        )
    if "read-only mode" in low or "attached in read-only" in low:
        return StoreError("was opened read-only, so it cannot be written; open it for writing", where=path)
    if any(s in low for s in _DENIED):
        return StoreError(
            "cannot be written here (permission denied or a read-only file system); "
            "pass a --db path in a folder you can write to",
            where=path,
        )
    if "checksum" in low or "corrupt database" in low:
        return StoreError(
            f"is damaged ({text[:200]}); restore it from a copy (`eventwire store backup` makes one), "
            "or ingest the same sources into a new --db; `eventwire store check` reports what is readable",
            where=path,
        )
    if "not a valid duckdb database" in low or "not a duckdb" in low:
        return StoreSchemaError(
            "is not an eventwire store (not a DuckDB database file); pass another --db path", where=path
        )
    if "no such file or directory" in low:
        return StoreError("cannot be created: its folder does not exist; create the folder first", where=path)
    return StoreError(f"store error ({type(exc).__name__}: {text}); check the --db path", where=path)
