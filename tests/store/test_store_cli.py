"""cli: the store commands' wiring (ingest, recode, query, stats, export, dedup), with a stand-in coder;
and one end-to-end run of the real coder on the bundled sample article."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from store_fakes import retagged_factory, scripted_factory, story_line, write_jsonl  # noqa: E402

from eventwire.app.pipeline import dictionary_version, ingest  # noqa: E402
from eventwire.cli import main  # noqa: E402
from eventwire.engines import local  # noqa: E402
from eventwire.records import Story  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.query import EventFilter, query_events  # noqa: E402


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "build_coder", scripted_factory)


def reports(tmp_path: Path) -> str:
    return write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "source": "Reuters", "date": "2024-03-01", "text": story_line("TURGOV", "040", "IRNGOV", "Ankara,TUR")},
            {"id": "b", "source": "AP", "date": "2024-03-02",
             "text": story_line("TURGOV", "040", "IRNGOV", words="Turkey and Iran held talks in the capital")},
        ],
    )  # fmt: skip


def test_cli_ingest_then_query(tmp_path: Path, capsys: pytest.CaptureFixture[str], scripted: None) -> None:
    """ingest prints a summary (rejects listed) and a second run adds nothing; query prints event records."""
    db = str(tmp_path / "e.duckdb")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["ingest", reports(tmp_path), str(empty), "--db", db, "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert f"  {empty}: empty: is empty" in err
    assert err.rstrip().endswith("the store holds 2 articles and 1 event")
    assert "2 stored" in err and "1 rejected" in err
    assert main(["ingest", reports(tmp_path), "--db", db, "--workers", "1", "--strict"]) == 0
    assert "0 stored, 0 updated, 2 already in the store" in capsys.readouterr().err
    assert main(["query", "--db", db, "--actor", "IRN", "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert (record["num_articles"], record["num_sources"]) == (2, 2)
    assert err.strip() == "1 event"


def test_cli_ingest_strict_exits_1_on_rejects(tmp_path: Path, capsys: pytest.CaptureFixture[str], scripted: None) -> None:
    """--strict makes a run with a rejected document exit 1 (the good ones are stored all the same)."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = str(tmp_path / "e.duckdb")
    assert main(["ingest", reports(tmp_path), str(empty), "--db", db, "--workers", "1", "--strict"]) == 1
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2 and store.counts()["rejects"] == 1


def test_cli_stats_export_recode_dedup(tmp_path: Path, capsys: pytest.CaptureFixture[str], scripted: None) -> None:
    """stats --json, export, recode and dedup run over one store and report what they did."""
    db = str(tmp_path / "e.duckdb")
    assert main(["ingest", reports(tmp_path), "--db", db, "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["stats", "--db", db, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["counts"]["events"] == 1 and stats["events_by_root"][0]["root"] == "04"
    out = tmp_path / "events.tsv"
    assert main(["export", "--db", db, "--format", "gdelt", "--output", str(out)]) == 0
    assert capsys.readouterr().err.strip() == f"1 event written to {out} (gdelt)"
    assert len(out.read_text().split("\t")) == 61
    assert main(["recode", "--db", db, "--workers", "1", "--all"]) == 0
    assert "2 of 2 articles re-coded" in capsys.readouterr().err
    assert main(["dedup", "--db", db, "--window-days", "0"]) == 0
    out_, err = capsys.readouterr()
    assert json.loads(out_)["window_days"] == 0 and "events re-grouped: 1 -> 2" in err
    assert main(["dedup", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["window_days"] == 0


def test_cli_recode_uses_new_dictionaries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, scripted: None
) -> None:
    """recode --dictionaries DIR re-codes the articles coded with other dictionaries, without --all."""
    db = str(tmp_path / "e.duckdb")
    assert main(["ingest", reports(tmp_path), "--db", db, "--workers", "1"]) == 0
    monkeypatch.setattr(local, "build_coder", retagged_factory)
    dictionaries = tmp_path / "dicts"
    dictionaries.mkdir()
    (dictionaries / "my.verbs.txt").write_text("MEET\n- * [040]\n")
    assert main(["recode", "--db", db, "--workers", "1", "--dictionaries", str(dictionaries)]) == 0
    assert "2 of 2 articles re-coded" in capsys.readouterr().err
    with Store(db, read_only=True) as store:
        assert {m.evidence.rule for m in store.mentions()} == {"scripted:1+v2"}
        versions = {r["dictionary_version"] for r in store.rows("SELECT dictionary_version FROM articles")}
    assert versions == {dictionary_version(str(dictionaries))} and next(iter(versions)).startswith("dicts:")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "--db", "{tmp}/none.duckdb"], "no such store; create it with `eventwire ingest"),
        (["query", "--db", "{db}", "--root", "33"], "--root must be a CAMEO root 01-20"),
        (["query", "--db", "{db}", "--from", "someday"], "--from:"),
        (["export", "--db", "{db}", "--format", "parquet"], "Parquet output is a folder"),
        (["ingest", "{tmp}/missing.txt", "--db", "{db}"], "missing.txt: no such file"),
        (["recode", "--db", "{db}", "--commit-size", "0"], "--commit-size must be at least 1, not 0"),
    ],
)
def test_cli_user_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scripted: None, argv: list[str], message: str
) -> None:
    """Bad paths and option values exit 2 with one `error:` line, no traceback."""
    db = str(tmp_path / "e.duckdb")
    assert main(["ingest", reports(tmp_path), "--db", db, "--workers", "1"]) == 0
    capsys.readouterr()
    assert main([a.format(tmp=tmp_path, db=db) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err


CRASHING_CLI = textwrap.dedent(
    """
    import sys
    from store_fakes import scripted_factory
    from eventwire.cli import main
    from eventwire.engines import local
    local.build_coder = scripted_factory
    sys.exit(main(["ingest", sys.argv[2], "--db", sys.argv[1], "--workers", "1", "--batch-size", "1", *sys.argv[3:]]))
    """
)


def stories_then_a_crash(tmp_path: Path, stories: int) -> tuple[Path, str]:
    """A JSONL source of `stories` good stories, then one that kills the coding process while the
    returned flag file exists."""
    flag = tmp_path / "crash-now"
    flag.write_text("")
    records = [
        {"id": f"s{i}", "date": "2024-03-01", "text": story_line("TURGOV", "040", "IRNGOV", words=f"Report {i} says")}
        for i in range(stories)
    ] + [{"id": "boom", "date": "2024-03-01", "text": f"{story_line('USAGOV', '190', 'IRNMIL')}\nCRASH {flag}"}]
    return flag, write_jsonl(tmp_path / "in.jsonl", records)


@pytest.mark.slow
@pytest.mark.parametrize(("extra", "kept"), [([], 0), (["--commit-size", "1"], 3)])
def test_cli_commit_size_is_how_much_an_interruption_can_lose(tmp_path: Path, extra: list[str], kept: int) -> None:
    """The coder dies on the 4th story: with the default batch nothing was committed yet; with
    --commit-size 1 every story coded before it is in the store."""
    from test_store_safety import child_env, count

    _, source = stories_then_a_crash(tmp_path, 3)
    db = tmp_path / "e.duckdb"
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_CLI, str(db), source, *extra], env=child_env(), capture_output=True, text=True
    )
    assert crashed.returncode == 3, crashed.stderr
    assert count(db, "articles") == kept


@pytest.mark.slow
def test_cli_a_worker_process_dying_is_one_clear_line_and_a_rerun_finishes(tmp_path: Path) -> None:
    """A story kills its coding worker (out of memory, say) with --workers 2: exit 2, one error line
    naming the cause, nothing half-written; the same command run again stores every story."""
    from test_store_safety import child_env, consistent, count

    flag, source = stories_then_a_crash(tmp_path, 6)
    db = tmp_path / "e.duckdb"
    argv = [sys.executable, "-c", CRASHING_CLI, str(db), source, "--workers", "2", "--commit-size", "2"]
    crashed = subprocess.run(argv, env=child_env(), capture_output=True, text=True)
    assert crashed.returncode == 2, crashed.stderr
    assert "error: a coding worker process died" in crashed.stderr and "Traceback" not in crashed.stderr
    assert consistent(db) and count(db, "articles") < 7
    flag.unlink()
    again = subprocess.run(argv, env=child_env(), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert consistent(db) and count(db, "articles") == 7


HOLDER = textwrap.dedent(
    """
    import sys, time
    from eventwire.store import Store
    store = Store(sys.argv[1])
    print("ready", flush=True)
    time.sleep(60)
    """
)


def test_cli_locked_store_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`eventwire query` on a store another process is writing: exit 2, 'in use by another process (PID n)'."""
    db = tmp_path / "e.duckdb"
    Store(db).close()
    src = str(Path(__file__).resolve().parents[2] / "src")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": src}
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        assert main(["query", "--db", str(db)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: {db}: is in use by another process (PID {holder.pid})")
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]


# --- end to end, real coder ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.model
def test_real_coder_sample_article_into_a_store(tmp_path: Path) -> None:
    """The bundled RFE/RL article, coded by the real Coder, lands in a store whose events trace to their sentences."""
    from eventwire.coding.coder import Coder

    sample = resources.files("eventwire") / "examples" / "rferl_nato_iraq_2008.txt"
    article = tmp_path / "rferl.txt"
    article.write_bytes(sample.read_bytes())
    text = article.read_text(encoding="utf-8")

    def real_coder(*_: object) -> Coder:
        return Coder()

    with Store(tmp_path / "e.duckdb") as store:
        summary = ingest(store, [str(article)], date="2008-04-17", workers=1, coder_factory=real_coder)
        assert summary.stored == 1 and summary.mentions > 0
        counts = store.counts()
        assert counts["articles"] == 1 and 0 < counts["events"] <= counts["mentions"] == summary.mentions
        # the request that is the story's point: Iraq's government appeals to NATO, dated 17 April 2008
        asks = query_events(store, EventFilter(actor="IRQ", root="02", date_from="2008-04-17", date_to="2008-04-17"))
        assert any(r["source"]["code"].startswith("IRQ") and r["target"]["code"] == "IGOWSTNAT" for r in asks)
        for record in query_events(store):
            for m in record["mentions"]:
                start = text.index(m["sentence"][:40])  # every mention's evidence sentence is in the article
                assert m["evidence"]["verb"] in text[start : start + len(m["sentence"]) + 1]
            # the 2003 invasion is history: never stamped with the 2008 publication date
            if "2003" in record["sentence"] and "invade" in record["sentence"] and record["code"].startswith("19"):
                assert not (record["date"] or "").startswith("2008")
        # read back, every mention equals what the coder made, down to the rules that explain its actors
        again_coded = Coder().code_story(Story(id=_stored_id(store), text=text, date="2008-04-17"))
        coded = {e.event_id: e for e in again_coded.events}
        stored = {m.event_id: m for m in store.mentions()}
        assert stored.keys() == coded.keys()
        assert all(stored[k].source == coded[k].source and stored[k].target == coded[k].target for k in coded)
        assert any(m.source.rule and "Phoenix" in m.source.rule for m in stored.values())
        # France's 2003 opposition is dated to the year only: stats count it in 2003, on no day
        from eventwire.store.stats import store_stats

        stats = store_stats(store)
        assert any(r["month"] == "2003" for r in stats["events_by_month"])
        assert all(not r["day"].startswith("2003") for r in stats["events_by_day"])
        again = ingest(store, [str(article)], date="2008-04-17", workers=1, coder_factory=real_coder)
        assert again.unchanged == 1 and store.counts() == counts


def _stored_id(store: Store) -> str:
    return store.rows("SELECT id FROM articles")[0]["id"]


def test_cli_ingest_passes_reader_options(tmp_path: Path, capsys: pytest.CaptureFixture[str], scripted: None) -> None:
    """Reader switches reach the reader: a French story is skipped (not an error), and stored with --no-language-check."""
    french = write_jsonl(
        tmp_path / "fr.jsonl",
        [{"id": "fr", "date": "2024-03-01",
          "text": "Les ministres des affaires étrangères de la Turquie et de l'Iran se sont rencontrés hier à Ankara "
                  "pour discuter de la sécurité régionale et du commerce entre les deux pays [[TURGOV 040 IRNGOV]]."}],
    )  # fmt: skip
    db = str(tmp_path / "e.duckdb")
    assert main(["ingest", french, "--db", db, "--workers", "1", "--strict"]) == 0  # a skip is not a reject
    err = capsys.readouterr().err
    assert "0 stored" in err and "1 skipped, 0 rejected" in err
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 0 and store.counts()["rejects"] == 0
    assert main(["ingest", french, "--db", db, "--workers", "1", "--no-language-check"]) == 0
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
        assert store.rows("SELECT language FROM articles")[0]["language"] == "fr"


class _Terminal:
    """A stderr that says it is a terminal, keeping what is written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_cli_ingest_draws_progress_on_a_terminal_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, scripted: None
) -> None:
    """Issue 13: ingest drew no progress on a terminal (code did). It draws a counter line in place while
    it stores, erases it before the summary, and writes no escape at all when stderr is not a terminal."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    db = str(tmp_path / "e.duckdb")
    assert main(["ingest", reports(tmp_path), "--db", db, "--workers", "1", "--commit-size", "1"]) == 0
    assert "\r\x1b[K1 read, 1 stored, 1 mention written, 0 rejected" in terminal.text
    summary_at = terminal.text.index("2 read: 2 stored")
    assert terminal.text.rindex("\r\x1b[K") < summary_at  # erased before the summary
    monkeypatch.undo()
    assert main(["ingest", reports(tmp_path), "--db", str(tmp_path / "f.duckdb"), "--workers", "1"]) == 0
    assert "\x1b" not in capsys.readouterr().err


@pytest.mark.parametrize("which", ["petr_validate", "phoenix", "compiled"])
def test_cli_ingest_and_recode_take_every_dictionaries_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str, scripted: None
) -> None:
    """Issue 13 item 11: ingest and recode take --dictionaries as code does: a shipped name or a
    compiled .json.gz file, not only a folder; the articles record that version."""
    from eventwire.dictionaries.loader import load_dictionaries, to_compiled

    if which == "compiled":
        dictionaries = str(to_compiled(load_dictionaries("petr_validate"), tmp_path / "mine.json.gz"))
    else:
        dictionaries = which
    db = str(tmp_path / "e.duckdb")
    assert main(["ingest", reports(tmp_path), "--db", db, "--workers", "1", "--dictionaries", dictionaries]) == 0
    assert "2 stored" in capsys.readouterr().err
    assert main(["recode", "--db", db, "--workers", "1", "--all", "--dictionaries", dictionaries]) == 0
    assert "2 of 2 articles re-coded" in capsys.readouterr().err
    with Store(db, read_only=True) as store:
        versions = {r["dictionary_version"] for r in store.rows("SELECT dictionary_version FROM articles")}
    assert versions == {dictionary_version(dictionaries)}
