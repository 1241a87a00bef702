"""ingest.dates: the publication-date forms we accept, and the ones we refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.errors import BadDateError, InputError
from eventwire.ingest.dates import ACCEPTED_FORMS, normalise_date


@pytest.mark.parametrize(
    "value",
    [
        "2008-04-17",
        "2008/04/17",
        "20080417",
        20080417,
        "080417",  # YYMMDD, as PETRARCH writes dates
        80417,  # the same as a JSON number, its leading zero lost
        " 2008-04-17 ",
        "2008-04-17T09:30:00",
        "2008-04-17T09:30:00Z",
        "2008-04-17 09:30:00.123+03:00",
        "April 17, 2008",
        "april 17 2008",
        "Apr. 17, 2008",
        "Thursday, April 17, 2008",
        "17 April 2008",
        "17th April 2008",
        "17 Apr 2008",
        "Thu, 17 Apr 2008 09:30:00 +0000",
        "Thu, 17 Apr 2008 09:30:00 GMT",
        dt.date(2008, 4, 17),
        dt.datetime(2008, 4, 17, 23, 59),
    ],
)
def test_dates_accepted_forms(value: object) -> None:
    """Every documented form of 17 April 2008 normalises to 2008-04-17."""
    assert normalise_date(value) == "2008-04-17"  # type: ignore[arg-type]


def test_dates_datetime_keeps_the_written_day() -> None:
    """A date-time with an offset keeps the outlet's calendar day instead of converting to UTC."""
    assert normalise_date("2008-04-17T23:30:00-05:00") == "2008-04-17"


@pytest.mark.parametrize(
    "value",
    [
        "04/17/2008",  # ambiguous numeric forms are refused on purpose
        "17/04/2008",
        "2008-02-30",  # not a calendar day
        "20081317",
        "2008-04-17T25:00:00",
        "Smarch 17, 2008",
        "yesterday",
        "",
        "2008",
        True,
        17.5,
        None,
    ],
)
def test_dates_unknown_forms_raise_bad_date(value: object) -> None:
    """An unknown or impossible date raises BadDateError (an InputError, reason bad-date)."""
    with pytest.raises(BadDateError) as info:
        normalise_date(value)  # type: ignore[arg-type]
    assert isinstance(info.value, InputError)
    assert info.value.reason == "bad-date"


def test_dates_error_lists_accepted_forms() -> None:
    """The error message quotes the bad value and lists the accepted forms, so the user can fix it."""
    with pytest.raises(BadDateError) as info:
        normalise_date("17.04.2008")
    message = str(info.value)
    assert "'17.04.2008'" in message
    assert ACCEPTED_FORMS in message
    assert "YYYY-MM-DD" in ACCEPTED_FORMS and "April 17, 2008" in ACCEPTED_FORMS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("121108", "2012-11-08"),  # a PETRARCH JSONL batch's date
        (121108, "2012-11-08"),
        ("491231", "2049-12-31"),  # 00-49: 20xx
        ("500101", "1950-01-01"),  # 50-99: 19xx
        ("950320", "1995-03-20"),
        ("170408", "2017-04-08"),  # always YYMMDD, never DDMMYY (17 April 2008)
        (10203, "2001-02-03"),
    ],
)
def test_dates_six_digits_are_yymmdd_with_a_fixed_pivot(value: object, expected: str) -> None:
    """Six digits are YYMMDD, read one documented way: 00-49 are 20xx, 50-99 are 19xx."""
    assert normalise_date(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["991332", "120230", "12110", "1211080", 0, 1_000_000, "08/04/17", "2008/4/17"])
def test_dates_six_digit_and_slashed_impossible_forms_are_refused(value: object) -> None:
    """A YYMMDD that is no calendar day, other digit counts and day-first slashes stay refused."""
    with pytest.raises(BadDateError):
        normalise_date(value)  # type: ignore[arg-type]
