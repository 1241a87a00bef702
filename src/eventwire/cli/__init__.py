"""The `eventwire` command: one module per command family, each only parsing, calling the
application layer (`eventwire.app`) and printing. Nothing else imports this package.

    eventwire code SOURCES... [--date D] [--format table|jsonl] [--dictionaries DIR] ...   (cli.code)
    eventwire ingest|recode|query|stats|export|dedup ...                                 (cli.store)
    eventwire evaluate GOLD.jsonl [--dictionaries DIR] [--json] [--limit N] [--failures N] (cli.evaluate)
    eventwire dictionaries check DIR                                                     (cli.dictionaries)
    eventwire serve [--db PATH] [--host H] [--port N] [--watch SOURCE...]                 (cli.serve)
    eventwire --version

Options shared by several commands are defined once, in `cli.options`.
`main(argv)` takes its arguments (tests call it directly) and returns the exit code:

    0    done (rejected stories are listed on stderr but are not a failure...)
    1    ...unless --strict; `dictionaries check` found an error
    2    a user error: missing file, bad option value, unreadable dictionaries or gold file
    130  interrupted (Ctrl-C)
    141  the reader of our output went away (`eventwire code x.jsonl | head`)

User errors print one line, `error: <message>`, never a traceback; an error naming an option's
field (OptionError) is printed with the flag that sets it. Anything else that escapes is a bug
and keeps its traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import NoReturn

from eventwire import __version__
from eventwire.errors import ConfigError, EventwireError, OptionError

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_PIPE_CLOSED", "EXIT_USAGE", "build_parser", "main"]

LOGGER_NAME = "eventwire"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 0, 1, 2, 130, 141


def main(argv: list[str] | None = None) -> int:
    """Run one command; `argv` defaults to sys.argv[1:]. Returns the exit code."""
    from eventwire.cli.output import discard_stdout

    handler = _log_to_stderr()
    try:
        args = build_parser().parse_args(argv)
        return int(args.run(args))
    except SystemExit as e:  # --help and --version exit through argparse
        return e.code if isinstance(e.code, int) else EXIT_OK
    except OptionError as e:
        from eventwire.cli.options import FLAGS

        print(f"error: {e.render(FLAGS)}", file=sys.stderr)
        return EXIT_USAGE
    except EventwireError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        discard_stdout()
        return EXIT_PIPE_CLOSED
    finally:
        logging.getLogger(LOGGER_NAME).removeHandler(handler)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error raises ConfigError so `main` reports it like every other user error."""

    def error(self, message: str) -> NoReturn:
        raise ConfigError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    from eventwire.cli import code, dictionaries, evaluate, explain, serve, store, store_files

    parser = _Parser(
        prog="eventwire",
        description="Turn news into CAMEO/PLOVER political event data, every event traceable to its sentence.",
    )
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    code.add_commands(commands)
    evaluate.add_commands(commands)
    dictionaries.add_commands(commands)
    explain.add_commands(commands)
    store.add_commands(commands)
    store_files.add_commands(commands)
    serve.add_commands(commands)
    return parser


def _log_to_stderr() -> logging.Handler:
    """Warnings from the library (e.g. a story decoded as Windows-1252) as `warning: ...` lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_LowercaseLevelFormatter())
    logging.getLogger(LOGGER_NAME).addHandler(handler)
    return handler


class _LowercaseLevelFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"
