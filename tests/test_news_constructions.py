"""Events written as nouns that their clause says took place (`constructions.occurring_events`) and
headline lists, on sentences written for these tests, with the real model."""

from __future__ import annotations

import pytest
from conftest import coded

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def coder():
    from eventwire.coding.coder import Coder

    return Coder()


def test_talks_between_two_parties_that_resumed_go_both_ways(coder):
    assert coded(coder, "Talks between Armenia and Azerbaijan resumed in Washington on Monday.", "2023-10-20") == [
        ("ARM", "AZE", "046"), ("AZE", "ARM", "046")]


def test_a_visit_that_began_is_a_visit_and_its_hosting(coder):
    assert coded(coder, "Putin's visit to North Korea began on Wednesday.", "2024-06-20") == [
        ("PRK", "RUSGOV", "043"), ("RUSGOV", "PRK", "042")]


def test_attacks_that_continued_come_from_the_nationality_on_them(coder):
    assert coded(coder, "Israeli airstrikes on Gaza continued overnight.", "2023-10-20") == [("ISR", "PSEGZA", "195")]


def test_an_event_noun_not_said_to_take_place_codes_nothing(coder):
    # future, planned, or only what it caused (an earlier event: its date is not the clause's)
    assert coded(coder, "Talks between Armenia and Azerbaijan will resume next week.", "2023-10-20") == []
    assert coded(coder, "A planned visit by Putin to North Korea began to take shape.", "2024-06-20") == []
    assert ("RUS", "UKR", "192") not in coded(coder, "Russia's invasion of Ukraine drew condemnation from Japan.")


def test_a_headline_comma_lists_subjects(coder):
    """"Japan, Philippines sign defence pact": the comma of a headline stands for "and"."""
    assert coded(coder, "Japan, Philippines sign defence pact", "2024-07-08") == [
        ("JPN", "PHL", "062"), ("PHL", "JPN", "062")]
    # the near miss: a fronted place with a comma is no second subject
    assert ("JPN", "PHL", "062") not in coded(coder, "In Tokyo, Philippines sign defence pact", "2024-07-08")


def test_people_released_are_0841_and_a_misparsed_reduced_relative_keeps_its_subject(coder):
    # "imprisoned" is parsed as the main verb and "were released" as its conjunct, with no "and":
    # the civilians are the ones released, even as a bare agent
    assert coded(coder, "The civilians imprisoned for protesting were released yesterday by Putin himself",
                 "2015-06-09") == [("RUSGOV", "---CVL", "0841")]
    assert coded(coder, "Venezuela released six Americans on Saturday.", "2023-12-20") == [("VEN", "USA", "0841")]
