"""Check eventwire's actor additions against the dictionaries they add to.

    python scripts/check_actor_additions.py [FILE ...]     (default: every data/*.additions.*actors.txt)

For every name of the given PETRARCH actor files (primary names and synonyms), it scans the name's
words with eventwire's own actor matcher (`ActorIndex.scan`) built from the shipped Phoenix set and
the *other* additions files, and says whether the name was already there:

* ``present`` — one dictionary entry covers the whole name (the addition is redundant, or recodes it);
* ``partial`` — entries cover only some of its words ("Abiy" of "Abiy Ahmed" would be a surname);
* ``missing`` — nothing matches.

It also lists the unique surnames (`unique_surnames`, used for "Kagame said ...") the files add and
the ones they take away (a new person sharing a surname makes it ambiguous), and names repeated
within the files. Nothing is written; the exit status is 0.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import spacy

from eventwire.coding.actors import ActorIndex, resolve_code, unique_surnames
from eventwire.dictionaries.actors_reader import read_actors
from eventwire.dictionaries.loader import _shipped
from eventwire.dictionaries.model import ActorEntry, DatedCode, Word

DATA = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "dictionaries" / "data"


def text_of(words: tuple[Word, ...]) -> str:
    """The words as news would write them: title case, hyphens glued ("Abu Bakr al-Baghdadi")."""
    out = ""
    for w in words:
        part = w.text.lower() if w.text in ("AL", "EL", "BIN", "IBN") else w.text.title()
        glue = not out or w.text == "-" or out.endswith("-")
        out += part if glue else " " + part
    return out


def probe_day(codes: tuple[DatedCode, ...]) -> dt.date | None:
    """A day the entry's last dated role covers (the one a test of the entry should use)."""
    for c in reversed(codes):
        if c.start or c.end:
            return c.start or c.end
    return None


def _codes(codes: tuple[DatedCode, ...]) -> str:
    return " ".join(f"[{c.code} {c.start or ''}-{c.end or ''}]" if c.start or c.end else f"[{c.code}]" for c in codes)


def main(argv: list[str]) -> None:
    files = [Path(a) for a in argv] or sorted(DATA.glob("*.additions.*actors.txt"))
    names = {f.name for f in files}
    base = list(_shipped("phoenix").actors)
    for other in sorted(DATA.glob("*.additions.*actors.txt")):
        if other.name not in names:
            added = read_actors(other)
            relisted = {e.words for e in added}
            base = [e for e in base if e.words not in relisted] + list(added)
    index = ActorIndex(_shipped("phoenix").__class__(
        name="check", actors=tuple(base), agents=_shipped("phoenix").agents, verbs=(), synsets={},
        discards=(), substitutions={}, sources=()))
    nlp = spacy.blank("en")
    new: list[ActorEntry] = [e for f in files for e in read_actors(f)]
    counts: Counter[str] = Counter()
    seen: Counter[tuple[Word, ...]] = Counter(e.words for e in new)
    for entry in new:
        text = text_of(entry.words)
        doc = nlp(text)
        hits = [h for h in index.scan(list(doc)) if h.kind == "actor"]
        day = probe_day(entry.codes)
        mine = resolve_code(entry.codes, day)
        if any(h.start == 0 and h.end == len(doc) for h in hits):
            hit = next(h for h in hits if h.start == 0 and h.end == len(doc))
            theirs = resolve_code(hit.codes, day)
            state = "present" + ("" if theirs == mine else f" as {theirs} ({hit.origin}: {_codes(hit.codes)})")
        elif hits:
            state = "partial: " + ", ".join(f"{doc[h.start:h.end].text}={resolve_code(h.codes, day)} ({h.origin})" for h in hits)
        else:
            state = "missing"
        counts[state.split(":")[0].split(" ")[0]] += 1
        print(f"{entry.origin:50} {text:45} {mine or '-':12} {state}")
    before = unique_surnames(base)
    relisted = {e.words for e in new}  # the loader's rule: a name listed again replaces the earlier entry
    after = unique_surnames([e for e in base if e.words not in relisted] + new)
    print("\nsurnames added:", ", ".join(sorted(set(after) - set(before))) or "none")
    print("surnames lost:", ", ".join(sorted(set(before) - set(after))) or "none")
    print("repeated names:", ", ".join(text_of(k) for k, n in seen.items() if n > 1) or "none")
    print("names:", dict(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
