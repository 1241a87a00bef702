"""Score "where" alone on sentences whose event verb and location spans are marked by hand.

Gold lines (e.g. ../shared/gold/event_location_dev.jsonl) look like
  {"id": ..., "text": ..., "labels": {"spans": [{"label": "VERB", "start", "end"},
                                                 {"label": "LOCATION", "start", "end"}, ...]}}
Location marks that are empty or a single letter (broken in the source data) are unusable;
sentences whose only marks are broken are left out. For each sentence the coder's place resolver is asked where the event of the gold verb
happened (`Coder.locate`). A placed event is right when its place words overlap a gold
LOCATION span. precision = right / placed; recall = right / sentences with a gold location.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from eventwire.errors import GoldFileError
from eventwire.ingest.metadata import with_dateline
from eventwire.nlp import story_doc
from eventwire.records import Story


@dataclass(frozen=True, slots=True)
class LocationRecord:
    id: str
    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class LocationReport:
    records: int
    with_location: int
    placed: int
    right: int
    placed_where_marked: int  # placed events in sentences whose gold marks a location

    @property
    def precision(self) -> float:
        return self.right / self.placed if self.placed else 0.0

    @property
    def precision_where_marked(self) -> float:
        """Precision over sentences with a gold location only: unmarked sentences in this gold
        often do name the place ("Police in Tokyo patrolled..."), so this bounds precision from above."""
        return self.right / self.placed_where_marked if self.placed_where_marked else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.with_location if self.with_location else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "kinds": ["event_location"],
            "records": self.records,
            "with_location": self.with_location,
            "placed": self.placed,
            "right": self.right,
            "place_precision": round(self.precision, 4),
            "placed_where_marked": self.placed_where_marked,
            "place_precision_where_marked": round(self.precision_where_marked, 4),
            "place_recall": round(self.recall, 4),
        }


def is_location_gold(path: str | os.PathLike[str]) -> bool:
    """True when the file's first record marks VERB spans (an event-location gold file)."""
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                try:
                    obj = orjson.loads(line)
                except orjson.JSONDecodeError:
                    return False
                spans = (obj.get("labels") or {}).get("spans") if isinstance(obj, dict) else None
                return bool(spans) and any(s.get("label") == "VERB" for s in spans if isinstance(s, dict))
    return False


def read_location_gold(path: str | os.PathLike[str]) -> list[LocationRecord]:
    out: list[LocationRecord] = []
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                obj = orjson.loads(line)
                spans = obj["labels"]["spans"]
                verbs = [(int(s["start"]), int(s["end"])) for s in spans if s["label"] == "VERB"]
                text = obj["text"]
                marked = [(int(s["start"]), int(s["end"])) for s in spans if s["label"] == "LOCATION"]
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise GoldFileError(
                    f"not an event-location record ({exc}); each line needs text and labels.spans "
                    "with VERB/LOCATION start/end offsets",
                    where=where,
                ) from exc
            # Some source lines carry broken spans (empty, or one stray letter): those marks are
            # unusable, and a sentence whose only location marks are broken is left out.
            locs = tuple((a, b) for a, b in marked if b - a >= 2 and text[a:b].strip())
            if verbs and not (marked and not locs):
                out.append(LocationRecord(str(obj.get("id", n)), text, verbs[0], locs))
    return out


def evaluate_locations(records: Iterable[LocationRecord], coder: Any, batch_size: int = 64) -> LocationReport:
    records = list(records)
    # each sentence parsed as the readers hand a story over: its dateline found once, beforehand
    texts = ((story_doc(coder.nlp, with_dateline(Story(id=r.id, text=r.text))), r) for r in records)
    n = with_loc = placed = right = placed_marked = 0
    for doc, rec in coder.nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
        n += 1
        with_loc += bool(rec.locations)
        token = next((t for t in doc if t.idx <= rec.verb[0] < t.idx + max(1, len(t.text))), None)
        if token is None:
            continue
        place = coder.locate(doc, token.i)
        if place is None or place.start is None or place.end is None:
            continue
        placed += 1
        placed_marked += bool(rec.locations)
        if any(place.start < end and start < place.end for start, end in rec.locations):
            right += 1
    return LocationReport(records=n, with_location=with_loc, placed=placed, right=right, placed_where_marked=placed_marked)


def format_location_report(report: LocationReport) -> str:
    return (
        f"event-location sentences: {report.records} ({report.with_location} with a gold location)\n"
        f"placed: {report.placed}   right: {report.right}\n"
        f"place precision: {report.precision:.3f} (where gold marks a location: "
        f"{report.precision_where_marked:.3f})   place recall: {report.recall:.3f}\n"
    )
