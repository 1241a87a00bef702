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

Where the output goes (docs/store.md, "Exports"):

- ``-`` or no output: standard output (every format but Parquet, which is a folder);
- a device, a FIFO or a socket (``/dev/stdout``, ``/dev/null``, a named pipe), or a link to one:
  written through, never replaced;
- a regular file, or a link to one: written to a temporary file in the real file's folder and
  renamed over it when complete, so a failed export never leaves a half-written file under the
  name and a link stays a link. A new file gets the umask's mode; a replaced file keeps its mode;
- a missing folder is created, as for Parquet and ``--db``.

File exports are written to a temporary file beside the output and renamed when
complete, so a failed export never leaves a half-written file under the name.

The formats are a registry (`EXPORTERS`): a new layout is one module with a
``write(store, stream) -> rows`` function and one `register(Exporter(...))` line below.
The command line's ``--format`` choices come from it.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from eventwire.errors import ConfigError, EventwireError
from eventwire.export.common import Written

if TYPE_CHECKING:  # the store (DuckDB, pyarrow) loads when one is opened
    from eventwire.store.db import Store

__all__ = ["EXPORTERS", "EXPORT_FORMATS", "Exporter", "ExportSummary", "export", "register"]

#: a file exporter: writes the store's events to a text stream, returns rows written (and rows left out)
StreamWriter = Callable[["Store", IO[str]], "int | tuple[int, int]"]


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
    outside_cameo: int = 0  # left out of a CAMEO layout: a dictionary code outside CAMEO (cameo.is_cameo)

    def summary(self) -> str:
        unit = "mentions" if self.format == "gdelt-mentions" else "events"
        if self.rows == 1:
            unit = unit[:-1]
        notes = []
        if self.skipped:
            notes.append(f"{self.skipped:,} without a PLOVER type left out")
        if self.outside_cameo:
            notes.append(f"{self.outside_cameo:,} with codes outside CAMEO left out; `eventwire query` lists them")
        extra = f" ({'; '.join(notes)})" if notes else ""
        return f"{self.rows:,} {unit} written to {self.path} ({self.format}){extra}"


STDOUT = "<stdout>"


def export(store: Store, fmt: str, output: str | None = None) -> ExportSummary:
    """Write the store's events to `output` in format `fmt` (`-` or None: standard output)."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ConfigError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORTERS)}")
    write = exporter.load()
    if exporter.folder:
        if output in (None, "-"):
            raise ConfigError(f"{fmt.capitalize()} output is a folder of month partitions; give --output FOLDER")
        return ExportSummary(fmt, output, write(store, output))
    if output in (None, "-"):
        result = write(store, sys.stdout)
        sys.stdout.flush()
        output = STDOUT
    elif _write_through(output):
        result = _write_in_place(output, lambda stream: write(store, stream))
    else:
        result = _atomic_write(os.path.realpath(output), lambda stream: write(store, stream), shown=output)
    if isinstance(result, int):
        return ExportSummary(fmt, output, result)
    return ExportSummary(fmt, output, result.rows, result.skipped, result.outside_cameo)


def write_event_records(store: Store, stream: IO[str]) -> int:
    """Every event record as JSON lines (`eventwire query --format jsonl`)."""
    from eventwire.store.query import event_records, write_records

    return write_records(event_records(store), "jsonl", stream)


Write = Callable[[IO[str]], "int | Written"]


def _write_through(output: str) -> bool:
    """True for what must be opened and written, not replaced: a device, FIFO or socket (through any
    links), or a path that resolves into /dev or /proc (/dev/stdout -> /proc/self/fd/1 -> ...)."""
    try:
        mode = os.stat(output).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return True
    real = os.path.realpath(output)
    return real.startswith(("/dev/", "/proc/"))


def _write_in_place(output: str, write: Write) -> int | Written:
    try:
        with open(output, "w", encoding="utf-8", newline="") as stream:
            return write(stream)
    except OSError as e:
        raise EventwireError(f"cannot be written ({e.strerror}); check the path and permissions", where=output) from None


def _atomic_write(output: str, write: Write, *, shown: str) -> int | Written:
    """Temp file in `output`'s folder, renamed over `output` (the real path, links resolved) when done."""
    folder = os.path.dirname(output)
    if os.path.isdir(output):
        raise EventwireError("is a folder; give a file name for this export format", where=shown)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".eventwire-export-", dir=folder)
    except OSError as e:
        raise EventwireError(f"cannot be written ({e.strerror}); check the path and permissions", where=shown) from None
    try:
        try:
            mode = stat.S_IMODE(os.stat(output).st_mode)  # a replaced file keeps its mode
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            result = write(stream)
        os.replace(tmp, output)
    except OSError as e:
        raise EventwireError(f"cannot be written ({e.strerror}); check free space and permissions", where=shown) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return result


def _umask() -> int:
    current = os.umask(0)  # the only portable way to read it
    os.umask(current)
    return current
