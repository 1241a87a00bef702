"""Page furniture: the lines of a scraped page that are not the story.

Menus, banners ("Breaking News"), legal notices and share buttons give no events. A
sentence is furniture when it holds a boilerplate phrase, or when, in a page of several
paragraphs, it is a short line that ends without sentence punctuation (a menu item, a
banner, a headline).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

_BOILERPLATE = re.compile(
    r"\b(click here|cookies?|all rights reserved|copyright|subscribe|newsletter|terms of (use|service)|"
    r"privacy policy|undesirable organization|our content|follow us|sign up|share this|read more|"
    r"skip to|accessibility links|breaking news)\b|©",
    re.I,
)
_SENTENCE_END = '.!?"\'”’'


def furniture_sentences(doc: Doc, sents: Sequence[Span]) -> set[int]:
    """Indices of the sentences of `doc` that are page furniture."""
    out: set[int] = set()
    text_all = doc.text  # Doc.text joins every token: build it once
    many_paragraphs = text_all.count("\n\n") >= 2
    for i, s in enumerate(sents):
        text = s.text.strip()
        if _BOILERPLATE.search(text):
            out.add(i)
        elif many_paragraphs and text and text[-1] not in _SENTENCE_END and _ends_line(s, text_all):
            out.add(i)
    return out


def _ends_line(sent: Span, text_all: str) -> bool:
    return "\n" in sent.text_with_ws[len(sent.text) - 1 :] + text_all[sent.end_char : sent.end_char + 1]
