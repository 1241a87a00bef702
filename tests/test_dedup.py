"""dedup: mentions from many reports become one event per real-world happening (docs/dedup.md)."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "store"))

from store_fakes import mention  # noqa: E402

from eventwire.dedup import DedupConfig, MentionKey, block_key, cluster, dedup  # noqa: E402
from eventwire.errors import ConfigError  # noqa: E402
from eventwire.records import stable_id  # noqa: E402

OUTLETS = {"a1": "Reuters", "a2": "Anadolu", "a3": "IRNA"}


def meeting(doc: str, day: str, place: str | None = "Ankara", index: int = 2, **kw: object) -> object:
    return mention(doc, index, "TURGOV", "040", "IRNGOV", date=day, place=place, country="TUR" if place == "Ankara" else None, **kw)  # type: ignore[arg-type]


def test_three_outlets_one_meeting_is_one_event() -> None:
    """Three outlets reporting one meeting in Ankara give exactly one event with 3 articles and 3 sources."""
    mentions = [
        meeting("a1", "2024-03-01"),
        meeting("a2", "2024-03-01", index=0),
        meeting("a3", "2024-03-02", index=5),  # a day later, within the 2-day window
    ]
    (event,) = dedup(mentions, outlets=OUTLETS)
    assert (event.num_mentions, event.num_articles, event.num_sources) == (3, 3, 3)
    assert {doc for doc, _ in event.evidence} == {"a1", "a2", "a3"}
    assert event.place_name == "Ankara"
    assert event.date == "2024-03-01"


def test_same_pair_a_week_apart_in_two_cities_is_two_events() -> None:
    """Two meetings of the same pair a week apart, in Ankara and Tehran, stay two events."""
    mentions = [meeting("a1", "2024-03-01"), meeting("a2", "2024-03-08", place="Tehran")]
    events = dedup(mentions, outlets=OUTLETS)
    assert len(events) == 2
    assert [e.place_name for e in events] == ["Ankara", "Tehran"]
    assert [e.num_articles for e in events] == [1, 1]


def test_known_different_places_on_the_same_day_stay_apart() -> None:
    """Two places, both known and different, keep same-day mentions apart (place rule 'name')."""
    events = dedup([meeting("a1", "2024-03-01"), meeting("a2", "2024-03-01", place="Tehran")])
    assert len(events) == 2


def test_unknown_place_joins_the_known_place() -> None:
    """A mention without a place joins an event whose place is known."""
    (event,) = dedup([meeting("a1", "2024-03-01"), meeting("a2", "2024-03-01", place=None)])
    assert event.place_name == "Ankara" and event.num_mentions == 2


def test_place_rules_are_configurable() -> None:
    """place_rule 'ignore' merges different places; 'country' compares only the countries when both are known."""
    a = meeting("a1", "2024-03-01")
    b = replace(meeting("a2", "2024-03-01", place="Ankara"), place=None)
    tehran = mention("a3", 1, "TURGOV", "040", "IRNGOV", date="2024-03-01", place="Tehran", country="IRN")
    assert len(dedup([a, tehran])) == 2
    assert len(dedup([a, tehran], DedupConfig(place_rule="ignore"))) == 1
    istanbul = mention("a4", 1, "TURGOV", "040", "IRNGOV", date="2024-03-01", place="Istanbul", country="TUR")
    assert len(dedup([a, istanbul], DedupConfig(place_rule="country"))) == 1
    assert len(dedup([a, tehran], DedupConfig(place_rule="country"))) == 2
    assert len(dedup([a, b])) == 1


def test_headline_and_lead_of_one_story_are_one_event() -> None:
    """Within one story, the headline and the lead repeating the same event are one event."""
    headline = meeting("a1", "2024-03-01", index=0, place=None)
    lead = meeting("a1", "2024-03-01", index=1)
    (event,) = dedup([headline, lead])
    assert (event.num_mentions, event.num_articles, event.num_sources) == (2, 1, 1)
    assert event.evidence == (("a1", 0), ("a1", 1))
    assert event.is_root_event


def test_actors_agree_at_country_and_sector_level() -> None:
    """Actor codes are compared on their first 6 characters: IRQGOVMIN = IRQGOV, IRQGOV != IRQMIL."""
    a = mention("a1", 0, "IRQGOV", "0232", "IGOWSTNAT")
    b = mention("a2", 0, "IRQGOVMIN", "0232", "IGOWSTNAT")
    c = mention("a3", 0, "IRQMIL", "0232", "IGOWSTNAT")
    events = dedup([a, b, c])
    assert sorted(e.num_mentions for e in events) == [1, 2]
    assert len(dedup([a, c], DedupConfig(actor_level="country"))) == 1
    assert len(dedup([a, b], DedupConfig(actor_level="full"))) == 2


def test_same_root_family_other_code_merges_other_root_does_not() -> None:
    """Codes of one CAMEO root (040, 042) can be one event; another root (190) cannot."""
    consult = mention("a1", 0, "TURGOV", "040", "IRNGOV")
    visit = mention("a2", 0, "TURGOV", "042", "IRNGOV")
    fight = mention("a3", 0, "TURGOV", "190", "IRNGOV")
    events = dedup([consult, visit, fight])
    assert sorted(e.num_mentions for e in events) == [1, 2]


def test_consult_is_symmetric_fight_is_not() -> None:
    """A meets B is B meets A (root 04 is symmetric); A attacks B is not B attacks A."""
    assert len(dedup([mention("a1", 0, "TURGOV", "040", "IRNGOV"), mention("a2", 0, "IRNGOV", "040", "TURGOV")])) == 1
    assert len(dedup([mention("a1", 0, "TURGOV", "190", "IRNGOV"), mention("a2", 0, "IRNGOV", "190", "TURGOV")])) == 2


def test_window_bounds_an_event_from_its_first_date() -> None:
    """An event spans at most window_days from its first mention: daily reports over 5 days are two events."""
    days = [f"2024-03-0{d}" for d in range(1, 6)]
    mentions = [meeting(f"d{i}", day) for i, day in enumerate(days)]
    events = dedup(mentions)
    assert [e.num_mentions for e in events] == [3, 2]
    assert [(e.first_seen, e.last_seen) for e in events] == [("2024-03-01", "2024-03-03"), ("2024-03-04", "2024-03-05")]
    assert len(dedup(mentions, DedupConfig(window_days=4))) == 1
    assert len(dedup(mentions, DedupConfig(window_days=0))) == 5


def test_intended_does_not_merge_with_what_happened() -> None:
    """A planned meeting (modality intended) is not the meeting that took place."""
    events = dedup([meeting("a1", "2024-03-01"), meeting("a2", "2024-03-01", modality="intended")])
    assert len(events) == 2


def test_undated_mentions_merge_only_within_their_story() -> None:
    """Undated mentions join only events of their own story, never other stories'."""
    a = meeting("a1", None, index=0)
    b = meeting("a1", None, index=3)
    c = meeting("a2", None, index=0)
    events = dedup([a, b, c])
    assert sorted(e.num_mentions for e in events) == [1, 2]
    dated = meeting("a3", "2024-03-01", index=0)
    undated_same_story = meeting("a3", None, index=4)
    (event,) = dedup([dated, undated_same_story])
    assert event.num_mentions == 2


def test_result_does_not_depend_on_input_order() -> None:
    """Shuffling the mentions gives the same events, ids and members."""
    mentions = [
        meeting(f"s{i}", f"2024-03-{1 + i % 9:02d}", place=("Ankara", "Tehran", None)[i % 3], index=i % 4)
        for i in range(40)
    ] + [mention(f"f{i}", 0, "SYRREB", "190", "SYRMIL", date=f"2024-03-{1 + i % 5:02d}") for i in range(20)]
    expected = dedup(mentions)
    for seed in range(5):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        assert dedup(shuffled) == expected


def test_event_id_is_the_hash_of_the_earliest_mention_and_stable() -> None:
    """The event id hashes the earliest mention's id; adding a later report keeps it."""
    first = meeting("a1", "2024-03-01")
    (event,) = dedup([first, meeting("a2", "2024-03-02")])
    assert event.event_id == stable_id("event", first.event_id)
    (again,) = dedup([meeting("a3", "2024-03-02", index=7), first, meeting("a2", "2024-03-02")])
    assert again.event_id == event.event_id and again.num_mentions == 3


def test_sources_count_outlets_not_articles() -> None:
    """Two articles from one outlet are 2 articles but 1 source; without an outlet, the URL host counts."""
    a = meeting("a1", "2024-03-01", url="https://www.reuters.com/a")
    b = meeting("a2", "2024-03-01", url="https://reuters.com/b")
    c = meeting("a3", "2024-03-01", url=None)
    (event,) = dedup([a, b, c])
    assert (event.num_articles, event.num_sources) == (3, 2)


def test_same_mention_twice_counts_once() -> None:
    """A mention given twice (same id) is one mention."""
    m = meeting("a1", "2024-03-01")
    (event,) = dedup([m, m])
    assert event.num_mentions == 1


def test_month_dates_count_from_their_first_day() -> None:
    """A month-precision date (2024-03) is compared from its first day."""
    (event,) = dedup([meeting("a1", "2024-03"), meeting("a2", "2024-03-02")])
    assert event.date == "2024-03" and event.num_mentions == 2


def test_block_key_names_actors_root_and_realis() -> None:
    """The block is source|target|root|realis with the actors cut to the configured level."""
    config = DedupConfig()
    assert block_key("IRQGOVMIN", "IGOWSTNAT", "0232", "asserted", config) == "IRQGOV|IGOWST|02|realis"
    assert block_key("TURGOV", "IRNGOV", "042", "intended", config) == "IRNGOV|TURGOV|04|irrealis"


def test_cluster_reads_mention_keys() -> None:
    """cluster() works on plain MentionKeys (what the store reads), as dedup() does on mentions."""
    keys = [MentionKey(f"m{i}", f"d{i}", 0, "USAGOV", "CHNGOV", "040", date="2024-01-01", outlet=f"o{i}") for i in range(3)]
    (event,) = cluster(keys)
    assert event.num_sources == 3 and event.first_mention_id == "m0"


@pytest.mark.parametrize(
    "kwargs",
    [{"window_days": -1}, {"actor_level": "agent"}, {"place_rule": "near"}, {"root_sentences": -2}],
)
def test_bad_settings_are_config_errors(kwargs: dict[str, object]) -> None:
    """Out-of-range dedup settings raise ConfigError naming the legal values."""
    with pytest.raises(ConfigError):
        DedupConfig(**kwargs)  # type: ignore[arg-type]


def test_config_round_trips_through_json() -> None:
    """The settings the store keeps in its meta table read back equal."""
    config = DedupConfig(window_days=3, actor_level="country", place_rule="ignore", symmetric_roots=("4", "05"))
    assert DedupConfig.from_json(config.to_json()) == config
    assert config.symmetric_roots == ("04", "05")
