"""Time expressions resolved against the story date."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.context.when import TimeRef, is_historical, resolve

STORY = dt.date(2008, 4, 17)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 17", TimeRef("2008-04-17", "day", "April 17")),
        ("17 April", TimeRef("2008-04-17", "day", "17 April")),
        ("2003", TimeRef("2003", "year", "2003")),
        ("April 2-4", TimeRef("2008-04-02", "day", "April 2-4", "2008-04-04")),
        ("March 2007", TimeRef("2007-03", "month", "March 2007")),
        ("the end of 2009", TimeRef("2009-12", "month", "the end of 2009")),
        ("yesterday", TimeRef("2008-04-16", "day", "yesterday")),
        ("earlier this month", TimeRef("2008-04", "month", "earlier this month")),
        ("last month", TimeRef("2008-03", "month", "last month")),
        ("last year", TimeRef("2007", "year", "last year")),
        ("last Tuesday", TimeRef("2008-04-15", "day", "last Tuesday")),
        ("two years ago", TimeRef("2006", "year", "two years ago")),
        ("three months ago", TimeRef("2008-01", "month", "three months ago")),
        ("10 days ago", TimeRef("2008-04-07", "day", "10 days ago")),
        ("the 1980s", TimeRef("1980", "year", "the 1980s", "1989")),
        ("last April", TimeRef("2007-04", "month", "last April")),
        ("in June", TimeRef("2008-06", "month", "in June")),
    ],
)
def test_when_resolves_expression_against_story_date(text, expected):
    """Each supported form resolves to the right date and precision."""
    assert resolve(text, STORY) == expected


def test_when_weekday_past_and_future():
    """"Monday" in a past-tense clause is the Monday before the story; in a future clause the next one."""
    assert resolve("on Monday", STORY).date == "2008-04-14"
    assert resolve("on Monday", STORY, future=True).date == "2008-04-21"


def test_when_unknown_expression_gives_none():
    """Text with no date in it resolves to nothing rather than to the publication date."""
    assert resolve("recently", STORY) is None


def test_when_historical_only_when_well_before_story():
    """An event in 2003 reported in 2008 is historical; one last week is not."""
    assert is_historical(TimeRef("2003", "year", "2003"), STORY)
    assert not is_historical(TimeRef("2008-04-10", "day", "April 10"), STORY)
    assert not is_historical(TimeRef("2008", "year", "2008"), STORY)


@pytest.mark.parametrize("story", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
@pytest.mark.parametrize(
    "text",
    ["yesterday", "tomorrow", "next Monday", "last Friday", "last month", "next month", "last year", "next year",
     "two years ago", "three months ago", "ten days ago", "in June", "last April"],
)  # fmt: skip
def test_when_at_the_calendar_edges_gives_a_date_in_range_or_none(story: dt.date, text: str) -> None:
    """Story dates 0001-01-01 and 9999-12-31 (issue 13): no OverflowError, never year 0 or 10000."""
    ref = resolve(text, story)
    if ref is not None:
        year = ref.date.split("-")[0]
        assert len(year) == 4 and 1 <= int(year) <= 9999 and ref.date != "10000"
        assert is_historical(ref, story) in (True, False)
