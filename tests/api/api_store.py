"""A small event store for the API tests, written by hand (no model): stories whose events are
known, so that every filter's answer can be checked.

    build_store(path) -> path of a store holding STORIES

Event A is reported twice (rferl.org and reuters.com, same day, same actors and code), so it is one
event with two reports; so is the Brussels meeting, once from each side (CAMEO 04 is symmetric);
FILLER adds 30 dated events for paging.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventwire.cameo import event_info, plover_for
from eventwire.records import ActorRef, CodedStory, EventMention, Evidence, Place, Story
from eventwire.store.db import Store

__all__ = ["FILLER_DAYS", "STORIES", "build_store"]

BAGHDAD = Place("Baghdad", "IRQ", 33.34, 44.40, "IZ", canonical="Baghdad", feature_type="city")
BRUSSELS = Place("Brussels", "BEL", 50.85, 4.35, "BE", canonical="Brussels", feature_type="city")
BASRA = Place("Basra", "IRQ", 30.51, 47.81, "IZ", canonical="Basra", feature_type="city")
TEHRAN = Place("Tehran", "IRN", 35.69, 51.42, "IR", canonical="Tehran", feature_type="city")
CAIRO = Place("Cairo", "EGY", 30.04, 31.24, "EG", canonical="Cairo", feature_type="city")


@dataclass(frozen=True)
class Spec:
    sentence: str
    source: tuple[str, str]  # code, words as written
    verb: str
    code: str
    target: tuple[str, str] | None
    place: Place | None = None
    date: str | None = "story"  # "story": the publication date


STORIES: list[tuple[Story, list[Spec]]] = [
    (
        Story("s1", "", "2008-04-17", "https://www.rferl.org/a/1", "NATO asked for help", "rferl.org"),
        [
            Spec("Prime Minister Nuri al-Maliki urged NATO to expand its training mission in Baghdad.",
                 ("IRQGOV", "Nuri al-Maliki"), "urged", "0232", ("IGOWSTNAT", "NATO"), BAGHDAD),
            Spec("NATO envoys met Iraqi officials in Brussels on Thursday.",
                 ("IGOWSTNAT", "NATO envoys"), "met", "040", ("IRQGOV", "Iraqi officials"), BRUSSELS),
        ],
    ),
    (
        Story("s2", "", "2008-04-17", "https://www.reuters.com/2", "Maliki asks NATO", "reuters.com"),
        [Spec("Nuri al-Maliki urged NATO to widen the mission in Baghdad.",
              ("IRQGOV", "Nuri al-Maliki"), "urged", "0232", ("IGOWSTNAT", "NATO"), BAGHDAD)],
    ),
    (  # the same meeting seen from the other side: root 04 is symmetric, so one event with s1's
        Story("s7", "", "2008-04-17", "https://www.bbc.co.uk/7", "Talks in Brussels", "bbc.co.uk"),
        [Spec("Iraqi officials met NATO envoys in Brussels.",
              ("IRQGOV", "Iraqi officials"), "met", "040", ("IGOWSTNAT", "NATO envoys"), BRUSSELS)],
    ),
    (
        Story("s3", "", "2008-05-02", "https://www.reuters.com/3", "Shelling near Basra", "reuters.com"),
        [Spec("Iranian forces shelled villages near Basra, killing two farmers.",
              ("IRNMIL", "Iranian forces"), "shelled", "195", ("IRQCVL", "villages"), BASRA)],
    ),
    (
        Story("s4", "", "2008-06-10", "https://www.bbc.co.uk/4", "Protest in Tehran", "bbc.co.uk"),
        [Spec("Opposition supporters protested against the government in Tehran.",
              ("IRNOPP", "Opposition supporters"), "protested", "141", ("IRNGOV", "the government"), TEHRAN)],
    ),
    (
        Story("s5", "", None, "https://www.bbc.co.uk/5", "Accusations", "bbc.co.uk"),
        [Spec("Turkey accused Syria of harbouring militants.",
              ("TUR", "Turkey"), "accused", "112", ("SYR", "Syria"), None, date=None)],
    ),
    (
        Story("s6", "", "2009-01-05", "https://www.aljazeera.net/6", "Ceasefire signed", "aljazeera.net"),
        [Spec("Israel and Egypt signed a ceasefire agreement in Cairo.",
              ("ISR", "Israel"), "signed", "057", ("EGY", "Egypt"), CAIRO)],
    ),
]

FILLER_DAYS = 30  # one statement every third day from 2010-01-01 (apart: 30 events): USAGOV 010 CANGOV


def _filler() -> list[tuple[Story, list[Spec]]]:
    out = []
    for i in range(FILLER_DAYS):
        day = (dt.date(2010, 1, 1) + dt.timedelta(days=3 * i)).isoformat()
        out.append(
            (
                Story(f"f{i:02d}", "", day, f"https://news.example/{i}", f"Statement {i}", "news.example"),
                [Spec(f"Washington said on day {i} that Ottawa was a friend.", ("USAGOV", "Washington"), "said", "010", ("CANGOV", "Ottawa"))],
            )
        )
    return out


def _coded(story: Story, specs: list[Spec]) -> CodedStory:
    text = " ".join(s.sentence for s in specs)
    story = Story(story.id, text, story.date, story.url, story.title, story.source)
    events = []
    offset = 0
    for index, spec in enumerate(specs):
        start = offset
        offset += len(spec.sentence) + 1

        def actor(side: tuple[str, str] | None, start: int = start, spec: Spec = spec) -> ActorRef | None:
            if side is None:
                return None
            at = start + spec.sentence.index(side[1])
            return ActorRef(side[0], side[1], at, at + len(side[1]), f"Phoenix.Countries.actors.txt:{len(side[0]) * 10}")

        verb_at = start + spec.sentence.index(spec.verb)
        place = spec.place
        if place is not None:
            at = start + spec.sentence.index(place.name)
            from dataclasses import replace

            place = replace(place, start=at, end=at + len(place.name))
        info = event_info(spec.code)
        events.append(
            EventMention(
                doc_id=story.id,
                sentence_index=index,
                sentence=spec.sentence,
                sentence_start=start,
                source=actor(spec.source),
                target=actor(spec.target),
                code=spec.code,
                evidence=Evidence(spec.verb, verb_at, verb_at + len(spec.verb), "CAMEO.2.0.txt:100"),
                date=story.date if spec.date == "story" else spec.date,
                date_source="publication" if spec.date else None,
                place=place,
                url=story.url,
                quad_class=info.quad_class,
                goldstein=info.goldstein,
                plover=plover_for(spec.code),
            )
        )
    return CodedStory(story=story, events=tuple(events))


def build_store(path: str) -> str:
    with Store(path) as store:
        store.write([_coded(s, specs) for s, specs in STORIES + _filler()], coder_version="test-coder", dictionary_version="test-dicts")
    return path
