"""Reader for PETRARCH discard lists (Phoenix.discards.txt, PETR.Validate.discards.txt).

One phrase per line; ``+PHRASE`` discards the whole story, a plain phrase only
the sentence that contains it. Matching is case-insensitive (phrases are
upper-cased) and follows the usual stem rule: a phrase ending in ``_`` must end
at a word boundary, otherwise its last word is a prefix (``SOCCER`` also
matches SOCCEROOS).
"""

from __future__ import annotations

from pathlib import Path

from eventwire.dictionaries.check import LineError, Problem, Reporter
from eventwire.dictionaries.model import DiscardEntry
from eventwire.dictionaries.words import (
    dictionary_lines,
    read_dictionary_text,
    split_phrase,
    unclosed_comment_line,
)

__all__ = ["read_discards"]


def read_discards(path: str | Path, problems: list[Problem] | None = None) -> tuple[DiscardEntry, ...]:
    """Read a discard list; entries in file order."""
    path = Path(path)
    text = read_dictionary_text(path)
    rep = Reporter(path.name, problems)
    entries: list[DiscardEntry] = []
    for line in dictionary_lines(text):
        raw = line.text.strip()
        story_level = raw.startswith("+")
        words = split_phrase(raw.lstrip("+").strip())
        if not words:
            rep.error(
                line.number,
                LineError(f"no words in {raw!r}", "write a phrase, or '+PHRASE' for the whole story"),
            )
            continue
        if any(ch in raw for ch in "[]{}"):
            rep.warn(line.number, f"brackets in the discard phrase {raw!r}", "they are matched literally")
        entries.append(DiscardEntry(words, story_level, f"{rep.file}:{line.number}"))
    number = unclosed_comment_line(text)
    if number is not None:
        rep.error(number, LineError("'<!--' comment is never closed", "add '-->' where the comment ends"))
    return tuple(entries)
