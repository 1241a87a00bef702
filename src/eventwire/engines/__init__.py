"""Batch engines: run the coder over a stream of stories (`local`: a process pool on this machine).

An engine takes Stories and Rejects (what `eventwire.ingest.read_sources` yields) and a
`CoderSpec`-like description of the coder, and yields, in input order, a `CodedStory` for each
Story and every Reject unchanged. With `finish` (a picklable function), each group of coded
stories is handed to it where it was coded and its result comes back instead (the store's Arrow
rows). The application layer (`eventwire.app`) only talks to this protocol, so another engine
is one new module here and one entry in `ENGINES`. `dask` (`engines.dask.DaskEngine`) also codes
files shard by shard on a cluster (`run_shards`), which `eventwire.app` uses for `code` and `ingest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from eventwire.records import CodedStory, CodingOptions, Reject, Story

__all__ = ["ENGINES", "CoderSpecLike", "Engine", "engine_named"]


class CoderSpecLike(Protocol):
    """What an engine needs to build the coder in each worker (eventwire.app.CoderSpec fits)."""

    @property
    def dictionaries(self) -> str | None: ...
    @property
    def extend(self) -> bool: ...
    @property
    def options(self) -> CodingOptions: ...


class Engine(Protocol):
    """Runs the coder over stories; see the module docstring."""

    def map(
        self,
        stories: Iterable[Story | Reject],
        spec: CoderSpecLike,
        finish: Callable[[list[CodedStory]], Any] | None = None,
        *,
        group_size: int | None = None,
    ) -> Iterator[Any]:
        """CodedStory (or `finish`'s result per group) and Reject, in input order. `group_size`: how
        many stories the consumer writes at a time (an engine may size its tasks by it)."""
        ...


#: engine name -> "module:class"; the class is built as Class(workers=..., batch_size=...)
ENGINES: dict[str, str] = {
    "local": "eventwire.engines.local:LocalEngine",
    "dask": "eventwire.engines.dask:DaskEngine",  # also takes scheduler=, shard_size=
}


def engine_named(name: str, **settings: Any) -> Engine:
    """An engine by its registered name, built with `settings` (workers, batch_size)."""
    import importlib

    from eventwire.errors import ConfigError

    try:
        module, _, cls = ENGINES[name].partition(":")
    except KeyError:
        raise ConfigError(f"unknown engine {name!r}; use one of: {', '.join(ENGINES)}") from None
    engine: Engine = getattr(importlib.import_module(module), cls)(**settings)
    return engine
