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


# -- the time of an event from its parse (sentences written for these tests) ----------------------

SATURDAY = dt.date(2011, 6, 18)  # a Saturday


def _coded_dates(text: str, day: dt.date = SATURDAY) -> dict[str, str | None]:
    """Each event verb of a short story -> the date the coder gives it."""
    from eventwire.coding.coder import Coder
    from eventwire.records import Story

    coded = Coder().code_story(Story(id="t", text=text, date=day.isoformat()))
    return {e.evidence.verb: e.date for e in coded.events}


@pytest.fixture(scope="module")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp()


def _time(nlp, text: str, verb: str, day: dt.date = SATURDAY, anchor: dt.date | None = None, future: bool = False):
    from eventwire.context.when import event_time

    doc = nlp(text)
    tok = next(t for t in doc if t.text == verb)
    return event_time(tok, lambda v: list(v.subtree), list(doc.ents), day, future=future, anchor=anchor)


@pytest.mark.model
def test_a_weekday_looks_back_by_the_tense_of_its_own_verb(nlp):
    """"agreed on Thursday to end" is last Thursday though the ending is intended; "will meet on Saturday"
    in a Saturday story is that day."""
    assert _time(nlp, "Gondor agreed on Thursday to end the blockade of Rohan.", "end", future=True).date == "2011-06-16"
    assert _time(nlp, "Gondor will meet Rohan on Saturday.", "meet", future=True).date == "2011-06-18"


@pytest.mark.model
def test_days_after_a_dated_clause_count_back_from_it(nlp):
    """"on Friday, two days after Rohan seized the ford": the seizure is Wednesday; "a day before" is Saturday."""
    text = "Gondor recalled its envoy on Friday, two days after Rohan seized the ford."
    assert _time(nlp, text, "seized") == TimeRef("2011-06-15", "day", "two days after")
    assert _time(nlp, "Gondor recalled its envoy on Friday, a day before Rohan closed the ford.", "closed").date == "2011-06-18"


@pytest.mark.model
def test_a_relative_clause_on_a_date_takes_that_date(nlp):
    """"since March, when rebels seized the port and expelled the governor": both in March."""
    text = "The town has been tense since March, when rebels seized the port and expelled the governor."
    assert _time(nlp, text, "seized").date == "2011-03"
    assert _time(nlp, text, "expelled").date == "2011-03"


@pytest.mark.model
def test_a_reported_event_takes_the_day_of_its_report(nlp):
    """"announced on Tuesday that it had closed": Tuesday; a participle adjunct's day dates its main clause."""
    assert _time(nlp, "Gondor announced on Tuesday that it had closed the border.", "closed").date == "2011-06-14"
    text = "Speaking in Edoras on Wednesday, the king urged Gondor to reopen the road."
    assert _time(nlp, text, "urged").date == "2011-06-15"


@pytest.mark.model
def test_anchored_expressions_take_the_day_last_named(nlp):
    """"Hours earlier", "the same day" are the anchor's day; without an anchor they give nothing."""
    anchor = dt.date(2011, 6, 14)
    assert _time(nlp, "Hours earlier, Rohan troops shelled the ford.", "shelled", anchor=anchor).date == "2011-06-14"
    assert _time(nlp, "Rohan troops shelled the ford later that day.", "shelled", anchor=anchor).date == "2011-06-14"
    assert _time(nlp, "Hours earlier, Rohan troops shelled the ford.", "shelled") is None


@pytest.mark.model
def test_dates_that_name_a_thing_do_not_date_the_event(nlp):
    """"Friday's vote" and "the 1999 treaty" name things; the clause's event keeps its own day or none."""
    assert _time(nlp, "Rohan rejected Friday's vote on Tuesday.", "rejected").date == "2011-06-14"
    assert _time(nlp, "Rohan denounced the 1999 treaty.", "denounced") is None
    assert _time(nlp, "Rohan denounced the 1999 treaty that ended the war.", "ended").date == "1999"


@pytest.mark.model
def test_the_story_clock_follows_the_main_clause_of_each_sentence(nlp):
    """The anchor is the day nearest a sentence's root, not a date in a nested phrase."""
    from eventwire.context.when import StoryClock

    clock = StoryClock(SATURDAY)
    clock.note(list(nlp("Gondor summoned Rohan's envoy on Thursday over remarks made on Monday.").ents))
    assert clock.anchor == dt.date(2011, 6, 16)


def test_weeks_resolve_to_their_month():
    """"last week" is the month a week back (a week names no day); "next week" a week ahead."""
    assert resolve("last week", dt.date(2011, 6, 3)) == TimeRef("2011-05", "month", "last week")
    assert resolve("next week", dt.date(2011, 6, 28)).date == "2011-07"


def test_a_bare_capitalised_month_is_the_latest_such_month():
    """"December" in a January story is last December; lower-case "may" is not a month."""
    assert resolve("December", dt.date(2013, 1, 14)) == TimeRef("2012-12", "month", "December")
    assert resolve("may", dt.date(2013, 1, 14)) is None


@pytest.mark.model
def test_whole_story_same_day_and_hours_later():
    """In a story, "Later that day" and "Hours later" take the day the story last named."""
    text = (
        "Armenian troops crossed the border on Wednesday.\n\n"
        "Later that day, Azerbaijan condemned Armenia.\n\n"
        "Hours later, Azerbaijan recalled its ambassador from Armenia."
    )
    dates = _coded_dates(text)
    assert dates.get("condemned") == "2011-06-15"
    assert dates.get("recalled") == "2011-06-15"


@pytest.mark.model
def test_a_coordinated_verb_shares_its_governors_time_clause(nlp):
    """"Before the truce began on Friday, jets struck X, and rebels fired rockets": both Friday."""
    text = "Before the truce began on Friday, jets struck the port, and rebels fired rockets at the city."
    assert _time(nlp, text, "struck").date == "2011-06-17"
    assert _time(nlp, text, "fired").date == "2011-06-17"
