"""Where an event happened, with what the story says around it (sentences written for these tests)."""

from __future__ import annotations

import functools

import pytest

from eventwire.context.where import Gazetteer
from eventwire.context.where.places import core_place, dateline_fits, dateline_place
from eventwire.ingest.metadata import with_dateline
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
    coded = _coder().code_story(with_dateline(Story(id="t", text=text, date=date)))
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
    coded = _coder().code_story(with_dateline(Story(id="t", text=text, date="2012-08-22")))
    places = [e.place for e in coded.events if e.place is not None and e.place.name == "Tripoli"]
    assert places and all(p.country == "LBN" for p in places)


@pytest.mark.model
def test_a_participle_on_the_subject_and_a_trip_before_a_statement_share_their_clause_place(gaz: Gazetteer):
    """"A plane carrying aid landed in X": the aid's place is X; "flew to X and addressed a rally" is in X
    (the tagger calls Vilnius an ORG: the gazetteer knows it)."""
    from eventwire.context.locative import locative_spans
    from eventwire.nlp import load_nlp

    doc = load_nlp()("A Turkish plane carrying tents and medicine landed in Van on Sunday.")
    carrying = next(t for t in doc if t.text == "carrying")
    spans = locative_spans(carrying, lambda v: list(v.subtree), None, list(doc.ents))
    assert [s.text for s in spans] == ["Van"]
    doc = load_nlp()("The Polish president flew to Vilnius and addressed a rally in support of the government.")
    addressed = next(t for t in doc if t.text == "addressed")
    known = lambda name: gaz.lookup(name) is not None  # noqa: E731
    spans = locative_spans(addressed, lambda v: list(v.subtree), known, list(doc.ents), verbal=True)
    assert [s.text for s in spans] == ["Vilnius"]


@pytest.mark.model
def test_a_statement_to_a_counterpart_abroad_is_placed_where_the_counterpart_is(gaz: Gazetteer):
    """"summoned Chile's ambassador in Lima" is in Lima; "condemned the bombings in Lima" names a topic:
    the counterpart is not inside that phrase, so nothing places the condemnation."""
    from eventwire.context.locative import locative_spans
    from eventwire.nlp import load_nlp

    known = lambda name: gaz.lookup(name) is not None  # noqa: E731
    doc = load_nlp()("Peru summoned Chile's ambassador in Lima over the remarks.")
    verb = next(t for t in doc if t.text == "summoned")
    chile = next(t.i for t in doc if t.text == "Chile")
    spans = locative_spans(verb, lambda v: list(v.subtree), known, list(doc.ents), verbal=True, counterparts=[chile])
    assert [s.text for s in spans] == ["Lima"]
    doc = load_nlp()("Chile condemned the bombings in Lima.")
    verb = next(t for t in doc if t.text == "condemned")
    spans = locative_spans(verb, lambda v: list(v.subtree), known, list(doc.ents), verbal=True, counterparts=[])
    assert spans == []


@pytest.mark.model
def test_where_clauses_and_shots_fired_into_a_place(gaz: Gazetteer):
    """"a camp near the town of Osh, where officials gave them food": Osh; "fired shells into Aleppo": Aleppo."""
    from eventwire.context.locative import locative_spans
    from eventwire.nlp import load_nlp

    doc = load_nlp()("Refugees lived in a camp near the town of Osh, where officials gave them food.")
    verb = next(t for t in doc if t.text == "gave")
    known = lambda name: gaz.lookup(name) is not None  # noqa: E731  (the tagger calls Osh an ORG)
    assert [s.text for s in locative_spans(verb, lambda v: list(v.subtree), known, list(doc.ents))] == ["Osh"]
    doc = load_nlp()("Soldiers fired shells into Aleppo on Monday.")
    verb = next(t for t in doc if t.text == "fired")
    assert [s.text for s in locative_spans(verb, lambda v: list(v.subtree), known, list(doc.ents))] == ["Aleppo"]
