"""Prepared rows: coded stories become Arrow rows where they were coded, and the writer stores them
exactly as it stores the coded stories themselves."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).parent))

from store_fakes import FILLER, mention, scripted_factory, story_line, where_finished, write_jsonl  # noqa: E402

from eventwire.engines.local import code_and_finish_in_pool  # noqa: E402
from eventwire.records import CodedStory, CodingOptions, Reject, Story  # noqa: E402
from eventwire.store import Store, ingest  # noqa: E402
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
    back = pickle.loads(pickle.dumps(rows))
    for name in ("articles", "sentences", "mentions", "quotes"):
        assert getattr(back, name).equals(getattr(rows, name)), name
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
    later = [CodedStory(story=Story(id="d", text=FILLER, date="2024-03-02", source="AFP"),
                        events=(mention("d", 1, "TURGOV", "040", "IRNGOV", place="Ankara", country="TUR"),))]  # fmt: skip
    with Store(tmp_path / "coded.duckdb") as coded, Store(tmp_path / "rows.duckdb") as rows:
        for part in (batch, later, batch[:1]):  # the last write replaces story a
            coded.write(part, languages={"a": "en"})
            rows.write(prepare_rows(part, {"a": "en"}))
        assert _content(rows) == _content(coded)
        assert rows.counts()["events"] == 2  # the Ankara meeting (3 outlets) and the undated clash


def test_pool_finishes_each_task_in_its_worker_and_passes_rejects_in_order() -> None:
    items: list[Story | Reject] = []
    for i in range(12):
        if i % 5 == 0:
            items.append(Reject(origin=f"bad{i}", reason="empty", message=f"bad{i}: is empty"))
        items.append(Story(id=f"s{i:02d}", text=story_line("TURGOV", "040", "IRNGOV"), date="2024-03-01"))
    out = list(
        code_and_finish_in_pool(
            items, where_finished, workers=2, dictionaries_path=None, options=CodingOptions(),
            chunk_size=2, task_size=5, coder_factory=scripted_factory,
        )
    )  # fmt: skip
    rejects = [o.origin for o in out if isinstance(o, Reject)]
    finished = [o for o in out if not isinstance(o, Reject)]
    assert rejects == ["bad0", "bad5", "bad10"]
    assert [ids for _, ids in finished] == [  # tasks of 5 items (rejects included), their stories in order
        ["s00", "s01", "s02", "s03"],
        ["s04", "s05", "s06", "s07"],
        ["s08", "s09", "s10", "s11"],
    ]
    pids = {pid for pid, _ in finished}
    assert os.getpid() not in pids and len(pids) >= 1  # finished in the workers, not here


def test_ingest_with_two_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    records = [
        {
            "id": f"s{i:02d}",
            "source": f"outlet{i % 3}",
            "date": f"2024-03-{1 + i % 4:02d}",
            "text": story_line(["TURGOV", "IRNGOV"][i % 2], "040", ["IRNGOV", "TURGOV"][i % 2], "Ankara,TUR")
            + f"\nReport number {i} of the visit, filed by outlet {i % 3} on day {i}.",
        }
        for i in range(12)
    ]
    source = write_jsonl(tmp_path / "news.jsonl", records)
    contents = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            summary = ingest(
                store, [source], workers=workers, coder_factory=scripted_factory, batch_size=2, commit_size=8
            )
            assert summary.stored == 12 and summary.mentions == 12, summary.summary()
            contents.append(_content(store))
    assert contents[0] == contents[1]
    assert {a["language"] for a in contents[0]["articles"]} == {"en"}
    # one meeting (a symmetric root): reports of March 1-3 are within the 2-day window, March 4 is not
    assert sorted(e["num_mentions"] for e in contents[0]["events"]) == [3, 9]
