"""The store on disk: a consistent backup and an integrity report (`eventwire store backup|check`).

A store is the DuckDB file (``events.duckdb``) together with its write-ahead log (``events.duckdb.wal``)
while a writer has it open: `ingest` and `recode` fold the log into the file after every commit
(`Store.checkpoint`), so after a clean exit, or a kill between commits, the file alone is the whole
store. `backup` copies it consistently: it holds the store (no writer can start meanwhile), folds in
the log, copies the file to a temporary name beside the destination, checks the copy, and renames it.
`check` reads every table in full (DuckDB verifies each block's checksum as it reads it) and checks that
mentions, events and articles refer to each other.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field

from eventwire.store.db import Store
from eventwire.store.errors import StoreError
from eventwire.store.schema import TABLES

__all__ = ["CheckReport", "backup_store", "check_store"]

#: (what, SQL counting the rows that break it)
_LINKS = (
    ("mentions without their article", "SELECT count(*) FROM mentions m ANTI JOIN articles a ON a.id = m.doc_id"),
    ("mentions without their event", "SELECT count(*) FROM mentions m ANTI JOIN events e ON e.event_id = m.event_id"),
    ("events without a mention", "SELECT count(*) FROM events e ANTI JOIN mentions m ON m.event_id = e.event_id"),
    (
        "events whose first mention is missing",
        "SELECT count(*) FROM events e ANTI JOIN mentions m ON m.mention_id = e.first_mention_id",
    ),
)


@dataclass(frozen=True, slots=True)
class CheckReport:
    path: str
    counts: dict[str, int]
    wal_bytes: int  # 0: the file alone holds every commit
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        counts = ", ".join(f"{n:,} {table}" for table, n in self.counts.items())
        out = [f"{self.path}: every table read in full, checksums verified: {counts}"]
        if self.wal_bytes:
            out.append(
                f"  note: a write-ahead log of {self.wal_bytes:,} bytes ({self.path}.wal) holds commits not yet in "
                "the file: keep the two together, or run `eventwire store backup`"
            )
        out += [f"  problem: {p}" for p in self.problems]
        out.append("  no problems found" if self.ok else f"  {len(self.problems)} problem(s)")
        return out


def check_store(path: str) -> CheckReport:
    """Read every table of the store at `path` in full and check the links between them."""
    wal = path + ".wal"
    wal_bytes = os.path.getsize(wal) if os.path.exists(wal) else 0
    with Store(path, read_only=True) as store:
        counts = {}
        for table in TABLES:
            # Every column of every row: DuckDB checks a block's checksum when it reads the block.
            result = store.execute(f"SELECT * FROM {table}")
            n = 0
            while chunk := result.fetchmany(10_000):
                n += len(chunk)
            counts[table] = n
        problems = []
        for what, sql in _LINKS:
            bad = int(store.execute(sql).fetchall()[0][0])
            if bad:
                problems.append(f"{bad:,} {what}")
    return CheckReport(path, counts, wal_bytes, tuple(problems))


def backup_store(path: str, dest: str) -> CheckReport:
    """Copy the store at `path` to `dest` (a new file), consistently, and check the copy."""
    if not os.path.exists(path):
        raise StoreError("no such store; nothing to back up", where=path)
    if os.path.exists(dest) or os.path.exists(dest + ".wal"):
        raise StoreError("exists already; give a new file name for the backup", where=dest)
    folder = os.path.dirname(os.path.abspath(dest))
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".eventwire-backup-", suffix=".duckdb", dir=folder)
        os.close(fd)
    except OSError as e:
        raise StoreError(f"cannot be written ({e.strerror}); check the path and permissions", where=dest) from None
    try:
        with Store(path) as store:  # holds the store's lock: no writer changes it while it is copied
            store.checkpoint()
            shutil.copyfile(path, tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        report = check_store(tmp)
        os.rename(tmp, dest)
    except OSError as e:
        raise StoreError(f"cannot be written ({e.strerror}); check free space and permissions", where=dest) from None
    finally:
        for name in (tmp, tmp + ".wal"):
            if os.path.exists(name):
                os.unlink(name)
    return CheckReport(dest, report.counts, 0, report.problems)
