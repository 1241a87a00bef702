"""Reader for PETRARCH verb dictionaries: PETRARCH2 ``CAMEO.2.0.txt`` and PETRARCH-1 ``*.verbs.txt``.

Both formats share one grammar, read here::

    &CURRENCY                     synonym set ("synset"); a label ending in '_' gets no plurals
    +DOLLAR                       member; '_' or space between words = consecutive words
    --- GRANT [070] ---           verb block and its default code ([---] = no event)
    GIVE {GAVE GIVEN GIVING}      verb with its explicit forms
    FAIL [120]                    verb with its own code
    +DRAG_OUT {+DRAGGED_OUT}      multi-word verb; '+' marks the word the parser calls the verb
    - * &CURRENCY [903] # note    pattern: words before '*' (the verb), words after, code

Pattern tokens: a word; ``&NAME`` a synset; ``$`` source; ``+`` target;
``^`` skip one noun phrase; ``%`` a compound actor, which PETRARCH-1 codes as
both source and target of the event (`PatternElement(kind="source", text="%")`;
model.py has no kind of its own for it); ``{...}`` a noun phrase (last word its
head); ``(PREP ...)`` a prepositional phrase whose first word is the preposition
(kind ``prep``). A ``{...}`` inside ``(...)`` is the preposition's object and
is kept in the ``pp`` group. ``_`` between two tokens ties them: the first gets
``joined=True``. ``IN_*`` sets ``joined`` on IN; ``*_OUT`` (verb tied to the
next word) cannot be stored in model.py's `VerbPattern` and is read as ``* OUT``.
``A/B`` alternatives in a word are expanded into one pattern per alternative.
Pattern and synset words are exact (PETRARCH matches complete words).

Codes are kept as written (``"0232"``, ``"050:050"``, ``":173"``, ``"---"``);
non-CAMEO codes such as ``[080!]`` or ``[def]`` are kept with a warning.
A verb with no ``{...}`` gets ``forms=()`` (inflect it via spaCy lemmas);
``{}`` means "no other forms" and gives ``forms=(words,)``.
Synset members are expanded: a member ``+&OTHER`` is replaced by OTHER's
phrases, and regular plurals are added as PETRARCH does unless the label or the
member ends in ``_``. A pattern using an undefined synset is skipped with a
warning, as PETRARCH skips it; verb transformations (``~`` lines) are skipped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from eventwire.dictionaries.check import LineError, Problem, Reporter
from eventwire.dictionaries.model import PatternElement, PatternKind, VerbBlock, VerbEntry, VerbPattern, Word
from eventwire.dictionaries.words import (
    Line,
    dictionary_lines,
    plural,
    read_dictionary_text,
    split_phrase,
    split_words,
    unclosed_comment_line,
)

__all__ = ["read_verbs", "synset_labels"]

Synsets = dict[str, tuple[tuple[Word, ...], ...]]
Group = Literal["np", "pp"] | None

_STANDARD_CODE = re.compile(r"(?:\d{2,4}|---)(?::(?:\d{2,4}|---))?|:(?:\d{2,4}|---)")
_SYMBOLS: dict[str, PatternKind] = {"$": "source", "+": "target", "^": "skip", "%": "source"}
_MAX_EXPANSION = 64  # alternatives per pattern / members per synset member


@dataclass(slots=True)
class _Block:
    name: str
    code: str
    origin: str
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass(slots=True)
class _Reading:
    """State of one file's reading."""

    rep: Reporter
    labels: frozenset[str]
    blocks: list[VerbBlock] = field(default_factory=list)
    block: _Block | None = None
    synset: str | None = None  # label whose '+' members are being read
    members: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    no_plural: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Tok:
    text: str
    joined: bool = False  # an underscore ties it to the next token


def read_verbs(
    path: str | Path, problems: list[Problem] | None = None, known_synsets: Iterable[str] = ()
) -> tuple[tuple[VerbBlock, ...], Synsets]:
    """Read a verb dictionary: (verb blocks in file order, synsets keyed ``"&NAME"``).

    `known_synsets` names synsets defined elsewhere (another verb file of the same
    set, or the shipped set an extension is added to): patterns may use them.
    """
    path = Path(path)
    text = read_dictionary_text(path)
    rep = Reporter(path.name, problems)
    lines = list(dictionary_lines(text))
    known = frozenset(known_synsets)
    state = _Reading(rep, _labels(lines) | known)
    for line in lines:
        try:
            _read_line(line, state)
        except LineError as exc:
            rep.error(line.number, exc)
    _finish_block(state)
    number = unclosed_comment_line(text)
    if number is not None:
        rep.error(number, LineError("'<!--' comment is never closed", "add '-->' where the comment ends"))
    synsets = _build_synsets(state)
    defined = synsets.keys() | known
    blocks = tuple(_drop_unknown_synsets(block, defined, rep) for block in state.blocks)
    return blocks, synsets


def synset_labels(path: str | Path) -> frozenset[str]:
    """The synset names (``"&NAME"``) a verb file defines, without reading the rest."""
    return _labels(list(dictionary_lines(read_dictionary_text(Path(path)))))


def _labels(lines: list[Line]) -> frozenset[str]:
    return frozenset(_label(ln.text.split()[0]) for ln in lines if ln.text.lstrip().startswith("&"))


def _read_line(line: Line, state: _Reading) -> None:
    stripped = line.text.strip()
    first = stripped[0]
    if stripped.startswith("---"):
        state.synset = None
        _finish_block(state)
        state.block = _header(stripped, line, state.rep)
    elif first == "&":
        _start_synset(stripped, line, state)
    elif first == "+" and state.synset is not None:
        state.members[state.synset].append((stripped[1:].strip(), line.number))
    elif first == "~":
        state.rep.warn(
            line.number, "verb transformations ('~' lines) are not supported", "the line was skipped"
        )
    else:
        state.synset = None
        block = state.block
        if block is None:
            what = "pattern" if first == "-" else "verb"
            raise LineError(f"{what} before any block header", "start a block with '--- NAME [CODE] ---'")
        if first == "-":
            block.patterns.extend(_patterns(stripped[1:], line, block.name, state))
        else:
            block.verbs.append(_verb(stripped, line, block.name, state.rep))


def _finish_block(state: _Reading) -> None:
    block = state.block
    if block is not None:
        state.blocks.append(
            VerbBlock(block.name, block.code, tuple(block.verbs), tuple(block.patterns), block.origin)
        )
    state.block = None


def _label(token: str) -> str:
    return token.rstrip("_").upper()


def _origin(rep: Reporter, line: Line) -> str:
    return f"{rep.file}:{line.number}"


# ------------------------------------------------------------------ codes and headers


def _codes(text: str, line: Line) -> tuple[str, list[str]]:
    """Take the ``[...]`` codes out of `text`: (text without them, codes)."""
    codes: list[str] = []
    rest: list[str] = []
    pos = 0
    while (start := text.find("[", pos)) >= 0:
        end = text.find("]", start)
        if end < 0:
            raise LineError(f"unclosed '[' in {line.text.strip()!r}", "close the code with ']'")
        rest.append(text[pos:start])
        codes.append(text[start + 1 : end].strip())
        pos = end + 1
    rest.append(text[pos:])
    remainder = " ".join(rest)
    if "]" in remainder:
        raise LineError(f"']' without '[' in {line.text.strip()!r}", "write the code as [CODE]")
    return remainder, codes


def _check_code(code: str, line: Line, rep: Reporter) -> str:
    if not code:
        raise LineError("empty code '[]'", "write a CAMEO code such as [042] or [---]")
    if any(ch.isspace() for ch in code):
        raise LineError(f"space inside the code [{code}]", "write one code per bracket, e.g. [042:043]")
    if not _STANDARD_CODE.fullmatch(code):
        rep.warn(
            line.number,
            f"unusual event code [{code}]",
            "kept as written; CAMEO codes are digits, '---' or a:b",
        )
    return code


def _header(stripped: str, line: Line, rep: Reporter) -> _Block:
    body, codes = _codes(stripped.strip("-"), line)
    name = body.strip().strip("-").strip()
    if not name:
        raise LineError("block header without a name", "write '--- NAME [CODE] ---'")
    if len(codes) > 1:
        rep.warn(line.number, f"block header has {len(codes)} codes", f"the first, [{codes[0]}], was used")
    code = _check_code(codes[0], line, rep) if codes else "---"
    return _Block(name, code, _origin(rep, line))


# ------------------------------------------------------------------ verbs


def _verb(stripped: str, line: Line, block: str, rep: Reporter) -> VerbEntry:
    body, codes = _codes(stripped, line)
    if len(codes) > 1:
        rep.warn(line.number, f"verb has {len(codes)} codes", f"the first, [{codes[0]}], was used")
    code = _check_code(codes[0], line, rep) if codes else None
    phrase, forms_text = _split_forms(body, line)
    words = split_words(phrase.replace("+", " "))
    if not words:
        raise LineError(f"no verb in {stripped!r}", "write the verb before {forms} and [code]")
    if len(phrase.replace("_", " ").split()) > 1 and "+" not in phrase:
        example = "+" + "_".join(phrase.replace("_", " ").split())
        rep.warn(
            line.number, f"multi-word verb {phrase!r} without '+'", f"mark the verb word, e.g. {example}"
        )
    if forms_text is None:
        forms: tuple[tuple[str, ...], ...] = ()
    else:
        written = [split_words(f.replace("+", " ")) for f in re.split(r"[\s,]+", forms_text) if f]
        forms = tuple(f for f in written if f) or (words,)
    return VerbEntry(block, words, forms, code, _origin(rep, line))


def _split_forms(body: str, line: Line) -> tuple[str, str | None]:
    open_at = body.find("{")
    if open_at < 0:
        if "}" in body:
            raise LineError(f"'}}' without '{{' in {line.text.strip()!r}", "write the forms as {FORM FORM}")
        return body.strip(), None
    close_at = body.find("}", open_at)
    if close_at < 0:
        raise LineError(f"unclosed '{{' in {line.text.strip()!r}", "close the forms with '}'")
    if body[close_at + 1 :].strip():
        raise LineError(f"text after the forms in {line.text.strip()!r}", "write VERB {FORMS} [CODE]")
    return body[:open_at].strip(), body[open_at + 1 : close_at]


# ------------------------------------------------------------------ patterns


def _patterns(body: str, line: Line, block: str, state: _Reading) -> list[VerbPattern]:
    rep = state.rep
    code_body, codes = _codes(body, line)
    if not codes:
        raise LineError(f"pattern without a code: {line.text.strip()!r}", "end it with [CODE], e.g. [042]")
    if len(codes) > 1:
        raise LineError(f"pattern has {len(codes)} codes", "keep one [CODE] at the end")
    code = _check_code(codes[0], line, rep)
    tokens = _merge_synset_names(_tokenize(code_body, line, rep), state.labels)
    tokens = _drop_repeated_tail(tokens, line, rep)
    variants = _expand_alternatives(tokens)
    if len(variants) > 1:
        rep.warn(line.number, "'/' alternatives in a pattern", f"expanded into {len(variants)} patterns")
    origin = _origin(rep, line)
    out = []
    for variant in variants:
        before, after = _elements(variant, line)
        out.append(VerbPattern(block, code, before, after, origin, line.comment))
    return out


def _tokenize(body: str, line: Line, rep: Reporter) -> list[_Tok]:
    """Split a pattern body into tokens; brackets and '*' stand alone, '_' ties neighbours."""
    tokens: list[_Tok] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            tokens.append(_Tok("".join(current)))
            current.clear()

    for i, ch in enumerate(body):
        if ch.isspace():
            flush()
        elif ch == "_":
            flush()
            following = body[i + 1 : i + 2]
            if tokens and following and not following.isspace() and following not in ")}_":
                tokens[-1].joined = True
        elif ch in "(){}*":
            flush()
            tokens.append(_Tok(ch))
            if ch == "*" and body[i + 1 : i + 2].isalnum():
                rep.warn(line.number, "'*' glued to the next word", "read as separate words; add a space")
        else:
            current.append(ch)
    flush()
    return tokens


def _drop_repeated_tail(tokens: list[_Tok], line: Line, rep: Reporter) -> list[_Tok]:
    """Drop a pasted copy of a group's tail: CAMEO.2.0 has ``(WITH VISIT) VISIT)[042:043]``."""
    depth, last_close = 0, -1
    for i, tok in enumerate(tokens):
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            if depth:
                depth, last_close = depth - 1, i
                continue
            copy = [t.text for t in tokens[last_close + 1 : i]]
            if (
                last_close >= 0
                and copy
                and copy == [t.text for t in tokens[last_close - len(copy) : last_close]]
            ):
                rep.warn(
                    line.number, f"repeated fragment {' '.join(copy) + ')'!r}", "it was ignored; delete it"
                )
                return tokens[: last_close + 1] + tokens[i + 1 :]
            return tokens  # a real imbalance: _elements reports it
    return tokens


def _merge_synset_names(tokens: list[_Tok], labels: frozenset[str]) -> list[_Tok]:
    """Re-join ``&FIGHT_OF_WORDS`` split at '_' when that longer synset name exists."""
    out: list[_Tok] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.text.startswith("&"):
            best, name = i, tok.text
            j = i
            while tokens[j].joined and j + 1 < len(tokens):
                name = f"{name}_{tokens[j + 1].text}"
                j += 1
                if name.upper() in labels:
                    best = j
            if best > i:
                merged = "_".join(t.text for t in tokens[i : best + 1])
                out.append(_Tok(merged, tokens[best].joined))
                i = best + 1
                continue
        out.append(tok)
        i += 1
    return out


def _expand_alternatives(tokens: list[_Tok]) -> list[list[_Tok]]:
    options = [
        [_Tok(alt, t.joined) for alt in t.text.split("/") if alt] or [t]
        if "/" in t.text and not t.text.startswith("&")
        else [t]
        for t in tokens
    ]
    variants = itertools.islice(itertools.product(*options), _MAX_EXPANSION)
    return [list(v) for v in variants]


@dataclass(slots=True)
class _Groups:
    """Open ``(...)``/``{...}`` groups while building one pattern."""

    next_id: int = 0
    pp: int = 0  # id of the open (...) group, 0 = none
    np: int = 0  # id of the open {...} group (0 inside a pp: flattened into it)
    np_open: bool = False
    expect_prep: bool = False

    def current(self) -> tuple[Group, int]:
        if self.pp:
            return "pp", self.pp
        if self.np_open:
            return "np", self.np
        return None, 0


def _elements(
    tokens: list[_Tok], line: Line
) -> tuple[tuple[PatternElement, ...], tuple[PatternElement, ...]]:
    before: list[PatternElement] = []
    after: list[PatternElement] = []
    side = before
    seen_verb = False
    groups = _Groups()
    for tok in tokens:
        text = tok.text
        if text == "*":
            if seen_verb:
                raise LineError("more than one '*' in the pattern", "keep one '*' where the verb goes")
            if groups.pp or groups.np_open:
                raise LineError("'*' inside (...) or {...}", "put the verb outside the brackets")
            seen_verb, side = True, after
        elif text in "(){}":
            _bracket(text, groups)
        else:
            side.extend(_token_elements(tok, groups))
    if groups.pp or groups.np_open:
        raise LineError("unclosed '(' or '{' in the pattern", "close every bracket before the code")
    if not seen_verb:
        raise LineError("pattern without '*'", "mark where the verb goes with '*', e.g. '- * AID [070]'")
    return tuple(before), tuple(after)


def _bracket(text: str, groups: _Groups) -> None:
    if text == "(":
        if groups.pp or groups.np_open:
            raise LineError("'(' inside another bracket", "prepositional phrases cannot nest")
        groups.next_id += 1
        groups.pp, groups.expect_prep = groups.next_id, True
    elif text == ")":
        if not groups.pp or groups.np_open:
            raise LineError("')' without a matching '('", "balance the parentheses")
        groups.pp, groups.expect_prep = 0, False
    elif text == "{":
        if groups.np_open:
            raise LineError("'{' inside another '{'", "noun phrases cannot nest")
        groups.np_open = True
        if not groups.pp:
            groups.next_id += 1
            groups.np = groups.next_id
    else:
        if not groups.np_open:
            raise LineError("'}' without a matching '{'", "balance the braces")
        groups.np_open, groups.np = False, 0


def _token_elements(tok: _Tok, groups: _Groups) -> list[PatternElement]:
    group, group_id = groups.current()
    text = tok.text
    prep, groups.expect_prep = groups.expect_prep, False
    if text in _SYMBOLS:
        shown = "%" if text == "%" else ""
        return [PatternElement(_SYMBOLS[text], shown, False, group, group_id, tok.joined)]
    if text.startswith("&"):
        return [PatternElement("synset", _label(text), False, group, group_id, tok.joined)]
    if any(ch in text for ch in "[]"):
        raise LineError(f"bracket inside the word {text!r}", "put [CODE] at the end of the pattern")
    words = split_words(text)
    kind: PatternKind = "prep" if prep else "word"
    last = len(words) - 1
    return [
        PatternElement(kind, w, False, group, group_id, tok.joined if i == last else True)
        for i, w in enumerate(words)
    ]


# ------------------------------------------------------------------ synsets


def _start_synset(stripped: str, line: Line, state: _Reading) -> None:
    parts = stripped.split()
    if len(parts) > 1:
        raise LineError(f"text after the synset label {parts[0]!r}", "put each member on its own '+' line")
    label = _label(parts[0])
    if len(label) < 2:
        raise LineError("synset label without a name", "write &NAME")
    if label in state.members:
        state.rep.warn(
            line.number, f"synset {label} defined again", "its members were added to the first definition"
        )
    state.members.setdefault(label, [])
    if parts[0].endswith("_"):
        state.no_plural.add(label)
    state.synset = label


def _build_synsets(state: _Reading) -> Synsets:
    synsets: Synsets = {}
    for label in state.members:
        synsets[label] = _synset_phrases(label, state, synsets, ())
    return synsets


def _synset_phrases(
    label: str, state: _Reading, done: Synsets, chain: tuple[str, ...]
) -> tuple[tuple[Word, ...], ...]:
    if label in done:
        return done[label]
    phrases: list[tuple[Word, ...]] = []
    for raw, number in state.members[label]:
        try:
            phrases.extend(_member_phrases(raw, label, state, done, (*chain, label)))
        except LineError as exc:
            state.rep.error(number, exc)
    result = tuple(dict.fromkeys(phrases))  # de-duplicated, order kept
    done[label] = result
    return result


def _member_phrases(
    raw: str, label: str, state: _Reading, done: Synsets, chain: tuple[str, ...]
) -> Iterable[tuple[Word, ...]]:
    if not raw:
        raise LineError(f"empty member of synset {label}", "write a word or phrase after '+'")
    parts = raw.split()
    if not any(p.startswith("&") for p in parts):
        words = split_phrase(raw, stems=False)
        yield words
        if label not in state.no_plural and not raw.endswith("_") and words[-1].text.isalpha():
            yield (*words[:-1], Word(plural(words[-1].text)))
        return
    pieces: list[tuple[tuple[Word, ...], ...]] = []
    for part in parts:
        if part.startswith("&"):
            ref = _label(part)
            if ref not in state.members:
                raise LineError(
                    f"synset {label} uses undefined synset {ref}", f"define {ref} with '{ref}' and '+' lines"
                )
            if ref in chain:
                raise LineError(f"synset {ref} contains itself", "remove the circular reference")
            pieces.append(_synset_phrases(ref, state, done, chain))
        else:
            pieces.append((split_phrase(part, stems=False),))
    for combo in itertools.islice(itertools.product(*pieces), _MAX_EXPANSION * _MAX_EXPANSION):
        yield tuple(w for phrase in combo for w in phrase)


def _drop_unknown_synsets(block: VerbBlock, synsets: AbstractSet[str], rep: Reporter) -> VerbBlock:
    """PETRARCH ignores a pattern whose synset is undefined; so do we, with a warning."""
    kept = []
    for pattern in block.patterns:
        unknown = [
            e.text for e in (*pattern.before, *pattern.after) if e.kind == "synset" and e.text not in synsets
        ]
        if unknown:
            line = int(pattern.origin.rpartition(":")[2])
            rep.warn(line, f"undefined synset {unknown[0]}", "the pattern was skipped; define the synset")
        else:
            kept.append(pattern)
    if len(kept) == len(block.patterns):
        return block
    return replace(block, patterns=tuple(kept))
