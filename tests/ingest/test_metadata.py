"""ingest.metadata: dateline detection, dates from URLs, the date precedence, outlet and canonical URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.ingest import read_sources
from eventwire.ingest.metadata import (
    canonical_url,
    date_from_url,
    find_dateline,
    outlet_from_url,
    resolve_date,
)
from eventwire.records import Story

from .conftest import RFERL_TXT


@pytest.mark.parametrize(
    ("text", "place", "dateline", "agency"),
    [
        ("BRUSSELS -- Iraqi Prime Minister Nuri al-Maliki", "BRUSSELS", "BRUSSELS -- ", None),
        ("BAGHDAD (Reuters) - A car bomb exploded", "BAGHDAD", "BAGHDAD (Reuters) - ", "Reuters"),
        ("WASHINGTON, April 17 (AP) — The United States", "WASHINGTON", "WASHINGTON, April 17 (AP) — ", "AP"),
        ("UNITED NATIONS (AP) -- The Security Council", "UNITED NATIONS", "UNITED NATIONS (AP) -- ", "AP"),
        ("SAN'A, Yemen (AP) _ Gunmen attacked", "SAN'A, Yemen", "SAN'A, Yemen (AP) _ ", "AP"),
        (
            "Kabul, Afghanistan, Jan 3 (Reuters) - Taliban",
            "Kabul, Afghanistan",
            "Kabul, Afghanistan, Jan 3 (Reuters) - ",
            "Reuters",
        ),
        ("BRUSSELS—Iraq asked NATO", "BRUSSELS", "BRUSSELS—", None),
        ("\n\n  AL-BASRAH -- British troops", "AL-BASRAH", "AL-BASRAH -- ", None),
        (
            (
                "NEW DELHI: The Indian government announced on Monday a series of measures aimed at curbing "
                "inflation, which has hit a three-year high."
            ),
            "NEW DELHI",
            "NEW DELHI: ",
            None,
        ),
    ],
)
def test_metadata_dateline_forms(text: str, place: str, dateline: str, agency: str | None) -> None:
    """Each wire dateline form is found; text[start:end] is the dateline, text offsets are the story's own."""
    found = find_dateline(text)
    assert found is not None
    assert (found.place, text[found.start : found.end], found.agency) == (place, dateline, agency)
    assert text[found.place_start :].startswith(place.split(",")[0])


@pytest.mark.parametrize(
    "text",
    [
        "NATO: Iraq Asks Alliance For Greater Assistance\n\nThe prime minister said.",  # a headline, not a dateline
        "The president said -- again -- that he would go.",
        "Washington - The capital was quiet.",  # title case needs an agency
        "UPDATE -- Iraq asks NATO for help.",
        "Iraq asked NATO for help on Thursday. " * 40 + "BRUSSELS -- too late to be a dateline.",
    ],
)
def test_metadata_not_a_dateline(text: str) -> None:
    """Headlines, dashes in prose, labels like UPDATE and anything past the opening are not datelines."""
    assert find_dateline(text) is None


def test_metadata_dateline_after_a_photo_caption() -> None:
    """In the RFE/RL text the dateline follows a caption in the same paragraph and is still found."""
    text = RFERL_TXT.read_text()
    found = find_dateline(text)
    assert found is not None and found.place == "BRUSSELS"
    assert text[found.start : found.end] == "BRUSSELS -- "
    assert text[found.end :].startswith("Iraqi Prime Minister Nuri al-Maliki")


def test_metadata_dateline_date_needs_a_year_or_a_reference() -> None:
    """A dateline date with a year is a day; without one, only a reference date (capture) fixes the year."""
    with_year = find_dateline("WASHINGTON, April 17, 2008 (AP) — The")
    without = find_dateline("WASHINGTON, April 17 (AP) — The")
    assert with_year is not None and without is not None
    assert with_year.date() == "2008-04-17"
    assert without.date() is None
    assert without.date("2008-05-01") == "2008-04-17"
    assert without.date("2009-01-10") == "2008-04-17"  # the latest April 17 on or before the reference


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.example.org/2008/04/17/nato-iraq", "2008-04-17"),
        ("https://www.example.org/news/2008-04-17-nato.html", "2008-04-17"),
        ("https://www.example.org/20080417/nato.html", "2008-04-17"),
        ("https://www.example.org/2008/4/7/nato", "2008-04-07"),
        ("https://www.example.org/a/1347337.html", None),
        ("https://www.example.org/2008/13/45/bad", None),  # not a real day
        ("https://www.example.org/2008/nato", None),  # a year alone is never a day
        ("https://www.example.org/story?date=2008-04-17", None),  # only the path counts
        (None, None),
    ],
)
def test_metadata_date_from_url(url: str | None, day: str | None) -> None:
    """Only a full, valid date in the URL path counts."""
    assert date_from_url(url) == day


def test_metadata_date_precedence() -> None:
    """--date > the story's own date > the URL's date > the dateline's > the last resort (capture date)."""
    url = "https://x.org/2008/04/16/story"
    text = "WASHINGTON, April 15, 2008 (AP) — The United States urged Iraq to act."
    assert (
        resolve_date(batch="2008-04-18", own="2008-04-17", url=url, text=text, last_resort="2008-04-14")
        == "2008-04-18"
    )
    assert (
        resolve_date(batch=None, own="2008-04-17", url=url, text=text, last_resort="2008-04-14")
        == "2008-04-17"
    )
    assert resolve_date(batch=None, own=None, url=url, text=text, last_resort="2008-04-14") == "2008-04-16"
    assert resolve_date(batch=None, own=None, url=None, text=text, last_resort="2008-04-14") == "2008-04-15"
    assert (
        resolve_date(batch=None, own=None, url=None, text="No date here.", last_resort="2008-04-14")
        == "2008-04-14"
    )
    assert resolve_date(batch=None, own=None, url=None, text="No date here.") is None


def test_metadata_outlet_and_canonical_url() -> None:
    """The outlet of last resort is the host without www.; canonical URLs ignore case, port, fragment, tracking."""
    assert outlet_from_url("https://www.rferl.org/a/1.html") == "rferl.org"
    assert outlet_from_url("https://m.bbc.co.uk/news") == "bbc.co.uk"
    assert outlet_from_url(None) is None
    assert (
        canonical_url("HTTPS://WWW.RFERL.ORG:443/a/1.html/?utm_source=tw&id=3#top")
        == "https://www.rferl.org/a/1.html?id=3"
    )
    assert canonical_url("http://x.org:8080/") == "http://x.org:8080/"


def test_metadata_jsonl_story_gets_url_date_and_outlet(tmp_path: Path) -> None:
    """A JSON record without date or source takes them from its URL."""
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "NATO met Iraq.", "url": "https://www.wire.example/2008/04/17/nato"}\n')
    (story,) = read_sources([str(path)])
    assert isinstance(story, Story)
    assert (story.date, story.source) == ("2008-04-17", "wire.example")


def test_metadata_undated_stories_are_counted_in_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """A story with no date anywhere keeps date None and the run summary says how many there were."""
    (tmp_path / "a.txt").write_text("NATO met Iraq in Brussels.")
    (tmp_path / "b.txt").write_text("BRUSSELS, April 17, 2008 -- NATO met Iraq again.")
    assert main(["code", str(tmp_path), "--workers", "1"]) == 0
    err = capsys.readouterr().err.rstrip().splitlines()
    assert err[-2].startswith("1 story without a date")
    assert err[-1] == "2 stories read, 2 coded, 2 events, 0 rejected"


@pytest.mark.parametrize(
    "text",
    [
        "Last updated: 3 March 2014 09:40\nIST - Edoras\n\nRohan police detained four traders on Tuesday.",
        "Posted 09:40 GMT - Edoras\n\nRohan police detained four traders on Tuesday.",
        "MINAS TIRITH - Edoras\n\nRohan police detained four traders on Tuesday.",
    ],
)
def test_page_header_lines_are_not_datelines(text):
    """A time zone, a clock time before the candidate, or a lone name after the dash make a header, not a dateline."""
    assert find_dateline(text) is None


def test_a_dateline_alone_on_its_line_still_counts():
    """"EDORAS --" with the story on the next line is a dateline."""
    found = find_dateline("EDORAS --\nRohan police detained four traders on Tuesday.")
    assert found is not None and found.place == "EDORAS"
