"""Publication dates written the ways news metadata writes them -> YYYY-MM-DD.

Standard library only. Accepted forms (`ACCEPTED_FORMS` is quoted in every error):

    2008-04-17                      ISO date
    2008/04/17                      the same with slashes (year first: not ambiguous)
    20080417                        compact date (a string or an 8-digit integer)
    080417                          YYMMDD, as PETRARCH and TABARI write dates (a string, or an
                                    integer that lost its leading zero: 80417)
    2008-04-17T09:30:00Z            ISO 8601 date-time, any offset or none
    April 17, 2008 / Apr. 17 2008   month name first (full or 3-letter), optional weekday
    17 April 2008 / 17 Apr 2008     day first
    Thu, 17 Apr 2008 09:30:00 +0000 RFC 2822 (RSS feeds, e-mail)

A date-time keeps the calendar date *as written*: "2008-04-17T23:30:00-05:00" is
2008-04-17, the outlet's own day, not converted to UTC. Numeric forms such as
04/17/2008 or 17/04/2008 are refused on purpose: half the world reads them the
other way round.

How the ambiguous forms are read, always the same way, never guessed per value:

* Six digits are YYMMDD, never DDMMYY or MMDDYY: "170408" is 2017-04-08, not 17 April 2008.
* A two-digit year is 2000-2049 for 00-49 and 1950-1999 for 50-99 (the rule of RFC 5322 for
  e-mail dates, and the one `eventwire evaluate` applies to gold files): "121108" is
  2012-11-08, "950320" 1995-03-20.
* Day-first and month-first numbers with slashes or dots (04/17/2008, 17.04.2008) are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_tz

from eventwire.errors import BadDateError, excerpt

__all__ = ["ACCEPTED_FORMS", "MONTHS", "TWO_DIGIT_YEAR_PIVOT", "full_year", "normalise_date"]

ACCEPTED_FORMS = (
    "YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, YYMMDD (00-49 = 20xx), an ISO 8601 date-time (2008-04-17T09:30:00Z), "
    "'April 17, 2008', '17 April 2008' or an RFC 2822 date ('Thu, 17 Apr 2008 09:30:00 +0000')"
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
#: lower-case month names and abbreviations ("april", "apr", "sept") -> month number
MONTHS = _MONTHS
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASHED = re.compile(r"(\d{4})/(\d{2})/(\d{2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YYMMDD = re.compile(r"(\d{2})(\d{2})(\d{2})")
#: two-digit years below this are 20xx, the rest 19xx (RFC 5322's rule)
TWO_DIGIT_YEAR_PIVOT = 50
_ISO_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}.*")
_MONTH_FIRST = re.compile(_WEEKDAY + r"([a-z]+)\.?\s+(\d{1,2})" + _ORDINAL + r",?\s+(\d{4})", re.IGNORECASE)
_DAY_FIRST = re.compile(_WEEKDAY + r"(\d{1,2})" + _ORDINAL + r"\s+([a-z]+)\.?,?\s+(\d{4})", re.IGNORECASE)
_RFC2822 = re.compile(r"(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}.*", re.IGNORECASE)


def normalise_date(value: str | int | dt.date) -> str:
    """Return `value` as YYYY-MM-DD, or raise BadDateError listing the accepted forms."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        if 0 < value < 1_000_000:
            text = text.zfill(6)  # a YYMMDD written as a JSON number lost its leading zeros
        elif not _COMPACT.fullmatch(text):
            raise _bad(value)
    elif isinstance(value, str):
        text = " ".join(value.split())
    else:
        raise _bad(value)

    day = _parse(text)
    if day is None:
        raise _bad(value)
    return day.isoformat()


def _parse(text: str) -> dt.date | None:
    if m := _ISO_DATE.fullmatch(text) or _COMPACT.fullmatch(text) or _SLASHED.fullmatch(text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _YYMMDD.fullmatch(text):
        return _make(full_year(int(m[1])), int(m[2]), int(m[3]))
    if m := _ISO_DATETIME.fullmatch(text):
        try:
            dt.datetime.fromisoformat(text)  # validates the time and offset parts too
        except ValueError:
            return None
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH_FIRST.fullmatch(text):
        month = _MONTHS.get(m[1].lower())
        return _make(int(m[3]), month, int(m[2])) if month else None
    if m := _DAY_FIRST.fullmatch(text):
        month = _MONTHS.get(m[2].lower())
        return _make(int(m[3]), month, int(m[1])) if month else None
    if _RFC2822.fullmatch(text):
        parts = parsedate_tz(text)
        return _make(parts[0], parts[1], parts[2]) if parts else None
    return None


def full_year(two_digits: int) -> int:
    """A two-digit year as a full one: 00-49 -> 2000-2049, 50-99 -> 1950-1999."""
    return 2000 + two_digits if two_digits < TWO_DIGIT_YEAR_PIVOT else 1900 + two_digits


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 2008-02-30, month 13, year 0
        return None


def _bad(value: object) -> BadDateError:
    # a record's "date" may hold anything, a megabyte included: quote at most EXCERPT_CHARS of it
    shown = excerpt(value) if isinstance(value, str) else excerpt(repr(value))[1:-1]
    return BadDateError(f"unknown date {shown}; write it as {ACCEPTED_FORMS}")
