"""Reader for TABARI/PETRARCH ``.actors`` dictionaries.

Format (Phoenix.*.actors.txt, PETR.Validate.actors.txt)::

    AFGHANISTAN_  [AFG]                 primary name with an inline code
    +AFGHAN_                            synonyms share the primary's codes
    NURI_AL-MALIKI_  # comment
    +PRIME_MINISTER_MALIKI
        [IRQGOV 20060520-20140908]      code lines, indented or inline;
        [IRQELI]                        several may share a line: [A 950701-951231][B >20010101]

A code without a date is a default; dated codes apply between their dates
(inclusive). The coder should prefer a dated code valid on the story date and
fall back to an undated one, as PETRARCH does. ``[---]`` marks a known
non-actor and is kept as the code ``"---"``; ``[FRO/BIL/SAM]`` names several
actors at once (a TABARI compound) and is kept as written. Codes are upper-cased.

Dates: ``YYYYMMDD`` or ``YYMMDD`` where ``YY`` 00-30 means 2000-2030 and 31-99
means 1931-1999 (KEDS/TABARI/PETRARCH's rule; the Phoenix files have no
two-digit year 15-30, so nothing depends on the exact pivot). ``D1-D2``
between, ``<D`` until, ``>D`` from; spaces around ``<``, ``>`` and ``-`` are
ignored. Typos in the real files are repaired with a warning: a bare date
``[MNEGOV 20121204]`` means "from"; seven digits are ``YYYYMMD`` when they
start with 19/20 (``2004017`` -> 2004-01-07) and ``YYMMDD`` plus a stray digit
otherwise (``9008223`` -> 1990-08-22); nine or ten digits drop the stray
leading digits if that leaves a valid 19xx/20xx date (``1920030320`` ->
2003-03-20), else the stray trailing ones (``201005011`` -> 2010-05-01).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.dictionaries.check import LineError, Problem, Reporter
from eventwire.dictionaries.model import ActorEntry, DatedCode, Word
from eventwire.dictionaries.words import (
    Line,
    dictionary_lines,
    read_dictionary_text,
    split_phrase,
    unclosed_comment_line,
)

__all__ = ["parse_code", "parse_date", "read_actors"]

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_STANDARD_CODE = re.compile(r"---|[A-Z0-9]+(?:/[A-Z0-9]+)*")
_DATE_LIKE = re.compile(r"[<>]?\d{6,}(?:-\d+)?")
_GLUED_UNDERSCORE = re.compile(r"\s_\S")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A '+' that starts a word is a synonym marker that lost its line break; "B+H" is a name.
_SYNONYM_BREAK = re.compile(r"\+(?=_)|(?<=\s)\+|(?<=_)\+")


@dataclass(slots=True)
class _Group:
    """A primary name, its synonyms and the codes they share, until the next primary."""

    line: int
    last_line: int
    names: list[tuple[tuple[Word, ...], int]] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)


@dataclass(slots=True)
class _State:
    """Reading state: the open group and code-less groups waiting for the next group's codes."""

    entries: list[ActorEntry] = field(default_factory=list)
    group: _Group | None = None
    waiting: list[_Group] = field(default_factory=list)


def read_actors(path: str | Path, problems: list[Problem] | None = None) -> tuple[ActorEntry, ...]:
    """Read an actors file; one `ActorEntry` per primary name and per synonym, in file order."""
    path = Path(path)
    text = read_dictionary_text(path)
    rep = Reporter(path.name, problems)
    state = _State()
    for line in dictionary_lines(text):
        try:
            _read_line(line, state, rep)
        except LineError as exc:
            rep.error(line.number, exc)
    _flush(state, rep, next_line=None)
    _report_unclosed_comment(text, rep)
    return tuple(state.entries)


def _read_line(line: Line, state: _State, rep: Reporter) -> None:
    name, codes = _split_codes(line, rep)
    group = state.group
    if not name:  # a code line
        if group is None:
            raise LineError("code line before any actor name", "put the name on a line above it")
        group.codes.extend(codes)
        group.last_line = line.number
        return
    is_synonym = name.startswith("+")
    names = _names(name.lstrip("+").strip(), line, rep)
    if is_synonym:
        if group is None:
            raise LineError(
                f"synonym {name!r} before any primary name", "add the primary name above, without '+'"
            )
        if codes:
            rep.warn(line.number, "code on a synonym line", "it was applied to the whole entry")
    else:
        _flush(state, rep, next_line=line.number)
        group = state.group = _Group(line.number, line.number)
    group.names.extend((words, line.number) for words in names)
    group.codes.extend(codes)
    group.last_line = line.number


def _flush(state: _State, rep: Reporter, next_line: int | None) -> None:
    """Emit the open group. A code-less group directly followed by the next primary waits
    for that entry's codes: the real files write ``IVO_JOSIPOVIC_`` / ``JOSIPOVIC_ [HRVGOV]``
    on consecutive lines where ``+`` was meant."""
    group = state.group
    state.group = None
    if group is None:
        return
    if not group.codes and next_line == group.last_line + 1:
        state.waiting.append(group)
        return
    for waiting in state.waiting:
        if group.codes:
            rep.warn(
                waiting.line,
                f"actor has no code; it takes the codes of the entry on line {group.line}",
                "write '+' before the name if it is a synonym",
            )
        _emit(waiting, group.codes, state, rep)
    state.waiting.clear()
    _emit(group, group.codes, state, rep)


def _emit(group: _Group, codes: list[DatedCode], state: _State, rep: Reporter) -> None:
    if not codes:
        rep.warn(group.line, "actor has no code", "add [CODE], or '+' if it is a synonym of the entry above")
    shared = tuple(codes)
    file = rep.file
    state.entries.extend(ActorEntry(words, shared, f"{file}:{number}") for words, number in group.names)


def _split_codes(line: Line, rep: Reporter) -> tuple[str, list[DatedCode]]:
    """Take the ``[...]`` groups out of a line: (the rest of the line, the codes)."""
    text = line.text
    codes = [parse_code(m.group(1), line.number, rep) for m in _BRACKET.finditer(text)]
    if "[" in _BRACKET.sub("", text):
        raise LineError(f"unclosed '[' in {text.strip()!r}", "close the code with ']'")
    first = text.find("[")
    rest = (text if first < 0 else text[:first]).strip()
    if first >= 0 and _BRACKET.sub("", text[first:]).strip():
        after = _BRACKET.sub(" ", text[first:]).split()
        rep.warn(
            line.number, f"text after the code: {' '.join(after)!r}", "it was ignored; start it with '#'"
        )
    if "]" in rest:
        rep.warn(line.number, f"stray ']' in {rest!r}", "it was ignored; remove it")
        rest = rest.replace("]", "").strip()
    return rest, codes


def _names(name: str, line: Line, rep: Reporter) -> list[tuple[Word, ...]]:
    """The phrase(s) of a primary or synonym line, with warnings for oddities."""
    if _CONTROL.search(name):
        rep.warn(line.number, f"control character in {name!r}", "it was removed; retype the name")
        name = _CONTROL.sub("", name)
    if "\ufffd" in name:
        rep.warn(line.number, f"undecodable character in {name!r}", "save the file as UTF-8; it cannot match")
    if _GLUED_UNDERSCORE.search(name):
        rep.warn(
            line.number, f"a word starts with '_' in {name!r}", "read as separate words; check the spacing"
        )
    if name.count("(") != name.count(")"):
        rep.warn(line.number, f"unbalanced parenthesis in {name!r}", "read literally; close or remove it")
    parts = [p.strip() for p in _SYNONYM_BREAK.split(name) if p.strip()]
    if len(parts) > 1:
        rep.warn(
            line.number, f"'+' inside the name {name!r}", "read as several synonyms; put each on its own line"
        )
    phrases = [split_phrase(p) for p in parts]
    phrases = [p for p in phrases if p]
    if not phrases:
        raise LineError(f"no words in the name {name!r}", "write the name with letters or digits")
    return phrases


def parse_code(content: str, line: int, rep: Reporter) -> DatedCode:
    """Parse the inside of ``[...]``: ``CODE`` or ``CODE date-restriction``."""
    parts = content.split(None, 1)
    if not parts:
        raise LineError("empty code '[]'", "write the actor code inside the brackets")
    code = parts[0].upper()
    if _DATE_LIKE.fullmatch(code) or code[0] in "<>":
        raise LineError(
            f"date restriction [{content.strip()}] has no code", "write [CODE date] e.g. [IRQGOV >20060520]"
        )
    if "-" in code.strip("-") and code != "---":
        raise LineError(f"code and date run together in [{content.strip()}]", "separate them with a space")
    if not _STANDARD_CODE.fullmatch(code):
        rep.warn(line, f"unusual code {code!r}", "kept as written; CAMEO codes are letters and digits")
    if len(parts) == 1:
        return DatedCode(code)
    start, end = _parse_restriction(parts[1], line, rep)
    if start is not None and end is not None and start > end:
        rep.warn(
            line,
            f"date range [{content.strip()}] ends before it starts",
            "it can never apply; swap the dates",
        )
    return DatedCode(code, start, end)


def _parse_restriction(spec: str, line: int, rep: Reporter) -> tuple[dt.date | None, dt.date | None]:
    spec = "".join(spec.split())
    if spec.startswith("<"):
        return None, parse_date(spec[1:], line, rep)
    if spec.startswith(">"):
        return parse_date(spec[1:], line, rep), None
    if "-" in spec:
        first, _, second = spec.partition("-")
        return parse_date(first, line, rep), parse_date(second, line, rep)
    if spec.isdigit():
        start = parse_date(spec, line, rep)
        rep.warn(line, f"date {spec} without '<', '>' or '-'", "read as 'from' (>date); add the operator")
        return start, None
    raise LineError(
        f"cannot read the date restriction {spec!r}", "write YYYYMMDD-YYYYMMDD, <YYYYMMDD or >YYYYMMDD"
    )


def parse_date(token: str, line: int = 0, rep: Reporter | None = None) -> dt.date:
    """Read a TABARI date (``YYMMDD``/``YYYYMMDD``, repairing the typos described above)."""
    if not token.isdigit():
        raise LineError(f"{token!r} is not a date", "write YYYYMMDD or YYMMDD")
    n = len(token)
    if n == 6:
        return _date(_two_digit_year(token[:2]), token[2:4], token[4:6], token)
    if n == 8:
        return _date(int(token[:4]), token[4:6], token[6:8], token)
    if n == 7:
        if token.startswith(("19", "20")):
            day = _date(int(token[:4]), token[4:6], token[6:], token)
        else:
            day = _date(_two_digit_year(token[:2]), token[2:4], token[4:6], token)
    elif n in (9, 10):
        day = _repair_long(token)
    else:
        raise LineError(f"date {token!r} has {n} digits", "write YYYYMMDD or YYMMDD")
    if rep is not None:
        rep.warn(line, f"date {token!r} has {n} digits", f"read as {day.isoformat()}; correct it")
    return day


def _repair_long(token: str) -> dt.date:
    tail = token[-8:]
    if tail[:2] in ("19", "20"):
        try:
            return _date(int(tail[:4]), tail[4:6], tail[6:], token)
        except LineError:
            pass
    head = token[:8]
    return _date(int(head[:4]), head[4:6], head[6:], token)


def _two_digit_year(yy: str) -> int:
    year = int(yy)
    return 2000 + year if year <= 30 else 1900 + year


def _date(year: int, month: str, day: str, token: str) -> dt.date:
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise LineError(
            f"{token!r} is not a calendar date", "write YYYYMMDD with a real month and day"
        ) from None


def _report_unclosed_comment(text: str, rep: Reporter) -> None:
    number = unclosed_comment_line(text)
    if number is not None:
        rep.error(number, LineError("'<!--' comment is never closed", "add '-->' where the comment ends"))
