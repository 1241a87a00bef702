"""GDELT 2.0 layouts: the events table (61 columns) and the mentions table (16 columns).

Both are tab-separated, UTF-8, without a header line, like GDELT's own
``*.export.CSV`` and ``*.mentions.CSV`` files. Field by field:

* ``GLOBALEVENTID``: a stable integer from the event id (`global_event_id`).
* ``SQLDATE``/``MonthYear``/``Year``/``FractionDate``: the event date (a month or
  year date counts from its first day); an undated event takes the day it was added.
* Actor fields: the CAMEO code; the name is the actor's words in the first
  mention, upper-cased; country = the code's first part when it is a CAMEO
  country/region code; known group = an organisation's own part (``NAT`` of
  ``IGOWSTNAT``, ``UNO``); type codes = the role/sector parts (``GOV``, ``MIL``).
  Ethnic and religion codes are left empty (eventwire does not code them).
* ``IsRootEvent``: one of the event's mentions is among the first sentences of its
  story (`DedupConfig.root_sentences`).
* ``EventCode``/``EventBaseCode``/``EventRootCode``: strings with leading zeros.
* ``NumMentions``/``NumSources``/``NumArticles``: from the de-duplicated event.
* ``AvgTone``: empty (no tone model). Actor geo fields: type 0, rest empty (no
  actor geocoding). ``ActionGeo_*``: the event's place: type 1 country, 2 US state,
  3 US city, 4 world city (from the gazetteer's feature type; without one, a place
  named like its country is a country, anything else a city); the country code in
  FIPS 10-4 (the gazetteer's, else ``data/iso3_fips.tsv``); ADM1 = FIPS country +
  the gazetteer's ADM1 code (just the FIPS code without one); FeatureID = the
  GeoNames id; coordinates when known.
* ``DATEADDED``: when the event's first article was ingested (UTC, YYYYMMDDHHMMSS).
* ``SOURCEURL``: the URL of the first mention's article (its doc id when it has none).

Mentions: one row per mention; ``MentionType`` 1 (web) with a URL, 2 (citation)
without; ``SentenceID`` is 1-based; char offsets are -1 when unknown;
``Confidence`` is empty; ``Extras`` holds ``mention_id=...;rule=...`` so each row
leads back to its evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import IO, Any

from eventwire.cameo import country_kind, country_name, is_cameo
from eventwire.export.common import (
    Written,
    actor_parts,
    fips_code,
    global_event_id,
    iter_rows,
    yyyymmdd,
    yyyymmddhhmmss,
)
from eventwire.store.db import Store

__all__ = [
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "GDELT_EVENT_TYPES",
    "read_gdelt",
    "write_gdelt_events",
    "write_gdelt_mentions",
]

GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

_INT = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
    "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED",
    "EventTimeDate", "MentionTimeDate", "MentionType", "SentenceID", "Actor1CharOffset",
    "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen",
}  # fmt: skip
_FLOAT = {
    "FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
    "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long", "MentionDocTone",
}  # fmt: skip
#: column -> "int" | "float" | "str" (EventCode and the other codes stay strings)
GDELT_EVENT_TYPES = {c: "int" if c in _INT else "float" if c in _FLOAT else "str" for c in GDELT_EVENT_COLUMNS}

#: one row per event, unordered (the HTTP API restricts it to a page of event ids)
EVENTS_SELECT = """
SELECT e.*, m.source_text, m.target_text, m.doc_id, a.url AS article_url
FROM events e
JOIN mentions m ON m.mention_id = e.first_mention_id
JOIN articles a ON a.id = m.doc_id
"""
EVENTS_SQL = EVENTS_SELECT + "ORDER BY e.day NULLS LAST, e.event_id\n"

MENTIONS_SQL = """
SELECT m.mention_id, m.event_id, m.doc_id, m.sentence_index, m.source_start, m.target_start,
       m.evidence_start, m.evidence_rule, e.code, e.date_added AS event_added, a.ingested_at, a.url, a.outlet,
       length(a.text) AS doc_len
FROM mentions m
JOIN events e ON e.event_id = m.event_id
JOIN articles a ON a.id = m.doc_id
ORDER BY e.day NULLS LAST, e.event_id, m.doc_id, m.sentence_index, m.mention_id
"""


def _clean(value: Any) -> str:
    """A field value with tabs and newlines (which would break the layout) turned into spaces."""
    if value is None:
        return ""
    text = str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _num(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def _fraction(day: dt.date) -> str:
    return f"{day.year + (day.month * 30 + day.day) / 365:.4f}"


def _actor(prefix: str, code: str | None, text: str | None) -> dict[str, str]:
    parts = actor_parts(code)
    types = list(parts.types[:3]) + [""] * (3 - len(parts.types[:3]))
    return {
        f"{prefix}Code": code or "",
        f"{prefix}Name": (text or "").upper() if code else "",
        f"{prefix}CountryCode": parts.country,
        f"{prefix}KnownGroupCode": parts.known_group,
        f"{prefix}EthnicCode": "",
        f"{prefix}Religion1Code": "",
        f"{prefix}Religion2Code": "",
        f"{prefix}Type1Code": types[0],
        f"{prefix}Type2Code": types[1],
        f"{prefix}Type3Code": types[2],
    }


_GEO_FIELDS = ("FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def _geo(prefix: str, e: dict[str, Any] | None) -> dict[str, str]:
    """GDELT geo fields of an event's place (None: no place, type 0 and the rest empty)."""
    name = e["place_name"] if e else None
    if not e or not name:
        return {f"{prefix}_Type": "0", **{f"{prefix}_{k}": "" for k in _GEO_FIELDS}}
    country = e["place_country"]
    fips = e.get("place_country_fips") or fips_code(country)
    kind = e.get("place_feature_type")
    label = country_name(country) if country else None
    if kind is None:  # not from the gazetteer: a country when the name is the country's
        kind = "country" if label and name.strip().casefold() == label.casefold() else "city"
    geo_type = {"country": "1", "us_state": "2"}.get(kind, "3" if country == "USA" else "4")
    adm1 = e.get("place_adm1")
    if geo_type == "1" or not label or (country and country_kind(country) != "country"):
        full = name
    else:
        full = f"{name}, {label}"
    return {
        f"{prefix}_Type": geo_type,
        f"{prefix}_FullName": full,
        f"{prefix}_CountryCode": fips,
        f"{prefix}_ADM1Code": f"{fips}{adm1}" if fips and adm1 else fips,
        f"{prefix}_ADM2Code": "",
        f"{prefix}_Lat": _num(e["place_lat"]),
        f"{prefix}_Long": _num(e["place_lon"]),
        f"{prefix}_FeatureID": "" if e.get("place_geonames_id") is None else str(e["place_geonames_id"]),
    }


def gdelt_event_row(e: dict[str, Any]) -> list[str]:
    """The 61 fields of one events-table row, in order."""
    day: dt.date | None = e["day"] or (e["date_added"].date() if e["date_added"] else None)
    code: str = e["code"]
    row: dict[str, str] = {
        "GLOBALEVENTID": str(global_event_id(e["event_id"])),
        "SQLDATE": yyyymmdd(day),
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": str(day.year) if day else "",
        "FractionDate": _fraction(day) if day else "",
        **_actor("Actor1", e["source_code"], e["source_text"]),
        **_actor("Actor2", e["target_code"], e["target_text"]),
        "IsRootEvent": "1" if e["is_root_event"] else "0",
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": "" if e["quad_class"] is None else str(e["quad_class"]),
        "GoldsteinScale": _num(e["goldstein"]),
        "NumMentions": str(e["num_mentions"]),
        "NumSources": str(e["num_sources"]),
        "NumArticles": str(e["num_articles"]),
        "AvgTone": "",
        **_geo("Actor1Geo", None),
        **_geo("Actor2Geo", None),
        **_geo("ActionGeo", e),
        "DATEADDED": yyyymmddhhmmss(e["date_added"]),
        "SOURCEURL": e["article_url"] or e["doc_id"],
    }
    return [_clean(row[c]) for c in GDELT_EVENT_COLUMNS]


def gdelt_mention_row(m: dict[str, Any]) -> list[str]:
    """The 16 fields of one mentions-table row, in order."""
    url = m["url"]
    row = {
        "GLOBALEVENTID": str(global_event_id(m["event_id"])),
        "EventTimeDate": yyyymmddhhmmss(m["event_added"]),
        "MentionTimeDate": yyyymmddhhmmss(m["ingested_at"]),
        "MentionType": "1" if url else "2",
        "MentionSourceName": m["outlet"] or "",
        "MentionIdentifier": url or m["doc_id"],
        "SentenceID": str(m["sentence_index"] + 1),
        "Actor1CharOffset": str(m["source_start"] if m["source_start"] is not None else -1),
        "Actor2CharOffset": str(m["target_start"] if m["target_start"] is not None else -1),
        "ActionCharOffset": str(m["evidence_start"]),
        "InRawText": "1",
        "Confidence": "",
        "MentionDocLen": str(m["doc_len"]),
        "MentionDocTone": "",
        "MentionDocTranslationInfo": "",
        "Extras": f"mention_id={m['mention_id']};rule={m['evidence_rule']}",
    }
    return [_clean(row[c]) for c in GDELT_MENTION_COLUMNS]


def write_gdelt_events(store: Store, stream: IO[str]) -> Written:
    """Events with a CAMEO code; those with a code outside CAMEO are counted, not written."""
    out = Written()
    for e in iter_rows(store, EVENTS_SQL):
        if not is_cameo(e["code"]):
            out.outside_cameo += 1
            continue
        stream.write("\t".join(gdelt_event_row(e)) + "\n")
        out.rows += 1
    return out


def write_gdelt_mentions(store: Store, stream: IO[str]) -> Written:
    """Mentions of events with a CAMEO code (the others are counted, as their events are left out)."""
    out = Written()
    for m in iter_rows(store, MENTIONS_SQL):
        if not is_cameo(m["code"]):
            out.outside_cameo += 1
            continue
        stream.write("\t".join(gdelt_mention_row(m)) + "\n")
        out.rows += 1
    return out


def read_gdelt(lines: Iterator[str] | Sequence[str], columns: Sequence[str] = GDELT_EVENT_COLUMNS) -> list[dict[str, Any]]:
    """Parse GDELT tab-separated rows (a header line naming the first column is skipped):
    integers and floats typed, every code kept as a string, empty fields None.
    A row with another number of fields raises ValueError naming the line."""
    types = {c: "int" if c in _INT else "float" if c in _FLOAT else "str" for c in columns}
    out: list[dict[str, Any]] = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        fields = line.split("\t")
        if number == 1 and fields[0] == columns[0]:
            continue
        if len(fields) != len(columns):
            raise ValueError(f"line {number}: {len(fields)} fields, expected {len(columns)}")
        record: dict[str, Any] = {}
        for name, value in zip(columns, fields):
            kind = types[name]
            if value == "":
                record[name] = None
            elif kind == "int":
                record[name] = int(value)
            elif kind == "float":
                record[name] = float(value)
            else:
                record[name] = value
        out.append(record)
    return out
