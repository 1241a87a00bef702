"""The ICEWS event layout: 20 tab-separated fields with a header line, one row per event.

As in the ICEWS Dataverse files, missing values are ``NA`` (sectors are empty when
none). Field by field:

* ``Event ID``: the event's stable integer id (as GDELT's GLOBALEVENTID);
  ``Event Date`` YYYY-MM-DD (a month or year date: its first day).
* ``Source Name``/``Target Name``: the actor's words in the first mention (ICEWS
  uses its own actor dictionary names; eventwire keeps what the story said);
  sectors: the names of the code's role/sector parts (``GOV`` -> Government),
  comma-joined; country: the name of the code's country part.
* ``Event Text``: the CAMEO name of the code (`eventwire.cameo.event_info`);
  ``CAMEO Code`` with leading zeros; ``Intensity``: the Goldstein score.
* ``Story ID``: the first mention's doc id; ``Sentence Number`` 1-based;
  ``Publisher``: its outlet.
* ``City``: the event's place name (when it is not a country or a US state);
  ``District`` NA; ``Province``: a US state place, else NA; ``Country``: the
  place's country name; latitude/longitude.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from eventwire.cameo import country_name, event_info, is_cameo
from eventwire.export.common import Written, actor_parts, global_event_id, iter_rows
from eventwire.store.db import Store

__all__ = ["ICEWS_FIELDS", "icews_row", "read_icews", "write_icews"]

ICEWS_FIELDS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip

NA = "NA"

#: one row per event, unordered (the HTTP API restricts it to a page of event ids)
SELECT = """
SELECT e.*, m.source_text, m.target_text, m.doc_id, m.sentence_index, a.outlet
FROM events e
JOIN mentions m ON m.mention_id = e.first_mention_id
JOIN articles a ON a.id = m.doc_id
"""
SQL = SELECT + "ORDER BY e.day NULLS LAST, e.event_id\n"


def _type_names() -> dict[str, str]:
    from eventwire.export.common import _data_rows

    return {row["code"]: row["label"] for row in _data_rows("cameo_actor_types.tsv")}


def _na(value: Any) -> str:
    if value is None or value == "":
        return NA
    return " ".join(str(value).split())


def icews_row(e: dict[str, Any], type_names: dict[str, str]) -> list[str]:
    """The 20 fields of one event, in order."""

    def actor(code: str | None, text: str | None) -> tuple[str, str, str]:
        if not code:
            return NA, NA, NA
        parts = actor_parts(code)
        sectors = ",".join(type_names[t] for t in parts.types if t in type_names)
        return _na(text), _na(sectors or None), _na(country_name(parts.country) if parts.country else None)

    src = actor(e["source_code"], e["source_text"])
    tgt = actor(e["target_code"], e["target_text"])
    place, place_country = e["place_name"], e["place_country"]
    country = country_name(place_country) if place_country else None
    kind = e.get("place_feature_type")
    named_as_country = country is not None and place is not None and place.casefold() == country.casefold()
    city = place if place and kind not in ("country", "us_state") and not named_as_country else None
    province = place if kind == "us_state" else None
    day = e["day"]
    return [
        str(global_event_id(e["event_id"])),
        day.isoformat() if day else NA,
        src[0],
        src[1],
        src[2],
        _na(event_info(e["code"]).name),
        e["code"],
        _na(e["goldstein"]),
        tgt[0],
        tgt[1],
        tgt[2],
        e["doc_id"],
        str(e["sentence_index"] + 1),
        _na(e["outlet"]),
        _na(city),
        NA,
        _na(province),
        _na(country),
        _na(e["place_lat"]),
        _na(e["place_lon"]),
    ]


def write_icews(store: Store, stream: IO[str]) -> Written:
    """Events with a CAMEO code; those with a code outside CAMEO are counted, not written."""
    names = _type_names()
    stream.write("\t".join(ICEWS_FIELDS) + "\n")
    out = Written()
    for e in iter_rows(store, SQL):
        if not is_cameo(e["code"]):
            out.outside_cameo += 1
            continue
        stream.write("\t".join(icews_row(e, names)) + "\n")
        out.rows += 1
    return out


def read_icews(stream: IO[str]) -> list[dict[str, str]]:
    """ICEWS rows as dicts keyed by the header; ValueError if the header is not the 20 ICEWS fields."""
    reader = csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    if tuple(header) != ICEWS_FIELDS:
        raise ValueError(f"not the ICEWS layout: header {header}")
    rows = []
    for number, fields in enumerate(reader, 2):
        if len(fields) != len(ICEWS_FIELDS):
            raise ValueError(f"line {number}: {len(fields)} fields, expected {len(ICEWS_FIELDS)}")
        rows.append(dict(zip(ICEWS_FIELDS, fields)))
    return rows
