"""`eventwire dictionaries check DIR`: each problem as file:line: message; exit 1 on any error."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eventwire import app
from eventwire.cli.output import plural

__all__ = ["add_commands", "cmd_dictionaries_check"]

EXIT_OK, EXIT_FAILED = 0, 1


def add_commands(commands: Any) -> None:
    dictionaries = commands.add_parser("dictionaries", help="dictionary tools", description="Dictionary tools.")
    dict_commands = dictionaries.add_subparsers(dest="dict_command", required=True, metavar="COMMAND")
    check = dict_commands.add_parser(
        "check",
        help="report malformed dictionary lines",
        description="Report malformed lines as file:line: message.",
    )
    check.add_argument("dir", metavar="DIR")
    check.set_defaults(run=cmd_dictionaries_check)


def cmd_dictionaries_check(args: argparse.Namespace) -> int:
    problems = app.check_dictionaries(args.dir)
    errors = 0
    for problem in problems:
        severity = getattr(problem, "severity", "error")
        if severity == "error":
            errors += 1
        where = f"{problem.file}:{problem.line}" if problem.line is not None else f"{problem.file}"
        label = "" if severity == "error" else f"{severity}: "
        sys.stdout.write(f"{where}: {label}{problem.message}\n")
    sys.stdout.flush()
    if not problems:
        print(f"{args.dir}: no problems found", file=sys.stderr)
    else:
        others = len(problems) - errors
        print(
            f"{args.dir}: {errors} {plural(errors, 'error', 'errors')}, "
            f"{others} {plural(others, 'warning', 'warnings')}",
            file=sys.stderr,
        )
    return EXIT_FAILED if errors else EXIT_OK
