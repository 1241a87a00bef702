"""Fetching http(s) URLs politely and safely, with httpx.

Only ``http`` and ``https`` are fetched; any other scheme (``file://``,
``ftp://``, ``data:``) is refused with `UnsupportedURLError`, and so is a
redirect to one. Every request has:

* timeouts: connect and read timeouts (`FetchOptions.timeout`) and a total
  deadline for the whole body (`FetchOptions.deadline`), so a server that drips
  one byte a second cannot hold a run;
* a size cap (``--max-bytes``): a declared Content-Length over it is refused
  before the body is read, and the body is read (and gzip/deflate-decoded with a
  bounded decoder) chunk by chunk and abandoned as soon as it passes the cap;
* a content-type check: web pages, feeds and plain text are read; an image, a
  PDF, a video is refused before its body is downloaded;
* a polite concurrency limit: `fetch_many` runs at most
  `FetchOptions.concurrency` requests at once, at most `FetchOptions.per_host`
  of them to one host, and yields the results in input order.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self
from urllib.parse import urlsplit

from eventwire import __version__
from eventwire.errors import FetchError, InputError, StoryTooLargeError, UnsupportedURLError
from eventwire.ingest.compressed import ContentDecoder

if TYPE_CHECKING:
    import httpx

__all__ = ["FetchOptions", "Fetched", "Fetcher", "check_url", "is_url"]

#: content types worth downloading (the reader sniffs the body to tell a page from a feed)
ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/plain",
        "application/octet-stream",  # sniffed; servers say this when they do not know
        "",
    }
)
_SCHEME_SEP = "://"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch: timeouts in seconds, concurrency limits, redirects, the User-Agent sent."""

    timeout: float = 15.0  # connect / read / write, each
    deadline: float = 60.0  # the whole request, body included
    concurrency: int = 4
    per_host: int = 2
    max_redirects: int = 5
    user_agent: str = f"eventwire/{__version__} (news event coder; python-httpx)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetched body: the URL asked for, where it ended up after redirects, its type and bytes."""

    url: str
    final_url: str
    content_type: str  # lower-case MIME type without parameters, "" when not given
    charset: str | None
    body: bytes


def is_url(source: str) -> bool:
    """True for anything written as ``scheme://...`` (or ``data:``), fetchable or not."""
    head = source[:16].lower()
    return _SCHEME_SEP in head or head.startswith("data:")


def check_url(url: str) -> None:
    """Raise UnsupportedURLError unless `url` is an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError as e:
        raise UnsupportedURLError(f"is not a valid URL ({e})", where=url) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsupportedURLError(
            f"uses {parts.scheme or 'no'}://; only http:// and https:// URLs are fetched "
            "(pass local files by their path)",
            where=url,
        )
    if not parts.hostname:
        raise UnsupportedURLError("has no host name; write it as https://host/path", where=url)


class Fetcher:
    """Fetches URLs under `options` and a `max_bytes` body cap; one httpx client, closed by `close()`."""

    def __init__(self, max_bytes: int, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.max_bytes = max_bytes
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> Fetched:
        """GET `url`; raises UnsupportedURLError, FetchError or StoryTooLargeError (all InputErrors)."""
        check_url(url)
        host = (urlsplit(url).hostname or "").lower()
        with self._host_slot(host):
            return self._get(url)

    def fetch_many(self, urls: Iterable[str]) -> Iterator[tuple[str, Fetched | InputError]]:
        """(url, Fetched or the error) for each URL, in input order, `concurrency` at a time."""
        pending: deque[tuple[str, Future[Fetched]]] = deque()
        window = max(1, self.options.concurrency) * 2
        pool = ThreadPoolExecutor(max_workers=max(1, self.options.concurrency), thread_name_prefix="fetch")
        try:
            for url in urls:
                pending.append((url, pool.submit(self.fetch, url)))
                if len(pending) >= window:
                    yield self._result(*pending.popleft())
            while pending:
                yield self._result(*pending.popleft())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _result(url: str, future: Future[Fetched]) -> tuple[str, Fetched | InputError]:
        try:
            return url, future.result()
        except InputError as e:
            return url, e

    def _host_slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.Semaphore(max(1, self.options.per_host))
            return slot

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                import httpx

                opts = self.options
                self._client = httpx.Client(
                    follow_redirects=True,
                    max_redirects=opts.max_redirects,
                    timeout=httpx.Timeout(opts.timeout),
                    limits=httpx.Limits(max_connections=max(1, opts.concurrency)),
                    headers={
                        "User-Agent": opts.user_agent,
                        "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                        "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
                        "Accept-Encoding": "gzip, deflate",
                    },
                )
            return self._client

    def _get(self, url: str) -> Fetched:
        import httpx

        started = time.monotonic()
        try:
            with self._http().stream("GET", url) as response:
                final_url = str(response.url)
                check_url(final_url)
                if response.status_code >= 400:
                    raise FetchError(
                        f"answered HTTP {response.status_code} {response.reason_phrase}; check the URL",
                        where=url,
                    )
                content_type, charset = _content_type(response.headers.get("content-type", ""))
                if content_type not in ACCEPTED_TYPES:
                    raise FetchError(
                        f"is {content_type}, not a web page, feed or text; eventwire reads HTML, "
                        "RSS/Atom and plain text",
                        where=url,
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise StoryTooLargeError(
                        f"is {int(declared):,} bytes, over the --max-bytes cap of {self.max_bytes:,}; "
                        "raise --max-bytes if it is genuine",
                        where=url,
                    )
                decoder = ContentDecoder(
                    response.headers.get("content-encoding", ""), url, self.max_bytes, FetchError
                )
                body = bytearray()
                for chunk in response.iter_raw():
                    body += decoder.feed(chunk)
                    if time.monotonic() - started > self.options.deadline:
                        raise FetchError(
                            f"took more than {self.options.deadline:g} s to download; "
                            "the server is too slow, try again later",
                            where=url,
                        )
                return Fetched(url, final_url, content_type, charset, bytes(body))
        except httpx.TooManyRedirects:
            raise FetchError(
                f"redirects more than {self.options.max_redirects} times; check the URL", where=url
            ) from None
        except httpx.UnsupportedProtocol as e:
            raise UnsupportedURLError(
                f"redirects to a URL that is not http(s) ({e}); refused", where=url
            ) from None
        except httpx.TimeoutException:
            raise FetchError(
                f"timed out (no answer within {self.options.timeout:g} s); the server is down or slow",
                where=url,
            ) from None
        except httpx.HTTPError as e:
            raise FetchError(f"could not be fetched ({type(e).__name__}: {e})", where=url) from None


def _content_type(header: str) -> tuple[str, str | None]:
    mime, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower(), charset
