"""The store's subcommands of `eventwire`: thin argparse wiring over the store functions.

    eventwire ingest SOURCES... [--db PATH] [--date D] [--dictionaries DIR] [--workers N] ...
    eventwire recode [--db PATH] [--dictionaries DIR] [--all]
    eventwire query [--db PATH] [--from D] [--to D] [--actor CODE|NAME] [--country ISO3]
                    [--code CAMEO] [--root NN] [--quad N] [--place NAME] [--text WORDS]
                    [--format table|jsonl|csv] [--limit N]
    eventwire stats [--db PATH] [--json]
    eventwire export --format gdelt|gdelt-mentions|icews|plover|parquet|jsonl [--output PATH|-] [--db PATH]
    eventwire dedup [--db PATH] [--window-days N] [--actor-level country|sector|full] [--place-rule ...]

`add_store_commands(subparsers)` is called by `eventwire.cli.build_parser`; each
command validates its own arguments and raises EventwireError for user errors,
which `eventwire.cli.main` prints as one ``error:`` line (exit 2).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO, Any

from eventwire.errors import BadDateError, ConfigError, InputError
from eventwire.records import CodingOptions, Reject

__all__ = ["add_store_commands"]

EXIT_OK, EXIT_FAILED = 0, 1


def add_store_commands(commands: Any) -> None:
    """Add ingest, recode, query, stats, export and dedup to the `eventwire` subparsers."""
    from eventwire.cli import add_coding_options, add_reading_options
    from eventwire.dedup import ACTOR_LEVELS, PLACE_RULES
    from eventwire.export import EXPORT_FORMATS
    from eventwire.store.db import DEFAULT_DB
    from eventwire.store.pipeline import DEFAULT_COMMIT_SIZE
    from eventwire.store.query import OUTPUT_FORMATS

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"the event store (default: ./{DEFAULT_DB})")

    def commit_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--commit-size",
            type=int,
            default=DEFAULT_COMMIT_SIZE,
            metavar="N",
            help=f"stories (and rejects) per transaction (default {DEFAULT_COMMIT_SIZE}); an interruption loses "
            "at most the batch being written, and larger batches write faster",
        )

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
    ingest.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a file (.txt, .jsonl, .html, feed, .warc[.gz]), a folder, an http(s) URL, or - for stdin",
    )
    db_option(ingest)
    ingest.add_argument("--date", help="publication date of every story, over their own dates (e.g. 2008-04-17)")
    add_reading_options(ingest)
    add_coding_options(ingest)
    commit_option(ingest)
    ingest.add_argument("--strict", action="store_true", help="exit 1 if any document was rejected")
    ingest.set_defaults(run=cmd_ingest)

    recode = commands.add_parser(
        "recode",
        help="re-code stored articles (after a dictionary update)",
        description="Re-code the stored articles that were coded with other dictionaries or another eventwire "
        "version (all of them with --all), replacing each article's mentions and updating the events, one "
        "transaction per batch; rerun after an interruption to finish.",
    )
    db_option(recode)
    add_coding_options(recode)
    commit_option(recode)
    recode.add_argument("--all", action="store_true", dest="everything", help="re-code every stored article")
    recode.set_defaults(run=cmd_recode)

    query = commands.add_parser(
        "query",
        help="list de-duplicated events",
        description="List de-duplicated events, by date. Filters combine (AND).",
        epilog="--actor takes a CAMEO code prefix in capitals (IRQ, IRQGOV) or words of an actor's name "
        "(maliki); --code is a CAMEO code prefix (04, 0232).",
    )
    db_option(query)
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
    db_option(stats)
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.set_defaults(run=cmd_stats)

    export = commands.add_parser(
        "export",
        help="write the events in a standard format",
        description="Write the store's de-duplicated events as GDELT 2.0 events or mentions, ICEWS, PLOVER, "
        "a Parquet dataset partitioned by month (OUTPUT is a folder), or JSON lines.",
    )
    db_option(export)
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
    db_option(dedup)
    dedup.add_argument("--window-days", type=int, metavar="N", help="days an event may span (default 2)")
    dedup.add_argument("--actor-level", choices=tuple(ACTOR_LEVELS), help="how much of the actor codes must agree")
    dedup.add_argument("--place-rule", choices=PLACE_RULES, help="when two known places keep mentions apart")
    dedup.set_defaults(run=cmd_dedup)

    from eventwire.store.file_commands import add_store_file_commands

    add_store_file_commands(commands, db_option)


# --- commands --------------------------------------------------------------------------------------


def _positive(args: argparse.Namespace, *names: str) -> None:
    for name in names:
        value = getattr(args, name, None)
        if value is not None and value < 1:
            raise ConfigError(f"--{name.replace('_', '-')} must be at least 1, not {value}")


def _require_dir(path: str | None) -> None:
    if path and not os.path.isdir(path):
        raise InputError("no such folder; pass the folder that holds the dictionary files", where=path)


def cmd_ingest(args: argparse.Namespace) -> int:
    """`eventwire ingest`: sources -> coder -> store; summary and rejects on stderr."""
    from eventwire.engines.local import default_workers
    from eventwire.store.db import Store
    from eventwire.store.pipeline import ingest

    _positive(args, "workers", "batch_size", "commit_size", "max_chars", "max_bytes")
    if args.sources.count("-") > 1:
        raise ConfigError("stdin (-) can be read only once; give - a single time")
    for source in args.sources:
        if source != "-" and not os.path.exists(source):
            raise InputError("no such file; check the path", where=source)
        if source != "-" and os.path.isdir(source):
            raise InputError("is a folder; pass the files in it (e.g. a folder/*.jsonl glob)", where=source)
    if args.date is not None:
        from eventwire.ingest.dates import normalise_date

        try:
            args.date = normalise_date(args.date)
        except BadDateError as e:
            raise BadDateError(e.message, where="--date") from None
    _require_dir(args.dictionaries)
    if args.extend_dictionaries and not args.dictionaries:
        raise ConfigError("--extend-dictionaries needs --dictionaries DIR (the dictionaries to add)")
    options = _coding_options(args, max_story_chars=args.max_chars)
    reader: dict[str, Any] = {}
    if args.max_bytes is not None:
        reader["max_bytes"] = args.max_bytes
    if args.fetch_links:
        reader["fetch_links"] = True
    if args.no_language_check:
        reader["language_check"] = False
    with Store(args.db) as store:
        summary = ingest(
            store,
            args.sources,
            date=args.date,
            fmt=args.input_format,
            max_story_chars=args.max_chars,
            reader_options=reader,
            workers=args.workers or default_workers(),
            dictionaries_path=args.dictionaries,
            extend_dictionaries=args.extend_dictionaries,
            options=options,
            batch_size=args.batch_size,
            commit_size=args.commit_size,
        )
    _print_rejects(summary.rejects, summary.rejected, sys.stderr)
    print(summary.summary(), file=sys.stderr)
    return EXIT_FAILED if args.strict and summary.rejected else EXIT_OK


def cmd_recode(args: argparse.Namespace) -> int:
    """`eventwire recode`: re-code stored articles, replacing their mentions."""
    from eventwire.engines.local import default_workers
    from eventwire.store.db import Store
    from eventwire.store.pipeline import recode

    _positive(args, "workers", "batch_size", "commit_size")
    _require_dir(args.dictionaries)
    if args.extend_dictionaries and not args.dictionaries:
        raise ConfigError("--extend-dictionaries needs --dictionaries DIR (the dictionaries to add)")
    with Store(args.db) as store:
        summary = recode(
            store,
            dictionaries_path=args.dictionaries,
            extend_dictionaries=args.extend_dictionaries,
            workers=args.workers or default_workers(),
            options=_coding_options(args),
            batch_size=args.batch_size,
            commit_size=args.commit_size,
            everything=args.everything,
        )
    _print_rejects(summary.rejects, summary.rejected, sys.stderr)
    print(summary.summary(), file=sys.stderr)
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    """`eventwire query`: events matching the filters, as a table, JSON lines or CSV."""
    from eventwire.store.db import Store
    from eventwire.store.query import EventFilter, event_records, write_records

    _positive(args, "limit")
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
    ).validated()
    fmt = args.output_format or ("table" if _isatty(sys.stdout) else "jsonl")
    with Store(args.db, read_only=True) as store:
        n = write_records(event_records(store, flt, limit=args.limit), fmt, sys.stdout)
    sys.stdout.flush()
    print(f"{n:,} {'event' if n == 1 else 'events'}", file=sys.stderr)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    """`eventwire stats`: counts by day, month, root and dyad."""
    import orjson

    from eventwire.store.db import Store
    from eventwire.store.stats import format_stats, store_stats

    with Store(args.db, read_only=True) as store:
        stats = store_stats(store)
    if args.json:
        sys.stdout.write(orjson.dumps(stats).decode("utf-8") + "\n")
    else:
        format_stats(stats, sys.stdout)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """`eventwire export`: the store's events in a standard layout."""
    from eventwire.export import export
    from eventwire.store.db import Store

    with Store(args.db, read_only=True) as store:
        summary = export(store, args.export_format, args.output)
    print(summary.summary(), file=sys.stderr)
    return EXIT_OK


def cmd_dedup(args: argparse.Namespace) -> int:
    """`eventwire dedup`: print the grouping settings, or re-group under new ones."""
    from dataclasses import replace

    from eventwire.store.db import Store

    changes = {
        k: v
        for k, v in (
            ("window_days", args.window_days),
            ("actor_level", args.actor_level),
            ("place_rule", args.place_rule),
        )
        if v is not None
    }
    with Store(args.db, read_only=not changes) as store:
        if changes:
            before = store.counts()["events"]
            store.set_dedup_config(replace(store.dedup_config, **changes))
            after = store.counts()["events"]
            print(f"events re-grouped: {before:,} -> {after:,}", file=sys.stderr)
        sys.stdout.write(store.dedup_config.to_json() + "\n")
    return EXIT_OK


def _coding_options(args: argparse.Namespace, **kw: Any) -> CodingOptions:
    """The coder switches of the command line (those this eventwire's CodingOptions has)."""
    values = {"require_dyad": not args.no_require_dyad, "intent_codes": not args.no_intent_codes, **kw}
    return CodingOptions(**{k: v for k, v in values.items() if k in CodingOptions.__dataclass_fields__})


def _print_rejects(rejects: list[Reject], total: int, stream: IO[str]) -> None:
    if not rejects:
        return
    print("rejected:", file=stream)
    for reject in rejects:
        message = reject.message.removeprefix(f"{reject.origin}: ")
        print(f"  {reject.origin}: {reject.reason}: {message}", file=stream)
    if total > len(rejects):
        print(f"  … and {total - len(rejects):,} more (all are in the store's rejects table)", file=stream)


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
