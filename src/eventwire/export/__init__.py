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

The formats are a registry (`EXPORTERS`): a new layout is one module with a
``write(store, stream) -> rows`` function and one `register(Exporter(...))` line below.
The command line's ``--format`` choices come from it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from eventwire.errors import ConfigError, EventwireError
from eventwire.store.db import Store

__all__ = ["EXPORTERS", "EXPORT_FORMATS", "Exporter", "ExportSummary", "export", "register"]

#: a file exporter: writes the store's events to a text stream, returns rows written (and rows left out)
StreamWriter = Callable[[Store, IO[str]], "int | tuple[int, int]"]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format. `write` is "module:function", imported when used (exports pull in pyarrow or
    lookup tables that other commands need not load). `folder`: the output is a folder, written by
    the function itself (``write(store, path) -> rows``), not a stream."""

    format: str
    write: str
    description: str
    folder: bool = False

    def load(self) -> Callable[..., Any]:
        import importlib

        module, _, name = self.write.partition(":")
        function: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return function


EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    EXPORTERS[exporter.format] = exporter
    return exporter


register(Exporter("gdelt", "eventwire.export.gdelt:write_gdelt_events", "GDELT 2.0 events table, 61 columns"))
register(Exporter("gdelt-mentions", "eventwire.export.gdelt:write_gdelt_mentions", "GDELT 2.0 mentions table"))
register(Exporter("icews", "eventwire.export.icews:write_icews", "ICEWS 20-field layout with header"))
register(Exporter("plover", "eventwire.export.plover:write_plover", "PLOVER JSON records (JSON lines)"))
register(Exporter("parquet", "eventwire.export.parquet:write_parquet", "Parquet dataset by month", folder=True))
register(Exporter("jsonl", "eventwire.export:write_event_records", "event records, as query --format jsonl"))
EXPORT_FORMATS = tuple(EXPORTERS)


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
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ConfigError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORTERS)}")
    write = exporter.load()
    if exporter.folder:
        return ExportSummary(fmt, output, write(store, output))
    result = _atomic_write(output, lambda stream: write(store, stream))
    rows, skipped = result if isinstance(result, tuple) else (result, 0)
    return ExportSummary(fmt, output, rows, skipped)


def write_event_records(store: Store, stream: IO[str]) -> int:
    """Every event record as JSON lines (`eventwire query --format jsonl`)."""
    from eventwire.store.query import event_records, write_records

    return write_records(event_records(store), "jsonl", stream)


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
