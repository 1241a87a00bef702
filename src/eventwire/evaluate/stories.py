"""Whole-story gold: score the events of coded stories against hand-coded items and traps.

Two gold shapes are read into the same `StoryGold` records:

* ``wire_stories_dev.jsonl`` (one story a line: ``id``, ``publication_date``, ``text``,
  ``must_find``, ``should_find``, ``must_not``), whose README states the matching rules;
* the seed ``gold.json`` (one story: ``document`` names the text, read from beside the gold
  file or from the bundled examples), as a one-story case.

Matching (the wire README's rules, in order):

1. **Anchoring.** An event can match an item only when its evidence sentence contains the
   item's ``sentence_contains`` (case and whitespace ignored). Containment, not overlap:
   a substring split across two coder sentences cannot match.
2. **Fields.** Source and target codes start with one of the item's prefixes; the event
   code's first two digits are in ``roots``. An event with no target never matches an item
   that lists targets.
3. **Self-dyads.** An event whose source and target codes are equal matches an item only if
   the item's source and target lists share a prefix.
4. An event is **right** when it matches a must_find or should_find item of its story.
5. **Traps** (``must_not``): violated by an event from the trap's sentence that matches every
   field the trap gives (all events of the sentence when it gives none; a seed trap's
   ``date_not`` also needs the event's date to start with it). A trap counts once.

Figures: event precision (right / coded), must recall, should found, trap rate, full-code
and 3-digit code accuracy over matched items, date accuracy (the event date starts with the
item's date: a day must be equal, a month or year accepts any day in it) and place accuracy
(the place as written or the gazetteer's name equals, ignoring case and diacritics, a
comma-separated part of the item's place; when the coder geocoded, its country must be the
country the item's last part names, if the place has several parts and that part is a country; a null place is right only with no place).
An item is dated or placed right when one of its matching events is.
"""

from __future__ import annotations

import functools
import json
import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from eventwire import cameo
from eventwire.errors import GoldFileError
from eventwire.evaluate.matching import prefixed, squash
from eventwire.ingest.metadata import with_dateline
from eventwire.records import CodedStory, EventMention, Story

__all__ = [
    "GoldItem",
    "ItemResult",
    "StoriesReport",
    "StoryGold",
    "StoryReport",
    "Trap",
    "evaluate_stories",
    "format_stories_report",
    "is_story_gold",
    "read_story_gold",
    "score_story",
]

ItemGroup = Literal["must_find", "should_find"]


# --------------------------------------------------------------------------- gold records


@dataclass(frozen=True, slots=True)
class GoldItem:
    """An event a careful coder finds (must_find) or may defensibly find (should_find)."""

    id: str
    group: ItemGroup
    sentence_contains: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    roots: tuple[str, ...]
    code: str | None = None  # the ideal full CAMEO code
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    place: str | None = None  # "City, Country"; None: the event has no stated place
    has_place: bool = False  # the item states `place` (null included); seed items may leave it out
    note: str = ""


@dataclass(frozen=True, slots=True)
class Trap:
    """A sentence (and optionally actors and roots) that must not yield a matching event."""

    id: str
    sentence_contains: str
    source: tuple[str, ...] | None = None
    target: tuple[str, ...] | None = None
    roots: tuple[str, ...] | None = None
    date_not: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class StoryGold:
    id: str
    text: str
    publication_date: str | None
    items: tuple[GoldItem, ...]
    traps: tuple[Trap, ...]

    def story(self) -> Story:
        # as the readers hand a story over: its dateline found once, here, not by the coder
        return with_dateline(Story(id=self.id, text=self.text, date=self.publication_date))


def is_story_gold(path: str | os.PathLike[str]) -> bool:
    """A seed gold.json, or a JSON-lines file whose first record has `must_find` and `text`."""
    p = Path(path)
    if p.suffix == ".json":
        return True
    try:
        with p.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    first = json.loads(line)
                    return isinstance(first, dict) and "must_find" in first and "text" in first
    except (OSError, ValueError):
        return False
    return False


def read_story_gold(path: str | os.PathLike[str]) -> list[StoryGold]:
    """Read whole-story gold: a JSON-lines file of stories, or a seed gold.json (one story)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldFileError("no such file; give the path of a story gold file", where=str(p)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise GoldFileError(f"cannot read it as UTF-8 text ({e})", where=str(p)) from None
    if p.suffix == ".json":
        return [_seed_story(_json(raw, str(p)), p)]
    stories = []
    for n, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            where = f"{p}:{n}"
            stories.append(_story(_json(line, where), where))
    return stories


def _json(text: str, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(text)
    except ValueError as e:
        raise GoldFileError(f"not JSON ({e})", where=where) from None
    if not isinstance(obj, dict):
        raise GoldFileError("expected a JSON object with must_find, should_find and must_not", where=where)
    return obj


def _story(obj: Mapping[str, Any], where: str) -> StoryGold:
    text = obj.get("text")
    if not isinstance(text, str):
        raise GoldFileError('a story needs its "text"', where=where)
    return StoryGold(
        id=str(obj.get("id") or where),
        text=text,
        publication_date=obj.get("publication_date"),
        items=_items(obj, where),
        traps=tuple(_trap(t, where) for t in obj.get("must_not") or []),
    )


def _seed_story(obj: Mapping[str, Any], path: Path) -> StoryGold:
    name = obj.get("document")
    if not isinstance(name, str):
        raise GoldFileError('a seed gold names its story in "document"', where=str(path))
    beside = path.parent / name
    bundled = resources.files("eventwire").joinpath("examples", name)
    if beside.is_file():
        text = beside.read_text(encoding="utf-8")
    elif bundled.is_file():
        text = bundled.read_text(encoding="utf-8")
    else:
        raise GoldFileError(f"the gold's document {name!r} is neither beside it nor bundled", where=str(path))
    return _story({**obj, "id": name, "text": text}, str(path))


def _items(obj: Mapping[str, Any], where: str) -> tuple[GoldItem, ...]:
    items = []
    for group in ("must_find", "should_find"):
        for n, it in enumerate(obj.get(group) or []):
            if not isinstance(it, dict) or not isinstance(it.get("sentence_contains"), str):
                raise GoldFileError(f'{group}[{n}] needs a "sentence_contains" string', where=where)
            items.append(
                GoldItem(
                    id=str(it.get("id") or f"{group}[{n}]"),
                    group=group,  # type: ignore[arg-type]
                    sentence_contains=it["sentence_contains"],
                    source=tuple(it.get("source") or ()),
                    target=tuple(it.get("target") or ()),
                    roots=tuple(it.get("roots") or ()),
                    code=it.get("code"),
                    date=it.get("date"),
                    place=it.get("place"),
                    has_place="place" in it,
                    note=str(it.get("note") or ""),
                )
            )
    return tuple(items)


def _trap(t: Any, where: str) -> Trap:
    if not isinstance(t, dict) or not isinstance(t.get("sentence_contains"), str):
        raise GoldFileError('each must_not item needs a "sentence_contains" string', where=where)

    def opt(key: str) -> tuple[str, ...] | None:
        value = t.get(key)
        return tuple(value) if value else None

    return Trap(
        id=str(t.get("id") or t["sentence_contains"]),
        sentence_contains=t["sentence_contains"],
        source=opt("source"),
        target=opt("target"),
        roots=opt("roots"),
        date_not=t.get("date_not"),
        note=str(t.get("note") or ""),
    )


# --------------------------------------------------------------------------- matching


def _plain(text: str) -> str:
    """Case- and diacritics-free, for place names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return squash("".join(c for c in decomposed if not unicodedata.combining(c)))


def _anchored(sentence_contains: str, event: EventMention) -> bool:
    return squash(sentence_contains) in squash(event.sentence)


def _codes(event: EventMention) -> tuple[str, str]:
    return (event.source.code if event.source else ""), (event.target.code if event.target else "")


def matches(item: GoldItem, event: EventMention) -> bool:
    """The wire README's rules 1-3: anchored, fields by prefix and root, self-dyads only when allowed."""
    if not _anchored(item.sentence_contains, event):
        return False
    source, target = _codes(event)
    if not (prefixed(source, item.source) and prefixed(target, item.target) and event.code[:2] in item.roots):
        return False
    return source != target or bool(set(item.source) & set(item.target))


def violates(trap: Trap, event: EventMention) -> bool:
    if not _anchored(trap.sentence_contains, event):
        return False
    source, target = _codes(event)
    return (
        (trap.source is None or prefixed(source, trap.source))
        and (trap.target is None or prefixed(target, trap.target))
        and (trap.roots is None or event.code[:2] in trap.roots)
        and (trap.date_not is None or (event.date or "").startswith(trap.date_not))
    )


def _date_right(item: GoldItem, event: EventMention) -> bool:
    return item.date is not None and (event.date or "").startswith(item.date)


@functools.cache
def _countries_by_name() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in cameo.country_codes():
        country = cameo.country_name(code)
        if country:
            table.setdefault(_plain(country), code)
    return table


def _country_code(name: str) -> str | None:
    return _countries_by_name().get(_plain(name))


def _place_right(item: GoldItem, event: EventMention) -> bool:
    place = event.place
    if item.place is None:
        return place is None
    if place is None:
        return False
    parts = [_plain(p) for p in item.place.split(",") if p.strip()]
    names = {_plain(n) for n in (place.name, place.canonical) if n}
    if not names & set(parts):
        return False
    # "City, ..., Country": the last part names the country when there are several parts
    gold_country = _country_code(parts[-1]) if len(parts) > 1 else None
    return not (place.country and gold_country) or place.country == gold_country


# --------------------------------------------------------------------------- reports


@dataclass(frozen=True, slots=True)
class ItemResult:
    item: GoldItem
    matched: tuple[str, ...]  # event ids
    code_exact: bool | None = None  # None: the item names no ideal code, or nothing matched
    code_3digit: bool | None = None
    date_right: bool | None = None  # None: the item gives no date, or nothing matched
    place_right: bool | None = None  # None: the item states no place, or nothing matched

    @property
    def found(self) -> bool:
        return bool(self.matched)


@dataclass(frozen=True, slots=True)
class WrongEvent:
    event: EventMention
    traps: tuple[str, ...]  # the ids of the traps it violates


@dataclass(frozen=True, slots=True)
class StoryReport:
    id: str
    events: int
    right: int
    items: tuple[ItemResult, ...]
    traps: int
    violated: tuple[str, ...]  # trap ids
    wrong: tuple[WrongEvent, ...]

    def count(self, group: ItemGroup, found: bool | None = None) -> int:
        return sum(1 for r in self.items if r.item.group == group and (found is None or r.found is found))

    def to_json(self, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "events": self.events,
            "right": self.right,
            "must_find": {"found": self.count("must_find", True), "of": self.count("must_find")},
            "should_find": {"found": self.count("should_find", True), "of": self.count("should_find")},
            "traps": {"violated": len(self.violated), "of": self.traps, "ids": list(self.violated)},
            "missed": [r.item.id for r in self.items if r.item.group == "must_find" and not r.found],
        }
        if errors:
            out["wrong_events"] = [_wrong_json(w) for w in self.wrong]
            out["missed_items"] = [_item_json(r.item) for r in self.items if not r.found]
            out["misdated"] = [r.item.id for r in self.items if r.date_right is False]
            out["misplaced"] = [r.item.id for r in self.items if r.place_right is False]
        return out


@dataclass(frozen=True, slots=True)
class StoriesReport:
    stories: tuple[StoryReport, ...]

    def _sum(self, attr: str) -> int:
        return sum(getattr(s, attr) for s in self.stories)

    @property
    def events(self) -> int:
        return self._sum("events")

    @property
    def right(self) -> int:
        return self._sum("right")

    @property
    def precision(self) -> float:
        return _ratio(self.right, self.events)

    def _items(self) -> list[ItemResult]:
        return [r for s in self.stories for r in s.items]

    def group(self, group: ItemGroup, found: bool | None = None) -> int:
        return sum(s.count(group, found) for s in self.stories)

    @property
    def must_recall(self) -> float:
        return _ratio(self.group("must_find", True), self.group("must_find"))

    @property
    def traps(self) -> int:
        return self._sum("traps")

    @property
    def violated(self) -> int:
        return sum(len(s.violated) for s in self.stories)

    @property
    def trap_rate(self) -> float:
        return _ratio(self.violated, self.traps)

    def accuracy(self, what: Literal["code_exact", "code_3digit", "date_right", "place_right"]) -> tuple[int, int]:
        """(right, of) over the matched items the figure applies to."""
        values = [getattr(r, what) for r in self._items() if r.found]
        given = [v for v in values if v is not None]
        return sum(given), len(given)

    def _missed(self, group: ItemGroup) -> list[str]:
        return [r.item.id for r in self._items() if r.item.group == group and not r.found]

    def to_json(self, errors: bool = False) -> dict[str, Any]:
        def acc(what: Any) -> dict[str, Any]:
            right, of = self.accuracy(what)
            return {"right": right, "of": of, "rate": _ratio(right, of)}

        return {
            "stories": len(self.stories),
            "events": self.events,
            "right_events": self.right,
            "event_precision": self.precision,
            "must_find": {
                "found": self.group("must_find", True),
                "of": self.group("must_find"),
                "missed": self._missed("must_find"),
            },
            "must_recall": self.must_recall,
            "should_find": {
                "found": self.group("should_find", True),
                "of": self.group("should_find"),
                "missed": self._missed("should_find"),
            },
            "must_not": {
                "violated": self.violated,
                "of": self.traps,
                "violations": [t for s in self.stories for t in s.violated],
            },
            "trap_rate": self.trap_rate,
            "full_code_accuracy": acc("code_exact"),
            "code_3digit_accuracy": acc("code_3digit"),
            "date_accuracy": acc("date_right"),
            "place_accuracy": acc("place_right"),
            "per_story": [s.to_json(errors) for s in self.stories],
        }


def _ratio(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def _actor_json(a: Any) -> dict[str, Any] | None:
    return None if a is None else {"code": a.code, "text": a.text, "rule": a.rule}


def _wrong_json(w: WrongEvent) -> dict[str, Any]:
    e = w.event
    return {
        "sentence": e.sentence,
        "source": _actor_json(e.source),
        "target": _actor_json(e.target),
        "code": e.code,
        "verb": e.evidence.verb,
        "rule": e.evidence.rule,
        "date": e.date,
        "place": e.place.name if e.place else None,
        "traps": list(w.traps),
    }


def _item_json(item: GoldItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "group": item.group,
        "sentence_contains": item.sentence_contains,
        "source": list(item.source),
        "target": list(item.target),
        "roots": list(item.roots),
        "code": item.code,
    }


# --------------------------------------------------------------------------- scoring


def score_story(gold: StoryGold, events: Sequence[EventMention]) -> StoryReport:
    """Score one coded story's events against its gold items and traps."""
    results = []
    right: set[int] = set()  # positions in `events`: two mentions may share an id in hand-made input
    for item in gold.items:
        hit_at = [i for i, e in enumerate(events) if matches(item, e)]
        right.update(hit_at)
        hits = [events[i] for i in hit_at]
        results.append(
            ItemResult(
                item=item,
                matched=tuple(e.event_id for e in hits),
                code_exact=(any(e.code == item.code for e in hits) if hits and item.code else None),
                code_3digit=(any(e.code[:3] == item.code[:3] for e in hits) if hits and item.code else None),
                date_right=(any(_date_right(item, e) for e in hits) if hits and item.date else None),
                place_right=(any(_place_right(item, e) for e in hits) if hits and item.has_place else None),
            )
        )
    violated = tuple(t.id for t in gold.traps if any(violates(t, e) for e in events))
    wrong = tuple(
        WrongEvent(e, tuple(t.id for t in gold.traps if violates(t, e)))
        for i, e in enumerate(events)
        if i not in right
    )
    return StoryReport(
        id=gold.id,
        events=len(events),
        right=len(right),
        items=tuple(results),
        traps=len(gold.traps),
        violated=violated,
        wrong=wrong,
    )


def evaluate_stories(golds: Iterable[StoryGold], coder: Any) -> StoriesReport:
    """Code each gold story with its publication date (one `nlp.pipe` pass) and score it."""
    golds = list(golds)
    coded: list[CodedStory] = list(coder.code_stories(g.story() for g in golds))
    return StoriesReport(tuple(score_story(g, c.events) for g, c in zip(golds, coded, strict=True)))


def format_stories_report(report: StoriesReport, errors: bool = False) -> str:
    """The README's figures, a line per story, and with `errors` every wrong event and missed item."""
    j = report.to_json(errors)

    def acc(key: str) -> str:
        a = j[key]
        return f"{a['rate']:.2f} ({a['right']} of {a['of']})"

    lines = [
        f"stories: {j['stories']}, events coded: {j['events']}",
        f"event precision:    {j['event_precision']:.2f} ({j['right_events']} of {j['events']} events right)",
        f"must recall:        {j['must_recall']:.2f} ({j['must_find']['found']} of {j['must_find']['of']})",
        f"should found:       {j['should_find']['found']} of {j['should_find']['of']}",
        f"traps violated:     {j['trap_rate']:.2f} ({j['must_not']['violated']} of {j['must_not']['of']})",
        f"full-code accuracy: {acc('full_code_accuracy')}, 3-digit {acc('code_3digit_accuracy')}",
        f"date accuracy:      {acc('date_accuracy')}",
        f"place accuracy:     {acc('place_accuracy')}",
        "",
        f"{'story':<12} {'events':>6} {'right':>5} {'must':>7} {'should':>7} {'traps':>6}",
    ]
    for s in j["per_story"]:
        must, should, traps = s["must_find"], s["should_find"], s["traps"]
        lines.append(
            f"{s['id']:<12} {s['events']:>6} {s['right']:>5} {must['found']:>3}/{must['of']:<3}"
            f" {should['found']:>3}/{should['of']:<3} {traps['violated']:>2}/{traps['of']:<3}"
        )
    if errors:
        for s in j["per_story"]:
            lines += ["", f"== {s['id']}"]
            for w in s["wrong_events"]:
                src = w["source"]["code"] if w["source"] else "---"
                tgt = w["target"]["code"] if w["target"] else "---"
                trap = f"  TRAP {', '.join(w['traps'])}" if w["traps"] else ""
                lines.append(f"  wrong  {src} {w['code']} {tgt}  [{w['rule']}]{trap}")
                lines.append(f"         {_clip(w['sentence'])}")
            for m in s["missed_items"]:
                want = f"{'|'.join(m['source'])} {'|'.join(m['roots'])} {'|'.join(m['target'])}"
                lines.append(f"  missed {m['group']:<11} {m['id']}: {want}  «{m['sentence_contains']}»")
            for key in ("misdated", "misplaced"):
                if s[key]:
                    lines.append(f"  {key}: {', '.join(s[key])}")
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
