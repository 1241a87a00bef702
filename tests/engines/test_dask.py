"""The Dask engine on a 2-worker LocalCluster: the same store as the local engine, shard by shard,
through a killed worker, an interrupted run and a bad document (issue 15, docs/scale.md)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire import app
from eventwire.app.cluster import ingest_on_cluster
from eventwire.app.options import CoderSpec, ReadOptions, RunOptions, StoreOptions
from eventwire.engines.dask import DaskEngine
from eventwire.ingest.shards import plan_shards
from eventwire.records import CodedStory
from eventwire.store.db import Store
from eventwire.store.shards import finished_shards

pytestmark = [pytest.mark.slow, pytest.mark.model]

EXAMPLE = Path(app.__file__).parents[1] / "examples" / "rferl_nato_iraq_2008.txt"

# Sentences written for these tests: a few actors and verbs, so that mentions repeat across
# stories and de-duplicate into shared events.
SENTENCES = (
    "Iraq accused Iran of arming militias in Basra.",
    "Turkey's army shelled Kurdish rebels in northern Iraq.",
    "Russia and China signed a trade agreement in Beijing.",
    "Israeli troops arrested Palestinian protesters in Hebron.",
    "The United States imposed sanctions on North Korea.",
    "Pakistan's foreign minister met his Indian counterpart in Islamabad.",
    "France condemned the attack on its embassy in Kabul.",
    "Egypt hosted talks between Hamas and Fatah in Cairo.",
)
SHARD_SIZE = 5


def _corpus(folder: Path, stories: int = 20) -> Path:
    """A folder: one JSON lines file of `stories` stories (with a repeat and a bad line) and one text file."""
    folder.mkdir()
    lines = []
    for i in range(stories):
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3)) + f" Officials gave the figure {i}."
        lines.append(json.dumps({"id": f"s{i:03d}", "text": text, "date": f"2008-04-{10 + i % 7:02d}"}))
    lines.insert(9, "{not json")  # a bad document
    lines.append(json.dumps({"id": "again", "text": json.loads(lines[2])["text"], "date": "2008-04-12"}))  # a repeat
    (folder / "stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(EXAMPLE, folder / "zz_rferl.txt")
    return folder


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One 2-worker LocalCluster for the module (each worker loads the model once)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, app.IngestSummary, dict[str, list[dict[str, Any]]]]:
    """The test corpus and what the local engine stores from it (built once for the module)."""
    root = tmp_path_factory.mktemp("reference")
    folder = _corpus(root / "in")
    summary = _ingest_locally(folder, root / "local.duckdb")
    return folder, summary, _tables(root / "local.duckdb")


def _engine(scheduler: str) -> DaskEngine:
    return DaskEngine(workers=2, batch_size=8, scheduler=scheduler, shard_size=SHARD_SIZE)


def _read(folder: Path) -> ReadOptions:
    return ReadOptions((str(folder),), date=None)


_TIMES = {"articles": ("ingested_at", "coded_at"), "events": ("date_added",), "rejects": ("recorded_at",)}
_ORDER = {
    "articles": "id",
    "sentences": "doc_id, sentence_index",
    "mentions": "mention_id",
    "events": "event_id",
    "quotes": "doc_id, start",
    "rejects": "origin, reason",
}


def _tables(db: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of the store but meta, rows in a fixed order, without the clock's columns."""
    with Store(db, read_only=True) as store:
        out = {}
        for table, order in _ORDER.items():
            rows = store.rows(f"SELECT * FROM {table} ORDER BY {order}")
            out[table] = [{k: v for k, v in r.items() if k not in _TIMES.get(table, ())} for r in rows]
        return out


def _ingest_locally(folder: Path, db: Path) -> app.IngestSummary:
    return app.ingest(_read(folder), CoderSpec(), StoreOptions(str(db)), run=RunOptions(workers=1))


def test_the_store_is_the_local_engines_row_for_row(scheduler: str, reference: Any, tmp_path: Path) -> None:
    folder, local, local_tables = reference
    engine = _engine(scheduler)
    on_dask = app.ingest(
        _read(folder), CoderSpec(), StoreOptions(str(tmp_path / "dask.duckdb")), engine=engine,
        shards_dir=str(tmp_path / "shards"),
    )
    shards = plan_shards([str(folder)], stories_per_shard=SHARD_SIZE)
    assert len(shards) >= 5 and on_dask.shards == len(shards) and on_dask.shards_coded == len(shards)
    assert (on_dask.read, on_dask.stored, on_dask.rejected, on_dask.skipped) == (
        local.read, local.stored, local.rejected, local.skipped,
    )
    dask_tables = _tables(tmp_path / "dask.duckdb")
    assert local_tables["mentions"] and local_tables["events"] and local_tables["rejects"]
    for table in _ORDER:
        assert dask_tables[table] == local_tables[table], table


def test_code_to_stdout_gives_the_local_engines_records_in_order(scheduler: str, tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in", stories=12)
    (folder / "zz_rferl.txt").unlink()
    on_cluster = list(app.code(_read(folder), CoderSpec(), engine=_engine(scheduler)))
    here = list(app.code(_read(folder), CoderSpec(), run=RunOptions(workers=1)))
    assert sum(isinstance(i, CodedStory) for i in here) == 12 and on_cluster == here  # with the reject and the repeat


def test_a_killed_worker_still_loads_every_shard_once(scheduler: str, reference: Any, tmp_path: Path) -> None:
    folder, _, local_tables = reference
    killed: list[int] = []

    def kill_one_worker_mid_run(client: Any) -> None:
        def kill() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not any(client.processing().values()):
                time.sleep(0.05)
            pid = next(iter(client.run(os.getpid).values()))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

        threading.Thread(target=kill, daemon=True).start()

    db = tmp_path / "dask.duckdb"
    with Store(db) as store:
        summary = ingest_on_cluster(
            store, _read(folder), CoderSpec(), _engine(scheduler), 8, str(tmp_path / "shards"),
            on_client=kill_one_worker_mid_run,
        )
        loaded = store.loaded_shards(CoderSpec().version)
    shards = plan_shards([str(folder)], stories_per_shard=SHARD_SIZE)
    assert killed and not summary.failed_shards
    assert loaded == {s.id for s in shards} and summary.shards_coded == len(shards)
    manifest = (tmp_path / "shards" / "manifest.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["shard"] for line in manifest) == sorted(s.id for s in shards)  # each once
    assert _tables(db) == local_tables


class _Stop(Exception):
    pass


def test_a_rerun_redoes_only_the_unfinished_shards(scheduler: str, reference: Any, tmp_path: Path) -> None:
    folder, _, local_tables = reference
    db, out = tmp_path / "dask.duckdb", str(tmp_path / "shards")
    shards = plan_shards([str(folder)], stories_per_shard=SHARD_SIZE)
    spec = CoderSpec()

    def stop_after_first_commit(summary: app.IngestSummary) -> None:
        raise _Stop

    with Store(db) as store, pytest.raises(_Stop):
        ingest_on_cluster(store, _read(folder), spec, _engine(scheduler), 1, out, stop_after_first_commit)
    with Store(db) as store:
        loaded_before = store.loaded_shards(spec.version)
    done_before = loaded_before | set(finished_shards(out, spec.version))
    assert 0 < len(loaded_before) and len(done_before) < len(shards)  # interrupted part-way

    with Store(db) as store:
        summary = ingest_on_cluster(store, _read(folder), spec, _engine(scheduler), 8, out)
        loaded = store.loaded_shards(spec.version)
    assert summary.shards_done_before == len(done_before)
    assert summary.shards_coded == len(shards) - len(done_before)  # only the unfinished ones were coded
    assert loaded == {s.id for s in shards}
    assert _tables(db) == local_tables


def test_a_bad_document_is_a_reject_not_a_lost_shard(scheduler: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = {"id": "ok", "text": SENTENCES[0] + " " + SENTENCES[1], "date": "2008-04-17"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "empty", "text": ""}), json.dumps({**good, "id": "ok2", "text": SENTENCES[2]})]
    (folder / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "parquet"
    summary = app.code_to_parquet(_read(folder), CoderSpec(), str(out), engine=_engine(scheduler))
    assert summary.failed_shards == [] and summary.shards_coded == 1
    assert (summary.coded, summary.rejected) == (2, 2)
    import duckdb

    mentions = duckdb.sql(
        f"SELECT DISTINCT doc_id FROM read_parquet('{out}/mentions/*/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert sorted(r[0] for r in mentions) == ["ok", "ok2"]
    rejects = [json.loads(line) for f in out.glob("mentions/*/*.rejects.jsonl") for line in f.read_text().splitlines()]
    assert sorted(r["origin"].rsplit(":", 1)[1] for r in rejects) == ["2", "3"]


def test_recode_through_engine_map_rewrites_the_same_store(scheduler: str, tmp_path: Path) -> None:
    """`recode` has stories, not paths: the engine's `map` sends them to the workers."""
    folder = _corpus(tmp_path / "in", stories=10)
    (folder / "zz_rferl.txt").unlink()
    db = tmp_path / "store.duckdb"
    _ingest_locally(folder, db)
    before = _tables(db)
    summary = app.recode(CoderSpec(), StoreOptions(str(db), commit_size=4), everything=True, engine=_engine(scheduler))
    assert summary.recoded == 10 and summary.rejected == 0
    assert _tables(db) == before
