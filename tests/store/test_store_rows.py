"""Prepared rows: coded stories become Arrow rows where they were coded, and the writer stores them
exactly as it stores the coded stories themselves."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pyarrow as pa
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from store_fakes import (  # noqa: E402
    FILLER,
    mention,
    retagged_factory,
    scripted_factory,
    story_line,
    where_finished,
    write_jsonl,
)

from eventwire.app.pipeline import ingest, recode  # noqa: E402
from eventwire.engines.local import code_and_finish_in_pool  # noqa: E402
from eventwire.engines.local import task_size_for as _task_size  # noqa: E402
from eventwire.errors import ConfigError  # noqa: E402
from eventwire.records import CodedStory, CodingOptions, Reject, Story  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.rows import StoryRows, prepare_rows  # noqa: E402


def coded_batch() -> list[CodedStory]:
    """Two outlets on one meeting, a story with a place and a repeated mention, one with no events."""
    a = Story(id="a", text=FILLER, date="2024-03-01", source="Reuters", url="https://r.example/a")
    b = Story(id="b", text=FILLER + ".", date="2024-03-02", source="AP", url="https://ap.example/b")
    c = Story(id="c", text="Nothing happened.", date="2024-03-02")
    met = mention("a", 0, "TURGOV", "040", "IRNGOV", place="Ankara", country="TUR")
    return [
        CodedStory(story=a, events=(met, met, mention("a", 2, "SYRREB", "190", "SYRMIL", date=None))),
        CodedStory(story=b, events=(mention("b", 0, "IRNGOV", "040", "TURGOV", place="Ankara", country="TUR"),)),
        CodedStory(story=c, events=(), discarded="no events"),
    ]


def test_prepared_rows_cross_a_process_boundary_unchanged() -> None:
    rows = prepare_rows(coded_batch(), {"a": "en"})
    for sent in (rows, prepare_rows([])):
        back = pickle.loads(pickle.dumps(sent))
        for name in ("articles", "sentences", "mentions", "quotes"):
            assert getattr(back, name).equals(getattr(sent, name)), name
    assert rows.num_stories == 3
    assert rows.mentions.num_rows == 3  # story a's repeated mention once
    assert rows.articles.column("language").to_pylist() == ["en", None, None]
    assert rows.articles.column("num_mentions").to_pylist() == [2, 1, 0]


def test_concat_keeps_the_last_rows_of_a_story_sent_twice() -> None:
    first = prepare_rows(coded_batch())
    again = Story(id="a", text="Rewritten.", date="2024-03-05")
    second = prepare_rows([CodedStory(story=again, events=(mention("a", 0, "USAGOV", "042", "CHNGOV"),))])
    rows = StoryRows.concat([first, prepare_rows([]), second])
    assert sorted(rows.articles.column("id").to_pylist()) == ["a", "b", "c"]
    assert rows.articles.filter(pa.compute.equal(rows.articles.column("id"), "a")).column("text").to_pylist() == [
        "Rewritten."
    ]
    a_mentions = rows.mentions.filter(pa.compute.equal(rows.mentions.column("doc_id"), "a"))
    assert a_mentions.column("source_code").to_pylist() == ["USAGOV"]
    assert rows.sentences.filter(pa.compute.equal(rows.sentences.column("doc_id"), "a")).num_rows == 1
    assert rows.articles.column("text").num_chunks == 1  # one chunk per column, for DuckDB


def _content(store: Store) -> dict[str, list[dict[str, object]]]:
    return {
        "articles": store.rows("SELECT * EXCLUDE (ingested_at, coded_at) FROM articles ORDER BY id"),
        "sentences": store.rows("SELECT * FROM sentences ORDER BY ALL"),
        "mentions": store.rows("SELECT * FROM mentions ORDER BY mention_id"),
        "events": store.rows("SELECT * EXCLUDE (date_added) FROM events ORDER BY event_id"),
    }


def test_writing_prepared_rows_stores_what_writing_the_stories_does(tmp_path: Path) -> None:
    batch = coded_batch()
    d = Story(id="d", text=FILLER, date="2024-03-02", source="AFP")
    later = [CodedStory(story=d, events=(mention("d", 1, "TURGOV", "040", "IRNGOV", place="Ankara", country="TUR"),))]
    with (
        Store(tmp_path / "coded.duckdb") as coded,
        Store(tmp_path / "rows.duckdb") as rows,
        Store(tmp_path / "ids.duckdb") as with_ids,
    ):
        for part in (batch, later, batch[:1]):  # the last write replaces story a
            coded.write(part, languages={"a": "en"})
            rows.write(prepare_rows(part, {"a": "en"}))
            # ids hashed in Python, as the coder's workers do, instead of by the writer in DuckDB
            with_ids.write(prepare_rows(part, {"a": "en"}, mention_ids=True))
        assert _content(rows) == _content(coded)
        assert _content(with_ids) == _content(coded)
        assert rows.counts()["events"] == 2  # the Ankara meeting (3 outlets) and the undated clash
    hashed = prepare_rows(batch, mention_ids=True).mentions.column("mention_id").to_pylist()
    once = [batch[0].events[0], *batch[0].events[2:], *batch[1].events]  # story a's repeat written once
    assert hashed == [m.event_id for m in once]


def _story(i: int, line: str = "") -> Story:
    return Story(id=f"s{i:02d}", text=line or story_line("TURGOV", "040", "IRNGOV"), date="2024-03-01")


def _finish_in_pool(items: list[Story | Reject], **kw: object) -> list[object]:
    options = {"workers": 2, "dictionaries_path": None, "options": CodingOptions(), "chunk_size": 2,
               "coder_factory": scripted_factory} | kw  # fmt: skip
    return list(code_and_finish_in_pool(items, where_finished, **options))  # type: ignore[arg-type]


def test_pool_finishes_each_task_in_its_worker_and_passes_rejects_in_order() -> None:
    items: list[Story | Reject] = []
    for i in range(12):
        if i % 5 == 0:
            items.append(Reject(origin=f"bad{i}", reason="empty", message=f"bad{i}: is empty"))
        items.append(_story(i))
    out = _finish_in_pool(items, task_size=5)
    # tasks of 5 items, rejects included: each task's rejects in order, then what finish made of its stories
    shape = [o.origin if isinstance(o, Reject) else o[1] for o in out]  # type: ignore[index]
    assert shape == [
        "bad0", ["s00", "s01", "s02", "s03"],
        "bad5", ["s04", "s05", "s06", "s07"],
        "bad10", ["s08", "s09", "s10", "s11"],
    ]  # fmt: skip
    pids = {o[0] for o in out if not isinstance(o, Reject)}  # type: ignore[index]
    assert os.getpid() not in pids  # finished in the workers, not here


def test_a_story_the_coder_fails_on_is_rejected_in_its_place_and_the_rest_are_finished() -> None:
    items: list[Story | Reject] = [_story(i) for i in range(8)]
    items[5] = _story(5, "RAISE " + FILLER)
    items += [Reject(origin="bad", reason="empty", message="bad: is empty")] * 4  # a task of rejects only
    out = _finish_in_pool(items, task_size=4)
    shape = [(o.origin, o.reason) if isinstance(o, Reject) else o[1] for o in out]  # type: ignore[index]
    assert shape == [
        ["s00", "s01", "s02", "s03"],
        ("s05", "coder-error"), ["s04", "s06", "s07"],
        ("bad", "empty"), ("bad", "empty"), ("bad", "empty"), ("bad", "empty"),
    ]  # fmt: skip


def test_pool_settings_are_checked_before_any_work() -> None:
    with pytest.raises(ConfigError, match="task size"):
        _finish_in_pool([_story(0)], task_size=0)
    with pytest.raises(ConfigError, match="module-level function"):
        code_and_finish_in_pool(
            [_story(0)], lambda coded: len(coded), workers=2, dictionaries_path=None, options=CodingOptions(),
            chunk_size=2, coder_factory=scripted_factory,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("batch_size", "commit_size", "workers", "task"),
    [(32, 256, 2, 128), (32, 256, 3, 86), (32, 256, 16, 32), (32, 8, 2, 8), (32, 1, 1, 1), (2, 8, 2, 4)],
)
def test_a_task_is_a_commits_share_per_worker_within_a_batch_and_a_commit(
    batch_size: int, commit_size: int, workers: int, task: int
) -> None:
    assert _task_size(batch_size, commit_size, workers) == task


def test_rewriting_a_story_from_rows_keeps_its_first_ingest_time_and_language(tmp_path: Path) -> None:
    (first, *_) = coded_batch()
    with Store(tmp_path / "s.duckdb") as store:
        store.write(prepare_rows([first], {"a": "en"}), coder_version="v1")
        (before,) = store.rows("SELECT ingested_at, coded_at, language, coder_version FROM articles")
        store.write(prepare_rows([first]), coder_version="v2")  # re-coded: no language known this time
        (after,) = store.rows("SELECT ingested_at, coded_at, language, coder_version FROM articles")
        assert (after["ingested_at"], after["language"]) == (before["ingested_at"], "en")
        assert after["coded_at"] >= before["coded_at"] and after["coder_version"] == "v2"
        with pytest.raises(TypeError, match="prepare_rows"):
            store.write(prepare_rows([first]), languages={"a": "fr"})


@pytest.mark.slow
def test_ingest_and_recode_with_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    records = [
        {
            "id": f"s{i:02d}",
            "source": f"outlet{i % 3}",
            "date": f"2024-03-{1 + i % 4:02d}",
            "text": story_line(["TURGOV", "IRNGOV"][i % 2], "040", ["IRNGOV", "TURGOV"][i % 2], "Ankara,TUR")
            + f"\nReport number {i} of the visit, filed by outlet {i % 3} on day {i}.\n"
            + (story_line("SYRREB", "190", "SYRMIL", "Idlib,SYR") if i == 11 else ""),
        }
        for i in range(12)
    ]
    source = write_jsonl(tmp_path / "news.jsonl", records)
    ingested, recoded = [], []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            summary = ingest(
                store, [source], workers=workers, coder_factory=scripted_factory, batch_size=2, commit_size=8
            )
            assert summary.stored == 12 and summary.mentions == 13, summary.summary()
            ingested.append(_content(store))
            again = recode(
                store, workers=workers, coder_factory=retagged_factory, batch_size=2, commit_size=8, everything=True
            )
            assert (again.recoded, again.mentions_after) == (12, 12), again.summary()
            recoded.append(_content(store))
    assert ingested[0] == ingested[1]
    assert recoded[0] == recoded[1]
    assert {a["language"] for a in recoded[0]["articles"]} == {"en"}  # kept through the recode
    assert {m["evidence_rule"] for m in recoded[0]["mentions"]} == {"scripted:1+v2"}
    # one meeting (a symmetric root): reports of March 1-3 are within the 2-day window, March 4 is not
    assert sorted(e["num_mentions"] for e in recoded[0]["events"]) == [3, 9]


def test_mention_identity_is_one_column_list_for_python_and_sql() -> None:
    """identity() is the MENTION_IDENTITY columns of the mention's row, and DuckDB's MENTION_ID_SQL over
    those columns gives event_id, with and without a target."""
    import duckdb

    from eventwire.records import MENTION_IDENTITY
    from eventwire.store.rows import MENTION_ID_SQL

    story = Story(id="s1", text="Turkey met Iran. Rebels attacked.", date="2024-03-01")
    both = mention("s1", 0, "TURGOV", "040", "IRNGOV", start=0)
    alone = mention("s1", 1, "SYRREB", "190", None, start=17)
    rows = prepare_rows([CodedStory(story=story, events=(both, alone))])
    table = rows.mentions.select(list(MENTION_IDENTITY))
    by_index = {r["sentence_index"]: r for r in table.to_pylist()}
    for m in (both, alone):
        stored = tuple(by_index[m.sentence_index][c] for c in MENTION_IDENTITY)
        assert tuple("" if v is None and c.endswith("_code") else v for v, c in zip(stored, MENTION_IDENTITY)) == m.identity()
    con = duckdb.connect()
    con.register("m", table)
    hashed = dict(con.execute(f"SELECT sentence_index, {MENTION_ID_SQL} FROM m").fetchall())
    assert hashed == {both.sentence_index: both.event_id, alone.sentence_index: alone.event_id}
