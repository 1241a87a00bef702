"""Where the coding layer's time goes: cProfile over `Coder.code_stories` on bench_scale's corpus.

    .venv/bin/python bench/profile_coding.py [--stories N] [--sort tottime|cumulative] [--top K]

The corpus is bench_scale's (ConfliBERT's sentences from ../shared/gold grouped into stories); the
model is loaded and a few stories coded before profiling starts, so first-use costs stay out. Prints
eventwire's functions only. cProfile inflates Python-heavy code, so read shares, not seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import bench_scale  # noqa: E402

from eventwire.engines.local import build_coder  # noqa: E402
from eventwire.records import CodingOptions, Story  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stories", type=int, default=800, help="stories to code (default 800)")
    p.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    p.add_argument("--top", type=int, default=40)
    p.add_argument("--gold", type=Path, default=bench_scale.DEFAULT_GOLD)
    args = p.parse_args(argv)
    sents, _ = bench_scale.sentences(args.gold)
    rows = bench_scale.stories(sents, 1)[: args.stories]
    stories = [Story(id=str(i), text=r["text"], date=bench_scale.DEFAULT_DATE) for i, r in enumerate(rows)]
    coder = build_coder(None, False, CodingOptions())
    list(coder.code_stories(stories[:5]))
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    events = sum(len(c.events) for c in coder.code_stories(stories))
    profile.disable()
    print(f"{len(stories)} stories, {events} events, {time.perf_counter() - start:.2f} s under cProfile")
    pstats.Stats(profile).sort_stats(args.sort).print_stats(r"eventwire", args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
