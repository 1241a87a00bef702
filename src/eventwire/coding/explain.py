"""Why an event was, or was not, coded: the library behind `eventwire explain`.

`explain_story(coder, story)` codes one story with a `CodingTrace` and returns, per sentence,
the parse in compact form, the verb entries that matched (file:line), the actors found (with
the dictionary lines and rules that gave them), and every candidate event kept or dropped
with its reason. `explain_actor(coder, phrase, date)` resolves one actor phrase the way the
coder resolves a noun phrase, with the dictionary lines and rules behind the code.
`format_story` / `format_actor` render them for a terminal; `.to_json()` for tools.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from eventwire.coding.actors import noun_phrase_actors
from eventwire.coding.coder import Coder, parse_story_date
from eventwire.coding.trace import DROP_REASONS, CodingTrace, SentenceTrace, TracedActor, TracedHit
from eventwire.records import CodingOptions, EventMention, Story

__all__ = [
    "ActorExplanation",
    "StoryExplanation",
    "compact_parse",
    "explain_actor",
    "explain_story",
    "format_actor",
    "format_story",
    "reasons_help",
]


@dataclass(frozen=True, slots=True)
class StoryExplanation:
    story: Story
    events: tuple[EventMention, ...]
    trace: CodingTrace

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.story.id,
            "date": self.story.date,
            "story_discarded": self.trace.story_discarded,
            "counts": self.trace.counts(),
            "sentences": [s.to_json() for s in self.trace.sentences],
            "events": [e.to_json() for e in self.events],
        }


@dataclass(frozen=True, slots=True)
class ActorExplanation:
    phrase: str
    date: str | None
    actors: tuple[TracedActor, ...]  # the codes the coder gives the phrase, one per conjunct
    hits: tuple[TracedHit, ...]  # every dictionary entry that matched inside the phrase
    head: str  # the word the coder treats as the phrase's head

    @property
    def code(self) -> str | None:
        return self.actors[0].code if self.actors else None

    def to_json(self) -> dict[str, Any]:
        return {
            "phrase": self.phrase, "date": self.date, "code": self.code, "head": self.head,
            "actors": [a.to_json() for a in self.actors], "hits": [h.to_json() for h in self.hits],
        }


def compact_parse(sent: Span) -> str:
    """One token per item: `word/TAG dep>head-index`, indices counted from the sentence start;
    the root is marked `ROOT`, so the tree can be read without a drawing."""
    out = []
    for k, tok in enumerate(sent):
        if tok.is_space:
            continue
        if tok.dep_ == "ROOT" or tok.head.i == tok.i:
            out.append(f"{k}:{tok.text}/{tok.tag_} ROOT")
        else:
            out.append(f"{k}:{tok.text}/{tok.tag_} {tok.dep_}>{tok.head.i - sent.start}")
    return " ".join(out)


def explain_story(coder: Coder, story: Story, options: CodingOptions | None = None) -> StoryExplanation:
    """Code `story` with a trace and attach each sentence's compact parse."""
    doc = coder.nlp(story.text)
    trace = CodingTrace()
    coded = coder.code_doc(story, doc, options, trace=trace)
    sents = list(doc.sents)
    for s in trace.sentences:
        if 0 <= s.index < len(sents):
            s.parse = compact_parse(sents[s.index])
    return StoryExplanation(story=story, events=coded.events, trace=trace)


def explain_actor(coder: Coder, phrase: str, date: str | None = None) -> ActorExplanation:
    """The code(s) the coder gives `phrase` as a noun phrase on `date`, and why."""
    doc = coder.nlp(phrase)
    toks = [t for t in doc if not t.is_space]
    hits = coder.actor_index.scan(list(doc))
    traced_hits = tuple(
        TracedHit(doc[h.start : h.end].text, doc[h.start].idx, h.kind,
                  h.agent_code if h.kind == "agent" else "/".join(dict.fromkeys(c.code for c in h.codes)), h.origin)
        for h in hits
    )
    if not toks:
        return ActorExplanation(phrase, date, (), traced_hits, "")
    head = _phrase_head(toks)
    day = parse_story_date(date)
    persons = frozenset(t.i for t in doc if t.ent_type_ == "PERSON")
    found = noun_phrase_actors(head, hits, day, person_tokens=persons)
    actors = tuple(TracedActor(a.code, a.text, a.start, a.end, " ".join(dict.fromkeys(a.origins))) for a in found)
    return ActorExplanation(phrase, date, actors, traced_hits, head.text)


def _phrase_head(toks: list[Token]) -> Token:
    """The head of a phrase parsed on its own: the root, or the root's subject/object when the
    parser took a word of the phrase for a verb ("Mexican authorities said" is not given)."""
    root = next((t for t in toks if t.dep_ == "ROOT"), toks[0])
    if root.pos_ in ("VERB", "AUX"):
        for dep in ("nsubj", "nsubjpass", "dobj", "attr"):
            found = next((c for c in root.children if c.dep_ == dep), None)
            if found is not None:
                return found
    return root


# --- text rendering ---------------------------------------------------------------------------------


def format_story(ex: StoryExplanation) -> str:
    lines = [f"story {ex.story.id}" + (f"  date {ex.story.date}" if ex.story.date else "")]
    if ex.trace.story_discarded:
        lines.append(f"  discarded whole: {ex.trace.story_discarded}")
    for s in ex.trace.sentences:
        lines.extend(_format_sentence(s))
    counts = ex.trace.counts()
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: (kv[0] != "kept", kv[0])))
    lines.append(f"{len(ex.events)} events; candidates: {summary or 'none'}")
    return "\n".join(lines) + "\n"


def _format_sentence(s: SentenceTrace) -> list[str]:
    text = " ".join(s.text.split())
    lines = ["", f"[{s.index}] {text}"]
    if s.status != "coded":
        lines.append(f"  skipped: {s.status}")
        if s.status in ("furniture", "empty"):
            return lines
    if s.parse:
        lines.append(f"  parse: {s.parse}")
    for v in s.verbs:
        kind = "pattern" if v.pattern else "verb"
        rev = f":{v.reverse_code}" if v.reverse_code else ""
        lines.append(f"  verb {v.verb!r} {v.block} [{v.code or '---'}{rev}] {kind} {v.origin}")
    for h in s.hits:
        lines.append(f"  hit {h.kind} {h.text!r} {h.code} {h.origin}")
    for a in s.actors:
        lines.append(f"  actor {a.code} {a.text!r} {a.rule}")
    for c in s.candidates:
        src = _actor_text(c.source)
        tgt = _actor_text(c.target)
        verdict = "KEPT   " if c.kept else f"DROPPED {c.reason}"
        detail = f" ({c.detail})" if c.detail else ""
        lines.append(f"  {verdict}{detail}: {src} {c.code or '---'} {tgt}  [{c.verb}] {c.rule}")
    return lines


def _actor_text(a: TracedActor | None) -> str:
    return "-" if a is None else f"{a.code}({a.text})"


def format_actor(ex: ActorExplanation) -> str:
    when = f" on {ex.date}" if ex.date else ""
    lines = [f"{ex.phrase!r}{when}: {ex.code or 'no code'}  (head {ex.head!r})"]
    for a in ex.actors:
        lines.append(f"  actor {a.code} {a.text!r} {a.rule}")
    for h in ex.hits:
        lines.append(f"  hit {h.kind} {h.text!r} {h.code} {h.origin}")
    return "\n".join(lines) + "\n"


def reasons_help() -> str:
    return "; ".join(f"{k}: {v}" for k, v in DROP_REASONS.items())
