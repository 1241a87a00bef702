"""Code on a Dask cluster: a local one of `workers` processes, or a running one at `scheduler`.

Two ways in:

* `map` fills the `Engine` protocol (stories in, CodedStory or `finish`'s result out, in input
  order): chunks of stories are sent as tasks. `recode`, stdin and URLs use it.
* `run_shards` is how `code` and `ingest` use a cluster on files: each task is one shard
  (`ingest.shards`), a path the worker reads itself, and returns `finish(shard, results)` computed
  there (the app layer's `finish` writes the shard's Parquet files). Outcomes come back as shards
  finish; a task that raises is retried `retries` times, a task whose worker dies is re-run by
  the scheduler, and a shard that still fails comes back with its error, by name.

The coder is built once per worker by `engines.dask_worker.CoderPlugin`, never shipped in tasks.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import pickle
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from eventwire.engines.local import CoderFactory, _merge, build_coder, default_workers, task_size_for
from eventwire.errors import ConfigError, EventwireError
from eventwire.ingest.shards import DEFAULT_STORIES_PER_SHARD, Shard
from eventwire.records import CodedStory, Reject, Story

__all__ = ["DaskEngine", "ShardOutcome"]

LOGGER = logging.getLogger("eventwire.engines")
DEFAULT_RETRIES = 2
#: Dask settings of a local cluster, each a background cost paid per wall-clock second whatever
#: the work: the workers' statistical profiler samples every thread's stack every 10 ms for a
#: dashboard nobody watches; every scheduler, nanny and worker wakes its event loop every 20 ms
#: to time it (`tick`: only for "event loop was unresponsive" warnings, which a 1 s tick still
#: gives past its 3 s limit) and reads its process's CPU and memory every 0.5 s (the dashboard's
#: plots). Measured on an idle 2-worker cluster: 1.47 CPU seconds per 20 s with the profiler
#: already off, 0.57 with these.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


@dataclass(frozen=True, slots=True)
class ShardOutcome:
    """A shard's end: `value` (what `finish` returned on the worker) or `error` (after every retry)."""

    shard: Shard
    value: Any = None
    error: str | None = None


class DaskEngine:
    """The `Engine` of a Dask cluster. `scheduler` (``tcp://host:8786``): use that cluster; else start a
    LocalCluster of `workers` single-threaded processes for the run. `shard_size`: stories per shard."""

    def __init__(
        self,
        workers: int | None = None,
        batch_size: int = 32,
        scheduler: str | None = None,
        retries: int = DEFAULT_RETRIES,
        shard_size: int = DEFAULT_STORIES_PER_SHARD,
        coder_factory: CoderFactory | None = None,
    ) -> None:
        self.workers = workers if workers is not None else default_workers()
        self.batch_size = batch_size
        self.scheduler = scheduler
        self.retries = retries
        self.shard_size = shard_size
        self.coder_factory = coder_factory  # None: `build_coder` (tests stand in a fake)

    # --- the cluster -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def client(self, spec: Any) -> Iterator[tuple[Any, tuple[str, CoderFactory, tuple[Any, ...]]]]:
        """A client of the cluster with the coder plugin registered; yields (client, the tasks' coder ref)."""
        from distributed import Client, LocalCluster

        from eventwire.engines.dask_worker import CoderPlugin

        factory = self.coder_factory or build_coder
        args = (spec.dictionaries, spec.extend, spec.options)
        key = hashlib.sha1(pickle.dumps((factory, args))).hexdigest()[:12]
        with contextlib.ExitStack() as stack:
            try:
                if self.scheduler:
                    client = stack.enter_context(Client(self.scheduler, timeout="30s"))
                else:
                    import dask

                    # the nannies pass this config to their workers, and keep it for restarts
                    stack.enter_context(dask.config.set(LOCAL_CLUSTER_CONFIG))
                    cluster = stack.enter_context(
                        LocalCluster(
                            n_workers=self.workers,
                            threads_per_worker=1,  # one coder per process; spaCy is not shared by threads
                            processes=True,
                            dashboard_address="127.0.0.1:0",  # a free port: 8787 may be taken by another cluster
                        )
                    )
                    client = stack.enter_context(Client(cluster))
            except (OSError, TimeoutError) as e:
                where = self.scheduler or "a local cluster"
                raise ConfigError(f"cannot reach the Dask scheduler at {where} ({e}); is `dask scheduler` running?") from None
            client.register_plugin(CoderPlugin(key, factory, args))
            yield client, (key, factory, args)

    # --- Engine.map: stories in, results out in order --------------------------------------------

    def map(
        self,
        stories: Iterable[Story | Reject],
        spec: Any,
        finish: Callable[[list[CodedStory]], Any] | None = None,
        *,
        group_size: int | None = None,
    ) -> Iterator[Any]:
        from eventwire.engines.dask_worker import code_stories

        size = task_size_for(self.batch_size, group_size or self.batch_size * 4, self.workers)
        with self.client(spec) as (client, coder):
            pending: deque[tuple[list[Story | Reject | None], Any]] = deque()
            items = iter(stories)
            while chunk := list(islice(items, size)):
                to_code = [i for i in chunk if isinstance(i, Story)]
                future = (
                    client.submit(
                        code_stories, to_code, coder, spec.options, self.batch_size, finish,
                        retries=self.retries, pure=False,
                    )
                    if to_code
                    else None
                )
                kept = chunk if finish is None else [i if isinstance(i, Reject) else None for i in chunk]
                pending.append((kept, future))
                while len(pending) > 2 * self.workers or (pending and _done(pending[0][1])):
                    yield from _merge_result(*pending.popleft())
            while pending:
                yield from _merge_result(*pending.popleft())

    # --- shards: paths in, finish's results out as they complete ------------------------------------

    def run_shards(
        self,
        shards: Iterable[Shard],
        spec: Any,
        read_settings: dict[str, Any],
        finish: Callable[[Shard, list[CodedStory | Reject]], Any],
        *,
        on_client: Callable[[Any], None] | None = None,
    ) -> Generator[ShardOutcome, None, None]:
        """Each shard coded on a worker; its `ShardOutcome` as soon as it is done (any order).
        `on_client` sees the client once the cluster is up (tests use it to kill a worker)."""
        from distributed import as_completed

        from eventwire.engines.dask_worker import code_shard

        shards = list(shards)
        if not shards:
            return
        with self.client(spec) as (client, coder):
            if on_client is not None:
                on_client(client)
            futures = {
                client.submit(
                    code_shard, shard, read_settings, coder, spec.options, self.batch_size, finish,
                    key=f"eventwire-shard-{shard.id}-{coder[0]}", retries=self.retries, pure=False,
                ): shard
                for shard in shards
            }
            for future in as_completed(futures):
                shard = futures.pop(future)
                try:
                    yield ShardOutcome(shard, value=future.result())
                except EventwireError as e:
                    if _is_setup_error(e):
                        raise
                    yield ShardOutcome(shard, error=str(e))
                except Exception as e:  # noqa: BLE001 - a shard that fails after its retries is reported, not lost
                    yield ShardOutcome(shard, error=f"{type(e).__name__}: {e}")
                finally:
                    future.release()


def _is_setup_error(e: EventwireError) -> bool:
    """A coder that cannot be built (bad dictionaries, no model) fails every shard: end the run with it."""
    from eventwire.errors import InputError

    return isinstance(e, ConfigError | InputError)


def _done(future: Any) -> bool:
    return future is None or future.done()


def _merge_result(chunk: list[Story | Reject | None], future: Any) -> Iterator[Any]:
    try:
        results = future.result() if future is not None else []
    except EventwireError:
        raise
    except Exception as e:  # a worker that keeps dying (KilledWorker) or a task that keeps failing
        raise EventwireError(f"a Dask task failed after its retries ({type(e).__name__}: {e})") from None
    yield from _merge(chunk, results)
