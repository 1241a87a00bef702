"""Query de-duplicated events: filters, event records, and table/JSONL/CSV output.

An *event record* (the JSONL shape of `eventwire query` and `export --format jsonl`)
is `EventMention.to_json()` of the event's first mention, with:

* ``event_id``: the de-duplicated event's id (the first mention's own id is
  ``mentions[0].mention_id``);
* ``place``: the event's place, the first known place among its mentions;
* ``num_mentions``, ``num_sources``, ``num_articles``, ``first_seen``,
  ``last_seen``, ``is_root_event``;
* ``mentions``: every report of it, earliest first: ``mention_id``, ``doc_id``,
  ``url``, ``outlet``, ``title``, ``published``, ``sentence_index``, ``sentence``,
  ``source``, ``target``, ``code``, ``date``, ``modality``, ``evidence``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

import orjson

from eventwire.dedup import ACTOR_LEVELS, DedupConfig
from eventwire.errors import BadDateError, ConfigError, OptionError
from eventwire.records import Event, Place, Report

if TYPE_CHECKING:  # DuckDB and pyarrow load with the store: the CLI builds its parser from this module
    from eventwire.store.db import Store

__all__ = [
    "CSV_COLUMNS",
    "OUTPUT_FORMATS",
    "EventFilter",
    "contains_pattern",
    "event_records",
    "events",
    "events_for",
    "events_from_rows",
    "query_events",
    "write_records",
]

OUTPUT_FORMATS = ("table", "jsonl", "csv")
_CODE_LIKE = re.compile(r"^(?:[A-Z]{3})+$")
_CHUNK = 2_000  # events fetched (with all their mentions) per round trip


#: separates a filter's alternatives: actor="IRQ|IRN" is either
ALTERNATIVES = "|"
MAX_ALTERNATIVES = 50


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What `eventwire query` and the HTTP API can ask; every given filter must hold (AND). A text
    filter takes alternatives as ``a|b`` (either holds): ``actor="IRQ|IRN"``, ``root="18|19"``."""

    date_from: str | None = None  # YYYY-MM-DD, on the event date
    date_to: str | None = None
    actor: str | None = None  # CAMEO code prefix (IRQ, IRQGOV) or words of an actor's name, either side
    country: str | None = None  # ISO3 / CAMEO alpha-3 of an actor or of the place
    code: str | None = None  # CAMEO event code prefix, e.g. 04 or 0232
    root: str | None = None  # CAMEO root 01-20
    quad: int | str | None = None  # QuadClass 1-4 ("1|2": either)
    place: str | None = None  # words of the place name
    text: str | None = None  # words that one evidence sentence must all contain
    source: str | None = None  # as `actor`, the source side only
    target: str | None = None  # as `actor`, the target side only
    plover: str | None = None  # PLOVER event type (PROTEST, ASSAULT...) of the event's CAMEO code
    bbox: str | None = None  # "west,south,east,north" in degrees: the event's place inside it
    min_mentions: int | None = None  # at least this many reports
    outlet: str | None = None  # an outlet that reported it (any of its mentions)

    def validated(self) -> EventFilter:
        """A copy with normalised values, or OptionError naming the field."""
        from dataclasses import replace

        from eventwire.ingest.dates import normalise_date

        changes: dict[str, Any] = {}
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None:
                try:
                    changes[name] = normalise_date(value)
                except BadDateError as e:
                    raise OptionError(name, f"{{{name}}}: {{message}}", message=e.message) from None
        for name in ("actor", "source", "target", "place", "text", "outlet"):
            if getattr(self, name) is not None:
                changes[name] = ALTERNATIVES.join(_alternatives(name, getattr(self, name)))
        if self.code is not None:
            codes = _alternatives("code", self.code)
            for code in codes:
                if not re.fullmatch(r"\d{2,4}", code):
                    raise OptionError("code", "{code} must be a CAMEO code of 2-4 digits (e.g. 0232), not {value!r}", value=code)
            changes["code"] = ALTERNATIVES.join(codes)
        if self.root is not None:
            roots = []
            for root in _alternatives("root", self.root):
                if not root.isdigit() or not 1 <= int(root) <= 20:
                    raise OptionError("root", "{root} must be a CAMEO root 01-20, not {value!r}", value=root)
                roots.append(root.zfill(2))
            changes["root"] = ALTERNATIVES.join(roots)
        if self.quad is not None:
            quads = _alternatives("quad", str(self.quad))
            if any(q not in ("1", "2", "3", "4") for q in quads):
                raise OptionError("quad", "{quad} must be 1, 2, 3 or 4, not {value}", value=self.quad)
            changes["quad"] = int(quads[0]) if len(quads) == 1 else ALTERNATIVES.join(quads)
        if self.country is not None:
            countries = [c.upper() for c in _alternatives("country", self.country)]
            for country in countries:
                if not re.fullmatch(r"[A-Z]{3}", country):
                    raise OptionError("country", "{country} must be a 3-letter code (e.g. IRQ), not {value!r}", value=country)
            changes["country"] = ALTERNATIVES.join(countries)
        if self.plover is not None:
            known = plover_types()
            types = [t.upper() for t in _alternatives("plover", self.plover)]
            for kind in types:
                if kind not in known:
                    raise OptionError(
                        "plover", "{plover} must be a PLOVER event type ({choices}), not {value!r}",
                        choices=", ".join(sorted(known)), value=kind,
                    )  # fmt: skip
            changes["plover"] = ALTERNATIVES.join(types)
        if self.bbox is not None:
            changes["bbox"] = ",".join(f"{v:g}" for v in _bbox(self.bbox))
        if self.min_mentions is not None and self.min_mentions < 1:
            raise OptionError("min_mentions", "{min_mentions} must be at least 1, not {value}", value=self.min_mentions)
        return replace(self, **changes)

    def where(
        self, dedup: DedupConfig | None = None, *, days: tuple[dt.date, dt.date] | None = None, undated: bool = False
    ) -> tuple[str, list[Any]]:
        """SQL conditions on the events table (alias ``e``) and their parameters. With the store's
        `dedup` settings, an actor code no longer than the dedup actor level is tested on the event's
        own codes: every report of an event shares its dedup block, so its codes cut to that level are
        the event's, and the reports need not be read.

        `days` (first, last): only events dated within them, as well. With `dedup`, the conditions
        that read the events' reports then read only the reports dated within the dedup window of
        those days (or undated): an event's reports fall within `window_days` of its first date, and
        the mentions table is stored about in date order, so DuckDB skips the row groups of other
        dates instead of reading every report in the store. `undated`: only undated events, whose
        reports are all undated (a dated report makes its event dated)."""
        conds: list[str] = []
        params: list[Any] = []

        def add(sql: str, values: Sequence[Any] = ()) -> None:
            conds.append(sql)
            params.extend(values)

        mentions = "mentions"  # the reports a condition reads: all, or those near `days`
        if days is not None:
            add("e.day BETWEEN ? AND ?", list(days))
            if dedup is not None:
                reach = dt.timedelta(days=dedup.window_days)
                mentions = "(SELECT * FROM mentions WHERE day BETWEEN ? AND ? OR day IS NULL)"
                near = [days[0] - reach, days[1] + reach]
        if undated:
            add("e.day IS NULL")
            mentions, near = "(SELECT * FROM mentions WHERE day IS NULL)", []

        def reports(sql: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
            """`sql` (reading ``FROM mentions m``) on the reports near `days` (or undated), and its parameters."""
            if mentions == "mentions":
                return sql, list(values)
            return sql.replace("FROM mentions m", f"FROM {mentions} m", 1), [*near, *values]

        if self.date_from:
            add("e.day >= CAST(? AS DATE)", [self.date_from])
        if self.date_to:
            add("e.day <= CAST(? AS DATE)", [self.date_to])
        for name, sides in (("actor", ("source", "target")), ("source", ("source",)), ("target", ("target",))):
            value = getattr(self, name)
            if value:
                add(*_actor_filter(value.split(ALTERNATIVES), sides, dedup, reports))
        if self.country:
            countries = self.country.split(ALTERNATIVES)
            # starts_with, not left(code, 3) IN (...): the same for 3-letter codes, a third of the cost
            sides = " OR ".join(f"starts_with(e.{side}_code, ?)" for side in ("source", "target") for _ in countries)
            add(f"({sides} OR e.place_country IN {_marks(countries)})", countries * 3)
        if self.code:
            codes = self.code.split(ALTERNATIVES)
            add("(" + " OR ".join("starts_with(e.code, ?)" for _ in codes) + ")", codes)
        if self.root:
            roots = self.root.split(ALTERNATIVES)
            add(f"e.root IN {_marks(roots)}", roots)
        if self.quad is not None:
            quads = [int(q) for q in str(self.quad).split(ALTERNATIVES)]
            add(f"e.quad_class IN {_marks(quads)}", quads)
        if self.plover:  # the PLOVER type the coder gave the event's first report
            types = self.plover.split(ALTERNATIVES)
            add(
                *reports(
                    "EXISTS (SELECT 1 FROM mentions m WHERE m.mention_id = e.first_mention_id "
                    f"AND m.plover_event IN {_marks(types)})",
                    types,
                )
            )
        if self.place:
            places = self.place.split(ALTERNATIVES)
            add("(" + " OR ".join("e.place_name ILIKE ? ESCAPE '\\'" for _ in places) + ")", [_contains(p) for p in places])
        if self.bbox:
            west, south, east, north = _bbox(self.bbox)
            lon = "e.place_lon BETWEEN ? AND ?" if west <= east else "(e.place_lon >= ? OR e.place_lon <= ?)"
            add(f"(e.place_lat BETWEEN ? AND ? AND {lon})", [south, north, west, east])
        if self.min_mentions is not None:
            add("e.num_mentions >= ?", [self.min_mentions])
        if self.outlet:
            outlets = [o.lower() for o in self.outlet.split(ALTERNATIVES)]
            add(
                *reports(
                    "EXISTS (SELECT 1 FROM mentions m JOIN articles a ON a.id = m.doc_id "
                    f"WHERE m.event_id = e.event_id AND lower(a.outlet) IN {_marks(outlets)})",
                    outlets,
                )
            )
        if self.text:
            alternatives = [a.split() for a in self.text.split(ALTERNATIVES)]
            alternatives = [words for words in alternatives if words]
            if alternatives:
                likes = " OR ".join(
                    "(" + " AND ".join("s.text ILIKE ? ESCAPE '\\'" for _ in words) + ")" for words in alternatives
                )
                add(
                    *reports(
                        "EXISTS (SELECT 1 FROM mentions m JOIN sentences s ON s.doc_id = m.doc_id "
                        f"AND s.sentence_index = m.sentence_index WHERE m.event_id = e.event_id AND ({likes}))",
                        [_contains(w) for words in alternatives for w in words],
                    )
                )
        return ("WHERE " + " AND ".join(conds)) if conds else "", params


def _alternatives(name: str, value: str) -> list[str]:
    """The alternatives of a filter value ("IRQ|IRN"), stripped; OptionError when one is empty."""
    parts = [part.strip() for part in str(value).split(ALTERNATIVES)]
    if any(not part for part in parts):
        raise OptionError(name, f"{{{name}}} has an empty value; give words or codes, alternatives as a|b")
    if len(parts) > MAX_ALTERNATIVES:
        raise OptionError(
            name, f"{{{name}}} takes at most {{most}} alternatives, not {{value}}", most=MAX_ALTERNATIVES, value=len(parts)
        )
    return parts


def _marks(values: Sequence[Any]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


def _actor_filter(
    values: Sequence[str],
    sides: Sequence[str],
    dedup: DedupConfig | None,
    reports: Callable[[str, Sequence[Any]], tuple[str, list[Any]]],
) -> tuple[str, list[Any]]:
    """Any of `values` on one of `sides` of a report of the event. Codes that the dedup block fixes
    (no longer than its actor level) are tested on the event's codes: on either side exactly; on one
    side exactly for roots that keep their sides (a symmetric root's reports may have them swapped,
    so those read the reports). `reports` bounds a condition that reads the reports (`where`)."""
    keep = ACTOR_LEVELS[dedup.actor_level] if dedup is not None else 0
    fixed = [v for v in values if dedup is not None and _CODE_LIKE.match(v) and (keep is None or len(v) <= keep)]
    rest = [v for v in values if v not in fixed]
    conds: list[str] = []
    params: list[Any] = []
    if rest:
        sql, values_ = _actor_condition(rest, sides)
        sql, values_ = reports(f"EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id AND ({sql}))", values_)
        conds.append(sql)
        params += values_
    if fixed:
        own = " OR ".join(f"starts_with(e.{side}_code, ?)" for _ in fixed for side in sides)
        own_params = [v for v in fixed for _ in sides]
        symmetric = list(dedup.symmetric_roots) if dedup is not None and len(sides) == 1 else []
        if not symmetric:
            conds.append(f"({own})")
            params += own_params
        else:
            sql, values_ = _actor_condition(fixed, sides)
            # the reports' root is the event's: reading only those of symmetric roots keeps the lookup small
            exists, exists_params = reports(
                f"EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id AND m.root IN {_marks(symmetric)} "
                f"AND ({sql}))",
                [*symmetric, *values_],
            )
            conds.append(
                f"((e.root NOT IN {_marks(symmetric)} AND ({own})) OR (e.root IN {_marks(symmetric)} AND {exists}))"
            )
            params += [*symmetric, *own_params, *symmetric, *exists_params]
    return "(" + " OR ".join(conds) + ")", params


def _actor_condition(values: Sequence[str], sides: Sequence[str]) -> tuple[str, list[Any]]:
    """An actor given as code prefixes (IRQ, IRQGOV) or name words, on the mention's sides."""
    conds: list[str] = []
    params: list[Any] = []
    for value in values:
        for side in sides:
            if _CODE_LIKE.match(value):
                conds.append(f"starts_with(m.{side}_code, ?)")
                params.append(value)
            else:
                conds.append(f"m.{side}_text ILIKE ? ESCAPE '\\'")
                params.append(_contains(value))
    return " OR ".join(conds), params


def _bbox(value: str) -> tuple[float, float, float, float]:
    """west,south,east,north in degrees (west > east: the box crosses the antimeridian)."""
    try:
        west, south, east, north = (float(v) for v in str(value).split(","))
    except ValueError:
        raise OptionError(
            "bbox", "{bbox} must be west,south,east,north in degrees (e.g. 30,25,50,40), not {value!r}", value=value
        ) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise OptionError(
            "bbox", "{bbox} must be west,south,east,north with longitudes in -180..180, latitudes in -90..90 "
            "and south <= north, not {value!r}", value=value,
        )  # fmt: skip
    return west, south, east, north


def plover_types() -> frozenset[str]:
    """The PLOVER event types that CAMEO codes map to."""
    from eventwire.cameo import plover_event_types

    return frozenset(plover_event_types())


def contains_pattern(words: str) -> str:
    """An ILIKE pattern for text containing `words` as written: % and _ are literal (ESCAPE '\\')."""
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_contains = contains_pattern


def query_events(store: Store, flt: EventFilter | None = None, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Event records matching `flt`, by event date then id, at most `limit`."""
    return list(event_records(store, flt, limit=limit))


def events(store: Store, flt: EventFilter | None = None, *, limit: int | None = None) -> Iterator[Event]:
    """Stream the matching events, by event date then id, `_CHUNK` events per round trip."""
    where, params = (flt or EventFilter()).where(store.dedup_config)
    sql = f"SELECT e.event_id FROM events e {where} ORDER BY e.day NULLS LAST, e.event_id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    ids = [r[0] for r in store.execute(sql, params).fetchall()]
    for start in range(0, len(ids), _CHUNK):
        yield from events_for(store, ids[start : start + _CHUNK])


def event_records(
    store: Store, flt: EventFilter | None = None, *, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Stream event records (`Event.to_json()`, see the module docstring)."""
    for event in events(store, flt, limit=limit):
        yield event.to_json()


def events_for(store: Store, event_ids: Sequence[str]) -> list[Event]:
    """The events with these ids, in the order given."""
    if not event_ids:
        return []
    import pyarrow as pa

    store.con.register("_want_events", pa.table({"event_id": pa.array(list(event_ids), pa.string())}))
    rows_of = {
        e["event_id"]: e
        for e in store.rows("SELECT e.* FROM events e WHERE e.event_id IN (SELECT event_id FROM _want_events)")
    }
    return events_from_rows(store, [rows_of[i] for i in event_ids if i in rows_of])


def events_from_rows(store: Store, event_rows: Sequence[dict[str, Any]]) -> list[Event]:
    """The Events of these events-table rows (`SELECT e.* FROM events e ...`), in the order given, with
    all their reports."""
    if not event_rows:
        return []

    import pyarrow as pa

    store.con.register("_want_events", pa.table({"event_id": pa.array([e["event_id"] for e in event_rows], pa.string())}))
    days = [e["day"] for e in event_rows]
    params: list[Any] = []
    if all(day is not None for day in days):
        # An event's dated reports fall within window_days of its first day (dedup: one event never
        # spans more than the window), and its undated ones have no day. Bounding the day lets DuckDB
        # skip the row groups of other dates (mentions are stored about in date order): a page of
        # events reads a few row groups, not the whole mentions table.
        wanted = (
            "SELECT * FROM mentions WHERE event_id IN (SELECT event_id FROM _want_events) AND day BETWEEN ? AND ? "
            "UNION ALL SELECT * FROM mentions WHERE event_id IN (SELECT event_id FROM _want_events) AND day IS NULL"
        )
        params = [min(days), max(days) + dt.timedelta(days=store.dedup_config.window_days)]
    else:
        wanted = "SELECT * FROM mentions WHERE event_id IN (SELECT event_id FROM _want_events)"
    rows = store.rows(
        f"WITH m AS ({wanted}) "
        "SELECT m.*, s.text AS sentence, a.outlet AS outlet, a.title AS title, CAST(a.published AS VARCHAR) AS published "
        "FROM m LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index "
        "JOIN articles a ON a.id = m.doc_id",
        params,
    )
    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_event.setdefault(r["event_id"], []).append(r)
    return [event_from_rows(row, by_event[row["event_id"]]) for row in event_rows if row["event_id"] in by_event]


def _mention_order(row: dict[str, Any]) -> tuple[str, str, str, int, str]:
    # the dedup order: date, publication date, doc_id, sentence_index, mention id
    return (row["date"] or "~", row["published"] or "~", row["doc_id"], row["sentence_index"], row["mention_id"])


def event_record(event: dict[str, Any], mention_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One event record from an events row and its mention rows (joined with sentence and article)."""
    return event_from_rows(event, mention_rows).to_json()


def event_from_rows(event: dict[str, Any], mention_rows: list[dict[str, Any]]) -> Event:
    """The Event of an events row and its mention rows (joined with sentence and article); its first
    report is the event's first mention, the others follow in the dedup order."""
    from eventwire.store.rows import mention_from_row

    mention_rows = sorted(mention_rows, key=_mention_order)
    first_row = next((r for r in mention_rows if r["mention_id"] == event["first_mention_id"]), mention_rows[0])
    mention_rows.remove(first_row)
    mention_rows.insert(0, first_row)
    reports = tuple(
        Report(r["mention_id"], mention_from_row(r), r["outlet"], r["title"], r["published"]) for r in mention_rows
    )
    place, partial = reports[0].mention.place, False
    if event["place_name"] is not None:
        place, partial = _event_place(event, mention_rows)
    return Event(
        event_id=event["event_id"],
        reports=reports,
        place=place,
        num_mentions=event["num_mentions"],
        num_sources=event["num_sources"],
        num_articles=event["num_articles"],
        first_seen=_iso(event["first_seen"]),
        last_seen=_iso(event["last_seen"]),
        is_root_event=event["is_root_event"],
        place_partial=partial,
    )


def _event_place(event: dict[str, Any], mention_rows: list[dict[str, Any]]) -> tuple[Place, bool]:
    """The place of the first mention whose place is the event's (by gazetteer name, else words);
    else the event row's own name, country and position (partial: True)."""
    from eventwire.store.rows import mention_from_row

    for r in mention_rows:
        name = r.get("place_canonical") or r["place_name"]
        if name == event["place_name"] and r["place_country"] == event["place_country"]:
            place = mention_from_row(r).place
            if place is not None:
                return place, False
    return Place(event["place_name"], event["place_country"], event["place_lat"], event["place_lon"]), True


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# --- output ---------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "event_id",
    "date",
    "source_code",
    "source_text",
    "target_code",
    "target_text",
    "code",
    "root",
    "quad_class",
    "goldstein",
    "place",
    "place_country",
    "num_mentions",
    "num_sources",
    "num_articles",
    "first_seen",
    "last_seen",
    "url",
    "sentence",
    "evidence_rule",
)


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """An event record as one flat row (the CSV columns)."""
    src, tgt, place = record["source"] or {}, record["target"] or {}, record["place"] or {}
    return {
        "event_id": record["event_id"],
        "date": record["date"],
        "source_code": src.get("code"),
        "source_text": src.get("text"),
        "target_code": tgt.get("code"),
        "target_text": tgt.get("text"),
        "code": record["code"],
        "root": record["root"],
        "quad_class": record["quad_class"],
        "goldstein": record["goldstein"],
        "place": place.get("name"),
        "place_country": place.get("country"),
        "num_mentions": record["num_mentions"],
        "num_sources": record["num_sources"],
        "num_articles": record["num_articles"],
        "first_seen": record["first_seen"],
        "last_seen": record["last_seen"],
        "url": record["url"],
        "sentence": record["sentence"],
        "evidence_rule": record["evidence"]["rule"],
    }


def write_records(records: Iterator[dict[str, Any]] | list[dict[str, Any]], fmt: str, stream: IO[str]) -> int:
    """Write event records as a table, JSON lines or CSV; returns how many."""
    if fmt not in OUTPUT_FORMATS:
        raise ConfigError(f"unknown output format {fmt!r}; use one of: {', '.join(OUTPUT_FORMATS)}")
    n = 0
    if fmt == "jsonl":
        for record in records:
            stream.write(orjson.dumps(record).decode("utf-8") + "\n")
            n += 1
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(flat(record))
            n += 1
    else:
        for record in records:
            if n == 0:
                stream.write(_table_row(["DATE", "SOURCE", "CODE", "TARGET", "PLACE", "MENT", "SRCS"], "SENTENCE"))
            place = record["place"]["name"] if record["place"] else "-"
            cells = [
                record["date"] or "-",
                (record["source"] or {}).get("code") or "-",
                record["code"],
                (record["target"] or {}).get("code") or "-",
                place,
                str(record["num_mentions"]),
                str(record["num_sources"]),
            ]
            stream.write(_table_row(cells, " ".join(record["sentence"].split())[:70]))
            n += 1
    return n


_WIDTHS = (10, 12, 4, 12, 14, 4, 4)


def _table_row(cells: list[str], last: str) -> str:
    parts = [c.ljust(w) if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, _WIDTHS)]
    return "  ".join(parts) + "  " + last + "\n"
