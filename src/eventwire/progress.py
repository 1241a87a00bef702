"""A one-line progress counter on stderr, only when stderr is a terminal.

    Progress(sys.stderr).update("120 read, 97 coded, 431 events")   # redrawn in place, 10 times a second at most
    Progress(sys.stderr).clear()                                     # before the closing summary

When the stream is not a terminal (piped, redirected, captured by tests) every
call does nothing, so logs stay clean. No dependency: a carriage return and an
erase-line escape.
"""

from __future__ import annotations

import time
from typing import IO

__all__ = ["Progress"]

_INTERVAL = 0.1  # seconds between redraws
_ERASE = "\r\x1b[K"


class Progress:
    """Redraws one status line on `stream` if it is a terminal; silent otherwise."""

    def __init__(self, stream: IO[str], *, enabled: bool | None = None) -> None:
        self._stream = stream
        self.enabled = _isatty(stream) if enabled is None else enabled
        self._last = 0.0
        self._shown = False

    def update(self, text: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < _INTERVAL:
            return
        self._last = now
        self._stream.write(f"{_ERASE}{text}")
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self.enabled and self._shown:
            self._stream.write(_ERASE)
            self._stream.flush()
            self._shown = False


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
