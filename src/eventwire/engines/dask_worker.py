"""What runs on a Dask worker: the coder, loaded once per worker process, and the two kinds of task.

`CoderPlugin` (a `distributed.WorkerPlugin`, registered by `engines.dask.DaskEngine`) builds
the coder (spaCy model + dictionaries) when a worker starts or joins, never through the task
graph: tasks name it by `key` and carry only paths (`code_shard`) or, for `Engine.map`, plain
Story records (`code_stories`). This module is importable on every worker
(``dask worker --preload eventwire.engines.dask_worker`` loads it ahead, which is optional).

Each coder batch runs inside spaCy's `memory_zone()` (opened by `Coder.code_stories`, not here:
spaCy's zones must not nest), so the strings a batch adds to the model's vocabulary are freed
after it and a long-running worker stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from distributed import WorkerPlugin

from eventwire.engines.local import CoderFactory, _pack, code_chunk
from eventwire.ingest.shards import Shard, read_shard
from eventwire.records import CodedStory, CodingOptions, Reject, Story

__all__ = ["CoderPlugin", "code_shard", "code_stories", "shard_results"]

#: this worker process's coders by plugin key, or the error that building one raised
_CODERS: dict[str, Any] = {}
_ERRORS: dict[str, BaseException] = {}


class CoderPlugin(WorkerPlugin):
    """Builds `factory(*args)` once in each worker; `key` names it for the tasks. Idempotent: a second
    run with the same coder on a running cluster reuses the workers' coder instead of reloading it."""

    idempotent = True

    def __init__(self, key: str, factory: CoderFactory, args: tuple[str | None, bool, CodingOptions]) -> None:
        self.key = key
        self.name = f"eventwire-coder-{key}"
        self.factory = factory
        self.args = args

    def setup(self, worker: Any) -> None:
        _build(self.key, self.factory, self.args)

    def teardown(self, worker: Any) -> None:
        _CODERS.pop(self.key, None)
        _ERRORS.pop(self.key, None)


def _build(key: str, factory: CoderFactory, args: tuple[str | None, bool, CodingOptions]) -> None:
    try:
        _CODERS[key] = factory(*args)
    except Exception as e:  # noqa: BLE001 - raised by each task, where the driver sees it with its message
        _ERRORS[key] = e


def _coder(key: str, factory: CoderFactory, args: tuple[str | None, bool, CodingOptions]) -> Any:
    if key not in _CODERS and key not in _ERRORS:  # a worker that joined without the plugin (rare)
        _build(key, factory, args)
    if key in _ERRORS:
        raise _ERRORS[key]
    return _CODERS[key]


def _code(
    coder: Any, items: Iterable[Story | Reject], options: CodingOptions, batch_size: int
) -> list[CodedStory | Reject]:
    """`items` coded `batch_size` stories at a time, rejects kept in their places."""
    results: list[Any] = []  # each Story's place is filled by its result
    batch: list[Story] = []
    places: list[int] = []

    def flush() -> None:
        coded = code_chunk(coder, batch, options, batch_size)
        for at, result in zip(places, coded, strict=True):
            results[at] = result
        batch.clear()
        places.clear()

    for item in items:
        results.append(item)
        if isinstance(item, Story):
            batch.append(item)
            places.append(len(results) - 1)
            if len(batch) >= batch_size:
                flush()
    if batch:
        flush()
    return results


def code_shard(
    shard: Shard,
    read_settings: dict[str, Any],
    coder: tuple[str, CoderFactory, tuple[str | None, bool, CodingOptions]],
    options: CodingOptions,
    batch_size: int,
    finish: Callable[[Shard, list[CodedStory | Reject]], Any],
) -> Any:
    """Read `shard` here, code its stories and return `finish(shard, results)` (results in input order)."""
    items = read_shard(shard, **read_settings)
    return finish(shard, _code(_coder(*coder), items, options, batch_size))


def code_stories(
    stories: list[Story],
    coder: tuple[str, CoderFactory, tuple[str | None, bool, CodingOptions]],
    options: CodingOptions,
    batch_size: int,
    finish: Callable[[list[CodedStory]], Any] | None,
) -> Any:
    """`Engine.map`'s task: code `stories` and pack them as the local engine's workers do."""
    return _pack(_code(_coder(*coder), stories, options, batch_size), finish)


def shard_results(shard: Shard, results: list[CodedStory | Reject]) -> list[CodedStory | Reject]:
    """`code_shard`'s `finish` for `code` to stdout: the results themselves. Here, not in `app.cluster`:
    a worker unpickles it by module, and this module spares it `app.cluster`'s imports (pyarrow, DuckDB)."""
    return results
