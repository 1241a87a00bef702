"""Why a gold sentence's event was missed: the first coding stage that lost it (`evaluate --missed`).

A sentence is **missed** when the coder codes no event for it, or no event between the gold actors:
the expected (source, target) pairs of a PETRARCH record, the source and target spans of a
ConfliBERT record (a coded actor overlapping each span the gold marks). PLOVER records name no
actors, so they are missed only when nothing is coded.

The reason comes from the coder's candidate trace (`coding.trace`), taking the candidate that got
furthest through the stages, in the coder's order:

``furniture`` / ``discard``  the sentence (or the story) was set aside before any verb was read
``no-verb``                  no verb of the sentence matched a dictionary pattern
``verb:<reason>``            verbs matched, but none led to a candidate of its own: ``no-code`` (the
                             entry codes nothing, ``---``), ``complement``/``deferred`` (it handed over
                             to a complement verb that coded nothing), ``reported`` (a saying verb,
                             which hands over to its content: the content verb's own reason wins)
``no-source``                a verb matched, but no actor was found for the source
``no-target``                a source was found, but no target (require_dyad)
``filter:<reason>``          a candidate with its actors was dropped by a filter: negated, co-actor,
                             context-target, fallback-contradicted, condition, ...
``other-actors``             events were coded, but none between the gold actors

Counts per reason are the map of the recall work: attack the largest reason first, by class of
construction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.coding.trace import CodingTrace
from eventwire.records import EventMention

__all__ = ["Miss", "MissReport", "miss_reason"]

# stage rank: a candidate dropped later in the pipeline got further. A verb whose entry codes
# nothing, or that hands over to its complement, is still at the verb stage; so is a saying verb,
# which hands over to the content it reports ("X said Y attacked Z": Y's attack is the candidate).
_STAGE = {"no-code": 1, "complement": 1, "deferred": 1, "reported": 1, "no-source": 2, "no-target": 3}
_FILTER_RANK = 4


@dataclass(frozen=True, slots=True)
class Miss:
    id: str
    kind: str
    reason: str
    text: str
    detail: str = ""  # what the gold wanted, for --errors

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "reason": self.reason, "text": self.text, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class MissReport:
    sentences: int  # gold sentences examined (scored records with an expected event)
    misses: tuple[Miss, ...]

    def by_reason(self) -> list[tuple[str, int]]:
        return Counter(m.reason for m in self.misses).most_common()

    def to_json(self, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sentences": self.sentences,
            "missed": len(self.misses),
            "by_reason": dict(self.by_reason()),
        }
        if errors:
            out["misses"] = [m.to_json() for m in self.misses]
        return out

    def text(self, errors: bool = False) -> str:
        lines = [f"missed: {len(self.misses)} of {self.sentences} gold sentences with an event, by first lost stage:"]
        lines += [f"  {reason:<28} {n:>5}" for reason, n in self.by_reason()]
        if errors:
            lines.append("")
            for m in self.misses:
                clipped = " ".join(m.text.split())
                clipped = clipped if len(clipped) <= 140 else clipped[:139] + "…"
                want = f"  [{m.detail}]" if m.detail else ""
                lines.append(f"  {m.id}  {m.reason}{want}  {clipped}")
        return "\n".join(lines) + "\n"


def miss_reason(events: Sequence[EventMention], trace: CodingTrace, has_gold_actors: bool) -> str:
    """The first stage that lost a gold event, given what was coded and the trace (see module doc).
    `has_gold_actors`: some coded event is between the gold actors (then this is not called)."""
    if events and not has_gold_actors:
        return "other-actors"
    if trace.story_discarded:
        return "discard"
    sentences = trace.sentences
    if sentences and all(s.status in ("furniture", "discard") for s in sentences):
        return sentences[0].status
    best_rank, best = 0, ""
    for s in sentences:
        for c in s.candidates:
            reason = c.reason or "kept"
            rank = _STAGE.get(reason, _FILTER_RANK)
            if rank > best_rank:
                best_rank, best = rank, reason
    if best_rank == _FILTER_RANK:
        return f"filter:{best}"
    if best_rank == 1:
        return f"verb:{best}"
    if best:
        return best
    return "no-verb" if not any(s.verbs for s in sentences) else "no-source"
