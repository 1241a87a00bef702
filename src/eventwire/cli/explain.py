"""`eventwire explain`: why each event was or was not coded, and how actor phrases resolve
(the work is in `eventwire.coding.explain`; this module parses, calls and prints)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eventwire.cli.options import add_coder_switches, add_dictionaries_option, coding_options
from eventwire.errors import BadDateError, ConfigError

__all__ = ["add_commands", "cmd_explain"]

EXIT_OK = 0


def add_commands(commands: Any) -> None:
    p = commands.add_parser(
        "explain",
        help="show why events were or were not coded",
        description="For each sentence of a text, a file or a stored story: the parse, the verb patterns "
        "that matched (file:line), the actors found with their rules, and every candidate event, kept or "
        "dropped with its reason. --actor/--actors resolve actor phrases instead.",
    )
    p.add_argument("input", nargs="?", metavar="TEXT|FILE|ID", help="a sentence, a file, or a story id with --db")
    p.add_argument("--date", help="publication date (e.g. 2008-04-17)")
    p.add_argument("--db", metavar="DB", help="read the story with id ID from this event store")
    p.add_argument("--actor", metavar="PHRASE", help="resolve one actor phrase: its code and the lines behind it")
    p.add_argument("--actors", metavar="FILE", help="resolve many: one phrase a line, optionally TAB date; JSON lines")
    p.add_argument("--json", action="store_true", help="one JSON object per story (or per phrase)")
    add_dictionaries_option(p)
    add_coder_switches(p)
    p.set_defaults(run=cmd_explain)


def cmd_explain(args: argparse.Namespace) -> int:
    import orjson

    from eventwire import app
    from eventwire.coding.explain import format_actor, format_story

    if sum(x is not None for x in (args.input, args.actor, args.actors)) != 1:
        raise ConfigError("give exactly one of TEXT|FILE|ID, --actor PHRASE or --actors FILE")
    spec = app.CoderSpec(args.dictionaries, options=coding_options(args))  # checks the dictionaries value
    date = _date(args.date, "--date") if args.date else None
    if args.actors is not None:
        for record in app.explain_actors(args.actors, spec, date=date):
            sys.stdout.write(orjson.dumps(record).decode("utf-8") + "\n")
        return EXIT_OK
    if args.actor is not None:
        found = app.explain_actor(args.actor, spec, date=date)
        sys.stdout.write(orjson.dumps(found.to_json()).decode("utf-8") + "\n" if args.json else format_actor(found))
        return EXIT_OK
    for ex in app.explain(args.input, spec, date=date, db=args.db):
        sys.stdout.write(orjson.dumps(ex.to_json()).decode("utf-8") + "\n" if args.json else format_story(ex))
    return EXIT_OK


def _date(value: str, where: str) -> str:
    from eventwire.ingest.dates import normalise_date

    try:
        return normalise_date(value)
    except BadDateError as e:
        raise BadDateError(e.message, where=where) from None
