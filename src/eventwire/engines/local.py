"""Code a stream of stories on this machine, in one process or a pool of worker processes.

`code_in_pool` takes what `eventwire.ingest.read_sources` yields (Stories and
Rejects) and yields, in input order, a `CodedStory` for each Story and every
Reject unchanged. Each worker process builds one Coder (model + dictionaries)
once, in the pool initializer, then codes chunks of stories sent to it. Only
plain records cross the process boundary, and only the events come back (the
parent re-attaches its own Story), so story text travels once.

Memory stays bounded: at most 2 tasks per worker are in flight, the input is
read lazily, and results are yielded as soon as the oldest task is done.

`code_and_finish_in_pool` also hands each task's CodedStories to `finish` (a
picklable function) in the worker: the parent receives `finish`'s result instead
of the coded stories (`store.rows.prepare_rows`: the store's writer receives
Arrow rows, the story text included, and does no Python work per mention). Its
tasks may be larger than the coder's batches (`task_size`), so that the writer
gets a few large tables. An error in `finish` ends the run, as a failing write would.

One story that makes the coder raise becomes a Reject (reason: the error's
`reason` for an EventwireError, ``coder-error`` otherwise) instead of ending the
batch. A Coder that cannot be built (bad dictionaries, missing model) ends the
run with that error.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Protocol, TypeVar

from eventwire.errors import ConfigError, EventwireError
from eventwire.progress import Progress
from eventwire.records import CodedStory, CodingOptions, EventMention, Quote, Reject, Story

__all__ = [
    "CoderFactory",
    "LocalEngine",
    "build_coder",
    "code_and_finish_in_pool",
    "code_chunk",
    "code_in_pool",
    "default_workers",
    "task_size_for",
]

LOGGER = logging.getLogger("eventwire.engines")


class _CoderLike(Protocol):
    def code_stories(
        self, stories: Iterable[Story], options: CodingOptions | None = None, batch_size: int = ...
    ) -> Iterator[CodedStory]: ...


#: (dictionaries_path, extend_dictionaries, options) -> a coder. Must be picklable
#: (a module-level function) because worker processes receive it.
CoderFactory = Callable[[str | None, bool, CodingOptions], _CoderLike]

# What comes back from a worker for one story: its events, discard reason and quotes, or a Reject.
_Result = tuple[tuple[EventMention, ...], str | None, tuple[Quote, ...]] | Reject
#: what `finish` makes of a chunk's coded stories
T = TypeVar("T")
#: a chunk as a worker sends it back: a result per story, or with `finish` the rejects (None for
#: each coded story) and finish's result (None when no story was coded)
_Chunk = list[_Result] | tuple[list[Reject | None], Any]


def default_workers() -> int:
    """The CPUs this process may run on (respects affinity / container CPU sets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_coder(dictionaries_path: str | None, extend: bool, options: CodingOptions) -> _CoderLike:
    """The default CoderFactory: the shipped (or given) dictionaries and the spaCy model."""
    from eventwire.coding.coder import Coder
    from eventwire.dictionaries.loader import load_dictionaries

    with _collector_paused():
        coder = Coder(load_dictionaries(dictionaries_path, extend=extend), options)
        coder.nlp  # noqa: B018 - the model loads here, with the collector paused too
    # The model, the dictionaries and the modules live as long as the process: out of the collector's
    # sight, neither a later full collection nor the one at exit walks their million objects (0.2-0.4 s
    # of CPU at every start and exit; a worker's full collections while coding get cheaper too).
    gc.freeze()
    progress = Progress(sys.stderr)
    if progress.enabled:  # a long story shows its parts being parsed (a worker shares the terminal)
        coder.progress = progress.update
    return coder


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading the model and the dictionaries makes about a million objects that live as long as the
    process; the garbage collector's passes over them while they are made free nothing and cost more
    than the loading itself (about a second of a 3-second start-up)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def code_chunk(
    coder: _CoderLike, stories: list[Story], options: CodingOptions, batch_size: int
) -> list[CodedStory | Reject]:
    """Code `stories` as one batch; if the batch raises, code them one by one so only the culprit fails."""
    try:
        coded = list(coder.code_stories(stories, options, batch_size=batch_size))
    except Exception as e:  # noqa: BLE001 - one story must not sink the batch: isolate it below
        LOGGER.debug("a batch of %d stories failed (%r); coding them one by one", len(stories), e)
    else:
        if len(coded) == len(stories):
            return list(coded)
        LOGGER.debug(
            "the coder returned %d results for %d stories; coding one by one", len(coded), len(stories)
        )
    results: list[CodedStory | Reject] = []
    for story in stories:
        try:
            (one,) = coder.code_stories([story], options, batch_size=1)
            results.append(one)
        except EventwireError as e:
            where = story.origin or story.id
            results.append(Reject(origin=where, reason=e.reason, message=f"{where}: {e.message}"))
        except Exception as e:  # noqa: BLE001 - reported as a reject naming the story and the error
            where = story.origin or story.id
            results.append(
                Reject(
                    origin=where,
                    reason="coder-error",
                    message=f"{where}: the coder failed on this story ({type(e).__name__}: {e}); "
                    "this is a bug: please report it with the story",
                )
            )
    return results


def code_in_pool(
    stories: Iterable[Story | Reject],
    *,
    workers: int,
    dictionaries_path: str | None,
    options: CodingOptions,
    chunk_size: int,
    extend_dictionaries: bool = False,
    coder_factory: CoderFactory | None = None,
) -> Iterator[CodedStory | Reject]:
    """CodedStory for each Story, Rejects passed through, all in input order.

    `workers` processes (1: code in this process); `chunk_size` stories per task,
    also the coder's batch size. The pool is only started when there are at least
    two chunks to share; with workers=1 or one chunk, coding stays in-process.
    """
    coder = _checked(workers, chunk_size, coder_factory, dictionaries_path, extend_dictionaries, options)
    return _run(stories, workers, coder, options, chunk_size, chunk_size, None)


def code_and_finish_in_pool(
    stories: Iterable[Story | Reject],
    finish: Callable[[list[CodedStory]], T],
    *,
    workers: int,
    dictionaries_path: str | None,
    options: CodingOptions,
    chunk_size: int,
    task_size: int | None = None,
    extend_dictionaries: bool = False,
    coder_factory: CoderFactory | None = None,
) -> Iterator[Reject | T]:
    """As `code_in_pool`, but each task's coded stories are handed to `finish` where they were coded
    (in the worker process): yields every Reject of a task, in order, then `finish`'s result for its
    coded stories (nothing when it has none). `finish` must be picklable (a module-level function).
    A task holds `task_size` stories (default: `chunk_size`), coded `chunk_size` at a time: larger
    tasks send fewer, larger results back."""
    task_size = chunk_size if task_size is None else task_size
    coder = _checked(workers, chunk_size, coder_factory, dictionaries_path, extend_dictionaries, options)
    if task_size < 1:
        raise ConfigError(f"task size must be at least 1, not {task_size}")
    if workers > 1:
        try:
            pickle.dumps(finish)
        except (pickle.PicklingError, AttributeError, TypeError) as e:
            raise ConfigError(f"finish must be a module-level function to reach worker processes ({e})") from None
    return _run(stories, workers, coder, options, task_size, chunk_size, finish)


def _checked(
    workers: int,
    chunk_size: int,
    coder_factory: CoderFactory | None,
    dictionaries_path: str | None,
    extend: bool,
    options: CodingOptions,
) -> tuple[CoderFactory, tuple[str | None, bool, CodingOptions]]:
    """The coder factory and its arguments, once the pool's settings are checked (before any work)."""
    if workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    if chunk_size < 1:
        raise ConfigError(f"chunk size must be at least 1, not {chunk_size}")
    return (coder_factory if coder_factory is not None else build_coder), (dictionaries_path, extend, options)


def _run(
    stories: Iterable[Story | Reject],
    workers: int,
    coder: tuple[CoderFactory, tuple[str | None, bool, CodingOptions]],
    options: CodingOptions,
    task_size: int,
    chunk_size: int,
    finish: Callable[[list[CodedStory]], Any] | None,
) -> Iterator[Any]:
    factory, args = coder
    chunks = _chunks(iter(stories), task_size)
    # Look ahead far enough to know whether a pool would have work for more than one process.
    ahead = list(islice(chunks, workers))
    busy = sum(1 for chunk in ahead if any(isinstance(i, Story) for i in chunk))
    exhausted = len(ahead) < workers
    n_procs = min(workers, busy) if exhausted else workers
    if n_procs <= 1:
        yield from _code_here(ahead, chunks, factory, args, options, chunk_size, finish)
    else:
        yield from _code_in_processes(ahead, chunks, n_procs, factory, args, options, chunk_size, finish)


def _code_here(
    ahead: list[list[Story | Reject]],
    chunks: Iterator[list[Story | Reject]],
    factory: CoderFactory,
    args: tuple[str | None, bool, CodingOptions],
    options: CodingOptions,
    chunk_size: int,
    finish: Callable[[list[CodedStory]], Any] | None,
) -> Iterator[Any]:
    coder: _CoderLike | None = None  # built on the first story: a batch of rejects needs no model
    for chunk in _chain(ahead, chunks):
        stories = [item for item in chunk if isinstance(item, Story)]
        if stories and coder is None:
            coder = factory(*args)
        results = _code_task(coder, stories, options, chunk_size) if coder is not None and stories else []
        yield from _merge(chunk, _pack(results, finish))


def _code_in_processes(
    ahead: list[list[Story | Reject]],
    chunks: Iterator[list[Story | Reject]],
    n_procs: int,
    factory: CoderFactory,
    args: tuple[str | None, bool, CodingOptions],
    options: CodingOptions,
    chunk_size: int,
    finish: Callable[[list[CodedStory]], Any] | None,
) -> Iterator[Any]:
    executor = ProcessPoolExecutor(
        max_workers=n_procs,
        # spawn, not fork: no inherited threads or half-initialised state, same on every OS
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(factory, *args),
    )
    pending: deque[tuple[list[Story | Reject | None], Future[_Chunk] | None]] = deque()
    finished = False
    restore = _interrupt_on_sigterm()
    tasks = _chain(ahead, chunks)
    try:
        for chunk in tasks if finish is not None else _split_tail(tasks, n_procs):
            stories = [item for item in chunk if isinstance(item, Story)]
            future = executor.submit(_code_in_worker, stories, options, chunk_size, finish) if stories else None
            # with `finish` the stories do not come back: keep only where the rejects stand
            kept = chunk if finish is None else [i if isinstance(i, Reject) else None for i in chunk]
            pending.append((kept, future))
            while len(pending) > 2 * n_procs or (pending and _done(pending[0][1])):
                yield from _merge_future(*pending.popleft())
        while pending:
            yield from _merge_future(*pending.popleft())
        finished = True
    finally:
        # On an error or an early close (| head, Ctrl-C, SIGTERM), drop queued work instead of waiting
        # for it, and stop the workers' current tasks: their results would be thrown away.
        workers = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=finished, cancel_futures=not finished)
        if not finished:
            for process in workers:
                if process.is_alive():
                    process.terminate()
        restore()


def _split_tail(chunks: Iterator[list[Story | Reject]], hold: int) -> Iterator[list[Story | Reject]]:
    """`chunks`, the last `hold` of them (after the first `hold`) each cut in two. Workers take tasks
    as they free up, so the run ends when the last one finishes its last task: with half-size tasks
    at the end, the others wait for it half as long. (A task is coded as one batch: only the last
    few get smaller.)"""
    held: deque[list[Story | Reject]] = deque()
    for i, chunk in enumerate(chunks):
        if i < hold:  # the first tasks go at once: they start the workers
            yield chunk
            continue
        held.append(chunk)
        if len(held) > hold:
            yield held.popleft()
    for chunk in held:
        half = (len(chunk) + 1) // 2
        yield chunk[:half]
        if chunk[half:]:
            yield chunk[half:]


def _interrupt_on_sigterm() -> Callable[[], None]:
    """While the pool runs, SIGTERM raises KeyboardInterrupt in the parent, so `kill` cleans up as
    Ctrl-C does; returns what restores the previous handler. Only the main thread can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    return lambda: signal.signal(signal.SIGTERM, previous)


def _done(future: Future[_Chunk] | None) -> bool:
    return future is None or future.done()


def _merge_future(chunk: list[Story | Reject | None], future: Future[_Chunk] | None) -> Iterator[Any]:
    try:
        results: _Chunk = future.result() if future is not None else []
    except BrokenProcessPool:
        raise EventwireError(
            "a coding worker process died (out of memory, or killed); "
            "rerun with fewer --workers, or with --workers 1 to find the story that causes it"
        ) from None
    yield from _merge(chunk, results)


def _code_task(
    coder: _CoderLike, stories: list[Story], options: CodingOptions, batch_size: int
) -> list[CodedStory | Reject]:
    """A task's stories, coded `batch_size` at a time: a story that fails costs its batch a retry one
    by one (`code_chunk`), not the whole task."""
    results: list[CodedStory | Reject] = []
    for start in range(0, len(stories), batch_size):
        results += code_chunk(coder, stories[start : start + batch_size], options, batch_size)
    return results


def _pack(results: list[CodedStory | Reject], finish: Callable[[list[CodedStory]], Any] | None) -> _Chunk:
    """A coded chunk as it travels back to the parent (see `_Chunk`): the stories' events only, or
    the rejects and `finish`'s result."""
    if finish is None:
        return [_strip(r) for r in results]
    coded = [r for r in results if isinstance(r, CodedStory)]
    return [r if isinstance(r, Reject) else None for r in results], (finish(coded) if coded else None)


def _merge(chunk: list[Story | Reject | None], results: _Chunk) -> Iterator[Any]:
    """Put each story's result back in its place among the chunk's Rejects (with `finish`: the
    chunk's rejects, then its finished result; the chunk's stories may be None then)."""
    finished = None
    if isinstance(results, tuple):
        per_story, finished = results
    else:
        per_story = results
    out = iter(per_story)
    for item in chunk:
        if isinstance(item, Reject):
            yield item
            continue
        result = next(out)
        if isinstance(result, Reject):
            yield result
        elif result is not None:
            events, discarded, quotes = result
            yield CodedStory(story=item, events=events, discarded=discarded, quotes=quotes)  # type: ignore[arg-type]
    if finished is not None:
        yield finished


def _strip(result: CodedStory | Reject) -> _Result:
    if isinstance(result, Reject):
        return result
    return (tuple(result.events), result.discarded, tuple(result.quotes))


def _chunks(items: Iterator[Story | Reject], size: int) -> Iterator[list[Story | Reject]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _chain(
    ahead: list[list[Story | Reject]], rest: Iterator[list[Story | Reject]]
) -> Iterator[list[Story | Reject]]:
    yield from ahead
    ahead.clear()  # let the look-ahead chunks be freed as soon as they are done
    yield from rest


# --- worker process side ---------------------------------------------------------------------------

# Per-process state, set once by the pool initializer: this worker's Coder, or the error building it.
_WORKER: dict[str, Any] = {}


def _init_worker(
    factory: CoderFactory, dictionaries_path: str | None, extend: bool, options: CodingOptions
) -> None:
    # Ctrl-C reaches the whole process group: the parent handles it and shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    try:
        _WORKER["coder"] = factory(dictionaries_path, extend, options)
    except Exception as e:  # noqa: BLE001 - re-raised in the parent by the first task, with its message
        _WORKER["error"] = e


def _exit_with_parent(interval: float = 0.5) -> None:
    """Exit this worker within `interval` seconds of its parent's death (kill -9 runs no cleanup in
    the parent): once the parent is gone, this process is re-parented and getppid() changes."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


def _code_in_worker(
    stories: list[Story],
    options: CodingOptions,
    batch_size: int,
    finish: Callable[[list[CodedStory]], Any] | None,
) -> _Chunk:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return _pack(_code_task(_WORKER["coder"], stories, options, batch_size), finish)


class LocalEngine:
    """The `Engine` of this machine: `workers` processes (1: in this process), `batch_size` stories
    per coder batch. Tasks of a `finish` run hold a commit's share of each worker (`task_size`)."""

    def __init__(
        self, workers: int | None = None, batch_size: int = 32, coder_factory: CoderFactory | None = None
    ) -> None:
        self.workers = workers if workers is not None else default_workers()
        self.batch_size = batch_size
        self.coder_factory = coder_factory  # None: `build_coder` (tests stand in a fake)

    def map(
        self,
        stories: Iterable[Story | Reject],
        spec: Any,
        finish: Callable[[list[CodedStory]], Any] | None = None,
        *,
        group_size: int | None = None,
    ) -> Iterator[Any]:
        # `build_coder` is looked up on each call (not bound at import), so tests can stand in a fake.
        common: dict[str, Any] = {
            "workers": self.workers,
            "dictionaries_path": spec.dictionaries,
            "options": spec.options,
            "chunk_size": self.batch_size,
            "extend_dictionaries": spec.extend,
            "coder_factory": self.coder_factory,
        }
        if finish is None:
            return code_in_pool(stories, **common)
        task_size = task_size_for(self.batch_size, group_size or self.batch_size, self.workers)
        return code_and_finish_in_pool(stories, finish, task_size=task_size, **common)


def task_size_for(batch_size: int, commit_size: int, workers: int) -> int:
    """Stories per worker task: a commit's share of each worker (at least a coder batch, at most a
    commit), so every worker is busy and the writer receives a few large Arrow tables per commit (it
    pays per table, not per row). A commit holds whole tasks: `commit_size` stories, or up to
    `workers` - 1 more."""
    share = -(-commit_size // max(1, workers))
    return max(1, min(commit_size, max(batch_size, share)))
