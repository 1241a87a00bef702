"""Page furniture: the lines of a scraped page that are not the story.

Menus, banners ("Breaking News"), legal notices and share buttons give no events. A
sentence is furniture when it holds a boilerplate phrase, or when, in a page of several
paragraphs, it is a short line that ends without sentence punctuation (a menu item, a
banner, a headline).

Whole paragraphs are furniture by their shape, never by a story's words
(`furniture_reasons` names the rule):
  * a furniture label opens the line: "Photo:", "Caption:", "Related:", "Most read:",
    "Editor:", "LIVE:", "TICKER:", "Updated:" ... (`label`);
  * a photo credit ends it: "(AP Photo)", "(AP Photo/Jane Doe)", "(AFP)", "REUTERS/Stringer"
    (`caption`);
  * a list of headlines: two or more short items joined by " | " or " • " (`headline-list`);
  * a line wholly in brackets: "(Reporting by ...; Editing by ...)" (`credit-line`);
  * a sentence repeating an earlier sentence of the story word for word, as a caption or a
    pull quote does (`repeated`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

_BOILERPLATE = re.compile(
    r"\b(click here|cookies?|all rights reserved|copyright|subscribe|newsletter|terms of (use|service)|"
    r"privacy policy|undesirable organization|our content|follow us|sign up|share this|read more|"
    r"skip to|accessibility links|breaking news|contributed to this (report|story|article)|"
    r"follow our (latest|live) updates)\b|©",
    re.I,
)
_SENTENCE_END = '.!?"\'”’'

# Labels that open a page's furniture lines, not a story's sentences.
_LABELS = (
    r"photos?|caption|file photo|image|picture|pictured|video|watch|graphic|related(?: coverage| stories| articles"
    r"| news| content| links)?|most (?:read|popular|viewed|shared)|also read|read also|see also|more from|"
    r"off the wire|latest|top stories|trending|editors?|editor's note|ticker|live|live updates|updated|"
    r"last updated|published|posted|first published|tags?|topics?|source|sources|filed under"
)
_LABEL_LINE = re.compile(rf"^\s*(?:{_LABELS})(?:\s*:|\s+[|\-–—]\s)", re.I)
# A photo credit closing the line: "(AP Photo/Jane Doe)", "(AFP)", "(Xinhua/Li Ming)", "REUTERS/Stringer".
_CREDIT_END = re.compile(
    r"(?:\((?:[A-Z][A-Za-z]*\s+)?(?:photo|AP|AFP|Reuters|REUTERS|Xinhua|EPA|Getty Images|AP Photo|AFP Photo)"
    r"(?:\s*(?:/|photo|via)[^()]*)?\)|\b[A-Z]{2,}(?:\s+PHOTO)?/[A-Z][a-z]+(?:\s[A-Z][a-z]+)*)\s*$"
)
_LIST_SEPARATOR = re.compile(r"\s[|•·]\s")
_MAX_LIST_ITEM_WORDS = 15


def furniture_sentences(doc: Doc, sents: Sequence[Span]) -> set[int]:
    """Indices of the sentences of `doc` that are page furniture."""
    return set(furniture_reasons(doc, sents))


def furniture_reasons(doc: Doc, sents: Sequence[Span]) -> dict[int, str]:
    """The furniture sentences of `doc`, each with the rule that made it furniture."""
    out: dict[int, str] = {}
    text_all = doc.text  # Doc.text joins every token: build it once
    many_paragraphs = text_all.count("\n\n") >= 2
    has_lines = "\n" in text_all.strip()  # a page's lines; a one-line record has none to judge
    seen: set[str] = set()
    for i, s in enumerate(sents):
        text = s.text.strip()
        if not text:
            continue
        paragraph_reason = _paragraph_reason(_line_of(s, text_all)) if has_lines else None
        key = _words(text)
        if paragraph_reason is not None:
            out[i] = paragraph_reason
        elif _BOILERPLATE.search(text):
            out[i] = "boilerplate"
        elif many_paragraphs and text[-1] not in _SENTENCE_END and _ends_line(s, text_all):
            out[i] = "unpunctuated-line"
        elif len(key.split()) >= 5 and key in seen:
            out[i] = "repeated"
        seen.add(key)
    return out


def _line_of(sent: Span, text_all: str) -> str:
    """The line (text between line breaks) that holds the sentence's start."""
    start = text_all.rfind("\n", 0, sent.start_char) + 1
    end = text_all.find("\n", sent.start_char)
    return text_all[start : end if end >= 0 else len(text_all)].strip()


def _paragraph_reason(line: str) -> str | None:
    if not line:
        return None
    if _LABEL_LINE.match(line):
        return "label"
    if _CREDIT_END.search(line):
        return "caption"
    if line.startswith("(") and line.endswith(")") and line.count("(") == 1:
        return "credit-line"
    parts = _LIST_SEPARATOR.split(line)
    if len(parts) >= 2 and all(len(p.split()) <= _MAX_LIST_ITEM_WORDS for p in parts):
        return "headline-list"
    return None


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _ends_line(sent: Span, text_all: str) -> bool:
    if not text_all[sent.end_char :].strip():
        return True  # the page's last line
    return "\n" in sent.text_with_ws[len(sent.text) - 1 :] + text_all[sent.end_char : sent.end_char + 1]
