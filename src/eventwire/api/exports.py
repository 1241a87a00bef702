"""`GET /api/v1/events?format=...`: the whole filtered result streamed in an export layout.

The events are read a page of ids at a time (the keyset pages of `queries.page_ids`, each query under
the time budget) and written by the exporters' own row functions (`eventwire.export`), so an export
of a million events holds one page in memory, never the result.

    json     one JSON array of event records        ndjson  event records, one a line
    csv      the flat CSV columns of `eventwire query --format csv`
    gdelt    GDELT 2.0 events, 61 tab-separated columns (no header; codes outside CAMEO left out)
    icews    the ICEWS 20-field layout with its header
    plover   PLOVER JSON records, one a line (CAMEO 01/02 and codes outside CAMEO left out)
    parquet  one Parquet file of flat event rows (the columns of `eventwire export --format parquet`)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

import orjson

from eventwire.api.budget import time_budget
from eventwire.api.queries import Sort, event_pages, register_ids
from eventwire.store.db import Store
from eventwire.store.query import CSV_COLUMNS, EventFilter, events_from_rows, flat

__all__ = ["EXPORT_FORMATS", "export_stream"]

#: format -> (media type, file extension)
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "json": ("application/json", "json"),
    "ndjson": ("application/x-ndjson", "ndjson"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "icews": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "plover": ("application/x-ndjson", "ndjson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}

_IDS = "_export_ids"


def export_stream(
    open_store: Callable[[], Store], fmt: str, flt: EventFilter, sort: Sort, budget: float | None, chunk: int = 1000
) -> Iterator[bytes]:
    """The bytes of the export, page by page. The store (a cursor) is opened when reading starts and
    closed when the stream ends or is dropped (the client went away)."""
    store = open_store()
    try:
        pages = _budgeted_pages(store, flt, sort, budget, chunk)
        writer = _WRITERS[fmt]
        yield from writer(store, pages, budget)
    finally:
        store.close()


Page = list[dict[str, Any]]  # events-table rows


def _budgeted_pages(store: Store, flt: EventFilter, sort: Sort, budget: float | None, chunk: int) -> Iterator[Page]:
    pages = event_pages(store, flt, sort=sort, chunk=chunk)
    while True:
        with time_budget(store, budget):
            rows = next(pages, None)
        if rows is None:
            return
        yield rows


def _records(store: Store, pages: Iterator[Page], budget: float | None) -> Iterator[list[dict[str, Any]]]:
    for rows in pages:
        with time_budget(store, budget):
            found = events_from_rows(store, rows)
        yield [event.to_json() for event in found]


def _json(store: Store, pages: Iterator[Page], budget: float | None) -> Iterator[bytes]:
    first = True
    yield b"["
    for records in _records(store, pages, budget):
        for record in records:
            yield (b"\n" if first else b",\n") + orjson.dumps(record)
            first = False
    yield b"\n]\n"


def _ndjson(store: Store, pages: Iterator[Page], budget: float | None) -> Iterator[bytes]:
    for records in _records(store, pages, budget):
        yield b"".join(orjson.dumps(r) + b"\n" for r in records)


def _csv(store: Store, pages: Iterator[Page], budget: float | None) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for records in _records(store, pages, budget):
        writer.writerows(flat(r) for r in records)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def _plover(store: Store, pages: Iterator[Page], budget: float | None) -> Iterator[bytes]:
    from eventwire.cameo import is_cameo
    from eventwire.export.plover import plover_record

    for records in _records(store, pages, budget):
        rows = (plover_record(r) for r in records if is_cameo(r["code"]))
        yield b"".join(orjson.dumps(row) + b"\n" for row in rows if row is not None)


def _rows_of(store: Store, select: str, ids: list[str], budget: float | None) -> list[dict[str, Any]]:
    """`select` (an exporter's one-row-per-event query over `events e`) for these ids, in their order."""
    register_ids(store, _IDS, ids)
    with time_budget(store, budget):
        rows = store.rows(f"SELECT * FROM ({select}) x WHERE x.event_id IN (SELECT event_id FROM {_IDS})")
    by_id = {r["event_id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def _gdelt(store: Store, pages: Iterator[Page], budget: float | None) -> Iterator[bytes]:
    from eventwire.cameo import is_cameo
    from eventwire.export.gdelt import EVENTS_SELECT, gdelt_event_row

    for page in pages:
        rows = _rows_of(store, EVENTS_SELECT, [e["event_id"] for e in page], budget)
        yield "".join("\t".join(gdelt_event_row(e)) + "\n" for e in rows if is_cameo(e["code"])).encode("utf-8")


def _icews(store: Store, pages: Iterator[Page], budget: float | None) -> Iterator[bytes]:
    from eventwire.cameo import is_cameo
    from eventwire.export.icews import ICEWS_FIELDS, SELECT, _type_names, icews_row

    names = _type_names()
    yield ("\t".join(ICEWS_FIELDS) + "\n").encode("utf-8")
    for page in pages:
        rows = _rows_of(store, SELECT, [e["event_id"] for e in page], budget)
        yield "".join("\t".join(icews_row(e, names)) + "\n" for e in rows if is_cameo(e["code"])).encode("utf-8")


class _Sink:
    """A write-only file for pyarrow that hands on what was written (the Parquet file, a part at a time)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


def _parquet(store: Store, pages: Iterator[Page], budget: float | None) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from eventwire.export.parquet import SELECT

    sink = _Sink()
    writer: pq.ParquetWriter | None = None
    sql = f"SELECT * EXCLUDE (month) FROM ({SELECT}) x WHERE x.event_id IN (SELECT event_id FROM {_IDS})"
    for page in pages:
        ids = [e["event_id"] for e in page]
        register_ids(store, _IDS, ids)
        with time_budget(store, budget):
            table = store.arrow(sql)
        rank = pc.index_in(table["event_id"], value_set=pa.array(ids, pa.string()))
        table = table.take(pc.sort_indices(rank))  # the page's order (by date, then id)
        if writer is None:
            writer = pq.ParquetWriter(sink, table.schema)
        writer.write_table(table)
        yield sink.take()
    if writer is None:  # no events: an empty file with the columns
        register_ids(store, _IDS, [])
        writer = pq.ParquetWriter(sink, store.arrow(sql).schema)
    writer.close()
    yield sink.take()


_WRITERS: dict[str, Callable[[Store, Iterator[Page], float | None], Iterator[bytes]]] = {
    "json": _json,
    "ndjson": _ndjson,
    "csv": _csv,
    "gdelt": _gdelt,
    "icews": _icews,
    "plover": _plover,
    "parquet": _parquet,
}
