"""The HTTP API and dashboard of `eventwire serve` (docs/api.md).

    from eventwire.api import ApiSettings, create_app
    app = create_app(ApiSettings(db="events.duckdb"))     # an ASGI app: uvicorn, TestClient...

Modules: `app` (routes, envelope, security, pages), `params` (request filters), `queries` (the
store reads, parameterised SQL), `exports` (streamed `format=` layouts), `budget` (the time budget),
`errors` (the one error shape), `served` (the store a server holds), `watch` (`--watch` ingest),
`countries` (ISO numeric ids for the basemap), `server` (uvicorn, bind and token rules).
"""

from __future__ import annotations

from eventwire.api.app import API_PREFIX, ApiSettings, create_app

__all__ = ["API_PREFIX", "ApiSettings", "create_app"]
