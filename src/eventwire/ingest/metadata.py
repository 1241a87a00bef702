"""What a story says about itself: publication date, outlet, canonical URL, dateline.

Publication date, first that is known wins (`resolve_date`):

1. the batch date (``--date``): the user's word overrides everything;
2. the story's own date: a JSON record's ``date``, a feed entry's published or
   updated date, a web page's metadata (meta tags, JSON-LD, ``<time>``; htmldate
   with its free-text and copyright searches off, so a footer's "© 2008" is never
   read as 2008-01-01);
3. a full date in the URL path: ``/2008/04/17/``, ``/2008-04-17-``, ``/20080417/``;
4. a dateline that carries a date ("WASHINGTON, April 17, 2008 (AP) —"); one
   without a year ("WASHINGTON, April 17 (AP) —") only when a reference date
   (a WARC capture date) fixes the year: the latest April 17 on or before it;
5. the reader's last resort (a WARC record's capture date, WARC-Date).

Nothing known: `Story.date` is None and the run summary counts the story as
undated. A year alone is never turned into a day.

The outlet (`Story.source`) is the record's ``source``, else the feed's title or
the page's site name, else the URL's host without ``www.``. `Story.url` is the
page's canonical URL when it gives one.

A dateline is the place (and often agency and date) opening a wire story:
"BRUSSELS --", "BAGHDAD (Reuters) -", "WASHINGTON, April 17 (AP) —". `find_dateline`
reports where it is; story text is never changed, so its offsets stay valid.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from eventwire.ingest.dates import MONTHS
from eventwire.records import Dateline, Story

__all__ = [
    "Dateline",
    "canonical_url",
    "complete_story",
    "date_from_url",
    "find_dateline",
    "with_dateline",
    "outlet_from_url",
    "resolve_date",
]

#: how far into a story a dateline is looked for (characters)
DATELINE_WINDOW = 1000
_MIN_YEAR, _MAX_YEAR = 1980, 2100

_MONTH = "(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-z'’\-]+\.?"
_REGION_WORD = r"[A-Z][A-Za-z'’.\-]*"
_DATE = (
    rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?(?:,?\s+(?P<year2>\d{{4}}))?)"
)
_TAIL = (
    rf"(?:,\s+(?P<region>(?!(?:{_MONTH})\b){_REGION_WORD}(?:\s+{_REGION_WORD}){{0,2}}))?"
    rf"(?:,?\s+{_DATE})?"
    r"(?:\s*\((?P<agency>[A-Z][A-Za-z/&.\- ]{0,30})\))?"
)
_DASH = r"(?P<dash>\s*(?:--|[—–])\s*|\s+[-_]\s+)"
# ALL-CAPS place: a dash (or, guarded below, a colon) ends the dateline.
# "DAMASCUS/BEIRUT": a story filed from two places.
_CAPS_PLACE = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}"
_CAPS_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_PLACE}(?:/{_CAPS_PLACE})*){_TAIL}(?:{_DASH}|(?P<colon>:\s+))"
)
# Title-case place: only with an agency in brackets, "Kabul (Reuters) -".
_TITLE_DATELINE = re.compile(rf"(?P<place>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,3}}){_TAIL}{_DASH}")
_NOT_PLACES = frozenset(
    {
        "UPDATE",
        "UPDATED",
        "BREAKING",
        "BREAKING NEWS",
        "EXCLUSIVE",
        "ANALYSIS",
        "OPINION",
        "NEWS",
        "PHOTO",
        "PHOTOS",
        "VIDEO",
        "FILE",
        "EDITORS",
        "NOTE",
        "EDITOR'S NOTE",
        "CORRECTED",
        "CORRECTION",
        "URGENT",
        "ADVISORY",
        "FLASH",
        "BULLETIN",
        "WATCH",
        "LIVE",
        "COMMENTARY",
        "REVIEW",
        "INTERVIEW",
        "FACTBOX",
        "TIMELINE",
        "AP",
        "AFP",
        "REUTERS",
        "UPI",
        "RFE/RL",
        "BY",
    }
)
# Time zones end the time of a page's "Updated: 14 May 2014 10:05 IST - Bangkok" header; never a place.
_TIME_ZONES = frozenset(
    "GMT UTC IST EST EDT CST CDT MST MDT PST PDT AKST HST CET CEST EET EEST WET WEST BST JST KST HKT SGT ICT "
    "WIB WITA PHT MYT AEST AEDT ACST AWST NZST NZDT MSK PKT AST ADT GST IRST AFT NPT SAST EAT WAT CAT ART BRT".split()
)
_MIN_COLON_PARAGRAPH = 100  # "NEW DELHI: The government..." but not a headline "NATO: Iraq Asks..."

_URL_DATES = (
    re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})(?=/|$|[-_.])"),
    re.compile(r"/(\d{4})-(\d{2})-(\d{2})(?=/|$|[-_.])"),
    re.compile(r"/(\d{4})_(\d{2})_(\d{2})(?=/|$|[-_.])"),
    re.compile(r"/(\d{4})(\d{2})(\d{2})(?=/|$|[-_.])"),
)
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|src)$", re.IGNORECASE)


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening `text` (one of its first paragraphs, within the first 1,000 characters), or None.

    ALL-CAPS places need a dash ("BRUSSELS --", "BAGHDAD (Reuters) -"); a colon
    ("NEW DELHI: ...") counts only before a paragraph of at least 100 characters,
    so a headline like "NATO: Iraq Asks Alliance For Help" is not one. A title-case
    place needs an agency in brackets ("Kabul (Reuters) -"). An ALL-CAPS dateline
    with a dash is also found after a photo caption in the same paragraph
    ("...in Brussels (AFP) BRUSSELS -- Iraqi Prime Minister...").
    """
    window = text[:DATELINE_WINDOW]
    for start in _candidate_starts(window):
        found = _dateline_at(window, start)
        if found is not None:
            return found
    return None


def _candidate_starts(window: str) -> list[int]:
    """Paragraph (line) starts, then positions after a closing bracket or sentence end (caption glued on)."""
    starts = []
    for m in re.finditer(r"(?:^|\n)[ \t]*(?=\S)", window):
        starts.append(m.end())
    for m in re.finditer(r"[).!?][ \t]+(?=[A-Z]{2})", window):
        starts.append(m.end())
    return sorted(set(starts))


def _dateline_at(window: str, start: int) -> Dateline | None:
    line_start = window.rfind("\n", 0, start) + 1
    at_line_start = not window[line_start:start].strip()
    m = _CAPS_DATELINE.match(window, start)
    if m is not None and _caps_ok(m, window, at_line_start):
        return _make(m)
    if at_line_start:
        m = _TITLE_DATELINE.match(window, start)
        if m is not None and m["agency"] and not _is_month(m["place"]):
            return _make(m)
    return None


def _caps_ok(m: re.Match[str], window: str, at_line_start: bool) -> bool:
    place = m["place"]
    if not place.isupper() or place.upper() in _NOT_PLACES or _is_month(place):
        return False
    if sum(c.isalpha() for c in place) < 3 or place.split("/")[0].split()[-1] in _TIME_ZONES:
        return False
    if _follows_a_time(window, m.start()) or not _story_follows(window, m.end()):
        return False
    if m["colon"] is not None:
        if not at_line_start or m["agency"]:
            return False
        rest = window[m.end() :].split("\n", 1)[0]
        return len(rest) >= _MIN_COLON_PARAGRAPH and bool(re.search(r"[a-z]", rest))
    return True


def _follows_a_time(window: str, start: int) -> bool:
    """"10:05 IST - Bangkok": a clock time just before the candidate makes it a page header."""
    return re.search(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*$", window[max(0, start - 12) : start], re.I) is not None


def _story_follows(window: str, end: int) -> bool:
    """A dateline opens the story's first sentence: the rest of its line is empty (the sentence
    starts on the next line) or holds lower-case words, not a lone name ("IST - Bangkok\n")."""
    rest = window[end:].split("\n", 1)[0].strip()
    return not rest or re.search(r"\b[a-z]", rest) is not None or len(window) - end < 40


def _make(m: re.Match[str]) -> Dateline:
    place = m["place"] + (f", {m['region']}" if m["region"] else "")
    month_name = m["month"] or m["month2"]
    day = m["day"] or m["day2"]
    year = m["year"] or m["year2"]
    return Dateline(
        place=place,
        start=m.start(),
        end=m.end(),
        place_start=m.start("place"),
        agency=m["agency"].strip() if m["agency"] else None,
        month=MONTHS.get(month_name.lower()) if month_name else None,
        day=int(day) if day else None,
        year=int(year) if year and _MIN_YEAR <= int(year) <= _MAX_YEAR else None,
    )


def _is_month(word: str) -> bool:
    return word.lower().rstrip(".") in MONTHS


# --- URLs -------------------------------------------------------------------------------------------


def date_from_url(url: str | None) -> str | None:
    """A full date written in the URL's path (/2008/04/17/, /2008-04-17-, /20080417/) as YYYY-MM-DD."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            year, month, day = int(m[1]), int(m[2]), int(m[3])
            if not _MIN_YEAR <= year <= _MAX_YEAR:
                continue
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                continue
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The URL's host without ``www.``/``m.``, as the outlet of last resort ("rferl.org")."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return host


def canonical_url(url: str) -> str:
    """`url` normalised for "is this the same page?": lower-case scheme and host, no default port,
    no fragment, no tracking parameters (utm_*, fbclid, ...), no trailing slash."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)]
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, query, ""))


# --- putting it together ----------------------------------------------------------------------------


def resolve_date(
    *,
    batch: str | None,
    own: str | None,
    url: str | None,
    text: str,
    last_resort: str | None = None,
) -> str | None:
    """The publication date by the precedence in the module docstring; all dates YYYY-MM-DD or None."""
    if batch:
        return batch
    if own:
        return own
    from_url = date_from_url(url)
    if from_url:
        return from_url
    dateline = find_dateline(text)
    if dateline is not None:
        from_dateline = dateline.date(last_resort)
        if from_dateline:
            return from_dateline
    return last_resort


def complete_story(story: Story, batch_date: str | None, last_resort: str | None = None) -> Story:
    """`story` with its date resolved (`resolve_date`) and its outlet filled from the URL if missing."""
    date = resolve_date(
        batch=batch_date, own=story.date, url=story.url, text=story.text, last_resort=last_resort
    )
    source = story.source or outlet_from_url(story.url)
    if date == story.date and source == story.source:
        return story
    return replace(story, date=date, source=source)


def with_dateline(story: Story) -> Story:
    """`story` with `dateline` set from its text (unchanged if it has one or its text opens without one).
    `read_sources` sets it on every story it yields; call it on stories made elsewhere (gold records,
    stored articles being re-coded). The coder and the parser only read `Story.dateline`."""
    if story.dateline is not None:
        return story
    dateline = find_dateline(story.text)
    return story if dateline is None else replace(story, dateline=dateline)
