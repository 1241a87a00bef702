"""The store on disk (issue 13, items 9 and 10): a failed creation leaves nothing behind, a 0-byte file
is a new store, damage says how to recover, committed batches reach the .duckdb file, backup and check."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_fakes import scripted_factory, story_line, write_jsonl  # noqa: E402

import eventwire.store.db as db_module  # noqa: E402
from eventwire.app.pipeline import ingest  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.errors import StoreError, StoreFullError  # noqa: E402


def small_store(path: Path, n: int = 3) -> None:
    records = [
        {"id": f"r{i}", "source": "Reuters", "date": "2024-03-01",
         "text": story_line("TURGOV", "040", "IRNGOV", words=f"The ministers of Turkey and Iran met for the {i}th time")}
        for i in range(n)
    ]  # fmt: skip
    with Store(path) as s:
        ingest(s, [write_jsonl(path.parent / "in.jsonl", records)], workers=1, coder_factory=scripted_factory)


def test_store_full_disk_while_creating_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while a new store's schema is written: no empty .duckdb (or .wal) is left, so
    rerunning the same command, as the message advises, creates the store."""
    path = tmp_path / "new.duckdb"

    def full(*args: object, **kw: object) -> None:
        raise duckdb.IOException("IO Error: Could not write file: No space left on device")

    monkeypatch.setattr(db_module, "ensure_schema", full)
    with pytest.raises(StoreFullError, match="rerun the same command"):
        Store(path)
    assert sorted(os.listdir(tmp_path)) == []
    monkeypatch.undo()
    with Store(path) as s:
        assert s.counts()["articles"] == 0


def test_store_zero_byte_file_is_a_new_store(tmp_path: Path) -> None:
    """A 0-byte file at the --db path (left by an earlier failure) is opened as a new store."""
    path = tmp_path / "e.duckdb"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="empty"):
        Store(path, read_only=True)
    with Store(path) as s:
        assert s.counts()["articles"] == 0
    assert path.stat().st_size > 0


def test_store_checksum_error_says_how_to_recover(tmp_path: Path) -> None:
    path = tmp_path / "e.duckdb"
    small_store(path, 400)
    size = path.stat().st_size
    with open(path, "r+b") as f:  # damage every data block (the file header is the first 12 KB)
        for offset in range(12288 + 64, size, 32768):
            f.seek(offset)
            f.write(b"\xff" * 64)
    with pytest.raises(StoreError) as caught:
        with Store(path, read_only=True) as s:
            s.rows("SELECT * FROM articles")
            s.rows("SELECT * FROM mentions")
            s.rows("SELECT * FROM sentences")
    message = str(caught.value)
    assert "damaged" in message and "backup" in message and "ingest" in message


def test_store_committed_batches_reach_the_duckdb_file(tmp_path: Path) -> None:
    """After ingest's commits, the .duckdb file alone (without its .wal) holds every committed story:
    a copy of it, taken while the store is still open, as after a kill, is a whole store."""
    import shutil

    path = tmp_path / "e.duckdb"
    records = [
        {"id": f"r{i}", "source": "Reuters", "date": "2024-03-01",
         "text": story_line("TURGOV", "040", "IRNGOV", words=f"The ministers of Turkey and Iran met for the {i}th time")}
        for i in range(10)
    ]  # fmt: skip
    store = Store(path)
    try:
        ingest(store, [write_jsonl(tmp_path / "in.jsonl", records)], workers=1, coder_factory=scripted_factory,
               commit_size=4)  # fmt: skip
        copy = tmp_path / "copy.duckdb"
        shutil.copyfile(path, copy)  # the .duckdb only, as a user copying "the store file" would
    finally:
        store.close()
    with Store(copy, read_only=True) as s:
        assert s.counts()["articles"] == 10


def test_store_backup_and_check_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`store backup` makes a whole copy that `store check` finds sound; a damaged store is reported
    with the way to recover, exit 2, no traceback."""
    from eventwire.cli import main

    path = tmp_path / "e.duckdb"
    small_store(path, 5)
    copy = tmp_path / "backups" / "copy.duckdb"
    assert main(["store", "backup", "--db", str(path), str(copy)]) == 0
    assert "no problems found" in capsys.readouterr().err
    assert main(["store", "check", "--db", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "5 articles" in out and "no problems found" in out
    assert main(["store", "backup", "--db", str(path), str(copy)]) == 2
    assert "exists already" in capsys.readouterr().err
    size = copy.stat().st_size
    with open(copy, "r+b") as f:
        for offset in range(12288 + 64, size, 32768):
            f.seek(offset)
            f.write(b"\xff" * 64)
    assert main(["store", "check", "--db", str(copy)]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "Traceback" not in err


def test_store_check_reports_broken_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eventwire.cli import main

    path = tmp_path / "e.duckdb"
    small_store(path, 3)
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM articles WHERE id = 'r1'")
    con.close()
    assert main(["store", "check", "--db", str(path)]) == 1
    assert "mentions without their article" in capsys.readouterr().out


def test_query_like_wildcards_are_literal(tmp_path: Path) -> None:
    """`query --actor %`, `--text _` and `--place %` match a literal % or _, not everything."""
    from eventwire.store.query import EventFilter, query_events

    path = tmp_path / "e.duckdb"
    small_store(path, 2)
    with Store(path, read_only=True) as s:
        assert len(query_events(s)) >= 1
        for flt in (EventFilter(actor="%"), EventFilter(actor="_"), EventFilter(text="%"), EventFilter(text="_ _"),
                    EventFilter(place="%")):  # fmt: skip
            assert query_events(s, flt.validated()) == [], flt
        assert query_events(s, EventFilter(text="ministers").validated()) != []


def test_store_events_at_the_calendar_edges(tmp_path: Path) -> None:
    """Events dated 0001-01-01 and 9999-12-31 (`--date` extremes) are stored and grouped, no OverflowError."""
    records = [
        {"id": "a", "source": "Reuters", "date": "0001-01-01",
         "text": story_line("TURGOV", "040", "IRNGOV", words="The ministers of Turkey and Iran met again")},
        {"id": "b", "source": "Reuters", "date": "9999-12-31",
         "text": story_line("TURGOV", "040", "IRNGOV", words="The ministers of Turkey and Iran met once more")},
    ]  # fmt: skip
    with Store(tmp_path / "e.duckdb") as s:
        ingest(s, [write_jsonl(tmp_path / "in.jsonl", records)], workers=1, coder_factory=scripted_factory)
        assert s.counts()["events"] == 2
