"""Wire-story recall constructions (issue 17): places attacked, cargo delivered, craft origins,
evidence-backed accusations, meetings as nouns, refused and forced deeds, vowed war, "the West".

Each test codes short sentences written for it with the real model and the production
dictionaries, and asserts the event the construction gives and a near miss it must not give.
"""

from __future__ import annotations

import pytest
from conftest import coded_with_rules, dyads

from eventwire.coding.coder import Coder

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def coded(coder: Coder, text: str, date: str = "2011-06-15") -> list[tuple[str, str | None, str, str]]:
    return coded_with_rules(coder, text, date)


def test_an_attack_on_a_foreign_town_targets_its_country(coder):
    events = coded(coder, "Fighting spread across northern Iraq. On Monday, Turkish warplanes bombed the outskirts of Zakho.")
    assert ("TUR", "IRQ", "19") in dyads(events)
    assert any("builtin:attacked-place" in r for *_, r in events)
    # an army striking a town of its own country names no other side
    own = coded(coder, "On Monday, Syrian jets bombed the centre of Aleppo.", date="2012-08-01")
    assert not any(t and t.startswith("SYR") for _, t, _, _ in own)


def test_a_town_a_settlement_noun_introduces_is_a_place_whatever_its_label(coder):
    events = coded(coder, "French jets struck rebel depots around the northern city of Timbuktu.",
                   date="2013-01-20")
    assert ("FRA", "MLI", "19") in dyads(events)


def test_aid_a_landing_craft_carries_goes_where_it_lands(coder):
    events = coded(coder, "Floods have hit Pakistan. A German plane carrying medical supplies landed in Islamabad on Tuesday.",
                   date="2010-08-20")
    assert ("DEU", "PAK", "07") in dyads(events)
    assert any("builtin:carried-to" in r for *_, r in events)
    # a plane that only flies over carries nothing to anyone
    over = coded(coder, "Floods have hit Pakistan. A German plane carrying medical supplies flew over the Alps on Tuesday.", date="2010-08-20")
    assert not any(c.startswith("07") for *_, c, _ in over)


def test_a_craft_from_a_country_acts_for_it(coder):
    events = coded(coder, "Jets flying from Britain struck an air defence site near Tripoli.", date="2011-03-22")
    assert ("GBR", "LBY", "19") in dyads(events)
    # jets from nowhere named act for no one
    bare = coded(coder, "Jets struck an air defence site near Tripoli.", date="2011-03-22")
    assert not any(s.startswith("GBR") for s, *_ in bare)


def test_evidence_shown_is_the_speakers_accusation_and_the_deed_is_alleged(coder):
    text = "Kenya's police chief said documents found at the farm showed the Ugandan army had armed the rebels."
    events = coded(coder, text, date="2009-05-10")
    assert ("KEN", "UGA", "11") in dyads(events)
    assert not any(c.startswith("07") for *_, c, _ in events)  # the arming is alleged, not coded
    # evidence that an actor did something cooperative is no accusation
    fine = coded(coder, "The agency said tests showed that Iran had complied with the treaty.", date="2009-05-10")
    assert not any(c.startswith("11") for *_, c, _ in fine)


def test_talks_held_in_a_seat_of_government_are_a_meeting_with_that_government(coder):
    events = coded(coder, "Merkel won support for the plan at talks in the Kremlin on Friday.", date="2014-08-16")
    assert ("DEU", "RUS", "04") in dyads(events) and ("RUS", "DEU", "04") in dyads(events)
    assert any("builtin:nominal-meeting" in r for *_, r in events)
    # talks in a city name no one met; talks only planned are no meeting held
    city = coded(coder, "Merkel won support for the plan at talks in Geneva on Friday.", date="2014-08-16")
    assert not any(c.startswith("04") for *_, c, _ in city)


def test_a_visit_written_as_a_noun_is_the_subjects_visit(coder):
    events = coded(coder, "During a visit to Ankara on Friday, Merkel urged Turkey to respect press freedom.",
                   date="2014-08-16")
    assert ("DEU", "TUR", "04") in dyads(events)
    # someone else's visit is not the subject's
    other = coded(coder, "Merkel criticised Russia during Obama's visit to Berlin.", date="2014-08-16")
    assert not any(c.startswith("04") for *_, c, _ in other)


def test_a_refused_handover_is_a_refusal_not_a_handover(coder):
    events = coded(coder, "Kenya refused to hand over the two suspects to Uganda.", date="2009-05-10")
    assert ("KEN", "UGA", "12") in dyads(events)
    assert not any(c.startswith("06") for *_, c, _ in events)
    # refusing a conflictual deed refuses no cooperation
    attack = coded(coder, "Kenya refused to attack Uganda.", date="2009-05-10")
    assert not any(c.startswith("12") for *_, c, _ in attack)


def test_one_forced_to_resign_yields_to_those_who_forced_it(coder):
    events = coded(coder, "Egyptian soldiers arrested President Hosni Mubarak and forced him to resign.",
                   date="2011-02-12")
    assert any(s.startswith("EGY") and t and t.startswith("EGYMIL") and c == "0831" for s, t, c, _ in events)
    # no forcing: a resignation is the government's own, and not to the soldiers
    plain = coded(coder, "Egyptian soldiers arrested protesters and President Hosni Mubarak resigned.",
                  date="2011-02-12")
    assert not any(t and t.startswith("EGYMIL") and c.startswith("08") for _, t, c, _ in plain)


def test_vowed_war_is_a_threat_of_force_and_the_west_is_wst(coder):
    events = coded(coder, "Gaddafi vowed a long war against the West.", date="2011-03-20")
    assert ("LBY", "WST", "13") in dyads(events)
    jets = coded(coder, "Western warplanes bombed Libyan tanks near Benghazi on Sunday.", date="2011-03-20")
    assert ("WST", "LBY", "19") in dyads(jets)
    # "the west of the country" is a region of it, no actor
    region = coded(coder, "Gaddafi vowed a long war in the west of the country.", date="2011-03-20")
    assert not any(t == "WST" for _, t, _, _ in region)


def test_a_person_named_before_fills_a_pattern_slot(coder):
    """"invited Kim to visit" after "Kim Jong Il" is an invitation (026, `- * + TO VISIT`), not a meeting."""
    text = ("South Korean President Roh Moo-hyun met North Korean leader Kim Jong Il on Tuesday. "
            "Roh said he had invited Kim to visit Seoul.")
    events = coded(coder, text, date="2007-10-04")
    later = [e for e in events if e[2] == "026"]
    assert later and later[0][0].startswith("KOR") and later[0][1].startswith("PRK")
    # the invitation is no meeting of its own: the only meetings are the first sentence's
    first = coded(coder, text.split(". ")[0] + ".", date="2007-10-04")
    assert sum(c.startswith("04") for *_, c, _ in events) == sum(c.startswith("04") for *_, c, _ in first)


def test_a_visitor_greeted_at_the_airport_is_hosted(coder):
    events = coded(coder, "Japanese Prime Minister Naoto Kan greeted Chinese Premier Wen Jiabao at the airport.",
                   date="2011-05-21")
    assert ("JPN", "CHN", "04") in dyads(events)
    # welcoming a decision is praise, not hosting
    praise = coded(coder, "Japanese Prime Minister Naoto Kan welcomed China's decision.", date="2011-05-21")
    assert not any(c.startswith("04") for *_, c, _ in praise)


def test_refusing_to_lift_ones_own_ban_stands_one_sided(coder):
    events = coded(coder, "Al-Shabaab refuses to lift its ban on music.", date="2010-10-01")
    assert any(c == "1241" and t is None for _, t, c, _ in events)


def test_a_suicide_bombing_hits_the_people_it_killed(coder):
    events = coded(coder, "Two bombers blew themselves up at a crowded market, killing 30 Iraqis.", date="2007-04-18")
    assert any(c == "1831" and t and t.startswith("IRQ") for _, t, c, _ in events)
    assert any("builtin:victims" in r for *_, r in events)
    # a bomber who killed no one named hit no one
    nobody = coded(coder, "A bomber blew himself up at a checkpoint.", date="2007-04-18")
    assert not any(t and c.startswith("18") for _, t, c, _ in nobody)


def test_members_of_a_clan_abduct_as_the_clan(coder):
    text = "Clashes shook Lebanon. Members of a powerful clan abducted 20 Syrians in Beirut on Monday."
    events = coded(coder, text, date="2012-08-22")
    assert ("LBN", "SYR", "18") in dyads(events)
    # a member of nothing coded is no one
    bare = coded(coder, "Clashes shook Lebanon. Members abducted 20 Syrians in Beirut on Monday.", date="2012-08-22")
    assert not any(c.startswith("18") for *_, c, _ in bare)


def test_the_head_of_a_countrys_bureau_is_of_that_country_and_the_list_keeps_its_named_member(coder):
    text = ("Lebanese police arrested former minister Michel Samaha on Thursday. "
            "A Lebanese military prosecutor charged Samaha and General Ali Mamlouk, the head of Syria's "
            "national security bureau, on Saturday.")
    events = coded(coder, text, date="2012-08-22")
    charged = {t[:3] for _, t, c, _ in events if c.startswith("17") and t}
    assert "SYR" in charged and "LBN" in charged
    # an ally of a country is not of it
    ally = coded(coder, "Lebanese police arrested Ali Mamlouk, an ally of Damascus, on Monday.", date="2012-08-22")
    assert not any(t and t.startswith("SYR") for _, t, _, _ in ally)


def test_a_weapon_fired_at_a_side_targets_that_side(coder):
    events = coded(coder, "British warships fired cruise missiles at Libyan air defences on Saturday.", date="2011-03-20")
    assert ("GBR", "LBY", "19") in dyads(events)
    assert not any(t == "---MIL" for _, t, _, _ in events)  # the missiles are no target
    # troops sent "at" a request are sent to no one there
    sent = coded(coder, "Britain sent troops at the request of the United Nations.", date="2011-03-20")
    assert not any(t and t.startswith("IGO") and c.startswith("19") for _, t, c, _ in sent)


def test_no_talks_with_someone_is_a_refusal_to_negotiate(coder):
    events = coded(coder, "Hamas said there would be no talks with Israel.", date="2011-03-20")
    assert ("PSE", "ISR", "12") in dyads(events)
    # talks that there will be are no refusal
    talks = coded(coder, "Hamas said there would be talks with Israel.", date="2011-03-20")
    assert not any(c.startswith("12") for *_, c, _ in talks)
