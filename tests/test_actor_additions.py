"""eventwire's actor additions for people and groups Phoenix (January 2014) lacks: read with file:line
provenance, dated roles resolved against the story date, re-listed names replacing Phoenix's entry.
Sentences are written for these tests (the model parses them, the shipped dictionaries code them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from conftest import coded

from eventwire.coding.actors import ActorIndex, resolve_code
from eventwire.coding.coder import Coder
from eventwire.dictionaries.loader import _shipped, load_dictionaries

DATA = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "dictionaries" / "data"


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex(load_dictionaries())


@pytest.fixture(scope="module")
def phoenix() -> ActorIndex:
    """Phoenix alone, without eventwire's additions."""
    return ActorIndex(_shipped("phoenix"))


def _hit(index: ActorIndex, name: str):
    """The one actor hit that covers the whole of `name`."""
    doc = spacy.blank("en")(name)
    hits = [h for h in index.scan(list(doc)) if h.kind == "actor"]
    assert len(hits) == 1 and (hits[0].start, hits[0].end) == (0, len(doc)), hits
    return hits[0]


def _line(origin: str) -> str:
    file, number = origin.rsplit(":", 1)
    return (DATA / file).read_text(encoding="utf-8").splitlines()[int(number) - 1]


@pytest.mark.parametrize(("name", "file", "written"), [
    ("Volodymyr Zelenskyy", "eventwire.people.additions.actors.txt", "+VOLODYMYR_ZELENSKYY_"),
    ("Aung San Suu Kyi", "eventwire.people.additions.actors.txt", "AUNG_SAN_SUU_KYI_"),
    ("Hayat Tahrir al-Sham", "eventwire.groups.additions.actors.txt", "HAYAT_TAHRIR_AL-SHAM_"),
    ("AMISOM", "eventwire.groups.additions.actors.txt", "AMISOM_"),
])
def test_the_added_names_are_read_with_their_file_and_line(index: ActorIndex, name: str, file: str, written: str):
    hit = _hit(index, name)
    assert hit.origin.startswith(file + ":")
    assert _line(hit.origin) == written


@pytest.mark.parametrize(("name", "day", "code"), [
    ("Aung San Suu Kyi", "2012-04-01", "MMROPP"),   # opposition leader, before the 2016 government
    ("Aung San Suu Kyi", "2018-06-01", "MMRGOV"),   # state counsellor
    ("Aung San Suu Kyi", "2022-06-01", "MMROPP"),   # after the 2021 coup
    ("Donald Trump", "2019-01-10", "USAGOV"),
    ("Donald Trump", "2022-01-10", "USAELI"),
    ("Volodymyr Zelensky", "2015-01-10", None),     # no office before May 2019: the name codes nothing
    ("Volodymyr Zelensky", "2022-03-01", "UKRGOV"),
    ("Rapid Support Forces", "2020-01-01", "SDNMIL"),
    ("Rapid Support Forces", "2023-06-01", "SDNREB"),
    ("Ahmed al-Sharaa", "2020-01-01", "SYRREBMUS"),
    ("Ahmed al-Sharaa", "2025-03-01", "SYRGOV"),
])
def test_dated_roles_follow_the_story_date(index: ActorIndex, name: str, day: str, code: str | None):
    assert resolve_code(_hit(index, name).codes, dt.date.fromisoformat(day)) == code


@pytest.mark.parametrize(("name", "day", "code", "before"), [
    # Phoenix codes Guterres PRTELI after 2002 and has him nowhere in the UN (Countries.actors.txt:38446)
    ("Antonio Guterres", "2020-05-05", "IGOUNO", "PRTELI"),
    ("Antonio Guterres", "2000-05-05", "PRTGOV", "PRTGOV"),
    # Phoenix's Ansar Allah is a Lebanese group (MilNonState.actors.txt:829); since 2014 the name is the Houthis'
    ("Ansar Allah", "2016-05-05", "YEMREB", "LBNREB"),
    ("Ansar Allah", "2008-05-05", "LBNREB", "LBNREB"),
])
def test_a_relisted_name_replaces_phoenix_entry(index: ActorIndex, phoenix: ActorIndex, name: str, day: str,
                                               code: str, before: str):
    day_ = dt.date.fromisoformat(day)
    assert resolve_code(_hit(index, name).codes, day_) == code
    assert resolve_code(_hit(phoenix, name).codes, day_) == before


def test_jihadis_are_an_added_agent(index: ActorIndex):
    hits = index.scan(list(spacy.blank("en")("jihadis")))
    assert [(h.agent_code, h.origin.split(":")[0]) for h in hits] == [("UAFMUS", "eventwire.additions.agents.txt")]


def test_a_defence_minister_is_coded_as_phoenix_codes_one(index: ActorIndex):
    """GOVMIL while at defence (Phoenix: DEFENSE_SECRETARY [~GOVMIL]), GOV in another ministry."""
    codes = _hit(index, "Nirmala Sitharaman").codes
    assert resolve_code(codes, dt.date(2018, 5, 1)) == "INDGOVMIL"
    assert resolve_code(codes, dt.date(2021, 5, 1)) == "INDGOV"


@pytest.mark.parametrize(("name", "day", "code"), [
    ("Kim Jong Un", "2020-01-01", "PRKGOV"),         # Phoenix had no entry: "Un" was the UN
    ("Benjamin Netanyahu", "2022-01-01", "ISROPP"),  # Phoenix: ISRGOV from 2009 with no end
    ("Benjamin Netanyahu", "2024-01-01", "ISRGOV"),
    ("Salva Kiir", "2015-01-01", "SSDGOV"),          # Phoenix: Sudan's vice-president only
    ("ZANU-PF", "2008-01-01", "ZWEGOV"),
])
def test_people_and_parties_phoenix_codes_wrongly_or_not_at_all(index: ActorIndex, name: str, day: str, code: str):
    assert resolve_code(_hit(index, name).codes, dt.date.fromisoformat(day)) == code


@pytest.mark.parametrize("word", ["youth", "organization", "Tigers"])
def test_common_words_are_no_armed_groups(index: ActorIndex, word: str):
    """Phoenix lists "youth", "organization", "Tigers" as synonyms of small armed groups."""
    assert resolve_code(_hit(index, word).codes, dt.date(2010, 1, 1)) is None


def test_kataib_hezbollah_is_not_lebanons_hezbollah(index: ActorIndex):
    assert [c.code for c in _hit(index, "Kataib Hezbollah").codes] == ["IRQREB"]
    assert [c.code for c in _hit(index, "Hezbollah").codes] == ["LBNREB"]


# --- sentences -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.model
def test_a_leader_is_the_government_inside_the_term_only(coder: Coder) -> None:
    text = "Volodymyr Zelensky accused Hungary of blocking the talks."
    assert ("UKRGOV", "HUN", "112") in coded(coder, text, "2023-02-10")
    assert not [e for e in coded(coder, text, "2016-02-10") if e[0] == "UKRGOV"]


@pytest.mark.model
def test_an_opposition_leader_then_a_minister(coder: Coder) -> None:
    text = "Aung San Suu Kyi criticised Thailand over the deportations."
    assert [e[:2] for e in coded(coder, text, "2013-05-02")] == [("MMROPP", "THA")]
    assert [e[:2] for e in coded(coder, text, "2017-05-02")] == [("MMRGOV", "THA")]


@pytest.mark.model
def test_armed_groups_phoenix_lacks(coder: Coder) -> None:
    got = coded(coder, "Houthi rebels fired two missiles at Saudi Arabia on Sunday.", "2019-08-04")
    assert got and all(s.startswith("YEMREB") and t == "SAU" for s, t, _ in got)
    got = coded(coder, "Fighters of the Rapid Support Forces attacked an army base in Khartoum.", "2023-06-01")
    assert got and all(s.startswith("SDNREB") for s, _, _ in got)


@pytest.mark.model
def test_a_mission_is_its_organisation(coder: Coder) -> None:
    got = coded(coder, "AMISOM troops clashed with al-Shabab fighters near Kismayo.", "2019-08-04")
    assert ("IGOAFROAUMIL", "SOMREBUAF") in [e[:2] for e in got]
    # the mission keeps its code after it ended (2022): a story looking back still names the AU
    got = coded(coder, "AMISOM troops clashed with al-Shabab fighters near Kismayo.", "2024-08-04")
    assert ("IGOAFROAUMIL", "SOMREBUAF") in [e[:2] for e in got]


@pytest.mark.model
def test_xi_alone_is_china_s_leader_while_in_office(coder: Coder) -> None:
    assert coded(coder, "Putin met Xi in Moscow.", "2023-03-21") == [("RUSGOV", "CHNGOV", "040")]
    assert coded(coder, "Putin met Xi in Moscow.", "2009-03-21") == []  # vice-president then, and no "Xi" alone


@pytest.mark.model
def test_northern_ireland_is_the_united_kingdom_not_ireland(coder: Coder) -> None:
    got = coded(coder, "Protesters in Northern Ireland attacked police.", "2021-04-08")
    assert got and all(s.startswith("GBR") for s, _, _ in got)
