"""`eventwire store backup|check`: the store file itself (the work is in eventwire.store.ondisk).

    eventwire store backup --db events.duckdb COPY.duckdb
    eventwire store check --db events.duckdb
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eventwire.cli.options import add_store_options

__all__ = ["add_commands"]


def add_commands(commands: Any) -> None:
    """Add `store backup` and `store check` to the `eventwire` subparsers."""
    store = commands.add_parser(
        "store",
        help="back up or check the store file",
        description="A store is its .duckdb file, with a .duckdb.wal beside it while a writer has it open "
        "(docs/store.md, 'On disk').",
    )
    actions = store.add_subparsers(dest="store_command", required=True, metavar="backup|check")
    backup = actions.add_parser(
        "backup", help="a consistent copy of the store", description="Copy the store to DEST (a new file), "
        "with every committed batch, and check the copy. Waits for no one: fails if a writer holds the store."
    )
    add_store_options(backup)
    backup.add_argument("dest", metavar="DEST", help="the new file")
    backup.set_defaults(run=cmd_store_backup)
    check = actions.add_parser(
        "check", help="read the whole store and report", description="Read every table in full (verifying "
        "checksums) and check that mentions, events and articles refer to each other. Exit 1 on a problem."
    )
    add_store_options(check)
    check.set_defaults(run=cmd_store_check)


def cmd_store_backup(args: argparse.Namespace) -> int:
    from eventwire.store.ondisk import backup_store

    report = backup_store(args.db, args.dest)
    print("\n".join(report.lines()), file=sys.stderr)
    return 0 if report.ok else 1


def cmd_store_check(args: argparse.Namespace) -> int:
    from eventwire.store.ondisk import check_store

    report = check_store(args.db)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1
