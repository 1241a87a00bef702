"""What the coding layer costs on top of the spaCy parse, and how much memory one coder needs.

Issue 2's speed target: `eventwire code` over a corpus against a plain `nlp.pipe`
over the same texts with the same model; the coding layer may add at most 30% to
the parse, and one coding process may peak at 1.5 GB RSS with the full production
dictionaries. See bench/README.md for how to read the figures.

    .venv/bin/python bench/bench_coding.py [--stories N] [--repeats R] [--batch-size N] [--long-chars N]
                                           [--profile [N]] [--no-rss] [--json] [--check]

In ONE process, alternating repetitions of
  A  `nlp.pipe(texts, batch_size=64)`, consuming the docs, nothing else;
  B  the same pipe, plus `Coder.code_doc` on each doc (one Coder, built once),
     timing the coding calls on their own too;
then medians. Peak RSS comes from `eventwire code CORPUS.jsonl --workers 1` run as a
subprocess under `/usr/bin/time -v` (or `getrusage(RUSAGE_CHILDREN)` without it),
next to a parse-only subprocess for comparison.

The corpus needs no network: the news sentences of ../shared/gold (ConfliBERT,
PETR2 GSR, PLOVER GSR) grouped into multi-sentence, multi-paragraph stories, or,
without ../shared, the bundled RFE/RL sample repeated.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.records import Story

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "gold"
# The sentence collections of ../shared/gold that are news text (ids and labels are ignored).
GOLD_FILES = ("conflibert_cameo_train.jsonl", "petr2_gsr.jsonl", "plover_gsr_cameo_manual.jsonl")
DEFAULT_DATE = "2014-01-15"  # the Phoenix actor dictionaries were built in January 2014
STORY_SIZES = (3, 4, 5, 4, 2, 6)  # sentences per story, cycled: about 4 on average
SENTENCES_PER_PARAGRAPH = 2
TARGET_RATIO = 1.30
TIME_BIN = "/usr/bin/time"
DEFAULT_BATCH_SIZE = 32  # `eventwire code --batch-size` default (cli.DEFAULT_BATCH_SIZE)
TARGET_RSS_MB = 1500.0  # 1.5 GB, read strictly (MB = 2**20 bytes here)


# --- corpus -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    stories: list[Story]
    sentences: int  # source sentences (before spaCy's own split)
    origin: str


def _gold_sentences(gold_dir: Path) -> list[tuple[str, str | None]]:
    """(text, YYYY-MM-DD date or None) of each news sentence, interleaved across the gold files."""
    per_file: list[list[tuple[str, str | None]]] = []
    for name in GOLD_FILES:
        path = gold_dir / name
        if not path.is_file():
            continue
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            text = " ".join(str(obj.get("text") or "").split())
            if len(text) < 20:
                continue
            raw = str(obj.get("date") or "")
            date = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if re.fullmatch(r"\d{8}", raw) else None
            rows.append((text, date))
        per_file.append(rows)
    # round-robin, so that every story mixes sources the way a news feed mixes topics
    out: list[tuple[str, str | None]] = []
    for i in range(max((len(rows) for rows in per_file), default=0)):
        for rows in per_file:
            if i < len(rows):
                out.append(rows[i])
    return out


def _sample_sentences() -> list[tuple[str, str | None]]:
    """The bundled RFE/RL story split into its paragraphs (the fallback without ../shared)."""
    text = (resources.files("eventwire") / "examples" / "rferl_nato_iraq_2008.txt").read_text(encoding="utf-8")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return [(p, "2008-04-17") for p in paras if len(p) > 80 and p[-1:] in '.!?"”']  # story paragraphs


def build_corpus(n_stories: int, gold_dir: Path) -> Corpus:
    """`n_stories` stories of 2-6 sentences in paragraphs of two; sentences are reused cyclically."""
    sentences = _gold_sentences(gold_dir)
    origin = f"{gold_dir} ({', '.join(n for n in GOLD_FILES if (gold_dir / n).is_file())})"
    if not sentences:
        sentences, origin = _sample_sentences(), "bundled sample rferl_nato_iraq_2008.txt, repeated"
    stories: list[Story] = []
    used = 0
    for k in range(n_stories):
        size = STORY_SIZES[k % len(STORY_SIZES)]
        picked = [sentences[(used + j) % len(sentences)] for j in range(size)]
        used += size
        paragraphs = [
            " ".join(text for text, _ in picked[p : p + SENTENCES_PER_PARAGRAPH])
            for p in range(0, size, SENTENCES_PER_PARAGRAPH)
        ]
        date = next((d for _, d in picked if d), DEFAULT_DATE)
        text = "\n\n".join(paragraphs) + "\n"
        stories.append(Story(id=f"bench-{k:05d}", text=text, date=date, origin=f"bench:{k}"))
    return Corpus(stories, used, origin)


# --- timing -------------------------------------------------------------------------------------------


@dataclass
class PassResult:
    seconds: float  # wall clock
    cpu_seconds: float = 0.0  # CPU time of this process (all threads)
    code_seconds: float = 0.0
    code_cpu_seconds: float = 0.0
    events: int = 0
    spacy_sentences: int = 0


def run_parse(nlp: Any, texts: list[str], batch_size: int) -> PassResult:
    """A: the parse only; docs are consumed (their sentences are counted off the clock)."""
    n = 0
    counting = 0.0
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        c0 = time.perf_counter()
        n += sum(1 for _ in doc.sents)
        counting += time.perf_counter() - c0
    wall = time.perf_counter() - t0 - counting
    return PassResult(wall, cpu_seconds=time.process_time() - cpu0 - counting, spacy_sentences=n)


def run_parse_and_code(
    nlp: Any, coder: Any, stories: list[Story], batch_size: int, profiler: cProfile.Profile | None = None
) -> PassResult:
    """B: the same pipe, plus `coder.code_doc` on each doc; coding is also timed on its own."""
    texts = [s.text for s in stories]
    code_seconds = 0.0
    code_cpu = 0.0
    events = 0
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    for doc, story in zip(nlp.pipe(texts, batch_size=batch_size), stories, strict=True):
        c0, p0 = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        coded = coder.code_doc(story, doc)
        if profiler is not None:
            profiler.disable()
        code_seconds += time.perf_counter() - c0
        code_cpu += time.process_time() - p0
        events += len(coded.events)
    return PassResult(
        time.perf_counter() - t0,
        cpu_seconds=time.process_time() - cpu0,
        code_seconds=code_seconds,
        code_cpu_seconds=code_cpu,
        events=events,
    )


def run_long_story(nlp: Any, coder: Any, corpus: Corpus, chars: int) -> dict[str, Any]:
    """One story of about `chars` characters (the corpus stories end to end): parse vs code time.

    Per-story costs that grow faster than the story (anything linear in the document,
    done once per sentence) show up here and not in the short-story corpus.
    """
    parts: list[str] = []
    total = 0
    k = 0
    while total < chars:
        text = corpus.stories[k % len(corpus.stories)].text.strip()
        parts.append(text)
        total += len(text) + 2
        k += 1
    text = "\n\n".join(parts)[:chars]
    text = text[: text.rfind(".") + 1] or text  # end on a sentence
    story = Story(id="bench-long", text=text, date=DEFAULT_DATE, origin="bench:long")
    t0 = time.perf_counter()
    doc = nlp(text)
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    coded = coder.code_doc(story, doc)
    code_s = time.perf_counter() - t0
    return {
        "characters": len(text),
        "sentences": sum(1 for _ in doc.sents),
        "parse_seconds": round(parse_s, 3),
        "code_seconds": round(code_s, 3),
        "ratio": round((parse_s + code_s) / parse_s, 3),
        "events": len(coded.events),
        "discarded": coded.discarded,
    }


# --- peak RSS -----------------------------------------------------------------------------------------


def _eventwire_command() -> list[str]:
    script = Path(sys.executable).with_name("eventwire")
    return [str(script)] if script.exists() else [sys.executable, "-m", "eventwire"]


_PARSE_ONLY = """
import json, sys
from eventwire.nlp import load_nlp
nlp = load_nlp()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for doc in nlp.pipe(texts, batch_size=int(sys.argv[2])):
    pass
"""


def measure_rss(cmd: list[str], stdout_path: Path) -> dict[str, Any]:
    """Run `cmd` to completion; its peak RSS in MB, wall seconds, exit code and stderr tail."""
    use_time = sys.platform.startswith("linux") and os.access(TIME_BIN, os.X_OK)  # GNU time: -v
    full = [TIME_BIN, "-v", *cmd] if use_time else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    with open(stdout_path, "wb") as out:
        proc = subprocess.run(full, stdout=out, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - t0
    stderr = proc.stderr.decode("utf-8", "replace")
    kib: float | None = None
    method = "getrusage(RUSAGE_CHILDREN)"
    if use_time:
        m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", stderr)
        if m:
            kib, method = float(m.group(1)), "/usr/bin/time -v"
        stderr = stderr.split("\tCommand being timed:")[0]
    if kib is None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        # ru_maxrss is the largest child so far: only meaningful if this child set a new maximum
        kib = float(after) if after > before else None
        if sys.platform == "darwin" and kib is not None:
            kib /= 1024  # bytes on macOS
    return {
        "peak_rss_mb": None if kib is None else round(kib / 1024, 1),
        "wall_seconds": round(wall, 2),
        "exit_code": proc.returncode,
        "method": method,
        "stderr_tail": stderr.strip().splitlines()[-1:] if stderr.strip() else [],
    }


def rss_figures(corpus: Corpus, workdir: Path) -> dict[str, Any]:
    jsonl = workdir / "corpus.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for s in corpus.stories:
            f.write(json.dumps({"id": s.id, "text": s.text, "date": s.date}) + "\n")
    events_out = workdir / "events.jsonl"
    cmd = [*_eventwire_command(), "code", str(jsonl), "--workers", "1", "--format", "jsonl"]
    code = measure_rss(cmd, events_out)
    with open(events_out, "rb") as f:
        code["events"] = sum(1 for _ in f)
    code["command"] = f"eventwire code CORPUS.jsonl --workers 1 --format jsonl ({len(corpus.stories)} stories)"
    # the same batch size as `eventwire code` uses: spaCy's peak memory grows with the batch
    parse = measure_rss(
        [sys.executable, "-c", _PARSE_ONLY, str(jsonl), str(DEFAULT_BATCH_SIZE)], workdir / "parse.out"
    )
    parse["command"] = f"load_nlp() + nlp.pipe(texts, batch_size={DEFAULT_BATCH_SIZE})"
    return {"code": code, "parse_only": parse}


# --- profile ------------------------------------------------------------------------------------------


def top_functions(profiler: cProfile.Profile, n: int) -> list[dict[str, Any]]:
    """The `n` functions with the most own time (tottime) while coding."""
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        short = file
        for marker in ("/site-packages/", "/src/"):
            if marker in file:
                short = file.split(marker, 1)[1]
        rows.append({"function": f"{short}:{line}({func})", "calls": nc, "tottime": tt, "cumtime": ct})
    rows.sort(key=lambda r: -r["tottime"])
    total = sum(r["tottime"] for r in rows) or 1.0
    for r in rows:
        r["share"] = round(r["tottime"] / total, 3)
        r["tottime"], r["cumtime"] = round(r["tottime"], 3), round(r["cumtime"], 3)
    return rows[:n]


def _loadavg() -> float | None:
    """The 1-minute load average (other work on the machine skews the wall-clock figures)."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


# --- main ---------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict[str, Any]:
    from eventwire.coding.coder import Coder
    from eventwire.dictionaries.loader import load_dictionaries
    from eventwire.nlp import load_nlp

    load_before = _loadavg()
    corpus = build_corpus(args.stories, Path(args.gold))
    texts = [s.text for s in corpus.stories]
    t0 = time.perf_counter()
    nlp = load_nlp()
    load_model = time.perf_counter() - t0
    t0 = time.perf_counter()
    coder = Coder(load_dictionaries(None), nlp=nlp)  # same pipeline object for A and B
    load_coder = time.perf_counter() - t0

    # Warm-up (not timed): first-call costs of both paths (lazy tables, CAMEO files, caches).
    warm = corpus.stories[: min(32, len(corpus.stories))]
    run_parse(nlp, [s.text for s in warm], args.batch_size)
    run_parse_and_code(nlp, coder, warm, args.batch_size)

    a_runs: list[PassResult] = []
    b_runs: list[PassResult] = []
    for rep in range(args.repeats):
        order = ("A", "B") if rep % 2 == 0 else ("B", "A")  # alternate so drift hits both alike
        for which in order:
            if which == "A":
                a_runs.append(run_parse(nlp, texts, args.batch_size))
            else:
                b_runs.append(run_parse_and_code(nlp, coder, corpus.stories, args.batch_size))
        if not args.json:
            print(  # progress, on stderr so that --json output stays one object
                f"  repeat {rep + 1}/{args.repeats}: parse {a_runs[-1].seconds:.2f}s, "
                f"parse+code {b_runs[-1].seconds:.2f}s (coding {b_runs[-1].code_seconds:.2f}s)",
                file=sys.stderr,
                flush=True,
            )

    parse_cpu = statistics.median(r.cpu_seconds for r in a_runs)
    both_cpu = statistics.median(r.cpu_seconds for r in b_runs)
    parse_s = statistics.median(r.seconds for r in a_runs)
    both_s = statistics.median(r.seconds for r in b_runs)
    code_s = statistics.median(r.code_seconds for r in b_runs)
    result: dict[str, Any] = {
        "corpus": corpus.origin,
        "stories": len(corpus.stories),
        "sentences": corpus.sentences,
        "spacy_sentences": a_runs[0].spacy_sentences,
        "characters": sum(len(t) for t in texts),
        "batch_size": args.batch_size,
        "repeats": args.repeats,
        "load_model_seconds": round(load_model, 2),
        "load_dictionaries_seconds": round(load_coder, 2),
        "parse_seconds": round(parse_s, 3),
        "parse_code_seconds": round(both_s, 3),
        "code_seconds": round(code_s, 3),
        "ratio": round(both_s / parse_s, 3),
        "ratio_from_code_time": round((parse_s + code_s) / parse_s, 3),
        "ratios_per_repeat": [round(b.seconds / a.seconds, 3) for a, b in zip(a_runs, b_runs)],
        "parse_cpu_seconds": round(parse_cpu, 3),
        "parse_code_cpu_seconds": round(both_cpu, 3),
        "code_cpu_seconds": round(statistics.median(r.code_cpu_seconds for r in b_runs), 3),
        "cpu_ratio": round(both_cpu / parse_cpu, 3),
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": _loadavg(),
        "stories_per_second": round(len(texts) / both_s, 1),
        "code_ms_per_story": round(1000 * code_s / len(texts), 2),
        "events": b_runs[-1].events,
        "target_ratio": TARGET_RATIO,
        "target_rss_mb": TARGET_RSS_MB,
    }
    if args.long_chars:
        result["long_story"] = run_long_story(nlp, coder, corpus, args.long_chars)
    if args.profile:
        profiler = cProfile.Profile()
        run_parse_and_code(nlp, coder, corpus.stories, args.batch_size, profiler=profiler)
        result["profile_top"] = top_functions(profiler, args.profile)
    if not args.no_rss:
        with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
            result["rss"] = rss_figures(corpus, Path(tmp))
    return result


def _meets(value: float, target: float) -> bool:
    """At most the target, at the precision printed (two decimals): 1.302 reads 1.30 and passes."""
    return round(value, 2) <= target


def report(r: dict[str, Any]) -> str:
    ok = "ok" if _meets(r["ratio"], r["target_ratio"]) else "OVER TARGET"
    lines = [
        f"corpus      {r['corpus']}",
        f"stories     {r['stories']:,}   sentences {r['spacy_sentences']:,} (as spaCy splits them; "
        f"{r['sentences']:,} in the source)   characters {r['characters']:,}",
        f"loading     model {r['load_model_seconds']:.2f}s, dictionaries + coder {r['load_dictionaries_seconds']:.2f}s"
        " (not in the ratio)",
        f"parse       {r['parse_seconds']:.2f}s   (A: nlp.pipe, batch_size={r['batch_size']}, "
        f"median of {r['repeats']})",
        f"parse+code  {r['parse_code_seconds']:.2f}s   (B: same pipe + Coder.code_doc; coding alone "
        f"{r['code_seconds']:.2f}s = {r['code_ms_per_story']:.1f} ms/story)",
        f"ratio       {r['ratio']:.2f}  B/A  [{ok}: target <= {r['target_ratio']:.2f}]   "
        f"(A + coding)/A = {r['ratio_from_code_time']:.2f}; per repeat {r['ratios_per_repeat']}",
        f"cpu time    parse {r['parse_cpu_seconds']:.2f}s, parse+code {r['parse_code_cpu_seconds']:.2f}s, "
        f"ratio {r['cpu_ratio']:.2f}   (load average {r['load_average_before']} -> {r['load_average_after']} "
        f"on {r['cpus']} CPUs)",
        f"events      {r['events']:,}   ({r['stories_per_second']:.1f} stories/s parsed and coded)",
    ]
    long = r.get("long_story")
    if long:
        lines.append(
            f"long story  {long['characters']:,} chars, {long['sentences']:,} sentences: parse "
            f"{long['parse_seconds']:.2f}s, code {long['code_seconds']:.2f}s, (parse+code)/parse "
            f"{long['ratio']:.2f}, {long['events']:,} events"
            + (f" (story discarded: {long['discarded']})" if long["discarded"] else "")
        )
    rss = r.get("rss")
    if rss:
        c, p = rss["code"], rss["parse_only"]
        mark = "ok" if c["peak_rss_mb"] is not None and _meets(c["peak_rss_mb"], r["target_rss_mb"]) else "OVER TARGET"
        lines.append(
            f"peak RSS    {c['peak_rss_mb']} MB  eventwire code --workers 1 [{mark}: target <= "
            f"{r['target_rss_mb']:.0f} MB] (wall {c['wall_seconds']:.1f}s, {c['events']:,} events, exit {c['exit_code']})"
        )
        lines.append(f"            {p['peak_rss_mb']} MB  parse only (model + nlp.pipe), by {c['method']}")
        if c["stderr_tail"]:  # its summary: a repeated corpus has duplicates, which the CLI skips
            lines.append(f"            eventwire said: {c['stderr_tail'][-1]}")
    if "profile_top" in r:
        lines.append("profile     coding layer only, cProfile, by own time:")
        for row in r["profile_top"]:
            lines.append(
                f"  {row['share']:>6.1%}  {row['tottime']:>7.3f}s  {row['calls']:>9,}  {row['function']}"
            )
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench_coding.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--stories", type=int, default=150, metavar="N", help="stories in the corpus (default 150)")
    p.add_argument("--repeats", type=int, default=3, metavar="R", help="A/B repetitions (default 3)")
    p.add_argument("--batch-size", type=int, default=64, metavar="N", help="nlp.pipe batch size (default 64)")
    p.add_argument("--gold", default=str(DEFAULT_GOLD), metavar="DIR", help="folder of the gold JSONL files")
    p.add_argument("--long-chars", type=int, default=20_000, metavar="N",
                   help="also time one story of N characters (default 20000; 0: skip)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    p.add_argument("--no-rss", action="store_true", help="skip the peak-RSS subprocesses")
    p.add_argument("--profile", type=int, nargs="?", const=10, default=0, metavar="N",
                   help="one extra pass of B under cProfile; list the top N coding functions (default 10)")
    p.add_argument("--check", action="store_true", help="exit 1 when the ratio or the peak RSS misses its target")
    args = p.parse_args(argv)
    if args.stories < 1 or args.repeats < 1 or args.batch_size < 1:
        p.error("--stories, --repeats and --batch-size must be at least 1")
    if args.long_chars < 0:
        p.error("--long-chars must be 0 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    result = run(args)
    if args.json:
        print(json.dumps(result, indent=None))
    else:
        print(report(result))
    if args.check:
        rss = result.get("rss", {}).get("code", {}).get("peak_rss_mb")
        if not _meets(result["ratio"], TARGET_RATIO) or (rss is not None and not _meets(rss, TARGET_RSS_MB)):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
