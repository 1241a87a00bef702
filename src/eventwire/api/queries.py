"""The API's reads of the store: one function per endpoint, parameterised SQL only.

Every function takes a `Store` (a request's own cursor: `Store.cursor`) and an `EventFilter` whose
`where()` gives the conditions and their parameters; no request text is ever put into SQL. Event
lists page with a keyset cursor on (date, event id), so a page costs the same however deep it is.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import orjson
import pyarrow as pa

from eventwire.api.countries import country_label, iso_numeric
from eventwire.api.errors import ApiError
from eventwire.records import Event
from eventwire.store.db import MENTION_SELECT, Store
from eventwire.store.query import EventFilter, events_for

__all__ = [
    "MAX_LIMIT",
    "QUAD_CLASSES",
    "Cursor",
    "actors",
    "article",
    "count_events",
    "coverage",
    "dyads",
    "event_detail",
    "event_pages",
    "geo",
    "page",
    "timeline",
]

MAX_LIMIT = 1000
QUAD_CLASSES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
Sort = Literal["date", "-date"]
Interval = Literal["day", "week", "month"]
GroupBy = Literal["quad_class", "root", "plover", "country"]


# --- event lists: keyset pages ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page starts: after the event (day, event_id) in the order `sort`."""

    day: str | None
    event_id: str
    sort: Sort = "date"

    def encode(self) -> str:
        raw = orjson.dumps([self.day, self.event_id, self.sort])
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @staticmethod
    def decode(text: str, sort: Sort) -> Cursor:
        bad = ApiError(422, "cursor: not a cursor of this API; pass next_cursor from the previous page as it is", "cursor")
        try:
            day, event_id, cursor_sort = orjson.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        except (ValueError, TypeError, binascii.Error):
            raise bad from None
        if not isinstance(event_id, str) or not (day is None or isinstance(day, str)) or cursor_sort not in ("date", "-date"):
            raise bad
        if cursor_sort != sort:
            raise ApiError(422, f"cursor: it pages sort={cursor_sort}, not sort={sort}; keep the sort of the first page", "cursor")
        if day is not None:
            try:
                dt.date.fromisoformat(day)
            except ValueError:
                raise bad from None
        return Cursor(day, event_id, sort)


def _keyset(after: Cursor | None, sort: Sort) -> tuple[list[str], list[Any], str]:
    """Conditions for the events after `after`, and the ORDER BY of `sort` (undated events last)."""
    descending = sort == "-date"
    order = "e.day DESC NULLS LAST, e.event_id DESC" if descending else "e.day NULLS LAST, e.event_id"
    if after is None:
        return [], [], order
    beyond = "<" if descending else ">"
    if after.day is None:  # undated events come last in either order
        return [f"(e.day IS NULL AND e.event_id {beyond} ?)"], [after.event_id], order
    return (
        [f"(e.day {beyond} CAST(? AS DATE) OR (e.day = CAST(? AS DATE) AND e.event_id {beyond} ?) OR e.day IS NULL)"],
        [after.day, after.day, after.event_id],
        order,
    )


#: the first stretch of days a page reads, and how many stretches, each twice as long as the one
#: before, come before the rest of the dates is read at once
FIRST_STRETCH_DAYS = 32
STRETCHES = 2


def page(
    store: Store, flt: EventFilter, *, limit: int, after: Cursor | None = None, sort: Sort = "date"
) -> tuple[list[dict[str, Any]], Cursor | None]:
    """The events-table rows of the next `limit` matching events after `after`, and the cursor past
    them (None: the last page).

    A page is the first events in date order, so it is looked for date stretch by date stretch from
    where it starts (32 days, then 64, then all the rest; undated events last): the events
    and mentions tables are stored about in date order, so a stretch reads a few of their row groups,
    and the conditions that read an event's reports read only the reports of its dates
    (`EventFilter.where(days=)`) instead of every report in the store. Not for `q` (words of the
    sentences): the sentences are not stored by date, so each stretch would read them all. The rows
    are the ones one query over all dates would give, in the same order."""
    want = limit + 1
    if flt.text:  # words of the sentences: every sentence is read however few the dates, so only once
        rows = _page_rows(store, flt, after, sort, want, None)
    else:
        first, last, undated = store.execute("SELECT min(day), max(day), count(*) FILTER (day IS NULL) FROM events").fetchall()[0]
        rows = []
        if after is None or after.day is not None:  # dated events remain
            for days in _stretches(first, last, flt, after, descending=sort == "-date"):
                rows += _page_rows(store, flt, after, sort, want - len(rows), days)
                if len(rows) >= want:
                    break
        if len(rows) < want and undated:
            rows += _page_rows(store, flt, after, sort, want - len(rows), "undated")
    more = len(rows) > limit
    rows = rows[:limit]
    last_row = rows[-1] if rows else None
    cursor = Cursor(_iso_day(last_row["day"]), last_row["event_id"], sort) if more and last_row else None
    return rows, cursor


def _page_rows(
    store: Store,
    flt: EventFilter,
    after: Cursor | None,
    sort: Sort,
    limit: int,
    days: tuple[dt.date, dt.date] | Literal["undated"] | None,
) -> list[dict[str, Any]]:
    """The first `limit` matching events after `after`: dated within `days`, or undated, or any (None)."""
    if days == "undated":
        where, params = flt.where(store.dedup_config, undated=True)
    else:
        where, params = flt.where(store.dedup_config, days=days)
    conds = [where[len("WHERE ") :]] if where else []
    keyset, keyset_params, order = _keyset(after, sort)
    conds += keyset
    # The page's row ids first, then only their rows: sorting every matching row with all its
    # columns read cost 5 times more.
    return store.rows(
        "SELECT e.* FROM events e WHERE e.rowid IN (SELECT e.rowid FROM events e"
        + (" WHERE " + " AND ".join(conds) if conds else "")
        + f" ORDER BY {order} LIMIT ?) ORDER BY {order}",
        [*params, *keyset_params, limit],
    )


def _stretches(
    first: dt.date | None, last: dt.date | None, flt: EventFilter, after: Cursor | None, *, descending: bool
) -> Iterator[tuple[dt.date, dt.date]]:
    """The date stretches (first, last day) a page reads in turn, in the order of the page, within
    the store's dates `first`..`last`, the filter's and the cursor's."""
    if first is None or last is None:
        return
    if flt.date_from:
        first = max(first, dt.date.fromisoformat(flt.date_from))
    if flt.date_to:
        last = min(last, dt.date.fromisoformat(flt.date_to))
    if after is not None and after.day is not None:  # the cursor's day still holds events after it
        day = dt.date.fromisoformat(after.day)
        first, last = (first, min(last, day)) if descending else (max(first, day), last)
    length = FIRST_STRETCH_DAYS
    for n in range(STRETCHES + 1):
        if first > last:
            return
        if n == STRETCHES or (last - first).days < length:
            yield first, last
            return
        if descending:
            yield last - dt.timedelta(days=length - 1), last
            last -= dt.timedelta(days=length)
        else:
            yield first, first + dt.timedelta(days=length - 1)
            first += dt.timedelta(days=length)
        length *= 2


def _iso_day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def event_pages(
    store: Store, flt: EventFilter, *, sort: Sort = "date", chunk: int = MAX_LIMIT
) -> Iterator[list[dict[str, Any]]]:
    """Every matching event's row, `chunk` at a time (an export: constant memory however many)."""
    after: Cursor | None = None
    while True:
        rows, after = page(store, flt, limit=chunk, after=after, sort=sort)
        if rows:
            yield rows
        if after is None:
            return


def count_events(store: Store, flt: EventFilter) -> int:
    where, params = flt.where(store.dedup_config)
    return int(store.execute(f"SELECT count(*) FROM events e {where}", params).fetchall()[0][0])


def list_record(event: Event) -> dict[str, Any]:
    """An event in a list: its record without the reports (`/events/{id}` has them)."""
    record = event.to_json()
    record.pop("mentions", None)
    return record


def list_records(store: Store, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The list records of these events-table rows, in their order: only each event's first report is
    read (a list shows no reports), looked up on its day, which is the event's (row groups of other
    days are skipped). The place is then the event's own (name, country, position) unless the first
    report is where it was found."""
    from eventwire.store.query import event_from_rows, events_from_rows

    if not rows:
        return []
    store.con.register("_want_first", pa.table({"mention_id": pa.array([r["first_mention_id"] for r in rows], pa.string())}))
    days = [r["day"] for r in rows if r["day"] is not None]
    parts, params = [], []
    if days:
        parts.append("SELECT * FROM mentions WHERE mention_id IN (SELECT mention_id FROM _want_first) AND day BETWEEN ? AND ?")
        params += [min(days), max(days)]
    if len(days) < len(rows):
        parts.append("SELECT * FROM mentions WHERE mention_id IN (SELECT mention_id FROM _want_first) AND day IS NULL")
    found = store.rows(
        f"WITH m AS ({' UNION ALL '.join(parts)}) "
        "SELECT m.*, s.text AS sentence, NULL AS outlet, NULL AS title, NULL AS published "
        "FROM m LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index",
        params,
    )
    first = {m["mention_id"]: m for m in found}
    missing = [r for r in rows if r["first_mention_id"] not in first]
    full = {e.event_id: e for e in events_from_rows(store, missing)}  # a first report dated off its event's day
    out = []
    for row in rows:
        mention = first.get(row["first_mention_id"])
        event = event_from_rows(row, [mention]) if mention is not None else full.get(row["event_id"])
        if event is not None:
            out.append(list_record(event))
    return out


# --- one event, one article ---------------------------------------------------------------------------


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """The event record with every report, and why its reports were merged into one event."""
    found = events_for(store, [event_id])
    if not found:
        return None
    record = found[0].to_json()
    block = store.execute("SELECT block FROM events WHERE event_id = ?", [event_id]).fetchall()[0][0]
    config = store.dedup_config
    source, target, root, modality = (block.split("|") + ["", "", "", ""])[:4]
    actors = (
        f"actors {source or '-'} and {target or '-'} on either side"  # a symmetric root: who met whom
        if root in config.symmetric_roots
        else f"source {source or '-'}, target {target or '-'}"
    )
    record["merged"] = {
        "block": block,
        "reports": len(record["mentions"]),
        "rule": (
            f"reports are one event when they share the block ({actors}, CAMEO root {root}, {modality}; actor "
            f"codes cut to the {config.actor_level} level) and their dates fall within {config.window_days} days "
            f"of the event's first date (place rule: {config.place_rule})"
        ),
        "window_days": config.window_days,
        "actor_level": config.actor_level,
        "place_rule": config.place_rule,
    }
    return record


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """The story text with each of its event reports' actor, verb and place offsets (into the text)."""
    rows = store.rows(
        "SELECT id, url, outlet, title, CAST(published AS VARCHAR) AS published, language, text, "
        "coder_version, dictionary_version, discarded FROM articles WHERE id = ?",
        [article_id],
    )
    if not rows:
        return None
    story = rows[0]
    mentions = store.rows(
        f"SELECT x.* FROM ({MENTION_SELECT}) x WHERE x.doc_id = ? ORDER BY x.sentence_index, x.evidence_start",
        [article_id],
    )
    story["events"] = [
        {
            "event_id": m["event_id"],
            "mention_id": m["mention_id"],
            "code": m["code"],
            "sentence_index": m["sentence_index"],
            "sentence": {"start": m["sentence_start"], "end": m["sentence_start"] + len(m["sentence"] or "")},
            "source": _span(m, "source"),
            "target": _span(m, "target"),
            "verb": {"text": m["evidence_verb"], "start": m["evidence_start"], "end": m["evidence_end"], "rule": m["evidence_rule"]},
            "place": (
                {"name": m["place_name"], "start": m["place_start"], "end": m["place_end"]}
                if m["place_name"] is not None
                else None
            ),
            "date": m["date"],
            "modality": m["modality"],
        }
        for m in mentions
    ]
    return story


def _span(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    if row[f"{side}_code"] is None:
        return None
    return {
        "code": row[f"{side}_code"],
        "text": row[f"{side}_text"],
        "start": row[f"{side}_start"],
        "end": row[f"{side}_end"],
        "rule": row[f"{side}_rule"],
    }


# --- aggregates -----------------------------------------------------------------------------------------


def timeline(
    store: Store, flt: EventFilter, interval: Interval, group_by: GroupBy
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Events and mentions per interval and group (dated events), and the stories published per interval
    (the denominator: how much news there was to code)."""
    from eventwire.cameo import plover_for

    where, params = flt.where(store.dedup_config)
    dated = (where + " AND" if where else "WHERE") + " e.day IS NOT NULL"
    group_sql = {
        "quad_class": "e.quad_class",
        "root": "e.root",
        "plover": "e.code",  # mapped to the PLOVER type below (a code's type is the codebook's)
        "country": "e.place_country",
    }[group_by]
    # Group on the native values and turn only the groups into text: casting every event's period
    # and group to VARCHAR before grouping doubled the query's cost. (interval: one of three literals)
    rows = store.execute(
        "SELECT CAST(CAST(p AS DATE) AS VARCHAR), CAST(g AS VARCHAR), n, m, gs FROM ("
        f"SELECT date_trunc('{interval}', e.day) AS p, {group_sql} AS g, count(*) AS n, sum(e.num_mentions) AS m, "
        f"avg(e.goldstein) AS gs FROM events e {dated} GROUP BY p, g) ORDER BY 1, 2",
        params,
    ).fetchall()
    totals: list[tuple[str, str | None, int, int, float]]  # period, group, events, reports, Goldstein sum
    if group_by == "plover":  # several codes make one PLOVER type: their sums are added up
        merged: dict[tuple[str, str | None], list[float]] = {}
        for p, g, n, mentions, goldstein in rows:
            found = plover_for(g) if g else None
            entry = merged.setdefault((p, found.event if found else None), [0, 0, 0.0])
            entry[0] += n
            entry[1] += mentions or 0
            entry[2] += (goldstein or 0.0) * n
        totals = [(p, g, int(n), int(m), total) for (p, g), (n, m, total) in merged.items()]
    else:  # one row a group already (a year by week and country: thousands)
        totals = [(p, g, n, mentions or 0, (goldstein or 0.0) * n) for p, g, n, mentions, goldstein in rows]
    totals.sort(key=lambda t: (t[0], t[1] or "~"))
    stories = _stories_per(store, flt, interval)
    labels = {g: _group_label(group_by, g) for g in {t[1] for t in totals}}  # a few hundred groups at most
    results = [
        {
            "period": p,
            "group": g,
            "label": labels[g],
            "events": n,
            "mentions": m,
            "goldstein": round(total / n, 3) if n else None,
            "stories": stories.get(p, 0),
        }
        for p, g, n, m, total in totals
    ]
    return results, [{"period": p, "stories": n} for p, n in sorted(stories.items())]


def _stories_per(store: Store, flt: EventFilter, interval: Interval) -> dict[str, int]:
    conds, params = ["a.published IS NOT NULL"], []
    if flt.date_from:
        conds.append(f"a.published >= CAST(date_trunc('{interval}', CAST(? AS DATE)) AS DATE)")
        params.append(flt.date_from)
    if flt.date_to:
        conds.append("a.published <= CAST(? AS DATE)")
        params.append(flt.date_to)
    if flt.outlet:
        outlets = [o.lower() for o in flt.outlet.split("|")]
        conds.append("lower(a.outlet) IN (" + ", ".join("?" for _ in outlets) + ")")
        params += outlets
    rows = store.execute(
        f"SELECT CAST(CAST(p AS DATE) AS VARCHAR), n FROM (SELECT date_trunc('{interval}', a.published) AS p, count(*) AS n "
        f"FROM articles a WHERE {' AND '.join(conds)} GROUP BY p)",
        params,
    ).fetchall()
    return {p: int(n) for p, n in rows}


def _group_label(group_by: GroupBy, group: str | None) -> str | None:
    from eventwire.cameo import event_info, is_cameo

    if group is None:
        return None
    if group_by == "quad_class":
        return QUAD_CLASSES.get(int(group))
    if group_by == "root":
        return event_info(group).name if is_cameo(group) else "outside CAMEO"
    if group_by == "country":
        return country_label(group)
    return group.capitalize()


def geo(store: Store, flt: EventFilter, *, level: Literal["place", "country"], limit: int, top: int = 5) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: event places (points), or countries (with `iso_n3`, the basemap's
    id, at the mean position of their events' places), each with its event count, mean Goldstein
    score, reports and its `top` events (most reported first)."""
    where, params = flt.where(store.dedup_config)
    placed = (where + " AND" if where else "WHERE") + " e.place_country IS NOT NULL"
    rank = "e.num_mentions * 1e12 - epoch(coalesce(e.day, DATE '1970-01-01'))"  # most reports, then earliest
    if level == "place":
        placed += " AND e.place_lat IS NOT NULL AND e.place_lon IS NOT NULL"
    if where:
        rows = _geo_filtered(store, level, placed, params, rank, limit, top)
    else:
        rows = _geo_whole_store(store, level, placed, rank, limit, top)
    features = []
    for row in rows:
        if level == "place":
            name, country, fips, lat, lon = row[:5]
        else:
            country, name, fips, lat, lon = row[0], country_label(row[0]), row[2], row[3], row[4]
        n, goldstein, mentions, top_ids = row[5:]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]} if lat is not None else None,
                "properties": {
                    "name": name,
                    "country": country,
                    "iso_n3": iso_numeric(country, fips),
                    "count": int(n),
                    "mentions": int(mentions or 0),
                    "goldstein": round(goldstein, 3) if goldstein is not None else None,
                    "top_event_ids": list(top_ids or []),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _geo_filtered(store: Store, level: str, placed: str, params: list[Any], rank: str, limit: int, top: int) -> list[Any]:
    """`geo`'s groups over the filtered events: one pass, the top events' ids carried along."""
    if level == "place":
        keys = "e.place_name, e.place_country, e.place_country_fips, round(e.place_lat, 4), round(e.place_lon, 4)"
    else:
        keys = "e.place_country, NULL, any_value(e.place_country_fips), avg(e.place_lat), avg(e.place_lon)"
    return store.execute(
        f"SELECT {keys}, count(*) AS n, avg(e.goldstein), sum(e.num_mentions), arg_max(e.event_id, {rank}, {int(top)}) "
        f"FROM events e {placed} GROUP BY {'1, 2, 3, 4, 5' if level == 'place' else '1'} ORDER BY n DESC, 1, 2 LIMIT ?",
        [*params, limit],
    ).fetchall()


def _geo_whole_store(store: Store, level: str, placed: str, rank: str, limit: int, top: int) -> list[Any]:
    """`geo`'s groups over every event. The top events are ranked by row id (a number is a third
    cheaper to carry through the top-N than the event id's text) and the chosen groups' ids are read
    back after; places are grouped on their exact positions first and then on the rounded ones
    (rounding every event's position cost a fifth of the query). Over a filtered few the read-back,
    a scan of every event id, costs more than it saves: `_geo_filtered`."""
    per = f"count(*) AS n, sum(e.goldstein) AS sg, count(e.goldstein) AS cg, sum(e.num_mentions) AS m, arg_max(e.rowid, {rank}, {int(top)}) AS top"
    if level == "place":
        grouped = (
            "SELECT k1, k2, k3, round(k4, 4), round(k5, 4), sum(n) AS n, sum(sg) / sum(cg), sum(m), flatten(list(top)) AS top "
            f"FROM (SELECT e.place_name AS k1, e.place_country AS k2, e.place_country_fips AS k3, e.place_lat AS k4, "
            f"e.place_lon AS k5, {per} FROM events e {placed} GROUP BY 1, 2, 3, 4, 5) GROUP BY 1, 2, 3, 4, 5"
        )
    else:
        grouped = (
            "SELECT e.place_country AS k1, NULL AS k2, any_value(e.place_country_fips), avg(e.place_lat), "
            f"avg(e.place_lon), {per.replace('sum(e.goldstein) AS sg, count(e.goldstein) AS cg', 'avg(e.goldstein)')} "
            f"FROM events e {placed} GROUP BY 1"
        )
    return store.execute(
        f"WITH g AS (SELECT row_number() OVER (ORDER BY n DESC, k1, k2) AS gid, * FROM ({grouped} ORDER BY n DESC, 1, 2 LIMIT ?)), "
        "r AS (SELECT gid, unnest(top) AS rid FROM g), "
        f"t AS (SELECT r.gid, list(e.event_id ORDER BY {rank} DESC)[1:{int(top)}] AS ids "
        "FROM r JOIN events e ON e.rowid = r.rid GROUP BY r.gid) "
        "SELECT g.* EXCLUDE (gid, top), t.ids FROM g LEFT JOIN t USING (gid) ORDER BY g.gid",
        [limit],
    ).fetchall()


ACTOR_LEVELS = {"country": 3, "sector": 6, "full": None}


def dyads(store: Store, flt: EventFilter, *, level: str, limit: int) -> list[dict[str, Any]]:
    """Source -> target pairs (codes cut to `level`): events, reports, mean Goldstein, QuadClass mix."""
    keep = ACTOR_LEVELS[level]

    def cut(column: str) -> str:
        return f"coalesce(left({column}, {int(keep)}), '')" if keep else f"coalesce({column}, '')"

    where, params = flt.where(store.dedup_config)
    rows = store.execute(
        f"SELECT {cut('e.source_code')} AS s, {cut('e.target_code')} AS t, count(*) AS n, sum(e.num_mentions), "
        "avg(e.goldstein), count(*) FILTER (e.quad_class = 1), count(*) FILTER (e.quad_class = 2), "
        "count(*) FILTER (e.quad_class = 3), count(*) FILTER (e.quad_class = 4) "
        f"FROM events e {where} GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [
        {
            "source": s or None,
            "target": t or None,
            "events": int(n),
            "mentions": int(m or 0),
            "goldstein": round(g, 3) if g is not None else None,
            "quad_classes": {"1": int(q1), "2": int(q2), "3": int(q3), "4": int(q4)},
        }
        for s, t, n, m, g, q1, q2, q3, q4 in rows
    ]


def actors(store: Store, q: str, *, limit: int) -> list[dict[str, Any]]:
    """Actors of the store whose code starts with `q` or whose words contain it, most frequent first,
    each with the dictionary line (or rule) that coded it; CAMEO countries whose name matches too."""
    from eventwire.cameo import country_codes, country_name
    from eventwire.store.query import contains_pattern

    code_prefix = q.strip().upper()
    pattern = contains_pattern(q.strip())
    rows = store.execute(
        "WITH sides AS ("
        " SELECT source_code AS code, source_text AS text, source_rule AS rule FROM mentions"
        " WHERE source_code IS NOT NULL AND (starts_with(source_code, ?) OR source_text ILIKE ? ESCAPE '\\')"
        " UNION ALL"
        " SELECT target_code, target_text, target_rule FROM mentions"
        " WHERE target_code IS NOT NULL AND (starts_with(target_code, ?) OR target_text ILIKE ? ESCAPE '\\'))"
        " SELECT code, mode(text), mode(rule), count(*) AS n FROM sides GROUP BY code ORDER BY n DESC, code LIMIT ?",
        [code_prefix, pattern, code_prefix, pattern, limit],
    ).fetchall()
    found = [
        {"code": code, "name": country_name(code[:3]) if len(code) >= 3 else None, "text": text, "rule": rule, "mentions": int(n)}
        for code, text, rule, n in rows
    ]
    seen = {r["code"] for r in found}
    low = q.strip().lower()
    for code in country_codes():
        if len(found) >= limit:
            break
        name = country_name(code) or ""
        if code not in seen and (code.startswith(code_prefix) or (low and low in name.lower())):
            found.append({"code": code, "name": name, "text": None, "rule": "CAMEO country codes (data/cameo_country_codes.tsv)", "mentions": 0})
    return found[:limit]


def coverage(store: Store) -> dict[str, Any]:
    """What the store holds: counts, the first and last event and story dates, and stories per day."""
    first, last, undated = store.execute(
        "SELECT CAST(min(day) AS VARCHAR), CAST(max(day) AS VARCHAR), count(*) FILTER (day IS NULL) FROM events"
    ).fetchall()[0]
    per_day = store.execute(
        "SELECT CAST(published AS VARCHAR), count(*) FROM articles WHERE published IS NOT NULL "
        "GROUP BY published ORDER BY published"
    ).fetchall()
    return {
        "counts": store.counts(),
        "first_date": first,
        "last_date": last,
        "undated_events": int(undated),
        "stories_first_date": per_day[0][0] if per_day else None,
        "stories_last_date": per_day[-1][0] if per_day else None,
        "stories_per_day": [{"day": d, "stories": int(n)} for d, n in per_day],
    }


def codebooks() -> dict[str, Any]:
    """The CAMEO event codes (name, Goldstein, QuadClass, PLOVER type), the QuadClasses, the PLOVER types."""
    from eventwire.cameo import event_codes, plover_event_types

    return {
        "cameo": [
            {
                "code": c.code,
                "name": c.name,
                "root": c.root,
                "goldstein": c.goldstein,
                "quad_class": c.quad_class,
                "plover": c.plover_event,
                "plover_mode": c.plover_mode,
            }
            for c in event_codes()
        ],
        "quad_classes": [{"quad_class": k, "name": v} for k, v in QUAD_CLASSES.items()],
        "plover": list(plover_event_types()),
    }


def register_ids(store: Store, name: str, ids: Sequence[str]) -> None:
    """`ids` as a one-column table `name` (event_id) on the store's connection, for IN (SELECT ...)."""
    store.con.register(name, pa.table({"event_id": pa.array(list(ids), pa.string())}))
