"""Every query under a time budget: a timer interrupts the DuckDB connection when it runs out.

    with time_budget(store, 2.0):
        rows = store.rows(sql, params)

Past the budget DuckDB stops the query (`interrupt()` from the timer's thread) and the request gets
one clear 503 error instead of holding a worker; the connection stays usable.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import duckdb

from eventwire.api.errors import ApiError
from eventwire.errors import EventwireError
from eventwire.store.db import Store

__all__ = ["time_budget"]


@contextlib.contextmanager
def time_budget(store: Store, seconds: float | None) -> Iterator[None]:
    """Run the block's queries on `store` (a request's own cursor) for at most `seconds` (None: no limit)."""
    if seconds is None:
        yield
        return
    fired = threading.Event()
    done = threading.Event()

    def stop() -> None:
        if done.wait(seconds):
            return
        fired.set()
        # An interrupt stops the query running at that moment; one that arrives between two queries is
        # lost, so keep interrupting until the block gives up.
        while not done.is_set():
            with contextlib.suppress(duckdb.Error):
                store.con.interrupt()
            done.wait(0.05)

    timer = threading.Thread(target=stop, name="eventwire-time-budget", daemon=True)
    timer.start()
    try:
        yield
    except (EventwireError, duckdb.Error, RuntimeError):
        if fired.is_set():
            raise ApiError(
                503,
                f"the query ran past the time budget of {seconds:g} s and was stopped; narrow it (a shorter "
                "date range, an actor or a country) or start the server with a larger --time-budget",
            ) from None
        raise
    finally:
        done.set()
        timer.join()
