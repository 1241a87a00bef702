"""First render of the dashboard in headless Chromium (issue 14's target: under 2 s).

    .venv/bin/python bench/bench_dashboard.py                       # a store ingested from tests/browser/fixtures
    .venv/bin/python bench/bench_dashboard.py --db big.duckdb       # any store (e.g. bench_store.py --keep PATH)
    .venv/bin/python bench/bench_dashboard.py --path '/?actor=IRQ' --runs 7 --json

What is timed: the real `eventwire serve` (a subprocess on 127.0.0.1) and Debian's Chromium driven by
Playwright, with the browser tests' launch flags. One run loads the page and waits until every panel
has drawn once (the filter bar, the Vega-Lite timeline, the map with its Natural Earth basemap and
clustered places, the dyads, the event list): the page sets the `eventwire:first-render` performance
mark then, and the figure is that mark's time from the start of navigation, as the browser measured it.
"cold": a fresh profile (no cache) for each run, as a first visit; "warm": the same page reloaded in that
profile (the vendored assets come from the cache, the API is asked again). Medians and the worst run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import harness  # noqa: E402

TARGET_MS = 2000.0
FIRST_RENDER = "performance.getEntriesByName('eventwire:first-render')[0].startTime"


def first_render(page, url: str) -> float:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=60_000)
    return float(page.evaluate(FIRST_RENDER))


def measure(base: str, path: str, runs: int, workdir: Path) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    cold: list[float] = []
    warm: list[float] = []
    with sync_playwright() as playwright:
        # One load off the clock: the server's first queries, the OS file cache.
        with harness.launch(playwright, Path(tempfile.mkdtemp(dir=workdir))) as context:
            first_render(context.new_page(), base + path)
        for _ in range(runs):
            with harness.launch(playwright, Path(tempfile.mkdtemp(dir=workdir))) as context:
                page = context.new_page()
                cold.append(first_render(page, base + path))
                warm.append(first_render(page, base + path))
    return {"cold": cold, "warm": warm}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="store to serve (default: ingest tests/browser/fixtures into a temporary one)")
    parser.add_argument("--path", default="/", help="dashboard URL path and query (default: /, the whole store)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs (default 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    why = harness.chromium_missing()
    if why:
        print(f"bench_dashboard: {why}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        workdir = Path(tmp)
        db = args.db
        if db is None:
            db = workdir / "events.duckdb"
            harness.ingest_fixtures(db)
        with harness.serve(db, workdir / "serve.log") as base:
            counts = json.loads(_get(base + "/api/v1/meta"))["coverage"]["counts"]
            times = measure(base, args.path, args.runs, workdir)
    report = {
        "store": str(args.db) if args.db else "tests/browser/fixtures (ingested)",
        "events": counts.get("events"),
        "path": args.path,
        "runs": args.runs,
        "cold_ms": [round(t) for t in times["cold"]],
        "warm_ms": [round(t) for t in times["warm"]],
        "cold_median_ms": round(statistics.median(times["cold"])),
        "warm_median_ms": round(statistics.median(times["warm"])),
        "worst_ms": round(max(times["cold"] + times["warm"])),
        "target_ms": TARGET_MS,
    }
    report["meets_target"] = report["worst_ms"] < TARGET_MS
    if args.json:
        print(json.dumps(report))
    else:
        print(f"store: {report['store']} ({report['events']:,} events), page {report['path']}")
        print(f"first render, cold (fresh profile): median {report['cold_median_ms']} ms  runs {report['cold_ms']}")
        print(f"first render, warm (reload):        median {report['warm_median_ms']} ms  runs {report['warm_ms']}")
        print(f"worst {report['worst_ms']} ms; target < {TARGET_MS:.0f} ms: {'met' if report['meets_target'] else 'NOT met'}")
    return 0


def _get(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
