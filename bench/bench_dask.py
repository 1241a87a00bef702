"""The Dask engine against the local pool, and a worker's throughput for docs/scale.md's sizing table.

    .venv/bin/python bench/bench_dask.py [--stories N] [--workers N] [--shard-size N] [--json]

Builds bench_coding's corpus (the news sentences of ../shared/gold grouped into stories, or the
bundled sample without ../shared) as one JSON lines file, then times, each end to end through
`eventwire.app.code` (start-up, model loads and all, output consumed):

  local   RunOptions(workers=N)                          the process pool
  dask    RunOptions(engine="dask", workers=N, ...)      a LocalCluster of N workers, shard by shard

and the CPU seconds the coding processes used (children's rusage for the pool; each Dask worker's
own CPU time, read on the worker before it closes) and this process (the pool's reader, or the
LocalCluster's scheduler and the shard planning), which size a cluster better than wall time on a
busy machine. The 1-minute load average is printed: other work on the machine skews wall times.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_coding import DEFAULT_GOLD, build_corpus  # noqa: E402


def _write_corpus(n: int, folder: Path) -> Path:
    corpus = build_corpus(n, DEFAULT_GOLD)
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for s in corpus.stories:
            f.write(json.dumps({"id": s.id, "text": s.text, "date": s.date}) + "\n")
    return path


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _self_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _time_local(path: Path, workers: int) -> dict[str, Any]:
    from eventwire import app

    cpu0, own0, t0 = _children_cpu(), _self_cpu(), time.perf_counter()
    coded = sum(1 for i in app.code(app.ReadOptions((str(path),)), app.CoderSpec(), run=app.RunOptions(workers=workers)))
    return {
        "seconds": time.perf_counter() - t0,
        "worker_cpu_seconds": _children_cpu() - cpu0,
        "driver_cpu_seconds": _self_cpu() - own0,
        "items": coded,
    }


def _time_dask(path: Path, workers: int, shard_size: int) -> dict[str, Any]:
    from eventwire import app
    from eventwire.engines.dask import DaskEngine

    cpu: list[float] = []

    class Measured(DaskEngine):
        def client(self, spec: Any) -> Any:  # the worker CPU time is read before the cluster closes
            import contextlib

            @contextlib.contextmanager
            def measured() -> Any:
                with DaskEngine.client(self, spec) as (client, coder):
                    yield client, coder
                    cpu.append(sum(client.run(_own_cpu).values()))

            return measured()

    own0, t0 = _self_cpu(), time.perf_counter()
    engine = Measured(workers=workers, shard_size=shard_size)
    coded = sum(1 for i in app.code(app.ReadOptions((str(path),)), app.CoderSpec(), engine=engine))
    return {
        "seconds": time.perf_counter() - t0,
        "worker_cpu_seconds": sum(cpu),
        "driver_cpu_seconds": _self_cpu() - own0,  # the scheduler's too: a LocalCluster runs it in this process
        "items": coded,
    }


def _own_cpu() -> float:
    t = os.times()
    return t.user + t.system


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stories", type=int, default=2000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--shard-size", type=int, default=250)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = _write_corpus(args.stories, Path(tmp))
        load_before = os.getloadavg()[0]
        local = _time_local(path, args.workers)
        dask = _time_dask(path, args.workers, args.shard_size)
        load_after = os.getloadavg()[0]
    result = {
        "stories": args.stories,
        "workers": args.workers,
        "shard_size": args.shard_size,
        "local": local,
        "dask": dask,
        "dask_over_local_seconds": round(dask["seconds"] / local["seconds"], 3),
        "dask_over_local_cpu": round(
            (dask["worker_cpu_seconds"] + dask["driver_cpu_seconds"])
            / (local["worker_cpu_seconds"] + local["driver_cpu_seconds"]),
            3,
        ),
        "stories_per_worker_cpu_second": {
            "local": round(args.stories / local["worker_cpu_seconds"], 2) if local["worker_cpu_seconds"] else None,
            "dask": round(args.stories / dask["worker_cpu_seconds"], 2) if dask["worker_cpu_seconds"] else None,
        },
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{args.stories} stories, {args.workers} workers (load average {load_before:.1f} -> {load_after:.1f})")
        for name in ("local", "dask"):
            r = result[name]
            print(
                f"  {name:5}  {r['seconds']:7.1f} s wall  {args.stories / r['seconds']:6.1f} stories/s  "
                f"{r['worker_cpu_seconds']:7.1f} worker CPU s  {r['driver_cpu_seconds']:6.1f} driver CPU s  "
                f"{result['stories_per_worker_cpu_second'][name]} stories per worker CPU-s"
            )
        print(f"  dask / local: wall {result['dask_over_local_seconds']}, CPU {result['dask_over_local_cpu']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
