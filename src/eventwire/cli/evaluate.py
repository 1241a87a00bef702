"""`eventwire evaluate`: score the coder against a gold file; a readable report or one JSON object."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eventwire import app
from eventwire.cli.options import add_dictionaries_option
from eventwire.errors import OptionError

__all__ = ["add_commands", "cmd_evaluate"]

EXIT_OK = 0


def add_commands(commands: Any) -> None:
    evaluate = commands.add_parser(
        "evaluate",
        help="score the coder against a gold file",
        description="Score the coder against a gold JSONL file.",
    )
    evaluate.add_argument("gold", metavar="GOLD.jsonl")
    add_dictionaries_option(evaluate)
    evaluate.add_argument("--json", action="store_true", help="print the report as one JSON object")
    evaluate.add_argument("--limit", type=int, metavar="N", help="score only the first N records")
    evaluate.add_argument("--failures", type=int, metavar="N", help="list at most N failed records")
    evaluate.add_argument(
        "--errors",
        action="store_true",
        help="whole-story gold: list every wrong event (with the trap it violates) and every missed item; "
        "with --missed: one line per missed sentence",
    )
    evaluate.add_argument(
        "--missed",
        action="store_true",
        help="sentence gold: for each gold event not coded, the first coding stage that lost it, counted by reason",
    )
    evaluate.set_defaults(run=cmd_evaluate)


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.failures is not None and args.failures < 0:
        raise OptionError("failures", "{failures} must be 0 or more, not {value}", value=args.failures)
    result = app.evaluate(
        args.gold, app.CoderSpec(args.dictionaries), limit=args.limit, missed=args.missed
    )
    if args.json:
        import orjson

        sys.stdout.write(orjson.dumps(result.to_json(errors=args.errors)).decode("utf-8") + "\n")
    else:
        sys.stdout.write(result.text(args.failures, errors=args.errors))
    return EXIT_OK
