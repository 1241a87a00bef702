"""One machine, fast (issue 15): eventwire against a plain `nlp.pipe`, start-up, workers, memory.

    .venv/bin/python bench/bench_scale.py [--gold DIR] [--times N] [--long-chars N] [--quick]
                                          [--json] [--write-results]

Every figure is a whole process, timed from the outside (wall clock, and the CPU time and peak
RSS that `os.wait4` reports for the process and the workers it waited for):

* **throughput**: `eventwire code CORPUS.jsonl --workers 1 --format jsonl` against a process
  that loads the same model and runs `nlp.pipe` over the same texts (batch 32, the CLI's):
  stories/s, words/s and their ratio, start-up included on both sides (target <= 1.30);
* **start-up**: `eventwire code` on one sentence against `spacy.load` of the model alone, three
  of each, alternating, medians (target <= 1.5);
* **workers**: the same `eventwire code` with `--workers 2` (target: >= 1.7x the throughput of 1);
* **Dask**: the app layer's `code` with `RunOptions(engine="dask", workers=2)` against
  `engine="local"` on the same corpus, when `eventwire.engines.ENGINES` has "dask" (target:
  within 25%); "not available" otherwise;
* **memory**: peak RSS per process (target <= 1.5 GB), and the peak over `--times` (10) times the
  corpus (each copy's sentences shuffled into other stories, so nothing is a duplicate) against
  the peak over the corpus once, both with 2 workers (target: within 10%);
* **long stories**: the coder's CPU time per character for one story of 10,000 characters and
  one of `--long-chars` (1,000,000), parse included, both made of the bundled article's paragraphs
  repeated, after a warm-up story (target: <= 1.2).

The corpus needs no network: the ConfliBERT CAMEO train sentences of ../shared/gold, twice
(3,134 sentences; the second copy shuffled into other stories), in stories of 2-6 sentences,
paragraphs of two; without ../shared the bundled RFE/RL sample's paragraphs, repeated.
The machine is shared: compare the ratios, measured minutes apart in one run, not the seconds.
`--write-results` replaces the "One machine, fast" section of docs/RESULTS.md with this run's table.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "gold"
CORPUS_FILE = "conflibert_cameo_train.jsonl"
STORY_SIZES = (3, 4, 5, 4, 2, 6)  # sentences per story, cycled: 4 on average
DEFAULT_DATE = "2014-01-15"
RESULTS = REPO / "docs" / "RESULTS.md"
SECTION = "### One machine, fast (issue 15)"
ONE_SENTENCE = "Iraq accused Iran of arming militias on Tuesday.\n"
TARGETS = {"ratio": 1.30, "startup": 1.5, "speedup": 1.7, "dask": 1.25, "rss_mb": 1500.0, "rss_growth": 1.10,
           "long": 1.2}

PLAIN_PIPE = """
import json, sys, spacy
from eventwire.nlp import MODEL_NAME
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(MODEL_NAME)
n = sum(1 for _ in nlp.pipe(texts, batch_size=32))
print(n)
"""
MODEL_ONLY = "import spacy; from eventwire.nlp import MODEL_NAME; spacy.load(MODEL_NAME)"
APP_CODE = """
import sys
from eventwire import app
from eventwire.app import CoderSpec, ReadOptions, RunOptions
n = 0
for item in app.code(ReadOptions((sys.argv[1],)), CoderSpec(), run=RunOptions(workers=2, engine=sys.argv[2])):
    n += len(getattr(item, "events", ()))
print(n)
"""
LONG_STORY = """
import json, sys, time
from eventwire.engines.local import build_coder
from eventwire.records import CodingOptions, Story
text = open(sys.argv[1], encoding="utf-8").read()
coder = build_coder(None, False, CodingOptions())
list(coder.code_stories([Story(id="warm-up", text=text[-10000:], date="2014-01-15")]))  # first-use costs
out = {}
for size in map(int, sys.argv[2:]):
    story = Story(id=f"long-{size}", text=text[:size], date="2014-01-15")
    cpu, wall = time.process_time(), time.perf_counter()
    (coded,) = coder.code_stories([story])
    out[size] = {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall, "events": len(coded.events)}
print(json.dumps(out))
"""


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_rss_mb: float
    stdout: str


def run_process(cmd: list[str], stdin: str | None = None) -> Run:
    """Run `cmd` to the end; its wall time, CPU time and peak RSS (its own and its waited-for workers')."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out, stderr=err, env=env, cwd=REPO)
        if stdin is not None:
            proc.stdin.write(stdin.encode("utf-8"))  # type: ignore[union-attr]
        proc.stdin.close()  # type: ignore[union-attr]
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read().decode("utf-8"))


# --- corpus ---------------------------------------------------------------------------------------------


def sentences(gold_dir: Path) -> tuple[list[str], str]:
    path = gold_dir / CORPUS_FILE
    if path.is_file():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        found = [" ".join(str(r.get("text") or "").split()) for r in rows]
        return [s for s in found if len(s) >= 20], str(path)
    text = (resources.files("eventwire") / "examples" / "rferl_nato_iraq_2008.txt").read_text(encoding="utf-8")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if len(p.split()) > 5]
    return paras * 20, "the bundled rferl_nato_iraq_2008.txt paragraphs, repeated (no ../shared)"


def stories(sents: list[str], copies: int, seed: int = 15) -> list[dict[str, str]]:
    """The sentences `copies` times over (every copy after the first shuffled), in stories of
    2-6 sentences and paragraphs of two; each story text is new, so none is skipped as a repeat."""
    out: list[dict[str, str]] = []
    rng = random.Random(seed)
    for copy in range(copies):
        order = list(sents)
        if copy:
            rng.shuffle(order)
        i = k = 0
        while i < len(order):
            size = STORY_SIZES[k % len(STORY_SIZES)]
            picked = order[i : i + size]
            paras = [" ".join(picked[p : p + 2]) for p in range(0, len(picked), 2)]
            out.append({"id": f"bench-{copy}-{k:05d}", "text": "\n\n".join(paras) + "\n", "date": DEFAULT_DATE})
            i += size
            k += 1
    return out


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


# --- the figures ----------------------------------------------------------------------------------------


def eventwire(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventwire", "code", *args, "--format", "jsonl"]


def events_in(run: Run) -> int:
    return sum(1 for line in run.stdout.splitlines() if line.strip())


def dask_available() -> bool:
    from eventwire.engines import ENGINES

    return "dask" in ENGINES


def measure(args: argparse.Namespace) -> dict[str, Any]:
    # An installed eventwire has its bytecode compiled (pip does it); a source tree run with
    # PYTHONDONTWRITEBYTECODE would compile every module at each start-up (0.5 s of CPU).
    compileall.compile_dir(str(REPO / "src"), quiet=1)
    sents, origin = sentences(args.gold)
    if args.quick:
        sents = sents[:400]
    copies = 2 if args.gold.joinpath(CORPUS_FILE).is_file() else 1  # 2 x 1,567 = 3,134 sentences
    once = stories(sents, copies)
    texts = [s["text"] for s in once]
    n_sents = len(sents) * copies
    words = sum(len(t.split()) for t in texts)
    r: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "corpus": {"origin": origin, "stories": len(once), "words": words, "chars": sum(map(len, texts))},
        "loadavg_start": os.getloadavg()[0],
        "cpus": os.cpu_count(),
    }
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        work = Path(tmp)
        corpus = write_jsonl(work / "corpus.jsonl", once)
        one = work / "one.txt"
        one.write_text(ONE_SENTENCE, encoding="utf-8")

        # start-up: alternating, medians
        model, start = [], []
        for _ in range(3):
            model.append(run_process([sys.executable, "-c", MODEL_ONLY]))
            start.append(run_process(eventwire(str(one), "--date", "2008-04-17")))
        r["startup"] = {
            "model_wall": statistics.median(x.wall for x in model),
            "model_cpu": statistics.median(x.cpu for x in model),
            "code_wall": statistics.median(x.wall for x in start),
            "code_cpu": statistics.median(x.cpu for x in start),
        }
        r["startup"]["ratio"] = r["startup"]["code_wall"] / r["startup"]["model_wall"]
        r["startup"]["cpu_ratio"] = r["startup"]["code_cpu"] / r["startup"]["model_cpu"]
        _note("start-up", r["startup"])

        # throughput: plain pipe, eventwire with 1 then 2 workers, plain again (drift hits both sides)
        plain1 = run_process([sys.executable, "-c", PLAIN_PIPE, str(corpus)])
        ew1 = run_process(eventwire(str(corpus), "--workers", "1"))
        ew2 = run_process(eventwire(str(corpus), "--workers", "2"))
        plain2 = run_process([sys.executable, "-c", PLAIN_PIPE, str(corpus)])
        plain_wall = statistics.mean([plain1.wall, plain2.wall])
        plain_cpu = statistics.mean([plain1.cpu, plain2.cpu])
        r["throughput"] = {
            "sentences": n_sents,
            "plain_wall": plain_wall, "plain_cpu": plain_cpu, "plain_walls": [plain1.wall, plain2.wall],
            "plain_rss_mb": max(plain1.peak_rss_mb, plain2.peak_rss_mb),
            "w1_wall": ew1.wall, "w1_cpu": ew1.cpu, "w1_rss_mb": ew1.peak_rss_mb, "events": events_in(ew1),
            "w2_wall": ew2.wall, "w2_cpu": ew2.cpu, "w2_rss_mb": ew2.peak_rss_mb, "w2_events": events_in(ew2),
        }
        t = r["throughput"]
        t["plain_stories_s"], t["plain_words_s"] = len(once) / plain_wall, words / plain_wall
        t["w1_stories_s"], t["w1_words_s"] = len(once) / ew1.wall, words / ew1.wall
        t["w2_stories_s"], t["w2_words_s"] = len(once) / ew2.wall, words / ew2.wall
        t["ratio"] = ew1.wall / plain_wall
        t["cpu_ratio"] = ew1.cpu / plain_cpu
        t["speedup"] = ew1.wall / ew2.wall
        _note("throughput", t)

        # Dask LocalCluster (2 workers) against the local pool, both through the app layer
        if dask_available():
            local = run_process([sys.executable, "-c", APP_CODE, str(corpus), "local"])
            dask = run_process([sys.executable, "-c", APP_CODE, str(corpus), "dask"])
            r["dask"] = {"local_wall": local.wall, "dask_wall": dask.wall, "ratio": dask.wall / local.wall,
                         "same_events": local.stdout.strip() == dask.stdout.strip()}
        else:
            r["dask"] = None

        # memory after N times the corpus against once, 2 workers
        if args.times > 1:
            many = write_jsonl(work / "many.jsonl", stories(sents, args.times * copies, seed=16))
            big = run_process(eventwire(str(many), "--workers", "2"))
            r["memory"] = {"times": args.times, "once_mb": ew2.peak_rss_mb, "many_mb": big.peak_rss_mb,
                           "growth": big.peak_rss_mb / ew2.peak_rss_mb, "many_wall": big.wall}
            _note("memory", r["memory"])
        else:
            r["memory"] = None

        # long stories: CPU per character, 10k against --long-chars
        if args.long_chars:
            long_text = _long_text(args.long_chars)
            path = work / "long.txt"
            path.write_text(long_text, encoding="utf-8")
            run = run_process([sys.executable, "-c", LONG_STORY, str(path), "10000", str(args.long_chars)])
            got = json.loads(run.stdout)
            short, long_ = got["10000"], got[str(args.long_chars)]
            r["long"] = {
                "short_chars": 10000, "short_cpu": short["cpu"], "long_chars": args.long_chars, "long_cpu": long_["cpu"],
                "per_char_ratio": (long_["cpu"] / args.long_chars) / (short["cpu"] / 10000),
                "peak_rss_mb": run.peak_rss_mb, "long_events": long_["events"],
            }
        else:
            r["long"] = None
    r["loadavg_end"] = os.getloadavg()[0]
    return r


def _note(stage: str, figures: dict[str, Any]) -> None:
    """Each stage's figures on stderr as soon as they are measured: a long run shows its progress."""
    shown = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items() if not isinstance(v, list)}
    print(f"{stage}: {json.dumps(shown)}", file=sys.stderr, flush=True)


def _long_text(chars: int) -> str:
    """The bundled RFE/RL article's paragraphs, repeated, up to `chars` characters. (Not the corpus
    sentences: a million characters of them always hold some story-level discard phrase, a sports or
    weather word, and a discarded story is not coded at all.)"""
    text = (resources.files("eventwire") / "examples" / "rferl_nato_iraq_2008.txt").read_text(encoding="utf-8")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if len(p.split()) > 5]
    body = "\n\n".join(paras) + "\n\n"
    return (body * (chars // len(body) + 1))[:chars]


# --- the report -----------------------------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def table(r: dict[str, Any]) -> str:
    s, t = r["startup"], r["throughput"]
    rows = [
        "| figure | result | target |",
        "|---|---|---|",
        f"| plain `nlp.pipe` (model load included) | {t['plain_stories_s']:.1f} stories/s, {t['plain_words_s']:,.0f} words/s "
        f"({t['plain_wall']:.1f} s; runs {', '.join(f'{w:.1f}' for w in t['plain_walls'])} s) | |",
        f"| `eventwire code --workers 1` | {t['w1_stories_s']:.1f} stories/s, {t['w1_words_s']:,.0f} words/s ({t['w1_wall']:.1f} s, "
        f"{t['events']:,} events) | |",
        f"| eventwire / plain pipe, wall (CPU) | **{t['ratio']:.2f}** ({t['cpu_ratio']:.2f}) | <= {TARGETS['ratio']:.2f}: "
        f"{_mark(t['ratio'] <= TARGETS['ratio'])} |",
        f"| start-up: one sentence coded / model load alone, wall (CPU) | {s['code_wall']:.2f} s / {s['model_wall']:.2f} s = "
        f"**{s['ratio']:.2f}** ({s['code_cpu']:.2f} / {s['model_cpu']:.2f} s = {s['cpu_ratio']:.2f}) | <= {TARGETS['startup']}: "
        f"{_mark(s['ratio'] <= TARGETS['startup'])} |",
        f"| `--workers 2` | {t['w2_stories_s']:.1f} stories/s ({t['w2_wall']:.1f} s); speed-up over 1 worker **{t['speedup']:.2f}**"
        f" | >= {TARGETS['speedup']}: {_mark(t['speedup'] >= TARGETS['speedup'])} |",
    ]
    d = r["dask"]
    if d is None:
        rows.append("| Dask LocalCluster (2 workers) vs local pool | not available (no \"dask\" in `eventwire.engines.ENGINES`) | within 25% |")
    else:
        rows.append(
            f"| Dask LocalCluster (2 workers) vs local pool | {d['dask_wall']:.1f} s / {d['local_wall']:.1f} s = **{d['ratio']:.2f}**"
            f"{'' if d['same_events'] else ' (event counts differ!)'} | <= {TARGETS['dask']}: {_mark(d['ratio'] <= TARGETS['dask'])} |"
        )
    peak = max(t["w1_rss_mb"], t["w2_rss_mb"])
    rows.append(
        f"| peak RSS per process: 1 worker / 2 workers / plain pipe | {t['w1_rss_mb']:,.0f} / {t['w2_rss_mb']:,.0f} / "
        f"{t['plain_rss_mb']:,.0f} MB | <= {TARGETS['rss_mb']:,.0f} MB: {_mark(peak <= TARGETS['rss_mb'])} |"
    )
    m = r["memory"]
    if m is not None:
        rows.append(
            f"| peak RSS over {m['times']}x the corpus / over 1x (2 workers) | {m['many_mb']:,.0f} / {m['once_mb']:,.0f} MB = "
            f"**{m['growth']:.2f}** | <= {TARGETS['rss_growth']:.2f}: {_mark(m['growth'] <= TARGETS['rss_growth'])} |"
        )
    lg = r["long"]
    if lg is not None:
        rows.append(
            f"| one story, CPU per character: {lg['long_chars']:,} / {lg['short_chars']:,} characters | "
            f"{lg['long_cpu']:.1f} s / {lg['short_cpu']:.2f} s: **{lg['per_char_ratio']:.2f}** per character "
            f"(peak RSS {lg['peak_rss_mb']:,.0f} MB) | <= {TARGETS['long']}: {_mark(lg['per_char_ratio'] <= TARGETS['long'])} |"
        )
    c = r["corpus"]
    head = (
        f"Corpus: {c['stories']:,} stories, {t['sentences']:,} sentences, {c['words']:,} words from {c['origin']}. "
        f"Load average {r['loadavg_start']:.1f} at the start, {r['loadavg_end']:.1f} at the end, on {r['cpus']} CPUs "
        f"shared with other work: the seconds are noisy, the ratios less so. Measured {r['date']}."
    )
    return head + "\n\n" + "\n".join(rows) + "\n"


def write_results(text: str, command: str) -> None:
    body = f"{SECTION}\n\n`{command}`\n\n{text}"
    current = RESULTS.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(SECTION) + r".*?(?=\n### |\n## |\Z)", re.S)
    if pattern.search(current):
        new = pattern.sub(lambda _: body.rstrip("\n") + "\n", current, count=1)
    else:
        anchor = "## Speed and memory\n"
        new = current.replace(anchor, anchor + "\n" + body + "\n", 1) if anchor in current else current + "\n" + body
    RESULTS.write_text(new, encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder with conflibert_cameo_train.jsonl")
    p.add_argument("--times", type=int, default=10, help="the memory run codes the corpus this many times (1: skip)")
    p.add_argument("--long-chars", type=int, default=1_000_000, help="the long story's length (0: skip)")
    p.add_argument("--quick", action="store_true", help="200 stories, for a smoke test of the script")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--write-results", action="store_true", help="put the table into docs/RESULTS.md")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    r = measure(args)
    text = table(r)
    print(json.dumps(r, indent=2) if args.json else text)
    if args.write_results:
        write_results(text, "python bench/bench_scale.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
