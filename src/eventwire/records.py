"""The records that flow between stages. The JSON shape of an event lives here.

Every record is a frozen dataclass; `to_json()` gives the public JSON shape
documented in docs/event-record.md. Nothing here knows about spaCy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ActorRef",
    "CodedStory",
    "CodingOptions",
    "DateSource",
    "Dateline",
    "Event",
    "EventMention",
    "Evidence",
    "MENTION_IDENTITY",
    "Modality",
    "Place",
    "Plover",
    "Quote",
    "Reject",
    "Report",
    "Story",
    "stable_id",
]

Modality = Literal["asserted", "intended", "reported", "conditional", "historical"]
DateSource = Literal["text", "publication"]


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex digest that is the same on every machine and run."""
    h = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline at the start of a story: `place` as written; `start`/`end` span the whole dateline.

    `text[start:end]` is e.g. ``"WASHINGTON, April 17 (AP) — "``; the place itself is
    ``text[place_start:place_start + len(place)]``. `agency`, `month`, `day` and
    `year` are filled when the dateline gives them.
    """

    place: str
    start: int
    end: int
    place_start: int = 0
    agency: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None

    def date(self, reference: str | None = None) -> str | None:
        """YYYY-MM-DD when the dateline has a full date, or a month and day that `reference` dates.

        Without a year, the day is the latest one on or before `reference`
        (YYYY-MM-DD): a story is published before it is captured.
        """
        if self.month is None or self.day is None:
            return None
        year = self.year
        if year is None:
            ref = _iso_date(reference)
            if ref is None:
                return None
            year = ref.year if (self.month, self.day) <= (ref.month, ref.day) else ref.year - 1
        try:
            return dt.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Story:
    """One news story: text plus what is known about it. `language` and `dateline` are filled once,
    by the readers (`eventwire.ingest`); no later stage looks for them again."""

    id: str
    text: str
    date: str | None = None  # publication date, YYYY-MM-DD
    url: str | None = None
    title: str | None = None
    source: str | None = None  # the outlet
    origin: str | None = None  # file or file:line it was read from
    language: str | None = None  # ISO 639-1, when the reader's language check judged it
    dateline: Dateline | None = None  # "BRUSSELS --" opening the text, found by the reader

    @staticmethod
    def derive_id(text: str, url: str | None = None) -> str:
        """Content-derived id: the same story text always gets the same id."""
        return stable_id(url or "", text)


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as coded in one sentence: its CAMEO code and the words that gave it."""

    code: str
    text: str
    start: int  # character offsets into the story text
    end: int
    # why this code: the dictionary entry ("Phoenix.Countries.actors.txt:22634") and, for an
    # in-story reference, the rule first ("context:pronoun Phoenix...:22634")
    rule: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text, "start": self.start, "end": self.end, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why the event was coded: the verb and the dictionary entry or rule that fired."""

    verb: str
    start: int
    end: int
    rule: str  # "CAMEO.2.0.txt:1834" or "builtin:<name>"

    def to_json(self) -> dict[str, Any]:
        return {"verb": self.verb, "start": self.start, "end": self.end, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened. `name` is the text as written; the rest comes from the gazetteer."""

    name: str
    country: str | None = None  # ISO 3166 alpha-3 (CAMEO uses the same letters)
    lat: float | None = None
    lon: float | None = None
    country_fips: str | None = None  # FIPS 10-4, as GDELT's geo fields use
    adm1: str | None = None  # first-level division code, e.g. "11" or a US state "CA"
    geonames_id: int | None = None
    feature_type: str | None = None  # "city", "country", "us_state", or None when not in the gazetteer
    canonical: str | None = None  # the gazetteer's name ("Basra" for "Al-Basrah")
    start: int | None = None  # char offsets of the place words in the story (the dateline's place for a dateline)
    end: int | None = None
    source: str = "text"  # "text": a locative of the event's clause; "dateline": the story's dateline;
    # "story": a site an earlier sentence placed, named again ("the park"); "capital": the
    # source country's capital, for a foreign envoy summoned or expelled

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "country_fips": self.country_fips,
            "adm1": self.adm1,
            "geonames_id": self.geonames_id,
            "feature_type": self.feature_type,
            "canonical": self.canonical,
        }


@dataclass(frozen=True, slots=True)
class Plover:
    event: str
    mode: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event, "mode": self.mode}


#: The one definition of a mention's identity, as the store's mention columns: `EventMention.identity()`
#: gives these values in this order (None for a missing actor's offset, "" for its code), and
#: `store.rows.MENTION_ID_SQL` hashes the same columns; both hash as `stable_id`.
MENTION_IDENTITY = (
    "doc_id",
    "sentence_index",
    "source_code",
    "source_start",
    "target_code",
    "target_start",
    "code",
    "evidence_start",
)


@dataclass(frozen=True, slots=True)
class EventMention:
    """One coded event, supported by one evidence sentence."""

    doc_id: str
    sentence_index: int
    sentence: str
    sentence_start: int
    source: ActorRef | None
    target: ActorRef | None
    code: str  # CAMEO with leading zeros, e.g. "0232"
    evidence: Evidence
    modality: Modality = "asserted"
    date: str | None = None
    date_source: DateSource | None = None
    date_precision: Literal["day", "month", "year"] | None = None
    date_end: str | None = None  # end of a range ("April 2-4" -> 2008-04-04)
    place: Place | None = None
    url: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    plover: Plover | None = None

    @property
    def root(self) -> str:
        return self.code[:2]

    def identity(self) -> tuple[Any, ...]:
        """What makes a mention this mention: its story, sentence, actors (code and offset), code and
        verb offset, in the order of `MENTION_IDENTITY` (the store's columns of the same values, from
        which store.rows makes the SQL that hashes them). `event_id` hashes it."""
        src, tgt = self.source, self.target
        return (
            self.doc_id,
            self.sentence_index,
            src.code if src else "",
            src.start if src else None,
            tgt.code if tgt else "",
            tgt.start if tgt else None,
            self.code,
            self.evidence.start,
        )

    @property
    def event_id(self) -> str:
        return stable_id(*self.identity())

    def triple(self) -> tuple[str, str, str]:
        return (
            self.source.code if self.source else "",
            self.target.code if self.target else "",
            self.code,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "url": self.url,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "code": self.code,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover.to_json() if self.plover else None,
            "date": self.date,
            "date_source": self.date_source,
            "date_precision": self.date_precision,
            "date_end": self.date_end,
            "place": self.place.to_json() if self.place else None,
            "modality": self.modality,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """One report of a de-duplicated event: a stored mention, with the article it came from."""

    mention_id: str
    mention: EventMention
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # the article's publication date, YYYY-MM-DD

    def to_json(self) -> dict[str, Any]:
        m = self.mention
        return {
            "mention_id": self.mention_id,
            "doc_id": m.doc_id,
            "url": m.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "sentence_index": m.sentence_index,
            "sentence": m.sentence,
            "source": m.source.to_json() if m.source else None,
            "target": m.target.to_json() if m.target else None,
            "code": m.code,
            "date": m.date,
            "modality": m.modality,
            "evidence": m.evidence.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world happening: the de-duplicated event, as query, export and the API give it.

    Its codes, actors and date are its first report's (`reports[0]`, the earliest); `place` is the
    first known place among its reports. `to_json()` is the event record of docs/event-record.md
    ("Events"): the first report's mention record, with the event's id, place, counts and reports."""

    event_id: str
    reports: tuple[Report, ...]
    place: Place | None
    num_mentions: int
    num_sources: int
    num_articles: int
    first_seen: str | None  # earliest publication date of a report, YYYY-MM-DD
    last_seen: str | None
    is_root_event: bool
    # the store knew the event's place but no report carried it whole: only name, country, lat, lon
    place_partial: bool = False

    @property
    def first(self) -> EventMention:
        return self.reports[0].mention

    @property
    def mention_ids(self) -> tuple[str, ...]:
        return tuple(r.mention_id for r in self.reports)

    @property
    def code(self) -> str:
        return self.first.code

    @property
    def source(self) -> ActorRef | None:
        return self.first.source

    @property
    def target(self) -> ActorRef | None:
        return self.first.target

    @property
    def date(self) -> str | None:
        return self.first.date

    @property
    def date_precision(self) -> str | None:
        return self.first.date_precision

    def to_json(self) -> dict[str, Any]:
        record = self.first.to_json()
        record["event_id"] = self.event_id
        if self.place is not None:
            place = self.place.to_json()
            record["place"] = {k: place[k] for k in ("name", "country", "lat", "lon")} if self.place_partial else place
        record["num_mentions"] = self.num_mentions
        record["num_sources"] = self.num_sources
        record["num_articles"] = self.num_articles
        record["first_seen"] = self.first_seen
        record["last_seen"] = self.last_seen
        record["is_root_event"] = self.is_root_event
        record["mentions"] = [r.to_json() for r in self.reports]
        return record


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote and its speaker (None when no speaker could be found)."""

    doc_id: str
    speaker: ActorRef | None
    speaker_text: str | None
    quote: str
    start: int  # char offsets of the quoted words, without the quotation marks
    end: int
    date: str | None
    rule: str  # how the speaker was found

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "speaker": {"code": self.speaker.code, "text": self.speaker.text} if self.speaker else None,
            "speaker_text": self.speaker_text,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "date": self.date,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class CodingOptions:
    """Coder switches (see docs/cli.md). Only switches the coder reads live here: PETRARCH's
    comma and new-actor settings are not implemented, so they are not offered; story length
    limits are the readers' (`eventwire.app.ReadOptions.max_story_chars`)."""

    require_dyad: bool = True
    # With require_dyad: still keep a one-sided event (a source, no target) of a class that is
    # complete without a counterpart (a protest, a threat, a denial: `cameo.is_one_sided`), when its
    # sentence codes no event with a target. PETRARCH's require_dyad keeps none (off for its gold).
    one_sided: bool = True
    # Code stated intents ("will provide aid") as CAMEO 03x; PETRARCH codes the action itself.
    intent_codes: bool = True
    # Code the place of a meeting or a signing as its target ("met in Geneva": CHE), as PETRARCH
    # does; by default a venue is where the event happened, never a party to it.
    venue_targets: bool = False

    @classmethod
    def from_petrarch_config(cls, config: dict[str, str] | None) -> CodingOptions:
        """Options from a PETRARCH gold record's <Config> values (strings like "True", "8"),
        with PETRARCH's conventions (no 03x intent conversion, venues as targets) since its gold
        expects them.
        Settings eventwire does not implement (comma limits, new_actor_length) are ignored."""
        require_dyad = True
        for key, value in (config or {}).items():
            if key == "require_dyad":
                require_dyad = str(value).strip().lower() == "true"
        return cls(require_dyad=require_dyad, one_sided=False, intent_codes=False, venue_targets=True)


@dataclass(frozen=True, slots=True)
class Reject:
    """A story that could not be coded, and why. Batches list these at the end."""

    origin: str
    reason: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"origin": self.origin, "reason": self.reason, "message": self.message}


@dataclass(frozen=True, slots=True)
class CodedStory:
    """The coder's output for one story."""

    story: Story
    events: tuple[EventMention, ...] = field(default_factory=tuple)
    discarded: str | None = None  # story-level discard reason, if any
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
