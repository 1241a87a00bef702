"""The operations of eventwire as plain functions over option objects (`eventwire.app.options`).

    code(read, spec)                  -> stories coded, in input order (a closable iterator)
    code_to_parquet(read, spec, dir)  -> ClusterCodeSummary: coded on a Dask cluster into Parquet
    ingest(read, spec, store)         -> IngestSummary: coded into the event store
    recode(spec, store)               -> RecodeSummary: stored articles re-coded under `spec`
    query(store, event_filter)        -> event records (de-duplicated events), by date
    export(store, fmt, output)        -> ExportSummary
    evaluate(gold, spec)              -> Evaluation: the coder scored against a gold file
    explain(arg, spec), explain_actor(phrase, spec), explain_actors(path, spec)
                                      -> why events were or were not coded; how actor phrases resolve
    stats(store), dedup(store, ...), check_dictionaries(folder)

Every front end (the command line, an HTTP API) calls these and only formats what comes back.
Errors are EventwireErrors: OptionError names the option's field, InputError the path or URL.
`engine` defaults to this machine's process pool (`engines.local.LocalEngine`) sized by `run`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol

from eventwire.app.options import CoderSpec, ReadOptions, RunOptions, StoreOptions
from eventwire.app.pipeline import IngestSummary, RecodeSummary, ingest_items, recode_with
from eventwire.dedup import DedupConfig
from eventwire.engines import Engine
from eventwire.errors import InputError, OptionError
from eventwire.records import CodedStory, Event, Reject, Story

if TYPE_CHECKING:  # the store's modules import DuckDB and pyarrow: loaded when a store is opened
    from eventwire.coding.explain import ActorExplanation, StoryExplanation
    from eventwire.export import ExportSummary
    from eventwire.store.db import Store
    from eventwire.store.query import EventFilter

__all__ = [
    "MAX_LISTED_REJECTS",
    "CodeStats",
    "DedupChange",
    "Evaluation",
    "check_dictionaries",
    "code",
    "code_to_parquet",
    "dedup",
    "evaluate",
    "explain",
    "explain_actor",
    "explain_actors",
    "export",
    "ingest",
    "query",
    "read",
    "read_actor_lines",
    "recode",
    "stats",
    "stories_to_explain",
]

MAX_LISTED_REJECTS = 100


def read(options: ReadOptions) -> Iterator[Story | Reject]:
    """The stories (and rejects) of `options.sources`, lazily, in order."""
    from eventwire.ingest import read_sources

    return read_sources(
        options.sources,
        date=options.date,
        max_story_chars=options.max_story_chars,
        fmt=options.input_format,
        max_bytes=options.max_bytes,
        fetch_links=options.fetch_links,
        language_check=options.language_check,
    )


def _engine(engine: Engine | None, run: RunOptions | None) -> Engine:
    if engine is not None:
        return engine
    from eventwire.engines import engine_named

    run = run or RunOptions()
    return engine_named(run.engine, **run.engine_settings())


def code(
    options: ReadOptions, spec: CoderSpec, *, run: RunOptions | None = None, engine: Engine | None = None
) -> Iterator[CodedStory | Reject]:
    """A CodedStory for each story read, and each Reject, in input order. Close it (or use
    `contextlib.closing`) to stop early: worker processes are shut down then."""
    chosen = _engine(engine, run)
    if _on_cluster(chosen, options):
        from eventwire.app.cluster import code_on_cluster

        return code_on_cluster(options, spec, chosen)  # type: ignore[arg-type]
    results: Iterator[CodedStory | Reject] = chosen.map(read(options), spec)
    return results


def _on_cluster(engine: Engine, options: ReadOptions) -> bool:
    """Code `options`' sources shard by shard on a cluster (`app.cluster`): a Dask engine, and files."""
    if not hasattr(engine, "run_shards"):
        return False  # the local engine: no need to import the cluster's modules (pyarrow, DuckDB)
    from eventwire.app.cluster import shardable

    return shardable(options)


def code_to_parquet(
    options: ReadOptions,
    spec: CoderSpec,
    output: str,
    *,
    run: RunOptions | None = None,
    engine: Engine | None = None,
    progress: Callable[[Any], None] | None = None,
) -> Any:
    """`code --engine dask --output DIR`: the stories coded on the cluster into partitioned Parquet
    (``DIR/mentions/coder=<version>/shard=<id>.parquet``...; docs/scale.md), shards finished before under
    the same coder version skipped. Returns an `app.cluster.ClusterCodeSummary`."""
    from eventwire.app.cluster import code_to_parquet as to_parquet
    from eventwire.app.cluster import shardable

    chosen = _engine(engine, run)
    if not hasattr(chosen, "run_shards"):
        raise OptionError("output", "{output} is for {engine} dask (the local engine writes to stdout)")
    if not shardable(options):
        raise OptionError("output", "{output} needs files or folders, which the cluster's workers read by path")
    return to_parquet(options, spec, chosen, output, progress)  # type: ignore[arg-type]


@dataclass
class CodeStats:
    """Counts of a `code` run; `read` = coded + rejected + skipped (every item seen).

    Skips (duplicates, non-English stories, WARC records and folder files that are
    not pages: `eventwire.ingest.is_skip`) are counted by reason, not listed, and
    are not failures under --strict."""

    coded: int = 0
    events: int = 0
    rejected: int = 0
    undated: int = 0  # coded stories with no publication date
    discarded: int = 0  # coded stories dropped whole by a story-level discard phrase (sports, weather...)
    rejects: list[Reject] = field(default_factory=list)  # the first MAX_LISTED_REJECTS
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count

    @property
    def read(self) -> int:
        return self.coded + self.rejected + sum(self.skipped.values())

    def add(self, item: CodedStory | Reject) -> None:
        if isinstance(item, Reject):
            self.add_reject(item)
            return
        self.coded += 1
        self.undated += item.story.date is None
        self.events += len(item.events)
        self.discarded += item.discarded is not None

    def add_reject(self, reject: Reject) -> None:
        from eventwire.ingest import is_skip

        if is_skip(reject.reason):
            self.skipped[reject.reason] = self.skipped.get(reject.reason, 0) + 1
            return
        self.rejected += 1
        if len(self.rejects) < MAX_LISTED_REJECTS:
            self.rejects.append(reject)

    def summary(self) -> str:
        line = (
            f"{self.read:,} {_plural(self.read, 'story', 'stories')} read, {self.coded:,} coded, "
            f"{self.events:,} {_plural(self.events, 'event', 'events')}, {self.rejected:,} rejected"
        )
        if self.skipped:
            reasons = ", ".join(f"{n:,} {reason}" for reason, n in sorted(self.skipped.items()))
            line += f", {sum(self.skipped.values()):,} skipped ({reasons})"
        if self.discarded:
            line += (
                f"; {self.discarded:,} coded {_plural(self.discarded, 'story', 'stories')} "
                "discarded whole by the dictionaries' story discards"
            )
        return line

    def progress(self) -> str:
        events = _plural(self.events, "event", "events")
        return f"{self.read:,} read, {self.coded:,} coded, {self.events:,} {events}, {self.rejected:,} rejected"


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


# --- the event store ---------------------------------------------------------------------------------


def ingest(
    options: ReadOptions,
    spec: CoderSpec,
    store: StoreOptions,
    *,
    run: RunOptions | None = None,
    engine: Engine | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    into: Store | None = None,
    shards_dir: str | None = None,
) -> IngestSummary:
    """Read, code the stories the store does not hold yet, and store them (`app.pipeline`); `progress`
    sees the running summary after every committed batch. `into`: the store `store.db` already open for
    writing in this process (`eventwire serve --watch`, the store's one writer), used and left open.
    On a Dask engine, files are coded shard by shard into Parquet under `shards_dir` (default: beside
    the store) and loaded (`app.cluster`)."""
    from eventwire.store.db import Store

    chosen = _engine(engine, run)
    if into is not None:
        if into.read_only:
            raise OptionError("db", "{db} is open read-only here; ingest needs it open for writing")
        return ingest_items(into, read(options), spec, chosen, store.commit_size, progress)
    with Store(store.db) as db:
        if _on_cluster(chosen, options):
            from eventwire.app.cluster import default_shards_dir, ingest_on_cluster

            out = shards_dir or default_shards_dir(store.db)
            return ingest_on_cluster(db, options, spec, chosen, store.commit_size, out, progress)  # type: ignore[arg-type]
        return ingest_items(db, read(options), spec, chosen, store.commit_size, progress)


def recode(
    spec: CoderSpec,
    store: StoreOptions,
    *,
    everything: bool = False,
    run: RunOptions | None = None,
    engine: Engine | None = None,
) -> RecodeSummary:
    """Re-code the stored articles coded under another `spec.version` (every one with `everything`)."""
    from eventwire.store.db import Store

    with Store(store.db) as db:
        return recode_with(db, spec, _engine(engine, run), store.commit_size, everything)


def query(
    store: StoreOptions, event_filter: EventFilter | None = None, *, limit: int | None = None
) -> Iterator[Event]:
    """The de-duplicated events matching `event_filter`, by date (`Event.to_json()`: docs/event-record.md).
    The store stays open while the iterator is read; close it to stop early."""
    from eventwire.store.db import Store
    from eventwire.store.query import EventFilter, events

    if limit is not None and limit < 1:
        raise OptionError("limit", "{limit} must be at least 1, not {value}", value=limit)
    flt = (event_filter or EventFilter()).validated()

    def found() -> Iterator[Event]:
        with Store(store.db, read_only=True) as db:
            yield from events(db, flt, limit=limit)

    return found()


def export(store: StoreOptions, fmt: str, output: str | None = None) -> ExportSummary:
    """The store's events written to `output` in the exporter `fmt`'s layout (`eventwire.export`)."""
    from eventwire.export import EXPORT_FORMATS
    from eventwire.export import export as write_export
    from eventwire.store.db import Store

    if fmt not in EXPORT_FORMATS:
        raise OptionError("format", "{format} must be one of {choices}, not {value!r}", choices=", ".join(EXPORT_FORMATS), value=fmt)
    with Store(store.db, read_only=True) as db:
        return write_export(db, fmt, output)


def stats(store: StoreOptions) -> dict[str, Any]:
    """Counts of articles, mentions and events; events by month, day and CAMEO root; top dyads."""
    from eventwire.store.db import Store
    from eventwire.store.stats import store_stats

    with Store(store.db, read_only=True) as db:
        return store_stats(db)


@dataclass(frozen=True, slots=True)
class DedupChange:
    config: DedupConfig
    events_before: int | None = None  # None: nothing was changed
    events_after: int | None = None


def dedup(store: StoreOptions, changes: Mapping[str, Any] | None = None) -> DedupChange:
    """The store's de-duplication settings; with `changes` (DedupConfig fields), every mention
    re-grouped under the new settings first (one transaction)."""
    from eventwire.store.db import Store

    changes = {k: v for k, v in (changes or {}).items() if v is not None}
    with Store(store.db, read_only=not changes) as db:
        if not changes:
            return DedupChange(db.dedup_config)
        before = db.counts()["events"]
        db.set_dedup_config(replace(db.dedup_config, **changes))
        return DedupChange(db.dedup_config, before, db.counts()["events"])


# --- evaluation and dictionaries -------------------------------------------------------------------


class _Report(Protocol):
    def to_json(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A scored gold file: `kind` is "sentences" (PETRARCH/PLOVER/ConfliBERT gold), "locations"
    (event-location gold) or "stories" (whole-story gold: wire_stories_dev.jsonl, a seed gold.json)."""

    kind: str
    report: Any

    def to_json(self, errors: bool = False) -> dict[str, Any]:
        """The report as one JSON object; `errors`: whole-story gold lists every wrong event and miss."""
        if self.kind == "stories":
            result: dict[str, Any] = self.report.to_json(errors=errors)
            return result
        return dict(self.report.to_json())

    def text(self, max_failures: int | None = None, errors: bool = False) -> str:
        """The readable report, as the evaluate modules format it."""
        if self.kind == "locations":
            from eventwire.evaluate.locations import format_location_report

            return str(format_location_report(self.report))
        if self.kind == "stories":
            from eventwire.evaluate.stories import format_stories_report

            return str(format_stories_report(self.report, errors=errors))
        from eventwire.evaluate.sentences import format_report

        text = format_report(self.report) if max_failures is None else format_report(self.report, max_failures=max_failures)
        text = text.rstrip("\n") + "\n"
        missed = self.report.missed  # set when evaluate(missed=True)
        return text if missed is None else text + "\n" + missed.text(errors)


def evaluate(
    gold: str,
    spec: CoderSpec | None = None,
    *,
    limit: int | None = None,
    missed: bool = False,
) -> Evaluation:
    """Code the gold file's records with `spec`'s coder and score them (`eventwire.evaluate`)."""
    import os

    from eventwire.engines.local import build_coder
    from eventwire.evaluate.locations import evaluate_locations, is_location_gold, read_location_gold
    from eventwire.evaluate.sentences import evaluate as score
    from eventwire.evaluate.sentences import read_gold
    from eventwire.evaluate.stories import evaluate_stories, is_story_gold, read_story_gold

    if limit is not None and limit < 1:
        raise OptionError("limit", "{limit} must be at least 1, not {value}", value=limit)
    if not os.path.exists(gold):
        raise InputError("no such file; check the path", where=gold)
    if os.path.isdir(gold):
        raise InputError("is a folder; pass the files in it (e.g. a folder/*.jsonl glob)", where=gold)
    if missed and (is_location_gold(gold) or is_story_gold(gold)):
        raise OptionError(
            "missed", "{missed} is for sentence gold (PETRARCH, PLOVER, ConfliBERT); whole stories list misses "
            "with {errors}"
        )
    spec = spec or CoderSpec()
    coder: Any = build_coder(spec.dictionaries, spec.extend, spec.options)
    if is_location_gold(gold):
        records: Any = read_location_gold(gold)
        return Evaluation("locations", evaluate_locations(records[:limit] if limit else records, coder))
    if is_story_gold(gold):
        golds = read_story_gold(gold)
        return Evaluation("stories", evaluate_stories(golds[:limit] if limit else golds, coder))
    sentences: Any = read_gold(gold)
    if limit is not None:
        sentences = list(islice(sentences, limit))
    return Evaluation("sentences", score(sentences, coder, missed=missed))


def stories_to_explain(text_or_path: str, *, date: str | None = None, db: str | None = None) -> list[Story]:
    """What `eventwire explain ARG` explains: with `db`, the stored story whose id is ARG; else the
    file ARG when it exists (read as `eventwire code` reads it); else ARG itself as one story's text."""
    import os

    from eventwire.ingest.metadata import with_dateline

    if db is not None:
        from eventwire.store.db import Store

        with Store(db, read_only=True) as store:
            found = store.stories([text_or_path])
        if not found:
            raise InputError(f"no story with id {text_or_path!r} in the store", where=db)
        return [with_dateline(found[0] if date is None else replace(found[0], date=date))]
    if os.path.isfile(text_or_path):
        stories = []
        for item in read(ReadOptions((text_or_path,), date=date, language_check=False)):
            if isinstance(item, Reject):
                raise InputError(f"{item.reason}: {item.message}", where=item.origin)
            stories.append(item)
        return stories
    if not text_or_path.strip():
        raise InputError("nothing to explain: give a sentence, a file, or a story id with --db")
    return [with_dateline(Story(id="explain", text=text_or_path, date=date))]


def explain(
    text_or_path: str, spec: CoderSpec, *, date: str | None = None, db: str | None = None
) -> Iterator[StoryExplanation]:
    """`eventwire explain ARG`: each story of `stories_to_explain(ARG)` coded under `spec` with a
    trace (`coding.explain.explain_story`), lazily, in order."""
    from eventwire.coding.explain import explain_story
    from eventwire.engines.local import build_coder

    coder: Any = build_coder(spec.dictionaries, spec.extend, spec.options)  # a coding.coder.Coder
    for story in stories_to_explain(text_or_path, date=date, db=db):
        yield explain_story(coder, story, spec.options)


def explain_actor(phrase: str, spec: CoderSpec, *, date: str | None = None) -> ActorExplanation:
    """`eventwire explain --actor PHRASE`: the code(s) the coder gives the phrase, and why."""
    from eventwire.coding.explain import explain_actor as explain_one
    from eventwire.engines.local import build_coder

    coder: Any = build_coder(spec.dictionaries, spec.extend, spec.options)  # a coding.coder.Coder
    return explain_one(coder, phrase, date)


def explain_actors(path: str, spec: CoderSpec, *, date: str | None = None) -> Iterator[dict[str, Any]]:
    """`eventwire explain --actors FILE`: a JSON record per phrase of the file (one a line, optionally
    a tab and its own date, else `date`), lazily, in order. A line with a bad date gives a record
    with its `line` and `error` instead, and the batch goes on."""
    import os

    from eventwire.coding.explain import explain_actor as explain_one
    from eventwire.engines.local import build_coder
    from eventwire.errors import BadDateError

    coder: Any = build_coder(spec.dictionaries, spec.extend, spec.options)  # a coding.coder.Coder
    if not os.path.isfile(path):
        raise InputError("no such file; give a file with one actor phrase a line", where=path)
    for phrase, day, n in read_actor_lines(path):
        try:
            record = explain_one(coder, phrase, _line_date(day, f"{path}:{n}") if day else date).to_json()
        except BadDateError as e:  # one bad line does not stop the batch
            record = {"phrase": phrase, "line": n, "error": str(e)}
        yield record


def read_actor_lines(path: str) -> list[tuple[str, str | None, int]]:
    """`--actors FILE`: one phrase a line, optionally a tab and a date; (phrase, date, line number).
    Blank lines and lines starting with # are skipped (their numbers still count)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the actor list: {exc}", where=path) from exc
    out: list[tuple[str, str | None, int]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        phrase, _, day = line.partition("\t")
        out.append((phrase.strip(), day.strip() or None, n))
    return out


def _line_date(value: str, where: str) -> str:
    from eventwire.errors import BadDateError
    from eventwire.ingest.dates import normalise_date

    try:
        return normalise_date(value)
    except BadDateError as e:
        raise BadDateError(e.message, where=where) from None


def check_dictionaries(folder: str) -> list[Any]:
    """Every problem (errors and warnings, each with file and line) of a dictionary folder."""
    import os

    from eventwire.dictionaries.check import check_dictionary_dir

    if not os.path.exists(folder):
        raise InputError("no such folder; check the path", where=folder)
    if not os.path.isdir(folder):
        raise InputError("is a file, not a folder; pass the folder that holds the dictionary files", where=folder)
    return list(check_dictionary_dir(folder))
