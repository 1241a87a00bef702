"""Benchmark the HTTP API on a store of about a million events, over loopback, under bounded load.

    .venv/bin/python bench/bench_api.py --keep /tmp/bench_api.duckdb   # builds the store once, then reuses it
    .venv/bin/python bench/bench_api.py --events 100000                # a smaller, quicker run

Targets (issue 14): p95 under 200 ms for `/events` with filters, `/timeline` by week over a year and
`/geo`; an `ndjson` export of every event streams in constant memory.

What it does:

* the store: bench_store.py's synthetic generator (Zipf-weighted countries, every CAMEO root, 300
  outlets, 40% of mentions placed, 26% repeated reports, three years of stories) written through
  `Store.write`, enough mentions for the `--events` wanted; `--keep PATH` keeps it, and a later run
  with the same PATH reuses it;
* the server: `eventwire serve --db STORE` in its own process (read-only, one uvicorn worker, the
  default time budget), on a free loopback port;
* the load: `--clients` threads (default 4), each with its own keep-alive connection, send
  `--requests` requests per endpoint (default 200; 10 warm-up requests first, not counted), each
  thread waiting for its answer before the next request: at most `--clients` requests in flight;
  the filters rotate through countries, roots, QuadClasses, actors and date ranges, so the answers
  are not one cached plan. Latency is per request, wall clock, client side;
* the export: one `GET /events?format=ndjson` of every event, read and counted by the client in
  64 KB reads; the server's resident memory (VmRSS) is sampled before, every 0.5 s during, and after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from bench_store import COUNTRIES, REPEATS, bench_ingest  # noqa: E402

ROOTS = [f"{r:02d}" for r in range(1, 21)]
SECTORS = ["GOV", "MIL", "REB", "OPP", "BUS", "CVL"]


def build_store(path: str, events: int) -> dict[str, float]:
    """Ingest enough synthetic mentions for at least about `events` events: the generator's repeated
    reports (26%) and dedup leave about 0.73 events per mention."""
    mentions = int(events / 0.73 / 4) * 4
    return bench_ingest(path, mentions, 20_000, "chronological", REPEATS)


def store_events(path: str) -> int:
    from eventwire.store.db import Store

    with Store(path, read_only=True) as store:
        return store.counts()["events"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def start_server(db: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", db, "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/meta", timeout=30).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not answer in 120 s")


# --- the load generator --------------------------------------------------------------------------------


def events_params(rng: random.Random) -> dict[str, str]:
    """/events with filters, varied: one or two of country, root, QuadClass, actor, a month's dates."""
    month = rng.randrange(36)
    year, m = 2021 + (7 + month) // 12, (7 + month) % 12 + 1
    choices: list[dict[str, str]] = [
        {"country": rng.choice(COUNTRIES[:40])},
        {"root": rng.choice(ROOTS), "start": f"{year}-{m:02d}-01", "end": f"{year}-{m:02d}-28"},
        {"quad_class": str(rng.randint(1, 4)), "country": rng.choice(COUNTRIES[:20])},
        {"source": rng.choice(COUNTRIES[:30]) + rng.choice(SECTORS)},
        {"actor": rng.choice(COUNTRIES[:30]), "quad_class": "4"},
        {"start": f"{year}-{m:02d}-01", "end": f"{year}-{m:02d}-28", "min_mentions": "2"},
    ]
    return {**rng.choice(choices), "limit": "50"}


def timeline_params(rng: random.Random) -> dict[str, str]:
    """/timeline by week over a year (2022), grouped by QuadClass, root or country; sometimes filtered."""
    params = {"interval": "week", "start": "2022-01-01", "end": "2022-12-31", "group_by": rng.choice(["quad_class", "root", "country"])}
    if rng.random() < 0.5:
        params["country"] = rng.choice(COUNTRIES[:40])
    return params


def geo_params(rng: random.Random) -> dict[str, str]:
    params = {"level": rng.choice(["place", "country"])}
    if rng.random() < 0.5:
        params["root"] = rng.choice(ROOTS)
    if rng.random() < 0.3:
        params.update(start="2022-01-01", end="2022-06-30")
    return params


def load(base: str, path: str, params_for: Callable[[random.Random], dict[str, str]], requests: int, clients: int) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    per_client = -(-requests // clients)

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as http:
            for _ in range(per_client):
                params = params_for(rng)
                t = time.perf_counter()
                response = http.get(path, params=params)
                elapsed = time.perf_counter() - t
                with lock:
                    latencies.append(elapsed)
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {response.text[:200]}")

    with httpx.Client(base_url=base, timeout=60) as http:  # warm-up, not counted
        rng = random.Random(0)
        for _ in range(10):
            http.get(path, params=params_for(rng))
    threads = [threading.Thread(target=client, args=(i + 1,)) for i in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    if errors:
        print(f"  {len(errors)} errors on {path}, first: {errors[0]}", file=sys.stderr)
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
        "max_ms": 1000 * latencies[-1],
        "per_s": len(latencies) / wall,
    }


def export_ndjson(base: str, pid: int) -> dict[str, float]:
    """Every event as ndjson; the server's RSS before, during (sampled) and after."""
    before = rss_mb(pid)
    peak = before
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.5):
            peak = max(peak, rss_mb(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    lines = size = 0
    samples: list[tuple[int, float]] = []
    t = time.perf_counter()
    with httpx.stream("GET", f"{base}/api/v1/events", params={"format": "ndjson"}, timeout=None) as response:
        response.raise_for_status()
        for chunk in response.iter_raw(65536):
            lines += chunk.count(b"\n")
            size += len(chunk)
            if len(samples) < 1 or lines - samples[-1][0] >= 100_000:
                samples.append((lines, rss_mb(pid)))
    seconds = time.perf_counter() - t
    done.set()
    sampler.join()
    return {
        "events": lines,
        "megabytes": size / 1e6,
        "seconds": seconds,
        "events_per_s": lines / seconds,
        "rss_before_mb": before,
        "rss_peak_mb": peak,
        "rss_after_mb": rss_mb(pid),
        "rss_by_events": samples,  # type: ignore[dict-item]
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events wanted in the store (default 1,000,000)")
    parser.add_argument("--keep", metavar="PATH", help="keep the store at PATH; reuse it when it exists")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint (default 200)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--skip-export", action="store_true", help="skip the ndjson export")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="eventwire-bench-api-")
    path = args.keep or os.path.join(folder, "bench.duckdb")
    report: dict[str, object] = {"cpus": os.cpu_count(), "store": path}
    if os.path.exists(path):
        report["store_reused"] = True
    else:
        built = build_store(path, args.events)
        report["store_built"] = {k: round(v, 1) for k, v in built.items()}
    report["events"] = store_events(path)
    proc, base = start_server(path)
    try:
        report["load_before"] = os.getloadavg()
        report["rss_idle_mb"] = round(rss_mb(proc.pid), 1)
        for name, endpoint, params in (
            ("/events with filters", "/api/v1/events", events_params),
            ("/timeline by week over a year", "/api/v1/timeline", timeline_params),
            ("/geo", "/api/v1/geo", geo_params),
        ):
            report[name] = {k: round(v, 1) for k, v in load(base, endpoint, params, args.requests, args.clients).items()}
        report["load_after"] = os.getloadavg()
        if not args.skip_export:
            report["ndjson export"] = export_ndjson(base, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    if not args.keep:
        os.unlink(path)
        os.rmdir(folder)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"eventwire API benchmark: {report['events']:,} events, {args.clients} clients, {os.cpu_count()} CPUs, store {path}")
    for key in ("/events with filters", "/timeline by week over a year", "/geo"):
        r = report[key]
        assert isinstance(r, dict)
        print(
            f"{key}: p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms, max {r['max_ms']:.0f} ms "
            f"({r['requests']:.0f} requests, {r['errors']:.0f} errors, {r['per_s']:.1f}/s) (target p95 < 200 ms)"
        )
    export = report.get("ndjson export")
    if isinstance(export, dict):
        print(
            f"ndjson export: {export['events']:,} events, {export['megabytes']:.0f} MB in {export['seconds']:.0f} s "
            f"({export['events_per_s']:,.0f} events/s); server RSS {export['rss_before_mb']:.0f} MB before, "
            f"{export['rss_peak_mb']:.0f} MB peak, {export['rss_after_mb']:.0f} MB after"
        )
        print("  RSS as the export went on (events sent: MB): " + ", ".join(f"{n:,}: {mb:.0f}" for n, mb in export["rss_by_events"]))
    print(f"load average before {report['load_before']}, after the latency runs {report['load_after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
