"""Where an event happened, with what the story says around it (sentences written for these tests)."""

from __future__ import annotations

import functools

import pytest

from eventwire.context.where import Gazetteer
from eventwire.context.where.places import core_place, dateline_fits, dateline_place
from eventwire.records import Place, Story


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_core_place_drops_a_generic_tail(gaz: Gazetteer) -> None:
    """"Herat province" and "the Mosul airport" are in Herat and Mosul; the name keeps its offsets."""
    found = core_place(gaz, "Herat province", 10)
    assert found is not None and (found.name, found.country, found.start, found.end) == ("Herat", "AFG", 10, 15)
    assert core_place(gaz, "the Mosul airport", 0).name == "Mosul"
    assert core_place(gaz, "Herat", 0) is None  # nothing to drop: the caller's lookup already failed


def test_dateline_place_takes_the_city_and_its_region_country(gaz: Gazetteer) -> None:
    """"TRIPOLI, Lebanon" is Tripoli in Lebanon; a two-place dateline places nothing."""
    found = dateline_place(gaz, "TRIPOLI, Lebanon", 0)
    assert found is not None and (found.name, found.country, found.source) == ("TRIPOLI", "LBN", "dateline")
    assert dateline_place(gaz, "TRIPOLI", 0, ["LBY"]).country == "LBY"
    assert dateline_place(gaz, "CAIRO/GAZA", 0) is None


def test_dateline_fits_only_a_source_of_its_country(gaz: Gazetteer) -> None:
    """A HANOI dateline places what Vietnam did, and what an IGO or a country-less agent did, not what China did."""
    hanoi = Place(name="HANOI", country="VNM")
    assert dateline_fits(hanoi, ["VNMGOV"], gaz)
    assert dateline_fits(hanoi, ["---COP", "IGOUNO"], gaz)
    assert not dateline_fits(hanoi, ["CHNMIL"], gaz)


@functools.cache
def _coder():  # type: ignore[no-untyped-def]
    from eventwire.coding.coder import Coder

    return Coder()


def _places(text: str, date: str = "2010-05-12") -> dict[str, str | None]:
    coded = _coder().code_story(Story(id="t", text=text, date=date))
    return {e.evidence.verb: (e.place.name if e.place else None) for e in coded.events}


@pytest.mark.model
def test_the_dateline_does_not_place_an_event_done_elsewhere_or_by_another_country():
    """A HANOI dateline places Vietnam's protest, not China's shelling reported in the same lead."""
    text = "HANOI (AP) - Chinese troops shelled Vietnamese positions on Tuesday, Vietnam's foreign ministry said."
    assert _places(text).get("shelled") is None
    text = "HANOI (AP) - Vietnam protested to China on Tuesday over the seizure of its fishing boats."
    assert _places(text).get("protested") == "HANOI"


@pytest.mark.model
def test_a_statement_is_placed_where_it_was_made_not_where_its_words_point():
    """"urged ... aid for refugees in Darfur" gives no place; "In Nairobi, ..." and "speaking in X" do."""
    places = _places("The United Nations urged Sudan to allow aid for refugees in Darfur.")
    assert places.get("urged") is None
    places = _places("In Nairobi, Kenya's president condemned Somalia and called on Ethiopia to withdraw its troops.")
    assert places.get("called") == "Nairobi"
    places = _places("Speaking in Addis Ababa on Monday, the Egyptian foreign minister criticised Sudan.")
    assert places.get("criticised") == "Addis Ababa"


@pytest.mark.model
def test_on_a_country_names_a_counterpart_not_a_place():
    """"called on Iran" is an appeal to Iran, made somewhere else."""
    assert _places("France called on Iran to release the detained students.").get("called") is None


@pytest.mark.model
def test_ambiguous_names_follow_the_story_countries():
    """Tripoli in a story about Lebanon is Tripoli, Lebanon, even for an event with no Lebanese actor."""
    text = (
        "Lebanese troops arrested two gunmen in Beirut on Monday.\n\n"
        "Syrian troops shelled a village near Tripoli on Tuesday."
    )
    coded = _coder().code_story(Story(id="t", text=text, date="2012-08-22"))
    places = [e.place for e in coded.events if e.place is not None and e.place.name == "Tripoli"]
    assert places and all(p.country == "LBN" for p in places)
