"""`eventwire serve` as a process: it starts and answers; while it holds the store, an `eventwire
ingest` into the same file is refused with one line that says what to do; --watch codes for real."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "eventwire" / "examples" / "rferl_nato_iraq_2008.txt"
pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "EVENTWIRE_TOKEN": ""}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _eventwire(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventwire", *args], capture_output=True, text=True, env=_env(), timeout=timeout
    )


def _wait_for(url: str, proc: subprocess.Popen[str], seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited ({proc.returncode}): {proc.stderr.read() if proc.stderr else ''}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} in {seconds} s")


@contextlib.contextmanager
def serving(db: str, *args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`eventwire serve --db DB ARGS` on a free loopback port, stopped (SIGTERM) afterwards."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", db, "--port", str(port), "--log-level", "warning", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=30)  # drains and closes the pipe
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


@pytest.fixture
def server(api_db: str, tmp_path: Path) -> Iterator[tuple[str, str, subprocess.Popen[str]]]:
    """A read-only server over a copy of the test store."""
    db = str(tmp_path / "served.duckdb")
    shutil.copy(api_db, db)
    with serving(db) as (base, proc):
        yield base, db, proc


def test_api_serve_answers_and_refuses_a_second_writer(server: tuple[str, str, subprocess.Popen[str]]) -> None:
    base, db, proc = server
    meta = _wait_for(f"{base}/api/v1/meta", proc)
    assert meta.status_code == 200 and meta.json()["store"]["writable"] is False
    events = httpx.get(f"{base}/api/v1/events", params={"actor": "IRQ", "limit": 2}).json()
    assert len(events["results"]) == 2 and events["next_cursor"]
    assert httpx.get(f"{base}/api/v1/events", params={"bogus": 1}).json()["error"]["field"] == "bogus"
    # the server holds the store: a second process cannot write it
    refused = _eventwire("ingest", str(EXAMPLE), "--date", "2008-04-17", "--db", db)
    assert refused.returncode == 2
    (line,) = refused.stderr.strip().splitlines()
    assert "eventwire serve" in line and "--watch" in line and line.startswith("error: ")
    # reading alongside it is fine (read-only opens share the file)
    assert _eventwire("query", "--db", db, "--limit", "1", "--format", "jsonl").returncode == 0
    assert proc.poll() is None


def test_api_serve_refuses_an_open_address_without_token(api_db: str) -> None:
    result = _eventwire("serve", "--db", api_db, "--host", "0.0.0.0", "--port", "0", timeout=60)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "--token" in line and "--public" in line


def test_api_serve_missing_store_is_one_line(tmp_path: Path) -> None:
    result = _eventwire("serve", "--db", str(tmp_path / "none.duckdb"), "--port", "0", timeout=60)
    assert result.returncode == 2 and "eventwire ingest" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.model
def test_api_serve_watch_codes_for_real(tmp_path: Path) -> None:
    """--watch: the server ingests a source with the real coder, in-process, into a new store, the API
    shows it, and an `eventwire ingest` meanwhile is refused (the server is the one writer)."""
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "rferl", "date": "2008-04-17", "text": EXAMPLE.read_text(encoding="utf-8")}) + "\n")
    db = str(tmp_path / "watched.duckdb")
    with serving(db, "--watch", str(source), "--every", "1h") as (base, proc):
        _wait_for(f"{base}/api/v1/meta", proc)
        deadline = time.monotonic() + 180
        events: list[dict[str, object]] = []
        while not events and time.monotonic() < deadline:
            time.sleep(1)
            events = httpx.get(f"{base}/api/v1/events", params={"actor": "IRQ"}, timeout=60).json()["results"]
        assert events, "the watch round coded nothing in 180 s"
        assert httpx.get(f"{base}/api/v1/meta", timeout=60).json()["store"]["writable"] is True
        refused = _eventwire("ingest", str(source), "--db", db)
        assert refused.returncode == 2 and "eventwire serve" in refused.stderr
