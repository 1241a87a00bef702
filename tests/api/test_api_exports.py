"""`/events?format=...`: the whole filtered result, streamed in each export layout."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from api_store import FILLER_DAYS
from fastapi.testclient import TestClient

from eventwire.api.queries import event_pages
from eventwire.export.gdelt import GDELT_EVENT_COLUMNS
from eventwire.export.icews import ICEWS_FIELDS
from eventwire.store.db import Store
from eventwire.store.query import CSV_COLUMNS, EventFilter


def listed(client: TestClient, **params: str) -> list[str]:
    body = client.get("/api/v1/events", params={**params, "limit": 1000}).json()
    return [r["event_id"] for r in body["results"]]


def export(client: TestClient, fmt: str, **params: str) -> tuple[bytes, str]:
    response = client.get("/api/v1/events", params={**params, "format": fmt, "limit": 2})
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment; filename=\"events.")
    return response.content, response.headers["content-type"]


def test_api_export_ndjson_and_json_hold_every_record_with_reports(client: TestClient) -> None:
    """No page limit: limit=2 is ignored by an export; records carry their reports."""
    want = listed(client, country="IRQ")
    body, media = export(client, "ndjson", country="IRQ")
    records = [json.loads(line) for line in body.decode().splitlines()]
    assert media == "application/x-ndjson" and [r["event_id"] for r in records] == want and len(want) == 3
    assert all(r["mentions"] for r in records)
    body, media = export(client, "json", country="IRQ", sort="-date")
    assert media == "application/json" and [r["event_id"] for r in json.loads(body)] == want[::-1]


def test_api_export_csv(client: TestClient) -> None:
    body, _ = export(client, "csv", source="USAGOV")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(rows) == FILLER_DAYS and list(rows[0]) == list(CSV_COLUMNS)
    assert [r["event_id"] for r in rows] == listed(client, source="USAGOV")


def test_api_export_gdelt_and_icews(client: TestClient) -> None:
    body, _ = export(client, "gdelt", root="19|14")
    lines = body.decode().splitlines()
    assert len(lines) == 2 and all(len(line.split("\t")) == len(GDELT_EVENT_COLUMNS) for line in lines)
    assert [line.split("\t")[26] for line in lines] == ["195", "141"]  # EventCode, by date
    body, _ = export(client, "icews", root="19")
    header, row = body.decode().splitlines()
    assert header.split("\t") == list(ICEWS_FIELDS) and row.split("\t")[6] == "195"


def test_api_export_plover_leaves_out_codes_without_a_type(client: TestClient) -> None:
    body, _ = export(client, "plover", country="IRQ")
    records = [json.loads(line) for line in body.decode().splitlines()]
    assert sorted(r["event"] for r in records) == ["ASSAULT", "CONSULT"]  # 0232 has no PLOVER type


def test_api_export_parquet(client: TestClient) -> None:
    body, media = export(client, "parquet", end="2009-12-31")
    table = pq.read_table(io.BytesIO(body))
    assert media == "application/vnd.apache.parquet"
    assert table.column("event_id").to_pylist() == listed(client, end="2009-12-31")
    assert "sentence" in table.column_names and "month" not in table.column_names
    empty = pq.read_table(io.BytesIO(export(client, "parquet", country="ZZZ")[0]))
    assert empty.num_rows == 0 and "event_id" in empty.column_names


@pytest.mark.parametrize("chunk", [1, 7, 1000])
def test_api_event_pages_walk_every_event_once(api_db: str, chunk: int) -> None:
    """The export's reader: keyset pages of `chunk` ids, every event once, in order (bounded memory)."""
    with Store(api_db, read_only=True) as store:
        pages = list(event_pages(store, EventFilter(), chunk=chunk))
        everything = [e["event_id"] for page in pages for e in page]
        assert all(len(p) <= chunk for p in pages) and len(everything) == len(set(everything))
        assert len(everything) == store.counts()["events"]
