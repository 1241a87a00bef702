"""Events stated by a predicate adjective or participle, or by a light verb and its event noun.
Every sentence is written for its test; the model parses it, the shipped dictionaries code it."""

from __future__ import annotations

import pytest
from conftest import coded

from eventwire.coding.coder import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


# -- stance and feeling participles: the subject holds the stance ------------------------------


@pytest.mark.model
def test_opposed_to_is_the_subjects_objection(coder: Coder) -> None:
    """"is opposed to" parsed as a passive: Israel objects (OPPOSE 110), it is not the one opposed."""
    events = coded(coder, "Israel is opposed to Egyptian mediation between the two sides.")
    assert ("ISR", "EGY", "110") in events
    assert not [e for e in events if e[1] == "ISR"]


@pytest.mark.model
def test_opposed_by_stays_a_real_passive(coder: Coder) -> None:
    """"was opposed by Russia": Russia opposes; the plan's subject is no actor, so no event names it."""
    assert not [e for e in coded(coder, "The Turkish plan was opposed by Russia.") if e[0] == "TUR"]


@pytest.mark.model
def test_feeling_participle_with_by_names_its_cause(coder: Coder) -> None:
    """"Japan was dismayed by North Korea's launch": Japan's comment on North Korea, not the reverse."""
    events = coded(coder, "Japan was dismayed by North Korea's missile launch.")
    assert events and all(e[0] == "JPN" and e[1] == "PRK" for e in events)


@pytest.mark.model
def test_no_actor_subject_codes_nothing(coder: Coder) -> None:
    """A near miss: a stance participle whose subject is no actor has no source."""
    assert coded(coder, "The price of oil is opposed to the trend of the market.") == []


# -- culpability: "guilty of", "responsible for" + a deed ----------------------------------------


@pytest.mark.model
def test_guilty_of_a_deed_makes_the_subject_its_doer(coder: Coder) -> None:
    """"were responsible for killing 30 civilians": the troops killed them (the gerund's doer)."""
    events = coded(coder, "Sudanese troops were responsible for killing 30 civilians in Darfur.")
    assert events and all(e[0] == "SDNMIL" for e in events)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Sudanese troops are not guilty of killing civilians in Darfur.",  # a denied finding
    "Sudanese troops would be responsible for killing civilians if they entered Darfur.",  # hypothetical
    "Sudanese troops are capable of killing civilians in Darfur.",  # no culpability at all
    "The Sudanese defence minister was found guilty of killing civilians in Darfur.",  # a verdict, no copula
])
def test_no_culpability_no_doer(coder: Coder, text: str) -> None:
    assert coded(coder, text) == []


# -- stance adjectives toward someone -------------------------------------------------------------


@pytest.mark.model
def test_stance_adjectives_code_toward_their_phrase(coder: Coder) -> None:
    assert coded(coder, "The Iranian government is critical of Saudi Arabia's role in Yemen.") == [("IRNGOV", "SAU", "111")]
    assert coded(coder, "Japan is supportive of South Korea's proposal.") == [("JPN", "KOR", "051")]
    assert coded(coder, "Egypt is grateful to Saudi Arabia for its support.") == [("EGY", "SAU", "051")]


@pytest.mark.model
def test_attitude_predicate_takes_the_adjectives_phrase_as_target(coder: Coder) -> None:
    """"said it is skeptical of Russia's announcement": the pessimism is about Russia."""
    assert coded(coder, "The United States said it is skeptical of Russia's announcement.") == [("USA", "RUS", "012")]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The situation in Yemen is critical.",  # "critical" alone is "crucial"
    "Japan is not critical of South Korea's proposal.",  # negated
    "Germany is critical of the plan.",  # a criticism of no one named: no one-sided event
])
def test_stance_adjective_near_misses(coder: Coder, text: str) -> None:
    assert coded(coder, text) == []


# -- light verbs with an event noun ----------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("The UN made an appeal to donors for Yemen.", ("IGOUNO", "YEM", "020")),
    ("Iran made a proposal to Iraq on border security.", ("IRN", "IRQ", "022")),
    ("Japan made an apology to South Korea for the remarks.", ("JPN", "KOR", "055")),
    ("The Arab League chief undertook a mediation mission between Syria and Lebanon.", ("IGOMEAARL", "SYR", "045")),
    ("India raised objections to China's dam project.", ("IND", "CHN", "120")),
])
def test_light_verb_event_nouns(coder: Coder, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in coded(coder, text)


@pytest.mark.model
def test_light_verb_without_an_event_noun_codes_nothing(coder: Coder) -> None:
    assert coded(coder, "The Iraqi company made a profit in Jordan.") == []


@pytest.mark.model
def test_talks_a_stance_is_about_are_no_meeting(coder: Coder) -> None:
    """"opposed to mediation in negotiations with Syria": no Israel-Syria meeting is reported."""
    events = coded(coder, "Israel is opposed to Egyptian mediation in peace negotiations with Syria.")
    assert ("ISR", "EGY", "110") in events
    assert not [e for e in events if e[2].startswith("04")]


# -- intent adjectives: a stated intent in the main clause's predicate ----------------------------


@pytest.mark.model
def test_prepared_to_impose_is_a_one_sided_threat(coder: Coder) -> None:
    """"announced that it is prepared to impose martial law": the intent adjective is the main
    clause's predicate, so the stated threat (132) stands, aimed at the government's own country as
    martial law is (`builtin:self-directed`)."""
    text = "The Thai government announced that it is prepared to impose martial law as protests spread in Bangkok."
    assert coded(coder, text) == [("THAGOV", "THA", "132")]


@pytest.mark.model
def test_intent_adjective_in_a_background_clause_stays_dropped(coder: Coder) -> None:
    """A near miss: the same predicate in an "as" clause is background, not the sentence's news."""
    text = "Protests spread in Bangkok as the Thai government was prepared to impose martial law."
    assert not [e for e in coded(coder, text) if e[2] == "132" and e[1] is None]


# -- a subject split by a time phrase --------------------------------------------------------------


@pytest.mark.model
def test_title_and_name_split_by_a_time_phrase_stay_one_subject(coder: Coder) -> None:
    """"US President Barack Obama on Sunday held talks": the parser hangs "on Sunday" on the title
    and the name on it as an apposition with no comma; the subject is still the named president."""
    text = "US President Barack Obama on Sunday held talks with President Uhuru Kenyatta in Nairobi."
    assert ("USAGOV", "KENGOV", "046") in coded(coder, text, date="2010-03-02")


@pytest.mark.model
def test_comma_apposition_is_unchanged(coder: Coder) -> None:
    """A near miss: a real apposition, set off by commas, is read as before (the head's own phrase)."""
    assert coded(coder, "The Kenyan president, Uhuru Kenyatta, met Wang Yi in Nairobi.", date="2019-06-01") == [
        ("KENGOV", "CHNGOV", "040")]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("Putin had talks with Erdogan on Syria.", ("RUSGOV", "TURGOV", "046")),
    ("Putin had a phone conversation with Erdogan on Syria.", ("RUSGOV", "TURGOV", "041")),
    ("China placed sanctions on Taiwanese officials.", ("CHN", "TWNGOV", "163")),
    ("Japan sent a message of condolence to China after the earthquake.", ("JPN", "CHN", "018")),
])
def test_more_light_verbs(coder: Coder, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in coded(coder, text, date="2019-06-01")


@pytest.mark.model
def test_have_without_an_event_noun_codes_nothing(coder: Coder) -> None:
    """A near miss: HAVE has no code of its own; "had the envoy arrested" stays the order rule's."""
    assert coded(coder, "Russia has troops in Syria.") == []
    assert [e[2] for e in coded(coder, "Putin had the envoy arrested.", date="2019-06-01")] == ["173"]


# -- a ceasefire breached: one-sided, like a ceasefire declared ------------------------------------


@pytest.mark.model
def test_ceasefire_violation_stands_one_sided(coder: Coder) -> None:
    """"violated the ceasefire" (196) names no counterpart, as declaring one (087) names none."""
    assert coded(coder, "Azerbaijani forces violated the ceasefire 40 times on Sunday.") == [("AZE", None, "196")]
    text = "The Moro Islamic Liberation Front is guilty of violating the ceasefire agreement."
    assert [e[2] for e in coded(coder, text)] == ["196"]


@pytest.mark.model
def test_ceasefire_violation_in_a_background_clause_is_no_event(coder: Coder) -> None:
    """A near miss: a one-sided act in a subordinate clause is background, not the sentence's news."""
    text = "Talks resumed in Geneva after Azerbaijani forces violated the ceasefire."
    assert not [e for e in coded(coder, text) if e[2] == "196"]


@pytest.mark.model
def test_bracketed_apposition_is_unchanged(coder: Coder) -> None:
    """A near miss: "Islamic State (ISIS)" is a bracketed apposition, not a split name; the code is
    the name's, once."""
    events = coded(coder, "The militant group of Islamic State (ISIS) has killed 40 civilians in Syria.", date="2015-06-01")
    assert [e[0] for e in events] == ["IMGMUSISI"]
