"""Standard exports of the store's de-duplicated events (docs/store.md, "Exports").

    export(store, "gdelt", "events.tsv")

| format          | what                                                   | module      |
|-----------------|--------------------------------------------------------|-------------|
| gdelt           | GDELT 2.0 events table, 61 tab-separated columns       | gdelt.py    |
| gdelt-mentions  | GDELT 2.0 mentions table, 16 columns, one per mention  | gdelt.py    |
| icews           | ICEWS 20-field layout with header                      | icews.py    |
| plover          | PLOVER JSON records (JSON lines)                       | plover.py   |
| parquet         | flat event rows, a Parquet dataset partitioned by month | parquet.py  |
| jsonl           | event records, as `eventwire query --format jsonl`     | query       |

File exports are written to a temporary file beside the output and renamed when
complete, so a failed export never leaves a half-written file under the name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from eventwire.errors import ConfigError, EventwireError
from eventwire.store.db import Store

__all__ = ["EXPORT_FORMATS", "ExportSummary", "export"]

EXPORT_FORMATS = ("gdelt", "gdelt-mentions", "icews", "plover", "parquet", "jsonl")


@dataclass(frozen=True, slots=True)
class ExportSummary:
    format: str
    path: str
    rows: int
    skipped: int = 0  # events left out (plover: CAMEO 01/02 have no PLOVER type)

    def summary(self) -> str:
        unit = "mentions" if self.format == "gdelt-mentions" else "events"
        extra = f" ({self.skipped:,} without a PLOVER type left out)" if self.skipped else ""
        return f"{self.rows:,} {unit} written to {self.path} ({self.format}){extra}"


def export(store: Store, fmt: str, output: str) -> ExportSummary:
    """Write the store's events to `output` in format `fmt`."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        from eventwire.export.parquet import write_parquet

        return ExportSummary(fmt, output, write_parquet(store, output))
    writer = _writer(fmt)
    result = _atomic_write(output, lambda stream: writer(store, stream))
    rows, skipped = result if isinstance(result, tuple) else (result, 0)
    return ExportSummary(fmt, output, rows, skipped)


def _writer(fmt: str) -> Callable[[Store, IO[str]], int | tuple[int, int]]:
    if fmt == "gdelt":
        from eventwire.export.gdelt import write_gdelt_events

        return write_gdelt_events
    if fmt == "gdelt-mentions":
        from eventwire.export.gdelt import write_gdelt_mentions

        return write_gdelt_mentions
    if fmt == "icews":
        from eventwire.export.icews import write_icews

        return write_icews
    if fmt == "plover":
        from eventwire.export.plover import write_plover

        return write_plover
    from eventwire.store.query import event_records, write_records

    return lambda store, stream: write_records(event_records(store), "jsonl", stream)


def _atomic_write(output: str, write: Callable[[IO[str]], int | tuple[int, int]]) -> int | tuple[int, int]:
    folder = os.path.dirname(os.path.abspath(output))
    if os.path.isdir(output):
        raise EventwireError("is a folder; give a file name for this export format", where=output)
    if not os.path.isdir(folder):
        raise EventwireError("cannot be written: its folder does not exist; create it first", where=output)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".eventwire-export-", dir=folder)
    except OSError as e:
        raise EventwireError(f"cannot be written ({e.strerror}); check the path and permissions", where=output) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            result = write(stream)
        os.replace(tmp, output)
    except OSError as e:
        raise EventwireError(f"cannot be written ({e.strerror}); check free space and permissions", where=output) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return result
