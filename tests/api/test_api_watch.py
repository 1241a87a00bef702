"""`--watch`: the server is the store's one writer; what a round ingests shows in the API at once."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from store_fakes import scripted_factory, story_line, write_jsonl  # noqa: E402

from eventwire.api import ApiSettings, create_app  # noqa: E402
from eventwire.api.served import ServedStore  # noqa: E402
from eventwire.api.watch import Watcher, WatchSettings, parse_interval  # noqa: E402
from eventwire.engines.local import LocalEngine  # noqa: E402
from eventwire.errors import OptionError  # noqa: E402


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("90s", 90), ("1h", 3600), ("2", 2), ("1.5m", 90), ("1d", 86400)])
def test_api_watch_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0s", "15 minutes", "-5m"])
def test_api_watch_bad_intervals(text: str) -> None:
    with pytest.raises(OptionError) as caught:
        parse_interval(text)
    assert caught.value.field == "every"


def test_api_watch_needs_a_writable_store(api_db: str) -> None:
    served = ServedStore(api_db)
    try:
        with pytest.raises(OptionError):
            Watcher(served, WatchSettings(("x.jsonl",)))
    finally:
        served.close()


def test_api_watch_rounds_ingest_and_requests_see_them(api_db: str, tmp_path: Path) -> None:
    db = str(tmp_path / "watched.duckdb")
    shutil.copy(api_db, db)
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {"id": "w1", "date": "2011-02-01", "text": story_line("TURGOV", "040", "IRNGOV")},
            {"id": "w2", "date": "2011-02-03", "text": story_line("TURGOV", "190", "SYRMIL", place="Aleppo,SYR")},
        ],
    )
    served = ServedStore(db, writable=True)
    engine = LocalEngine(1, coder_factory=scripted_factory)
    watcher = Watcher(served, WatchSettings((feed,), every=0.2), engine=engine)
    with TestClient(create_app(ApiSettings(db=db), served=served)) as client:
        assert client.get("/api/v1/events", params={"source": "TURGOV"}).json()["results"] == []
        assert client.get("/api/v1/meta").json()["store"]["writable"] is True
        watcher.start()  # the background thread, as `serve --watch` runs it
        deadline = time.monotonic() + 30
        while watcher.rounds < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        watcher.stop(timeout=30)
        assert watcher.last_error is None and "already in the store" in (watcher.last_summary or "")
        found = client.get("/api/v1/events", params={"source": "TURGOV"}).json()["results"]
        assert sorted(r["code"] for r in found) == ["040", "190"]  # once each, though read every round
        assert client.get("/api/v1/articles/w2").json()["events"][0]["place"]["name"] == "Aleppo"


def test_api_watch_round_failure_is_logged_and_survived(api_db: str, tmp_path: Path) -> None:
    db = str(tmp_path / "watched.duckdb")
    shutil.copy(api_db, db)
    served = ServedStore(db, writable=True)
    watcher = Watcher(served, WatchSettings((str(tmp_path / "missing.jsonl"),)), engine=LocalEngine(1, coder_factory=scripted_factory))
    try:
        watcher.run_once()
        assert watcher.rounds == 1 and "missing.jsonl" in (watcher.last_error or "")
    finally:
        served.close()
