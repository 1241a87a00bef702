"""The `eventwire` command: thin argparse commands over plain functions.

    eventwire code SOURCES... [--date D] [--format table|jsonl] [--dictionaries DIR] ...
    eventwire evaluate GOLD.jsonl [--dictionaries DIR] [--json] [--limit N] [--failures N]
    eventwire dictionaries check DIR
    eventwire ingest|recode|query|stats|export|dedup ...   (the event store: eventwire.store.commands)
    eventwire --version

`main(argv)` takes its arguments (tests call it directly) and returns the exit code:

    0    done (rejected stories are listed on stderr but are not a failure...)
    1    ...unless --strict; `dictionaries check` found an error
    2    a user error: missing file, bad option value, unreadable dictionaries or gold file
    130  interrupted (Ctrl-C)
    141  the reader of our output went away (`eventwire code x.jsonl | head`)

User errors print one line, `error: <message>`, never a traceback; anything
else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any, NoReturn

from eventwire import __version__
from eventwire.errors import BadDateError, ConfigError, EventwireError, GoldFileError, InputError
from eventwire.progress import Progress
from eventwire.records import CodingOptions, EventMention, Quote, Reject

__all__ = ["build_parser", "main"]

LOGGER_NAME = "eventwire"
MAX_LISTED_REJECTS = 100
DEFAULT_BATCH_SIZE = 32
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_MAX_BYTES = 10_000_000  # eventwire.ingest.DEFAULT_MAX_BYTES
DATE_FORMS = "YYYY-MM-DD, YYYYMMDD, ISO 8601 date-times, 'April 17, 2008', '17 April 2008', RFC 2822"

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 0, 1, 2, 130, 141


def main(argv: list[str] | None = None) -> int:
    """Run one command; `argv` defaults to sys.argv[1:]. Returns the exit code."""
    handler = _log_to_stderr()
    try:
        args = build_parser().parse_args(argv)
        _validate_args(args)
        return int(args.run(args))
    except SystemExit as e:  # --help and --version exit through argparse
        return e.code if isinstance(e.code, int) else EXIT_OK
    except EventwireError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_PIPE_CLOSED
    finally:
        logging.getLogger(LOGGER_NAME).removeHandler(handler)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error raises ConfigError so `main` reports it like every other user error."""

    def error(self, message: str) -> NoReturn:
        raise ConfigError(f"{message} (see '{self.prog} --help')")


def add_reading_options(p: argparse.ArgumentParser) -> None:
    """How SOURCES are read: shared by `code` and `ingest`."""
    p.add_argument(
        "--input-format",
        choices=("auto", "text", "jsonl", "html", "feed", "warc"),
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


def add_coding_options(p: argparse.ArgumentParser) -> None:
    """Dictionaries, workers and coder switches: shared by `code`, `ingest` and `recode`."""
    p.add_argument(
        "--dictionaries",
        metavar="DIR",
        help="dictionary folder, compiled .json.gz, or a shipped set: phoenix, petr_validate (default: phoenix)",
    )
    p.add_argument(
        "--extend-dictionaries",
        action="store_true",
        help="add --dictionaries to the shipped ones instead of replacing them",
    )
    p.add_argument("--workers", type=int, metavar="N", help="coding processes (default: all CPUs)")
    p.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help=f"stories per batch (default: {DEFAULT_BATCH_SIZE})",
    )
    p.add_argument(
        "--no-require-dyad", action="store_true", help="also keep events with only a source or only a target"
    )
    p.add_argument(
        "--no-intent-codes",
        action="store_true",
        help="code stated intents as the action itself, as PETRARCH does (default: CAMEO 03x intents)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="eventwire",
        description="Turn news into CAMEO/PLOVER political event data, "
        "every event traceable to its sentence.",
    )
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
    code.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a file (.txt, .jsonl, .html, feed, .warc[.gz]), a folder, an http(s) URL, or - for stdin",
    )
    code.add_argument(
        "--date", help="publication date of every story, over their own dates (e.g. 2008-04-17)"
    )
    code.add_argument(
        "--format",
        choices=("table", "jsonl"),
        dest="output_format",
        help="output (default: table on a terminal)",
    )
    add_reading_options(code)
    add_coding_options(code)
    code.add_argument("--strict", action="store_true", help="exit 1 if any story was rejected")
    code.add_argument(
        "--quotes",
        action="store_true",
        help='also write direct quotes with their speakers as JSONL records with "kind": "quote"',
    )
    code.set_defaults(run=cmd_code)

    evaluate = commands.add_parser(
        "evaluate",
        help="score the coder against a gold file",
        description="Score the coder against a gold JSONL file.",
    )
    evaluate.add_argument("gold", metavar="GOLD.jsonl")
    evaluate.add_argument(
        "--dictionaries",
        metavar="DIR",
        help="dictionary folder, compiled .json.gz, or a shipped set: phoenix, petr_validate (default: phoenix)",
    )
    evaluate.add_argument("--json", action="store_true", help="print the report as one JSON object")
    evaluate.add_argument("--limit", type=int, metavar="N", help="score only the first N records")
    evaluate.add_argument("--failures", type=int, metavar="N", help="list at most N failed records")
    evaluate.set_defaults(run=cmd_evaluate)

    dictionaries = commands.add_parser(
        "dictionaries", help="dictionary tools", description="Dictionary tools."
    )
    dict_commands = dictionaries.add_subparsers(dest="dict_command", required=True, metavar="COMMAND")
    check = dict_commands.add_parser(
        "check",
        help="report malformed dictionary lines",
        description="Report malformed lines as file:line: message.",
    )
    check.add_argument("dir", metavar="DIR")
    check.set_defaults(run=cmd_dictionaries_check)

    from eventwire.store.commands import add_store_commands  # ingest, recode, query, stats, export, dedup

    add_store_commands(commands)
    return parser


def _check_max_chars(value: int | None) -> None:
    """--max-chars above what the parser takes would pass the reader and fail in the coder, story by story."""
    from eventwire.nlp import MAX_PARSE_CHARS

    if value is not None and value > MAX_PARSE_CHARS:
        raise ConfigError(
            f"--max-chars can be at most {MAX_PARSE_CHARS:,}, the parser's limit, not {value:,}; "
            "split longer stories into several"
        )


def _validate_args(args: argparse.Namespace) -> None:
    """Checks argparse cannot express: value ranges, files that must exist, options that need others."""
    _check_max_chars(getattr(args, "max_chars", None))
    if args.command == "code":
        for name in ("workers", "batch_size", "max_chars", "max_bytes"):
            value = getattr(args, name)
            if value is not None and value < 1:
                raise ConfigError(f"--{name.replace('_', '-')} must be at least 1, not {value}")
        if args.sources.count("-") > 1:
            raise ConfigError("stdin (-) can be read only once; give - a single time")
        from eventwire.ingest.fetch import check_url, is_url

        for source in args.sources:
            if source == "-":
                continue
            if is_url(source):
                check_url(source)
            elif not os.path.exists(source):
                _require_path(source, "file")
        if args.date is not None:
            try:
                from eventwire.ingest.dates import normalise_date

                args.date = normalise_date(args.date)
            except BadDateError as e:
                raise BadDateError(e.message, where="--date") from None
        if args.extend_dictionaries and not args.dictionaries:
            raise ConfigError("--extend-dictionaries needs --dictionaries DIR (the dictionaries to add)")
    elif args.command == "evaluate":
        _require_path(args.gold, "file")
        if args.limit is not None and args.limit < 1:
            raise ConfigError(f"--limit must be at least 1, not {args.limit}")
        if args.failures is not None and args.failures < 0:
            raise ConfigError(f"--failures must be 0 or more, not {args.failures}")
    elif args.command == "dictionaries":
        _require_path(args.dir, "dir")
    if getattr(args, "dictionaries", None):
        from eventwire.dictionaries.loader import SHIPPED

        # a folder, a compiled .json.gz, or the name of a shipped set ("phoenix", "petr_validate")
        if args.dictionaries not in SHIPPED:
            _require_path(args.dictionaries, "file" if str(args.dictionaries).endswith(".json.gz") else "dir")


def _require_path(path: str, kind: str) -> None:
    if not os.path.exists(path):
        raise InputError(f"no such {'folder' if kind == 'dir' else 'file'}; check the path", where=path)
    if kind == "file" and os.path.isdir(path):
        raise InputError("is a folder; pass the files in it (e.g. a folder/*.jsonl glob)", where=path)
    if kind == "dir" and not os.path.isdir(path):
        raise InputError(
            "is a file, not a folder; pass the folder that holds the dictionary files", where=path
        )


# --- code --------------------------------------------------------------------------------------------


@dataclass
class RunStats:
    """Counts for the closing summary; `read` = coded + rejected + skipped (every item seen).

    Skips (duplicates, non-English stories, WARC records and folder files that are
    not pages: `eventwire.ingest.is_skip`) are counted by reason, not listed, and
    are not failures under --strict.
    """

    coded: int = 0
    events: int = 0
    rejected: int = 0
    undated: int = 0  # coded stories with no publication date
    discarded: int = 0  # coded stories dropped whole by a story-level discard phrase (sports, weather...)
    rejects: list[Reject] = field(default_factory=list)  # the first MAX_LISTED_REJECTS
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count

    @property
    def read(self) -> int:
        return self.coded + self.rejected + sum(self.skipped.values())

    def add_reject(self, reject: Reject) -> None:
        from eventwire.ingest import is_skip

        if is_skip(reject.reason):
            self.skipped[reject.reason] = self.skipped.get(reject.reason, 0) + 1
            return
        self.rejected += 1
        if len(self.rejects) < MAX_LISTED_REJECTS:
            self.rejects.append(reject)

    def summary(self) -> str:
        line = (
            f"{self.read:,} {_plural(self.read, 'story', 'stories')} read, {self.coded:,} coded, "
            f"{self.events:,} {_plural(self.events, 'event', 'events')}, {self.rejected:,} rejected"
        )
        if self.skipped:
            reasons = ", ".join(f"{n:,} {reason}" for reason, n in sorted(self.skipped.items()))
            line += f", {sum(self.skipped.values()):,} skipped ({reasons})"
        if self.discarded:
            line += f"; {self.discarded:,} coded {_plural(self.discarded, 'story', 'stories')} discarded whole by the dictionaries' story discards"
        return line

    def progress(self) -> str:
        return f"{self.read:,} read, {self.coded:,} coded, {self.events:,} {_plural(self.events, 'event', 'events')}, {self.rejected:,} rejected"


def cmd_code(args: argparse.Namespace) -> int:
    """`eventwire code`: read, code (in a process pool), write events; summary and rejects to stderr."""
    from eventwire.engines.local import code_in_pool, default_workers
    from eventwire.ingest import read_sources

    options = CodingOptions(
        require_dyad=not args.no_require_dyad,
        max_story_chars=args.max_chars,
        intent_codes=not args.no_intent_codes,
    )
    stories = read_sources(
        args.sources,
        date=args.date,
        max_story_chars=args.max_chars,
        fmt=args.input_format,
        max_bytes=args.max_bytes,
        fetch_links=args.fetch_links,
        language_check=not args.no_language_check,
    )
    output_format = args.output_format or ("table" if _isatty(sys.stdout) else "jsonl")
    writer = TableWriter(sys.stdout) if output_format == "table" else JsonlWriter(sys.stdout)
    stats = RunStats()
    progress = Progress(sys.stderr)
    results = code_in_pool(
        stories,
        workers=args.workers or default_workers(),
        dictionaries_path=args.dictionaries,
        options=options,
        chunk_size=args.batch_size,
        extend_dictionaries=args.extend_dictionaries,
    )
    with contextlib.closing(results):
        for item in results:
            if isinstance(item, Reject):
                stats.add_reject(item)
            else:
                stats.coded += 1
                stats.undated += item.story.date is None
                stats.events += len(item.events)
                stats.discarded += item.discarded is not None
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


def print_summary(stats: RunStats, stream: IO[str]) -> None:
    """The rejects as `origin: reason: message`, then the one-line summary (last, where it is seen)."""
    if stats.rejects:
        print("rejected:", file=stream)
        for reject in stats.rejects:
            message = reject.message.removeprefix(f"{reject.origin}: ")
            print(f"  {reject.origin}: {reject.reason}: {message}", file=stream)
        if stats.rejected > len(stats.rejects):
            print(f"  … and {stats.rejected - len(stats.rejects):,} more", file=stream)
    if stats.undated:
        print(
            f"{stats.undated:,} {_plural(stats.undated, 'story', 'stories')} without a date "
            "(no --date, none in the story, its URL or dateline): events are dated only by their text",
            file=stream,
        )
    print(stats.summary(), file=stream)


class JsonlWriter:
    """One `EventMention.to_json()` per line, UTF-8 whatever the locale."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._buffer: IO[bytes] | None = getattr(stream, "buffer", None)

    def write(self, event: EventMention) -> None:
        self.write_json(event.to_json())

    def write_quote(self, quote: Quote) -> None:
        """Quote records share the stream, told apart by `"kind": "quote"`."""
        self.write_json({"kind": "quote", **quote.to_json()})

    def write_json(self, record: dict[str, object]) -> None:
        import orjson

        line = orjson.dumps(record) + b"\n"
        if self._buffer is not None:
            self._buffer.write(line)
        else:
            self._stream.write(line.decode("utf-8"))


class TableWriter:
    """Aligned rows for a terminal, streamed: fixed column widths, long values cut with '…'."""

    COLUMNS = (("DATE", 10), ("SOURCE", 12), ("CODE", 4), ("TARGET", 12), ("PLACE", 14))
    EXCERPT_CHARS = 60

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._header_done = False

    def write(self, event: EventMention) -> None:
        if not self._header_done:
            self._stream.write(self._row([name for name, _ in self.COLUMNS], "SENTENCE [RULE]"))
            self._header_done = True
        cells = [
            event.date or "-",
            event.source.code if event.source else "-",
            event.code,
            event.target.code if event.target else "-",
            event.place.name if event.place else "-",
        ]
        self._stream.write(self._row(cells, f"{excerpt(event, self.EXCERPT_CHARS)} [{event.evidence.rule}]"))

    def _row(self, cells: list[str], last: str) -> str:
        parts = [_fit(cell, width) for cell, (_, width) in zip(cells, self.COLUMNS)]
        return "  ".join(parts) + "  " + last + "\n"


def excerpt(event: EventMention, width: int) -> str:
    """At most `width` characters of the sentence, on one line, around the evidence verb."""
    sentence = event.sentence.translate(_FLATTEN).strip()
    if len(sentence) <= width:
        return sentence
    verb_at = max(0, event.evidence.start - event.sentence_start)
    start = max(0, min(verb_at - width // 3, len(sentence) - width))
    end = start + width
    piece = sentence[start:end]
    if start > 0 and 0 <= (cut := piece.find(" ")) < _WORD_SNAP:  # do not start mid-word
        piece = piece[cut + 1 :]
    if end < len(sentence) and (cut := piece.rfind(" ")) > len(piece) - _WORD_SNAP:
        piece = piece[:cut]
    return ("…" if start > 0 else "") + piece + ("…" if end < len(sentence) else "")


_WORD_SNAP = 15  # how far an excerpt edge may move to fall between words


_FLATTEN = {ord(c): " " for c in "\n\r\t\f\v"}


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


# --- evaluate ----------------------------------------------------------------------------------------


def cmd_evaluate(args: argparse.Namespace) -> int:
    """`eventwire evaluate`: score the coder on a gold file; a readable report or one JSON object."""
    from eventwire.engines.local import build_coder
    from eventwire.evaluate.sentences import evaluate, format_report, read_gold

    coder = build_coder(args.dictionaries, False, CodingOptions())
    from eventwire.evaluate.locations import is_location_gold

    if is_location_gold(args.gold):
        return _evaluate_locations(args, coder)
    if str(args.gold).endswith(".json"):
        return _evaluate_seed(args, coder)
    records: Any = read_gold(args.gold)
    if args.limit is not None:
        records = list(islice(records, args.limit))
    report = evaluate(records, coder)
    if args.json:
        import orjson

        sys.stdout.write(orjson.dumps(report.to_json()).decode("utf-8") + "\n")
    else:
        text = (
            format_report(report)
            if args.failures is None
            else format_report(report, max_failures=args.failures)
        )
        sys.stdout.write(text.rstrip("\n") + "\n")
    return EXIT_OK


def _evaluate_seed(args: argparse.Namespace, coder: Any) -> int:
    """A hand-coded story (like ../shared/seed/gold.json): its `document` is read from beside
    the gold file, or from the bundled examples, and coded with its `publication_date`."""
    import json
    from importlib import resources

    from eventwire.evaluate.sentences import evaluate_seed, format_seed_report
    from eventwire.records import Story

    gold_path = Path(args.gold)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        name = gold["document"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GoldFileError(
            "not a story gold file: expected a JSON object with document, must_find, should_find, must_not",
            where=str(gold_path),
        ) from exc
    beside = gold_path.parent / name
    bundled = resources.files("eventwire").joinpath("examples", name)
    if beside.is_file():
        text = beside.read_text(encoding="utf-8")
    elif bundled.is_file():
        text = bundled.read_text(encoding="utf-8")
    else:
        raise GoldFileError(f"the gold's document {name!r} is neither beside it nor bundled", where=str(gold_path))
    coded = coder.code_story(Story(id=name, text=text, date=gold.get("publication_date")))
    report = evaluate_seed(gold_path, coded.events)
    if args.json:
        import orjson

        sys.stdout.write(orjson.dumps(report.to_json()).decode("utf-8") + "\n")
    else:
        sys.stdout.write(format_seed_report(report).rstrip("\n") + "\n")
    return EXIT_OK


def _evaluate_locations(args: argparse.Namespace, coder: Any) -> int:
    """Event-location gold (VERB and LOCATION spans): place precision and recall."""
    from eventwire.evaluate.locations import evaluate_locations, format_location_report, read_location_gold

    records: Any = read_location_gold(args.gold)
    if args.limit is not None:
        records = records[: args.limit]
    report = evaluate_locations(records, coder)
    if args.json:
        import orjson

        sys.stdout.write(orjson.dumps(report.to_json()).decode("utf-8") + "\n")
    else:
        sys.stdout.write(format_location_report(report))
    return EXIT_OK


# --- dictionaries check ------------------------------------------------------------------------------


def cmd_dictionaries_check(args: argparse.Namespace) -> int:
    """`eventwire dictionaries check DIR`: each problem as file:line: message; exit 1 on any error."""
    from eventwire.dictionaries.check import check_dictionary_dir

    problems = check_dictionary_dir(args.dir)
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
            f"{args.dir}: {errors} {_plural(errors, 'error', 'errors')}, "
            f"{others} {_plural(others, 'warning', 'warnings')}",
            file=sys.stderr,
        )
    return EXIT_FAILED if errors else EXIT_OK


# --- plumbing ----------------------------------------------------------------------------------------


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


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _discard_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit-time flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass


if __name__ == "__main__":  # python -m eventwire.cli
    sys.exit(main())
