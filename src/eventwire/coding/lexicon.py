"""Word lists the coder and its construction rules share (a leaf module: it imports nothing).

Kept apart so `coding.constructions` need not import the coder, which imports it."""

from __future__ import annotations

__all__ = ["INTENT_ADJECTIVES", "INTENT_HEADS"]

# Heads of a stated intent: "plans to visit", "agreed to step down".
INTENT_HEADS = frozenset(
    {"plan", "intend", "want", "seek", "hope", "aim", "prepare", "vow", "promise", "pledge", "expect", "schedule",
     "decide", "try", "agree", "offer", "commit", "undertake"}
)
# Adjectives of a stated intent: "ready to talk", "willing to negotiate".
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "eager", "determined", "committed"})
