"""Real-model checks of three general readings, on sentences written for these tests: a body of
water's name is no country, a meeting's venue is no party, and news's weapons words supply arms."""

from __future__ import annotations

import pytest
from conftest import coded

from eventwire.records import CodingOptions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def coder():
    from eventwire.coding.coder import Coder

    return Coder()


def test_a_country_word_inside_a_sea_or_gulf_name_is_no_actor(coder):
    assert coded(coder, "Iran seized a tanker in the Gulf of Oman.", "2019-07-20") == [("IRN", "---BUS", "171")]
    assert all(t != "JPN" for _, t, _ in coded(coder, "North Korea fired two missiles into the Sea of Japan."))
    assert all(t != "IND" for _, t, _ in coded(coder, "Pakistan sent warships into the Indian Ocean."))
    # the near miss: the country itself is still the target
    assert ("PRK", "JPN", "190") in coded(coder, "North Korea fired two missiles at Japan.")


def test_a_meeting_or_signing_place_is_not_its_target(coder):
    assert coded(coder, "Kenya signed a security pact in Addis Ababa.", "2023-05-02") == []
    assert coded(coder, "Ethiopia and Eritrea signed a peace agreement in Jeddah on Sunday.", "2018-09-17") == [
        ("ERI", "ETH", "057"), ("ETH", "ERI", "057")]
    petrarch = CodingOptions(venue_targets=True)
    # a place-derived target never acts back
    assert coded(coder, "Kenya signed a security pact in Addis Ababa.", "2023-05-02", petrarch) == [("KEN", "ETH", "057")]


def test_a_known_surname_the_model_tags_as_a_place_is_the_person(coder):
    assert coded(coder, "Lavrov met Blinken in Geneva.", "2023-05-02") == [("RUSGOV", "USAGOV", "040")]


def test_sending_tanks_or_arms_is_military_aid(coder):
    assert coded(coder, "Germany will send Leopard tanks to Ukraine.", "2023-01-25") == [("DEU", "UKR", "0332")]
    assert coded(coder, "Iran sent rocket launchers to the Houthis.", "2016-05-02") == [("IRN", "YEMREB", "072")]
    assert coded(coder, "Russia sent air defence systems to Syria.", "2016-05-02") == [("RUS", "SYR", "072")]
    # the near miss: a letter is a message, not arms
    assert coded(coder, "Germany sent a letter to Ukraine.", "2023-01-25") == [("DEU", "UKR", "040")]
