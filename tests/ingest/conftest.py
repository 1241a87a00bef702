"""Fixtures for the ingest tests: a real local HTTP server, WARC building, the real coder.

No network: the server listens on 127.0.0.1 on a free port, in a thread, and
is shut down after each test. Proxy variables are removed so httpx talks to it
directly.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
RFERL_HTML = FIXTURES / "rferl_nato_iraq_2008.html"
RFERL_TXT = (
    Path(__file__).resolve().parents[2] / "src" / "eventwire" / "examples" / "rferl_nato_iraq_2008.txt"
)

# --- a local HTTP server ------------------------------------------------------------------------------


@dataclass
class Route:
    """What the server answers on one path: status, headers, body (bytes, or chunks sent one by one)."""

    body: bytes | list[bytes] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0  # seconds before answering
    chunk_pause: float = 0.0  # seconds between chunks
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 with per-path routes; counts requests and peak concurrency."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                with server._lock:
                    server.hits.append(self.path)
                    server.active += 1
                    server.peak = max(server.peak, server.active)
                done = False

                def replying() -> None:
                    # a request counts as active until its answer starts: the client may open the
                    # next one as soon as it has read this one, before this thread winds down
                    nonlocal done
                    with server._lock:
                        if not done:
                            server.active -= 1
                            done = True

                try:
                    server._answer(self, replying)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    replying()

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def _answer(self, handler: BaseHTTPRequestHandler, replying: Callable[[], None]) -> None:
        route = self.routes.get(handler.path.split("?")[0])
        if route is None:
            route = Route(b"not found", status=404, headers={"Content-Type": "text/plain"})
        if route.delay:
            time.sleep(route.delay)
        replying()
        chunks = route.body if isinstance(route.body, list) else [route.body]
        handler.send_response(route.status)
        for key, value in route.headers.items():
            handler.send_header(key, value)
        if route.send_length and "Content-Length" not in route.headers:
            handler.send_header("Content-Length", str(sum(len(c) for c in chunks)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        for chunk in chunks:
            handler.wfile.write(chunk)
            handler.wfile.flush()
            if route.chunk_pause:
                time.sleep(route.chunk_pause)

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    local = LocalServer()
    try:
        yield local
    finally:
        local.close()


# --- WARC building ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WarcRecord:
    uri: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    rec_type: str = "response"
    status: str = "200 OK"
    date: str = "2008-04-20T10:00:00Z"


def build_warc(records: list[WarcRecord], *, gzip: bool = True) -> bytes:
    """A WARC file written by warcio's WARCWriter (one gzip member per record when `gzip`)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for rec in records:
        http = None
        if rec.rec_type == "response":
            http = StatusAndHeaders(rec.status, [("Content-Type", rec.content_type)], protocol="HTTP/1.1")
        headers = {"WARC-Date": rec.date}
        if rec.rec_type != "response":
            headers["Content-Type"] = rec.content_type
        record = writer.create_warc_record(
            rec.uri,
            rec.rec_type,
            payload=io.BytesIO(rec.body),
            length=len(rec.body),
            http_headers=http,
            warc_headers_dict=headers,
        )
        writer.write_record(record)
    return out.getvalue()


@pytest.fixture
def warc_builder() -> Callable[..., bytes]:
    return build_warc


# --- the real coder ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def real_coder() -> Any:
    """The shipped dictionaries and spaCy model, loaded once for the whole session."""
    from eventwire.coding.coder import Coder

    return Coder()


class OneEventCoder:
    """A stand-in coder for CLI wiring tests: one fixed event per story, no model."""

    def code_stories(self, stories: Any, options: Any = None, batch_size: int = 32) -> Iterator[Any]:
        from eventwire.records import ActorRef, CodedStory, EventMention, Evidence

        for story in stories:
            event = EventMention(
                doc_id=story.id,
                sentence_index=0,
                sentence=story.text[:80],
                sentence_start=0,
                source=ActorRef("IRQ", "Iraq", 0, 4),
                target=ActorRef("IGOWSTNAT", "NATO", 5, 9),
                code="0232",
                evidence=Evidence("urged", 10, 15, "test:one-event"),
                date=story.date,
                url=story.url,
            )
            yield CodedStory(story=story, events=(event,))


def one_event_coder_factory(dictionaries_path: Any, extend: bool, options: Any) -> OneEventCoder:
    return OneEventCoder()


@pytest.fixture
def fake_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    """`eventwire code` uses OneEventCoder (run with --workers 1: the coder stays in-process)."""
    from eventwire.engines import local

    monkeypatch.setattr(local, "build_coder", one_event_coder_factory)


def page(
    body_paragraphs: list[str], *, title: str = "A story", head: str = "", charset: str = "utf-8"
) -> str:
    """A small article page: navigation and footer around the paragraphs."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body_paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>{head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer><p>Contact us. Terms of use.</p></footer></body></html>"
    )
