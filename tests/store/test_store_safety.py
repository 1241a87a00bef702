"""store: schema versions, locks, crashes and a full disk give clear errors and lose nothing committed."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from store_fakes import scripted_factory, story_line, write_jsonl  # noqa: E402

from eventwire.app.pipeline import ingest  # noqa: E402
from eventwire.errors import EventwireError  # noqa: E402
from eventwire.store import (  # noqa: E402
    SCHEMA_VERSION,
    Store,
    StoreError,
    StoreFullError,
    StoreLockedError,
    StoreSchemaError,
    schema,  # noqa: E402
)
from eventwire.store.errors import store_error  # noqa: E402

HERE = Path(__file__).parent
SRC = Path(__file__).resolve().parents[2] / "src"


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(HERE), env.get("PYTHONPATH", "")])
    return env


def count(path: Path, table: str) -> int:
    with Store(path, read_only=True) as store:
        return store.counts()[table]


def consistent(path: Path) -> bool:
    with Store(path, read_only=True) as store:
        orphans = store.execute(
            "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = m.event_id)"
        ).fetchall()[0][0]
        total = store.execute("SELECT coalesce(sum(num_mentions), 0) FROM events").fetchall()[0][0]
        return orphans == 0 and total == store.counts()["mentions"]


# --- schema -------------------------------------------------------------------------------------


def test_new_store_records_its_schema_version(tmp_path: Path) -> None:
    """A new store has every table and meta.schema_version = the current version."""
    with Store(tmp_path / "s.duckdb") as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION)
        tables = {r[0] for r in store.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == set(schema.TABLES)


def test_quotes_table_has_the_documented_shape(tmp_path: Path) -> None:
    """The quotes table is {doc_id, speaker_code, speaker_text, quote, start, end, date}."""
    with Store(tmp_path / "s.duckdb") as store:
        columns = [r[0] for r in store.execute("DESCRIBE quotes").fetchall()]
    assert columns == ["doc_id", "speaker_code", "speaker_text", "quote", "start", "end", "date"]


def test_newer_store_is_refused(tmp_path: Path) -> None:
    """A store written by a newer eventwire (higher schema version) is refused: upgrade eventwire."""
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    with pytest.raises(StoreSchemaError, match="newer eventwire.*upgrade eventwire") as info:
        Store(path)
    assert info.value.where == str(path)


def test_older_store_without_a_migration_is_refused(tmp_path: Path) -> None:
    """An older store that no migration reaches is refused, and left untouched."""
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreSchemaError, match="cannot migrate"):
        Store(path)
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("0",)]


def test_older_store_is_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An older store is migrated step by step (each in a transaction) and its version raised."""
    path = tmp_path / "s.duckdb"
    Store(path).close()

    def add_column(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("ALTER TABLE articles ADD COLUMN section VARCHAR")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION, add_column)
    with Store(path) as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION + 1)
        assert "section" in [r[0] for r in store.execute("DESCRIBE articles").fetchall()]


def _articles_as_schema_2(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the articles table as schema 2 had it: no text_key/url_key, no index on them."""
    con.execute("DROP INDEX articles_text_key")
    con.execute("DROP INDEX articles_url_key")
    con.execute("ALTER TABLE articles DROP COLUMN text_key")
    con.execute("ALTER TABLE articles DROP COLUMN url_key")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def test_schema_1_store_is_migrated_to_current_keeping_every_mention(tmp_path: Path) -> None:
    """A store written with schema 1 (mentions keyed by a PRIMARY KEY) opens as the current schema: same
    rows, no key, and it takes new batches (including a replaced story) as before."""
    from store_fakes import mention

    from eventwire.records import CodedStory, Story

    path = tmp_path / "s.duckdb"

    def coded(doc: str, version: int) -> CodedStory:
        story = Story(id=doc, text=f"{doc} v{version}", date="2024-03-01", source="Reuters")
        return CodedStory(story=story, events=(mention(doc, 0, "TURGOV", "040", "IRNGOV"),))

    with Store(path) as store:
        store.write([coded("a", 1), coded("b", 1)])
        before = store.execute("SELECT * FROM mentions ORDER BY mention_id").fetchall()
    with duckdb.connect(str(path)) as con:  # rebuild the schema-1 mentions table as eventwire 0.1 wrote it
        _articles_as_schema_2(con)
        con.execute("ALTER TABLE mentions RENAME TO m2")
        con.execute(schema.MENTIONS_DDL.replace("mention_id VARCHAR NOT NULL", "mention_id VARCHAR PRIMARY KEY"))
        con.execute("INSERT INTO mentions SELECT * FROM m2")
        con.execute("DROP TABLE m2")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'mentions' "
                           "AND constraint_type = 'PRIMARY KEY'").fetchall() == [(1,)]  # fmt: skip

    with Store(path) as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION)
        assert store.execute("SELECT * FROM mentions ORDER BY mention_id").fetchall() == before
        assert store.execute(
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'mentions' AND constraint_type = 'PRIMARY KEY'"
        ).fetchall() == [(0,)]
        store.write([coded("a", 2), coded("c", 1)])
        assert store.counts()["mentions"] == 3
        assert store.execute("SELECT count(DISTINCT mention_id) FROM mentions").fetchall() == [(3,)]
    assert consistent(path)


def test_schema_2_store_gains_duplicate_keys_and_still_opens_read_only(tmp_path: Path) -> None:
    """A schema-2 store (no text_key/url_key) opens read-only as it is (queries need no key), and a
    writing open migrates it to 3: every article gets the keys an ingest computes, indexed; a later
    ingest of a near-copy of a stored story (issue 13) is then a duplicate."""
    from eventwire.ingest.duplicates import duplicate_keys

    path = tmp_path / "s.duckdb"
    text = story_line("TURGOV", "040", "IRNGOV")
    source = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "date": "2024-03-01", "text": text, "url": "https://x.org/a"}])
    with Store(path) as store:
        ingest(store, [source], coder_factory=scripted_factory)
    with duckdb.connect(str(path)) as con:
        _articles_as_schema_2(con)
    with Store(path, read_only=True) as store:
        assert store.meta("schema_version") == "2"
        assert store.counts()["articles"] == 1 and len(store.events()) == 1
    with Store(path) as store:
        assert store.meta("schema_version") == "3"
        assert store.execute("SELECT id, text_key, url_key FROM articles").fetchall() == [
            ("a", *duplicate_keys(text, "https://x.org/a"))
        ]
        indexes = {r[0] for r in store.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'articles'").fetchall()}
        assert {"articles_text_key", "articles_url_key"} <= indexes
        near = write_jsonl(tmp_path / "b.jsonl", [{"id": "b", "date": "2024-03-01", "text": text.upper() + " "}])
        assert ingest(store, [near], coder_factory=scripted_factory).duplicates == 1
        assert store.counts()["articles"] == 1
    assert consistent(path)


def test_older_store_opened_read_only_says_how_to_migrate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only open (query, export) of an older store does not migrate it and says what will."""
    path = tmp_path / "s.duckdb"
    Store(path).close()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreSchemaError, match="open it once for writing"):
        Store(path, read_only=True)


def test_a_duckdb_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    """A DuckDB database without eventwire's meta table is not taken over."""
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE sales (x INTEGER)")
    with pytest.raises(StoreSchemaError, match="not an eventwire store"):
        Store(path)


def test_a_file_that_is_not_duckdb_is_refused(tmp_path: Path) -> None:
    """A file that is not a DuckDB database is refused with a clear message, not a traceback."""
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes\n" * 100)
    with pytest.raises(StoreSchemaError, match="not an eventwire store"):
        Store(path)
    assert path.read_text().startswith("these are my notes")


def test_read_only_open_of_a_missing_store_says_to_ingest(tmp_path: Path) -> None:
    """query/export on a path with no store say to run ingest first (and create nothing)."""
    with pytest.raises(StoreError, match="eventwire ingest"):
        Store(tmp_path / "none.duckdb", read_only=True)
    assert not (tmp_path / "none.duckdb").exists()


def test_a_store_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    """A --db path whose folder does not exist is a StoreError saying so."""
    with pytest.raises(StoreError, match="folder does not exist"):
        Store(tmp_path / "no" / "such" / "s.duckdb")


# --- locks --------------------------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from eventwire.store import Store
    store = Store(sys.argv[1])
    print("ready", flush=True)
    time.sleep(60)
    """
)


def test_store_locked_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    """While another process holds the store for writing, opening it raises StoreLockedError naming the PID."""
    path = tmp_path / "s.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True, env=child_env()
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match=rf"in use by another process \(PID {holder.pid}\)") as info:
            Store(path)
        assert isinstance(info.value, EventwireError)
        with pytest.raises(StoreLockedError):
            Store(path, read_only=True)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]
    with Store(path) as store:  # free again once the holder is gone
        assert store.counts()["articles"] == 0


# --- crashes ------------------------------------------------------------------------------------

CRASHING_INGEST = textwrap.dedent(
    """
    import sys
    from store_fakes import scripted_factory
    from eventwire.app.pipeline import ingest
    from eventwire.store import Store
    with Store(sys.argv[1]) as store:
        ingest(store, [sys.argv[2]], workers=1, coder_factory=scripted_factory, batch_size=2, commit_size=2)
    """
)


@pytest.mark.slow
def test_crash_mid_run_keeps_committed_batches_and_a_rerun_finishes(tmp_path: Path) -> None:
    """A process killed while coding batch 2 leaves batch 1 complete; the same ingest again finishes the job."""
    flag = tmp_path / "crash-now"
    flag.write_text("")
    records = [
        {"id": f"s{i}", "date": "2024-03-01", "text": story_line("TURGOV", "040", "IRNGOV", words=f"Report {i} says")}
        for i in range(5)
    ]
    records.insert(3, {"id": "boom", "date": "2024-03-01", "text": f"{story_line('USAGOV', '190', 'IRNMIL')}\nCRASH {flag}"})
    source = write_jsonl(tmp_path / "in.jsonl", records)
    path = tmp_path / "s.duckdb"
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_INGEST, str(path), source], env=child_env(), capture_output=True, text=True
    )
    assert crashed.returncode == 3, crashed.stderr
    assert count(path, "articles") == 2  # batch 1 (s0, s1) committed; batch 2 (s2, boom) never was
    assert consistent(path)
    flag.unlink()
    with Store(path) as store:
        summary = ingest(store, [source], workers=1, coder_factory=scripted_factory, commit_size=2)
        assert (summary.unchanged, summary.stored) == (2, 4)
    clean = tmp_path / "clean.duckdb"
    with Store(clean) as store:
        ingest(store, [source], workers=1, coder_factory=scripted_factory)
    with Store(path, read_only=True) as a, Store(clean, read_only=True) as b:
        assert a.counts() == b.counts()
        columns = "event_id, num_mentions, num_articles, num_sources, code, day"
        assert a.rows(f"SELECT {columns} FROM events ORDER BY event_id") == b.rows(
            f"SELECT {columns} FROM events ORDER BY event_id"
        )


BULK_WRITER = textwrap.dedent(
    """
    import sys
    from store_fakes import mention
    from eventwire.records import CodedStory, Story
    from eventwire.store import Store
    PER_BATCH = int(sys.argv[2])
    store = Store(sys.argv[1])
    for b in range(1000):
        coded = []
        for i in range(PER_BATCH):
            sid = f"b{b}-{i}"
            story = Story(id=sid, text=f"story {sid} " * 20, date="2024-03-01", source=f"o{i % 7}")
            events = tuple(mention(sid, k, f"C{i % 50:02d}GOV", "040", f"C{k:02d}MIL", start=k * 10) for k in range(4))
            coded.append(CodedStory(story=story, events=events))
        store.write(coded)
        print("committed", b + 1, flush=True)
    """
)


def test_kill_during_a_write_leaves_whole_batches(tmp_path: Path) -> None:
    """SIGKILL while batches are being written leaves only whole batches, and events that match the mentions."""
    path = tmp_path / "s.duckdb"
    per_batch = 500
    writer = subprocess.Popen(
        [sys.executable, "-c", BULK_WRITER, str(path), str(per_batch)],
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert writer.stdout is not None
    try:
        assert writer.stdout.readline().startswith("committed 1")
        time.sleep(0.15)  # well inside a later batch's write
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    articles = count(path, "articles")
    assert articles >= per_batch and articles % per_batch == 0
    assert count(path, "mentions") == 4 * articles
    assert consistent(path)


FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from store_fakes import mention
    from eventwire.records import CodedStory, Story
    from eventwire.store import Store, StoreFullError
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    store = Store(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (4_000_000, resource.RLIM_INFINITY))
    committed = 0
    try:
        for b in range(1000):
            coded = [
                CodedStory(
                    story=Story(id=f"b{b}-{i}", text=f"{b} {i} " + "words of a story " * 40, date="2024-03-01"),
                    events=(mention(f"b{b}-{i}", 0, "TURGOV", "040", f"X{i:04d}"),),
                )
                for i in range(200)
            ]
            store.write(coded)
            committed += 1
    except StoreFullError as e:
        print("full", committed, e, flush=True)
    """
)


@pytest.mark.slow
def test_full_disk_is_a_clear_error_and_keeps_what_was_committed(tmp_path: Path) -> None:
    """Running out of space (a file-size limit here) raises StoreFullError; every committed batch is kept."""
    path = tmp_path / "s.duckdb"
    run = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(path)], env=child_env(), capture_output=True, text=True, timeout=300
    )
    assert run.stdout.startswith("full "), run.stdout + run.stderr
    committed = int(run.stdout.split()[1])
    assert committed >= 1
    assert "disk is full" in run.stdout and "rerun the same command" in run.stdout
    assert count(path, "articles") == 200 * committed
    assert consistent(path)


# --- error mapping ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), StoreFullError, "disk is full"),
        (duckdb.IOException('Could not write file "x.wal": No space left on device'), StoreFullError, "disk is full"),
        (duckdb.IOException('Could not write file "x.wal": File too large'), StoreFullError, "disk is full"),
        (
            duckdb.IOException('Could not set lock on file "x": Conflicting lock is held in /usr/bin/python (PID 42)'),
            StoreLockedError,
            "PID 42",
        ),
        (duckdb.IOException('Cannot open file "x": Permission denied'), StoreError, "folder you can write to"),
        (duckdb.IOException('Cannot open file "x": Read-only file system'), StoreError, "folder you can write to"),
        (duckdb.IOException('The file "x" exists, but it is not a valid DuckDB database file!'), StoreSchemaError, "not an eventwire store"),
    ],
)
def test_store_errors_say_what_to_do(error: Exception, kind: type[StoreError], words: str) -> None:
    """DuckDB/OS errors become StoreErrors of the right kind whose message says what to do."""
    mapped = store_error(error, "events.duckdb")
    assert type(mapped) is kind
    assert words in mapped.message and mapped.where == "events.duckdb"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    """A store in a folder that cannot be written is a StoreError saying to pick a writable path."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="folder you can write to"):
            Store(folder / "s.duckdb")
    finally:
        folder.chmod(0o755)


def test_scripted_factory_is_module_level() -> None:
    """The stand-in coder factory is importable by name (worker processes need that)."""
    assert scripted_factory.__module__ == "store_fakes"
