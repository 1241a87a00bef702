"""Plain actor phrases of news sentences (issue 17, actor recognition): nationality words, government
bodies by their short names, bracketed acronyms, "TITLE NAME of COUNTRY", groups of people named by
an agent, relation nouns. Phrases and sentences are written for these tests; the real model parses
them and the shipped dictionaries code them."""

from __future__ import annotations

import pytest
from conftest import coded

from eventwire.coding.actors import Hit, acronym_forms, combine
from eventwire.coding.coder import Coder
from eventwire.coding.explain import explain_actor
from eventwire.dictionaries.model import Word


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def code_of(coder: Coder, phrase: str, day: str | None = "2012-05-01") -> str | None:
    return explain_actor(coder, phrase, day).code


@pytest.mark.parametrize(("phrase", "code"), [
    ("Serb forces", "SRB"),
    ("a Serb", "SRB"),
    ("Bosnian Serb leaders", "BIHSRP"),   # the Serbs' entity, not Serbia
    ("Bosniak leaders", "BIH"),
    ("Swedish troops", "SWEMIL"),
    ("Kazakh officials", "KAZGOV"),
    ("Nepali police", "NPLCOP"),
    ("Chechen rebels", "RUSREB"),
    ("Scottish officials", "GBRGOV"),
    ("the Emiratis", "ARE"),
    ("Igbo elders", "NGA"),            # a people of one home country, as Phoenix codes Tibet China's
    ("Rohingya refugees", "MMRREF"),
])
def test_nationality_words_phoenix_lacks(coder, phrase, code):
    assert code_of(coder, phrase) == code


def test_nationality_words_keep_the_countrys_dates(coder):
    assert code_of(coder, "Slovenian officials", "1990-05-01") == "YUGSVNGOV"
    assert code_of(coder, "Slovenian officials", "2010-05-01") == "SVNGOV"


@pytest.mark.parametrize(("phrase", "code"), [
    ("the State Department", "USAGOV"),
    ("the US State Department", "USAGOV"),
    ("the Justice Department", "USAGOV"),
    ("ICE agents", "USAGOV"),
    ("the Government Accountability Office (GAO)", "USAGOV"),
    ("the Elysée", "FRAGOV"),
    ("Downing Street", "GBRGOV"),
    ("the British Treasury", "GBRGOV"),   # a body many countries have: an agent
    ("the Treasury", "---GOV"),
    ("the Verkhovna Rada", "UKRLEG"),
    ("the IRGC", "IRNMIL"),
    ("the Holy See", "VAT"),
    ("the Organization of Islamic Cooperation", "IGOMOSOIC"),
    ("the G20", "IGO"),
    ("Federal Reserve officials", "USAGOVBUS"),  # the officials' GOV is in the code already
])
def test_government_bodies_by_their_short_names(coder, phrase, code):
    assert code_of(coder, phrase) == code


def test_a_short_name_never_matches_a_common_word(coder):
    """"ice" and "fed" are words; ICE and the Fed are written with capitals."""
    assert code_of(coder, "thin ice") is None
    events = coded(coder, "Iran and Iraq broke the ice with talks in Geneva.")
    assert events and not [e for e in events if "USA" in (e[0], e[1])]
    assert code_of(coder, "the Fed") == "USAGOVBUS"


def test_the_agents_code_is_not_repeated_inside_a_code():
    hit = Hit(0, 1, "agent", "t:1", agent_code="GOV")
    assert combine("USAGOVBUS", [hit]) == "USAGOVBUS"
    assert combine("IRQ", [hit]) == "IRQGOV"
    assert combine("---", [hit]) == "---GOV"


def _w(*texts: str) -> tuple[Word, ...]:
    return tuple(Word(t) for t in texts)


def test_acronym_forms_of_a_bracketed_name():
    assert acronym_forms(_w("LIBERATION", "TIGERS", "OF", "TAMIL", "EELAM", "(", "LTTE", ")")) == [
        _w("LIBERATION", "TIGERS", "OF", "TAMIL", "EELAM"), _w("LTTE")]
    # a bracket that says which one, not an acronym: the name stays as written
    assert acronym_forms(_w("NATIONAL", "LIBERATION", "ARMY", "(", "BOLIVIA", ")")) == []
    assert acronym_forms(_w("KOREA", "(", "SOUTH", ")")) == []
    # a two-letter acronym is too like a word to match alone
    assert acronym_forms(_w("ARYAN", "NATIONS", "(", "AN", ")")) == [_w("ARYAN", "NATIONS")]


@pytest.mark.parametrize(("phrase", "code"), [
    ("the LTTE", "LKAREB"),
    ("the Liberation Tigers of Tamil Eelam", "LKAREB"),
    ("the Moro Islamic Liberation Front (MILF)", "PHLREB"),  # the name runs on past the phrase's words
    ("the National Union for the Total Independence of Angola", "ANGREB"),
    ("The Asia-Pacific Economic Cooperation (APEC) forum", "IGOASABUS"),
])
def test_bracketed_names_and_their_acronyms(coder, phrase, code):
    assert code_of(coder, phrase) == code


def test_an_acronym_derived_from_a_bracket_matches_capitals_only(coder):
    """LET is Lashkar-e-Taiba's acronym (MilNonState), "Let" a verb at the head of a sentence."""
    assert code_of(coder, "the LET") == "SASREB"  # LASHKAR-E-TAIBA_(LET)_, MilNonState.actors.txt
    assert code_of(coder, "Let") is None
    assert not [e for e in coded(coder, "Let Iran and Iraq talk, the minister said.") if "SASREB" in e]


def test_of_country_wins_over_a_one_word_name_of_another_country(coder):
    assert code_of(coder, "King Hassan of Morocco", None) == "MARGOV"
    # no conflict, or a full name: the dictionary person stands
    assert code_of(coder, "King Abdullah of Jordan", None).startswith("JOR")
    assert code_of(coder, "Nuri al-Maliki of Iraq", "2008-04-17") == "IRQGOV"
    assert code_of(coder, "the Taliban of Pakistan", None) == "AFGREB"  # a group, not a person's name


@pytest.mark.parametrize(("phrase", "code"), [
    ("Muslim hackers", "---MUS"),
    ("military hardliners", "---MIL"),
    ("leaders of the opposition coalition", "---OPP"),
    ("the leaders of Iran", "IRN"),
    ("the militant group Hamas", "PSEREBHMS"),  # the apposition names the group
])
def test_a_group_of_people_named_by_an_agent(coder, phrase, code):
    assert code_of(coder, phrase) == code


@pytest.mark.parametrize("phrase", ["the Muslim world", "critics of Iran", "the enemies of Hamas",
                                    "families of military officers"])
def test_no_actor_from_a_modifier_of_a_thing_or_a_relation(coder, phrase):
    assert code_of(coder, phrase) is None


def test_a_sentence_with_a_demonym_source(coder):
    events = coded(coder, "Serb forces shelled the town of Gorazde on Friday.", "2010-03-02")
    assert events and all(s == "SRB" for s, _, _ in events)


@pytest.mark.parametrize(("phrase", "code"), [
    ("the LRA", "CFRREB"),
    ("Hezb-e-Islami", "AFGREB"),
    ("the Kachin Independence Organization (KIO)", "MMRREB"),
])
def test_short_names_of_groups_phoenix_has(coder, phrase, code):
    assert code_of(coder, phrase) == code


def test_a_name_glued_to_held_or_occupied_names_who_holds_a_place(coder):
    assert code_of(coder, "refugees in Serb-held parts of Bosnia").startswith("BIH")
    assert code_of(coder, "the Israeli-occupied Golan Heights") == "SYR"
    assert code_of(coder, "the US-led coalition") == "USA"  # "-led" still names the leader
