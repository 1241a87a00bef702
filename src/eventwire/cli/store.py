"""The event store's commands: ingest, recode, query, stats, export, dedup.

    eventwire ingest SOURCES... [--db PATH] [--date D] [--dictionaries DIR] [--workers N] ...
    eventwire recode [--db PATH] [--dictionaries DIR] [--all]
    eventwire query [--db PATH] [--from D] [--to D] [--actor CODE|NAME] [--country ISO3]
                    [--code CAMEO] [--root NN] [--quad N] [--place NAME] [--text WORDS]
                    [--format table|jsonl|csv] [--limit N]
    eventwire stats [--db PATH] [--json]
    eventwire export --format gdelt|gdelt-mentions|icews|plover|parquet|jsonl --output PATH [--db PATH]
    eventwire dedup [--db PATH] [--window-days N] [--actor-level country|sector|full] [--place-rule ...]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Any

from eventwire import app
from eventwire.cli.options import (
    add_coding_options,
    add_reading_options,
    add_run_options,
    add_sources,
    add_store_options,
    coder_spec,
    read_options,
    run_options,
    store_options,
)
from eventwire.cli.output import isatty, print_rejects
from eventwire.progress import Progress

__all__ = ["add_commands"]

EXIT_OK, EXIT_FAILED = 0, 1
_IN_THE_STORE = " (all are in the store's rejects table)"


def add_commands(commands: Any) -> None:
    """Add ingest, recode, query, stats, export and dedup to the `eventwire` subparsers."""
    from eventwire.dedup import ACTOR_LEVELS, PLACE_RULES
    from eventwire.export import EXPORT_FORMATS
    from eventwire.store.query import OUTPUT_FORMATS

    ingest = commands.add_parser(
        "ingest",
        help="code stories into the event store",
        description="Read stories (text, JSON lines, web pages, feeds, WARC, folders, URLs, or - for stdin), "
        "code the ones the store does not "
        "hold yet, and store articles, mentions and de-duplicated events. Each batch is one transaction: "
        "rerun the same command after an interruption to finish. Rejected documents are recorded in the "
        "store and listed on stderr with the summary.",
        epilog="Exit status: 0 done (rejects are listed, not fatal), 1 some document was rejected and --strict "
        "was given, 2 a usage, input or store error.",
    )
    add_sources(ingest)
    add_store_options(ingest, commits=True)
    add_reading_options(ingest)
    add_coding_options(ingest)
    add_run_options(ingest)
    ingest.add_argument(
        "--shards",
        metavar="DIR",
        dest="shards_dir",
        help="with --engine dask: where the shards' Parquet and manifest go before they are loaded "
        "(default: beside the store, DB.shards)",
    )
    ingest.add_argument("--strict", action="store_true", help="exit 1 if any document was rejected")
    ingest.set_defaults(run=cmd_ingest)

    recode = commands.add_parser(
        "recode",
        help="re-code stored articles (after a dictionary update)",
        description="Re-code the stored articles that were coded with other dictionaries, another model or "
        "another eventwire version (all of them with --all), replacing each article's mentions and updating "
        "the events, one transaction per batch; rerun after an interruption to finish.",
    )
    add_store_options(recode, commits=True)
    add_coding_options(recode)
    add_run_options(recode)
    recode.add_argument("--all", action="store_true", dest="everything", help="re-code every stored article")
    recode.set_defaults(run=cmd_recode)

    query = commands.add_parser(
        "query",
        help="list de-duplicated events",
        description="List de-duplicated events, by date. Filters combine (AND).",
        epilog="--actor takes a CAMEO code prefix in capitals (IRQ, IRQGOV) or words of an actor's name "
        "(maliki); --code is a CAMEO code prefix (04, 0232).",
    )
    add_store_options(query)
    query.add_argument("--from", dest="date_from", metavar="DATE", help="events on or after DATE")
    query.add_argument("--to", dest="date_to", metavar="DATE", help="events on or before DATE")
    query.add_argument("--actor", metavar="CODE|NAME", help="source or target actor")
    query.add_argument("--country", metavar="ISO3", help="an actor's country or the place's country")
    query.add_argument("--code", metavar="CAMEO", help="CAMEO event code (prefix)")
    query.add_argument("--root", metavar="NN", help="CAMEO root code 01-20")
    query.add_argument("--quad", type=int, metavar="N", help="QuadClass 1-4")
    query.add_argument("--place", metavar="NAME", help="words of the place name")
    query.add_argument("--text", metavar="WORDS", help="words that an evidence sentence contains")
    query.add_argument(
        "--format", choices=OUTPUT_FORMATS, dest="output_format", help="output (default: table on a terminal, else jsonl)"
    )
    query.add_argument("--limit", type=int, metavar="N", help="at most N events")
    query.set_defaults(run=cmd_query)

    stats = commands.add_parser(
        "stats",
        help="what the store holds",
        description="Counts of articles, mentions and events; events by month, day and CAMEO root; top dyads.",
    )
    add_store_options(stats)
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.set_defaults(run=cmd_stats)

    export = commands.add_parser(
        "export",
        help="write the events in a standard format",
        description="Write the store's de-duplicated events as GDELT 2.0 events or mentions, ICEWS, PLOVER, "
        "a Parquet dataset partitioned by month (OUTPUT is a folder), or JSON lines.",
    )
    add_store_options(export)
    export.add_argument("--format", choices=EXPORT_FORMATS, dest="export_format", required=True)
    export.add_argument(
        "--output", "-o", metavar="PATH", help="file, device or pipe (a folder for parquet); - or none: stdout"
    )
    export.set_defaults(run=cmd_export)

    dedup = commands.add_parser(
        "dedup",
        help="show or change how mentions are grouped into events",
        description="Without options, print the store's de-duplication settings. With options, re-group every "
        "mention into events under the new settings (one transaction); later ingests keep them. "
        "See docs/dedup.md.",
    )
    add_store_options(dedup)
    dedup.add_argument("--window-days", type=int, metavar="N", help="days an event may span (default 2)")
    dedup.add_argument("--actor-level", choices=tuple(ACTOR_LEVELS), help="how much of the actor codes must agree")
    dedup.add_argument("--place-rule", choices=PLACE_RULES, help="when two known places keep mentions apart")
    dedup.set_defaults(run=cmd_dedup)


def cmd_ingest(args: argparse.Namespace) -> int:
    run, store = run_options(args), store_options(args)
    progress = Progress(sys.stderr)  # silent unless stderr is a terminal
    summary = app.ingest(
        read_options(args),
        coder_spec(args),
        store,
        run=run,
        progress=lambda s: progress.update(s.progress()),
        shards_dir=args.shards_dir,
    )
    progress.clear()
    print_rejects(summary.rejects, summary.rejected, sys.stderr, more=_IN_THE_STORE)
    print(summary.summary(), file=sys.stderr)
    failed = bool(summary.failed_shards) or (args.strict and summary.rejected)  # a failed shard is never silent
    return EXIT_FAILED if failed else EXIT_OK


def cmd_recode(args: argparse.Namespace) -> int:
    run, store = run_options(args), store_options(args)
    summary = app.recode(coder_spec(args), store, everything=args.everything, run=run)
    print_rejects(summary.rejects, summary.rejected, sys.stderr, more=_IN_THE_STORE)
    print(summary.summary(), file=sys.stderr)
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from eventwire.store.query import EventFilter, write_records

    flt = EventFilter(
        date_from=args.date_from,
        date_to=args.date_to,
        actor=args.actor,
        country=args.country,
        code=args.code,
        root=args.root,
        quad=args.quad,
        place=args.place,
        text=args.text,
    )
    fmt = args.output_format or ("table" if isatty(sys.stdout) else "jsonl")
    found = app.query(store_options(args), flt, limit=args.limit)
    with contextlib.closing(found):  # type: ignore[type-var]
        n = write_records((event.to_json() for event in found), fmt, sys.stdout)
    sys.stdout.flush()
    print(f"{n:,} {'event' if n == 1 else 'events'}", file=sys.stderr)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    import orjson

    from eventwire.store.stats import format_stats

    stats = app.stats(store_options(args))
    if args.json:
        sys.stdout.write(orjson.dumps(stats).decode("utf-8") + "\n")
    else:
        format_stats(stats, sys.stdout)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    summary = app.export(store_options(args), args.export_format, args.output)
    print(summary.summary(), file=sys.stderr)
    return EXIT_OK


def cmd_dedup(args: argparse.Namespace) -> int:
    changes = {"window_days": args.window_days, "actor_level": args.actor_level, "place_rule": args.place_rule}
    result = app.dedup(store_options(args), changes)
    if result.events_before is not None:
        print(f"events re-grouped: {result.events_before:,} -> {result.events_after:,}", file=sys.stderr)
    sys.stdout.write(result.config.to_json() + "\n")
    return EXIT_OK
