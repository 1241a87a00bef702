"""Precision rules of issue 12, each on a sentence written for its test (the model parses it, the
shipped dictionaries code it)."""

from __future__ import annotations

import pytest
from conftest import coded as coded_on

from eventwire.coding.coder import Coder
from eventwire.coding.trace import CodingTrace
from eventwire.records import Story


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def coded(coder: Coder, text: str) -> list[tuple[str, str | None, str]]:
    return coded_on(coder, text, date="2008-03-07")


@pytest.mark.model
def test_a_pledge_that_his_government_would_act_is_an_intent_and_its_purpose_no_deed(coder: Coder) -> None:
    """"pledged that his government would help Uganda arrest ...": the speaker's own government's
    future is a stated intent (033), and the arrest it would help with has not happened."""
    text = "Kenyan President Mwai Kibaki pledged on Friday that his government would help Uganda arrest the rebel leaders."
    got = coded(coder, text)
    assert ("KENGOV", "UGA", "033") in got
    assert not [c for c in got if c[2].startswith("17")]


@pytest.mark.model
def test_a_summoned_envoy_in_the_passive_is_an_official_complaint(coder: Coder) -> None:
    """The passive subject is the verb's logical object: "the ambassador was summoned" matches the
    summon-an-envoy pattern (114), not the bare verb's meeting code."""
    got = coded(coder, "The Kenyan ambassador was summoned to the Ugandan foreign ministry on Monday.")
    assert got == [("UGAGOV", "KENGOV", "114")]


@pytest.mark.model
def test_an_invitation_to_visit_and_a_meeting_at_a_place(coder: Coder) -> None:
    """"invited X to visit" is an appeal to meet (026), not a meeting; "met X at the border" is a
    meeting held (040), not an intent to meet (CAMEO.2.0's 036)."""
    assert coded(coder, "Kenyan President Mwai Kibaki invited Ugandan President Yoweri Museveni to visit Nairobi.") == [
        ("KENGOV", "UGAGOV", "026")
    ]
    got = coded(coder, "Kenyan President Mwai Kibaki met Ugandan farmers at the border on Monday.")
    assert ("KENGOV", "UGAAGR", "040") in got


@pytest.mark.model
def test_reporters_are_the_audience_of_a_statement_not_its_target(coder: Coder) -> None:
    text = "Kenyan President Mwai Kibaki told reporters on Monday that the talks had gone well."
    trace = CodingTrace()
    events = coder.code_story(Story(id="t", text=text, date="2008-03-07"), trace=trace).events
    assert not [e for e in events if e.target is not None and e.target.code.endswith("MED")]
    assert any(c.detail == "the press is the audience" for s in trace.sentences for c in s.candidates)


def placed(coder: Coder, text: str, date: str = "2010-03-02") -> list[tuple[str, str, str | None, str | None]]:
    events = coder.code_story(Story(id="t", text=text, date=date)).events
    return [(e.source.code, e.code, e.place.name if e.place else None, e.place.source if e.place else None) for e in events]


@pytest.mark.model
def test_an_indirect_question_names_no_counterpart(coder: Coder) -> None:
    """"sought to determine how many soldiers had crossed": the soldiers are asked about, not sought."""
    for text in ("Chilean officials sought to determine how many Peruvian soldiers had crossed the border.",
                 "Chilean officials sought to determine whether Peruvian soldiers had crossed the border."):
        assert coded(coder, text) == []


@pytest.mark.model
def test_a_place_name_is_written_without_its_article(coder: Coder) -> None:
    got = placed(coder, "Chilean and Peruvian navies clashed in the Yellow Sea on Monday.")
    assert got and all(p[2] == "Yellow Sea" for p in got)


@pytest.mark.model
def test_verbal_cooperation_reported_by_a_speaker_is_placed_where_he_spoke(coder: Coder) -> None:
    text = "A Chinese Foreign Ministry spokesman said in Beijing on Thursday that China welcomed the agreement between Peru and Chile."
    got = placed(coder, text)
    assert got and all(p[1].startswith("05") and p[2] == "Beijing" for p in got)


@pytest.mark.model
def test_a_site_named_again_places_the_acts_that_elaborate_the_clause(coder: Coder) -> None:
    """"cleared the square ..., detaining dozens": the square the story placed in Ankara."""
    text = ("Thousands of students occupied Ankara's Kizilay Square on Friday.\n\n"
            "Turkish police cleared the square on Saturday, firing tear gas and detaining dozens of students.")
    got = [p for p in placed(coder, text) if p[1].startswith("17")]
    assert got and all(p[2] == "Ankara" and p[3] == "story" for p in got)


@pytest.mark.model
def test_the_place_of_a_charged_act_is_not_the_arrests(coder: Coder) -> None:
    got = placed(coder, "Kenyan police arrested two Somali men on Friday on suspicion of plotting attacks in northern Uganda.")
    assert got and all(p[2] is None for p in got)


@pytest.mark.model
def test_a_pronoun_goes_on_where_the_sentence_before_placed_the_person(coder: Coder) -> None:
    text = ("Kenyan opposition leader Raila Odinga, speaking to supporters in Mombasa on Monday, accused President "
            "Mwai Kibaki of fraud.\n\nHe threatened to lead his supporters into the streets unless Kibaki resigned.")
    threat = [p for p in placed(coder, text, "2008-01-07") if p[1].startswith("13")]
    assert threat == [("KENELI", threat[0][1], "Mombasa", "story")]


@pytest.mark.model
def test_listed_actors_each_take_the_listed_place_in_their_own_country(coder: Coder) -> None:
    text = "The foreign ministers of Chile and Peru said they had summoned Bolivia's ambassadors in Santiago and Lima on Monday."
    got = {(p[0], p[2]) for p in placed(coder, text)}
    assert got == {("CHLGOV", "Santiago"), ("PERGOV", "Lima")}


@pytest.mark.model
def test_a_state_broadcaster_belongs_to_its_country(coder: Coder) -> None:
    """The BBC is British media (eventwire.additions.actors.txt), not country-less MED."""
    got = coded(coder, "On Sunday, Iranian authorities ordered the BBC's correspondent to leave the country.")
    assert got and all(t == "GBRMED" for _, t, _ in got)


@pytest.mark.model
def test_a_reported_pronoun_is_its_subject_as_the_story_codes_it(coder: Coder) -> None:
    """"In Homs, rebel fighters said they had ...": "they" are the Syrian rebels the sentence's
    place makes them, not country-less rebels."""
    events = coder.code_story(Story(id="t", text="In Homs, rebel fighters said on Monday that they had attacked "
                                                  "government troops near the city.", date="2012-03-05")).events
    sources = [e.source for e in events if "context:reported-subject" in (e.source.rule or "")]
    assert sources and all(s.code.startswith("SYRREB") for s in sources)


@pytest.mark.model
def test_arresting_a_minister_is_an_arrest_seizing_one_an_abduction(coder: Coder) -> None:
    got = coded(coder, "Soldiers arrested the Malian prime minister on Monday. Gunmen seized the Malian prime minister on Monday.")
    assert sorted(c[2] for c in got if c[1] == "MLIGOV") == ["173", "181"]


@pytest.mark.model
def test_a_journalist_spoken_about_is_a_counterpart_not_an_audience(coder: Coder) -> None:
    """Only the press spoken to is an audience: "concern about the fate of a journalist" targets him."""
    got = coded(coder, "Saudi Arabia's ambassador expressed concern on Friday about the fate of a journalist.")
    assert got and all(t is not None and t.endswith("MED") for _, t, _ in got)


@pytest.mark.model
def test_a_home_city_is_no_counterpart_but_a_country_or_an_attacks_place_is(coder: Coder) -> None:
    """"protested ... in the city of Lahore" does not target Pakistan; a country named ("in Colombia")
    and the place of an attack the verb speaks of ("the attack, which killed dozens in Kabul") do."""
    assert not [c for c in coded(coder, "Pakistani lawyers protested against emergency rule in the eastern city of Lahore.")
                if c[1] == "PAK"]
    assert [c for c in coded(coder, "In Colombia, the ELN declared a monthlong ceasefire on Friday.") if c[1] == "COL"]
    text = "The Taliban claimed responsibility for the attack, which killed and injured dozens of people in Kabul."
    assert [c for c in coded(coder, text) if c[1] == "AFG"]
