"""Compare the store's write path of two source trees, run in turn (paired), on the same synthetic data.

    .venv/bin/python bench/ab_store.py /path/to/other/worktree           # that tree (A) vs this one (B)
    git worktree add /tmp/base 0e03cb3 && .venv/bin/python bench/ab_store.py /tmp/base --pairs 5

Each run is a fresh process that imports eventwire from its tree's ``src``, makes the synthetic
stories of `bench_store.synthetic_batches` (not timed), writes them into a new store in batches
and closes it (the closing checkpoint timed). A and B take turns (A B, B A, A B, ...), so a drift in
the machine's speed hits both; the ratio A/B is taken pair by pair and its median reported (above 1:
B is faster).
These machines are noisy: compare this ratio, not seconds from different runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

# Run inside a tree's folder: that tree's eventwire and benchmark data.
_RUN = r"""
import os, sys, tempfile, time
sys.path.insert(0, "src"); sys.path.insert(0, "bench")
from bench_store import synthetic_batches
from eventwire.store import Store
batches = list(synthetic_batches({mentions}, {batch}))
if {workers}:  # the rows as the coder's workers send them (bench_store.worker_chunks), not timed
    import pickle
    from bench_store import worker_chunks
    from eventwire.store.rows import StoryRows
    batches = [worker_chunks(b) for b in batches]
path = tempfile.mktemp(suffix=".duckdb")
t = time.perf_counter()
store = Store(path)
for b in batches:
    if {workers}:
        b = StoryRows.concat([pickle.loads(c) for c in b])
    store.write(b, coder_version="bench", dictionary_version="bench")
store.close()
print(time.perf_counter() - t)
os.unlink(path)
"""


def run(tree: Path, mentions: int, batch: int, workers: bool) -> float:
    code = _RUN.format(mentions=mentions, batch=batch, workers=workers)
    done = subprocess.run([sys.executable, "-c", code], cwd=tree, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the run in {tree} failed:\n{done.stderr}")
    return float(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", type=Path, help="the other source tree (A), e.g. a git worktree of an older commit")
    parser.add_argument("--pairs", type=int, default=3, help="A/B pairs to run (default 3)")
    parser.add_argument("--mentions", type=int, default=400_000, help="synthetic mentions per run (default 400,000)")
    parser.add_argument("--batch", type=int, default=20_000, help="mentions per transaction (default 20,000)")
    parser.add_argument(
        "--prepare",
        choices=("writer", "workers"),
        default="writer",
        help="who builds the rows: the writer (timed; any tree) or, as `eventwire ingest` does, the coder's "
        "workers (not timed; both trees need store.rows.prepare_rows, session 4 on)",
    )
    args = parser.parse_args()
    workers = args.prepare == "workers"
    ratios = []
    for pair in range(args.pairs):
        if pair % 2 == 0:
            a = run(args.tree, args.mentions, args.batch, workers)
            b = run(HERE, args.mentions, args.batch, workers)
        else:
            b = run(HERE, args.mentions, args.batch, workers)
            a = run(args.tree, args.mentions, args.batch, workers)
        ratios.append(a / b)
        print(f"A {a:.2f} s   B {b:.2f} s   A/B {a / b:.3f}", flush=True)
    print(f"median A/B over {args.pairs} pairs: {statistics.median(ratios):.3f} (above 1: this tree is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
