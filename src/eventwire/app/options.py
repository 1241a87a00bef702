"""The options of the operations: typed, frozen, checked when made, picklable.

Each option object checks itself in `__post_init__` and raises `OptionError`
naming the *field* (``date``, ``dictionaries``, ``workers``), never a command-line
flag: the command line (`eventwire.cli`) maps fields to its flags, and an HTTP API
would map them to its parameters.

    ReadOptions   what to read and how: sources, input format, size limits, date, language check
    CoderSpec     what codes: dictionaries (shipped name, folder or compiled file), extension,
                  coding options; `version` fingerprints dictionaries + model + eventwire
    StoreOptions  which store, and how many stories per transaction
    RunOptions    which engine (`eventwire.engines.ENGINES`), how many processes, stories per coder batch;
                  for a Dask cluster its scheduler and the stories per shard
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from eventwire import __version__
from eventwire.errors import BadDateError, InputError, OptionError
from eventwire.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_STORY_CHARS, STDIN
from eventwire.records import CodingOptions
from eventwire.store import DEFAULT_DB

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_COMMIT_SIZE",
    "DEFAULT_DB",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "DEFAULT_SHARD_SIZE",
    "STDIN",
    "CoderSpec",
    "OptionError",
    "ReadOptions",
    "RunOptions",
    "StoreOptions",
]

DEFAULT_MAX_CHARS = DEFAULT_MAX_STORY_CHARS
DEFAULT_BATCH_SIZE = 32
DEFAULT_COMMIT_SIZE = 256
DEFAULT_SHARD_SIZE = 10_000  # stories per shard of a cluster run (ingest.shards.DEFAULT_STORIES_PER_SHARD)

InputFormat = Literal["auto", "text", "jsonl", "html", "feed", "warc"]


def _at_least(name: str, value: int | None, minimum: int = 1) -> None:
    if value is not None and value < minimum:
        raise OptionError(name, f"{{{name}}} must be at least {{minimum}}, not {{value}}", minimum=minimum, value=value)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What to read and how (`eventwire.ingest.read_sources`)."""

    sources: tuple[str, ...]
    input_format: InputFormat = "auto"
    date: str | None = None  # publication date of every story; normalised to YYYY-MM-DD
    max_story_chars: int = DEFAULT_MAX_CHARS
    max_bytes: int = DEFAULT_MAX_BYTES
    fetch_links: bool = False
    language_check: bool = True

    def __post_init__(self) -> None:
        from eventwire.ingest import is_url, normalise_date
        from eventwire.ingest.fetch import check_url
        from eventwire.ingest.readers import input_formats

        sources = tuple(self.sources) if not isinstance(self.sources, str) else (self.sources,)
        object.__setattr__(self, "sources", sources)
        if not sources:
            raise OptionError("sources", "{sources}: name at least one file, folder, URL or - (stdin)")
        if sources.count(STDIN) > 1:
            raise OptionError("sources", "stdin (-) can be read only once; give - a single time")
        if self.input_format not in input_formats():
            raise OptionError(
                "input_format",
                "{input_format} must be one of {choices}, not {value!r}",
                choices=", ".join(input_formats()),
                value=self.input_format,
            )
        _at_least("max_story_chars", self.max_story_chars)
        from eventwire.ingest import MAX_PARSE_CHARS  # above the parser's limit every long story would fail

        if self.max_story_chars > MAX_PARSE_CHARS:
            raise OptionError(
                "max_story_chars",
                "{max_story_chars} can be at most {limit:,}, the parser's limit, not {value:,}; "
                "split longer stories into several",
                limit=MAX_PARSE_CHARS,
                value=self.max_story_chars,
            )
        _at_least("max_bytes", self.max_bytes)
        if self.date is not None:
            try:
                object.__setattr__(self, "date", normalise_date(self.date))
            except BadDateError as e:
                raise OptionError("date", "{date}: {message}", message=e.message) from None
        for source in sources:
            if source == STDIN:
                continue
            if is_url(source):
                check_url(source)
            elif not os.path.exists(source):
                raise InputError("no such file; check the path", where=source)


@dataclass(frozen=True, slots=True)
class CoderSpec:
    """What codes the stories: picklable, so every worker process (or cluster node) builds the same coder.

    `dictionaries`: None (the shipped Phoenix set), a shipped set's name (``phoenix``,
    ``petr_validate``), a folder of PETRARCH/TABARI files or a compiled ``.json.gz``;
    `extend`: add them to the shipped set instead of replacing it.
    """

    dictionaries: str | None = None
    extend: bool = False
    options: CodingOptions = field(default_factory=CodingOptions)

    def __post_init__(self) -> None:
        from eventwire.dictionaries.loader import SHIPPED

        if self.extend and not self.dictionaries:
            raise OptionError("extend", "{extend} needs {dictionaries} (the dictionaries to add)")
        path = self.dictionaries
        if path is None or path in SHIPPED:
            return
        if str(path).endswith(".json.gz"):
            if not os.path.isfile(path):
                what = "is a folder, not a compiled .json.gz file" if os.path.isdir(path) else "no such file"
                raise InputError(f"{what}; check the path", where=path)
        elif not os.path.exists(path):
            raise InputError(
                "no such folder; pass the folder that holds the dictionary files, a compiled .json.gz, "
                f"or a shipped set ({', '.join(SHIPPED)})",
                where=path,
            )
        elif not os.path.isdir(path):
            raise InputError(
                "is a file, not a folder; pass the folder that holds the dictionary files", where=path
            )

    @property
    def dictionary_version(self) -> str:
        """A readable fingerprint of the dictionaries: ``name:sha1-prefix`` (``+`` joins an extension)."""
        return dictionary_version(self.dictionaries, self.extend)

    @property
    def version(self) -> str:
        """What the store records for each coded article: eventwire's version and a hash of the
        dictionaries, the spaCy model and eventwire's version. Articles coded under another
        version are the ones `recode` re-codes."""
        h = hashlib.sha1("\x1f".join((self.dictionary_version, model_version(), __version__)).encode("utf-8"))
        return f"eventwire {__version__}+{h.hexdigest()[:12]}"

    def build(self) -> object:
        """The coder this spec describes (loads the model and the dictionaries: seconds)."""
        from eventwire.engines.local import build_coder

        return build_coder(self.dictionaries, self.extend, self.options)


@dataclass(frozen=True, slots=True)
class StoreOptions:
    """Which event store, and how many stories (and rejects) go in one transaction."""

    db: str = DEFAULT_DB
    commit_size: int = DEFAULT_COMMIT_SIZE

    def __post_init__(self) -> None:
        if not str(self.db):
            raise OptionError("db", "{db} must name a store file")
        _at_least("commit_size", self.commit_size)


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Which engine codes, and how: `workers` processes (None: every CPU), `batch_size` stories per batch.

    With ``engine="dask"``: `scheduler` (``tcp://host:8786``) uses that running cluster instead of
    starting a local one of `workers` processes; `shard_size` is the stories per shard (docs/scale.md)."""

    workers: int | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    engine: str = "local"  # a name in eventwire.engines.ENGINES
    scheduler: str | None = None
    shard_size: int = DEFAULT_SHARD_SIZE

    def __post_init__(self) -> None:
        from eventwire.engines import ENGINES

        _at_least("workers", self.workers)
        _at_least("batch_size", self.batch_size)
        _at_least("shard_size", self.shard_size)
        if self.engine not in ENGINES:
            raise OptionError(
                "engine", "{engine} must be one of {choices}, not {value!r}", choices=", ".join(ENGINES), value=self.engine
            )
        if self.scheduler is not None:
            if self.engine != "dask":
                raise OptionError("scheduler", "{scheduler} is for {engine} dask")
            if "://" not in self.scheduler:
                raise OptionError(
                    "scheduler", "{scheduler} must be an address such as tcp://HOST:8786, not {value!r}", value=self.scheduler
                )

    def engine_settings(self) -> dict[str, object]:
        """What `engines.engine_named(self.engine, ...)` builds the engine with."""
        settings: dict[str, object] = {"workers": self.workers, "batch_size": self.batch_size}
        if self.engine == "dask":
            settings.update(scheduler=self.scheduler, shard_size=self.shard_size)
        return settings


# --- versions ----------------------------------------------------------------------------------------


@functools.cache
def model_version() -> str:
    """The spaCy model's package name and version (its parses decide the events)."""
    from importlib.metadata import PackageNotFoundError, version

    from eventwire.nlp import MODEL_NAME

    try:
        return f"{MODEL_NAME}-{version(MODEL_NAME)}"
    except PackageNotFoundError:
        return f"{MODEL_NAME}-unknown"


def dictionary_version(dictionaries_path: str | None = None, extend: bool = False) -> str:
    """A fingerprint of the dictionaries in use: ``name:sha1-prefix`` (``+`` joins an extension)."""
    shipped = "shipped:" + _shipped_digest()
    if dictionaries_path is None:
        return shipped
    path = Path(dictionaries_path)
    if path.is_dir():
        from eventwire.dictionaries.loader import classify_file

        files = sorted(p for p in path.iterdir() if p.is_file() and classify_file(p.name) is not None)
    elif path.is_file():
        files = [path]
    else:  # a shipped set by name, e.g. "petr_validate"
        return f"{dictionaries_path}:{_shipped_digest()}"
    own = f"{path.name}:{_digest(files)}"
    return f"{shipped}+{own}" if extend else own


@functools.cache
def _shipped_digest() -> str:
    """The shipped data does not change while the process runs: hashed once."""
    root = Path(str(resources.files("eventwire.dictionaries") / "data"))
    return _digest(sorted(p for p in root.iterdir() if p.is_file() and p.suffix in {".gz", ".txt"}))


def _digest(files: Iterable[Path]) -> str:
    h = hashlib.sha1()
    for f in files:
        h.update(f.name.encode("utf-8") + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()[:12]
