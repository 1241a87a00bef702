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
from dataclasses import dataclass
from typing import Literal

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


def resolve(text: str, story_date: dt.date | None, *, future: bool = False) -> TimeRef | None:
    """Resolve one time expression's text against the story date; None if it says nothing usable,
    or if it falls outside the years 0001-9999 ("tomorrow" in a story dated 9999-12-31)."""
    try:
        ref = _resolve(text, story_date, future=future)
    except (OverflowError, ValueError):  # date arithmetic past 0001-01-01 or 9999-12-31
        return None
    if ref is None or not all(_in_range(d) for d in (ref.date, ref.end) if d is not None):
        return None
    return ref


def _in_range(date: str) -> bool:
    year = date.split("-", 1)[0]
    return len(year) == 4 and year.isdigit() and 1 <= int(year) <= 9999


def _resolve(text: str, story_date: dt.date | None, *, future: bool = False) -> TimeRef | None:
    low = text.lower().strip()
    year = story_date.year if story_date else None
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
                if future or "next" in low:
                    day = story_date + dt.timedelta(days=(wd - story_date.weekday()) % 7 or 7)
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
    return None


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
