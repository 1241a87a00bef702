"""The command line's shared options, defined once, and their translation into the app's option objects.

`add_reading_options`, `add_coding_options`, `add_run_options` and `add_store_options` add the flags;
`read_options`, `coder_spec`, `run_options` and `store_options` turn parsed arguments into the
checked option objects of `eventwire.app`. `FLAGS` maps the option objects' field names to these
flags, so an error naming a field (``date``) is printed with the flag (``--date``).
"""

from __future__ import annotations

import argparse

from eventwire.app.options import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_COMMIT_SIZE,
    DEFAULT_DB,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_SHARD_SIZE,
    CoderSpec,
    ReadOptions,
    RunOptions,
    StoreOptions,
)
from eventwire.records import CodingOptions

__all__ = [
    "DATE_FORMS",
    "FLAGS",
    "add_coding_options",
    "add_reading_options",
    "add_run_options",
    "add_sources",
    "add_store_options",
    "coder_spec",
    "read_options",
    "run_options",
    "store_options",
]

DATE_FORMS = "YYYY-MM-DD, YYYYMMDD, ISO 8601 date-times, 'April 17, 2008', '17 April 2008', RFC 2822"
SHIPPED_SETS = "phoenix, petr_validate"

#: option-object field -> the flag (or argument) that sets it
FLAGS = {
    "sources": "SOURCE",
    "input_format": "--input-format",
    "date": "--date",
    "max_story_chars": "--max-chars",
    "max_bytes": "--max-bytes",
    "fetch_links": "--fetch-links",
    "language_check": "--no-language-check",
    "dictionaries": "--dictionaries DIR",
    "extend": "--extend-dictionaries",
    "workers": "--workers",
    "batch_size": "--batch-size",
    "engine": "--engine",
    "scheduler": "--scheduler",
    "shard_size": "--shard-size",
    "output": "--output DIR",
    "shards_dir": "--shards DIR",
    "db": "--db",
    "commit_size": "--commit-size",
    "date_from": "--from",
    "date_to": "--to",
    "code": "--code",
    "root": "--root",
    "quad": "--quad",
    "country": "--country",
    "limit": "--limit",
    "failures": "--failures",
    "missed": "--missed",
    "errors": "--errors",
    "format": "--format",
    "host": "--host",
    "port": "--port",
    "token": "--token",
    "every": "--every",
    "watch": "--watch",
    "time_budget": "--time-budget",
    "cors": "--cors",
}


def add_sources(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a file (.txt, .jsonl, .html, feed, .warc[.gz]), a folder, an http(s) URL, or - for stdin",
    )


def add_reading_options(p: argparse.ArgumentParser) -> None:
    """How SOURCES are read: shared by `code` and `ingest`."""
    from eventwire.ingest.readers import input_formats

    p.add_argument("--date", help="publication date of every story, over their own dates (e.g. 2008-04-17)")
    p.add_argument(
        "--input-format",
        choices=input_formats(),
        default="auto",
        help="how to read SOURCES (default: by name/content)",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"reject a page, feed, download or WARC record over N bytes (default: {DEFAULT_MAX_BYTES:,})",
    )
    p.add_argument("--fetch-links", action="store_true", help="fetch each feed entry's web page and code its article")
    p.add_argument("--no-language-check", action="store_true", help="also code stories that are not in English")
    p.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"reject longer stories (default: {DEFAULT_MAX_CHARS:,})",
    )


def add_dictionaries_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dictionaries",
        metavar="DIR",
        help=f"dictionary folder, compiled .json.gz, or a shipped set: {SHIPPED_SETS} (default: phoenix)",
    )


def add_coding_options(p: argparse.ArgumentParser) -> None:
    """Dictionaries and coder switches: shared by `code`, `ingest` and `recode`."""
    add_dictionaries_option(p)
    p.add_argument(
        "--extend-dictionaries",
        action="store_true",
        help="add --dictionaries to the shipped ones instead of replacing them",
    )
    add_coder_switches(p)


def add_coder_switches(p: argparse.ArgumentParser) -> None:
    """The coder's switches (`CodingOptions`): shared by `code`, `ingest`, `recode` and `explain`."""
    p.add_argument(
        "--no-require-dyad", action="store_true", help="also keep events with only a source or only a target"
    )
    p.add_argument(
        "--no-one-sided",
        action="store_true",
        help="keep no event without a target, not even a protest, threat or comment that names none "
        "(PETRARCH's require_dyad)",
    )
    p.add_argument(
        "--no-intent-codes",
        action="store_true",
        help="code stated intents as the action itself, as PETRARCH does (default: CAMEO 03x intents)",
    )
    p.add_argument(
        "--venue-targets",
        action="store_true",
        help="code the place of a meeting or signing as its target ('met in Geneva': CHE), as PETRARCH does",
    )


def add_run_options(p: argparse.ArgumentParser) -> None:
    """Engine, processes and batches: shared by `code`, `ingest` and `recode`."""
    from eventwire.engines import ENGINES

    p.add_argument(
        "--engine",
        choices=tuple(ENGINES),
        default="local",
        help="local: a process pool on this machine (default); dask: a Dask cluster, local (--workers) or "
        "running (--scheduler), coding files shard by shard (docs/scale.md)",
    )
    p.add_argument("--workers", type=int, metavar="N", help="coding processes (default: all CPUs)")
    p.add_argument(
        "--scheduler",
        metavar="URL",
        help="with --engine dask: a running cluster's scheduler (tcp://HOST:8786) instead of a local cluster",
    )
    p.add_argument(
        "--shard-size",
        type=int,
        default=DEFAULT_SHARD_SIZE,
        metavar="N",
        help=f"with --engine dask: stories per shard of a JSON lines file or folder (default: {DEFAULT_SHARD_SIZE:,})",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help=f"stories per batch (default: {DEFAULT_BATCH_SIZE})",
    )


def add_store_options(p: argparse.ArgumentParser, *, commits: bool = False) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"the event store (default: ./{DEFAULT_DB})")
    if commits:
        p.add_argument(
            "--commit-size",
            type=int,
            default=DEFAULT_COMMIT_SIZE,
            metavar="N",
            help=f"stories (and rejects) per transaction (default {DEFAULT_COMMIT_SIZE}); an interruption loses "
            "at most the batch being written, and larger batches write faster",
        )


def read_options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(
        sources=tuple(args.sources),
        input_format=args.input_format,
        date=args.date,
        max_story_chars=args.max_chars,
        max_bytes=args.max_bytes,
        fetch_links=args.fetch_links,
        language_check=not args.no_language_check,
    )


def coding_options(args: argparse.Namespace) -> CodingOptions:
    """The `CodingOptions` of `add_coder_switches`' flags."""
    return CodingOptions(
        require_dyad=not getattr(args, "no_require_dyad", False),
        one_sided=not getattr(args, "no_one_sided", False),
        intent_codes=not getattr(args, "no_intent_codes", False),
        venue_targets=getattr(args, "venue_targets", False),
    )


def coder_spec(args: argparse.Namespace) -> CoderSpec:
    return CoderSpec(args.dictionaries, getattr(args, "extend_dictionaries", False), coding_options(args))


def run_options(args: argparse.Namespace) -> RunOptions:
    return RunOptions(
        workers=args.workers,
        batch_size=args.batch_size,
        engine=getattr(args, "engine", "local"),
        scheduler=getattr(args, "scheduler", None),
        shard_size=getattr(args, "shard_size", DEFAULT_SHARD_SIZE),
    )


def store_options(args: argparse.Namespace) -> StoreOptions:
    return StoreOptions(db=args.db, commit_size=getattr(args, "commit_size", DEFAULT_COMMIT_SIZE))
