"""`eventwire serve`: the HTTP API and dashboard over an event store (docs/api.md).

    eventwire serve [--db PATH] [--host 127.0.0.1] [--port 8000] [--token TOKEN | --public]
                    [--cors ORIGIN] [--time-budget SECONDS] [--watch SOURCE... --every 15m]
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from eventwire.cli.options import add_store_options

__all__ = ["add_commands"]

EXIT_OK = 0
TOKEN_ENV = "EVENTWIRE_TOKEN"


def add_commands(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the HTTP API and the dashboard over an event store",
        description="Serve the event store over HTTP: the API under /api/v1 (OpenAPI at /openapi.json, "
        "docs at /docs) and the dashboard at /. The store is opened read-only unless --watch is given; "
        "then the server is the store's one writer, ingesting what is new from the sources every interval.",
        epilog=f"Binding an address other than loopback needs --token (or ${TOKEN_ENV}) or --public. "
        "See docs/api.md.",
    )
    add_store_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free port)")
    serve.add_argument(
        "--token", default=os.environ.get(TOKEN_ENV), help=f"bearer token required on every request (default: ${TOKEN_ENV})"
    )
    serve.add_argument("--public", action="store_true", help="allow a non-loopback --host without a token")
    serve.add_argument("--cors", action="append", default=[], metavar="ORIGIN", help="allow browser calls from ORIGIN (repeatable)")
    serve.add_argument(
        "--time-budget", type=float, default=10.0, metavar="SECONDS", help="longest a query may run (default 10)"
    )
    serve.add_argument("--watch", nargs="+", metavar="SOURCE", help="folders, feeds or URLs to ingest every --every")
    serve.add_argument("--every", default="15m", help="interval between --watch rounds: 90s, 15m, 1h (default 15m)")
    serve.add_argument("--dictionaries", metavar="DIR", help="dictionaries for --watch coding (default: shipped)")
    serve.add_argument("--workers", type=int, default=1, help="coder processes for --watch (default 1: in the server)")
    serve.add_argument("--fetch-links", action="store_true", help="--watch feeds: fetch each entry's page")
    serve.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    serve.set_defaults(run=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from eventwire.api.server import ServeOptions, serve
    from eventwire.api.watch import WatchSettings, parse_interval
    from eventwire.errors import OptionError

    watch = None
    if args.watch:
        if args.workers < 1:
            raise OptionError("workers", "{workers} must be at least 1, not {value}", value=args.workers)
        watch = WatchSettings(
            tuple(args.watch), parse_interval(args.every), args.dictionaries, args.workers, args.fetch_links
        )
    options = ServeOptions(
        db=args.db,
        host=args.host,
        port=args.port,
        token=args.token or None,
        public=args.public,
        cors=tuple(args.cors),
        time_budget=args.time_budget,
        watch=watch,
        log_level=args.log_level,
    )
    serve(options)
    return EXIT_OK
