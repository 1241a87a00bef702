"""store: ingest and recode keep one consistent, idempotent store (real DuckDB files in tmp_path)."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from store_fakes import FILLER, mention, retagged_factory, scripted_factory, story_line, write_jsonl  # noqa: E402

from eventwire.app import CoderSpec  # noqa: E402
from eventwire.app.pipeline import dictionary_version, ingest, recode  # noqa: E402
from eventwire.dedup import DedupConfig  # noqa: E402
from eventwire.records import CodedStory, Place, Plover, Reject, Story  # noqa: E402
from eventwire.store import Store, StoreError  # noqa: E402
from eventwire.store.rows import text_hash  # noqa: E402


def three_reports(tmp_path: Path) -> str:
    """Three outlets report one meeting in Ankara; one of them also reports a clash."""
    records = [
        {
            "id": "reuters-1",
            "url": "https://www.reuters.com/world/1",
            "source": "Reuters",
            "date": "2024-03-01",
            "text": f"{story_line('TURGOV', '040', 'IRNGOV', 'Ankara,TUR')}\nReuters reporting from Ankara.",
        },
        {
            "id": "aa-7",
            "url": "https://www.aa.com.tr/en/7",
            "source": "Anadolu",
            "date": "2024-03-01",
            "text": f"{story_line('IRNGOV', '042', 'TURGOV', 'Ankara,TUR', words='The Iranian minister came')}\n"
            f"{story_line('SYRREB', '190', 'SYRMIL', 'Idlib,SYR')}",
        },
        {
            "id": "irna-3",
            "url": "https://en.irna.ir/3",
            "source": "IRNA",
            "date": "2024-03-02",
            "text": story_line("IRNGOV", "040", "TURGOV", words="Tehran's envoy held talks in the Turkish capital"),
        },
    ]
    return write_jsonl(tmp_path / "reports.jsonl", records)


def run_ingest(store: Store, sources: list[str], **kw: object) -> object:
    return ingest(store, sources, workers=1, coder_factory=scripted_factory, **kw)  # type: ignore[arg-type]


def check_consistent(store: Store) -> None:
    """Every mention belongs to an existing event, and the events count exactly the stored mentions."""
    orphans = store.execute(
        "SELECT count(*) FROM mentions m WHERE m.event_id IS NULL "
        "OR NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = m.event_id)"
    ).fetchall()[0][0]
    assert orphans == 0
    total = store.execute("SELECT coalesce(sum(num_mentions), 0) FROM events").fetchall()[0][0]
    assert total == store.counts()["mentions"]
    per_article = store.execute(
        "SELECT count(*) FROM articles a WHERE a.num_mentions <> "
        "(SELECT count(*) FROM mentions m WHERE m.doc_id = a.id)"
    ).fetchall()[0][0]
    assert per_article == 0
    # the store keeps mention ids unique itself (the mentions table has no key that would refuse a repeat)
    assert store.execute("SELECT count(*) - count(DISTINCT mention_id) FROM mentions").fetchall() == [(0,)]


def test_ingest_stores_articles_mentions_and_one_event_per_happening(tmp_path: Path) -> None:
    """Three outlets' reports of one meeting are one event with 3 articles and 3 sources; the clash is another."""
    with Store(tmp_path / "s.duckdb") as store:
        summary = run_ingest(store, [three_reports(tmp_path)])
        assert (summary.read, summary.stored, summary.mentions) == (3, 3, 4)  # type: ignore[attr-defined]
        assert store.counts() == {
            "articles": 3,
            "sentences": 4,
            "mentions": 4,
            "events": 2,
            "quotes": 0,
            "rejects": 0,
        }
        meeting, clash = sorted(store.events(), key=lambda e: e["root"])
        assert (meeting["num_mentions"], meeting["num_articles"], meeting["num_sources"]) == (3, 3, 3)
        assert meeting["place_name"] == "Ankara" and meeting["day"] == dt.date(2024, 3, 1)
        assert (meeting["first_seen"], meeting["last_seen"]) == (dt.date(2024, 3, 1), dt.date(2024, 3, 2))
        assert clash["root"] == "19" and clash["num_mentions"] == 1
        check_consistent(store)


def test_article_row_keeps_metadata_hash_and_versions(tmp_path: Path) -> None:
    """An article row holds url, outlet, title, publication date, text hash, ingest time and versions."""
    path = write_jsonl(
        tmp_path / "one.jsonl",
        [{"id": "x1", "url": "https://www.example.org/a", "title": "Talks", "date": "2024-03-01",
          "text": story_line("TURGOV", "040", "IRNGOV")}],
    )  # fmt: skip
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest(store, [path])
        (row,) = store.rows("SELECT * FROM articles")
    assert row["id"] == "x1" and row["url"] == "https://www.example.org/a"
    assert row["outlet"] == "example.org"  # no outlet given: the URL's host
    assert row["title"] == "Talks" and row["published"] == dt.date(2024, 3, 1)
    assert row["text_hash"] == text_hash(story_line("TURGOV", "040", "IRNGOV"))
    assert row["coder_version"] == CoderSpec().version and row["dictionary_version"] == dictionary_version()
    assert row["num_mentions"] == 1 and row["ingested_at"] <= dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_ingesting_the_same_file_twice_adds_nothing(tmp_path: Path) -> None:
    """Idempotent ingest: the second run skips every story (same id, same text) and counts stay equal."""
    source = three_reports(tmp_path)
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest(store, [source])
        before = store.counts()
        events_before = store.events()
        second = run_ingest(store, [source])
        assert (second.stored, second.unchanged, second.mentions) == (0, 3, 0)  # type: ignore[attr-defined]
        assert store.counts() == before
        assert store.events() == events_before


def test_same_text_under_another_id_is_a_duplicate_whatever_the_outlet(tmp_path: Path) -> None:
    """The same text under another id (a second URL, another outlet) is skipped as a duplicate, as it is
    within one run (issue 13: a store did not apply the run's rule, so two runs stored more than one)."""
    text = story_line("TURGOV", "040", "IRNGOV")
    first = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "source": "Reuters", "date": "2024-03-01", "text": text}])
    again = write_jsonl(tmp_path / "b.jsonl", [{"id": "b", "source": "Reuters", "date": "2024-03-01", "text": text}])
    other = write_jsonl(tmp_path / "c.jsonl", [{"id": "c", "source": "AP", "date": "2024-03-01", "text": text}])
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest(store, [first])
        assert run_ingest(store, [again]).duplicates == 1  # type: ignore[attr-defined]
        assert run_ingest(store, [other]).duplicates == 1  # type: ignore[attr-defined]
        assert store.counts()["articles"] == 1
    with Store(tmp_path / "one.duckdb") as store:
        one_run = run_ingest(store, [first, again, other])
        assert (one_run.stored, one_run.skipped, store.counts()["articles"]) == (1, 2, 1)  # type: ignore[attr-defined]


def _near_copies() -> list[dict[str, object]]:
    """Eight stories: four originals, a copy of each with other punctuation, case or spacing (one under
    the original's URL with the text edited), each copy under its own id."""
    out: list[dict[str, object]] = []
    for n, (src, code, tgt) in enumerate([("TURGOV", "040", "IRNGOV"), ("IRQ", "112", "IRN"), ("USA", "042", "IRQ"), ("FRA", "036", "DEU")]):
        text = story_line(src, code, tgt, words=f"Talks number {n}, the officials' said")
        out.append({"id": f"o{n}", "date": "2024-03-01", "url": f"https://x.org/{n}", "text": text})
    out.append({"id": "c0", "date": "2024-03-01", "text": out[0]["text"].replace("officials'", "officials")})  # type: ignore[union-attr]
    out.append({"id": "c1", "date": "2024-03-01", "text": "  " + str(out[1]["text"]).upper()})
    out.append({"id": "c2", "date": "2024-03-01", "text": str(out[2]["text"]).replace(", ", " -- ")})
    out.append({"id": "c3", "date": "2024-03-01", "url": "https://x.org/3/", "text": str(out[3]["text"]) + " (updated)"})
    return out


@pytest.mark.parametrize("order", ["copies-later", "interleaved"])
def test_near_duplicates_across_runs_store_what_one_run_stores(tmp_path: Path, order: str) -> None:
    """Issue 13: two runs over halves of a batch store exactly the articles one run over the batch stores
    (a near-copy of a stored story, by text or canonical URL, is a duplicate), and re-running either
    way stores nothing more."""
    records = _near_copies()
    if order == "interleaved":
        records = [records[i] for i in (0, 5, 6, 3, 4, 1, 2, 7)]
    whole = write_jsonl(tmp_path / "all.jsonl", records)
    first = write_jsonl(tmp_path / "first.jsonl", records[:4])
    second = write_jsonl(tmp_path / "second.jsonl", records[4:])
    with Store(tmp_path / "one.duckdb") as one:
        run_ingest(one, [whole])
        one_ids = [r[0] for r in one.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    with Store(tmp_path / "two.duckdb") as two:
        run_ingest(two, [first])
        later = run_ingest(two, [second])
        two_ids = [r[0] for r in two.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        assert len(one_ids) == 4 and two_ids == one_ids
        assert later.duplicates + later.stored == 4  # type: ignore[attr-defined]
        again = run_ingest(two, [whole])
        assert (again.stored, again.updated) == (0, 0)  # type: ignore[attr-defined]
        assert [r[0] for r in two.execute("SELECT id FROM articles ORDER BY id").fetchall()] == one_ids
        check_consistent(two)


def test_store_duplicate_lookup_uses_the_indexed_keys(tmp_path: Path) -> None:
    """The look-up is by the stored, indexed signature (text_key, url_key), not the texts: a stored
    article whose text column no longer matches its key is still found by the key."""
    source = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "date": "2024-03-01", "text": story_line("IRQ", "112", "IRN")}])
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest(store, [source])
        store.execute("UPDATE articles SET text = 'something else entirely'")
        copy = write_jsonl(tmp_path / "b.jsonl", [{"id": "b", "date": "2024-03-01", "text": story_line("IRQ", "112", "IRN").upper()}])
        assert run_ingest(store, [copy]).duplicates == 1  # type: ignore[attr-defined]
        indexes = store.execute("SELECT expressions FROM duckdb_indexes() WHERE table_name = 'articles'").fetchall()
        assert {str(r[0]) for r in indexes} >= {"[text_key]", "[url_key]"}


def test_changed_text_under_a_stored_id_replaces_the_article(tmp_path: Path) -> None:
    """A stored id with new text is re-coded: its old mentions go, its new ones come, in one batch."""
    old = write_jsonl(tmp_path / "v1.jsonl", [{"id": "a", "date": "2024-03-01", "text": story_line("TURGOV", "040", "IRNGOV")}])
    new = write_jsonl(tmp_path / "v2.jsonl", [{"id": "a", "date": "2024-03-01", "text": story_line("TURGOV", "190", "IRNGOV")}])
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest(store, [old])
        first_ingest = store.rows("SELECT ingested_at FROM articles")[0]["ingested_at"]
        summary = run_ingest(store, [new])
        assert summary.updated == 1  # type: ignore[attr-defined]
        assert [m.code for m in store.mentions()] == ["190"]
        assert [e["code"] for e in store.events()] == ["190"]
        assert store.rows("SELECT ingested_at FROM articles")[0]["ingested_at"] == first_ingest
        check_consistent(store)


def test_rejects_are_recorded_once_with_their_reason(tmp_path: Path) -> None:
    """An unreadable document is a row of the rejects table (origin, reason, message), once per run of it."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with Store(tmp_path / "s.duckdb") as store:
        summary = run_ingest(store, [str(empty), three_reports(tmp_path)])
        assert summary.rejected == 1 and summary.rejects[0].reason == "empty"  # type: ignore[attr-defined]
        run_ingest(store, [str(empty)])
        (row,) = store.rows("SELECT * FROM rejects")
    assert row["origin"] == str(empty) and row["reason"] == "empty" and "empty" in row["message"]


def test_stored_mentions_read_back_equal(tmp_path: Path) -> None:
    """Every EventMention field survives the store: a read-back mention equals the written one (and its id)."""
    story = Story(id="d1", text="x" * 50, date="2024-03-01", url="https://example.org/1", source="Ex")
    ankara = Place(
        "Ankara", "TUR", 39.92, 32.85, country_fips="TU", adm1="68", geonames_id=323786, feature_type="city",
        canonical="Ankara", start=3, end=9, source="text",
    )  # fmt: skip
    written = (
        replace(mention("d1", 0, "TURGOV", "040", "IRNGOV", url=story.url), place=ankara, plover=Plover("CONSULT")),
        replace(
            mention("d1", 3, "SYRREB", "190", None, date="2023", modality="historical", start=20),
            date_precision="year", date_end="2023-12-31",
        ),
    )  # fmt: skip
    with Store(tmp_path / "s.duckdb") as store:
        store.write([CodedStory(story=story, events=written)])
        read = store.mentions()
    assert sorted(read, key=lambda m: m.sentence_index) == list(written)
    assert [m.event_id for m in read] == [m.event_id for m in sorted(written, key=lambda m: m.sentence_index)]


def test_stored_mention_ids_are_the_mentions_event_ids(tmp_path: Path) -> None:
    """The store hashes mention ids in SQL; they equal `EventMention.event_id` with and without a target
    or source, and a repeated mention of one story is stored once."""
    story = Story(id="d\u00e9j\u00e0 1", text="x" * 80, date="2024-03-01")
    with_target = mention(story.id, 0, "TURGOV", "040", "IRNGOV", start=3)
    no_target = mention(story.id, 12, "SYRREB", "190", None, start=40)
    no_source = replace(mention(story.id, 2, "X", "020", "IRNGOV", start=7), source=None)
    written = (with_target, no_target, no_source, with_target)
    with Store(tmp_path / "s.duckdb") as store:
        store.write([CodedStory(story=story, events=written)])
        stored = {r[0] for r in store.execute("SELECT mention_id FROM mentions").fetchall()}
        assert store.execute("SELECT num_mentions FROM articles").fetchall() == [(3,)]
    assert stored == {with_target.event_id, no_target.event_id, no_source.event_id}


@pytest.mark.parametrize(
    "config",
    [
        DedupConfig(),
        DedupConfig(actor_level="country", symmetric_roots=("04", "19")),
        DedupConfig(actor_level="full", symmetric_roots=(), separate_irrealis=False),
    ],
)
def test_block_keys_in_arrow_equal_dedup_block_key(config: DedupConfig) -> None:
    """The store computes dedup blocks over Arrow columns; they equal `dedup.block_key` for every
    mix of missing actors, short and non-ASCII codes, symmetric roots and modalities."""
    import itertools

    import pyarrow as pa

    from eventwire.dedup import block_key
    from eventwire.store.rows import block_keys

    actors = [None, "", "TUR", "TURGOV", "TURGOVMIL", "IRNGOVMIL", "\u00c9GYGOV", "AB"]
    codes = ["040", "0431", "190", "0231", "042"]
    modalities = ["asserted", "intended", "conditional", "negated"]
    rows = list(itertools.product(actors, actors, codes, modalities))
    source, target, code, modality = (list(c) for c in zip(*rows))
    got = block_keys(pa.array(source, pa.string()), pa.array(target, pa.string()), pa.array(code), pa.array(modality), config)
    assert got.to_pylist() == [block_key(s or "", t or "", c, m, config) for s, t, c, m in rows]


def test_a_batch_is_one_transaction(tmp_path: Path) -> None:
    """A batch that fails midway (a mention without its evidence rule, after its article went in) leaves no trace."""
    good = Story(id="good", text="z" * 50, date="2024-03-01")
    bad = Story(id="bad", text="y" * 50, date="2024-03-01")
    broken = mention("bad", 0, "TURGOV", "190", "IRNGOV")
    broken = replace(broken, evidence=replace(broken.evidence, rule=None))  # type: ignore[arg-type]
    with Store(tmp_path / "s.duckdb") as store:
        store.write([CodedStory(story=good, events=(mention("good", 0, "TURGOV", "040", "IRNGOV"),))])
        before = store.counts()
        with pytest.raises(StoreError):
            store.write([CodedStory(story=bad, events=(broken,))], [Reject("r", "empty", "r: is empty")])
        assert store.counts() == before
        check_consistent(store)
    assert gc.isenabled()  # the write pauses the cycle collector; a failed one resumes it too


def test_a_write_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    """Store.write pauses Python's cycle collector while it works, then puts it back as it was."""
    story = Story(id="s", text="x" * 50, date="2024-03-01")
    batch = [CodedStory(story=story, events=(mention("s", 0, "TURGOV", "040", "IRNGOV"),))]
    with Store(tmp_path / "s.duckdb") as store:
        store.write(batch)
        assert gc.isenabled()
        gc.disable()
        try:
            store.write(batch)
            assert not gc.isenabled()
        finally:
            gc.enable()


def test_recode_replaces_each_storys_mentions(tmp_path: Path) -> None:
    """recode --all re-codes stored articles with the new coder: its mentions replace the old, events follow."""
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest(store, [three_reports(tmp_path)])
        assert store.counts()["mentions"] == 4
        ingested = store.rows("SELECT id, ingested_at, language FROM articles ORDER BY id")
        assert "en" in {a["language"] for a in ingested}
        summary = recode(store, workers=1, coder_factory=retagged_factory, everything=True)
        assert (summary.selected, summary.recoded) == (3, 3)
        assert (summary.mentions_before, summary.mentions_after) == (4, 3)  # v2 no longer codes the clash
        assert (summary.events_before, summary.events_after) == (2, 1)
        assert {m.evidence.rule for m in store.mentions()} == {"scripted:1+v2"}
        (meeting,) = store.events()
        assert (meeting["num_mentions"], meeting["num_articles"]) == (3, 3)
        # the first ingest time and the language the reader found are kept (recode reads no language)
        assert store.rows("SELECT id, ingested_at, language FROM articles ORDER BY id") == ingested
        check_consistent(store)


def test_recode_picks_articles_coded_with_other_dictionaries(tmp_path: Path) -> None:
    """Without --all, recode re-codes only articles coded by another coder or dictionary version; a rerun does nothing."""
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest(store, [three_reports(tmp_path)])
        assert recode(store, workers=1, coder_factory=retagged_factory).selected == 0
        store.execute("UPDATE articles SET dictionary_version = 'shipped:old' WHERE id = 'aa-7'")
        summary = recode(store, workers=1, coder_factory=retagged_factory)
        assert (summary.selected, summary.recoded) == (1, 1)
        rules = {(m.doc_id, m.evidence.rule) for m in store.mentions()}
        assert rules == {("reuters-1", "scripted:1"), ("aa-7", "scripted:1+v2"), ("irna-3", "scripted:1")}
        assert recode(store, workers=1, coder_factory=retagged_factory).selected == 0


def test_dedup_settings_regroup_the_whole_store(tmp_path: Path) -> None:
    """Changing the dedup settings re-groups every mention and is kept for later ingests."""
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest(store, [three_reports(tmp_path)])
        store.set_dedup_config(DedupConfig(window_days=0))
        assert sorted(e["num_mentions"] for e in store.events()) == [1, 1, 2]  # the 2 March report splits off
        check_consistent(store)
    with Store(tmp_path / "s.duckdb") as store:
        assert store.dedup_config.window_days == 0


def test_filler_is_english() -> None:
    """The stand-in stories read as English, so the reader's language check keeps them."""
    assert "talks" in FILLER


def _store_view(store: Store) -> dict[str, tuple[object, ...]]:
    members: dict[str, list[str]] = {}
    for mid, eid in store.execute("SELECT mention_id, event_id FROM mentions").fetchall():
        members.setdefault(eid, []).append(mid)
    return {
        e["event_id"]: (
            e["num_mentions"], e["num_articles"], e["num_sources"], e["first_seen"], e["last_seen"],
            e["place_name"], e["place_country"], e["date"], e["is_root_event"], e["first_mention_id"],
            tuple(sorted(members[e["event_id"]])),
        )
        for e in store.events()
    }  # fmt: skip


def _scratch_view(store: Store) -> dict[str, tuple[object, ...]]:
    from eventwire.dedup import dedup, period_start

    articles = store.rows("SELECT id, outlet, CAST(published AS VARCHAR) AS published FROM articles")
    events = dedup(
        store.mentions(),
        store.dedup_config,
        outlets={a["id"]: a["outlet"] for a in articles},
        published={a["id"]: a["published"] for a in articles if a["published"]},
    )
    return {
        e.event_id: (
            e.num_mentions, e.num_articles, e.num_sources, period_start(e.first_seen), period_start(e.last_seen),
            e.place_name, e.place_country, e.date, e.is_root_event, e.first_mention_id, tuple(sorted(e.mention_ids)),
        )
        for e in events
    }  # fmt: skip


PLACES_TO_DRAW = [("Ankara", "TUR"), ("Ankara", None), ("ankara", "TUR"), ("Tehran", "IRN"), ("Tehran", ""), (None, None), (None, None)]


@pytest.mark.parametrize("seed", range(6))
def test_batch_by_batch_events_equal_clustering_everything_at_once(tmp_path: Path, seed: int) -> None:
    """After every batch (new stories, replaced stories, any order), the store's events equal dedup() of all
    stored mentions from scratch: the incremental refresh changes nothing in the result."""
    import random

    rng = random.Random(seed)
    outlets = ["Reuters", "AP", "AFP", "IRNA", None]
    pairs = [("TURGOV", "IRNGOV"), ("IRNGOV", "TURGOV"), ("SYRREB", "SYRMIL"), ("USAGOV", "CHNGOV")]

    def random_story(i: int, version: int) -> CodedStory:
        day = rng.randrange(1, 25)
        published = f"2024-03-{day:02d}" if rng.random() > 0.1 else None
        story = Story(id=f"s{i}", text=f"story {i} v{version} " * 5, date=published, source=rng.choice(outlets))
        events = []
        for k in range(rng.randrange(0, 4)):
            src, tgt = rng.choice(pairs)
            offset = rng.choice([0, 0, 1, 2, 3, 5])
            date = f"2024-03-{max(1, day - offset):02d}" if published else (None if rng.random() < 0.7 else "2024-03-09")
            # places that differ only in case or country test the SQL shortcut against dedup's rule
            place, country = rng.choice(PLACES_TO_DRAW)
            events.append(
                mention(
                    story.id, rng.randrange(0, 8), src, rng.choice(["040", "042", "190"]), tgt,
                    date=date, place=place, country=country, start=k * 40,
                )
            )
        return CodedStory(story=story, events=tuple(events))

    with Store(tmp_path / "s.duckdb") as store:
        for round_ in range(8):
            batch = [random_story(rng.randrange(0, 40), round_) for _ in range(rng.randrange(1, 9))]
            store.write(batch)
            assert _store_view(store) == _scratch_view(store), f"after batch {round_}"
        check_consistent(store)


def _python_clustered_blocks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The blocks the store's refresh re-clusters in Python from now on (the others SQL settles)."""
    from eventwire.store import refresh

    seen: list[str] = []
    real = refresh._cluster

    def spy(rows, config, changes, full):  # type: ignore[no-untyped-def]
        seen.extend(sorted({r[refresh._BLOCK] for r in rows}))
        return real(rows, config, changes, full)

    monkeypatch.setattr(refresh, "_cluster", spy)
    return seen


def test_one_batch_of_new_reports_groups_as_dedup_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New reports of one pair in one batch, within the window and at one place, are one event with the
    first report's place details, written by SQL; a report 3 days later is another event, and so are
    reports at another place; "Izmir" and "izmir" are one place (those blocks go through Python)."""
    python_blocks = _python_clustered_blocks(monkeypatch)
    reports = [
        ("a", "2024-03-01", "Ankara", 39.9), ("b", "2024-03-02", None, None), ("c", "2024-03-02", "Ankara", 1.0),
    ]  # fmt: skip
    stories = []
    for doc, date, place, lat in reports:
        m = replace(mention(doc, 0, "TURGOV", "042", "IRNGOV", date=date), place=Place(place, None, lat, 32.8) if place else None)
        stories.append(CodedStory(story=Story(id=doc, text=FILLER, date=date, source=f"outlet-{doc}"), events=(m,)))
    with Store(tmp_path / "s.duckdb") as store:
        store.write(stories)
        assert python_blocks == []  # settled in SQL
        (event,) = store.rows("SELECT * FROM events")
        assert (event["place_name"], event["place_lat"], event["num_mentions"], event["num_sources"]) == ("Ankara", 39.9, 3, 3)
        assert (event["first_seen"], event["last_seen"]) == (dt.date(2024, 3, 1), dt.date(2024, 3, 2))
        later = replace(mention("d", 0, "TURGOV", "042", "IRNGOV", date="2024-03-04"), place=Place("Ankara", None))
        store.write([CodedStory(story=Story(id="d", text=FILLER, date="2024-03-04"), events=(later,))])
        assert store.counts()["events"] == 2  # 3 days after the first report: the window has closed
        store.write([CodedStory(story=Story(id="f", text=FILLER, date="2024-03-09", source="x"), events=(
            replace(mention("f", 0, "TURGOV", "042", "IRNGOV", date="2024-03-09"), place=Place("Izmir", "TUR")),
            replace(mention("f", 1, "TURGOV", "042", "IRNGOV", date="2024-03-09", start=50), place=Place("izmir", "TUR")),
            replace(mention("f", 2, "TURGOV", "042", "IRNGOV", date="2024-03-09", start=90), place=Place("Van", "TUR")),
        ))])  # fmt: skip
        (izmir,) = store.rows("SELECT * FROM events WHERE day = DATE '2024-03-09' AND place_name = 'Izmir'")
        assert (izmir["num_mentions"], izmir["num_articles"]) == (2, 1)
        assert store.counts()["events"] == 2 + 2
        assert python_blocks  # two places in one batch: not settled in SQL
        check_consistent(store)


@pytest.mark.parametrize("seed", range(4))
def test_events_settled_in_sql_equal_the_python_path_column_for_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """The same random batches written twice, once with SQL settling the blocks it can and once with every
    block clustered in Python: every column of every event, and every mention's event, are the same."""
    import random

    import pyarrow as pa

    from eventwire.store import db, refresh

    rng = random.Random(seed)
    monkeypatch.setattr(db, "utcnow", lambda: dt.datetime(2024, 4, 1, 12, 0))
    places = [("Ankara", "TUR", ""), ("Ankara", None, None), ("ankara", "TUR", None), ("Tehran", "", None), None, None]
    pairs = [("TURGOV", "IRNGOV"), ("TURGOVMIL", "IRNGOV"), ("SYRREB", "SYRMIL"), ("USAGOV", "CHNGOV"), ("IRQGOV", "USAGOV")]

    def random_batch(round_: int) -> list[CodedStory]:
        batch = []
        for _ in range(rng.randrange(1, 16)):
            i, day = rng.randrange(0, 80), rng.randrange(1, 28)
            published = f"2024-03-{day:02d}" if rng.random() > 0.2 else None
            outlet = rng.choice(["Reuters", "AP", "", None])
            events = []
            for k in range(rng.randrange(0, 5)):
                date = rng.choice([f"2024-03-{max(1, day - rng.choice([0, 0, 1, 2, 3])):02d}", "2024-03", None])
                source, target = rng.choice(pairs)
                m = mention(f"s{i}", rng.randrange(0, 8), source, rng.choice(["042", "043", "190", "051"]), target,
                            date=date, start=k * 40)  # fmt: skip
                where = rng.choice(places)
                lat = rng.choice([39.9, 1.0])
                place = Place(where[0], where[1], lat, 32.8, canonical=where[2]) if where else None
                events.append(replace(m, place=place))
            story = Story(id=f"s{i}", text=f"story {i} v{round_} " * 5, date=published, source=outlet)
            batch.append(CodedStory(story=story, events=tuple(events)))
        return batch

    def view(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        events = store.execute("SELECT * FROM events ORDER BY event_id").fetchall()
        members = store.execute("SELECT mention_id, event_id FROM mentions ORDER BY mention_id").fetchall()
        return events, members

    with Store(tmp_path / "sql.duckdb") as with_sql, Store(tmp_path / "python.duckdb") as python_only:
        for round_ in range(8):
            batch = random_batch(round_)
            with_sql.write(batch)
            with monkeypatch.context() as m:
                def none_settled(con: object, mentions: pa.Table, *_: object) -> pa.Array:
                    return pa.nulls(mentions.num_rows, pa.string())

                m.setattr(refresh, "_insert_settled_events", none_settled)
                python_only.write(batch)
            assert view(with_sql) == view(python_only), f"after batch {round_}"


def test_quotes_of_a_coded_story_are_stored_and_replaced(tmp_path: Path) -> None:
    """The coder's quotes land in the quotes table {doc_id, speaker_code, speaker_text, quote, start, end, date};
    re-coding the story replaces them."""
    from eventwire.records import ActorRef, Quote

    story = Story(id="q1", text="x" * 80, date="2008-04-17")
    quote = Quote("q1", ActorRef("IRQGOV", "al-Maliki", 10, 19), "al-Maliki", "We came here", 30, 42, "2008-04-17", "say")
    with Store(tmp_path / "s.duckdb") as store:
        store.write([CodedStory(story=story, quotes=(quote,))])
        (row,) = store.rows("SELECT * FROM quotes")
        assert row == {
            "doc_id": "q1", "speaker_code": "IRQGOV", "speaker_text": "al-Maliki", "quote": "We came here",
            "start": 30, "end": 42, "date": dt.date(2008, 4, 17),
        }  # fmt: skip
        store.write([CodedStory(story=story, quotes=())])
        assert store.counts()["quotes"] == 0


def test_ingest_reports_progress_after_every_committed_batch(tmp_path: Path) -> None:
    """`progress` sees the running summary after each commit (the command line draws it on a terminal)."""
    from eventwire.app.pipeline import IngestSummary, ingest_items
    from eventwire.engines.local import LocalEngine
    from eventwire.ingest import read_sources

    seen: list[tuple[int, int]] = []

    def progress(summary: IngestSummary) -> None:
        seen.append((summary.stored, summary.mentions))

    with Store(tmp_path / "s.duckdb") as store:
        engine = LocalEngine(workers=1, batch_size=1, coder_factory=scripted_factory)
        items = read_sources([three_reports(tmp_path)], language_check=False)
        summary = ingest_items(store, items, CoderSpec(), engine, commit_size=1, progress=progress)
    stored = [n for n, _ in seen]
    assert stored == sorted(stored) and set(stored) == {1, 2, 3}  # one commit per story, then the closing one
    assert seen[-1] == (summary.stored, summary.mentions)
    assert summary.progress().startswith("3 read, 3 stored")
