"""Reader for PETRARCH ``.agents`` dictionaries (Phoenix.agents.txt, PETR.Validate.agents.txt).

Format::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     substitution set
    FARMER [~AGR]                                 [~CODE]: code goes after the actor's (IRQ+AGR)
    HUMAN_RIGHTS_BODY [NGO~]                      [CODE~]: code goes before it
    CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]   explicit plural
    POLICE {} [~COP]                              {} = no plural
    CONGRESS!PERSON! [~LEG]                       one entry per member of the set

Plurals: with no ``{...}``, the regular English plural of the last word is
generated as a second entry (FARMER -> FARMERS, AUTHORITY -> AUTHORITIES,
BUS -> BUSES), as PETRARCH does; ``{PLURAL}`` gives it explicitly (the braces
hold one phrase); ``{}`` suppresses it. Lines with a substitution marker get
no plural: the set lists every form. A set must be defined before it is used.
All entries generated from one line share its ``file:line`` origin. A line
without a code is skipped with a warning, as PETRARCH skips it (the real
Phoenix file has one, ``ISLAMIC_EXTREMIST``); ``[~ENV}`` is read as ``[~ENV]``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from eventwire.dictionaries.check import LineError, Problem, Reporter
from eventwire.dictionaries.model import AgentEntry, Word
from eventwire.dictionaries.words import (
    Line,
    dictionary_lines,
    plural,
    read_dictionary_text,
    split_phrase,
    unclosed_comment_line,
)

__all__ = ["read_agents"]

Position = Literal["suffix", "prefix"]

_SUBSTITUTION_DEF = re.compile(r"\s*(![^!\s=]+!)\s*=\s*(.*)")
_MARKER = re.compile(r"![^!\s]*!")
_CODE = re.compile(r"[A-Z0-9]+")


def read_agents(
    path: str | Path, problems: list[Problem] | None = None
) -> tuple[tuple[AgentEntry, ...], dict[str, tuple[str, ...]]]:
    """Read an agents file: (entries in file order, substitution sets keyed ``"!PERSON!"``)."""
    path = Path(path)
    text = read_dictionary_text(path)
    rep = Reporter(path.name, problems)
    entries: list[AgentEntry] = []
    substitutions: dict[str, tuple[str, ...]] = {}
    for line in dictionary_lines(text):
        try:
            if "=" in line.text and "!" in line.text:
                _define(line, substitutions, rep)
            else:
                entries.extend(_entries(line, substitutions, rep))
        except LineError as exc:
            rep.error(line.number, exc)
    number = unclosed_comment_line(text)
    if number is not None:
        rep.error(number, LineError("'<!--' comment is never closed", "add '-->' where the comment ends"))
    return tuple(entries), substitutions


def _define(line: Line, substitutions: dict[str, tuple[str, ...]], rep: Reporter) -> None:
    match = _SUBSTITUTION_DEF.fullmatch(line.text)
    if match is None:
        raise LineError(f"cannot read the substitution set {line.text.strip()!r}", "write !NAME! = A, B, C")
    name = match.group(1).upper()
    members = tuple(m.strip().upper() for m in match.group(2).split(","))
    if not all(members):
        raise LineError(f"empty member in the substitution set {name}", "remove the extra comma")
    if name in substitutions:
        rep.warn(line.number, f"substitution set {name} defined again", "the new definition replaces the old")
    substitutions[name] = members


def _entries(line: Line, substitutions: dict[str, tuple[str, ...]], rep: Reporter) -> list[AgentEntry]:
    if "[" not in line.text:
        # PETRARCH skips such a line with a warning; the real Phoenix file has one.
        rep.warn(
            line.number, f"agent without a code: {line.text.strip()!r}", "skipped; add a code such as [~GOV]"
        )
        return []
    phrase, plurals, code, position = _parse(line, rep)
    origin = f"{rep.file}:{line.number}"
    if "!" in phrase:
        raws = _substitute(phrase, substitutions)
    else:
        raws = [phrase, *plurals]
    out: list[AgentEntry] = []
    seen: set[tuple[Word, ...]] = set()
    for raw in raws:
        words = split_phrase(raw)
        if words and words not in seen:
            seen.add(words)
            out.append(AgentEntry(words, code, position, origin))
    if not out:
        raise LineError(f"no words before the code in {line.text.strip()!r}", "write the agent phrase first")
    return out


def _parse(line: Line, rep: Reporter) -> tuple[str, list[str], str, Position]:
    """Split ``PHRASE {PLURAL} [CODE]`` into (phrase, plural phrases, code, position)."""
    text = line.text
    start = text.find("[")
    end = text.find("]", start)
    if end < 0:
        brace = text.find("}", start)
        if brace < 0:
            raise LineError(f"unclosed '[' in {text.strip()!r}", "close the code with ']'")
        rep.warn(line.number, f"code closed with '}}' in {text.strip()!r}", "read as ']'; fix the bracket")
        end = brace
    if text[end + 1 :].strip():
        rep.warn(
            line.number,
            f"text after the code: {text[end + 1 :].strip()!r}",
            "it was ignored; start it with '#'",
        )
    code, position = _parse_code(text[start + 1 : end], line, rep)
    head = text[:start]
    if not head.replace("{", "").replace("}", "").strip():
        raise LineError(f"no words before the code in {text.strip()!r}", "write the agent phrase first")
    phrase, plurals = _split_plurals(head, line)
    return phrase, plurals, code, position


def _split_plurals(head: str, line: Line) -> tuple[str, list[str]]:
    if "{" not in head:
        if "}" in head:
            raise LineError(f"'}}' without '{{' in {head.strip()!r}", "write the plural as {PLURAL}")
        phrase = head.strip()
        return phrase, ([] if "!" in phrase else [_regular_plural(phrase)])
    open_at = head.find("{")
    close_at = head.find("}", open_at)
    if close_at < 0:
        raise LineError(f"unclosed '{{' in {head.strip()!r}", "close the plural with '}'")
    if head[close_at + 1 :].strip():
        raise LineError(
            f"text between the plural and the code in {head.strip()!r}", "put {PLURAL} last, before [CODE]"
        )
    explicit = head[open_at + 1 : close_at].strip()
    return head[:open_at].strip(), ([explicit] if explicit else [])


def _regular_plural(phrase: str) -> str:
    """PHRASE with its last word pluralised, keeping a trailing '_' (exact) mark."""
    exact = phrase.endswith("_")
    body = phrase.rstrip("_")
    cut = max(body.rfind("_"), body.rfind(" "))
    return body[: cut + 1] + plural(body[cut + 1 :].upper()) + ("_" if exact else "")


def _parse_code(inside: str, line: Line, rep: Reporter) -> tuple[str, Position]:
    raw = "".join(inside.split()).upper()
    position: Position
    if raw.startswith("~") and not raw.endswith("~"):
        code, position = raw[1:], "suffix"
    elif raw.endswith("~") and not raw.startswith("~"):
        code, position = raw[:-1], "prefix"
    elif raw and "~" not in raw:
        rep.warn(line.number, f"agent code [{raw}] has no '~'", f"read as [~{raw}] (after the actor code)")
        code, position = raw, "suffix"
    else:
        raise LineError(f"cannot read the agent code [{inside.strip()}]", "write [~CODE] or [CODE~]")
    if not code:
        raise LineError("empty agent code", "write a code such as [~GOV]")
    if not _CODE.fullmatch(code):
        rep.warn(
            line.number, f"unusual agent code {code!r}", "kept as written; CAMEO codes are letters and digits"
        )
    return code, position


def _substitute(phrase: str, substitutions: dict[str, tuple[str, ...]]) -> list[str]:
    """Expand every ``!SET!`` marker of `phrase` into its members (no plurals)."""
    match = _MARKER.search(phrase)
    if match is None:
        if "!" in phrase:
            raise LineError(f"unclosed substitution marker in {phrase!r}", "write the marker as !NAME!")
        return [phrase]
    name = match.group().upper()
    if name not in substitutions:
        known = ", ".join(sorted(substitutions)) or "none"
        raise LineError(
            f"unknown substitution set {name}", f"define it above with {name} = A, B (known: {known})"
        )
    out: list[str] = []
    for member in substitutions[name]:
        out.extend(_substitute(phrase[: match.start()] + member + phrase[match.end() :], substitutions))
    return out
