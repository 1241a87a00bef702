"""store.query and store.stats: filters over de-duplicated events, event records, output formats."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from store_fakes import scripted_factory, story_line, write_jsonl  # noqa: E402

from eventwire.app.pipeline import ingest  # noqa: E402
from eventwire.errors import ConfigError, OptionError  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.query import CSV_COLUMNS, EventFilter, query_events, write_records  # noqa: E402
from eventwire.store.stats import format_stats, store_stats  # noqa: E402


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Four happenings: a Turkey-Iran meeting (3 reports), a clash in Idlib, a US statement, an April aid pledge."""
    records = [
        {"id": "r1", "source": "Reuters", "date": "2024-03-01", "url": "https://reuters.com/1",
         "text": story_line("TURGOV", "040", "IRNGOV", "Ankara,TUR", words="The foreign ministers of Turkey and Iran met")},
        {"id": "r2", "source": "Anadolu", "date": "2024-03-01",
         "text": story_line("IRNGOV", "040", "TURGOV", "Ankara,TUR", words="Iran's minister held talks")
         + "\n" + story_line("SYRREB", "190", "SYRMIL", "Idlib,SYR", words="Rebels attacked an army post")},
        {"id": "r3", "source": "IRNA", "date": "2024-03-02",
         "text": story_line("TURGOV", "040", "IRNGOV", words="Ankara hosted the Iranian delegation")},
        {"id": "r4", "source": "AP", "date": "2024-03-05",
         "text": story_line("USAGOV", "010", "-", words="Washington issued a statement on the region")},
        {"id": "r5", "source": "AP", "date": "2024-04-10",
         "text": story_line("USAGOV", "0331", "SYRREB", words="The United States pledged material aid")},
    ]  # fmt: skip
    path = write_jsonl(tmp_path / "in.jsonl", records)
    s = Store(tmp_path / "s.duckdb")
    ingest(s, [path], workers=1, coder_factory=scripted_factory)
    yield s
    s.close()


def codes(records: list[dict[str, object]]) -> list[str]:
    return [r["code"] for r in records]  # type: ignore[misc]


def q(store: Store, **kw: object) -> list[dict[str, object]]:
    return query_events(store, EventFilter(**kw).validated())  # type: ignore[arg-type]


def test_query_returns_one_record_per_event_in_date_order(store: Store) -> None:
    """Without filters, every de-duplicated event comes back once, by event date."""
    records = q(store)
    assert codes(records) == ["040", "190", "010", "0331"]
    meeting = records[0]
    assert (meeting["num_mentions"], meeting["num_sources"], meeting["num_articles"]) == (3, 3, 3)
    assert meeting["place"]["name"] == "Ankara"
    assert (meeting["first_seen"], meeting["last_seen"]) == ("2024-03-01", "2024-03-02")


def test_event_record_is_the_first_mention_plus_every_report(store: Store) -> None:
    """A record is the first mention's JSON with the event id, counts, and each mention's id and evidence."""
    meeting = q(store, code="04")[0]
    first = meeting["mentions"][0]
    assert meeting["doc_id"] == first["doc_id"] == "r1"
    assert meeting["sentence"] == first["sentence"]
    assert meeting["event_id"] != first["mention_id"]
    assert [m["doc_id"] for m in meeting["mentions"]] == ["r1", "r2", "r3"]
    assert [m["outlet"] for m in meeting["mentions"]] == ["Reuters", "Anadolu", "IRNA"]
    assert all(m["evidence"]["rule"] == "scripted:1" and m["sentence"] for m in meeting["mentions"])
    json.dumps(meeting)  # JSON-friendly: dates are strings


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"date_from": "2024-03-02"}, ["010", "0331"]),
        ({"date_from": "2024-03-01", "date_to": "March 5, 2024"}, ["040", "190", "010"]),
        ({"actor": "SYR"}, ["190", "0331"]),
        ({"actor": "USAGOV"}, ["010", "0331"]),
        ({"actor": "syrreb"}, ["190", "0331"]),  # lower case: words of the actor's name ("Syrreb")
        ({"country": "tur"}, ["040"]),
        ({"country": "SYR"}, ["190", "0331"]),
        ({"code": "0331"}, ["0331"]),
        ({"code": "03"}, ["0331"]),
        ({"root": "4"}, ["040"]),
        ({"quad": 4}, ["190"]),
        ({"quad": 1}, ["040", "010", "0331"]),
        ({"place": "idl"}, ["190"]),
        ({"text": "delegation iranian"}, ["040"]),  # all words in one evidence sentence, any order
        ({"text": "delegation rebels"}, []),
        ({"actor": "SYR", "quad": 1}, ["0331"]),
    ],
)
def test_filters_select_events(store: Store, kw: dict[str, object], expected: list[str]) -> None:
    """Each filter keeps exactly the events it names; filters combine with AND."""
    assert codes(q(store, **kw)) == expected


def test_limit_caps_the_number_of_events(store: Store) -> None:
    """--limit N returns the first N events by date."""
    assert codes(query_events(store, limit=2)) == ["040", "190"]


@pytest.mark.parametrize(
    ("kw", "error"),
    [
        ({"date_from": "someday"}, ConfigError),
        ({"root": "21"}, ConfigError),
        ({"quad": 5}, ConfigError),
        ({"code": "abc"}, ConfigError),
        ({"country": "Turkey"}, ConfigError),
    ],
)
def test_bad_filter_values_are_user_errors(kw: dict[str, object], error: type[Exception]) -> None:
    """Filter values out of range are rejected before any query runs, naming the field."""
    with pytest.raises(error) as caught:
        EventFilter(**kw).validated()  # type: ignore[arg-type]
    assert isinstance(caught.value, OptionError) and caught.value.field == next(iter(kw))
    assert str(caught.value).startswith(caught.value.field)


def test_csv_and_table_output(store: Store) -> None:
    """CSV has the documented header and one row per event; the table has a header and one line per event."""
    out = io.StringIO()
    assert write_records(q(store), "csv", out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["code"] for r in rows] == ["040", "190", "010", "0331"]
    assert rows[0]["num_sources"] == "3"
    table = io.StringIO()
    write_records(q(store), "table", table)
    lines = table.getvalue().splitlines()
    assert lines[0].startswith("DATE") and len(lines) == 5
    assert "Ankara" in lines[1]


def test_stats_count_by_month_day_root_and_dyad(store: Store) -> None:
    """stats: table counts, events by month and day, by root, and the top dyads."""
    stats = store_stats(store)
    assert stats["counts"]["events"] == 4 and stats["counts"]["mentions"] == 6
    assert stats["events_by_month"] == [{"month": "2024-03", "events": 3}, {"month": "2024-04", "events": 1}]
    assert stats["events_by_day"][0] == {"day": "2024-03-01", "events": 2}
    roots = {r["root"]: (r["events"], r["mentions"]) for r in stats["events_by_root"]}
    assert roots == {"01": (1, 1), "03": (1, 1), "04": (1, 3), "19": (1, 1)}
    assert stats["top_dyads"][0]["events"] == 1
    assert {(d["source"], d["target"]) for d in stats["top_dyads"]} == {
        ("TURGOV", "IRNGOV"), ("SYRREB", "SYRMIL"), ("USAGOV", ""), ("USAGOV", "SYRREB")
    }  # fmt: skip
    text = io.StringIO()
    format_stats(stats, text)
    assert "  2024-03         3\n" in text.getvalue()


def test_events_are_frozen_records_whose_json_is_the_event_record(store: Store) -> None:
    """`events` gives frozen Events; to_json() is the record query prints, mentions earliest first."""
    import dataclasses

    from eventwire.store.query import events

    found = list(events(store, EventFilter(code="040").validated()))
    (meeting,) = found
    assert (meeting.code, meeting.source.code, meeting.target.code) == ("040", "TURGOV", "IRNGOV")  # type: ignore[union-attr]
    assert len(meeting.mention_ids) == meeting.num_mentions == 3
    assert meeting.place is not None and meeting.place.name == "Ankara"
    record = meeting.to_json()
    assert record == q(store, code="040")[0]
    assert [m["mention_id"] for m in record["mentions"]] == list(meeting.mention_ids)
    assert record["event_id"] == meeting.event_id != meeting.first.event_id
    with pytest.raises(dataclasses.FrozenInstanceError):
        meeting.num_mentions = 4  # type: ignore[misc]
