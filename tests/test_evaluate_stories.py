"""Tests for eventwire.evaluate.stories: whole-story gold, the wire README's matching rules and figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import GoldFileError
from eventwire.evaluate.stories import (
    GoldItem,
    StoriesReport,
    StoryGold,
    Trap,
    format_stories_report,
    is_story_gold,
    read_story_gold,
    score_story,
)
from eventwire.records import ActorRef, EventMention, Evidence, Place

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared not available")

TEXT = (
    "ANKARA (AP) - Turkish police fired tear gas at protesters in Istanbul on Saturday.\n\n"
    "The foreign ministers of Turkey and Iran met in Ankara on Sunday.\n\n"
    "Related: Police clash with protesters | Ministers meet"
)


def event(
    source: str,
    target: str,
    code: str,
    sentence: str,
    *,
    date: str | None = None,
    place: Place | None = None,
    verb_at: int = 0,
) -> EventMention:
    return EventMention(
        doc_id="s1",
        sentence_index=0,
        sentence=sentence,
        sentence_start=0,
        source=ActorRef(source, source, 0, 3) if source else None,
        target=ActorRef(target, target, 5, 8) if target else None,
        code=code,
        evidence=Evidence("verb", verb_at, verb_at + 4, "test:1"),
        date=date,
        place=place,
    )


POLICE = "Turkish police fired tear gas at protesters in Istanbul on Saturday."
MEET = "The foreign ministers of Turkey and Iran met in Ankara on Sunday."


def gold(items: tuple[GoldItem, ...] = (), traps: tuple[Trap, ...] = ()) -> StoryGold:
    return StoryGold("s1", TEXT, "2013-06-03", items, traps)


def item(
    id: str,
    contains: str,
    source: tuple[str, ...],
    target: tuple[str, ...],
    roots: tuple[str, ...],
    group: str = "must_find",
    **kw: object,
) -> GoldItem:
    return GoldItem(id, group, contains, source, target, roots, **kw)  # type: ignore[arg-type]


TEAR_GAS = item("tear-gas", "fired tear gas at protesters", ("TURCOP",), ("TUR",), ("17",), code="175")
MEETING = item("meet", "foreign ministers of Turkey and Iran met", ("TUR", "IRN"), ("TUR", "IRN"), ("04",))


def test_an_event_is_right_only_in_its_anchored_sentence_with_matching_fields() -> None:
    events = [
        event("TURCOP", "TURCIV", "175", POLICE),  # right: prefixes and root match
        event("TURCOP", "TURCIV", "190", POLICE),  # wrong root
        event("TURCOP", "TURCIV", "175", MEET),  # right fields, wrong sentence
        event("TURCOP", "", "175", POLICE),  # no target where the item lists targets
    ]
    report = score_story(gold((TEAR_GAS,)), events)
    assert (report.events, report.right) == (4, 1)
    assert [w.event.code for w in report.wrong] == ["190", "175", "175"]
    assert report.items[0].matched == (events[0].event_id,)


def test_anchoring_ignores_case_and_whitespace() -> None:
    squashed = POLICE.replace("tear gas", "Tear\n  gas")
    assert score_story(gold((TEAR_GAS,)), [event("TURCOP", "TUR", "175", squashed)]).right == 1


def test_self_dyad_matches_only_when_the_item_allows_the_same_actor_on_both_sides() -> None:
    same = event("TUR", "TUR", "040", MEET)
    assert score_story(gold((MEETING,)), [same]).right == 1  # source and target lists share TUR
    one_sided = item("x", "foreign ministers of Turkey and Iran met", ("TUR",), ("IRN",), ("04",))
    assert score_story(gold((one_sided,)), [same]).right == 0
    assert score_story(gold((one_sided,)), [event("TURGOV", "IRNGOV", "040", MEET)]).right == 1


def test_traps_without_fields_catch_any_event_and_count_once() -> None:
    caption = Trap("list", "Police clash with protesters")
    sentence = "Related: Police clash with protesters | Ministers meet"
    events = [event("TURCOP", "TUR", "190", sentence), event("TUR", "IRN", "040", sentence)]
    report = score_story(gold(traps=(caption,)), events)
    assert report.violated == ("list",)
    assert all(w.traps == ("list",) for w in report.wrong)


def test_traps_with_fields_catch_only_events_matching_every_field() -> None:
    co_actors = Trap("co-actors", "foreign ministers of Turkey and Iran met", source=("TUR",), target=("TUR",))
    fine = score_story(gold((MEETING,), (co_actors,)), [event("TURGOV", "IRNGOV", "040", MEET)])
    bad = score_story(gold((MEETING,), (co_actors,)), [event("TURGOV", "TUR", "040", MEET)])
    assert fine.violated == () and bad.violated == ("co-actors",)


def test_date_accuracy_month_items_accept_any_day_full_dates_must_be_equal() -> None:
    by_month = item("m", "fired tear gas", ("TUR",), ("TUR",), ("17",), date="2013-06")
    by_day = item("d", "fired tear gas", ("TUR",), ("TUR",), ("17",), date="2013-06-01")
    events = [event("TURCOP", "TUR", "175", POLICE, date="2013-06-02")]
    report = score_story(gold((by_month, by_day)), events)
    assert [r.date_right for r in report.items] == [True, False]
    assert StoriesReport((report,)).accuracy("date_right") == (1, 2)


def test_place_accuracy_parts_diacritics_country_and_null() -> None:
    tripoli = item("t", "fired tear gas", ("TUR",), ("TUR",), ("17",), place="Tripoli, Lebanon", has_place=True)
    in_lebanon = Place("TRIPOLI", country="LBN", canonical="Tripoli")
    in_libya = Place("Tripoli", country="LBY")
    assert score_story(gold((tripoli,)), [event("TURCOP", "TUR", "175", POLICE, place=in_lebanon)]).items[0].place_right
    assert not score_story(gold((tripoli,)), [event("TURCOP", "TUR", "175", POLICE, place=in_libya)]).items[0].place_right
    bogota = item("b", "fired tear gas", ("TUR",), ("TUR",), ("17",), place="Bogota, Colombia", has_place=True)
    accented = Place("Bogotá", country="COL")
    assert score_story(gold((bogota,)), [event("TURCOP", "TUR", "175", POLICE, place=accented)]).items[0].place_right
    nowhere = item("n", "fired tear gas", ("TUR",), ("TUR",), ("17",), place=None, has_place=True)
    assert score_story(gold((nowhere,)), [event("TURCOP", "TUR", "175", POLICE)]).items[0].place_right
    assert not score_story(gold((nowhere,)), [event("TURCOP", "TUR", "175", POLICE, place=in_libya)]).items[0].place_right


def test_report_figures_and_errors_listing() -> None:
    missed = item("missed", "foreign ministers of Turkey and Iran met", ("TUR",), ("IRN",), ("04",))
    should = item("s", "fired tear gas", ("TUR",), ("TUR",), ("17",), group="should_find")
    events = [event("TURCOP", "TUR", "175", POLICE), event("IRN", "TUR", "112", MEET)]
    report = StoriesReport((score_story(gold((TEAR_GAS, missed, should)), events),))
    j = report.to_json(errors=True)
    assert j["event_precision"] == 0.5 and j["must_recall"] == 0.5
    assert j["must_find"]["missed"] == ["missed"] and j["should_find"]["found"] == 1
    assert j["full_code_accuracy"] == {"right": 1, "of": 1, "rate": 1.0}
    story = j["per_story"][0]
    assert [w["code"] for w in story["wrong_events"]] == ["112"]
    assert [m["id"] for m in story["missed_items"]] == ["missed"]
    text = format_stories_report(report, errors=True)
    assert "event precision:    0.50" in text and "missed must_find   missed" in text


def test_read_story_gold_jsonl_and_seed(tmp_path: Path) -> None:
    record = {
        "id": "w1",
        "publication_date": "2013-06-03",
        "text": TEXT,
        "must_find": [{"id": "a", "sentence_contains": "fired tear gas", "source": ["TUR"], "target": ["TUR"],
                       "roots": ["17"], "place": None}],
        "should_find": [],
        "must_not": [{"id": "t", "sentence_contains": "Related:"}],
    }  # fmt: skip
    path = tmp_path / "stories.jsonl"
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    assert is_story_gold(path)
    (story,) = read_story_gold(path)
    assert story.items[0].has_place and story.items[0].place is None
    assert story.traps[0].source is None and story.story().date == "2013-06-03"

    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    seed = tmp_path / "gold.json"
    seed.write_text(json.dumps({"document": "story.txt", "publication_date": "2013-06-03",
                                "must_find": record["must_find"], "must_not": []}), encoding="utf-8")  # fmt: skip
    (one,) = read_story_gold(seed)
    assert one.text == TEXT and one.id == "story.txt"


def _seed(tmp_path: Path, gold: dict[str, object]) -> StoryGold:
    """A seed-form gold.json (its story named in "document", beside it), read as the CLI reads it."""
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"document": "story.txt", "publication_date": "2013-06-03", **gold}), encoding="utf-8")
    (one,) = read_story_gold(path)
    return one


def test_seed_gold_either_listed_direction_and_root_prefix(tmp_path: Path) -> None:
    """A seed item lists both directions ("source": [TUR, IRN], "target": [IRN, TUR]); either is found, a
    code of another root is not, and the report's counts are those the CLI prints for a seed gold."""
    seed = _seed(tmp_path, {
        "must_find": [{"id": "meet", "sentence_contains": "ministers of Turkey and Iran met",
                       "source": ["TUR", "IRN"], "target": ["IRN", "TUR"], "roots": ["04"]}],
        "should_find": [{"id": "gas", "sentence_contains": "fired tear gas", "source": ["TURCOP"],
                         "target": ["TUR"], "roots": ["17"]}],
    })  # fmt: skip
    events = [event("IRNGOV", "TURGOV", "043", MEET), event("TURCOP", "TURCIV", "190", POLICE)]
    report = score_story(seed, events)
    assert report.to_json()["must_find"] == {"found": 1, "of": 1}
    assert report.to_json()["should_find"] == {"found": 0, "of": 1}  # 190 is not root 17
    assert [w.event.code for w in report.wrong] == ["190"]


def test_seed_gold_must_not_with_date_not(tmp_path: Path) -> None:
    """A seed trap with "date_not" is violated only by an event of its sentence whose date starts with it
    (the 2003 opposition must not carry the story's 2008 date); a trap without fields by any event."""
    seed = _seed(tmp_path, {"must_not": [
        {"id": "dated", "sentence_contains": "foreign ministers of Turkey", "date_not": "2013-06"},
        {"id": "list", "sentence_contains": "Related:"},
    ]})  # fmt: skip
    stamped = score_story(seed, [event("TUR", "IRN", "040", MEET, date="2013-06-03")])
    kept = score_story(seed, [event("TUR", "IRN", "040", MEET, date="2003")])
    listed = score_story(seed, [event("TUR", "IRN", "040", "Related: Police clash with protesters | Ministers meet")])
    assert (stamped.violated, kept.violated, listed.violated) == (("dated",), (), ("list",))


@needs_shared
def test_seed_real_gold_meeting_found_with_its_date_and_place(tmp_path: Path) -> None:
    """On the shared seed gold, a correct meeting event is found with its date and place right, and
    violates no trap."""
    (seed,) = read_story_gold(SHARED / "seed" / "gold.json")
    sentence = (
        "Prime Minister al-Maliki emerged from a meeting with NATO ambassadors in Brussels on April 17 "
        "saying that, at least for the time being, his government's ambitions remain limited."
    )
    meeting = event("IRQGOV", "IGOWSTNAT", "043", sentence, date="2008-04-17", place=Place("Brussels", country="BEL"))
    report = score_story(seed, [meeting])
    assert (report.count("must_find", True), report.count("must_find"), report.violated) == (1, 6, ())
    (found,) = [r for r in report.items if r.found]
    assert (found.date_right, found.place_right) == (True, True)


def test_read_story_gold_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "must_find": []}\n', encoding="utf-8")
    with pytest.raises(GoldFileError, match="bad.jsonl:1"):
        read_story_gold(bad)
    with pytest.raises(GoldFileError, match="neither beside it nor bundled"):
        seed = tmp_path / "seed.json"
        seed.write_text('{"document": "nowhere.txt"}', encoding="utf-8")
        read_story_gold(seed)
    assert not is_story_gold(tmp_path / "missing.jsonl")


@pytest.mark.slow
@needs_shared
@pytest.mark.model
def test_cli_evaluates_the_wire_stories(capsys: pytest.CaptureFixture[str]) -> None:
    """`eventwire evaluate wire_stories_dev.jsonl --json` scores all 20 stories with the README's figures."""
    from eventwire.cli import main

    assert main(["evaluate", str(SHARED / "gold" / "wire_stories_dev.jsonl"), "--json", "--limit", "3"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["stories"] == 3 and len(report["per_story"]) == 3
    lines = (SHARED / "gold" / "wire_stories_dev.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    assert report["must_find"]["of"] == sum(len(json.loads(line)["must_find"]) for line in lines)
    assert 0.0 <= report["event_precision"] <= 1.0 and report["events"] >= report["right_events"]
