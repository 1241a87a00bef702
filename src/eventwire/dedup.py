"""Mentions -> events: one event per real-world happening.

Many stories (and a headline plus its lead) report the same happening; each
report is an `EventMention`. This module groups mentions into `EventGroup`s. The rule
(docs/dedup.md has the full text and the reasons):

1. **Block.** Two mentions can only be one event when they share a block: the same
   source and target actors cut to `actor_level` (default ``sector``: the first 6
   characters of the CAMEO actor code, country + sector, so ``IRQGOVMIN`` and
   ``IRQGOV`` agree), the same CAMEO root (``04`` Consult), and the same realis
   (``intended``/``conditional`` mentions never merge with ones that happened). For
   roots in `symmetric_roots` (default ``04``: A meets B is B meets A; A visits B is
   B hosts A) the two actors are sorted first.
2. **Date window.** Within a block, mentions are taken in date order. A mention joins
   an open event whose *first* date is at most `window_days` (default 2) earlier,
   so one event never spans more than the window (daily protests for a month stay
   many events).
3. **Place.** With `place_rule` ``name`` (default) a mention cannot join an event
   whose place is known and different (by name, the gazetteer's when there is one,
   ignoring case and accents; or by country when both countries are known). ``country`` compares countries only;
   ``ignore`` skips the test. An unknown place is compatible with any place.
4. **Choice.** When several open events fit, a mention joins one that already holds
   a mention of its own story (the headline and the lead are one event), then one
   whose known place equals its own, then the earliest.
5. **Undated mentions** (no date in the text and no publication date) only join an
   event holding a mention of the same story, else they form their own.

The result does not depend on input order: mentions are sorted first, by
(date, publication date, doc_id, sentence_index, mention id). The earliest
mention in that order is the event's first mention; the event id is a hash of
its mention id, so it is the same on every run over the same mentions.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple
from urllib.parse import urlsplit

from eventwire.errors import ConfigError
from eventwire.records import EventMention, stable_id

__all__ = [
    "ACTOR_LEVELS",
    "PLACE_RULES",
    "DedupConfig",
    "EventGroup",
    "MentionKey",
    "block_key",
    "cluster",
    "cluster_block",
    "dedup",
    "outlet_of",
    "period_start",
]

ActorLevel = Literal["country", "sector", "full"]
PlaceRule = Literal["name", "country", "ignore"]
ACTOR_LEVELS: dict[str, int | None] = {"country": 3, "sector": 6, "full": None}
PLACE_RULES: tuple[str, ...] = ("name", "country", "ignore")
IRREALIS = frozenset({"intended", "conditional"})


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """How mentions are grouped into events (see the module docstring and docs/dedup.md)."""

    window_days: int = 2
    actor_level: ActorLevel = "sector"
    place_rule: PlaceRule = "name"
    symmetric_roots: tuple[str, ...] = ("04",)
    separate_irrealis: bool = True
    #: an event is a "root event" (GDELT IsRootEvent) when a mention is among the first N sentences
    root_sentences: int = 5

    def __post_init__(self) -> None:
        if not isinstance(self.window_days, int) or self.window_days < 0:
            raise ConfigError(f"the dedup window must be 0 days or more, not {self.window_days!r}")
        if self.actor_level not in ACTOR_LEVELS:
            raise ConfigError(
                f"unknown actor level {self.actor_level!r}; use one of: {', '.join(ACTOR_LEVELS)}"
            )
        if self.place_rule not in PLACE_RULES:
            raise ConfigError(f"unknown place rule {self.place_rule!r}; use one of: {', '.join(PLACE_RULES)}")
        if self.root_sentences < 0:
            raise ConfigError(f"root_sentences must be 0 or more, not {self.root_sentences}")
        object.__setattr__(self, "symmetric_roots", tuple(sorted({str(r).zfill(2) for r in self.symmetric_roots})))

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DedupConfig:
        data: dict[str, Any] = json.loads(text)
        data["symmetric_roots"] = tuple(data.get("symmetric_roots", ()))
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


class MentionKey(NamedTuple):
    """What the grouping reads of one mention (plus its article's outlet and publication date).

    A named tuple, not a dataclass: the store builds one per mention it re-clusters."""

    mention_id: str
    doc_id: str
    sentence_index: int
    source_code: str
    target_code: str
    code: str
    modality: str = "asserted"
    date: str | None = None  # YYYY-MM-DD
    place_name: str | None = None  # the gazetteer's name when there is one, else the words of the text
    place_country: str | None = None
    outlet: str | None = None
    published: str | None = None

    @classmethod
    def of(cls, mention: EventMention, *, outlet: str | None = None, published: str | None = None) -> MentionKey:
        return cls(
            mention_id=mention.event_id,
            doc_id=mention.doc_id,
            sentence_index=mention.sentence_index,
            source_code=mention.source.code if mention.source else "",
            target_code=mention.target.code if mention.target else "",
            code=mention.code,
            modality=mention.modality,
            date=mention.date,
            place_name=(getattr(mention.place, "canonical", None) or mention.place.name) if mention.place else None,
            place_country=mention.place.country if mention.place else None,
            outlet=outlet if outlet is not None else outlet_of(None, mention.url),
            published=published,
        )


class EventGroup(NamedTuple):
    """One real-world happening as grouped: its mentions, earliest first, and what the events row
    stores. (A named tuple: the store makes one per event it re-groups. What query and export give
    back is `records.Event`.)"""

    event_id: str
    block: str
    mention_ids: tuple[str, ...]
    evidence: tuple[tuple[str, int], ...]  # (doc_id, sentence_index) of each mention, same order
    date: str | None
    place_name: str | None
    place_country: str | None
    num_mentions: int
    num_sources: int
    num_articles: int
    first_seen: str | None  # earliest publication date of a report (else its event date)
    last_seen: str | None
    is_root_event: bool
    sort_key: tuple[str, str, str, int, str] = ("", "", "", 0, "")  # of the first mention: the event order

    @property
    def first_mention_id(self) -> str:
        return self.mention_ids[0]


def outlet_of(outlet: str | None, url: str | None) -> str | None:
    """The outlet's name, else the host of the URL without ``www.``, else None."""
    if outlet:
        return outlet
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _actor(code: str, level: ActorLevel) -> str:
    n = ACTOR_LEVELS[level]
    return code if n is None else code[:n]


def block_key(source_code: str, target_code: str, code: str, modality: str, config: DedupConfig) -> str:
    """The block a mention belongs to: only mentions of one block can form one event."""
    source = _actor(source_code or "", config.actor_level)
    target = _actor(target_code or "", config.actor_level)
    root = code[:2]
    if root in config.symmetric_roots and target < source:
        source, target = target, source
    realis = "irrealis" if config.separate_irrealis and modality in IRREALIS else "realis"
    return f"{source}|{target}|{root}|{realis}"


@functools.lru_cache(maxsize=65536)
def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(slots=True)
class _Cluster:
    order: tuple[str, str, str, int, str]  # sort key of the first member: creation order
    anchor: int | None  # date ordinal of the first member; None for an undated cluster
    members: list[MentionKey] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    place: tuple[str, str | None] | None = None  # (folded name, country)
    place_raw: tuple[str, str | None] | None = None

    def add(self, key: MentionKey) -> None:
        self.members.append(key)
        self.docs.add(key.doc_id)
        if self.place is None and key.place_name:
            self.place = (_fold(key.place_name), key.place_country or None)
            self.place_raw = (key.place_name, key.place_country or None)


def _place_of(key: MentionKey) -> tuple[str, str | None] | None:
    return (_fold(key.place_name), key.place_country or None) if key.place_name else None


def _place_ok(a: tuple[str, str | None] | None, b: tuple[str, str | None] | None, rule: PlaceRule) -> bool:
    if rule == "ignore" or a is None or b is None:
        return True
    both_countries = a[1] is not None and b[1] is not None
    if rule == "country":
        return a[1] == b[1] if both_countries else a[0] == b[0]
    return a[0] == b[0] and (not both_countries or a[1] == b[1])


@functools.lru_cache(maxsize=65536)
def period_start(date: str | None) -> dt.date | None:
    """The first day of a coded date: YYYY-MM-DD, YYYY-MM (day 1) or YYYY (1 January); None if unreadable."""
    if not date:
        return None
    parts = date.strip()[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return dt.date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def _ordinal(date: str | None) -> int | None:
    day = period_start(date)
    return day.toordinal() if day is not None else None


def _sort_key(key: MentionKey) -> tuple[str, str, str, int, str]:
    return (key.date or "~", key.published or "~", key.doc_id, key.sentence_index, key.mention_id)


def cluster(keys: Iterable[MentionKey], config: DedupConfig | None = None) -> list[EventGroup]:
    """Group mentions into events by the rule above; events come out in order of their first mention."""
    config = config or DedupConfig()
    blocks: dict[str, list[MentionKey]] = defaultdict(list)
    seen: set[str] = set()
    for key in keys:
        if key.mention_id in seen:  # the same mention twice is one mention
            continue
        seen.add(key.mention_id)
        blocks[block_key(key.source_code, key.target_code, key.code, key.modality, config)].append(key)
    events: list[EventGroup] = []
    for block, members in blocks.items():
        events.extend(cluster_block(block, members, config))
    events.sort(key=lambda e: e.sort_key)
    return events


def cluster_block(
    block: str,
    members: Iterable[MentionKey],
    config: DedupConfig,
    seeds: Iterable[Sequence[MentionKey]] = (),
) -> list[EventGroup]:
    """The events of one block. `seeds` resume an earlier run (see `Store` refresh): each is the
    members, dated before every one of `members`, of an event whose window was still open at that date.
    Resuming from those seeds gives the same events as clustering everything from the start."""
    return [_event(block, c, config) for c in _cluster_block(list(members), config, seeds)]


def _cluster_block(
    members: list[MentionKey], config: DedupConfig, seeds: Iterable[Sequence[MentionKey]] = ()
) -> list[_Cluster]:
    seeds = [s for s in seeds if s]
    if len(members) == 1 and not seeds:  # most blocks of a batch: one new mention, nothing to resume
        (key,) = members
        single = _Cluster(order=_sort_key(key), anchor=_ordinal(key.date))
        single.add(key)
        return [single]
    members = sorted(members, key=_sort_key)
    clusters: list[_Cluster] = []
    for seed in sorted((sorted(s, key=_sort_key) for s in seeds if s), key=lambda s: _sort_key(s[0])):
        c = _Cluster(order=_sort_key(seed[0]), anchor=_ordinal(seed[0].date))
        for key in seed:
            c.add(key)
        clusters.append(c)
    active: list[_Cluster] = list(clusters)  # dated clusters whose window may still be open
    undated: list[MentionKey] = []
    for key in members:
        day = _ordinal(key.date)
        if day is None:
            undated.append(key)
            continue
        active = [c for c in active if c.anchor is not None and day - c.anchor <= config.window_days]
        place = _place_of(key)
        best = _choose([c for c in active if _place_ok(c.place, place, config.place_rule)], key, place)
        if best is None:
            best = _Cluster(order=_sort_key(key), anchor=day)
            clusters.append(best)
            active.append(best)
        best.add(key)
    for key in undated:
        place = _place_of(key)
        fits = [c for c in clusters if key.doc_id in c.docs and _place_ok(c.place, place, config.place_rule)]
        best = _choose(fits, key, place)
        if best is None:
            best = _Cluster(order=_sort_key(key), anchor=None)
            clusters.append(best)
        best.add(key)
    return clusters


def _choose(
    candidates: list[_Cluster], key: MentionKey, place: tuple[str, str | None] | None
) -> _Cluster | None:
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (
            key.doc_id not in c.docs,
            not (place is not None and c.place is not None and c.place[0] == place[0]),
            c.order,
        ),
    )


def _event(block: str, c: _Cluster, config: DedupConfig) -> EventGroup:
    members = c.members
    first = members[0]
    limit = config.root_sentences
    seen_dates: list[dt.date] = []
    outlets: set[str] = set()
    is_root = False
    for m in members:  # one pass: the store builds tens of thousands of these per batch
        outlets.add(m.outlet or f"doc:{m.doc_id}")
        day = period_start(m.published or m.date)
        if day is not None:
            seen_dates.append(day)
        if m.sentence_index < limit:
            is_root = True
    return EventGroup(
        event_id=stable_id("event", first.mention_id),
        block=block,
        mention_ids=tuple(m.mention_id for m in members),
        evidence=tuple((m.doc_id, m.sentence_index) for m in members),
        date=first.date,
        place_name=c.place_raw[0] if c.place_raw else None,
        place_country=c.place_raw[1] if c.place_raw else None,
        num_mentions=len(members),
        num_sources=len(outlets),
        num_articles=len(c.docs),
        first_seen=min(seen_dates).isoformat() if seen_dates else None,
        last_seen=max(seen_dates).isoformat() if seen_dates else None,
        is_root_event=is_root,
        sort_key=_sort_key(first),
    )


def dedup(
    mentions: Iterable[EventMention],
    config: DedupConfig | None = None,
    *,
    outlets: Mapping[str, str] | None = None,
    published: Mapping[str, str] | None = None,
) -> list[EventGroup]:
    """Events from mentions; `outlets`/`published` map a doc_id to its outlet and publication date."""
    outlets = outlets or {}
    published = published or {}
    keys = (
        MentionKey.of(m, outlet=outlet_of(outlets.get(m.doc_id), m.url), published=published.get(m.doc_id))
        for m in mentions
    )
    return cluster(keys, config)
