"""What resolving each event's date and place costs inside coding (issue 5: at most 10%).

One process, one parse of the corpus of bench_coding.py, then the coding layer run in
alternation with and without the time and place stages (`_SentenceCoder.time_of` and
`place_of` replaced by stubs that return None). Reported: median coding seconds of each
and the share of coding time the two stages take. Ratios from one run; machines are noisy.

    .venv/bin/python bench/bench_where_when.py [--stories N] [--repeats R] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_coding import DEFAULT_GOLD, build_corpus  # noqa: E402

from eventwire import coder as coder_module  # noqa: E402
from eventwire.coder import Coder  # noqa: E402
from eventwire.nlp import load_nlp  # noqa: E402

TARGET_SHARE = 0.10


def code_all(coder: Coder, pairs: list[Any]) -> tuple[float, int]:
    start = time.perf_counter()
    events = sum(len(coder.code_doc(story, doc).events) for story, doc in pairs)
    return time.perf_counter() - start, events


def run(n_stories: int, repeats: int) -> dict[str, Any]:
    corpus = build_corpus(n_stories, DEFAULT_GOLD)
    nlp = load_nlp()
    coder = Coder(nlp=nlp)
    docs = list(nlp.pipe([s.text for s in corpus.stories], batch_size=64))
    pairs = list(zip(corpus.stories, docs))
    code_all(coder, pairs[:10])  # warm caches (gazetteer, CAMEO tables)
    sentence_coder = coder_module._SentenceCoder
    real_time, real_place = sentence_coder.time_of, sentence_coder.place_of
    full, bare, events_full, events_bare = [], [], 0, 0
    try:
        for _ in range(repeats):
            seconds, events_full = code_all(coder, pairs)
            full.append(seconds)
            sentence_coder.time_of = lambda self, verb, future: None  # type: ignore[method-assign]
            sentence_coder.place_of = lambda self, verb, actor_countries=(): None  # type: ignore[method-assign]
            seconds, events_bare = code_all(coder, pairs)
            bare.append(seconds)
            sentence_coder.time_of, sentence_coder.place_of = real_time, real_place  # type: ignore[method-assign]
    finally:
        sentence_coder.time_of, sentence_coder.place_of = real_time, real_place  # type: ignore[method-assign]
    med_full, med_bare = statistics.median(full), statistics.median(bare)
    share = (med_full - med_bare) / med_full if med_full else 0.0
    return {
        "stories": len(corpus.stories),
        "coding_seconds": round(med_full, 3),
        "coding_without_time_and_place_seconds": round(med_bare, 3),
        "time_and_place_share": round(share, 3),
        "target_share": TARGET_SHARE,
        "per_repeat_share": [round((f - b) / f, 3) for f, b in zip(full, bare)],
        "events": events_full,
        "events_without": events_bare,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    r = run(args.stories, args.repeats)
    if args.json:
        print(json.dumps(r))
    else:
        print(
            f"stories {r['stories']}  coding {r['coding_seconds']}s  without time+place "
            f"{r['coding_without_time_and_place_seconds']}s  -> time+place share {r['time_and_place_share']:.1%} "
            f"(target <= {TARGET_SHARE:.0%}); per repeat {r['per_repeat_share']}; events {r['events']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
