"""The API's fast reads give what the straightforward SQL gives.

`/events` pages are read date stretch by date stretch, with the reports of each stretch only
(queries.page); `/geo` ranks its top events by row id. Here both are checked against the plain
queries they replace (one ORDER BY over every date; arg_max over the event ids), on a store of a few
hundred events over two years: repeated reports, a symmetric root reported from both sides, undated
events and undated reports of dated events, several outlets and places.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from api_store import BAGHDAD, BASRA, BRUSSELS, CAIRO, TEHRAN, Spec, _coded  # noqa: E402

from eventwire.api import queries  # noqa: E402
from eventwire.records import Story  # noqa: E402
from eventwire.store.db import Store  # noqa: E402
from eventwire.store.query import EventFilter  # noqa: E402

ACTORS = [("IRQGOV", "Iraqi officials"), ("IRQMIL", "Iraqi troops"), ("IRNGOV", "Tehran"), ("USAGOV", "Washington"),
          ("SYRREB", "Syrian rebels"), ("EGYGOV", "Cairo officials"), ("IGOWSTNAT", "NATO")]  # fmt: skip
VERBS = [("met", "040"), ("urged", "0232"), ("shelled", "195"), ("protested", "141"), ("signed", "057"), ("accused", "112")]
PLACES = [BAGHDAD, BASRA, BRUSSELS, CAIRO, TEHRAN, None]
OUTLETS = ["reuters.com", "bbc.co.uk", "rferl.org", "aljazeera.net"]
FIRST_DAY = dt.date(2008, 1, 1)


def _stories(seed: int = 14) -> list[tuple[Story, list[Spec]]]:
    """About 300 stories over two years; a quarter repeat an earlier story's event a day or two later
    from another outlet (a root-04 repeat swaps the sides), some sentences are undated, and some
    stories report their event once more without a date."""
    rng = random.Random(seed)
    out: list[tuple[Story, list[Spec]]] = []
    earlier: list[tuple[dt.date | None, Spec]] = []
    for i in range(300):
        day: dt.date | None = FIRST_DAY + dt.timedelta(days=rng.randrange(730))
        specs = []
        for j in range(rng.choice([1, 1, 2])):
            if earlier and rng.random() < 0.25:
                first_day, old = rng.choice(earlier)
                day = first_day + dt.timedelta(days=rng.randrange(3)) if first_day else None
                source, target = (old.target, old.source) if old.code == "040" and rng.random() < 0.5 else (old.source, old.target)
                assert source is not None and target is not None
                where = f" in {old.place.name}" if old.place else ""
                sentence = f"{source[1]} {old.verb} {target[1]}{where} again in story {i}."
                specs.append(Spec(sentence, source, old.verb, old.code, target, old.place, old.date))
                continue
            source, target = rng.sample(ACTORS, 2)
            verb, code = rng.choice(VERBS)
            place = rng.choice(PLACES)
            where = f" in {place.name}" if place else ""
            sentence = f"{source[1]} {verb} {target[1]}{where} on day {i} part {j}."
            spec = Spec(sentence, source, verb, code, target, place, date="story" if rng.random() > 0.08 else None)
            specs.append(spec)
            earlier.append((day if spec.date else None, spec))
            if spec.date and rng.random() < 0.1:  # an undated report of the same event, in the same story
                specs.append(Spec(f"{source[1]} {verb} {target[1]}{where}, it was said in story {i}.", source, verb, code, target, place, None))
        published = day.isoformat() if day else None
        out.append((Story(f"r{i:03d}", "", published, f"https://{OUTLETS[i % 4]}/{i}", f"Story {i}", OUTLETS[i % 4]), specs))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = str(tmp_path_factory.mktemp("reference") / "events.duckdb")
    with Store(path) as writing:
        writing.write([_coded(s, specs) for s, specs in _stories()], coder_version="test", dictionary_version="test")
    with Store(path, read_only=True) as reading:
        yield reading


FILTERS = [
    EventFilter(),
    EventFilter(country="IRQ"),
    EventFilter(country="IRQ|EGY", quad="3|4"),
    EventFilter(actor="IRQ"),
    EventFilter(actor="Iraqi|NATO"),
    EventFilter(source="IRQGOV"),  # a fixed code on one side: root 04's reports are read
    EventFilter(target="IRQ|USA", root="04"),
    EventFilter(source="Tehran"),
    EventFilter(outlet="reuters.com|BBC.co.uk"),
    EventFilter(text="again"),
    EventFilter(text="day 1|story 2"),
    EventFilter(plover="CONSULT|ASSAULT"),
    EventFilter(root="04", min_mentions=2),
    EventFilter(code="0232|19"),
    EventFilter(date_from="2008-03-01", date_to="2008-09-30"),
    EventFilter(date_from="2009-06-01", actor="USA"),
    EventFilter(date_to="2008-02-15"),
    EventFilter(place="Bag|Cairo"),
    EventFilter(bbox="30,29,48,36"),
    EventFilter(actor="EGY", target="SYR", outlet="rferl.org"),  # few or none: every stretch is read
]


def _reference(store: Store, flt: EventFilter, sort: queries.Sort) -> list[str]:
    """Every matching event id in page order, by one query over all dates."""
    where, params = flt.where(store.dedup_config)
    order = "e.day DESC NULLS LAST, e.event_id DESC" if sort == "-date" else "e.day NULLS LAST, e.event_id"
    return [r[0] for r in store.execute(f"SELECT e.event_id FROM events e {where} ORDER BY {order}", params).fetchall()]


def _paged(store: Store, flt: EventFilter, sort: queries.Sort, limit: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    after = None
    for _ in range(1000):
        page, after = queries.page(store, flt, limit=limit, after=after, sort=sort)
        assert len(page) <= limit
        rows += page
        if after is None:
            return rows
    raise AssertionError("the pages did not end")


def test_reference_store_has_what_the_cases_need(store: Store) -> None:
    counts = store.execute(
        "SELECT count(*), count(*) FILTER (day IS NULL), count(*) FILTER (num_mentions > 1), "
        "count(*) FILTER (root = '04' AND num_mentions > 1), max(day) - min(day) FROM events"
    ).fetchall()[0]
    events, undated, repeated, symmetric_repeated, span = counts
    assert events > 250 and undated > 5 and repeated > 20 and symmetric_repeated > 3 and span > 600
    # a root-04 event whose reports name the sides the other way round (what `source=` must read)
    swapped = store.execute(
        "SELECT count(DISTINCT e.event_id) FROM events e JOIN mentions m ON m.event_id = e.event_id "
        "WHERE e.root = '04' AND m.source_code <> e.source_code"
    ).fetchall()[0][0]
    assert swapped > 0
    undated_reports = store.execute(
        "SELECT count(*) FROM mentions m JOIN events e ON e.event_id = m.event_id WHERE m.day IS NULL AND e.day IS NOT NULL"
    ).fetchall()[0][0]
    assert undated_reports > 0  # dated events holding undated reports: the bound keeps them (OR day IS NULL)


def _label(flt: EventFilter) -> str:
    return ",".join(f"{k}={v}" for k, v in asdict(flt).items() if v is not None) or "all"


@pytest.mark.parametrize("flt", [f.validated() for f in FILTERS], ids=_label)
@pytest.mark.parametrize("sort", ["date", "-date"])
def test_pages_are_the_straightforward_query_s_rows(store: Store, flt: EventFilter, sort: queries.Sort) -> None:
    expected = _reference(store, flt, sort)
    rows = _paged(store, flt, sort, 25)
    assert [r["event_id"] for r in rows] == expected
    full = {r["event_id"]: r for r in store.rows("SELECT * FROM events")}
    assert all(r == full[r["event_id"]] for r in rows)  # the events table's rows, whole


def test_a_stretched_filter_reads_fewer_reports_than_the_whole_store(store: Store) -> None:
    """The bound on the reports is in the SQL: the conditions that read them read those near the days."""
    flt = EventFilter(source="IRQGOV", outlet="reuters.com", text="day").validated()
    days = (dt.date(2008, 5, 1), dt.date(2008, 5, 31))
    where, params = flt.where(store.dedup_config, days=days)
    assert where.count("(SELECT * FROM mentions WHERE day BETWEEN ? AND ? OR day IS NULL) m") == 3
    assert dt.date(2008, 4, 29) in params and dt.date(2008, 6, 2) in params  # the dedup window of 2 days either side
    near = {r[0] for r in store.execute(f"SELECT e.event_id FROM events e {where}", params).fetchall()}
    where_all, params_all = flt.where(store.dedup_config)
    every = store.execute(f"SELECT e.event_id, e.day FROM events e {where_all}", params_all).fetchall()
    assert near == {i for i, day in every if day is not None and days[0] <= day <= days[1]}


@pytest.mark.parametrize("descending", [False, True])
def test_stretches_cover_the_dates_once_in_page_order(store: Store, descending: bool) -> None:
    first, last = store.execute("SELECT min(day), max(day) FROM events").fetchall()[0]
    stretches = list(queries._stretches(first, last, EventFilter(), None, descending=descending))
    assert len(stretches) == queries.STRETCHES + 1
    covered = [d for lo, hi in stretches for d in (lo + dt.timedelta(days=n) for n in range((hi - lo).days + 1))]
    assert sorted(covered) == [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    assert covered == sorted(covered, reverse=descending) or descending  # each stretch runs forward
    assert [lo for lo, _ in stretches] == sorted((lo for lo, _ in stretches), reverse=descending)
    lengths = [(hi - lo).days + 1 for lo, hi in stretches[:-1]]
    assert lengths == [queries.FIRST_STRETCH_DAYS * 2**n for n in range(queries.STRETCHES)]


def test_stretches_start_at_the_cursor_and_stay_within_the_dates(store: Store) -> None:
    span = store.execute("SELECT min(day), max(day) FROM events").fetchall()[0]
    flt = EventFilter(date_from="2008-02-01", date_to="2008-12-31").validated()
    after = queries.Cursor("2008-06-15", "ffff", "date")
    stretches = list(queries._stretches(*span, flt, after, descending=False))
    assert stretches[0][0] == dt.date(2008, 6, 15) and stretches[-1][1] == dt.date(2008, 12, 31)
    back = list(queries._stretches(*span, flt, queries.Cursor("2008-06-15", "0", "-date"), descending=True))
    assert back[0][1] == dt.date(2008, 6, 15) and back[-1][0] == dt.date(2008, 2, 1)
    assert list(queries._stretches(*span, EventFilter(date_from="2030-01-01").validated(), None, descending=False)) == []
    assert list(queries._stretches(None, None, EventFilter(), None, descending=False)) == []  # no dated event


def _rank(store: Store, ids: list[str]) -> list[tuple[int, Any]]:
    found = {
        r[0]: (r[1], r[2])
        for r in store.execute("SELECT event_id, num_mentions, day FROM events WHERE event_id IN (SELECT unnest(?))", [ids]).fetchall()
    }
    return [found[i] for i in ids]


@pytest.mark.parametrize("level", ["place", "country"])
@pytest.mark.parametrize("flt", [EventFilter(), EventFilter(root="04|19"), EventFilter(actor="IRQ", date_to="2009-01-01")])
def test_geo_is_the_straightforward_query_s_answer(store: Store, level: str, flt: EventFilter) -> None:
    flt = flt.validated()
    where, params = flt.where(store.dedup_config)
    placed = (where + " AND" if where else "WHERE") + " e.place_country IS NOT NULL"
    if level == "place":
        placed += " AND e.place_lat IS NOT NULL AND e.place_lon IS NOT NULL"
        keys, group = "e.place_name, e.place_country, e.place_country_fips, round(e.place_lat, 4), round(e.place_lon, 4)", "1, 2, 3, 4, 5"
    else:
        keys, group = "e.place_country, NULL, any_value(e.place_country_fips), avg(e.place_lat), avg(e.place_lon)", "1"
    expected = store.execute(
        f"SELECT {keys}, count(*) AS n, avg(e.goldstein), sum(e.num_mentions), "
        "arg_max(e.event_id, e.num_mentions * 1e12 - epoch(coalesce(e.day, DATE '1970-01-01')), 5) "
        f"FROM events e {placed} GROUP BY {group} ORDER BY n DESC, 1, 2 LIMIT 1000",
        params,
    ).fetchall()
    got = queries.geo(store, flt, level=level, limit=1000)["features"]  # type: ignore[arg-type]
    assert len(got) == len(expected) > 0
    for feature, row in zip(got, expected, strict=True):
        props = feature["properties"]
        name, country = (row[0], row[1]) if level == "place" else (props["name"], row[0])
        assert (props["name"], props["country"], props["count"], props["mentions"]) == (name, country, row[5], row[7])
        assert props["goldstein"] == pytest.approx(row[6], abs=6e-4)  # rounded to 3 places; sums may differ in the last bit
        # the same top events, or events of the same rank where several tie
        assert len(props["top_event_ids"]) == len(row[8])
        assert _rank(store, props["top_event_ids"]) == _rank(store, list(row[8]))
