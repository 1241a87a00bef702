"""Every /api/v1 endpoint over the hand-built store of api_store.py: what it answers, and its envelope."""

from __future__ import annotations

from typing import Any

import pytest
from api_store import FILLER_DAYS
from fastapi.testclient import TestClient

V1 = "/api/v1"
DATED = 5  # events of STORIES with a date (A, NATO-Iraq, shelling, protest, ceasefire) + the fillers
ALL_EVENTS = DATED + 1 + FILLER_DAYS  # + the undated accusation


def get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(V1 + path, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def codes(body: dict[str, Any]) -> list[str]:
    return sorted(r["code"] for r in body["results"])


def test_api_events_envelope(client: TestClient) -> None:
    """A list answers in the one envelope: normalised query, limit, cursor, results, store versions."""
    body = get(client, "/events", root="2", limit=5)
    assert list(body) == ["query", "limit", "next_cursor", "next_url", "results", "store"]
    assert body["query"] == {"root": "02", "sort": "date"}
    assert body["limit"] == 5 and body["next_cursor"] is None and body["next_url"] is None
    assert body["store"] == {"version": 2, "coder": "test-coder", "dictionaries": "test-dicts"}
    (event,) = body["results"]
    assert event["code"] == "0232" and event["num_mentions"] == 2 and "mentions" not in event


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "2008-05-01", "end": "2008-12-31"}, ["141", "195"]),
        ({"start": "17 April 2008", "end": "2008-04-17"}, ["0232", "040"]),
        ({"actor": "IRQ"}, ["0232", "040", "195"]),
        ({"actor": "maliki"}, ["0232"]),
        ({"actor": "IRQ|TUR"}, ["0232", "040", "112", "195"]),
        ({"source": "IRN"}, ["141", "195"]),
        ({"target": "IRQ"}, ["040", "195"]),
        ({"target": "the government"}, ["141"]),
        ({"country": "egy"}, ["057"]),
        ({"country": "BEL|SYR"}, ["040", "112"]),
        ({"code": "02"}, ["0232"]),
        ({"code": "0232|057"}, ["0232", "057"]),
        ({"root": "14|19"}, ["141", "195"]),
        ({"quad_class": "4"}, ["195"]),
        ({"quad_class": "3|4"}, ["112", "141", "195"]),
        ({"plover": "protest"}, ["141"]),
        ({"plover": "ASSAULT|support"}, ["057", "195"]),
        ({"place": "basra"}, ["195"]),
        ({"place": "Basra|Cairo"}, ["057", "195"]),
        ({"bbox": "40,29,50,34"}, ["0232", "195"]),
        ({"bbox": "170,-10,-170,10"}, []),  # across the antimeridian: nothing there
        ({"min_mentions": 2}, ["0232", "040"]),
        ({"outlet": "reuters.com"}, ["0232", "195"]),
        ({"outlet": "RFERL.org|bbc.co.uk"}, ["0232", "040", "112", "141"]),
        ({"q": "ceasefire"}, ["057"]),
        ({"q": "killing farmers"}, ["195"]),
        ({"q": "farmers ceasefire"}, []),  # all words in one sentence
        ({"q": "ceasefire|shelled"}, ["057", "195"]),
        ({"actor": "IRQ", "quad_class": "1", "start": "2008-01-01"}, ["0232", "040"]),
    ],
)
def test_api_events_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    """Each filter, alone and with alternatives (a|b), selects the events it names."""
    assert codes(get(client, "/events", limit=1000, **params)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"source": "IRQ"}, {"target": "IRQ"}, {"source": "IGOWST"}, {"target": "IGOWSTNAT"}, {"actor": "IRQGOV|ISR"},
        {"source": "IRQGOVX"}, {"actor": "IGOWSTNAT"}, {"source": "IRQ|maliki"}, {"target": "USA"},
    ],
)  # fmt: skip
def test_api_actor_codes_on_the_events_table_match_the_reports(api_db: str, params: dict[str, str]) -> None:
    """The shortcut (an actor code no longer than the dedup actor level, tested on the event's own
    codes) finds exactly the events the reports do, symmetric roots (a meeting seen from both sides)
    included."""
    from eventwire.store.db import Store
    from eventwire.store.query import EventFilter

    flt = EventFilter(**params).validated()  # type: ignore[arg-type]
    with Store(api_db, read_only=True) as store:
        found = {}
        for dedup in (None, store.dedup_config):
            where, values = flt.where(dedup)
            found[dedup is None] = {r[0] for r in store.execute(f"SELECT e.event_id FROM events e {where}", values).fetchall()}
    assert found[True] == found[False]
    if params == {"source": "IRQ"}:
        assert len(found[True]) == 2  # event A, and the meeting (IRQGOV is the source of one report)


def test_api_events_keyset_pages(client: TestClient) -> None:
    """Following next_cursor walks every event once, in (date, id) order, undated last; -date reverses
    the dated ones."""
    for sort in ("date", "-date"):
        whole = get(client, "/events", limit=1000, sort=sort)["results"]
        assert len(whole) == ALL_EVENTS
        seen: list[str] = []
        params: dict[str, Any] = {"limit": 7, "sort": sort}
        while True:
            body = get(client, "/events", **params)
            seen += [r["event_id"] for r in body["results"]]
            if body["next_cursor"] is None:
                break
            assert body["next_url"].endswith("cursor=" + body["next_cursor"])
            params["cursor"] = body["next_cursor"]
        assert seen == [r["event_id"] for r in whole]
        dates = [r["date"] for r in whole]
        assert dates[-1] is None
        assert dates[:-1] == sorted(dates[:-1], reverse=sort == "-date")


def test_api_events_limit_capped_and_total(client: TestClient) -> None:
    body = get(client, "/events", limit=5000, with_total="true", source="USAGOV")
    assert body["limit"] == 1000
    assert body["total"] == FILLER_DAYS == len(body["results"])


def test_api_event_detail_reports_and_merge(client: TestClient) -> None:
    """/events/{id}: every report with outlet, URL, date, sentence, offsets and rule, and why they merged."""
    (event,) = get(client, "/events", code="0232")["results"]
    detail = get(client, f"/events/{event['event_id']}")
    reports = detail["mentions"]
    assert sorted(r["outlet"] for r in reports) == ["reuters.com", "rferl.org"]
    for r in reports:
        assert r["published"] == "2008-04-17" and r["url"].startswith("https://")
        assert r["evidence"]["rule"] == "CAMEO.2.0.txt:100" and r["evidence"]["verb"] == "urged"
        assert r["source"]["text"] == "Nuri al-Maliki" and r["source"]["rule"].startswith("Phoenix.Countries")
    merged = detail["merged"]
    assert merged["reports"] == 2 and merged["window_days"] == 2
    assert "IRQGOV" in merged["block"] and "within 2 days of the event's first date" in merged["rule"]


def test_api_article_offsets_point_into_the_text(client: TestClient) -> None:
    """/articles/{id}: the story text, and each event's actor, verb and place offsets slice it."""
    story = get(client, "/articles/s1")
    text = story["text"]
    assert story["outlet"] == "rferl.org" and story["published"] == "2008-04-17"
    assert len(story["events"]) == 2
    for e in story["events"]:
        for side in ("source", "target"):
            assert text[e[side]["start"] : e[side]["end"]] == e[side]["text"]
        assert text[e["verb"]["start"] : e["verb"]["end"]] == e["verb"]["text"]
        assert text[e["place"]["start"] : e["place"]["end"]] == e["place"]["name"]
        assert e["verb"]["rule"] == "CAMEO.2.0.txt:100"


def test_api_timeline_by_quad_class_with_story_denominators(client: TestClient) -> None:
    body = get(client, "/timeline", interval="month", end="2009-12-31")
    rows = body["results"]
    assert [(r["period"], r["group"], r["events"], r["mentions"]) for r in rows] == [
        ("2008-04-01", "1", 2, 4),
        ("2008-05-01", "4", 1, 1),
        ("2008-06-01", "3", 1, 1),
        ("2009-01-01", "1", 1, 1),
    ]
    assert rows[0]["label"] == "Verbal cooperation" and rows[0]["stories"] == 3
    assert body["stories"] == [
        {"period": "2008-04-01", "stories": 3},
        {"period": "2008-05-01", "stories": 1},
        {"period": "2008-06-01", "stories": 1},
        {"period": "2009-01-01", "stories": 1},
    ]
    assert body["query"] == {"end": "2009-12-31", "interval": "month", "group_by": "quad_class"}


@pytest.mark.parametrize(
    ("group_by", "groups"),
    [("root", {"02", "04", "14", "19", "05"}), ("plover", {None, "CONSULT", "PROTEST", "ASSAULT", "SUPPORT"}), ("country", {"IRQ", "BEL", "IRN", "EGY"})],
)
def test_api_timeline_groups(client: TestClient, group_by: str, groups: set[Any]) -> None:
    rows = get(client, "/timeline", interval="day", group_by=group_by, end="2009-12-31")["results"]
    assert {r["group"] for r in rows} == groups
    assert sum(r["events"] for r in rows) == DATED


def test_api_timeline_week_periods_start_on_monday(client: TestClient) -> None:
    rows = get(client, "/timeline", interval="week", source="USAGOV")["results"]
    import datetime as dt

    assert all(dt.date.fromisoformat(r["period"]).weekday() == 0 for r in rows)
    assert sum(r["events"] for r in rows) == FILLER_DAYS


def test_api_geo_places(client: TestClient) -> None:
    body = get(client, "/geo")
    assert body["type"] == "FeatureCollection" and body["query"] == {"level": "place"}
    by_name = {f["properties"]["name"]: f for f in body["features"]}
    assert set(by_name) == {"Baghdad", "Brussels", "Basra", "Tehran", "Cairo"}
    baghdad = by_name["Baghdad"]
    assert baghdad["geometry"] == {"type": "Point", "coordinates": [44.4, 33.34]}
    props = baghdad["properties"]
    assert props["count"] == 1 and props["mentions"] == 2 and props["goldstein"] == 3.4 and props["iso_n3"] == "368"
    assert by_name["Brussels"]["properties"]["mentions"] == 2  # one meeting, reported from both sides
    assert len(props["top_event_ids"]) == 1


def test_api_geo_countries_carry_iso_numeric_ids(client: TestClient) -> None:
    """level=country: one feature per country with the world-atlas id (ISO 3166 numeric)."""
    features = get(client, "/geo", level="country")["features"]
    ids = {f["properties"]["country"]: f["properties"]["iso_n3"] for f in features}
    assert ids == {"IRQ": "368", "BEL": "056", "IRN": "364", "EGY": "818"}
    iraq = next(f for f in features if f["properties"]["country"] == "IRQ")
    assert iraq["properties"]["count"] == 2 and len(iraq["properties"]["top_event_ids"]) == 2
    # the most reported event first
    (a,) = get(client, "/events", code="0232")["results"]
    assert iraq["properties"]["top_event_ids"][0] == a["event_id"]


def test_api_geo_filtered_and_limited(client: TestClient) -> None:
    body = get(client, "/geo", quad_class="4", limit=1)
    assert [f["properties"]["name"] for f in body["features"]] == ["Basra"] and body["limit"] == 1


def test_api_dyads(client: TestClient) -> None:
    rows = get(client, "/dyads", end="2009-12-31")["results"]
    asks = next(r for r in rows if (r["source"], r["target"]) == ("IRQGOV", "IGOWST"))
    assert (asks["events"], asks["mentions"], asks["goldstein"]) == (1, 2, 3.4)
    shelling = next(r for r in rows if r["source"] == "IRNMIL")
    assert shelling["quad_classes"] == {"1": 0, "2": 0, "3": 0, "4": 1} and shelling["goldstein"] == -10.0
    countries = get(client, "/dyads", level="country", source="USA")["results"]
    assert countries == [
        {"source": "USA", "target": "CAN", "events": FILLER_DAYS, "mentions": FILLER_DAYS, "goldstein": 0.0,
         "quad_classes": {"1": FILLER_DAYS, "2": 0, "3": 0, "4": 0}}
    ]  # fmt: skip


def test_api_actors_autocomplete(client: TestClient) -> None:
    """Codes by prefix, names by words, each with its dictionary line; CAMEO countries by name."""
    nato = get(client, "/actors", q="nato")["results"]
    assert nato[0]["code"] == "IGOWSTNAT" and nato[0]["rule"] == "Phoenix.Countries.actors.txt:90"
    assert nato[0]["mentions"] == 4
    iraq = get(client, "/actors", q="IRQ")["results"]
    assert {r["code"] for r in iraq} >= {"IRQGOV", "IRQCVL"}
    egypt = get(client, "/actors", q="egypt")["results"]
    assert egypt[0]["code"] == "EGY" and egypt[0]["text"] == "Egypt"
    assert any(r["code"] == "EGY" for r in get(client, "/actors", q="EG", limit=50)["results"])


def test_api_meta(client: TestClient) -> None:
    meta = get(client, "/meta")
    books = meta["codebooks"]
    assert len(books["cameo"]) > 300 and {"code": "0232", "root": "02"}.items() <= next(c for c in books["cameo"] if c["code"] == "0232").items()
    assert [q["quad_class"] for q in books["quad_classes"]] == [1, 2, 3, 4] and "PROTEST" in books["plover"]
    coverage = meta["coverage"]
    assert coverage["first_date"] == "2008-04-17" and coverage["undated_events"] == 1
    assert coverage["counts"]["events"] == ALL_EVENTS
    assert coverage["stories_per_day"][0] == {"day": "2008-04-17", "stories": 3}
    assert meta["store"]["writable"] is False and meta["coder"]["version"].startswith("eventwire ")


def test_api_list_records_are_the_detail_records_without_reports(client: TestClient) -> None:
    """A list reads only each event's first report; what it shows is what /events/{id} shows."""
    for listed in get(client, "/events", limit=1000, end="2009-12-31")["results"]:
        detail = get(client, f"/events/{listed['event_id']}")
        detail.pop("mentions")
        detail.pop("merged")
        assert listed == detail
