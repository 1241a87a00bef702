"""What the commands print: event rows for a terminal, JSON lines, reject lists and summaries."""

from __future__ import annotations

import os
from typing import IO

from eventwire.app import CodeStats
from eventwire.records import EventMention, Quote, Reject

__all__ = [
    "JsonlWriter",
    "TableWriter",
    "discard_stdout",
    "excerpt",
    "isatty",
    "plural",
    "print_rejects",
    "print_summary",
]


def print_summary(stats: CodeStats, stream: IO[str]) -> None:
    """The rejects as `origin: reason: message`, then the one-line summary (last, where it is seen)."""
    print_rejects(stats.rejects, stats.rejected, stream)
    if stats.undated:
        print(
            f"{stats.undated:,} {plural(stats.undated, 'story', 'stories')} without a date "
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


def print_rejects(rejects: list[Reject], total: int, stream: IO[str], *, more: str = "") -> None:
    """The listed rejects as `origin: reason: message`, and how many more there were."""
    if not rejects:
        return
    print("rejected:", file=stream)
    for reject in rejects:
        message = reject.message.removeprefix(f"{reject.origin}: ")
        print(f"  {reject.origin}: {reject.reason}: {message}", file=stream)
    if total > len(rejects):
        print(f"  … and {total - len(rejects):,} more{more}", file=stream)


def plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def discard_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit-time flush does not complain."""
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass
