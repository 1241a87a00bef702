"""Direct quotes and who said them.

`find_quotes(doc)` pairs quotation marks within each paragraph and finds each
quote's speaker token:
  1. the subject of a "say"-type verb outside the quote in the sentence(s) the
     quote touches (`"...," al-Maliki said.`, `He said Iraq feels "..."`);
  2. otherwise the speaker of the previous quote in the same paragraph, when
     nothing but the quote separates them (a quote continued after "he said.");
  3. otherwise a "say" subject in the sentence right before or right after.
The coder turns speaker tokens into actors (pronouns through the story context).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

SAY_LEMMAS = frozenset(
    {"say", "tell", "add", "note", "state", "declare", "report", "announce", "claim", "insist", "warn", "stress", "quote"}
)
# Verbs that attribute a quote besides the "say" verbs: '"...," the spokesman vowed'.
QUOTE_LEMMAS = SAY_LEMMAS | frozenset(
    {"vow", "pledge", "promise", "threaten", "ask", "explain", "write", "reply", "respond", "argue", "admit",
     "acknowledge", "predict", "assert", "affirm", "concede", "complain", "boast", "caution", "remark",
     "reiterate", "recall", "charge", "counter", "retort", "urge", "accuse", "deny", "declare"}
)
_OPEN = {'"': '"', "“": "”", "«": "»"}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # char offsets of the quoted text, without the marks
    end: int
    speaker: Token | None
    rule: str  # which of the rules above found the speaker


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    while True:
        i = text.find("\n\n", start)
        if i < 0:
            out.append((start, len(text)))
            return out
        out.append((start, i))
        start = i + 2


def _quote_marks(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of quoted stretches in text[lo:hi]; an unclosed quote runs to the paragraph end."""
    spans: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in _OPEN:
            close = _OPEN[ch]
            j = text.find(close, i + 1, hi)
            end = j if j >= 0 else hi
            if end - i > 1:
                spans.append((i + 1, end))
            i = end + 1
        else:
            i += 1
    return spans


def _say_subject(sent: Span, qstart: int, qend: int) -> Token | None:
    for tok in sent:
        if qstart <= tok.idx < qend or tok.lemma_ not in QUOTE_LEMMAS or tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and not (qstart <= subj.idx < qend):
            return subj
    return None


def find_quotes(doc: Doc, sents: Sequence[Span] | None = None) -> list[QuoteSpan]:
    """Quotes of `doc`, in order; pass `sents` when the caller already has them (Doc.sents is costly)."""
    sents = list(doc.sents) if sents is None else list(sents)
    out: list[QuoteSpan] = []
    text = doc.text  # Doc.text joins every token: build it once
    for lo, hi in _paragraphs(text):
        previous: QuoteSpan | None = None
        for qstart, qend in _quote_marks(text, lo, hi):
            quoted = text[qstart:qend]
            if len(quoted.split()) < 4 and not any(p in quoted for p in ".!?"):
                continue  # scare quotes ("replace", "a major factor") are not quotations
            touching = [s for s in sents if s.start_char < qend + 2 and s.end_char > qstart - 1]
            speaker, rule = None, ""
            for s in touching:
                speaker = _say_subject(s, qstart, qend)
                if speaker is not None:
                    rule = "quote:say-subject"
                    break
            if speaker is None and previous is not None and previous.speaker is not None:
                gap = text[previous.end + 1 : qstart - 1]
                if not gap.strip(" \n\t,."):
                    speaker, rule = previous.speaker, "quote:continued"
            if speaker is None and touching:
                first = sents.index(touching[0])
                last = sents.index(touching[-1])
                for s in (sents[first - 1] if first > 0 else None, sents[last + 1] if last + 1 < len(sents) else None):
                    if s is not None and lo <= s.start_char < hi:
                        speaker = _say_subject(s, qstart, qend)
                        if speaker is not None:
                            rule = "quote:adjacent-sentence"
                            break
            span = QuoteSpan(qstart, qend, speaker, rule)
            out.append(span)
            previous = span
    return out
