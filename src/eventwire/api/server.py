"""`eventwire serve`: the checks before binding, and uvicorn.

    serve(ServeOptions(db="events.duckdb", host="127.0.0.1", port=8000))

Binding anything but a loopback address needs a token (a bearer token checked on every request) or
an explicit `public=True`: the store is not exposed to the network by accident. The store is opened
before uvicorn starts, so a missing store or one that another process is writing fails with one line.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass, field

from eventwire.api.app import DEFAULT_TIME_BUDGET, ApiSettings, create_app
from eventwire.api.served import ServedStore
from eventwire.api.watch import WatchSettings
from eventwire.errors import OptionError

__all__ = ["ServeOptions", "check_bind", "is_loopback", "serve"]

LOG = logging.getLogger("eventwire.api")


@dataclass(frozen=True, slots=True)
class ServeOptions:
    db: str
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    public: bool = False
    cors: tuple[str, ...] = ()
    time_budget: float | None = DEFAULT_TIME_BUDGET
    watch: WatchSettings | None = None
    log_level: str = "info"
    extra: dict[str, object] = field(default_factory=dict)  # more uvicorn settings (tests)

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise OptionError("port", "{port} must be 0-65535, not {value}", value=self.port)
        if self.time_budget is not None and self.time_budget <= 0:
            raise OptionError("time_budget", "{time_budget} must be more than 0 seconds, not {value}", value=self.time_budget)
        if self.token is not None and len(self.token) < 16:
            raise OptionError("token", "{token} must be at least 16 characters (e.g. `openssl rand -hex 16`)")
        for origin in self.cors:
            if origin != "*" and not origin.startswith(("http://", "https://")):
                raise OptionError("cors", "{cors} takes an origin such as https://example.org, not {value!r}", value=origin)
        check_bind(self.host, self.token, self.public)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None, public: bool) -> None:
    """OptionError when `host` is reachable from other machines and neither a token nor --public is given."""
    if not is_loopback(host) and token is None and not public:
        raise OptionError(
            "host",
            "{host} {value} lets other machines in: give {token} TOKEN (checked on every request) or --public "
            "to serve the store to anyone who can reach it",
            value=host,
        )


def serve(options: ServeOptions) -> None:
    """Open the store, then serve until interrupted (Ctrl-C, SIGTERM)."""
    import uvicorn

    served = ServedStore(options.db, writable=options.watch is not None)
    settings = ApiSettings(
        db=options.db, time_budget=options.time_budget, token=options.token, cors=options.cors, watch=options.watch
    )
    app = create_app(settings, served=served)
    mode = f"writing: --watch ingests every {options.watch.every:g} s" if options.watch else "read-only"
    LOG.warning("serving %s (%s) on http://%s:%d/", options.db, mode, options.host, options.port)
    uvicorn.run(app, host=options.host, port=options.port, log_level=options.log_level, **options.extra)  # type: ignore[arg-type]
