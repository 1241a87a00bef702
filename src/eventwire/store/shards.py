"""A shard's coded rows as Parquet files, partitioned by coder version, and the manifest of finished shards.

A cluster worker writes each shard it codes under one output folder::

    OUT/mentions/coder=<CoderSpec.version>/shard=<id>.parquet          the store's mention columns
    OUT/mentions/coder=<CoderSpec.version>/shard=<id>.rejects.jsonl    the shard's rejects, one JSON a line
    OUT/articles/coder=.../shard=<id>.parquet   (and sentences/, quotes/): the rest of the story rows
    OUT/manifest.jsonl                           one line per finished shard (written by the driver)

Each file is written under a temporary name and renamed when complete, mentions last, so a
reader never sees half a file and a shard whose mentions file exists is whole. The mentions
carry every column of the store's `mentions` table but `event_id` (de-duplication is the
store's); `read_shard_rows` gives back the `StoryRows` that `Store.write` takes, so loading a
shard into the store is the same write as the local engine's.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.dedup import DedupConfig
from eventwire.records import Reject
from eventwire.store.rows import _ID, _READ_SCHEMA, StoryRows, _with_derived_columns

__all__ = ["MANIFEST", "ShardFiles", "finished_shards", "read_shard_rows", "record_finished", "write_shard_rows"]

MANIFEST = "manifest.jsonl"
_TABLES = ("articles", "sentences", "quotes")  # written before the mentions, which mark the shard whole


@dataclass(frozen=True, slots=True)
class ShardFiles:
    """Where shard `shard_id`'s files go under `out` for coder version `coder`."""

    out: str
    coder: str
    shard_id: str

    def table(self, name: str) -> str:
        return os.path.join(self.out, name, f"coder={self.coder}", f"shard={self.shard_id}.parquet")

    @property
    def mentions(self) -> str:
        return self.table("mentions")

    @property
    def rejects(self) -> str:
        return self.table("mentions").removesuffix(".parquet") + ".rejects.jsonl"

    def complete(self) -> bool:
        return all(os.path.exists(p) for p in (self.mentions, self.rejects, *map(self.table, _TABLES)))


def write_shard_rows(files: ShardFiles, rows: StoryRows, rejects: Sequence[Reject]) -> int:
    """Write a shard's rows and rejects (each file atomically, the mentions last); returns the mentions written."""
    for name in _TABLES:
        _write_parquet(getattr(rows, name), files.table(name))
    body = b"".join(
        orjson.dumps({"origin": r.origin, "reason": r.reason, "message": r.message}) + b"\n" for r in rejects
    )
    _write_atomically(files.rejects, lambda tmp: _write_bytes(tmp, body))
    mentions = _with_derived_columns(rows.mentions, DedupConfig())  # root, day, block: for other readers
    _write_parquet(mentions, files.mentions)
    return mentions.num_rows


def read_shard_rows(files: ShardFiles) -> tuple[StoryRows, list[Reject]]:
    """A written shard's rows, as `prepare_rows(..., mention_ids=True)` made them, and its rejects."""
    tables = {name: pq.read_table(files.table(name)) for name in _TABLES}
    mentions = pq.read_table(files.mentions).select([_ID, *_READ_SCHEMA.names])
    rows = StoryRows(
        articles=tables["articles"], sentences=tables["sentences"], mentions=mentions, quotes=tables["quotes"]
    )
    with open(files.rejects, "rb") as f:
        rejects = [Reject(**orjson.loads(line)) for line in f if line.strip()]
    return rows, rejects


def finished_shards(out: str, coder: str) -> dict[str, dict[str, object]]:
    """The manifest's shards finished under `coder` whose files are all there: id -> its manifest line."""
    found: dict[str, dict[str, object]] = {}
    with contextlib.suppress(FileNotFoundError), open(os.path.join(out, MANIFEST), "rb") as f:
        for line in f:
            try:
                entry = orjson.loads(line)
            except orjson.JSONDecodeError:  # a line cut by a crash: that shard is redone
                continue
            if entry.get("coder") == coder and ShardFiles(out, coder, str(entry.get("shard"))).complete():
                found[str(entry["shard"])] = entry
    return found


def record_finished(out: str, entries: Sequence[dict[str, object]]) -> None:
    """Append finished shards to the manifest (the driver only), flushed to disk before returning."""
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, MANIFEST), "ab") as f:
        f.write(b"".join(orjson.dumps(e) + b"\n" for e in entries))
        f.flush()
        os.fsync(f.fileno())


def _write_parquet(table: pa.Table, path: str) -> None:
    _write_atomically(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def _write_bytes(path: str, body: bytes) -> None:
    with open(path, "wb") as f:
        f.write(body)


def _write_atomically(path: str, write: Callable[[str], object]) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)

