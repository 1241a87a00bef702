"""What resolving each event's date and place costs inside coding (issue 5: at most 10%).

One process, one parse of the corpus of bench_coding.py, then each story coded twice in
alternation (CPU time), with and without the time and place stages (`_SentenceCoder.time_of` and
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

from eventwire.coding import coder as coder_module  # noqa: E402
from eventwire.coding.coder import Coder  # noqa: E402
from eventwire.nlp import load_nlp  # noqa: E402

TARGET_SHARE = 0.10


def run(n_stories: int, repeats: int) -> dict[str, Any]:
    corpus = build_corpus(n_stories, DEFAULT_GOLD)
    nlp = load_nlp()
    coder = Coder(nlp=nlp)
    docs = list(nlp.pipe([s.text for s in corpus.stories], batch_size=64))
    pairs = list(zip(corpus.stories, docs))
    sentence_coder = coder_module._SentenceCoder
    real = (sentence_coder.time_of, sentence_coder.place_of)
    stubs = (lambda self, verb, future: None, lambda self, verb, actor_countries=(): None)

    def code_one(story: Any, doc: Any, bare: bool) -> tuple[float, int]:
        sentence_coder.time_of, sentence_coder.place_of = stubs if bare else real  # type: ignore[method-assign]
        start = time.process_time()  # CPU time: steadier than the wall clock on a shared machine
        n = len(coder.code_doc(story, doc).events)
        return time.process_time() - start, n

    for story, doc in pairs[:10]:  # warm caches (gazetteer, CAMEO tables)
        code_one(story, doc, False)
    full, bare, shares = [], [], []
    events_full = events_bare = 0
    try:
        for r in range(repeats):
            f = b = 0.0
            events_full = events_bare = 0
            # alternate story by story, and which of the pair goes first, so drift hits both
            for k, (story, doc) in enumerate(pairs):
                for is_bare in ((False, True) if (k + r) % 2 == 0 else (True, False)):
                    seconds, n = code_one(story, doc, is_bare)
                    if is_bare:
                        b, events_bare = b + seconds, events_bare + n
                    else:
                        f, events_full = f + seconds, events_full + n
            full.append(f)
            bare.append(b)
            shares.append((f - b) / f if f else 0.0)
    finally:
        sentence_coder.time_of, sentence_coder.place_of = real  # type: ignore[method-assign]
    return {
        "stories": len(corpus.stories),
        "coding_cpu_seconds": round(statistics.median(full), 3),
        "coding_without_time_and_place_cpu_seconds": round(statistics.median(bare), 3),
        "time_and_place_share": round(statistics.median(shares), 3),
        "target_share": TARGET_SHARE,
        "per_repeat_share": [round(x, 3) for x in shares],
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
            f"stories {r['stories']}  coding {r['coding_cpu_seconds']}s CPU  without time+place "
            f"{r['coding_without_time_and_place_cpu_seconds']}s  -> time+place share {r['time_and_place_share']:.1%} "
            f"(target <= {TARGET_SHARE:.0%}); per repeat {r['per_repeat_share']}; events {r['events']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
