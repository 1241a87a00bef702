"""The right PLOVER type on sentences never tuned on (session 9, the odd half of PLOVER's CAMEO-manual
records as a development set): verb senses that decide the type, and the CAMEO->PLOVER choices.
Every sentence is written for its test, each with a near miss the rule must not code that way."""

from __future__ import annotations

import pytest
from conftest import coded

from eventwire import cameo
from eventwire.coding.coder import Coder
from eventwire.records import Story


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def plover(coder: Coder, text: str) -> list[str]:
    events = coder.code_story(Story(id="t", text=text, date="2010-03-02")).events
    return sorted({e.plover.event for e in events if e.plover is not None})


def test_cameo_demand_code_parallels_the_appeal() -> None:
    """An appeal code's demand counterpart has the same subdivision; a non-appeal has none."""
    assert cameo.demand_code("022") == "102"
    assert cameo.demand_code("0241") == "1041"
    assert cameo.demand_code("020") == "100"
    assert cameo.demand_code("0253") == "1053"
    assert cameo.demand_code("110") is None


@pytest.mark.model
def test_a_stated_intent_to_yield_is_agree(coder: Coder) -> None:
    """035x (agreed to a ceasefire, will ease sanctions) is PLOVER's AGREE, as the map and the
    hand-coded records have it; the ceasefire declared is still RETREAT."""
    assert plover(coder, "Chile and Peru agreed to a ceasefire after a week of fighting.") == ["AGREE"]
    assert plover(coder, "Chile and Peru declared a ceasefire after a week of fighting.") == ["RETREAT"]


@pytest.mark.model
def test_up_to_a_number_is_no_particle(coder: Coder) -> None:
    """"contribute up to 4,000 troops" counts the troops: no GIVE UP (080, yield); "gave up their
    weapons" still yields."""
    codes = [e[2] for e in coded(coder, "Italy will contribute up to 2,000 troops to the force in Lebanon.")]
    assert codes and not any(c.startswith(("080", "035")) for c in codes)
    assert ("---REB", "---MIL", "0874") in coded(coder, "The rebels gave up their weapons to the army.")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected", "near_miss", "near_code"),
    [
        # a demand verb on URGE's appeal pattern ("- * SUPPORT [022] # URGE") is the demand
        ("Egypt demanded support from Sudan.", ("EGY", "SDN", "102"), "Egypt urged Sudan to give its support.", "022"),
        # pressing someone to act asks it of them; pressure alone is coercion
        ("Iran pressured the Kurdish rebels to end their attacks.", ("IRN", "---REB", "1056"),
         "The Syrian army pressured the rebels in Aleppo.", "170"),
    ],
)
def test_demands_and_pressure_to_act(
    coder: Coder, text: str, expected: tuple[str, str, str], near_miss: str, near_code: str
) -> None:
    assert expected in coded(coder, text)
    assert near_code in [e[2] for e in coded(coder, near_miss)]


@pytest.mark.model
def test_pressure_to_resign_is_no_resignation(coder: Coder) -> None:
    """"pressured the minister to resign" asks for a resignation (1041); the minister has not
    resigned, unlike "forced him to resign"."""
    pressed = coded(coder, "Protesters pressured the Peruvian interior minister to resign.")
    assert any(e[2] == "1041" for e in pressed) and not any(e[2].startswith("083") for e in pressed)
    assert any(e[2] == "0831" for e in coded(coder, "Protesters forced the Peruvian interior minister to resign."))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "near_miss"),
    [
        ("Students in Tehran protested the execution of the activist.",
         "Germany protested the execution of the activist."),
        ("Hundreds of workers protested the arrest of their union leader in Dhaka.",
         "France protested the arrest of its citizens by Iran."),
    ],
)
def test_a_crowd_protesting_demonstrates(coder: Coder, text: str, near_miss: str) -> None:
    """A crowd's protest is a demonstration (141, PROTEST); a government's protest stays verbal."""
    assert "141" in [e[2] for e in coded(coder, text)]
    assert "141" not in [e[2] for e in coded(coder, near_miss)]


@pytest.mark.model
def test_reaching_a_consensus_is_reciprocal(coder: Coder) -> None:
    """"X and Y reached a consensus/compromise": each agreed with the other; "X and Y reached the
    border" is no joint act."""
    assert coded(coder, "Chile and Peru reached a compromise on the border.") == [("CHL", "PER", "037"), ("PER", "CHL", "037")]
    assert not coded(coder, "Chile and Peru reached the border.")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected", "near_miss"),
    [
        ("Chile and Peru upgraded their diplomatic ties.", ("CHL", "PER", "050"),
         "Chile and Peru upgraded their computer systems."),
        ("The Israeli army tightened the siege of Gaza.", ("ISRMIL", "PSEGZA", "191"),
         "The Israeli army tightened its belt in Gaza."),
        ("The World Food Programme reduced food supplies to the refugees in Chad.", ("IGOUNOWFP", "TCDREF", "1623"),
         "The World Food Programme reduced its staff in Chad."),
    ],
)
def test_upgraded_ties_tightened_sieges_reduced_supplies(
    coder: Coder, text: str, expected: tuple[str, str, str], near_miss: str
) -> None:
    assert expected in coded(coder, text)
    assert not [e for e in coded(coder, near_miss) if e[2] == expected[2]]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected", "near_miss"),
    [
        # arms sent to an actor are military aid; to a place they are a force posture (154)
        ("The United States sent arms to Pakistan.", ("USA", "PAK", "072"), "India sent arms to the front."),
        # inspectors dispatched investigate; troops dispatched do not
        ("The IAEA dispatched inspectors to a nuclear plant in Iran.", ("IGOUNOIAE", "IRN", "090"),
         "The IAEA dispatched a letter to Iran."),
        # a policy defended in words is verbal support (052); a city defended is not
        ("The Brazilian president defended Brazil's environmental policies.", ("BRAGOV", "BRA", "052"),
         "Ukrainian troops defended the city of Kharkiv against Russia."),
        # police preventing a demonstration restrict it (1721); an opposition postponing its rally eases dissent (082)
        ("Turkish police prevented the demonstration by students in Ankara.", ("TURCOP", "TUREDU", "1721"),
         "The Turkish opposition postponed the demonstration in Ankara."),
    ],
)
def test_arms_sent_inspectors_dispatched_policies_defended_protests_prevented(
    coder: Coder, text: str, expected: tuple[str, str, str], near_miss: str
) -> None:
    assert expected in coded(coder, text)
    assert not [e for e in coded(coder, near_miss) if e[2] == expected[2]]


@pytest.mark.model
def test_a_postponed_rally_eases_dissent(coder: Coder) -> None:
    """"postponed the rally": CAMEO.2.0's PREVENT line ("- * RALLY [1721]") is not POSTPONE's sense."""
    assert [e[2] for e in coded(coder, "The Ukrainian opposition postponed the rally in Kiev.")] == ["082"]


@pytest.mark.model
def test_a_thing_said_is_not_given(coder: Coder) -> None:
    """"issued a reminder", "gave a speech": GRANT's bare code (060, 070) does not fit a thing said;
    "gave 5 million dollars" still matches its pattern."""
    assert not coded(coder, "The Kenyan president gave a speech to the parliament in Nairobi.")
    assert not coded(coder, "The French president issued a stern reminder to Iraq.")
    assert ("JPN", "HTI", "071") in coded(coder, "Japan gave 5 million dollars to Haiti.")


@pytest.mark.model
def test_a_nouns_content_clause_is_no_part_of_the_verbs_pattern(coder: Coder) -> None:
    """"issued a reminder to Iraq that it must cooperate with inspectors probing sites for weapons":
    GRANT's "- * (WITH &WEAPON)" does not reach into the clause on "reminder"."""
    events = coded(coder, "The French president issued a reminder to Iraq that it must cooperate with UN inspectors "
                          "searching sites for weapons.")
    assert not [e for e in events if e[2] == "072"]


@pytest.mark.model
def test_an_active_verb_after_a_passive_shares_its_subject(coder: Coder) -> None:
    """"X was criticized by Y and resigned": X resigned, not the by-agent Y."""
    events = coded(coder, "The Peruvian minister was criticized by the Chilean government and resigned.")
    assert ("CHLGOV", "PERGOV", "111") in events
    assert [e for e in events if e[2] == "0831"] and all(e[0] == "PERGOV" for e in events if e[2] == "0831")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected", "near_miss"),
    [
        ("Serbia eased emergency measures in Montenegro.", ("SRB", "MNE", "0814"),
         "Serbia announced emergency measures in Montenegro."),
        ("Israel eased the blockade of Gaza.", ("ISR", "PSEGZA", "0872"), "Israel enforced the blockade of Gaza."),
    ],
)
def test_easing_measures_and_blockades(coder: Coder, text: str, expected: tuple[str, str, str], near_miss: str) -> None:
    assert expected in coded(coder, text)
    assert not [e for e in coded(coder, near_miss) if e[2] == expected[2]]


@pytest.mark.model
def test_renewed_talks_resume_them(coder: Coder) -> None:
    """RENEW is RESUME: "renewed negotiations" (046 both ways); "renewed the mandate" codes nothing."""
    assert ("CHL", "PER", "046") in coded(coder, "Chile and Peru renewed negotiations on the border.")
    assert not coded(coder, "The Chilean senate renewed the mandate of the commission.")


@pytest.mark.model
def test_demobilizing_forces(coder: Coder) -> None:
    """DEMOBILIZE is CAMEO's 0873 (RETREAT), which CAMEO.2.0 lacked."""
    assert ("COLREB", "---UAF", "0873") in coded(coder, "The Colombian rebels demobilized 2,000 fighters last year.")
    assert not [e for e in coded(coder, "The Colombian rebels mobilized 2,000 fighters last year.") if e[2] == "0873"]


@pytest.mark.model
def test_a_stated_readiness_to_restrict_is_the_sentences_threat(coder: Coder) -> None:
    """"announced that it is prepared to impose martial law": a stated intent (132, aimed at the
    government's own country as martial law is) like "will impose"; "as the army was ready to
    impose" is a background clause and codes nothing."""
    events = coded(coder, "The Thai government announced that it is prepared to impose martial law.")
    assert ("THAGOV", "THA", "132") in events
    assert not coded(coder, "As the Thai army was ready to impose martial law, thousands fled.")


@pytest.mark.model
def test_considering_sending_aid_is_an_option_not_a_threat(coder: Coder) -> None:
    """"is considering sending aid" matched WEIGH's "- * AID [1311]" (threaten to cut aid): the
    option weighed is cooperation, so 014; "considering imposing sanctions" stays a threat (13x)."""
    assert ("RUSGOV", "IRQGOV", "014") in coded(coder, "The Russian government is considering sending aid to the Iraqi government.")
    assert any(e[2].startswith("13") for e in coded(coder, "The United States is considering imposing sanctions on Iran."))


@pytest.mark.model
def test_a_strike_of_some_days_called_off_eases_dissent(coder: Coder) -> None:
    """"called off a four-day strike" is a labour strike ended (082); "called off an air strike" 087."""
    assert "082" in [e[2] for e in coded(coder, "Nigerian teachers called off a four-day strike.")]
    assert "087" in [e[2] for e in coded(coder, "The Israeli army called off an air strike on Gaza.")]
    # the strike must be the object: stopping work in a two-day strike is striking (143)
    assert "082" not in [e[2] for e in coded(coder, "Nigerian workers stopped work in a two-day strike.")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serbia is violating the ceasefire, Croatia protested on Monday.", ("HRV", "SRB", "110")),
        ("Pakistan protested the shooting of its soldiers by India.", ("PAK", "---MIL", "110")),
    ],
)
def test_a_protest_in_words_is_disapproval(coder: Coder, text: str, expected: tuple[str, str, str]) -> None:
    """A protest with a clause of what was said, or made by a state, is disapproval (110, ACCUSE);
    people protesting in the street keep the demonstration (140)."""
    assert expected in coded(coder, text)
    assert ("PAK", "IND", "140") in coded(coder, "Thousands of Pakistanis protested in Lahore against India.")


@pytest.mark.model
def test_refugees_accepted_are_granted_asylum(coder: Coder) -> None:
    """"accepted 1,000 Syrian refugees" admits them (075, AID), not CAMEO.2.0's intent (0333);
    "will accept" stays an intent (03x) and "accepted the plan" is no asylum."""
    assert ("DEU", "SYRREF", "075") in coded(coder, "Germany accepted 1,000 Syrian refugees in May.")
    assert ("DEU", "SYRREF", "0333") in coded(coder, "Germany will accept 1,000 Syrian refugees.")
    assert not [e for e in coded(coder, "Germany accepted the plan of Syria.") if e[2] == "075"]


@pytest.mark.model
def test_entry_or_access_denied_is_a_rejection(coder: Coder) -> None:
    """Denying entry, access or visas bars someone (120, PLOVER REJECT); denying a report stays 016."""
    assert ("ISR", "IGOUNO", "120") in coded(coder, "Israel denied entry to the UN investigators.")
    assert ("ISR", "IGOUNO", "120") in coded(coder, "Israel refused visas to the UN investigators.")
    assert "120" not in [e[2] for e in coded(coder, "Israel denied the report.")]
