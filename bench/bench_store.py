"""Benchmark the event store: bulk ingest through Arrow, row-by-row inserts for comparison, and the
day x dyad count query over about a million synthetic events.

    .venv/bin/python bench/bench_store.py                  # 1,000,000 mentions (the targets below)
    .venv/bin/python bench/bench_store.py --mentions 100000 --keep /tmp/bench.duckdb

Targets (issue 4): the day x dyad count query under 1 s; ingest of coded mentions through Arrow at
50,000 rows/s or more. What is timed:

* ingest: what the store's single writer does in `eventwire ingest`, batch by batch (4 mentions per
  story): receive the rows the coder's worker processes prepared (`rows.prepare_rows`, a commit's
  share per worker, unpickled here as they arrive from a worker), add the store's columns, one INSERT per
  table, and re-cluster the touched dedup blocks into events, one transaction per batch; then the
  closing checkpoint. Making the synthetic EventMention objects is not timed (the coder makes them),
  nor is preparing their rows (the workers do it, next to the coding, which takes about a thousand
  times longer); the time that preparing took is printed. `--prepare writer`: the writer prepares the
  rows itself, as `Store.write(coded_stories)` does (timed).
* arrow vs executemany: the same 20,000 mention rows inserted into an empty mentions table as one
  Arrow INSERT, and row by row with `executemany`.
* queries: the median of 5 runs, each fetched in full.

Synthetic data: actor countries drawn with Zipf weights (a few countries in most events, as in news),
6 sectors, CAMEO codes from every root, 300 outlets, 40% of mentions with one of 60 places; 26% of
mentions report again one of the last 4,000 happenings (as in ICEWS, where 26% of records repeat
the same date, source, target and code), so the dedup refresh has real clusters to build. Stories
cover three years and arrive in publication order, as from a feed (`--order random`: a backfill in no
date order, the slow case for the batch-by-batch dedup refresh); events happen on the publication
day or up to two days before. Seeded: every run makes the same data.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import duckdb  # noqa: E402

from eventwire.cameo import event_info  # noqa: E402
from eventwire.dedup import DedupConfig  # noqa: E402
from eventwire.records import ActorRef, CodedStory, EventMention, Evidence, Place, Story  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.rows import MENTION_ID_SQL, StoryRows, arrow_table, batch_tables, prepare_rows  # noqa: E402
from eventwire.store.schema import DDL  # noqa: E402

COUNTRIES = [f"{a}{b}{c}" for a in "ABCDEFGHIJKLMNO" for b in "AEIOU" for c in "XY"][:150]
SECTORS = ["GOV", "MIL", "REB", "OPP", "BUS", "CVL"]
CODES = ["010", "0111", "020", "0231", "036", "040", "042", "043", "046", "051", "057", "061", "071",
         "081", "090", "100", "111", "120", "130", "141", "150", "160", "172", "180", "190", "193", "200"]  # fmt: skip
PLACES = [f"City{i}" for i in range(60)]
MENTIONS_PER_STORY = 4
# Share of mentions that report again a happening already reported (by another story): 26% of a real
# ICEWS sample repeats the same date, source, target and code (issue 4).
REPEATS = 0.26
START = 738_000  # a day ordinal (2021-08-...); dates span three years from it


def synthetic_batches(
    total: int, per_batch: int, seed: int = 7, order: str = "chronological", repeats: float = REPEATS
) -> Iterator[list[CodedStory]]:
    """Batches of synthetic coded stories, made one at a time (as a streaming ingest holds them).
    A share `repeats` of the mentions report again a happening reported in the last few days."""
    rng = random.Random(seed)
    recent: deque[tuple[str, str, str, Place | None, str]] = deque(maxlen=4000)
    weights = [1 / (rank + 1) for rank in range(len(COUNTRIES))]
    infos = {c: event_info(c) for c in CODES}
    import datetime as dt

    stories = total // MENTIONS_PER_STORY
    per_batch_stories = per_batch // MENTIONS_PER_STORY
    for b in range(0, stories, per_batch_stories):
        batch = []
        for i in range(b, min(stories, b + per_batch_stories)):
            if order == "chronological":  # a news feed: stories arrive in publication order
                day = dt.date.fromordinal(START + (i * 1095) // stories)
            else:  # a backfill in no order: any batch may touch any date
                day = dt.date.fromordinal(START + rng.randrange(1095))
            published = day.isoformat()
            story = Story(
                id=f"s{i:08d}",
                text=f"Synthetic story {i}. " * 20,
                date=published,
                url=f"https://outlet{i % 300}.example/{i}",
                source=f"outlet{i % 300}",
            )
            events = []
            for k in range(MENTIONS_PER_STORY):
                if recent and rng.random() < repeats:  # another outlet's report of a recent happening
                    src, tgt, code, place, date = rng.choice(recent)
                else:
                    src = rng.choices(COUNTRIES, weights)[0] + rng.choice(SECTORS)
                    tgt = rng.choices(COUNTRIES, weights)[0] + rng.choice(SECTORS)
                    code = rng.choice(CODES)
                    place = Place(rng.choice(PLACES), src[:3], 1.0, 2.0) if rng.random() < 0.4 else None
                    # the event happened on the publication day or up to two days before
                    date = (day - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))).isoformat()
                    recent.append((src, tgt, code, place, date))
                info = infos[code]
                events.append(
                    EventMention(
                        doc_id=story.id,
                        sentence_index=k,
                        sentence=f"Sentence {k} of story {i}.",
                        sentence_start=k * 100,
                        source=ActorRef(src, src.title(), k * 100, k * 100 + 6),
                        target=ActorRef(tgt, tgt.title(), k * 100 + 20, k * 100 + 26),
                        code=code,
                        evidence=Evidence("met", k * 100 + 10, k * 100 + 13, "CAMEO.2.0.txt:100"),
                        date=date,
                        date_source="text",
                        place=place,
                        url=story.url,
                        quad_class=info.quad_class,
                        goldstein=info.goldstein,
                    )
                )
            batch.append(CodedStory(story=story, events=tuple(events)))
        yield batch


def median_time(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


WORKERS = 2  # this machine's CPUs: `eventwire ingest --workers`


def worker_chunks(batch: list[CodedStory]) -> list[bytes]:
    """`batch` as the coder's worker processes send it to the writer: prepared rows, pickled, one part
    per worker (`engines.local.task_size_for`: a commit's share of each worker)."""
    size = -(-len(batch) // WORKERS)
    return [pickle.dumps(prepare_rows(batch[i : i + size], mention_ids=True)) for i in range(0, len(batch), size)]


def bench_ingest(
    path: str, total: int, per_batch: int, order: str, repeats: float, prepare: str = "workers"
) -> dict[str, float]:
    made = prepared = spent = 0.0
    written = 0
    with Store(path) as store:
        batches = synthetic_batches(total, per_batch, order=order, repeats=repeats)
        while True:
            t = time.perf_counter()
            batch = next(batches, None)
            made += time.perf_counter() - t
            if batch is None:
                break
            if prepare == "workers":
                t = time.perf_counter()
                chunks = worker_chunks(batch)
                prepared += time.perf_counter() - t
                t = time.perf_counter()
                rows = StoryRows.concat([pickle.loads(c) for c in chunks])
                written += store.write(rows, coder_version="bench", dictionary_version="bench")
            else:
                t = time.perf_counter()
                written += store.write(batch, coder_version="bench", dictionary_version="bench")
            spent += time.perf_counter() - t
        counts = store.counts()
        # Closing checkpoints: DuckDB folds the write-ahead log into the file. That is deferred ingest
        # work (a long ingest pays it every CHECKPOINT_THRESHOLD of log), so it is timed too.
        t = time.perf_counter()
        store.close()
        closing = time.perf_counter() - t
    spent += closing
    return {
        "mentions": written,
        "events": counts["events"],
        "articles": counts["articles"],
        "seconds": spent,
        "rows_per_s": written / spent,
        "generate_seconds": made,
        "prepare_seconds": prepared,
        "checkpoint_seconds": closing,
    }


def bench_insert_paths(rows: int = 20_000) -> dict[str, float]:
    """The same mention rows: one Arrow INSERT vs executemany, each into an empty table."""
    (batch,) = synthetic_batches(rows, rows, seed=11)
    import datetime as dt

    tables = batch_tables(
        prepare_rows(batch),
        now=dt.datetime(2024, 1, 1),
        previous={},
        coder_version="bench",
        dictionary_version="bench",
        config=DedupConfig(),
    )
    con = duckdb.connect()
    con.execute(DDL)
    con.register("_batch", tables.mentions)
    # the rows as the store inserts them: with their mention ids
    mentions = arrow_table(con, f"SELECT {MENTION_ID_SQL} AS mention_id, * FROM _batch")
    columns = mentions.column_names
    values = [tuple(r[c] for c in columns) for r in mentions.to_pylist()]
    placeholders = ", ".join("?" for _ in columns)

    t = time.perf_counter()
    con.register("_m", mentions)
    con.execute("INSERT INTO mentions BY NAME SELECT * FROM _m")
    arrow_s = time.perf_counter() - t
    con.execute("DELETE FROM mentions")
    con.execute("CHECKPOINT")

    t = time.perf_counter()
    con.executemany(f"INSERT INTO mentions ({', '.join(columns)}) VALUES ({placeholders})", values)
    many_s = time.perf_counter() - t
    n = con.execute("SELECT count(*) FROM mentions").fetchall()[0][0]
    con.close()
    assert n == rows, n
    return {
        "rows": rows,
        "arrow_seconds": arrow_s,
        "arrow_rows_per_s": rows / arrow_s,
        "executemany_seconds": many_s,
        "executemany_rows_per_s": rows / many_s,
        "ratio": many_s / arrow_s,
    }


QUERIES = {
    "day x dyad counts (all events)": (
        "SELECT day, left(source_code, 6) AS source, left(target_code, 6) AS target, count(*) AS events "
        "FROM events GROUP BY ALL ORDER BY day, events DESC"
    ),
    "day counts for one dyad": (
        "SELECT day, count(*) FROM events WHERE starts_with(source_code, 'AAX') AND starts_with(target_code, 'AEX') "
        "GROUP BY day ORDER BY day"
    ),
    "month x root counts": (
        "SELECT strftime(day, '%Y-%m') AS month, root, count(*), sum(num_mentions) FROM events GROUP BY ALL ORDER BY ALL"
    ),
}


def bench_queries(path: str) -> dict[str, tuple[float, int]]:
    out = {}
    with Store(path, read_only=True) as store:
        for name, sql in QUERIES.items():
            result: list[int] = []

            def run(sql: str = sql, result: list[int] = result) -> None:
                result[:] = [store.arrow(sql).num_rows]

            out[name] = (median_time(run), result[0])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000, help="synthetic mentions to ingest")
    parser.add_argument("--batch", type=int, default=20_000, help="mentions per write transaction")
    parser.add_argument("--keep", metavar="PATH", help="keep the store at PATH (default: a temporary file)")
    parser.add_argument(
        "--order",
        choices=("chronological", "random"),
        default="chronological",
        help="stories in publication order, as a feed brings them (default), or in random date order",
    )
    parser.add_argument(
        "--repeats",
        type=float,
        default=REPEATS,
        help=f"share of mentions that report a recent happening again (default {REPEATS}; 0: every mention new)",
    )
    parser.add_argument(
        "--prepare",
        choices=("workers", "writer"),
        default="workers",
        help="who turns coded stories into rows: the coder's workers, as in `eventwire ingest` (default, "
        "not timed), or the writer (timed)",
    )
    parser.add_argument("--skip-executemany", action="store_true", help="skip the slow row-by-row comparison")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="eventwire-bench-")
    path = args.keep or os.path.join(folder, "bench.duckdb")
    if os.path.exists(path):
        os.unlink(path)
    print(f"eventwire store benchmark: duckdb {duckdb.__version__}, {os.cpu_count()} CPUs, store {path}")

    ingest = bench_ingest(path, args.mentions, args.batch, args.order, args.repeats, args.prepare)
    prepared = (
        f", preparing their rows (in ingest: in the coder's workers) {ingest['prepare_seconds']:.1f} s"
        if args.prepare == "workers"
        else ""
    )
    print(
        f"ingest through Arrow ({args.order} order, {args.repeats:.0%} repeated reports, rows prepared by the "
        f"{args.prepare}): {ingest['mentions']:,} mentions -> {ingest['events']:,} events "
        f"({ingest['articles']:,} articles) in {ingest['seconds']:.1f} s (of which the closing checkpoint "
        f"{ingest['checkpoint_seconds']:.1f} s) = {ingest['rows_per_s']:,.0f} mentions/s "
        f"(target >= 50,000); not counted: making the synthetic records {ingest['generate_seconds']:.1f} s{prepared}"
    )
    paths = bench_insert_paths(rows=2_000 if args.skip_executemany else 20_000)
    print(
        f"insert {paths['rows']:,} mention rows: one Arrow INSERT {paths['arrow_seconds'] * 1000:.0f} ms "
        f"({paths['arrow_rows_per_s']:,.0f} rows/s); executemany {paths['executemany_seconds']:.1f} s "
        f"({paths['executemany_rows_per_s']:,.0f} rows/s): Arrow is {paths['ratio']:,.0f}x faster"
    )
    for name, (seconds, rows) in bench_queries(path).items():
        print(f"query {name}: {seconds * 1000:.0f} ms median of 5 ({rows:,} result rows){' (target < 1 s)' if 'all' in name else ''}")
    size = os.path.getsize(path)
    print(f"store size: {size / 1e6:.0f} MB")
    if not args.keep:
        os.unlink(path)
        os.rmdir(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
