"""Story context (issue 12): referents in earlier sentences, list subjects, possessives, places.

The unit tests build `StoryContext` records by hand; the end-to-end tests parse short stories
written for these tests with the real model and the production dictionaries.
"""

from __future__ import annotations

import pytest

from eventwire.coding.actors import CodedActor
from eventwire.coding.coder import Coder
from eventwire.coding.references import StoryContext
from eventwire.records import Story


def actor(code: str, text: str = "x", line: str = "t.actors:1", person: bool = False) -> CodedActor:
    return CodedActor(code, 0, 1, 0, len(text), text, (line,), person)


# -- StoryContext, by hand -------------------------------------------------------------------


def test_salient_pair_is_the_two_main_parties():
    ctx = StoryContext()
    for code in ("KORGOV", "PRKGOV", "KOR", "PRK", "CHN"):
        ctx.note_counterpart(actor(code))
    pair = ctx.salient_pair()
    assert pair is not None and {a.code for a in pair} == {"KORGOV", "PRKGOV"}


def test_salient_pair_is_none_when_a_third_party_ties_the_second():
    ctx = StoryContext()
    for code in ("KOR", "KOR", "PRK", "CHN"):
        ctx.note_counterpart(actor(code))
    assert ctx.salient_pair() is None


def test_captor_is_the_latest_detainer_of_the_sentence_or_the_one_before():
    ctx = StoryContext()
    police, men = actor("KENCOP"), actor("KENMED")
    ctx.note_event(3, actor("KEN"), actor("UGA"), "111")
    ctx.note_event(4, police, men, "173")
    assert ctx.captor(5) == (police, men)
    assert ctx.captor(5, {"KENMED"}) == (police, men)
    assert ctx.captor(5, {"UGA"}) is None  # the released are not the ones detained
    assert ctx.captor(6) is None  # two sentences later: no longer the same story beat


def test_captor_of_captives_named_again_as_other_people_of_their_country():
    """"freed four Kenyan lawmakers. The hostages were released": the same country's people,
    named by what they were (KENLEG, then KENCVL), not another country's."""
    ctx = StoryContext()
    rebels, lawmakers = actor("KENREB"), actor("KENLEG")
    ctx.note_event(4, rebels, lawmakers, "080")
    assert ctx.captor(5, {"KENCVL"}) == (rebels, lawmakers)
    assert ctx.captor(5, {"UGACVL"}) is None


def test_she_and_he_do_not_stand_for_the_same_person():
    ctx = StoryContext()
    leader, president = actor("PAKOPP", "Bhutto", "a:1", True), actor("PAKGOV", "Musharraf", "a:2", True)
    ctx.remember(leader, ("Bhutto",), subject=True)
    ctx.remember(president, ("Musharraf",), subject=False)
    assert ctx.person_for("she", subject=True) is leader  # the subject before the later object
    assert ctx.person_for("he", subject=True) is president  # she was Bhutto: he is someone else


def test_every_word_of_a_name_may_stand_for_the_person_but_the_last_wins():
    ctx = StoryContext()
    roh = actor("KORGOV", "Roh Moo-hyun", "a:1", True)
    kim = actor("PRKGOV", "Kim Jong Il", "a:2", True)
    ctx.remember(roh, ("Roh", "Moo-hyun"))
    ctx.remember(kim, ("Kim", "Jong", "Il"))
    ctx.remember(actor("KORGOV", "Kim Dae-jung", "a:3", True), ("Kim", "Dae-jung"))
    assert ctx.surnames["roh"] is roh
    assert ctx.surnames["kim"] is kim  # an earlier word does not take over a name already held


# -- whole stories, real model ---------------------------------------------------------------


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def events_of(coder: Coder, text: str, date: str = "2010-06-15"):
    return coder.code_story(Story(id="t", text=text, date=date)).events


def in_sentence(events, words: str):
    return [e for e in events if words in e.sentence]


def test_the_two_leaders_are_the_story_s_two_parties(coder):
    events = events_of(coder, (
        "Bolivian President Evo Morales flew to Asuncion on Monday and was welcomed by Paraguayan "
        "President Fernando Lugo.\n\nThe two leaders held talks on Tuesday about a gas pipeline."
    ))
    talks = {(e.source.code[:3], e.target.code[:3]) for e in in_sentence(events, "The two leaders") if e.target}
    assert ("BOL", "PRY") in talks and ("PRY", "BOL") in talks
    assert all(e.source.rule and "context:two-parties" in e.source.rule for e in in_sentence(events, "The two leaders"))


def test_a_list_subject_with_no_addressee_gets_no_inferred_counterpart(coder):
    events = events_of(coder, (
        "Russian troops shelled Georgian villages on Monday. Georgia accused Russia of aggression. "
        "Russia denied the charge and accused Georgia of provoking the fighting.\n\n"
        "Norway, Sweden and Finland called for calm."
    ))
    assert in_sentence(events, "called for calm") == []


def test_each_other_s_envoys_pair_each_member_with_the_others(coder):
    events = events_of(coder, "Poland and Belarus expelled each other's diplomats on Friday in a row over a newspaper.")
    pairs = {(e.source.code[:3], e.target.code[:3]) for e in events if e.target}
    assert ("POL", "BLR") in pairs and ("BLR", "POL") in pairs
    assert not any(e.source.code[:3] == e.target.code[:3] for e in events if e.target)


def test_their_own_citizens_are_no_counterpart(coder):
    events = events_of(coder, "Canada and Australia urged their citizens on Sunday to leave Syria immediately.")
    assert not any(e.target is not None and e.target.code.startswith("---") for e in events)


def test_an_agentless_release_is_done_by_whoever_detained(coder):
    events = events_of(coder, (
        "Police raided a newspaper office in Nairobi on Monday and arrested two Kenyan journalists, "
        "but both were released on Tuesday without charge, a police spokesman said."
    ))
    release = [e for e in events if e.code.startswith("08")]
    assert release and release[0].source.code == "KENCOP"
    assert "context:captor" in (release[0].source.rule or "")


def test_he_is_the_person_subject_earlier_in_the_sentence(coder):
    events = events_of(coder, (
        "Venezuelan President Hugo Chavez met Cuban President Raul Castro in Havana on Monday.\n\n"
        "Colombian President Alvaro Uribe said on Tuesday that the region was calm, and he accused "
        "Ecuador of sheltering rebels."
    ))
    accuse = [e for e in in_sentence(events, "he accused") if e.code.startswith("11")]
    assert accuse and {e.source.code[:3] for e in accuse} == {"COL"}


# -- places -----------------------------------------------------------------------------------


def test_a_compass_region_is_kept_as_written(coder):
    events = events_of(coder, "Palestinian militants fired rockets into southern Israel on Monday, Israeli police said.")
    places = {e.place.name for e in events if e.place is not None}
    assert "southern Israel" in places


def test_a_clause_with_its_own_actors_does_not_take_its_neighbour_s_place(coder):
    doc = coder.nlp("Syrian jets bombed rebel positions near Aleppo on Monday, and Syrian tanks rolled towards the border.")
    bombed = next(t.i for t in doc if t.text == "bombed")
    rolled = next(t.i for t in doc if t.text == "rolled")
    assert coder.locate(doc, bombed) is not None and coder.locate(doc, bombed).name == "Aleppo"
    assert coder.locate(doc, rolled) is None


def test_a_site_the_gazetteer_lacks_is_placed_by_its_owner_city():
    """"in Ruritown's Veldt Park": the park is tagged a place but the gazetteer does not know it."""
    from conftest import make_doc

    from eventwire.context.locative import locative_spans

    doc = make_doc([
        ("Police", "police", "NOUN", "NNS", "nsubj", 1),
        ("fired", "fire", "VERB", "VBD", "ROOT", 1),
        ("in", "in", "ADP", "IN", "prep", 1),
        ("Ruritown", "Ruritown", "PROPN", "NNP", "poss", 6),
        ("'s", "'s", "PART", "POS", "case", 3),
        ("Veldt", "Veldt", "PROPN", "NNP", "compound", 6),
        ("Park", "Park", "PROPN", "NNP", "pobj", 2),
        (".", ".", "PUNCT", ".", "punct", 1),
    ], ents=["O", "O", "O", "B-GPE", "O", "B-FAC", "I-FAC", "O"])
    known = {"Ruritown"}.__contains__
    spans = locative_spans(doc[1], lambda v: list(v.subtree), known, list(doc.ents))
    assert [s.text for s in spans][:1] == ["Ruritown"]
    # a site the gazetteer knows stays the place
    spans = locative_spans(doc[1], lambda v: list(v.subtree), {"Ruritown", "Veldt Park"}.__contains__, list(doc.ents))
    assert [s.text for s in spans][:1] == ["Veldt Park"]


def test_a_reported_statement_is_placed_where_its_speaker_spoke(coder):
    events = events_of(coder, (
        "Chinese Foreign Ministry spokesman Qin Gang said in Beijing on Tuesday that China strongly "
        "criticised Japan for the visit."
    ))
    criticism = [e for e in events if e.code.startswith("11")]
    assert criticism and criticism[0].place is not None and criticism[0].place.name == "Beijing"


def test_a_pronoun_subject_continues_the_clause_before_it_and_its_place(coder):
    events = events_of(coder, (
        "Police cleared a square in Cairo on Monday and arrested dozens of Egyptian activists, "
        "but all were released hours later."
    ))
    release = [e for e in events if e.code.startswith("08")]
    assert release and release[0].source.code == "EGYCOP"
    assert release[0].place is not None and release[0].place.name == "Cairo"


def test_a_deed_on_its_own_forces_stays_an_event(coder):
    """Only statements, appeals and demands to "its"/"their" own people lose their addressee."""
    events = events_of(coder, "Uganda withdrew its troops from the border on Monday.")
    assert [(e.source.code, e.code[:2]) for e in events] == [("UGA", "08")]


def test_a_nearer_unnamed_subject_blocks_a_pronoun_from_reaching_back(coder):
    events = events_of(coder, (
        "Israeli Prime Minister Benjamin Netanyahu condemned the court on Monday, a week after its chief "
        "prosecutor announced she would threaten Israel with an inquiry."
    ))
    assert not any(e.code.startswith("13") and e.source.code.startswith("ISR") for e in events)


def test_the_inspectors_are_the_actor_an_earlier_phrase_with_that_head_named(coder):
    events = events_of(coder, (
        "Snipers fired on a convoy of United Nations weapons inspectors near Damascus on Monday.\n\n"
        "Later the inspectors visited two hospitals in the suburb."
    ))
    visit = in_sentence(events, "Later the inspectors")
    assert visit and visit[0].source.code == "IGOUNO"
    assert "context:definite-description" in (visit[0].source.rule or "")


def test_the_people_police_detain_are_in_the_police_s_country(coder):
    events = events_of(coder, "German officials said on Tuesday that Turkish police had detained dozens of people.")
    detain = [e for e in events if e.code.startswith("17")]
    assert detain and detain[0].target is not None and detain[0].target.code == "TURPPL"
    assert "context:source-home" in (detain[0].target.rule or "")


def test_the_city_named_again_is_the_city_the_story_placed(coder):
    events = events_of(coder, (
        "Thousands of protesters gathered in the southern city of Basra on Monday.\n\n"
        "On Tuesday, Iraqi police arrested dozens of people in the city centre."
    ))
    arrest = in_sentence(events, "Iraqi police arrested")
    assert arrest and arrest[0].place is not None
    assert (arrest[0].place.name, arrest[0].place.country, arrest[0].place.source) == ("Basra", "IRQ", "story")


def test_a_pronoun_s_sentence_goes_on_with_the_day_the_sentence_before_named(coder):
    events = events_of(coder, (
        "Venezuelan President Hugo Chavez spoke on state television on Sunday.\n\n"
        "He accused Colombia of preparing an attack."
    ), date="2008-03-04")
    accuse = [e for e in in_sentence(events, "He accused") if e.code.startswith("11")]
    assert accuse and accuse[0].date == "2008-03-02"  # the Sunday before the Tuesday story


def test_the_day_is_not_carried_past_a_sentence_that_names_none(coder):
    events = events_of(coder, (
        "Venezuelan President Hugo Chavez spoke on state television on Sunday.\n\n"
        "Oil prices rose in New York.\n\n"
        "He accused Colombia of preparing an attack."
    ), date="2008-03-04")
    accuse = [e for e in in_sentence(events, "He accused") if e.code.startswith("11")]
    assert accuse and accuse[0].date == "2008-03-04"  # the publication day


# -- telephone calls (verb sense kept small here: the caller calls) ----------------------------


def test_a_telephone_call_goes_from_the_caller(coder):
    events = events_of(coder, "Japanese Prime Minister Naoto Kan telephoned Chinese Premier Wen Jiabao on Monday.")
    calls = {(e.source.code[:3], e.target.code[:3]) for e in events if e.code == "041" and e.target}
    assert calls == {("JPN", "CHN")}


def test_called_in_is_no_telephone_call(coder):
    events = events_of(coder, "Warplanes called in by Canadian troops bombed a Taliban compound in Kandahar on Friday.")
    assert not any(e.code == "041" for e in events)


def test_a_threat_with_no_stated_target_takes_the_story_s_counterpart(coder):
    """A threat is aimed at someone: with none named, the story's one clear counterpart, as for
    appeals and intents (`+context:salient-target`); without one it would stand one-sided."""
    events = events_of(coder, (
        "Israel accused Hamas of firing rockets on Tuesday.\n\n"
        "Hamas rejected the accusation and attacked Israel again.\n\n"
        "Netanyahu warned on Wednesday that Israel would not hesitate to act."
    ), date="2012-11-22")
    (threat,) = in_sentence(events, "Netanyahu warned")
    assert threat.code.startswith("13") and threat.source.code == "ISRGOV"
    assert threat.target is not None and threat.target.code.startswith("PSE")
    assert threat.evidence.rule.endswith("+context:salient-target")


def test_a_one_sided_comment_in_a_real_sentence(coder):
    """"The Kenyan government declined to comment on the dispute.": 011 with no target."""
    (event,) = events_of(coder, "The Kenyan government declined to comment on the dispute.")
    assert (event.source.code, event.target, event.code) == ("KENGOV", None, "011")


def test_a_criticism_with_no_stated_target_takes_the_story_s_counterpart(coder):
    """"called the expulsions unjustified" names no one; in a story about two sides the criticism is
    aimed at the other side (`+context:salient-target`)."""
    events = events_of(coder, (
        "Iran expelled two British diplomats on Sunday.\n\n"
        "Iran accused Britain of interfering in the election.\n\n"
        "British Foreign Secretary David Miliband called the expulsions completely unjustified."
    ), date="2009-06-23")
    criticism = [e for e in in_sentence(events, "called the expulsions") if e.code.startswith("11")]
    assert criticism and all(e.target is not None and e.target.code.startswith("IRN") for e in criticism)
    assert all(e.evidence.rule.endswith("+context:salient-target") for e in criticism)


def test_a_summoned_or_expelled_envoy_is_in_the_host_capital(coder):
    events = events_of(coder, "Poland summoned the Belarusian ambassador on Friday over the arrest of a journalist.")
    summons = [e for e in events if e.target is not None and e.code.startswith("114")]
    assert summons and summons[0].place is not None
    assert (summons[0].place.canonical, summons[0].place.source) == ("Warsaw", "capital")


def test_each_host_capital_for_envoys_summoned_by_each_other(coder):
    events = events_of(coder, "Poland and Belarus expelled each other's diplomats on Friday in a row over a newspaper.")
    places = {e.source.code[:3]: e.place.canonical for e in events if e.target is not None and e.place is not None}
    assert places.get("POL") == "Warsaw" and places.get("BLR") == "Minsk"


def test_a_place_in_the_text_beats_the_host_capital(coder):
    events = events_of(coder, "Poland summoned the Belarusian ambassador in Krakow on Friday over the arrest of a journalist.")
    assert {e.place.canonical for e in events if e.place is not None} <= {"Krakow", "Kraków"}


def test_an_expelled_non_envoy_gets_no_host_capital(coder):
    events = events_of(coder, "Poland expelled two Belarusian journalists on Friday.")
    assert any(e.code.startswith("174") and e.target is not None for e in events)
    assert not any(e.place is not None and e.place.source == "capital" for e in events)


# -- an organisation named earlier, a count of people, a thing owned (storyactors) --------------


def test_named_organisation_needs_the_phrase_s_agent_in_the_earlier_code():
    from eventwire.coding.references import named_organisation

    ctx = StoryContext()
    ctx.name_heads["court"] = actor("IGOJUDICC", "International Criminal Court", "a.actors:35")
    the_court = actor("---JUD", "the court", "agents:1421")
    found = named_organisation(ctx, the_court, "court")
    assert found is not None and found.code == "IGOJUDICC"
    assert found.origins[0] == "context:named-organisation"
    assert named_organisation(ctx, actor("---MIL", "the court"), "court") is None  # no MIL in IGOJUDICC
    assert named_organisation(ctx, the_court, "tribunal") is None  # no name ending in "tribunal"


def test_the_court_is_the_court_the_story_named_before(coder):
    """"the court" after "The International Criminal Court" is that court, not a court of the
    story's country (`context:named-organisation`)."""
    events = events_of(coder, (
        "The International Criminal Court charged two Kenyan ministers on Monday.\n\n"
        "Kenya's government condemned the court on Tuesday."
    ), date="2011-03-08")
    (condemned,) = in_sentence(events, "condemned the court")
    assert condemned.target is not None and condemned.target.code == "IGOJUDICC"
    assert condemned.target.rule.startswith("context:named-organisation")


def test_the_court_with_no_court_named_before_stays_a_court(coder):
    (condemned,) = events_of(coder, "Kenya's government condemned the court on Tuesday.", date="2011-03-08")
    assert condemned.target is not None and not condemned.target.code.startswith("IGO")


def test_a_count_of_people_is_the_people_counted(coder):
    """"fired tear gas at thousands of students ... arrested hundreds of them": the students, both
    times (`context:counted-group`)."""
    events = events_of(coder, (
        "Riot police in Nairobi fired tear gas at thousands of students on Monday and arrested hundreds of them."
    ), date="2011-03-08")
    by_root = {e.code[:2]: e for e in events}
    assert set(by_root) >= {"17"}
    for e in events:
        assert e.source is not None and e.source.code == "KENCOP"
        assert e.target is not None and e.target.code == "KENEDU"
        assert e.target.rule.startswith("context:counted-group")
    assert any(e.code.startswith("173") for e in events)  # "arrested hundreds of them"


def test_a_thing_owned_stands_for_its_owner(coder):
    """"stormed the governor's office", "condemned the government's decision": the owner
    (`context:owned-thing`), with the story's country."""
    events = events_of(coder, (
        "Kenyan students marched in Nairobi on Monday.\n\n"
        "The students stormed the governor's office and condemned the government's decision."
    ), date="2011-03-08")
    owned = in_sentence(events, "stormed the governor's office")
    assert {e.code[:2] for e in owned} >= {"19", "11"}
    for e in owned:
        assert e.target is not None and e.target.code == "KENGOV"
        assert e.target.rule.startswith("context:owned-thing")


def test_a_relative_is_not_the_person_he_is_related_to(coder):
    events = events_of(coder, "Gunmen in Nairobi kidnapped the minister's son on Monday.", date="2011-03-08")
    assert not any(e.target is not None and e.target.code.endswith("GOV") for e in events)


def test_a_person_named_beside_a_role_is_that_role_by_surname_later(coder):
    """"Zimbabwe's opposition leader Thomas Moyo" (a name no dictionary holds, in apposition to a
    coded role): "Moyo" later is the opposition leader (`context:named-role`), and "given Moyo
    shelter" (parsed as a compound of "shelter") is aid to him (`context:owned-thing`); "the
    embassy" is the one the story placed in Harare."""
    events = events_of(coder, (
        "Zimbabwe's opposition leader Thomas Moyo was sheltering in the Botswanan embassy in Harare on Monday.\n\n"
        "Botswana said it had given Moyo shelter at the embassy on Sunday night."
    ), date="2008-06-24")
    (shelter,) = in_sentence(events, "given Moyo shelter")
    assert shelter.source is not None and shelter.source.code == "BWA"
    assert shelter.target is not None and shelter.target.code == "ZWEOPP"
    assert "context:named-role" in shelter.target.rule and "context:surname" in shelter.target.rule
    assert shelter.place is not None and shelter.place.name == "Harare"


def test_an_unknown_surname_beside_nothing_is_no_one(coder):
    events = events_of(coder, "Botswana said it had given Moyo shelter at the embassy on Sunday night.",
                       date="2008-06-24")
    assert not any(e.target is not None and e.target.code.startswith("ZWE") for e in events)


def test_opposition_groups_are_the_opposition(coder):
    """"Opposition groups" (eventwire.additions.agents.txt: Phoenix has opposition parties and
    alliances, not groups) are OPP of the place they are in."""
    events = events_of(coder, "Opposition groups in Nairobi accused the police of killing protesters.",
                       date="2011-03-08")
    assert any(e.source is not None and e.source.code == "KENOPP"
               and "eventwire.additions.agents.txt" in (e.source.rule or "") for e in events)


def test_they_after_a_saying_verb_and_and_are_the_sayers(coder):
    """"X say ..., and they blame Y": "they" is X (`context:reported-subject`), and "forces loyal
    to Y" fight for Y (`context:loyal-to`)."""
    events = events_of(coder, (
        "Opposition groups in Damascus say dozens of people were killed, and they blame forces loyal "
        "to President Bashar al-Assad."
    ), date="2013-08-26")
    (blame,) = [e for e in events if e.code.startswith("11")]
    assert blame.source is not None and blame.source.code == "SYROPP"
    assert blame.source.rule.startswith("context:reported-subject")
    assert blame.target is not None and blame.target.code == "SYRGOV"
    assert blame.target.rule.startswith("context:loyal-to")


def test_they_after_a_deed_and_and_is_not_resolved_by_the_saying_rule(coder):
    events = events_of(coder, "Kenyan police fired tear gas in Nairobi, and they blamed the protesters.",
                       date="2011-03-08")
    assert not any("context:reported-subject" in (e.source.rule or "") for e in events if e.source is not None)


def test_it_after_a_coordinated_reporting_verb_is_the_shared_subject(coder):
    """"Kenya suspended ... and announced that it would impose sanctions": "announced" has no
    subject of its own; it shares "Kenya" (`context:reported-subject`)."""
    events = events_of(coder, (
        "Kenya on Saturday suspended military exchanges with Uganda and announced that it would impose "
        "sanctions on Ugandan companies."
    ), date="2011-03-08")
    sanctions = in_sentence(events, "impose")
    threat = [e for e in sanctions if e.evidence.verb == "impose"]
    assert threat and all(e.source is not None and e.source.code == "KEN" for e in threat)
    assert all(e.source.rule.startswith("context:reported-subject") for e in threat)


def test_them_is_the_group_named_before_in_the_sentence_not_the_verb_s_subject(coder):
    """"Somalis who fled ... where Kenyan officials were giving them food": "them" is the
    Somalis (`context:them-same-sentence`), not the officials giving it."""
    events = events_of(coder, (
        "About 300 Somalis who fled the fighting were living in a camp near the town of Dadaab, where "
        "Kenyan officials were giving them food and medicine."
    ), date="2011-03-08")
    (aid,) = in_sentence(events, "giving them")
    assert aid.source is not None and aid.source.code.startswith("KEN")
    assert aid.target is not None and aid.target.code == "SOM"
    assert aid.target.rule.startswith("context:them-same-sentence")
