"""Shards without a cluster: cutting the input, reading a shard as the local reader reads it, the
shard Parquet files and manifest, and a store that records loaded shards in the batch's transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import read_sources
from eventwire.ingest.shards import plan_shards, read_shard
from eventwire.records import ActorRef, CodedStory, EventMention, Evidence, Reject, Story
from eventwire.store.db import Store
from eventwire.store.rows import prepare_rows
from eventwire.store.shards import (
    MANIFEST,
    ShardFiles,
    finished_shards,
    read_shard_rows,
    record_finished,
    write_shard_rows,
)

SETTINGS = {"max_story_chars": 100_000, "max_bytes": 10_000_000, "language_check": False}


def _jsonl(path: Path, n: int, *, trailing_newline: bool = True) -> Path:
    lines = [json.dumps({"id": f"s{i}", "text": f"Story number {i} about talks in Cairo.", "date": "2008-04-17"}) for i in range(n)]
    lines.insert(4, "")  # a blank line: counted, so later origins keep the file's line numbers
    lines.insert(7, "{bad")
    path.write_text("\n".join(lines) + ("\n" if trailing_newline else ""), encoding="utf-8")
    return path


@pytest.mark.parametrize("trailing_newline", [True, False])
def test_jsonl_shards_read_as_the_whole_file_reads(tmp_path: Path, trailing_newline: bool) -> None:
    path = _jsonl(tmp_path / "a.jsonl", 17, trailing_newline=trailing_newline)
    shards = plan_shards([str(path)], stories_per_shard=5)
    assert len(shards) == 4 and [s.first_line for s in shards] == [1, 6, 11, 16]
    assert shards[-1].end == path.stat().st_size and shards[-1].lines == 4
    from_shards = [item for s in shards for item in read_shard(s, **SETTINGS)]
    assert from_shards == list(read_sources([str(path)], language_check=False))
    assert any(isinstance(i, Reject) and i.origin.endswith(":8") for i in from_shards)
    assert len({s.id for s in shards}) == 4 and [s.id for s in plan_shards([str(path)], stories_per_shard=5)] == [
        s.id for s in shards
    ]  # the same input gives the same ids


def test_a_folder_groups_one_story_files_and_keeps_other_files_whole(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Story {i}: Egypt hosted talks in Cairo.", encoding="utf-8")
    _jsonl(folder / "b.jsonl", 3)
    (folder / "c.txt").write_text("Another story about talks.", encoding="utf-8")
    shards = plan_shards([str(folder)], stories_per_shard=2)
    # 0-1, 2-3, 4, b.jsonl's 5 lines cut in 3 ranges, c.txt
    assert [(len(s.files), s.end is not None) for s in shards] == [(2, False), (2, False), (1, False)] + [
        (1, True)
    ] * 3 + [(1, False)]
    from_shards = [item for s in shards for item in read_shard(s, **SETTINGS)]
    assert from_shards == list(read_sources([str(folder)], language_check=False))


def test_input_smaller_than_the_shards_wanted_is_cut_finer(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", 10)  # 12 lines (a blank and a bad one among them)
    assert len(plan_shards([str(path)], stories_per_shard=100)) == 1
    shards = plan_shards([str(path)], stories_per_shard=100, min_shards=4)
    assert [s.lines for s in shards] == [3, 3, 3, 3]
    assert [item for s in shards for item in read_shard(s, **SETTINGS)] == list(
        read_sources([str(path)], language_check=False)
    )
    again = plan_shards([str(path)], stories_per_shard=100, min_shards=4)
    assert [s.id for s in again] == [s.id for s in shards]  # a re-run finds the same shards
    # never larger than asked, and enough shards already: unchanged
    assert len(plan_shards([str(path)], stories_per_shard=2, min_shards=4)) == 6
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(f"Story {i}: Egypt hosted talks in Cairo.", encoding="utf-8")
    assert [len(s.files) for s in plan_shards([str(folder)], stories_per_shard=50, min_shards=3)] == [2, 2, 2]


def test_stdin_and_urls_cannot_be_sharded(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="stdin or URLs"):
        plan_shards(["-"])
    with pytest.raises(InputError, match="stdin or URLs"):
        plan_shards(["https://example.org/feed"])


def _coded(doc_id: str) -> CodedStory:
    story = Story(id=doc_id, text="Egypt hosted talks in Cairo.", date="2008-04-17", origin=f"{doc_id}.txt")
    mention = EventMention(
        doc_id=doc_id, sentence_index=0, sentence=story.text, sentence_start=0,
        source=ActorRef("EGY", "Egypt", 0, 5), target=None, code="043",
        evidence=Evidence("hosted", 6, 12, "test:1"), date="2008-04-17",
    )
    return CodedStory(story, (mention,))


def test_shard_files_round_trip_and_the_manifest_needs_every_file(tmp_path: Path) -> None:
    rows = prepare_rows([_coded("a"), _coded("b")], mention_ids=True)
    rejects = [Reject("x.jsonl:3", "bad-record", "x.jsonl:3: is not valid JSON")]
    files = ShardFiles(str(tmp_path), "eventwire 0.1.0+abc", "s1")
    assert write_shard_rows(files, rows, rejects) == 2
    assert files.mentions.endswith("mentions/coder=eventwire 0.1.0+abc/shard=s1.parquet")
    back, back_rejects = read_shard_rows(files)
    assert back == rows and back_rejects == rejects
    assert not list(tmp_path.rglob("*.tmp"))
    assert finished_shards(str(tmp_path), files.coder) == {}  # written, not yet in the manifest
    record_finished(str(tmp_path), [{"shard": "s1", "coder": files.coder}, {"shard": "s2", "coder": files.coder}])
    with open(tmp_path / MANIFEST, "ab") as f:
        f.write(b'{"shard": "s3", "cod')  # a line cut by a crash
    assert set(finished_shards(str(tmp_path), files.coder)) == {"s1"}  # s2 has no files, s3 a cut line
    assert finished_shards(str(tmp_path), "another coder") == {}


def test_the_store_records_loaded_shards_in_the_batchs_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = prepare_rows([_coded("a")], mention_ids=True)
    with Store(tmp_path / "s.duckdb") as store:
        store.write(rows, coder_version="v1", shards=["s1", "s2"])
        assert store.loaded_shards("v1") == {"s1", "s2"} and store.loaded_shards("v2") == set()

        def fail(*args: object) -> None:
            raise RuntimeError("disk full")

        monkeypatch.setattr(store, "_insert", fail)
        with pytest.raises(RuntimeError):
            store.write(prepare_rows([_coded("b")], mention_ids=True), coder_version="v1", shards=["s3"])
        assert store.loaded_shards("v1") == {"s1", "s2"}  # rolled back with the rows
        assert store.counts()["articles"] == 1


def test_a_local_cluster_cuts_small_input_into_two_shards_per_worker(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from eventwire.app import ReadOptions
    from eventwire.app.cluster import _plan
    from eventwire.engines.dask import DaskEngine

    read = ReadOptions((str(_jsonl(tmp_path / "a.jsonl", 10)),))
    assert len(_plan(read, DaskEngine(workers=2))) == 4  # the default shard size, 10,000, would give 1
    # a running cluster's size is unknown: its shards are --shard-size stories
    assert len(_plan(read, DaskEngine(workers=2, scheduler="tcp://127.0.0.1:8786"))) == 1
