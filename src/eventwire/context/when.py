"""When an event happened, from the time expression attached to its verb.

Rules (tested in tests/test_when.py), all relative to the story date:
  "in 2003"                 -> "2003"        (year)
  "in April 2008", "April"  -> "2008-04"     (month; year from the story when absent)
  "on April 17", "17 April" -> "2008-04-17"  (day)
  "April 2-4"               -> "2008-04-02"  (day; the range end is kept separately)
  "yesterday", "today"      -> story date -1 / 0
  "on Monday"               -> the Monday before the story for past tense, the next for future
  "earlier this month"      -> "2008-04"     (month); "last month", "next month", "last year"...
  "two years ago"           -> "2006"        (year); "three months ago" (month), "ten days ago" (day)
  "in the 1980s"            -> "1980"        (year, range end 1989)
  "last April" (April story)-> "2007-04"
  "the end of 2009"         -> "2009-12"     (month)
An event with no time expression carries the publication date (`date_source`
"publication"), or null when the story has no date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

Precision = Literal["day", "month", "year"]

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(\d{{1,2}}))?(?:,?\s+(\d{{4}}))?\b", re.I
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(?:of\s+)?(\d{{4}})\b", re.I)
_MONTH_ONLY = re.compile(rf"\b(?:in|last|this|next)\s+({_MONTH_RE})\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_END_OF_YEAR = re.compile(r"\bend of (\d{4})\b", re.I)


@dataclass(frozen=True, slots=True)
class TimeRef:
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: Precision
    text: str
    end: str | None = None  # end of a range, same format


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve(
    text: str, story_date: dt.date | None, *, future: bool = False, anchor: dt.date | None = None
) -> TimeRef | None:
    """Resolve one time expression's text against the story date; None if it says nothing usable,
    or if it falls outside the years 0001-9999 ("tomorrow" in a story dated 9999-12-31).
    `anchor` is the day the story last named: "hours earlier", "the same day", "later that day"
    refer to it."""
    try:
        ref = _resolve(text, story_date, future=future, anchor=anchor)
    except (OverflowError, ValueError):  # date arithmetic past 0001-01-01 or 9999-12-31
        return None
    if ref is None or not all(_in_range(d) for d in (ref.date, ref.end) if d is not None):
        return None
    return ref


def _in_range(date: str) -> bool:
    year = date.split("-", 1)[0]
    return len(year) == 4 and year.isdigit() and 1 <= int(year) <= 9999


def _resolve(
    text: str, story_date: dt.date | None, *, future: bool = False, anchor: dt.date | None = None
) -> TimeRef | None:
    low = text.lower().strip()
    year = story_date.year if story_date else None
    if anchor is not None and _ANCHORED.search(low):
        return TimeRef(_iso(anchor), "day", text)
    if story_date is not None:
        if "yesterday" in low:
            return TimeRef(_iso(story_date - dt.timedelta(days=1)), "day", text)
        if "today" in low or "this morning" in low or "tonight" in low:
            return TimeRef(_iso(story_date), "day", text)
        if "tomorrow" in low:
            return TimeRef(_iso(story_date + dt.timedelta(days=1)), "day", text)
        for name, wd in _WEEKDAYS.items():
            if re.search(rf"\b{name}\b", low):
                delta = (story_date.weekday() - wd) % 7
                if "next" in low:
                    day = story_date + dt.timedelta(days=(wd - story_date.weekday()) % 7 or 7)
                elif future:  # "will meet on Tuesday" in a Tuesday story: today
                    day = story_date + dt.timedelta(days=(wd - story_date.weekday()) % 7)
                else:
                    day = story_date - dt.timedelta(days=delta or 7) if "last" in low or delta else story_date
                return TimeRef(_iso(day), "day", text)
    if story_date is not None:
        relative = _relative_period(low, story_date)
        if relative is not None:
            return TimeRef(relative[0], relative[1], text)
    m = _DECADE.search(text)
    if m:
        start = int(m.group(1))
        return TimeRef(f"{start:04d}", "year", text, f"{start + 9:04d}")
    m = _AGO.search(low)
    if m and story_date is not None:
        return _ago(m, story_date, text)
    m = _END_OF_YEAR.search(text)
    if m:
        return TimeRef(f"{m.group(1)}-12", "month", text)
    m = _MONTH_DAY.search(text)
    if m:
        month = _MONTHS[m.group(1).lower()]
        y = int(m.group(4)) if m.group(4) else year
        if y is not None:
            start = _safe_date(y, month, int(m.group(2)))
            if start:
                end = _safe_date(y, month, int(m.group(3))) if m.group(3) else None
                return TimeRef(_iso(start), "day", text, _iso(end) if end else None)
    m = _DAY_MONTH.search(text)
    if m:
        month = _MONTHS[m.group(2).lower()]
        y = int(m.group(3)) if m.group(3) else year
        if y is not None:
            d = _safe_date(y, month, int(m.group(1)))
            if d:
                return TimeRef(_iso(d), "day", text)
    m = _MONTH_YEAR.search(text)
    if m:
        return TimeRef(f"{int(m.group(2)):04d}-{_MONTHS[m.group(1).lower()]:02d}", "month", text)
    m = _MONTH_ONLY.search(text)
    if m and year is not None and story_date is not None:
        month = _MONTHS[m.group(1).lower()]
        # "last April" in an April story is a year back; "in June" in April is this year's
        y = year - 1 if "last" in low and month >= story_date.month else year
        return TimeRef(f"{y:04d}-{month:02d}", "month", text)
    m = _YEAR.search(text)
    if m:
        return TimeRef(m.group(1), "year", text)
    m = _BARE_MONTH.match(low)
    if m and story_date is not None and re.search(r"\b[A-Z]", text):  # "may" is a verb, "May" a month
        # "December" alone: the latest December on or before the story (ahead when `future`)
        month = _MONTHS[m.group(1)]
        y = story_date.year
        if not future and month > story_date.month:
            y -= 1
        elif future and month < story_date.month:
            y += 1
        return TimeRef(f"{y:04d}-{month:02d}", "month", text)
    return None


_BARE_MONTH = re.compile(rf"^(?:early|late|mid-?|the end of|the start of)?\s*({_MONTH_RE})\.?$")


# Expressions that name no day themselves but the day the story last named.
_ANCHORED = re.compile(
    r"\b(?:hours|minutes|moments) (?:earlier|later|before|after)\b|\b(?:the same|that) (?:day|night|morning|"
    r"afternoon|evening)\b|\b(?:later|earlier) that\b|\bshortly (?:before|after|afterwards)\b"
)

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_AGO = re.compile(r"\b(\d+|" + "|".join(_NUMBERS) + r")\s+(year|month|week|day)s?\s+ago\b")
_DECADE = re.compile(r"\b(1[5-9]\d0|20\d0)s\b")


def _ago(m: re.Match[str], story_date: dt.date, text: str) -> TimeRef:
    """"two years ago" -> 2006 (year); "three months ago" -> 2008-01 (month); "ten days ago" -> a day."""
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
    unit = m.group(2)
    if unit == "year":
        return TimeRef(f"{story_date.year - n:04d}", "year", text)
    if unit == "month":
        total = story_date.year * 12 + story_date.month - 1 - n
        return TimeRef(f"{total // 12:04d}-{total % 12 + 1:02d}", "month", text)
    days = n * 7 if unit == "week" else n
    return TimeRef(_iso(story_date - dt.timedelta(days=days)), "day", text)


def _relative_period(low: str, story_date: dt.date) -> tuple[str, Precision] | None:
    """"earlier this month", "last month", "this year", "last year", "next year" -> (date, precision)."""
    y, m = story_date.year, story_date.month
    if re.search(r"\b(this|earlier this|later this) month\b", low):
        return f"{y:04d}-{m:02d}", "month"
    if re.search(r"\blast month\b", low):
        py, pm = (y, m - 1) if m > 1 else (y - 1, 12)
        return f"{py:04d}-{pm:02d}", "month"
    if re.search(r"\bnext month\b", low):
        ny, nm = (y, m + 1) if m < 12 else (y + 1, 1)
        return f"{ny:04d}-{nm:02d}", "month"
    # a week is not named to the day: its month ("last week" -> the month a week back)
    for pattern, shift in ((r"\blast week\b", -7), (r"\b(this|earlier this|later this) week\b", 0), (r"\bnext week\b", 7)):
        if re.search(pattern, low):
            d = story_date + dt.timedelta(days=shift)
            return f"{d.year:04d}-{d.month:02d}", "month"
    if re.search(r"\b(this|earlier this|later this) year\b", low):
        return f"{y:04d}", "year"
    if re.search(r"\blast year\b", low):
        return f"{y - 1:04d}", "year"
    if re.search(r"\bnext year\b", low):
        return f"{y + 1:04d}", "year"
    return None


def is_historical(ref: TimeRef, story_date: dt.date | None, *, days: int = 365) -> bool:
    """An event dated well before its story (by default over a year) is historical."""
    if story_date is None:
        return False
    y = int(ref.date[:4])
    if ref.precision == "year":
        return y < story_date.year - 0 and (story_date - dt.date(y, 12, 31)).days > days // 2
    parts = [int(p) for p in ref.date.split("-")]
    first = dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    return (story_date - first).days > days


# -- the time of an event, from its parse ---------------------------------------------------------
#
# `event_time` dates the event of a verb, first rule that gives a date wins:
#   1. a time expression of the verb's own clause; a weekday looks back or ahead by the tense of
#      the verb it hangs on ("agreed on Wednesday to halt": Wednesday past, though the halt is
#      intended); a possessive date names a thing, not the event ("Friday's run-off"); an
#      anchored expression ("Hours earlier", "the same day") is the day the story last named;
#   2. "two days after X did": X's day is the governing clause's day minus two ("a day before": plus one);
#   3. "December, when soldiers arrested...": a relative clause on a date takes that date;
#   4. a subordinate clause of time with a date of its own ("Before the truce took effect on
#      Wednesday, aircraft struck..."): that day;
#   5. a controlled, coordinated or reported verb shares its governor's time ("agreed on April 2 to
#      develop", "said on Monday that he had ordered").

_UNITS = {"day": 1, "week": 7, "hour": 0, "minute": 0, "month": 30, "year": 365}
_TIME_MARKS = frozenset({"before", "after", "when", "as", "while", "once"})
_FUTURE_WORDS = frozenset({"will", "shall", "'ll", "wo"})
# Words before a date that make it a bound, not the event's time ("until the end of 2009").
DEADLINE_WORDS = frozenset({"until", "till", "by", "through", "before", "since"})
_DAY_PARTS = frozenset({"dawn", "dusk", "daybreak", "noon", "midnight", "nightfall", "sunrise", "sunset"})


class StoryClock:
    """The day a story last named, in reading order: what "hours earlier" and "the same day" refer to."""

    def __init__(self, story_date: dt.date | None) -> None:
        self.story_date = story_date
        self.anchor: dt.date | None = None
        self.anchor_sentence: int | None = None  # the index of the sentence that named the anchor day

    def note(self, ents: Sequence[Span], sentence: int | None = None) -> None:
        """Move the anchor to the day-precise date of a sentence's main clause: the one nearest the
        root ("X called in Y on Thursday to complain about remarks made on Monday" -> Thursday)."""
        best: tuple[int, dt.date] | None = None
        for ent in ents:
            if ent.label_ not in ("DATE", "TIME") or _possessive(ent) or _deadline(ent) or _names_a_thing(ent):
                continue
            ref = resolve(ent.text, self.story_date, future=_looks_ahead(ent, False), anchor=self.anchor)
            if ref is not None and ref.precision == "day":
                depth = _depth(ent.root)
                if best is None or depth < best[0]:
                    best = (depth, dt.date.fromisoformat(ref.date))
        if best is not None:
            self.anchor, self.anchor_sentence = best[1], sentence

    def continued(self, sentence: int) -> TimeRef | None:
        """The day the sentence before `sentence` named, for a sentence that goes on about the same
        person ("Chavez said on Sunday ... He warned Bogota ..."): None when it named none."""
        if self.anchor is None or self.anchor_sentence != sentence - 1:
            return None
        return TimeRef(_iso(self.anchor), "day", "the sentence before")


def event_time(
    verb: Token,
    clause_of: Callable[[Token], Sequence[Token]],
    ents: Sequence[Span],
    story_date: dt.date | None,
    *,
    future: bool = False,
    anchor: dt.date | None = None,
) -> TimeRef | None:
    """The time of the event of `verb` (rules above); `clause_of(v)` gives a verb's own clause tokens."""
    return _Dater(clause_of, ents, story_date, anchor).time(verb, future, 0)


class _Dater:
    def __init__(
        self,
        clause_of: Callable[[Token], Sequence[Token]],
        ents: Sequence[Span],
        story_date: dt.date | None,
        anchor: dt.date | None,
    ) -> None:
        self.clause_of, self.ents, self.day, self.anchor = clause_of, ents, story_date, anchor

    def time(self, verb: Token, future: bool, depth: int) -> TimeRef | None:
        own = self.dates_in(self.clause_of(verb), future)
        if own:
            return own[0]
        anchored = self.anchored(self.clause_of(verb))
        if anchored is not None:
            return anchored
        if depth > 3:
            return None
        shifted = self.offset(verb, future, depth)
        if shifted is not None:
            return shifted
        noun_date = self.noun_date(verb)
        if noun_date is not None:
            return noun_date
        adjunct = self.adjunct_date(verb, future)
        if adjunct is not None:
            return adjunct
        # a controlled, coordinated or reported verb shares its governor's time
        tok = verb
        for _ in range(3):
            if tok.dep_ not in ("xcomp", "conj", "acl", "advcl", "ccomp") or tok.head.i == tok.i:
                break
            head = tok.head
            toks = self.clause_of(head)
            if tok.dep_ != "ccomp":  # a date after the verb in its governor's clause is the governor's alone
                toks = [t for t in toks if t.i < verb.i or t.head.i == head.i]
            refs = self.dates_in(toks, future)
            if refs:
                return refs[0]
            anchored = self.anchored(self.clause_of(head)) or self.noun_date(head) or self.adjunct_date(head, future)
            if anchored is not None:
                return anchored
            tok = head
        return None

    def adjunct_date(self, verb: Token, future: bool) -> TimeRef | None:
        """"Before the truce took effect on Wednesday, ...", "Speaking in Cairo on Sunday, X urged...":
        a subordinate clause of time or a scene-setting participle with a day of its own."""
        for c in verb.children:
            timed = any(g.dep_ in ("mark", "advmod") and g.lower_ in _TIME_MARKS for g in c.children)
            participle = c.tag_ in ("VBG", "VBN") and not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)
            if c.dep_ == "advcl" and (timed or participle):
                refs = self.dates_in(self.clause_of(c), future)
                if refs:
                    return refs[0]
        return None

    def noun_date(self, verb: Token) -> TimeRef | None:
        """A relative clause on a date ("December, when soldiers arrested") or on a dated noun
        ("the 2002 bombings that killed 202 people") takes that date."""
        if verb.dep_ not in ("relcl", "acl") or verb.head.i == verb.i:
            return None
        head = verb.head
        for ent in self.ents:
            if ent.label_ != "DATE" or _possessive(ent) and ent.root.head.i != head.i:
                continue
            if ent.start <= head.i < ent.end or (ent.root.head.i == head.i and ent.root.i < head.i):
                ref = resolve(ent.text, self.day)
                if ref is not None:
                    return ref
        return None

    def offset(self, verb: Token, future: bool, depth: int) -> TimeRef | None:
        """"two days after X killed...": X's day from the governing clause's day."""
        rel = next((c for c in verb.children if c.dep_ in ("mark", "prep") and c.lower_ in ("after", "before")), None)
        if rel is None and verb.dep_ == "pcomp" and verb.head.lower_ in ("after", "before"):
            rel = verb.head
        if rel is None or verb.head.i == verb.i:
            return None
        governor = verb.head if rel.head.i == verb.i else rel.head
        if governor.i == verb.i or governor.pos_ not in ("VERB", "AUX"):
            return None
        for c in list(verb.children) + list(rel.children):
            if c.dep_ == "npadvmod" and c.lemma_.lower() in _UNITS:
                n = _count(c)
                base = self.time(governor, future, depth + 1)
                if base is None:  # "X moved on Wednesday, officials said, a day after...": the report's day
                    base = next((r for c in governor.children if c.dep_ == "ccomp"
                                 for r in self.dates_in(self.clause_of(c), future)), None)
                if n is None or base is None or base.precision != "day":
                    return None
                days = n * _UNITS[c.lemma_.lower()]
                sign = -1 if rel.lower_ == "after" else 1
                day = dt.date.fromisoformat(base.date) + dt.timedelta(days=sign * days)
                precision: Precision = "day" if days < 28 else "month"
                text = verb.doc[c.left_edge.i : rel.i + 1].text
                return TimeRef(_iso(day) if precision == "day" else _iso(day)[:7], precision, text)
        return None

    def dates_in(self, toks: Sequence[Token], future: bool) -> list[TimeRef]:
        idxs = {t.i for t in toks}
        out = []
        for ent in self.ents:
            if ent.label_ not in ("DATE", "TIME") or not all(i in idxs for i in range(ent.start, ent.end)):
                continue
            if _deadline(ent) or _possessive(ent) or _names_a_thing(ent):
                continue  # "until the end of 2009" bounds the event; "Friday's run-off" names a thing
            ref = resolve(ent.text, self.day, future=_looks_ahead(ent, future), anchor=self.anchor)
            if ref is not None:
                out.append(ref)
        return out

    def anchored(self, toks: Sequence[Token]) -> TimeRef | None:
        """"Hours earlier, ...", "Later that day, ...": the day the story last named."""
        if self.anchor is None or not toks:
            return None
        text = " ".join(t.lower_ for t in sorted(toks, key=lambda t: t.i))
        m = _ANCHORED.search(text)
        return TimeRef(_iso(self.anchor), "day", m.group(0)) if m else None


def _count(unit: Token) -> int | None:
    """"two days" -> 2, "a day" -> 1, "hours" -> 0 (the same day)."""
    if unit.lemma_.lower() in ("hour", "minute"):
        return 0
    for c in unit.children:
        if c.dep_ in ("nummod", "det", "quantmod"):
            w = c.lower_
            if w.isdigit():
                return int(w)
            if w in _NUMBERS:
                return _NUMBERS[w]
    return 1 if unit.lower_ == unit.lemma_.lower() else None


def _deadline(ent: Span) -> bool:
    if ent.start == 0 or ent.doc[ent.start - 1].lower_ not in DEADLINE_WORDS:
        return False
    # "before dawn on Friday" dates the event; "before Friday" bounds it
    return not (ent[0].lower_ in _DAY_PARTS or ent.doc[ent.start - 1].lower_ == "before" and ent.root.lower_ in _DAY_PARTS)


def _possessive(ent: Span) -> bool:
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return ent.root.dep_ == "poss" or (nxt is not None and nxt.dep_ == "case" and nxt.lower_ in ("'s", "’s"))


def _names_a_thing(ent: Span) -> bool:
    """"the 1998 embassy bombings": a date modifying a noun dates that noun, not the clause's event."""
    root = ent.root
    return root.dep_ in ("compound", "nummod", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN") and (
        root.head.ent_type_ not in ("DATE", "TIME")
    )


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _looks_ahead(ent: Span, default: bool) -> bool:
    """Whether a weekday looks ahead: by the verb the date hangs on (past tense looks back; "will" ahead)."""
    tok = ent.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
            if auxes & _FUTURE_WORDS:
                return True
            if tok.tag_ == "VBD" or (tok.tag_ == "VBN" and not auxes - {"has", "have", "had", "was", "were", "been", "be", "is", "are"}):
                return False
            return default
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return default
