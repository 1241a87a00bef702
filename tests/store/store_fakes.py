"""A scripted stand-in coder for the store tests: each story line states one event.

A line holding ``[[TURGOV 040 IRNGOV @Ankara,TUR]]`` codes as source TURGOV,
code 040, target IRNGOV, place Ankara (country TUR); ``#2024-03-01`` in the
brackets sets the event date (else the story's publication date). Lines
without brackets give no event; the English words around the brackets keep the
reader's language check content. The coder under test is the store, not coding quality; one end-to-end
test runs the real coder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.cameo import event_info
from eventwire.records import ActorRef, CodedStory, CodingOptions, EventMention, Evidence, Place, Story

__all__ = [
    "FILLER",
    "ScriptedCoder",
    "mention",
    "retagged_factory",
    "scripted_factory",
    "story_line",
    "where_finished",
    "write_jsonl",
]

RULE = "scripted:1"


def mention(
    doc_id: str,
    sentence_index: int,
    source: str,
    code: str,
    target: str | None,
    *,
    date: str | None = "2024-03-01",
    place: str | None = None,
    country: str | None = None,
    modality: str = "asserted",
    url: str | None = None,
    sentence: str | None = None,
    start: int = 0,
) -> EventMention:
    """An EventMention built by hand (offsets from `start`)."""
    text = sentence or f"{source} {code} {target or ''}".strip()
    try:
        info = event_info(code)
    except ValueError:  # a code outside CAMEO, as the WEIS-coded validation dictionaries give
        info = None
    return EventMention(
        doc_id=doc_id,
        sentence_index=sentence_index,
        sentence=text,
        sentence_start=start,
        source=ActorRef(source, source.title(), start, start + len(source)),
        target=ActorRef(target, target.title(), start + len(source) + 5, start + len(source) + 5 + len(target))
        if target
        else None,
        code=code,
        evidence=Evidence(code, start + len(source) + 1, start + len(source) + 4, RULE),
        modality=modality,  # type: ignore[arg-type]
        date=date,
        date_source="text" if date else None,
        place=Place(place, country) if place else None,
        url=url,
        quad_class=info.quad_class if info else None,
        goldstein=info.goldstein if info else None,
        plover=None,
    )


class ScriptedCoder:
    """Codes each ``SOURCE CODE TARGET [@Place[,CTY]] [#date]`` line of a story as one mention; a
    line with RAISE makes it raise (a coder bug), CRASH <existing path> kills the process."""

    def __init__(self, tag: str = "", drop_roots: frozenset[str] = frozenset()) -> None:
        self.tag = tag  # appended to every code's rule, so a recode shows
        self.drop_roots = drop_roots  # roots this "dictionary version" no longer codes

    def code_stories(
        self, stories: Iterable[Story], options: CodingOptions | None = None, batch_size: int = 32
    ) -> Iterator[CodedStory]:
        for story in stories:
            yield self.code_story(story)

    def code_story(self, story: Story) -> CodedStory:
        events = []
        offset = 0
        for index, line in enumerate(story.text.split("\n")):
            start, offset = offset, offset + len(line) + 1
            if "CRASH" in line and Path(line.split("CRASH", 1)[1].split()[0]).exists():
                import os

                os._exit(3)  # a hard crash, as a killed process or a power cut
            if "RAISE" in line:
                raise ValueError("scripted failure")  # a coder bug on this story
            if "[[" not in line:
                continue
            parts = line.split("[[", 1)[1].split("]]", 1)[0].split()
            if len(parts) < 3 or not parts[1].isalnum() or parts[1][:2] in self.drop_roots:
                continue
            place = country = None
            date = story.date
            for extra in parts[3:]:
                if extra.startswith("@"):
                    place, _, country = extra[1:].partition(",")
                    country = country or None
                elif extra.startswith("#"):
                    date = extra[1:]
            m = mention(
                story.id,
                index,
                parts[0],
                parts[1],
                parts[2] if parts[2] != "-" else None,
                date=date,
                place=place,
                country=country,
                url=story.url,
                sentence=line,
                start=start,
            )
            if self.tag:
                from dataclasses import replace

                m = replace(m, evidence=replace(m.evidence, rule=RULE + self.tag))
            events.append(m)
        return CodedStory(story=story, events=tuple(events))


def scripted_factory(dictionaries_path: str | None, extend: bool, options: CodingOptions) -> ScriptedCoder:
    return ScriptedCoder()


def retagged_factory(dictionaries_path: str | None, extend: bool, options: CodingOptions) -> ScriptedCoder:
    """'Dictionaries v2': a new rule tag, and root 19 no longer coded."""
    return ScriptedCoder(tag="+v2", drop_roots=frozenset({"19"}))


FILLER = "Officials said the talks went ahead as planned and both delegations spoke to reporters"


def story_line(
    source: str, code: str, target: str, place: str | None = None, date: str | None = None, words: str = FILLER
) -> str:
    """One story line that the ScriptedCoder codes as one mention."""
    spec = " ".join([source, code, target] + ([f"@{place}"] if place else []) + ([f"#{date}"] if date else []))
    return f"{words} [[{spec}]]."


def write_jsonl(path: Path, records: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def where_finished(coded: list[CodedStory]) -> tuple[int, list[str]]:
    """A `finish` for the pool: the process it ran in and the ids of the stories it was given."""
    import os

    return os.getpid(), [c.story.id for c in coded]


class SlowCoder(ScriptedCoder):
    """The ScriptedCoder, a second per story: a pool stays busy long enough to be killed."""

    def code_story(self, story: Story) -> CodedStory:
        import time

        time.sleep(1.0)
        return super().code_story(story)


def slow_factory(dictionaries_path: str | None, extend: bool, options: CodingOptions) -> SlowCoder:
    return SlowCoder()
