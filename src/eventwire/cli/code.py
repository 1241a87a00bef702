"""`eventwire code`: read, code, write events; the summary and the rejects go to stderr."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Any

from eventwire import app
from eventwire.cli.options import (
    DATE_FORMS,
    add_coding_options,
    add_reading_options,
    add_run_options,
    add_sources,
    coder_spec,
    read_options,
    run_options,
)
from eventwire.cli.output import JsonlWriter, TableWriter, isatty, print_summary
from eventwire.progress import Progress
from eventwire.records import Reject

__all__ = ["add_commands", "cmd_code"]

EXIT_OK, EXIT_FAILED = 0, 1


def add_commands(commands: Any) -> None:
    code = commands.add_parser(
        "code",
        help="code news stories into events",
        description="Code stories (text, JSON lines, web pages, RSS/Atom feeds, WARC archives, folders "
        "of them, http(s) URLs, or - for stdin) into events. "
        "Prints a table on a terminal and JSON lines otherwise; a summary and the rejected "
        "stories go to stderr.",
        epilog="Dates: " + DATE_FORMS + ". Exit status: 0 done (rejected stories are listed, not fatal), "
        "1 some story was rejected and --strict was given, 2 a usage or input error.",
    )
    add_sources(code)
    code.add_argument(
        "--format",
        choices=("table", "jsonl"),
        dest="output_format",
        help="output (default: table on a terminal)",
    )
    add_reading_options(code)
    add_coding_options(code)
    add_run_options(code)
    code.add_argument(
        "--output",
        metavar="DIR",
        help="with --engine dask: write the mentions (and articles, sentences, quotes) as Parquet under "
        "DIR/<table>/coder=<version>/shard=<id>.parquet instead of events to stdout; a re-run skips "
        "finished shards",
    )
    code.add_argument("--strict", action="store_true", help="exit 1 if any story was rejected")
    code.add_argument(
        "--quotes",
        action="store_true",
        help='also write direct quotes with their speakers as JSONL records with "kind": "quote"',
    )
    code.set_defaults(run=cmd_code)


def cmd_code(args: argparse.Namespace) -> int:
    run = run_options(args)
    read = read_options(args)
    spec = coder_spec(args)
    if args.output is not None:
        return _code_to_parquet(args, read, spec, run)
    output_format = args.output_format or ("table" if isatty(sys.stdout) else "jsonl")
    writer = TableWriter(sys.stdout) if output_format == "table" else JsonlWriter(sys.stdout)
    stats = app.CodeStats()
    progress = Progress(sys.stderr)
    results = app.code(read, spec, run=run)
    with contextlib.closing(results):  # type: ignore[type-var]
        for item in results:
            stats.add(item)
            if not isinstance(item, Reject):
                for event in item.events:
                    writer.write(event)
                if args.quotes and isinstance(writer, JsonlWriter):
                    for quote in item.quotes:
                        writer.write_quote(quote)
            progress.update(stats.progress())
    progress.clear()
    sys.stdout.flush()
    print_summary(stats, sys.stderr)
    return EXIT_FAILED if args.strict and stats.rejected else EXIT_OK


def _code_to_parquet(args: argparse.Namespace, read: Any, spec: Any, run: Any) -> int:
    """`code --engine dask --output DIR`: Parquet, not events on stdout; the summary on stderr."""
    progress = Progress(sys.stderr)
    summary = app.code_to_parquet(read, spec, args.output, run=run, progress=lambda s: progress.update(s.summary()))
    progress.clear()
    print(summary.summary(), file=sys.stderr)
    failed = bool(summary.failed_shards) or (args.strict and summary.rejected)
    return EXIT_FAILED if failed else EXIT_OK
