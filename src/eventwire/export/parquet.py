"""Parquet: flat event rows as a pyarrow dataset partitioned by month (hive style).

    OUTPUT/month=2008-04/part-0.parquet
    OUTPUT/month=undated/part-0.parquet

Columns: every column of the events table (without the internal ``block``),
plus the first mention's ``source_text``, ``target_text``, ``sentence``, ``url``,
``doc_id`` and ``evidence_rule``, and ``global_event_id`` (the GDELT id). Read it
back with ``pyarrow.dataset.dataset(OUTPUT, partitioning="hive")``, DuckDB's
``read_parquet('OUTPUT/*/*.parquet', hive_partitioning=true)`` or pandas.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from eventwire.errors import EventwireError
from eventwire.store.db import Store

__all__ = ["write_parquet"]

#: one row per event, unordered (the HTTP API restricts it to a page of event ids)
SELECT = """
SELECT e.* EXCLUDE (block),
       CAST(('0x' || left(e.event_id, 15)) AS BIGINT) AS global_event_id,
       m.source_text, m.target_text, s.text AS sentence, m.url, m.doc_id, m.evidence_rule,
       coalesce(strftime(e.day, '%Y-%m'), 'undated') AS month
FROM events e
JOIN mentions m ON m.mention_id = e.first_mention_id
LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index
"""
SQL = SELECT + "ORDER BY e.day NULLS LAST, e.event_id\n"


def write_parquet(store: Store, output: str) -> int:
    """Write the dataset under the folder `output` (new or empty); returns the number of events."""
    if os.path.exists(output) and (not os.path.isdir(output) or os.listdir(output)):
        raise EventwireError(
            "exists and is not an empty folder; Parquet output is a folder of month partitions: "
            "give a new folder name or remove it",
            where=output,
        )
    table = store.arrow(SQL)
    # Written to a temporary folder beside `output`, renamed when complete: a failed export
    # leaves no partial files, and the rerun finds the name free.
    parent = os.path.dirname(os.path.abspath(output))
    try:
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=".eventwire-export-", dir=parent)
    except OSError as e:
        raise EventwireError(f"cannot be written ({e.strerror}); check the path and permissions", where=output) from None
    try:
        os.chmod(tmp, 0o777 & ~_umask())
        if table.num_rows:
            partitioning = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive")
            ds.write_dataset(
                table,
                tmp,
                format="parquet",
                partitioning=partitioning,
                existing_data_behavior="overwrite_or_ignore",
                basename_template="part-{i}.parquet",
            )
        if os.path.isdir(output):
            os.rmdir(output)  # empty, checked above
        os.rename(tmp, output)
    except OSError as e:
        raise EventwireError(f"cannot be written ({e}); check free space and permissions", where=output) from None
    finally:
        if os.path.isdir(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
    return int(pc.count(table["event_id"]).as_py()) if table.num_rows else 0


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
