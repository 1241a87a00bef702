"""PLOVER JSON records, one per line, one per event with a PLOVER type.

The shape follows the PLOVER gold-standard records (openeventdata/PLOVER):

    {"id", "date", "event", "mode", "context", "actor": [...], "recipient": [...],
     "event_text", "text", "event_loc", "size", "dead", "injured",
     "cameo", "num_mentions", "num_sources", "num_articles", "sources": [...]}

* ``actor``/``recipient``: every distinct source/target actor among the event's
  mentions, in order of first appearance: ``{"actorText", "code", "sector", "cameo"}``
  where ``code`` is the country part of the CAMEO code and ``sector`` the rest.
* ``event``/``mode``: the CAMEO -> PLOVER map (`eventwire.cameo.plover_for`).
  CAMEO roots 01 (statements) and 02 (appeals) have no PLOVER type: those events
  are left out and counted.
* ``event_loc``: ``{"name", "country", "lat", "lon"}`` or null; ``context``,
  ``size``, ``dead``, ``injured`` are not coded (empty/null).
* ``sources``: the URL (else doc id) of every article that reported it.
"""

from __future__ import annotations

from typing import IO, Any

import orjson

from eventwire.cameo import is_cameo, plover_for
from eventwire.export.common import Written
from eventwire.store.db import Store
from eventwire.store.query import event_records

__all__ = ["plover_record", "write_plover"]


def _actors(record: dict[str, Any], role: str) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for m in record["mentions"]:
        actor = m[role]
        if actor is None or actor["code"] in seen:
            continue
        code: str = actor["code"]
        seen[code] = {"actorText": actor["text"], "code": code[:3], "sector": code[3:] or None, "cameo": code}
    return list(seen.values())


def plover_record(record: dict[str, Any]) -> dict[str, Any] | None:
    """The PLOVER record of an event record; None when its CAMEO code has no PLOVER type."""
    plover = plover_for(record["code"])
    if plover is None:
        return None
    place = record["place"]
    sources = list(dict.fromkeys(m["url"] or m["doc_id"] for m in record["mentions"]))
    return {
        "id": record["event_id"],
        "date": record["date"],
        "event": plover.event,
        "mode": plover.mode,
        "context": [],
        "actor": _actors(record, "source"),
        "recipient": _actors(record, "target"),
        "event_text": record["evidence"]["verb"],
        "text": record["sentence"],
        "event_loc": place,
        "size": None,
        "dead": None,
        "injured": None,
        "cameo": record["code"],
        "num_mentions": record["num_mentions"],
        "num_sources": record["num_sources"],
        "num_articles": record["num_articles"],
        "sources": sources,
    }


def write_plover(store: Store, stream: IO[str]) -> Written:
    """Write PLOVER records; counts those left out for having no PLOVER type or a code outside CAMEO."""
    written = Written()
    for record in event_records(store):
        if not is_cameo(record["code"]):
            written.outside_cameo += 1
            continue
        out = plover_record(record)
        if out is None:
            written.skipped += 1
            continue
        stream.write(orjson.dumps(out).decode("utf-8") + "\n")
        written.rows += 1
    return written
