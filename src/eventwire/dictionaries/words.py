"""Words of dictionary phrases, and the comment-free lines of dictionary files.

A dictionary phrase such as ``NURI_AL-MALIKI_`` or ``PRIME_MINISTER_MALIKI`` is
turned into upper-case `Word`s split the way spaCy's English tokenizer splits
running news text, so that the coder can compare ``token.text.upper()`` with
``word.text`` one token at a time.

Splitting convention (`split_phrase`):

* ``_`` and whitespace separate words: ``PRIME_MINISTER`` -> PRIME, MINISTER.
* A hyphen between a letter or digit and a letter is a word of its own, as in
  spaCy: ``AL-MALIKI`` -> AL, -, MALIKI; ``50-CALIBER`` -> 50, -, CALIBER; but
  ``SU-24`` and ``U.S.-LED`` stay whole. Likewise ``/``, ``:``, ``=`` between
  letters and ``,`` between letters split (``MI-24VM/HIND`` -> MI-24VM, /, HIND).
* Opening punctuation and quotes are split off the front (``(AAIA)`` ->
  (, AAIA, )), closing punctuation off the end (``INDONESIA!``).
* A possessive ``'S`` is split off (``NATO'S`` -> NATO, 'S) and a bare trailing
  apostrophe too (``JOURNALISTS'`` -> JOURNALISTS, '); ``N'T`` contractions of
  auxiliaries split as spaCy splits running text (``DIDN'T`` -> DID, N'T).
* Dotted abbreviations stay whole: ``U.S.``, ``U.S.S.R``, ``K.``, and the
  abbreviations spaCy keeps whole in running text (``MR.``, ``ST.``, ``GEN.``,
  ``INC.``); otherwise a final period after two capitals is split (``DEPT.``).
* Stems: TABARI/PETRARCH write a phrase whose last word may be a prefix without
  a trailing underscore (``ARGENTIN`` matches ARGENTINA and ARGENTINE). So the
  LAST word of a phrase that does not end with ``_`` gets ``stem=True``; every
  other word, and the last word of a phrase ending in ``_``, is exact
  (``stem=False``). Pure punctuation is never a stem. Verb patterns and synsets
  are PETRARCH-era and match complete words: their readers pass ``stems=False``.

Lines (`dictionary_lines`): ``#`` starts a comment (except inside ``[...]``, so
a code such as ``[###]`` survives), so does the legacy KEDS/TABARI ``;``;
``<!-- ... -->`` comments may span lines; a line starting ``<!`` without
``--`` is skipped whole, as PETRARCH does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwire.dictionaries.model import Word
from eventwire.errors import DictionaryError

__all__ = [
    "Line",
    "dictionary_lines",
    "plural",
    "read_dictionary_text",
    "split_phrase",
    "split_words",
    "unclosed_comment_line",
]

# Abbreviations spaCy's English exceptions keep whole when written as in news text
# ("Mr.", "St.", "Inc."); upper-cased here because dictionaries are upper case.
_ABBREVIATIONS = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "ADM. AK. ALA. APR. ARIZ. ARK. AUG. BROS. CALIF. CO. COLO. CONN. CORP. DEC. DEL. DR. "
        "FEB. FLA. GA. GEN. GOV. IA. ID. ILL. INC. IND. JAN. JR. JUL. JUN. KAN. KANS. KY. LA. "
        "LTD. MAR. MASS. MD. MESSRS. MICH. MINN. MISS. MO. MONT. MR. MRS. MS. MT. NEB. NEBR. "
        "NEV. NOV. OCT. OKLA. ORE. PA. PROF. REP. REV. SEN. SEP. SEPT. ST. TENN. VA. VS. "
        "WASH. WIS. A.M. P.M. D.C. E.G. I.E. PH.D. N.Y. N.J. N.C. N.D. N.H. N.M. S.C. V.S."
    ).split()
)
# Chunks spaCy never splits further.
_SPECIAL = _ABBREVIATIONS | {"'S", "’S", "'", "''", "N'T", "N’T", "--"}

# Auxiliaries whose "n't" spaCy splits off in running text (didn't -> did n't).
_NT_STEMS = frozenset(
    (  # noqa: SIM905
        "AI ARE CA COULD DARE DID DOES DO HAD HAS HAVE IS MIGHT MUST NEED SHA SHOULD WAS WERE WO WOULD"
    ).split()
)

_PREFIX_CHARS = frozenset("§%=—–…,:;!?¿¡()[]{}<>_#*&'\"”“`‘´’‚„»«$£€¥")
_SUFFIX_CHARS = frozenset("…,:;!?¿¡()[]{}<>_#*&'\"”“`‘´’‚„»«—–")
_UNITS_AFTER_DIGIT = ("MB", "KB", "GB", "TB", "T", "G", "M", "K", "%", "$", "£", "€", "¥")
_LETTER = r"[^\W\d_]"
_INFIX = re.compile(
    rf"(?<=[0-9])[+\-*^](?=[0-9-])"  # 1990-2000
    rf"|(?<={_LETTER}),(?={_LETTER})"  # A,B
    rf"|(?<=[^\W_])(?:---|--|-|–|—|~)(?={_LETTER})"  # AL-MALIKI, 50-CALIBER
    rf"|(?<=[^\W_])[:<>=/](?={_LETTER})"  # MI-24VM/HIND
    r"|\.\.+|…"
)
_SEPARATORS = re.compile(r"[\s_]+")
# Control characters (the real files hold a few \x1a) vanish; tabs and newlines separate.
_CONTROL: dict[int, str | None] = {**dict.fromkeys(range(32)), **dict.fromkeys(range(9, 14), " ")}


@lru_cache(maxsize=1 << 17)
def _split_chunk(chunk: str) -> tuple[str, ...]:
    """Split one underscore/space-free upper-case chunk like spaCy's tokenizer."""
    if chunk.isalnum() or chunk in _SPECIAL:
        return (chunk,)
    prefixes: list[str] = []
    suffixes: list[str] = []
    core = chunk
    while core and core not in _SPECIAL:
        pre = _prefix_len(core)
        if pre:
            prefixes.append(core[:pre])
            core = core[pre:]
            continue
        suf = _suffix_len(core)
        if not suf:
            break
        suffixes.append(core[-suf:])
        core = core[:-suf]
    middle: list[str] = []
    if core:
        middle = [core] if core in _SPECIAL else _split_infixes(core)
    return (*prefixes, *middle, *reversed(suffixes))


def _prefix_len(s: str) -> int:
    if s.startswith(".."):
        return len(s) - len(s.lstrip("."))
    first = s[0]
    if first in _PREFIX_CHARS:
        return 1
    if first == "+" and not s[1:2].isdigit():
        return 1
    return 0


def _suffix_len(s: str) -> int:
    if len(s) > 2 and s[-2:] in ("'S", "’S"):
        return 2
    if len(s) > 3 and s[-3:] in ("N'T", "N’T") and s[:-3] in _NT_STEMS:
        return 3
    last = s[-1]
    if last in _SUFFIX_CHARS:
        return 1
    if last == "." and len(s) > 1:
        return 1 if _period_splits(s) else 0
    if len(s) > 1 and s[-2].isdigit() and last == "+":
        return 1
    for unit in _UNITS_AFTER_DIGIT:
        if s.endswith(unit) and len(s) > len(unit) and s[-len(unit) - 1].isdigit():
            return len(unit)
    return 0


def _period_splits(s: str) -> bool:
    """spaCy splits a final '.' after a digit, punctuation or two capitals."""
    before = s[-2]
    if before.isdigit() or (not before.isalnum() and before != "."):
        return True
    return len(s) > 2 and before.isalpha() and s[-3].isalpha()


def _split_infixes(core: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _INFIX.finditer(core):
        if match.start() > start:
            parts.append(core[start : match.start()])
        if match.end() > match.start():
            parts.append(match.group())
        start = match.end()
    if start < len(core):
        parts.append(core[start:])
    return parts


def split_words(raw: str) -> tuple[str, ...]:
    """Upper-case word texts of `raw`, split as `split_phrase` does, without stem marks."""
    text = raw.translate(_CONTROL).upper()
    out: list[str] = []
    for chunk in _SEPARATORS.split(text):
        if chunk:
            out.extend(_split_chunk(chunk))
    return tuple(out)


def split_phrase(raw: str, *, stems: bool = True) -> tuple[Word, ...]:
    """Turn a dictionary phrase into upper-case `Word`s; see the module docstring.

    >>> split_phrase("NURI_AL-MALIKI_")
    (Word(text='NURI', stem=False), Word(text='AL', stem=False), Word(text='-', stem=False), \
Word(text='MALIKI', stem=False))
    >>> split_phrase("ARGENTIN")
    (Word(text='ARGENTIN', stem=True),)

    `stems=False` makes every word exact (verb patterns, synsets).
    """
    texts = split_words(raw)
    if not texts:
        return ()
    last_is_stem = stems and not raw.rstrip().endswith("_") and _is_wordlike(texts[-1])
    words = [_word(t, False) for t in texts[:-1]]
    words.append(_word(texts[-1], last_is_stem))
    return tuple(words)


@lru_cache(maxsize=1 << 17)
def _word(text: str, stem: bool) -> Word:
    # Interned: the same Word object is shared by the ~100k phrases that use it.
    return Word(text, stem)


def _is_wordlike(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def plural(word: str) -> str:
    """Regular English plural of an upper-case word.

    PETRARCH's rule (Y -> IES, else +S) without its slips: BOY -> BOYS, not BOIES;
    SS/X/Z/CH/SH -> +ES; a word already ending in a single S (DOLLARS, NEWS) is
    returned unchanged, so callers can skip the duplicate.
    """
    if len(word) > 1 and word.endswith("Y") and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("SS", "X", "Z", "CH", "SH")):
        return word + "ES"
    if word.endswith("S"):
        return word
    return word + "S"


# ---------------------------------------------------------------- lines of a file


@dataclass(frozen=True, slots=True)
class Line:
    """One content line of a dictionary file: text without comments, the comment, 1-based number."""

    number: int
    text: str
    comment: str = ""


def dictionary_lines(text: str) -> Iterator[Line]:
    """Yield the non-blank content lines of a dictionary file with comments removed.

    An unclosed ``<!--`` swallows the rest of the file, as in PETRARCH;
    `unclosed_comment_line` tells a reader where that happened so it can report it.
    """
    in_xml = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_xml:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3 :]
            in_xml = False
        line, in_xml = _strip_xml_comments(line)
        if line.lstrip().startswith("<!"):
            continue  # PETRARCH skips any line opening with "<!", even "<! -- ... -->"
        content, comment = _split_comment(line)
        if content.strip():
            yield Line(number, content.rstrip(), comment)


def unclosed_comment_line(text: str) -> int | None:
    """Line number of a ``<!--`` that is never closed, else None."""
    open_at: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        pos = 0
        while True:
            if open_at is None:
                start = line.find("<!--", pos)
                if start < 0:
                    break
                open_at, pos = number, start + 4
            else:
                end = line.find("-->", pos)
                if end < 0:
                    break
                open_at, pos = None, end + 3
    return open_at


def _strip_xml_comments(line: str) -> tuple[str, bool]:
    """Remove ``<!-- ... -->`` spans; report whether a comment stays open past the line."""
    while "<!--" in line:
        start = line.find("<!--")
        end = line.find("-->", start + 4)
        if end < 0:
            return line[:start], True
        line = line[:start] + line[end + 3 :]
    return line, False


def _split_comment(line: str) -> tuple[str, str]:
    """Split at the first ``#`` or ``;`` outside ``[...]``."""
    cut = min((i for i in (line.find("#"), line.find(";")) if i >= 0), default=-1)
    if cut < 0:
        return line, ""
    if "[" not in line[:cut]:  # the common case; the scan below is for codes like [###]
        return line[:cut], line[cut + 1 :].strip()
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in "#;" and depth == 0:
            return line[:i], line[i + 1 :].strip()
    return line, ""


def read_dictionary_text(path: Path) -> str:
    """The text of a dictionary file; bytes that are not UTF-8 become U+FFFD."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(
            f"cannot read dictionary file ({exc.strerror or exc}) — check the path", where=str(path)
        ) from exc
    if b"\x00" in data[:4096]:
        raise DictionaryError("this is a binary file, not a dictionary — remove it", where=str(path))
    return data.decode("utf-8", errors="replace")
