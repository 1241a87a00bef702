"""What the coder considered for each sentence, and why each candidate event was kept or dropped.

A `CodingTrace` is an optional collector passed to `Coder.code_doc(..., trace=...)`. Without
one the coder does no tracing work at all (every hook is behind `if trace is not None`), so
normal coding costs the same. With one, every sentence gets a `SentenceTrace`: its status
(coded, furniture, discard), the verbs that matched a dictionary entry (with file:line), the
actors found (with their rules), and every candidate event with `kept` or a drop reason.

Drop reasons are short fixed words so that tools can count them (`eventwire explain --json`,
`evaluate --missed`); `DROP_REASONS` lists the ones the coder uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DROP_REASONS",
    "Candidate",
    "CodingTrace",
    "SentenceTrace",
    "TracedActor",
    "TracedHit",
    "TracedVerb",
]

# reason -> what it means (shown by `eventwire explain`, documented in docs/cli.md)
DROP_REASONS: dict[str, str] = {
    "no-code": "the verb's dictionary entry codes no event (---)",
    "fallback-contradicted": "only the block's bare code matched, and the verb's object or naming predicate contradicts it",
    "complement": "part of a governing verb's pattern (its controlled complement)",
    "deferred": "an intent verb that defers to its complement's own code",
    "negated": "the verb is negated and its pattern does not spell out the negation",
    "no-source": "no actor for the source",
    "no-target": "no actor for the target (require_dyad)",
    "reported": "a saying verb with reported content: the content is coded, not the saying",
    "co-actor": "source and target are the same actor, the same words, or members of one list",
    "context-target": "a target from the story's context was not safe (place, instrument, or ambiguous)",
    "duplicate": "the same event was already coded from this sentence",
    "condition": "the clause is a threat's condition ('if X went ahead') or the deed it threatens: it has not happened",
}


@dataclass(frozen=True, slots=True)
class TracedActor:
    code: str
    text: str
    start: int
    end: int
    rule: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text, "start": self.start, "end": self.end, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class TracedVerb:
    """A verb token and the dictionary entry that matched it (`origin` is file:line)."""

    verb: str
    start: int
    block: str
    code: str
    reverse_code: str | None
    origin: str
    pattern: bool  # a pattern matched (False: the verb's bare entry)

    def to_json(self) -> dict[str, Any]:
        return {"verb": self.verb, "start": self.start, "block": self.block, "code": self.code,
                "reverse_code": self.reverse_code, "origin": self.origin, "pattern": self.pattern}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate event: kept, or dropped with `reason` (a key of DROP_REASONS)."""

    verb: str
    start: int
    code: str
    source: TracedActor | None
    target: TracedActor | None
    rule: str
    kept: bool
    reason: str | None = None
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "verb": self.verb, "start": self.start, "code": self.code,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "rule": self.rule, "kept": self.kept, "reason": self.reason, "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class TracedHit:
    """A dictionary hit over the sentence's words (an actor or a generic agent)."""

    text: str
    start: int
    kind: str
    code: str
    origin: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "kind": self.kind, "code": self.code, "origin": self.origin}


@dataclass(slots=True)
class SentenceTrace:
    index: int
    start: int
    end: int
    text: str
    status: str = "coded"  # coded | furniture | discard | empty
    parse: str = ""
    verbs: list[TracedVerb] = field(default_factory=list)
    hits: list[TracedHit] = field(default_factory=list)
    actors: list[TracedActor] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index, "start": self.start, "end": self.end, "text": self.text, "status": self.status,
            "parse": self.parse, "verbs": [v.to_json() for v in self.verbs], "hits": [h.to_json() for h in self.hits],
            "actors": [a.to_json() for a in self.actors], "candidates": [c.to_json() for c in self.candidates],
        }


@dataclass(slots=True)
class CodingTrace:
    """The collector: one SentenceTrace per sentence of the story, in order."""

    story_discarded: str | None = None
    sentences: list[SentenceTrace] = field(default_factory=list)

    def begin(self, index: int, start: int, end: int, text: str, status: str = "coded") -> SentenceTrace:
        s = SentenceTrace(index=index, start=start, end=end, text=text, status=status)
        self.sentences.append(s)
        return s

    def sentence(self, index: int) -> SentenceTrace | None:
        return next((s for s in self.sentences if s.index == index), None)

    def mark_duplicates(self, kept_keys: set[tuple[int, str, str | None, str, int]]) -> None:
        """After de-duplication: a kept candidate whose key was not kept is a duplicate."""
        seen: set[tuple[int, str, str | None, str, int]] = set()
        for s in self.sentences:
            for k, c in enumerate(s.candidates):
                if not c.kept:
                    continue
                key = (s.index, c.source.code if c.source else "", c.target.code if c.target else None, c.code, c.start)
                if key in seen or key not in kept_keys:
                    s.candidates[k] = Candidate(c.verb, c.start, c.code, c.source, c.target, c.rule, False, "duplicate")
                seen.add(key)

    def counts(self) -> dict[str, int]:
        """Candidates by outcome: "kept" and each drop reason."""
        out: dict[str, int] = {}
        for s in self.sentences:
            for c in s.candidates:
                key = "kept" if c.kept else (c.reason or "dropped")
                out[key] = out.get(key, 0) + 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {"story_discarded": self.story_discarded, "sentences": [s.to_json() for s in self.sentences]}
