"""What reading news as web pages costs next to coding it: HTML extraction + metadata vs the coder.

Issue 3's speed target: extraction adds at most 10% to the per-story time, i.e.
(time to turn the HTML pages into Stories) / (time to code the same stories'
plain text) <= 0.10.

    .venv/bin/python bench/bench_ingest.py [--stories N] [--json] [--check]

One run, in one process:
  A  `ingest.html.story_from_html` on each page: decoding, trafilatura's main
     text and metadata, htmldate, the canonical URL, dateline and date precedence;
  L  the language check (langid) on the extracted texts, timed on its own
     (model load excluded: it happens once per process);
  B  `Coder.code_stories` (spaCy parse + coding, batch 32) on the extracted texts,
     which is what `eventwire code` does with them next.
Printed: per-story milliseconds of each and the ratios A/B and (A+L)/B; then the
same A/B for the real-length RFE/RL article page of the test fixtures.

The pages need no network: each story (the news sentences of ../shared/gold,
else the bundled RFE/RL sample) is wrapped in the page furniture of
tests/ingest/fixtures/rferl_nato_iraq_2008.html (navigation, a ticker, related
links, a legal footer) plus a 30 KB inline script and a 150-link menu, about
45 KB of HTML per page, the size of a light news page.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.records import Story

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO.parent / "shared" / "gold"
GOLD_FILES = ("conflibert_cameo_train.jsonl", "petr2_gsr.jsonl", "plover_gsr_cameo_manual.jsonl")
TARGET_RATIO = 0.10
STORY_SIZES = (3, 4, 5, 4, 2, 6)  # sentences per story, cycled


def sentences() -> tuple[list[str], str]:
    found: list[str] = []
    for name in GOLD_FILES:
        path = GOLD_DIR / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    text = " ".join(str(json.loads(line).get("text") or "").split())
                    if len(text) >= 40:
                        found.append(text)
    if found:
        return found, str(GOLD_DIR)
    text = (resources.files("eventwire") / "examples" / "rferl_nato_iraq_2008.txt").read_text(
        encoding="utf-8"
    )
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return [p for p in paras if len(p) > 80], "bundled RFE/RL sample"


def page(k: int, paragraphs: list[str]) -> bytes:
    """A news page around `paragraphs`: metadata in the head, furniture all around the article."""
    menu = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(150))
    script = "var tracking = [" + ",".join(f'"{i:05d}-{"x" * 20}"' for i in range(1200)) + "];"
    body = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Story {k} - Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2014-01-{1 + k % 28:02d}T10:00:00Z">
<link rel="canonical" href="https://wire.example.org/a/{k}.html">
<style>body {{ font-family: serif; }} .nav li {{ display: inline; }}</style>
<script>{script}</script></head><body>
<a href="#content">Accessibility links</a>
<header><nav class="nav"><ul>{menu}</ul></nav>
<div class="ticker"><span>Breaking News</span><ul>
<li><a href="/t/1">Georgia accuses Russia of shooting down a reconnaissance drone over Abkhazia</a></li>
<li><a href="/t/2">Iran condemns the United States over new sanctions on Tehran banks</a></li>
<li><a href="/t/3">Pakistan rejects Afghan charges of harbouring Taliban fighters</a></li></ul></div></header>
<main id="content"><article><h1>Story {k}</h1><div class="byline">By Staff</div>{body}</article>
<aside><h2>Related</h2><ul><li><a href="/r/1">NATO offers Georgia a path to membership</a></li>
<li><a href="/r/2">U.S. urges allies to send more troops to Afghanistan</a></li></ul></aside></main>
<footer><p>Copyright &copy; 2014 Example Wire. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy Policy</a></li><li><a href="/terms">Terms of Use</a></li></ul></footer>
</body></html>""".encode()


def build_pages(n: int) -> tuple[list[bytes], str]:
    pool, origin = sentences()
    pages = []
    used = 0
    for k in range(n):
        size = STORY_SIZES[k % len(STORY_SIZES)]
        picked = [pool[(used + j) % len(pool)] for j in range(size)]
        used += size
        paragraphs = [" ".join(picked[p : p + 2]) for p in range(0, size, 2)]
        pages.append(page(k, paragraphs))
    return pages, origin


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200, help="pages to extract and code (default 200)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if A/B > {TARGET_RATIO:.2f}")
    args = parser.parse_args(argv)

    from eventwire.coding.coder import Coder
    from eventwire.ingest.html import story_from_html
    from eventwire.ingest.language import identify

    pages, origin = build_pages(args.stories)
    coder = Coder()
    coder.nlp  # noqa: B018 - load the model off the clock
    identify("warm up the language model, which loads once per process, off the clock " * 3)
    story_from_html(pages[0], "warm-up", max_story_chars=1_000_000)  # imports trafilatura off the clock

    per_page: list[float] = []
    stories: list[Story] = []
    t0 = time.perf_counter()
    for k, data in enumerate(pages):
        t = time.perf_counter()
        stories.append(story_from_html(data, f"page-{k}", max_story_chars=1_000_000))
        per_page.append(time.perf_counter() - t)
    extract = time.perf_counter() - t0

    t0 = time.perf_counter()
    for story in stories:
        identify(story.text)
    language = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = sum(len(c.events) for c in coder.code_stories(stories, batch_size=32))
    coding = time.perf_counter() - t0

    fixture = REPO / "tests" / "ingest" / "fixtures" / "rferl_nato_iraq_2008.html"
    single: dict[str, float] = {}
    if fixture.is_file():  # one real-length article (14 paragraphs) in its page
        data = fixture.read_bytes()
        t0 = time.perf_counter()
        for _ in range(20):
            story = story_from_html(data, str(fixture), max_story_chars=1_000_000)
        single["extract_ms"] = 1000 * (time.perf_counter() - t0) / 20
        t0 = time.perf_counter()
        for _ in range(5):
            coder.code_story(story)
        single["coding_ms"] = 1000 * (time.perf_counter() - t0) / 5
        single["ratio"] = single["extract_ms"] / single["coding_ms"]

    n = len(stories)
    figures: dict[str, Any] = {
        "stories": n,
        "corpus": origin,
        "html_kb_per_page": round(statistics.mean(len(p) for p in pages) / 1024, 1),
        "extract_ms_per_story": round(1000 * extract / n, 2),
        "extract_ms_median": round(1000 * statistics.median(per_page), 2),
        "language_ms_per_story": round(1000 * language / n, 2),
        "coding_ms_per_story": round(1000 * coding / n, 2),
        "events": events,
        "ratio_extract_to_coding": round(extract / coding, 4),
        "ratio_extract_and_language_to_coding": round((extract + language) / coding, 4),
        "target": TARGET_RATIO,
        "rferl_page": {k: round(v, 4) for k, v in single.items()},
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{n} pages ({figures['html_kb_per_page']} KB of HTML each) from {origin}")
        print(
            f"  A extraction + metadata : {figures['extract_ms_per_story']:8.2f} ms/story "
            f"(median {figures['extract_ms_median']:.2f})"
        )
        print(f"  L language check        : {figures['language_ms_per_story']:8.2f} ms/story")
        print(f"  B coding the plain text : {figures['coding_ms_per_story']:8.2f} ms/story ({events} events)")
        print(
            f"  A/B = {figures['ratio_extract_to_coding']:.3f}   (A+L)/B = "
            f"{figures['ratio_extract_and_language_to_coding']:.3f}   target A/B <= {TARGET_RATIO:.2f}"
        )
        if single:
            print(
                f"  RFE/RL fixture page     : extraction {single['extract_ms']:.2f} ms, coding "
                f"{single['coding_ms']:.2f} ms, A/B = {single['ratio']:.3f}"
            )
    if args.check and extract / coding > TARGET_RATIO:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
