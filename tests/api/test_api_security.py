"""Bind rules, the bearer token, CORS, the time budget, and the pages (dashboard, /docs without a CDN)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import ApiSettings, create_app
from eventwire.api import queries as api_queries
from eventwire.api.budget import time_budget
from eventwire.api.errors import ApiError
from eventwire.api.server import ServeOptions, check_bind, is_loopback
from eventwire.errors import OptionError
from eventwire.store.db import Store

TOKEN = "s3cret-token-0123456789"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_api_loopback_needs_nothing(host: str) -> None:
    assert is_loopback(host)
    check_bind(host, None, False)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org"])
def test_api_other_addresses_need_a_token_or_public(host: str) -> None:
    with pytest.raises(OptionError) as caught:
        check_bind(host, None, False)
    assert caught.value.field == "host" and "--token" in caught.value.render({"token": "--token"})
    check_bind(host, TOKEN, False)
    check_bind(host, None, True)


def test_api_serve_options_checked() -> None:
    with pytest.raises(OptionError, match="at least 16"):
        ServeOptions(db="x.duckdb", host="0.0.0.0", token="short")
    with pytest.raises(OptionError, match="origin"):
        ServeOptions(db="x.duckdb", cors=("example.org",))
    with pytest.raises(OptionError, match="more than 0"):
        ServeOptions(db="x.duckdb", time_budget=0)


def test_api_token_checked_on_every_request(api_db: str) -> None:
    with TestClient(create_app(ApiSettings(db=api_db, token=TOKEN))) as client:
        for path in ("/api/v1/meta", "/api/v1/events", "/openapi.json", "/"):
            response = client.get(path)
            assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
            assert response.json()["error"]["status"] == 401
        assert client.get("/api/v1/meta", headers={"Authorization": "Bearer wrong-token-0000000"}).status_code == 401
        assert client.get("/api/v1/meta", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        # a browser: /?token= once sets the cookie, then every request carries it
        response = client.get(f"/?token={TOKEN}", follow_redirects=False)
        assert response.status_code == 303 and "httponly" in response.headers["set-cookie"].lower()
        assert client.get("/api/v1/meta").status_code == 200


def test_api_cors_off_unless_asked(api_db: str) -> None:
    origin = {"Origin": "https://analyst.example"}
    with TestClient(create_app(ApiSettings(db=api_db))) as client:
        assert "access-control-allow-origin" not in client.get("/api/v1/meta", headers=origin).headers
    with TestClient(create_app(ApiSettings(db=api_db, cors=("https://analyst.example",)))) as client:
        assert client.get("/api/v1/meta", headers=origin).headers["access-control-allow-origin"] == "https://analyst.example"
        other = client.get("/api/v1/meta", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


SLOW_SQL = "SELECT sum(a.range * b.range) FROM range(100000) a, range(100000) b"  # ~10^10 rows


def test_api_time_budget_interrupts_a_long_query(api_db: str) -> None:
    """Past the budget DuckDB stops the query: one clear error in well under the query's own time,
    and the connection still answers."""
    with Store(api_db, read_only=True) as store:
        started = time.monotonic()
        with pytest.raises(ApiError) as caught, time_budget(store, 0.3):
            store.execute(SLOW_SQL).fetchall()
        assert time.monotonic() - started < 5
        assert caught.value.status == 503 and "time budget of 0.3 s" in caught.value.message
        assert store.execute("SELECT 42").fetchall() == [(42,)]


def test_api_time_budget_error_shape(api_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_count(store: Store, flt: object) -> int:
        return int(store.execute(SLOW_SQL).fetchall()[0][0])

    monkeypatch.setattr(api_queries, "count_events", slow_count)
    with TestClient(create_app(ApiSettings(db=api_db, time_budget=0.3))) as client:
        response = client.get("/api/v1/events", params={"with_total": "true"})
        assert response.status_code == 503
        assert response.json()["error"]["message"].startswith("the query ran past the time budget")
        assert client.get("/api/v1/events").status_code == 200  # the server goes on


def test_api_pages_dashboard_and_docs_from_vendored_files(api_db: str, tmp_path: Path) -> None:
    """/ serves api/static/index.html, /static/ the folder, /docs the vendored Swagger UI (no CDN)."""
    with TestClient(create_app(ApiSettings(db=api_db, static_dir=tmp_path / "none"))) as client:
        assert client.get("/").status_code == 404 and "dashboard" in client.get("/").json()["error"]["message"]
        assert client.get("/docs").status_code == 404
        assert client.get("/static/app.js").status_code == 404
        assert client.get("/openapi.json").json()["info"]["title"] == "eventwire"
    vendor = tmp_path / "static" / "vendor" / "swagger-ui"
    vendor.mkdir(parents=True)
    (tmp_path / "static" / "index.html").write_text("<html>dashboard</html>")
    (vendor / "swagger-ui-bundle.js").write_text("// swagger")
    (vendor / "swagger-ui.css").write_text("/* css */")
    with TestClient(create_app(ApiSettings(db=api_db, static_dir=tmp_path / "static"))) as client:
        assert client.get("/").text == "<html>dashboard</html>"
        docs = client.get("/docs").text
        assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "/static/vendor/swagger-ui/swagger-ui.css" in docs
        assert "cdn" not in docs.lower() and "https://" not in docs
        assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").text == "// swagger"
