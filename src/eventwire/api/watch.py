"""`eventwire serve --watch SOURCE... --every 15m`: the server ingests what is new, every interval.

A daemon thread runs the application layer's `ingest` (`eventwire.app.ingest`, `into=` the store the
server holds open for writing) over the sources, then waits; stories already stored are skipped, so
each round codes only what the feeds, folders or URLs added. The requests see each commit at once.
A round that fails (a feed is down, a file is unreadable) is logged and the next round comes anyway.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass

from eventwire.api.served import ServedStore
from eventwire.engines import Engine
from eventwire.errors import EventwireError, OptionError

__all__ = ["WatchSettings", "Watcher", "parse_interval"]

LOG = logging.getLogger("eventwire.api")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds of an interval written 90s, 15m, 1h or 1d (a bare number: seconds); at least 1 s."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(text))
    if not match or float(match.group(1)) * _UNITS[match.group(2) or "s"] < 1:
        raise OptionError("every", "{every} must be an interval such as 15m, 1h or 90s (at least 1 s), not {value!r}", value=text)
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


@dataclass(frozen=True, slots=True)
class WatchSettings:
    sources: tuple[str, ...]
    every: float = 900.0  # seconds between the starts of two rounds
    dictionaries: str | None = None
    workers: int = 1  # coder processes (1: in the server's process)
    fetch_links: bool = False


class Watcher:
    """The background ingest loop; `stop()` ends it after the round under way."""

    def __init__(self, served: ServedStore, settings: WatchSettings, *, engine: Engine | None = None) -> None:
        if not served.writable:
            raise OptionError("watch", "{watch} needs the store open for writing")
        self.served = served
        self.settings = settings
        self.engine = engine  # None: this machine's pool of settings.workers processes
        self.rounds = 0
        self.last_summary: str | None = None
        self.last_error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="eventwire-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def run_once(self) -> None:
        """One round: ingest what is new from the sources (errors logged, not raised)."""
        from eventwire import app
        from eventwire.app.options import CoderSpec, ReadOptions, RunOptions, StoreOptions

        writer = self.served.reader()
        try:
            summary = app.ingest(
                ReadOptions(self.settings.sources, fetch_links=self.settings.fetch_links),
                CoderSpec(self.settings.dictionaries),
                StoreOptions(self.served.db),
                run=RunOptions(workers=self.settings.workers),
                engine=self.engine,
                into=writer,
            )
            self.last_summary, self.last_error = summary.summary(), None
            LOG.warning("watch: %s", self.last_summary)
        except EventwireError as e:
            self.last_error = str(e)
            LOG.error("watch: this round failed (%s); the next comes in %g s", e, self.settings.every)
        finally:
            writer.close()
            self.rounds += 1
        self.served.refresh()

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            self.run_once()
            self._stop.wait(max(0.0, self.settings.every - (time.monotonic() - started)))
