"""The FastAPI app: `/api/v1` over the event store, the dashboard at `/`, its files at `/static/`,
OpenAPI at `/openapi.json` and the Swagger UI at `/docs` (served from the vendored files, no CDN).

    app = create_app(ApiSettings(db="events.duckdb"))

Routes only parse, call `queries` under the time budget, and wrap the result in the envelope:

    {"query": {...normalised parameters}, "limit", "next_cursor", "next_url", "total" (with_total=true),
     "results": [...], "store": {"version", "coder", "dictionaries"}}

Errors have one shape (`errors`). Security: a bearer token on every request when `token` is set
(the dashboard's browser gets it as a cookie from `/?token=...`), CORS only for the `cors` origins.
"""

from __future__ import annotations

import contextlib
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles

from eventwire import __version__
from eventwire.api import queries
from eventwire.api.budget import time_budget
from eventwire.api.errors import ApiError, error_body, install
from eventwire.api.exports import EXPORT_FORMATS, export_stream
from eventwire.api.params import event_filter, filter_query, no_unknown_parameters
from eventwire.api.served import ServedStore
from eventwire.api.watch import WatchSettings
from eventwire.store.db import Store
from eventwire.store.query import EventFilter

__all__ = ["API_PREFIX", "STATIC_DIR", "ApiSettings", "create_app"]

API_PREFIX = "/api/v1"
STATIC_DIR = Path(str(resources.files("eventwire.api"))) / "static"
SWAGGER = "/static/vendor/swagger-ui"
TOKEN_COOKIE = "eventwire_token"
DEFAULT_TIME_BUDGET = 10.0


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """How the app serves: the store, its writer, the time budget and the security options."""

    db: str
    time_budget: float | None = DEFAULT_TIME_BUDGET  # seconds per query; None: no limit
    token: str | None = None  # bearer token required on every request
    cors: tuple[str, ...] = ()  # origins allowed to call the API from a browser
    watch: WatchSettings | None = None  # ingest in-process (the store opens for writing)
    static_dir: Path = field(default=STATIC_DIR)


def create_app(settings: ApiSettings, *, served: ServedStore | None = None) -> FastAPI:
    """The app over `settings.db`; the store opens when the app starts (lifespan), or is `served`
    already open, and closes when it stops."""
    opened = served

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        served = opened or ServedStore(settings.db, writable=settings.watch is not None)
        app.state.served = served
        watcher = None
        if settings.watch is not None:
            from eventwire.api.watch import Watcher

            watcher = Watcher(served, settings.watch)
            app.state.watcher = watcher
            watcher.start()
        try:
            yield
        finally:
            if watcher is not None:
                watcher.stop(timeout=60)
            served.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        summary="CAMEO/PLOVER political events from the news, every event traceable to its sentence.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    if served is not None:  # open already: usable before the lifespan runs (a test client without it)
        app.state.served = served
    install(app)
    app.include_router(_api_router(settings), prefix=API_PREFIX)
    _add_pages(app, settings)
    if settings.cors:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors), allow_methods=["GET"], allow_headers=["Authorization"]
        )
    if settings.token:
        _require_token(app, settings.token)
    return app


# --- security ----------------------------------------------------------------------------------------


def _require_token(app: FastAPI, token: str) -> None:
    expected = token.encode("utf-8")

    @app.middleware("http")
    async def check_token(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        header = request.headers.get("authorization", "")
        given = header[7:].strip() if header[:7].lower() == "bearer " else request.cookies.get(TOKEN_COOKIE, "")
        if request.url.path == "/" and "token" in request.query_params:
            # the dashboard's link: the browser keeps the token as a cookie and loads the page without it
            if hmac.compare_digest(request.query_params["token"].encode("utf-8"), expected):
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
                return response
        if not hmac.compare_digest(given.encode("utf-8"), expected):
            from fastapi.responses import JSONResponse

            return JSONResponse(
                error_body(401, "this server needs its token: send 'Authorization: Bearer TOKEN' (a browser: open /?token=TOKEN once)"),
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return await call_next(request)


# --- the dashboard and the docs page -----------------------------------------------------------------------


def _add_pages(app: FastAPI, settings: ApiSettings) -> None:
    static = settings.static_dir
    if static.is_dir():  # the dashboard's files (api/static/, vendored assets included)
        app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        index = static / "index.html"
        if not index.is_file():
            raise ApiError(404, "the dashboard is not installed (no api/static/index.html); the API is at /api/v1, see /docs")
        return FileResponse(index, media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if not (static / "vendor" / "swagger-ui" / "swagger-ui-bundle.js").is_file():
            raise ApiError(404, "the Swagger UI files are not installed (api/static/vendor/swagger-ui); /openapi.json has the spec")
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
        )


# --- /api/v1 ---------------------------------------------------------------------------------------------


def _reader(request: Request) -> Iterator[Store]:
    served: ServedStore = request.app.state.served
    store = served.reader()
    try:
        yield store
    finally:
        store.close()


Reader = Annotated[Store, Depends(_reader)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, description=f"results per page (at most {queries.MAX_LIMIT}: larger values are capped)")]


class JsonBody(Response):
    """A JSON answer serialised by orjson as it is: FastAPI would first walk a returned dict with
    `jsonable_encoder`, which cost more than the query for large answers (a year's weekly timeline
    by country: 360 ms for 7,875 rows, orjson 2 ms). NaN becomes null, never invalid JSON."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _cap(limit: int) -> int:
    return min(limit, queries.MAX_LIMIT)


def _envelope(
    request: Request, query: dict[str, Any], results: Any, *, limit: int | None = None, next_cursor: str | None = None, total: int | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "query": query,
        "limit": limit,
        "next_cursor": next_cursor,
        "next_url": str(request.url.include_query_params(cursor=next_cursor)) if next_cursor else None,
    }
    if total is not None:
        out["total"] = total
    out["results"] = results
    out["store"] = request.app.state.served.info
    return out


def _api_router(settings: ApiSettings) -> APIRouter:
    budget = settings.time_budget
    router = APIRouter(dependencies=[Depends(no_unknown_parameters)])

    @router.get("/events", summary="List events (or export them with format=)")
    def list_events(
        request: Request,
        store: Reader,
        flt: Filter,
        sort: Annotated[Literal["date", "-date"], Query(description="by event date (then id); -date: newest first")] = "date",
        limit: Limit = 50,
        cursor: Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page")] = None,
        with_total: Annotated[bool, Query(description="count every matching event (costs a second query)")] = False,
        format: Annotated[
            Literal["json", "csv", "ndjson", "parquet", "gdelt", "icews", "plover"] | None,
            Query(description="stream the whole result (no page limit) in this layout"),
        ] = None,
    ) -> Any:
        if format is not None:
            media, ext = EXPORT_FORMATS[format]
            served: ServedStore = request.app.state.served
            return StreamingResponse(
                export_stream(served.reader, format, flt, sort, budget),
                media_type=media,
                headers={"Content-Disposition": f'attachment; filename="events.{ext}"'},
            )
        limit = _cap(limit)
        after = queries.Cursor.decode(cursor, sort) if cursor else None
        with time_budget(store, budget):
            rows, next_page = queries.page(store, flt, limit=limit, after=after, sort=sort)
            results = queries.list_records(store, rows)
            total = queries.count_events(store, flt) if with_total else None
        query = {**filter_query(flt), "sort": sort}
        return JsonBody(_envelope(request, query, results, limit=limit, next_cursor=next_page.encode() if next_page else None, total=total))

    @router.get("/events/{event_id}", summary="One event with every report of it")
    def get_event(store: Reader, event_id: Annotated[str, PathParam(max_length=100)]) -> Any:
        with time_budget(store, budget):
            found = queries.event_detail(store, event_id)
        if found is None:
            raise ApiError(404, f"no event with id {event_id!r} in the store", "event_id")
        return JsonBody(found)

    @router.get("/articles/{article_id}", summary="A story's text with each event's actor and verb offsets")
    def get_article(store: Reader, article_id: Annotated[str, PathParam(max_length=2000)]) -> Any:
        with time_budget(store, budget):
            found = queries.article(store, article_id)
        if found is None:
            raise ApiError(404, f"no article with id {article_id!r} in the store", "article_id")
        return JsonBody(found)

    @router.get("/timeline", summary="Events per day, week or month, by group, with stories as denominator")
    def get_timeline(
        request: Request,
        store: Reader,
        flt: Filter,
        interval: Annotated[Literal["day", "week", "month"], Query(description="period length (weeks start on Monday)")] = "week",
        group_by: Annotated[Literal["quad_class", "root", "plover", "country"], Query(description="one series per group (country: the place's)")] = "quad_class",
    ) -> Any:
        with time_budget(store, budget):
            rows, stories = queries.timeline(store, flt, interval, group_by)
        out = _envelope(request, {**filter_query(flt), "interval": interval, "group_by": group_by}, rows)
        out["stories"] = stories
        return JsonBody(out)

    @router.get("/geo", summary="Event places (or countries) as GeoJSON")
    def get_geo(
        request: Request,
        store: Reader,
        flt: Filter,
        level: Annotated[Literal["place", "country"], Query(description="place: a point per place; country: per country, with iso_n3")] = "place",
        limit: Limit = 1000,
    ) -> Any:
        limit = _cap(limit)
        with time_budget(store, budget):
            collection = queries.geo(store, flt, level=level, limit=limit)
        collection.update(_envelope(request, {**filter_query(flt), "level": level}, None, limit=limit))
        collection.pop("results")
        return JsonBody(collection)

    @router.get("/dyads", summary="Source -> target pairs: events, reports, Goldstein, QuadClass mix")
    def get_dyads(
        request: Request,
        store: Reader,
        flt: Filter,
        level: Annotated[Literal["country", "sector", "full"], Query(description="actor codes cut to country (3), country+sector (6) or kept whole")] = "sector",
        limit: Limit = 50,
    ) -> Any:
        limit = _cap(limit)
        with time_budget(store, budget):
            rows = queries.dyads(store, flt, level=level, limit=limit)
        return JsonBody(_envelope(request, {**filter_query(flt), "level": level}, rows, limit=limit))

    @router.get("/actors", summary="Actor autocomplete over codes and names, with the dictionary line")
    def get_actors(
        request: Request,
        store: Reader,
        q: Annotated[str, Query(min_length=1, max_length=100, description="a code prefix (IRQ) or words of a name")],
        limit: Limit = 20,
    ) -> Any:
        limit = _cap(limit)
        with time_budget(store, budget):
            rows = queries.actors(store, q, limit=limit)
        return JsonBody(_envelope(request, {"q": q.strip()}, rows, limit=limit))

    @router.get("/meta", summary="Codebooks, coder version and store coverage")
    def get_meta(request: Request, store: Reader) -> Any:
        with time_budget(store, budget):
            coverage = queries.coverage(store)
        from eventwire.app.options import CoderSpec

        spec = CoderSpec()
        return JsonBody({
            "eventwire": __version__,
            "coder": {"version": spec.version, "dictionaries": spec.dictionary_version},
            "store": {**request.app.state.served.info, "writable": request.app.state.served.writable},
            "coverage": coverage,
            "codebooks": queries.codebooks(),
            "dedup": store.dedup_config.to_json(),
        })

    return router
